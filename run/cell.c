/*
 * cell.c - replications of one cell and their combination: per-replication
 * figures become means with Student-t 95% intervals; latency histograms are
 * merged for the cell's latency spectrum; the SLO is checked on the means.
 */
#include "run/cell.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run/replica.h"
#include "sim/ci.h"
#include "base/xalloc.h"

static const double spectrum_q[RESULT_SPECTRUM] = {
    0.001, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95,
    0.97, 0.98, 0.99, 0.995, 0.998, 0.999, 0.9995, 0.9999, 0.99995, 0.99999,
    1.0,
};

/* Per-replication series of every reported metric. */
enum series {
    S_RPS, S_LMEAN, S_P50, S_P90, S_P99, S_P999, S_MAX, S_OVERHEAD,
    S_UVCPU, S_UHOST, S_GBPS, S_PPS, S_IOPS, S_MBPS, S_HWWAIT, S_UNICRX,
    S_UNICTX, S_UCARD, S_UBACKEND, S_HOSTOVH, S_STEAL, S_MAJFLT, S_TENANTS, S_COUNT
};

static struct metric metric_of(const double *x, size_t n)
{
    struct ci c = ci_from_array(x, n, 0.95);
    struct metric m = {c.mean, c.half};

    return m;
}

static double quantile_us(const struct hist *h, double q)
{
    return sim_time_to_us(hist_quantile(h, q));
}

static void check_slo(const struct slo *slo, struct cell_result *c)
{
    static const struct {
        const char *name;
        size_t off;
    } lat[] = {
        {"p50", offsetof(struct slo, p50_us)},
        {"p90", offsetof(struct slo, p90_us)},
        {"p99", offsetof(struct slo, p99_us)},
        {"p99.9", offsetof(struct slo, p999_us)},
    };
    const struct metric *got[] = {&c->lat_p50, &c->lat_p90, &c->lat_p99,
                                  &c->lat_p999};
    double total = (double)(c->completed + c->dropped);
    size_t i;

    c->slo_checked = slo->set;
    c->slo_met = true;
    if (!slo->set)
        return;
    /* Percentiles of nothing read as 0: no completion fails every latency target. */
    if (c->completed == 0 && (slo->p50_us > 0 || slo->p90_us > 0 ||
                              slo->p99_us > 0 || slo->p999_us > 0)) {
        snprintf(c->failed[c->nfailed++], sizeof(c->failed[0]),
                 "no request completed: latency cannot meet its targets");
        c->slo_met = false;
        return;
    }
    for (i = 0; i < 4; i++) {
        double want = *(const double *)((const char *)slo + lat[i].off);

        if (want > 0 && got[i]->mean > want && c->nfailed < RESULT_MAX_FAILED)
            snprintf(c->failed[c->nfailed++], sizeof(c->failed[0]),
                     "%s %.1f us > %g us", lat[i].name, got[i]->mean, want);
    }
    if (slo->min_rps > 0 && c->throughput_rps.mean < slo->min_rps &&
        c->nfailed < RESULT_MAX_FAILED)
        snprintf(c->failed[c->nfailed++], sizeof(c->failed[0]),
                 "throughput %.0f req/s < %g req/s", c->throughput_rps.mean,
                 slo->min_rps);
    if (slo->max_vcpu_util > 0 && c->util_vcpu.mean > slo->max_vcpu_util &&
        c->nfailed < RESULT_MAX_FAILED)
        snprintf(c->failed[c->nfailed++], sizeof(c->failed[0]),
                 "vCPU utilization %.1f%% > %g%%", 100 * c->util_vcpu.mean,
                 100 * slo->max_vcpu_util);
    if (slo->max_drop_rate >= 0 && total > 0 &&
        c->dropped / total > slo->max_drop_rate && c->nfailed < RESULT_MAX_FAILED)
        snprintf(c->failed[c->nfailed++], sizeof(c->failed[0]),
                 "drop rate %.3g > %g", c->dropped / total, slo->max_drop_rate);
    c->slo_met = c->nfailed == 0;
}

