#!/usr/bin/env python3
"""Hostile but schema-valid inspections through the whole render path.

Each case is made here, at run time, by mutating the two examples
(jtai-2019 Northshire, tlai-2016 Westmoor), and built with
`findings build IN -d OUT` (every document). What must hold:

- exit 0, or exit 1 with FILE:LINE:COL: error lines naming the input
  (never a signal, never exit 3 for an input problem, never a sanitizer
  or Valgrind report);
- on failure the output folder is as it was: the files already there
  untouched, nothing new, no temporary file; on success every file is
  whole (PDFs end with %%EOF, emails have their MIME parts);
- no raw HTML, script or unsafe link survives into a PDF's link
  annotations (qpdf --json) or an email's HTML part, and placeholders in
  the inspectors' prose print literally (pdftotext);
- every case finishes within the guard (30 s, for sanitizer builds).
  Each case's wall time is printed.

A few cases are about paths instead: an output folder that cannot be
made or written (exit 3, a clear message), -o naming a folder, and -o (or
--ics, or a build's output) naming the input itself, which must survive.

usage: run.py FINDINGS [--wrap 'valgrind ...'] [--guard S] [--jobs N] [NAME...]
NAME selects cases by substring; --wrap prefixes every command (the
Valgrind run of .ci/run uses it with --error-exitcode) and --guard gives
such a run more time.
"""
import argparse
import concurrent.futures
import email
import email.policy
import json
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "..", "examples")
GUARD = 30.0
SENTINEL = b"an older file that a failed build must leave alone\n"
NS = open(os.path.join(EXAMPLES, "jtai-2019-northshire.xml"), encoding="utf-8").read()
WM = open(os.path.join(EXAMPLES, "tlai-2016-westmoor.xml"), encoding="utf-8").read()
PROSE = ("summary", "strength", "improvement", "priority-action", "case-study",
         "record", "issues", "response", "evaluation", "comment", "decision",
         "revision", "complaint", "statement-of-action-review")
SAFE_SCHEMES = ("http:", "https:", "mailto:")


def xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr_escape(s):
    return xml_escape(s).replace('"', "&quot;")


def set_prose(doc, tag, text, index=0, escape=True):
    """The content of the index-th <tag> element becomes text."""
    body = xml_escape(text) if escape else text
    ms = list(re.finditer(r"(<%s\b[^>]*>)(.*?)(</%s>)" % (tag, tag), doc, re.S))
    m = ms[index]
    return doc[:m.start(2)] + body + doc[m.end(2):]


def every_prose(doc, text, escape=True):
    """Every prose element says text."""
    body = xml_escape(text) if escape else text
    for tag in PROSE:
        doc = re.sub(r"(<%s\b[^>]*>)(.*?)(</%s>)" % (tag, tag),
                     lambda m: m.group(1) + body + m.group(3), doc, flags=re.S)
    return doc


def set_attr(doc, tag, attr, value, index=0):
    """attr= of the index-th <tag> element becomes value."""
    ms = list(re.finditer(r"<%s\b[^>]*>" % tag, doc))
    m = ms[index]
    start = m.group(0)
    new = re.sub(r'(\s%s=")[^"]*(")' % attr, lambda k: k.group(1) + attr_escape(value) + k.group(2), start, count=1)
    return doc[:m.start()] + new + doc[m.end():]


def set_element(doc, tag, text):
    return re.sub(r"(<%s\b[^>]*>)(.*?)(</%s>)" % (tag, tag),
                  lambda m: m.group(1) + xml_escape(text) + m.group(3), doc, count=1, flags=re.S)


def insert_before(doc, marker, text):
    i = doc.index(marker)
    return doc[:i] + text + doc[i:]


def replace_block(doc, tag, text):
    """The whole <tag>...</tag> element becomes text."""
    return re.sub(r"<%s\b.*?</%s>" % (tag, tag), lambda m: text, doc, count=1, flags=re.S)


# --------------------------------------------------------------- cases

def md(text, base=NS):
    """A strength of the letter (and the trace) made of text."""
    return set_prose(base, "strength", text)


def bad_links():
    lines = [
        "[a](javascript:alert(1))", "[b](JaVaScRiPt:alert(2))", "[c](data:text/html,<script>alert(3)</script>)",
        "[d](vbscript:msgbox(4))", "[e](file:///etc/passwd)", "[f](<javascript:alert(5)>)",
        "[g](jav&#x61;script:alert(6))", "[h](&#106;avascript:alert(7))", "<javascript:alert(8)>",
        "<file:///etc/shadow>", "[i][ref]", "![j](javascript:alert(9))", "[k]( javascript:alert(10))",
        "[l](java\\script:alert(11))", "[m](%6Aavascript:alert(12))", "[n](//evil.example/x)",
        "[o](ftp://evil.example/)", "[p](http:)", "[q](mailto:)", "",
        "[ref]: javascript:alert(13)",
    ]
    return "\n\n".join(lines)


