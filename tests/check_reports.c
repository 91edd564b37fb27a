/*
 * check_reports.c - tests for reports/: the json, csv and table writers
 * against reviewed golden files under tests/golden/reports/ (set
 * VIRTSIM_GOLDEN_UPDATE=1 to rewrite them instead), reading results.json
 * back, non-finite numbers, atomic output and its failures, the registry.
 */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reports/atomic.h"
#include "reports/format.h"
#include "reports/json_in.h"
#include "reports/results.h"
#include "reports/text.h"
#include "tests/golden.h"
#include "tests/suites.h"

#define GOLDEN_DIR "tests/golden/reports"

/* ---- fixtures ---- */

static const char scenario_text[] =
    "{\"name\": \"golden\", \"seed\": 42, \"duration_s\": 2.0, "
    "\"warmup_s\": 0.2, \"replications\": 3, "
    "\"instances\": [\"c5n.large\", \"t3.large\", "
    "{\"name\": \"lab \\\"1cpu\\\", x\", \"base\": \"m5.metal\", "
    "\"vcpus\": 1}], "
    "\"sweep\": {\"workload.arrival.rate_rps\": [10000, 20000]}, "
    "\"slo\": {\"p99_us\": 200, \"min_rps\": 15000}}";

static const double spectrum_q[RESULT_SPECTRUM] = {
    0.001, 0.01, 0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75,
    0.8, 0.85, 0.9, 0.95, 0.975, 0.99, 0.995, 0.999, 0.9995, 0.9999,
    0.99999, 1.0,
};

static void set_metric(struct metric *m, double mean, double ci95)
{
    m->mean = mean;
    m->ci95 = ci95;
}

/* A plausible cell; the caller changes what it tests. */
static void base_cell(struct cell_result *c, const char *instance,
                      const char *generation, const char *const paths[4])
{
    int i;

    memset(c, 0, sizeof(*c));
    snprintf(c->instance, sizeof(c->instance), "%s", instance);
    snprintf(c->generation, sizeof(c->generation), "%s", generation);
    for (i = 0; i < RPATH_COUNT; i++)
        snprintf(c->paths[i], sizeof(c->paths[i]), "%s", paths[i]);
    c->replications = 3;
    c->completed = 59987;
    set_metric(&c->throughput_rps, 9995.5, 41.25);
    set_metric(&c->lat_mean, 48.125, 0.5);
    set_metric(&c->lat_p50, 41.5, 0.25);
    set_metric(&c->lat_p90, 77.75, 1.5);
    set_metric(&c->lat_p99, 140.25, 6.5);
    set_metric(&c->lat_p999, 210.5, 12.25);
    set_metric(&c->lat_max, 402.75, 30.5);
    set_metric(&c->overhead_pct, 6.25, 0.125);
    c->cpu_seconds[RCPU_GUEST_USER] = 0.5;
    c->cpu_seconds[RCPU_GUEST_KERNEL] = 0.25;
    c->cpu_seconds[RCPU_VMEXIT] = 0.0125;
    c->cpu_seconds[RCPU_OFFLOAD] = 0.03125;
    set_metric(&c->util_vcpu, 0.375, 0.01);
    set_metric(&c->util_host, 0.40625, 0.01);
    set_metric(&c->net_gbps, 0.125, 0.001);
    set_metric(&c->net_pps, 40000, 100);
    set_metric(&c->storage_iops, 10000, 50);
    set_metric(&c->storage_mbps, 40.96, 0.2);
    c->usd_per_hour = 0.108;
    c->usd_per_million = 0.108 / (9995.5 * 3600 / 1e6);
    c->throttled_at_s = -1;
    c->slo_checked = true;
    c->slo_met = true;
    for (i = 0; i < RESULT_SPECTRUM; i++) {
        c->spectrum_q[i] = spectrum_q[i];
        c->spectrum_us[i] = 20.0 + 2.5 * i * i;
    }
}

static void add_point(struct cell_result *c, const char *path, double v)
{
    snprintf(c->point[c->npoint].path, sizeof(c->point[0].path), "%s", path);
    c->point[c->npoint++].value = v;
}

static void add_failure(struct cell_result *c, const char *msg)
{
    snprintf(c->failed[c->nfailed++], sizeof(c->failed[0]), "%s", msg);
    c->slo_met = false;
}

static const char *const nitro_paths[4] = { "hvm", "sriov", "sriov", "hvm" };
static const char *const pv_paths[4] = { "pv", "pv", "pv", "pv" };

/*
 * The golden results: a swept cell, a throttled burstable one, and an
 * unswept one whose name needs CSV quoting and whose SLO failed.
 */
