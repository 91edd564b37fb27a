/*
 * napi.c - per-queue interrupt coalescing of a guest's network device:
 * NAPI polls on receive, moderation timers on both directions.
 *
 * Sources: Linux NAPI (an interrupt schedules the poll and stays masked
 * until napi_complete_done: frames that arrive meanwhile are polled, not
 * interrupted); the Linux ENA driver's ena_com.h,
 * ENA_INTR_INITIAL_TX_INTERVAL_USECS 64 and ..._RX_INTERVAL_USECS 0, the
 * initial (non-adaptive) moderation intervals of a virtual function.
 */
#include "models/napi.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

void napi_init(struct napi *n, unsigned queues, sim_time rx_interval,
               sim_time tx_interval)
{
    assert(queues >= 1);
    memset(n, 0, sizeof(*n));
    n->nqueues = queues;
    n->rx_interval = rx_interval;
    n->tx_interval = tx_interval;
    n->rx = xcalloc(queues, sizeof(*n->rx));
    n->tx = xcalloc(queues, sizeof(*n->tx));
}

void napi_release(struct napi *n)
{
    free(n->rx);
    free(n->tx);
    memset(n, 0, sizeof(*n));
}

void napi_reset_stats(struct napi *n)
{
    n->irqs_rx = 0;
    n->irqs_tx = 0;
}

static unsigned next_queue(const struct napi *n, unsigned *turn)
{
    unsigned q = *turn;

    *turn = q + 1 == n->nqueues ? 0 : q + 1;
    return q;
}

unsigned napi_rx_queue(struct napi *n)
{
    return next_queue(n, &n->next_rx);
}

unsigned napi_tx_queue(struct napi *n)
{
    return next_queue(n, &n->next_tx);
}

/* The earliest time queue q may interrupt again, from now. */
static sim_time moderated(const struct napi_queue *qu, sim_time interval,
                          sim_time now)
{
    sim_time ready = qu->fired ? qu->last + interval : now;

    return ready > now ? ready : now;
}

enum napi_verdict napi_rx_arrive(struct napi *n, unsigned q, sim_time now,
                                 sim_time *go)
{
    struct napi_queue *qu = &n->rx[q];

    assert(q < n->nqueues);
    if (qu->active) {
        qu->active++;
        *go = qu->fire_at > now ? qu->fire_at : now;
        return NAPI_ABSORB;
    }
    qu->fire_at = moderated(qu, n->rx_interval, now);
    qu->last = qu->fire_at;
    qu->fired = true;
    qu->active = 1;
    n->irqs_rx++;
    *go = qu->fire_at;
    return NAPI_RAISE;
}

void napi_rx_done(struct napi *n, unsigned q)
{
    assert(q < n->nqueues && n->rx[q].active > 0);
    n->rx[q].active--;
}

bool napi_tx_complete(struct napi *n, unsigned q, sim_time now,
                      sim_time *fire_at)
{
    struct napi_queue *qu = &n->tx[q];

    assert(q < n->nqueues);
    if (qu->armed)
        return false;
    qu->armed = true;
    qu->fire_at = moderated(qu, n->tx_interval, now);
    *fire_at = qu->fire_at;
    return true;
}

double napi_extra_irqs(double frames, double span_s, double poll_s,
                       double irq_s, double interval_s)
{
    double gap, batch;

    if (frames <= 1 || span_s <= 0)
        return 0;
    gap = span_s / (frames - 1);
    if (poll_s >= gap)
        return 0;
    batch = irq_s / (gap - poll_s);
    if (batch < interval_s / gap)
        batch = interval_s / gap;
    if (batch < 1)
        batch = 1;
    return (frames - 1) / batch;
}

void napi_tx_fired(struct napi *n, unsigned q, sim_time now)
{
    struct napi_queue *qu = &n->tx[q];

    assert(q < n->nqueues && qu->armed);
    qu->armed = false;
    qu->fired = true;
    qu->last = now;
    n->irqs_tx++;
}
