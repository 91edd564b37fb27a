/*
 * csv.c - the "csv" report format: results.csv, one header row, then one
 * row per cell and one column per metric, units in column names, quoted as
 * RFC 4180 says wherever a field needs it. Reads struct results only.
 */
#include <inttypes.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "reports/format.h"
#include "base/strbuf.h"

/* Same precision as results.json, so the two files agree digit for digit. */
#define CSV_REAL_FMT "%.12g"

/* A row being written: fields are separated, not terminated, by commas. */
struct row {
    FILE *fp;
    int nfields;
};

static void sep(struct row *w)
{
    if (w->nfields++)
        fputc(',', w->fp);
}

/* One text field of at most len bytes, quoted when it must be. */
static void field_n(struct row *w, const char *s, size_t len)
{
    size_t i;

    len = strnlen(s, len);
    sep(w);
    for (i = 0; i < len; i++)
        if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
            break;
    if (i == len) {
        fwrite(s, 1, len, w->fp);
        return;
    }
    fputc('"', w->fp);
    for (i = 0; i < len; i++) {
        if (s[i] == '"')
            fputc('"', w->fp);
        fputc(s[i], w->fp);
    }
    fputc('"', w->fp);
}

static void field(struct row *w, const char *s)
{
    field_n(w, s, strlen(s));
}

#define FIELD(w, arr) field_n((w), (arr), sizeof(arr))

/* A header field made of parts: "point_" + swept path, "cpu_" + name + "_s". */
static void field3(struct row *w, const char *prefix, const char *name,
                   const char *suffix)
{
    char *buf = xstrfmt("%s%s%s", prefix, name, suffix);

    field(w, buf);
    free(buf);
}

/* A real; empty when not finite, which spreadsheets and pandas read as NaN. */
static void real(struct row *w, double v)
{
    sep(w);
    if (isfinite(v))
        fprintf(w->fp, CSV_REAL_FMT, v);
}

static void count(struct row *w, uint64_t v)
{
    sep(w);
    fprintf(w->fp, "%" PRIu64, v);
}

static void end_row(struct row *w)
{
    fputc('\n', w->fp);
    w->nfields = 0;
}

/*
 * The real-valued metric columns, in order, as (name, offset in struct
 * cell_result). One table serves header and rows, so they cannot drift.
 * The CPU categories come between the two halves, by result_cpu_name.
 */
struct real_col {
    const char *name;
    size_t offset;
};

#define COL(name, member) { name, offsetof(struct cell_result, member) }

static const struct real_col cols_before_cpu[] = {
    COL("throughput_rps", throughput_rps.mean),
    COL("throughput_rps_ci95", throughput_rps.ci95),
    COL("lat_mean_us", lat_mean.mean),
    COL("lat_mean_us_ci95", lat_mean.ci95),
    COL("lat_p50_us", lat_p50.mean),
    COL("lat_p50_us_ci95", lat_p50.ci95),
    COL("lat_p90_us", lat_p90.mean),
    COL("lat_p90_us_ci95", lat_p90.ci95),
    COL("lat_p99_us", lat_p99.mean),
    COL("lat_p99_us_ci95", lat_p99.ci95),
    COL("lat_p999_us", lat_p999.mean),
    COL("lat_p999_us_ci95", lat_p999.ci95),
    COL("lat_max_us", lat_max.mean),
    COL("lat_max_us_ci95", lat_max.ci95),
    COL("cpu_overhead_pct", overhead_pct.mean),
    COL("cpu_overhead_pct_ci95", overhead_pct.ci95),
};

static const struct real_col cols_after_cpu[] = {
    COL("util_vcpu_frac", util_vcpu.mean),
    COL("util_host_cpu_frac", util_host.mean),
    COL("net_gbps", net_gbps.mean),
    COL("net_pps", net_pps.mean),
    COL("storage_iops", storage_iops.mean),
    COL("storage_mb_per_s", storage_mbps.mean),
    COL("usd_per_hour", usd_per_hour),
    COL("usd_per_million_requests", usd_per_million),
    COL("credits_surplus_usd_per_hour", credits_surplus_usd_per_hour),
};

