/*
 * serial.c - one FCFS server whose completions are known at submission.
 */
#include "sim/serial.h"

#include <string.h>

void serial_init(struct serial *l, struct sim *s)
{
    memset(l, 0, sizeof(*l));
    l->sim = s;
    l->free_at = s->now;
    l->stats_since = s->now;
}

sim_time serial_submit(struct serial *l, sim_time service_ps)
{
    sim_time now = l->sim->now;
    sim_time start = l->free_at > now ? l->free_at : now;

    l->free_at = sim_time_add(start, service_ps);
    l->busy_ps += service_ps;
    l->jobs++;
    return l->free_at;
}

/* Work submitted but still to do at now: [now, free_at). */
static sim_time backlog(const struct serial *l)
{
    sim_time now = l->sim->now;

    return l->free_at > now ? l->free_at - now : 0;
}

double serial_utilization(const struct serial *l)
{
    sim_time span = l->sim->now - l->stats_since;

    if (span == 0)
        return 0;
    return (double)(l->busy_ps - backlog(l)) / (double)span;
}

void serial_reset_stats(struct serial *l)
{
    /* Work still to do is done in the new period. */
    l->busy_ps = backlog(l);
    l->stats_since = l->sim->now;
    l->jobs = 0;
}
