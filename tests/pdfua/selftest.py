#!/usr/bin/python3
"""The font checks of check.py must fail when a font is wrong: each case
below breaks one thing in a good PDF (one with simple TrueType and Type 0
fonts, as Cairo writes them) and the checker must name the clause.

    selftest.py GOOD.pdf

Prints a line for each case the checker misses and exits 1 if any.
"""
import os
import sys
import tempfile

import pikepdf
from pikepdf import Array, Dictionary, Name

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check  # noqa: E402


def fonts(pdf, subtype):
    for page in pdf.pages:
        for _, f in page.Resources.get("/Font", Dictionary()).items():
            if f.Subtype == subtype:
                return f
    raise SystemExit("no %s font in the file" % subtype)


def used_code(pdf, font):
    """A code the first page shows in font (a simple font's first)."""
    name = next(k for k, v in pdf.pages[0].Resources.Font.items()
                if v.objgen == font.objgen)
    cur = None
    for operands, op in pikepdf.parse_content_stream(pdf.pages[0]):
        if str(op) == "Tf":
            cur = str(operands[0])
        elif str(op) in ("Tj", "TJ") and cur == name:
            for s in (operands[0] if str(op) == "TJ" else operands):
                if isinstance(s, pikepdf.String) and len(bytes(s)):
                    return bytes(s)
    raise SystemExit("the font is not used on page 1")


def no_program(pdf):
    del fonts(pdf, Name.TrueType).FontDescriptor["/FontFile2"]


def simple_width(pdf):
    f = fonts(pdf, Name.TrueType)
    c = used_code(pdf, f)[0]
    w = list(f.Widths)
    w[c - int(f.FirstChar)] += 40
    f.Widths = Array(w)


def cid_width(pdf):
    d = fonts(pdf, Name.Type0).DescendantFonts[0]
    d.W = Array([1, Array([5] * 200)])


def no_unicode(pdf):
    f = fonts(pdf, Name.Type0)
    f.ToUnicode = pikepdf.Stream(pdf, b"begincmap\nendcmap\n")


def feff(pdf):
    f = fonts(pdf, Name.Type0)
    f.ToUnicode = pikepdf.Stream(
        pdf, b"1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n"
        b"256 beginbfchar\n" + b"".join(b"<%04x> <feff>\n" % c
                                         for c in range(256)) +
        b"endbfchar\n")


def cidset(pdf):
    fd = fonts(pdf, Name.Type0).DescendantFonts[0].FontDescriptor
    fd.CIDSet = pikepdf.Stream(pdf, b"\x80")


def notdef(pdf):
    d = fonts(pdf, Name.Type0).DescendantFonts[0]
    d.CIDToGIDMap = pikepdf.Stream(pdf, b"\0" * 1024)


def no_gid_map(pdf):
    del fonts(pdf, Name.Type0).DescendantFonts[0]["/CIDToGIDMap"]


def encoding(pdf):
    fonts(pdf, Name.TrueType).Encoding = Name.StandardEncoding


def symbolic(pdf):
    f = fonts(pdf, Name.TrueType)
    f.FontDescriptor.Flags = 4


def cmap(pdf):
    fonts(pdf, Name.Type0).Encoding = Name("/UniGB-UCS2-H")


def glyph(pdf):
    f = fonts(pdf, Name.TrueType)
    c = used_code(pdf, f)[0]
    f.Encoding = Dictionary(Type=Name.Encoding, BaseEncoding=Name.
                            WinAnsiEncoding, Differences=Array(
                                [c, Name("/uni2603")]))


CASES = [
    (no_program, "31 (7.21.4.1)"),
    (simple_width, "31 (7.21.5)"),
    (cid_width, "31 (7.21.5)"),
    (no_unicode, "10 (7.21.7)"),
    (feff, "31 (7.21.7)"),
    (cidset, "31 (7.21.4.2)"),
    (notdef, "31 (7.21.8)"),
    (no_gid_map, "31 (7.21.3.2)"),
    (encoding, "31 (7.21.6)"),
    (symbolic, "31 (7.21.6)"),
    (cmap, "31 (7.21.3.3)"),
    (glyph, "31 (7.21.4.1)"),
]


def main(good):
    missed = 0
    if check.Checker(good).run():
        print("selftest: the good file already fails")
        return 1
    tmp = tempfile.mkdtemp(prefix="pdfua-self-")
    for breaker, want in CASES:
        out = os.path.join(tmp, breaker.__name__ + ".pdf")
        with pikepdf.open(good) as pdf:
            breaker(pdf)
            pdf.save(out)
        got = check.Checker(out).run()
        if not any(": %s: " % want in line for line in got):
            print("selftest: %s not caught as %s; got %s"
                  % (breaker.__name__, want, got[:3]))
            missed += 1
        os.unlink(out)
    os.rmdir(tmp)
    print("selftest: %d of %d broken fonts caught"
          % (len(CASES) - missed, len(CASES)))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
