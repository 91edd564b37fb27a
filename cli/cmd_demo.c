/*
 * cmd_demo.c - `virtsim demo`: the engine's demonstration until scenario
 * runs exist. It runs an M/M/c queue through the event engine (sim/qmodel.c:
 * cqueue, RNG streams, histogram, Welford) for a few independent
 * replications, and prints confidence intervals (sim/ci.c) of what it
 * measured next to what queueing theory says (Erlang C, and the response
 * time distribution), so that anyone can see the engine agree with theory.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/commands.h"
#include "cli/opt.h"
#include "sim/ci.h"
#include "base/diag.h"
#include "sim/hist.h"
#include "sim/qmodel.h"
#include "sim/time.h"
#include "base/xalloc.h"

#define DEMO_REPS         5
#define DEMO_LEVEL        0.95
#define DEMO_MAX_SERVERS  UINT64_C(100000)
#define DEMO_MIN_CUST     UINT64_C(100)
#define DEMO_MAX_CUST     UINT64_C(1000000000)
#define DEMO_MAX_SVC_US   1e6
/* Keeps the clock far from the 2^64 ps (213 days) end of sim_time. */
#define DEMO_MAX_SPAN_S   1e6

struct demo_opts {
    uint64_t servers;
    double rho;                 /* per-server utilization, in (0, 1) */
    uint64_t customers;         /* per replication */
    uint64_t seed;
    double service_us;          /* mean service time */
};

/* What each replication measured, indexed by replication. */
struct demo_samples {
    double wait_us[DEMO_REPS];
    double resp_us[DEMO_REPS];
    double p50_us[DEMO_REPS];
    double p99_us[DEMO_REPS];
    double util[DEMO_REPS];
    uint64_t events;            /* engine events, all replications */
};

/* Queueing theory's values for the same M/M/c queue. */
struct demo_theory {
    double erlang_c;            /* probability that an arrival waits */
    double wait_us, resp_us, p50_us, p99_us, util;
};

static const char *const demo_options[] = {
    "--servers", "--rho", "--customers", "--seed", "--service-us", "--help",
};

/*
 * Runs replication `rep` (< DEMO_REPS) through sim/qmodel.c, the same
 * M/M/c model the validation tests check, and records it in sm. res is
 * scratch space. Returns 0, or -1 when a random stream cannot be allocated.
 */
static int run_replication(const struct demo_opts *o, unsigned rep,
                           struct qmodel_result *res, struct demo_samples *sm)
{
    struct qmodel_params p = {
        .servers = (unsigned)o->servers,
        .arrival_rate_per_s = o->rho * (double)o->servers /
                              (o->service_us * 1e-6),
        .service_mean_s = o->service_us * 1e-6,
        .service = QMODEL_EXPONENTIAL,
        .customers = o->customers,
        .warmup = o->customers / 10,
        .seed = o->seed,
        .rep = rep,
    };

    if (qmodel_run(&p, res) < 0)
        return -1;
    sm->wait_us[rep] = res->wait_s.mean * 1e6;
    sm->resp_us[rep] = res->response_s.mean * 1e6;
    sm->p50_us[rep] = sim_time_to_us(hist_quantile(&res->response, 0.50));
    sm->p99_us[rep] = sim_time_to_us(hist_quantile(&res->response, 0.99));
    sm->util[rep] = res->utilization;
    sm->events += res->events;
    return 0;
}

/* ---- the theory ---- */

/*
 * P(response > t) in an M/M/c queue: the response is the service time
 * S ~ Exp(mu) plus a wait that is 0 with probability 1 - C and
 * Exp(theta = c mu - lambda) with probability C; an exponential plus an
 * exponential is hypoexponential.
 */
static double response_tail(double t, double mu, double theta, double c_prob)
{
    double both;

    if (fabs(theta - mu) < 1e-9 * mu)
        both = (1.0 + mu * t) * exp(-mu * t);
    else
        both = (theta * exp(-mu * t) - mu * exp(-theta * t)) / (theta - mu);
    return (1.0 - c_prob) * exp(-mu * t) + c_prob * both;
}

