/*
 * outset.h - a run's output files replaced as a whole: the writers write
 * the new set into a temporary directory beside the target
 * ("PARENT/.NAME.new-XXXXXX"), and outset_commit swaps it in with one
 * rename (renameat2 RENAME_EXCHANGE, or two renames where the file system
 * has no exchange), so a reader, or a run killed at any moment, sees the
 * old set or the new one, never a mix, and an aborted set leaves the old
 * one as it was.
 *
 * The target's other entries are kept: regular files are hard-linked
 * into the new set before the swap. When the target holds other kinds of
 * entries (subdirectories of the user's), is the working directory or a
 * mount point, the set is written inside the target instead and each
 * file renamed into place, results.json last (each file is still
 * replaced atomically, the set no longer is).
 *
 * Errors are runtime failures: a diag naming the file and strerror, -1.
 */
#ifndef VIRTSIM_OUTSET_H
#define VIRTSIM_OUTSET_H

#include <stdbool.h>

#include "base/diag.h"

struct outset {
    char *target;           /* owned: the directory the set replaces */
    char *shown;            /* owned: the target as the caller named it */
    char *work;             /* owned: where the writers write meanwhile */
    bool inside;            /* work is inside target: per-file commit */
};

/*
 * Creates the target's parents and the temporary directory the writers
 * write into (os->work). Refuses a target that exists and is not a
 * directory. Returns 0, or -1 with a diag; os is then zeroed.
 */
int outset_begin(struct outset *os, const char *target, struct diag *dg);

/*
 * Puts the set written in os->work in the place of the target's previous
 * set, then removes the previous set. Returns 0, or -1 with a diag (the
 * previous set is then untouched and the new one removed). Either way os
 * is released and zeroed.
 */
int outset_commit(struct outset *os, struct diag *dg);

/*
 * Rewrites dg's messages to name the target where they name os->work, so
 * a failure reads "cannot write 'results/q/results.json'". Call it before
 * outset_commit or outset_abort release os.
 */
void outset_name_target(const struct outset *os, struct diag *dg);

/* Removes the temporary set, leaving the target as it was. Safe on a
 * zeroed os and after outset_commit. */
void outset_abort(struct outset *os);

/*
 * Removes the directory tree at path (files and directories, no links
 * followed). Returns 0, or -1 with errno set.
 */
int outset_remove_tree(const char *path);

#endif
