/*
 * check_dist.c - tests for workloads/dist.c: each distribution's sample
 * mean and variance against theory on a fixed seed (printed on failure),
 * const draws consuming no randomness, empirical samples from a file and
 * its errors, names, and release.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sim/xalloc.h"
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
