/*
 * journal.h - the resume journal: as each cell completes, `run` appends it
 * (with its task index) to DIR/cells.journal (DIR/shard-K-of-N.journal
 * for a shard), so that a crash, SIGKILL or Ctrl-C loses only the cells in
 * progress. `run --resume DIR` reads it back and runs only the rest; a run
 * that finishes removes it.
 *
 * The file is JSON lines: a header {"journal": 1, "virtsim": VERSION,
 * "shard": [K, N] or null, "tasks": T, "scenario": {...}}, then one
 * {"task": I, "cell": {...}} per cell, numbers with 17 digits so that
 * the doubles come back exactly. A last line cut short by a crash is
 * ignored.
 */
#ifndef VIRTSIM_JOURNAL_H
#define VIRTSIM_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "run/shard.h"
#include "reports/results.h"
#include "base/diag.h"

struct journal {
    char *path;                 /* owned */
    char *dir;                  /* owned */
    json_t *header;             /* owned */
    FILE *fp;                   /* open once the first cell is added */
    int failed;                 /* a write failed: the journal is unusable */
    struct diag dg;             /* why */
};

/*
 * Prepares the journal of shard s (n == 0: the whole run) of a run of
 * ntasks tasks of the effective scenario `scenario` (borrowed) in dir,
 * written by virtsim `version`. Nothing is written until the first cell
 * (journal_add), so a run that fails on input leaves nothing behind.
 */
void journal_init(struct journal *j, const char *dir, const struct shard *s,
                  size_t ntasks, json_t *scenario, const char *version);

/*
 * Reads the journal back for --resume: fills given[task] = 1 and
 * cells[task] for each cell it holds (both ntasks long, zeroed by the
 * caller) and sets *ndone. Returns 0; -1 with a diag (file:line) when it
 * is missing, unreadable, of another scenario, seed, shard or version, or
 * corrupt before its last line. On success the journal is rewritten with
 * just those cells (dropping a cut last line), ready for journal_add.
 */
int journal_resume(struct journal *j, char *given, struct cell_result *cells,
                   size_t *ndone, struct diag *dg);

/*
 * Appends cell c of task `task`, flushed to the kernel. A failure is kept
 * in j (j->failed) and reported by journal_release; the run goes on.
 */
void journal_add(struct journal *j, size_t task, const struct cell_result *c);

/* runner_task_fn shape for runner_opts.on_task: ctx is the journal. */
void journal_on_task(void *ctx, size_t task, const struct cell_result *c);

/*
 * Closes the journal, removing its file when `remove` (the run finished,
 * or failed on input). Returns -1 with the diag in dg when a write had
 * failed, else 0. j is left zeroed.
 */
int journal_release(struct journal *j, bool remove, struct diag *dg);

#endif
