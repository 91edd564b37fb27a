/*
 * workload_json.c - the scenario's "workload" object to a struct
 * workload: generators with overrides, arrival processes, requests and
 * mixes of ops, distributions. Reports every problem it finds with the
 * JSON path of the offending value (a base/jcheck walk carries it); the
 * scenario loader maps paths to line:column. Knows jansson, base/, sim/
 * and workloads/, nothing else.
 */
#include "workloads/workload_json.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/jcheck.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "workloads/generator.h"
#include "workloads/trace.h"

/* Inline empirical samples past this belong in a file. */
#define MAX_INLINE_SAMPLES 100000

struct ctx {
    struct jcheck_walk w;       /* the path at hand and the problems found */
    const char *base_dir;
};

/* file resolved against the base directory, xmalloc'ed. */
static char *resolve(const struct ctx *c, const char *file)
{
    struct strbuf sb = STRBUF_INIT;

    /* "trace.csv", not "./trace.csv": the name as the user wrote it. */
    if (c->base_dir && strcmp(c->base_dir, ".") == 0)
        return xstrdup(file);
    strbuf_path(&sb, c->base_dir, file);
    return strbuf_detach(&sb, NULL);
}

/*
 * Passes on the problems of a file a workload names (a trace, a samples
 * file) as that file's own: "trace.csv:3: error: ...", or "trace.csv:
 * error: cannot open trace: ...", the one form a trace's problems take
 * wherever they surface (virtsim trace check prints the same).
 */
static void forward(struct ctx *c, const struct diag *fd)
{
    if (fd->count == 0) {
        jcheck_fail(&c->w, "%s: unreadable", fd->file);
        return;
    }
    c->w.nerr += fd->count;
    if (!c->w.dg)
        return;
    diag_merge(c->w.dg, fd);
}

/* Keys a kind of distribution or arrival process takes, at most. */
#define KIND_KEYS 5

/*
 * The kind of a tagged object: the name at obj[key] among names[0..n)
 * (WHAT in messages), whose row of keys[n] (NULL-padded) lists the keys
 * that kind takes; others are reported. Returns the kind, or -1.
 */
static int kind_of(struct ctx *c, const json_t *obj, const char *key,
                   const char *what, const char *const *names, size_t n,
                   const char *const (*keys)[KIND_KEYS])
{
    size_t nkeys;
    int k = jcheck_get_name(&c->w, obj, key, what, names, n);

    if (k < 0)
        return -1;
    for (nkeys = 0; nkeys < KIND_KEYS && keys[k][nkeys]; nkeys++)
        ;
    jcheck_known_keys(&c->w, obj, keys[k], nkeys);
    return k;
}

/* ---- distributions ---- */

/* The samples of an empirical distribution from the file at hand. */
static int empirical_file(struct ctx *c, const char *file, double max,
                          struct dist *out)
{
    struct diag fd;
    char *full = resolve(c, file);
    double m = 0;
    size_t i;
    int rc;

    diag_init(&fd, full);
    rc = dist_empirical_load(out, full, &fd);
    if (rc < 0)
        forward(c, &fd);
    free(full);
    if (rc < 0)
        return -1;
    for (i = 0; i < out->nsamples; i++)
        if (out->samples[i] > m)
            m = out->samples[i];
    if (m > max) {
        jcheck_fail(&c->w, "samples must be at most %g, got %g", max, m);
        dist_release(out);
        return -1;
    }
    return 0;
}

