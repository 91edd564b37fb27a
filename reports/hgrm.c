/*
 * hgrm.c - latency distributions in HdrHistogram's percentile
 * distribution text format (.hgrm). Reads results only.
 */
#include "reports/hgrm.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "reports/atomic.h"

/* Points of the spectrum with a finite value, in order of quantile. */
static size_t spectrum_len(const struct cell_result *c)
{
    size_t n = 0;

    while (n < RESULT_SPECTRUM && isfinite(c->spectrum_us[n]) &&
           isfinite(c->spectrum_q[n]) && c->spectrum_q[n] > 0)
        n++;
    return n;
}

void hgrm_write_cell(const struct cell_result *c, FILE *fp)
{
    size_t i, n = spectrum_len(c);
    double total = (double)c->completed, sum = 0, sum2 = 0, prev_q = 0;
    double mean, sd;

    /* Header and rows as HdrHistogram's outputPercentileDistribution. */
    fprintf(fp, "%12s %14s %10s %14s\n\n", "Value", "Percentile",
            "TotalCount", "1/(1-Percentile)");
    for (i = 0; i < n; i++) {
        double q = c->spectrum_q[i], v = c->spectrum_us[i];

        if (q < 1)
            fprintf(fp, "%12.3f %2.12f %10.0f %14.2f\n", v, q,
                    floor(q * total + 0.5), 1 / (1 - q));
        else
            fprintf(fp, "%12.3f %2.12f %10.0f\n", v, q, total);
        /* the moments of the spectrum as a step function */
        sum += (q - prev_q) * v;
        sum2 += (q - prev_q) * v * v;
        prev_q = q;
    }
    mean = isfinite(c->lat_mean.mean) ? c->lat_mean.mean
                                      : (prev_q > 0 ? sum / prev_q : 0);
    sd = prev_q > 0 ? sqrt(fmax(0, sum2 / prev_q - (sum / prev_q) *
                                                    (sum / prev_q)))
                    : 0;
    fprintf(fp, "#[Mean    = %12.3f, StdDeviation   = %12.3f]\n", mean, sd);
    fprintf(fp, "#[Max     = %12.3f, Total count    = %12.0f]\n",
            n ? c->spectrum_us[n - 1] : 0, total);
}

char *hgrm_file_name(const struct results *r, size_t i, char *buf,
                     size_t size)
{
    const struct cell_result *c = &r->cells[i];
    char *p;

    snprintf(buf, size, "%02zu-%.*s-%.*s.hgrm", i + 1, RESULT_NAME_MAX,
             c->instance, RESULT_NAME_MAX, c->generation);
    for (p = buf; *p; p++)
        if (!isalnum((unsigned char)*p) && !strchr("._-", *p))
            *p = '_';
    return buf;
}

int hgrm_write_dir(const struct results *r, const char *dir,
                   struct diag *dg)
{
    size_t i;

    if (atomic_mkdir_p(dir, dg) < 0)
        return -1;
    for (i = 0; i < r->ncells; i++) {
        struct atomic_file af;
        char name[2 * RESULT_NAME_MAX + 16];
        char *path;
        int rc;

        if (spectrum_len(&r->cells[i]) == 0)
            continue;
        path = xstrfmt("%s/%s", dir, hgrm_file_name(r, i, name,
                                                    sizeof(name)));
        rc = atomic_open(&af, path, dg);
        if (rc == 0) {
            hgrm_write_cell(&r->cells[i], af.fp);
            rc = atomic_commit(&af, false, dg);
        }
        free(path);
        if (rc < 0)
            return -1;
    }
    return 0;
}
