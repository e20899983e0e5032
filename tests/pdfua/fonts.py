"""Matterhorn Protocol 1.1 checkpoint 31 (Fonts, ISO 14289-1 7.21) and the
Unicode mapping of every glyph shown (checkpoint 10, 7.21.7), for check.py.

Each failure is reported as "31 (7.21.x)": the checkpoint and the clause
of ISO 14289-1 whose requirement it breaks. Font programs are read with
fontTools (Debian's python3-fonttools); the text of every page, form
XObject and annotation appearance is decoded code by code, so a font is
judged by the glyphs it is actually used for, as the standard asks.

What is checked:

- 7.21.3.1: a Type 0 font whose encoding is not Identity-H or -V has a
  CIDFont whose CIDSystemInfo agrees with its CMap's;
- 7.21.3.2: a Type 2 CIDFont has a CIDToGIDMap (Identity or a stream);
- 7.21.3.3: a CMap other than the predefined ones is embedded;
- 7.21.4.1: every font but Type 3 is embedded, and every glyph shown is
  defined in the embedded program, found by the lookup of ISO 32000-1
  9.6.6.4 (no guessing by the reader);
- 7.21.4.2: a subset's CIDSet, if present, names every CID the program
  holds, and a Type 1 subset's CharSet every glyph;
- 7.21.5: the width in the font dictionary of every glyph shown is the
  width in the font program, to within one unit in a thousand;
- 7.21.6: a non-symbolic TrueType font has a (3,1) or (1,0) cmap, an
  encoding of MacRoman or WinAnsi (or Differences of Adobe Glyph List
  names with a (3,1) cmap); a symbolic one has no Encoding and a cmap of
  one subtable or with (3,0);
- 7.21.7: every code shown maps to Unicode through ToUnicode (or a
  standard encoding of a simple font), never to U+0000, U+FEFF or U+FFFE;
- 7.21.8: no text showing operator references the .notdef glyph.
"""
import io
import re

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream

try:
    from fontTools.ttLib import TTFont
    from fontTools import agl
except ImportError:  # reported by check(): the checks cannot be skipped
    TTFont = None

SHOW = {"Tj", "TJ", "'", '"'}
PREDEFINED_CMAPS = {"/Identity-H", "/Identity-V"}

# ISO 32000-1 Annex D: WinAnsiEncoding is Windows code page 1252, but its
# 0xA0 is "space" and its 0xAD "hyphen", and each unused code above 040
# shows the bullet.
WINANSI = {}
for c in range(32, 256):
    try:
        WINANSI[c] = bytes([c]).decode("cp1252")
    except UnicodeDecodeError:
        WINANSI[c] = "\u2022"
WINANSI[0x7F] = "\u2022"
WINANSI[0xA0] = " "
WINANSI[0xAD] = "-"
MACROMAN = {c: bytes([c]).decode("mac_roman") for c in range(32, 256)}
MACROMAN_OF = {u: c for c, u in MACROMAN.items()}


def fail_msg(clause, msg):
    return ("31 (%s)" % clause, msg)


