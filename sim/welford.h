/*
 * welford.h - running mean and variance by Welford's method, numerically
 * stable in one pass, and mergeable (Chan et al.) for combining streams.
 */
#ifndef VIRTSIM_WELFORD_H
#define VIRTSIM_WELFORD_H

#include <stdint.h>

struct welford {
    uint64_t n;
    double mean;
    double m2;                  /* sum of squared deviations from the mean */
    double min, max;            /* +inf and -inf when empty */
};

/* An empty accumulator. */
void welford_init(struct welford *w);

/* Adds one observation. */
void welford_add(struct welford *w, double x);

/* Adds every observation of src to dst, as if they had been added to it. */
void welford_merge(struct welford *dst, const struct welford *src);

/* Sample variance (n - 1 denominator); 0 when n < 2. */
double welford_variance(const struct welford *w);

/* Sample standard deviation; 0 when n < 2. */
double welford_stddev(const struct welford *w);

#endif
