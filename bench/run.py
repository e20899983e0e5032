#!/usr/bin/env python3
"""The typesetting benchmark.

usage: run.py FINDINGS BENCH_FLOOR SRCDIR [RUNS]

First the whole process, as SPEC.md measures it: `findings render
inspection.xml --doc letter` of examples/jtai-2016-eastbridge.xml (a
four-page letter) and of variants with the text of its findings repeated
2, 5, 12 and 32 times (up to forty-one pages), against bench_floor, the
minimal Pango and Cairo program, printing every character the letter
prints (pdftotext of our PDF, a paragraph a line). Then the engine
alone: bench/letter.xml (four pages) and variants with its findings
repeated 2, 5 and 12 times (up to 40 pages) with `findings typeset`. Each
is run RUNS times (default 15) as a whole process, a run of findings and
a run of the floor in turn (interleaved, so that load from other processes
falls on both alike); we report the median and the best wall time, pages
per second, the peak resident memory (the largest maxrss of any run) and
the ratio of the medians, then the cost per page and the fixed cost from
a straight line through the best times.

Then memory: the peak resident memory of a run at about 400 pages
(SPEC.md: under 50 MB). Then start-up: `findings --version` against the floor writing a blank page
(SPEC.md: within 1.5 times), with the number of shared objects each loads;
and `findings build -j 2` of a hundred inspections (the examples, copied),
in documents a second.
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

FINDINGS, FLOOR, SRC = sys.argv[1:4]
RUNS = int(sys.argv[4]) if len(sys.argv) > 4 else 15
TMP = tempfile.mkdtemp(prefix="bench-")
ENV = dict(os.environ, LC_ALL="C.UTF-8", SOURCE_DATE_EPOCH="0")


def variant(n):
    """The letter with its findings (h1 to the sign-off) n times."""
    with open(os.path.join(SRC, "bench", "letter.xml"), encoding="utf-8") as f:
        s = f.read()
    a = s.index("<h1>")
    b = s.index('<p number="no" keep-with-next="yes">Yours sincerely')
    path = os.path.join(TMP, "letter-x%d.xml" % n)
    with open(path, "w", encoding="utf-8") as f:
        f.write(s[:a] + s[a:b] * n + s[b:])
    return path


def plain(tree):
    """The text of every block, a paragraph a line, for bench_floor."""
    out = []
    for el in ET.parse(tree).getroot().iter():
        if el.tag == "markdown":
            for para in re.split(r"\n\s*\n", el.text or ""):
                t = " ".join(re.sub(r"^\s*[-*]\s", "", para, flags=re.M).split())
                if t:
                    out.append(t)
        elif el.tag in ("p", "h1", "h2", "h3", "line", "td", "th", "name",
                        "title", "organisation"):
            t = " ".join("".join(el.itertext()).split())
            if t and not (el.tag == "title" and el.find("..") is None):
                out.append(t)
    path = tree[:-4] + ".txt"
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out[1:]) + "\n")  # out[0] is meta/title
    return path


def once(args, env=ENV):
    """Wall seconds and peak KB of one whole-process run."""
    t0 = time.perf_counter()
    pid = os.posix_spawn(args[0], args, env, file_actions=[
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)])
    _, status, ru = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("bench: %s failed" % " ".join(args))
    return wall, ru.ru_maxrss


def measure(*commands):
    """For each command, the median and best wall seconds and the peak KB
    over RUNS whole-process runs, the commands taking turns (the best
    shows the cost when nothing else wants the CPU)."""
    walls = [[] for _ in commands]
    peaks = [0 for _ in commands]
    for _ in range(RUNS):
        for i, args in enumerate(commands):
            wall, rss = once(args)
            walls[i].append(wall)
            peaks[i] = max(peaks[i], rss)
    return [(statistics.median(w), min(w), p) for w, p in zip(walls, peaks)]


def objects(args):
    """How many shared objects the dynamic loader maps for args."""
    env = dict(ENV, LD_DEBUG="files")
    out = subprocess.run(args, env=env, capture_output=True, text=True).stderr
    return len(set(re.findall(r"file=(\S+) \[0\];  needed by", out)))


def pages(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


# The inspection whose letter is four pages; its findings' text repeated
# for the longer letters (n = 32: forty-one pages).
INSPECTION = os.path.join(SRC, "examples", "jtai-2016-eastbridge.xml")
REPEATS = (1, 2, 5, 12, 32)


def inspection(n):
    """The inspection with the text of each strength, area for
    improvement and priority action n times over, as paragraphs."""
    with open(INSPECTION, encoding="utf-8") as f:
        s = f.read()
    a, b = s.index("<findings>"), s.index("</findings>")
    body = re.sub(
        r"(\n    <(strength|improvement|priority-action)\b[^>]*>)(.*?)(</\2>)",
        lambda m: m.group(1) + "\n      " +
        "\n\n      ".join([m.group(3).strip()] * n) + "\n    " + m.group(4),
        s[a:b], flags=re.S)
    path = os.path.join(TMP, "inspection-x%d.xml" % n)
    with open(path, "w", encoding="utf-8") as f:
        f.write(s[:a] + body + s[b:])
    return path


def printed(pdf):
    """Every character the PDF prints (pdftotext: the Markdown prose, the
    letterhead, the running heads and "Page N of M" included), a
    paragraph a line: the lines of a block joined, blocks apart."""
    out = subprocess.run(["pdftotext", "-nopgbrk", pdf, "-"],
                         capture_output=True, text=True, check=True).stdout
    paras = [" ".join(b.split()) for b in re.split(r"\n\s*\n", out)]
    path = pdf[:-4] + "-printed.txt"
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(p for p in paras if p) + "\n")
    return path


def whole(conf):
    """SPEC.md's measure: `findings render inspection.xml --doc letter`,
    the whole process (start-up, loading, check, facts, XSLT, layout,
    tagged PDF, atomic write), against the floor printing every character
    the letter prints."""
    rows = []
    for n in REPEATS:
        xml = inspection(n)
        pdf = xml[:-4] + ".pdf"
        r = subprocess.run([FINDINGS, "render", xml, "--doc", "letter",
                            "-o", pdf], env=ENV, capture_output=True)
        if r.returncode != 0:
            sys.exit("bench: render %s: %s" % (xml, r.stderr.decode()))
        text = printed(pdf)
        (t, tb, mem), (ft, ftb, fmem) = measure(
            [FINDINGS, "render", xml, "--doc", "letter", "-o", pdf],
            [FLOOR, conf, text, xml[:-4] + "-floor.pdf"])
        rows.append((pages(pdf), t, tb, mem, ft, ftb, fmem))
    print("Whole process: findings render inspection.xml --doc letter")
    print()
    print("| pages | findings render | best | peak | floor | best "
          "| floor peak | ratio |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for p, t, tb, mem, ft, ftb, fmem in rows:
        print("| %d | %.1f ms | %.1f ms | %.1f MB | %.1f ms | %.1f ms "
              "| %.1f MB | %.2f |"
              % (p, t * 1000, tb * 1000, mem / 1024, ft * 1000, ftb * 1000,
                 fmem / 1024, t / ft))
    print()


def main():
    conf = os.path.join(SRC, "styles", "fonts.conf")
    whole(conf)
    print("The engine alone: findings typeset TREE.xml")
    print()
    rows = []
    for n in (1, 2, 5, 12):
        tree = variant(n)
        pdf = tree[:-4] + ".pdf"
        text = plain(tree)
        fpdf = tree[:-4] + "-floor.pdf"
        (t, tb, mem), (ft, ftb, fmem) = measure(
            [FINDINGS, "typeset", tree, "-o", pdf,
             "--templates", os.path.join(SRC, "templates")],
            [FLOOR, conf, text, fpdf])
        rows.append((pages(pdf), t, mem, pages(fpdf), ft, fmem, tb, ftb))
    print("| pages | findings typeset | best | pages/s | peak | floor (pages) "
          "| floor | best | floor peak | ratio |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
          "| ---: |")
    for p, t, mem, fp, ft, fmem, tb, ftb in rows:
        print("| %d | %.1f ms | %.1f ms | %.0f | %.1f MB | %d | %.1f ms | "
              "%.1f ms | %.1f MB | %.2f |"
              % (p, t * 1000, tb * 1000, p / t, mem / 1024, fp, ft * 1000,
                 ftb * 1000, fmem / 1024, t / ft))
    # Least squares: time = fixed + per_page * pages, on the best times.
    for name, xs, ys in (("findings typeset", [r[0] for r in rows],
                          [r[6] for r in rows]),
                         ("floor", [r[3] for r in rows],
                          [r[7] for r in rows])):
        mx, my = statistics.mean(xs), statistics.mean(ys)
        slope = (sum((x - mx) * (y - my) for x, y in zip(xs, ys)) /
                 sum((x - mx) ** 2 for x in xs))
        fixed = my - slope * mx
        worst = max(abs(fixed + slope * x - y) for x, y in zip(xs, ys))
        print("%s: %.1f ms fixed + %.2f ms a page (largest deviation "
              "from the line %.1f ms)" % (name, fixed * 1000, slope * 1000,
                                          worst * 1000))
    memory(conf)
    startup(conf)
    build()
    print("(%d runs each: the median and the best wall time of the whole "
          "process; the line is fitted to the best; files in %s)" % (RUNS, TMP))


def memory(conf, repeat=120, runs=3):
    """Peak resident memory at about 400 pages (SPEC.md: under 50 MB),
    the largest of a few runs, against the floor's on the same text."""
    tree = variant(repeat)
    pdf = tree[:-4] + ".pdf"
    text = plain(tree)
    global RUNS
    saved, RUNS = RUNS, runs
    (t, _, mem), (ft, _, fmem) = measure(
        [FINDINGS, "typeset", tree, "-o", pdf,
         "--templates", os.path.join(SRC, "templates")],
        [FLOOR, conf, text, tree[:-4] + "-floor.pdf"])
    RUNS = saved
    print("memory: %d pages, findings typeset %.1f MB at peak (%.2f s), "
          "floor %.1f MB (%.2f s)" % (pages(pdf), mem / 1024, t,
                                      fmem / 1024, ft))


