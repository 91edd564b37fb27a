/*
 * check_charts.c - tests for reports/chart*.c, gnuplot.c and html.c: the
 * .dat/.gp text and index.html against reviewed goldens under
 * tests/golden/charts/ (VIRTSIM_GOLDEN_UPDATE=1 rewrites them), images
 * drawn by a real gnuplot (PNG signature and size, SVG), the note without
 * gnuplot, a failing gnuplot, stale files, and names built to attack
 * gnuplot and the HTML page.
 */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reports/atomic.h"
#include "reports/chart.h"
#include "reports/gnuplot.h"
#include "reports/html.h"
#include "reports/results.h"
#include "tests/golden.h"
#include "tests/suites.h"

#define GOLDEN_DIR "tests/golden/charts"
#define NO_GNUPLOT "/nonexistent-virtsim-test"

/* ---- fixtures ---- */

static const char scenario_text[] =
    "{\"name\": \"golden\", \"seed\": 7, \"duration_s\": 3600, "
    "\"warmup_s\": 0.5, \"replications\": 3, "
    "\"instances\": [\"c5n.large\", \"t3.large\"], "
    "\"generations\": [\"xen-pv\", \"nitro\"], "
    "\"workload\": {\"generator\": \"web\", \"rate_rps\": 10000}, "
    "\"sweep\": {\"workload.arrival.rate_rps\": [10000, 20000]}, "
    "\"slo\": {\"p99_us\": 200, \"min_rps\": 15000}}";

static const double spectrum_q[] = {
    0.001, 0.1, 0.5, 0.9, 0.99, 0.999, 0.9999, 1.0,
};

static void set_metric(struct metric *m, double mean, double ci95)
{
    m->mean = mean;
    m->ci95 = ci95;
}

/*
 * One cell of the fixture; `load` (1 or 2) scales latency and rate, `pv`
 * picks xen-pv's costlier paths over nitro's.
 */
static void make_cell(struct cell_result *c, const char *instance, int pv,
                      int load, double usd_per_hour)
{
    double slow = pv ? 1.75 : 1.0;
    size_t i;

    memset(c, 0, sizeof(*c));
    snprintf(c->instance, sizeof(c->instance), "%s", instance);
    snprintf(c->generation, sizeof(c->generation), "%s",
             pv ? "xen-pv" : "nitro");
    c->npoint = 1;
    snprintf(c->point[0].path, sizeof(c->point[0].path),
             "workload.arrival.rate_rps");
    c->point[0].value = 10000.0 * load;
    c->replications = 3;
    set_metric(&c->throughput_rps, 9990.5 * load - (pv ? 500 * load : 0),
               40.25 * load);
    set_metric(&c->lat_p50, 40.5 * slow * load, 0.25);
    set_metric(&c->lat_p99, 120.25 * slow * load, 6.5);
    set_metric(&c->overhead_pct, pv ? 42.5 : 3.25, 0.5);
    c->cpu_seconds[RCPU_GUEST_USER] = 0.25 * load;
    c->cpu_seconds[RCPU_GUEST_KERNEL] = 0.125 * load;
    c->cpu_seconds[RCPU_VMEXIT] = pv ? 0.03125 * load : 0.0078125 * load;
    c->cpu_seconds[RCPU_BACKEND] = pv ? 0.125 * load : 0;
    c->cpu_seconds[RCPU_OFFLOAD] = pv ? 0 : 0.015625 * load;
    c->usd_per_hour = usd_per_hour;
    c->usd_per_million = usd_per_hour /
                         (c->throughput_rps.mean * 3600 / 1e6);
    c->throttled_at_s = -1;
    c->slo_checked = true;
    c->slo_met = true;
    for (i = 0; i < sizeof(spectrum_q) / sizeof(spectrum_q[0]); i++) {
        c->spectrum_q[i] = spectrum_q[i];
        c->spectrum_us[i] = (20.0 + 12.5 * (double)(i * i)) * slow * load;
    }
}

static void fail_slo(struct cell_result *c, const char *msg)
{
    snprintf(c->failed[c->nfailed++], sizeof(c->failed[0]), "%s", msg);
    c->slo_met = false;
}

