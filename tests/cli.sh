#!/bin/sh
# cli.sh — the mgi command as a user meets it: exit codes, messages, what build writes.
# usage: cli.sh MGI SOURCE_DIR
set -u
mgi=$1
src=$2
tmp=$(mktemp -d)
pub=$(mktemp -d) # for the read-only cases: a directory anyone may enter
chmod 755 "$pub"
trap 'chmod -R u+w "$tmp" "$pub"; rm -rf "$tmp" "$pub"' EXIT
fails=0
n=0

# expect STATUS "description" command...  (stdout+stderr saved in $tmp/out)
expect() {
    want=$1; what=$2; shift 2
    n=$((n + 1))
    "$@" >"$tmp/log" 2>&1
    got=$?
    if [ "$got" != "$want" ]; then
        echo "FAIL: $what: exit $got, expected $want"; sed 's/^/  | /' "$tmp/log" | head -20
        fails=$((fails + 1))
    fi
}

# contains "description" TEXT: the last command's output has TEXT (a fixed string)
contains() {
    n=$((n + 1))
    if ! grep -qF -- "$2" "$tmp/log"; then
        echo "FAIL: $1: output lacks: $2"; sed 's/^/  | /' "$tmp/log" | head -20
        fails=$((fails + 1))
    fi
}

check() { # check "description" shell-condition
    n=$((n + 1))
    if ! sh -c "$2"; then echo "FAIL: $1"; fails=$((fails + 1)); fi
}

expect 64 "no command" "$mgi"
contains "no command shows usage" "usage: mgi COMMAND"
expect 64 "unknown command" "$mgi" frobnicate
contains "unknown command is named" 'mgi: unknown command "frobnicate"'
expect 64 "unknown option" "$mgi" validate --bogus "$src/data"
contains "unknown option is named" 'mgi: unknown option "--bogus"'
expect 64 "two data directories" "$mgi" validate a b
# Each command takes its own options (getopt_long, one table): another is a usage error.
expect 64 "an option validate does not take" "$mgi" validate "$src/data" --png --draft
contains "the option and the command are named" 'mgi: validate does not take --png'
expect 64 "an option assess does not take" "$mgi" assess "$src/data" --lang es
contains "assess does not take --lang" 'mgi: assess does not take --lang'
expect 64 "-o for validate" "$mgi" validate -o x "$src/data"
contains "validate does not take -o" 'mgi: validate does not take -o'
expect 0 "options in the --name=value form, after the operand" "$mgi" assess "$src/data" --year=2022 --commune=13101
expect 64 "option without its value" "$mgi" build "$src/data" -o
expect 0 "--help" "$mgi" --help
contains "--help lists validate" "validate"
contains "--help lists build" "build"
expect 0 "help validate" "$mgi" help validate
contains "help validate gives the synopsis" "usage: mgi validate [DATA]"
expect 64 "help for an unknown command" "$mgi" help nothing
expect 0 "--version" "$mgi" --version
contains "--version names the version" "mgi 0."
contains "--version finds layouts in the build tree" "layouts and fonts: $src"
expect 0 "MGI_RESOURCES overrides" env MGI_RESOURCES="$src" "$mgi" --version
contains "MGI_RESOURCES is used" "layouts and fonts: $src"
if [ -w /dev/full ]; then
    expect 74 "a failed write to stdout is an I/O error" sh -c "'$mgi' --help >/dev/full"
    contains "a failed write to stdout says why" "mgi: writing to standard output failed: No space left on device"
    expect 74 "assess into a full disk" sh -c "'$mgi' assess '$src/data' >/dev/full"
    contains "assess into a full disk says why" "mgi: assess: writing to standard output failed: No space left on device"
fi

# The demo data is clean.
expect 0 "validate the demo data" "$mgi" validate "$src/data"
contains "validate summary" "0 errors"

