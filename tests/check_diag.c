/*
 * check_diag.c - tests for base/diag.c: the compiler-style output of
 * diag_print for each kind of position, the DIAG_MAX cap and its note,
 * edit distance, and near-miss suggestions.
 */
#include <stdio.h>
#include <string.h>

#include "base/diag.h"
#include "tests/suites.h"

/* Everything diag_print writes, as a string in buf. */
static void print_to(const struct diag *dg, char *buf, size_t size)
{
    FILE *fp = tmpfile();
    size_t n;

    ck_assert_ptr_nonnull(fp);
    diag_print(dg, fp);
    rewind(fp);
    n = fread(buf, 1, size - 1, fp);
    ck_assert(!ferror(fp));
    buf[n] = '\0';
    fclose(fp);
}

START_TEST(test_init)
{
    struct diag dg;

    memset(&dg, 0x5a, sizeof(dg));
    diag_init(&dg, "a.json");
    ck_assert_str_eq(dg.file, "a.json");
    ck_assert_int_eq(dg.count, 0);
    ck_assert_int_eq(dg.dropped, 0);
}
END_TEST

START_TEST(test_print_line_col)
{
    struct diag dg;
    char out[512];

    diag_init(&dg, "scenarios/web.json");
    ck_assert_int_eq(diag_set(&dg, 14, 9, "unknown key '%s' in '%s'",
                              "instnace", "sweep"), -1);
    print_to(&dg, out, sizeof(out));
    ck_assert_str_eq(out, "scenarios/web.json:14:9: error: unknown key "
                     "'instnace' in 'sweep'\n");
}
END_TEST

START_TEST(test_print_line)
{
    struct diag dg;
    char out[512];

    diag_init(&dg, "trace.csv");
    diag_set(&dg, 3, 0, "expected %d fields, got %d", 4, 2);
    print_to(&dg, out, sizeof(out));
    ck_assert_str_eq(out, "trace.csv:3: error: expected 4 fields, got 2\n");
}
END_TEST

START_TEST(test_print_path)
{
    struct diag dg;
    char out[512];

    diag_init(&dg, "s.json");
    ck_assert_int_eq(diag_set_path(&dg, "/workload/rate_rps",
                                   "must be a positive number, got %g",
                                   -2.5), -1);
    print_to(&dg, out, sizeof(out));
    ck_assert_str_eq(out, "s.json: /workload/rate_rps: error: must be a "
                     "positive number, got -2.5\n");
}
END_TEST

START_TEST(test_print_none)
{
    struct diag dg;
    char out[512];

    diag_init(&dg, "s.json");
    diag_set(&dg, 0, 0, "no instances");
    diag_set_path(&dg, NULL, "empty path");
    print_to(&dg, out, sizeof(out));
    ck_assert_str_eq(out, "s.json: error: no instances\n"
                     "s.json: error: empty path\n");

    /* No file name: the program's name stands in. */
    diag_init(&dg, NULL);
    diag_set(&dg, 2, 5, "bad");
    print_to(&dg, out, sizeof(out));
    ck_assert_str_eq(out, "virtsim:2:5: error: bad\n");
}
END_TEST

