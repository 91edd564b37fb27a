/*
 * ring.h - growing a ring buffer (a FIFO whose capacity is a power of two,
 * indexed with a mask): the one piece the engine's FIFOs (cqueue's waiting
 * line, the delay line) share.
 */
#ifndef VIRTSIM_RING_H
#define VIRTSIM_RING_H

#include <stddef.h>

/*
 * Moves the len elements (elem bytes each) of ring, starting at *head, into
 * a new array of twice *cap (64 when empty), unwrapped: frees ring, sets
 * *head to 0 and *cap to the new capacity, and returns the new array.
 */
void *ring_grow(void *ring, size_t elem, size_t len, size_t *head,
                size_t *cap);

#endif
