#!/usr/bin/env python3
"""Regression cases of findings timeline, and its iCalendar output.

usage: run.py FINDINGS TEMPLATES_DIR [TIMELINE_DOC]

For each cases/NAME.xml:
  - stdout must equal NAME.txt and stderr NAME.err (absent: empty); the
    exit status is 1 when NAME.err holds an error, else 0;
  - --ics is run twice: the two files must be byte-identical, and none may
    be written after an error;
  - the iCalendar file is parsed: CRLF line ends, lines folded at 75
    octets without splitting a UTF-8 character, the required properties,
    TEXT escaping, DTEND after DTSTART, unique UIDs;
  - every event's first and last day is a working day, and its dates are
    those a person gets by counting working days on the calendar: this
    script counts them itself from the timeline and calendar files and
    the inspection's closures, without the program's arithmetic;
  - the UIDs stay the same when the notified date moves, so a calendar
    program updates the events it imported instead of adding copies.
With TIMELINE_DOC (tests/timeline/timeline_doc.c: the stylesheet of
--doc timeline run on the inspection), the document tree's text must equal
NAME.doc, and its rows must carry the dates counted here, in order.
Then: SOURCE_DATE_EPOCH sets DTSTAMP; an unwritable --ics path gives exit
status 3 and leaves nothing behind; a broken timeline.xml is an error at
its line, and nothing is printed or written.

REGEN=1 (cmake --build build --target regen) rewrites NAME.txt, NAME.err
and NAME.doc from the program's
output, for review with git diff.
"""
import datetime as dt
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
DAY = dt.timedelta(days=1)


def fail(case, msg):
    fdtest.fail(f"{case}: {msg}")


def run(findings, args, env=None):
    e = dict(os.environ, LC_ALL="C.UTF-8")
    e.pop("SOURCE_DATE_EPOCH", None)
    if env:
        e.update(env)
    return subprocess.run([findings, "timeline"] + args, capture_output=True,
                          env=e, timeout=30)


# --- counting working days, independently of the program -----------------

def holidays(templates, division):
    if division == "none":
        return set()
    root = ET.parse(Path(templates) / "calendars" / f"{division}.xml").getroot()
    return {dt.date.fromisoformat(h.get("date")) for h in root.iter("holiday")}


def add_working(day, n, closed):
    def working(d):
        return d.weekday() < 5 and d not in closed
    if n == 0:
        while not working(day):
            day += DAY
    while n > 0:
        day += DAY
        n -= working(day)
    while n < 0:
        day -= DAY
        n += working(day)
    return day


def expected_dates(templates, inspection, recorded=True):
    """[(first, last)] per milestone of the framework, in file order.

    With recorded, each <calendar><actual milestone="KEY" date=""> replaces
    KEY's date and every day number after it is counted from the last
    recorded date at or before it (SPEC.md: what happened wins over the
    plan); without, the plan from the notified date alone."""
    root = ET.parse(inspection).getroot()
    cal = root.find("calendar")
    closed = holidays(templates, cal.get("holidays", "england-and-wales"))
    closed |= {dt.date.fromisoformat(n.get("date"))
               for n in cal.findall("non-working")}
    notified = dt.date.fromisoformat(cal.get("notified"))
    actual = {a.get("milestone"): dt.date.fromisoformat(a.get("date"))
              for a in cal.findall("actual")} if recorded else {}
    tl = ET.parse(Path(templates) / root.get("framework") /
                  "timeline.xml").getroot()
    n0 = int(tl.get("notification-day"))
    anchors = [(n0, notified)]
    for m in tl.findall("milestone"):
        if m.get("after"):
            continue
        for attr, day in (("key", m.get("day")),
                          ("end-key", m.get("to", m.get("day")))):
            for k in (m.get(attr) or "").split():
                if k in actual:
                    anchors.append((int(day), actual[k]))
    anchors.sort(key=lambda a: a[0])

    def count(day):
        at = anchors[0]
        for a in anchors:
            if a[0] <= day:
                at = a
        return at[1] if at[0] == day else \
            add_working(at[1], day - at[0], closed)

    dates, by_key = [], {}
    for m in tl.findall("milestone"):
        if m.get("after"):
            dates.append(None)
            continue
        a = int(m.get("day"))
        z = int(m.get("to", a))
        keys = (m.get("key") or "").split()
        ends = (m.get("end-key") or "").split()
        first = next((actual[k] for k in keys if k in actual), count(a))
        last = next((actual[k] for k in ends if k in actual),
                    first if a == z else count(z))
        dates.append((first, last))
        for k in keys:
            by_key[k] = first
        for k in ends:
            by_key[k] = last
    for i, m in enumerate(tl.findall("milestone")):
        if m.get("after"):
            d = actual.get(m.get("key")) or \
                add_working(by_key[m.get("after")], int(m.get("days")), closed)
            dates[i] = (d, d)
    return dates, closed


