/*
 * dist.h - distributions of non-negative amounts (cycles, bytes, seconds,
 * counts): const, exponential, lognormal by mean and cv, uniform, pareto
 * and empirical (samples from a file or a list). Sampling goes through
 * GSL on the caller's random stream, so the same stream gives the same
 * values; a const distribution draws nothing from the stream.
 *
 * A dist owns its empirical samples: free it with dist_release, and do not
 * copy an empirical dist by assignment (the copy would share the array).
 */
#ifndef VIRTSIM_DIST_H
#define VIRTSIM_DIST_H

#include <stddef.h>

#include "base/diag.h"
#include "sim/rng.h"

enum dist_kind {
    DIST_CONST,
    DIST_EXPONENTIAL,
    DIST_LOGNORMAL,
    DIST_UNIFORM,
    DIST_PARETO,
    DIST_EMPIRICAL,
    DIST_KIND_COUNT
};

struct dist {
    enum dist_kind kind;
    double a;           /* const: value; exponential, lognormal: mean;
                           uniform: min; pareto: shape alpha */
    double b;           /* lognormal: cv; uniform: max; pareto: scale
                           (the minimum value) */
    double mu, sigma;   /* lognormal: parameters of the underlying normal */
    double *samples;    /* empirical: owned */
    size_t nsamples;
};

/*
 * Constructors of the parametric kinds. Parameters are validated by the
 * callers that read them from users (asserted here): value >= 0, mean > 0,
 * cv >= 0, 0 <= min <= max, alpha > 0 and scale > 0.
 */
struct dist dist_const(double value);
struct dist dist_exponential(double mean);
struct dist dist_lognormal(double mean, double cv);
struct dist dist_uniform(double min, double max);
struct dist dist_pareto(double alpha, double min);

/*
 * Makes d an empirical distribution over n >= 1 samples (finite, >= 0),
 * taking ownership of the xmalloc'ed array.
 */
void dist_empirical_take(struct dist *d, double *samples, size_t n);

/*
 * Loads an empirical distribution from a text file of samples: one number
 * per line; blank lines and lines starting with '#' are skipped; CRLF
 * line endings are accepted. Returns 0, or -1 with "path:line: ..."
 * problems in dg (whose file should be `path`) and d untouched.
 */
int dist_empirical_load(struct dist *d, const char *path, struct diag *dg);

/* A sample of d drawn from st (st may be NULL for a const dist). */
double dist_sample(const struct dist *d, struct rng_stream *st);

/* The mean of d (INFINITY for a pareto with alpha <= 1). */
double dist_mean(const struct dist *d);

/*
 * The variance of d (INFINITY for a pareto with alpha <= 2). For an
 * empirical dist, the population variance of its samples.
 */
double dist_variance(const struct dist *d);

/* Writes a short description ("lognormal(mean 2e+05, cv 0.5)") to buf. */
void dist_describe(const struct dist *d, char *buf, size_t size);

/* The user-facing names of the kinds, indexed by kind (for did-you-mean). */
extern const char *const dist_kind_names[DIST_KIND_COUNT];

/* The user-facing name of a kind ("exponential"). */
const char *dist_kind_name(enum dist_kind k);

/* The kind called `name`, or -1. */
int dist_kind_from_name(const char *name);

/* Frees the samples of an empirical dist; d becomes const 0. */
void dist_release(struct dist *d);

#endif
