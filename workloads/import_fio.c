/*
 * import_fio.c - fio iologs (write_iolog=) as storage traces. Version 2
 * lines are "FILE ACTION [OFFSET LENGTH]" with no times, so they need a
 * rate (--rate-rps): request i arrives at i / rate. Version 3 lines are
 * "USEC FILE ACTION [OFFSET LENGTH]", times in microseconds from the
 * start (fio's iolog.c writes utime_since_now). read and write become
 * disk_read and disk_write of LENGTH bytes; add, open, close, sync,
 * datasync, trim and wait carry no data here and are skipped.
 */
#include <math.h>
#include <string.h>

#include "workloads/import.h"
#include "workloads/import_text.h"

struct fio_state {
    struct import_text t;
    int version;
    double rate_rps;
    uint64_t n;                 /* data records so far (v2 times) */
};

static int fio_open(void *vs, FILE *fp, const struct import_opts *o,
                    struct diag *dg)
{
    struct fio_state *s = vs;

    s->t.fp = fp;
    if (!import_text_next(&s->t))
        return diag_set(dg, 0, 0, "empty file: expected 'fio version 2 "
                        "iolog' or 'fio version 3 iolog'");
    if (s->t.nfields == 4 && !strcmp(s->t.field[0], "fio") &&
        !strcmp(s->t.field[1], "version") && !strcmp(s->t.field[3], "iolog"))
        s->version = !strcmp(s->t.field[2], "2") ? 2 :
                     !strcmp(s->t.field[2], "3") ? 3 : 0;
    if (s->version == 0)
        return diag_set(dg, s->t.line, 1, "not a fio iolog of version 2 or "
                        "3: the first line must be 'fio version 2 iolog' or "
                        "'fio version 3 iolog'");
    s->rate_rps = o->rate_rps;
    if (s->version == 2 && !(o->rate_rps > 0))
        return diag_set(dg, s->t.line, 1, "a version 2 iolog has no times: "
                        "give the rate to replay it at with --rate-rps");
    return 0;
}

static const char *const skipped_actions[] = {
    "add", "open", "close", "sync", "datasync", "trim", "wait",
    "sync_file_range",
};

static int fio_next(void *vs, struct import_record *rec, uint64_t *skipped,
                    struct diag *dg)
{
    struct fio_state *s = vs;
    size_t i;

    while (import_text_next(&s->t)) {
        int base = s->version == 3;     /* v3 lines start with the time */
        const char *action;
        uint64_t usec = 0, offset;

        if (s->t.nfields < 2 + base)
            return diag_set(dg, s->t.line, 1, "expected %sFILE ACTION "
                            "[OFFSET LENGTH], got %d field%s",
                            base ? "USEC " : "", s->t.nfields,
                            s->t.nfields == 1 ? "" : "s");
        if (base && import_text_u64(s->t.field[0], &usec) < 0)
            return diag_set(dg, s->t.line, 1, "time: expected microseconds "
                            "(digits), got '%s'", s->t.field[0]);
        action = s->t.field[1 + base];
        if (!strcmp(action, "read") || !strcmp(action, "write")) {
            if (s->t.nfields != 4 + base ||
                import_text_u64(s->t.field[2 + base], &offset) < 0 ||
                import_text_u64(s->t.field[3 + base], &rec->bytes) < 0)
                return diag_set(dg, s->t.line, 1, "'%s' needs OFFSET and "
                                "LENGTH, both byte counts", action);
            rec->op = action[0] == 'r' ? OP_DISK_READ : OP_DISK_WRITE;
            rec->time_ns = base ? usec * 1000 :
                (uint64_t)llround((double)s->n * 1e9 / s->rate_rps);
            rec->flow = 0;
            rec->line = s->t.line;
            s->n++;
            return 1;
        }
        for (i = 0; i < sizeof(skipped_actions) / sizeof(*skipped_actions);
             i++)
            if (!strcmp(action, skipped_actions[i]))
                break;
        if (i == sizeof(skipped_actions) / sizeof(*skipped_actions))
            return diag_set(dg, s->t.line, 1, "unknown action '%s' (fio "
                            "writes read, write, add, open, close, sync, "
                            "datasync, trim, wait)", action);
        (*skipped)++;
    }
    return 0;
}

static void fio_release(void *vs)
{
    struct fio_state *s = vs;

    import_text_release(&s->t);
}

const struct importer_ops fio_importer = {
    .name = "fio",
    .summary = "fio iolog (write_iolog=), version 2 or 3: storage requests",
    .state_size = sizeof(struct fio_state),
    .open = fio_open,
    .next = fio_next,
    .release = fio_release,
};
