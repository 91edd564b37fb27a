/*
 * cmd_instances.c - `virtsim instances [filters] [--format table|json|csv]`:
 * the instance catalog (models/catalog.c) as a table for people, or every
 * field as JSON or CSV for scripts, optionally filtered by family, size,
 * architecture, hypervisor and default generation. Reads the catalog only;
 * writes stdout.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "cli/commands.h"
#include "cli/opt.h"
#include "models/catalog.h"
#include "base/diag.h"

/* Reals print with up to 15 significant digits: 0.064, not 0.0640000...1. */
#define JSON_FLAGS \
    (JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))

enum out_format { OUT_TABLE, OUT_JSON, OUT_CSV };

struct instances_opts {
    enum out_format format;
    const char *family;         /* NULL: every family */
    double min_vcpus;           /* 0: no floor */
    double min_memory_gib;
    double min_gbps;            /* network baseline */
    const char *arch;           /* NULL: any; else "x86_64" or "arm64" */
    const char *hypervisor;     /* NULL: any; else "nitro", "xen", "metal" */
    const char *generation;     /* NULL: any default generation */
};

enum {
    K_FORMAT = OPT_LONG_ONLY, K_JSON, K_FAMILY, K_MIN_VCPUS, K_MIN_MEMORY,
    K_MIN_GBPS, K_ARCH, K_HYPERVISOR, K_GENERATION,
};

static const struct opt_def instances_defs[] = {
    {"format", K_FORMAT, OPT_VALUE},
    {"json", K_JSON, OPT_FLAG},
    {"family", K_FAMILY, OPT_VALUE},
    {"min-vcpus", K_MIN_VCPUS, OPT_VALUE},
    {"min-memory", K_MIN_MEMORY, OPT_VALUE},
    {"min-gbps", K_MIN_GBPS, OPT_VALUE},
    {"arch", K_ARCH, OPT_VALUE},
    {"hypervisor", K_HYPERVISOR, OPT_VALUE},
    {"generation", K_GENERATION, OPT_VALUE},
};
#define N_INSTANCES_DEFS (sizeof(instances_defs) / sizeof(instances_defs[0]))

static const char *const archs[] = {"x86_64", "arm64"};
static const char *const hypervisors[] = {"nitro", "xen", "metal"};

/*
 * Checks v against the n names of `valid`; records "--OPT must be one of
 * ..., got 'v'" in dg on a miss. Returns 0 or -1.
 */
static int one_of(const char *opt, const char *v, const char *const *valid,
                  size_t n, struct diag *dg)
{
    char list[128] = "";
    size_t i;

    for (i = 0; i < n; i++) {
        if (strcmp(v, valid[i]) == 0)
            return 0;
        snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
                 i ? ", " : "", valid[i]);
    }
    return diag_set(dg, 0, 0, "%s must be one of %s, got '%s'", opt, list, v);
}

/* A --min-* value: a finite number >= 0. Returns 0 or -1 (dg filled). */
static int parse_min(const char *opt, const char *v, double *out,
                     struct diag *dg)
{
    if (opt_parse_double(opt, v, out, dg) < 0)
        return -1;
    if (*out < 0)
        return diag_set(dg, 0, 0, "%s must be >= 0, got %s", opt, v);
    return 0;
}

static int parse_option(int k, const char *v, struct instances_opts *o,
                        struct diag *dg)
{
    switch (k) {
    case K_JSON:
        o->format = OUT_JSON;
        break;
    case K_FORMAT:
        if (strcmp(v, "table") == 0)
            o->format = OUT_TABLE;
        else if (strcmp(v, "json") == 0)
            o->format = OUT_JSON;
        else if (strcmp(v, "csv") == 0)
            o->format = OUT_CSV;
        else
            diag_set(dg, 0, 0, "--format must be one of table, json, csv, "
                     "got '%s'", v);
        break;
    case K_FAMILY:
        if (v[0] == '\0')
            diag_set(dg, 0, 0, "--family needs a value");
        else
            o->family = v;
        break;
    case K_MIN_VCPUS:
        parse_min("--min-vcpus", v, &o->min_vcpus, dg);
        break;
    case K_MIN_MEMORY:
        parse_min("--min-memory", v, &o->min_memory_gib, dg);
        break;
    case K_MIN_GBPS:
        parse_min("--min-gbps", v, &o->min_gbps, dg);
        break;
    case K_ARCH:
        if (one_of("--arch", v, archs, 2, dg) == 0)
            o->arch = v;
        break;
    case K_HYPERVISOR:
        if (one_of("--hypervisor", v, hypervisors, 3, dg) == 0)
            o->hypervisor = v;
        break;
    case K_GENERATION:
        if (v[0] == '\0')
            diag_set(dg, 0, 0, "--generation needs a value");
        else
            o->generation = v;
        break;
    }
    return dg->count ? -1 : 0;
}