/* Inline samples, the array at hand. */
static int empirical_samples(struct ctx *c, const json_t *samples,
                             double max, struct dist *out)
{
    const struct jcheck_limits lim = {0, false, max, false};
    double *v;
    size_t i, n;
    int bad = 0;

    if (jcheck_array(&c->w, samples, "an array of numbers",
                     MAX_INLINE_SAMPLES, "samples", &n) < 0)
        return -1;
    v = xmalloc(n * sizeof(*v));
    for (i = 0; i < n; i++) {
        const json_t *x = json_array_get(samples, i);
        size_t mark = jcheck_push_index(&c->w, i);

        if (!json_is_number(x)) {
            bad = jcheck_expected(&c->w, "a number", x);
        } else {
            v[i] = json_number_value(x);
            if (jcheck_limits_check(&c->w, v[i], &lim) < 0)
                bad = -1;
        }
        jcheck_pop(&c->w, mark);
    }
    if (bad) {
        free(v);
        return -1;
    }
    dist_empirical_take(out, v, n);
    return 0;
}

static int parse_empirical(struct ctx *c, const json_t *obj, double max,
                           struct dist *out)
{
    const json_t *samples = json_object_get(obj, "samples");
    const char *file = NULL;
    size_t mark;
    int rc;

    if (jcheck_get_string(&c->w, obj, "file", false, &file) < 0)
        return -1;
    if (!!samples == !!file)
        return jcheck_fail(&c->w, "an empirical distribution needs either "
                           "'file' or 'samples'");
    mark = jcheck_push_key(&c->w, file ? "file" : "samples");
    if (file)
        rc = empirical_file(c, file, max, out);
    else
        rc = empirical_samples(c, samples, max, out);
    jcheck_pop(&c->w, mark);
    return rc;
}

/*
 * Parses the distribution at hand, of values in [0, max]: a number (a
 * constant) or {"dist": KIND, ...}. Returns 0, or -1 with *out const 0.
 */
static int parse_dist(struct ctx *c, const json_t *v, double max,
                      struct dist *out)
{
    static const char *const keys[DIST_KIND_COUNT][KIND_KEYS] = {
        [DIST_CONST] = {"dist", "value"},
        [DIST_EXPONENTIAL] = {"dist", "mean"},
        [DIST_LOGNORMAL] = {"dist", "mean", "cv"},
        [DIST_UNIFORM] = {"dist", "min", "max"},
        [DIST_PARETO] = {"dist", "alpha", "min", "mean"},
        [DIST_EMPIRICAL] = {"dist", "file", "samples"},
    };
    const struct jcheck_limits amount = {0, false, max, false};
    const struct jcheck_limits positive = {0, true, max, false};
    struct jcheck_walk *w = &c->w;
    double a = 0, b = 0, m = 0;
    int k, bad = 0;

    *out = dist_const(0);
    if (json_is_number(v)) {
        if (jcheck_limits_check(w, json_number_value(v), &amount) < 0)
            return -1;
        *out = dist_const(json_number_value(v));
        return 0;
    }
    if (!json_is_object(v))
        return jcheck_expected(w, "a number or a distribution object", v);
    k = kind_of(c, v, "dist", "distribution", dist_kind_names,
                DIST_KIND_COUNT, keys);
    if (k < 0)
        return -1;
    switch ((enum dist_kind)k) {
    case DIST_CONST:
        if (jcheck_get_number(w, v, "value", true, &amount, &a) < 0)
            return -1;
        *out = dist_const(a);
        return 0;
    case DIST_EXPONENTIAL:
        if (jcheck_get_number(w, v, "mean", true, &positive, &a) < 0)
            return -1;
        *out = dist_exponential(a);
        return 0;
    case DIST_LOGNORMAL: {
        const struct jcheck_limits cv = {0, false, 100, false};

        bad |= jcheck_get_number(w, v, "mean", true, &positive, &a) < 0;
        bad |= jcheck_get_number(w, v, "cv", true, &cv, &b) < 0;
        if (bad)
            return -1;
        *out = dist_lognormal(a, b);
        return 0;
    }
    case DIST_UNIFORM:
        bad |= jcheck_get_number(w, v, "min", true, &amount, &a) < 0;
        bad |= jcheck_get_number(w, v, "max", true, &amount, &b) < 0;
        if (bad)
            return -1;
        if (b < a)
            return jcheck_fail_key(w, "max", "'max' must be >= 'min' (%g), "
                                   "got %g", a, b);
        *out = dist_uniform(a, b);
        return 0;
    case DIST_PARETO: {
        const struct jcheck_limits alpha = {0, true, 100, false};
        int has_min, has_mean;

        bad |= jcheck_get_number(w, v, "alpha", true, &alpha, &a) < 0;
        has_min = jcheck_get_number(w, v, "min", false, &positive, &b);
        has_mean = jcheck_get_number(w, v, "mean", false, &positive, &m);
        if (bad || has_min < 0 || has_mean < 0)
            return -1;
        if (has_min == has_mean)
            return jcheck_fail(w, "a pareto distribution needs either 'min' "
                               "or 'mean'");
        if (has_mean) {
            if (a <= 1)
                return jcheck_fail_key(w, "alpha", "'alpha' must be > 1 for "
                                       "a pareto given by its mean, got %g",
                                       a);
            b = m * (a - 1) / a;
        }
        *out = dist_pareto(a, b);
        return 0;
    }
    case DIST_EMPIRICAL:
        return parse_empirical(c, v, max, out);
    case DIST_KIND_COUNT:
        break;
    }
    return -1;
}