static void golden_results(struct results *r)
{
    json_error_t err;
    json_t *scenario = json_loads(scenario_text, JSON_REJECT_DUPLICATES,
                                  &err);
    struct cell_result c;

    ck_assert_msg(scenario != NULL, "fixture: %s", err.text);
    results_init(r, "golden", scenario);
    json_decref(scenario);
    snprintf(r->version, sizeof(r->version), "0.1.0");

    base_cell(&c, "c5n.large", "nitro", nitro_paths);
    add_point(&c, "workload.arrival.rate_rps", 10000);
    results_add(r, &c);

    base_cell(&c, "t3.large", "nitro", nitro_paths);
    add_point(&c, "workload.arrival.rate_rps", 20000);
    set_metric(&c.throughput_rps, 19990.25, 80.5);
    set_metric(&c.lat_p99, 188.5, 9.75);
    set_metric(&c.util_vcpu, 0.98, 0.005);
    c.usd_per_hour = 0.0832;
    c.usd_per_million = 0.0832 / (19990.25 * 3600 / 1e6);
    c.credits_surplus_usd_per_hour = 0.05;
    c.throttled_at_s = 1834.25;
    c.nseries = 3;
    c.series_t_s[0] = 1000;
    c.series_t_s[1] = 2000;
    c.series_t_s[2] = 3000;
    c.series_credits[0] = 12.5;
    c.series_credits[1] = 0.25;
    c.series_credits[2] = 0;
    c.series_vcpu[0] = 0.5;
    c.series_vcpu[1] = 0.5;
    c.series_vcpu[2] = 0.3;
    results_add(r, &c);

    base_cell(&c, "lab \"1cpu\", x", "xen-pv", pv_paths);
    c.dropped = 120;
    set_metric(&c.throughput_rps, 9876.5, 12.5);
    set_metric(&c.lat_p99, 312.5, 20.25);
    set_metric(&c.overhead_pct, 48.5, 2.25);
    c.cpu_seconds[RCPU_VMEXIT] = 0.0;
    c.cpu_seconds[RCPU_BACKEND] = 0.1875;
    c.cpu_seconds[RCPU_OFFLOAD] = 0.0;
    c.usd_per_hour = 4.608;
    c.usd_per_million = 4.608 / (9876.5 * 3600 / 1e6);
    add_failure(&c, "p99 312.5 us > 200 us");
    add_failure(&c, "rps 9876.5 < 15000");
    results_add(r, &c);
}

/* ---- helpers ---- */

/* What format f writes for r, as a malloc'd string; *len its length. */
static char *render(const struct report_format_ops *f,
                    const struct results *r, size_t *len)
{
    struct diag dg;
    char *buf = NULL;
    size_t size = 0;
    FILE *fp = open_memstream(&buf, &size);

    ck_assert_ptr_nonnull(fp);
    diag_init(&dg, NULL);
    ck_assert_int_eq(f->write(r, fp, &dg), 0);
    ck_assert_int_eq(fclose(fp), 0);
    *len = size;
    return buf;
}




/* The keys of object o, in order, joined by ",". */
static void keys_of(json_t *o, char *buf, size_t size)
{
    void *it;
    size_t n = 0;

    buf[0] = '\0';
    for (it = json_object_iter(o); it && n < size;
         it = json_object_iter_next(o, it))
        n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? "," : "",
                              json_object_iter_key(it));
}