static void describe(const struct scenario *sc, const struct cell_spec *cs,
                     const struct scenario_point *pt, struct cell_result *c)
{
    const struct instance_profile *ip = &sc->instances[cs->instance];
    int p;
    size_t d;

    memset(c, 0, sizeof(*c));
    snprintf(c->instance, sizeof(c->instance), "%s", ip->name);
    snprintf(c->generation, sizeof(c->generation), "%s", cs->gen->name);
    for (p = 0; p < RPATH_COUNT; p++)
        snprintf(c->paths[p], sizeof(c->paths[p]), "%s", cs->gen->model[p]);
    c->npoint = sc->nsweep;
    for (d = 0; d < sc->nsweep; d++) {
        snprintf(c->point[d].path, sizeof(c->point[d].path), "%s",
                 sc->sweep[d].path);
        c->point[d].value = pt->values[d];
    }
    c->replications = sc->replications;
    /* 0 is no price source: NaN, so reports print null or '-', not 0. */
    c->usd_per_hour = ip->usd_per_hour > 0 ? ip->usd_per_hour : NAN;
    c->throttled_at_s = -1;
}

/* The warm-up: as given, or MSER-5 on a pilot run of replication 0. */
static enum run_status choose_warmup(const struct replica_spec *base,
                                     double *warmup_s,
                                     volatile sig_atomic_t *stop,
                                     struct diag *dg)
{
    struct replica_spec pilot = *base;
    struct replica_result r;
    enum run_status rc;
    size_t d;

    pilot.warmup_s = 0;
    pilot.collect_batches = 1;
    rc = replica_run(&pilot, &r, stop, dg);
    if (rc == RUN_OK) {
        d = replica_mser(r.batch_us, r.nbatches);
        *warmup_s = d > 0 ? r.batch_end_s[d - 1] : 0;
    }
    replica_result_release(&r);
    return rc;
}


_Static_assert(RESULT_MAX_GROUPS == SCENARIO_MAX_GROUPS &&
               RESULT_MAX_GROUPS == REPLICA_MAX_GROUPS,
               "one limit on neighbour groups");

/* Per-group samples, one per replication. */
enum { G_RPS, G_P50, G_P99, G_P999, G_COUNT };

/* Replication k's group samples; returns every tenant's throughput. */
static double group_samples(const struct replica_result *r, int k,
                            double *gs[][G_COUNT], struct cell_result *out)
{
    double all = r->throughput_rps;
    size_t g;

    for (g = 0; g < r->ngroups && g < RESULT_MAX_GROUPS; g++) {
        const struct replica_group *rg = &r->groups[g];

        out->groups[g].completed += rg->completed;
        out->groups[g].dropped += rg->dropped;
        gs[g][G_RPS][k] = rg->throughput_rps;
        gs[g][G_P50][k] = quantile_us(&rg->latency, 0.50);
        gs[g][G_P99][k] = quantile_us(&rg->latency, 0.99);
        gs[g][G_P999][k] = quantile_us(&rg->latency, 0.999);
        all += rg->throughput_rps;
    }
    return all;
}

static void group_metrics(const struct scenario *sc,
                          const struct scenario_point *pt, double *gs[][G_COUNT],
                          int reps, struct cell_result *out)
{
    size_t g;

    out->ngroups = pt->ngroups;
    for (g = 0; g < out->ngroups; g++) {
        struct group_result *gr = &out->groups[g];

        snprintf(gr->name, sizeof(gr->name), "%s", sc->groups[g].name);
        gr->count = pt->group_count[g];
        gr->throughput_rps = metric_of(gs[g][G_RPS], reps);
        gr->lat_p50 = metric_of(gs[g][G_P50], reps);
        gr->lat_p99 = metric_of(gs[g][G_P99], reps);
        gr->lat_p999 = metric_of(gs[g][G_P999], reps);
    }
}

