/*
 * jsonpos.h - where things are in a JSON text: a small scanner that walks
 * the same buffer jansson parsed and records the line and column of every
 * object key and array element under its path ("/workload/request[1]/op").
 * jansson reports positions only for syntax errors; semantic errors carry a
 * path, and this turns it back into file:line:col.
 *
 * A jsonpos owns its table; free it with jsonpos_release.
 */
#ifndef VIRTSIM_JSONPOS_H
#define VIRTSIM_JSONPOS_H

#include <stddef.h>

#include "base/diag.h"

struct jsonpos_entry {
    char *path;
    int line, col;
};

struct jsonpos {
    struct jsonpos_entry *e;
    size_t len, cap;
};

/*
 * Scans buf (len bytes of valid JSON) and records positions. Returns 0, or
 * -1 if the text is not JSON the scanner understands (it then records what
 * it found up to there).
 */
int jsonpos_scan(struct jsonpos *jp, const char *buf, size_t len);

/* The position of path, or -1 when it is not recorded. */
int jsonpos_find(const struct jsonpos *jp, const char *path, int *line,
                 int *col);

/*
 * Gives every path-only diag entry the position of its path, or of its
 * nearest recorded ancestor, and drops the path from it.
 */
void jsonpos_resolve(const struct jsonpos *jp, struct diag *dg);

/* Frees the table; jp is left empty. */
void jsonpos_release(struct jsonpos *jp);

#endif
