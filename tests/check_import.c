/*
 * check_import.c - the importers (workloads/import_*.c) on sample inputs
 * the tests write themselves: fio iologs v2 and v3, blkparse text, pcap
 * (both byte orders, micro- and nanosecond stamps) and pcapng; what they
 * write, what they skip, and bad records named by line or record number.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "workloads/import.h"
#include "workloads/trace.h"
#include "tests/suites.h"

/* A growable byte buffer for building captures. */
struct bytes {
    unsigned char b[4096];
    size_t n;
};

static void put(struct bytes *o, const void *p, size_t n)
{
    ck_assert_uint_le(o->n + n, sizeof(o->b));
    memcpy(o->b + o->n, p, n);
    o->n += n;
}

static void put32(struct bytes *o, uint32_t v, int big)
{
    unsigned char c[4];
    int i;

    for (i = 0; i < 4; i++)
        c[big ? 3 - i : i] = (unsigned char)(v >> (8 * i));
    put(o, c, 4);
}

static void put16(struct bytes *o, uint16_t v, int big)
{
    unsigned char c[2];

    c[big ? 1 : 0] = (unsigned char)v;
    c[big ? 0 : 1] = (unsigned char)(v >> 8);
    put(o, c, 2);
}

/* An Ethernet frame with IPv4 and TCP (20-byte header) and payload bytes. */
static size_t frame(unsigned char *f, const unsigned char src[4],
                    const unsigned char dst[4], uint16_t sport,
                    uint16_t dport, size_t payload)
{
    size_t tot = 20 + 20 + payload;

    memset(f, 0, 14 + tot);
    f[12] = 0x08;
    f[14] = 0x45;
    f[16] = (unsigned char)(tot >> 8);
    f[17] = (unsigned char)tot;
    f[23] = 6;
    memcpy(f + 26, src, 4);
    memcpy(f + 30, dst, 4);
    f[34] = (unsigned char)(sport >> 8);
    f[35] = (unsigned char)sport;
    f[36] = (unsigned char)(dport >> 8);
    f[37] = (unsigned char)dport;
    f[46] = 5 << 4;
    return 14 + tot;
}

static const unsigned char host_a[4] = {10, 0, 0, 1};
static const unsigned char guest[4] = {10, 0, 0, 2};
static const unsigned char host_c[4] = {10, 0, 0, 3};

/* Three packets: a->guest 100 B, guest->a 1400 B, c->guest 0 B. */
static const struct {
    const unsigned char *src, *dst;
    uint16_t sport, dport;
    size_t payload;
    uint64_t t_ns;
} packets[] = {
    {host_a, guest, 1234, 80, 100, 1000000000ull},
    {guest, host_a, 80, 1234, 1400, 1000500000ull},
    {host_c, guest, 5555, 80, 0, 1001000000ull},
};
#define NPACKETS (sizeof(packets) / sizeof(packets[0]))

static void classic_pcap(struct bytes *o, int big, int nanos)
{
    unsigned char f[2048];
    size_t i, n;

    o->n = 0;
    put32(o, nanos ? 0xa1b23c4du : 0xa1b2c3d4u, big);
    put16(o, 2, big);
    put16(o, 4, big);
    put32(o, 0, big);
    put32(o, 0, big);
    put32(o, 65535, big);
    put32(o, 1, big);
    for (i = 0; i < NPACKETS; i++) {
        n = frame(f, packets[i].src, packets[i].dst, packets[i].sport,
                  packets[i].dport, packets[i].payload);
        put32(o, (uint32_t)(packets[i].t_ns / 1000000000u), big);
        put32(o, (uint32_t)(packets[i].t_ns % 1000000000u /
                            (nanos ? 1 : 1000)), big);
        put32(o, (uint32_t)n, big);
        put32(o, (uint32_t)n, big);
        put(o, f, n);
    }
}

static void ng_block(struct bytes *o, uint32_t type, const struct bytes *body)
{
    size_t pad = (4 - body->n % 4) % 4;
    uint32_t total = (uint32_t)(12 + body->n + pad);
    static const unsigned char zeros[4];

    put32(o, type, 0);
    put32(o, total, 0);
    put(o, body->b, body->n);
    put(o, zeros, pad);
    put32(o, total, 0);
}

