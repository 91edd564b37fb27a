/*
 * workload_file.h - a workload file as `virtsim select` and `virtsim
 * validate` read it: a workload object ({"generator": ...} or
 * {"arrival": ..., "request": ...}), or a scenario whose "workload" is
 * used.
 */
#ifndef VIRTSIM_WORKLOAD_FILE_H
#define VIRTSIM_WORKLOAD_FILE_H

#include <jansson.h>

#include "base/diag.h"
#include "base/strbuf.h"

/*
 * Loads the workload object of `file` (itself, or a scenario's "workload")
 * into *doc (caller owns it: json_decref) and *workload (borrowed from
 * *doc), checked, with problems at line:col; `dir` is where relative trace
 * files are found. *is_scenario tells which it was. Returns 0, or -1 with
 * diags and *doc NULL.
 */
int workload_file_load(const char *file, const char *dir, json_t **doc,
                       json_t **workload, int *is_scenario, struct diag *dg);

/* Appends file's directory to sb ("." for a bare name). */
void workload_file_dir(const char *file, struct strbuf *sb);

#endif
