/*
 * check_queueing.c - validation against queueing theory: M/M/1 at rho 0.5
 * and 0.9, M/M/4 (Erlang C) and M/D/1 (Pollaczek-Khinchine) run through
 * the engine's own primitives. The analytic mean wait must lie inside the
 * 95% confidence interval over independent replications.
 *
 * Each case is one fixed seed, printed on failure. A 95% interval misses
 * 5% of the time by construction; the seeds were not chosen to pass.
 */
#include <math.h>

#include "sim/ci.h"
#include "sim/qmodel.h"
#include "tests/suites.h"

#define REPS 10

struct qcase {
    const char *name;
    unsigned servers;
    double rho;                 /* per-server load */
    enum qmodel_service service;
    uint64_t customers;
};

static const struct qcase cases[] = {
    {"M/M/1 rho=0.5", 1, 0.5, QMODEL_EXPONENTIAL, 100000},
    {"M/M/1 rho=0.9", 1, 0.9, QMODEL_EXPONENTIAL, 400000},
    {"M/M/4 rho=0.8", 4, 0.8, QMODEL_EXPONENTIAL, 200000},
    {"M/D/1 rho=0.7", 1, 0.7, QMODEL_DETERMINISTIC, 200000},
};

static double analytic_wait(const struct qcase *c, double lambda, double mu)
{
    if (c->service == QMODEL_DETERMINISTIC)
        return qmodel_md1_wait_s(lambda, mu);
    return qmodel_mmc_wait_s(c->servers, lambda, mu);
}

START_TEST(test_mean_wait_in_ci)
{
    const struct qcase *c = &cases[_i];
    const uint64_t seed = 20261125;
    const double mu = 1.0 / 10e-6;          /* 10 us mean service */
    const double lambda = c->rho * c->servers * mu;
    struct qmodel_params p = {
        .servers = c->servers,
        .arrival_rate_per_s = lambda,
        .service_mean_s = 1.0 / mu,
        .service = c->service,
        .customers = c->customers,
        .warmup = c->customers / 10,
        .seed = seed,
    };
    static struct qmodel_result res;        /* holds a histogram: keep off the stack */
    struct welford waits, utils;
    struct ci wait_ci, util_ci;
    double want = analytic_wait(c, lambda, mu);
    int rep;

    welford_init(&waits);
    welford_init(&utils);
    for (rep = 0; rep < REPS; rep++) {
        p.rep = (uint64_t)rep;
        ck_assert_int_eq(qmodel_run(&p, &res), 0);
        ck_assert_uint_eq(res.response_s.n, p.customers - p.warmup);
        welford_add(&waits, res.wait_s.mean);
        welford_add(&utils, res.utilization);
    }
    wait_ci = ci_from_welford(&waits, 0.95);
    util_ci = ci_from_welford(&utils, 0.95);
    ck_assert_msg(ci_contains(&wait_ci, want),
                  "%s seed %llu: analytic wait %.4g us outside %.4g +- %.4g us",
                  c->name, (unsigned long long)seed, want * 1e6,
                  wait_ci.mean * 1e6, wait_ci.half * 1e6);
    /* Utilization is lambda / (c mu) in every one of these systems. */
    ck_assert_msg(fabs(util_ci.mean - c->rho) < 0.01,
                  "%s seed %llu: utilization %.4f, want %.4f", c->name,
                  (unsigned long long)seed, util_ci.mean, c->rho);
    /* The interval must be informative, not wide enough to hold anything. */
    ck_assert_msg(wait_ci.half < 0.25 * want, "%s: CI too wide (%g of %g)",
                  c->name, wait_ci.half, want);
}
END_TEST

START_TEST(test_erlang_c_known_values)
{
    /* c = 1: P(wait) = rho. c = 2, a = 1: 1/3 (tabulated). */
    ck_assert_double_eq_tol(qmodel_erlang_c(1, 0.7), 0.7, 1e-12);
    ck_assert_double_eq_tol(qmodel_erlang_c(2, 1.0), 1.0 / 3.0, 1e-12);
    /* M/M/1 wait equals rho / (mu - lambda). */
    ck_assert_double_eq_tol(qmodel_mmc_wait_s(1, 0.5, 1.0), 1.0, 1e-12);
    /* M/D/1 wait is half the M/M/1 wait. */
    ck_assert_double_eq_tol(qmodel_md1_wait_s(0.5, 1.0), 0.5, 1e-12);
}
END_TEST

/* Same seed, same replication: byte-identical results. */
START_TEST(test_deterministic)
{
    struct qmodel_params p = {
        .servers = 2, .arrival_rate_per_s = 1.5e5, .service_mean_s = 10e-6,
        .service = QMODEL_EXPONENTIAL, .customers = 20000, .warmup = 1000,
        .seed = 99, .rep = 3,
    };
    static struct qmodel_result a, b;

    qmodel_run(&p, &a);
    qmodel_run(&p, &b);
    ck_assert_double_eq(a.wait_s.mean, b.wait_s.mean);
    ck_assert_uint_eq(a.events, b.events);
    ck_assert_uint_eq(hist_quantile(&a.response, 0.99),
                      hist_quantile(&b.response, 0.99));
    p.rep = 4;
    qmodel_run(&p, &b);
    ck_assert_double_ne(a.wait_s.mean, b.wait_s.mean);
}
END_TEST

Suite *queueing_suite(void)
{
    Suite *s = suite_create("queueing");
    TCase *tc = tcase_create("theory");

    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_mean_wait_in_ci, 0,
                        (int)(sizeof(cases) / sizeof(cases[0])));
    tcase_add_test(tc, test_erlang_c_known_values);
    tcase_add_test(tc, test_deterministic);
    suite_add_tcase(s, tc);
    return s;
}
