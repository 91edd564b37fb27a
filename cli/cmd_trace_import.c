/*
 * cmd_trace_import.c - `virtsim trace import INPUT --from FORMAT -o FILE`:
 * streams a fio iolog, blkparse text or a pcap/pcapng capture through its
 * importer (workloads/import.c) into a trace written atomically, and
 * prints what it held.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/opt.h"
#include "cli/trace_import.h"
#include "reports/atomic.h"
#include "base/diag.h"
#include "workloads/import.h"
#include "workloads/trace.h"

struct import_args {
    const char *input;
    const char *from;           /* NULL: from INPUT's name (.pcap, .pcapng) */
    const char *output;
    const char *format;
    struct import_opts o;
};

static const char *const import_options[] = {
    "--from", "-o", "--rate-rps", "--local", "--format", "--help",
};

static int parse_args(int argc, char **argv, struct import_args *a,
                      struct diag *dg)
{
    int i;

    for (i = 2; i < argc && !dg->count; i++) {
        const char *v = NULL;

        if (opt_match(argc, argv, &i, "--from", &a->from, dg) == 0 ||
            opt_match(argc, argv, &i, "-o", &a->output, dg) == 0 ||
            opt_match(argc, argv, &i, "--local", &a->o.local, dg) == 0 ||
            opt_match(argc, argv, &i, "--format", &a->format, dg) == 0)
            continue;
        if (opt_match(argc, argv, &i, "--rate-rps", &v, dg) == 0) {
            if (opt_parse_double("--rate-rps", v, &a->o.rate_rps, dg) == 0 &&
                !(a->o.rate_rps > 0 && a->o.rate_rps <= 1e9))
                diag_set(dg, 0, 0, "--rate-rps must be in (0, 1e9], got %s",
                         v);
            continue;
        }
        if (dg->count)
            break;
        if (argv[i][0] == '-' && argv[i][1])
            opt_unknown(argv[i], import_options,
                        (int)(sizeof(import_options) /
                              sizeof(import_options[0])), dg);
        else if (a->input)
            diag_set(dg, 0, 0, "one input at a time; got '%s' and '%s'",
                     a->input, argv[i]);
        else
            a->input = argv[i];
    }
    if (!dg->count && !a->input)
        diag_set(dg, 0, 0, "missing the input file");
    if (!dg->count && !a->output)
        diag_set(dg, 0, 0, "missing -o FILE, the trace to write");
    if (!dg->count && !a->from) {
        const char *dot = strrchr(a->input, '.');

        if (dot && (!strcmp(dot, ".pcap") || !strcmp(dot, ".pcapng")))
            a->from = "pcap";
        else
            diag_set(dg, 0, 0, "give the input's format with --from fio, "
                     "blkparse or pcap");
    }
    if (!dg->count && a->format && !trace_format_valid(a->format))
        diag_set(dg, 0, 0, "unknown trace format '%s'; valid: csv, jsonl",
                 a->format);
    return dg->count ? -1 : 0;
}

static void print_summary(const struct import_summary *s, const char *out)
{
    static const enum op_kind kinds[] = {
        OP_NET_RX, OP_NET_TX, OP_DISK_READ, OP_DISK_WRITE,
    };
    size_t i;

    printf("wrote %s: %llu requests over %.6g s", out,
           (unsigned long long)s->records, s->span_s);
    for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
        if (s->ops[kinds[i]])
            printf(", %llu %s (%llu bytes)",
                   (unsigned long long)s->ops[kinds[i]],
                   op_kind_name(kinds[i]),
                   (unsigned long long)s->bytes[kinds[i]]);
    if (s->flows)
        printf(", %llu flows", (unsigned long long)s->flows);
    printf("; %llu records skipped\n", (unsigned long long)s->skipped);
}

int trace_import(int argc, char **argv)
{
    struct import_args a;
    const struct importer_ops *imp;
    struct import_summary sum;
    struct trace_writer w;
    struct atomic_file af;
    struct diag dg;
    FILE *in;
    int rc;

    memset(&a, 0, sizeof(a));
    diag_init(&dg, "virtsim trace import");
    if (parse_args(argc, argv, &a, &dg) < 0)
        return opt_fail(&dg, "trace");
    imp = import_find(a.from, &dg);
    if (!imp)
        return opt_fail(&dg, "trace");
    diag_init(&dg, a.input);
    in = strcmp(a.input, "-") ? fopen(a.input, "rb") : stdin;
    if (!in) {
        fprintf(stderr, "%s: error: cannot open: %s\n", a.input,
                strerror(errno));
        return 2;
    }
    diag_init(&dg, a.output);
    if (atomic_open(&af, a.output, &dg) < 0) {
        diag_print(&dg, stderr);
        rc = 1;
        goto out_close;
    }
    if (trace_writer_init(&w, af.fp, a.format ? a.format :
                          trace_format_guess(a.output)) < 0) {
        fprintf(stderr, "%s: error: cannot write: %s\n", a.output,
                strerror(errno));
        atomic_abort(&af);
        rc = 1;
        goto out_close;
    }
    diag_init(&dg, a.input);
    rc = import_stream(imp, in, &a.o, &w, &sum, &dg);
    if (rc == -2) {
        fprintf(stderr, "%s: error: cannot write: %s\n", a.output,
                strerror(errno));
        atomic_abort(&af);
        rc = 1;
    } else if (rc < 0) {
        diag_print(&dg, stderr);
        atomic_abort(&af);
        rc = 2;
    } else {
        diag_init(&dg, a.output);
        if (atomic_commit(&af, false, &dg) < 0) {
            diag_print(&dg, stderr);
            rc = 1;
        } else {
            print_summary(&sum, a.output);
        }
    }
out_close:
    if (in != stdin)
        fclose(in);
    return rc;
}
