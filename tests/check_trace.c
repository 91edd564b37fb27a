/*
 * check_trace.c - tests for the trace reader and writer (workloads/trace*):
 * round trips (generate, write, read back: the same times and ops, bit for
 * bit) in both formats, the bad-trace corpus under tests/data/traces/ with
 * the exact first line each must print, CRLF files reading like LF ones,
 * validation reporting every bad line, rewinding, and the number parsers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "base/xalloc.h"
#include "tests/suites.h"
#include "workloads/trace.h"
#include "workloads/trace_int.h"
#include "workloads/workload_json.h"

#define DATA "tests/data/traces/"

/* The first line diag_print writes for dg, without its newline. */
static void first_line(const struct diag *dg, char *buf, size_t size)
{
    FILE *fp = tmpfile();
    char *nl;

    ck_assert_ptr_nonnull(fp);
    diag_print(dg, fp);
    rewind(fp);
    if (!fgets(buf, (int)size, fp))
        buf[0] = '\0';
    fclose(fp);
    nl = strchr(buf, '\n');
    if (nl)
        *nl = '\0';
}

/* ---- round trips ---- */

static const char *const round_trip_workloads[] = {
    "{\"generator\": \"web\"}",
    "{\"generator\": \"oltp\", \"rate_rps\": 50000}",
    "{\"arrival\": {\"process\": \"bursty\", \"rate_rps\": 20000, "
    "\"on_s\": 0.001, \"off_s\": 0.002},"
    " \"request\": [{\"op\": \"compute\", \"cycles\": {\"dist\": "
    "\"exponential\", \"mean\": 1e5}, \"syscalls\": {\"dist\": \"uniform\","
    " \"min\": 0, \"max\": 3}, \"page_faults\": 0.25, \"pt_updates\": 1,"
    " \"privileged\": {\"dist\": \"exponential\", \"mean\": 0.3}},"
    " {\"op\": \"sleep\", \"seconds\": {\"dist\": \"exponential\", "
    "\"mean\": 1e-5}}, {\"op\": \"irq\", \"count\": 2},"
    " {\"op\": \"timer\", \"count\": 1}, {\"op\": \"disk_write\", "
    "\"bytes\": {\"dist\": \"pareto\", \"alpha\": 1.2, \"min\": 512}}]}",
};

#define RT_N 500

struct drawn {
    sim_time at;
    struct request rq;
};

static void round_trip(int wi, const char *format)
{
    struct drawn *d = xcalloc(RT_N, sizeof(*d));
    struct request *got = xmalloc(sizeof(*got));
    struct rng_stream a, s;
    struct trace_writer tw;
    struct trace_reader *r;
    struct workload w;
    struct diag dg;
    char path[] = "/tmp/virtsim-check-trace-XXXXXX";
    json_t *obj;
    sim_time t = 0, at;
    FILE *fp;
    size_t j;
    int i, fd;

    obj = json_loads(round_trip_workloads[wi], 0, NULL);
    diag_init(&dg, "rt");
    ck_assert_int_eq(workload_from_json(obj, "", NULL, &w, &dg), 0);
    json_decref(obj);
    rng_stream_init(&a, 7, 0, 0, 0);
    rng_stream_init(&s, 7, 0, 0, 1);
    fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    fp = fdopen(fd, "w");
    ck_assert_int_eq(trace_writer_init(&tw, fp, format), 0);
    for (i = 0; i < RT_N; i++) {
        sim_time gap;

        ck_assert_int_eq(workload_next(&w, &a, &s, &gap, &d[i].rq, &dg), 1);
        t += gap;
        d[i].at = t;
        ck_assert_int_eq(trace_write(&tw, t, &d[i].rq), 0);
    }
    ck_assert_int_eq(fclose(fp), 0);

    r = trace_open(path, format, &dg);
    ck_assert_msg(r != NULL, "%s: %s", format, dg.count ? dg.e[0].msg : "");
    for (i = 0; i < RT_N; i++) {
        ck_assert_int_eq(trace_next(r, &at, got, &dg), 1);
        ck_assert_msg(at == d[i].at, "%s workload %d request %d: time %llu, "
                      "wrote %llu", format, wi, i, (unsigned long long)at,
                      (unsigned long long)d[i].at);
        ck_assert_uint_eq(got->nops, d[i].rq.nops);
        for (j = 0; j < got->nops; j++) {
            const struct op *x = &got->ops[j], *y = &d[i].rq.ops[j];

            ck_assert_int_eq(x->kind, y->kind);
            ck_assert_double_eq(x->cycles, y->cycles);
            ck_assert_double_eq(x->syscalls, y->syscalls);
            ck_assert_double_eq(x->page_faults, y->page_faults);
            ck_assert_double_eq(x->pt_updates, y->pt_updates);
            ck_assert_double_eq(x->privileged, y->privileged);
            ck_assert_double_eq(x->bytes, y->bytes);
            ck_assert_double_eq(x->count, y->count);
            ck_assert_uint_eq(x->sleep_ps, y->sleep_ps);
        }
    }
    ck_assert_int_eq(trace_next(r, &at, got, &dg), 0);
    ck_assert_int_eq(trace_next(r, &at, got, &dg), 0);
    trace_close(r);
    unlink(path);
    rng_stream_release(&a);
    rng_stream_release(&s);
    workload_release(&w);
    free(got);
    free(d);
}

