/*
 * check_select.c - tests for `virtsim select` (cli/select*.c): SLO parsing
 * with exact messages, workload rate scaling, a selection whose answer
 * capacity arithmetic gives, pruning that never drops a candidate the
 * simulation passes, the binding resource named on runs built to saturate
 * vCPUs, network bandwidth, dom0, the PPS allowance and CPU credits,
 * headroom, outputs, and the watched replication changing nothing.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run/replica.h"
#include "select/select.h"
#include "select/select_scale.h"
#include "select/select_files.h"
#include "select/select_table.h"
#include "select/select_rank.h"
#include "models/catalog.h"
#include "tests/suites.h"
#include "workloads/workload_json.h"

static volatile sig_atomic_t no_stop;

/* ---- the SLO ---- */

static const struct {
    const char *text;
    size_t n;
    enum select_metric m0;
    double v0;
    enum select_metric m1;
    double v1;
} good_slos[] = {
    {"p99<200us", 1, SM_P99, 200, SM_COUNT, 0},
    {"p99<=2ms,rps>=20000", 2, SM_P99, 2000, SM_RPS, 20000},
    {" p99.9 < 1.5 s , rps > 20k ", 2, SM_P999, 1.5e6, SM_RPS, 20000},
    {"p999<3ms", 1, SM_P999, 3000, SM_COUNT, 0},
    {"p50<100us,p90<150us", 2, SM_P50, 100, SM_P90, 150},
    {"cpu<=70%,drops<=0.1%", 2, SM_CPU, 0.7, SM_DROPS, 0.001},
    {"cpu<0.5,drops<=0", 2, SM_CPU, 0.5, SM_DROPS, 0},
    {"rps>=1.5M", 1, SM_RPS, 1.5e6, SM_COUNT, 0},
};

START_TEST(test_slo_good)
{
    struct select_slo s;
    struct diag dg;

    diag_init(&dg, NULL);
    ck_assert_msg(select_slo_parse(good_slos[_i].text, &s, &dg) == 0,
                  "'%s': %s", good_slos[_i].text, dg.e[0].msg);
    ck_assert_uint_eq(s.n, good_slos[_i].n);
    ck_assert_int_eq(s.t[0].metric, good_slos[_i].m0);
    ck_assert_double_eq_tol(s.t[0].value, good_slos[_i].v0, 1e-9);
    if (s.n > 1) {
        ck_assert_int_eq(s.t[1].metric, good_slos[_i].m1);
        ck_assert_double_eq_tol(s.t[1].value, good_slos[_i].v1, 1e-9);
    }
    ck_assert_int_eq(dg.count, 0);
}
END_TEST

