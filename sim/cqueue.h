/*
 * cqueue.h - a c-server FCFS queue: one shared waiting line, c identical
 * servers, with busy-time accounting. The resource primitive every modeled
 * CPU, backend thread and device is built on.
 *
 * A job is a service time and a completion callback. When a server is free
 * the job starts at once; otherwise it waits in FIFO order. On completion
 * the server takes the next waiting job, then the callback runs (so a job
 * the callback submits joins the back of the line).
 *
 * The queue schedules its completions on a borrowed engine. Callback
 * contexts are borrowed.
 */
#ifndef VIRTSIM_CQUEUE_H
#define VIRTSIM_CQUEUE_H

#include <stddef.h>
#include <stdint.h>

#include "sim/sim.h"
#include "sim/time.h"

/*
 * Called when a job completes: wait_ps is its time in the waiting line,
 * service_ps its time on a server; it completed at s->now.
 */
typedef void cqueue_done_fn(struct sim *s, void *ctx, uint64_t arg,
                            sim_time wait_ps, sim_time service_ps);

struct cqueue_job {
    sim_time arrival;
    sim_time service_ps;
    cqueue_done_fn *done;       /* may be NULL */
    void *ctx;
    uint64_t arg;
};

struct cqueue {
    struct sim *sim;            /* borrowed */
    unsigned servers;
    unsigned busy;
    size_t max_waiting;         /* 0: unbounded; else arrivals past it drop */

    struct cqueue_job *wait;    /* ring buffer of waiting jobs */
    size_t wait_head, wait_len, wait_cap;
    struct cqueue_job *serving; /* one slot per server */
    unsigned *idle;             /* stack of idle server indices */

    /* Accounting, since cqueue_init or the last cqueue_reset_stats. */
    sim_time stats_since;
    sim_time busy_ps;           /* server-picoseconds busy, up to last_change */
    sim_time last_change;
    uint64_t arrived, started, completed, dropped;
};

/*
 * Initializes a queue with `servers` >= 1 servers on engine s.
 * max_waiting = 0 means an unbounded line.
 */
void cqueue_init(struct cqueue *q, struct sim *s, unsigned servers,
                 size_t max_waiting);

/* Frees storage; jobs in service or waiting are forgotten. */
void cqueue_release(struct cqueue *q);

/*
 * Submits a job needing service_ps on one server. Returns 0, or -1 when
 * the waiting line is full and the job was dropped (counted; no callback).
 */
int cqueue_submit(struct cqueue *q, sim_time service_ps, cqueue_done_fn *done,
                  void *ctx, uint64_t arg);

/* Server-picoseconds of busy time since the stats were last reset, to now. */
sim_time cqueue_busy_ps(const struct cqueue *q);

/* Mean utilization of the servers (0..1) since the stats were last reset. */
double cqueue_utilization(const struct cqueue *q);

/* Jobs waiting (not in service). */
static inline size_t cqueue_waiting(const struct cqueue *q)
{
    return q->wait_len;
}

/* Starts a new accounting period at now (end of warm-up). */
void cqueue_reset_stats(struct cqueue *q);

#endif
