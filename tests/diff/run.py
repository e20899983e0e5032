#!/usr/bin/env python3
"""findings diff, the change report: what its reader sees.

usage: run.py FINDINGS SOURCE_DIR GROUP

The old file is examples/jtai-2019-northshire.xml as it stood at revision
2 (sent for factual accuracy); the new one is revision 3 with what the
factual accuracy decisions and a second reading changed: a word in a
strength, a sentence out of the summary, a strength removed, an area for
improvement added, two findings reworded as decisions fa-5 and fa-3 say.

GROUP is one of:
  text     the report through pdftotext -layout: the summary's counts and
           revisions, every change under its heading with the right old
           and new paragraph numbers (checked against the two letters'
           own numbering), the words taken out and put in, the key, the
           marking on every page, the PDF title
  tree     -o x.xml, the report's document tree: the exact <del> and <ins>
           of every change, the strike and underline of the key; the tree
           typesets as it is
  same     identical inputs give "No changes", for every example
  errors   frameworks that differ, a broken input (FILE:LINE:COL, exit 1,
           nothing written, an existing file untouched), usage (exit 2),
           input and output failures (exit 3)
  hostile  two 30 KiB paragraphs of random words, a 12 KiB pair and sixty
           rewritten paragraphs: each report done within 20 s (sanitizer
           builds included), a sound PDF
  bytes    the same inputs give the same bytes; qpdf --check, fonts
           embedded
  images   a reference image of page 1 (pdftoppm -r 40 -gray) compared
           with a tolerance; `cmake --build build --target regen`
           rewrites it for review

The reference image helpers are tests/lib/fdtest.py's.
"""

import os
import random
import re
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
import fdtest  # noqa: E402

FINDINGS = None
SRC = None
FAILURES = fdtest.FAILURES
EXAMPLE = "jtai-2019-northshire"
TITLE = ("Changes to the letter: Joint targeted area inspection of the "
         "multi-agency response to abuse and neglect in Northshire")


fail = fdtest.fail


run = fdtest.run


def example_text(name=EXAMPLE):
    with open(os.path.join(SRC, "examples", name + ".xml"),
              encoding="utf-8") as f:
        return f.read()


def history_upto(text, n):
    """The inspection with its revisions after n taken out."""
    return re.sub(r'[ \t]*<revision n="(\d+)".*?</revision>\s*\n',
                  lambda m: m.group(0) if int(m.group(1)) <= n else "",
                  text, flags=re.S)


def replace(text, old, new):
    if old not in text:
        raise SystemExit("the example no longer has: " + old)
    return text.replace(old, new, 1)


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def make_pair(tmp):
    src = example_text()
    old = history_upto(src, 2)
    new = history_upto(src, 3)
    # A word in a strength.
    new = replace(new, "Schools play a significant part",
                  "Schools play a major part")
    # A sentence out of the summary.
    new = replace(new, """are timely, and children who disclose abuse are protected and listened to. Schools, the
      sexual assault referral centre and specialist police investigators provide a *high
      standard* of help.""",
                  "are timely, and children who disclose abuse are "
                  "protected and listened to.")
    # An area for improvement added.
    new = replace(new, '    <priority-action id="pa-1"', """    <improvement id="i-6" agencies="police" evidence="ev-019">
      Public protection notices should be triaged by risk as soon as they reach the referral
      unit, so that the most urgent are reviewed first.
    </improvement>

    <priority-action id="pa-1\"""")
    # A strength removed.
    new, n = re.subn(r'\s*<strength id="s-5".*?</strength>', "", new,
                     flags=re.S)
    assert n == 1
    # Decision fa-5: the centre is commissioned by NHS England.
    new = replace(new, "sexual assault referral centre. When they",
                  "sexual assault referral centre, which NHS England "
                  "commissions. When they")
    # Decision fa-3: individual investigations, not reviews at all.
    new = replace(new, "investigations remain open for many months without "
                  "supervisory review;",
                  "individual investigations are not reviewed by a "
                  "supervisor for many months;")
    return (write(os.path.join(tmp, "northshire-rev2.xml"), old),
            write(os.path.join(tmp, "northshire-rev3.xml"), new))


def diff(old, new, out, extra=(), timeout=120):
    return run([FINDINGS, "diff", old, new, "-o", out] + list(extra),
               timeout=timeout)


def pdf_text(pdf):
    return run(["pdftotext", "-layout", pdf, "-"]).stdout


