/*
 * json_names.h - json_type_name moved into base/jcheck.h, the one module
 * for reading JSON. This header stays until run/scenario.c (edited on
 * another branch) includes base/jcheck.h alone.
 */
#ifndef VIRTSIM_JSON_NAMES_H
#define VIRTSIM_JSON_NAMES_H

#include "base/jcheck.h"

#endif
