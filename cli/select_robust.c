/*
 * select_robust.c - verdicts that hold across parameter ranges: the
 * selection re-run at each end of each parameter's range (same seed, the
 * other numbers as given), candidates matched by instance and generation.
 */
#include "cli/select_robust.h"

#include <stdbool.h>
#include <string.h>

#include "models/params.h"

/* What one candidate of the base run became across the runs. */
struct robust_row {
    bool holds;
    char flip[96];              /* "NAME=VALUE: fails", the first */
};

static const struct select_candidate *find(const struct select_report *rep,
                                           const struct select_candidate *c)
{
    size_t i;

    for (i = 0; i < rep->ncandidates; i++)
        if (!strcmp(rep->c[i].ip.name, c->ip.name) &&
            rep->c[i].gen == c->gen)
            return &rep->c[i];
    return NULL;
}

enum run_status select_robust(const struct select_config *cfg,
                              const struct select_report *base,
                              const struct sens_param *p, size_t n,
                              volatile sig_atomic_t *stop, FILE *fp,
                              struct diag *dg)
{
    struct robust_row rows[512];
    size_t nrows = base->ncandidates < 512 ? base->ncandidates : 512;
    size_t i, k, end, nholds = 0, nsim = 0;
    enum run_status st = RUN_OK;

    for (i = 0; i < nrows; i++) {
        rows[i].holds = true;
        rows[i].flip[0] = '\0';
    }
    for (k = 0; k < n && st == RUN_OK; k++) {
        for (end = 0; end < 2 && st == RUN_OK; end++) {
            struct select_config c = *cfg;
            struct select_report rep;
            double v = end ? p[k].hi : p[k].lo;
            const char *name = param_info((enum param_id)p[k].id)->name;

            c.params.v[p[k].id] = v;
            c.headroom = false;
            c.progress = PROGRESS_NEVER;
            st = select_run(&c, &rep, stop, dg);
            for (i = 0; st == RUN_OK && i < nrows; i++) {
                const struct select_candidate *b = &base->c[i], *o;
                enum select_verdict got;

                if (!b->simulated || !rows[i].holds)
                    continue;
                o = find(&rep, b);
                got = o ? o->verdict : SELECT_PRUNED;
                if (got != b->verdict) {
                    rows[i].holds = false;
                    snprintf(rows[i].flip, sizeof(rows[i].flip),
                             "%s=%g: %s", name, v, select_verdict_name(got));
                }
            }
            select_report_release(&rep);
        }
    }
    if (st != RUN_OK)
        return st;
    fprintf(fp, "\nrobust verdicts: each of %zu parameter%s at both ends of "
            "its range (%zu more selections)\n", n, n == 1 ? "" : "s", 2 * n);
    fprintf(fp, "  %-16s %-14s %-9s %-5s %s\n", "instance", "generation",
            "verdict", "holds", "first change");
    for (i = 0; i < nrows; i++) {
        const struct select_candidate *b = &base->c[i];

        if (!b->simulated)
            continue;
        nsim++;
        nholds += rows[i].holds;
        fprintf(fp, "  %-16s %-14s %-9s %-5s %s\n", b->ip.name,
                b->gen ? b->gen->name : "-", select_verdict_name(b->verdict),
                rows[i].holds ? "yes" : "no", rows[i].flip);
    }
    fprintf(fp, "%zu of %zu simulated verdicts hold across the ranges\n",
            nholds, nsim);
    return RUN_OK;
}
