#!/usr/bin/env python3
"""Lint regression: every broken inspection in cases/ gives exactly the
diagnostics in its .lint file, and the exit status they imply (1 when any
line is an error, else 0); base.xml and everything in clean/ give none.

usage: run.py FINDINGS [CASE...]      REGEN=1 rewrites the .lint files
"""
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
cases = os.path.join(here, "cases")
findings = os.path.abspath(sys.argv[1])
names = sys.argv[2:] or sorted(f[:-4] for f in os.listdir(cases) if f.endswith(".xml"))
regen = os.environ.get("REGEN") == "1"
passed = failed = 0


def check(name, xml, want_lint):
    global passed, failed
    r = subprocess.run([findings, "check", "-q", os.path.basename(xml)], cwd=os.path.dirname(xml),
                       capture_output=True, text=True, timeout=60)
    got = r.stderr
    lint = xml[:-4] + ".lint"
    if regen and want_lint:
        with open(lint, "w") as f:
            f.write(got)
    problems = []
    want = open(lint).read() if want_lint else ""
    if want_lint and not want.strip():
        problems.append("the .lint file is empty: a case must plant a fault")
    if got != want:
        problems.append("diagnostics differ:\n--- want\n%s--- got\n%s" % (want, got))
    status = 1 if " error: " in want else 0
    if r.returncode != status:
        problems.append("exit status %d, want %d" % (r.returncode, status))
    if r.stdout:
        problems.append("unexpected stdout with -q: %r" % r.stdout)
    if problems:
        failed += 1
        print("FAIL %s\n  %s" % (name, "\n  ".join(problems)))
    else:
        passed += 1


check("base", os.path.join(here, "base.xml"), False)
clean = os.path.join(here, "clean")
for f in sorted(os.listdir(clean)):
    if f.endswith(".xml"):
        check("clean/" + f[:-4], os.path.join(clean, f), False)
for n in names:
    check(n, os.path.join(cases, n + ".xml"), True)
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
