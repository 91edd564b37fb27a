/*
 * main.c - the `virtsim` program's entry point: global options
 * (--version, --help), then dispatch to a command of the table in
 * cli/commands.c. Exit status: 0 success, 1 runtime failure, 2 usage or
 * input error.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cli/commands.h"
#include "cli/opt.h"
#include "base/version.h"

/*
 * What a command printed must have reached stdout: `virtsim validate x >
 * /dev/full` fails (status 1) rather than report success it never said.
 */
static int check_stdout(int rc)
{
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout))
        return rc;
    fprintf(stderr, "virtsim: error: cannot write to stdout: %s\n",
            strerror(errno ? errno : EIO));
    return rc == 0 ? 1 : rc;
}

int main(int argc, char **argv)
{
    const struct command *c;
    const char *name;

    /* GSL's default handler aborts; we check return codes instead. */
    gsl_set_error_handler_off();

    if (argc < 2) {
        command_print_overview(stderr);
        return 2;
    }
    name = argv[1];
    if (strcmp(name, "--version") == 0) {
        printf("virtsim %s\n", VIRTSIM_VERSION);
        return check_stdout(0);
    }
    if (opt_is_help(name))
        return check_stdout(help_command.run(argc - 1, argv + 1));
    if (name[0] == '-') {
        fprintf(stderr, "virtsim: error: unknown option '%s'\n"
                "Run 'virtsim help' for usage.\n", name);
        return 2;
    }
    c = command_find(name);
    if (!c)
        return command_unknown("virtsim", name);
    return check_stdout(c->run(argc - 1, argv + 1));
}
