/*
 * json_file.h - writing a JSON document the measurement commands produce
 * (compare.json, sensitivity.json, params files) atomically, indented,
 * reals to ten significant digits.
 */
#ifndef VIRTSIM_JSON_FILE_H
#define VIRTSIM_JSON_FILE_H

#include <jansson.h>

#include "base/diag.h"

/*
 * Writes doc to path through a temp file and a rename
 * (reports/atomic.h). Returns 0, or -1 with a diag naming the file.
 */
int json_file_write(const char *path, const json_t *doc, struct diag *dg);

#endif