def raw_html():
    return ("<script>alert('block')</script>\n\n"
            "<iframe src=\"https://evil.example/\"></iframe>\n\n"
            "<div onclick=\"alert(1)\">div text</div>\n\n"
            "Inline <script>alert('inline')</script> and <iframe src=x></iframe> and "
            "<img src=x onerror=alert(1)> and <a href=\"javascript:alert(2)\">anchor</a> "
            "and <!-- a comment --> and <?php echo 1; ?> and <![CDATA[ x ]]> end.\n\n"
            "<style>body{display:none}</style>\n\n"
            "<img src=\"x\" onerror=\"alert(3)\">\n")


HOSTILE_VALUE = ("<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)> "
                 "<iframe src=javascript:alert(4)> *em* {{area}} {{nonexistent}} &amp; ]]> \\")


def hostile_names(doc):
    """Markup and Markdown in every value a template fills in."""
    doc = set_element(doc, "area", "Northshire " + HOSTILE_VALUE)
    doc = set_element(doc, "theme", "the theme " + HOSTILE_VALUE)
    doc = set_attr(doc, "theme", "link", "javascript:alert(5)")
    for i in range(3):
        doc = set_attr(doc, "leader", "name", "Leader %d %s" % (i, HOSTILE_VALUE), index=i)
        doc = set_attr(doc, "leader", "title", "Title " + HOSTILE_VALUE, index=i)
    doc = set_attr(doc, "member", "name", "Lead " + HOSTILE_VALUE)
    doc = set_attr(doc, "agency", "name", "Agency " + HOSTILE_VALUE)
    doc = set_attr(doc, "signatory", "name", "Signer " + HOSTILE_VALUE)
    doc = set_attr(doc, "notification", "spoke-with", "Ann " + HOSTILE_VALUE)
    return doc


def unicode_names(doc):
    odd = ["\u202eevil\u202c Rachel", "Zoe\u200d\u200cZWJ", "a" + "\u0301" * 200 + "b",
           "\U0001F468\u200d\U0001F469\u200d\U0001F467 family \U0001F600", "\u738b\u5c0f\u660e \u6771\u4eac",
           "\u0645\u062d\u0645\u062f \u0627\u0644\u0639\u0631\u0628\u064a", "\ufeffBOM\u2028line\u2029para",
           "\u0915\u094d\u0937 Devanagari \u0e01\u0e33 Thai", "\U00010348 Gothic \U0001D11E"]
    doc = set_element(doc, "area", "North\u202eshire \u0627\u0644\u0639\u0631\u0628\u064a \u5317\u4eac")
    for i, n in enumerate(odd[:5]):
        doc = set_attr(doc, "member", "name", n, index=i)
    for i, n in enumerate(odd[3:6]):
        doc = set_attr(doc, "leader", "name", n, index=i)
    doc = set_attr(doc, "agency", "name", odd[0] + " " + odd[4])
    return every_prose(doc, " ".join(odd) + " \u0627\u0644\u0644\u063a\u0629 \u0627\u0644\u0639\u0631\u0628\u064a\u0629 "
                       "\u4e2d\u6587\u6587\u672c\u6d4b\u8bd5 \ud55c\uad6d\uc5b4 \u05e2\u05d1\u05e8\u05d9\u05ea")


def many_strengths(doc, n, cite):
    recs = "".join('<record id="rx%d" esn="04" by="li" agency="la" date="2019-10-22" source="s" '
                   'practice="effective">Record %d.</record>\n' % (i, i) for i in range(cite))
    doc = insert_before(doc, "  </evidence>", recs)
    refs = " ".join("rx%d" % i for i in range(cite))
    ss = "".join('<strength id="sx%d" agencies="la" evidence="%s">Strength %d is *good*.</strength>\n'
                 % (i, refs, i) for i in range(n))
    return insert_before(doc, "    <improvement id=\"i-1\"", ss)


def amplified(doc, n):
    """One long record cited by n findings: the trace prints it n times."""
    doc = set_prose(doc, "record", ("word " * 1000 + "\n\n") * 5)
    ss = "".join('<strength id="sz%d" agencies="la" evidence="ev-001">S %d.</strength>\n' % (i, i)
                 for i in range(n))
    return insert_before(doc, "    <improvement id=\"i-1\"", ss)


def many_records(doc, n):
    recs = "".join('<record id="rx%d" esn="%02d" by="of2" agency="la" date="2019-10-22" source="s" '
                   'practice="%s">Record %d says something short.</record>\n'
                   % (i, i % 22 + 1, ("effective", "development")[i % 2], i) for i in range(n))
    return insert_before(doc, "  </evidence>", recs)


