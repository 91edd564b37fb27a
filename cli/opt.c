/*
 * opt.c - option matching and number parsing for the commands, reporting
 * problems through struct diag. Knows nothing about particular commands.
 */
#include "cli/opt.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

bool opt_is_help(const char *arg)
{
    return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

int opt_match(int argc, char **argv, int *i, const char *name,
              const char **value, struct diag *dg)
{
    const char *arg = argv[*i];
    size_t len = strlen(name);

    if (strncmp(arg, name, len) != 0)
        return 1;
    if (arg[len] == '=') {
        *value = arg + len + 1;
        return 0;
    }
    if (arg[len] != '\0')
        return 1;
    if (*i + 1 >= argc)
        return diag_set(dg, 0, 0, "%s needs a value", name);
    *i += 1;
    *value = argv[*i];
    return 0;
}

int opt_parse_double(const char *name, const char *arg, double *out,
                     struct diag *dg)
{
    char *end;
    double v;

    /* strtod skips leading space and takes hex; only plain numbers here. */
    if (arg[0] == '\0' || isspace((unsigned char)arg[0]) ||
        strpbrk(arg, "xX"))
        return diag_set(dg, 0, 0, "%s must be a number, got '%s'", name, arg);
    errno = 0;
    v = strtod(arg, &end);
    if (end == arg || *end != '\0')
        return diag_set(dg, 0, 0, "%s must be a number, got '%s'", name, arg);
    if (!isfinite(v))
        return diag_set(dg, 0, 0, "%s must be a finite number, got '%s'",
                        name, arg);
    *out = v;
    return 0;
}

int opt_parse_u64(const char *name, const char *arg, uint64_t *out,
                  struct diag *dg)
{
    unsigned long long v;
    char *end;

    /* strtoull accepts a sign and wraps "-1" around; digits only here. */
    if (!isdigit((unsigned char)arg[0]))
        return diag_set(dg, 0, 0, "%s must be a non-negative integer, "
                        "got '%s'", name, arg);
    errno = 0;
    v = strtoull(arg, &end, 10);
    if (*end != '\0')
        return diag_set(dg, 0, 0, "%s must be a non-negative integer, "
                        "got '%s'", name, arg);
    if (errno == ERANGE || v > UINT64_MAX)
        return diag_set(dg, 0, 0, "%s is out of range (at most %llu), "
                        "got '%s'", name, (unsigned long long)UINT64_MAX,
                        arg);
    *out = (uint64_t)v;
    return 0;
}

int opt_parse_seed(const char *name, const char *arg, uint64_t *out,
                   struct diag *dg)
{
    uint64_t v;

    if (opt_parse_u64(name, arg, &v, dg) < 0)
        return -1;
    if (v > (uint64_t)INT64_MAX)
        return diag_set(dg, 0, 0, "%s is out of range (at most %lld, as a "
                        "scenario's 'seed'), got '%s'", name,
                        (long long)INT64_MAX, arg);
    *out = v;
    return 0;
}

int opt_parse_u64_in(const char *name, const char *arg, uint64_t lo,
                     uint64_t hi, uint64_t *out, struct diag *dg)
{
    if (opt_parse_u64(name, arg, out, dg) < 0)
        return -1;
    if (*out < lo || *out > hi)
        return diag_set(dg, 0, 0, "%s must be in [%llu, %llu], got %s", name,
                        (unsigned long long)lo, (unsigned long long)hi, arg);
    return 0;
}

int opt_unknown(const char *arg, const char *const *known, int n,
                struct diag *dg)
{
    char word[64];
    const char *near;
    size_t len = strcspn(arg, "=");

    if (len >= sizeof(word))
        len = sizeof(word) - 1;
    memcpy(word, arg, len);
    word[len] = '\0';
    near = diag_near_miss(word, known, (size_t)n);
    if (near)
        return diag_set(dg, 0, 0, "unknown option '%s' (did you mean '%s'?)",
                        word, near);
    return diag_set(dg, 0, 0, "unknown option '%s'", word);
}

char *opt_dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir;

    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    dir = xstrdup(path);
    dir[slash - path] = '\0';
    return dir;
}

int opt_fail(const struct diag *dg, const char *cmd)
{
    diag_print(dg, stderr);
    fprintf(stderr, "Run 'virtsim %s --help' for its options.\n", cmd);
    return 2;
}
