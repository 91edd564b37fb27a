/*
 * cmd_explain.c - `virtsim explain`: the teaching view. One operation on
 * one instance, planned under every cost model of its path, demand by
 * demand (resource, category, amount, time, reason), then under the
 * generation the instance actually runs, with the totals side by side.
 * Times are those of an idle machine: queueing is what `run` adds.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/opt.h"
#include "models/catalog.h"
#include "models/cost_model.h"
#include "models/generation.h"
#include "models/guest.h"
#include "models/plan.h"
#include "base/xalloc.h"
#include "workloads/request.h"

struct explain_opts {
    const char *instance;
    const char *op_spec;
    const char *generation;
    struct op op;
    struct param_set params;
    int json;               /* --format json: one document on stdout */
};

/* What a plan adds up to. */
struct totals {
    double cpu_cycles;          /* host CPU, every CPU category */
    double guest_cycles;        /* guest_user + guest_kernel */
    double idle_latency_s;      /* sum of demand times, no queueing */
};

/* Parses SIZE with an optional k/M/G suffix (powers of 1024). */
static int parse_size(const char *s, double *out, struct diag *dg)
{
    char buf[64];
    size_t len = strlen(s);
    double mult = 1;

    if (len == 0 || len >= sizeof(buf))
        return diag_set(dg, 0, 0, "bad size '%s' in --op", s);
    memcpy(buf, s, len + 1);
    switch (buf[len - 1]) {
    case 'k': case 'K': mult = 1024; break;
    case 'm': case 'M': mult = 1024.0 * 1024; break;
    case 'g': case 'G': mult = 1024.0 * 1024 * 1024; break;
    default: break;
    }
    if (mult != 1)
        buf[len - 1] = '\0';
    /* The message shows the size as given, suffix and all. */
    if (opt_parse_double("--op size", buf, out, NULL) < 0)
        return diag_set(dg, 0, 0, "--op size must be a number with an "
                        "optional k, M or G, got '%s'", s);
    if (*out < 0)
        return diag_set(dg, 0, 0, "--op size must be >= 0, got %s", s);
    *out *= mult;
    return 0;
}

/*
 * A size is bounded as the same amount in a scenario's op is (a terabyte,
 * an hour of cycles, a billion events): past it, almost surely a unit
 * mistake, and figures past the range of the time printed.
 */
static int check_size(const char *name, enum op_kind k, double size,
                      struct diag *dg)
{
    enum op_field f = k == OP_COMPUTE ? OP_FIELD_CYCLES
                      : k == OP_IRQ || k == OP_TIMER ? OP_FIELD_COUNT
                      : OP_FIELD_BYTES;
    const struct op_field_info *fi = op_field_info(f);

    if (size > fi->max)
        return diag_set(dg, 0, 0, "--op %s: size %g is out of range: %s "
                        "at most %g", name, size, fi->key, fi->max);
    return 0;
}

/* Parses OP[:SIZE] into o->op, with the defaults of each kind. */
static int parse_op(const char *spec, struct op *op, struct diag *dg)
{
    const char *kinds[OP_KIND_COUNT];
    size_t nkinds = 0;
    char name[32];
    const char *colon = strchr(spec, ':');
    size_t len = colon ? (size_t)(colon - spec) : strlen(spec);
    double size = -1;
    int k;

    if (len >= sizeof(name))
        len = sizeof(name) - 1;
    memcpy(name, spec, len);
    name[len] = '\0';
    k = op_kind_from_name(name);
    if (k < 0 || k == OP_SLEEP) {
        /* Every op but sleep, which takes no time on a resource. */
        for (k = 0; k < OP_KIND_COUNT; k++)
            if (k != OP_SLEEP)
                kinds[nkinds++] = op_kind_name((enum op_kind)k);
        return diag_unknown(dg, "op", name, kinds, nkinds, NULL);
    }
    if (colon && parse_size(colon + 1, &size, dg) < 0)
        return -1;
    if (colon && check_size(name, (enum op_kind)k, size, dg) < 0)
        return -1;
    op->kind = (enum op_kind)k;
    switch (op->kind) {
    case OP_COMPUTE:
        op->cycles = size >= 0 ? size : 100000;
        break;
    case OP_NET_RX:
    case OP_NET_TX:
        op->bytes = size >= 0 ? size : 1500;
        break;
    case OP_DISK_READ:
    case OP_DISK_WRITE:
        op->bytes = size >= 0 ? size : 4096;
        break;
    default:
        op->count = size >= 0 ? size : 1;
        break;
    }
    return 0;
}

