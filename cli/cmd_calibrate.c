/*
 * cmd_calibrate.c - `virtsim calibrate SCENARIO MEASURED.csv --fit P,...`:
 * fits the named model parameters to the measurements (measure/
 * calibrate.c), prints the fitted values with 95% intervals and the
 * residuals before and after, and writes a params file that `run` and
 * `select` take with --params.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/interrupt.h"
#include "cli/opt.h"
#include "measure/calibrate.h"
#include "measure/measured.h"
#include "measure/params_file.h"
#include "reports/atomic.h"
#include "run/scenario.h"
#include "base/strbuf.h"

struct calib_opts {
    const char *file;
    const char *measured;
    const char *fit;
    const char *output;
    uint64_t jobs;
    uint64_t max_iter;
    bool quiet;
};

static const char *const calib_options[] = {
    "--fit", "-o", "--output", "--jobs", "--max-iter", "--quiet", "--help",
};

static int parse_args(int argc, char **argv, struct calib_opts *o,
                      struct diag *dg)
{
    int i;

    for (i = 1; i < argc; i++) {
        const char *v = NULL;

        if (opt_match(argc, argv, &i, "--fit", &o->fit, dg) == 0 ||
            opt_match(argc, argv, &i, "-o", &o->output, dg) == 0 ||
            opt_match(argc, argv, &i, "--output", &o->output, dg) == 0)
            continue;
        if (opt_match(argc, argv, &i, "--jobs", &v, dg) == 0) {
            if (opt_parse_u64_in("--jobs", v, 1, 256, &o->jobs, dg) < 0)
                return -1;
            continue;
        }
        if (opt_match(argc, argv, &i, "--max-iter", &v, dg) == 0) {
            if (opt_parse_u64_in("--max-iter", v, 1, 1000, &o->max_iter,
                                 dg) < 0)
                return -1;
            continue;
        }
        if (dg->count)
            return -1;
        if (!strcmp(argv[i], "--quiet"))
            o->quiet = true;
        else if (argv[i][0] == '-' && argv[i][1])
            return opt_unknown(argv[i], calib_options,
                               (int)(sizeof(calib_options) /
                                     sizeof(calib_options[0])), dg);
        else if (!o->file)
            o->file = argv[i];
        else if (!o->measured)
            o->measured = argv[i];
        else
            return diag_set(dg, 0, 0, "unexpected argument '%s' (a scenario "
                            "and a measurements file)", argv[i]);
    }
    if (!o->file)
        return diag_set(dg, 0, 0, "no scenario file given");
    if (!o->measured)
        return diag_set(dg, 0, 0, "missing the measurements file "
                        "(MEASURED.csv)");
    if (!o->fit)
        return diag_set(dg, 0, 0, "--fit is required: the parameters to fit "
                        "(see 'virtsim modes --params')");
    return 0;
}

static int calib_run(int argc, char **argv)
{
    struct calib_opts o = {.jobs = 1};
    struct runner_opts ro = {0};
    struct calibration c;
    struct measured_set m;
    struct scenario sc;
    struct strbuf out = STRBUF_INIT;
    enum run_status st;
    struct diag dg;
    json_t *doc;
    int i, rc = 0;

    for (i = 1; i < argc; i++) {
        if (opt_is_help(argv[i])) {
            command_print_usage(&calibrate_command, stdout);
            return 0;
        }
    }
    memset(&c, 0, sizeof(c));
    diag_init(&dg, "virtsim calibrate");
    if (parse_args(argc, argv, &o, &dg) < 0)
        return opt_fail(&dg, "calibrate");
    diag_init(&dg, o.file);
    if (scenario_load(o.file, &sc, &dg) < 0) {
        diag_print(&dg, stderr);
        return 2;
    }
    diag_init(&dg, "virtsim calibrate");
    if (param_list_parse(o.fit, &sc, c.p, CALIB_MAX_PARAMS, &c.np, &dg) < 0) {
        scenario_release(&sc);
        return opt_fail(&dg, "calibrate");
    }
    diag_init(&dg, o.measured);
    if (measured_read_file(&m, o.measured, &dg) < 0) {
        diag_print(&dg, stderr);
        scenario_release(&sc);
        return 2;
    }
    c.max_iter = (unsigned)o.max_iter;
    ro.jobs = (unsigned)o.jobs;
    ro.progress = PROGRESS_NEVER;
    st = calibrate_run(&c, &sc, &m, &ro, interrupt_flag_install(), &dg);
    if (st != RUN_OK) {
        if (st == RUN_STOPPED)
            fprintf(stderr, "virtsim calibrate: interrupted; nothing "
                    "written\n");
        else
            diag_print(&dg, stderr);
        rc = command_exit_status(st);
        goto out;
    }
    if (!o.quiet)
        calibration_print(&c, stdout);
    if (o.output)
        strbuf_addstr(&out, o.output);
    else
        strbuf_addf(&out, "results/%s/calibrated-params.json", sc.name);
    doc = calibration_to_json(&c, o.measured);
    diag_init(&dg, "virtsim calibrate");
    if (!o.output) {
        struct strbuf dir = STRBUF_INIT;

        strbuf_addf(&dir, "results/%s", sc.name);
        if (atomic_mkdir_p(dir.buf, &dg) < 0)
            rc = 1;
        strbuf_release(&dir);
    }
    if (rc == 0 && params_file_write(out.buf, json_object_get(doc, "params"),
                                     doc, &dg) < 0)
        rc = 1;
    if (rc) {
        diag_print(&dg, stderr);
    } else if (!o.quiet) {
        printf("wrote %s (use it with 'virtsim run %s --params %s')\n",
               out.buf, o.file, out.buf);
    }
    json_decref(doc);
out:
    calibration_release(&c);
    measured_release(&m);
    scenario_release(&sc);
    strbuf_release(&out);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("virtsim calibrate: error: writing stdout");
        rc = 1;
    }
    return rc;
}

const struct command calibrate_command = {
    .name = "calibrate",
    .summary = "fit model parameters to measurements; write a params file",
    .usage =
        "usage: virtsim calibrate SCENARIO.json MEASURED.csv --fit P1,P2,...\n"
        "                         [-o FILE] [--jobs N] [--max-iter N]\n"
        "                         [--quiet]\n"
        "\n"
        "Fits the named model parameters so that the scenario's simulated\n"
        "cells match MEASURED.csv (the format of 'virtsim compare'): a\n"
        "nonlinear least-squares fit (GSL multifit_nlinear, trust region)\n"
        "of the relative differences between every measured figure and its\n"
        "simulated cell, re-running the scenario with the same seed at each\n"
        "step. Each parameter stays inside its documented range, or LO:HI\n"
        "given as NAME=LO:HI. Prints each fitted value with its 95%\n"
        "confidence interval (from the Jacobian and the residual variance;\n"
        "n/a with as many figures as parameters) and the residuals before\n"
        "and after, and writes a params file for 'run' and 'select'\n"
        "(--params FILE).\n"
        "\n"
        "options:\n"
        "  --fit LIST             the parameters to fit (required), at most 8\n"
        "  -o, --output FILE      the params file (default\n"
        "                         results/NAME/calibrated-params.json)\n"
        "  --jobs N               worker processes per simulation (default 1)\n"
        "  --max-iter N           iterations at most, 1 to 1000 (default 30)\n"
        "  --quiet                print nothing on success\n"
        "  -h, --help             show this help\n"
        "\n"
        "exit status: 0 success, 1 the file could not be written, 2 bad\n"
        "options, scenario or measurements (nothing is written), 130\n"
        "interrupted.\n",
    .run = calib_run,
};
