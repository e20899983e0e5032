#!/usr/bin/env python3
"""Tests of the typesetting engine through `findings typeset`.

usage: run.py FINDINGS SRCDIR CASE

Every check looks at what a reader or a tool sees in the PDF: the text
(pdftotext), the metadata and structure (pdfinfo, qpdf), the fonts
(pdffonts), the word boxes (pdftotext -bbox) and the pages as images
(pdftoppm, compared by fdtest) against references reviewed by eye and
committed in ref/.
With REGEN=1 the expected text and the reference images are rewritten for
review instead of compared.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
import fdtest  # noqa: E402

BIN, SRC, CASE = sys.argv[1], sys.argv[2], sys.argv[3]
HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
REF = os.path.join(HERE, "ref")
REGEN = os.environ.get("REGEN") == "1"
TMP = tempfile.mkdtemp(prefix="typeset-")
FAILS = []

# Pinned so that nothing of the machine's locale or date leaks in.
ENV = dict(os.environ, LC_ALL="C.UTF-8", SOURCE_DATE_EPOCH="1457308800")
ENV.pop("FINDINGS_DATADIR", None)

# The values that every-node.md's placeholders get: Markdown, HTML, a
# backslash and a placeholder in a value all print as they are.
SETS = ["lead=Northshire *County* Council",
        "area=[the area](https://x) <b>bold</b> \\ {{area}}",
        "due=# 7 March 2016"]


def fail(msg):
    FAILS.append(msg)
    print("FAIL: " + msg)


def run(args, timeout=60, env=None, check=False):
    p = subprocess.run(args, capture_output=True, text=True,
                       timeout=timeout, env=env or ENV)
    if check and p.returncode != 0:
        fail("%s: exit %d: %s" % (" ".join(args[:2]), p.returncode,
                                  p.stderr.strip()))
    return p


def typeset(tree, out, extra=(), timeout=60):
    """Renders tree to out; returns the completed process and seconds."""
    args = [BIN, "typeset", tree, "-o", out,
            "--templates", os.path.join(SRC, "templates"),
            "--markdown-dir", CASES]
    for s in SETS:
        args += ["--set", s]
    t0 = time.monotonic()
    p = run(args + list(extra), timeout=timeout)
    return p, time.monotonic() - t0


def text(pdf, *opts):
    return run(["pdftotext", "-layout"] + list(opts) + [pdf, "-"],
               check=True).stdout


def info(pdf):
    out = run(["pdfinfo", pdf], check=True).stdout
    return dict(re.findall(r"^([^:]+):\s*(.*)$", out, re.M))


def qpdf_objects(pdf):
    """Every object of the file, by 'obj:N 0 R', from qpdf's JSON."""
    out = run(["qpdf", "--json", "--json-key=qpdf", pdf], check=True).stdout
    objs = json.loads(out)["qpdf"][1]
    return {k: v.get("value", v.get("stream", {}).get("dict"))
            for k, v in objs.items()}


