/*
 * select_slo.c - parsing `--slo` terms, and judging a cell against them
 * with its confidence intervals. Knows cell results and diagnostics only.
 */
#include "select/select_slo.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TERM_MAX 40             /* characters of one term, blanks removed */

struct metric_info {
    const char *name;
    int upper;                  /* 1: an upper bound (<, <=); 0: lower */
};

static const struct metric_info metrics[SM_COUNT] = {
    [SM_P50] = {"p50", 1},
    [SM_P90] = {"p90", 1},
    [SM_P99] = {"p99", 1},
    [SM_P999] = {"p99.9", 1},
    [SM_RPS] = {"rps", 0},
    [SM_CPU] = {"cpu", 1},
    [SM_DROPS] = {"drops", 1},
    [SM_KEEP_UP] = {"keep-up", 0},
};

/* What users may write: the metrics above but keep-up, and an alias;
 * p99 first, the likeliest meant of equally near misses ("p95"). */
static const char *const written[] = {
    "p99", "p50", "p90", "p99.9", "rps", "cpu", "drops", "p999",
};
#define NWRITTEN (sizeof(written) / sizeof(written[0]))

const char *select_metric_name(enum select_metric m)
{
    return m < SM_COUNT ? metrics[m].name : "?";
}

const char *select_verdict_name(enum select_verdict v)
{
    switch (v) {
    case SELECT_MEETS:
        return "meets";
    case SELECT_CLOSE:
        return "too close";
    case SELECT_FAILS:
        return "fails";
    case SELECT_PRUNED:
        return "pruned";
    }
    return "?";
}

static int metric_from_name(const char *name)
{
    size_t i;

    if (!strcmp(name, "p999"))
        return SM_P999;
    for (i = 0; i < SM_KEEP_UP; i++)
        if (!strcmp(name, metrics[i].name))
            return (int)i;
    return -1;
}

static int is_latency(enum select_metric m)
{
    return m <= SM_P999;
}

/* Reads the number and its unit from s into *v (us, req/s or fraction). */
static int parse_value(const char *term, const char *op, const char *s,
                       enum select_metric m, double *v, struct diag *dg)
{
    char *end;
    double x = strtod(s, &end);

    if (end == s || !isfinite(x) || !strncmp(s, "0x", 2) ||
        !strncmp(s, "0X", 2))
        return diag_set(dg, 0, 0, "--slo: '%s': expected a number after "
                        "'%s', got '%s'", term, op, s);
    if (is_latency(m)) {
        if (!*end)
            return diag_set(dg, 0, 0, "--slo: '%s': give a unit: us, ms or s",
                            term);
        if (!strcmp(end, "us"))
            *v = x;
        else if (!strcmp(end, "ms"))
            *v = x * 1e3;
        else if (!strcmp(end, "s"))
            *v = x * 1e6;
        else
            return diag_set(dg, 0, 0, "--slo: '%s': unknown unit '%s'; use "
                            "us, ms or s", term, end);
        if (!(*v > 0))
            return diag_set(dg, 0, 0, "--slo: '%s': the time must be > 0",
                            term);
        return 0;
    }
    if (m == SM_RPS) {
        if (!strcmp(end, "k"))
            x *= 1e3;
        else if (!strcmp(end, "M"))
            x *= 1e6;
        else if (*end)
            return diag_set(dg, 0, 0, "--slo: '%s': unexpected '%s' after "
                            "the number (requests per second; k and M "
                            "allowed)", term, end);
        if (!(x > 0))
            return diag_set(dg, 0, 0, "--slo: '%s': rps must be > 0", term);
        *v = x;
        return 0;
    }
    if (!strcmp(end, "%"))
        x /= 100;
    else if (*end)
        return diag_set(dg, 0, 0, "--slo: '%s': unexpected '%s' after the "
                        "number (a fraction, or a percentage with %%)", term,
                        end);
    if (m == SM_CPU && !(x > 0 && x <= 1))
        return diag_set(dg, 0, 0, "--slo: '%s': cpu must be in (0, 1] or "
                        "(0%%, 100%%]", term);
    if (m == SM_DROPS && !(x >= 0 && x <= 1))
        return diag_set(dg, 0, 0, "--slo: '%s': drops must be in [0, 1] or "
                        "[0%%, 100%%]", term);
    *v = x;
    return 0;
}

static int parse_term(const char *term, const char *whole,
                      struct select_term *t, struct diag *dg)
{
    char name[TERM_MAX + 1];
    const char *p = term, *op;
    size_t n = strcspn(term, "<>=!");
    int m, upper, oplen;

