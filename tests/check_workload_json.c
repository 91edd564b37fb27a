/*
 * check_workload_json.c - tests for workloads/workload_json.c: valid
 * workloads of every shape (the contract's example, generators with
 * overrides, mixes, every distribution, traces), and a table of bad ones,
 * each with the exact path and message of every problem it must report.
 */
#include <string.h>

#include <jansson.h>

#include "tests/suites.h"
#include "workloads/trace.h"
#include "workloads/workload_json.h"

/* Loads text and builds a workload at "/workload", base dir tests/data. */
static int build(const char *text, struct workload *w, struct diag *dg)
{
    json_error_t err;
    json_t *obj = json_loads(text, JSON_REJECT_DUPLICATES, &err);
    int rc;

    ck_assert_msg(obj != NULL, "test JSON does not parse: %s: %s", err.text,
                  text);
    diag_init(dg, "s.json");
    rc = workload_from_json(obj, "/workload", "tests/data", w, dg);
    json_decref(obj);
    return rc;
}

START_TEST(test_contract_example)
{
    static const char *text =
        "{\"arrival\": {\"process\": \"poisson\", \"rate_rps\": 20000},"
        " \"request\": ["
        "  {\"op\": \"net_rx\", \"bytes\": 512},"
        "  {\"op\": \"compute\", \"cycles\": {\"dist\": \"exponential\","
        "   \"mean\": 200000}, \"syscalls\": 4},"
        "  {\"op\": \"disk_read\", \"bytes\": 4096},"
        "  {\"op\": \"net_tx\", \"bytes\": 2048}]}";
    struct workload w;
    struct diag dg;
    struct request rq;
    struct rng_stream a, s;
    sim_time gap;

    ck_assert_int_eq(build(text, &w, &dg), 0);
    ck_assert_int_eq(dg.count, 0);
    ck_assert_str_eq(w.name, "custom");
    ck_assert_int_eq(w.arrival.kind, ARRIVAL_POISSON);
    ck_assert_double_eq(workload_mean_rate(&w), 20000);
    ck_assert_uint_eq(w.request.nvariants, 1);
    ck_assert_uint_eq(w.request.variants[0].nops, 4);
    rng_stream_init(&a, 1, 0, 0, 0);
    rng_stream_init(&s, 1, 0, 0, 1);
    ck_assert_int_eq(workload_next(&w, &a, &s, &gap, &rq, &dg), 1);
    ck_assert_uint_eq(rq.nops, 4);
    ck_assert_int_eq(rq.ops[0].kind, OP_NET_RX);
    ck_assert_double_eq(rq.ops[0].bytes, 512);
    ck_assert_int_eq(rq.ops[1].kind, OP_COMPUTE);
    ck_assert_double_eq(rq.ops[1].syscalls, 4);
    ck_assert(rq.ops[1].cycles > 0);
    ck_assert_int_eq(rq.ops[3].kind, OP_NET_TX);
    ck_assert(gap > 0);
    rng_stream_release(&a);
    rng_stream_release(&s);
    workload_release(&w);
    ck_assert_ptr_null(w.request.variants);
    ck_assert_int_eq(w.arrival.kind, 0);
}
END_TEST

START_TEST(test_generator_overrides)
{
    struct workload w;
    struct diag dg;

    ck_assert_int_eq(build("{\"generator\": \"web\", \"rate_rps\": 8000, "
                           "\"response_bytes\": 4096}", &w, &dg), 0);
    ck_assert_str_eq(w.name, "web");
    ck_assert_double_eq(w.arrival.rate_rps, 8000);
    ck_assert_double_eq(w.request.variants[0].ops[2].amount[OP_FIELD_BYTES].a,
                        4096);
    workload_release(&w);
    ck_assert_int_eq(build("{\"generator\": \"kv\", \"arrival\": {\"process\":"
                           " \"closed\", \"clients\": 8, \"think_s\": 0.001}}",
                           &w, &dg), 0);
    ck_assert_int_eq(w.arrival.kind, ARRIVAL_CLOSED);
    ck_assert_uint_eq(w.arrival.clients, 8);
    ck_assert_double_eq(dist_mean(&w.arrival.think_s), 0.001);
    ck_assert_uint_eq(w.request.nvariants, 2);
    workload_release(&w);
}
END_TEST