def many_leaders(doc, n):
    ls = "".join('<leader role="other" name="Leader %d" title="Officer %d" email="l%d@northshire.gov.uk"/>\n'
                 % (i, i, i) for i in range(n))
    return insert_before(doc, '      <leader role="chief-executive" name="Robert Ashdown"', ls)


def many_agencies(doc, n):
    ags = "".join('<agency id="ag%d" type="%s" name="Agency %d">'
                  '<leader role="other" name="Head %d" title="Head" email="h%d@example.org"/></agency>\n'
                  % (i, ("health", "police", "other", "probation")[i % 4], i, i, i) for i in range(n))
    return insert_before(doc, "  </agencies>", ags)


def many_concerns(doc, n):
    cs = "".join('<concern id="cx%d" category="%d" by="of2" referred="2019-10-22" agency="la" '
                 'service="Service %d" due="2019-10-23"><cases>NS-9%05d</cases>'
                 '<issues>Issue %d needs *action*.</issues></concern>\n'
                 % (i, i % 2 + 1, i, i, i) for i in range(n))
    return insert_before(doc, "  </concerns>", cs)


def many_revisions(doc, n):
    rs = "".join('<revision n="%d" stage="draft" date="2019-10-30" by="li">Revision %d.</revision>\n'
                 % (i + 10, i) for i in range(n))
    doc = insert_before(doc, '    <revision n="1"', rs)
    # Numbers must grow: renumber in order of appearance.
    k = iter(range(1, n + 10))
    return re.sub(r'<revision n="\d+"', lambda m: '<revision n="%d"' % next(k), doc)


def many_comments(doc, n):
    cs = "".join('<comment id="fx%d" para="%d" from="la">Comment %d.</comment>'
                 '<decision comment="fx%d" outcome="%s" by="li">Decision %d.</decision>\n'
                 % (i, i % 30 + 1, i, i, ("accepted", "partly-accepted", "not-accepted")[i % 3], i)
                 for i in range(n))
    return insert_before(doc, "  </factual-accuracy>", cs)


def at_dates(doc, notified):
    return set_attr(doc, "calendar", "notified", notified)


def cdata(doc):
    doc = set_prose(doc, "strength", "Text with ]]&gt; and <![CDATA[<b>not markup</b> ]]]]><![CDATA[> & **bold** ]]> end.",
                    escape=False)
    return set_prose(doc, "summary", "A ]]&gt; in the summary, and <![CDATA[ ]]> empty.", escape=False)


def char_ref(ref):
    return lambda: set_prose(NS, "strength", "A strength with %s inside." % ref, escape=False).encode()


def quad(n):
    return md("![[]()" * n)


CASES = []


def case(name, make, want=(0, 1), checks=(), error_at_input=True):
    """want: allowed exit statuses; checks: what the outputs must show."""
    CASES.append(dict(name=name, make=make, want=want, checks=checks,
                      error_at_input=error_at_input))


# Markdown pathologies: the largest blocks that fit the 64 KiB bound and
# the sizes of the brief, which the bound refuses at the input's line.
case("md-image-brackets-20000", lambda: quad(20000).encode(), want=(1,))
case("md-image-brackets-10000", lambda: quad(10000).encode(), want=(0,))
case("md-emphasis-10000", lambda: md("*a **a " * 10000).encode(), want=(1,))
case("md-emphasis-8500", lambda: md("*a **a " * 8500).encode(), want=(1,))
case("md-emphasis-4000", lambda: md("*a **a " * 4000).encode(), want=(0,))
case("md-quotes-5000-deep", lambda: md(">" * 5000 + " x").encode(), want=(1,))
case("md-quotes-11-deep", lambda: md(">" * 11 + " x").encode(), want=(0,))
case("md-lists-10000-deep", lambda: md("- " * 10000 + "x").encode(), want=(1,))
case("md-list-4000-items", lambda: md("- x\n" * 4000).encode(), want=(0,))
case("md-backticks-60k", lambda: md("`" * 61440).encode(), want=(0,))
case("md-backtick-runs", lambda: md("".join("`" * i + "x" for i in range(1, 350))).encode(), want=(1,))
case("md-backtick-runs-28k", lambda: md("".join("`" * i + "x" for i in range(1, 236))).encode(), want=(0,))
case("md-word-100k", lambda: md("w" * 102400).encode(), want=(1,))
case("md-word-60k", lambda: md("w" * 61440).encode(), want=(1,))
case("md-word-28k", lambda: md("w" * 28672).encode(), want=(0,))
case("md-links-10000", lambda: md("[a](http://x.example/) " * 10000).encode(), want=(1,))
case("md-links-5000", lambda: md("[a](http:x) " * 5000).encode(), want=(0,),
     checks=("links-safe",))
