/*
 * workload_file.c - reading a workload file as `virtsim select` and
 * `virtsim validate` take it: a workload object, or a scenario whose
 * "workload" is used, checked with problems at line:col.
 */
#include "cli/workload_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/infile.h"
#include "base/jsonpos.h"
#include "base/xalloc.h"
#include "workloads/workload.h"
#include "workloads/workload_json.h"

int workload_file_load(const char *file, const char *dir, json_t **doc,
                       json_t **workload, int *is_scenario, struct diag *dg)
{
    json_error_t err;
    struct workload w;
    struct jsonpos jp = {0};
    const char *path = "";
    size_t len;
    char *buf = infile_read(file, 0, &len, dg);
    int rc;

    *doc = NULL;
    if (!buf)
        return -1;
    *doc = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &err);
    if (!*doc) {
        diag_set(dg, err.line, err.column, "%s", err.text);
        free(buf);
        return -1;
    }
    *workload = *doc;
    *is_scenario = json_is_object(*doc) &&
                   json_object_get(*doc, "workload") &&
                   !json_object_get(*doc, "arrival") &&
                   !json_object_get(*doc, "generator");
    if (*is_scenario) {
        *workload = json_object_get(*doc, "workload");
        path = "/workload";
    }
    rc = workload_from_json(*workload, path, dir, &w, dg);
    if (rc == 0) {
        workload_release(&w);
    } else {
        jsonpos_scan(&jp, buf, len);
        jsonpos_resolve(&jp, dg);
        jsonpos_release(&jp);
        json_decref(*doc);
        *doc = NULL;
    }
    free(buf);
    return rc;
}

void workload_file_dir(const char *file, struct strbuf *sb)
{
    const char *slash = strrchr(file, '/');

    if (!slash)
        strbuf_addstr(sb, ".");
    else if (slash == file)
        strbuf_addstr(sb, "/");
    else
        strbuf_add(sb, file, (size_t)(slash - file));
}
