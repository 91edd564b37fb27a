/*
 * trace_int.h - internals shared by the trace reader (trace.c) and its
 * two formats (trace_csv.c, trace_jsonl.c): the parsed form of one line,
 * the format ops struct, the reader's state, and number parsing and
 * printing helpers. Not for use outside workloads/trace*.c.
 */
#ifndef VIRTSIM_TRACE_INT_H
#define VIRTSIM_TRACE_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "workloads/request.h"
#include "workloads/trace.h"

#define TRACE_LINE_MAX  65536   /* bytes per line, newline included */
#define TRACE_MAX_COLS  32

/* One parsed line: a whole request (jsonl) or one op of one (csv). */
struct trace_row {
    sim_time at_ps;
    char at_text[48];           /* the timestamp as written, for messages */
    const char *time_name;      /* its column or key: "time_s" */
    bool has_id;                /* csv with a `request` column */
    uint64_t id;
    size_t nops;
    struct op ops[WORKLOAD_MAX_OPS];
};

/* What a CSV column holds. */
enum trace_col {
    COL_TIME,                   /* arrival time; unit in col_unit_ps */
    COL_REQUEST,
    COL_OP,
    COL_SLEEP,                  /* sleep duration; unit in col_unit_ps */
    COL_FIELD,                  /* an op field other than seconds */
};

struct trace_reader {
    FILE *fp;
    char *path;                 /* owned copy */
    const struct trace_format_ops *fmt;
    char *buf;                  /* TRACE_LINE_MAX bytes */
    int line;                   /* number of the line last read */
    bool keep_going;            /* trace_validate: go on after bad lines */
    int errors;                 /* bad lines so far */
    bool failed;                /* a problem was found; reading stops */

    /* CSV header: what each column holds. */
    int ncols;
    enum trace_col col_kind[TRACE_MAX_COLS];
    enum op_field col_field[TRACE_MAX_COLS];
    sim_time col_unit_ps[TRACE_MAX_COLS];
    char col_name[TRACE_MAX_COLS][24];

    /*
     * Lookahead: rows[pend] is the first row of the next request (when
     * have_pending); the other row is where the following line is parsed.
     * Swapping the index, not copying, keeps long traces fast.
     */
    bool have_pending;
    int pend;
    struct trace_row rows[2];

    /* Ordering: the last timestamp seen. */
    bool any;
    sim_time last_ps;
    char last_text[48];
};

struct trace_format_ops {
    const char *name;
    const char *empty_msg;      /* what an empty file is missing */
    const char *field_word;     /* "column" or "key", for messages */
    /* Optional: parses the header line. Returns 0, or -1 with a diag. */
    int (*header)(struct trace_reader *r, char *line, struct diag *dg);
    /* Parses one data line into row. Returns 0, or -1 with a diag. */
    int (*parse)(struct trace_reader *r, char *line, struct trace_row *row,
                 struct diag *dg);
    /* Optional: writes the header. Returns 0 or -1 (errno). */
    int (*write_header)(FILE *fp);
    /* Writes one request. Returns 0 or -1 (errno). */
    int (*write_request)(FILE *fp, uint64_t id, sim_time at_ps,
                         const struct request *rq);
};

extern const struct trace_format_ops trace_csv_format;
extern const struct trace_format_ops trace_jsonl_format;

/* Results of the number parsers. */
enum trace_num {
    NUM_OK = 0,
    NUM_NAN = -1,               /* not a plain decimal number */
    NUM_NEG = -2,               /* negative */
    NUM_BIG = -3,               /* past the maximum */
};

/*
 * Parses a plain decimal ("12", "0.5", "1e-3"; no hex, inf or nan) times
 * unit_ps into whole picoseconds, exactly (rounding half up past the
 * picosecond). Values past max_ps give NUM_BIG.
 */
enum trace_num trace_parse_ps(const char *s, sim_time unit_ps,
                              sim_time max_ps, sim_time *out);

/* Parses a plain decimal amount in [0, max]. */
enum trace_num trace_parse_amount(const char *s, double max, double *out);

/*
 * Writes t picoseconds as an exact decimal number of units of unit_ps (a
 * power of ten), without trailing zeros: 125000000 ps -> "0.000125".
 */
void trace_format_ps(sim_time t, sim_time unit_ps, char *buf, size_t size);

/* Writes x in the shortest %g form that reads back as the same double. */
void trace_format_double(double x, char *buf, size_t size);

/*
 * The unit in picoseconds that a column or key name implies with prefix
 * "time_" or "sleep_" ("time_us" -> 10^6); 0 when it names no unit.
 */
sim_time trace_unit_of(const char *name, const char *prefix);

/*
 * The op kind called `name`, or -1 with "WHERE: unknown op ..." recorded
 * in dg at the current line (`where` is e.g. "column 'op'").
 */
int trace_op_kind(struct trace_reader *r, const char *name,
                  const char *where, struct diag *dg);

#endif
