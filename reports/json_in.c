/*
 * json_in.c - results.json back into struct results. Walks the document
 * with a JSON path kept alongside, so every problem names where it is;
 * collects every problem (up to the diag's cap) rather than the first.
 */
#include "reports/json_in.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "reports/text.h"

struct reader {
    struct diag *dg;
    int nerr;
    size_t len;
    char path[256];             /* JSON pointer of the value at hand */
};

static void fail(struct reader *rd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void fail(struct reader *rd, const char *fmt, ...)
{
    char msg[DIAG_MSG_LEN];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    diag_set_path(rd->dg, rd->len ? rd->path : "/", "%s", msg);
    rd->nerr++;
}

/* Appends s to the path, escaped as RFC 6901 says ('~' "~0", '/' "~1"). */
static void path_add(struct reader *rd, const char *s)
{
    for (; *s && rd->len + 3 < sizeof(rd->path); s++) {
        if (*s == '~' || *s == '/') {
            rd->path[rd->len++] = '~';
            rd->path[rd->len++] = *s == '~' ? '0' : '1';
        } else {
            rd->path[rd->len++] = *s;
        }
    }
    rd->path[rd->len] = '\0';
}

/* Appends one separator, unescaped. */
static void path_slash(struct reader *rd)
{
    if (rd->len + 1 < sizeof(rd->path)) {
        rd->path[rd->len++] = '/';
        rd->path[rd->len] = '\0';
    }
}

/* Descends into key; returns the mark that pop() goes back to. */
static size_t push_key(struct reader *rd, const char *key)
{
    size_t mark = rd->len;

    path_slash(rd);
    path_add(rd, key);
    return mark;
}

static size_t push_index(struct reader *rd, size_t i)
{
    size_t mark = rd->len;
    char num[32];

    snprintf(num, sizeof(num), "%zu", i);
    path_slash(rd);
    path_add(rd, num);
    return mark;
}

static void pop(struct reader *rd, size_t mark)
{
    rd->len = mark;
    rd->path[mark] = '\0';
}

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return "an object";
    case JSON_ARRAY:
        return "an array";
    case JSON_STRING:
        return "a string";
    case JSON_INTEGER:
        return "an integer";
    case JSON_REAL:
        return "a real number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "a boolean";
    case JSON_NULL:
        return "null";
    }
    return "?";
}

/*
 * obj[key] when it is an object; NULL when missing or null (or when it is
 * something else, with a diag). Pushes key: the caller pops *mark.
 */
static json_t *get_object(struct reader *rd, const json_t *obj,
                          const char *key, size_t *mark)
{
    json_t *v = json_object_get(obj, key);

    *mark = push_key(rd, key);
    if (!v || json_is_null(v))
        return NULL;
    if (!json_is_object(v)) {
        fail(rd, "expected an object, got %s", type_name(v));
        return NULL;
    }
    return v;
}

/* A number: kept when missing, NaN when null. */
static void get_num(struct reader *rd, const json_t *obj, const char *key,
                    double *out)
{
    const json_t *v = json_object_get(obj, key);
    size_t mark;

    if (!v)
        return;
    mark = push_key(rd, key);
    if (json_is_null(v))
        *out = NAN;
    else if (json_is_number(v))
        *out = json_number_value(v);
    else
        fail(rd, "expected a number, got %s", type_name(v));
    pop(rd, mark);
}

/* A non-negative integer no larger than max: kept when missing. */
static void get_count(struct reader *rd, const json_t *obj, const char *key,
                      uint64_t max, uint64_t *out)
{
    const json_t *v = json_object_get(obj, key);
    size_t mark;

    if (!v)
        return;
    mark = push_key(rd, key);
    if (!json_is_integer(v))
        fail(rd, "expected an integer, got %s", type_name(v));
    else if (json_integer_value(v) < 0 ||
             (uint64_t)json_integer_value(v) > max)
        fail(rd, "must be between 0 and %llu, got %lld",
             (unsigned long long)max, (long long)json_integer_value(v));
    else
        *out = (uint64_t)json_integer_value(v);
    pop(rd, mark);
}

