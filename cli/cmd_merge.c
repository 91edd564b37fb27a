/*
 * cmd_merge.c - `virtsim merge DIR... [-o OUT]`: the shards of a run
 * (run --shard K/N, one per job of an array) put back together into the
 * results.json and results.csv the run without --shard writes, byte for
 * byte. Everything is checked before anything is written.
 */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/opt.h"
#include "run/merge.h"
#include "reports/atomic.h"
#include "reports/format.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

#define MAX_FORMATS 8

struct merge_args {
    const char **paths;
    size_t npaths;
    const char *dir;
    const char *formats;
    int quiet;
};

static const char *const merge_options[] = {
    "-o", "--output", "--format", "--quiet", "--help",
};
#define N_MERGE_OPTIONS (int)(sizeof(merge_options) / sizeof(merge_options[0]))

static int parse_args(int argc, char **argv, struct merge_args *a,
                      struct diag *dg)
{
    int i;

    for (i = 1; i < argc; i++) {
        if (opt_match(argc, argv, &i, "-o", &a->dir, dg) == 0 ||
            opt_match(argc, argv, &i, "--output", &a->dir, dg) == 0 ||
            opt_match(argc, argv, &i, "--format", &a->formats, dg) == 0)
            continue;
        if (dg->count)
            return -1;
        if (!strcmp(argv[i], "--quiet"))
            a->quiet = 1;
        else if (argv[i][0] == '-' && argv[i][1])
            return opt_unknown(argv[i], merge_options, N_MERGE_OPTIONS, dg);
        else
            a->paths[a->npaths++] = argv[i];
    }
    if (a->npaths == 0)
        return diag_set(dg, 0, 0, "no shard directories given");
    if (a->dir && !a->dir[0])
        return diag_set(dg, 0, 0, "-o needs a directory");
    return 0;
}

static int write_all(const struct results *r, const char *dir,
                     const struct report_format_ops *const *fmts, int nfmts,
                     int quiet, struct diag *dg)
{
    int i;

    if (atomic_mkdir_p(dir, dg) < 0)
        return -1;
    for (i = 0; i < nfmts; i++) {
        if (!fmts[i]->file_name) {
            if (!quiet && report_format_print(fmts[i], r, stdout, "stdout",
                                              dg) < 0)
                return -1;
        } else if (report_format_write_dir(fmts[i], r, dir, dg) < 0) {
            return -1;
        }
    }
    return 0;
}

static int run_merge(int argc, char **argv)
{
    struct merge_args a = {.formats = "csv,json"};
    const struct report_format_ops *fmts[MAX_FORMATS];
    struct strbuf dir = STRBUF_INIT;
    struct results r;
    struct diag dg;
    int i, nfmts, rc = 0;

    for (i = 1; i < argc; i++) {
        if (opt_is_help(argv[i])) {
            command_print_usage(&merge_command, stdout);
            return 0;
        }
    }
    a.paths = xcalloc((size_t)argc, sizeof(*a.paths));
    diag_init(&dg, "virtsim merge");
    if (parse_args(argc, argv, &a, &dg) < 0 ||
        (nfmts = report_format_parse_list(a.formats, fmts, MAX_FORMATS,
                                          &dg)) < 0) {
        free(a.paths);
        return opt_fail(&dg, "merge");
    }
    if (merge_shards(a.paths, a.npaths, &r, &dg) < 0) {
        diag_print(&dg, stderr);
        free(a.paths);
        return 2;
    }
    if (a.dir)
        strbuf_addstr(&dir, a.dir);
    else
        strbuf_addf(&dir, "results/%s", r.name);
    if (write_all(&r, dir.buf, fmts, nfmts, a.quiet, &dg) < 0) {
        diag_print(&dg, stderr);
        rc = 1;
    } else if (!a.quiet) {
        printf("merged %zu cells into %s/ (charts: virtsim chart "
               "%s/results.json)\n", r.ncells, dir.buf, dir.buf);
    }
    results_release(&r);
    strbuf_release(&dir);
    free(a.paths);
    return rc;
}

const struct command merge_command = {
    .name = "merge",
    .summary = "merge the shards of a run (run --shard K/N) into its results",
    .usage = "usage: virtsim merge DIR... [-o OUT] [--format csv,json] "
             "[--quiet]\n"
             "\n"
             "Reads every shard-K-of-N.json in the directories (or the shard\n"
             "files named) and writes OUT/results.json and OUT/results.csv,\n"
             "byte-identical to what the run without --shard writes (OUT\n"
             "defaults to results/NAME/). The shards must be all N of one run:\n"
             "the same scenario and seed, the same virtsim, each once, none\n"
             "interrupted; otherwise nothing is written and the exit status is 2.\n"
             "\n"
             "options:\n"
             "  -o, --output OUT     where to write the merged results\n"
             "  --format LIST        any of table, csv, json (default csv,json)\n"
             "  --quiet              print nothing but errors\n"
             "  --help               show this help\n",
    .run = run_merge,
};
