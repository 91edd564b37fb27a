/*
 * select_scale.c - scaling a JSON workload's arrival rate: an open
 * process's rate (and a bursty one's off rate), a trace's speed-up or a
 * generator's rate_rps; a closed loop has none.
 */
#include "select/select_scale.h"

#include <string.h>

#include "workloads/generator.h"

static void scale_key(json_t *obj, const char *key, double def, double f)
{
    json_t *v = json_object_get(obj, key);
    double x = json_is_number(v) ? json_number_value(v) : def;

    json_object_set_new(obj, key, json_real(x * f));
}

static int closed_error(struct diag *dg)
{
    return diag_set(dg, 0, 0, "--load-factor: the workload is a closed loop "
                    "of clients, whose rate follows response times; there is "
                    "no rate to scale (change its number of clients instead)");
}

int select_scale_workload(const json_t *workload, double factor,
                          json_t **out, struct diag *dg)
{
    json_t *w = json_deep_copy(workload), *arr;
    const char *name;

    *out = NULL;
    if (!w)
        return diag_set(dg, 0, 0, "cannot copy the workload");
    if (factor == 1) {
        *out = w;
        return 0;
    }
    arr = json_object_get(w, "arrival");
    if (json_is_object(arr)) {
        const char *process = json_string_value(json_object_get(arr,
                                                                "process"));

        if (process && !strcmp(process, "trace")) {
            scale_key(arr, "speedup", 1, factor);
        } else if (process && !strcmp(process, "closed")) {
            json_decref(w);
            return closed_error(dg);
        } else {
            scale_key(arr, "rate_rps", 0, factor);
            if (json_object_get(arr, "off_rate_rps"))
                scale_key(arr, "off_rate_rps", 0, factor);
        }
        *out = w;
        return 0;
    }
    name = json_string_value(json_object_get(w, "generator"));
    if (name) {
        const struct generator_ops *g = generator_find(name);
        int i = g ? generator_param_index(g, "rate_rps") : -1;

        if (i >= 0) {
            scale_key(w, "rate_rps", g->params[i].def, factor);
            *out = w;
            return 0;
        }
    }
    json_decref(w);
    return closed_error(dg);
}
