/*
 * replica.c - driving a machine with workloads for one replication: each
 * guest has an arrival source (open, closed or trace) and its own random
 * streams; each request runs its ops one after the other on the machine.
 *
 * A request's arrival is drawn when it is scheduled, its contents only
 * when it is admitted: a dropped request costs no draws. The contents of
 * request k of a guest come from a sub-stream of its own (the guest's
 * service stream re-seeded with k), so they are the same in every cell of
 * a scenario whatever was dropped before it (common random numbers).
 * A trace gives contents with times, read in order when scheduled.
 */
#include "run/replica.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "models/machine.h"
#include "sim/rng.h"
#include "sim/sim.h"
#include "base/xalloc.h"
#include "workloads/workload.h"

/* Random stream entities: two per guest (arrivals, amounts). */
#define ENTITY_ARRIVALS(g) (2 * (uint64_t)(g))
#define ENTITY_SERVICE(g)  (2 * (uint64_t)(g) + 1)
#define ENTITY_PAGING(g)   (((uint64_t)1 << 40) + (uint64_t)(g))

/* x86's base page: what a major fault reads back. */
#define PAGE_BYTES 4096.0
#define BATCH 5
#define MAX_BATCHES 200000
#define USAGE_SAMPLE_PS SIM_PS_PER_MS

struct driver;

struct req {
    struct driver *d;
    unsigned guest;
    int drawn;                  /* ops hold the contents (else not yet) */
    uint64_t index;             /* its number in its guest's sequence */
    sim_time intended;          /* arrival time the workload asked for */
    size_t next;                /* next op */
    size_t nops, cap;
    struct op *ops;             /* owned; kept across reuse */
    struct req *next_free;
};

struct source {                 /* one guest's workload */
    struct workload wl;
    struct rng_stream arrivals;
    struct rng_stream service;  /* re-seeded for each request's contents */
    uint64_t scheduled;         /* requests scheduled so far */
    size_t min_ops, max_ops;    /* of a drawn request; 0 for a trace */
    int fixed;                  /* every request the same: no draws */
    unsigned in_flight;
    int ended;                  /* trace exhausted */
    double miss_p;              /* a touched page is not resident; 0: fits */
    unsigned pages;             /* pages a request touches */
    struct rng_stream paging;   /* re-seeded for each request's misses */
    uint64_t major_faults;      /* in the measurement window */
};

struct driver {
    const struct replica_spec *spec;
    struct replica_result *out;
    struct sim sim;
    struct machine m;
    unsigned nguests;
    unsigned *group_of;         /* owned: each guest's neighbour group */
    struct source *src;
    struct req *free_reqs;
    struct req **all;
    size_t nall, allcap;
    struct request *scratch;    /* owned: where a trace's request is read */
    sim_time warmup_end, end;
    unsigned max_in_flight;
    double lat_sum_us;
    double batch_sum;
    unsigned batch_n;
    struct diag *dg;
    int failed;
    volatile sig_atomic_t *stop;
    sim_time sample_ps;         /* credits series interval; 0: none */
    double last_work_ps;        /* guest 0's vCPU work at the last sample */
    uint64_t samples;           /* collect_usage: allowance samples taken */
};

static struct req *req_get(struct driver *d)
{
    struct req *r = d->free_reqs;

    if (r) {
        d->free_reqs = r->next_free;
        return r;
    }
    r = xcalloc(1, sizeof(*r));
    if (d->nall == d->allcap) {
        d->allcap = d->allcap ? 2 * d->allcap : 64;
        d->all = xreallocarray(d->all, d->allcap, sizeof(*d->all));
    }
    d->all[d->nall++] = r;
    return r;
}

static void req_put(struct driver *d, struct req *r)
{
    r->next_free = d->free_reqs;
    d->free_reqs = r;
}

static void start_next_op(struct req *r);
static void draw_and_schedule(struct driver *d, unsigned g);

