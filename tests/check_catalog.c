/*
 * check_catalog.c - tests for models/catalog.c: invariants every shipped
 * profile keeps (names, ranges, generation names, credit arithmetic), spot
 * checks against published rows of shared/data/instances.json, and lookups
 * by name and family with their near-miss messages.
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

/* ---- every profile ---- */

START_TEST(test_count)
{
    ck_assert_uint_eq(catalog_count(), 61);
    ck_assert_ptr_nonnull(catalog_at(0));
    ck_assert_ptr_nonnull(catalog_at(catalog_count() - 1));
    ck_assert_ptr_null(catalog_at(catalog_count()));
    /* Catalog order is instances.json's order. */
    ck_assert_str_eq(catalog_at(0)->name, "t2.micro");
    ck_assert_str_eq(catalog_at(catalog_count() - 1)->name, "i3en.metal");
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
    ck_assert_msg(p->clock_source && strstr(p->clock_source, "unverified"),
                  "%s: clock_source does not say it is unverified",
                  p->name);
    ck_assert_msg(p->usd_per_hour > 0, "%s: $%g/h", p->name,
                  p->usd_per_hour);
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
    tcase_add_loop_test(all, test_profile_invariants, 0, n);
    tcase_add_loop_test(all, test_credit_invariants, 0, n);
    suite_add_tcase(s, all);
    tcase_add_test(rows, test_c5n_18xlarge);
    tcase_add_test(rows, test_c5n_large);
    tcase_add_test(rows, test_t3_large);
    tcase_add_test(rows, test_t2);
    tcase_add_test(rows, test_generations);
    tcase_add_test(rows, test_local_nvme);
    suite_add_tcase(s, rows);
    tcase_add_test(lookup, test_find_hit);
    tcase_add_test(lookup, test_find_near_miss);
    tcase_add_test(lookup, test_find_miss);
    tcase_add_test(lookup, test_has_family);
    suite_add_tcase(s, lookup);
    return s;
}
