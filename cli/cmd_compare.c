/*
 * cmd_compare.c - `virtsim compare RESULTS.json MEASURED.csv`: the user's
 * measurements beside a run's simulated cells (measure/compare.c): a table
 * of differences against the simulated confidence intervals, and
 * compare.json, compare.csv, charts and index.html in the report folder.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/opt.h"
#include "measure/compare.h"
#include "measure/compare_report.h"
#include "measure/measured.h"
#include "reports/chart.h"
#include "reports/json_in.h"
#include "base/diag.h"
#include "base/xalloc.h"

struct compare_args {
    const char *results;
    const char *measured;
    const char *dir;            /* -o DIR; NULL: the results file's dir */
    bool no_report;
    struct chart_opts opts;
};

static const char *const compare_options[] = {
    "-o", "--output", "--chart-format", "--no-report", "--quiet", "--help",
};

static int parse_args(int argc, char **argv, struct compare_args *a,
                      struct diag *dg)
{
    int i;

    for (i = 1; i < argc; i++) {
        const char *v = NULL;

        if (argv[i][0] != '-' || strcmp(argv[i], "-") == 0) {
            if (!a->results)
                a->results = argv[i];
            else if (!a->measured)
                a->measured = argv[i];
            else
                diag_set(dg, 0, 0, "unexpected argument '%s' (a results "
                         "file and a measurements file)", argv[i]);
        } else if (strcmp(argv[i], "--quiet") == 0) {
            a->opts.quiet = true;
        } else if (strcmp(argv[i], "--no-report") == 0) {
            a->no_report = true;
        } else if (opt_match(argc, argv, &i, "-o", &v, dg) <= 0 ||
                   opt_match(argc, argv, &i, "--output", &v, dg) <= 0) {
            if (v && v[0] == '\0')
                diag_set(dg, 0, 0, "-o needs a directory");
            else if (v)
                a->dir = v;
        } else if (opt_match(argc, argv, &i, "--chart-format", &v,
                             dg) <= 0) {
            if (v)
                chart_parse_format(v, &a->opts.format, dg);
        } else {
            opt_unknown(argv[i], compare_options,
                        (int)(sizeof(compare_options) /
                              sizeof(compare_options[0])), dg);
        }
    }
    if (!dg->count && !a->results)
        diag_set(dg, 0, 0, "missing the results file (e.g. "
                 "results/quickstart/results.json)");
    else if (!dg->count && !a->measured)
        diag_set(dg, 0, 0, "missing the measurements file (MEASURED.csv)");
    return dg->count ? -1 : 0;
}

static int compare_run(int argc, char **argv)
{
    struct compare_args a;
    struct measured_set m;
    struct results r;
    struct compare cmp;
    struct diag dg;
    char *dir;
    int i, rc = 0;

    for (i = 1; i < argc; i++) {
        if (opt_is_help(argv[i])) {
            command_print_usage(&compare_command, stdout);
            return 0;
        }
    }
    memset(&a, 0, sizeof(a));
    diag_init(&dg, "virtsim compare");
    if (parse_args(argc, argv, &a, &dg) < 0)
        return opt_fail(&dg, "compare");

    diag_init(&dg, a.results);
    if (json_in_read_file(&r, a.results, &dg) < 0) {
        diag_print(&dg, stderr);
        return 2;
    }
    diag_init(&dg, a.measured);
    if (measured_read_file(&m, a.measured, &dg) < 0) {
        diag_print(&dg, stderr);
        results_release(&r);
        return 2;
    }
    if (compare_build(&cmp, &r, &m, &dg) < 0) {
        diag_print(&dg, stderr);
        rc = 2;
        goto out_release;
    }
    if (!a.opts.quiet)
        compare_print_table(&cmp, stdout);
    if (!a.no_report) {
        dir = a.dir ? xstrdup(a.dir) : opt_dir_of(a.results);
        diag_init(&dg, "virtsim compare");
        if (compare_report_write(&cmp, dir, a.results, a.measured, &a.opts,
                                 &dg) < 0) {
            diag_print(&dg, stderr);
            rc = 1;
        } else if (!a.opts.quiet) {
            printf("wrote %s/compare.json, compare.csv and index.html (its "
                   "Measurements section)\n", dir);
        }
        free(dir);
    }
    compare_release(&cmp);
out_release:
    measured_release(&m);
    results_release(&r);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("virtsim compare: error: writing stdout");
        rc = 1;
    }
    return rc;
}

const struct command compare_command = {
    .name = "compare",
    .summary = "set measured figures beside a run's simulated cells",
    .usage =
        "usage: virtsim compare RESULTS.json MEASURED.csv [-o DIR]\n"
        "                       [--chart-format png|svg] [--no-report]\n"
        "                       [--quiet]\n"
        "\n"
        "Matches each row of MEASURED.csv to one simulated cell of\n"
        "RESULTS.json and prints, figure by figure, the measured value, the\n"
        "simulated mean and its 95% confidence interval, the difference in\n"
        "percent and whether the measurement lies within the interval.\n"
        "\n"
        "MEASURED.csv: a header line, then one row per measured cell; '#'\n"
        "lines are comments. Columns: instance (required), generation (a\n"
        "generation name, or 'actual' or empty: the one the instance runs\n"
        "under), rate_rps (the offered rate, to pick a swept cell), and any\n"
        "of throughput_rps, p50_us, p99_us, p999_us, cpu_pct (vCPUs busy)\n"
        "and steal_pct. An empty field is not measured.\n"
        "\n"
        "Writes, into DIR: compare.json, compare.csv, the run's charts and\n"
        "the comparison's (charts/compare_latency: measured percentiles on\n"
        "the simulated spectrum; compare_sweep_p99, compare_sweep_throughput:\n"
        "measured points on the sweep curves) and index.html with a\n"
        "Measurements section.\n"
        "\n"
        "options:\n"
        "  -o, --output DIR       where to write (default: the directory of\n"
        "                         RESULTS.json)\n"
        "  --chart-format F       png (default) or svg\n"
        "  --no-report            print the table only, write nothing\n"
        "  --quiet                print nothing on success\n"
        "  -h, --help             show this help\n"
        "\n"
        "exit status: 0 success, 1 a file could not be written or gnuplot\n"
        "failed, 2 bad options, an unreadable file, or a measured row that\n"
        "matches no simulated cell (nothing is written then).\n",
    .run = compare_run,
};
