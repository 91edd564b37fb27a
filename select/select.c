/*
 * select.c - the instance-selection what-if from end to end: candidates
 * from the catalog, pruned by capacity arithmetic, the rest run as the
 * cells of an in-memory scenario by the scenario runner, judged against
 * the SLO, diagnosed, pushed for headroom, and ranked by cost.
 */
#include "select/select.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run/cell.h"
#include "select/select_headroom.h"
#include "run/pool.h"
#include "select/select_rank.h"
#include "select/select_reason.h"
#include "select/select_scale.h"
#include "models/catalog.h"
#include "base/xalloc.h"

#define MAX_LIST 128            /* names in --families or --instances */

void select_config_init(struct select_config *c)
{
    memset(c, 0, sizeof(*c));
    c->duration_s = 1.0;
    c->warmup_s = 0.1;
    c->replications = 3;
    c->seed = 1;
    c->jobs = 1;
    c->load_factor = 1;
    c->headroom_steps = 8;
    param_set_defaults(&c->params);
    c->progress = PROGRESS_AUTO;
}

/* ---- candidates ---- */

/*
 * Splits a comma-separated list into at most MAX_LIST trimmed names, in
 * *buf (a copy of list the caller frees).
 */
static size_t split(const char *list, char **buf, const char **names)
{
    size_t n = 0;
    char *save = NULL, *tok;

    *buf = xstrdup(list);
    for (tok = strtok_r(*buf, ",", &save); tok && n < MAX_LIST;
         tok = strtok_r(NULL, ",", &save)) {
        while (*tok == ' ')
            tok++;
        tok[strcspn(tok, " ")] = '\0';
        if (*tok)
            names[n++] = tok;
    }
    return n;
}

static int family_listed(const char *family, const char *const *fams,
                         size_t n)
{
    size_t i;

    if (n == 0)
        return 1;
    for (i = 0; i < n; i++)
        if (!strcmp(family, fams[i]))
            return 1;
    return 0;
}

static size_t len_gap(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);

    return la > lb ? la - lb : lb - la;
}

/*
 * The family nearest `word`, or NULL; among equally near ones, one as long
 * as the word wins ("c5x" is likelier a mistyped "c5n" than "c5"), as
 * `virtsim instances` has it.
 */
static const char *family_near_miss(const char *word)
{
    const char *all[128];
    size_t i, j, n = 0;

    for (i = 0; i < catalog_count() && n < 128; i++) {
        const char *f = catalog_at(i)->family;

        for (j = 0; j < n && strcmp(all[j], f); j++)
            ;
        if (j < n)
            continue;
        for (j = n++; j > 0 && len_gap(word, all[j - 1]) >
                             len_gap(word, f); j--)
            all[j] = all[j - 1];
        all[j] = f;
    }
    return diag_near_miss(word, all, n);
}

static int check_families(const char *const *fams, size_t n, struct diag *dg)
{
    size_t i;
    int rc = 0;

    for (i = 0; i < n; i++) {
        const char *near;

        if (catalog_has_family(fams[i]))
            continue;
        near = family_near_miss(fams[i]);
        if (near)
            rc = diag_set(dg, 0, 0, "--families: unknown family '%s' (did "
                          "you mean '%s'?)", fams[i], near);
        else
            rc = diag_set(dg, 0, 0, "--families: unknown family '%s'; see "
                          "`virtsim instances`", fams[i]);
    }
    return rc;
}

static void add_candidate(struct select_report *rep,
                          const struct instance_profile *ip)
{
    const struct select_config *cfg = &rep->cfg;
    struct select_candidate *c;
    size_t i;

    for (i = 0; i < rep->ncandidates; i++)
        if (!strcmp(rep->c[i].ip.name, ip->name))
            return;
    /* An unpriced type (0) cannot be shown to fit under a price cap. */
    if (cfg->max_usd_hour > 0 &&
        !(ip->usd_per_hour > 0 && ip->usd_per_hour <= cfg->max_usd_hour))
        return;
    c = &rep->c[rep->ncandidates];
    memset(c, 0, sizeof(*c));
    c->ip = *ip;
    c->gen = cfg->gen ? cfg->gen : generation_find(ip->generation, NULL);
    c->order = rep->ncandidates++;
    c->usd_per_hour = ip->usd_per_hour;
    c->verdict = SELECT_FAILS;
}

