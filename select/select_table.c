/*
 * select_table.c - what `virtsim select` prints: a summary, the ranked
 * table, then the reasons (why the others fail, what is too close to call,
 * what binds those that meet, what was pruned), all within 100 columns.
 */
#include "select/select_table.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/strbuf.h"

#define WIDTH 100

/* ---- the table ---- */

static const char *workload_name(const struct select_report *rep)
{
    const char *g = json_string_value(json_object_get(rep->workload,
                                                      "generator"));

    if (g)
        return g;
    return rep->arrival == ARRIVAL_TRACE ? "trace" : "custom";
}

/* The latency shown in the table: the SLO's first percentile, else p99. */
static enum select_metric shown_latency(const struct select_report *rep)
{
    size_t i;

    for (i = 0; i < rep->terms.n; i++)
        if (rep->terms.t[i].metric <= SM_P999)
            return rep->terms.t[i].metric;
    return SM_P99;
}

/* "9500", "41.0k", "2.00M". */
static void format_rate(double rps, char *buf, size_t n)
{
    if (rps < 1e4)
        snprintf(buf, n, "%.0f", rps);
    else if (rps < 1e6)
        snprintf(buf, n, "%.1fk", rps / 1e3);
    else
        snprintf(buf, n, "%.2fM", rps / 1e6);
}

static void format_headroom(const struct select_candidate *c, char *buf,
                            size_t n)
{
    char r[16];

    if (!c->headroom_done) {
        snprintf(buf, n, "-");
        return;
    }
    format_rate(c->headroom_rps, r, sizeof(r));
    if (c->headroom_upper_rps > 0)
        snprintf(buf, n, "%s +%.0f%%", r,
                 ceil(100 * (c->headroom_upper_rps / c->headroom_rps - 1)));
    else
        snprintf(buf, n, ">=%s", r);
}

static void format_latency(const struct select_candidate *c,
                           enum select_metric m, char *buf, size_t n)
{
    struct metric v = select_slo_measure(&c->cell, m);
    char mean[24];

    if (c->cell.completed == 0) {
        snprintf(buf, n, "-");
        return;
    }
    select_slo_format_us(v.mean, mean, sizeof(mean));
    snprintf(buf, n, "%s +-%.0f%%", mean,
             v.mean > 0 ? ceil(100 * v.ci95 / v.mean) : 0);
}

/*
 * Prints `text` after `prefix`, wrapped at WIDTH columns, continuation
 * lines indented by `indent` spaces.
 */
static void wrapped(FILE *fp, const char *prefix, int indent,
                    const char *text)
{
    int col = fprintf(fp, "%s", prefix);
    const char *p = text;
    int first = 1;

    while (*p) {
        size_t word;

        while (*p == ' ')
            p++;
        word = strcspn(p, " ");
        if (!word)
            break;
        if (!first && col + 1 + (int)word > WIDTH) {
            fprintf(fp, "\n%*s", indent, "");
            col = indent;
        } else if (!first) {
            fputc(' ', fp);
            col++;
        }
        col += fprintf(fp, "%.*s", (int)word, p);
        p += word;
        first = 0;
    }
    fputc('\n', fp);
}

