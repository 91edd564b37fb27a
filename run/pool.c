/*
 * pool.c - forked workers for independent tasks: each takes the next task
 * from a counter the workers share, and writes whole records (a header and
 * the task's bytes) to its pipe; the parent polls the pipes and files each
 * record under its task index. Taking tasks as they come, rather than a
 * fixed share each, keeps both cores busy to the end when tasks differ in
 * cost (a sweep's loads) or one core is slowed by other work. A backend
 * installed by the program (virtsim-mpi's) takes the place of all this.
 */
#define _DEFAULT_SOURCE         /* MAP_ANONYMOUS (POSIX 2024, not 2008) */
#include "run/pool.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/xalloc.h"

struct header {
    uint64_t index;
    int32_t status;             /* the task's enum run_status */
    struct diag dg;
};

static enum run_status run_here(size_t n, const struct pool_opts *o,
                                size_t rec_size, pool_task_fn *fn,
                                const void *ctx, char *recs,
                                volatile sig_atomic_t *stop, struct diag *dg)
{
    enum run_status rc = RUN_OK;
    size_t i;

    for (i = 0; i < n && rc == RUN_OK; i++) {
        if (*stop)
            return RUN_STOPPED;
        memset(recs + i * rec_size, 0, rec_size);
        rc = fn(i, recs + i * rec_size, ctx, stop, dg);
        if (rc != RUN_OK)
            break;
        if (o->have)
            o->have[i] = 1;
        if (o->done)
            o->done(i, recs + i * rec_size, o->done_ctx);
    }
    return rc;
}

static int write_all(int fd, const char *p, size_t left)
{
    while (left > 0) {
        ssize_t got = write(fd, p, left);

        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return -1;
        p += got;
        left -= (size_t)got;
    }
    return 0;
}

/*
 * Takes tasks from the shared counter until none is left. A lock-free
 * atomic works across processes on shared memory (C11 7.17.5 note).
 */
static void worker(atomic_size_t *next, size_t n, size_t rec_size,
                   pool_task_fn *fn, const void *ctx, int fd,
                   volatile sig_atomic_t *stop)
{
    size_t size = sizeof(struct header) + rec_size;
    char *buf = xmalloc(size);
    struct header *h = (struct header *)buf;
    size_t i;

    while (!*stop && (i = atomic_fetch_add(next, 1)) < n) {
        memset(buf, 0, size);
        diag_init(&h->dg, NULL);
        h->index = i;
        h->status = fn(i, buf + sizeof(*h), ctx, stop, &h->dg);
        if (h->status == RUN_STOPPED)
            break;
        if (write_all(fd, buf, size) < 0)
            _exit(3);
        if (h->status != RUN_OK)
            break;
    }
    free(buf);
    _exit(0);
}

/* The local pool: this process, or forked workers. */
static enum run_status run_forked(size_t n, const struct pool_opts *o,
                                  size_t rec_size, pool_task_fn *fn,
                                  const void *ctx, void *recs,
                                  volatile sig_atomic_t *stop,
                                  struct diag *dg)
{
    unsigned jobs = o->jobs;
    size_t size = sizeof(struct header) + rec_size, i;
    pid_t *pid;
    struct pollfd *pfd;
    char **buf, *have;
    size_t *got;
    atomic_size_t *next;
    unsigned k, started, open;
    enum run_status rc = RUN_OK;

