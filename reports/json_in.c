/*
 * json_in.c - results.json back into struct results. Walks the document
 * with a JSON path kept alongside, so every problem names where it is;
 * collects every problem (up to the diag's cap) rather than the first.
 */
#include "reports/json_in.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/infile.h"
#include "base/jcheck.h"
#include "reports/text.h"

/*
 * The reader is a base/jcheck walk with pointer paths ("/cells/2/p99"). The
 * getters below are the results file's own rules (a missing value keeps its
 * default, a null number is NaN); the messages and paths are the walk's.
 */

/* "expected WHAT, got TYPE", a real named "a real number". */
static void expected(struct jcheck_walk *rd, const char *what, const json_t *v)
{
    jcheck_fail(rd, "expected %s, got %s", what, json_type_name_real(v));
}

/*
 * obj[key] when it is an object; NULL when missing or null (or when it is
 * something else, with a diag). Pushes key: the caller pops *mark.
 */
static json_t *get_object(struct jcheck_walk *rd, const json_t *obj,
                          const char *key, size_t *mark)
{
    json_t *v = json_object_get(obj, key);

    *mark = jcheck_push_key(rd, key);
    if (!v || json_is_null(v))
        return NULL;
    if (!json_is_object(v)) {
        expected(rd, "an object", v);
        return NULL;
    }
    return v;
}

/* A number: kept when missing, NaN when null. */
static void get_num(struct jcheck_walk *rd, const json_t *obj, const char *key,
                    double *out)
{
    const json_t *v = json_object_get(obj, key);
    size_t mark;

    if (!v)
        return;
    mark = jcheck_push_key(rd, key);
    if (json_is_null(v))
        *out = NAN;
    else if (json_is_number(v))
        *out = json_number_value(v);
    else
        expected(rd, "a number", v);
    jcheck_pop(rd, mark);
}

/* A non-negative integer no larger than max: kept when missing. */
static void get_count(struct jcheck_walk *rd, const json_t *obj,
                      const char *key, uint64_t max, uint64_t *out)
{
    const json_t *v = json_object_get(obj, key);
    size_t mark;

    if (!v)
        return;
    mark = jcheck_push_key(rd, key);
    if (!json_is_integer(v))
        expected(rd, "an integer", v);
    else if (json_integer_value(v) < 0 ||
             (uint64_t)json_integer_value(v) > max)
        jcheck_fail(rd, "must be between 0 and %llu, got %lld",
                    (unsigned long long)max, (long long)json_integer_value(v));
    else
        *out = (uint64_t)json_integer_value(v);
    jcheck_pop(rd, mark);
}

static void get_bool(struct jcheck_walk *rd, const json_t *obj, const char *key,
                     bool *out)
{
    const json_t *v = json_object_get(obj, key);
    size_t mark;

    if (!v)
        return;
    mark = jcheck_push_key(rd, key);
    if (json_is_boolean(v))
        *out = json_is_true(v);
    else
        expected(rd, "a boolean", v);
    jcheck_pop(rd, mark);
}

/* A string into a fixed field; required ones must be present. */
static void get_str(struct jcheck_walk *rd, const json_t *obj,
                    const char *key, char *buf, size_t size, bool required)
{
    const json_t *v = json_object_get(obj, key);
    size_t mark;

    if (!v) {
        if (required)
            jcheck_fail(rd, "missing required key '%s'", key);
        return;
    }
    mark = jcheck_push_key(rd, key);
    if (json_is_string(v))
        text_utf8_copy(buf, size, json_string_value(v),
                       json_string_length(v));
    else
        expected(rd, "a string", v);
    jcheck_pop(rd, mark);
}

#define GET_STR(rd, obj, key, field, req) \
    get_str((rd), (obj), (key), (field), sizeof(field), (req))

static void get_metric(struct jcheck_walk *rd, const json_t *obj,
                       const char *key, struct metric *m)
{
    size_t mark;
    const json_t *o = get_object(rd, obj, key, &mark);

    if (o) {
        get_num(rd, o, "mean", &m->mean);
        get_num(rd, o, "ci95", &m->ci95);
    }
    jcheck_pop(rd, mark);
}

static void read_paths(struct jcheck_walk *rd, const json_t *cell,
                       struct cell_result *c)
{
    size_t mark;
    const json_t *o = get_object(rd, cell, "paths", &mark);
    int p;