def write_tree(name, body, page='marking="OFFICIAL" numbered-paragraphs="yes"'):
    path = os.path.join(TMP, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write('<document><meta><title>%s</title></meta><page %s/>'
                '<body>%s</body></document>' % (name, page, body))
    return path


# ------------------------------------------------------------ checks

def check_clean(pdf, what):
    """qpdf finds nothing; every font is embedded; tagged, titled."""
    p = run(["qpdf", "--check", pdf])
    if p.returncode != 0 or "No syntax or stream encoding errors" not in p.stdout:
        fail("%s: qpdf --check: %s" % (what, p.stdout + p.stderr))
    fonts = run(["pdffonts", pdf], check=True).stdout.splitlines()[2:]
    if not fonts:
        fail("%s: pdffonts lists no font" % what)
    for line in fonts:
        cols = line.split()
        # name type [type…] encoding emb sub uni object ID
        if cols[-5] != "yes":
            fail("%s: font not embedded: %s" % (what, line))
    i = info(pdf)
    if i.get("Tagged") != "yes":
        fail("%s: not tagged" % what)
    if not i.get("Title"):
        fail("%s: no title" % what)
    return i


def check_boxes(pdf, what, margin=True):
    """Every word inside the page, and inside the margins left and right
    (the text width: nothing overflows)."""
    out = run(["pdftotext", "-bbox", pdf, "-"], check=True).stdout
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>',
                       out, re.S)
    if not pages:
        fail("%s: no page in pdftotext -bbox" % what)
    n = 0
    for w, h, body in pages:
        w, h = float(w), float(h)
        for x0, y0, x1, y1, word in re.findall(
                r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" '
                r'yMax="([-\d.]+)">(.*?)</word>', body):
            x0, y0, x1, y1 = map(float, (x0, y0, x1, y1))
            n += 1
            if x0 < 0 or y0 < 0 or x1 > w or y1 > h:
                fail("%s: word outside the page: %s %s" %
                     (what, word[:40], (x0, y0, x1, y1)))
                return
            # 2.5 cm margins: the text is between 70.9 and 524.4 pt.
            if margin and (x0 < 70.8 - 1 or x1 > 524.4 + 1):
                fail("%s: word outside the text width: %s %s" %
                     (what, word[:40], (x0, x1)))
                return
    if n == 0:
        fail("%s: no words" % what)


def compare_images(pdf, name):
    """Pages at 40 dpi in grey against ref/NAME-N.png (fdtest): a mean
    difference of at most one level, and at most 0.3 % of pixels off by
    100 levels or more."""
    fdtest.compare_document(name, pdf, TMP, REF, name,
                            tolerance=("mean", 1.0, 99, 0.003))
    for f in fdtest.FAILURES:
        FAILS.append(f)
    del fdtest.FAILURES[:]


def expect_text(pdf, name):
    got = "\n".join(l.rstrip() for l in text(pdf).splitlines()) + "\n"
    path = os.path.join(CASES, name + ".txt")
    if REGEN:
        with open(path, "w", encoding="utf-8") as f:
            f.write(got)
        return
    with open(path, encoding="utf-8") as f:
        want = f.read()
    if got != want:
        import difflib
        d = "".join(difflib.unified_diff(want.splitlines(True),
                                         got.splitlines(True), "expected", "got"))
        fail("%s: text differs:\n%s" % (name, d[:3000]))


# ------------------------------------------------------------- cases

