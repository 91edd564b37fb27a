/*
 * trace.h - trace files: requests with their arrival times, read as a
 * stream (memory stays constant whatever the length) and written by
 * `virtsim trace gen`. Two formats, documented in workloads/traces/README.md:
 *   csv    a header line naming the columns (units in the names: time_s,
 *          bytes, sleep_us, ...), then one op per line; consecutive lines
 *          with the same `request` id form one request;
 *   jsonl  one request per line: {"time_s": T, "ops": [op, ...]} or a
 *          one-op request {"time_s": T, "op": "net_rx", "bytes": 512}.
 * Timestamps are seconds (or ms, us, ns) from the start of the trace and
 * must not decrease.
 *
 * Problems are recorded in a caller-owned diag with line numbers, and
 * print as `file:line: error: column 'bytes': must be >= 0, got '-5'`
 * when the diag's file is the trace's path. A reader owns its file and
 * buffers: close it with trace_close.
 */
#ifndef VIRTSIM_TRACE_H
#define VIRTSIM_TRACE_H

#include <stdint.h>
#include <stdio.h>

#include "base/diag.h"
#include "sim/time.h"
#include "workloads/request.h"

/* Largest accepted timestamp, in seconds (simulated time ends near 2e7 s). */
#define TRACE_MAX_TIME_S 1e7

/*
 * The format a file name suggests: "jsonl" for names ending in .jsonl,
 * .ndjson or .json, else "csv".
 */
const char *trace_format_guess(const char *path);

/* True when `name` is a trace format ("csv" or "jsonl"). */
int trace_format_valid(const char *name);

/*
 * Opens a trace and reads up to its first request, so that a missing
 * file, a bad header or an empty trace are reported here, before any
 * simulation. `format` is "csv", "jsonl" or NULL to guess from the name.
 * Returns the reader, or NULL with problems in dg.
 */
struct trace_reader *trace_open(const char *path, const char *format,
                                struct diag *dg);

/*
 * Reads the next request: its arrival time in picoseconds from the start
 * of the trace into *at_ps and its ops into *out. Returns 1, 0 at the end
 * of the trace, or -1 with a problem in dg (and every later call returns
 * -1 too).
 */
int trace_next(struct trace_reader *r, sim_time *at_ps, struct request *out,
               struct diag *dg);

/*
 * Starts the trace over from its first request (for the next
 * replication). Returns 0, or -1 with a problem in dg.
 */
int trace_rewind(struct trace_reader *r, struct diag *dg);

/* The path the reader was opened with (borrowed from the reader). */
const char *trace_path(const struct trace_reader *r);

/* Closes the file and frees the reader; NULL is a no-op. */
void trace_close(struct trace_reader *r);

struct trace_summary {
    uint64_t requests;
    uint64_t ops;
    sim_time first_ps, last_ps;         /* first and last arrival times */
};

/*
 * Reads a whole trace in constant memory and checks every line, going on
 * after a bad line so that all problems (up to the diag's cap) are
 * reported. Returns 0 with *sum filled (sum may be NULL), or -1.
 */
int trace_validate(const char *path, const char *format,
                   struct trace_summary *sum, struct diag *dg);

struct trace_writer {
    FILE *fp;                   /* borrowed */
    const struct trace_format_ops *fmt;
    uint64_t requests;          /* written so far; the next request's id */
};

/*
 * Starts writing a trace of `format` ("csv" or "jsonl") to fp, writing
 * the CSV header. Returns 0, or -1 when the write failed (errno set).
 */
int trace_writer_init(struct trace_writer *w, FILE *fp, const char *format);

/*
 * Writes one request arriving at at_ps. Times and sleeps are written
 * exactly to the picosecond in CSV; amounts in the shortest form that
 * reads back to the same double. Returns 0, or -1 on a write error.
 */
int trace_write(struct trace_writer *w, sim_time at_ps,
                const struct request *rq);

#endif
