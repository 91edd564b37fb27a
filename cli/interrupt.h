/*
 * interrupt.h - SIGINT and SIGTERM as a request to stop: long commands
 * (run, select) pass the flag to the runner, which finishes nothing new.
 */
#ifndef VIRTSIM_INTERRUPT_H
#define VIRTSIM_INTERRUPT_H

#include <signal.h>

/*
 * Makes SIGINT and SIGTERM set a flag instead of killing the process, and
 * returns it. Worker processes forked later inherit the handler.
 */
volatile sig_atomic_t *interrupt_flag_install(void);

#endif
