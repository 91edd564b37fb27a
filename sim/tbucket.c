/*
 * tbucket.c - token-bucket arithmetic: refill at a rate up to a depth,
 * and FIFO reservations that may put the bucket into debt.
 */
#include "sim/tbucket.h"

#include <assert.h>
#include <math.h>

void tbucket_init(struct tbucket *b, double rate_per_s, double burst)
{
    assert(rate_per_s > 0 && burst > 0);
    b->rate_per_s = rate_per_s;
    b->burst = burst;
    b->tokens = burst;
    b->at = 0;
}

double tbucket_level(const struct tbucket *b, sim_time now)
{
    double level;

    assert(now >= b->at);
    level = b->tokens + sim_time_to_sec(now - b->at) * b->rate_per_s;
    return level < b->burst ? level : b->burst;
}

sim_time tbucket_take(struct tbucket *b, sim_time now, double amount)
{
    double level;

    assert(amount >= 0);
    /*
     * A bucket in debt has reservations waiting in line; refill it to now
     * first. `at` never moves backwards, so waits accumulate FIFO.
     */
    if (now > b->at) {
        b->tokens = tbucket_level(b, now);
        b->at = now;
    }
    level = b->tokens - amount;
    b->tokens = level;
    if (level >= 0)
        return b->at;
    /* Debt is repaid at the refill rate; work may start once it is. */
    return sim_time_add(b->at, sim_time_from_sec(-level / b->rate_per_s));
}
