#!/usr/bin/env python3
"""The layering the headers' comments claim, on the include graph of src/.

usage: run.py SOURCE_DIR

Follows every #include "..." of src/ (transitively, headers of src/ only)
and every #include <...> of a library, and fails when:
  - a header that says it names no libxml2 type (ENGINE_HEADERS), or an
    engine or command that load.h says does not see libxml2's trees
    (ENGINE_FILES), reaches libxml2, whether through <libxml/...> or one
    of our headers that include it (load.h, doctree_xml.h, transform.h,
    calendar_int.h, ...);
  - a file other than transform.c (and transform_xslt.c, which loads
    it) reaches libxslt (STYLE.md: only the XSLT step), or one other than mail.c and mail_gmime.c reaches GMime
    (mail.h: GMime is loaded for the email alone);
  - a private header (*_int.h) is included by a file it does not name
    as its user (PRIVATE).
It also fails when it sees too little (load.h not reaching libxml2), so
that a broken reader cannot pass.
"""
import re
import sys
from pathlib import Path

ENGINE_HEADERS = [
    "doctree.h", "mail.h", "emit_text.h", "emit_html.h", "markdown.h",
    "calendar.h", "timeline.h", "ics.h", "date.h", "after.h", "facts.h",
    "render.h", "cli.h", "check.h", "faform.h", "typeset.h", "layout.h",
    "paint.h", "image.h", "util.h", "diag.h", "msg.h",
]
ENGINE_FILES = [
    "doctree.c", "emit_text.c", "emit_html.c", "mail.c", "mail_gmime.c",
    "markdown.c", "ics.c", "cmd_timeline.c", "cli.c", "cmd_render.c",
    "paint.c", "typeset.c", "layout.c", "layout_block.c",
    "layout_furniture.c", "layout_page.c", "layout_table.c",
    "layout_text.c",
]
ONLY = {"libxslt": {"transform.c", "transform_xslt.c"},
        "gmime": {"mail.c", "mail_gmime.c"}}
PRIVATE = {
    "calendar_int.h": {"calendar.c", "timeline.c", "facts.c"},
    "mail_gmime_int.h": {"mail.c", "mail_gmime.c"},
    "load_int.h": {"load.c", "load_explain.c"},
    "check_int.h": None,  # the checker's files: check*.c
    "layout_int.h": None,  # layout's own files: layout*.c
}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]', re.M)


def graph(src):
    g = {}
    for p in sorted(src.iterdir()):
        if p.suffix in (".c", ".h", ".cc"):
            g[p.name] = INCLUDE.findall(p.read_text(errors="replace"))
    return g


def reach(g, name):
    """The libraries (first path part of <lib/...>) and our headers that
    name reaches, transitively."""
    libs, seen, todo = set(), set(), [name]
    while todo:
        for kind, inc in g.get(todo.pop(), []):
            if kind == "<":
                if "/" in inc:
                    libs.add(inc.split("/")[0])
            elif inc not in seen:
                seen.add(inc)
                todo.append(inc)
    return libs, seen


def main():
    src = Path(sys.argv[1]) / "src"
    g = graph(src)
    fails = []
    libs, _ = reach(g, "load.h")
    if "libxml" not in libs or len(g) < 40:
        fails.append("the reader sees too little: load.h does not reach "
                     "libxml2, or src/ has few files")
    for name in ENGINE_HEADERS + ENGINE_FILES:
        if name not in g:
            fails.append(f"{name} is not in src/: update ENGINE_* here")
            continue
        libs, heads = reach(g, name)
        if "libxml" in libs:
            via = sorted(h for h in heads if "libxml" in reach(g, h)[0]
                         and any(i == h for _, i in g[name]))
            fails.append(f"{name} reaches libxml2 (through "
                         f"{', '.join(via) or 'a <libxml/...> of its own'})")
    for name in g:
        libs, heads = reach(g, name)
        for lib, allowed in ONLY.items():
            if lib in libs and name.endswith((".c", ".cc")) and \
                    name not in allowed:
                fails.append(f"{name} reaches {lib}, which only "
                             f"{', '.join(sorted(allowed))} may")
        for kind, inc in g[name]:
            if kind == '"' and inc in PRIVATE and inc != name:
                users = PRIVATE[inc]
                ok = (name in users) if users is not None else \
                    name.startswith(inc.split("_int.h")[0]) or \
                    name.endswith("_int.h")
                if not ok:
                    fails.append(f"{name} includes {inc}, private to "
                                 f"{', '.join(sorted(users or ['its own files']))}")
    for f in fails:
        print("FAIL: " + f)
    print(f"{len(g)} files, {len(fails)} failure(s)")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
