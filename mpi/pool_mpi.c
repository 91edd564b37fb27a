/*
 * pool_mpi.c - tasks over MPI ranks. Rank 0 runs a dispatcher thread that
 * alone makes MPI calls while a run is on (MPI_THREAD_SERIALIZED): it
 * answers each worker rank's result with the next task, polling with
 * MPI_Iprobe and a short sleep rather than a blocking receive, which would
 * spin a core that rank 0's own tasks need. Rank 0's main thread takes
 * tasks from the same counter. Records are filed under their index, so
 * which rank ran a task changes nothing in the output.
 */
#define _DEFAULT_SOURCE         /* nanosleep with struct timespec */
#include "mpi/pool_mpi.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mpi.h>

#include "base/xalloc.h"

enum { TAG_TASK = 1, TAG_RESULT = 2 };

#define POLL_NS 100000          /* 0.1 ms between probes when idle */

static int rank, nranks, threaded;

/*
 * With VIRTSIM_MPI_STATS set, rank 0 prints after each pool_run what the
 * distribution cost: the time worker ranks waited for their next task
 * after sending a result (the round trip through rank 0's dispatcher), per
 * task, and the final broadcast. For `make bench`.
 */
static int stats;

struct header {
    uint64_t index;
    int32_t status;             /* the task's enum run_status */
    struct diag dg;
};

/* One pool_run as rank 0 sees it. */
struct run {
    size_t n, rec_size;
    pool_task_fn *fn;
    const void *ctx;
    char *recs;
    char *have;
    volatile sig_atomic_t *stop;
    atomic_size_t next;
    atomic_int failed;          /* a task failed: hand out no more */
    struct diag dg;             /* the first failure */
    int32_t status;
    pthread_mutex_t lock;       /* guards ready, nready, dg, status */
    size_t *ready;              /* run by workers, not yet passed to done */
    size_t nready;
};

static void nap(void)
{
    struct timespec ts = {0, POLL_NS};

    nanosleep(&ts, NULL);
}

/* The next task for anyone, or n when none is left. */
static size_t take(struct run *r)
{
    size_t i;

    if (atomic_load(&r->failed) || *r->stop)
        return r->n;
    i = atomic_fetch_add(&r->next, 1);
    return i < r->n ? i : r->n;
}

static void record_failure(struct run *r, int32_t status,
                           const struct diag *dg)
{
    pthread_mutex_lock(&r->lock);
    if (!atomic_load(&r->failed)) {
        if (dg)
            diag_merge(&r->dg, dg);
        r->status = status;
        atomic_store(&r->failed, 1);
    }
    pthread_mutex_unlock(&r->lock);
}