# Missing input: 66.
expect 66 "missing data directory" "$mgi" validate "$tmp/nowhere"
contains "missing directory message" "$tmp/nowhere: error: no such data directory"
cp -R "$src/data" "$tmp/d1"
rm "$tmp/d1/responses.csv"
expect 66 "missing responses.csv" "$mgi" validate "$tmp/d1"
contains "missing file message" "$tmp/d1/responses.csv: error: no such file"

# Bad data: 65, every problem listed as FILE:LINE:COL: error: MESSAGE.
cp -R "$src/data" "$tmp/d2"
awk -F, 'NR == 12 { sub(/,(yes|partial|no|na),/, ",si,") } { print }' "$src/data/responses.csv" \
    >"$tmp/d2/responses.csv"
awk 'NR == 3 { sub(/^[^,]*/, "../x") } { print }' "$src/data/communes.csv" >"$tmp/d2/communes.csv"
expect 65 "validate bad data" "$mgi" validate "$tmp/d2"
contains "bad answer with its place" "$tmp/d2/responses.csv:12:"
contains "bad answer message" 'error: unknown answer "si" (use yes, partial, no or na)'
contains "bad code message" "$tmp/d2/communes.csv:3:1: error: commune code \"../x\" is not safe"
contains "summary counts errors" "errors"

# build validates first and writes nothing at all on error.
expect 65 "build bad data" "$mgi" build "$tmp/d2" -o "$tmp/out-bad"
contains "build gives the same messages" 'error: unknown answer "si"'
contains "build says nothing was written" "nothing written"
check "build wrote nothing" "[ ! -e '$tmp/out-bad' ]"
expect 66 "build missing data" "$mgi" build "$tmp/nowhere" -o "$tmp/out-none"
check "build wrote nothing for missing data" "[ ! -e '$tmp/out-none' ]"

# build on good data creates the output directory.
expect 0 "build the demo data" "$mgi" build "$src/data" -o "$tmp/out/nested"
check "build created OUT" "[ -d '$tmp/out/nested' ]"
: >"$tmp/file"
expect 73 "build into a file" "$mgi" build "$src/data" -o "$tmp/file/x"

# assess prints assessment.csv; --commune and --year select rows.
expect 0 "assess the demo data" "$mgi" assess "$src/data"
contains "assess header" "commune,name,year,domain,score,coverage,level,insufficient,rank,of,median,change"
contains "assess Santiago rights" "13101,Santiago,2022,rights,0.65625,1,meets,0,"
check "assess: 7 rows per commune and year" "[ \$(grep -c . '$tmp/log') -eq \$((1 + 7 * \$(tail -n +2 '$src/data/responses.csv' | cut -d, -f1,2 | sort -u | wc -l))) ]"
expect 0 "assess one commune and year" "$mgi" assess "$src/data" --commune 13101 --year 2022
check "assess selection has 8 lines" "[ \$(wc -l <'$tmp/log') -eq 8 ]"
expect 64 "assess an unknown commune" "$mgi" assess "$src/data" --commune 99999
contains "unknown commune named" 'no commune "99999"'
expect 64 "assess a bad year" "$mgi" assess "$src/data" --year 22
expect 64 "assess a year without answers" "$mgi" assess "$src/data" --year 1999
expect 65 "assess bad data" "$mgi" assess "$tmp/d2"