# --- reading iCalendar -----------------------------------------------------

def parse_ics(case, data):
    """Checks the physical form and returns the unfolded content lines."""
    if b"\r\n" not in data or re.search(rb"(?<!\r)\n", data) or \
            re.search(rb"\r(?!\n)", data):
        fail(case, "ics: line ends are not all CRLF")
    if not data.endswith(b"\r\n"):
        fail(case, "ics: no CRLF after the last line")
    physical = data.split(b"\r\n")[:-1]
    lines = []
    for i, p in enumerate(physical, 1):
        if len(p) > 75:
            fail(case, f"ics: line {i} is {len(p)} octets (more than 75)")
        try:
            p.decode("utf-8")
        except UnicodeDecodeError:
            fail(case, f"ics: line {i} splits a UTF-8 character")
        if p.startswith(b" "):
            if not lines:
                fail(case, "ics: the file starts with a continuation")
                continue
            lines[-1] += p[1:]
        else:
            lines.append(p)
    return [l.decode("utf-8", "replace") for l in lines]


def unescape(case, v):
    out, i = [], 0
    while i < len(v):
        c = v[i]
        if c == "\\":
            nxt = v[i + 1:i + 2]
            if nxt in ("\\", ";", ","):
                out.append(nxt)
            elif nxt in ("n", "N"):
                out.append("\n")
            else:
                fail(case, f"ics: bad escape \\{nxt} in {v!r}")
            i += 2
            continue
        if c in ";,":
            fail(case, f"ics: unescaped {c!r} in TEXT {v!r}")
        out.append(c)
        i += 1
    return "".join(out)


def events_of(case, lines):
    if not lines or lines[0] != "BEGIN:VCALENDAR" or lines[-1] != "END:VCALENDAR":
        fail(case, "ics: not one VCALENDAR")
        return []
    head = {}
    events, cur = [], None
    for l in lines[1:-1]:
        name, _, value = l.partition(":")
        if l == "BEGIN:VEVENT":
            cur = {}
            continue
        if l == "END:VEVENT":
            events.append(cur)
            cur = None
            continue
        target = head if cur is None else cur
        if name in target:
            fail(case, f"ics: {name} twice")
        target[name] = value
    for prop, want in (("VERSION", "2.0"), ("CALSCALE", "GREGORIAN"),
                       ("METHOD", "PUBLISH")):
        if head.get(prop) != want:
            fail(case, f"ics: {prop} is {head.get(prop)!r}, not {want}")
    if not head.get("PRODID"):
        fail(case, "ics: no PRODID")
    out = []
    for ev in events:
        for prop in ("UID", "DTSTAMP", "DTSTART;VALUE=DATE",
                     "DTEND;VALUE=DATE", "SUMMARY", "DESCRIPTION"):
            if prop not in ev:
                fail(case, f"ics: an event without {prop}")
                break
        else:
            if not re.fullmatch(r"\d{8}T\d{6}Z", ev["DTSTAMP"]):
                fail(case, f"ics: DTSTAMP {ev['DTSTAMP']!r}")
            if not ev["UID"].endswith("@findings.invalid"):
                fail(case, f"ics: UID {ev['UID']!r}")
            start = dt.datetime.strptime(ev["DTSTART;VALUE=DATE"], "%Y%m%d").date()
            end = dt.datetime.strptime(ev["DTEND;VALUE=DATE"], "%Y%m%d").date()
            if end <= start:
                fail(case, f"ics: DTEND {end} not after DTSTART {start}")
            out.append({"uid": ev["UID"], "stamp": ev["DTSTAMP"],
                        "first": start, "last": end - DAY,
                        "summary": unescape(case, ev["SUMMARY"]),
                        "description": unescape(case, ev["DESCRIPTION"])})
    uids = [e["uid"] for e in out]
    if len(set(uids)) != len(uids):
        fail(case, "ics: UIDs repeat")
    return out


# --- the cases -------------------------------------------------------------

LONG_DATE = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day \d{1,2} [A-Z][a-z]+ \d{4}"


def long_date(d):
    return f"{d:%A} {d.day} {d:%B %Y}"