/* Rank 0: hands tasks to ranks 1.. and collects their records. */
static void *dispatch(void *arg)
{
    struct run *r = arg;
    size_t size = sizeof(struct header) + r->rec_size;
    char *buf = xmalloc(size);
    struct header *h = (struct header *)buf;
    int w, outstanding = 0;

    for (w = 1; w < nranks; w++) {
        uint64_t i = take(r);

        MPI_Send(&i, 1, MPI_UINT64_T, w, TAG_TASK, MPI_COMM_WORLD);
        outstanding += i < r->n;
    }
    while (outstanding > 0) {
        MPI_Status st;
        uint64_t i;
        int flag;

        MPI_Iprobe(MPI_ANY_SOURCE, TAG_RESULT, MPI_COMM_WORLD, &flag, &st);
        if (!flag) {
            nap();
            continue;
        }
        MPI_Recv(buf, (int)size, MPI_BYTE, st.MPI_SOURCE, TAG_RESULT,
                 MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (h->status == RUN_OK && h->index < r->n) {
            memcpy(r->recs + h->index * r->rec_size, buf + sizeof(*h),
                   r->rec_size);
            pthread_mutex_lock(&r->lock);
            r->have[h->index] = 1;
            r->ready[r->nready++] = h->index;
            pthread_mutex_unlock(&r->lock);
        } else if (h->status != RUN_STOPPED) {
            h->dg.file = NULL;          /* a pointer into the worker */
            record_failure(r, h->status, &h->dg);
        }
        i = take(r);
        MPI_Send(&i, 1, MPI_UINT64_T, st.MPI_SOURCE, TAG_TASK,
                 MPI_COMM_WORLD);
        if (i >= r->n)
            outstanding--;
    }
    free(buf);
    return NULL;
}

/* Rank 0's main thread: passes records run elsewhere to o->done. */
static void drain(struct run *r, const struct pool_opts *o)
{
    size_t k, nready;
    size_t *ready;

    pthread_mutex_lock(&r->lock);
    nready = r->nready;
    ready = xmalloc((nready ? nready : 1) * sizeof(*ready));
    memcpy(ready, r->ready, nready * sizeof(*ready));
    r->nready = 0;
    pthread_mutex_unlock(&r->lock);
    for (k = 0; o->done && k < nready; k++)
        o->done(ready[k], r->recs + ready[k] * r->rec_size, o->done_ctx);
    free(ready);
}

static void lead(struct run *r, const struct pool_opts *o)
{
    pthread_t th;
    int have_thread = 0;
    struct diag dg;
    size_t i;

    if (threaded && nranks > 1)
        have_thread = pthread_create(&th, NULL, dispatch, r) == 0;
    if (!have_thread && nranks > 1) {
        dispatch(r);            /* no thread: rank 0 only hands out */
    } else {
        while ((i = take(r)) < r->n) {
            char *rec = r->recs + i * r->rec_size;
            int32_t st;

            diag_init(&dg, NULL);
            st = r->fn(i, rec, r->ctx, r->stop, &dg);
            if (st == RUN_STOPPED)
                break;
            if (st != RUN_OK) {
                record_failure(r, st, &dg);
                break;
            }
            pthread_mutex_lock(&r->lock);
            r->have[i] = 1;
            pthread_mutex_unlock(&r->lock);
            drain(r, o);
            if (o->done)
                o->done(i, rec, o->done_ctx);
        }
        if (have_thread)
            pthread_join(th, NULL);
    }
    drain(r, o);
}

/* Ranks 1..: run what rank 0 sends until it sends n. */
static void serve(struct run *r, double *wait_s, double *waits)
{
    size_t size = sizeof(struct header) + r->rec_size;
    char *buf = xmalloc(size);
    struct header *h = (struct header *)buf;
    uint64_t i;
    int first = 1;

    for (;;) {
        double t0 = MPI_Wtime();

        MPI_Recv(&i, 1, MPI_UINT64_T, 0, TAG_TASK, MPI_COMM_WORLD,
                 MPI_STATUS_IGNORE);
        if (i >= r->n)
            break;
        if (!first) {
            *wait_s += MPI_Wtime() - t0;
            *waits += 1;
        }
        first = 0;
        memset(buf, 0, size);
        diag_init(&h->dg, NULL);
        h->index = i;
        h->status = r->fn(i, buf + sizeof(*h), r->ctx, r->stop, &h->dg);
        MPI_Send(buf, (int)size, MPI_BYTE, 0, TAG_RESULT, MPI_COMM_WORLD);
    }
    free(buf);
}

/* Sends n bytes from rank 0 to all, in pieces an int can count. */
static void bcast(void *p, size_t n)
{
    char *c = p;

    while (n > 0) {
        int part = n > (1u << 30) ? 1 << 30 : (int)n;

        MPI_Bcast(c, part, MPI_BYTE, 0, MPI_COMM_WORLD);
        c += part;
        n -= (size_t)part;
    }
}

static enum run_status mpi_run(size_t n, const struct pool_opts *o,
                               size_t rec_size, pool_task_fn *fn,
                               const void *ctx, void *recs,
                               volatile sig_atomic_t *stop, struct diag *dg)
{
    struct run r;
    int32_t status;
    size_t i;
    double wait[2] = {0, 0}, sum[2] = {0, 0}, t_bcast;

    if (n == 0)
        return RUN_OK;
    memset(&r, 0, sizeof(r));
    r.n = n;
    r.rec_size = rec_size;
    r.fn = fn;
    r.ctx = ctx;
    r.recs = recs;
    r.stop = stop;
    r.have = xcalloc(n, 1);
    r.ready = xcalloc(n, sizeof(*r.ready));
    atomic_init(&r.next, 0);
    atomic_init(&r.failed, 0);
    diag_init(&r.dg, NULL);
    pthread_mutex_init(&r.lock, NULL);
    memset(recs, 0, n * rec_size);
    if (rank == 0)
        lead(&r, o);
    else
        serve(&r, &wait[0], &wait[1]);
    t_bcast = MPI_Wtime();
    /* Everyone leaves with rank 0's outcome and records. */
    status = atomic_load(&r.failed) ? r.status : RUN_OK;
    if (status == RUN_OK && rank == 0)
        for (i = 0; i < n; i++)
            if (!r.have[i])
                status = RUN_STOPPED;
    bcast(&status, sizeof(status));
    bcast(&r.dg, sizeof(r.dg));
    bcast(r.have, n);
    bcast(recs, n * rec_size);
    r.dg.file = NULL;
    if (stats) {
        t_bcast = MPI_Wtime() - t_bcast;
        MPI_Reduce(wait, sum, 2, MPI_DOUBLE, MPI_SUM, 0, MPI_COMM_WORLD);
        if (rank == 0)
            fprintf(stderr, "virtsim-mpi: %zu tasks, %d ranks: a worker "
                    "waited %.1f us per task for the next (%.0f waits); "
                    "the broadcast of %zu bytes took %.2f ms\n", n, nranks,
                    sum[1] > 0 ? sum[0] / sum[1] * 1e6 : 0, sum[1],
                    n * rec_size, t_bcast * 1e3);
    }
    if (status == RUN_INPUT_ERROR || status == RUN_FAILED)
        diag_merge(dg, &r.dg);
    if (rank != 0)
        for (i = 0; o->done && i < n; i++)
            if (r.have[i])
                o->done(i, (char *)recs + i * rec_size, o->done_ctx);
    if (o->have)
        memcpy(o->have, r.have, n);
    pthread_mutex_destroy(&r.lock);
    free(r.have);
    free(r.ready);
    return (enum run_status)status;
}

static int mpi_is_leader(void)
{
    return rank == 0;
}

const struct pool_backend_ops pool_mpi_backend = {
    .name = "mpi",
    .run = mpi_run,
    .is_leader = mpi_is_leader,
    .share = bcast,
};

int pool_mpi_start(int *argc, char ***argv)
{
    int provided = MPI_THREAD_SINGLE;

    if (MPI_Init_thread(argc, argv, MPI_THREAD_SERIALIZED, &provided) !=
        MPI_SUCCESS) {
        fprintf(stderr, "virtsim-mpi: error: MPI_Init_thread failed\n");
        exit(1);
    }
    threaded = provided >= MPI_THREAD_SERIALIZED;
    stats = getenv("VIRTSIM_MPI_STATS") != NULL;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &nranks);
    pool_set_backend(&pool_mpi_backend);
    return rank;
}

void pool_mpi_stop(void)
{
    MPI_Finalize();
}