    for (p = 0; o && p < RPATH_COUNT; p++)
        GET_STR(rd, o, result_path_name(p), c->paths[p], false);
    jcheck_pop(rd, mark);
}

static void read_point(struct jcheck_walk *rd, const json_t *cell,
                       struct cell_result *c)
{
    size_t mark;
    json_t *o = get_object(rd, cell, "point", &mark);
    const char *key;
    json_t *v;

    if (o && json_object_size(o) > RESULT_MAX_POINT)
        jcheck_fail(rd, "at most %d swept dimensions, got %zu",
                    RESULT_MAX_POINT, json_object_size(o));
    else if (o)
        json_object_foreach(o, key, v) {
            struct point_coord *pc = &c->point[c->npoint++];

            text_utf8_copy(pc->path, sizeof(pc->path), key, strlen(key));
            get_num(rd, o, key, &pc->value);
        }
    jcheck_pop(rd, mark);
}

static void read_latency(struct jcheck_walk *rd, const json_t *cell,
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
    jcheck_pop(rd, mark);
}

static void read_cpu(struct jcheck_walk *rd, const json_t *cell,
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
        jcheck_pop(rd, inner);
        sub = get_object(rd, o, "utilization", &inner);
        if (sub) {
            get_num(rd, sub, "vcpu", &c->util_vcpu.mean);
            get_num(rd, sub, "host_cpu", &c->util_host.mean);
        }
        jcheck_pop(rd, inner);
        if (json_object_get(o, "steal_pct")) {
            c->host_shared = true;
            get_metric(rd, o, "steal_pct", &c->steal_pct);
        }
    }
    jcheck_pop(rd, mark);
}

/* obj[key] as an object holding numbers named k1 and k2. */
static void read_pair(struct jcheck_walk *rd, const json_t *cell,
                      const char *key, const char *k1, double *v1,
                      const char *k2, double *v2)
{
    size_t mark;
    const json_t *o = get_object(rd, cell, key, &mark);

    if (o) {
        get_num(rd, o, k1, v1);
        get_num(rd, o, k2, v2);
    }
    jcheck_pop(rd, mark);
}

/* The credits series of a burstable cell, if any. */
static void read_series(struct jcheck_walk *rd, const json_t *credits,
                        struct cell_result *c)
{
    const json_t *arr = json_object_get(credits, "series");
    size_t mark = jcheck_push_key(rd, "series");
    size_t i;

    if (arr && !json_is_array(arr))
        expected(rd, "an array", arr);
    else if (arr && json_array_size(arr) > RESULT_SERIES)
        jcheck_fail(rd, "at most %d samples, got %zu", RESULT_SERIES,
                    json_array_size(arr));
    for (i = 0; json_is_array(arr) && i < json_array_size(arr) &&
                i < RESULT_SERIES; i++) {
        const json_t *e = json_array_get(arr, i);
        size_t at = jcheck_push_index(rd, i);

        if (!json_is_object(e)) {
            expected(rd, "an object", e);
        } else {
            get_num(rd, e, "t_s", &c->series_t_s[i]);
            get_num(rd, e, "balance", &c->series_credits[i]);
            get_num(rd, e, "vcpu_delivered", &c->series_vcpu[i]);
            c->nseries = i + 1;
        }
        jcheck_pop(rd, at);
    }
    jcheck_pop(rd, mark);
}

static void read_cost(struct jcheck_walk *rd, const json_t *cell,
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
    jcheck_pop(rd, mark);
    o = get_object(rd, cell, "credits", &mark);
    if (o) {
        get_num(rd, o, "throttled_at_s", &c->throttled_at_s);
        if (isnan(c->throttled_at_s))
            c->throttled_at_s = -1;     /* null: never throttled */
        read_series(rd, o, c);
    }
    jcheck_pop(rd, mark);
}

static void read_slo(struct jcheck_walk *rd, const json_t *cell,
                     struct cell_result *c)
{
    size_t mark, inner, i;
    const json_t *o = get_object(rd, cell, "slo", &mark);
    const json_t *failed;

