#!/bin/sh
# The main job on the examples: check every inspection, then render every
# document that exists for it. usage: examples.sh BUILD-DIR OUT-DIR
set -eu
build=${1:-build}
out=${2:-out}
"$build/findings" check examples/*.xml
mkdir -p "$out"
if "$build/findings" build --help >/dev/null 2>&1; then
	"$build/findings" build examples/*.xml -d "$out" -j 2
	echo "documents written to $out/"
fi
