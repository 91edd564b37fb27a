/*
 * check_strbuf.c - tests for base/strbuf.c: an empty strbuf is "", appends
 * of any length are kept whole (no cut at a fixed size), printf-style
 * appends, paths joined with one slash, detach hands the buffer out.
 */
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "tests/suites.h"

START_TEST(test_empty)
{
    struct strbuf sb = STRBUF_INIT;

    ck_assert_str_eq(sb.buf, "");
    ck_assert_uint_eq(sb.len, 0);
    strbuf_reset(&sb);
    strbuf_release(&sb);
    ck_assert_str_eq(sb.buf, "");
}
END_TEST

START_TEST(test_long_appends)
{
    struct strbuf sb = STRBUF_INIT;
    size_t i;

    for (i = 0; i < 5000; i++)
        strbuf_addch(&sb, (char)('a' + i % 26));
    ck_assert_uint_eq(sb.len, 5000);
    ck_assert_uint_eq(strlen(sb.buf), 5000);
    ck_assert_int_eq(sb.buf[4999], 'a' + 4999 % 26);
    strbuf_addf(&sb, "%s-%d", "x", 42);
    ck_assert_str_eq(sb.buf + 5000, "x-42");
    strbuf_reset(&sb);
    ck_assert_str_eq(sb.buf, "");
    strbuf_addstr(&sb, "again");
    ck_assert_str_eq(sb.buf, "again");
    strbuf_release(&sb);
}
END_TEST

START_TEST(test_path)
{
    struct strbuf sb = STRBUF_INIT;

    ck_assert_str_eq(strbuf_path(&sb, "results/q", "index.html"),
                     "results/q/index.html");
    ck_assert_str_eq(strbuf_path(&sb, "results/q/", "a"), "results/q/a");
    ck_assert_str_eq(strbuf_path(&sb, "", "a"), "a");
    ck_assert_str_eq(strbuf_path(&sb, NULL, "a"), "a");
    ck_assert_str_eq(strbuf_path(&sb, "d", "/abs"), "/abs");
    strbuf_release(&sb);
}
END_TEST

START_TEST(test_detach_and_fmt)
{
    struct strbuf sb = STRBUF_INIT;
    size_t len;
    char *s;

    s = strbuf_detach(&sb, &len);
    ck_assert_str_eq(s, "");
    ck_assert_uint_eq(len, 0);
    free(s);
    strbuf_addstr(&sb, "abc");
    s = strbuf_detach(&sb, &len);
    ck_assert_str_eq(s, "abc");
    ck_assert_uint_eq(len, 3);
    ck_assert_str_eq(sb.buf, "");
    free(s);
    s = xstrfmt("%0600d", 7);
    ck_assert_uint_eq(strlen(s), 600);
    free(s);
}
END_TEST

START_TEST(test_add_list)
{
    static const char *const items[] = {"a", "bb", "c"};
    struct strbuf sb = STRBUF_INIT;

    strbuf_add_list(&sb, items, 0, ", ");
    ck_assert_str_eq(sb.buf, "");
    strbuf_add_list(&sb, items, 3, ", ");
    ck_assert_str_eq(sb.buf, "a, bb, c");
    strbuf_release(&sb);
}
END_TEST

Suite *strbuf_suite(void)
{
    Suite *s = suite_create("strbuf");
    TCase *tc = tcase_create("strbuf");

    tcase_add_test(tc, test_empty);
    tcase_add_test(tc, test_long_appends);
    tcase_add_test(tc, test_path);
    tcase_add_test(tc, test_detach_and_fmt);
    tcase_add_test(tc, test_add_list);
    suite_add_tcase(s, tc);
    return s;
}