static const struct {
    const char *text;
    const char *msg;
} bad_slos[] = {
    {"", "--slo: empty; give terms such as 'p99<200us,rps>=20000'"},
    {"p98<1ms", "--slo: unknown metric 'p98' in 'p98<1ms' (did you mean "
                "'p99'?)"},
    {"latency<1ms", "--slo: unknown metric 'latency' in 'latency<1ms'; "
                    "valid: p50, p90, p99, p99.9, rps, cpu, drops"},
    {"p99>200us", "--slo: 'p99>200us': p99 takes an upper bound "
                  "(p99<VALUE)"},
    {"rps<=5", "--slo: 'rps<=5': rps takes a lower bound (rps>=VALUE)"},
    {"p99<200", "--slo: 'p99<200': give a unit: us, ms or s"},
    {"p99<200ns", "--slo: 'p99<200ns': unknown unit 'ns'; use us, ms or s"},
    {"p99<fastus", "--slo: 'p99<fastus': expected a number after '<', got "
                   "'fastus'"},
    {"p99<infus", "--slo: 'p99<infus': expected a number after '<', got "
                  "'infus'"},
    {"p99<0us", "--slo: 'p99<0us': the time must be > 0"},
    {"rps>=0", "--slo: 'rps>=0': rps must be > 0"},
    {"rps>=20krps", "--slo: 'rps>=20krps': unexpected 'krps' after the "
                    "number (requests per second; k and M allowed)"},
    {"cpu<=150%", "--slo: 'cpu<=150%': cpu must be in (0, 1] or "
                  "(0%, 100%]"},
    {"cpu<=0.5x", "--slo: 'cpu<=0.5x': unexpected 'x' after the number (a "
                  "fraction, or a percentage with %)"},
    {"drops<=2", "--slo: 'drops<=2': drops must be in [0, 1] or "
                 "[0%, 100%]"},
    {"p99<1ms,,rps>=5", "--slo: empty term in 'p99<1ms,,rps>=5'"},
    {"p99<1ms,", "--slo: empty term in 'p99<1ms,'"},
    {"p99<1ms,p99<2ms", "--slo: two terms on 'p99': 'p99<1ms' and "
                        "'p99<2ms'"},
    {"p999<1ms,p99.9<2ms", "--slo: two terms on 'p99.9': 'p999<1ms' and "
                           "'p99.9<2ms'"},
    {"p99=200us", "--slo: 'p99=200us' has no comparison; write "
                  "METRIC<VALUE, or rps>=VALUE"},
    {"p99", "--slo: 'p99' has no comparison; write METRIC<VALUE, or "
            "rps>=VALUE"},
    {"p99<123456789012345678901234567890123456789us",
     "--slo: term 'p99<123456789012345678901234567890123456...' is too "
     "long"},
};

START_TEST(test_slo_bad)
{
    struct select_slo s;
    struct diag dg;

    diag_init(&dg, NULL);
    ck_assert_int_eq(select_slo_parse(bad_slos[_i].text, &s, &dg), -1);
    ck_assert_int_eq(dg.count, 1);
    ck_assert_str_eq(dg.e[0].msg, bad_slos[_i].msg);
}
END_TEST

/* Verdicts against intervals, both ways, and the keep-up term's mean. */
START_TEST(test_slo_judge)
{
    struct select_term p99 = {SM_P99, 200, "p99<200us"};
    struct select_term rps = {SM_RPS, 1000, "rps>=1000"};
    struct select_term keep = {SM_KEEP_UP, 1000, "keep-up"};
    struct metric m;

    m = (struct metric){150, 40};
    ck_assert_int_eq(select_slo_judge(&p99, m), SELECT_MEETS);
    m = (struct metric){180, 40};
    ck_assert_int_eq(select_slo_judge(&p99, m), SELECT_CLOSE);
    m = (struct metric){250, 40};
    ck_assert_int_eq(select_slo_judge(&p99, m), SELECT_FAILS);
    m = (struct metric){1100, 50};
    ck_assert_int_eq(select_slo_judge(&rps, m), SELECT_MEETS);
    m = (struct metric){1020, 50};
    ck_assert_int_eq(select_slo_judge(&rps, m), SELECT_CLOSE);
    m = (struct metric){900, 50};
    ck_assert_int_eq(select_slo_judge(&rps, m), SELECT_FAILS);
    m = (struct metric){1001, 500};
    ck_assert_int_eq(select_slo_judge(&keep, m), SELECT_MEETS);
    m = (struct metric){999, 500};
    ck_assert_int_eq(select_slo_judge(&keep, m), SELECT_FAILS);
}
END_TEST

/* ---- scaling the rate ---- */

static json_t *parse(const char *text)
{
    json_error_t err;
    json_t *j = json_loads(text, JSON_REJECT_DUPLICATES, &err);

    ck_assert_msg(j != NULL, "%s: %s", text, err.text);
    return j;
}

