/*
 * diag.h - diagnostics for bad input: a caller-owned record of what was
 * wrong and where, printed the way compilers print errors.
 *
 * Readers of user input return -1 and fill a struct diag; main prints it
 * and exits with status 2. A diag may collect several messages (up to
 * DIAG_MAX) so that validation reports every problem at once.
 */
#ifndef VIRTSIM_DIAG_H
#define VIRTSIM_DIAG_H

#include <stddef.h>
#include <stdio.h>

#define DIAG_MAX     20
#define DIAG_MSG_LEN 256

struct diag_entry {
    char file[160];             /* "" for the diag's file; else this one */
    int line, col;              /* 0 when unknown */
    char path[128];             /* JSON path or "" when unknown */
    char msg[DIAG_MSG_LEN];
};

struct diag {
    const char *file;           /* borrowed; outlives the diag; may be NULL */
    int count;                  /* problems recorded (capped at DIAG_MAX) */
    int dropped;                /* problems past the cap, counted only */
    struct diag_entry e[DIAG_MAX];
};

/* Empties dg and sets the file name messages refer to (borrowed). */
void diag_init(struct diag *dg, const char *file);

/*
 * Records one problem at line:col (0 when unknown). Always returns -1, so
 * readers can write `return diag_set(dg, ...)`. dg may be NULL.
 */
int diag_set(struct diag *dg, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Records one problem at a JSON path (e.g. "/workload/rate_rps"). */
int diag_set_path(struct diag *dg, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Gives the most recent entry the JSON path `path` when it has neither a
 * position nor a path: for lookups (names, parameters) that record a
 * problem without knowing where in a file the name came from.
 */
void diag_locate_last(struct diag *dg, const char *path);

/*
 * Appends src's entries to dst, each keeping src's file name (for problems
 * found in another file, such as a trace a scenario names).
 */
void diag_merge(struct diag *dst, const struct diag *src);

/*
 * Prints every recorded problem to fp, one per line:
 *   file:line:col: error: msg        when a position is known
 *   file: path: error: msg           when only a JSON path is known
 *   file: error: msg                 otherwise
 * and a closing line when problems were dropped past the cap.
 */
void diag_print(const struct diag *dg, FILE *fp);

/*
 * Returns the candidate closest to `word` by edit distance when it is close
 * enough to be a likely typo (at most strlen(word)/3 + 1 edits), else NULL.
 * The result points into cands.
 */
const char *diag_near_miss(const char *word, const char *const *cands,
                           size_t ncands);

/*
 * Records that `name` is not a known WHAT: "unknown WHAT 'x' (did you mean
 * 'y'?)" when one of the n candidates is close, else "unknown WHAT 'x';
 * HINT" where HINT is `hint`, or "valid: a, b, c" when hint is NULL.
 * Returns -1. dg may be NULL.
 */
int diag_unknown(struct diag *dg, const char *what, const char *name,
                 const char *const *cands, size_t n, const char *hint);

/* Levenshtein distance between a and b (case-sensitive). */
size_t diag_edit_distance(const char *a, const char *b);

#endif