START_TEST(test_round_trip_csv)
{
    round_trip(_i, "csv");
}
END_TEST

START_TEST(test_round_trip_jsonl)
{
    round_trip(_i, "jsonl");
}
END_TEST

/* ---- the bad-trace corpus ---- */

struct bad_trace {
    const char *file;
    const char *want;           /* first line diag_print writes */
};

static const struct bad_trace corpus[] = {
    {"empty.csv", DATA "empty.csv: error: empty file (expected a header line "
     "such as 'time_s,op,bytes')"},
    {"header-only.csv", DATA "header-only.csv: error: no requests after the "
     "header line"},
    {"missing-op.csv", DATA "missing-op.csv:1: error: missing column 'op'"},
    {"missing-time.csv", DATA "missing-time.csv:1: error: missing column "
     "'time_s' (or time_ms, time_us, time_ns)"},
    {"unknown-column.csv", DATA "unknown-column.csv:1: error: unknown column "
     "'byte' (did you mean 'bytes'?)"},
    {"negative-bytes.csv", DATA "negative-bytes.csv:3: error: column 'bytes': "
     "must be >= 0, got '-512'"},
    {"non-numeric.csv", DATA "non-numeric.csv:2: error: column 'bytes': "
     "expected a number, got 'five'"},
    {"non-numeric-time.csv", DATA "non-numeric-time.csv:2: error: column "
     "'time_s': expected a number, got 'noon'"},
    {"hex.csv", DATA "hex.csv:2: error: column 'bytes': expected a number, "
     "got '0x10'"},
    {"unsorted.csv", DATA "unsorted.csv:3: error: column 'time_s': timestamps "
     "must not decrease, got '0.5' after '0.7'"},
    {"huge-bytes.csv", DATA "huge-bytes.csv:2: error: column 'bytes': must be "
     "at most 1e+12, got '1e300'"},
    {"huge-time.csv", DATA "huge-time.csv:2: error: column 'time_s': must be "
     "at most 1e+07, got '1e300'"},
    {"overflow.csv", DATA "overflow.csv:2: error: column 'bytes': must be at "
     "most 1e+12, got '1e999'"},
    {"stray-cr.csv", DATA "stray-cr.csv:2: error: carriage return inside a "
     "line (line endings must be LF or CRLF)"},
    {"extra-field.csv", DATA "extra-field.csv:2: error: expected 3 fields, "
     "got 4"},
    {"trailing-garbage.csv", DATA "trailing-garbage.csv:2: error: column "
     "'bytes': expected a number, got '5 junk'"},
    {"unknown-op.csv", DATA "unknown-op.csv:2: error: column 'op': unknown op "
     "'net_tz' (did you mean 'net_tx'?)"},
    {"needs-bytes.csv", DATA "needs-bytes.csv:2: error: op 'net_rx' needs a "
     "value in column 'bytes'"},
    {"not-applicable.csv", DATA "not-applicable.csv:2: error: column 'bytes' "
     "does not apply to op 'compute', got '512'"},
    {"request-time.csv", DATA "request-time.csv:3: error: column 'time_s': "
     "'0.2' differs from the time of request 1 ('0.1')"},
    {"empty.jsonl", DATA "empty.jsonl: error: empty file (expected one JSON "
     "object per line)"},
    {"trailing-garbage.jsonl", DATA "trailing-garbage.jsonl:1:48: error: "
     "invalid JSON: end of file expected near 'junk'"},
    {"negative.jsonl", DATA "negative.jsonl:1: error: ops[0]: key 'bytes': "
     "must be >= 0, got -5"},
    {"unsorted.jsonl", DATA "unsorted.jsonl:2: error: key 'time_s': "
     "timestamps must not decrease, got '0.5' after '0.7'"},
    {"missing-time.jsonl", DATA "missing-time.jsonl:1: error: missing key "
     "'time_s' (or time_ms, time_us, time_ns)"},
    {"not-object.jsonl", DATA "not-object.jsonl:1: error: expected a JSON "
     "object, got an array"},
    {"unknown-key.jsonl", DATA "unknown-key.jsonl:1: error: unknown key "
     "'byts' (did you mean 'bytes'?)"},
};

