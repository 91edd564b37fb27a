/*
 * import.c - the importers' registry and the driver that streams records
 * from one into a trace writer.
 */
#include "workloads/import.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "workloads/request.h"

static const struct importer_ops *const importers[] = {
    &fio_importer,
    &blkparse_importer,
    &pcap_importer,
};

#define N_IMPORTERS (sizeof(importers) / sizeof(importers[0]))

size_t import_count(void)
{
    return N_IMPORTERS;
}

const struct importer_ops *import_at(size_t i)
{
    return i < N_IMPORTERS ? importers[i] : NULL;
}

const struct importer_ops *import_find(const char *name, struct diag *dg)
{
    const char *names[N_IMPORTERS];
    size_t i;

    for (i = 0; i < N_IMPORTERS; i++) {
        if (strcmp(importers[i]->name, name) == 0)
            return importers[i];
        names[i] = importers[i]->name;
    }
    diag_unknown(dg, "input format", name, names, N_IMPORTERS, NULL);
    return NULL;
}

int import_stream(const struct importer_ops *imp, FILE *in,
                  const struct import_opts *o, struct trace_writer *w,
                  struct import_summary *sum, struct diag *dg)
{
    void *state = xcalloc(1, imp->state_size ? imp->state_size : 1);
    struct import_record rec;
    struct request rq;
    uint64_t first = 0, last = 0;
    int rc, got = 0;

    memset(sum, 0, sizeof(*sum));
    rc = imp->open(state, in, o, dg);
    while (rc == 0 &&
           (got = imp->next(state, &rec, &sum->skipped, dg)) > 0) {
        if (sum->records == 0)
            first = last = rec.time_ns;
        if (rec.time_ns < last) {
            rc = -1;
            if (rec.line)
                diag_set(dg, rec.line, 0, "time goes back to %llu ns after "
                         "%llu ns", (unsigned long long)rec.time_ns,
                         (unsigned long long)last);
            else
                diag_set(dg, 0, 0, "record %llu: time goes back to %llu ns "
                         "after %llu ns", (unsigned long long)sum->records + 1,
                         (unsigned long long)rec.time_ns,
                         (unsigned long long)last);
            break;
        }
        last = rec.time_ns;
        memset(&rq, 0, sizeof(rq));
        rq.nops = 1;
        rq.ops[0].kind = rec.op;
        rq.ops[0].bytes = (double)rec.bytes;
        if (trace_write(w, (sim_time)(rec.time_ns - first) * 1000, &rq) < 0) {
            rc = -2;
            break;
        }
        sum->records++;
        sum->ops[rec.op]++;
        sum->bytes[rec.op] += rec.bytes;
    }
    if (rc == 0 && got < 0)
        rc = -1;
    if (rc == 0 && sum->records == 0)
        rc = diag_set(dg, 0, 0, "no record to import (%llu skipped)",
                      (unsigned long long)sum->skipped);
    sum->span_s = (double)(last - first) / 1e9;
    if (imp->flows)
        sum->flows = imp->flows(state);
    if (imp->release)
        imp->release(state);
    free(state);
    return rc;
}