static void pcapng(struct bytes *o)
{
    struct bytes body;
    unsigned char f[2048];
    size_t i, n;

    o->n = 0;
    body.n = 0;
    put32(&body, 0x1a2b3c4du, 0);
    put16(&body, 1, 0);
    put16(&body, 0, 0);
    put32(&body, 0xffffffffu, 0);
    put32(&body, 0xffffffffu, 0);
    ng_block(o, 0x0a0d0d0au, &body);
    body.n = 0;
    put16(&body, 1, 0);                 /* Ethernet */
    put16(&body, 0, 0);
    put32(&body, 65535, 0);
    put16(&body, 9, 0);                 /* if_tsresol: 10^-9 */
    put16(&body, 1, 0);
    put32(&body, 9, 0);                 /* the byte 9, padded */
    put32(&body, 0, 0);                 /* opt_endofopt */
    ng_block(o, 1, &body);
    for (i = 0; i < NPACKETS; i++) {
        n = frame(f, packets[i].src, packets[i].dst, packets[i].sport,
                  packets[i].dport, packets[i].payload);
        body.n = 0;
        put32(&body, 0, 0);
        put32(&body, (uint32_t)(packets[i].t_ns >> 32), 0);
        put32(&body, (uint32_t)packets[i].t_ns, 0);
        put32(&body, (uint32_t)n, 0);
        put32(&body, (uint32_t)n, 0);
        put(&body, f, n);
        ng_block(o, 6, &body);
    }
}

/* Imports in[0..n) with imp into a CSV trace in out (size bytes). */
static int import_mem(const struct importer_ops *imp, const void *in,
                      size_t n, const struct import_opts *o, char *out,
                      size_t size, struct import_summary *sum,
                      struct diag *dg)
{
    FILE *fin = fmemopen((void *)(uintptr_t)in, n, "rb");
    FILE *fout = fmemopen(out, size, "w");
    struct trace_writer w;
    int rc;

    ck_assert_ptr_nonnull(fin);
    ck_assert_ptr_nonnull(fout);
    memset(out, 0, size);
    ck_assert_int_eq(trace_writer_init(&w, fout, "csv"), 0);
    diag_init(dg, "in");
    rc = import_stream(imp, fin, o, &w, sum, dg);
    fclose(fin);
    fclose(fout);
    return rc;
}

/* The index of column `name` in the header line of csv, from 0. */
static int column_of(const char *csv, const char *name)
{
    size_t n = strlen(name);
    const char *p = csv;
    int field = 0;

    for (; *p && *p != '\n'; p++) {
        if ((p == csv || p[-1] == ',') && !strncmp(p, name, n) &&
            (p[n] == ',' || p[n] == '\n'))
            return field;
        if (*p == ',')
            field++;
    }
    return -1;
}

/* The op and bytes columns of the trace lines, "op:bytes;...". */
static void ops_of(const char *csv, char *buf, size_t size)
{
    const char *line = strchr(csv, '\n');
    int bytes_col = column_of(csv, "bytes");

    buf[0] = '\0';
    while (line && line[1]) {
        char op[32];
        const char *p = line + 1;
        int field = 0;
        double bytes = -1;

        for (; *p && *p != '\n'; p++) {
            if (*p != ',')
                continue;
            field++;
            if (field == 2)
                sscanf(p + 1, "%31[^,]", op);
            if (field == bytes_col)
                sscanf(p + 1, "%lf", &bytes);
        }
        snprintf(buf + strlen(buf), size - strlen(buf), "%s:%.0f;", op,
                 bytes);
        line = strchr(line + 1, '\n');
    }
}

START_TEST(test_pcap_variants)
{
    static const struct import_opts o;
    struct import_summary sum;
    struct bytes cap;
    struct diag dg;
    char out[4096], ops[256];

    if (_i < 4)
        classic_pcap(&cap, _i & 1, _i >> 1);
    else
        pcapng(&cap);
    ck_assert_int_eq(import_mem(&pcap_importer, cap.b, cap.n, &o, out,
                                sizeof(out), &sum, &dg), 0);
    ops_of(out, ops, sizeof(ops));
    ck_assert_str_eq(ops, "net_rx:100;net_tx:1400;net_rx:0;");
    ck_assert_ptr_nonnull(strstr(out, "\n0.0005,1,net_tx,"));
    ck_assert_ptr_nonnull(strstr(out, "\n0.001,2,net_rx,"));
    ck_assert_uint_eq(sum.records, 3);
    ck_assert_uint_eq(sum.flows, 2);
    ck_assert_uint_eq(sum.bytes[OP_NET_RX], 100);
    ck_assert_uint_eq(sum.bytes[OP_NET_TX], 1400);
}
END_TEST

