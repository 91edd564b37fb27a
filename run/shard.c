/*
 * shard.c - which tasks a shard runs, listing tasks, and the shard file
 * (a results document with a "shard" object: its K and N, the run's
 * number of tasks, and the task index of each cell).
 */
#include "run/shard.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "run/runner.h"
#include "reports/atomic.h"
#include "reports/json_out.h"
#include "base/xalloc.h"

static int parse_uint(const char *s, const char **end, unsigned *out)
{
    unsigned long v;
    char *e;

    if (*s < '0' || *s > '9')
        return -1;
    errno = 0;
    v = strtoul(s, &e, 10);
    if (errno || v > SHARD_MAX)
        return -1;
    *out = (unsigned)v;
    *end = e;
    return 0;
}

int shard_parse(const char *v, struct shard *s, struct diag *dg)
{
    const char *p;
    struct shard t;

    if (parse_uint(v, &p, &t.k) < 0 || *p != '/' ||
        parse_uint(p + 1, &p, &t.n) < 0 || *p)
        return diag_set(dg, 0, 0, "--shard must be K/N (this is shard K of "
                        "N, N at most %d), got '%s'", SHARD_MAX, v);
    if (t.k < 1 || t.k > t.n)
        return diag_set(dg, 0, 0, "--shard must be K/N with 1 <= K <= N, "
                        "got '%s'", v);
    *s = t;
    return 0;
}

bool shard_has(const struct shard *s, size_t i)
{
    return s->n == 0 || i % s->n == s->k - 1;
}

char *shard_mask(const struct shard *s, size_t n)
{
    char *m;
    size_t i;

    if (s->n == 0)
        return NULL;
    m = xcalloc(n ? n : 1, 1);
    for (i = 0; i < n; i++)
        m[i] = shard_has(s, i);
    return m;
}

size_t shard_count(const struct shard *s, size_t n)
{
    if (s->n == 0)
        return n;
    return n / s->n + (n % s->n >= s->k);
}

const char *shard_path(struct strbuf *sb, const char *dir,
                       const struct shard *s, const char *ext)
{
    char name[64];

    if (s->n)
        snprintf(name, sizeof(name), "shard-%u-of-%u.%s", s->k, s->n, ext);
    else
        snprintf(name, sizeof(name), "cells.%s", ext);
    return strbuf_path(sb, dir, name);
}

void shard_list(const struct scenario *sc, const struct shard *s, FILE *fp)
{
    size_t n = runner_cell_count(sc), i, d;
    struct scenario_point pt;
    struct cell_spec cs;

    for (i = 0; i < n; i++) {
        if (!shard_has(s, i))
            continue;
        runner_cell_at(sc, i, &cs);
        fprintf(fp, "%zu\t%s\t%s\t", i, sc->instances[cs.instance].name,
                cs.gen ? cs.gen->name : "-");
        scenario_point(sc, cs.point, &pt);
        for (d = 0; d < sc->nsweep; d++)
            fprintf(fp, "%s%s=%.12g", d ? "," : "", sc->sweep[d].path,
                    pt.values[d]);
        fputs(sc->nsweep ? "\n" : "-\n", fp);
    }
}

/* The document; NULL when out of memory. */
static json_t *shard_json(const struct shard *s, size_t ntasks,
                          const struct results *res)
{
    json_t *root = json_object(), *sh = json_object();
    json_t *tasks = json_array(), *cells = json_array();
    size_t i, c = 0;
    int bad = !root || !sh || !tasks || !cells;

    for (i = 0; !bad && i < ntasks && c < res->ncells; i++) {
        if (!shard_has(s, i))
            continue;
        bad |= json_array_append_new(tasks, json_integer((json_int_t)i));
        bad |= json_array_append_new(cells, json_out_cell(&res->cells[c++]));
    }
    if (!bad) {
        json_t *v = json_object();

        bad |= json_object_set_new(v, "version", json_string(res->version));
        bad |= json_object_set_new(root, "virtsim", v);
        bad |= json_object_set_new(sh, "index", json_integer(s->k));
        bad |= json_object_set_new(sh, "count", json_integer(s->n));
        bad |= json_object_set_new(sh, "tasks",
                                   json_integer((json_int_t)ntasks));
        bad |= json_object_set(sh, "cell_tasks", tasks);
        bad |= json_object_set(root, "shard", sh);
        bad |= json_object_set(root, "scenario", res->scenario ? res->scenario
                                                               : json_null());
        bad |= json_object_set_new(root, "partial",
                                   json_boolean(res->partial));
        bad |= json_object_set(root, "cells", cells);
    }
    json_decref(sh);
    json_decref(tasks);
    json_decref(cells);
    if (bad) {
        json_decref(root);
        return NULL;
    }
    return root;
}

int shard_write(const char *dir, const struct shard *s, size_t ntasks,
                const struct results *res, struct diag *dg)
{
    struct strbuf path = STRBUF_INIT;
    struct atomic_file af;
    json_t *root = shard_json(s, ntasks, res);
    int rc = -1;

    if (!root) {
        diag_set(dg, 0, 0, "out of memory building the shard file");
        goto out;
    }
    if (atomic_mkdir_p(dir, dg) < 0 ||
        atomic_open(&af, shard_path(&path, dir, s, "json"), dg) < 0)
        goto out;
    if (json_dumpf(root, af.fp, JSON_INDENT(2) | SHARD_JSON_FLAGS) < 0 ||
        fputc('\n', af.fp) == EOF) {
        atomic_abort(&af);
        diag_set(dg, 0, 0, "cannot write '%s'", path.buf);
        goto out;
    }
    rc = atomic_commit(&af, true, dg);
out:
    json_decref(root);
    strbuf_release(&path);
    return rc;
}
