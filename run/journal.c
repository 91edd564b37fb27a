/*
 * journal.c - the resume journal: JSON lines appended as cells complete,
 * read back by --resume. Writes go through stdio and are flushed per line:
 * a process crash loses nothing written; a power cut may lose the tail,
 * which resume then runs again.
 */
#define _DEFAULT_SOURCE         /* getline is POSIX 2008; for clarity */
#include "run/journal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reports/atomic.h"
#include "reports/json_in.h"
#include "reports/json_out.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

void journal_init(struct journal *j, const char *dir, const struct shard *s,
                  size_t ntasks, json_t *scenario, const char *version)
{
    struct strbuf sb = STRBUF_INIT;

    memset(j, 0, sizeof(*j));
    j->dir = xstrdup(dir);
    j->path = xstrdup(shard_path(&sb, dir, s, "journal"));
    strbuf_release(&sb);
    j->header = json_pack("{s:i, s:s, s:o, s:I, s:O}", "journal", 1,
                          "virtsim", version,
                          "shard", s->n ? json_pack("[i, i]", s->k, s->n)
                                        : json_null(),
                          "tasks", (json_int_t)ntasks, "scenario", scenario);
    diag_init(&j->dg, j->path);
}

static void fail(struct journal *j, const char *what)
{
    if (!j->failed)
        diag_set(&j->dg, 0, 0, "cannot %s '%s': %s", what, j->path,
                 strerror(errno));
    j->failed = 1;
}

/* One JSON value as a line. Returns 0 or -1 (errno set). */
static int put_line(FILE *fp, const json_t *v)
{
    if (!v) {
        errno = ENOMEM;
        return -1;
    }
    if (json_dumpf(v, fp, JSON_COMPACT | SHARD_JSON_FLAGS) < 0 ||
        fputc('\n', fp) == EOF)
        return -1;
    return 0;
}

/* Creates the file (truncating any) with its header. */
static int open_new(struct journal *j)
{
    if (atomic_mkdir_p(j->dir, &j->dg) < 0) {
        j->failed = 1;
        return -1;
    }
    j->fp = fopen(j->path, "w");
    if (!j->fp || put_line(j->fp, j->header) < 0 || fflush(j->fp) == EOF) {
        fail(j, "write");
        return -1;
    }
    return 0;
}

/* A cell's line. Returns 0 or -1 (errno set). */
static int put_cell(FILE *fp, size_t task, const struct cell_result *c)
{
    json_t *line = json_pack("{s:I, s:o*}", "task", (json_int_t)task, "cell",
                             json_out_cell(c));
    int rc = put_line(fp, line);

    json_decref(line);
    return rc;
}

void journal_add(struct journal *j, size_t task, const struct cell_result *c)
{
    if (j->failed || (!j->fp && open_new(j) < 0))
        return;
    if (put_cell(j->fp, task, c) < 0 || fflush(j->fp) == EOF)
        fail(j, "write");
}

void journal_on_task(void *ctx, size_t task, const struct cell_result *c)
{
    journal_add(ctx, task, c);
}

/* What in the header differs from ours, or NULL. */
static const char *header_mismatch(const json_t *ours, const json_t *theirs)
{
    const json_t *a = json_object_get(ours, "scenario");
    const json_t *b = json_object_get(theirs, "scenario");

    if (!json_is_object(b) || !json_is_integer(json_object_get(theirs,
                                                               "tasks")))
        return "not a virtsim journal";
    if (!json_equal(json_object_get(a, "name"), json_object_get(b, "name")))
        return "of a different scenario";
    if (!json_equal(json_object_get(a, "seed"), json_object_get(b, "seed")))
        return "of a different seed";
    if (!json_equal(a, b))
        return "of a different scenario (same name and seed, other settings)";
    if (!json_equal(json_object_get(ours, "shard"),
                    json_object_get(theirs, "shard")))
        return "of another --shard";
    if (!json_equal(json_object_get(ours, "virtsim"),
                    json_object_get(theirs, "virtsim")))
        return "written by another virtsim version";
    if (!json_equal(json_object_get(ours, "tasks"),
                    json_object_get(theirs, "tasks")))
        return "of a different number of tasks";
    return NULL;
}

/* Reads one cell line; 0, or -1 with a diag at line ln. */
static int read_cell_line(const char *buf, int ln, size_t ntasks, char *given,
                          struct cell_result *cells, size_t *ndone,
                          struct diag *dg)
{
    json_error_t err;
    json_t *v = json_loads(buf, JSON_REJECT_DUPLICATES, &err);
    const json_t *t = json_object_get(v, "task");
    json_int_t ti = json_is_integer(t) ? json_integer_value(t) : -1;
    struct diag cd;
    int rc = 0;

