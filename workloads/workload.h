/*
 * workload.h - what flows through the simulator: an arrival process and a
 * request template, drawn request by request from random streams. The
 * runner asks for the next arrival time and the ops of each request; it
 * never looks inside a generator or a trace reader.
 *
 * A request has an arrival time and contents (its ops). workload_next
 * gives both at once; a runner that drops some requests can instead take
 * the arrival with workload_next_arrival and draw the contents only for
 * the requests it admits, with workload_draw on a stream of their own.
 *
 * A workload owns its distributions, template and trace reader; free it
 * with workload_release. Draws take the caller's random streams, so the
 * same streams give the same requests.
 */
#ifndef VIRTSIM_WORKLOAD_H
#define VIRTSIM_WORKLOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "base/op.h"
#include "sim/rng.h"
#include "sim/time.h"
#include "workloads/arrival.h"
#include "workloads/request.h"

struct trace_reader;

/*
 * The memory a workload touches: a working set of working_set_gib, of
 * which each request touches pages_per_request pages at random. 0: not
 * stated (it fits).
 */
struct workload_memory {
    double working_set_gib;
    double pages_per_request;
};

/*
 * A peer across the network that answers each request: rtt_us after the
 * request's last op the peer's reply of reply_bytes reaches the guest,
 * which receives it; the request ends when it is received (an order and
 * its acknowledgement). present: 0 without a peer.
 */
struct workload_peer {
    int present;
    double rtt_us;
    double reply_bytes;
};

struct workload {
    char name[48];              /* generator name, "custom" or "trace" */
    struct workload_memory memory;
    struct workload_peer peer;
    struct arrival arrival;     /* open process, closed loop or trace */
    struct request_template request;    /* unused for traces */
    struct trace_reader *trace; /* owned; NULL unless arrival is a trace */
};

/*
 * Draws the next request into *out and the gap to its arrival after the
 * previous one (open processes and traces) into *gap_ps. For closed
 * workloads the gap is the client's think time. Returns 1 with a request,
 * 0 when a trace has ended, -1 with a diag on a bad trace line.
 * `arrivals` and `service` are the streams for times and for amounts.
 */
int workload_next(struct workload *w, struct rng_stream *arrivals,
                  struct rng_stream *service, sim_time *gap_ps,
                  struct request *out, struct diag *dg);

/*
 * The next arrival alone: the gap to it into *gap_ps, drawn from
 * `arrivals` as workload_next draws it. A trace's request comes with its
 * time, so for a trace *out gets the line's ops; otherwise *out is left
 * alone and the contents are drawn, later or never, with workload_draw.
 * Returns as workload_next.
 */
int workload_next_arrival(struct workload *w, struct rng_stream *arrivals,
                          sim_time *gap_ps, struct request *out,
                          struct diag *dg);

/* True when the contents of requests come from a trace, not from draws. */
bool workload_is_trace(const struct workload *w);

/*
 * Draws the contents of one request into out[0..max), everything from st:
 * the variant of a mix, then the amounts of its ops (see
 * request_template_draw). Returns the number of ops. Not for traces.
 */
size_t workload_draw(const struct workload *w, struct rng_stream *st,
                     struct op *out, size_t max);

/* Mean offered load in requests per second (0 when unknown, e.g. closed). */
double workload_mean_rate(const struct workload *w);

/* Frees everything the workload owns; w is left zeroed. */
void workload_release(struct workload *w);

/*
 * Makes *dst a copy of src that shares nothing with it: distributions,
 * template and trace file name copied deeply, arrival state as in src,
 * and for a trace a reader of its own, opened on the same file and
 * positioned at its first request. So one workload built from JSON can
 * serve as the template of many runs, each drawing from its own copy.
 * Returns 0 with *dst owned by the caller (free it with workload_release),
 * or -1 with the trace's problem in dg and *dst zeroed.
 */
int workload_copy(struct workload *dst, const struct workload *src,
                  struct diag *dg);

#endif