# method.ini: parameters, and errors at their line and column.
cp -R "$src/data" "$tmp/d3"
printf '[coverage]\nthreshold = 0.99\n' >"$tmp/d3/method.ini"
expect 0 "a stricter threshold" "$mgi" assess "$tmp/d3" --commune 13101
contains "wellbeing now insufficient" "13101,Santiago,2022,wellbeing,0.65,0.7142857142857143,meets,1,,,"
printf '[levels]\nmeets = 0.6\nfully_meets = lots\n[colours]\nred = 1\n' >"$tmp/d3/method.ini"
expect 65 "bad method.ini" "$mgi" validate "$tmp/d3"
contains "bad number with its place" "$tmp/d3/method.ini:3:15: error: fully_meets must be a number from 0 to 1, not \"lots\""
contains "unknown key with its place" "$tmp/d3/method.ini:5:1: error: unknown setting \"red\" in section [colours]"
# An indented setting is a setting, not the continuation of the line above.
printf '[scores]\nyes = 1\n  partial = 0.25\n[levels]\n\tmeets = half\n' >"$tmp/d3/method.ini"
expect 65 "indented settings" "$mgi" validate "$tmp/d3"
contains "an indented value read as its own setting, at its place" "$tmp/d3/method.ini:5:10: error: meets must be a number from 0 to 1, not \"half\""
printf '[scores]\nyes = 1\n  partial = 0.25\n' >"$tmp/d3/method.ini"
expect 0 "an indented setting applies" "$mgi" assess "$tmp/d3" --commune 13101
contains "partial scored 0.25: rights 0.578125 (0.65625 at 0.5)" "13101,Santiago,2022,rights,0.578125,1,partially meets,"
printf '[levels]\nmeets = 0.9\n' >"$tmp/d3/method.ini"
expect 65 "cut points out of order" "$mgi" validate "$tmp/d3"
contains "cut order message" "cut points must increase"
expect 65 "build refuses a bad method.ini" "$mgi" build "$tmp/d3" -o "$tmp/out-m"
check "nothing written for a bad method.ini" "[ ! -e '$tmp/out-m' ]"

# build writes OUT/assessment.csv, the same as mgi assess prints, and no temporary files.
expect 0 "build writes the assessment" "$mgi" build "$src/data" -o "$tmp/out2"
"$mgi" assess "$src/data" >"$tmp/assess.csv" 2>/dev/null
check "OUT/assessment.csv equals mgi assess" "cmp -s '$tmp/out2/assessment.csv' '$tmp/assess.csv'"
check "no temporary files left" "[ -z \"\$(find '$tmp/out2' -name '*.tmp-*')\" ]"

