/*
 * plan.c - composing path models: plan an op under its path's model, then
 * replace each RES_IRQ demand by the irq path's plan of that many
 * interrupts, keeping the order of the demands.
 */
#include "models/plan.h"

#include <assert.h>

void plan_with(const struct cost_model_ops *m, const struct cost_model_ops *irq,
               const struct param_set *p, const struct op *op,
               struct demand_list *scratch, struct demand_list *out)
{
    size_t i;

    demand_list_clear(scratch);
    cost_model_plan(m, p, op, scratch);
    for (i = 0; i < scratch->len; i++) {
        const struct demand *d = &scratch->d[i];
        struct op irq_op = {.kind = OP_IRQ};
        size_t before;

        if (d->res != RES_IRQ) {
            demand_add(out, d->res, d->cat, d->count, d->unit, d->why);
            continue;
        }
        irq_op.count = d->amount;
        before = out->len;
        cost_model_plan(irq, p, &irq_op, out);
        /* An interrupt's plan must not raise interrupts of its own. */
        for (; before < out->len; before++)
            assert(out->d[before].res != RES_IRQ);
    }
}

int planner_init(struct planner *pl, const struct generation *g,
                 const struct param_set *p, struct diag *dg)
{
    int rc = 0;
    int i;

    demand_list_init(&pl->scratch);
    pl->params = *p;
    /* Ranges first, once, so a bad value is reported once, not per path. */
    if (param_set_check(p, dg) < 0)
        rc = -1;
    for (i = 0; i < PATH_COUNT; i++) {
        pl->model[i] = cost_model_find(g->model[i], dg);
        /* Generations name registered models; a miss is a programmer error. */
        assert(pl->model[i] != NULL);
        if (rc == 0 && cost_model_check(pl->model[i], p, dg) < 0)
            rc = -1;
    }
    return rc;
}

void planner_release(struct planner *pl)
{
    demand_list_release(&pl->scratch);
}

void planner_plan(struct planner *pl, const struct op *op,
                  struct demand_list *out)
{
    plan_with(pl->model[path_of_op(op->kind)], pl->model[PATH_IRQ],
              &pl->params, op, &pl->scratch, out);
}
