/*
 * select_files.c - the files `virtsim select` writes: select.json (jansson,
 * keys in a fixed order, 12 significant digits) and select.csv (one row
 * per candidate), each through a temp file and rename.
 */
#include "select/select_files.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/version.h"
#include "base/xalloc.h"
#include "reports/atomic.h"
#include "reports/text.h"

#define JSON_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER | \
                    JSON_REAL_PRECISION(12))

/* ---- JSON ---- */

/* A real, or null when not finite (jansson refuses those). */
static json_t *real(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

/* A string made valid UTF-8 (a file name may hold any bytes). */
static json_t *text(const char *s)
{
    size_t len = strlen(s);
    char *buf = xmalloc(len + 1);       /* never longer: bad bytes become '?' */
    size_t n = text_utf8_copy(buf, len + 1, s, len);
    json_t *j = json_stringn(buf, n);

    free(buf);
    return j;
}

static json_t *metric(struct metric m)
{
    json_t *o = json_object();

    json_object_set_new(o, "mean", real(m.mean));
    json_object_set_new(o, "ci95", real(m.ci95));
    return o;
}

static json_t *terms_json(const struct select_slo *terms)
{
    json_t *arr = json_array();
    size_t i;

    for (i = 0; i < terms->n; i++) {
        const struct select_term *t = &terms->t[i];
        int lower = t->metric == SM_RPS || t->metric == SM_KEEP_UP;
        json_t *o = json_object();

        json_object_set_new(o, "term", json_string(t->text));
        json_object_set_new(o, "metric",
                            json_string(select_metric_name(t->metric)));
        json_object_set_new(o, "bound", json_string(lower ? "lower"
                                                          : "upper"));
        json_object_set_new(o, "value", real(t->value));
        json_object_set_new(o, "unit",
                            json_string(t->metric <= SM_P999 ? "us"
                                        : lower ? "req/s" : "fraction"));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *bound_json(const struct select_bound *b)
{
    json_t *o = json_object(), *per = json_object();
    int r;

    json_object_set_new(o, "resource", isfinite(b->max_rps)
                                           ? json_string(select_res_key(
                                                 b->binding))
                                           : json_null());
    json_object_set_new(o, "max_rps", real(b->max_rps));
    for (r = 0; r < SR_COUNT; r++)
        if (isfinite(b->rps[r]))
            json_object_set_new(per, select_res_key((enum select_res)r),
                                real(b->rps[r]));
    json_object_set_new(o, "per_resource", per);
    return o;
}

static json_t *usage_json(const struct select_usage *u)
{
    json_t *o = json_object(), *util = json_object(), *held = json_object();
    int r;

    for (r = 0; r < SR_COUNT; r++) {
        const char *key = select_res_key((enum select_res)r);

        if (u->held_base[r] > 0 || u->held_peak[r] > 0 ||
            r == SR_NET_IN || r == SR_NET_OUT) {
            json_t *h = json_object();

            json_object_set_new(h, "baseline", real(u->held_base[r]));
            json_object_set_new(h, "peak", real(u->held_peak[r]));
            json_object_set_new(h, "burst_left_s", real(u->burst_left_s[r]));
            json_object_set_new(held, key, h);
        } else if (r != SR_PPS && r != SR_EBS_BYTES && r != SR_EBS_IOPS) {
            json_object_set_new(util, key, real(u->util[r]));
        }
    }
    json_object_set_new(o, "utilization", util);
    json_object_set_new(o, "allowances_held", held);
    json_object_set_new(o, "throttled_at_s", u->throttled_at_s >= 0
                                                 ? real(u->throttled_at_s)
                                                 : json_null());
    json_object_set_new(o, "p99_after_throttle_us",
                        u->p99_throttled_us > 0 ? real(u->p99_throttled_us)
                                                : json_null());
    json_object_set_new(o, "credits_left_s", real(u->credits_left_s));
    return o;
}

static json_t *candidate_json(const struct select_report *rep,
                              const struct select_candidate *c)
{
    json_t *o = json_object(), *lat, *terms, *h;
    const struct cell_result *cell = &c->cell;
    size_t i;

    json_object_set_new(o, "instance", json_string(c->ip.name));
    json_object_set_new(o, "generation", json_string(c->gen->name));
    json_object_set_new(o, "verdict",
                        json_string(select_verdict_name(c->verdict)));
    json_object_set_new(o, "rank", c->rank ? json_integer((json_int_t)c->rank)
                                           : json_null());
    /* 0: no price source (null, not free). */
    json_object_set_new(o, "usd_per_hour", c->usd_per_hour > 0
                        ? real(c->usd_per_hour) : json_null());
    json_object_set_new(o, "capacity_bound", bound_json(&c->bound));
    if (!c->simulated) {
        json_object_set_new(o, "simulated", json_false());
        return o;
    }
    json_object_set_new(o, "simulated", json_true());
    json_object_set_new(o, "usd_per_million_requests",
                        real(cell->usd_per_million));
    json_object_set_new(o, "throughput_rps", metric(cell->throughput_rps));
    lat = json_object();
    json_object_set_new(lat, "p50", metric(cell->lat_p50));
    json_object_set_new(lat, "p90", metric(cell->lat_p90));
    json_object_set_new(lat, "p99", metric(cell->lat_p99));
    json_object_set_new(lat, "p999", metric(cell->lat_p999));
    json_object_set_new(o, "latency_us", lat);
    json_object_set_new(o, "vcpu_utilization", metric(cell->util_vcpu));
    json_object_set_new(o, "drop_rate",
                        real(select_slo_measure(cell, SM_DROPS).mean));
    terms = json_array();
    for (i = 0; i < rep->terms.n; i++) {
        const struct select_term *t = &rep->terms.t[i];
        struct metric m = select_slo_measure(cell, t->metric);
        json_t *e = json_object();

        json_object_set_new(e, "term", json_string(t->text));
        json_object_set_new(e, "verdict", json_string(select_verdict_name(
                                              c->term_verdict[i])));
        json_object_set_new(e, "mean", real(m.mean));
        json_object_set_new(e, "ci95", real(m.ci95));
        json_array_append_new(terms, e);
    }
    json_object_set_new(o, "terms", terms);
    json_object_set_new(o, "binding", c->reason_key[0]
                                          ? json_string(c->reason_key)
                                          : json_null());
    json_object_set_new(o, "reason", json_string(c->reason));
    if (c->has_usage)
        json_object_set_new(o, "usage", usage_json(&c->usage));
    if (c->headroom_done) {
        h = json_object();
        json_object_set_new(h, "rps", real(c->headroom_rps));
        json_object_set_new(h, "upper_rps", c->headroom_upper_rps > 0
                                                ? real(c->headroom_upper_rps)
                                                : json_null());
        json_object_set_new(h, "simulations",
                            json_integer(c->headroom_runs));
        json_object_set_new(o, "headroom", h);
    }
    return o;
}

static json_t *opt_string(const char *s)
{
    return s ? json_string(s) : json_null();
}

json_t *select_files_json(const struct select_report *rep, const char *source)
{
    const struct select_config *cfg = &rep->cfg;
    json_t *root = json_object(), *v = json_object(), *sel = json_object();
    json_t *sum = json_object(), *by = json_object(), *cands = json_array();
    size_t i;
    int r;

    json_object_set_new(v, "version", json_string(VIRTSIM_VERSION));
    json_object_set_new(root, "virtsim", v);
    json_object_set_new(sel, "source", text(source));
    json_object_set_new(sel, "workload", json_deep_copy(rep->workload));
    json_object_set_new(sel, "arrival",
                        json_string(arrival_kind_name(rep->arrival)));
    json_object_set_new(sel, "offered_rps", real(rep->offered_rps));
    json_object_set_new(sel, "load_factor", real(cfg->load_factor));
    json_object_set_new(sel, "slo", terms_json(&rep->terms));
    json_object_set_new(sel, "needed_rps", real(rep->needed_rps));
    json_object_set_new(sel, "families", opt_string(cfg->families));
    json_object_set_new(sel, "instances", opt_string(cfg->instances));
    json_object_set_new(sel, "max_usd_hour", cfg->max_usd_hour > 0
                                                 ? real(cfg->max_usd_hour)
                                                 : json_null());
    json_object_set_new(sel, "generation",
                        opt_string(cfg->gen ? cfg->gen->name : NULL));
    json_object_set_new(sel, "duration_s", real(cfg->duration_s));
    json_object_set_new(sel, "warmup_s", real(cfg->warmup_s));
    json_object_set_new(sel, "replications", json_integer(cfg->replications));
    json_object_set_new(sel, "seed", json_integer((json_int_t)cfg->seed));
    json_object_set_new(sel, "sustained", json_boolean(cfg->sustained));
    json_object_set_new(sel, "pruning", json_boolean(!cfg->no_prune));
    json_object_set_new(sel, "prune_margin", real(SELECT_PRUNE_MARGIN));
    json_object_set_new(sel, "headroom_steps",
                        cfg->headroom ? json_integer(cfg->headroom_steps)
                                      : json_null());
    json_object_set_new(root, "select", sel);
    json_object_set_new(sum, "candidates", json_integer(
                                               (json_int_t)rep->ncandidates));
    json_object_set_new(sum, "pruned", json_integer((json_int_t)rep->npruned));
    for (r = 0; r < SR_COUNT; r++)
        if (rep->pruned_by[r])
            json_object_set_new(by, select_res_key((enum select_res)r),
                                json_integer((json_int_t)rep->pruned_by[r]));
    json_object_set_new(sum, "pruned_by", by);
    json_object_set_new(sum, "simulated",
                        json_integer((json_int_t)rep->nsimulated));
    json_object_set_new(sum, "meets", json_integer((json_int_t)rep->nmeets));
    json_object_set_new(sum, "too_close",
                        json_integer((json_int_t)rep->nclose));
    json_object_set_new(sum, "fails", json_integer((json_int_t)rep->nfails));
    json_object_set_new(sum, "cheapest", rep->nmeets
                                             ? json_string(rep->c[0].ip.name)
                                             : json_null());
    json_object_set_new(root, "summary", sum);
    for (i = 0; i < rep->ncandidates; i++)
        json_array_append_new(cands, candidate_json(rep, &rep->c[i]));
    json_object_set_new(root, "candidates", cands);
    return root;
}

/* ---- CSV ---- */

static void csv_text(FILE *fp, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, fp);
        return;
    }
    fputc('"', fp);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
}

static void csv_real(FILE *fp, double v, int have)
{
    fputc(',', fp);
    if (have && isfinite(v))
        fprintf(fp, "%.12g", v);
}

void select_files_csv(const struct select_report *rep, FILE *fp)
{
    size_t i;

    fputs("rank,instance,generation,verdict,usd_per_hour,"
          "usd_per_million_requests,throughput_rps,throughput_rps_ci95,"
          "p50_us,p50_us_ci95,p90_us,p90_us_ci95,p99_us,p99_us_ci95,"
          "p999_us,p999_us_ci95,vcpu_utilization,drop_rate,bound_resource,"
          "bound_rps,binding,headroom_rps,headroom_upper_rps,reason\n", fp);
    for (i = 0; i < rep->ncandidates; i++) {
        const struct select_candidate *c = &rep->c[i];
        const struct cell_result *cell = &c->cell;
        int s = c->simulated;

        if (c->rank)
            fprintf(fp, "%zu", c->rank);
        fputc(',', fp);
        csv_text(fp, c->ip.name);
        fputc(',', fp);
        csv_text(fp, c->gen->name);
        fputc(',', fp);
        csv_text(fp, select_verdict_name(c->verdict));
        csv_real(fp, c->usd_per_hour, c->usd_per_hour > 0);
        csv_real(fp, cell->usd_per_million, s && cell->usd_per_million > 0);
        csv_real(fp, cell->throughput_rps.mean, s);
        csv_real(fp, cell->throughput_rps.ci95, s);
        csv_real(fp, cell->lat_p50.mean, s);
        csv_real(fp, cell->lat_p50.ci95, s);
        csv_real(fp, cell->lat_p90.mean, s);
        csv_real(fp, cell->lat_p90.ci95, s);
        csv_real(fp, cell->lat_p99.mean, s);
        csv_real(fp, cell->lat_p99.ci95, s);
        csv_real(fp, cell->lat_p999.mean, s);
        csv_real(fp, cell->lat_p999.ci95, s);
        csv_real(fp, cell->util_vcpu.mean, s);
        csv_real(fp, select_slo_measure(cell, SM_DROPS).mean, s);
        fputc(',', fp);
        if (isfinite(c->bound.max_rps))
            csv_text(fp, select_res_key(c->bound.binding));
        csv_real(fp, c->bound.max_rps, 1);
        fputc(',', fp);
        csv_text(fp, c->reason_key);
        csv_real(fp, c->headroom_rps, c->headroom_done);
        csv_real(fp, c->headroom_upper_rps,
                 c->headroom_done && c->headroom_upper_rps > 0);
        fputc(',', fp);
        csv_text(fp, c->reason);
        fputc('\n', fp);
    }
}

/* ---- files ---- */

int select_files_print(const struct select_report *rep, const char *source,
                       bool json, FILE *fp)
{
    json_t *j;
    int rc = 0;

    if (!json) {
        select_files_csv(rep, fp);
        return ferror(fp) ? -1 : 0;
    }
    j = select_files_json(rep, source);
    if (!j || json_dumpf(j, fp, JSON_FLAGS) < 0)
        rc = -1;
    else
        fputc('\n', fp);
    json_decref(j);
    return rc;
}

static int write_one(const char *dir, const char *name,
                     const struct select_report *rep, const char *source,
                     struct diag *dg)
{
    struct strbuf sb = STRBUF_INIT;
    struct atomic_file af;
    const char *path;
    int rc = 0;

    strbuf_addf(&sb, "%s/%s", dir, name);
    path = sb.buf;
    if (atomic_open(&af, path, dg) < 0) {
        strbuf_release(&sb);
        return -1;
    }
    rc = select_files_print(rep, source, !strcmp(name, "select.json"),
                            af.fp);
    if (rc < 0 || ferror(af.fp)) {
        if (rc == 0)
            diag_set(dg, 0, 0, "cannot write '%s'", path);
        atomic_abort(&af);
        strbuf_release(&sb);
        return -1;
    }
    rc = atomic_commit(&af, true, dg);
    strbuf_release(&sb);
    return rc;
}

int select_files_write(const struct select_report *rep, const char *source,
                     const char *dir, struct diag *dg)
{
    if (atomic_mkdir_p(dir, dg) < 0)
        return -1;
    if (write_one(dir, "select.json", rep, source, dg) < 0 ||
        write_one(dir, "select.csv", rep, source, dg) < 0)
        return -1;
    return 0;
}
