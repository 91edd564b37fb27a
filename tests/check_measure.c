/*
 * check_measure.c - measure/: reading MEASURED.csv (values, empty fields,
 * errors at line:col), matching rows to simulated cells and the verdicts
 * against the simulated intervals, params files (read, refuse, apply),
 * and the comparison's files and HTML section.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "measure/calibrate.h"
#include "measure/compare.h"
#include "measure/compare_report.h"
#include "measure/measured.h"
#include "measure/params_file.h"
#include "measure/sensitivity.h"
#include "measure/sensitivity_report.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "tests/suites.h"

/* Reads text as a measurements file into m; returns measured_read's. */
static int read_text(struct measured_set *m, const char *text,
                     struct diag *dg)
{
    FILE *fp = fmemopen((void *)(uintptr_t)text, strlen(text), "r");
    int rc;

    ck_assert_ptr_nonnull(fp);
    diag_init(dg, "m.csv");
    rc = measured_read(m, fp, dg);
    fclose(fp);
    return rc;
}

START_TEST(test_read_rows)
{
    struct measured_set m;
    struct diag dg;

    ck_assert_int_eq(read_text(&m,
        "# a comment\n\n"
        "instance, generation ,rate_rps,p99_us,throughput_rps\n"
        "c5n.large,,10000,130.5,9990\n"
        "m5.large,xen-pv,,,500\r\n", &dg), 0);
    ck_assert_uint_eq(m.n, 2);
    ck_assert_int_eq(m.rows[0].line, 4);
    ck_assert_str_eq(m.rows[0].instance, "c5n.large");
    ck_assert_str_eq(m.rows[0].generation, "actual");
    ck_assert_double_eq(m.rows[0].rate_rps, 10000);
    ck_assert_double_eq(m.rows[0].v[MM_P99], 130.5);
    ck_assert_double_eq(m.rows[0].v[MM_THROUGHPUT], 9990);
    ck_assert(isnan(m.rows[0].v[MM_P50]));
    ck_assert_str_eq(m.rows[1].generation, "xen-pv");
    ck_assert(isnan(m.rows[1].rate_rps));
    ck_assert(isnan(m.rows[1].v[MM_P99]));
    ck_assert_double_eq(m.rows[1].v[MM_THROUGHPUT], 500);
    measured_release(&m);
    ck_assert_ptr_null(m.rows);
    ck_assert_uint_eq(m.n, 0);
}
END_TEST

/* Bad files: the first diag's line, column and message start. */
static const struct {
    const char *text;
    int line, col;
    const char *msg;
} bad_files[] = {
    {"instance,p99us\nx,1\n", 1, 10,
     "unknown column 'p99us' (did you mean 'p99_us'?)"},
    {"p99_us\n1\n", 1, 1, "the header has no 'instance' column"},
    {"instance,generation\nx,y\n", 1, 1, "the header names no measured"},
    {"instance,p99_us\nx,1\ny,abc\n", 3, 3,
     "column 'p99_us': expected a number, got 'abc'"},
    {"instance,p99_us\nx,-4\n", 2, 3, "column 'p99_us': must be >= 0"},
    {"instance,p99_us\nx,1,2\n", 2, 1, "row has 3 fields, the header 2"},
    {"instance,p99_us\nx,\n", 2, 1, "row measures nothing"},
    {"instance,p99_us,p99_us\nx,1,2\n", 1, 17, "column 'p99_us' appears"},
    {"instance,p99_us\n", 1, 0, "no measurements after the header"},
    {"", 0, 0, "no header: the file is empty"},
};

START_TEST(test_read_errors)
{
    struct measured_set m;
    struct diag dg;

    ck_assert_int_eq(read_text(&m, bad_files[_i].text, &dg), -1);
    ck_assert_int_ge(dg.count, 1);
    ck_assert_int_eq(dg.e[0].line, bad_files[_i].line);
    ck_assert_int_eq(dg.e[0].col, bad_files[_i].col);
    ck_assert_msg(strncmp(dg.e[0].msg, bad_files[_i].msg,
                          strlen(bad_files[_i].msg)) == 0,
                  "got '%s'", dg.e[0].msg);
    ck_assert_ptr_null(m.rows);
}
END_TEST

