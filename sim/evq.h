/*
 * evq.h - the pending-event set: a 4-ary min-heap over a flat array, keyed
 * by (time, sequence number), with an event pool and free list so that
 * scheduling does not call malloc. Ties on time pop in FIFO order of
 * scheduling. Knows nothing about what events mean.
 *
 * The API is the seam where a calendar or ladder queue can replace the heap.
 * The queue owns its storage; handlers and contexts are borrowed.
 */
#ifndef VIRTSIM_EVQ_H
#define VIRTSIM_EVQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/time.h"

struct sim;

/* What an event runs: borrowed context and a small integer argument. */
typedef void event_fn(struct sim *s, void *ctx, uint64_t arg);

/*
 * Handle of a scheduled event, for cancellation: slot and generation, so a
 * stale handle (its event already fired or cancelled) is recognised.
 * EVQ_NONE is never a live handle.
 */
typedef uint64_t event_id;
#define EVQ_NONE ((event_id)0)

struct evq_node {               /* heap node: the key and where the event is */
    sim_time time;
    uint64_t seq;
    uint32_t slot;
};

struct evq_event {              /* pool entry */
    event_fn *fn;
    void *ctx;
    uint64_t arg;
    uint32_t pos;               /* index in heap, or free-list link when free */
    uint32_t gen;               /* bumped at each reuse; 0 is never used */
};

struct evq {
    struct evq_node *heap;
    size_t len, cap;
    struct evq_event *pool;
    size_t pool_len, pool_cap;
    uint32_t free_head;         /* EVQ_FREE_END when empty */
    uint64_t next_seq;
};

/* A popped event: copied out, so its slot is already free for reuse. */
struct evq_item {
    sim_time time;
    event_fn *fn;
    void *ctx;
    uint64_t arg;
};

/* Initializes an empty queue. */
void evq_init(struct evq *q);

/* Frees the queue's storage; q is left as after evq_init. */
void evq_release(struct evq *q);

/* Schedules fn(ctx, arg) at absolute time t; returns its handle. */
event_id evq_push(struct evq *q, sim_time t, event_fn *fn, void *ctx,
                  uint64_t arg);

/*
 * Removes the earliest event (FIFO among equal times) into *out.
 * Returns false when the queue is empty.
 */
bool evq_pop(struct evq *q, struct evq_item *out);

/* Time of the earliest event; the queue must not be empty. */
static inline sim_time evq_peek_time(const struct evq *q)
{
    return q->heap[0].time;
}

/*
 * Cancels a pending event. Returns true when it was pending, false when
 * the handle is stale (already fired or cancelled) or EVQ_NONE.
 */
bool evq_cancel(struct evq *q, event_id id);

/* Number of pending events. */
static inline size_t evq_len(const struct evq *q)
{
    return q->len;
}

/* Bytes of memory held per pending-event capacity (heap node + pool entry). */
size_t evq_bytes_per_event(void);

#endif
