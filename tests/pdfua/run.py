#!/usr/bin/python3
"""PDF/UA-1 over every PDF findings writes: every document type of every
example inspection at every stage (findings build), each notification
email as PDF, the blank concern form, the timeline and a change report,
checked by check.py (the machine-checkable checkpoints of the Matterhorn
Protocol 1.1, fonts.py for checkpoint 31), and check.py itself made to fail
on broken fonts (selftest.py). Fails on any miss, and when a document is missing.

    run.py FINDINGS SRCDIR
"""
import glob
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check  # noqa: E402

FINDINGS, SRC = sys.argv[1], sys.argv[2]
ENV = dict(os.environ, LC_ALL="C.UTF-8", SOURCE_DATE_EPOCH="1575158400")
STAGES = ("draft", "factual-accuracy", "pre-publication", "final")


def run(args):
    return subprocess.run(args, env=ENV, capture_output=True, text=True)


def main():
    tmp = tempfile.mkdtemp(prefix="pdfua-")
    examples = sorted(glob.glob(os.path.join(SRC, "examples", "*.xml")))
    fails, pdfs = [], []
    for stage in STAGES:
        out = os.path.join(tmp, stage)
        p = run([FINDINGS, "build", "--stage", stage, "-d", out, "-j", "2"]
                + examples)
        if p.returncode != 0:
            fails.append("build --stage %s: exit %d: %s"
                         % (stage, p.returncode, p.stderr))
        got = sorted(glob.glob(os.path.join(out, "*.pdf")))
        if len(got) < 6 * len(examples):
            fails.append("build --stage %s wrote only %d PDF files"
                         % (stage, len(got)))
        pdfs += got
    for ex in examples:
        name = os.path.basename(ex)[:-4]
        extra = [
            ("notification", ["--doc", "notification"]),
            ("concern-blank", ["--doc", "concern", "--blank"]),
            ("timeline", ["--doc", "timeline"]),
        ]
        for label, args in extra:
            out = os.path.join(tmp, "%s-%s.pdf" % (name, label))
            p = run([FINDINGS, "render", ex, "-o", out] + args)
            if p.returncode == 0:
                pdfs.append(out)
            elif "has no document" not in p.stderr and \
                    "no concern form" not in p.stderr:
                fails.append("%s %s: exit %d: %s"
                             % (name, label, p.returncode, p.stderr))
        out = os.path.join(tmp, "%s-changes.pdf" % name)
        p = run([FINDINGS, "diff", ex, ex, "-o", out])
        if p.returncode == 0:
            pdfs.append(out)
        elif "has no document" not in p.stderr:
            fails.append("%s diff: exit %d: %s"
                         % (name, p.returncode, p.stderr))
    # The joint overview of a round: the inspections that share a theme.
    by_theme = {}
    for ex in examples:
        root = ET.parse(ex).getroot()
        theme = root.find("theme")
        if root.get("framework") == "jtai-2015" and theme is not None:
            by_theme.setdefault(theme.get("ref"), []).append(ex)
    for n, exs in enumerate(sorted(by_theme.values())):
        out = os.path.join(tmp, "overview-%d.pdf" % n)
        p = run([FINDINGS, "overview"] + exs + ["-o", out])
        if p.returncode == 0:
            pdfs.append(out)
        else:
            fails.append("overview %s: exit %d: %s"
                         % (exs, p.returncode, p.stderr))
    # Document trees straight to the typesetting engine: every node, and
    # a table cut by page breaks (one regular table all the same).
    trees = sorted(glob.glob(os.path.join(SRC, "tests", "pdfua", "cases",
                                          "*.xml")))
    trees.append(os.path.join(SRC, "tests", "typeset", "cases",
                              "every-node.xml"))
    for t in trees:
        out = os.path.join(tmp, os.path.basename(t)[:-4] + ".pdf")
        p = run([FINDINGS, "typeset", t, "-o", out, "--markdown-dir",
                 os.path.dirname(t), "--set", "lead=Northshire",
                 "--set", "area=Northshire", "--set", "due=7 March 2016"])
        if p.returncode == 0:
            pdfs.append(out)
        else:
            fails.append("typeset %s: exit %d: %s"
                         % (t, p.returncode, p.stderr))
    for f in pdfs:
        fails += check.Checker(f).run()
    # The font checks must fail on broken fonts (selftest.py), over the
    # case that has both kinds of font Cairo writes.
    good = os.path.join(tmp, "unicode-text.pdf")
    p = subprocess.run(["/usr/bin/python3", os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "selftest.py"), good],
        capture_output=True, text=True)
    print(p.stdout, end="")
    if p.returncode != 0:
        fails.append("selftest: %s%s" % (p.stdout, p.stderr))
    for f in fails:
        print("FAIL:", f)
    print("%d PDF files checked, %d failure(s)%s"
          % (len(pdfs), len(fails), "; files kept in " + tmp if fails
             else ""))
    if not fails:
        subprocess.run(["rm", "-rf", tmp])
    return 1 if fails else 0


sys.exit(main())
