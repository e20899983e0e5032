#!/usr/bin/env python3
"""Concern referral forms: their text, their look, their errors.

usage: run.py FINDINGS RENDER_DOC TEMPLATES_DIR EXAMPLES_DIR [--regen]

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

--regen (or REGEN=1) rewrites cases/*.txt and cases/*.png for review:
look at every rewritten image before committing it.
"""
import os
import re
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
failures = []
USE_FINDINGS = False

MEAN_LIMIT = 1.5
FAR_LEVEL = 64
FAR_SHARE = 0.003


def fail(case, msg):
    failures.append(f"{case}: {msg}")


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


# --- greyscale PNG, enough for our references -----------------------------

def png_write(path, w, h, pixels):
    raw = b"".join(b"\0" + pixels[y * w:(y + 1) * w] for y in range(h))

    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    path.write_bytes(b"\x89PNG\r\n\x1a\n" +
                     chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0,
                                                0, 0)) +
                     chunk(b"IDAT", zlib.compress(raw, 9)) +
                     chunk(b"IEND", b""))


def png_read(path):
    data = path.read_bytes()
    pos, idat, w, h = 8, b"", 0, 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, colour = struct.unpack(">IIBB", body[:10])
            if depth != 8 or colour != 0:
                raise ValueError(f"{path.name}: not 8-bit grey")
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    out = bytearray()
    prev = bytearray(w)
    for y in range(h):
        f = raw[y * (w + 1)]
        line = bytearray(raw[y * (w + 1) + 1:(y + 1) * (w + 1)])
        if f == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif f != 0:
            raise ValueError(f"{path.name}: PNG filter {f} unsupported")
        out += line
        prev = line
    return w, h, bytes(out)


def pgm_pages(pdf, tmp, stem):
    """Each page of pdf at 40 dpi in grey: a list of (w, h, pixels)."""
    r = run(["pdftoppm", "-r", "40", "-gray", str(pdf), str(tmp / stem)])
    if r.returncode != 0:
        return []
    pages = []
    for p in sorted(tmp.glob(f"{stem}-*.pgm")):
        data = p.read_bytes()
        m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
        w, h = int(m.group(1)), int(m.group(2))
        pages.append((w, h, data[m.end():m.end() + w * h]))
        p.unlink()
    return pages


def compare(case, pages, regen):
    old = sorted(CASES.glob(f"{case}-*.png"))
    if regen:
        for p in old:
            p.unlink()
        for i, (w, h, px) in enumerate(pages, 1):
            png_write(CASES / f"{case}-{i}.png", w, h, px)
        return
    if len(old) != len(pages):
        fail(case, f"{len(pages)} pages, the references have {len(old)}")
    for i, (w, h, px) in enumerate(pages, 1):
        ref = CASES / f"{case}-{i}.png"
        if not ref.exists():
            fail(case, f"no {ref.name} (run with --regen and review)")
            continue
        rw, rh, rpx = png_read(ref)
        if (rw, rh) != (w, h):
            fail(case, f"page {i} is {w}x{h}, the reference {rw}x{rh}")
            continue
        diffs = [abs(a - b) for a, b in zip(px, rpx)]
        mean = sum(diffs) / len(diffs)
        far = sum(1 for x in diffs if x > FAR_LEVEL) / len(diffs)
        if mean > MEAN_LIMIT or far > FAR_SHARE:
            actual = Path.cwd() / f"{case}-{i}.actual.png"
            png_write(actual, w, h, px)
            fail(case, f"page {i} differs from {ref.name}: mean {mean:.2f},"
                 f" {far:.2%} far off; see {actual}")


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


def check_form(case, example, args, root, concern, tmp, regen):
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
    exp = CASES / f"{case}.txt"
    if regen:
        exp.write_text(got, encoding="utf-8")
    elif not exp.exists():
        fail(case, f"no {exp.name} (run with --regen and review)")
    elif exp.read_text(encoding="utf-8") != got:
        fail(case, f"the form's text differs from {exp.name}:\n{got}")
    compare(case, pgm_pages(pdfs[0], tmp, case), regen)


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
    args = [a for a in sys.argv[1:] if a != "--regen"]
    regen = "--regen" in sys.argv[1:] or os.environ.get("REGEN") == "1"
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
            check_form(f"{name}.blank", ex, ["--blank"], root, None, tmp,
                       regen)
            count += 1
            for c in root.iter("concern"):
                check_form(f"{name}.{c.get('id')}", ex, ["--id", c.get("id")],
                           root, c, tmp, regen)
                count += 1
        check_errors(tmp)
    for f in failures:
        print("FAIL", f)
    print(f"{count} forms, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
