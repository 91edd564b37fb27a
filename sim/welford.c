/*
 * welford.c - one-pass running mean and variance (Welford, 1962), and the
 * pairwise merge of two accumulators (Chan, Golub and LeVeque, 1979).
 * Pure arithmetic; knows nothing about what is being measured.
 */
#include "sim/welford.h"

#include <math.h>

void welford_init(struct welford *w)
{
    w->n = 0;
    w->mean = 0.0;
    w->m2 = 0.0;
    w->min = INFINITY;
    w->max = -INFINITY;
}

void welford_add(struct welford *w, double x)
{
    double delta;

    w->n++;
    delta = x - w->mean;
    w->mean += delta / (double)w->n;
    /* delta * (x - new mean) = delta^2 * (n-1)/n, never negative. */
    w->m2 += delta * (x - w->mean);
    if (x < w->min)
        w->min = x;
    if (x > w->max)
        w->max = x;
}

void welford_merge(struct welford *dst, const struct welford *src)
{
    double na, nb, n, delta;

    if (src->n == 0)
        return;
    if (dst->n == 0) {
        *dst = *src;
        return;
    }
    na = (double)dst->n;
    nb = (double)src->n;
    n = na + nb;
    delta = src->mean - dst->mean;
    /*
     * Chan et al.: the mean moves toward src by src's share of the total,
     * and m2 gains the between-groups term delta^2 * na * nb / n.
     */
    dst->mean += delta * (nb / n);
    dst->m2 += src->m2 + delta * delta * (na / n) * nb;
    dst->n += src->n;
    if (src->min < dst->min)
        dst->min = src->min;
    if (src->max > dst->max)
        dst->max = src->max;
}

double welford_variance(const struct welford *w)
{
    if (w->n < 2 || w->m2 <= 0.0)
        return 0.0;
    return w->m2 / (double)(w->n - 1);
}

double welford_stddev(const struct welford *w)
{
    return sqrt(welford_variance(w));
}
