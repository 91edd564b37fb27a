/*
 * check_jsonio.c - reading user JSON: the position scanner maps paths to
 * line:col (keys, array elements, nearest ancestor), and the typed checks
 * report types, ranges, integers vs reals and unknown keys with near misses;
 * walks carry their path in both styles and record problems there.
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

START_TEST(test_type_names)
{
    json_t *r = json_real(1.5), *i = json_integer(2), *n = json_null();

    ck_assert_str_eq(json_type_name(r), "a number");
    ck_assert_str_eq(json_type_name_real(r), "a real number");
    ck_assert_str_eq(json_type_name_real(i), "an integer");
    ck_assert_str_eq(json_type_name(n), "null");
    json_decref(r);
    json_decref(i);
    json_decref(n);
}
END_TEST

/* A walk's paths, both styles; marks go back exactly. */
START_TEST(test_walk_paths)
{
    struct jcheck_walk w;
    size_t a, b;

    jcheck_walk_init(&w, NULL, "/workload", false);
    a = jcheck_push_key(&w, "request");
    b = jcheck_push_index(&w, 2);
    jcheck_push_key(&w, "a/b");
    ck_assert_str_eq(w.path.buf, "/workload/request[2]/a/b");
    ck_assert_str_eq(jcheck_leaf(&w), "b");
    jcheck_pop(&w, b);
    ck_assert_str_eq(w.path.buf, "/workload/request");
    jcheck_pop(&w, a);
    ck_assert_str_eq(w.path.buf, "/workload");
    jcheck_walk_release(&w);
    ck_assert_uint_eq(w.path.len, 0);

    jcheck_walk_init(&w, NULL, NULL, true);
    jcheck_push_key(&w, "cells");
    jcheck_push_index(&w, 3);
    jcheck_push_key(&w, "a~b/c");
    ck_assert_str_eq(w.path.buf, "/cells/3/a~0b~1c");
    jcheck_walk_release(&w);
}
END_TEST

/* Problems land at the path at hand; a pointer walk's root is "/". */
START_TEST(test_walk_fail)
{
    struct jcheck_walk w;
    struct diag dg;
    json_t *s = json_string("x");

    diag_init(&dg, "f.json");
    jcheck_walk_init(&w, &dg, NULL, true);
    ck_assert_int_eq(jcheck_expected(&w, "an object", s), -1);
    ck_assert_str_eq(dg.e[0].path, "/");
    ck_assert_str_eq(dg.e[0].msg, "expected an object, got a string");
    jcheck_fail_key(&w, "k", "bad %d", 7);
    ck_assert_str_eq(dg.e[1].path, "/k");
    ck_assert_str_eq(dg.e[1].msg, "bad 7");
    ck_assert_str_eq(w.path.buf, "");
    ck_assert_int_eq(w.nerr, 2);
    jcheck_walk_release(&w);
    json_decref(s);
}
END_TEST

