/*
 * gnuplot.c - finding and running gnuplot: fork, chdir, execve with a
 * cleaned environment, its stderr read through a pipe for the error
 * message, the image renamed into place only after a clean exit.
 */
#include "reports/gnuplot.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/strbuf.h"
#include "base/xalloc.h"

extern char **environ;

#define ERR_KEEP 1024               /* bytes of gnuplot's stderr kept */

/* The working directory, however long (NULL when it cannot be had). */
static char *working_dir(void)
{
    size_t size = 256;
    char *cwd = xmalloc(size);

    while (!getcwd(cwd, size)) {
        if (errno != ERANGE) {
            free(cwd);
            return NULL;
        }
        size *= 2;
        cwd = xrealloc(cwd, size);
    }
    return cwd;
}

/* cand made absolute, for a child that changes directory first. */
static char *absolute(char *cand)
{
    char *cwd, *abs;

    if (cand[0] == '/')
        return cand;
    cwd = working_dir();
    if (!cwd)
        return cand;
    abs = xstrfmt("%s/%s", cwd, cand);
    free(cwd);
    free(cand);
    return abs;
}

char *gnuplot_find(const char *search_path)
{
    const char *p = search_path;

    while (p) {
        const char *colon = strchr(p, ':');
        size_t len = colon ? (size_t)(colon - p) : strlen(p);
        char *cand = len ? xstrfmt("%.*s/gnuplot", (int)len, p)
                         : xstrdup("gnuplot");
        struct stat st;

        if (stat(cand, &st) == 0 && S_ISREG(st.st_mode) &&
            access(cand, X_OK) == 0)
            return absolute(cand);
        free(cand);
        p = colon ? colon + 1 : NULL;
    }
    return NULL;
}

/* True for a plain file name: [A-Za-z0-9._-]+, not starting with '.'. */
static int plain_name(const char *s)
{
    const char *p;

    if (!s[0] || s[0] == '.')
        return 0;
    for (p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' ||
              *p == '-'))
            return 0;
    return 1;
}

/*
 * The environment for gnuplot: ours without any locale variable, plus
 * LC_ALL=C, so that numbers read and print with a decimal point. The
 * strings are borrowed from environ; free only the array.
 */
static char **child_env(void)
{
    static char lc_all[] = "LC_ALL=C";
    size_t n = 0, i, j = 0;
    char **env;

    while (environ && environ[n])
        n++;
    env = xcalloc(n + 2, sizeof(*env));
    for (i = 0; i < n; i++)
        if (strncmp(environ[i], "LC_", 3) != 0 &&
            strncmp(environ[i], "LANG=", 5) != 0 &&
            strncmp(environ[i], "LANGUAGE=", 9) != 0)
            env[j++] = environ[i];
    env[j] = lc_all;
    return env;
}

/* In the child: says why it cannot run gnuplot, on the pipe, and exits. */
static void child_fail(int fd, const char *what, const char *name)
{
    const char *err = strerror(errno);

    (void)!write(fd, what, strlen(what));
    (void)!write(fd, name, strlen(name));
    (void)!write(fd, ": ", 2);
    (void)!write(fd, err, strlen(err));
    (void)!write(fd, "\n", 1);
    _exit(127);
}

/*
 * The child: into dir, stdin and stdout on /dev/null, stderr on the pipe,
 * then gnuplot. Only async-signal-safe calls from here on.
 */
static void child_run(const char *gnuplot, const char *dir, char **argv,
                      char **env, int err_fd)
{
    int null_fd;

    if (chdir(dir) < 0)
        child_fail(err_fd, "cannot enter directory ", dir);
    null_fd = open("/dev/null", O_RDWR);
    if (null_fd < 0)
        child_fail(err_fd, "cannot open ", "/dev/null");
    if (dup2(null_fd, 0) < 0 || dup2(null_fd, 1) < 0 || dup2(err_fd, 2) < 0)
        child_fail(err_fd, "cannot redirect ", "gnuplot's output");
    if (null_fd > 2)
        close(null_fd);
    if (err_fd > 2)
        close(err_fd);
    execve(gnuplot, argv, env);
    child_fail(2, "cannot run ", gnuplot);
}

/* Reads fd to its end, keeping the first size - 1 bytes in buf. */
static void read_all(int fd, char *buf, size_t size)
{
    char sink[512];
    size_t len = 0;
    ssize_t n;

    for (;;) {
        if (len + 1 < size)
            n = read(fd, buf + len, size - 1 - len);
        else
            n = read(fd, sink, sizeof(sink));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (len + 1 < size)
            len += (size_t)n;
    }
    buf[len] = '\0';
}

/* The last non-empty line of text (gnuplot's message), malloc'ed. */
static char *last_line(const char *text)
{
    const char *end = text + strlen(text);
    const char *start;

    while (end > text && (end[-1] == '\n' || end[-1] == ' ' ||
                          end[-1] == '\r'))
        end--;
    start = end;
    while (start > text && start[-1] != '\n')
        start--;
    while (start < end && (*start == ' ' || *start == '\t'))
        start++;
    return xstrfmt("%.*s", (int)(end - start), start);
}

/* Waits for pid; returns its wait status, or -1 on error. */
static int wait_for(pid_t pid)
{
    int status;

    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return status;
}

