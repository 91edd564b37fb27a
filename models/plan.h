/*
 * plan.h - planning an operation under a generation: the op goes to the
 * cost model of its path, and the device interrupts that model raises
 * (RES_IRQ demands) are expanded, in place, by the irq path's model.
 *
 * A planner owns a copy of the parameters, a scratch list and, per op
 * kind, the last op it planned with that op's plan: a plan depends only on
 * the parameters and the op, so an op equal to the last one (fixed-size
 * packets, a trace's repeated sizes, timer ticks) is planned by copying
 * (while such repeats are common enough to pay for keeping plans). The
 * last interrupt plan is kept the same way.
 * Callers own the output list.
 */
#ifndef VIRTSIM_PLAN_H
#define VIRTSIM_PLAN_H

#include <stdbool.h>

#include "models/cost_model.h"
#include "models/generation.h"

struct plan_memo {
    bool seen;                          /* op holds the last op of this kind */
    bool valid;                         /* plan holds its plan */
    struct op op;
    struct demand_list plan;            /* op's demands, interrupts expanded */
    unsigned tries, repeats;            /* ops planned; equal to the last */
};

struct planner {
    const struct cost_model_ops *model[PATH_COUNT];
    struct param_set params;            /* not to be changed after init */
    struct demand_list scratch;         /* the last interrupt plan ... */
    double scratch_count;               /* ... of this many interrupts */
    struct plan_memo memo[OP_KIND_COUNT];
};

/*
 * Sets up a planner for generation g with parameters p (copied). Returns 0,
 * or -1 with diags when a model rejects the parameters.
 */
int planner_init(struct planner *pl, const struct generation *g,
                 const struct param_set *p, struct diag *dg);

/* Frees the lists. */
void planner_release(struct planner *pl);

/* Appends the demands of op to out, interrupts expanded. */
void planner_plan(struct planner *pl, const struct op *op,
                  struct demand_list *out);

/*
 * Plans op under an explicit model for its path and `irq` for interrupts,
 * appending to out; `scratch` is working storage. For `virtsim explain`,
 * which shows one op under every model.
 */
void plan_with(const struct cost_model_ops *m, const struct cost_model_ops *irq,
               const struct param_set *p, const struct op *op,
               struct demand_list *scratch, struct demand_list *out);

#endif
