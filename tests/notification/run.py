#!/usr/bin/env python3
"""Notification emails: every example's emails parsed as a mail client does.

usage: run.py FINDINGS RENDER_DOC TEMPLATES_DIR EXAMPLES_DIR

FINDINGS is the program; RENDER_DOC (tests/notification/render_doc.c)
renders a document as findings render does and also writes the document
tree, from which the list of notified agencies (mail/@notified) is read.
The emails themselves come from `findings render --doc notification` when
the program has that command, else from RENDER_DOC.

For each example and each agency it notifies (--to AGENCY):
  - the .eml is parsed with Python's email package (policy=default):
    From, To, Cc, Subject, Date and Message-ID present and decodable;
    From is the lead inspector, To and Cc the agency's own leaders;
    multipart/alternative of text/plain and text/html, both UTF-8;
  - the Date is the notified day at 09:30, with Europe/London's offset
    for that day counted here (British Summer Time: last Sunday of March
    to last Sunday of October) and checked against the zoneinfo database;
  - no "[insert", "{{" or "him/her" is left in either part; the area, the
    addressee's name and the QA manager's name, number and email are
    there; every line of the raw message ends in CRLF, headers are ASCII
    (RFC 2047 for the rest); the plain text is wrapped at 72 columns;
  - the HTML has no script, style element, event attribute or link other
    than http:, https: and mailto:;
  - two runs give the same bytes; the Message-IDs of one inspection
    differ; the headers and plain text equal cases/EXAMPLE.AGENCY.txt.
Then: trees/every-node.xml, every element of the document tree in one
email, gives trees/every-node.txt and .html; non-ASCII names are encoded
words that decode back; Markdown and
HTML in a name print literally; the offset across the clock changes;
--to an unknown or not-notified agency and a QA manager without a phone
are errors at the input's line with nothing written; the printed PDF
shows the header lines.

REGEN=1 (cmake --build build --target regen) rewrites cases/*.txt and
trees/every-node.* from the output, for review with
git diff.
"""
import datetime as dt
import email
import email.policy
import email.utils
import html
import html.parser
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
import fdtest  # noqa: E402

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
USE_FINDINGS = False


def fail(case, msg):
    fdtest.fail(f"{case}: {msg}")


def env():
    e = dict(os.environ, LC_ALL="C.UTF-8")
    e.pop("SOURCE_DATE_EPOCH", None)
    return e


def render_doc(args):
    return subprocess.run([RENDER_DOC, TEMPLATES] + args,
                          capture_output=True, env=env(), timeout=60)


def render(args):
    """The emails as users make them: findings render when it can."""
    if USE_FINDINGS:
        return subprocess.run([FINDINGS, "render"] + args,
                              capture_output=True, env=env(), timeout=60)
    return render_doc(args)


def detect_findings(example, tmp):
    out = tmp / "probe.eml"
    r = subprocess.run([FINDINGS, "render", str(example), "--doc",
                        "notification", "-o", str(out)],
                       capture_output=True, env=env(), timeout=60)
    return r.returncode == 0 and out.exists()


# --- Europe/London, counted here ------------------------------------------

def last_sunday(year, month):
    d = dt.date(year, month, 31)
    return d - dt.timedelta(days=(d.weekday() + 1) % 7)


def london_offset(day, hour, minute):
    """Seconds east of UTC at a local time: BST from 01:00 UTC on the last
    Sunday of March to 01:00 UTC on the last Sunday of October."""
    local = dt.datetime(day.year, day.month, day.day, hour, minute)
    start = dt.datetime.combine(last_sunday(day.year, 3), dt.time(1))
    end = dt.datetime.combine(last_sunday(day.year, 10), dt.time(1))
    utc_if_bst = local - dt.timedelta(hours=1)
    return 3600 if start <= utc_if_bst < end else 0


