/*
 * ci.c - Student t confidence intervals over independent replications.
 * The t quantile comes from GSL; everything else is a Welford summary.
 */
#include "sim/ci.h"

#include <assert.h>
#include <math.h>

#include <gsl/gsl_cdf.h>

double ci_t_quantile(double level, size_t n)
{
    assert(n >= 2);
    assert(level > 0.0 && level < 1.0);
    /* Two-sided: leave (1 - level) / 2 in each tail. */
    return gsl_cdf_tdist_Pinv(0.5 + level / 2.0, (double)(n - 1));
}

struct ci ci_from_welford(const struct welford *w, double level)
{
    struct ci c;

    c.mean = w->n ? w->mean : 0.0;
    c.n = (size_t)w->n;
    c.half = 0.0;
    if (w->n >= 2)
        c.half = ci_t_quantile(level, c.n) * welford_stddev(w)
                 / sqrt((double)w->n);
    return c;
}

struct ci ci_from_array(const double *x, size_t n, double level)
{
    struct welford w;
    size_t i;

    welford_init(&w);
    for (i = 0; i < n; i++)
        welford_add(&w, x[i]);
    return ci_from_welford(&w, level);
}

int ci_contains(const struct ci *c, double v)
{
    return v >= c->mean - c->half && v <= c->mean + c->half;
}
