/*
 * select_reason.c - a watched replication of a candidate, and the words
 * for what bound it: the saturated queue, the allowance that held traffic
 * back, or the CPU credits that ran out, followed by the SLO terms missed.
 */
#include "select/select_reason.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "run/replica.h"
#include "select/select_report.h"
#include "sim/hist.h"

/* An allowance that held traffic back half the time outweighs any busy
 * queue; one that did so now and then explains a tail when nothing else
 * is saturated. */
#define HELD_SOME 0.005
#define HELD_MOST 0.5

/* A burst counts as drawn on when the sustained bucket fell by more than
 * this fraction of what the baseline refills over the window (less is
 * the bucket's ripple, a batch in flight). */
#define DRAIN_NOISE 0.01

static const enum select_res allowance_res[RALLOW_COUNT] = {
    [RALLOW_NET_IN] = SR_NET_IN,
    [RALLOW_NET_OUT] = SR_NET_OUT,
    [RALLOW_PPS] = SR_PPS,
    [RALLOW_EBS_BYTES] = SR_EBS_BYTES,
    [RALLOW_EBS_IOPS] = SR_EBS_IOPS,
};

static const enum select_res queues[] = {
    SR_VCPU, SR_BACKEND, SR_EMULATOR, SR_CARD, SR_NIC_RX, SR_NIC_TX,
    SR_EBS_QUEUE, SR_NVME,
};
#define NQUEUES (sizeof(queues) / sizeof(queues[0]))

/* Baseline and peak of allowance k of instance ip (units/s); 0 when it
 * has none or no burst to draw on. */
static void allowance_rates(const struct replica_spec *spec, int k,
                            double *base, double *peak)
{
    const struct instance_profile *ip = spec->ip;
    double net_min = param(spec->params, P_EC2_NET_BURST_MINUTES);
    double ebs_min = param(spec->params, P_EC2_EBS_BURST_MINUTES);

    *base = *peak = 0;
    switch ((enum replica_allowance)k) {
    case RALLOW_NET_IN:
    case RALLOW_NET_OUT:
        *base = ip->net_baseline_gbps * 1e9 / 8;
        *peak = net_min > 0 ? ip->net_burst_gbps * 1e9 / 8 : 0;
        break;
    case RALLOW_EBS_BYTES:
        *base = ip->ebs_baseline_mbps * 1e6 / 8;
        *peak = ebs_min > 0 ? ip->ebs_max_mbps * 1e6 / 8 : 0;
        break;
    case RALLOW_EBS_IOPS:
        *base = ip->ebs_baseline_iops;
        *peak = ebs_min > 0 ? ip->ebs_max_iops : 0;
        break;
    case RALLOW_PPS:
    case RALLOW_COUNT:
        break;
    }
}

static void fill_usage(const struct replica_result *r,
                       const struct replica_spec *spec, struct select_usage *u)
{
    const struct instance_profile *ip = spec->ip;
    int k;

    memset(u, 0, sizeof(*u));
    u->util[SR_VCPU] = r->util_vcpu;
    u->util[SR_BACKEND] = r->util_backend;
    u->util[SR_EMULATOR] = r->util_emulator;
    u->util[SR_CARD] = r->util_card;
    u->util[SR_NIC_RX] = r->util_nic_rx;
    u->util[SR_NIC_TX] = r->util_nic_tx;
    u->util[SR_EBS_QUEUE] = r->util_ebs;
    u->util[SR_NVME] = r->util_nvme;
    for (k = 0; k < SR_COUNT; k++)
        u->burst_left_s[k] = INFINITY;
    for (k = 0; k < RALLOW_COUNT; k++) {
        enum select_res s = allowance_res[k];
        double drain = (r->level_start[k] - r->level_end[k]) /
                       spec->duration_s;
        double base, peak;

        u->held_base[s] = r->held_base[k];
        u->held_peak[s] = r->held_peak[k];
        /* The sustained bucket holds the burst; it drains while the
         * traffic runs above the baseline. */
        allowance_rates(spec, k, &base, &peak);
        if (peak > base && drain > DRAIN_NOISE * base)
            u->burst_left_s[s] = r->level_end[k] > 0
                                     ? r->level_end[k] / drain : 0;
    }
    u->throttled_at_s = r->throttled_at_s;
    if (r->latency_throttled && r->latency_throttled->count > 0)
        u->p99_throttled_us =
            sim_time_to_us(hist_quantile(r->latency_throttled, 0.99));
    u->credits_left_s = INFINITY;
    if (ip->burstable && r->credits_end > 0) {
        double drain = (r->credits_start - r->credits_end) / spec->duration_s;

        if (drain > DRAIN_NOISE * ip->credits.credits_per_hour / 3600)
            u->credits_left_s = r->credits_end / drain;
    }
    u->net_pps = r->net_pps;
    u->pps_allowance = param(spec->params, P_EC2_PPS_ALLOWANCE);
}

