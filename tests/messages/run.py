#!/usr/bin/env python3
"""findings(1) lists every diagnostic of the catalogue.

usage: run.py SOURCE_DIR

Reads the X-macro table of src/msg.h (name, level, printf format) and the
DIAGNOSTICS section of docs/findings.1.md, where each message is a list
item in backticks with its conversions (%s, %ld, %zu, %.1f ...) written as
"…", under ### Warnings, ### Errors, ### Input and output failures or
### Usage errors.
Fails on an entry the page does not list under its level, and on a
message the page lists that the catalogue does not have.

A catalogue format is not a literal at its call, so the compiler cannot
check the arguments against it: each call of fd_msg (d, M_NAME, file,
line, col, ...), fd_input_msg (d, in, node, attr, M_NAME, ...),
fd_render_msg (r, d, attr, M_NAME, ...), the checker's say (c, node,
attr, M_NAME, ...), doctree_xml.c's error_at (b, el, attr, M_NAME, arg),
transform.c's sink_msg (s, M_NAME, file, line, col, ...) and refuse_load
(M_NAME, file, line, col, ...), load_explain.c's explained (x, line,
col, M_NAME, ...), and the command line's fd_msg_say (command, M_NAME,
...) and fd_cli_usage_error (c, M_NAME, ...) in src/ is read here, and
fails when it gives another number of arguments than its message has
conversions, or a quoted string for a number. A usage error (FD_USAGE)
is said at once, never collected: it fails when one is passed to another
function than those two, or fd_cli_usage_error another message.

So that the catalogue stays whole, a file of src/ outside NOT_YET (the
stages not yet catalogued) fails when it calls fd_diag, fd_vdiag,
or fd_input_diag with a message of its own: only a
wrapper passing on the format it was given (fmt, or the catalogue's
fd_msgs[m].text) may, and diag.c, which passes on messages already made.
NOT_YET fails too when one of its files no longer makes its own messages
(take it off the list, and off msg.h's comment).

And so that every message a user can see on standard error is in the
catalogue, a file of src/ other than the printing code (PRINTERS: diag.c,
which prints the collected diagnostics, and msg.c's fd_msg_say) fails
when it writes to standard error itself (stderr, STDERR_FILENO, perror,
err.h's err and warn, GLib's g_printerr): only a command's usage may be
printed there, as usage(stderr), after a usage error.
"""
import re
import sys
from pathlib import Path

# The functions that take a message of the catalogue: where its M_ name
# is and where its arguments start, counted from 0.
CALLS = {"fd_msg": (1, 5), "fd_input_msg": (4, 5), "say": (3, 4),
         "error_at": (3, 4), "fd_render_msg": (3, 4), "sink_msg": (1, 5),
         "refuse_load": (0, 4), "explained": (3, 4),
         "fd_msg_say": (1, 2), "fd_cli_usage_error": (1, 2)}
# The functions that say a message at once: the only ones that may take
# a usage error, and fd_cli_usage_error takes nothing else.
SAY = {"fd_msg_say", "fd_cli_usage_error"}
# The code that prints messages to standard error.
PRINTERS = {"diag.c", "msg.c"}
# Writing to standard error, in code (comments taken out first).
STDERR = re.compile(r"\bstderr\b|\bSTDERR_FILENO\b|\bperror\s*\(|"
                    r"\b(?:v?errx?|v?warnx?|g_printerr)\s*\(|<err\.h>|"
                    r"\b(?:dprintf|write)\s*\(\s*2\s*,")
# A command's usage printed after a usage error: not a message.
USAGE = re.compile(r"\busage\s*\(\s*stderr\s*\)")
# The files that still make their own messages, to be catalogued: none.
NOT_YET = set()
# The functions that take a message of their own, and which argument is
# its format (or the message itself).
OWN = {"fd_diag": 5, "fd_vdiag": 5, "fd_input_diag": 5}
# A format passed on from the caller is not a message of one's own.
PASSED_ON = {"fmt", "fd_msgs[m].text"}
# Calls that pass on messages of NOT_YET's files: none now.
PASS_THROUGH = set()
LEVELS = {"FD_WARNING": "Warnings", "FD_ERROR": "Errors",
          "FD_IOERR": "Input and output failures",
          "FD_USAGE": "Usage errors"}