def zoneinfo_offset(day, hour, minute):
    try:
        from zoneinfo import ZoneInfo
        z = ZoneInfo("Europe/London")
    except Exception:
        return None
    local = dt.datetime(day.year, day.month, day.day, hour, minute,
                        tzinfo=z)
    return int(local.utcoffset().total_seconds())


# --- the inspection, read here --------------------------------------------

class Inspection:
    def __init__(self, path):
        self.path = path
        self.root = ET.parse(path).getroot()
        r = self.root
        self.area = r.findtext("area").strip()
        self.notified = dt.date.fromisoformat(
            r.find("calendar").get("notified"))
        team = r.find("team")
        self.lead = next(m for m in team if m.get("role") == "lead-inspector")
        self.qa = next(m for m in team if m.get("role") == "qa-manager")
        th = r.find("theme")
        self.theme = " ".join(th.text.split()) if th is not None else None
        self.agencies = {a.get("id"): a for a in r.find("agencies")}


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs, self.bad, self.text, self.lang = [], [], [], None

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "iframe", "object", "img", "link"):
            self.bad.append(f"<{tag}>")
        for k, v in attrs:
            if k.startswith("on"):
                self.bad.append(f"{tag} {k}=")
            if tag == "a" and k == "href":
                self.hrefs.append(v)
            if tag == "html" and k == "lang":
                self.lang = v

    def handle_data(self, data):
        self.text.append(data)


def plain(s):
    return " ".join(s.split())


def body_text(m, subtype):
    """A part's text with the wire's CRLF as the reader's newline."""
    return m.get_body((subtype,)).get_content().replace("\r\n", "\n")


def check_message(case, raw, insp, agency_id):
    """Every check of one .eml; returns the parsed message or None."""
    if b"\n" in raw.replace(b"\r\n", b""):
        fail(case, "a line does not end in CRLF")
    head = raw.split(b"\r\n\r\n", 1)[0]
    try:
        head.decode("ascii")
    except UnicodeDecodeError:
        fail(case, "a header is not ASCII (RFC 2047 expected)")
    if any(len(l) > 998 for l in raw.split(b"\r\n")):
        fail(case, "a line is longer than 998 octets")
    m = email.message_from_bytes(raw, policy=email.policy.default)
    if m.defects:
        fail(case, f"parser defects: {m.defects}")
    for h in ("From", "To", "Subject", "Date", "Message-ID"):
        if m[h] is None:
            fail(case, f"no {h} header")
            return None
    agency = insp.agencies[agency_id]
    emails = {l.get("email") for l in agency if l.get("email")}
    frm = m["From"].addresses
    if len(frm) != 1 or frm[0].addr_spec != insp.lead.get("email") or \
            frm[0].display_name != insp.lead.get("name"):
        fail(case, f"From is {m['From']}, not the lead inspector")
    to = [a.addr_spec for a in m["To"].addresses]
    cc = [a.addr_spec for a in m["Cc"].addresses] if m["Cc"] else []
    if not to or not set(to) <= emails:
        fail(case, f"To {to} is not the agency's leaders {sorted(emails)}")
    if not set(cc) <= emails or set(cc) & set(to):
        fail(case, f"Cc {cc} is not other leaders of the agency")
    if insp.area not in str(m["Subject"]):
        fail(case, f"the subject does not name {insp.area}")
    date = m["Date"].datetime
    if date is None or date.tzinfo is None:
        fail(case, f"Date {m['Date']} has no zone")
    else:
        want = london_offset(insp.notified, 9, 30)
        zi = zoneinfo_offset(insp.notified, 9, 30)
        off = int(date.utcoffset().total_seconds())
        if (date.date(), date.hour, date.minute) != (insp.notified, 9, 30):
            fail(case, f"Date {m['Date']} is not {insp.notified} 09:30")
        if off != want or (zi is not None and zi != want):
            fail(case, f"Date offset {off}, counted {want}, zoneinfo {zi}")
    if not re.fullmatch(r"<[0-9a-f]{32}@[A-Za-z0-9.-]+>", str(m["Message-ID"])):
        fail(case, f"Message-ID {m['Message-ID']}")
    if m.get_content_type() != "multipart/alternative":
        fail(case, f"{m.get_content_type()}, not multipart/alternative")
        return None
    parts = [p.get_content_type() for p in m.iter_parts()]
    if parts != ["text/plain", "text/html"]:
        fail(case, f"parts {parts}")
        return None
    text = body_text(m, "plain")
    page = body_text(m, "html")
    for p in m.iter_parts():
        if p.get_content_charset() != "utf-8":
            fail(case, f"{p.get_content_type()} is {p.get_content_charset()}")
    for name, body in (("text", text), ("html", page)):
        for bad in ("[insert", "{{", "}}", "him/her", "[[", "\\"):
            if bad in body:
                fail(case, f"{name} part holds {bad!r}")
    links = Links()
    links.feed(page)
    if links.bad:
        fail(case, f"HTML has {links.bad}")
    if links.lang != insp.root.get("lang", "en-GB"):
        fail(case, f"HTML lang {links.lang}")
    for h in links.hrefs:
        if not re.match(r"(https?|mailto):", h):
            fail(case, f"HTML link {h!r}")
    seen = plain(html.unescape("".join(links.text)))
    names = [a.display_name for a in m["To"].addresses]
    want = [insp.area, insp.qa.get("name"), insp.qa.get("phone"),
            insp.qa.get("email"), "Dear " + " and ".join(names)]
    if insp.theme:
        want.append(insp.theme)
    for w in want:
        if w not in plain(text):
            fail(case, f"text part lacks {w!r}")
        if w not in seen:
            fail(case, f"HTML part lacks {w!r}")
    for line in text.split("\n"):
        if len(line) > 72 and " " in line.strip().lstrip("-").strip():
            fail(case, f"text line over 72 columns: {line!r}")
            break
    return m


