/*
 * json_out.h - one cell of results.json as a jansson value, for files that
 * carry cells outside a results document (shards, the resume journal).
 * The "json" report format itself is json_format (reports/format.h).
 */
#ifndef VIRTSIM_JSON_OUT_H
#define VIRTSIM_JSON_OUT_H

#include <jansson.h>

#include "reports/results.h"

/*
 * The cell as results.json's "cells" holds it, keys in CONTRACT.md's
 * order. The caller owns the value (json_decref); NULL when out of memory.
 */
json_t *json_out_cell(const struct cell_result *c);

#endif