class ToUnicode:
    """A ToUnicode CMap: code (bytes) to text."""

    TOKEN = re.compile(rb"<([0-9A-Fa-f\s]*)>|\[|\]|(begin|end)(bfchar|bfrange"
                       rb"|codespacerange)")

    def __init__(self, data):
        self.map = {}
        self.widths = set()  # code lengths from codespacerange
        section, toks = None, []
        for m in self.TOKEN.finditer(data):
            if m.group(2):
                if m.group(2) == b"begin":
                    section, toks = m.group(3), []
                else:
                    self.section(section, toks)
                    section = None
            elif section is not None:
                if m.group(0) in (b"[", b"]"):
                    toks.append(m.group(0))
                else:
                    toks.append(bytes.fromhex(m.group(1).decode().replace(
                        " ", "").replace("\n", "").replace("\r", "")
                        .replace("\t", "")))

    def section(self, kind, toks):
        if kind == b"codespacerange":
            for i in range(0, len(toks) - 1, 2):
                self.widths.add(len(toks[i]))
        elif kind == b"bfchar":
            for i in range(0, len(toks) - 1, 2):
                self.map[toks[i]] = toks[i + 1].decode("utf-16-be", "replace")
        elif kind == b"bfrange":
            i = 0
            while i + 2 < len(toks):
                lo, hi = toks[i], toks[i + 1]
                n = len(lo)
                a, b = int.from_bytes(lo, "big"), int.from_bytes(hi, "big")
                if toks[i + 2] == b"[":
                    j = i + 3
                    for c in range(a, b + 1):
                        if j < len(toks) and toks[j] != b"]":
                            self.map[c.to_bytes(n, "big")] = \
                                toks[j].decode("utf-16-be", "replace")
                            j += 1
                    while j < len(toks) and toks[j] != b"]":
                        j += 1
                    i = j + 1
                else:
                    dst = toks[i + 2]
                    base = int.from_bytes(dst, "big")
                    for c in range(a, min(b, a + 0xFFFF) + 1):
                        v = (base + c - a).to_bytes(len(dst), "big")
                        self.map[c.to_bytes(n, "big")] = \
                            v.decode("utf-16-be", "replace")
                    i += 3