static void record(struct driver *d, struct req *r)
{
    struct replica_result *out = d->out;
    sim_time now = d->sim.now;
    double us;

    if (now < d->warmup_end || now > d->end)
        return;
    if (r->guest != 0) {
        struct replica_group *g = &out->groups[d->group_of[r->guest]];

        g->completed++;
        if (r->intended >= d->warmup_end)
            hist_add(&g->latency, now - r->intended);
        return;
    }
    /*
     * Throughput counts every departure in the window; latency only the
     * requests that also arrived in it (earlier ones carry the warm-up).
     */
    out->completed++;
    if (r->intended < d->warmup_end)
        return;
    us = sim_time_to_us(now - r->intended);
    out->measured++;
    hist_add(&out->latency, now - r->intended);
    if (out->latency_throttled &&
        r->intended >= d->m.g[0].credits.first_throttle)
        hist_add(out->latency_throttled, now - r->intended);
    d->lat_sum_us += us;
    if (out->batch_us && out->nbatches < MAX_BATCHES) {
        d->batch_sum += us;
        if (++d->batch_n == BATCH) {
            out->batch_us[out->nbatches] = d->batch_sum / BATCH;
            out->batch_end_s[out->nbatches] = sim_time_to_sec(now);
            out->nbatches++;
            d->batch_sum = 0;
            d->batch_n = 0;
        }
    }
}

static void op_done(struct sim *s, void *ctx)
{
    struct req *r = ctx;
    struct driver *d = r->d;

    (void)s;
    if (r->next < r->nops) {
        start_next_op(r);
        return;
    }
    record(d, r);
    d->src[r->guest].in_flight--;
    /* A closed client thinks, then sends its next request. */
    if (d->src[r->guest].wl.arrival.kind == ARRIVAL_CLOSED)
        draw_and_schedule(d, r->guest);
    req_put(d, r);
}

static void start_next_op(struct req *r)
{
    const struct op *op = &r->ops[r->next++];

    machine_run_op(&r->d->m, r->guest, op, op_done, r);
}

/* Draws the contents of request r from its own sub-stream. */
static void draw_contents(struct driver *d, struct req *r)
{
    const struct replica_spec *sp = d->spec;
    struct source *src = &d->src[r->guest];

    if (r->cap < src->max_ops) {
        r->cap = src->max_ops;
        r->ops = xreallocarray(r->ops, r->cap, sizeof(*r->ops));
    }
    if (!src->fixed)
        rng_stream_reseed(&src->service, sp->seed, sp->point, sp->rep,
                          ENTITY_SERVICE(r->guest), r->index);
    r->nops = workload_draw(&src->wl, &src->service, r->ops, src->max_ops);
    r->drawn = 1;
}

/*
 * A request of a workload whose working set does not fit: each page it
 * touches is resident with probability memory / working set (uniform
 * access under LRU, the independent reference model: the hit ratio of a
 * cache holding a fraction f of equally popular pages is f); each miss
 * is a major fault, the guest kernel's fault handler (planned by the
 * mode: shadow paging, PV bounce or EPT walk) and a 4 KiB read from the
 * swap device, before the request's own ops.
 */
static void add_major_faults(struct driver *d, struct req *r,
                             struct source *src)
{
    const struct replica_spec *sp = d->spec;
    const struct op fault = {.kind = OP_COMPUTE, .page_faults = 1};
    const struct op read = {.kind = OP_DISK_READ, .bytes = PAGE_BYTES};
    unsigned i, misses = 0;
    size_t need;

    rng_stream_reseed(&src->paging, sp->seed, sp->point, sp->rep,
                      ENTITY_PAGING(r->guest), r->index);
    for (i = 0; i < src->pages; i++)
        if (rng_uniform_pos(&src->paging) < src->miss_p)
            misses++;
    if (misses == 0)
        return;
    need = r->nops + 2 * (size_t)misses;
    if (r->cap < need) {
        /* Room for the most a request can hold, so it grows once. */
        size_t most = WORKLOAD_MAX_OPS + 2 * (size_t)src->pages;

        r->cap = need > most ? need : most;
        r->ops = xreallocarray(r->ops, r->cap, sizeof(*r->ops));
    }
    memmove(r->ops + 2 * misses, r->ops, r->nops * sizeof(*r->ops));
    for (i = 0; i < misses; i++) {
        r->ops[2 * i] = fault;
        r->ops[2 * i + 1] = read;
    }
    r->nops += 2 * misses;
    if (r->guest == 0 && d->sim.now >= d->warmup_end)
        src->major_faults += misses;
}

