/*
 * cmd_select.c - `virtsim select WORKLOAD.json --slo ...`: options, the
 * workload file (a workload object, or a scenario's "workload"), the
 * selection, then the table on stdout and select.json / select.csv
 * written atomically into the output directory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/interrupt.h"
#include "cli/opt.h"
#include "cli/run_dist.h"
#include "cli/select_robust.h"
#include "cli/workload_file.h"
#include "measure/params_file.h"
#include "run/pool.h"
#include "select/select.h"
#include "select/select_files.h"
#include "select/select_table.h"
#include "base/strbuf.h"
#include "base/version.h"
#include "reports/chart.h"
#include "reports/html.h"
#include "reports/outset.h"

struct select_opts {
    const char *file;
    const char *slo;
    const char *out_dir;
    const char *format;     /* what goes to stdout: table, json or csv */
    int warmup_set;
    int quiet;
    struct cli_params params;
    const char *params_file;    /* --params FILE: parameter values */
    const char *robust;         /* --robust LIST: parameters to vary */
    int mpi;
};

enum {
    K_SLO = OPT_LONG_ONLY, K_FAMILIES, K_INSTANCES, K_MAX_USD_HOUR,
    K_GENERATION, K_DURATION, K_WARMUP, K_REPLICATIONS, K_LOAD_FACTOR,
    K_HEADROOM, K_HEADROOM_STEPS, K_SUSTAINED, K_NO_PRUNE, K_SEED,
    K_PROGRESS, K_FORMAT, K_JSON, K_CSV, K_PARAM, K_PARAMS, K_ROBUST, K_MPI,
};

static const struct opt_def select_defs[] = {
    {"slo", K_SLO, OPT_VALUE},
    {"families", K_FAMILIES, OPT_VALUE},
    {"instances", K_INSTANCES, OPT_VALUE},
    {"max-usd-hour", K_MAX_USD_HOUR, OPT_VALUE},
    {"generation", K_GENERATION, OPT_VALUE},
    {"duration-s", K_DURATION, OPT_VALUE},
    {"warmup-s", K_WARMUP, OPT_VALUE},
    {"replications", K_REPLICATIONS, OPT_VALUE},
    {"jobs", 'j', OPT_VALUE},
    {"load-factor", K_LOAD_FACTOR, OPT_VALUE},
    {"headroom", K_HEADROOM, OPT_FLAG},
    {"headroom-steps", K_HEADROOM_STEPS, OPT_VALUE},
    {"sustained", K_SUSTAINED, OPT_FLAG},
    {"no-prune", K_NO_PRUNE, OPT_FLAG},
    {"output", 'o', OPT_VALUE},
    {"seed", K_SEED, OPT_VALUE},
    {"progress", K_PROGRESS, OPT_VALUE},
    {"quiet", 'q', OPT_FLAG},
    {"format", K_FORMAT, OPT_VALUE},
    {"json", K_JSON, OPT_FLAG},
    {"csv", K_CSV, OPT_FLAG},
    {"param", K_PARAM, OPT_VALUE},
    {"params", K_PARAMS, OPT_VALUE},
    {"robust", K_ROBUST, OPT_VALUE},
    {"mpi", K_MPI, OPT_FLAG},
};
#define N_SELECT_DEFS (sizeof(select_defs) / sizeof(select_defs[0]))

static int number_in(const char *name, const char *v, double lo, double hi,
                     double *out, struct diag *dg)
{
    if (opt_parse_double(name, v, out, dg) < 0)
        return -1;
    if (!(*out > lo && *out <= hi))
        return diag_set(dg, 0, 0, "%s must be in (%g, %g], got %s", name, lo,
                        hi, v);
    return 0;
}

static int count_in(const char *name, const char *v, uint64_t lo, uint64_t hi,
                    const char *why, unsigned *out, struct diag *dg)
{
    uint64_t n;

    if (opt_parse_u64(name, v, &n, dg) < 0)
        return -1;
    if (n < lo || n > hi)
        return diag_set(dg, 0, 0, "%s must be in [%llu, %llu]%s, got %s",
                        name, (unsigned long long)lo, (unsigned long long)hi,
                        why, v);
    *out = (unsigned)n;
    return 0;
}

