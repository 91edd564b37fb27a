/*
 * check_evq.c - the pending-event set: time order, FIFO ties, cancellation,
 * stale handles, and randomized comparisons against a sorted reference;
 * the engine's take-then-push, FIFO ties filed against different last
 * keys, lazy cancellation with its compaction and bounded memory, times
 * before the last one taken, and the renumbering of sequence numbers when
 * they run out.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "sim/evq.h"
#include "tests/suites.h"

static void nop(struct sim *s, void *ctx, uint64_t arg)
{
    (void)s;
    (void)ctx;
    (void)arg;
}

START_TEST(test_order_and_ties)
{
    struct evq q;
    struct evq_item it;
    /* times with ties; arg records the push order */
    static const sim_time t[] = {50, 10, 30, 10, 50, 0, 30, 10};
    static const uint64_t want_arg[] = {5, 1, 3, 7, 2, 6, 0, 4};
    size_t i;

    evq_init(&q);
    for (i = 0; i < 8; i++)
        evq_push(&q, t[i], nop, NULL, i);
    ck_assert_uint_eq(evq_len(&q), 8);
    for (i = 0; i < 8; i++) {
        ck_assert(evq_pop(&q, &it));
        ck_assert_uint_eq(it.arg, want_arg[i]);
    }
    ck_assert(!evq_pop(&q, &it));
    evq_release(&q);
    ck_assert_uint_eq(q.nodes, 0);
    ck_assert_uint_eq(q.len, 0);
}
END_TEST

START_TEST(test_cancel)
{
    struct evq q;
    struct evq_item it;
    event_id a, b, c;

    evq_init(&q);
    a = evq_push(&q, 10, nop, NULL, 1);
    b = evq_push(&q, 20, nop, NULL, 2);
    c = evq_push(&q, 30, nop, NULL, 3);
    ck_assert(evq_cancel(&q, b));
    ck_assert(!evq_cancel(&q, b));          /* already cancelled */
    ck_assert(!evq_cancel(&q, EVQ_NONE));
    ck_assert(evq_pop(&q, &it));
    ck_assert_uint_eq(it.arg, 1);
    ck_assert(!evq_cancel(&q, a));          /* already fired */
    /* The freed slot is reused; the stale handle must not hit the new event. */
    evq_push(&q, 40, nop, NULL, 4);
    ck_assert(!evq_cancel(&q, a));
    ck_assert(!evq_cancel(&q, b));
    ck_assert(evq_cancel(&q, c));
    ck_assert(evq_pop(&q, &it));
    ck_assert_uint_eq(it.arg, 4);
    ck_assert(!evq_pop(&q, &it));
    evq_release(&q);
}
END_TEST

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

    return (x > y) - (x < y);
}

/*
 * Pushes random times (many ties), cancels a random third, and checks that
 * pops come out as the sorted surviving keys, ties in push order.
 */
START_TEST(test_random_against_sorted)
{
    enum { N = 20000 };
    struct evq q;
    struct evq_item it;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    event_id *ids = malloc(N * sizeof(*ids));
    uint64_t *keys = malloc(N * sizeof(*keys));
    char *gone = calloc(N, 1);
    size_t i, nkeys = 0, popped = 0;
    sim_time last_t = 0;
    uint64_t last_arg = 0;

    gsl_rng_set(r, 7);
    evq_init(&q);
    for (i = 0; i < N; i++)
        ids[i] = evq_push(&q, gsl_rng_uniform_int(r, 1000), nop, NULL, i);
    for (i = 0; i < N; i++) {
        if (gsl_rng_uniform(r) < 1.0 / 3) {
            ck_assert(evq_cancel(&q, ids[i]));
            gone[i] = 1;
        }
    }
    /* Reference: (time << 32 | push index) sorted. */
    gsl_rng_set(r, 7);
    for (i = 0; i < N; i++) {
        uint64_t t = gsl_rng_uniform_int(r, 1000);

        if (!gone[i])
            keys[nkeys++] = (t << 32) | i;
    }
    qsort(keys, nkeys, sizeof(*keys), cmp_u64);
    ck_assert_uint_eq(evq_len(&q), nkeys);
    while (evq_pop(&q, &it)) {
        ck_assert_uint_eq(((uint64_t)it.time << 32) | it.arg, keys[popped]);
        ck_assert(it.time > last_t || (it.time == last_t && it.arg >= last_arg)
                  || popped == 0);
        last_t = it.time;
        last_arg = it.arg;
        popped++;
    }
    ck_assert_uint_eq(popped, nkeys);
    evq_release(&q);
    free(ids);
    free(keys);
    free(gone);
    gsl_rng_free(r);
}
END_TEST

