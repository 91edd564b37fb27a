#!/bin/sh
# run.sh - the library as a user embeds it: `make install` into a scratch
# PREFIX, examples/embed.c compiled with nothing but
# `pkg-config --cflags --libs virtsim` from that PREFIX, against the shared
# library and against the static one, and both run; then `make uninstall`
# leaves nothing behind.
#
#   MAKE=make sh tests/embed/run.sh     (from the repository's root)

set -u
cd "$(dirname "$0")/../.." || exit 2
MAKE=${MAKE:-make}
CC=${CC:-cc}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/virtsim-embed.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

check() {
    if [ "$1" -eq 0 ]; then
        passed=$((passed + 1))
        echo "ok   embed: $2"
    else
        failed=$((failed + 1))
        echo "FAIL embed: $2"
        [ -f "$tmp/log" ] && sed 's/^/       /' "$tmp/log" | tail -20
    fi
}

$MAKE --no-print-directory install PREFIX="$tmp/prefix" >"$tmp/log" 2>&1
check $? "make install PREFIX=..."
for f in bin/virtsim include/virtsim.h lib/libvirtsim.a lib/libvirtsim.so \
         lib/pkgconfig/virtsim.pc share/man/man1/virtsim.1 \
         share/virtsim/scenarios/quickstart.json share/virtsim/scenarios/README.md \
         share/virtsim/traces/kv-etc.csv share/virtsim/doc/README.md \
         share/bash-completion/completions/virtsim \
         share/zsh/site-functions/_virtsim; do
    [ -e "$tmp/prefix/$f" ]
    check $? "installed $f"
done
# The installed program finds a shipped scenario by name from anywhere.
(cd "$tmp" && "$tmp/prefix/bin/virtsim" run mm1 -o - -q >"$tmp/by-name.out") \
    >"$tmp/log" 2>&1
grep -q '"name": "mm1"' "$tmp/by-name.out"
check $? "the installed virtsim runs 'mm1' by name from another directory"
soname=$(objdump -p "$tmp/prefix/lib/libvirtsim.so" 2>/dev/null |
         awk '$1 == "SONAME" { print $2 }')
[ "$soname" = "libvirtsim.so.1" ]
check $? "soname libvirtsim.so.1 (got '$soname')"
# Only the API is exported from the shared library.
internal=$(nm -D --defined-only "$tmp/prefix/lib/libvirtsim.so" |
           awk '$2 ~ /[TD]/ && $3 !~ /^virtsim_/' | head -3)
[ -z "$internal" ]
check $? "the shared library exports virtsim_* only${internal:+ (also: $internal)}"

export PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig"
flags=$(pkg-config --cflags --libs virtsim)
check $? "pkg-config --cflags --libs virtsim"
# shellcheck disable=SC2086
$CC -std=c11 -Wall -Wextra -Werror -o "$tmp/embed" examples/embed.c $flags \
    >"$tmp/log" 2>&1
check $? "examples/embed.c builds against the installed headers and library"
(cd "$tmp" && LD_LIBRARY_PATH="$tmp/prefix/lib" ./embed out.json) \
    >"$tmp/log" 2>&1
rc=$?
grep -q '^embed: ok$' "$tmp/log" && [ $rc -eq 0 ]
check $? "embed runs on the shared library"
ldd "$tmp/embed" 2>/dev/null | grep -q "$tmp/prefix/lib/libvirtsim.so.1" ||
    LD_LIBRARY_PATH="$tmp/prefix/lib" ldd "$tmp/embed" | grep -q libvirtsim.so.1
check $? "embed links libvirtsim.so.1"

sflags=$(pkg-config --cflags --static --libs virtsim | sed 's/-lvirtsim/-l:libvirtsim.a/')
# shellcheck disable=SC2086
$CC -std=c11 -o "$tmp/embed-static" examples/embed.c $sflags >"$tmp/log" 2>&1
check $? "examples/embed.c links the static library (pkg-config --static)"
(cd "$tmp" && ./embed-static out2.json) >"$tmp/log" 2>&1
check $? "embed runs on the static library"
cmp -s "$tmp/out.json" "$tmp/out2.json"
check $? "shared and static runs write the same results.json"

$MAKE --no-print-directory uninstall PREFIX="$tmp/prefix" >"$tmp/log" 2>&1
left=$(find "$tmp/prefix" -type f -o -type l | head -3)
[ -z "$left" ]
check $? "make uninstall PREFIX=... removes what install put there${left:+ (left: $left)}"

echo "embed: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
