/*
 * dist.c - distributions of amounts: constructors, sampling through GSL,
 * theoretical moments, and loading empirical samples from a file.
 * Touches only sim/ (random streams, diagnostics, allocation).
 */
#include "workloads/dist.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "base/infile.h"
#include "base/xalloc.h"

/* An empirical file larger than this is more likely a mistake than data. */
#define DIST_MAX_SAMPLES 10000000

const char *const dist_kind_names[DIST_KIND_COUNT] = {
    [DIST_CONST] = "const",
    [DIST_EXPONENTIAL] = "exponential",
    [DIST_LOGNORMAL] = "lognormal",
    [DIST_UNIFORM] = "uniform",
    [DIST_PARETO] = "pareto",
    [DIST_EMPIRICAL] = "empirical",
};

const char *dist_kind_name(enum dist_kind k)
{
    return (unsigned)k < DIST_KIND_COUNT ? dist_kind_names[k] : "?";
}

int dist_kind_from_name(const char *name)
{
    int k;

    for (k = 0; k < DIST_KIND_COUNT; k++)
        if (!strcmp(dist_kind_names[k], name))
            return k;
    return -1;
}

struct dist dist_const(double value)
{
    struct dist d = {.kind = DIST_CONST, .a = value};

    assert(isfinite(value) && value >= 0);
    return d;
}

struct dist dist_exponential(double mean)
{
    struct dist d = {.kind = DIST_EXPONENTIAL, .a = mean};

    assert(isfinite(mean) && mean > 0);
    return d;
}

struct dist dist_lognormal(double mean, double cv)
{
    struct dist d = {.kind = DIST_LOGNORMAL, .a = mean, .b = cv};
    double s2;

    assert(isfinite(mean) && mean > 0 && isfinite(cv) && cv >= 0);
    /*
     * For X = exp(N(mu, sigma^2)): E X = exp(mu + sigma^2/2) and
     * cv^2 = exp(sigma^2) - 1, solved for mu and sigma.
     */
    s2 = log1p(cv * cv);
    d.sigma = sqrt(s2);
    d.mu = log(mean) - s2 / 2;
    return d;
}

struct dist dist_uniform(double min, double max)
{
    struct dist d = {.kind = DIST_UNIFORM, .a = min, .b = max};

    assert(isfinite(min) && isfinite(max) && min >= 0 && min <= max);
    return d;
}

struct dist dist_pareto(double alpha, double min)
{
    struct dist d = {.kind = DIST_PARETO, .a = alpha, .b = min};

    assert(isfinite(alpha) && alpha > 0 && isfinite(min) && min > 0);
    return d;
}

void dist_empirical_take(struct dist *d, double *samples, size_t n)
{
    assert(samples && n > 0);
    memset(d, 0, sizeof(*d));
    d->kind = DIST_EMPIRICAL;
    d->samples = samples;
    d->nsamples = n;
}

