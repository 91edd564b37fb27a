/*
 * bench_scenario.c - full scenarios through the real code path: scenario
 * files loaded and checked by run/scenario.c, cells run by run/cell.c
 * (replicas, machine, cost models, workloads), a trace written by the
 * program's `trace gen` command and replayed, and a 64-cell sweep through the runner
 * with one and two worker processes. Each case runs in its own process.
 */
#include <fcntl.h>
#include <sys/wait.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench/bench.h"
#include "run/cell.h"
#include "run/runner.h"
#include "run/scenario.h"
#include "reports/results.h"

/*
 * 100 Gb/s of 1500-byte IP packets: 1460 bytes of TCP payload each, 1538
 * bytes on the wire with Ethernet header, FCS, preamble and gap (the
 * defaults of net.mtu_bytes and net.header_bytes).
 */
#define LINE_BPS       100e9
#define FRAME_PAYLOAD  1460
#define FRAME_WIRE     1538
#define BATCH_FRAMES   64       /* host.batch_packets: a NAPI poll */

static int write_text(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");

    if (!fp)
        return -1;
    fputs(text, fp);
    return fclose(fp);
}

struct scen_case {
    char path[512];
};

/*
 * Loads the scenario and runs its first cell. value[0]: throughput
 * (requests/s), value[1]: network Gb/s, value[2]: packets/s, value[3]:
 * requests dropped.
 */
static void scenario_child(const void *arg, struct bench_out *out)
{
    const struct scen_case *c = arg;
    struct scenario sc;
    struct cell_spec cs;
    struct cell_result *cell = calloc(1, sizeof(*cell));
    struct diag dg;
    volatile sig_atomic_t stop = 0;
    uint64_t events = 0;
    enum run_status rc;
    double t0;

    diag_init(&dg, c->path);
    if (!cell || scenario_load(c->path, &sc, &dg) < 0) {
        out->failed = 1;
        snprintf(out->msg, sizeof(out->msg), "cannot load '%.100s'%s%.100s",
                 c->path, dg.count ? ": " : "", dg.count ? dg.e[0].msg : "");
        free(cell);
        return;
    }
    cs.instance = 0;
    cs.point = 0;
    cs.gen = sc.ngenerations
                 ? sc.generations[0]
                 : generation_find(sc.instances[0].generation, NULL);
    t0 = bench_wall();
    rc = cell_run(&sc, &cs, cell, &events, &stop, &dg);
    out->wall_s = bench_wall() - t0;
    if (rc != RUN_OK) {
        out->failed = 1;
        snprintf(out->msg, sizeof(out->msg), "cell failed%s%.200s",
                 dg.count ? ": " : "", dg.count ? dg.e[0].msg : "");
    }
    out->events = events;
    out->count = cell->completed;
    out->sim_s = (sc.warmup_s + sc.duration_s) * sc.replications;
    out->value[0] = cell->throughput_rps.mean;
    out->value[1] = cell->net_gbps.mean;
    out->value[2] = cell->net_pps.mean;
    out->value[3] = (double)cell->dropped;
    scenario_release(&sc);
    free(cell);
}

/*
 * Runs a scenario case (best of reps) and records its figures under
 * `group`, events per second and peak RSS with the targets given (0: none).
 */
static int run_scenario(const char *group, const char *path, int reps,
                        double events_target, double rss_target_mib,
                        struct bench_out *out)
{
    struct scen_case c;
    struct bench_out one;
    long rss = 0, r;
    int k;

    snprintf(c.path, sizeof(c.path), "%s", path);
    printf("  %s...\n", group);
    fflush(stdout);
    for (k = 0; k < reps; k++) {
        if (bench_child(scenario_child, &c, &one, &r) < 0) {
            bench_note(group, "failed: %s", one.msg);
            return -1;
        }
        if (k == 0 || one.wall_s < out->wall_s)
            *out = one;
        if (r > rss)
            rss = r;
    }
    bench_figure(group, "wall", out->wall_s, "s", GOAL_NONE, 0);
    bench_figure(group, "simulated s per wall s", out->sim_s / out->wall_s,
                 "", GOAL_NONE, 0);
    bench_figure(group, "events per second",
                 (double)out->events / out->wall_s / 1e6, "M/s",
                 events_target > 0 ? GOAL_AT_LEAST : GOAL_NONE, events_target);
    bench_figure(group, "events", (double)out->events, "", GOAL_NONE, 0);
    bench_figure(group, "peak RSS", (double)rss / 1024, "MiB",
                 rss_target_mib > 0 ? GOAL_AT_MOST : GOAL_NONE, rss_target_mib);
    bench_figure(group, "served", out->value[0], "requests/s", GOAL_NONE, 0);
    return 0;
}

