#!/usr/bin/env python3
"""Concern referral forms: their text, their look, their errors.

usage: run.py FINDINGS RENDER_DOC TEMPLATES_DIR EXAMPLES_DIR

For every concern of every example whose framework has a concern form
(templates/<framework>/concern.xsl), and for the blank form of each:
  - the PDF is rendered twice (findings render --doc concern --id ID, or
    --blank; RENDER_DOC, tests/notification/render_doc.c, when the
    program lacks the command): the same bytes, and qpdf --check passes;
  - pdftotext: the annex's title, both categories' wording, the chosen
    category ticked (U+2611) and the other not (U+2610), the case
    numbers, the inspector referring, the date of referral, the date the
    response is required by, the issues, and the sign-off labels (DCS or
    chief officer, lead inspector, a date each); a blank form has every
    label, no box ticked and nothing of any concern;
  - the document tree's text equals cases/CASE.txt;
  - each page, at 40 dpi in grey (pdftoppm -r 40 -gray), matches the
    reviewed reference cases/CASE-PAGE.png within a tolerance (a mean
    difference of at most 1.5 levels, at most 0.3% of pixels off by more
    than 64): the form must look like the guidance's annex, and any
    change to it is looked at before the reference is rewritten.
Then: --id of no concern, neither --id nor --blank, and a framework
without a form are errors, with nothing written.

REGEN=1 (cmake --build build --target regen) rewrites cases/*.txt and
cases/*.png for review: look at every rewritten image before committing it.
"""
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
USE_FINDINGS = False

sys.path.insert(0, str(HERE.parent / "lib"))
import fdtest  # noqa: E402


def fail(case, msg):
    fdtest.fail(f"{case}: {msg}")


def env():
    e = dict(os.environ, LC_ALL="C.UTF-8")
    e.pop("SOURCE_DATE_EPOCH", None)
    return e


def run(cmd):
    return subprocess.run(cmd, capture_output=True, env=env(), timeout=120)


def render(args):
    if USE_FINDINGS:
        return run([FINDINGS, "render"] + args)
    return run([RENDER_DOC, TEMPLATES] + args)


def plain(s):
    return " ".join(s.split())


def in_order(phrase, words):
    """True when the phrase's words occur in words in order: pdftotext
    may interleave the lines of cells side by side."""
    it = iter(words)
    return all(any(w == x for x in it) for w in phrase.split())


# --- the forms --------------------------------------------------------------

CATEGORY = {
    "1": "Serious issue of concern (for example, failure to follow child "
         "protection procedures and/or child at immediate risk of "
         "significant harm)",
    "2": "Concern that the service offer or risk assessment may not be "
         "appropriate for the child’s needs",
}
LABELS = ["Case details", "Reasons for referral back", "Case number(s):",
          "Inspector referring:", "Date of referral:",
          "What are the issues that led to the case being referred?",
          "Response and explanation required by:", "Sign off",
          "Lead inspector:", "Date:"]


def long_date(iso):
    months = ["January", "February", "March", "April", "May", "June",
              "July", "August", "September", "October", "November",
              "December"]
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{d} {months[m - 1]} {y}"


def expected(root, concern):
    """What a form must print, read from the inspection here."""
    fw = root.get("framework")
    words = [CATEGORY["1"], CATEGORY["2"]] + LABELS
    words.append("DCS:" if fw == "tlai-2016" else "Chief officer:")
    words.append("Local authority team:" if fw == "tlai-2016" else "Service:")
    if concern is None:
        return words
    team = {m.get("id"): m for m in root.find("team")}
    words += [plain(concern.findtext("cases")),
              plain(concern.findtext("issues")),
              team[concern.get("by")].get("name"),
              long_date(concern.get("referred")),
              long_date(concern.get("due"))]
    if concern.get("service"):
        words.append(concern.get("service"))
    for tag in ("response", "evaluation"):
        if concern.find(tag) is not None:
            words.append(plain(concern.findtext(tag)))
    so = concern.find("sign-off")
    if so is not None:
        for a in ("officer-date", "lead-date"):
            if so.get(a):
                words.append(long_date(so.get(a)))
        if so.get("officer"):
            words.append(so.get("officer"))
    return words


