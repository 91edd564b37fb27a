/*
 * generator.c - the registry of workload generators, lookups over it,
 * and the small helpers the gen_*.c files build requests with.
 * Adding a generator: one file, one line in the table below.
 */
#include "workloads/generator.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

static const struct generator_ops *const generators[] = {
    &hft_generator, &kv_generator, &microservices_generator, &web_generator,
    &bigdata_generator, &oltp_generator, &batch_generator,
    &storage_generator, &build_generator, &syscalls_generator,
};

#define N_GENERATORS (sizeof(generators) / sizeof(generators[0]))

size_t generator_count(void)
{
    return N_GENERATORS;
}

const struct generator_ops *generator_at(size_t i)
{
    return i < N_GENERATORS ? generators[i] : NULL;
}

const struct generator_ops *generator_find(const char *name)
{
    size_t i;

    for (i = 0; i < N_GENERATORS; i++)
        if (!strcmp(generators[i]->name, name))
            return generators[i];
    return NULL;
}

size_t generator_name_list(const char **names, size_t max)
{
    size_t i;

    for (i = 0; i < N_GENERATORS && i < max; i++)
        names[i] = generators[i]->name;
    return i;
}

const char *generator_near_miss(const char *name)
{
    const char *names[N_GENERATORS];

    return diag_near_miss(name, names,
                          generator_name_list(names, N_GENERATORS));
}

void generator_names(char *buf, size_t size)
{
    size_t i, len = 0;

    buf[0] = '\0';
    for (i = 0; i < N_GENERATORS && len < size; i++) {
        snprintf(buf + len, size - len, "%s%s", i ? ", " : "",
                 generators[i]->name);
        len += strlen(buf + len);
    }
}

int generator_param_index(const struct generator_ops *g, const char *name)
{
    size_t i;

    for (i = 0; i < g->nparams; i++)
        if (!strcmp(g->params[i].name, name))
            return (int)i;
    return -1;
}

void generator_defaults(const struct generator_ops *g, double *v)
{
    size_t i;

    assert(g->nparams <= GENERATOR_MAX_PARAMS);
    for (i = 0; i < g->nparams; i++)
        v[i] = g->params[i].def;
}

void generator_build(const struct generator_ops *g, const double *v,
                     struct workload *w)
{
    memset(w, 0, sizeof(*w));
    snprintf(w->name, sizeof(w->name), "%s", g->name);
    request_template_init(&w->request);
    g->build(v, w);
    assert(w->request.nvariants > 0);
    assert(request_template_max_ops(&w->request) <= WORKLOAD_MAX_OPS);
}

struct op_template *gen_compute(struct request_variant *rv, struct dist cycles,
                                double syscalls, double page_faults)
{
    struct op_template *ot = request_variant_add_op(rv, OP_COMPUTE);

    ot->amount[OP_FIELD_CYCLES] = cycles;
    ot->amount[OP_FIELD_SYSCALLS] = dist_const(syscalls);
    ot->amount[OP_FIELD_PAGE_FAULTS] = dist_const(page_faults);
    return ot;
}

struct op_template *gen_io(struct request_variant *rv, enum op_kind kind,
                           struct dist bytes)
{
    struct op_template *ot = request_variant_add_op(rv, kind);

    ot->amount[OP_FIELD_BYTES] = bytes;
    return ot;
}

struct dist gen_lognormal(double mean, double cv)
{
    return mean > 0 ? dist_lognormal(mean, cv) : dist_const(0);
}