def golden(m, raw):
    """The headers a reader sees, then the plain text."""
    out = []
    for h in ("From", "To", "Cc", "Subject", "Date", "Message-ID"):
        if m[h] is not None:
            out.append(f"{h}: {m[h]}")
    return "\n".join(out) + "\n\n" + body_text(m, "plain")


def notified_list(case, example, tmp):
    tree = tmp / "tree.xml"
    r = render_doc([str(example), "--doc", "notification", "-o", str(tree)])
    if r.returncode != 0:
        fail(case, f"tree: exit {r.returncode}: {r.stderr.decode()}")
        return []
    mail = ET.parse(tree).getroot().find("meta/mail")
    return mail.get("notified", "").split()


def check_example(example, tmp, regen):
    insp = Inspection(example)
    ids = notified_list(example.stem, example, tmp)
    if not ids:
        fail(example.stem, "no agency is notified")
    mids = set()
    for aid in ids:
        case = f"{example.stem}.{aid}"
        outs = []
        for n in (1, 2):
            out = tmp / f"{case}.{n}.eml"
            r = render([str(example), "--doc", "notification", "--to", aid,
                        "-o", str(out)])
            if r.returncode != 0 or r.stderr:
                fail(case, f"exit {r.returncode}: {r.stderr.decode()}")
                break
            outs.append(out.read_bytes())
        if len(outs) != 2:
            continue
        if outs[0] != outs[1]:
            fail(case, "two runs differ")
        m = check_message(case, outs[0], insp, aid)
        if m is None:
            continue
        mids.add(str(m["Message-ID"]))
        got = golden(m, outs[0])
        exp = CASES / f"{case}.txt"
        if regen:
            exp.write_text(got, encoding="utf-8")
        elif not exp.exists():
            fail(case, f"no {exp.name} (cmake --build build --target "
                       "regen writes it; review it)")
        elif exp.read_text(encoding="utf-8") != got:
            fail(case, f"differs from {exp.name}:\n{got}")
    if len(mids) != len(ids):
        fail(example.stem, "two emails share a Message-ID")
    return ids