START_TEST(test_scale)
{
    json_t *w, *out;
    struct diag dg;

    diag_init(&dg, NULL);
    w = parse("{\"arrival\": {\"process\": \"bursty\", \"rate_rps\": 1000, "
              "\"on_s\": 0.1, \"off_s\": 0.1, \"off_rate_rps\": 100}, "
              "\"request\": [{\"op\": \"compute\", \"cycles\": 1000}]}");
    ck_assert_int_eq(select_scale_workload(w, 2.5, &out, &dg), 0);
    ck_assert_double_eq(json_number_value(json_object_get(json_object_get(
                            out, "arrival"), "rate_rps")), 2500);
    ck_assert_double_eq(json_number_value(json_object_get(json_object_get(
                            out, "arrival"), "off_rate_rps")), 250);
    /* The input is untouched. */
    ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(
                         w, "arrival"), "rate_rps")), 1000);
    json_decref(out);
    json_decref(w);

    w = parse("{\"generator\": \"microservices\"}");
    ck_assert_int_eq(select_scale_workload(w, 2, &out, &dg), 0);
    ck_assert_double_eq(json_number_value(json_object_get(out, "rate_rps")),
                        40000);   /* twice the default */
    json_decref(out);
    json_decref(w);

    w = parse("{\"arrival\": {\"process\": \"trace\", \"file\": \"t.csv\"}}");
    ck_assert_int_eq(select_scale_workload(w, 3, &out, &dg), 0);
    ck_assert_double_eq(json_number_value(json_object_get(json_object_get(
                            out, "arrival"), "speedup")), 3);
    json_decref(out);
    json_decref(w);

    w = parse("{\"generator\": \"batch\"}");
    ck_assert_int_eq(select_scale_workload(w, 1, &out, &dg), 0);
    json_decref(out);
    ck_assert_int_eq(select_scale_workload(w, 2, &out, &dg), -1);
    ck_assert_ptr_null(out);
    ck_assert_str_eq(dg.e[0].msg, "--load-factor: the workload is a closed "
                     "loop of clients, whose rate follows response times; "
                     "there is no rate to scale (change its number of "
                     "clients instead)");
    json_decref(w);
}
END_TEST

/* ---- selections ---- */

/* A short, quiet selection over `instances` (or `families`). */
static void setup(struct select_config *c, json_t *w, const char *slo)
{
    struct diag dg;

    select_config_init(c);
    diag_init(&dg, NULL);
    c->workload = w;
    c->duration_s = 0.1;
    c->warmup_s = 0.01;
    c->replications = 2;
    c->progress = PROGRESS_NEVER;
    ck_assert_msg(select_slo_parse(slo, &c->slo, &dg) == 0, "%s",
                  dg.e[0].msg);
}

static void run(const struct select_config *c, struct select_report *rep)
{
    struct diag dg;
    enum run_status rc;

    diag_init(&dg, NULL);
    rc = select_run(c, rep, &no_stop, &dg);
    ck_assert_msg(rc == RUN_OK, "select_run: %d: %s", rc,
                  dg.count ? dg.e[0].msg : "");
}

static const struct select_candidate *find(const struct select_report *rep,
                                           const char *name)
{
    size_t i;

    for (i = 0; i < rep->ncandidates; i++)
        if (!strcmp(rep->c[i].ip.name, name))
            return &rep->c[i];
    ck_abort_msg("no candidate '%s'", name);
    return NULL;
}

/*
 * 20,000 requests/s of 1 M cycles each need 20 G cycles/s: 2- and 4-vCPU
 * c5 and m5 instances (6.8 to 13.6 G) cannot carry them, 16-vCPU ones
 * (49.6 to 54.4 G) can. The cheapest that can is c5.4xlarge.
 */
