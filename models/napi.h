/*
 * napi.h - interrupt coalescing of a guest's network queues, decided at
 * run time: on receive, NAPI (an interrupt starts a poll; frames that
 * arrive while the poll runs are taken by it without an interrupt of
 * their own) and the device's moderation timer (no two interrupts of a
 * queue closer than its interval); on transmit, completions wait for the
 * moderation timer and one interrupt reports all that completed.
 *
 * Pure bookkeeping on times: the machine asks and acts. Because it is
 * per queue and per guest, N guests that share a rate raise more
 * interrupts than one guest at that rate: the per-VM cost.
 */
#ifndef VIRTSIM_MODELS_NAPI_H
#define VIRTSIM_MODELS_NAPI_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/time.h"

struct napi_queue {
    unsigned active;        /* receive: ops the current poll holds */
    bool armed;             /* transmit: a completion interrupt is set */
    bool fired;             /* an interrupt has fired (last is valid) */
    sim_time fire_at;       /* when the current (or armed) interrupt fires */
    sim_time last;          /* when the last interrupt fired */
};

struct napi {
    unsigned nqueues;
    unsigned next_rx, next_tx;          /* ops spread over queues in turn */
    sim_time rx_interval, tx_interval;  /* moderation intervals */
    struct napi_queue *rx, *tx;         /* nqueues each */
    double irqs_rx, irqs_tx;            /* interrupts raised */
};

enum napi_verdict {
    NAPI_RAISE,     /* the op raises the queue's interrupt: it pays for it */
    NAPI_ABSORB,    /* the running poll takes the op: no interrupt */
};

void napi_init(struct napi *n, unsigned queues, sim_time rx_interval,
               sim_time tx_interval);
void napi_release(struct napi *n);
void napi_reset_stats(struct napi *n);

/* The queue the next receive (transmit) op uses. */
unsigned napi_rx_queue(struct napi *n);
unsigned napi_tx_queue(struct napi *n);

/*
 * A receive op's frames reached queue q at now. *go is when its driver
 * work may start: now, or later when the moderation timer holds the
 * interrupt back (ops the poll absorbs start with the poll).
 */
enum napi_verdict napi_rx_arrive(struct napi *n, unsigned q, sim_time now,
                                 sim_time *go);

/* The poll finished an op it held; the last one ends the poll. */
void napi_rx_done(struct napi *n, unsigned q);

/*
 * A transmit op's frames completed on queue q at now. True when a
 * completion interrupt must be set to fire at *fire_at; false when one is
 * set already and will report this completion too.
 */
bool napi_tx_complete(struct napi *n, unsigned q, sim_time now,
                      sim_time *fire_at);

/* The completion interrupt of queue q fired at now. */
void napi_tx_fired(struct napi *n, unsigned q, sim_time now);

/*
 * Interrupts beyond the first that one op's frames raise while they
 * arrive: frames frames over span_s seconds; the poll spends poll_s per
 * frame and an interrupt irq_s. A poll that keeps up empties the ring
 * between frames and the next frame interrupts again; in the steady state
 * an interrupt's poll takes b = irq_s / (gap - poll_s) frames (the frames
 * that arrive while it runs), at least those of one moderation interval;
 * a poll slower than the frames never ends (no more interrupts).
 */
double napi_extra_irqs(double frames, double span_s, double poll_s,
                       double irq_s, double interval_s);

#endif
