/*
 * delayline.c - a FIFO of due times with one engine event for its head.
 */
#include "sim/delayline.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "sim/ring.h"

void delay_line_init(struct delay_line *l, struct sim *s)
{
    memset(l, 0, sizeof(*l));
    l->sim = s;
}

void delay_line_release(struct delay_line *l)
{
    free(l->ring);
    memset(l, 0, sizeof(*l));
}

static const struct delay_item *last_item(const struct delay_line *l)
{
    return &l->ring[(l->head + l->len - 1) & (l->cap - 1)];
}

/* The head is due: run every due callback, then wait for the next head. */
static void fire(struct sim *s, void *ctx, uint64_t arg)
{
    struct delay_line *l = ctx;

    (void)arg;
    while (l->len > 0 && l->ring[l->head].at <= s->now) {
        struct delay_item it = l->ring[l->head];

        l->head = (l->head + 1) & (l->cap - 1);
        l->len--;
        it.fn(s, it.ctx, 0);
    }
    if (l->len > 0)
        sim_at(s, l->ring[l->head].at, fire, l, 0);
    else
        l->armed = false;
}

void delay_line_add(struct delay_line *l, sim_time at, event_fn *fn,
                    void *ctx)
{
    struct delay_item *it;

    assert(at >= l->sim->now);
    /*
     * Waits on a token bucket come out in order up to rounding: a time a
     * picosecond before the last one's is taken as the last one's.
     */
    if (l->len > 0 && at < last_item(l)->at)
        at = last_item(l)->at;
    if (l->len == l->cap)
        l->ring = ring_grow(l->ring, sizeof(*l->ring), l->len, &l->head,
                            &l->cap);
    it = &l->ring[(l->head + l->len) & (l->cap - 1)];
    it->at = at;
    it->fn = fn;
    it->ctx = ctx;
    l->len++;
    if (!l->armed) {
        l->armed = true;
        sim_at(l->sim, at, fire, l, 0);
    }
}
