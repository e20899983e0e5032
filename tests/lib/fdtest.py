"""What the test drivers share: running the program, collecting failures,
reading what a reader sees (pdftotext, page images), and comparing it with
the expectations stored beside the cases.

A driver (tests/AREA/run.py) imports this module with

    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
    import fdtest

Expectations are files: expected text (CASE.txt), expected diagnostics
(CASE.lint) and reviewed reference page images (ref/NAME-PAGE.png,
8-bit grey PNG at 40 dpi, which this module writes and reads with the
standard library alone). One switch rewrites them all: REGEN=1 in the
environment, which `cmake --build build --target regen` sets for every
driver (tests/README.md). A rewritten expectation is for review: look at
every changed image and read every changed text before committing it.

Only the standard library.
"""

import difflib
import os
import re
import struct
import subprocess
import zlib

# Failures of this run, in the order seen.
FAILURES = []


def fail(what):
    """Records a failure and prints it at once."""
    FAILURES.append(what)
    print("FAIL: " + what, flush=True)


def regen():
    """Whether expectations are to be rewritten rather than compared."""
    return os.environ.get("REGEN") == "1"


def run(args, timeout=600, **kw):
    """Runs args with text output captured (bytes with text=False); the
    timeout is a guard against a hang, not a measure of speed."""
    kw.setdefault("text", True)
    return subprocess.run(args, capture_output=True, timeout=timeout, **kw)


def pdf_text(pdf, layout=True):
    """What pdftotext prints, as UTF-8 text."""
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else [])
    return run(args + [pdf, "-"], text=False).stdout.decode("utf-8",
                                                            "replace")


# ------------------------------------------------------------ page images

def png_write(path, width, height, rows):
    """Writes rows (one bytes object of width grey levels each) as an
    8-bit grey PNG with no filter."""
    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    raw = b"".join(b"\0" + r for r in rows)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0,
                                           0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))


def png_read(path):
    """Reads 8-bit grey PNG files with no filter or the Up filter (those
    png_write makes, and older references): (width, height, rows)."""
    with open(path, "rb") as f:
        data = f.read()
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            if depth != 8 or colour != 0:
                raise ValueError("%s: not 8-bit grey" % path)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    rows, prev = [], bytes(width)
    for y in range(height):
        f = raw[y * (width + 1)]
        line = raw[y * (width + 1) + 1:(y + 1) * (width + 1)]
        if f == 2:
            line = bytes((a + b) & 255 for a, b in zip(line, prev))
        elif f != 0:
            raise ValueError("%s: PNG filter %d unsupported" % (path, f))
        rows.append(line)
        prev = line
    return width, height, rows


def pdf_pages(pdf, tmp, prefix, first=None, last=None, dpi=40):
    """The pages of pdf in grey at dpi (pdftoppm), each (width, height,
    rows); first and last limit them."""
    args = ["pdftoppm", "-r", str(dpi), "-gray"]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    run(args + [pdf, os.path.join(tmp, prefix)], text=False)
    pages = []
    for f in sorted(os.listdir(tmp)):
        if f.startswith(prefix + "-") and f.endswith(".pgm") and \
                re.fullmatch(r"\d+", f[len(prefix) + 1:-4]):
            with open(os.path.join(tmp, f), "rb") as g:
                data = g.read()
            m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
            w, h = int(m.group(1)), int(m.group(2))
            body = data[m.end():]
            pages.append((w, h, [body[i * w:(i + 1) * w] for i in range(h)]))
    return pages


# How far a page may be from its reference: PIXELS, at most 0.2 % of
# pixels off by more than 48 levels (text that moved shows at once);
# MEAN, a mean difference of at most 1.5 levels and at most 0.3 % of
# pixels off by more than 64 (the forms and papers, whose rules and
# shading must stay put).
PIXELS = ("pixels", 48, 0.002)
MEAN = ("mean", 1.5, 64, 0.003)