static int parse_args(int argc, char **argv, struct instances_opts *o,
                      struct diag *dg, int *help)
{
    struct opt_parser p;
    const char *v;
    int k;

    opt_parser_init(&p, argc, argv, instances_defs, N_INSTANCES_DEFS);
    while (!dg->count && (k = opt_next(&p, &v, dg)) != OPT_END) {
        if (k == OPT_HELP) {
            *help = 1;
            return 0;
        }
        if (k == OPT_ARG)
            diag_set(dg, 0, 0, "unexpected argument '%s'", v);
        else if (k != OPT_ERROR)
            parse_option(k, v, o, dg);
    }
    return dg->count ? -1 : 0;
}

/* ---- families ---- */

/* The distinct families in catalog order; returns how many (<= max). */
static size_t list_families(const char **fams, size_t max)
{
    size_t i, j, n = 0;

    for (i = 0; i < catalog_count(); i++) {
        const char *f = catalog_at(i)->family;

        for (j = 0; j < n && strcmp(fams[j], f) != 0; j++)
            ;
        if (j == n && n < max)
            fams[n++] = f;
    }
    return n;
}

static size_t len_gap(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);

    return la > lb ? la - lb : lb - la;
}

/*
 * The family closest to `word`, or NULL. Among equally distant families,
 * one as long as the word wins (as catalog_find does for names): "c5x" is
 * likelier a mistyped "c5n" than a "c5" with a stray letter.
 */
static const char *family_near_miss(const char *word, const char **fams,
                                    size_t n)
{
    const char *sorted[128];
    size_t i, j, m = n < 128 ? n : 128;

    for (i = 0; i < m; i++) {
        const char *cur = fams[i];

        for (j = i; j > 0 && len_gap(word, sorted[j - 1]) >
                             len_gap(word, cur); j--)
            sorted[j] = sorted[j - 1];
        sorted[j] = cur;
    }
    return diag_near_miss(word, sorted, m);
}

/* Reports an unknown family with a suggestion and the list. Returns 2. */
static int unknown_family(const char *family)
{
    const char *fams[128];
    size_t n = list_families(fams, 128), i;
    const char *near = family_near_miss(family, fams, n);
    struct diag dg;

    diag_init(&dg, "virtsim instances");
    if (near)
        diag_set(&dg, 0, 0, "unknown family '%s' (did you mean '%s'?)",
                 family, near);
    else
        diag_set(&dg, 0, 0, "unknown family '%s'", family);
    diag_print(&dg, stderr);
    fputs("Families:", stderr);
    for (i = 0; i < n; i++)
        fprintf(stderr, " %s", fams[i]);
    fputc('\n', stderr);
    return 2;
}

/* The --hypervisor name of a profile: "nitro", "xen" or "metal". */
static const char *hypervisor_kind(const struct instance_profile *p)
{
    if (strstr(p->hypervisor, "bare metal"))
        return "metal";
    if (strcmp(p->hypervisor, "Xen") == 0)
        return "xen";
    return "nitro";
}

