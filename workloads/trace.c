/*
 * trace.c - the streaming trace reader: lines in a fixed buffer, blank
 * and comment lines skipped, CRLF accepted, rows grouped into requests
 * with one row of lookahead, timestamps checked for order; the number
 * parsers and printers both formats share; whole-file validation; and the
 * writer's dispatch. The formats themselves live in trace_csv.c and
 * trace_jsonl.c.
 */
#include "workloads/trace_int.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/infile.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

static const struct trace_format_ops *const formats[] = {
    &trace_csv_format, &trace_jsonl_format,
};

#define N_FORMATS (sizeof(formats) / sizeof(formats[0]))

static const struct trace_format_ops *find_format(const char *name)
{
    size_t i;

    for (i = 0; i < N_FORMATS; i++)
        if (!strcmp(formats[i]->name, name))
            return formats[i];
    return NULL;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);

    return n >= m && !strcmp(s + n - m, suffix);
}

const char *trace_format_guess(const char *path)
{
    if (ends_with(path, ".jsonl") || ends_with(path, ".ndjson") ||
        ends_with(path, ".json"))
        return "jsonl";
    return "csv";
}

int trace_format_valid(const char *name)
{
    return find_format(name) != NULL;
}

/* ---- numbers ---- */

enum trace_num trace_parse_ps(const char *s, sim_time unit_ps,
                              sim_time max_ps, sim_time *out)
{
    const char *p = s;
    uint64_t mant = 0;
    int exp10 = 0, digits = 0;
    int neg = 0;

    if (*p == '+' || *p == '-')
        neg = *p++ == '-';
    for (; isdigit((unsigned char)*p); p++, digits++) {
        if (mant < UINT64_C(100000000000000000))
            mant = mant * 10 + (uint64_t)(*p - '0');
        else
            exp10++;            /* digits past 17 significant are dropped */
    }
    if (*p == '.') {
        for (p++; isdigit((unsigned char)*p); p++, digits++) {
            if (mant < UINT64_C(100000000000000000)) {
                mant = mant * 10 + (uint64_t)(*p - '0');
                exp10--;
            }
        }
    }
    if (digits == 0)
        return NUM_NAN;
    if (*p == 'e' || *p == 'E') {
        int eneg = 0, e = 0, edigits = 0;

        p++;
        if (*p == '+' || *p == '-')
            eneg = *p++ == '-';
        for (; isdigit((unsigned char)*p); p++, edigits++)
            if (e < 10000)
                e = e * 10 + (*p - '0');
        if (edigits == 0)
            return NUM_NAN;
        exp10 += eneg ? -e : e;
    }
    if (*p != '\0')
        return NUM_NAN;
    if (mant == 0) {
        *out = 0;
        return NUM_OK;
    }
    if (neg)
        return NUM_NEG;
    /* unit_ps is a power of ten: fold it into the exponent. */
    for (; unit_ps > 1; unit_ps /= 10)
        exp10++;
    if (exp10 >= 0) {
        for (; exp10 > 0; exp10--) {
            if (mant > max_ps / 10)
                return NUM_BIG;
            mant *= 10;
        }
    } else {
        uint64_t div = 1, q, r;

        if (exp10 < -19) {
            *out = 0;
            return NUM_OK;
        }
        for (; exp10 < 0; exp10++)
            div *= 10;
        q = mant / div;
        r = mant % div;
        if (r >= div - r)       /* r / div >= 1/2, without overflow */
            q++;
        mant = q;
    }
    if (mant > max_ps)
        return NUM_BIG;
    *out = mant;
    return NUM_OK;
}

enum trace_num trace_parse_amount(const char *s, double max, double *out)
{
    const char *p = s + strspn(s, "+-");
    char *end;
    double x;

    /* Plain decimals only: strtod would also take hex, inf and nan. */
    if (!isdigit((unsigned char)*p) && *p != '.')
        return NUM_NAN;
    if (strpbrk(s, "xX"))
        return NUM_NAN;
    errno = 0;
    x = strtod(s, &end);
    if (end == s || *end != '\0')
        return NUM_NAN;
    if (x < 0)
        return NUM_NEG;
    if (!isfinite(x) || x > max)
        return NUM_BIG;
    *out = x == 0 ? 0 : x;      /* "-0" reads as 0 */
    return NUM_OK;
}

