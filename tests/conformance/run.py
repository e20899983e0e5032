#!/usr/bin/env python3
"""Conformance: inspections written from SPEC.md alone, by other hands.

usage: run.py FINDINGS SOURCE_DIR [CASE.xml...]

Each file of cases/ was written from the "Input" section of SPEC.md, not
from the examples: for each framework a minimal inspection (only what is
required), a maximal one (every optional element and attribute) and odd
but valid ones (CDATA, tabs, CRLF, comments and processing instructions,
spaces in token values, dotted ids, every agency type and leader role,
calendars without holidays or with closed days, 29 February, 2009 and
2030). For every case:

  - findings check exits 0 with no error;
  - findings build writes every document of the framework
    (templates/FW/documents.xml: one concern form per concern, at least
    one notification email, except for the minimal cases, which have no
    address to send from or to and get a warning instead), exits 0, and
    says nothing is an error;
  - the timeline's .ics is the one findings timeline --ics writes;
  - every PDF passes qpdf --check, has a title and at least one page,
    and its text (pdftotext) has no placeholder, "[insert", NaN, null,
    or undefined, no ", ." or " ," or empty brackets, no dangling
    "and" or "or", no doubled word, no doubled space inside a line of
    prose, no "Dear ," and no date on a weekend or bank holiday where a
    working day is meant;
  - the document tree of every PDF (render -o X.xml) has no empty
    heading and no heading followed by nothing or by a heading of the
    same or a higher level;
  - a letter shows its date, at least one addressee line, the
    salutation, its title (h1 of the tree), every signatory's name and
    title, "Yours sincerely", and no heading that the input gives
    nothing for; the graded report shows a grade for every judgement;
    and what cases/NAME.expect says the document must print;
  - every email parses with Python's email package (policy=default):
    From, To, Date, Message-ID and Subject present, a text/plain and a
    text/html part, both free of placeholders;
  - the timeline (findings timeline) dates every working-day milestone on
    a working day of the inspection's calendar, and the .ics parses.
Then a few inspections derived from the cases, valid by the schema but
notified on a day that is not a working day: check refuses them with the
same FILE:LINE:COL error as build.

The whole area takes well under a minute.
"""

import csv
import io
import datetime as dt
import email
import email.policy
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
FINDINGS = None
SRC = None
FAILURES = []

# Text no reader should ever see, as regular expressions.
BAD_TEXT = [
    (r"\{\{|\}\}", "a placeholder"),
    (r"\[insert", "an [insert ...] slot"),
    (r"\bNaN\b", "NaN"),
    (r"\bnull\b", "null"),
    (r"\bundefined\b", "undefined"),
    (r",\s*[.,;:]", "a comma before punctuation"),
    (r"[ \t],", "a space before a comma"),
    (r"\(\s*\)", "empty brackets"),
    (r"\b(and|or),?\s*[.;:](\s|$)", "a dangling 'and' or 'or'"),
    (r"\b(the|and|of|to|a|in)\s+\1\b", "a doubled word"),
    (r"Dear\s*[,.]", "a salutation without a name"),
    (r"\b[A-Z][a-z]+ +,", "a space before a comma"),
    (r"\|\s*:?-{3,}", "a Markdown table printed as text"),
    (r"\d{4}:\s*(•|\Z)", "a date with nothing after its colon"),
]

MONTHS = {m: i + 1 for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July",
     "August", "September", "October", "November", "December"])}
SHORT_MONTHS = {m[:3]: i for m, i in MONTHS.items()}
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def fail(case, msg):
    FAILURES.append(f"{case}: {msg}")


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def pdftext(path, layout=False):
    args = ["pdftotext", "-enc", "UTF-8"]
    if layout:
        args.append("-layout")
    r = run(args + [str(path), "-"])
    return r.stdout


def holidays(insp):
    """The dates that are not working days besides weekends."""
    cal = insp.find("calendar")
    out = {n.get("date") for n in cal.findall("non-working")}
    which = cal.get("holidays")
    if which != "none":
        path = Path(SRC) / "templates" / "calendars" / f"{which}.xml"
        for n in ET.parse(path).iter():
            d = n.get("date")
            if d:
                out.add(d)
    return out


