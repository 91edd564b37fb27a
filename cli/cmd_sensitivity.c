/*
 * cmd_sensitivity.c - `virtsim sensitivity SCENARIO --params P1,P2,...`:
 * each parameter at both ends of its documented range (measure/
 * sensitivity.c), the effect on every cell's p99 and throughput, whether
 * SLO verdicts flip, and tornado charts in the report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/interrupt.h"
#include "cli/opt.h"
#include "measure/sensitivity.h"
#include "measure/sensitivity_report.h"
#include "run/scenario.h"
#include "base/strbuf.h"
#include "base/version.h"
#include "base/xalloc.h"

struct sens_opts {
    const char *file;
    const char *params;
    const char *out_dir;
    uint64_t jobs;
    bool no_report;
    struct chart_opts chart;
};

static const char *const sens_options[] = {
    "--params", "-o", "--output", "--jobs", "--chart-format", "--no-report",
    "--quiet", "--help",
};

static int parse_args(int argc, char **argv, struct sens_opts *o,
                      struct diag *dg)
{
    int i;

    for (i = 1; i < argc; i++) {
        const char *v = NULL;

        if (opt_match(argc, argv, &i, "--params", &o->params, dg) == 0 ||
            opt_match(argc, argv, &i, "-o", &o->out_dir, dg) == 0 ||
            opt_match(argc, argv, &i, "--output", &o->out_dir, dg) == 0)
            continue;
        if (opt_match(argc, argv, &i, "--jobs", &v, dg) == 0) {
            if (opt_parse_u64_in("--jobs", v, 1, 256, &o->jobs, dg) < 0)
                return -1;
            continue;
        }
        if (opt_match(argc, argv, &i, "--chart-format", &v, dg) == 0) {
            if (chart_parse_format(v, &o->chart.format, dg) < 0)
                return -1;
            continue;
        }
        if (dg->count)
            return -1;
        if (!strcmp(argv[i], "--quiet")) {
            o->chart.quiet = true;
        } else if (!strcmp(argv[i], "--no-report")) {
            o->no_report = true;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return opt_unknown(argv[i], sens_options,
                               (int)(sizeof(sens_options) /
                                     sizeof(sens_options[0])), dg);
        } else if (o->file) {
            return diag_set(dg, 0, 0, "one scenario at a time; got '%s' and "
                            "'%s'", o->file, argv[i]);
        } else {
            o->file = argv[i];
        }
    }
    if (!o->file)
        return diag_set(dg, 0, 0, "no scenario file given");
    if (!o->params)
        return diag_set(dg, 0, 0, "--params is required: the parameters to "
                        "vary (see 'virtsim modes --params')");
    return 0;
}

static int sens_run(int argc, char **argv)
{
    struct sens_opts o = {.jobs = 1};
    struct runner_opts ro = {0};
    struct sensitivity *s;
    struct scenario sc;
    struct strbuf dir = STRBUF_INIT;
    enum run_status st;
    struct diag dg;
    int i, rc = 0;

    for (i = 1; i < argc; i++) {
        if (opt_is_help(argv[i])) {
            command_print_usage(&sensitivity_command, stdout);
            return 0;
        }
    }
    diag_init(&dg, "virtsim sensitivity");
    if (parse_args(argc, argv, &o, &dg) < 0)
        return opt_fail(&dg, "sensitivity");
    diag_init(&dg, o.file);
    if (scenario_load(o.file, &sc, &dg) < 0) {
        diag_print(&dg, stderr);
        return 2;
    }
    s = xcalloc(1, sizeof(*s));
    diag_init(&dg, "virtsim sensitivity");
    if (sensitivity_parse(s, o.params, &sc, &dg) < 0) {
        rc = opt_fail(&dg, "sensitivity");
        goto out;
    }
    ro.jobs = (unsigned)o.jobs;
    ro.progress = o.chart.quiet ? PROGRESS_NEVER : PROGRESS_AUTO;
    diag_init(&dg, o.file);
    st = sensitivity_run(s, &sc, &ro, interrupt_flag_install(), &dg);
    if (st != RUN_OK) {
        if (st == RUN_STOPPED)
            fprintf(stderr, "virtsim sensitivity: interrupted; nothing "
                    "written\n");
        else
            diag_print(&dg, stderr);
        rc = command_exit_status(st);
        goto out;
    }
    snprintf(s->base.version, sizeof(s->base.version), "%s", VIRTSIM_VERSION);
    if (!o.chart.quiet)
        sensitivity_print_table(s, stdout);
    if (!o.no_report) {
        if (o.out_dir)
            strbuf_addstr(&dir, o.out_dir);
        else
            strbuf_addf(&dir, "results/%s/sensitivity", sc.name);
        diag_init(&dg, "virtsim sensitivity");
        if (sensitivity_report_write(s, dir.buf, &o.chart, &dg) < 0) {
            diag_print(&dg, stderr);
            rc = 1;
        } else if (!o.chart.quiet) {
            printf("wrote %s/sensitivity.json and index.html (its "
                   "Sensitivity section)\n", dir.buf);
        }
    }
out:
    sensitivity_release(s);
    free(s);
    scenario_release(&sc);
    strbuf_release(&dir);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("virtsim sensitivity: error: writing stdout");
        rc = 1;
    }
    return rc;
}

const struct command sensitivity_command = {
    .name = "sensitivity",
    .summary = "how p99, throughput and SLO verdicts move with model numbers",
    .usage =
        "usage: virtsim sensitivity SCENARIO.json --params P1,P2=LO:HI,...\n"
        "                           [-o DIR] [--jobs N]\n"
        "                           [--chart-format png|svg] [--no-report]\n"
        "                           [--quiet]\n"
        "\n"
        "Runs the scenario as it is, then once with each named parameter at\n"
        "the low end and once at the high end of its documented range\n"
        "('virtsim modes --params'; NAME=LO:HI narrows it), every other\n"
        "number unchanged and the same random streams. Prints, per cell and\n"
        "parameter, p99 and throughput at each end and whether the SLO\n"
        "verdict flips. Writes into DIR (default results/NAME/sensitivity):\n"
        "sensitivity.json, results.json (the baseline), the baseline's\n"
        "charts, tornado charts of the first cell (charts/tornado_p99,\n"
        "charts/tornado_throughput) and index.html with a Sensitivity\n"
        "section. It runs every cell 1 + 2 x (parameters) times.\n"
        "\n"
        "options:\n"
        "  --params LIST          the parameters to vary (required), at most\n"
        "                         16; NAME=LO:HI for a narrower range\n"
        "  -o, --output DIR       where to write\n"
        "  --jobs N               worker processes (default 1)\n"
        "  --chart-format F       png (default) or svg\n"
        "  --no-report            print the table only, write nothing\n"
        "  --quiet                no table, no progress\n"
        "  -h, --help             show this help\n"
        "\n"
        "exit status: 0 success, 1 a file could not be written or gnuplot\n"
        "failed, 2 bad options, scenario or parameter, 130 interrupted.\n",
    .run = sens_run,
};
