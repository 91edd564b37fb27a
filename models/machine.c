/*
 * machine.c - executing planned demands on the modeled host: one execution
 * per op in flight, stepping through its demands; each step is a job on a
 * c-server queue (a run of CPU demands is one job), a burst of frames on
 * the NIC's wire or the offload card (round-robin lines), a wait for an
 * allowance's tokens (in a delay line) or a pure delay.
 */
#include "models/machine.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "models/catalog.h"
#include "models/guest.h"
#include "base/xalloc.h"

struct machine_exec {
    struct machine *m;
    unsigned guest;
    struct op op;
    struct demand_list plan;
    size_t first;               /* the current job serves demands first..next-1 */
    size_t next;                /* index of the demand to run next */
    double job_amount;          /* their summed amount (cycles on a CPU) */
    double speed;               /* vCPU speed when the current job started */
    double left;                /* occurrences of the current demand still to serve */
    bool io_counted;            /* the op's storage I/O has been counted */
    sim_time nic_start;         /* when the current NIC demand started */
    size_t irq_end;             /* end of the network interrupt's demands
                                   decided last (0: none yet) */
    int napi_q;                 /* receive queue whose poll holds the op; -1 */
    machine_done_fn *done;
    void *ctx;
    struct machine_exec *next_free;
};

/* Xen credit's CSCHED_DEFAULT_WEIGHT (xen/common/sched_credit.c
 * @0053127890eb): the weight of every neighbour and backend thread. */
#define XEN_DEFAULT_WEIGHT 256.0

static void step(struct machine_exec *e);

/* ---- execution pool ---- */

static struct machine_exec *exec_get(struct machine *m)
{
    struct machine_exec *e = m->free_list;

    if (e) {
        m->free_list = e->next_free;
        demand_list_clear(&e->plan);
        return e;
    }
    e = xcalloc(1, sizeof(*e));
    demand_list_init(&e->plan);
    if (m->nall == m->allcap) {
        m->allcap = m->allcap ? 2 * m->allcap : 64;
        m->all = xreallocarray(m->all, m->allcap, sizeof(*m->all));
    }
    m->all[m->nall++] = e;
    return e;
}

static void exec_put(struct machine *m, struct machine_exec *e)
{
    e->next_free = m->free_list;
    m->free_list = e;
}

/* ---- set-up ---- */

static double param_of(const struct machine *m, enum param_id id)
{
    return param(&m->planner.params, id);
}

static sim_time cycles_ps(const struct machine *m, double cycles)
{
    return sim_time_from_sec(cycles / m->hz);
}

/* Parallelism of the local NVMe: IOPS times service time (Little's law). */
static unsigned nvme_servers(const struct machine *m)
{
    double iops = m->ip.local_read_iops;
    double svc = param_of(m, P_DISK_LOCAL_SERVICE_US) * 1e-6;
    double c = iops * svc;

    return c < 1 ? 1 : (unsigned)lround(c);
}

static void guest_init(struct machine *m, struct machine_guest *g)
{
    const struct instance_profile *ip = &m->ip;
    double net_base = ip->net_baseline_gbps * 1e9 / 8;
    double net_peak = (ip->net_burst_gbps > ip->net_baseline_gbps
                           ? ip->net_burst_gbps : ip->net_baseline_gbps) * 1e9 / 8;
    double net_burst_s = param_of(m, P_EC2_NET_BURST_MINUTES) * 60;
    double ebs_burst_s = param_of(m, P_EC2_EBS_BURST_MINUTES) * 60;
    double pps = param_of(m, P_EC2_PPS_ALLOWANCE);

    cqueue_init(&g->vcpus, m->sim, ip->vcpus, 0);
    cqueue_init(&g->emulator, m->sim, 1, 0);
    cqueue_init(&g->nvme, m->sim, nvme_servers(m), 0);
    delay_line_init(&g->rx_wait, m->sim);
    delay_line_init(&g->tx_wait, m->sim);
    delay_line_init(&g->ebs_wait, m->sim);
    /* AWS meters inbound and outbound traffic in separate buckets. */
    allowance_init(&g->net_in, net_base, net_peak, net_burst_s);
    allowance_init(&g->net_out, net_base, net_peak, net_burst_s);
    allowance_init(&g->pps, pps, pps, 0);
    allowance_init(&g->ebs_bytes, ip->ebs_baseline_mbps * 1e6 / 8,
                   ip->ebs_max_mbps * 1e6 / 8, ebs_burst_s);
    allowance_init(&g->ebs_iops, ip->ebs_baseline_iops, ip->ebs_max_iops,
                   ebs_burst_s);
    credits_init(&g->credits, ip, param_of(m, P_CREDITS_INITIAL),
                 (int)param_of(m, P_CREDITS_UNLIMITED));
    /* A queue pair per vCPU, as many as the device has. */
    napi_init(&g->napi,
              ip->vcpus < param_of(m, P_NET_QUEUES)
                  ? ip->vcpus : (unsigned)param_of(m, P_NET_QUEUES),
              sim_time_from_sec(param_of(m, P_NET_RX_IRQ_INTERVAL_US) * 1e-6),
              sim_time_from_sec(param_of(m, P_NET_TX_IRQ_INTERVAL_US) * 1e-6));
    memset(&g->st, 0, sizeof(g->st));
}