/* ---- ops and requests ---- */

/* The keys op kind k takes: "op" and its fields. Returns how many. */
static size_t kind_keys(enum op_kind k, const char **keys)
{
    size_t n = 0;
    int f;

    keys[n++] = "op";
    for (f = 0; f < OP_FIELD_END; f++)
        if (op_field_applies(f, k))
            keys[n++] = op_field_info(f)->key;
    return n;
}

/* One field of the op at hand: key's distribution, or why it is wrong. */
static int parse_field(struct ctx *c, const char *key, const json_t *v,
                       enum op_kind k, struct op_template *ot)
{
    const char *known[OP_FIELD_END + 1];
    size_t nknown = kind_keys(k, known);
    int f = op_field_from_key(key);
    size_t mark;
    int rc;

    if (f >= 0 && !op_field_applies(f, k)) {
        struct strbuf takes = STRBUF_INIT;

        strbuf_add_list(&takes, known + 1, nknown - 1, ", ");
        jcheck_fail_key(&c->w, key, "'%s' does not apply to op '%s' (it "
                        "takes %s)", key, op_kind_name(k), takes.buf);
        strbuf_release(&takes);
        return -1;
    }
    if (f < 0)
        return jcheck_unknown_key(&c->w, key, known, nknown);
    mark = jcheck_push_key(&c->w, key);
    rc = parse_dist(c, v, op_field_info(f)->max, &ot->amount[f]);
    jcheck_pop(&c->w, mark);
    return rc;
}

static int parse_op(struct ctx *c, const json_t *v,
                    struct request_variant *rv)
{
    struct op_template *ot;
    const char *key;
    json_t *fv;
    int k, f, bad = 0;

    if (!json_is_object(v))
        return jcheck_expected(&c->w, "an op object", v);
    k = jcheck_get_name(&c->w, v, "op", "op", op_kind_names, OP_KIND_COUNT);
    if (k < 0)
        return -1;
    ot = request_variant_add_op(rv, (enum op_kind)k);
    json_object_foreach(jcheck_unconst(v), key, fv) {
        if (strcmp(key, "op") &&
            parse_field(c, key, fv, (enum op_kind)k, ot) < 0)
            bad = -1;
    }
    for (f = 0; f < OP_FIELD_END; f++) {
        if (op_field_required(f, k) &&
            !json_object_get(v, op_field_info(f)->key))
            bad = jcheck_fail(&c->w, "missing required key '%s' for op '%s'",
                              op_field_info(f)->key, op_kind_name(k));
    }
    return bad;
}

static int parse_request(struct ctx *c, const json_t *v,
                         struct request_variant *rv)
{
    size_t i, n;
    int bad = 0;