def flat(text):
    """The text without running heads and feet, as one line."""
    lines = [l for l in text.splitlines()
             if not re.search(r"Page \d+ of \d+", l)
             and l.strip() != "OFFICIAL-SENSITIVE"]
    return re.sub(r"\s+", " ", "\n".join(lines)).strip()


# What the report must say about each change: its label, the heading it
# comes under, and its words (as pdftotext gives them: a space between a
# word taken out and the word put in).
CHANGES = [
    ("Paragraph 3 changed", "Summary of findings",
     "and children who disclose abuse are protected and listened to. "
     "Schools, the sexual assault referral centre and specialist police "
     "investigators provide a high standard of help."),
    ("Paragraph 8 changed", "Strengths",
     "Schools play a significant major part"),
    ("Paragraph 9 changed", None,
     "at the sexual assault referral centre, which NHS England commissions. "
     "When they"),
    ("Paragraph 10 removed", None,
     "Northshire Youth Offending Service: The youth offending service works "
     "well with children who display harmful sexual behaviour."),
    ("New paragraph 16", "Areas for improvement",
     "Northshire Police: Public protection notices should be triaged by "
     "risk as soon as they reach the referral unit"),
    ("List item after paragraph 17 changed", "Areas for priority action",
     "individual investigations remain open for many months without "
     "supervisory review are not reviewed by a supervisor for many months;"),
]


def letter_numbers(pdf):
    """Paragraph number to the start of its text, from a draft letter."""
    nums = {}
    cur = None
    for line in pdf_text(pdf).splitlines():
        m = re.match(r"^\s*(\d+)\.\s+(\S.*)$", line)
        if m:
            cur = int(m.group(1))
            nums[cur] = m.group(2).strip()
    return nums


def group_text(tmp):
    old, new = make_pair(tmp)
    out = os.path.join(tmp, "changes.pdf")
    r = diff(old, new, out)
    if r.returncode != 0:
        fail("diff: exit %d: %s" % (r.returncode, r.stderr))
        return
    # The example's comments fa-2 (accepted), fa-3 and fa-4 (partly
    # accepted) cite paragraphs 14, 19 and 16, which this pair leaves as
    # they were: the report warns of each, and of nothing else (tests/fa
    # checks the accounting of comments itself).
    warned = sorted(re.findall(r"warning: comment '(fa-\d+)' is", r.stderr))
    if warned != ["fa-2", "fa-3", "fa-4"] or len(r.stderr.splitlines()) != 3:
        fail("diff printed: %s" % r.stderr)
    raw = pdf_text(out)
    text = flat(raw)
    if not text.startswith(TITLE):
        fail("the report does not open with its title: %r" % text[:120])
    want = ("4 paragraphs changed, 1 added, 1 removed; revision 3 of 4 "
            "December 2019 against revision 2 of 11 November 2019.")
    if want not in text:
        fail("summary: want %r in %r" % (want, text[:400]))
    for s in ["Old northshire-rev2.xml: revision 2 of 11 November 2019 "
              "(factual accuracy stage)",
              "New northshire-rev3.xml: revision 3 of 4 December 2019 "
              "(pre-publication stage)",
              "Key", "Struck through: words taken out of the old letter",
              "Underlined: words put into the new letter",
              "… 18 unchanged paragraphs …", "… 13 unchanged paragraphs …"]:
        if s not in text:
            fail("report lacks %r" % s)
    # Each change under its heading, in reading order.
    pos = 0
    for label, heading, words in CHANGES:
        if heading:
            at = text.find(heading + " " + label, pos)
            if at < 0:
                fail("%r is not under the heading %r" % (label, heading))
                continue
        at = text.find(label, pos)
        if at < 0:
            fail("no change labelled %r after offset %d" % (label, pos))
            continue
        if not text[at + len(label):].lstrip().startswith(words) and \
                words not in text[at:at + len(label) + 1200]:
            fail("%r does not show %r" % (label, words))
        pos = at + len(label)
    labels = re.findall(r"(?m)^(?:New |List item |Paragraph |Heading )"
                        r"[A-Za-z0-9 ()]*$", raw)
    if len(labels) != len(CHANGES):
        fail("%d change labels, want %d: %s" % (len(labels), len(CHANGES),
                                                 labels))
    # Every page carries the marking, top and bottom; nothing says DRAFT.
    pages = raw.split("\f")
    pages = [p for p in pages if p.strip()]
    for i, p in enumerate(pages, 1):
        if p.count("OFFICIAL-SENSITIVE") != 2:
            fail("page %d: OFFICIAL-SENSITIVE %d times" %
                 (i, p.count("OFFICIAL-SENSITIVE")))
        if "Page %d of %d" % (i, len(pages)) not in p:
            fail("page %d has no 'Page %d of %d'" % (i, i, len(pages)))
    if "DRAFT" in raw:
        fail("the report says DRAFT")
    info = run(["pdfinfo", out]).stdout
    if not re.search(r"(?m)^Title: +" + re.escape(TITLE) + "$", info):
        fail("pdfinfo title: %s" % info)
    # The numbers are those of the letters themselves: render both drafts.
    for path, which in ((old, "old"), (new, "new")):
        letter = os.path.join(tmp, which + "-letter.pdf")
        rr = run([FINDINGS, "render", path, "--stage", "draft", "-o",
                  letter])
        if rr.returncode != 0:
            fail("render %s: %s" % (which, rr.stderr))
            continue
        nums = letter_numbers(letter)
        checks = {"old": {3: "Children in Northshire", 8: "Northshire County"
                          " Council: Schools play a significant",
                          9: "Northshire Healthcare NHS Foundation Trust",
                          10: "Northshire Youth Offending Service",
                          17: "Northshire Police must urgently"},
                  "new": {3: "Children in Northshire",
                          8: "Northshire County Council: Schools play a "
                          "major", 16: "Northshire Police: Public "
                          "protection notices", 17: "Northshire Police "
                          "must urgently"}}[which]
        for n, start in checks.items():
            got = nums.get(n, "")
            if not got or not (got.startswith(start) or
                               start.startswith(got)):
                fail("%s letter: paragraph %d starts %r, want %r" %
                     (which, n, got, start))