def is_working(day, closed):
    return day.weekday() < 5 and day.isoformat() not in closed


def text_checks(case, name, text, prose=True):
    # pdftotext ends each line; prose checks run on joined lines, so a
    # dangling "and" at a line end is still caught at the sentence end.
    flat = re.sub(r"[ \t]*\n[ \t]*", " ", text)
    for pat, what in BAD_TEXT:
        m = re.search(pat, flat)
        if m:
            ctx = flat[max(0, m.start() - 40):m.end() + 40]
            fail(case, f"{name}: {what}: ...{ctx}...")
    if not prose:
        return
    for line in text.splitlines():
        s = line.strip()
        if "  " in s:
            fail(case, f"{name}: a doubled space in {s!r}")
            break


def tree_checks(case, name, tree_path):
    """Headings in the document tree: none empty, none with nothing under
    it before the next heading of the same or a higher level."""
    try:
        root = ET.parse(tree_path).getroot()
    except ET.ParseError as e:
        fail(case, f"{name}: the document tree does not parse: {e}")
        return
    body = root.find("body")
    if body is None:
        fail(case, f"{name}: the document tree has no body")
        return

    def level(el):
        m = re.fullmatch(r"h([1-6])", el.tag)
        return int(m.group(1)) if m else None

    def empty(el):
        if el.tag == "markdown":
            return el.get("src") is None and not (el.text or "").strip()
        return False

    def walk(parent):
        kids = [k for k in parent if not empty(k)]
        for i, k in enumerate(kids):
            lv = level(k)
            if lv is None:
                walk(k)
                continue
            if not "".join(k.itertext()).strip():
                fail(case, f"{name}: an empty <{k.tag}>")
            nxt = kids[i + 1] if i + 1 < len(kids) else None
            if nxt is None or (level(nxt) is not None and level(nxt) <= lv):
                title = "".join(k.itertext()).strip()
                fail(case, f"{name}: heading {title!r} has nothing under it")

    walk(body)
    for el in root.iter():
        if el.tag in ("p", "line", "item", "td", "th") and \
                not "".join(el.itertext()).strip() and len(el) == 0 \
                and el.tag not in ("td",):
            fail(case, f"{name}: an empty <{el.tag}>")


def expect_checks(case, path, doc, text):
    """cases/NAME.expect: lines "DOC: TEXT" that DOC must print, with its
    white space squeezed (a paragraph split in two would show its number
    between the words)."""
    exp = path.with_suffix(".expect")
    if not exp.exists():
        return
    flat = " ".join(text.split())
    for line in exp.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        d, _, want = line.partition(": ")
        if d == doc and " ".join(want.split()) not in flat:
            fail(case, f"{doc}: {want!r} is not printed as one piece")


def pdf_checks(case, path):
    name = path.name
    r = run(["qpdf", "--check", str(path)])
    if r.returncode != 0:
        fail(case, f"{name}: qpdf --check: {r.stdout[-300:]}{r.stderr[-300:]}")
    info = run(["pdfinfo", str(path)]).stdout
    m = re.search(r"^Pages:\s+(\d+)", info, re.M)
    if not m or int(m.group(1)) < 1:
        fail(case, f"{name}: no pages")
    t = re.search(r"^Title:\s*(.*)$", info, re.M)
    if not t or not t.group(1).strip():
        fail(case, f"{name}: no document title")
    text = pdftext(path)
    if len(text.split()) < 5:
        fail(case, f"{name}: (almost) no text")
    text_checks(case, name, text)
    return text


def date_re():
    return re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b")


