/*
 * cmd_trace.c - `virtsim trace gen` writes a trace from any open
 * workload (a generator, a custom workload, or another trace: a format
 * conversion), so that users can edit and replay it; `virtsim trace
 * check` validates a trace line by line. Writes are atomic: a temp file
 * in the target directory, flushed, closed with its status checked, then
 * renamed over the target.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/commands.h"
#include "cli/opt.h"
#include "base/infile.h"
#include "cli/trace_import.h"
#include "reports/atomic.h"
#include "sim/rng.h"
#include "base/xalloc.h"
#include "workloads/trace.h"
#include "workloads/workload_json.h"

#define DEFAULT_SEED 42
#define MAX_REQUESTS 1000000000ull

struct gen_opts {
    const char *input;          /* WORKLOAD.json */
    const char *output;         /* -o FILE */
    const char *format;         /* NULL: from the output's name */
    uint64_t n;
    uint64_t seed;
    bool have_n;
};

static const char *const gen_options[] = {
    "-n", "-o", "--seed", "--format", "--help",
};

static int parse_gen_args(int argc, char **argv, struct gen_opts *o,
                          struct diag *dg)
{
    int i;

    for (i = 2; i < argc && !dg->count; i++) {
        const char *v = NULL;

        if (opt_match(argc, argv, &i, "-n", &v, dg) == 0) {
            if (opt_parse_u64("-n", v, &o->n, dg) == 0 &&
                (o->n < 1 || o->n > MAX_REQUESTS))
                diag_set(dg, 0, 0, "-n must be between 1 and %llu, got %s",
                         MAX_REQUESTS, v);
            o->have_n = true;
        } else if (opt_match(argc, argv, &i, "-o", &o->output, dg) == 0) {
            if (!o->output[0])
                diag_set(dg, 0, 0, "-o needs a value");
        } else if (opt_match(argc, argv, &i, "--seed", &v, dg) == 0) {
            opt_parse_seed("--seed", v, &o->seed, dg);
        } else if (opt_match(argc, argv, &i, "--format", &o->format,
                             dg) == 0) {
            if (!trace_format_valid(o->format))
                diag_set(dg, 0, 0, "--format must be csv or jsonl, got '%s'",
                         o->format);
        } else if (dg->count) {
            break;              /* an option above lacked its value */
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            opt_unknown(argv[i], gen_options, 5, dg);
        } else if (!o->input) {
            o->input = argv[i];
        } else {
            diag_set(dg, 0, 0, "unexpected argument '%s'", argv[i]);
        }
    }
    if (!dg->count && !o->input)
        diag_set(dg, 0, 0, "missing WORKLOAD.json");
    if (!dg->count && !o->have_n)
        diag_set(dg, 0, 0, "-n is required");
    if (!dg->count && !o->output)
        diag_set(dg, 0, 0, "-o is required");
    return dg->count ? -1 : 0;
}

/* The directory part of path ("" for a bare name), xmalloc'ed. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path) : 0;
    char *d = xmalloc(n + 2);

    if (slash && n == 0)
        n = 1;                  /* "/x": the root */
    memcpy(d, path, n);
    d[n] = '\0';
    return d;
}

/*
 * Loads the workload from a file that is either a workload object or a
 * scenario holding one under "workload". Prints problems; returns 0 or 2.
 */
static int load_workload(const char *file, struct workload *w)
{
    json_error_t err;
    json_t *doc, *obj;
    const char *path = "";
    struct diag dg;
    char *dir, *buf;
    size_t len;
    int rc;

    diag_init(&dg, file);
    buf = infile_read(file, 0, &len, &dg);
    if (!buf) {
        diag_print(&dg, stderr);
        return 2;
    }
    doc = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &err);
    free(buf);
    if (!doc) {
        if (err.line > 0)
            fprintf(stderr, "%s:%d:%d: error: %s\n", file, err.line,
                    err.column, err.text);
        else
            fprintf(stderr, "%s: error: %s\n", file, err.text);
        return 2;
    }
    obj = doc;
    if (json_is_object(doc) && json_object_get(doc, "workload") &&
        !json_object_get(doc, "arrival") && !json_object_get(doc, "generator")) {
        obj = json_object_get(doc, "workload");
        path = "/workload";
    }
    diag_init(&dg, file);
    dir = dir_of(file);
    rc = workload_from_json(obj, path, dir, w, &dg);
    free(dir);
    json_decref(doc);
    if (rc < 0) {
        diag_print(&dg, stderr);
        return 2;
    }
    return 0;
}

