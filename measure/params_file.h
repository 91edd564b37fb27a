/*
 * params_file.h - a params file: model parameter values to run with, as
 * `virtsim calibrate` writes them and `run` and `select` read them
 * (--params FILE). A JSON object whose "params" object maps parameter
 * names (models/params.def) to numbers; other top-level keys (what wrote
 * it, fitted intervals) are kept for people and ignored here.
 *
 *   {"params": {"hvm.vmexit_cycles": 1500, "pv.hypercall_cycles": 700}}
 */
#ifndef VIRTSIM_PARAMS_FILE_H
#define VIRTSIM_PARAMS_FILE_H

#include <jansson.h>

#include "models/params.h"
#include "run/scenario.h"
#include "base/diag.h"

/*
 * Reads path and sets each parameter it names in p (range-checked, as a
 * scenario's "params" are). When params_out is not NULL, it receives a new
 * reference to the file's "params" object. Every problem goes into dg at
 * line:col (dg's file should be path). Returns 0, or -1 with p untouched.
 */
int params_file_read(const char *path, struct param_set *p,
                     json_t **params_out, struct diag *dg);

/*
 * Applies the file at path to a loaded scenario: its values override the
 * scenario's "params" (a swept params.NAME still wins at its points), and
 * the effective scenario (results.json's "scenario") records them.
 * Returns 0, or -1 with a diag and sc unchanged.
 */
int params_file_apply(struct scenario *sc, const char *path, struct diag *dg);

/*
 * Writes a params file at path atomically: {"params": params, ...extra's
 * keys}; extra may be NULL. Returns 0, or -1 with a diag (runtime).
 */
int params_file_write(const char *path, const json_t *params,
                      const json_t *extra, struct diag *dg);

#endif
