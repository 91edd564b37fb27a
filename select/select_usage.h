/*
 * select_usage.h - what the diagnosis replication of a candidate saw (a
 * plain record): the types select_reason.c fills and select_report.h
 * keeps per candidate, apart so that neither includes the other.
 */
#ifndef VIRTSIM_SELECT_USAGE_H
#define VIRTSIM_SELECT_USAGE_H

#include "select/select_prune.h"

/* A queue is saturated past this utilization. */
#define SELECT_SATURATED 0.9

/* What the diagnosis replication saw, indexed by select_res. */
struct select_usage {
    double util[SR_COUNT];          /* queues: busy fraction */
    double held_base[SR_COUNT];     /* allowances: fraction of the window */
    double held_peak[SR_COUNT];     /* held back at baseline / at peak */
    double burst_left_s[SR_COUNT];  /* allowances: seconds until the burst
                                     * runs out at this rate; INFINITY when
                                     * not drawing on it */
    double throttled_at_s;          /* first credit throttle; < 0: none */
    double p99_throttled_us;        /* p99 of requests after it; 0: none */
    double credits_left_s;          /* standard credits: seconds until they
                                     * run out at this rate; INFINITY */
    double net_pps;
    double pps_allowance;           /* packets/s; 0: none */
};

#endif
