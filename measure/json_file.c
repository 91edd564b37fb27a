/*
 * json_file.c - one JSON document to one file, atomically.
 */
#include "measure/json_file.h"

#include <stdio.h>

#include "reports/atomic.h"

int json_file_write(const char *path, const json_t *doc, struct diag *dg)
{
    struct atomic_file af;

    if (atomic_open(&af, path, dg) < 0)
        return -1;
    if (json_dumpf(doc, af.fp, JSON_INDENT(2) | JSON_REAL_PRECISION(10)) < 0 ||
        fputc('\n', af.fp) == EOF) {
        atomic_abort(&af);
        return diag_set(dg, 0, 0, "cannot write '%s'", path);
    }
    return atomic_commit(&af, false, dg);
}
