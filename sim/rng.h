/*
 * rng.h - random streams: one GSL generator per simulated entity, seeded
 * deterministically from (scenario seed, sweep point, replication, entity).
 *
 * Never seeded from the environment or the clock. The generator type is
 * named here (taus2: small state, fast, maximally equidistributed), so that
 * results do not depend on GSL_RNG_TYPE.
 */
#ifndef VIRTSIM_RNG_H
#define VIRTSIM_RNG_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "sim/time.h"

struct rng_stream {
    gsl_rng *r;                 /* owned */
    unsigned long *taus;        /* r's taus2 state, when it can be stepped
                                   here (see rng.c); NULL otherwise */
    uint32_t seed;              /* the 32-bit seed it was given, for messages */
};

/*
 * Mixes the four coordinates of a stream into one 64-bit value with a
 * splitmix64-style finalizer applied after each coordinate, so nearby
 * coordinates give unrelated values.
 */
uint64_t rng_mix(uint64_t seed, uint64_t point, uint64_t rep,
                 uint64_t entity);

/*
 * Folds a 64-bit mix to the 32-bit seed GSL uses (GSL's seeding ignores
 * upper bits on 64-bit longs for taus2); never returns 0, which GSL would
 * replace by its default seed.
 */
uint32_t rng_fold32(uint64_t h);

/*
 * Initializes st as the stream of `entity` in (seed, point, rep).
 * Returns 0, or -1 when GSL cannot allocate the generator.
 */
int rng_stream_init(struct rng_stream *st, uint64_t seed, uint64_t point,
                    uint64_t rep, uint64_t entity);

/*
 * Re-seeds st in place as sub-stream `index` of the stream of `entity` in
 * (seed, point, rep): for instance the draws of request number `index`,
 * which then come out the same whatever was drawn, or skipped, before it.
 * Different indices give unrelated streams, also unrelated to the one
 * rng_stream_init gives for the same coordinates (up to the 32-bit seed
 * GSL keeps). Allocates nothing; costs about as much as a few draws (GSL's
 * taus2 seeding runs an LCG and steps the generator six times).
 */
void rng_stream_reseed(struct rng_stream *st, uint64_t seed, uint64_t point,
                       uint64_t rep, uint64_t entity, uint64_t index);

/* Frees the generator; st is left zeroed. Safe on a zeroed stream. */
void rng_stream_release(struct rng_stream *st);

/* A uniform double in (0, 1): never 0, never 1. */
double rng_uniform_pos(struct rng_stream *st);

/*
 * An exponential variate with the given mean (> 0), by the ziggurat method
 * on the stream's generator (exact; see rng.c). Uses two or more raw
 * draws of st->r.
 */
double rng_exponential(struct rng_stream *st, double mean);

/*
 * An exponential variate of the given mean in picoseconds, rounded to the
 * nearest picosecond (ties up), saturating.
 * The workhorse of arrival and service processes.
 */
sim_time rng_exponential_ps(struct rng_stream *st, double mean_ps);

#endif