int machine_init(struct machine *m, struct sim *s,
                 const struct instance_profile *ip, const struct generation *gen,
                 const struct param_set *p, unsigned guests, struct diag *dg)
{
    double hz = param(p, P_GUEST_HZ);
    unsigned i;

    assert(guests >= 1);
    memset(m, 0, sizeof(*m));
    m->sim = s;
    m->ip = *ip;
    if (planner_init(&m->planner, gen, p, dg) < 0) {
        planner_release(&m->planner);
        return -1;
    }
    if (param(p, P_DISK_USE_LOCAL) != 0 && ip->local_read_iops <= 0) {
        planner_release(&m->planner);
        return diag_set(dg, 0, 0, "instance '%s' has no local NVMe instance "
                        "store; set 'disk.use_local' to 0", ip->name);
    }
    m->hz = catalog_work_hz(ip);
    m->tick_ps = hz > 0 ? sim_time_from_sec(1.0 / hz) : 0;
    cqueue_init(&m->backend, s, (unsigned)param(p, P_HOST_BACKEND_THREADS), 0);
    m->ncard = (unsigned)param(p, P_HOST_CARD_ENGINES);
    m->card = xcalloc(m->ncard, sizeof(*m->card));
    for (i = 0; i < m->ncard; i++) {
        rrline_init(&m->card[i], s, guests);
        rrline_set_weight(&m->card[i], 0, param(p, P_HOST_VF_WEIGHT));
    }
    rrline_init(&m->nic_rx, s, guests);
    rrline_init(&m->nic_tx, s, guests);
    rrline_set_weight(&m->nic_rx, 0, param(p, P_HOST_VF_WEIGHT));
    rrline_set_weight(&m->nic_tx, 0, param(p, P_HOST_VF_WEIGHT));
    cqueue_init(&m->ebs, s, (unsigned)param(p, P_DISK_EBS_OUTSTANDING), 0);
    m->nguests = guests;
    m->g = xcalloc(guests, sizeof(*m->g));
    for (i = 0; i < guests; i++)
        guest_init(m, &m->g[i]);
    m->stats_since = s->now;
    return 0;
}

void machine_release(struct machine *m)
{
    unsigned i;
    size_t k;

    for (i = 0; i < m->nguests; i++) {
        cqueue_release(&m->g[i].vcpus);
        cqueue_release(&m->g[i].emulator);
        cqueue_release(&m->g[i].nvme);
        delay_line_release(&m->g[i].rx_wait);
        delay_line_release(&m->g[i].tx_wait);
        delay_line_release(&m->g[i].ebs_wait);
        napi_release(&m->g[i].napi);
    }
    free(m->g);
    cqueue_release(&m->backend);
    for (i = 0; i < m->ncard; i++)
        rrline_release(&m->card[i]);
    free(m->card);
    rrline_release(&m->nic_rx);
    rrline_release(&m->nic_tx);
    cqueue_release(&m->ebs);
    if (m->host) {
        sched_release(m->host);
        free(m->host);
    }
    for (k = 0; k < m->nall; k++) {
        demand_list_release(&m->all[k]->plan);
        free(m->all[k]);
    }
    free(m->all);
    planner_release(&m->planner);
    memset(m, 0, sizeof(*m));
}

