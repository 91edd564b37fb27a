/*
 * run_dist.c - --shard, --list, --resume and --mpi for `virtsim run`:
 * parsing, and the journal and shard file around the runner. Kept apart
 * from cmd_run.c, whose options are about the reports.
 */
#include "cli/run_dist.h"

#include <stdlib.h>
#include <string.h>

#include "cli/opt.h"
#include "run/pool.h"
#include "base/version.h"
#include "base/xalloc.h"

int run_dist_option(int argc, char **argv, int *i, struct run_dist *d,
                    struct diag *dg)
{
    const char *v = NULL;

    if (opt_match(argc, argv, i, "--shard", &v, dg) == 0)
        return shard_parse(v, &d->shard, dg) < 0 ? -1 : 1;
    if (opt_match(argc, argv, i, "--resume", &d->resume_dir, dg) == 0)
        return 1;
    if (dg->count)
        return -1;
    if (!strcmp(argv[*i], "--list")) {
        d->list = 1;
        return 1;
    }
    if (!strcmp(argv[*i], "--mpi")) {
        d->mpi = 1;
        return 1;
    }
    return 0;
}

int run_dist_check_mpi(int mpi, const char *command, struct diag *dg)
{
    const struct pool_backend_ops *b = pool_backend();

    if (mpi && (!b || strcmp(b->name, "mpi")))
        return diag_set(dg, 0, 0, "--mpi needs virtsim-mpi (built by 'make "
                        "mpi' where mpicc is installed) started by mpirun: "
                        "mpirun -np 4 virtsim-mpi %s ... --mpi", command);
    return 0;
}

int run_dist_check(struct run_dist *d, const char **dir, struct diag *dg)
{
    if (run_dist_check_mpi(d->mpi, "run", dg) < 0)
        return -1;
    if (*dir && !strcmp(*dir, "-") && (d->shard.n || d->resume_dir))
        return diag_set(dg, 0, 0, "-o - writes no files: --shard and "
                        "--resume need an output directory");
    if (!d->resume_dir)
        return 0;
    if (*dir && strcmp(*dir, d->resume_dir))
        return diag_set(dg, 0, 0, "--resume '%s' continues the run in that "
                        "directory; -o '%s' names another", d->resume_dir,
                        *dir);
    *dir = d->resume_dir;
    return 0;
}

int run_dist_start(struct run_dist *d, const struct scenario *sc,
                   const char *dir, struct runner_opts *ro, int quiet,
                   struct diag *dg)
{
    size_t ntasks = runner_cell_count(sc), ndone = 0;
    int leader = pool_is_leader(), rc = 0;

    d->only = shard_mask(&d->shard, ntasks);
    ro->only = d->only;
    /*
     * Only the process that writes keeps a journal (one per run); under
     * MPI the other ranks get what it read, so that all run the same
     * tasks.
     */
    /* `-o -` writes no files: no journal either. */
    if (leader && strcmp(dir, "-") != 0) {
        journal_init(&d->journal, dir, &d->shard, ntasks, sc->effective,
                     VIRTSIM_VERSION);
        ro->on_task = journal_on_task;
        ro->on_task_ctx = &d->journal;
    }
    if (!d->resume_dir)
        return 0;
    d->given = xcalloc(ntasks ? ntasks : 1, 1);
    d->given_cells = xcalloc(ntasks ? ntasks : 1, sizeof(*d->given_cells));
    if (leader)
        rc = journal_resume(&d->journal, d->given, d->given_cells, &ndone,
                            dg);
    pool_share(&rc, sizeof(rc));
    if (rc < 0)
        return leader ? -1 : diag_set(dg, 0, 0, "rank 0 cannot resume");
    pool_share(d->given, ntasks);
    pool_share(d->given_cells, ntasks * sizeof(*d->given_cells));
    ro->given = d->given;
    ro->given_cells = d->given_cells;
    if (!quiet)
        fprintf(stderr, "virtsim run: resuming: %zu of %zu cells done "
                "already\n", ndone, shard_count(&d->shard, ntasks));
    return 0;
}

int run_dist_write_shard(const struct run_dist *d, const struct scenario *sc,
                         const struct results *res, const char *dir,
                         int quiet)
{
    struct strbuf path = STRBUF_INIT;
    struct diag dg;

    diag_init(&dg, "virtsim run");
    if (shard_write(dir, &d->shard, runner_cell_count(sc), res, &dg) < 0) {
        diag_print(&dg, stderr);
        return 1;
    }
    if (!quiet)
        printf("shard %u of %u: %zu cells in %s\n", d->shard.k, d->shard.n,
               res->ncells, shard_path(&path, dir, &d->shard, "json"));
    strbuf_release(&path);
    return 0;
}

void run_dist_print_resume(const struct run_dist *d, const char *file,
                           const char *dir)
{
    char spec[32] = "";

    if (d->shard.n)
        snprintf(spec, sizeof(spec), " --shard %u/%u", d->shard.k,
                 d->shard.n);
    fprintf(stderr, "virtsim run: to finish it: virtsim run %s%s --resume "
            "%s\n", file, spec, dir);
}

int run_dist_release(struct run_dist *d, int done)
{
    struct diag dg;
    int rc = 0;

    diag_init(&dg, "virtsim run");
    if (journal_release(&d->journal, done, &dg) < 0) {
        diag_print(&dg, stderr);
        rc = 1;
    }
    free(d->only);
    free(d->given);
    free(d->given_cells);
    return rc;
}
