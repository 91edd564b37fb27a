/*
 * import_blktrace.c - blkparse's default text output as a storage trace.
 * Event lines are "MAJ,MIN CPU SEQ SECONDS.NANOS PID ACTION RWBS SECTOR
 * + COUNT [PROCESS]"; each request taken once, when it was queued (Q:
 * when the application issued it), as disk_read or disk_write of COUNT
 * 512-byte sectors by its RWBS field. Other actions (G, I, D, C, ...),
 * requests without data (flushes) and discards are skipped; the summary
 * blkparse prints at the end ("CPU0 (8,0):", "Total (8,0):") ends the
 * input.
 */
#include <string.h>

#include "workloads/import.h"
#include "workloads/import_text.h"

#define SECTOR_BYTES 512

struct blk_state {
    struct import_text t;
    bool done;
};

static int blk_open(void *vs, FILE *fp, const struct import_opts *o,
                    struct diag *dg)
{
    struct blk_state *s = vs;

    (void)o;
    (void)dg;
    s->t.fp = fp;
    return 0;
}

/* "8,0": two decimal numbers and a comma. */
static bool is_device(const char *f)
{
    const char *comma = strchr(f, ',');
    char maj[16];
    uint64_t v;

    if (!comma || (size_t)(comma - f) >= sizeof(maj) || comma == f)
        return false;
    memcpy(maj, f, (size_t)(comma - f));
    maj[comma - f] = '\0';
    return import_text_u64(maj, &v) == 0 && import_text_u64(comma + 1, &v) == 0;
}

static int blk_next(void *vs, struct import_record *rec, uint64_t *skipped,
                    struct diag *dg)
{
    struct blk_state *s = vs;
    struct import_text *t = &s->t;

    while (!s->done && import_text_next(t)) {
        const char *rwbs;
        uint64_t count;

        if (!strcmp(t->field[0], "CPU") || !strncmp(t->field[0], "CPU", 3) ||
            !strcmp(t->field[0], "Total")) {
            s->done = true;     /* the summary: no events past it */
            break;
        }
        if (!is_device(t->field[0]) || t->nfields < 7)
            return diag_set(dg, t->line, 1, "not a blkparse event line: "
                            "expected 'MAJ,MIN CPU SEQ TIME PID ACTION RWBS "
                            "...', got '%s' first", t->field[0]);
        if (import_text_seconds_ns(t->field[3], &rec->time_ns) < 0)
            return diag_set(dg, t->line, 0, "time: expected SECONDS.NANOS, "
                            "got '%s'", t->field[3]);
        rwbs = t->field[6];
        if (strcmp(t->field[5], "Q") != 0 || strchr(rwbs, 'D') ||
            (!strchr(rwbs, 'R') && !strchr(rwbs, 'W'))) {
            (*skipped)++;
            continue;
        }
        if (t->nfields < 10 || strcmp(t->field[8], "+") != 0) {
            (*skipped)++;       /* a queued request without data */
            continue;
        }
        if (import_text_u64(t->field[9], &count) < 0 ||
            count > UINT64_MAX / SECTOR_BYTES)
            return diag_set(dg, t->line, 0, "sector count: expected a "
                            "number, got '%s'", t->field[9]);
        rec->op = strchr(rwbs, 'W') ? OP_DISK_WRITE : OP_DISK_READ;
        rec->bytes = count * SECTOR_BYTES;
        rec->flow = 0;
        rec->line = t->line;
        return 1;
    }
    return 0;
}

static void blk_release(void *vs)
{
    struct blk_state *s = vs;

    import_text_release(&s->t);
}

const struct importer_ops blkparse_importer = {
    .name = "blkparse",
    .summary = "blkparse text output (blktrace): queued reads and writes",
    .state_size = sizeof(struct blk_state),
    .open = blk_open,
    .next = blk_next,
    .release = blk_release,
};
