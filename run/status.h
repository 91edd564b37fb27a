/*
 * status.h - what a run returns: the experiment driver (pool_run,
 * runner_run, cell_run, replica_run) and select_run all end in one of
 * these, and only the program (cli/) turns them into exit statuses. The
 * stop flag that SIGINT and SIGTERM raise is read through a
 * `volatile sig_atomic_t *`, the only type a handler may safely set.
 */
#ifndef VIRTSIM_STATUS_H
#define VIRTSIM_STATUS_H

#include <signal.h>

enum run_status {
    RUN_OK = 0,
    RUN_INPUT_ERROR = -1,       /* bad input found while running; a diag */
    RUN_STOPPED = 1,            /* the stop flag was raised */
    RUN_FAILED = 2              /* a runtime failure (a worker died); a diag */
};

#endif
