/*
 * calibrate.c - the least-squares fit behind `virtsim calibrate`: the
 * residual function (set the parameters, run every cell, compare), the
 * GSL driver, and the intervals.
 */
#include "measure/calibrate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_vector.h>

#include "measure/compare.h"
#include "models/params.h"
#include "base/xalloc.h"

/* What the residual function needs. */
struct fit_ctx {
    struct calibration *c;
    struct scenario *sc;
    const struct measured_set *m;
    const struct runner_opts *ro;
    volatile sig_atomic_t *stop;
    struct diag *dg;
    double scale[CALIB_MAX_PARAMS];     /* x_j = theta_j / scale_j */
    enum run_status st;                 /* the first failure */
};

static double clamp(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* The parameter values that x stands for. */
static void theta_of(const struct fit_ctx *fc, const gsl_vector *x,
                     double *theta)
{
    size_t j;

    for (j = 0; j < fc->c->np; j++)
        theta[j] = clamp(gsl_vector_get(x, j) * fc->scale[j],
                         fc->c->p[j].lo, fc->c->p[j].hi);
}

/* Measured minus simulated, relative to the measured figure. */
static double residual(const struct compare_item *it)
{
    double ref = fabs(it->measured) > 1e-12 ? fabs(it->measured) : 1;

    return (it->sim - it->measured) / ref;
}

/*
 * Runs the scenario at theta and fills res[0..n) (NULL: only counts).
 * Returns the number of figures, or -1 with fc->st set.
 */
static long evaluate(struct fit_ctx *fc, const double *theta, double *res,
                     size_t n)
{
    struct param_set saved = fc->sc->params;
    struct results r;
    struct compare cmp;
    enum run_status st;
    size_t i, j;
    long count = -1;

    for (j = 0; j < fc->c->np; j++)
        fc->sc->params.v[fc->c->p[j].id] = theta[j];
    results_init(&r, fc->sc->name, fc->sc->effective);
    st = runner_run(fc->sc, fc->ro, &r, fc->stop, fc->dg);
    fc->sc->params = saved;
    fc->c->evaluations++;
    if (st != RUN_OK) {
        fc->st = st;
        goto out;
    }
    if (compare_build(&cmp, &r, fc->m, fc->dg) < 0) {
        fc->st = RUN_INPUT_ERROR;
        goto out;
    }
    for (i = 0; res && i < cmp.n && i < n; i++)
        res[i] = residual(&cmp.items[i]);
    count = (long)cmp.n;
    compare_release(&cmp);
out:
    results_release(&r);
    return count;
}

static int fit_f(const gsl_vector *x, void *vctx, gsl_vector *f)
{
    struct fit_ctx *fc = vctx;
    double theta[CALIB_MAX_PARAMS];

    theta_of(fc, x, theta);
    if (evaluate(fc, theta, f->data, f->size) < 0)
        return GSL_EFAILED;
    return GSL_SUCCESS;
}

static double rms(const double *v, size_t n)
{
    double s = 0;
    size_t i;

    for (i = 0; i < n; i++)
        s += v[i] * v[i];
    return n ? sqrt(s / (double)n) : NAN;
}

/* Fills c->ci95 from the Jacobian at the fit. */
static void intervals(struct fit_ctx *fc, gsl_multifit_nlinear_workspace *w)
{
    struct calibration *c = fc->c;
    gsl_matrix *covar = gsl_matrix_alloc(c->np, c->np);
    gsl_matrix *J = gsl_multifit_nlinear_jac(w);
    size_t dof = c->nres - c->np, j;
    double chi2, s2, t;

    gsl_blas_ddot(gsl_multifit_nlinear_residual(w),
                  gsl_multifit_nlinear_residual(w), &chi2);
    for (j = 0; j < c->np; j++)
        c->ci95[j] = NAN;
    if (dof > 0 && gsl_multifit_nlinear_covar(J, 0.0, covar) == GSL_SUCCESS) {
        s2 = chi2 / (double)dof;
        t = gsl_cdf_tdist_Pinv(0.975, (double)dof);
        for (j = 0; j < c->np; j++) {
            double v = gsl_matrix_get(covar, j, j) * s2;

            if (isfinite(v) && v >= 0)
                c->ci95[j] = t * sqrt(v) * fc->scale[j];
        }
    }
    gsl_matrix_free(covar);
}

enum run_status calibrate_run(struct calibration *c, struct scenario *sc,
                              const struct measured_set *m,
                              const struct runner_opts *ro,
                              volatile sig_atomic_t *stop, struct diag *dg)
{
    struct fit_ctx fc = {.c = c, .sc = sc, .m = m, .ro = ro, .stop = stop,
                         .dg = dg, .st = RUN_OK};
    gsl_multifit_nlinear_parameters fp = gsl_multifit_nlinear_default_parameters();
    gsl_multifit_nlinear_workspace *w;
    gsl_multifit_nlinear_fdf fdf;
    gsl_vector *x0;
    double theta[CALIB_MAX_PARAMS];
    size_t j;
    long n;
    int info = 0, rc;

    for (j = 0; j < c->np; j++) {
        const struct sens_param *p = &c->p[j];

        c->start[j] = clamp(param(&sc->params, (enum param_id)p->id), p->lo,
                            p->hi);
        fc.scale[j] = c->start[j] > 0 ? c->start[j]
                                      : fmax((p->hi - p->lo) * 1e-3, 1e-9);
    }
    n = evaluate(&fc, c->start, NULL, 0);
    if (n < 0)
        return fc.st;
    if ((size_t)n < c->np || n == 0) {
        diag_set(dg, 0, 0, "%ld measured figure%s cannot fit %zu "
                 "parameter%s: measure more figures or fit fewer", n,
                 n == 1 ? "" : "s", c->np, c->np == 1 ? "" : "s");
        return RUN_INPUT_ERROR;
    }
    c->nres = (size_t)n;
    c->res_before = xcalloc(c->nres, sizeof(double));
    c->res_after = xcalloc(c->nres, sizeof(double));
    if (evaluate(&fc, c->start, c->res_before, c->nres) < 0)
        return fc.st;
    c->rms_before = rms(c->res_before, c->nres);

    fdf.f = fit_f;
    fdf.df = NULL;              /* finite differences */
    fdf.fvv = NULL;
    fdf.n = c->nres;
    fdf.p = c->np;
    fdf.params = &fc;
    fp.h_df = 0.1;              /* 10% steps: wider than the simulator's
                                 * histogram bins, whose percentiles are
                                 * flat under small changes */
    w = gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &fp, c->nres,
                                   c->np);
    x0 = gsl_vector_alloc(c->np);
    for (j = 0; j < c->np; j++)
        gsl_vector_set(x0, j, c->start[j] / fc.scale[j]);
    rc = gsl_multifit_nlinear_init(x0, &fdf, w);
    if (rc == GSL_SUCCESS)
        rc = gsl_multifit_nlinear_driver(c->max_iter ? c->max_iter : 30,
                                         1e-4, 1e-8, 1e-8, NULL, NULL, &info,
                                         w);
    if (fc.st != RUN_OK)
        goto out;
    c->converged = rc == GSL_SUCCESS;
    c->iterations = gsl_multifit_nlinear_niter(w);
    theta_of(&fc, gsl_multifit_nlinear_position(w), theta);
    for (j = 0; j < c->np; j++) {
        c->fit[j] = theta[j];
        c->at_bound[j] = theta[j] <= c->p[j].lo || theta[j] >= c->p[j].hi;
    }
    intervals(&fc, w);
    if (evaluate(&fc, c->fit, c->res_after, c->nres) >= 0)
        c->rms_after = rms(c->res_after, c->nres);
out:
    gsl_vector_free(x0);
    gsl_multifit_nlinear_free(w);
    return fc.st;
}