static int generate(const struct gen_opts *o, struct workload *w)
{
    struct rng_stream arrivals, service;
    struct trace_writer tw;
    struct atomic_file of;
    struct request *rq = xmalloc(sizeof(*rq));
    const char *format = o->format ? o->format : trace_format_guess(o->output);
    sim_time t = 0, limit = sim_time_from_sec(TRACE_MAX_TIME_S);
    uint64_t i, ops = 0;
    struct diag dg;
    int rc = 1;

    if (rng_stream_init(&arrivals, o->seed, 0, 0, 0) < 0 ||
        rng_stream_init(&service, o->seed, 0, 0, 1) < 0) {
        fprintf(stderr, "virtsim trace gen: error: out of memory\n");
        goto out_free;
    }
    diag_init(&dg, "virtsim trace gen");
    if (atomic_open(&of, o->output, &dg) < 0) {
        diag_print(&dg, stderr);
        goto out_streams;
    }
    if (trace_writer_init(&tw, of.fp, format) < 0)
        goto out_write_error;
    diag_init(&dg, o->input);
    for (i = 0; i < o->n; i++) {
        sim_time gap;
        int got = workload_next(w, &arrivals, &service, &gap, rq, &dg);

        if (got < 0) {
            diag_print(&dg, stderr);
            rc = 2;
            goto out_abort;
        }
        if (got == 0)
            break;
        t = sim_time_add(t, gap);
        if (t > limit) {
            fprintf(stderr, "virtsim trace gen: error: the trace would run "
                    "past %g s; ask for fewer requests\n", TRACE_MAX_TIME_S);
            rc = 2;
            goto out_abort;
        }
        if (trace_write(&tw, t, rq) < 0)
            goto out_write_error;
        ops += rq->nops;
    }
    diag_init(&dg, "virtsim trace gen");
    if (atomic_commit(&of, false, &dg) < 0) {
        diag_print(&dg, stderr);
        goto out_streams;
    }
    printf("wrote %llu requests (%llu ops) spanning %.6g s to %s\n",
           (unsigned long long)i, (unsigned long long)ops, sim_time_to_sec(t),
           o->output);
    rc = 0;
    goto out_streams;

out_write_error:
    fprintf(stderr, "virtsim trace gen: error: cannot write '%s': %s\n",
            o->output, strerror(errno));
out_abort:
    atomic_abort(&of);
out_streams:
    rng_stream_release(&arrivals);
    rng_stream_release(&service);
out_free:
    free(rq);
    return rc;
}

static int trace_gen(int argc, char **argv)
{
    struct gen_opts o = {.seed = DEFAULT_SEED};
    struct workload w;
    struct diag dg;
    int rc;

    diag_init(&dg, "virtsim trace gen");
    if (parse_gen_args(argc, argv, &o, &dg) < 0)
        return opt_fail(&dg, "trace");
    rc = load_workload(o.input, &w);
    if (rc)
        return rc;
    if (w.arrival.kind == ARRIVAL_CLOSED) {
        fprintf(stderr, "%s: error: a closed workload has no arrival times "
                "of its own (they depend on response times); give it an open "
                "arrival process to write a trace\n", o.input);
        workload_release(&w);
        return 2;
    }
    rc = generate(&o, &w);
    workload_release(&w);
    return rc;
}

static int trace_check(int argc, char **argv)
{
    static const char *const known[] = {"--format", "--help"};
    const char *file = NULL, *format = NULL;
    struct trace_summary sum;
    struct diag dg;
    double span;
    int i;

    diag_init(&dg, "virtsim trace check");
    for (i = 2; i < argc && !dg.count; i++) {
        if (opt_match(argc, argv, &i, "--format", &format, &dg) == 0) {
            if (!trace_format_valid(format))
                diag_set(&dg, 0, 0, "--format must be csv or jsonl, got '%s'",
                         format);
        } else if (dg.count) {
            break;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            opt_unknown(argv[i], known, 2, &dg);
        } else if (!file) {
            file = argv[i];
        } else {
            diag_set(&dg, 0, 0, "unexpected argument '%s'", argv[i]);
        }
    }
    if (!dg.count && !file)
        diag_set(&dg, 0, 0, "missing TRACE");
    if (dg.count)
        return opt_fail(&dg, "trace");
    diag_init(&dg, file);
    if (trace_validate(file, format, &sum, &dg) < 0) {
        diag_print(&dg, stderr);
        return 2;
    }
    span = sim_time_to_sec(sum.last_ps - sum.first_ps);
    printf("%s: %llu requests, %llu ops, arrivals from %.6g s to %.6g s",
           file, (unsigned long long)sum.requests,
           (unsigned long long)sum.ops, sim_time_to_sec(sum.first_ps),
           sim_time_to_sec(sum.last_ps));
    if (sum.requests > 1 && span > 0)
        printf(" (mean %.6g requests/s)", (double)(sum.requests - 1) / span);
    printf("\n");
    return 0;
}

