/*
 * shard.h - a run split for a job array (Slurm, GNU parallel, Kubernetes):
 * `--shard K/N` runs the tasks (cells, in scenario order) whose index is
 * K-1 modulo N, and writes them to DIR/shard-K-of-N.json, a results file
 * that also says which tasks it holds; run/merge.c puts shards back
 * together. Round robin rather than blocks spreads a sweep's expensive
 * points over the shards.
 */
#ifndef VIRTSIM_SHARD_H
#define VIRTSIM_SHARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "run/scenario.h"
#include "reports/results.h"
#include "base/diag.h"
#include "base/strbuf.h"

#define SHARD_MAX 100000        /* N of K/N at most */

/* Shard k of n, 1 <= k <= n; n == 0 for a whole run. */
struct shard {
    unsigned k, n;
};

/*
 * Parses "K/N" (1 <= K <= N <= SHARD_MAX) into *s. Returns 0, or -1 with
 * "--shard must be K/N with 1 <= K <= N, got 'V'" in dg.
 */
int shard_parse(const char *v, struct shard *s, struct diag *dg);

/* Task i belongs to shard s (always, for a whole run). */
bool shard_has(const struct shard *s, size_t i);

/*
 * The tasks of shard s among n: a new array of n bytes, 1 for each task
 * of the shard (caller frees it); NULL for a whole run.
 */
char *shard_mask(const struct shard *s, size_t n);

/* Number of tasks of shard s among n. */
size_t shard_count(const struct shard *s, size_t n);

/*
 * Sets sb to the file a shard's results go to ("DIR/shard-K-of-N.json")
 * or, with ext "journal", its resume journal; returns sb->buf.
 */
const char *shard_path(struct strbuf *sb, const char *dir,
                       const struct shard *s, const char *ext);

/*
 * Prints shard s's tasks of sc (all for a whole run), one line each:
 * "TASK<tab>INSTANCE<tab>GENERATION<tab>PATH=VALUE,..." ("-" without a
 * sweep).
 */
void shard_list(const struct scenario *sc, const struct shard *s, FILE *fp);

/*
 * Writes res, the cells of shard s in task order (a prefix of them when
 * res->partial), to DIR/shard-K-of-N.json atomically, with the task index
 * of each cell and the number of tasks of the whole run (ntasks). Numbers
 * are written with 17 significant digits, so that a merge gives back the
 * doubles themselves. Returns 0, or -1 with a diag naming the file.
 */
int shard_write(const char *dir, const struct shard *s, size_t ntasks,
                const struct results *res, struct diag *dg);

/* The dump flags shard files and journals use (exact doubles). */
#define SHARD_JSON_FLAGS \
    (JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17))

#endif