/* ---- stepping through demands ---- */

/*
 * Spreads a CPU job's time over the categories of the demands it served,
 * in proportion to their cycles (one demand gets it all, exactly).
 */
static void account_job(struct machine_exec *e, struct guest_stats *st,
                        double ps)
{
    size_t i;

    for (i = e->first; i < e->next; i++) {
        const struct demand *d = &e->plan.d[i];

        st->cpu_ps[d->cat] += ps * (d->amount / e->job_amount);
    }
}

static void after_job(struct sim *s, void *ctx, uint64_t cat, sim_time wait_ps,
                      sim_time service_ps)
{
    struct machine_exec *e = ctx;
    struct machine_guest *g = &e->m->g[e->guest];

    (void)s;
    (void)wait_ps;
    g->st.cpu_ps[cat] += (double)service_ps;
    step(e);
}

/* The device-model thread finished a run of the op's emulator demands. */
static void after_emulator_job(struct sim *s, void *ctx, uint64_t arg,
                               sim_time wait_ps, sim_time service_ps)
{
    struct machine_exec *e = ctx;

    (void)s;
    (void)arg;
    (void)wait_ps;
    account_job(e, &e->m->g[e->guest].st, (double)service_ps);
    step(e);
}

/*
 * A storage device finished its part: count the op's requests and bytes,
 * once per op (a local access plans two device demands).
 */
static void after_io(struct sim *s, void *ctx, uint64_t cat, sim_time wait_ps,
                     sim_time service_ps)
{
    struct machine_exec *e = ctx;
    struct guest_stats *st = &e->m->g[e->guest].st;

    if (!e->io_counted) {
        st->disk_ios += (uint64_t)guest_disk_ios(&e->m->planner.params,
                                                 e->op.bytes);
        st->disk_bytes += (uint64_t)e->op.bytes;
        e->io_counted = true;
    }
    after_job(s, ctx, cat, wait_ps, service_ps);
}

/* A vCPU job: throttled vCPUs take longer but do (and pay for) the same work. */
static void after_vcpu_job(struct sim *s, void *ctx, uint64_t arg,
                           sim_time wait_ps, sim_time service_ps)
{
    struct machine_exec *e = ctx;
    struct machine_guest *g = &e->m->g[e->guest];
    double work = (double)service_ps * e->speed;

    (void)arg;
    (void)wait_ps;
    account_job(e, &g->st, work);
    g->st.vcpu_work_ps += work;
    credits_spend(&g->credits, s->now, (sim_time)work);
    step(e);
}

/*
 * Software backends (dom0's netback, vhost threads) serve a demand in
 * turns of at most host.batch_packets occurrences, rejoining the queue
 * between turns, as NAPI polls each device for at most its weight, so one
 * request's 700 frames do not hold dom0 while other guests' packets wait.
 */
static void serve_turn(struct machine_exec *e);

static void after_turn(struct sim *s, void *ctx, uint64_t cat,
                       sim_time wait_ps, sim_time service_ps)
{
    struct machine_exec *e = ctx;
    struct machine_guest *g = &e->m->g[e->guest];

    (void)s;
    (void)wait_ps;
    g->st.cpu_ps[cat] += (double)service_ps;
    if (e->left > 0)
        serve_turn(e);
    else
        step(e);
}

static void serve_turn(struct machine_exec *e)
{
    const struct demand *d = &e->plan.d[e->next - 1];
    double batch = param_of(e->m, P_HOST_BATCH_PACKETS);
    double n = e->left < batch ? e->left : batch;

    e->left -= n;
    if (e->m->backend_shared)
        sched_submit(e->m->host, e->m->backend_group,
                     cycles_ps(e->m, n * d->unit), after_turn, e, d->cat);
    else
        cqueue_submit(&e->m->backend, cycles_ps(e->m, n * d->unit),
                      after_turn, e, d->cat);
}