/* Reads a trace as a run would: open, then requests until an error. */
static int read_all(const char *path, struct diag *dg)
{
    struct trace_reader *r = trace_open(path, NULL, dg);
    struct request *rq;
    sim_time at;
    int rc;

    if (!r)
        return -1;
    rq = xmalloc(sizeof(*rq));
    while ((rc = trace_next(r, &at, rq, dg)) > 0)
        ;
    free(rq);
    trace_close(r);
    return rc;
}

START_TEST(test_bad_trace)
{
    const struct bad_trace *c = &corpus[_i];
    char path[256], got[512];
    struct diag dg;

    snprintf(path, sizeof(path), DATA "%s", c->file);
    diag_init(&dg, path);
    ck_assert_int_eq(read_all(path, &dg), -1);
    first_line(&dg, got, sizeof(got));
    ck_assert_msg(!strcmp(got, c->want), "\n got  %s\n want %s", got, c->want);
    /* Validation finds the same first problem. */
    diag_init(&dg, path);
    ck_assert_int_eq(trace_validate(path, NULL, NULL, &dg), -1);
    first_line(&dg, got, sizeof(got));
    ck_assert_str_eq(got, c->want);
}
END_TEST

START_TEST(test_crlf_reads_like_lf)
{
    struct trace_reader *lf, *crlf;
    struct request a, b;
    struct diag dg;
    sim_time ta, tb;
    int ra, rb, n = 0;

    diag_init(&dg, "crlf");
    lf = trace_open(DATA "good.csv", NULL, &dg);
    crlf = trace_open(DATA "crlf.csv", NULL, &dg);
    ck_assert_ptr_nonnull(lf);
    ck_assert_ptr_nonnull(crlf);
    do {
        ra = trace_next(lf, &ta, &a, &dg);
        rb = trace_next(crlf, &tb, &b, &dg);
        ck_assert_int_eq(ra, rb);
        if (ra > 0) {
            ck_assert_uint_eq(ta, tb);
            ck_assert_uint_eq(a.nops, b.nops);
            ck_assert(!memcmp(a.ops, b.ops, a.nops * sizeof(a.ops[0])));
            n++;
        }
    } while (ra > 0);
    ck_assert_int_eq(n, 3);
    ck_assert_int_eq(dg.count, 0);
    trace_close(lf);
    trace_close(crlf);
}
END_TEST

START_TEST(test_good_trace)
{
    struct trace_summary sum;
    struct trace_reader *r;
    struct request rq;
    struct diag dg;
    sim_time at;

    diag_init(&dg, "good");
    r = trace_open(DATA "good.csv", NULL, &dg);
    ck_assert_ptr_nonnull(r);
    ck_assert_str_eq(trace_path(r), DATA "good.csv");
    ck_assert_int_eq(trace_next(r, &at, &rq, &dg), 1);
    ck_assert_uint_eq(at, SIM_PS_PER_MS);
    ck_assert_uint_eq(rq.nops, 3);
    ck_assert_double_eq(rq.ops[1].cycles, 200000);
    ck_assert_double_eq(rq.ops[1].syscalls, 4);
    ck_assert_int_eq(trace_next(r, &at, &rq, &dg), 1);
    ck_assert_uint_eq(rq.nops, 2);
    ck_assert_int_eq(rq.ops[1].kind, OP_SLEEP);
    ck_assert_uint_eq(rq.ops[1].sleep_ps, 250 * SIM_PS_PER_US);
    ck_assert_int_eq(trace_next(r, &at, &rq, &dg), 1);
    ck_assert_uint_eq(at, 1500 * SIM_PS_PER_US);
    ck_assert_int_eq(trace_next(r, &at, &rq, &dg), 0);
    /* Rewound, it reads the same first request again. */
    ck_assert_int_eq(trace_rewind(r, &dg), 0);
    ck_assert_int_eq(trace_next(r, &at, &rq, &dg), 1);
    ck_assert_uint_eq(at, SIM_PS_PER_MS);
    ck_assert_uint_eq(rq.nops, 3);
    trace_close(r);
    trace_close(NULL);
    ck_assert_int_eq(trace_validate(DATA "good.csv", "csv", &sum, &dg), 0);
    ck_assert_uint_eq(sum.requests, 3);
    ck_assert_uint_eq(sum.ops, 6);
    ck_assert_uint_eq(sum.first_ps, SIM_PS_PER_MS);
    ck_assert_uint_eq(sum.last_ps, 1500 * SIM_PS_PER_US);
}
END_TEST