def tree_changes(root):
    """Each h3 label of the report with the <del> and <ins> texts of the
    quote after it."""
    body = root.find("body")
    kids = list(body)
    out = {}
    for i, el in enumerate(kids):
        if el.tag != "h3":
            continue
        q = kids[i + 1]
        dels = [d.text or "" for d in q.iter("del")]
        ins = [d.text or "" for d in q.iter("ins")]
        out["".join(el.itertext())] = (dels, ins)
    return out


def group_tree(tmp):
    old, new = make_pair(tmp)
    out = os.path.join(tmp, "changes.xml")
    r = diff(old, new, out)
    if r.returncode != 0:
        fail("diff -o x.xml: exit %d: %s" % (r.returncode, r.stderr))
        return
    root = ET.parse(out).getroot()
    if root.tag != "document" or root.find("meta/title").text != TITLE:
        fail("the tree is not a document titled %r" % TITLE)
    page = root.find("page")
    if page is None or page.get("marking") != "OFFICIAL-SENSITIVE" or \
            page.get("watermark") or page.get("numbered-paragraphs") == "yes":
        fail("page: %r" % (page.attrib if page is not None else None))
    got = tree_changes(root)
    want = {
        "Paragraph 3 changed": (
            [" Schools, the sexual assault referral centre and specialist "
             "police investigators provide a high standard of help."], []),
        "Paragraph 8 changed": (["significant"], ["major"]),
        "Paragraph 9 changed": ([], [", which NHS England commissions"]),
        "Paragraph 10 removed": (
            ["Northshire Youth Offending Service: The youth offending "
             "service works well with children who display harmful sexual "
             "behaviour. Assessments are specialist and prompt, and "
             "interventions recognise that many of these children have "
             "themselves been harmed."], []),
        "New paragraph 16": (
            [], ["Northshire Police: Public protection notices should be "
                 "triaged by risk as soon as they reach the referral unit, "
                 "so that the most urgent are reviewed first."]),
        "List item after paragraph 17 changed": (
            ["remain open for many months without supervisory review"],
            ["individual ", "are not reviewed by a supervisor for many "
                            "months"]),
    }
    if sorted(got) != sorted(want):
        fail("labels: %s, want %s" % (sorted(got), sorted(want)))
    for label, (dels, ins) in want.items():
        if label not in got:
            continue
        gd = [re.sub(r"\s+", " ", s) for s in got[label][0]]
        gi = [re.sub(r"\s+", " ", s) for s in got[label][1]]
        # Pretty-printing may put a lone <del> on its own line.
        if [s.strip() for s in gd] != [s.strip() for s in dels] or \
                [s.strip() for s in gi] != [s.strip() for s in ins]:
            fail("%s: del %r ins %r, want del %r ins %r" %
                 (label, gd, gi, dels, ins))
    # The key shows each mark on its own words.
    key = root.find("body/list")
    if key is None or [k.tag for k in key.iter() if k.tag in
                       ("del", "ins")] != ["del", "ins"]:
        fail("the key does not show a <del> and an <ins>")
    # The tree is a document tree the engine prints as it is.
    pdf = os.path.join(tmp, "tree.pdf")
    r = run([FINDINGS, "typeset", out, "-o", pdf, "--markdown-dir",
             os.path.join(SRC, "templates", "common"), "--set",
             "doc=letter"])
    if r.returncode != 0:
        fail("typeset of the report's tree: %s" % r.stderr)


