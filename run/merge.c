/*
 * merge.c - combining shard files. Each file is read whole (cells through
 * reports/json_in), checked against the first one read, and its cells
 * filed under their task index; the result holds every task once.
 */
#include "run/merge.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "run/shard.h"
#include "reports/json_in.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

/* What the first shard read fixes for all the others. */
struct merge {
    char *first;                /* owned: its path */
    json_t *scenario;           /* borrowed from first_root */
    json_t *first_root;
    char version[32];
    unsigned n;
    size_t ntasks;
    char **from;                /* owned, n: the file shard k came from */
    struct cell_result *cells;  /* ntasks */
    char *have;                 /* ntasks */
};

/* "shard-K-of-N.json" */
static int is_shard_name(const char *name)
{
    unsigned k, n;
    char tail[8];

    return sscanf(name, "shard-%u-of-%u.%7s", &k, &n, tail) == 3 &&
           !strcmp(tail, "json");
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends to *list the shard files of path (itself when a file). */
static int collect(const char *path, char ***list, size_t *n, size_t *cap,
                   struct diag *dg)
{
    struct strbuf sb = STRBUF_INIT;
    struct dirent *e;
    struct stat st;
    size_t before = *n;
    DIR *d;

    if (stat(path, &st) < 0)
        return diag_set(dg, 0, 0, "cannot read '%s': %s", path,
                        strerror(errno));
    if (!S_ISDIR(st.st_mode)) {
        if (*n == *cap)
            *list = xreallocarray(*list, *cap = *cap * 2 + 8, sizeof(**list));
        (*list)[(*n)++] = xstrdup(path);
        return 0;
    }
    d = opendir(path);
    if (!d)
        return diag_set(dg, 0, 0, "cannot read '%s': %s", path,
                        strerror(errno));
    while ((e = readdir(d)) != NULL) {
        if (!is_shard_name(e->d_name))
            continue;
        if (*n == *cap)
            *list = xreallocarray(*list, *cap = *cap * 2 + 8, sizeof(**list));
        (*list)[(*n)++] = xstrdup(strbuf_path(&sb, path, e->d_name));
    }
    closedir(d);
    strbuf_release(&sb);
    if (*n == before)
        return diag_set(dg, 0, 0, "'%s' holds no shard files "
                        "(shard-K-of-N.json, written by run --shard)", path);
    /* Directory order is the file system's; sort for stable messages. */
    qsort(*list + before, *n - before, sizeof(**list), cmp_str);
    return 0;
}

static int get_uint(const json_t *o, const char *key, json_int_t max,
                    json_int_t *out)
{
    const json_t *v = json_object_get(o, key);

    if (!json_is_integer(v) || json_integer_value(v) < 0 ||
        json_integer_value(v) > max)
        return -1;
    *out = json_integer_value(v);
    return 0;
}

/* Why two effective scenarios differ, for the message. */
static const char *difference(const json_t *a, const json_t *b)
{
    if (!json_equal(json_object_get(a, "name"), json_object_get(b, "name")))
        return "a different scenario";
    if (!json_equal(json_object_get(a, "seed"), json_object_get(b, "seed")))
        return "a different seed";
    return "a different scenario (same name and seed, other settings)";
}

/* The first shard read sets the run's shape. */
static void start(struct merge *m, const char *path, json_t *root,
                  const char *version, unsigned n, size_t ntasks)
{
    m->first = xstrdup(path);
    m->first_root = json_incref(root);
    m->scenario = json_object_get(root, "scenario");
    snprintf(m->version, sizeof(m->version), "%s", version);
    m->n = n;
    m->ntasks = ntasks;
    m->from = xcalloc(n + 1, sizeof(*m->from));
    m->cells = xcalloc(ntasks ? ntasks : 1, sizeof(*m->cells));
    m->have = xcalloc(ntasks ? ntasks : 1, 1);
}

static int add_cells(struct merge *m, const char *path, const json_t *root,
                     const struct shard *s, struct diag *dg)
{
    const json_t *tasks = json_object_get(json_object_get(root, "shard"),
                                          "cell_tasks");
    const json_t *cells = json_object_get(root, "cells");
    size_t i, want = shard_count(s, m->ntasks);

    if (!json_is_array(tasks) || !json_is_array(cells) ||
        json_array_size(tasks) != json_array_size(cells))
        return diag_set(dg, 0, 0, "'%s': 'shard.cell_tasks' and 'cells' "
                        "must be arrays of one length", path);
    if (json_array_size(cells) != want)
        return diag_set(dg, 0, 0, "'%s' holds %zu cells; shard %u of %u has "
                        "%zu", path, json_array_size(cells), s->k, s->n, want);
    for (i = 0; i < want; i++) {
        const json_t *t = json_array_get(tasks, i);
        json_int_t ti = json_is_integer(t) ? json_integer_value(t) : -1;
        struct diag cd;

        if (ti < 0 || (size_t)ti >= m->ntasks || !shard_has(s, (size_t)ti) ||
            m->have[ti])
            return diag_set(dg, 0, 0, "'%s': 'shard.cell_tasks[%zu]' is not "
                            "a task of shard %u of %u", path, i, s->k, s->n);
        diag_init(&cd, path);
        if (json_in_cell(json_array_get(cells, i), &m->cells[ti], &cd) < 0)
            return diag_set(dg, 0, 0, "'%s': /cells/%zu%s: %s", path, i,
                            cd.e[0].path, cd.e[0].msg);
        m->have[ti] = 1;
    }
    return 0;
}

static int add_shard(struct merge *m, const char *path, struct diag *dg)
{
    json_error_t err;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
    const json_t *sh, *ver;
    json_int_t k, n, ntasks;
    struct shard s;
    const char *version;
    int rc = -1;

    if (!root) {
        if (err.line > 0)
            return diag_set(dg, 0, 0, "'%s':%d:%d: %s", path, err.line,
                            err.column, err.text);
        return diag_set(dg, 0, 0, "cannot read '%s': %s", path, err.text);
    }
    sh = json_object_get(root, "shard");
    ver = json_object_get(json_object_get(root, "virtsim"), "version");
    version = json_is_string(ver) ? json_string_value(ver) : "";
    if (!json_is_object(sh) || get_uint(sh, "count", SHARD_MAX, &n) < 0 ||
        n < 1 || get_uint(sh, "index", n, &k) < 0 || k < 1 ||
        get_uint(sh, "tasks", (json_int_t)1 << 40, &ntasks) < 0 ||
        !json_is_object(json_object_get(root, "scenario"))) {
        diag_set(dg, 0, 0, "'%s' is not a shard file (no valid 'shard' "
                 "object with index, count and tasks, or no 'scenario')",
                 path);
        goto out;
    }
    s.k = (unsigned)k;
    s.n = (unsigned)n;
    if (json_is_true(json_object_get(root, "partial"))) {
        diag_set(dg, 0, 0, "'%s' is partial (shard %u of %u was "
                 "interrupted): finish it with run --shard %u/%u --resume DIR",
                 path, s.k, s.n, s.k, s.n);
        goto out;
    }
    if (!m->first)
        start(m, path, root, version, s.n, (size_t)ntasks);
    if (strcmp(version, m->version)) {
        diag_set(dg, 0, 0, "'%s' was written by virtsim %s, '%s' by %s",
                 path, version, m->first, m->version);
        goto out;
    }
    if (!json_equal(json_object_get(root, "scenario"), m->scenario)) {
        diag_set(dg, 0, 0, "'%s' is of %s than '%s'", path,
                 difference(json_object_get(root, "scenario"), m->scenario),
                 m->first);
        goto out;
    }
    if (s.n != m->n || (size_t)ntasks != m->ntasks) {
        diag_set(dg, 0, 0, "'%s' is shard %u of %u (%lld tasks); '%s' is one "
                 "of %u (%zu tasks)", path, s.k, s.n, (long long)ntasks,
                 m->first, m->n, m->ntasks);
        goto out;
    }
    if (m->from[s.k]) {
        diag_set(dg, 0, 0, "shard %u of %u given twice: '%s' and '%s'", s.k,
                 s.n, m->from[s.k], path);
        goto out;
    }
    if (add_cells(m, path, root, &s, dg) < 0)
        goto out;
    m->from[s.k] = xstrdup(path);
    rc = 0;
out:
    json_decref(root);
    return rc;
}

static void merge_release(struct merge *m)
{
    unsigned k;

    for (k = 0; m->from && k <= m->n; k++)
        free(m->from[k]);
    free(m->from);
    free(m->first);
    free(m->cells);
    free(m->have);
    json_decref(m->first_root);
}

int merge_shards(const char *const *paths, size_t n, struct results *out,
                 struct diag *dg)
{
    struct merge m;
    const json_t *name;
    char **files = NULL;
    size_t nfiles = 0, cap = 0, i;
    unsigned k;
    int rc = -1;

    memset(&m, 0, sizeof(m));
    memset(out, 0, sizeof(*out));
    for (i = 0; i < n; i++)
        if (collect(paths[i], &files, &nfiles, &cap, dg) < 0)
            goto out;
    for (i = 0; i < nfiles; i++)
        if (add_shard(&m, files[i], dg) < 0)
            goto out;
    if (!m.first) {
        diag_set(dg, 0, 0, "no shard files given");
        goto out;
    }
    for (k = 1; k <= m.n; k++) {
        if (!m.from[k]) {
            diag_set(dg, 0, 0, "shard %u of %u is missing (shard-%u-of-%u."
                     "json; run it with run --shard %u/%u)", k, m.n, k, m.n,
                     k, m.n);
            goto out;
        }
    }
    name = json_object_get(m.scenario, "name");
    results_init(out, json_is_string(name) ? json_string_value(name) : "",
                 m.scenario);
    snprintf(out->version, sizeof(out->version), "%s", m.version);
    for (i = 0; i < m.ntasks; i++)
        results_add(out, &m.cells[i]);
    rc = 0;
out:
    for (i = 0; i < nfiles; i++)
        free(files[i]);
    free(files);
    merge_release(&m);
    return rc;
}
