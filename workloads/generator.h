/*
 * generator.h - workload generators for the use cases people ask about
 * (hft, kv, microservices, web, bigdata, oltp, batch, storage): each a
 * plug-in with named numeric parameters, their defaults and the public
 * characterization each default comes from (or "chosen" and why, where
 * no published figure was at hand). One file gen_NAME.c each, one line in
 * the registry in generator.c.
 *
 * A generator fills a whole struct workload (arrival and request
 * template) from parameter values; the caller owns the result and frees
 * it with workload_release.
 */
#ifndef VIRTSIM_GENERATOR_H
#define VIRTSIM_GENERATOR_H

#include <stdbool.h>
#include <stddef.h>

#include "workloads/workload.h"

#define GENERATOR_MAX_PARAMS 16

struct gen_param {
    const char *name;           /* key in the workload object: "rate_rps" */
    double def;                 /* default */
    double min, max;            /* valid range, inclusive */
    bool integer;               /* must be a whole number */
    const char *doc;            /* what it is; where the default comes from */
};

struct generator_ops {
    const char *name;           /* "generator" value in scenarios */
    const char *summary;        /* one line for `virtsim workloads` */
    const char *source;         /* the characterization it follows */
    const struct gen_param *params;
    size_t nparams;             /* <= GENERATOR_MAX_PARAMS */
    /*
     * Fills w (zeroed by the caller) from v[0..nparams), given in the
     * order of params and already checked against each one's range.
     */
    void (*build)(const double *v, struct workload *w);
};

/* Number of registered generators, and the i-th, in registry order. */
size_t generator_count(void);
const struct generator_ops *generator_at(size_t i);

/* The generator called `name`, or NULL. */
const struct generator_ops *generator_find(const char *name);

/* The generator name closest to `name` when it is a likely typo, or NULL. */
const char *generator_near_miss(const char *name);

/*
 * Fills names[0..max) with the generators' names (borrowed), in registry
 * order, for did-you-mean lookups. Returns how many it wrote.
 */
size_t generator_name_list(const char **names, size_t max);

/* Writes the generators' names, comma-separated, into buf (cut to size). */
void generator_names(char *buf, size_t size);

/* Index of the parameter called `name` in g->params, or -1. */
int generator_param_index(const struct generator_ops *g, const char *name);

/* Fills v[0..g->nparams) with the defaults. */
void generator_defaults(const struct generator_ops *g, double *v);

/*
 * Builds w from g with parameter values v (see build). w is overwritten;
 * release it with workload_release.
 */
void generator_build(const struct generator_ops *g, const double *v,
                     struct workload *w);

/*
 * Helpers for the gen_*.c files: append an op to variant rv, with its
 * main amount (cycles, bytes, seconds) given as a distribution.
 * gen_compute also sets constant counts of syscalls and page faults.
 */
struct op_template *gen_compute(struct request_variant *rv, struct dist cycles,
                                double syscalls, double page_faults);
struct op_template *gen_io(struct request_variant *rv, enum op_kind kind,
                           struct dist bytes);

/*
 * A lognormal of the given mean and cv, or const 0 when the mean is 0
 * (generator parameters may turn an amount off).
 */
struct dist gen_lognormal(double mean, double cv);

/* The generators, for the registry. */
extern const struct generator_ops hft_generator;
extern const struct generator_ops kv_generator;
extern const struct generator_ops microservices_generator;
extern const struct generator_ops web_generator;
extern const struct generator_ops bigdata_generator;
extern const struct generator_ops oltp_generator;
extern const struct generator_ops batch_generator;
extern const struct generator_ops build_generator;
extern const struct generator_ops syscalls_generator;
extern const struct generator_ops storage_generator;

#endif
