#!/usr/bin/python3
"""The machine-checkable checkpoints of the Matterhorn Protocol 1.1 (PDF/UA-1,
ISO 14289-1) over PDF files, with Debian's python3-pikepdf.

    check.py FILE.pdf...

Prints one line a failure, "FILE: CHECKPOINT: what", and exits 1 when there
is any. A file with a watermark is a draft, whose status must also be in
text that a screen reader reads. The checkpoint numbers are Matterhorn's; the few
checks of our own (SPEC.md, Output quality) are marked "spec". Fonts
(checkpoint 31) are checked in fonts.py, glyph by glyph as the text uses
them, and reported with the clause of ISO 14289-1 they break.

Checkpoints that do not apply to what findings writes are still checked
where a machine can tell they do not apply (no optional content, no
embedded files, no encryption, no forms, no XFA, no reference XObjects):
a file that starts carrying them fails rather than passes unseen.
"""
import re
import sys

import pikepdf
from pikepdf import Array, Dictionary, Name

from fonts import Fonts

STANDARD = set(
    "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct "
    "Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody "
    "TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP "
    "Warichu WT WP Figure Formula Form".split())
PAINT_TEXT = {"Tj", "TJ", "'", '"'}
PAINT_PATH = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*"}
PAINT_OTHER = {"Do", "sh", "INLINE IMAGE"}


