/*
 * outset.c - a set of output files written in a temporary directory and
 * swapped in whole (see outset.h). POSIX calls, plus Linux's renameat2
 * exchange where the file system has it; knows nothing of what is written.
 */
#define _GNU_SOURCE             /* renameat2, RENAME_EXCHANGE; realpath */
#include "reports/outset.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/strbuf.h"
#include "base/xalloc.h"
#include "reports/atomic.h"

/* The file a reader takes as the set's own: renamed last, per file. */
static const char last_name[] = "results.json";

int outset_remove_tree(const char *path)
{
    struct strbuf sub = STRBUF_INIT;
    struct dirent *de;
    struct stat st;
    DIR *d = opendir(path);
    int rc = 0;

    if (!d)
        return -1;
    while ((de = readdir(d)) != NULL) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        strbuf_path(&sub, path, de->d_name);
        if (lstat(sub.buf, &st) == 0 && S_ISDIR(st.st_mode))
            rc |= outset_remove_tree(sub.buf);
        else
            rc |= unlink(sub.buf);
    }
    closedir(d);
    strbuf_release(&sub);
    if (rc == 0)
        rc = rmdir(path);
    return rc < 0 ? -1 : 0;
}

static mode_t current_umask(void)
{
    mode_t mask = umask(022);

    umask(mask);
    return mask;
}

/* "DIR" of "DIR/NAME", "." for "NAME"; the caller frees it. */
static char *parent_of(const char *path)
{
    const char *slash = strrchr(path, '/');

    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrfmt("%.*s", (int)(slash - path), path);
}

/*
 * True when the target cannot be swapped as a directory: the working
 * directory (the shell would be left in a removed one), a mount point or
 * the root, which rename cannot move.
 */
static bool must_stay(const char *real)
{
    struct stat st, up, cwd;
    char *parent = parent_of(real);
    bool stay;

    stay = strcmp(real, "/") == 0 || stat(real, &st) < 0 ||
           stat(parent, &up) < 0 || st.st_dev != up.st_dev ||
           (stat(".", &cwd) == 0 && cwd.st_dev == st.st_dev &&
            cwd.st_ino == st.st_ino);
    free(parent);
    return stay;
}

int outset_begin(struct outset *os, const char *target, struct diag *dg)
{
    struct stat st;
    char *parent, *base;
    int err;

    memset(os, 0, sizeof(*os));
    if (target[0] == '\0')
        return diag_set(dg, 0, 0, "cannot write into '': not a directory "
                        "name");
    os->shown = xstrdup(target);
    if (stat(target, &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            diag_set(dg, 0, 0, "cannot write into '%s': it exists and is "
                     "not a directory", target);
            goto out_free;
        }
        os->target = realpath(target, NULL);
        if (!os->target) {
            err = errno;
            diag_set(dg, 0, 0, "cannot write into '%s': %s", target,
                     strerror(err));
            goto out_free;
        }
        os->inside = must_stay(os->target);
    } else {
        size_t len = strlen(target);

        while (len > 1 && target[len - 1] == '/')
            len--;
        os->target = xstrfmt("%.*s", (int)len, target);
        parent = parent_of(os->target);
        if (atomic_mkdir_p(parent, dg) < 0) {
            free(parent);
            goto out_free;
        }
        free(parent);
    }
    if (os->inside) {
        os->work = xstrfmt("%s/.virtsim-new-XXXXXX", os->target);
    } else {
        parent = parent_of(os->target);
        base = strrchr(os->target, '/');
        base = base ? base + 1 : os->target;
        os->work = xstrfmt("%s/.%s.new-XXXXXX", parent, base);
        free(parent);
    }
    if (!mkdtemp(os->work)) {
        err = errno;
        diag_set(dg, 0, 0, "cannot create a temporary directory beside "
                 "'%s': %s", target, strerror(err));
        goto out_free;
    }
    /* mkdtemp makes it 0700; the set is as readable as mkdir makes it. */
    chmod(os->work, 0777 & ~current_umask());
    return 0;

out_free:
    free(os->shown);
    free(os->target);
    free(os->work);
    memset(os, 0, sizeof(*os));
    return -1;
}

void outset_name_target(const struct outset *os, struct diag *dg)
{
    struct strbuf sb = STRBUF_INIT;
    size_t wlen = os->work ? strlen(os->work) : 0;
    int i;

    if (!dg || !wlen)
        return;
    for (i = 0; i < dg->count && i < DIAG_MAX; i++) {
        const char *msg = dg->e[i].msg;
        const char *at;

        strbuf_reset(&sb);
        while ((at = strstr(msg, os->work)) != NULL) {
            strbuf_addf(&sb, "%.*s%s", (int)(at - msg), msg, os->shown);
            msg = at + wlen;
        }
        if (!sb.len)
            continue;
        strbuf_addstr(&sb, msg);
        snprintf(dg->e[i].msg, sizeof(dg->e[i].msg), "%s", sb.buf);
    }
    strbuf_release(&sb);
}

/*
 * Exchanges the directories a and b, or, where the file system cannot,
 * moves b aside to `aside` and a to b. On success *old names where b's
 * previous contents are now. Returns 0 or -1 with errno set.
 */
static int swap_dirs(const char *a, const char *b, const char *aside,
                     const char **old)
{
    if (renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE) == 0) {
        *old = a;
        return 0;
    }
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
        return -1;
    if (rename(b, aside) < 0)
        return -1;
    if (rename(a, b) < 0) {
        int err = errno;

        rename(aside, b);
        errno = err;
        return -1;
    }
    *old = aside;
    return 0;
}

