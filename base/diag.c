/*
 * diag.c - collecting and printing input diagnostics, and the near-miss
 * suggestion ("did you mean ...?") used by every name lookup.
 */
#include "base/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"

void diag_init(struct diag *dg, const char *file)
{
    memset(dg, 0, sizeof(*dg));
    dg->file = file;
}

static struct diag_entry *next_entry(struct diag *dg)
{
    if (dg->count >= DIAG_MAX) {
        dg->dropped++;
        return NULL;
    }
    return &dg->e[dg->count++];
}

/* Records one problem at line:col and path (NULL: none). */
static void vrecord(struct diag *dg, int line, int col, const char *path,
                    const char *fmt, va_list ap)
    __attribute__((format(printf, 5, 0)));

static void vrecord(struct diag *dg, int line, int col, const char *path,
                    const char *fmt, va_list ap)
{
    struct diag_entry *e;

    if (!dg)
        return;
    e = next_entry(dg);
    if (!e)
        return;
    e->file[0] = '\0';
    e->line = line;
    e->col = col;
    snprintf(e->path, sizeof(e->path), "%s", path ? path : "");
    vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
}

int diag_set(struct diag *dg, int line, int col, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vrecord(dg, line, col, NULL, fmt, ap);
    va_end(ap);
    return -1;
}

int diag_set_path(struct diag *dg, const char *path, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vrecord(dg, 0, 0, path, fmt, ap);
    va_end(ap);
    return -1;
}

void diag_locate_last(struct diag *dg, const char *path)
{
    struct diag_entry *e;

    if (!dg || dg->count == 0)
        return;
    e = &dg->e[dg->count - 1];
    if (e->line == 0 && !e->path[0])
        snprintf(e->path, sizeof(e->path), "%s", path);
}

void diag_merge(struct diag *dst, const struct diag *src)
{
    int i;

    for (i = 0; i < src->count; i++) {
        struct diag_entry *e = next_entry(dst);

        if (!e)
            break;
        *e = src->e[i];
        if (!e->file[0] && src->file)
            snprintf(e->file, sizeof(e->file), "%s", src->file);
    }
    dst->dropped += src->dropped;
}

void diag_print(const struct diag *dg, FILE *fp)
{
    const char *dfile = dg->file ? dg->file : "virtsim";
    int i;

    for (i = 0; i < dg->count; i++) {
        const struct diag_entry *e = &dg->e[i];
        const char *file = e->file[0] ? e->file : dfile;

        if (e->line > 0 && e->col > 0)
            fprintf(fp, "%s:%d:%d: error: %s\n", file, e->line, e->col,
                    e->msg);
        else if (e->line > 0)
            fprintf(fp, "%s:%d: error: %s\n", file, e->line, e->msg);
        else if (e->path[0])
            fprintf(fp, "%s: %s: error: %s\n", file, e->path, e->msg);
        else
            fprintf(fp, "%s: error: %s\n", file, e->msg);
    }
    if (dg->dropped)
        fprintf(fp, "%s: note: %d more problem%s not shown\n", dfile,
                dg->dropped, dg->dropped == 1 ? "" : "s");
}

size_t diag_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t *row = calloc(lb + 1, sizeof(*row));
    size_t i, j, d;

    if (!row)
        return (size_t)-1;
    for (j = 0; j <= lb; j++)
        row[j] = j;
    for (i = 1; i <= la; i++) {
        size_t diag_prev = row[0];

        row[0] = i;
        for (j = 1; j <= lb; j++) {
            size_t up = row[j], best;

            best = diag_prev + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            diag_prev = up;
            row[j] = best;
        }
    }
    d = row[lb];
    free(row);
    return d;
}

const char *diag_near_miss(const char *word, const char *const *cands,
                           size_t ncands)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1, i, limit;

    /* As git's help.c does: a typo is at most a third of the word away. */
    limit = strlen(word) / 3 + 1;
    for (i = 0; i < ncands; i++) {
        size_t d = diag_edit_distance(word, cands[i]);

        if (d < best_d) {
            best_d = d;
            best = cands[i];
        }
    }
    return best_d <= limit ? best : NULL;
}

int diag_unknown(struct diag *dg, const char *what, const char *name,
                 const char *const *cands, size_t n, const char *hint)
{
    const char *near = diag_near_miss(name, cands, n);
    struct strbuf valid = STRBUF_INIT;

    if (near)
        return diag_set(dg, 0, 0, "unknown %s '%s' (did you mean '%s'?)", what,
                        name, near);
    if (hint)
        return diag_set(dg, 0, 0, "unknown %s '%s'; %s", what, name, hint);
    strbuf_add_list(&valid, cands, n, ", ");
    diag_set(dg, 0, 0, "unknown %s '%s'; valid: %s", what, name, valid.buf);
    strbuf_release(&valid);
    return -1;
}
