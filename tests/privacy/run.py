#!/usr/bin/env python3
"""The privacy gate against a generated corpus of disguised identifiers.

A child's case reference, date of birth and email address are planted in
an evidence record of the jtai-2019 example, with a <withheld> name; then
each is written back, disguised, into one place an outgoing document
prints or carries. For every case:

  - `findings check --stage final` exits 1 and names the identifier once,
    as FILE:LINE:COL: error:, at the element it was written in;
  - `findings render --stage final` of the document that prints the place
    (the letter, or the notification email at draft) exits 1 and writes
    nothing.

Every disguise is tried in three places (a finding, the area, a link
address) and every place with one disguise of each kind; clean controls
(dates of the inspection, numbers, words near a name) must pass. A name
and an address in the notification email's envelope (its headers and the
printed heading) refuse the .eml and the .pdf. Run:
run.py FINDINGS SOURCE_DIR.
"""
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile

REF, DOB, EMAIL, NAME = "NS-48213", "3 April 2012", "jane.doe@mail.example.com", "Jayden"

DISGUISES = {
    # case references: any separator or none, any character beside
    "ref-plain": "NS-48213",
    "ref-lower": "ns-48213",
    "ref-slash": "NS-48213/NS-48214",
    "ref-under": "_NS-48213_",
    "ref-zwsp": "NS\u200b-48213",
    "ref-shy": "NS-482\u00ad13",
    "ref-wj": "NS-\u206048213",
    "ref-hyphen": "NS\u201048213",
    "ref-nbhyphen": "NS\u201148213",
    "ref-minus": "NS\u221248213",
    "ref-emdash": "NS \u2014 48213",
    "ref-fullwidth": "\uff2e\uff33\uff0d\uff14\uff18\uff12\uff11\uff13",
    "ref-spaced": "N S 4 8 2 1 3",
    "ref-none": "NS48213",
    "ref-dots": "N.S.48.213",
    "ref-cyrillic": "N\u0405-48213",
    "ref-ell": "NS-482l3",
    "ref-emph": "NS-*48213*",
    "ref-escape": "NS\\-48213",
    "ref-entity": "NS&#45;48213",
    "ref-code": "`NS-48213`",
    "ref-autolink": "<https://example.org/cases/NS-48213>",
    "ref-percent": "[file](https://example.org/%4E%53-48213)",
    "ref-double-percent": "[file](https://example.org/%254E%2553-48213)",
    "ref-superscript": "NS-\u2074\u2078213",
    "ref-modifier-colon": "NS\u02d048213",
    "ref-digit-words": "NS four eight two one three",
    # dates of birth: every written form of the date
    "dob-words": "born on the 3rd of April 2012",
    "dob-dots": "03.04.2012",
    "dob-slashes": "3/4/2012",
    "dob-short-year": "03/04/12",
    "dob-iso": "2012-04-03",
    "dob-us": "April 3, 2012",
    "dob-ordinal-words": "the third of April 2012",
    "dob-abbrev": "3-Apr-2012",
    "dob-compact": "20120403",
    "dob-dashes": "03\u201304\u20132012",
    "dob-year-words": "the third of April two thousand and twelve",
    "dob-day-of": "the 3rd day of April 2012",
    "dob-us-ordinal": "April the 3rd, '12",
    "dob-other-reading": "4 March 2012",
    "ref-greek": "\u039d\u0405-48213",
    "ref-space-number": "NS 48 213",
    "email-dot-words": "jane dot doe at mail dot example dot com",
    "email-curly": "jane.doe{at}mail{dot}example{dot}com",
    # email addresses in every common disguise
    "email-plain": "jane.doe@mail.example.com",
    "email-upper": "JANE.DOE@MAIL.EXAMPLE.COM",
    "email-at": "jane.doe at mail.example.com",
    "email-brackets": "jane.doe [at] mail [dot] example [dot] com",
    "email-parens": "jane.doe (at) mail (dot) example (dot) com",
    "email-angle": "<jane.doe@mail.example.com>",
    "email-mailto": "[write](mailto:jane.doe%40mail.example.com)",
    "email-fullwidth-at": "jane.doe\uff20mail.example.com",
    "email-zwsp": "jane.\u200bdoe@mail.example.com",
    "email-entity": "jane.doe&#64;mail.example.com",
    # withheld names, whole words
    "name-plain": "Jayden",
    "name-upper": "JAYDEN",
    "name-possessive": "Jayden's",
    "name-zwsp": "Jay\u200bden",
    "name-spaced": "J a y d e n",
    "name-cyrillic": "J\u0430yden",
    "name-emph": "**Jay**den",
    "name-accent": "Jayd\u00e9n",
    "name-digits": "J4yd3n",
}

