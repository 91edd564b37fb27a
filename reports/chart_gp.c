/*
 * chart_gp.c - helpers the chart writers share: quoting user text for
 * gnuplot data files and scripts, C-locale numbers, the generation color
 * table, cell labels, and the common head of scripts and data files.
 */
#include "reports/chart_gp.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "reports/text.h"

struct gen_color {
    const char *generation;
    const char *color;
};

/*
 * One color per generation in every chart, warm for the old software
 * paths, cool for the hardware-assisted ones (models/generation.c's order).
 */
static const struct gen_color gen_colors[] = {
    {"emulated", "#7f7f7f"},
    {"xen-pv", "#d62728"},
    {"xen-hvm", "#ff7f0e"},
    {"xen-pvhvm", "#9467bd"},
    {"xen-sriov-net", "#17becf"},
    {"xen-sriov-net-disk", "#1f77b4"},
    {"nitro", "#2ca02c"},
    {"metal", "#8c564b"},
};

#define OTHER_COLOR "#e377c2"

static const char *const cpu_colors[RCPU_COUNT] = {
    [RCPU_GUEST_USER] = "#4c72b0",
    [RCPU_GUEST_KERNEL] = "#a1c4e8",
    [RCPU_VMEXIT] = "#dd8452",
    [RCPU_TRANSLATION] = "#c44e52",
    [RCPU_DEVICE_EMULATION] = "#8172b3",
    [RCPU_BACKEND] = "#937860",
    [RCPU_OFFLOAD] = "#55a868",
};

/*
 * Copies s into buf as valid UTF-8 with every control character (C0, DEL
 * and the two-byte C1 range) replaced by '?'.
 */
static void sanitize(char *buf, size_t size, const char *s, size_t len)
{
    unsigned char *p;

    text_utf8_copy(buf, size, s, len);
    for (p = (unsigned char *)buf; *p; p++) {
        if (*p < 0x20 || *p == 0x7f) {
            *p = '?';
        } else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
            /* U+0080..U+009F: keep the byte count, lose the control. */
            p[0] = '?';
            p[1] = '?';
            p++;
        }
    }
}

void chart_gp_dat_string(FILE *fp, const char *s, size_t size)
{
    char buf[512];
    const char *p;

    sanitize(buf, sizeof(buf), s, size);
    fputc('"', fp);
    for (p = buf; *p; p++) {
        if (*p == '"')
            fputc('\'', fp);
        else if (*p == '\\')
            fputs("\\\\", fp);
        else
            fputc(*p, fp);
    }
    fputc('"', fp);
}

void chart_gp_quote(FILE *fp, const char *s)
{
    char buf[512];
    const char *p;

    sanitize(buf, sizeof(buf), s, strlen(s));
    fputc('\'', fp);
    for (p = buf; *p; p++) {
        if (*p == '\'')
            fputc('\'', fp);
        fputc(*p, fp);
    }
    fputc('\'', fp);
}

void chart_gp_num(FILE *fp, double v)
{
    if (isfinite(v))
        fprintf(fp, "%.6g", v);
    else
        fputs("NaN", fp);
}

const char *chart_gp_color(const char *generation)
{
    size_t i;

    for (i = 0; i < sizeof(gen_colors) / sizeof(gen_colors[0]); i++)
        if (strcmp(gen_colors[i].generation, generation) == 0)
            return gen_colors[i].color;
    return OTHER_COLOR;
}

unsigned long chart_gp_color_value(const char *generation)
{
    return strtoul(chart_gp_color(generation) + 1, NULL, 16);
}

const char *chart_gp_cpu_color(enum result_cpu c)
{
    return (unsigned)c < RCPU_COUNT ? cpu_colors[c] : OTHER_COLOR;
}

const char *chart_gp_path_short(const char *path)
{
    const char *dot = strrchr(path, '.');

    return dot && dot[1] ? dot + 1 : path;
}