/* A results set of two instances, each at two swept rates. */
static void make_results(struct results *r)
{
    static const char *const insts[] = {"c5n.large", "c4.large"};
    static const char *const gens[] = {"nitro", "xen-sriov-net"};
    json_t *sc = json_pack("{s:s,s:{s:s,s:f}}", "name", "t", "workload",
                           "generator", "kv", "rate_rps", 1000.0);
    size_t i, j;

    results_init(r, "t", sc);
    json_decref(sc);
    for (i = 0; i < 2; i++) {
        for (j = 0; j < 2; j++) {
            struct cell_result c;
            size_t k;

            memset(&c, 0, sizeof(c));
            snprintf(c.instance, sizeof(c.instance), "%s", insts[i]);
            snprintf(c.generation, sizeof(c.generation), "%s", gens[i]);
            c.npoint = 1;
            snprintf(c.point[0].path, sizeof(c.point[0].path),
                     "workload.rate_rps");
            c.point[0].value = 1000.0 * (double)(j + 1);
            c.throughput_rps.mean = c.point[0].value * 0.99;
            c.throughput_rps.ci95 = 20;
            c.lat_p50.mean = 50 + 10 * (double)i;
            c.lat_p50.ci95 = 2;
            c.lat_p99.mean = 100 + 10 * (double)j;
            c.lat_p99.ci95 = 5;
            c.lat_p999.mean = 200;
            c.util_vcpu.mean = 0.25;
            c.util_vcpu.ci95 = 0.01;
            for (k = 0; k < RESULT_SPECTRUM; k++) {
                c.spectrum_q[k] = 1 - pow(10, -(double)k / 6);
                c.spectrum_us[k] = 40 + (double)k * 10;
            }
            results_add(r, &c);
        }
    }
}

START_TEST(test_compare_verdicts)
{
    struct measured_set m;
    struct results r;
    struct compare cmp;
    struct diag dg;
    const struct cell_result *c;
    size_t i;

    make_results(&r);
    /* c5n at rate 2000: p99 inside, p50 above, cpu below its interval. */
    c = &r.cells[1];
    {
        char text[512];

        snprintf(text, sizeof(text),
                 "instance,generation,rate_rps,p99_us,p50_us,cpu_pct\n"
                 "c5n.large,actual,2000,%.10g,%.10g,%.10g\n"
                 "c4.large,xen-sriov-net,1000,%.10g,,\n",
                 c->lat_p99.mean + c->lat_p99.ci95 / 2,
                 c->lat_p50.mean + 3 * c->lat_p50.ci95,
                 100 * (c->util_vcpu.mean - 2 * c->util_vcpu.ci95),
                 r.cells[2].lat_p99.mean - 2 * r.cells[2].lat_p99.ci95);
        ck_assert_int_eq(read_text(&m, text, &dg), 0);
    }
    ck_assert_int_eq(compare_build(&cmp, &r, &m, &dg), 0);
    ck_assert_uint_eq(cmp.row_cell[0], 1);
    ck_assert_uint_eq(cmp.row_cell[1], 2);
    ck_assert_uint_eq(cmp.n, 4);
    for (i = 0; i < cmp.n; i++) {
        const struct compare_item *it = &cmp.items[i];
        double ci, sim = measured_cell_value(&r.cells[it->cell], it->metric,
                                             &ci);

        ck_assert_double_eq_tol(it->sim, sim, 1e-12);
        ck_assert_double_eq_tol(it->diff, it->measured - sim, 1e-9);
        ck_assert_double_eq_tol(it->rel_pct, 100 * it->diff / sim, 1e-9);
    }
    ck_assert_int_eq(cmp.items[0].metric, MM_P50);
    ck_assert_int_eq(cmp.items[0].verdict, CMP_ABOVE);
    ck_assert_int_eq(cmp.items[1].metric, MM_P99);
    ck_assert_int_eq(cmp.items[1].verdict, CMP_WITHIN);
    ck_assert_int_eq(cmp.items[2].metric, MM_CPU);
    ck_assert_int_eq(cmp.items[2].verdict, CMP_BELOW);
    ck_assert_int_eq(cmp.items[3].verdict, CMP_BELOW);
    ck_assert_uint_eq(compare_count_within(&cmp), 1);
    ck_assert_double_eq(compare_cell_rate(&r, &r.cells[3]), 2000);
    compare_release(&cmp);
    ck_assert_ptr_null(cmp.items);
    measured_release(&m);
    results_release(&r);
}
END_TEST