static int parse_option(int k, const char *v, struct select_opts *o,
                        struct select_config *c, struct diag *dg)
{
    static const char *const docs[] = {"table", "json", "csv"};
    uint64_t jobs;

    switch (k) {
    case K_SLO:
        o->slo = v;
        return 0;
    case 'o':
        o->out_dir = v;
        return 0;
    case K_FAMILIES:
        c->families = v;
        return 0;
    case K_INSTANCES:
        c->instances = v;
        return 0;
    case K_MAX_USD_HOUR:
        return number_in("--max-usd-hour", v, 0, 1e6, &c->max_usd_hour, dg);
    case K_DURATION:
        return number_in("--duration-s", v, 0, 1e6, &c->duration_s, dg);
    case K_WARMUP:
        o->warmup_set = 1;
        if (opt_parse_double("--warmup-s", v, &c->warmup_s, dg) < 0)
            return -1;
        if (!(c->warmup_s >= 0 && c->warmup_s <= 1e6))
            return diag_set(dg, 0, 0, "--warmup-s must be in [0, 1e+06], "
                            "got %s", v);
        return 0;
    case K_LOAD_FACTOR:
        return number_in("--load-factor", v, 0, 1e4, &c->load_factor, dg);
    case K_REPLICATIONS:
        return count_in("--replications", v, 2, 1000, " (a verdict needs a "
                        "confidence interval)", &c->replications, dg);
    case 'j':
        if (cli_parse_jobs(v, &jobs, dg) < 0)
            return -1;
        c->jobs = (unsigned)jobs;
        return 0;
    case K_HEADROOM_STEPS:
        return count_in("--headroom-steps", v, 1, 30, "",
                        &c->headroom_steps, dg);
    case K_SEED:
        return opt_parse_seed("--seed", v, &c->seed, dg);
    case K_PROGRESS:
        return runner_parse_progress(v, &c->progress, dg);
    case K_GENERATION:
        c->gen = generation_find(v, dg);
        return c->gen ? 0 : -1;
    case K_HEADROOM:
        c->headroom = true;
        return 0;
    case K_SUSTAINED:
        c->sustained = true;
        return 0;
    case K_NO_PRUNE:
        c->no_prune = true;
        return 0;
    case 'q':
        o->quiet = 1;
        return 0;
    case K_FORMAT:
        return cli_parse_format(v, docs, 3, &o->format, dg);
    case K_JSON:
        o->format = "json";
        return 0;
    case K_CSV:
        o->format = "csv";
        return 0;
    case K_PARAM:
        return cli_params_add(&o->params, v, dg);
    case K_PARAMS:
        o->params_file = v;
        return 0;
    case K_ROBUST:
        o->robust = v;
        return 0;
    case K_MPI:
        o->mpi = 1;
        return 0;
    }
    return 0;
}

static int parse_args(int argc, char **argv, struct select_opts *o,
                      struct select_config *c, struct diag *dg)
{
    struct opt_parser p;
    const char *v;
    int k;

    opt_parser_init(&p, argc, argv, select_defs, N_SELECT_DEFS);
    while ((k = opt_next(&p, &v, dg)) != OPT_END) {
        if (k == OPT_ERROR)
            return -1;
        if (k != OPT_ARG) {
            if (parse_option(k, v, o, c, dg) < 0)
                return -1;
        } else if (o->file) {
            return diag_set(dg, 0, 0, "one workload at a time; got '%s' and "
                            "'%s'", o->file, v);
        } else {
            o->file = v;
        }
    }
    if (!o->file)
        return diag_set(dg, 0, 0, "no workload file given");
    if (!o->slo)
        return diag_set(dg, 0, 0, "--slo is required, e.g. --slo "
                        "'p99<200us,rps>=20000'");
    if (select_slo_parse(o->slo, &c->slo, dg) < 0)
        return -1;
    if (cli_params_apply(&o->params, &c->params, NULL, dg) < 0)
        return -1;
    if (!o->warmup_set)
        c->warmup_s = c->duration_s * 0.1;
    if (!o->format)
        o->format = o->out_dir && !strcmp(o->out_dir, "-") ? "json" : "table";
    return 0;
}

