/*
 * trace_jsonl.c - the JSON Lines trace format: one request per line,
 * {"time_s": T, "ops": [op, ...]}, or a one-op request written flat,
 * {"time_s": T, "op": "net_rx", "bytes": 512}. Ops are the scenario's op
 * objects with plain numbers. Parsed with jansson, one line at a time.
 */
#include "workloads/trace_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/jcheck.h"

static const char *const time_keys[] = {
    "time_s", "time_ms", "time_us", "time_ns",
};

#define N_TIME_KEYS 4

/* Records an unknown key, suggesting the nearest of `known`. */
static int unknown_key(struct trace_reader *r, const char *prefix,
                       const char *key, const char *const *known, size_t n,
                       struct diag *dg)
{
    const char *near = diag_near_miss(key, known, n);

    if (near)
        return diag_set(dg, r->line, 0, "%sunknown key '%s' (did you mean "
                        "'%s'?)", prefix, key, near);
    return diag_set(dg, r->line, 0, "%sunknown key '%s'", prefix, key);
}

/* A number in [0, max] under `key`. */
static int get_number(struct trace_reader *r, const char *prefix,
                      const char *key, const json_t *v, double max,
                      double *out, struct diag *dg)
{
    double x;

    if (!json_is_number(v))
        return diag_set(dg, r->line, 0, "%skey '%s': expected a number, got "
                        "%s", prefix, key, json_type_name(v));
    x = json_number_value(v);
    if (!isfinite(x))
        return diag_set(dg, r->line, 0, "%skey '%s': must be a finite "
                        "number", prefix, key);
    if (x < 0)
        return diag_set(dg, r->line, 0, "%skey '%s': must be >= 0, got %g",
                        prefix, key, x);
    if (x > max)
        return diag_set(dg, r->line, 0, "%skey '%s': must be at most %g, got "
                        "%g", prefix, key, max, x);
    *out = x;
    return 0;
}

/*
 * Parses one op object (the ops of a line, or the line itself when flat,
 * in which case the time keys are skipped). `prefix` starts messages.
 */
static int parse_op(struct trace_reader *r, json_t *obj, bool flat,
                    const char *prefix, struct op *op, struct diag *dg)
{
    const char *known[OP_FIELD_END + 1 + N_TIME_KEYS];
    char where[48];
    const char *key;
    json_t *v, *name;
    unsigned given = 0;
    size_t nknown = 0;
    int k, f;

    if (!json_is_object(obj))
        return diag_set(dg, r->line, 0, "%sexpected an op object, got %s",
                        prefix, json_type_name(obj));
    name = json_object_get(obj, "op");
    if (!name)
        return diag_set(dg, r->line, 0, "%smissing key 'op'", prefix);
    if (!json_is_string(name))
        return diag_set(dg, r->line, 0, "%skey 'op': expected a string, got "
                        "%s", prefix, json_type_name(name));
    snprintf(where, sizeof(where), "%skey 'op'", prefix);
    k = trace_op_kind(r, json_string_value(name), where, dg);
    if (k < 0)
        return -1;
    memset(op, 0, sizeof(*op));
    op->kind = (enum op_kind)k;
    known[nknown++] = "op";
    for (f = 0; f < OP_FIELD_END; f++)
        known[nknown++] = op_field_info(f)->key;
    json_object_foreach(obj, key, v) {
        double x;

        if (!strcmp(key, "op"))
            continue;
        if (flat && trace_unit_of(key, "time_"))
            continue;
        f = op_field_from_key(key);
        if (f < 0)
            return unknown_key(r, prefix, key, known, nknown, dg);
        if (get_number(r, prefix, key, v, op_field_info(f)->max, &x, dg) < 0)
            return -1;
        if (!op_field_applies(f, op->kind)) {
            if (x != 0)
                return diag_set(dg, r->line, 0, "%skey '%s' does not apply "
                                "to op '%s', got %g", prefix, key,
                                op_kind_name(op->kind), x);
            continue;
        }
        op_set_field(op, f, x);
        given |= 1u << f;
    }
    for (f = 0; f < OP_FIELD_END; f++)
        if (op_field_required(f, op->kind) && !(given & (1u << f)))
            return diag_set(dg, r->line, 0, "%sop '%s' needs key '%s'",
                            prefix, op_kind_name(op->kind),
                            op_field_info(f)->key);
    return 0;
}

static int parse_time(struct trace_reader *r, const json_t *line,
                      struct trace_row *row, struct diag *dg)
{
    const char *found = NULL;
    double x, scale;
    size_t i;

