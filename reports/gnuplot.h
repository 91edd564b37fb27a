/*
 * gnuplot.h - gnuplot as a run-time tool, never linked: finding it on a
 * search path and running one script in a directory with LC_ALL=C, its
 * image written under a temp name and renamed only when gnuplot succeeds.
 */
#ifndef VIRTSIM_GNUPLOT_H
#define VIRTSIM_GNUPLOT_H

#include "base/diag.h"

/*
 * The first executable regular file named "gnuplot" in the colon-separated
 * directories of search_path (an empty entry is the current directory, as
 * for execvp). Returns a path the caller frees, or NULL when there is none.
 */
char *gnuplot_find(const char *search_path);

/*
 * Runs `gnuplot -e "outfile='.IMAGE.PID.tmp'" SCRIPT` with dir as working
 * directory, LC_ALL=C in its environment, stdin and stdout on /dev/null,
 * then renames the temp image to IMAGE. script and image are plain file
 * names in dir (letters, digits, '.', '_', '-'). Returns 0, or -1 with a
 * diag naming DIR/SCRIPT, gnuplot's exit status and the first line it
 * printed on stderr; the temp image is then removed and IMAGE untouched.
 */
int gnuplot_run(const char *gnuplot, const char *dir, const char *script,
                const char *image, struct diag *dg);

#endif