/* Interleaved push/pop (the hold model) keeps the queue valid. */
START_TEST(test_hold_interleaved)
{
    struct evq q;
    struct evq_item it;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    sim_time now = 0;
    size_t i;

    gsl_rng_set(r, 11);
    evq_init(&q);
    for (i = 0; i < 1000; i++)
        evq_push(&q, gsl_rng_uniform_int(r, 100000), nop, NULL, 0);
    for (i = 0; i < 100000; i++) {
        ck_assert(evq_pop(&q, &it));
        ck_assert_uint_ge(it.time, now);
        now = it.time;
        evq_push(&q, now + gsl_rng_uniform_int(r, 100000), nop, NULL, 0);
    }
    ck_assert_uint_eq(evq_len(&q), 1000);
    ck_assert_uint_le(q.pool_len, 1001);    /* slots are recycled */
    evq_release(&q);
    gsl_rng_free(r);
}
END_TEST

/*
 * A reference for the queue: live events as (time, seq, id), the earliest
 * found by a linear scan.
 */
struct ref {
    sim_time t[4096];
    uint64_t seq[4096];
    uint64_t arg[4096];
    event_id id[4096];
    size_t n;
    uint64_t next_seq;
};

static void ref_push(struct ref *r, struct evq *q, sim_time t, uint64_t arg)
{
    r->t[r->n] = t;
    r->seq[r->n] = r->next_seq++;
    r->arg[r->n] = arg;
    r->id[r->n] = evq_push(q, t, nop, NULL, arg);
    r->n++;
}

static size_t ref_min(const struct ref *r)
{
    size_t i, best = 0;

    for (i = 1; i < r->n; i++)
        if (r->t[i] < r->t[best] ||
            (r->t[i] == r->t[best] && r->seq[i] < r->seq[best]))
            best = i;
    return best;
}

static void ref_remove(struct ref *r, size_t i)
{
    r->n--;
    r->t[i] = r->t[r->n];
    r->seq[i] = r->seq[r->n];
    r->arg[i] = r->arg[r->n];
    r->id[i] = r->id[r->n];
}

/*
 * How far ahead of now events are scheduled: a small range, so that ties
 * are common; any number of bits up to 40, so that keys spread over every
 * scale; and up to half of what is left of the time range,
 * so that times climb towards its top.
 * Kinds 3 and 4 are 0 and 1 again, with sequence numbers renumbered often.
 */
static sim_time draw_delay(gsl_rng *g, int kind, sim_time now)
{
    uint64_t bits;

    switch (kind % 3) {
    case 0:
        return gsl_rng_uniform_int(g, 50);
    case 1:
        bits = gsl_rng_uniform_int(g, 41);
        return (((uint64_t)gsl_rng_get(g) << 32 | gsl_rng_get(g)) &
                ((UINT64_C(1) << bits) - 1));
    default:
        return ((uint64_t)gsl_rng_get(g) << 32 | gsl_rng_get(g)) %
               ((SIM_TIME_MAX - now) / 2 + 1);
    }
}

/*
 * Random mixes of evq_take (followed by zero, one or two pushes, a cancel,
 * or a peek, as handlers do), evq_pop, evq_cancel and evq_settle, checked
 * step by step against the reference, for each kind of delay.
 */