static const struct {
    const char *text;
    const char *msg;
} unmatched[] = {
    {"instance,p99_us\nm5.large,1\n", "no simulated cell for 'm5.large': "
     "the results have no such instance"},
    {"instance,p99_us\nc5n.large,1\n", "'c5n.large' (actual) matches 2 "
     "simulated cells"},
    {"instance,rate_rps,p99_us\nc5n.large,3000,1\n", "no simulated cell "
     "for 'c5n.large' (actual) at 3000 req/s; the results have nitro at "
     "1000 req/s, nitro at 2000 req/s"},
    {"instance,generation,rate_rps,p99_us\nc4.large,xen-pv,1000,1\n",
     "no simulated cell for 'c4.large' (xen-pv) at 1000 req/s"},
};

START_TEST(test_compare_unmatched)
{
    struct measured_set m;
    struct results r;
    struct compare cmp;
    struct diag dg;

    make_results(&r);
    ck_assert_int_eq(read_text(&m, unmatched[_i].text, &dg), 0);
    ck_assert_int_eq(compare_build(&cmp, &r, &m, &dg), -1);
    ck_assert_int_eq(dg.e[0].line, 2);
    ck_assert_msg(strncmp(dg.e[0].msg, unmatched[_i].msg,
                          strlen(unmatched[_i].msg)) == 0,
                  "got '%s'", dg.e[0].msg);
    ck_assert_ptr_null(cmp.items);
    measured_release(&m);
    results_release(&r);
}
END_TEST

/* Reads a whole file into a malloc'ed string. */
static char *slurp_file(const char *path)
{
    FILE *fp = fopen(path, "r");
    char *buf = NULL;
    size_t cap = 0;

    ck_assert_ptr_nonnull(fp);
    ck_assert_int_ge(getdelim(&buf, &cap, '\0', fp), 0);
    fclose(fp);
    return buf;
}

START_TEST(test_compare_report)
{
    char dir[] = "/tmp/virtsim-measure.XXXXXX";
    struct chart_opts o = {.quiet = true, .search_path = ""};
    struct measured_set m;
    struct results r;
    struct compare cmp;
    struct diag dg;
    char *path, *text;
    json_t *root;

    make_results(&r);
    ck_assert_ptr_nonnull(mkdtemp(dir));
    ck_assert_int_eq(read_text(&m, "instance,rate_rps,p99_us,p50_us\n"
                               "c5n.large,1000,120,50\n"
                               "c5n.large,2000,<b>,\n", &dg), -1);
    ck_assert_int_eq(read_text(&m, "instance,rate_rps,p99_us,p50_us\n"
                               "c5n.large,1000,120,50\n"
                               "c5n.large,2000,130,\n", &dg), 0);
    ck_assert_int_eq(compare_build(&cmp, &r, &m, &dg), 0);
    diag_init(&dg, "test");
    ck_assert_int_eq(compare_report_write(&cmp, dir, "r.json", "m.csv", &o,
                                          &dg), 0);
    path = xstrfmt("%s/compare.json", dir);
    root = json_load_file(path, 0, NULL);
    ck_assert_ptr_nonnull(root);
    ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(
        root, "summary"), "figures")), 3);
    ck_assert_uint_eq(json_array_size(json_object_get(root, "items")), 3);
    json_decref(root);
    free(path);
    path = xstrfmt("%s/index.html", dir);
    text = slurp_file(path);
    ck_assert_ptr_nonnull(strstr(text, "<section id=\"measurements\">"));
    ck_assert_ptr_nonnull(strstr(text, "href=\"#measurements\""));
    ck_assert_ptr_nonnull(strstr(text, "charts/compare_latency.dat"));
    ck_assert_ptr_nonnull(strstr(text, "charts/compare_sweep_p99.dat"));
    /* Throughput was not measured: no chart of it. */
    ck_assert_ptr_null(strstr(text, "compare_sweep_throughput"));
    free(text);
    free(path);
    path = xstrfmt("%s/charts/compare_sweep_p99.gp", dir);
    ck_assert_int_eq(access(path, R_OK), 0);
    free(path);
    path = xstrfmt("rm -rf '%s'", dir);
    ck_assert_int_eq(system(path), 0);
    free(path);
    compare_release(&cmp);
    measured_release(&m);
    results_release(&r);
}
END_TEST

