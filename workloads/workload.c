/*
 * workload.c - drawing requests: the next gap from the arrival process
 * (or the trace's timestamps) and the ops from the request template (or
 * the trace's lines); the mean offered rate; releasing a workload.
 */
#include "workloads/workload.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "workloads/trace.h"

/* A trace time divided by the replay speed-up, in whole picoseconds. */
static sim_time scaled(const struct arrival *a, sim_time at)
{
    if (a->speedup == 1 || a->speedup <= 0)
        return at;
    return (sim_time)nearbyint((double)at / a->speedup);
}

/*
 * On a bad trace line, the problem records the trace's path as its file
 * (copied: the workload may be gone before it is printed), so that it
 * prints as `trace.csv:12: error: ...`.
 */
int workload_next_arrival(struct workload *w, struct rng_stream *arrivals,
                          sim_time *gap_ps, struct request *out,
                          struct diag *dg)
{
    if (w->trace) {
        sim_time at, t;
        int rc = trace_next(w->trace, &at, out, dg);

        if (rc < 0 && dg && dg->count > 0)
            snprintf(dg->e[dg->count - 1].file, sizeof(dg->e[0].file), "%s",
                     trace_path(w->trace));
        if (rc <= 0)
            return rc;
        t = scaled(&w->arrival, at);
        *gap_ps = t - w->arrival.trace_last_ps;
        w->arrival.trace_last_ps = t;
        return 1;
    }
    *gap_ps = arrival_next_gap(&w->arrival, arrivals);
    return 1;
}

bool workload_is_trace(const struct workload *w)
{
    return w->trace != NULL;
}

size_t workload_draw(const struct workload *w, struct rng_stream *st,
                     struct op *out, size_t max)
{
    assert(!w->trace);
    return request_template_draw(&w->request, st, out, max, NULL);
}

int workload_next(struct workload *w, struct rng_stream *arrivals,
                  struct rng_stream *service, sim_time *gap_ps,
                  struct request *out, struct diag *dg)
{
    int rc = workload_next_arrival(w, arrivals, gap_ps, out, dg);

    if (rc == 1 && !w->trace)
        out->nops = workload_draw(w, service, out->ops, WORKLOAD_MAX_OPS);
    return rc;
}

double workload_mean_rate(const struct workload *w)
{
    return arrival_mean_rate(&w->arrival);
}

void workload_release(struct workload *w)
{
    trace_close(w->trace);
    arrival_release(&w->arrival);
    request_template_release(&w->request);
    memset(w, 0, sizeof(*w));
}
