#!/bin/sh
# cmark 0.30.2 writes &#xFFFE; as a lone 0xFE byte: the document must still
# render, the character shown as U+FFFD (and a surrogate reference too).
# usage: markdown-noncharacter.sh FINDINGS
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%s' '<document><meta><title>t</title><lang>en-GB</lang></meta><body><markdown>Odd &amp;#xFFFE; and &amp;#xD800; end</markdown></body></document>' > "$tmp/t.xml"
"$1" typeset "$tmp/t.xml" -o "$tmp/t.pdf" 2>"$tmp/err" || { cat "$tmp/err"; echo "0 passed, 1 failed"; exit 1; }
pdftotext "$tmp/t.pdf" - | grep -q "Odd � and � end" || { echo "no U+FFFD in the text"; echo "0 passed, 1 failed"; exit 1; }
echo "1 passed, 0 failed"