# Outputs that cannot be created: 73, the path named, nothing created, earlier outputs
# untouched. Root ignores permissions, so as root mgi runs as nobody (setpriv), on copies
# of itself, the data and its resources that nobody can read.
if [ "$(id -u)" = 0 ]; then
    mkdir "$pub/res" "$pub/bin"
    cp "$mgi" "$pub/bin/mgi" && cp -R "$src/data" "$pub/data" && cp -R "$src/layouts" "$src/fonts" "$pub/res/"
    chmod -R a+rX "$pub"
    umgi=$pub/bin/mgi udata=$pub/data
    as_user() { MGI_RESOURCES="$pub/res" setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
    owned() { chown -R 65534:65534 "$@"; }
else
    umgi=$mgi udata=$src/data
    as_user() { "$@"; }
    owned() { :; }
fi
manifest() { (cd "$1" && find . -exec ls -ld {} + | awk '{ print $1, $5, $9 }' | sort -k 3); }
mkdir -p "$pub/ro" && cp "$tmp/out2/assessment.csv" "$pub/ro/" && chmod a-w "$pub/ro"
manifest "$pub/ro" >"$tmp/ro-before"
expect 73 "build into a read-only directory" as_user "$umgi" build "$udata" -o "$pub/ro"
contains "a read-only directory: the file is named" "$pub/ro/assessment.csv: error: cannot create: Permission denied"
check "a read-only directory: the earlier good file is untouched" "cmp -s '$pub/ro/assessment.csv' '$tmp/assess.csv'"
manifest "$pub/ro" >"$tmp/ro-after"
check "a read-only directory: nothing created" "cmp -s '$tmp/ro-before' '$tmp/ro-after'"
expect 73 "build into a new directory in a read-only one" as_user "$umgi" build "$udata" -o "$pub/ro/new/out"
contains "the directory that cannot be made is named" "$pub/ro/new: error: cannot create directory: Permission denied"
check "no directory made in a read-only one" "[ ! -e '$pub/ro/new' ]"
# One commune's folder read-only, with two workers: the error comes back from a worker.
mkdir "$pub/rw" && owned "$pub/rw"
as_user env SOURCE_DATE_EPOCH=0 "$umgi" build "$udata" -o "$pub/rw" -q >"$tmp/log" 2>&1 ||
    { echo "FAIL: a build as the unprivileged user"; cat "$tmp/log"; fails=$((fails + 1)); }
chmod -R a-w "$pub/rw/13125-2022"
(cd "$pub/rw" && find . -type f -exec cksum {} + | sort -k 3) >"$tmp/rw-before"
expect 73 "a read-only commune folder, --jobs 2" as_user env SOURCE_DATE_EPOCH=0 "$umgi" build "$udata" -o "$pub/rw" --jobs 2
contains "a read-only commune folder: the file is named" "$pub/rw/13125-2022/charts/wheel.svg: error: cannot create: Permission denied"
check "a read-only commune folder: every earlier output as it was" "(cd '$pub/rw' && find . -type f -exec cksum {} + | sort -k 3) | cmp -s - '$tmp/rw-before'"

# --jobs: the same bytes with one process and with three; a worker's error comes back
# with its file and exit status, and no progress line is drawn when stderr is no terminal.
SOURCE_DATE_EPOCH=0 "$mgi" build "$src/data" -o "$tmp/j1" --jobs 1 >"$tmp/j1.log" 2>&1
SOURCE_DATE_EPOCH=0 "$mgi" build "$src/data" -o "$tmp/j3" --jobs 3 >"$tmp/j3.log" 2>&1
check "--jobs 3 writes what --jobs 1 writes" "diff -r '$tmp/j1' '$tmp/j3' >/dev/null"
check "a build writes every commune's profile" "[ \$(ls '$tmp'/j3/*/profile-en.pdf | wc -l) = 8 ]"
check "no progress line without a terminal" "! grep -q '[0-9]/[0-9]* communes' '$tmp/j3.log'"
check "a build ends with one line saying what it wrote and where" \
    "grep -qx 'mgi: build: 8 communes, 16 profiles, 16 annexes, comparisons and dashboard of 2022 in $tmp/j3/ ([0-9.]* s)' '$tmp/j3.log'"
"$mgi" build "$src/data" -o "$tmp/jq" --quiet >"$tmp/jq.log" 2>&1
check "--quiet: not a word" "[ ! -s '$tmp/jq.log' ]"
# A fresh data directory has no answers: nothing to build, said so, and no OUT.
"$mgi" init "$tmp/fresh" >/dev/null 2>&1
"$mgi" build "$tmp/fresh" -o "$tmp/fresh-out" >"$tmp/fresh.log" 2>&1
check "no answers: exit 65" "[ $? = 65 ]"
check "no answers: nothing to build, said so" "grep -q 'nothing to build: no commune has answers' '$tmp/fresh.log'"
check "no answers: OUT not created" "[ ! -e '$tmp/fresh-out' ]"
"$mgi" validate "$tmp/fresh" >"$tmp/fresh.log" 2>&1
check "no answers: validate passes, counts agree in number" "grep -q '(6 domains, 91 indicators, 0 communes, 0 assessments)' '$tmp/fresh.log'"
mkdir -p "$tmp/jbad" && touch "$tmp/jbad/13125-2022"
expect 73 "a worker's error stops the build" "$mgi" build "$src/data" -o "$tmp/jbad" --jobs 2
contains "a worker's error names the file" "$tmp/jbad/13125-2022: error: not a directory"
expect 64 "--jobs 0" "$mgi" build "$src/data" -o "$tmp/jx" --jobs 0
contains "--jobs 0 is explained" '--jobs needs a number from 1 to 256, not "0"'

echo "$n checks, $fails failed"
[ "$fails" = 0 ]
