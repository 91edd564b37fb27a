/*
 * check_machine.c - the modeled host executing plans: burstable credits run
 * out when the closed form from EC2's rules says, and the throttled vCPUs
 * then deliver their baseline; a network allowance delivers its baseline
 * after the burst; a saturated dom0 backend caps throughput at its
 * capacity; an op's consecutive vCPU demands are one job; bad set-ups are
 * refused with a diag; the credit balance reads at any time without
 * changing the account.
 */
#include <math.h>
#include <string.h>

#include "models/catalog.h"
#include "models/credits.h"
#include "models/guest.h"
#include "models/machine.h"
#include "tests/suites.h"

/* A closed loop: `outstanding` copies of one op, each reissued at completion. */
struct loop {
    struct machine *m;
    struct op op;
    uint64_t done;
};

static void reissue(struct sim *s, void *ctx)
{
    struct loop *l = ctx;

    (void)s;
    l->done++;
    machine_run_op(l->m, 0, &l->op, reissue, l);
}

static void start_loop(struct loop *l, int outstanding)
{
    int i;

    for (i = 0; i < outstanding; i++)
        machine_run_op(l->m, 0, &l->op, reissue, l);
}

static int setup(struct machine *m, struct sim *s, const char *instance,
                 const char *gen, struct param_set *p)
{
    const struct instance_profile *ip = catalog_find(instance, NULL);
    const struct generation *g = generation_find(gen, NULL);

    ck_assert_ptr_nonnull(ip);
    ck_assert_ptr_nonnull(g);
    sim_init(s);
    return machine_init(m, s, ip, g, p, 1, NULL);
}

START_TEST(test_credits_exhaustion_closed_form)
{
    struct sim s;
    struct machine m;
    struct param_set p;
    struct loop l = {.op = {.kind = OP_COMPUTE, .cycles = 31e6}};   /* 10 ms */
    const struct instance_profile *ip = catalog_find("t3.large", NULL);
    double b0 = 10, spend, earn, want_s, got_s, work0, work1, delivered;

    param_set_defaults(&p);
    param_set_value(&p, "credits.initial", b0, NULL);
    param_set_value(&p, "credits.unlimited", 0, NULL);
    param_set_value(&p, "guest.hz", 0, NULL);
    ck_assert_int_eq(setup(&m, &s, "t3.large", "nitro", &p), 0);
    l.m = &m;
    start_loop(&l, 8);                  /* both vCPUs always busy */
    sim_run(&s, sim_time_from_sec(1000));
    /*
     * Full load spends vcpus credits per minute (1 credit = 1 vCPU-minute)
     * and earns credits_per_hour: the balance lasts b0 / (spend - earn).
     */
    spend = ip->vcpus / 60.0;
    earn = ip->credits.credits_per_hour / 3600.0;
    want_s = b0 / (spend - earn);
    got_s = sim_time_to_sec(m.g[0].credits.first_throttle);
    ck_assert_msg(fabs(got_s / want_s - 1) < 0.01,
                  "throttled at %.1f s, closed form %.1f s", got_s, want_s);
    /* Throttled, the two vCPUs deliver baseline * vcpus of CPU per second. */
    work0 = m.g[0].st.cpu_ps[CAT_GUEST_USER];
    sim_run(&s, sim_time_from_sec(1500));
    work1 = m.g[0].st.cpu_ps[CAT_GUEST_USER];
    delivered = (work1 - work0) / 1e12 / 500;
    ck_assert_msg(fabs(delivered / (ip->credits.baseline_per_vcpu * ip->vcpus) - 1) < 0.03,
                  "delivered %.3f vCPU-s/s after exhaustion", delivered);
    machine_release(&m);
    sim_release(&s);
}
END_TEST

