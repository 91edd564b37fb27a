/*
 * check_hist.c - tests for sim/hist.c: the bucket layout tiles all of
 * uint64, quantiles stay within 1/(2*HIST_SUB) of the exact nearest-rank
 * value on a million samples of several distributions, merging equals
 * recording everything in one histogram, and the empty histogram.
 */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>

#include "sim/hist.h"
#include "tests/suites.h"

enum { NSAMPLES = 1000000 };

/* Quantiles checked, in thousandths, so the exact rank is integer math. */
static const unsigned q_permille[] = { 500, 900, 990, 999, 1000 };

static struct hist *hist_alloc(void)
{
    struct hist *h = malloc(sizeof(*h));

    ck_assert_ptr_nonnull(h);
    hist_init(h);
    return h;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

    return (x > y) - (x < y);
}

/* True when got is within exact / (2 * HIST_SUB) of exact. */
static int within_bound(sim_time got, sim_time exact)
{
    sim_time diff = got > exact ? got - exact : exact - got;

    if (diff > UINT64_MAX / (2 * HIST_SUB))
        return 0;
    return diff * (2 * HIST_SUB) <= exact;
}

START_TEST(test_buckets_tile)
{
    sim_time lo, hi, prev_hi = 0;
    unsigned i;

    for (i = 0; i < HIST_BUCKETS; i++) {
        hist_bucket_range(i, &lo, &hi);
        ck_assert_msg(i == 0 ? lo == 0 : lo == prev_hi + 1,
                      "bucket %u starts at %llu after %llu", i,
                      (unsigned long long)lo, (unsigned long long)prev_hi);
        ck_assert_uint_le(lo, hi);
        ck_assert_uint_eq(hist_bucket_of(lo), i);
        ck_assert_uint_eq(hist_bucket_of(hi), i);
        if (i < 2 * HIST_SUB)
            ck_assert_uint_eq(lo, hi);
        prev_hi = hi;
    }
    ck_assert_uint_eq(prev_hi, UINT64_MAX);
}
END_TEST

/* v is in its bucket, and the bucket's midpoint is within the bound. */
static void check_value(sim_time v)
{
    unsigned i = hist_bucket_of(v);
    sim_time lo, hi;

    ck_assert_msg(i < HIST_BUCKETS, "value %llu gives bucket %u",
                  (unsigned long long)v, i);
    hist_bucket_range(i, &lo, &hi);
    ck_assert_msg(lo <= v && v <= hi,
                  "value %llu outside bucket %u [%llu, %llu]",
                  (unsigned long long)v, i, (unsigned long long)lo,
                  (unsigned long long)hi);
    ck_assert_msg(within_bound(lo + (hi - lo) / 2, v),
                  "midpoint of bucket %u too far from %llu", i,
                  (unsigned long long)v);
}

START_TEST(test_bucket_values)
{
    const unsigned long seed = 4242;
    gsl_rng *r;
    unsigned k, i;

    ck_assert_uint_eq(hist_bucket_of(0), 0);
    ck_assert_uint_eq(hist_bucket_of(1), 1);
    ck_assert_uint_eq(hist_bucket_of(127), 127);
    ck_assert_uint_eq(hist_bucket_of(128), 128);
    ck_assert_uint_eq(hist_bucket_of(129), 128);
    ck_assert_uint_eq(hist_bucket_of(130), 129);
    ck_assert_uint_eq(hist_bucket_of(255), 191);
    ck_assert_uint_eq(hist_bucket_of(256), 192);
    ck_assert_uint_eq(hist_bucket_of(UINT64_MAX), HIST_BUCKETS - 1);
    for (k = 0; k < 64; k++) {
        sim_time p = UINT64_C(1) << k;

        check_value(p);
        check_value(p - 1);
        check_value(p + 1);
        check_value(p + p / 2);
    }
    check_value(UINT64_MAX);
    check_value(UINT64_MAX - 1);

    /* Random magnitudes: a 64-bit draw shifted right by 0..63 bits. */
    r = gsl_rng_alloc(gsl_rng_taus2);
    gsl_rng_set(r, seed);
    for (i = 0; i < 100000; i++) {
        sim_time v = (sim_time)gsl_rng_get(r) << 32 | gsl_rng_get(r);

        v >>= gsl_rng_uniform_int(r, 64);
        check_value(v);
    }
    gsl_rng_free(r);
}
END_TEST

typedef sim_time draw_fn(gsl_rng *r);

