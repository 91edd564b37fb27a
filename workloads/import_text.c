/*
 * import_text.c - line reading and exact number parsing for the text
 * importers.
 */
#include "workloads/import_text.h"

#include <stdlib.h>
#include <string.h>

int import_text_next(struct import_text *t)
{
    for (;;) {
        char *p, *save = NULL;

        if (getline(&t->buf, &t->cap, t->fp) < 0)
            return 0;
        t->line++;
        t->nfields = 0;
        for (p = strtok_r(t->buf, " \t\r\n", &save); p;
             p = strtok_r(NULL, " \t\r\n", &save)) {
            if (t->nfields < IMPORT_TEXT_FIELDS)
                t->field[t->nfields] = p;
            t->nfields++;
        }
        if (t->nfields > 0)
            return 1;
    }
}

void import_text_release(struct import_text *t)
{
    free(t->buf);
    t->buf = NULL;
    t->cap = 0;
}

int import_text_u64(const char *s, uint64_t *out)
{
    uint64_t v = 0;

    if (!*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > (UINT64_MAX - 9) / 10)
            return -1;
        v = v * 10 + (uint64_t)(*s - '0');
    }
    *out = v;
    return 0;
}

int import_text_seconds_ns(const char *s, uint64_t *out)
{
    const char *dot = strchr(s, '.');
    char whole[24];
    uint64_t sec, frac = 0;
    size_t n, i;

    n = dot ? (size_t)(dot - s) : strlen(s);
    if (n == 0 || n >= sizeof(whole))
        return -1;
    memcpy(whole, s, n);
    whole[n] = '\0';
    if (import_text_u64(whole, &sec) < 0 || sec > 1000000000ull)
        return -1;
    if (dot) {
        const char *f = dot + 1;
        size_t len = strlen(f);

        if (len == 0 || len > 9)
            return -1;
        for (i = 0; i < 9; i++) {
            unsigned d = 0;

            if (i < len) {
                if (f[i] < '0' || f[i] > '9')
                    return -1;
                d = (unsigned)(f[i] - '0');
            }
            frac = frac * 10 + d;
        }
    }
    *out = sec * 1000000000ull + frac;
    return 0;
}
