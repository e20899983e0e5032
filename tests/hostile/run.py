#!/usr/bin/env python3
"""Hostile inputs: each ends with exit 1 and a FILE:LINE:COL: error line,
never a crash, a hang, or a leaked file's contents. The files are made
here, at run time, so no binary or huge file is kept in git.

usage: run.py FINDINGS [SUBCOMMAND ARGS...]   (default: check)
Prints each case's wall time; a case that takes longer than the guard
(20 s, for sanitizer builds) fails as a hang.
"""
import os
import random
import re
import subprocess
import sys
import tempfile
import time

findings = os.path.abspath(sys.argv[1])
command = sys.argv[2:] or ["check"]
GUARD = 20.0

BASE = open(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                         "..", "lint", "base.xml"), encoding="utf-8").read()
BODY = BASE[BASE.index("<inspection"):]


def laughs():
    ents = ['<!ENTITY lol "lol">']
    for i in range(1, 10):
        ents.append('<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1) if i > 1 else "&lol;") * 10))
    return ('<?xml version="1.0"?>\n<!DOCTYPE inspection [\n%s\n]>\n<inspection>&lol9;</inspection>\n'
            % "\n".join(ents)).encode()


def many_lines():
    # A fault past line 65535 must be reported at its true line.
    return (BODY.replace("<area>Lintshire</area>", "<area>Lintshire</area>" + "\n" * 70000 + "<colour/>")).encode()


def big_valid():
    # 20 000 records citing each other: the checks must stay linear.
    recs = "".join('<record id="r%d" esn="04" by="li" agency="la" date="2019-10-22" source="s" practice="effective">x</record>\n' % i
                   for i in range(20000))
    refs = " ".join("r%d" % i for i in range(20000))
    s = BODY.replace("<evidence>", "<evidence>\n" + recs)
    s = s.replace('evidence="ev-1">', 'evidence="ev-1 %s ev-404">' % refs)
    return s.encode()


random.seed(20261123)
CASES = {
    "xxe-local-file": b'<?xml version="1.0"?>\n<!DOCTYPE inspection [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<inspection>&x;</inspection>\n',
    "xxe-parameter-entity": b'<?xml version="1.0"?>\n<!DOCTYPE inspection [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>\n<inspection/>\n',
    "network-dtd": b'<?xml version="1.0"?>\n<!DOCTYPE inspection SYSTEM "http://127.0.0.1:9/inspection.dtd">\n<inspection/>\n',
    "billion-laughs": laughs(),
    "xinclude": b'<?xml version="1.0"?>\n<inspection xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="/etc/passwd" parse="text"/></inspection>\n',
    "deep-nesting": b"<inspection>" + b"<area>" * 200000 + b"</area>" * 200000 + b"</inspection>",
    "invalid-utf8": BODY.replace("Lintshire</area>", "Lint\xffshire</area>").encode("latin-1", "replace").replace(b"Lint?shire", b"Lint\xffshire"),
    "overlong-utf8": BODY.encode().replace(b"Lintshire</area>", b"Lint\xc0\xafshire</area>"),
    "latin1-declared": ('<?xml version="1.0" encoding="ISO-8859-1"?>\n' + BODY.replace("Lintshire</area>", "Lintsh\xefre</area>")).encode("latin-1"),
    "utf16": ('<?xml version="1.0" encoding="UTF-16"?>\n' + BODY).encode("utf-16"),
    "nul-byte": BODY.encode().replace(b"Lintshire</area>", b"Lint\x00shire</area>"),
    "empty": b"",
    "only-whitespace": b"   \n\n",
    "random-bytes": bytes(random.getrandbits(8) for _ in range(4096)),
    "random-ascii": "".join(random.choice("<>/=\"' abc&;![]-?") for _ in range(4096)).encode(),
    "truncated": BODY.encode()[: len(BODY) // 2],
    "huge": b"<inspection>" + b" " * (17 * 1024 * 1024) + b"</inspection>",
    "many-lines": many_lines(),
    "big-valid-with-one-fault": big_valid(),
    "wrong-root": b"<html><body>not an inspection</body></html>",
}

passed = failed = 0
with tempfile.TemporaryDirectory() as tmp:
    for name, data in CASES.items():
        path = os.path.join(tmp, name + ".xml")
        with open(path, "wb") as f:
            f.write(data)
        t0 = time.monotonic()
        try:
            r = subprocess.run([findings] + command + [path], capture_output=True, timeout=GUARD)
            err = r.stderr.decode("utf-8", "replace")
            code = r.returncode
        except subprocess.TimeoutExpired:
            err, code = "hang: no answer in %.0f s" % GUARD, None
        dt = time.monotonic() - t0
        problems = []
        if code != 1:
            problems.append("exit status %r, want 1" % code)
        first = err.splitlines()[0] if err else ""
        if not re.match(re.escape(path) + r":\d+:\d+: error: \S", first):
            problems.append("first line is not FILE:LINE:COL: error: ...: %r" % first[:200])
        if "root:" in err or "AddressSanitizer" in err or "runtime error" in err:
            problems.append("leak or sanitizer report:\n" + err[:2000])
        if name == "many-lines" and ":70002:1:" not in err:
            problems.append("the fault is on line 70002: %r" % err[:300])
        if name == "big-valid-with-one-fault" and "'ev-404'" not in err:
            problems.append("the planted fault is not reported: %r" % err[:300])
        if problems:
            failed += 1
            print("FAIL %-26s %6.3f s\n  %s" % (name, dt, "\n  ".join(problems)))
        else:
            passed += 1
            print("ok   %-26s %6.3f s  %s" % (name, dt, first[len(path):][:100]))
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
