/*
 * check_tbucket.c - token buckets: the burst passes at once, then work is
 * paced at the refill rate, FIFO, and idle time refills up to the depth.
 */
#include "sim/tbucket.h"
#include "tests/suites.h"

START_TEST(test_burst_then_rate)
{
    struct tbucket b;
    sim_time now = 0, ready = 0;
    int i;

    /* 1000 tokens/s, depth 10: ten immediate, then one per millisecond. */
    tbucket_init(&b, 1000, 10);
    for (i = 0; i < 10; i++)
        ck_assert_uint_eq(tbucket_take(&b, now, 1), 0);
    for (i = 1; i <= 5; i++) {
        ready = tbucket_take(&b, now, 1);
        ck_assert_uint_eq(ready, (sim_time)i * SIM_PS_PER_MS);
    }
    /* Idle for a second: refills to the depth, not beyond. */
    now = SIM_PS_PER_S * 2;
    ck_assert_double_eq_tol(tbucket_level(&b, now), 10, 1e-9);
    ck_assert_uint_eq(tbucket_take(&b, now, 10), now);
    ck_assert_uint_eq(tbucket_take(&b, now, 0.5), now + SIM_PS_PER_MS / 2);
}
END_TEST

/*
 * Throughput after the burst: a source that takes 1500-byte packets as
 * fast as the bucket allows gets rate * t + burst bytes through in t.
 */
START_TEST(test_sustained_throughput)
{
    struct tbucket b;
    const double rate = 1.25e8, burst = 1e6;    /* 1 Gb/s, 1 MB */
    sim_time now = 0;
    double sent = 0;

    tbucket_init(&b, rate, burst);
    while (now < SIM_PS_PER_S) {
        now = tbucket_take(&b, now, 1500);
        sent += 1500;
    }
    /* Within one packet of rate * 1 s + burst. */
    ck_assert_double_eq_tol(sent, rate * 1.0 + burst, 1500 * 2);
}
END_TEST

START_TEST(test_large_amount_waits)
{
    struct tbucket b;

    tbucket_init(&b, 100, 10);
    /* 30 tokens from a full bucket of 10: 20 more at 100/s = 0.2 s. */
    ck_assert_uint_eq(tbucket_take(&b, 0, 30), SIM_PS_PER_MS * 200);
    ck_assert_double_eq_tol(tbucket_level(&b, SIM_PS_PER_MS * 200), 0, 1e-9);
}
END_TEST

Suite *tbucket_suite(void)
{
    Suite *s = suite_create("tbucket");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_burst_then_rate);
    tcase_add_test(tc, test_sustained_throughput);
    tcase_add_test(tc, test_large_amount_waits);
    suite_add_tcase(s, tc);
    return s;
}
