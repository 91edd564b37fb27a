/*
 * atomic.c - temp file + rename report output, and mkdir -p. Uses only
 * POSIX calls; knows nothing about what is being written.
 */
#define _XOPEN_SOURCE 700        /* realpath (XSI) */
#include "reports/atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/infile.h"
#include "base/strbuf.h"
#include "base/xalloc.h"

/* "DIR/.NAME.XXXXXX" for path "DIR/NAME" (or ".NAME.XXXXXX" for "NAME"). */
static char *temp_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    const char *name = path + dir_len;

    return xstrfmt("%.*s.%s.XXXXXX", (int)dir_len, path, name);
}

/*
 * The current umask. Reading it means setting it, so there is a window in
 * which another thread creating a file would get mode 0666; reports are
 * written by the main thread after the workers are done, so none does.
 */
static mode_t current_umask(void)
{
    mode_t mask = umask(022);

    umask(mask);
    return mask;
}

/*
 * A character device or a FIFO is written through, as a shell's `>`
 * would: opened for writing, never renamed over. Returns 0, or -1 with a
 * diag.
 */
static int open_through(struct atomic_file *af, const char *path,
                        struct diag *dg)
{
    int fd = open(path, O_WRONLY | O_NOCTTY);
    int err;

    if (fd < 0) {
        err = errno;
        return diag_set(dg, 0, 0, "cannot open '%s' for writing: %s", path,
                        strerror(err));
    }
    af->fp = fdopen(fd, "w");
    if (!af->fp) {
        err = errno;
        close(fd);
        return diag_set(dg, 0, 0, "cannot open '%s' for writing: %s", path,
                        strerror(err));
    }
    af->path = xstrdup(path);
    return 0;
}

/*
 * A symbolic link is followed: to a device or FIFO (/dev/stdout), it is
 * written through; to a regular file, that file is replaced (the link
 * stays a link); a dangling link, or one to anything else, is refused.
 */
static int open_link(struct atomic_file *af, const char *path,
                     struct diag *dg)
{
    struct stat st;
    char *real;
    int rc;

    if (stat(path, &st) < 0)
        return diag_set(dg, 0, 0, "cannot write '%s': it is a symbolic link "
                        "to nothing that can be written (%s)", path,
                        strerror(errno));
    if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))
        return open_through(af, path, dg);
    real = S_ISREG(st.st_mode) ? realpath(path, NULL) : NULL;
    if (!real)
        return diag_set(dg, 0, 0, "cannot write '%s': it is a symbolic link "
                        "to %s, and virtsim replaces regular files only",
                        path, infile_kind_name(st.st_mode));
    rc = atomic_open(af, real, dg);
    free(real);
    return rc;
}

int atomic_open(struct atomic_file *af, const char *path, struct diag *dg)
{
    struct stat st;
    int fd;
    int err;

    memset(af, 0, sizeof(*af));
    if (path[0] == '\0' || path[strlen(path) - 1] == '/')
        return diag_set(dg, 0, 0, "cannot write '%s': not a file name",
                        path);
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
        return open_link(af, path, dg);
    if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))
            return open_through(af, path, dg);
        return diag_set(dg, 0, 0, "cannot write '%s': it is %s, and virtsim "
                        "replaces regular files only", path,
                        infile_kind_name(st.st_mode));
    }
    af->tmp_path = temp_name(path);
    fd = mkstemp(af->tmp_path);
    if (fd < 0) {
        err = errno;
        diag_set(dg, 0, 0, "cannot create a temporary file for '%s': %s",
                 path, strerror(err));
        goto out_free;
    }
    /* mkstemp makes the file 0600; a report is as readable as any file. */
    if (fchmod(fd, 0666 & ~current_umask()) < 0) {
        err = errno;
        diag_set(dg, 0, 0, "cannot set the mode of '%s': %s", af->tmp_path,
                 strerror(err));
        goto out_close;
    }
    af->fp = fdopen(fd, "w");
    if (!af->fp) {
        err = errno;
        diag_set(dg, 0, 0, "cannot open '%s' for writing: %s", af->tmp_path,
                 strerror(err));
        goto out_close;
    }
    af->path = xstrdup(path);
    return 0;

out_close:
    close(fd);
    unlink(af->tmp_path);
out_free:
    free(af->tmp_path);
    memset(af, 0, sizeof(*af));
    return -1;
}

int atomic_commit(struct atomic_file *af, bool sync, struct diag *dg)
{
    FILE *fp = af->fp;
    int err = 0;

    af->fp = NULL;
    if (!fp) {
        diag_set(dg, 0, 0, "cannot write '%s': not open",
                 af->path ? af->path : "?");
        atomic_abort(af);
        return -1;
    }
    /*
     * A write error earlier (ENOSPC, EIO) sticks in the stream's error flag
     * while errno may have moved on since, so name it plainly then.
     */
    errno = 0;
    if (fflush(fp) != 0 || ferror(fp))
        err = errno ? errno : EIO;
    else if (sync && fsync(fileno(fp)) < 0)
        err = errno;
    if (fclose(fp) != 0 && err == 0)
        err = errno;
    if (err) {
        diag_set(dg, 0, 0, "cannot write '%s': %s", af->path,
                 strerror(err));
        atomic_abort(af);
        return -1;
    }
    if (!af->tmp_path) {            /* written through: nothing to rename */
        atomic_abort(af);
        return 0;
    }
    if (rename(af->tmp_path, af->path) < 0) {
        err = errno;
        diag_set(dg, 0, 0, "cannot replace '%s': %s", af->path,
                 strerror(err));
        atomic_abort(af);
        return -1;
    }
    free(af->tmp_path);
    free(af->path);
    memset(af, 0, sizeof(*af));
    return 0;
}

void atomic_abort(struct atomic_file *af)
{
    if (af->fp)
        fclose(af->fp);
    if (af->tmp_path)
        unlink(af->tmp_path);
    free(af->tmp_path);
    free(af->path);
    memset(af, 0, sizeof(*af));
}

/* Creates one directory; an existing directory is fine. */
static int make_one(const char *dir, const char *shown, struct diag *dg)
{
    struct stat st;
    int err;

    if (mkdir(dir, 0777) == 0)
        return 0;
    err = errno;
    if (err == EEXIST) {
        if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
            return 0;
        return diag_set(dg, 0, 0, "cannot create directory '%s': '%s' "
                        "exists and is not a directory", shown, dir);
    }
    if (strcmp(dir, shown) == 0)
        return diag_set(dg, 0, 0, "cannot create directory '%s': %s", shown,
                        strerror(err));
    return diag_set(dg, 0, 0, "cannot create directory '%s': '%s': %s",
                    shown, dir, strerror(err));
}

int atomic_mkdir_p(const char *dir, struct diag *dg)
{
    char *buf;
    char *p;
    int rc = 0;

    if (dir[0] == '\0')
        return diag_set(dg, 0, 0, "cannot create directory '': empty name");
    buf = xstrdup(dir);
    /* Each prefix ending before a '/', then the whole path. */
    for (p = buf + 1; *p && rc == 0; p++) {
        if (*p != '/' || p[-1] == '/')
            continue;
        *p = '\0';
        rc = make_one(buf, dir, dg);
        *p = '/';
    }
    if (rc == 0)
        rc = make_one(buf, dir, dg);
    free(buf);
    return rc;
}
