/*
 * run_dist.h - the options of `virtsim run` that spread a run beyond one
 * process: --shard K/N (a job array's share), --list (the tasks), --resume
 * DIR (skip the cells a journal holds) and --mpi (ranks of virtsim-mpi),
 * and what they change around runner_run: which tasks run, the journal,
 * and the shard file written instead of the reports.
 */
#ifndef VIRTSIM_RUN_DIST_H
#define VIRTSIM_RUN_DIST_H

#include "run/journal.h"
#include "run/runner.h"
#include "run/scenario.h"
#include "run/shard.h"
#include "reports/results.h"
#include "base/diag.h"

struct run_dist {
    struct shard shard;         /* n == 0: the whole run */
    int list;
    int mpi;
    const char *resume_dir;
    struct journal journal;
    char *only;                 /* owned: shard_mask */
    char *given;                /* owned, with --resume */
    struct cell_result *given_cells;    /* owned, with --resume */
};

/* The options above, for did-you-mean lists. */
#define RUN_DIST_OPTIONS "--shard", "--list", "--resume", "--mpi"

/*
 * Takes argv[*i] when it is one of these options (advancing *i past a
 * value). Returns 1 when taken, 0 when it is not one of them, -1 with a
 * diag on a bad value.
 */
int run_dist_option(int argc, char **argv, int *i, struct run_dist *d,
                    struct diag *dg);

/*
 * --mpi without an MPI backend installed: -1 with a diag saying which
 * program has it; else 0. For run and select.
 */
int run_dist_check_mpi(int mpi, const char *command, struct diag *dg);

/*
 * After the options: the output directory (--resume DIR is one, and may
 * not differ from -o). Sets *dir to it when given. Returns 0 or -1.
 */
int run_dist_check(struct run_dist *d, const char **dir, struct diag *dg);

/*
 * Before running sc into dir: the journal, the shard's tasks and, with
 * --resume, the cells done already, all set into ro. Returns 0, or -1
 * with a diag (a journal that cannot be resumed: an input error).
 */
int run_dist_start(struct run_dist *d, const struct scenario *sc,
                   const char *dir, struct runner_opts *ro, int quiet,
                   struct diag *dg);

/*
 * After running, for a shard: writes its file (partial when st is
 * RUN_STOPPED). Returns 0, or 1 with the error printed.
 */
int run_dist_write_shard(const struct run_dist *d, const struct scenario *sc,
                         const struct results *res, const char *dir,
                         int quiet);

/* After an interrupted run: the command that continues it, on stderr. */
void run_dist_print_resume(const struct run_dist *d, const char *file,
                           const char *dir);

/*
 * Frees d; the journal file goes when the run finished (`done`) or failed
 * on input, else stays for --resume. Returns 0, or 1 (printed) when the
 * journal could not be written along the way.
 */
int run_dist_release(struct run_dist *d, int done);

#endif