def case_every_node():
    tree = os.path.join(CASES, "every-node.xml")
    pdf = os.path.join(TMP, "every-node.pdf")
    p, _ = typeset(tree, pdf)
    if p.returncode != 0 or p.stderr:
        fail("every-node: exit %d: %s" % (p.returncode, p.stderr))
        return
    i = check_clean(pdf, "every-node")
    if i.get("Title") != "Every node of the document tree":
        fail("every-node: title %r" % i.get("Title"))
    if i.get("Pages") != "3":
        fail("every-node: %s pages, not 3" % i.get("Pages"))
    if not i.get("CreationDate", "").startswith("Mon Mar  7 00:00:00 2016"):
        fail("every-node: creation date %r is not SOURCE_DATE_EPOCH's"
             % i.get("CreationDate"))
    expect_text(pdf, "every-node")
    check_boxes(pdf, "every-node", margin=False)

    # The structure: every tag the tree maps to.
    struct = run(["pdfinfo", "-struct", pdf], check=True).stdout
    tags = set(re.findall(r"^\s*(\w+)", struct, re.M))
    for t in ("Document", "H1", "H2", "H3", "P", "Span", "L", "LI", "Lbl",
              "LBody", "BlockQuote", "Table", "TR", "TH", "TD", "Link"):
        if t not in tags:
            fail("every-node: no %s in the structure tree" % t)
    # The furniture is outside it (artifacts), but for the marking at the
    # top of the first page, which says once what the document is.
    st = run(["pdfinfo", "-struct-text", pdf], check=True).stdout
    if "Page 1 of 3" in st or st.count("OFFICIAL-SENSITIVE") != 1:
        fail("every-node: page furniture inside the structure tree")
    if st.count('"Agency"') != 1:
        fail("every-node: the table head is in the structure %d times"
             % st.count('"Agency"'))

    # Bookmarks: the headings, nested by level.
    out = json.loads(run(["qpdf", "--json", "--json-key=outlines", pdf],
                         check=True).stdout)["outlines"]

    def walk(items, depth):
        for o in items:
            yield depth, o["title"]
            yield from walk(o["kids"], depth + 1)
    got = list(walk(out, 1))
    want = [(1, "Joint targeted area inspection of the multi-agency response "
                "to children living with domestic abuse in Northshire"),
            (2, "Summary of findings"),
            (3, "A third-level heading from Markdown"),
            (2, "Next steps"), (3, "Lists"), (2, "A table of agencies")]
    if got != want:
        fail("every-node: bookmarks %r" % got)

    # The catalogue: language, window title, XMP; live links only where
    # the scheme allows.
    objs = qpdf_objects(pdf)
    cat = [v for v in objs.values()
           if isinstance(v, dict) and v.get("/Type") == "/Catalog"]
    if not cat:
        fail("every-node: no catalogue")
    else:
        c = cat[0]
        if c.get("/Lang") not in ("u:en-GB", "en-GB"):
            fail("every-node: /Lang is %r" % c.get("/Lang"))
        if c.get("/ViewerPreferences", {}).get("/DisplayDocTitle") is not True:
            fail("every-node: no /DisplayDocTitle true")
        if "/Metadata" not in c:
            fail("every-node: no XMP /Metadata")
    uris = sorted(v["/A"]["/URI"] for v in objs.values()
                  if isinstance(v, dict) and v.get("/Subtype") == "/Link"
                  and "/URI" in v.get("/A", {}))
    uris = [u[2:] if u.startswith("u:") else u for u in uris]
    want = sorted(["https://www.gov.uk/government/organisations/"
                   "hm-inspectorate-of-probation",
                   "https://www.gov.uk/guidance",
                   "mailto:enquiries@ofsted.gov.uk"])
    if uris != want:
        fail("every-node: links %r, expected %r" % (uris, want))

    # The same input, the same bytes.
    pdf2 = os.path.join(TMP, "every-node-again.pdf")
    typeset(tree, pdf2)
    if open(pdf, "rb").read() != open(pdf2, "rb").read():
        fail("every-node: a second render differs")
    compare_images(pdf, "every-node")


def case_style():
    """--style picks another style: large print, more pages."""
    tree = os.path.join(CASES, "every-node.xml")
    pdf = os.path.join(TMP, "large.pdf")
    p, _ = typeset(tree, pdf, ["--style", "large-print"])
    if p.returncode != 0:
        fail("style: exit %d: %s" % (p.returncode, p.stderr))
        return
    check_clean(pdf, "large-print")
    small = os.path.join(TMP, "small.pdf")
    typeset(tree, small)
    a = len(text(pdf, "-l", "1").split())
    b = len(text(small, "-l", "1").split())
    if a > b * 0.8:
        fail("style: large print has %d words on page 1, gov-uk %d" % (a, b))
    check_boxes(pdf, "large-print", margin=False)
    # A style that breaks its schema is refused at its line.
    bad = os.path.join(TMP, "bad-style.xml")
    with open(os.path.join(SRC, "styles", "gov-uk.xml"), encoding="utf-8") as f:
        s = f.read()
    with open(bad, "w", encoding="utf-8") as f:
        f.write(s.replace('size="12pt"', 'size="12px"'))
    p, _ = typeset(tree, os.path.join(TMP, "bad.pdf"), ["--style", bad])
    if p.returncode != 1 or not re.search(r"bad-style\.xml:\d+:\d+: error:", p.stderr):
        fail("style: a bad style gives exit %d: %s" % (p.returncode, p.stderr))


def case_hostile_word():
    tree = write_tree("word.xml", "<p>Before.</p><p>%s</p><p>After.</p>"
                      % ("x" * 20000))
    pdf = os.path.join(TMP, "word.pdf")
    p, t = typeset(tree, pdf, timeout=120)
    if p.returncode != 0:
        fail("hostile-word: exit %d: %s" % (p.returncode, p.stderr))
        return
    check_clean(pdf, "hostile-word")
    check_boxes(pdf, "hostile-word")
    if text(pdf).count("x") != 20000:
        fail("hostile-word: %d of 20000 letters printed" % text(pdf).count("x"))
    print("hostile-word: %.2f s" % t)


