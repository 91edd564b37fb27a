/*
 * hgrm.h - each cell's latency distribution in HdrHistogram's percentile
 * distribution format (.hgrm, as HdrHistogram's
 * outputPercentileDistribution and wrk2 --latency print it), so that
 * results can be plotted and compared with wrk2's and other HdrHistogram
 * tools' (the HdrHistogram plotter reads these files).
 *
 * The rows are the cell's latency spectrum (results.h: RESULT_SPECTRUM
 * quantiles of the merged histogram, in microseconds), not every bucket.
 */
#ifndef VIRTSIM_HGRM_H
#define VIRTSIM_HGRM_H

#include <stdio.h>

#include "base/diag.h"
#include "reports/results.h"

/* Writes cell c's distribution to fp in .hgrm form (values in us). */
void hgrm_write_cell(const struct cell_result *c, FILE *fp);

/*
 * The file name of cell i (0-based) of r, "NN-INSTANCE-GENERATION.hgrm"
 * with any character other than letters, digits, '.', '_' and '-' as '_',
 * into buf. Returns buf.
 */
char *hgrm_file_name(const struct results *r, size_t i, char *buf,
                     size_t size);

/*
 * Writes every cell with a latency spectrum to DIR/NAME (hgrm_file_name),
 * each atomically; DIR is created when missing. Returns 0, or -1 with a
 * diag naming the file.
 */
int hgrm_write_dir(const struct results *r, const char *dir,
                   struct diag *dg);

#endif