def letter_checks(case, insp, text, tree_path):
    flat = re.sub(r"\s+", " ", text)
    root = ET.parse(tree_path).getroot()
    h1 = root.find(".//h1")
    if h1 is None or not "".join(h1.itertext()).strip():
        fail(case, "letter: no title (h1)")
    else:
        title = re.sub(r"\s+", " ", "".join(h1.itertext())).strip()
        if title not in flat:
            fail(case, f"letter: the title {title!r} is not printed")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    dear = [i for i, ln in enumerate(lines) if ln.startswith("Dear ")]
    if not dear:
        fail(case, "letter: no salutation")
        return
    dated = [i for i, ln in enumerate(lines[:dear[0]])
             if date_re().fullmatch(ln)]
    if not dated:
        fail(case, "letter: no date line before the salutation")
    elif dear[0] - dated[0] < 2:
        fail(case, "letter: no addressee between the date and the salutation")
    addr = root.find(".//address")
    if addr is None or not [x for x in addr if "".join(x.itertext()).strip()]:
        fail(case, "letter: no addressee line in the tree")
    for s in insp.find("signatories"):
        for attr in ("name", "title"):
            v = re.sub(r"\s+", " ", s.get(attr)).strip()
            if v not in flat:
                fail(case, f"letter: signatory {attr} {v!r} is not printed")
    if "Yours sincerely" not in flat and "Yours faithfully" not in flat:
        fail(case, "letter: no closing")
    f = insp.find("findings")
    heads = [re.sub(r"\s+", " ", "".join(h.itertext())).strip()
             for h in root.iter() if re.fullmatch(r"h[1-6]", h.tag)]
    for tag, words in (("strength", "Strengths"),
                       ("priority-action", "priority action"),
                       ("case-study", "Case study")):
        shown = [h for h in heads if words.lower() in h.lower()]
        given = [e for e in f.findall(tag) if "".join(e.itertext()).strip()]
        if not given and shown:
            fail(case, f"letter: heading {shown[0]!r} but no {tag}")
        if given and not shown:
            fail(case, f"letter: {tag} given but no heading for it")
    for d in date_re().finditer(flat):
        try:
            dt.date(int(d.group(3)), MONTHS[d.group(2)], int(d.group(1)))
        except ValueError:
            fail(case, f"letter: impossible date {d.group(0)}")


def report_checks(case, insp, text):
    flat = re.sub(r"\s+", " ", text).lower()
    js = insp.find("judgements")
    for j in (js if js is not None else []):
        if j.get("grade") not in flat:
            fail(case, f"report: grade {j.get('grade')} of "
                       f"{j.get('aspect')} is not printed")


def mail_checks(case, path):
    name = path.name
    raw = path.read_bytes()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    for h in ("From", "To", "Date", "Message-ID", "Subject"):
        try:
            v = msg[h]
        except Exception as e:  # a header that does not decode
            fail(case, f"{name}: header {h}: {e}")
            continue
        if v is None or not str(v).strip():
            fail(case, f"{name}: no {h} header")
    try:
        for a in msg["To"].addresses + msg["From"].addresses:
            if "@" not in a.addr_spec:
                fail(case, f"{name}: address {a.addr_spec!r}")
    except Exception as e:
        fail(case, f"{name}: addresses: {e}")
    parts = {p.get_content_type(): p for p in msg.walk()
             if not p.is_multipart()}
    for ct in ("text/plain", "text/html"):
        if ct not in parts:
            fail(case, f"{name}: no {ct} part")
            continue
        body = parts[ct].get_content()
        if ct == "text/plain":
            text_checks(case, f"{name} ({ct})", body)
            if "him/her" in body or "[insert" in body:
                fail(case, f"{name}: an unfilled slot")
        elif "{{" in body or "[insert" in body:
            fail(case, f"{name}: a placeholder in the HTML part")