def case_hostile_cell():
    lines = " ".join("Cell line %d of a cell three pages long." % i
                     for i in range(300))
    tree = write_tree(
        "cell.xml",
        '<p>Before the table.</p><table><col width="30%%"/><col/>'
        "<thead><tr><th>Head A</th><th>Head B</th></tr></thead>"
        "<tr><td>short</td><td>%s</td></tr>"
        "<tr><td>next row</td><td>the end</td></tr></table>" % lines)
    pdf = os.path.join(TMP, "cell.pdf")
    p, t = typeset(tree, pdf)
    if p.returncode != 0:
        fail("hostile-cell: exit %d: %s" % (p.returncode, p.stderr))
        return
    check_clean(pdf, "hostile-cell")
    check_boxes(pdf, "hostile-cell")
    i = info(pdf)
    pages = int(i["Pages"])
    if pages < 3:
        fail("hostile-cell: %d pages" % pages)
    # The body's text without the running lines and the repeated head.
    body = "\n".join(l for l in text(pdf).splitlines()
                     if not re.search(r"OFFICIAL|Page \d+ of|Head A", l))
    nums = [int(n) for n in re.findall(r"Cell\s+line\s+(\d+)\s", body)]
    if nums != list(range(300)):
        fail("hostile-cell: cell lines missing or out of order")
    # The head row again at the top of every page the table runs onto.
    for n in range(1, pages + 1):
        if "Head A" not in text(pdf, "-f", str(n), "-l", str(n)):
            fail("hostile-cell: no head row on page %d" % n)
    print("hostile-cell: %.2f s, %d pages" % (t, pages))


def case_hostile_items():
    items = "".join("<item>Item number %d of the list</item>" % i
                    for i in range(400))
    tree = write_tree("items.xml", '<list type="number">%s</list>' % items)
    pdf = os.path.join(TMP, "items.pdf")
    p, t = typeset(tree, pdf)
    if p.returncode != 0:
        fail("hostile-items: exit %d: %s" % (p.returncode, p.stderr))
        return
    check_clean(pdf, "hostile-items")
    check_boxes(pdf, "hostile-items")
    got = re.findall(r"(\d+)\. Item number (\d+) ", text(pdf))
    if [(int(a), int(b)) for a, b in got] != [(i + 1, i) for i in range(400)]:
        fail("hostile-items: labels or items missing")
    print("hostile-items: %.2f s" % t)


def case_keeps():
    """No heading alone at a page foot; no single line of a paragraph at a
    page top or foot. Paragraph k's words are pKwJ, so each line of
    pdftotext says which paragraph it belongs to."""
    body, lengths = [], [1, 5, 3, 9, 2, 4, 7, 3, 6, 2, 8, 4, 3, 5, 2, 9]
    for k in range(60):
        if k % 5 == 3:
            body.append("<h2>Heading%d</h2>" % k)
        n = lengths[k % len(lengths)] * 12
        body.append("<p>%s</p>" % " ".join("p%dw%d" % (k, j) for j in range(n)))
    tree = write_tree("keeps.xml", "".join(body))
    pdf = os.path.join(TMP, "keeps.pdf")
    p, _ = typeset(tree, pdf)
    if p.returncode != 0:
        fail("keeps: exit %d: %s" % (p.returncode, p.stderr))
        return
    pages = int(info(pdf)["Pages"])
    seen = {}
    for n in range(1, pages + 1):
        lines = [l.split() for l in text(pdf, "-f", str(n), "-l", str(n)).splitlines()]
        body_lines = [l for l in lines if l and (l[0].startswith("p") or
                                                 l[0].startswith("Heading") or
                                                 re.match(r"\d+\.$", l[0]))]
        if body_lines and body_lines[-1][0].startswith("Heading") and n < pages:
            fail("keeps: %s alone at the foot of page %d" % (body_lines[-1][0], n))
        for l in body_lines:
            w = l[1] if re.match(r"\d+\.$", l[0]) else l[0]
            m = re.match(r"p(\d+)w", w)
            if m:
                seen.setdefault(int(m.group(1)), []).append(n)
    for k, pg in seen.items():
        for n in set(pg):
            if len(set(pg)) > 1 and pg.count(n) < 2:
                fail("keeps: paragraph %d has a single line on page %d" % (k, n))
    if len(seen) != 60:
        fail("keeps: %d of 60 paragraphs found" % len(seen))


