/*
 * credits.c - burstable CPU credit accounting, at picosecond resolution
 * (EC2 accounts at millisecond resolution; finer changes nothing here).
 */
#include "models/credits.h"

#include <string.h>

#define PS_PER_CREDIT (60.0 * 1e12)    /* one vCPU-minute */

void credits_init(struct credits *c, const struct instance_profile *ip,
                  double initial, int unlimited)
{
    memset(c, 0, sizeof(*c));
    c->throttled_since = SIM_TIME_MAX;
    c->first_throttle = SIM_TIME_MAX;
    c->enabled = ip->burstable;
    if (!c->enabled)
        return;
    c->unlimited = unlimited < 0 ? ip->credits.unlimited : unlimited != 0;
    c->earn_per_s = ip->credits.credits_per_hour / 3600.0;
    c->max = ip->credits.max_credits;
    c->baseline = ip->credits.baseline_per_vcpu;
    if (initial < 0)
        c->launch = ip->credits.launch_credits;
    else
        c->balance = initial < c->max ? initial : c->max;
}

void credits_advance(struct credits *c, sim_time now)
{
    if (!c->enabled || now <= c->at)
        return;
    c->balance += sim_time_to_sec(now - c->at) * c->earn_per_s;
    if (c->balance > c->max)
        c->balance = c->max;
    c->at = now;
}

void credits_spend(struct credits *c, sim_time now, sim_time work_ps)
{
    double cost;

    if (!c->enabled)
        return;
    credits_advance(c, now);
    cost = (double)work_ps / PS_PER_CREDIT;
    if (c->launch > 0) {
        double from_launch = cost < c->launch ? cost : c->launch;

        c->launch -= from_launch;
        cost -= from_launch;
    }
    /* Standard mode never goes below zero: work is throttled before. */
    c->balance -= cost;
}

double credits_speed(struct credits *c, sim_time now)
{
    if (!c->enabled || c->unlimited)
        return 1.0;
    credits_advance(c, now);
    if (credits_level(c) > 0) {
        c->throttled_since = SIM_TIME_MAX;
        return 1.0;
    }
    if (c->throttled_since == SIM_TIME_MAX)
        c->throttled_since = now;
    if (c->first_throttle == SIM_TIME_MAX)
        c->first_throttle = now;
    return c->baseline;
}

double credits_level(const struct credits *c)
{
    return c->balance + c->launch;
}

double credits_balance_at(const struct credits *c, sim_time now)
{
    double balance;

    if (!c->enabled)
        return 0;
    balance = c->balance;
    if (now > c->at && balance < c->max) {
        balance += sim_time_to_sec(now - c->at) * c->earn_per_s;
        if (balance > c->max)
            balance = c->max;
    }
    return balance + c->launch;
}

double credits_surplus(const struct credits *c)
{
    return c->enabled && c->unlimited && c->balance < 0 ? -c->balance : 0;
}
