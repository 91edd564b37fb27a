/*
 * ring.c - growing a power-of-two ring buffer.
 */
#include "sim/ring.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

void *ring_grow(void *ring, size_t elem, size_t len, size_t *head,
                size_t *cap)
{
    size_t newcap = *cap ? 2 * *cap : 64;
    char *r = xreallocarray(NULL, newcap, elem);
    size_t first = len;

    if (len > 0) {
        /* From head to the end of the array, then the wrapped part. */
        if (*head + len > *cap)
            first = *cap - *head;
        memcpy(r, (char *)ring + *head * elem, first * elem);
        memcpy(r + first * elem, ring, (len - first) * elem);
    }
    free(ring);
    *head = 0;
    *cap = newcap;
    return r;
}
