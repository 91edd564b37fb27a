/*
 * check_catalog.c - tests for models/catalog.c: invariants every shipped
 * profile keeps (names, ranges, generation names, credit arithmetic, a
 * status and source on each clock and processor speed), the number of
 * profiles per family and spot checks against rows of data/instances.json,
 * and lookups by name and family with their near-miss messages. That
 * models/catalog.def is what scripts/gen-catalog.py makes of the data is
 * checked by tests/catalog/run.sh.
 */
#include <math.h>
#include <string.h>

#include "models/catalog.h"
#include "tests/suites.h"

static const char *const generations[] = {
    "emulated", "xen-pv", "xen-hvm", "xen-pvhvm", "xen-sriov-net",
    "xen-sriov-net-disk", "nitro", "metal",
};

static int valid_generation(const char *g)
{
    size_t i;

    for (i = 0; i < sizeof(generations) / sizeof(generations[0]); i++)
        if (strcmp(g, generations[i]) == 0)
            return 1;
    return 0;
}

/* The profile called name; fails the test when it is missing. */
static const struct instance_profile *must_find(const char *name)
{
    const struct instance_profile *p = catalog_find(name, NULL);

    ck_assert_msg(p != NULL, "'%s' is not in the catalog", name);
    return p;
}

/* The 61 profiles of 2023 (data/instances.json "profiles_2023") come first. */
#define NPROFILES_2023 61

static int valid_status(const char *s)
{
    return s && strlen(s) == 1 && strchr("VSRDC", s[0]) != NULL;
}

/* ---- every profile ---- */

START_TEST(test_count)
{
    ck_assert_uint_eq(catalog_count(), 481);
    ck_assert_ptr_nonnull(catalog_at(0));
    ck_assert_ptr_nonnull(catalog_at(catalog_count() - 1));
    ck_assert_ptr_null(catalog_at(catalog_count()));
    /* Catalog order: profiles_2023 in the JSON's order, then "rows". */
    ck_assert_str_eq(catalog_at(0)->name, "t2.micro");
    ck_assert_str_eq(catalog_at(NPROFILES_2023 - 1)->name, "i3en.metal");
    ck_assert_str_eq(catalog_at(NPROFILES_2023)->name, "a1.medium");
    ck_assert_str_eq(catalog_at(catalog_count() - 1)->name, "is4gen.8xlarge");
}
END_TEST

/* Profiles per family, as data/instances.json gives them. */
static const struct {
    const char *family;
    size_t n;
} family_counts[] = {
    {"t2", 4}, {"t3", 4}, {"m4", 4}, {"c4", 4}, {"m5", 9}, {"c5", 9},
    {"r5", 9}, {"c5n", 7}, {"m5n", 9}, {"r5n", 9}, {"i3", 5}, {"i3en", 8},
    {"a1", 6}, {"m5a", 8}, {"m5ad", 8}, {"m5d", 9}, {"m5dn", 9},
    {"m5zn", 7}, {"m6a", 11}, {"m6g", 9}, {"m6gd", 9}, {"m6i", 10},
    {"m6id", 10}, {"m6idn", 10}, {"m6in", 10}, {"m7g", 9},
    {"c5a", 8}, {"c5ad", 8}, {"c5d", 9}, {"c6g", 9}, {"c6gd", 9},
    {"c6gn", 8}, {"c6i", 10}, {"c6a", 11}, {"c6id", 10}, {"c6in", 10},
    {"c7g", 9},
    {"r5a", 8}, {"r5ad", 8}, {"r5b", 9}, {"r5d", 9}, {"r5dn", 9},
    {"r6a", 11}, {"r6g", 9}, {"r6gd", 9}, {"r7g", 9}, {"r6i", 10},
    {"r6id", 9}, {"r6idn", 10}, {"r6in", 10}, {"x2gd", 9}, {"x2idn", 4},
    {"x2iedn", 8}, {"z1d", 7},
    {"i4g", 6}, {"i4i", 8}, {"im4gn", 6}, {"is4gen", 6},
};

