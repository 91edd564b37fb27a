/*
 * check_ci.c - tests for sim/ci.c: Student t quantiles against printed
 * tables, intervals on a known sample, and coverage of the 95% interval
 * over many normal samples.
 */
#include <math.h>
#include <stddef.h>

#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>

#include "sim/ci.h"
#include "tests/suites.h"

/* Two-sided critical values from standard t tables (e.g. NIST/SEMATECH). */
static const struct {
    double level;
    size_t n;                   /* observations; n - 1 degrees of freedom */
    double t;
} t_table[] = {
    { 0.95, 2, 12.706 },
    { 0.95, 5, 2.776 },
    { 0.95, 30, 2.045 },
    { 0.95, 11, 2.228 },
    { 0.99, 5, 4.604 },
    { 0.90, 10, 1.833 },
    { 0.95, 100001, 1.960 },    /* the normal limit */
};

START_TEST(test_t_table)
{
    double t = ci_t_quantile(t_table[_i].level, t_table[_i].n);

    ck_assert_msg(fabs(t - t_table[_i].t) < 1e-3,
                  "level %.2f, n %zu: t = %.6f, table %.3f",
                  t_table[_i].level, t_table[_i].n, t, t_table[_i].t);
}
END_TEST

START_TEST(test_known_sample)
{
    static const double x[] = { 1, 2, 3, 4, 5 };
    struct ci c = ci_from_array(x, 5, 0.95);
    /* sd = sqrt(2.5), t(0.975, 4) = 2.7764 from the table. */
    double half = 2.7764 * sqrt(2.5) / sqrt(5.0);

    ck_assert_uint_eq(c.n, 5);
    ck_assert_double_eq_tol(c.mean, 3.0, 1e-12);
    ck_assert_double_eq_tol(c.half, half, 1e-3);
    ck_assert(ci_contains(&c, 3.0));
    ck_assert(ci_contains(&c, 3.0 + half - 1e-3));
    ck_assert(ci_contains(&c, 3.0 - half + 1e-3));
    ck_assert(!ci_contains(&c, 3.0 + half + 1e-3));
    ck_assert(!ci_contains(&c, 3.0 - half - 1e-3));
    ck_assert(!ci_contains(&c, NAN));
}
END_TEST

START_TEST(test_welford_matches_array)
{
    static const double x[] = { 10.5, 9.75, 11.25, 10.0, 12.5, 8.0 };
    struct welford w;
    struct ci a, b, wide;
    size_t i;

    welford_init(&w);
    for (i = 0; i < 6; i++)
        welford_add(&w, x[i]);
    a = ci_from_welford(&w, 0.95);
    b = ci_from_array(x, 6, 0.95);
    ck_assert_uint_eq(a.n, b.n);
    ck_assert_double_eq(a.mean, b.mean);
    ck_assert_double_eq(a.half, b.half);
    ck_assert_double_eq_tol(a.half, ci_t_quantile(0.95, 6)
                            * welford_stddev(&w) / sqrt(6.0), 1e-12);
    /* Higher confidence, wider interval. */
    wide = ci_from_welford(&w, 0.99);
    ck_assert(wide.half > a.half);
}
END_TEST

START_TEST(test_small_n)
{
    static const double x[] = { 42.0 };
    struct ci c;

    c = ci_from_array(x, 1, 0.95);
    ck_assert_uint_eq(c.n, 1);
    ck_assert_double_eq(c.mean, 42.0);
    ck_assert_double_eq(c.half, 0.0);
    ck_assert(ci_contains(&c, 42.0));
    ck_assert(!ci_contains(&c, 42.5));

    c = ci_from_array(NULL, 0, 0.95);
    ck_assert_uint_eq(c.n, 0);
    ck_assert_double_eq(c.mean, 0.0);
    ck_assert_double_eq(c.half, 0.0);
}
END_TEST

/*
 * 2000 samples of 10 from N(5, 2^2): the 95% interval should hold 5 about
 * 1900 times (binomial sd about 10), so [93%, 97%] is four sd either way.
 */
START_TEST(test_coverage)
{
    enum { SAMPLES = 2000, SIZE = 10 };
    const unsigned long seed = 31337;
    const double mu = 5.0;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    double x[SIZE];
    int s, j, hits = 0;

    gsl_rng_set(r, seed);
    for (s = 0; s < SAMPLES; s++) {
        struct ci c;

        for (j = 0; j < SIZE; j++)
            x[j] = mu + gsl_ran_gaussian(r, 2.0);
        c = ci_from_array(x, SIZE, 0.95);
        hits += ci_contains(&c, mu);
    }
    gsl_rng_free(r);
    ck_assert_msg(hits >= SAMPLES * 93 / 100 && hits <= SAMPLES * 97 / 100,
                  "seed %lu: 95%% CI covered the mean %d times of %d", seed,
                  hits, SAMPLES);
}
END_TEST

Suite *ci_suite(void)
{
    Suite *s = suite_create("ci");
    TCase *quantile = tcase_create("quantile");
    TCase *core = tcase_create("core");
    TCase *coverage = tcase_create("coverage");

    tcase_add_loop_test(quantile, test_t_table, 0,
                        (int)(sizeof(t_table) / sizeof(t_table[0])));
    suite_add_tcase(s, quantile);
    tcase_add_test(core, test_known_sample);
    tcase_add_test(core, test_welford_matches_array);
    tcase_add_test(core, test_small_n);
    suite_add_tcase(s, core);
    tcase_add_test(coverage, test_coverage);
    suite_add_tcase(s, coverage);
    return s;
}