START_TEST(test_unlimited_never_throttles)
{
    struct sim s;
    struct machine m;
    struct param_set p;
    struct loop l = {.op = {.kind = OP_COMPUTE, .cycles = 31e6}};

    param_set_defaults(&p);
    param_set_value(&p, "credits.initial", 1, NULL);
    param_set_value(&p, "guest.hz", 0, NULL);
    ck_assert_int_eq(setup(&m, &s, "t3.large", "nitro", &p), 0);
    ck_assert(m.g[0].credits.unlimited);    /* T3's default mode */
    l.m = &m;
    start_loop(&l, 8);
    sim_run(&s, sim_time_from_sec(200));
    ck_assert_uint_eq(m.g[0].credits.first_throttle, SIM_TIME_MAX);
    /* 200 s at 2 vCPUs spends 6.67 credits, earns 2: a surplus of ~3.67. */
    ck_assert_double_eq_tol(credits_surplus(&m.g[0].credits),
                            2 * 200 / 60.0 - 1 - 200 * 36 / 3600.0, 0.05);
    machine_release(&m);
    sim_release(&s);
}
END_TEST

/*
 * m5.large: 0.75 Gb/s baseline, 10 Gb/s burst. With a 3 s burst budget the
 * bucket empties after ~3.2 s of sending at the peak; afterwards the
 * instance gets its baseline, measured in wire bytes.
 */
START_TEST(test_network_allowance_baseline)
{
    struct sim s;
    struct machine m;
    struct param_set p;
    struct loop l = {.op = {.kind = OP_NET_TX, .bytes = 65536}};
    double wire_per_op, early, late, ops0;

    param_set_defaults(&p);
    param_set_value(&p, "ec2.net_burst_minutes", 0.05, NULL);
    param_set_value(&p, "guest.hz", 0, NULL);
    ck_assert_int_eq(setup(&m, &s, "m5.large", "metal", &p), 0);
    wire_per_op = guest_net_wire_bytes(&p, 65536);
    l.m = &m;
    start_loop(&l, 8);
    sim_run(&s, sim_time_from_sec(1));
    early = l.done * wire_per_op * 8 / 1e9;             /* Gb/s over 1 s */
    sim_run(&s, sim_time_from_sec(6));
    ops0 = (double)l.done;
    sim_run(&s, sim_time_from_sec(16));
    late = ((double)l.done - ops0) * wire_per_op * 8 / 10 / 1e9;
    ck_assert_msg(fabs(early / 10 - 1) < 0.05, "burst: %.3f Gb/s", early);
    ck_assert_msg(fabs(late / 0.75 - 1) < 0.02, "baseline: %.3f Gb/s", late);
    machine_release(&m);
    sim_release(&s);
}
END_TEST

/* One dom0 backend thread is the bottleneck of Xen PV networking. */
START_TEST(test_backend_saturates)
{
    struct sim s;
    struct machine m;
    struct param_set p;
    struct loop l = {.op = {.kind = OP_NET_RX, .bytes = 64}};
    double per_op, want, got;

    param_set_defaults(&p);
    param_set_value(&p, "host.backend_threads", 1, NULL);
    param_set_value(&p, "guest.hz", 0, NULL);
    ck_assert_int_eq(setup(&m, &s, "c5n.18xlarge", "xen-pv", &p), 0);
    l.m = &m;
    start_loop(&l, 64);
    sim_run(&s, sim_time_from_sec(0.01));
    machine_reset_stats(&m);
    l.done = 0;
    sim_run(&s, sim_time_from_sec(0.05));
    per_op = p.v[P_PV_NETBACK_CYCLES_PER_PACKET] +
             64 * p.v[P_PV_GRANT_COPY_CYCLES_PER_BYTE];
    want = m.ip.cpu_ghz * 1e9 / per_op;                  /* ops/s */
    got = l.done / machine_stats_seconds(&m);
    ck_assert_msg(fabs(got / want - 1) < 0.01, "%.0f ops/s, capacity %.0f",
                  got, want);
    ck_assert_double_gt(cqueue_utilization(&m.backend), 0.99);
    ck_assert_double_lt(cqueue_utilization(&m.g[0].vcpus), 0.5);
    ck_assert_double_gt(m.g[0].st.cpu_ps[CAT_BACKEND], 0);
    machine_release(&m);
    sim_release(&s);
}
END_TEST

/*
 * An op's consecutive vCPU demands (interrupt handler, driver, stack) run
 * as one job on one vCPU: one start on the run queue, and each category
 * gets the time of its own cycles.
 */
