/*
 * infile.h - reading a user's input file (scenario, workload, results) as
 * text, whole, with a size cap: non-regular files (FIFOs, devices,
 * directories) are refused, and the bytes are checked for an encoding
 * virtsim can read before any parser sees them.
 *
 * Errors are input errors: the message goes to the caller's diag (with a
 * line:col where a byte is to blame) and the function returns NULL/-1.
 */
#ifndef VIRTSIM_INFILE_H
#define VIRTSIM_INFILE_H

#include <stddef.h>
#include <stdio.h>

#include "base/diag.h"

/* The cap on any input file read whole: 64 MiB. */
#define INFILE_MAX_BYTES ((size_t)64 << 20)

/*
 * Reads the regular file at path (at most max_bytes; 0 means
 * INFILE_MAX_BYTES) into a NUL-terminated buffer the caller frees, with
 * its length in *len. A UTF-8 byte-order mark is dropped; UTF-16 or
 * UTF-32 text and NUL bytes are refused (see infile_check_text). Returns
 * NULL with a diag when the file cannot be opened or read, is not a
 * regular file, is larger than the cap, or is not text.
 */
char *infile_read(const char *path, size_t max_bytes, size_t *len,
                  struct diag *dg);

/*
 * Opens the regular file at path for reading as a stream (traces,
 * empirical samples), without blocking on a FIFO. `what` names the file
 * in messages ("trace"). Returns the stream, which the caller closes, or
 * NULL with a diag: "cannot open trace: ...", or "trace is not a regular
 * file (a FIFO); ..." for anything but a regular file.
 */
FILE *infile_open(const char *path, const char *what, struct diag *dg);

/*
 * Checks that buf[0..len) is text virtsim reads: a UTF-16 or UTF-32
 * byte-order mark (or the zero bytes of UTF-16 text without one) is named
 * as such, and a NUL byte is named with its line, column and offset.
 * Returns the number of leading bytes to skip (3 for a UTF-8 byte-order
 * mark, else 0), or -1 with a diag.
 */
int infile_check_text(const char *buf, size_t len, struct diag *dg);

/*
 * What a file of mode st_mode is, for messages: "a FIFO", "a directory",
 * "a character device", "a symbolic link" (for lstat's modes)...
 */
const char *infile_kind_name(unsigned mode);

#endif
