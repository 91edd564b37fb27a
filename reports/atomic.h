/*
 * atomic.h - writing a report so that readers see either the old file or
 * the complete new one, never half of it: write a temp file in the target
 * directory, flush, (fsync,) check close, rename over the target.
 *
 * Only a regular file (or nothing) is ever replaced: a character device or
 * a FIFO (/dev/null, /dev/stdout, a pipe) is written through, as a shell's
 * `>` would, with every write checked; a symbolic link is followed (to a
 * regular file, that file is replaced and the link kept; to a device or
 * FIFO, written through; dangling, refused); a directory or any other
 * kind of file is refused with a message naming it.
 *
 * Errors are runtime failures: the message names the file and strerror,
 * it goes to the caller's struct diag, and the function returns -1.
 */
#ifndef VIRTSIM_ATOMIC_H
#define VIRTSIM_ATOMIC_H

#include <stdbool.h>
#include <stdio.h>

#include "base/diag.h"

/* A report being written. The caller writes through fp, nothing else. */
struct atomic_file {
    FILE *fp;
    char *path;             /* owned: the target, "DIR/NAME" */
    char *tmp_path;         /* owned: "DIR/.NAME.XXXXXX"; NULL when the
                               target is written through (a device) */
};

/*
 * Creates the temp file "DIR/.NAME.XXXXXX" next to path and opens af->fp on
 * it, with the permissions a plain fopen would give (0666 less the umask);
 * for a character device or FIFO, opens path itself. Returns 0, or -1
 * with a diag naming path (a symbolic link, a directory); af is then
 * zeroed.
 */
int atomic_open(struct atomic_file *af, const char *path, struct diag *dg);

/*
 * Flushes, fsyncs when `sync` is set, closes (checked), and renames the
 * temp file over the target. Returns 0, or -1 with a diag naming the
 * target, after removing the temp file: the previous target, if any, is
 * untouched. Either way af is released and zeroed.
 */
int atomic_commit(struct atomic_file *af, bool sync, struct diag *dg);

/*
 * Closes and removes the temp file, leaving the target as it was. Safe on a
 * zeroed af and after atomic_commit, so error paths can always call it.
 */
void atomic_abort(struct atomic_file *af);

/*
 * Creates directory dir and its missing parents, as `mkdir -p` does (mode
 * 0777 less the umask). Returns 0, or -1 with a diag naming the component
 * that could not be created or is not a directory.
 */
int atomic_mkdir_p(const char *dir, struct diag *dg);

#endif
