/*
 * bench_main.c - `make bench`: runs the engine and full-scenario cases,
 * each in a child process, prints one table with every figure beside its
 * target, and writes the figures as JSON (bench/results.json).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "bench/bench.h"
#include "base/version.h"

#define MAX_FIGURES 128
#define MAX_NOTES   64

struct figure {
    char group[48];
    char name[48];
    double value;
    char unit[24];
    enum bench_goal goal;
    double target;
};

static struct figure figures[MAX_FIGURES];
static size_t nfigures;
static struct {
    char group[48];
    char text[240];
} notes[MAX_NOTES];
static size_t nnotes;

double bench_wall(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void copy_str(char *dst, size_t size, const char *src)
{
    snprintf(dst, size, "%s", src);
}

void bench_figure(const char *group, const char *name, double value,
                  const char *unit, enum bench_goal goal, double target)
{
    struct figure *f;

    if (nfigures == MAX_FIGURES)
        return;
    f = &figures[nfigures++];
    copy_str(f->group, sizeof(f->group), group);
    copy_str(f->name, sizeof(f->name), name);
    copy_str(f->unit, sizeof(f->unit), unit);
    f->value = value;
    f->goal = goal;
    f->target = target;
}

void bench_note(const char *group, const char *fmt, ...)
{
    va_list ap;

    if (nnotes == MAX_NOTES)
        return;
    copy_str(notes[nnotes].group, sizeof(notes[nnotes].group), group);
    va_start(ap, fmt);
    vsnprintf(notes[nnotes].text, sizeof(notes[nnotes].text), fmt, ap);
    va_end(ap);
    nnotes++;
}

/* Reads exactly size bytes; 0, or -1 on a short read. */
static int read_all(int fd, void *buf, size_t size)
{
    char *p = buf;

    while (size > 0) {
        ssize_t n = read(fd, p, size);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        size -= (size_t)n;
    }
    return 0;
}

int bench_child(bench_fn *fn, const void *arg, struct bench_out *out,
                long *peak_rss_kib)
{
    int fd[2], status, got;
    pid_t pid;

    memset(out, 0, sizeof(*out));
    *peak_rss_kib = 0;
    fflush(NULL);
    if (pipe(fd) < 0) {
        out->failed = 1;
        snprintf(out->msg, sizeof(out->msg), "pipe: %s", strerror(errno));
        return -1;
    }
    pid = fork();
    if (pid < 0) {
        out->failed = 1;
        snprintf(out->msg, sizeof(out->msg), "fork: %s", strerror(errno));
        close(fd[0]);
        close(fd[1]);
        return -1;
    }
    if (pid == 0) {
        const char *p = (const char *)out;
        size_t left = sizeof(*out);
        struct rusage ru;

        close(fd[0]);
        fn(arg, out);
        if (getrusage(RUSAGE_SELF, &ru) == 0)
            out->peak_rss_kib = ru.ru_maxrss;
        while (left > 0) {
            ssize_t n = write(fd[1], p, left);

            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                _exit(3);
            p += n;
            left -= (size_t)n;
        }
        _exit(0);
    }
    close(fd[1]);
    got = read_all(fd[0], out, sizeof(*out));
    close(fd[0]);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    *peak_rss_kib = out->peak_rss_kib;
    if (got < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        out->failed = 1;
        snprintf(out->msg, sizeof(out->msg), "the benchmark process failed "
                 "(status %d)", status);
    }
    return out->failed ? -1 : 0;
}

/* "met", "MISSED by 12%", or "" for a figure without a target. */
static const char *verdict(const struct figure *f, char *buf, size_t size)
{
    double miss;

    if (f->goal == GOAL_NONE) {
        buf[0] = '\0';
        return buf;
    }
    if (f->goal == GOAL_AT_LEAST ? f->value >= f->target
                                 : f->value <= f->target) {
        snprintf(buf, size, "met");
        return buf;
    }
    miss = f->goal == GOAL_AT_LEAST ? 1 - f->value / f->target
                                    : f->value / f->target - 1;
    snprintf(buf, size, "MISSED by %.0f%%", 100 * miss);
    return buf;
}

static void print_table(FILE *fp)
{
    const char *group = "";
    size_t i, k;
    char v[32], t[32], why[32];

    fprintf(fp, "\n%-34s %14s %-14s %-10s %s\n", "benchmark", "figure", "unit",
            "target", "");
    for (i = 0; i < nfigures; i++) {
        const struct figure *f = &figures[i];

        if (strcmp(f->group, group) != 0) {
            if (*group)
                for (k = 0; k < nnotes; k++)
                    if (!strcmp(notes[k].group, group))
                        fprintf(fp, "    note: %s\n", notes[k].text);
            group = f->group;
            fprintf(fp, "%s\n", group);
        }
        snprintf(v, sizeof(v), f->value >= 1e5 || f->value == (long)f->value
                 ? "%.0f" : f->value >= 10 ? "%.1f" : "%.3g", f->value);
        if (f->goal == GOAL_NONE)
            t[0] = '\0';
        else
            snprintf(t, sizeof(t), "%s %g", f->goal == GOAL_AT_LEAST ? ">="
                     : "<=", f->target);
        fprintf(fp, "  %-32s %14s %-14s %-10s %s\n", f->name, v, f->unit, t,
                verdict(f, why, sizeof(why)));
    }
    for (k = 0; k < nnotes; k++)
        if (!strcmp(notes[k].group, group))
            fprintf(fp, "    note: %s\n", notes[k].text);
}

