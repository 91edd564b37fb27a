/*
 * credits.h - EC2 burstable CPU credits (t2, t3) as a mechanism: credits
 * are earned continuously at the instance's rate up to a cap and spent by
 * vCPU work (1 credit = 1 vCPU-minute at 100%). In standard mode an empty
 * balance throttles each vCPU to its baseline share; in unlimited mode the
 * balance goes negative and the surplus is charged.
 *
 * Pure arithmetic on times the caller passes; no events of its own.
 */
#ifndef VIRTSIM_CREDITS_H
#define VIRTSIM_CREDITS_H

#include <stdbool.h>

#include "models/instance.h"
#include "sim/time.h"

struct credits {
    bool enabled;               /* false for fixed-performance instances */
    bool unlimited;
    double balance;             /* earned credits (may go < 0 when unlimited) */
    double launch;              /* launch credits, spent first, not capped */
    double earn_per_s;
    double max;
    double baseline;            /* fraction of one vCPU when throttled */
    sim_time at;                /* time the balance refers to */
    sim_time throttled_since;   /* SIM_TIME_MAX while not throttled */
    sim_time first_throttle;    /* SIM_TIME_MAX until the first throttle */
};

/*
 * Sets up c from the instance's rules. initial < 0 means the instance's
 * launch credits; unlimited < 0 means the instance's default mode.
 */
void credits_init(struct credits *c, const struct instance_profile *ip,
                  double initial, int unlimited);

/* Earns credits up to now (capped), leaving spending to credits_spend. */
void credits_advance(struct credits *c, sim_time now);

/* Spends the credits of `work_ps` vCPU-picoseconds of work done by now. */
void credits_spend(struct credits *c, sim_time now, sim_time work_ps);

/*
 * The speed a vCPU runs at now: 1, or the baseline share when a standard
 * instance has run out of credits. Records when throttling starts.
 */
double credits_speed(struct credits *c, sim_time now);

/* Credits held now (launch credits included; negative when in surplus). */
double credits_level(const struct credits *c);

/*
 * Credits held at `now` (launch credits included), as credits_advance
 * would earn them up to the cap, but read without touching c: advancing
 * the account to sample it would split its accrual and so round the run
 * differently. 0 for fixed-performance instances.
 */
double credits_balance_at(const struct credits *c, sim_time now);

/*
 * Surplus credits: what an unlimited instance has spent beyond its earnings
 * and is charged for (surplus_usd_per_vcpu_hour per 60 credits); 0 otherwise.
 */
double credits_surplus(const struct credits *c);

#endif