START_TEST(test_print_empty)
{
    struct diag dg;
    char out[64];

    diag_init(&dg, "s.json");
    print_to(&dg, out, sizeof(out));
    ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(test_order)
{
    struct diag dg;
    char out[512];

    diag_init(&dg, "f");
    diag_set(&dg, 1, 1, "first");
    diag_set_path(&dg, "/b", "second");
    diag_set(&dg, 7, 0, "third");
    print_to(&dg, out, sizeof(out));
    ck_assert_str_eq(out, "f:1:1: error: first\n"
                     "f: /b: error: second\n"
                     "f:7: error: third\n");
}
END_TEST

START_TEST(test_cap)
{
    struct diag dg;
    char out[8192], last[128];
    const char *p;
    int i, lines = 0;

    diag_init(&dg, "big.json");
    for (i = 0; i < DIAG_MAX + 3; i++)
        ck_assert_int_eq(diag_set(&dg, i + 1, 1, "problem %d", i), -1);
    ck_assert_int_eq(dg.count, DIAG_MAX);
    ck_assert_int_eq(dg.dropped, 3);
    print_to(&dg, out, sizeof(out));
    for (p = out; *p; p++)
        lines += *p == '\n';
    ck_assert_int_eq(lines, DIAG_MAX + 1);
    /* The kept ones are the first DIAG_MAX, in order. */
    snprintf(last, sizeof(last), "big.json:%d:1: error: problem %d\n",
             DIAG_MAX, DIAG_MAX - 1);
    ck_assert_ptr_nonnull(strstr(out, last));
    snprintf(last, sizeof(last), "problem %d\n", DIAG_MAX);
    ck_assert_ptr_null(strstr(out, last));
    p = strstr(out, "big.json: note: ");
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(p, "big.json: note: 3 more problems not shown\n");

    /* One past the cap: singular. */
    diag_init(&dg, "big.json");
    for (i = 0; i < DIAG_MAX + 1; i++)
        diag_set_path(&dg, "/x", "problem %d", i);
    print_to(&dg, out, sizeof(out));
    p = strstr(out, "big.json: note: ");
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(p, "big.json: note: 1 more problem not shown\n");
}
END_TEST

START_TEST(test_null_and_truncation)
{
    struct diag dg;
    char long_msg[2 * DIAG_MSG_LEN];
    char long_path[300];

    ck_assert_int_eq(diag_set(NULL, 1, 1, "ignored"), -1);
    ck_assert_int_eq(diag_set_path(NULL, "/a", "ignored"), -1);

    memset(long_msg, 'm', sizeof(long_msg) - 1);
    long_msg[sizeof(long_msg) - 1] = '\0';
    memset(long_path, 'p', sizeof(long_path) - 1);
    long_path[sizeof(long_path) - 1] = '\0';
    diag_init(&dg, "f");
    diag_set(&dg, 1, 1, "%s", long_msg);
    diag_set_path(&dg, long_path, "x");
    ck_assert_uint_eq(strlen(dg.e[0].msg), DIAG_MSG_LEN - 1);
    ck_assert_uint_eq(strlen(dg.e[1].path), sizeof(dg.e[1].path) - 1);
}
END_TEST

static const struct {
    const char *a, *b;
    size_t d;
} edit_cases[] = {
    { "", "", 0 },
    { "abc", "", 3 },
    { "", "abc", 3 },
    { "same", "same", 0 },
    { "kitten", "sitting", 3 },
    { "flaw", "lawn", 2 },
    { "instnace", "instance", 2 },     /* a swap is two edits */
    { "seed", "seeds", 1 },
    { "Seed", "seed", 1 },             /* case-sensitive */
    { "intention", "execution", 5 },
};

START_TEST(test_edit_distance)
{
    const char *a = edit_cases[_i].a, *b = edit_cases[_i].b;

    ck_assert_msg(diag_edit_distance(a, b) == edit_cases[_i].d,
                  "distance('%s', '%s') = %zu, want %zu", a, b,
                  diag_edit_distance(a, b), edit_cases[_i].d);
    ck_assert_uint_eq(diag_edit_distance(b, a), edit_cases[_i].d);
}
END_TEST

START_TEST(test_near_miss)
{
    static const char *const keys[] = { "instance", "instances", "seed" };
    static const char *const models[] = { "emulation", "pv", "hvm", "sriov",
                                          "native" };

    ck_assert_ptr_eq(diag_near_miss("instnace", keys, 3), keys[0]);
    ck_assert_ptr_eq(diag_near_miss("instancess", keys, 3), keys[1]);
    /* One edit from both "instance" and "instances": the first wins. */
    ck_assert_ptr_eq(diag_near_miss("instancs", keys, 3), keys[0]);
    ck_assert_ptr_eq(diag_near_miss("sed", keys, 3), keys[2]);
    ck_assert_ptr_eq(diag_near_miss("seed", keys, 3), keys[2]);
    ck_assert_ptr_null(diag_near_miss("zzzzzz", keys, 3));
    ck_assert_ptr_null(diag_near_miss("instance", keys, 0));
    ck_assert_ptr_eq(diag_near_miss("srvio", models, 5), models[3]);
    ck_assert_ptr_eq(diag_near_miss("hvn", models, 5), models[2]);
    ck_assert_ptr_null(diag_near_miss("xen", models, 5));
}
END_TEST

START_TEST(test_unknown_name)
{
    static const char *const names[] = {"json", "csv", "table"};
    struct diag dg;

    diag_init(&dg, "f");
    ck_assert_int_eq(diag_unknown(&dg, "format", "jsno", names, 3, NULL), -1);
    ck_assert_str_eq(dg.e[0].msg, "unknown format 'jsno' (did you mean 'json'?)");
    diag_unknown(&dg, "format", "html", names, 3, NULL);
    ck_assert_str_eq(dg.e[1].msg, "unknown format 'html'; valid: json, csv, table");
    diag_unknown(&dg, "format", "html", names, 3, "see `x`");
    ck_assert_str_eq(dg.e[2].msg, "unknown format 'html'; see `x`");
    ck_assert_int_eq(diag_unknown(NULL, "format", "html", names, 3, NULL), -1);
}
END_TEST

Suite *diag_suite(void)
{
    Suite *s = suite_create("diag");
    TCase *print = tcase_create("print");
    TCase *limits = tcase_create("limits");
    TCase *near = tcase_create("near_miss");

    tcase_add_test(print, test_init);
    tcase_add_test(near, test_unknown_name);
    tcase_add_test(print, test_print_line_col);
    tcase_add_test(print, test_print_line);
    tcase_add_test(print, test_print_path);
    tcase_add_test(print, test_print_none);
    tcase_add_test(print, test_print_empty);
    tcase_add_test(print, test_order);
    suite_add_tcase(s, print);
    tcase_add_test(limits, test_cap);
    tcase_add_test(limits, test_null_and_truncation);
    suite_add_tcase(s, limits);
    tcase_add_loop_test(near, test_edit_distance, 0,
                        (int)(sizeof(edit_cases) / sizeof(edit_cases[0])));
    tcase_add_test(near, test_near_miss);
    suite_add_tcase(s, near);
    return s;
}
