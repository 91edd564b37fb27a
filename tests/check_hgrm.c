/*
 * check_hgrm.c - tests for reports/hgrm.c: a cell's spectrum in
 * HdrHistogram's percentile distribution format (header, one row per
 * quantile with its count and 1/(1-q), the last row without it, the
 * footer), and file names safe for any instance name.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/hgrm.h"
#include "tests/suites.h"

static void spectrum_cell(struct cell_result *c)
{
    static const double q[] = {0.5, 0.9, 0.99, 1.0};
    static const double us[] = {10, 20, 40, 80};
    size_t i;

    memset(c, 0, sizeof(*c));
    snprintf(c->instance, sizeof(c->instance), "lab/1 cpu");
    snprintf(c->generation, sizeof(c->generation), "nitro");
    c->completed = 1000;
    c->lat_mean.mean = 15;
    for (i = 0; i < RESULT_SPECTRUM; i++) {
        c->spectrum_q[i] = i < 4 ? q[i] : NAN;
        c->spectrum_us[i] = i < 4 ? us[i] : NAN;
    }
}

START_TEST(test_percentile_distribution)
{
    struct cell_result c;
    char line[256], rows[4][256];
    FILE *fp = tmpfile();
    int n = 0;

    spectrum_cell(&c);
    ck_assert_ptr_nonnull(fp);
    hgrm_write_cell(&c, fp);
    rewind(fp);
    ck_assert_ptr_nonnull(fgets(line, sizeof(line), fp));
    ck_assert_str_eq(line, "       Value     Percentile TotalCount "
                     "1/(1-Percentile)\n");
    ck_assert_ptr_nonnull(fgets(line, sizeof(line), fp));
    ck_assert_str_eq(line, "\n");
    while (n < 4 && fgets(rows[n], sizeof(rows[n]), fp))
        n++;
    ck_assert_int_eq(n, 4);
    ck_assert_str_eq(rows[0], "      10.000 0.500000000000        500"
                     "           2.00\n");
    ck_assert_str_eq(rows[2], "      40.000 0.990000000000        990"
                     "         100.00\n");
    ck_assert_str_eq(rows[3], "      80.000 1.000000000000       1000\n");
    ck_assert_ptr_nonnull(fgets(line, sizeof(line), fp));
    ck_assert(strncmp(line, "#[Mean    =       15.000, StdDeviation   = ",
                      43) == 0);
    ck_assert_ptr_nonnull(fgets(line, sizeof(line), fp));
    ck_assert_str_eq(line, "#[Max     =       80.000, Total count    = "
                     "        1000]\n");
    ck_assert_ptr_null(fgets(line, sizeof(line), fp));
    fclose(fp);
}
END_TEST

START_TEST(test_file_names)
{
    struct results r;
    struct cell_result c;
    char buf[128];

    results_init(&r, "t", NULL);
    spectrum_cell(&c);
    results_add(&r, &c);
    ck_assert_str_eq(hgrm_file_name(&r, 0, buf, sizeof(buf)),
                     "01-lab_1_cpu-nitro.hgrm");
    results_release(&r);
}
END_TEST

Suite *hgrm_suite(void)
{
    Suite *s = suite_create("hgrm");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_percentile_distribution);
    tcase_add_test(tc, test_file_names);
    suite_add_tcase(s, tc);
    return s;
}
