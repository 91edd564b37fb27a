/*
 * commands.c - the registry of `virtsim` subcommands and the lookups over
 * it: by name, by near miss for typos, and the overview `virtsim help`
 * prints. Knows the commands only through their struct command.
 */
#include "cli/commands.h"

#include <string.h>

#include "base/diag.h"

/* Table order is the order `virtsim help` lists them in. */
static const struct command *const commands[] = {
    &help_command,
    &run_command,
    &validate_command,
    &demo_command,
    &instances_command,
    &modes_command,
    &explain_command,
    &select_command,
    &chart_command,
    &workloads_command,
    &trace_command,
    &merge_command,
    &compare_command,
    &sensitivity_command,
    &calibrate_command,
    &completion_command,
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

size_t command_count(void)
{
    return NCOMMANDS;
}

const struct command *command_at(size_t i)
{
    return i < NCOMMANDS ? commands[i] : NULL;
}

const struct command *command_find(const char *name)
{
    size_t i;

    for (i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i]->name, name) == 0)
            return commands[i];
    return NULL;
}

const char *command_near_miss(const char *name)
{
    const char *names[NCOMMANDS];
    size_t i;

    for (i = 0; i < NCOMMANDS; i++)
        names[i] = commands[i]->name;
    return diag_near_miss(name, names, NCOMMANDS);
}

int command_unknown(const char *prefix, const char *name)
{
    const char *near = command_near_miss(name);

    if (near)
        fprintf(stderr, "%s: error: unknown command '%s' "
                "(did you mean '%s'?)\n", prefix, name, near);
    else
        fprintf(stderr, "%s: error: unknown command '%s'\n", prefix, name);
    fprintf(stderr, "Run 'virtsim help' for the list of commands.\n");
    return 2;
}

void command_print_overview(FILE *fp)
{
    size_t i, width = 0;

    for (i = 0; i < NCOMMANDS; i++)
        if (strlen(commands[i]->name) > width)
            width = strlen(commands[i]->name);

    fputs("usage: virtsim [--version] [--help] COMMAND [ARGS...]\n"
          "\n"
          "virtsim is a discrete-event performance simulator of "
          "virtualization modes:\n"
          "emulation, para-virtualization, hardware-assisted, SR-IOV and "
          "bare metal.\n"
          "\n"
          "commands:\n", fp);
    for (i = 0; i < NCOMMANDS; i++)
        fprintf(fp, "  %-*s  %s\n", (int)width, commands[i]->name,
                commands[i]->summary);
    fputs("\n"
          "Run 'virtsim help COMMAND' or 'virtsim COMMAND --help' for a "
          "command's options.\n", fp);
}

void command_print_usage(const struct command *c, FILE *fp)
{
    fputs(c->usage, fp);
}

int command_exit_status(enum run_status st)
{
    switch (st) {
    case RUN_OK:
        return 0;
    case RUN_INPUT_ERROR:
        return 2;
    case RUN_STOPPED:
        return 130;
    case RUN_FAILED:
        break;
    }
    return 1;
}
