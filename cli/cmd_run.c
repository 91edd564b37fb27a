/*
 * cmd_run.c - `virtsim run`: load a scenario, run every cell, print the
 * table and write results.json and results.csv atomically into the output
 * directory. Interrupted (SIGINT/SIGTERM), it writes what completed,
 * marked partial, and exits 130.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/interrupt.h"
#include "cli/opt.h"
#include "measure/params_file.h"
#include "run/runner.h"
#include "run/scenario.h"
#include "base/strbuf.h"
#include "base/version.h"
#include "reports/atomic.h"
#include "reports/chart.h"
#include "reports/format.h"
#include "reports/html.h"

#define MAX_FORMATS 8

struct run_opts {
    const char *file;
    const char *out_dir;
    const char *formats;
    const char *params_file;    /* --params FILE: parameter overrides */
    int seed_set;
    uint64_t seed;
    uint64_t jobs;
    enum progress_mode progress;
    int quiet;
    int no_charts;
    enum chart_format chart_format;
};

static const char *const run_options[] = {
    "-o", "--output", "--seed", "--jobs", "--format", "--no-charts",
    "--chart-format", "--progress", "--quiet", "--help", "--params",
};
#define N_RUN_OPTIONS (int)(sizeof(run_options) / sizeof(run_options[0]))

static int parse_args(int argc, char **argv, struct run_opts *o,
                      struct diag *dg)
{
    int i;

    for (i = 1; i < argc; i++) {
        const char *v = NULL;

        if (opt_match(argc, argv, &i, "-o", &o->out_dir, dg) == 0 ||
            opt_match(argc, argv, &i, "--output", &o->out_dir, dg) == 0 ||
            opt_match(argc, argv, &i, "--format", &o->formats, dg) == 0 ||
            opt_match(argc, argv, &i, "--params", &o->params_file, dg) == 0)
            continue;
        if (opt_match(argc, argv, &i, "--seed", &v, dg) == 0) {
            if (opt_parse_u64("--seed", v, &o->seed, dg) < 0)
                return -1;
            o->seed_set = 1;
            continue;
        }
        if (opt_match(argc, argv, &i, "--jobs", &v, dg) == 0) {
            if (opt_parse_u64("--jobs", v, &o->jobs, dg) < 0)
                return -1;
            if (o->jobs < 1 || o->jobs > 256)
                return diag_set(dg, 0, 0, "--jobs must be in [1, 256], got %s",
                                v);
            continue;
        }
        if (opt_match(argc, argv, &i, "--chart-format", &v, dg) == 0) {
            if (chart_parse_format(v, &o->chart_format, dg) < 0)
                return -1;
            continue;
        }
        if (opt_match(argc, argv, &i, "--progress", &v, dg) == 0) {
            if (runner_parse_progress(v, &o->progress, dg) < 0)
                return -1;
            continue;
        }
        if (dg->count)
            return -1;
        if (!strcmp(argv[i], "--quiet")) {
            o->quiet = 1;
        } else if (!strcmp(argv[i], "--no-charts")) {
            o->no_charts = 1;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return opt_unknown(argv[i], run_options, N_RUN_OPTIONS, dg);
        } else if (o->file) {
            return diag_set(dg, 0, 0, "one scenario at a time; got '%s' and "
                            "'%s'", o->file, argv[i]);
        } else {
            o->file = argv[i];
        }
    }
    if (!o->file)
        return diag_set(dg, 0, 0, "no scenario file given");
    return 0;
}

/*
 * The charts and index.html (the page alone with --no-charts). A chart
 * gnuplot fails on is reported and makes the run fail (status 1), but the
 * results files are already written by then.
 */
static int write_report(const struct results *res, const char *dir,
                        const struct run_opts *o)
{
    struct chart_opts co = {.format = o->chart_format, .quiet = o->quiet};
    struct diag dg;
    int rc;

    diag_init(&dg, "virtsim run");
    if (o->no_charts)
        rc = html_write(res, dir, NULL, &dg);
    else
        rc = html_report_write(res, dir, &co, &dg);
    if (rc < 0) {
        diag_print(&dg, stderr);
        return 1;
    }
    return 0;
}

static int write_outputs(const struct results *res, const char *dir,
                         const struct report_format_ops *const *fmts,
                         int nfmts, const struct run_opts *o)
{
    struct diag dg;
    int i, made_dir = 0, quiet = o->quiet;

    diag_init(&dg, "virtsim run");
    for (i = 0; i < nfmts; i++) {
        const struct report_format_ops *f = fmts[i];

        if (!f->file_name) {
            if (!quiet && report_format_print(f, res, stdout, "stdout", &dg) < 0)
                goto fail;
            continue;
        }
        if (!made_dir && atomic_mkdir_p(dir, &dg) < 0)
            goto fail;
        made_dir = 1;
        if (report_format_write_dir(f, res, dir, &dg) < 0)
            goto fail;
    }
    if (!made_dir && atomic_mkdir_p(dir, &dg) < 0)
        goto fail;
    if (write_report(res, dir, o) != 0)
        return 1;
    if (!quiet)
        printf("\nresults in %s/ (open %s/index.html)\n", dir, dir);
    return 0;
fail:
    diag_print(&dg, stderr);
    return 1;
}

