/*
 * status.h - how a run ends (temporary until the run_status change lands).
 */
#ifndef VIRTSIM_STATUS_H
#define VIRTSIM_STATUS_H

enum run_status {
    RUN_OK = 0, RUN_INPUT_ERROR = -1, RUN_STOPPED = 1, RUN_FAILED = 2
};

#endif