def check_form(case, example, args, root, concern, tmp):
    pdfs = []
    for n in (1, 2):
        out = tmp / f"{case}.{n}.pdf"
        r = render([str(example), "--doc", "concern"] + args +
                   ["-o", str(out)])
        if r.returncode != 0 or r.stderr:
            fail(case, f"exit {r.returncode}: {r.stderr.decode()}")
            return
        pdfs.append(out)
    if pdfs[0].read_bytes() != pdfs[1].read_bytes():
        fail(case, "two runs differ")
    q = run(["qpdf", "--check", str(pdfs[0])])
    if q.returncode != 0:
        fail(case, f"qpdf --check: {q.stdout.decode()}")
    text = plain(run(["pdftotext", str(pdfs[0]), "-"]).stdout.decode())
    words = text.split()
    for w in expected(root, concern):
        if not in_order(plain(w), words):
            fail(case, f"the form lacks {w!r}")
    chosen = concern.get("category") if concern is not None else None
    for n in ("1", "2"):
        box = "\u2611" if n == chosen else "\u2610"
        if f"{box} Category {n}" not in text:
            fail(case, f"Category {n} is not shown as {box}")
    fw = root.get("framework")
    title = {"tlai-2016": "Annex C. Referring concerns to the local authority",
             "jtai-2016": "Annex C. Referring concerns to the local agencies",
             "jtai-2019": "Annex B. Referring concerns to the local agencies"}
    if title[fw] not in text:
        fail(case, f"no title {title[fw]!r}")
    if "OFFICIAL-SENSITIVE" not in text:
        fail(case, "no OFFICIAL-SENSITIVE marking")
    if concern is None:
        for c in root.iter("concern"):
            for w in (plain(c.findtext("cases")), plain(c.findtext("issues"))):
                if w in text:
                    fail(case, f"the blank form shows {w[:30]!r}")
    tree = tmp / f"{case}.txt"
    r = run([RENDER_DOC, TEMPLATES, str(example), "--doc", "concern"] + args +
            ["-o", str(tree)])
    got = tree.read_text(encoding="utf-8") if r.returncode == 0 else \
        r.stderr.decode()
    fdtest.compare_text(case, str(CASES / f"{case}.txt"), got)
    fdtest.compare_document(case, str(pdfs[0]), str(tmp), str(CASES), case,
                            fdtest.MEAN)


def check_errors(tmp):
    ex = EXAMPLES / "jtai-2019-northshire.xml"
    slac = EXAMPLES / "slac-2009-kingsmead.xml"
    cases = [
        ("no-such-concern", ex, ["--id", "c-99"], "no concern has this id"),
        ("neither", ex, [], "--blank"),
        ("no-form", slac, ["--blank"], "concern"),
    ]
    for case, path, extra, want in cases:
        out = tmp / f"{case}.pdf"
        out.write_bytes(b"old")
        r = render([str(path), "--doc", "concern"] + extra + ["-o", str(out)])
        err = r.stderr.decode()
        if r.returncode not in (1, 2):
            fail(case, f"exit {r.returncode}, not 1 or 2: {err}")
        if want not in err or "error" not in err:
            fail(case, f"stderr lacks {want!r}: {err}")
        if out.read_bytes() != b"old":
            fail(case, "the existing output was changed")


def main():
    global FINDINGS, RENDER_DOC, TEMPLATES, EXAMPLES, USE_FINDINGS
    args = sys.argv[1:]
    FINDINGS, RENDER_DOC, TEMPLATES = args[0], args[1], args[2]
    EXAMPLES = Path(args[3])
    CASES.mkdir(exist_ok=True)
    count = 0
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        probe = tmp / "probe.pdf"
        r = run([FINDINGS, "render", str(EXAMPLES / "jtai-2019-northshire.xml"),
                 "--doc", "concern", "--blank", "-o", str(probe)])
        USE_FINDINGS = r.returncode == 0 and probe.exists()
        print(f"forms from {'findings render' if USE_FINDINGS else 'render_doc'}")
        for ex in sorted(EXAMPLES.glob("*.xml")):
            root = ET.parse(ex).getroot()
            fw = root.get("framework")
            if not (Path(TEMPLATES) / fw / "concern.xsl").exists():
                continue
            name = ex.stem
            check_form(f"{name}.blank", ex, ["--blank"], root, None, tmp)
            count += 1
            for c in root.iter("concern"):
                check_form(f"{name}.{c.get('id')}", ex, ["--id", c.get("id")],
                           root, c, tmp)
                count += 1
        check_errors(tmp)
    print(f"{count} forms")
    return fdtest.finish()


if __name__ == "__main__":
    sys.exit(main())
