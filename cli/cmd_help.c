/*
 * cmd_help.c - `virtsim help [COMMAND]`: the overview with the list of
 * commands, or one command's full help.
 */
#include <stdio.h>

#include "cli/commands.h"
#include "cli/opt.h"

static int help_run(int argc, char **argv)
{
    const struct command *c;

    if (argc < 2) {
        command_print_overview(stdout);
        return 0;
    }
    if (opt_is_help(argv[1])) {
        command_print_usage(&help_command, stdout);
        return 0;
    }
    if (argc > 2) {
        fprintf(stderr, "virtsim help: error: unexpected argument '%s'\n"
                "Run 'virtsim help --help' for usage.\n", argv[2]);
        return 2;
    }
    c = command_find(argv[1]);
    if (!c)
        return command_unknown("virtsim help", argv[1]);
    command_print_usage(c, stdout);
    return 0;
}

const struct command help_command = {
    .name = "help",
    .summary = "show the list of commands, or one command's options",
    .usage =
        "usage: virtsim help [COMMAND]\n"
        "\n"
        "Without COMMAND, lists the commands; with it, prints that command's\n"
        "options (the same as 'virtsim COMMAND --help').\n",
    .run = help_run,
};