/*
 * A workload with a peer: after the request's own ops the peer's reply
 * travels back (rtt_us, no resource) and the guest receives it.
 */
static void add_peer_reply(struct req *r, const struct workload_peer *p)
{
    if (r->cap < r->nops + 2) {
        r->cap = r->nops + 2 > 2 * r->cap ? r->nops + 2 : 2 * r->cap;
        r->ops = xreallocarray(r->ops, r->cap, sizeof(*r->ops));
    }
    r->ops[r->nops++] = (struct op){
        .kind = OP_SLEEP, .sleep_ps = sim_time_from_sec(p->rtt_us * 1e-6)};
    r->ops[r->nops++] = (struct op){.kind = OP_NET_RX,
                                    .bytes = p->reply_bytes};
}

/* The request's arrival: admit it, or drop it when the guest is full. */
static void arrive(struct sim *s, void *ctx, uint64_t arg)
{
    struct req *r = ctx;
    struct driver *d = r->d;
    struct source *src = &d->src[r->guest];
    int full = src->in_flight >= d->max_in_flight;
    size_t nops;

    (void)arg;
    if (src->wl.arrival.kind != ARRIVAL_CLOSED)
        draw_and_schedule(d, r->guest);
    /*
     * A dropped request is drawn only when a variant without ops could
     * make it empty (an empty request is not counted as a drop).
     */
    if (!r->drawn && (!full || src->min_ops == 0))
        draw_contents(d, r);
    nops = r->drawn ? r->nops : src->min_ops;
    if (full || nops == 0) {
        if (r->intended >= d->warmup_end && s->now <= d->end && nops > 0) {
            if (r->guest == 0)
                d->out->dropped++;
            else
                d->out->groups[d->group_of[r->guest]].dropped++;
        }
        if (src->wl.arrival.kind == ARRIVAL_CLOSED)
            draw_and_schedule(d, r->guest);
        req_put(d, r);
        return;
    }
    src->in_flight++;
    r->next = 0;
    if (d->spec->admitted)
        d->spec->admitted(d->spec->admitted_ctx, r->guest, r->index, r->ops,
                          r->nops);
    if (src->miss_p > 0)
        add_major_faults(d, r, src);
    if (src->wl.peer.present)
        add_peer_reply(r, &src->wl.peer);
    start_next_op(r);
}

/* Draws guest g's next request and schedules its arrival. */
static void draw_and_schedule(struct driver *d, unsigned g)
{
    struct source *src = &d->src[g];
    struct req *r;
    sim_time gap;
    int rc;

    if (src->ended || d->failed)
        return;
    r = req_get(d);
    rc = workload_next_arrival(&src->wl, &src->arrivals, &gap, d->scratch,
                               d->dg);
    if (rc <= 0) {
        if (rc < 0) {
            d->failed = 1;
            sim_stop(&d->sim);
        }
        src->ended = 1;
        req_put(d, r);
        return;
    }
    r->index = src->scheduled++;
    r->drawn = workload_is_trace(&src->wl);
    /* A request keeps only the ops it has: in-flight memory stays small. */
    if (r->drawn) {
        if (r->cap < d->scratch->nops) {
            r->cap = d->scratch->nops;
            r->ops = xreallocarray(r->ops, r->cap, sizeof(*r->ops));
        }
        r->nops = d->scratch->nops;
        if (r->nops)
            memcpy(r->ops, d->scratch->ops, r->nops * sizeof(*r->ops));
    }
    r->d = d;
    r->guest = g;
    r->intended = sim_time_add(d->sim.now, gap);
    if (r->intended > d->end) {     /* beyond the run: nothing to do */
        req_put(d, r);
        return;
    }
    sim_at(&d->sim, r->intended, arrive, r, 0);
}