/*
 * The offload card is hardware: a guest's virtual function has a queue on
 * each engine and spreads its ops over them in turn (as a VF's queues are
 * spread over the card), and each engine serves the functions' frames in
 * weighted round robin. One guest alone can so use every engine at once,
 * as with the shared queue before.
 */
static void after_card(struct sim *s, void *ctx, sim_time others_ps)
{
    struct machine_exec *e = ctx;
    struct guest_stats *st = &e->m->g[e->guest].st;
    const struct demand *d = &e->plan.d[e->next - 1];

    (void)s;
    st->cpu_ps[d->cat] += d->amount;
    st->hw_wait_ps += (double)others_ps;
    step(e);
}

static void run_card(struct machine_exec *e, const struct demand *d)
{
    struct machine *m = e->m;

    struct machine_guest *g = &m->g[e->guest];

    rrline_submit(&m->card[(e->guest + g->card_next++) % m->ncard], e->guest,
                  d->count, sim_time_from_sec(d->amount / 1e12), 0,
                  after_card, e);
}

static void resume(struct sim *s, void *ctx, uint64_t arg)
{
    (void)s;
    (void)arg;
    step(ctx);
}

/*
 * Waits for an allowance's reserved tokens. Reservations are repaid in the
 * order they were made, so the waiting ops of one allowance form a line
 * with one engine event, however many wait.
 */
static void wait_tokens(struct machine_exec *e, struct delay_line *line,
                        sim_time ready, event_fn *fn)
{
    struct sim *s = e->m->sim;

    if (ready <= s->now)
        fn(s, e, 0);
    else
        delay_line_add(line, ready, fn, e);
}

/* The frames are across: count them, then go on. */
static void nic_done(struct sim *s, void *ctx, sim_time others_ps)
{
    struct machine_exec *e = ctx;
    struct guest_stats *st = &e->m->g[e->guest].st;

    (void)s;
    if (e->op.kind == OP_NET_RX)
        st->net_rx_bytes += (uint64_t)e->op.bytes;
    else
        st->net_tx_bytes += (uint64_t)e->op.bytes;
    st->net_packets += e->plan.d[e->next - 1].count;
    st->net_ops++;
    st->hw_wait_ps += (double)others_ps;
    step(e);
}

/*
 * The op's frames on the host NIC's wire, shared with the other guests'
 * virtual functions in weighted round robin per frame. The op goes on at
 * the end of its last frame or when a single flow capped at ec2.flow_gbps
 * would be across, whichever is later (one event for both).
 */
static void nic_go(struct sim *s, void *ctx, uint64_t arg)
{
    struct machine_exec *e = ctx;
    struct machine *m = e->m;
    const struct demand *d = &e->plan.d[e->next - 1];
    struct rrline *line = e->op.kind == OP_NET_RX ? &m->nic_rx : &m->nic_tx;
    double line_bps = param_of(m, P_HOST_NIC_GBPS) * 1e9;
    double flow_bps = param_of(m, P_EC2_FLOW_GBPS) * 1e9;
    sim_time min_end;

    (void)s;
    (void)arg;
    min_end = e->nic_start + sim_time_from_sec(d->amount * 8 / flow_bps);
    rrline_submit(line, e->guest, d->count,
                  sim_time_from_sec(d->amount * 8 / line_bps), min_end,
                  nic_done, e);
}

static void run_nic(struct machine_exec *e, const struct demand *d)
{
    struct machine_guest *g = &e->m->g[e->guest];
    sim_time now = e->m->sim->now, ready, pps_ready;
    int rx = e->op.kind == OP_NET_RX;

    e->nic_start = now;
    ready = allowance_take(rx ? &g->net_in : &g->net_out, now, d->amount);
    pps_ready = allowance_take(&g->pps, now, d->count);
    wait_tokens(e, rx ? &g->rx_wait : &g->tx_wait,
                ready > pps_ready ? ready : pps_ready, nic_go);
}

static void ebs_go(struct sim *s, void *ctx, uint64_t arg)
{
    struct machine_exec *e = ctx;
    const struct demand *d = &e->plan.d[e->next - 1];

    (void)s;
    (void)arg;
    cqueue_submit(&e->m->ebs, (sim_time)d->amount, after_io, e, d->cat);
}

