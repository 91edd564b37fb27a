/*
 * jcheck.h - checking JSON values read from user files: known keys (with
 * a did-you-mean for typos), types, integers vs reals, finite numbers in
 * range. Each check records a diag at the value's JSON path and returns -1,
 * so a loader can check everything and report every problem at once.
 */
#ifndef VIRTSIM_JCHECK_H
#define VIRTSIM_JCHECK_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "base/diag.h"

/* path + "/" + key into buf. */
const char *jcheck_path(char *buf, size_t n, const char *path, const char *key);

/* path + "[i]" into buf. */
const char *jcheck_index(char *buf, size_t n, const char *path, size_t i);

/*
 * Checks that obj is an object whose keys are all in `valid` (n names);
 * each unknown key gets "unknown key 'k' in 'where' (did you mean 'x'?)".
 */
int jcheck_keys(json_t *obj, const char *path, const char *where,
                const char *const *valid, size_t n, struct diag *dg);

/*
 * A number at obj[key] in [min, max]. Absent: *out = def and 0, unless
 * required. Integers and reals are both accepted.
 */
int jcheck_number(const json_t *obj, const char *key, const char *path,
                  double min, double max, int required, double def,
                  double *out, struct diag *dg);

/* An integer at obj[key] in [min, max]; reals are refused. */
int jcheck_uint(const json_t *obj, const char *key, const char *path,
                uint64_t min, uint64_t max, int required, uint64_t def,
                uint64_t *out, struct diag *dg);

/* A non-empty string at obj[key] (borrowed); NULL and 0 when absent and optional. */
int jcheck_string(const json_t *obj, const char *key, const char *path,
                  int required, const char **out, struct diag *dg);

#endif
