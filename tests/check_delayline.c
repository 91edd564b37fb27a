/*
 * check_delayline.c - the delay line: callbacks run at their times, in the
 * order added, with one pending engine event however many wait; callbacks
 * may add more; a time a little before the last one's is held to it; the
 * ring buffer under it grows keeping its order.
 */
#include <stdlib.h>

#include "sim/delayline.h"
#include "sim/ring.h"
#include "tests/suites.h"

struct log {
    struct delay_line *line;
    sim_time at[300];
    int who[300];
    int n;
};

static void record(struct sim *s, void *ctx, uint64_t arg)
{
    struct log *l = ctx;

    (void)arg;
    l->at[l->n] = s->now;
    l->who[l->n] = l->n;
    l->n++;
}

/* Runs, then adds one more due 7 ps later, five times in all. */
static void again(struct sim *s, void *ctx, uint64_t arg)
{
    struct log *l = ctx;

    record(s, ctx, arg);
    if (l->n < 5)
        delay_line_add(l->line, s->now + 7, again, l);
}

START_TEST(test_order_and_one_event)
{
    struct sim s;
    struct delay_line dl;
    struct log l = {.n = 0};
    int i;

    sim_init(&s);
    delay_line_init(&dl, &s);
    /* 200 waiters, several sharing a time: one engine event. */
    for (i = 0; i < 200; i++)
        delay_line_add(&dl, 100 + (sim_time)(i / 3) * 10, record, &l);
    ck_assert_uint_eq(delay_line_len(&dl), 200);
    ck_assert_uint_eq(evq_len(&s.q), 1);
    ck_assert_int_eq(sim_run(&s, 150), SIM_END_TIME);
    ck_assert_int_eq(l.n, 18);                  /* times 100..150: 6 x 3 */
    ck_assert_uint_eq(delay_line_len(&dl), 182);
    ck_assert_int_eq(sim_run(&s, SIM_TIME_MAX), SIM_END_EMPTY);
    ck_assert_int_eq(l.n, 200);
    for (i = 0; i < 200; i++)
        ck_assert_uint_eq(l.at[i], 100 + (sim_time)(i / 3) * 10);
    ck_assert_uint_eq(delay_line_len(&dl), 0);
    delay_line_release(&dl);
    sim_release(&s);
}
END_TEST

START_TEST(test_callback_adds)
{
    struct sim s;
    struct delay_line dl;
    struct log l = {.n = 0};
    int i;

    sim_init(&s);
    delay_line_init(&dl, &s);
    l.line = &dl;
    delay_line_add(&dl, 10, again, &l);
    ck_assert_int_eq(sim_run(&s, SIM_TIME_MAX), SIM_END_EMPTY);
    ck_assert_int_eq(l.n, 5);
    for (i = 0; i < 5; i++)
        ck_assert_uint_eq(l.at[i], 10 + 7 * (sim_time)i);
    /* Empty again: the next add arms a new event. */
    delay_line_add(&dl, 100, record, &l);
    ck_assert_uint_eq(evq_len(&s.q), 1);
    sim_run(&s, SIM_TIME_MAX);
    ck_assert_int_eq(l.n, 6);
    delay_line_release(&dl);
    sim_release(&s);
}
END_TEST

START_TEST(test_held_in_order)
{
    struct sim s;
    struct delay_line dl;
    struct log l = {.n = 0};

    sim_init(&s);
    delay_line_init(&dl, &s);
    delay_line_add(&dl, 50, record, &l);
    delay_line_add(&dl, 49, record, &l);        /* rounding: held to 50 */
    delay_line_add(&dl, 60, record, &l);
    sim_run(&s, SIM_TIME_MAX);
    ck_assert_int_eq(l.n, 3);
    ck_assert_uint_eq(l.at[0], 50);
    ck_assert_uint_eq(l.at[1], 50);
    ck_assert_uint_eq(l.at[2], 60);
    delay_line_release(&dl);
    sim_release(&s);
}
END_TEST

/* Growing keeps a wrapped ring's order: head to the end, then the start. */
START_TEST(test_ring_grow_wrapped)
{
    size_t head = 0, cap = 0, len = 0, i;
    int *r = ring_grow(NULL, sizeof(int), 0, &head, &cap);

    ck_assert_uint_eq(cap, 64);
    /* Fill, take 40 from the front, add 40 more: wrapped at 24. */
    for (i = 0; i < 64; i++)
        r[i] = (int)i;
    head = 40;
    len = 24;
    for (i = 0; i < 40; i++)
        r[(head + len++) & (cap - 1)] = 64 + (int)i;
    r = ring_grow(r, sizeof(int), len, &head, &cap);
    ck_assert_uint_eq(cap, 128);
    ck_assert_uint_eq(head, 0);
    for (i = 0; i < len; i++)
        ck_assert_int_eq(r[i], 40 + (int)i);
    free(r);
}
END_TEST

Suite *delayline_suite(void)
{
    Suite *s = suite_create("delayline");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_order_and_one_event);
    tcase_add_test(tc, test_callback_adds);
    tcase_add_test(tc, test_held_in_order);
    tcase_add_test(tc, test_ring_grow_wrapped);
    suite_add_tcase(s, tc);
    return s;
}