START_TEST(test_pcap_local)
{
    struct import_opts o = {.local = "10.0.0.1"};
    struct import_summary sum;
    struct bytes cap;
    struct diag dg;
    char out[4096], ops[256];

    classic_pcap(&cap, 0, 0);
    ck_assert_int_eq(import_mem(&pcap_importer, cap.b, cap.n, &o, out,
                                sizeof(out), &sum, &dg), 0);
    ops_of(out, ops, sizeof(ops));
    /* Seen from 10.0.0.1; the third packet is not its. */
    ck_assert_str_eq(ops, "net_tx:100;net_rx:1400;");
    ck_assert_uint_eq(sum.skipped, 1);
    o.local = "10.0.0";
    ck_assert_int_eq(import_mem(&pcap_importer, cap.b, cap.n, &o, out,
                                sizeof(out), &sum, &dg), -1);
    ck_assert_str_eq(dg.e[0].msg, "--local: expected an IPv4 or IPv6 "
                     "address, got '10.0.0'");
}
END_TEST

START_TEST(test_pcap_errors)
{
    static const struct import_opts o;
    struct import_summary sum;
    struct bytes cap;
    struct diag dg;
    char out[4096];

    classic_pcap(&cap, 0, 0);
    /* Cut inside the second packet's data. */
    ck_assert_int_eq(import_mem(&pcap_importer, cap.b, 24 + 16 + 154 + 16 + 8,
                                &o, out, sizeof(out), &sum, &dg), -1);
    ck_assert_str_eq(dg.e[0].msg, "record 2 (byte offset 194): truncated "
                     "packet data");
    ck_assert_int_eq(import_mem(&pcap_importer, "hello, world", 12, &o, out,
                                sizeof(out), &sum, &dg), -1);
    ck_assert_str_eq(dg.e[0].msg, "not a pcap or pcapng capture (magic "
                     "0x68656c6c)");
    pcapng(&cap);
    cap.b[cap.n - 1] ^= 1;              /* the last trailing length */
    ck_assert_int_eq(import_mem(&pcap_importer, cap.b, cap.n, &o, out,
                                sizeof(out), &sum, &dg), -1);
    ck_assert_msg(strstr(dg.e[0].msg, "record 5 ") &&
                  strstr(dg.e[0].msg, "trailing length"), "got '%s'",
                  dg.e[0].msg);
}
END_TEST

START_TEST(test_fio)
{
    static const char v3[] =
        "fio version 3 iolog\n"
        "2 /dev/nvme0n1 add\n"
        "872 /dev/nvme0n1 open\n"
        "878 /dev/nvme0n1 read 0 4096\n"
        "888 /dev/nvme0n1 write 4096 16384\n"
        "900 /dev/nvme0n1 trim 0 4096\n"
        "10001677 /dev/nvme0n1 close\n";
    static const char v2[] =
        "fio version 2 iolog\n/dev/sda add\n/dev/sda open\n"
        "/dev/sda read 0 4096\n/dev/sda write 0 8192\n"
        "/dev/sda read 0 512\n/dev/sda close\n";
    struct import_opts o = {0};
    struct import_summary sum;
    struct diag dg;
    char out[4096], ops[256];

    ck_assert_int_eq(import_mem(&fio_importer, v3, strlen(v3), &o, out,
                                sizeof(out), &sum, &dg), 0);
    ops_of(out, ops, sizeof(ops));
    ck_assert_str_eq(ops, "disk_read:4096;disk_write:16384;");
    ck_assert_ptr_nonnull(strstr(out, "\n0.00001,1,disk_write,"));
    ck_assert_uint_eq(sum.skipped, 4);
    ck_assert_int_eq(import_mem(&fio_importer, v2, strlen(v2), &o, out,
                                sizeof(out), &sum, &dg), -1);
    ck_assert_int_eq(dg.e[0].line, 1);
    o.rate_rps = 4;
    ck_assert_int_eq(import_mem(&fio_importer, v2, strlen(v2), &o, out,
                                sizeof(out), &sum, &dg), 0);
    ops_of(out, ops, sizeof(ops));
    ck_assert_str_eq(ops, "disk_read:4096;disk_write:8192;disk_read:512;");
    ck_assert_ptr_nonnull(strstr(out, "\n0.5,2,disk_read,"));
}
END_TEST

static const struct {
    const char *text;
    int line;
    const char *msg;
} bad_fio[] = {
    {"fio version 4 iolog\n", 1, "not a fio iolog of version 2 or 3"},
    {"", 0, "empty file"},
    {"fio version 3 iolog\n1 f add\nx f read 0 1\n", 3,
     "time: expected microseconds (digits), got 'x'"},
    {"fio version 3 iolog\n1 f read 0\n", 2, "'read' needs OFFSET and "
     "LENGTH"},
    {"fio version 3 iolog\n1 f reed 0 1\n", 2, "unknown action 'reed'"},
    {"fio version 3 iolog\n9 f read 0 1\n5 f read 0 1\n", 3, "time goes "
     "back to 5000 ns after 9000 ns"},
    {"fio version 3 iolog\n1 f open\n", 0, "no record to import (1 "
     "skipped)"},
};

