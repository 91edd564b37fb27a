/*
 * text.h - text helpers the report writers share: copying user-given names
 * as valid UTF-8, counting display columns, and fitting a name into a
 * terminal column with an ellipsis. Pure functions on caller buffers.
 */
#ifndef VIRTSIM_TEXT_H
#define VIRTSIM_TEXT_H

#include <stddef.h>

/* The ellipsis that marks a cut name: one display column, three bytes. */
#define TEXT_ELLIPSIS "\xe2\x80\xa6"

/*
 * Copies at most srclen bytes of src (stopping early at a NUL) into dst of
 * `size` bytes, always NUL-terminated. Bytes that are not part of a valid
 * UTF-8 sequence (as JSON requires: no overlongs, no surrogates) become
 * '?', and a cut falls only between characters. Returns the bytes written.
 */
size_t text_utf8_copy(char *dst, size_t size, const char *src, size_t srclen);

/*
 * Display columns of s, counted as UTF-8 characters: a wide (CJK) character
 * counts as one, a trade-off for not depending on the locale's wcwidth.
 */
size_t text_width(const char *s);

/*
 * Copies s into dst (`size` bytes) for a terminal: invalid UTF-8 and
 * control characters (C0, DEL, C1) become '?', so names cannot move the
 * cursor; when s is wider than `width` columns it is cut and ends with
 * TEXT_ELLIPSIS, so the copy is at most `width` columns wide.
 */
void text_fit(char *dst, size_t size, const char *s, size_t width);

#endif
