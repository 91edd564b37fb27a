/*
 * args.c - option values several commands share: --jobs, --format's
 * document format, --param overrides. Knows no command.
 */
#include "cli/args.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xalloc.h"
#include "cli/opt.h"

int cli_parse_jobs(const char *v, uint64_t *out, struct diag *dg)
{
    if (opt_parse_u64("--jobs", v, out, dg) < 0)
        return -1;
    if (*out < 1 || *out > 256)
        return diag_set(dg, 0, 0, "--jobs must be in [1, 256], got %s", v);
    return 0;
}

int cli_parse_format(const char *v, const char *const *valid, size_t n,
                     const char **out, struct diag *dg)
{
    struct strbuf names = STRBUF_INIT;
    const char *near;
    size_t i;

    for (i = 0; i < n; i++) {
        if (strcmp(v, valid[i]) == 0) {
            *out = valid[i];
            return 0;
        }
    }
    near = diag_near_miss(v, valid, n);
    strbuf_add_list(&names, valid, n, ", ");
    if (near)
        diag_set(dg, 0, 0, "--format must be one of %s, got '%s' (did you "
                 "mean '%s'?)", names.buf, v, near);
    else
        diag_set(dg, 0, 0, "--format must be one of %s, got '%s'", names.buf,
                 v);
    strbuf_release(&names);
    return -1;
}

int cli_parse_run_format(const char *v, const char **out, struct diag *dg)
{
    static const char *const docs[] = {"table", "json", "csv"};
    char *list, *word, *save = NULL;
    int has_table = 0, rc = 0;

    if (!strchr(v, ','))
        return cli_parse_format(v, docs, 3, out, dg);
    list = xstrdup(v);
    for (word = strtok_r(list, ",", &save); word;
         word = strtok_r(NULL, ",", &save)) {
        const char *f;

        if (cli_parse_format(word, docs, 3, &f, dg) < 0)
            rc = -1;
        else if (strcmp(f, "table") == 0)
            has_table = 1;
    }
    free(list);
    if (rc < 0)
        return -1;
    *out = has_table ? "table" : "";
    fprintf(stderr, "virtsim run: warning: --format takes one format now, "
            "the document on stdout; '%s' is read as '%s' (results.json and "
            "results.csv are always written)\n", v,
            has_table ? "table" : "nothing on stdout");
    return 0;
}

int cli_print_json(json_t *doc, const char *prefix)
{
    int rc = json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                        JSON_REAL_PRECISION(12));

    json_decref(doc);
    if (rc == 0)
        fputc('\n', stdout);
    if (rc < 0 || fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "%s: error: cannot write to stdout\n", prefix);
        return 1;
    }
    return 0;
}

int cli_params_add(struct cli_params *cp, const char *arg, struct diag *dg)
{
    const char *eq = strchr(arg, '=');
    struct param_set check;
    size_t len;
    double v;

    if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof(cp->name[0]))
        return diag_set(dg, 0, 0, "--param needs NAME=VALUE, got '%s'", arg);
    len = (size_t)(eq - arg);
    if (opt_parse_double("--param", eq + 1, &v, dg) < 0)
        return -1;
    cp->name = xrealloc(cp->name, (cp->n + 1) * sizeof(cp->name[0]));
    cp->value = xrealloc(cp->value, (cp->n + 1) * sizeof(cp->value[0]));
    memcpy(cp->name[cp->n], arg, len);
    cp->name[cp->n][len] = '\0';
    cp->value[cp->n] = v;
    /* The name and range are checked now, so a typo fails before a run. */
    param_set_defaults(&check);
    if (param_set_value(&check, cp->name[cp->n], v, dg) < 0)
        return -1;
    cp->n++;
    return 0;
}

int cli_params_apply(const struct cli_params *cp, struct param_set *p,
                     json_t *params_of, struct diag *dg)
{
    json_t *obj = NULL;
    size_t i;

    if (params_of && cp->n > 0) {
        obj = json_object_get(params_of, "params");
        if (!json_is_object(obj)) {
            obj = json_object();
            json_object_set_new(params_of, "params", obj);
        }
    }
    for (i = 0; i < cp->n; i++) {
        if (param_set_value(p, cp->name[i], cp->value[i], dg) < 0)
            return -1;
        if (obj)
            json_object_set_new(obj, cp->name[i], json_real(cp->value[i]));
    }
    return 0;
}

void cli_params_release(struct cli_params *cp)
{
    free(cp->name);
    free(cp->value);
    cp->name = NULL;
    cp->value = NULL;
    cp->n = 0;
}