static void run_ebs(struct machine_exec *e, const struct demand *d)
{
    struct machine_guest *g = &e->m->g[e->guest];
    sim_time now = e->m->sim->now, a, b;

    a = allowance_take(&g->ebs_iops, now, d->count);
    b = allowance_take(&g->ebs_bytes, now, e->op.bytes);
    wait_tokens(e, &g->ebs_wait, a > b ? a : b, ebs_go);
}

static void finish(struct machine_exec *e)
{
    struct machine *m = e->m;
    machine_done_fn *done = e->done;
    void *ctx = e->ctx;

    m->g[e->guest].st.ops_done++;
    if (e->napi_q >= 0)
        napi_rx_done(&m->g[e->guest].napi, (unsigned)e->napi_q);
    exec_put(m, e);
    if (done)
        done(m->sim, ctx);
}

/*
 * A run of consecutive demands on one CPU resource (d is its first) is one
 * job: a packet's interrupt handler, driver and protocol stack, or a
 * syscall's entry and body, run back to back on the CPU that took them,
 * as a kernel runs them, without going back to the run queue between
 * steps (where other ops' work would slip in) and with one event, not one
 * per step.
 */
static void take_run(struct machine_exec *e, const struct demand *d)
{
    const struct demand *n;

    e->first = e->next - 1;
    e->job_amount = d->amount;
    /* A network interrupt's demands start a run: they are decided first. */
    while (e->next < e->plan.len &&
           (n = &e->plan.d[e->next])->res == d->res &&
           (!n->net_irq || n[-1].net_irq))
        e->job_amount += e->plan.d[e->next++].amount;
}

/* A queue's moderation timer fired: one interrupt reports its completions. */
static void tx_irq(struct sim *s, void *ctx, uint64_t arg)
{
    static const struct op irq = {.kind = OP_IRQ, .count = 1};
    struct machine *m = ctx;
    unsigned nq = m->g[0].napi.nqueues;
    unsigned guest = (unsigned)(arg / nq), q = (unsigned)(arg % nq);

    napi_tx_fired(&m->g[guest].napi, q, s->now);
    machine_run_op(m, guest, &irq, NULL, NULL);
}

/* Cycles of the demands [from, to) of e's plan. */
static double plan_cycles(const struct machine_exec *e, size_t from, size_t to)
{
    double sum = 0;

    for (; from < to; from++)
        sum += e->plan.d[from].amount;
    return sum;
}

/*
 * Interrupts beyond the first that the op's frames raise as they arrive
 * (napi_extra_irqs): its frames and their span from the NIC demand, the
 * interrupt's demands [first, end), and for a receive the poll's work per
 * frame, the run of vCPU demands after them.
 */
static double extra_irqs(const struct machine_exec *e, size_t first,
                         size_t end, sim_time interval)
{
    const struct machine *m = e->m;
    double frames = 0, poll = 0;
    size_t i;

    for (i = 0; i < first; i++)
        if (e->plan.d[i].res == RES_NIC)
            frames = e->plan.d[i].count;
    if (e->op.kind == OP_NET_RX) {
        for (i = end; i < e->plan.len && e->plan.d[i].res == RES_VCPU; i++)
            poll += e->plan.d[i].amount;
        poll /= frames > 0 ? frames : 1;
    }
    return napi_extra_irqs(frames, sim_time_to_sec(m->sim->now - e->nic_start),
                           poll / m->hz, plan_cycles(e, first, end) / m->hz,
                           sim_time_to_sec(interval));
}

/*
 * At the first demand of a network interrupt's plan: the op raises the
 * interrupt and pays for it, or the queue's running poll takes the op and
 * its interrupt demands are skipped (NAPI); a transmit completion is left
 * to the queue's moderation timer, which reports it off the op's path.
 * True when the op waits (for the moderation timer) and steps later.
 */
