/*
 * jcheck.h - reading JSON values from user files, for every reader of JSON
 * (scenarios, workloads, results): the names of JSON types in messages,
 * known keys with a did-you-mean for typos, names looked up in tables,
 * types, integers vs reals, finite numbers in range. Each check records a
 * diag at the value's JSON path and returns -1, so a reader can check
 * everything and report every problem at once; base/jsonpos.h turns the
 * paths back into file:line:col.
 *
 * Two styles live here. The jcheck_keys/number/uint/string checks take the
 * parent's path as a string (the scenario loader's messages: "'seed' must
 * be an integer, got a string"). A struct jcheck_walk carries the path of
 * the value at hand as keys and indices are pushed and popped (the
 * workload and results readers' messages: "expected a number, got a
 * string"). Values from jansson are borrowed throughout.
 */
#ifndef VIRTSIM_JCHECK_H
#define VIRTSIM_JCHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "base/diag.h"
#include "base/strbuf.h"

/*
 * How v is named in messages: "an object", "an array", "a string", "an
 * integer", "a number", "a boolean", "null".
 */
const char *json_type_name(const json_t *v);

/* As json_type_name, but a real is "a real number" (results files). */
const char *json_type_name_real(const json_t *v);

/*
 * v without its const, for jansson's iterators (json_object_foreach), which
 * take non-const pointers although they only read: the one place the const
 * is dropped.
 */
json_t *jcheck_unconst(const json_t *v);

/* ---- checks given the parent's path ---- */

/* path + "/" + key into buf (cut to n bytes). */
const char *jcheck_path(char *buf, size_t n, const char *path, const char *key);

/* path + "[i]" into buf (cut to n bytes). */
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

/*
 * A non-empty string at obj[key] (borrowed); NULL and 0 when absent and
 * optional.
 */
int jcheck_string(const json_t *obj, const char *key, const char *path,
                  int required, const char **out, struct diag *dg);

/* ---- a walk that carries the path ---- */

struct jcheck_walk {
    struct diag *dg;            /* borrowed; may be NULL */
    int nerr;                   /* problems recorded through this walk */
    bool pointer;               /* RFC 6901: "/cells/2", '~' '/' escaped */
    struct strbuf path;         /* of the value at hand; "" at the root */
};

/*
 * Starts a walk at `path` (NULL: the root). Pointer walks write indices as
 * "/2" and escape keys as RFC 6901 says, and report the root as "/"; the
 * others write "[2]" and keys as they are, the paths base/jsonpos records.
 */
void jcheck_walk_init(struct jcheck_walk *w, struct diag *dg,
                      const char *path, bool pointer);

/* Frees the path; problems stay in the diag. */
void jcheck_walk_release(struct jcheck_walk *w);

/* Descends into key or element i; returns the mark jcheck_pop returns to. */
size_t jcheck_push_key(struct jcheck_walk *w, const char *key);
size_t jcheck_push_index(struct jcheck_walk *w, size_t i);
void jcheck_pop(struct jcheck_walk *w, size_t mark);

/* The last key of the path ("rate_rps"; "samples[3]"), for messages. */
const char *jcheck_leaf(const struct jcheck_walk *w);

/* Records a problem at the path at hand. Returns -1. */
int jcheck_fail(struct jcheck_walk *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Records a problem at path/key. Returns -1. */
int jcheck_fail_key(struct jcheck_walk *w, const char *key,
                    const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* "expected WHAT, got TYPE" at the path at hand. Returns -1. */
int jcheck_expected(struct jcheck_walk *w, const char *what, const json_t *v);

/*
 * Reports key as unknown at path/key: "unknown key 'k' (did you mean
 * 'x'?)" when one of known[0..n) is close, else "unknown key 'k'; valid
 * keys: a, b". Returns -1.
 */
int jcheck_unknown_key(struct jcheck_walk *w, const char *key,
                       const char *const *known, size_t n);

/*
 * Reports every key of obj not among known[0..n) as jcheck_unknown_key
 * does. Returns 0, or -1 when some key is unknown.
 */
int jcheck_known_keys(struct jcheck_walk *w, const json_t *obj,
                      const char *const *known, size_t n);

/*
 * "unknown WHAT 'name' (did you mean 'x'?)" or "unknown WHAT 'name';
 * valid: a, b" at path/key. Returns -1.
 */
int jcheck_unknown_name(struct jcheck_walk *w, const char *key,
                        const char *what, const char *name,
                        const char *const *names, size_t n);

/*
 * obj[key] as a string (borrowed) into *out. Returns 1 when present, 0 when
 * absent ("missing required key 'k'" and -1 if required), -1 when not a
 * string ("expected a string, got ...", at path/key).
 */
int jcheck_get_string(struct jcheck_walk *w, const json_t *obj,
                      const char *key, bool required, const char **out);

/*
 * Reads the name at obj[key] (required) and looks it up among names[0..n):
 * returns its index, or -1 with jcheck_unknown_name's message (WHAT names
 * the vocabulary: "op", "distribution").
 */
int jcheck_get_name(struct jcheck_walk *w, const json_t *obj,
                    const char *key, const char *what,
                    const char *const *names, size_t n);

/*
 * The value at hand as an array of 1 to max THINGS: its size in *n, or -1
 * with "expected WHAT, got TYPE" or "must hold 1 to MAX THINGS, got N".
 */
int jcheck_array(struct jcheck_walk *w, const json_t *v, const char *what,
                 size_t max, const char *things, size_t *n);

/* Limits on a number: [min, max], min itself excluded when min_open. */
struct jcheck_limits {
    double min;
    bool min_open;
    double max;
    bool integer;               /* whole numbers only (reals like 2.0 pass) */
};

/*
 * Checks x against lim at the path at hand, naming its leaf: "'k' must be
 * > 0, got -1", "'k' must be at most 10, got 11", "must be an integer".
 * Returns 0 or -1.
 */
int jcheck_limits_check(struct jcheck_walk *w, double x,
                        const struct jcheck_limits *lim);

/*
 * obj[key] as a number within lim into *out. Returns 1 when present and
 * valid, 0 when absent (-1 with "missing required key" if required), -1
 * when bad.
 */
int jcheck_get_number(struct jcheck_walk *w, const json_t *obj,
                      const char *key, bool required,
                      const struct jcheck_limits *lim, double *out);

#endif
