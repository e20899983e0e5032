#!/usr/bin/env python3
"""Starting an inspection, as a new user does.

usage: run.py FINDINGS SOURCE_DIR

  - findings new --framework F [--variant V], for every framework and
    variant: the file starts with the XML declaration and an
    <?xml-model?> line whose href is a file: URI of the schema the
    program checks against (the same bytes as templates/schema/
    inspection.rng), explains itself in comments, passes findings check
    with no error, and findings build makes every document of it; the
    same text on standard output; -o never replaces a file (exit 3, the
    file as it was); an unknown framework or variant is a usage error (2);
  - every command's --help, and findings --help, exits 0 and ends with a
    newline;
  - build writes REF-timeline.ics beside REF-timeline.pdf, and refuses it
    (exit 1, nothing written) when a case reference from the evidence
    would go out in its fields.
"""
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse
from pathlib import Path

FAILURES = []
STARTERS = [("slac-2009", None), ("jtai-2015", None),
            ("jtai-2015", "ofsted-only"), ("tlai-2016", None),
            ("jtai-2016", None), ("jtai-2019", None)]
COMMANDS = ["new", "check", "render", "timeline", "diff", "fa-import",
            "build", "typeset"]


def fail(msg):
    FAILURES.append(msg)
    print("FAIL: " + msg)


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def check_new(findings, src, tmp):
    schema = (src / "templates" / "schema" / "inspection.rng").read_bytes()
    for fw, variant in STARTERS:
        what = fw + (" " + variant if variant else "")
        args = [findings, "new", "--framework", fw]
        if variant:
            args += ["--variant", variant]
        out = tmp / ("%s-%s.xml" % (fw, variant or "joint"))
        r = run(args + ["-o", str(out)])
        if r.returncode != 0 or not out.exists():
            fail("%s: new: exit %d: %s" % (what, r.returncode, r.stderr))
            continue
        text = out.read_text(encoding="utf-8")
        lines = text.splitlines()
        if lines[0] != '<?xml version="1.0" encoding="UTF-8"?>':
            fail("%s: first line %r" % (what, lines[0]))
        m = re.fullmatch(r'<\?xml-model href="file://([^"]+)" '
                         r'type="application/xml" schematypens='
                         r'"http://relaxng.org/ns/structure/1.0"\?>',
                         lines[1])
        if not m:
            fail("%s: no xml-model line: %r" % (what, lines[1]))
        elif Path(urllib.parse.unquote(m.group(1))).read_bytes() != schema:
            fail("%s: xml-model names %s, not the schema" % (what, m.group(1)))
        if text.count("<!--") < 8:
            fail("%s: hardly a comment to explain it" % what)
        if 'framework="%s"' % fw not in text or \
                (variant and 'variant="%s"' % variant not in text):
            fail("%s: not an inspection of the framework" % what)
        r = run([findings, "check", str(out)])
        if r.returncode != 0 or "error:" in r.stderr:
            fail("%s: check: exit %d: %s" % (what, r.returncode, r.stderr))
        d = tmp / ("out-" + out.stem)
        r = run([findings, "build", str(out), "-d", str(d)])
        made = sorted(os.listdir(d)) if d.exists() else []
        main = "report" if fw == "slac-2009" else "letter"
        if r.returncode != 0 or "error:" in r.stderr or \
                not any(f.endswith("-%s.pdf" % main) for f in made) or \
                not any(f.endswith("-timeline.ics") for f in made):
            fail("%s: build: exit %d, wrote %s: %s" %
                 (what, r.returncode, made, r.stderr))
        r = run(args)
        if r.returncode != 0 or r.stdout != text:
            fail("%s: standard output differs from -o" % what)
        if fw == "slac-2009":
            check_new_about(findings, text, tmp)
    # Never over an existing file; unknown names are usage errors.
    keep = tmp / "keep.xml"
    keep.write_text("mine\n")
    r = run([findings, "new", "--framework", "jtai-2019", "-o", str(keep)])
    if r.returncode != 3 or keep.read_text() != "mine\n" or \
            "exists" not in r.stderr:
        fail("new -o over a file: exit %d, %r" % (r.returncode, r.stderr))
    for args in (["--framework", "jtai-2017"],
                 ["--framework", "jtai-2019", "--variant", "ofsted-only"],
                 ["--framework", "../schema"], []):
        r = run([findings, "new"] + args)
        if r.returncode != 2 or r.stdout:
            fail("new %s: exit %d, want 2" % (" ".join(args), r.returncode))


