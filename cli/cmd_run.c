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

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/datadir.h"
#include "cli/interrupt.h"
#include "cli/opt.h"
#include "cli/run_dist.h"
#include "cli/run_notes.h"
#include "measure/params_file.h"
#include "run/pool.h"
#include "run/runner.h"
#include "run/scenario.h"
#include "base/strbuf.h"
#include "base/version.h"
#include "reports/atomic.h"
#include "reports/chart.h"
#include "reports/format.h"
#include "reports/hgrm.h"
#include "reports/html.h"
#include "reports/outset.h"

struct run_opts {
    const char *file;
    const char *out_dir;
    const char *format;     /* what goes to stdout: table, json or csv */
    int seed_set;
    uint64_t seed;
    uint64_t jobs;
    enum progress_mode progress;
    int quiet;
    int no_charts;
    enum chart_format chart_format;
    struct cli_params params;
    const char *params_file;    /* --params FILE: parameter overrides */
    struct run_dist dist;
};

enum {
    K_SEED = OPT_LONG_ONLY, K_FORMAT, K_JSON, K_CSV, K_NO_CHARTS,
    K_CHART_FORMAT, K_PROGRESS, K_PARAM, K_PARAMS, K_SHARD, K_LIST,
    K_RESUME, K_MPI,
};

static const struct opt_def run_defs[] = {
    {"output", 'o', OPT_VALUE},
    {"jobs", 'j', OPT_VALUE},
    {"quiet", 'q', OPT_FLAG},
    {"seed", K_SEED, OPT_VALUE},
    {"format", K_FORMAT, OPT_VALUE},
    {"json", K_JSON, OPT_FLAG},
    {"csv", K_CSV, OPT_FLAG},
    {"param", K_PARAM, OPT_VALUE},
    {"no-charts", K_NO_CHARTS, OPT_FLAG},
    {"chart-format", K_CHART_FORMAT, OPT_VALUE},
    {"progress", K_PROGRESS, OPT_VALUE},
    {"params", K_PARAMS, OPT_VALUE},
    {"shard", K_SHARD, OPT_VALUE},
    {"list", K_LIST, OPT_FLAG},
    {"resume", K_RESUME, OPT_VALUE},
    {"mpi", K_MPI, OPT_FLAG},
};
#define N_RUN_DEFS (sizeof(run_defs) / sizeof(run_defs[0]))

static int parse_option(int k, const char *v, struct run_opts *o,
                        struct diag *dg)
{
    switch (k) {
    case 'o':
        o->out_dir = v;
        return 0;
    case 'j':
        return cli_parse_jobs(v, &o->jobs, dg);
    case 'q':
        o->quiet = 1;
        return 0;
    case K_SEED:
        o->seed_set = 1;
        return opt_parse_seed("--seed", v, &o->seed, dg);
    case K_FORMAT:
        return cli_parse_run_format(v, &o->format, dg);
    case K_JSON:
        o->format = "json";
        return 0;
    case K_CSV:
        o->format = "csv";
        return 0;
    case K_PARAM:
        return cli_params_add(&o->params, v, dg);
    case K_NO_CHARTS:
        o->no_charts = 1;
        return 0;
    case K_CHART_FORMAT:
        return chart_parse_format(v, &o->chart_format, dg);
    case K_PROGRESS:
        return runner_parse_progress(v, &o->progress, dg);
    case K_PARAMS:
        o->params_file = v;
        return 0;
    case K_SHARD:
        return shard_parse(v, &o->dist.shard, dg);
    case K_LIST:
        o->dist.list = 1;
        return 0;
    case K_RESUME:
        o->dist.resume_dir = v;
        return 0;
    case K_MPI:
        o->dist.mpi = 1;
        return 0;
    }
    return 0;
}

static int parse_args(int argc, char **argv, struct run_opts *o,
                      struct diag *dg)
{
    struct opt_parser p;
    const char *v;
    int k;

