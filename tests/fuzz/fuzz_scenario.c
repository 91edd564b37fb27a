/*
 * fuzz_scenario.c - libFuzzer harness: any bytes as a scenario file,
 * loaded and checked (run/scenario.c). A bad scenario must come back as
 * diags, never as a crash, a leak or undefined behaviour.
 */
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "run/scenario.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct scenario sc;
    struct diag dg;

    fuzz_init();
    diag_init(&dg, "fuzz.json");
    if (scenario_load_text((const char *)data, size, "fuzz.json", fuzz_dir(),
                           &sc, &dg) == 0)
        scenario_release(&sc);
    return 0;
}