/*
 * The golden results: two instances under two generations at two rates;
 * the t3.large runs out of credits, and some cells miss the SLO.
 */
static void golden_results(struct results *r)
{
    json_error_t err;
    json_t *scenario = json_loads(scenario_text, JSON_REJECT_DUPLICATES,
                                  &err);
    struct cell_result c;
    int load, pv;

    ck_assert_msg(scenario != NULL, "fixture: %s", err.text);
    results_init(r, "golden", scenario);
    json_decref(scenario);
    snprintf(r->version, sizeof(r->version), "0.1.0");
    for (load = 1; load <= 2; load++) {
        for (pv = 1; pv >= 0; pv--) {
            make_cell(&c, "c5n.large", pv, load, 0.108);
            if (load == 2 && pv)
                fail_slo(&c, "p99 420.875 us > 200 us");
            results_add(r, &c);
            make_cell(&c, "t3.large", pv, load, 0.0832);
            c.throttled_at_s = 1834.25 / load + (pv ? 0 : 300);
            if (load == 2)
                fail_slo(&c, "rps 19981 < 15000");
            results_add(r, &c);
        }
    }
}

/* One cell, no sweep, no SLO, no throttle: only four charts apply. */
static void small_results(struct results *r, const char *name,
                          const char *instance, const char *generation)
{
    struct cell_result c;

    results_init(r, name, NULL);
    make_cell(&c, instance, 0, 1, 0.5);
    snprintf(c.generation, sizeof(c.generation), "%s", generation);
    c.npoint = 0;
    c.slo_checked = false;
    results_add(r, &c);
}

/* ---- helpers ---- */

