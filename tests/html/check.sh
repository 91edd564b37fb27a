#!/bin/sh
# check.sh - `virtsim chart` and the HTML report it writes: draws the
# charts of a fixture results.json, checks exit statuses and the note when
# gnuplot is missing, then opens index.html in headless chromium and checks
# that every image loaded and that the table has one row per cell.
#
#   VIRTSIM=./virtsim sh tests/html/check.sh [DIR]
#
# With DIR, the browser checks run on DIR/index.html and DIR/results.json
# (a report `virtsim run` wrote) instead of the fixture. Without chromium
# the browser checks print a skip line. Prints one line per check, then
# "N passed, M failed"; exits 1 on failure.

set -u

if [ -z "${VIRTSIM:-}" ]; then
    echo "check.sh: error: set VIRTSIM to the virtsim binary" >&2
    exit 2
fi
case $VIRTSIM in
/*) ;;
*) VIRTSIM=$(pwd)/$VIRTSIM ;;
esac
if [ ! -x "$VIRTSIM" ]; then
    echo "check.sh: error: '$VIRTSIM' is not an executable file" >&2
    exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/virtsim-html.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

passed=0
failed=0

pass() {
    passed=$((passed + 1))
    printf 'ok   html: %s\n' "$1"
}

# fail NAME [DETAIL...]
fail() {
    failed=$((failed + 1))
    printf 'FAIL html: %s\n' "$1"
    shift
    for _line in "$@"; do
        printf '       %s\n' "$_line"
    done
}

# run NAME WANT_STATUS ARGS...: runs virtsim with PATH=$run_path (stdout,
# stderr in $tmp/out, $tmp/err) and counts a failure when the exit status
# is not WANT_STATUS. Returns 0 when it matched.
run_path=$PATH
run() {
    _name=$1
    _want=$2
    shift 2
    env PATH="$run_path" "$VIRTSIM" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    _status=$?
    if [ "$_status" -ne "$_want" ]; then
        fail "$_name" "virtsim $*" "exit status $_status, expected $_want" \
            "stderr: $(head -n 3 "$tmp/err")"
        return 1
    fi
    return 0
}

# fixture DIR: a copy of the fixture results.json in a new DIR.
fixture() {
    mkdir -p "$1" && cp "$here/results.json" "$1/results.json"
}

# ---- the command ----

if [ $# -ge 1 ]; then
    report=$1
else
    report=$tmp/report
    fixture "$report"
    if run "chart draws the fixture" 0 chart "$report/results.json" --quiet
    then
        pass "chart draws the fixture"
    fi
    if command -v gnuplot >/dev/null 2>&1; then
        _n=$(ls "$report/charts/"*.png 2>/dev/null | wc -l)
        if [ "$_n" -eq 7 ]; then
            pass "seven PNG charts"
        else
            fail "seven PNG charts" "found $_n in $report/charts"
        fi
    fi

    # Without gnuplot: success, one note, data and scripts, no image.
    fixture "$tmp/nognu"
    run_path=/nonexistent
    if run "no gnuplot: exit 0" 0 chart "$tmp/nognu/results.json" \
            -o "$tmp/nognu"; then
        _want="virtsim: note: gnuplot not found; wrote chart data and"
        _want="$_want scripts to $tmp/nognu/charts/ (install gnuplot to"
        _want="$_want draw them)"
        if [ "$(cat "$tmp/err")" = "$_want" ] &&
           [ -f "$tmp/nognu/charts/cpu.gp" ] &&
           [ -f "$tmp/nognu/charts/cpu.dat" ] &&
           ! ls "$tmp/nognu/charts/"*.png >/dev/null 2>&1; then
            pass "no gnuplot: one note, data and scripts, no image"
        else
            fail "no gnuplot: one note, data and scripts, no image" \
                "stderr: $(cat "$tmp/err")"
        fi
    fi

    # A gnuplot that fails: exit 1, the script named; the page is written.
    fixture "$tmp/bad"
    mkdir -p "$tmp/bin"
    printf '#!/bin/sh\necho "broken gnuplot" >&2\nexit 3\n' >"$tmp/bin/gnuplot"
    chmod +x "$tmp/bin/gnuplot"
    run_path="$tmp/bin:$PATH"
    if run "failing gnuplot: exit 1" 1 chart "$tmp/bad/results.json"; then
        _want="gnuplot failed on '.*/charts/throughput.gp' (exit status 3)"
        if grep -q "$_want: broken gnuplot" "$tmp/err" &&
           [ -f "$tmp/bad/index.html" ]; then
            pass "failing gnuplot: exit 1, script named, page written"
        else
            fail "failing gnuplot: exit 1, script named, page written" \
                "stderr: $(head -n 2 "$tmp/err")"
        fi
    fi
    run_path=$PATH

    if command -v gnuplot >/dev/null 2>&1; then
        fixture "$tmp/svg"
        if run "svg" 0 chart "$tmp/svg/results.json" --chart-format svg \
                --quiet && [ -s "$tmp/svg/charts/cost.svg" ] &&
           grep -q 'src="data:image/svg+xml;base64,' "$tmp/svg/index.html" &&
           ! grep -q 'src="charts/' "$tmp/svg/index.html"; then
            pass "--chart-format svg: the images embedded in index.html"
        else
            fail "--chart-format svg: the images embedded in index.html" \
                "no charts/cost.svg, or an image linked rather than embedded"
        fi
        fixture "$tmp/png"
        if run "png" 0 chart "$tmp/png/results.json" --quiet &&
           grep -q 'src="data:image/png;base64,' "$tmp/png/index.html" &&
           ! grep -q 'src="charts/' "$tmp/png/index.html"; then
            pass "index.html embeds its PNG images: one file to send"
        else
            fail "index.html embeds its PNG images: one file to send"
        fi
    fi

    run "bad format: exit 2" 2 chart "$tmp/svg/results.json" \
        --chart-format jpeg && pass "bad format: exit 2"
    printf '{"cells": 3}\n' >"$tmp/malformed.json"
    run "malformed results.json: exit 2" 2 chart "$tmp/malformed.json" &&
        pass "malformed results.json: exit 2"
    run "missing results.json: exit 2" 2 chart "$tmp/none/results.json" &&
        pass "missing results.json: exit 2"
    run "no argument: exit 2" 2 chart && pass "no argument: exit 2"
    run "--help" 0 chart --help && pass "--help"
