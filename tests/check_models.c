/*
 * check_models.c - every registered cost model through one contract
 * (unique name, bad parameters rejected with a diag naming them, plans of
 * every op kind with known resources and categories, positive amounts, no
 * interrupts raised by interrupts, deterministic), then the orderings the
 * literature agrees on, computed from the default parameters.
 */
#include <math.h>
#include <string.h>

#include "models/cost_model.h"
#include "models/generation.h"
#include "models/plan.h"
#include "tests/suites.h"

static const struct op sample_ops[] = {
    {.kind = OP_COMPUTE, .cycles = 200000, .syscalls = 4, .page_faults = 2,
     .pt_updates = 20, .privileged = 3},
    {.kind = OP_NET_RX, .bytes = 512},
    {.kind = OP_NET_RX, .bytes = 1 << 20},
    {.kind = OP_NET_TX, .bytes = 2048},
    {.kind = OP_NET_TX, .bytes = 0},
    {.kind = OP_DISK_READ, .bytes = 4096},
    {.kind = OP_DISK_WRITE, .bytes = 1 << 20},
    {.kind = OP_IRQ, .count = 3},
    {.kind = OP_TIMER, .count = 1},
    {.kind = OP_SLEEP, .sleep_ps = 1000},
};
#define N_SAMPLE_OPS (int)(sizeof(sample_ops) / sizeof(sample_ops[0]))

/* Host CPU cycles of a plan (every CPU category on CPU resources). */
static double host_cpu(const struct demand_list *l)
{
    double c = 0;
    size_t i;

    for (i = 0; i < l->len; i++)
        if (category_is_cpu(l->d[i].cat) && l->d[i].res != RES_NIC &&
            l->d[i].res != RES_IRQ)
            c += l->d[i].amount;
    return c;
}

/* Cycles in one category. */
static double in_category(const struct demand_list *l, enum category cat)
{
    double c = 0;
    size_t i;

    for (i = 0; i < l->len; i++)
        if (l->d[i].cat == cat)
            c += l->d[i].amount;
    return c;
}

/* Plans op under model m, its own interrupts expanded by itself. */
static void plan_pure(const struct cost_model_ops *m, const struct op *op,
                      struct demand_list *out)
{
    struct param_set p;
    struct demand_list scratch;

    param_set_defaults(&p);
    demand_list_init(&scratch);
    plan_with(m, m, &p, op, &scratch, out);
    demand_list_release(&scratch);
}

START_TEST(test_unique_names)
{
    size_t i, j, n = cost_model_count();

    ck_assert_uint_eq(n, 9);
    for (i = 0; i < n; i++) {
        const struct cost_model_ops *m = cost_model_at(i);

        ck_assert(m->name && m->name[0]);
        ck_assert(m->summary && m->summary[0]);
        ck_assert(m->lesson && m->lesson[0]);
        /* Every path planned, by the model or the one it is like. */
        ck_assert(m->compute || (m->like && m->like->compute));
        ck_assert(m->net || (m->like && m->like->net));
        ck_assert(m->storage || (m->like && m->like->storage));
        ck_assert(m->irq || (m->like && m->like->irq));
        ck_assert_ptr_eq(cost_model_find(m->name, NULL), m);
        for (j = i + 1; j < n; j++)
            ck_assert_str_ne(m->name, cost_model_at(j)->name);
    }
    ck_assert_ptr_null(cost_model_at(n));
}
END_TEST

/* Each model rejects a parameter set with a bad value, naming it. */
START_TEST(test_rejects_bad_params)
{
    const struct cost_model_ops *m = cost_model_at((size_t)_i);
    struct param_set p;
    struct diag dg;

    param_set_defaults(&p);
    diag_init(&dg, "test");
    ck_assert_int_eq(cost_model_check(m, &p, &dg), 0);
    ck_assert_int_eq(dg.count, 0);
    p.v[P_NET_MTU_BYTES] = NAN;
    p.v[P_HVM_VMEXIT_CYCLES] = -5;
    ck_assert_int_eq(cost_model_check(m, &p, &dg), -1);
    ck_assert_int_eq(dg.count, 2);
    ck_assert_str_eq(dg.e[0].msg, "parameter 'net.mtu_bytes' must be a finite number");
    ck_assert_str_eq(dg.e[1].msg,
                     "parameter 'hvm.vmexit_cycles' must be in [0, 1e+07] cycles, got -5");
}
END_TEST

