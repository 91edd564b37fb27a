/*
 * results.c - the results container and the names its writers use
 * (base/category.c's and base/op.c's).
 */
#include "reports/results.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

/* The categories results report are the CPU ones, CAT_DEVICE last. */
_Static_assert(CAT_DEVICE == CAT_COUNT - 1 && RCPU_COUNT == CAT_COUNT - 1,
               "results report every category but CAT_DEVICE");

const char *result_cpu_name(enum result_cpu c)
{
    return (unsigned)c < RCPU_COUNT ? category_name((enum category)c) : "?";
}

const char *result_path_name(enum result_path p)
{
    return path_name((enum path)p);
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