START_TEST(test_family_counts)
{
    size_t i, j, total = 0;

    for (i = 0; i < sizeof(family_counts) / sizeof(family_counts[0]); i++) {
        size_t n = 0;

        for (j = 0; j < catalog_count(); j++)
            n += strcmp(catalog_at(j)->family, family_counts[i].family) == 0;
        ck_assert_msg(n == family_counts[i].n, "family %s: %zu profiles, "
                      "want %zu", family_counts[i].family, n,
                      family_counts[i].n);
        total += n;
    }
    /* No family is missing from the table. */
    ck_assert_uint_eq(total, catalog_count());
    /* The SSD table gives r6id.metal two local NVMe figures: left out. */
    ck_assert_ptr_null(catalog_find("r6id.metal", NULL));
    ck_assert_ptr_nonnull(catalog_find("r6id.32xlarge", NULL));
}
END_TEST

/* Loop test: _i is the profile's index. */
START_TEST(test_profile_invariants)
{
    const struct instance_profile *p = catalog_at((size_t)_i);
    size_t j;

    ck_assert_ptr_nonnull(p);
    ck_assert_msg(p->name[0] != '\0', "profile %d has no name", _i);
    ck_assert_msg(p->family[0] != '\0', "%s has no family", p->name);
    ck_assert_msg(strncmp(p->name, p->family, strlen(p->family)) == 0 &&
                  p->name[strlen(p->family)] == '.',
                  "%s is not of family %s", p->name, p->family);
    ck_assert_msg(p->vcpus >= 1, "%s: %u vCPUs", p->name, p->vcpus);
    ck_assert_msg(p->memory_gib > 0, "%s: memory %g", p->name,
                  p->memory_gib);
    ck_assert_msg(p->cpu_ghz > 1.0 && p->cpu_ghz < 5.0, "%s: %g GHz",
                  p->name, p->cpu_ghz);
    /* Every clock and processor speed has a status and a source. */
    ck_assert_msg(p->clock_source && p->clock_source[0] != '\0',
                  "%s: no clock_source", p->name);
    ck_assert_msg(valid_status(p->clock_status), "%s: clock status '%s'",
                  p->name, p->clock_status ? p->clock_status : "(null)");
    ck_assert_msg(p->work_per_cycle > 0 && p->work_per_cycle < 10,
                  "%s: work per cycle %g", p->name, p->work_per_cycle);
    ck_assert_msg(valid_status(p->work_per_cycle_status) &&
                  p->work_per_cycle_source &&
                  p->work_per_cycle_source[0] != '\0',
                  "%s: work per cycle without status or source", p->name);
    ck_assert_double_eq_tol(catalog_work_hz(p),
                            p->cpu_ghz * 1e9 * p->work_per_cycle, 1e-3);
    ck_assert_msg(p->arch && (strcmp(p->arch, "x86_64") == 0 ||
                              strcmp(p->arch, "arm64") == 0),
                  "%s: arch", p->name);
    ck_assert_msg(p->cpu_vendor && p->cpu_vendor[0] != '\0',
                  "%s: no processor vendor", p->name);
    ck_assert_msg(p->ena_express &&
                  (strcmp(p->ena_express, "yes") == 0 ||
                   strcmp(p->ena_express, "no") == 0 ||
                   strcmp(p->ena_express, "unknown") == 0),
                  "%s: ena_express", p->name);
    ck_assert_msg(p->efa == (strstr(p->enhanced_networking, "EFA") != NULL),
                  "%s: efa disagrees with '%s'", p->name,
                  p->enhanced_networking);
    if (_i < NPROFILES_2023) {
        ck_assert_msg(strstr(p->clock_source, "unverified") &&
                      strcmp(p->clock_status, "R") == 0,
                      "%s: clock_source does not say it is unverified",
                      p->name);
        ck_assert_msg(p->usd_per_hour > 0, "%s: $%g/h", p->name,
                      p->usd_per_hour);
    } else {
        /* Added rows: priced from the 2020 dataset, or 0 (no source). */
        ck_assert_msg(p->usd_per_hour >= 0 && p->usd_per_hour < 100,
                      "%s: $%g/h", p->name, p->usd_per_hour);
    }
    ck_assert_msg(valid_generation(p->generation), "%s: generation '%s'",
                  p->name, p->generation);
    ck_assert_msg(p->net_baseline_gbps > 0, "%s: network %g", p->name,
                  p->net_baseline_gbps);
    ck_assert_msg(p->net_burst_gbps == 0 ||
                  p->net_burst_gbps > p->net_baseline_gbps,
                  "%s: burst %g <= baseline %g", p->name, p->net_burst_gbps,
                  p->net_baseline_gbps);
    ck_assert_msg(p->ebs_baseline_mbps <= p->ebs_max_mbps &&
                  p->ebs_baseline_iops <= p->ebs_max_iops,
                  "%s: EBS baseline above max", p->name);
    ck_assert_msg((p->local_read_iops > 0) == (p->local_write_iops > 0),
                  "%s: local NVMe read and write IOPS disagree", p->name);
    ck_assert_ptr_nonnull(p->hypervisor);
    ck_assert_ptr_nonnull(p->processor);
    ck_assert_ptr_nonnull(p->enhanced_networking);
    ck_assert_msg(strcmp(p->enhanced_networking, "ENA") == 0 ||
                  strcmp(p->enhanced_networking, "ENA+EFA") == 0 ||
                  strcmp(p->enhanced_networking, "Intel 82599 VF") == 0 ||
                  strcmp(p->enhanced_networking, "none") == 0,
                  "%s: enhanced networking '%s'", p->name,
                  p->enhanced_networking);
    for (j = 0; j < catalog_count(); j++)
        if (j != (size_t)_i)
            ck_assert_msg(strcmp(catalog_at(j)->name, p->name) != 0,
                          "%s appears twice", p->name);
    ck_assert_ptr_eq(catalog_find(p->name, NULL), p);
    ck_assert(catalog_has_family(p->family));
}
END_TEST

