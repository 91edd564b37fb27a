/*
 * check_sim.c - the event loop: run-until semantics, the clock, the stop
 * flag, events scheduling events, and cancellation from a handler.
 */
#include "sim/sim.h"
#include "tests/suites.h"

struct log {
    sim_time at[16];
    uint64_t arg[16];
    int n;
};

static void record(struct sim *s, void *ctx, uint64_t arg)
{
    struct log *l = ctx;

    l->at[l->n] = s->now;
    l->arg[l->n] = arg;
    l->n++;
}

static void record_and_stop(struct sim *s, void *ctx, uint64_t arg)
{
    record(s, ctx, arg);
    sim_stop(s);
}

/* Schedules two more at the same time: they run after earlier ties. */
static void spawn(struct sim *s, void *ctx, uint64_t arg)
{
    record(s, ctx, arg);
    sim_after(s, 0, record, ctx, 100 + arg);
    sim_after(s, 5, record, ctx, 200 + arg);
}

START_TEST(test_run_until)
{
    struct sim s;
    struct log l = {0};

    sim_init(&s);
    sim_at(&s, 10, record, &l, 1);
    sim_at(&s, 20, record, &l, 2);
    sim_at(&s, 30, record, &l, 3);
    ck_assert_int_eq(sim_run(&s, 20), SIM_END_TIME);
    ck_assert_int_eq(l.n, 2);               /* the event at exactly 20 ran */
    ck_assert_uint_eq(s.now, 20);
    ck_assert_int_eq(sim_run(&s, 25), SIM_END_TIME);
    ck_assert_uint_eq(s.now, 25);
    ck_assert_int_eq(sim_run(&s, SIM_TIME_MAX), SIM_END_EMPTY);
    ck_assert_int_eq(l.n, 3);
    ck_assert_uint_eq(s.now, 30);
    ck_assert_uint_eq(s.events, 3);
    /* Empty, but bounded: the clock still reaches the bound. */
    ck_assert_int_eq(sim_run(&s, 100), SIM_END_EMPTY);
    ck_assert_uint_eq(s.now, 100);
    sim_release(&s);
}
END_TEST

START_TEST(test_spawn_ties_fifo)
{
    struct sim s;
    struct log l = {0};

    sim_init(&s);
    sim_at(&s, 10, spawn, &l, 1);
    sim_at(&s, 10, record, &l, 2);
    sim_run(&s, SIM_TIME_MAX);
    ck_assert_int_eq(l.n, 4);
    ck_assert_uint_eq(l.arg[0], 1);
    ck_assert_uint_eq(l.arg[1], 2);         /* scheduled before the spawn */
    ck_assert_uint_eq(l.arg[2], 101);
    ck_assert_uint_eq(l.arg[3], 201);
    ck_assert_uint_eq(l.at[3], 15);
    sim_release(&s);
}
END_TEST

START_TEST(test_stop_and_resume)
{
    struct sim s;
    struct log l = {0};

    sim_init(&s);
    sim_at(&s, 1, record, &l, 1);
    sim_at(&s, 2, record_and_stop, &l, 2);
    sim_at(&s, 3, record, &l, 3);
    ck_assert_int_eq(sim_run(&s, SIM_TIME_MAX), SIM_END_STOPPED);
    ck_assert_int_eq(l.n, 2);
    ck_assert_uint_eq(s.now, 2);
    ck_assert(!s.stop);
    ck_assert_int_eq(sim_run(&s, SIM_TIME_MAX), SIM_END_EMPTY);
    ck_assert_int_eq(l.n, 3);
    sim_release(&s);
}
END_TEST

START_TEST(test_cancel_and_saturation)
{
    struct sim s;
    struct log l = {0};
    event_id id;

    sim_init(&s);
    id = sim_at(&s, 5, record, &l, 1);
    sim_after(&s, SIM_TIME_MAX, record, &l, 2);     /* saturates */
    ck_assert(sim_cancel(&s, id));
    ck_assert_int_eq(sim_run(&s, SIM_TIME_MAX), SIM_END_EMPTY);
    ck_assert_int_eq(l.n, 1);
    ck_assert_uint_eq(l.at[0], SIM_TIME_MAX);
    sim_release(&s);
}
END_TEST

Suite *sim_suite(void)
{
    Suite *s = suite_create("sim");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_run_until);
    tcase_add_test(tc, test_spawn_ties_fifo);
    tcase_add_test(tc, test_stop_and_resume);
    tcase_add_test(tc, test_cancel_and_saturation);
    suite_add_tcase(s, tc);
    return s;
}