def startup(conf):
    """findings --version against the floor writing a blank page."""
    blank = os.path.join(TMP, "blank.txt")
    open(blank, "w").close()
    version = [FINDINGS, "--version"]
    floor = [FLOOR, conf, blank, os.path.join(TMP, "blank.pdf")]
    (t, tb, _), (ft, ftb, _) = measure(version, floor)
    print("start-up: findings --version %.1f ms (best %.1f, %d shared "
          "objects), floor's blank page %.1f ms (best %.1f, %d): %.2f times"
          % (t * 1000, tb * 1000, objects(version), ft * 1000, ftb * 1000,
             objects(floor), t / ft))


def build(copies=100, jobs=2):
    """findings build -j 2 of a hundred inspections: documents a second
    (the median and the best of three runs)."""
    ex = os.path.join(SRC, "examples")
    names = sorted(f for f in os.listdir(ex) if f.endswith(".xml"))
    src = os.path.join(TMP, "build-in")
    os.makedirs(src, exist_ok=True)
    inputs = []
    for i in range(copies):
        name = names[i % len(names)]
        with open(os.path.join(ex, name), encoding="utf-8") as f:
            s = f.read()
        # Each copy its own ref, so that no two write the same files.
        s = re.sub(r'(<inspection\b[^>]*\bref=")([^"]*)"',
                   lambda m: '%s%s-%03d"' % (m.group(1), m.group(2), i), s,
                   count=1)
        path = os.path.join(src, "%03d-%s" % (i, name))
        with open(path, "w", encoding="utf-8") as f:
            f.write(s)
        inputs.append(path)
    walls, docs = [], 0
    for k in range(3):
        out = os.path.join(TMP, "build-out-%d" % k)
        wall, _ = once([FINDINGS, "build", "-j", str(jobs), "-d", out,
                        "--templates", os.path.join(SRC, "templates")]
                       + inputs)
        walls.append(wall)
        docs = len(os.listdir(out))
    t, tb = statistics.median(walls), min(walls)
    print("build -j %d: %d inspections, %d documents in %.2f s (median of "
          "3; best %.2f s): %.0f documents a second (best %.0f)"
          % (jobs, copies, docs, t, tb, docs / t, docs / tb))


main()
