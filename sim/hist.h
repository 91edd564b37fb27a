/*
 * hist.h - a log-linear latency histogram on picoseconds, HdrHistogram
 * style: values below 2*HIST_SUB are counted exactly; above, each power of
 * two is split into HIST_SUB linear sub-buckets, so a reported quantile is
 * within 1/(2*HIST_SUB) (< 1%) of the true sample quantile. It covers the
 * whole uint64 range (so 1 ns to 1000 s and beyond) in constant memory,
 * and two histograms merge by adding counts.
 *
 * Exact count, sum, min and max are kept beside the buckets.
 */
#ifndef VIRTSIM_HIST_H
#define VIRTSIM_HIST_H

#include <stdint.h>

#include "sim/time.h"

#define HIST_SUB_BITS 6
#define HIST_SUB      (1u << HIST_SUB_BITS)        /* 64 */
/*
 * Exact region [0, 2*HIST_SUB): 2*HIST_SUB buckets of width 1. Then one
 * group of HIST_SUB buckets for each of the 64 - HIST_SUB_BITS - 1 octaves
 * [2^k, 2^(k+1)), k = HIST_SUB_BITS + 1 .. 63 (3776 buckets for 6 bits).
 */
#define HIST_BUCKETS  ((64 - HIST_SUB_BITS + 1) * HIST_SUB)

struct hist {
    uint64_t count;
    sim_time min, max;          /* exact; min is SIM_TIME_MAX when empty */
    double sum;                 /* exact up to double rounding */
    uint64_t bucket[HIST_BUCKETS];
};

/* An empty histogram. */
void hist_init(struct hist *h);

/* Records one value. */
void hist_add(struct hist *h, sim_time v);

/* Records one value `n` times. */
void hist_add_n(struct hist *h, sim_time v, uint64_t n);

/* Adds every count of src into dst. */
void hist_merge(struct hist *dst, const struct hist *src);

/*
 * The q-quantile (0 < q <= 1) by nearest rank: the value of rank
 * ceil(q * count) among the recorded values, reported as the midpoint of
 * its bucket, clamped to [min, max]. q = 1 gives the exact max. 0 when
 * the histogram is empty.
 */
sim_time hist_quantile(const struct hist *h, double q);

/* Mean of the recorded values; 0 when empty. */
double hist_mean(const struct hist *h);

/* Bucket index of v, and the [lo, hi] range of values bucket i holds. */
unsigned hist_bucket_of(sim_time v);
void hist_bucket_range(unsigned i, sim_time *lo, sim_time *hi);

#endif