static sim_time to_ps(double x)
{
    if (x < 1e3)
        return 1000;            /* 1 ns */
    if (x > 1e15)
        return UINT64_C(1000000000000000);      /* 1000 s */
    return (sim_time)(x + 0.5);
}

static sim_time draw_exponential(gsl_rng *r)
{
    return to_ps(gsl_ran_exponential(r, 1e8));          /* mean 100 us */
}

static sim_time draw_lognormal(gsl_rng *r)
{
    return to_ps(gsl_ran_lognormal(r, log(1e6), 3.0));   /* median 1 us */
}

static sim_time draw_loguniform(gsl_rng *r)
{
    return to_ps(pow(10.0, gsl_ran_flat(r, 3.0, 15.0))); /* 1 ns..1000 s */
}

static sim_time draw_uniform(gsl_rng *r)
{
    return to_ps(gsl_ran_flat(r, 1e3, 1e15));
}

static sim_time draw_small(gsl_rng *r)
{
    return gsl_rng_uniform_int(r, 400);   /* exact region and beyond, 0 too */
}

static const struct {
    const char *name;
    draw_fn *draw;
} dists[] = {
    { "exponential", draw_exponential },
    { "lognormal", draw_lognormal },
    { "loguniform", draw_loguniform },
    { "uniform", draw_uniform },
    { "small", draw_small },
};

START_TEST(test_quantile_error)
{
    const unsigned long seed = 1000 + (unsigned long)_i;
    uint64_t *x = malloc(NSAMPLES * sizeof(*x));
    struct hist *h = hist_alloc();
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    size_t i, k;

    ck_assert_ptr_nonnull(x);
    gsl_rng_set(r, seed);
    for (i = 0; i < NSAMPLES; i++) {
        x[i] = dists[_i].draw(r);
        hist_add(h, x[i]);
    }
    gsl_rng_free(r);
    qsort(x, NSAMPLES, sizeof(*x), cmp_u64);
    ck_assert_uint_eq(h->count, NSAMPLES);
    ck_assert_uint_eq(h->min, x[0]);
    ck_assert_uint_eq(h->max, x[NSAMPLES - 1]);
    for (k = 0; k < sizeof(q_permille) / sizeof(q_permille[0]); k++) {
        uint64_t rank = ((uint64_t)q_permille[k] * NSAMPLES + 999) / 1000;
        sim_time exact = x[rank - 1];
        sim_time got = hist_quantile(h, q_permille[k] / 1000.0);

        ck_assert_msg(within_bound(got, exact),
                      "%s, seed %lu, q=%.3f: got %llu, exact %llu",
                      dists[_i].name, seed, q_permille[k] / 1000.0,
                      (unsigned long long)got, (unsigned long long)exact);
    }
    ck_assert_uint_eq(hist_quantile(h, 1.0), x[NSAMPLES - 1]);
    free(h);
    free(x);
}
END_TEST

START_TEST(test_nearest_rank)
{
    struct hist *h = hist_alloc();
    sim_time v;

    for (v = 1; v <= 100; v++)
        hist_add(h, v);
    /* Exact region: the quantile is the ranked value itself. */
    ck_assert_uint_eq(hist_quantile(h, 0.01), 1);
    ck_assert_uint_eq(hist_quantile(h, 0.07), 7);   /* 0.07*100 > 7 in fp */
    ck_assert_uint_eq(hist_quantile(h, 0.5), 50);
    ck_assert_uint_eq(hist_quantile(h, 0.501), 51);
    ck_assert_uint_eq(hist_quantile(h, 0.99), 99);
    ck_assert_uint_eq(hist_quantile(h, 1.0), 100);
    ck_assert_double_eq_tol(hist_mean(h), 50.5, 1e-12);
    free(h);
}
END_TEST

START_TEST(test_clamp)
{
    struct hist *h = hist_alloc();
    const sim_time v = UINT64_C(123456789);

    /* Bucket is 2^20 wide here, but a lone value is reported exactly. */
    hist_add(h, v);
    ck_assert_uint_eq(hist_quantile(h, 0.5), v);
    ck_assert_uint_eq(hist_quantile(h, 0.001), v);
    ck_assert_uint_eq(hist_quantile(h, 1.0), v);
    hist_add(h, UINT64_MAX);
    ck_assert_uint_eq(hist_quantile(h, 1.0), UINT64_MAX);
    ck_assert_uint_eq(hist_quantile(h, 0.5), v);
    free(h);
}
END_TEST