    if (o) {
        c->slo_checked = true;
        get_bool(rd, o, "met", &c->slo_met);
        failed = json_object_get(o, "failed");
        inner = jcheck_push_key(rd, "failed");
        if (failed && !json_is_array(failed))
            expected(rd, "an array", failed);
        else if (failed && json_array_size(failed) > RESULT_MAX_FAILED)
            jcheck_fail(rd, "at most %d SLO failures, got %zu",
                        RESULT_MAX_FAILED, json_array_size(failed));
        for (i = 0; failed && json_is_array(failed) &&
                    i < json_array_size(failed) && i < RESULT_MAX_FAILED;
             i++) {
            const json_t *s = json_array_get(failed, i);
            size_t at = jcheck_push_index(rd, i);

            if (json_is_string(s))
                text_utf8_copy(c->failed[c->nfailed++], sizeof(c->failed[0]),
                               json_string_value(s), json_string_length(s));
            else
                expected(rd, "a string", s);
            jcheck_pop(rd, at);
        }
        jcheck_pop(rd, inner);
    }
    jcheck_pop(rd, mark);
}

static void read_spectrum(struct jcheck_walk *rd, const json_t *cell,
                          struct cell_result *c)
{
    const json_t *arr = json_object_get(cell, "latency_spectrum");
    size_t mark = jcheck_push_key(rd, "latency_spectrum");
    size_t i;

    if (!arr || json_is_null(arr)) {
        jcheck_pop(rd, mark);
        return;
    }
    if (!json_is_array(arr))
        expected(rd, "an array", arr);
    else if (json_array_size(arr) > RESULT_SPECTRUM)
        jcheck_fail(rd, "at most %d quantiles, got %zu", RESULT_SPECTRUM,
                    json_array_size(arr));
    for (i = 0; json_is_array(arr) && i < json_array_size(arr) &&
                i < RESULT_SPECTRUM; i++) {
        const json_t *e = json_array_get(arr, i);
        size_t at = jcheck_push_index(rd, i);

        if (!json_is_object(e)) {
            expected(rd, "an object", e);
        } else {
            get_num(rd, e, "q", &c->spectrum_q[i]);
            get_num(rd, e, "us", &c->spectrum_us[i]);
        }
        jcheck_pop(rd, at);
    }
    jcheck_pop(rd, mark);
}

/*
 * The host's shared resources; "busiest" is derived from the
 * utilizations, so it is not read.
 */
static void read_shared(struct jcheck_walk *rd, const json_t *cell,
                        struct cell_result *c)
{
    size_t mark, inner;
    const json_t *o = get_object(rd, cell, "shared", &mark);
    const json_t *u;

    if (o) {
        u = get_object(rd, o, "utilization", &inner);
        if (u) {
            get_num(rd, u, "nic_rx", &c->util_nic_rx.mean);
            get_num(rd, u, "nic_tx", &c->util_nic_tx.mean);
            get_num(rd, u, "card", &c->util_card.mean);
            get_num(rd, u, "backend", &c->util_backend.mean);
        }
        jcheck_pop(rd, inner);
        get_metric(rd, o, "wait_behind_others_us", &c->hw_wait_us);
        get_metric(rd, o, "host_overhead_cpu_s", &c->host_overhead_cpu);
    }
    jcheck_pop(rd, mark);
}

/* The working set against the instance's memory, when stated. */
static void read_memory(struct jcheck_walk *rd, const json_t *cell,
                        struct cell_result *c)
{
    size_t mark;
    const json_t *o = get_object(rd, cell, "memory", &mark);

    if (o) {
        c->memory_stated = true;
        get_num(rd, o, "working_set_gib", &c->working_set_gib);
        get_num(rd, o, "memory_gib", &c->memory_gib);
        get_num(rd, o, "resident_fraction", &c->resident_fraction);
        get_metric(rd, o, "major_faults_per_s", &c->major_faults_per_s);
    }
    jcheck_pop(rd, mark);
}

/* The neighbour groups and every tenant's throughput together. */
static void read_tenants(struct jcheck_walk *rd, const json_t *cell,
                         struct cell_result *c)
{
    size_t mark, inner, i;
    const json_t *o = get_object(rd, cell, "tenants", &mark);
    const json_t *arr;

