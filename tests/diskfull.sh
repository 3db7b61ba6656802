#!/bin/sh
# diskfull.sh — a disk that fills up during a build: mgi stops with exit 74 and a message
# naming the file it could not write, leaves no *.tmp-* temporaries and no truncated PDF or
# workbook under a final name, and the outputs of an earlier build stay as they were
# (byte for byte), with --jobs 1 and with --jobs 2 (errors come back from the workers).
#
# As root the outputs go to a small tmpfs, filled up with a file to leave a few blocks
# free: real ENOSPC. Where mounting is not allowed (an unprivileged container) the same
# cases run under a file-size limit instead (ulimit -f with SIGXFSZ ignored: the kernel
# fails the write with EFBIG, "File too large"), which takes the same paths in mgi.
# usage: diskfull.sh MGI SOURCE_DIR
set -u
mgi=$1 src=$2
tmp=$(mktemp -d)
mnt=$tmp/mnt
mkdir "$mnt"
mounted=
dmounted=
cleanup() {
    [ -z "$dmounted" ] || umount "$dmounted" || umount -l "$dmounted"
    [ -z "$mounted" ] || umount "$mnt" || umount -l "$mnt"
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# The same bytes in every build, so that "untouched" can be checked with cmp.
SOURCE_DATE_EPOCH=0
export SOURCE_DATE_EPOCH

if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=40m,mode=0755 mgi-diskfull "$mnt" 2>/dev/null; then
    mounted=1
    mode=tmpfs
    nospace="No space left on device"
    bs=$(stat -f -c %S "$mnt")
else
    mode="file-size limit"
    nospace="File too large"
fi
echo "diskfull: $mode"
limit=

# squeeze BYTES: from now on mgi can write files of up to about BYTES. On the tmpfs, a
# file fills the disk but for that many bytes (whole blocks); else ulimit -f.
squeeze() {
    if [ -n "$mounted" ]; then
        rm -f "$mnt/fill"
        dd if=/dev/zero of="$mnt/fill" bs=65536 2>/dev/null
        blocks=$((($1 + bs - 1) / bs))
        [ "$blocks" = 0 ] || truncate -s -$((blocks * bs)) "$mnt/fill"
        free=$(stat -f -c %a "$mnt")
        [ "$free" = "$blocks" ] || fail "setup: $free blocks free on the tmpfs, not $blocks"
    else
        limit=$((($1 + 511) / 512)) # ulimit -f counts 512-byte blocks (POSIX)
    fi
}
unsqueeze() { rm -f "$mnt/fill"; limit=; }

# run CMD...: with the file-size limit if there is one; output in $tmp/log, status in $rc.
# (Under the limit the messages go through a pipe: the limit applies to a log file too.)
run() {
    if [ -n "$limit" ]; then
        { (trap '' XFSZ; ulimit -f "$limit" && exec "$@"); echo $? >"$tmp/rc"; } 2>&1 | cat >"$tmp/log"
        rc=$(cat "$tmp/rc")
    else
        "$@" >"$tmp/log" 2>&1
        rc=$?
    fi
}

# manifest DIR: every file with its checksum, sorted.
manifest() { (cd "$1" && find . -type f -exec sha256sum {} + | sort -k 2); }

# after WHAT PATTERN [DIR]: the run stopped with 74 and a message naming a file that
# matches PATTERN (an extended regular expression); nothing half-written anywhere; DIR
# (when given) holds exactly the earlier build's files, byte for byte.
after() {
    what=$1
    if [ "$rc" != 74 ]; then
        fail "$what: exit $rc, expected 74"
        sed 's/^/  | /' "$tmp/log" | head -5
    fi
    if ! grep -Eq "^$2: error: cannot (write|create): $nospace\$" "$tmp/log"; then
        fail "$what: no message naming the file: $2: ... $nospace"
        sed 's/^/  | /' "$tmp/log" | head -5
    fi
    # mgi's messages only (its diagnostics, FILE: error: ..., and what it says of itself,
    # mgi: COMMAND: ...): no library printing its own on the way.
    if grep -Ev '^mgi: |^[^ ]+: (error|warning): ' "$tmp/log" | grep -q .; then
        fail "$what: lines that are not mgi's messages"
        grep -Ev '^mgi: |^[^ ]+: (error|warning): ' "$tmp/log" | sed 's/^/  | /' | head -3
    fi
    t=$(find "$mnt" -name '*.tmp-*' | head -3)
    [ -z "$t" ] || fail "$what: temporaries left: $t"
    for f in $(find "$mnt" -name '*.pdf'); do
        qpdf --check "$f" >/dev/null 2>&1 || fail "$what: $f is not a whole PDF"
    done
    for f in $(find "$mnt" -name '*.xlsx'); do
        unzip -tq "$f" >/dev/null 2>&1 || fail "$what: $f is not a whole workbook"
    done
    if [ $# -ge 3 ]; then
        manifest "$3" >"$tmp/now"
        cmp -s "$tmp/before" "$tmp/now" ||
            { fail "$what: the earlier outputs changed"; diff "$tmp/before" "$tmp/now" | head -5; }
    fi
    echo "$what: $(grep -E -m 1 ": cannot (write|create): " "$tmp/log")"
}

out=$mnt/out
start=$(date +%s)
# An earlier build, with room enough.
"$mgi" build "$src/data" -o "$out" --jobs 1 -q >"$tmp/log" 2>&1 ||
    { echo "the first build failed"; cat "$tmp/log"; exit 1; }
manifest "$out" >"$tmp/before"

# largest FILE...: the size of the largest, in bytes.
largest() { stat -c %s "$@" | sort -n | tail -n 1; }
# The room the cases leave, from the sizes of the first build's files: charts (and
# assessment.csv) fit, in two processes at once; profiles do not.
charts=$(largest "$out/assessment.csv" "$out"/*-2022/charts/*)
profiles=$(stat -c %s "$out"/*-2022/profile-*.pdf | sort -n | head -n 1)
[ $((2 * charts + 8192)) -lt "$profiles" ] ||
    fail "setup: the demo outputs' sizes no longer allow these cases ($charts $profiles)"

# The disk is full: assessment.csv, the first file, cannot be written.
squeeze 0
run "$mgi" build "$src/data" -o "$out" --jobs 1 -q
after "full disk" "$out/assessment\.csv" "$out"

# Room for the assessment and the charts, not for a profile (PDF through libharu).
squeeze $((charts + 4096))
run "$mgi" build "$src/data" -o "$out" --jobs 1 -q
after "no room for a profile" "$out/[0-9]+-2022/profile-e[ns]\.pdf" "$out"

# The same in two worker processes: their errors come back through the pipe. The
# workers share out the communes and the comparison outputs as they go, so which file
# finds the disk full first varies: any output of the build, named.
squeeze $((2 * charts + 8192))
run "$mgi" build "$src/data" -o "$out" --jobs 2 -q
after "no room, --jobs 2" "$out/[^ ]+\.(pdf|svg|xlsx|html|csv)" "$out"

# Room for every profile, workbook and chart, not for the dashboard. The dashboard carries
# its data once and is smaller than the workbooks (and their scratch files), so no free
# space or size limit fits them and not it: OUT/dashboard is a tmpfs of its own, holding
# the earlier dashboard, with no room for a second (as root; else the case is skipped).
if [ -n "$mounted" ]; then
    unsqueeze
    dsize=$(stat -c %s "$out/dashboard/index.html")
    cp -p "$out/dashboard/index.html" "$tmp/index.html"
    if mount -t tmpfs -o size=$(((dsize + dsize / 2 + bs - 1) / bs * bs)),mode=0755 mgi-dashboard "$out/dashboard"; then
        dmounted=$out/dashboard
        cp -p "$tmp/index.html" "$out/dashboard/index.html"
        run "$mgi" build "$src/data" -o "$out" --jobs 1 -q
        after "no room for the dashboard" "$out/dashboard/index\.html" "$out"
        umount "$dmounted" && dmounted=
    else
        fail "setup: cannot mount a tmpfs on OUT/dashboard"
    fi
else
    echo "no room for the dashboard: skipped (a tmpfs of its own needs root)"
fi

# PNG charts (libpng): into an empty directory, room for the assessment and an SVG chart.
squeeze $((2 * charts + 8192))
run "$mgi" build "$src/data" -o "$mnt/png" --commune 13101 --lang en --png --jobs 1 -q
after "no room for a PNG chart" "$mnt/png/13101-2022/charts/wheel\.png"
rm -rf "$mnt/png"

# blocks FILE...: the disk the files take, in whole blocks (Spanish charts left out).
blocks() {
    n=0
    for f in "$@"; do
        case $f in *.es.svg) continue ;; esac
        n=$((n + ($(stat -c %s "$f") + bs - 1) / bs * bs))
    done
    echo "$n"
}

if [ -n "$mounted" ]; then
    # A workbook (libxlsxwriter writes it by name): one commune into an empty directory,
    # room for its assessment, charts and profile and one block more.
    squeeze $(($(blocks "$out/assessment.csv" "$out"/13101-2022/charts/*.svg \
        "$out/13101-2022/profile-en.pdf") + bs))
    run "$mgi" build "$src/data" -o "$mnt/one" --commune 13101 --lang en --jobs 1 -q
    after "no room for a workbook" "$mnt/one/13101-2022/annex\.xlsx"
    [ ! -e "$mnt/one/13101-2022/annex.xlsx" ] || fail "a workbook under its final name"
    # The comparison workbook is written row by row, through scratch files beside it (its
    # own unnamed files, on the output's disk, whose writes libxlsxwriter does not check):
    # room for everything before it and one block more, not for its rows.
    squeeze $(($(blocks "$out/assessment.csv" "$out"/13101-2022/charts/*.svg \
        "$out/13101-2022/profile-en.pdf" "$out/13101-2022/annex.xlsx" "$out/comparison/heatmap.svg") + bs))
    run "$mgi" build "$src/data" -o "$mnt/cmp" --commune 13101 --lang en --jobs 1 -q
    after "no room for the comparison workbook's rows" "$mnt/cmp/comparison\.xlsx"
    [ ! -e "$mnt/cmp/comparison.xlsx" ] || fail "a comparison workbook under its final name"
    rm -rf "$mnt/cmp"
    # mgi template writes a workbook too.
    squeeze 0
    run "$mgi" template "$src/data" --commune 13101 --year 2022 -o "$mnt/entry.xlsx"
    after "mgi template on a full disk" "$mnt/entry\.xlsx"
    [ ! -e "$mnt/entry.xlsx" ] || fail "mgi template left entry.xlsx"
    # libxlsxwriter would write its parts to temporary files in TMPDIR without checking
    # the writes; mgi gives it memory files instead, whose writes it checks (lxw_tmpfile
    # in src/lxw.c), so a full TMPDIR changes nothing: the workbook is whole.
    mkdir "$mnt/tmpdir"
    run env TMPDIR="$mnt/tmpdir" "$mgi" template "$src/data" --commune 13101 --year 2022 -o "$tmp/entry.xlsx"
    [ "$rc" = 0 ] || { fail "a full TMPDIR: exit $rc, expected 0"; cat "$tmp/log"; }
    unzip -tq "$tmp/entry.xlsx" >/dev/null 2>&1 || fail "a full TMPDIR: the workbook is broken"
    [ "$(unzip -p "$tmp/entry.xlsx" xl/worksheets/sheet1.xml 2>/dev/null | wc -c)" -gt 1000 ] ||
        fail "a full TMPDIR: the first sheet is empty"
    echo "a full TMPDIR: the workbook is whole"
    # (Under a file-size limit libxlsxwriter's temporary files would hit the limit first,
    # which is this case, not a full disk: the workbook cases run on the tmpfs only.)
fi

# A part of a workbook that libxlsxwriter cannot keep (the file-size limit applies to
# its memory files too): the library does not check that write, mgi does. The limit lies
# between the workbook's size and its largest part's, so only the part fails.
unsqueeze
"$mgi" template "$src/data" --commune 13101 --year 2022 -o "$tmp/good.xlsx" >/dev/null 2>&1 ||
    fail "setup: mgi template"
wsize=$(stat -c %s "$tmp/good.xlsx")
psize=$(unzip -l "$tmp/good.xlsx" | awk 'NF >= 4 && $1 ~ /^[0-9]+$/ && $1 > m { m = $1 } END { print m + 0 }')
if [ "$psize" -gt $((wsize + 4096)) ]; then
    limit=$(((wsize + psize) / 2 / 512))
    run "$mgi" template "$src/data" --commune 13101 --year 2022 -o "$tmp/part.xlsx"
    [ "$rc" = 74 ] || fail "a part that cannot be kept: exit $rc, expected 74"
    grep -q "^$tmp/part.xlsx: error: cannot write: libxlsxwriter's parts of the workbook could not be kept: File too large$" "$tmp/log" ||
        { fail "a part that cannot be kept: no message naming the workbook"; sed 's/^/  | /' "$tmp/log" | head -3; }
    [ ! -e "$tmp/part.xlsx" ] || fail "a part that cannot be kept: the workbook was written"
    [ -z "$(find "$tmp" -maxdepth 1 -name '*.tmp-*')" ] || fail "a part that cannot be kept: temporaries left"
    echo "a part that cannot be kept: $(head -n 1 "$tmp/log")"
else
    fail "setup: the template's largest part ($psize bytes) is not larger than the workbook ($wsize)"
fi

# With room again, the same directory builds.
unsqueeze
"$mgi" build "$src/data" -o "$out" --jobs 2 -q >"$tmp/log" 2>&1 || fail "a build with room again"
manifest "$out" >"$tmp/now"
cmp -s "$tmp/before" "$tmp/now" || fail "the build with room again differs from the first"

echo "diskfull: $fails failures, $(($(date +%s) - start)) s"
[ "$fails" = 0 ]