START_TEST(test_add_n)
{
    struct hist *a = hist_alloc();
    struct hist *b = hist_alloc();
    int i;

    for (i = 0; i < 5; i++)
        hist_add(a, 777);
    hist_add_n(b, 777, 5);
    hist_add_n(b, 1, 0);        /* adds nothing, min stays */
    ck_assert_uint_eq(b->count, 5);
    ck_assert_uint_eq(b->min, 777);
    ck_assert_mem_eq(a->bucket, b->bucket, sizeof(a->bucket));
    ck_assert_double_eq(a->sum, b->sum);
    ck_assert_double_eq(hist_mean(b), 777.0);
    free(a);
    free(b);
}
END_TEST

START_TEST(test_merge)
{
    const unsigned long seed = 77;
    struct hist *whole = hist_alloc();
    struct hist *a = hist_alloc();
    struct hist *b = hist_alloc();
    struct hist *e = hist_alloc();
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    size_t i, k;

    gsl_rng_set(r, seed);
    for (i = 0; i < 200000; i++) {
        /* Halves from different ranges, so the merge moves min and max. */
        sim_time v = i < 50000 ? draw_lognormal(r) : draw_loguniform(r);

        hist_add(whole, v);
        hist_add(i < 50000 ? a : b, v);
    }
    gsl_rng_free(r);
    hist_merge(a, b);
    hist_merge(a, e);
    ck_assert_uint_eq(a->count, whole->count);
    ck_assert_uint_eq(a->min, whole->min);
    ck_assert_uint_eq(a->max, whole->max);
    ck_assert_double_eq_tol(a->sum, whole->sum, 1e-12 * whole->sum);
    for (i = 0; i < HIST_BUCKETS; i++)
        ck_assert_msg(a->bucket[i] == whole->bucket[i],
                      "seed %lu: bucket %zu holds %llu, whole has %llu", seed,
                      i, (unsigned long long)a->bucket[i],
                      (unsigned long long)whole->bucket[i]);
    for (k = 0; k < sizeof(q_permille) / sizeof(q_permille[0]); k++)
        ck_assert_uint_eq(hist_quantile(a, q_permille[k] / 1000.0),
                          hist_quantile(whole, q_permille[k] / 1000.0));

    /* Into an empty histogram: a copy. */
    hist_merge(e, whole);
    ck_assert_uint_eq(e->count, whole->count);
    ck_assert_uint_eq(e->min, whole->min);
    ck_assert_uint_eq(e->max, whole->max);
    ck_assert_mem_eq(e->bucket, whole->bucket, sizeof(e->bucket));
    free(whole);
    free(a);
    free(b);
    free(e);
}
END_TEST

START_TEST(test_empty)
{
    struct hist *h = hist_alloc();
    unsigned i;

    ck_assert_uint_eq(h->count, 0);
    ck_assert_uint_eq(h->min, SIM_TIME_MAX);
    ck_assert_uint_eq(h->max, 0);
    for (i = 0; i < HIST_BUCKETS; i++)
        ck_assert_uint_eq(h->bucket[i], 0);
    ck_assert_uint_eq(hist_quantile(h, 0.5), 0);
    ck_assert_uint_eq(hist_quantile(h, 1.0), 0);
    ck_assert_double_eq(hist_mean(h), 0.0);
    free(h);
}
END_TEST

Suite *hist_suite(void)
{
    Suite *s = suite_create("hist");
    TCase *layout = tcase_create("layout");
    TCase *quantile = tcase_create("quantile");
    TCase *core = tcase_create("core");
    TCase *limits = tcase_create("limits");

    tcase_add_test(layout, test_buckets_tile);
    tcase_add_test(layout, test_bucket_values);
    suite_add_tcase(s, layout);
    tcase_add_loop_test(quantile, test_quantile_error, 0,
                        (int)(sizeof(dists) / sizeof(dists[0])));
    tcase_add_test(quantile, test_nearest_rank);
    tcase_add_test(quantile, test_clamp);
    /* A million samples per distribution; generous for sanitizer builds. */
    tcase_set_timeout(quantile, 60);
    suite_add_tcase(s, quantile);
    tcase_add_test(core, test_add_n);
    tcase_add_test(core, test_merge);
    suite_add_tcase(s, core);
    tcase_add_test(limits, test_empty);
    suite_add_tcase(s, limits);
    return s;
}