def group_same(tmp):
    docs = {"slac-2009-kingsmead": "report"}
    for f in sorted(os.listdir(os.path.join(SRC, "examples"))):
        if not f.endswith(".xml"):
            continue
        name = f[:-4]
        src = os.path.join(SRC, "examples", f)
        copy = write(os.path.join(tmp, "copy-" + f), example_text(name))
        out = os.path.join(tmp, name + ".pdf")
        r = diff(src, copy, out, ["--doc", docs.get(name, "letter")])
        if r.returncode != 0:
            fail("%s against itself: exit %d: %s" % (name, r.returncode,
                                                      r.stderr))
            continue
        text = flat(pdf_text(out))
        if "No changes;" not in text or \
                "have the same paragraphs, word for word." not in text:
            fail("%s against itself: %r" % (name, text[:300]))
        if re.search(r"(?:changed|removed|added)(?:\s|$)", text):
            fail("%s against itself shows a change" % name)
        xml = os.path.join(tmp, name + ".xml")
        diff(src, copy, xml, ["--doc", docs.get(name, "letter")])
        root = ET.parse(xml).getroot()
        if list(root.iter("del")) or list(root.iter("ins")):
            fail("%s against itself: the tree has marks" % name)
    # An email and a form, chosen as render chooses them; a concern's
    # issues edited show in the form's report.
    src = os.path.join(SRC, "examples", EXAMPLE + ".xml")
    edited = write(os.path.join(tmp, "edited.xml"), replace(
        example_text(), "has returned to live in the\n        family home",
        "has returned to live in the family home with his partner"))
    for args, want in ((["--doc", "notification", "--to", "la"],
                        "No changes;"),
                       (["--doc", "concern", "--id", "c-1"],
                        "1 paragraph changed, 0 added, 0 removed;")):
        out = os.path.join(tmp, args[1] + ".pdf")
        r = diff(src, edited, out, args)
        if r.returncode != 0:
            fail("%s: exit %d: %s" % (args, r.returncode, r.stderr))
            continue
        text = flat(pdf_text(out))
        if want not in text:
            fail("%s: want %r in %r" % (args, want, text[:300]))
    if "with his partner" not in text:
        fail("the concern's report does not show the words put in")


