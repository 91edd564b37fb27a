/*
 * tbucket.h - a token bucket (rate, burst) that delays work until tokens
 * are available: the shape of EC2 bandwidth and PPS allowances and of
 * burstable CPU credits.
 *
 * Reservations are FIFO: a reservation made while the bucket is in debt
 * waits behind the earlier ones. Pure arithmetic on a clock the caller
 * passes in; schedules nothing itself.
 */
#ifndef VIRTSIM_TBUCKET_H
#define VIRTSIM_TBUCKET_H

#include "sim/time.h"

struct tbucket {
    double rate_per_s;          /* tokens added per second, > 0 */
    double burst;               /* bucket depth in tokens, > 0 */
    double tokens;              /* balance at `at`; negative while in debt */
    sim_time at;                /* time the balance refers to */
};

/* A bucket that starts full at time 0. */
void tbucket_init(struct tbucket *b, double rate_per_s, double burst);

/* Balance at time now (>= the last time used), capped at burst. */
double tbucket_level(const struct tbucket *b, sim_time now);

/*
 * Takes `amount` tokens (>= 0) at time now and returns the time at which
 * they are all available: now when the bucket holds enough, later when it
 * must refill (work should then start at the returned time). Amounts larger
 * than the burst are allowed; they simply wait longer.
 */
sim_time tbucket_take(struct tbucket *b, sim_time now, double amount);

#endif
