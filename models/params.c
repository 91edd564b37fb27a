/*
 * params.c - the parameter table built from params.def, lookups by name
 * with near-miss suggestions, and range-checked overrides.
 */
#include "models/params.h"

#include <math.h>
#include <string.h>

static const struct param_info table[PARAM_COUNT] = {
#define PARAM(id, name, def, unit, lo, hi, st, src) \
    [P_##id] = {name, def, unit, lo, hi, st, src},
#include "models/params.def"
#undef PARAM
};

const struct param_info *param_info(enum param_id id)
{
    return &table[id];
}

void param_set_defaults(struct param_set *p)
{
    size_t i;

    for (i = 0; i < PARAM_COUNT; i++) {
        p->v[i] = table[i].def;
        p->overridden[i] = 0;
    }
}

/* Parameters that existed once, and what took their place. */
static const struct {
    const char *name, *why;
} retired[] = {
    {"net.packets_per_irq",
     "interrupts are coalesced at run time now (NAPI polls, moderation "
     "timers): see net.queues, net.rx_irq_interval_us and "
     "net.tx_irq_interval_us"},
};

int param_find(const char *name, struct diag *dg)
{
    const char *names[PARAM_COUNT];
    size_t i;

    for (i = 0; i < sizeof(retired) / sizeof(retired[0]); i++)
        if (!strcmp(retired[i].name, name)) {
            diag_set(dg, 0, 0, "parameter '%s' was retired: %s", name,
                     retired[i].why);
            return -1;
        }

    for (i = 0; i < PARAM_COUNT; i++) {
        if (!strcmp(table[i].name, name))
            return (int)i;
        names[i] = table[i].name;
    }
    diag_unknown(dg, "parameter", name, names, PARAM_COUNT,
                 "see `virtsim modes --params`");
    return -1;
}

static int check_value(const struct param_info *pi, double v, struct diag *dg)
{
    if (!isfinite(v))
        return diag_set(dg, 0, 0, "parameter '%s' must be a finite number",
                        pi->name);
    if (v < pi->min || v > pi->max)
        return diag_set(dg, 0, 0,
                        "parameter '%s' must be in [%g, %g] %s, got %g",
                        pi->name, pi->min, pi->max, pi->unit, v);
    return 0;
}

int param_set_value(struct param_set *p, const char *name, double v,
                    struct diag *dg)
{
    int id = param_find(name, dg);

    if (id < 0)
        return -1;
    if (check_value(&table[id], v, dg) < 0)
        return -1;
    p->v[id] = v;
    p->overridden[id] = 1;
    return 0;
}

int param_set_check(const struct param_set *p, struct diag *dg)
{
    int rc = 0;
    size_t i;

    for (i = 0; i < PARAM_COUNT; i++)
        if (check_value(&table[i], p->v[i], dg) < 0)
            rc = -1;
    return rc;
}
