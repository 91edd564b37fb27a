/*
 * jcheck.c - typed, range-checked reads of JSON values with diagnostics.
 */
#include "base/jcheck.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/xalloc.h"
#include "base/json_names.h"

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

int jcheck_keys(json_t *obj, const char *path, const char *where,
                const char *const *valid, size_t n, struct diag *dg)
{
    const char *key;
    json_t *v;
    char p[256];
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
        jcheck_path(p, sizeof(p), path, key);
        if (near)
            diag_set_path(dg, p, "unknown key '%s' in '%s' (did you mean '%s'?)",
                          key, where, near);
        else
            diag_set_path(dg, p, "unknown key '%s' in '%s'", key, where);
        rc = -1;
    }
    return rc;
}

int jcheck_number(const json_t *obj, const char *key, const char *path,
                  double min, double max, int required, double def,
                  double *out, struct diag *dg)
{
    json_t *v = json_object_get(obj, key);
    char p[256];
    double x;

    jcheck_path(p, sizeof(p), path, key);
    *out = def;
    if (!v) {
        if (required)
            return diag_set_path(dg, path, "missing key '%s'", key);
        return 0;
    }
    if (!json_is_number(v))
        return diag_set_path(dg, p, "'%s' must be a number, got %s", key,
                             json_type_name(v));
    x = json_number_value(v);
    if (!isfinite(x))
        return diag_set_path(dg, p, "'%s' must be finite", key);
    if (x < min || x > max) {
        if (max >= 1e300)
            return diag_set_path(dg, p, "'%s' must be >= %g, got %g", key,
                                 min, x);
        return diag_set_path(dg, p, "'%s' must be in [%g, %g], got %g", key,
                             min, max, x);
    }
    *out = x;
    return 0;
}

int jcheck_uint(const json_t *obj, const char *key, const char *path,
                uint64_t min, uint64_t max, int required, uint64_t def,
                uint64_t *out, struct diag *dg)
{
    json_t *v = json_object_get(obj, key);
    char p[256];
    json_int_t x;

    jcheck_path(p, sizeof(p), path, key);
    *out = def;
    if (!v) {
        if (required)
            return diag_set_path(dg, path, "missing key '%s'", key);
        return 0;
    }
    if (!json_is_integer(v))
        return diag_set_path(dg, p, "'%s' must be an integer, got %s", key,
                             json_type_name(v));
    x = json_integer_value(v);
    if (x < 0 || (uint64_t)x < min || (uint64_t)x > max)
        return diag_set_path(dg, p, "'%s' must be in [%" PRIu64 ", %" PRIu64
                             "], got %" JSON_INTEGER_FORMAT, key, min, max, x);
    *out = (uint64_t)x;
    return 0;
}

int jcheck_string(const json_t *obj, const char *key, const char *path,
                  int required, const char **out, struct diag *dg)
{
    json_t *v = json_object_get(obj, key);
    char p[256];

    jcheck_path(p, sizeof(p), path, key);
    *out = NULL;
    if (!v) {
        if (required)
            return diag_set_path(dg, path, "missing key '%s'", key);
        return 0;
    }
    if (!json_is_string(v))
        return diag_set_path(dg, p, "'%s' must be a string, got %s", key,
                             json_type_name(v));
    if (json_string_length(v) == 0)
        return diag_set_path(dg, p, "'%s' must not be empty", key);
    *out = json_string_value(v);
    return 0;
}
