/*
 * import_text.h - what the text importers (fio iologs, blkparse) share:
 * reading a line at a time with its number, splitting it on blanks, and
 * strict unsigned numbers.
 */
#ifndef VIRTSIM_IMPORT_TEXT_H
#define VIRTSIM_IMPORT_TEXT_H

#include <stdint.h>
#include <stdio.h>

#define IMPORT_TEXT_FIELDS 16

struct import_text {
    FILE *fp;                   /* borrowed */
    char *buf;                  /* owned: the line at hand */
    size_t cap;
    int line;                   /* its number, from 1 */
    int nfields;
    char *field[IMPORT_TEXT_FIELDS];
};

/*
 * Reads the next line that is not blank and splits it on blanks and
 * tabs (at most IMPORT_TEXT_FIELDS fields; nfields counts them all).
 * Returns 1, or 0 at the end of the input.
 */
int import_text_next(struct import_text *t);

/* Frees the line buffer. */
void import_text_release(struct import_text *t);

/*
 * Parses s as a decimal unsigned integer (digits only). Returns 0, or -1
 * when it is not one or overflows.
 */
int import_text_u64(const char *s, uint64_t *out);

/*
 * Parses "SECONDS.FRACTION" (up to 9 fraction digits) exactly into
 * nanoseconds. Returns 0 or -1.
 */
int import_text_seconds_ns(const char *s, uint64_t *out);

#endif