static void print_header(const struct select_report *rep, const char *source,
                         FILE *fp)
{
    const struct select_config *cfg = &rep->cfg;
    char buf[128], line[512];
    size_t i, r, len;

    len = (size_t)snprintf(line, sizeof(line), "workload: %.300s (%s",
                           source, workload_name(rep));
    if (rep->arrival == ARRIVAL_CLOSED)
        len += (size_t)snprintf(line + len, sizeof(line) - len,
                                ", a closed loop");
    else if (rep->offered_rps > 0)
        len += (size_t)snprintf(line + len, sizeof(line) - len,
                                ", %.0f req/s%s%s", rep->offered_rps,
                                rep->arrival == ARRIVAL_TRACE ? "" : " ",
                                rep->arrival == ARRIVAL_TRACE
                                    ? "" : arrival_kind_name(rep->arrival));
    if (cfg->load_factor != 1)
        len += (size_t)snprintf(line + len, sizeof(line) - len,
                                ", load x %g", cfg->load_factor);
    snprintf(line + len, sizeof(line) - len, ")");
    wrapped(fp, "", 2, line);
    len = (size_t)snprintf(line, sizeof(line), "SLO:");
    for (i = 0; i < rep->terms.n; i++) {
        select_slo_describe(&rep->terms.t[i], buf, sizeof(buf));
        len += (size_t)snprintf(line + len, sizeof(line) - len, "%s %s",
                                i ? "," : "", buf);
    }
    if (rep->terms.n == 0)
        snprintf(line + len, sizeof(line) - len, " none: every candidate "
                 "that completes requests meets it");
    wrapped(fp, "", 2, line);
    len = (size_t)snprintf(line, sizeof(line), "candidates: %zu%s%s",
                           rep->ncandidates, cfg->instances ? " named" : "",
                           cfg->families ? " of " : "");
    if (cfg->families && len < sizeof(line))
        len += (size_t)snprintf(line + len, sizeof(line) - len, "%.200s",
                                cfg->families);
    if (cfg->max_usd_hour > 0 && len < sizeof(line))
        len += (size_t)snprintf(line + len, sizeof(line) - len,
                                " at most %g USD/hour", cfg->max_usd_hour);
    if (len < sizeof(line))
        len += (size_t)snprintf(line + len, sizeof(line) - len,
                                ", under %s%s",
                                cfg->gen ? cfg->gen->name
                                         : "each one's own generation",
                                cfg->sustained ? ", sustained (no bursts, "
                                                 "no initial credits)" : "");
    wrapped(fp, "", 2, line);
    if (rep->note[0])
        wrapped(fp, "", 2, rep->note);
    fprintf(fp, "runs: %u replications of %g s after %g s of warm-up, "
            "seed %llu\n", cfg->replications, cfg->duration_s, cfg->warmup_s,
            (unsigned long long)cfg->seed);
    len = (size_t)snprintf(line, sizeof(line), "%zu pruned by capacity "
                           "bounds", rep->npruned);
    for (r = 0, i = 0; r < SR_COUNT; r++)
        if (rep->pruned_by[r] && len < sizeof(line))
            len += (size_t)snprintf(line + len, sizeof(line) - len,
                                    "%s%zu %s", i++ ? ", " : " (",
                                    rep->pruned_by[r],
                                    select_res_name((enum select_res)r));
    if (len < sizeof(line))
        snprintf(line + len, sizeof(line) - len, "%s; %zu simulated: %zu "
                 "meet%s, %zu too close to call, %zu fail%s", i ? ")" : "",
                 rep->nsimulated, rep->nmeets, rep->nmeets == 1 ? "s" : "",
                 rep->nclose, rep->nfails, rep->nfails == 1 ? "s" : "");
    wrapped(fp, "", 2, line);
}

static void print_rows(const struct select_report *rep, FILE *fp)
{
    enum select_metric lat = shown_latency(rep);
    int wi = 8, wg = 10;
    size_t i;
    char h[16];

    for (i = 0; i < rep->ncandidates; i++) {
        const struct select_candidate *c = &rep->c[i];

        if (!c->simulated)
            continue;
        if ((int)strlen(c->ip.name) > wi)
            wi = (int)strlen(c->ip.name);
        if ((int)strlen(c->gen->name) > wg)
            wg = (int)strlen(c->gen->name);
    }
    snprintf(h, sizeof(h), "%s (CI)", select_metric_name(lat));
    fprintf(fp, "\n%3s %-*s %-*s %-9s %8s %9s %8s %13s", "#", wi,
            "instance", wg, "generation", "verdict", "USD/hour", "USD/M req",
            "req/s", h);
    fprintf(fp, rep->cfg.headroom ? " %10s\n" : "\n", "headroom");
    for (i = 0; i < rep->ncandidates; i++) {
        const struct select_candidate *c = &rep->c[i];
        char rank[8], lbuf[32], hbuf[24], mbuf[16], ubuf[16] = "n/a";

        if (!c->simulated)
            continue;
        snprintf(rank, sizeof(rank), "%zu", c->rank);
        format_latency(c, lat, lbuf, sizeof(lbuf));
        format_headroom(c, hbuf, sizeof(hbuf));
        if (c->cell.usd_per_million > 0)
            snprintf(mbuf, sizeof(mbuf), "%.3g", c->cell.usd_per_million);
        else
            snprintf(mbuf, sizeof(mbuf), "-");
        /* A price of 0 is no price source, not a free instance. */
        if (c->usd_per_hour > 0)
            snprintf(ubuf, sizeof(ubuf), "%.4f", c->usd_per_hour);
        fprintf(fp, "%3s %-*s %-*s %-9s %8s %9s %8.0f %13s",
                c->rank ? rank : "", wi, c->ip.name, wg, c->gen->name,
                select_verdict_name(c->verdict), ubuf, mbuf,
                c->cell.throughput_rps.mean, lbuf);
        fprintf(fp, rep->cfg.headroom ? " %10s\n" : "\n", hbuf);
    }
}

/* Whether a candidate that meets draws on a burst or on CPU credits that
 * will run out. */
static int bursting(const struct select_candidate *c)
{
    int r;

    if (!c->has_usage)
        return 0;
    for (r = 0; r < SR_COUNT; r++)
        if (isfinite(c->usage.burst_left_s[r]))
            return 1;
    return isfinite(c->usage.credits_left_s);
}

