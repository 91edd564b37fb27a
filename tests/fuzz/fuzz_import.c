/*
 * fuzz_import.c - libFuzzer harness: any bytes through every importer
 * (workloads/import_*.c: fio iologs, blkparse text, pcap and pcapng),
 * streamed into a CSV trace in memory, to the end or the first error.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/diag.h"
#include "tests/fuzz/fuzz.h"
#include "workloads/import.h"
#include "workloads/trace.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct import_opts o = {.rate_rps = 1000};
    size_t i;

    fuzz_init();
    for (i = 0; i < import_count(); i++) {
        /* fmemopen refuses a size of 0: an empty input is /dev/null. */
        FILE *in = size ? fmemopen((void *)(uintptr_t)data, size, "rb")
                        : fopen("/dev/null", "rb");
        FILE *out = fopen("/dev/null", "w");
        struct import_summary sum;
        struct trace_writer w;
        struct diag dg;

        if (in && out && trace_writer_init(&w, out, "csv") == 0) {
            diag_init(&dg, "input");
            import_stream(import_at(i), in, &o, &w, &sum, &dg);
        }
        if (in)
            fclose(in);
        if (out)
            fclose(out);
    }
    return 0;
}