# Clean text that must not trip the gate.
CONTROLS = {
    "clean-dates": "between 7 October 2019 and 11 October 2019",
    "clean-numbers": "48 of 213 children, 4,821 contacts",
    "clean-esn": "ESN 04 and paragraph 12",
    "clean-words": "the Jay family centre and Dennis",
    "clean-born": "a service born of the 2012 review",
    "clean-near-date": "on 5 April 2012 and 3 May 2012",
    "clean-digit-words": "NS four eight two one and three more, one of J4 and 3n",
}

# What the gate learns from the evidence's prose: (evidence text, letter
# text, whether the letter must be refused).
LEARNED = {
    "learn-labelled-number": ("Seen under LCS number 4821367 by the team.", "Case 4821367 shows it.", True),
    "learn-id-colon": ("Mosaic ID: 773412.", "In 773412 the plan was late.", True),
    "learn-nhs-groups": ("NHS number 943 476 5919 noted.", "Record 943-476-5919 was read.", True),
    "learn-lower-ref": ("Record ns-99120 read.", "NS 99120 shows.", True),
    "learn-slashed-ref": ("File CP/2019/0042 reviewed.", "CP 2019 0042 was reviewed.", True),
    "learn-dashed-ref": ("Case LA-2019-0042 reviewed.", "LA2019/0042 was reviewed.", True),
    "learn-second-of-pair": ("Files EH-21030/EH-21031 read.", "EH 21031 was read.", True),
    "learn-dotted-dob": ("Child (D.O.B. 3.4.12) seen.", "born on the third of April 2012", True),
    "learn-disguised-email": ("mother: jane.doe at mail.example.com", "jane.doe@mail.example.com", True),
    "learn-clean": ("Pre-2019 data, covid-19, the LA-2019 plan, case 2019 and number 10234 contacts.",
                    "The LA 2019 plan: 10,234 contacts since pre-2019.", False),
}


def plant_learned(src, ev, letter):
    src = src.replace('cases="NS-51027" practice="development">',
                      'cases="NS-51027" practice="development">\n      %s\n' % xml_text(ev), 1)
    return in_strength(src, letter)


