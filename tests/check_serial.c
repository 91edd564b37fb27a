/*
 * check_serial.c - the serial line: completions fixed at submission, in
 * FCFS order; the same completions and busy time as a one-server cqueue
 * on random jobs; exact utilization across a reset in mid-job.
 */
#include "sim/cqueue.h"
#include "sim/serial.h"
#include "tests/suites.h"

START_TEST(test_fcfs_ends)
{
    struct sim s;
    struct serial l;

    sim_init(&s);
    serial_init(&l, &s);
    ck_assert_uint_eq(serial_submit(&l, 10), 10);   /* idle: starts now */
    ck_assert_uint_eq(serial_submit(&l, 5), 15);    /* behind the first */
    s.now = 40;                                     /* idle again */
    ck_assert_uint_eq(serial_submit(&l, 3), 43);
    ck_assert_uint_eq(l.jobs, 3);
    sim_release(&s);
}
END_TEST

/* A one-server cqueue records each completion here. */
struct ends {
    sim_time at[2000];
    int n;
};

static void ended(struct sim *s, void *ctx, uint64_t arg, sim_time wait_ps,
                  sim_time service_ps)
{
    struct ends *e = ctx;

    (void)arg;
    (void)wait_ps;
    (void)service_ps;
    e->at[e->n++] = s->now;
}

START_TEST(test_same_as_cqueue)
{
    static struct ends got;
    static sim_time want[2000];
    struct sim s;
    struct cqueue q;
    struct serial l;
    sim_time t = 0;
    uint64_t x = 2463534242u;
    int i;

    sim_init(&s);
    cqueue_init(&q, &s, 1, 0);
    serial_init(&l, &s);
    got.n = 0;
    for (i = 0; i < 2000; i++) {
        sim_time service;

        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        t += x % 1000;                  /* gaps 0..999 ps */
        service = 1 + (x >> 20) % 1200; /* 1..1200 ps: often a queue */
        sim_run(&s, t);                 /* completions up to t; now = t */
        want[i] = serial_submit(&l, service);
        cqueue_submit(&q, service, ended, &got, 0);
    }
    sim_run(&s, SIM_TIME_MAX);
    ck_assert_int_eq(got.n, 2000);
    for (i = 0; i < 2000; i++)
        ck_assert_uint_eq(got.at[i], want[i]);
    ck_assert_double_eq_tol(serial_utilization(&l), cqueue_utilization(&q),
                            1e-12);
    cqueue_release(&q);
    sim_release(&s);
}
END_TEST

START_TEST(test_utilization_across_reset)
{
    struct sim s;
    struct serial l;

    sim_init(&s);
    serial_init(&l, &s);
    serial_submit(&l, 100);             /* busy 0..100 */
    s.now = 50;
    ck_assert_double_eq(serial_utilization(&l), 1.0);
    serial_reset_stats(&l);             /* 50 of it still to do */
    s.now = 150;
    ck_assert_double_eq(serial_utilization(&l), 0.5);   /* 50 of 100 */
    serial_submit(&l, 100);             /* 150..250 */
    s.now = 200;
    ck_assert_double_eq(serial_utilization(&l), 100.0 / 150);
    sim_release(&s);
}
END_TEST

Suite *serial_suite(void)
{
    Suite *s = suite_create("serial");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_fcfs_ends);
    tcase_add_test(tc, test_same_as_cqueue);
    tcase_add_test(tc, test_utilization_across_reset);
    suite_add_tcase(s, tc);
    return s;
}