# --- inputs changed here, to reach what the examples do not ---------------

def variant(src, tmp, name, edits):
    text = src.read_text(encoding="utf-8")
    for old, new in edits:
        if old not in text:
            raise SystemExit(f"{src.name}: {old!r} not found")
        text = text.replace(old, new, 1)
    path = tmp / f"{name}.xml"
    path.write_text(text, encoding="utf-8")
    return path


def check_unicode(tmp):
    case = "unicode"
    src = EXAMPLES / "tlai-2016-westmoor.xml"
    insp0 = Inspection(src)
    dcs = next(l for l in insp0.agencies["la"] if l.get("role") == "dcs")
    lead = insp0.lead.get("name")
    path = variant(src, tmp, case, [
        (f'name="{dcs.get("name")}"', 'name="Siân Ó Briain-Zoë, Jr"'),
        (f'name="{lead}"', 'name="Åsa Ångström"'),
        (f"<area>{insp0.area}</area>",
         "<area>Westmoor &amp; *Dale* &lt;b&gt;x&lt;/b&gt; [a](javascript:x)</area>"),
    ])
    out = tmp / f"{case}.eml"
    r = render([str(path), "--doc", "notification", "-o", str(out)])
    if r.returncode != 0:
        fail(case, f"exit {r.returncode}: {r.stderr.decode()}")
        return
    raw = out.read_bytes()
    m = check_message(case, raw, Inspection(path), "la")
    if m is None:
        return
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    if "=?utf-8?" not in head.lower():
        fail(case, "no RFC 2047 encoded word in the headers")
    if m["To"].addresses[0].display_name != "Siân Ó Briain-Zoë, Jr":
        fail(case, f"To decodes as {m['To']}")
    if m["From"].addresses[0].display_name != "Åsa Ångström":
        fail(case, f"From decodes as {m['From']}")
    text = body_text(m, "plain")
    page = body_text(m, "html")
    lit = "Westmoor & *Dale* <b>x</b> [a](javascript:x)"
    if lit not in plain(text):
        fail(case, "the area's Markdown and HTML do not print literally")
    if "<b>x</b>" in page or "javascript:" in " ".join(
            re.findall(r'href="([^"]*)"', page)):
        fail(case, "the area's HTML reached the HTML part")
    if "&lt;b&gt;x&lt;/b&gt;" not in page:
        fail(case, "the area is not escaped in the HTML part")
    if lit not in str(m["Subject"]):
        fail(case, f"Subject {m['Subject']}")


def check_offsets(tmp):
    src = EXAMPLES / "tlai-2016-westmoor.xml"
    old = f'notified="{Inspection(src).notified.isoformat()}"'
    for day in ("2016-03-22", "2016-03-29", "2016-10-25", "2016-11-01"):
        case = f"offset-{day}"
        # A complaint received before the new notified day is an error.
        path = variant(src, tmp, case, [(old, f'notified="{day}"'),
                                        ('received="2016-06-03"',
                                         'received="2016-12-01"')])
        out = tmp / f"{case}.eml"
        r = render([str(path), "--doc", "notification", "-o", str(out)])
        if r.returncode != 0:
            fail(case, f"exit {r.returncode}: {r.stderr.decode()}")
            continue
        check_message(case, out.read_bytes(), Inspection(path), "la")