static struct allowance *allowance_of(struct machine_guest *g, int k)
{
    switch ((enum replica_allowance)k) {
    case RALLOW_NET_IN:
        return &g->net_in;
    case RALLOW_NET_OUT:
        return &g->net_out;
    case RALLOW_PPS:
        return &g->pps;
    case RALLOW_EBS_BYTES:
        return &g->ebs_bytes;
    case RALLOW_EBS_IOPS:
    case RALLOW_COUNT:
        break;
    }
    return &g->ebs_iops;
}

/* Sustained-bucket levels of guest 0's allowances (0 when disabled). */
static void allowance_levels(struct driver *d, double *level)
{
    struct machine_guest *g = &d->m.g[0];
    int k;

    for (k = 0; k < RALLOW_COUNT; k++) {
        const struct allowance *a = allowance_of(g, k);

        level[k] = a->enabled ? tbucket_level(&a->sustained, d->sim.now) : 0;
    }
}

/*
 * Counts which allowances hold traffic back now. It only reads state, so
 * the run is the same with or without it (its events interleave with the
 * others but change none of them).
 */
static void sample_usage(struct sim *s, void *ctx, uint64_t arg)
{
    struct driver *d = ctx;
    struct machine_guest *g = &d->m.g[0];
    int k;

    (void)arg;
    for (k = 0; k < RALLOW_COUNT; k++) {
        const struct allowance *a = allowance_of(g, k);

        if (!a->enabled)
            continue;
        if (tbucket_level(&a->sustained, s->now) < 0)
            d->out->held_base[k]++;
        if (tbucket_level(&a->peak, s->now) < 0)
            d->out->held_peak[k]++;
    }
    d->samples++;
    sim_after(s, USAGE_SAMPLE_PS, sample_usage, d, 0);
}

static void warmup_over(struct sim *s, void *ctx, uint64_t arg)
{
    struct driver *d = ctx;

    (void)arg;
    machine_reset_stats(&d->m);
    if (d->out->latency_throttled) {
        allowance_levels(d, d->out->level_start);
        d->out->credits_start = credits_balance_at(&d->m.g[0].credits, s->now);
        sample_usage(s, d, 0);
    }
}

/*
 * Samples guest 0's credit balance and the share of its vCPUs' capacity it
 * got since the last sample. Its work counter restarts at the end of the
 * warm-up, so a drop means "counted from zero since then".
 */
static void sample_credits(struct sim *s, void *ctx, uint64_t arg)
{
    struct driver *d = ctx;
    struct replica_result *out = d->out;
    struct machine_guest *g0 = &d->m.g[0];
    double work = g0->st.vcpu_work_ps, delta;

    (void)arg;
    if (out->nseries >= RESULT_SERIES)
        return;
    delta = work >= d->last_work_ps ? work - d->last_work_ps : work;
    d->last_work_ps = work;
    credits_advance(&g0->credits, s->now);
    out->series_t_s[out->nseries] = sim_time_to_sec(s->now);
    out->series_credits[out->nseries] = credits_level(&g0->credits);
    out->series_vcpu[out->nseries] =
        delta / ((double)d->sample_ps * d->m.ip.vcpus);
    out->nseries++;
    sim_after(s, d->sample_ps, sample_credits, d, 0);
}

/*
 * Why simulated time stopped advancing, in words: the model state that
 * cannot move on (a closed loop whose rejected clients retry at once).
 */
static enum run_status stuck(const struct driver *d)
{
    unsigned g;