def group_errors(tmp):
    old, new = make_pair(tmp)
    out = os.path.join(tmp, "out.pdf")
    keep = b"an earlier report\n"

    def untouched(what):
        if not os.path.exists(out) or open(out, "rb").read() != keep:
            fail("%s: the existing output was touched" % what)

    # Frameworks that differ.
    write(out, keep.decode())
    other = os.path.join(SRC, "examples", "jtai-2016-eastbridge.xml")
    r = diff(old, other, out)
    if r.returncode != 1 or not re.search(
            r"jtai-2016-eastbridge\.xml:\d+:\d+: error: the framework is "
            r"jtai-2016 but .*northshire-rev2\.xml is jtai-2019", r.stderr):
        fail("frameworks: exit %d: %s" % (r.returncode, r.stderr))
    untouched("frameworks")
    # A broken new file: an evidence reference that resolves to nothing.
    broken = write(os.path.join(tmp, "broken.xml"), open(new).read().replace(
        'evidence="ev-011 ev-027"', 'evidence="ev-011 ev-999"'))
    line = [i for i, l in enumerate(open(broken), 1) if "ev-999" in l][0]
    r = diff(old, broken, out)
    if r.returncode != 1 or not re.search(
            r"broken\.xml:%d:\d+: error: .*ev-999" % line, r.stderr):
        fail("broken input: exit %d: %s" % (r.returncode, r.stderr))
    untouched("broken input")
    fresh = os.path.join(tmp, "fresh.pdf")
    r = diff(old, broken, fresh)
    if os.path.exists(fresh):
        fail("broken input: a report was written")
    # Both broken: both reported.
    broken_old = write(os.path.join(tmp, "broken-old.xml"), open(old).read()
                       .replace('<area>Northshire</area>',
                                '<area>Northshire</area><oops/>'))
    r = diff(broken_old, broken, fresh)
    if r.returncode != 1 or "broken-old.xml:" not in r.stderr or \
            "broken.xml:" not in r.stderr or os.path.exists(fresh):
        fail("two broken inputs: exit %d: %s" % (r.returncode, r.stderr))
    # Not XML at all.
    junk = write(os.path.join(tmp, "junk.xml"), "<inspection")
    r = diff(junk, new, fresh)
    if r.returncode != 1 or not re.search(r"junk\.xml:\d+:\d+: error",
                                          r.stderr):
        fail("not XML: exit %d: %s" % (r.returncode, r.stderr))
    # Usage.
    for args in ([], [old], [old, new, new], [old, new, "--stage", "late"],
                 [old, new, "--bogus"], [old, new, "-o"]):
        r = run([FINDINGS, "diff"] + args)
        if r.returncode != 2 or "usage: findings diff" not in r.stderr and \
                "unknown stage" not in r.stderr:
            fail("usage %s: exit %d: %s" % (args, r.returncode, r.stderr))
    r = run([FINDINGS, "diff", "--help"])
    if r.returncode != 0 or "usage: findings diff OLD.xml NEW.xml" not in \
            r.stdout:
        fail("--help: exit %d: %s" % (r.returncode, r.stdout))
    # Input and output failures.
    r = diff(os.path.join(tmp, "missing.xml"), new, fresh)
    if r.returncode != 3 or "missing.xml" not in r.stderr:
        fail("missing input: exit %d: %s" % (r.returncode, r.stderr))
    r = diff(old, new, os.path.join(tmp, "no", "such", "dir", "x.pdf"))
    if r.returncode != 3 or "cannot write" not in r.stderr:
        fail("unwritable output: exit %d: %s" % (r.returncode, r.stderr))
    # A document the framework does not have.
    r = diff(old, new, fresh, ["--doc", "brochure"])
    if r.returncode != 1 or "no document 'brochure'" not in r.stderr or \
            os.path.exists(fresh):
        fail("unknown --doc: exit %d: %s" % (r.returncode, r.stderr))
    # The default name comes from the new file's ref.
    r = subprocess.run([FINDINGS, "diff", old, new], capture_output=True,
                       text=True, cwd=tmp)
    if r.returncode != 0 or not os.path.exists(
            os.path.join(tmp, "JTAI-2019-NS-letter-changes.pdf")):
        fail("default output: exit %d: %s %s" % (r.returncode, r.stderr,
                                                 os.listdir(tmp)))


def random_words(rnd, nbytes, vocab):
    words, n = [], 0
    while n < nbytes:
        w = rnd.choice(vocab)
        words.append(w)
        n += len(w) + 1
    return " ".join(words)


def with_strengths(text, bodies):
    """The example with its strengths replaced by one a body."""
    first = text.index('    <strength id="s-1"')
    last = text.index("</strength>", text.index('<strength id="s-6"'))
    last += len("</strength>")
    new = "\n\n".join('    <strength id="s-%d" evidence="ev-001">\n%s\n'
                      '    </strength>' % (i + 1, b)
                      for i, b in enumerate(bodies))
    return text[:first] + new + text[last:]


