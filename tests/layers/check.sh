#!/bin/sh
# check.sh - the layering of the tree (README.md, "Code tour"): which
# folder may include which, and no include circle between modules.
#
#   sh tests/layers/check.sh        (from the repository's root)
#
# A module is a .c file and its .h (run/cell.c + run/cell.h); a private
# header NAME_int.h belongs to module NAME. An include edge goes from the
# including module to the included one. Prints one line
# per check, then "N passed, M failed"; exits 1 on failure.

set -u
cd "$(dirname "$0")/../.." || exit 2

# folder: the folders it may include (itself always).
allowed() {
    case $1 in
    base) echo "" ;;
    sim) echo "base" ;;
    models | workloads) echo "sim base" ;;
    reports) echo "base" ;;
    run) echo "models workloads reports sim base" ;;
    measure) echo "run models workloads reports sim base" ;;
    select) echo "run models workloads reports sim base" ;;
    api) echo "select run models workloads reports sim base" ;;
    cli) echo "api select measure run models workloads reports sim base" ;;
    mpi) echo "run base" ;;
    *) echo "-" ;;
    esac
}

LIB="base sim models workloads reports run measure select api"
passed=0
failed=0
edges=$(mktemp) || exit 2
trap 'rm -f "$edges"' EXIT

for dir in $LIB cli mpi; do
    [ -d "$dir" ] || continue
    ok=allowed
    bad=""
    may=$(allowed "$dir")
    for f in "$dir"/*.c "$dir"/*.h; do
        [ -f "$f" ] || continue
        for inc in $(sed -n 's/^[ \t]*#[ \t]*include[ \t]*"\([^"]*\)".*/\1/p' "$f"); do
            top=${inc%%/*}
            [ "$top" = "$inc" ] && continue
            from=${f%.*}
            to=${inc%.*}
            echo "${from%_int} ${to%_int}" >>"$edges"
            [ "$top" = "$dir" ] && continue
            case " $may " in
            *" $top "*) ;;
            *) bad="$bad $f->$inc" ;;
            esac
        done
    done
    if [ -z "$bad" ]; then
        passed=$((passed + 1))
        echo "ok   $dir/ includes only: $dir ${may:-(nothing else)}"
    else
        failed=$((failed + 1))
        echo "FAIL $dir/ includes a higher layer:$bad"
    fi
done

# Nothing of the library includes the program.
lib_cli=$(grep -ls '#include "cli/' $(for d in $LIB; do ls "$d"/*.[ch] 2>/dev/null; done) 2>/dev/null)
if [ -z "$lib_cli" ]; then
    passed=$((passed + 1))
    echo "ok   no library file includes cli/"
else
    failed=$((failed + 1))
    echo "FAIL library files include cli/: $lib_cli"
fi

# Module circles: depth-first search over the module graph.
cycles=$(sort -u "$edges" | awk '
    $1 != $2 { adj[$1] = adj[$1] " " $2; node[$1] = 1; node[$2] = 1 }
    function visit(n,    i, k, list) {
        state[n] = 1
        stack[++depth] = n
        k = split(adj[n], list, " ")
        for (i = 1; i <= k; i++) {
            if (state[list[i]] == 1) {
                out = list[i]
                for (j = depth; j >= 1 && stack[j] != list[i]; j--)
                    out = stack[j] " -> " out
                print list[i] " -> " out
            } else if (!state[list[i]]) {
                visit(list[i])
            }
        }
        depth--
        state[n] = 2
    }
    END { for (n in node) if (!state[n]) visit(n) }')
if [ -z "$cycles" ]; then
    passed=$((passed + 1))
    echo "ok   no include circle between modules"
else
    failed=$((failed + 1))
    echo "FAIL include circles:"
    echo "$cycles" | sed 's/^/       /'
fi

echo "layers: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
