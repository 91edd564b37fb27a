/*
 * allowance.h - an EC2 allowance (network bandwidth, PPS, EBS bandwidth and
 * IOPS): a baseline rate that can be exceeded up to a peak rate while
 * burst credits last. Two token buckets in series: a sustained one (rate =
 * baseline, depth = burst credits) and a peak one (rate = peak, depth =
 * 1 ms of it). Reservations are FIFO, so waiting for tokens is queueing at
 * the limiter.
 */
#ifndef VIRTSIM_ALLOWANCE_H
#define VIRTSIM_ALLOWANCE_H

#include <stdbool.h>

#include "sim/tbucket.h"
#include "sim/time.h"

struct allowance {
    bool enabled;
    struct tbucket sustained;
    struct tbucket peak;
};

/*
 * A baseline of `base` units/s, bursting to `peak` (>= base) for
 * `burst_s` seconds from full. base <= 0 disables the allowance (no limit).
 */
void allowance_init(struct allowance *a, double base, double peak,
                    double burst_s);

/* Takes `amount` units at now; returns when they are all available. */
sim_time allowance_take(struct allowance *a, sim_time now, double amount);

#endif