START_TEST(test_vcpu_run_is_one_job)
{
    struct sim s;
    struct machine m;
    struct param_set p;
    struct demand_list plan;
    const struct op op = {.kind = OP_NET_RX, .bytes = 1400};
    double want[CAT_COUNT] = {0};
    size_t i, runs = 0;
    int c;

    param_set_defaults(&p);
    param_set_value(&p, "guest.hz", 0, NULL);
    ck_assert_int_eq(setup(&m, &s, "c5n.large", "nitro", &p), 0);
    demand_list_init(&plan);
    planner_plan(&m.planner, &op, &plan);
    for (i = 0; i < plan.len; i++) {
        if (plan.d[i].res != RES_VCPU)
            continue;
        want[plan.d[i].cat] += plan.d[i].amount / m.hz * 1e12;
        if (i == 0 || plan.d[i - 1].res != RES_VCPU)
            runs++;
    }
    ck_assert_uint_eq(runs, 1);
    ck_assert_int_eq(want[CAT_VMEXIT] > 0 && want[CAT_GUEST_KERNEL] > 0, 1);
    machine_run_op(&m, 0, &op, NULL, NULL);
    sim_run(&s, SIM_TIME_MAX);
    ck_assert_uint_eq(m.g[0].vcpus.started, 1);
    ck_assert_uint_eq(m.g[0].st.ops_done, 1);
    for (c = 0; c < CAT_COUNT; c++)
        if (c != CAT_OFFLOAD && c != CAT_DEVICE)
            ck_assert_msg(fabs(m.g[0].st.cpu_ps[c] - want[c]) <= 1,
                          "%s: %.1f ps, planned %.1f ps", category_name(c),
                          m.g[0].st.cpu_ps[c], want[c]);
    demand_list_release(&plan);
    machine_release(&m);
    sim_release(&s);
}
END_TEST

START_TEST(test_local_disk_refused)
{
    struct sim s;
    struct machine m;
    struct param_set p;
    struct diag dg;

    param_set_defaults(&p);
    param_set_value(&p, "disk.use_local", 1, NULL);
    diag_init(&dg, "s.json");
    sim_init(&s);
    ck_assert_int_eq(machine_init(&m, &s, catalog_find("m5.large", NULL),
                                  generation_find("nitro", NULL), &p, 1, &dg), -1);
    ck_assert_str_eq(dg.e[0].msg, "instance 'm5.large' has no local NVMe "
                     "instance store; set 'disk.use_local' to 0");
    sim_release(&s);
}
END_TEST

/*
 * credits_balance_at earns up to the cap as credits_advance does, and
 * leaves the account as it was; 0 for a fixed-performance instance.
 */
START_TEST(test_credits_balance_at)
{
    const struct instance_profile *ip = catalog_find("t3.large", NULL);
    struct credits c, before, adv;
    sim_time t = sim_time_from_sec(600);

    ck_assert_ptr_nonnull(ip);
    credits_init(&c, ip, 1, 0);
    before = c;
    adv = c;
    credits_advance(&adv, t);
    ck_assert_double_eq_tol(credits_balance_at(&c, t), credits_level(&adv),
                            1e-9);
    ck_assert_double_gt(credits_balance_at(&c, t), 1);
    ck_assert_int_eq(memcmp(&c, &before, sizeof(c)), 0);
    adv = c;
    credits_advance(&adv, sim_time_from_sec(1e7));      /* to the cap */
    ck_assert_double_eq_tol(credits_balance_at(&c, sim_time_from_sec(1e7)),
                            credits_level(&adv), 1e-9);
    credits_init(&c, catalog_find("m5.large", NULL), -1, -1);
    ck_assert_double_eq(credits_balance_at(&c, t), 0);
}
END_TEST

Suite *machine_suite(void)
{
    Suite *s = suite_create("machine");
    TCase *tc = tcase_create("mechanisms");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_credits_exhaustion_closed_form);
    tcase_add_test(tc, test_unlimited_never_throttles);
    tcase_add_test(tc, test_network_allowance_baseline);
    tcase_add_test(tc, test_backend_saturates);
    tcase_add_test(tc, test_vcpu_run_is_one_job);
    tcase_add_test(tc, test_local_disk_refused);
    tcase_add_test(tc, test_credits_balance_at);
    suite_add_tcase(s, tc);
    return s;
}