enum run_status cell_run(const struct scenario *sc, const struct cell_spec *cs,
                         struct cell_result *out, uint64_t *events,
                         volatile sig_atomic_t *stop, struct diag *dg)
{
    enum run_status rc = RUN_OK;
    unsigned reps = sc->replications, k;
    double *s[S_COUNT], surplus = 0;
    double *gs[RESULT_MAX_GROUPS][G_COUNT] = {{NULL}};
    size_t g;
    struct replica_spec spec;
    struct scenario_point pt;
    struct replica_result r;
    struct hist *merged = xmalloc(sizeof(*merged));
    int i, c;

    scenario_point_under(sc, cs->point, cs->gen, &pt);
    describe(sc, cs, &pt, out);
    memset(&spec, 0, sizeof(spec));
    spec.ip = &sc->instances[cs->instance];
    spec.gen = cs->gen;
    spec.params = &pt.params;
    spec.workload = pt.workload;
    spec.neighbor_workload = pt.neighbor_workload;
    spec.neighbors = pt.neighbors;
    if (sc->groups_listed) {
        spec.ngroups = pt.ngroups;
        for (g = 0; g < pt.ngroups; g++) {
            spec.group_count[g] = pt.group_count[g];
            spec.group_workload[g] = pt.group_workload[g];
        }
    }
    spec.host = sc->host_set ? &sc->host : NULL;
    spec.seed = sc->seed;
    spec.point = cs->point;
    spec.warmup_s = sc->warmup_s;
    spec.duration_s = sc->duration_s;
    for (i = 0; i < S_COUNT; i++)
        s[i] = xcalloc(reps, sizeof(double));
    for (g = 0; g < RESULT_MAX_GROUPS; g++)
        for (i = 0; i < G_COUNT; i++)
            gs[g][i] = xcalloc(reps, sizeof(double));
    hist_init(merged);
    *events = 0;
    if (sc->warmup_auto)
        rc = choose_warmup(&spec, &spec.warmup_s, stop, dg);
    for (k = 0; rc == RUN_OK && k < reps; k++) {
        spec.rep = k;
        rc = replica_run(&spec, &r, stop, dg);
        if (rc != RUN_OK)
            break;
        *events += r.events;
        out->completed += r.completed;
        out->dropped += r.dropped;
        s[S_RPS][k] = r.throughput_rps;
        s[S_LMEAN][k] = r.lat_mean_us;
        s[S_P50][k] = quantile_us(&r.latency, 0.50);
        s[S_P90][k] = quantile_us(&r.latency, 0.90);
        s[S_P99][k] = quantile_us(&r.latency, 0.99);
        s[S_P999][k] = quantile_us(&r.latency, 0.999);
        s[S_MAX][k] = quantile_us(&r.latency, 1.0);
        s[S_OVERHEAD][k] = r.overhead_pct;
        s[S_UVCPU][k] = r.util_vcpu;
        s[S_UHOST][k] = r.util_host;
        s[S_STEAL][k] = r.steal_pct;
        s[S_GBPS][k] = r.net_gbps;
        s[S_PPS][k] = r.net_pps;
        s[S_IOPS][k] = r.storage_iops;
        s[S_MBPS][k] = r.storage_mbps;
        s[S_HWWAIT][k] = r.hw_wait_us;
        s[S_UNICRX][k] = r.util_nic_rx;
        s[S_UNICTX][k] = r.util_nic_tx;
        s[S_UCARD][k] = r.util_card;
        s[S_UBACKEND][k] = r.util_backend;
        s[S_HOSTOVH][k] = r.host_overhead_cpu;
        s[S_MAJFLT][k] = r.major_faults_per_s;
        s[S_TENANTS][k] = group_samples(&r, k, gs, out);
        for (c = 0; c < RCPU_COUNT; c++)
            out->cpu_seconds[c] += r.cpu_s[c] / reps;
        if (r.throttled_at_s >= 0 &&
            (out->throttled_at_s < 0 || r.throttled_at_s < out->throttled_at_s))
            out->throttled_at_s = r.throttled_at_s;
        surplus += r.surplus_credits / reps;
        if (k == 0) {
            out->nseries = r.nseries;
            memcpy(out->series_t_s, r.series_t_s, sizeof(r.series_t_s));
            memcpy(out->series_credits, r.series_credits,
                   sizeof(r.series_credits));
            memcpy(out->series_vcpu, r.series_vcpu, sizeof(r.series_vcpu));
        }
        hist_merge(merged, &r.latency);
        replica_result_release(&r);
    }
    if (rc == RUN_OK) {
        double total_h = (spec.warmup_s + spec.duration_s) / 3600;

        out->throughput_rps = metric_of(s[S_RPS], reps);
        out->lat_mean = metric_of(s[S_LMEAN], reps);
        out->lat_p50 = metric_of(s[S_P50], reps);
        out->lat_p90 = metric_of(s[S_P90], reps);
        out->lat_p99 = metric_of(s[S_P99], reps);
        out->lat_p999 = metric_of(s[S_P999], reps);
        out->lat_max = metric_of(s[S_MAX], reps);
        out->overhead_pct = metric_of(s[S_OVERHEAD], reps);
        out->util_vcpu = metric_of(s[S_UVCPU], reps);
        out->util_host = metric_of(s[S_UHOST], reps);
        out->steal_pct = metric_of(s[S_STEAL], reps);
        out->host_shared = spec.host != NULL;
        out->net_gbps = metric_of(s[S_GBPS], reps);
        out->net_pps = metric_of(s[S_PPS], reps);
        out->storage_iops = metric_of(s[S_IOPS], reps);
        out->storage_mbps = metric_of(s[S_MBPS], reps);
        out->hw_wait_us = metric_of(s[S_HWWAIT], reps);
        out->util_nic_rx = metric_of(s[S_UNICRX], reps);
        out->util_nic_tx = metric_of(s[S_UNICTX], reps);
        out->util_card = metric_of(s[S_UCARD], reps);
        out->util_backend = metric_of(s[S_UBACKEND], reps);
        out->host_overhead_cpu = metric_of(s[S_HOSTOVH], reps);
        out->major_faults_per_s = metric_of(s[S_MAJFLT], reps);
        group_metrics(sc, &pt, gs, reps, out);
        out->tenants_throughput_rps = metric_of(s[S_TENANTS], reps);
        out->memory_stated = spec.workload->memory.working_set_gib > 0;
        out->working_set_gib = spec.workload->memory.working_set_gib;
        out->memory_gib = spec.ip->memory_gib;
        out->resident_fraction =
            1 - replica_miss_probability(spec.ip, &spec.workload->memory,
                                         spec.params);
        /* Surplus credits (vCPU-minutes) at the instance's surplus rate. */
        out->credits_surplus_usd_per_hour =
            surplus / 60 * spec.ip->credits.surplus_usd_per_vcpu_hour / total_h;
        if (out->throughput_rps.mean > 0)
            out->usd_per_million = (out->usd_per_hour +
                                    out->credits_surplus_usd_per_hour) /
                                   (out->throughput_rps.mean * 3600) * 1e6;
        for (i = 0; i < RESULT_SPECTRUM; i++) {
            out->spectrum_q[i] = spectrum_q[i];
            out->spectrum_us[i] = quantile_us(merged, spectrum_q[i]);
        }
        check_slo(&sc->slo, out);
    }
    for (i = 0; i < S_COUNT; i++)
        free(s[i]);
    for (g = 0; g < RESULT_MAX_GROUPS; g++)
        for (i = 0; i < G_COUNT; i++)
            free(gs[g][i]);
    free(merged);
    return rc;
}
