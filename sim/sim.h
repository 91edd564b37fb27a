/*
 * sim.h - the event engine: a clock, a pending-event set, and the loop that
 * runs events in time order until a time limit, an empty queue, or a stop
 * request. Knows nothing about virtualization; models schedule events with
 * handlers of their own.
 *
 * The engine owns its queue; contexts passed to sim_at/sim_after are
 * borrowed and must outlive their events.
 */
#ifndef VIRTSIM_SIM_H
#define VIRTSIM_SIM_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "sim/evq.h"
#include "sim/time.h"

/*
 * Every SIM_POLL_EVENTS events the loop looks at the interrupt flag and at
 * whether simulated time has moved; SIM_STUCK_POLLS polls in a row at the
 * same instant (about 67 million events) end the run as stuck: a model
 * that can no longer advance time (a client retrying at once, forever).
 */
#define SIM_POLL_EVENTS 65536u
#define SIM_STUCK_POLLS 1024u

struct sim {
    sim_time now;               /* time of the event being run */
    struct evq q;
    bool stop;                  /* set by sim_stop; checked between events */
    uint64_t events;            /* events run so far */
    /* Optional: raised from outside (a signal handler); polled. */
    const volatile sig_atomic_t *interrupt;
    sim_time polled_at;         /* the clock at the last poll */
    unsigned still_polls;       /* polls in a row that found it unchanged */
    unsigned stuck_polls;       /* the limit: SIM_STUCK_POLLS after sim_init */
};

enum sim_run_end {
    SIM_END_EMPTY,              /* no pending events left */
    SIM_END_TIME,               /* next event lies past the limit */
    SIM_END_STOPPED,            /* sim_stop was called */
    SIM_END_INTERRUPTED,        /* *interrupt was raised */
    SIM_END_STUCK,              /* simulated time stopped advancing */
};

/* Initializes an engine at time 0 with no events. */
void sim_init(struct sim *s);

/* Frees the pending set; s is left as after sim_init. */
void sim_release(struct sim *s);

/*
 * Schedules fn at absolute time t >= s->now (asserted: scheduling into the
 * past is a programmer error). Returns a handle for sim_cancel.
 */
event_id sim_at(struct sim *s, sim_time t, event_fn *fn, void *ctx,
                uint64_t arg);

/* Schedules fn `delay` picoseconds from now (saturating). */
event_id sim_after(struct sim *s, sim_time delay, event_fn *fn, void *ctx,
                   uint64_t arg);

/* Cancels a pending event; false when it already ran or was cancelled. */
bool sim_cancel(struct sim *s, event_id id);

/*
 * Runs events in order while their time is <= until (events at exactly
 * `until` run). When the run reaches its bound, by SIM_END_TIME or by
 * SIM_END_EMPTY with until < SIM_TIME_MAX, the clock is advanced to
 * `until`: idle time passes too. Otherwise (stopped, or empty with no
 * bound) it stays at the last event's time. The stop flag is cleared on
 * return so the run can be resumed.
 */
enum sim_run_end sim_run(struct sim *s, sim_time until);

/*
 * Makes the loop poll *flag (every SIM_POLL_EVENTS events) and return
 * SIM_END_INTERRUPTED once it is raised; NULL: no flag.
 */
void sim_set_interrupt(struct sim *s, const volatile sig_atomic_t *flag);

/* Asks the running loop to return after the current event. */
void sim_stop(struct sim *s);

#endif