class Checker:
    def __init__(self, path):
        self.path = path
        self.fails = []
        self.pdf = pikepdf.open(path)
        self.elems = []          # every structure element, pre-order
        self.parent_of = {}      # objgen of an element -> its parent's
        self.mcids = {}          # (page objgen, mcid) -> element
        self.watermark = False   # a watermark artifact was seen
        self.fonts = Fonts(self.fail)  # checkpoint 31, as the text uses them

    def fail(self, cp, msg):
        self.fails.append("%s: %s: %s" % (self.path, cp, msg))

    # ------------------------------------------------------ document

    def document(self):
        pdf, root = self.pdf, self.pdf.Root
        if pdf.pdf_version < "1.7":
            self.fail("spec", "PDF %s, not 1.7" % pdf.pdf_version)
        if pdf.is_encrypted:
            self.fail("26-001", "the file is encrypted")
        mark = root.get("/MarkInfo")
        if mark is None or not bool(mark.get("/Marked", False)):
            self.fail("01-002", "MarkInfo /Marked is not true")
        if mark is not None and bool(mark.get("/Suspects", False)):
            self.fail("01-007", "MarkInfo /Suspects is true")
        lang = root.get("/Lang")
        if lang is None or not str(lang).strip():
            self.fail("11-001", "the catalogue has no /Lang")
        meta = root.get("/Metadata")
        if meta is None:
            self.fail("06-001", "no XMP metadata stream")
        else:
            x = meta.read_bytes().decode("utf-8", "replace")
            m = re.search(r"<pdfuaid:part>\s*(\d+)\s*</pdfuaid:part>", x) or \
                re.search(r'pdfuaid:part="(\d+)"', x)
            if not m or m.group(1) != "1":
                self.fail("06-002", "the XMP has no pdfuaid:part 1")
            t = re.search(r"<dc:title>.*?<rdf:li[^>]*>([^<]*)</rdf:li>", x,
                          re.S)
            if not t or not t.group(1).strip():
                self.fail("06-003", "the XMP has no dc:title")
        vp = root.get("/ViewerPreferences")
        if vp is None or "/DisplayDocTitle" not in vp:
            self.fail("07-001", "no /ViewerPreferences /DisplayDocTitle")
        elif not bool(vp.DisplayDocTitle):
            self.fail("07-002", "/DisplayDocTitle is false")
        if "/OCProperties" in root:
            self.fail("20-001", "optional content is present")
        names = root.get("/Names")
        if names is not None and "/EmbeddedFiles" in names:
            self.fail("21-001", "embedded files are present")
        if "/AcroForm" in root and "/XFA" in root.AcroForm:
            self.fail("25-001", "XFA forms are present")
        if "/Outlines" not in root:
            self.fail("spec", "no bookmarks")

    # ------------------------------------------------ structure tree

    def structure(self):
        root = self.pdf.Root.get("/StructTreeRoot")
        if root is None:
            self.fail("01-005", "no structure tree: nothing is tagged")
            return
        rolemap = root.get("/RoleMap", Dictionary())
        for k, v in rolemap.items():
            if k[1:] in STANDARD:
                self.fail("02-004", "standard type %s is remapped" % k)
            seen, t = set(), v
            while isinstance(t, Name) and str(t)[1:] not in STANDARD:
                if str(t) in seen:
                    self.fail("02-003", "circular role mapping of %s" % k)
                    break
                seen.add(str(t))
                t = rolemap.get(str(t))
        self.walk(root.get("/K"), None, 0)
        for e in self.elems:
            s = self.role(e)
            if s not in STANDARD:
                self.fail("02-001", "structure type %s is not standard "
                          "and not mapped" % s)
        self.tables()
        self.lists()
        self.headings()
        self.figures()
        self.parent_tree(root)

    def role(self, e):
        rolemap = self.pdf.Root.StructTreeRoot.get("/RoleMap", Dictionary())
        s, n = str(e.S), 0
        while s[1:] not in STANDARD and s in rolemap and n < 20:
            s, n = str(rolemap[s]), n + 1
        return s[1:]

    def walk(self, k, parent, depth):
        if depth > 300:
            self.fail("09-004", "structure tree deeper than 300")
            return
        if isinstance(k, Array):
            for x in k:
                self.walk(x, parent, depth)
        elif isinstance(k, Dictionary) and "/S" in k:
            self.elems.append(k)
            self.parent_of[k.objgen] = parent
            self.walk(k.get("/K"), k, depth + 1)
        elif isinstance(k, int) or (isinstance(k, Dictionary) and
                                    k.get("/Type") == Name.MCR):
            mcid = int(k) if isinstance(k, int) else int(k.MCID)
            pg = (k.get("/Pg") if isinstance(k, Dictionary) else None) \
                or self.page_of(parent)
            if pg is None:
                self.fail("spec", "marked content of %s has no page"
                          % parent.S)
            else:
                self.mcids[(pg.objgen, mcid)] = parent

    def page_of(self, e):
        while e is not None:
            if "/Pg" in e:
                return e.Pg
            e = self.parent_of.get(e.objgen)
        return None

    def parent(self, e):
        p = self.parent_of.get(e.objgen)
        return self.role(p) if p is not None else "StructTreeRoot"

    def kids(self, e):
        k = e.get("/K")
        v = list(k) if isinstance(k, Array) else ([] if k is None else [k])
        return [x for x in v if isinstance(x, Dictionary) and "/S" in x]

    def tables(self):
        for e in self.elems:
            s = self.role(e)
            if s in ("TR",) and self.parent(e) not in (
                    "Table", "THead", "TBody", "TFoot"):
                self.fail("09-004", "TR inside %s" % self.parent(e))
            if s in ("TH", "TD") and self.parent(e) != "TR":
                self.fail("09-004", "%s inside %s" % (s, self.parent(e)))
            if s in ("THead", "TBody", "TFoot") and self.parent(e) != "Table":
                self.fail("09-004", "%s inside %s" % (s, self.parent(e)))
            if s == "Table":
                for k in self.kids(e):
                    if self.role(k) not in ("TR", "THead", "TBody", "TFoot",
                                            "Caption"):
                        self.fail("09-004", "%s directly in a Table"
                                  % self.role(k))
                self.regular(e)
            if s == "TR":
                for k in self.kids(e):
                    if self.role(k) not in ("TH", "TD"):
                        self.fail("09-004", "%s directly in a TR"
                                  % self.role(k))
            if s == "TH":
                a = self.attr(e, "/Scope")
                if a is None and "/ID" not in e:
                    self.fail("15-003", "a TH without /Scope")
                elif a is not None and str(a) not in ("/Row", "/Column",
                                                      "/Both"):
                    self.fail("15-003", "a TH with /Scope %s" % a)

    def attr(self, e, key):
        a = e.get("/A")
        v = list(a) if isinstance(a, Array) else ([] if a is None else [a])
        for d in v:
            if isinstance(d, Dictionary) and d.get("/O") == Name.Table \
                    and key in d:
                return d[key]
        return None

    def regular(self, table):
        rows = []
        for k in self.kids(table):
            if self.role(k) == "TR":
                rows.append(k)
            elif self.role(k) in ("THead", "TBody", "TFoot"):
                rows += [r for r in self.kids(k) if self.role(r) == "TR"]
        taken = {}   # row -> columns covered from rows above
        widths = []
        for i, r in enumerate(rows):
            col = taken.get(i, 0)
            for c in self.kids(r):
                cs = int(self.attr(c, "/ColSpan") or 1)
                rs = int(self.attr(c, "/RowSpan") or 1)
                col += cs
                for j in range(i + 1, i + rs):
                    taken[j] = taken.get(j, 0) + cs
            widths.append(col)
        if len(set(widths)) > 1:
            self.fail("09-004", "an irregular table: its rows are %s "
                      "columns wide" % ", ".join(map(str, widths)))

    def lists(self):
        for e in self.elems:
            s = self.role(e)
            if s == "LI" and self.parent(e) != "L":
                self.fail("09-005", "LI inside %s" % self.parent(e))
            if s in ("Lbl", "LBody") and self.parent(e) not in ("LI",):
                self.fail("09-005", "%s inside %s" % (s, self.parent(e)))
            if s == "L":
                for k in self.kids(e):
                    if self.role(k) not in ("LI", "L", "Caption"):
                        self.fail("09-005", "%s directly in an L"
                                  % self.role(k))

    def headings(self):
        hs = [self.role(e) for e in self.elems
              if re.fullmatch(r"H[1-6]?", self.role(e))]
        if "H" in hs and any(h != "H" for h in hs):
            self.fail("14-007", "H and H1 to H6 both used")
        levels = [int(h[1]) for h in hs if h != "H"]
        if levels and levels[0] != 1:
            self.fail("14-002", "the first heading is H%d" % levels[0])
        for a, b in zip(levels, levels[1:]):
            if b > a + 1:
                self.fail("14-003", "H%d follows H%d" % (b, a))
                break

    def figures(self):
        for e in self.elems:
            if self.role(e) in ("Figure", "Formula") and \
                    "/Alt" not in e and "/ActualText" not in e:
                self.fail("13-004", "a %s without /Alt" % self.role(e))
            if self.role(e) == "Note" and "/ID" not in e:
                self.fail("19-003", "a Note without /ID")

    def parent_tree(self, root):
        pt = root.get("/ParentTree")
        if pt is None:
            self.fail("spec", "no /ParentTree")
            return
        self.ptree = {}
        self.flatten(pt, 0)

    def flatten(self, node, depth):
        if depth > 20:
            return
        if "/Nums" in node:
            nums = list(node.Nums)
            for i in range(0, len(nums) - 1, 2):
                self.ptree[int(nums[i])] = nums[i + 1]
        for k in node.get("/Kids", []):
            self.flatten(k, depth + 1)

    # ------------------------------------------------------- pages

    def pages(self):
        for no, page in enumerate(self.pdf.pages, 1):
            self.page(no, page)

    def page(self, no, page):
        annots = page.obj.get("/Annots", [])
        if len(annots) and page.obj.get("/Tabs") != Name.S:
            self.fail("28-008", "page %d has annotations but no /Tabs /S"
                      % no)
        for a in annots:
            self.annotation(no, a)
        res = page.obj.get("/Resources", Dictionary())
        for f in (v for _, v in res.get("/Font", Dictionary()).items()):
            self.fonts.font(f)
        ops = pikepdf.parse_content_stream(page)
        self.fonts.page(no, page, ops)
        for x in (v for _, v in res.get("/XObject", Dictionary()).items()):
            if "/Ref" in x:
                self.fail("30-001", "page %d has a reference XObject" % no)
        sp = page.obj.get("/StructParents")
        owners = self.ptree.get(int(sp)) if (
            sp is not None and hasattr(self, "ptree")) else None
        stack, used, painted = [], set(), 0
        counts = []              # paint operators inside each open sequence
        for operands, op in ops:
            op = str(op)
            if op in ("BDC", "BMC"):
                tag = str(operands[0])
                props = operands[1] if op == "BDC" else None
                mcid = None
                if isinstance(props, Dictionary) and "/MCID" in props:
                    mcid = int(props.MCID)
                art = tag == "/Artifact"
                if art and any(m is not None for _, m in stack):
                    self.fail("01-003", "page %d: an artifact inside "
                              "tagged content" % no)
                if mcid is not None and any(t == "/Artifact"
                                            for t, _ in stack):
                    self.fail("01-004", "page %d: tagged content inside "
                              "an artifact" % no)
                if art and isinstance(props, Dictionary) and \
                        props.get("/Subtype") == Name.Watermark:
                    self.watermark = True
                if mcid is not None:
                    self.mcid(no, page, mcid, owners, used)
                stack.append((tag, mcid))
                counts.append(0)
            elif op == "EMC":
                if not stack:
                    self.fail("spec", "page %d: EMC without BDC" % no)
                else:
                    tag, mcid = stack.pop()
                    c = counts.pop()
                    # Tagged content that paints nothing: what it stood
                    # for was drawn elsewhere, or not at all (an empty
                    # table cell is a cell all the same).
                    if mcid is not None and c == 0 and \
                            tag not in ("/TD", "/TH"):
                        self.fail("spec", "page %d: %s MCID %d paints "
                                  "nothing" % (no, tag, mcid))
                    if counts:
                        counts[-1] += c
            elif op in PAINT_TEXT or op in PAINT_PATH or op in PAINT_OTHER:
                painted += 1
                if counts:
                    counts[-1] += 1
                if not any(t == "/Artifact" or m is not None
                           for t, m in stack):
                    self.fail("01-005", "page %d: %s painted neither "
                              "tagged nor as an artifact" % (no, op))
        if stack:
            self.fail("spec", "page %d: marked content left open" % no)
        for (pg, mcid), e in self.mcids.items():
            if pg == page.obj.objgen and mcid not in used:
                self.fail("spec", "page %d: the structure tree cites "
                          "MCID %d that the page lacks" % (no, mcid))

    def mcid(self, no, page, mcid, owners, used):
        used.add(mcid)
        e = self.mcids.get((page.obj.objgen, mcid))
        if e is None:
            self.fail("01-005", "page %d: MCID %d is in no structure "
                      "element" % (no, mcid))
            return
        if owners is None or not isinstance(owners, Array) or \
                mcid >= len(owners) or \
                owners[mcid].objgen != e.objgen:
            self.fail("spec", "page %d: the parent tree does not lead "
                      "MCID %d to its element" % (no, mcid))

    def annotation(self, no, a):
        sub = a.get("/Subtype")
        if sub == Name.Link:
            if not str(a.get("/Contents", "")).strip():
                self.fail("28-011", "page %d: a link without /Contents"
                          % no)
        elif sub not in (Name.Popup,):
            if sub == Name.Widget:
                self.fail("28-005", "page %d: a form field" % no)
        if sub in (Name.Popup,):
            return
        sp = a.get("/StructParent")
        owner = self.ptree.get(int(sp)) if (
            sp is not None and hasattr(self, "ptree")) else None
        want = "Link" if sub == Name.Link else "Annot"
        if owner is None or not isinstance(owner, Dictionary):
            self.fail("28-004" if sub != Name.Link else "28-010",
                      "page %d: a %s annotation not in the structure tree"
                      % (no, str(sub)[1:]))
        elif self.role(owner) != want:
            self.fail("28-010" if sub == Name.Link else "28-004",
                      "page %d: a %s annotation inside %s" %
                      (no, str(sub)[1:], self.role(owner)))
        else:
            k = owner.get("/K")
            v = list(k) if isinstance(k, Array) else [k]
            if not any(isinstance(x, Dictionary) and
                       x.get("/Type") == Name.OBJR and
                       x.Obj.objgen == a.objgen for x in v):
                self.fail("28-010", "page %d: the Link element does not "
                          "refer to its annotation" % no)

    def draft_text(self):
        if not self.watermark:
            return
        said = any(re.search(r"draft", str(e.get(k, "")), re.I)
                   for e in self.elems for k in ("/ActualText", "/Alt"))
        if not said:
            self.fail("spec", "a draft that says so only in its "
                      "watermark")

    def run(self):
        self.document()
        self.structure()
        self.pages()
        self.draft_text()
        return self.fails


def main(argv):
    bad = 0
    for f in argv:
        for line in Checker(f).run():
            print(line)
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