/* Validation goes on after a bad line and reports every one. */
START_TEST(test_validate_reports_all)
{
    struct diag dg;

    diag_init(&dg, "many");
    ck_assert_int_eq(trace_validate(DATA "many-errors.csv", NULL, NULL, &dg),
                     -1);
    ck_assert_int_eq(dg.count, 3);
    ck_assert_int_eq(dg.e[0].line, 3);
    ck_assert_str_eq(dg.e[0].msg, "column 'bytes': expected a number, got "
                     "'x'");
    ck_assert_int_eq(dg.e[1].line, 5);
    ck_assert_str_eq(dg.e[1].msg, "column 'time_s': timestamps must not "
                     "decrease, got '0.1' after '0.3'");
    ck_assert_int_eq(dg.e[2].line, 6);
    ck_assert_str_eq(dg.e[2].msg, "column 'bytes': must be >= 0, got '-1'");
}
END_TEST

START_TEST(test_numbers)
{
    sim_time t;
    double x;
    char buf[48];

    ck_assert_int_eq(trace_parse_ps("0.000125", SIM_PS_PER_S, SIM_TIME_MAX,
                                    &t), NUM_OK);
    ck_assert_uint_eq(t, 125000000);
    ck_assert_int_eq(trace_parse_ps("1.5e-3", SIM_PS_PER_S, SIM_TIME_MAX, &t),
                     NUM_OK);
    ck_assert_uint_eq(t, 1500000000);
    ck_assert_int_eq(trace_parse_ps("2.5", SIM_PS_PER_NS, SIM_TIME_MAX, &t),
                     NUM_OK);
    ck_assert_uint_eq(t, 2500);
    ck_assert_int_eq(trace_parse_ps("0.0000000000006", SIM_PS_PER_S,
                                    SIM_TIME_MAX, &t), NUM_OK);
    ck_assert_uint_eq(t, 1);                    /* 0.6 ps rounds to 1 */
    ck_assert_int_eq(trace_parse_ps("-0", SIM_PS_PER_S, 10, &t), NUM_OK);
    ck_assert_uint_eq(t, 0);
    ck_assert_int_eq(trace_parse_ps("-1", SIM_PS_PER_S, 10, &t), NUM_NEG);
    ck_assert_int_eq(trace_parse_ps("1", SIM_PS_PER_S, 10, &t), NUM_BIG);
    ck_assert_int_eq(trace_parse_ps("1e", SIM_PS_PER_S, 10, &t), NUM_NAN);
    ck_assert_int_eq(trace_parse_ps(".", SIM_PS_PER_S, 10, &t), NUM_NAN);
    ck_assert_int_eq(trace_parse_ps("inf", SIM_PS_PER_S, 10, &t), NUM_NAN);
    ck_assert_int_eq(trace_parse_amount("nan", 10, &x), NUM_NAN);
    ck_assert_int_eq(trace_parse_amount("-0", 10, &x), NUM_OK);
    ck_assert_double_eq(x, 0);
    ck_assert_int_eq(trace_parse_amount("", 10, &x), NUM_NAN);
    trace_format_ps(125000000, SIM_PS_PER_S, buf, sizeof(buf));
    ck_assert_str_eq(buf, "0.000125");
    trace_format_ps(3 * SIM_PS_PER_S, SIM_PS_PER_S, buf, sizeof(buf));
    ck_assert_str_eq(buf, "3");
    trace_format_ps(1, SIM_PS_PER_US, buf, sizeof(buf));
    ck_assert_str_eq(buf, "0.000001");
    trace_format_double(0.1, buf, sizeof(buf));
    ck_assert_str_eq(buf, "0.1");
    ck_assert_str_eq(trace_format_guess("a/b.jsonl"), "jsonl");
    ck_assert_str_eq(trace_format_guess("b.csv"), "csv");
    ck_assert(trace_format_valid("jsonl") && !trace_format_valid("tsv"));
}
END_TEST

Suite *trace_suite(void)
{
    Suite *s = suite_create("trace");
    TCase *tc = tcase_create("round_trip");
    int n = (int)(sizeof(round_trip_workloads) /
                  sizeof(round_trip_workloads[0]));

    tcase_add_loop_test(tc, test_round_trip_csv, 0, n);
    tcase_add_loop_test(tc, test_round_trip_jsonl, 0, n);
    suite_add_tcase(s, tc);
    tc = tcase_create("core");
    tcase_add_test(tc, test_good_trace);
    tcase_add_test(tc, test_crlf_reads_like_lf);
    tcase_add_test(tc, test_numbers);
    suite_add_tcase(s, tc);
    tc = tcase_create("errors");
    tcase_add_loop_test(tc, test_bad_trace, 0,
                        (int)(sizeof(corpus) / sizeof(corpus[0])));
    tcase_add_test(tc, test_validate_reports_all);
    suite_add_tcase(s, tc);
    return s;
}
