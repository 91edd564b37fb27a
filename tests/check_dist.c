/*
 * check_dist.c - tests for workloads/dist.c: each distribution's sample
 * mean and variance against theory on a fixed seed (printed on failure),
 * lognormal draws as exp of an exact normal (moments of their logs and a
 * Kolmogorov-Smirnov test) with their mean and cv in confidence bounds,
 * const draws consuming no randomness, empirical samples from a file and
 * its errors, names, and release.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "tests/suites.h"
#include "workloads/dist.h"

#define SEED 20261125
#define N 200000

static struct dist make_case(int i)
{
    static const double samples[] = {1, 2, 2, 3, 10, 50};
    double *v;

    switch (i) {
    case 0: return dist_const(7.5);
    case 1: return dist_exponential(200000);
    case 2: return dist_lognormal(1500, 0.5);
    case 3: return dist_lognormal(1500, 2.0);
    case 4: return dist_uniform(100, 300);
    case 5: return dist_pareto(5, 100);
    default:
        v = xmalloc(sizeof(samples));
        memcpy(v, samples, sizeof(samples));
        {
            struct dist d;

            dist_empirical_take(&d, v, 6);
            return d;
        }
    }
}

#define N_CASES 7

/*
 * Sample mean within 5 standard errors; sample variance within a
 * tolerance that allows for the heavier tails of some cases.
 */
START_TEST(test_moments)
{
    static const double var_tol[N_CASES] = {0, 0.03, 0.04, 0.5, 0.02, 0.15,
                                            0.03};
    struct dist d = make_case(_i);
    struct rng_stream st;
    double mean = 0, m2 = 0, want_mean, want_var, se;
    char what[96];
    int k, bad = 0;

    ck_assert_int_eq(rng_stream_init(&st, SEED, 0, 0, (uint64_t)_i), 0);
    for (k = 0; k < N; k++) {
        double x = dist_sample(&d, &st), delta = x - mean;

        /* ck_assert marks a point per call: too slow inside the loop. */
        bad += !(x >= 0 && isfinite(x));
        mean += delta / (k + 1);
        m2 += delta * (x - mean);
    }
    ck_assert_int_eq(bad, 0);
    want_mean = dist_mean(&d);
    want_var = dist_variance(&d);
    se = sqrt(want_var / N);
    dist_describe(&d, what, sizeof(what));
    ck_assert_msg(fabs(mean - want_mean) <= 5 * se + 1e-12,
                  "%s seed %u: sample mean %.6g, theory %.6g (se %.3g)", what,
                  st.seed, mean, want_mean, se);
    ck_assert_msg(fabs(m2 / (N - 1) - want_var) <= var_tol[_i] * want_var,
                  "%s seed %u: sample variance %.6g, theory %.6g", what,
                  st.seed, m2 / (N - 1), want_var);
    dist_release(&d);
    rng_stream_release(&st);
}
END_TEST

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/*
 * A lognormal draw is exp of a normal: the logs of the draws have mean mu
 * and sd sigma within five standard errors, and pass a Kolmogorov-Smirnov
 * test against N(mu, sigma^2) (sqrt(n) D > 1.63 has probability 1%; the
 * seed is fixed, so the test is deterministic). The draws' own mean and cv
 * lie within five standard errors of theory (the cv's through the delta
 * method, with the lognormal's moments up to the fourth).
 */
START_TEST(test_lognormal_exact)
{
    static const double cvs[] = {0.25, 1.0, 2.0};
    const double mean = 1536, cv = cvs[_i];
    struct dist d = dist_lognormal(mean, cv);
    struct rng_stream st;
    double *z = xmalloc(N * sizeof(*z)), *x = xmalloc(N * sizeof(*x));
    double s1 = 0, s2 = 0, m, sd, ks = 0, xm = 0, xv = 0, se_cv, w, k4;
    int k, bad = 0;

    rng_stream_init(&st, SEED, 1, 0, (uint64_t)_i);
    for (k = 0; k < N; k++) {
        x[k] = dist_sample(&d, &st);
        bad += !(x[k] > 0 && isfinite(x[k]));
        z[k] = log(x[k]);
        s1 += z[k];
        s2 += z[k] * z[k];
        xm += x[k];
    }
    ck_assert_int_eq(bad, 0);
    m = s1 / N;
    sd = sqrt((s2 - s1 * s1 / N) / (N - 1));
    ck_assert_msg(fabs(m - d.mu) < 5 * d.sigma / sqrt(N),
                  "cv %g seed %u: mean of logs %.6g, mu %.6g", cv, st.seed, m,
                  d.mu);
    ck_assert_msg(fabs(sd / d.sigma - 1) < 5 / sqrt(2.0 * N),
                  "cv %g seed %u: sd of logs %.6g, sigma %.6g", cv, st.seed,
                  sd, d.sigma);
    qsort(z, N, sizeof(*z), cmp_double);
    for (k = 0; k < N; k++) {
        double f = 0.5 * erfc(-(z[k] - d.mu) / (d.sigma * sqrt(2)));

        ks = fmax(ks, fmax(f - (double)k / N, (double)(k + 1) / N - f));
    }
    ck_assert_msg(sqrt(N) * ks < 1.63, "cv %g seed %u: KS sqrt(n) D = %g",
                  cv, st.seed, sqrt(N) * ks);
    xm /= N;
    for (k = 0; k < N; k++)
        xv += (x[k] - xm) * (x[k] - xm);
    xv /= N - 1;
    /*
     * Var of the sample cv by the delta method: with w = 1 + cv^2 (so
     * E X^j = mean^j w^(j(j-1)/2)) and the fourth central moment k4,
     * Var(s) ~ (k4 - var^2) / (4 var N) and the cv's relative error adds
     * the mean's: se(cv)/cv ~ sqrt((k4/var^2 - 1) / (4N) + cv^2 / N),
     * ignoring their covariance (positive for a right skew), which would
     * only narrow it.
     */
    w = 1 + cv * cv;
    k4 = pow(w, 6) - 4 * pow(w, 3) + 6 * w - 3;     /* over mean^4 */
    se_cv = cv * sqrt((k4 / pow(cv, 4) - 1) / (4.0 * N) + cv * cv / N);
    ck_assert_msg(fabs(xm - mean) < 5 * mean * cv / sqrt(N),
                  "cv %g seed %u: sample mean %.6g", cv, st.seed, xm);
    ck_assert_msg(fabs(sqrt(xv) / xm - cv) < 5 * se_cv + 1e-12,
                  "cv %g seed %u: sample cv %.6g (se %.3g)", cv, st.seed,
                  sqrt(xv) / xm, se_cv);
    free(z);
    free(x);
    rng_stream_release(&st);
}
END_TEST

