/*
 * arrival.c - arrival processes: Poisson, constant rate with exact
 * long-run rounding, a two-state MMPP, and closed-loop think times.
 * Trace timestamps are read in trace.c; this file only holds their
 * settings. Touches only sim/ and workloads/dist.
 */
#include "workloads/arrival.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "base/xalloc.h"

const char *const arrival_kind_names[ARRIVAL_KIND_COUNT] = {
    [ARRIVAL_POISSON] = "poisson",
    [ARRIVAL_CONSTANT] = "constant",
    [ARRIVAL_BURSTY] = "bursty",
    [ARRIVAL_CLOSED] = "closed",
    [ARRIVAL_TRACE] = "trace",
};

const char *arrival_kind_name(enum arrival_kind k)
{
    return (unsigned)k < ARRIVAL_KIND_COUNT ? arrival_kind_names[k] : "?";
}

int arrival_kind_from_name(const char *name)
{
    int k;

    for (k = 0; k < ARRIVAL_KIND_COUNT; k++)
        if (!strcmp(arrival_kind_names[k], name))
            return k;
    return -1;
}

struct arrival arrival_poisson(double rate_rps)
{
    struct arrival a = {.kind = ARRIVAL_POISSON, .rate_rps = rate_rps};

    assert(isfinite(rate_rps) && rate_rps > 0);
    a.think_s = dist_const(0);
    return a;
}

struct arrival arrival_constant(double rate_rps)
{
    struct arrival a = arrival_poisson(rate_rps);

    a.kind = ARRIVAL_CONSTANT;
    return a;
}

struct arrival arrival_bursty(double rate_rps, double on_s, double off_s,
                              double off_rate_rps)
{
    struct arrival a = arrival_poisson(rate_rps);

    assert(on_s > 0 && off_s > 0 && off_rate_rps >= 0 &&
           off_rate_rps < rate_rps);
    a.kind = ARRIVAL_BURSTY;
    a.on_s = on_s;
    a.off_s = off_s;
    a.off_rate_rps = off_rate_rps;
    /* mean = (on_rate on_s + off_rate off_s) / (on_s + off_s) */
    a.on_rate_rps = (rate_rps * (on_s + off_s) - off_rate_rps * off_s) / on_s;
    return a;
}

struct arrival arrival_closed(unsigned clients, struct dist think_s)
{
    struct arrival a = {.kind = ARRIVAL_CLOSED, .clients = clients};

    assert(clients >= 1);
    a.think_s = think_s;
    return a;
}

struct arrival arrival_trace(const char *file, const char *format,
                             double speedup)
{
    struct arrival a = {.kind = ARRIVAL_TRACE, .speedup = speedup};

    assert(speedup > 0 && isfinite(speedup));
    a.think_s = dist_const(0);
    a.trace_file = xstrdup(file);
    snprintf(a.trace_format, sizeof(a.trace_format), "%s", format);
    return a;
}

/* Exponential with the given mean, in seconds. */
static double expo(struct rng_stream *st, double mean_s)
{
    return gsl_ran_exponential(st->r, mean_s);
}

/*
 * The MMPP's next gap: race the next arrival in the current state against
 * the end of the state; both are exponential, so redrawing after a switch
 * is exact (memorylessness). The first state is drawn from the stationary
 * distribution, so the process is stationary from time 0.
 */
static double bursty_gap_s(struct arrival *a, struct rng_stream *st)
{
    double gap = 0;

    if (!a->started) {
        a->on = gsl_rng_uniform(st->r) < a->on_s / (a->on_s + a->off_s);
        a->left_s = expo(st, a->on ? a->on_s : a->off_s);
        a->started = true;
    }
    for (;;) {
        double rate = a->on ? a->on_rate_rps : a->off_rate_rps;

        if (rate > 0) {
            double x = expo(st, 1.0 / rate);

            if (x < a->left_s) {
                a->left_s -= x;
                return gap + x;
            }
        }
        gap += a->left_s;
        a->on = !a->on;
        a->left_s = expo(st, a->on ? a->on_s : a->off_s);
    }
}

/* A constant period in whole picoseconds whose long-run mean is exact. */
static sim_time constant_gap(struct arrival *a)
{
    double exact = 1e12 / a->rate_rps + a->carry_ps;
    double whole = floor(exact + 0.5);

    a->carry_ps = exact - whole;
    return (sim_time)whole;
}

sim_time arrival_next_gap(struct arrival *a, struct rng_stream *st)
{
    switch (a->kind) {
    case ARRIVAL_POISSON:
        return rng_exponential_ps(st, 1e12 / a->rate_rps);
    case ARRIVAL_CONSTANT:
        return constant_gap(a);
    case ARRIVAL_BURSTY:
        return sim_time_from_sec(bursty_gap_s(a, st));
    case ARRIVAL_CLOSED:
        return sim_time_from_sec(dist_sample(&a->think_s, st));
    case ARRIVAL_TRACE:
    case ARRIVAL_KIND_COUNT:
        break;
    }
    assert(!"arrival_next_gap on a trace");
    return 0;
}

bool arrival_spins(const struct arrival *a, double admitted)
{
    return a->kind == ARRIVAL_CLOSED && a->think_s.kind == DIST_CONST &&
           a->think_s.a <= 0 && a->clients > admitted;
}

double arrival_mean_rate(const struct arrival *a)
{
    return arrival_is_open(a) ? a->rate_rps : 0;
}

bool arrival_is_open(const struct arrival *a)
{
    return a->kind == ARRIVAL_POISSON || a->kind == ARRIVAL_CONSTANT ||
           a->kind == ARRIVAL_BURSTY;
}

void arrival_reset(struct arrival *a)
{
    a->started = false;
    a->on = false;
    a->left_s = 0;
    a->carry_ps = 0;
    a->trace_last_ps = 0;
}

void arrival_release(struct arrival *a)
{
    dist_release(&a->think_s);
    free(a->trace_file);
    memset(a, 0, sizeof(*a));
}
