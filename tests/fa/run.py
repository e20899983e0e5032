#!/usr/bin/env python3
"""The factual accuracy round: the return form, fa-import, the change report.

usage: run.py FINDINGS SOURCE_DIR GROUP

GROUP is one of:
  form       for every example: render --doc fa-form -o x.csv has a UTF-8
             byte-order mark, CRLF records, the head row Paragraph, Text,
             Comment, Evidence and one row a numbered paragraph of the
             letter as pdftotext shows it (numbers 1..N, each Text the
             start of its paragraph); -o x.pdf prints the same rows; -o
             x.html is a usage error (exit 2, nothing written); a
             finding that begins with '=' is written inert ('=...)
  roundtrip  a spreadsheet built here as .ods (comments with commas,
             quotes, line breaks, a formula-like text), converted to CSV
             by LibreOffice headless with a semicolon separator, read by
             fa-import: the comments land with their paragraphs and ids
             fa-6.., every other byte of the inspection as it was; the
             same form again adds nothing; the fa-response prints the
             comments as typed; our own form opened by LibreOffice as
             UTF-8 CSV gives the cells we wrote, no formula
  hostile    forms that must be refused at FILE:LINE:COL with exit 1 and
             the inspection untouched: a paragraph the letter does not
             have, a comment without a paragraph, evidence without a
             comment, a missing column, an unterminated quote, a NUL,
             invalid UTF-8, UTF-16, a 40 KiB field, 5 MiB of rows;
             sixty random forms (fixed seed) never crash the import
  splice     imports into a file with CRLF lines, tab indents, an empty
             <factual-accuracy/>, none (with --received; without it an
             error): only the new text differs; permissions and a
             symbolic link kept
  changes    a revision pair with an accepted comment whose paragraph
             changed, a partly accepted one whose paragraph was rewritten
             (shown word by word, not removed and added), a rejected one,
             an accepted one with no change (a warning on stderr and in
             the report) and a change no comment asked for (the
             inspectors' own); at --stage final, which numbers no
             paragraph, one warning that the comments cannot be placed
  response   the same pair through render --doc fa-response --against
             OLD.xml: each comment's Change row (the words of its
             paragraph struck and underlined, "did not change", the
             accepted one without a change flagged, one warning on
             stderr), the counts, the inspectors' own changes listed and
             no requested one among them, the exact marks in the tree,
             the same bytes twice; without --against the paper says the
             changes cannot be shown; --against refused for another
             document (2), the file itself or another framework (1), a
             missing file (3), nothing written
  build      findings build writes REF-fa-form.csv and .pdf for every
             example, byte for byte what render --doc fa-form gives,
             citing the letter as it went for the check at any stage; a
             DEL in a finding does not stop the form, the change report
             or the fa-response; a finding that opens with a 20 000-
             character word gets a Text cell of at most 100 characters
  once       the inspection read once: given as a named pipe, which can
             be read only once (a second open waits for a writer that
             never comes), the return form at --stage final (cited at
             the factual accuracy stage), the fa-response --against,
             fa-import and the timeline finish, each what the same
             command gives on the file
"""

import csv
import io
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import zipfile
import xml.etree.ElementTree as ET

FINDINGS = None
SRC = None
FAILURES = []
EXAMPLE = "jtai-2019-northshire"


def fail(what):
    FAILURES.append(what)
    print("FAIL: " + what)


def run(args, timeout=120, **kw):
    return subprocess.run(args, capture_output=True, timeout=timeout, **kw)


def examples():
    d = os.path.join(SRC, "examples")
    return sorted(os.path.join(d, f) for f in os.listdir(d)
                  if f.endswith(".xml"))


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write(path, data):
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def history_upto(text, n):
    return re.sub(r'[ \t]*<revision n="(\d+)".*?</revision>\s*\n',
                  lambda m: m.group(0) if int(m.group(1)) <= n else "",
                  text, flags=re.S)


def form_rows(path):
    """The rows of a CSV form, head row first."""
    data = read(path)
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"),
                                       newline="")))


def letter_paras(xml, tmp, doc):
    """The numbered paragraphs of the letter at the factual accuracy stage,
    as pdftotext prints them: {number: text}."""
    pdf = os.path.join(tmp, "letter.pdf")
    r = run([FINDINGS, "render", xml, "--doc", doc, "--stage",
             "factual-accuracy", "-o", pdf])
    if r.returncode != 0:
        fail("%s: render %s: %s" % (xml, doc, r.stderr.decode()))
        return {}
    text = run(["pdftotext", "-layout", pdf, "-"]).stdout.decode()
    paras, cur = {}, None
    for line in text.splitlines():
        m = re.match(r"^(\d+)\.\s+(\S.*)$", line)
        if m and int(m.group(1)) == len(paras) + 1:
            cur = int(m.group(1))
            paras[cur] = m.group(2)
        elif cur and re.match(r"^\s{3,}\S", line):
            paras[cur] += " " + line.strip()
        else:
            cur = None
    return paras


def words(s):
    return re.findall(r"\w+", s)


# ------------------------------------------------------------------ form

