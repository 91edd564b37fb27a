/*
 * select_rank.h - verdicts and order for `virtsim select`: a cell judged
 * against every SLO term with its confidence intervals, and the
 * candidates ranked: those that meet by cost per hour (then per million
 * requests), then the close calls, the failures and the pruned.
 */
#ifndef VIRTSIM_SELECT_RANK_H
#define VIRTSIM_SELECT_RANK_H

#include <stddef.h>

#include "select/select_report.h"

/*
 * The verdict of cell c on the terms: fails when a term fails or no
 * request completed in the window, meets when every term is met, else
 * too close to call. Each term's verdict goes to per_term[i] (may be NULL).
 */
enum select_verdict select_rank_verdict(const struct cell_result *c,
                                        const struct select_slo *terms,
                                        enum select_verdict *per_term);

/* Judges a simulated candidate: its verdicts and its cost per hour
 * (the price plus any unlimited-credit surplus). */
void select_rank_judge(struct select_candidate *c,
                       const struct select_slo *terms);

/*
 * Sorts c[0..n) into report order and numbers those that meet from 1.
 * Ties fall back to the candidates' original order, so the result is the
 * same on every run.
 */
void select_rank_order(struct select_candidate *c, size_t n);

#endif
