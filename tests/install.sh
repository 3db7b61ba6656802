#!/bin/sh
# install.sh — cmake --install puts mgi, layouts/ and fonts/ under a prefix, and the
# installed mgi finds its layouts there, even when the prefix is moved.
# usage: install.sh BUILD_DIR
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$1" --prefix "$tmp/usr" >/dev/null
for f in bin/mgi share/mgi/layouts/strings.ini share/mgi/fonts/NotoSans-Regular-Latin.ttf share/mgi/fonts/OFL.txt share/mgi/data/indicators.csv share/man/man1/mgi.1; do
    [ -e "$tmp/usr/$f" ] || { echo "FAIL: $f not installed"; exit 1; }
done
mv "$tmp/usr" "$tmp/moved"
got=$(cd / && MGI_RESOURCES= "$tmp/moved/bin/mgi" --version | sed -n 's/^layouts and fonts: //p')
[ "$got" = "$tmp/moved/share/mgi" ] || { echo "FAIL: installed mgi uses '$got'"; exit 1; }
echo "installed and relocatable: $got"