class Font:
    """One font resource: how its codes split, and for each code its glyph,
    widths and text. Problems with the font itself are found once, in
    problems; problems with a code shown, by code()."""

    def __init__(self, f):
        self.f = f
        self.name = str(f.get("/BaseFont", "?"))[1:]
        self.sub = f.get("/Subtype")
        self.problems = []
        self.tt = None          # the TrueType program, when there is one
        self.desc = f           # the dictionary with the widths and descriptor
        self.two_byte = False
        self.tounicode = None
        self.gid_of_cid = None  # CIDToGIDMap stream as bytes, or None
        self.cmap31 = self.cmap10 = self.cmap30 = None
        self.symbolic = False
        self.seen = {}          # code -> its failures, judged once
        self.load()

    def bad(self, clause, msg):
        self.problems.append(fail_msg(clause, "font %s: %s" % (self.name,
                                                               msg)))

    def load(self):
        f = self.f
        if self.sub == Name.Type3:
            return
        if "/ToUnicode" in f and isinstance(f.ToUnicode, Stream):
            self.tounicode = ToUnicode(f.ToUnicode.read_bytes())
        if self.sub == Name.Type0:
            self.two_byte = True
            self.type0()
        else:
            self.simple()
        fd = self.desc.get("/FontDescriptor")
        if fd is None:
            self.bad("7.21.4.1", "no font descriptor, so no embedded program")
            return
        files = [k for k in ("/FontFile", "/FontFile2", "/FontFile3")
                 if k in fd]
        if not files:
            self.bad("7.21.4.1", "the font program is not embedded")
            return
        self.symbolic = bool(int(fd.get("/Flags", 0)) & 4)
        if "/FontFile2" in fd or (
                "/FontFile3" in fd and
                fd.FontFile3.get("/Subtype") == Name.OpenType):
            self.truetype(fd[files[0]].read_bytes())
        elif "/CharSet" in fd:
            self.bad("7.21.4.2", "a Type 1 program's CharSet is not checked "
                     "by this test: add the check before writing one")

    def type0(self):
        f = self.f
        kids = f.get("/DescendantFonts")
        if not isinstance(kids, Array) or len(kids) != 1:
            self.bad("7.21.3", "a Type 0 font without one descendant font")
            return
        self.desc = d = kids[0]
        enc = f.get("/Encoding")
        if isinstance(enc, Stream):
            if "/UseCMap" in enc and enc.UseCMap not in PREDEFINED_CMAPS:
                self.bad("7.21.3.3", "its CMap uses another that is not "
                         "predefined")
            csi, ccsi = d.get("/CIDSystemInfo"), enc.get("/CIDSystemInfo")
            if csi is None or ccsi is None or \
                    str(csi.get("/Registry")) != str(ccsi.get("/Registry")) \
                    or str(csi.get("/Ordering")) != str(
                        ccsi.get("/Ordering")) or \
                    int(csi.get("/Supplement", 0)) > int(
                        ccsi.get("/Supplement", 0)):
                self.bad("7.21.3.1", "CIDSystemInfo of the CIDFont and its "
                         "CMap disagree")
            self.bad("7.21.3.3", "an embedded CMap: its code ranges are not "
                     "checked by this test")
        elif enc not in PREDEFINED_CMAPS:
            self.bad("7.21.3.3", "CMap %s is neither predefined nor embedded"
                     % enc)
        if d.get("/Subtype") == Name.CIDFontType2:
            m = d.get("/CIDToGIDMap")
            if m is None or not (m == Name.Identity or isinstance(m, Stream)):
                self.bad("7.21.3.2", "a Type 2 CIDFont without a CIDToGIDMap")
            elif isinstance(m, Stream):
                self.gid_of_cid = m.read_bytes()
        self.w = {}
        w = list(d.get("/W", []))
        i = 0
        while i < len(w):
            first = int(w[i])
            if i + 1 < len(w) and isinstance(w[i + 1], Array):
                for k, v in enumerate(w[i + 1]):
                    self.w[first + k] = float(v)
                i += 2
            elif i + 2 < len(w):
                for c in range(first, int(w[i + 1]) + 1):
                    self.w[c] = float(w[i + 2])
                i += 3
            else:
                break
        self.dw = float(d.get("/DW", 1000))

    def simple(self):
        f = self.f
        self.first = int(f.get("/FirstChar", 0))
        self.widths = [float(x) for x in f.get("/Widths", [])]
        self.missing = float(f.get("/FontDescriptor", Dictionary()).get(
            "/MissingWidth", 0))
        self.encoding = f.get("/Encoding")

    def truetype(self, data):
        if TTFont is None:
            return
        try:
            self.tt = TTFont(io.BytesIO(data), lazy=True)
            self.upm = self.tt["head"].unitsPerEm
            self.nglyphs = self.tt["maxp"].numGlyphs
            self.order = self.tt.getGlyphOrder()
            self.gid_of = {g: i for i, g in enumerate(self.order)}
            cmaps = self.tt["cmap"].tables if "cmap" in self.tt else []
        except Exception as e:  # noqa: BLE001: any damage is a failure
            self.bad("7.21.4.1", "the embedded program cannot be read (%s)"
                     % e)
            self.tt = None
            return
        for t in cmaps:
            key = (t.platformID, t.platEncID)
            if key == (3, 1):
                self.cmap31 = t.cmap
            elif key == (1, 0):
                self.cmap10 = t.cmap
            elif key == (3, 0):
                self.cmap30 = t.cmap
        if self.sub == Name.TrueType:
            self.truetype_rules(cmaps)
        fd = self.desc.FontDescriptor
        if "/CIDSet" in fd and self.sub == Name.Type0:
            bits = fd.CIDSet.read_bytes()
            have = set()
            for cid in range(self.cid_count()):
                gid = self.gid(cid)
                if gid is not None and 0 < gid < self.nglyphs:
                    have.add(cid)
            for cid in have:
                if cid // 8 >= len(bits) or not \
                        bits[cid // 8] & (0x80 >> (cid % 8)):
                    self.bad("7.21.4.2", "CIDSet lacks CID %d, which the "
                             "program holds" % cid)
                    break

    def cid_count(self):
        if self.gid_of_cid is not None:
            return len(self.gid_of_cid) // 2
        return self.nglyphs

    def truetype_rules(self, cmaps):
        enc = self.encoding
        if not self.symbolic:
            if self.cmap31 is None and self.cmap10 is None:
                self.bad("7.21.6", "a non-symbolic TrueType program with "
                         "neither a (3,1) nor a (1,0) cmap")
            if isinstance(enc, Dictionary):
                diffs = enc.get("/Differences", [])
                names = [str(x)[1:] for x in diffs if isinstance(x, Name)]
                if any(n not in agl.AGL2UV for n in names) or \
                        self.cmap31 is None:
                    self.bad("7.21.6", "Differences outside the Adobe Glyph "
                             "List, or without a (3,1) cmap")
            elif enc not in (Name.WinAnsiEncoding, Name.MacRomanEncoding):
                self.bad("7.21.6", "a non-symbolic TrueType font encoded %s"
                         % enc)
        else:
            if enc is not None:
                self.bad("7.21.6", "a symbolic TrueType font with an "
                         "Encoding")
            if len(cmaps) != 1 and self.cmap30 is None:
                self.bad("7.21.6", "a symbolic TrueType program whose cmap "
                         "has several subtables and no (3,0)")

    def gid(self, cid):
        if self.gid_of_cid is not None:
            if 2 * cid + 1 >= len(self.gid_of_cid):
                return None
            return int.from_bytes(self.gid_of_cid[2 * cid:2 * cid + 2], "big")
        return cid

    def simple_text(self, c):
        """The character a simple font's standard encoding gives code c."""
        enc = self.encoding
        base = WINANSI if enc == Name.WinAnsiEncoding else \
            MACROMAN if enc == Name.MacRomanEncoding else None
        if isinstance(enc, Dictionary):
            name = None
            diffs = list(enc.get("/Differences", []))
            code = None
            for x in diffs:
                if isinstance(x, Name):
                    if code == c:
                        name = str(x)[1:]
                    code = None if code is None else code + 1
                else:
                    code = int(x)
            if name is not None:
                return agl.toUnicode(name) if TTFont else None
            base = WINANSI if enc.get("/BaseEncoding") == \
                Name.WinAnsiEncoding else MACROMAN if enc.get(
                    "/BaseEncoding") == Name.MacRomanEncoding else None
        return base.get(c) if base else None

    def simple_gid(self, c):
        """ISO 32000-1 9.6.6.4: the glyph a simple TrueType font shows for
        code c, or None when no standard lookup finds one."""
        if self.symbolic:
            t = self.cmap30 if self.cmap30 is not None else self.cmap10
            for k in (c, 0xF000 + c, 0xF100 + c, 0xF200 + c):
                if t is not None and k in t:
                    return self.gid_of.get(t[k])
            return None
        u = self.simple_text(c)
        if u is None or len(u) != 1:
            return None
        if self.cmap31 is not None:
            g = self.cmap31.get(ord(u))
        elif self.cmap10 is not None:
            g = self.cmap10.get(MACROMAN_OF.get(u, -1))
        else:
            g = None
        return None if g is None else self.gid_of.get(g)

    def split(self, s):
        s = bytes(s)
        if self.two_byte:
            return [s[i:i + 2] for i in range(0, len(s) - 1, 2)]
        return [s[i:i + 1] for i in range(len(s))]

    def code(self, b):
        """Failures for code b shown in this font (a list of pairs)."""
        if b not in self.seen:
            self.seen[b] = self.judge(b)
        return self.seen[b]

    def judge(self, b):
        out = []
        if self.sub == Name.Type3:
            return out
        c = int.from_bytes(b, "big")
        text = None
        if self.tounicode is not None:
            text = self.tounicode.map.get(b)
        if text is None and not self.two_byte:
            text = self.simple_text(c)
        if text is None or text == "":
            out.append(("10 (7.21.7)", "font %s: code %s maps to no Unicode"
                        % (self.name, b.hex())))
        elif any(ch in "\u0000\ufeff\ufffe" for ch in text):
            out.append(fail_msg("7.21.7", "font %s: code %s maps to %r"
                                % (self.name, b.hex(), text)))
        if self.tt is None:
            return out
        if self.two_byte:
            gid = self.gid(c)
            dict_w = self.w.get(c, self.dw)
        else:
            gid = self.simple_gid(c)
            i = c - self.first
            dict_w = self.widths[i] if 0 <= i < len(self.widths) \
                else self.missing
        if gid is None or gid >= self.nglyphs:
            out.append(fail_msg("7.21.4.1", "font %s: code %s finds no glyph "
                                "in the embedded program" %
                                (self.name, b.hex())))
            return out
        if gid == 0:
            out.append(fail_msg("7.21.8", "font %s: code %s shows .notdef"
                                % (self.name, b.hex())))
        adv = self.tt["hmtx"][self.order[gid]][0] * 1000.0 / self.upm
        if abs(adv - dict_w) > 1.0:
            out.append(fail_msg("7.21.5", "font %s: code %s is %g wide in "
                                "the dictionary, %g in the program" %
                                (self.name, b.hex(), dict_w, adv)))
        return out


class Fonts:
    """Checks the fonts of one file as its content streams use them."""

    def __init__(self, fail):
        self.fail = fail        # fail(checkpoint, message)
        self.fonts = {}         # objgen -> Font
        self.said = set()       # (font objgen, message) already reported
        self.done = set()       # form XObjects already read
        if TTFont is None:
            fail("31", "python3-fonttools is not installed: the font "
                 "programs cannot be checked")

    def font(self, f):
        key = f.objgen
        if key not in self.fonts:
            self.fonts[key] = Font(f)
            for cp, msg in self.fonts[key].problems:
                self.fail(cp, msg)
        return self.fonts[key]

    def stream(self, where, obj, resources, depth=0, ops=None):
        """Reads the text of a content stream (a page, form XObject or
        appearance) with its resources; ops, if given, is the stream
        already parsed."""
        if depth > 10:
            return
        fonts = resources.get("/Font", Dictionary()) if resources else {}
        xobjs = resources.get("/XObject", Dictionary()) if resources else {}
        cur = None
        if ops is None:
            ops = pikepdf.parse_content_stream(obj)
        for operands, op in ops:
            op = str(op)
            if op == "Tf" and operands:
                f = fonts.get(str(operands[0]))
                cur = self.font(f) if f is not None else None
                if f is None:
                    self.fail("31 (7.21.4.1)", "%s: font %s is not in the "
                              "resources" % (where, operands[0]))
            elif op in SHOW:
                if cur is None:
                    self.fail("31 (7.21.4.1)", "%s: text shown with no font"
                              % where)
                    continue
                strings = operands[0] if op == "TJ" else operands[-1:]
                for s in strings:
                    if isinstance(s, pikepdf.String):
                        for b in cur.split(s):
                            for cp, msg in cur.code(b):
                                k = (cur.f.objgen, msg)
                                if k not in self.said:
                                    self.said.add(k)
                                    self.fail(cp, "%s: %s" % (where, msg))
            elif op == "Do" and operands:
                x = xobjs.get(str(operands[0]))
                if x is not None and x.get("/Subtype") == Name.Form and \
                        x.objgen not in self.done:
                    self.done.add(x.objgen)
                    self.stream(where, x, x.get("/Resources", resources),
                                depth + 1)

    def page(self, no, page, ops=None):
        self.stream("page %d" % no, page, page.obj.get("/Resources"),
                    ops=ops)
        for a in page.obj.get("/Annots", []):
            ap = a.get("/AP")
            n = ap.get("/N") if ap is not None else None
            if isinstance(n, Stream) and n.objgen not in self.done:
                self.done.add(n.objgen)
                self.stream("page %d annotation" % no, n,
                            n.get("/Resources"))
