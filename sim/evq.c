/*
 * evq.c - the pending-event set: a 4-ary min-heap of (time, tag) nodes over
 * a flat array, and a pool of event bodies with a free list.
 *
 * Four siblings share one 64-byte cache line (the array is offset so that
 * each group starts on a line), so a level of a sift costs one line, and
 * the line below is prefetched while a level is compared. Nodes do not
 * record their heap position: cancellation marks the body and leaves the
 * node where it is, to be dropped when it reaches the root or when marked
 * nodes outnumber live ones (then the heap is rebuilt in O(n)). Sifts
 * therefore write nothing but the heap itself.
 *
 * Removing the root is Floyd's bottom-up deletion: the vacancy sinks to a
 * leaf along the smaller children, with no branch on the comparisons, and
 * whatever fills it there sifts up, usually not at all. evq_take leaves
 * that leaf vacant for the next push, so the hold pattern (run the earliest
 * event, schedule one) costs one descent and a short climb, and the descent
 * overlaps with the handler's own work.
 */
#include "sim/evq.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

#define ARITY        4
#define EVQ_FREE_END UINT32_MAX
#define SEQ_LIMIT    (UINT64_C(1) << 32)
#define LINE_BYTES   64
/*
 * Heaps smaller than this (256 KiB of nodes) stay in the L2 cache, where
 * prefetching costs more instructions than it saves.
 */
#define PREFETCH_MIN 16384
/* Cancelled nodes tolerated before a rebuild is considered. */
#define DEAD_SLACK   64

#ifdef __GNUC__
#define prefetch(p) __builtin_prefetch(p)
#else
#define prefetch(p) ((void)(p))
#endif

/*
 * Past the last node the array holds sentinels, larger than any node (a
 * node's tag is never all ones), up to a whole group past the capacity:
 * every sibling group can be read whole, and a sentinel never wins.
 */
static const struct evq_node sentinel = {UINT64_MAX, UINT64_MAX};

static inline uint32_t slot_of(struct evq_node n)
{
    return (uint32_t)n.tag;
}

/*
 * (time, tag) as one 128-bit number: a compare and a subtract-with-borrow,
 * no branch to mispredict.
 */
#ifdef __SIZEOF_INT128__
static inline int node_less(struct evq_node a, struct evq_node b)
{
    __extension__ typedef unsigned __int128 u128;

    return ((u128)a.time << 64 | a.tag) < ((u128)b.time << 64 | b.tag);
}
#else
static inline int node_less(struct evq_node a, struct evq_node b)
{
    return a.time < b.time || (a.time == b.time && a.tag < b.tag);
}
#endif

void evq_init(struct evq *q)
{
    memset(q, 0, sizeof(*q));
    q->hole = EVQ_NO_HOLE;
    q->free_head = EVQ_FREE_END;
}

void evq_release(struct evq *q)
{
    free(q->heap_mem);
    free(q->pool);
    evq_init(q);
}

size_t evq_bytes_per_event(void)
{
    return sizeof(struct evq_node) + sizeof(struct evq_event);
}

/*
 * Grows the heap array. Node i's children are 4i+1..4i+4; placing node 1
 * at a line boundary puts every sibling group on one line.
 */
static void grow_heap(struct evq *q)
{
    size_t cap = q->cap ? q->cap * 2 : 256;
    size_t bytes = SIZE_MAX;    /* on overflow, xmalloc reports it */
    void *mem;
    uintptr_t base;
    struct evq_node *heap;
    size_t i;

    if (cap <= (SIZE_MAX - 2 * LINE_BYTES) / sizeof(*heap) - ARITY)
        bytes = (cap + ARITY) * sizeof(*heap) + 2 * LINE_BYTES;
    mem = xmalloc(bytes);
    base = ((uintptr_t)mem + LINE_BYTES - 1) & ~(uintptr_t)(LINE_BYTES - 1);
    heap = (struct evq_node *)(base + LINE_BYTES - sizeof(*heap));
    if (q->nodes)
        memcpy(heap, q->heap, q->nodes * sizeof(*heap));
    for (i = q->nodes; i < cap + ARITY; i++)
        heap[i] = sentinel;
    free(q->heap_mem);
    q->heap_mem = mem;
    q->heap = heap;
    q->cap = cap;
}