def check_errors(tmp):
    src = EXAMPLES / "jtai-2016-eastbridge.xml"
    text = src.read_text(encoding="utf-8").split("\n")
    insp = Inspection(src)
    qa_phone = insp.qa.get("phone")
    not_notified = next(a for a, el in insp.agencies.items()
                        if el.get("type") == "safeguarding-board")
    no_phone = variant(src, tmp, "no-qa-phone",
                       [(f'phone="{qa_phone}"', "")])
    qa_line = next(i + 1 for i, l in enumerate(text)
                   if 'role="qa-manager"' in l)
    cases = [
        ("unknown-agency", src, ["--to", "nosuch"], "no agency has this id"),
        ("not-notified", src, ["--to", not_notified], "does not go to"),
        ("no-qa-phone", no_phone, [], f"{no_phone}:{qa_line}:"),
    ]
    for case, path, extra, want in cases:
        out = tmp / f"{case}.eml"
        out.write_bytes(b"old")
        r = render([str(path), "--doc", "notification"] + extra +
                   ["-o", str(out)])
        err = r.stderr.decode()
        if r.returncode != 1:
            fail(case, f"exit {r.returncode}, not 1: {err}")
        if want not in err or "error:" not in err:
            fail(case, f"stderr lacks {want!r}: {err}")
        if out.read_bytes() != b"old":
            fail(case, "the existing output was changed")


def check_tree(tmp, regen):
    """Every element of the document tree through both emitters."""
    case = "every-node"
    out = tmp / f"{case}.eml"
    r = render_doc(["--tree", str(HERE / "trees" / f"{case}.xml"), "-o",
                    str(out)])
    if r.returncode != 0 or r.stderr:
        fail(case, f"exit {r.returncode}: {r.stderr.decode()}")
        return
    raw = out.read_bytes()
    m = email.message_from_bytes(raw, policy=email.policy.default)
    if m.defects:
        fail(case, f"parser defects: {m.defects}")
    if b"\n" in raw.replace(b"\r\n", b""):
        fail(case, "a line does not end in CRLF")
    want = {"From": "Åsa Öberg <asa@example.org>",
            "To": "\"O'Brien, Siân\" <sian@example.org>, "
                  "Plain Name <plain@example.org>",
            "Cc": "nobody@example.org",
            "Subject": "Every node – Ståle & Zoë",
            # 00:30 on the day the clocks go forward is still GMT.
            "Date": "Sun, 31 Mar 2019 00:30:00 +0000"}
    for h, v in want.items():
        if str(m[h]) != v:
            fail(case, f"{h} is {m[h]!r}, not {v!r}")
    text = body_text(m, "plain")
    page = body_text(m, "html")
    if "Printed only" in text or "Printed only" in page:
        fail(case, "the printed heading (envelope=\"yes\") is in a part")
    pdf = tmp / f"{case}.pdf"
    r = render_doc(["--tree", str(HERE / "trees" / f"{case}.xml"), "-o",
                    str(pdf)])
    if r.returncode != 0 or \
            "Printed only: Every node" not in pdftext(pdf) or \
            "From: Printed only" not in pdftext(pdf):
        fail(case, f"the printed tree lacks its heading: {r.stderr!r}")
    if "*not emphasis* <b>not bold</b> [x](y)" not in text:
        fail(case, "a placeholder's Markdown was not printed literally")
    for bad in ("javascript", "<script", "alert(2)"):
        if bad in page or bad in text:
            fail(case, f"{bad!r} came through")
    links = Links()
    links.feed(page)
    if links.bad:
        fail(case, f"HTML has {links.bad}")
    # A line break in a name or the subject must not end the header.
    src = (HERE / "trees" / f"{case}.xml").read_text(encoding="utf-8")
    evil = src.replace('name="Plain Name"',
                       'name="Evil&#13;&#10;Bcc: victim@evil.example"')
    evil = evil.replace('subject="Every node',
                        'subject="Hi&#13;&#10;Bcc: other@evil.example&#10;')
    (tmp / f"{case}.md").write_text(
        (HERE / "trees" / f"{case}.md").read_text(encoding="utf-8"),
        encoding="utf-8")
    (tmp / "evil.xml").write_text(evil, encoding="utf-8")
    r = render_doc(["--tree", str(tmp / "evil.xml"), "-o",
                    str(tmp / "evil.eml")])
    if r.returncode != 0:
        fail("header-injection", f"exit {r.returncode}: {r.stderr.decode()}")
    else:
        e = email.message_from_bytes((tmp / "evil.eml").read_bytes(),
                                     policy=email.policy.default)
        if "Bcc" in e.keys() or e.defects:
            fail("header-injection", f"headers {e.keys()} {e.defects}")
        elif str(e["Subject"]) != "Hi Bcc: other@evil.example – Ståle & Zoë" \
                or "Evil Bcc: victim@evil.example" not in str(e["To"]):
            fail("header-injection", f"{e['Subject']!r} {e['To']!r}")
    for name, got in (("txt", golden(m, raw)), ("html", page)):
        exp = HERE / "trees" / f"{case}.{name}"
        if regen:
            exp.write_text(got, encoding="utf-8")
        elif not exp.exists() or exp.read_text(encoding="utf-8") != got:
            fail(case, f"differs from trees/{exp.name}:\n{got}")