/* The q-quantile of the response time, by bisection on the tail. */
static double response_quantile(double q, double mu, double theta,
                                double c_prob)
{
    double lo = 0.0, hi = 1.0 / mu;
    int i;

    while (response_tail(hi, mu, theta, c_prob) > 1.0 - q)
        hi *= 2.0;
    for (i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
        double mid = 0.5 * (lo + hi);

        if (response_tail(mid, mu, theta, c_prob) > 1.0 - q)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

static void theory(const struct demo_opts *o, struct demo_theory *t)
{
    double c = (double)o->servers;
    double mu = 1.0 / o->service_us;            /* per microsecond */
    double lambda = o->rho * c * mu;
    double theta = c * mu - lambda;

    t->erlang_c = qmodel_erlang_c((unsigned)o->servers, lambda / mu);
    t->wait_us = t->erlang_c / theta;
    t->resp_us = t->wait_us + 1.0 / mu;
    t->p50_us = response_quantile(0.50, mu, theta, t->erlang_c);
    t->p99_us = response_quantile(0.99, mu, theta, t->erlang_c);
    t->util = o->rho;
}

/* ---- the command ---- */

static int parse_args(int argc, char **argv, struct demo_opts *o,
                      struct diag *dg, int *help)
{
    int i;

    for (i = 1; i < argc; i++) {
        const char *v = NULL;
        double d;

        if (opt_is_help(argv[i])) {
            *help = 1;
            return 0;
        }
        if (argv[i][0] != '-') {
            diag_set(dg, 0, 0, "unexpected argument '%s'", argv[i]);
        } else if (opt_match(argc, argv, &i, "--servers", &v, dg) <= 0) {
            if (v && opt_parse_u64("--servers", v, &o->servers, dg) == 0 &&
                (o->servers < 1 || o->servers > DEMO_MAX_SERVERS))
                diag_set(dg, 0, 0, "--servers must be between 1 and %llu, "
                         "got %llu", (unsigned long long)DEMO_MAX_SERVERS,
                         (unsigned long long)o->servers);
        } else if (opt_match(argc, argv, &i, "--rho", &v, dg) <= 0) {
            if (v && opt_parse_double("--rho", v, &d, dg) == 0) {
                if (d > 0.0 && d < 1.0)
                    o->rho = d;
                else
                    diag_set(dg, 0, 0, "--rho must be in (0, 1), got %g", d);
            }
        } else if (opt_match(argc, argv, &i, "--customers", &v, dg) <= 0) {
            if (v && opt_parse_u64("--customers", v, &o->customers, dg) == 0 &&
                (o->customers < DEMO_MIN_CUST || o->customers > DEMO_MAX_CUST))
                diag_set(dg, 0, 0, "--customers must be between %llu and "
                         "%llu, got %llu", (unsigned long long)DEMO_MIN_CUST,
                         (unsigned long long)DEMO_MAX_CUST,
                         (unsigned long long)o->customers);
        } else if (opt_match(argc, argv, &i, "--seed", &v, dg) <= 0) {
            if (v)
                opt_parse_seed("--seed", v, &o->seed, dg);
        } else if (opt_match(argc, argv, &i, "--service-us", &v, dg) <= 0) {
            if (v && opt_parse_double("--service-us", v, &d, dg) == 0) {
                if (d > 0.0 && d <= DEMO_MAX_SVC_US)
                    o->service_us = d;
                else
                    diag_set(dg, 0, 0, "--service-us must be in (0, %g], "
                             "got %g", DEMO_MAX_SVC_US, d);
            }
        } else {
            opt_unknown(argv[i], demo_options,
                        (int)(sizeof(demo_options) / sizeof(demo_options[0])),
                        dg);
        }
    }
    if (dg->count == 0) {
        double span_s = (double)o->customers * o->service_us * 1e-6 /
                        (o->rho * (double)o->servers);

        if (span_s > DEMO_MAX_SPAN_S)
            diag_set(dg, 0, 0, "the run would cover %g s of simulated time "
                     "(at most %g); raise --rho or lower --customers",
                     span_s, DEMO_MAX_SPAN_S);
    }
    return dg->count ? -1 : 0;
}

/*
 * Half the width of the histogram bucket holding v: a quantile read from
 * the histogram cannot be told apart from other values of its bucket.
 */
static double bucket_half_us(double v_us)
{
    sim_time lo, hi;

    hist_bucket_range(hist_bucket_of(sim_time_from_sec(v_us * 1e-6)), &lo,
                      &hi);
    return sim_time_to_us(hi - lo) / 2.0;
}

/*
 * Prints one row: the CI across replications, the analytic value, and
 * whether the CI widened by `tol` (the measurement's resolution) holds it.
 */
static void print_row(const char *metric, const double *x, double analytic,
                      int prec, double tol)
{
    struct ci c = ci_from_array(x, DEMO_REPS, DEMO_LEVEL);
    struct ci widened = c;

    widened.half += tol;
    printf("%-20s %12.*f %12.*f %12.*f  %s\n", metric, prec, c.mean, prec,
           c.half, prec, analytic,
           ci_contains(&widened, analytic) ? "yes" : "no");
}

static double now_sec(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int demo_run(int argc, char **argv)
{
    struct demo_opts o = {
        .servers = 1, .rho = 0.8, .customers = 200000, .seed = 42,
        .service_us = 10.0,
    };
    struct demo_samples sm = {.events = 0};
    struct demo_theory t;
    struct qmodel_result *res;
    double t0, wall;
    unsigned rep;
    struct diag dg;
    int help = 0;

    diag_init(&dg, "virtsim demo");
    if (parse_args(argc, argv, &o, &dg, &help) < 0)
        return opt_fail(&dg, "demo");
    if (help) {
        command_print_usage(&demo_command, stdout);
        return 0;
    }

    res = xmalloc(sizeof(*res));
    t0 = now_sec();
    for (rep = 0; rep < DEMO_REPS; rep++) {
        if (run_replication(&o, rep, res, &sm) < 0) {
            fprintf(stderr, "virtsim demo: error: cannot allocate a random "
                    "number generator\n");
            free(res);
            return 1;
        }
    }
    wall = now_sec() - t0;
    free(res);
    theory(&o, &t);

    printf("M/M/%llu queue: rho %g, mean service %g us, %d replications of "
           "%llu customers, seed %llu\n", (unsigned long long)o.servers,
           o.rho, o.service_us, DEMO_REPS, (unsigned long long)o.customers,
           (unsigned long long)o.seed);
    printf("warm-up: the first %llu customers of each replication are not "
           "measured\n\n", (unsigned long long)(o.customers / 10));
    printf("%-20s %12s %12s %12s  %s\n", "metric", "simulated", "95% CI +/-",
           "analytic", "in CI");
    print_row("mean wait (us)", sm.wait_us, t.wait_us, 3, 0.0);
    print_row("mean response (us)", sm.resp_us, t.resp_us, 3, 0.0);
    print_row("p50 response (us)", sm.p50_us, t.p50_us, 3,
              bucket_half_us(t.p50_us));
    print_row("p99 response (us)", sm.p99_us, t.p99_us, 3,
              bucket_half_us(t.p99_us));
    print_row("utilization", sm.util, t.util, 4, 0.0);
    printf("\nanalytic: Erlang C and the M/M/c response time distribution.\n"
           "in CI: whether the analytic value lies in the simulated 95%% "
           "confidence\ninterval (for percentiles, widened by the "
           "histogram's bucket, < 1%%).\nAbout one comparison in 20 falls "
           "outside by chance alone.\n");
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("virtsim demo: error: writing the table");
        return 1;
    }

    /* Wall-clock figures go to stderr so that stdout is deterministic. */
    fprintf(stderr, "engine: %llu events in %.3f s (%.1f M events/s)\n",
            (unsigned long long)sm.events, wall,
            wall > 0 ? (double)sm.events / wall / 1e6 : 0.0);
    return 0;
}

const struct command demo_command = {
    .name = "demo",
    .summary = "run the engine's M/M/c queue demonstration against theory",
    .usage =
        "usage: virtsim demo [--servers C] [--rho R] [--customers N] "
        "[--seed S]\n"
        "                    [--service-us U]\n"
        "\n"
        "Runs an M/M/c queue (Poisson arrivals, exponential service, C\n"
        "servers sharing one FIFO line) through the event engine for 5\n"
        "independent replications, and prints the mean wait, mean response,\n"
        "p50 and p99 response and utilization, with 95% confidence intervals\n"
        "across replications, next to the values of queueing theory (Erlang\n"
        "C). The first 10% of each replication's customers are warm-up and\n"
        "are not measured. Engine speed (events/s) goes to stderr, so stdout\n"
        "is the same for the same options.\n"
        "\n"
        "options:\n"
        "  --servers C      servers sharing the line, 1..100000 "
        "(default 1)\n"
        "  --rho R          utilization of each server, in (0, 1) "
        "(default 0.8)\n"
        "  --customers N    customers per replication, 100..1000000000\n"
        "                   (default 200000)\n"
        "  --seed S         seed of the random streams, 0..2^64-1 "
        "(default 42)\n"
        "  --service-us U   mean service time in microseconds, "
        "in (0, 1000000]\n"
        "                   (default 10)\n"
        "  -h, --help       show this help\n",
    .run = demo_run,
};