static void bench_microservices(const struct bench_opts *o)
{
    const char *g = "microservices c5n.large 200k req/s";
    char path[512], text[512];
    struct bench_out out;
    double secs = o->quick ? 1 : 10;

    snprintf(path, sizeof(path), "%s/microservices.json", o->tmpdir);
    snprintf(text, sizeof(text),
             "{\"name\": \"bench-microservices\", \"seed\": 1, "
             "\"duration_s\": %g, \"warmup_s\": 0, \"replications\": 1, "
             "\"instances\": [\"c5n.large\"], \"workload\": {\"generator\": "
             "\"microservices\", \"rate_rps\": 200000}}\n", secs);
    if (write_text(path, text) < 0) {
        bench_note(g, "cannot write '%s'", path);
        return;
    }
    if (run_scenario(g, path, 1, 10, 0, &out) == 0)
        bench_figure(g, "dropped", out.value[3], "requests", GOAL_NONE, 0);
    unlink(path);
}

/*
 * Eight tenants on a shared 4-core host for 10 simulated s: our m5.large
 * serving web requests beside seven neighbours in two groups (CPU hogs and
 * web servers), every vCPU and dom0's backend threads under Xen's credit
 * scheduler: time slices, steal and the groups' own accounting.
 */
static void bench_shared_host(const struct bench_opts *o)
{
    const char *g = "8 tenants on a shared 4-core host";
    char path[512], text[1024];
    struct bench_out out;
    double secs = o->quick ? 1 : 10;

    snprintf(path, sizeof(path), "%s/shared-host.json", o->tmpdir);
    snprintf(text, sizeof(text),
             "{\"name\": \"bench-shared-host\", \"seed\": 1, "
             "\"duration_s\": %g, \"warmup_s\": 0, \"replications\": 1, "
             "\"instances\": [\"m5.large\"], \"generations\": "
             "[\"xen-pvhvm\"], \"host\": {\"cores\": 4, \"scheduler\": "
             "\"credit\", \"backend\": \"shared\"}, \"workload\": "
             "{\"generator\": \"web\", \"rate_rps\": 2000}, "
             "\"neighbors\": [{\"name\": \"hogs\", \"count\": 3, "
             "\"workload\": {\"generator\": \"batch\"}}, {\"name\": "
             "\"web\", \"count\": 4, \"workload\": {\"generator\": "
             "\"web\", \"rate_rps\": 2000}}]}\n", secs);
    if (write_text(path, text) < 0) {
        bench_note(g, "cannot write '%s'", path);
        return;
    }
    if (run_scenario(g, path, 1, 10, 0, &out) == 0)
        bench_figure(g, "throughput", out.value[0], "requests/s", GOAL_NONE,
                     0);
    unlink(path);
}

/* c5n.18xlarge receiving 100 Gb/s of full-size frames for one second. */
static void bench_line_rate(const struct bench_opts *o, int batch)
{
    const char *g = batch ? "100 Gb/s c5n.18xlarge, batch (64)"
                          : "100 Gb/s c5n.18xlarge, per packet";
    double frames = LINE_BPS / (FRAME_WIRE * 8.0);
    double per_op = batch ? BATCH_FRAMES : 1;
    double secs = o->quick && !batch ? 0.1 : 1;
    char path[512], text[640];
    struct bench_out out;

    snprintf(path, sizeof(path), "%s/line-%s.json", o->tmpdir,
             batch ? "batch" : "packet");
    snprintf(text, sizeof(text),
             "{\"name\": \"bench-line-rate\", \"seed\": 1, \"duration_s\": %g, "
             "\"warmup_s\": 0, \"replications\": 1, \"instances\": "
             "[\"c5n.18xlarge\"], \"workload\": {\"arrival\": {\"process\": "
             "\"constant\", \"rate_rps\": %.3f}, \"request\": [{\"op\": "
             "\"net_rx\", \"bytes\": %d}]}}\n", secs, frames / per_op,
             (int)(FRAME_PAYLOAD * per_op));
    if (write_text(path, text) < 0) {
        bench_note(g, "cannot write '%s'", path);
        return;
    }
    if (run_scenario(g, path, batch ? o->reps : 1, 0, 0, &out) == 0) {
        bench_figure(g, "wall per simulated second", out.wall_s / out.sim_s,
                     "s", GOAL_AT_MOST, batch ? 0.2 : 2);
        bench_figure(g, "network (payload)", out.value[1], "Gb/s", GOAL_NONE,
                     0);
        bench_figure(g, "packets", out.value[2] / 1e6, "M/s", GOAL_NONE, 0);
        if (!batch)
            bench_note(g, "one op per 1500-byte frame (%.3f M frames/s)",
                       frames / 1e6);
        else
            bench_note(g, "one op per %d frames: the cost models plan it as "
                       "%d packets, one burst on the wire and the card",
                       BATCH_FRAMES, BATCH_FRAMES);
    }
    unlink(path);
}