/* Strips a line ending (LF or CRLF) and surrounding blanks in place. */
static char *trim(char *s)
{
    size_t n = strlen(s);

    while (n > 0 && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    while (isspace((unsigned char)*s))
        s++;
    return s;
}

int dist_empirical_load(struct dist *d, const char *path, struct diag *dg)
{
    char line[256];
    double *v = NULL;
    size_t n = 0, cap = 0;
    int lineno = 0, bad = 0;
    FILE *fp = infile_open(path, "samples file", dg);

    if (!fp)
        return -1;
    while (fgets(line, sizeof(line), fp)) {
        char *s, *end;
        double x;

        lineno++;
        if (!strchr(line, '\n') && !feof(fp)) {
            diag_set(dg, lineno, 0, "line longer than %zu characters",
                     sizeof(line) - 2);
            bad = 1;
            break;
        }
        s = trim(line);
        if (*s == '\0' || *s == '#')
            continue;
        errno = 0;
        x = strtod(s, &end);
        if (end == s || *end != '\0' || strpbrk(s, "xX") ||
            isalpha((unsigned char)s[strspn(s, "+-")])) {
            diag_set(dg, lineno, 0, "expected a number, got '%s'", s);
            bad = 1;
            continue;
        }
        if (!isfinite(x) || errno == ERANGE) {
            diag_set(dg, lineno, 0, "sample out of range, got '%s'", s);
            bad = 1;
            continue;
        }
        if (x < 0) {
            diag_set(dg, lineno, 0, "samples must be >= 0, got '%s'", s);
            bad = 1;
            continue;
        }
        if (n == DIST_MAX_SAMPLES) {
            diag_set(dg, lineno, 0, "more than %d samples",
                     DIST_MAX_SAMPLES);
            bad = 1;
            break;
        }
        if (n == cap) {
            cap = cap ? 2 * cap : 256;
            v = xreallocarray(v, cap, sizeof(*v));
        }
        v[n++] = x;
    }
    if (ferror(fp) && !bad) {
        diag_set(dg, 0, 0, "read error: %s", strerror(errno));
        bad = 1;
    }
    fclose(fp);
    if (!bad && n == 0) {
        diag_set(dg, 0, 0, "no samples in file");
        bad = 1;
    }
    if (bad) {
        free(v);
        return -1;
    }
    dist_empirical_take(d, v, n);
    return 0;
}

double dist_sample(const struct dist *d, struct rng_stream *st)
{
    switch (d->kind) {
    case DIST_CONST:
        return d->a;
    case DIST_EXPONENTIAL:
        return gsl_ran_exponential(st->r, d->a);
    case DIST_LOGNORMAL:
        /*
         * exp of a normal drawn by GSL's ziggurat (Marsaglia and Tsang
         * 2000), exact like gsl_ran_lognormal's polar Box-Muller (its
         * points lie on a grid of 2^24 per layer, far finer than any
         * amount needs): one raw draw and a table look-up most of the
         * time, where the polar method takes two uniforms, a rejection,
         * a log and a sqrt. About 140 instructions a draw instead of 240.
         */
        return exp(d->mu + d->sigma * gsl_ran_gaussian_ziggurat(st->r, 1));
    case DIST_UNIFORM:
        return gsl_ran_flat(st->r, d->a, d->b);
    case DIST_PARETO:
        return gsl_ran_pareto(st->r, d->a, d->b);
    case DIST_EMPIRICAL:
        return d->samples[gsl_rng_uniform_int(st->r,
                                              (unsigned long)d->nsamples)];
    case DIST_KIND_COUNT:
        break;
    }
    assert(!"unknown distribution kind");
    return 0;
}

static void empirical_moments(const struct dist *d, double *mean, double *var)
{
    double m = 0, m2 = 0;
    size_t i;

    /* Welford's update: stable for samples of very different sizes. */
    for (i = 0; i < d->nsamples; i++) {
        double x = d->samples[i], delta = x - m;

        m += delta / (double)(i + 1);
        m2 += delta * (x - m);
    }
    *mean = m;
    *var = m2 / (double)d->nsamples;
}

double dist_mean(const struct dist *d)
{
    double m, v;

    switch (d->kind) {
    case DIST_CONST:
    case DIST_EXPONENTIAL:
    case DIST_LOGNORMAL:
        return d->a;
    case DIST_UNIFORM:
        return (d->a + d->b) / 2;
    case DIST_PARETO:
        return d->a > 1 ? d->a * d->b / (d->a - 1) : INFINITY;
    case DIST_EMPIRICAL:
        empirical_moments(d, &m, &v);
        return m;
    case DIST_KIND_COUNT:
        break;
    }
    return 0;
}

double dist_variance(const struct dist *d)
{
    double m, v, w;

    switch (d->kind) {
    case DIST_CONST:
        return 0;
    case DIST_EXPONENTIAL:
        return d->a * d->a;
    case DIST_LOGNORMAL:
        return (d->a * d->b) * (d->a * d->b);
    case DIST_UNIFORM:
        w = d->b - d->a;
        return w * w / 12;
    case DIST_PARETO:
        if (d->a <= 2)
            return INFINITY;
        return d->b * d->b * d->a / ((d->a - 1) * (d->a - 1) * (d->a - 2));
    case DIST_EMPIRICAL:
        empirical_moments(d, &m, &v);
        return v;
    case DIST_KIND_COUNT:
        break;
    }
    return 0;
}

void dist_describe(const struct dist *d, char *buf, size_t size)
{
    switch (d->kind) {
    case DIST_CONST:
        snprintf(buf, size, "%g", d->a);
        break;
    case DIST_EXPONENTIAL:
        snprintf(buf, size, "exponential(mean %g)", d->a);
        break;
    case DIST_LOGNORMAL:
        snprintf(buf, size, "lognormal(mean %g, cv %g)", d->a, d->b);
        break;
    case DIST_UNIFORM:
        snprintf(buf, size, "uniform(%g, %g)", d->a, d->b);
        break;
    case DIST_PARETO:
        snprintf(buf, size, "pareto(alpha %g, min %g)", d->a, d->b);
        break;
    case DIST_EMPIRICAL:
        snprintf(buf, size, "empirical(%zu samples, mean %g)", d->nsamples,
                 dist_mean(d));
        break;
    case DIST_KIND_COUNT:
        snprintf(buf, size, "?");
        break;
    }
}

void dist_release(struct dist *d)
{
    free(d->samples);
    *d = dist_const(0);
}