def pdftext(pdf):
    r = subprocess.run(["pdftotext", "-layout", str(pdf), "-"],
                       capture_output=True, timeout=60)
    return r.stdout.decode("utf-8", "replace")


def check_pdf(tmp):
    case = "printed"
    src = EXAMPLES / "jtai-2016-eastbridge.xml"
    out = tmp / "printed.pdf"
    r = render([str(src), "--doc", "notification", "--to", "police", "-o",
                str(out)])
    if r.returncode != 0:
        fail(case, f"exit {r.returncode}: {r.stderr.decode()}")
        return
    q = subprocess.run(["qpdf", "--check", str(out)], capture_output=True)
    if q.returncode != 0:
        fail(case, f"qpdf --check: {q.stdout.decode()}")
    eml = tmp / "printed.eml"
    render([str(src), "--doc", "notification", "--to", "police", "-o",
            str(eml)])
    m = email.message_from_bytes(eml.read_bytes(),
                                 policy=email.policy.default)
    text = plain(pdftext(out))
    for w in ("From: " + str(m["From"]), "To: " + str(m["To"]),
              "Cc: " + str(m["Cc"]), "Subject: " + str(m["Subject"]),
              "Sent: Tuesday 15 November 2016 09:30"):
        if plain(w) not in text:
            fail(case, f"the PDF lacks {w!r}")
        elif text.count(plain(w)) != 1:
            fail(case, f"the PDF has {w!r} more than once")
    body = plain(body_text(m, "plain").split("\n\n")[2])
    if body not in text:
        fail(case, f"the PDF lacks the body's {body!r}")
    elif text.index(body) < text.index("Subject:"):
        fail(case, "the PDF's heading is not above the body")
    for part in ("plain", "html"):
        if "Sent:" in body_text(m, part) or "Subject:" in body_text(m, part):
            fail(case, f"the {part} part repeats the printed heading")
    # The heading is the stylesheet's: in the document tree, marked.
    tree = tmp / "printed.xml"
    render([str(src), "--doc", "notification", "--to", "police", "-o",
            str(tree)])
    if tree.read_text(encoding="utf-8").count('envelope="yes"') != 2:
        fail(case, "the tree lacks the heading's two envelope blocks")


def main():
    global FINDINGS, RENDER_DOC, TEMPLATES, EXAMPLES, USE_FINDINGS
    args = sys.argv[1:]
    regen = fdtest.regen()
    FINDINGS, RENDER_DOC, TEMPLATES, EXAMPLES = args[0], args[1], args[2], \
        Path(args[3])
    CASES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        examples = sorted(EXAMPLES.glob("*.xml"))
        USE_FINDINGS = detect_findings(examples[0], tmp)
        print(f"emails from {'findings render' if USE_FINDINGS else 'render_doc'}")
        total = 0
        for ex in examples:
            total += len(check_example(ex, tmp, regen))
        check_tree(tmp, regen)
        check_unicode(tmp)
        check_offsets(tmp)
        check_errors(tmp)
        check_pdf(tmp)
    print(f"{total} emails from {len(examples)} examples")
    return fdtest.finish()


if __name__ == "__main__":
    sys.exit(main())
