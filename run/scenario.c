/*
 * scenario.c - loading a scenario file (or text): parse with jansson
 * (duplicate keys rejected), check every key and value, resolve instances,
 * generations, parameters and sweep paths, build each point's workloads
 * (kept as the templates the runs copy), and map every problem's JSON path
 * to a line:col of the file.
 */
#include "run/scenario.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/infile.h"
#include "base/jcheck.h"
#include "base/jsonpos.h"
#include "base/strbuf.h"
#include "models/catalog.h"
#include "models/cost_model.h"
#include "base/xalloc.h"
#include "workloads/generator.h"
#include "workloads/trace.h"
#include "workloads/workload.h"
#include "workloads/workload_json.h"

#define MAX_INSTANCES 256
#define MAX_POINTS    100000

/*
 * A run holds every cell's results in memory and writes them all: about
 * 28 KiB of memory and 4 KiB of results.json per cell (measured on a
 * 2,000-point sweep: 66 MB peak, 7.6 MB results.json). 20,000 cells, about
 * 550 MiB and 75 MiB, is the documented limit.
 */
#define MAX_CELLS            20000
#define CELL_MEMORY_BYTES    (28 << 10)
#define CELL_RESULTS_BYTES   (4 << 10)

static const char *const top_keys[] = {
    "name", "description", "seed", "duration_s", "warmup_s", "replications",
    "instances", "generations", "workload", "neighbors", "params", "sweep",
    "slo", "host",
};

static const char *const instance_keys[] = {
    "name", "base", "vcpus", "cpu_ghz", "memory_gib", "net_baseline_gbps",
    "net_burst_gbps", "ebs_baseline_mbps", "ebs_max_mbps",
    "ebs_baseline_iops", "ebs_max_iops", "local_read_iops",
    "local_write_iops", "usd_per_hour", "generation",
};

static const char *const slo_keys[] = {
    "p50_us", "p90_us", "p99_us", "p999_us", "min_rps", "max_vcpu_util",
    "max_drop_rate",
};

#define NKEYS(a) (sizeof(a) / sizeof((a)[0]))

/* ---- instances ---- */

struct override {
    const char *key;
    size_t offset;
    double min, max;
};

#define OV(key, field, lo, hi) {key, offsetof(struct instance_profile, field), lo, hi}

static const struct override overrides[] = {
    OV("cpu_ghz", cpu_ghz, 0.1, 10),
    OV("memory_gib", memory_gib, 0, 1e6),
    OV("net_baseline_gbps", net_baseline_gbps, 1e-6, 1e4),
    OV("net_burst_gbps", net_burst_gbps, 0, 1e4),
    OV("ebs_baseline_mbps", ebs_baseline_mbps, 0, 1e7),
    OV("ebs_max_mbps", ebs_max_mbps, 0, 1e7),
    OV("ebs_baseline_iops", ebs_baseline_iops, 0, 1e9),
    OV("ebs_max_iops", ebs_max_iops, 0, 1e9),
    OV("local_read_iops", local_read_iops, 0, 1e9),
    OV("local_write_iops", local_write_iops, 0, 1e9),
    OV("usd_per_hour", usd_per_hour, 0, 1e6),
};

static int load_inline(json_t *obj, const char *path,
                       struct instance_profile *ip, struct diag *dg)
{
    const char *name, *base, *gen;
    uint64_t vcpus;
    int rc = 0;
    size_t i;
    char p[256];

    rc |= jcheck_keys(obj, path, "instances", instance_keys,
                      NKEYS(instance_keys), dg);
    rc |= jcheck_string(obj, "name", path, 1, &name, dg);
    rc |= jcheck_string(obj, "base", path, 0, &base, dg);
    memset(ip, 0, sizeof(*ip));
    if (base) {
        const struct instance_profile *b = catalog_find(base, dg);

        if (!b) {
            diag_locate_last(dg, jcheck_path(p, sizeof(p), path, "base"));
            return -1;
        }
        *ip = *b;
    } else {
        /* A complete profile: what a model cannot do without. */
        static const char *const need[] = {
            "vcpus", "cpu_ghz", "net_baseline_gbps", "usd_per_hour",
            "generation",
        };

        for (i = 0; i < NKEYS(need); i++)
            if (!json_object_get(obj, need[i]))
                rc = diag_set_path(dg, path, "inline instance without 'base' "
                                   "needs '%s'", need[i]);
        ip->clock_source = "given in the scenario";
        ip->hypervisor = "as given";
        ip->enhanced_networking = "as given";
        ip->processor = "as given";
    }
    if (name && strlen(name) >= sizeof(ip->name))
        rc = diag_set_path(dg, jcheck_path(p, sizeof(p), path, "name"),
                           "an instance name is at most %zu characters, got "
                           "'%s' (%zu)", sizeof(ip->name) - 1, name,
                           strlen(name));
    else if (name && !base && catalog_find(name, NULL))
        rc = diag_set_path(dg, jcheck_path(p, sizeof(p), path, "name"),
                           "'%s' is a catalog instance: an inline profile "
                           "of that name needs \"base\": \"%s\" (or "
                           "another name)", name, name);
    else if (name)
        snprintf(ip->name, sizeof(ip->name), "%s", name);
    rc |= jcheck_uint(obj, "vcpus", path, 1, 4096, 0, ip->vcpus, &vcpus, dg);
    ip->vcpus = (unsigned)vcpus;
    for (i = 0; i < NKEYS(overrides); i++) {
        double *field = (double *)((char *)ip + overrides[i].offset);

        rc |= jcheck_number(obj, overrides[i].key, path, overrides[i].min,
                            overrides[i].max, 0, *field, field, dg);
    }
    if (base && json_object_get(obj, "cpu_ghz"))
        ip->clock_source = "given in the scenario";
    rc |= jcheck_string(obj, "generation", path, 0, &gen, dg);
    if (gen) {
        if (!generation_find(gen, dg)) {
            diag_locate_last(dg, jcheck_path(p, sizeof(p), path, "generation"));
            rc = -1;
        } else {
            snprintf(ip->generation, sizeof(ip->generation), "%s", gen);
        }
    }
    return rc ? -1 : 0;
}