void calibration_release(struct calibration *c)
{
    free(c->res_before);
    free(c->res_after);
    c->res_before = c->res_after = NULL;
}

void calibration_print(const struct calibration *c, FILE *fp)
{
    size_t j;

    fprintf(fp, "%-32s %12s %12s %12s  %s\n", "parameter", "start", "fitted",
            "+-95% CI", "range");
    for (j = 0; j < c->np; j++) {
        const struct param_info *pi = param_info((enum param_id)c->p[j].id);
        char ci[32];

        if (isfinite(c->ci95[j]))
            snprintf(ci, sizeof(ci), "%.4g", c->ci95[j]);
        else
            snprintf(ci, sizeof(ci), "n/a");
        fprintf(fp, "%-32s %12.6g %12.6g %12s  %g:%g %s%s\n", pi->name,
                c->start[j], c->fit[j], ci, c->p[j].lo, c->p[j].hi, pi->unit,
                c->at_bound[j] ? " (at a bound)" : "");
    }
    fprintf(fp, "\nresiduals (simulated - measured, relative to measured) "
            "over %zu figures: RMS %.3g%% before, %.3g%% after\n", c->nres,
            100 * c->rms_before, 100 * c->rms_after);
    fprintf(fp, "%zu iterations, %zu simulations, %s\n", c->iterations,
            c->evaluations, c->converged ? "converged" :
            "stopped before converging");
}

/* A finite number, or null. */
static json_t *jnum(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

json_t *calibration_to_json(const struct calibration *c,
                            const char *measured_file)
{
    json_t *params = json_object(), *fit = json_array(), *root;
    json_t *before = json_array(), *after = json_array();
    size_t j;

    for (j = 0; j < c->np; j++) {
        const char *name = param_info((enum param_id)c->p[j].id)->name;

        json_object_set_new(params, name, json_real(c->fit[j]));
        json_array_append_new(fit, json_pack("{s:s,s:f,s:f,s:o,s:[f,f],s:b}",
            "name", name, "start", c->start[j], "fitted", c->fit[j],
            "ci95", jnum(c->ci95[j]),
            "range", c->p[j].lo, c->p[j].hi, "at_bound", c->at_bound[j]));
    }
    for (j = 0; j < c->nres; j++) {
        json_array_append_new(before, jnum(c->res_before[j]));
        json_array_append_new(after, jnum(c->res_after[j]));
    }
    root = json_pack("{s:o,s:{s:o,s:o,s:I,s:I,s:b,s:o,s:o,s:o,s:o}}",
        "params", params, "calibration",
        "measured", measured_file ? json_string(measured_file) : json_null(),
        "fit", fit, "iterations", (json_int_t)c->iterations,
        "simulations", (json_int_t)c->evaluations,
        "converged", c->converged,
        "rms_before", jnum(c->rms_before), "rms_after", jnum(c->rms_after),
        "residuals_before", before, "residuals_after", after);
    return root;
}