    if (n == 0)
        return RUN_OK;
    if (jobs > n)
        jobs = (unsigned)n;
    /* Without an always lock-free counter (not on Linux), one process. */
    if (jobs <= 1 || ATOMIC_LONG_LOCK_FREE != 2)
        return run_here(n, o, rec_size, fn, ctx, recs, stop, dg);
    next = mmap(NULL, sizeof(*next), PROT_READ | PROT_WRITE,
                MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (next == MAP_FAILED) {
        diag_set(dg, 0, 0, "cannot map memory for the workers: %s",
                 strerror(errno));
        return RUN_FAILED;
    }
    atomic_init(next, 0);
    pid = xcalloc(jobs, sizeof(*pid));
    pfd = xcalloc(jobs, sizeof(*pfd));
    buf = xcalloc(jobs, sizeof(*buf));
    got = xcalloc(jobs, sizeof(*got));
    have = xcalloc(n, 1);
    fflush(NULL);
    for (k = 0; k < jobs; k++) {
        int pipefd[2];

        pfd[k].fd = -1;
        if (pipe(pipefd) < 0) {
            rc = RUN_FAILED;
            diag_set(dg, 0, 0, "cannot create a pipe: %s", strerror(errno));
            break;
        }
        pid[k] = fork();
        if (pid[k] < 0) {
            rc = RUN_FAILED;
            diag_set(dg, 0, 0, "cannot start a worker: %s", strerror(errno));
            close(pipefd[0]);
            close(pipefd[1]);
            break;
        }
        if (pid[k] == 0) {
            close(pipefd[0]);
            worker(next, n, rec_size, fn, ctx, pipefd[1], stop);
        }
        close(pipefd[1]);
        pfd[k].fd = pipefd[0];
        pfd[k].events = POLLIN;
        buf[k] = xmalloc(size);
    }
    started = open = k;
    while (rc == RUN_OK && open > 0) {
        if (poll(pfd, started, -1) < 0) {
            if (errno == EINTR) {
                if (*stop)
                    break;
                continue;
            }
            rc = RUN_FAILED;
            diag_set(dg, 0, 0, "poll: %s", strerror(errno));
            break;
        }
        for (k = 0; k < started && rc == RUN_OK; k++) {
            struct header *h = (struct header *)buf[k];
            ssize_t r;

            if (pfd[k].fd < 0 || !(pfd[k].revents & (POLLIN | POLLHUP)))
                continue;
            r = read(pfd[k].fd, buf[k] + got[k], size - got[k]);
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0) {
                close(pfd[k].fd);
                pfd[k].fd = -1;
                open--;
                continue;
            }
            got[k] += (size_t)r;
            if (got[k] < size)
                continue;
            got[k] = 0;
            if (h->status != RUN_OK) {
                h->dg.file = NULL;      /* a pointer into the worker */
                diag_merge(dg, &h->dg);
                rc = RUN_INPUT_ERROR;
                break;
            }
            memcpy((char *)recs + h->index * rec_size, buf[k] + sizeof(*h),
                   rec_size);
            have[h->index] = 1;
            if (o->done)
                o->done(h->index, (char *)recs + h->index * rec_size,
                        o->done_ctx);
        }
    }
    for (k = 0; k < started; k++) {
        int status;

        if (rc != RUN_OK || *stop)
            kill(pid[k], SIGTERM);
        if (pfd[k].fd >= 0)
            close(pfd[k].fd);
        if (waitpid(pid[k], &status, 0) == pid[k] && rc == RUN_OK && !*stop &&
            !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
            rc = RUN_FAILED;
            diag_set(dg, 0, 0, "a worker process failed (status %d)", status);
        }
        free(buf[k]);
    }
    for (i = 0; rc == RUN_OK && i < n; i++) {
        if (!have[i]) {
            rc = *stop ? RUN_STOPPED : RUN_FAILED;
            if (rc == RUN_FAILED)
                diag_set(dg, 0, 0, "a worker process ended early");
        }
    }
    if (rc == RUN_OK && *stop)
        rc = RUN_STOPPED;
    if (o->have)
        memcpy(o->have, have, n);
    munmap(next, sizeof(*next));
    free(pid);
    free(pfd);
    free(buf);
    free(got);
    free(have);
    return rc;
}

/* The installed backend; NULL: the local pool. Set once at start. */
static const struct pool_backend_ops *backend;

void pool_set_backend(const struct pool_backend_ops *b)
{
    backend = b;
}

const struct pool_backend_ops *pool_backend(void)
{
    return backend;
}

int pool_is_leader(void)
{
    return !backend || backend->is_leader();
}

void pool_share(void *p, size_t n)
{
    if (backend)
        backend->share(p, n);
}

enum run_status pool_run(size_t n, const struct pool_opts *o, size_t rec_size,
                         pool_task_fn *fn, const void *ctx, void *recs,
                         volatile sig_atomic_t *stop, struct diag *dg)
{
    if (backend)
        return backend->run(n, o, rec_size, fn, ctx, recs, stop, dg);
    return run_forked(n, o, rec_size, fn, ctx, recs, stop, dg);
}