    if (jcheck_array(&c->w, v, "an array of ops", WORKLOAD_MAX_OPS, "ops",
                     &n) < 0)
        return -1;
    for (i = 0; i < n; i++) {
        size_t mark = jcheck_push_index(&c->w, i);

        if (parse_op(c, json_array_get(v, i), rv) < 0)
            bad = -1;
        jcheck_pop(&c->w, mark);
    }
    return bad;
}

/* One weighted request of a mix, the object at hand. */
static int parse_mix_entry(struct ctx *c, const json_t *e,
                           struct request_template *t)
{
    static const char *const keys[] = {"name", "weight", "request"};
    const struct jcheck_limits weight = {0, true, 1e12, false};
    struct jcheck_walk *w = &c->w;
    struct request_variant *rv;
    const char *name = NULL;
    double wt = 1;
    size_t mark;
    int bad = 0;

    if (!json_is_object(e))
        return jcheck_expected(w, "an object with 'weight' and 'request'", e);
    jcheck_known_keys(w, e, keys, 3);
    if (jcheck_get_string(w, e, "name", false, &name) < 0 ||
        jcheck_get_number(w, e, "weight", true, &weight, &wt) < 0)
        bad = -1;
    if (name && strlen(name) >= sizeof(rv->name))
        bad = jcheck_fail_key(w, "name", "must be shorter than %zu "
                              "characters", sizeof(rv->name));
    if (!json_object_get(e, "request"))
        return jcheck_fail(w, "missing required key 'request'");
    rv = request_template_add(t, name, wt > 0 ? wt : 1);
    mark = jcheck_push_key(w, "request");
    if (parse_request(c, json_object_get(e, "request"), rv) < 0)
        bad = -1;
    jcheck_pop(w, mark);
    return bad;
}

static int parse_mix(struct ctx *c, const json_t *v,
                     struct request_template *t)
{
    size_t i, n;
    int bad = 0;

    if (jcheck_array(&c->w, v, "an array of weighted requests", 64,
                     "requests", &n) < 0)
        return -1;
    for (i = 0; i < n; i++) {
        size_t mark = jcheck_push_index(&c->w, i);

        if (parse_mix_entry(c, json_array_get(v, i), t) < 0)
            bad = -1;
        jcheck_pop(&c->w, mark);
    }
    return bad;
}

/* ---- arrivals ---- */

static int parse_closed(struct ctx *c, const json_t *v, struct arrival *out)
{
    const struct jcheck_limits clients = {1, false, 1e6, true};
    const json_t *think = json_object_get(v, "think_s");
    struct dist d = dist_const(0);
    double n = 0;
    int bad = 0;

    bad |= jcheck_get_number(&c->w, v, "clients", true, &clients, &n) < 0;
    if (think) {
        size_t mark = jcheck_push_key(&c->w, "think_s");

        if (parse_dist(c, think, 1e6, &d) < 0)
            bad = -1;
        jcheck_pop(&c->w, mark);
    }
    if (bad) {
        dist_release(&d);
        return -1;
    }
    *out = arrival_closed((unsigned)n, d);
    return 0;
}

static int parse_trace(struct ctx *c, const json_t *v, struct arrival *out)
{
    /*
     * 1e-6 to 1e6: a million times slower or faster. Any smaller and a
     * trace's timestamps no longer fit picoseconds in 64 bits.
     */
    const struct jcheck_limits speedup = {1e-6, false, 1e6, false};
    const char *file = NULL, *format = NULL;
    struct jcheck_walk *w = &c->w;
    double s = 1;
    char *full;
    int bad = 0;

    bad |= jcheck_get_string(w, v, "file", true, &file) < 0;
    bad |= jcheck_get_string(w, v, "format", false, &format) < 0;
    bad |= jcheck_get_number(w, v, "speedup", false, &speedup, &s) < 0;
    if (format && !trace_format_valid(format))
        bad = jcheck_fail_key(w, "format", "unknown trace format '%s'; "
                              "valid: csv, jsonl", format);
    if (bad)
        return -1;
    full = resolve(c, file);
    *out = arrival_trace(full, format ? format : trace_format_guess(file), s);
    free(full);
    return 0;
}