/* qsort order for the per-file commit: directories first, results.json
 * last, the rest by name. */
struct entry {
    char *name;
    bool dir;
};

static int entry_rank(const struct entry *e)
{
    if (e->dir)
        return 0;
    return strcmp(e->name, last_name) == 0 ? 2 : 1;
}

static int entry_cmp(const void *pa, const void *pb)
{
    const struct entry *a = pa, *b = pb;
    int ra = entry_rank(a), rb = entry_rank(b);

    if (ra != rb)
        return ra - rb;
    return strcmp(a->name, b->name);
}

/* The entries of dir (without . and ..), in commit order; frees none. */
static struct entry *list_entries(const char *dir, size_t *n)
{
    struct strbuf sub = STRBUF_INIT;
    struct entry *out = NULL;
    struct dirent *de;
    struct stat st;
    size_t cap = 0;
    DIR *d = opendir(dir);

    *n = 0;
    if (!d)
        return NULL;
    while ((de = readdir(d)) != NULL) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            out = xreallocarray(out, cap, sizeof(*out));
        }
        strbuf_path(&sub, dir, de->d_name);
        out[*n].name = xstrdup(de->d_name);
        out[*n].dir = lstat(sub.buf, &st) == 0 && S_ISDIR(st.st_mode);
        (*n)++;
    }
    closedir(d);
    strbuf_release(&sub);
    if (*n)
        qsort(out, *n, sizeof(*out), entry_cmp);
    return out;
}

static void free_entries(struct entry *e, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        free(e[i].name);
    free(e);
}

/*
 * Moves each entry of os->work into the target: directories swapped (the
 * old one removed), files renamed over, results.json last. Everything is
 * checked first, so a kind mismatch moves nothing.
 */
static int commit_per_file(struct outset *os, struct diag *dg)
{
    struct strbuf src = STRBUF_INIT, dst = STRBUF_INIT, aside = STRBUF_INIT;
    struct stat st;
    size_t i, n;
    struct entry *e = list_entries(os->work, &n);
    const char *old;
    int rc = 0, err;

    for (i = 0; i < n && rc == 0; i++) {
        strbuf_path(&dst, os->target, e[i].name);
        if (lstat(dst.buf, &st) < 0)
            continue;
        if (e[i].dir ? !S_ISDIR(st.st_mode) : !S_ISREG(st.st_mode))
            rc = diag_set(dg, 0, 0, "cannot replace '%s': it is not a %s",
                          dst.buf, e[i].dir ? "directory" : "regular file");
    }
    for (i = 0; i < n && rc == 0; i++) {
        strbuf_path(&src, os->work, e[i].name);
        strbuf_path(&dst, os->target, e[i].name);
        if (e[i].dir && lstat(dst.buf, &st) == 0) {
            strbuf_reset(&aside);
            strbuf_addf(&aside, "%s.old", src.buf);
            if (swap_dirs(src.buf, dst.buf, aside.buf, &old) == 0) {
                outset_remove_tree(old);
                continue;
            }
        } else if (rename(src.buf, dst.buf) == 0) {
            continue;
        }
        err = errno;
        rc = diag_set(dg, 0, 0, "cannot replace '%s': %s", dst.buf,
                      strerror(err));
    }
    free_entries(e, n);
    strbuf_release(&src);
    strbuf_release(&dst);
    strbuf_release(&aside);
    return rc;
}

/*
 * Hard-links the target's regular files that the new set does not hold
 * into it, so the swap keeps them. Returns false when the target holds
 * anything else the set does not (a directory of the user's), or a link
 * fails: the caller then commits per file.
 */
static bool carry_over(struct outset *os)
{
    struct strbuf src = STRBUF_INIT, dst = STRBUF_INIT;
    struct stat st;
    size_t i, n;
    struct entry *e = list_entries(os->target, &n);
    bool ok = true;

    for (i = 0; i < n && ok; i++) {
        strbuf_path(&src, os->target, e[i].name);
        strbuf_path(&dst, os->work, e[i].name);
        if (lstat(dst.buf, &st) == 0)
            continue;
        ok = lstat(src.buf, &st) == 0 && S_ISREG(st.st_mode) &&
             link(src.buf, dst.buf) == 0;
    }
    free_entries(e, n);
    strbuf_release(&src);
    strbuf_release(&dst);
    return ok;
}

int outset_commit(struct outset *os, struct diag *dg)
{
    struct strbuf aside = STRBUF_INIT;
    struct stat st;
    const char *old;
    int rc = 0, err;

    if (!os->work)
        return diag_set(dg, 0, 0, "no output set to commit");
    if (!os->inside && stat(os->target, &st) < 0) {
        if (rename(os->work, os->target) < 0) {
            err = errno;
            rc = diag_set(dg, 0, 0, "cannot create '%s': %s", os->target,
                          strerror(err));
        }
        goto out;
    }
    if (os->inside || !carry_over(os)) {
        rc = commit_per_file(os, dg);
        goto out;
    }
    chmod(os->work, st.st_mode & 07777);
    strbuf_addf(&aside, "%s.old", os->work);
    if (swap_dirs(os->work, os->target, aside.buf, &old) < 0) {
        err = errno;
        rc = diag_set(dg, 0, 0, "cannot replace '%s': %s", os->target,
                      strerror(err));
        goto out;
    }
    outset_remove_tree(old);
out:
    strbuf_release(&aside);
    outset_abort(os);
    return rc;
}

void outset_abort(struct outset *os)
{
    if (os->work)
        outset_remove_tree(os->work);
    free(os->work);
    free(os->target);
    free(os->shown);
    memset(os, 0, sizeof(*os));
}
