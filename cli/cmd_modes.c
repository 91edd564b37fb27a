/*
 * cmd_modes.c - `virtsim modes`: the cost models, the generations that
 * combine them, and (with --params) every model parameter with its
 * default, unit, status and source.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/opt.h"
#include "models/cost_model.h"
#include "models/generation.h"
#include "models/params.h"

static void print_models(void)
{
    size_t i;

    printf("cost models (one per path of an operation):\n");
    for (i = 0; i < cost_model_count(); i++) {
        const struct cost_model_ops *m = cost_model_at(i);

        printf("  %-12s %s\n", m->name, m->summary);
        printf("  %-12s why: %s\n", "", m->lesson);
    }
}

static void print_generations(void)
{
    size_t i;

    printf("\ngenerations (--generation, \"generations\" in scenarios):\n");
    printf("  %-19s %-12s %-12s %-12s %-12s %s\n", "name", "cpu", "net",
           "storage", "irq", "as on EC2");
    for (i = 0; i < generation_count(); i++) {
        const struct generation *g = generation_at(i);

        printf("  %-19s %-12s %-12s %-12s %-12s %s\n", g->name,
               g->model[PATH_CPU], g->model[PATH_NET], g->model[PATH_STORAGE],
               g->model[PATH_IRQ], g->example);
    }
}

static void print_params(void)
{
    size_t i;

    printf("parameters (override with \"params\": {\"NAME\": VALUE} in a "
           "scenario, or\n--param NAME=VALUE on run, select and explain)\n");
    printf("status: V verified, S secondary, R recalled, D derived, "
           "C chosen (no published figure)\n\n");
    for (i = 0; i < PARAM_COUNT; i++) {
        const struct param_info *pi = param_info((enum param_id)i);

        printf("%-34s %10g %-12s %s  [%g, %g]\n", pi->name, pi->def, pi->unit,
               pi->status, pi->min, pi->max);
        printf("    %s\n", pi->source);
    }
}

static json_t *models_json(void)
{
    json_t *models = json_array(), *gens = json_array(), *doc;
    size_t i;
    int p;

    for (i = 0; i < cost_model_count(); i++) {
        const struct cost_model_ops *m = cost_model_at(i);

        json_array_append_new(models, json_pack("{s:s, s:s, s:s}", "name",
                              m->name, "summary", m->summary, "why",
                              m->lesson));
    }
    for (i = 0; i < generation_count(); i++) {
        const struct generation *g = generation_at(i);
        json_t *paths = json_object();

        for (p = 0; p < PATH_COUNT; p++)
            json_object_set_new(paths, path_name((enum path)p),
                                json_string(g->model[p]));
        json_array_append_new(gens, json_pack("{s:s, s:s, s:s, s:o}", "name",
                              g->name, "title", g->title, "as_on_ec2",
                              g->example, "paths", paths));
    }
    doc = json_object();
    json_object_set_new(doc, "cost_models", models);
    json_object_set_new(doc, "generations", gens);
    return doc;
}

static json_t *params_json(void)
{
    json_t *arr = json_array(), *doc = json_object();
    size_t i;

    for (i = 0; i < PARAM_COUNT; i++) {
        const struct param_info *pi = param_info((enum param_id)i);

        json_array_append_new(arr, json_pack("{s:s, s:f, s:s, s:f, s:f, s:s, "
                              "s:s}", "name", pi->name, "default", pi->def,
                              "unit", pi->unit, "min", pi->min, "max",
                              pi->max, "status", pi->status, "source",
                              pi->source));
    }
    json_object_set_new(doc, "params", arr);
    return doc;
}

enum { K_PARAMS = OPT_LONG_ONLY, K_FORMAT, K_JSON };

static const struct opt_def modes_defs[] = {
    {"params", K_PARAMS, OPT_FLAG},
    {"format", K_FORMAT, OPT_VALUE},
    {"json", K_JSON, OPT_FLAG},
};
#define N_MODES_DEFS (sizeof(modes_defs) / sizeof(modes_defs[0]))

static int modes_run(int argc, char **argv)
{
    static const char *const docs[] = {"table", "json"};
    const char *format = "table";
    struct opt_parser p;
    struct diag dg;
    const char *v;
    int k, params = 0;

    if (opt_wants_help(argc, argv, modes_defs, N_MODES_DEFS)) {
        command_print_usage(&modes_command, stdout);
        return 0;
    }
    diag_init(&dg, "virtsim modes");
    opt_parser_init(&p, argc, argv, modes_defs, N_MODES_DEFS);
    while ((k = opt_next(&p, &v, &dg)) != OPT_END) {
        if (k == K_PARAMS)
            params = 1;
        else if (k == K_JSON)
            format = "json";
        else if (k == K_FORMAT && cli_parse_format(v, docs, 2, &format,
                                                   &dg) == 0)
            continue;
        else if (k == OPT_ARG)
            diag_set(&dg, 0, 0, "modes takes no arguments, got '%s'", v);
        if (dg.count)
            return opt_fail(&dg, "modes");
    }
    if (strcmp(format, "json") == 0)
        return cli_print_json(params ? params_json() : models_json(),
                              "virtsim modes");
    if (params) {
        print_params();
        return 0;
    }
    print_models();
    print_generations();
    printf("\nSee how one operation fares under each: virtsim explain "
           "--instance m5.large --op net_rx:1500\n");
    return 0;
}

const struct command modes_command = {
    .name = "modes",
    .summary = "list cost models, generations and model parameters",
    .usage = "usage: virtsim modes [--params] [--format table|json] [--json]\n"
             "\n"
             "Lists the cost models (emulation, pv, hvm, sriov, native), the\n"
             "generations that assign one to each path of an operation (cpu,\n"
             "net, storage, irq), and with --params every model parameter with\n"
             "its default, unit, valid range, status and source.\n"
             "\n"
             "options:\n"
             "  --params       list the model parameters instead\n"
             "  --format FMT   table (default) or json, on stdout\n"
             "  --json         the same as --format json\n"
             "  -h, --help     show this help\n",
    .run = modes_run,
};