/*
 * Whether the image at path is whole: gnuplot's terminals may exit 0 on a
 * full disk, leaving a cut file. A PNG must start with its signature and
 * end with its IEND chunk; an SVG must end with "</svg>" (then white
 * space). Other names are only checked for being non-empty.
 */
static bool image_complete(const char *path, const char *image)
{
    static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r',
                                             '\n', 0x1a, '\n'};
    static const unsigned char png_end[8] = {'I', 'E', 'N', 'D', 0xae,
                                             0x42, 0x60, 0x82};
    const char *ext = strrchr(image, '.');
    unsigned char head[8], tail[64];
    size_t n;
    long size;
    FILE *fp = fopen(path, "rb");
    bool ok = false;

    if (!fp)
        return false;
    if (fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) <= 0)
        goto out;
    n = size < (long)sizeof(tail) ? (size_t)size : sizeof(tail);
    if (fseek(fp, size - (long)n, SEEK_SET) != 0 ||
        fread(tail, 1, n, fp) != n)
        goto out;
    if (ext && strcmp(ext, ".png") == 0) {
        ok = n >= sizeof(png_end) &&
             !memcmp(tail + n - sizeof(png_end), png_end, sizeof(png_end)) &&
             fseek(fp, 0, SEEK_SET) == 0 &&
             fread(head, 1, sizeof(head), fp) == sizeof(head) &&
             !memcmp(head, png_sig, sizeof(png_sig));
    } else if (ext && strcmp(ext, ".svg") == 0) {
        while (n > 0 && isspace(tail[n - 1]))
            n--;
        ok = n >= 6 && !memcmp(tail + n - 6, "</svg>", 6);
    } else {
        ok = true;
    }
out:
    fclose(fp);
    return ok;
}

int gnuplot_run(const char *gnuplot, const char *dir, const char *script,
                const char *image, struct diag *dg)
{
    char arg0[] = "gnuplot";
    char arg1[] = "-e";
    char errbuf[ERR_KEEP];
    char *tmp_name, *expr, *script_arg, *tmp_path, *image_path;
    char *why = NULL;
    char *argv[5];
    char **env;
    int fds[2], status, rc = -1;
    pid_t pid;
    struct stat st;

    if (!plain_name(script) || !plain_name(image))
        return diag_set(dg, 0, 0, "gnuplot: '%s' or '%s' is not a plain "
                        "file name", script, image);
    tmp_name = xstrfmt(".%s.%ld.tmp", image, (long)getpid());
    expr = xstrfmt("outfile='%s'", tmp_name);
    tmp_path = xstrfmt("%s/%s", dir, tmp_name);
    image_path = xstrfmt("%s/%s", dir, image);
    script_arg = xstrdup(script);
    argv[0] = arg0;
    argv[1] = arg1;
    argv[2] = expr;
    argv[3] = script_arg;
    argv[4] = NULL;
    env = child_env();

    if (pipe(fds) < 0) {
        diag_set(dg, 0, 0, "cannot run gnuplot on '%s/%s': pipe: %s", dir,
                 script, strerror(errno));
        goto out_free;
    }
    fflush(NULL);       /* nothing buffered may be written twice */
    pid = fork();
    if (pid < 0) {
        diag_set(dg, 0, 0, "cannot run gnuplot on '%s/%s': fork: %s", dir,
                 script, strerror(errno));
        close(fds[0]);
        close(fds[1]);
        goto out_free;
    }
    if (pid == 0) {
        close(fds[0]);
        child_run(gnuplot, dir, argv, env, fds[1]);
    }
    close(fds[1]);
    read_all(fds[0], errbuf, sizeof(errbuf));
    close(fds[0]);
    status = wait_for(pid);
    why = last_line(errbuf);

    if (status == -1) {
        diag_set(dg, 0, 0, "gnuplot on '%s/%s': waitpid: %s", dir, script,
                 strerror(errno));
    } else if (WIFSIGNALED(status)) {
        diag_set(dg, 0, 0, "gnuplot failed on '%s/%s': killed by signal %d",
                 dir, script, WTERMSIG(status));
    } else if (WEXITSTATUS(status) != 0) {
        diag_set(dg, 0, 0, "gnuplot failed on '%s/%s' (exit status %d)%s%s",
                 dir, script, WEXITSTATUS(status), why[0] ? ": " : "", why);
    } else if (stat(tmp_path, &st) < 0 || st.st_size == 0) {
        diag_set(dg, 0, 0, "gnuplot wrote no image for '%s/%s'", dir,
                 script);
    } else if (!image_complete(tmp_path, image)) {
        diag_set(dg, 0, 0, "gnuplot wrote an incomplete image for '%s/%s' "
                 "(the disk may be full)", dir, script);
    } else if (rename(tmp_path, image_path) < 0) {
        diag_set(dg, 0, 0, "cannot replace '%s': %s", image_path,
                 strerror(errno));
    } else {
        rc = 0;
    }
    if (rc < 0)
        unlink(tmp_path);

out_free:
    free(why);
    free(env);
    free(expr);
    free(tmp_name);
    free(script_arg);
    free(image_path);
    free(tmp_path);
    return rc;
}
