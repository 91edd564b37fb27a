/*
 * request.c - request templates: weighted variants of op templates, the
 * table of op fields (keys, trace columns, limits), and drawing requests
 * from a random stream. Touches only sim/ and workloads/dist.
 */
#include "workloads/request.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "sim/time.h"
#include "base/xalloc.h"

#define K(kind) (1u << (kind))
#define NET_DISK (K(OP_NET_RX) | K(OP_NET_TX) | K(OP_DISK_READ) | \
                  K(OP_DISK_WRITE))

/*
 * Limits are sanity bounds on what users write, not physical limits: an
 * hour of cycles at 3 GHz, a billion kernel events, a terabyte per op, a
 * sleep of about 11 days. Anything past them is almost surely a unit
 * mistake, and it keeps simulated times far from the 2^64 ps horizon.
 */
static const struct op_field_info fields[OP_FIELD_END] = {
    [OP_FIELD_CYCLES] = {"cycles", "cycles", 1e13, K(OP_COMPUTE),
                         K(OP_COMPUTE)},
    [OP_FIELD_SYSCALLS] = {"syscalls", "syscalls", 1e9, K(OP_COMPUTE), 0},
    [OP_FIELD_PAGE_FAULTS] = {"page_faults", "page_faults", 1e9,
                              K(OP_COMPUTE), 0},
    [OP_FIELD_PT_UPDATES] = {"pt_updates", "pt_updates", 1e9, K(OP_COMPUTE),
                             0},
    [OP_FIELD_PRIVILEGED] = {"privileged", "privileged", 1e9, K(OP_COMPUTE),
                             0},
    [OP_FIELD_CTX_SWITCHES] = {"ctx_switches", "ctx_switches", 1e9,
                               K(OP_COMPUTE), 0},
    [OP_FIELD_BYTES] = {"bytes", "bytes", 1e12, NET_DISK, NET_DISK},
    [OP_FIELD_COUNT] = {"count", "count", 1e9, K(OP_IRQ) | K(OP_TIMER),
                        K(OP_IRQ) | K(OP_TIMER)},
    [OP_FIELD_SECONDS] = {"seconds", "sleep_s", 1e6, K(OP_SLEEP),
                          K(OP_SLEEP)},
};

const struct op_field_info *op_field_info(enum op_field f)
{
    assert((unsigned)f < OP_FIELD_END);
    return &fields[f];
}

bool op_field_applies(enum op_field f, enum op_kind k)
{
    return (fields[f].kinds & K(k)) != 0;
}

bool op_field_required(enum op_field f, enum op_kind k)
{
    return (fields[f].required & K(k)) != 0;
}

int op_field_from_key(const char *key)
{
    int f;

    for (f = 0; f < OP_FIELD_END; f++)
        if (!strcmp(fields[f].key, key))
            return f;
    return -1;
}

void op_set_field(struct op *op, enum op_field f, double v)
{
    switch (f) {
    case OP_FIELD_CYCLES:
        op->cycles = v;
        break;
    case OP_FIELD_SYSCALLS:
        op->syscalls = v;
        break;
    case OP_FIELD_PAGE_FAULTS:
        op->page_faults = v;
        break;
    case OP_FIELD_PT_UPDATES:
        op->pt_updates = v;
        break;
    case OP_FIELD_PRIVILEGED:
        op->privileged = v;
        break;
    case OP_FIELD_CTX_SWITCHES:
        op->ctx_switches = v;
        break;
    case OP_FIELD_BYTES:
        op->bytes = v;
        break;
    case OP_FIELD_COUNT:
        op->count = v;
        break;
    case OP_FIELD_SECONDS:
        op->sleep_ps = sim_time_from_sec(v);
        break;
    case OP_FIELD_END:
        break;
    }
}

double op_get_field(const struct op *op, enum op_field f)
{
    switch (f) {
    case OP_FIELD_CYCLES:
        return op->cycles;
    case OP_FIELD_SYSCALLS:
        return op->syscalls;
    case OP_FIELD_PAGE_FAULTS:
        return op->page_faults;
    case OP_FIELD_PT_UPDATES:
        return op->pt_updates;
    case OP_FIELD_PRIVILEGED:
        return op->privileged;
    case OP_FIELD_CTX_SWITCHES:
        return op->ctx_switches;
    case OP_FIELD_BYTES:
        return op->bytes;
    case OP_FIELD_COUNT:
        return op->count;
    case OP_FIELD_SECONDS:
        return sim_time_to_sec(op->sleep_ps);
    case OP_FIELD_END:
        break;
    }
    return 0;
}

void request_template_init(struct request_template *t)
{
    memset(t, 0, sizeof(*t));
}

void request_template_release(struct request_template *t)
{
    size_t i, j;
    int f;

    for (i = 0; i < t->nvariants; i++) {
        struct request_variant *v = &t->variants[i];

        for (j = 0; j < v->nops; j++)
            for (f = 0; f < OP_FIELD_END; f++)
                dist_release(&v->ops[j].amount[f]);
        free(v->ops);
    }
    free(t->variants);
    request_template_init(t);
}

struct request_variant *request_template_add(struct request_template *t,
                                             const char *name, double weight)
{
    struct request_variant *v;

    assert(isfinite(weight) && weight > 0);
    if (t->nvariants == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 4;
        t->variants = xreallocarray(t->variants, t->cap, sizeof(*v));
    }
    v = &t->variants[t->nvariants++];
    memset(v, 0, sizeof(*v));
    snprintf(v->name, sizeof(v->name), "%s", name ? name : "");
    v->weight = weight;
    t->total_weight += weight;
    return v;
}

