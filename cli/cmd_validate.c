/*
 * cmd_validate.c - `virtsim validate`: load and check scenario files
 * without running them, printing every problem found.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/strbuf.h"
#include "cli/commands.h"
#include "cli/datadir.h"
#include "cli/opt.h"
#include "cli/workload_file.h"
#include "base/infile.h"
#include "run/runner.h"
#include "run/scenario.h"

/*
 * True when path holds a workload object rather than a scenario: a JSON
 * object with "generator" or "arrival" and no "instances", as `virtsim
 * select` takes (scenarios/select-microservices.json). A file that does
 * not parse is a scenario, so the scenario loader reports the syntax.
 */
static int is_workload_file(const char *path)
{
    struct diag dg;
    size_t len;
    char *buf;
    json_t *doc;
    int yes;

    /* Read as the loaders read: a FIFO or a device is not opened. */
    diag_init(&dg, path);
    buf = infile_read(path, 0, &len, &dg);
    if (!buf)
        return 0;
    doc = json_loadb(buf, len, 0, NULL);
    free(buf);
    yes = json_is_object(doc) && !json_object_get(doc, "instances") &&
          (json_object_get(doc, "generator") ||
           json_object_get(doc, "arrival"));
    json_decref(doc);
    return yes;
}

/* Checks one file; returns 0 when it is fine, -1 after printing why not. */
static int validate_one(const char *arg, int quiet)
{
    struct strbuf file = STRBUF_INIT, dir = STRBUF_INIT;
    struct scenario sc;
    struct diag dg;
    json_t *doc, *w;
    int is_scenario, rc = 0;

    datadir_find_scenario(arg, &file);
    diag_init(&dg, file.buf);
    if (is_workload_file(file.buf)) {
        workload_file_dir(file.buf, &dir);
        if (workload_file_load(file.buf, dir.buf, &doc, &w, &is_scenario,
                               &dg) < 0) {
            diag_print(&dg, stderr);
            rc = -1;
        } else {
            if (!quiet)
                printf("%s: ok: a workload, for virtsim select\n", file.buf);
            json_decref(doc);
        }
    } else if (scenario_load(file.buf, &sc, &dg) < 0) {
        diag_print(&dg, stderr);
        rc = -1;
    } else {
        if (!quiet)
            printf("%s: ok: '%s', %zu cell%s of %u replication%s\n",
                   file.buf, sc.name, runner_cell_count(&sc),
                   runner_cell_count(&sc) == 1 ? "" : "s", sc.replications,
                   sc.replications == 1 ? "" : "s");
        scenario_release(&sc);
    }
    strbuf_release(&file);
    strbuf_release(&dir);
    return rc;
}

static const struct opt_def validate_defs[] = {
    {"quiet", 'q', OPT_FLAG},
};

static int validate_run(int argc, char **argv)
{
    struct opt_parser p;
    struct diag dg;
    const char *v;
    int k, files = 0, bad = 0, quiet = 0;

    if (opt_wants_help(argc, argv, validate_defs, 1)) {
        command_print_usage(&validate_command, stdout);
        return 0;
    }
    /* Options first, wherever they are, so --quiet applies to every file. */
    diag_init(&dg, "virtsim validate");
    opt_parser_init(&p, argc, argv, validate_defs, 1);
    while ((k = opt_next(&p, &v, &dg)) != OPT_END) {
        if (k == OPT_ERROR)
            return opt_fail(&dg, "validate");
        if (k == 'q')
            quiet = 1;
    }
    opt_parser_init(&p, argc, argv, validate_defs, 1);
    while ((k = opt_next(&p, &v, &dg)) != OPT_END) {
        if (k != OPT_ARG)
            continue;
        files++;
        if (validate_one(v, quiet) < 0)
            bad++;
    }
    if (files == 0) {
        diag_set(&dg, 0, 0, "no scenario file given");
        return opt_fail(&dg, "validate");
    }
    return bad ? 2 : 0;
}

const struct command validate_command = {
    .name = "validate",
    .summary = "check scenario files without running them",
    .usage = "usage: virtsim validate [-q] SCENARIO...\n"
             "\n"
             "Loads each scenario file and checks all of it: JSON syntax,\n"
             "unknown keys (with the nearest valid one), types, ranges,\n"
             "instance, generation, generator and distribution names, sweep\n"
             "paths, parameters and trace files. Prints every problem as\n"
             "FILE:LINE:COL: error: MESSAGE and exits with status 2 if any file\n"
             "has one, 0 otherwise. A file holding a workload object (as\n"
             "virtsim select takes) is checked as a workload. SCENARIO may name\n"
             "a shipped scenario, as for virtsim run.\n"
             "\n"
             "options:\n"
             "  -q, --quiet   print nothing for files that are fine\n"
             "  -h, --help    show this help\n",
    .run = validate_run,
};