static int parse_arrival(struct ctx *c, const json_t *v, struct arrival *out)
{
    static const char *const keys[ARRIVAL_KIND_COUNT][KIND_KEYS] = {
        [ARRIVAL_POISSON] = {"process", "rate_rps"},
        [ARRIVAL_CONSTANT] = {"process", "rate_rps"},
        [ARRIVAL_BURSTY] = {"process", "rate_rps", "on_s", "off_s",
                            "off_rate_rps"},
        [ARRIVAL_CLOSED] = {"process", "clients", "think_s"},
        [ARRIVAL_TRACE] = {"process", "file", "format", "speedup"},
    };
    const struct jcheck_limits rate = {0, true, 1e9, false};
    const struct jcheck_limits period = {0, true, 1e6, false};
    const struct jcheck_limits nonneg = {0, false, 1e9, false};
    struct jcheck_walk *w = &c->w;
    double r = 0, on = 0, off = 0, off_rate = 0;
    int k, bad = 0;

    memset(out, 0, sizeof(*out));
    if (!json_is_object(v))
        return jcheck_expected(w, "an object", v);
    k = kind_of(c, v, "process", "process", arrival_kind_names,
                ARRIVAL_KIND_COUNT, keys);
    if (k < 0)
        return -1;
    switch ((enum arrival_kind)k) {
    case ARRIVAL_POISSON:
    case ARRIVAL_CONSTANT:
        if (jcheck_get_number(w, v, "rate_rps", true, &rate, &r) < 0)
            return -1;
        *out = k == ARRIVAL_POISSON ? arrival_poisson(r) : arrival_constant(r);
        return 0;
    case ARRIVAL_BURSTY:
        bad |= jcheck_get_number(w, v, "rate_rps", true, &rate, &r) < 0;
        bad |= jcheck_get_number(w, v, "on_s", true, &period, &on) < 0;
        bad |= jcheck_get_number(w, v, "off_s", true, &period, &off) < 0;
        bad |= jcheck_get_number(w, v, "off_rate_rps", false, &nonneg,
                                 &off_rate) < 0;
        if (bad)
            return -1;
        if (off_rate >= r)
            return jcheck_fail_key(w, "off_rate_rps", "must be less than "
                                   "'rate_rps' (%g), got %g", r, off_rate);
        *out = arrival_bursty(r, on, off, off_rate);
        return 0;
    case ARRIVAL_CLOSED:
        return parse_closed(c, v, out);
    case ARRIVAL_TRACE:
        return parse_trace(c, v, out);
    case ARRIVAL_KIND_COUNT:
        break;
    }
    return -1;
}

/* obj[key] as an arrival process into *out (pushing key while at it). */
static int parse_arrival_at(struct ctx *c, const json_t *obj,
                            const char *key, struct arrival *out)
{
    size_t mark = jcheck_push_key(&c->w, key);
    int rc = parse_arrival(c, json_object_get(obj, key), out);

    jcheck_pop(&c->w, mark);
    return rc;
}

/* ---- the workload object ---- */

/* Pages a request may touch at most: each miss becomes two ops. */
#define MEMORY_MAX_PAGES 16

/* obj's optional "memory": {"working_set_gib": X, "pages_per_request": N}. */
static int parse_memory(struct ctx *c, const json_t *obj,
                        struct workload_memory *out)
{
    static const char *const known[] = {"working_set_gib", "pages_per_request"};
    static const struct jcheck_limits ws = {0, true, 1e6, false};
    static const struct jcheck_limits pages = {0, false, MEMORY_MAX_PAGES,
                                               true};
    const json_t *m = json_object_get(obj, "memory");
    struct jcheck_walk *w = &c->w;
    size_t mark;
    int bad = 0;

