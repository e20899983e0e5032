#!/usr/bin/python3
"""The HTML editions (findings render --doc letter|report -o X.html) and the
HTML parts of the notification emails, as their readers get them.

    run.py FINDINGS SRCDIR structure|axe

structure: every example's published document at every stage as HTML:
    one self-contained HTML5 file (lang, one h1, main, headings never
    skipping a level, no script, no style sheet or image fetched), the
    numbered paragraphs as ordered lists at the stages that number them,
    the addressees and signatories as lists, every table captioned and
    every th scoped, the draft's status in the banner; the privacy gate
    applied (a planted case reference at the final stage writes nothing);
    an extension a document cannot be written as is a usage error (exit
    2) naming those it can; the email's HTML part with one h1 and main.
axe: axe-core in Debian's Chromium (axe.js) over the same pages, every
    rule, best practice included, must find nothing. Skipped, saying so,
    only when /usr/bin/chromium is absent.
"""
import email
import email.policy
import glob
import html.parser
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

FINDINGS, SRC, GROUP = sys.argv[1], sys.argv[2], sys.argv[3]
HERE = os.path.dirname(os.path.abspath(__file__))
ENV = dict(os.environ, LC_ALL="C.UTF-8", SOURCE_DATE_EPOCH="1575158400")
STAGES = ("draft", "factual-accuracy", "pre-publication", "final")
CHROMIUM = "/usr/bin/chromium"
fails = []


def fail(what, msg):
    fails.append("%s: %s" % (what, msg))


def run(args):
    return subprocess.run(args, env=ENV, capture_output=True, text=True)


def published(example):
    """The published documents of the example's framework."""
    fw = ET.parse(example).getroot().get("framework")
    docs = ET.parse(os.path.join(SRC, "templates", fw, "documents.xml"))
    root = ET.parse(example).getroot()
    return [d.get("name") for d in docs.getroot()
            if d.get("published") == "yes" and
            (d.get("when") is None or root.find(d.get("when")) is not None)]


def doc_args(example, doc):
    """--doc, and --id of the first element a document is made for each of
    (the acknowledgement of a complaint)."""
    fw = ET.parse(example).getroot().get("framework")
    docs = ET.parse(os.path.join(SRC, "templates", fw, "documents.xml"))
    each = [d.get("each") for d in docs.getroot() if d.get("name") == doc][0]
    if each in (None, "recipient"):
        return ["--doc", doc]
    ids = [e.get("id") for g in ET.parse(example).getroot() for e in g
           if e.tag == each]
    return ["--doc", doc, "--id", ids[0]] if ids else ["--doc", doc]


