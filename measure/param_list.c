/*
 * param_list.c - parsing a command line's list of model parameters with
 * optional ranges ("NAME,NAME=LO:HI"), checked against models/params.def.
 */
#include "measure/param_list.h"

#include <errno.h>
#include <stdbool.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "models/params.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

/* Parses "LO:HI" into lo and hi. Returns 0 or -1. */
static int parse_range(const char *text, double *lo, double *hi)
{
    char *end;

    errno = 0;
    *lo = strtod(text, &end);
    if (end == text || *end != ':' || errno)
        return -1;
    text = end + 1;
    *hi = strtod(text, &end);
    if (end == text || *end != '\0' || errno)
        return -1;
    return isfinite(*lo) && isfinite(*hi) ? 0 : -1;
}

static bool swept(const struct scenario *sc, const char *name)
{
    size_t d;

    for (d = 0; sc && d < sc->nsweep; d++)
        if (!strncmp(sc->sweep[d].path, "params.", 7) &&
            !strcmp(sc->sweep[d].path + 7, name))
            return true;
    return false;
}

/* One "NAME" or "NAME=LO:HI" entry. Returns 0 or -1 with a diag. */
static int parse_one(struct sens_param *out, size_t max, size_t *n,
                     char *item, const struct scenario *sc, struct diag *dg)
{
    char *eq = strchr(item, '=');
    const struct param_info *pi;
    struct sens_param sp;
    size_t i;
    int id;

    if (eq)
        *eq = '\0';
    id = param_find(item, dg);
    if (id < 0)
        return -1;
    pi = param_info((enum param_id)id);
    sp.id = id;
    sp.lo = pi->min;
    sp.hi = pi->max;
    if (eq && parse_range(eq + 1, &sp.lo, &sp.hi) < 0)
        return diag_set(dg, 0, 0, "parameter '%s': expected a range LO:HI "
                        "after '=', got '%s'", item, eq + 1);
    if (!(sp.lo < sp.hi) || sp.lo < pi->min || sp.hi > pi->max)
        return diag_set(dg, 0, 0, "parameter '%s': the range %g:%g must "
                        "have LO < HI inside its documented range %g:%g %s",
                        item, sp.lo, sp.hi, pi->min, pi->max, pi->unit);
    for (i = 0; i < *n; i++)
        if (out[i].id == id)
            return diag_set(dg, 0, 0, "parameter '%s' is named twice", item);
    if (swept(sc, item))
        return diag_set(dg, 0, 0, "parameter '%s' is swept by the scenario; "
                        "a sweep already shows its effect", item);
    if (*n == max)
        return diag_set(dg, 0, 0, "at most %zu parameters at a time", max);
    out[(*n)++] = sp;
    return 0;
}

int param_list_parse(const char *list, const struct scenario *sc,
                     struct sens_param *out, size_t max, size_t *n,
                     struct diag *dg)
{
    char *copy = xstrdup(list), *item, *save = NULL;
    int rc = 0;

    *n = 0;
    for (item = strtok_r(copy, ",", &save); item;
         item = strtok_r(NULL, ",", &save))
        if (parse_one(out, max, n, item, sc, dg) < 0)
            rc = -1;
    if (rc == 0 && *n == 0)
        rc = diag_set(dg, 0, 0, "no parameter named in '%s'", list);
    free(copy);
    return rc;
}