START_TEST(test_walk_getters)
{
    static const char *const known[] = {"rate_rps", "process", "n"};
    static const char *const kinds[] = {"poisson", "constant"};
    const struct jcheck_limits lim = {0, true, 100, true};
    json_error_t err;
    json_t *o = json_loads("{\"process\": \"poison\", \"rate_rps\": -1, "
                           "\"n\": 2.5, \"rate_rp\": 1, \"zzzzzz\": 2}", 0, &err);
    struct jcheck_walk w;
    struct diag dg;
    const char *str = NULL;
    double d = 9;

    ck_assert_ptr_nonnull(o);
    diag_init(&dg, "f.json");
    jcheck_walk_init(&w, &dg, "/a", false);
    ck_assert_int_eq(jcheck_known_keys(&w, o, known, 3), -1);
    ck_assert_int_eq(dg.count, 2);
    ck_assert_str_eq(dg.e[0].path, "/a/rate_rp");
    ck_assert_str_eq(dg.e[0].msg, "unknown key 'rate_rp' (did you mean "
                     "'rate_rps'?)");
    ck_assert_str_eq(dg.e[1].msg, "unknown key 'zzzzzz'; valid keys: "
                     "rate_rps, process, n");
    diag_init(&dg, "f.json");
    ck_assert_int_eq(jcheck_get_name(&w, o, "process", "process", kinds, 2),
                     -1);
    ck_assert_str_eq(dg.e[0].path, "/a/process");
    ck_assert_str_eq(dg.e[0].msg, "unknown process 'poison' (did you mean "
                     "'poisson'?)");
    ck_assert_int_eq(jcheck_get_number(&w, o, "rate_rps", true, &lim, &d), -1);
    ck_assert_str_eq(dg.e[1].path, "/a/rate_rps");
    ck_assert_str_eq(dg.e[1].msg, "'rate_rps' must be > 0, got -1");
    ck_assert_int_eq(jcheck_get_number(&w, o, "n", true, &lim, &d), -1);
    ck_assert_str_eq(dg.e[2].msg, "'n' must be an integer, got 2.5");
    ck_assert_int_eq(jcheck_get_number(&w, o, "absent", false, &lim, &d), 0);
    ck_assert_double_eq(d, 2.5);       /* as read before the check failed */
    ck_assert_int_eq(jcheck_get_string(&w, o, "absent", true, &str), -1);
    ck_assert_str_eq(dg.e[3].path, "/a");
    ck_assert_str_eq(dg.e[3].msg, "missing required key 'absent'");
    ck_assert_int_eq(jcheck_get_string(&w, o, "rate_rps", false, &str), -1);
    ck_assert_str_eq(dg.e[4].msg, "expected a string, got an integer");
    ck_assert_ptr_null(str);
    ck_assert_int_eq(w.nerr, 7);
    jcheck_walk_release(&w);
    json_decref(o);
}
END_TEST

START_TEST(test_walk_array)
{
    json_t *a = json_pack("[iii]", 1, 2, 3), *o = json_object();
    struct jcheck_walk w;
    struct diag dg;
    size_t n = 0;

    diag_init(&dg, "f.json");
    jcheck_walk_init(&w, &dg, "/r", false);
    ck_assert_int_eq(jcheck_array(&w, a, "an array of ops", 3, "ops", &n), 0);
    ck_assert_uint_eq(n, 3);
    ck_assert_int_eq(jcheck_array(&w, a, "an array of ops", 2, "ops", &n), -1);
    ck_assert_str_eq(dg.e[0].msg, "must hold 1 to 2 ops, got 3");
    ck_assert_int_eq(jcheck_array(&w, o, "an array of ops", 2, "ops", &n), -1);
    ck_assert_str_eq(dg.e[1].msg, "expected an array of ops, got an object");
    ck_assert_str_eq(dg.e[1].path, "/r");
    jcheck_walk_release(&w);
    json_decref(a);
    json_decref(o);
}
END_TEST

/* Long keys and paths are recorded whole, not cut. */
START_TEST(test_long_paths)
{
    struct jsonpos jp = {0};
    char key[600], text[700], path[700];
    int line, col;

    memset(key, 'k', sizeof(key) - 1);
    key[sizeof(key) - 1] = '\0';
    snprintf(text, sizeof(text), "{\"%s\": {\"x\": 1}}", key);
    snprintf(path, sizeof(path), "/%s/x", key);
    ck_assert_int_eq(jsonpos_scan(&jp, text, strlen(text)), 0);
    ck_assert_int_eq(jsonpos_find(&jp, path, &line, &col), 0);
    ck_assert_int_eq(col, 606);     /* the "x" after 599 k's */
    jsonpos_release(&jp);
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
    tcase_add_test(tc, test_type_names);
    suite_add_tcase(s, tc);
    tc = tcase_create("walk");
    tcase_add_test(tc, test_walk_paths);
    tcase_add_test(tc, test_walk_fail);
    tcase_add_test(tc, test_walk_getters);
    tcase_add_test(tc, test_walk_array);
    tcase_add_test(tc, test_long_paths);
    suite_add_tcase(s, tc);
    return s;
}
