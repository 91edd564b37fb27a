/*
 * chart_gp.h - what every chart writer shares: user text made safe for
 * gnuplot (as data in .dat files, or as a single-quoted literal in a
 * script), numbers in the C locale, the fixed color of each generation,
 * cell labels, scenario values, and the head every script starts with.
 */
#ifndef VIRTSIM_CHART_GP_H
#define VIRTSIM_CHART_GP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "reports/chart.h"
#include "reports/results.h"

#define CHART_LABEL_MAX 160         /* a cell label, with its point */
#define CHART_NAMES_MAX 64          /* distinct generations or instances */

/*
 * Writes s (at most `size` bytes, as from a fixed-size field) to a data
 * file as a double-quoted gnuplot string: invalid UTF-8 and control
 * characters become '?', '"' becomes '\'' (a data string cannot hold a
 * double quote) and '\\' is doubled (gnuplot reads escapes there). Data
 * strings are never evaluated: no backquote or macro substitution.
 */
void chart_gp_dat_string(FILE *fp, const char *s, size_t size);

/*
 * Writes s to a script as a single-quoted gnuplot literal, in which
 * gnuplot substitutes neither backquotes nor macros: a quote is doubled,
 * invalid UTF-8 and control characters become '?'. For titles and axis
 * labels that must hold user text.
 */
void chart_gp_quote(FILE *fp, const char *s);

/* Writes v as "%.6g" (the C locale: we never call setlocale), or NaN. */
void chart_gp_num(FILE *fp, double v);

/*
 * The color of a generation, "#rrggbb", the same in every chart; names
 * outside the table get a neutral brown. Also as a 0xRRGGBB integer, for
 * `lc rgb variable`.
 */
const char *chart_gp_color(const char *generation);
unsigned long chart_gp_color_value(const char *generation);

/* A fixed color for a CPU time category. */
const char *chart_gp_cpu_color(enum result_cpu c);

/*
 * The short name of a swept path, for labels: its last dotted component
 * ("rate_rps" for "workload.arrival.rate_rps").
 */
const char *chart_gp_path_short(const char *path);

/* What a cell label holds besides the instance name. */
#define CHART_LABEL_GENERATION 1u  /* " / nitro" */
#define CHART_LABEL_POINT      2u  /* " @ rate_rps=10000" per coordinate */

/*
 * The label of cell c: its instance, then what `what` asks for, into buf
 * (cut to fit). Raw user text: write it with chart_gp_dat_string.
 */
void chart_gp_cell_label(const struct cell_result *c, unsigned what,
                         char *buf, size_t size);

/*
 * The number at scenario key obj.key (e.g. "slo", "p99_us"; obj NULL for a
 * top-level key) when it is finite and positive, else NaN.
 */
double chart_gp_scenario_num(const struct results *r, const char *obj,
                             const char *key);

/*
 * Writes the head of a script: a comment on how to re-run it, the
 * terminal (pngcairo or svg, 1000x600, noenhanced), the output file (the
 * variable `outfile`, which virtsim sets to a temp name and which
 * defaults to NAME.png), the title ("TITLE: scenario name", quoted), a
 * grid and the key outside on the right.
 */
void chart_gp_begin(const struct results *r, const struct chart_out *out,
                    const char *title);

/*
 * Writes the head of a data file: its name, what wrote it, and `what`,
 * a comment (lines starting "# ") describing its layout.
 */
void chart_gp_dat_begin(const struct chart_out *out, const char *what);

/*
 * The distinct generations (instances) of r's cells, in order of first
 * appearance: fills names (at most max, borrowed from r's cells) and
 * returns how many it filled.
 */
size_t chart_gp_generations(const struct results *r, const char **names,
                            size_t max);
size_t chart_gp_instances(const struct results *r, const char **names,
                          size_t max);

/* True when some cell of r has a sweep point. */
bool chart_gp_has_sweep(const struct results *r);

/* True when cells a and b sit at the same sweep point. */
bool chart_gp_same_point(const struct cell_result *a,
                         const struct cell_result *b);

/* Position of name in names[0..n), or -1. */
int chart_gp_index(const char *const *names, size_t n, const char *name);

#endif