START_TEST(test_take_against_reference)
{
    static struct ref r;
    struct evq q;
    struct evq_item it;
    gsl_rng *g = gsl_rng_alloc(gsl_rng_taus2);
    sim_time now = 0;
    uint64_t arg = 0;
    int step, kind = _i;

    gsl_rng_set(g, 3 + (unsigned long)kind);
    memset(&r, 0, sizeof(r));
    evq_init(&q);
    for (step = 0; step < 200; step++)
        ref_push(&r, &q, draw_delay(g, kind, now), arg++);
    for (step = 0; step < 200000; step++) {
        unsigned op = (unsigned)gsl_rng_uniform_int(g, 16);
        size_t m;

        ck_assert_uint_eq(evq_len(&q), r.n);
        ck_assert_uint_eq(q.nodes,
                          q.len + q.dead + (q.hole != EVQ_NO_HOLE));
        /* Sequence numbers about to run out: the next push renumbers. */
        if (kind >= 3 && step % 1000 == 0)
            q.next_seq = (UINT64_C(1) << 32) - gsl_rng_uniform_int(g, 4);
        if (r.n > 0 && step % 16 == 0)
            ck_assert_uint_eq(evq_peek_time(&q), r.t[ref_min(&r)]);
        if (op < 10 && r.n > 0 && r.n < 4000) {
            /* The engine's step: take, then what a handler does. */
            m = ref_min(&r);
            ck_assert(evq_take(&q, SIM_TIME_MAX, &it));
            ck_assert_uint_eq(it.time, r.t[m]);
            ck_assert_uint_eq(it.arg, r.arg[m]);
            ck_assert(it.time >= now);
            now = it.time;
            ref_remove(&r, m);
            ck_assert(!evq_cancel(&q, EVQ_NONE));
            if (op < 6)
                ref_push(&r, &q, now + draw_delay(g, kind, now), arg++);
            if (op == 6 || op == 7) {
                ref_push(&r, &q, now, arg++);
                ref_push(&r, &q, now + draw_delay(g, kind, now), arg++);
            }
            if (op == 8 && r.n > 0) {
                size_t k = gsl_rng_uniform_int(g, r.n);

                ck_assert(evq_cancel(&q, r.id[k]));
                ref_remove(&r, k);
            }
        } else if (op == 10 && r.n > 0) {
            m = ref_min(&r);
            ck_assert(evq_pop(&q, &it));
            ck_assert_uint_eq(it.arg, r.arg[m]);
            now = it.time;
            ref_remove(&r, m);
        } else if (op == 11 && r.n > 0) {
            size_t k = gsl_rng_uniform_int(g, r.n);
            event_id id = r.id[k];

            ck_assert(evq_cancel(&q, id));
            ck_assert(!evq_cancel(&q, id));
            ref_remove(&r, k);
        } else if (op == 12) {
            evq_settle(&q);
            ck_assert_uint_eq(q.hole, EVQ_NO_HOLE);
            ck_assert_uint_eq(q.nodes, q.len + q.dead);
        } else if (op == 13 && r.n > 0) {
            /* A bounded take that stops short changes nothing. */
            m = ref_min(&r);
            if (r.t[m] > 0) {
                ck_assert(!evq_take(&q, r.t[m] - 1, &it));
                ck_assert_uint_eq(evq_len(&q), r.n);
            }
        } else if (r.n < 4000) {
            ref_push(&r, &q, now + draw_delay(g, kind, now), arg++);
        }
    }
    while (r.n > 0) {
        size_t m = ref_min(&r);

        ck_assert(evq_pop(&q, &it));
        ck_assert_uint_eq(it.arg, r.arg[m]);
        ref_remove(&r, m);
    }
    ck_assert(!evq_pop(&q, &it));
    ck_assert(!evq_take(&q, SIM_TIME_MAX, &it));
    evq_release(&q);
    gsl_rng_free(g);
}
END_TEST

/* evq_take leaves events past until alone. */
START_TEST(test_take_until)
{
    struct evq q;
    struct evq_item it;
    size_t i;

    evq_init(&q);
    for (i = 0; i < 100; i++)
        evq_push(&q, 10 + i, nop, NULL, i);
    ck_assert(!evq_take(&q, 9, &it));
    ck_assert_uint_eq(evq_len(&q), 100);
    ck_assert(evq_take(&q, 10, &it));
    ck_assert_uint_eq(it.arg, 0);
    ck_assert_uint_eq(evq_len(&q), 99);
    ck_assert_uint_eq(evq_peek_time(&q), 11);
    evq_push(&q, 10, nop, NULL, 100);
    ck_assert_uint_eq(q.nodes, 100);
    ck_assert(evq_take(&q, 10, &it));
    ck_assert_uint_eq(it.arg, 100);
    ck_assert(!evq_take(&q, 10, &it));
    evq_settle(&q);
    ck_assert_uint_eq(q.hole, EVQ_NO_HOLE);
    ck_assert_uint_eq(q.nodes, 99);
    while (evq_len(&q) > 1)
        ck_assert(evq_pop(&q, &it));
    ck_assert(evq_take(&q, SIM_TIME_MAX, &it));
    ck_assert_uint_eq(it.arg, 99);
    ck_assert_uint_eq(evq_len(&q), 0);
    evq_push(&q, 500, nop, NULL, 7);
    ck_assert_uint_eq(evq_peek_time(&q), 500);
    evq_release(&q);
}
END_TEST

/*
 * Equal times scheduled while the last key taken moves (far from it, then
 * at it): all pop in order of scheduling, as do ties scheduled at the very
 * time being run. (Written for a radix heap, whose buckets depend on the
 * last key; a heap must pass it too.)
 */
