/*
 * fuzz_run.c - libFuzzer harness: any bytes as a scenario, and when it
 * loads, a short simulation of it: at most 4 cells of 2 replications of
 * 2 ms after 0.5 ms of warm-up (run/, models/, workloads/ together), and
 * at most 2 s of CPU time (a scenario may legitimately ask for millions of
 * requests in those 2 ms: the run is then stopped as by Ctrl-C). A
 * scenario that loads must run without a crash, a leak or undefined
 * behaviour.
 */
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/time.h>

#include "base/diag.h"
#include "reports/results.h"
#include "run/runner.h"
#include "run/scenario.h"
#include "tests/fuzz/fuzz.h"

static volatile sig_atomic_t stop;

/* SIGVTALRM (CPU time; libFuzzer keeps SIGALRM for its own timeout). */
static void on_cpu_limit(int sig)
{
    (void)sig;
    stop = 1;
}

static void arm_cpu_limit(double secs)
{
    struct itimerval it = {{0, 0}, {(time_t)secs, 0}};
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_cpu_limit;
    sigaction(SIGVTALRM, &sa, NULL);
    stop = 0;
    setitimer(ITIMER_VIRTUAL, &it, NULL);
}

static void disarm_cpu_limit(void)
{
    struct itimerval it = {{0, 0}, {0, 0}};

    setitimer(ITIMER_VIRTUAL, &it, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct runner_opts ro = {.jobs = 1, .progress = PROGRESS_NEVER};
    struct scenario sc;
    struct results res;
    struct diag dg;

    fuzz_init();
    diag_init(&dg, "fuzz.json");
    if (scenario_load_text((const char *)data, size, "fuzz.json", fuzz_dir(),
                           &sc, &dg) < 0)
        return 0;
    if (runner_cell_count(&sc) <= 4) {
        if (sc.duration_s > 0.002)
            sc.duration_s = 0.002;
        if (sc.warmup_s > 0.0005)
            sc.warmup_s = 0.0005;
        sc.warmup_auto = false;
        if (sc.replications > 2)
            sc.replications = 2;
        results_init(&res, sc.name, sc.effective);
        diag_init(&dg, "fuzz.json");
        arm_cpu_limit(2);
        runner_run(&sc, &ro, &res, &stop, &dg);
        disarm_cpu_limit();
        results_release(&res);
    }
    scenario_release(&sc);
    return 0;
}
