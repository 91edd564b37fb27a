/*
 * check_params_live.c - every parameter in models/params.def matters: a
 * parameter either changes some cost model's plan of some operation, or
 * it acts in the machine (queues, schedulers, allowances, credits) and
 * changing it changes a short run of a scenario that exercises it. A
 * parameter that does neither is dead, and this test names it.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "api/virtsim.h"
#include "models/cost_model.h"
#include "models/params.h"
#include "tests/suites.h"

/* Operations that reach every branch of the plans. */
static const struct op ops[] = {
    {.kind = OP_COMPUTE, .cycles = 1e6, .syscalls = 3, .page_faults = 5,
     .pt_updates = 40, .privileged = 2, .ctx_switches = 2},
    {.kind = OP_NET_RX, .bytes = 1500},
    {.kind = OP_NET_RX, .bytes = 1 << 20},
    {.kind = OP_NET_TX, .bytes = 1500},
    {.kind = OP_NET_TX, .bytes = 1 << 20},
    {.kind = OP_DISK_READ, .bytes = 4096},
    {.kind = OP_DISK_WRITE, .bytes = 1 << 22},
    {.kind = OP_IRQ, .count = 3},
    {.kind = OP_TIMER, .count = 1},
};
#define N_OPS (sizeof(ops) / sizeof(ops[0]))

/* A value in range and unlike the default (bools flip). */
static double other_value(const struct param_info *pi)
{
    double v;

    if (pi->max == 1 && pi->min <= 0)
        return pi->def >= 0.5 ? 0 : 1;
    v = pi->def > 0 ? pi->def * 2 : pi->def + 1;
    if (v > pi->max)
        v = pi->def / 2 > pi->min ? pi->def / 2 : pi->min;
    return v;
}

/* Whether any model plans any op differently under p and q. */
static int plans_differ(const struct param_set *p, const struct param_set *q)
{
    struct demand_list a, b;
    size_t m, k, i;
    int differ = 0;

    demand_list_init(&a);
    demand_list_init(&b);
    for (m = 0; m < cost_model_count() && !differ; m++) {
        for (k = 0; k < N_OPS && !differ; k++) {
            demand_list_clear(&a);
            demand_list_clear(&b);
            cost_model_plan(cost_model_at(m), p, &ops[k], &a);
            cost_model_plan(cost_model_at(m), q, &ops[k], &b);
            if (a.len != b.len) {
                differ = 1;
                break;
            }
            for (i = 0; i < a.len; i++)
                if (a.d[i].amount != b.d[i].amount ||
                    a.d[i].res != b.d[i].res)
                    differ = 1;
        }
    }
    demand_list_release(&a);
    demand_list_release(&b);
    return differ;
}

/*
 * Scenarios for the parameters that act in the machine, open at their
 * "params" object: the override and "}}" complete them.
 */
#define BASE(inst, gen, wl, extra) BASE_FOR(0.05, inst, gen, wl, extra)
#define BASE_FOR(secs, inst, gen, wl, extra) \
    "{\"name\": \"live\", \"seed\": 5, \"duration_s\": " #secs ", " \
    "\"warmup_s\": 0.01, \"replications\": 1, \"instances\": [\"" inst "\"], " \
    "\"generations\": [\"" gen "\"], \"workload\": " wl ", " extra \
    "\"params\": {"

static const char *const S_DOM0 = BASE_FOR(0.5,
    "c5n.large", "xen-pvhvm",
    "{\"generator\": \"kv\", \"rate_rps\": 40000}",
    "\"host\": {\"cores\": 2, \"scheduler\": \"credit\", \"backend\": \"shared\"}, "
    "\"neighbors\": {\"count\": 3, \"workload\": {\"generator\": \"batch\"}},");
static const char *const S_FAIR = BASE(
    "c5n.large", "kvm",
    "{\"generator\": \"kv\", \"rate_rps\": 40000}",
    "\"host\": {\"cores\": 2, \"scheduler\": \"fair\", \"backend\": \"shared\"}, "
    "\"neighbors\": {\"count\": 3, \"workload\": {\"generator\": \"batch\"}},");
static const char *const S_WIRE = BASE(
    "c5n.large", "nitro",
    "{\"generator\": \"bigdata\"}",
    "\"neighbors\": {\"count\": 2, \"workload\": {\"generator\": \"bigdata\"}},");
static const char *const S_NETBACK = BASE(
    "c5n.large", "xen-pvhvm",
    "{\"generator\": \"bigdata\"}",
    "\"neighbors\": {\"count\": 2, \"workload\": {\"generator\": \"bigdata\"}},");
static const char *const S_CREDITS = BASE(
    "t2.micro", "xen-pvhvm", "{\"generator\": \"batch\", \"cycles\": 3e6}", "");
static const char *const S_NO_CREDITS = BASE(
    "t2.micro", "xen-pvhvm", "{\"generator\": \"batch\", \"cycles\": 3e6}", "")
    "\"credits.initial\": 0";
static const char *const S_MEM = BASE(
    "m5.large", "nitro", "{\"generator\": \"kv\", \"rate_rps\": 4000, "
    "\"memory\": {\"working_set_gib\": 10}}", "");
static const char *const S_KV = BASE(
    "c5n.large", "nitro", "{\"generator\": \"kv\", \"rate_rps\": 40000}", "");