case("md-url-30k", lambda: md("[long](https://example.org/" + "a" * 30720 + ")").encode(), want=(0,),
     checks=("links-safe", "long-uri"))
case("md-unsafe-links", lambda: md(bad_links()).encode(), want=(0,), checks=("links-safe",))
case("md-raw-html", lambda: md(raw_html()).encode(), want=(0,), checks=("links-safe", "no-html-text"))
case("md-raw-html-everywhere", lambda: every_prose(NS, raw_html() + "\n" + bad_links()).encode(), want=(0,),
     checks=("links-safe", "no-html-text"))
case("md-headings-tables-code", lambda: md("# H1\n\n###### H6\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
                                          "```\ncode\n```\n\n    indented\n\n---\n\n1) one\n2) two\n\n"
                                          "99999999999. big\n\nline  \nbreak\\\nend").encode(), want=(0,))
case("md-nul-and-controls", lambda: md("tab\there &#x7F; &#x85; &#xA0; &#xAD;soft &#x200B; end",).encode(), want=(0,))
case("hostile-names", lambda: hostile_names(NS).encode(), want=(0, 1),
     checks=("links-safe", "email-safe", "literal-hostile", "literal-agency"))
case("hostile-names-westmoor", lambda: hostile_names(WM).encode(), want=(0, 1),
     checks=("links-safe", "email-safe", "literal-hostile"))
case("placeholders-in-prose", lambda: every_prose(NS, "{{area}} and {{nonexistent}} and {{ theme }}").encode(),
     want=(0,), checks=("literal-placeholders",))
case("placeholders-in-prose-westmoor", lambda: every_prose(WM, "{{area}} and {{nonexistent}}").encode(),
     want=(0,), checks=("literal-placeholders",))
case("cdata-and-end-markers", lambda: cdata(NS).encode(), want=(0,))
case("raw-cdata-end", lambda: set_prose(NS, "summary", "A ]]> in text.", escape=False).encode(), want=(1,))
# Characters: every one either prints or is reported as a missing glyph.
case("unicode-names", lambda: unicode_names(NS).encode(), want=(0,))
case("unicode-names-westmoor", lambda: unicode_names(WM).encode(), want=(0,))
case("char-ref-control", char_ref("&#x1;"), want=(1,))
case("char-ref-nul", char_ref("&#0;"), want=(1,))
case("char-ref-fffe", char_ref("&#xFFFE;"), want=(1,))
case("char-ref-ffff", char_ref("&#xFFFF;"), want=(1,))
case("char-ref-surrogate", char_ref("&#xD800;"), want=(1,))
case("char-ref-too-big", char_ref("&#x110000;"), want=(1,))
case("char-ref-c1-and-max", char_ref("&#x80;&#x9F;&#x10FFFF;&#xFDD0;"), want=(0, 1))
case("raw-control-byte", lambda: md("a\x01b").encode(), want=(1,))
# Sizes.
# Past the bounds of one document (100 000 elements, 25 000 lines, 32 KiB
# in one paragraph): an error at the inspection, naming the document.
case("strengths-2000-citing-200", lambda: many_strengths(NS, 2000, 200).encode(), want=(1,))
case("strengths-7-citing-200", lambda: many_strengths(NS, 7, 200).encode(), want=(0,))
case("strengths-24-citing-200", lambda: many_strengths(NS, 24, 200).encode(), want=(1,))
case("one-record-cited-1000-times", lambda: amplified(NS, 1000).encode(), want=(1,))
case("one-record-cited-150-times", lambda: amplified(NS, 150).encode(), want=(1,))
case("records-5000", lambda: many_records(NS, 5000).encode(), want=(1,))
case("records-1000", lambda: many_records(NS, 1000).encode(), want=(0,))
case("leaders-500", lambda: many_leaders(NS, 500).encode(), want=(0,))
case("agencies-300", lambda: many_agencies(NS, 300).encode(), want=(0,))
case("theme-50k", lambda: set_element(NS, "theme", "theme " * 8533).encode(), want=(0, 1))
case("area-50k", lambda: set_element(WM, "area", "Westmoor " * 5689).encode(), want=(0, 1))
case("name-50k", lambda: set_attr(NS, "agency", "name", "Council " * 6400).encode(), want=(0, 1))
# 1000 concerns build 1008 files in about 38 s (release), 35 ms a form:
# 100 here, for the sanitizer builds' guard.
case("concerns-100", lambda: many_concerns(NS, 100).encode(), want=(0,))
case("revisions-1000", lambda: many_revisions(NS, 1000).encode(), want=(0,))
case("fa-comments-2000", lambda: many_comments(NS, 2000).encode(), want=(1,))
case("fa-comments-500", lambda: many_comments(NS, 500).encode(), want=(0,))
# The calendar's edges.
case("date-2009-01-01", lambda: at_dates(NS, "2009-01-01").encode(), want=(0, 1))
case("date-2030-12-31", lambda: at_dates(WM, "2030-12-31").encode(), want=(0, 1))
case("date-2031-06-02", lambda: at_dates(WM, "2031-06-02").encode(), want=(0, 1))
case("date-9999-12-31", lambda: at_dates(NS, "9999-12-31").encode(), want=(0, 1))
case("date-0001-01-01", lambda: at_dates(NS, "0001-01-01").encode(), want=(0, 1))
case("date-2019-02-29", lambda: at_dates(NS, "2019-02-29").encode(), want=(1,))


