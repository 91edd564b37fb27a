/*
 * measured.c - reading MEASURED.csv: a header naming the columns, then one
 * row per measured cell. Plain comma-separated fields (no quoting: names
 * hold no commas), surrounding blanks trimmed, '#' lines ignored.
 */
#include "measure/measured.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

#define MAX_FIELDS 32

/* Columns besides the metrics. */
enum { COL_INSTANCE = MM_COUNT, COL_GENERATION, COL_RATE, COL_COUNT };

static const char *const column_names[COL_COUNT] = {
    [MM_THROUGHPUT] = "throughput_rps",
    [MM_P50] = "p50_us",
    [MM_P99] = "p99_us",
    [MM_P999] = "p999_us",
    [MM_CPU] = "cpu_pct",
    [MM_STEAL] = "steal_pct",
    [COL_INSTANCE] = "instance",
    [COL_GENERATION] = "generation",
    [COL_RATE] = "rate_rps",
};

static const char *const metric_labels[MM_COUNT] = {
    [MM_THROUGHPUT] = "req/s",
    [MM_P50] = "p50 us",
    [MM_P99] = "p99 us",
    [MM_P999] = "p99.9 us",
    [MM_CPU] = "vCPU %",
    [MM_STEAL] = "steal %",
};

const char *measured_metric_name(enum measured_metric k)
{
    return (unsigned)k < MM_COUNT ? column_names[k] : "?";
}

const char *measured_metric_label(enum measured_metric k)
{
    return (unsigned)k < MM_COUNT ? metric_labels[k] : "?";
}

double measured_cell_value(const struct cell_result *c,
                           enum measured_metric k, double *ci95)
{
    const struct metric *m;
    double scale = 1;

    switch (k) {
    case MM_THROUGHPUT: m = &c->throughput_rps; break;
    case MM_P50: m = &c->lat_p50; break;
    case MM_P99: m = &c->lat_p99; break;
    case MM_P999: m = &c->lat_p999; break;
    case MM_CPU: m = &c->util_vcpu; scale = 100; break;
    case MM_STEAL:
        if (!c->host_shared) {
            *ci95 = 0;
            return 0;           /* every vCPU had a core of its own */
        }
        m = &c->steal_pct;
        break;
    default:
        *ci95 = NAN;
        return NAN;
    }
    *ci95 = m->ci95 * scale;
    return m->mean * scale;
}

/* A field of a line: its text (trimmed, NUL-terminated) and column. */
struct field {
    char *text;
    int col;
};

/* Splits line at commas, in place. Returns the number of fields. */
static int split(char *line, struct field *f, int max)
{
    char *p = line, *end;
    int n = 0;

    for (;;) {
        char *comma = strchr(p, ',');

        if (comma)
            *comma = '\0';
        while (*p == ' ' || *p == '\t')
            p++;
        end = p + strlen(p);
        while (end > p && (end[-1] == ' ' || end[-1] == '\t' ||
                           end[-1] == '\r' || end[-1] == '\n'))
            *--end = '\0';
        if (n < max) {
            f[n].text = p;
            f[n].col = (int)(p - line) + 1;
        }
        n++;
        if (!comma)
            break;
        p = comma + 1;
    }
    return n;
}

/* True for a line that holds nothing: blanks, or a '#' comment. */
static int skip_line(const char *line)
{
    while (*line == ' ' || *line == '\t' || *line == '\r' || *line == '\n')
        line++;
    return *line == '\0' || *line == '#';
}

struct header {
    int nfields;
    int kind[MAX_FIELDS];       /* a column of column_names */
};

static int read_header(struct header *h, char *line, int ln,
                       struct diag *dg)
{
    struct field f[MAX_FIELDS];
    int i, k, seen[COL_COUNT] = {0}, metrics = 0, rc = 0;

    h->nfields = split(line, f, MAX_FIELDS);
    if (h->nfields > MAX_FIELDS)
        return diag_set(dg, ln, 1, "too many columns (%d); at most %d",
                        h->nfields, MAX_FIELDS);
    for (i = 0; i < h->nfields; i++) {
        for (k = 0; k < COL_COUNT; k++)
            if (strcmp(f[i].text, column_names[k]) == 0)
                break;
        if (k == COL_COUNT) {
            int before = dg ? dg->count : 0;

            rc = diag_unknown(dg, "column", f[i].text, column_names,
                              COL_COUNT, NULL);
            if (dg && dg->count > before) {
                dg->e[dg->count - 1].line = ln;
                dg->e[dg->count - 1].col = f[i].col;
            }
            continue;
        }
        if (seen[k]++) {
            rc = diag_set(dg, ln, f[i].col, "column '%s' appears twice",
                          column_names[k]);
            continue;
        }
        h->kind[i] = k;
        metrics += k < MM_COUNT;
    }
    if (rc == 0 && !seen[COL_INSTANCE])
        rc = diag_set(dg, ln, 1, "the header has no 'instance' column");
    if (rc == 0 && metrics == 0)
        rc = diag_set(dg, ln, 1, "the header names no measured figure; "
                      "give any of throughput_rps, p50_us, p99_us, p999_us, "
                      "cpu_pct, steal_pct");
    return rc;
}