static void get_bool(struct reader *rd, const json_t *obj, const char *key,
                     bool *out)
{
    const json_t *v = json_object_get(obj, key);
    size_t mark;

    if (!v)
        return;
    mark = push_key(rd, key);
    if (json_is_boolean(v))
        *out = json_is_true(v);
    else
        fail(rd, "expected a boolean, got %s", type_name(v));
    pop(rd, mark);
}

/* A string into a fixed field; required ones must be present. */
static void get_str(struct reader *rd, const json_t *obj, const char *key,
                    char *buf, size_t size, bool required)
{
    const json_t *v = json_object_get(obj, key);
    size_t mark;

    if (!v) {
        if (required)
            fail(rd, "missing required key '%s'", key);
        return;
    }
    mark = push_key(rd, key);
    if (json_is_string(v))
        text_utf8_copy(buf, size, json_string_value(v),
                       json_string_length(v));
    else
        fail(rd, "expected a string, got %s", type_name(v));
    pop(rd, mark);
}

#define GET_STR(rd, obj, key, field, req) \
    get_str((rd), (obj), (key), (field), sizeof(field), (req))

static void get_metric(struct reader *rd, const json_t *obj, const char *key,
                       struct metric *m)
{
    size_t mark;
    const json_t *o = get_object(rd, obj, key, &mark);

    if (o) {
        get_num(rd, o, "mean", &m->mean);
        get_num(rd, o, "ci95", &m->ci95);
    }
    pop(rd, mark);
}

static void read_paths(struct reader *rd, const json_t *cell,
                       struct cell_result *c)
{
    size_t mark;
    const json_t *o = get_object(rd, cell, "paths", &mark);
    int p;

    for (p = 0; o && p < RPATH_COUNT; p++)
        GET_STR(rd, o, result_path_name(p), c->paths[p], false);
    pop(rd, mark);
}

static void read_point(struct reader *rd, const json_t *cell,
                       struct cell_result *c)
{
    size_t mark;
    json_t *o = get_object(rd, cell, "point", &mark);
    const char *key;
    json_t *v;

    if (o && json_object_size(o) > RESULT_MAX_POINT)
        fail(rd, "at most %d swept dimensions, got %zu", RESULT_MAX_POINT,
             json_object_size(o));
    else if (o)
        json_object_foreach(o, key, v) {
            struct point_coord *pc = &c->point[c->npoint++];

            text_utf8_copy(pc->path, sizeof(pc->path), key, strlen(key));
            get_num(rd, o, key, &pc->value);
        }
    pop(rd, mark);
}

static void read_latency(struct reader *rd, const json_t *cell,
                         struct cell_result *c)
{
    size_t mark;
    const json_t *o = get_object(rd, cell, "latency_us", &mark);

    if (o) {
        get_metric(rd, o, "mean", &c->lat_mean);
        get_metric(rd, o, "p50", &c->lat_p50);
        get_metric(rd, o, "p90", &c->lat_p90);
        get_metric(rd, o, "p99", &c->lat_p99);
        get_metric(rd, o, "p999", &c->lat_p999);
        get_metric(rd, o, "max", &c->lat_max);
    }
    pop(rd, mark);
}

static void read_cpu(struct reader *rd, const json_t *cell,
                     struct cell_result *c)
{
    size_t mark, inner;
    const json_t *o = get_object(rd, cell, "cpu", &mark);
    const json_t *sub;
    int k;

    if (o) {
        get_metric(rd, o, "overhead_pct", &c->overhead_pct);
        sub = get_object(rd, o, "seconds_by_category", &inner);
        for (k = 0; sub && k < RCPU_COUNT; k++)
            get_num(rd, sub, result_cpu_name(k), &c->cpu_seconds[k]);
        pop(rd, inner);
        sub = get_object(rd, o, "utilization", &inner);
        if (sub) {
            get_num(rd, sub, "vcpu", &c->util_vcpu.mean);
            get_num(rd, sub, "host_cpu", &c->util_host.mean);
        }
        pop(rd, inner);
    }
    pop(rd, mark);
}

/* obj[key] as an object holding numbers named k1 and k2. */
static void read_pair(struct reader *rd, const json_t *cell, const char *key,
                      const char *k1, double *v1, const char *k2, double *v2)
{
    size_t mark;
    const json_t *o = get_object(rd, cell, key, &mark);

    if (o) {
        get_num(rd, o, k1, v1);
        get_num(rd, o, k2, v2);
    }
    pop(rd, mark);
}

