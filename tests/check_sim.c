/*
 * check_sim.c - the event loop: run-until semantics, the clock, the stop
 * flag, events scheduling events, cancellation from a handler (while
 * the event just taken has left its heap node vacant), the interrupt flag
 * polled by event count, and a model stuck at one instant.
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

/* Reschedules itself at the same instant, forever; counts its runs. */
static void spin(struct sim *s, void *ctx, uint64_t arg)
{
    uint64_t *n = ctx;

    (*n)++;
    sim_after(s, 0, spin, ctx, arg);
}

static volatile sig_atomic_t raised;

/* Reschedules itself 1 ps later, forever; raises the flag at run 1000. */
static void tick_and_raise(struct sim *s, void *ctx, uint64_t arg)
{
    if (arg == 1000)
        raised = 1;
    sim_after(s, 1, tick_and_raise, ctx, arg + 1);
}

START_TEST(test_stuck_ends_the_run)
{
    struct sim s;
    uint64_t n = 0;

    sim_init(&s);
    s.stuck_polls = 4;
    sim_at(&s, 7, spin, &n, 0);
    ck_assert_int_eq(sim_run(&s, SIM_TIME_MAX), SIM_END_STUCK);
    /* Four polls after the first that saw time 7: five poll periods. */
    ck_assert_uint_eq(n, 5 * (uint64_t)SIM_POLL_EVENTS);
    ck_assert_uint_eq(s.now, 7);
    sim_release(&s);
}
END_TEST

START_TEST(test_time_moving_is_not_stuck)
{
    struct sim s;

    raised = 0;
    sim_init(&s);
    s.stuck_polls = 1;
    sim_at(&s, 0, tick_and_raise, NULL, 2000000);
    /* arg starts past 1000: the flag stays down; time moves 1 ps an event. */
    ck_assert_int_eq(sim_run(&s, 10 * (sim_time)SIM_POLL_EVENTS), SIM_END_TIME);
    sim_release(&s);
}
END_TEST

START_TEST(test_interrupt_flag)
{
    struct sim s;

    raised = 0;
    sim_init(&s);
    sim_set_interrupt(&s, &raised);
    sim_at(&s, 0, tick_and_raise, NULL, 0);
    ck_assert_int_eq(sim_run(&s, SIM_TIME_MAX), SIM_END_INTERRUPTED);
    /* Seen at the first poll after it was raised. */
    ck_assert_uint_eq(s.events, SIM_POLL_EVENTS);
    sim_release(&s);
}
END_TEST

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

struct canceller {
    struct log l;
    event_id victim;
};

/* Cancels the victim (the next event in line), then schedules two. */
static void cancel_next(struct sim *s, void *ctx, uint64_t arg)
{
    struct canceller *c = ctx;

    record(s, &c->l, arg);
    ck_assert(sim_cancel(s, c->victim));
    ck_assert(!sim_cancel(s, c->victim));
    sim_after(s, 1, record, &c->l, 50);
    sim_after(s, 1, record, &c->l, 51);
}

START_TEST(test_cancel_from_handler)
{
    struct sim s;
    struct canceller c = {0};
    int i;

    sim_init(&s);
    for (i = 0; i < 20; i++)            /* enough for a few heap levels */
        sim_at(&s, 100 + (sim_time)i, record, &c.l, 0);
    sim_at(&s, 10, cancel_next, &c, 1);
    c.victim = sim_at(&s, 10, record, &c.l, 2);
    sim_at(&s, 10, record_and_stop, &c.l, 3);
    ck_assert_int_eq(sim_run(&s, SIM_TIME_MAX), SIM_END_STOPPED);
    /* Stopped right after taking an event: the queue is left settled. */
    ck_assert_uint_eq(s.q.hole, EVQ_NO_HOLE);
    ck_assert_uint_eq(evq_len(&s.q), 22);
    ck_assert_int_eq(c.l.n, 2);
    ck_assert_uint_eq(c.l.arg[0], 1);
    ck_assert_uint_eq(c.l.arg[1], 3);   /* 2 was cancelled */
    ck_assert_int_eq(sim_run(&s, 11), SIM_END_TIME);
    ck_assert_int_eq(c.l.n, 4);
    ck_assert_uint_eq(c.l.arg[2], 50);
    ck_assert_uint_eq(c.l.arg[3], 51);
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
    tcase_add_test(tc, test_cancel_from_handler);
    tcase_add_test(tc, test_stuck_ends_the_run);
    tcase_add_test(tc, test_time_moving_is_not_stuck);
    tcase_add_test(tc, test_interrupt_flag);
    suite_add_tcase(s, tc);
    return s;
}
