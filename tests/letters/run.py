#!/usr/bin/env python3
"""Letters of findings: what the reader of the PDF sees.

usage: run.py FINDINGS SOURCE_DIR GROUP

GROUP is one of:
  text      every example letter at every stage: title, the letterhead
            then the date, every
            addressee, the framework's own terms and not another's, the
            signatories, the statement-of-action deadline, the marks of
            the stage (pdftotext -layout, pdfinfo), as expect/NAME.json
            says for examples/NAME.xml; an example with a letter and no
            expectations is a failure
  privacy   a case reference, email address or date of birth from the
            evidence, planted in a finding or a case study title, stops
            the final letter (exit 1, no file, an existing file untouched,
            the message names the string and the finding) but not a draft
  hostile   raw HTML, javascript: links, {{area}} in a finding, Markdown in
            names: all print as text or not at all, and the PDF links only
            where a template does
  sandbox   the XSLT step: our date functions; stylesheets that read
            outside the templates, write files, reach the network, carry a
            DOCTYPE, recurse without end, meet an element they do not know
            or a bad date: each an error, exit 1, nothing written
  images    reference page images (pdftoppm -r 40 -gray) of each letter at
            draft and final, compared with a tolerance; `cmake --build
            build --target regen` rewrites them for review
  build     findings build over the examples with -j 2: every letter, named
            from the ref, the same bytes as -j 1 and as two renders
  modelled  letters modelled on published ones (modelled/NAME.xml): the
            final letter prints NAME.lines line for line from its first
            line (a line of the file may wrap over several of the page,
            never share one), dated as recorded, whether the date comes
            from a final revision or from <actual milestone=
            "pre-publication">, rendered with a logo for every
            inspectorate as the published letter has them, so that its
            letterhead prints Ofsted's lines alone as text

Only the standard library: the reference images are PNG files this script
writes and reads itself.
"""

import json
import os
import re
import shutil
import subprocess
import struct
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
import fdtest  # noqa: E402

FINDINGS = None
SRC = None
FAILURES = fdtest.FAILURES
fail = fdtest.fail

# What each example's letter must show, and must not: expect/NAME.json
# beside this file, one an example (examples/NAME.xml). Dates were counted
# by hand from the working-day rules (weekends and England and Wales bank
# holidays skipped): 70 working days after publication (tlai-2016) or
# after the pre-publication letter is sent (the joint frameworks). Keys:
# title, roles (the addressees' leader roles, in order), fieldwork,
# dates (the letter's date at draft and final), embargo, deadline (the
# statement of action's), own (the framework's own terms, which must
# appear) and not (regular expressions of other frameworks' terms, which
# must not).
def load_examples():
    d = os.path.join(os.path.dirname(os.path.abspath(__file__)), "expect")
    out = {}
    for f in sorted(os.listdir(d)):
        if f.endswith(".json"):
            with open(os.path.join(d, f), encoding="utf-8") as g:
                out[f[:-5]] = json.load(g)
    if not out:
        raise SystemExit("no expectations in %s" % d)
    return out


EXAMPLES = load_examples()

STAGES = ["draft", "factual-accuracy", "pre-publication", "final"]


run = fdtest.run


def example(name):
    return os.path.join(SRC, "examples", name + ".xml")


def render(src, out, stage="draft", extra=()):
    return run([FINDINGS, "render", src, "--stage", stage, "-o", out]
               + list(extra))


def pdf_text(pdf):
    """pdftotext -layout without running heads and feet, joined into one
    line so that a phrase wrapped across lines or pages still matches."""
    r = run(["pdftotext", "-layout", pdf, "-"])
    lines = [l for l in r.stdout.splitlines()
             if not re.search(r"Page \d+ of \d+", l)
             and l.strip() not in ("OFFICIAL-SENSITIVE",
                                   "Draft for factual accuracy check: "
                                   "not for publication")
             and not l.strip().startswith("Embargoed until")]
    text = "\n".join(lines)
    # A paragraph number in the margin (draft stages) is not text.
    text = re.sub(r"(?m)^[ \t]*\d+\.[ \t]{2,}(?=\S)", " ", text)
    text = re.sub(r"-\n\s*", "-", text)
    return re.sub(r"\s+", " ", text).strip(), r.stdout