/* The credits series of a burstable cell, if any. */
static void read_series(struct reader *rd, const json_t *credits,
                        struct cell_result *c)
{
    const json_t *arr = json_object_get(credits, "series");
    size_t mark = push_key(rd, "series");
    size_t i;

    if (arr && !json_is_array(arr))
        fail(rd, "expected an array, got %s", type_name(arr));
    else if (arr && json_array_size(arr) > RESULT_SERIES)
        fail(rd, "at most %d samples, got %zu", RESULT_SERIES,
             json_array_size(arr));
    for (i = 0; json_is_array(arr) && i < json_array_size(arr) &&
                i < RESULT_SERIES; i++) {
        const json_t *e = json_array_get(arr, i);
        size_t at = push_index(rd, i);

        if (!json_is_object(e)) {
            fail(rd, "expected an object, got %s", type_name(e));
        } else {
            get_num(rd, e, "t_s", &c->series_t_s[i]);
            get_num(rd, e, "balance", &c->series_credits[i]);
            get_num(rd, e, "vcpu_delivered", &c->series_vcpu[i]);
            c->nseries = i + 1;
        }
        pop(rd, at);
    }
    pop(rd, mark);
}

static void read_cost(struct reader *rd, const json_t *cell,
                      struct cell_result *c)
{
    size_t mark;
    const json_t *o = get_object(rd, cell, "cost", &mark);

    if (o) {
        get_num(rd, o, "usd_per_hour", &c->usd_per_hour);
        get_num(rd, o, "usd_per_million_requests", &c->usd_per_million);
        get_num(rd, o, "credits_surplus_usd_per_hour",
                &c->credits_surplus_usd_per_hour);
    }
    pop(rd, mark);
    o = get_object(rd, cell, "credits", &mark);
    if (o) {
        get_num(rd, o, "throttled_at_s", &c->throttled_at_s);
        if (isnan(c->throttled_at_s))
            c->throttled_at_s = -1;     /* null: never throttled */
        read_series(rd, o, c);
    }
    pop(rd, mark);
}

static void read_slo(struct reader *rd, const json_t *cell,
                     struct cell_result *c)
{
    size_t mark, inner, i;
    const json_t *o = get_object(rd, cell, "slo", &mark);
    const json_t *failed;

    if (o) {
        c->slo_checked = true;
        get_bool(rd, o, "met", &c->slo_met);
        failed = json_object_get(o, "failed");
        inner = push_key(rd, "failed");
        if (failed && !json_is_array(failed))
            fail(rd, "expected an array, got %s", type_name(failed));
        else if (failed && json_array_size(failed) > RESULT_MAX_FAILED)
            fail(rd, "at most %d SLO failures, got %zu", RESULT_MAX_FAILED,
                 json_array_size(failed));
        for (i = 0; failed && json_is_array(failed) &&
                    i < json_array_size(failed) && i < RESULT_MAX_FAILED;
             i++) {
            const json_t *s = json_array_get(failed, i);
            size_t at = push_index(rd, i);

            if (json_is_string(s))
                text_utf8_copy(c->failed[c->nfailed++], sizeof(c->failed[0]),
                               json_string_value(s), json_string_length(s));
            else
                fail(rd, "expected a string, got %s", type_name(s));
            pop(rd, at);
        }
        pop(rd, inner);
    }
    pop(rd, mark);
}

static void read_spectrum(struct reader *rd, const json_t *cell,
                          struct cell_result *c)
{
    const json_t *arr = json_object_get(cell, "latency_spectrum");
    size_t mark = push_key(rd, "latency_spectrum");
    size_t i;

    if (!arr || json_is_null(arr)) {
        pop(rd, mark);
        return;
    }
    if (!json_is_array(arr))
        fail(rd, "expected an array, got %s", type_name(arr));
    else if (json_array_size(arr) > RESULT_SPECTRUM)
        fail(rd, "at most %d quantiles, got %zu", RESULT_SPECTRUM,
             json_array_size(arr));
    for (i = 0; json_is_array(arr) && i < json_array_size(arr) &&
                i < RESULT_SPECTRUM; i++) {
        const json_t *e = json_array_get(arr, i);
        size_t at = push_index(rd, i);

        if (!json_is_object(e)) {
            fail(rd, "expected an object, got %s", type_name(e));
        } else {
            get_num(rd, e, "q", &c->spectrum_q[i]);
            get_num(rd, e, "us", &c->spectrum_us[i]);
        }
        pop(rd, at);
    }
    pop(rd, mark);
}

