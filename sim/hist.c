/*
 * hist.c - the log-linear latency histogram: bucket arithmetic (one count
 * of leading zeros per value), recording, merging and nearest-rank
 * quantiles. Knows only picoseconds, not what they measure.
 */
#include "sim/hist.h"

#include <assert.h>
#include <float.h>
#include <math.h>
#include <string.h>

/* The top bucket must end exactly at UINT64_MAX; see hist_bucket_range. */
_Static_assert(HIST_BUCKETS == (64 - HIST_SUB_BITS + 1) * HIST_SUB,
               "HIST_BUCKETS must cover every uint64 value");

void hist_init(struct hist *h)
{
    memset(h, 0, sizeof(*h));
    h->min = SIM_TIME_MAX;
    h->max = 0;
}

/*
 * For v < 2*HIST_SUB the shift is 0 and the index is v itself. Above, with
 * msb the top set bit, shift = msb - HIST_SUB_BITS keeps the top
 * HIST_SUB_BITS + 1 bits, so v >> shift lies in [HIST_SUB, 2*HIST_SUB) and
 * each octave takes the HIST_SUB indices after the previous one. Or-ing in
 * 2*HIST_SUB - 1 folds the exact region into shift 0 without a branch and
 * keeps clz's argument non-zero.
 */
unsigned hist_bucket_of(sim_time v)
{
    unsigned shift = (unsigned)(63 - HIST_SUB_BITS)
                     - (unsigned)__builtin_clzll(v | (2 * HIST_SUB - 1));

    return shift * HIST_SUB + (unsigned)(v >> shift);
}

void hist_bucket_range(unsigned i, sim_time *lo, sim_time *hi)
{
    unsigned shift;

    assert(i < HIST_BUCKETS);
    if (i < 2 * HIST_SUB) {
        *lo = i;
        *hi = i;
        return;
    }
    shift = i / HIST_SUB - 1;
    *lo = (sim_time)(i % HIST_SUB + HIST_SUB) << shift;
    *hi = *lo + ((UINT64_C(1) << shift) - 1);
}

void hist_add(struct hist *h, sim_time v)
{
    hist_add_n(h, v, 1);
}

void hist_add_n(struct hist *h, sim_time v, uint64_t n)
{
    if (n == 0)
        return;
    h->bucket[hist_bucket_of(v)] += n;
    h->count += n;
    h->sum += (double)v * (double)n;
    if (v < h->min)
        h->min = v;
    if (v > h->max)
        h->max = v;
}

void hist_merge(struct hist *dst, const struct hist *src)
{
    unsigned i;

    if (src->count == 0)
        return;
    for (i = 0; i < HIST_BUCKETS; i++)
        dst->bucket[i] += src->bucket[i];
    dst->count += src->count;
    dst->sum += src->sum;
    if (src->min < dst->min)
        dst->min = src->min;
    if (src->max > dst->max)
        dst->max = src->max;
}

/*
 * Nearest rank: the smallest r with r / count >= q, i.e. ceil(q * count).
 * q * count is computed in floating point, and q = 0.07 with count = 100
 * gives 7.000000000000001; a few ulps of slack take such products back to
 * the integer the caller meant instead of skipping to the next rank.
 */
static uint64_t nearest_rank(double q, uint64_t count)
{
    double x = q * (double)count;
    double r;

    if (!(x > 1.0))             /* also catches NaN */
        return 1;
    r = ceil(x - x * 4 * DBL_EPSILON);
    if (r >= (double)count)
        return count;
    return (uint64_t)r;
}

sim_time hist_quantile(const struct hist *h, double q)
{
    uint64_t rank, seen = 0;
    unsigned i;

    if (h->count == 0)
        return 0;
    if (q >= 1.0)
        return h->max;
    rank = nearest_rank(q, h->count);
    for (i = 0; i < HIST_BUCKETS; i++) {
        seen += h->bucket[i];
        if (seen >= rank) {
            sim_time lo, hi, mid;

            hist_bucket_range(i, &lo, &hi);
            mid = lo + (hi - lo) / 2;
            if (mid < h->min)
                return h->min;
            if (mid > h->max)
                return h->max;
            return mid;
        }
    }
    /* Counts and buckets disagree: only a corrupted struct gets here. */
    assert(!"hist: bucket counts sum to less than count");
    return h->max;
}

double hist_mean(const struct hist *h)
{
    return h->count ? h->sum / (double)h->count : 0.0;
}
