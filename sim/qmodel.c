/*
 * qmodel.c - M/M/c and M/D/c through the engine: a Poisson arrival event
 * that reschedules itself, a c-server queue, and a completion callback
 * that records waits after the warm-up customers.
 */
#include "sim/qmodel.h"

#include <string.h>

#include "sim/cqueue.h"
#include "sim/rng.h"
#include "sim/sim.h"

struct run {
    const struct qmodel_params *p;
    struct qmodel_result *out;
    struct sim sim;
    struct cqueue q;
    struct rng_stream arrivals, services;
    double interarrival_ps, service_ps;
    uint64_t arrived, done;
};

static void on_done(struct sim *s, void *ctx, uint64_t idx, sim_time wait_ps,
                    sim_time service_ps)
{
    struct run *r = ctx;

    (void)s;
    r->done++;
    if (r->done == r->p->warmup)
        cqueue_reset_stats(&r->q);
    if (idx < r->p->warmup)
        return;
    welford_add(&r->out->wait_s, sim_time_to_sec(wait_ps));
    welford_add(&r->out->response_s, sim_time_to_sec(wait_ps + service_ps));
    hist_add(&r->out->response, wait_ps + service_ps);
    if (r->done == r->p->customers)
        r->out->utilization = cqueue_utilization(&r->q);
}

static void on_arrival(struct sim *s, void *ctx, uint64_t arg)
{
    struct run *r = ctx;
    sim_time service;

    (void)arg;
    if (r->p->service == QMODEL_DETERMINISTIC)
        service = (sim_time)r->service_ps;
    else
        service = rng_exponential_ps(&r->services, r->service_ps);
    cqueue_submit(&r->q, service, on_done, r, r->arrived);
    if (++r->arrived < r->p->customers)
        sim_after(s, rng_exponential_ps(&r->arrivals, r->interarrival_ps),
                  on_arrival, r, 0);
}

int qmodel_run(const struct qmodel_params *p, struct qmodel_result *out)
{
    struct run r;
    int rc = -1;

    memset(&r, 0, sizeof(r));
    r.p = p;
    r.out = out;
    welford_init(&out->wait_s);
    welford_init(&out->response_s);
    hist_init(&out->response);
    out->utilization = 0;
    r.interarrival_ps = 1e12 / p->arrival_rate_per_s;
    r.service_ps = p->service_mean_s * 1e12;
    if (rng_stream_init(&r.arrivals, p->seed, 0, p->rep, 0) < 0)
        goto out;
    if (rng_stream_init(&r.services, p->seed, 0, p->rep, 1) < 0)
        goto out_free_arrivals;
    sim_init(&r.sim);
    cqueue_init(&r.q, &r.sim, p->servers, 0);
    if (p->customers > 0)
        sim_at(&r.sim, 0, on_arrival, &r, 0);
    sim_run(&r.sim, SIM_TIME_MAX);
    out->events = r.sim.events;
    out->sim_seconds = sim_time_to_sec(r.sim.now);
    cqueue_release(&r.q);
    sim_release(&r.sim);
    rc = 0;
    rng_stream_release(&r.services);
out_free_arrivals:
    rng_stream_release(&r.arrivals);
out:
    return rc;
}

double qmodel_erlang_c(unsigned c, double a)
{
    /* Erlang B by its stable recurrence, then C from B. */
    double b = 1.0, rho = a / c;
    unsigned k;

    for (k = 1; k <= c; k++)
        b = a * b / (k + a * b);
    return b / (1.0 - rho + rho * b);
}

double qmodel_mmc_wait_s(unsigned c, double lambda, double mu)
{
    return qmodel_erlang_c(c, lambda / mu) / (c * mu - lambda);
}

double qmodel_md1_wait_s(double lambda, double mu)
{
    double rho = lambda / mu;

    return rho / (2.0 * mu * (1.0 - rho));
}