/* NAME from the file's base name, up to its first dot. */
static void run_name(const char *file, struct strbuf *sb)
{
    const char *base = strrchr(file, '/');

    base = base ? base + 1 : file;
    strbuf_add(sb, base, strcspn(base, "."));
    if (!sb->len)
        strbuf_addstr(sb, "workload");
}

/*
 * The charts and index.html of the simulated candidates, as `virtsim run`
 * draws them: the cost chart is cost per million requests against p99,
 * with the Pareto front and the p99 target.
 */
static int write_charts(const struct select_report *rep, const char *name,
                        const struct outset *os, int quiet)
{
    struct chart_opts co = {.format = CHART_PNG, .quiet = quiet};
    struct strbuf note = STRBUF_INIT;
    json_t *scenario = json_object(), *slo = json_object();
    struct results res;
    struct diag dg;
    size_t i;
    int rc = 0;

    for (i = 0; i < rep->terms.n; i++) {
        const struct select_term *t = &rep->terms.t[i];
        static const char *const keys[SM_COUNT] = {
            [SM_P50] = "p50_us", [SM_P90] = "p90_us", [SM_P99] = "p99_us",
            [SM_P999] = "p999_us", [SM_RPS] = "min_rps",
        };

        if (keys[t->metric])
            json_object_set_new(slo, keys[t->metric], json_real(t->value));
    }
    json_object_set_new(scenario, "name", json_string(name));
    json_object_set_new(scenario, "workload", json_incref(rep->workload));
    json_object_set_new(scenario, "slo", slo);
    results_init(&res, name, scenario);
    snprintf(res.version, sizeof(res.version), "%s", VIRTSIM_VERSION);
    for (i = 0; i < rep->ncandidates; i++)
        if (rep->c[i].simulated)
            results_add(&res, &rep->c[i].cell);
    diag_init(&dg, "virtsim select");
    co.note_dir = strbuf_path(&note, os->shown, "charts");
    if (res.ncells > 0 && html_report_write(&res, os->work, &co, &dg) < 0) {
        outset_name_target(os, &dg);
        diag_print(&dg, stderr);
        rc = -1;
    }
    strbuf_release(&note);
    results_release(&res);
    json_decref(scenario);
    return rc;
}

/* The document --format names on stdout: the table, or select.json's or
 * select.csv's. Returns 0, or 1 when stdout could not be written. */
static int print_document(const struct select_report *rep,
                          const struct select_opts *o)
{
    if (!strcmp(o->format, "table")) {
        if (!o->quiet)
            select_table_print(rep, o->file, stdout);
    } else if (select_files_print(rep, o->file, !strcmp(o->format, "json"),
                                  stdout) < 0) {
        fprintf(stderr, "virtsim select: error: cannot write to stdout\n");
        return 1;
    }
    if (fflush(stdout) != 0) {
        fprintf(stderr, "virtsim select: error: cannot write to stdout\n");
        return 1;
    }
    return 0;
}

/*
 * The files, charts and page into `to`, as one set swapped in whole
 * (reports/outset.h), as run's; then the document on stdout; with `-o -`
 * the document alone. Returns the exit status.
 */
static int write_outputs(const struct select_report *rep,
                         const struct select_opts *o, const char *to)
{
    struct outset os = {0};
    struct diag dg;
    int rc = 0;

    if (!strcmp(to, "-"))
        return print_document(rep, o);
    diag_init(&dg, "virtsim select");
    if (outset_begin(&os, to, &dg) < 0 ||
        select_files_write(rep, o->file, os.work, &dg) < 0) {
        outset_name_target(&os, &dg);
        outset_abort(&os);
        diag_print(&dg, stderr);
        return 1;
    }
    if (write_charts(rep, "select", &os, o->quiet) < 0)
        rc = 1;
    if (outset_commit(&os, &dg) < 0) {
        diag_print(&dg, stderr);
        return 1;
    }
    if (rc != 0)
        return rc;
    if (print_document(rep, o) != 0)
        return 1;
    if (!o->quiet)
        fprintf(stderr, "\nresults in %s/\n", to);
    return 0;
}