static int gather(struct select_report *rep, struct diag *dg)
{
    const struct select_config *cfg = &rep->cfg;
    const char *names[MAX_LIST], *fams[MAX_LIST];
    char *nbuf = NULL, *fbuf = NULL;
    size_t nn = 0, nf = 0, i;
    int rc = 0;

    if (cfg->families)
        nf = split(cfg->families, &fbuf, fams);
    if (cfg->instances)
        nn = split(cfg->instances, &nbuf, names);
    if (check_families(fams, nf, dg) < 0)
        rc = -1;
    rep->c = xcalloc(nn > catalog_count() ? nn : catalog_count(),
                     sizeof(*rep->c));
    for (i = 0; i < nn; i++) {
        const struct instance_profile *ip = catalog_find(names[i], dg);

        if (!ip) {
            rc = -1;
        } else if (family_listed(ip->family, fams, nf)) {
            add_candidate(rep, ip);
        }
    }
    for (i = 0; nn == 0 && i < catalog_count(); i++)
        if (family_listed(catalog_at(i)->family, fams, nf))
            add_candidate(rep, catalog_at(i));
    if (rc == 0 && rep->ncandidates == 0 && cfg->max_usd_hour > 0)
        rc = diag_set(dg, 0, 0, "no candidate instance left: none of %s "
                      "costs at most %g USD/hour", nn ? "--instances"
                      : nf ? "--families" : "the catalog",
                      cfg->max_usd_hour);
    else if (rc == 0 && rep->ncandidates == 0)
        rc = diag_set(dg, 0, 0, "no candidate instance left: none of "
                      "--instances is of --families");
    free(nbuf);
    free(fbuf);
    return rc;
}

/* ---- the SLO as run ---- */

static void add_keep_up(struct select_report *rep)
{
    const struct select_term *rps = select_slo_find(&rep->terms, SM_RPS);
    double want = SELECT_KEEP_UP * rep->offered_rps;
    struct select_term *t;

    rep->needed_rps = rps ? rps->value : 0;
    if (rep->offered_rps <= 0 || rep->arrival == ARRIVAL_CLOSED)
        return;
    if (want > rep->needed_rps)
        rep->needed_rps = want;
    if (rps && rps->value >= want)
        return;
    t = &rep->terms.t[rep->terms.n++];
    t->metric = SM_KEEP_UP;
    t->value = want;
    snprintf(t->text, sizeof(t->text), "keep-up");
}

/* ---- pruning ---- */

static int prune(struct select_report *rep, struct diag *dg)
{
    struct select_demand demand[16];
    int have[16] = {0};
    size_t i, g;

    for (i = 0; i < rep->ncandidates; i++) {
        struct select_candidate *c = &rep->c[i];

        for (g = 0; g < generation_count() && generation_at(g) != c->gen; g++)
            ;
        if (g >= 16)
            return diag_set(dg, 0, 0, "too many generations");
        if (!have[g]) {
            if (select_prune_demand(rep->workload, rep->cfg.base_dir, c->gen,
                                    &rep->params, rep->cfg.seed, &demand[g],
                                    dg) < 0)
                return -1;
            have[g] = 1;
        }
        select_prune_bound(&c->ip, &rep->params, &demand[g],
                           rep->cfg.sustained, &c->bound);
        if (!rep->cfg.no_prune &&
            select_prune_decide(&c->bound, rep->needed_rps)) {
            c->verdict = SELECT_PRUNED;
            rep->npruned++;
            rep->pruned_by[c->bound.binding]++;
        }
    }
    return 0;
}

/* ---- simulating ---- */

static void progress_note(const struct select_config *cfg, const char *fmt,
                          ...) __attribute__((format(printf, 2, 3)));

