/*
 * rng.c - deterministic per-entity random streams on GSL's taus2.
 *
 * The exponential draw is the engine's hottest random call. Through GSL it
 * costs three calls, one of them indirect (gsl_ran_exponential ->
 * gsl_rng_uniform -> taus2's get_double), around the log1p. Here the same
 * taus2 state is stepped in line (L'Ecuyer 1996, as GSL's taus.c writes
 * it) and the same expression computed, so the draws and the generator's
 * state are bit for bit those of GSL: results do not change. The state's
 * layout is checked once per stream against gsl_rng_get; a mismatch falls
 * back to calling GSL.
 *
 * What remains is glibc's log1p, about half of a draw's 18 ns, and its
 * branches on the argument's range cannot be predicted. bench/README.md
 * measures an exact ziggurat sampler that avoids it, and why it is not
 * the default.
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

/*
 * One step of taus2 on its three 32-bit components: GSL's TAUSWORTHE macro
 * in 32-bit arithmetic, where its masks with 0xffffffff come for free.
 */
static inline uint32_t taus2_step(uint32_t *s1, uint32_t *s2, uint32_t *s3)
{
    *s1 = ((*s1 & UINT32_C(4294967294)) << 12) ^ (((*s1 << 13) ^ *s1) >> 19);
    *s2 = ((*s2 & UINT32_C(4294967288)) << 4) ^ (((*s2 << 2) ^ *s2) >> 25);
    *s3 = ((*s3 & UINT32_C(4294967280)) << 17) ^ (((*s3 << 3) ^ *s3) >> 11);
    return *s1 ^ *s2 ^ *s3;
}

/*
 * r's state, when it is three unsigned longs that taus2_step advances as
 * GSL does; NULL otherwise. Leaves r as it found it.
 */
static unsigned long *taus2_state(gsl_rng *r)
{
    unsigned long *s = gsl_rng_state(r), saved[3], want;
    uint32_t a, b, c, got;
    int same;

    if (gsl_rng_size(r) != sizeof(saved))
        return NULL;
    memcpy(saved, s, sizeof(saved));
    a = (uint32_t)s[0];
    b = (uint32_t)s[1];
    c = (uint32_t)s[2];
    got = taus2_step(&a, &b, &c);
    want = gsl_rng_get(r);
    same = got == want && a == s[0] && b == s[1] && c == s[2];
    memcpy(s, saved, sizeof(saved));
    return same ? s : NULL;
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
    st->taus = taus2_state(st->r);
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
    double x;

    if (st->taus) {
        unsigned long *t = st->taus;
        uint32_t s1 = (uint32_t)t[0], s2 = (uint32_t)t[1], s3 = (uint32_t)t[2];
        /* gsl_ran_exponential: u = gsl_rng_uniform(r); -mu * log1p(-u). */
        double u = taus2_step(&s1, &s2, &s3) / 4294967296.0;

        t[0] = s1;
        t[1] = s2;
        t[2] = s3;
        x = nearbyint(-mean_ps * log1p(-u));
    } else {
        x = nearbyint(gsl_ran_exponential(st->r, mean_ps));
    }
    if (x >= 18446744073709551615.0)
        return SIM_TIME_MAX;
    return (sim_time)x;
}
