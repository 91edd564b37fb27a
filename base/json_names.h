/*
 * json_names.h - how JSON values are named in messages about user files
 * ("expected a number, got a string"), shared by every reader of JSON.
 */
#ifndef VIRTSIM_JSON_NAMES_H
#define VIRTSIM_JSON_NAMES_H

#include <jansson.h>

/* "an object", "an array", "a string", "an integer", "a number", "a boolean", "null". */
const char *json_type_name(const json_t *v);

#endif
