/*
 * fuzz.c - the harnesses' shared set-up (fuzz.h).
 */
#include "tests/fuzz/fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

static char dir[64];
static char path[128];

static void remove_dir(void)
{
    if (path[0])
        unlink(path);
    if (dir[0])
        rmdir(dir);
}

void fuzz_init(void)
{
    if (dir[0])
        return;
    gsl_set_error_handler_off();
    snprintf(dir, sizeof(dir), "/tmp/virtsim-fuzz.XXXXXX");
    if (!mkdtemp(dir)) {
        perror("fuzz: mkdtemp");
        abort();
    }
    atexit(remove_dir);
}

const char *fuzz_dir(void)
{
    return dir;
}

const char *fuzz_write(const char *name, const uint8_t *data, size_t size)
{
    FILE *fp;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    fp = fopen(path, "wb");
    if (!fp || fwrite(data, 1, size, fp) != size || fclose(fp) != 0) {
        perror("fuzz: writing the input");
        abort();
    }
    return path;
}
