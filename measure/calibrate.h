/*
 * calibrate.h - fitting model parameters to measurements: nonlinear least
 * squares (GSL multifit_nlinear, trust region with Levenberg-Marquardt
 * steps) over the relative differences between each measured figure and
 * the simulated one, the scenario re-run at every evaluation with the
 * same seed (common random numbers keep the objective smooth enough for
 * finite-difference Jacobians). Each parameter stays inside its range
 * (params.def, or NAME=LO:HI); confidence intervals come from the
 * Jacobian at the fit and the residual variance, with Student's t.
 *
 * A calibration owns its residual arrays; free it with
 * calibration_release.
 */
#ifndef VIRTSIM_CALIBRATE_H
#define VIRTSIM_CALIBRATE_H

#include <signal.h>
#include <stdio.h>

#include <jansson.h>

#include "measure/measured.h"
#include "measure/param_list.h"
#include "run/runner.h"
#include "run/scenario.h"
#include "base/diag.h"

#define CALIB_MAX_PARAMS 8

struct calibration {
    size_t np;
    struct sens_param p[CALIB_MAX_PARAMS];
    double start[CALIB_MAX_PARAMS];     /* the scenario's values */
    double fit[CALIB_MAX_PARAMS];
    double ci95[CALIB_MAX_PARAMS];      /* half-widths; NaN when unknown */
    bool at_bound[CALIB_MAX_PARAMS];    /* the fit ended on LO or HI */
    size_t nres;                        /* compared figures */
    double *res_before, *res_after;     /* owned: relative, per figure */
    double rms_before, rms_after;       /* of the relative residuals */
    size_t iterations, evaluations;
    bool converged;
    unsigned max_iter;                  /* input: iterations at most */
};

/*
 * Fits the parameters c->p[0..np) (set by the caller, e.g. with
 * param_list_parse) of sc to the measurements m, every measured row
 * matched to a cell as `virtsim compare` matches it. sc's parameters are
 * restored afterwards. Returns RUN_OK; RUN_INPUT_ERROR with a diag when
 * a row matches no cell or there are fewer figures than parameters;
 * another status of runner_run with its diag.
 */
enum run_status calibrate_run(struct calibration *c, struct scenario *sc,
                              const struct measured_set *m,
                              const struct runner_opts *ro,
                              volatile sig_atomic_t *stop, struct diag *dg);

/* Frees the residual arrays. */
void calibration_release(struct calibration *c);

/* The table: parameters with start, fit and interval; residuals. */
void calibration_print(const struct calibration *c, FILE *fp);

/*
 * The params file's content: {"params": {NAME: fit}, "calibration":
 * {...}}, as measure/params_file.h writes it. A new reference.
 */
json_t *calibration_to_json(const struct calibration *c,
                            const char *measured_file);

#endif