static int run_select(int argc, char **argv)
{
    struct select_opts o = {0};
    struct select_config cfg;
    struct select_report rep;
    volatile sig_atomic_t *stop;
    struct strbuf dir = STRBUF_INIT, out = STRBUF_INIT, name = STRBUF_INIT;
    enum run_status st;
    struct diag dg;
    const char *to;
    json_t *doc, *workload;
    struct sens_param robust[SELECT_ROBUST_MAX];
    size_t nrobust = 0;
    int rc, is_scenario;

    if (opt_wants_help(argc, argv, select_defs, N_SELECT_DEFS)) {
        command_print_usage(&select_command, stdout);
        return 0;
    }
    select_config_init(&cfg);
    diag_init(&dg, "virtsim select");
    rc = parse_args(argc, argv, &o, &cfg, &dg);
    cli_params_release(&o.params);
    if (rc < 0 || run_dist_check_mpi(o.mpi, "select", &dg) < 0)
        return opt_fail(&dg, "select");
    diag_init(&dg, o.params_file);
    if (o.params_file &&
        params_file_read(o.params_file, &cfg.params, NULL, &dg) < 0) {
        diag_print(&dg, stderr);
        return 2;
    }
    if (o.robust && param_list_parse(o.robust, NULL, robust, SELECT_ROBUST_MAX,
                                     &nrobust, &dg) < 0)
        return opt_fail(&dg, "select");
    workload_file_dir(o.file, &dir);
    diag_init(&dg, o.file);
    if (workload_file_load(o.file, dir.buf, &doc, &workload, &is_scenario,
                      &dg) < 0) {
        diag_print(&dg, stderr);
        strbuf_release(&dir);
        return 2;
    }
    if (is_scenario && !o.quiet)
        fprintf(stderr, "virtsim select: note: using the \"workload\" of "
                "scenario %s; its other keys (instances, params, sweep, slo, "
                "...) are not used\n", o.file);
    run_name(o.file, &name);
    strbuf_addf(&out, "results/select/%s", name.buf);
    to = o.out_dir ? o.out_dir : out.buf;
    cfg.workload = workload;
    cfg.base_dir = dir.buf;
    cfg.name = name.buf;
    if (o.quiet)
        cfg.progress = PROGRESS_NEVER;

    stop = interrupt_flag_install();

    diag_init(&dg, "virtsim select");
    st = select_run(&cfg, &rep, stop, &dg);
    rc = command_exit_status(st);
    if (st == RUN_STOPPED) {
        fprintf(stderr, "virtsim select: interrupted; nothing written\n");
    } else if (st != RUN_OK) {
        diag_print(&dg, stderr);
    } else if (pool_is_leader()) {
        rc = write_outputs(&rep, &o, to);
        if (o.robust && rc == 0) {
            diag_init(&dg, "virtsim select");
            st = select_robust(&cfg, &rep, robust, nrobust, stop,
                               strcmp(o.format, "table") ? stderr : stdout,
                               &dg);
            if (st != RUN_OK) {
                diag_print(&dg, stderr);
                rc = command_exit_status(st);
            }
        }
    }
    select_report_release(&rep);
    json_decref(doc);
    strbuf_release(&dir);
    strbuf_release(&out);
    strbuf_release(&name);
    return rc;
}