START_TEST(test_mix_and_dists)
{
    static const char *text =
        "{\"arrival\": {\"process\": \"bursty\", \"rate_rps\": 1000,"
        "  \"on_s\": 0.01, \"off_s\": 0.03, \"off_rate_rps\": 100},"
        " \"mix\": ["
        "  {\"name\": \"small\", \"weight\": 3, \"request\": ["
        "   {\"op\": \"net_rx\", \"bytes\": {\"dist\": \"uniform\", \"min\": 64,"
        "    \"max\": 1500}},"
        "   {\"op\": \"compute\", \"cycles\": {\"dist\": \"lognormal\","
        "    \"mean\": 1e5, \"cv\": 1.5}},"
        "   {\"op\": \"sleep\", \"seconds\": {\"dist\": \"const\","
        "    \"value\": 1e-5}}]},"
        "  {\"weight\": 1, \"request\": ["
        "   {\"op\": \"disk_write\", \"bytes\": {\"dist\": \"pareto\","
        "    \"alpha\": 1.5, \"mean\": 30000}},"
        "   {\"op\": \"compute\", \"cycles\": {\"dist\": \"empirical\","
        "    \"file\": \"samples.txt\"}},"
        "   {\"op\": \"compute\", \"cycles\": {\"dist\": \"empirical\","
        "    \"samples\": [1, 2, 3]}},"
        "   {\"op\": \"irq\", \"count\": 2}]}]}";
    struct workload w;
    struct diag dg;
    const struct request_variant *v;

    ck_assert_int_eq(build(text, &w, &dg), 0);
    ck_assert_int_eq(w.arrival.kind, ARRIVAL_BURSTY);
    ck_assert_double_eq_tol(w.arrival.on_rate_rps, (1000 * 0.04 - 3) / 0.01,
                            1e-9);
    ck_assert_uint_eq(w.request.nvariants, 2);
    ck_assert_double_eq(w.request.total_weight, 4);
    v = &w.request.variants[0];
    ck_assert_str_eq(v->name, "small");
    ck_assert_int_eq(v->ops[0].amount[OP_FIELD_BYTES].kind, DIST_UNIFORM);
    ck_assert_int_eq(v->ops[2].amount[OP_FIELD_SECONDS].kind, DIST_CONST);
    v = &w.request.variants[1];
    ck_assert_str_eq(v->name, "");
    ck_assert_double_eq_tol(dist_mean(&v->ops[0].amount[OP_FIELD_BYTES]),
                            30000, 1e-6);
    ck_assert_uint_eq(v->ops[1].amount[OP_FIELD_CYCLES].nsamples, 5);
    ck_assert_uint_eq(v->ops[2].amount[OP_FIELD_CYCLES].nsamples, 3);
    workload_release(&w);
}
END_TEST

START_TEST(test_trace_workload)
{
    struct workload w;
    struct diag dg;
    struct request rq;
    sim_time gap;

    ck_assert_int_eq(build("{\"arrival\": {\"process\": \"trace\", \"file\": "
                           "\"traces/good.csv\", \"speedup\": 2}}", &w, &dg),
                     0);
    ck_assert_str_eq(w.name, "trace");
    ck_assert_ptr_nonnull(w.trace);
    ck_assert_str_eq(w.arrival.trace_file, "tests/data/traces/good.csv");
    ck_assert_str_eq(w.arrival.trace_format, "csv");
    ck_assert_int_eq(workload_next(&w, NULL, NULL, &gap, &rq, &dg), 1);
    ck_assert_uint_eq(gap, 500 * SIM_PS_PER_US);        /* 0.001 s / 2 */
    ck_assert_int_eq(workload_next(&w, NULL, NULL, &gap, &rq, &dg), 1);
    ck_assert_uint_eq(gap, 250 * SIM_PS_PER_US);
    workload_release(&w);
}
END_TEST

struct bad_case {
    const char *json;
    const char *want[4];        /* "path: message" of each problem */
};

