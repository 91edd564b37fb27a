/*
 * check_welford.c - tests for sim/welford.c: known data sets, merging,
 * empty and single-observation accumulators, and catastrophic-cancellation
 * data that a naive sum of squares gets wrong.
 */
#include <math.h>
#include <stddef.h>

#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>

#include "sim/welford.h"
#include "tests/suites.h"

static void add_all(struct welford *w, const double *x, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        welford_add(w, x[i]);
}

/* Two-pass mean and sample variance, the textbook reference. */
static void two_pass(const double *x, size_t n, double *mean, double *var)
{
    double s = 0.0, ss = 0.0;
    size_t i;

    for (i = 0; i < n; i++)
        s += x[i];
    *mean = s / (double)n;
    for (i = 0; i < n; i++)
        ss += (x[i] - *mean) * (x[i] - *mean);
    *var = ss / (double)(n - 1);
}

START_TEST(test_known_sets)
{
    /* Population variance 4 (sum of squared deviations 32), so 32/7. */
    static const double a[] = { 2, 4, 4, 4, 5, 5, 7, 9 };
    static const double b[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
    struct welford w;

    welford_init(&w);
    add_all(&w, a, sizeof(a) / sizeof(a[0]));
    ck_assert_uint_eq(w.n, 8);
    ck_assert_double_eq_tol(w.mean, 5.0, 1e-12);
    ck_assert_double_eq_tol(w.m2, 32.0, 1e-12);
    ck_assert_double_eq_tol(welford_variance(&w), 32.0 / 7.0, 1e-12);
    ck_assert_double_eq_tol(welford_stddev(&w), sqrt(32.0 / 7.0), 1e-12);
    ck_assert_double_eq(w.min, 2.0);
    ck_assert_double_eq(w.max, 9.0);

    /* 1..10: mean 11/2, sample variance n(n+1)/12 = 55/6. */
    welford_init(&w);
    add_all(&w, b, sizeof(b) / sizeof(b[0]));
    ck_assert_double_eq_tol(w.mean, 5.5, 1e-12);
    ck_assert_double_eq_tol(welford_variance(&w), 55.0 / 6.0, 1e-12);
    ck_assert_double_eq(w.min, 1.0);
    ck_assert_double_eq(w.max, 10.0);
}
END_TEST

START_TEST(test_constant)
{
    struct welford w;
    int i;

    welford_init(&w);
    for (i = 0; i < 1000; i++)
        welford_add(&w, 0.1);
    ck_assert_double_eq_tol(w.mean, 0.1, 1e-15);
    ck_assert(welford_variance(&w) >= 0.0);
    ck_assert_double_eq_tol(welford_variance(&w), 0.0, 1e-30);
}
END_TEST

START_TEST(test_random_vs_two_pass)
{
    enum { N = 10000 };
    static double x[N];
    const unsigned long seed = 20240611;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    struct welford w;
    double mean, var;
    size_t i;

    gsl_rng_set(r, seed);
    for (i = 0; i < N; i++)
        x[i] = 3.0 + gsl_ran_exponential(r, 2.0);
    gsl_rng_free(r);
    welford_init(&w);
    add_all(&w, x, N);
    two_pass(x, N, &mean, &var);
    ck_assert_msg(fabs(w.mean - mean) <= 1e-12 * mean,
                  "seed %lu: mean %.17g vs two-pass %.17g", seed, w.mean,
                  mean);
    ck_assert_msg(fabs(welford_variance(&w) - var) <= 1e-10 * var,
                  "seed %lu: variance %.17g vs two-pass %.17g", seed,
                  welford_variance(&w), var);
}
END_TEST

/* Merging at every split point of a small set, and one large split. */
START_TEST(test_merge_halves)
{
    static const double x[] = { 0.5, -3.25, 8, 1e3, 7, 7, -0.125, 42, 3, 11 };
    const size_t n = sizeof(x) / sizeof(x[0]);
    struct welford whole, a, b;
    size_t k;

    welford_init(&whole);
    add_all(&whole, x, n);
    for (k = 0; k <= n; k++) {
        welford_init(&a);
        welford_init(&b);
        add_all(&a, x, k);
        add_all(&b, x + k, n - k);
        welford_merge(&a, &b);
        ck_assert_uint_eq(a.n, whole.n);
        ck_assert_double_eq_tol(a.mean, whole.mean, 1e-12);
        ck_assert_double_eq_tol(a.m2, whole.m2, 1e-9);
        ck_assert_double_eq_tol(welford_variance(&a), welford_variance(&whole),
                                1e-9);
        ck_assert_double_eq(a.min, whole.min);
        ck_assert_double_eq(a.max, whole.max);
    }
}
END_TEST

START_TEST(test_merge_random)
{
    enum { N = 5000, SPLIT = 1234 };
    static double x[N];
    const unsigned long seed = 99;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    struct welford whole, a, b;
    size_t i;

    gsl_rng_set(r, seed);
    for (i = 0; i < N; i++)
        x[i] = gsl_ran_gaussian(r, 10.0) + (i < SPLIT ? 100.0 : -50.0);
    gsl_rng_free(r);
    welford_init(&whole);
    welford_init(&a);
    welford_init(&b);
    add_all(&whole, x, N);
    add_all(&a, x, SPLIT);
    add_all(&b, x + SPLIT, N - SPLIT);
    welford_merge(&a, &b);
    ck_assert_uint_eq(a.n, N);
    ck_assert_msg(fabs(a.mean - whole.mean) <= 1e-12 * fabs(whole.mean),
                  "seed %lu: merged mean %.17g vs %.17g", seed, a.mean,
                  whole.mean);
    ck_assert_msg(fabs(welford_variance(&a) - welford_variance(&whole))
                  <= 1e-12 * welford_variance(&whole),
                  "seed %lu: merged variance %.17g vs %.17g", seed,
                  welford_variance(&a), welford_variance(&whole));
    ck_assert_double_eq(a.min, whole.min);
    ck_assert_double_eq(a.max, whole.max);
}
END_TEST

START_TEST(test_empty)
{
    struct welford w, e, one;

    welford_init(&w);
    ck_assert_uint_eq(w.n, 0);
    ck_assert_double_eq(w.mean, 0.0);
    ck_assert_double_eq(welford_variance(&w), 0.0);
    ck_assert_double_eq(welford_stddev(&w), 0.0);
    ck_assert(isinf(w.min) && w.min > 0);
    ck_assert(isinf(w.max) && w.max < 0);

    /* Empty is the identity of merge, on either side. */
    welford_init(&e);
    welford_merge(&w, &e);
    ck_assert_uint_eq(w.n, 0);
    welford_init(&one);
    welford_add(&one, -4.5);
    welford_merge(&w, &one);
    ck_assert_uint_eq(w.n, 1);
    ck_assert_double_eq(w.mean, -4.5);
    ck_assert_double_eq(w.min, -4.5);
    ck_assert_double_eq(w.max, -4.5);
    welford_merge(&one, &e);
    ck_assert_uint_eq(one.n, 1);
    ck_assert_double_eq(one.mean, -4.5);
}
END_TEST

START_TEST(test_single)
{
    struct welford w;

    welford_init(&w);
    welford_add(&w, 17.25);
    ck_assert_uint_eq(w.n, 1);
    ck_assert_double_eq(w.mean, 17.25);
    ck_assert_double_eq(welford_variance(&w), 0.0);
    ck_assert_double_eq(welford_stddev(&w), 0.0);
    ck_assert_double_eq(w.min, 17.25);
    ck_assert_double_eq(w.max, 17.25);
}
END_TEST

/*
 * 1e9 + {4, 7, 13, 16}: sample variance 30. The naive formula
 * (sum x^2 - n mean^2) / (n - 1) subtracts numbers near 4e18, where a
 * double's spacing is 512, and loses every digit.
 */
START_TEST(test_hard_offset)
{
    static const double noise[] = { 4, 7, 13, 16 };
    struct welford w, a, b;
    double s = 0.0, ss = 0.0, naive;
    int i, rep;

    welford_init(&w);
    welford_init(&a);
    welford_init(&b);
    for (rep = 0; rep < 250; rep++) {
        for (i = 0; i < 4; i++) {
            double x = 1e9 + noise[i];

            welford_add(&w, x);
            welford_add(rep < 100 ? &a : &b, x);
            s += x;
            ss += x * x;
        }
    }
    /* 1000 values, four each of 1e9 + {4, 7, 13, 16}: m2 = 250 * 90. */
    ck_assert_double_eq_tol(w.mean, 1e9 + 10.0, 1e-6);
    ck_assert_double_eq_tol(welford_variance(&w), 250.0 * 90.0 / 999.0, 1e-6);
    welford_merge(&a, &b);
    ck_assert_double_eq_tol(a.mean, 1e9 + 10.0, 1e-6);
    ck_assert_double_eq_tol(welford_variance(&a), 250.0 * 90.0 / 999.0,
                            1e-6);
    /* The data really is hard: the naive formula is far off. */
    naive = (ss - s * s / 1000.0) / 999.0;
    ck_assert(fabs(naive - 250.0 * 90.0 / 999.0) > 1.0);

    welford_init(&w);
    for (i = 0; i < 4; i++)
        welford_add(&w, 1e9 + noise[i]);
    ck_assert_double_eq_tol(welford_variance(&w), 30.0, 1e-7);
}
END_TEST

Suite *welford_suite(void)
{
    Suite *s = suite_create("welford");
    TCase *core = tcase_create("core");
    TCase *merge = tcase_create("merge");
    TCase *limits = tcase_create("limits");

    tcase_add_test(core, test_known_sets);
    tcase_add_test(core, test_constant);
    tcase_add_test(core, test_random_vs_two_pass);
    suite_add_tcase(s, core);
    tcase_add_test(merge, test_merge_halves);
    tcase_add_test(merge, test_merge_random);
    suite_add_tcase(s, merge);
    tcase_add_test(limits, test_empty);
    tcase_add_test(limits, test_single);
    tcase_add_test(limits, test_hard_offset);
    suite_add_tcase(s, limits);
    return s;
}
