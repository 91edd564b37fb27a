/*
 * text.c - UTF-8 copying, display width and ellipsis truncation for the
 * report writers. Knows nothing about results; works on byte strings.
 */
#include "reports/text.h"

#include <string.h>

/*
 * Length of the valid UTF-8 sequence starting at s (n bytes available), or
 * 0 when it is not one. The ranges are RFC 3629's table, which is also what
 * jansson accepts.
 */
static size_t utf8_seq_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    unsigned char lo = 0x80, hi = 0xbf;
    size_t len, i;

    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        len = 2;
    else if (c >= 0xe0 && c <= 0xef)
        len = 3;
    else if (c >= 0xf0 && c <= 0xf4)
        len = 4;
    else
        return 0;
    if (n < len)
        return 0;
    if (c == 0xe0)
        lo = 0xa0;              /* overlong */
    else if (c == 0xed)
        hi = 0x9f;              /* surrogates */
    else if (c == 0xf0)
        lo = 0x90;              /* overlong */
    else if (c == 0xf4)
        hi = 0x8f;              /* past U+10FFFF */
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xbf)
            return 0;
    return len;
}

size_t text_utf8_copy(char *dst, size_t size, const char *src, size_t srclen)
{
    const unsigned char *s = (const unsigned char *)src;
    size_t n = 0, i = 0, len;

    if (size == 0)
        return 0;
    srclen = strnlen(src, srclen);
    while (i < srclen) {
        len = utf8_seq_len(s + i, srclen - i);
        if (len == 0) {
            if (n + 1 >= size)
                break;
            dst[n++] = '?';
            i++;
            continue;
        }
        if (n + len >= size)
            break;
        memcpy(dst + n, s + i, len);
        n += len;
        i += len;
    }
    dst[n] = '\0';
    return n;
}

size_t text_width(const char *s)
{
    size_t w = 0;

    for (; *s; s++)
        if (((unsigned char)*s & 0xc0) != 0x80)
            w++;
    return w;
}

/* True for the C1 controls U+0080..U+009F, encoded as 0xc2 0x80..0x9f. */
static int is_c1(const unsigned char *s, size_t len)
{
    return len == 2 && s[0] == 0xc2 && s[1] <= 0x9f;
}

void text_fit(char *dst, size_t size, const char *s, size_t width)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t srclen = strlen(s);
    size_t total = 0, i, len, n = 0, cols = 0;
    size_t keep;

    if (size == 0)
        return;
    /* First pass: how many columns the cleaned string takes. */
    for (i = 0; i < srclen; i += len ? len : 1, total++)
        len = utf8_seq_len(p + i, srclen - i);
    keep = total <= width ? total : (width ? width - 1 : 0);
    for (i = 0; i < srclen && cols < keep; i += len, cols++) {
        len = utf8_seq_len(p + i, srclen - i);
        if (len == 0 || (len == 1 && (p[i] < 0x20 || p[i] == 0x7f)) ||
            is_c1(p + i, len)) {
            if (n + 1 >= size)
                break;
            dst[n++] = '?';
            len = len ? len : 1;
            continue;
        }
        if (n + len >= size)
            break;
        memcpy(dst + n, p + i, len);
        n += len;
    }
    if (total > width && width > 0 && n + sizeof(TEXT_ELLIPSIS) <= size) {
        memcpy(dst + n, TEXT_ELLIPSIS, sizeof(TEXT_ELLIPSIS) - 1);
        n += sizeof(TEXT_ELLIPSIS) - 1;
    }
    dst[n] = '\0';
}