    for (g = 0; g < d->nguests; g++) {
        const struct arrival *a = &d->src[g].wl.arrival;

        if (arrival_spins(a, d->max_in_flight)) {
            diag_set(d->dg, 0, 0, "simulated time stopped advancing at "
                     "%.9g s: guest %u's %u closed-loop clients with no "
                     "think time retry at once when the guest is full "
                     "(guest.max_in_flight %u); give them a think time or "
                     "raise guest.max_in_flight",
                     sim_time_to_sec(d->sim.now), g, a->clients,
                     d->max_in_flight);
            return RUN_FAILED;
        }
    }
    diag_set(d->dg, 0, 0, "simulated time stopped advancing at %.9g s "
             "(%d million events at one instant): the model cannot move on",
             sim_time_to_sec(d->sim.now),
             (int)((uint64_t)SIM_POLL_EVENTS * d->sim.stuck_polls / 1000000));
    return RUN_FAILED;
}

/*
 * The guests beside guest 0 and their neighbour groups, in order (the
 * one-group form is group 0), and the groups' results.
 */
static void assign_groups(struct driver *d, const struct replica_spec *sp,
                          struct replica_result *out)
{
    unsigned n, guest = 1;
    size_t k;

    d->nguests = 1 + (!sp->ngroups && sp->neighbor_workload ? sp->neighbors
                                                            : 0);
    for (k = 0; k < sp->ngroups; k++)
        d->nguests += sp->group_count[k];
    d->group_of = xcalloc(d->nguests, sizeof(*d->group_of));
    for (k = 0; k < sp->ngroups; k++)
        for (n = 0; n < sp->group_count[k]; n++)
            d->group_of[guest++] = (unsigned)k;
    out->ngroups = sp->ngroups ? sp->ngroups : d->nguests > 1;
    out->groups = xcalloc(out->ngroups ? out->ngroups : 1,
                          sizeof(*out->groups));
    for (k = 0; k < out->ngroups; k++)
        hist_init(&out->groups[k].latency);
}

static int build_sources(struct driver *d)
{
    const struct replica_spec *sp = d->spec;
    unsigned g;

    d->src = xcalloc(d->nguests, sizeof(*d->src));
    for (g = 0; g < d->nguests; g++) {
        struct source *src = &d->src[g];
        const struct workload *w =
            g == 0 ? sp->workload
                   : sp->ngroups ? sp->group_workload[d->group_of[g]]
                                 : sp->neighbor_workload;

        if (workload_copy(&src->wl, w, d->dg) < 0)
            return -1;
        if (rng_stream_init(&src->arrivals, sp->seed, sp->point, sp->rep,
                            ENTITY_ARRIVALS(g)) < 0 ||
            rng_stream_init(&src->service, sp->seed, sp->point, sp->rep,
                            ENTITY_SERVICE(g)) < 0)
            return diag_set(d->dg, 0, 0, "cannot allocate a random stream");
        if (!workload_is_trace(&src->wl)) {
            src->min_ops = request_template_min_ops(&src->wl.request);
            src->max_ops = request_template_max_ops(&src->wl.request);
            src->fixed = request_template_is_fixed(&src->wl.request);
            if (src->max_ops > WORKLOAD_MAX_OPS)
                src->max_ops = WORKLOAD_MAX_OPS;
        }
        src->miss_p = replica_miss_probability(sp->ip, &src->wl.memory,
                                               sp->params);
        src->pages = (unsigned)src->wl.memory.pages_per_request;
        if (src->miss_p > 0 &&
            rng_stream_init(&src->paging, sp->seed, sp->point, sp->rep,
                            ENTITY_PAGING(g)) < 0)
            return diag_set(d->dg, 0, 0, "cannot allocate a random stream");
    }
    return 0;
}

static void start_sources(struct driver *d)
{
    unsigned g, c;

    for (g = 0; g < d->nguests; g++) {
        struct arrival *a = &d->src[g].wl.arrival;

        if (a->kind == ARRIVAL_CLOSED)
            for (c = 0; c < a->clients; c++)
                draw_and_schedule(d, g);
        else
            draw_and_schedule(d, g);
    }
}

