/*
 * trace_import.h - `virtsim trace import`, the subcommand that turns
 * another tool's records (workloads/import.h) into a virtsim trace.
 */
#ifndef VIRTSIM_TRACE_IMPORT_H
#define VIRTSIM_TRACE_IMPORT_H

/*
 * Runs `virtsim trace import` (argv[1] is "import"). Returns the exit
 * status: 0, 1 when the output could not be written, 2 for bad options
 * or a bad input record (nothing is written then).
 */
int trace_import(int argc, char **argv);

#endif
