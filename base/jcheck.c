/*
 * jcheck.c - typed, range-checked reads of JSON values with diagnostics,
 * the names of JSON types, and walks that carry the path of the value at
 * hand. Knows jansson and base/, nothing else.
 */
#include "base/jcheck.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>


const char *json_type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "?";
}

json_t *jcheck_unconst(const json_t *v)
{
    union {
        const json_t *c;
        json_t *m;
    } u = {.c = v};

    return u.m;
}

const char *json_type_name_real(const json_t *v)
{
    return json_is_real(v) ? "a real number" : json_type_name(v);
}

/* ---- checks given the parent's path ---- */

const char *jcheck_path(char *buf, size_t n, const char *path, const char *key)
{
    snprintf(buf, n, "%s/%s", path, key);
    return buf;
}

const char *jcheck_index(char *buf, size_t n, const char *path, size_t i)
{
    snprintf(buf, n, "%s[%zu]", path, i);
    return buf;
}

/* Records a problem at path/key. Returns -1. */
static int fail_at(struct diag *dg, const char *path, const char *key,
                   const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail_at(struct diag *dg, const char *path, const char *key,
                   const char *fmt, ...)
{
    struct strbuf p = STRBUF_INIT, msg = STRBUF_INIT;
    va_list ap;

    strbuf_addf(&p, "%s/%s", path, key);
    va_start(ap, fmt);
    strbuf_vaddf(&msg, fmt, ap);
    va_end(ap);
    diag_set_path(dg, p.buf, "%s", msg.buf);
    strbuf_release(&msg);
    strbuf_release(&p);
    return -1;
}

/* An absent key: a problem at path when required (-1), else 0. */
static int absent(struct diag *dg, const char *path, const char *key,
                  int required)
{
    return required ? diag_set_path(dg, path, "missing key '%s'", key) : 0;
}

int jcheck_number(const json_t *obj, const char *key, const char *path,
                  double min, double max, int required, double def,
                  double *out, struct diag *dg)
{
    json_t *v = json_object_get(obj, key);
    double x;

    *out = def;
    if (!v)
        return absent(dg, path, key, required);
    if (!json_is_number(v))
        return fail_at(dg, path, key, "'%s' must be a number, got %s", key,
                       json_type_name(v));
    x = json_number_value(v);
    if (!isfinite(x))
        return fail_at(dg, path, key, "'%s' must be finite", key);
    if ((x < min || x > max) && max >= 1e300)
        return fail_at(dg, path, key, "'%s' must be >= %g, got %g", key, min,
                       x);
    if (x < min || x > max)
        return fail_at(dg, path, key, "'%s' must be in [%g, %g], got %g",
                       key, min, max, x);
    *out = x;
    return 0;
}

int jcheck_uint(const json_t *obj, const char *key, const char *path,
                uint64_t min, uint64_t max, int required, uint64_t def,
                uint64_t *out, struct diag *dg)
{
    json_t *v = json_object_get(obj, key);
    json_int_t x;

    *out = def;
    if (!v)
        return absent(dg, path, key, required);
    if (!json_is_integer(v))
        return fail_at(dg, path, key, "'%s' must be an integer, got %s", key,
                       json_type_name(v));
    x = json_integer_value(v);
    if (x < 0 || (uint64_t)x < min || (uint64_t)x > max)
        return fail_at(dg, path, key, "'%s' must be in [%" PRIu64 ", %"
                       PRIu64 "], got %" JSON_INTEGER_FORMAT, key, min, max,
                       x);
    *out = (uint64_t)x;
    return 0;
}

int jcheck_string(const json_t *obj, const char *key, const char *path,
                  int required, const char **out, struct diag *dg)
{
    json_t *v = json_object_get(obj, key);

    *out = NULL;
    if (!v)
        return absent(dg, path, key, required);
    if (!json_is_string(v))
        return fail_at(dg, path, key, "'%s' must be a string, got %s", key,
                       json_type_name(v));
    if (json_string_length(v) == 0)
        return fail_at(dg, path, key, "'%s' must not be empty", key);
    *out = json_string_value(v);
    return 0;
}

int jcheck_keys(json_t *obj, const char *path, const char *where,
                const char *const *valid, size_t n, struct diag *dg)
{
    const char *key;
    json_t *v;
    int rc = 0;

    json_object_foreach(obj, key, v) {
        const char *near;
        size_t i;

        for (i = 0; i < n; i++)
            if (!strcmp(key, valid[i]))
                break;
        if (i < n)
            continue;
        near = diag_near_miss(key, valid, n);
        if (near)
            rc = fail_at(dg, path, key, "unknown key '%s' in '%s' (did you "
                         "mean '%s'?)", key, where, near);
        else
            rc = fail_at(dg, path, key, "unknown key '%s' in '%s'", key,
                         where);
    }
    return rc;
}

/* ---- a walk that carries the path ---- */

void jcheck_walk_init(struct jcheck_walk *w, struct diag *dg,
                      const char *path, bool pointer)
{
    w->dg = dg;
    w->nerr = 0;
    w->pointer = pointer;
    strbuf_init(&w->path, 0);
    if (path)
        strbuf_addstr(&w->path, path);
}

void jcheck_walk_release(struct jcheck_walk *w)
{
    strbuf_release(&w->path);
}

size_t jcheck_push_key(struct jcheck_walk *w, const char *key)
{
    size_t mark = w->path.len;

    strbuf_addch(&w->path, '/');
    if (!w->pointer) {
        strbuf_addstr(&w->path, key);
        return mark;
    }
    for (; *key; key++) {
        if (*key == '~' || *key == '/') {
            strbuf_addch(&w->path, '~');
            strbuf_addch(&w->path, *key == '~' ? '0' : '1');
        } else {
            strbuf_addch(&w->path, *key);
        }
    }
    return mark;
}

size_t jcheck_push_index(struct jcheck_walk *w, size_t i)
{
    size_t mark = w->path.len;

    strbuf_addf(&w->path, w->pointer ? "/%zu" : "[%zu]", i);
    return mark;
}

void jcheck_pop(struct jcheck_walk *w, size_t mark)
{
    if (mark < w->path.len) {
        w->path.len = mark;
        w->path.buf[mark] = '\0';
    }
}

const char *jcheck_leaf(const struct jcheck_walk *w)
{
    const char *slash = strrchr(w->path.buf, '/');

    return slash ? slash + 1 : w->path.buf;
}

static int vfail(struct jcheck_walk *w, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

static int vfail(struct jcheck_walk *w, const char *fmt, va_list ap)
{
    struct strbuf msg = STRBUF_INIT;
    const char *path = w->path.buf;

    if (w->pointer && w->path.len == 0)
        path = "/";
    strbuf_vaddf(&msg, fmt, ap);
    diag_set_path(w->dg, path, "%s", msg.buf);
    strbuf_release(&msg);
    w->nerr++;
    return -1;
}

int jcheck_fail(struct jcheck_walk *w, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vfail(w, fmt, ap);
    va_end(ap);
    return -1;
}

int jcheck_fail_key(struct jcheck_walk *w, const char *key,
                    const char *fmt, ...)
{
    size_t mark = jcheck_push_key(w, key);
    va_list ap;

    va_start(ap, fmt);
    vfail(w, fmt, ap);
    va_end(ap);
    jcheck_pop(w, mark);
    return -1;
}

int jcheck_expected(struct jcheck_walk *w, const char *what, const json_t *v)
{
    return jcheck_fail(w, "expected %s, got %s", what, json_type_name(v));
}

int jcheck_unknown_key(struct jcheck_walk *w, const char *key,
                       const char *const *known, size_t n)
{
    const char *near = diag_near_miss(key, known, n);
    struct strbuf valid = STRBUF_INIT;

    if (near)
        return jcheck_fail_key(w, key, "unknown key '%s' (did you mean "
                               "'%s'?)", key, near);
    strbuf_add_list(&valid, known, n, ", ");
    jcheck_fail_key(w, key, "unknown key '%s'; valid keys: %s", key,
                    valid.buf);
    strbuf_release(&valid);
    return -1;
}

int jcheck_known_keys(struct jcheck_walk *w, const json_t *obj,
                      const char *const *known, size_t n)
{
    const char *key;
    json_t *v;
    int rc = 0;

    json_object_foreach(jcheck_unconst(obj), key, v) {
        size_t i;

        for (i = 0; i < n; i++)
            if (!strcmp(key, known[i]))
                break;
        if (i == n)
            rc = jcheck_unknown_key(w, key, known, n);
    }
    return rc;
}

int jcheck_unknown_name(struct jcheck_walk *w, const char *key,
                        const char *what, const char *name,
                        const char *const *names, size_t n)
{
    const char *near = diag_near_miss(name, names, n);
    struct strbuf valid = STRBUF_INIT;

    if (near)
        return jcheck_fail_key(w, key, "unknown %s '%s' (did you mean "
                               "'%s'?)", what, name, near);
    strbuf_add_list(&valid, names, n, ", ");
    jcheck_fail_key(w, key, "unknown %s '%s'; valid: %s", what, name,
                    valid.buf);
    strbuf_release(&valid);
    return -1;
}

int jcheck_get_string(struct jcheck_walk *w, const json_t *obj,
                      const char *key, bool required, const char **out)
{
    const json_t *v = json_object_get(obj, key);

    if (!v) {
        if (required)
            return jcheck_fail(w, "missing required key '%s'", key);
        return 0;
    }
    if (!json_is_string(v))
        return jcheck_fail_key(w, key, "expected a string, got %s",
                               json_type_name(v));
    *out = json_string_value(v);
    return 1;
}

int jcheck_get_name(struct jcheck_walk *w, const json_t *obj,
                    const char *key, const char *what,
                    const char *const *names, size_t n)
{
    const char *name;
    size_t i;

    if (jcheck_get_string(w, obj, key, true, &name) < 0)
        return -1;
    for (i = 0; i < n; i++)
        if (!strcmp(names[i], name))
            return (int)i;
    return jcheck_unknown_name(w, key, what, name, names, n);
}

int jcheck_array(struct jcheck_walk *w, const json_t *v, const char *what,
                 size_t max, const char *things, size_t *n)
{
    if (!json_is_array(v))
        return jcheck_expected(w, what, v);
    *n = json_array_size(v);
    if (*n == 0 || *n > max)
        return jcheck_fail(w, "must hold 1 to %zu %s, got %zu", max, things,
                           *n);
    return 0;
}

int jcheck_limits_check(struct jcheck_walk *w, double x,
                        const struct jcheck_limits *lim)
{
    const char *what = jcheck_leaf(w);

    if (!isfinite(x))
        return jcheck_fail(w, "'%s' must be a finite number", what);
    if (lim->min_open && !(x > lim->min))
        return jcheck_fail(w, "'%s' must be > %g, got %g", what, lim->min, x);
    if (!lim->min_open && x < lim->min)
        return jcheck_fail(w, "'%s' must be >= %g, got %g", what, lim->min,
                           x);
    if (x > lim->max)
        return jcheck_fail(w, "'%s' must be at most %g, got %g", what,
                           lim->max, x);
    if (lim->integer && x != floor(x))
        return jcheck_fail(w, "'%s' must be an integer, got %g", what, x);
    return 0;
}

int jcheck_get_number(struct jcheck_walk *w, const json_t *obj,
                      const char *key, bool required,
                      const struct jcheck_limits *lim, double *out)
{
    const json_t *v = json_object_get(obj, key);
    size_t mark;
    int rc;

    if (!v) {
        if (required)
            return jcheck_fail(w, "missing required key '%s'", key);
        return 0;
    }
    mark = jcheck_push_key(w, key);
    if (!json_is_number(v)) {
        rc = jcheck_expected(w, "a number", v);
    } else {
        *out = json_number_value(v);
        rc = jcheck_limits_check(w, *out, lim) < 0 ? -1 : 1;
    }
    jcheck_pop(w, mark);
    return rc;
}
