#!/usr/bin/env python3
"""What the program loads: GMime only when an email is written, libxslt
only when a stylesheet runs, never qpdf or GnuTLS.

usage: run.py FINDINGS INJECT.so

The dynamic loader's own account (LD_DEBUG=files) of the shared objects
mapped by `findings --version`, a PDF render and an email render: the
first two map neither GMime nor what only it needs (GPGME, libassuan,
libgpg-error); the email maps GMime and is a whole MIME message, the same
bytes twice. `--version` maps no libxslt, a render does; no run maps
qpdf, GnuTLS or any C++ library but the one ICU needs (the finishing step
is C). And the files a build of one inspection opens (inject.so,
FINDINGS_FAULT=open:SUFFIX, from tests/faults): each RELAX NG schema once
a process, though eleven documents are validated against document.rng.
bench/ measures what this saves; here nothing is timed.
"""
import collections
import email
import email.policy
import os
import re
import subprocess
import sys
import tempfile

FINDINGS, INJECT = sys.argv[1:3]
HERE = os.path.dirname(os.path.abspath(__file__))
NS = os.path.join(HERE, "..", "..", "examples", "jtai-2019-northshire.xml")
ENV = dict(os.environ, LC_ALL="C.UTF-8", SOURCE_DATE_EPOCH="0")
MAIL_ONLY = ("libgmime", "libgpgme", "libassuan", "libgpg-error")
NEVER = ("libqpdf", "libgnutls", "libnettle", "libhogweed", "libp11-kit")
failures = []


def loaded(args):
    """The shared objects the run maps, by file name, and its result."""
    env = dict(ENV, LD_DEBUG="files")
    r = subprocess.run([FINDINGS] + args, env=env, capture_output=True)
    err = r.stderr.decode("utf-8", "replace")
    names = set(os.path.basename(m) for m in
                re.findall(r"file=(\S+) \[0\];  (?:needed by|dynamically loaded by)", err))
    return names, r


def expect(name, args, mail, xslt=True):
    names, r = loaded(args)
    if r.returncode != 0:
        failures.append("%s: exit %d" % (name, r.returncode))
        return
    if not names:
        failures.append("%s: LD_DEBUG=files said nothing" % name)
        return
    got = sorted(n for n in names if n.startswith(MAIL_ONLY))
    if mail and not any(n.startswith("libgmime") for n in got):
        failures.append("%s: GMime was not loaded: %s" % (name, sorted(names)))
    if not mail and got:
        failures.append("%s: loads %s, which only an email needs" % (name, got))
    never = sorted(n for n in names if n.startswith(NEVER))
    if never:
        failures.append("%s: loads %s" % (name, never))
    has_xslt = any(n.startswith("libxslt") for n in names)
    if has_xslt != xslt:
        failures.append("%s: libxslt %s" % (
            name, "loaded, though no stylesheet runs" if has_xslt
            else "not loaded, though the stylesheets ran"))
    print("%s: %d shared objects%s" % (name, len(names),
                                       ", GMime's chain: %s" % got if got else ""))


with tempfile.TemporaryDirectory() as d:
    expect("version", ["--version"], False, xslt=False)
    expect("pdf", ["render", NS, "-o", os.path.join(d, "letter.pdf")], False)
    expect("printed-email", ["render", NS, "--doc", "notification", "--to",
                             "la", "-o", os.path.join(d, "n.pdf")], False)
    eml = os.path.join(d, "n.eml")
    expect("email", ["render", NS, "--doc", "notification", "--to", "la",
                     "-o", eml], True)
    if os.path.exists(eml):
        with open(eml, "rb") as f:
            data = f.read()
        msg = email.message_from_bytes(data, policy=email.policy.default)
        if msg.get_body(("plain",)) is None or msg.get_body(("html",)) is None:
            failures.append("email: not a whole MIME message")
        subprocess.run([FINDINGS, "render", NS, "--doc", "notification",
                        "--to", "la", "-o", eml[:-4] + "-again.eml"], env=ENV, check=True)
        with open(eml[:-4] + "-again.eml", "rb") as f:
            if f.read() != data:
                failures.append("email: not the same bytes twice")

def opened(args, suffix):
    """How often the run opens each file whose name ends in suffix."""
    env = dict(ENV, LD_PRELOAD=INJECT, FINDINGS_FAULT="open:" + suffix)
    env["ASAN_OPTIONS"] = (env.get("ASAN_OPTIONS", "") +
                           ":verify_asan_link_order=0").lstrip(":")
    r = subprocess.run([FINDINGS] + args, env=env, capture_output=True)
    err = r.stderr.decode("utf-8", "replace")
    return collections.Counter(re.findall(r"^inject: opened (.*)$", err, re.M)), r


with tempfile.TemporaryDirectory() as d:
    counts, r = opened(["build", NS, "-d", d], ".rng")
    if r.returncode != 0:
        failures.append("build: exit %d" % r.returncode)
    if not any(p.endswith("document.rng") for p in counts):
        failures.append("build: document.rng was never opened: %s" % counts)
    for path, n in sorted(counts.items()):
        if n > 1:
            failures.append("build: %s parsed %d times" % (path, n))
    print("build of one inspection (%d files): schemas opened %s" % (
        len(os.listdir(d)), dict((os.path.basename(p), n) for p, n in counts.items())))
for f in failures:
    print("FAIL " + f)
sys.exit(1 if failures else 0)