    opt_parser_init(&p, argc, argv, run_defs, N_RUN_DEFS);
    while ((k = opt_next(&p, &v, dg)) != OPT_END) {
        if (k == OPT_ERROR)
            return -1;
        if (k != OPT_ARG) {
            if (parse_option(k, v, o, dg) < 0)
                return -1;
        } else if (o->file) {
            return diag_set(dg, 0, 0, "one scenario at a time; got '%s' and "
                            "'%s'", o->file, v);
        } else {
            o->file = v;
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

/* The document on stdout: the table, results.json's or results.csv's. */
static int print_document(const struct results *res, const char *format)
{
    const struct report_format_ops *f = report_format_find(format, NULL);
    struct diag dg;

    diag_init(&dg, "virtsim run");
    if (f && report_format_print(f, res, stdout, "stdout", &dg) < 0) {
        diag_print(&dg, stderr);
        return 1;
    }
    return 0;
}

/*
 * results.json, results.csv, the latency histograms, the charts and
 * index.html, then the document on stdout; with `-o -` the document only.
 * Every message goes to stderr, so stdout holds the document and nothing
 * else. The files go into a temporary directory beside dir and replace
 * the previous set as a whole (reports/outset.h): a results file that
 * cannot be written leaves the previous set as it was; a chart gnuplot
 * could not draw (its image left out, never cut) fails the run with
 * status 1 after the new set is in place.
 */
static int write_outputs(const struct results *res, const char *dir,
                         const struct run_opts *o)
{
    const struct report_format_ops *files[] = {&csv_format, &json_format};
    struct outset os = {0};
    struct diag dg;
    char *hgrm_dir;
    size_t i;
    int rc;

    if (strcmp(dir, "-") == 0)
        return print_document(res, o->format);
    diag_init(&dg, "virtsim run");
    if (outset_begin(&os, dir, &dg) < 0)
        goto fail;
    for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
        if (report_format_write_dir(files[i], res, os.work, &dg) < 0)
            goto fail;
    hgrm_dir = xstrfmt("%s/hgrm", os.work);
    rc = hgrm_write_dir(res, hgrm_dir, &dg);
    free(hgrm_dir);
    if (rc < 0)
        goto fail;
    /* A chart not drawn fails the run, but the results still replace. */
    rc = write_report(res, &os, o);
    if (outset_commit(&os, &dg) < 0)
        goto fail;
    if (rc != 0)
        return 1;
    if (!(o->quiet && strcmp(o->format, "table") == 0) &&
        print_document(res, o->format) != 0)
        return 1;
    if (!o->quiet) {
        fputc('\n', stderr);
        run_notes_print(res, stderr);
        fprintf(stderr, "results in %s/ (open %s/index.html)\n", dir, dir);
    }
    return 0;
fail:
    outset_name_target(&os, &dg);
    outset_abort(&os);
    diag_print(&dg, stderr);
    return 1;
}

/* An interrupted re-run keeps complete results: the partial set goes to DIR.partial. */
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
    struct run_opts o = {.jobs = 1, .progress = PROGRESS_AUTO};
    struct runner_opts ro = {0};
    struct scenario sc;
    struct results res;
    volatile sig_atomic_t *stop;
    struct strbuf dir = STRBUF_INIT, file = STRBUF_INIT;
    enum run_status st;
    int journal_done = 0;
    struct diag dg;
    int rc;

    if (opt_wants_help(argc, argv, run_defs, N_RUN_DEFS)) {
        command_print_usage(&run_command, stdout);
        return 0;
    }
    diag_init(&dg, "virtsim run");
    if (parse_args(argc, argv, &o, &dg) < 0) {
        cli_params_release(&o.params);
        return opt_fail(&dg, "run");
    }
    if (!o.format)
        o.format = o.out_dir && strcmp(o.out_dir, "-") == 0 ? "json" : "table";
    datadir_find_scenario(o.file, &file);
    diag_init(&dg, file.buf);
    if (scenario_load(file.buf, &sc, &dg) < 0) {
        diag_print(&dg, stderr);
        cli_params_release(&o.params);
        strbuf_release(&file);
        return 2;
    }
    diag_init(&dg, o.params_file);
    if (o.params_file && params_file_apply(&sc, o.params_file, &dg) < 0) {
        diag_print(&dg, stderr);
        rc = 2;
        scenario_release(&sc);
        goto out_opts;
    }
    if (o.seed_set) {
        sc.seed = o.seed;
        json_object_set_new(sc.effective, "seed", json_integer((json_int_t)o.seed));
    }
    diag_init(&dg, "virtsim run");
    if (cli_params_apply(&o.params, &sc.params, sc.effective, &dg) < 0) {
        rc = opt_fail(&dg, "run");
        scenario_release(&sc);
        goto out_opts;
    }
    if (o.dist.list) {
        shard_list(&sc, &o.dist.shard, stdout);
        scenario_release(&sc);
        rc = 0;
        goto out_opts;
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
    diag_init(&dg, file.buf);
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
    if (st == RUN_STOPPED && !o.dist.shard.n && strcmp(dir.buf, "-") != 0)
        partial_dir(&dir);
    if (!pool_is_leader())
        rc = command_exit_status(st);
    else if (o.dist.shard.n)
        rc = run_dist_write_shard(&o.dist, &sc, &res, dir.buf, o.quiet);
    else if (write_outputs(&res, dir.buf, &o) != 0)
        rc = 1;
    else
        rc = command_exit_status(st);
    if (rc == 0 && st == RUN_STOPPED)
        rc = command_exit_status(st);
    if (st == RUN_STOPPED && !o.quiet)
        run_dist_print_resume(&o.dist, file.buf, dir.buf);
    journal_done = st == RUN_OK && rc == 0;
out:
    /* The journal goes once the run is complete or failed on input. */
    if (run_dist_release(&o.dist, journal_done) != 0 && rc == 0)
        rc = 1;
    results_release(&res);
    scenario_release(&sc);
    strbuf_release(&dir);
out_opts:
    cli_params_release(&o.params);
    strbuf_release(&file);
    return rc;
}

const struct command run_command = {
    .name = "run",
    .summary = "run a scenario: table, results.json and results.csv",
    .usage = "usage: virtsim run SCENARIO [-o DIR|-] [--seed N] [-j N]\n"
             "                   [--format table|json|csv] [--json] [--csv]\n"
             "                   [--param NAME=VALUE]... [--no-charts]\n"
             "                   [--chart-format png|svg]\n"
             "                   [--progress auto|always|never] [-q]\n"
             "                   [--params FILE] [--shard K/N] [--list]\n"
             "                   [--resume DIR] [--mpi]\n"
             "\n"
             "Runs every cell of the scenario (instances x generations x sweep\n"
             "points), each for its replications, and prints a table of the key\n"
             "metrics. Writes DIR/results.json and DIR/results.csv atomically,\n"
             "then the charts (DIR/charts/: data, gnuplot scripts, images) and\n"
             "DIR/index.html (DIR defaults to results/NAME/), and each cell's latency\n"
             "distribution in HdrHistogram's .hgrm form under DIR/hgrm/ (to plot\n"
             "and compare with wrk2). Without gnuplot the\n"
             "data and scripts are still written. The same scenario and seed give a\n"
             "byte-identical results.json whatever --jobs is. On SIGINT/SIGTERM\n"
             "the completed cells are written, marked \"partial\", and the exit\n"
             "status is 130 (an existing complete results.json is kept: the partial\n"
             "set goes to DIR.partial/). As each cell completes it is appended to\n"
             "DIR/cells.journal (DIR/shard-K-of-N.journal), which a finished\n"
             "run removes, so that --resume DIR loses at most the cells that were\n"
             "running.\n"
             "\n"
             "SCENARIO is a file, or the name of a shipped scenario (quickstart,\n"
             "evolution, ...: ./scenarios/NAME.json, else the installed\n"
             "share/virtsim/scenarios/NAME.json). stdout holds the document\n"
             "--format names and nothing else; progress, notes and errors go to\n"
             "stderr, so 'virtsim run X --json | jq .' works.\n"
             "\n"
             "options:\n"
             "  -o, --output DIR     where to write the results; '-' writes no\n"
             "                       files, only the document on stdout (JSON\n"
             "                       unless --format says otherwise)\n"
             "  --seed N             override the scenario's seed\n"
             "  -j, --jobs N         worker processes (default 1)\n"
             "  --format FMT         the document on stdout: table (default),\n"
             "                       json (results.json) or csv (results.csv)\n"
             "  --json, --csv        the same as --format json, --format csv\n"
             "  --param NAME=VALUE   override a model parameter (virtsim modes\n"
             "                       --params), repeatable; a sweep of the same\n"
             "                       parameter wins over it\n"
             "  --params FILE        model parameter values to run with (a\n"
             "                       params file, as 'calibrate' writes)\n"
             "  --no-charts          write index.html without charts\n"
             "  --chart-format FMT   png (default) or svg\n"
             "  --progress MODE      progress on stderr: auto (when a terminal),\n"
             "                       always or never\n"
             "  -q, --quiet          no table, no progress\n"
             "  --shard K/N          run shard K of N (tasks K-1, K-1+N, ...) and\n"
             "                       write DIR/shard-K-of-N.json for virtsim merge\n"
             "  --list               print the tasks (of the shard) and exit:\n"
             "                       index, instance, generation, sweep point\n"
             "  --resume DIR         continue an interrupted run in DIR: the cells\n"
             "                       its journal holds are not run again\n"
             "  --mpi                spread the cells over MPI ranks (virtsim-mpi\n"
             "                       under mpirun; built by make mpi)\n"
             "  -h, --help           show this help\n",
    .run = run_run,
};
