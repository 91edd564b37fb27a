/*
 * cmd_run.c - `virtsim run`: load a scenario, run every cell, print the
 * table and write results.json and results.csv atomically into the output
 * directory. Interrupted (SIGINT/SIGTERM), it writes what completed,
 * marked partial, and exits 130.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "cli/interrupt.h"
#include "cli/opt.h"
#include "cli/run_dist.h"
#include "run/pool.h"
#include "measure/params_file.h"
#include "run/runner.h"
#include "run/scenario.h"
#include "base/strbuf.h"
#include "base/version.h"
#include "reports/atomic.h"
#include "reports/outset.h"
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
    struct run_dist dist;
};

static const char *const run_options[] = {
    "-o", "--output", "--seed", "--jobs", "--format", "--no-charts",
    "--chart-format", "--progress", "--quiet", "--help", "--params",
    RUN_DIST_OPTIONS,
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
            if (opt_parse_seed("--seed", v, &o->seed, dg) < 0)
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
        switch (run_dist_option(argc, argv, &i, &o->dist, dg)) {
        case 1:
            continue;
        case -1:
            return -1;
        }
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
    return run_dist_check(&o->dist, &o->out_dir, dg);
}

/*
 * The charts and index.html (the page alone with --no-charts). A chart
 * gnuplot fails on is reported and makes the run fail (status 1), but the
 * results files are already written by then.
 */
static int write_report(const struct results *res, const struct outset *os,
                        const struct run_opts *o)
{
    struct chart_opts co = {.format = o->chart_format, .quiet = o->quiet};
    struct strbuf shown = STRBUF_INIT;
    struct diag dg;
    int rc;

    co.note_dir = strbuf_path(&shown, os->shown, "charts");
    diag_init(&dg, "virtsim run");
    if (o->no_charts)
        rc = html_write(res, os->work, NULL, &dg);
    else
        rc = html_report_write(res, os->work, &co, &dg);
    strbuf_release(&shown);
    if (rc < 0) {
        outset_name_target(os, &dg);
        diag_print(&dg, stderr);
        return 1;
    }
    return 0;
}

/*
 * The files of the run go into a temporary directory beside dir and
 * replace the previous set as a whole (reports/outset.h). A results
 * file that cannot be written leaves the previous set as it was; a chart
 * gnuplot could not draw (its image left out, never cut) fails the run
 * with status 1 after the new set is in place.
 */
static int write_outputs(const struct results *res, const char *dir,
                         const struct report_format_ops *const *fmts,
                         int nfmts, const struct run_opts *o)
{
    struct outset os = {0};
    struct diag dg;
    int i, rc, quiet = o->quiet;

    diag_init(&dg, "virtsim run");
    for (i = 0; i < nfmts; i++) {
        const struct report_format_ops *f = fmts[i];

        if (!f->file_name) {
            if (!quiet && report_format_print(f, res, stdout, "stdout", &dg) < 0)
                goto fail;
            continue;
        }
        if (!os.work && outset_begin(&os, dir, &dg) < 0)
            goto fail;
        if (report_format_write_dir(f, res, os.work, &dg) < 0)
            goto fail;
    }
    if (!os.work && outset_begin(&os, dir, &dg) < 0)
        goto fail;
    /* A chart not drawn fails the run, but the results still replace. */
    rc = write_report(res, &os, o);
    if (outset_commit(&os, &dg) < 0)
        goto fail;
    if (!quiet && rc == 0)
        printf("\nresults in %s/ (open %s/index.html)\n", dir, dir);
    return rc;
fail:
    outset_name_target(&os, &dg);
    outset_abort(&os);
    diag_print(&dg, stderr);
    return 1;
}

static void partial_dir(struct strbuf *dir)
{
    struct strbuf probe = STRBUF_INIT;

    strbuf_path(&probe, dir->buf, "results.json");
    if (access(probe.buf, F_OK) == 0) {
        while (dir->len > 1 && dir->buf[dir->len - 1] == '/')
            dir->buf[--dir->len] = '\0';
        strbuf_addstr(dir, ".partial");
        fprintf(stderr, "virtsim run: the previous results are kept; the "
                "partial ones go to %s/\n", dir->buf);
    }
    strbuf_release(&probe);
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
    int journal_done = 0;
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
    if (o.dist.list) {
        shard_list(&sc, &o.dist.shard, stdout);
        scenario_release(&sc);
        return 0;
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
    if (run_dist_start(&o.dist, &sc, dir.buf, &ro, o.quiet, &dg) < 0) {
        diag_print(&dg, stderr);
        rc = 2;
        goto out;
    }
    st = runner_run(&sc, &ro, &res, stop, &dg);
    journal_done = st == RUN_INPUT_ERROR;
    if (st == RUN_INPUT_ERROR || st == RUN_FAILED) {
        diag_print(&dg, stderr);
        rc = command_exit_status(st);
        goto out;
    }
    if (st == RUN_STOPPED)
        fprintf(stderr, "virtsim run: interrupted: writing the %zu completed "
                "cell%s, marked partial\n", res.ncells,
                res.ncells == 1 ? "" : "s");
    if (st == RUN_STOPPED && !o.dist.shard.n)
        partial_dir(&dir);
    if (!pool_is_leader())
        rc = command_exit_status(st);
    else if (o.dist.shard.n)
        rc = run_dist_write_shard(&o.dist, &sc, &res, dir.buf, o.quiet);
    else if (write_outputs(&res, dir.buf, fmts, nfmts, &o) != 0)
        rc = 1;
    else
        rc = command_exit_status(st);
    if (rc == 0 && st == RUN_STOPPED)
        rc = command_exit_status(st);
    if (st == RUN_STOPPED && !o.quiet)
        run_dist_print_resume(&o.dist, o.file, dir.buf);
    journal_done = st == RUN_OK && rc == 0;
out:
    /* The journal goes once the run is complete or failed on input. */
    if (run_dist_release(&o.dist, journal_done) != 0 && rc == 0)
        rc = 1;
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
             "                   [--shard K/N] [--list] [--resume DIR] [--mpi]\n"
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
             "status is 130. As each cell completes it is appended to\n"
             "DIR/cells.journal (DIR/shard-K-of-N.journal), which a finished\n"
             "run removes, so that --resume DIR loses at most the cells that were\n"
             "running.\n"
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
             "  --shard K/N          run shard K of N (tasks K-1, K-1+N, ...) and\n"
             "                       write DIR/shard-K-of-N.json for virtsim merge\n"
             "  --list               print the tasks (of the shard) and exit:\n"
             "                       index, instance, generation, sweep point\n"
             "  --resume DIR         continue an interrupted run in DIR: the cells\n"
             "                       its journal holds are not run again\n"
             "  --mpi                spread the cells over MPI ranks (virtsim-mpi\n"
             "                       under mpirun; built by make mpi)\n"
             "  --help               show this help\n",
    .run = run_run,
};
