#!/usr/bin/env python3
"""The letterhead of letters, as their readers see it.

usage: run.py FINDINGS SOURCE_DIR GROUP      REGEN=1 rewrites ref/ (images)

GROUP is one of:
  text     every example letter in the shipped style: page 1 opens with the
           marks of the letter's inspectorates (team and signatories, in
           the published order, Ofsted first; names written out here, not
           read from the templates), then Ofsted's address and contact
           lines in order, a line each, at the right, before the date; the
           PDF tags each name and each line P; the complaint
           acknowledgement carries its handler's mark only, the response
           to the statement of action every inspectorate's; a style
           without <letterhead> prints none; the HTML edition and
           plain text carry the same; a contact line is searched by the
           privacy gate like the letter's own text
  logos    a PNG logo for Ofsted and an SVG one for the CQC (made here):
           each a Figure whose /Alt is the name, the PNG one image on
           page 1, the SVG drawn as vectors, tests/pdfua's Matterhorn
           checks pass; librsvg is loaded only when an SVG logo is used
           (LD_DEBUG); the HTML edition embeds both as data: images with
           the names as alt, and axe-core (tests/html/axe.js) finds
           nothing; findings typeset fills a dumped tree's letterhead too
  hostile  logos that are missing, a folder, a pipe, /dev/zero, larger than
           2 MB, text, truncated, damaged, 100 000 pixels a side, with no
           pixels, an SVG with entities, without a size, broken, and an SVG
           reaching for other files: each STYLE:LINE:COL: error at its
           logo= (the last drawn without reading anything), exit 1, no
           file written, within a time limit
  images   page 1 of the Eastbridge letter with both logos, at 40 dpi in
           grey, against the reviewed reference in ref/

Only the standard library and /usr/bin/python3's pikepdf.
"""

import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
import fdtest  # noqa: E402

FINDINGS, SRC, GROUP = sys.argv[1], sys.argv[2], sys.argv[3]
HERE = os.path.dirname(os.path.abspath(__file__))
REGEN = os.environ.get("REGEN") == "1"
FAILS = []

NAMES = {"ofsted": "Ofsted", "cqc": "Care Quality Commission",
         "hmic": "HMI Constabulary",
         "hmicfrs": "HMI Constabulary and Fire & Rescue Services",
         "hmi-probation": "HMI Probation"}
# jtai-2019 names HMICFRS and HMI Probation as its time did.
NAMES_2019 = dict(NAMES, hmicfrs="HM Inspectorate of Constabulary and Fire "
                  "& Rescue Services", **{"hmi-probation":
                                           "HM Inspectorate of Probation"})
ORDER = ["ofsted", "cqc", "hmic", "hmicfrs", "hmi-probation"]
OFSTED = ["Piccadilly Gate", "Store Street", "Manchester", "M1 2WD",
          "T 0300 123 1231", "Textphone 0161 618 8524",
          "enquiries@ofsted.gov.uk", "www.gov.uk/ofsted"]
LETTERS = ["jtai-2016-eastbridge", "jtai-2019-northshire",
           "tlai-2016-westmoor", "jtai-2015-southvale",
           "jtai-2015-ofsted-only-riverford"]


def fail(msg):
    FAILS.append(msg)


def run(args, **kw):
    kw.setdefault("timeout", 120)
    return subprocess.run(args, capture_output=True, text=True, **kw)


def example(name):
    return os.path.join(SRC, "examples", name + ".xml")


def render(src, out, doc="letter", stage="final", style=None, extra=()):
    args = [FINDINGS, "render", src, "--doc", doc, "--stage", stage,
            "-o", out] + list(extra)
    if style:
        args += ["--style", style]
    return run(args)


def page1(pdf):
    return run(["pdftotext", "-layout", "-f", "1", "-l", "1", pdf,
                "-"]).stdout


def marks_of(path):
    """The inspectorates of an example's team and signatories, in the
    published order."""
    s = open(path, encoding="utf-8").read()
    used = set(re.findall(r'inspectorate="([a-z-]+)"', s))
    return [i for i in ORDER if i in used]


