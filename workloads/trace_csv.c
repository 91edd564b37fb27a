/*
 * trace_csv.c - the CSV trace format: a header naming the columns (units
 * in the names), then one op per line; consecutive lines with the same
 * `request` id form one request. Plain fields separated by commas, blanks
 * around fields ignored, no quoting (no field needs a comma).
 */
#include "workloads/trace_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Every name a column may have, for near-miss suggestions. */
static const char *const known_columns[] = {
    "time_s", "time_ms", "time_us", "time_ns", "request", "op", "cycles",
    "syscalls", "page_faults", "pt_updates", "privileged", "ctx_switches",
    "bytes", "count",
    "sleep_s", "sleep_ms", "sleep_us", "sleep_ns",
};

#define N_KNOWN (sizeof(known_columns) / sizeof(known_columns[0]))

static char *trim(char *s)
{
    char *end;

    s += strspn(s, " \t");
    end = s + strlen(s);
    while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
        *--end = '\0';
    return s;
}

/*
 * Splits line at commas in place into fields[0..max), trimmed. Returns
 * the number of fields in the line, which may exceed max.
 */
static int split(char *line, char **fields, int max)
{
    int n = 0;

    for (;;) {
        char *comma = strchr(line, ',');

        if (comma)
            *comma = '\0';
        if (n < max)
            fields[n] = trim(line);
        n++;
        if (!comma)
            return n;
        line = comma + 1;
    }
}

/* The op field a column name stands for (sleep columns excepted), or -1. */
static int field_of_column(const char *name)
{
    int f;

    for (f = 0; f < OP_FIELD_END; f++)
        if (f != OP_FIELD_SECONDS && !strcmp(op_field_info(f)->column, name))
            return f;
    return -1;
}

/* The index of the first column of `kind` (and `field`), or -1. */
static int find_col(const struct trace_reader *r, enum trace_col kind,
                    int field)
{
    int i;

    for (i = 0; i < r->ncols; i++)
        if (r->col_kind[i] == kind &&
            (kind != COL_FIELD || (int)r->col_field[i] == field))
            return i;
    return -1;
}

static int csv_header(struct trace_reader *r, char *line, struct diag *dg)
{
    char *names[TRACE_MAX_COLS];
    int i, n, bad = 0;

    n = split(line, names, TRACE_MAX_COLS);
    if (n > TRACE_MAX_COLS)
        return diag_set(dg, r->line, 0, "more than %d columns in the header",
                        TRACE_MAX_COLS);
    r->ncols = 0;
    for (i = 0; i < n; i++) {
        const char *name = names[i];
        enum trace_col kind;
        sim_time unit = 0;
        int f = -1, dup;

        if (name[0] == '\0') {
            bad = diag_set(dg, r->line, 0, "column %d has no name", i + 1);
            continue;
        }
        if ((unit = trace_unit_of(name, "time_")) != 0) {
            kind = COL_TIME;
        } else if ((unit = trace_unit_of(name, "sleep_")) != 0) {
            kind = COL_SLEEP;
        } else if (!strcmp(name, "request")) {
            kind = COL_REQUEST;
        } else if (!strcmp(name, "op")) {
            kind = COL_OP;
        } else if ((f = field_of_column(name)) >= 0) {
            kind = COL_FIELD;
        } else {
            const char *near = diag_near_miss(name, known_columns, N_KNOWN);

            if (near)
                bad = diag_set(dg, r->line, 0, "unknown column '%s' (did "
                               "you mean '%s'?)", name, near);
            else
                bad = diag_set(dg, r->line, 0, "unknown column '%s'", name);
            continue;
        }
        dup = find_col(r, kind, f);
        if (dup >= 0) {
            if (!strcmp(r->col_name[dup], name))
                bad = diag_set(dg, r->line, 0, "duplicate column '%s'", name);
            else
                bad = diag_set(dg, r->line, 0, "columns '%s' and '%s' give "
                               "the same value", r->col_name[dup], name);
            continue;
        }
        r->col_kind[r->ncols] = kind;
        r->col_field[r->ncols] = f >= 0 ? (enum op_field)f : OP_FIELD_END;
        r->col_unit_ps[r->ncols] = unit;
        snprintf(r->col_name[r->ncols], sizeof(r->col_name[0]), "%s", name);
        r->ncols++;
    }
    if (find_col(r, COL_TIME, -1) < 0)
        bad = diag_set(dg, r->line, 0, "missing column 'time_s' (or time_ms, "
                       "time_us, time_ns)");
    if (find_col(r, COL_OP, -1) < 0)
        bad = diag_set(dg, r->line, 0, "missing column 'op'");
    return bad;
}

/* Records a bad number in column `col`: what was wrong and the text. */
static int bad_number(struct trace_reader *r, enum trace_num rc,
                      const char *col, const char *text, double max,
                      struct diag *dg)
{
    if (rc == NUM_NEG)
        return diag_set(dg, r->line, 0, "column '%s': must be >= 0, got "
                        "'%s'", col, text);
    if (rc == NUM_BIG)
        return diag_set(dg, r->line, 0, "column '%s': must be at most %g, "
                        "got '%s'", col, max, text);
    return diag_set(dg, r->line, 0, "column '%s': expected a number, got "
                    "'%s'", col, text);
}

/* Parses a time column (arrival or sleep) with its unit into *out. */
static int parse_time_col(struct trace_reader *r, int i, const char *text,
                          double max_s, sim_time *out, struct diag *dg)
{
    sim_time unit = r->col_unit_ps[i];
    sim_time max_ps = (sim_time)(max_s * 1e12);
    enum trace_num rc;

    rc = trace_parse_ps(text, unit, max_ps, out);
    if (rc != NUM_OK)
        return bad_number(r, rc, r->col_name[i], text,
                          max_s * 1e12 / (double)unit, dg);
    return 0;
}