START_TEST(test_fifo_ties_as_time_moves)
{
    enum { T = 1000, EARLY = 300 };
    struct evq q;
    struct evq_item it;
    uint64_t arg = 0, want = 0;
    sim_time t;

    evq_init(&q);
    for (t = 0; t < EARLY; t++) {
        evq_push(&q, T, nop, NULL, arg++);
        evq_push(&q, t * 3, nop, NULL, UINT64_MAX);
    }
    /* Take the early ones, scheduling more at T after each. */
    while (evq_take(&q, T - 1, &it)) {
        ck_assert_uint_eq(it.arg, UINT64_MAX);
        evq_push(&q, T, nop, NULL, arg++);
    }
    ck_assert_uint_eq(evq_len(&q), 2 * EARLY);
    /* At T itself: each one taken schedules another at T and one later. */
    while (want < 3 * EARLY) {
        ck_assert(evq_take(&q, T, &it));
        ck_assert_uint_eq(it.time, T);
        ck_assert_uint_eq(it.arg, want);
        want++;
        if (arg < 3 * EARLY)
            evq_push(&q, T, nop, NULL, arg++);
        evq_push(&q, T + 1 + (want % 7), nop, NULL, UINT64_MAX - want);
    }
    ck_assert(!evq_take(&q, T, &it));
    t = T;
    while (evq_pop(&q, &it)) {
        ck_assert_uint_ge(it.time, t);
        t = it.time;
    }
    evq_release(&q);
}
END_TEST

/*
 * A time before the last one taken is not what the engine does, but the
 * queue still orders it: every node is filed again against it.
 */
START_TEST(test_push_into_past)
{
    struct evq q;
    struct evq_item it;
    uint64_t i;

    evq_init(&q);
    for (i = 0; i < 50; i++)
        evq_push(&q, 1000 + i * 10, nop, NULL, i);
    ck_assert(evq_pop(&q, &it));
    ck_assert(evq_pop(&q, &it));
    ck_assert_uint_eq(it.time, 1010);
    evq_push(&q, 5, nop, NULL, 100);
    evq_push(&q, 1015, nop, NULL, 101);
    evq_push(&q, 5, nop, NULL, 102);
    ck_assert_uint_eq(evq_peek_time(&q), 5);
    ck_assert(evq_pop(&q, &it));
    ck_assert_uint_eq(it.arg, 100);
    ck_assert(evq_pop(&q, &it));
    ck_assert_uint_eq(it.arg, 102);
    ck_assert(evq_pop(&q, &it));
    ck_assert_uint_eq(it.arg, 101);
    for (i = 2; i < 50; i++) {
        ck_assert(evq_pop(&q, &it));
        ck_assert_uint_eq(it.arg, i);
    }
    ck_assert(!evq_pop(&q, &it));
    evq_release(&q);
}
END_TEST

static size_t node_capacity(const struct evq *q)
{
    return q->cap;
}

/*
 * Cancel-heavy churn (a timeout armed for every event and cancelled when
 * it completes): marked nodes never outnumber live ones past the slack,
 * and neither the pool nor the node array keep growing with time.
 */
START_TEST(test_cancel_churn_bounded)
{
    enum { LIVE = 500, ROUNDS = 400000 };
    struct evq q;
    struct evq_item it;
    gsl_rng *g = gsl_rng_alloc(gsl_rng_taus2);
    event_id timeout[LIVE];
    size_t i, cap_warm = 0, pool_warm = 0;
    sim_time now = 0;

    gsl_rng_set(g, 5);
    evq_init(&q);
    for (i = 0; i < LIVE; i++) {
        evq_push(&q, gsl_rng_uniform_int(g, 1000), nop, NULL, i);
        timeout[i] = evq_push(&q, 1000000 + gsl_rng_uniform_int(g, 1000),
                              nop, NULL, i);
    }
    for (i = 0; i < ROUNDS; i++) {
        size_t k;

        ck_assert(evq_take(&q, SIM_TIME_MAX, &it));
        ck_assert_uint_ge(it.time, now);
        now = it.time;
        k = it.arg;
        ck_assert_uint_lt(k, LIVE);
        ck_assert(evq_cancel(&q, timeout[k]));
        evq_push(&q, now + gsl_rng_uniform_int(g, 1000), nop, NULL, k);
        timeout[k] = evq_push(&q, now + 1000000 +
                              gsl_rng_uniform_int(g, 1000), nop, NULL, k);
        ck_assert_uint_eq(evq_len(&q), 2 * LIVE);
        ck_assert_uint_le(q.nodes, 2 * evq_len(&q) + 64 + 1);
        if (i == ROUNDS / 10) {
            cap_warm = node_capacity(&q);
            pool_warm = q.pool_len;
        }
    }
    ck_assert_uint_le(q.pool_len, pool_warm);
    ck_assert_uint_le(node_capacity(&q), 2 * cap_warm);
    ck_assert_uint_le(q.pool_len, 4 * LIVE + 64 + 1);
    evq_release(&q);
    gsl_rng_free(g);
}
END_TEST

