/*
 * cost_model.h - the plug-in interface of a virtualization mode: given an
 * operation and the parameters, plan it as an ordered list of demands on
 * modeled resources. One file per model, one line in the registry.
 *
 * Models are pure functions of (parameters, op): they hold no state, so
 * the same inputs always give the same plan, and one model can serve any
 * number of guests at once. Device interrupts are emitted as a RES_IRQ
 * demand; plan.c expands it through the irq path's model.
 */
#ifndef VIRTSIM_COST_MODEL_H
#define VIRTSIM_COST_MODEL_H

#include <stddef.h>

#include "models/demand.h"
#include "models/params.h"
#include "base/diag.h"
#include "base/op.h"

/* Appends the demands of op to out (which may already hold some). */
typedef void plan_fn(const struct param_set *p, const struct op *op,
                     struct demand_list *out);

/*
 * A step of the mode as the lesson tells it (emulation: intercept,
 * translate, execute, return; VT-x: trap, redirect, execute, resume):
 * the demands of the categories in cats (a mask of 1u << CAT_*). A step
 * with no categories is folded into another's figures; what says where.
 */
struct lesson_step {
    const char *name;
    unsigned cats;
    const char *what;
};

#define LESSON_CAT(c) (1u << (c))
#define LESSON_GUEST (LESSON_CAT(CAT_GUEST_USER) | LESSON_CAT(CAT_GUEST_KERNEL))
#define LESSON_DEVICE (LESSON_CAT(CAT_DEVICE) | LESSON_CAT(CAT_OFFLOAD))
#define LESSON_MAX_STEPS 6

struct cost_model_ops {
    const char *name;       /* scenario key: "emulation", "bt", "pv", "hvm", ... */
    const char *summary;    /* one line for `virtsim modes` */
    const char *lesson;     /* one line on why it costs what it costs */
    /*
     * Optional: checks constraints between parameters beyond each one's
     * range. Returns 0, or -1 with a diag.
     */
    int (*check)(const struct param_set *p, struct diag *dg);
    /*
     * One planner per path; cost_model_plan picks by the op's kind. A
     * model that differs from another on some paths only leaves the
     * others NULL and names that model in `like`.
     */
    const struct cost_model_ops *like;
    plan_fn *compute;       /* OP_COMPUTE */
    plan_fn *net;           /* OP_NET_RX, OP_NET_TX */
    plan_fn *storage;       /* OP_DISK_READ, OP_DISK_WRITE */
    plan_fn *irq;           /* OP_IRQ, OP_TIMER */
    /* The lesson's steps, in order (NULL: those of `like`), nsteps of them. */
    const struct lesson_step *steps;
    size_t nsteps;
};

/*
 * The lesson's steps of model m (its own, or those of the model it is
 * like); *n gets their number. NULL when neither has any.
 */
const struct lesson_step *cost_model_steps(const struct cost_model_ops *m,
                                           size_t *n);

/* Number of registered models, and the i-th, in registry order. */
size_t cost_model_count(void);
const struct cost_model_ops *cost_model_at(size_t i);

/*
 * The model called `name`, or NULL. On a miss records "unknown cost model
 * 'x' (did you mean 'y'?)" with the valid names when dg is not NULL.
 */
const struct cost_model_ops *cost_model_find(const char *name,
                                             struct diag *dg);

/* Checks p's ranges, then the model's own constraints. 0 or -1 with diags. */
int cost_model_check(const struct cost_model_ops *m, const struct param_set *p,
                     struct diag *dg);

/* Plans op under model m, appending to out; a sleep plans nothing. */
void cost_model_plan(const struct cost_model_ops *m, const struct param_set *p,
                     const struct op *op, struct demand_list *out);

/* The models, for the registry and for models that reuse another's plan. */
extern const struct cost_model_ops emulation_model;
extern const struct cost_model_ops pv_model;
extern const struct cost_model_ops hvm_model;
extern const struct cost_model_ops sriov_model;
extern const struct cost_model_ops native_model;
extern const struct cost_model_ops bt_model;
extern const struct cost_model_ops vtx_shadow_model;
extern const struct cost_model_ops hvm_emulated_model;
extern const struct cost_model_ops fc_virtio_model;

#endif
