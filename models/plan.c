/*
 * plan.c - composing path models: plan an op under its path's model, then
 * replace each RES_IRQ demand by the irq path's plan of that many
 * interrupts, in place, keeping the order of the demands.
 */
#include "models/plan.h"

#include <assert.h>
#include <math.h>
#include <string.h>

/*
 * Plans op into out, then replaces each RES_IRQ demand by irq's plan of
 * that many interrupts. scratch holds the last interrupt plan; when
 * *scratch_count (if given) says it was for the same count, it is reused.
 */
static void plan_expanded(const struct cost_model_ops *m,
                          const struct cost_model_ops *irq,
                          const struct param_set *p, const struct op *op,
                          struct demand_list *scratch, double *scratch_count,
                          struct demand_list *out)
{
    struct op irq_op = {.kind = OP_IRQ};
    bool net = op->kind == OP_NET_RX || op->kind == OP_NET_TX;
    size_t i, k;

    i = out->len;
    cost_model_plan(m, p, op, out);
    while (i < out->len) {
        if (out->d[i].res != RES_IRQ) {
            i++;
            continue;
        }
        if (!scratch_count || *scratch_count != out->d[i].amount) {
            irq_op.count = out->d[i].amount;
            demand_list_clear(scratch);
            cost_model_plan(irq, p, &irq_op, scratch);
            /* An interrupt's plan must not raise interrupts of its own. */
            for (k = 0; k < scratch->len; k++)
                assert(scratch->d[k].res != RES_IRQ);
            if (scratch_count)
                *scratch_count = irq_op.count;
        }
        demand_list_replace(out, i, scratch);
        for (k = 0; k < scratch->len; k++)
            out->d[i + k].net_irq = net;
        i += scratch->len;
    }
}

void plan_with(const struct cost_model_ops *m, const struct cost_model_ops *irq,
               const struct param_set *p, const struct op *op,
               struct demand_list *scratch, struct demand_list *out)
{
    plan_expanded(m, irq, p, op, scratch, NULL, out);
}

int planner_init(struct planner *pl, const struct generation *g,
                 const struct param_set *p, struct diag *dg)
{
    int rc = 0;
    int i;

    demand_list_init(&pl->scratch);
    pl->scratch_count = NAN;
    for (i = 0; i < OP_KIND_COUNT; i++) {
        memset(&pl->memo[i], 0, sizeof(pl->memo[i]));
        demand_list_init(&pl->memo[i].plan);
    }
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
    int i;

    demand_list_release(&pl->scratch);
    for (i = 0; i < OP_KIND_COUNT; i++)
        demand_list_release(&pl->memo[i].plan);
}

static bool op_same(const struct op *a, const struct op *b)
{
    return a->kind == b->kind && a->cycles == b->cycles &&
           a->syscalls == b->syscalls && a->page_faults == b->page_faults &&
           a->pt_updates == b->pt_updates && a->privileged == b->privileged &&
           a->ctx_switches == b->ctx_switches &&
           a->bytes == b->bytes && a->count == b->count &&
           a->sleep_ps == b->sleep_ps;
}

/*
 * Whether to keep each plan of this kind for the next op: while equal ops
 * are frequent enough (or have not been counted long) for the copy into
 * the memo to pay. The counts halve now and then, so a change of pattern
 * is seen; they decide only where plans are written, never what.
 */
static bool memo_pays(struct plan_memo *memo)
{
    if (memo->tries >= 1024) {
        memo->tries /= 2;
        memo->repeats /= 2;
    }
    return memo->tries < 64 || 8 * memo->repeats >= memo->tries;
}

void planner_plan(struct planner *pl, const struct op *op,
                  struct demand_list *out)
{
    struct plan_memo *memo = &pl->memo[op->kind];
    const struct cost_model_ops *m;
    bool repeat = memo->seen && op_same(&memo->op, op);

    memo->tries++;
    memo->repeats += repeat;
    if (repeat && memo->valid) {
        demand_list_append(out, &memo->plan);
        return;
    }
    m = pl->model[path_of_op(op->kind)];
    memo->op = *op;
    memo->seen = true;
    memo->valid = memo_pays(memo);
    if (!memo->valid) {
        plan_expanded(m, pl->model[PATH_IRQ], &pl->params, op, &pl->scratch,
                      &pl->scratch_count, out);
        return;
    }
    demand_list_clear(&memo->plan);
    plan_expanded(m, pl->model[PATH_IRQ], &pl->params, op, &pl->scratch,
                  &pl->scratch_count, &memo->plan);
    demand_list_append(out, &memo->plan);
}