def check_head(where, pdf, marks, lines, names=NAMES, right=True):
    """Page 1 opens with the marks' names, then the lines at the right,
    each on a line of its own, then the date."""
    text = page1(pdf)
    rows = text.splitlines()
    flat = " ".join(text.split())
    pos = 0
    for m in marks:
        i = flat.find(names[m], pos)
        if i < 0:
            fail("%s: mark %r not on page 1 in order" % (where, names[m]))
            return
        pos = i + len(names[m])
    for ln in lines:
        hits = [r for r in rows if r.strip() == ln]
        if len(hits) != 1:
            fail("%s: %r is not a line of its own: %r" % (where, ln, hits))
            continue
        col = hits[0].index(ln)
        if right and col < 40:
            fail("%s: %r at column %d, not at the right" % (where, ln, col))
        i = flat.find(ln, pos)
        if i < 0:
            fail("%s: %r out of order" % (where, ln))
            return
        pos = i + len(ln)
    date = re.search(r"\b\d{1,2} (January|February|March|April|May|June|"
                     r"July|August|September|October|November|December) "
                     r"\d{4}\b", flat)
    if not date or date.start() < pos:
        fail("%s: the date does not follow the letterhead" % where)


def struct_elems(pdf):
    """(role, /Alt, text of its marked content is not read) for each
    structure element, in order, with pikepdf under /usr/bin/python3."""
    code = r'''
import sys, pikepdf
p = pikepdf.open(sys.argv[1])
def walk(e):
    if isinstance(e, pikepdf.Array):
        for x in e: walk(x)
    elif isinstance(e, pikepdf.Dictionary) and "/S" in e:
        alt = e.get("/Alt")
        print(str(e.S)[1:] + "\t" + (str(alt) if alt is not None else ""))
        walk(e.get("/K"))
walk(p.Root.StructTreeRoot.get("/K"))
'''
    r = run(["/usr/bin/python3", "-c", code, pdf])
    return [tuple(l.split("\t", 1)) for l in r.stdout.splitlines()]


# ------------------------------------------------------------------ text

def group_text(tmp):
    for name in LETTERS:
        pdf = os.path.join(tmp, name + ".pdf")
        r = render(example(name), pdf)
        if r.returncode != 0:
            fail("%s: render: %s" % (name, r.stderr))
            continue
        marks = marks_of(example(name))
        names = NAMES_2019 if name.startswith("jtai-2019") else NAMES
        check_head(name, pdf, marks, OFSTED, names)
        els = struct_elems(pdf)
        roles = [e[0] for e in els if e[0] != "Span"]
        # Document, then a P a name and a P a line before anything else.
        want = ["Document"] + ["P"] * (len(marks) + len(OFSTED))
        if roles[:len(want)] != want:
            fail("%s: structure starts %s" % (name, roles[:len(want) + 2]))
        if "Figure" in roles:
            fail("%s: a Figure without a logo" % name)
        html = os.path.join(tmp, name + ".html")
        r = render(example(name), html)
        h = open(html, encoding="utf-8").read() if r.returncode == 0 else ""
        m = re.search(r'<div class="letterhead">(.*?)</div>', h, re.S)
        if not m:
            fail("%s: the HTML edition has no letterhead" % name)
        else:
            spans = re.findall(r'<span class="mark-name">([^<]*)</span>',
                               m.group(1))
            want = [names[x].replace("&", "&amp;") for x in marks]
            if spans != want:
                fail("%s: HTML marks %s" % (name, spans))
            addr = re.search(r'<address class="contact">(.*?)</address>',
                             m.group(1), re.S)
            if not addr or [l.strip() for l in addr.group(1).split("<br>")] \
                    != OFSTED:
                fail("%s: HTML contact lines %r" %
                     (name, addr.group(1) if addr else None))
            if h.find('<div class="letterhead">') > h.find("<h1"):
                fail("%s: HTML letterhead after the title" % name)
    # The complaint acknowledgement: its handler's mark; the response to
    # the statement of action: every inspectorate's.
    src = example("jtai-2016-eastbridge")
    pdf = os.path.join(tmp, "ack.pdf")
    r = render(src, pdf, "complaint-acknowledgement", extra=["--id", "cp-1"])
    if r.returncode != 0:
        fail("acknowledgement: %s" % r.stderr)
    else:
        text = page1(pdf)
        check_head("acknowledgement", pdf, ["ofsted"], OFSTED)
        head = text[:text.find("Piccadilly Gate")]
        for other in ("cqc", "hmic", "hmi-probation"):
            if NAMES[other] in head:
                fail("acknowledgement: the mark of %s" % other)
    pdf = os.path.join(tmp, "soa.pdf")
    r = render(src, pdf, "soa-response")
    if r.returncode != 0:
        fail("soa-response: %s" % r.stderr)
    else:
        check_head("soa-response", pdf, marks_of(src), OFSTED)
    # A style without a letterhead prints none: the date comes first.
    style = make_style(tmp, "plain", None)
    pdf = os.path.join(tmp, "plain.pdf")
    r = render(src, pdf, style=style)
    if r.returncode != 0:
        fail("plain style: %s" % r.stderr)
    else:
        first = [l.strip() for l in page1(pdf).splitlines() if l.strip()][0]
        if not re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", first):
            fail("plain style: page 1 starts %r" % first)
    # The lines go through the privacy gate: a case reference of the
    # evidence in a contact line stops the final letter.
    style = make_style(tmp, "leaky", {}, extra_line="Ref EB-40136")
    pdf = os.path.join(tmp, "leaky.pdf")
    r = render(src, pdf, style=style)
    if r.returncode != 1 or os.path.exists(pdf) or "EB-40136" not in r.stderr:
        fail("a case reference in a contact line: exit %d: %s" %
             (r.returncode, r.stderr))


