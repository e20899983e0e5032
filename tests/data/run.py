#!/usr/bin/env python3
"""The program's own data is valid, and a copy of it is checked.

usage: run.py FINDINGS SRCDIR

The program reads its own rules, calendars, timelines, complaints
procedures and styles without validating them at each run (src/schema.c,
fd_validate_data): the tests do it here, with xmllint against the same
schemas. Any other copy (--templates DIR, $FINDINGS_DATADIR, --style FILE)
is validated when read: a copy with one element out of place is refused
with FILE:LINE:COL and exit 1, where the program's own copy renders. A
style naming a font family its fonts.conf lacks is refused too, and one
whose fonts.conf fontconfig cannot read, said once.
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

FINDINGS, SRC = sys.argv[1:3]
SCHEMA = os.path.join(SRC, "templates", "schema")
# Each kind of data the program reads, with the schema its loader names.
KINDS = [
    ("templates/*/rules.xml", "rules.rng"),
    ("templates/calendars/*.xml", "calendar.rng"),
    ("templates/*/timeline.xml", "timeline.rng"),
    ("templates/*/complaints.xml", "complaints.rng"),
    ("styles/*.xml", "style.rng"),
]
EXAMPLE = os.path.join(SRC, "examples", "jtai-2016-eastbridge.xml")
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def run(args, **kw):
    return subprocess.run(args, capture_output=True, timeout=120, **kw)


def own_data_valid():
    """Every file of each kind passes its schema; each kind has files."""
    for pattern, rng in KINDS:
        files = sorted(glob.glob(os.path.join(SRC, pattern)))
        if not files:
            fail("no file matches %s" % pattern)
        for f in files:
            r = run(["xmllint", "--noout", "--relaxng",
                     os.path.join(SCHEMA, rng), f])
            if r.returncode != 0:
                fail("%s against %s: %s" % (os.path.relpath(f, SRC), rng,
                                            r.stderr.decode()[-400:]))


def break_file(path):
    """Puts an element no schema allows first inside the root element."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    # Comments blanked (same length), so that a tag written in one is
    # not taken for the root.
    bare = re.sub(r"<!--.*?-->", lambda c: " " * len(c.group()), text,
                  flags=re.S)
    m = re.search(r"<[A-Za-z][^>]*>", bare)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text[:m.end()] + "<stray/>" + text[m.end():])


def refused(args, what, env=None):
    """args fail with exit 1 and a FILE:LINE:COL error naming what."""
    r = run([FINDINGS] + args, env=env)
    err = r.stderr.decode()
    # Exit 1, or 3 where the program names its own data unusable (the
    # rules: "cannot load the rules of framework").
    if r.returncode not in (1, 3) or what not in err or \
            not re.search(r":\d+:\d+: error: ", err):
        fail("%s: a changed copy of %s: exit %d: %s" % (
            " ".join(args[:2]), what, r.returncode, err[-400:]))


def copies_checked(tmp):
    """A copy of the data with one element out of place is refused, for
    each kind the letter reads; the program's own copy is not."""
    out = os.path.join(tmp, "out.pdf")
    r = run([FINDINGS, "render", EXAMPLE, "-o", out])
    if r.returncode != 0:
        fail("render from the program's own data: exit %d: %s" % (
            r.returncode, r.stderr.decode()[-400:]))
    cases = [
        ("jtai-2016/rules.xml", "check"),
        ("jtai-2016/timeline.xml", "render"),
        ("calendars/england-and-wales.xml", "render"),
        ("jtai-2016/complaints.xml", "render"),
    ]
    for rel, cmd in cases:
        copy = os.path.join(tmp, "t-" + rel.replace("/", "-"))
        shutil.copytree(os.path.join(SRC, "templates"), copy)
        target = os.path.join(copy, rel)
        break_file(target)
        args = [cmd, EXAMPLE, "--templates", copy]
        if cmd == "render":
            args += ["-o", out]
        refused(args, os.path.basename(rel))
        # The same copy named by the variable is checked too.
        env = dict(os.environ, FINDINGS_DATADIR=tmp + "/dd-" +
                   rel.replace("/", "-"))
        # (Copies: the program opens no data through a symbolic link.)
        shutil.copytree(copy, os.path.join(env["FINDINGS_DATADIR"],
                                           "templates"))
        shutil.copytree(os.path.join(SRC, "styles"),
                        os.path.join(env["FINDINGS_DATADIR"], "styles"))
        vargs = [cmd, EXAMPLE] + (["-o", out] if cmd == "render" else [])
        refused(vargs, os.path.basename(rel), env=env)
    style = os.path.join(tmp, "gov-uk.xml")
    shutil.copy(os.path.join(SRC, "styles", "gov-uk.xml"), style)
    # fonts.conf is named relative to the style's folder.
    shutil.copy(os.path.join(SRC, "styles", "fonts.conf"), tmp)
    break_file(style)
    refused(["render", EXAMPLE, "--style", style, "-o", out], "gov-uk.xml")