/* Writes text to a temp file; returns its malloc'ed path. */
static char *temp_file(const char *text)
{
    char tmpl[] = "/tmp/virtsim-params.XXXXXX";
    int fd = mkstemp(tmpl);
    FILE *fp;

    ck_assert_int_ge(fd, 0);
    fp = fdopen(fd, "w");
    ck_assert_ptr_nonnull(fp);
    fputs(text, fp);
    ck_assert_int_eq(fclose(fp), 0);
    return xstrdup(tmpl);
}

START_TEST(test_params_file)
{
    char *path = temp_file("{\"written_by\": \"test\",\n \"params\": "
                           "{\"hvm.vmexit_cycles\": 2100,\n"
                           "  \"net.stack_rx_cycles\": 3000}}\n");
    struct param_set p;
    struct diag dg;
    json_t *vals;

    param_set_defaults(&p);
    diag_init(&dg, path);
    ck_assert_int_eq(params_file_read(path, &p, &vals, &dg), 0);
    ck_assert_double_eq(param(&p, P_HVM_VMEXIT_CYCLES), 2100);
    ck_assert_double_eq(param(&p, P_NET_STACK_RX_CYCLES), 3000);
    ck_assert_double_eq(param(&p, P_NET_STACK_TX_CYCLES),
                        param_info(P_NET_STACK_TX_CYCLES)->def);
    ck_assert_uint_eq(json_object_size(vals), 2);
    /* What params_file_write writes reads back the same. */
    ck_assert_int_eq(params_file_write(path, vals, NULL, &dg), 0);
    param_set_defaults(&p);
    json_decref(vals);
    ck_assert_int_eq(params_file_read(path, &p, NULL, &dg), 0);
    ck_assert_double_eq(param(&p, P_HVM_VMEXIT_CYCLES), 2100);
    unlink(path);
    free(path);
}
END_TEST

static const struct {
    const char *text;
    int line, col;
    const char *msg;
} bad_params[] = {
    {"{\"params\": {\n  \"hvm.vmexit_cycle\": 1}}", 2, 3,
     "unknown parameter 'hvm.vmexit_cycle' (did you mean "
     "'hvm.vmexit_cycles'?)"},
    {"{\"params\": {\"hvm.vmexit_cycles\": -1}}", 1, 13, "parameter "
     "'hvm.vmexit_cycles'"},
    {"{\"params\": {\"hvm.vmexit_cycles\": \"x\"}}", 1, 13,
     "parameter 'hvm.vmexit_cycles' must be a number, got a string"},
    {"{\"params\": [1]}", 1, 2, "'params' must be an object"},
    {"{\"hvm.vmexit_cycles\": 1}", 1, 1, "no 'params' object"},
    {"[1]", 1, 1, "a params file must be a JSON object, got an array"},
    {"{\"params\": {\"a\": 1, \"a\": 2}}", 1, 0, "duplicate object key"},
};

START_TEST(test_params_file_errors)
{
    char *path = temp_file(bad_params[_i].text);
    struct param_set p, before;
    struct diag dg;

    param_set_defaults(&p);
    before = p;
    diag_init(&dg, path);
    ck_assert_int_eq(params_file_read(path, &p, NULL, &dg), -1);
    ck_assert_int_eq(dg.e[0].line, bad_params[_i].line);
    if (bad_params[_i].col)
        ck_assert_int_eq(dg.e[0].col, bad_params[_i].col);
    ck_assert_msg(strncmp(dg.e[0].msg, bad_params[_i].msg,
                          strlen(bad_params[_i].msg)) == 0,
                  "got '%s'", dg.e[0].msg);
    ck_assert_mem_eq(&p, &before, sizeof(p));
    unlink(path);
    free(path);
}
END_TEST

START_TEST(test_params_file_apply)
{
    char *scen = temp_file("{\"name\": \"pf\", \"instances\": [\"c5n.large\"],"
                           " \"params\": {\"hvm.vmexit_cycles\": 1500},"
                           " \"workload\": {\"generator\": \"kv\"}}");
    char *pf = temp_file("{\"params\": {\"net.stack_rx_cycles\": 3100}}");
    struct scenario sc;
    struct diag dg;
    json_t *eff;

    diag_init(&dg, scen);
    ck_assert_int_eq(scenario_load(scen, &sc, &dg), 0);
    ck_assert_int_eq(params_file_apply(&sc, pf, &dg), 0);
    ck_assert_double_eq(param(&sc.params, P_NET_STACK_RX_CYCLES), 3100);
    ck_assert_double_eq(param(&sc.params, P_HVM_VMEXIT_CYCLES), 1500);
    eff = json_object_get(sc.effective, "params");
    ck_assert_double_eq(json_number_value(json_object_get(eff,
                        "net.stack_rx_cycles")), 3100);
    ck_assert_double_eq(json_number_value(json_object_get(eff,
                        "hvm.vmexit_cycles")), 1500);
    scenario_release(&sc);
    unlink(scen);
    unlink(pf);
    free(scen);
    free(pf);
}
END_TEST

