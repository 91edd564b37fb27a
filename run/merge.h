/*
 * merge.h - shards back into one run's results: `virtsim merge DIR...`
 * reads every shard-K-of-N.json in the directories (or the files named),
 * checks that they are the N shards of one run (the same effective
 * scenario, seed included, the same virtsim, each shard once and complete)
 * and returns the cells in scenario order, as `run` without --shard would
 * have them.
 */
#ifndef VIRTSIM_MERGE_H
#define VIRTSIM_MERGE_H

#include <stddef.h>

#include "reports/results.h"
#include "base/diag.h"

/*
 * Merges the shards found in paths[0..n) (directories or shard files)
 * into out (need not be initialized). Returns 0, or -1 with a diag naming
 * the files at fault (a shard missing or given twice, of another scenario,
 * seed or N, interrupted, unreadable); out is then zeroed.
 */
int merge_shards(const char *const *paths, size_t n, struct results *out,
                 struct diag *dg);

#endif