/* Parses NAME=VALUE of --param into the parameter set. */
static int parse_param(const char *arg, struct param_set *p, struct diag *dg)
{
    const char *eq = strchr(arg, '=');
    char name[64];
    double v;

    if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof(name))
        return diag_set(dg, 0, 0, "--param needs NAME=VALUE, got '%s'", arg);
    memcpy(name, arg, (size_t)(eq - arg));
    name[eq - arg] = '\0';
    if (opt_parse_double("--param", eq + 1, &v, dg) < 0)
        return -1;
    return param_set_value(p, name, v, dg);
}

static int parse_count(const char *name, const char *val, double *out,
                       struct diag *dg)
{
    if (opt_parse_double(name, val, out, dg) < 0)
        return -1;
    if (*out < 0)
        return diag_set(dg, 0, 0, "%s must be >= 0, got %s", name, val);
    return 0;
}

enum {
    K_INSTANCE = OPT_LONG_ONLY, K_OP, K_GENERATION, K_SYSCALLS,
    K_PAGE_FAULTS, K_PT_UPDATES, K_PRIVILEGED, K_CTX_SWITCHES, K_PARAM,
    K_FORMAT, K_JSON,
};

static const struct opt_def explain_defs[] = {
    {"instance", K_INSTANCE, OPT_VALUE},
    {"op", K_OP, OPT_VALUE},
    {"generation", K_GENERATION, OPT_VALUE},
    {"syscalls", K_SYSCALLS, OPT_VALUE},
    {"page-faults", K_PAGE_FAULTS, OPT_VALUE},
    {"pt-updates", K_PT_UPDATES, OPT_VALUE},
    {"privileged", K_PRIVILEGED, OPT_VALUE},
    {"ctx-switches", K_CTX_SWITCHES, OPT_VALUE},
    {"param", K_PARAM, OPT_VALUE},
    {"format", K_FORMAT, OPT_VALUE},
    {"json", K_JSON, OPT_FLAG},
};
#define N_EXPLAIN_DEFS (sizeof(explain_defs) / sizeof(explain_defs[0]))

static int parse_option(int k, const char *v, struct explain_opts *o,
                        struct diag *dg)
{
    static const char *const docs[] = {"table", "json"};
    const char *format;

    switch (k) {
    case K_INSTANCE:
        o->instance = v;
        return 0;
    case K_OP:
        o->op_spec = v;
        return 0;
    case K_GENERATION:
        o->generation = v;
        return 0;
    case K_SYSCALLS:
        return parse_count("--syscalls", v, &o->op.syscalls, dg);
    case K_PAGE_FAULTS:
        return parse_count("--page-faults", v, &o->op.page_faults, dg);
    case K_PT_UPDATES:
        return parse_count("--pt-updates", v, &o->op.pt_updates, dg);
    case K_PRIVILEGED:
        return parse_count("--privileged", v, &o->op.privileged, dg);
    case K_CTX_SWITCHES:
        return parse_count("--ctx-switches", v, &o->op.ctx_switches, dg);
    case K_PARAM:
        return parse_param(v, &o->params, dg);
    case K_FORMAT:
        if (cli_parse_format(v, docs, 2, &format, dg) < 0)
            return -1;
        o->json = strcmp(format, "json") == 0;
        return 0;
    case K_JSON:
        o->json = 1;
        return 0;
    }
    return 0;
}

static int parse_args(int argc, char **argv, struct explain_opts *o,
                      struct diag *dg)
{
    struct opt_parser p;
    const char *v;
    int k;

    opt_parser_init(&p, argc, argv, explain_defs, N_EXPLAIN_DEFS);
    while ((k = opt_next(&p, &v, dg)) != OPT_END) {
        if (k == OPT_ERROR)
            return -1;
        if (k == OPT_ARG)
            return diag_set(dg, 0, 0, "unexpected argument '%s' (the "
                            "operation is --op OP[:SIZE])", v);
        if (parse_option(k, v, o, dg) < 0)
            return -1;
    }
    if (!o->instance)
        return diag_set(dg, 0, 0, "--instance is required");
    if (!o->op_spec)
        return diag_set(dg, 0, 0, "--op is required");
    return parse_op(o->op_spec, &o->op, dg);
}

/* Seconds a demand takes on an idle instance. */
static double demand_seconds(const struct demand *d,
                             const struct instance_profile *ip)
{
    double gbps = ip->net_burst_gbps > ip->net_baseline_gbps
                      ? ip->net_burst_gbps : ip->net_baseline_gbps;

    switch (d->res) {
    case RES_VCPU:
    case RES_BACKEND:
    case RES_EMULATOR:
        return d->amount / catalog_work_hz(ip);
    case RES_NIC:
        return d->amount * 8 / (gbps * 1e9);
    case RES_CARD:
    case RES_DISK:
    case RES_STORAGE_NET:
        return d->amount / 1e12;
    case RES_IRQ:
    case RES_COUNT:
        break;
    }
    return 0;
}