static bool net_irq(struct machine_exec *e)
{
    struct machine *m = e->m;
    struct napi *n = &m->g[e->guest].napi;
    sim_time go, now = m->sim->now;
    size_t end = e->next;
    unsigned q;

    double extra;
    size_t i;

    while (end < e->plan.len && e->plan.d[end].net_irq)
        end++;
    e->irq_end = end;
    if (e->op.kind == OP_NET_TX) {
        struct op more = {.kind = OP_IRQ};

        q = napi_tx_queue(n);
        if (napi_tx_complete(n, q, now, &go))
            sim_after(m->sim, go - now, tx_irq, m,
                      (uint64_t)e->guest * n->nqueues + q);
        more.count = extra_irqs(e, e->next, end, n->tx_interval);
        if (more.count > 0) {
            n->irqs_tx += more.count;
            machine_run_op(m, e->guest, &more, NULL, NULL);
        }
        e->next = end;
        return false;
    }
    q = napi_rx_queue(n);
    e->napi_q = (int)q;
    if (napi_rx_arrive(n, q, now, &go) == NAPI_ABSORB) {
        e->next = end;
    } else if ((extra = extra_irqs(e, e->next, end, n->rx_interval)) > 0) {
        n->irqs_rx += extra;
        for (i = e->next; i < end; i++) {
            e->plan.d[i].count *= 1 + extra;
            e->plan.d[i].amount *= 1 + extra;
        }
    }
    if (go > now) {
        sim_after(m->sim, go - now, resume, e, 0);
        return true;
    }
    return false;
}

static void step(struct machine_exec *e)
{
    struct machine *m = e->m;
    struct machine_guest *g = &m->g[e->guest];
    const struct demand *d;

    if (e->next < e->plan.len && e->plan.d[e->next].net_irq &&
        e->next >= e->irq_end && net_irq(e))
        return;
    if (e->next == e->plan.len) {
        finish(e);
        return;
    }
    d = &e->plan.d[e->next++];
    switch (d->res) {
    case RES_VCPU:
        take_run(e, d);
        e->speed = credits_speed(&g->credits, m->sim->now);
        if (m->host)
            sched_submit(m->host, g->vgroup,
                         sim_time_from_sec(e->job_amount / m->hz / e->speed),
                         after_vcpu_job, e, 0);
        else
            cqueue_submit(&g->vcpus,
                          sim_time_from_sec(e->job_amount / m->hz / e->speed),
                          after_vcpu_job, e, 0);
        break;
    case RES_BACKEND:
        e->left = d->count;
        serve_turn(e);
        break;
    case RES_EMULATOR:
        take_run(e, d);
        cqueue_submit(&g->emulator, cycles_ps(m, e->job_amount),
                      after_emulator_job, e, 0);
        break;
    case RES_CARD:
        run_card(e, d);
        break;
    case RES_DISK:
        cqueue_submit(&g->nvme, (sim_time)d->amount, after_io, e, d->cat);
        break;
    case RES_NIC:
        run_nic(e, d);
        break;
    case RES_STORAGE_NET:
        run_ebs(e, d);
        break;
    case RES_IRQ:
    case RES_COUNT:
        assert(!"unexpanded or unknown resource in a plan");
        step(e);
        break;
    }
}

void machine_run_op(struct machine *m, unsigned guest, const struct op *op,
                    machine_done_fn *done, void *ctx)
{
    struct machine_exec *e = exec_get(m);

    assert(guest < m->nguests);
    e->m = m;
    e->guest = guest;
    e->op = *op;
    e->next = 0;
    e->io_counted = false;
    e->irq_end = 0;
    e->napi_q = -1;
    e->nic_start = m->sim->now;
    e->done = done;
    e->ctx = ctx;
    if (op->kind == OP_SLEEP) {
        sim_after(m->sim, op->sleep_ps, resume, e, 0);
        return;
    }
    planner_plan(&m->planner, op, &e->plan);
    step(e);
}

/* ---- the shared host ---- */

void machine_set_host(struct machine *m, const struct host_spec *h)
{
    struct sched_params sp;
    unsigned i;

    assert(!m->host && h->cores >= 1 && h->policy);
    sched_params_from(&sp, &m->planner.params, h->cores);
    m->host = xmalloc(sizeof(*m->host));
    sched_init(m->host, m->sim, h->cores, h->policy, &sp);
    for (i = 0; i < m->nguests; i++)
        m->g[i].vgroup = sched_add_group(
            m->host, m->ip.vcpus,
            i == 0 ? param_of(m, P_HOST_SCHED_WEIGHT) : XEN_DEFAULT_WEIGHT, 0);
    m->backend_shared = h->backend_shared;
    if (h->backend_shared)
        m->backend_group = sched_add_group(
            m->host, (unsigned)param_of(m, P_HOST_BACKEND_THREADS),
            XEN_DEFAULT_WEIGHT, 0);
    sched_start(m->host);
}

