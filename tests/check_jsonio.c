/*
 * check_jsonio.c - reading user JSON: the position scanner maps paths to
 * line:col (keys, array elements, nearest ancestor), and the typed checks
 * report types, ranges, integers vs reals and unknown keys with near misses.
 */
#include <math.h>
#include <string.h>

#include "base/jcheck.h"
#include "base/jsonpos.h"
#include "tests/suites.h"

static const char doc[] =
    "{\n"
    "  \"name\": \"x\",\n"
    "  \"instances\": [\"c5n.large\",\n"
    "      {\"base\": \"m5.metal\", \"vcpus\": 1}],\n"
    "  \"workload\": {\"arrival\": {\"rate_rps\": -5}}\n"
    "}\n";

START_TEST(test_positions)
{
    struct jsonpos jp = {0};
    int line, col;

    ck_assert_int_eq(jsonpos_scan(&jp, doc, strlen(doc)), 0);
    ck_assert_int_eq(jsonpos_find(&jp, "/name", &line, &col), 0);
    ck_assert_int_eq(line, 2);
    ck_assert_int_eq(col, 3);
    ck_assert_int_eq(jsonpos_find(&jp, "/instances[1]", &line, &col), 0);
    ck_assert_int_eq(line, 4);
    ck_assert_int_eq(col, 7);
    ck_assert_int_eq(jsonpos_find(&jp, "/instances[1]/vcpus", &line, &col), 0);
    ck_assert_int_eq(line, 4);
    ck_assert_int_eq(col, 28);
    ck_assert_int_eq(jsonpos_find(&jp, "/workload/arrival/rate_rps", &line,
                                  &col), 0);
    ck_assert_int_eq(line, 5);
    ck_assert_int_eq(col, 28);
    ck_assert_int_eq(jsonpos_find(&jp, "/nope", &line, &col), -1);
    jsonpos_release(&jp);
    ck_assert_uint_eq(jp.len, 0);
}
END_TEST

START_TEST(test_resolve)
{
    struct jsonpos jp = {0};
    struct diag dg;

    jsonpos_scan(&jp, doc, strlen(doc));
    diag_init(&dg, "s.json");
    diag_set_path(&dg, "/workload/arrival/rate_rps", "must be > 0");
    diag_set_path(&dg, "/instances[1]/cpu_ghz", "absent key: its object");
    diag_set_path(&dg, "/zzz", "unknown top-level: no position");
    diag_set(&dg, 9, 9, "already placed");
    jsonpos_resolve(&jp, &dg);
    ck_assert_int_eq(dg.e[0].line, 5);
    ck_assert_str_eq(dg.e[0].path, "");
    ck_assert_int_eq(dg.e[1].line, 4);
    ck_assert_int_eq(dg.e[1].col, 7);
    ck_assert_int_eq(dg.e[2].line, 0);
    ck_assert_str_eq(dg.e[2].path, "/zzz");
    ck_assert_int_eq(dg.e[3].line, 9);
    jsonpos_release(&jp);
}
END_TEST

START_TEST(test_checks)
{
    static const char *const valid[] = {"instance", "seed", "duration_s"};
    json_error_t err;
    json_t *o = json_loads("{\"instnace\": 1, \"seed\": 2.5, \"duration_s\": "
                           "-1, \"n\": \"s\", \"z\": 3}", 0, &err);
    struct diag dg;
    double d;
    uint64_t u;
    const char *s;

    ck_assert_ptr_nonnull(o);
    diag_init(&dg, "s.json");
    ck_assert_int_eq(jcheck_keys(o, "", "scenario", valid, 3, &dg), -1);
    ck_assert_int_eq(dg.count, 3);     /* instnace, n, z */
    ck_assert_str_eq(dg.e[0].msg, "unknown key 'instnace' in 'scenario' "
                     "(did you mean 'instance'?)");
    ck_assert_str_eq(dg.e[0].path, "/instnace");
    diag_init(&dg, "s.json");
    ck_assert_int_eq(jcheck_uint(o, "seed", "", 0, 10, 0, 1, &u, &dg), -1);
    ck_assert_str_eq(dg.e[0].msg, "'seed' must be an integer, got a number");
    ck_assert_int_eq(jcheck_number(o, "duration_s", "", 1e-6, 1e6, 0, 1, &d,
                                   &dg), -1);
    ck_assert_str_eq(dg.e[1].msg, "'duration_s' must be in [1e-06, 1e+06], got -1");
    ck_assert_double_eq(d, 1);         /* the default stands */
    ck_assert_int_eq(jcheck_number(o, "n", "", 0, 1, 0, 0, &d, &dg), -1);
    ck_assert_str_eq(dg.e[2].msg, "'n' must be a number, got a string");
    ck_assert_int_eq(jcheck_string(o, "missing", "/w", 1, &s, &dg), -1);
    ck_assert_str_eq(dg.e[3].msg, "missing key 'missing'");
    ck_assert_str_eq(dg.e[3].path, "/w");
    ck_assert_int_eq(jcheck_number(o, "z", "", 0, 10, 1, 0, &d, &dg), 0);
    ck_assert_double_eq(d, 3);
    json_decref(o);
}
END_TEST

START_TEST(test_locate_last)
{
    struct diag dg;

    diag_init(&dg, "s.json");
    diag_set(&dg, 0, 0, "unknown instance 'x'");
    diag_locate_last(&dg, "/instances[0]");
    ck_assert_str_eq(dg.e[0].path, "/instances[0]");
    diag_set(&dg, 3, 4, "placed");
    diag_locate_last(&dg, "/other");
    ck_assert_str_eq(dg.e[1].path, "");
}
END_TEST

Suite *jsonio_suite(void)
{
    Suite *s = suite_create("jsonio");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_positions);
    tcase_add_test(tc, test_resolve);
    tcase_add_test(tc, test_checks);
    tcase_add_test(tc, test_locate_last);
    suite_add_tcase(s, tc);
    return s;
}