static int trace_run(int argc, char **argv)
{
    struct diag dg;
    int i;

    for (i = 1; i < argc; i++) {
        if (opt_is_help(argv[i])) {
            command_print_usage(&trace_command, stdout);
            return 0;
        }
    }
    diag_init(&dg, "virtsim trace");
    if (argc < 2) {
        diag_set(&dg, 0, 0, "missing subcommand: gen, check or import");
        return opt_fail(&dg, "trace");
    }
    if (!strcmp(argv[1], "gen"))
        return trace_gen(argc, argv);
    if (!strcmp(argv[1], "check"))
        return trace_check(argc, argv);
    if (!strcmp(argv[1], "import"))
        return trace_import(argc, argv);
    {
        static const char *const subs[] = {"gen", "check", "import"};
        const char *near = diag_near_miss(argv[1], subs, 3);

        if (near)
            diag_set(&dg, 0, 0, "unknown subcommand '%s' (did you mean "
                     "'%s'?)", argv[1], near);
        else
            diag_set(&dg, 0, 0, "unknown subcommand '%s'; valid: gen, check, "
                     "import",
                     argv[1]);
    }
    return opt_fail(&dg, "trace");
}

const struct command trace_command = {
    .name = "trace",
    .summary = "write a trace from a workload, check one, or import one",
    .usage = "usage: virtsim trace gen WORKLOAD.json -n N -o FILE [--seed S]\n"
             "                         [--format csv|jsonl]\n"
             "       virtsim trace check TRACE [--format csv|jsonl]\n"
             "       virtsim trace import INPUT --from fio|blkparse|pcap -o FILE\n"
             "                            [--rate-rps R] [--local ADDR]\n"
             "                            [--format csv|jsonl]\n"
             "\n"
             "gen draws N requests from the workload in WORKLOAD.json (a\n"
             "workload object, or a scenario with a \"workload\" key) and writes\n"
             "them with their arrival times to FILE, so that they can be edited\n"
             "and replayed with {\"arrival\": {\"process\": \"trace\", \"file\":\n"
             "FILE}}. The workload must have an open arrival process (poisson,\n"
             "constant, bursty) or be a trace itself (a format conversion). FILE\n"
             "is written atomically: a failed run leaves any previous FILE as it\n"
             "was. The format follows FILE's name (.jsonl: JSON Lines, else CSV)\n"
             "unless --format says otherwise. Arrival times use random stream 0\n"
             "and amounts stream 1 of seed S.\n"
             "\n"
             "check reads TRACE line by line in constant memory and reports every\n"
             "bad line as FILE:LINE: error: ..., or prints what it holds.\n"
             "\n"
             "import streams real measurements into a trace, one request per\n"
             "record, times from the first: a fio iolog (version 2 needs\n"
             "--rate-rps R: it has no times; version 3 carries microseconds) or\n"
             "blkparse text (queued reads and writes) as disk_read/disk_write, a\n"
             "pcap or pcapng capture as net_rx/net_tx of each packet's TCP or UDP\n"
             "payload, to or from the guest's address (--local ADDR; default: the\n"
             "first packet's destination). A bad record is reported by its line,\n"
             "or its record number and byte offset, and nothing is written.\n"
             "\n"
             "The formats are described in workloads/traces/README.md.\n"
             "\n"
             "options:\n"
             "  -n N                 requests to write, 1 to 1000000000\n"
             "  -o FILE              the trace to write\n"
             "  --seed S             seed of the random streams (default 42)\n"
             "  --format csv|jsonl   the trace format\n"
             "  --from FORMAT        import: fio, blkparse or pcap (pcap is\n"
             "                       guessed from .pcap and .pcapng names)\n"
             "  --rate-rps R         import of a fio v2 iolog: requests per second\n"
             "  --local ADDR         import of a capture: the guest's IP address\n"
             "  --help               show this help\n",
    .run = trace_run,
};
