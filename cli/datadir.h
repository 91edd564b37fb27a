/*
 * datadir.h - where the shipped scenarios, traces and documents are: the
 * installed PREFIX/share/virtsim (found beside the program, so a staged
 * or moved install works), the source tree the program was built in, or
 * $VIRTSIM_DATADIR. Lets `virtsim run quickstart` find a scenario by name.
 */
#ifndef VIRTSIM_DATADIR_H
#define VIRTSIM_DATADIR_H

#include "base/strbuf.h"

/*
 * Appends to out the directories searched for shipped data, in order,
 * separated by ':': $VIRTSIM_DATADIR when set, EXE/../share/virtsim,
 * EXE's own directory (a source tree) and EXE/.. when it has scenarios/
 * (a build directory inside the source tree), where EXE is the
 * program's directory (/proc/self/exe). Directories that do not exist
 * are left out.
 */
void datadir_search_path(struct strbuf *out);

/*
 * The file to load for a scenario argument, appended to out: `arg` itself
 * when it names a file (or has a '/'), else DIR/scenarios/ARG(.json) in
 * the first directory of the search path that has it, else ./ARG.json
 * when that exists, else `arg` unchanged (so the loader reports it
 * missing).
 */
void datadir_find_scenario(const char *arg, struct strbuf *out);

#endif