void trace_format_ps(sim_time t, sim_time unit_ps, char *buf, size_t size)
{
    char frac[24];
    int decimals = 0, i;
    sim_time u;
    uint64_t fp;

    for (u = unit_ps; u > 1 && decimals < 20; u /= 10)
        decimals++;
    fp = t % unit_ps;
    /* The fraction's digits, most significant first, then trimmed. */
    for (i = decimals - 1; i >= 0; i--) {
        frac[i] = (char)('0' + fp % 10);
        fp /= 10;
    }
    while (decimals > 0 && frac[decimals - 1] == '0')
        decimals--;
    frac[decimals] = '\0';
    snprintf(buf, size, "%llu%s%s", (unsigned long long)(t / unit_ps),
             decimals ? "." : "", frac);
}

void trace_format_double(double x, char *buf, size_t size)
{
    snprintf(buf, size, "%.15g", x);
    if (strtod(buf, NULL) != x)
        snprintf(buf, size, "%.17g", x);
}

sim_time trace_unit_of(const char *name, const char *prefix)
{
    static const struct {
        const char *suffix;
        sim_time ps;
    } units[] = {
        {"s", SIM_PS_PER_S}, {"ms", SIM_PS_PER_MS}, {"us", SIM_PS_PER_US},
        {"ns", SIM_PS_PER_NS},
    };
    size_t i, n = strlen(prefix);

    if (strncmp(name, prefix, n) != 0)
        return 0;
    for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
        if (!strcmp(name + n, units[i].suffix))
            return units[i].ps;
    return 0;
}

int trace_op_kind(struct trace_reader *r, const char *name,
                  const char *where, struct diag *dg)
{
    struct strbuf valid = STRBUF_INIT;
    const char *near;
    int k = op_kind_from_name(name);

    if (k >= 0)
        return k;
    near = diag_near_miss(name, op_kind_names, OP_KIND_COUNT);
    if (near)
        return diag_set(dg, r->line, 0, "%s: unknown op '%s' (did you mean "
                        "'%s'?)", where, name, near);
    strbuf_add_list(&valid, op_kind_names, OP_KIND_COUNT, ", ");
    diag_set(dg, r->line, 0, "%s: unknown op '%s'; valid: %s", where, name,
             valid.buf);
    strbuf_release(&valid);
    return -1;
}

/* ---- reading ---- */

/*
 * Reads the next line that is neither blank nor a comment into r->buf,
 * without its line ending. Returns 1, 0 at the end of the file, or -1
 * with a diag (a line too long or holding a stray carriage return, or a
 * read error).
 */
/*
 * Reads one raw line (without its LF) into r->buf, keeping its length,
 * so that a NUL byte is seen as one. Returns its length, -1 at the end
 * of the file, or -2 for a line longer than the buffer (the rest of the
 * line is skipped).
 */
static long get_line(struct trace_reader *r)
{
    size_t n = 0;
    int c;

    while ((c = getc(r->fp)) != EOF) {
        if (c == '\n')
            break;
        if (n == TRACE_LINE_MAX - 1) {
            while ((c = getc(r->fp)) != EOF && c != '\n')
                ;
            return -2;
        }
        r->buf[n++] = (char)c;
    }
    r->buf[n] = '\0';
    if (c == EOF && n == 0)
        return -1;
    return (long)n;
}

/* A line-1 check: a UTF-16/32 byte-order mark is named as such. */
static int check_bom(struct trace_reader *r, const char *s, size_t n,
                     struct diag *dg)
{
    const unsigned char *u = (const unsigned char *)s;

    if (n >= 2 && ((u[0] == 0xff && u[1] == 0xfe) ||
                   (u[0] == 0xfe && u[1] == 0xff)))
        return diag_set(dg, r->line, 1, "the file is UTF-16 (byte-order "
                        "mark %02X %02X); save it as UTF-8", u[0], u[1]);
    return 0;
}