    if (o) {
        get_metric(rd, o, "all_throughput_rps", &c->tenants_throughput_rps);
        arr = json_object_get(o, "groups");
        inner = jcheck_push_key(rd, "groups");
        if (!json_is_array(arr) || json_array_size(arr) > RESULT_MAX_GROUPS)
            expected(rd, "an array of at most 8 groups", arr);
        for (i = 0; json_is_array(arr) && i < json_array_size(arr) &&
                    i < RESULT_MAX_GROUPS; i++) {
            const json_t *e = json_array_get(arr, i);
            struct group_result *g = &c->groups[i];
            size_t at = jcheck_push_index(rd, i), m2;
            uint64_t n = 0;
            const json_t *q;

            c->ngroups = i + 1;
            if (!json_is_object(e)) {
                expected(rd, "an object", e);
                jcheck_pop(rd, at);
                continue;
            }
            GET_STR(rd, e, "name", g->name, true);
            get_count(rd, e, "count", 64, &n);
            g->count = (unsigned)n;
            q = get_object(rd, e, "requests", &m2);
            if (q) {
                get_count(rd, q, "completed", UINT64_MAX, &g->completed);
                get_count(rd, q, "dropped", UINT64_MAX, &g->dropped);
            }
            jcheck_pop(rd, m2);
            get_metric(rd, e, "throughput_rps", &g->throughput_rps);
            q = get_object(rd, e, "latency_us", &m2);
            if (q) {
                get_metric(rd, q, "p50", &g->lat_p50);
                get_metric(rd, q, "p99", &g->lat_p99);
                get_metric(rd, q, "p999", &g->lat_p999);
            }
            jcheck_pop(rd, m2);
            jcheck_pop(rd, at);
        }
        jcheck_pop(rd, inner);
    }
    jcheck_pop(rd, mark);
}

static void read_cell(struct jcheck_walk *rd, const json_t *cell,
                      struct cell_result *c)
{
    uint64_t reps = 0;
    size_t mark;
    const json_t *o;

    memset(c, 0, sizeof(*c));
    c->throttled_at_s = -1;
    if (!json_is_object(cell)) {
        expected(rd, "an object", cell);
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
    jcheck_pop(rd, mark);
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
    read_shared(rd, cell, c);
    read_memory(rd, cell, c);
    read_tenants(rd, cell, c);
}

int json_in_cell(const json_t *cell, struct cell_result *c, struct diag *dg)
{
    struct jcheck_walk rd;
    int rc;

    jcheck_walk_init(&rd, dg, NULL, true);
    read_cell(&rd, cell, c);
    rc = rd.nerr ? -1 : 0;
    jcheck_walk_release(&rd);
    return rc;
}

int json_in_from_json(struct results *r, const json_t *root,
                      struct diag *dg)
{
    struct jcheck_walk rd;
    json_t *scenario;
    const json_t *name, *cells;
    struct cell_result cell;
    size_t mark, i;
    const json_t *o;

    memset(r, 0, sizeof(*r));
    jcheck_walk_init(&rd, dg, NULL, true);
    if (!json_is_object(root)) {
        expected(&rd, "an object", root);
        jcheck_walk_release(&rd);
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
    jcheck_pop(&rd, mark);
    get_bool(&rd, root, "partial", &r->partial);

    cells = json_object_get(root, "cells");
    mark = jcheck_push_key(&rd, "cells");
    if (!cells)
        jcheck_fail(&rd, "missing required key 'cells'");
    else if (!json_is_array(cells))
        expected(&rd, "an array", cells);
    for (i = 0; json_is_array(cells) && i < json_array_size(cells); i++) {
        size_t at = jcheck_push_index(&rd, i);

        read_cell(&rd, json_array_get(cells, i), &cell);
        results_add(r, &cell);
        jcheck_pop(&rd, at);
    }
    jcheck_pop(&rd, mark);
    jcheck_walk_release(&rd);
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
    char *buf;
    size_t len;
    int rc;

    memset(r, 0, sizeof(*r));
    if (dg && !dg->file)
        dg->file = path;
    buf = infile_read(path, 0, &len, dg);
    if (!buf)
        return -1;
    root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &err);
    free(buf);
    if (!root)
        return diag_set(dg, err.line > 0 ? err.line : 0,
                        err.column > 0 ? err.column : 0, "%s", err.text);
    rc = json_in_from_json(r, root, dg);
    json_decref(root);
    return rc;
}