# --------------------------------------------------------------- checks

def run(cmd, wrap, timeout=None):
    timeout = timeout or GUARD
    t0 = time.monotonic()
    try:
        r = subprocess.run(wrap + cmd, capture_output=True, timeout=timeout)
        out, err, code = r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace"), r.returncode
    except subprocess.TimeoutExpired:
        out, err, code = "", "hang: no answer in %.0f s" % timeout, None
    return out, err, code, time.monotonic() - t0


def reports(err):
    """Sanitizer or Valgrind reports in err."""
    for pat in ("AddressSanitizer", "LeakSanitizer", "UndefinedBehaviorSanitizer", "runtime error:",
                r"==\d+==", "Segmentation fault", "Assertion", "GLib-CRITICAL", "GLib-WARNING",
                "Pango-CRITICAL", "Pango-WARNING", "Fontconfig error", "CRITICAL"):
        if re.search(pat, err):
            return "report in stderr (%s):\n%s" % (pat, err[:3000])
    return None


def diag_problems(err, path, code, error_at_input):
    problems = []
    lines = [l for l in err.splitlines() if l.strip()]
    for l in lines:
        if not re.match(r"[^:\n]+(:\d+(:\d+)?)?: (error|warning|note): \S", l):
            problems.append("not a diagnostic line: %r" % l[:300])
            break
    if code == 1:
        errs = [l for l in lines if ": error: " in l]
        if not errs:
            problems.append("exit 1 without an error line")
        elif error_at_input:
            bad = [l for l in errs if not re.match(re.escape(path) + r":\d+:\d+: error: \S", l)]
            if bad:
                problems.append("an error not at the input's FILE:LINE:COL: %r" % bad[0][:300])
    return problems


def snapshot(folder):
    snap = {}
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if os.path.isdir(path):
            snap[name] = "a folder"
            continue
        with open(path, "rb") as f:
            snap[name] = f.read()
    return snap


def whole(path):
    """Why the file at path is not a whole document, or None."""
    with open(path, "rb") as f:
        data = f.read()
    if path.endswith(".pdf"):
        if not data.startswith(b"%PDF-") or not data.rstrip().endswith(b"%%EOF"):
            return "not a whole PDF"
    elif path.endswith(".eml"):
        msg = email.message_from_bytes(data, policy=email.policy.default)
        if msg["MIME-Version"] is None or msg.get_body(("html",)) is None or msg.get_body(("plain",)) is None:
            return "not a whole MIME message"
    elif path.endswith(".ics"):
        if not data.startswith(b"BEGIN:VCALENDAR") or not data.rstrip().endswith(b"END:VCALENDAR"):
            return "not a whole calendar"
    return None


def pdf_uris(path):
    r = subprocess.run(["qpdf", "--json=2", path], capture_output=True)
    if r.returncode not in (0, 3):
        return None
    found = []

    def walk(o):
        if isinstance(o, dict):
            for k, v in o.items():
                if k == "/URI":
                    found.append(v)
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)
    walk(json.loads(r.stdout)["qpdf"][1])
    out = []
    for v in found:
        if isinstance(v, str) and v.startswith("u:"):
            out.append(v[2:])
        elif isinstance(v, str) and v.startswith("b:"):
            out.append(bytes.fromhex(v[2:]).decode("latin-1"))
        else:
            out.append(str(v))
    return out


def pdf_text(path):
    r = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True)
    return r.stdout.decode("utf-8", "replace")


def uri_safe(u):
    return u.lower().startswith(SAFE_SCHEMES) and not re.search(r"[\x00-\x20\"<>\\]", u)