/* Fills the result from what guest 0 and its machine did in the window. */
static void measure(struct driver *d)
{
    struct replica_result *out = d->out;
    const struct machine_guest *g0 = &d->m.g[0];
    const struct guest_stats *st = &g0->st;
    double secs = machine_stats_seconds(&d->m);
    double guest = 0, host = 0;
    unsigned k;
    int c;

    if (secs <= 0)
        secs = 1e-12;
    out->throughput_rps = out->completed / secs;
    out->lat_mean_us = out->measured ? d->lat_sum_us / out->measured : 0;
    for (c = 0; c < RCPU_COUNT; c++) {
        /* Category order is the same in models and results. */
        out->cpu_s[c] = st->cpu_ps[c] / 1e12 / secs;
        if (c != RCPU_OFFLOAD)
            host += out->cpu_s[c];
    }
    guest = out->cpu_s[RCPU_GUEST_USER] + out->cpu_s[RCPU_GUEST_KERNEL];
    out->overhead_pct = guest > 0 ? 100 * (host - guest) / guest : 0;
    out->util_vcpu = machine_vcpu_utilization(&d->m, 0);
    out->steal_pct = 100 * machine_vcpu_steal(&d->m, 0);
    out->util_host = host / d->m.ip.vcpus;
    out->net_gbps = (double)(st->net_rx_bytes + st->net_tx_bytes) * 8 / secs / 1e9;
    out->net_pps = st->net_packets / secs;
    out->storage_iops = (double)st->disk_ios / secs;
    out->storage_mbps = (double)st->disk_bytes / secs / 1e6;
    out->throttled_at_s = g0->credits.first_throttle == SIM_TIME_MAX
                              ? -1 : sim_time_to_sec(g0->credits.first_throttle);
    out->surplus_credits = credits_surplus(&g0->credits);
    out->events = d->sim.events;
    out->util_backend = machine_backend_utilization(&d->m);
    out->util_card = machine_card_utilization(&d->m);
    out->util_nic_rx = machine_nic_utilization(&d->m, 1);
    out->util_nic_tx = machine_nic_utilization(&d->m, 0);
    out->util_ebs = cqueue_utilization(&d->m.ebs);
    out->util_emulator = cqueue_utilization(&g0->emulator);
    out->util_nvme = cqueue_utilization(&g0->nvme);
    out->hw_wait_us = st->net_ops ? st->hw_wait_ps / 1e6 / st->net_ops : 0;
    out->major_faults_per_s = (double)d->src[0].major_faults / secs;
    for (k = 0; k < out->ngroups; k++)
        out->groups[k].throughput_rps = out->groups[k].completed / secs;
    out->host_overhead_cpu = 0;
    for (k = 0; k < d->m.nguests; k++)
        for (c = CAT_VMEXIT; c <= CAT_BACKEND; c++)
            out->host_overhead_cpu += d->m.g[k].st.cpu_ps[c] / 1e12 / secs;
    if (out->latency_throttled) {
        for (c = 0; c < RALLOW_COUNT; c++) {
            out->held_base[c] /= d->samples ? (double)d->samples : 1;
            out->held_peak[c] /= d->samples ? (double)d->samples : 1;
        }
        allowance_levels(d, out->level_end);
        out->credits_end = credits_balance_at(&g0->credits, d->sim.now);
    }
}

