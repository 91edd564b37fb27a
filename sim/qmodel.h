/*
 * qmodel.h - textbook queues (M/M/c, M/D/c) run through the engine's own
 * primitives, and their analytic results. Used to validate the engine
 * against queueing theory and by `virtsim demo` to show it doing so.
 */
#ifndef VIRTSIM_QMODEL_H
#define VIRTSIM_QMODEL_H

#include <stdint.h>

#include "sim/hist.h"
#include "sim/welford.h"

enum qmodel_service {
    QMODEL_EXPONENTIAL,         /* M/M/c */
    QMODEL_DETERMINISTIC,       /* M/D/c */
};

struct qmodel_params {
    unsigned servers;           /* c >= 1 */
    double arrival_rate_per_s;  /* lambda > 0 */
    double service_mean_s;      /* 1/mu > 0 */
    enum qmodel_service service;
    uint64_t customers;         /* customers to serve, warm-up included */
    uint64_t warmup;            /* first customers not measured (< customers) */
    uint64_t seed, rep;         /* stream coordinates (point is 0) */
};

struct qmodel_result {
    struct welford wait_s;      /* time in line, measured customers */
    struct welford response_s;  /* wait + service */
    struct hist response;       /* response times, picoseconds */
    double utilization;         /* servers' busy fraction, measured period */
    uint64_t events;            /* engine events run */
    double sim_seconds;         /* simulated time at the end */
};

/*
 * Runs one replication. Returns 0, or -1 when a random stream cannot be
 * allocated. Arrivals use stream entity 0, service times entity 1.
 */
int qmodel_run(const struct qmodel_params *p, struct qmodel_result *out);

/* Erlang C: probability that an arrival waits, c servers, load a = lambda/mu < c. */
double qmodel_erlang_c(unsigned c, double a);

/* Mean wait in line of M/M/c (Erlang C / (c mu - lambda)). */
double qmodel_mmc_wait_s(unsigned c, double lambda, double mu);

/* Mean wait in line of M/D/1 by Pollaczek-Khinchine: rho / (2 mu (1 - rho)). */
double qmodel_md1_wait_s(double lambda, double mu);

#endif
