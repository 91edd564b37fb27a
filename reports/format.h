/*
 * format.h - the report formats (json, csv, table) as plug-ins: an ops
 * struct per format, one registry table, and the wrappers callers use to
 * write a format into a directory (atomically) or to a stream.
 *
 * Writers only read struct results; they never see the engine. Adding a
 * format: one file defining its ops, one line in format.c's table.
 */
#ifndef VIRTSIM_FORMAT_H
#define VIRTSIM_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "reports/results.h"
#include "base/diag.h"

struct report_format_ops {
    const char *name;       /* what --format takes: "json", "csv", "table" */
    const char *summary;    /* one line for help text */
    const char *file_name;  /* "results.json"; NULL: terminal only */
    /*
     * Writes r to fp. Returns 0, or -1 with a diag when the writer itself
     * fails; I/O errors on fp are the caller's to detect (the wrappers
     * below do), so a writer need not check every fprintf.
     */
    int (*write)(const struct results *r, FILE *fp, struct diag *dg);
};

/* The formats, for the registry and for callers that want one directly. */
extern const struct report_format_ops json_format;
extern const struct report_format_ops csv_format;
extern const struct report_format_ops table_format;

/* Number of registered formats, and the i-th (NULL past the end). */
size_t report_format_count(void);
const struct report_format_ops *report_format_at(size_t i);

/*
 * The format called `name`, or NULL. On a miss records "unknown report
 * format 'x' (did you mean 'y'?)", or the valid names, in dg (may be NULL).
 */
const struct report_format_ops *report_format_find(const char *name,
                                                   struct diag *dg);

/*
 * Parses a comma-separated list such as "table,csv,json" into out (at most
 * max entries, duplicates kept once, list order). Returns the number of
 * formats, or -1 with a diag for each unknown or empty name.
 */
int report_format_parse_list(const char *list,
                             const struct report_format_ops **out,
                             size_t max, struct diag *dg);

/*
 * Writes r as format f to DIR/f->file_name through a temp file and rename
 * (reports/atomic.h), fsyncing before the rename. The directory must exist
 * (atomic_mkdir_p makes it). Returns 0, or -1 with a diag naming the file;
 * on failure the previous file, if any, is left as it was.
 */
int report_format_write_dir(const struct report_format_ops *f,
                            const struct results *r, const char *dir,
                            struct diag *dg);

/*
 * Writes r as format f to fp (e.g. stdout, named fp_name in messages), then
 * flushes and checks the stream. Returns 0, or -1 with a diag.
 */
int report_format_print(const struct report_format_ops *f,
                        const struct results *r, FILE *fp,
                        const char *fp_name, struct diag *dg);

/*
 * The swept paths of r: the union of every cell's point paths, in the
 * order first seen. Sets *paths to an array (caller frees it; the strings
 * are borrowed from r's cells) and returns its length; *paths is NULL
 * when the length is 0.
 */
size_t report_point_paths(const struct results *r, const char ***paths);

/* Index of path in cell c's point, or -1 when c has no such coordinate. */
int report_point_find(const struct cell_result *c, const char *path);

#endif