START_TEST(test_theory)
{
    struct dist d;

    d = dist_lognormal(100, 0);
    ck_assert_double_eq_tol(d.sigma, 0, 1e-15);
    ck_assert_double_eq_tol(exp(d.mu), 100, 1e-9);
    d = dist_pareto(1, 10);
    ck_assert(isinf(dist_mean(&d)));
    d = dist_pareto(2, 10);
    ck_assert_double_eq_tol(dist_mean(&d), 20, 1e-12);
    ck_assert(isinf(dist_variance(&d)));
    d = dist_uniform(2, 2);
    ck_assert_double_eq(dist_variance(&d), 0);
}
END_TEST

/*
 * A const draw leaves the stream untouched, so adding a constant amount
 * to a workload does not shift the draws of the others.
 */
START_TEST(test_const_draws_nothing)
{
    struct dist c = dist_const(3);
    struct rng_stream a, b;

    rng_stream_init(&a, 1, 2, 3, 4);
    rng_stream_init(&b, 1, 2, 3, 4);
    ck_assert_double_eq(dist_sample(&c, &a), 3);
    ck_assert_double_eq(rng_uniform_pos(&a), rng_uniform_pos(&b));
    rng_stream_release(&a);
    rng_stream_release(&b);
}
END_TEST

START_TEST(test_names)
{
    int k;

    for (k = 0; k < DIST_KIND_COUNT; k++)
        ck_assert_int_eq(dist_kind_from_name(dist_kind_name(k)), k);
    ck_assert_int_eq(dist_kind_from_name("normal"), -1);
    ck_assert_str_eq(dist_kind_name(DIST_KIND_COUNT), "?");
}
END_TEST

START_TEST(test_empirical_file)
{
    struct dist d;
    struct diag dg;
    struct rng_stream st;
    int k, seen120 = 0;

    diag_init(&dg, "tests/data/samples.txt");
    ck_assert_int_eq(dist_empirical_load(&d, "tests/data/samples.txt", &dg),
                     0);
    ck_assert_uint_eq(d.nsamples, 5);
    ck_assert_double_eq_tol(dist_mean(&d), (12 + 15.5 + 9 + 40 + 120) / 5.0,
                            1e-12);
    rng_stream_init(&st, SEED, 0, 0, 0);
    for (k = 0; k < 1000; k++) {
        double x = dist_sample(&d, &st);

        ck_assert(x == 12 || x == 15.5 || x == 9 || x == 40 || x == 120);
        seen120 |= x == 120;
    }
    ck_assert(seen120);
    rng_stream_release(&st);
    dist_release(&d);
    ck_assert_int_eq(d.kind, DIST_CONST);
    ck_assert_ptr_null(d.samples);
}
END_TEST

START_TEST(test_empirical_errors)
{
    struct dist d = dist_const(1);
    struct diag dg;

    diag_init(&dg, "tests/data/samples-bad.txt");
    ck_assert_int_eq(dist_empirical_load(&d, "tests/data/samples-bad.txt",
                                         &dg), -1);
    ck_assert_int_eq(dg.count, 2);
    ck_assert_int_eq(dg.e[0].line, 3);
    ck_assert_str_eq(dg.e[0].msg, "expected a number, got 'abc'");
    ck_assert_int_eq(dg.e[1].line, 4);
    ck_assert_str_eq(dg.e[1].msg, "samples must be >= 0, got '-4'");
    ck_assert_int_eq(d.kind, DIST_CONST);       /* untouched */
    diag_init(&dg, "nope");
    ck_assert_int_eq(dist_empirical_load(&d, "tests/data/no-such-file", &dg),
                     -1);
    ck_assert_str_eq(dg.e[0].msg,
                     "cannot open samples file: No such file or directory");
}
END_TEST

Suite *dist_suite(void)
{
    Suite *s = suite_create("dist");
    TCase *tc = tcase_create("core");

    tcase_add_loop_test(tc, test_moments, 0, N_CASES);
    tcase_add_loop_test(tc, test_lognormal_exact, 0, 3);
    tcase_add_test(tc, test_theory);
    tcase_add_test(tc, test_const_draws_nothing);
    tcase_add_test(tc, test_names);
    suite_add_tcase(s, tc);
    tc = tcase_create("empirical");
    tcase_add_test(tc, test_empirical_file);
    tcase_add_test(tc, test_empirical_errors);
    suite_add_tcase(s, tc);
    return s;
}
