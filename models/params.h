/*
 * params.h - model parameters: the table in params.def (name, default,
 * unit, range, status, source) and a parameter set, the values one run
 * uses (defaults, then scenario overrides).
 *
 * A param_set is a plain value; copy it freely. Cost models read it by id:
 * param(p, P_HVM_VMEXIT_CYCLES).
 */
#ifndef VIRTSIM_PARAMS_H
#define VIRTSIM_PARAMS_H

#include <stddef.h>

#include "base/diag.h"

enum param_id {
#define PARAM(id, name, def, unit, lo, hi, st, src) P_##id,
#include "models/params.def"
#undef PARAM
    PARAM_COUNT
};

struct param_info {
    const char *name;           /* dotted, as scenarios spell it */
    double def;
    const char *unit;
    double min, max;            /* inclusive valid range */
    const char *status;         /* V, S, R, D or C: see params.def */
    const char *source;
};

struct param_set {
    double v[PARAM_COUNT];
    unsigned char overridden[PARAM_COUNT];
};

/* The table entry of a parameter. */
const struct param_info *param_info(enum param_id id);

/* Fills p with every default. */
void param_set_defaults(struct param_set *p);

/*
 * The id of the parameter called `name`, or -1. On a miss, when dg is not
 * NULL, records "unknown parameter 'x' (did you mean 'y'?)".
 */
int param_find(const char *name, struct diag *dg);

/*
 * Overrides one parameter by name. Returns 0, or -1 with a diag when the
 * name is unknown or the value is not finite or out of range.
 */
int param_set_value(struct param_set *p, const char *name, double v,
                    struct diag *dg);

/*
 * Checks every value of p against its range (a set built by hand may hold
 * anything). Returns 0, or -1 with one diag per bad value.
 */
int param_set_check(const struct param_set *p, struct diag *dg);

/* The value of a parameter. */
static inline double param(const struct param_set *p, enum param_id id)
{
    return p->v[id];
}

#endif