fi

# ---- the page in a browser ----

cells=$(grep -c '"instance":' "$report/results.json")
rows=$(grep -c '<tr class="cell">' "$report/index.html")
if [ "$rows" -eq "$cells" ]; then
    pass "index.html has one row per cell ($cells)"
else
    fail "index.html has one row per cell" "$rows rows, $cells cells"
fi

browser=
for _b in chromium chromium-browser; do
    if command -v "$_b" >/dev/null 2>&1; then
        browser=$_b
        break
    fi
done
if [ -z "$browser" ]; then
    echo "skip html: chromium is not installed (apt-get install chromium)"
else
    # browse OUTPUT ARGS...: headless chromium with a throwaway profile.
    browse() {
        _out=$1
        shift
        _profile=$(mktemp -d "$tmp/profile.XXXXXX")
        if command -v timeout >/dev/null 2>&1; then
            timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
                --disable-background-networking --disable-component-update \
                --disable-sync --no-first-run --user-data-dir="$_profile" \
                "$@" >"$_out" 2>"$tmp/browser.err" </dev/null
        else
            "$browser" --headless --no-sandbox --disable-gpu \
                --disable-background-networking --disable-component-update \
                --disable-sync --no-first-run --user-data-dir="$_profile" \
                "$@" >"$_out" 2>"$tmp/browser.err" </dev/null
        fi
    }
    page="file://$(cd "$report" && pwd)/index.html"
    browse "$tmp/dom.html" --virtual-time-budget=5000 --dump-dom "$page"
    imgs=$(grep -c '<img ' "$report/index.html")
    loaded=$(sed -n 's/.*<body[^>]*data-images="\([0-9]*\/[0-9]*\)".*/\1/p' \
             "$tmp/dom.html" | head -n 1)
    if [ -n "$loaded" ] && [ "$loaded" = "$imgs/$imgs" ]; then
        pass "browser: every image loaded ($loaded)"
    else
        fail "browser: every image loaded" \
            "data-images='$loaded', $imgs <img> in the page" \
            "$(tail -n 3 "$tmp/browser.err")"
    fi
    drows=$(grep -o '<tr class="cell">' "$tmp/dom.html" | wc -l)
    if [ "$drows" -eq "$cells" ]; then
        pass "browser: the table has one row per cell ($cells)"
    else
        fail "browser: the table has one row per cell" \
            "$drows rows rendered, $cells cells"
    fi
    browse "$tmp/shot.log" --window-size=1366,900 --hide-scrollbars \
        --screenshot="$tmp/shot.png" "$page"
    if [ -s "$tmp/shot.png" ]; then
        pass "browser: screenshot at 1366x900"
    else
        fail "browser: screenshot at 1366x900" \
            "$(tail -n 3 "$tmp/browser.err")"
    fi
fi

echo "html: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