def timeline_checks(case, path, insp, tmp):
    closed = holidays(insp)
    r = run([FINDINGS, "timeline", "--ics", str(tmp / "t.ics"), str(path)])
    if r.returncode != 0:
        fail(case, f"timeline: exit {r.returncode}: {r.stderr.strip()}")
        return
    text_checks(case, "timeline", r.stdout, prose=False)
    body = r.stdout.split("Not working days")[0]
    pat = re.compile(r"\b(" + "|".join(DAYS) + r") (\d{1,2}) (" +
                     "|".join(SHORT_MONTHS) + r") (\d{4})\b")
    seen = 0
    for m in pat.finditer(body):
        day = dt.date(int(m.group(4)), SHORT_MONTHS[m.group(3)],
                      int(m.group(2)))
        seen += 1
        if DAYS[day.weekday()] != m.group(1):
            fail(case, f"timeline: {m.group(0)} is a {DAYS[day.weekday()]}")
        if not is_working(day, closed):
            # The notification day may be given on any day; every other
            # milestone is counted in working days.
            if day.isoformat() != insp.find("calendar").get("notified"):
                fail(case, f"timeline: {m.group(0)} is not a working day")
    if seen < 5:
        fail(case, "timeline: fewer than five dated milestones")
    ics = (tmp / "t.ics").read_text(encoding="utf-8")
    if not ics.startswith("BEGIN:VCALENDAR") or "BEGIN:VEVENT" not in ics:
        fail(case, "timeline: the .ics is not a calendar")
    for m in re.finditer(r"DTSTART;VALUE=DATE:(\d{8})", ics):
        day = dt.datetime.strptime(m.group(1), "%Y%m%d").date()
        if day.weekday() >= 5 and \
                day.isoformat() != insp.find("calendar").get("notified"):
            fail(case, f"timeline.ics: an event on {day} (a weekend)")


def expected_docs(insp):
    """(document name, extension, each) of the framework that exist."""
    fw = insp.get("framework")
    folder = Path(SRC) / "templates" / fw
    out = []
    for d in ET.parse(folder / "documents.xml").getroot():
        if d.tag != "document":
            continue
        if not (folder / f"{d.get('name')}.xsl").exists():
            continue
        # when="ELEMENT": only for an inspection that has one.
        if d.get("when") and insp.find(d.get("when")) is None:
            continue
        out.append((d.get("name"), d.get("ext"), d.get("each")))
    return out


def each_ids(insp, each):
    """The ids of the elements a document is made for, one file each."""
    return [e.get("id") for g in insp for e in g if e.tag == each]


def safe(s):
    """A file name part as findings makes it, from a squeezed value."""
    return re.sub(r"[^A-Za-z0-9._-]", "-", " ".join(s.split()))


