/*
 * fuzz_results_in.c - libFuzzer harness: any bytes as a results.json, read
 * back as `virtsim chart` reads it (reports/json_in.c).
 */
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "base/diag.h"
#include "reports/json_in.h"
#include "reports/results.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct results r;
    struct diag dg;
    json_error_t err;
    json_t *root;

    fuzz_init();
    root = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &err);
    if (!root)
        return 0;
    diag_init(&dg, "results.json");
    if (json_in_from_json(&r, root, &dg) == 0)
        results_release(&r);
    json_decref(root);
    return 0;
}
