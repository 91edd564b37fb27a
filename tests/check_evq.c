/*
 * check_evq.c - the pending-event set: time order, FIFO ties, cancellation,
 * stale handles, and a randomized comparison against a sorted reference.
 */
#include <stdlib.h>

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
    ck_assert_ptr_null(q.heap);
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

/* Interleaved push/pop (the hold model) keeps the heap valid. */
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

Suite *evq_suite(void)
{
    Suite *s = suite_create("evq");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_order_and_ties);
    tcase_add_test(tc, test_cancel);
    tcase_add_test(tc, test_random_against_sorted);
    tcase_add_test(tc, test_hold_interleaved);
    suite_add_tcase(s, tc);
    return s;
}
