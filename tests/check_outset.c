/*
 * check_outset.c - tests for reports/atomic.c and reports/outset.c: only
 * regular files are renamed over (a device is written through, a link
 * followed, a directory refused); a set swaps in whole, keeps the
 * target's other files, and an aborted set leaves the old one; the
 * working directory is committed file by file.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reports/atomic.h"
#include "reports/outset.h"
#include "tests/suites.h"

static char dir[64];

static void setup(void)
{
    snprintf(dir, sizeof(dir), "/tmp/virtsim-outset-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
    ck_assert_int_eq(outset_remove_tree(dir), 0);
}

static void put(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");

    ck_assert_ptr_nonnull(fp);
    fputs(text, fp);
    ck_assert_int_eq(fclose(fp), 0);
}

/* The first line of path, or "" when it cannot be read. */
static const char *get(const char *path)
{
    static char line[256];
    FILE *fp = fopen(path, "r");

    line[0] = '\0';
    if (fp) {
        if (!fgets(line, sizeof(line), fp))
            line[0] = '\0';
        fclose(fp);
    }
    return line;
}

static const char *at(const char *name)
{
    static char path[4][256];
    static int next;
    char *p = path[next++ % 4];

    snprintf(p, sizeof(path[0]), "%s/%s", dir, name);
    return p;
}

/* Entries of d whose names start with '.' (temporary ones), . and .. aside. */
static int count_hidden(const char *d)
{
    struct dirent *de;
    DIR *dp = opendir(d);
    int n = 0;

    ck_assert_ptr_nonnull(dp);
    while ((de = readdir(dp)) != NULL)
        if (de->d_name[0] == '.' && strcmp(de->d_name, ".") &&
            strcmp(de->d_name, ".."))
            n++;
    closedir(dp);
    return n;
}

static int write_one(const char *path, const char *text, struct diag *dg)
{
    struct atomic_file af;

    if (atomic_open(&af, path, dg) < 0)
        return -1;
    fputs(text, af.fp);
    return atomic_commit(&af, false, dg);
}

START_TEST(test_atomic_kinds)
{
    struct diag dg;
    struct stat st;

    diag_init(&dg, NULL);
    /* A device is written through and stays a device. */
    ck_assert_int_eq(write_one("/dev/null", "x\n", &dg), 0);
    ck_assert_int_eq(stat("/dev/null", &st), 0);
    ck_assert(S_ISCHR(st.st_mode));
    /* /dev/full is written through too, and its ENOSPC is reported. */
    ck_assert_int_eq(write_one("/dev/full", "x\n", &dg), -1);
    ck_assert_ptr_nonnull(strstr(dg.e[0].msg, strerror(ENOSPC)));
    /* A link to a file: the file is replaced, the link stays a link. */
    put(at("real"), "old\n");
    ck_assert_int_eq(symlink(at("real"), at("link")), 0);
    diag_init(&dg, NULL);
    ck_assert_int_eq(write_one(at("link"), "new\n", &dg), 0);
    ck_assert_int_eq(lstat(at("link"), &st), 0);
    ck_assert(S_ISLNK(st.st_mode));
    ck_assert_str_eq(get(at("real")), "new\n");
    /* A dangling link and a directory are refused, and stay. */
    ck_assert_int_eq(symlink(at("nowhere"), at("dangling")), 0);
    ck_assert_int_eq(write_one(at("dangling"), "x\n", &dg), -1);
    ck_assert_int_eq(lstat(at("dangling"), &st), 0);
    ck_assert(S_ISLNK(st.st_mode));
    ck_assert_int_eq(mkdir(at("sub"), 0777), 0);
    diag_init(&dg, NULL);
    ck_assert_int_eq(write_one(at("sub"), "x\n", &dg), -1);
    ck_assert_ptr_nonnull(strstr(dg.e[0].msg, "it is a directory"));
}
END_TEST

/* Writes a set of {results.json, charts/c.dat} holding `tag` into target. */
static int write_set(const char *target, const char *tag, bool commit,
                     struct diag *dg)
{
    struct outset os;
    char path[512];

    if (outset_begin(&os, target, dg) < 0)
        return -1;
    snprintf(path, sizeof(path), "%s/results.json", os.work);
    put(path, tag);
    snprintf(path, sizeof(path), "%s/charts", os.work);
    ck_assert_int_eq(atomic_mkdir_p(path, dg), 0);
    snprintf(path, sizeof(path), "%s/charts/c.dat", os.work);
    put(path, tag);
    if (!commit) {
        outset_abort(&os);
        return 0;
    }
    return outset_commit(&os, dg);
}