/*
 * The lesson's steps of every model cover every category its plans use,
 * each category in one step only, so the steps add up to the plan.
 */
START_TEST(test_steps_partition_plans)
{
    const struct cost_model_ops *m = cost_model_at((size_t)_i);
    const struct lesson_step *st;
    struct demand_list l;
    unsigned seen = 0;
    size_t n, k, i;
    int j;

    st = cost_model_steps(m, &n);
    ck_assert_msg(st != NULL && n > 0, "%s has no lesson steps", m->name);
    ck_assert_uint_le(n, LESSON_MAX_STEPS);
    for (k = 0; k < n; k++) {
        ck_assert_msg((seen & st[k].cats) == 0, "%s: step %s repeats a "
                      "category", m->name, st[k].name);
        seen |= st[k].cats;
        ck_assert_ptr_nonnull(st[k].what);
    }
    for (j = 0; j < N_SAMPLE_OPS; j++) {
        demand_list_init(&l);
        plan_pure(m, &sample_ops[j], &l);
        for (i = 0; i < l.len; i++)
            ck_assert_msg(seen & LESSON_CAT(l.d[i].cat), "%s: category %s of "
                          "'%s' is in no step", m->name,
                          category_name(l.d[i].cat), l.d[i].why);
        demand_list_release(&l);
    }
}
END_TEST

/* Plans of every op kind are well formed and deterministic. */
START_TEST(test_plans_well_formed)
{
    const struct cost_model_ops *m = cost_model_at((size_t)_i);
    struct demand_list a, b;
    int k;

    for (k = 0; k < N_SAMPLE_OPS; k++) {
        const struct op *op = &sample_ops[k];
        size_t i;

        demand_list_init(&a);
        demand_list_init(&b);
        plan_pure(m, op, &a);
        plan_pure(m, op, &b);
        ck_assert_uint_eq(a.len, b.len);
        for (i = 0; i < a.len; i++)
            ck_assert_msg(a.d[i].res == b.d[i].res && a.d[i].cat == b.d[i].cat &&
                          a.d[i].count == b.d[i].count &&
                          a.d[i].unit == b.d[i].unit &&
                          a.d[i].amount == b.d[i].amount &&
                          a.d[i].why == b.d[i].why &&
                          a.d[i].net_irq == b.d[i].net_irq,
                          "%s: demand %zu of op %d differs between plans",
                          m->name, i, k);
        if (op->kind == OP_SLEEP)
            ck_assert_uint_eq(a.len, 0);
        else
            ck_assert_msg(a.len > 0, "%s plans nothing for %s", m->name,
                          op_kind_name(op->kind));
        for (i = 0; i < a.len; i++) {
            const struct demand *d = &a.d[i];

            ck_assert_int_lt(d->res, RES_COUNT);
            ck_assert_int_ne(d->res, RES_IRQ);      /* expanded */
            ck_assert_int_lt(d->cat, CAT_COUNT);
            ck_assert_msg(isfinite(d->amount) && d->amount > 0,
                          "%s %s demand %zu: amount %g", m->name,
                          op_kind_name(op->kind), i, d->amount);
            ck_assert_double_eq_tol(d->amount, d->count * d->unit, 1e-9 * d->amount);
            ck_assert(d->why && d->why[0]);
            /* Offload runs on the card, device time on devices: never a CPU. */
            if (d->cat == CAT_OFFLOAD)
                ck_assert_int_eq(d->res, RES_CARD);
            if (d->res == RES_NIC || d->res == RES_DISK ||
                d->res == RES_STORAGE_NET)
                ck_assert_int_eq(d->cat, CAT_DEVICE);
        }
        /* The model's own plan of an interrupt raises no interrupt. */
        if (op->kind == OP_IRQ || op->kind == OP_TIMER) {
            struct param_set p;

            param_set_defaults(&p);
            demand_list_clear(&a);
            cost_model_plan(m, &p, op, &a);
            for (i = 0; i < a.len; i++)
                ck_assert_int_ne(a.d[i].res, RES_IRQ);
        }
        demand_list_release(&a);
        demand_list_release(&b);
    }
}
END_TEST

