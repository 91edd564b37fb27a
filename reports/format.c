/*
 * format.c - the table of report formats, lookup by name, and the wrappers
 * that write a format to a directory (atomically) or to a stream. Also the
 * small helpers several writers share (swept paths of a results set).
 */
#include "reports/format.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "reports/atomic.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

static const struct report_format_ops *const report_formats[] = {
    &table_format, &csv_format, &json_format,
};

#define N_FORMATS (sizeof(report_formats) / sizeof(report_formats[0]))

size_t report_format_count(void)
{
    return N_FORMATS;
}

const struct report_format_ops *report_format_at(size_t i)
{
    return i < N_FORMATS ? report_formats[i] : NULL;
}

const struct report_format_ops *report_format_find(const char *name,
                                                   struct diag *dg)
{
    const char *names[N_FORMATS];
    size_t i;

    for (i = 0; i < N_FORMATS; i++) {
        if (strcmp(report_formats[i]->name, name) == 0)
            return report_formats[i];
        names[i] = report_formats[i]->name;
    }
    diag_unknown(dg, "report format", name, names, N_FORMATS, NULL);
    return NULL;
}

int report_format_parse_list(const char *list,
                             const struct report_format_ops **out,
                             size_t max, struct diag *dg)
{
    char *buf = xstrdup(list);
    char *word = buf;
    char *comma;
    size_t n = 0, i;
    int bad = 0;

    for (;;) {
        const struct report_format_ops *f;

        comma = strchr(word, ',');
        if (comma)
            *comma = '\0';
        f = word[0] ? report_format_find(word, dg) : NULL;
        if (!word[0])
            bad = diag_set(dg, 0, 0, "empty report format name in '%s'",
                           list);
        else if (!f)
            bad = -1;
        for (i = 0; f && i < n; i++)
            if (out[i] == f)
                f = NULL;
        if (f && n < max)
            out[n++] = f;
        if (!comma)
            break;
        word = comma + 1;
    }
    free(buf);
    return bad ? -1 : (int)n;
}

int report_format_write_dir(const struct report_format_ops *f,
                            const struct results *r, const char *dir,
                            struct diag *dg)
{
    struct atomic_file af;
    char *path;
    int rc = -1;

    if (!f->file_name)
        return diag_set(dg, 0, 0, "report format '%s' writes no file",
                        f->name);
    path = xstrfmt("%s%s%s", dir,
                   dir[0] && dir[strlen(dir) - 1] != '/' ? "/" : "",
                   f->file_name);
    if (atomic_open(&af, path, dg) < 0)
        goto out_free_path;
    if (f->write(r, af.fp, dg) < 0) {
        atomic_abort(&af);
        goto out_free_path;
    }
    rc = atomic_commit(&af, true, dg);
out_free_path:
    free(path);
    return rc;
}

int report_format_print(const struct report_format_ops *f,
                        const struct results *r, FILE *fp,
                        const char *fp_name, struct diag *dg)
{
    if (f->write(r, fp, dg) < 0)
        return -1;
    errno = 0;
    if (fflush(fp) != 0 || ferror(fp))
        return diag_set(dg, 0, 0, "cannot write to %s: %s", fp_name,
                        strerror(errno ? errno : EIO));
    return 0;
}

int report_point_find(const struct cell_result *c, const char *path)
{
    size_t i;

    for (i = 0; i < c->npoint && i < RESULT_MAX_POINT; i++)
        if (strncmp(c->point[i].path, path, sizeof(c->point[i].path)) == 0)
            return (int)i;
    return -1;
}

size_t report_point_paths(const struct results *r, const char ***paths)
{
    const char **out = NULL;
    size_t n = 0, cap = 0, i, j, k;

    for (i = 0; i < r->ncells; i++) {
        const struct cell_result *c = &r->cells[i];

        for (j = 0; j < c->npoint && j < RESULT_MAX_POINT; j++) {
            const char *p = c->point[j].path;

            for (k = 0; k < n; k++)
                if (strncmp(out[k], p, sizeof(c->point[j].path)) == 0)
                    break;
            if (k < n)
                continue;
            if (n == cap) {
                cap = cap ? cap * 2 : 8;
                out = xreallocarray(out, cap, sizeof(*out));
            }
            out[n++] = p;
        }
    }
    *paths = out;
    return n;
}
