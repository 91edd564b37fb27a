/*
 * cmd_chart.c - `virtsim chart RESULTS.json [-o DIR] [--chart-format F]`:
 * reads a results file back (reports/json_in.c) and redraws its charts and
 * index.html (reports/chart.c), with no simulation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/opt.h"
#include "reports/chart.h"
#include "reports/html.h"
#include "reports/json_in.h"
#include "reports/outset.h"
#include "reports/results.h"
#include "base/diag.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

struct chart_args {
    const char *results;        /* the results.json to read */
    const char *dir;            /* -o DIR; NULL: the results file's dir */
    struct chart_opts opts;
};

enum { K_CHART_FORMAT = OPT_LONG_ONLY };

static const struct opt_def chart_defs[] = {
    {"output", 'o', OPT_VALUE},
    {"chart-format", K_CHART_FORMAT, OPT_VALUE},
    {"quiet", 'q', OPT_FLAG},
};
#define N_CHART_DEFS (sizeof(chart_defs) / sizeof(chart_defs[0]))

static int parse_args(int argc, char **argv, struct chart_args *a,
                      struct diag *dg, int *help)
{
    struct opt_parser p;
    const char *v;
    int k;

    opt_parser_init(&p, argc, argv, chart_defs, N_CHART_DEFS);
    while (!dg->count && (k = opt_next(&p, &v, dg)) != OPT_END) {
        switch (k) {
        case OPT_HELP:
            *help = 1;
            return 0;
        case OPT_ARG:
            if (a->results)
                diag_set(dg, 0, 0, "unexpected argument '%s' (one results "
                         "file at a time)", v);
            else
                a->results = v;
            break;
        case 'q':
            a->opts.quiet = true;
            break;
        case 'o':
            if (v[0] == '\0')
                diag_set(dg, 0, 0, "-o needs a directory");
            else
                a->dir = v;
            break;
        case K_CHART_FORMAT:
            chart_parse_format(v, &a->opts.format, dg);
            break;
        }
    }
    if (!a->results && !dg->count)
        diag_set(dg, 0, 0, "missing the results file (e.g. "
                 "results/quickstart/results.json)");
    return dg->count ? -1 : 0;
}

static int chart_run(int argc, char **argv)
{
    struct chart_args a;
    struct results r;
    struct outset os = {0};
    struct strbuf shown = STRBUF_INIT;
    struct diag dg;
    char *dir;
    int help = 0, rc = 0;

    memset(&a, 0, sizeof(a));
    diag_init(&dg, "virtsim chart");
    if (parse_args(argc, argv, &a, &dg, &help) < 0)
        return opt_fail(&dg, "chart");
    if (help) {
        command_print_usage(&chart_command, stdout);
        return 0;
    }

    diag_init(&dg, a.results);
    if (json_in_read_file(&r, a.results, &dg) < 0) {
        diag_print(&dg, stderr);
        return 2;
    }
    dir = a.dir ? xstrdup(a.dir) : opt_dir_of(a.results);
    diag_init(&dg, "virtsim chart");
    a.opts.note_dir = strbuf_path(&shown, dir, "charts");
    if (outset_begin(&os, dir, &dg) < 0) {
        rc = 1;
    } else {
        /* A chart not drawn fails the command; the page still replaces. */
        if (html_report_write(&r, os.work, &a.opts, &dg) < 0)
            rc = 1;
        outset_name_target(&os, &dg);
        if (outset_commit(&os, &dg) < 0)
            rc = 1;
    }
    strbuf_release(&shown);
    if (rc)
        diag_print(&dg, stderr);
    else if (!a.opts.quiet) {
        printf("wrote %s/index.html and the charts in %s/charts/\n", dir,
               dir);
    }
    free(dir);
    results_release(&r);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("virtsim chart: error: writing stdout");
        rc = 1;
    }
    return rc;
}

const struct command chart_command = {
    .name = "chart",
    .summary = "(re)draw the charts and index.html from a results.json",
    .usage =
        "usage: virtsim chart RESULTS.json [-o DIR] [--chart-format png|svg]\n"
        "                     [--quiet]\n"
        "\n"
        "Reads a results file written by 'virtsim run' and redraws, with no\n"
        "simulation, what the run draws: for each chart with something to\n"
        "show, DIR/charts/NAME.dat (the numbers), NAME.gp (a gnuplot script\n"
        "you can edit and re-run there with 'gnuplot NAME.gp') and the\n"
        "image, then DIR/index.html, a self-contained page with the\n"
        "scenario, the results table, the SLO verdicts and the charts.\n"
        "Charts: throughput, latency percentiles, CPU time by category,\n"
        "p99 and throughput across a sweep, cost against p99 with the\n"
        "Pareto front, and when burstable cells ran out of CPU credits.\n"
        "Without gnuplot on PATH, the data and scripts are still written\n"
        "and a note says so.\n"
        "\n"
        "options:\n"
        "  -o, --output DIR       where to write (default: the directory of\n"
        "                         RESULTS.json)\n"
        "  --chart-format F       png (default, 1000x600) or svg\n"
        "  -q, --quiet            print nothing on success, no gnuplot note\n"
        "  -h, --help             show this help\n"
        "\n"
        "exit status: 0 success, 1 gnuplot failed or a file could not be\n"
        "written, 2 bad options or an unreadable or malformed results file.\n",
    .run = chart_run,
};
