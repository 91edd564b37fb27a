/*
 * allowance.c - baseline-plus-burst limits from two token buckets.
 */
#include "models/allowance.h"

#include <string.h>

/* Depth of the peak bucket, and of a sustained bucket without burst. */
#define SMOOTHING_S 0.001

void allowance_init(struct allowance *a, double base, double peak,
                    double burst_s)
{
    double depth;

    memset(a, 0, sizeof(*a));
    if (!(base > 0))
        return;
    if (peak < base)
        peak = base;
    depth = (peak - base) * burst_s;
    if (depth < base * SMOOTHING_S)
        depth = base * SMOOTHING_S;
    a->enabled = true;
    tbucket_init(&a->sustained, base, depth);
    tbucket_init(&a->peak, peak, peak * SMOOTHING_S);
}

sim_time allowance_take(struct allowance *a, sim_time now, double amount)
{
    sim_time s, p;

    if (!a->enabled)
        return now;
    s = tbucket_take(&a->sustained, now, amount);
    p = tbucket_take(&a->peak, now, amount);
    return s > p ? s : p;
}