# ----------------------------------------------------------------- logos

def chunk(kind, data):
    c = struct.pack(">I", len(data)) + kind + data
    return c + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)


SIG = b"\x89PNG\r\n\x1a\n"


def png(w, h, px):
    raw = b"".join(b"\x00" + b"".join(bytes(px(x, y)) for x in range(w))
                   for y in range(h))
    return SIG + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) \
        + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def logo_png():
    """A purple square with a white disc, and bars: 300 by 120."""
    def px(x, y):
        if x < 120:
            dx, dy = x - 60, y - 60
            return (255, 255, 255) if dx * dx + dy * dy < 900 \
                else (74, 46, 130)
        if x < 280 and (y // 12) % 2 == 0:
            return (74, 46, 130)
        return (255, 255, 255)
    return png(300, 120, px)


LOGO_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80"
     viewBox="0 0 200 80">
  <rect x="0" y="0" width="80" height="80" rx="12" fill="#00703c"/>
  <circle cx="40" cy="40" r="22" fill="#ffffff"/>
  <rect x="95" y="20" width="100" height="12" fill="#00703c"/>
  <rect x="95" y="48" width="70" height="12" fill="#00703c"/>
</svg>
"""


def make_style(tmp, name, logos, extra_line=None):
    """A copy of gov-uk.xml in its own folder with logo= for the given
    inspectorates (None: without its letterhead)."""
    d = os.path.join(tmp, "style-" + name)
    os.makedirs(d, exist_ok=True)
    shutil.copy(os.path.join(SRC, "styles", "fonts.conf"), d)
    s = open(os.path.join(SRC, "styles", "gov-uk.xml"),
             encoding="utf-8").read()
    if logos is None:
        s2 = re.sub(r"\s*<!--[^>]*?letterhead.*?</letterhead>", "", s,
                    flags=re.S)
    else:
        s2 = s
        for i, f in logos.items():
            s2 = re.sub(r'<inspectorate id="%s"' % i,
                        '<inspectorate id="%s" logo="%s"' % (i, f), s2)
        if extra_line:
            s2 = s2.replace("<line>Piccadilly Gate</line>",
                            "<line>Piccadilly Gate</line><line>%s</line>"
                            % extra_line)
    if s2 == s and logos != {}:
        raise SystemExit("make_style %s: nothing changed" % name)
    path = os.path.join(d, "gov-uk.xml")
    open(path, "w", encoding="utf-8").write(s2)
    return path


def logo_style(tmp):
    style = make_style(tmp, "logos", {"ofsted": "ofsted.png",
                                      "cqc": "cqc.svg"})
    d = os.path.dirname(style)
    open(os.path.join(d, "ofsted.png"), "wb").write(logo_png())
    open(os.path.join(d, "cqc.svg"), "w").write(LOGO_SVG)
    return style


def group_logos(tmp):
    style = logo_style(tmp)
    src = example("jtai-2016-eastbridge")
    pdf = os.path.join(tmp, "logos.pdf")
    r = render(src, pdf, style=style)
    if r.returncode != 0:
        fail("logos: render: %s" % r.stderr)
        return
    els = struct_elems(pdf)
    figs = [e for e in els if e[0] == "Figure"]
    if figs != [("Figure", "Ofsted"), ("Figure", "Care Quality Commission")]:
        fail("logos: Figures %r" % figs)
    roles = [e[0] for e in els if e[0] != "Span"]
    want = ["Document", "Figure", "Figure", "P", "P"] + ["P"] * len(OFSTED)
    if roles[:len(want)] != want:
        fail("logos: structure starts %s" % roles[:len(want)])
    check_head("logos", pdf, ["hmic", "hmi-probation"], OFSTED)
    if "Ofsted" in page1(pdf).split("Piccadilly")[0]:
        fail("logos: the name printed beside its logo")
    imgs = run(["pdfimages", "-list", "-f", "1", "-l", "1", pdf]).stdout
    n = len([l for l in imgs.splitlines()[2:] if l.strip()])
    if n != 1:
        fail("logos: %d images on page 1, not the PNG alone:\n%s" %
             (n, imgs))
    r = run(["/usr/bin/python3", os.path.join(SRC, "tests", "pdfua",
                                              "check.py"), pdf])
    if r.returncode != 0:
        fail("logos: Matterhorn: %s" % r.stdout)
    r = run(["qpdf", "--check", pdf])
    if r.returncode != 0:
        fail("logos: qpdf: %s" % r.stdout[-300:])
    # librsvg only when an SVG logo is used.
    for st, want in ((style, True), (None, False)):
        env = dict(os.environ, LD_DEBUG="files")
        out = os.path.join(tmp, "ld.pdf")
        r = run([FINDINGS, "render", src, "--doc", "letter", "-o", out] +
                (["--style", st] if st else []), env=env)
        if ("librsvg" in r.stderr) != want:
            fail("librsvg %s with %s" % ("not loaded" if want else "loaded",
                                         "SVG logos" if st else "none"))
    env = dict(os.environ, LD_DEBUG="files")
    r = run([FINDINGS, "--version"], env=env)
    if "librsvg" in r.stderr:
        fail("--version loads librsvg")
    # The HTML edition: both logos embedded, the names as alt.
    html = os.path.join(tmp, "logos.html")
    r = render(src, html, style=style)
    h = open(html, encoding="utf-8").read() if r.returncode == 0 else ""
    imgs = re.findall(r'<img src="data:(image/[a-z+]+);base64,[A-Za-z0-9+/=]+"'
                      r' alt="([^"]*)"', h)
    if imgs != [("image/png", "Ofsted"),
                ("image/svg+xml", "Care Quality Commission")]:
        fail("logos: HTML images %r" % imgs)
    if re.search(r'src="(?!data:)', h):
        fail("logos: HTML fetches something")
    if os.path.exists("/usr/bin/chromium"):
        r = run(["node", os.path.join(SRC, "tests", "html", "axe.js"),
                 "/usr/bin/chromium", html], timeout=300)
        if r.returncode != 0:
            fail("logos: axe: %s%s" % (r.stdout, r.stderr))
    else:
        print("axe skipped: no /usr/bin/chromium")
    # findings typeset fills a tree's letterhead from the style too.
    tree = os.path.join(tmp, "tree.xml")
    open(tree, "w", encoding="utf-8").write(
        '<?xml version="1.0" encoding="UTF-8"?>\n<document><meta><title>A '
        'letter</title></meta><body><letterhead><mark inspectorate="ofsted">'
        'Ofsted</mark><mark inspectorate="cqc">Care Quality Commission'
        '</mark><mark inspectorate="hmic">HMI Constabulary</mark>'
        '</letterhead><p>1 March 2017</p></body></document>\n')
    out = os.path.join(tmp, "typeset.pdf")
    r = run([FINDINGS, "typeset", tree, "--style", style, "-o", out])
    if r.returncode != 0:
        fail("typeset: %s" % r.stderr)
    elif [e for e in struct_elems(out) if e[0] == "Figure"] != figs:
        fail("typeset: the letterhead not filled")
    else:
        # A page of a few lines: pdftotext does not keep the columns.
        check_head("typeset", out, ["hmic"], OFSTED, right=False)


# --------------------------------------------------------------- hostile

def group_hostile(tmp):
    style = logo_style(tmp)
    d = os.path.dirname(style)
    good = logo_png()
    bad = bytearray(good)
    bad[60:80] = b"\xff" * 20
    files = {
        "trunc.png": good[:len(good) // 2],
        "damaged.png": bytes(bad),
        "huge.png": SIG + chunk(b"IHDR", struct.pack(
            ">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0)) +
        chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""),
        "empty.png": SIG + chunk(b"IHDR", struct.pack(
            ">IIBBBBB", 0, 10, 8, 2, 0, 0, 0)) + chunk(b"IEND", b""),
        "text.png": b"a logo, they said\n",
        "big.png": SIG + b"\0" * (2 * 1024 * 1024 + 1),
        "bomb.svg": b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a '
                    b'"aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
                    b'<svg xmlns="http://www.w3.org/2000/svg" width="9" '
                    b'height="9"><text>&b;</text></svg>',
        "nosize.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><rect '
                      b'width="9" height="9"/></svg>',
        "broken.svg": b'<svg xmlns="http://www.w3.org/2000/svg" width="9" '
                      b'height="9"><rect width="9" </svg>',
        "reach.svg": b'<svg xmlns="http://www.w3.org/2000/svg" '
                     b'xmlns:xlink="http://www.w3.org/1999/xlink" width="9" '
                     b'height="9"><image xlink:href="file:///etc/passwd" '
                     b'width="9" height="9"/><image xlink:href='
                     b'"http://192.0.2.1/x.png" width="9" height="9"/></svg>',
    }
    for f, data in files.items():
        open(os.path.join(d, f), "wb").write(data)
    os.mkdir(os.path.join(d, "folder.png"))
    os.mkfifo(os.path.join(d, "pipe.png"))
    os.symlink("/dev/zero", os.path.join(d, "zero.png"))
    cases = {"missing.png": "there is no such file",
             "folder.png": "not an ordinary file",
             "pipe.png": "not an ordinary file",
             "zero.png": "not an ordinary file",
             "big.png": "larger than 2 MB",
             "text.png": "neither a PNG nor an SVG",
             "trunc.png": "damaged",
             "damaged.png": "damaged",
             "huge.png": "larger than 4096 pixels",
             "empty.png": "no pixels",
             "bomb.svg": "DOCTYPE",
             "nosize.svg": "gives no size",
             "broken.svg": "damaged",
             "reach.svg": None}
    src = example("jtai-2016-eastbridge")
    base = open(style, encoding="utf-8").read()
    line = base[:base.index('logo="ofsted.png"')].count("\n") + 1
    col = base.index('logo="ofsted.png"') - base.rfind(
        "\n", 0, base.index('logo="ofsted.png"'))
    for f, why in cases.items():
        st = os.path.join(d, "h-" + f + ".xml")
        open(st, "w", encoding="utf-8").write(
            base.replace('logo="ofsted.png"', 'logo="%s"' % f))
        out = os.path.join(tmp, "h-" + f + ".pdf")
        args = [FINDINGS, "render", src, "--doc", "letter", "-o", out,
                "--style", st]
        kw = {}
        if f == "reach.svg" and shutil.which("strace"):
            args = ["strace", "-f", "-e", "trace=openat,connect", "-o",
                    os.path.join(tmp, "strace")] + args
            # LeakSanitizer cannot run under ptrace (the sanitizer build's
            # run of this test); the other SVGs are checked for leaks.
            kw["env"] = dict(os.environ, ASAN_OPTIONS=os.environ.get(
                "ASAN_OPTIONS", "") + ":detect_leaks=0")
        try:
            r = run(args, timeout=30, **kw)
        except subprocess.TimeoutExpired:
            fail("%s: no answer in 30 s" % f)
            continue
        if why is None:
            if r.returncode != 0:
                fail("%s: %s" % (f, r.stderr))
            if os.path.exists(os.path.join(tmp, "strace")):
                t = open(os.path.join(tmp, "strace")).read()
                if "/etc/passwd" in t or "connect(" in t:
                    fail("%s: librsvg reached out" % f)
            continue
        want = "%s:%d:%d: error: the logo %s cannot be used: " % (
            st, line, col, os.path.join(d, f))
        if r.returncode != 1 or os.path.exists(out) or \
                not r.stderr.startswith(want) or why not in r.stderr:
            fail("%s: exit %d, %s: %r" % (f, r.returncode,
                 "wrote a file" if os.path.exists(out) else "no file",
                 r.stderr))


# ---------------------------------------------------------------- images

def group_images(tmp):
    """Page 1 with four logos against its reviewed picture (fdtest: grey
    at 40 dpi, the forms' tolerance)."""
    style = logo_style(tmp)
    pdf = os.path.join(tmp, "img.pdf")
    r = render(example("jtai-2016-eastbridge"), pdf, style=style)
    if r.returncode != 0:
        fail("images: %s" % r.stderr)
        return
    fdtest.compare_document("images", pdf, tmp, os.path.join(HERE, "ref"),
                            "jtai-2016-eastbridge-letterhead", fdtest.MEAN,
                            first_only=True)
    FAILS.extend(fdtest.FAILURES)


def main():
    groups = {"text": group_text, "logos": group_logos,
              "hostile": group_hostile, "images": group_images}
    tmp = tempfile.mkdtemp(prefix="letterhead-")
    try:
        groups[GROUP](tmp)
    finally:
        if not FAILS:
            shutil.rmtree(tmp)
    for f in FAILS:
        print("FAIL:", f)
    print("%d failure(s)%s" % (len(FAILS), "; files kept in " + tmp
                              if FAILS else ""))
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main())