def check_new_about(findings, text, tmp):
    """The slac-2009 starter shows <about> in a comment; written in as
    shown, it checks clean and the report prints its numbers."""
    m = re.search(r"for example:\n(\s*<about .*?</about>)", text, re.S)
    if not m:
        fail("slac-2009: new shows no <about> example")
        return
    filled = text.replace("  </team>\n", "  </team>\n" + m.group(1) + "\n", 1)
    out = tmp / "slac-2009-about.xml"
    out.write_text(filled, encoding="utf-8")
    r = run([findings, "check", str(out)])
    bare = run([findings, "check", str(tmp / "slac-2009-joint.xml")])
    if r.returncode != 0 or "error:" in r.stderr or \
            len(r.stderr.splitlines()) != len(bare.stderr.splitlines()):
        fail("slac-2009 about example: check: %s" % r.stderr)
    pdf = tmp / "slac-2009-about.pdf"
    r = run([findings, "render", str(out), "--doc", "report", "-o", str(pdf)])
    if r.returncode != 0:
        fail("slac-2009 about example: render: %s" % r.stderr)
        return
    t = " ".join(run(["pdftotext", str(pdf), "-"]).stdout.split())
    for want in ("three inspectors from Ofsted and one from the Care "
                 "Quality Commission", "62 children and young people",
                 "103 replies", "46 case files", "in July 2009"):
        if want not in t:
            fail("slac-2009 about example: %r not in the report" % want)


def check_help(findings):
    for cmd in [[]] + [[c] for c in COMMANDS]:
        r = run([findings] + cmd + ["--help"])
        name = " ".join(cmd) or "findings"
        if r.returncode != 0 or not r.stdout.endswith("\n") or \
                r.stdout.endswith("\n\n\n"):
            fail("%s --help: exit %d, ends %r" %
                 (name, r.returncode, r.stdout[-20:]))


def check_ics(findings, src, tmp):
    ex = src / "examples" / "jtai-2019-northshire.xml"
    text = ex.read_text(encoding="utf-8")
    ref = re.search(r'ref="([^"]+)"', text).group(1)
    case = re.search(r'cases="([A-Z]+-\d+)', text).group(1)
    d = tmp / "ics"
    r = run([findings, "build", str(ex), "-d", str(d)])
    ics = d / (ref + "-timeline.ics")
    if r.returncode != 0 or not ics.exists():
        fail("build: no %s: %s" % (ics.name, r.stderr))
    else:
        again = tmp / "again.ics"
        run([findings, "timeline", str(ex), "--ics", str(again)])
        if not again.exists() or again.read_bytes() != ics.read_bytes():
            fail("build's .ics is not what timeline --ics writes")
    bad = tmp / "leak.xml"
    bad.write_text(re.sub(r"<area>([^<]*)</area>",
                          r"<area>\1 %s</area>" % case, text, count=1),
                   encoding="utf-8")
    out = tmp / "leak.ics"
    r = run([findings, "render", str(bad), "--doc", "timeline", "-o",
             str(out)])
    if r.returncode != 1 or out.exists() or case not in r.stderr:
        fail("a case reference in the calendar: exit %d, %r" %
             (r.returncode, r.stderr))


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    findings = os.path.abspath(sys.argv[1])
    src = Path(sys.argv[2]).resolve()
    os.environ["LC_ALL"] = "C.UTF-8"
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        check_new(findings, src, tmp)
        check_help(findings)
        check_ics(findings, src, tmp)
    if FAILURES:
        print("%d failure(s)" % len(FAILURES))
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