static bool selected(const struct instance_profile *p,
                     const struct instances_opts *o)
{
    if (o->family && strcmp(p->family, o->family) != 0)
        return false;
    if (p->vcpus < o->min_vcpus || p->memory_gib < o->min_memory_gib ||
        p->net_baseline_gbps < o->min_gbps)
        return false;
    if (o->arch && strcmp(p->arch ? p->arch : "", o->arch) != 0)
        return false;
    if (o->hypervisor && strcmp(hypervisor_kind(p), o->hypervisor) != 0)
        return false;
    return !o->generation || strcmp(p->generation, o->generation) == 0;
}

/* ---- the table ---- */

static void print_table(const struct instances_opts *o)
{
    int w = (int)strlen("instance");
    size_t i, shown = 0, unpriced = 0;

    for (i = 0; i < catalog_count(); i++) {
        const struct instance_profile *p = catalog_at(i);

        if (selected(p, o) && (int)strlen(p->name) > w)
            w = (int)strlen(p->name);
    }
    printf("%-*s %5s %7s %5s %15s %8s  %-18s %8s\n", w, "", "", "memory",
           "clock", "network Gb/s", "EBS max", "default", "price");
    printf("%-*s %5s %7s %5s %8s %6s %8s  %-18s %8s  %s\n", w, "instance",
           "vCPUs", "GiB", "GHz", "baseline", "burst", "Mb/s", "generation",
           "USD/hour", "burstable");
    for (i = 0; i < catalog_count(); i++) {
        const struct instance_profile *p = catalog_at(i);
        char burst[16] = "-", ebs[16] = "-", price[16] = "n/a";

        if (!selected(p, o))
            continue;
        shown++;
        if (p->net_burst_gbps > 0)
            snprintf(burst, sizeof(burst), "%g", p->net_burst_gbps);
        if (p->ebs_max_mbps > 0)
            snprintf(ebs, sizeof(ebs), "%.0f", p->ebs_max_mbps);
        if (p->usd_per_hour > 0)
            snprintf(price, sizeof(price), "%.4f", p->usd_per_hour);
        else
            unpriced++;
        printf("%-*s %5u %7.2f %5.1f %8g %6s %8s  %-18s %8s%s\n", w,
               p->name, p->vcpus, p->memory_gib, p->cpu_ghz,
               p->net_baseline_gbps, burst, ebs, p->generation,
               price, p->burstable ? "  yes" : "");
    }
    if (shown == 0)
        printf("(no instance type matches)\n");
    printf("\nburst: the network's short-term burst where the size has one; "
           "EBS max: -\nwhen not EBS-optimized. burstable: CPU credits cap "
           "sustained use (rules in\n--format json). Each clock has a status "
           "(V verified ... C chosen, as\nmodels/params.def): see "
           "clock_status and clock_source in --format json.\nPrices: "
           "on-demand, us-east-1, Linux; n/a where no price source was read"
           "\n(%zu of these).\n", unpriced);
}

/* ---- JSON ---- */

