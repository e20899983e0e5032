#!/usr/bin/env python3
"""Output faults: each ends in a diagnostic and exit 3, nothing is left.

usage: run.py FINDINGS INJECT.so

- a file-size limit (ulimit -f), a full disk (/dev/full; write() failing
  with ENOSPC through inject.so; a tiny tmpfs when we may mount one), an
  unwritable folder, a closed pipe: exit 3, one FILE: error: line, no
  temporary file, an existing output untouched;
- SIGTERM or SIGINT while a file or build's staging folder is being
  written: the process dies of the signal and leaves nothing, build's
  workers included;
- SIGKILL leaves a temporary file or a staging folder: the next run into
  the same folder removes it, and only ours (a user's look-alike files and
  a live run's stay);
- an output replaced keeps its permissions; a new one follows the umask.
inject.so (LD_PRELOAD, FINDINGS_FAULT=...) makes each fault happen at the
moment it must, every time; no timing is measured.
"""
import os
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time

FINDINGS, INJECT = sys.argv[1:3]
HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "..", "examples")
NS = os.path.join(EXAMPLES, "jtai-2019-northshire.xml")
WM = os.path.join(EXAMPLES, "tlai-2016-westmoor.xml")
SENTINEL = b"an older file that a failed run must leave alone\n"
ENV = dict(os.environ, LC_ALL="C.UTF-8", SOURCE_DATE_EPOCH="0")
# A sanitizer build's runtime must otherwise come first of the libraries.
ENV["ASAN_OPTIONS"] = (ENV.get("ASAN_OPTIONS", "") +
                       ":verify_asan_link_order=0").lstrip(":")
FAILURES = []


def fail(name, why):
    FAILURES.append("%s: %s" % (name, why))
    print("FAIL %s: %s" % (name, why))


def run(args, fault=None, limit=None, umask=None, stdout=subprocess.PIPE,
        **kw):
    env = dict(ENV)
    if fault:
        env["LD_PRELOAD"] = INJECT
        env["FINDINGS_FAULT"] = fault

    def pre():
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        if umask is not None:
            os.umask(umask)
    return subprocess.run([FINDINGS] + args, env=env, stdout=stdout,
                          stderr=subprocess.PIPE, preexec_fn=pre,
                          timeout=300, **kw)


def folder(name):
    d = tempfile.mkdtemp(prefix="faults-%s-" % name)
    with open(os.path.join(d, "old.pdf"), "wb") as f:
        f.write(SENTINEL)
    return d


def listing(d):
    return sorted(os.listdir(d))


def expect_io(name, r, path_re, d=None, keep=("old.pdf",)):
    """Exit 3, every stderr line a diagnostic naming the output, and the
    folder d holding exactly keep, the old file unchanged."""
    err = r.stderr.decode("utf-8", "replace")
    if r.returncode != 3:
        fail(name, "exit %s, not 3: %s" % (r.returncode, err[:500]))
    lines = [l for l in err.splitlines() if l.strip()]
    if not lines:
        fail(name, "no diagnostic")
    for l in lines:
        if not re.match(r"(%s): error: \S" % path_re, l):
            fail(name, "not a diagnostic naming the output: %r" % l)
    if d is not None:
        if listing(d) != sorted(keep):
            fail(name, "the folder holds %s" % listing(d))
        with open(os.path.join(d, "old.pdf"), "rb") as f:
            if f.read() != SENTINEL:
                fail(name, "the old file was changed")
    print("ok %s: %s" % (name, lines[0] if lines else ""))


def is_root():
    return os.geteuid() == 0


# ------------------------------------------------------- write faults

def file_size_limit():
    d = folder("fsize")
    r = run(["render", NS, "-o", os.path.join(d, "out.pdf")],
            limit=16384)
    expect_io("fsize-render", r, re.escape(os.path.join(d, "out.pdf")), d)
    # The old file stays as it was, under its own name, too.
    old = os.path.join(d, "old.pdf")
    r = run(["render", NS, "--doc", "letter", "-o", old + ".new.pdf"],
            limit=16384)
    expect_io("fsize-render-2", r, re.escape(old + ".new.pdf"), d)
    r = run(["build", NS, "-d", d], limit=16384)
    expect_io("fsize-build", r, re.escape(d) + r"(/[^:]*)?", d)
    # Standard output into a file past the limit.
    with open(os.path.join(d, "timeline.txt"), "wb") as f:
        r = run(["timeline", NS], limit=64, stdout=f)
    expect_io("fsize-stdout", r, "-")
    shutil.rmtree(d)