START_TEST(test_cpu_bound_answer)
{
    json_t *w = parse("{\"arrival\": {\"process\": \"poisson\", "
                      "\"rate_rps\": 20000}, \"request\": [{\"op\": "
                      "\"compute\", \"cycles\": 1000000}]}");
    struct select_config c;
    struct select_report rep;
    const struct select_candidate *c5;

    setup(&c, w, "p99<5ms");
    /* Named sizes, not --families c5,m5: the catalog's families grow. */
    c.instances = "c5.large,c5.xlarge,c5.4xlarge,m5.large,m5.xlarge,"
                  "m5.4xlarge";
    c.max_usd_hour = 1;
    run(&c, &rep);
    ck_assert_uint_eq(rep.ncandidates, 6);
    ck_assert_uint_eq(rep.npruned, 4);
    ck_assert_uint_eq(rep.pruned_by[SR_VCPU], 4);
    ck_assert_uint_eq(rep.nmeets, 2);
    ck_assert_str_eq(rep.c[0].ip.name, "c5.4xlarge");
    ck_assert_uint_eq(rep.c[0].rank, 1);
    ck_assert_str_eq(rep.c[1].ip.name, "m5.4xlarge");
    ck_assert_uint_eq(rep.c[1].rank, 2);
    /* The bound is the arithmetic: 2 x 3.4 GHz over 1 M cycles (+1% for
     * the TLB under EPT). */
    c5 = find(&rep, "c5.large");
    ck_assert_int_eq(c5->verdict, SELECT_PRUNED);
    ck_assert_int_eq(c5->bound.binding, SR_VCPU);
    ck_assert_double_eq_tol(c5->bound.max_rps, 6.8e9 / 1.01e6, 10);
    ck_assert_double_eq_tol(rep.needed_rps, 19000, 1e-6);
    select_report_release(&rep);
    json_decref(w);
}
END_TEST

/*
 * Pruning drops nothing the simulation would pass: simulate every
 * candidate, and check each one the bounds would prune fails. At 22,000
 * requests/s the t2s' 1.024 Gb/s inbound burst allows 15.5 k (pruned), the
 * c4.large's and m4.large's 1.2 Gb/s 18.2 k (kept, within the margin of
 * the 20.9 k needed, and failing), the rest far more.
 */
START_TEST(test_prune_is_safe)
{
    json_t *w = parse("{\"generator\": \"microservices\", \"rate_rps\": "
                      "22000}");
    struct select_config c;
    struct select_report rep;
    size_t i, would_prune = 0, kept_fail = 0;

    setup(&c, w, "p99<5ms");
    c.instances = "t2.micro,t2.large,c4.large,c4.xlarge,m4.large,m5.large,"
                  "c5n.large,t3.micro";
    c.no_prune = true;
    run(&c, &rep);
    ck_assert_uint_eq(rep.nsimulated, 8);
    for (i = 0; i < rep.ncandidates; i++) {
        const struct select_candidate *k = &rep.c[i];

        if (select_prune_decide(&k->bound, rep.needed_rps)) {
            would_prune++;
            ck_assert_msg(k->verdict == SELECT_FAILS, "%s would be pruned "
                          "(bound %.0f req/s) but %s", k->ip.name,
                          k->bound.max_rps, select_verdict_name(k->verdict));
        } else if (k->verdict == SELECT_FAILS) {
            kept_fail++;
        }
    }
    /* The case is near the bounds: some pruned, some kept that fail,
     * some that meet. */
    ck_assert_uint_gt(would_prune, 0);
    ck_assert_uint_gt(kept_fail, 0);
    ck_assert_uint_gt(rep.nmeets, 0);
    select_report_release(&rep);
    json_decref(w);
}
END_TEST

struct reason_case {
    const char *name;
    const char *workload;
    const char *instance;
    const char *generation;         /* NULL: the instance's own */
    const char *param;              /* NULL, or one "name" = value */
    double value;
    double duration_s;
    const char *key;                /* the binding resource expected */
    const char *starts;             /* how the reason starts */
};

#define RX100 "{\"op\": \"net_rx\", \"bytes\": 100}"