/* A static string, or null when the profile has none. */
static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *profile_json(const struct instance_profile *p)
{
    json_t *o = json_object();

    json_object_set_new(o, "name", json_string(p->name));
    json_object_set_new(o, "family", json_string(p->family));
    json_object_set_new(o, "vcpus", json_integer(p->vcpus));
    json_object_set_new(o, "memory_gib", json_real(p->memory_gib));
    json_object_set_new(o, "cpu_ghz", json_real(p->cpu_ghz));
    json_object_set_new(o, "clock_source", str_or_null(p->clock_source));
    json_object_set_new(o, "clock_status", str_or_null(p->clock_status));
    json_object_set_new(o, "net_baseline_gbps",
                        json_real(p->net_baseline_gbps));
    json_object_set_new(o, "net_burst_gbps", json_real(p->net_burst_gbps));
    json_object_set_new(o, "ebs_baseline_mbps",
                        json_real(p->ebs_baseline_mbps));
    json_object_set_new(o, "ebs_max_mbps", json_real(p->ebs_max_mbps));
    /* Operation counts are whole numbers. */
    json_object_set_new(o, "ebs_baseline_iops",
                        json_integer((json_int_t)p->ebs_baseline_iops));
    json_object_set_new(o, "ebs_max_iops",
                        json_integer((json_int_t)p->ebs_max_iops));
    json_object_set_new(o, "local_read_iops",
                        json_integer((json_int_t)p->local_read_iops));
    json_object_set_new(o, "local_write_iops",
                        json_integer((json_int_t)p->local_write_iops));
    json_object_set_new(o, "generation", json_string(p->generation));
    json_object_set_new(o, "hypervisor", str_or_null(p->hypervisor));
    json_object_set_new(o, "enhanced_networking",
                        str_or_null(p->enhanced_networking));
    json_object_set_new(o, "ena_express", str_or_null(p->ena_express));
    json_object_set_new(o, "efa", json_boolean(p->efa));
    json_object_set_new(o, "processor", str_or_null(p->processor));
    json_object_set_new(o, "cpu_vendor", str_or_null(p->cpu_vendor));
    json_object_set_new(o, "arch", str_or_null(p->arch));
    json_object_set_new(o, "work_per_cycle", json_real(p->work_per_cycle));
    json_object_set_new(o, "work_per_cycle_status",
                        str_or_null(p->work_per_cycle_status));
    json_object_set_new(o, "work_per_cycle_source",
                        str_or_null(p->work_per_cycle_source));
    /* 0 means no price source: null, not a free instance. */
    json_object_set_new(o, "usd_per_hour", p->usd_per_hour > 0
                        ? json_real(p->usd_per_hour) : json_null());
    json_object_set_new(o, "burstable", json_boolean(p->burstable));
    if (p->burstable) {
        const struct credit_rules *c = &p->credits;
        json_t *cr = json_object();

        json_object_set_new(cr, "credits_per_hour",
                            json_real(c->credits_per_hour));
        json_object_set_new(cr, "max_credits", json_real(c->max_credits));
        json_object_set_new(cr, "baseline_per_vcpu",
                            json_real(c->baseline_per_vcpu));
        json_object_set_new(cr, "launch_credits",
                            json_real(c->launch_credits));
        json_object_set_new(cr, "unlimited", json_boolean(c->unlimited));
        json_object_set_new(cr, "surplus_usd_per_vcpu_hour",
                            json_real(c->surplus_usd_per_vcpu_hour));
        json_object_set_new(o, "credits", cr);
    }
    return o;
}

/* Returns 0, or -1 when writing stdout failed. */
static int print_json(const struct instances_opts *opts)
{
    json_t *arr = json_array();
    size_t i;
    int rc;

    for (i = 0; i < catalog_count(); i++) {
        const struct instance_profile *p = catalog_at(i);

        if (selected(p, opts))
            json_array_append_new(arr, profile_json(p));
    }
    rc = json_dumpf(arr, stdout, JSON_FLAGS);
    json_decref(arr);
    if (rc < 0 || fputc('\n', stdout) == EOF)
        return -1;
    return 0;
}

/* ---- CSV ---- */

/* A CSV field: quoted (RFC 4180) when it holds a comma, quote or newline. */
static void csv_text(const char *s)
{
    if (!s)
        return;
    if (!strpbrk(s, ",\"\n")) {
        fputs(s, stdout);
        return;
    }
    putchar('"');
    for (; *s; s++) {
        if (*s == '"')
            putchar('"');
        putchar(*s);
    }
    putchar('"');
}

