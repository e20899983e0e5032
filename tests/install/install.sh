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
	# From any folder, with the prefix on the PATH as after the README's
	# first command: the program, its manual pages, and a new inspection
	# whose <?xml-model?> names the installed schema.
	if command -v man >/dev/null; then
		for s in 1 5; do
			page=$(cd / && PATH="$d/bin:$PATH" man -w $s findings 2>/dev/null) || true
			[ "$page" = "$d/share/man/man$s/findings.$s" ] || {
				echo "FAIL: man -w $s findings gives '$page'"; exit 1; }
		done
	fi
	(cd "$tmp" && env -u FINDINGS_DATADIR PATH="$d/bin:$PATH" findings new --framework jtai-2019 -o new.xml)
	grep -q "href=\"file://$d/bin/../share/findings/templates/schema/inspection.rng\"\|href=\"file://$d/share/findings/templates/schema/inspection.rng\"" "$tmp/new.xml" || {
		echo "FAIL: the new inspection's xml-model does not name the installed schema:"; sed -n 2p "$tmp/new.xml"; exit 1; }
	(cd "$tmp" && env -u FINDINGS_DATADIR PATH="$d/bin:$PATH" findings check -q new.xml) || {
		echo "FAIL: the new inspection does not pass check"; exit 1; }
	rm "$tmp/new.xml"
done
# FINDINGS_DATADIR naming a folder without templates is an I/O error (3).
set +e
FINDINGS_DATADIR=$tmp "$build/findings" check "$src/tests/lint/base.xml" 2>/dev/null
rc=$?
set -e
[ $rc -eq 3 ] || { echo "FAIL: exit $rc for a FINDINGS_DATADIR without templates, want 3"; exit 1; }
echo "1 passed, 0 failed"