static const struct reason_case reason_cases[] = {
    {"vcpu", "{\"arrival\": {\"process\": \"poisson\", \"rate_rps\": "
             "20000}, \"request\": [{\"op\": \"compute\", \"cycles\": "
             "1000000}]}",
     "c5.large", NULL, NULL, 0, 0.1, "vcpu",
     "vCPUs saturated (2 x 3.4 GHz, 100% busy); p99 "},
    {"network burst", "{\"arrival\": {\"process\": \"poisson\", "
                      "\"rate_rps\": 30000}, \"request\": [{\"op\": "
                      "\"net_rx\", \"bytes\": 65536}]}",
     "m5.large", NULL, NULL, 0, 0.1, "net_in",
     "network burst 10 Gb/s reached (inbound, "},
    {"network baseline", "{\"arrival\": {\"process\": \"poisson\", "
                         "\"rate_rps\": 2000}, \"request\": [{\"op\": "
                         "\"net_tx\", \"bytes\": 65536}]}",
     "m5.large", NULL, "ec2.net_burst_minutes", 0, 0.2, "net_out",
     "network baseline 0.75 Gb/s reached (outbound, "},
    {"dom0", "{\"arrival\": {\"process\": \"poisson\", \"rate_rps\": "
             "350000}, \"request\": [" RX100 "," RX100 "," RX100 "," RX100
             "," RX100 "," RX100 "," RX100 "," RX100 "," RX100 "," RX100 "]}",
     "m5.4xlarge", "xen-pv", NULL, 0, 0.02, "backend",
     "dom0 backend saturated ("},
    {"pps", "{\"arrival\": {\"process\": \"poisson\", \"rate_rps\": "
            "20000}, \"request\": [{\"op\": \"net_rx\", \"bytes\": 100}, "
            "{\"op\": \"net_tx\", \"bytes\": 100}, {\"op\": \"net_rx\", "
            "\"bytes\": 100}, {\"op\": \"net_tx\", \"bytes\": 100}, "
            "{\"op\": \"net_rx\", \"bytes\": 100}, {\"op\": \"net_tx\", "
            "\"bytes\": 100}, {\"op\": \"net_rx\", \"bytes\": 100}, "
            "{\"op\": \"net_tx\", \"bytes\": 100}]}",
     "c5n.xlarge", NULL, "ec2.pps_allowance", 100000, 0.1, "pps",
     "PPS allowance 100000 packets/s reached ("},
    {"credits", "{\"arrival\": {\"process\": \"poisson\", \"rate_rps\": "
                "1500}, \"request\": [{\"op\": \"compute\", \"cycles\": "
                "3300000}]}",
     "t2.large", NULL, "credits.initial", 0.02, 1.5, "credits",
     "CPU credits exhausted after "},
};

START_TEST(test_reasons)
{
    const struct reason_case *rc = &reason_cases[_i];
    json_t *w = parse(rc->workload);
    struct select_config c;
    struct select_report rep;
    const struct select_candidate *k;
    struct diag dg;

    setup(&c, w, "p99<1ms");
    diag_init(&dg, NULL);
    c.instances = rc->instance;
    c.no_prune = true;
    c.duration_s = rc->duration_s;
    c.warmup_s = rc->duration_s / 10;
    if (rc->generation)
        c.gen = generation_find(rc->generation, NULL);
    if (rc->param)
        ck_assert_int_eq(param_set_value(&c.params, rc->param, rc->value,
                                         &dg), 0);
    run(&c, &rep);
    k = &rep.c[0];
    ck_assert_msg(k->verdict == SELECT_FAILS, "%s: %s", rc->name,
                  select_verdict_name(k->verdict));
    ck_assert_msg(!strcmp(k->reason_key, rc->key), "%s: binding '%s', "
                  "expected '%s': %s", rc->name, k->reason_key, rc->key,
                  k->reason);
    ck_assert_msg(!strncmp(k->reason, rc->starts, strlen(rc->starts)),
                  "%s: reason '%s', expected it to start '%s'", rc->name,
                  k->reason, rc->starts);
    select_report_release(&rep);
    json_decref(w);
}
END_TEST

