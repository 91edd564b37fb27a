/*
 * ci.h - confidence intervals across independent replications, by the
 * Student t distribution (GSL's inverse CDF).
 */
#ifndef VIRTSIM_CI_H
#define VIRTSIM_CI_H

#include <stddef.h>

#include "sim/welford.h"

struct ci {
    double mean;
    double half;                /* half-width; 0 when n < 2 */
    size_t n;
};

/*
 * The two-sided Student t quantile for confidence `level` (e.g. 0.95) with
 * n - 1 degrees of freedom; n must be >= 2.
 */
double ci_t_quantile(double level, size_t n);

/* Mean and half-width at confidence `level` of the observations in w. */
struct ci ci_from_welford(const struct welford *w, double level);

/* Same, from an array of n observations. */
struct ci ci_from_array(const double *x, size_t n, double level);

/* True when v lies within [mean - half, mean + half]. */
int ci_contains(const struct ci *c, double v);

#endif
