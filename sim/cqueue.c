/*
 * cqueue.c - the c-server FCFS queue: a ring buffer of waiting jobs, one
 * in-service slot per server, one completion event per busy server.
 *
 * Busy time is integrated each time the number of busy servers changes,
 * so utilization is exact over any accounting period.
 */
#include "sim/cqueue.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "sim/ring.h"
#include "base/xalloc.h"

static void complete(struct sim *s, void *ctx, uint64_t server);

void cqueue_init(struct cqueue *q, struct sim *s, unsigned servers,
                 size_t max_waiting)
{
    unsigned i;

    assert(servers >= 1);
    memset(q, 0, sizeof(*q));
    q->sim = s;
    q->servers = servers;
    q->max_waiting = max_waiting;
    q->serving = xcalloc(servers, sizeof(*q->serving));
    q->idle = xcalloc(servers, sizeof(*q->idle));
    /* Idle stack, lowest index on top: server 0 is taken first. */
    for (i = 0; i < servers; i++)
        q->idle[i] = servers - 1 - i;
    q->stats_since = s->now;
    q->last_change = s->now;
}

void cqueue_release(struct cqueue *q)
{
    free(q->wait);
    free(q->serving);
    free(q->idle);
    memset(q, 0, sizeof(*q));
}

/* Integrates busy server-time up to now; call before `busy` changes. */
static void account(struct cqueue *q)
{
    sim_time now = q->sim->now;

    q->busy_ps += (now - q->last_change) * q->busy;
    q->last_change = now;
}

static void start(struct cqueue *q, const struct cqueue_job *job)
{
    unsigned server;

    assert(q->busy < q->servers);
    account(q);
    server = q->idle[q->servers - q->busy - 1];
    q->busy++;
    q->serving[server] = *job;
    q->started++;
    sim_after(q->sim, job->service_ps, complete, q, server);
}

/* The ring's capacity is a power of two, so indices wrap with a mask. */
static void push_waiting(struct cqueue *q, const struct cqueue_job *job)
{
    if (q->wait_len == q->wait_cap)
        q->wait = ring_grow(q->wait, sizeof(*q->wait), q->wait_len,
                            &q->wait_head, &q->wait_cap);
    q->wait[(q->wait_head + q->wait_len) & (q->wait_cap - 1)] = *job;
    q->wait_len++;
}

static struct cqueue_job pop_waiting(struct cqueue *q)
{
    struct cqueue_job job = q->wait[q->wait_head];

    q->wait_head = (q->wait_head + 1) & (q->wait_cap - 1);
    q->wait_len--;
    return job;
}

int cqueue_submit(struct cqueue *q, sim_time service_ps, cqueue_done_fn *done,
                  void *ctx, uint64_t arg)
{
    struct cqueue_job job;

    q->arrived++;
    job.arrival = q->sim->now;
    job.service_ps = service_ps;
    job.done = done;
    job.ctx = ctx;
    job.arg = arg;
    if (q->busy < q->servers) {
        start(q, &job);
        return 0;
    }
    if (q->max_waiting && q->wait_len >= q->max_waiting) {
        q->dropped++;
        return -1;
    }
    push_waiting(q, &job);
    return 0;
}

static void complete(struct sim *s, void *ctx, uint64_t server)
{
    struct cqueue *q = ctx;
    struct cqueue_job job = q->serving[server];
    sim_time wait_ps = s->now - job.arrival - job.service_ps;

    account(q);
    q->busy--;
    q->idle[q->servers - q->busy - 1] = (unsigned)server;
    q->completed++;
    if (q->wait_len > 0) {
        struct cqueue_job next = pop_waiting(q);

        start(q, &next);
    }
    if (job.done)
        job.done(s, job.ctx, job.arg, wait_ps, job.service_ps);
}

sim_time cqueue_busy_ps(const struct cqueue *q)
{
    return q->busy_ps + (q->sim->now - q->last_change) * q->busy;
}

double cqueue_utilization(const struct cqueue *q)
{
    sim_time span = q->sim->now - q->stats_since;

    if (span == 0)
        return 0;
    return (double)cqueue_busy_ps(q) / ((double)span * q->servers);
}

void cqueue_reset_stats(struct cqueue *q)
{
    q->stats_since = q->sim->now;
    q->last_change = q->sim->now;
    q->busy_ps = 0;
    q->arrived = q->started = q->completed = q->dropped = 0;
}