/* Two instances of one name would give two cells of one name. */
static int check_unique_instance(const struct scenario *sc, size_t i,
                                 const char *p, struct diag *dg)
{
    size_t j;

    for (j = 0; j < i && sc->instances[i].name[0]; j++)
        if (strcmp(sc->instances[j].name, sc->instances[i].name) == 0)
            return diag_set_path(dg, p, "instance '%s' is listed twice "
                                 "(also instances[%zu]): its cells would "
                                 "be duplicates", sc->instances[i].name, j);
    return 0;
}

static int load_instances(struct scenario *sc, struct diag *dg)
{
    json_t *arr = json_object_get(sc->root, "instances");
    size_t i;
    int rc = 0;
    char p[64];

    if (!arr)
        return diag_set_path(dg, "", "missing key 'instances'");
    if (!json_is_array(arr) || json_array_size(arr) == 0)
        return diag_set_path(dg, "/instances", "'instances' must be a "
                             "non-empty array of names or profiles");
    if (json_array_size(arr) > MAX_INSTANCES)
        return diag_set_path(dg, "/instances", "at most %d instances",
                             MAX_INSTANCES);
    sc->ninstances = json_array_size(arr);
    sc->instances = xcalloc(sc->ninstances, sizeof(*sc->instances));
    for (i = 0; i < sc->ninstances; i++) {
        json_t *v = json_array_get(arr, i);

        jcheck_index(p, sizeof(p), "/instances", i);
        if (json_is_string(v)) {
            const struct instance_profile *ip =
                catalog_find(json_string_value(v), dg);

            if (ip) {
                sc->instances[i] = *ip;
            } else {
                diag_locate_last(dg, p);
                rc = -1;
            }
        } else if (json_is_object(v)) {
            rc |= load_inline(v, p, &sc->instances[i], dg);
        } else {
            rc = diag_set_path(dg, p, "an instance must be a catalog name or "
                               "an object, got %s", json_type_name(v));
        }
        rc |= check_unique_instance(sc, i, p, dg);
    }
    return rc ? -1 : 0;
}

/* Parameter overrides from the object at path into set (defaults first). */
static int load_param_object(json_t *obj, const char *path,
                             struct param_set *set, struct diag *dg)
{
    const char *key;
    json_t *v;
    int rc = 0;
    char p[256];

    param_set_defaults(set);
    if (!obj)
        return 0;
    if (!json_is_object(obj))
        return diag_set_path(dg, path, "'params' must be an object of "
                             "parameter names and numbers");
    json_object_foreach(obj, key, v) {
        jcheck_path(p, sizeof(p), path, key);
        if (!json_is_number(v)) {
            rc = diag_set_path(dg, p, "parameter '%s' must be a number, got %s",
                               key, json_type_name(v));
            continue;
        }
        if (param_set_value(set, key, json_number_value(v), dg) < 0) {
            diag_locate_last(dg, p);
            rc = -1;
        }
    }
    return rc;
}

static const char *const gen_keys[] = {
    "name", "title", "base", "cpu", "net", "storage", "irq", "params",
};
static const char *const path_keys[PATH_COUNT] = {"cpu", "net", "storage",
                                                  "irq"};

/*
 * A generation the scenario defines: {"name": "my-kvm", "base": "kvm",
 * "net": "fc-virtio", "params": {...}}; without base, all four paths.
 */
static int load_custom_generation(json_t *obj, const char *path,
                                  struct scenario_generation *out,
                                  struct diag *dg)
{
    const struct generation *base = NULL;
    const char *name = NULL, *title = NULL, *bname = NULL;
    int rc = 0, k;
    char p[96];

    memset(out, 0, sizeof(*out));
    rc |= jcheck_keys(obj, path, "generation", gen_keys, NKEYS(gen_keys),
                      dg);
    rc |= jcheck_string(obj, "name", path, 1, &name, dg);
    rc |= jcheck_string(obj, "title", path, 0, &title, dg);
    rc |= jcheck_string(obj, "base", path, 0, &bname, dg);
    if (bname && !(base = generation_find(bname, dg))) {
        diag_locate_last(dg, jcheck_path(p, sizeof(p), path, "base"));
        rc = -1;
    }
    if (name && strlen(name) >= sizeof(out->name))
        rc = diag_set_path(dg, jcheck_path(p, sizeof(p), path, "name"),
                           "a generation name is at most %zu characters, "
                           "got '%s'", sizeof(out->name) - 1, name);
    else if (name && generation_find(name, NULL))
        rc = diag_set_path(dg, jcheck_path(p, sizeof(p), path, "name"),
                           "'%s' is a built-in generation: name yours "
                           "otherwise (\"base\": \"%s\" starts from it)",
                           name, name);
    else if (name)
        snprintf(out->name, sizeof(out->name), "%s", name);
    for (k = 0; k < PATH_COUNT; k++) {
        const char *m = NULL;

        rc |= jcheck_string(obj, path_keys[k], path, 0, &m, dg);
        if (!m && base)
            m = base->model[k];
        if (!m && !bname)
            rc = diag_set_path(dg, path, "missing key '%s': a generation "
                               "without 'base' names the cost model of "
                               "every path (cpu, net, storage, irq; "
                               "`virtsim modes`)", path_keys[k]);
        if (!m)
            continue;
        if (!cost_model_find(m, dg)) {
            diag_locate_last(dg, jcheck_path(p, sizeof(p), path,
                                             path_keys[k]));
            rc = -1;
            continue;
        }
        snprintf(out->model[k], sizeof(out->model[k]), "%s", m);
        out->g.model[k] = out->model[k];
    }
    rc |= load_param_object(json_object_get(obj, "params"),
                            jcheck_path(p, sizeof(p), path, "params"),
                            &out->params, dg);
    snprintf(out->title, sizeof(out->title), "%s",
             title ? title : base ? base->title : "defined in the scenario");
    out->g.name = out->name;
    out->g.title = out->title;
    out->g.example = "defined in the scenario";
    out->g.params = &out->params;
    return rc ? -1 : 0;
}

