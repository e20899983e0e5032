#!/usr/bin/env python3
"""After the letter: what the reader of each document sees.

usage: run.py FINDINGS SOURCE_DIR GROUP

GROUP is one of:
  text       the response to the statement of action and each complaint's
             acknowledgement of the examples: addressee, date, the
             statement's due date, the guidance's own sentences, the
             signatories, the agencies copied in (pdftotext), as
             expect/NAME-DOC.json says
  dates      dates counted by hand across bank holidays: a complaint's
             milestones over Christmas and the New Year (jtai-2019) and
             over none (jtai-2016), in the letter, the PDF and text
             timelines and the .ics; the statement of action due across
             Easter; slac-2009's 30 calendar days
  structure  qpdf --check, a tagged PDF with its title, embedded fonts, the
             same bytes twice, the HTML edition of the overview, the
             overview's PDF/UA-1 checkpoints (tests/pdfua/check.py)
  lint       hostile and broken input in <complaint> and
             <statement-of-action-review>, planted in the examples: each
             gives its diagnostic at the planted element's line, and
             errors exit 1 with nothing written
  overview   findings overview over a round made from the jtai-2016
             example: sections, counts, what recurs, order independent of
             the command line; different themes or frameworks, a framework
             without an overview, an inspection twice, a case reference
             in a finding: exit 1, no file, the message naming them
  build      findings build writes the documents after the letter when the
             inspection has what they need, and not otherwise
  images     reference page images (pdftoppm -r 40 -gray) of the
             response, an acknowledgement and the overview, with a
             tolerance; `cmake --build build --target regen` rewrites them
             for review
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
import fdtest  # noqa: E402

FINDINGS = None
SRC = None
FAILURES = fdtest.FAILURES


fail = fdtest.fail


run = fdtest.run


def example(name):
    return os.path.join(SRC, "examples", name + ".xml")


def pdf_text(pdf):
    """The text without page numbers, white space squeezed, so that a
    phrase wrapped across lines or pages still matches."""
    r = run(["pdftotext", "-layout", pdf, "-"])
    lines = [l for l in r.stdout.splitlines()
             if not re.search(r"Page \d+ of \d+", l)
             and l.strip() != "OFFICIAL-SENSITIVE"]
    return re.sub(r"\s+", " ", "\n".join(lines)).strip()


def render(src, out, doc, extra=()):
    return run([FINDINGS, "render", src, "--doc", doc, "-o", out] + list(extra))


def expect(where, text, phrases, absent=()):
    for p in phrases:
        if p not in text:
            fail("%s: does not print %r" % (where, p))
    for p in absent:
        if re.search(p, text):
            fail("%s: prints %r" % (where, p))


# -------------------------------------------------------------------------

PARA_99 = {
    "jtai-2016": "The lead inspector will review the action plan and prepare "
                 "a response on behalf of the inspectorates. All inspectorates "
                 "will agree the response before it is sent. The purpose of "
                 "this review is to confirm whether the action plan shows that "
                 "the local agencies have understood the strengths and areas "
                 "for development in the letter of findings.",
    "jtai-2019": "The lead inspector will review the action plan and prepare "
                 "a response on behalf of the inspectorates. All inspectorates "
                 "will agree the response before it is sent. The purpose of "
                 "this review is to confirm whether the action plan shows that "
                 "the local agencies have understood the strengths and areas "
                 "for improvement in the letter of findings.",
}

# What each document after the letter must say: expect/NAME-DOC.json
# beside this file for an example (examples/NAME.xml), DOC soa-response
# ({"fw", "phrases", "absent"}: the framework whose para 99 wording it
# carries, phrases it must show, regular expressions it must not) or
# complaint-acknowledgement-ID ({"phrases"}).
def load_expect():
    d = os.path.join(os.path.dirname(os.path.abspath(__file__)), "expect")
    responses, acks = {}, {}
    for f in sorted(os.listdir(d)):
        if not f.endswith(".json"):
            continue
        with open(os.path.join(d, f), encoding="utf-8") as g:
            exp = json.load(g)
        if f.endswith("-soa-response.json"):
            responses[f[:-len("-soa-response.json")]] = exp
            continue
        name, sep, cid = f[:-5].partition("-complaint-acknowledgement-")
        if not sep:
            raise SystemExit("%s: not NAME-soa-response.json or "
                             "NAME-complaint-acknowledgement-ID.json" % f)
        acks[(name, cid)] = exp["phrases"]
    if not responses or not acks:
        raise SystemExit("no expectations in %s" % d)
    return responses, acks


RESPONSES, ACKS = load_expect()


def group_text(tmp):
    for name, exp in RESPONSES.items():
        pdf = os.path.join(tmp, name + "-soa.pdf")
        r = render(example(name), pdf, "soa-response")
        if r.returncode != 0:
            fail("%s soa-response: %s" % (name, r.stderr))
            continue
        text = pdf_text(pdf)
        expect(name + " soa-response", text,
               exp["phrases"] + [PARA_99[exp["fw"]]], exp["absent"])
        # Copied to every cooperating agency, by its first leader.
        root = ET.parse(example(name)).getroot()
        soa = root.find("findings/statement-of-action")
        for aid in soa.get("cooperating").split():
            ag = root.find("agencies/agency[@id='%s']" % aid)
            lead = ag.find("leader")
            want = ag.get("name") if lead is None else lead.get("name")
            if want not in text.split("Copied to:")[-1]:
                fail("%s soa-response: %s not copied in" % (name, want))
    for (name, cid), phrases in ACKS.items():
        pdf = os.path.join(tmp, "%s-%s.pdf" % (name, cid))
        r = render(example(name), pdf, "complaint-acknowledgement",
                   ["--id", cid])
        if r.returncode != 0:
            fail("%s %s: %s" % (name, cid, r.stderr))
            continue
        expect("%s acknowledgement %s" % (name, cid), pdf_text(pdf), phrases,
               [r"\{\{", r"DRAFT"])
    # No procedure, no document: jtai-2015 says so and has none.
    src = example("jtai-2015-southvale")
    doc = open(src, encoding="utf-8").read().replace(
        "</inspection>", '<complaints><complaint id="cp-1" received="2016-01-15" '
        'from="la" about="outcome">A challenge.</complaint></complaints>\n</inspection>')
    p = os.path.join(tmp, "sv.xml")
    open(p, "w", encoding="utf-8").write(doc)
    r = run([FINDINGS, "check", p])
    if r.returncode != 0 or "describes no complaints procedure" not in r.stderr:
        fail("jtai-2015 complaint: %d %s" % (r.returncode, r.stderr))
    out = os.path.join(tmp, "sv-ack.pdf")
    r = render(p, out, "complaint-acknowledgement", ["--id", "cp-1"])
    if r.returncode != 1 or os.path.exists(out):
        fail("jtai-2015 acknowledgement: exit %d" % r.returncode)
    # Asked for without --id, or for a complaint that is not there.
    for extra, want in (([], "which complaint"),
                        (["--id", "nosuch"], "no complaint 'nosuch'")):
        out = os.path.join(tmp, "noid.pdf")
        r = render(example("jtai-2016-eastbridge"), out,
                   "complaint-acknowledgement", extra)
        if r.returncode != 1 or want not in r.stderr or os.path.exists(out):
            fail("acknowledgement %s: exit %d %s" % (extra, r.returncode, r.stderr))
    # A response with no review to respond to.
    out = os.path.join(tmp, "nosoa.pdf")
    r = render(example("jtai-2016-eastbridge").replace("eastbridge", "eastbridge"),
               out, "soa-response")
    src = open(example("jtai-2016-eastbridge"), encoding="utf-8").read()
    src = re.sub(r"<statement-of-action-review.*?</statement-of-action-review>",
                 "", src, flags=re.S)
    p = os.path.join(tmp, "noreview.xml")
    open(p, "w", encoding="utf-8").write(src)
    out = os.path.join(tmp, "noreview.pdf")
    r = render(p, out, "soa-response")
    if r.returncode != 1 or "nothing to respond to" not in r.stderr or \
            os.path.exists(out):
        fail("soa-response without a review: exit %d %s" % (r.returncode, r.stderr))


# -------------------------------------------------------------------------

# Counted by hand: working days skip weekends and England and Wales bank
# holidays (25, 26 December 2019 and 1 January 2020).
NORTHSHIRE_CP1 = [(0, "13 December 2019"), (5, "20 December 2019"),
                  (10, "31 December 2019"), (20, "15 January 2020"),
                  (22, "17 January 2020"), (25, "22 January 2020"),
                  (30, "29 January 2020")]
EASTBRIDGE_CP1 = [(0, "27 January 2017"), (5, "3 February 2017"),
                  (10, "10 February 2017"), (20, "24 February 2017"),
                  (22, "28 February 2017"), (25, "3 March 2017"),
                  (30, "10 March 2017")]


def group_dates(tmp):
    import datetime as dt
    for name, steps in (("jtai-2019-northshire", NORTHSHIRE_CP1),
                        ("jtai-2016-eastbridge", EASTBRIDGE_CP1)):
        # The acknowledgement's table and the timeline's rows, as the
        # document tree gives them to the engines (the PDF's columns
        # interleave in pdftotext).
        x = os.path.join(tmp, name + "-ack.xml")
        render(example(name), x, "complaint-acknowledgement", ["--id", "cp-1"])
        rows = [[" ".join("".join(td.itertext()).split()) for td in tr]
                for tr in ET.parse(x).getroot().iter("tr")]
        for days, date in steps[1:]:
            if ["%d working days" % days, date] not in [r[:2] for r in rows]:
                fail("%s acknowledgement: +%d is not %s" % (name, days, date))
        pdf = os.path.join(tmp, name + "-ack.pdf")
        render(example(name), pdf, "complaint-acknowledgement", ["--id", "cp-1"])
        if steps[-1][1] not in pdf_text(pdf):
            fail("%s acknowledgement PDF: no %s" % (name, steps[-1][1]))
        x = os.path.join(tmp, name + "-timeline.xml")
        render(example(name), x, "timeline")
        rows = [[" ".join("".join(td.itertext()).split()) for td in tr]
                for tr in ET.parse(x).getroot().iter("tr")]
        for days, date in steps:
            if not any(r[0] == "+%d" % days and r[1].endswith(" " + date)
                       for r in rows):
                fail("%s timeline: +%d is not %s" % (name, days, date))
        ics = os.path.join(tmp, name + ".ics")
        r = run([FINDINGS, "timeline", example(name), "--ics", ics])
        if r.returncode != 0:
            fail("%s timeline: %s" % (name, r.stderr))
            continue
        for days, date in steps:
            d = dt.datetime.strptime(date, "%d %B %Y").date()
            short = "%s %d %s %d" % (d.strftime("%a"), d.day, d.strftime("%b"), d.year)
            if not re.search(r"(?m)^\+%d\s+%s\s" % (days, re.escape(short)), r.stdout):
                fail("%s timeline text: +%d is not %s" % (name, days, short))
        cal = open(ics, encoding="utf-8", newline="").read().replace("\r\n ", "")
        for days, date in steps:
            d = dt.datetime.strptime(date, "%d %B %Y").date()
            m = re.search(r"UID:[^\r\n]*-complaint-cp-1-%d@[^\r\n]*\r\n"
                          r"DTSTAMP:[^\r\n]*\r\nDTSTART;VALUE=DATE:(\d{8})\r\n"
                          r"DTEND;VALUE=DATE:(\d{8})" % days, cal)
            if m is None or m.group(1) != d.strftime("%Y%m%d") or \
                    m.group(2) != (d + dt.timedelta(days=1)).strftime("%Y%m%d"):
                fail("%s .ics: +%d is not %s" % (name, days, date))
    # The statement was due 70 working days after the pre-publication
    # letter of 19 January 2017, over Good Friday, Easter Monday and the
    # early May bank holiday: 2 May 2017; received on 3 May it is late.
    src = open(example("jtai-2016-eastbridge"), encoding="utf-8").read()
    for received, late in (("2017-05-02", False), ("2017-05-03", True)):
        p = os.path.join(tmp, "late-%s.xml" % received)
        open(p, "w", encoding="utf-8").write(src.replace(
            'received="2017-05-02"', 'received="%s"' % received))
        r = run([FINDINGS, "check", p])
        said = "after it was due on 2 May 2017" in r.stderr
        if said != late or r.returncode != 0:
            fail("statement received %s: late=%s, exit %d, %s" %
                 (received, said, r.returncode, r.stderr))
    # slac-2009: 30 calendar days after publication on 27 April 2010.
    src = open(example("slac-2009-kingsmead"), encoding="utf-8").read()
    for received, late in (("2010-05-27", False), ("2010-05-28", True)):
        p = os.path.join(tmp, "slac-%s.xml" % received)
        open(p, "w", encoding="utf-8").write(src.replace(
            'received="2010-05-10"', 'received="%s"' % received))
        r = run([FINDINGS, "check", p])
        said = "after 27 May 2010, the last day for a complaint (30 calendar days" in r.stderr
        if said != late:
            fail("slac complaint received %s: late=%s, %s" % (received, said, r.stderr))
        if late:
            out = os.path.join(tmp, "slac-late.pdf")
            render(p, out, "complaint-acknowledgement", ["--id", "cp-1"])
            expect("slac late acknowledgement", pdf_text(out),
                   ["so the last day was 27 May 2010"])


# -------------------------------------------------------------------------

def pdf_structure(where, pdf, title):
    r = run(["qpdf", "--check", pdf])
    if r.returncode != 0:
        fail("%s: qpdf --check: %s" % (where, r.stdout[-300:]))
    info = {}
    for line in run(["pdfinfo", pdf]).stdout.splitlines():
        if ":" in line:
            k, v = line.split(":", 1)
            info[k.strip()] = v.strip()
    if info.get("Title") != title:
        fail("%s: title %r, want %r" % (where, info.get("Title"), title))
    if info.get("Tagged") != "yes":
        fail("%s: not tagged" % where)
    fonts = run(["pdffonts", pdf]).stdout.splitlines()[2:]
    if not fonts or any(l.split()[-5] != "yes" for l in fonts if l.strip()):
        fail("%s: a font is not embedded" % where)


def group_structure(tmp):
    cases = [
        ("jtai-2016-eastbridge", "soa-response", [],
         "Joint targeted area inspection of the multi-agency response to abuse "
         "and neglect in Eastbridge: response to the written statement of "
         "proposed action"),
        ("jtai-2019-northshire", "complaint-acknowledgement", ["--id", "cp-1"],
         "Joint targeted area inspection of the multi-agency response to abuse "
         "and neglect in Northshire: your complaint"),
        ("slac-2009-kingsmead", "complaint-acknowledgement", ["--id", "cp-1"],
         "Inspection of safeguarding and looked after children services in "
         "Kingsmead: your complaint"),
    ]
    for name, doc, extra, title in cases:
        a = os.path.join(tmp, "%s-%s-a.pdf" % (name, doc))
        b = os.path.join(tmp, "%s-%s-b.pdf" % (name, doc))
        for p in (a, b):
            r = render(example(name), p, doc, extra)
            if r.returncode != 0:
                fail("%s %s: %s" % (name, doc, r.stderr))
        if not os.path.exists(a):
            continue
        pdf_structure("%s %s" % (name, doc), a, title)
        if open(a, "rb").read() != open(b, "rb").read():
            fail("%s %s: two runs give different bytes" % (name, doc))
        # The tree: one h1, the review's text as Markdown paragraphs.
        x = os.path.join(tmp, "%s-%s.xml" % (name, doc))
        render(example(name), x, doc, extra)
        root = ET.parse(x).getroot()
        if len(root.findall(".//h1")) != 1:
            fail("%s %s: not one h1" % (name, doc))
        if root.find("page") is not None and root.find("page").get("watermark"):
            fail("%s %s: a watermark on a letter after the letter" % (name, doc))
    # The overview's HTML edition: one h1, no script, nothing fetched.
    round_files = make_round(tmp)
    html = os.path.join(tmp, "overview.html")
    r = run([FINDINGS, "overview", "-o", html] + round_files)
    if r.returncode != 0:
        fail("overview .html: %s" % r.stderr)
    else:
        h = open(html, encoding="utf-8").read()
        if h.count("<h1") != 1 or "<script" in h or re.search(r"(src|href)=\"https?:", h):
            fail("overview .html: not one h1, or a script or fetch")
    pdf = os.path.join(tmp, "overview.pdf")
    run([FINDINGS, "overview", "-o", pdf] + round_files)
    pdf_structure("overview", pdf, "Joint targeted area inspections of the "
                  "multi-agency response to children living with domestic "
                  "abuse: an overview")
    # PDF/UA-1: the Matterhorn checkpoints of tests/pdfua (Debian's
    # python3-pikepdf, hence /usr/bin/python3).
    r = run(["/usr/bin/python3", os.path.join(SRC, "tests", "pdfua", "check.py"), pdf])
    if r.returncode != 0:
        fail("overview PDF/UA: %s %s" % (r.stdout[-500:], r.stderr[-300:]))


# -------------------------------------------------------------------------

# (case, example, [(old, new)], [(level, substring)], the planted text
# whose line the diagnostics must name, or None for the file's root).
LINT = [
    ("complaint-before-notification", "jtai-2016-eastbridge",
     [('received="2017-01-27"', 'received="2016-11-01"')],
     [("error", "the day the complaint was received is 2016-11-01, before the "
                "inspection was notified (2016-11-15)")], 'received="2016-11-01"'),
    ("complaint-late", "jtai-2016-eastbridge",
     [('received="2017-01-27" from="la" about="outcome"',
       'received="2017-02-20" from="police" about="conduct" inspectorate="hmic"')],
     [("warning", "complaint 'cp-1' was received on 20 February 2017, after "
                  "6 February 2017, the last day for a complaint (10 working "
                  "days after publication): Concerns raised later than this "
                  "will not usually be considered.")], 'received="2017-02-20"'),
    ("complaint-from-nobody", "jtai-2016-eastbridge",
     [('from="la" about="outcome"', 'from="nosuch" about="outcome"')],
     [("error", "from 'nosuch' does not name an agency")], 'from="nosuch"'),
    ("complaint-about-tone", "jtai-2016-eastbridge",
     [('about="outcome"', 'about="tone"')],
     [("error", 'about="tone"')], 'about="tone"'),
    ("complaint-not-a-date", "jtai-2016-eastbridge",
     [('received="2017-01-27"', 'received="2017-02-30"')],
     [("error", "received '2017-02-30' is not a real date")], 'received="2017-02-30"'),
    ("complaint-acknowledged-before", "jtai-2016-eastbridge",
     [('received="2017-01-27"', 'received="2017-01-27" acknowledged="2017-01-20"')],
     [("error", "acknowledged is 2017-01-20, before the complaint was received")],
     'acknowledged="2017-01-20"'),
    ("complaint-unknown-attribute", "jtai-2016-eastbridge",
     [('about="outcome"', 'about="outcome" onclick="x"')],
     [("error", "onclick")], 'onclick="x"'),
    ("complaint-id-taken", "jtai-2016-eastbridge",
     [('<complaint id="cp-1"', '<complaint id="c-1"')],
     [("error", "duplicate id 'c-1'")], '<complaint id="c-1"'),
    ("complaint-no-procedure", "jtai-2015-southvale",
     [("</inspection>", '<complaints><complaint id="cp-9" received="2016-01-15" '
       'from="la" about="process">x</complaint></complaints></inspection>')],
     [("warning", "jtai-2015's guidance describes no complaints procedure")],
     '<complaint id="cp-9"'),
    ("complaint-prose-huge", "jtai-2016-eastbridge",
     [("The council challenges the finding", "x" * 70000)],
     [("error", "this Markdown has")], '<complaint id="cp-1"'),
    ("review-late", "jtai-2016-eastbridge",
     [('received="2017-05-02"', 'received="2017-05-03"')],
     [("warning", "the statement of action was received on 3 May 2017, after it "
                  "was due on 2 May 2017 (70 working days after the letter)")],
     'received="2017-05-03"'),
    ("review-before-received", "jtai-2016-eastbridge",
     [('date="2017-05-16"', 'date="2017-04-16"')],
     [("warning", "the response is dated 16 April 2017, before the statement "
                  "was received (2 May 2017)")], 'date="2017-04-16"'),
    ("review-not-required", "jtai-2016-eastbridge",
     [('<statement-of-action required="yes"', '<statement-of-action required="no"')],
     [("warning", "the letter requires no statement of action")],
     "<statement-of-action-review"),
    ("review-tlai", "tlai-2016-westmoor",
     [("</inspection>", '<statement-of-action-review received="2016-09-01" by="li" '
       'outcome="accepted">Fine.</statement-of-action-review></inspection>')],
     [("warning", "tlai-2016's guidance describes no response to the statement "
                  "of action")], "<statement-of-action-review"),
    ("review-by-nobody", "jtai-2016-eastbridge",
     [('by="li" outcome="accepted"', 'by="nosuch" outcome="accepted"')],
     [("error", "by 'nosuch' does not name a team member")], 'by="nosuch"'),
    ("review-outcome-unknown", "jtai-2016-eastbridge",
     [('outcome="accepted" date=', 'outcome="rejected" date=')],
     [("error", 'outcome="rejected"')], 'outcome="rejected"'),
    ("review-case-reference", "jtai-2016-eastbridge",
     [("an action, an\n    owner and a date", "an action for EB-40522, an\n    owner and a date")],
     [("error", "case reference 'EB-40522' (evidence record")],
     "<statement-of-action-review"),
    ("review-twice", "jtai-2016-eastbridge",
     [("</inspection>", '<statement-of-action-review received="2017-05-02" by="li" '
       'outcome="accepted">Again.</statement-of-action-review></inspection>')],
     [("error", "statement-of-action-review")], None),
]


def line_of(text, marker):
    return text[:text.index(marker)].count("\n") + 1


def group_lint(tmp):
    for case, name, edits, want, marker in LINT:
        src = open(example(name), encoding="utf-8").read()
        for old, new in edits:
            if old not in src:
                fail("lint %s: the example has no %r to replace" % (case, old))
            src = src.replace(old, new, 1)
        p = os.path.join(tmp, case + ".xml")
        open(p, "w", encoding="utf-8").write(src)
        r = run([FINDINGS, "check", "-q", p])
        errors = any(lv == "error" for lv, _ in want)
        if r.returncode != (1 if errors else 0):
            fail("lint %s: exit %d\n%s" % (case, r.returncode, r.stderr))
        for level, text in want:
            hits = [l for l in r.stderr.splitlines()
                    if " %s: " % level in l and text in l]
            if not hits:
                fail("lint %s: no %s %r in\n%s" % (case, level, text, r.stderr))
                continue
            m = re.match(r"^(.*?):(\d+):(\d+): ", hits[0])
            if m is None:
                fail("lint %s: not FILE:LINE:COL: %s" % (case, hits[0]))
            elif marker is not None and int(m.group(2)) not in (
                    line_of(src, marker), line_of(src, marker) - 1):
                fail("lint %s: line %s, the planted text is on line %d" %
                     (case, m.group(2), line_of(src, marker)))
        if errors:
            out = os.path.join(tmp, case + ".pdf")
            doc = "soa-response" if "review" in case else "complaint-acknowledgement"
            extra = [] if doc == "soa-response" else ["--id", "cp-1"]
            r = render(p, out, doc, extra)
            if r.returncode != 1 or os.path.exists(out):
                fail("lint %s: render exit %d, or a file" % (case, r.returncode))
    # Hostile Markdown in the review prints as text: no raw HTML, no
    # javascript: link, a placeholder left as written.
    src = open(example("jtai-2019-northshire"), encoding="utf-8").read()
    src = src.replace("The statement sets out actions",
                      "The statement &lt;script&gt;alert(1)&lt;/script&gt; "
                      "[click](javascript:alert(1)) {{area}} **bold** sets out actions")
    p = os.path.join(tmp, "hostile.xml")
    open(p, "w", encoding="utf-8").write(src)
    out = os.path.join(tmp, "hostile.pdf")
    r = render(p, out, "soa-response")
    if r.returncode != 0:
        fail("hostile review: %s" % r.stderr)
    else:
        text = pdf_text(out)
        if "<script>" in text or "</script>" in text or "{{area}}" not in text \
                or "click" not in text or "bold sets out actions" not in text:
            fail("hostile review: %s" % text[:300])
        raw = open(out, "rb").read()
        if b"javascript" in raw:
            fail("hostile review: a javascript: link in the PDF")


# -------------------------------------------------------------------------

def make_round(tmp):
    """Two inspections of one round: the jtai-2016 example and a copy in
    another area a month before, with findings of its own."""
    src = open(example("jtai-2016-eastbridge"), encoding="utf-8").read()
    src = re.sub(r"<history>.*?</history>", "", src, flags=re.S)
    src = re.sub(r"<complaints>.*?</complaints>", "", src, flags=re.S)
    src = re.sub(r"<statement-of-action-review.*?</statement-of-action-review>",
                 "", src, flags=re.S)
    a = os.path.join(tmp, "round-eastbridge.xml")
    open(a, "w", encoding="utf-8").write(src)
    west = src.replace("JTAI-2016-EB", "JTAI-2016-WB") \
        .replace("<area>Eastbridge</area>", "<area>Westbridge</area>") \
        .replace('notified="2016-11-15"', 'notified="2016-10-11"')
    # Westbridge has no priority action and one strength fewer.
    west = re.sub(r"<priority-action .*?</priority-action>", "", west, flags=re.S)
    west = re.sub(r'<strength id="s-5".*?</strength>', "", west, flags=re.S)
    b = os.path.join(tmp, "round-westbridge.xml")
    open(b, "w", encoding="utf-8").write(west)
    return [a, b]


def group_overview(tmp):
    a, b = make_round(tmp)
    ab = os.path.join(tmp, "ab.pdf")
    ba = os.path.join(tmp, "ba.pdf")
    r1 = run([FINDINGS, "overview", a, b, "-o", ab])
    r2 = run([FINDINGS, "overview", b, a, "-o", ba])
    if r1.returncode != 0 or r2.returncode != 0:
        fail("overview: %s %s" % (r1.stderr, r2.stderr))
        return
    if open(ab, "rb").read() != open(ba, "rb").read():
        fail("overview: the order of the command line changes the bytes")
    text = pdf_text(ab)
    expect("overview", text, [
        "Joint targeted area inspections of the multi-agency response to "
        "children living with domestic abuse: an overview",
        "Between 24 October 2016 and 2 December 2016, Ofsted, the Care Quality "
        "Commission (CQC), HMI Constabulary (HMIC) and HMI Probation (HMIP) "
        "carried out joint targeted area inspections in two local authority "
        "areas: Westbridge and Eastbridge.",
        "publish a joint overview report after each round of inspections that "
        "share a specific deep dive theme",
        "The areas inspected",
        "Westbridge 24 October 2016 to 28", "Eastbridge 28 November 2016 to 2",
        "4 strengths", "5 strengths", "0 areas for priority action",
        "1 area for priority action",
        "Strengths", "Areas for development", "Findings by type of agency",
        "What recurs across the areas", "Areas for priority action",
        "Coverage of the evaluation criteria", "Deep dive: ",
    ], [r"areas for improvement", r"\{\{"])
    # Westbridge comes first (on site a month earlier), whatever the order.
    if text.index("Westbridge 24 October") > text.index("Eastbridge 28 November") or \
            "areas: Westbridge and Eastbridge." not in text:
        fail("overview: the areas are not in the order of their fieldwork")
    # The priority action is Eastbridge's alone: one area, not two.
    pa = text[text.index("Areas for priority action", text.index("What recurs")):]
    if "Westbridge" in pa.split("Coverage of the evaluation criteria")[0]:
        fail("overview: Westbridge has a priority action it does not have")
    # Errors: nothing written, the message names what is wrong.
    bad = os.path.join(tmp, "bad.pdf")
    theme = open(b, encoding="utf-8").read().replace('ref="domestic-abuse"', 'ref="neglect"')
    c = os.path.join(tmp, "round-neglect.xml")
    open(c, "w", encoding="utf-8").write(theme)
    leak = open(b, encoding="utf-8").read().replace(
        "The LSCB should evaluate", "The LSCB (see EB-40522) should evaluate")
    d = os.path.join(tmp, "round-leak.xml")
    open(d, "w", encoding="utf-8").write(leak)
    for why, files, want in [
            ("different theme", [a, c], "not of the same round: %s is jtai-2016, "
             "deep dive theme 'neglect', but %s is jtai-2016, deep dive theme "
             "'domestic-abuse'" % (c, a)),
            ("different framework", [a, example("jtai-2019-northshire")],
             "is jtai-2019, deep dive theme 'csa-family-environment'"),
            ("no overview", [example("tlai-2016-westmoor")],
             "tlai-2016 has no joint overview"),
            ("twice", [a, a], "inspection 'JTAI-2016-EB' is in the round twice"),
            ("case reference", [a, d], "the overview would show the case "
             "reference 'EB-40522' (evidence record ev-002), written in <improvement"),
            ("an error in one", [a, os.path.join(tmp, "missing.xml")], "missing.xml")]:
        r = run([FINDINGS, "overview", "-o", bad] + files)
        if r.returncode == 0 or os.path.exists(bad) or want not in r.stderr:
            fail("overview %s: exit %d, %s" % (why, r.returncode, r.stderr))
    for args in (["-o", os.path.join(tmp, "x.eml"), a], [a], ["-o", bad]):
        r = run([FINDINGS, "overview"] + args)
        if r.returncode != 2:
            fail("overview %s: exit %d, want 2 (usage)" % (args, r.returncode))
    # jtai-2015, without evaluation criteria: by agency type only.
    o15 = os.path.join(tmp, "o15.pdf")
    r = run([FINDINGS, "overview", example("jtai-2015-southvale"), "-o", o15])
    if r.returncode != 0:
        fail("overview jtai-2015: %s" % r.stderr)
    else:
        expect("overview jtai-2015", pdf_text(o15),
               ["These inspections have no evaluation schedule numbers",
                "This round has one inspection: nothing can recur.",
                "Agency type", "Local authorities"], [r"ESN \d\d"])
    # A theme written in full is not said twice in the title; one area is
    # "one local authority area".
    o19 = os.path.join(tmp, "o19.pdf")
    r = run([FINDINGS, "overview", example("jtai-2019-northshire"), "-o", o19])
    if r.returncode != 0:
        fail("overview jtai-2019: %s" % r.stderr)
    else:
        expect("overview jtai-2019", pdf_text(o19),
               ["in one local authority area: Northshire"],
               [r"response\s+to\s+the\s+multi-agency\s+response", r"one local authority areas"])


# -------------------------------------------------------------------------

def group_build(tmp):
    out = os.path.join(tmp, "out")
    names = ["jtai-2016-eastbridge", "jtai-2019-northshire",
             "tlai-2016-westmoor", "slac-2009-kingsmead", "jtai-2015-southvale"]
    r = run([FINDINGS, "build", "-d", out] + [example(n) for n in names])
    if r.returncode != 0:
        fail("build: %s" % r.stderr)
        return
    got = set(os.listdir(out))
    for f in ["JTAI-2016-EB-soa-response.pdf", "JTAI-2019-NS-soa-response.pdf",
              "JTAI-2016-EB-complaint-acknowledgement-cp-1.pdf",
              "JTAI-2019-NS-complaint-acknowledgement-cp-1.pdf",
              "TLAI-2016-WM-complaint-acknowledgement-cp-1.pdf",
              "SLAC-2010-KM-complaint-acknowledgement-cp-1.pdf"]:
        if f not in got:
            fail("build: %s not written" % f)
    stray = [f for f in got if f.startswith("JTAI-2015") and
             ("soa-response" in f or "complaint" in f)]
    if stray:
        fail("build: %s" % stray)
    # Without a review or a complaint, no such document.
    src = open(example("jtai-2016-eastbridge"), encoding="utf-8").read()
    src = re.sub(r"<complaints>.*?</complaints>", "", src, flags=re.S)
    src = re.sub(r"<statement-of-action-review.*?</statement-of-action-review>",
                 "", src, flags=re.S)
    p = os.path.join(tmp, "bare.xml")
    open(p, "w", encoding="utf-8").write(src)
    out2 = os.path.join(tmp, "out2")
    r = run([FINDINGS, "build", "-d", out2, p])
    left = [f for f in os.listdir(out2) if "soa-response" in f or "complaint" in f] \
        if os.path.isdir(out2) else ["(no folder)"]
    if r.returncode != 0 or left:
        fail("build without a review or a complaint: %d %s %s" % (r.returncode, left, r.stderr))


# -------------------------------------------------------------------------

def group_images(tmp):
    refdir = os.path.join(SRC, "tests", "after", "ref")
    jobs = []
    for name, doc, extra in (("jtai-2016-eastbridge", "soa-response", []),
                             ("jtai-2019-northshire", "complaint-acknowledgement",
                              ["--id", "cp-1"]),
                             ("tlai-2016-westmoor", "complaint-acknowledgement",
                              ["--id", "cp-1"])):
        pdf = os.path.join(tmp, "%s-%s.pdf" % (name, doc))
        r = render(example(name), pdf, doc, extra)
        jobs.append(("%s-%s" % (name, doc), pdf, r))
    pdf = os.path.join(tmp, "overview.pdf")
    jobs.append(("overview-jtai-2016", pdf,
                 run([FINDINGS, "overview", "-o", pdf] + make_round(tmp))))
    for base, pdf, r in jobs:
        if r.returncode != 0:
            fail("images %s: %s" % (base, r.stderr))
            continue
        fdtest.compare_document("images " + base, pdf, tmp, refdir, base,
                                fdtest.PIXELS)


def main():
    global FINDINGS, SRC
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    FINDINGS, SRC, group = sys.argv[1:]
    os.environ["LC_ALL"] = "C.UTF-8"
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    groups = {"text": group_text, "dates": group_dates,
              "structure": group_structure, "lint": group_lint,
              "overview": group_overview, "build": group_build,
              "images": group_images}
    with tempfile.TemporaryDirectory() as tmp:
        groups[group](tmp)
    if FAILURES:
        print("%d failure(s)" % len(FAILURES))
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
