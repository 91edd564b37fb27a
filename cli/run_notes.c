/*
 * run_notes.c - how far a run's intervals can be read: the latency
 * histogram's resolution floor, and intervals too wide to act on.
 * Reads results only.
 */
#include "cli/run_notes.h"

#include <math.h>

#include "sim/hist.h"

double run_notes_resolution(void)
{
    return 1.0 / HIST_SUB;
}

/* The latency percentiles, which the histogram quantizes. */
static const struct metric *percentile(const struct cell_result *c, int k)
{
    const struct metric *m[] = {&c->lat_p50, &c->lat_p90, &c->lat_p99,
                                &c->lat_p999};

    return k < 4 ? m[k] : NULL;
}

/* An interval below the resolution floor: narrower than a bucket. */
static bool below_floor(const struct metric *m, unsigned replications)
{
    return replications > 1 && isfinite(m->mean) && m->mean > 0 &&
           isfinite(m->ci95) && m->ci95 < m->mean * run_notes_resolution();
}

/* An interval wider than half its value. */
static bool too_wide(const struct metric *m)
{
    return isfinite(m->mean) && isfinite(m->ci95) && m->mean > 0 &&
           m->ci95 > 0.5 * m->mean;
}

int run_notes_print(const struct results *r, FILE *fp)
{
    const struct cell_result *wide_cell = NULL;
    const char *wide_what = NULL;
    const struct metric *wide_m = NULL;
    size_t i, nfloor = 0, nwide = 0;
    unsigned reps = 0;
    int k, notes = 0;

    for (i = 0; i < r->ncells; i++) {
        const struct cell_result *c = &r->cells[i];
        const struct metric *tw[] = {&c->throughput_rps, &c->lat_mean,
                                     &c->lat_p99};
        static const char *const tw_name[] = {"throughput", "mean latency",
                                              "p99"};
        bool wide = false;

        for (k = 0; k < 4; k++)
            if (below_floor(percentile(c, k), c->replications))
                nfloor++;
        for (k = 0; k < 3; k++) {
            if (!too_wide(tw[k]))
                continue;
            if (!wide_cell) {
                wide_cell = c;
                wide_what = tw_name[k];
                wide_m = tw[k];
                reps = c->replications;
            }
            wide = true;
        }
        nwide += wide;
    }
    if (nfloor > 0) {
        fprintf(fp, "virtsim run: note: %zu latency percentile interval%s "
                "narrower than the latency histogram's resolution "
                "(%.2g%% of the value): the replications fell in one bucket, "
                "so read '+-0' as within %.2g%%\n", nfloor,
                nfloor == 1 ? " is" : "s are",
                100 * run_notes_resolution(), 100 * run_notes_resolution());
        notes++;
    }
    if (nwide > 0) {
        fprintf(fp, "virtsim run: note: %zu cell%s an interval wider than "
                "half its value (first: %.*s under %.*s, %s %.4g +- %.4g); "
                "more replications (\"replications\": %u now) or a longer "
                "\"duration_s\" would narrow it\n", nwide,
                nwide == 1 ? " has" : "s have", RESULT_NAME_MAX,
                wide_cell->instance, RESULT_NAME_MAX, wide_cell->generation,
                wide_what, wide_m->mean, wide_m->ci95, reps);
        notes++;
    }
    return notes;
}