enum run_status replica_run(const struct replica_spec *spec,
                            struct replica_result *out,
                            volatile sig_atomic_t *stop, struct diag *dg)
{
    enum run_status rc = RUN_OK;
    struct driver d;
    enum sim_run_end end;
    unsigned g;
    size_t i;

    memset(&d, 0, sizeof(d));
    memset(out, 0, sizeof(*out));
    hist_init(&out->latency);
    d.spec = spec;
    d.out = out;
    d.dg = dg;
    d.stop = stop;
    assign_groups(&d, spec, out);
    d.max_in_flight = (unsigned)param(spec->params, P_GUEST_MAX_IN_FLIGHT);
    d.warmup_end = sim_time_from_sec(spec->warmup_s);
    d.end = sim_time_from_sec(spec->warmup_s + spec->duration_s);
    if (spec->collect_batches) {
        out->batch_us = xcalloc(MAX_BATCHES, sizeof(*out->batch_us));
        out->batch_end_s = xcalloc(MAX_BATCHES, sizeof(*out->batch_end_s));
    }
    if (spec->collect_usage) {
        out->latency_throttled = xmalloc(sizeof(*out->latency_throttled));
        hist_init(out->latency_throttled);
    }
    d.scratch = xmalloc(sizeof(*d.scratch));
    sim_init(&d.sim);
    if (machine_init(&d.m, &d.sim, spec->ip, spec->gen, spec->params,
                     d.nguests, dg) < 0) {
        rc = RUN_INPUT_ERROR;
        goto out_sim;
    }
    if (spec->host)
        machine_set_host(&d.m, spec->host);
    if (build_sources(&d) < 0) {
        rc = RUN_INPUT_ERROR;
        goto out_sources;
    }
    machine_start_ticks(&d.m);
    if (spec->ip->burstable && d.end / RESULT_SERIES > 0) {
        d.sample_ps = d.end / RESULT_SERIES;
        sim_at(&d.sim, d.sample_ps, sample_credits, &d, 0);
    }
    sim_at(&d.sim, d.warmup_end, warmup_over, &d, 0);
    sim_set_interrupt(&d.sim, stop);
    start_sources(&d);
    end = sim_run(&d.sim, d.end);
    if (d.failed)
        rc = RUN_INPUT_ERROR;
    else if (end == SIM_END_STUCK)
        rc = stuck(&d);
    else if (end == SIM_END_INTERRUPTED || (stop && *stop))
        rc = RUN_STOPPED;
    else
        measure(&d);
out_sources:
    for (g = 0; d.src && g < d.nguests; g++) {
        workload_release(&d.src[g].wl);
        rng_stream_release(&d.src[g].arrivals);
        rng_stream_release(&d.src[g].service);
        if (d.src[g].miss_p > 0)
            rng_stream_release(&d.src[g].paging);
    }
    free(d.src);
    for (i = 0; i < d.nall; i++) {
        free(d.all[i]->ops);
        free(d.all[i]);
    }
    free(d.all);
    machine_release(&d.m);
out_sim:
    free(d.group_of);
    free(d.scratch);
    sim_release(&d.sim);
    if (rc != RUN_OK) {
        free(out->groups);
        out->groups = NULL;
        out->ngroups = 0;
    }
    return rc;
}

double replica_miss_probability(const struct instance_profile *ip,
                                const struct workload_memory *mem,
                                const struct param_set *p)
{
    double avail = ip->memory_gib - param(p, P_MEM_OS_RESERVE_GIB);

    if (mem->working_set_gib <= 0 || mem->pages_per_request <= 0)
        return 0;
    if (avail < 0)
        avail = 0;
    return avail >= mem->working_set_gib ? 0
                                         : 1 - avail / mem->working_set_gib;
}

void replica_result_release(struct replica_result *r)
{
    free(r->batch_us);
    free(r->batch_end_s);
    free(r->latency_throttled);
    free(r->groups);
    r->groups = NULL;
    r->ngroups = 0;
    r->batch_us = r->batch_end_s = NULL;
    r->latency_throttled = NULL;
    r->nbatches = 0;
}

size_t replica_mser(const double *x, size_t n)
{
    double best = INFINITY, sum = 0, sumsq = 0;
    size_t d, best_d = 0;

    if (n < 10)
        return 0;
    /* Walk d from n/2 down to 0, keeping sums of x[d..n). */
    for (d = n; d-- > n / 2;) {
        sum += x[d];
        sumsq += x[d] * x[d];
    }
    for (d = n / 2 + 1; d-- > 0;) {
        double m, k = (double)(n - d), stat;

        if (d < n / 2) {
            sum += x[d];
            sumsq += x[d] * x[d];
        }
        m = sum / k;
        stat = (sumsq / k - m * m) / k;
        if (stat <= best) {
            best = stat;
            best_d = d;
        }
    }
    return best_d;
}
