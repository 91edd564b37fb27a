/*
 * catalog.h - the shipped instance catalog: EC2-like profiles generated
 * from data/instances.json (scripts/gen-catalog.py, `make catalog`, writes
 * models/catalog.def; every figure keeps its source there).
 *
 * Profiles are static and read-only; callers copy them to modify.
 */
#ifndef VIRTSIM_CATALOG_H
#define VIRTSIM_CATALOG_H

#include <stddef.h>

#include "models/instance.h"
#include "base/diag.h"

/* Number of catalog profiles. */
size_t catalog_count(void);

/* The i-th profile (i < catalog_count()), in catalog order. */
const struct instance_profile *catalog_at(size_t i);

/*
 * The profile called `name`, or NULL. On a miss, when dg is not NULL, records
 * "unknown instance 'x' (did you mean 'y'?)", or "unknown instance 'x'; see
 * `virtsim instances`" when nothing is close.
 */
const struct instance_profile *catalog_find(const char *name, struct diag *dg);

/* True when some profile belongs to `family` ("c5n"). */
int catalog_has_family(const char *family);

/*
 * Reference-core cycles per second of one of ip's vCPUs: cpu_ghz * 1e9 *
 * work_per_cycle, with a work_per_cycle of 0 (a profile built without one)
 * read as 1. Workload and model cycle counts are reference-core cycles, so
 * this is what turns them into time.
 */
double catalog_work_hz(const struct instance_profile *ip);

#endif
