/*
 * json_in.h - reading a results.json back into struct results, for
 * `virtsim chart results.json` and round-trip tests. Tolerant of missing
 * optional keys (they keep their defaults) and of unknown keys (newer
 * files); strict on the types of the keys it knows.
 */
#ifndef VIRTSIM_JSON_IN_H
#define VIRTSIM_JSON_IN_H

#include <jansson.h>

#include "reports/results.h"
#include "base/diag.h"

/*
 * Fills r (which need not be initialized) from the results document root.
 * Required: "cells", an array, and each cell's "instance" and "generation".
 * Missing numbers read as 0, null numbers (non-finite when written) as NaN,
 * a missing "credits" as no throttling, a missing or null "slo" as not
 * checked. Strings longer than their field are cut at a character boundary.
 * r takes a reference to root's "scenario". Returns 0, or -1 with one diag
 * per problem, each at its JSON path ("/cells/2/latency_us/p99/mean"); r is
 * then released and zeroed.
 */
int json_in_from_json(struct results *r, const json_t *root,
                      struct diag *dg);

/*
 * Loads the file at path (duplicate keys rejected) and fills r as
 * json_in_from_json does. Syntax errors are reported at line:col, a file
 * that cannot be read with strerror. When dg has no file name yet, it
 * borrows path. Returns 0 or -1; on -1 r is zeroed.
 */
int json_in_read_file(struct results *r, const char *path, struct diag *dg);

/*
 * Reads one element of "cells" into *c (zeroed first) with the rules of
 * json_in_from_json, paths relative to the cell. Returns 0, or -1 with a
 * diag per problem.
 */
int json_in_cell(const json_t *cell, struct cell_result *c, struct diag *dg);

#endif
