/*
 * rrline.h - a serial line shared by tenants in weighted round robin at
 * frame granularity, as an SR-IOV NIC's transmit scheduler serves its
 * virtual functions: each tenant has a FIFO of bursts (n frames of one
 * duration each); the line serves every backlogged tenant's head burst at
 * once, tenant i getting w_i frames per round, so a round of the
 * backlogged set B lasts D = sum_{j in B} w_j t_j and tenant i is served
 * at w_i / D frames per picosecond.
 *
 * This is the fluid limit of per-frame weighted round robin (as fair
 * queueing's bit-by-bit round robin is of its packet order): a discrete
 * per-frame round robin finishes each burst within one round of the time
 * computed here. With one tenant backlogged it is exactly a FCFS serial
 * line (sim/serial.h) over that tenant's bursts.
 *
 * Completions are computed in closed form from the work submitted: one
 * engine event per burst, at max(end on the line, not_before), so a
 * caller's own wait (a flow's rate cap) rides on the same event. Only
 * when another tenant's work changes a pending burst's end is its event
 * moved (cancelled and scheduled again); a lone tenant never moves one.
 *
 * The line borrows its engine and callback contexts; it owns its bursts
 * (free with rrline_release).
 */
#ifndef VIRTSIM_RRLINE_H
#define VIRTSIM_RRLINE_H

#include <stdint.h>

#include "sim/sim.h"
#include "sim/time.h"

/*
 * Called at s->now, the later of the burst's end on the line and its
 * not_before. others_ps is how much later the burst ended on the line
 * than it would have with no other tenant (the time it waited behind
 * other tenants' frames, its own tenant's earlier bursts excluded).
 */
typedef void rrline_done_fn(struct sim *s, void *ctx, sim_time others_ps);

struct rrline_burst;

struct rrline_tenant {
    double weight;              /* frames per round, relative (> 0) */
    struct rrline_burst *head, *tail;   /* bursts not yet across, FIFO */
    double alone_free_ps;       /* when its work would end with no others */
    double frames_done;         /* frames across since the stats reset */
};

struct rrline {
    struct sim *sim;            /* borrowed */
    unsigned ntenants;
    struct rrline_tenant *t;
    unsigned *active;           /* indices of backlogged tenants */
    unsigned nactive;
    double now_ps;              /* the state below is as of this time */
    double round_ps;            /* D: sum of w_j t_j over backlogged j */
    double *scr_left;           /* scratch for projections, per tenant */
    struct rrline_burst **scr_cur;
    unsigned *scr_act;
    struct rrline_burst *free_list;
    struct rrline_burst **all;  /* every burst allocated */
    size_t nall, allcap;
    /* accounting since the last reset */
    double busy_ps;
    sim_time stats_since;
    uint64_t jobs;
    uint64_t moved;             /* pending events moved by other tenants */
};

/* A line of `tenants` >= 1 tenants, each of weight 1, on engine s. */
void rrline_init(struct rrline *l, struct sim *s, unsigned tenants);

/* Frees everything; pending bursts are forgotten (their events too). */
void rrline_release(struct rrline *l);

/* Sets tenant i's weight (> 0); call before submitting work. */
void rrline_set_weight(struct rrline *l, unsigned tenant, double weight);

/*
 * Queues a burst of `frames` (> 0) frames taking service_ps (> 0) in all
 * for tenant, behind that tenant's earlier bursts; done(ctx) runs at the
 * later of its end on the line and not_before.
 */
void rrline_submit(struct rrline *l, unsigned tenant, double frames,
                   sim_time service_ps, sim_time not_before,
                   rrline_done_fn *done, void *ctx);

/* Busy fraction (any tenant backlogged) since the last reset, up to now. */
double rrline_utilization(struct rrline *l);

/* Frames of tenant i across the line since the last reset, up to now. */
double rrline_frames_done(struct rrline *l, unsigned tenant);

/* Starts a new accounting period at now. */
void rrline_reset_stats(struct rrline *l);

#endif
