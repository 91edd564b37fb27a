/*
 * serial.h - a serial line: one FCFS server with no other policy, such as
 * a network wire. Under FCFS a job's completion is fixed the moment it is
 * submitted (it starts when the line frees or now, whichever is later), so
 * the line schedules nothing: the caller gets the completion time and
 * schedules its own continuation, possibly merged with a wait of its own
 * (a flow's rate cap) into one event.
 *
 * Busy time is exact over any accounting period: the work submitted and
 * not yet done always lies in one stretch, from now to when the line frees.
 */
#ifndef VIRTSIM_SERIAL_H
#define VIRTSIM_SERIAL_H

#include <stdint.h>

#include "sim/sim.h"
#include "sim/time.h"

struct serial {
    struct sim *sim;            /* borrowed */
    sim_time free_at;           /* when the last job submitted completes */
    sim_time busy_ps;           /* service submitted since stats_since,
                                   including work before it still to do */
    sim_time stats_since;
    uint64_t jobs;              /* submitted since stats_since */
};

void serial_init(struct serial *l, struct sim *s);

/* Queues a job of service_ps behind the others; returns when it completes. */
sim_time serial_submit(struct serial *l, sim_time service_ps);

/* Busy fraction since the last reset (or init), up to now. */
double serial_utilization(const struct serial *l);

/* Starts a new accounting period at now. */
void serial_reset_stats(struct serial *l);

#endif
