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
#include <gsl/gsl_version.h>
#include <jansson.h>

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

/* The build's commit, from build/commit.h (make passes it with -include). */
#ifndef VIRTSIM_COMMIT
#define VIRTSIM_COMMIT "unknown"
#endif

/*
 * --version: the version on the first line (what scripts read), then the
 * commit it was built from and the libraries it runs with.
 */
static int print_version(void)
{
    printf("virtsim %s\n", VIRTSIM_VERSION);
    printf("commit %s\n", VIRTSIM_COMMIT);
    printf("GSL %s (built with %s), jansson %s (built with %s)\n",
           gsl_version, GSL_VERSION, jansson_version_str(), JANSSON_VERSION);
    return check_stdout(0);
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
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0)
        return print_version();
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
