/*
 * sim.c - the event loop: take the earliest event, advance the clock, run
 * its handler; until a time limit, an empty queue or a stop request.
 */
#include "sim/sim.h"

#include <assert.h>
#include <string.h>

void sim_init(struct sim *s)
{
    memset(s, 0, sizeof(*s));
    s->stuck_polls = SIM_STUCK_POLLS;
    evq_init(&s->q);
}

void sim_release(struct sim *s)
{
    evq_release(&s->q);
    sim_init(s);
}

event_id sim_at(struct sim *s, sim_time t, event_fn *fn, void *ctx,
                uint64_t arg)
{
    assert(t >= s->now && "scheduling into the past");
    assert(fn != NULL);
    return evq_push(&s->q, t, fn, ctx, arg);
}

event_id sim_after(struct sim *s, sim_time delay, event_fn *fn, void *ctx,
                   uint64_t arg)
{
    return sim_at(s, sim_time_add(s->now, delay), fn, ctx, arg);
}

bool sim_cancel(struct sim *s, event_id id)
{
    return evq_cancel(&s->q, id);
}

void sim_stop(struct sim *s)
{
    s->stop = true;
}

void sim_set_interrupt(struct sim *s, const volatile sig_atomic_t *flag)
{
    s->interrupt = flag;
}

/*
 * The loop's occasional look outside: SIM_END_INTERRUPTED, SIM_END_STUCK,
 * or SIM_END_EMPTY meaning "go on". Out of line: it runs once in
 * SIM_POLL_EVENTS events.
 */
static __attribute__((noinline)) enum sim_run_end poll(struct sim *s)
{
    if (s->interrupt && *s->interrupt)
        return SIM_END_INTERRUPTED;
    if (s->now != s->polled_at) {
        s->polled_at = s->now;
        s->still_polls = 0;
    } else if (++s->still_polls >= s->stuck_polls) {
        return SIM_END_STUCK;
    }
    return SIM_END_EMPTY;
}

enum sim_run_end sim_run(struct sim *s, sim_time until)
{
    struct evq *q = &s->q;
    struct evq_item it;
    enum sim_run_end end;

    for (;;) {
        if (s->stop) {
            end = SIM_END_STOPPED;
            break;
        }
        /*
         * evq_take leaves a vacant leaf behind: a handler that schedules
         * one event (the common case) fills it with a short sift up.
         */
        if (!evq_take(q, until, &it)) {
            /* Idle time passes too: a bounded run ends at its bound. */
            if (evq_len(q) > 0) {
                s->now = until;
                end = SIM_END_TIME;
            } else {
                if (until != SIM_TIME_MAX)
                    s->now = until;
                end = SIM_END_EMPTY;
            }
            break;
        }
        s->now = it.time;
        s->events++;
        it.fn(s, it.ctx, it.arg);
        if ((s->events & (SIM_POLL_EVENTS - 1)) == 0) {
            end = poll(s);
            if (end != SIM_END_EMPTY)
                break;
        }
    }
    evq_settle(q);
    s->stop = false;
    return end;
}
