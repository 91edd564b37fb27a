/*
 * request.h - the shape of a request: one or more weighted variants (a
 * "mix", such as TPC-C's five transactions), each an ordered list of op
 * templates whose amounts are distributions. Drawing a request picks a
 * variant, then samples every amount of every op.
 *
 * The op fields users write (cycles, bytes, seconds, ...) are described
 * once in a table shared by the JSON reader and the trace readers and
 * writers, with their units and limits.
 *
 * A request_template owns its variants, op templates and their dists;
 * free it with request_template_release.
 */
#ifndef VIRTSIM_REQUEST_H
#define VIRTSIM_REQUEST_H

#include <stdbool.h>
#include <stddef.h>

#include "base/op.h"
#include "sim/rng.h"
#include "workloads/dist.h"

#define WORKLOAD_MAX_OPS 64     /* ops per request, at most */

/* A request as drawn (or read from a trace): its ops, in order. */
struct request {
    size_t nops;
    struct op ops[WORKLOAD_MAX_OPS];
};

/* The amounts of an op a user can give. */
enum op_field {
    OP_FIELD_CYCLES,            /* compute: cycles at native speed */
    OP_FIELD_SYSCALLS,          /* compute: counts of kernel events */
    OP_FIELD_PAGE_FAULTS,
    OP_FIELD_PT_UPDATES,
    OP_FIELD_PRIVILEGED,
    OP_FIELD_CTX_SWITCHES,
    OP_FIELD_BYTES,             /* net_rx, net_tx, disk_read, disk_write */
    OP_FIELD_COUNT,             /* irq, timer: how many */
    OP_FIELD_SECONDS,           /* sleep: how long */
    OP_FIELD_END
};

struct op_field_info {
    const char *key;            /* JSON key in an op: "cycles", "seconds" */
    const char *column;         /* trace column: "cycles", "sleep_s" */
    double max;                 /* largest value accepted from users */
    unsigned kinds;             /* bit (1u << kind) per op kind it applies to */
    unsigned required;          /* bit per op kind that must give it */
};

/* The description of field f. */
const struct op_field_info *op_field_info(enum op_field f);

/* True when field f is an amount of ops of kind k. */
bool op_field_applies(enum op_field f, enum op_kind k);

/* True when ops of kind k must give field f. */
bool op_field_required(enum op_field f, enum op_kind k);

/* The field whose JSON key is `key`, or -1. */
int op_field_from_key(const char *key);

/*
 * Sets field f of op to v (seconds are converted to picoseconds), and
 * reads it back (picoseconds as seconds).
 */
void op_set_field(struct op *op, enum op_field f, double v);
double op_get_field(const struct op *op, enum op_field f);

struct op_template {
    enum op_kind kind;
    struct dist amount[OP_FIELD_END];   /* const 0 where not given */
};

struct request_variant {
    char name[32];              /* "" when unnamed */
    double weight;              /* > 0; relative to the other variants */
    struct op_template *ops;    /* owned */
    size_t nops, cap;
};

struct request_template {
    struct request_variant *variants;   /* owned */
    size_t nvariants, cap;
    double total_weight;
};

/* An empty template (no variants). */
void request_template_init(struct request_template *t);

/* Frees everything t owns; t is left as after request_template_init. */
void request_template_release(struct request_template *t);

/*
 * Appends a variant with `weight` > 0 and an optional name (NULL or ""),
 * and returns it (valid until the next add). Its op list is empty.
 */
struct request_variant *request_template_add(struct request_template *t,
                                             const char *name, double weight);

/*
 * Appends an op of `kind` to v, every amount const 0, and returns it
 * (valid until the next add). The caller sets the amounts.
 */
struct op_template *request_variant_add_op(struct request_variant *v,
                                           enum op_kind kind);

/*
 * Draws one request: picks a variant by weight (one uniform from st when
 * there are several), then samples its ops' amounts in op order, field by
 * field, into out[0..max). Draws past a field's limit (see
 * op_field_info) are capped at it. Bytes and cycles are rounded to whole
 * numbers; counts of kernel events stay as drawn (expected numbers, so
 * their means are exact). Returns the number of ops, at most max, and
 * stores the variant's index in *variant when not NULL.
 */
size_t request_template_draw(const struct request_template *t,
                             struct rng_stream *st, struct op *out,
                             size_t max, size_t *variant);

/* Samples one op template into *out. */
void op_template_draw(const struct op_template *ot, struct rng_stream *st,
                      struct op *out);

/* The op whose amounts are the means of ot's distributions. */
void op_template_mean(const struct op_template *ot, struct op *out);

/* The largest number of ops of any variant. */
size_t request_template_max_ops(const struct request_template *t);

/*
 * True when every request drawn is the same: one variant (or none), every
 * amount a constant. Drawing such a request takes no random numbers.
 */
bool request_template_is_fixed(const struct request_template *t);

/* The smallest number of ops of any variant (0 without variants). */
size_t request_template_min_ops(const struct request_template *t);

#endif
