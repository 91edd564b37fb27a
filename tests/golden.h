/*
 * golden.h - test support for golden files: read a file whole, and compare
 * output with a reviewed file byte for byte (or rewrite it when
 * VIRTSIM_GOLDEN_UPDATE=1, as `make golden-update` does).
 */
#ifndef VIRTSIM_TESTS_GOLDEN_H
#define VIRTSIM_TESTS_GOLDEN_H

#include <stddef.h>

/* The whole file at path (NUL-terminated), or NULL; *len its length. Caller frees. */
char *test_slurp(const char *path, size_t *len);

/*
 * Compares got with dir/name byte for byte, failing the test with the first
 * line that differs; with VIRTSIM_GOLDEN_UPDATE=1 rewrites the file instead.
 */
void test_check_golden(const char *dir, const char *name, const char *got,
                       size_t len);

#endif
