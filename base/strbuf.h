/*
 * strbuf.h - a growable string (in the spirit of git's strbuf): paths and
 * messages of any length, never cut silently. The buffer is always
 * NUL-terminated; sb.buf is "" (never NULL) for an empty strbuf, so it can
 * be passed where a C string is wanted. Allocation goes through xalloc.
 */
#ifndef VIRTSIM_STRBUF_H
#define VIRTSIM_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
    size_t len;                 /* bytes before the NUL */
    size_t alloc;               /* bytes allocated; 0: buf is the shared "" */
    char *buf;
};

extern char strbuf_empty[];

#define STRBUF_INIT { 0, 0, strbuf_empty }

/* An empty strbuf with room for `hint` bytes (0: no allocation yet). */
void strbuf_init(struct strbuf *sb, size_t hint);

/* Frees the buffer; sb is left empty and usable. */
void strbuf_release(struct strbuf *sb);

/* Hands the buffer out (caller frees it); sb is left empty. */
char *strbuf_detach(struct strbuf *sb, size_t *len);

/* Makes room for `extra` more bytes (and the NUL). */
void strbuf_grow(struct strbuf *sb, size_t extra);

/* Empties sb, keeping its allocation. */
void strbuf_reset(struct strbuf *sb);

/* Appends len bytes of data. */
void strbuf_add(struct strbuf *sb, const void *data, size_t len);

/* Appends a C string. */
void strbuf_addstr(struct strbuf *sb, const char *s);

/* Appends one character. */
void strbuf_addch(struct strbuf *sb, char c);

/* Appends items[0..n) with sep between them ("a, b, c"). */
void strbuf_add_list(struct strbuf *sb, const char *const *items, size_t n,
                     const char *sep);

/* Appends printf-style output. */
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/*
 * Sets sb to dir "/" name (just name when dir is NULL or empty, or when
 * name is absolute) and returns sb->buf.
 */
const char *strbuf_path(struct strbuf *sb, const char *dir, const char *name);

/* A new string of printf-style output (caller frees it). */
char *xstrfmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