def email_problems(path):
    with open(path, "rb") as f:
        msg = email.message_from_bytes(f.read(), policy=email.policy.default)
    html = msg.get_body(("html",)).get_content()
    problems = []
    for tag in re.findall(r"<\s*([a-zA-Z!?/][^\s>]*)", html):
        t = tag.lower().lstrip("/")
        if t in ("script", "iframe", "img", "style", "object", "embed", "svg", "form", "input", "link",
                 "base") or t.startswith(("!--", "?", "![cdata")):
            problems.append("%s: HTML has a <%s> tag" % (os.path.basename(path), tag))
    for attr in re.findall(r"<[^>]*\s(on[a-z]+)\s*=", html, re.I):
        problems.append("%s: HTML has an %s= handler" % (os.path.basename(path), attr))
    for href in re.findall(r"(?:href|src)\s*=\s*\"([^\"]*)\"", html, re.I):
        if not uri_safe(href.replace("&amp;", "&")):
            problems.append("%s: HTML links to %r" % (os.path.basename(path), href[:200]))
    return problems


def output_checks(name, checks, outdir):
    problems = []
    files = sorted(os.listdir(outdir))
    pdfs = [os.path.join(outdir, f) for f in files if f.endswith(".pdf")]
    emls = [os.path.join(outdir, f) for f in files if f.endswith(".eml")]
    if "links-safe" in checks or "long-uri" in checks:
        longest = 0
        for p in pdfs:
            uris = pdf_uris(p)
            if uris is None:
                problems.append("%s: qpdf cannot read it" % os.path.basename(p))
                continue
            for u in uris:
                longest = max(longest, len(u))
                if not uri_safe(u):
                    problems.append("%s: link to %r" % (os.path.basename(p), u[:200]))
        if "long-uri" in checks and longest < 30720:
            problems.append("the 30 KiB link is not live (longest link %d bytes)" % longest)
    if "links-safe" in checks or "email-safe" in checks:
        for e in emls:
            problems += email_problems(e)
    if "no-html-text" in checks:
        for p in pdfs:
            t = pdf_text(p).lower()
            for bad in ("<script", "<iframe", "onerror", "onclick", "<style", "<?php", "display:none"):
                if bad in t:
                    problems.append("%s prints raw HTML %r" % (os.path.basename(p), bad))
    if "literal-placeholders" in checks:
        for p in pdfs:
            # The acknowledgement of a complaint prints none of its prose.
            if os.path.basename(p).endswith(("-timeline.pdf", "-coverage.pdf")) or \
                    "-complaint-acknowledgement-" in os.path.basename(p):
                continue
            t = pdf_text(p)
            if "{{nonexistent}}" not in t or "{{area}}" not in t:
                problems.append("%s does not print the prose's placeholders literally" % os.path.basename(p))
    if "literal-hostile" in checks:
        for e in emls:
            with open(e, "rb") as f:
                msg = email.message_from_bytes(f.read(), policy=email.policy.default)
            text = msg.get_body(("plain",)).get_content()
            if "<script>alert(1)</script>" not in text or "{{area}}" not in text:
                problems.append("%s: the area does not print as written" % os.path.basename(e))
        letters = [p for p in pdfs if p.endswith("-letter.pdf")]
        for p in letters:
            t = pdf_text(p)
            if "<script>alert(1)</script>" not in t:
                problems.append("%s: the area does not print as written" % os.path.basename(p))
    if "literal-agency" in checks:
        # The agency's name before its findings ("**NAME:** text", which
        # fd:md-escape makes inert): every character as written.
        want = " ".join(("Agency " + HOSTILE_VALUE + ":").split())
        for p in [p for p in pdfs if p.endswith("-letter.pdf")]:
            if want not in " ".join(pdf_text(p).split()):
                problems.append("%s: the agency's name before a finding "
                                "does not print as written" % os.path.basename(p))
    return problems