def catalogue(src):
    """[(name, section, text)] of src/msg.h's FD_MSGS table."""
    h = (src / "src" / "msg.h").read_text()
    body = h[h.index("#define FD_MSGS(X)"):]
    body = body[:body.index("\n\n")]
    out = []
    for name, level, strings in re.findall(
            r'X\((\w+), (FD_\w+),((?:\s*\\?\s*"(?:[^"\\]|\\.)*")+)\)', body):
        text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', strings))
        text = text.replace('\\"', '"')
        text = re.sub(r"%[-0-9.]*(?:ll|l|z)?[sduxfc]", "…", text)
        out.append((name, LEVELS[level], text))
    return out


def page(src):
    """{(section, text)} listed under DIAGNOSTICS in findings(1)."""
    md = (src / "docs" / "findings.1.md").read_text()
    sec = md[md.index("## DIAGNOSTICS"):]
    sec = sec[:sec.index("\n## ", 3)]
    listed, level = set(), None
    for line in sec.splitlines():
        if line.startswith("### "):
            level = line[4:].strip()
        m = re.match(r"- `(.*)`$", line)
        if m:
            listed.add((level, m.group(1)))
    return listed


def conversions(src):
    """{name: ([conversion letters], level)} of the catalogue."""
    h = (src / "src" / "msg.h").read_text()
    body = h[h.index("#define FD_MSGS(X)"):]
    body = body[:body.index("\n\n")]
    out = {}
    for name, level, strings in re.findall(
            r'X\((\w+), (FD_\w+),((?:\s*\\?\s*"(?:[^"\\]|\\.)*")+)\)',
            body):
        text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', strings))
        out[name] = (re.findall(r"%[-0-9.]*(?:ll|l|z)?([sduxfc])",
                                text.replace("%%", "")), level)
    return out


def call_args(text, open_paren):
    """The top-level arguments of the call whose '(' is at open_paren."""
    args, depth, cur, i, quote = [], 0, "", open_paren + 1, None
    while i < len(text):
        ch = text[i]
        if quote:
            cur += ch
            if ch == "\\":
                cur += text[i + 1]
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
            cur += ch
        elif ch in "([{":
            depth += 1
            cur += ch
        elif ch in ")]}":
            if depth == 0:
                args.append(cur.strip())
                return args
            depth -= 1
            cur += ch
        elif ch == "," and depth == 0:
            args.append(cur.strip())
            cur = ""
        else:
            cur += ch
        i += 1
    return args


def check_calls(src, convs):
    """Failures of the catalogue's calls in src/*.c, and their number."""
    fails, calls = [], 0
    for path in sorted((src / "src").glob("*.c")):
        text = path.read_text()
        for m in re.finditer(r"\b(" + "|".join(CALLS) + r")\s*\(", text):
            # say() is the checker's (privacy.c has one of its own),
            # error_at() doctree_xml.c's.
            if (m.group(1) == "say" and not path.name.startswith("check")) \
                    or (m.group(1) == "error_at" and
                        path.name != "doctree_xml.c"):
                continue
            args = call_args(text, m.end() - 1)
            at, first = CALLS[m.group(1)]
            # The function's own definition, not a call.
            if not args or args[0].startswith(("struct", "const", "enum")):
                continue
            where = f"{path.name}:{text.count(chr(10), 0, m.start()) + 1}"
            # A wrapper passing its own message on (error_at's m).
            if len(args) > at and args[at] == "m":
                continue
            names = re.findall(r"\bM_(\w+)", args[at]) \
                if len(args) > at else []
            if not names:
                fails.append(f"{where}: no M_ message in {args}")
                continue
            calls += 1
            given = args[first:]
            for name in names:
                if name not in convs:
                    fails.append(f"{where}: M_{name} is not in the catalogue")
                    continue
                want, level = convs[name]
                if (level == "FD_USAGE") != (m.group(1) in SAY) and \
                        m.group(1) != "fd_msg_say":
                    fails.append(f"{where}: M_{name} ({level}) passed to "
                                 f"{m.group(1)}: a usage error is said "
                                 f"with fd_cli_usage_error or fd_msg_say, "
                                 f"and only a usage error with "
                                 f"fd_cli_usage_error")
                    continue
                if len(given) != len(want):
                    fails.append(f"{where}: M_{name} has {len(want)} "
                                 f"conversion(s), the call gives "
                                 f"{len(given)} argument(s)")
                    continue
                for conv, arg in zip(want, given):
                    if conv != "s" and arg.startswith('"'):
                        fails.append(f"{where}: M_{name}: a string "
                                     f"for %{conv}: {arg}")
    return fails, calls


