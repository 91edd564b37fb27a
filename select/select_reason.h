/*
 * select_reason.h - why a candidate fails, from the simulation: one
 * replication run again with its resources watched (queue utilizations,
 * which EC2 allowances held traffic back, when CPU credits ran out), and
 * the binding resource put into words: "CPU credits exhausted after
 * 14 min; p99 then 3.2 ms", "network baseline 0.75 Gb/s reached
 * (inbound)", "dom0 backend saturated (4 threads 99% busy, 3.1 M pps)".
 *
 * Plain values; nothing to free.
 */
#ifndef VIRTSIM_SELECT_REASON_H
#define VIRTSIM_SELECT_REASON_H

#include <stddef.h>

#include "run/scenario.h"
#include "run/status.h"
#include "select/select_slo.h"
#include "select/select_usage.h"
#include "models/generation.h"
#include "base/diag.h"

struct select_candidate;

/*
 * Runs replication 0 of instance `instance` of sc (at sweep point 0)
 * under gen, watching its resources, into *u. Returns RUN_OK,
 * RUN_INPUT_ERROR with a diag, or RUN_STOPPED when *stop was raised.
 */
enum run_status select_reason_usage(const struct scenario *sc,
                                    size_t instance,
                                    const struct generation *gen,
                                    struct select_usage *u,
                                    volatile sig_atomic_t *stop,
                                    struct diag *dg);

/*
 * Names c's binding resource in c->reason_key and explains its verdict in
 * c->reason from its cell, its usage and its term verdicts (terms as in
 * the report): for a failure or a close call, the resource and the terms
 * missed; for a candidate that meets, its busiest resource and what will
 * not last (a burst or CPU credits running out, a credit surplus charge).
 */
void select_reason_explain(struct select_candidate *c,
                           const struct select_slo *terms);

#endif