static int load_generations(struct scenario *sc, struct diag *dg)
{
    json_t *arr = json_object_get(sc->root, "generations");
    size_t i, j;
    int rc = 0;
    char p[64];

    if (!arr)
        return 0;
    if (!json_is_array(arr) || json_array_size(arr) == 0 ||
        json_array_size(arr) > NKEYS(sc->generations))
        return diag_set_path(dg, "/generations", "'generations' must be an "
                             "array of 1 to %zu generations (names or "
                             "objects)", NKEYS(sc->generations));
    sc->custom = xcalloc(NKEYS(sc->generations), sizeof(*sc->custom));
    for (i = 0; i < json_array_size(arr); i++) {
        json_t *v = json_array_get(arr, i);

        jcheck_index(p, sizeof(p), "/generations", i);
        if (json_is_object(v)) {
            struct scenario_generation *cg = &sc->custom[sc->ncustom++];

            if (load_custom_generation(v, p, cg, dg) < 0) {
                rc = -1;
                continue;
            }
            sc->generations[i] = &cg->g;
        } else if (!json_is_string(v)) {
            rc = diag_set_path(dg, p, "a generation must be a name or an "
                               "object, got %s", json_type_name(v));
            continue;
        } else {
            sc->generations[i] = generation_find(json_string_value(v), dg);
            if (!sc->generations[i]) {
                diag_locate_last(dg, p);
                rc = -1;
            }
        }
        for (j = 0; j < i && sc->generations[i]; j++)
            if (sc->generations[j] &&
                !strcmp(sc->generations[j]->name, sc->generations[i]->name))
                rc = diag_set_path(dg, p, "generation '%s' is listed twice "
                                   "(also generations[%zu]): its cells would "
                                   "be duplicates", sc->generations[i]->name,
                                   j);
    }
    sc->ngenerations = rc ? 0 : json_array_size(arr);
    return rc;
}

/* ---- params, sweep, slo ---- */

static int load_params(struct scenario *sc, struct diag *dg)
{
    return load_param_object(json_object_get(sc->root, "params"), "/params",
                             &sc->params, dg);
}

/*
 * Sets a number at a dotted path inside obj, creating objects as needed;
 * buf holds the path and is cut up.
 */
static int set_dotted_in(json_t *obj, char *buf, double value)
{
    char *save = NULL, *part, *next;
    json_t *cur = obj;

    part = strtok_r(buf, ".", &save);
    while (part) {
        next = strtok_r(NULL, ".", &save);
        if (json_is_array(cur)) {
            char *end;
            unsigned long i = strtoul(part, &end, 10);

            if (*end || i >= json_array_size(cur))
                return -1;
            if (!next)
                return json_array_set_new(cur, i, json_real(value));
            cur = json_array_get(cur, i);
        } else if (json_is_object(cur)) {
            json_t *child = json_object_get(cur, part);

            if (!next)
                return json_object_set_new(cur, part, json_real(value));
            if (!child) {
                child = json_object();
                json_object_set_new(cur, part, child);
            }
            cur = child;
        } else {
            return -1;
        }
        part = next;
    }
    return -1;
}

/* Near miss among an object's keys, for messages. */
static const char *near_key(json_t *obj, const char *word)
{
    const char *keys[64], *k;
    json_t *v;
    size_t n = 0;

    json_object_foreach(obj, k, v) {
        if (n < 64)
            keys[n++] = k;
    }
    return diag_near_miss(word, keys, n);
}

static int set_dotted(json_t *obj, const char *dotted, double value)
{
    char *buf = xstrdup(dotted);
    int rc = set_dotted_in(obj, buf, value);

    free(buf);
    return rc;
}

/*
 * A swept workload leaf must exist in the workload, or be a parameter of
 * its generator (which may be left at its default in the file). buf holds
 * the dotted path inside the workload and is cut up.
 */
static int check_leaf_in(json_t *w, char *buf, const char *full,
                         const char *where, struct diag *dg)
{
    char *save = NULL, *part;
    json_t *cur = w;

    for (part = strtok_r(buf, ".", &save); part;
         part = strtok_r(NULL, ".", &save)) {
        json_t *next = NULL;

        if (json_is_array(cur)) {
            char *end;
            unsigned long i = strtoul(part, &end, 10);

            if (*end == '\0' && i < json_array_size(cur))
                next = json_array_get(cur, i);
        } else if (json_is_object(cur)) {
            next = json_object_get(cur, part);
        }
        if (!next && cur == w && json_is_string(json_object_get(w, "generator"))) {
            const struct generator_ops *g =
                generator_find(json_string_value(json_object_get(w, "generator")));

            if (g && generator_param_index(g, part) >= 0 &&
                !strtok_r(NULL, ".", &save))
                return 0;
            if (g) {
                const char *names[GENERATOR_MAX_PARAMS];
                const char *near;
                size_t i;

                for (i = 0; i < g->nparams; i++)
                    names[i] = g->params[i].name;
                near = diag_near_miss(part, names, g->nparams);
                if (near)
                    return diag_set_path(dg, where, "cannot sweep '%s': "
                                         "generator '%s' has no '%s' (did you "
                                         "mean '%s'?)", full, g->name, part,
                                         near);
                return diag_set_path(dg, where, "cannot sweep '%s': generator "
                                     "'%s' has no '%s'; see `virtsim "
                                     "workloads`", full, g->name, part);
            }
        }
        if (!next) {
            const char *near = json_is_object(cur) ? near_key(cur, part) : NULL;

            if (near)
                return diag_set_path(dg, where, "cannot sweep '%s': no '%s' "
                                     "there (did you mean '%s'?)", full, part,
                                     near);
            return diag_set_path(dg, where, "cannot sweep '%s': no '%s' there",
                                 full, part);
        }
        cur = next;
    }
    if (!json_is_number(cur) && !json_is_object(cur))
        return diag_set_path(dg, where, "cannot sweep '%s': it is %s, not a "
                             "number", full, json_type_name(cur));
    return 0;
}

