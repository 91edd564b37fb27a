/*
 * import.h - real measurements in as traces: importers read another
 * tool's record of what happened (fio iologs, blkparse text, pcap and
 * pcapng captures) one record at a time and the driver writes each as a
 * request of one op to a virtsim trace (workloads/trace.h), with times
 * from the first record. Streamed: memory stays the same whatever the
 * input's length. Bad input is an error naming the record (its line for
 * text formats, its number and byte offset for captures).
 *
 * Importers are ops structs in one registry (import.c); adding one is a
 * file workloads/import_NAME.c and a line in the table.
 */
#ifndef VIRTSIM_IMPORT_H
#define VIRTSIM_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/diag.h"
#include "base/op.h"
#include "workloads/trace.h"

/* What the user tells an importer. */
struct import_opts {
    double rate_rps;            /* fio v2 (no times): requests per second;
                                 * 0 when not given */
    const char *local;          /* pcap: the guest's IPv4 address
                                 * (dotted); NULL: the first packet's
                                 * destination */
};

/* One record: an op with its time (ns, any origin, never decreasing). */
struct import_record {
    uint64_t time_ns;
    enum op_kind op;            /* OP_NET_RX, OP_NET_TX, OP_DISK_READ, ... */
    uint64_t bytes;
    uint64_t flow;              /* a flow's number (pcap), from 0; else 0 */
    int line;                   /* text formats: the record's line; else 0 */
};

struct importer_ops {
    const char *name;           /* what users type: "fio", "blkparse" */
    const char *summary;        /* one line for help */
    size_t state_size;
    /* Reads the header, if any, from fp (borrowed). 0 or -1 with a diag. */
    int (*open)(void *state, FILE *fp, const struct import_opts *o,
                struct diag *dg);
    /*
     * The next record into *rec: 1, 0 at the end of the input, or -1 with
     * a diag. Records the trace cannot hold (fio's "open", a blkparse
     * completion) are skipped, counted in *skipped.
     */
    int (*next)(void *state, struct import_record *rec, uint64_t *skipped,
                struct diag *dg);
    uint64_t (*flows)(const void *state);  /* optional: flows seen */
    void (*release)(void *state);           /* optional */
};

extern const struct importer_ops fio_importer;
extern const struct importer_ops blkparse_importer;
extern const struct importer_ops pcap_importer;

/*
 * The importer called name, or NULL with "unknown input format 'x' (did
 * you mean 'y'?)" in dg.
 */
const struct importer_ops *import_find(const char *name, struct diag *dg);

/* Number of importers, and the i-th (NULL past the end). */
size_t import_count(void);
const struct importer_ops *import_at(size_t i);

/* What an import wrote. */
struct import_summary {
    uint64_t records;           /* written, one request each */
    uint64_t skipped;           /* read but not written */
    uint64_t ops[OP_KIND_COUNT];
    uint64_t bytes[OP_KIND_COUNT];
    uint64_t flows;             /* pcap: distinct flows */
    double span_s;              /* from the first record to the last */
};

/*
 * Reads every record of in through imp and writes it to w, times from the
 * first record. Times that go back are an error at their record. Returns
 * 0, or -1 with a diag (bad input: status 2), or -2 when writing failed
 * (errno set: a runtime failure).
 */
int import_stream(const struct importer_ops *imp, FILE *in,
                  const struct import_opts *o, struct trace_writer *w,
                  struct import_summary *sum, struct diag *dg);

#endif