static void format_seconds(double s, char *buf, size_t n)
{
    if (s < 1e-6)
        snprintf(buf, n, "%.1f ns", s * 1e9);
    else if (s < 1e-3)
        snprintf(buf, n, "%.2f us", s * 1e6);
    else
        snprintf(buf, n, "%.2f ms", s * 1e3);
}

static void format_amount(const struct demand *d, char *buf, size_t n)
{
    const char *unit = resource_unit(d->res);

    if (d->res == RES_CARD || d->res == RES_DISK || d->res == RES_STORAGE_NET) {
        format_seconds(d->amount / 1e12, buf, n);
        return;
    }
    if (d->count != 1)
        snprintf(buf, n, "%.4g x %.4g %s", d->count, d->unit, unit);
    else
        snprintf(buf, n, "%.0f %s", d->amount, unit);
}

/*
 * Prints the plan's demands as a table, or appends them to arr when it is
 * not NULL; returns what they add up to.
 */
static struct totals print_plan(const struct demand_list *l,
                                const struct instance_profile *ip,
                                json_t *arr)
{
    struct totals t = {0};
    size_t i;

    if (!arr)
        printf("  %2s  %-11s %-16s %-24s %10s  %s\n", "#", "resource",
               "category", "amount", "time", "why");
    for (i = 0; i < l->len; i++) {
        const struct demand *d = &l->d[i];
        char amount[48], time[24];
        double s = demand_seconds(d, ip);

        if (arr) {
            json_array_append_new(arr, json_pack("{s:s, s:s, s:f, s:f, s:f, "
                                  "s:s, s:f, s:s}", "resource",
                                  resource_name(d->res), "category",
                                  category_name(d->cat), "count", d->count,
                                  "per", d->unit, "amount", d->amount,
                                  "unit", resource_unit(d->res), "seconds", s,
                                  "why", d->why));
        } else {
            format_amount(d, amount, sizeof(amount));
            format_seconds(s, time, sizeof(time));
            printf("  %2zu  %-11s %-16s %-24s %10s  %s\n", i + 1,
                   resource_name(d->res), category_name(d->cat), amount, time,
                   d->why);
        }
        t.idle_latency_s += s;
        if (category_is_cpu(d->cat) &&
            (d->res == RES_VCPU || d->res == RES_BACKEND ||
             d->res == RES_EMULATOR)) {
            t.cpu_cycles += d->amount;
            if (d->cat == CAT_GUEST_USER || d->cat == CAT_GUEST_KERNEL)
                t.guest_cycles += d->amount;
        }
    }
    return t;
}

static void print_totals(const struct totals *t)
{
    char lat[24];

    format_seconds(t->idle_latency_s, lat, sizeof(lat));
    printf("  = host CPU %.0f cycles (guest's own %.0f, overhead %.0f = "
           "%.0f%%); idle-machine time %s\n", t->cpu_cycles, t->guest_cycles,
           t->cpu_cycles - t->guest_cycles,
           t->guest_cycles > 0
               ? 100 * (t->cpu_cycles - t->guest_cycles) / t->guest_cycles : 0,
           lat);
}

/*
 * The lesson's steps of model m over plan l, numbered, each with its CPU
 * cycles and idle-machine time; as text, or appended to arr.
 */
static void print_steps(const struct cost_model_ops *m,
                        const struct demand_list *l,
                        const struct instance_profile *ip, json_t *arr)
{
    size_t n, k, i;
    const struct lesson_step *st = cost_model_steps(m, &n);

    if (!st)
        return;
    if (!arr)
        printf("  the lesson's steps:\n");
    for (k = 0; k < n; k++) {
        double cycles = 0, secs = 0;
        char time[24];

        for (i = 0; i < l->len; i++) {
            const struct demand *d = &l->d[i];

            if (!(st[k].cats & LESSON_CAT(d->cat)))
                continue;
            secs += demand_seconds(d, ip);
            if (category_is_cpu(d->cat) && d->res != RES_NIC &&
                d->res != RES_CARD && d->res != RES_DISK &&
                d->res != RES_STORAGE_NET)
                cycles += d->amount;
        }
        if (arr) {
            json_array_append_new(arr, json_pack(
                "{s:i, s:s, s:b, s:f, s:f, s:s}", "step", (int)k + 1, "name",
                st[k].name, "folded", st[k].cats == 0, "cycles", cycles,
                "seconds", secs, "what", st[k].what));
        } else if (st[k].cats == 0) {
            printf("   %zu. %-12s %14s %10s  %s\n", k + 1, st[k].name, "-", "-",
                   st[k].what);
        } else {
            char cyc[32] = "-";

            if (st[k].cats & ~LESSON_DEVICE)
                snprintf(cyc, sizeof(cyc), "%.0f cycles", cycles);
            format_seconds(secs, time, sizeof(time));
            printf("   %zu. %-12s %14s %10s  %s\n", k + 1, st[k].name, cyc,
                   time, st[k].what);
        }
    }
}