static const struct bad_case bad_cases[] = {
    {"{\"arrival\": {\"process\": \"poisson\", \"rate_rsp\": 100},"
     " \"request\": [{\"op\": \"net_rx\", \"bytes\": 512}]}",
     {"/workload/arrival/rate_rsp: unknown key 'rate_rsp' (did you mean "
      "'rate_rps'?)",
      "/workload/arrival: missing required key 'rate_rps'"}},
    {"{\"arrival\": {\"process\": \"poisson\", \"rate_rps\": -5},"
     " \"request\": [{\"op\": \"net_rx\", \"bytes\": 512}]}",
     {"/workload/arrival/rate_rps: 'rate_rps' must be > 0, got -5"}},
    {"{\"arrival\": {\"process\": \"posson\", \"rate_rps\": 5},"
     " \"request\": [{\"op\": \"net_rx\", \"bytes\": 512}]}",
     {"/workload/arrival/process: unknown process 'posson' (did you mean "
      "'poisson'?)"}},
    {"{\"generator\": \"webb\"}",
     {"/workload/generator: unknown generator 'webb' (did you mean 'web'?)"}},
    {"{\"generator\": \"mainframe\"}",
     {"/workload/generator: unknown generator 'mainframe'; valid: hft, kv, "
      "microservices, web, bigdata, oltp, batch, storage, build, "
      "syscalls"}},
    {"{\"generator\": \"web\", \"rate_rps\": \"fast\", \"rate_rsp\": 5}",
     {"/workload/rate_rsp: unknown key 'rate_rsp' (did you mean 'rate_rps'?)",
      "/workload/rate_rps: expected a number, got a string"}},
    {"{\"generator\": \"microservices\", \"fanout\": 2.5}",
     {"/workload/fanout: 'fanout' must be an integer, got 2.5"}},
    {"{\"generator\": \"oltp\", \"page_reads\": 40}",
     {"/workload/page_reads: 'page_reads' must be at most 16, got 40"}},
    {"{\"generator\": \"web\", \"arrival\": {\"process\": \"trace\", "
     "\"file\": \"x.csv\"}}",
     {"/workload/arrival: a generator's arrival cannot be a trace: replay "
      "the trace without 'generator'"}},
    {"{\"arrival\": {\"process\": \"constant\", \"rate_rps\": 5},"
     " \"request\": [{\"op\": \"net_rx\", \"bytes\": 512},"
     "  {\"op\": \"compute\", \"cycles\": {\"dist\": \"exponential\","
     "   \"mean\": -3}}]}",
     {"/workload/request[1]/cycles/mean: 'mean' must be > 0, got -3"}},
    {"{\"arrival\": {\"process\": \"constant\", \"rate_rps\": 5},"
     " \"request\": [{\"op\": \"compute\", \"cycles\": {\"dist\": \"normal\","
     "  \"mean\": 3}}]}",
     {"/workload/request[0]/cycles/dist: unknown distribution 'normal' (did "
      "you mean 'lognormal'?)"}},
    {"{\"arrival\": {\"process\": \"constant\", \"rate_rps\": 5},"
     " \"request\": [{\"op\": \"compute\", \"cycles\": {\"dist\": \"gamma\","
     "  \"mean\": 3}}]}",
     {"/workload/request[0]/cycles/dist: unknown distribution 'gamma'; "
      "valid: const, exponential, lognormal, uniform, pareto, empirical"}},
    {"{\"arrival\": {\"process\": \"constant\", \"rate_rps\": 5},"
     " \"request\": [{\"op\": \"compute\", \"cycles\": {\"dist\": "
     "\"lognormal\", \"mean\": 3, \"sd\": 1}}]}",
     {"/workload/request[0]/cycles/sd: unknown key 'sd'; valid keys: dist, "
      "mean, cv",
      "/workload/request[0]/cycles: missing required key 'cv'"}},
    {"{\"arrival\": {\"process\": \"constant\", \"rate_rps\": 5},"
     " \"request\": [{\"op\": \"compute\", \"cycles\": 100, \"bytes\": 5},"
     "  {\"op\": \"net_rx\"}, {\"op\": \"net_tz\", \"bytes\": 5},"
     "  {\"op\": \"disk_read\", \"bytes\": -1}]}",
     {"/workload/request[0]/bytes: 'bytes' does not apply to op 'compute' "
      "(it takes cycles, syscalls, page_faults, pt_updates, privileged, "
      "ctx_switches)",
      "/workload/request[1]: missing required key 'bytes' for op 'net_rx'",
      "/workload/request[2]/op: unknown op 'net_tz' (did you mean 'net_tx'?)",
      "/workload/request[3]/bytes: 'bytes' must be >= 0, got -1"}},
    {"{\"arrival\": {\"process\": \"constant\", \"rate_rps\": 5},"
     " \"request\": [{\"op\": \"compute\", \"cycle\": 5, \"bytes\": 1,"
     " \"syscals\": 2, \"cycles\": 1}]}",
     {"/workload/request[0]/cycle: unknown key 'cycle' (did you mean "
      "'cycles'?)",
      "/workload/request[0]/bytes: 'bytes' does not apply to op 'compute' "
      "(it takes cycles, syscalls, page_faults, pt_updates, privileged, "
      "ctx_switches)",
      "/workload/request[0]/syscals: unknown key 'syscals' (did you mean "
      "'syscalls'?)"}},
    {"{\"arrival\": {\"process\": \"constant\", \"rate_rps\": 5},"
     " \"request\": [{\"op\": \"disk_read\", \"bytes\": 1e15}]}",
     {"/workload/request[0]/bytes: 'bytes' must be at most 1e+12, got 1e+15"}},
    {"{\"arrival\": {\"process\": \"constant\", \"rate_rps\": 5},"
     " \"request\": []}",
     {"/workload/request: must hold 1 to 64 ops, got 0"}},
    {"{\"arrival\": {\"process\": \"constant\", \"rate_rps\": 5},"
     " \"requests\": [{\"op\": \"sleep\", \"seconds\": 1}]}",
     {"/workload/requests: unknown key 'requests' (did you mean 'request'?)",
      "/workload: missing required key 'request' (or 'mix')"}},
    {"{\"arrival\": {\"process\": \"constant\", \"rate_rps\": 5},"
     " \"request\": [{\"op\": \"sleep\", \"seconds\": 1}],"
     " \"mix\": []}",
     {"/workload: use either 'request' or 'mix', not both"}},
    {"{\"arrival\": {\"process\": \"trace\", \"file\": \"traces/good.csv\"},"
     " \"request\": [{\"op\": \"sleep\", \"seconds\": 1}]}",
     {"/workload/request: 'request' cannot be used with a trace arrival: the "
      "ops come from the trace file"}},
    {"{\"arrival\": {\"process\": \"trace\", \"file\": \"none.csv\"}}",
     {"tests/data/none.csv: cannot open trace: No such file or directory"}},
    {"{\"arrival\": {\"process\": \"trace\", \"file\": \"traces/empty.csv\","
     " \"format\": \"tsv\"}}",
     {"/workload/arrival/format: unknown trace format 'tsv'; valid: csv, "
      "jsonl"}},
    {"{\"arrival\": {\"process\": \"trace\", \"file\": "
     "\"traces/non-numeric.csv\"}}",
     {"tests/data/traces/non-numeric.csv:2: column 'bytes': expected a "
      "number, got 'five'"}},
    {"{\"arrival\": {\"process\": \"bursty\", \"rate_rps\": 100, "
     "\"on_s\": 1, \"off_s\": 0, \"off_rate_rps\": 100},"
     " \"request\": [{\"op\": \"sleep\", \"seconds\": 1}]}",
     {"/workload/arrival/off_s: 'off_s' must be > 0, got 0"}},
    {"{\"arrival\": {\"process\": \"bursty\", \"rate_rps\": 100, "
     "\"on_s\": 1, \"off_s\": 1, \"off_rate_rps\": 100},"
     " \"request\": [{\"op\": \"sleep\", \"seconds\": 1}]}",
     {"/workload/arrival/off_rate_rps: must be less than 'rate_rps' (100), "
      "got 100"}},
    {"{\"arrival\": {\"process\": \"closed\", \"clients\": 0, "
     "\"think_s\": {\"dist\": \"uniform\", \"min\": 2, \"max\": 1}},"
     " \"request\": [{\"op\": \"sleep\", \"seconds\": 1}]}",
     {"/workload/arrival/clients: 'clients' must be >= 1, got 0",
      "/workload/arrival/think_s/max: 'max' must be >= 'min' (2), got 1"}},
    {"{\"arrival\": {\"process\": \"constant\", \"rate_rps\": 5},"
     " \"request\": [{\"op\": \"compute\", \"cycles\": {\"dist\": \"pareto\","
     " \"alpha\": 0.8, \"mean\": 100}}, {\"op\": \"compute\", \"cycles\":"
     " {\"dist\": \"empirical\", \"samples\": [1, \"x\"]}}]}",
     {"/workload/request[0]/cycles/alpha: 'alpha' must be > 1 for a pareto given by "
      "its mean, got 0.8",
      "/workload/request[1]/cycles/samples[1]: expected a number, got a "
      "string"}},
    {"{\"arrival\": {\"process\": \"constant\", \"rate_rps\": 5},"
     " \"request\": [{\"op\": \"compute\", \"cycles\": {\"dist\": "
     "\"empirical\", \"file\": \"samples-bad.txt\"}}]}",
     {"tests/data/samples-bad.txt:3: expected a number, got 'abc'",
      "tests/data/samples-bad.txt:4: samples must be >= 0, got '-4'"}},
    {"{\"arrival\": {\"process\": \"constant\", \"rate_rps\": 5},"
     " \"mix\": [{\"weight\": 0, \"request\": [{\"op\": \"sleep\", "
     "\"seconds\": 1}]}, {\"weight\": 1}, 7]}",
     {"/workload/mix[0]/weight: 'weight' must be > 0, got 0",
      "/workload/mix[1]: missing required key 'request'",
      "/workload/mix[2]: expected an object with 'weight' and 'request', got "
      "an integer"}},
    {"{\"request\": [{\"op\": \"sleep\", \"seconds\": \"1\"}]}",
     {"/workload: missing required key 'arrival' (or 'generator')",
      "/workload/request[0]/seconds: expected a number or a distribution "
      "object, got a string"}},
    {"[1, 2]",
     {"/workload: expected a workload object, got an array"}},
};

