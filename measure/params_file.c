/*
 * params_file.c - reading and writing params files: parameter values by
 * name, checked against models/params.def, errors at line:col of the file.
 */
#include "measure/params_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "measure/json_file.h"
#include "base/jcheck.h"
#include "base/jsonpos.h"
#include "base/xalloc.h"

/* The whole text of path (a params file holds no NUL byte). */
static char *slurp(const char *path, size_t *len, struct diag *dg)
{
    FILE *fp = fopen(path, "r");
    char *buf = NULL;
    size_t cap = 0;
    ssize_t n;

    if (!fp) {
        diag_set(dg, 0, 0, "cannot open: %s", strerror(errno));
        return NULL;
    }
    n = getdelim(&buf, &cap, '\0', fp);
    if (ferror(fp)) {
        diag_set(dg, 0, 0, "cannot read: %s", strerror(errno));
        fclose(fp);
        free(buf);
        return NULL;
    }
    fclose(fp);
    *len = n < 0 ? 0 : (size_t)n;
    if (n < 0) {
        free(buf);
        buf = xcalloc(1, 1);
    }
    return buf;
}

/* Checks root and sets its values in p. Returns 0 or -1 with path diags. */
static int apply_values(const json_t *root, struct param_set *p,
                        struct diag *dg)
{
    const json_t *obj, *v;
    const char *key;
    char path[256];
    int rc = 0;

    if (!json_is_object(root))
        return diag_set(dg, 1, 1, "a params file must be a JSON object, "
                        "got %s", json_type_name(root));
    obj = json_object_get(root, "params");
    if (!obj)
        return diag_set(dg, 1, 1, "no 'params' object (a params file is "
                        "{\"params\": {\"NAME\": NUMBER, ...}})");
    if (!json_is_object(obj))
        return diag_set_path(dg, "/params", "'params' must be an object of "
                             "parameter names and numbers, got %s",
                             json_type_name(obj));
    json_object_foreach(jcheck_unconst(obj), key, v) {
        jcheck_path(path, sizeof(path), "/params", key);
        if (!json_is_number(v)) {
            rc = diag_set_path(dg, path, "parameter '%s' must be a number, "
                               "got %s", key, json_type_name(v));
            continue;
        }
        if (param_set_value(p, key, json_number_value(v), dg) < 0) {
            diag_locate_last(dg, path);
            rc = -1;
        }
    }
    return rc;
}

int params_file_read(const char *path, struct param_set *p,
                     json_t **params_out, struct diag *dg)
{
    struct param_set tmp = *p;
    struct jsonpos jp = {0};
    json_error_t err;
    json_t *root;
    size_t len;
    char *buf = slurp(path, &len, dg);
    int rc;

    if (params_out)
        *params_out = NULL;
    if (!buf)
        return -1;
    root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &err);
    if (!root) {
        free(buf);
        return diag_set(dg, err.line, err.column, "%s", err.text);
    }
    rc = apply_values(root, &tmp, dg);
    if (rc < 0) {
        jsonpos_scan(&jp, buf, len);
        jsonpos_resolve(&jp, dg);
        jsonpos_release(&jp);
    } else {
        *p = tmp;
        if (params_out)
            *params_out = json_incref(json_object_get(root, "params"));
    }
    json_decref(root);
    free(buf);
    return rc;
}

int params_file_apply(struct scenario *sc, const char *path, struct diag *dg)
{
    json_t *vals, *eff, *v;
    const char *key;

    if (params_file_read(path, &sc->params, &vals, dg) < 0)
        return -1;
    eff = json_object_get(sc->effective, "params");
    if (!json_is_object(eff)) {
        eff = json_object();
        json_object_set_new(sc->effective, "params", eff);
    }
    json_object_foreach(vals, key, v)
        json_object_set(eff, key, v);
    json_decref(vals);
    return 0;
}

int params_file_write(const char *path, const json_t *params,
                      const json_t *extra, struct diag *dg)
{
    json_t *root = json_object(), *v;
    const char *key;
    int rc;

    json_object_set_new(root, "params", json_deep_copy(params));
    if (extra)
        json_object_foreach(jcheck_unconst(extra), key, v)
            if (strcmp(key, "params") != 0)
                json_object_set_new(root, key, json_deep_copy(v));
    rc = json_file_write(path, root, dg);
    json_decref(root);
    return rc;
}