    if (!v) {
        rc = diag_set(dg, ln, err.column, "corrupt journal line: %s",
                      err.text);
    } else if (ti < 0 || (size_t)ti >= ntasks) {
        rc = diag_set(dg, ln, 0, "journal line without a valid 'task'");
    } else {
        diag_init(&cd, NULL);
        if (json_in_cell(json_object_get(v, "cell"), &cells[ti], &cd) < 0) {
            rc = diag_set(dg, ln, 0, "journal cell: %s%s%s", cd.e[0].path,
                          cd.e[0].path[0] ? ": " : "", cd.e[0].msg);
        } else if (!given[ti]) {
            given[ti] = 1;
            (*ndone)++;
        }
    }
    json_decref(v);
    return rc;
}

/* Rewrites the journal with the cells read, so appends follow whole lines. */
static int rewrite(struct journal *j, const char *given,
                   const struct cell_result *cells, size_t ntasks,
                   struct diag *dg)
{
    struct atomic_file af;
    size_t i;
    int bad;

    if (atomic_open(&af, j->path, dg) < 0)
        return -1;
    bad = put_line(af.fp, j->header);
    for (i = 0; !bad && i < ntasks; i++)
        if (given[i])
            bad = put_cell(af.fp, i, &cells[i]);
    if (bad) {
        atomic_abort(&af);
        return diag_set(dg, 0, 0, "cannot write '%s': %s", j->path,
                        strerror(errno));
    }
    if (atomic_commit(&af, true, dg) < 0)
        return -1;
    j->fp = fopen(j->path, "a");
    if (!j->fp)
        return diag_set(dg, 0, 0, "cannot open '%s': %s", j->path,
                        strerror(errno));
    return 0;
}

int journal_resume(struct journal *j, char *given, struct cell_result *cells,
                   size_t *ndone, struct diag *dg)
{
    size_t ntasks = (size_t)json_integer_value(json_object_get(j->header,
                                                               "tasks"));
    char *line = NULL, *pending = NULL;
    size_t cap = 0;
    ssize_t len;
    int ln = 0, pending_ln = 0, rc = -1;
    FILE *fp;

    *ndone = 0;
    dg->file = j->path;
    fp = fopen(j->path, "r");
    if (!fp)
        return diag_set(dg, 0, 0, "nothing to resume: cannot open the "
                        "journal: %s (a run that finished removes it)",
                        strerror(errno));
    while ((len = getline(&line, &cap, fp)) >= 0) {
        ln++;
        /* A line is only known good once a later one follows it. */
        if (pending && read_cell_line(pending, pending_ln, ntasks, given,
                                      cells, ndone, dg) < 0)
            goto out;
        free(pending);
        pending = NULL;
        if (len == 0 || line[len - 1] != '\n')
            break;              /* cut short by a crash: dropped */
        if (ln == 1) {
            json_error_t err;
            json_t *h = json_loads(line, JSON_REJECT_DUPLICATES, &err);
            const char *why = h ? header_mismatch(j->header, h)
                                : "not a virtsim journal";

            json_decref(h);
            if (why) {
                diag_set(dg, 1, 0, "the journal is %s: cannot resume this "
                         "run from it", why);
                goto out;
            }
            continue;
        }
        pending = xstrdup(line);
        pending_ln = ln;
    }
    if (ferror(fp)) {
        diag_set(dg, 0, 0, "cannot read the journal: %s", strerror(errno));
        goto out;
    }
    if (ln == 0) {
        diag_set(dg, 0, 0, "the journal is empty");
        goto out;
    }
    /* The last whole line: a parse failure here is a cut write, dropped. */
    if (pending) {
        struct diag scratch;

        diag_init(&scratch, NULL);
        read_cell_line(pending, pending_ln, ntasks, given, cells, ndone,
                       &scratch);
    }
    rc = rewrite(j, given, cells, ntasks, dg);
out:
    fclose(fp);
    free(line);
    free(pending);
    return rc;
}

int journal_release(struct journal *j, bool remove, struct diag *dg)
{
    int rc = j->failed ? -1 : 0;

    if (j->fp && fclose(j->fp) == EOF && !j->failed) {
        diag_set(&j->dg, 0, 0, "cannot write '%s': %s", j->path,
                 strerror(errno));
        rc = -1;
    }
    if (rc < 0)
        diag_merge(dg, &j->dg);
    if (remove && j->path)
        unlink(j->path);
    free(j->path);
    free(j->dir);
    json_decref(j->header);
    memset(j, 0, sizeof(*j));
    return rc;
}