/* Host CPU per 1500-byte receive: native <= sriov <= pv < emulation. */
START_TEST(test_net_rx_ordering)
{
    const struct op op = {.kind = OP_NET_RX, .bytes = 1500};
    struct demand_list l[4];
    const struct cost_model_ops *m[4] = {
        &native_model, &sriov_model, &pv_model, &emulation_model,
    };
    double c[4];
    int i;

    for (i = 0; i < 4; i++) {
        demand_list_init(&l[i]);
        plan_pure(m[i], &op, &l[i]);
        c[i] = host_cpu(&l[i]);
        demand_list_release(&l[i]);
    }
    ck_assert_msg(c[0] <= c[1] && c[1] <= c[2] && c[2] < c[3],
                  "native %g sriov %g pv %g emulation %g", c[0], c[1], c[2], c[3]);
    /* SR-IOV spends no host CPU outside the guest's own vCPU. */
    demand_list_init(&l[0]);
    plan_pure(&sriov_model, &op, &l[0]);
    ck_assert_double_eq(in_category(&l[0], CAT_BACKEND), 0);
    ck_assert_double_eq(in_category(&l[0], CAT_DEVICE_EMULATION), 0);
    ck_assert(in_category(&l[0], CAT_OFFLOAD) > 0);
    demand_list_release(&l[0]);
}
END_TEST

/* Syscalls: hvm == native (no exit); pv 64-bit bounces, so > native. */
START_TEST(test_syscall_costs)
{
    const struct op one = {.kind = OP_COMPUTE, .syscalls = 1};
    struct demand_list l;
    double native, hvm, pv, emu;

    demand_list_init(&l);
    plan_pure(&native_model, &one, &l);
    native = host_cpu(&l);
    demand_list_clear(&l);
    plan_pure(&hvm_model, &one, &l);
    hvm = host_cpu(&l);
    demand_list_clear(&l);
    plan_pure(&pv_model, &one, &l);
    pv = host_cpu(&l);
    demand_list_clear(&l);
    plan_pure(&emulation_model, &one, &l);
    emu = host_cpu(&l);
    demand_list_release(&l);
    ck_assert(native > 0);
    ck_assert_double_eq(hvm, native);
    ck_assert(pv > native);
    ck_assert(emu > native);
}
END_TEST

/* Compute: emulation > hvm > native = sriov; hvm within Gregg's 0.1-1.5%. */
START_TEST(test_compute_costs)
{
    const struct op op = {.kind = OP_COMPUTE, .cycles = 1e6};
    struct demand_list l;
    double native, hvm, emu, sriov;

    demand_list_init(&l);
    plan_pure(&native_model, &op, &l);
    native = host_cpu(&l);
    demand_list_clear(&l);
    plan_pure(&hvm_model, &op, &l);
    hvm = host_cpu(&l);
    demand_list_clear(&l);
    plan_pure(&emulation_model, &op, &l);
    emu = host_cpu(&l);
    ck_assert(in_category(&l, CAT_TRANSLATION) > 0);
    demand_list_clear(&l);
    plan_pure(&sriov_model, &op, &l);
    sriov = host_cpu(&l);
    demand_list_release(&l);
    ck_assert_double_eq(native, 1e6);
    ck_assert_double_eq(sriov, native);
    ck_assert(hvm > native && hvm / native - 1 <= 0.015);
    /* Software virtualization: 2x-10x (Gregg 2017). */
    ck_assert(emu / native >= 2 && emu / native <= 10);
}
END_TEST