def disk_full():
    r = run(["render", NS, "-o", "/dev/full"])
    expect_io("dev-full", r, "/dev/full")
    with open("/dev/full", "wb") as f:
        r = run(["timeline", NS], stdout=f)
    expect_io("dev-full-stdout", r, "-")
    d = folder("enospc")
    r = run(["render", NS, "-o", os.path.join(d, "out.pdf")],
            fault="enospc")
    expect_io("enospc-render", r, re.escape(os.path.join(d, "out.pdf")), d)
    r = run(["render", NS, "-o", os.path.join(d, "old.pdf")],
            fault="enospc")
    expect_io("enospc-replace", r, re.escape(os.path.join(d, "old.pdf")),
              d)
    r = run(["build", NS, WM, "-j", "2", "-d", d], fault="enospc")
    expect_io("enospc-build", r, re.escape(d) + r"(/[^:]*)?", d)
    shutil.rmtree(d)
    if not is_root():
        print("skip tmpfs: not root")
        return
    m = tempfile.mkdtemp(prefix="faults-tmpfs-")
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs",
                       m], capture_output=True).returncode != 0:
        print("skip tmpfs: cannot mount")
        os.rmdir(m)
        return
    try:
        with open(os.path.join(m, "old.pdf"), "wb") as f:
            f.write(SENTINEL)
        r = run(["render", NS, "-o", os.path.join(m, "out.pdf")])
        expect_io("tmpfs-render", r, re.escape(os.path.join(m, "out.pdf")),
                  m)
        r = run(["build", NS, "-d", m])
        expect_io("tmpfs-build", r, re.escape(m) + r"(/[^:]*)?", m)
    finally:
        subprocess.run(["umount", m])
        os.rmdir(m)


def unwritable():
    if is_root():
        # Permissions do not stop root; /sys refuses new files to all.
        d = "/sys"
    else:
        d = folder("ro")
        os.chmod(d, 0o555)
    r = run(["render", NS, "-o", os.path.join(d, "out.pdf")])
    expect_io("unwritable-render", r, re.escape(os.path.join(d, "out.pdf")))
    r = run(["build", NS, "-d", d])
    expect_io("unwritable-build", r, re.escape(d) + r"(/[^:]*)?")
    if not is_root():
        os.chmod(d, 0o755)
        if listing(d) != ["old.pdf"]:
            fail("unwritable", "the folder holds %s" % listing(d))
        shutil.rmtree(d)


