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

/*
 * A table-driven parser with getopt_long's semantics: long options
 * `--name VALUE` and `--name=VALUE`, short options `-j 4`, `-j4` and
 * bundles (`-qj4`), options and arguments in any order, and `--` ending
 * the options (what follows is arguments, even when it starts with '-').
 * A lone "-" is an argument (it means stdout or stdin where a command
 * says so).
 *
 *     static const struct opt_def defs[] = {
 *         {"jobs", 'j', OPT_VALUE}, {"quiet", 'q', OPT_FLAG},
 *         {"chart-format", OPT_LONG_ONLY + 1, OPT_VALUE},
 *     };
 *     struct opt_parser p;
 *     opt_parser_init(&p, argc, argv, defs, 3);
 *     while ((k = opt_next(&p, &v, dg)) != OPT_END) { switch (k) ... }
 *
 * A key below 128 that is a letter or digit is also the short option
 * (`-j`); keys from OPT_LONG_ONLY up have no short form.
 */
enum opt_arg { OPT_FLAG, OPT_VALUE };

struct opt_def {
    const char *name;       /* the long name without dashes: "jobs" */
    int key;                /* what opt_next returns for it */
    enum opt_arg arg;       /* whether it takes a value */
};

#define OPT_LONG_ONLY 256   /* first key of the options without a short form */
#define OPT_END (-1)        /* no more arguments */
#define OPT_ERROR (-2)      /* a problem, recorded in the diag */
#define OPT_ARG 0           /* a non-option argument, in *value */
#define OPT_HELP (-3)       /* --help or -h, which every command takes */

struct opt_parser {
    int argc;
    char **argv;
    const struct opt_def *defs;
    size_t ndefs;
    int next;               /* index of the next argv entry to read */
    const char *bundle;     /* rest of a short-option bundle, or NULL */
    bool args_only;         /* after "--" */
};

/* Starts parsing argv[1..argc-1] (argv[0] is the command) against defs. */
void opt_parser_init(struct opt_parser *p, int argc, char **argv,
                     const struct opt_def *defs, size_t ndefs);

/*
 * The next option or argument. Returns the option's key with *value its
 * value (NULL for a flag), OPT_ARG with *value the argument, OPT_END when
 * argv is used up, or OPT_ERROR after recording in dg an unknown option
 * (with did-you-mean when a name is really near), a missing value or a
 * value given to a flag. --help and -h, unless defs define them, return
 * OPT_HELP.
 */
int opt_next(struct opt_parser *p, const char **value, struct diag *dg);

/*
 * True when argv holds --help or -h as an option (before any "--", and
 * not as the value of an option of defs that takes one).
 */
bool opt_wants_help(int argc, char **argv, const struct opt_def *defs,
                    size_t ndefs);

/*
 * The long name of the option with `key` in defs, dashes included
 * ("--jobs"), for messages; a static buffer, valid until the next call.
 */
const char *opt_name(const struct opt_def *defs, size_t ndefs, int key);

#endif
