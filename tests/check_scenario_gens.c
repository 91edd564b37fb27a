/*
 * check_scenario_gens.c - generations a scenario defines: an object in
 * "generations" maps each path to a cost model (from a built-in "base" or
 * all four given), its "params" apply over the scenario's and under a
 * sweep's; a copy of a built-in generation plans and runs exactly as the
 * built-in; bad definitions are errors at their key.
 */
#include <string.h>

#include "reports/results.h"
#include "run/runner.h"
#include "run/scenario.h"
#include "tests/scenario_expect.h"
#include "tests/suites.h"

static void load(const char *gens, const char *extra, struct scenario *sc)
{
    char text[2048];
    struct diag dg;

    snprintf(text, sizeof(text),
             "{\"instances\": [\"c5n.large\"], \"generations\": [%s], "
             "\"params\": {\"hvm.eoi_cycles\": 1000}, %s"
             "\"workload\": {\"generator\": \"kv\"}}", gens, extra);
    diag_init(&dg, "g.json");
    ck_assert_msg(scenario_load_text(text, strlen(text), "g.json", NULL, sc,
                                     &dg) == 0, "%s", dg.e[0].msg);
}

START_TEST(test_base_and_overrides)
{
    struct scenario sc;
    struct scenario_point pt;
    const struct generation *g;

    load("\"kvm\", {\"name\": \"k2\", \"base\": \"kvm\", \"net\": \"fc-virtio\", "
         "\"params\": {\"hvm.kernel_exit_cycles\": 9999, \"hvm.eoi_cycles\": 7}}",
         "", &sc);
    ck_assert_uint_eq(sc.ngenerations, 2);
    g = sc.generations[1];
    ck_assert_str_eq(g->name, "k2");
    ck_assert_str_eq(g->model[PATH_NET], "fc-virtio");
    ck_assert_str_eq(g->model[PATH_CPU], "hvm");
    ck_assert_str_eq(g->model[PATH_IRQ], "hvm");
    scenario_point_under(&sc, 0, g, &pt);
    ck_assert_double_eq(param(&pt.params, P_HVM_KERNEL_EXIT_CYCLES), 9999);
    ck_assert_double_eq(param(&pt.params, P_HVM_EOI_CYCLES), 7);
    /* The built-in one keeps the scenario's params. */
    scenario_point_under(&sc, 0, sc.generations[0], &pt);
    ck_assert_double_eq(param(&pt.params, P_HVM_EOI_CYCLES), 1000);
    ck_assert_double_eq(param(&pt.params, P_HVM_KERNEL_EXIT_CYCLES),
                        param_info(P_HVM_KERNEL_EXIT_CYCLES)->def);
    scenario_release(&sc);
}
END_TEST

START_TEST(test_sweep_wins)
{
    struct scenario sc;
    struct scenario_point pt;

    load("{\"name\": \"k2\", \"base\": \"kvm\", "
         "\"params\": {\"hvm.eoi_cycles\": 7}}",
         "\"sweep\": {\"params.hvm.eoi_cycles\": [11, 12]}, ", &sc);
    scenario_point_under(&sc, 1, sc.generations[0], &pt);
    ck_assert_double_eq(param(&pt.params, P_HVM_EOI_CYCLES), 12);
    scenario_release(&sc);
}
END_TEST

/* A copy of a built-in generation runs exactly as the built-in. */
START_TEST(test_copy_runs_the_same)
{
    static volatile sig_atomic_t no_stop;
    struct scenario sc;
    struct results res;
    struct runner_opts ro = {.jobs = 1, .progress = PROGRESS_NEVER};
    struct diag dg;
    const struct cell_result *a, *b;

    load("\"xen-pvhvm\", {\"name\": \"mine\", \"base\": \"xen-pvhvm\"}",
         "\"duration_s\": 0.05, \"replications\": 2, ", &sc);
    diag_init(&dg, "g.json");
    results_init(&res, sc.name, sc.effective);
    ck_assert_int_eq(runner_run(&sc, &ro, &res, &no_stop, &dg), RUN_OK);
    ck_assert_uint_eq(res.ncells, 2);
    a = &res.cells[0];
    b = &res.cells[1];
    ck_assert_uint_eq(a->completed, b->completed);
    ck_assert_double_eq(a->lat_p99.mean, b->lat_p99.mean);
    ck_assert_double_eq(a->overhead_pct.mean, b->overhead_pct.mean);
    results_release(&res);
    scenario_release(&sc);
}
END_TEST

START_TEST(test_errors)
{
    static const char *const bad[][2] = {
        {"{\"name\": \"nitro\", \"base\": \"kvm\"}", "'nitro' is a built-in"},
        {"{\"name\": \"x\", \"cpu\": \"hvm\"}", "missing key 'net'"},
        {"{\"name\": \"x\", \"base\": \"kvm\", \"net\": \"virtioo\"}",
         "unknown cost model 'virtioo'"},
        {"{\"name\": \"x\", \"base\": \"kvmm\"}",
         "unknown generation 'kvmm' (did you mean 'kvm'?)"},
        {"{\"name\": \"x\", \"bsae\": \"kvm\"}", "did you mean 'base'?"},
        {"{\"name\": \"x\", \"base\": \"kvm\", \"params\": {\"hvm.eoi\": 1}}",
         "unknown parameter 'hvm.eoi'"},
        {"{\"name\": \"x\", \"base\": \"kvm\"}, {\"name\": \"x\", \"base\": "
         "\"nitro\"}", "listed twice"},
        {"3", "a generation must be a name or an object, got an integer"},
    };
    size_t i;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        char text[1024];

        snprintf(text, sizeof(text), "{\"instances\": [\"c5n.large\"], "
                 "\"generations\": [%s], \"workload\": {\"generator\": "
                 "\"kv\"}}", bad[i][0]);
        expect_scenario_refused(text, "g.json", bad[i][1]);
    }
}
END_TEST

Suite *scenario_gens_suite(void)
{
    Suite *s = suite_create("scenario_gens");
    TCase *tc = tcase_create("generations");

    tcase_add_test(tc, test_base_and_overrides);
    tcase_add_test(tc, test_sweep_wins);
    tcase_add_test(tc, test_copy_runs_the_same);
    tcase_add_test(tc, test_errors);
    suite_add_tcase(s, tc);
    return s;
}