    out->working_set_gib = 0;
    out->pages_per_request = 1;
    if (!m)
        return 0;
    mark = jcheck_push_key(w, "memory");
    if (!json_is_object(m)) {
        bad = jcheck_fail(w, "'memory' must be an object, got %s",
                          json_type_name(m));
        jcheck_pop(w, mark);
        return bad;
    }
    jcheck_known_keys(w, m, known, 2);
    if (jcheck_get_number(w, m, "working_set_gib", true, &ws,
                          &out->working_set_gib) < 0)
        bad = -1;
    if (jcheck_get_number(w, m, "pages_per_request", false, &pages,
                          &out->pages_per_request) < 0)
        bad = -1;
    jcheck_pop(w, mark);
    return bad;
}

/* obj's optional "peer": {"rtt_us": X, "reply_bytes": N}. */
static int parse_peer(struct ctx *c, const json_t *obj,
                      struct workload_peer *out)
{
    static const char *const known[] = {"rtt_us", "reply_bytes"};
    static const struct jcheck_limits rtt = {0, false, 1e7, false};
    static const struct jcheck_limits bytes = {1, false, 1e9, false};
    const json_t *p = json_object_get(obj, "peer");
    struct jcheck_walk *w = &c->w;
    size_t mark;
    int bad = 0;

    memset(out, 0, sizeof(*out));
    out->reply_bytes = 64;
    if (!p)
        return 0;
    mark = jcheck_push_key(w, "peer");
    if (!json_is_object(p)) {
        bad = jcheck_fail(w, "'peer' must be an object, got %s",
                          json_type_name(p));
        jcheck_pop(w, mark);
        return bad;
    }
    jcheck_known_keys(w, p, known, 2);
    if (jcheck_get_number(w, p, "rtt_us", true, &rtt, &out->rtt_us) < 0)
        bad = -1;
    if (jcheck_get_number(w, p, "reply_bytes", false, &bytes,
                          &out->reply_bytes) < 0)
        bad = -1;
    out->present = 1;
    jcheck_pop(w, mark);
    return bad;
}

static int from_generator(struct ctx *c, const json_t *obj,
                          struct workload *out)
{
    const char *known[GENERATOR_MAX_PARAMS + 4];
    const struct generator_ops *g;
    const json_t *arr = json_object_get(obj, "arrival");
    struct jcheck_walk *w = &c->w;
    struct arrival a;
    struct workload_memory mem;
    struct workload_peer peer;
    double v[GENERATOR_MAX_PARAMS];
    const char *name = NULL;
    size_t i;
    int bad = 0;

    if (jcheck_get_string(w, obj, "generator", true, &name) < 0)
        return -1;
    g = generator_find(name);
    if (!g) {
        const char *names[32];

        return jcheck_unknown_name(w, "generator", "generator", name, names,
                                   generator_name_list(names, 32));
    }
    known[0] = "generator";
    known[1] = "arrival";
    known[2] = "memory";
    known[3] = "peer";
    for (i = 0; i < g->nparams; i++)
        known[i + 4] = g->params[i].name;
    jcheck_known_keys(w, obj, known, g->nparams + 4);
    generator_defaults(g, v);
    for (i = 0; i < g->nparams; i++) {
        const struct gen_param *gp = &g->params[i];
        const struct jcheck_limits lim = {gp->min, false, gp->max,
                                          gp->integer};

        if (jcheck_get_number(w, obj, gp->name, false, &lim, &v[i]) < 0)
            bad = -1;
    }
    if (parse_memory(c, obj, &mem) < 0)
        bad = -1;
    if (parse_peer(c, obj, &peer) < 0)
        bad = -1;
    memset(&a, 0, sizeof(a));
    if (arr) {
        if (parse_arrival_at(c, obj, "arrival", &a) < 0)
            bad = -1;
        else if (a.kind == ARRIVAL_TRACE)
            bad = jcheck_fail_key(w, "arrival", "a generator's arrival "
                                  "cannot be a trace: replay the trace "
                                  "without 'generator'");
    }
    if (bad || w->nerr) {
        arrival_release(&a);
        return -1;
    }
    generator_build(g, v, out);
    out->memory = mem;
    out->peer = peer;
    if (arr) {
        arrival_release(&out->arrival);
        out->arrival = a;
    }
    return 0;
}