/* A plan as JSON: its demands (taken) and totals. */
static json_t *plan_json(const char *model, json_t *demands,
                         const struct totals *t)
{
    return json_pack("{s:s, s:o, s:f, s:f, s:f}", "model", model, "demands",
                     demands, "host_cpu_cycles", t->cpu_cycles,
                     "guest_cycles", t->guest_cycles, "idle_seconds",
                     t->idle_latency_s);
}

static void describe_op(const struct op *op, char *buf, size_t n)
{
    switch (op->kind) {
    case OP_COMPUTE:
        snprintf(buf, n, "compute of %.0f cycles, %g syscalls, %g page faults, "
                 "%g page-table updates, %g privileged instructions, "
                 "%g address-space switches",
                 op->cycles, op->syscalls, op->page_faults, op->pt_updates,
                 op->privileged, op->ctx_switches);
        break;
    case OP_IRQ:
    case OP_TIMER:
        snprintf(buf, n, "%g %s", op->count,
                 op->kind == OP_IRQ ? "device interrupt(s)" : "timer tick(s)");
        break;
    default:
        snprintf(buf, n, "%s of %.0f bytes", op_kind_name(op->kind), op->bytes);
        break;
    }
}

/*
 * The plans of every cost model of the op's path, then under generation
 * g, then the summary: as text on stdout, or as one JSON document when
 * o->json. Returns the exit status.
 */
static int explain(const struct explain_opts *o,
                   const struct instance_profile *ip,
                   const struct generation *g)
{
    enum path path = path_of_op(o->op.kind);
    struct demand_list scratch, out;
    struct totals *tot = xcalloc(cost_model_count(), sizeof(*tot));
    const struct cost_model_ops **m = xcalloc(cost_model_count(), sizeof(*m));
    json_t *doc = NULL, *plans = NULL, *demands = NULL;
    struct diag dg;
    char what[256];
    size_t i, n = cost_model_count();
    int rc = 0;

    diag_init(&dg, "virtsim explain");
    demand_list_init(&scratch);
    demand_list_init(&out);
    describe_op(&o->op, what, sizeof(what));
    if (o->json) {
        doc = json_pack("{s:s, s:s, s:i, s:f, s:s}", "operation", what,
                        "instance", ip->name, "vcpus", (int)ip->vcpus,
                        "cpu_ghz", ip->cpu_ghz, "path", path_name(path));
        plans = json_array();
        json_object_set_new(doc, "models", plans);
    } else {
        printf("%s on %s (%u vCPU at %.1f GHz), %s path\n", what, ip->name,
               ip->vcpus, ip->cpu_ghz, path_name(path));
        printf("times are for an idle machine; queueing under load is what "
               "`virtsim run` simulates\n");
        if (path == PATH_NET)
            printf("each network op pays its own interrupt here; under load "
                   "`virtsim run` coalesces them (NAPI polls, moderation "
                   "timers)\n");
    }
    for (i = 0; i < n; i++) {
        m[i] = cost_model_at(i);
        if (cost_model_check(m[i], &o->params, &dg) < 0) {
            rc = -1;
            break;
        }
        if (!o->json)
            printf("\n%s: %s\n", m[i]->name, m[i]->summary);
        demand_list_clear(&out);
        /* Each mode delivers its own interrupts (sriov's plan defers to hvm). */
        plan_with(m[i], m[i], &o->params, &o->op, &scratch, &out);
        demands = o->json ? json_array() : NULL;
        tot[i] = print_plan(&out, ip, demands);
        if (o->json) {
            json_t *pj = plan_json(m[i]->name, demands, &tot[i]);
            json_t *steps = json_array();

            print_steps(m[i], &out, ip, steps);
            json_object_set_new(pj, "steps", steps);
            json_array_append_new(plans, pj);
        } else {
            print_totals(&tot[i]);
            print_steps(m[i], &out, ip, NULL);
        }
    }
    if (rc == 0) {
        struct planner pl;

        if (planner_init(&pl, g, &o->params, &dg) < 0) {
            rc = -1;
        } else {
            struct totals t;

            if (!o->json)
                printf("\nunder generation %s (%s): %s path %s, interrupts "
                       "%s\n", g->name, g->title, path_name(path),
                       pl.model[path]->name, pl.model[PATH_IRQ]->name);
            demand_list_clear(&out);
            planner_plan(&pl, &o->op, &out);
            demands = o->json ? json_array() : NULL;
            t = print_plan(&out, ip, demands);
            if (o->json) {
                json_t *gp = plan_json(pl.model[path]->name, demands, &t);

                json_object_set_new(gp, "generation", json_string(g->name));
                json_object_set_new(gp, "irq_model",
                                    json_string(pl.model[PATH_IRQ]->name));
                json_object_set_new(doc, "under_generation", gp);
            } else {
                print_totals(&t);
            }
            planner_release(&pl);
        }
    }
    if (rc == 0) {
        double base = tot[n - 1].cpu_cycles;

        if (!o->json)
            printf("\nsummary: host CPU per operation, relative to native\n");
        for (i = 0; i < n; i++) {
            double rel = base > 0 ? tot[i].cpu_cycles / base : 0;

            if (o->json)
                json_object_set_new(json_array_get(plans, i),
                                    "relative_to_native", json_real(rel));
            else
                printf("  %-12s %10.0f cycles  %6.2fx  %s\n", m[i]->name,
                       tot[i].cpu_cycles, rel, m[i]->lesson);
        }
    }
    demand_list_release(&scratch);
    demand_list_release(&out);
    free(tot);
    free(m);
    if (rc < 0) {
        json_decref(doc);
        diag_print(&dg, stderr);
        return 2;
    }
    return doc ? cli_print_json(doc, "virtsim explain") : 0;
}