static const char *const S_EBS = BASE(
    "m5.large", "nitro", "{\"generator\": \"storage\"}", "");

static const struct {
    const char *name;
    const char *const *scenario;
    double value;
} machine_params[] = {
    {"host.nic_gbps", &S_WIRE, 1},
    {"host.backend_threads", &S_NETBACK, 1},
    {"host.card_engines", &S_WIRE, 1},
    {"host.sched_weight", &S_DOM0, 4096},
    {"host.credit_tslice_ms", &S_DOM0, 1},
    {"host.credit_ticks_per_tslice", &S_DOM0, 1},
    {"host.fair_latency_ms", &S_FAIR, 100},
    {"host.fair_min_granularity_ms", &S_FAIR, 20},
    {"host.fair_wakeup_granularity_ms", &S_FAIR, 0},
    {"guest.hz", &S_NETBACK, 0},
    {"ec2.flow_gbps", &S_WIRE, 0.1},
    {"ec2.net_burst_minutes", &S_WIRE, 0},
    {"ec2.pps_allowance", &S_WIRE, 1000},
    {"ec2.ebs_burst_minutes", &S_EBS, 0},
    {"disk.ebs_outstanding", &S_EBS, 1},
    {"credits.initial", &S_CREDITS, 0},
    {"credits.unlimited", &S_NO_CREDITS, 1},
    {"guest.max_in_flight", &S_KV, 1},
    {"mem.os_reserve_gib", &S_MEM, 4},
    {"host.batch_packets", &S_NETBACK, 1},
    {"host.vf_weight", &S_WIRE, 10},
    {"net.queues", &S_KV, 1},
    {"net.rx_irq_interval_us", &S_KV, 50},
    {"net.tx_irq_interval_us", &S_KV, 0},
};
#define N_MACHINE (sizeof(machine_params) / sizeof(machine_params[0]))

/* Runs the scenario with `params` and returns its cell's key figures. */
static void run_cell(const char *head, const char *params,
                     struct virtsim_cell *out, struct virtsim_results **r)
{
    struct virtsim_scenario *sc = NULL;
    char text[2048], *err = NULL;

    snprintf(text, sizeof(text), "%s%s%s}}", head,
             params[0] && head[strlen(head) - 1] != '{' ? ", " : "", params);
    ck_assert_msg(virtsim_scenario_load_string(text, strlen(text), "live.json",
                                               ".", &sc, &err) == VIRTSIM_OK,
                  "%s: %s", params, err ? err : "?");
    ck_assert_int_eq(virtsim_run(sc, NULL, r, &err), VIRTSIM_OK);
    ck_assert_int_eq(virtsim_results_cell(*r, 0, out), VIRTSIM_OK);
    virtsim_scenario_free(sc);
}

static int cells_differ(const struct virtsim_cell *a,
                        const struct virtsim_cell *b)
{
    return a->completed != b->completed || a->dropped != b->dropped ||
           a->latency_mean_us != b->latency_mean_us ||
           a->p99_us != b->p99_us || a->p999_us != b->p999_us ||
           a->cpu_overhead_pct != b->cpu_overhead_pct ||
           a->vcpu_utilization != b->vcpu_utilization;
}

START_TEST(test_machine_param_live)
{
    struct virtsim_results *ra, *rb;
    struct virtsim_cell a, b;
    char override[128];

    snprintf(override, sizeof(override), "\"%s\": %.17g",
             machine_params[_i].name, machine_params[_i].value);
    run_cell(*machine_params[_i].scenario, "", &a, &ra);
    run_cell(*machine_params[_i].scenario, override, &b, &rb);
    ck_assert_msg(cells_differ(&a, &b), "%s changes nothing in its scenario",
                  machine_params[_i].name);
    virtsim_results_free(ra);
    virtsim_results_free(rb);
}
END_TEST

/* Every parameter changes a plan or is a machine parameter shown live. */
START_TEST(test_every_param_live)
{
    struct param_set p, q;
    size_t i, k;

    param_set_defaults(&p);
    for (i = 0; i < PARAM_COUNT; i++) {
        const struct param_info *pi = param_info((enum param_id)i);
        int machine = 0, live;

        for (k = 0; k < N_MACHINE; k++)
            if (!strcmp(machine_params[k].name, pi->name))
                machine = 1;
        q = p;
        q.v[i] = other_value(pi);
        live = plans_differ(&p, &q);
        /* The same with disks on the instance store. */
        p.v[P_DISK_USE_LOCAL] = q.v[P_DISK_USE_LOCAL] = 1;
        if (i != P_DISK_USE_LOCAL)
            live |= plans_differ(&p, &q);
        p.v[P_DISK_USE_LOCAL] = param_info(P_DISK_USE_LOCAL)->def;
        ck_assert_msg(live || machine,
                      "parameter %s changes no plan and is not a machine "
                      "parameter: dead", pi->name);
    }
}
END_TEST

Suite *params_live_suite(void)
{
    Suite *s = suite_create("params_live");
    TCase *plans = tcase_create("plans");
    TCase *machine = tcase_create("machine");

    tcase_add_test(plans, test_every_param_live);
    tcase_set_timeout(machine, 120);
    tcase_add_loop_test(machine, test_machine_param_live, 0, (int)N_MACHINE);
    suite_add_tcase(s, plans);
    suite_add_tcase(s, machine);
    return s;
}
