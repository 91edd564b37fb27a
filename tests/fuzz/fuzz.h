/*
 * fuzz.h - what the libFuzzer harnesses share: GSL's abort handler off,
 * a scratch directory for files the inputs name, and writing an input
 * there as a file.
 */
#ifndef VIRTSIM_FUZZ_H
#define VIRTSIM_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Once per process: GSL's error handler off, the scratch directory made. */
void fuzz_init(void);

/* The scratch directory (relative trace files in scenarios resolve here). */
const char *fuzz_dir(void);

/* Writes data to the scratch file `name` and returns its path. */
const char *fuzz_write(const char *name, const uint8_t *data, size_t size);

#endif