def group_form(tmp):
    for xml in examples():
        name = os.path.basename(xml)
        doc = "report" if name.startswith("slac-2009") else "letter"
        out = os.path.join(tmp, "form.csv")
        r = run([FINDINGS, "render", xml, "--doc", "fa-form", "-o", out])
        if r.returncode != 0:
            fail("%s: fa-form: %s" % (name, r.stderr.decode()))
            continue
        data = read(out)
        if not data.startswith(b"\xef\xbb\xbfParagraph,Text,Comment,"
                               b"Evidence\r\n"):
            fail("%s: the form does not start with a BOM and the head "
                 "row: %r" % (name, data[:60]))
        if re.search(rb"[^\r]\n", data):
            fail("%s: a line ends in LF alone" % name)
        rows = form_rows(out)
        paras = letter_paras(xml, tmp, doc)
        nums = [int(r[0]) for r in rows[1:]]
        if not paras:
            fail("%s: the %s shows no numbered paragraphs" % (name, doc))
        if nums != sorted(paras):
            fail("%s: form rows %s, %s paragraphs %s" %
                 (name, nums, doc, sorted(paras)))
        for row in rows[1:]:
            if len(row) != 4 or row[2] or row[3]:
                fail("%s: row %s is not four columns, two empty" %
                     (name, row))
                continue
            n = int(row[0])
            want = words(paras.get(n, ""))[:6]
            got = words(row[1])[:6]
            if not row[1].endswith("\u2026") and len(words(row[1])) > 12:
                fail("%s: row %d Text is more than the first words" %
                     (name, n))
            if want[:len(got)] != got[:len(want)] or not got:
                fail("%s: row %d Text %r is not the start of %r" %
                     (name, n, row[1], paras.get(n)))
        pdf = os.path.join(tmp, "form.pdf")
        r = run([FINDINGS, "render", xml, "--doc", "fa-form", "-o", pdf])
        if r.returncode != 0:
            fail("%s: fa-form pdf: %s" % (name, r.stderr.decode()))
            continue
        text = run(["pdftotext", "-layout", pdf, "-"]).stdout.decode()
        if "Factual accuracy return form" not in text or \
                "OFFICIAL-SENSITIVE" not in text:
            fail("%s: the PDF form lacks its title or marking" % name)
        if run(["qpdf", "--check", pdf]).returncode != 0:
            fail("%s: qpdf --check fails on the form" % name)
        for n in list(paras)[:40]:
            if not re.search(r"(?m)^\s*%d\s{2,}\S" % n, text):
                fail("%s: the PDF form has no row %d" % (name, n))
                break
    # An extension the form cannot be written as: usage, nothing written.
    bad = os.path.join(tmp, "form.html")
    r = run([FINDINGS, "render", examples()[0], "--doc", "fa-form", "-o",
             bad])
    if r.returncode != 2 or os.path.exists(bad) or b".csv" not in r.stderr:
        fail("-o form.html: exit %d, %r" % (r.returncode, r.stderr))
    # A finding a spreadsheet would take for a formula stays text.
    src = read(os.path.join(SRC, "examples", EXAMPLE + ".xml")).decode()
    src2, k = re.subn(r'(<strength id="s-1"[^>]*>)\s*',
                      r'\1=HYPERLINK("http://example.com/x","click") ', src,
                      count=1)
    assert k == 1
    xml = write(os.path.join(tmp, "formula.xml"), src2)
    out = os.path.join(tmp, "formula.csv")
    r = run([FINDINGS, "render", xml, "--doc", "fa-form", "-o", out])
    if r.returncode != 0:
        fail("formula: %s" % r.stderr.decode())
        return
    cells = [row[1] for row in form_rows(out)[1:]]
    if not any(c.startswith("'=HYPERLINK(") for c in cells):
        fail("a paragraph beginning '=' is not written inert: %s" %
             [c for c in cells if "HYPERLINK" in c])
    for c in cells:
        if c[:1] in "=+-@":
            fail("a cell a spreadsheet would evaluate: %r" % c)


# ------------------------------------------------------------- roundtrip

ODS_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""


def ods(path, rows):
    """A one-sheet .ods of text cells; a cell's '\\n' is a new line."""
    from xml.sax.saxutils import escape
    body = []
    for row in rows:
        cells = []
        for c in row:
            paras = "".join("<text:p>%s</text:p>" % escape(p)
                            for p in c.split("\n"))
            cells.append('<table:table-cell office:value-type="string">'
                         '%s</table:table-cell>' % paras)
        body.append("<table:table-row>%s</table:table-row>" % "".join(cells))
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'office:version="1.2"><office:body><office:spreadsheet>'
        '<table:table table:name="Form">%s</table:table>'
        '</office:spreadsheet></office:body></office:document-content>'
        % "".join(body))
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"),
                   "application/vnd.oasis.opendocument.spreadsheet",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", ODS_MANIFEST,
                   compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)


def soffice():
    for name in ("soffice", "libreoffice", "localc"):
        p = shutil.which(name)
        if p:
            return p
    for p in ("/usr/lib/libreoffice/program/soffice",):
        if os.path.exists(p):
            return p
    return None


def opens_in_libreoffice(tmp, office, profile):
    """Our form, read by LibreOffice as UTF-8 CSV: the cells as we wrote
    them (the byte-order mark not in the first), a paragraph that begins
    '=' a text cell, no formula anywhere."""
    src = read(os.path.join(SRC, "examples", EXAMPLE + ".xml")).decode()
    src, k = re.subn(r'(<strength id="s-1"[^>]*>)\s*',
                     r'\1=HYPERLINK("http://example.com/x","click") ', src,
                     count=1)
    assert k == 1
    xml = write(os.path.join(tmp, "formula.xml"), src)
    form = os.path.join(tmp, "ours.csv")
    r = run([FINDINGS, "render", xml, "--doc", "fa-form", "-o", form])
    if r.returncode != 0:
        fail("fa-form: %s" % r.stderr.decode())
        return
    outdir = os.path.join(tmp, "lo-ours")
    run([office, "-env:UserInstallation=file://" + profile, "--headless",
         "--infilter=Text - txt - csv (StarCalc):44,34,76,1",
         "--convert-to", "ods", "--outdir", outdir, form], timeout=180)
    try:
        with zipfile.ZipFile(os.path.join(outdir, "ours.ods")) as z:
            content = z.read("content.xml").decode()
    except (OSError, KeyError, zipfile.BadZipFile) as e:
        fail("LibreOffice did not open the form: %s" % e)
        return
    ns = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
          "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0"}
    root = ET.fromstring(content)
    cells = []
    for row in root.iter("{%s}table-row" % ns["table"]):
        cells.append(["".join(c.itertext()) for c in
                      row.findall("table:table-cell", ns)])
    want = form_rows(form)
    if cells[0][:4] != ["Paragraph", "Text", "Comment", "Evidence"]:
        fail("LibreOffice reads the head row as %r" % cells[0][:4])
    if [c[:2] for c in cells[1:len(want)]] != [w[:2] for w in want[1:]]:
        fail("LibreOffice reads other cells than the form has")
    if "table:formula" in content:
        fail("LibreOffice made a formula of a cell of the form")
    if "'=HYPERLINK(" not in content.replace("&apos;", "'"):
        fail("the paragraph beginning '=' is not a text cell in LibreOffice")


COMMENTS = {
    3: 'The front door figures are for 2018-19, not 2019-20; see "Annual '
       'report", p. 4.',
    8: "Schools' leads, not all schools\nSecond line of the comment",
    12: '=HYPERLINK("http://example.com/x","click") is what we typed',
}


