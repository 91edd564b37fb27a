/*
 * json_out.c - the "json" report format: results.json in the shape
 * CONTRACT.md gives, keys in contract order, byte-deterministic for a given
 * struct results. Reads results only; builds a jansson tree and dumps it.
 */
#include <limits.h>
#include <math.h>
#include <string.h>

#include <jansson.h>

#include "reports/format.h"
#include "reports/json_out.h"
#include "reports/text.h"

/*
 * Twelve significant digits: below DBL_DIG (15), so a number written,
 * read back by json_in and written again gives the same text, and far more
 * than any simulated metric is worth. The scenario echo is written with the
 * same precision (jansson has one setting per dump).
 */
#define JSON_OUT_FLAGS \
    (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12))

/* Integers up to 2^53 are exact in a double; beyond, write a real. */
#define EXACT_INT_MAX 9007199254740992.0

/*
 * Building the tree: any allocation failure sets `failed` and is reported
 * once at the end, so the code below can nest calls without checking each.
 */
struct builder {
    int failed;
};

/* Sets obj[key] = val (taking val) and returns val, or NULL on failure. */
static json_t *put(struct builder *b, json_t *obj, const char *key,
                   json_t *val)
{
    if (!val) {
        b->failed = 1;
        return NULL;
    }
    if (json_object_set_new(obj, key, val) < 0) {
        b->failed = 1;
        return NULL;
    }
    return val;
}

static void append(struct builder *b, json_t *arr, json_t *val)
{
    if (!val || json_array_append_new(arr, val) < 0)
        b->failed = 1;
}