static int check_workload_leaf(json_t *w, const char *dotted,
                               const char *full, const char *where,
                               struct diag *dg)
{
    char *buf = xstrdup(dotted);
    int rc = check_leaf_in(w, buf, full, where, dg);

    free(buf);
    return rc;
}

static int check_sweep_path(const struct scenario *sc, const char *path,
                            const char *where, struct diag *dg)
{
    if (!strncmp(path, "params.", 7)) {
        if (param_find(path + 7, dg) < 0) {
            diag_locate_last(dg, where);
            return -1;
        }
        return 0;
    }
    if (!strncmp(path, "neighbors.", 10) && sc->groups_listed)
        return diag_set_path(dg, where, "cannot sweep '%s': 'neighbors' is a "
                             "list of groups; sweep a scenario per group size "
                             "instead, or use the one-group form {\"count\", "
                             "\"workload\"}", path);
    if (!strcmp(path, "neighbors.count"))
        return 0;
    if (!strncmp(path, "workload.", 9) || !strncmp(path, "neighbors.workload.", 19)) {
        json_t *w = json_object_get(sc->root, path[0] == 'w' ? "workload"
                                                              : "neighbors");
        if (w && path[0] == 'n')
            w = json_object_get(w, "workload");
        if (!json_is_object(w))
            return diag_set_path(dg, where, "cannot sweep '%s': the scenario "
                                 "has no such workload", path);
        return check_workload_leaf(w, strchr(path[0] == 'w' ? path : path + 10,
                                             '.') + 1, path, where, dg);
    }
    return diag_set_path(dg, where, "cannot sweep '%s': sweepable paths are "
                         "workload.*, neighbors.workload.*, neighbors.count "
                         "and params.NAME", path);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

/* A value swept twice would give two cells of one point. */
static int check_sweep_unique(const struct sweep_dim *d, const char *p,
                              struct diag *dg)
{
    double *sorted = xmalloc(d->n * sizeof(*sorted));
    size_t i, first, second;
    char q[300];
    int found = 0;
    double dup = 0;

    memcpy(sorted, d->values, d->n * sizeof(*sorted));
    qsort(sorted, d->n, sizeof(*sorted), cmp_double);
    for (i = 1; i < d->n && !found; i++) {
        found = sorted[i] == sorted[i - 1];
        dup = sorted[i];
    }
    free(sorted);
    if (!found)
        return 0;
    for (first = 0; d->values[first] != dup; first++)
        ;
    for (second = first + 1; d->values[second] != dup; second++)
        ;
    jcheck_index(q, sizeof(q), p, second);
    return diag_set_path(dg, q, "sweep value %g is listed twice (also "
                         "[%zu]): its cells would be duplicates", dup, first);
}

static int load_sweep(struct scenario *sc, struct diag *dg)
{
    json_t *obj = json_object_get(sc->root, "sweep"), *arr;
    const char *key;
    int rc = 0;
    char p[256], q[300];

    sc->npoints = 1;
    if (!obj)
        return 0;
    if (!json_is_object(obj))
        return diag_set_path(dg, "/sweep", "'sweep' must be an object of "
                             "paths and arrays of numbers");
    json_object_foreach(obj, key, arr) {
        struct sweep_dim *d;
        size_t i;

        jcheck_path(p, sizeof(p), "/sweep", key);
        if (sc->nsweep == SCENARIO_MAX_SWEEP) {
            rc = diag_set_path(dg, p, "at most %d swept paths",
                               SCENARIO_MAX_SWEEP);
            break;
        }
        if (!json_is_array(arr) || json_array_size(arr) == 0) {
            rc = diag_set_path(dg, p, "sweep '%s' must be a non-empty array "
                               "of numbers", key);
            continue;
        }
        if (check_sweep_path(sc, key, p, dg) < 0) {
            rc = -1;
            continue;
        }
        d = &sc->sweep[sc->nsweep++];
        d->path = key;
        d->n = json_array_size(arr);
        d->values = xcalloc(d->n, sizeof(*d->values));
        for (i = 0; i < d->n; i++) {
            json_t *v = json_array_get(arr, i);

            jcheck_index(q, sizeof(q), p, i);
            if (!json_is_number(v) || !isfinite(json_number_value(v))) {
                rc = diag_set_path(dg, q, "sweep values must be finite "
                                   "numbers, got %s", json_type_name(v));
                continue;
            }
            d->values[i] = json_number_value(v);
            if (!strncmp(key, "params.", 7)) {
                struct param_set tmp = sc->params;

                if (param_set_value(&tmp, key + 7, d->values[i], dg) < 0) {
                    diag_locate_last(dg, q);
                    rc = -1;
                }
            } else if (!strcmp(key, "neighbors.count") &&
                       (d->values[i] < 0 || d->values[i] > 64 ||
                        d->values[i] != floor(d->values[i]))) {
                rc = diag_set_path(dg, q, "neighbors.count must be an integer "
                                   "in [0, 64], got %g", d->values[i]);
            }
        }
        rc |= check_sweep_unique(d, p, dg);
        if (sc->npoints > MAX_POINTS / d->n) {
            rc = diag_set_path(dg, p, "the sweep has more than %d points",
                               MAX_POINTS);
            continue;
        }
        sc->npoints *= d->n;
    }
    return rc;
}

static int load_slo(struct scenario *sc, struct diag *dg)
{
    json_t *obj = json_object_get(sc->root, "slo");
    struct slo *s = &sc->slo;
    int rc = 0;

    s->max_drop_rate = -1;
    if (!obj)
        return 0;
    if (!json_is_object(obj))
        return diag_set_path(dg, "/slo", "'slo' must be an object");
    rc |= jcheck_keys(obj, "/slo", "slo", slo_keys, NKEYS(slo_keys), dg);
    rc |= jcheck_number(obj, "p50_us", "/slo", 1e-3, 1e12, 0, 0, &s->p50_us, dg);
    rc |= jcheck_number(obj, "p90_us", "/slo", 1e-3, 1e12, 0, 0, &s->p90_us, dg);
    rc |= jcheck_number(obj, "p99_us", "/slo", 1e-3, 1e12, 0, 0, &s->p99_us, dg);
    rc |= jcheck_number(obj, "p999_us", "/slo", 1e-3, 1e12, 0, 0, &s->p999_us, dg);
    rc |= jcheck_number(obj, "min_rps", "/slo", 0, 1e12, 0, 0, &s->min_rps, dg);
    rc |= jcheck_number(obj, "max_vcpu_util", "/slo", 1e-6, 1, 0, 0,
                        &s->max_vcpu_util, dg);
    rc |= jcheck_number(obj, "max_drop_rate", "/slo", 0, 1, 0, -1,
                        &s->max_drop_rate, dg);
    s->set = json_object_size(obj) > 0;
    return rc ? -1 : 0;
}

/* ---- the run settings ---- */

static int load_settings(struct scenario *sc, struct diag *dg)
{
    json_t *w = json_object_get(sc->root, "warmup_s");
    uint64_t reps;
    int rc = 0;

    const char *name, *desc;

    rc |= jcheck_string(sc->root, "name", "", 0, &name, dg);
    if (name && (strlen(name) >= sizeof(sc->name) ||
                 strspn(name, "abcdefghijklmnopqrstuvwxyz"
                        "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") !=
                     strlen(name) || name[0] == '.' || name[0] == '\0'))
        rc = diag_set_path(dg, "/name", "'name' may hold only letters, digits, "
                           "'.', '_' and '-', at most %zu of them, and not "
                           "start with '.' (it names the results directory), "
                           "got '%s'", sizeof(sc->name) - 1,
                           name);
    else if (name)
        snprintf(sc->name, sizeof(sc->name), "%s", name);
    rc |= jcheck_string(sc->root, "description", "", 0, &desc, dg);
    rc |= jcheck_uint(sc->root, "seed", "", 0, UINT64_MAX >> 1, 0, 1,
                      &sc->seed, dg);
    rc |= jcheck_number(sc->root, "duration_s", "", 1e-6, 1e6, 0, 1.0,
                        &sc->duration_s, dg);
    rc |= jcheck_uint(sc->root, "replications", "", 1, 1000, 0, 5, &reps, dg);
    sc->replications = (unsigned)reps;
    if (w && json_is_string(w) && !strcmp(json_string_value(w), "auto")) {
        sc->warmup_auto = true;
        sc->warmup_s = 0;
    } else if (w && !json_is_number(w)) {
        rc = diag_set_path(dg, "/warmup_s", "'warmup_s' must be a number of "
                           "seconds or \"auto\", got %s", json_type_name(w));
    } else {
        rc |= jcheck_number(sc->root, "warmup_s", "", 0, 1e6, 0,
                            sc->duration_s * 0.1, &sc->warmup_s, dg);
    }
    return rc ? -1 : 0;
}

/* One group {"count": N, "workload": {...}} at path (name optional). */
static int load_group(json_t *obj, const char *path, int listed,
                      struct neighbor_group *g, struct diag *dg)
{
    static const char *const keys[] = {"count", "workload", "name"};
    const char *name = NULL;
    uint64_t n = 0;
    int rc = 0;
    char p[64];

    if (!json_is_object(obj))
        return diag_set_path(dg, path, listed ? "a neighbour group must be "
                             "an object, got %s" : "'neighbors' must be an "
                             "object or a list of groups, got %s",
                             json_type_name(obj));
    rc |= jcheck_keys(obj, path, listed ? "neighbour group" : "neighbors",
                      keys, listed ? 3 : 2, dg);
    rc |= jcheck_uint(obj, "count", path, listed ? 1 : 0, 64, 1, 0, &n, dg);
    if (!json_object_get(obj, "workload"))
        rc = diag_set_path(dg, path, "missing key 'workload'");
    if (listed)
        rc |= jcheck_string(obj, "name", path, 0, &name, dg);
    if (name && strlen(name) >= sizeof(g->name))
        rc = diag_set_path(dg, jcheck_path(p, sizeof(p), path, "name"),
                           "a group name is at most %zu characters, got "
                           "'%s'", sizeof(g->name) - 1, name);
    snprintf(g->name, sizeof(g->name), "%s", name ? name : "neighbors");
    g->count = (unsigned)n;
    return rc ? -1 : 0;
}

/*
 * "neighbors": {"count": N, "workload": {...}} (one group), or a list of
 * groups [{"name": "hogs", "count": 3, "workload": {...}}, ...], at most
 * 64 guests in all.
 */
static int load_neighbors(struct scenario *sc, struct diag *dg)
{
    json_t *v = json_object_get(sc->root, "neighbors");
    size_t i, j;
    int rc = 0;
    char p[64];

    if (!v)
        return 0;
    if (!json_is_array(v)) {
        sc->ngroups = 1;
        rc = load_group(v, "/neighbors", 0, &sc->groups[0], dg);
        sc->neighbors = sc->groups[0].count;
        return rc;
    }
    sc->groups_listed = true;
    if (json_array_size(v) == 0 || json_array_size(v) > SCENARIO_MAX_GROUPS)
        return diag_set_path(dg, "/neighbors", "'neighbors' must list 1 to "
                             "%d groups", SCENARIO_MAX_GROUPS);
    sc->ngroups = json_array_size(v);
    for (i = 0; i < sc->ngroups; i++) {
        jcheck_index(p, sizeof(p), "/neighbors", i);
        if (load_group(json_array_get(v, i), p, 1, &sc->groups[i], dg) < 0) {
            rc = -1;
            continue;
        }
        if (!strcmp(sc->groups[i].name, "neighbors"))
            snprintf(sc->groups[i].name, sizeof(sc->groups[i].name),
                     "group%zu", i + 1);
        for (j = 0; j < i; j++)
            if (!strcmp(sc->groups[j].name, sc->groups[i].name))
                rc = diag_set_path(dg, p, "neighbour group '%s' is named "
                                   "twice (also neighbors[%zu])",
                                   sc->groups[i].name, j);
        sc->neighbors += sc->groups[i].count;
    }
    if (rc == 0 && sc->neighbors > 64)
        rc = diag_set_path(dg, "/neighbors", "the neighbour groups hold %u "
                           "guests; a host holds at most 64 beside ours",
                           sc->neighbors);
    return rc;
}

/*
 * "host": {"cores": N, "scheduler": "credit" | "fair",
 *          "backend": "dedicated" | "shared"}: every guest's vCPUs (and
 * with "shared" the backend threads) on N physical cores.
 */
static int load_host(struct scenario *sc, struct diag *dg)
{
    static const char *const keys[] = {"cores", "scheduler", "backend"};
    json_t *obj = json_object_get(sc->root, "host");
    const char *sched = NULL, *backend = NULL;
    uint64_t cores = 0;
    int rc = 0;

    if (!obj)
        return 0;
    if (!json_is_object(obj))
        return diag_set_path(dg, "/host", "'host' must be an object");
    rc |= jcheck_keys(obj, "/host", "host", keys, NKEYS(keys), dg);
    rc |= jcheck_uint(obj, "cores", "/host", 1, 4096, 1, 0, &cores, dg);
    rc |= jcheck_string(obj, "scheduler", "/host", 0, &sched, dg);
    rc |= jcheck_string(obj, "backend", "/host", 0, &backend, dg);
    sc->host.cores = (unsigned)cores;
    sc->host.policy = sched_policy_find(sched ? sched : "credit", NULL);
    if (!sc->host.policy) {
        struct diag tmp;

        diag_init(&tmp, NULL);
        sched_policy_find(sched, &tmp);
        rc = diag_set_path(dg, "/host/scheduler", "%s", tmp.e[0].msg);
    }
    if (backend && strcmp(backend, "dedicated") && strcmp(backend, "shared"))
        rc = diag_set_path(dg, "/host/backend", "'host.backend' must be "
                           "'dedicated' or 'shared', got '%s'", backend);
    sc->host.backend_shared = backend && !strcmp(backend, "shared");
    sc->host_set = rc == 0;
    return rc ? -1 : 0;
}

/* ---- sweep points ---- */

static void point_values(const struct scenario *sc, size_t point,
                         double *values)
{
    size_t d = sc->nsweep;

    while (d-- > 0) {
        values[d] = sc->sweep[d].values[point % sc->sweep[d].n];
        point /= sc->sweep[d].n;
    }
}

/* The JSON of neighbour group g's workload, and its path. */
static json_t *group_workload_json(const struct scenario *sc, size_t g,
                                   char *path, size_t size)
{
    json_t *n = json_object_get(sc->root, "neighbors");

    if (!sc->groups_listed) {
        snprintf(path, size, "/neighbors/workload");
        return json_object_get(n, "workload");
    }
    snprintf(path, size, "/neighbors[%zu]/workload", g);
    return json_object_get(json_array_get(n, g), "workload");
}

/*
 * A new JSON object: the scenario's workload (which = 0) or neighbour
 * group which-1's with the point's values v applied; NULL when there is
 * no such group.
 */
static json_t *point_json(const struct scenario *sc, const double *v,
                          int which)
{
    json_t *src, *w;
    size_t d;
    char where[64];

    if (which) {
        if ((size_t)which > sc->ngroups)
            return NULL;
        src = group_workload_json(sc, (size_t)which - 1, where,
                                  sizeof(where));
        if (!src)
            return NULL;
    } else {
        src = json_object_get(sc->root, "workload");
    }
    w = json_deep_copy(src);
    for (d = 0; d < sc->nsweep; d++) {
        const char *path = sc->sweep[d].path;

        if (!which && !strncmp(path, "workload.", 9))
            set_dotted(w, path + 9, v[d]);
        else if (which == 1 && !sc->groups_listed &&
                 !strncmp(path, "neighbors.workload.", 19))
            set_dotted(w, path + 19, v[d]);
    }
    return w;
}

/*
 * Builds every point's workloads, once: the templates runs copy. With
 * read_trace, a trace is read through (at the first point), so that a bad
 * line stops us now. A template keeps no file open (each copy opens its
 * own reader), so a long sweep holds no descriptors.
 */
static int build_workloads(struct scenario *sc, int read_trace,
                           struct diag *dg)
{
    double v[SCENARIO_MAX_SWEEP];
    size_t pt;
    int which;

    sc->nworkloads = sc->npoints;
    sc->workloads = xcalloc(sc->npoints, sizeof(*sc->workloads));
    if (sc->ngroups)
        sc->neighbor_workloads = xcalloc(sc->ngroups * sc->npoints,
                                         sizeof(*sc->neighbor_workloads));
    for (which = 0; (size_t)which <= sc->ngroups; which++) {
        struct workload *all = which ? sc->neighbor_workloads +
                                           (size_t)(which - 1) * sc->npoints
                                     : sc->workloads;
        char path[64] = "/workload";

        if (which)
            group_workload_json(sc, (size_t)which - 1, path, sizeof(path));
        for (pt = 0; pt < sc->npoints; pt++) {
            struct workload *wl = &all[pt];
            json_t *w;
            int rc;

            point_values(sc, pt, v);
            w = point_json(sc, v, which);
            if (!w)
                break;
            rc = workload_from_json(w, path, sc->dir, wl, dg);
            if (rc == 0 && read_trace && pt == 0 &&
                wl->arrival.kind == ARRIVAL_TRACE) {
                struct diag tdg;

                diag_init(&tdg, wl->arrival.trace_file);
                rc = trace_validate(wl->arrival.trace_file,
                                    wl->arrival.trace_format, NULL, &tdg);
                diag_merge(dg, &tdg);
            }
            trace_close(wl->trace);
            wl->trace = NULL;
            json_decref(w);
            if (rc < 0)
                return -1;  /* the same problem would repeat at each point */
        }
    }
    return 0;
}

/* Checks the workload object is there, then builds the points' workloads. */
static int check_workloads(struct scenario *sc, struct diag *dg)
{
    if (!json_is_object(json_object_get(sc->root, "workload")))
        return diag_set_path(dg, json_object_get(sc->root, "workload")
                                     ? "/workload" : "",
                             json_object_get(sc->root, "workload")
                                 ? "'workload' must be an object"
                                 : "missing key 'workload'");
    return build_workloads(sc, 1, dg);
}

/*
 * A workload that could not advance simulated time: closed-loop clients
 * with no think time, more of them than the guest admits, retry at once
 * and forever when it is full. Refused here rather than found by the run.
 */
static int check_progress(struct scenario *sc, struct diag *dg)
{
    struct scenario_point pt;
    size_t i;
    int which;

    for (i = 0; i < sc->npoints; i++) {
        scenario_point(sc, i, &pt);
        for (which = 0; (size_t)which <= pt.ngroups; which++) {
            const struct workload *w = which ? pt.group_workload[which - 1]
                                             : pt.workload;
            const struct arrival *a = w ? &w->arrival : NULL;
            double cap = param(&pt.params, P_GUEST_MAX_IN_FLIGHT);
            char path[64] = "/workload";

            if (!a || (which && !pt.group_count[which - 1]) ||
                !arrival_spins(a, cap))
                continue;
            if (which)
                group_workload_json(sc, (size_t)which - 1, path,
                                    sizeof(path));
            return diag_set_path(dg, path,
                                 "%u closed-loop clients with no think time "
                                 "would retry at once, forever, while the "
                                 "guest is full (guest.max_in_flight %g): "
                                 "give them a think time or raise "
                                 "guest.max_in_flight", a->clients, cap);
        }
    }
    return 0;
}

static void fill_effective(struct scenario *sc)
{
    json_t *e = json_deep_copy(sc->root);

    json_object_set_new(e, "name", json_string(sc->name));
    json_object_set_new(e, "seed", json_integer((json_int_t)sc->seed));
    json_object_set_new(e, "duration_s", json_real(sc->duration_s));
    if (!sc->warmup_auto)
        json_object_set_new(e, "warmup_s", json_real(sc->warmup_s));
    json_object_set_new(e, "replications", json_integer(sc->replications));
    if (!json_object_get(e, "generations"))
        json_object_set_new(e, "generations", json_null());
    sc->effective = e;
}

/* The run's size, estimated before anything is simulated or allocated. */
static int check_cells(const struct scenario *sc, struct diag *dg)
{
    size_t gens = sc->ngenerations ? sc->ngenerations : 1;
    double cells = (double)sc->ninstances * (double)gens *
                   (double)sc->npoints;

    if (cells <= MAX_CELLS)
        return 0;
    return diag_set_path(dg, sc->npoints > 1 ? "/sweep" : "/instances",
                         "the scenario has %.0f cells (%zu instances x %zu "
                         "generations x %zu sweep points), at most %d: it "
                         "would take about %.0f MiB of memory and write "
                         "about %.0f MiB of results.json", cells,
                         sc->ninstances, gens, sc->npoints, MAX_CELLS,
                         cells * CELL_MEMORY_BYTES / 1048576.0,
                         cells * CELL_RESULTS_BYTES / 1048576.0);
}

static void default_name(struct scenario *sc, const char *path)
{
    const char *base = strrchr(path, '/');

    base = base ? base + 1 : path;
    snprintf(sc->name, sizeof(sc->name), "%.*s", (int)strcspn(base, "."),
             base);
    /* ".json" or "..json": no name before the dot, so no '..' either. */
    if (!sc->name[0])
        snprintf(sc->name, sizeof(sc->name), "scenario");
}

/*
 * Loads the scenario text buf[0..len) into sc, whose file and dir are
 * set: parses, checks everything, and on failure maps every problem's
 * JSON path to a line:col of buf. On -1, sc holds nothing to free.
 */
static int load_buffer(struct scenario *sc, const char *buf, size_t len,
                       struct diag *dg)
{
    json_error_t err;
    struct jsonpos jp = {0};
    int rc = 0;

    sc->root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &err);
    if (!sc->root) {
        diag_set(dg, err.line, err.column, "%s", err.text);
        scenario_release(sc);
        return -1;
    }
    if (!json_is_object(sc->root)) {
        diag_set(dg, 1, 1, "a scenario must be a JSON object, got %s",
                 json_type_name(sc->root));
        goto out_fail;
    }
    rc |= jcheck_keys(sc->root, "", "scenario", top_keys, NKEYS(top_keys), dg);
    rc |= load_settings(sc, dg);
    if (!sc->name[0])
        default_name(sc, sc->file);
    rc |= load_instances(sc, dg);
    rc |= load_generations(sc, dg);
    rc |= load_params(sc, dg);
    rc |= load_neighbors(sc, dg);
    rc |= load_host(sc, dg);
    rc |= load_slo(sc, dg);
    rc |= load_sweep(sc, dg);
    if (rc == 0)
        rc |= check_cells(sc, dg);
    if (rc == 0)
        rc |= check_workloads(sc, dg);
    if (rc == 0)
        rc |= check_progress(sc, dg);
    if (rc)
        goto out_fail;
    fill_effective(sc);
    return 0;

out_fail:
    jsonpos_scan(&jp, buf, len);
    jsonpos_resolve(&jp, dg);
    jsonpos_release(&jp);
    scenario_release(sc);
    return -1;
}

