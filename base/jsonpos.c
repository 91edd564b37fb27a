/*
 * jsonpos.c - a recursive-descent walk over JSON text that records the
 * position of each key and array element. It trusts that jansson already
 * accepted the text, so it checks only what it needs to stay in bounds.
 */
#include "base/jsonpos.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xalloc.h"

#define MAX_DEPTH 256

struct scan {
    const char *p, *end;
    int line, col;
    struct jsonpos *jp;
    int depth;
};

static void advance(struct scan *s)
{
    if (*s->p == '\n') {
        s->line++;
        s->col = 1;
    } else if ((*s->p & 0xc0) != 0x80) {    /* count UTF-8 characters */
        s->col++;
    }
    s->p++;
}

static void skip_ws(struct scan *s)
{
    while (s->p < s->end &&
           (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
        advance(s);
}

static void record(struct scan *s, const char *path, int line, int col)
{
    struct jsonpos *jp = s->jp;

    if (jp->len == jp->cap) {
        jp->cap = jp->cap ? jp->cap * 2 : 64;
        jp->e = xreallocarray(jp->e, jp->cap, sizeof(*jp->e));
    }
    jp->e[jp->len].path = xstrdup(path);
    jp->e[jp->len].line = line;
    jp->e[jp->len].col = col;
    jp->len++;
}

/*
 * Reads a string, appending it to buf when buf is not NULL (escapes copied
 * raw; keys with escapes are rare).
 */
static int scan_string(struct scan *s, struct strbuf *buf)
{
    if (s->p >= s->end || *s->p != '"')
        return -1;
    advance(s);
    while (s->p < s->end && *s->p != '"') {
        if (*s->p == '\\') {
            advance(s);
            if (s->p >= s->end)
                return -1;
        }
        if (buf)
            strbuf_addch(buf, *s->p);
        advance(s);
    }
    if (s->p >= s->end)
        return -1;
    advance(s);
    return 0;
}

static int scan_value(struct scan *s, struct strbuf *path);

/* Cuts path back to its first len bytes. */
static void cut(struct strbuf *path, size_t len)
{
    path->len = len;
    path->buf[len] = '\0';
}

/* Steps over an opening bracket; true (and past it) when close follows. */
static int opens_empty(struct scan *s, char close)
{
    advance(s);
    skip_ws(s);
    if (s->p < s->end && *s->p == close) {
        advance(s);
        return 1;
    }
    return 0;
}

/* After a member: 1 past the closing `close`, 0 past a ',', else -1. */
static int member_end(struct scan *s, char close)
{
    skip_ws(s);
    if (s->p >= s->end)
        return -1;
    if (*s->p == close) {
        advance(s);
        return 1;
    }
    if (*s->p != ',')
        return -1;
    advance(s);
    return 0;
}

static int scan_object(struct scan *s, struct strbuf *path)
{
    int rc = 0;

    if (opens_empty(s, '}'))
        return 0;
    while (rc == 0) {
        int line, col;
        size_t base = path->len;

        skip_ws(s);
        line = s->line;
        col = s->col;
        strbuf_addch(path, '/');
        if (scan_string(s, path) < 0)
            return -1;
        record(s, path->buf, line, col);
        skip_ws(s);
        if (s->p >= s->end || *s->p != ':')
            return -1;
        advance(s);
        if (scan_value(s, path) < 0)
            return -1;
        cut(path, base);
        rc = member_end(s, '}');
    }
    return rc < 0 ? -1 : 0;
}

static int scan_array(struct scan *s, struct strbuf *path)
{
    size_t i;
    int rc = 0;

    if (opens_empty(s, ']'))
        return 0;
    for (i = 0; rc == 0; i++) {
        size_t base = path->len;

        skip_ws(s);
        strbuf_addf(path, "[%zu]", i);
        record(s, path->buf, s->line, s->col);
        if (scan_value(s, path) < 0)
            return -1;
        cut(path, base);
        rc = member_end(s, ']');
    }
    return rc < 0 ? -1 : 0;
}

static int scan_value(struct scan *s, struct strbuf *path)
{
    int rc;

    skip_ws(s);
    if (s->p >= s->end)
        return -1;
    if (*s->p == '"')
        return scan_string(s, NULL);
    if (*s->p == '{' || *s->p == '[') {
        if (++s->depth > MAX_DEPTH)
            return -1;
        rc = *s->p == '{' ? scan_object(s, path) : scan_array(s, path);
        s->depth--;
        return rc;
    }
    /* A number, true, false or null: up to the next delimiter. */
    while (s->p < s->end && !strchr(",]} \t\r\n", *s->p))
        advance(s);
    return 0;
}

int jsonpos_scan(struct jsonpos *jp, const char *buf, size_t len)
{
    struct scan s = {buf, buf + len, 1, 1, jp, 0};
    struct strbuf path = STRBUF_INIT;
    int rc = scan_value(&s, &path);

    strbuf_release(&path);
    return rc;
}

int jsonpos_find(const struct jsonpos *jp, const char *path, int *line,
                 int *col)
{
    size_t i;

    for (i = 0; i < jp->len; i++) {
        if (!strcmp(jp->e[i].path, path)) {
            *line = jp->e[i].line;
            *col = jp->e[i].col;
            return 0;
        }
    }
    return -1;
}

void jsonpos_resolve(const struct jsonpos *jp, struct diag *dg)
{
    int i;

    for (i = 0; i < dg->count; i++) {
        struct diag_entry *e = &dg->e[i];
        char path[sizeof(e->path)];
        char *cut;

        if (e->line > 0 || !e->path[0])
            continue;
        snprintf(path, sizeof(path), "%s", e->path);
        /* The path itself, else its nearest recorded ancestor. */
        for (;;) {
            if (jsonpos_find(jp, path, &e->line, &e->col) == 0) {
                e->path[0] = '\0';
                break;
            }
            cut = strrchr(path, '/');
            if (strrchr(path, '[') > cut)
                cut = strrchr(path, '[');
            if (!cut || cut == path)
                break;
            *cut = '\0';
        }
    }
}

void jsonpos_release(struct jsonpos *jp)
{
    size_t i;

    for (i = 0; i < jp->len; i++)
        free(jp->e[i].path);
    free(jp->e);
    memset(jp, 0, sizeof(*jp));
}
