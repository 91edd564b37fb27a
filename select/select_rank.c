/*
 * select_rank.c - judging candidates against the SLO terms and ordering
 * them by verdict, then cost.
 */
#include "select/select_rank.h"

#include <math.h>
#include <stdlib.h>

enum select_verdict select_rank_verdict(const struct cell_result *c,
                                        const struct select_slo *terms,
                                        enum select_verdict *per_term)
{
    enum select_verdict all = SELECT_MEETS;
    size_t i;

    for (i = 0; i < terms->n; i++) {
        const struct select_term *t = &terms->t[i];
        enum select_verdict v =
            select_slo_judge(t, select_slo_measure(c, t->metric));

        if (per_term)
            per_term[i] = v;
        if (v == SELECT_FAILS)
            all = SELECT_FAILS;
        else if (v == SELECT_CLOSE && all == SELECT_MEETS)
            all = SELECT_CLOSE;
    }
    /* Percentiles of nothing read as 0: no completion is no service. */
    if (c->completed == 0)
        all = SELECT_FAILS;
    return all;
}

void select_rank_judge(struct select_candidate *c,
                       const struct select_slo *terms)
{
    c->verdict = select_rank_verdict(&c->cell, terms, c->term_verdict);
    c->usd_per_hour = c->cell.usd_per_hour +
                      c->cell.credits_surplus_usd_per_hour;
}

static int cmp_double(double a, double b)
{
    /* NaN and 0 (unknown) sort last. */
    if (!(a > 0))
        a = INFINITY;
    if (!(b > 0))
        b = INFINITY;
    return a < b ? -1 : a > b;
}

static int compare(const void *pa, const void *pb)
{
    const struct select_candidate *a = pa, *b = pb;
    int r;

    if (a->verdict != b->verdict)
        return a->verdict < b->verdict ? -1 : 1;
    r = cmp_double(a->usd_per_hour, b->usd_per_hour);
    if (r == 0 && a->verdict == SELECT_MEETS)
        r = cmp_double(a->cell.usd_per_million, b->cell.usd_per_million);
    if (r == 0)
        r = a->order < b->order ? -1 : a->order > b->order;
    return r;
}

void select_rank_order(struct select_candidate *c, size_t n)
{
    size_t i, rank = 0;

    if (n > 1)
        qsort(c, n, sizeof(*c), compare);
    for (i = 0; i < n; i++)
        c[i].rank = c[i].verdict == SELECT_MEETS ? ++rank : 0;
}
