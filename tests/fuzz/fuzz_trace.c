/*
 * fuzz_trace.c - libFuzzer harness: any bytes as a trace file, first as
 * CSV, then as JSON Lines, read to the end or to the first error
 * (workloads/trace*.c), then rewound and read once more.
 */
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "tests/fuzz/fuzz.h"
#include "workloads/trace.h"

static void read_all(const char *path, const char *format)
{
    struct trace_reader *r;
    struct request rq;
    struct diag dg;
    sim_time at;
    int pass, n;

    diag_init(&dg, path);
    r = trace_open(path, format, &dg);
    if (!r)
        return;
    for (pass = 0; pass < 2; pass++) {
        for (n = 0; n < 100000 && trace_next(r, &at, &rq, &dg) == 1; n++)
            ;
        if (dg.count || trace_rewind(r, &dg) < 0)
            break;
    }
    trace_close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path;

    fuzz_init();
    path = fuzz_write("trace", data, size);
    read_all(path, "csv");
    read_all(path, "jsonl");
    return 0;
}
