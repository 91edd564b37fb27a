/*
 * arrival.h - when requests arrive: open processes (poisson, constant,
 * bursty), a closed loop of clients with think times, or a trace file.
 *
 * How a runner uses it (see workload_next):
 *   open      one gap per arrival; the request is scheduled at the
 *             previous arrival + gap, whatever the system is doing;
 *   closed    `clients` clients; each, after its request completes, draws
 *             a gap (its think time) and issues its next request at
 *             completion + gap; a client's first request comes one think
 *             time after the start;
 *   trace     gaps come from the trace's timestamps.
 * Latency is measured from the request's intended arrival time computed
 * this way, never from when the system got around to it, so a stalled
 * system cannot hide its queueing (no coordinated omission).
 *
 * An arrival owns its think-time distribution and trace file name; free
 * it with arrival_release. It also holds the state of a run (the bursty
 * process's current phase, the constant process's rounding carry):
 * arrival_reset returns it to the start for a new replication.
 */
#ifndef VIRTSIM_ARRIVAL_H
#define VIRTSIM_ARRIVAL_H

#include <stdbool.h>

#include "sim/rng.h"
#include "sim/time.h"
#include "workloads/dist.h"

enum arrival_kind {
    ARRIVAL_POISSON,            /* exponential gaps at rate_rps */
    ARRIVAL_CONSTANT,           /* gaps of exactly 1/rate_rps */
    ARRIVAL_BURSTY,             /* two-state MMPP (on/off when off rate 0) */
    ARRIVAL_CLOSED,             /* `clients` clients with think times */
    ARRIVAL_TRACE,              /* timestamps from a trace file */
    ARRIVAL_KIND_COUNT
};

struct arrival {
    enum arrival_kind kind;

    /* Open processes: the mean rate, requests per second (> 0). */
    double rate_rps;

    /*
     * Bursty: a Markov-modulated Poisson process with two states. It stays
     * in "on" for exponential periods of mean on_s and in "off" for mean
     * off_s, arriving at on_rate_rps and off_rate_rps; off_rate_rps = 0
     * gives an on/off (interrupted Poisson) process. on_rate_rps is
     * derived so that the long-run mean rate is rate_rps.
     */
    double on_s, off_s;
    double off_rate_rps;        /* < rate_rps */
    double on_rate_rps;         /* derived */

    /* Closed: number of clients and their think time in seconds. */
    unsigned clients;
    struct dist think_s;        /* owned */

    /*
     * Trace: the file (resolved path, owned), format name, and a factor
     * dividing every timestamp (2 replays twice as fast).
     */
    char *trace_file;
    char trace_format[8];       /* "csv" or "jsonl" */
    double speedup;

    /* State of a run. */
    bool started;
    bool on;                    /* bursty: in the on state */
    double left_s;              /* bursty: time left in the current state */
    double carry_ps;            /* constant: rounding carried to next gap */
    sim_time trace_last_ps;     /* trace: the previous arrival, scaled */
};

/*
 * Constructors. Parameters are validated by callers that read them from
 * users (asserted here): rates > 0, on_s and off_s > 0,
 * 0 <= off_rate_rps < rate_rps, clients >= 1, speedup > 0.
 */
struct arrival arrival_poisson(double rate_rps);
struct arrival arrival_constant(double rate_rps);
struct arrival arrival_bursty(double rate_rps, double on_s, double off_s,
                              double off_rate_rps);

/* A closed loop; takes ownership of `think_s`. */
struct arrival arrival_closed(unsigned clients, struct dist think_s);

/* A trace replay; copies `file`. `format` is "csv" or "jsonl". */
struct arrival arrival_trace(const char *file, const char *format,
                             double speedup);

/*
 * The next gap in picoseconds, drawn from st: for open processes the time
 * from the previous arrival (from 0 for the first), for closed loops a
 * think time. Not for traces (asserted): their gaps come from the file.
 */
sim_time arrival_next_gap(struct arrival *a, struct rng_stream *st);

/*
 * True for a closed loop whose clients, more than the `admitted` a guest
 * lets in at once, have no think time: a rejected client retries at the
 * same instant, forever, and simulated time cannot move on.
 */
bool arrival_spins(const struct arrival *a, double admitted);

/* Long-run mean rate in requests per second; 0 for closed and trace. */
double arrival_mean_rate(const struct arrival *a);

/* True for the open processes (poisson, constant, bursty). */
bool arrival_is_open(const struct arrival *a);

/* Returns the run state to the start (for the next replication). */
void arrival_reset(struct arrival *a);

/* Frees what a owns; a is left zeroed. */
void arrival_release(struct arrival *a);

/* The user-facing names of the kinds, indexed by kind (for did-you-mean). */
extern const char *const arrival_kind_names[ARRIVAL_KIND_COUNT];

/* The user-facing name of a kind ("poisson"). */
const char *arrival_kind_name(enum arrival_kind k);

/* The kind called `name`, or -1. */
int arrival_kind_from_name(const char *name);

#endif
