/*
 * cmd_workloads.c - `virtsim workloads [NAME]`: the workload generators
 * with their parameters, defaults and sources, and the request each
 * builds with its defaults; then the arrival processes and distributions
 * a custom workload can use. Reads workloads/ only; writes stdout.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/opt.h"
#include "workloads/generator.h"

/* One op as "net_rx bytes=512" with every amount that is not zero. */
static void print_op(const struct op_template *ot)
{
    int f;

    printf("%s", op_kind_name(ot->kind));
    for (f = 0; f < OP_FIELD_END; f++) {
        const struct dist *d = &ot->amount[f];
        char buf[96];

        if (!op_field_applies(f, ot->kind) ||
            (d->kind == DIST_CONST && d->a == 0 &&
             !op_field_required(f, ot->kind)))
            continue;
        dist_describe(d, buf, sizeof(buf));
        printf(" %s=%s", op_field_info(f)->key, buf);
    }
}

static int same_op(const struct op_template *x, const struct op_template *y)
{
    int f;

    if (x->kind != y->kind)
        return 0;
    for (f = 0; f < OP_FIELD_END; f++) {
        const struct dist *a = &x->amount[f], *b = &y->amount[f];

        if (a->kind != b->kind || a->a != b->a || a->b != b->b ||
            a->samples != b->samples)
            return 0;
    }
    return 1;
}

static void print_request(const struct request_template *t)
{
    size_t i, j;

    for (i = 0; i < t->nvariants; i++) {
        const struct request_variant *v = &t->variants[i];

        if (t->nvariants > 1)
            printf("    %s (%.3g%%):\n", v->name,
                   100 * v->weight / t->total_weight);
        for (j = 0; j < v->nops; j++) {
            size_t same = 1;

            /* Runs of identical ops (oltp's page reads) print once. */
            while (j + same < v->nops && same_op(&v->ops[j], &v->ops[j + same]))
                same++;
            printf("      ");
            print_op(&v->ops[j]);
            if (same > 1)
                printf("  (x%zu)", same);
            printf("\n");
            j += same - 1;
        }
    }
}

static void print_arrival(const struct arrival *a)
{
    char buf[96];

    switch (a->kind) {
    case ARRIVAL_POISSON:
    case ARRIVAL_CONSTANT:
        printf("open, %s at %g requests/s", arrival_kind_name(a->kind),
               a->rate_rps);
        break;
    case ARRIVAL_BURSTY:
        printf("open, bursty: mean %g requests/s, bursts of %g s at %g/s "
               "every %g s on average", a->rate_rps, a->on_s, a->on_rate_rps,
               a->on_s + a->off_s);
        break;
    case ARRIVAL_CLOSED:
        dist_describe(&a->think_s, buf, sizeof(buf));
        printf("closed, %u clients, think time %s s", a->clients, buf);
        break;
    case ARRIVAL_TRACE:
    case ARRIVAL_KIND_COUNT:
        break;
    }
}

static void print_generator(const struct generator_ops *g)
{
    double v[GENERATOR_MAX_PARAMS];
    struct workload w;
    size_t i;

    printf("%s: %s\n", g->name, g->summary);
    printf("  source: %s\n", g->source);
    printf("  %-18s %12s  %s\n", "parameter", "default", "meaning");
    for (i = 0; i < g->nparams; i++) {
        const struct gen_param *p = &g->params[i];

        printf("  %-18s %12g  %s\n", p->name, p->def, p->doc);
    }
    generator_defaults(g, v);
    generator_build(g, v, &w);
    printf("  arrivals: ");
    print_arrival(&w.arrival);
    printf("\n  request%s with the defaults:\n",
           w.request.nvariants > 1 ? "s" : "");
    print_request(&w.request);
    workload_release(&w);
}

static void print_custom(void)
{
    printf("custom workloads: {\"arrival\": {...}, \"request\": [op, ...]} "
           "or \"mix\": [{\"name\", \"weight\", \"request\"}, ...]\n"
           "  arrival processes:\n"
           "    poisson    rate_rps\n"
           "    constant   rate_rps\n"
           "    bursty     rate_rps (mean), on_s, off_s, off_rate_rps "
           "(default 0): a two-state MMPP\n"
           "    closed     clients, think_s (a distribution, default 0)\n"
           "    trace      file, format (csv or jsonl), speedup (default 1)\n"
           "  ops: compute (cycles, syscalls, page_faults, pt_updates, "
           "privileged),\n"
           "       net_rx, net_tx, disk_read, disk_write (bytes), sleep "
           "(seconds), irq, timer (count)\n"
           "  amounts: a number, or {\"dist\": \"const\" (value), "
           "\"exponential\" (mean),\n"
           "       \"lognormal\" (mean, cv), \"uniform\" (min, max), "
           "\"pareto\" (alpha, min or mean),\n"
           "       \"empirical\" (file or samples)}\n");
}

