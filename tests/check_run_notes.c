/*
 * check_run_notes.c - tests for cli/run_notes.c: no note for intervals
 * that need none; the resolution floor for a percentile interval narrower
 * than a histogram bucket; the advice for an interval wider than half its
 * value, naming the cell.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/run_notes.h"
#include "tests/suites.h"

static void set(struct metric *m, double mean, double ci)
{
    m->mean = mean;
    m->ci95 = ci;
}

/* One cell whose every interval is 5% of its value. */
static void plain_cell(struct cell_result *c)
{
    memset(c, 0, sizeof(*c));
    snprintf(c->instance, sizeof(c->instance), "m5.large");
    snprintf(c->generation, sizeof(c->generation), "nitro");
    c->replications = 5;
    set(&c->throughput_rps, 1000, 50);
    set(&c->lat_mean, 100, 5);
    set(&c->lat_p50, 90, 4.5);
    set(&c->lat_p90, 150, 7.5);
    set(&c->lat_p99, 300, 15);
    set(&c->lat_p999, 500, 25);
    set(&c->lat_max, 900, 45);
}

/* What run_notes_print writes for r, in buf. */
static int notes(const struct results *r, char *buf, size_t cap)
{
    FILE *fp = tmpfile();
    size_t n;
    int k;

    ck_assert_ptr_nonnull(fp);
    k = run_notes_print(r, fp);
    rewind(fp);
    n = fread(buf, 1, cap - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    return k;
}

START_TEST(test_no_notes)
{
    struct results r;
    struct cell_result c;
    char buf[1024];

    results_init(&r, "t", NULL);
    plain_cell(&c);
    results_add(&r, &c);
    ck_assert_int_eq(notes(&r, buf, sizeof(buf)), 0);
    ck_assert_str_eq(buf, "");
    results_release(&r);
}
END_TEST

START_TEST(test_resolution_floor)
{
    struct results r;
    struct cell_result c;
    char buf[1024];

    ck_assert(run_notes_resolution() > 0 && run_notes_resolution() < 0.02);
    results_init(&r, "t", NULL);
    plain_cell(&c);
    c.lat_p99.ci95 = 0;                 /* all in one bucket */
    results_add(&r, &c);
    /* one replication: no interval at all, nothing to say */
    c.replications = 1;
    results_add(&r, &c);
    ck_assert_int_eq(notes(&r, buf, sizeof(buf)), 1);
    ck_assert_ptr_nonnull(strstr(buf, "1 latency percentile interval is "
                                 "narrower than the latency histogram's "
                                 "resolution"));
    results_release(&r);
}
END_TEST

START_TEST(test_wide_interval)
{
    struct results r;
    struct cell_result c;
    char buf[1024];

    results_init(&r, "t", NULL);
    plain_cell(&c);
    results_add(&r, &c);
    snprintf(c.instance, sizeof(c.instance), "t2.large");
    snprintf(c.generation, sizeof(c.generation), "xen-pvhvm");
    set(&c.lat_p99, 7527, 4000);
    c.replications = 3;
    results_add(&r, &c);
    ck_assert_int_eq(notes(&r, buf, sizeof(buf)), 1);
    ck_assert_ptr_nonnull(strstr(buf, "1 cell has an interval wider than "
                                 "half its value (first: t2.large under "
                                 "xen-pvhvm, p99 7527 +- 4000)"));
    ck_assert_ptr_nonnull(strstr(buf, "(\"replications\": 3 now)"));
    results_release(&r);
}
END_TEST

Suite *run_notes_suite(void)
{
    Suite *s = suite_create("run_notes");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_no_notes);
    tcase_add_test(tc, test_resolution_floor);
    tcase_add_test(tc, test_wide_interval);
    suite_add_tcase(s, tc);
    return s;
}