def pdf_info(pdf):
    r = run(["pdfinfo", pdf])
    info = {}
    for line in r.stdout.splitlines():
        if ":" in line:
            k, v = line.split(":", 1)
            info[k.strip()] = v.strip()
    return info


def addressee_lines(name, roles):
    root = ET.parse(example(name)).getroot()
    lines = []
    for role in roles:
        for agency in root.find("agencies"):
            for leader in agency.findall("leader"):
                if leader.get("role") == role:
                    lines.append("%s, %s, %s" % (leader.get("name"),
                                                 leader.get("title"),
                                                 agency.get("name")))
    others = []
    for agency in root.find("agencies"):
        for leader in agency.findall("leader"):
            if leader.get("role") not in roles:
                others.append(leader.get("name"))
    return lines, others, root


# -------------------------------------------------------------------------

def group_text(tmp):
    # Every example that has a letter has its expectations.
    for f in sorted(os.listdir(os.path.join(SRC, "examples"))):
        if not f.endswith(".xml"):
            continue
        fw = ET.parse(example(f[:-4])).getroot().get("framework")
        if os.path.exists(os.path.join(SRC, "templates", fw, "letter.xsl")) \
                and f[:-4] not in EXAMPLES:
            fail("%s: no tests/letters/expect/%s.json" % (f, f[:-4]))
    for name, exp in EXAMPLES.items():
        lines, others, root = addressee_lines(name, exp["roles"])
        if not lines:
            fail("%s: the test found no addressees to look for" % name)
        for stage in STAGES:
            pdf = os.path.join(tmp, "%s-%s.pdf" % (name, stage))
            r = render(example(name), pdf, stage)
            where = "%s at %s" % (name, stage)
            if r.returncode != 0 or not os.path.exists(pdf):
                fail("%s: exit %d: %s" % (where, r.returncode, r.stderr))
                continue
            text, raw = pdf_text(pdf)
            info = pdf_info(pdf)
            if info.get("Title") != exp["title"]:
                fail("%s: PDF title %r" % (where, info.get("Title")))
            if exp["title"] not in text:
                fail("%s: no title line" % where)
            for line in lines:
                if line not in text:
                    fail("%s: no addressee line %r" % (where, line))
            for other in others:
                if other + "," in text:
                    fail("%s: %r is not an addressee" % (where, other))
            date = exp["dates"]["final" if stage in ("pre-publication",
                                                     "final") else "draft"]
            # The letterhead (tests/letterhead says what it holds), then
            # the date.
            head = "Ofsted "
            tail = "enquiries@ofsted.gov.uk www.gov.uk/ofsted "
            if not text.startswith(head) or tail not in text:
                fail("%s: no letterhead: %r" % (where, text[:60]))
            body = text.split(tail, 1)[-1]
            if not body.startswith(date + " "):
                fail("%s: the letter is not dated %s: %r" %
                     (where, date, body[:40]))
            if exp["fieldwork"] not in text:
                fail("%s: no opening %r" % (where, exp["fieldwork"]))
            for want in exp["own"]:
                if want not in text:
                    fail("%s: no %r" % (where, want))
            for bad in exp["not"]:
                m = re.search(bad, text)
                if m:
                    fail("%s: another framework's term %r" %
                         (where, m.group(0)))
            check_signatures(where, pdf, raw, root)
            if exp["deadline"] not in text:
                fail("%s: no deadline %r" % (where, exp["deadline"]))
            if "{{" in text or "}}" in text:
                fail("%s: a placeholder was left unfilled" % where)
            check_marks(where, stage, raw, exp)


def check_signatures(where, pdf, raw, root):
    """Each signatory's name, title and inspectorate as a block (the text
    in reading order), and two side by side on a line of the page."""
    plain = re.sub(r"\s+", " ", run(["pdftotext", pdf, "-"]).stdout)
    sigs = list(root.find("signatories"))
    for sig in sigs:
        if "%s %s" % (sig.get("name"), sig.get("title")) not in plain:
            fail("%s: no signatory %s, %s" %
                 (where, sig.get("name"), sig.get("title")))
    if len(sigs) >= 2:
        pair = r"(?m)^\s*%s\s{2,}%s\s*$" % (re.escape(sigs[0].get("name")),
                                           re.escape(sigs[1].get("name")))
        if not re.search(pair, raw):
            fail("%s: the signatures are not side by side" % where)
    if len(sigs) == 4:
        pair = r"(?m)^\s*%s\s{2,}%s\s*$" % (re.escape(sigs[2].get("name")),
                                           re.escape(sigs[3].get("name")))
        if not re.search(pair, raw):
            fail("%s: the signatures are not two by two" % where)


