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

/*
 * The known name nearest to `word`, dashes aside: "--bogus" and "--jobs"
 * are five letters against four, not seven against six, so the prefix
 * does not make unrelated names look near.
 */
static const char *near_option(const char *word, const char *const *known,
                               size_t n)
{
    const char *bare[64];
    const char *near;
    size_t i, m = n < 64 ? n : 64;

    for (i = 0; i < m; i++)
        bare[i] = known[i] + strspn(known[i], "-");
    near = diag_near_miss(word + strspn(word, "-"), bare, m);
    for (i = 0; near && i < m; i++)
        if (bare[i] == near)
            return known[i];
    return NULL;
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
    near = n > 0 ? near_option(word, known, (size_t)n) : NULL;
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

void opt_parser_init(struct opt_parser *p, int argc, char **argv,
                     const struct opt_def *defs, size_t ndefs)
{
    p->argc = argc;
    p->argv = argv;
    p->defs = defs;
    p->ndefs = ndefs;
    p->next = 1;
    p->bundle = NULL;
    p->args_only = false;
}

static bool has_short(int key)
{
    return key > 0 && key < 128 && isalnum(key);
}

const char *opt_name(const struct opt_def *defs, size_t ndefs, int key)
{
    static char buf[72];
    size_t i;

    for (i = 0; i < ndefs; i++) {
        if (defs[i].key == key) {
            snprintf(buf, sizeof(buf), "--%s", defs[i].name);
            return buf;
        }
    }
    snprintf(buf, sizeof(buf), "-%c", has_short(key) ? key : '?');
    return buf;
}

/* "unknown option" for a long name, with a suggestion only when near. */
static int unknown_long(const struct opt_parser *p, const char *arg,
                        struct diag *dg)
{
    char names[64][72];
    const char *known[64];
    size_t i, n = p->ndefs < 64 ? p->ndefs : 64;

    for (i = 0; i < n; i++) {
        snprintf(names[i], sizeof(names[i]), "--%s", p->defs[i].name);
        known[i] = names[i];
    }
    opt_unknown(arg, known, (int)n, dg);
    return OPT_ERROR;
}

static int next_long(struct opt_parser *p, const char *arg,
                     const char **value, struct diag *dg)
{
    const char *name = arg + 2;
    size_t len = strcspn(name, "=");
    size_t i;

    for (i = 0; i < p->ndefs; i++) {
        const struct opt_def *d = &p->defs[i];

        if (strlen(d->name) != len || strncmp(d->name, name, len) != 0)
            continue;
        if (d->arg == OPT_FLAG) {
            if (name[len] == '=') {
                diag_set(dg, 0, 0, "--%s takes no value, got '%s'", d->name,
                         name + len + 1);
                return OPT_ERROR;
            }
            *value = NULL;
            return d->key;
        }
        if (name[len] == '=') {
            *value = name + len + 1;
            return d->key;
        }
        if (p->next >= p->argc) {
            diag_set(dg, 0, 0, "--%s needs a value", d->name);
            return OPT_ERROR;
        }
        *value = p->argv[p->next++];
        return d->key;
    }
    if (strcmp(arg, "--help") == 0)
        return OPT_HELP;
    return unknown_long(p, arg, dg);
}

/* The next short option of the bundle p->bundle points into. */
static int next_short(struct opt_parser *p, const char **value,
                      struct diag *dg)
{
    int c = (unsigned char)*p->bundle++;
    size_t i;

    for (i = 0; i < p->ndefs; i++) {
        const struct opt_def *d = &p->defs[i];

        if (d->key != c || !has_short(c))
            continue;
        if (d->arg == OPT_FLAG) {
            *value = NULL;
        } else if (*p->bundle) {
            *value = p->bundle;         /* -j4, -qj4 */
            p->bundle = "";
        } else if (p->next < p->argc) {
            *value = p->argv[p->next++];
        } else {
            diag_set(dg, 0, 0, "-%c (--%s) needs a value", c, d->name);
            return OPT_ERROR;
        }
        if (!*p->bundle)
            p->bundle = NULL;
        return c;
    }
    p->bundle = NULL;
    if (c == 'h')
        return OPT_HELP;
    diag_set(dg, 0, 0, "unknown option '-%c'", isprint(c) ? c : '?');
    return OPT_ERROR;
}

int opt_next(struct opt_parser *p, const char **value, struct diag *dg)
{
    const char *arg;

    if (p->bundle)
        return next_short(p, value, dg);
    if (p->next >= p->argc)
        return OPT_END;
    arg = p->argv[p->next++];
    if (p->args_only || arg[0] != '-' || arg[1] == '\0') {
        *value = arg;
        return OPT_ARG;
    }
    if (arg[1] == '-' && arg[2] == '\0') {
        p->args_only = true;
        return opt_next(p, value, dg);
    }
    if (arg[1] == '-')
        return next_long(p, arg, value, dg);
    p->bundle = arg + 1;
    return next_short(p, value, dg);
}

bool opt_wants_help(int argc, char **argv, const struct opt_def *defs,
                    size_t ndefs)
{
    struct opt_parser p;
    struct diag dg;
    const char *v;
    int k;

    diag_init(&dg, "");
    opt_parser_init(&p, argc, argv, defs, ndefs);
    for (;;) {
        k = opt_next(&p, &v, &dg);
        if (k == OPT_END)
            return false;
        if (k == OPT_HELP)
            return true;
        if (k == OPT_ERROR) {
            /* skip the bad word and go on looking */
            p.bundle = NULL;
            diag_init(&dg, "");
        }
    }
}