class Page(html.parser.HTMLParser):
    """What the checks look at in a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []           # (tag, attrs) in order
        self.headings = []       # levels in order
        self.stack = []
        self.text = []
        self.banner = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag not in ("br", "meta", "link", "img", "input", "hr"):
            self.stack.append((tag, a))

    def handle_endtag(self, tag):
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break

    def handle_data(self, data):
        self.text.append(data)
        if any(t == "header" for t, _ in self.stack):
            self.banner.append(data)


def count(p, tag, **want):
    return sum(1 for t, a in p.tags if t == tag and
               all(a.get(k) == v for k, v in want.items()))


def check_page(name, s, tree=None, edition=True):
    p = Page()
    p.feed(s)
    if not s.startswith("<!DOCTYPE html>"):
        fail(name, "no HTML5 doctype")
    html_el = [a for t, a in p.tags if t == "html"]
    if not html_el or not html_el[0].get("lang"):
        fail(name, "no lang on <html>")
    if count(p, "h1") != 1:
        fail(name, "%d h1 elements, not one" % count(p, "h1"))
    if count(p, "main") != 1:
        fail(name, "%d main elements, not one" % count(p, "main"))
    last = 0
    for lv in p.headings:
        if lv > last + 1:
            fail(name, "h%d after h%d" % (lv, last))
            break
        last = lv
    for t, a in p.tags:
        if t in ("script", "iframe", "object", "embed", "img", "video",
                 "audio", "form"):
            fail(name, "a <%s> element" % t)
        if "src" in a or any(k.startswith("on") for k in a):
            fail(name, "<%s> with %s" % (t, sorted(a)))
        if t == "link" and not (a.get("rel") == "icon" and
                                a.get("href", "").startswith("data:")):
            fail(name, "<link %s>" % a)
    if re.search(r"url\(|@import", s):
        fail(name, "the style fetches something")
    for t, a in p.tags:
        if t == "th" and a.get("scope") not in ("col", "row", "colgroup",
                                                "rowgroup"):
            fail(name, "a th without scope")
    if count(p, "table") != count(p, "caption"):
        fail(name, "%d tables, %d captions" % (count(p, "table"),
                                               count(p, "caption")))
    if tree is None:
        return p
    root = ET.parse(tree).getroot()
    page = root.find("page")
    numbered = page is not None and page.get("numbered-paragraphs") == "yes"
    ols = count(p, "ol", **{"class": "numbered"})
    if numbered and ols == 0:
        fail(name, "numbered paragraphs, but no ol.numbered")
    if not numbered and ols:
        fail(name, "an ol.numbered where the stage numbers nothing")
    lines = len(root.findall(".//address/line"))
    if lines:
        ul = [i for i, (t, a) in enumerate(p.tags)
              if t == "ul" and a.get("class") == "addressees"]
        if len(ul) != 1:
            fail(name, "no ul.addressees")
    sigs = len(root.findall(".//signatory"))
    got = count(p, "span", **{"class": "sig-name"})
    if sigs != got:
        fail(name, "%d signatories in the tree, %d in the list" % (sigs, got))
    if page is not None and page.get("watermark"):
        if page.get("watermark") not in "".join(p.banner):
            fail(name, "the draft's status is not in the banner")
    return p


def editions(tmp):
    pages = []
    for ex in sorted(glob.glob(os.path.join(SRC, "examples", "*.xml"))):
        base = os.path.basename(ex)[:-4]
        for doc in published(ex):
            for stage in STAGES:
                out = os.path.join(tmp, "%s-%s-%s.html" % (base, doc, stage))
                tree = out[:-5] + ".xml"
                r = run([FINDINGS, "render", ex] + doc_args(ex, doc) +
                        ["--stage", stage, "-o", out])
                if r.returncode != 0 or r.stderr:
                    fail(out, "exit %d: %s" % (r.returncode, r.stderr))
                    continue
                run([FINDINGS, "render", ex] + doc_args(ex, doc) +
                    ["--stage", stage, "-o", tree])
                with open(out, encoding="utf-8") as f:
                    check_page(out, f.read(), tree)
                again = out + ".again.html"
                run([FINDINGS, "render", ex] + doc_args(ex, doc) +
                    ["--stage", stage, "-o", again])
                if open(out, "rb").read() != open(again, "rb").read():
                    fail(out, "two runs give different bytes")
                os.unlink(again)
                pages.append(out)
    return pages


def overviews(tmp):
    """The HTML edition of the joint overview of each round of examples
    (jtai-2015 inspections sharing a theme)."""
    pages, by_theme = [], {}
    for ex in sorted(glob.glob(os.path.join(SRC, "examples", "*.xml"))):
        root = ET.parse(ex).getroot()
        theme = root.find("theme")
        if root.get("framework") == "jtai-2015" and theme is not None:
            by_theme.setdefault(theme.get("ref"), []).append(ex)
    for n, exs in enumerate(sorted(by_theme.values())):
        out = os.path.join(tmp, "overview-%d.html" % n)
        r = run([FINDINGS, "overview"] + exs + ["-o", out])
        if r.returncode != 0 or r.stderr:
            fail(out, "exit %d: %s" % (r.returncode, r.stderr))
            continue
        with open(out, encoding="utf-8") as f:
            check_page(out, f.read())
        pages.append(out)
    if not pages:
        fail("overview", "no round of the examples to overview")
    return pages


def emails(tmp):
    pages = []
    out = os.path.join(tmp, "build")
    exs = sorted(glob.glob(os.path.join(SRC, "examples", "*.xml")))
    r = run([FINDINGS, "build", "-d", out] + exs)
    if r.returncode != 0:
        fail("build", "exit %d: %s" % (r.returncode, r.stderr))
    for eml in sorted(glob.glob(os.path.join(out, "*.eml"))):
        with open(eml, "rb") as f:
            m = email.message_from_binary_file(f, policy=email.policy.default)
        part = m.get_body(("html",))
        if part is None:
            fail(eml, "no text/html part")
            continue
        name = eml[:-4] + ".html"
        s = part.get_content()
        with open(name, "w", encoding="utf-8") as f:
            f.write(s)
        check_page(name, s, edition=False)
        pages.append(name)
    if not pages:
        fail("emails", "no email was written")
    return pages


def usage(tmp):
    ex = os.path.join(SRC, "examples", "jtai-2019-northshire.xml")
    for doc, ext, names in (("letter", "odt", ".pdf, .html or .xml"),
                            ("trace", "csv", ".pdf or .xml"),
                            ("notification", "html", ".eml, .pdf or .xml")):
        out = os.path.join(tmp, "wrong-%s.%s" % (doc, ext))
        r = run([FINDINGS, "render", ex, "--doc", doc, "-o", out])
        if r.returncode != 2 or names not in r.stderr or os.path.exists(out):
            fail("usage", "%s as .%s: exit %d, %r" % (doc, ext, r.returncode,
                                                     r.stderr))


def privacy(tmp):
    """A case reference planted in a finding: the final edition is refused
    and nothing is written, as for the PDF."""
    ex = os.path.join(SRC, "examples", "jtai-2019-northshire.xml")
    with open(ex, encoding="utf-8") as f:
        s = f.read()
    s2 = s.replace("Thresholds are well understood",
                   "Thresholds are well understood (NS-48213)", 1)
    if s2 == s:
        fail("privacy", "the example no longer has the sentence to plant in")
        return
    src = os.path.join(tmp, "planted.xml")
    with open(src, "w", encoding="utf-8") as f:
        f.write(s2)
    out = os.path.join(tmp, "planted.html")
    r = run([FINDINGS, "render", src, "--doc", "letter", "--stage", "final",
             "-o", out])
    if r.returncode != 1 or "NS-48213" not in r.stderr or \
            os.path.exists(out):
        fail("privacy", "exit %d, %r, written: %s" % (
            r.returncode, r.stderr, os.path.exists(out)))


def main():
    tmp = tempfile.mkdtemp(prefix="html-")
    if GROUP == "axe" and not os.path.exists(CHROMIUM):
        print("SKIPPED: %s is absent, so axe-core cannot run "
              "(apt-get install chromium)" % CHROMIUM)
        return 77
    pages = editions(tmp) + overviews(tmp) + emails(tmp)
    if GROUP == "structure":
        usage(tmp)
        privacy(tmp)
    elif GROUP == "axe":
        if not os.path.exists(os.path.join(HERE, "node_modules", "axe-core")):
            fail("axe", "tests/html/node_modules is missing: run "
                 "scripts/install-deps.sh")
        else:
            r = subprocess.run(["node", os.path.join(HERE, "axe.js"),
                                CHROMIUM] + pages, capture_output=True,
                               text=True, timeout=600)
            print(r.stdout.strip().splitlines()[-1] if r.stdout else "")
            if r.returncode != 0:
                fail("axe", r.stdout + r.stderr)
    for f in fails:
        print("FAIL:", f)
    print("%d page(s), %d failure(s)%s" % (len(pages), len(fails),
          "; files kept in " + tmp if fails else ""))
    if not fails:
        shutil.rmtree(tmp)
    return 1 if fails else 0


sys.exit(main())