static int parse_id(struct trace_reader *r, int i, const char *text,
                    uint64_t *out, struct diag *dg)
{
    char *end;
    unsigned long long v;

    errno = 0;
    v = strtoull(text, &end, 10);
    if (!isdigit((unsigned char)text[0]) || *end != '\0' || errno == ERANGE)
        return diag_set(dg, r->line, 0, "column '%s': expected a "
                        "non-negative integer, got '%s'", r->col_name[i],
                        text);
    *out = (uint64_t)v;
    return 0;
}

static int csv_parse(struct trace_reader *r, char *line,
                     struct trace_row *row, struct diag *dg)
{
    char *v[TRACE_MAX_COLS];
    struct op *op = &row->ops[0];
    unsigned given = 0;
    int i, n, k = -1, f;

    n = split(line, v, TRACE_MAX_COLS);
    if (n != r->ncols)
        return diag_set(dg, r->line, 0, "expected %d fields, got %d",
                        r->ncols, n);
    memset(op, 0, sizeof(*op));
    row->nops = 1;
    row->has_id = false;
    /* First the time, the id and the op, which the amounts depend on. */
    for (i = 0; i < n; i++) {
        enum trace_col kind = r->col_kind[i];

        if (kind != COL_TIME && kind != COL_REQUEST && kind != COL_OP)
            continue;
        if (v[i][0] == '\0')
            return diag_set(dg, r->line, 0, "column '%s' is empty",
                            r->col_name[i]);
        if (kind == COL_TIME) {
            if (parse_time_col(r, i, v[i], TRACE_MAX_TIME_S, &row->at_ps,
                               dg) < 0)
                return -1;
            snprintf(row->at_text, sizeof(row->at_text), "%s", v[i]);
            row->time_name = r->col_name[i];
        } else if (kind == COL_REQUEST) {
            if (parse_id(r, i, v[i], &row->id, dg) < 0)
                return -1;
            row->has_id = true;
        } else {
            k = trace_op_kind(r, v[i], "column 'op'", dg);
            if (k < 0)
                return -1;
        }
    }
    op->kind = (enum op_kind)k;
    for (i = 0; i < n; i++) {
        enum trace_col kind = r->col_kind[i];
        double x = 0;

        if ((kind != COL_FIELD && kind != COL_SLEEP) || v[i][0] == '\0')
            continue;
        f = kind == COL_SLEEP ? OP_FIELD_SECONDS : (int)r->col_field[i];
        if (kind == COL_SLEEP) {
            sim_time ps;

            if (parse_time_col(r, i, v[i], op_field_info(f)->max, &ps,
                               dg) < 0)
                return -1;
            op->sleep_ps = ps;
            x = (double)ps;
        } else {
            enum trace_num rc;
            double max = op_field_info(f)->max;

            rc = trace_parse_amount(v[i], max, &x);
            if (rc != NUM_OK)
                return bad_number(r, rc, r->col_name[i], v[i], max, dg);
        }
        if (!op_field_applies(f, op->kind)) {
            if (x != 0)
                return diag_set(dg, r->line, 0, "column '%s' does not apply "
                                "to op '%s', got '%s'", r->col_name[i],
                                op_kind_name(op->kind), v[i]);
            continue;
        }
        if (kind == COL_FIELD)
            op_set_field(op, f, x);
        given |= 1u << f;
    }
    for (f = 0; f < OP_FIELD_END; f++) {
        if (op_field_required(f, op->kind) && !(given & (1u << f))) {
            int col = f == OP_FIELD_SECONDS ? find_col(r, COL_SLEEP, -1) : -1;

            return diag_set(dg, r->line, 0, "op '%s' needs a value in column "
                            "'%s'", op_kind_name(op->kind),
                            col >= 0 ? r->col_name[col]
                                     : op_field_info(f)->column);
        }
    }
    return 0;
}

static int csv_write_header(FILE *fp)
{
    int f;

    fputs("time_s,request,op", fp);
    for (f = 0; f < OP_FIELD_END; f++)
        fprintf(fp, ",%s", op_field_info(f)->column);
    return fputc('\n', fp) == EOF ? -1 : 0;
}

static int csv_write_request(FILE *fp, uint64_t id, sim_time at_ps,
                             const struct request *rq)
{
    char at[48], num[48];
    size_t i;
    int f;

    trace_format_ps(at_ps, SIM_PS_PER_S, at, sizeof(at));
    for (i = 0; i < rq->nops; i++) {
        const struct op *op = &rq->ops[i];

        fprintf(fp, "%s,%llu,%s", at, (unsigned long long)id,
                op_kind_name(op->kind));
        for (f = 0; f < OP_FIELD_END; f++) {
            if (!op_field_applies(f, op->kind))
                num[0] = '\0';
            else if (f == OP_FIELD_SECONDS)
                trace_format_ps(op->sleep_ps, SIM_PS_PER_S, num, sizeof(num));
            else
                trace_format_double(op_get_field(op, f), num, sizeof(num));
            fprintf(fp, ",%s", num);
        }
        if (fputc('\n', fp) == EOF)
            return -1;
    }
    return 0;
}

const struct trace_format_ops trace_csv_format = {
    .name = "csv",
    .empty_msg = "expected a header line such as 'time_s,op,bytes'",
    .field_word = "column",
    .header = csv_header,
    .parse = csv_parse,
    .write_header = csv_write_header,
    .write_request = csv_write_request,
};