static json_t *generator_json(const struct generator_ops *g)
{
    json_t *params = json_array();
    size_t i;

    for (i = 0; i < g->nparams; i++) {
        const struct gen_param *p = &g->params[i];

        json_array_append_new(params, json_pack("{s:s, s:f, s:f, s:f, s:b, "
                              "s:s}", "name", p->name, "default", p->def,
                              "min", p->min, "max", p->max, "integer",
                              p->integer, "doc", p->doc));
    }
    return json_pack("{s:s, s:s, s:s, s:o}", "name", g->name, "summary",
                     g->summary, "source", g->source, "params", params);
}

static int print_json(const struct generator_ops *only)
{
    json_t *arr = json_array(), *doc = json_object();
    size_t i;

    for (i = 0; i < generator_count(); i++)
        if (!only || generator_at(i) == only)
            json_array_append_new(arr, generator_json(generator_at(i)));
    json_object_set_new(doc, "generators", arr);
    return cli_print_json(doc, "virtsim workloads");
}

enum { K_FORMAT = OPT_LONG_ONLY, K_JSON };

static const struct opt_def workloads_defs[] = {
    {"format", K_FORMAT, OPT_VALUE},
    {"json", K_JSON, OPT_FLAG},
};
#define N_WORKLOADS_DEFS (sizeof(workloads_defs) / sizeof(workloads_defs[0]))

static int workloads_run(int argc, char **argv)
{
    static const char *const docs[] = {"table", "json"};
    const struct generator_ops *only = NULL;
    const char *format = "table", *a;
    struct opt_parser p;
    struct diag dg;
    size_t i;
    int k;

    if (opt_wants_help(argc, argv, workloads_defs, N_WORKLOADS_DEFS)) {
        command_print_usage(&workloads_command, stdout);
        return 0;
    }
    diag_init(&dg, "virtsim workloads");
    opt_parser_init(&p, argc, argv, workloads_defs, N_WORKLOADS_DEFS);
    while ((k = opt_next(&p, &a, &dg)) != OPT_END) {
        if (k == K_JSON) {
            format = "json";
        } else if (k == K_FORMAT) {
            cli_parse_format(a, docs, 2, &format, &dg);
        } else if (k != OPT_ARG) {
            ;   /* an error, already recorded */
        } else if (only) {
            diag_set(&dg, 0, 0, "unexpected argument '%s'", a);
        } else if (!(only = generator_find(a))) {
            const char *near = generator_near_miss(a);
            char names[256];

            generator_names(names, sizeof(names));
            if (near)
                diag_set(&dg, 0, 0, "unknown generator '%s' (did you mean "
                         "'%s'?)", a, near);
            else
                diag_set(&dg, 0, 0, "unknown generator '%s'; valid: %s", a,
                         names);
        }
        if (dg.count)
            return opt_fail(&dg, "workloads");
    }
    if (strcmp(format, "json") == 0)
        return print_json(only);
    if (only) {
        print_generator(only);
        return 0;
    }
    printf("generators: \"workload\": {\"generator\": NAME, PARAMETER: "
           "VALUE, ..., \"arrival\": {...}}\n\n");
    for (i = 0; i < generator_count(); i++) {
        print_generator(generator_at(i));
        printf("\n");
    }
    print_custom();
    return 0;
}

const struct command workloads_command = {
    .name = "workloads",
    .summary = "list workload generators with their parameters",
    .usage = "usage: virtsim workloads [NAME] [--format table|json] [--json]\n"
             "\n"
             "Lists the workload generators (hft, kv, microservices, web,\n"
             "bigdata, oltp, batch, storage): each one's parameters with their\n"
             "defaults and where each default comes from (a public\n"
             "characterization, or \"chosen\" where none was at hand), its\n"
             "arrival process and the request it draws with the defaults. Then\n"
             "the arrival processes, ops and distributions a custom workload\n"
             "can use. With NAME, shows that generator only.\n"
             "\n"
             "In a scenario: \"workload\": {\"generator\": \"web\", \"rate_rps\": "
             "8000}\n"
             "\n"
             "options:\n"
             "  --format FMT   table (default) or json (each generator's\n"
             "                 parameters with defaults, ranges and sources)\n"
             "  --json         the same as --format json\n"
             "  -h, --help     show this help\n",
    .run = workloads_run,
};
