/*
 * rng.c - deterministic per-entity random streams on GSL's taus2.
 */
#include "sim/rng.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_randist.h>

/* The splitmix64 finalizer (Steele, Lea, Flood 2014): a bijective mix. */
static uint64_t splitmix64(uint64_t x)
{
    x += UINT64_C(0x9e3779b97f4a7c15);
    x = (x ^ (x >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    x = (x ^ (x >> 27)) * UINT64_C(0x94d049bb133111eb);
    return x ^ (x >> 31);
}

uint64_t rng_mix(uint64_t seed, uint64_t point, uint64_t rep,
                 uint64_t entity)
{
    uint64_t h = splitmix64(seed);

    h = splitmix64(h ^ point);
    h = splitmix64(h ^ rep);
    return splitmix64(h ^ entity);
}

uint32_t rng_fold32(uint64_t h)
{
    uint32_t s = (uint32_t)(h ^ (h >> 32));

    return s ? s : UINT32_C(0x6a09e667);
}

int rng_stream_init(struct rng_stream *st, uint64_t seed, uint64_t point,
                    uint64_t rep, uint64_t entity)
{
    memset(st, 0, sizeof(*st));
    st->r = gsl_rng_alloc(gsl_rng_taus2);
    if (!st->r)
        return -1;
    st->seed = rng_fold32(rng_mix(seed, point, rep, entity));
    gsl_rng_set(st->r, st->seed);
    return 0;
}

void rng_stream_release(struct rng_stream *st)
{
    if (st->r)
        gsl_rng_free(st->r);
    memset(st, 0, sizeof(*st));
}

double rng_uniform_pos(struct rng_stream *st)
{
    return gsl_rng_uniform_pos(st->r);
}

double rng_exponential(struct rng_stream *st, double mean)
{
    return gsl_ran_exponential(st->r, mean);
}

sim_time rng_exponential_ps(struct rng_stream *st, double mean_ps)
{
    double x = nearbyint(gsl_ran_exponential(st->r, mean_ps));

    if (x >= 18446744073709551615.0)
        return SIM_TIME_MAX;
    return (sim_time)x;
}