void chart_gp_cell_label(const struct cell_result *c, unsigned what,
                         char *buf, size_t size)
{
    size_t i, len;

    snprintf(buf, size, "%.*s", (int)sizeof(c->instance), c->instance);
    len = strlen(buf);
    if (what & CHART_LABEL_GENERATION)
        snprintf(buf + len, size - len, " / %.*s",
                 (int)sizeof(c->generation), c->generation);
    for (i = 0; (what & CHART_LABEL_POINT) && i < c->npoint &&
                i < RESULT_MAX_POINT; i++) {
        len = strlen(buf);
        if (len + 1 >= size)
            break;
        snprintf(buf + len, size - len, "%s%.*s=%g", i ? ", " : " @ ",
                 (int)sizeof(c->point[i].path),
                 chart_gp_path_short(c->point[i].path), c->point[i].value);
    }
}

double chart_gp_scenario_num(const struct results *r, const char *obj,
                             const char *key)
{
    const json_t *o = r->scenario;
    const json_t *v;
    double x;

    if (obj)
        o = json_object_get(o, obj);
    v = json_object_get(o, key);
    if (!json_is_number(v))
        return NAN;
    x = json_number_value(v);
    return isfinite(x) && x > 0 ? x : NAN;
}

void chart_gp_begin(const struct results *r, const struct chart_out *out,
                    const char *title)
{
    const char *ext = chart_format_ext(out->format);
    char full[256];
    FILE *gp = out->gp;

    fprintf(gp, "# %s.gp - %s.\n"
            "# Draws %s.dat; written by virtsim. Edit it and re-run from\n"
            "# this directory: gnuplot %s.gp (writes %s.%s).\n",
            out->name, title, out->name, out->name, out->name, ext);
    if (out->format == CHART_SVG)
        fputs("set terminal svg size 1000,600 dynamic noenhanced "
              "font 'sans,11' background '#ffffff'\n", gp);
    else
        fputs("set terminal pngcairo size 1000,600 noenhanced "
              "font 'sans,10'\n", gp);
    fprintf(gp, "set encoding utf8\n"
            "if (!exists('outfile')) outfile = '%s.%s'\n"
            "set output outfile\n", out->name, ext);
    if (r->name[0])
        snprintf(full, sizeof(full), "%s: %.*s", title,
                 (int)sizeof(r->name), r->name);
    else
        snprintf(full, sizeof(full), "%s", title);
    fputs("set title ", gp);
    chart_gp_quote(gp, full);
    fputs(" font ',13'\n"
          "set key outside right top vertical\n"
          "set grid lc rgb '#d0d0d0'\n"
          "set border 3\n"
          "set tics nomirror\n"
          "set format x '%.10g'\n"
          "set format y '%.10g'\n", gp);
}

void chart_gp_dat_begin(const struct chart_out *out, const char *what)
{
    fprintf(out->dat, "# %s.dat - written by virtsim; read by %s.gp.\n%s",
            out->name, out->name, what);
}

static size_t distinct(const struct results *r, int generation,
                       const char **names, size_t max)
{
    size_t i, n = 0;

    for (i = 0; i < r->ncells; i++) {
        const struct cell_result *c = &r->cells[i];
        const char *s = generation ? c->generation : c->instance;

        if (chart_gp_index(names, n, s) < 0 && n < max)
            names[n++] = s;
    }
    return n;
}

size_t chart_gp_generations(const struct results *r, const char **names,
                            size_t max)
{
    return distinct(r, 1, names, max);
}

size_t chart_gp_instances(const struct results *r, const char **names,
                          size_t max)
{
    return distinct(r, 0, names, max);
}

int chart_gp_index(const char *const *names, size_t n, const char *name)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return (int)i;
    return -1;
}

bool chart_gp_has_sweep(const struct results *r)
{
    size_t i;

    for (i = 0; i < r->ncells; i++)
        if (r->cells[i].npoint > 0)
            return true;
    return false;
}

bool chart_gp_same_point(const struct cell_result *a,
                         const struct cell_result *b)
{
    size_t i;

    if (a->npoint != b->npoint)
        return false;
    for (i = 0; i < a->npoint && i < RESULT_MAX_POINT; i++)
        if (strncmp(a->point[i].path, b->point[i].path,
                    sizeof(a->point[i].path)) != 0 ||
            a->point[i].value != b->point[i].value)
            return false;
    return true;
}