static void print_best(const struct select_report *rep, FILE *fp)
{
    const struct select_candidate *best = NULL, *per_m = NULL;
    size_t i, nburst = 0;

    for (i = 0; i < rep->ncandidates; i++) {
        const struct select_candidate *c = &rep->c[i];

        if (c->verdict != SELECT_MEETS)
            continue;
        nburst += bursting(c);
        if (!best)
            best = c;
        /* Unpriced candidates (0: no price source) cost n/a, not 0. */
        if (c->cell.usd_per_million > 0 &&
            (!per_m || c->cell.usd_per_million < per_m->cell.usd_per_million))
            per_m = c;
    }
    if (!best) {
        fprintf(fp, "\nno candidate meets the SLO%s\n",
                rep->nclose ? "; some are too close to call (below)" : "");
        return;
    }
    if (best->usd_per_hour > 0)
        fprintf(fp, "\ncheapest that meets the SLO: %s (%s), %.4g USD/hour, "
                "%.4g USD per million requests\n", best->ip.name,
                best->gen->name, best->usd_per_hour,
                best->cell.usd_per_million);
    else
        fprintf(fp, "\nno priced candidate meets the SLO; first that does: "
                "%s (%s), price n/a (no price source)\n", best->ip.name,
                best->gen->name);
    if (per_m && per_m != best)
        fprintf(fp, "cheapest per million requests: %s (%s), %.4g USD\n",
                per_m->ip.name, per_m->gen->name, per_m->cell.usd_per_million);
    if (nburst)
        fprintf(fp, "%zu of those that meet draw%s on bursts or CPU credits "
                "that run out (below);\n--sustained judges every candidate "
                "at its baseline\n", nburst, nburst == 1 ? "s" : "");
}

/* Lines of the section on those that meet, at most. */
#define MEETS_SHOWN 10

static void print_section(const struct select_report *rep, FILE *fp,
                          enum select_verdict v, const char *title)
{
    int indent = 3, any = 0, left = 0;
    char prefix[64];
    size_t i;

    for (i = 0; i < rep->ncandidates; i++)
        if (rep->c[i].verdict == v && rep->c[i].simulated &&
            (int)strlen(rep->c[i].ip.name) + 4 > indent)
            indent = (int)strlen(rep->c[i].ip.name) + 4;
    for (i = 0; i < rep->ncandidates; i++) {
        const struct select_candidate *c = &rep->c[i];

        if (c->verdict != v || !c->simulated || !c->reason[0])
            continue;
        if (v == SELECT_MEETS && any == MEETS_SHOWN) {
            left++;
            continue;
        }
        if (!any++) {
            fputc('\n', fp);
            wrapped(fp, "", 0, title);
        }
        snprintf(prefix, sizeof(prefix), "  %-*s", indent - 2, c->ip.name);
        wrapped(fp, prefix, indent, c->reason);
    }
    if (left)
        fprintf(fp, "  ... and %d more (every one in select.json)\n", left);
}

static void print_pruned(const struct select_report *rep, FILE *fp)
{
    struct strbuf text = STRBUF_INIT;
    char title[256];
    size_t i;
    int r;

    if (rep->npruned == 0)
        return;
    snprintf(title, sizeof(title), "pruned without simulating: even at its "
             "peak, each carries less than the %.0f req/s needed, by more "
             "than the %gx margin (its bound in parentheses):",
             rep->needed_rps, SELECT_PRUNE_MARGIN);
    fputc('\n', fp);
    wrapped(fp, "", 2, title);
    for (r = 0; r < SR_COUNT; r++) {
        if (!rep->pruned_by[r])
            continue;
        strbuf_reset(&text);
        for (i = 0; i < rep->ncandidates; i++) {
            const struct select_candidate *c = &rep->c[i];

            if (c->verdict != SELECT_PRUNED || (int)c->bound.binding != r)
                continue;
            strbuf_addf(&text, "%s%s (%.0f)", text.len ? ", " : "",
                        c->ip.name, c->bound.max_rps);
        }
        snprintf(title, sizeof(title), "%s (%zu):",
                 select_res_name((enum select_res)r), rep->pruned_by[r]);
        fprintf(fp, "  %s\n", title);
        wrapped(fp, "    ", 4, text.buf);
    }
    strbuf_release(&text);
}

void select_table_print(const struct select_report *rep, const char *source,
                        FILE *fp)
{
    print_header(rep, source, fp);
    if (rep->nsimulated)
        print_rows(rep, fp);
    print_best(rep, fp);
    print_section(rep, fp, SELECT_FAILS,
                  "why the others fail (the binding resource; the SLO terms "
                  "missed):");
    print_section(rep, fp, SELECT_CLOSE,
                  "too close to call at this run length (run longer with "
                  "--duration-s, or more --replications):");
    print_section(rep, fp, SELECT_MEETS,
                  "those that meet: their busiest resource, and what will "
                  "not last:");
    print_pruned(rep, fp);
    if (rep->cfg.headroom && rep->headroom_note[0])
        fprintf(fp, "\n%s\n", rep->headroom_note);
    else if (rep->cfg.headroom)
        fprintf(fp, "\nheadroom: the highest arrival rate found to meet the "
                "SLO, by up to %u simulations\neach (bisection on the rate); "
                "+N%%: the next rate tried, N%% higher, did not meet it\n",
                rep->cfg.headroom_steps);
}