/*
 * Loop test over every profile: credit rules are present exactly for
 * burstable ones and follow the published arithmetic (AWS UG
 * burstable-credits-baseline-concepts.md): earned per hour = baseline x
 * vCPUs x 60, and the cap is 24 hours of earnings.
 */
START_TEST(test_credit_invariants)
{
    const struct instance_profile *p = catalog_at((size_t)_i);
    const struct credit_rules *c = &p->credits;

    if (!p->burstable) {
        ck_assert_msg(c->credits_per_hour == 0 && c->max_credits == 0 &&
                      c->baseline_per_vcpu == 0 && c->launch_credits == 0 &&
                      !c->unlimited, "%s: credits on a fixed-performance "
                      "type", p->name);
        return;
    }
    ck_assert_msg(c->baseline_per_vcpu > 0 && c->baseline_per_vcpu < 1,
                  "%s: baseline %g", p->name, c->baseline_per_vcpu);
    ck_assert_double_eq_tol(c->credits_per_hour,
                            c->baseline_per_vcpu * p->vcpus * 60, 1e-9);
    ck_assert_double_eq_tol(c->max_credits, 24 * c->credits_per_hour, 1e-9);
    ck_assert_double_eq_tol(c->surplus_usd_per_vcpu_hour, 0.05, 1e-12);
}
END_TEST

/* ---- published rows ---- */

START_TEST(test_c5n_18xlarge)
{
    const struct instance_profile *p = must_find("c5n.18xlarge");

    ck_assert_str_eq(p->family, "c5n");
    ck_assert_uint_eq(p->vcpus, 72);
    ck_assert_double_eq_tol(p->memory_gib, 192, 1e-9);
    ck_assert_double_eq_tol(p->net_baseline_gbps, 100, 1e-9);
    ck_assert_double_eq(p->net_burst_gbps, 0);
    ck_assert_double_eq_tol(p->ebs_max_mbps, 19000, 1e-9);
    ck_assert_str_eq(p->enhanced_networking, "ENA+EFA");
    ck_assert_str_eq(p->generation, "nitro");
    ck_assert_double_eq_tol(p->usd_per_hour, 3.888, 1e-9);
    ck_assert(!p->burstable);
}
END_TEST

