/*
 * infile.c - input files read whole, capped, regular files only, and
 * checked for their encoding. POSIX calls only; knows no JSON.
 */
#include "base/infile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/xalloc.h"

const char *infile_kind_name(unsigned mode)
{
    mode_t m = (mode_t)mode;

    if (S_ISDIR(m))
        return "a directory";
    if (S_ISFIFO(m))
        return "a FIFO";
    if (S_ISCHR(m))
        return "a character device";
    if (S_ISBLK(m))
        return "a block device";
    if (S_ISSOCK(m))
        return "a socket";
    if (S_ISLNK(m))
        return "a symbolic link";
    return "not a plain file";
}

/*
 * Opens path for reading without blocking on a FIFO that has no writer
 * (O_NONBLOCK, cleared again for a regular file), and refuses anything
 * but a regular file. Returns the descriptor, or -1 with a diag.
 */
static int open_regular(const char *path, const char *what, struct stat *st,
                        struct diag *dg)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
    int err;

    if (fd < 0) {
        err = errno;
        return diag_set(dg, 0, 0, "cannot open%s%s: %s", what ? " " : "",
                        what ? what : "", strerror(err));
    }
    if (fstat(fd, st) < 0) {
        err = errno;
        close(fd);
        return diag_set(dg, 0, 0, "cannot read: %s", strerror(err));
    }
    if (!S_ISREG(st->st_mode)) {
        close(fd);
        return diag_set(dg, 0, 0, "%s%snot a regular file (%s); virtsim "
                        "reads inputs from regular files only",
                        what ? what : "", what ? " is " : "",
                        infile_kind_name(st->st_mode));
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return fd;
}

FILE *infile_open(const char *path, const char *what, struct diag *dg)
{
    struct stat st;
    int fd = open_regular(path, what, &st, dg);
    FILE *fp;
    int err;

    if (fd < 0)
        return NULL;
    fp = fdopen(fd, "r");
    if (!fp) {
        err = errno;
        close(fd);
        diag_set(dg, 0, 0, "cannot open %s: %s", what, strerror(err));
    }
    return fp;
}

/* 1-based line and column (in bytes) of offset off in buf. */
static void position_of(const char *buf, size_t off, int *line, int *col)
{
    size_t i, start = 0;
    int ln = 1;

    for (i = 0; i < off; i++) {
        if (buf[i] == '\n') {
            ln++;
            start = i + 1;
        }
    }
    *line = ln;
    *col = (int)(off - start) + 1;
}

int infile_check_text(const char *buf, size_t len, struct diag *dg)
{
    const unsigned char *u = (const unsigned char *)buf;
    const char *nul;
    int line, col;

    if (len >= 4 && memcmp(u, "\xff\xfe\0\0", 4) == 0)
        return diag_set(dg, 1, 1, "the file is UTF-32 (little-endian, "
                        "byte-order mark FF FE 00 00); save it as UTF-8");
    if (len >= 4 && memcmp(u, "\0\0\xfe\xff", 4) == 0)
        return diag_set(dg, 1, 1, "the file is UTF-32 (big-endian, "
                        "byte-order mark 00 00 FE FF); save it as UTF-8");
    if (len >= 2 && u[0] == 0xff && u[1] == 0xfe)
        return diag_set(dg, 1, 1, "the file is UTF-16 (little-endian, "
                        "byte-order mark FF FE); save it as UTF-8");
    if (len >= 2 && u[0] == 0xfe && u[1] == 0xff)
        return diag_set(dg, 1, 1, "the file is UTF-16 (big-endian, "
                        "byte-order mark FE FF); save it as UTF-8");
    /* UTF-16 without a mark: ASCII text with every other byte zero. */
    if (len >= 4 && u[0] != 0 && u[1] == 0 && u[2] != 0 && u[3] == 0)
        return diag_set(dg, 1, 1, "the file looks like UTF-16 "
                        "(little-endian, no byte-order mark); save it as "
                        "UTF-8");
    if (len >= 4 && u[0] == 0 && u[1] != 0 && u[2] == 0 && u[3] != 0)
        return diag_set(dg, 1, 1, "the file looks like UTF-16 (big-endian, "
                        "no byte-order mark); save it as UTF-8");
    nul = memchr(buf, '\0', len);
    if (nul) {
        position_of(buf, (size_t)(nul - buf), &line, &col);
        return diag_set(dg, line, col, "NUL byte at offset %zu: the file "
                        "is not text", (size_t)(nul - buf));
    }
    if (len >= 3 && memcmp(u, "\xef\xbb\xbf", 3) == 0)
        return 3;
    return 0;
}

char *infile_read(const char *path, size_t max_bytes, size_t *len,
                  struct diag *dg)
{
    struct stat st;
    char *buf;
    size_t n = 0, cap;
    int fd, skip, err;

    if (max_bytes == 0)
        max_bytes = INFILE_MAX_BYTES;
    fd = open_regular(path, NULL, &st, dg);
    if (fd < 0)
        return NULL;
    if ((unsigned long long)st.st_size > max_bytes) {
        close(fd);
        diag_set(dg, 0, 0, "file too large: %lld bytes, the limit is %zu "
                 "bytes", (long long)st.st_size, max_bytes);
        return NULL;
    }
    /*
     * Read up to one byte past the cap, so a file that grew since fstat
     * is caught too; the buffer starts at the size fstat gave.
     */
    cap = (size_t)st.st_size + 1 < max_bytes + 1 ? (size_t)st.st_size + 1
                                                : max_bytes + 1;
    buf = xmalloc(cap + 1);
    for (;;) {
        ssize_t got;

        if (n == cap) {
            if (cap > max_bytes)
                break;
            cap = cap * 2 < max_bytes + 1 ? cap * 2 : max_bytes + 1;
            buf = xrealloc(buf, cap + 1);
        }
        got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            err = errno;
            close(fd);
            free(buf);
            diag_set(dg, 0, 0, "cannot read: %s", strerror(err));
            return NULL;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    close(fd);
    if (n > max_bytes) {
        free(buf);
        diag_set(dg, 0, 0, "file too large: more than %zu bytes", max_bytes);
        return NULL;
    }
    skip = infile_check_text(buf, n, dg);
    if (skip < 0) {
        free(buf);
        return NULL;
    }
    memmove(buf, buf + skip, n - (size_t)skip);
    n -= (size_t)skip;
    buf[n] = '\0';
    *len = n;
    return buf;
}