/* A tiny scenario with an SLO, for sensitivity runs. */
static const char sens_scenario[] =
    "{\"name\": \"sens\", \"seed\": 4, \"duration_s\": 0.05,"
    " \"warmup_s\": 0.01, \"replications\": 2,"
    " \"instances\": [\"c5n.large\"],"
    " \"workload\": {\"generator\": \"microservices\","
    " \"rate_rps\": 3000},"
    " \"sweep\": {\"params.hvm.vmexit_cycles\": [1000, 2000]},"
    " \"slo\": {\"p99_us\": 1000}}";

static const struct {
    const char *list;
    const char *msg;
} bad_lists[] = {
    {"net.stack_rx_cycle", "unknown parameter 'net.stack_rx_cycle' (did you "
     "mean 'net.stack_rx_cycles'?)"},
    {"net.stack_rx_cycles=5", "parameter 'net.stack_rx_cycles': expected a "
     "range LO:HI after '=', got '5'"},
    {"net.stack_rx_cycles=9:3", "parameter 'net.stack_rx_cycles': the range "
     "9:3 must have LO < HI"},
    {"net.stack_rx_cycles=-1:3", "parameter 'net.stack_rx_cycles': the range "
     "-1:3 must have LO < HI inside its documented range"},
    {"net.stack_rx_cycles,net.stack_rx_cycles", "parameter "
     "'net.stack_rx_cycles' is named twice"},
    {"hvm.vmexit_cycles", "parameter 'hvm.vmexit_cycles' is swept by the "
     "scenario"},
    {",", "no parameter named in ','"},
};

START_TEST(test_sensitivity_parse_errors)
{
    struct sensitivity s;
    struct scenario sc;
    struct diag dg;

    diag_init(&dg, "sens");
    ck_assert_int_eq(scenario_load_text(sens_scenario, strlen(sens_scenario),
                                        "sens", NULL, &sc, &dg), 0);
    ck_assert_int_eq(sensitivity_parse(&s, bad_lists[_i].list, &sc, &dg), -1);
    ck_assert_msg(strncmp(dg.e[0].msg, bad_lists[_i].msg,
                          strlen(bad_lists[_i].msg)) == 0,
                  "got '%s'", dg.e[0].msg);
    scenario_release(&sc);
}
END_TEST