def case_markdown():
    """cmark's pathological inputs finish quickly or are refused; the
    placeholders of a Markdown file are checked."""
    def md(name, text):
        return write_tree(name, "<markdown>%s</markdown>" % text)

    def expect(name, tree, status, pattern, limit):
        out = os.path.join(TMP, name + ".pdf")
        p, t = typeset(tree, out, timeout=60)
        if p.returncode != status or not re.search(pattern, p.stderr):
            fail("markdown %s: exit %d, stderr %r" % (name, p.returncode,
                                                      p.stderr[:300]))
        if t > limit:
            fail("markdown %s: took %.2f s" % (name, t))
        print("markdown %s: %.2f s" % (name, t))

    expect("images-10000", md("images.xml", "![[]()" * 10000), 0, r"^$", 5)
    expect("images-40000", md("images40.xml", "![[]()" * 40000), 1,
           r"images40\.xml:1:\d+: error: .*at most 65536", 5)
    expect("quotes", md("quotes.xml", "&gt;" * 10000 + " x"), 1,
           r"error: Markdown lists and quotes are nested more than", 5)
    expect("stars", md("stars.xml", "* " * 10000 + "x"), 1,
           r"error: Markdown lists and quotes are nested more than", 5)
    expect("emphasis", md("emph.xml", "*a " * 10000 + "b"), 0, r"^$", 5)
    # A placeholder nobody gave a value: the template's line and column.
    with open(os.path.join(TMP, "unknown.md"), "w") as f:
        f.write("First line.\n\nThe {{area}} and {{nobody}}.\n")
    tree = write_tree("unknown.xml", '<markdown src="unknown.md"/>')
    p = run([BIN, "typeset", tree, "-o", os.path.join(TMP, "u.pdf"),
             "--templates", os.path.join(SRC, "templates"),
             "--markdown-dir", TMP, "--set", "area=x"])
    if p.returncode != 1 or "unknown.md:3:18: error: unknown placeholder {{nobody}}" not in p.stderr:
        fail("markdown unknown placeholder: exit %d: %s" % (p.returncode, p.stderr))