const struct command select_command = {
    .name = "select",
    .summary = "cheapest instances that meet an SLO for a workload, and why "
               "others fail",
    .usage =
        "usage: virtsim select WORKLOAD.json --slo TERMS [--families LIST]\n"
        "                      [--instances LIST] [--max-usd-hour X]\n"
        "                      [--generation G] [--duration-s S] "
        "[--warmup-s S]\n"
        "                      [--replications R] [--jobs N] "
        "[--load-factor F]\n"
        "                      [--headroom] [--headroom-steps N] "
        "[--sustained]\n"
        "                      [--no-prune] [-o DIR|-] [--seed N]\n"
        "                      [--format table|json|csv] [--json] [--csv]\n"
        "                      [--param NAME=VALUE]...\n"
        "                      [--progress auto|always|never] [-q]\n"
        "                      [--params FILE] [--robust P1,P2=LO:HI,...]\n"
        "                      [--mpi]\n"
        "\n"
        "Finds which catalog instances meet a service-level objective for a\n"
        "workload, ranks those that do by cost per hour (and per million\n"
        "requests), and says why the others do not: the resource that\n"
        "saturated (vCPUs, the dom0 backend, a network or EBS allowance, CPU\n"
        "credits...) and the terms missed. WORKLOAD.json holds a workload\n"
        "object (a generator, an arrival process and a request, or a trace),\n"
        "or a whole scenario, of which only \"workload\" is used.\n"
        "\n"
        "Candidates whose capacity (vCPU cycles, backend CPU, bandwidth,\n"
        "packets, EBS) cannot carry the rate needed, even at their peak and\n"
        "with a 1.25x margin, are pruned without simulating. The others run\n"
        "as a scenario would, each under its own generation or --generation,\n"
        "and each SLO term is judged against its 95% confidence interval:\n"
        "\"meets\", \"fails\", or \"too close\" to call at this run length.\n"
        "An open workload must also be kept up with: throughput at least 95%\n"
        "of its offered rate. Writes DIR/select.json and DIR/select.csv\n"
        "atomically (DIR defaults to results/select/NAME/), and the charts\n"
        "and index.html of the simulated candidates, among them cost per\n"
        "million requests against p99 with the Pareto front.\n"
        "\n"
        "SLO terms, comma-separated (< and <= mean the same):\n"
        "  p50, p90, p99, p99.9 < TIME   with a unit: us, ms or s\n"
        "  rps >= N                      throughput, requests/s (k, M)\n"
        "  cpu <= F                      vCPU utilization: 0.7 or 70%\n"
        "  drops <= F                    dropped fraction: 0.001 or 0.1%\n"
        "\n"
        "options:\n"
        "  --slo TERMS          the objective (required)\n"
        "  --families LIST      only these families: c5n,m5,t3\n"
        "  --instances LIST     only these instances: m5.large,c5.xlarge\n"
        "  --max-usd-hour X     only instances costing at most X per hour\n"
        "  --generation G       run every candidate under generation G\n"
        "  --duration-s S       measured seconds per run (default 1)\n"
        "  --warmup-s S         warm-up before it (default a tenth of it)\n"
        "  --replications R     runs per candidate, 2 to 1000 (default 3)\n"
        "  -j, --jobs N         worker processes (default 1)\n"
        "  --mpi                spread the runs over MPI ranks (virtsim-mpi\n"
        "                       under mpirun; built by make mpi)\n"
        "  --load-factor F      scale the workload's arrival rate by F\n"
        "  --headroom           find each passing candidate's highest rate\n"
        "                       within the SLO, by bisection on the rate\n"
        "  --headroom-steps N   simulations per candidate for it (default 8)\n"
        "  --sustained          judge at sustained rates: no network or EBS\n"
        "                       bursts, no initial CPU credits\n"
        "  --no-prune           simulate every candidate\n"
        "  -o, --output DIR     where to write select.json, select.csv, the charts;\n"
        "                       '-' writes no files, only the document on stdout\n"
        "  --format FMT         the document on stdout: table (default), json\n"
        "                       (select.json) or csv (select.csv); messages go\n"
        "                       to stderr\n"
        "  --json, --csv        the same as --format json, --format csv\n"
        "  --param NAME=VALUE   override a model parameter, repeatable\n"
        "  --params FILE        model parameter values to judge with (a\n"
        "                       params file, as 'calibrate' writes)\n"
        "  --robust LIST        run the selection again with each parameter\n"
        "                       at both ends of its range (NAME=LO:HI for a\n"
        "                       narrower one) and print which verdicts hold\n"
        "                       (even with --quiet)\n"
        "  --seed N             random seed (default 1)\n"
        "  --progress MODE      progress on stderr: auto, always or never\n"
        "  -q, --quiet          no table, no progress\n"
        "  -h, --help           show this help\n",
    .run = run_select,
};