/* A figure: empty is NaN (not measured); else finite and >= 0. */
static int parse_figure(const struct field *f, const char *col, int ln,
                        double *out, struct diag *dg)
{
    char *end;

    *out = NAN;
    if (f->text[0] == '\0')
        return 0;
    errno = 0;
    *out = strtod(f->text, &end);
    if (end == f->text || *end != '\0' || errno == ERANGE || !isfinite(*out))
        return diag_set(dg, ln, f->col, "column '%s': expected a number, "
                        "got '%s'", col, f->text);
    if (*out < 0)
        return diag_set(dg, ln, f->col, "column '%s': must be >= 0, got "
                        "'%s'", col, f->text);
    return 0;
}

/* A name field, cut-off checked. */
static int copy_name(char *dst, size_t size, const struct field *f,
                     const char *col, int ln, struct diag *dg)
{
    if (strlen(f->text) >= size)
        return diag_set(dg, ln, f->col, "column '%s': '%s' is longer than "
                        "%zu characters", col, f->text, size - 1);
    memcpy(dst, f->text, strlen(f->text) + 1);
    return 0;
}

static int read_row(struct measured_row *row, const struct header *h,
                    char *line, int ln, struct diag *dg)
{
    struct field f[MAX_FIELDS];
    int i, n, rc = 0, any = 0;

    memset(row, 0, sizeof(*row));
    row->line = ln;
    row->rate_rps = NAN;
    for (i = 0; i < MM_COUNT; i++)
        row->v[i] = NAN;
    snprintf(row->generation, sizeof(row->generation), "actual");
    n = split(line, f, MAX_FIELDS);
    if (n != h->nfields)
        return diag_set(dg, ln, 1, "row has %d field%s, the header %d", n,
                        n == 1 ? "" : "s", h->nfields);
    for (i = 0; i < n; i++) {
        int k = h->kind[i];
        const char *col = column_names[k];

        if (k == COL_INSTANCE) {
            if (f[i].text[0] == '\0')
                rc = diag_set(dg, ln, f[i].col, "column 'instance' is empty");
            else
                rc |= copy_name(row->instance, sizeof(row->instance), &f[i],
                                col, ln, dg);
        } else if (k == COL_GENERATION) {
            if (f[i].text[0])
                rc |= copy_name(row->generation, sizeof(row->generation),
                                &f[i], col, ln, dg);
        } else if (k == COL_RATE) {
            rc |= parse_figure(&f[i], col, ln, &row->rate_rps, dg);
        } else {
            rc |= parse_figure(&f[i], col, ln, &row->v[k], dg);
            any |= isfinite(row->v[k]);
        }
    }
    if (rc == 0 && !any)
        rc = diag_set(dg, ln, 1, "row measures nothing: every figure is "
                      "empty");
    return rc ? -1 : 0;
}

int measured_read(struct measured_set *m, FILE *fp, struct diag *dg)
{
    struct header h = {0};
    char *line = NULL;
    size_t cap = 0;
    int ln = 0, have_header = 0, rc = 0;

    memset(m, 0, sizeof(*m));
    while (getline(&line, &cap, fp) >= 0) {
        struct measured_row row;

        ln++;
        if (skip_line(line))
            continue;
        if (!have_header) {
            have_header = 1;
            if (read_header(&h, line, ln, dg) < 0) {
                rc = -1;
                break;
            }
            continue;
        }
        if (read_row(&row, &h, line, ln, dg) < 0) {
            rc = -1;
            if (dg->count >= DIAG_MAX)
                break;
            continue;
        }
        if (m->n == m->cap) {
            m->cap = m->cap ? 2 * m->cap : 16;
            m->rows = xrealloc(m->rows, m->cap * sizeof(*m->rows));
        }
        m->rows[m->n++] = row;
    }
    free(line);
    if (rc == 0 && ferror(fp))
        rc = diag_set(dg, 0, 0, "read error: %s", strerror(errno));
    if (rc == 0 && !have_header)
        rc = diag_set(dg, 0, 0, "no header: the file is empty");
    if (rc == 0 && m->n == 0)
        rc = diag_set(dg, ln, 0, "no measurements after the header");
    if (rc < 0)
        measured_release(m);
    return rc;
}

int measured_read_file(struct measured_set *m, const char *path,
                       struct diag *dg)
{
    FILE *fp = fopen(path, "r");
    int rc;

    memset(m, 0, sizeof(*m));
    if (!fp)
        return diag_set(dg, 0, 0, "cannot open: %s", strerror(errno));
    rc = measured_read(m, fp, dg);
    fclose(fp);
    return rc;
}

void measured_release(struct measured_set *m)
{
    free(m->rows);
    memset(m, 0, sizeof(*m));
}