/* The credits case says when, and what p99 became after. */
START_TEST(test_credits_words)
{
    json_t *w = parse(reason_cases[5].workload);
    struct select_config c;
    struct select_report rep;
    const struct select_candidate *k;

    setup(&c, w, "p99<1s");
    c.instances = "t2.large";
    c.duration_s = 1.5;
    c.warmup_s = 0.15;
    param_set_value(&c.params, "credits.initial", 0.02, NULL);
    run(&c, &rep);
    k = &rep.c[0];
    /* 0.02 credits are 1.2 vCPU-s; work takes 1.5 vCPU-s/s and 36
     * credits/h give back 0.6: they last 1.2 / 0.9 = 1.33 s. */
    ck_assert_double_gt(k->usage.throttled_at_s, 1.2);
    ck_assert_double_lt(k->usage.throttled_at_s, 1.45);
    ck_assert_double_gt(k->usage.p99_throttled_us, 1000);
    ck_assert_msg(strstr(k->reason, "; p99 then ") != NULL, "%s", k->reason);
    select_report_release(&rep);
    json_decref(w);
}
END_TEST

/* ---- headroom ---- */

START_TEST(test_headroom)
{
    json_t *w = parse("{\"arrival\": {\"process\": \"poisson\", "
                      "\"rate_rps\": 20000}, \"request\": [{\"op\": "
                      "\"compute\", \"cycles\": 1000000}]}");
    struct select_config c;
    struct select_report rep;
    const struct select_candidate *k;

    setup(&c, w, "p99<5ms");
    c.instances = "c5.4xlarge";
    c.headroom = true;
    c.headroom_steps = 6;
    run(&c, &rep);
    k = &rep.c[0];
    ck_assert_int_eq(k->verdict, SELECT_MEETS);
    ck_assert(k->headroom_done);
    ck_assert_uint_le(k->headroom_runs, 6);
    /* 16 x 3.4 GHz / 1.01 M cycles = 53.9 k/s: the headroom lies below
     * the capacity and well above the load. */
    ck_assert_double_gt(k->headroom_rps, 35000);
    ck_assert_double_lt(k->headroom_rps, 54000);
    ck_assert_double_gt(k->headroom_upper_rps, k->headroom_rps);
    ck_assert_double_lt(k->headroom_upper_rps / k->headroom_rps, 1.2);
    select_report_release(&rep);
    json_decref(w);
}
END_TEST

/* ---- outputs ---- */

static char *dump(const struct select_report *rep, int which)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    json_t *j;

    ck_assert_ptr_nonnull(fp);
    if (which == 0) {
        select_table_print(rep, "w.json", fp);
    } else if (which == 1) {
        select_files_csv(rep, fp);
    } else {
        j = select_files_json(rep, "w.json");
        json_dumpf(j, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        json_decref(j);
    }
    fclose(fp);
    return buf;
}

START_TEST(test_outputs)
{
    json_t *w = parse("{\"generator\": \"microservices\", \"rate_rps\": "
                      "30000}");
    struct select_config c;
    struct select_report a, b;
    char *table, *csv, *ja, *jb, *line;
    size_t rows = 0;

    setup(&c, w, "p99<5ms,cpu<=90%");
    c.families = "t2,c4,c5n";
    c.max_usd_hour = 0.25;
    run(&c, &a);
    c.jobs = 2;
    run(&c, &b);
    table = dump(&a, 0);
    for (line = strtok(table, "\n"); line; line = strtok(NULL, "\n"))
        ck_assert_msg(strlen(line) <= 100, "too wide: '%s'", line);
    csv = dump(&a, 1);
    ck_assert(!strncmp(csv, "rank,instance,generation,verdict,", 33));
    for (line = csv; (line = strchr(line, '\n')); line++)
        rows++;
    ck_assert_uint_eq(rows, 1 + a.ncandidates);
    ja = dump(&a, 2);
    jb = dump(&b, 2);
    ck_assert_msg(!strcmp(ja, jb), "select.json differs with --jobs 2");
    ck_assert(strstr(ja, "\"verdict\": \"pruned\"") != NULL);
    ck_assert(strstr(ja, "\"binding\": ") != NULL);
    free(table);
    free(csv);
    free(ja);
    free(jb);
    select_report_release(&a);
    select_report_release(&b);
    json_decref(w);
}
END_TEST