struct op_template *request_variant_add_op(struct request_variant *v,
                                           enum op_kind kind)
{
    struct op_template *ot;
    int f;

    if (v->nops == v->cap) {
        v->cap = v->cap ? 2 * v->cap : 8;
        v->ops = xreallocarray(v->ops, v->cap, sizeof(*ot));
    }
    ot = &v->ops[v->nops++];
    ot->kind = kind;
    for (f = 0; f < OP_FIELD_END; f++)
        ot->amount[f] = dist_const(0);
    return ot;
}

/*
 * Field f of ot drawn from st: a const amount draws nothing (so adding one
 * shifts no other draw). Heavy tails (pareto with a small alpha) can reach
 * any size, even infinity: draws are capped at the limit users are held
 * to, so that a drawn request always fits in a trace that reads back.
 * Inlined with f a constant, the cap and the rounding fold away per field.
 */
static inline double draw_field(const struct op_template *ot,
                                enum op_field f, struct rng_stream *st)
{
    const struct dist *d = &ot->amount[f];
    double x = d->kind == DIST_CONST ? d->a : dist_sample(d, st);

    if (!(x <= fields[f].max))
        x = fields[f].max;
    if (f == OP_FIELD_BYTES || f == OP_FIELD_CYCLES)
        x = nearbyint(x);
    return x;
}

/*
 * One case per kind, with its fields (those whose `kinds` in the table
 * include it) in field order, the order of their draws;
 * tests/check_generators.c holds the cases to the table.
 */
void op_template_draw(const struct op_template *ot, struct rng_stream *st,
                      struct op *out)
{
    memset(out, 0, sizeof(*out));
    out->kind = ot->kind;
    switch (ot->kind) {
    case OP_COMPUTE:
        out->cycles = draw_field(ot, OP_FIELD_CYCLES, st);
        out->syscalls = draw_field(ot, OP_FIELD_SYSCALLS, st);
        out->page_faults = draw_field(ot, OP_FIELD_PAGE_FAULTS, st);
        out->pt_updates = draw_field(ot, OP_FIELD_PT_UPDATES, st);
        out->privileged = draw_field(ot, OP_FIELD_PRIVILEGED, st);
        out->ctx_switches = draw_field(ot, OP_FIELD_CTX_SWITCHES, st);
        break;
    case OP_NET_RX:
    case OP_NET_TX:
    case OP_DISK_READ:
    case OP_DISK_WRITE:
        out->bytes = draw_field(ot, OP_FIELD_BYTES, st);
        break;
    case OP_IRQ:
    case OP_TIMER:
        out->count = draw_field(ot, OP_FIELD_COUNT, st);
        break;
    case OP_SLEEP:
        out->sleep_ps = sim_time_from_sec(draw_field(ot, OP_FIELD_SECONDS,
                                                     st));
        break;
    case OP_KIND_COUNT:
        assert(!"op template of no kind");
        break;
    }
}

void op_template_mean(const struct op_template *ot, struct op *out)
{
    int f;

    memset(out, 0, sizeof(*out));
    out->kind = ot->kind;
    for (f = 0; f < OP_FIELD_END; f++)
        if (op_field_applies((enum op_field)f, ot->kind))
            op_set_field(out, (enum op_field)f, dist_mean(&ot->amount[f]));
}

/* Picks a variant index by weight with one uniform draw. */
static size_t pick_variant(const struct request_template *t,
                           struct rng_stream *st)
{
    double u, acc = 0;
    size_t i;

    if (t->nvariants == 1)
        return 0;
    u = gsl_rng_uniform(st->r) * t->total_weight;
    for (i = 0; i + 1 < t->nvariants; i++) {
        acc += t->variants[i].weight;
        if (u < acc)
            return i;
    }
    return t->nvariants - 1;
}

size_t request_template_draw(const struct request_template *t,
                             struct rng_stream *st, struct op *out,
                             size_t max, size_t *variant)
{
    const struct request_variant *v;
    size_t i, k;

    assert(t->nvariants > 0);
    k = pick_variant(t, st);
    if (variant)
        *variant = k;
    v = &t->variants[k];
    for (i = 0; i < v->nops && i < max; i++)
        op_template_draw(&v->ops[i], st, &out[i]);
    return i;
}

size_t request_template_max_ops(const struct request_template *t)
{
    size_t i, m = 0;

    for (i = 0; i < t->nvariants; i++)
        if (t->variants[i].nops > m)
            m = t->variants[i].nops;
    return m;
}

bool request_template_is_fixed(const struct request_template *t)
{
    size_t i;
    int f;

    if (t->nvariants == 0)
        return true;
    if (t->nvariants > 1)
        return false;
    for (i = 0; i < t->variants[0].nops; i++)
        for (f = 0; f < OP_FIELD_END; f++)
            if (t->variants[0].ops[i].amount[f].kind != DIST_CONST)
                return false;
    return true;
}

size_t request_template_min_ops(const struct request_template *t)
{
    size_t i, m = t->nvariants ? SIZE_MAX : 0;

    for (i = 0; i < t->nvariants; i++)
        if (t->variants[i].nops < m)
            m = t->variants[i].nops;
    return m;
}