/* Places n at index i or above, moving larger parents down. */
static inline void sift_up(struct evq_node *h, size_t i, struct evq_node n)
{
    while (i > 0) {
        size_t parent = (i - 1) / ARITY;

        if (!node_less(n, h[parent]))
            break;
        h[i] = h[parent];
        i = parent;
    }
    h[i] = n;
}

/*
 * Sinks a vacancy at index i to a leaf, each level promoting the smallest
 * child; returns the leaf's index, now vacant.
 */
static inline size_t descend(struct evq_node *h, size_t len, size_t i)
{
    bool far = len >= PREFETCH_MIN;
    size_t c;

    for (c = i * ARITY + 1; c < len; c = i * ARITY + 1) {
        const struct evq_node *g = h + c, *a, *b, *best;

        /*
         * The four children's own children are four consecutive lines:
         * fetch them while this level is compared, or a big heap waits
         * on memory at every level.
         */
        if (far && c * ARITY + 1 < len) {
            prefetch(&h[c * ARITY + 1]);
            prefetch(&h[c * ARITY + 1 + ARITY]);
            prefetch(&h[c * ARITY + 1 + 2 * ARITY]);
            prefetch(&h[c * ARITY + 1 + 3 * ARITY]);
        }
        /*
         * Which child wins cannot be predicted: choose by arithmetic. A
         * group past the last node is padded with sentinels.
         */
        a = g + node_less(g[1], g[0]);
        b = g + 2 + node_less(g[3], g[2]);
        best = node_less(*b, *a) ? b : a;
        h[i] = *best;
        i = (size_t)(best - h);
    }
    return i;
}