/* A fresh directory under /tmp; remove_tree removes it. */
static void make_tmpdir(char *buf, size_t size)
{
    snprintf(buf, size, "/tmp/virtsim-check-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(buf));
}

static void remove_tree(const char *path)
{
    struct stat st;
    struct dirent *de;
    char child[512];
    DIR *d;

    if (lstat(path, &st) < 0)
        return;
    if (!S_ISDIR(st.st_mode)) {
        unlink(path);
        return;
    }
    chmod(path, 0700);
    d = opendir(path);
    while (d && (de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        snprintf(child, sizeof(child), "%s/%s", path, de->d_name);
        remove_tree(child);
    }
    if (d)
        closedir(d);
    rmdir(path);
}

/* Entries of directory path, "." and ".." aside. */
static int count_entries(const char *path)
{
    struct dirent *de;
    DIR *d = opendir(path);
    int n = 0;

    ck_assert_ptr_nonnull(d);
    while ((de = readdir(d)) != NULL)
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");

    ck_assert_ptr_nonnull(fp);
    fputs(text, fp);
    ck_assert_int_eq(fclose(fp), 0);
}

static void assert_file(const char *path, const char *text)
{
    size_t len;
    char *got = test_slurp(path, &len);

    ck_assert_msg(got != NULL, "%s is missing", path);
    ck_assert_str_eq(got, text);
    free(got);
}

/* ---- json ---- */

START_TEST(test_json_golden)
{
    struct results r;
    size_t len;
    char *out;

    golden_results(&r);
    out = render(&json_format, &r, &len);
    test_check_golden(GOLDEN_DIR, "results.json", out, len);
    free(out);
    results_release(&r);
}
END_TEST

START_TEST(test_json_keys_in_order)
{
    struct results r;
    json_error_t err;
    json_t *root, *cell;
    char keys[1024];
    size_t len;
    char *out;

    golden_results(&r);
    out = render(&json_format, &r, &len);
    root = json_loadb(out, len, JSON_REJECT_DUPLICATES, &err);
    ck_assert_msg(root != NULL, "not JSON: %s at %d:%d", err.text, err.line,
                  err.column);
    keys_of(root, keys, sizeof(keys));
    ck_assert_str_eq(keys, "virtsim,scenario,partial,cells");
    ck_assert(json_equal(json_object_get(root, "scenario"), r.scenario));
    ck_assert_uint_eq(json_array_size(json_object_get(root, "cells")), 3);

    cell = json_array_get(json_object_get(root, "cells"), 1);
    keys_of(cell, keys, sizeof(keys));
    ck_assert_str_eq(keys, "instance,generation,paths,point,replications,"
                     "requests,throughput_rps,latency_us,cpu,network,storage,"
                     "cost,credits,slo,latency_spectrum,shared");
    keys_of(json_object_get(cell, "latency_us"), keys, sizeof(keys));
    ck_assert_str_eq(keys, "mean,p50,p90,p99,p999,max");
    keys_of(json_object_get(cell, "cpu"), keys, sizeof(keys));
    ck_assert_str_eq(keys, "overhead_pct,seconds_by_category,utilization");
    keys_of(json_object_get(json_object_get(cell, "cpu"),
                            "seconds_by_category"), keys, sizeof(keys));
    ck_assert_str_eq(keys, "guest_user,guest_kernel,vmexit,translation,"
                     "device_emulation,backend,offload");
    keys_of(json_object_get(cell, "cost"), keys, sizeof(keys));
    ck_assert_str_eq(keys, "usd_per_hour,usd_per_million_requests,"
                     "credits_surplus_usd_per_hour");
    /* Integers stay integers; swept integers are not written as reals. */
    ck_assert(json_is_integer(json_object_get(cell, "replications")));
    ck_assert(json_is_integer(json_object_get(json_object_get(cell,
                                                              "requests"),
                                              "completed")));
    ck_assert(json_is_integer(json_object_get(json_object_get(cell, "point"),
                                              "workload.arrival.rate_rps")));
    ck_assert_uint_eq(json_array_size(json_object_get(cell,
                                                      "latency_spectrum")),
                      RESULT_SPECTRUM);

    /* No credits object without throttling; an unchecked SLO is null. */
    cell = json_array_get(json_object_get(root, "cells"), 0);
    ck_assert_ptr_null(json_object_get(cell, "credits"));
    cell = json_array_get(json_object_get(root, "cells"), 2);
    ck_assert_str_eq(json_string_value(json_object_get(cell, "instance")),
                     "lab \"1cpu\", x");
    ck_assert_uint_eq(json_object_size(json_object_get(cell, "point")), 0);
    ck_assert(json_is_false(json_object_get(json_object_get(cell, "slo"),
                                            "met")));
    json_decref(root);
    free(out);

    r.cells[2].slo_checked = false;
    out = render(&json_format, &r, &len);
    root = json_loadb(out, len, 0, &err);
    ck_assert_ptr_nonnull(root);
    cell = json_array_get(json_object_get(root, "cells"), 2);
    ck_assert(json_is_null(json_object_get(cell, "slo")));
    json_decref(root);
    free(out);
    results_release(&r);
}
END_TEST

START_TEST(test_json_deterministic)
{
    struct results a, b;
    size_t la, lb;
    char *oa, *ob;

    golden_results(&a);
    golden_results(&b);
    oa = render(&json_format, &a, &la);
    ob = render(&json_format, &b, &lb);
    ck_assert_uint_eq(la, lb);
    ck_assert(memcmp(oa, ob, la) == 0);
    free(oa);
    free(ob);
    results_release(&a);
    results_release(&b);
}
END_TEST

START_TEST(test_non_finite)
{
    struct results r;
    struct cell_result *c;
    json_error_t err;
    json_t *root, *cell;
    size_t len;
    char *out;

    golden_results(&r);
    c = &r.cells[0];
    c->lat_p99.mean = NAN;
    c->throughput_rps.ci95 = -INFINITY;
    c->usd_per_million = INFINITY;
    c->point[0].value = NAN;
    c->cpu_seconds[RCPU_BACKEND] = NAN;
    c->spectrum_us[3] = INFINITY;
    c->throttled_at_s = NAN;

    out = render(&json_format, &r, &len);
    root = json_loadb(out, len, 0, &err);
    ck_assert_msg(root != NULL, "not JSON: %s", err.text);
    cell = json_array_get(json_object_get(root, "cells"), 0);
    ck_assert(json_is_null(json_object_get(
        json_object_get(json_object_get(cell, "latency_us"), "p99"),
        "mean")));
    ck_assert(json_is_null(json_object_get(
        json_object_get(cell, "throughput_rps"), "ci95")));
    ck_assert(json_is_null(json_object_get(json_object_get(cell, "cost"),
                                           "usd_per_million_requests")));
    ck_assert(json_is_null(json_object_get(json_object_get(cell, "point"),
                                           "workload.arrival.rate_rps")));
    ck_assert(json_is_null(json_object_get(
        json_array_get(json_object_get(cell, "latency_spectrum"), 3), "us")));
    ck_assert_ptr_null(json_object_get(cell, "credits"));
    json_decref(root);
    free(out);

    /* CSV leaves the field empty; the table prints a dash. */
    out = render(&csv_format, &r, &len);
    ck_assert_ptr_null(strstr(out, "nan"));
    ck_assert_ptr_null(strstr(out, "inf"));
    free(out);
    out = render(&table_format, &r, &len);
    ck_assert_ptr_null(strstr(out, "nan"));
    ck_assert_ptr_null(strstr(out, "inf"));
    free(out);
    results_release(&r);
}
END_TEST

/* ---- json_in ---- */

START_TEST(test_json_round_trip)
{
    struct results r, back;
    struct diag dg;
    char dir[64], path[128];
    size_t la, lb;
    char *oa, *ob;

    golden_results(&r);
    r.partial = true;
    r.cells[0].lat_p90.mean = NAN;
    r.cells[0].point[0].value = 0.1;
    make_tmpdir(dir, sizeof(dir));
    diag_init(&dg, NULL);
    ck_assert_int_eq(report_format_write_dir(&json_format, &r, dir, &dg), 0);
    snprintf(path, sizeof(path), "%s/results.json", dir);
    diag_init(&dg, NULL);
    ck_assert_msg(json_in_read_file(&back, path, &dg) == 0, "%s: %s",
                  dg.e[0].path, dg.e[0].msg);
    ck_assert_str_eq(back.version, "0.1.0");
    ck_assert_str_eq(back.name, "golden");
    ck_assert(back.partial);
    ck_assert_uint_eq(back.ncells, 3);
    ck_assert_str_eq(back.cells[2].instance, "lab \"1cpu\", x");
    ck_assert_str_eq(back.cells[1].paths[RPATH_NET], "sriov");
    ck_assert_uint_eq(back.cells[0].npoint, 1);
    ck_assert_str_eq(back.cells[0].point[0].path,
                     "workload.arrival.rate_rps");
    ck_assert_double_eq(back.cells[0].point[0].value, 0.1);
    ck_assert(isnan(back.cells[0].lat_p90.mean));
    ck_assert_uint_eq(back.cells[2].dropped, 120);
    ck_assert_uint_eq(back.cells[2].nfailed, 2);
    ck_assert_str_eq(back.cells[2].failed[1], "rps 9876.5 < 15000");
    ck_assert(!back.cells[2].slo_met && back.cells[2].slo_checked);
    ck_assert_double_eq(back.cells[0].throttled_at_s, -1);
    ck_assert_double_eq(back.cells[1].throttled_at_s, 1834.25);
    ck_assert_uint_eq(back.cells[1].nseries, 3);
    ck_assert_double_eq(back.cells[1].series_credits[1], 0.25);
    ck_assert_double_eq(back.cells[1].series_vcpu[2], 0.3);
    ck_assert_uint_eq(back.cells[0].nseries, 0);
    ck_assert_double_eq(back.cells[1].spectrum_q[23], 1.0);

    oa = render(&json_format, &r, &la);
    ob = render(&json_format, &back, &lb);
    ck_assert_msg(la == lb && memcmp(oa, ob, la) == 0,
                  "write -> read -> write changed the bytes");
    free(oa);
    free(ob);
    results_release(&back);
    results_release(&r);
    remove_tree(dir);
}
END_TEST

/* Loads text and returns json_in_from_json's result; dg gets the diags. */
static int read_text(struct results *r, const char *text, struct diag *dg)
{
    json_error_t err;
    json_t *root = json_loads(text, 0, &err);
    int rc;

    ck_assert_msg(root != NULL, "test input: %s", err.text);
    diag_init(dg, "in.json");
    rc = json_in_from_json(r, root, dg);
    json_decref(root);
    return rc;
}

START_TEST(test_json_in_tolerant)
{
    struct results r;
    struct diag dg;

    ck_assert_int_eq(read_text(&r, "{\"cells\": [{\"instance\": \"a\", "
                               "\"generation\": \"b\", \"future\": [1]}], "
                               "\"extra\": {}}", &dg), 0);
    ck_assert_uint_eq(r.ncells, 1);
    ck_assert_str_eq(r.cells[0].instance, "a");
    ck_assert_double_eq(r.cells[0].throttled_at_s, -1);
    ck_assert(!r.cells[0].slo_checked);
    ck_assert_uint_eq(r.cells[0].replications, 0);
    ck_assert_ptr_null(r.scenario);
    ck_assert(!r.partial);
    results_release(&r);
}
END_TEST

START_TEST(test_json_in_errors)
{
    struct results r;
    struct diag dg;

    ck_assert_int_eq(read_text(&r, "{\"cells\": [{\"instance\": \"a\", "
                               "\"generation\": \"b\", \"requests\": "
                               "{\"completed\": \"many\"}, \"latency_us\": "
                               "{\"p99\": {\"mean\": true}}, \"point\": "
                               "{\"a/b\": \"x\"}}, {\"instance\": 3}]}",
                               &dg), -1);
    ck_assert_int_eq(dg.count, 5);
    ck_assert_str_eq(dg.e[0].path, "/cells/0/point/a~1b");
    ck_assert_str_eq(dg.e[0].msg, "expected a number, got a string");
    ck_assert_str_eq(dg.e[1].path, "/cells/0/requests/completed");
    ck_assert_str_eq(dg.e[1].msg, "expected an integer, got a string");
    ck_assert_str_eq(dg.e[2].path, "/cells/0/latency_us/p99/mean");
    ck_assert_str_eq(dg.e[2].msg, "expected a number, got a boolean");
    ck_assert_str_eq(dg.e[3].path, "/cells/1/instance");
    ck_assert_str_eq(dg.e[3].msg, "expected a string, got an integer");
    ck_assert_str_eq(dg.e[4].path, "/cells/1");
    ck_assert_str_eq(dg.e[4].msg, "missing required key 'generation'");
    ck_assert_uint_eq(r.ncells, 0);
    ck_assert_ptr_null(r.cells);

    ck_assert_int_eq(read_text(&r, "{\"partial\": false}", &dg), -1);
    ck_assert_str_eq(dg.e[0].path, "/cells");
    ck_assert_str_eq(dg.e[0].msg, "missing required key 'cells'");
    ck_assert_int_eq(read_text(&r, "{\"cells\": [{\"instance\": \"a\", "
                               "\"generation\": \"b\", \"requests\": "
                               "{\"dropped\": -1}, \"replications\": 1.5}]}",
                               &dg), -1);
    ck_assert_str_eq(dg.e[0].path, "/cells/0/replications");
    ck_assert_str_eq(dg.e[1].path, "/cells/0/requests/dropped");
    ck_assert_str_eq(dg.e[1].msg, "must be between 0 and "
                     "18446744073709551615, got -1");
    ck_assert_int_eq(read_text(&r, "[1]", &dg), -1);
    ck_assert_str_eq(dg.e[0].path, "/");
}
END_TEST

START_TEST(test_json_in_file_errors)
{
    struct results r;
    struct diag dg;
    char dir[64], path[128];

    make_tmpdir(dir, sizeof(dir));
    snprintf(path, sizeof(path), "%s/missing.json", dir);
    diag_init(&dg, NULL);
    ck_assert_int_eq(json_in_read_file(&r, path, &dg), -1);
    ck_assert_str_eq(dg.file, path);        /* printed as "PATH: error:" */
    ck_assert_ptr_nonnull(strstr(dg.e[0].msg, strerror(ENOENT)));

    snprintf(path, sizeof(path), "%s/bad.json", dir);
    write_file(path, "{\"cells\": [\n  {\"instance\": }\n]}\n");
    diag_init(&dg, NULL);
    ck_assert_int_eq(json_in_read_file(&r, path, &dg), -1);
    ck_assert_str_eq(dg.file, path);
    ck_assert_int_eq(dg.e[0].line, 2);
    ck_assert_int_gt(dg.e[0].col, 0);

    write_file(path, "{\"cells\": [], \"cells\": []}");
    diag_init(&dg, NULL);
    ck_assert_int_eq(json_in_read_file(&r, path, &dg), -1);
    ck_assert_ptr_nonnull(strstr(dg.e[0].msg, "duplicate"));
    remove_tree(dir);
}
END_TEST

/* ---- csv ---- */

START_TEST(test_csv_golden)
{
    struct results r;
    size_t len;
    char *out;

    golden_results(&r);
    out = render(&csv_format, &r, &len);
    test_check_golden(GOLDEN_DIR, "results.csv", out, len);
    /* RFC 4180: the name is quoted and its quotes doubled. */
    ck_assert_ptr_nonnull(strstr(out, "\n\"lab \"\"1cpu\"\", x\",xen-pv,"));
    free(out);
    results_release(&r);
}
END_TEST

/* Number of fields in one CSV line, honouring quotes. */
static int csv_fields(const char *line, size_t len)
{
    int n = 1, quoted = 0;
    size_t i;

    for (i = 0; i < len; i++) {
        if (line[i] == '"')
            quoted = !quoted;
        else if (line[i] == ',' && !quoted)
            n++;
    }
    return n;
}

START_TEST(test_csv_shape)
{
    struct results r;
    const char *line, *nl;
    int header = -1, rows = 0;
    size_t len;
    char *out;

    golden_results(&r);
    /* A second swept path seen only in the last cell joins the union. */
    add_point(&r.cells[2], "guest.vcpus", 2);
    snprintf(r.cells[2].failed[0], sizeof(r.cells[2].failed[0]),
             "multi\nline");
    out = render(&csv_format, &r, &len);
    ck_assert_ptr_nonnull(strstr(out, ",point_workload.arrival.rate_rps,"
                                 "point_guest.vcpus,replications,"));
    ck_assert_ptr_nonnull(strstr(out, ",cpu_guest_user_s,"));
    ck_assert_ptr_nonnull(strstr(out, "\"multi\nline; rps 9876.5 < 15000\""));
    for (line = out; *line; line = nl + 1) {
        /* Records end at a newline outside quotes. */
        int quoted = 0;

        for (nl = line; *nl && (*nl != '\n' || quoted); nl++)
            if (*nl == '"')
                quoted = !quoted;
        if (header < 0)
            header = csv_fields(line, (size_t)(nl - line));
        else
            ck_assert_int_eq(csv_fields(line, (size_t)(nl - line)), header);
        rows++;
        if (!*nl)
            break;
    }
    ck_assert_int_eq(rows, 4);
    free(out);
    results_release(&r);
}
END_TEST

/* ---- table ---- */

/* Fails when a line of text is wider than 100 columns. */
static void assert_fits(const char *text)
{
    char line[1024];
    const char *p = text, *nl;

    while (*p) {
        nl = strchr(p, '\n');
        ck_assert_ptr_nonnull(nl);
        ck_assert_uint_lt((size_t)(nl - p), sizeof(line));
        memcpy(line, p, (size_t)(nl - p));
        line[nl - p] = '\0';
        ck_assert_msg(text_width(line) <= 100, "%zu columns: %s",
                      text_width(line), line);
        ck_assert_msg(nl == p || nl[-1] != ' ', "trailing blank: '%s'", line);
        p = nl + 1;
    }
}

START_TEST(test_table_golden)
{
    struct results r;
    size_t len;
    char *out;

    golden_results(&r);
    out = render(&table_format, &r, &len);
    assert_fits(out);
    test_check_golden(GOLDEN_DIR, "table.txt", out, len);
    free(out);
    results_release(&r);
}
END_TEST

START_TEST(test_table_long_names)
{
    struct results r;
    struct cell_result *c;
    size_t len;
    char *out;

    golden_results(&r);
    r.partial = true;
    c = &r.cells[0];
    memset(c->instance, 'x', sizeof(c->instance) - 1);
    snprintf(c->generation, sizeof(c->generation),
             "generation-with-a-long-name\x1b[2J-and-more");
    add_point(c, "a.second.swept.value", 123456.5);
    add_point(c, "a.third", 7);
    c->throughput_rps.mean = 123456789;
    out = render(&table_format, &r, &len);
    assert_fits(out);
    ck_assert_ptr_nonnull(strstr(out, TEXT_ELLIPSIS));
    ck_assert_ptr_null(strchr(out, '\x1b'));
    ck_assert_ptr_nonnull(strstr(out, "PARTIAL RESULTS"));
    ck_assert_ptr_nonnull(strstr(out, "confidence intervals"));
    ck_assert_ptr_nonnull(strstr(out, "SLO failures:"));
    free(out);
    results_release(&r);
}
END_TEST

START_TEST(test_table_empty)
{
    struct results r;
    size_t len;
    char *out;

    results_init(&r, "empty", NULL);
    out = render(&table_format, &r, &len);
    assert_fits(out);
    ck_assert_ptr_nonnull(strstr(out, "(no cells)"));
    free(out);
    out = render(&csv_format, &r, &len);
    ck_assert_ptr_null(strchr(strchr(out, '\n') + 1, '\n'));
    free(out);
    out = render(&json_format, &r, &len);
    ck_assert_ptr_nonnull(strstr(out, "\"scenario\": null"));
    free(out);
    results_release(&r);
}
END_TEST

START_TEST(test_text_fit)
{
    char buf[64];

    text_fit(buf, sizeof(buf), "abcdef", 6);
    ck_assert_str_eq(buf, "abcdef");
    text_fit(buf, sizeof(buf), "abcdefg", 6);
    ck_assert_str_eq(buf, "abcde" TEXT_ELLIPSIS);
    ck_assert_uint_eq(text_width(buf), 6);
    text_fit(buf, sizeof(buf), "a\x1b[1mb\x7f\xc2\x9b", 10);
    ck_assert_str_eq(buf, "a?[1mb??");
    text_fit(buf, sizeof(buf), "caf\xc3\xa9 \xff", 10);
    ck_assert_str_eq(buf, "caf\xc3\xa9 ?");
    text_utf8_copy(buf, 5, "ab\xc3\xa9xyz", 7);
    ck_assert_str_eq(buf, "ab\xc3\xa9");
    text_utf8_copy(buf, 4, "ab\xc3\xa9", 4);
    ck_assert_str_eq(buf, "ab");
    text_utf8_copy(buf, sizeof(buf), "\xed\xa0\x80z\xc0\xaf", 6);
    ck_assert_str_eq(buf, "???z??");
}
END_TEST

/* ---- atomic output ---- */

START_TEST(test_atomic_success)
{
    struct atomic_file af;
    struct diag dg;
    struct stat st;
    char dir[64], path[128];
    mode_t mask = umask(022);

    umask(mask);
    make_tmpdir(dir, sizeof(dir));
    snprintf(path, sizeof(path), "%s/results.json", dir);
    diag_init(&dg, NULL);
    ck_assert_int_eq(atomic_open(&af, path, &dg), 0);
    fputs("first\n", af.fp);
    ck_assert_int_eq(count_entries(dir), 1);    /* only the temp file */
    ck_assert_ptr_null(fopen(path, "r"));
    ck_assert_int_eq(atomic_commit(&af, true, &dg), 0);
    ck_assert_ptr_null(af.fp);
    assert_file(path, "first\n");
    ck_assert_int_eq(count_entries(dir), 1);
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_uint_eq(st.st_mode & 0777, 0666 & ~mask);

    ck_assert_int_eq(atomic_open(&af, path, &dg), 0);
    fputs("second\n", af.fp);
    ck_assert_int_eq(atomic_commit(&af, false, &dg), 0);
    assert_file(path, "second\n");
    ck_assert_int_eq(count_entries(dir), 1);

    /* Aborting leaves the previous file and no temp file. */
    ck_assert_int_eq(atomic_open(&af, path, &dg), 0);
    fputs("half", af.fp);
    atomic_abort(&af);
    atomic_abort(&af);
    assert_file(path, "second\n");
    ck_assert_int_eq(count_entries(dir), 1);
    ck_assert_int_eq(dg.count, 0);
    remove_tree(dir);
}
END_TEST

START_TEST(test_atomic_no_directory)
{
    struct atomic_file af;
    struct diag dg;
    char dir[64], blocker[128], path[160];

    make_tmpdir(dir, sizeof(dir));
    snprintf(blocker, sizeof(blocker), "%s/out", dir);
    write_file(blocker, "a file where the directory should be\n");
    snprintf(path, sizeof(path), "%s/results.json", blocker);
    diag_init(&dg, NULL);
    ck_assert_int_eq(atomic_open(&af, path, &dg), -1);
    ck_assert_ptr_null(af.fp);
    ck_assert_int_eq(dg.count, 1);
    ck_assert_msg(strstr(dg.e[0].msg, path) &&
                  strstr(dg.e[0].msg, strerror(ENOTDIR)), "%s",
                  dg.e[0].msg);

    snprintf(path, sizeof(path), "%s/missing/results.json", dir);
    diag_init(&dg, NULL);
    ck_assert_int_eq(atomic_open(&af, path, &dg), -1);
    ck_assert_msg(strstr(dg.e[0].msg, path) &&
                  strstr(dg.e[0].msg, strerror(ENOENT)), "%s",
                  dg.e[0].msg);
    ck_assert_int_eq(count_entries(dir), 1);
    assert_file(blocker, "a file where the directory should be\n");
    remove_tree(dir);
}
END_TEST

static int failing_write(const struct results *r, FILE *fp, struct diag *dg)
{
    (void)r;
    fputs("{\"half\": ", fp);
    return diag_set(dg, 0, 0, "writer failed on purpose");
}

static const struct report_format_ops failing_format = {
    .name = "failing",
    .summary = "writes half a file, then fails",
    .file_name = "results.json",
    .write = failing_write,
};

START_TEST(test_atomic_keeps_previous)
{
    struct results r;
    struct diag dg;
    char dir[64], path[128], sub[160];

    golden_results(&r);
    make_tmpdir(dir, sizeof(dir));
    snprintf(path, sizeof(path), "%s/results.json", dir);
    write_file(path, "previous\n");

    /* The writer fails half-way. */
    diag_init(&dg, NULL);
    ck_assert_int_eq(report_format_write_dir(&failing_format, &r, dir, &dg),
                     -1);
    ck_assert_str_eq(dg.e[0].msg, "writer failed on purpose");
    assert_file(path, "previous\n");
    ck_assert_int_eq(count_entries(dir), 1);

    /* The rename fails: the target is a directory. */
    snprintf(sub, sizeof(sub), "%s/results.csv", dir);
    ck_assert_int_eq(mkdir(sub, 0755), 0);
    diag_init(&dg, NULL);
    ck_assert_int_eq(report_format_write_dir(&csv_format, &r, dir, &dg), -1);
    ck_assert_msg(strstr(dg.e[0].msg, sub) != NULL, "%s", dg.e[0].msg);
    ck_assert_int_eq(count_entries(dir), 2);
    ck_assert_int_eq(count_entries(sub), 0);

    /* A directory we may not write to (root may write anywhere). */
    if (geteuid() != 0) {
        ck_assert_int_eq(chmod(dir, 0555), 0);
        diag_init(&dg, NULL);
        ck_assert_int_eq(report_format_write_dir(&json_format, &r, dir, &dg),
                         -1);
        ck_assert_msg(strstr(dg.e[0].msg, path) &&
                      strstr(dg.e[0].msg, strerror(EACCES)), "%s",
                      dg.e[0].msg);
        ck_assert_int_eq(chmod(dir, 0700), 0);
        assert_file(path, "previous\n");
    }

    /* And a good write replaces it, leaving no temp file. */
    diag_init(&dg, NULL);
    ck_assert_int_eq(report_format_write_dir(&json_format, &r, dir, &dg), 0);
    ck_assert_int_eq(count_entries(dir), 2);
    remove_tree(dir);
    results_release(&r);
}
END_TEST

START_TEST(test_mkdir_p)
{
    struct diag dg;
    struct stat st;
    char dir[64], path[192], blocker[128];

    make_tmpdir(dir, sizeof(dir));
    snprintf(path, sizeof(path), "%s/results//quick start/", dir);
    diag_init(&dg, NULL);
    ck_assert_int_eq(atomic_mkdir_p(path, &dg), 0);
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert(S_ISDIR(st.st_mode));
    ck_assert_int_eq(atomic_mkdir_p(path, &dg), 0);    /* exists: fine */

    snprintf(blocker, sizeof(blocker), "%s/file", dir);
    write_file(blocker, "x");
    snprintf(path, sizeof(path), "%s/file/sub", dir);
    ck_assert_int_eq(atomic_mkdir_p(path, &dg), -1);
    ck_assert_msg(strstr(dg.e[0].msg, path) != NULL, "%s", dg.e[0].msg);
    diag_init(&dg, NULL);
    ck_assert_int_eq(atomic_mkdir_p(blocker, &dg), -1);
    ck_assert_msg(strstr(dg.e[0].msg, "not a directory") != NULL, "%s",
                  dg.e[0].msg);
    remove_tree(dir);
}
END_TEST

/* ---- registry ---- */

START_TEST(test_registry)
{
    const struct report_format_ops *list[4];
    struct diag dg;
    size_t i, j;

    ck_assert_uint_eq(report_format_count(), 3);
    ck_assert_ptr_null(report_format_at(3));
    for (i = 0; i < report_format_count(); i++) {
        const struct report_format_ops *f = report_format_at(i);

        ck_assert_ptr_nonnull(f->write);
        ck_assert_ptr_nonnull(f->summary);
        ck_assert_ptr_eq(report_format_find(f->name, NULL), f);
        for (j = 0; j < i; j++)
            ck_assert_str_ne(report_format_at(j)->name, f->name);
    }
    ck_assert_ptr_eq(report_format_find("json", NULL), &json_format);
    ck_assert_str_eq(json_format.file_name, "results.json");
    ck_assert_str_eq(csv_format.file_name, "results.csv");
    ck_assert_ptr_null(table_format.file_name);

    diag_init(&dg, NULL);
    ck_assert_ptr_null(report_format_find("jsno", &dg));
    ck_assert_str_eq(dg.e[0].msg,
                     "unknown report format 'jsno' (did you mean 'json'?)");
    diag_init(&dg, NULL);
    ck_assert_ptr_null(report_format_find("xml", &dg));
    ck_assert_str_eq(dg.e[0].msg, "unknown report format 'xml'; valid: "
                     "table, csv, json");

    diag_init(&dg, NULL);
    ck_assert_int_eq(report_format_parse_list("json,table,json", list, 4,
                                              &dg), 2);
    ck_assert_ptr_eq(list[0], &json_format);
    ck_assert_ptr_eq(list[1], &table_format);
    ck_assert_int_eq(report_format_parse_list("table,,csv", list, 4, &dg),
                     -1);
    ck_assert_int_eq(report_format_parse_list("tabel,csv", list, 4, &dg),
                     -1);
    ck_assert_str_eq(dg.e[dg.count - 1].msg, "unknown report format "
                     "'tabel' (did you mean 'table'?)");
}
END_TEST

START_TEST(test_print)
{
    struct results r;
    struct diag dg;
    FILE *fp = fopen("/dev/full", "w");

    if (!fp)
        return;             /* no /dev/full here: nothing to test */
    golden_results(&r);
    setvbuf(fp, NULL, _IOFBF, 1 << 16);
    diag_init(&dg, NULL);
    ck_assert_int_eq(report_format_print(&table_format, &r, fp,
                                         "standard output", &dg), -1);
    ck_assert_str_eq(dg.e[0].msg, "cannot write to standard output: "
                     "No space left on device");
    fclose(fp);
    results_release(&r);
}
END_TEST

Suite *reports_suite(void)
{
    Suite *s = suite_create("reports");
    TCase *json = tcase_create("json");
    TCase *in = tcase_create("json_in");
    TCase *csv = tcase_create("csv");
    TCase *table = tcase_create("table");
    TCase *atomic = tcase_create("atomic");
    TCase *registry = tcase_create("registry");

    tcase_add_test(json, test_json_golden);
    tcase_add_test(json, test_json_keys_in_order);
    tcase_add_test(json, test_json_deterministic);
    tcase_add_test(json, test_non_finite);
    suite_add_tcase(s, json);
    tcase_add_test(in, test_json_round_trip);
    tcase_add_test(in, test_json_in_tolerant);
    tcase_add_test(in, test_json_in_errors);
    tcase_add_test(in, test_json_in_file_errors);
    suite_add_tcase(s, in);
    tcase_add_test(csv, test_csv_golden);
    tcase_add_test(csv, test_csv_shape);
    suite_add_tcase(s, csv);
    tcase_add_test(table, test_table_golden);
    tcase_add_test(table, test_table_long_names);
    tcase_add_test(table, test_table_empty);
    tcase_add_test(table, test_text_fit);
    suite_add_tcase(s, table);
    tcase_add_test(atomic, test_atomic_success);
    tcase_add_test(atomic, test_atomic_no_directory);
    tcase_add_test(atomic, test_atomic_keeps_previous);
    tcase_add_test(atomic, test_mkdir_p);
    suite_add_tcase(s, atomic);
    tcase_add_test(registry, test_registry);
    tcase_add_test(registry, test_print);
    suite_add_tcase(s, registry);
    return s;
}