START_TEST(test_c5n_large)
{
    const struct instance_profile *p = must_find("c5n.large");

    ck_assert_uint_eq(p->vcpus, 2);
    ck_assert_double_eq_tol(p->memory_gib, 5.25, 1e-9);
    ck_assert_double_eq_tol(p->net_baseline_gbps, 3.0, 1e-9);
    ck_assert_double_eq_tol(p->net_burst_gbps, 25.0, 1e-9);
    ck_assert_double_eq_tol(p->ebs_baseline_mbps, 650, 1e-9);
    ck_assert_double_eq_tol(p->ebs_max_mbps, 4750, 1e-9);
    ck_assert_double_eq_tol(p->ebs_max_iops, 20000, 1e-9);
    /* "3.0 GHz (8124M), all-core turbo 3.4 GHz": the all-core figure. */
    ck_assert_double_eq_tol(p->cpu_ghz, 3.4, 1e-9);
    ck_assert_str_eq(p->hypervisor, "Nitro");
}
END_TEST

START_TEST(test_t3_large)
{
    const struct instance_profile *p = must_find("t3.large");

    ck_assert(p->burstable);
    ck_assert_uint_eq(p->vcpus, 2);
    ck_assert_double_eq_tol(p->credits.credits_per_hour, 36, 1e-9);
    ck_assert_double_eq_tol(p->credits.max_credits, 864, 1e-9);
    ck_assert_double_eq_tol(p->credits.baseline_per_vcpu, 0.30, 1e-9);
    ck_assert(p->credits.unlimited);
    ck_assert_double_eq(p->credits.launch_credits, 0);
    ck_assert_double_eq_tol(p->usd_per_hour, 0.0832, 1e-9);
    ck_assert_double_eq_tol(p->net_baseline_gbps, 0.512, 1e-9);
    ck_assert_double_eq_tol(p->net_burst_gbps, 5.0, 1e-9);
    ck_assert_str_eq(p->generation, "nitro");
}
END_TEST

START_TEST(test_t2)
{
    const struct instance_profile *micro = must_find("t2.micro");
    const struct instance_profile *large = must_find("t2.large");

    ck_assert(micro->burstable);
    ck_assert(!micro->credits.unlimited);
    ck_assert_double_eq_tol(micro->credits.launch_credits, 30, 1e-9);
    ck_assert_double_eq_tol(micro->credits.credits_per_hour, 6, 1e-9);
    ck_assert_double_eq_tol(micro->credits.baseline_per_vcpu, 0.10, 1e-9);
    /* T2 Standard: 30 launch credits per vCPU. */
    ck_assert_double_eq_tol(large->credits.launch_credits, 30 * 2, 1e-9);
    /* No EBS optimization, no enhanced networking, Xen with PV drivers. */
    ck_assert_double_eq(micro->ebs_max_mbps, 0);
    ck_assert_double_eq(micro->ebs_max_iops, 0);
    ck_assert_str_eq(micro->enhanced_networking, "none");
    ck_assert_str_eq(micro->hypervisor, "Xen");
    ck_assert_str_eq(micro->generation, "xen-pvhvm");
}
END_TEST

START_TEST(test_generations)
{
    ck_assert_str_eq(must_find("m5.metal")->generation, "metal");
    ck_assert_str_eq(must_find("i3.metal")->generation, "metal");
    ck_assert_str_eq(must_find("m5.large")->generation, "nitro");
    ck_assert_str_eq(must_find("c4.large")->generation, "xen-sriov-net");
    ck_assert_str_eq(must_find("c4.large")->enhanced_networking,
                     "Intel 82599 VF");
    ck_assert_str_eq(must_find("m4.16xlarge")->generation, "xen-sriov-net");
    ck_assert_str_eq(must_find("m4.16xlarge")->enhanced_networking, "ENA");
    ck_assert_str_eq(must_find("i3.large")->generation,
                     "xen-sriov-net-disk");
}
END_TEST

START_TEST(test_local_nvme)
{
    const struct instance_profile *i3 = must_find("i3.large");
    const struct instance_profile *i3en = must_find("i3en.metal");

    ck_assert_double_eq_tol(i3->local_read_iops, 100125, 1e-9);
    ck_assert_double_eq_tol(i3->local_write_iops, 35000, 1e-9);
    ck_assert_double_eq_tol(i3en->local_read_iops, 2000000, 1e-9);
    ck_assert_double_eq_tol(i3en->local_write_iops, 1600000, 1e-9);
    ck_assert_double_eq(must_find("m5.large")->local_read_iops, 0);
}
END_TEST