START_TEST(test_input_errors)
{
    json_t *w = parse("{\"generator\": \"web\"}");
    struct select_config c;
    struct select_report rep;
    struct diag dg;

    setup(&c, w, "p99<5ms");
    diag_init(&dg, NULL);
    c.families = "c5x";
    ck_assert_int_eq(select_run(&c, &rep, &no_stop, &dg),
                     RUN_INPUT_ERROR);
    ck_assert_str_eq(dg.e[0].msg, "--families: unknown family 'c5x' (did you "
                     "mean 'c5n'?)");
    select_report_release(&rep);
    diag_init(&dg, NULL);
    c.families = "c5n";
    c.max_usd_hour = 0.01;
    ck_assert_int_eq(select_run(&c, &rep, &no_stop, &dg),
                     RUN_INPUT_ERROR);
    ck_assert_str_eq(dg.e[0].msg, "no candidate instance left: none of "
                     "--families costs at most 0.01 USD/hour");
    select_report_release(&rep);
    json_decref(w);
}
END_TEST

/* ---- the watched replication ---- */

START_TEST(test_usage_changes_nothing)
{
    json_t *w = parse("{\"generator\": \"microservices\", \"rate_rps\": "
                      "20000}");
    const struct instance_profile *ip = catalog_find("t3.large", NULL);
    struct replica_spec spec;
    struct replica_result a, b;
    struct param_set p;
    struct workload wl;
    struct diag dg;

    diag_init(&dg, NULL);
    ck_assert_int_eq(workload_from_json(w, "", NULL, &wl, &dg), 0);
    param_set_defaults(&p);
    memset(&spec, 0, sizeof(spec));
    spec.ip = ip;
    spec.gen = generation_find("xen-pv", NULL);
    spec.params = &p;
    spec.workload = &wl;
    spec.seed = 5;
    spec.warmup_s = 0.01;
    spec.duration_s = 0.1;
    ck_assert_int_eq(replica_run(&spec, &a, &no_stop, &dg), RUN_OK);
    spec.collect_usage = 1;
    ck_assert_int_eq(replica_run(&spec, &b, &no_stop, &dg), RUN_OK);
    ck_assert_uint_eq(a.completed, b.completed);
    ck_assert_uint_eq(a.dropped, b.dropped);
    ck_assert_int_eq(memcmp(&a.latency, &b.latency, sizeof(a.latency)), 0);
    ck_assert_double_eq(a.util_vcpu, b.util_vcpu);
    ck_assert_double_eq(a.util_backend, b.util_backend);
    ck_assert_ptr_null(a.latency_throttled);
    ck_assert_ptr_nonnull(b.latency_throttled);
    ck_assert_double_gt(a.util_backend, 0);
    replica_result_release(&a);
    replica_result_release(&b);
    ck_assert_ptr_null(b.latency_throttled);
    workload_release(&wl);
    json_decref(w);
}
END_TEST

Suite *select_suite(void)
{
    Suite *s = suite_create("select");
    TCase *slo = tcase_create("slo");
    TCase *core = tcase_create("core");
    TCase *reasons = tcase_create("reasons");

    tcase_add_loop_test(slo, test_slo_good, 0,
                        (int)(sizeof(good_slos) / sizeof(good_slos[0])));
    tcase_add_loop_test(slo, test_slo_bad, 0,
                        (int)(sizeof(bad_slos) / sizeof(bad_slos[0])));
    tcase_add_test(slo, test_slo_judge);
    tcase_add_test(slo, test_scale);
    suite_add_tcase(s, slo);

    tcase_set_timeout(core, 120);
    tcase_add_test(core, test_cpu_bound_answer);
    tcase_add_test(core, test_prune_is_safe);
    tcase_add_test(core, test_headroom);
    tcase_add_test(core, test_outputs);
    tcase_add_test(core, test_input_errors);
    tcase_add_test(core, test_usage_changes_nothing);
    suite_add_tcase(s, core);

    tcase_set_timeout(reasons, 120);
    tcase_add_loop_test(reasons, test_reasons, 0,
                        (int)(sizeof(reason_cases) / sizeof(reason_cases[0])));
    tcase_add_test(reasons, test_credits_words);
    suite_add_tcase(s, reasons);
    return s;
}