def case_errors():
    """Bad trees are refused at their line and column; nothing is written,
    an existing file is untouched, no temporary file is left."""
    out = os.path.join(TMP, "out", "letter.pdf")
    os.makedirs(os.path.dirname(out))
    with open(out, "wb") as f:
        f.write(b"old contents")
    cases = [
        ("unknown-element.xml",
         "<document><meta><title>t</title></meta><body>\n<p>x</p>\n<para>y</para></body></document>",
         1, r"unknown-element\.xml:3:1: error: element <para> is not allowed"),
        ("no-md-folder.xml",
         '<document><meta><title>t</title></meta><body><markdown src="../x.md"/></body></document>',
         1, r"no-md-folder\.xml:1:\d+: error:"),
        ("missing-md.xml",
         '<document><meta><title>t</title></meta><body><markdown src="nothere.md"/></body></document>',
         3, r"missing-md\.xml:1:\d+: error: cannot read"),
        ("not-xml.xml", "<document><meta>", 1, r"not-xml\.xml:1:11: error: <meta> is never closed: write </meta>"),
        ("empty-title.xml",
         "<document><meta>\n<title> </title></meta><body><p>x</p></body></document>",
         1, r"empty-title\.xml:2:1: error: the document's <title> is empty"),
        ("long-paragraph.xml",
         "<document><meta><title>t</title></meta><body>\n<p>%s</p></body></document>"
         % ("w" * 40000), 1,
         r"long-paragraph\.xml:2:1: error: this block has 40000 bytes of text; at most 32768"),
        ("too-long.xml",
         "<document><meta><title>t</title></meta><body>%s</body></document>"
         % (("<p>%s</p>\n" % ("word " * 60)) * 9000), 1,
         r"too-long\.xml:\d+:1: error: the document is too long: more than 25000 lines"),
        ("many-elements.xml",
         "<document><meta><title>t</title></meta><body><p>%s</p></body></document>"
         % ("<b/>" * 100001), 1,
         r"many-elements\.xml:1:1: error: the document tree has more than 100000 elements"),
        ("many-cells.xml",
         "<document><meta><title>t</title></meta><body><table>%s</table></body></document>"
         % ("<tr>%s</tr>" % ("<td/>" * 60) * 500), 1,
         r"many-cells\.xml:1:\d+: error: the document is too long"),
        ("huge-md.xml",
         "<document><meta><title>t</title></meta><body><markdown>%s</markdown></body></document>"
         % ("word " * 20000), 1, r"huge-md\.xml:1:\d+: error: this Markdown block has"),
    ]
    for name, src, status, pattern in cases:
        path = os.path.join(TMP, name)
        with open(path, "w") as f:
            f.write(src)
        p = run([BIN, "typeset", path, "-o", out,
                 "--templates", os.path.join(SRC, "templates"),
                 "--markdown-dir", CASES])
        if p.returncode != status or not re.search(pattern, p.stderr):
            fail("errors %s: exit %d: %s" % (name, p.returncode, p.stderr))
        if open(out, "rb").read() != b"old contents":
            fail("errors %s: the existing output was changed" % name)
        if os.listdir(os.path.dirname(out)) != ["letter.pdf"]:
            fail("errors %s: left %s" % (name, os.listdir(os.path.dirname(out))))
    # A character no font has is a warning at its block, not an error; a
    # link's quote, backslash and brackets reach the annotation
    # percent-encoded (a PDF URI is 7-bit ASCII).
    odd = write_tree("odd.xml", '<p>Plain.</p>\n<p>\U00012000\U00012001 text</p>'
                     '<p><a href="https://example.org/it\'s\\here()">odd link</a></p>')
    pdf = os.path.join(TMP, "odd.pdf")
    p, _ = typeset(odd, pdf)
    if p.returncode != 0 or not re.search(
            r"odd\.xml:2:1: warning: 2 characters in this block have no glyph", p.stderr):
        fail("errors odd: exit %d: %s" % (p.returncode, p.stderr))
    else:
        uris = [v["/A"]["/URI"] for v in qpdf_objects(pdf).values()
                if isinstance(v, dict) and v.get("/Subtype") == "/Link"]
        if [u[2:] if u.startswith("u:") else u for u in uris] != \
                ["https://example.org/it%27s%5Chere%28%29"]:
            fail("errors odd: link %r" % uris)
    # A folder that cannot be written: exit 3, nothing left.
    ro = os.path.join(TMP, "ro")
    os.makedirs(ro)
    os.chmod(ro, 0o500)
    if os.access(ro, os.W_OK):
        print("errors: running as root, the read-only folder case is skipped")
    else:
        p, _ = typeset(os.path.join(CASES, "every-node.xml"),
                       os.path.join(ro, "x.pdf"))
        if p.returncode != 3 or os.listdir(ro):
            fail("errors read-only: exit %d, left %s" % (p.returncode, os.listdir(ro)))
    os.chmod(ro, 0o700)


CASES_RUN = {
    "every-node": case_every_node,
    "style": case_style,
    "hostile-word": case_hostile_word,
    "hostile-cell": case_hostile_cell,
    "hostile-items": case_hostile_items,
    "keeps": case_keeps,
    "markdown": case_markdown,
    "errors": case_errors,
}

if __name__ == "__main__":
    try:
        CASES_RUN[CASE]()
    finally:
        if not FAILS:
            shutil.rmtree(TMP, ignore_errors=True)
    if FAILS:
        print("%d failure(s); files kept in %s" % (len(FAILS), TMP))
        sys.exit(1)
    print("ok: " + CASE)