/* Added rows: data/instances.json "rows" and their family's sources. */
START_TEST(test_added_rows)
{
    const struct instance_profile *p = must_find("c6gn.16xlarge");

    ck_assert_uint_eq(p->vcpus, 64);
    ck_assert_double_eq_tol(p->memory_gib, 128, 1e-9);
    ck_assert_double_eq_tol(p->net_baseline_gbps, 100, 1e-9);
    ck_assert_double_eq(p->net_burst_gbps, 0);
    ck_assert_double_eq_tol(p->ebs_max_mbps, 38000, 1e-9);
    ck_assert_double_eq_tol(p->ebs_max_iops, 160000, 1e-9);
    ck_assert_str_eq(p->enhanced_networking, "ENA+EFA");
    ck_assert(p->efa);
    ck_assert_str_eq(p->arch, "arm64");
    ck_assert_str_eq(p->cpu_vendor, "AWS");
    ck_assert_str_eq(p->clock_status, "C");
    ck_assert_str_eq(p->work_per_cycle_status, "C");
    ck_assert_str_eq(p->generation, "nitro");

    p = must_find("m6i.large");
    ck_assert_uint_eq(p->vcpus, 2);
    ck_assert_double_eq_tol(p->net_baseline_gbps, 0.781, 1e-9);
    ck_assert_double_eq_tol(p->net_burst_gbps, 12.5, 1e-9);
    ck_assert_double_eq_tol(p->ebs_baseline_mbps, 650, 1e-9);
    ck_assert_double_eq_tol(p->ebs_max_mbps, 10000, 1e-9);
    ck_assert_double_eq_tol(p->ebs_baseline_iops, 3600, 1e-9);
    ck_assert_double_eq_tol(p->ebs_max_iops, 40000, 1e-9);
    ck_assert_str_eq(p->processor,
                     "3rd generation Intel Xeon Scalable (Ice Lake 8375C)");

    p = must_find("m6a.48xlarge");
    ck_assert_uint_eq(p->vcpus, 192);
    ck_assert_double_eq_tol(p->memory_gib, 768, 1e-9);
    ck_assert_str_eq(p->cpu_vendor, "AMD");
    ck_assert(p->efa);

    p = must_find("a1.medium");
    /* $18.61 a month / 730 h, to 4 decimals: AWS's $0.0255. */
    ck_assert_double_eq_tol(p->usd_per_hour, 0.0255, 1e-12);
    ck_assert_double_eq(must_find("m6i.large")->usd_per_hour, 0);
    ck_assert_double_eq(must_find("m5ad.8xlarge")->usd_per_hour, 0);
    ck_assert_double_eq_tol(must_find("r5dn.large")->usd_per_hour, 0.167,
                            1e-12);
    ck_assert_double_eq_tol(p->cpu_ghz, 2.3, 1e-9);
    ck_assert_str_eq(p->clock_status, "V");
    ck_assert_double_eq_tol(p->ebs_baseline_mbps, 300, 1e-9);

    p = must_find("m6gd.metal");
    ck_assert_str_eq(p->generation, "metal");
    ck_assert_str_eq(p->hypervisor, "Nitro bare metal (no hypervisor)");
    ck_assert_double_eq_tol(p->local_read_iops, 860000, 1e-9);
    ck_assert_double_eq_tol(p->local_write_iops, 360000, 1e-9);

    p = must_find("r5b.2xlarge");
    ck_assert_double_eq_tol(p->memory_gib, 64, 1e-9);
    ck_assert_double_eq_tol(p->ebs_baseline_mbps, 5000, 1e-9);
    ck_assert_double_eq_tol(p->ebs_max_iops, 43333, 1e-9);

    p = must_find("x2iedn.xlarge");
    ck_assert_double_eq_tol(p->memory_gib, 128, 1e-9);
    ck_assert_double_eq_tol(p->net_baseline_gbps, 1.875, 1e-9);
    ck_assert_double_eq_tol(p->local_read_iops, 26875, 1e-9);

    p = must_find("c7g.metal");
    ck_assert_str_eq(p->processor, "AWS Graviton3 (64-bit Arm)");
    ck_assert_str_eq(p->work_per_cycle_status, "C");
    ck_assert(p->efa);

    p = must_find("i4i.metal");
    ck_assert_double_eq_tol(p->local_read_iops, 3200000, 1e-9);
    ck_assert_double_eq_tol(p->local_write_iops, 1760000, 1e-9);
    ck_assert_double_eq_tol(p->net_baseline_gbps, 75, 1e-9);
    ck_assert_str_eq(p->generation, "metal");

    p = must_find("c5a.large");
    ck_assert_double_eq_tol(p->ebs_baseline_mbps, 200, 1e-9);
    ck_assert_double_eq_tol(p->ebs_max_mbps, 3170, 1e-9);
    ck_assert_double_eq_tol(p->cpu_ghz, 3.3, 1e-9);
}
END_TEST