/* Posted interrupts remove both exits of an injected interrupt. */
START_TEST(test_posted_interrupts)
{
    const struct op op = {.kind = OP_IRQ, .count = 1};
    struct param_set p;
    struct demand_list l;
    double posted, exiting;

    param_set_defaults(&p);
    demand_list_init(&l);
    cost_model_plan(&hvm_model, &p, &op, &l);
    posted = in_category(&l, CAT_VMEXIT);
    demand_list_clear(&l);
    ck_assert_int_eq(param_set_value(&p, "hvm.posted_interrupts", 0, NULL), 0);
    cost_model_plan(&hvm_model, &p, &op, &l);
    exiting = in_category(&l, CAT_VMEXIT);
    demand_list_release(&l);
    ck_assert_double_eq(exiting, p.v[P_HVM_KERNEL_EXIT_CYCLES] + p.v[P_HVM_EOI_CYCLES]);
    ck_assert(posted < exiting);
}
END_TEST

/* Packet arithmetic: 1460 payload bytes per 1500-byte MTU frame. */
START_TEST(test_packets_and_wire)
{
    const struct op op = {.kind = OP_NET_TX, .bytes = 1460 * 3 + 1};
    struct demand_list l;
    size_t i;
    double wire = 0;

    demand_list_init(&l);
    plan_pure(&native_model, &op, &l);
    for (i = 0; i < l.len; i++)
        if (l.d[i].res == RES_NIC)
            wire += l.d[i].amount;
    demand_list_release(&l);
    ck_assert_double_eq(wire, op.bytes + 4 * 78);
}
END_TEST

/* The planner expands interrupts with the generation's irq model, in place. */
START_TEST(test_planner_irq_expansion)
{
    const struct op op = {.kind = OP_NET_RX, .bytes = 1460 * 8};
    struct param_set p;
    struct planner pl;
    struct demand_list l;
    const struct generation *g = generation_find("xen-sriov-net", NULL);

    param_set_defaults(&p);
    ck_assert_int_eq(planner_init(&pl, g, &p, NULL), 0);
    ck_assert_ptr_eq(pl.model[PATH_NET], &sriov_model);
    ck_assert_ptr_eq(pl.model[PATH_IRQ], &pv_model);
    demand_list_init(&l);
    planner_plan(&pl, &op, &l);
    /* Wire first, then the event-channel upcall for one interrupt (8 frames / 8). */
    ck_assert_int_eq(l.d[1].res, RES_NIC);
    ck_assert_int_eq(l.d[2].cat, CAT_VMEXIT);
    ck_assert_double_eq(l.d[2].count, 1);
    ck_assert_double_eq(l.d[2].unit, p.v[P_PV_EVTCHN_UPCALL_CYCLES]);
    demand_list_release(&l);
    planner_release(&pl);
}
END_TEST

/* A plan repeated from the memo equals a fresh one, for every generation. */
static void plan_fresh(const struct planner *pl, const struct op *op,
                       struct demand_list *scratch, struct demand_list *out)
{
    plan_with(pl->model[path_of_op(op->kind)], pl->model[PATH_IRQ],
              &pl->params, op, scratch, out);
}

static void assert_same_plan(const struct demand_list *a,
                             const struct demand_list *b)
{
    size_t i;

    ck_assert_uint_eq(a->len, b->len);
    for (i = 0; i < a->len; i++) {
        ck_assert_int_eq(a->d[i].res, b->d[i].res);
        ck_assert_int_eq(a->d[i].cat, b->d[i].cat);
        ck_assert_double_eq(a->d[i].count, b->d[i].count);
        ck_assert_double_eq(a->d[i].unit, b->d[i].unit);
        ck_assert_ptr_eq(a->d[i].why, b->d[i].why);
    }
}

