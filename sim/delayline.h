/*
 * delayline.h - callbacks due at nondecreasing times, kept in a FIFO with
 * one engine event for the earliest. For waits that come out in the order
 * they were taken, such as ops waiting for a token bucket's reserved
 * tokens: a thousand waiters then cost one pending event, not a thousand
 * (the engine's heap, and each of its operations, stays small).
 *
 * Due callbacks run in the order they were added; a callback may add more.
 * The line schedules on a borrowed engine; contexts are borrowed.
 */
#ifndef VIRTSIM_DELAYLINE_H
#define VIRTSIM_DELAYLINE_H

#include <stdbool.h>
#include <stddef.h>

#include "sim/sim.h"

struct delay_item {
    sim_time at;
    event_fn *fn;
    void *ctx;
};

struct delay_line {
    struct sim *sim;            /* borrowed */
    struct delay_item *ring;    /* capacity a power of two */
    size_t head, len, cap;
    bool armed;                 /* an engine event is pending for the head */
};

void delay_line_init(struct delay_line *l, struct sim *s);

/* Frees the storage; pending callbacks are forgotten. */
void delay_line_release(struct delay_line *l);

/*
 * Runs fn(sim, ctx, 0) at time `at`, which must not be earlier than now
 * (asserted); a time earlier than the last one added is taken as that one
 * (the line stays in order).
 */
void delay_line_add(struct delay_line *l, sim_time at, event_fn *fn,
                    void *ctx);

/* Callbacks waiting. */
static inline size_t delay_line_len(const struct delay_line *l)
{
    return l->len;
}

#endif