def group_roundtrip(tmp):
    xml_src = os.path.join(SRC, "examples", EXAMPLE + ".xml")
    ins = os.path.join(tmp, "inspection.xml")
    shutil.copy(xml_src, ins)
    before = read(ins)
    form = os.path.join(tmp, "form.csv")
    r = run([FINDINGS, "render", ins, "--doc", "fa-form", "-o", form])
    if r.returncode != 0:
        fail("fa-form: %s" % r.stderr.decode())
        return
    rows = form_rows(form)
    for row in rows[1:]:
        n = int(row[0])
        if n in COMMENTS:
            row[2] = COMMENTS[n]
            if n == 3:
                row[3] = "Annual report 2019, table 2"
    sheet = os.path.join(tmp, "filled.ods")
    ods(sheet, rows)
    office = soffice()
    if office is None:
        fail("LibreOffice is not installed (scripts/install-deps.sh "
             "installs libreoffice-calc-nogui)")
        return
    profile = os.path.join(tmp, "lo-profile")
    outdir = os.path.join(tmp, "lo")
    # 59: ';' between fields, 34: '"' around them, 76: UTF-8.
    r = run([office, "-env:UserInstallation=file://" + profile,
             "--headless", "--convert-to",
             'csv:Text - txt - csv (StarCalc):59,34,76,1',
             "--outdir", outdir, sheet], timeout=180)
    back = os.path.join(outdir, "filled.csv")
    if not os.path.exists(back):
        fail("LibreOffice wrote no CSV: %s %s" %
             (r.stdout.decode(), r.stderr.decode()))
        return
    data = read(back)
    if b";" not in data.splitlines()[0]:
        fail("LibreOffice did not write ';' between fields: %r" % data[:80])
    r = run([FINDINGS, "fa-import", ins, back, "--from", "la"])
    if r.returncode != 0:
        fail("fa-import: exit %d: %s" % (r.returncode, r.stderr.decode()))
        return
    after = read(ins)
    opens_in_libreoffice(tmp, office, profile)
    # Every other byte as it was: the file is the old one with one
    # block inserted.
    i = 0
    while i < len(before) and before[i] == after[i]:
        i += 1
    tail = len(before) - i
    if after[len(after) - tail:] != before[i:]:
        fail("fa-import changed bytes outside the block it inserted")
    block = after[i:len(after) - tail].decode()
    if "<comment" not in block or "<factual-accuracy" in block:
        fail("the inserted block is not comments: %r" % block[:200])
    root = ET.fromstring(after)
    fa = root.find("factual-accuracy")
    new = [c for c in fa.findall("comment")
           if int(c.get("id")[3:]) > 5]
    got = {int(c.get("para")): (c.get("id"), c.get("from"), c.text)
           for c in new}
    if sorted(got) != sorted(COMMENTS):
        fail("imported paragraphs %s, want %s" % (sorted(got),
                                                   sorted(COMMENTS)))
    if [c.get("id") for c in new] != ["fa-6", "fa-7", "fa-8"]:
        fail("ids do not continue fa-5: %s" % [c.get("id") for c in new])
    for n, (cid, frm, text) in got.items():
        if frm != "la":
            fail("%s is from %s, not la" % (cid, frm))
        flat = re.sub(r"\\(.)", r"\1", " ".join((text or "").split()))
        want = " ".join(COMMENTS[n].split())
        if want not in flat:
            fail("%s: %r does not hold %r" % (cid, flat, want))
    if "Evidence: Annual report 2019, table 2" not in got.get(3, ("", "", ""))[2]:
        fail("the evidence column is not in the comment on paragraph 3")
    r = run([FINDINGS, "check", "--stage", "factual-accuracy", ins])
    if r.returncode != 0:
        fail("check refuses the imported inspection: %s" % r.stderr.decode())
    # The same form twice adds nothing.
    r = run([FINDINGS, "fa-import", ins, back, "--from", "la"])
    if r.returncode != 0 or read(ins) != after:
        fail("a second import of the same form changed the inspection")
    # The comments print as typed: the formula is text.
    pdf = os.path.join(tmp, "fa-response.pdf")
    r = run([FINDINGS, "render", ins, "--doc", "fa-response", "-o", pdf])
    text = " ".join(run(["pdftotext", pdf, "-"]).stdout.decode().split())
    for want in ('=HYPERLINK("http://example.com/x","click") is what we '
                 'typed', 'see "Annual report", p. 4.'):
        if want not in text:
            fail("the fa-response does not print %r" % want)
    if b"/URI (http://example.com/x)" in read(pdf):
        fail("the typed formula became a live link")


# --------------------------------------------------------------- hostile