def families_checked(tmp):
    """A style whose text or monospaced family is not among its
    fonts.conf's fonts is refused (exit 3, the family named, no file):
    fontconfig would otherwise print it in a fallback, with other
    measures. The monospaced one too, though the letter sets no code."""
    shutil.copy(os.path.join(SRC, "styles", "fonts.conf"), tmp)
    with open(os.path.join(SRC, "styles", "gov-uk.xml"),
              encoding="utf-8") as f:
        text = f.read()
    for attr, fam in (("family", "Liberation Sans"),
                      ("mono", "Liberation Mono")):
        style = os.path.join(tmp, "fam-%s.xml" % attr)
        changed = text.replace('%s="%s"' % (attr, fam),
                               '%s="No Such %s"' % (attr, attr.title()))
        if changed == text:
            fail("gov-uk.xml has no %s=\"%s\"" % (attr, fam))
        with open(style, "w", encoding="utf-8") as f:
            f.write(changed)
        out = os.path.join(tmp, "fam-%s.pdf" % attr)
        r = run([FINDINGS, "render", EXAMPLE, "--style", style, "-o", out])
        err = r.stderr.decode()
        want = "the font family 'No Such %s' is not among" % attr.title()
        if r.returncode != 3 or want not in err or os.path.exists(out):
            fail("a style naming a missing %s family: exit %d, %s: %s" % (
                attr, r.returncode,
                "a file" if os.path.exists(out) else "no file", err[-400:]))


def fonts_conf_unreadable(tmp):
    """A style whose fonts.conf fontconfig cannot read is refused (exit 3,
    no file), and said once, though render opens a style's fonts ahead,
    beside the check, and then again in the layout."""
    shutil.copy(os.path.join(SRC, "styles", "gov-uk.xml"), tmp)
    with open(os.path.join(tmp, "fonts.conf"), "w", encoding="utf-8") as f:
        f.write("<fontconfig><dir>/no/such/folder</dir>\n")
    style = os.path.join(tmp, "gov-uk.xml")
    for out in ("letter.pdf", "-"):
        path = os.path.join(tmp, out) if out != "-" else out
        r = run([FINDINGS, "render", EXAMPLE, "--style", style, "-o", path])
        err = r.stderr.decode()
        ours = err.count("cannot load this fontconfig file")
        theirs = err.count("Fontconfig error: Cannot load config file")
        if r.returncode != 3 or ours != 1 or theirs > 1 or \
                (out != "-" and os.path.exists(path)) or r.stdout:
            fail("a fonts.conf fontconfig cannot read, -o %s: exit %d, "
                 "said %d time(s), fontconfig %d: %s" % (
                     out, r.returncode, ours, theirs, err[-400:]))


def main():
    own_data_valid()
    with tempfile.TemporaryDirectory() as tmp:
        fonts_conf_unreadable(tmp)
    with tempfile.TemporaryDirectory() as tmp:
        copies_checked(tmp)
    with tempfile.TemporaryDirectory() as tmp:
        families_checked(tmp)
    if failures:
        print("%d failure(s)" % len(failures))
        sys.exit(1)
    print("ok")


main()
