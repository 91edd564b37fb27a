/*
 * param_list.h - a list of model parameters named on the command line
 * (`sensitivity --params`, `calibrate --fit`), each with the range to
 * explore: "NAME" for its documented range (models/params.def), or
 * "NAME=LO:HI" inside it.
 */
#ifndef VIRTSIM_PARAM_LIST_H
#define VIRTSIM_PARAM_LIST_H

#include <stddef.h>

#include "run/scenario.h"
#include "base/diag.h"

struct sens_param {
    int id;                     /* enum param_id */
    double lo, hi;              /* the range: LO < HI, inside the table's */
};

/*
 * Parses list into out[0..*n) (at most max): each a known parameter (with
 * a did-you-mean), at most once, not swept by sc (NULL: no scenario).
 * Returns 0, or -1 with every problem in dg.
 */
int param_list_parse(const char *list, const struct scenario *sc,
                     struct sens_param *out, size_t max, size_t *n,
                     struct diag *dg);

#endif