static void print_csv(const struct instances_opts *o)
{
    size_t i;

    fputs("name,family,vcpus,memory_gib,cpu_ghz,clock_status,"
          "net_baseline_gbps,net_burst_gbps,ebs_baseline_mbps,ebs_max_mbps,"
          "ebs_baseline_iops,ebs_max_iops,local_read_iops,local_write_iops,"
          "generation,hypervisor,enhanced_networking,ena_express,efa,"
          "processor,cpu_vendor,arch,work_per_cycle,work_per_cycle_status,"
          "usd_per_hour,burstable\n", stdout);
    for (i = 0; i < catalog_count(); i++) {
        const struct instance_profile *p = catalog_at(i);

        if (!selected(p, o))
            continue;
        csv_text(p->name);
        printf(",%s,%u,%.15g,%.15g,", p->family, p->vcpus, p->memory_gib,
               p->cpu_ghz);
        csv_text(p->clock_status);
        printf(",%.15g,%.15g,%.15g,%.15g,%.0f,%.0f,%.0f,%.0f,%s,",
               p->net_baseline_gbps, p->net_burst_gbps, p->ebs_baseline_mbps,
               p->ebs_max_mbps, p->ebs_baseline_iops, p->ebs_max_iops,
               p->local_read_iops, p->local_write_iops, p->generation);
        csv_text(p->hypervisor);
        putchar(',');
        csv_text(p->enhanced_networking);
        putchar(',');
        csv_text(p->ena_express);
        printf(",%s,", p->efa ? "true" : "false");
        csv_text(p->processor);
        putchar(',');
        csv_text(p->cpu_vendor);
        putchar(',');
        csv_text(p->arch);
        printf(",%.15g,", p->work_per_cycle);
        csv_text(p->work_per_cycle_status);
        /* An empty field where no price source was read. */
        putchar(',');
        if (p->usd_per_hour > 0)
            printf("%.15g", p->usd_per_hour);
        printf(",%s\n", p->burstable ? "true" : "false");
    }
}

/* ---- the command ---- */

static int instances_run(int argc, char **argv)
{
    struct instances_opts o = {.format = OUT_TABLE};
    struct diag dg;
    int help = 0;

    diag_init(&dg, "virtsim instances");
    if (parse_args(argc, argv, &o, &dg, &help) < 0)
        return opt_fail(&dg, "instances");
    if (help) {
        command_print_usage(&instances_command, stdout);
        return 0;
    }
    if (o.family && !catalog_has_family(o.family))
        return unknown_family(o.family);

    if (o.format == OUT_JSON) {
        if (print_json(&o) < 0) {
            perror("virtsim instances: error: writing the JSON");
            return 1;
        }
    } else if (o.format == OUT_CSV) {
        print_csv(&o);
    } else {
        print_table(&o);
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("virtsim instances: error: writing the catalog");
        return 1;
    }
    return 0;
}

const struct command instances_command = {
    .name = "instances",
    .summary = "list the instance catalog (vCPUs, network, EBS, price, ...)",
    .usage =
        "usage: virtsim instances [--format table|json|csv] [--family F]\n"
        "                         [--min-vcpus N] [--min-memory GIB]\n"
        "                         [--min-gbps G] [--arch A]\n"
        "                         [--hypervisor H] [--generation G]\n"
        "\n"
        "Lists the EC2-like instance profiles virtsim ships, in catalog\n"
        "order: vCPUs, memory, clock, network baseline and burst, EBS\n"
        "bandwidth, the default generation (how each path is virtualized:\n"
        "see 'virtsim modes'), the on-demand price, and whether the type\n"
        "is burstable (CPU credits). Figures come from the AWS EC2 User\n"
        "Guide (revisions named in data/instances.json) and prices from a\n"
        "third-party dataset of 2020; types it lacks (the 6th and 7th\n"
        "generations among them) show n/a (null in JSON, empty in CSV). Every\n"
        "clock and processor speed carries a status (V verified, S\n"
        "secondary, R recalled, D derived, C chosen) and its source.\n"
        "Filters combine: a profile is listed when it passes all of them.\n"
        "\n"
        "options:\n"
        "  --format F       table (default), json (every field of each\n"
        "                   profile; credit rules only for burstable ones)\n"
        "                   or csv (one header line, one line a profile)\n"
        "  --json           same as --format json\n"
        "  --family F       only family F (t3, c5n, m6i, c6g, ...)\n"
        "  --min-vcpus N    at least N vCPUs\n"
        "  --min-memory GIB at least GIB GiB of memory\n"
        "  --min-gbps G     a network baseline of at least G Gb/s\n"
        "  --arch A         x86_64 or arm64 (AWS Graviton)\n"
        "  --hypervisor H   nitro, xen or metal (bare metal, no hypervisor)\n"
        "  --generation G   default generation G (nitro, xen-pvhvm, metal,\n"
        "                   ...: see 'virtsim modes')\n"
        "  -h, --help       show this help\n",
    .run = instances_run,
};
