/*
 * commands.h - the command table of the `virtsim` program: one const
 * struct command per subcommand (defined in cli/cmd_NAME.c), one registry
 * in cli/commands.c, and the lookups main and help use.
 *
 * Adding a command is one file cli/cmd_NAME.c defining NAME_command, one
 * declaration here and one line in the table in cli/commands.c.
 */
#ifndef VIRTSIM_COMMANDS_H
#define VIRTSIM_COMMANDS_H

#include <stddef.h>
#include <stdio.h>

#include "run/status.h"

struct command {
    const char *name;           /* what users type: "demo" */
    const char *summary;        /* one line for `virtsim help` */
    const char *usage;          /* full help: synopsis line, then options */
    /*
     * Runs the command. argv[0] is the command name; argv[argc] is NULL.
     * Returns the exit status: 0 success, 1 runtime failure, 2 usage or
     * input error.
     */
    int (*run)(int argc, char **argv);
};

/*
 * The exit status for a run's outcome, the one place they are mapped:
 * RUN_OK 0, RUN_INPUT_ERROR 2, RUN_STOPPED 130 (as a shell reports
 * SIGINT), RUN_FAILED 1.
 */
int command_exit_status(enum run_status st);

/* The commands, each defined in its cli/cmd_NAME.c. */
extern const struct command help_command;
extern const struct command demo_command;
extern const struct command instances_command;
extern const struct command modes_command;
extern const struct command explain_command;
extern const struct command chart_command;
extern const struct command run_command;
extern const struct command validate_command;
extern const struct command workloads_command;
extern const struct command trace_command;
extern const struct command select_command;
extern const struct command merge_command;
extern const struct command compare_command;
extern const struct command sensitivity_command;
extern const struct command calibrate_command;
extern const struct command completion_command;

/* Number of commands, and the i-th in table order (NULL past the end). */
size_t command_count(void);
const struct command *command_at(size_t i);

/* The command called `name`, or NULL when there is none. */
const struct command *command_find(const char *name);

/*
 * The command name closest to `name` when it is a likely typo (see
 * diag_near_miss), else NULL. The result is a static string.
 */
const char *command_near_miss(const char *name);

/*
 * Prints "virtsim: error: unknown command 'NAME'" to stderr, followed by
 * " (did you mean 'X'?)" when a near miss exists and a hint line pointing
 * at `virtsim help`. `prefix` is the program part ("virtsim" or
 * "virtsim help"). Returns 2, the usage-error exit status.
 */
int command_unknown(const char *prefix, const char *name);

/* Prints the program synopsis and the table of commands to fp. */
void command_print_overview(FILE *fp);

/* Prints a command's full help text to fp. */
void command_print_usage(const struct command *c, FILE *fp);

#endif
