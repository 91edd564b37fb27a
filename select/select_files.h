/*
 * select_files.h - the files `virtsim select` writes: select.json and
 * select.csv, written atomically and byte-identical for the same inputs
 * and seed, whatever --jobs is.
 */
#ifndef VIRTSIM_SELECT_FILES_H
#define VIRTSIM_SELECT_FILES_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "select/select_report.h"
#include "base/diag.h"

/* The report as JSON (caller owns it); `source` names the workload file. */
json_t *select_files_json(const struct select_report *rep,
                          const char *source);

/* Writes the report as CSV, a header then one row per candidate, to fp. */
void select_files_csv(const struct select_report *rep, FILE *fp);

/*
 * Writes select.json's document (json true) or select.csv's to fp, as the
 * files hold them. Returns 0, or -1 when it could not be written.
 */
int select_files_print(const struct select_report *rep, const char *source,
                       bool json, FILE *fp);

/*
 * Writes DIR/select.json and DIR/select.csv, each through a temp file and
 * rename (reports/atomic.h), creating DIR when missing. Returns 0, or -1
 * with a diag naming the file (a previous file is then left as it was).
 */
int select_files_write(const struct select_report *rep, const char *source,
                       const char *dir, struct diag *dg);

#endif
