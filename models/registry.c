/*
 * registry.c - the table of cost models, and the thin wrappers callers use
 * instead of reaching into ops structs. Adding a model: one file, one line.
 */
#include "models/cost_model.h"

#include <string.h>

static const struct cost_model_ops *const cost_models[] = {
    &emulation_model, &bt_model, &pv_model, &vtx_shadow_model, &hvm_model,
    &hvm_emulated_model, &fc_virtio_model, &sriov_model, &native_model,
};

#define N_MODELS (sizeof(cost_models) / sizeof(cost_models[0]))

size_t cost_model_count(void)
{
    return N_MODELS;
}

const struct cost_model_ops *cost_model_at(size_t i)
{
    return i < N_MODELS ? cost_models[i] : NULL;
}

const struct cost_model_ops *cost_model_find(const char *name, struct diag *dg)
{
    const char *names[N_MODELS];
    size_t i;

    for (i = 0; i < N_MODELS; i++) {
        if (!strcmp(cost_models[i]->name, name))
            return cost_models[i];
        names[i] = cost_models[i]->name;
    }
    diag_unknown(dg, "cost model", name, names, N_MODELS, NULL);
    return NULL;
}

int cost_model_check(const struct cost_model_ops *m, const struct param_set *p,
                     struct diag *dg)
{
    if (param_set_check(p, dg) < 0)
        return -1;
    return m->check ? m->check(p, dg) : 0;
}

/* m's planner for a path, or that of the model it is like. */
#define PLANNER(m, field) \
    ((m)->field ? (m)->field : (m)->like->field)

void cost_model_plan(const struct cost_model_ops *m, const struct param_set *p,
                     const struct op *op, struct demand_list *out)
{
    switch (op->kind) {
    case OP_COMPUTE:
        PLANNER(m, compute)(p, op, out);
        break;
    case OP_NET_RX:
    case OP_NET_TX:
        PLANNER(m, net)(p, op, out);
        break;
    case OP_DISK_READ:
    case OP_DISK_WRITE:
        PLANNER(m, storage)(p, op, out);
        break;
    case OP_IRQ:
    case OP_TIMER:
        PLANNER(m, irq)(p, op, out);
        break;
    case OP_SLEEP:
    case OP_KIND_COUNT:
        break;
    }
}

const struct lesson_step *cost_model_steps(const struct cost_model_ops *m,
                                           size_t *n)
{
    for (; m; m = m->like)
        if (m->steps) {
            *n = m->nsteps;
            return m->steps;
        }
    *n = 0;
    return NULL;
}
