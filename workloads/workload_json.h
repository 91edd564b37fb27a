/*
 * workload_json.h - building a workload from the scenario's "workload"
 * object (see CONTRACT.md): either a generator with overrides,
 *   {"generator": "web", "rate_rps": 8000, "arrival": {...}}
 * or an arrival process plus a request (or a weighted mix of requests),
 *   {"arrival": {"process": "poisson", "rate_rps": 20000},
 *    "request": [{"op": "net_rx", "bytes": 512}, ...]}
 *   {"arrival": {...}, "mix": [{"name": "get", "weight": 30,
 *                               "request": [...]}, ...]}
 * or a trace: {"arrival": {"process": "trace", "file": "t.csv"}}.
 * A number where a distribution is expected means a constant.
 */
#ifndef VIRTSIM_WORKLOAD_JSON_H
#define VIRTSIM_WORKLOAD_JSON_H

#include <jansson.h>

#include "base/diag.h"
#include "workloads/workload.h"

/*
 * Validates obj and builds *out from it. json_path is where obj sits in
 * its document ("/workload"; "" for a document that is the workload
 * itself); every problem found is recorded (up to the diag's cap) with
 * diag_set_path at a path such as "/workload/request[1]/cycles/mean".
 * Relative trace and samples files resolve against base_dir (NULL: the
 * current directory); a trace is opened and its header and first request
 * read here. Returns 0 with *out owned by the caller (free it with
 * workload_release), or -1 with *out zeroed.
 */
int workload_from_json(const json_t *obj, const char *json_path,
                       const char *base_dir, struct workload *out,
                       struct diag *dg);

#endif
