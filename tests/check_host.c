/*
 * check_host.c - guests sharing a host's physical cores, through the whole
 * runner (scenario "host" key, machine, scheduler, results): two guests
 * of two CPU-bound vCPUs each on two cores get half a core per vCPU, the
 * other half is steal (credit and fair alike); the same guests with a
 * core per vCPU (no "host") see no steal and full vCPUs; a lone guest on
 * enough cores sees none either.
 */
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "run/runner.h"
#include "run/scenario.h"
#include "tests/scenario_expect.h"
#include "tests/suites.h"

static volatile sig_atomic_t no_stop;

/* Runs scenario text into res; neighbors' count and the host key given. */
static void run_text(const char *host, unsigned neighbors,
                     struct scenario *sc, struct results *res)
{
    struct runner_opts ro = {.jobs = 1, .progress = PROGRESS_NEVER};
    char text[1024];
    struct diag dg;

    snprintf(text, sizeof(text),
             "{\"name\": \"host\", \"seed\": 5, \"duration_s\": 1.0, "
             "\"warmup_s\": 0.1, \"replications\": 2, "
             "\"instances\": [\"m5.large\"], %s%s "
             "\"workload\": {\"generator\": \"batch\", \"workers\": 2}, "
             "\"neighbors\": {\"count\": %u, \"workload\": "
             "{\"generator\": \"batch\", \"workers\": 2}}}",
             host, host[0] ? "," : "", neighbors);
    diag_init(&dg, "host.json");
    ck_assert_msg(scenario_load_text(text, strlen(text), "host.json", NULL,
                                     sc, &dg) == 0, "%s", dg.e[0].msg);
    results_init(res, sc->name, sc->effective);
    ck_assert_int_eq(runner_run(sc, &ro, res, &no_stop, &dg), RUN_OK);
    ck_assert_uint_eq(res->ncells, 1);
}

START_TEST(test_four_hogs_on_two_cores)
{
    static const char *const hosts[] = {
        "\"host\": {\"cores\": 2, \"scheduler\": \"credit\"}",
        "\"host\": {\"cores\": 2, \"scheduler\": \"fair\"}",
    };
    int i;

    for (i = 0; i < 2; i++) {
        struct scenario sc;
        struct results res;
        const struct cell_result *c;

        run_text(hosts[i], 1, &sc, &res);
        c = &res.cells[0];
        ck_assert(c->host_shared);
        /* 4 runnable vCPUs, 2 cores: each runs half the time, waits half. */
        ck_assert_msg(fabs(c->util_vcpu.mean - 0.5) < 0.03,
                      "%s: vCPU utilization %.3f", hosts[i], c->util_vcpu.mean);
        ck_assert_msg(fabs(c->steal_pct.mean - 50) < 3,
                      "%s: steal %.2f%%", hosts[i], c->steal_pct.mean);
        /* Runnable all the time: run + steal is the whole window. */
        ck_assert(fabs(c->util_vcpu.mean * 100 + c->steal_pct.mean - 100) < 0.5);
        results_release(&res);
        scenario_release(&sc);
    }
}
END_TEST

START_TEST(test_a_core_per_vcpu_has_no_steal)
{
    struct scenario sc;
    struct results res;

    run_text("", 1, &sc, &res);
    ck_assert(!res.cells[0].host_shared);
    ck_assert(res.cells[0].util_vcpu.mean > 0.97);
    ck_assert(res.cells[0].steal_pct.mean == 0);
    results_release(&res);
    scenario_release(&sc);
    run_text("\"host\": {\"cores\": 4}", 1, &sc, &res);
    ck_assert(res.cells[0].host_shared);
    ck_assert_msg(res.cells[0].steal_pct.mean < 0.01, "steal %.4f%%",
                  res.cells[0].steal_pct.mean);
    ck_assert(res.cells[0].util_vcpu.mean > 0.97);
    results_release(&res);
    scenario_release(&sc);
}
END_TEST

START_TEST(test_host_key_errors)
{
    static const char *const bad[][2] = {
        {"{\"cores\": 0}", "'cores' must be in [1, 4096]"},
        {"{\"cores\": 2, \"scheduler\": \"credits\"}", "did you mean 'credit'"},
        {"{\"cores\": 2, \"backend\": \"dom0\"}", "'dedicated' or 'shared'"},
        {"{\"cores\": 2, \"cpus\": 2}", "unknown key 'cpus'"},
        {"4", "'host' must be an object"},
    };
    size_t i;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        char text[512];

        snprintf(text, sizeof(text), "{\"instances\": [\"m5.large\"], "
                 "\"host\": %s, \"workload\": {\"generator\": \"web\"}}",
                 bad[i][0]);
        expect_scenario_refused(text, "h.json", bad[i][1]);
    }
}
END_TEST

Suite *host_suite(void)
{
    Suite *s = suite_create("host");
    TCase *tc = tcase_create("host");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_four_hogs_on_two_cores);
    tcase_add_test(tc, test_a_core_per_vcpu_has_no_steal);
    tcase_add_test(tc, test_host_key_errors);
    suite_add_tcase(s, tc);
    return s;
}