#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

static double col_value(const struct cell_result *c, const struct real_col *col)
{
    double v;

    memcpy(&v, (const char *)c + col->offset, sizeof(v));
    return v;
}

static void header(struct row *w, const char *const *points, size_t npoints)
{
    size_t i;
    int p;

    field(w, "instance");
    field(w, "generation");
    for (p = 0; p < RPATH_COUNT; p++)
        field3(w, "path_", result_path_name(p), "");
    for (i = 0; i < npoints; i++)
        field3(w, "point_", points[i], "");
    field(w, "replications");
    field(w, "completed");
    field(w, "dropped");
    for (i = 0; i < NCOLS(cols_before_cpu); i++)
        field(w, cols_before_cpu[i].name);
    for (p = 0; p < RCPU_COUNT; p++)
        field3(w, "cpu_", result_cpu_name(p), "_s");
    for (i = 0; i < NCOLS(cols_after_cpu); i++)
        field(w, cols_after_cpu[i].name);
    field(w, "credits_throttled_at_s");
    field(w, "slo_met");
    field(w, "slo_failed");
    end_row(w);
}

/* The SLO failures joined by "; ", as one field. */
static void failed_field(struct row *w, const struct cell_result *c)
{
    char buf[RESULT_MAX_FAILED * (sizeof(c->failed[0]) + 2)];
    size_t n = 0, i, len;

    buf[0] = '\0';
    for (i = 0; i < c->nfailed && i < RESULT_MAX_FAILED; i++) {
        len = strnlen(c->failed[i], sizeof(c->failed[i]));
        if (i) {
            memcpy(buf + n, "; ", 2);
            n += 2;
        }
        memcpy(buf + n, c->failed[i], len);
        n += len;
    }
    field_n(w, buf, n);
}

static void cell_row(struct row *w, const struct cell_result *c,
                     const char *const *points, size_t npoints)
{
    size_t i;
    int p, k;

    FIELD(w, c->instance);
    FIELD(w, c->generation);
    for (p = 0; p < RPATH_COUNT; p++)
        FIELD(w, c->paths[p]);
    for (i = 0; i < npoints; i++) {
        k = report_point_find(c, points[i]);
        if (k < 0)
            sep(w);
        else
            real(w, c->point[k].value);
    }
    count(w, c->replications);
    count(w, c->completed);
    count(w, c->dropped);
    for (i = 0; i < NCOLS(cols_before_cpu); i++)
        real(w, col_value(c, &cols_before_cpu[i]));
    for (p = 0; p < RCPU_COUNT; p++)
        real(w, c->cpu_seconds[p]);
    for (i = 0; i < NCOLS(cols_after_cpu); i++)
        real(w, col_value(c, &cols_after_cpu[i]));
    if (c->throttled_at_s >= 0)
        real(w, c->throttled_at_s);
    else
        sep(w);
    field(w, !c->slo_checked ? "" : c->slo_met ? "true" : "false");
    if (c->slo_checked)
        failed_field(w, c);
    else
        sep(w);
    end_row(w);
}

static int csv_write(const struct results *r, FILE *fp, struct diag *dg)
{
    struct row w = { .fp = fp };
    const char **points;
    size_t npoints, i;

    (void)dg;
    npoints = report_point_paths(r, &points);
    header(&w, points, npoints);
    for (i = 0; i < r->ncells; i++)
        cell_row(&w, &r->cells[i], points, npoints);
    free(points);
    return 0;
}

const struct report_format_ops csv_format = {
    .name = "csv",
    .summary = "results.csv: one row per cell, one column per metric",
    .file_name = "results.csv",
    .write = csv_write,
};