def check_doc(doc_tool, templates, xml, dates, regen):
    """The stylesheet's table against the dates counted here."""
    case = xml.stem
    expect = xml.with_suffix(".doc")
    r = subprocess.run([doc_tool, templates, str(xml.relative_to(HERE))],
                       capture_output=True, timeout=30)
    if r.returncode != 0 or b"error:" in r.stderr:
        fail(case, "doc: " + r.stderr.decode())
        return
    text = r.stdout.decode()
    if regen:
        expect.write_text(text, encoding="utf-8")
    if text != expect.read_text(encoding="utf-8"):
        fail(case, f"doc: text differs from {expect.name}:\n{text}")
    rows = [re.sub(r" \(replanned\)$", "", l) for l in text.splitlines()
            if re.fullmatch(f"{LONG_DATE}( to {LONG_DATE})?( \\(replanned\\))?",
                            l)]

    def show(a, b):
        return long_date(a) if a == b else f"{long_date(a)} to {long_date(b)}"
    if ET.parse(xml).getroot().find("calendar/actual") is None:
        want = [show(a, b) for a, b in dates]
    else:
        # Side by side: the plan, then what happened unless "as planned".
        planned, _ = expected_dates(templates, xml, recorded=False)
        want = []
        root = ET.parse(xml).getroot()
        keys = {a.get("milestone") for a in root.findall("calendar/actual")}
        tl = ET.parse(Path(templates) / root.get("framework") /
                      "timeline.xml").getroot()
        for m, p, a in zip(tl.findall("milestone"), planned, dates):
            mine = set((m.get("key") or "").split() +
                       (m.get("end-key") or "").split())
            want.append(show(*p))
            if a != p or mine & keys:
                want.append(show(*a))
    if rows != want:
        fail(case, f"doc: dates {rows}, counted {want}")


def check_case(findings, templates, xml, regen, doc_tool):
    case = xml.stem
    txt, err = xml.with_suffix(".txt"), xml.with_suffix(".err")
    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp) / "a.ics", Path(tmp) / "b.ics"
        r = run(findings, [str(xml.relative_to(HERE)), "--ics", str(a),
                           "--templates", templates])
        r2 = run(findings, [str(xml.relative_to(HERE)), "--ics", str(b),
                            "--templates", templates])
        out, errtext = r.stdout.decode(), r.stderr.decode()
        if regen:
            txt.write_text(out, encoding="utf-8") if out else \
                txt.unlink(missing_ok=True)
            err.write_text(errtext, encoding="utf-8") if errtext else \
                err.unlink(missing_ok=True)
        want_out = txt.read_text(encoding="utf-8") if txt.exists() else ""
        want_err = err.read_text(encoding="utf-8") if err.exists() else ""
        if out != want_out:
            fail(case, "stdout differs from " + txt.name + ":\n" + out)
        if errtext != want_err:
            fail(case, "stderr differs from " + err.name + ":\n" + errtext)
        status = 1 if "error:" in want_err else 0
        if r.returncode != status:
            fail(case, f"exit status {r.returncode}, want {status}")
        if status != 0:
            if a.exists() or b.exists() or os.listdir(tmp):
                fail(case, "a file was written despite errors")
            return
        data, data2 = a.read_bytes(), b.read_bytes()
        if data != data2:
            fail(case, "two runs wrote different bytes")
        events = events_of(case, parse_ics(case, data))
        dates, closed = expected_dates(templates, xml)
        if len(events) != len(dates):
            fail(case, f"{len(events)} events for {len(dates)} milestones")
            return
        recorded = {dt.date.fromisoformat(a.get("date")) for a in
                    ET.parse(xml).getroot().findall("calendar/actual")}
        for ev, (first, last) in zip(events, dates):
            for d in (ev["first"], ev["last"]):
                if (d.weekday() >= 5 or d in closed) and d not in recorded:
                    fail(case, f"{ev['summary']}: {d} is not a working day")
            if (ev["first"], ev["last"]) != (first, last):
                fail(case, f"{ev['summary']}: {ev['first']}..{ev['last']}, "
                           f"counted {first}..{last}")
        check_uids_stable(findings, templates, xml, events, tmp)
        if doc_tool:
            check_doc(doc_tool, templates, xml, dates, regen)


def check_uids_stable(findings, templates, xml, events, tmp):
    """Moves the notified date on a week: same UIDs, later dates."""
    case = xml.stem
    text = xml.read_text(encoding="utf-8")
    m = re.search(r'notified="([\d-]+)"', text)
    later = dt.date.fromisoformat(m.group(1)) + 7 * DAY
    moved = Path(tmp) / xml.name
    moved.write_text(text.replace(m.group(0), f'notified="{later}"'),
                     encoding="utf-8")
    out = Path(tmp) / "moved.ics"
    r = run(findings, [str(moved), "--ics", str(out), "--templates", templates])
    if r.returncode != 0:
        fail(case, "notified a week later: " + r.stderr.decode())
        return
    ev2 = events_of(case, parse_ics(case, out.read_bytes()))
    if [e["uid"] for e in ev2] != [e["uid"] for e in events]:
        fail(case, "UIDs change when the notified date moves")
    if all(e["first"] == f["first"] for e, f in zip(ev2, events)):
        fail(case, "dates did not move with the notified date")


