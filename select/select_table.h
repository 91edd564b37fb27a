/*
 * select_table.h - the report `virtsim select` prints for people: the
 * summary, the ranked table and the reasons, for a 100-column terminal.
 */
#ifndef VIRTSIM_SELECT_TABLE_H
#define VIRTSIM_SELECT_TABLE_H

#include <stdio.h>

#include "select/select_report.h"

/* Prints the summary, the ranked table and the reasons to fp; `source`
 * names the workload file in the first line. */
void select_table_print(const struct select_report *rep, const char *source,
                        FILE *fp);

#endif