static void progress_note(const struct select_config *cfg, const char *fmt,
                          ...)
{
    va_list ap;

    if (cfg->progress == PROGRESS_NEVER ||
        (cfg->progress == PROGRESS_AUTO && !isatty(STDERR_FILENO)))
        return;
    va_start(ap, fmt);
    fputs("select: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static int build_scenario(const struct select_report *rep,
                          const struct select_candidate *const *sim,
                          size_t n, struct scenario *sc, struct diag *dg)
{
    const struct select_config *cfg = &rep->cfg;
    struct instance_profile *ips = xcalloc(n ? n : 1, sizeof(*ips));
    size_t i;
    int rc;

    for (i = 0; i < n; i++)
        ips[i] = sim[i]->ip;
    rc = scenario_init_memory(sc, cfg->name ? cfg->name : "select",
                              rep->workload, cfg->base_dir, ips, n, dg);
    free(ips);
    if (rc < 0)
        return -1;
    sc->seed = cfg->seed;
    sc->duration_s = cfg->duration_s;
    sc->warmup_s = cfg->warmup_s;
    sc->replications = cfg->replications;
    sc->params = rep->params;
    if (cfg->gen) {
        sc->ngenerations = 1;
        sc->generations[0] = cfg->gen;
    }
    return 0;
}

struct usage_ctx {
    const struct scenario *sc;
    struct select_candidate *const *sim;
};

static enum run_status usage_task(size_t i, void *rec, const void *ctx,
                                  volatile sig_atomic_t *stop, struct diag *dg)
{
    const struct usage_ctx *u = ctx;

    return select_reason_usage(u->sc, i, u->sim[i]->gen, rec, stop, dg);
}

/* Runs the cells, then one watched replication of each. */
static enum run_status simulate(struct select_report *rep,
                                struct select_candidate **sim, size_t n,
                                struct scenario *sc,
                                volatile sig_atomic_t *stop, struct diag *dg)
{
    const struct select_config *cfg = &rep->cfg;
    struct runner_opts ro = {.jobs = cfg->jobs ? cfg->jobs : 1,
                             .progress = cfg->progress};
    struct usage_ctx uc = {sc, sim};
    struct pool_opts po = {.jobs = cfg->jobs ? cfg->jobs : 1};
    struct select_usage *u;
    struct results res;
    enum run_status rc;
    size_t i;

    results_init(&res, sc->name, sc->effective);
    rc = runner_run(sc, &ro, &res, stop, dg);
    for (i = 0; i < res.ncells && i < n; i++) {
        sim[i]->cell = res.cells[i];
        sim[i]->simulated = true;
        select_rank_judge(sim[i], &rep->terms);
    }
    results_release(&res);
    if (rc != RUN_OK)
        return rc;
    progress_note(cfg, "watching one replication of each of the %zu "
                  "candidates for the binding resource", n);
    u = xcalloc(n, sizeof(*u));
    rc = pool_run(n, &po, sizeof(*u), usage_task, &uc, u, stop, dg);
    for (i = 0; rc == RUN_OK && i < n; i++) {
        sim[i]->usage = u[i];
        sim[i]->has_usage = true;
    }
    free(u);
    return rc;
}

static void count(struct select_report *rep)
{
    size_t i;

    for (i = 0; i < rep->ncandidates; i++) {
        const struct select_candidate *c = &rep->c[i];

        rep->nsimulated += c->simulated;
        rep->nmeets += c->verdict == SELECT_MEETS;
        rep->nclose += c->simulated && c->verdict == SELECT_CLOSE;
        rep->nfails += c->simulated && c->verdict == SELECT_FAILS;
    }
}

enum run_status select_run(const struct select_config *cfg,
                           struct select_report *rep,
                           volatile sig_atomic_t *stop, struct diag *dg)
{
    struct select_candidate **sim;
    struct scenario sc;
    enum run_status rc;
    size_t i, n = 0;
    double span;

    memset(rep, 0, sizeof(*rep));
    rep->cfg = *cfg;
    rep->params = cfg->params;
    rep->terms = cfg->slo;
    if (cfg->sustained) {
        param_set_value(&rep->params, "ec2.net_burst_minutes", 0, NULL);
        param_set_value(&rep->params, "ec2.ebs_burst_minutes", 0, NULL);
        param_set_value(&rep->params, "credits.initial", 0, NULL);
    }
    /* Checked as given first, so that problems name the user's values. */
    if (select_prune_offered(cfg->workload, cfg->base_dir, &rep->offered_rps,
                             &rep->arrival, &span, dg) < 0)
        return RUN_INPUT_ERROR;
    if (select_scale_workload(cfg->workload, cfg->load_factor, &rep->workload,
                              dg) < 0 ||
        select_prune_offered(rep->workload, cfg->base_dir, &rep->offered_rps,
                             &rep->arrival, &span, dg) < 0)
        return RUN_INPUT_ERROR;
    if (rep->arrival == ARRIVAL_TRACE && span < cfg->warmup_s + cfg->duration_s)
        snprintf(rep->note, sizeof(rep->note), "note: the trace ends after "
                 "%.3g s, before the run does (%.3g s): the rest of the "
                 "window sees no requests", span,
                 cfg->warmup_s + cfg->duration_s);
    add_keep_up(rep);
    if (gather(rep, dg) < 0 || prune(rep, dg) < 0)
        return RUN_INPUT_ERROR;

    sim = xcalloc(rep->ncandidates, sizeof(*sim));
    for (i = 0; i < rep->ncandidates; i++)
        if (rep->c[i].verdict != SELECT_PRUNED)
            sim[n++] = &rep->c[i];
    progress_note(cfg, "%zu candidates, %zu pruned by capacity bounds, %zu "
                  "to simulate", rep->ncandidates, rep->npruned, n);
    if (build_scenario(rep, (const struct select_candidate *const *)sim, n,
                       &sc, dg) < 0) {
        free(sim);
        return RUN_INPUT_ERROR;
    }
    rc = n ? simulate(rep, sim, n, &sc, stop, dg) : RUN_OK;
    for (i = 0; rc == RUN_OK && i < n; i++)
        select_reason_explain(sim[i], &rep->terms);
    if (rc == RUN_OK && cfg->headroom) {
        progress_note(cfg, "searching the headroom of those that meet, up "
                      "to %u simulations each", cfg->headroom_steps);
        rc = select_headroom(rep, &sc, stop, dg);
    }
    scenario_release(&sc);
    free(sim);
    count(rep);
    select_rank_order(rep->c, rep->ncandidates);
    return rc;
}

void select_report_release(struct select_report *rep)
{
    free(rep->c);
    json_decref(rep->workload);
    memset(rep, 0, sizeof(*rep));
}