/* A fresh directory under TMPDIR; the caller removes it with rm_tree. */
static char *make_tmpdir(void)
{
    const char *tmp = getenv("TMPDIR");
    char *dir = malloc(512);

    ck_assert_ptr_nonnull(dir);
    snprintf(dir, 512, "%s/virtsim-charts.XXXXXX", tmp && *tmp ? tmp
                                                             : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    return dir;
}

/* Removes dir and everything under it (files and directories only). */
static void rm_tree(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[1024];
    struct stat st;

    if (!d)
        return;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            rm_tree(path);
        else
            unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

static bool exists(const char *dir, const char *name)
{
    char path[1024];
    struct stat st;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    return stat(path, &st) == 0;
}


static char *slurp_in(const char *dir, const char *name, size_t *len)
{
    char path[1024];
    char *s;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    s = test_slurp(path, len);
    ck_assert_msg(s != NULL, "cannot read %s: %s", path, strerror(errno));
    return s;
}



/* gnuplot on this machine's PATH, or NULL (the drawing tests then skip). */
static char *real_gnuplot(void)
{
    const char *path = getenv("PATH");

    return gnuplot_find(path ? path : "/usr/bin:/bin");
}

/* Everything written to fp since it was opened, as a string. */
static char *contents(FILE *fp)
{
    char *buf = malloc(4096);
    size_t n;

    ck_assert_ptr_nonnull(buf);
    rewind(fp);
    n = fread(buf, 1, 4095, fp);
    buf[n] = '\0';
    return buf;
}

/* Draws r into a fresh dir with the given options; returns the dir. */
static char *draw(const struct results *r, struct chart_opts *o,
                  struct diag *dg, int *rc)
{
    char *dir = make_tmpdir();

    diag_init(dg, NULL);
    *rc = html_report_write(r, dir, o, dg);
    return dir;
}

/* Width and height from a PNG's IHDR; fails unless the signature is right. */
static void png_size(const char *path, unsigned *w, unsigned *h)
{
    static const unsigned char sig[8] = {
        0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
    };
    unsigned char b[24];
    FILE *fp = fopen(path, "rb");

    ck_assert_msg(fp != NULL, "cannot open %s", path);
    ck_assert_uint_eq(fread(b, 1, sizeof(b), fp), sizeof(b));
    fclose(fp);
    ck_assert_msg(memcmp(b, sig, 8) == 0, "%s: not a PNG signature", path);
    ck_assert_msg(memcmp(b + 12, "IHDR", 4) == 0, "%s: no IHDR", path);
    *w = (unsigned)b[16] << 24 | (unsigned)b[17] << 16 |
         (unsigned)b[18] << 8 | b[19];
    *h = (unsigned)b[20] << 24 | (unsigned)b[21] << 16 |
         (unsigned)b[22] << 8 | b[23];
}

/* ---- core: the text of the charts ---- */

static const char *const all_charts[] = {
    "throughput", "latency", "cpu", "sweep_p99", "sweep_throughput", "cost",
    "credits",
};
#define N_ALL (sizeof(all_charts) / sizeof(all_charts[0]))

START_TEST(test_registry)
{
    size_t i;

    ck_assert_uint_eq(chart_count(), N_ALL);
    for (i = 0; i < chart_count(); i++) {
        const struct chart_ops *c = chart_at(i);

        ck_assert_str_eq(c->name, all_charts[i]);
        ck_assert_ptr_nonnull(c->title);
        ck_assert_ptr_nonnull(c->caption);
        ck_assert_ptr_nonnull(c->applies);
        ck_assert_ptr_nonnull(c->write);
    }
    ck_assert_ptr_null(chart_at(chart_count()));
}
END_TEST

START_TEST(test_parse_format)
{
    enum chart_format f = CHART_PNG;
    struct diag dg;

    diag_init(&dg, NULL);
    ck_assert_int_eq(chart_parse_format("svg", &f, &dg), 0);
    ck_assert_int_eq(f, CHART_SVG);
    ck_assert_str_eq(chart_format_ext(f), "svg");
    ck_assert_int_eq(chart_parse_format("png", &f, &dg), 0);
    ck_assert_int_eq(f, CHART_PNG);
    ck_assert_int_eq(chart_parse_format("jpeg", &f, &dg), -1);
    ck_assert_str_eq(dg.e[0].msg,
                     "unknown chart format 'jpeg'; valid: png, svg");
}
END_TEST

/*
 * Without gnuplot: every chart's data and script, and the page, as the
 * goldens hold them; a note naming the directory; no image.
 */
START_TEST(test_golden_without_gnuplot)
{
    struct chart_opts o = {.search_path = NO_GNUPLOT};
    struct results r;
    struct diag dg;
    char name[64], charts[600], want[800];
    char *dir, *text, *note;
    size_t i, len;
    int rc;

    o.note_fp = tmpfile();
    ck_assert_ptr_nonnull(o.note_fp);
    golden_results(&r);
    dir = draw(&r, &o, &dg, &rc);
    ck_assert_msg(rc == 0, "%s", dg.e[0].msg);
    snprintf(charts, sizeof(charts), "%s/charts", dir);
    for (i = 0; i < N_ALL; i++) {
        snprintf(name, sizeof(name), "%s.dat", all_charts[i]);
        text = slurp_in(charts, name, &len);
        test_check_golden(GOLDEN_DIR, name, text, len);
        free(text);
        snprintf(name, sizeof(name), "%s.gp", all_charts[i]);
        text = slurp_in(charts, name, &len);
        test_check_golden(GOLDEN_DIR, name, text, len);
        free(text);
        snprintf(name, sizeof(name), "%s.png", all_charts[i]);
        ck_assert_msg(!exists(charts, name), "%s drawn without gnuplot",
                      name);
    }
    text = slurp_in(dir, "index.html", &len);
    test_check_golden(GOLDEN_DIR, "index.html", text, len);
    ck_assert_ptr_nonnull(strstr(text, "gnuplot was not found"));
    ck_assert_ptr_null(strstr(text, "<img"));
    free(text);

    note = contents(o.note_fp);
    snprintf(want, sizeof(want), "virtsim: note: gnuplot not found; wrote "
             "chart data and scripts to %s/ (install gnuplot to draw "
             "them)\n", charts);
    ck_assert_str_eq(note, want);
    free(note);
    fclose(o.note_fp);
    rm_tree(dir);
    free(dir);
    results_release(&r);
}
END_TEST

/* quiet: no note; charts that do not apply are not written. */
START_TEST(test_quiet_and_skipped)
{
    struct chart_opts o = {.search_path = NO_GNUPLOT, .quiet = true};
    struct results r;
    struct diag dg;
    char charts[600];
    char *dir, *note;
    int rc;

    o.note_fp = tmpfile();
    small_results(&r, "small", "m5.large", "nitro");
    dir = draw(&r, &o, &dg, &rc);
    ck_assert_int_eq(rc, 0);
    note = contents(o.note_fp);
    ck_assert_str_eq(note, "");
    free(note);
    fclose(o.note_fp);
    snprintf(charts, sizeof(charts), "%s/charts", dir);
    ck_assert(exists(charts, "throughput.gp"));
    ck_assert(exists(charts, "latency.gp"));
    ck_assert(exists(charts, "cpu.gp"));
    ck_assert(exists(charts, "cost.gp"));
    ck_assert(!exists(charts, "sweep_p99.dat"));
    ck_assert(!exists(charts, "sweep_throughput.gp"));
    ck_assert(!exists(charts, "credits.dat"));
    ck_assert(exists(dir, "index.html"));
    rm_tree(dir);
    free(dir);
    results_release(&r);
}
END_TEST

/*
 * A burstable cell whose balance stays put (60 to 60.0012 credits) has no
 * credits chart; one whose balance falls by a credit has one.
 */
START_TEST(test_credits_only_when_changed)
{
    struct chart_opts o = {.search_path = NO_GNUPLOT, .quiet = true};
    struct results r;
    struct diag dg;
    char charts[600];
    char *dir = make_tmpdir();
    size_t k;

    small_results(&r, "flat", "t3.large", "nitro");
    r.cells[0].nseries = 4;
    for (k = 0; k < 4; k++) {
        r.cells[0].series_t_s[k] = (double)k;
        r.cells[0].series_credits[k] = 60 + 0.0004 * (double)k;
        r.cells[0].series_vcpu[k] = 0.2;
    }
    diag_init(&dg, NULL);
    ck_assert_int_eq(html_report_write(&r, dir, &o, &dg), 0);
    snprintf(charts, sizeof(charts), "%s/charts", dir);
    ck_assert(!exists(charts, "credits.gp"));
    r.cells[0].series_credits[3] = 59;
    ck_assert_int_eq(html_report_write(&r, dir, &o, &dg), 0);
    ck_assert(exists(charts, "credits.gp"));
    rm_tree(dir);
    free(dir);
    results_release(&r);
}
END_TEST

/* Redrawing smaller results in the same place removes what no longer fits. */
START_TEST(test_stale_files_removed)
{
    struct chart_opts o = {.search_path = NO_GNUPLOT, .quiet = true};
    struct results big, small;
    struct diag dg;
    char charts[600], path[700];
    char *dir = make_tmpdir();
    FILE *fp;

    golden_results(&big);
    small_results(&small, "small", "m5.large", "nitro");
    diag_init(&dg, NULL);
    ck_assert_int_eq(html_report_write(&big, dir, &o, &dg), 0);
    snprintf(charts, sizeof(charts), "%s/charts", dir);
    ck_assert(exists(charts, "credits.gp"));
    /* An image from an earlier run with gnuplot. */
    snprintf(path, sizeof(path), "%s/cpu.png", charts);
    fp = fopen(path, "w");
    ck_assert_ptr_nonnull(fp);
    fclose(fp);
    ck_assert_int_eq(html_report_write(&small, dir, &o, &dg), 0);
    ck_assert(!exists(charts, "credits.gp"));
    ck_assert(!exists(charts, "credits.dat"));
    ck_assert(!exists(charts, "sweep_p99.gp"));
    ck_assert_msg(!exists(charts, "cpu.png"), "stale image kept");
    ck_assert(exists(charts, "cpu.gp"));
    rm_tree(dir);
    free(dir);
    results_release(&big);
    results_release(&small);
}
END_TEST

/* No cells: no chart, no note, a page that says so. */
START_TEST(test_empty_results)
{
    struct chart_opts o = {.search_path = NO_GNUPLOT};
    struct results r;
    struct diag dg;
    char *dir, *text, *note;
    size_t len;
    int rc;

    o.note_fp = tmpfile();
    results_init(&r, "empty", NULL);
    dir = draw(&r, &o, &dg, &rc);
    ck_assert_int_eq(rc, 0);
    note = contents(o.note_fp);
    ck_assert_str_eq(note, "");
    free(note);
    fclose(o.note_fp);
    text = slurp_in(dir, "index.html", &len);
    ck_assert_ptr_nonnull(strstr(text, "No chart has anything to show"));
    free(text);
    rm_tree(dir);
    free(dir);
    results_release(&r);
}
END_TEST

/* ---- drawing with the real gnuplot ---- */

START_TEST(test_png_drawn)
{
    struct chart_opts o = {.format = CHART_PNG};
    struct results r;
    struct diag dg;
    char path[1024];
    char *gp = real_gnuplot(), *dir, *text, *p;
    unsigned w, h;
    size_t i, len, imgs = 0;
    int rc;

    if (!gp) {
        fprintf(stderr, "check_charts: skip: gnuplot is not on PATH\n");
        return;
    }
    free(gp);
    golden_results(&r);
    dir = draw(&r, &o, &dg, &rc);
    ck_assert_msg(rc == 0, "%s", dg.e[0].msg);
    for (i = 0; i < N_ALL; i++) {
        snprintf(path, sizeof(path), "%s/charts/%s.png", dir, all_charts[i]);
        png_size(path, &w, &h);
        ck_assert_uint_eq(w, 1000);
        ck_assert_uint_eq(h, 600);
    }
    text = slurp_in(dir, "index.html", &len);
    for (p = text; (p = strstr(p, "<img ")) != NULL; p++)
        imgs++;
    ck_assert_uint_eq(imgs, N_ALL);
    free(text);
    rm_tree(dir);
    free(dir);
    results_release(&r);
}
END_TEST

START_TEST(test_svg_drawn)
{
    struct chart_opts o = {.format = CHART_SVG};
    struct results r;
    struct diag dg;
    char *gp = real_gnuplot(), *dir, *text;
    char charts[600];
    size_t len;
    int rc;

    if (!gp)
        return;
    free(gp);
    golden_results(&r);
    dir = draw(&r, &o, &dg, &rc);
    ck_assert_msg(rc == 0, "%s", dg.e[0].msg);
    snprintf(charts, sizeof(charts), "%s/charts", dir);
    text = slurp_in(charts, "cost.svg", &len);
    ck_assert_ptr_nonnull(strstr(text, "<svg"));
    ck_assert_ptr_nonnull(strstr(text, "width=\"1000\""));
    ck_assert_ptr_nonnull(strstr(text, "</svg>"));
    free(text);
    ck_assert(!exists(charts, "cost.png"));
    text = slurp_in(dir, "index.html", &len);
    /* embedded, so the page is one file to send */
    ck_assert_ptr_nonnull(strstr(text, "src=\"data:image/svg+xml;base64,"));
    ck_assert_ptr_null(strstr(text, "src=\"charts/"));
    free(text);
    rm_tree(dir);
    free(dir);
    results_release(&r);
}
END_TEST

/*
 * Names built to run commands through gnuplot (backquotes, system(),
 * macros, quotes that would close a string) and to inject HTML: nothing
 * runs, every chart still renders, the page shows the names escaped.
 */
START_TEST(test_malicious_names)
{
    struct chart_opts o = {.quiet = true};
    struct results r;
    struct cell_result c;
    struct diag dg;
    char pwned[4][128], inst[4][RESULT_NAME_MAX], scen[RESULT_NAME_MAX];
    char path[1024];
    char *gp = real_gnuplot(), *dir, *text, *line;
    size_t i, len;
    int rc;

    for (i = 0; i < 4; i++)
        snprintf(pwned[i], sizeof(pwned[i]), "/tmp/vsp%d-%d",
                 (int)(getpid() % 100000), (int)i);
    snprintf(inst[0], sizeof(inst[0]), "x`touch %.20s`'", pwned[0]);
    snprintf(inst[1], sizeof(inst[1]), "q\"u'o\\\"te\n@x %%s system('t')");
    snprintf(inst[2], sizeof(inst[2]), "<b>&lt;</b><script>x</script>");
    snprintf(inst[3], sizeof(inst[3]), "'.system('touch %.20s').'", pwned[1]);
    snprintf(scen, sizeof(scen), "e`touch %.20s`'\"", pwned[2]);

    results_init(&r, scen, NULL);
    for (i = 0; i < 4; i++) {
        make_cell(&c, inst[i], (int)(i % 2), 1, 0.1 + 0.01 * (double)i);
        c.throttled_at_s = 10.0 * (double)(i + 1);
        if (i == 3)
            snprintf(c.generation, sizeof(c.generation),
                     "n`touch %.20s`", pwned[3]);
        snprintf(c.point[0].path, sizeof(c.point[0].path),
                 "w.`touch %.20s`'", pwned[3]);
        c.point[0].value = (double)(i / 2 + 1);
        results_add(&r, &c);
    }
    if (!gp)
        o.search_path = NO_GNUPLOT;
    free(gp);
    dir = draw(&r, &o, &dg, &rc);
    ck_assert_msg(rc == 0, "%s", dg.e[0].msg);
    for (i = 0; i < 4; i++)
        ck_assert_msg(access(pwned[i], F_OK) != 0, "%s was created",
                      pwned[i]);
    for (i = 0; i < N_ALL; i++) {
        if (o.search_path)
            break;
        snprintf(path, sizeof(path), "%s/charts/%s.png", dir, all_charts[i]);
        ck_assert_msg(access(path, F_OK) == 0, "%s not drawn", path);
    }
    /* In scripts, user text appears only in single-quoted titles/labels. */
    for (i = 0; i < N_ALL; i++) {
        snprintf(path, sizeof(path), "%s/charts/%s.gp", dir, all_charts[i]);
        text = test_slurp(path, &len);
        ck_assert_ptr_nonnull(text);
        for (line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
            if (strstr(line, "touch"))
                ck_assert_msg(strncmp(line, "set title '", 11) == 0 ||
                              strncmp(line, "set xlabel '", 12) == 0,
                              "%s: user text outside a title: %s", path,
                              line);
        free(text);
    }
    text = slurp_in(dir, "index.html", &len);
    ck_assert_ptr_null(strstr(text, "<script>x"));
    ck_assert_ptr_null(strstr(text, "<b>&lt;"));
    ck_assert_ptr_nonnull(strstr(text, "&lt;b&gt;&amp;lt;&lt;/b&gt;"));
    free(text);
    rm_tree(dir);
    free(dir);
    results_release(&r);
}
END_TEST

/* ---- errors: a gnuplot that fails ---- */

/* Writes an executable `gnuplot` shell script into dir. */
static void fake_gnuplot(const char *dir, const char *body)
{
    char path[1024];
    FILE *fp;

    snprintf(path, sizeof(path), "%s/gnuplot", dir);
    fp = fopen(path, "w");
    ck_assert_ptr_nonnull(fp);
    fprintf(fp, "#!/bin/sh\n%s\n", body);
    ck_assert_int_eq(fclose(fp), 0);
    ck_assert_int_eq(chmod(path, 0755), 0);
}

START_TEST(test_gnuplot_fails)
{
    struct chart_opts o = {.quiet = true};
    struct results r;
    struct diag dg;
    char *bin = make_tmpdir(), *dir, *text;
    char charts[600];
    size_t len;
    int rc;

    fake_gnuplot(bin, "echo 'some warning' >&2\n"
                 "echo \"\\\"$3\\\" line 9: undefined variable: boom\" >&2\n"
                 "exit 1");
    o.search_path = bin;
    small_results(&r, "small", "m5.large", "nitro");
    dir = draw(&r, &o, &dg, &rc);
    ck_assert_int_eq(rc, -1);
    snprintf(charts, sizeof(charts), "%s/charts", dir);
    ck_assert_int_ge(dg.count, 1);
    ck_assert_msg(strstr(dg.e[0].msg, "gnuplot failed on '") != NULL &&
                  strstr(dg.e[0].msg, "/charts/throughput.gp' (exit "
                         "status 1): \"throughput.gp\" line 9: undefined "
                         "variable: boom") != NULL, "%s", dg.e[0].msg);
    ck_assert(!exists(charts, "throughput.png"));
    ck_assert(exists(charts, "throughput.gp"));
    /* The page is still written, and says what failed. */
    text = slurp_in(dir, "index.html", &len);
    ck_assert_ptr_nonnull(strstr(text, "Not drawn: gnuplot failed on "
                                 "<code>charts/throughput.gp</code>"));
    free(text);
    rm_tree(dir);
    free(dir);

    /* Exit 0 but no image: a failure too, and no temp file is left. */
    fake_gnuplot(bin, "exit 0");
    dir = draw(&r, &o, &dg, &rc);
    ck_assert_int_eq(rc, -1);
    ck_assert_msg(strstr(dg.e[0].msg, "gnuplot wrote no image for") != NULL,
                  "%s", dg.e[0].msg);
    rm_tree(dir);
    free(dir);

    /* Killed by a signal. */
    fake_gnuplot(bin, "kill -9 $$");
    dir = draw(&r, &o, &dg, &rc);
    ck_assert_int_eq(rc, -1);
    ck_assert_msg(strstr(dg.e[0].msg, "killed by signal 9") != NULL, "%s",
                  dg.e[0].msg);
    rm_tree(dir);
    free(dir);

    rm_tree(bin);
    free(bin);
    results_release(&r);
}
END_TEST

START_TEST(test_gnuplot_find)
{
    char *a = make_tmpdir(), *b = make_tmpdir();
    char search[1200], want[600];
    char *got;

    snprintf(search, sizeof(search), "%s:%s", a, b);
    ck_assert_ptr_null(gnuplot_find(search));
    ck_assert_ptr_null(gnuplot_find(""));
    fake_gnuplot(b, "exit 0");
    got = gnuplot_find(search);
    snprintf(want, sizeof(want), "%s/gnuplot", b);
    ck_assert_str_eq(got, want);
    free(got);
    /* Not executable: skipped. */
    snprintf(want, sizeof(want), "%s/gnuplot", a);
    fclose(fopen(want, "w"));
    got = gnuplot_find(search);
    ck_assert_ptr_nonnull(strstr(got, b));
    free(got);
    rm_tree(a);
    rm_tree(b);
    free(a);
    free(b);
}
END_TEST

/* ---- the page ---- */

START_TEST(test_html_rows)
{
    struct results r;
    char *buf = NULL, *p;
    size_t size = 0, rows = 0;
    FILE *fp = open_memstream(&buf, &size);

    ck_assert_ptr_nonnull(fp);
    golden_results(&r);
    html_write_page(&r, NULL, fp);
    ck_assert_int_eq(fclose(fp), 0);
    for (p = buf; (p = strstr(p, "<tr class=\"cell\">")) != NULL; p++)
        rows++;
    ck_assert_uint_eq(rows, r.ncells);
    ck_assert_ptr_null(strstr(buf, "http://"));
    ck_assert_ptr_null(strstr(buf, "https://"));
    ck_assert_ptr_nonnull(strstr(buf, "<strong>5 of 8</strong> cells "
                                 "meet them"));
    ck_assert_ptr_nonnull(strstr(buf, "rps 19981 &lt; 15000"));
    free(buf);
    results_release(&r);
}
END_TEST

Suite *charts_suite(void)
{
    Suite *s = suite_create("charts");
    TCase *core = tcase_create("core");
    TCase *draw_tc = tcase_create("draw");
    TCase *errors = tcase_create("errors");

    tcase_add_test(core, test_registry);
    tcase_add_test(core, test_parse_format);
    tcase_add_test(core, test_golden_without_gnuplot);
    tcase_add_test(core, test_quiet_and_skipped);
    tcase_add_test(core, test_stale_files_removed);
    tcase_add_test(core, test_credits_only_when_changed);
    tcase_add_test(core, test_empty_results);
    tcase_add_test(core, test_html_rows);
    suite_add_tcase(s, core);

    /* gnuplot runs once per chart: give it time under the sanitizers. */
    tcase_set_timeout(draw_tc, 60);
    tcase_add_test(draw_tc, test_png_drawn);
    tcase_add_test(draw_tc, test_svg_drawn);
    tcase_add_test(draw_tc, test_malicious_names);
    suite_add_tcase(s, draw_tc);

    tcase_set_timeout(errors, 30);
    tcase_add_test(errors, test_gnuplot_fails);
    tcase_add_test(errors, test_gnuplot_find);
    suite_add_tcase(s, errors);
    return s;
}
