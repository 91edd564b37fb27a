/*
 * check_all.c - runs every test suite. CK_FORK=no (set by make under the
 * sanitizers) keeps everything in one process so ASan sees it all.
 */
#include <stdlib.h>

#include <gsl/gsl_errno.h>

#include "tests/suites.h"

typedef Suite *suite_fn(void);

static suite_fn *const suites[] = {
    time_suite, diag_suite, strbuf_suite, evq_suite, sim_suite, rng_suite, cqueue_suite,
    delayline_suite, serial_suite, rrline_suite,
    tbucket_suite, welford_suite, hist_suite, ci_suite, queueing_suite,
    models_suite, params_suite, machine_suite, napi_suite, peer_suite, jsonio_suite, e2e_suite,
    catalog_suite,
    reports_suite,
    infile_suite, outset_suite,
    charts_suite,
    dist_suite,
    arrival_suite,
    workload_json_suite,
    trace_suite,
    generators_suite,
    select_suite,
    replica_suite, sched_suite, sharing_suite, host_suite, modes_suite,
    params_live_suite, memory_suite, scenario_gens_suite, tenants_suite,
    shard_suite,
    measure_suite, import_suite,
    opt_suite, run_notes_suite, hgrm_suite,
};

int main(void)
{
    SRunner *sr;
    size_t i;
    int failed;

    gsl_set_error_handler_off();
    sr = srunner_create(NULL);
    for (i = 0; i < sizeof(suites) / sizeof(suites[0]); i++)
        srunner_add_suite(sr, suites[i]());
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
