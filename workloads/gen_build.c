/*
 * gen_build.c - the build generator: a kernel-build-like `make -j N`,
 * each request one compile job. The shell forks and execs the compiler
 * (page-table copies and updates, a fresh address space faulted in page
 * by page, switches between make, the driver, cc1 and as), the compiler
 * reads its sources and headers and writes an object file. This is the
 * work that separates the modes' memory virtualization: shadow paging
 * traps every page-table write and CR3 load, PV batches them into
 * hypercalls, EPT does none. All figures chosen (no per-job counts at
 * hand); the fork/exec-heavy character is Adams & Agesen's forkwait and
 * kernel-compile workloads (ASPLOS 2006).
 */
#include "workloads/generator.h"

enum { JOBS, CYCLES, CV, SYSCALLS, FAULTS, PT, SWITCHES, PRIV, READ, WRITE };

static const struct gen_param params[] = {
    [JOBS] = {"jobs", 4, 1, 100000, true,
              "parallel compile jobs, make -j (chosen: one per vCPU of a "
              "4-vCPU instance)"},
    [CYCLES] = {"cycles", 6e8, 1, 1e13, false,
                "mean user-mode cycles per compile job (chosen: 0.2 s at 3 "
                "GHz per C file)"},
    [CV] = {"cycles_cv", 1.0, 0, 10, false,
            "cv of the cycles per job, lognormal (chosen: files differ a "
            "lot)"},
    [SYSCALLS] = {"syscalls", 3000, 0, 1e7, true,
                  "syscalls per job: open, stat, read and mmap of headers "
                  "(chosen)"},
    [FAULTS] = {"page_faults", 8000, 0, 1e7, true,
                "page faults per job: a ~30 MiB compiler image and heap "
                "touched from a fresh exec (chosen)"},
    [PT] = {"pt_updates", 3000, 0, 1e7, true,
            "page-table writes beyond those of faults: fork's copy, exec's "
            "teardown, mprotect (chosen)"},
    [SWITCHES] = {"ctx_switches", 60, 0, 1e6, true,
                  "address-space switches per job between make, sh, gcc, "
                  "cc1 and as over pipes (chosen)"},
    [PRIV] = {"privileged", 20, 0, 1e6, true,
              "privileged instructions per job (TLB flushes, MSR writes at "
              "exec; chosen)"},
    [READ] = {"read_bytes", 65536, 0, 1e9, false,
              "bytes read from disk per job, the sources and headers not in "
              "the page cache (chosen)"},
    [WRITE] = {"write_bytes", 32768, 0, 1e9, false,
               "bytes of the object file written per job (chosen)"},
};

static void build(const double *v, struct workload *w)
{
    struct request_variant *rv = request_template_add(&w->request, "job", 1);
    struct op_template *ot;

    w->arrival = arrival_closed((unsigned)v[JOBS], dist_const(0));
    if (v[READ] > 0)
        gen_io(rv, OP_DISK_READ, dist_const(v[READ]));
    ot = gen_compute(rv, gen_lognormal(v[CYCLES], v[CV]), v[SYSCALLS],
                     v[FAULTS]);
    ot->amount[OP_FIELD_PT_UPDATES] = dist_const(v[PT]);
    ot->amount[OP_FIELD_CTX_SWITCHES] = dist_const(v[SWITCHES]);
    ot->amount[OP_FIELD_PRIVILEGED] = dist_const(v[PRIV]);
    if (v[WRITE] > 0)
        gen_io(rv, OP_DISK_WRITE, dist_const(v[WRITE]));
}

const struct generator_ops build_generator = {
    .name = "build",
    .summary = "kernel-build-like make -j: fork/exec, page faults, page-table "
               "writes, file I/O",
    .source = "no per-job counts at hand: all chosen; fork/exec-heavy as "
              "Adams & Agesen's forkwait and kernel compile (ASPLOS 2006)",
    .params = params,
    .nparams = sizeof(params) / sizeof(params[0]),
    .build = build,
};
