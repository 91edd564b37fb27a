/*
 * args.h - option values several commands share: --jobs, the document
 * format of --format (table, json or csv on stdout), and --param
 * NAME=VALUE overrides collected and applied to a parameter set.
 */
#ifndef VIRTSIM_ARGS_H
#define VIRTSIM_ARGS_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "base/diag.h"
#include "models/params.h"

/* Parses -j/--jobs: an integer in [1, 256]. Returns 0, or -1 with a diag. */
int cli_parse_jobs(const char *v, uint64_t *out, struct diag *dg);

/*
 * Parses --format: one of `valid` (n names, e.g. table, json, csv) into
 * *out (a string of valid, static). Returns 0, or -1 with a diag listing
 * the valid names (did-you-mean when near).
 */
int cli_parse_format(const char *v, const char *const *valid, size_t n,
                     const char **out, struct diag *dg);

/*
 * `virtsim run --format`: table, json or csv. The older list form
 * ("table,csv,json", which also chose the files) is still read, with a
 * warning on stderr: "table" when the list has it, else nothing on
 * stdout (*out is ""); the files are always written now.
 */
int cli_parse_run_format(const char *v, const char **out, struct diag *dg);

/*
 * Prints doc (taken: freed here) to stdout as indented JSON in key order,
 * then flushes. Returns 0, or 1 after a message naming `prefix` when
 * stdout could not be written.
 */
int cli_print_json(json_t *doc, const char *prefix);

/* --param NAME=VALUE overrides, in command-line order. */
struct cli_params {
    size_t n;
    char (*name)[64];       /* owned */
    double *value;          /* owned */
};

/*
 * Adds one NAME=VALUE: the name must be a model parameter (did-you-mean
 * otherwise) and the value a finite number in its range. Returns 0, or -1
 * with a diag.
 */
int cli_params_add(struct cli_params *cp, const char *arg, struct diag *dg);

/*
 * Sets every override in p and, when params_of is not NULL, in its
 * "params" object (created when missing), so the effective scenario a
 * results file records says what ran. Returns 0, or -1 with a diag.
 */
int cli_params_apply(const struct cli_params *cp, struct param_set *p,
                     json_t *params_of, struct diag *dg);

/* Frees what cli_params_add took; cp is empty again. */
void cli_params_release(struct cli_params *cp);

#endif