static int read_line(struct trace_reader *r, struct diag *dg)
{
    for (;;) {
        char *s = r->buf;
        const char *nul;
        long got = get_line(r);
        size_t n;

        if (got == -1) {
            if (ferror(r->fp))
                return diag_set(dg, r->line + 1, 0, "read error: %s",
                                strerror(errno));
            return 0;
        }
        r->line++;
        if (got == -2)
            return diag_set(dg, r->line, 0, "line longer than %d bytes",
                            TRACE_LINE_MAX - 1);
        n = (size_t)got;
        if (r->line == 1 && check_bom(r, s, n, dg) < 0)
            return -1;
        nul = memchr(s, '\0', n);
        if (nul)
            return diag_set(dg, r->line, (int)(nul - s) + 1, "NUL byte at "
                            "column %d: the file is not text",
                            (int)(nul - s) + 1);
        if (n > 0 && s[n - 1] == '\r')
            s[--n] = '\0';
        if (memchr(s, '\r', n))
            return diag_set(dg, r->line, 0, "carriage return inside a line "
                            "(line endings must be LF or CRLF)");
        if (r->line == 1 && !strncmp(s, "\xef\xbb\xbf", 3))
            memmove(s, s + 3, n - 2);   /* a UTF-8 byte order mark */
        s += strspn(s, " \t");
        if (*s == '\0' || *s == '#')
            continue;
        return 1;
    }
}

/*
 * Counts a bad line. Returns true when reading must stop: always, except
 * when validating and still under the diag's cap.
 */
static bool bad_line(struct trace_reader *r)
{
    r->errors++;
    return !r->keep_going || r->errors >= DIAG_MAX;
}

/*
 * Reads and parses the next row into *row, checking timestamp order.
 * Returns 1, 0 at the end, or -1 with a diag. When validating, bad lines
 * are counted and skipped, and -1 means that reading must stop.
 */
static int read_row(struct trace_reader *r, struct trace_row *row,
                    struct diag *dg)
{
    for (;;) {
        int rc = read_line(r, dg);

        if (rc == 0)
            return 0;
        if (rc < 0 || r->fmt->parse(r, r->buf, row, dg) < 0) {
            if (bad_line(r) || ferror(r->fp))
                return -1;
            continue;
        }
        if (r->any && row->at_ps < r->last_ps) {
            diag_set(dg, r->line, 0, "%s '%s': timestamps must not "
                     "decrease, got '%s' after '%s'", r->fmt->field_word,
                     row->time_name,
                     row->at_text, r->last_text);
            if (bad_line(r))
                return -1;
        }
        r->any = true;
        r->last_ps = row->at_ps;
        snprintf(r->last_text, sizeof(r->last_text), "%s", row->at_text);
        return 1;
    }
}

static struct trace_reader *open_reader(const char *path, const char *format,
                                        bool keep_going, struct diag *dg)
{
    struct trace_reader *r;
    int rc;

    if (!format)
        format = trace_format_guess(path);
    if (!find_format(format)) {
        diag_set(dg, 0, 0, "unknown trace format '%s'; valid: csv, jsonl",
                 format);
        return NULL;
    }
    r = xcalloc(1, sizeof(*r));
    r->fmt = find_format(format);
    r->path = xstrdup(path);
    r->keep_going = keep_going;
    r->fp = infile_open(path, "trace", dg);
    if (!r->fp)
        goto out_free;
    r->buf = xmalloc(TRACE_LINE_MAX);
    if (r->fmt->header) {
        rc = read_line(r, dg);
        if (rc == 0)
            diag_set(dg, 0, 0, "empty file (%s)", r->fmt->empty_msg);
        if (rc <= 0 || r->fmt->header(r, r->buf, dg) < 0)
            goto out_free;
    }
    rc = read_row(r, &r->rows[r->pend], dg);
    if (rc == 0 && r->errors == 0) {
        if (r->fmt->header)
            diag_set(dg, 0, 0, "no requests after the header line");
        else
            diag_set(dg, 0, 0, "empty file (%s)", r->fmt->empty_msg);
    }
    if (rc <= 0)
        goto out_free;
    r->have_pending = true;
    return r;

out_free:
    trace_close(r);
    return NULL;
}

