/*
 * strbuf.c - the growable string of strbuf.h. Knows nothing of what it
 * holds.
 */
#include "base/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

char strbuf_empty[1];

void strbuf_init(struct strbuf *sb, size_t hint)
{
    sb->len = 0;
    sb->alloc = 0;
    sb->buf = strbuf_empty;
    if (hint)
        strbuf_grow(sb, hint);
}

void strbuf_release(struct strbuf *sb)
{
    if (sb->alloc)
        free(sb->buf);
    strbuf_init(sb, 0);
}

char *strbuf_detach(struct strbuf *sb, size_t *len)
{
    char *s;

    if (len)
        *len = sb->len;
    s = sb->alloc ? sb->buf : xstrdup("");
    strbuf_init(sb, 0);
    return s;
}

void strbuf_grow(struct strbuf *sb, size_t extra)
{
    size_t need;

    if (extra > (size_t)-1 - sb->len - 1) {
        fprintf(stderr, "virtsim: error: a string of more than %zu bytes\n",
                (size_t)-1);
        exit(1);
    }
    need = sb->len + extra + 1;
    if (need <= sb->alloc)
        return;
    if (need < 2 * sb->alloc)
        need = 2 * sb->alloc;
    if (need < 64)
        need = 64;
    if (sb->alloc) {
        sb->buf = xrealloc(sb->buf, need);
    } else {
        sb->buf = xmalloc(need);
        sb->buf[0] = '\0';
    }
    sb->alloc = need;
}

void strbuf_reset(struct strbuf *sb)
{
    sb->len = 0;
    if (sb->alloc)
        sb->buf[0] = '\0';
}

void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
    strbuf_grow(sb, len);
    memcpy(sb->buf + sb->len, data, len);
    sb->len += len;
    sb->buf[sb->len] = '\0';
}

void strbuf_addstr(struct strbuf *sb, const char *s)
{
    strbuf_add(sb, s, strlen(s));
}

void strbuf_addch(struct strbuf *sb, char c)
{
    strbuf_add(sb, &c, 1);
}

void strbuf_add_list(struct strbuf *sb, const char *const *items, size_t n,
                     const char *sep)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (i)
            strbuf_addstr(sb, sep);
        strbuf_addstr(sb, items[i]);
    }
}

void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
    va_list cp;
    int n;

    va_copy(cp, ap);
    n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n <= 0)
        return;
    strbuf_grow(sb, (size_t)n);
    vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    sb->len += (size_t)n;
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    strbuf_vaddf(sb, fmt, ap);
    va_end(ap);
}

const char *strbuf_path(struct strbuf *sb, const char *dir, const char *name)
{
    strbuf_reset(sb);
    if (dir && *dir && name[0] != '/') {
        strbuf_addstr(sb, dir);
        if (sb->buf[sb->len - 1] != '/')
            strbuf_addch(sb, '/');
    }
    strbuf_addstr(sb, name);
    return sb->buf;
}

char *xstrfmt(const char *fmt, ...)
{
    struct strbuf sb = STRBUF_INIT;
    va_list ap;

    va_start(ap, fmt);
    strbuf_vaddf(&sb, fmt, ap);
    va_end(ap);
    return strbuf_detach(&sb, NULL);
}
