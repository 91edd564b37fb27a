/*
 * cmd_validate.c - `virtsim validate`: load and check scenario files
 * without running them, printing every problem found.
 */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/opt.h"
#include "run/runner.h"
#include "run/scenario.h"

static int validate_run(int argc, char **argv)
{
    static const char *const known[] = {"--help", "--quiet"};
    struct diag dg;
    int i, files = 0, bad = 0, quiet = 0;

    diag_init(&dg, "virtsim validate");
    for (i = 1; i < argc; i++) {
        if (opt_is_help(argv[i])) {
            command_print_usage(&validate_command, stdout);
            return 0;
        }
        if (!strcmp(argv[i], "--quiet")) {
            quiet = 1;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            opt_unknown(argv[i], known, 2, &dg);
            return opt_fail(&dg, "validate");
        }
    }
    for (i = 1; i < argc; i++) {
        struct scenario sc;

        if (argv[i][0] == '-' && argv[i][1])
            continue;
        files++;
        diag_init(&dg, argv[i]);
        if (scenario_load(argv[i], &sc, &dg) < 0) {
            diag_print(&dg, stderr);
            bad++;
            continue;
        }
        if (!quiet)
            printf("%s: ok: '%s', %zu cell%s of %u replication%s\n", argv[i],
                   sc.name, runner_cell_count(&sc),
                   runner_cell_count(&sc) == 1 ? "" : "s", sc.replications,
                   sc.replications == 1 ? "" : "s");
        scenario_release(&sc);
    }
    if (files == 0) {
        diag_init(&dg, "virtsim validate");
        diag_set(&dg, 0, 0, "no scenario file given");
        return opt_fail(&dg, "validate");
    }
    return bad ? 2 : 0;
}

const struct command validate_command = {
    .name = "validate",
    .summary = "check scenario files without running them",
    .usage = "usage: virtsim validate [--quiet] SCENARIO.json...\n"
             "\n"
             "Loads each scenario file and checks all of it: JSON syntax,\n"
             "unknown keys (with the nearest valid one), types, ranges,\n"
             "instance, generation, generator and distribution names, sweep\n"
             "paths, parameters and trace files. Prints every problem as\n"
             "FILE:LINE:COL: error: MESSAGE and exits with status 2 if any file\n"
             "has one, 0 otherwise.\n"
             "\n"
             "options:\n"
             "  --quiet   print nothing for files that are fine\n"
             "  --help    show this help\n",
    .run = validate_run,
};