def closed_pipe():
    # The reader is gone before the program writes (it renders first): a
    # PDF smaller than the pipe's buffer would otherwise fit in it.
    p = subprocess.Popen([FINDINGS, "render", NS, "-o", "-"], env=ENV,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout.close()
    err = p.stderr.read().decode("utf-8", "replace")
    code = p.wait()
    r = subprocess.CompletedProcess(p.args, code, b"", err.encode())
    expect_io("closed-pipe", r, "-")
    if len(err.splitlines()) != 1:
        fail("closed-pipe", "said more than once: %r" % err)


# ------------------------------------------------------------ signals

def leftovers(d):
    return [n for n in listing(d) if ".findings-" in n]


def signalled(name, r, sig):
    if r.returncode != -sig:
        fail(name, "ended with %s, not signal %d: %s"
             % (r.returncode, sig, r.stderr.decode("utf-8", "replace")[:400]))


def signals():
    d = folder("term")
    r = run(["render", NS, "-o", os.path.join(d, "old.pdf")],
            fault="term-fsync")
    signalled("term-render", r, signal.SIGTERM)
    if listing(d) != ["old.pdf"]:
        fail("term-render", "left %s" % listing(d))
    r = run(["build", NS, "-d", d], fault="term-syncfs")
    signalled("term-build", r, signal.SIGTERM)
    if listing(d) != ["old.pdf"]:
        fail("term-build", "left %s" % listing(d))
    print("ok term-render, term-build")
    # build -j 2: the signal to the parent reaches the workers, each of
    # which removes its staging folder.
    for sig in (signal.SIGTERM, signal.SIGINT):
        inputs = [NS, WM] * 3
        p = subprocess.Popen([FINDINGS, "build", "-j", "2", "-d", d] + inputs,
                             env=ENV, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, start_new_session=True)
        deadline = time.monotonic() + 120
        while not leftovers(d) and p.poll() is None and \
                time.monotonic() < deadline:
            time.sleep(0.005)
        if p.poll() is not None:
            fail("workers-%d" % sig, "build ended before it was signalled")
            continue
        p.send_signal(sig)
        p.wait()
        # The workers outlive the parent for a moment: wait for the group.
        while time.monotonic() < deadline:
            try:
                os.killpg(p.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.01)
        else:
            fail("workers-%d" % sig, "workers still running")
        if p.returncode != -sig:
            fail("workers-%d" % sig, "build ended with %s" % p.returncode)
        if leftovers(d):
            fail("workers-%d" % sig, "left %s" % leftovers(d))
        for n in listing(d):
            if n != "old.pdf":
                os.unlink(os.path.join(d, n))
        print("ok workers-%d" % sig)
    shutil.rmtree(d)


def dead_pid():
    p = subprocess.Popen(["true"])
    p.wait()
    return p.pid


def killed_runs():
    d = folder("kill")
    out = os.path.join(d, "out.pdf")
    r = run(["render", NS, "-o", out], fault="kill-fsync")
    signalled("kill-render", r, signal.SIGKILL)
    if not [n for n in listing(d) if n.startswith(".out.pdf.findings-")]:
        fail("kill-render", "no temporary file to clean up: %s" % listing(d))
    r = run(["build", NS, "-d", d], fault="kill-syncfs")
    signalled("kill-build", r, signal.SIGKILL)
    if not [n for n in listing(d) if n.startswith(".findings-build-")]:
        fail("kill-build", "no staging folder to clean up: %s" % listing(d))
    # Look-alikes that are not ours, and a live run's temporary file.
    dead = dead_pid()
    mine = [".notes.findings-draft", ".out.pdf.findings-12-abc",
            ".findings-build-mine", ".out.pdf.findings-%d-abcdef" % os.getpid(),
            ".findings-build-%d-abcdef" % os.getpid()]
    for n in mine:
        if "build" in n:
            os.mkdir(os.path.join(d, n))
        else:
            open(os.path.join(d, n), "w").close()
    # A dead run's staging folder that holds a folder is not all ours.
    sub = os.path.join(d, ".findings-build-%d-Zz09Aa" % dead)
    os.makedirs(os.path.join(sub, "inner"))
    mine.append(os.path.basename(sub))
    open(os.path.join(d, ".x.pdf.findings-%d-q1W2e3" % dead), "w").close()
    r = run(["render", NS, "-o", out])
    if r.returncode != 0:
        fail("after-kill-render", "exit %d: %s" % (r.returncode, r.stderr))
    left = [n for n in listing(d) if n.startswith(".") and n not in mine]
    want = [n for n in left if n.startswith(".findings-build-")]
    if [n for n in left if not n.startswith(".findings-build-")]:
        fail("after-kill-render", "temporary files left: %s" % left)
    r = run(["build", NS, "-d", d])
    if r.returncode != 0:
        fail("after-kill-build", "exit %d: %s" % (r.returncode, r.stderr))
    left = [n for n in listing(d) if n.startswith(".") and n not in mine]
    if left:
        fail("after-kill-build", "left %s (before: %s)" % (left, want))
    for n in mine:
        if not os.path.exists(os.path.join(d, n)):
            fail("after-kill", "removed %s, which is not a leftover of ours"
                 % n)
    with open(out, "rb") as f:
        if not f.read().rstrip().endswith(b"%%EOF"):
            fail("after-kill", "out.pdf is not whole")
    print("ok killed runs: leftovers removed by the next run, look-alikes kept")
    shutil.rmtree(d)


# -------------------------------------------------------- permissions

def modes():
    d = folder("mode")
    out = os.path.join(d, "out.pdf")
    for mask, want in ((0o022, 0o644), (0o077, 0o600), (0o002, 0o664)):
        if os.path.exists(out):
            os.unlink(out)
        r = run(["render", NS, "-o", out], umask=mask)
        got = stat.S_IMODE(os.stat(out).st_mode) if r.returncode == 0 else None
        if got != want:
            fail("mode-new-%03o" % mask, "mode %s, want %03o" % (
                oct(got) if got is not None else r.stderr, want))
    os.chmod(out, 0o640)
    run(["render", NS, "-o", out], umask=0o022)
    if stat.S_IMODE(os.stat(out).st_mode) != 0o640:
        fail("mode-kept", "mode %o after replacing a 0640 file"
             % stat.S_IMODE(os.stat(out).st_mode))
    os.chmod(out, 0o600)
    run(["build", NS, "-d", d], umask=0o022)
    for n in listing(d):
        m = stat.S_IMODE(os.stat(os.path.join(d, n)).st_mode)
        if n.endswith(".pdf") and n != "out.pdf" and m != 0o644:
            fail("mode-build", "%s has mode %o" % (n, m))
    print("ok modes")
    shutil.rmtree(d)


file_size_limit()
disk_full()
unwritable()
closed_pipe()
signals()
killed_runs()
modes()
if FAILURES:
    print("\n%d failures" % len(FAILURES))
    sys.exit(1)
print("all fault cases pass")