enum run_status select_reason_usage(const struct scenario *sc,
                                    size_t instance,
                                    const struct generation *gen,
                                    struct select_usage *u,
                                    volatile sig_atomic_t *stop,
                                    struct diag *dg)
{
    struct replica_spec spec;
    struct replica_result r;
    struct scenario_point pt;
    enum run_status rc;

    scenario_point(sc, 0, &pt);
    memset(&spec, 0, sizeof(spec));
    spec.ip = &sc->instances[instance];
    spec.gen = gen;
    spec.params = &sc->params;
    spec.workload = pt.workload;
    spec.seed = sc->seed;
    spec.warmup_s = sc->warmup_s;
    spec.duration_s = sc->duration_s;
    spec.collect_usage = 1;
    rc = replica_run(&spec, &r, stop, dg);
    if (rc == RUN_OK)
        fill_usage(&r, &spec, u);
    replica_result_release(&r);
    return rc;
}

/* ---- words ---- */

struct text {
    char *buf;
    size_t size, len;
};

static void add(struct text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void add(struct text *t, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (t->len + 1 >= t->size)
        return;
    va_start(ap, fmt);
    n = vsnprintf(t->buf + t->len, t->size - t->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        t->len += (size_t)n < t->size - t->len ? (size_t)n
                                               : t->size - t->len - 1;
}

/* "45 s", "14 min", "2.5 h". */
static void format_span(double s, char *buf, size_t n)
{
    if (s < 120)
        snprintf(buf, n, "%.3g s", s);
    else if (s < 7200)
        snprintf(buf, n, "%.3g min", s / 60);
    else
        snprintf(buf, n, "%.3g h", s / 3600);
}

/* "310 pps", "42.5 k pps", "3.06 M pps". */
static void format_pps(double pps, char *buf, size_t n)
{
    if (pps >= 1e6)
        snprintf(buf, n, "%.3g M pps", pps / 1e6);
    else if (pps >= 1e3)
        snprintf(buf, n, "%.3g k pps", pps / 1e3);
    else
        snprintf(buf, n, "%.0f pps", pps);
}

static int uses_model(const struct generation *g, const char *model)
{
    return !strcmp(g->model[PATH_NET], model) ||
           !strcmp(g->model[PATH_STORAGE], model);
}

/* What the generation's backend threads are, for people. */
static const char *backend_name(const struct generation *g)
{
    if (uses_model(g, "pv"))
        return "dom0 backend";
    if (uses_model(g, "hvm"))
        return "host vhost threads";
    return "host backend threads";
}

static double held(const struct select_usage *u, enum select_res r)
{
    return u->held_base[r] > u->held_peak[r] ? u->held_base[r]
                                             : u->held_peak[r];
}

static const char *direction(enum select_res r)
{
    return r == SR_NET_IN || r == SR_NIC_RX ? "inbound" : "outbound";
}

/* The allowance r reached, at its baseline or at its peak. */
static void say_allowance(struct text *t, const struct select_candidate *c,
                          enum select_res r)
{
    const struct instance_profile *ip = &c->ip;
    const struct select_usage *u = &c->usage;
    int base = u->held_base[r] >= u->held_peak[r];
    double pct = 100 * held(u, r);
    char when[48];

    snprintf(when, sizeof(when), pct < 10 ? "%s%.2g%% of the time"
                                          : "%s%.0f%% of the time",
             r == SR_NET_IN || r == SR_NET_OUT ? ", " : "", pct);
    switch (r) {
    case SR_NET_IN:
    case SR_NET_OUT:
        if (!(ip->net_burst_gbps > ip->net_baseline_gbps))
            add(t, "network bandwidth %g Gb/s reached (%s%s)",
                ip->net_baseline_gbps, direction(r), when);
        else if (base)
            add(t, "network baseline %g Gb/s reached (%s%s; burst credits "
                "spent)", ip->net_baseline_gbps, direction(r), when);
        else
            add(t, "network burst %g Gb/s reached (%s%s)", ip->net_burst_gbps,
                direction(r), when);
        break;
    case SR_PPS:
        add(t, "PPS allowance %g packets/s reached (%s)", u->pps_allowance,
            when);
        break;
    case SR_EBS_BYTES:
        add(t, "EBS %s %g Mb/s reached (%s)", base ? "baseline" : "maximum",
            base ? ip->ebs_baseline_mbps : ip->ebs_max_mbps, when);
        break;
    case SR_EBS_IOPS:
        add(t, "EBS %s %g IOPS reached (%s)", base ? "baseline" : "maximum",
            base ? ip->ebs_baseline_iops : ip->ebs_max_iops, when);
        break;
    default:
        add(t, "%s reached (%s)", select_res_name(r), when);
        break;
    }
}

/* The busiest queue r, for a candidate with nothing saturated or one
 * that meets. */
static void say_busiest(struct text *t, const struct select_candidate *c,
                        enum select_res r)
{
    const char *name = r == SR_VCPU      ? "vCPUs"
                       : r == SR_BACKEND ? backend_name(c->gen)
                                         : select_res_name(r);

    if (c->verdict == SELECT_MEETS)
        add(t, "busiest: %s %.0f%%", name, 100 * c->usage.util[r]);
    else
        add(t, "no resource saturated (busiest: %s %.0f%%)", name,
            100 * c->usage.util[r]);
}

/* The saturated queue r. */
static void say_queue(struct text *t, const struct select_candidate *c,
                      enum select_res r)
{
    const struct select_usage *u = &c->usage;
    double pct = 100 * u->util[r];
    char pps[32];

    format_pps(u->net_pps, pps, sizeof(pps));
    switch (r) {
    case SR_VCPU:
        add(t, "vCPUs saturated (%u x %.1f GHz, %.0f%% busy)", c->ip.vcpus,
            c->ip.cpu_ghz, pct);
        break;
    case SR_BACKEND:
        add(t, "%s saturated (%.0f%% busy", backend_name(c->gen), pct);
        if (u->net_pps > 0)
            add(t, ", at %s", pps);
        add(t, ")");
        break;
    case SR_EMULATOR:
        add(t, "device model saturated (emulator thread %.0f%% busy)", pct);
        break;
    case SR_CARD:
        add(t, "offload card saturated (%.0f%% busy, at %s)", pct, pps);
        break;
    case SR_NIC_RX:
    case SR_NIC_TX:
        add(t, "host NIC line rate reached (%s, %.0f%% busy)", direction(r),
            pct);
        break;
    case SR_EBS_QUEUE:
        add(t, "EBS requests in flight at their limit (%.0f%% busy)", pct);
        break;
    case SR_NVME:
        add(t, "local NVMe saturated (%.0f%% busy)", pct);
        break;
    default:
        add(t, "%s saturated (%.0f%%)", select_res_name(r), pct);
        break;
    }
}

/*
 * The binding resource: credits when they ran out; else an allowance that
 * held traffic back most of the time; else a saturated queue; else an
 * allowance that held some of it; else none (-1), *busiest set.
 */
static int binding(const struct select_usage *u, enum select_res *busiest)
{
    enum select_res a = SR_NET_IN, q = SR_VCPU;
    size_t i;
    int r;

    for (r = 0; r < SR_COUNT; r++)
        if (held(u, (enum select_res)r) > held(u, a))
            a = (enum select_res)r;
    for (i = 0; i < NQUEUES; i++)
        if (u->util[queues[i]] > u->util[q])
            q = queues[i];
    *busiest = q;
    if (held(u, a) >= HELD_MOST)
        return (int)a;
    if (u->util[q] >= SELECT_SATURATED)
        return (int)q;
    if (held(u, a) >= HELD_SOME)
        return (int)a;
    return -1;
}

/* "p99 3.2 ms > 1 ms" for a failed term, "p99 980 +- 40 us vs 1 ms" for
 * a close one. */
static void say_term(struct text *t, const struct select_candidate *c,
                     const struct select_term *term, enum select_verdict v)
{
    struct metric m = select_slo_measure(&c->cell, term->metric);
    char got[32], ci[32], want[32];
    const char *name = select_metric_name(term->metric);
    int upper = term->metric != SM_RPS && term->metric != SM_KEEP_UP;

    select_slo_format(term->metric, m.mean, got, sizeof(got));
    select_slo_format(term->metric, term->value, want, sizeof(want));
    if (term->metric == SM_RPS || term->metric == SM_KEEP_UP)
        name = "throughput";
    else if (term->metric == SM_CPU)
        name = "vCPU utilization";
    else if (term->metric == SM_DROPS)
        name = "drop rate";
    if (v == SELECT_FAILS) {
        add(t, "%s %s %s %s", name, got, upper ? ">" : "<", want);
        return;
    }
    select_slo_format(term->metric, m.ci95, ci, sizeof(ci));
    add(t, "%s %s +- %s vs %s", name, got, ci, want);
}

static void say_terms(struct text *t, const struct select_candidate *c,
                      const struct select_slo *terms)
{
    const char *sep = "; ";
    size_t i;

    if (c->cell.completed == 0) {
        add(t, "%sno request completed in the measured window", sep);
        return;
    }
    for (i = 0; i < terms->n; i++) {
        enum select_verdict v = c->term_verdict[i];

        if (v != SELECT_FAILS && !(v == SELECT_CLOSE &&
                                   c->verdict == SELECT_CLOSE))
            continue;
        add(t, "%s", sep);
        say_term(t, c, &terms->t[i], v);
        sep = ", ";
    }
}

/* What will not last for a candidate that meets. */
static void say_caveats(struct text *t, const struct select_candidate *c)
{
    const struct select_usage *u = &c->usage;
    double net = fmin(u->burst_left_s[SR_NET_IN], u->burst_left_s[SR_NET_OUT]);
    double ebs = fmin(u->burst_left_s[SR_EBS_BYTES],
                      u->burst_left_s[SR_EBS_IOPS]);
    char span[32];

    if (isfinite(net)) {
        format_span(net, span, sizeof(span));
        add(t, "; network burst runs out in about %s at this rate", span);
    }
    if (isfinite(u->burst_left_s[SR_PPS])) {
        format_span(u->burst_left_s[SR_PPS], span, sizeof(span));
        add(t, "; PPS burst runs out in about %s at this rate", span);
    }
    if (isfinite(ebs)) {
        format_span(ebs, span, sizeof(span));
        add(t, "; EBS burst runs out in about %s at this rate", span);
    }
    if (isfinite(u->credits_left_s)) {
        format_span(u->credits_left_s, span, sizeof(span));
        add(t, "; CPU credits run out in about %s at this rate", span);
    }
    if (c->cell.credits_surplus_usd_per_hour > 0)
        add(t, "; unlimited credits: surplus of %.4g USD/hour included",
            c->cell.credits_surplus_usd_per_hour);
}

void select_reason_explain(struct select_candidate *c,
                           const struct select_slo *terms)
{
    struct text t = {c->reason, sizeof(c->reason), 0};
    const struct select_usage *u = &c->usage;
    enum select_res busiest;
    int b;

    c->reason[0] = '\0';
    if (!c->simulated || !c->has_usage) {
        snprintf(c->reason_key, sizeof(c->reason_key), "%s", "");
        return;
    }
    if (u->throttled_at_s >= 0) {
        char span[32], p99[32];

        snprintf(c->reason_key, sizeof(c->reason_key), "credits");
        format_span(u->throttled_at_s, span, sizeof(span));
        add(&t, "CPU credits exhausted after %s", span);
        if (u->p99_throttled_us > 0) {
            select_slo_format_us(u->p99_throttled_us, p99, sizeof(p99));
            add(&t, "; p99 then %s", p99);
        }
    } else {
        b = binding(u, &busiest);
        snprintf(c->reason_key, sizeof(c->reason_key), "%s",
                 b < 0 ? "none" : select_res_key((enum select_res)b));
        if (b < 0 || (c->verdict == SELECT_MEETS && b == (int)busiest))
            say_busiest(&t, c, busiest);
        else if (held(u, (enum select_res)b) > 0)
            say_allowance(&t, c, (enum select_res)b);
        else
            say_queue(&t, c, (enum select_res)b);
    }
    if (c->verdict == SELECT_MEETS)
        say_caveats(&t, c);
    else
        say_terms(&t, c, terms);
}