START_TEST(test_fio_errors)
{
    static const struct import_opts o;
    struct import_summary sum;
    struct diag dg;
    char out[4096];

    ck_assert_int_eq(import_mem(&fio_importer, bad_fio[_i].text,
                                strlen(bad_fio[_i].text), &o, out,
                                sizeof(out), &sum, &dg), -1);
    ck_assert_int_eq(dg.e[0].line, bad_fio[_i].line);
    ck_assert_msg(strncmp(dg.e[0].msg, bad_fio[_i].msg,
                          strlen(bad_fio[_i].msg)) == 0, "got '%s'",
                  dg.e[0].msg);
}
END_TEST

START_TEST(test_blkparse)
{
    static const char text[] =
        "  8,0    3        1     0.000000000  1234  Q   R 1000 + 8 [fio]\n"
        "  8,0    3        2     0.000001000  1234  G   R 1000 + 8 [fio]\n"
        "  8,0    3        5     0.000100000     0  C   R 1000 + 8 [0]\n"
        "  8,0    1        6     0.000200000  1234  Q  WS 2000 + 16 [fio]\n"
        "  8,0    1        7     0.000300000  1234  Q  FN [fio]\n"
        "  8,0    1        8     0.000400000  1234  Q  DS 0 + 8 [fio]\n"
        "  8,0    1        9     0.5  1234  Q  RA 0 + 1 [fio]\n"
        "CPU1 (8,0):\n"
        " Reads Queued:           1,        4KiB\n";
    static const struct import_opts o;
    struct import_summary sum;
    struct diag dg;
    char out[4096], ops[256];

    ck_assert_int_eq(import_mem(&blkparse_importer, text, strlen(text), &o,
                                out, sizeof(out), &sum, &dg), 0);
    ops_of(out, ops, sizeof(ops));
    ck_assert_str_eq(ops, "disk_read:4096;disk_write:8192;disk_read:512;");
    ck_assert_ptr_nonnull(strstr(out, "\n0.0002,1,disk_write,"));
    ck_assert_ptr_nonnull(strstr(out, "\n0.5,2,disk_read,"));
    ck_assert_uint_eq(sum.skipped, 4);
    ck_assert_int_eq(import_mem(&blkparse_importer, "8,0 1 1 0.1 1 Q R 0 + "
                                "8 [x]\nhello world\n", 40, &o, out,
                                sizeof(out), &sum, &dg), -1);
    ck_assert_int_eq(dg.e[0].line, 2);
    ck_assert_str_eq(dg.e[0].msg, "not a blkparse event line: expected "
                     "'MAJ,MIN CPU SEQ TIME PID ACTION RWBS ...', got "
                     "'hello' first");
    ck_assert_int_eq(import_mem(&blkparse_importer, "8,0 1 1 0.1x 1 Q R 0 "
                                "+ 8 [x]\n", 27, &o, out, sizeof(out), &sum,
                                &dg), -1);
    ck_assert_str_eq(dg.e[0].msg, "time: expected SECONDS.NANOS, got "
                     "'0.1x'");
}
END_TEST

START_TEST(test_registry)
{
    struct diag dg;
    size_t i, j;

    for (i = 0; i < import_count(); i++) {
        ck_assert_ptr_eq(import_find(import_at(i)->name, NULL), import_at(i));
        ck_assert(import_at(i)->open && import_at(i)->next);
        for (j = i + 1; j < import_count(); j++)
            ck_assert_str_ne(import_at(i)->name, import_at(j)->name);
    }
    ck_assert_ptr_null(import_at(import_count()));
    diag_init(&dg, "x");
    ck_assert_ptr_null(import_find("pcpa", &dg));
    ck_assert_str_eq(dg.e[0].msg, "unknown input format 'pcpa' (did you "
                     "mean 'pcap'?)");
}
END_TEST

Suite *import_suite(void)
{
    Suite *s = suite_create("import");
    TCase *tc = tcase_create("pcap");

    tcase_add_loop_test(tc, test_pcap_variants, 0, 5);
    tcase_add_test(tc, test_pcap_local);
    tcase_add_test(tc, test_pcap_errors);
    suite_add_tcase(s, tc);
    tc = tcase_create("text");
    tcase_add_test(tc, test_fio);
    tcase_add_loop_test(tc, test_fio_errors, 0,
                        (int)(sizeof(bad_fio) / sizeof(bad_fio[0])));
    tcase_add_test(tc, test_blkparse);
    tcase_add_test(tc, test_registry);
    suite_add_tcase(s, tc);
    return s;
}