static json_t *figures_json(void)
{
    json_t *all = json_array();
    size_t i, k;
    char why[32];

    for (i = 0; i < nfigures; i++) {
        const struct figure *f = &figures[i];
        json_t *o = json_pack("{s:s, s:s, s:f, s:s}", "group", f->group,
                              "name", f->name, "value", f->value,
                              "unit", f->unit);

        if (f->goal != GOAL_NONE) {
            json_object_set_new(o, "target", json_pack("{s:s, s:f}", "goal",
                f->goal == GOAL_AT_LEAST ? ">=" : "<=", "value", f->target));
            json_object_set_new(o, "met", json_boolean(
                !strcmp(verdict(f, why, sizeof(why)), "met")));
        }
        json_array_append_new(all, o);
    }
    for (k = 0; k < nnotes; k++)
        json_array_append_new(all, json_pack("{s:s, s:s}", "group",
                              notes[k].group, "note", notes[k].text));
    return all;
}

static void machine_json(json_t *root)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    double load = -1;
    FILE *fp = fopen("/proc/loadavg", "r");

    if (fp) {
        if (fscanf(fp, "%lf", &load) != 1)
            load = -1;
        fclose(fp);
    }
    json_object_set_new(root, "machine", json_pack("{s:I, s:f}",
                        "cpus", (json_int_t)cpus, "loadavg_1min", load));
    json_object_set_new(root, "virtsim_version", json_string(VIRTSIM_VERSION));
}

static int usage(void)
{
    fprintf(stderr, "usage: bench_engine [--json FILE] [--quick] "
            "[--reps N] [--tmpdir DIR] [--virtsim PROG] "
            "[--only engine|scenarios]\n");
    return 2;
}

int main(int argc, char **argv)
{
    struct bench_opts o = {.quick = false, .reps = 3, .tmpdir = NULL,
                           .virtsim = "./virtsim"};
    const char *json_path = NULL, *only = NULL;
    char tmpl[] = "/tmp/virtsim-bench.XXXXXX";
    char *made = NULL;
    json_t *root;
    int i, rc = 0;

    gsl_set_error_handler_off();
    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json") && i + 1 < argc)
            json_path = argv[++i];
        else if (!strcmp(argv[i], "--quick"))
            o.quick = true;
        else if (!strcmp(argv[i], "--reps") && i + 1 < argc)
            o.reps = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--tmpdir") && i + 1 < argc)
            o.tmpdir = argv[++i];
        else if (!strcmp(argv[i], "--virtsim") && i + 1 < argc)
            o.virtsim = argv[++i];
        else if (!strcmp(argv[i], "--only") && i + 1 < argc)
            only = argv[++i];
        else
            return usage();
    }
    if (o.reps < 1 || (only && strcmp(only, "engine") &&
                       strcmp(only, "scenarios")))
        return usage();
    if (!o.tmpdir) {
        made = mkdtemp(tmpl);
        if (!made) {
            fprintf(stderr, "bench_engine: error: cannot create a directory "
                    "in /tmp: %s\n", strerror(errno));
            return 1;
        }
        o.tmpdir = made;
    }
    printf("virtsim benchmarks%s: each case in its own process; short cases "
           "best of %d\n", o.quick ? " (quick)" : "", o.reps);
    if (!only || !strcmp(only, "engine"))
        bench_engine_run(&o);
    if (!only || !strcmp(only, "scenarios"))
        bench_scenario_run(&o);
    print_table(stdout);
    if (made && rmdir(made) < 0)
        fprintf(stderr, "bench_engine: warning: cannot remove '%s': %s\n",
                made, strerror(errno));
    root = json_object();
    machine_json(root);
    json_object_set_new(root, "quick", json_boolean(o.quick));
    json_object_set_new(root, "figures", figures_json());
    if (json_path) {
        if (json_dump_file(root, json_path,
                           JSON_INDENT(2) | JSON_SORT_KEYS) < 0) {
            fprintf(stderr, "bench_engine: error: cannot write '%s'\n",
                    json_path);
            rc = 1;
        } else {
            printf("wrote %s\n", json_path);
        }
    }
    json_decref(root);
    return rc;
}
