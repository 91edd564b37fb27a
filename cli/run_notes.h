/*
 * run_notes.h - notes printed after a run's table about how far its
 * intervals can be read: a "±0" that only means every replication fell in
 * one latency-histogram bucket (the histogram's resolution floor), and an
 * interval wider than half its value (run more replications).
 */
#ifndef VIRTSIM_RUN_NOTES_H
#define VIRTSIM_RUN_NOTES_H

#include <stdio.h>

#include "reports/results.h"

/* The latency histogram's resolution: the widest bucket's width relative
 * to its lower bound (sim/hist.h: 1 / HIST_SUB). */
double run_notes_resolution(void);

/*
 * Prints to fp ("virtsim run: note: ..." lines) what r's intervals call
 * for: the resolution floor when a latency percentile's interval is
 * narrower than it (or 0 over several replications), and the advice to
 * run more replications when a throughput or latency interval is wider
 * than half its mean, naming the first such cell. Returns the number of
 * notes printed (0 when the intervals need no comment).
 */
int run_notes_print(const struct results *r, FILE *fp);

#endif