struct gen_case {
    char workload[512], trace[512];
    const char *virtsim;
    unsigned long requests;
};

/* `virtsim trace gen` run as the program; value[0]: lines in the trace. */
static void trace_gen_child(const void *arg, struct bench_out *out)
{
    const struct gen_case *c = arg;
    static char buf[1 << 16];
    char count[32];
    double t0 = bench_wall();
    int fd, status = 0;
    ssize_t got;
    pid_t pid;

    snprintf(count, sizeof(count), "%lu", c->requests);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stdout))
            _exit(127);
        execl(c->virtsim, c->virtsim, "trace", "gen", c->workload, "-n",
              count, "-o", c->trace, "--seed", "1", (char *)NULL);
        _exit(127);
    }
    if (pid < 0 || waitpid(pid, &status, 0) < 0) {
        out->failed = 1;
        snprintf(out->msg, sizeof(out->msg), "cannot run '%s'", c->virtsim);
        return;
    }
    out->wall_s = bench_wall() - t0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        out->failed = 1;
        snprintf(out->msg, sizeof(out->msg), "'%s trace gen' exited with %d",
                 c->virtsim, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        return;
    }
    fd = open(c->trace, O_RDONLY);
    while (fd >= 0 && (got = read(fd, buf, sizeof(buf))) > 0) {
        ssize_t k;

        for (k = 0; k < got; k++)
            out->value[0] += buf[k] == '\n';
    }
    if (fd >= 0)
        close(fd);
}

/*
 * A kv trace of ~1e7 lines (three ops a request) written by `trace gen`
 * into the scratch directory, then replayed on an m5.large; the file is
 * removed afterwards.
 */
static void bench_trace(const struct bench_opts *o)
{
    const char *g = "trace replay (1e7 lines)";
    const double rate = 50000;
    struct gen_case gc;
    struct bench_out gen, out;
    char path[512], text[1024];
    long rss;

    gc.requests = o->quick ? 100000 : 3333334;
    gc.virtsim = o->virtsim;
    snprintf(gc.workload, sizeof(gc.workload), "%s/kv.json", o->tmpdir);
    snprintf(gc.trace, sizeof(gc.trace), "%s/kv-trace.csv", o->tmpdir);
    snprintf(path, sizeof(path), "%s/trace.json", o->tmpdir);
    snprintf(text, sizeof(text), "{\"generator\": \"kv\", \"rate_rps\": %g}\n",
             rate);
    if (write_text(gc.workload, text) < 0) {
        bench_note(g, "cannot write '%s'", gc.workload);
        return;
    }
    printf("  trace gen: %lu requests...\n", gc.requests);
    fflush(stdout);
    if (bench_child(trace_gen_child, &gc, &gen, &rss) < 0) {
        bench_note(g, "trace gen failed: %s", gen.msg);
        goto out_workload;
    }
    snprintf(text, sizeof(text),
             "{\"name\": \"bench-trace\", \"seed\": 1, \"duration_s\": %g, "
             "\"warmup_s\": 0, \"replications\": 1, \"instances\": "
             "[\"m5.large\"], \"workload\": {\"arrival\": {\"process\": "
             "\"trace\", \"file\": \"%s\"}}}\n",
             (double)gc.requests / rate + 1, gc.trace);
    if (write_text(path, text) < 0) {
        bench_note(g, "cannot write '%s'", path);
        goto out_trace;
    }
    bench_figure(g, "trace lines", gen.value[0], "", GOAL_NONE, 0);
    bench_figure(g, "trace gen wall", gen.wall_s, "s", GOAL_NONE, 0);
    run_scenario(g, path, 1, 0, 64, &out);
    unlink(path);
out_trace:
    unlink(gc.trace);
out_workload:
    unlink(gc.workload);
}

