/*
 * check_time.c - tests for sim/time.h: conversions to and from seconds
 * and cycles, their edge cases, and saturating addition.
 */
#include <math.h>

#include "sim/time.h"
#include "tests/suites.h"

START_TEST(test_units)
{
    ck_assert_uint_eq(SIM_PS_PER_NS * 1000, SIM_PS_PER_US);
    ck_assert_uint_eq(SIM_PS_PER_US * 1000, SIM_PS_PER_MS);
    ck_assert_uint_eq(SIM_PS_PER_MS * 1000, SIM_PS_PER_S);
}
END_TEST

START_TEST(test_from_sec)
{
    ck_assert_uint_eq(sim_time_from_sec(1.0), SIM_PS_PER_S);
    ck_assert_uint_eq(sim_time_from_sec(5.12e-9), 5120);
    ck_assert_uint_eq(sim_time_from_sec(1e-12), 1);
    ck_assert_uint_eq(sim_time_from_sec(1e-6), SIM_PS_PER_US);
    ck_assert_uint_eq(sim_time_from_sec(3600.0), 3600 * SIM_PS_PER_S);
    /* Rounds to nearest, not down. */
    ck_assert_uint_eq(sim_time_from_sec(0.6e-12), 1);
    ck_assert_uint_eq(sim_time_from_sec(0.4e-12), 0);
    ck_assert_uint_eq(sim_time_from_sec(2.7e-12), 3);
}
END_TEST

/* The in-line rounding is nearbyint's, ties to even included. */
START_TEST(test_from_sec_rounds_like_nearbyint)
{
    static const double ps[] = {0.5, 1.5, 2.5, 3.49999, 1e6 + 0.5, 1e6 + 1.5,
                                4503599627370495.5, 4503599627370496.0,
                                9007199254740993.0, 1.8e19};
    uint64_t x = 88172645463325252u;
    size_t i;

    for (i = 0; i < sizeof(ps) / sizeof(ps[0]); i++) {
        double sec = ps[i] / 1e12, want = nearbyint(sec * 1e12);

        ck_assert_uint_eq(sim_time_from_sec(sec),
                          want >= 18446744073709551615.0 ? SIM_TIME_MAX
                                                         : (sim_time)want);
    }
    for (i = 0; i < 100000; i++) {
        double sec;

        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        /* Seconds from 1e-12 to 1e4, and exact half-picoseconds. */
        sec = (double)(x >> 11) * 0x1p-53 * pow(10, (double)(x % 17) - 12);
        if (i % 4 == 0)
            sec = ((double)(x % 100000000) + 0.5) / 1e12;
        ck_assert_uint_eq(sim_time_from_sec(sec),
                          (sim_time)nearbyint(sec * 1e12));
    }
}
END_TEST

START_TEST(test_to_sec)
{
    ck_assert_double_eq(sim_time_to_sec(SIM_PS_PER_S), 1.0);
    ck_assert_double_eq(sim_time_to_sec(0), 0.0);
    ck_assert_double_eq_tol(sim_time_to_sec(5120), 5.12e-9, 1e-24);
    ck_assert_double_eq(sim_time_to_us(SIM_PS_PER_US), 1.0);
    ck_assert_double_eq(sim_time_to_us(SIM_PS_PER_MS), 1000.0);
    ck_assert_double_eq_tol(sim_time_to_us(1500), 1.5e-3, 1e-18);
}
END_TEST

/* Exact round trips for times well inside the 2^53 ps exact range. */
START_TEST(test_round_trip)
{
    sim_time t;

    for (t = 1; t < 100 * SIM_PS_PER_S; t = t * 3 + 1)
        ck_assert_uint_eq(sim_time_from_sec(sim_time_to_sec(t)), t);
    for (t = 0; t < 5000; t++)
        ck_assert_uint_eq(sim_time_from_sec(sim_time_to_sec(t)), t);
}
END_TEST

START_TEST(test_from_sec_edges)
{
    ck_assert_uint_eq(sim_time_from_sec(0.0), 0);
    ck_assert_uint_eq(sim_time_from_sec(-0.0), 0);
    ck_assert_uint_eq(sim_time_from_sec(-1.0), 0);
    ck_assert_uint_eq(sim_time_from_sec(-INFINITY), 0);
    ck_assert_uint_eq(sim_time_from_sec(NAN), 0);
    ck_assert_uint_eq(sim_time_from_sec(INFINITY), SIM_TIME_MAX);
    ck_assert_uint_eq(sim_time_from_sec(1e300), SIM_TIME_MAX);
    /* 2^64 ps is about 1.8447e7 s; just past it saturates. */
    ck_assert_uint_eq(sim_time_from_sec(1.85e7), SIM_TIME_MAX);
    ck_assert_uint_lt(sim_time_from_sec(1.84e7), SIM_TIME_MAX);
    ck_assert_uint_eq(sim_time_from_sec(1.84e7), 1.84e7 * 1e12);
}
END_TEST

START_TEST(test_from_cycles)
{
    ck_assert_uint_eq(sim_time_from_cycles(3e9, 3e9), SIM_PS_PER_S);
    ck_assert_uint_eq(sim_time_from_cycles(1.0, 1e9), SIM_PS_PER_NS);
    /* One cycle at 3 GHz is 333.33 ps, rounded to 333. */
    ck_assert_uint_eq(sim_time_from_cycles(1.0, 3e9), 333);
    ck_assert_uint_eq(sim_time_from_cycles(2.0, 3e9), 667);
    ck_assert_uint_eq(sim_time_from_cycles(0.0, 3e9), 0);
}
END_TEST

START_TEST(test_add)
{
    ck_assert_uint_eq(sim_time_add(1, 2), 3);
    ck_assert_uint_eq(sim_time_add(0, 0), 0);
    ck_assert_uint_eq(sim_time_add(SIM_TIME_MAX - 5, 5), SIM_TIME_MAX);
    ck_assert_uint_eq(sim_time_add(SIM_TIME_MAX - 5, 4), SIM_TIME_MAX - 1);
    ck_assert_uint_eq(sim_time_add(SIM_TIME_MAX - 1, 2), SIM_TIME_MAX);
    ck_assert_uint_eq(sim_time_add(2, SIM_TIME_MAX - 1), SIM_TIME_MAX);
    ck_assert_uint_eq(sim_time_add(SIM_TIME_MAX, SIM_TIME_MAX), SIM_TIME_MAX);
    ck_assert_uint_eq(sim_time_add(SIM_TIME_MAX, 0), SIM_TIME_MAX);
    ck_assert_uint_eq(sim_time_add(0, SIM_TIME_MAX), SIM_TIME_MAX);
}
END_TEST

Suite *time_suite(void)
{
    Suite *s = suite_create("time");
    TCase *core = tcase_create("core");
    TCase *limits = tcase_create("limits");

    tcase_add_test(core, test_units);
    tcase_add_test(core, test_from_sec);
    tcase_add_test(core, test_from_sec_rounds_like_nearbyint);
    tcase_add_test(core, test_to_sec);
    tcase_add_test(core, test_round_trip);
    tcase_add_test(core, test_from_cycles);
    suite_add_tcase(s, core);
    tcase_add_test(limits, test_from_sec_edges);
    tcase_add_test(limits, test_add);
    suite_add_tcase(s, limits);
    return s;
}
