/*
 * workload.c - drawing requests: the next gap from the arrival process
 * (or the trace's timestamps) and the ops from the request template (or
 * the trace's lines); the mean offered rate; copying and releasing a
 * workload.
 */
#include "workloads/workload.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/xalloc.h"
#include "workloads/trace.h"

/* A trace time divided by the replay speed-up, in whole picoseconds. */
static sim_time scaled(const struct arrival *a, sim_time at)
{
    double t;

    if (a->speedup == 1 || a->speedup <= 0)
        return at;
    /* Saturates, as sim_time_from_sec does: never a cast past the range. */
    t = nearbyint((double)at / a->speedup);
    if (!(t < 18446744073709551616.0))
        return SIM_TIME_MAX;
    return (sim_time)t;
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

static struct dist dist_copy(const struct dist *src)
{
    struct dist d = *src;

    if (src->samples) {
        d.samples = xmalloc(src->nsamples * sizeof(*d.samples));
        memcpy(d.samples, src->samples, src->nsamples * sizeof(*d.samples));
    }
    return d;
}

static void template_copy(struct request_template *dst,
                          const struct request_template *src)
{
    size_t i, j;
    int f;

    request_template_init(dst);
    for (i = 0; i < src->nvariants; i++) {
        const struct request_variant *sv = &src->variants[i];
        struct request_variant *v =
            request_template_add(dst, sv->name, sv->weight);

        for (j = 0; j < sv->nops; j++) {
            struct op_template *ot = request_variant_add_op(v, sv->ops[j].kind);

            for (f = 0; f < OP_FIELD_END; f++)
                ot->amount[f] = dist_copy(&sv->ops[j].amount[f]);
        }
    }
    /* As src has it, however its builder summed it. */
    dst->total_weight = src->total_weight;
}

int workload_copy(struct workload *dst, const struct workload *src,
                  struct diag *dg)
{
    memset(dst, 0, sizeof(*dst));
    memcpy(dst->name, src->name, sizeof(dst->name));
    dst->memory = src->memory;
    dst->peer = src->peer;
    dst->arrival = src->arrival;
    dst->arrival.think_s = dist_copy(&src->arrival.think_s);
    if (src->arrival.trace_file)
        dst->arrival.trace_file = xstrdup(src->arrival.trace_file);
    template_copy(&dst->request, &src->request);
    if (src->arrival.kind == ARRIVAL_TRACE) {
        struct diag td;

        diag_init(&td, dst->arrival.trace_file);
        dst->trace = trace_open(dst->arrival.trace_file,
                                dst->arrival.trace_format, &td);
        if (!dst->trace) {
            diag_merge(dg, &td);
            workload_release(dst);
            return -1;
        }
    }
    return 0;
}