def build_case(c, tmp, findings, wrap):
    data = c["make"]()
    folder = os.path.join(tmp, c["name"])
    os.makedirs(folder)
    path = os.path.join(folder, "in.xml")
    with open(path, "wb") as f:
        f.write(data)
    outdir = os.path.join(folder, "out")
    os.makedirs(outdir)
    ref = re.search(rb'<inspection [^>]*ref="([^"]*)"', data).group(1).decode()
    # Files of an earlier build that a failed one must leave as they are.
    for doc in ("letter.pdf", "timeline.pdf", "fa-response.pdf"):
        with open(os.path.join(outdir, "%s-%s" % (ref, doc)), "wb") as f:
            f.write(SENTINEL)
    before = snapshot(outdir)
    out, err, code, dt = run([findings, "build", path, "-d", outdir], wrap)
    problems = []
    if code is None:
        problems.append(err)
    elif code < 0:
        problems.append("killed by signal %d" % -code)
    elif code not in c["want"]:
        problems.append("exit status %d, want %s" % (code, " or ".join(map(str, c["want"]))))
    rep = reports(err)
    if rep:
        problems.append(rep)
    if code is not None and code >= 0:
        problems += diag_problems(err, path, code, c["error_at_input"])
    after = snapshot(outdir)
    temps = [n for n in after if n.startswith(".")]
    if temps:
        problems.append("temporary files left: %s" % temps[:5])
    if code != 0 and after != before:
        changed = sorted(set(after) ^ set(before) | {n for n in before if after.get(n) != before[n]})
        problems.append("a failed build changed the output folder: %s" % changed[:5])
    if code == 0:
        for n in after:
            why = "left unreplaced" if after[n] == SENTINEL else "a folder" if after[n] == "a folder" \
                else whole(os.path.join(outdir, n))
            if why:
                problems.append("%s: %s" % (n, why))
                break
        problems += output_checks(c["name"], c["checks"], outdir)
    # check refuses what build refuses, at an element of the input, and
    # passes what build takes (bounds.h).
    if code in (0, 1):
        _, cerr, ccode, _ = run([findings, "check", path], wrap)
        if ccode != code:
            problems.append("check exits %s where build exits %d: %s" % (ccode, code, cerr[:300]))
        elif code == 1:
            problems += ["check: " + p for p in diag_problems(cerr, path, ccode, c["error_at_input"])]
            root = re.findall(r"^%s:(\d+:\d+): error: the \S+ cannot be made" % re.escape(path), err, re.M)
            if root and re.search(r"^%s:%s: error: " % (re.escape(path), root[0]), cerr, re.M) and \
                    not re.search(r"^%s:(?!%s:)\d+:\d+: error: " % (re.escape(path), root[0]), cerr, re.M):
                problems.append("check refuses at the root, not at an element: %r" % cerr[:300])
    nfiles = len([n for n in after if after[n] != SENTINEL])
    summary = "exit %s, %d files" % (code, nfiles)
    first = next((l for l in err.splitlines() if ": error: " in l), "")
    if first:
        summary += ": " + first[len(path):][:90]
    shutil.rmtree(folder, ignore_errors=True)
    return c["name"], dt, problems, summary


# ---------------------------------------------------------- path cases

