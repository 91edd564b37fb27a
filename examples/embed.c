/*
 * embed.c - virtsim as a library: a scenario from a string, run with a
 * progress callback, its cells read back, the results written as JSON and
 * read again, and a small instance selection. Uses only <virtsim.h>.
 *
 *   cc embed.c $(pkg-config --cflags --libs virtsim) -o embed && ./embed
 *
 * Prints what it finds; exits 0 when every step worked, 1 otherwise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <virtsim.h>

static const char scenario[] =
    "{\n"
    "  \"name\": \"embed\",\n"
    "  \"seed\": 7,\n"
    "  \"duration_s\": 0.2,\n"
    "  \"warmup_s\": 0.02,\n"
    "  \"replications\": 2,\n"
    "  \"instances\": [\"m5.large\", \"t2.large\"],\n"
    "  \"workload\": {\"arrival\": {\"process\": \"poisson\", \"rate_rps\": 2000},\n"
    "               \"request\": [{\"op\": \"net_rx\", \"bytes\": 512},\n"
    "                           {\"op\": \"compute\", \"cycles\": 200000},\n"
    "                           {\"op\": \"net_tx\", \"bytes\": 1024}]},\n"
    "  \"slo\": {\"p99_us\": 5000}\n"
    "}\n";

static const char workload[] =
    "{\"arrival\": {\"process\": \"poisson\", \"rate_rps\": 2000},\n"
    " \"request\": [{\"op\": \"compute\", \"cycles\": 100000}]}\n";

static void progress(void *ctx, const struct virtsim_progress *p)
{
    int *calls = ctx;

    (*calls)++;
    printf("progress: %zu/%zu %s %s: %.0f req/s, p99 %.1f us\n", p->done,
           p->total, p->instance, p->generation, p->throughput_rps, p->p99_us);
}

/* Prints err (when there is one) and frees it; returns 1. */
static int failed(const char *what, enum virtsim_status st, char *err)
{
    fprintf(stderr, "embed: %s failed with status %d\n%s", what, (int)st,
            err ? err : "");
    virtsim_free(err);
    return 1;
}

int main(int argc, char **argv)
{
    const char *out = argc > 1 ? argv[1] : "embed-results.json";
    struct virtsim_scenario *sc;
    struct virtsim_results *res, *back;
    struct virtsim_run_options ro;
    struct virtsim_select_options so;
    struct virtsim_selection *sel;
    struct virtsim_candidate cand;
    struct virtsim_cell cell;
    enum virtsim_status st;
    char *err = NULL;
    int calls = 0;
    size_t i;

    printf("libvirtsim %s (API %d)\n", virtsim_version(), VIRTSIM_API_VERSION);

    /* A bad scenario is an input error with file:line:col. */
    st = virtsim_scenario_load_string("{\"instnace\": 1}", 15, "bad.json",
                                      NULL, &sc, &err);
    if (st != VIRTSIM_INPUT_ERROR || !err || !strstr(err, "bad.json:1:"))
        return failed("rejecting a bad scenario", st, err);
    printf("bad scenario: %s", err);
    virtsim_free(err);

    st = virtsim_scenario_load_string(scenario, strlen(scenario), "embed.json",
                                      NULL, &sc, &err);
    if (st != VIRTSIM_OK)
        return failed("loading the scenario", st, err);
    printf("scenario %s: %zu cells\n", virtsim_scenario_name(sc),
           virtsim_scenario_cells(sc));

    virtsim_run_options_init(&ro);
    ro.progress = progress;
    ro.progress_ctx = &calls;
    st = virtsim_run(sc, &ro, &res, &err);
    if (st != VIRTSIM_OK)
        return failed("running", st, err);
    if ((size_t)calls != virtsim_scenario_cells(sc) ||
        virtsim_results_cells(res) != virtsim_scenario_cells(sc)) {
        fprintf(stderr, "embed: %d progress calls, %zu cells\n", calls,
                virtsim_results_cells(res));
        return 1;
    }
    for (i = 0; i < virtsim_results_cells(res); i++) {
        virtsim_results_cell(res, i, &cell);
        printf("cell %zu: %s %s: %.0f +- %.0f req/s, p99 %.1f +- %.1f us, "
               "overhead %.1f%%, SLO %s\n", i, cell.instance, cell.generation,
               cell.throughput_rps, cell.throughput_rps_ci95, cell.p99_us,
               cell.p99_us_ci95, cell.cpu_overhead_pct,
               !cell.slo_checked ? "not checked" :
               cell.slo_met ? "met" : "failed");
        if (cell.completed == 0 || cell.throughput_rps <= 0)
            return failed("a cell with no requests", VIRTSIM_FAILED, NULL);
    }

    st = virtsim_results_write(res, "json", out, &err);
    if (st != VIRTSIM_OK)
        return failed("writing results.json", st, err);
    st = virtsim_results_read_file(out, &back, &err);
    if (st != VIRTSIM_OK)
        return failed("reading results.json back", st, err);
    if (virtsim_results_cells(back) != virtsim_results_cells(res))
        return failed("the read-back cell count", VIRTSIM_FAILED, NULL);
    printf("wrote and read back %s: %zu cells\n", out,
           virtsim_results_cells(back));
    st = virtsim_results_write(back, "table", "-", &err);
    if (st != VIRTSIM_OK)
        return failed("printing the table", st, err);
    virtsim_results_free(back);
    virtsim_results_free(res);
    virtsim_scenario_free(sc);

    virtsim_select_options_init(&so);
    so.slo = "p99<5ms";
    so.instances = "m5.large,c5.large";
    so.duration_s = 0.2;
    so.replications = 2;
    st = virtsim_select(workload, strlen(workload), "w.json", NULL, &so,
                        &sel, &err);
    if (st != VIRTSIM_OK)
        return failed("selecting", st, err);
    for (i = 0; i < virtsim_selection_count(sel); i++) {
        virtsim_selection_candidate(sel, i, &cand);
        printf("candidate %zu: %s (%s) %s, rank %zu, %.4f USD/hour%s%s\n", i,
               cand.instance, cand.generation, cand.verdict, cand.rank,
               cand.usd_per_hour, cand.reason[0] ? ": " : "", cand.reason);
    }
    if (virtsim_selection_count(sel) != 2)
        return failed("the selection's candidates", VIRTSIM_FAILED, NULL);
    virtsim_selection_free(sel);
    printf("embed: ok\n");
    return 0;
}