START_TEST(test_planner_memo)
{
    const struct op ops[] = {
        {.kind = OP_NET_RX, .bytes = 1500},
        {.kind = OP_NET_RX, .bytes = 1500},
        {.kind = OP_NET_RX, .bytes = 9000},
        {.kind = OP_COMPUTE, .cycles = 1e5, .syscalls = 2},
        {.kind = OP_NET_RX, .bytes = 9000},
        {.kind = OP_COMPUTE, .cycles = 1e5, .syscalls = 3},
        {.kind = OP_TIMER, .count = 1},
        {.kind = OP_TIMER, .count = 1},
    };
    const struct generation *g = generation_at((size_t)_i);
    struct param_set p;
    struct planner pl;
    struct demand_list got, want, scratch;
    size_t k;

    param_set_defaults(&p);
    ck_assert_int_eq(planner_init(&pl, g, &p, NULL), 0);
    demand_list_init(&got);
    demand_list_init(&want);
    demand_list_init(&scratch);
    for (k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
        demand_list_clear(&got);
        demand_list_clear(&want);
        planner_plan(&pl, &ops[k], &got);
        plan_fresh(&pl, &ops[k], &scratch, &want);
        assert_same_plan(&got, &want);
    }
    /*
     * Past the first ops, distinct sizes stop the memo being kept, then a
     * run of equal ops brings it back: every plan still equals a fresh one.
     */
    for (k = 0; k < 1500; k++) {
        struct op o = {.kind = OP_NET_TX,
                       .bytes = k < 300 ? 100 + 37 * (double)k : 4096};

        demand_list_clear(&got);
        demand_list_clear(&want);
        planner_plan(&pl, &o, &got);
        plan_fresh(&pl, &o, &scratch, &want);
        assert_same_plan(&got, &want);
        if (k == 299)
            ck_assert(!pl.memo[OP_NET_TX].valid);
    }
    ck_assert(pl.memo[OP_NET_TX].valid);
    /* Appending keeps what the list held. */
    k = got.len;
    demand_list_clear(&want);
    plan_fresh(&pl, &ops[0], &scratch, &want);
    planner_plan(&pl, &ops[0], &got);
    ck_assert_uint_eq(got.len, k + want.len);
    demand_list_release(&got);
    demand_list_release(&want);
    demand_list_release(&scratch);
    planner_release(&pl);
}
END_TEST

/* Replacing a demand by a list: in order, growing, or removing it. */
START_TEST(test_demand_list_replace)
{
    struct demand_list l, src;
    size_t i;

    demand_list_init(&l);
    demand_list_init(&src);
    for (i = 1; i <= 20; i++)
        demand_add(&l, RES_VCPU, CAT_GUEST_KERNEL, (double)i, 1, "x");
    for (i = 101; i <= 103; i++)
        demand_add(&src, RES_CARD, CAT_OFFLOAD, (double)i, 1, "y");
    demand_list_replace(&l, 4, &src);           /* 1..4, 101..103, 6..20 */
    ck_assert_uint_eq(l.len, 22);
    ck_assert_double_eq(l.d[3].count, 4);
    ck_assert_double_eq(l.d[4].count, 101);
    ck_assert_double_eq(l.d[6].count, 103);
    ck_assert_double_eq(l.d[7].count, 6);
    ck_assert_double_eq(l.d[21].count, 20);
    demand_list_clear(&src);
    demand_list_replace(&l, 0, &src);           /* removes the first */
    ck_assert_uint_eq(l.len, 21);
    ck_assert_double_eq(l.d[0].count, 2);
    ck_assert_double_eq(l.d[20].count, 20);
    demand_list_release(&l);
    demand_list_release(&src);
}
END_TEST

Suite *models_suite(void)
{
    Suite *s = suite_create("models");
    TCase *contract = tcase_create("contract");
    TCase *order = tcase_create("orderings");
    int n = (int)cost_model_count();

    tcase_add_test(contract, test_unique_names);
    tcase_add_loop_test(contract, test_rejects_bad_params, 0, n);
    tcase_add_loop_test(contract, test_plans_well_formed, 0, n);
    tcase_add_loop_test(contract, test_steps_partition_plans, 0, n);
    tcase_add_test(contract, test_planner_irq_expansion);
    tcase_add_loop_test(contract, test_planner_memo, 0,
                        (int)generation_count());
    tcase_add_test(contract, test_demand_list_replace);
    tcase_add_test(order, test_net_rx_ordering);
    tcase_add_test(order, test_syscall_costs);
    tcase_add_test(order, test_compute_costs);
    tcase_add_test(order, test_posted_interrupts);
    tcase_add_test(order, test_packets_and_wire);
    suite_add_tcase(s, contract);
    suite_add_tcase(s, order);
    return s;
}
