/*
 * golden.c - reading files whole and comparing output with golden files,
 * for the test suites that check exact output.
 */
#include "tests/golden.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "reports/atomic.h"

/* The whole file at path (NUL-terminated), or NULL; *len its length. */
char *test_slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf;
    long n;

    if (!fp)
        return NULL;
    ck_assert_int_eq(fseek(fp, 0, SEEK_END), 0);
    n = ftell(fp);
    ck_assert_int_ge(n, 0);
    rewind(fp);
    buf = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(buf);
    *len = fread(buf, 1, (size_t)n, fp);
    ck_assert_uint_eq(*len, (size_t)n);
    buf[*len] = '\0';
    fclose(fp);
    return buf;
}

static int golden_update(void)
{
    const char *v = getenv("VIRTSIM_GOLDEN_UPDATE");

    return v && strcmp(v, "1") == 0;
}

/*
 * Compares got with dir/name byte for byte, naming the first line
 * that differs; with VIRTSIM_GOLDEN_UPDATE=1 rewrites the golden instead.
 */
void test_check_golden(const char *dir, const char *name, const char *got,
                       size_t len)
{
    char path[256];
    char *want;
    size_t want_len, i, line = 1, start = 0, end_got, end_want;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    if (golden_update()) {
        struct atomic_file af;
        struct diag dg;

        diag_init(&dg, NULL);
        ck_assert_int_eq(atomic_mkdir_p(dir, &dg), 0);
        ck_assert_int_eq(atomic_open(&af, path, &dg), 0);
        fwrite(got, 1, len, af.fp);
        ck_assert_msg(atomic_commit(&af, false, &dg) == 0, "%s",
                      dg.e[0].msg);
        fprintf(stderr, "VIRTSIM_GOLDEN_UPDATE=1: "
                "rewrote %s\n", path);
        return;
    }
    want = test_slurp(path, &want_len);
    ck_assert_msg(want != NULL, "cannot read %s: %s (VIRTSIM_GOLDEN_UPDATE=1 "
                  "writes it)", path, strerror(errno));
    for (i = 0; i < len && i < want_len && got[i] == want[i]; i++) {
        if (got[i] == '\n') {
            line++;
            start = i + 1;
        }
    }
    if (i == len && i == want_len) {
        free(want);
        return;
    }
    for (end_got = start; end_got < len && got[end_got] != '\n'; end_got++)
        ;
    for (end_want = start; end_want < want_len && want[end_want] != '\n';
         end_want++)
        ;
    ck_abort_msg("output differs from %s at line %zu:\n  got:  %.*s\n"
                 "  want: %.*s\n(VIRTSIM_GOLDEN_UPDATE=1 rewrites goldens "
                 "for review)", path, line, (int)(end_got - start),
                 got + start, (int)(end_want - start), want + start);
}