static int explain_run(int argc, char **argv)
{
    struct explain_opts o;
    const struct instance_profile *ip;
    const struct generation *g;
    struct diag dg;

    if (opt_wants_help(argc, argv, explain_defs, N_EXPLAIN_DEFS)) {
        command_print_usage(&explain_command, stdout);
        return 0;
    }
    memset(&o, 0, sizeof(o));
    param_set_defaults(&o.params);
    diag_init(&dg, "virtsim explain");
    if (parse_args(argc, argv, &o, &dg) < 0)
        return opt_fail(&dg, "explain");
    ip = catalog_find(o.instance, &dg);
    if (!ip)
        return opt_fail(&dg, "explain");
    g = generation_find(o.generation ? o.generation : ip->generation, &dg);
    if (!g)
        return opt_fail(&dg, "explain");
    return explain(&o, ip, g);
}

const struct command explain_command = {
    .name = "explain",
    .summary = "show the path of one operation under each cost model",
    .usage = "usage: virtsim explain --instance NAME --op OP[:SIZE] [--generation G]\n"
             "                       [--syscalls N] [--page-faults N] [--pt-updates N]\n"
             "                       [--privileged N] [--ctx-switches N]\n"
             "                       [--param NAME=VALUE]...\n"
             "                       [--format table|json] [--json]\n"
             "\n"
             "Plans one operation under every cost model of its path (emulation,\n"
             "pv, hvm, sriov, native), demand by demand: the resource it uses, the\n"
             "CPU category it is accounted to, cycles or bytes, the time it takes on\n"
             "an idle instance, and why. Then the same operation under the\n"
             "instance's generation (or --generation), and a summary of host CPU\n"
             "per operation relative to bare metal.\n"
             "\n"
             "OP is compute (SIZE = cycles, default 100000), net_rx or net_tx (SIZE\n"
             "= bytes, default 1500), disk_read or disk_write (bytes, default 4096),\n"
             "irq or timer (SIZE = count, default 1). Byte sizes take k, M, G.\n"
             "\n"
             "options:\n"
             "  --instance NAME      catalog instance (see `virtsim instances`)\n"
             "  --op OP[:SIZE]       the operation\n"
             "  --generation G       plan under G instead of the instance's own\n"
             "  --syscalls N, --page-faults N, --pt-updates N, --privileged N,\n"
             "  --ctx-switches N\n"
             "                       kernel events of a compute op (default 0)\n"
             "  --param NAME=VALUE   override a model parameter (`virtsim modes --params`)\n"
             "  --format FMT         table (default) or json: the plans, their\n"
             "                       demands and totals as one document\n"
             "  --json               the same as --format json\n"
             "  -h, --help           show this help\n"
             "\n"
             "example: virtsim explain --instance c4.large --op net_rx:1500\n",
    .run = explain_run,
};