/* Sums over a group's threads of run (steal = 0) or steal (1) time. */
static double group_ps(const struct machine *m, unsigned group, int steal)
{
    const struct sched_group *gr = &m->host->g[group];
    double sum = 0;
    unsigned i;

    for (i = gr->first; i < gr->first + gr->count; i++)
        sum += (double)(steal ? sched_steal_ps(m->host, i)
                              : sched_run_ps(m->host, i));
    return sum;
}

static double group_fraction(const struct machine *m, unsigned group,
                             int steal)
{
    sim_time span = m->sim->now - m->stats_since;

    if (!span)
        return 0;
    return group_ps(m, group, steal) /
           ((double)span * m->host->g[group].count);
}

double machine_vcpu_utilization(const struct machine *m, unsigned g)
{
    if (!m->host)
        return cqueue_utilization(&m->g[g].vcpus);
    return group_fraction(m, m->g[g].vgroup, 0);
}

double machine_vcpu_steal(const struct machine *m, unsigned g)
{
    return m->host ? group_fraction(m, m->g[g].vgroup, 1) : 0;
}

double machine_backend_utilization(const struct machine *m)
{
    if (!m->backend_shared)
        return cqueue_utilization(&m->backend);
    return group_fraction(m, m->backend_group, 0);
}

/* vCPUs of guest g with work (running, or waiting for a core). */
static unsigned busy_vcpus(const struct machine *m, unsigned g)
{
    const struct sched_group *gr;
    unsigned i, n = 0;

    if (!m->host)
        return m->g[g].vcpus.busy;
    gr = &m->host->g[m->g[g].vgroup];
    for (i = gr->first; i < gr->first + gr->count; i++)
        n += m->host->t[i].state != SCHED_IDLE;
    return n;
}

/* ---- timer ticks ---- */

static void tick(struct sim *s, void *ctx, uint64_t arg)
{
    struct machine *m = ctx;
    const struct op timer = {.kind = OP_TIMER, .count = 1};
    unsigned i, b;

    (void)arg;
    for (i = 0; i < m->nguests; i++)
        for (b = 0; b < busy_vcpus(m, i); b++)
            machine_run_op(m, i, &timer, NULL, NULL);
    sim_after(s, m->tick_ps, tick, m, 0);
}

void machine_start_ticks(struct machine *m)
{
    if (m->tick_ps > 0)
        sim_after(m->sim, m->tick_ps, tick, m, 0);
}

/* ---- accounting ---- */

void machine_reset_stats(struct machine *m)
{
    unsigned i;

    for (i = 0; i < m->nguests; i++) {
        cqueue_reset_stats(&m->g[i].vcpus);
        cqueue_reset_stats(&m->g[i].emulator);
        cqueue_reset_stats(&m->g[i].nvme);
        napi_reset_stats(&m->g[i].napi);
        memset(&m->g[i].st, 0, sizeof(m->g[i].st));
    }
    cqueue_reset_stats(&m->backend);
    for (i = 0; i < m->ncard; i++)
        rrline_reset_stats(&m->card[i]);
    rrline_reset_stats(&m->nic_rx);
    rrline_reset_stats(&m->nic_tx);
    cqueue_reset_stats(&m->ebs);
    if (m->host)
        sched_reset_stats(m->host);
    m->stats_since = m->sim->now;
}

double machine_stats_seconds(const struct machine *m)
{
    return sim_time_to_sec(m->sim->now - m->stats_since);
}

double machine_nic_utilization(struct machine *m, int rx)
{
    return rrline_utilization(rx ? &m->nic_rx : &m->nic_tx);
}

double machine_card_utilization(struct machine *m)
{
    double sum = 0;
    unsigned i;

    for (i = 0; i < m->ncard; i++)
        sum += rrline_utilization(&m->card[i]);
    return sum / m->ncard;
}