def _differs(rows, ref_rows, w, h, tolerance):
    """Why a page is too far from its reference, or None."""
    a, b = b"".join(rows), b"".join(ref_rows)
    if tolerance[0] == "pixels":
        bad = sum(1 for x, y in zip(a, b) if abs(x - y) > tolerance[1])
        if bad > tolerance[2] * w * h:
            return "%d pixels differ from the reference" % bad
        return None
    diffs = [abs(x - y) for x, y in zip(a, b)]
    mean = sum(diffs) / len(diffs)
    far = sum(1 for x in diffs if x > tolerance[2]) / len(diffs)
    if mean > tolerance[1] or far > tolerance[3]:
        return "mean difference %.2f, %.2f%% far off" % (mean, 100 * far)
    return None


def compare_pages(where, pages, refdir, names, tolerance=PIXELS):
    """Compares pages with the reference images refdir/NAME for NAME in
    names (one a page, in order), or rewrites them under REGEN=1
    (removing stale ones in stale, a list of names). A page too far off
    is written beside the temporary files as NAME.actual.png for a look.
    Failures are recorded with where."""
    if regen():
        os.makedirs(refdir, exist_ok=True)
        for name, (w, h, rows) in zip(names, pages):
            png_write(os.path.join(refdir, name), w, h, rows)
        return
    for name, (w, h, rows) in zip(names, pages):
        ref = os.path.join(refdir, name)
        if not os.path.exists(ref):
            fail("%s: no reference %s (cmake --build build --target regen "
                 "writes it; look at it)" % (where, name))
            continue
        rw, rh, rrows = png_read(ref)
        if (rw, rh) != (w, h):
            fail("%s: %s is %dx%d, the page %dx%d" % (where, name, rw, rh,
                                                       w, h))
            continue
        why = _differs(rows, rrows, w, h, tolerance)
        if why:
            actual = os.path.join(os.environ.get("TMPDIR", "/tmp"),
                                  "findings-" + name.replace(".png", "") +
                                  ".actual.png")
            png_write(actual, w, h, rows)
            fail("%s: %s: %s (see %s; after a reviewed change, cmake "
                 "--build build --target regen)" % (where, name, why,
                                                    actual))


def compare_document(where, pdf, tmp, refdir, base, tolerance=PIXELS,
                     first_only=False):
    """Every page of pdf (or only the first) against refdir/BASE-N.png
    (BASE.png when first_only), or rewritten under REGEN=1 (old pages of
    BASE removed first). A different number of pages is a failure."""
    pages = pdf_pages(pdf, tmp, base, last=1 if first_only else None)
    if not pages:
        fail("%s: pdftoppm made no page" % where)
        return
    if first_only:
        compare_pages(where, pages[:1], refdir, [base + ".png"], tolerance)
        return
    old = sorted(f for f in os.listdir(refdir)
                 if re.fullmatch(re.escape(base) + r"-\d+\.png", f)) \
        if os.path.isdir(refdir) else []
    names = ["%s-%d.png" % (base, i) for i in range(1, len(pages) + 1)]
    if regen():
        for f in old:
            os.remove(os.path.join(refdir, f))
    elif len(old) != len(pages):
        fail("%s: %d pages, the reference has %d" % (where, len(pages),
                                                    len(old)))
        return
    compare_pages(where, pages, refdir, names, tolerance)


# ------------------------------------------------------- expected text

def compare_text(where, path, actual):
    """Compares actual with the expected text in path (a file beside the
    case), or rewrites it under REGEN=1. A difference is shown as a
    unified diff of its first lines."""
    if regen():
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(actual)
        return
    if not os.path.exists(path):
        fail("%s: no %s (cmake --build build --target regen writes it; "
             "read it)" % (where, os.path.basename(path)))
        return
    with open(path, encoding="utf-8", newline="\n") as f:
        want = f.read()
    if want != actual:
        diff = list(difflib.unified_diff(
            want.splitlines(), actual.splitlines(), "expected", "actual",
            lineterm="", n=1))
        fail("%s: differs from %s:\n%s" % (where, os.path.basename(path),
                                           "\n".join(diff[:40])))


def finish():
    """Prints the outcome; the exit status for sys.exit."""
    if FAILURES:
        print("%d failure(s)" % len(FAILURES))
        return 1
    print("ok")
    return 0
