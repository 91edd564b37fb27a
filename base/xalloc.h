/*
 * xalloc.h - allocation that cannot fail: on out-of-memory it prints the
 * size asked for and exits with status 1 (runtime failure), as Redis and
 * git do. Simpler than threading NULL checks through every caller.
 */
#ifndef VIRTSIM_XALLOC_H
#define VIRTSIM_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
/* realloc to n elements of `size` bytes each, checking n * size for overflow. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);

#endif