START_TEST(test_work_hz)
{
    struct instance_profile p = *must_find("m5.large");

    ck_assert_double_eq_tol(catalog_work_hz(&p), 3.1e9, 1);
    /* A profile built without a processor speed runs at its clock. */
    p.work_per_cycle = 0;
    ck_assert_double_eq_tol(catalog_work_hz(&p), 3.1e9, 1);
    p.work_per_cycle = 1.25;
    ck_assert_double_eq_tol(catalog_work_hz(&p), 3.875e9, 1);
}
END_TEST

/* ---- lookups ---- */

START_TEST(test_find_hit)
{
    struct diag dg;
    const struct instance_profile *p;

    diag_init(&dg, "s.json");
    p = catalog_find("c5n.large", &dg);
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(p->name, "c5n.large");
    ck_assert_int_eq(dg.count, 0);
}
END_TEST

START_TEST(test_find_near_miss)
{
    struct diag dg;

    diag_init(&dg, "s.json");
    ck_assert_ptr_null(catalog_find("c5n.larg", &dg));
    ck_assert_int_eq(dg.count, 1);
    ck_assert_str_eq(dg.e[0].msg, "unknown instance 'c5n.larg' "
                     "(did you mean 'c5n.large'?)");

    diag_init(&dg, "s.json");
    ck_assert_ptr_null(catalog_find("m5.xlarg", &dg));
    ck_assert_str_eq(dg.e[0].msg, "unknown instance 'm5.xlarg' "
                     "(did you mean 'm5.xlarge'?)");
}
END_TEST

START_TEST(test_find_miss)
{
    struct diag dg;

    diag_init(&dg, "s.json");
    ck_assert_ptr_null(catalog_find("x", &dg));
    ck_assert_int_eq(dg.count, 1);
    ck_assert_str_eq(dg.e[0].msg,
                     "unknown instance 'x'; see `virtsim instances`");
    /* Names are case-sensitive, as AWS spells them. */
    ck_assert_ptr_null(catalog_find("C5N.LARGE", NULL));
    ck_assert_ptr_null(catalog_find("", NULL));
}
END_TEST

START_TEST(test_has_family)
{
    ck_assert(catalog_has_family("c5n"));
    ck_assert(catalog_has_family("t2"));
    ck_assert(catalog_has_family("i3en"));
    ck_assert(!catalog_has_family("c5x"));
    ck_assert(!catalog_has_family("c5n.large"));
    ck_assert(!catalog_has_family(""));
}
END_TEST

Suite *catalog_suite(void)
{
    Suite *s = suite_create("catalog");
    TCase *all = tcase_create("every_profile");
    TCase *rows = tcase_create("published_rows");
    TCase *lookup = tcase_create("lookup");
    int n = (int)catalog_count();

    tcase_add_test(all, test_count);
    tcase_add_test(all, test_family_counts);
    tcase_add_loop_test(all, test_profile_invariants, 0, n);
    tcase_add_loop_test(all, test_credit_invariants, 0, n);
    suite_add_tcase(s, all);
    tcase_add_test(rows, test_c5n_18xlarge);
    tcase_add_test(rows, test_c5n_large);
    tcase_add_test(rows, test_t3_large);
    tcase_add_test(rows, test_t2);
    tcase_add_test(rows, test_generations);
    tcase_add_test(rows, test_local_nvme);
    tcase_add_test(rows, test_added_rows);
    tcase_add_test(rows, test_work_hz);
    suite_add_tcase(s, rows);
    tcase_add_test(lookup, test_find_hit);
    tcase_add_test(lookup, test_find_near_miss);
    tcase_add_test(lookup, test_find_miss);
    tcase_add_test(lookup, test_has_family);
    suite_add_tcase(s, lookup);
    return s;
}
