/*
 * check_params.c - the parameter table and sets: every default in range
 * with a unit, a status and a source; overrides checked by range and name;
 * and the generations table resolves to registered models.
 */
#include <math.h>
#include <string.h>

#include "models/cost_model.h"
#include "models/generation.h"
#include "models/params.h"
#include "tests/suites.h"

START_TEST(test_table_complete)
{
    struct param_set p;
    size_t i, j;

    param_set_defaults(&p);
    ck_assert_int_eq(param_set_check(&p, NULL), 0);
    for (i = 0; i < PARAM_COUNT; i++) {
        const struct param_info *pi = param_info((enum param_id)i);

        ck_assert(pi->name && strchr(pi->name, '.'));
        ck_assert(pi->unit && pi->unit[0]);
        ck_assert_msg(pi->source && strlen(pi->source) > 20,
                      "%s has no real source", pi->name);
        ck_assert_msg(strlen(pi->status) == 1 && strchr("VSRDC", pi->status[0]),
                      "%s: status '%s'", pi->name, pi->status);
        ck_assert(pi->min <= pi->def && pi->def <= pi->max);
        ck_assert_int_eq(param_find(pi->name, NULL), (int)i);
        for (j = i + 1; j < PARAM_COUNT; j++)
            ck_assert_str_ne(pi->name, param_info((enum param_id)j)->name);
    }
}
END_TEST

START_TEST(test_override)
{
    struct param_set p;
    struct diag dg;

    param_set_defaults(&p);
    diag_init(&dg, "s.json");
    ck_assert_int_eq(param_set_value(&p, "hvm.vmexit_cycles", 1500, &dg), 0);
    ck_assert_double_eq(param(&p, P_HVM_VMEXIT_CYCLES), 1500);
    ck_assert(p.overridden[P_HVM_VMEXIT_CYCLES]);
    ck_assert_int_eq(param_set_value(&p, "hvm.vmexit_cycle", 1500, &dg), -1);
    ck_assert_str_eq(dg.e[0].msg,
                     "unknown parameter 'hvm.vmexit_cycle' (did you mean 'hvm.vmexit_cycles'?)");
    ck_assert_int_eq(param_set_value(&p, "net.mtu_bytes", 100, &dg), -1);
    ck_assert_str_eq(dg.e[1].msg,
                     "parameter 'net.mtu_bytes' must be in [576, 9001] bytes, got 100");
    ck_assert_int_eq(param_set_value(&p, "net.mtu_bytes", INFINITY, &dg), -1);
    ck_assert_int_eq(param_set_value(&p, "zzzz", 1, &dg), -1);
    ck_assert_str_eq(dg.e[3].msg,
                     "unknown parameter 'zzzz'; see `virtsim modes --params`");
    ck_assert_double_eq(param(&p, P_NET_MTU_BYTES), 1500);  /* unchanged */
}
END_TEST

START_TEST(test_generations)
{
    static const char *const names[] = {
        "emulated", "vmware-bt", "xen-pv", "vtx-shadow", "xen-hvm",
        "xen-pvhvm", "xen-sriov-net", "xen-sriov-net-disk", "kvm", "nitro",
        "firecracker", "metal",
    };
    struct diag dg;
    size_t i;
    int p;

    ck_assert_uint_eq(generation_count(), 12);
    for (i = 0; i < 12; i++) {
        const struct generation *g = generation_at(i);

        ck_assert_str_eq(g->name, names[i]);
        ck_assert_ptr_eq(generation_find(names[i], NULL), g);
        for (p = 0; p < PATH_COUNT; p++)
            ck_assert_ptr_nonnull(cost_model_find(g->model[p], NULL));
    }
    /* Nitro: interrupts by hvm (posted); metal: all native. */
    ck_assert_str_eq(generation_find("nitro", NULL)->model[PATH_IRQ], "hvm");
    ck_assert_str_eq(generation_find("metal", NULL)->model[PATH_NET], "native");
    diag_init(&dg, "s.json");
    ck_assert_ptr_null(generation_find("nitr0", &dg));
    ck_assert_str_eq(dg.e[0].msg,
                     "unknown generation 'nitr0' (did you mean 'nitro'?)");
    ck_assert_int_eq(path_of_op(OP_DISK_WRITE), PATH_STORAGE);
    ck_assert_int_eq(path_of_op(OP_TIMER), PATH_IRQ);
}
END_TEST

Suite *params_suite(void)
{
    Suite *s = suite_create("params");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_table_complete);
    tcase_add_test(tc, test_override);
    tcase_add_test(tc, test_generations);
    suite_add_tcase(s, tc);
    return s;
}