def group_hostile(tmp):
    rnd = random.Random(20191204)
    vocab = ["".join(rnd.choice("abcdefghijklmnopqrstuvwxyz")
                     for _ in range(rnd.randint(2, 9))) for _ in range(400)]
    src = example_text()
    cases = {
        # Over the token cap: replaced whole, old and new apart.
        "30k": ([random_words(rnd, 30 * 1024, vocab)],
                [random_words(rnd, 30 * 1024, vocab)]),
        # Under the cap, everything different: the step budget stops it.
        "12k": ([random_words(rnd, 12 * 1024, vocab)],
                [random_words(rnd, 12 * 1024, vocab)]),
        # Sixty paragraphs, each rewritten: the report's budget.
        "sixty": ([random_words(rnd, 2500, vocab) for _ in range(60)],
                  [random_words(rnd, 2500, vocab) for _ in range(60)]),
    }
    for name, (a, b) in cases.items():
        old = write(os.path.join(tmp, name + "-old.xml"),
                    with_strengths(src, a))
        new = write(os.path.join(tmp, name + "-new.xml"),
                    with_strengths(src, b))
        out = os.path.join(tmp, name + ".pdf")
        t0 = time.time()
        try:
            r = diff(old, new, out, timeout=20)
        except subprocess.TimeoutExpired:
            fail("%s: not done in 20 s" % name)
            continue
        took = time.time() - t0
        if r.returncode != 0:
            fail("%s: exit %d: %s" % (name, r.returncode, r.stderr[:500]))
            continue
        q = run(["qpdf", "--check", out])
        if q.returncode != 0:
            fail("%s: qpdf --check: %s" % (name, q.stdout[-300:]))
        text = flat(pdf_text(out))
        m = re.search(r"(\d+) paragraphs? changed, (\d+) added, (\d+) "
                      r"removed", text)
        if not m or int(m.group(1)) + int(m.group(3)) != len(a):
            fail("%s: summary %r" % (name, m and m.group(0)))
        # Every word of the new paragraphs is in the report.
        for para in b[:3]:
            for w in para.split()[:5] + para.split()[-5:]:
                if w not in text:
                    fail("%s: the new word %r is missing" % (name, w))
                    break
        print("%s: %.2f s" % (name, took))
    # Markdown character references that XML cannot carry (cmark decodes
    # &#xFFFE; to a byte that is not UTF-8): a box, not a broken report.
    old = write(os.path.join(tmp, "refs-old.xml"), src)
    new = write(os.path.join(tmp, "refs-new.xml"), replace(
        src, "Schools play a significant part",
        "Schools play a &amp;#11; &amp;#xFFFE; &amp;#xFFFF; major part"))
    out = os.path.join(tmp, "refs.xml")
    r = diff(old, new, out)
    if r.returncode != 0:
        fail("character references: exit %d: %s" % (r.returncode, r.stderr))
    elif "<ins>\ufffd \ufffd \ufffd major</ins>" not in \
            open(out, encoding="utf-8").read():
        fail("character references: not three boxes put in")


def group_bytes(tmp):
    old, new = make_pair(tmp)
    a, b = os.path.join(tmp, "a.pdf"), os.path.join(tmp, "b.pdf")
    for out in (a, b):
        r = diff(old, new, out)
        if r.returncode != 0:
            fail("diff: %s" % r.stderr)
            return
    if open(a, "rb").read() != open(b, "rb").read():
        fail("two runs give different bytes")
    r = subprocess.run([FINDINGS, "diff", old, new, "-o", "-"],
                       capture_output=True)
    if r.returncode != 0 or r.stdout != open(a, "rb").read():
        fail("-o - gives other bytes than -o FILE")
    r = run(["qpdf", "--check", a])
    if r.returncode != 0:
        fail("qpdf --check: %s" % r.stdout)
    fonts = run(["pdffonts", a]).stdout.splitlines()[2:]
    if not fonts:
        fail("pdffonts lists no font")
    for l in fonts:
        cols = l.split()
        # name type encoding emb sub uni object ID
        if "LiberationSans" not in cols[0] or cols[-5] != "yes":
            fail("font not embedded: %s" % l)
    # The tree too.
    x1, x2 = os.path.join(tmp, "1.xml"), os.path.join(tmp, "2.xml")
    diff(old, new, x1)
    diff(old, new, x2)
    if open(x1, "rb").read() != open(x2, "rb").read():
        fail("two trees differ")


def group_images(tmp):
    refdir = os.path.join(SRC, "tests", "diff", "ref")
    old, new = make_pair(tmp)
    pdf = os.path.join(tmp, "changes.pdf")
    r = diff(old, new, pdf)
    if r.returncode != 0:
        fail("diff: %s" % r.stderr)
        return
    pages = fdtest.pdf_pages(pdf, tmp, "changes", last=1)
    if not pages:
        fail("images: pdftoppm made no page")
        return
    fdtest.compare_pages("images page 1", pages, refdir, ["changes-1.png"],
                         fdtest.PIXELS)


def main():
    global FINDINGS, SRC
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    FINDINGS, SRC, group = sys.argv[1:]
    FINDINGS = os.path.abspath(FINDINGS)
    SRC = os.path.abspath(SRC)
    os.environ["LC_ALL"] = "C.UTF-8"
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    groups = {"text": group_text, "tree": group_tree, "same": group_same,
              "errors": group_errors, "hostile": group_hostile,
              "bytes": group_bytes, "images": group_images}
    with tempfile.TemporaryDirectory() as tmp:
        groups[group](tmp)
    if FAILURES:
        print("%d failure(s)" % len(FAILURES))
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