int scenario_load(const char *path, struct scenario *sc, struct diag *dg)
{
    const char *slash;
    size_t len;
    char *buf;
    int rc;

    memset(sc, 0, sizeof(*sc));
    sc->file = path;
    slash = strrchr(path, '/');
    sc->dir = xstrfmt("%.*s", slash ? (int)(slash - path) : 1,
                      slash ? path : ".");
    buf = infile_read(path, 0, &len, dg);
    if (!buf) {
        scenario_release(sc);
        return -1;
    }
    rc = load_buffer(sc, buf, len, dg);
    free(buf);
    return rc;
}

int scenario_load_text(const char *text, size_t len, const char *name,
                       const char *base_dir, struct scenario *sc,
                       struct diag *dg)
{
    memset(sc, 0, sizeof(*sc));
    sc->file = name;
    sc->dir = xstrdup(base_dir && *base_dir ? base_dir : ".");
    if (dg)
        dg->file = name;
    return load_buffer(sc, text, len, dg);
}

int scenario_init_memory(struct scenario *sc, const char *name,
                         const json_t *workload, const char *dir,
                         const struct instance_profile *ips, size_t n,
                         struct diag *dg)
{
    memset(sc, 0, sizeof(*sc));
    snprintf(sc->name, sizeof(sc->name), "%s", name);
    sc->dir = xstrdup(dir && *dir ? dir : ".");
    sc->seed = 1;
    sc->duration_s = 1.0;
    sc->warmup_s = 0.1;
    sc->replications = 5;
    sc->ninstances = n;
    sc->instances = xcalloc(n ? n : 1, sizeof(*sc->instances));
    if (n)
        memcpy(sc->instances, ips, n * sizeof(*ips));
    param_set_defaults(&sc->params);
    sc->npoints = 1;
    sc->slo.max_drop_rate = -1;
    sc->root = json_object();
    json_object_set_new(sc->root, "name", json_string(sc->name));
    json_object_set_new(sc->root, "workload", json_deep_copy(workload));
    sc->effective = json_deep_copy(sc->root);
    if (build_workloads(sc, 0, dg) < 0) {
        scenario_release(sc);
        return -1;
    }
    return 0;
}