static int open_trace(struct ctx *c, struct workload *out)
{
    struct diag td;
    size_t mark;

    diag_init(&td, out->arrival.trace_file);
    out->trace = trace_open(out->arrival.trace_file,
                            out->arrival.trace_format, &td);
    if (out->trace)
        return 0;
    mark = jcheck_push_key(&c->w, "arrival");
    jcheck_push_key(&c->w, "file");
    forward(c, &td);
    jcheck_pop(&c->w, mark);
    return -1;
}

/* True when the arrival object names the trace process. */
static bool is_trace(const json_t *arr)
{
    const json_t *process = json_object_get(arr, "process");

    return json_is_object(arr) && json_is_string(process) &&
           !strcmp(json_string_value(process), "trace");
}

static int from_arrival(struct ctx *c, const json_t *obj,
                        struct workload *out)
{
    static const char *const known[] = {
        "generator", "arrival", "request", "mix", "memory", "peer",
    };
    const json_t *arr = json_object_get(obj, "arrival");
    const json_t *req = json_object_get(obj, "request");
    const json_t *mix = json_object_get(obj, "mix");
    struct jcheck_walk *w = &c->w;
    size_t mark;
    int bad = 0;

    jcheck_known_keys(w, obj, known, 6);
    request_template_init(&out->request);
    if (parse_memory(c, obj, &out->memory) < 0)
        bad = -1;
    if (parse_peer(c, obj, &out->peer) < 0)
        bad = -1;
    if (!arr)
        bad = jcheck_fail(w, "missing required key 'arrival' (or "
                          "'generator')");
    else if (parse_arrival_at(c, obj, "arrival", &out->arrival) < 0)
        bad = -1;
    /*
     * Decided from the JSON, so that a bad trace arrival is still known
     * to need no request.
     */
    if (is_trace(arr)) {
        snprintf(out->name, sizeof(out->name), "trace");
        if (req || mix)
            return jcheck_fail_key(w, req ? "request" : "mix", "'%s' cannot "
                                   "be used with a trace arrival: the ops "
                                   "come from the trace file",
                                   req ? "request" : "mix");
        return bad || w->nerr ? -1 : open_trace(c, out);
    }
    snprintf(out->name, sizeof(out->name), "custom");
    if (req && mix)
        return jcheck_fail(w, "use either 'request' or 'mix', not both");
    if (!req && !mix)
        return jcheck_fail(w, "missing required key 'request' (or 'mix')");
    mark = jcheck_push_key(w, req ? "request" : "mix");
    if (req && parse_request(c, req,
                             request_template_add(&out->request, NULL, 1)) < 0)
        bad = -1;
    if (mix && parse_mix(c, mix, &out->request) < 0)
        bad = -1;
    jcheck_pop(w, mark);
    return bad;
}

int workload_from_json(const json_t *obj, const char *json_path,
                       const char *base_dir, struct workload *out,
                       struct diag *dg)
{
    struct ctx c = {.base_dir = base_dir};
    const char *path = json_path ? json_path : "";
    int rc;

    memset(out, 0, sizeof(*out));
    if (!json_is_object(obj))
        return diag_set_path(dg, path[0] ? path : "/", "expected a workload "
                             "object, got %s", json_type_name(obj));
    jcheck_walk_init(&c.w, dg, path, false);
    if (json_object_get(obj, "generator"))
        rc = from_generator(&c, obj, out);
    else
        rc = from_arrival(&c, obj, out);
    if (rc < 0 || c.w.nerr)
        workload_release(out);
    if (rc == 0 && c.w.nerr)
        rc = -1;
    jcheck_walk_release(&c.w);
    return rc;
}
