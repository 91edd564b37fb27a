/*
 * cmd_modes.c - `virtsim modes`: the cost models, the generations that
 * combine them, and (with --params) every model parameter with its
 * default, unit, status and source.
 */
#include <stdio.h>
#include <string.h>

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
           "scenario or --param NAME=VALUE)\n");
    printf("status: V verified, S secondary, R recalled, D derived, "
           "C chosen (no published figure)\n\n");
    for (i = 0; i < PARAM_COUNT; i++) {
        const struct param_info *pi = param_info((enum param_id)i);

        printf("%-34s %10g %-12s %s  [%g, %g]\n", pi->name, pi->def, pi->unit,
               pi->status, pi->min, pi->max);
        printf("    %s\n", pi->source);
    }
}

static int modes_run(int argc, char **argv)
{
    static const char *const known[] = {"--params", "--help"};
    struct diag dg;
    int i, params = 0;

    diag_init(&dg, "virtsim modes");
    for (i = 1; i < argc; i++) {
        if (opt_is_help(argv[i])) {
            command_print_usage(&modes_command, stdout);
            return 0;
        }
        if (!strcmp(argv[i], "--params")) {
            params = 1;
            continue;
        }
        opt_unknown(argv[i], known, 2, &dg);
        return opt_fail(&dg, "modes");
    }
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
    .usage = "usage: virtsim modes [--params]\n"
             "\n"
             "Lists the cost models (emulation, pv, hvm, sriov, native), the\n"
             "generations that assign one to each path of an operation (cpu,\n"
             "net, storage, irq), and with --params every model parameter with\n"
             "its default, unit, valid range, status and source.\n"
             "\n"
             "options:\n"
             "  --params   list the model parameters instead\n"
             "  --help     show this help\n",
    .run = modes_run,
};
