/*
 * runner.c - the experiment loop: cells in scenario order, each run by
 * cell_run, either here (--jobs 1) or by forked workers that each take
 * every jobs-th cell and send back fixed-size records through a pipe.
 * Cells are independent and seeded by their coordinates, so which process
 * runs a cell changes nothing in its result.
 */
#include "cli/runner.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli/cell.h"
#include "sim/xalloc.h"

struct record {                 /* what a worker sends per cell */
    uint32_t index;
    int32_t status;             /* cell_run's return */
    uint64_t events;
    struct cell_result cell;
    struct diag dg;
};

struct progress {
    int on;
    size_t total, done;
    uint64_t events;
    double sim_per_cell;        /* simulated seconds a cell runs */
    double t0;
};

static double wall(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

size_t runner_cell_count(const struct scenario *sc)
{
    size_t gens = sc->ngenerations ? sc->ngenerations : 1;

    return sc->ninstances * gens * sc->npoints;
}

/* Cell i in scenario order: instance-major, then generation, then point. */
static void cell_at(const struct scenario *sc, size_t i, struct cell_spec *cs)
{
    size_t gens = sc->ngenerations ? sc->ngenerations : 1;

    cs->point = i % sc->npoints;
    i /= sc->npoints;
    cs->instance = i / gens;
    if (sc->ngenerations)
        cs->gen = sc->generations[i % gens];
    else
        cs->gen = generation_find(sc->instances[cs->instance].generation, NULL);
}

static void progress_cell(struct progress *p, const struct cell_result *c,
                          uint64_t events)
{
    double t = wall() - p->t0, eta;
    size_t d;

    p->done++;
    p->events += events;
    if (!p->on)
        return;
    eta = p->done ? t / p->done * (p->total - p->done) : 0;
    fprintf(stderr, "[%zu/%zu] %s %s", p->done, p->total, c->instance,
            c->generation);
    for (d = 0; d < c->npoint; d++)
        fprintf(stderr, " %s=%g", c->point[d].path, c->point[d].value);
    fprintf(stderr, ": %.0f req/s, p99 %.1f us  (simulated %.3g s in %.1f s, "
            "%.1f M events/s, ETA %.0f s)\n", c->throughput_rps.mean,
            c->lat_p99.mean, p->sim_per_cell * (double)p->done, t,
            t > 0 ? p->events / t / 1e6 : 0, eta);
}

static int run_here(const struct scenario *sc, struct results *res,
                    struct progress *p, volatile int *stop, struct diag *dg)
{
    struct cell_result *c = xmalloc(sizeof(*c));
    size_t i;
    int rc = 0;

    for (i = 0; i < p->total; i++) {
        struct cell_spec cs;
        uint64_t events;

        if (*stop) {
            rc = 1;
            break;
        }
        cell_at(sc, i, &cs);
        rc = cell_run(sc, &cs, c, &events, stop, dg);
        if (rc != 0)
            break;
        results_add(res, c);
        progress_cell(p, c, events);
    }
    free(c);
    return rc;
}

/* A worker: cells k, k + jobs, ...; one record each, written whole. */
static void worker(const struct scenario *sc, unsigned k, unsigned jobs,
                   size_t total, int fd, volatile int *stop)
{
    struct record *r = xmalloc(sizeof(*r));
    size_t i;

    for (i = k; i < total && !*stop; i += jobs) {
        struct cell_spec cs;
        const char *p = (const char *)r;
        size_t left = sizeof(*r);

        memset(r, 0, sizeof(*r));
        diag_init(&r->dg, NULL);
        cell_at(sc, i, &cs);
        r->index = (uint32_t)i;
        r->status = cell_run(sc, &cs, &r->cell, &r->events, stop, &r->dg);
        if (r->status == 1)
            break;
        while (left > 0) {
            ssize_t n = write(fd, p, left);

            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                _exit(3);
            p += n;
            left -= (size_t)n;
        }
        if (r->status != 0)
            break;
    }
    free(r);
    _exit(0);
}

struct pool {
    unsigned jobs;
    pid_t *pid;
    int *fd;
    struct record *rec;         /* one being read per worker */
    size_t *got;                /* bytes of it read so far */
};

static int run_workers(const struct scenario *sc, unsigned jobs,
                       struct results *res, struct progress *p,
                       volatile int *stop, struct diag *dg)
{
    struct cell_result *cells = xcalloc(p->total, sizeof(*cells));
    char *have = xcalloc(p->total, 1);
    struct pool w;
    struct pollfd *pfd = xcalloc(jobs, sizeof(*pfd));
    unsigned k, open;
    size_t i;
    int rc = 0;

    w.jobs = jobs;
    w.pid = xcalloc(jobs, sizeof(*w.pid));
    w.fd = xcalloc(jobs, sizeof(*w.fd));
    w.rec = xcalloc(jobs, sizeof(*w.rec));
    w.got = xcalloc(jobs, sizeof(*w.got));
    fflush(NULL);
    for (k = 0; k < jobs; k++) {
        int pipefd[2];

        if (pipe(pipefd) < 0) {
            rc = 2;
            diag_set(dg, 0, 0, "cannot create a pipe: %s", strerror(errno));
            break;
        }
        w.pid[k] = fork();
        if (w.pid[k] < 0) {
            rc = 2;
            diag_set(dg, 0, 0, "cannot start a worker: %s", strerror(errno));
            close(pipefd[0]);
            close(pipefd[1]);
            break;
        }
        if (w.pid[k] == 0) {
            close(pipefd[0]);
            worker(sc, k, jobs, p->total, pipefd[1], stop);
        }
        close(pipefd[1]);
        w.fd[k] = pipefd[0];
    }
    open = k;
    for (k = 0; k < open; k++) {
        pfd[k].fd = w.fd[k];
        pfd[k].events = POLLIN;
    }
    while (rc == 0 && open > 0) {
        if (poll(pfd, jobs, -1) < 0) {
            if (errno == EINTR) {
                if (*stop)
                    break;
                continue;
            }
            rc = 2;
            diag_set(dg, 0, 0, "poll: %s", strerror(errno));
            break;
        }
        for (k = 0; k < jobs && rc == 0; k++) {
            ssize_t n;

            if (pfd[k].fd < 0 || !(pfd[k].revents & (POLLIN | POLLHUP)))
                continue;
            n = read(w.fd[k], (char *)&w.rec[k] + w.got[k],
                     sizeof(w.rec[k]) - w.got[k]);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                close(w.fd[k]);
                pfd[k].fd = -1;
                open--;
                continue;
            }
            w.got[k] += (size_t)n;
            if (w.got[k] < sizeof(w.rec[k]))
                continue;
            w.got[k] = 0;
            if (w.rec[k].status != 0) {
                *dg = w.rec[k].dg;
                rc = -1;
                break;
            }
            cells[w.rec[k].index] = w.rec[k].cell;
            have[w.rec[k].index] = 1;
            progress_cell(p, &w.rec[k].cell, w.rec[k].events);
        }
    }
    for (k = 0; k < jobs; k++) {
        int status;

        if (w.pid[k] <= 0)
            continue;
        if (rc != 0 || *stop)
            kill(w.pid[k], SIGTERM);
        if (pfd[k].fd >= 0)
            close(pfd[k].fd);
        if (waitpid(w.pid[k], &status, 0) == w.pid[k] && rc == 0 && !*stop &&
            !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
            rc = 2;
            diag_set(dg, 0, 0, "a worker process failed (status %d)", status);
        }
    }
    /* Completed cells in scenario order; stop at the first missing one. */
    for (i = 0; i < p->total && have[i]; i++)
        results_add(res, &cells[i]);
    if (rc == 0 && i < p->total)
        rc = *stop ? 1 : 2;
    if (rc == 2 && dg->count == 0)
        diag_set(dg, 0, 0, "a worker process ended early");
    free(cells);
    free(have);
    free(pfd);
    free(w.pid);
    free(w.fd);
    free(w.rec);
    free(w.got);
    return rc;
}

int runner_run(const struct scenario *sc, const struct runner_opts *o,
               struct results *res, volatile int *stop, struct diag *dg)
{
    struct progress p;
    unsigned jobs = o->jobs;
    int rc;

    memset(&p, 0, sizeof(p));
    p.total = runner_cell_count(sc);
    p.sim_per_cell = (sc->warmup_s + sc->duration_s) * sc->replications;
    p.t0 = wall();
    p.on = o->progress == PROGRESS_ALWAYS ||
           (o->progress == PROGRESS_AUTO && isatty(STDERR_FILENO));
    if (jobs > p.total)
        jobs = (unsigned)p.total;
    if (jobs <= 1)
        rc = run_here(sc, res, &p, stop, dg);
    else
        rc = run_workers(sc, jobs, res, &p, stop, dg);
    if (rc == 1)
        res->partial = true;
    if (p.on && rc == 0) {
        double t = wall() - p.t0;

        fprintf(stderr, "ran %zu cells: %.1f M events in %.2f s (%.1f M "
                "events/s)\n", p.total, p.events / 1e6, t,
                t > 0 ? p.events / t / 1e6 : 0);
    }
    return rc;
}