def check_own(src):
    """Failures of the files that should take every message from the
    catalogue, and of NOT_YET's list; and the number of calls read."""
    fails, calls = [], 0
    paths = sorted(list((src / "src").glob("*.c")) +
                   list((src / "src").glob("*.cc")))
    for path in paths:
        if path.name == "diag.c":
            continue
        text = path.read_text()
        own = 0
        for m in re.finditer(r"\b(" + "|".join(OWN) + r")\s*\(", text):
            args = call_args(text, m.end() - 1)
            # The function's own definition, not a call.
            if not args or args[0].startswith(("struct", "const", "enum")):
                continue
            where = f"{path.name}:{text.count(chr(10), 0, m.start()) + 1}"
            fmt = args[OWN[m.group(1)]] if len(args) > OWN[m.group(1)] \
                else ""
            calls += 1
            if fmt in PASSED_ON:
                continue
            own += 1
            if path.name in NOT_YET or \
                    (path.name, m.group(1), fmt) in PASS_THROUGH:
                continue
            fails.append(f"{where}: {m.group(1)} with a message of its "
                         f"own ({' '.join(fmt.split())[:60]}): put it in "
                         f"the catalogue (src/msg.h) and call fd_msg, "
                         f"fd_input_msg or fd_render_msg")
        if path.name in NOT_YET and own == 0:
            fails.append(f"{path.name} makes no message of its own: take "
                         f"it off NOT_YET here and off src/msg.h's comment")
    return fails, calls


def check_stderr(src):
    """Failures of the files that write to standard error themselves, and
    the number of writes seen in the printing code."""
    fails, seen = [], 0
    paths = sorted(list((src / "src").glob("*.c")) +
                   list((src / "src").glob("*.cc")) +
                   list((src / "src").glob("*.h")))
    for path in paths:
        text = path.read_text()
        # Comments and the insides of quotes blanked (a "stderr" in
        # words writes nothing), their newlines kept for line numbers.
        code = re.sub(r'"(?:[^"\\\n]|\\.)*"|'
                      r"'(?:[^'\\\n]|\\.)*'|/\*.*?\*/|//[^\n]*",
                      lambda c: re.sub(r"[^\n]", " ", c.group(0)), text,
                      flags=re.S)
        code = USAGE.sub(lambda u: " " * len(u.group(0)), code)
        for m in STDERR.finditer(code):
            if path.name in PRINTERS:
                seen += 1
                continue
            line = code.count("\n", 0, m.start()) + 1
            fails.append(f"{path.name}:{line}: writes to standard error "
                         f"itself ({m.group(0)}): put the message in the "
                         f"catalogue (src/msg.h) and say it with "
                         f"fd_msg_say, fd_cli_usage_error or fd_msg")
    return fails, seen


def main():
    src = Path(sys.argv[1])
    entries = catalogue(src)
    listed = page(src)
    failures = 0
    if len(entries) < 40:
        print(f"FAIL: only {len(entries)} catalogue entries read")
        failures += 1
    for name, level, text in entries:
        if (level, text) not in listed:
            print(f"FAIL: {name} is not listed under {level}: `{text}`")
            failures += 1
    known = {(level, text) for _, level, text in entries}
    for level, text in sorted(listed - known):
        print(f"FAIL: findings(1) lists `{text}` under {level}, which "
              f"the catalogue does not have")
        failures += 1
    call_fails, calls = check_calls(src, conversions(src))
    for f in call_fails:
        print("FAIL: " + f)
    failures += len(call_fails)
    if calls < 40:
        print(f"FAIL: only {calls} calls of the catalogue read")
        failures += 1
    own_fails, own_calls = check_own(src)
    for f in own_fails:
        print("FAIL: " + f)
    failures += len(own_fails)
    # The wrappers that pass formats on (fd_vdiag in diag.c, and
    # fd_input_diag's call of it): the reader must see at least those.
    if own_calls < 2:
        print(f"FAIL: only {own_calls} calls of fd_diag and its kin read")
        failures += 1
    err_fails, printed = check_stderr(src)
    for f in err_fails:
        print("FAIL: " + f)
    failures += len(err_fails)
    # diag.c's fputs and fflush, msg.c's fprintf, vfprintf and fputc: the
    # reader must see at least those.
    if printed < 5:
        print(f"FAIL: only {printed} writes to standard error seen in "
              f"the printing code")
        failures += 1
    if not any(level == "Usage errors" for _, level, _ in entries):
        print("FAIL: no usage error read from the catalogue")
        failures += 1
    print(f"{len(entries)} messages, {calls} calls, {own_calls} calls of "
          f"fd_diag and its kin, {printed} writes to standard error in "
          f"the printing code, {failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