START_TEST(test_set_swaps_whole)
{
    struct diag dg;
    char *target = strdup(at("res"));

    diag_init(&dg, NULL);
    ck_assert_int_eq(write_set(target, "one\n", true, &dg), 0);
    ck_assert_str_eq(get(at("res/results.json")), "one\n");
    put(at("res/notes.txt"), "mine\n");
    put(at("res/charts/stale.png"), "old\n");
    ck_assert_int_eq(write_set(target, "two\n", true, &dg), 0);
    ck_assert_str_eq(get(at("res/results.json")), "two\n");
    ck_assert_str_eq(get(at("res/charts/c.dat")), "two\n");
    /* The user's file is kept; the old set's leftovers are gone. */
    ck_assert_str_eq(get(at("res/notes.txt")), "mine\n");
    ck_assert_int_eq(access(at("res/charts/stale.png"), F_OK), -1);
    /* An aborted set leaves the previous one, and no temporary dirs. */
    ck_assert_int_eq(write_set(target, "three\n", false, &dg), 0);
    ck_assert_str_eq(get(at("res/results.json")), "two\n");
    ck_assert_int_eq(count_hidden(dir), 0);
    ck_assert_int_eq(dg.count, 0);
    free(target);
}
END_TEST

START_TEST(test_set_user_dir_per_file)
{
    struct diag dg;
    char *target = strdup(at("res"));

    diag_init(&dg, NULL);
    ck_assert_int_eq(mkdir(target, 0777), 0);
    ck_assert_int_eq(mkdir(at("res/data"), 0777), 0);
    put(at("res/data/keep"), "keep\n");
    put(at("res/results.json"), "old\n");
    /* A directory of the user's: files are renamed in one by one. */
    ck_assert_int_eq(write_set(target, "new\n", true, &dg), 0);
    ck_assert_str_eq(get(at("res/results.json")), "new\n");
    ck_assert_str_eq(get(at("res/charts/c.dat")), "new\n");
    ck_assert_str_eq(get(at("res/data/keep")), "keep\n");
    free(target);
}
END_TEST

START_TEST(test_set_cwd)
{
    char old[PATH_MAX];
    struct diag dg;
    struct stat before, after;

    ck_assert_ptr_nonnull(getcwd(old, sizeof(old)));
    ck_assert_int_eq(chdir(dir), 0);
    ck_assert_int_eq(stat(".", &before), 0);
    diag_init(&dg, NULL);
    ck_assert_int_eq(write_set(".", "here\n", true, &dg), 0);
    /* The working directory itself is never swapped away. */
    ck_assert_int_eq(stat(dir, &after), 0);
    ck_assert_uint_eq(before.st_ino, after.st_ino);
    ck_assert_str_eq(get("results.json"), "here\n");
    ck_assert_int_eq(chdir(old), 0);
}
END_TEST

START_TEST(test_set_refuses_file)
{
    struct diag dg;
    struct outset os;

    put(at("file"), "x\n");
    diag_init(&dg, NULL);
    ck_assert_int_eq(outset_begin(&os, at("file"), &dg), -1);
    ck_assert_ptr_nonnull(strstr(dg.e[0].msg, "is not a directory"));
    ck_assert_ptr_null(os.work);
}
END_TEST

START_TEST(test_name_target)
{
    struct diag dg;
    struct outset os;
    char *target = strdup(at("res"));
    char want[256];

    diag_init(&dg, NULL);
    ck_assert_int_eq(outset_begin(&os, target, &dg), 0);
    diag_set(&dg, 0, 0, "cannot write '%s/results.json': full", os.work);
    outset_name_target(&os, &dg);
    snprintf(want, sizeof(want), "cannot write '%s/results.json': full",
             target);
    ck_assert_str_eq(dg.e[0].msg, want);
    outset_abort(&os);
    ck_assert_int_eq(access(target, F_OK), -1);
    free(target);
}
END_TEST

Suite *outset_suite(void)
{
    Suite *s = suite_create("outset");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_atomic_kinds);
    tcase_add_test(tc, test_set_swaps_whole);
    tcase_add_test(tc, test_set_user_dir_per_file);
    tcase_add_test(tc, test_set_cwd);
    tcase_add_test(tc, test_set_refuses_file);
    tcase_add_test(tc, test_name_target);
    suite_add_tcase(s, tc);
    return s;
}