/*
 * Cancelled nodes stay where they are until they are the earliest or
 * outnumber the live ones; then they are dropped, slots are recycled, and
 * stale handles stay stale.
 */
START_TEST(test_cancel_rebuild)
{
    enum { N = 1000 };
    struct evq q;
    struct evq_item it;
    event_id ids[N];
    size_t i, live = 0;
    sim_time last = 0;

    evq_init(&q);
    for (i = 0; i < N; i++)
        ids[i] = evq_push(&q, (i * 7919) % 1000, nop, NULL, i);
    for (i = 0; i < N; i++)
        if (i % 10 != 0)
            ck_assert(evq_cancel(&q, ids[i]));
    ck_assert_uint_eq(evq_len(&q), N / 10);
    /* Bounded: dead nodes never outnumber live ones past the slack. */
    ck_assert_uint_le(q.nodes, 2 * evq_len(&q) + 64 + 1);
    for (i = 0; i < N; i++)
        if (i % 10 != 0)
            ck_assert(!evq_cancel(&q, ids[i]));
    for (i = 0; i < N; i++)             /* reuse the freed slots */
        evq_push(&q, 2000 + i, nop, NULL, N + i);
    for (i = 0; i < N; i++)
        if (i % 10 != 0)
            ck_assert(!evq_cancel(&q, ids[i]));
    ck_assert_uint_le(q.pool_len, N + N / 10 + 64 + 1);
    while (evq_pop(&q, &it)) {
        ck_assert(it.time >= last);
        if (it.arg < N)
            ck_assert_uint_eq(it.arg % 10, 0);
        last = it.time;
        live++;
    }
    ck_assert_uint_eq(live, N / 10 + N);
    evq_release(&q);
}
END_TEST

/*
 * Sequence numbers have 32 bits: when they run out the pending events are
 * renumbered in order, so FIFO among ties holds across the wrap.
 */
START_TEST(test_seq_renumber)
{
    struct evq q;
    struct evq_item it;
    event_id cancelled;
    uint64_t i, want = 0;

    evq_init(&q);
    q.next_seq = (UINT64_C(1) << 32) - 5;
    for (i = 0; i < 10; i++)
        evq_push(&q, 100, nop, NULL, 2 * i);
    cancelled = evq_push(&q, 100, nop, NULL, 999);
    evq_push(&q, 50, nop, NULL, 1000);
    ck_assert(evq_cancel(&q, cancelled));
    ck_assert_uint_lt(q.next_seq, 100);
    for (i = 0; i < 10; i++)
        evq_push(&q, 100, nop, NULL, 2 * i + 1 + 100);
    ck_assert(evq_pop(&q, &it));
    ck_assert_uint_eq(it.arg, 1000);
    for (i = 0; i < 10; i++) {
        ck_assert(evq_pop(&q, &it));
        ck_assert_uint_eq(it.arg, want);
        want += 2;
    }
    for (i = 0; i < 10; i++) {
        ck_assert(evq_pop(&q, &it));
        ck_assert_uint_eq(it.arg, 2 * i + 1 + 100);
    }
    ck_assert(!evq_pop(&q, &it));
    evq_release(&q);
}
END_TEST

Suite *evq_suite(void)
{
    Suite *s = suite_create("evq");
    TCase *tc = tcase_create("core");

    /* Cancel churn runs 400,000 rounds: not a verdict on machine speed. */
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_order_and_ties);
    tcase_add_test(tc, test_cancel);
    tcase_add_test(tc, test_random_against_sorted);
    tcase_add_test(tc, test_hold_interleaved);
    tcase_add_loop_test(tc, test_take_against_reference, 0, 5);
    tcase_add_test(tc, test_take_until);
    tcase_add_test(tc, test_fifo_ties_as_time_moves);
    tcase_add_test(tc, test_push_into_past);
    tcase_add_test(tc, test_cancel_churn_bounded);
    tcase_add_test(tc, test_cancel_rebuild);
    tcase_add_test(tc, test_seq_renumber);
    suite_add_tcase(s, tc);
    return s;
}