def check_stamp(findings, templates):
    xml = HERE / "cases" / "jtai-2019-closure.xml"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "t.ics"
        run(findings, [str(xml), "--ics", str(out), "--templates", templates],
            env={"SOURCE_DATE_EPOCH": "1500000000"})
        ev = events_of("stamp", parse_ics("stamp", out.read_bytes()))
        if not ev or any(e["stamp"] != "20170714T024000Z" for e in ev):
            fail("stamp", "SOURCE_DATE_EPOCH=1500000000 does not give "
                          "DTSTAMP:20170714T024000Z")
        run(findings, [str(xml), "--ics", str(out), "--templates", templates])
        ev = events_of("stamp", parse_ics("stamp", out.read_bytes()))
        if not ev or any(e["stamp"] != "20191007T000000Z" for e in ev):
            fail("stamp", "without SOURCE_DATE_EPOCH, DTSTAMP is not the "
                          "notified date")


def check_unwritable(findings, templates):
    xml = HERE / "cases" / "jtai-2019-closure.xml"
    with tempfile.TemporaryDirectory() as tmp:
        r = run(findings, [str(xml), "--ics", str(Path(tmp) / "no" / "t.ics"),
                           "--templates", templates])
        if r.returncode != 3 or b"cannot write" not in r.stderr:
            fail("unwritable", f"exit {r.returncode}, {r.stderr!r}")
        if r.stdout:
            fail("unwritable", "the table was printed although the file "
                               "could not be written")
        if os.listdir(tmp):
            fail("unwritable", "something was left behind")


# A broken timeline.xml (templates are data anyone may edit): each edit of
# tlai-2016's file and the message it must give.
BROKEN = [
    ('<milestone day="13" key="feedback onsite-end"',
     '<milestone day="13" key="feedback onsite-start"',
     'key "onsite-start" names more than one date'),
    ('after="publication"', 'after="publikation"',
     'after="publikation" names no milestone with a day number'),
    ('<milestone day="9" to="12"', '<milestone day="9" to="8"',
     'to="8" is before day="9"'),
    ('notification-day="0"', 'notification-day="1"',
     'no milestone key="notification" on day 1'),
    ('framework="tlai-2016"', 'framework="jtai-2016"',
     'says framework="jtai-2016"'),
    ('<milestone day="3" who="Lead inspector">',
     '<milestone day="3" who="Lead inspector" colour="red">',
     "attribute 'colour'"),
    ('<milestone day="18" key="draft-to-dcs"',
     '<milestone day="18" end-key="draft-to-dcs"',
     'end-key= names the last day of a range'),
]


def check_broken_timelines(findings, templates):
    import shutil
    xml = HERE / "cases" / "tlai-2016-easter.xml"
    for old, new, msg in BROKEN:
        with tempfile.TemporaryDirectory() as tmp:
            t = Path(tmp) / "templates"
            shutil.copytree(templates, t)
            f = t / "tlai-2016" / "timeline.xml"
            text = f.read_text(encoding="utf-8")
            if old not in text:
                fail("broken", f"{old!r} is not in tlai-2016/timeline.xml")
                continue
            f.write_text(text.replace(old, new, 1), encoding="utf-8")
            out = Path(tmp) / "t.ics"
            r = run(findings, [str(xml), "--ics", str(out), "--templates",
                               str(t)])
            err = r.stderr.decode()
            if r.returncode != 1 or msg not in err or "timeline.xml:" not in err:
                fail("broken", f"{new!r}: exit {r.returncode}, {err!r}, "
                               f"want {msg!r}")
            if r.stdout or out.exists():
                fail("broken", f"{new!r}: output despite the error")


def main():
    args = sys.argv[1:]
    regen = fdtest.regen()
    if len(args) not in (2, 3):
        sys.exit("usage: run.py FINDINGS TEMPLATES_DIR [TIMELINE_DOC]")
    findings, templates = (str(Path(a).resolve()) for a in args[:2])
    doc_tool = str(Path(args[2]).resolve()) if len(args) == 3 else None
    os.chdir(HERE)
    cases = sorted((HERE / "cases").glob("*.xml"))
    for xml in cases:
        check_case(findings, templates, xml, regen, doc_tool)
    check_stamp(findings, templates)
    check_unwritable(findings, templates)
    check_broken_timelines(findings, templates)
    print(f"timeline: {len(cases)} cases")
    sys.exit(fdtest.finish())


if __name__ == "__main__":
    main()