    if (!*term)
        return diag_set(dg, 0, 0, "--slo: empty term in '%s'", whole);
    if (!term[n])
        return diag_set(dg, 0, 0, "--slo: '%s' has no comparison; write "
                        "METRIC<VALUE, or rps>=VALUE", term);
    memcpy(name, term, n);
    name[n] = '\0';
    m = metric_from_name(name);
    if (m < 0) {
        const char *near = diag_near_miss(name, written, NWRITTEN);

        if (near)
            return diag_set(dg, 0, 0, "--slo: unknown metric '%s' in '%s' "
                            "(did you mean '%s'?)", name, term, near);
        return diag_set(dg, 0, 0, "--slo: unknown metric '%s' in '%s'; "
                        "valid: p50, p90, p99, p99.9, rps, cpu, drops", name,
                        term);
    }
    p = term + n;
    op = p;
    if (!strncmp(p, "<=", 2) || !strncmp(p, ">=", 2))
        oplen = 2;
    else if (*p == '<' || *p == '>')
        oplen = 1;
    else
        return diag_set(dg, 0, 0, "--slo: '%s' has no comparison; write "
                        "METRIC<VALUE, or rps>=VALUE", term);
    upper = *p == '<';
    if (upper != metrics[m].upper) {
        if (metrics[m].upper)
            return diag_set(dg, 0, 0, "--slo: '%s': %s takes an upper bound "
                            "(%s<VALUE)", term, metrics[m].name,
                            metrics[m].name);
        return diag_set(dg, 0, 0, "--slo: '%s': rps takes a lower bound "
                        "(rps>=VALUE)", term);
    }
    {
        char opbuf[3];

        memcpy(opbuf, op, (size_t)oplen);
        opbuf[oplen] = '\0';
        if (parse_value(term, opbuf, p + oplen, (enum select_metric)m,
                        &t->value, dg) < 0)
            return -1;
    }
    t->metric = (enum select_metric)m;
    snprintf(t->text, sizeof(t->text), "%s", term);
    return 0;
}

int select_slo_parse(const char *text, struct select_slo *out,
                     struct diag *dg)
{
    const char *p = text;
    size_t i;

    memset(out, 0, sizeof(*out));
    while (*p && isspace((unsigned char)*p))
        p++;
    if (!*p)
        return diag_set(dg, 0, 0, "--slo: empty; give terms such as "
                        "'p99<200us,rps>=20000'");
    for (;;) {
        char term[TERM_MAX + 1];
        size_t n = 0;
        struct select_term t;

        /* One term, blanks dropped, up to the next comma. */
        for (; *p && *p != ','; p++) {
            if (isspace((unsigned char)*p))
                continue;
            if (n == TERM_MAX)
                return diag_set(dg, 0, 0, "--slo: term '%.*s...' is too "
                                "long", TERM_MAX, term);
            term[n++] = *p;
        }
        term[n] = '\0';
        if (parse_term(term, text, &t, dg) < 0)
            return -1;
        for (i = 0; i < out->n; i++)
            if (out->t[i].metric == t.metric)
                return diag_set(dg, 0, 0, "--slo: two terms on '%s': '%s' "
                                "and '%s'", metrics[t.metric].name,
                                out->t[i].text, t.text);
        out->t[out->n++] = t;
        if (!*p)
            break;
        p++;                    /* the comma */
    }
    return 0;
}

const struct select_term *select_slo_find(const struct select_slo *s,
                                          enum select_metric m)
{
    size_t i;

    for (i = 0; i < s->n; i++)
        if (s->t[i].metric == m)
            return &s->t[i];
    return NULL;
}

struct metric select_slo_measure(const struct cell_result *c,
                                 enum select_metric m)
{
    struct metric none = {0, 0};
    double total;

    switch (m) {
    case SM_P50:
        return c->lat_p50;
    case SM_P90:
        return c->lat_p90;
    case SM_P99:
        return c->lat_p99;
    case SM_P999:
        return c->lat_p999;
    case SM_RPS:
    case SM_KEEP_UP:
        return c->throughput_rps;
    case SM_CPU:
        return c->util_vcpu;
    case SM_DROPS:
        total = (double)(c->completed + c->dropped);
        none.mean = total > 0 ? c->dropped / total : 0;
        return none;
    case SM_COUNT:
        break;
    }
    return none;
}

enum select_verdict select_slo_judge(const struct select_term *t,
                                     struct metric m)
{
    double lo = m.mean - m.ci95, hi = m.mean + m.ci95;

    /*
     * Throughput's spread across replications is mostly the arrival
     * process's own (Poisson counts), the same for every candidate; the
     * keep-up term's 5% slack already allows for it, so its mean decides.
     */
    if (t->metric == SM_KEEP_UP)
        return m.mean >= t->value ? SELECT_MEETS : SELECT_FAILS;
    if (metrics[t->metric].upper) {
        if (hi <= t->value)
            return SELECT_MEETS;
        return lo > t->value ? SELECT_FAILS : SELECT_CLOSE;
    }
    if (lo >= t->value)
        return SELECT_MEETS;
    return hi < t->value ? SELECT_FAILS : SELECT_CLOSE;
}

void select_slo_format_us(double us, char *buf, size_t n)
{
    if (us >= 1e6)
        snprintf(buf, n, "%.3g s", us / 1e6);
    else if (us >= 1e3)
        snprintf(buf, n, "%.3g ms", us / 1e3);
    else
        snprintf(buf, n, "%.3g us", us);
}

void select_slo_format(enum select_metric m, double v, char *buf, size_t n)
{
    if (is_latency(m))
        select_slo_format_us(v, buf, n);
    else if (m == SM_RPS || m == SM_KEEP_UP)
        snprintf(buf, n, "%.0f req/s", v);
    else
        snprintf(buf, n, "%.3g%%", 100 * v);
}

void select_slo_describe(const struct select_term *t, char *buf, size_t n)
{
    char v[32];

    select_slo_format(t->metric, t->value, v, sizeof(v));
    if (t->metric == SM_KEEP_UP)
        snprintf(buf, n, "throughput >= %s (%.0f%% of the offered rate)", v,
                 100 * SELECT_KEEP_UP);
    else
        snprintf(buf, n, "%s %s %s", metrics[t->metric].name,
                 metrics[t->metric].upper ? "<" : ">=", v);
}
