/*
 * check_infile.c - tests for base/infile.c: a regular file is read whole,
 * a UTF-8 byte-order mark dropped; FIFOs, devices and directories are
 * refused without blocking; a file past the cap is refused; UTF-16/32
 * and NUL bytes are named, a NUL with its line and column.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/infile.h"
#include "tests/suites.h"

static char dir[64];

static void setup(void)
{
    snprintf(dir, sizeof(dir), "/tmp/virtsim-infile-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
    char cmd[128];

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

/* Writes n bytes to DIR/name; returns the path (static buffer). */
static const char *put(const char *name, const char *bytes, size_t n)
{
    static char path[128];
    FILE *fp;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    fp = fopen(path, "wb");
    ck_assert_ptr_nonnull(fp);
    ck_assert_uint_eq(fwrite(bytes, 1, n, fp), n);
    ck_assert_int_eq(fclose(fp), 0);
    return path;
}

START_TEST(test_reads_whole)
{
    struct diag dg;
    size_t len;
    char *buf;

    diag_init(&dg, NULL);
    buf = infile_read(put("a.json", "{\"a\": 1}\n", 9), 0, &len, &dg);
    ck_assert_ptr_nonnull(buf);
    ck_assert_uint_eq(len, 9);
    ck_assert_str_eq(buf, "{\"a\": 1}\n");
    free(buf);
    /* Empty is fine: the parser says what is missing. */
    buf = infile_read(put("e.json", "", 0), 0, &len, &dg);
    ck_assert_ptr_nonnull(buf);
    ck_assert_uint_eq(len, 0);
    free(buf);
    ck_assert_int_eq(dg.count, 0);
}
END_TEST

START_TEST(test_bom_dropped)
{
    struct diag dg;
    size_t len;
    char *buf;

    diag_init(&dg, NULL);
    buf = infile_read(put("b.json", "\xef\xbb\xbf{}", 5), 0, &len, &dg);
    ck_assert_ptr_nonnull(buf);
    ck_assert_uint_eq(len, 2);
    ck_assert_str_eq(buf, "{}");
    free(buf);
}
END_TEST

START_TEST(test_cap)
{
    char big[4096];
    struct diag dg;
    size_t len;

    memset(big, ' ', sizeof(big));
    diag_init(&dg, NULL);
    ck_assert_ptr_null(infile_read(put("big.json", big, sizeof(big)), 4095,
                                   &len, &dg));
    ck_assert_ptr_nonnull(strstr(dg.e[0].msg, "file too large: 4096 bytes"));
    diag_init(&dg, NULL);
    free(infile_read(put("big.json", big, sizeof(big)), 4096, &len, &dg));
    ck_assert_int_eq(dg.count, 0);
    ck_assert_uint_eq(len, 4096);
}
END_TEST

START_TEST(test_not_regular)
{
    char fifo[128];
    struct diag dg;
    size_t len;
    FILE *fp;

    snprintf(fifo, sizeof(fifo), "%s/fifo", dir);
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    diag_init(&dg, NULL);
    /* No writer: a blocking open would hang here. */
    ck_assert_ptr_null(infile_read(fifo, 0, &len, &dg));
    ck_assert_str_eq(dg.e[0].msg, "not a regular file (a FIFO); virtsim "
                     "reads inputs from regular files only");
    diag_init(&dg, NULL);
    ck_assert_ptr_null(infile_read("/dev/zero", 0, &len, &dg));
    ck_assert_ptr_nonnull(strstr(dg.e[0].msg, "(a character device)"));
    diag_init(&dg, NULL);
    ck_assert_ptr_null(infile_open(dir, "trace", &dg));
    ck_assert_ptr_nonnull(strstr(dg.e[0].msg, "trace is not a regular file "
                                 "(a directory)"));
    diag_init(&dg, NULL);
    fp = infile_open(put("t.csv", "x\n", 2), "trace", &dg);
    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(getc(fp), 'x');
    fclose(fp);
    diag_init(&dg, NULL);
    ck_assert_ptr_null(infile_open("/nonexistent/t.csv", "trace", &dg));
    ck_assert_str_eq(dg.e[0].msg, "cannot open trace: No such file or "
                     "directory");
}
END_TEST

static const struct {
    const char *bytes;
    size_t n;
    int line, col;
    const char *starts;
} encodings[] = {
    {"\xff\xfe{\0}\0", 6, 1, 1, "the file is UTF-16 (little-endian"},
    {"\xfe\xff\0{\0}", 6, 1, 1, "the file is UTF-16 (big-endian"},
    {"{\0\"\0a\0", 6, 1, 1, "the file looks like UTF-16 (little-endian"},
    {"\0{\0\"\0a", 6, 1, 1, "the file looks like UTF-16 (big-endian"},
    {"\xff\xfe\0\0{\0\0\0", 8, 1, 1, "the file is UTF-32 (little-endian"},
    {"\0\0\xfe\xff\0\0\0{", 8, 1, 1, "the file is UTF-32 (big-endian"},
    {"{\n  \"a\":\0 1}", 12, 2, 7, "NUL byte at offset 8"},
};

START_TEST(test_encodings)
{
    struct diag dg;

    diag_init(&dg, NULL);
    ck_assert_int_eq(infile_check_text(encodings[_i].bytes, encodings[_i].n,
                                       &dg), -1);
    ck_assert_int_eq(dg.e[0].line, encodings[_i].line);
    ck_assert_int_eq(dg.e[0].col, encodings[_i].col);
    ck_assert_msg(!strncmp(dg.e[0].msg, encodings[_i].starts,
                           strlen(encodings[_i].starts)),
                  "case %d: %s", _i, dg.e[0].msg);
    ck_assert_int_eq(infile_check_text("{}", 2, &dg), 0);
    ck_assert_int_eq(infile_check_text("\xef\xbb\xbf{}", 5, &dg), 3);
}
END_TEST

Suite *infile_suite(void)
{
    Suite *s = suite_create("infile");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_reads_whole);
    tcase_add_test(tc, test_bom_dropped);
    tcase_add_test(tc, test_cap);
    tcase_add_test(tc, test_not_regular);
    tcase_add_loop_test(tc, test_encodings, 0,
                        (int)(sizeof(encodings) / sizeof(encodings[0])));
    suite_add_tcase(s, tc);
    return s;
}