def group_hostile(tmp):
    src = os.path.join(SRC, "examples", EXAMPLE + ".xml")
    ins = os.path.join(tmp, "inspection.xml")
    shutil.copy(src, ins)
    before = read(ins)
    head = b"\xef\xbb\xbfParagraph,Text,Comment,Evidence\r\n"
    cases = [
        ("no such paragraph", head + b"999,x,A comment,\r\n", 2, 1,
         "has no paragraph 999"),
        ("comment without paragraph", head + b",x,A comment,\r\n", 2, 1,
         "no paragraph number"),
        ("not a number", head + b"twelve,x,A comment,\r\n", 2, 1,
         "not a paragraph number"),
        ("evidence without comment", head + b"3,x,,Some evidence\r\n", 2,
         5, "evidence but no comment"),
        ("no comment column", b"Paragraph,Text,Evidence\r\n3,x,y\r\n", 1,
         1, "no 'Comment' column"),
        ("unterminated quote", head + b'3,x,"never ends,\r\n4,y,z,\r\n', 2,
         5, "no closing quote"),
        ("text after a quote", head + b'3,x,"a"b,\r\n', 2, 8,
         "after the closing quote"),
        ("NUL", head + b"3,x,a\x00b,\r\n", 2, 6, "NUL"),
        ("invalid UTF-8", head + b"3,x,caf\xe9,\r\n", 2, 8, "not UTF-8"),
        ("UTF-16", "Paragraph,Comment\r\n".encode("utf-16"), 1, 1,
         "UTF-16"),
        ("huge field", head + b"3,x," + b"a" * 40000 + b",\r\n", 2, 5,
         "longer than"),
        ("control character", head + b"3,x,a\x1bb,\r\n", 2, 6,
         "control character"),
    ]
    for name, data, line, col, words_ in cases:
        form = write(os.path.join(tmp, "form.csv"), data)
        r = run([FINDINGS, "fa-import", ins, form], timeout=30)
        err = r.stderr.decode("utf-8", "replace")
        want = "form.csv:%d:%d: error: " % (line, col)
        if r.returncode != 1:
            fail("%s: exit %d, not 1: %s" % (name, r.returncode, err))
        if want not in err or words_ not in err:
            fail("%s: want %r ... %r, got %r" % (name, want, words_, err))
        if read(ins) != before:
            fail("%s: the inspection was changed" % name)
    # 5 MiB of rows: refused as a whole, quickly.
    form = write(os.path.join(tmp, "form.csv"),
                 head + b"3,x,,\r\n" * ((5 << 20) // 7))
    r = run([FINDINGS, "fa-import", ins, form], timeout=30)
    if r.returncode != 1 or read(ins) != before:
        fail("a 5 MiB form: exit %d" % r.returncode)
    # Random forms from the pieces spreadsheets write (a fixed seed, so
    # a failure repeats): exit 0 or 1, never a crash or a sanitizer's
    # report; an inspection changed only into one check accepts.
    rnd = random.Random(12)
    pieces = [b'"', b",", b";", b"\r", b"\n", b"\t", b"\r\n", b"a", b"3",
              b"12", b" ", b"\xef\xbb\xbf", b"\xc3\xa9", b"\xe9", b"=",
              b"<", b"&", b"\\", b"#", b"sep=;", b"Paragraph", b"Comment",
              b"Evidence", b"\x00", b"\xef\xbf\xbe", b'""', b"]]>", b"-->"]
    text = ["a", "b c", "é", "=1+1", "<b>", "&amp;", "\\", "# h", "1. x",
            "[l](http://x)", "*", "_", "`", "]]>", "-->", "\n", "\r\n", '"',
            ",", ";", " ", "Evidence:"]
    added = 0
    for i in range(60):
        shutil.copy(src, ins)
        if i % 2 == 0:
            # A well-formed form of awkward text, written by Python's csv
            # with a comma or a semicolon; now and then a hostile byte.
            out = io.StringIO()
            w = csv.writer(out, delimiter=rnd.choice(",;"),
                           lineterminator=rnd.choice(["\r\n", "\n"]))
            w.writerow(["Paragraph", "Text", "Comment", "Evidence"])
            for _ in range(rnd.randint(1, 6)):
                w.writerow([str(rnd.randint(1, 24)), "x",
                            "".join(rnd.choice(text)
                                    for _ in range(rnd.randint(1, 12))),
                            rnd.choice(["", "".join(rnd.choice(text)
                                                    for _ in range(4))])])
            data = out.getvalue().encode()
            if rnd.random() < 0.3:
                k = rnd.randint(0, len(data))
                data = data[:k] + rnd.choice(pieces) + data[k:]
        else:
            data = rnd.choice([head, b"Paragraph;Comment\n", b""]) + \
                b"".join(rnd.choice(pieces)
                         for _ in range(rnd.randint(0, 200)))
        form = write(os.path.join(tmp, "form.csv"), data)
        r = run([FINDINGS, "fa-import", ins, form, "--from", "la"],
                timeout=60)
        err = r.stderr.decode("utf-8", "replace")
        if r.returncode not in (0, 1) or "Sanitizer" in err or \
                "runtime error" in err:
            fail("random form %d: exit %d %s" % (i, r.returncode, err[-300:]))
        elif r.returncode == 1 and read(ins) != before:
            fail("random form %d: refused, yet the inspection changed" % i)
        elif r.returncode == 0 and read(ins) != before:
            added += 1
            c = run([FINDINGS, "check", "--stage", "factual-accuracy", ins])
            if c.returncode != 0:
                fail("random form %d: check refuses the result" % i)
            c = run([FINDINGS, "render", ins, "--doc", "fa-response", "-o",
                     os.path.join(tmp, "fa-response.pdf")])
            if c.returncode != 0:
                fail("random form %d: the fa-response cannot be made: %s" %
                     (i, c.stderr.decode()))
    if added < 10:
        fail("only %d of the random forms were imported" % added)
    shutil.copy(src, ins)
    # Every fault of a form at once, not only the first.
    form = write(os.path.join(tmp, "form.csv"),
                 head + b"998,x,a,\r\n3,x,fine,\r\n999,y,b,\r\n")
    r = run([FINDINGS, "fa-import", ins, form])
    err = r.stderr.decode()
    if "form.csv:2:1:" not in err or "form.csv:4:1:" not in err:
        fail("not every faulty row is reported: %r" % err)
    if read(ins) != before:
        fail("a form with faults changed the inspection")
    # Usage: --from an agency the inspection does not have.
    form = write(os.path.join(tmp, "form.csv"), head + b"3,x,a,\r\n")
    r = run([FINDINGS, "fa-import", ins, form, "--from", "nobody"])
    if r.returncode != 1 or b"no agency" not in r.stderr or \
            read(ins) != before:
        fail("--from nobody: exit %d %r" % (r.returncode, r.stderr))
    r = run([FINDINGS, "fa-import", ins, form, "--received", "2019-02-30"])
    if r.returncode != 2 or read(ins) != before:
        fail("--received 2019-02-30: exit %d" % r.returncode)
    # A spreadsheet's semicolons, CR alone, quoted line breaks: accepted.
    form = write(os.path.join(tmp, "form.csv"),
                 b'sep=;\rParagraph;Text;Comment;Evidence\r3;"a; b";'
                 b'"one\r\ntwo ""quoted""";\r')
    r = run([FINDINGS, "fa-import", ins, form])
    if r.returncode != 0:
        fail("sep=; form: %s" % r.stderr.decode())
    text = read(ins).decode()
    if 'para="3" from="la"' not in text or 'two "quoted"' not in text:
        fail("sep=; form: the comment is not in the inspection")


# ---------------------------------------------------------------- splice

def inserted(before, after):
    """The bytes after adds to before when it is before with one stretch
    put in, else None."""
    k = len(after) - len(before)
    if k <= 0:
        return None
    i = 0
    while i < len(before) and before[i] == after[i]:
        i += 1
    for at in range(i, max(i - k, 0) - 1, -1):
        if after[:at] == before[:at] and after[at + k:] == before[at:]:
            return after[at:at + k]
    return None


def group_splice(tmp):
    """fa-import into files written in other ways: CRLF lines, tabs, a
    <factual-accuracy/> with no children, none at all."""
    src = read(os.path.join(SRC, "examples", "tlai-2016-westmoor.xml"))
    nofa = re.sub(rb"\s*<factual-accuracy.*?</factual-accuracy>", b"", src,
                  flags=re.S)
    cases = {
        "crlf": (src.replace(b"\n", b"\r\n"), [],
                 b'<comment id="fa-4" para="2" from="la">\r\n      A '),
        "tabs": (nofa.replace(b"\n  ", b"\n\t"), ["--received", "2016-05-04"],
                 b"<factual-accuracy received=\"2016-05-04\" "
                 b"against-revision=\"2\">\n\t\t<comment "),
        "empty": (nofa.replace(b"</inspection>",
                               b"  <factual-accuracy received=\"2016-05-01\""
                               b" against-revision=\"2\"/>\n</inspection>"),
                  [], b">\n    <comment "),
        "none": (nofa, ["--received", "2016-05-03"],
                 b"<factual-accuracy received=\"2016-05-03\" "
                 b"against-revision=\"2\">\n    <comment "),
    }
    form = write(os.path.join(tmp, "form.csv"),
                 b"Paragraph,Text,Comment,Evidence\r\n"
                 b"2,x,\"A comment, with a comma\",\r\n")
    for name, (data, extra, want) in cases.items():
        ins = write(os.path.join(tmp, name + ".xml"), data)
        r = run([FINDINGS, "fa-import", ins, form] + extra)
        if r.returncode != 0:
            fail("%s: exit %d: %s" % (name, r.returncode, r.stderr.decode()))
            continue
        base = data
        if name == "empty":
            base = data.replace(b'against-revision="2"/>',
                                b'against-revision="2">', 1)
        put = inserted(base, read(ins))
        if put is None:
            fail("%s: more changed than one stretch put in" % name)
            continue
        if want not in read(ins):
            fail("%s: the inspection lacks %r" % (name, want))
        if name == "crlf" and re.search(rb"[^\r]\n", put):
            fail("crlf: a line of the inserted text ends in LF alone")
        r = run([FINDINGS, "check", "--stage", "factual-accuracy", ins])
        if r.returncode != 0:
            fail("%s: check refuses the result: %s" % (name, r.stderr.decode()))
    # No <factual-accuracy> and no --received: an error, the file as it was.
    ins = write(os.path.join(tmp, "nofa.xml"), nofa)
    r = run([FINDINGS, "fa-import", ins, form])
    if r.returncode != 1 or b"--received" not in r.stderr or \
            read(ins) != nofa:
        fail("no <factual-accuracy>, no --received: exit %d %r" %
             (r.returncode, r.stderr))
    # The file's permissions are kept; a symbolic link is written through.
    ins = write(os.path.join(tmp, "private.xml"), src)
    os.chmod(ins, 0o600)
    link = os.path.join(tmp, "link.xml")
    os.symlink(ins, link)
    r = run([FINDINGS, "fa-import", link, form])
    if r.returncode != 0 or not os.path.islink(link) or \
            (os.stat(ins).st_mode & 0o777) != 0o600 or read(ins) == src:
        fail("permissions or link not kept: exit %d, mode %o" %
             (r.returncode, os.stat(ins).st_mode & 0o777))


# --------------------------------------------------------------- changes

def changes_pair(tmp):
    """Revision 2 of the example as it went for the check and revision 3
    with four decided comments: fa-1 accepted and its paragraph changed,
    fa-2 partly accepted and its paragraph rewritten, fa-3 rejected, fa-4
    accepted with no change; and the inspectors' own change to the youth
    offending service's strength. Returns (old, new, {role: paragraph})."""
    src = read(os.path.join(SRC, "examples", EXAMPLE + ".xml")).decode()
    old_text = history_upto(src, 2)
    old = write(os.path.join(tmp, "rev2.xml"), old_text)
    form = os.path.join(tmp, "form.csv")
    r = run([FINDINGS, "render", old, "--doc", "fa-form", "-o", form])
    if r.returncode != 0:
        raise SystemExit("fa-form: %s" % r.stderr.decode())
    rows = form_rows(form)[1:]

    def para(start):
        for row in rows:
            if row[1].startswith(start):
                return int(row[0])
        raise SystemExit("no paragraph starts " + start)

    p_acc = para("Northshire County Council: Schools play")
    p_part = para("Northshire Healthcare NHS Foundation Trust: Children")
    p_rej = para("Children in Northshire who are at risk")
    p_none = para("The multi-agency safeguarding hub")
    new_text = history_upto(src, 3)
    fa = ('<factual-accuracy received="2019-11-22" against-revision="2">\n'
          '    <comment id="fa-1" para="%d" from="la">Schools play a major '
          'part.</comment>\n'
          '    <decision comment="fa-1" outcome="accepted" by="li">Yes.'
          '</decision>\n'
          '    <comment id="fa-2" para="%d" from="trust">NHS England '
          'commissions the centre.</comment>\n'
          '    <decision comment="fa-2" outcome="partly-accepted" by="li">'
          'In part.</decision>\n'
          '    <comment id="fa-3" para="%d" from="la">Say it is the best.'
          '</comment>\n'
          '    <decision comment="fa-3" outcome="not-accepted" by="qa">No.'
          '</decision>\n'
          '    <comment id="fa-4" para="%d" from="police">The hub opened '
          'in 2017.</comment>\n'
          '    <decision comment="fa-4" outcome="accepted" by="li">Yes.'
          '</decision>\n'
          '  </factual-accuracy>') % (p_acc, p_part, p_rej, p_none)
    new_text, k = re.subn(r"<factual-accuracy.*?</factual-accuracy>", fa,
                          new_text, flags=re.S)
    assert k == 1
    old_text2 = re.sub(r"\s*<factual-accuracy.*?</factual-accuracy>", "",
                       old_text, flags=re.S)
    write(old, old_text2)

    def edit(text, a, b):
        if a not in text:
            raise SystemExit("the example no longer has: " + a)
        return text.replace(a, b, 1)

    new_text = edit(new_text, "Schools play a significant part",
                    "Schools play a major part")
    # Rewritten as fa-2 asks, most of its words changed.
    m = re.search(r"(<strength[^>]*>)(\s*Children who disclose sexual "
                  r"abuse.*?)(</strength>)", new_text, flags=re.S)
    assert m, "the trust's strength"
    new_text = new_text.replace(
        m.group(0), m.group(1) +
        "\n      Children who disclose sexual abuse are seen quickly at the "
        "sexual assault referral centre, which NHS England commissions; "
        "CAMHS clinicians then assess risks and strengths in the family "
        "with care.\n    " + m.group(3), 1)
    # The inspectors' own change, in the youth offending service's strength.
    new_text = edit(new_text, "works well with", "works closely with")
    new = write(os.path.join(tmp, "rev3.xml"), new_text)
    return old, new, {"acc": p_acc, "part": p_part, "rej": p_rej,
                      "none": p_none}


def group_changes(tmp):
    old, new, p = changes_pair(tmp)
    p_acc, p_part, p_rej, p_none = p["acc"], p["part"], p["rej"], p["none"]
    out = os.path.join(tmp, "changes.pdf")
    r = run([FINDINGS, "diff", old, new, "-o", out])
    err = r.stderr.decode()
    if r.returncode != 0:
        fail("diff: exit %d: %s" % (r.returncode, err))
        return
    warn = [l for l in err.splitlines() if "warning:" in l]
    if len(warn) != 1 or "comment 'fa-4' is accepted, but paragraph %d " \
            "of the letter did not change" % p_none not in warn[0] or \
            not re.match(r"^\S*rev3\.xml:\d+:\d+: warning: ", warn[0]):
        fail("want one warning naming fa-4: %r" % err)
    text = run(["pdftotext", "-layout", out, "-"]).stdout.decode()
    flat = " ".join(text.split())
    for want in (
            "4 factual accuracy comments: 2 accepted, 1 partly accepted, "
            "1 not accepted.",
            "Warning: 1 accepted without a change.",
            "Comment fa-4 (Northshire Police) is accepted, but paragraph "
            "%d did not change." % p_none,
            "Paragraph %d changed" % p_acc,
            "Schools play a significant major part",
            "Comment fa-1 from Northshire County Council on paragraph %d: "
            "accepted by" % p_acc,
            "Paragraph %d changed" % p_part,
            "Comment fa-2 from Northshire Healthcare NHS Foundation Trust "
            "on paragraph %d: partly accepted by" % p_part,
            "The inspectors' own change: no comment asked for it.",
            "fa-3 %d Not accepted No change" % p_rej,
            "fa-4 %d Accepted Warning: No change" % p_none,
            "fa-1 %d Accepted Paragraph changed" % p_acc):
        if want not in flat:
            fail("the report does not say %r" % want)
    # The rewrite is one paragraph changed word by word.
    if "Paragraph %d removed" % p_part in flat or "New paragraph" in flat:
        fail("the rewritten paragraph shows as removed and added")
    # At a stage that does not number paragraphs no comment is placed:
    # one warning saying so, none that a paragraph did not change.
    r = run([FINDINGS, "diff", old, new, "--stage", "final", "-o",
             os.path.join(tmp, "final.pdf")])
    err = r.stderr.decode()
    if r.returncode != 0 or "cannot be placed" not in err or \
            "did not change" in err or len(err.splitlines()) != 1:
        fail("--stage final: exit %d, %r" % (r.returncode, err))
    text = " ".join(run(["pdftotext", os.path.join(tmp, "final.pdf"),
                         "-"]).stdout.decode().split())
    if "inspectors' own" in text or "Not placed" not in text:
        fail("--stage final: the report places comments it cannot")
    tree = os.path.join(tmp, "changes.xml")
    run([FINDINGS, "diff", old, new, "-o", tree])
    doc = ET.parse(tree).getroot()
    own = [q for q in doc.iter("quote")]
    if "works well closely with" not in flat:
        fail("the inspectors' own change is not shown word by word")
    # Which change is whose: the own-change note follows exactly the
    # youth offending paragraph and no commented one.
    blocks = re.split(r"(?=Paragraph \d+ changed)", flat)
    for b in blocks:
        if b.startswith("Paragraph %d changed" % p_acc) or \
                b.startswith("Paragraph %d changed" % p_part):
            if "inspectors' own" in b.split("Paragraph", 2)[1]:
                fail("a requested change is marked as the inspectors' own")
        if "works well closely with" in b and "inspectors' own" not in b:
            fail("the unrequested change is not marked as the inspectors'")


# -------------------------------------------------------------- response

def paper_text(pdf):
    """The paper's text in reading order (a table cell by cell) as one
    line, marks and footers left in."""
    return " ".join(run(["pdftotext", pdf, "-"]).stdout.decode().split())


def comment_block(flat, cid):
    """The text from comment cid's heading to the next heading."""
    m = re.search(r"Paragraph \d+: comment %s (.*?)(?=Paragraph \d+: comment "
                  r"fa-|The inspectors' own changes|$)" % cid, flat)
    return m.group(1) if m else ""


def group_response(tmp):
    old, new, p = changes_pair(tmp)
    pdf = os.path.join(tmp, "fa.pdf")
    r = run([FINDINGS, "render", new, "--doc", "fa-response", "--against",
             old, "-o", pdf])
    err = r.stderr.decode()
    if r.returncode != 0:
        fail("fa-response --against: exit %d: %s" % (r.returncode, err))
        return
    warn = [l for l in err.splitlines() if l]
    if len(warn) != 1 or not re.match(
            r"^\S*rev3\.xml:\d+:\d+: warning: comment 'fa-4' is accepted, "
            r"but paragraph %d of the letter did not change$" % p["none"],
            warn[0]):
        fail("fa-response --against: want one warning naming fa-4: %r" % err)
    flat = paper_text(pdf)
    for want in (
            "Changes made Compared with revision 2 of 11 November 2019 "
            "(rev2.xml), the letter as it went for the check",
            "Paragraphs changed, added or removed 3",
            "Asked for by a comment accepted in whole or part 2",
            "The inspectors' own (no comment accepted asked for them) 1",
            "\u26a0 Comments accepted whose paragraph did not change 1: "
            "fa-4 (paragraph %d)" % p["none"]):
        if want not in flat:
            fail("fa-response: the paper does not say %r" % want)
    blocks = {c: comment_block(flat, c) for c in ("fa-1", "fa-2", "fa-3",
                                                  "fa-4")}
    checks = {
        "fa-1": ["Change Paragraph %d changed: " % p["acc"],
                 "Schools play a significant major part"],
        "fa-2": ["Change Paragraph %d changed: " % p["part"],
                 "which NHS England commissions"],
        "fa-3": ["Change Paragraph %d did not change." % p["rej"]],
        "fa-4": ["Change \u26a0 Accepted, but paragraph %d did not change."
                 % p["none"]],
    }
    for cid, wants in checks.items():
        for want in wants:
            if want not in blocks[cid]:
                fail("fa-response: comment %s does not say %r: %r" %
                     (cid, want, blocks[cid][:400]))
    for cid in ("fa-1", "fa-2", "fa-3"):
        if "\u26a0" in blocks[cid]:
            fail("fa-response: comment %s is flagged" % cid)
    for cid in ("fa-1", "fa-2"):
        if "inspectors' own" in blocks[cid] or "removed" in blocks[cid]:
            fail("fa-response: comment %s's change is not its own: %r" %
                 (cid, blocks[cid][:400]))
    own = flat.split("The inspectors' own changes", 1)
    own = own[1] if len(own) == 2 else ""
    if "works well closely with" not in own:
        fail("fa-response: the inspectors' own change is not listed "
             "word by word")
    if "Schools play" in own or "NHS England" in own:
        fail("fa-response: a requested change is listed as the "
             "inspectors' own")

    # The tree: each mark exactly, in the row of its comment.
    tree = os.path.join(tmp, "fa.xml")
    r = run([FINDINGS, "render", new, "--doc", "fa-response", "--against",
             old, "-o", tree])
    if r.returncode != 0:
        fail("fa-response -o x.xml: %s" % r.stderr.decode())
        return
    root = ET.parse(tree).getroot()
    rows = {}
    heading = None
    for el in root.find("body"):
        if el.tag == "h2":
            heading = "".join(el.itertext())
        elif el.tag == "table" and heading:
            for tr in el.iter("tr"):
                th = tr.find("th")
                if th is not None and th.text == "Change":
                    rows[heading] = tr.find("td")
    td = rows.get("Paragraph %d: comment fa-1" % p["acc"])
    if td is None or [e.text for e in td.iter("del")] != ["significant"] or \
            [e.text for e in td.iter("ins")] != ["major"]:
        fail("fa-response tree: fa-1's change is not significant -> major")
    td = rows.get("Paragraph %d: comment fa-3" % p["rej"])
    if td is None or list(td.iter("del")) or list(td.iter("ins")):
        fail("fa-response tree: fa-3's row shows a change")
    if len(rows) != 4:
        fail("fa-response tree: %d Change rows, want 4" % len(rows))

    # The same inputs, the same bytes.
    again = os.path.join(tmp, "fa2.pdf")
    run([FINDINGS, "render", new, "--doc", "fa-response", "--against", old,
         "-o", again])
    if read(pdf) != read(again):
        fail("fa-response --against: two renders differ")

    # Without the draft as sent: the paper says so plainly, and shows no
    # change and flags nothing.
    plain = os.path.join(tmp, "plain.pdf")
    r = run([FINDINGS, "render", new, "--doc", "fa-response", "-o", plain])
    if r.returncode != 0 or r.stderr:
        fail("fa-response alone: exit %d: %s" % (r.returncode,
                                                 r.stderr.decode()))
    flat = paper_text(plain)
    for want in ("Changes made Cannot be shown (see below)",
                 "The changes to the letter cannot be shown: this paper was "
                 "made without the letter as it went for the check"):
        if want not in flat:
            fail("fa-response alone: the paper does not say %r" % want)
    for never in ("Change Paragraph", "did not change", "inspectors' own",
                  "\u26a0 Comments accepted"):
        if never in flat:
            fail("fa-response alone: the paper says %r" % never)

    # What --against refuses, with nothing written.
    westmoor = os.path.join(SRC, "examples", "tlai-2016-westmoor.xml")
    for args, code, says in (
            (["--doc", "letter", "--against", old], 2, "--against is for"),
            (["--doc", "fa-response", "--against", new], 1,
             "this is the inspection itself"),
            (["--doc", "fa-response", "--against", westmoor], 1,
             "the framework is jtai-2019 but"),
            (["--doc", "fa-response", "--against",
              os.path.join(tmp, "nothing.xml")], 3, "cannot read")):
        out = os.path.join(tmp, "refused.pdf")
        r = run([FINDINGS, "render", new] + args + ["-o", out])
        if r.returncode != code or says not in r.stderr.decode() or \
                os.path.exists(out):
            fail("render %s: exit %d (want %d), %r" % (
                " ".join(args[:2]), r.returncode, code, r.stderr.decode()))


# ----------------------------------------------------------------- build

def group_build(tmp):
    """findings build writes the return form as CSV and PDF for every
    example, whatever stage the rest is built at, each what render gives."""
    out = os.path.join(tmp, "out")
    r = run([FINDINGS, "build", "-d", out] + examples(), timeout=300)
    if r.returncode != 0:
        fail("build: exit %d: %s" % (r.returncode, r.stderr.decode()))
        return
    for xml in examples():
        ref = ET.parse(xml).getroot().get("ref")
        for ext in ("csv", "pdf"):
            built = os.path.join(out, "%s-fa-form.%s" % (ref, ext))
            if not os.path.exists(built):
                fail("build: no %s" % os.path.basename(built))
                continue
            single = os.path.join(tmp, "single." + ext)
            r = run([FINDINGS, "render", xml, "--doc", "fa-form", "-o",
                     single])
            if r.returncode != 0 or read(single) != read(built):
                fail("build: %s is not what render --doc fa-form gives" %
                     os.path.basename(built))
        rows = form_rows(os.path.join(out, ref + "-fa-form.csv"))
        if len(rows) < 10 or [r[0] for r in rows[1:]] != \
                [str(n) for n in range(1, len(rows))]:
            fail("build: %s-fa-form.csv has rows %r" %
                 (ref, [r[0] for r in rows]))
    # At a stage whose letter numbers no paragraph the form still cites
    # the letter as it went for the check.
    final = os.path.join(tmp, "final")
    xml = os.path.join(SRC, "examples", EXAMPLE + ".xml")
    ref = ET.parse(xml).getroot().get("ref")
    r = run([FINDINGS, "build", "--stage", "pre-publication", "-d", final,
             xml], timeout=300)
    if r.returncode != 0 or \
            read(os.path.join(final, ref + "-fa-form.csv")) != \
            read(os.path.join(out, ref + "-fa-form.csv")):
        fail("build --stage pre-publication: the form is not the letter's "
             "as it went for the check: %s" % r.stderr.decode())
    # A DEL in a finding (XML lets it through; the letter prints a box):
    # the form, the change report and the fa-response are still made.
    text = read(xml).decode()
    text = text.replace("Schools play a significant part",
                        "Schools play a &#x7F; significant part", 1)
    odd = write(os.path.join(tmp, "del.xml"), text)
    for args in (["render", odd, "--doc", "fa-form", "-o",
                  os.path.join(tmp, "del.csv")],
                 ["diff", xml, odd, "-o", os.path.join(tmp, "del.pdf")],
                 ["render", odd, "--doc", "fa-response", "--against", xml,
                  "-o", os.path.join(tmp, "del-fa.pdf")]):
        r = run([FINDINGS] + args)
        if r.returncode != 0 or b"error:" in r.stderr:
            fail("a DEL in a finding: %s: exit %d: %s" % (
                args[0], r.returncode, r.stderr.decode()[-300:]))
    rows = form_rows(os.path.join(tmp, "del.csv"))
    if not any("Schools play a   significant" in row[1] or
               "Schools play a significant" in row[1] for row in rows):
        fail("a DEL in a finding: the form does not have its paragraph")
    # A finding that opens with one enormous word (a pasted link): its
    # Text cell is the word's start and an ellipsis, not the word.
    word = "x" * 20000
    text = read(xml).decode().replace(
        "Schools play a significant part", word + " Schools play a part", 1)
    big = write(os.path.join(tmp, "word.xml"), text)
    r = run([FINDINGS, "render", big, "--doc", "fa-form", "-o",
             os.path.join(tmp, "word.csv")])
    cells = [row[1] for row in form_rows(os.path.join(tmp, "word.csv"))
             if word[:50] in row[1]] if r.returncode == 0 else []
    if len(cells) != 1 or len(cells[0]) > 101 or \
            not cells[0].endswith("\u2026"):
        fail("a 20 000-character word: the Text cell is %r" %
             [c[:120] for c in cells])


# ------------------------------------------------------------------ once

def through_pipe(tmp, name, data, args, path_at, back=None):
    """Runs findings with args, args[path_at] replaced by a named pipe
    that data is written into once. With back (a list), what the program
    then writes into the pipe (fa-import writes its result over its
    input, into the pipe as into a device) is read and appended to it.
    Returns the run, or None after a time-out (the program opened the
    pipe a second time)."""
    fifo = os.path.join(tmp, name)
    if os.path.lexists(fifo):
        os.unlink(fifo)
    os.mkfifo(fifo)

    def feed():
        try:
            with open(fifo, "wb") as f:
                f.write(data)
            if back is not None:
                with open(fifo, "rb") as f:
                    back.append(f.read())
        except OSError:
            pass
    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    args = list(args)
    args[path_at] = fifo
    try:
        return run(args, timeout=60)
    except subprocess.TimeoutExpired:
        return None
    finally:
        # Unblock the writer when the program never opened the pipe.
        if os.path.exists(fifo) and not os.path.isfile(fifo):
            try:
                fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
                os.close(fd)
            except OSError:
                pass
            # And the reader of what comes back, when nothing did.
            if back is not None and feeder.is_alive():
                try:
                    os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
                except OSError:
                    pass
        # What the program wrote back is read to its end before the
        # caller looks at it (it once looked while the feeder was still
        # reading: a flaky failure).
        feeder.join(timeout=30)


def group_once(tmp):
    src = os.path.join(SRC, "examples", EXAMPLE + ".xml")
    data = read(src)
    cases = [
        ("fa-form at final", ["render", None, "--doc", "fa-form",
                              "--stage", "final", "-o", "OUT.csv"]),
        ("timeline", ["timeline", None, "--ics", "OUT.ics"]),
    ]
    for what, args in cases:
        out = os.path.join(tmp, "pipe-" + os.path.basename(args[-1]))
        want = os.path.join(tmp, "file-" + os.path.basename(args[-1]))
        a = [FINDINGS] + [out if x and x.startswith("OUT") else x for x in args]
        r = through_pipe(tmp, "in.xml", data, a, 2)
        if r is None:
            fail("%s: the inspection was read twice (timed out)" % what)
            continue
        a = [FINDINGS] + [want if x and x.startswith("OUT") else x for x in args]
        a[2] = src
        w = run(a)
        if r.returncode != 0 or w.returncode != 0:
            fail("%s: exit %d, %d: %s" % (what, r.returncode, w.returncode,
                                          r.stderr.decode()))
        elif r.stdout != w.stdout or read(out) != read(want):
            fail("%s: through a pipe, not what the file gives" % what)
    old, new, _ = changes_pair(tmp)
    paper = os.path.join(tmp, "pipe-fa.pdf")
    r = through_pipe(tmp, "rev3.xml", read(new),
                     [FINDINGS, "render", None, "--doc", "fa-response",
                      "--against", old, "-o", paper], 2)
    if r is None:
        fail("fa-response --against: the inspection was read twice")
    elif r.returncode != 0 or not os.path.getsize(paper):
        fail("fa-response --against through a pipe: exit %d: %s" %
             (r.returncode, r.stderr.decode()))
    form = os.path.join(tmp, "form.csv")
    if run([FINDINGS, "render", src, "--doc", "fa-form", "-o",
            form]).returncode != 0:
        fail("fa-form: cannot make the form")
        return
    rows = form_rows(form)
    rows[1][2] = "Read once."
    with open(form, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    back = []
    r = through_pipe(tmp, "import.xml", data,
                     [FINDINGS, "fa-import", None, form], 2, back)
    if r is None:
        fail("fa-import: the inspection was read twice (timed out)")
    elif r.returncode != 0 or len(back) != 1 or \
            b"<comment id=\"fa-6\"" not in back[0] or \
            b"Read once." not in back[0]:
        fail("fa-import through a pipe: exit %d: %s" %
             (r.returncode, r.stderr.decode()))


def main():
    global FINDINGS, SRC
    FINDINGS, SRC, group = sys.argv[1], sys.argv[2], sys.argv[3]
    os.environ["LC_ALL"] = "C.UTF-8"
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    with tempfile.TemporaryDirectory() as tmp:
        globals()["group_" + group](tmp)
    if FAILURES:
        print("%d failure(s)" % len(FAILURES))
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