def one_case(path, tmp):
    case = path.name
    insp = ET.parse(path).getroot()
    ref = safe(insp.get("ref"))
    r = run([FINDINGS, "check", str(path)])
    if r.returncode != 0 or "error:" in r.stderr:
        fail(case, f"check: exit {r.returncode}: {r.stderr.strip()}")
        return
    out = tmp / "out"
    r = run([FINDINGS, "build", "-d", str(out), str(path)])
    if r.returncode != 0 or "error:" in r.stderr:
        fail(case, f"build: exit {r.returncode}: {r.stderr.strip()}")
    build_err = r.stderr
    written = {p.name for p in out.iterdir()} if out.exists() else set()
    for name, ext, each in expected_docs(insp):
        if each not in (None, "recipient"):
            want = [f"{ref}-{name}-{safe(i)}.{ext}"
                    for i in each_ids(insp, each)]
        elif each == "recipient":
            got = [w for w in written if w.startswith(f"{ref}-{name}-")]
            skipped = f"warning: no {name} email written" in build_err
            if "minimal" in case and (got or not skipped):
                # Without an address to send from or to, the email is
                # skipped with a warning and the rest is built.
                fail(case, f"build: the {name} email was not skipped "
                           f"with a warning")
            elif "minimal" not in case and not got:
                fail(case, f"build: no {name} email written")
            want = got
        else:
            want = [f"{ref}-{name}.{ext}"]
        for w in want:
            p = out / w
            if w not in written:
                fail(case, f"build: {w} not written")
                continue
            if p.stat().st_size == 0:
                fail(case, f"build: {w} is empty")
                continue
            if ext == "eml":
                mail_checks(case, p)
                continue
            if ext == "ics":
                # The calendar build writes is the one findings timeline
                # writes (timeline_checks parses that one).
                again = tmp / f"{w}.again.ics"
                r = run([FINDINGS, "timeline", str(path), "--ics",
                         str(again)])
                if r.returncode != 0 or not again.exists() or \
                        again.read_bytes() != p.read_bytes():
                    fail(case, f"build: {w} is not what findings timeline "
                               f"--ics writes")
                continue
            if ext == "csv":
                # The return form as a spreadsheet: what render writes,
                # a header row and one row a numbered paragraph.
                again = tmp / f"{w}.again.csv"
                r = run([FINDINGS, "render", str(path), "--doc", name,
                         "-o", str(again)])
                rows = list(csv.reader(io.StringIO(
                    p.read_bytes().decode("utf-8-sig"), newline="")))
                if r.returncode != 0 or again.read_bytes() != p.read_bytes():
                    fail(case, f"build: {w} is not what render writes")
                elif not rows or rows[0] != ["Paragraph", "Text", "Comment",
                                             "Evidence"] or \
                        [x[0] for x in rows[1:]] != \
                        [str(n) for n in range(1, len(rows))]:
                    fail(case, f"build: {w} has rows {rows[:3]!r}...")
                continue
            text = pdf_checks(case, p)
            tree = tmp / f"{w}.xml"
            args = [FINDINGS, "render", str(path), "--doc", name,
                    "-o", str(tree)]
            if each not in (None, "recipient"):
                args += ["--id", w[len(f"{ref}-{name}-"):-len(ext) - 1]]
            if name in ("letter", "report"):
                stage = [v.get("stage") for v in insp.iter("revision")]
                if stage:
                    args += ["--stage", stage[-1]]
            r = run(args)
            if r.returncode != 0:
                fail(case, f"render {name} -o .xml: {r.stderr.strip()}")
                continue
            tree_checks(case, w, tree)
            expect_checks(case, path, name, text)
            if name == "letter":
                letter_checks(case, insp, text, tree)
            elif name == "report":
                report_checks(case, insp, text)
    timeline_checks(case, path, insp, tmp)


# Valid by the schema, wrong by the calendar: check must refuse what build
# refuses, at the same line and column (base case, old text, new text).
DERIVED = [
    ("jtai-2019-minimal.xml", 'notified="2019-10-07"', 'notified="2019-12-25"',
     "not a working day"),
    ("tlai-2016-minimal.xml", 'notified="2016-03-01"', 'notified="2016-03-05"',
     "not a working day"),
]


def derived_checks(tmp):
    for base, old, new, want in DERIVED:
        case = f"{base} with {new}"
        path = tmp / base
        path.write_text((HERE / "cases" / base).read_text().replace(old, new))
        c = run([FINDINGS, "check", str(path)])
        b = run([FINDINGS, "build", "-d", str(tmp / "out"), str(path)])
        errs = [set(re.findall(r"^\S+:\d+:\d+: error: .*$", x.stderr, re.M))
                for x in (c, b)]
        if c.returncode != 1 or not any(want in e for e in errs[0]):
            fail(case, f"check: exit {c.returncode}, wanted an error "
                       f"{want!r}: {c.stderr.strip()}")
        if b.returncode != 1 or errs[0] != errs[1]:
            fail(case, f"build's errors differ from check's: {errs}")


def main():
    global FINDINGS, SRC
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    FINDINGS, SRC = sys.argv[1], sys.argv[2]
    cases = [Path(a) for a in sys.argv[3:]] or \
        sorted((HERE / "cases").glob("*.xml"))
    env_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    for path in cases:
        with tempfile.TemporaryDirectory() as t:
            one_case(path, Path(t))
    if len(sys.argv) == 3:
        with tempfile.TemporaryDirectory() as t:
            derived_checks(Path(t))
    for f in FAILURES:
        print("FAIL", f)
    print(f"{len(cases)} cases, {len(FAILURES)} failures"
          + (f" (SOURCE_DATE_EPOCH={env_epoch})" if env_epoch else ""))
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