def check_marks(where, stage, raw, exp):
    numbered = re.search(r"(?m)^\s*1\.\s+Between ", raw) is not None
    marked = "OFFICIAL-SENSITIVE" in raw
    fa = "Draft for factual accuracy check: not for publication" in raw
    embargo = exp["embargo"] in raw
    want = {
        "draft": (True, True, False, False),
        "factual-accuracy": (True, True, True, False),
        "pre-publication": (False, False, False, True),
        "final": (False, False, False, False),
    }[stage]
    got = (numbered, marked, fa, embargo)
    names = ("numbered paragraphs", "OFFICIAL-SENSITIVE",
             "the factual accuracy notice", "the embargo line")
    for n, w, g in zip(names, want, got):
        if w != g:
            fail("%s: %s %s" % (where, n, "missing" if w else "present"))
    if stage == "final" and re.search(r"(?i)\bdraft\b", raw):
        fail("%s: the final letter says draft" % where)


# -------------------------------------------------------------------------

def plant(tmp, name, edits):
    src = open(example("jtai-2019-northshire"), encoding="utf-8").read()
    for old, new in edits:
        if old not in src:
            raise SystemExit("test bug: %r is not in the example" % old)
        src = src.replace(old, new, 1)
    path = os.path.join(tmp, name + ".xml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(src)
    return path


def group_privacy(tmp):
    s1 = "Thresholds are well understood, information is shared quickly"
    cases = [
        # A case reference from record ev-005 in a strength.
        ("case-ref", "NS-48213", "s-1",
         [(s1, "Thresholds are well understood (NS-48213), information is "
           "shared quickly")]),
        # In a case study's title, which only the rendered text shows.
        ("case-ref-title", "NS-48213", "cs-1",
         [('title="Responding to a disclosure at school"',
           'title="Responding to a disclosure at school (NS-48213)"')]),
        # An email address in an evidence record, repeated in a strength.
        ("email", "jo.quigley@example.org", "s-1",
         [("Thresholds are clear, well understood and consistently applied",
           "Thresholds (raised by jo.quigley@example.org) are clear, well "
           "understood and consistently applied"),
          (s1, "Thresholds are well understood (ask jo.quigley@example.org),"
           " information is shared quickly")]),
        # A date of birth in an evidence record, repeated in a strength.
        ("dob", "14/02/2008", "s-1",
         [("Thresholds are clear, well understood and consistently applied",
           "For the girl (date of birth 14/02/2008), thresholds are clear, "
           "well understood and consistently applied"),
          (s1, "Thresholds are well understood (for the girl born "
           "14/02/2008), information is shared quickly")]),
    ]
    for name, term, finding, edits in cases:
        src = plant(tmp, name, edits)
        out = os.path.join(tmp, name + "-final.pdf")
        with open(out, "w") as f:
            f.write("an older letter")
        r = render(src, out, "final")
        if r.returncode != 1:
            fail("privacy %s: final exit %d, not 1" % (name, r.returncode))
        if open(out, encoding="utf-8", errors="replace").read() != \
                "an older letter":
            fail("privacy %s: the existing output was touched" % name)
        if term not in r.stderr or finding not in r.stderr:
            fail("privacy %s: the message does not name %r and %r: %s" %
                 (name, term, finding, r.stderr))
        if not re.search(r"^%s:\d+:\d+: error: " % re.escape(src),
                         r.stderr, re.M):
            fail("privacy %s: no FILE:LINE:COL error: %s" % (name, r.stderr))
        out2 = os.path.join(tmp, name + "-new.pdf")
        r = render(src, out2, "final")
        if r.returncode != 1 or os.path.exists(out2):
            fail("privacy %s: final wrote a file" % name)
        draft = os.path.join(tmp, name + "-draft.pdf")
        r = render(src, draft, "draft")
        if r.returncode != 0 or not os.path.exists(draft):
            fail("privacy %s: the draft was refused: %s" % (name, r.stderr))


# -------------------------------------------------------------------------

HOSTILE_FINDING = """Leaders &lt;script&gt;alert("pwned")&lt;/script&gt; know \
[click me](javascript:alert(1)) and [local](file:///etc/passwd) and {{area}} \
and &lt;b&gt;bold&lt;/b&gt; and **strong** and _emphasis_ well.

      &lt;div&gt;
      raw block
      &lt;/div&gt;

      - a list item with a [real link](https://www.gov.uk/)
      - and ![an image](http://evil.example/x.png)"""


def group_hostile(tmp):
    src = plant(tmp, "hostile", [
        ("Leaders in the local authority and the safeguarding partnership "
         "know their services\n      well.", HOSTILE_FINDING),
        ('name="Helen Marchbank"',
         'name="Helen *Stars* [x](y) {{area}} Marchbank"'),
        # Both kinds of quote in a stylesheet parameter, markup in a
        # placeholder value.
        ("<area>Northshire</area>",
         "<area>Saint \"Mary's\" &lt;Bay&gt; &amp; {{theme}} *x* "
         "[y](z)</area>"),
        ('name="Northshire County Council"',
         'name="Northshire *County* [Council](http://evil.example/) '
         '{{area}}"'),
    ])
    for stage in ("draft", "final"):
        pdf = os.path.join(tmp, "hostile-%s.pdf" % stage)
        r = render(src, pdf, stage)
        if r.returncode != 0:
            fail("hostile at %s: exit %d: %s" % (stage, r.returncode,
                                                 r.stderr))
            continue
        text, raw = pdf_text(pdf)
        area = "Saint \"Mary's\" <Bay> & {{theme}} *x* [y](z)"
        if text.count(area) < 3:
            fail("hostile at %s: the area does not print as written" % stage)
        if not pdf_info(pdf).get("Title", "").endswith(" in " + area):
            fail("hostile at %s: the PDF title %r" %
                 (stage, pdf_info(pdf).get("Title")))
        for want in ["Helen *Stars* [x](y) {{area}} Marchbank, Director of "
                     "Children's Services, Northshire *County* "
                     "[Council](http://evil.example/) {{area}}",
                     "and {{area}} and",
                     "Northshire *County* [Council](http://evil.example/) "
                     "{{area}} should prepare a written statement",
                     "Northshire *County* [Council](http://evil.example/) "
                     "{{area}}: Schools play",
                     "know click me and local and",
                     "and bold and strong and emphasis well",
                     "a list item with a real link", "an image"]:
            if want not in text:
                fail("hostile at %s: %r does not print as text" %
                     (stage, want))
        for bad in ["<script", "</script", "<b>", "<div", "raw block",
                    "javascript", "**strong**", "_emphasis_", "Northshire "
                    "Northshire"]:
            if bad in text:
                fail("hostile at %s: %r reached the page" % (stage, bad))
        uris = pdf_uris(tmp, pdf)
        for u in uris:
            if not (u.startswith("https://www.gov.uk/") or
                    u == "mailto:ProtectionOfChildren@ofsted.gov.uk"):
                fail("hostile at %s: a link to %r" % (stage, u))
        if "https://www.gov.uk/" not in uris:
            fail("hostile at %s: the real link is not live" % stage)


def pdf_uris(tmp, pdf):
    qdf = os.path.join(tmp, "qdf.pdf")
    r = run(["qpdf", "--qdf", "--object-streams=disable", pdf, qdf])
    if r.returncode not in (0, 3):
        fail("qpdf cannot read %s: %s" % (pdf, r.stderr))
        return []
    data = open(qdf, "rb").read().decode("latin-1")
    return re.findall(r"/URI \((.*?)\)", data)


# -------------------------------------------------------------------------

SANDBOX = {
    "read-outside": ("""<xsl:template match="/">
  <document><meta><title><xsl:value-of select="document('/etc/passwd')"/>
  </title></meta><body/></document></xsl:template>""",
                     "outside the templates folder|read .* refused|denied"),
    "write-file": ("""<xsl:template match="/">
  <xsl:document href="{OUT}" method="text">pwned</xsl:document>
  <document><meta><title>x</title></meta><body/></document>
</xsl:template>""", "refused|denied|forbidden"),
    "network": ("""<xsl:template match="/">
  <document><meta><title><xsl:value-of
    select="document('http://localhost:9/x.xml')"/></title></meta><body/>
  </document></xsl:template>""", "refused|denied|outside"),
    "recursion": ("""<xsl:template match="/"><xsl:call-template name="r"/>
</xsl:template>
<xsl:template name="r"><xsl:call-template name="r"/></xsl:template>""",
                  "recursion|depth"),
    "unknown-element": ("""<xsl:import href="../common/common.xsl"/>
<xsl:template match="/"><xsl:apply-templates select="inspection/area"/>
</xsl:template>""", r"jtai-2019-northshire.xml:{AREA}:3: error: the "
                    r"stylesheet does not know the element <area> in "
                    r"<inspection>"),
}


def group_sandbox(tmp):
    templates = os.path.join(tmp, "templates")
    shutil.copytree(os.path.join(SRC, "templates"), templates)
    letter = os.path.join(templates, "jtai-2019", "letter.xsl")
    lines = open(example("jtai-2019-northshire"), encoding="utf-8").readlines()
    area = 1 + [i for i, l in enumerate(lines) if "<area>" in l][0]
    for name, (body, expect) in SANDBOX.items():
        expect = expect.replace("{AREA}", str(area))
        written = os.path.join(tmp, name + "-written.txt")
        with open(letter, "w", encoding="utf-8") as f:
            f.write('<xsl:stylesheet version="1.1" xmlns:xsl='
                    '"http://www.w3.org/1999/XSL/Transform">\n%s\n'
                    '</xsl:stylesheet>\n' % body.replace("{OUT}", written))
        out = os.path.join(tmp, name + ".pdf")
        r = run([FINDINGS, "render", example("jtai-2019-northshire"),
                 "--templates", templates, "-o", out])
        if r.returncode != 1:
            fail("sandbox %s: exit %d, not 1: %s" % (name, r.returncode,
                                                     r.stderr))
        if os.path.exists(out) or os.path.exists(written):
            fail("sandbox %s: a file was written" % name)
        if not re.search(expect, r.stderr):
            fail("sandbox %s: message %r does not match %r" %
                 (name, r.stderr, expect))
    # Our extension functions: dates as people read them, working days
    # over Christmas 2019 (25 and 26 December are bank holidays).
    with open(letter, "w", encoding="utf-8") as f:
        f.write("""<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:fd="urn:findings:xslt" exclude-result-prefixes="fd">
<xsl:template match="/"><document><meta><title>
<xsl:value-of select="fd:date(fd:add-working-days('2019-12-20', 3))"/>;
<xsl:value-of select="fd:weekday(fd:add-days('2019-12-20', -1))"/>;
<xsl:value-of select="fd:date(fd:add-working-days('2019-12-27', -1))"/>
</title></meta><body/></document></xsl:template></xsl:stylesheet>""")
    out = os.path.join(tmp, "functions.xml")
    r = run([FINDINGS, "render", example("jtai-2019-northshire"),
             "--templates", templates, "-o", out])
    got = re.sub(r"\s+", " ", open(out, encoding="utf-8").read()) \
        if r.returncode == 0 else r.stderr
    if "<title>27 December 2019; Thursday; 24 December 2019</title>" \
            not in got:
        fail("sandbox functions: %s" % got)
    with open(letter, "w", encoding="utf-8") as f:
        f.write("""<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:fd="urn:findings:xslt">
<xsl:template match="/"><document><meta><title>
<xsl:value-of select="fd:date('2019-02-30')"/></title></meta><body/>
</document></xsl:template></xsl:stylesheet>""")
    r = run([FINDINGS, "render", example("jtai-2019-northshire"),
             "--templates", templates, "-o", out + "2"])
    if r.returncode != 1 or "letter.xsl:5: error: fd:date(): '2019-02-30' " \
            "is not a date" not in r.stderr:
        fail("sandbox bad date: %d %s" % (r.returncode, r.stderr))
    # A data file with a DOCTYPE and an entity.
    shutil.copy(os.path.join(SRC, "templates", "jtai-2019", "letter.xsl"),
                letter)
    data = os.path.join(templates, "jtai-2019", "letter-data.xml")
    src = open(data, encoding="utf-8").read()
    src = src.replace('<letters framework="jtai-2019">',
                      '<!DOCTYPE letters [<!ENTITY x SYSTEM '
                      '"file:///etc/passwd">]>\n<letters '
                      'framework="jtai-2019">&x;', 1)
    with open(data, "w", encoding="utf-8") as f:
        f.write(src)
    out = os.path.join(tmp, "doctype.pdf")
    r = run([FINDINGS, "render", example("jtai-2019-northshire"),
             "--templates", templates, "-o", out])
    if r.returncode != 1 or os.path.exists(out) or \
            "DOCTYPE" not in r.stderr or "root:" in r.stderr:
        fail("sandbox doctype: exit %d: %s" % (r.returncode, r.stderr))


# -------------------------------------------------------------------------

def group_images(tmp):
    refdir = os.path.join(SRC, "tests", "letters", "ref")
    for name in EXAMPLES:
        for stage in ("draft", "final"):
            pdf = os.path.join(tmp, "%s-%s.pdf" % (name, stage))
            r = render(example(name), pdf, stage)
            if r.returncode != 0:
                fail("images %s %s: %s" % (name, stage, r.stderr))
                continue
            base = "%s-%s" % (name, stage)
            fdtest.compare_document("images " + base, pdf, tmp, refdir, base,
                                    fdtest.PIXELS)


# -------------------------------------------------------------------------

def group_build(tmp):
    inputs = sorted(os.path.join(SRC, "examples", f)
                    for f in os.listdir(os.path.join(SRC, "examples"))
                    if f.endswith(".xml"))
    outs = {}
    for jobs in ("1", "2"):
        out = os.path.join(tmp, "out-j" + jobs)
        r = run([FINDINGS, "build", "-j", jobs, "-d", out] + inputs)
        if r.returncode != 0:
            fail("build -j %s: exit %d: %s" % (jobs, r.returncode, r.stderr))
        outs[jobs] = out
    for name in EXAMPLES:
        ref = ET.parse(example(name)).getroot().get("ref")
        f1 = os.path.join(outs["1"], ref + "-letter.pdf")
        f2 = os.path.join(outs["2"], ref + "-letter.pdf")
        if not os.path.exists(f2):
            fail("build: no %s" % f2)
            continue
        if open(f1, "rb").read() != open(f2, "rb").read():
            fail("build: %s differs between -j 1 and -j 2" % f2)
        r = run(["qpdf", "--check", f2])
        if r.returncode != 0:
            fail("build: qpdf --check %s: %s" % (f2, r.stdout))
        # build renders the letter at the stage of the last revision.
        stage = [rv.get("stage") for rv in
                 ET.parse(example(name)).getroot().find("history")][-1]
        single = os.path.join(tmp, ref + "-single.pdf")
        render(example(name), single, stage)
        if open(single, "rb").read() != open(f2, "rb").read():
            fail("build: %s is not what render gives at %s" % (f2, stage))
        again = os.path.join(tmp, ref + "-again.pdf")
        render(example(name), again, stage)
        if open(single, "rb").read() != open(again, "rb").read():
            fail("render: %s twice gives different bytes" % name)
    # Every file is a document of templates/*/documents.xml, named from
    # a ref, with the extension the list gives it.
    listed = set()
    for fw in os.listdir(os.path.join(SRC, "templates")):
        path = os.path.join(SRC, "templates", fw, "documents.xml")
        if os.path.exists(path):
            listed |= {(d.get("name"), d.get("ext"))
                       for d in ET.parse(path).getroot().iter("document")}
    names = "|".join(sorted({re.escape(n) for n, _ in listed}))
    exts = "|".join(sorted({re.escape(e) for _, e in listed}))
    stray = [f for f in os.listdir(outs["2"]) if not re.match(
        r"^[A-Za-z0-9._-]+-(%s)(-[A-Za-z0-9._-]+)?\.(%s)$" % (names, exts),
        f)]
    if stray:
        fail("build: files not named from a ref: %s" % stray)
    # What build writes is its job list (build --list), file for file.
    r = run([FINDINGS, "build", "--list"] + inputs)
    listed = {l.split("\t")[0] for l in r.stdout.splitlines() if l}
    written = set(os.listdir(outs["2"]))
    if r.returncode != 0 or not listed or listed != written:
        fail("build: --list %s, written %s" % (
            sorted(listed - written), sorted(written - listed)))


def page_lines(pdf):
    """The lines pdftotext gives, without the running marks and footer."""
    r = run(["pdftotext", "-enc", "UTF-8", pdf, "-"])
    return [l.strip() for l in r.stdout.replace("\f", "\n").splitlines()
            if l.strip() and not re.fullmatch(r"Page \d+ of \d+", l.strip())
            and l.strip() != "OFFICIAL-SENSITIVE"]


def match_lines(where, got, want):
    """Each wanted line is one or more whole lines of the page, in order,
    from the first line of the page."""
    i = 0
    for n, line in enumerate(want, 1):
        joined = ""
        while i < len(got) and len(joined) < len(line):
            joined = (joined + " " + got[i]).strip()
            i += 1
            if not line.startswith(joined):
                break
        if joined != line:
            fail("%s: line %d is %r, the letter prints %r" %
                 (where, n, line, joined))
            return


def logo_style(tmp):
    """A copy of gov-uk.xml with a logo for each inspectorate: a PNG of a
    coloured square, 60 pixels a side, made here (none is shipped)."""
    d = os.path.join(tmp, "logo-style")
    os.makedirs(d, exist_ok=True)
    shutil.copy(os.path.join(SRC, "styles", "fonts.conf"), d)
    s = open(os.path.join(SRC, "styles", "gov-uk.xml"),
             encoding="utf-8").read()
    for i, rgb in (("ofsted", (74, 46, 130)), ("cqc", (0, 112, 60)),
                   ("hmic", (29, 112, 184)), ("hmicfrs", (29, 112, 184)),
                   ("hmi-probation", (212, 53, 28))):
        raw = (b"\x00" + bytes(rgb) * 60) * 60
        def chunk(kind, data):
            c = struct.pack(">I", len(data)) + kind + data
            return c + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
        png = (b"\x89PNG\r\n\x1a\n" +
               chunk(b"IHDR", struct.pack(">IIBBBBB", 60, 60, 8, 2, 0, 0, 0)) +
               chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
        open(os.path.join(d, i + ".png"), "wb").write(png)
        s = s.replace('<inspectorate id="%s"' % i,
                      '<inspectorate id="%s" logo="%s.png"' % (i, i), 1)
    path = os.path.join(d, "gov-uk.xml")
    open(path, "w", encoding="utf-8").write(s)
    return path


def group_modelled(tmp):
    here = os.path.join(SRC, "tests", "letters", "modelled")
    names = sorted(f[:-4] for f in os.listdir(here) if f.endswith(".xml"))
    if not names:
        fail("modelled: no cases")
    for name in names:
        src = os.path.join(here, name + ".xml")
        with open(os.path.join(here, name + ".lines"), encoding="utf-8") as f:
            want = [l.rstrip("\n") for l in f if l.strip()]
        with open(src, encoding="utf-8") as f:
            text = f.read()
        # The same letter dated by what happened instead of the history.
        m = re.search(r'<revision n="(\d+)" stage="final" date="([\d-]+)"[^>]*>'
                      r'[^<]*</revision>', text)
        variants = [("final revision", src)]
        if m:
            alt = os.path.join(tmp, name + "-actual.xml")
            with open(alt, "w", encoding="utf-8") as f:
                f.write(text.replace(m.group(0), "").replace(
                    "</calendar>", '<actual milestone="pre-publication" '
                    'date="%s"/></calendar>' % m.group(2)))
            variants.append(("actual pre-publication", alt))
        # The published letter's letterhead: the four inspectorates'
        # logos (pictures here, no text) and Ofsted's lines.
        style = logo_style(tmp)
        for how, path in variants:
            where = "%s (%s)" % (name, how)
            pdf = os.path.join(tmp, name + ".pdf")
            r = render(path, pdf, "final", ["--style", style])
            if r.returncode != 0 or not os.path.exists(pdf):
                fail("%s: exit %d: %s" % (where, r.returncode, r.stderr))
                continue
            match_lines(where, page_lines(pdf), want)
            os.unlink(pdf)


def main():
    global FINDINGS, SRC
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    FINDINGS, SRC, group = sys.argv[1:]
    os.environ["LC_ALL"] = "C.UTF-8"
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    groups = {"text": group_text, "privacy": group_privacy,
              "hostile": group_hostile, "sandbox": group_sandbox,
              "images": group_images, "build": group_build,
              "modelled": group_modelled}
    with tempfile.TemporaryDirectory() as tmp:
        groups[group](tmp)
    if FAILURES:
        print("%d failure(s)" % len(FAILURES))
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
