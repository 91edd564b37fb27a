/*
 * cmd_instances.c - `virtsim instances [--json] [--family F]`: the instance
 * catalog (models/catalog.c) as a table for people, or every field as JSON
 * for scripts. Reads the catalog only; writes stdout.
 */
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

struct instances_opts {
    bool json;
    const char *family;         /* NULL: every family */
};

static const char *const instances_options[] = {
    "--json", "--family", "--help",
};

static int parse_args(int argc, char **argv, struct instances_opts *o,
                      struct diag *dg, int *help)
{
    int i;

    for (i = 1; i < argc; i++) {
        const char *v = NULL;

        if (opt_is_help(argv[i])) {
            *help = 1;
            return 0;
        }
        if (argv[i][0] != '-') {
            diag_set(dg, 0, 0, "unexpected argument '%s'", argv[i]);
        } else if (strcmp(argv[i], "--json") == 0) {
            o->json = true;
        } else if (strncmp(argv[i], "--json=", 7) == 0) {
            diag_set(dg, 0, 0, "--json takes no value, got '%s'",
                     argv[i] + 7);
        } else if (opt_match(argc, argv, &i, "--family", &v, dg) <= 0) {
            if (v && v[0] == '\0')
                diag_set(dg, 0, 0, "--family needs a value");
            else if (v)
                o->family = v;
        } else {
            opt_unknown(argv[i], instances_options,
                        (int)(sizeof(instances_options) /
                              sizeof(instances_options[0])), dg);
        }
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
    const char *sorted[64];
    size_t i, j, m = n < 64 ? n : 64;

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
    const char *fams[64];
    size_t n = list_families(fams, 64), i;
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

static bool selected(const struct instance_profile *p, const char *family)
{
    return !family || strcmp(p->family, family) == 0;
}

/* ---- the table ---- */

static void print_table(const char *family)
{
    int w = (int)strlen("instance");
    size_t i;

    for (i = 0; i < catalog_count(); i++) {
        const struct instance_profile *p = catalog_at(i);

        if (selected(p, family) && (int)strlen(p->name) > w)
            w = (int)strlen(p->name);
    }
    printf("%-*s %5s %7s %5s %15s %8s  %-18s %8s\n", w, "", "", "memory",
           "clock", "network Gb/s", "EBS max", "default", "price");
    printf("%-*s %5s %7s %5s %8s %6s %8s  %-18s %8s  %s\n", w, "instance",
           "vCPUs", "GiB", "GHz", "baseline", "burst", "Mb/s", "generation",
           "USD/hour", "burstable");
    for (i = 0; i < catalog_count(); i++) {
        const struct instance_profile *p = catalog_at(i);
        char burst[16] = "-", ebs[16] = "-";

        if (!selected(p, family))
            continue;
        if (p->net_burst_gbps > 0)
            snprintf(burst, sizeof(burst), "%g", p->net_burst_gbps);
        if (p->ebs_max_mbps > 0)
            snprintf(ebs, sizeof(ebs), "%.0f", p->ebs_max_mbps);
        printf("%-*s %5u %7.2f %5.1f %8g %6s %8s  %-18s %8.4f%s\n", w,
               p->name, p->vcpus, p->memory_gib, p->cpu_ghz,
               p->net_baseline_gbps, burst, ebs, p->generation,
               p->usd_per_hour, p->burstable ? "  yes" : "");
    }
    printf("\nburst: the network's short-term burst where the size has one; "
           "EBS max: -\nwhen not EBS-optimized. burstable: CPU credits cap "
           "sustained use (rules in\n--json). Clock speeds are unverified "
           "recollections, not AWS figures\n(--json clock_source). Prices: "
           "on-demand, us-east-1, Linux.\n");
}

/* ---- JSON ---- */

static json_t *profile_json(const struct instance_profile *p)
{
    json_t *o = json_object();

    json_object_set_new(o, "name", json_string(p->name));
    json_object_set_new(o, "family", json_string(p->family));
    json_object_set_new(o, "vcpus", json_integer(p->vcpus));
    json_object_set_new(o, "memory_gib", json_real(p->memory_gib));
    json_object_set_new(o, "cpu_ghz", json_real(p->cpu_ghz));
    json_object_set_new(o, "clock_source", json_string(p->clock_source));
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
    json_object_set_new(o, "hypervisor", json_string(p->hypervisor));
    json_object_set_new(o, "enhanced_networking",
                        json_string(p->enhanced_networking));
    json_object_set_new(o, "processor", json_string(p->processor));
    json_object_set_new(o, "usd_per_hour", json_real(p->usd_per_hour));
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
static int print_json(const char *family)
{
    json_t *arr = json_array();
    size_t i;
    int rc;

    for (i = 0; i < catalog_count(); i++) {
        const struct instance_profile *p = catalog_at(i);

        if (selected(p, family))
            json_array_append_new(arr, profile_json(p));
    }
    rc = json_dumpf(arr, stdout, JSON_FLAGS);
    json_decref(arr);
    if (rc < 0 || fputc('\n', stdout) == EOF)
        return -1;
    return 0;
}

/* ---- the command ---- */

static int instances_run(int argc, char **argv)
{
    struct instances_opts o = {.json = false, .family = NULL};
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

    if (o.json) {
        if (print_json(o.family) < 0) {
            perror("virtsim instances: error: writing the JSON");
            return 1;
        }
    } else {
        print_table(o.family);
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
        "usage: virtsim instances [--json] [--family F]\n"
        "\n"
        "Lists the EC2-like instance profiles virtsim ships, in catalog\n"
        "order: vCPUs, memory, clock, network baseline and burst, EBS\n"
        "bandwidth, the default generation (how each path is virtualized:\n"
        "see 'virtsim modes'), the on-demand price, and whether the type\n"
        "is burstable (CPU credits). Figures come from the AWS EC2 User\n"
        "Guide and a third-party price dataset, through\n"
        "shared/data/instances.json; clock speeds are unverified\n"
        "recollections, and each profile's clock_source says so.\n"
        "\n"
        "options:\n"
        "  --json         print every field of each profile as a JSON array\n"
        "                 of objects (credit rules only for burstable ones)\n"
        "  --family F     only the profiles of family F (t3, c5n, m5, ...)\n"
        "  -h, --help     show this help\n",
    .run = instances_run,
};