static void read_cell(struct reader *rd, const json_t *cell,
                      struct cell_result *c)
{
    uint64_t reps = 0;
    size_t mark;
    const json_t *o;

    memset(c, 0, sizeof(*c));
    c->throttled_at_s = -1;
    if (!json_is_object(cell)) {
        fail(rd, "expected an object, got %s", type_name(cell));
        return;
    }
    GET_STR(rd, cell, "instance", c->instance, true);
    GET_STR(rd, cell, "generation", c->generation, true);
    read_paths(rd, cell, c);
    read_point(rd, cell, c);
    get_count(rd, cell, "replications", UINT_MAX, &reps);
    c->replications = (unsigned)reps;
    o = get_object(rd, cell, "requests", &mark);
    if (o) {
        get_count(rd, o, "completed", UINT64_MAX, &c->completed);
        get_count(rd, o, "dropped", UINT64_MAX, &c->dropped);
    }
    pop(rd, mark);
    get_metric(rd, cell, "throughput_rps", &c->throughput_rps);
    read_latency(rd, cell, c);
    read_cpu(rd, cell, c);
    read_pair(rd, cell, "network", "gbps", &c->net_gbps.mean,
              "pps", &c->net_pps.mean);
    read_pair(rd, cell, "storage", "iops", &c->storage_iops.mean,
              "mb_per_s", &c->storage_mbps.mean);
    read_cost(rd, cell, c);
    read_slo(rd, cell, c);
    read_spectrum(rd, cell, c);
}

int json_in_from_json(struct results *r, const json_t *root,
                      struct diag *dg)
{
    struct reader rd = { .dg = dg };
    json_t *scenario;
    const json_t *name, *cells;
    struct cell_result cell;
    size_t mark, i;
    const json_t *o;

    memset(r, 0, sizeof(*r));
    if (!json_is_object(root)) {
        fail(&rd, "expected an object, got %s", type_name(root));
        return -1;
    }
    scenario = json_object_get(root, "scenario");
    if (scenario && json_is_null(scenario))
        scenario = NULL;
    name = json_is_object(scenario) ? json_object_get(scenario, "name")
                                    : NULL;
    results_init(r, json_is_string(name) ? json_string_value(name) : "",
                 scenario);
    o = get_object(&rd, root, "virtsim", &mark);
    if (o)
        GET_STR(&rd, o, "version", r->version, false);
    pop(&rd, mark);
    get_bool(&rd, root, "partial", &r->partial);

    cells = json_object_get(root, "cells");
    mark = push_key(&rd, "cells");
    if (!cells)
        fail(&rd, "missing required key 'cells'");
    else if (!json_is_array(cells))
        fail(&rd, "expected an array, got %s", type_name(cells));
    for (i = 0; json_is_array(cells) && i < json_array_size(cells); i++) {
        size_t at = push_index(&rd, i);

        read_cell(&rd, json_array_get(cells, i), &cell);
        results_add(r, &cell);
        pop(&rd, at);
    }
    pop(&rd, mark);
    if (rd.nerr) {
        results_release(r);
        return -1;
    }
    return 0;
}

int json_in_read_file(struct results *r, const char *path, struct diag *dg)
{
    json_error_t err;
    json_t *root;
    FILE *fp;
    int rc;

    memset(r, 0, sizeof(*r));
    if (dg && !dg->file)
        dg->file = path;
    fp = fopen(path, "r");
    if (!fp)
        return diag_set(dg, 0, 0, "cannot open '%s': %s", path,
                        strerror(errno));
    root = json_loadf(fp, JSON_REJECT_DUPLICATES, &err);
    if (ferror(fp)) {
        int e = errno;

        fclose(fp);
        json_decref(root);
        return diag_set(dg, 0, 0, "cannot read '%s': %s", path,
                        strerror(e));
    }
    fclose(fp);
    if (!root)
        return diag_set(dg, err.line > 0 ? err.line : 0,
                        err.column > 0 ? err.column : 0, "%s", err.text);
    rc = json_in_from_json(r, root, dg);
    json_decref(root);
    return rc;
}
