/*
 * generation.h - which path a guest operation travels (the paths are
 * base/op.h's), and the
 * generations: named presets mapping each path to a cost model (the table
 * in ARCHITECTURE.md, after Gregg's 2017 table of EC2 virtualization types).
 */
#ifndef VIRTSIM_GENERATION_H
#define VIRTSIM_GENERATION_H

#include <stddef.h>

#include "base/diag.h"
#include "base/op.h"
#include "models/params.h"

struct generation {
    const char *name;           /* stable lowercase key: "xen-pvhvm" */
    const char *title;          /* "Xen HVM + PV drivers" */
    const char *example;        /* where it was seen on EC2 */
    const char *model[PATH_COUNT];  /* cost model name per path */
    /*
     * NULL for the built-in ones; a scenario's own generation may carry
     * parameter overrides (those marked overridden), applied over the
     * scenario's "params" and under its swept ones.
     */
    const struct param_set *params;
};

/* The path an op kind travels (sleep counts as cpu; it plans nothing). */
enum path path_of_op(enum op_kind k);

/* Number of generations, and the i-th in historical order. */
size_t generation_count(void);
const struct generation *generation_at(size_t i);

/*
 * The generation called `name`, or NULL with "unknown generation 'x' (did
 * you mean 'y'?)" or the list of valid names in dg.
 */
const struct generation *generation_find(const char *name, struct diag *dg);

#endif