START_TEST(test_sensitivity_run)
{
    char dir[] = "/tmp/virtsim-sens.XXXXXX";
    struct chart_opts o = {.quiet = true, .search_path = ""};
    struct runner_opts ro = {.jobs = 1, .progress = PROGRESS_NEVER};
    const struct param_info *pi = param_info(P_NET_COPY_CYCLES_PER_BYTE);
    struct sensitivity s;
    struct scenario sc;
    struct param_set before;
    static volatile sig_atomic_t no_stop;
    struct diag dg;
    size_t c;
    char *path;

    diag_init(&dg, "sens");
    ck_assert_int_eq(scenario_load_text(sens_scenario, strlen(sens_scenario),
                                        "sens", NULL, &sc, &dg), 0);
    ck_assert_int_eq(sensitivity_parse(&s, "net.copy_cycles_per_byte,"
                                       "net.stack_rx_cycles=1000:4000", &sc,
                                       &dg), 0);
    ck_assert_uint_eq(s.nparams, 2);
    ck_assert_double_eq(s.p[0].lo, pi->min);
    ck_assert_double_eq(s.p[0].hi, pi->max);
    ck_assert_double_eq(s.p[1].lo, 1000);
    ck_assert_double_eq(s.p[1].hi, 4000);
    before = sc.params;
    ck_assert_int_eq(sensitivity_run(&s, &sc, &ro, &no_stop, &dg), RUN_OK);
    ck_assert_mem_eq(&sc.params, &before, sizeof(before));
    ck_assert_uint_eq(s.base.ncells, 2);
    for (c = 0; c < s.base.ncells; c++) {
        const struct cell_result *b = &s.base.cells[c];
        size_t i;

        /* More cycles per byte and per segment: a longer tail. */
        for (i = 0; i < s.nparams; i++) {
            ck_assert_double_gt(s.high[i].cells[c].lat_p99.mean,
                                s.low[i].cells[c].lat_p99.mean);
            ck_assert(sensitivity_flips(&s, i, c) ==
                      (s.low[i].cells[c].slo_met != b->slo_met ||
                       s.high[i].cells[c].slo_met != b->slo_met));
        }
    }
    /* At 100 cycles a byte the 1 ms target is missed; at 0 it is met. */
    ck_assert(!s.high[0].cells[0].slo_met);
    ck_assert(s.low[0].cells[0].slo_met);
    ck_assert(sensitivity_flips(&s, 0, 0));
    ck_assert_ptr_nonnull(mkdtemp(dir));
    ck_assert_int_eq(sensitivity_report_write(&s, dir, &o, &dg), 0);
    path = xstrfmt("%s/charts/tornado_p99.dat", dir);
    ck_assert_int_eq(access(path, R_OK), 0);
    free(path);
    path = xstrfmt("%s/index.html", dir);
    {
        char *text = slurp_file(path);

        ck_assert_ptr_nonnull(strstr(text, "<section id=\"sensitivity\">"));
        ck_assert_ptr_nonnull(strstr(text, "flips"));
        free(text);
    }
    free(path);
    path = xstrfmt("rm -rf '%s'", dir);
    ck_assert_int_eq(system(path), 0);
    free(path);
    sensitivity_release(&s);
    scenario_release(&sc);
}
END_TEST

/* The recovery scenario: one instance, three rates. */
static const char calib_scenario[] =
    "{\"name\": \"calib\", \"seed\": 3, \"duration_s\": 0.1,"
    " \"warmup_s\": 0.02, \"replications\": 2,"
    " \"instances\": [\"c5n.large\"],"
    " \"workload\": {\"generator\": \"microservices\","
    " \"rate_rps\": 4000},"
    " \"sweep\": {\"workload.rate_rps\": [4000, 8000, 12000]}}";

/*
 * "Measurements" produced by virtsim itself: the scenario run under
 * another seed (the noise of a real measurement) with the parameter at a
 * known value, its p50 and p99 per cell as measured rows.
 */
static void measure_truth(struct scenario *sc, int id, double truth,
                          struct measured_set *m)
{
    static volatile sig_atomic_t no_stop;
    struct runner_opts ro = {.jobs = 1, .progress = PROGRESS_NEVER};
    struct param_set saved = sc->params;
    uint64_t seed = sc->seed;
    struct results r;
    struct diag dg;
    size_t i, k;

    sc->params.v[id] = truth;
    sc->seed = 99;
    results_init(&r, sc->name, sc->effective);
    diag_init(&dg, "truth");
    ck_assert_int_eq(runner_run(sc, &ro, &r, &no_stop, &dg), RUN_OK);
    sc->params = saved;
    sc->seed = seed;
    memset(m, 0, sizeof(*m));
    m->n = m->cap = r.ncells;
    m->rows = xcalloc(r.ncells, sizeof(*m->rows));
    for (i = 0; i < r.ncells; i++) {
        struct measured_row *row = &m->rows[i];

        row->line = (int)i + 2;
        snprintf(row->instance, sizeof(row->instance), "%s",
                 r.cells[i].instance);
        snprintf(row->generation, sizeof(row->generation), "actual");
        row->rate_rps = compare_cell_rate(&r, &r.cells[i]);
        for (k = 0; k < MM_COUNT; k++)
            row->v[k] = NAN;
        row->v[MM_P50] = r.cells[i].lat_p50.mean;
        row->v[MM_P99] = r.cells[i].lat_p99.mean;
    }
    results_release(&r);
}

