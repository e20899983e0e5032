#!/bin/sh
# cmake --install puts the program, templates and styles under a prefix;
# the installed program, and a copy of the whole prefix moved elsewhere,
# find their own templates (SPEC.md: "Where it finds its templates").
# usage: install.sh BUILD-DIR SOURCE-DIR
set -eu
build=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
for d in "$tmp/prefix" "$tmp/moved"; do
	[ "$d" = "$tmp/moved" ] && mv "$tmp/prefix" "$tmp/moved"
	out=$(cd / && env -u FINDINGS_DATADIR "$d/bin/findings" --version)
	echo "$out" | grep -qx "templates: $d/bin/../share/findings/templates" || {
		echo "FAIL: $d does not use its own templates:"; echo "$out"; exit 1; }
	(cd / && env -u FINDINGS_DATADIR "$d/bin/findings" check -q "$src/tests/lint/base.xml") || {
		echo "FAIL: the installed program cannot check an inspection"; exit 1; }
	[ -f "$d/share/findings/templates/schema/inspection.rng" ] || { echo "FAIL: no schema installed"; exit 1; }
done
# FINDINGS_DATADIR naming a folder without templates is an I/O error (3).
set +e
FINDINGS_DATADIR=$tmp "$build/findings" check "$src/tests/lint/base.xml" 2>/dev/null
rc=$?
set -e
[ $rc -eq 3 ] || { echo "FAIL: exit $rc for a FINDINGS_DATADIR without templates, want 3"; exit 1; }
echo "1 passed, 0 failed"
