/*
 * workload_json.c - the scenario's "workload" object to a struct
 * workload: generators with overrides, arrival processes, requests and
 * mixes of ops, distributions. Reports every problem it finds with the
 * JSON path of the offending value; the scenario loader maps paths to
 * line:column. Knows jansson, sim/ and workloads/, nothing else.
 */
#include "workloads/workload_json.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json_names.h"
#include "base/xalloc.h"
#include "workloads/generator.h"
#include "workloads/trace.h"

#define PATH_LEN 256

/* Inline empirical samples past this belong in a file. */
#define MAX_INLINE_SAMPLES 100000

struct ctx {
    struct diag *dg;
    const char *base_dir;
    int bad;                    /* problems found */
};

/* Limits on a number: [min, max], min itself excluded when min_open. */
struct limits {
    double min;
    bool min_open;
    double max;
    bool integer;
};

static void problem(struct ctx *c, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void problem(struct ctx *c, const char *path, const char *fmt, ...)
{
    char msg[DIAG_MSG_LEN];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    diag_set_path(c->dg, path, "%s", msg);
    c->bad++;
}

/* Paths too long for the buffer end in "..." (diag entries hold less). */
static void join(char *out, const char *base, const char *key)
{
    if (snprintf(out, PATH_LEN, "%s/%s", base, key) >= PATH_LEN)
        memcpy(out + PATH_LEN - 4, "...", 4);
}

static void join_index(char *out, const char *base, size_t i)
{
    if (snprintf(out, PATH_LEN, "%s[%zu]", base, i) >= PATH_LEN)
        memcpy(out + PATH_LEN - 4, "...", 4);
}

/*
 * jansson's iterators take non-const pointers although they only read;
 * this is the one place the const is dropped.
 */
static json_t *unconst(const json_t *v)
{
    union {
        const json_t *c;
        json_t *m;
    } u = {.c = v};

    return u.m;
}

/* Reports key (at path/key) as unknown, suggesting the nearest of known. */
static void unknown_key(struct ctx *c, const char *path, const char *key,
                        const char *const *known, size_t n)
{
    const char *near = diag_near_miss(key, known, n);
    char p[PATH_LEN], valid[200] = "";
    size_t i;

    join(p, path, key);
    if (near) {
        problem(c, p, "unknown key '%s' (did you mean '%s'?)", key, near);
        return;
    }
    for (i = 0; i < n; i++)
        snprintf(valid + strlen(valid), sizeof(valid) - strlen(valid),
                 "%s%s", i ? ", " : "", known[i]);
    problem(c, p, "unknown key '%s'; valid keys: %s", key, valid);
}

/* Reports every key of obj not in known[0..n). */
static void check_keys(struct ctx *c, const json_t *obj, const char *path,
                       const char *const *known, size_t n)
{
    void *it;

    for (it = json_object_iter(unconst(obj)); it;
         it = json_object_iter_next(unconst(obj), it)) {
        const char *key = json_object_iter_key(it);
        size_t i;

        for (i = 0; i < n; i++)
            if (!strcmp(key, known[i]))
                break;
        if (i == n)
            unknown_key(c, path, key, known, n);
    }
}

/* The last component of a path, the subject of a message about it. */
static const char *leaf(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? slash + 1 : path;
}

/* Checks x against lim, reporting at path. Returns 0 or -1. */
static int check_number(struct ctx *c, const char *path, double x,
                        const struct limits *lim)
{
    const char *what = leaf(path);

    if (!isfinite(x)) {
        problem(c, path, "'%s' must be a finite number", what);
        return -1;
    }
    if (lim->min_open && !(x > lim->min)) {
        problem(c, path, "'%s' must be > %g, got %g", what, lim->min, x);
        return -1;
    }
    if (!lim->min_open && x < lim->min) {
        problem(c, path, "'%s' must be >= %g, got %g", what, lim->min, x);
        return -1;
    }
    if (x > lim->max) {
        problem(c, path, "'%s' must be at most %g, got %g", what, lim->max, x);
        return -1;
    }
    if (lim->integer && x != floor(x)) {
        problem(c, path, "'%s' must be an integer, got %g", what, x);
        return -1;
    }
    return 0;
}

/*
 * Reads obj[key] as a number within lim into *out. Returns 1 when it is
 * there and valid, 0 when absent (a problem if required), -1 when bad.
 */
static int get_number(struct ctx *c, const json_t *obj, const char *path,
                      const char *key, bool required,
                      const struct limits *lim, double *out)
{
    const json_t *v = json_object_get(obj, key);
    char p[PATH_LEN];

    if (!v) {
        if (required)
            problem(c, path, "missing required key '%s'", key);
        return required ? -1 : 0;
    }
    join(p, path, key);
    if (!json_is_number(v)) {
        problem(c, p, "expected a number, got %s", json_type_name(v));
        return -1;
    }
    *out = json_number_value(v);
    return check_number(c, p, *out, lim) < 0 ? -1 : 1;
}

/* Reads obj[key] as a string. Same returns as get_number. */
static int get_string(struct ctx *c, const json_t *obj, const char *path,
                      const char *key, bool required, const char **out)
{
    const json_t *v = json_object_get(obj, key);
    char p[PATH_LEN];

    if (!v) {
        if (required)
            problem(c, path, "missing required key '%s'", key);
        return required ? -1 : 0;
    }
    if (!json_is_string(v)) {
        join(p, path, key);
        problem(c, p, "expected a string, got %s", json_type_name(v));
        return -1;
    }
    *out = json_string_value(v);
    return 1;
}

/* A name unknown among `names`: "unknown WHAT 'x' (did you mean ...)". */
static void unknown_name(struct ctx *c, const char *path, const char *what,
                         const char *name, const char *const *names,
                         size_t n)
{
    const char *near = diag_near_miss(name, names, n);
    char valid[200] = "";
    size_t i;

    if (near) {
        problem(c, path, "unknown %s '%s' (did you mean '%s'?)", what, name,
                near);
        return;
    }
    for (i = 0; i < n; i++)
        snprintf(valid + strlen(valid), sizeof(valid) - strlen(valid),
                 "%s%s", i ? ", " : "", names[i]);
    problem(c, path, "unknown %s '%s'; valid: %s", what, name, valid);
}

/* file resolved against the base directory, xmalloc'ed. */
static char *resolve(const struct ctx *c, const char *file)
{
    size_t n;
    char *p;

    if (!c->base_dir || !c->base_dir[0] || file[0] == '/')
        return xstrdup(file);
    n = strlen(c->base_dir) + strlen(file) + 2;
    p = xmalloc(n);
    snprintf(p, n, "%s/%s", c->base_dir, file);
    return p;
}

/* Copies the problems of a file reader's diag to path, naming the file. */
static void forward(struct ctx *c, const char *path, const struct diag *fd)
{
    int i;

    for (i = 0; i < fd->count; i++) {
        const struct diag_entry *e = &fd->e[i];

        if (e->line > 0)
            problem(c, path, "%s:%d: %s", fd->file, e->line, e->msg);
        else
            problem(c, path, "%s: %s", fd->file, e->msg);
    }
    if (fd->count == 0)
        problem(c, path, "%s: unreadable", fd->file);
}

/* ---- distributions ---- */

static int parse_empirical(struct ctx *c, const json_t *obj, const char *path,
                           double max, struct dist *out)
{
    const json_t *samples = json_object_get(obj, "samples");
    const char *file = NULL;
    char p[PATH_LEN];
    double *v;
    size_t i, n;
    int bad = 0;

    if (get_string(c, obj, path, "file", false, &file) < 0)
        return -1;
    if (!!samples == !!file) {
        problem(c, path, "an empirical distribution needs either 'file' or "
                "'samples'");
        return -1;
    }
    if (file) {
        struct diag fd;
        char *full = resolve(c, file);
        double m = 0;
        int rc;

        diag_init(&fd, full);
        rc = dist_empirical_load(out, full, &fd);
        join(p, path, "file");
        if (rc < 0)
            forward(c, p, &fd);
        free(full);
        if (rc < 0)
            return -1;
        for (i = 0; i < out->nsamples; i++)
            if (out->samples[i] > m)
                m = out->samples[i];
        if (m > max) {
            problem(c, p, "samples must be at most %g, got %g", max, m);
            dist_release(out);
            return -1;
        }
        return 0;
    }
    join(p, path, "samples");
    if (!json_is_array(samples)) {
        problem(c, p, "expected an array of numbers, got %s",
                json_type_name(samples));
        return -1;
    }
    n = json_array_size(samples);
    if (n == 0 || n > MAX_INLINE_SAMPLES) {
        problem(c, p, "must hold 1 to %d samples, got %zu",
                MAX_INLINE_SAMPLES, n);
        return -1;
    }
    v = xmalloc(n * sizeof(*v));
    for (i = 0; i < n; i++) {
        const json_t *x = json_array_get(samples, i);
        struct limits lim = {0, false, max, false};
        char pi[PATH_LEN];

        join_index(pi, p, i);
        if (!json_is_number(x)) {
            problem(c, pi, "expected a number, got %s", json_type_name(x));
            bad = -1;
            continue;
        }
        v[i] = json_number_value(x);
        if (check_number(c, pi, v[i], &lim) < 0)
            bad = -1;
    }
    if (bad) {
        free(v);
        return -1;
    }
    dist_empirical_take(out, v, n);
    return 0;
}

/*
 * Parses a distribution of values in [0, max] at path: a number (a
 * constant) or {"dist": KIND, ...}. Returns 0, or -1 with *out const 0.
 */
static int parse_dist(struct ctx *c, const json_t *v, const char *path,
                      double max, struct dist *out)
{
    static const char *const keys[DIST_KIND_COUNT][4] = {
        [DIST_CONST] = {"dist", "value"},
        [DIST_EXPONENTIAL] = {"dist", "mean"},
        [DIST_LOGNORMAL] = {"dist", "mean", "cv"},
        [DIST_UNIFORM] = {"dist", "min", "max"},
        [DIST_PARETO] = {"dist", "alpha", "min", "mean"},
        [DIST_EMPIRICAL] = {"dist", "file", "samples"},
    };
    static const char *const kinds[DIST_KIND_COUNT] = {
        "const", "exponential", "lognormal", "uniform", "pareto", "empirical",
    };
    const struct limits amount = {0, false, max, false};
    const struct limits positive = {0, true, max, false};
    const char *name;
    double a = 0, b = 0, m = 0;
    size_t nkeys;
    int k, bad = 0;

    *out = dist_const(0);
    if (json_is_number(v)) {
        if (check_number(c, path, json_number_value(v), &amount) < 0)
            return -1;
        *out = dist_const(json_number_value(v));
        return 0;
    }
    if (!json_is_object(v)) {
        problem(c, path, "expected a number or a distribution object, got %s",
                json_type_name(v));
        return -1;
    }
    if (get_string(c, v, path, "dist", true, &name) < 0)
        return -1;
    k = dist_kind_from_name(name);
    if (k < 0) {
        char p[PATH_LEN];

        join(p, path, "dist");
        unknown_name(c, p, "distribution", name, kinds, DIST_KIND_COUNT);
        return -1;
    }
    for (nkeys = 0; nkeys < 4 && keys[k][nkeys]; nkeys++)
        ;
    check_keys(c, v, path, keys[k], nkeys);
    switch ((enum dist_kind)k) {
    case DIST_CONST:
        if (get_number(c, v, path, "value", true, &amount, &a) < 0)
            return -1;
        *out = dist_const(a);
        return 0;
    case DIST_EXPONENTIAL:
        if (get_number(c, v, path, "mean", true, &positive, &a) < 0)
            return -1;
        *out = dist_exponential(a);
        return 0;
    case DIST_LOGNORMAL: {
        const struct limits cv = {0, false, 100, false};

        bad |= get_number(c, v, path, "mean", true, &positive, &a) < 0;
        bad |= get_number(c, v, path, "cv", true, &cv, &b) < 0;
        if (bad)
            return -1;
        *out = dist_lognormal(a, b);
        return 0;
    }
    case DIST_UNIFORM:
        bad |= get_number(c, v, path, "min", true, &amount, &a) < 0;
        bad |= get_number(c, v, path, "max", true, &amount, &b) < 0;
        if (bad)
            return -1;
        if (b < a) {
            char p[PATH_LEN];

            join(p, path, "max");
            problem(c, p, "'max' must be >= 'min' (%g), got %g", a, b);
            return -1;
        }
        *out = dist_uniform(a, b);
        return 0;
    case DIST_PARETO: {
        const struct limits alpha = {0, true, 100, false};
        int has_min, has_mean;

        bad |= get_number(c, v, path, "alpha", true, &alpha, &a) < 0;
        has_min = get_number(c, v, path, "min", false, &positive, &b);
        has_mean = get_number(c, v, path, "mean", false, &positive, &m);
        if (bad || has_min < 0 || has_mean < 0)
            return -1;
        if (has_min == has_mean) {
            problem(c, path, "a pareto distribution needs either 'min' or "
                    "'mean'");
            return -1;
        }
        if (has_mean) {
            if (a <= 1) {
                char p[PATH_LEN];

                join(p, path, "alpha");
                problem(c, p, "'alpha' must be > 1 for a pareto given by its mean, "
                        "got %g", a);
                return -1;
            }
            b = m * (a - 1) / a;
        }
        *out = dist_pareto(a, b);
        return 0;
    }
    case DIST_EMPIRICAL:
        return parse_empirical(c, v, path, max, out);
    case DIST_KIND_COUNT:
        break;
    }
    return -1;
}

/* ---- ops and requests ---- */

static void kind_keys(enum op_kind k, char *buf, size_t size)
{
    size_t len = 0;
    int f;

    buf[0] = '\0';
    for (f = 0; f < OP_FIELD_END; f++) {
        if (!op_field_applies(f, k))
            continue;
        snprintf(buf + len, size - len, "%s%s", len ? ", " : "",
                 op_field_info(f)->key);
        len += strlen(buf + len);
    }
}

static int parse_op(struct ctx *c, const json_t *v, const char *path,
                    struct request_variant *rv)
{
    static const char *const kinds[OP_KIND_COUNT] = {
        "compute", "net_rx", "net_tx", "disk_read", "disk_write", "sleep",
        "irq", "timer",
    };
    const char *known[OP_FIELD_END + 1];
    struct op_template *ot;
    const char *name;
    size_t nknown = 0;
    void *it;
    int k, f, bad = 0;

    if (!json_is_object(v)) {
        problem(c, path, "expected an op object, got %s", json_type_name(v));
        return -1;
    }
    if (get_string(c, v, path, "op", true, &name) < 0)
        return -1;
    k = op_kind_from_name(name);
    if (k < 0) {
        char p[PATH_LEN];

        join(p, path, "op");
        unknown_name(c, p, "op", name, kinds, OP_KIND_COUNT);
        return -1;
    }
    known[nknown++] = "op";
    for (f = 0; f < OP_FIELD_END; f++)
        if (op_field_applies(f, k))
            known[nknown++] = op_field_info(f)->key;
    ot = request_variant_add_op(rv, (enum op_kind)k);
    for (it = json_object_iter(unconst(v)); it;
         it = json_object_iter_next(unconst(v), it)) {
        const char *key = json_object_iter_key(it);
        char p[PATH_LEN], takes[128];

        if (!strcmp(key, "op"))
            continue;
        join(p, path, key);
        f = op_field_from_key(key);
        if (f >= 0 && !op_field_applies(f, k)) {
            kind_keys((enum op_kind)k, takes, sizeof(takes));
            problem(c, p, "'%s' does not apply to op '%s' (it takes %s)",
                    key, name, takes);
            bad = -1;
            continue;
        }
        if (f < 0) {
            unknown_key(c, path, key, known, nknown);
            bad = -1;
            continue;
        }
        if (parse_dist(c, json_object_iter_value(it), p,
                       op_field_info(f)->max, &ot->amount[f]) < 0)
            bad = -1;
    }
    for (f = 0; f < OP_FIELD_END; f++) {
        if (op_field_required(f, k) &&
            !json_object_get(v, op_field_info(f)->key)) {
            problem(c, path, "missing required key '%s' for op '%s'",
                    op_field_info(f)->key, name);
            bad = -1;
        }
    }
    return bad;
}

static int parse_request(struct ctx *c, const json_t *v, const char *path,
                         struct request_variant *rv)
{
    size_t i, n;
    int bad = 0;

    if (!json_is_array(v)) {
        problem(c, path, "expected an array of ops, got %s", json_type_name(v));
        return -1;
    }
    n = json_array_size(v);
    if (n == 0 || n > WORKLOAD_MAX_OPS) {
        problem(c, path, "must hold 1 to %d ops, got %zu", WORKLOAD_MAX_OPS,
                n);
        return -1;
    }
    for (i = 0; i < n; i++) {
        char p[PATH_LEN];

        join_index(p, path, i);
        if (parse_op(c, json_array_get(v, i), p, rv) < 0)
            bad = -1;
    }
    return bad;
}

static int parse_mix(struct ctx *c, const json_t *v, const char *path,
                     struct request_template *t)
{
    static const char *const keys[] = {"name", "weight", "request"};
    const struct limits weight = {0, true, 1e12, false};
    size_t i, n;
    int bad = 0;

    if (!json_is_array(v)) {
        problem(c, path, "expected an array of weighted requests, got %s",
                json_type_name(v));
        return -1;
    }
    n = json_array_size(v);
    if (n == 0 || n > 64) {
        problem(c, path, "must hold 1 to 64 requests, got %zu", n);
        return -1;
    }
    for (i = 0; i < n; i++) {
        const json_t *e = json_array_get(v, i);
        const char *name = NULL;
        struct request_variant *rv;
        char p[PATH_LEN], rp[PATH_LEN];
        double w = 1;

        join_index(p, path, i);
        if (!json_is_object(e)) {
            problem(c, p, "expected an object with 'weight' and 'request', "
                    "got %s", json_type_name(e));
            bad = -1;
            continue;
        }
        check_keys(c, e, p, keys, 3);
        if (get_string(c, e, p, "name", false, &name) < 0 ||
            get_number(c, e, p, "weight", true, &weight, &w) < 0)
            bad = -1;
        if (name && strlen(name) >= sizeof(rv->name)) {
            char np[PATH_LEN];

            join(np, p, "name");
            problem(c, np, "must be shorter than %zu characters",
                    sizeof(rv->name));
            bad = -1;
        }
        if (!json_object_get(e, "request")) {
            problem(c, p, "missing required key 'request'");
            bad = -1;
            continue;
        }
        rv = request_template_add(t, name, w > 0 ? w : 1);
        join(rp, p, "request");
        if (parse_request(c, json_object_get(e, "request"), rp, rv) < 0)
            bad = -1;
    }
    return bad;
}

/* ---- arrivals ---- */

static int parse_arrival(struct ctx *c, const json_t *v, const char *path,
                         struct arrival *out)
{
    static const char *const kinds[ARRIVAL_KIND_COUNT] = {
        "poisson", "constant", "bursty", "closed", "trace",
    };
    static const char *const keys[ARRIVAL_KIND_COUNT][5] = {
        [ARRIVAL_POISSON] = {"process", "rate_rps"},
        [ARRIVAL_CONSTANT] = {"process", "rate_rps"},
        [ARRIVAL_BURSTY] = {"process", "rate_rps", "on_s", "off_s",
                            "off_rate_rps"},
        [ARRIVAL_CLOSED] = {"process", "clients", "think_s"},
        [ARRIVAL_TRACE] = {"process", "file", "format", "speedup"},
    };
    const struct limits rate = {0, true, 1e9, false};
    const struct limits period = {0, true, 1e6, false};
    const char *name;
    char p[PATH_LEN];
    size_t nkeys;
    double r = 0, on = 0, off = 0, off_rate = 0;
    int k, bad = 0;

    memset(out, 0, sizeof(*out));
    if (!json_is_object(v)) {
        problem(c, path, "expected an object, got %s", json_type_name(v));
        return -1;
    }
    if (get_string(c, v, path, "process", true, &name) < 0)
        return -1;
    k = arrival_kind_from_name(name);
    if (k < 0) {
        join(p, path, "process");
        unknown_name(c, p, "process", name, kinds, ARRIVAL_KIND_COUNT);
        return -1;
    }
    for (nkeys = 0; nkeys < 5 && keys[k][nkeys]; nkeys++)
        ;
    check_keys(c, v, path, keys[k], nkeys);
    switch ((enum arrival_kind)k) {
    case ARRIVAL_POISSON:
    case ARRIVAL_CONSTANT:
        if (get_number(c, v, path, "rate_rps", true, &rate, &r) < 0)
            return -1;
        *out = k == ARRIVAL_POISSON ? arrival_poisson(r) : arrival_constant(r);
        return 0;
    case ARRIVAL_BURSTY: {
        const struct limits nonneg = {0, false, 1e9, false};

        bad |= get_number(c, v, path, "rate_rps", true, &rate, &r) < 0;
        bad |= get_number(c, v, path, "on_s", true, &period, &on) < 0;
        bad |= get_number(c, v, path, "off_s", true, &period, &off) < 0;
        bad |= get_number(c, v, path, "off_rate_rps", false, &nonneg,
                          &off_rate) < 0;
        if (bad)
            return -1;
        if (off_rate >= r) {
            join(p, path, "off_rate_rps");
            problem(c, p, "must be less than 'rate_rps' (%g), got %g", r,
                    off_rate);
            return -1;
        }
        *out = arrival_bursty(r, on, off, off_rate);
        return 0;
    }
    case ARRIVAL_CLOSED: {
        const struct limits clients = {1, false, 1e6, true};
        const json_t *think = json_object_get(v, "think_s");
        struct dist d = dist_const(0);
        double n = 0;

        bad |= get_number(c, v, path, "clients", true, &clients, &n) < 0;
        join(p, path, "think_s");
        if (think && parse_dist(c, think, p, 1e6, &d) < 0)
            bad = -1;
        if (bad) {
            dist_release(&d);
            return -1;
        }
        *out = arrival_closed((unsigned)n, d);
        return 0;
    }
    case ARRIVAL_TRACE: {
        const struct limits speedup = {0, true, 1e6, false};
        const char *file = NULL, *format = NULL;
        double s = 1;
        char *full;

        bad |= get_string(c, v, path, "file", true, &file) < 0;
        bad |= get_string(c, v, path, "format", false, &format) < 0;
        bad |= get_number(c, v, path, "speedup", false, &speedup, &s) < 0;
        if (format && !trace_format_valid(format)) {
            join(p, path, "format");
            problem(c, p, "unknown trace format '%s'; valid: csv, jsonl",
                    format);
            bad = -1;
        }
        if (bad)
            return -1;
        full = resolve(c, file);
        *out = arrival_trace(full, format ? format : trace_format_guess(file),
                             s);
        free(full);
        return 0;
    }
    case ARRIVAL_KIND_COUNT:
        break;
    }
    return -1;
}

/* ---- the workload object ---- */

static int from_generator(struct ctx *c, const json_t *obj, const char *path,
                          struct workload *out)
{
    const char *known[GENERATOR_MAX_PARAMS + 2];
    const struct generator_ops *g;
    const json_t *arr = json_object_get(obj, "arrival");
    struct arrival a;
    double v[GENERATOR_MAX_PARAMS];
    const char *name = NULL;
    char p[PATH_LEN];
    size_t i;
    int bad = 0;

    if (get_string(c, obj, path, "generator", true, &name) < 0)
        return -1;
    g = generator_find(name);
    if (!g) {
        const char *names[32];
        size_t n = generator_count();

        for (i = 0; i < n && i < 32; i++)
            names[i] = generator_at(i)->name;
        join(p, path, "generator");
        unknown_name(c, p, "generator", name, names, n);
        return -1;
    }
    known[0] = "generator";
    known[1] = "arrival";
    for (i = 0; i < g->nparams; i++)
        known[i + 2] = g->params[i].name;
    check_keys(c, obj, path, known, g->nparams + 2);
    generator_defaults(g, v);
    for (i = 0; i < g->nparams; i++) {
        const struct gen_param *gp = &g->params[i];
        const struct limits lim = {gp->min, false, gp->max, gp->integer};

        if (get_number(c, obj, path, gp->name, false, &lim, &v[i]) < 0)
            bad = -1;
    }
    memset(&a, 0, sizeof(a));
    if (arr) {
        join(p, path, "arrival");
        if (parse_arrival(c, arr, p, &a) < 0) {
            bad = -1;
        } else if (a.kind == ARRIVAL_TRACE) {
            problem(c, p, "a generator's arrival cannot be a trace: replay "
                    "the trace without 'generator'");
            bad = -1;
        }
    }
    if (bad || c->bad) {
        arrival_release(&a);
        return -1;
    }
    generator_build(g, v, out);
    if (arr) {
        arrival_release(&out->arrival);
        out->arrival = a;
    }
    return 0;
}

static int open_trace(struct ctx *c, const char *path, struct workload *out)
{
    struct diag td;
    char p[PATH_LEN];

    diag_init(&td, out->arrival.trace_file);
    out->trace = trace_open(out->arrival.trace_file,
                            out->arrival.trace_format, &td);
    if (out->trace)
        return 0;
    join(p, path, "arrival/file");
    forward(c, p, &td);
    return -1;
}

static int from_arrival(struct ctx *c, const json_t *obj, const char *path,
                        struct workload *out)
{
    static const char *const known[] = {
        "generator", "arrival", "request", "mix",
    };
    const json_t *arr = json_object_get(obj, "arrival");
    const json_t *req = json_object_get(obj, "request");
    const json_t *mix = json_object_get(obj, "mix");
    char p[PATH_LEN];
    int bad = 0;

    check_keys(c, obj, path, known, 4);
    request_template_init(&out->request);
    if (!arr) {
        problem(c, path, "missing required key 'arrival' (or 'generator')");
        bad = -1;
    } else {
        join(p, path, "arrival");
        if (parse_arrival(c, arr, p, &out->arrival) < 0)
            bad = -1;
    }
    /*
     * Decided from the JSON, so that a bad trace arrival is still known
     * to need no request.
     */
    if (json_is_object(arr) && json_is_string(json_object_get(arr, "process"))
        && !strcmp(json_string_value(json_object_get(arr, "process")),
                   "trace")) {
        snprintf(out->name, sizeof(out->name), "trace");
        if (req || mix) {
            join(p, path, req ? "request" : "mix");
            problem(c, p, "'%s' cannot be used with a trace arrival: the ops "
                    "come from the trace file", req ? "request" : "mix");
            return -1;
        }
        return bad || c->bad ? -1 : open_trace(c, path, out);
    }
    snprintf(out->name, sizeof(out->name), "custom");
    if (req && mix) {
        problem(c, path, "use either 'request' or 'mix', not both");
        return -1;
    }
    if (!req && !mix) {
        problem(c, path, "missing required key 'request' (or 'mix')");
        return -1;
    }
    if (req) {
        join(p, path, "request");
        if (parse_request(c, req, p,
                          request_template_add(&out->request, NULL, 1)) < 0)
            bad = -1;
    } else {
        join(p, path, "mix");
        if (parse_mix(c, mix, p, &out->request) < 0)
            bad = -1;
    }
    return bad;
}

int workload_from_json(const json_t *obj, const char *json_path,
                       const char *base_dir, struct workload *out,
                       struct diag *dg)
{
    struct ctx c = {.dg = dg, .base_dir = base_dir};
    const char *path = json_path ? json_path : "";
    int rc;

    memset(out, 0, sizeof(*out));
    if (!json_is_object(obj)) {
        problem(&c, path[0] ? path : "/", "expected a workload object, got %s",
                json_type_name(obj));
        return -1;
    }
    if (json_object_get(obj, "generator"))
        rc = from_generator(&c, obj, path, out);
    else
        rc = from_arrival(&c, obj, path, out);
    if (rc < 0 || c.bad) {
        workload_release(out);
        return -1;
    }
    return 0;
}