START_TEST(test_calibrate_recovers)
{
    static volatile sig_atomic_t no_stop;
    struct runner_opts ro = {.jobs = 1, .progress = PROGRESS_NEVER};
    const double truth = 6000;
    struct calibration c;
    struct measured_set m;
    struct scenario sc;
    struct param_set before;
    struct diag dg;
    json_t *doc;

    diag_init(&dg, "calib");
    ck_assert_int_eq(scenario_load_text(calib_scenario,
                                        strlen(calib_scenario), "calib",
                                        NULL, &sc, &dg), 0);
    measure_truth(&sc, P_NET_STACK_RX_CYCLES, truth, &m);
    memset(&c, 0, sizeof(c));
    ck_assert_int_eq(param_list_parse("net.stack_rx_cycles", &sc, c.p,
                                      CALIB_MAX_PARAMS, &c.np, &dg), 0);
    before = sc.params;
    ck_assert_int_eq(calibrate_run(&c, &sc, &m, &ro, &no_stop, &dg), RUN_OK);
    ck_assert_mem_eq(&sc.params, &before, sizeof(before));
    ck_assert_double_eq(c.start[0],
                        param_info(P_NET_STACK_RX_CYCLES)->def);
    ck_assert_uint_eq(c.nres, 6);
    ck_assert(isfinite(c.ci95[0]) && c.ci95[0] > 0);
    ck_assert_msg(fabs(c.fit[0] - truth) <= c.ci95[0],
                  "fitted %g +- %g, truth %g", c.fit[0], c.ci95[0], truth);
    /* The interval is informative: narrower than the distance moved. */
    ck_assert_double_lt(c.ci95[0], fabs(truth - c.start[0]));
    ck_assert_double_lt(c.rms_after, c.rms_before);
    doc = calibration_to_json(&c, "m.csv");
    ck_assert_double_eq(json_number_value(json_object_get(json_object_get(
        doc, "params"), "net.stack_rx_cycles")), c.fit[0]);
    json_decref(doc);
    calibration_release(&c);
    ck_assert_ptr_null(c.res_before);
    measured_release(&m);
    scenario_release(&sc);
}
END_TEST

START_TEST(test_calibrate_too_few)
{
    static volatile sig_atomic_t no_stop;
    struct runner_opts ro = {.jobs = 1, .progress = PROGRESS_NEVER};
    struct calibration c;
    struct measured_set m;
    struct scenario sc;
    struct diag dg;

    diag_init(&dg, "calib");
    ck_assert_int_eq(scenario_load_text(calib_scenario,
                                        strlen(calib_scenario), "calib",
                                        NULL, &sc, &dg), 0);
    ck_assert_int_eq(read_text(&m, "instance,rate_rps,p99_us\n"
                               "c5n.large,4000,100\n", &dg), 0);
    memset(&c, 0, sizeof(c));
    ck_assert_int_eq(param_list_parse("net.stack_rx_cycles,"
                                      "net.stack_tx_cycles", &sc, c.p,
                                      CALIB_MAX_PARAMS, &c.np, &dg), 0);
    ck_assert_int_eq(calibrate_run(&c, &sc, &m, &ro, &no_stop, &dg),
                     RUN_INPUT_ERROR);
    ck_assert_str_eq(dg.e[0].msg, "1 measured figure cannot fit 2 "
                     "parameters: measure more figures or fit fewer");
    calibration_release(&c);
    measured_release(&m);
    scenario_release(&sc);
}
END_TEST

Suite *measure_suite(void)
{
    Suite *s = suite_create("measure");
    TCase *tc = tcase_create("measured");

    tcase_add_test(tc, test_read_rows);
    tcase_add_loop_test(tc, test_read_errors, 0,
                        (int)(sizeof(bad_files) / sizeof(bad_files[0])));
    suite_add_tcase(s, tc);
    tc = tcase_create("compare");
    tcase_add_test(tc, test_compare_verdicts);
    tcase_add_loop_test(tc, test_compare_unmatched, 0,
                        (int)(sizeof(unmatched) / sizeof(unmatched[0])));
    tcase_add_test(tc, test_compare_report);
    suite_add_tcase(s, tc);
    tc = tcase_create("params_file");
    tcase_add_test(tc, test_params_file);
    tcase_add_loop_test(tc, test_params_file_errors, 0,
                        (int)(sizeof(bad_params) / sizeof(bad_params[0])));
    tcase_add_test(tc, test_params_file_apply);
    suite_add_tcase(s, tc);
    tc = tcase_create("sensitivity");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_sensitivity_parse_errors, 0,
                        (int)(sizeof(bad_lists) / sizeof(bad_lists[0])));
    tcase_add_test(tc, test_sensitivity_run);
    suite_add_tcase(s, tc);
    tc = tcase_create("calibrate");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_calibrate_recovers);
    tcase_add_test(tc, test_calibrate_too_few);
    suite_add_tcase(s, tc);
    return s;
}