void scenario_release(struct scenario *sc)
{
    size_t i;

    for (i = 0; i < sc->nsweep; i++)
        free(sc->sweep[i].values);
    for (i = 0; sc->workloads && i < sc->nworkloads; i++)
        workload_release(&sc->workloads[i]);
    for (i = 0; sc->neighbor_workloads && i < sc->ngroups * sc->nworkloads;
         i++)
        workload_release(&sc->neighbor_workloads[i]);
    free(sc->workloads);
    free(sc->neighbor_workloads);
    free(sc->instances);
    free(sc->custom);
    free(sc->dir);
    json_decref(sc->root);
    json_decref(sc->effective);
    memset(sc, 0, sizeof(*sc));
}

void scenario_point(const struct scenario *sc, size_t i,
                    struct scenario_point *pt)
{
    scenario_point_under(sc, i, NULL, pt);
}

void scenario_point_under(const struct scenario *sc, size_t i,
                          const struct generation *gen,
                          struct scenario_point *pt)
{
    size_t d;
    int k;

    assert(i < sc->npoints && i < sc->nworkloads);
    memset(pt, 0, sizeof(*pt));
    point_values(sc, i, pt->values);
    pt->params = sc->params;
    for (k = 0; gen && gen->params && k < PARAM_COUNT; k++)
        if (gen->params->overridden[k]) {
            pt->params.v[k] = gen->params->v[k];
            pt->params.overridden[k] = 1;
        }
    pt->neighbors = sc->neighbors;
    for (d = 0; d < sc->nsweep; d++) {
        const char *path = sc->sweep[d].path;

        if (!strncmp(path, "params.", 7))
            param_set_value(&pt->params, path + 7, pt->values[d], NULL);
        else if (!strcmp(path, "neighbors.count"))
            pt->neighbors = (unsigned)pt->values[d];
    }
    pt->workload = &sc->workloads[i];
    pt->neighbor_workload = sc->neighbor_workloads
                                ? &sc->neighbor_workloads[i] : NULL;
    pt->ngroups = sc->ngroups;
    for (k = 0; (size_t)k < sc->ngroups; k++) {
        pt->group_count[k] = k == 0 && !sc->groups_listed ? pt->neighbors
                                                         : sc->groups[k].count;
        pt->group_workload[k] = &sc->neighbor_workloads[(size_t)k *
                                                        sc->nworkloads + i];
    }
}
