/*
 * check_cqueue.c - the c-server FCFS queue on hand-checkable schedules:
 * FIFO service, c servers in parallel, busy-time accounting, drops, and
 * jobs submitted from a completion callback.
 */
#include "sim/cqueue.h"
#include "tests/suites.h"

struct done_log {
    int n;
    uint64_t arg[16];
    sim_time at[16], wait[16];
};

static void log_done(struct sim *s, void *ctx, uint64_t arg, sim_time wait_ps,
                     sim_time service_ps)
{
    struct done_log *l = ctx;

    (void)service_ps;
    l->arg[l->n] = arg;
    l->at[l->n] = s->now;
    l->wait[l->n] = wait_ps;
    l->n++;
}

START_TEST(test_single_server_fifo)
{
    struct sim s;
    struct cqueue q;
    struct done_log l = {0};
    int i;

    sim_init(&s);
    cqueue_init(&q, &s, 1, 0);
    for (i = 0; i < 3; i++)
        ck_assert_int_eq(cqueue_submit(&q, 10, log_done, &l, i), 0);
    ck_assert_uint_eq(cqueue_waiting(&q), 2);
    sim_run(&s, SIM_TIME_MAX);
    ck_assert_int_eq(l.n, 3);
    for (i = 0; i < 3; i++) {
        ck_assert_uint_eq(l.arg[i], i);
        ck_assert_uint_eq(l.at[i], 10 * (i + 1));
        ck_assert_uint_eq(l.wait[i], 10 * i);
    }
    ck_assert_uint_eq(cqueue_busy_ps(&q), 30);
    ck_assert_double_eq_tol(cqueue_utilization(&q), 1.0, 1e-12);
    cqueue_release(&q);
    sim_release(&s);
}
END_TEST

START_TEST(test_two_servers)
{
    struct sim s;
    struct cqueue q;
    struct done_log l = {0};

    sim_init(&s);
    cqueue_init(&q, &s, 2, 0);
    /* At 0: jobs of 10 and 30; the third (5) waits for the first server. */
    cqueue_submit(&q, 10, log_done, &l, 0);
    cqueue_submit(&q, 30, log_done, &l, 1);
    cqueue_submit(&q, 5, log_done, &l, 2);
    sim_run(&s, 40);
    ck_assert_int_eq(l.n, 3);
    ck_assert_uint_eq(l.arg[0], 0);
    ck_assert_uint_eq(l.at[0], 10);
    ck_assert_uint_eq(l.arg[1], 2);
    ck_assert_uint_eq(l.at[1], 15);
    ck_assert_uint_eq(l.wait[1], 10);
    ck_assert_uint_eq(l.arg[2], 1);
    ck_assert_uint_eq(l.at[2], 30);
    /* Busy 45 server-ps over 40 ps with 2 servers. */
    ck_assert_uint_eq(cqueue_busy_ps(&q), 45);
    ck_assert_double_eq_tol(cqueue_utilization(&q), 45.0 / 80.0, 1e-12);
    cqueue_release(&q);
    sim_release(&s);
}
END_TEST

START_TEST(test_drops)
{
    struct sim s;
    struct cqueue q;
    struct done_log l = {0};

    sim_init(&s);
    cqueue_init(&q, &s, 1, 1);
    ck_assert_int_eq(cqueue_submit(&q, 10, log_done, &l, 0), 0);
    ck_assert_int_eq(cqueue_submit(&q, 10, log_done, &l, 1), 0);
    ck_assert_int_eq(cqueue_submit(&q, 10, log_done, &l, 2), -1);
    sim_run(&s, SIM_TIME_MAX);
    ck_assert_int_eq(l.n, 2);
    ck_assert_uint_eq(q.dropped, 1);
    ck_assert_uint_eq(q.arrived, 3);
    ck_assert_uint_eq(q.completed, 2);
    cqueue_release(&q);
    ck_assert_ptr_null(q.serving);
    sim_release(&s);
}
END_TEST

struct chain {
    struct cqueue *q;
    int left;
    struct done_log log;
};

/* Each completion submits a follow-up job until `left` runs out. */
static void resubmit(struct sim *s, void *ctx, uint64_t arg, sim_time wait_ps,
                     sim_time service_ps)
{
    struct chain *c = ctx;

    log_done(s, &c->log, arg, wait_ps, service_ps);
    if (c->left-- > 0)
        cqueue_submit(c->q, 7, resubmit, c, arg + 10);
}

START_TEST(test_submit_from_callback)
{
    struct sim s;
    struct cqueue q;
    struct chain c = {.q = &q, .left = 2};

    sim_init(&s);
    cqueue_init(&q, &s, 1, 0);
    cqueue_submit(&q, 7, resubmit, &c, 0);
    cqueue_submit(&q, 3, log_done, &c.log, 1);
    sim_run(&s, SIM_TIME_MAX);
    /* 0 done at 7; 1 (waiting) starts, done at 10; 10 waits 3, done at 17. */
    ck_assert_int_eq(c.log.n, 4);
    ck_assert_uint_eq(c.log.arg[1], 1);
    ck_assert_uint_eq(c.log.at[1], 10);
    ck_assert_uint_eq(c.log.arg[2], 10);
    ck_assert_uint_eq(c.log.at[2], 17);
    ck_assert_uint_eq(c.log.wait[2], 3);
    ck_assert_uint_eq(c.log.at[3], 24);
    cqueue_release(&q);
    sim_release(&s);
}
END_TEST

START_TEST(test_reset_stats)
{
    struct sim s;
    struct cqueue q;

    sim_init(&s);
    cqueue_init(&q, &s, 1, 0);
    cqueue_submit(&q, 100, NULL, NULL, 0);
    sim_run(&s, 50);
    cqueue_reset_stats(&q);
    sim_run(&s, 200);
    /* Busy 50..100 of the period 50..200. */
    ck_assert_uint_eq(cqueue_busy_ps(&q), 50);
    ck_assert_double_eq_tol(cqueue_utilization(&q), 50.0 / 150.0, 1e-12);
    cqueue_release(&q);
    sim_release(&s);
}
END_TEST

Suite *cqueue_suite(void)
{
    Suite *s = suite_create("cqueue");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_single_server_fifo);
    tcase_add_test(tc, test_two_servers);
    tcase_add_test(tc, test_drops);
    tcase_add_test(tc, test_submit_from_callback);
    tcase_add_test(tc, test_reset_stats);
    suite_add_tcase(s, tc);
    return s;
}