struct trace_reader *trace_open(const char *path, const char *format,
                                struct diag *dg)
{
    return open_reader(path, format, false, dg);
}

int trace_next(struct trace_reader *r, sim_time *at_ps, struct request *out,
               struct diag *dg)
{
    struct trace_row *cur = &r->rows[r->pend], *row = &r->rows[!r->pend];
    int rc;

    if (r->failed)
        return -1;
    if (!r->have_pending)
        return 0;
    *at_ps = cur->at_ps;
    out->nops = cur->nops;
    memcpy(out->ops, cur->ops, cur->nops * sizeof(out->ops[0]));
    for (;;) {
        rc = read_row(r, row, dg);
        if (rc < 0)
            goto out_failed;
        if (rc == 0) {
            r->have_pending = false;
            return 1;
        }
        if (!(cur->has_id && row->has_id && row->id == cur->id))
            break;
        /* Another op of the same request. */
        if (row->at_ps != cur->at_ps) {
            diag_set(dg, r->line, 0, "column '%s': '%s' differs from the "
                     "time of request %llu ('%s')", row->time_name,
                     row->at_text, (unsigned long long)cur->id, cur->at_text);
            if (bad_line(r))
                goto out_failed;
            continue;
        }
        if (out->nops + row->nops > WORKLOAD_MAX_OPS) {
            diag_set(dg, r->line, 0, "request %llu has more than %d ops",
                     (unsigned long long)cur->id, WORKLOAD_MAX_OPS);
            if (bad_line(r))
                goto out_failed;
            continue;
        }
        memcpy(&out->ops[out->nops], row->ops,
               row->nops * sizeof(out->ops[0]));
        out->nops += row->nops;
    }
    /* row starts the next request: it becomes the lookahead. */
    r->pend = !r->pend;
    return 1;

out_failed:
    r->failed = true;
    r->have_pending = false;
    return -1;
}

int trace_rewind(struct trace_reader *r, struct diag *dg)
{
    int rc;

    rewind(r->fp);
    r->line = 0;
    r->errors = 0;
    r->failed = false;
    r->have_pending = false;
    r->any = false;
    if (r->fmt->header) {
        rc = read_line(r, dg);
        if (rc <= 0 || r->fmt->header(r, r->buf, dg) < 0)
            goto out_failed;
    }
    if (read_row(r, &r->rows[r->pend], dg) <= 0)
        goto out_failed;
    r->have_pending = true;
    return 0;

out_failed:
    r->failed = true;
    return diag_set(dg, 0, 0, "cannot read the trace again from its start");
}

const char *trace_path(const struct trace_reader *r)
{
    return r->path;
}

void trace_close(struct trace_reader *r)
{
    if (!r)
        return;
    if (r->fp)
        fclose(r->fp);
    free(r->buf);
    free(r->path);
    free(r);
}

int trace_validate(const char *path, const char *format,
                   struct trace_summary *sum, struct diag *dg)
{
    struct trace_summary s = {0};
    struct trace_reader *r;
    struct request *rq;
    sim_time at;
    int errors;

    r = open_reader(path, format, true, dg);
    if (!r)
        return -1;
    rq = xmalloc(sizeof(*rq));
    while (trace_next(r, &at, rq, dg) > 0) {
        if (s.requests == 0)
            s.first_ps = at;
        s.last_ps = at;
        s.requests++;
        s.ops += rq->nops;
    }
    errors = r->errors;
    free(rq);
    trace_close(r);
    if (errors)
        return -1;
    if (sum)
        *sum = s;
    return 0;
}

/* ---- writing ---- */

int trace_writer_init(struct trace_writer *w, FILE *fp, const char *format)
{
    w->fp = fp;
    w->fmt = find_format(format);
    w->requests = 0;
    if (!w->fmt) {
        errno = EINVAL;
        return -1;
    }
    return w->fmt->write_header ? w->fmt->write_header(fp) : 0;
}

int trace_write(struct trace_writer *w, sim_time at_ps,
                const struct request *rq)
{
    return w->fmt->write_request(w->fp, w->requests++, at_ps, rq);
}