START_TEST(test_bad)
{
    const struct bad_case *c = &bad_cases[_i];
    struct workload w;
    struct diag dg;
    int i, n = 0;

    while (n < 4 && c->want[n])
        n++;
    ck_assert_int_eq(build(c->json, &w, &dg), -1);
    for (i = 0; i < dg.count && i < n; i++) {
        char got[512];

        /* A named file's problems are that file's (trace, samples). */
        if (dg.e[i].file[0] && dg.e[i].line > 0)
            snprintf(got, sizeof(got), "%s:%d: %s", dg.e[i].file,
                     dg.e[i].line, dg.e[i].msg);
        else if (dg.e[i].file[0])
            snprintf(got, sizeof(got), "%s: %s", dg.e[i].file, dg.e[i].msg);
        else
            snprintf(got, sizeof(got), "%s: %s", dg.e[i].path, dg.e[i].msg);
        ck_assert_msg(!strcmp(got, c->want[i]),
                      "case %d problem %d:\n got  %s\n want %s", _i, i, got,
                      c->want[i]);
    }
    ck_assert_msg(dg.count == n, "case %d: %d problems, want %d (first: %s)",
                  _i, dg.count, n, dg.count ? dg.e[0].msg : "");
    /* Nothing is left allocated or half-built. */
    ck_assert_ptr_null(w.trace);
    ck_assert_ptr_null(w.request.variants);
}
END_TEST

Suite *workload_json_suite(void)
{
    Suite *s = suite_create("workload_json");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_contract_example);
    tcase_add_test(tc, test_generator_overrides);
    tcase_add_test(tc, test_mix_and_dists);
    tcase_add_test(tc, test_trace_workload);
    suite_add_tcase(s, tc);
    tc = tcase_create("errors");
    tcase_add_loop_test(tc, test_bad, 0,
                        (int)(sizeof(bad_cases) / sizeof(bad_cases[0])));
    suite_add_tcase(s, tc);
    return s;
}
