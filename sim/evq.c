/*
 * evq.c - the pending-event set: a 4-ary min-heap of (time, seq, slot)
 * nodes over a flat array, and a pool of event bodies with a free list.
 *
 * A 4-ary heap halves the depth of a binary one and keeps a node's children
 * in one or two cache lines; sifts move 24-byte nodes and update the
 * moved body's heap position so cancellation is O(log n).
 */
#include "sim/evq.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "sim/xalloc.h"

#define ARITY        4
#define EVQ_FREE_END UINT32_MAX

void evq_init(struct evq *q)
{
    memset(q, 0, sizeof(*q));
    q->free_head = EVQ_FREE_END;
}

void evq_release(struct evq *q)
{
    free(q->heap);
    free(q->pool);
    evq_init(q);
}

size_t evq_bytes_per_event(void)
{
    return sizeof(struct evq_node) + sizeof(struct evq_event);
}

static inline int node_less(const struct evq_node *a, const struct evq_node *b)
{
    return a->time < b->time || (a->time == b->time && a->seq < b->seq);
}

/* Places node n at heap index i and records the position in its body. */
static inline void put(struct evq *q, size_t i, struct evq_node n)
{
    q->heap[i] = n;
    q->pool[n.slot].pos = (uint32_t)i;
}

static void sift_up(struct evq *q, size_t i, struct evq_node n)
{
    while (i > 0) {
        size_t parent = (i - 1) / ARITY;

        if (!node_less(&n, &q->heap[parent]))
            break;
        put(q, i, q->heap[parent]);
        i = parent;
    }
    put(q, i, n);
}

static void sift_down(struct evq *q, size_t i, struct evq_node n)
{
    size_t len = q->len;

    for (;;) {
        size_t first = i * ARITY + 1, best, c, end;

        if (first >= len)
            break;
        end = first + ARITY < len ? first + ARITY : len;
        best = first;
        for (c = first + 1; c < end; c++)
            if (node_less(&q->heap[c], &q->heap[best]))
                best = c;
        if (!node_less(&q->heap[best], &n))
            break;
        put(q, i, q->heap[best]);
        i = best;
    }
    put(q, i, n);
}

static uint32_t alloc_slot(struct evq *q)
{
    uint32_t slot;

    if (q->free_head != EVQ_FREE_END) {
        slot = q->free_head;
        q->free_head = q->pool[slot].pos;
        return slot;
    }
    if (q->pool_len == q->pool_cap) {
        size_t cap = q->pool_cap ? q->pool_cap * 2 : 256;

        /* Slots are 32-bit and EVQ_FREE_END is reserved. */
        assert(cap < EVQ_FREE_END);
        q->pool = xreallocarray(q->pool, cap, sizeof(*q->pool));
        q->pool_cap = cap;
    }
    slot = (uint32_t)q->pool_len++;
    q->pool[slot].gen = 0;
    return slot;
}

static void free_slot(struct evq *q, uint32_t slot)
{
    struct evq_event *e = &q->pool[slot];

    e->gen++;
    if (e->gen == 0)            /* 0 is never a live generation */
        e->gen = 1;
    e->fn = NULL;
    e->pos = q->free_head;
    q->free_head = slot;
}

event_id evq_push(struct evq *q, sim_time t, event_fn *fn, void *ctx,
                  uint64_t arg)
{
    struct evq_node n;
    struct evq_event *e;
    uint32_t slot;

    assert(fn != NULL);
    if (q->len == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 256;

        q->heap = xreallocarray(q->heap, cap, sizeof(*q->heap));
        q->cap = cap;
    }
    slot = alloc_slot(q);
    e = &q->pool[slot];
    if (e->gen == 0)
        e->gen = 1;
    e->fn = fn;
    e->ctx = ctx;
    e->arg = arg;
    n.time = t;
    n.seq = q->next_seq++;
    n.slot = slot;
    sift_up(q, q->len++, n);
    return ((uint64_t)e->gen << 32) | slot;
}

bool evq_pop(struct evq *q, struct evq_item *out)
{
    struct evq_event *e;
    uint32_t slot;

    if (q->len == 0)
        return false;
    slot = q->heap[0].slot;
    e = &q->pool[slot];
    out->time = q->heap[0].time;
    out->fn = e->fn;
    out->ctx = e->ctx;
    out->arg = e->arg;
    free_slot(q, slot);
    if (--q->len > 0)
        sift_down(q, 0, q->heap[q->len]);
    return true;
}

bool evq_cancel(struct evq *q, event_id id)
{
    uint32_t slot = (uint32_t)id, gen = (uint32_t)(id >> 32), pos;
    struct evq_node last;

    if (id == EVQ_NONE || slot >= q->pool_len)
        return false;
    if (q->pool[slot].gen != gen || q->pool[slot].fn == NULL)
        return false;
    pos = q->pool[slot].pos;
    assert(pos < q->len && q->heap[pos].slot == slot);
    free_slot(q, slot);
    last = q->heap[--q->len];
    if (pos < q->len) {
        /* The last node fills the hole; it may need to go either way. */
        if (pos > 0 && node_less(&last, &q->heap[(pos - 1) / ARITY]))
            sift_up(q, pos, last);
        else
            sift_down(q, pos, last);
    }
    return true;
}
