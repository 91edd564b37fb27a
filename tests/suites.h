/*
 * suites.h - one Suite constructor per module under test; check_all.c runs
 * them all. Adding a module's tests: one file tests/check_X.c defining
 * X_suite(), one line here, one line in check_all.c.
 */
#ifndef VIRTSIM_TESTS_SUITES_H
#define VIRTSIM_TESTS_SUITES_H

#include <check.h>

Suite *time_suite(void);
Suite *diag_suite(void);
Suite *strbuf_suite(void);
Suite *infile_suite(void);
Suite *outset_suite(void);
Suite *evq_suite(void);
Suite *sim_suite(void);
Suite *rng_suite(void);
Suite *cqueue_suite(void);
Suite *delayline_suite(void);
Suite *serial_suite(void);
Suite *rrline_suite(void);
Suite *tbucket_suite(void);
Suite *welford_suite(void);
Suite *hist_suite(void);
Suite *ci_suite(void);
Suite *queueing_suite(void);
Suite *models_suite(void);
Suite *params_suite(void);
Suite *machine_suite(void);
Suite *napi_suite(void);
Suite *peer_suite(void);
Suite *jsonio_suite(void);
Suite *e2e_suite(void);
Suite *catalog_suite(void);
Suite *reports_suite(void);
Suite *charts_suite(void);
Suite *dist_suite(void);
Suite *arrival_suite(void);
Suite *workload_json_suite(void);
Suite *trace_suite(void);
Suite *generators_suite(void);
Suite *select_suite(void);
Suite *replica_suite(void);
Suite *sched_suite(void);
Suite *sharing_suite(void);
Suite *host_suite(void);
Suite *modes_suite(void);
Suite *params_live_suite(void);
Suite *memory_suite(void);
Suite *scenario_gens_suite(void);
Suite *tenants_suite(void);
Suite *shard_suite(void);
Suite *measure_suite(void);
Suite *import_suite(void);
Suite *opt_suite(void);
Suite *run_notes_suite(void);
Suite *hgrm_suite(void);

#endif
