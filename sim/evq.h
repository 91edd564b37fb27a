/*
 * evq.h - the pending-event set: a 4-ary min-heap of 16-byte (time, tag)
 * nodes over a flat, cache-line-aligned array, with an event pool and free
 * list so that scheduling does not call malloc. Ties on time pop in FIFO
 * order of scheduling. Knows nothing about what events mean.
 *
 * The API is the seam where a calendar or ladder queue can replace the heap.
 * The queue owns its storage; handlers and contexts are borrowed.
 */
#ifndef VIRTSIM_EVQ_H
#define VIRTSIM_EVQ_H

#include <assert.h>
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

/* struct evq's hole when no node is vacant. */
#define EVQ_NO_HOLE SIZE_MAX

/*
 * Heap node: the key and where the event is. The tag holds the scheduling
 * sequence number in its upper 32 bits and the pool slot in its lower 32,
 * so (time, tag) orders by time, then FIFO, and four siblings fill one
 * 64-byte cache line.
 */
struct evq_node {
    sim_time time;
    uint64_t tag;
};

struct evq_event {              /* pool entry */
    event_fn *fn;               /* NULL when free or cancelled */
    void *ctx;
    uint64_t arg;
    uint32_t gen;               /* bumped at each reuse; 0 is never used */
    uint32_t next_free;         /* free-list link when free */
};

struct evq {
    struct evq_node *heap;      /* heap[0] is the root; 64-byte groups */
    void *heap_mem;             /* what heap points into, for free() */
    size_t nodes;               /* nodes in the heap: cancelled ones and a
                                   vacancy (hole) count too */
    size_t cap;
    size_t len;                 /* pending events */
    size_t dead;                /* cancelled nodes not yet removed */
    size_t hole;                /* a vacant leaf evq_take left, or
                                   EVQ_NO_HOLE */
    struct evq_event *pool;
    size_t pool_len, pool_cap;
    uint32_t free_head;         /* EVQ_FREE_END when empty */
    uint64_t next_seq;          /* < 2^32; renumbered when it gets there */
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

/*
 * The engine's pop: removes the earliest event into *out when its time is
 * <= until. The vacancy it leaves sinks to a leaf at once (the work of a
 * pop, done before the handler runs so that the two overlap) and is left
 * there, so that the next evq_push fills it with a short sift up instead
 * of appending (the hold pattern: run one event, schedule the next).
 * Every function accounts for the vacancy; evq_settle removes it.
 * Returns false when the queue is empty or its earliest event lies past
 * until.
 */
bool evq_take(struct evq *q, sim_time until, struct evq_item *out);

/* Fills a vacancy left by evq_take; a no-op when there is none. */
void evq_settle(struct evq *q);

/* Time of the earliest event; the queue must not be empty. */
static inline sim_time evq_peek_time(const struct evq *q)
{
    assert(q->len > 0);
    return q->heap[0].time;
}

/*
 * Cancels a pending event. Returns true when it was pending, false when
 * the handle is stale (already fired or cancelled) or EVQ_NONE. The node
 * stays in the heap, marked, until it reaches the top or the marked nodes
 * outnumber the live ones, so memory stays within twice the pending set.
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