    for (i = 0; i < N_TIME_KEYS; i++) {
        if (!json_object_get(line, time_keys[i]))
            continue;
        if (found)
            return diag_set(dg, r->line, 0, "keys '%s' and '%s' give the same "
                            "value", found, time_keys[i]);
        found = time_keys[i];
    }
    if (!found)
        return diag_set(dg, r->line, 0, "missing key 'time_s' (or time_ms, "
                        "time_us, time_ns)");
    scale = (double)trace_unit_of(found, "time_");
    if (get_number(r, "", found, json_object_get(line, found),
                   TRACE_MAX_TIME_S * 1e12 / scale, &x, dg) < 0)
        return -1;
    row->at_ps = (sim_time)nearbyint(x * scale);
    row->time_name = found;
    trace_format_double(x, row->at_text, sizeof(row->at_text));
    return 0;
}

static int parse_line(struct trace_reader *r, json_t *line,
                      struct trace_row *row, struct diag *dg)
{
    static const char *const known[] = {
        "time_s", "time_ms", "time_us", "time_ns", "ops", "op",
    };
    json_t *ops, *v;
    const char *key;
    size_t i;

    if (!json_is_object(line))
        return diag_set(dg, r->line, 0, "expected a JSON object, got %s",
                        json_type_name(line));
    if (parse_time(r, line, row, dg) < 0)
        return -1;
    row->has_id = false;
    ops = json_object_get(line, "ops");
    if (!ops) {
        if (!json_object_get(line, "op"))
            return diag_set(dg, r->line, 0, "missing key 'ops' (or 'op' for "
                            "a one-op request)");
        row->nops = 1;
        return parse_op(r, line, true, "", &row->ops[0], dg);
    }
    if (json_object_get(line, "op"))
        return diag_set(dg, r->line, 0, "use either 'op' or 'ops', not both");
    json_object_foreach(line, key, v) {
        if (strcmp(key, "ops") && !trace_unit_of(key, "time_"))
            return unknown_key(r, "", key, known, 6, dg);
    }
    if (!json_is_array(ops))
        return diag_set(dg, r->line, 0, "key 'ops': expected an array, got %s",
                        json_type_name(ops));
    if (json_array_size(ops) == 0)
        return diag_set(dg, r->line, 0, "key 'ops': empty list");
    if (json_array_size(ops) > WORKLOAD_MAX_OPS)
        return diag_set(dg, r->line, 0, "key 'ops': more than %d ops",
                        WORKLOAD_MAX_OPS);
    row->nops = json_array_size(ops);
    for (i = 0; i < row->nops; i++) {
        char prefix[32];

        snprintf(prefix, sizeof(prefix), "ops[%zu]: ", i);
        if (parse_op(r, json_array_get(ops, i), false, prefix, &row->ops[i],
                     dg) < 0)
            return -1;
    }
    return 0;
}

static int jsonl_parse(struct trace_reader *r, char *line,
                       struct trace_row *row, struct diag *dg)
{
    json_error_t err;
    json_t *v;
    int rc;

    v = json_loads(line, JSON_REJECT_DUPLICATES, &err);
    if (!v)
        return diag_set(dg, r->line, err.column > 0 ? err.column : 0,
                        "invalid JSON: %s", err.text);
    rc = parse_line(r, v, row, dg);
    json_decref(v);
    return rc;
}

static int jsonl_write_request(FILE *fp, uint64_t id, sim_time at_ps,
                               const struct request *rq)
{
    char num[48];
    size_t i;
    int f;

    (void)id;
    trace_format_double(sim_time_to_sec(at_ps), num, sizeof(num));
    fprintf(fp, "{\"time_s\": %s, \"ops\": [", num);
    for (i = 0; i < rq->nops; i++) {
        const struct op *op = &rq->ops[i];

        fprintf(fp, "%s{\"op\": \"%s\"", i ? ", " : "",
                op_kind_name(op->kind));
        for (f = 0; f < OP_FIELD_END; f++) {
            double x;

            if (!op_field_applies(f, op->kind))
                continue;
            x = op_get_field(op, f);
            /* Optional kernel-event counts are left out when zero. */
            if (x == 0 && !op_field_required(f, op->kind))
                continue;
            trace_format_double(x, num, sizeof(num));
            fprintf(fp, ", \"%s\": %s", op_field_info(f)->key, num);
        }
        fputc('}', fp);
    }
    return fputs("]}\n", fp) == EOF ? -1 : 0;
}

const struct trace_format_ops trace_jsonl_format = {
    .name = "jsonl",
    .empty_msg = "expected one JSON object per line",
    .field_word = "key",
    .parse = jsonl_parse,
    .write_request = jsonl_write_request,
};