static int run_run(int argc, char **argv)
{
    struct run_opts o = {.jobs = 1, .progress = PROGRESS_AUTO,
                         .formats = "table,csv,json"};
    const struct report_format_ops *fmts[MAX_FORMATS];
    struct runner_opts ro = {0};
    struct scenario sc;
    struct results res;
    volatile sig_atomic_t *stop;
    struct strbuf dir = STRBUF_INIT;
    enum run_status st;
    struct diag dg;
    int i, nfmts, rc;

    for (i = 1; i < argc; i++) {
        if (opt_is_help(argv[i])) {
            command_print_usage(&run_command, stdout);
            return 0;
        }
    }
    diag_init(&dg, "virtsim run");
    if (parse_args(argc, argv, &o, &dg) < 0)
        return opt_fail(&dg, "run");
    nfmts = report_format_parse_list(o.formats, fmts, MAX_FORMATS, &dg);
    if (nfmts < 0)
        return opt_fail(&dg, "run");
    diag_init(&dg, o.file);
    if (scenario_load(o.file, &sc, &dg) < 0) {
        diag_print(&dg, stderr);
        return 2;
    }
    diag_init(&dg, o.params_file);
    if (o.params_file && params_file_apply(&sc, o.params_file, &dg) < 0) {
        diag_print(&dg, stderr);
        scenario_release(&sc);
        return 2;
    }
    if (o.seed_set) {
        sc.seed = o.seed;
        json_object_set_new(sc.effective, "seed", json_integer((json_int_t)o.seed));
    }
    if (o.out_dir)
        strbuf_addstr(&dir, o.out_dir);
    else
        strbuf_addf(&dir, "results/%s", sc.name);

    stop = interrupt_flag_install();

    results_init(&res, sc.name, sc.effective);
    snprintf(res.version, sizeof(res.version), "%s", VIRTSIM_VERSION);
    ro.jobs = (unsigned)o.jobs;
    ro.progress = o.quiet ? PROGRESS_NEVER : o.progress;
    diag_init(&dg, o.file);
    st = runner_run(&sc, &ro, &res, stop, &dg);
    if (st == RUN_INPUT_ERROR || st == RUN_FAILED) {
        diag_print(&dg, stderr);
        rc = command_exit_status(st);
        goto out;
    }
    if (st == RUN_STOPPED)
        fprintf(stderr, "virtsim run: interrupted: writing the %zu completed "
                "cell%s, marked partial\n", res.ncells,
                res.ncells == 1 ? "" : "s");
    if (write_outputs(&res, dir.buf, fmts, nfmts, &o) != 0)
        rc = 1;
    else
        rc = command_exit_status(st);
out:
    results_release(&res);
    scenario_release(&sc);
    strbuf_release(&dir);
    return rc;
}

const struct command run_command = {
    .name = "run",
    .summary = "run a scenario: table, results.json and results.csv",
    .usage = "usage: virtsim run SCENARIO.json [-o DIR] [--seed N] [--jobs N]\n"
             "                   [--format table,csv,json] [--no-charts]\n"
             "                   [--chart-format png|svg]\n"
             "                   [--progress auto|always|never] [--quiet]\n"
             "                   [--params FILE]\n"
             "\n"
             "Runs every cell of the scenario (instances x generations x sweep\n"
             "points), each for its replications, and prints a table of the key\n"
             "metrics. Writes DIR/results.json and DIR/results.csv atomically,\n"
             "then the charts (DIR/charts/: data, gnuplot scripts, images) and\n"
             "DIR/index.html (DIR defaults to results/NAME/). Without gnuplot the\n"
             "data and scripts are still written. The same scenario and seed give a\n"
             "byte-identical results.json whatever --jobs is. On SIGINT/SIGTERM\n"
             "the completed cells are written, marked \"partial\", and the exit\n"
             "status is 130.\n"
             "\n"
             "options:\n"
             "  -o, --output DIR     where to write the results\n"
             "  --seed N             override the scenario's seed\n"
             "  --params FILE        model parameter values to run with (a\n"
             "                       params file, as 'calibrate' writes)\n"
             "  --jobs N             worker processes (default 1)\n"
             "  --format LIST        any of table, csv, json (default all)\n"
             "  --no-charts          write index.html without charts\n"
             "  --chart-format FMT   png (default) or svg\n"
             "  --progress MODE      progress on stderr: auto (when a terminal),\n"
             "                       always or never\n"
             "  --quiet              no table, no progress\n"
             "  --help               show this help\n",
    .run = run_run,
};
