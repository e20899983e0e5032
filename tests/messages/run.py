#!/usr/bin/env python3
"""findings(1) lists every diagnostic of the catalogue.

usage: run.py SOURCE_DIR

Reads the X-macro table of src/msg.h (name, level, printf format) and the
DIAGNOSTICS section of docs/findings.1.md, where each message is a list
item in backticks with its conversions (%s, %ld, %zu ...) written as
"…", under ### Warnings, ### Errors or ### Input and output failures.
Fails on an entry the page does not list under its level, and on a
message the page lists that the catalogue does not have.
"""
import re
import sys
from pathlib import Path

LEVELS = {"FD_WARNING": "Warnings", "FD_ERROR": "Errors",
          "FD_IOERR": "Input and output failures"}


def catalogue(src):
    """[(name, section, text)] of src/msg.h's FD_MSGS table."""
    h = (src / "src" / "msg.h").read_text()
    body = h[h.index("#define FD_MSGS(X)"):]
    body = body[:body.index("\n\n")]
    out = []
    for name, level, strings in re.findall(
            r'X\((\w+), (FD_\w+),((?:\s*\\?\s*"(?:[^"\\]|\\.)*")+)\)', body):
        text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', strings))
        text = text.replace('\\"', '"')
        text = re.sub(r"%[-0-9.]*(?:ll|l|z)?[sdu]", "…", text)
        out.append((name, LEVELS[level], text))
    return out


def page(src):
    """{(section, text)} listed under DIAGNOSTICS in findings(1)."""
    md = (src / "docs" / "findings.1.md").read_text()
    sec = md[md.index("## DIAGNOSTICS"):]
    sec = sec[:sec.index("\n## ", 3)]
    listed, level = set(), None
    for line in sec.splitlines():
        if line.startswith("### "):
            level = line[4:].strip()
        m = re.match(r"- `(.*)`$", line)
        if m:
            listed.add((level, m.group(1)))
    return listed


def main():
    src = Path(sys.argv[1])
    entries = catalogue(src)
    listed = page(src)
    failures = 0
    if len(entries) < 40:
        print(f"FAIL: only {len(entries)} catalogue entries read")
        failures += 1
    for name, level, text in entries:
        if (level, text) not in listed:
            print(f"FAIL: {name} is not listed under {level}: `{text}`")
            failures += 1
    known = {(level, text) for _, level, text in entries}
    for level, text in sorted(listed - known):
        print(f"FAIL: findings(1) lists `{text}` under {level}, which "
              f"the catalogue does not have")
        failures += 1
    print(f"{len(entries)} messages, {failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
