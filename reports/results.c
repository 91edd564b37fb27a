/*
 * results.c - the results container and the names its writers use.
 */
#include "reports/results.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

static const char *const cpu_names[RCPU_COUNT] = {
    [RCPU_GUEST_USER] = "guest_user",
    [RCPU_GUEST_KERNEL] = "guest_kernel",
    [RCPU_VMEXIT] = "vmexit",
    [RCPU_TRANSLATION] = "translation",
    [RCPU_DEVICE_EMULATION] = "device_emulation",
    [RCPU_BACKEND] = "backend",
    [RCPU_OFFLOAD] = "offload",
};

static const char *const path_names[RPATH_COUNT] = {
    [RPATH_CPU] = "cpu",
    [RPATH_NET] = "net",
    [RPATH_STORAGE] = "storage",
    [RPATH_IRQ] = "irq",
};

const char *result_cpu_name(enum result_cpu c)
{
    return (unsigned)c < RCPU_COUNT ? cpu_names[c] : "?";
}

const char *result_path_name(enum result_path p)
{
    return (unsigned)p < RPATH_COUNT ? path_names[p] : "?";
}

void results_init(struct results *r, const char *name, json_t *scenario)
{
    memset(r, 0, sizeof(*r));
    snprintf(r->name, sizeof(r->name), "%s", name);
    r->scenario = json_incref(scenario);
}

void results_add(struct results *r, const struct cell_result *cell)
{
    if (r->ncells == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->cells = xreallocarray(r->cells, r->cap, sizeof(*r->cells));
    }
    r->cells[r->ncells++] = *cell;
}

void results_release(struct results *r)
{
    free(r->cells);
    json_decref(r->scenario);
    memset(r, 0, sizeof(*r));
}