def learned(findings, tmp, src, name, ev, letter, refuse):
    path = os.path.join(tmp, name + ".xml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(plant_learned(src, ev, letter))
    c = run([findings, "check", "--stage", "final", path])
    if c.returncode != (1 if refuse else 0):
        return "%s: check --stage final said %d, %s:\n%s" % (
            name, c.returncode, "a leak passed" if refuse else "a false alarm", c.stderr)
    return None


def xml_text(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_attr(s):
    return xml_text(s).replace('"', "&quot;")


def url_part(s):
    # What a link address can hold of a disguise: its visible characters.
    return re.sub(r"[\s\[\]()<>`*\\]", "", s)


def base(src):
    src = src.replace(
        'cases="NS-51027" practice="development">',
        'cases="NS-51027 NS-48213" practice="development">\n'
        "      The girl (date of birth 03/04/2012; jane.doe@mail.example.com)"
        " was seen. Raised at the JTAI-2019 planning meeting, which names no"
        " child.\n", 1)
    return src.replace("</inspection>",
                       "  <withheld>\n    <term>Jayden</term>\n  </withheld>\n"
                       "</inspection>")


# Where a disguise is written: (name, function of the source and the
# disguise, the document that prints it).
def in_strength(src, v):
    return re.sub(r'(<strength id="s-1"[^>]*>\s*)', lambda m: m.group(1) + "For " + xml_text(v) + ", ", src, 1)


def in_summary(src, v):
    return re.sub(r"(<summary>\s*)", lambda m: m.group(1) + xml_text(v) + ". ", src, 1)


def in_improvement(src, v):
    return re.sub(r'(<improvement id="i-1"[^>]*>\s*)', lambda m: m.group(1) + xml_text(v) + ": ", src, 1)


def in_case_study(src, v):
    return re.sub(r'(<case-study id="cs-1"[^>]*>\s*)', lambda m: m.group(1) + xml_text(v) + ". ", src, 1)


def in_case_study_title(src, v):
    return src.replace('title="Responding to a disclosure at school"',
                       'title="Responding to a disclosure (%s)"' % xml_attr(v), 1)


def in_area(src, v):
    return src.replace("<area>Northshire</area>", "<area>Northshire %s</area>" % xml_text(v), 1)


def in_theme(src, v):
    return src.replace(">the multi-agency response to child sexual abuse",
                       ">the multi-agency response (%s) to child sexual abuse" % xml_text(v), 1)


def in_theme_link(src, v):
    return src.replace("family-environment\"\n", "family-environment/%s\"\n" % xml_attr(url_part(v)), 1)


def in_agency(src, v):
    return src.replace('name="Northshire County Council"', 'name="Northshire County Council %s"' % xml_attr(v), 1)


def in_leader_name(src, v):
    return src.replace('name="Helen Marchbank"', 'name="Helen Marchbank %s"' % xml_attr(v), 1)


def in_leader_title(src, v):
    return src.replace('title="Director of Children\'s Services"',
                       'title="Director of Children\'s Services %s"' % xml_attr(v), 1)


def in_signatory_name(src, v):
    return src.replace('name="Catherine Ellwood"', 'name="Catherine Ellwood %s"' % xml_attr(v), 1)


def in_signatory_title(src, v):
    return src.replace('title="National Director, Social Care"',
                       'title="National Director, Social Care %s"' % xml_attr(v), 1)


def in_spoke_with(src, v):
    return src.replace('spoke-with="self"', 'spoke-with="Ann Other %s, Deputy DCS"' % xml_attr(v), 1)


def in_table(src, v):
    return re.sub(r'(<strength id="s-1"[^>]*>\s*)',
                  lambda m: m.group(1) + "| Who | What |\n| --- | --- |\n| "
                  + xml_text(v) + " | seen |\n\n", src, 1)


def in_link_text(src, v):
    return re.sub(r'(<strength id="s-1"[^>]*>\s*)',
                  lambda m: m.group(1) + "[" + xml_text(v) + "](https://example.org/a) ", src, 1)


def in_link_address(src, v):
    return re.sub(r'(<strength id="s-1"[^>]*>\s*)',
                  lambda m: m.group(1) + "[the record](https://example.org/"
                  + xml_text(url_part(v)) + ") ", src, 1)


def in_soa_review(src, v):
    return src.replace("The partnership should say how",
                       "For %s the partnership should say how" % xml_text(v), 1)


PLACES = {
    "strength": (in_strength, "letter"),
    "summary": (in_summary, "letter"),
    "improvement": (in_improvement, "letter"),
    "case-study": (in_case_study, "letter"),
    "case-study-title": (in_case_study_title, "letter"),
    "area": (in_area, "letter"),
    "theme": (in_theme, "letter"),
    "theme-link": (in_theme_link, "letter"),
    "agency": (in_agency, "letter"),
    "leader-name": (in_leader_name, "letter"),
    "leader-title": (in_leader_title, "letter"),
    "signatory-name": (in_signatory_name, "letter"),
    "signatory-title": (in_signatory_title, "letter"),
    "spoke-with": (in_spoke_with, "notification"),
    "table-cell": (in_table, "letter"),
    "link-text": (in_link_text, "letter"),
    "link-address": (in_link_address, "letter"),
    "soa-review": (in_soa_review, "soa-response"),
}

# A link address holds no spaces: disguises that are prose, not addresses.
NOT_IN_URL = ("dob-words", "dob-other-reading", "dob-year-words", "dob-day-of", "dob-us-ordinal",
              "ref-space-number", "email-dot-words", "dob-us", "dob-ordinal-words", "email-at",
              "email-brackets", "email-parens", "name-spaced", "ref-emdash",
              "ref-spaced", "email-mailto", "ref-percent", "ref-double-percent",
              "ref-autolink", "name-possessive", "ref-digit-words")


def cases():
    for d in DISGUISES:
        for p in ("strength", "area", "link-address"):
            if p == "link-address" and d in NOT_IN_URL:
                continue
            yield d, p
    for p in PLACES:
        for d in ("ref-zwsp", "dob-words", "email-at", "name-cyrillic"):
            if p in ("theme-link", "link-address") and d in NOT_IN_URL:
                continue
            if (d, p) not in (("ref-zwsp", "strength"), ("ref-zwsp", "area")):
                yield d, p


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def one(findings, tmp, src, d, p):
    put, doc = PLACES[p]
    text = put(src, DISGUISES[d])
    if text == src:
        return "%s in %s: the place was not found in the example" % (d, p)
    name = "%s--%s" % (d, p)
    path = os.path.join(tmp, name + ".xml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    c = run([findings, "check", "--stage", "final", path])
    errs = [l for l in c.stderr.splitlines() if ": error: " in l]
    if c.returncode != 1 or not errs:
        return "%s in %s: check --stage final said %d:\n%s" % (d, p, c.returncode, c.stderr)
    if not all(re.match(re.escape(path) + r":\d+:\d+: error: ", l) for l in errs):
        return "%s in %s: an error without FILE:LINE:COL:\n%s" % (d, p, c.stderr)
    if len(errs) != len(set(errs)):
        return "%s in %s: an error said twice:\n%s" % (d, p, c.stderr)
    out = os.path.join(tmp, name + (".eml" if doc == "notification" else ".pdf"))
    args = [findings, "render", path, "--doc", doc, "-o", out]
    args += ["--stage", "draft"] if doc == "notification" else ["--stage", "final"]
    if doc == "notification":
        args += ["--to", "la"]
    r = run(args)
    if r.returncode != 1 or os.path.exists(out):
        return "%s in %s: render --doc %s said %d and %s a file:\n%s" % (
            d, p, doc, r.returncode, "wrote" if os.path.exists(out) else "wrote no", r.stderr)
    # The same places, check naming every document, render its own.
    where = lambda lines: {l.split(": error: ")[0] for l in lines}
    rerrs = [l for l in r.stderr.splitlines() if ": error: " in l]
    if not rerrs or not where(rerrs) <= where(errs):
        return "%s in %s: render refused for what check did not say:\n%s\n---\n%s" % (
            d, p, r.stderr, c.stderr)
    if p == "spoke-with":
        # An email leaves on the first day: an error at any stage.
        c = run([findings, "check", "--stage", "draft", path])
        if c.returncode != 1:
            return "%s in %s: check --stage draft said %d:\n%s" % (d, p, c.returncode, c.stderr)
    if p == "area":
        # The area is in every field of the calendar.
        ics = os.path.join(tmp, name + ".ics")
        t = run([findings, "timeline", path, "--ics", ics])
        if t.returncode != 1 or os.path.exists(ics):
            return "%s in %s: timeline --ics said %d:\n%s" % (d, p, t.returncode, t.stderr)
    return None


# The email's envelope: its headers and the heading printed above it
# (the stylesheet's, envelope="yes"), both refused, as .eml and as the
# printed .pdf, for a name or address the recipient's details carry.
ENVELOPE = {
    "envelope-name": lambda src: in_leader_name(src, DISGUISES["name-cyrillic"]),
    # Copied in alone: in the Cc header and the printed Cc line only.
    "envelope-cc": lambda src: src.replace(
        'name="Robert Ashdown"', 'name="Robert Ashdown %s"' % xml_attr(DISGUISES["name-cyrillic"]), 1),
}


def envelope(findings, tmp, src, name, put):
    text = put(src)
    if text == src:
        return "%s: the place was not found in the example" % name
    path = os.path.join(tmp, name + ".xml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    for ext in ("eml", "pdf"):
        out = os.path.join(tmp, "%s.%s" % (name, ext))
        r = run([findings, "render", path, "--doc", "notification", "--to",
                 "la", "--stage", "draft", "-o", out])
        if r.returncode != 1 or os.path.exists(out) or \
                "notification email to la" not in r.stderr:
            return "%s: render .%s said %d and %s a file:\n%s" % (
                name, ext, r.returncode,
                "wrote" if os.path.exists(out) else "wrote no", r.stderr)
    c = run([findings, "check", "--stage", "draft", path])
    if c.returncode != 1:
        return "%s: check --stage draft said %d:\n%s" % (name, c.returncode, c.stderr)
    return None


def control(findings, tmp, src, name, v):
    path = os.path.join(tmp, name + ".xml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(in_strength(src, v))
    c = run([findings, "check", "--stage", "final", path])
    if c.returncode != 0:
        return "%s: a false alarm:\n%s" % (name, c.stderr)
    return None


def main():
    findings, srcdir = sys.argv[1], sys.argv[2]
    with open(os.path.join(srcdir, "examples/jtai-2019-northshire.xml"), encoding="utf-8") as f:
        plain = f.read()
        src = base(plain)
    fails = []
    with tempfile.TemporaryDirectory() as tmp:
        c = control(findings, tmp, src, "clean", "")
        if c:
            print("FAIL", c)
            return 1
        jobs = list(cases())
        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as ex:
            futs = [ex.submit(one, findings, tmp, src, d, p) for d, p in jobs]
            futs += [ex.submit(control, findings, tmp, src, n, v) for n, v in CONTROLS.items()]
            futs += [ex.submit(learned, findings, tmp, plain, n, *v) for n, v in LEARNED.items()]
            futs += [ex.submit(envelope, findings, tmp, src, n, v) for n, v in ENVELOPE.items()]
            for fu in futs:
                r = fu.result()
                if r:
                    fails.append(r)
    for f in fails:
        print("FAIL", f)
    print("%d cases, %d failures" % (len(jobs) + len(CONTROLS) + len(LEARNED) + len(ENVELOPE),
                                     len(fails)))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
