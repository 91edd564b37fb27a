/*
 * datadir.c - finding shipped data (scenarios) by name: the current
 * directory, $VIRTSIM_DATADIR, the install prefix beside the program, the
 * source tree. Reads the file system only.
 */
#include "cli/datadir.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int is_file(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static void add_dir(struct strbuf *out, const char *dir)
{
    if (!is_dir(dir))
        return;
    if (out->len)
        strbuf_addch(out, ':');
    strbuf_addstr(out, dir);
}

void datadir_search_path(struct strbuf *out)
{
    const char *env = getenv("VIRTSIM_DATADIR");
    char exe[PATH_MAX];
    struct strbuf dir = STRBUF_INIT;
    ssize_t n;
    char *slash;

    if (env && env[0])
        add_dir(out, env);
    n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n <= 0)
        return;
    exe[n] = '\0';
    slash = strrchr(exe, '/');
    if (!slash)
        return;
    *slash = '\0';
    strbuf_addf(&dir, "%s/../share/virtsim", exe);
    add_dir(out, dir.buf);
    add_dir(out, exe);
    /* A program built into a directory of the source tree (build-san/). */
    strbuf_reset(&dir);
    strbuf_addf(&dir, "%s/../scenarios", exe);
    if (is_dir(dir.buf)) {
        strbuf_reset(&dir);
        strbuf_addf(&dir, "%s/..", exe);
        add_dir(out, dir.buf);
    }
    strbuf_release(&dir);
}

void datadir_find_scenario(const char *arg, struct strbuf *out)
{
    struct strbuf path = STRBUF_INIT, cand = STRBUF_INIT;
    const char *dir;
    size_t len;
    int dot_json;

    len = strlen(arg);
    dot_json = len > 5 && strcmp(arg + len - 5, ".json") == 0;
    if (strchr(arg, '/') || is_file(arg) || !arg[0]) {
        strbuf_addstr(out, arg);
        return;
    }
    datadir_search_path(&path);
    for (dir = path.buf; *dir;) {
        size_t dlen = strcspn(dir, ":");

        strbuf_reset(&cand);
        strbuf_add(&cand, dir, dlen);
        strbuf_addf(&cand, "/scenarios/%s%s", arg, dot_json ? "" : ".json");
        if (is_file(cand.buf))
            break;
        strbuf_reset(&cand);
        dir += dlen;
        if (*dir == ':')
            dir++;
    }
    /*
     * ./NAME.json last: `virtsim run mm1 >mm1.json` creates that file
     * (empty) before the program looks, and must still run the shipped one.
     */
    if (!cand.len && !dot_json) {
        strbuf_addf(&cand, "%s.json", arg);
        if (!is_file(cand.buf))
            strbuf_reset(&cand);
    }
    strbuf_addstr(out, cand.len ? cand.buf : arg);
    strbuf_release(&cand);
    strbuf_release(&path);
}
