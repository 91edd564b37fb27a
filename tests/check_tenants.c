/*
 * check_tenants.c - neighbour groups: a list of groups, each its own
 * count and workload, all on one host; every group reported over its
 * guests, and the tenants' throughput together equal to the sum of ours
 * and the groups'; the one-group form still loads and is reported as a
 * group; bad groups are errors at their keys.
 */
#include <math.h>
#include <string.h>

#include "reports/results.h"
#include "run/runner.h"
#include "run/scenario.h"
#include "tests/scenario_expect.h"
#include "tests/suites.h"

static void run_text(const char *neighbors, struct scenario *sc,
                     struct results *res)
{
    static volatile sig_atomic_t no_stop;
    struct runner_opts ro = {.jobs = 1, .progress = PROGRESS_NEVER};
    char text[2048];
    struct diag dg;

    snprintf(text, sizeof(text),
             "{\"name\": \"t\", \"seed\": 9, \"duration_s\": 0.3, "
             "\"warmup_s\": 0.05, \"replications\": 2, "
             "\"instances\": [\"m5.large\"], \"generations\": [\"nitro\"], "
             "\"workload\": {\"generator\": \"kv\", \"rate_rps\": 5000}, "
             "\"neighbors\": %s}", neighbors);
    diag_init(&dg, "t.json");
    ck_assert_msg(scenario_load_text(text, strlen(text), "t.json", NULL, sc,
                                     &dg) == 0, "%s", dg.e[0].msg);
    results_init(res, sc->name, sc->effective);
    ck_assert_int_eq(runner_run(sc, &ro, res, &no_stop, &dg), RUN_OK);
}

START_TEST(test_groups_reported_and_summed)
{
    struct scenario sc;
    struct results res;
    const struct cell_result *c;
    double sum;

    run_text("[{\"name\": \"a\", \"count\": 2, \"workload\": {\"generator\": "
             "\"kv\", \"rate_rps\": 1000}}, {\"name\": \"b\", \"count\": 3, "
             "\"workload\": {\"generator\": \"kv\", \"rate_rps\": 3000}}]",
             &sc, &res);
    c = &res.cells[0];
    ck_assert_uint_eq(sc.neighbors, 5);
    ck_assert_uint_eq(c->ngroups, 2);
    ck_assert_str_eq(c->groups[0].name, "a");
    ck_assert_uint_eq(c->groups[1].count, 3);
    /* Each group's offered load: count x rate, within a few % (Poisson). */
    ck_assert_msg(fabs(c->groups[0].throughput_rps.mean - 2000) < 200, "%g",
                  c->groups[0].throughput_rps.mean);
    ck_assert_msg(fabs(c->groups[1].throughput_rps.mean - 9000) < 500, "%g",
                  c->groups[1].throughput_rps.mean);
    ck_assert(c->groups[1].lat_p99.mean > 0);
    /* The aggregate is the sum of the tenants, replication by replication. */
    sum = c->throughput_rps.mean + c->groups[0].throughput_rps.mean +
          c->groups[1].throughput_rps.mean;
    ck_assert_double_eq_tol(c->tenants_throughput_rps.mean, sum, 1e-6 * sum);
    results_release(&res);
    scenario_release(&sc);
}
END_TEST

START_TEST(test_one_group_form)
{
    struct scenario sc;
    struct results res;
    const struct cell_result *c;

    run_text("{\"count\": 2, \"workload\": {\"generator\": \"kv\", "
             "\"rate_rps\": 1000}}", &sc, &res);
    c = &res.cells[0];
    ck_assert_uint_eq(c->ngroups, 1);
    ck_assert_str_eq(c->groups[0].name, "neighbors");
    ck_assert_uint_eq(c->groups[0].count, 2);
    ck_assert_msg(fabs(c->groups[0].throughput_rps.mean - 2000) < 200, "%g",
                  c->groups[0].throughput_rps.mean);
    results_release(&res);
    scenario_release(&sc);
}
END_TEST

START_TEST(test_group_errors)
{
    static const char *const bad[][2] = {
        {"[{\"count\": 0, \"workload\": {\"generator\": \"kv\"}}]",
         "'count' must be in [1, 64]"},
        {"[{\"count\": 40, \"workload\": {\"generator\": \"kv\"}}, "
         "{\"count\": 40, \"workload\": {\"generator\": \"kv\"}}]",
         "at most 64 beside ours"},
        {"[{\"count\": 1}]", "missing key 'workload'"},
        {"[{\"name\": \"x\", \"count\": 1, \"workload\": {\"generator\": "
         "\"kv\"}}, {\"name\": \"x\", \"count\": 1, \"workload\": "
         "{\"generator\": \"kv\"}}]", "named twice"},
        {"[]", "must list 1 to 8 groups"},
        {"[{\"cont\": 1, \"workload\": {\"generator\": \"kv\"}}]",
         "did you mean 'count'?"},
        {"[{\"count\": 1, \"workload\": {\"generator\": \"kvv\"}}]",
         "unknown generator 'kvv'"},
    };
    size_t i;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        char text[1024];

        snprintf(text, sizeof(text), "{\"instances\": [\"m5.large\"], "
                 "\"workload\": {\"generator\": \"kv\"}, \"neighbors\": %s}",
                 bad[i][0]);
        expect_scenario_refused(text, "t.json", bad[i][1]);
    }
}
END_TEST

START_TEST(test_no_sweep_of_listed_groups)
{
    const char *text =
        "{\"instances\": [\"m5.large\"], \"workload\": {\"generator\": "
        "\"kv\"}, \"neighbors\": [{\"count\": 1, \"workload\": "
        "{\"generator\": \"kv\"}}], \"sweep\": {\"neighbors.count\": [1, 2]}}";
    struct scenario sc;
    struct diag dg;

    diag_init(&dg, "t.json");
    ck_assert_int_eq(scenario_load_text(text, strlen(text), "t.json", NULL,
                                        &sc, &dg), -1);
    ck_assert_ptr_nonnull(strstr(dg.e[0].msg, "is a list of groups"));
}
END_TEST

Suite *tenants_suite(void)
{
    Suite *s = suite_create("tenants");
    TCase *tc = tcase_create("groups");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_groups_reported_and_summed);
    tcase_add_test(tc, test_one_group_form);
    tcase_add_test(tc, test_group_errors);
    tcase_add_test(tc, test_no_sweep_of_listed_groups);
    suite_add_tcase(s, tc);
    return s;
}
