#!/bin/sh
# Renders a man page written in Markdown: the "# findings(N)" title line
# becomes .TH, "## NAME" headings become sections (.SH), "###" subsections.
# usage: man.sh CMARK SECTION VERSION IN.md OUT
set -eu
cmark=$1 section=$2 version=$3 in=$4 out=$5
{
	printf '.TH FINDINGS %s "" "findings %s"\n' "$section" "$version"
	sed -e '1{/^# /d;}' -e 's/^#\(#*\) /\1 /' "$in" | "$cmark" --to man
} > "$out.tmp"
mv "$out.tmp" "$out"
