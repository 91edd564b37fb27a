/*
 * opt.h - small helpers for parsing a command's options: `--name VALUE`
 * or `--name=VALUE`, numbers checked for trailing garbage, range and
 * finiteness. Problems go into a caller-owned struct diag whose file is the
 * command's prefix ("virtsim demo"), so they print as
 *   virtsim demo: error: --rho must be in (0, 1), got 1.5
 */
#ifndef VIRTSIM_OPT_H
#define VIRTSIM_OPT_H

#include <stdbool.h>
#include <stdint.h>

#include "base/diag.h"

/* True for "--help" and "-h". */
bool opt_is_help(const char *arg);

/*
 * Matches argv[*i] against option `name` ("--rho"). Returns 0 and sets
 * *value when it is `--rho VALUE` (consuming argv[*i + 1] and advancing *i)
 * or `--rho=VALUE`; returns 1 when argv[*i] is another option; returns -1
 * and fills dg when it is `name` without a value.
 */
int opt_match(int argc, char **argv, int *i, const char *name,
              const char **value, struct diag *dg);

/*
 * Parses a finite decimal number (strtod syntax) into *out. Returns 0, or
 * -1 and fills dg when arg is empty, has trailing characters, is out of
 * range or not finite. `name` names the option in messages.
 */
int opt_parse_double(const char *name, const char *arg, double *out,
                     struct diag *dg);

/*
 * Parses an unsigned decimal integer into *out: digits only (no sign, no
 * space), at most UINT64_MAX. Returns 0, or -1 and fills dg.
 */
int opt_parse_u64(const char *name, const char *arg, uint64_t *out,
                  struct diag *dg);

/*
 * Parses a seed as opt_parse_u64 does, at most 2^63 - 1: the range of a
 * scenario's "seed", so that results.json records it exactly. Returns 0,
 * or -1 and fills dg.
 */
int opt_parse_seed(const char *name, const char *arg, uint64_t *out,
                   struct diag *dg);

/*
 * As opt_parse_u64, then checks lo <= *out <= hi: "NAME must be in [LO,
 * HI], got ARG" otherwise. Returns 0 or -1 with a diag.
 */
int opt_parse_u64_in(const char *name, const char *arg, uint64_t lo,
                     uint64_t hi, uint64_t *out, struct diag *dg);

/*
 * Records "unknown option 'ARG'" in dg, with "(did you mean 'X'?)" when a
 * name of `known` (n entries) is close. Returns -1.
 */
int opt_unknown(const char *arg, const char *const *known, int n,
                struct diag *dg);

/*
 * The directory part of path, malloc'ed: "results/q" for
 * "results/q/results.json", "." without a slash, "/" for "/x".
 */
char *opt_dir_of(const char *path);

/*
 * Prints the problems in dg to stderr and a hint line naming
 * `virtsim CMD --help`. Returns 2, the usage-error exit status.
 */
int opt_fail(const struct diag *dg, const char *cmd);

#endif