static uint32_t alloc_slot(struct evq *q)
{
    uint32_t slot;

    if (q->free_head != EVQ_FREE_END) {
        slot = q->free_head;
        q->free_head = q->pool[slot].next_free;
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
    q->pool[slot].gen = 1;      /* 0 is never a live generation */
    return slot;
}

static void free_slot(struct evq *q, uint32_t slot)
{
    struct evq_event *e = &q->pool[slot];

    e->gen++;
    if (e->gen == 0)
        e->gen = 1;
    e->fn = NULL;
    e->next_free = q->free_head;
    q->free_head = slot;
}

/* Fills the vacant leaf, if any, with the last node. */
static void fill_hole(struct evq *q)
{
    size_t p = q->hole;
    struct evq_node last;

    if (p == EVQ_NO_HOLE)
        return;
    q->hole = EVQ_NO_HOLE;
    last = q->heap[--q->nodes];
    q->heap[q->nodes] = sentinel;
    if (p < q->nodes)
        sift_up(q->heap, p, last);
}

/* Removes the root, whose slot the caller has dealt with. */
static void remove_root(struct evq *q)
{
    fill_hole(q);
    q->hole = descend(q->heap, q->nodes, 0);
    fill_hole(q);
}

/* Drops cancelled nodes from the root, so that the root is always live. */
static void drop_dead_roots(struct evq *q)
{
    while (q->dead > 0 && q->nodes > 0) {
        uint32_t slot = slot_of(q->heap[0]);

        if (q->pool[slot].fn != NULL)
            break;
        free_slot(q, slot);
        q->dead--;
        remove_root(q);
    }
}

static inline void purge_root(struct evq *q)
{
    if (q->dead > 0)
        drop_dead_roots(q);
}

void evq_settle(struct evq *q)
{
    fill_hole(q);
    purge_root(q);
}

/* Removes every cancelled node and rebuilds the heap bottom-up (Floyd). */
static void compact(struct evq *q)
{
    size_t i, j = 0;

    fill_hole(q);
    for (i = 0; i < q->nodes; i++) {
        uint32_t slot = slot_of(q->heap[i]);

        if (q->pool[slot].fn != NULL)
            q->heap[j++] = q->heap[i];
        else
            free_slot(q, slot);
    }
    for (i = j; i < q->nodes; i++)
        q->heap[i] = sentinel;
    q->nodes = j;
    q->dead = 0;
    for (i = j / ARITY + 1; j > 1 && i-- > 0;) {
        struct evq_node n = q->heap[i];
        size_t p = descend(q->heap, q->nodes, i);

        /* Floyd's climb stops at i: n goes no higher than where it was. */
        while (p > i && node_less(n, q->heap[(p - 1) / ARITY])) {
            q->heap[p] = q->heap[(p - 1) / ARITY];
            p = (p - 1) / ARITY;
        }
        q->heap[p] = n;
    }
}

static int cmp_node(const void *pa, const void *pb)
{
    const struct evq_node *a = pa, *b = pb;

    return node_less(*b, *a) - node_less(*a, *b);
}

/*
 * Sequence numbers have 32 bits. When they run out (every 2^32 pushes),
 * the pending nodes are sorted, which keeps the heap valid, and numbered
 * afresh in that order: the same relative order with small numbers.
 */
static void renumber(struct evq *q)
{
    size_t i;

    compact(q);
    if (q->nodes > 1)
        qsort(q->heap, q->nodes, sizeof(*q->heap), cmp_node);
    for (i = 0; i < q->nodes; i++)
        q->heap[i].tag = (uint64_t)i << 32 | slot_of(q->heap[i]);
    q->next_seq = q->nodes;
}

event_id evq_push(struct evq *q, sim_time t, event_fn *fn, void *ctx,
                  uint64_t arg)
{
    struct evq_node n;
    struct evq_event *e;
    uint32_t slot;
    size_t p;

    assert(fn != NULL);
    if (q->next_seq >= SEQ_LIMIT)
        renumber(q);
    slot = alloc_slot(q);
    e = &q->pool[slot];
    e->fn = fn;
    e->ctx = ctx;
    e->arg = arg;
    n.time = t;
    n.tag = q->next_seq++ << 32 | slot;
    q->len++;
    if (q->hole != EVQ_NO_HOLE) {
        /* The leaf evq_take left vacant takes the new node. */
        p = q->hole;
        q->hole = EVQ_NO_HOLE;
    } else {
        if (q->nodes == q->cap)
            grow_heap(q);
        p = q->nodes++;
    }
    sift_up(q->heap, p, n);
    return (uint64_t)e->gen << 32 | slot;
}

/* Copies the root's event out and frees its slot. */
static void take_root(struct evq *q, struct evq_item *out)
{
    uint32_t slot = slot_of(q->heap[0]);
    struct evq_event *e = &q->pool[slot];

    out->time = q->heap[0].time;
    out->fn = e->fn;
    out->ctx = e->ctx;
    out->arg = e->arg;
    free_slot(q, slot);
    q->len--;
}

bool evq_pop(struct evq *q, struct evq_item *out)
{
    evq_settle(q);
    if (q->len == 0)
        return false;
    take_root(q, out);
    remove_root(q);
    purge_root(q);
    return true;
}

bool evq_take(struct evq *q, sim_time until, struct evq_item *out)
{
    evq_settle(q);
    if (q->len == 0 || q->heap[0].time > until)
        return false;
    take_root(q, out);
    /*
     * The next event to run is one of the root's children (or the one the
     * handler schedules). In a big pending set their bodies are far away
     * in memory: ask for all four now, to arrive while the handler runs.
     */
    if (q->nodes >= PREFETCH_MIN) {
        prefetch(&q->pool[slot_of(q->heap[1])]);
        prefetch(&q->pool[slot_of(q->heap[2])]);
        prefetch(&q->pool[slot_of(q->heap[3])]);
        prefetch(&q->pool[slot_of(q->heap[4])]);
    }
    q->hole = descend(q->heap, q->nodes, 0);
    if (q->dead > 0)
        evq_settle(q);
    return true;
}

bool evq_cancel(struct evq *q, event_id id)
{
    uint32_t slot = (uint32_t)id, gen = (uint32_t)(id >> 32);

    if (id == EVQ_NONE || slot >= q->pool_len)
        return false;
    if (q->pool[slot].gen != gen || q->pool[slot].fn == NULL)
        return false;
    q->pool[slot].fn = NULL;
    q->len--;
    if (slot_of(q->heap[0]) == slot) {
        free_slot(q, slot);
        remove_root(q);
        purge_root(q);
        return true;
    }
    q->dead++;
    if (q->dead > DEAD_SLACK && q->dead > q->len)
        compact(q);
    return true;
}