def path_cases(tmp, findings, wrap):
    """Outputs that cannot be written, and outputs that name the input."""
    results = []
    base = os.path.join(EXAMPLES, "tlai-2016-westmoor.xml")
    folder = os.path.join(tmp, "paths")
    os.makedirs(folder)
    inp = os.path.join(folder, "in.xml")
    shutil.copy(base, inp)
    original = open(inp, "rb").read()

    def check(name, cmd, want, msg_re, keep=()):
        out, err, code, dt = run(cmd, wrap)
        problems = []
        if code != want:
            problems.append("exit status %r, want %d: %s" % (code, want, err[:300]))
        rep = reports(err)
        if rep:
            problems.append(rep)
        if not re.search(msg_re, err):
            problems.append("no clear message (%s): %r" % (msg_re, err[:300]))
        for p in keep:
            if open(p, "rb").read() != original:
                problems.append("%s was destroyed" % os.path.basename(p))
                with open(p, "wb") as f:
                    f.write(original)
        for dirpath, _, names in os.walk(folder):
            for n in names:
                if n.startswith("."):
                    problems.append("temporary file left: %s" % os.path.join(dirpath, n))
        results.append((name, dt, problems, "exit %s: %s" % (code, (err.splitlines() or [""])[0][:100])))

    missing = os.path.join(folder, "no", "such", "folder")
    check("build-missing-parent", [findings, "build", inp, "-d", missing], 3,
          r"cannot create the output folder: No such file")
    check("build-d-is-a-file", [findings, "build", inp, "-d", inp], 3, r"is not a folder", keep=(inp,))
    check("render-o-missing-folder", [findings, "render", inp, "-o", os.path.join(missing, "x.pdf")], 3,
          r"cannot write: No such file")
    check("render-o-is-a-folder", [findings, "render", inp, "-o", folder], 3, r"cannot write: Is a directory")
    check("render-o-unwritable", [findings, "render", inp, "-o", "/proc/findings-robust.pdf"], 3,
          r"cannot write")
    # A device or a pipe is written to, never replaced by a plain file
    # (as root, -o /dev/null would otherwise put a file there).
    fifo = os.path.join(folder, "fifo")
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(len(open(fifo, "rb").read())))
    reader.start()
    out, err, code, dt = run([findings, "render", inp, "--doc", "timeline", "-o", fifo], wrap)
    reader.join(GUARD)
    problems = [] if code == 0 and got and got[0] > 1000 and stat.S_ISFIFO(os.stat(fifo).st_mode) \
        else ["exit %r, %r bytes read, %s: %r" % (code, got, "still a pipe" if stat.S_ISFIFO(os.stat(fifo).st_mode)
                                                  else "replaced", err[:300])]
    results.append(("render-o-is-a-pipe", dt, problems, "exit %s" % code))
    os.unlink(fifo)
    if os.geteuid() == 0:
        null = os.path.join(folder, "null")
        os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        out, err, code, dt = run([findings, "render", inp, "--doc", "timeline", "-o", null], wrap)
        problems = [] if code == 0 and stat.S_ISCHR(os.stat(null).st_mode) \
            else ["exit %r, the device %s: %r" % (code, "kept" if stat.S_ISCHR(os.stat(null).st_mode)
                                                 else "replaced by a file", err[:300])]
        results.append(("render-o-is-a-device", dt, problems, "exit %s" % code))
        os.unlink(null)
    if os.geteuid() != 0:
        ro = os.path.join(folder, "read-only")
        os.makedirs(ro)
        os.chmod(ro, 0o555)
        check("build-read-only-folder", [findings, "build", inp, "-d", ro], 3, r"cannot write: Permission denied")
        check("render-o-read-only-folder", [findings, "render", inp, "-o", os.path.join(ro, "x.pdf")], 3,
              r"cannot write: Permission denied")
        os.chmod(ro, 0o755)
    for ext in ("xml", "pdf"):
        alias = os.path.join(folder, "in-copy." + ext)
        shutil.copy(inp, alias)
        check("render-o-is-the-input-" + ext, [findings, "render", alias, "-o", alias], 3, r"input",
              keep=(alias,))
        check("render-o-is-the-input-via-link-" + ext,
              [findings, "render", alias, "-o", os.path.join(folder, ".", "in-copy." + ext)], 3, r"input",
              keep=(alias,))
        os.unlink(alias)
    tree = os.path.join(folder, "tree.xml")
    run([findings, "render", inp, "--doc", "timeline", "-o", tree], wrap)
    tree_bytes = open(tree, "rb").read()
    out, err, code, dt = run([findings, "typeset", tree, "-o", tree], wrap)
    results.append(("typeset-o-is-the-input", dt,
                    ([] if code == 3 and open(tree, "rb").read() == tree_bytes and "input" in err
                     else ["exit %r, the tree %s: %r" % (code, "kept" if open(tree, "rb").read() == tree_bytes
                                                         else "destroyed", err[:300])]),
                    "exit %s: %s" % (code, (err.splitlines() or [""])[0][:100])))
    other = os.path.join(folder, "other.xml")
    shutil.copy(inp, other)
    check("diff-o-is-the-old-input", [findings, "diff", inp, other, "-o", inp], 3, r"input", keep=(inp, other))
    check("diff-o-is-the-new-input", [findings, "diff", inp, other, "-o", other], 3, r"input", keep=(inp, other))
    check("timeline-ics-is-the-input", [findings, "timeline", inp, "--ics", inp], 3, r"input", keep=(inp,))
    # A build whose output would replace its own input.
    named = os.path.join(folder, "TLAI-2016-WM-timeline.pdf")
    shutil.copy(inp, named)
    check("build-output-is-the-input", [findings, "build", named, "-d", folder], 3, r"input", keep=(named,))
    return results


def main():
    global GUARD
    ap = argparse.ArgumentParser()
    ap.add_argument("findings")
    ap.add_argument("names", nargs="*")
    ap.add_argument("--wrap", default="")
    ap.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1))
    ap.add_argument("--guard", type=float, default=GUARD, help="seconds a case may take")
    a = ap.parse_intermixed_args()
    GUARD = a.guard
    findings = os.path.abspath(a.findings)
    wrap = shlex.split(a.wrap)
    chosen = [c for c in CASES if not a.names or any(n in c["name"] for n in a.names)]
    t0 = time.monotonic()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        with concurrent.futures.ThreadPoolExecutor(a.jobs) as pool:
            futures = [pool.submit(build_case, c, tmp, findings, wrap) for c in chosen]
            if not a.names or any(n in "paths" for n in a.names):
                futures.append(pool.submit(path_cases, tmp, findings, wrap))
            for f in futures:
                r = f.result()
                results += r if isinstance(r, list) else [r]
                for name, dt, problems, summary in (r if isinstance(r, list) else [r]):
                    if problems:
                        print("FAIL %-34s %7.2f s  %s\n  %s" % (name, dt, summary, "\n  ".join(problems)),
                              flush=True)
                    else:
                        print("ok   %-34s %7.2f s  %s" % (name, dt, summary), flush=True)
    failed = sum(1 for r in results if r[2])
    print("%d passed, %d failed, %.1f s in all" % (len(results) - failed, failed, time.monotonic() - t0))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
