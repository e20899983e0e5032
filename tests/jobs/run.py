#!/usr/bin/env python3
"""The job list and the command line, as a user meets them.

usage: run.py FINDINGS SOURCE_DIR

  - for every example, findings build --list names exactly the files
    findings build -d writes, one a line, with the document and the id
    each is for; render --doc DOC --id ID (or --to AGENCY for an email)
    writes the same bytes as build for one file of each kind; --list
    writes nothing and needs no -d (all at --stage draft, render's
    default);
  - the common options behave the same in every command: --help exits 0
    on standard output, an unknown option exits 2 with the usage on
    standard error, a bad --stage exits 2 naming the command, and a
    missing file argument exits 2 with "findings COMMAND: " first.
"""
import os
import subprocess
import sys
import tempfile
from pathlib import Path

FAILURES = []


def fail(msg):
    FAILURES.append(msg)
    print("FAIL: " + msg)


def run(args, **kw):
    env = dict(os.environ, LC_ALL="C.UTF-8", SOURCE_DATE_EPOCH="0")
    return subprocess.run(args, capture_output=True, env=env, **kw)


def check_list(findings, example, tmp):
    name = example.name
    r = run([findings, "build", "--stage", "draft", "--list", str(example)],
            cwd=tmp)
    if r.returncode != 0:
        fail(f"{name}: build --list: exit {r.returncode}: {r.stderr!r}")
        return
    if os.listdir(tmp):
        fail(f"{name}: build --list wrote {os.listdir(tmp)}")
    lines = [l.split("\t") for l in r.stdout.decode().splitlines()]
    if not lines or any(len(l) != 3 for l in lines):
        fail(f"{name}: build --list: not FILE, DOC, ID lines: {r.stdout!r}")
        return
    out = Path(tmp) / "out"
    r = run([findings, "build", "--stage", "draft", "-d", str(out),
             str(example)])
    if r.returncode != 0:
        fail(f"{name}: build: exit {r.returncode}: {r.stderr!r}")
        return
    listed = sorted(l[0] for l in lines)
    written = sorted(os.listdir(out))
    if listed != written:
        fail(f"{name}: build --list {listed} but build wrote {written}")
    # One file of each document made per id, rendered alone.
    seen = set()
    for file, doc, ident in lines:
        if not ident or doc in seen:
            continue
        seen.add(doc)
        opt = "--to" if file.endswith(".eml") else "--id"
        one = Path(tmp) / ("one" + Path(file).suffix)
        r = run([findings, "render", str(example), "--doc", doc, opt,
                 ident, "-o", str(one)])
        if r.returncode != 0:
            fail(f"{name}: render --doc {doc} {opt} {ident}: exit "
                 f"{r.returncode}: {r.stderr!r}")
        elif one.read_bytes() != (out / file).read_bytes():
            fail(f"{name}: render --doc {doc} {opt} {ident} differs from "
                 f"build's {file}")


def check_cli(findings, example):
    cmds = {"check": [str(example)], "render": [str(example)],
            "diff": [str(example), str(example)],
            "build": ["-d", "x", str(example)],
            "timeline": [str(example)], "overview": ["-o", "x.pdf"],
            "new": [], "fa-import": [], "typeset": []}
    for cmd in cmds:
        r = run([findings, cmd, "--help"])
        if r.returncode != 0 or not r.stdout.startswith(b"usage: "):
            fail(f"{cmd} --help: exit {r.returncode}, {r.stdout[:40]!r}")
        r = run([findings, cmd, "--no-such-option"])
        if r.returncode != 2 or b"usage: findings " + cmd.encode() \
                not in r.stderr or not r.stderr.startswith(
                    f"findings {cmd}: unknown option "
                    f"'--no-such-option'\n".encode()):
            fail(f"{cmd} --no-such-option: exit {r.returncode}, "
                 f"{r.stderr[:80]!r}")
    # The C library's words for a refused option are the catalogue's.
    for args, want in ((["--doc"], "--doc needs a value"),
                       (["-o"], "-o needs a value"),
                       (["-x"], "unknown option '-x'"),
                       (["--blank=1"], "--blank takes no value"),
                       (["--st", "draft"], "'--st' could be more than one "
                        "option (--style, --stage): write it in full")):
        r = run([findings, "render", str(example)] + args)
        if r.returncode != 2 or not r.stderr.startswith(
                f"findings render: {want}\nusage: ".encode()):
            fail(f"render {' '.join(args)}: exit {r.returncode}, "
                 f"{r.stderr[:80]!r}")
    for cmd in ("check", "render", "diff", "build"):
        r = run([findings, cmd, "--stage", "nonsense"] + cmds[cmd])
        want = f"findings {cmd}: unknown stage 'nonsense'".encode()
        if r.returncode != 2 or not r.stderr.startswith(want):
            fail(f"{cmd} --stage nonsense: exit {r.returncode}, "
                 f"{r.stderr[:80]!r}")
    for cmd in ("check", "render", "diff", "timeline", "overview",
                "fa-import", "typeset", "build"):
        r = run([findings, cmd])
        want = f"findings {cmd}: ".encode()
        if r.returncode != 2 or not r.stderr.startswith(want):
            fail(f"{cmd} without a file: exit {r.returncode}, "
                 f"{r.stderr[:80]!r}")


def check_relative_style(findings, src, example):
    """--style named from the folder the user stands in, as the README
    writes it: the same letter as the style named in full."""
    with tempfile.TemporaryDirectory() as tmp:
        outs = []
        for style, cwd in (("styles/gov-uk.xml", src),
                           (str(src / "styles/gov-uk.xml"), tmp)):
            out = os.path.join(tmp, "%d.pdf" % len(outs))
            r = run([findings, "render", str(example), "--style", style,
                     "-o", out], cwd=cwd)
            if r.returncode != 0:
                fail(f"--style {style} from {cwd}: exit {r.returncode}, "
                     f"{r.stderr[:120]!r}")
                return
            outs.append(Path(out).read_bytes())
        if outs[0] != outs[1]:
            fail("--style relative and absolute: different letters")


def main():
    findings, src = sys.argv[1], Path(sys.argv[2])
    examples = sorted((src / "examples").glob("*.xml"))
    if not examples:
        fail("no examples")
    for example in examples:
        with tempfile.TemporaryDirectory() as tmp:
            check_list(findings, example, tmp)
    check_cli(findings, examples[0])
    check_relative_style(findings, src, examples[0])
    if FAILURES:
        print(f"{len(FAILURES)} failure(s)")
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