struct sweep_case {
    char path[512];
    unsigned jobs;
};

/* The runner over every cell; count: cells, events: all of them. */
static void sweep_child(const void *arg, struct bench_out *out)
{
    const struct sweep_case *c = arg;
    struct runner_opts ro = {.jobs = c->jobs, .progress = PROGRESS_NEVER};
    struct scenario sc;
    struct results res;
    struct diag dg;
    volatile sig_atomic_t stop = 0;
    double t0;

    diag_init(&dg, c->path);
    if (scenario_load(c->path, &sc, &dg) < 0) {
        out->failed = 1;
        snprintf(out->msg, sizeof(out->msg), "cannot load '%.200s'", c->path);
        return;
    }
    results_init(&res, sc.name, sc.effective);
    t0 = bench_wall();
    if (runner_run(&sc, &ro, &res, &stop, &dg) != RUN_OK) {
        out->failed = 1;
        snprintf(out->msg, sizeof(out->msg), "runner failed%s%.200s",
                 dg.count ? ": " : "", dg.count ? dg.e[0].msg : "");
    }
    out->wall_s = bench_wall() - t0;
    out->count = res.ncells;
    results_release(&res);
    scenario_release(&sc);
}

/*
 * 64 cells of an M/M/1-like machine (one bare-metal vCPU, exponential
 * work) at 64 close arrival rates, so that the cells cost about the same;
 * the workers take cells as they free up (cli/pool.c).
 */
static void bench_sweep(const struct bench_opts *o)
{
    const char *g = "sweep of 64 cells";
    struct sweep_case c;
    struct bench_out one, two;
    char text[1400], rates[600];
    size_t len = 0;
    long rss;
    int i;

    for (i = 0; i < 64; i++)
        len += (size_t)snprintf(rates + len, sizeof(rates) - len, "%s%d",
                                i ? ", " : "", 5000 + 50 * i);
    snprintf(c.path, sizeof(c.path), "%s/sweep.json", o->tmpdir);
    snprintf(text, sizeof(text),
             "{\"name\": \"bench-sweep\", \"seed\": 1, \"duration_s\": %g, "
             "\"warmup_s\": 1, \"replications\": 1, \"instances\": [{\"name\": "
             "\"lab-1cpu\", \"base\": \"m5.metal\", \"vcpus\": 1, \"cpu_ghz\": "
             "1.0}], \"generations\": [\"metal\"], \"params\": {\"guest.hz\": "
             "0}, \"workload\": {\"arrival\": {\"process\": \"poisson\", "
             "\"rate_rps\": 5000}, \"request\": [{\"op\": \"compute\", "
             "\"cycles\": {\"dist\": \"exponential\", \"mean\": 100000}}]}, "
             "\"sweep\": {\"workload.arrival.rate_rps\": [%s]}}\n",
             o->quick ? 5.0 : 240.0, rates);
    if (write_text(c.path, text) < 0) {
        bench_note(g, "cannot write '%s'", c.path);
        return;
    }
    printf("  %s, --jobs 1...\n", g);
    fflush(stdout);
    c.jobs = 1;
    if (bench_child(sweep_child, &c, &one, &rss) < 0) {
        bench_note(g, "--jobs 1 failed: %s", one.msg);
        goto out;
    }
    printf("  %s, --jobs 2...\n", g);
    fflush(stdout);
    c.jobs = 2;
    if (bench_child(sweep_child, &c, &two, &rss) < 0) {
        bench_note(g, "--jobs 2 failed: %s", two.msg);
        goto out;
    }
    bench_figure(g, "cells", (double)one.count, "", GOAL_NONE, 0);
    bench_figure(g, "wall, --jobs 1", one.wall_s, "s", GOAL_NONE, 0);
    bench_figure(g, "wall, --jobs 2", two.wall_s, "s", GOAL_NONE, 0);
    bench_figure(g, "speed-up", one.wall_s / two.wall_s, "x", GOAL_AT_LEAST,
                 1.85);
    bench_note(g, "the machine's load average when it ran says how many "
               "cores were free (bench/results.json: machine)");
out:
    unlink(c.path);
}

void bench_scenario_run(const struct bench_opts *o)
{
    bench_microservices(o);
    bench_shared_host(o);
    bench_line_rate(o, 0);
    bench_line_rate(o, 1);
    bench_trace(o);
    bench_sweep(o);
}