/* A real, or null when v is NaN or infinite (jansson refuses those). */
static json_t *real(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

#if JSON_INTEGER_IS_LONG_LONG
#define JSON_INT_MAX LLONG_MAX
#else
#define JSON_INT_MAX LONG_MAX
#endif

/* A count; counts never come near JSON_INT_MAX, but clamp anyway. */
static json_t *count(uint64_t v)
{
    return json_integer(v > (uint64_t)JSON_INT_MAX ? JSON_INT_MAX
                                                    : (json_int_t)v);
}

/* A swept value: an integer when it is one (10000, not 10000.0). */
static json_t *point_value(double v)
{
    if (isfinite(v) && v == floor(v) && fabs(v) <= EXACT_INT_MAX)
        return json_integer((json_int_t)v);
    return real(v);
}

/* A string from a fixed-size field, made valid UTF-8 whatever it holds. */
static json_t *string(const char *s, size_t field_size)
{
    char buf[256];
    size_t n = text_utf8_copy(buf, sizeof(buf), s, field_size);

    return json_stringn(buf, n);
}

#define STRING(field) string((field), sizeof(field))

static json_t *metric(const struct metric *m)
{
    json_t *o = json_object();
    struct builder b = { 0 };

    put(&b, o, "mean", real(m->mean));
    put(&b, o, "ci95", real(m->ci95));
    if (b.failed) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static void put_paths(struct builder *b, json_t *cell,
                      const struct cell_result *c)
{
    json_t *o = put(b, cell, "paths", json_object());
    int p;

    for (p = 0; p < RPATH_COUNT; p++)
        put(b, o, result_path_name(p), STRING(c->paths[p]));
}

static void put_point(struct builder *b, json_t *cell,
                      const struct cell_result *c)
{
    json_t *o = put(b, cell, "point", json_object());
    char key[sizeof(c->point[0].path)];
    size_t i;

    for (i = 0; i < c->npoint && i < RESULT_MAX_POINT; i++) {
        text_utf8_copy(key, sizeof(key), c->point[i].path,
                       sizeof(c->point[i].path));
        put(b, o, key, point_value(c->point[i].value));
    }
}

static void put_latency(struct builder *b, json_t *cell,
                        const struct cell_result *c)
{
    json_t *o = put(b, cell, "latency_us", json_object());

    put(b, o, "mean", metric(&c->lat_mean));
    put(b, o, "p50", metric(&c->lat_p50));
    put(b, o, "p90", metric(&c->lat_p90));
    put(b, o, "p99", metric(&c->lat_p99));
    put(b, o, "p999", metric(&c->lat_p999));
    put(b, o, "max", metric(&c->lat_max));
}

static void put_cpu(struct builder *b, json_t *cell,
                    const struct cell_result *c)
{
    json_t *o = put(b, cell, "cpu", json_object());
    json_t *secs, *util;
    int k;

    put(b, o, "overhead_pct", metric(&c->overhead_pct));
    secs = put(b, o, "seconds_by_category", json_object());
    for (k = 0; k < RCPU_COUNT; k++)
        put(b, secs, result_cpu_name(k), real(c->cpu_seconds[k]));
    util = put(b, o, "utilization", json_object());
    put(b, util, "vcpu", real(c->util_vcpu.mean));
    put(b, util, "host_cpu", real(c->util_host.mean));
    if (c->host_shared)
        put(b, o, "steal_pct", metric(&c->steal_pct));
}

static void put_slo(struct builder *b, json_t *cell,
                    const struct cell_result *c)
{
    json_t *o, *failed;
    size_t i;

    if (!c->slo_checked) {
        put(b, cell, "slo", json_null());
        return;
    }
    o = put(b, cell, "slo", json_object());
    put(b, o, "met", json_boolean(c->slo_met));
    failed = put(b, o, "failed", json_array());
    for (i = 0; failed && i < c->nfailed && i < RESULT_MAX_FAILED; i++)
        append(b, failed, STRING(c->failed[i]));
}

/*
 * Burstable cells: when credits first ran out (null: never) and the
 * balance and delivered vCPU share over time. Absent for other cells.
 */
static void put_credits(struct builder *b, json_t *cell,
                        const struct cell_result *c)
{
    bool throttled = c->throttled_at_s >= 0 && isfinite(c->throttled_at_s);
    json_t *o, *arr;
    size_t i;

    if (!throttled && c->nseries == 0)
        return;
    o = put(b, cell, "credits", json_object());
    put(b, o, "throttled_at_s", throttled ? real(c->throttled_at_s)
                                          : json_null());
    if (c->nseries == 0)
        return;
    arr = put(b, o, "series", json_array());
    for (i = 0; arr && i < c->nseries && i < RESULT_SERIES; i++) {
        json_t *e = json_object();

        put(b, e, "t_s", real(c->series_t_s[i]));
        put(b, e, "balance", real(c->series_credits[i]));
        put(b, e, "vcpu_delivered", real(c->series_vcpu[i]));
        append(b, arr, e);
    }
}

static void put_spectrum(struct builder *b, json_t *cell,
                         const struct cell_result *c)
{
    json_t *arr = put(b, cell, "latency_spectrum", json_array());
    size_t i;

    for (i = 0; arr && i < RESULT_SPECTRUM; i++) {
        json_t *o = json_object();

        put(b, o, "q", real(c->spectrum_q[i]));
        put(b, o, "us", real(c->spectrum_us[i]));
        append(b, arr, o);
    }
}

/*
 * The host's shared resources (added after CONTRACT.md's shape, last so
 * that readers of the earlier keys see them where they were):
 * their busy fractions, the busiest of them, the time guest 0's frames
 * waited behind other guests' on the NIC and the card, and the host CPU
 * all guests cost beyond their own work.
 */
static void put_shared(struct builder *b, json_t *cell,
                       const struct cell_result *c)
{
    static const char *const names[] = {"nic_rx", "nic_tx", "card",
                                        "backend"};
    const struct metric *u[] = {&c->util_nic_rx, &c->util_nic_tx,
                                &c->util_card, &c->util_backend};
    json_t *o = put(b, cell, "shared", json_object());
    json_t *util;
    size_t i, top = 0;

    util = put(b, o, "utilization", json_object());
    for (i = 0; i < 4; i++) {
        put(b, util, names[i], real(u[i]->mean));
        if (u[i]->mean > u[top]->mean)
            top = i;
    }
    put(b, o, "busiest", u[top]->mean > 0 ? json_string(names[top])
                                          : json_null());
    put(b, o, "wait_behind_others_us", metric(&c->hw_wait_us));
    put(b, o, "host_overhead_cpu_s", metric(&c->host_overhead_cpu));
}

/*
 * The neighbour groups: each group's throughput and tail over all its
 * guests, and every tenant's throughput together (ours included).
 */
static void put_tenants(struct builder *b, json_t *cell,
                        const struct cell_result *c)
{
    json_t *o, *groups;
    size_t i;

    if (!c->ngroups)
        return;
    o = put(b, cell, "tenants", json_object());
    put(b, o, "all_throughput_rps", metric(&c->tenants_throughput_rps));
    groups = put(b, o, "groups", json_array());
    for (i = 0; i < c->ngroups; i++) {
        const struct group_result *g = &c->groups[i];
        json_t *e = json_object(), *lat, *req;

        if (!e || json_array_append_new(groups, e) < 0) {
            b->failed = 1;
            return;
        }
        put(b, e, "name", STRING(g->name));
        put(b, e, "count", json_integer(g->count));
        req = put(b, e, "requests", json_object());
        put(b, req, "completed", count(g->completed));
        put(b, req, "dropped", count(g->dropped));
        put(b, e, "throughput_rps", metric(&g->throughput_rps));
        lat = put(b, e, "latency_us", json_object());
        put(b, lat, "p50", metric(&g->lat_p50));
        put(b, lat, "p99", metric(&g->lat_p99));
        put(b, lat, "p999", metric(&g->lat_p999));
    }
}

/* The working set against the instance's memory, when a workload states one. */
static void put_memory(struct builder *b, json_t *cell,
                       const struct cell_result *c)
{
    json_t *o;

    if (!c->memory_stated)
        return;
    o = put(b, cell, "memory", json_object());
    put(b, o, "working_set_gib", real(c->working_set_gib));
    put(b, o, "memory_gib", real(c->memory_gib));
    put(b, o, "resident_fraction", real(c->resident_fraction));
    put(b, o, "major_faults_per_s", metric(&c->major_faults_per_s));
}

/* One element of "cells", keys in CONTRACT.md's order. */
static json_t *cell_json(struct builder *b, const struct cell_result *c)
{
    json_t *cell = json_object();
    json_t *o;

    if (!cell) {
        b->failed = 1;
        return NULL;
    }
    put(b, cell, "instance", STRING(c->instance));
    put(b, cell, "generation", STRING(c->generation));
    put_paths(b, cell, c);
    put_point(b, cell, c);
    put(b, cell, "replications", json_integer(c->replications));
    o = put(b, cell, "requests", json_object());
    put(b, o, "completed", count(c->completed));
    put(b, o, "dropped", count(c->dropped));
    put(b, cell, "throughput_rps", metric(&c->throughput_rps));
    put_latency(b, cell, c);
    put_cpu(b, cell, c);
    o = put(b, cell, "network", json_object());
    put(b, o, "gbps", real(c->net_gbps.mean));
    put(b, o, "pps", real(c->net_pps.mean));
    o = put(b, cell, "storage", json_object());
    put(b, o, "iops", real(c->storage_iops.mean));
    put(b, o, "mb_per_s", real(c->storage_mbps.mean));
    o = put(b, cell, "cost", json_object());
    put(b, o, "usd_per_hour", real(c->usd_per_hour));
    put(b, o, "usd_per_million_requests", real(c->usd_per_million));
    put(b, o, "credits_surplus_usd_per_hour",
        real(c->credits_surplus_usd_per_hour));
    put_credits(b, cell, c);
    put_slo(b, cell, c);
    put_spectrum(b, cell, c);
    put_shared(b, cell, c);
    put_memory(b, cell, c);
    put_tenants(b, cell, c);
    return cell;
}

json_t *json_out_cell(const struct cell_result *c)
{
    struct builder b = { 0 };
    json_t *cell = cell_json(&b, c);

    if (b.failed) {
        json_decref(cell);
        return NULL;
    }
    return cell;
}

/* The whole document; NULL (and b->failed) when out of memory. */
static json_t *results_json(struct builder *b, const struct results *r)
{
    json_t *root = json_object();
    json_t *o, *cells;
    size_t i;

    if (!root) {
        b->failed = 1;
        return NULL;
    }
    o = put(b, root, "virtsim", json_object());
    put(b, o, "version", STRING(r->version));
    put(b, root, "scenario",
        r->scenario ? json_incref(r->scenario) : json_null());
    put(b, root, "partial", json_boolean(r->partial));
    cells = put(b, root, "cells", json_array());
    for (i = 0; cells && i < r->ncells; i++)
        append(b, cells, cell_json(b, &r->cells[i]));
    return root;
}

static int json_write(const struct results *r, FILE *fp, struct diag *dg)
{
    struct builder b = { 0 };
    json_t *root = results_json(&b, r);
    int rc = 0;

    if (b.failed)
        rc = diag_set(dg, 0, 0, "out of memory building the results JSON");
    else if (json_dumpf(root, fp, JSON_OUT_FLAGS) < 0 || fputc('\n', fp) < 0)
        rc = diag_set(dg, 0, 0, "cannot write the results JSON");
    json_decref(root);
    return rc;
}

const struct report_format_ops json_format = {
    .name = "json",
    .summary = "results.json: every metric with its 95% CI, for scripts",
    .file_name = "results.json",
    .write = json_write,
};
