#!/usr/bin/env python3
"""Checks the shipped bank holiday calendars against the rules they follow.

usage: check_data.py TEMPLATES_DIR

Each calendar (templates/calendars/*.xml) is read as a person would check it
against a printed calendar: every date a weekday, every substitute standing
in for a weekend day of the week before, each year holding exactly the
standing days of its division (Easter from the computus, the Mondays of May
and August counted), the one-off days of 2011, 2012, 2020, 2022 and 2023
where the proclamations put them, and nothing else. A hand edit that drops,
moves or repeats a day fails here with the year and the day.
"""
import datetime as dt
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

DAY = dt.timedelta(days=1)
YEARS = range(2009, 2031)


def easter(y):
    """Easter Sunday (Gregorian), by the Meeus/Jones/Butcher method."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return dt.date(y, month, day)


def mondays(y, m):
    d = dt.date(y, m, 1)
    out = []
    while d.month == m:
        if d.weekday() == 0:
            out.append(d)
        d += DAY
    return out


def observed(days):
    """Standing days (date, title) in order; a weekend day moves to the next
    weekday not already taken, as the substitute-day proclamations do."""
    taken, out = set(), []
    for d, title in days:
        if d.weekday() < 5 and d not in taken:
            taken.add(d)
            out.append((d, title, None))
    for d, title in days:
        if d.weekday() >= 5:
            s = d
            while s.weekday() >= 5 or s in taken:
                s += DAY
            taken.add(s)
            out.append((s, title, d))
    return out


# Days moved or added by proclamation, the same in every division.
MAY_2020 = dt.date(2020, 5, 8)
SPRING = {2012: dt.date(2012, 6, 4), 2022: dt.date(2022, 6, 2)}
EXTRA = {
    2011: [(dt.date(2011, 4, 29), "Royal wedding")],
    2012: [(dt.date(2012, 6, 5), "Queen\u2019s Diamond Jubilee")],
    2022: [(dt.date(2022, 6, 3), "Platinum Jubilee bank holiday"),
           (dt.date(2022, 9, 19),
            "Bank Holiday for the State Funeral of Queen Elizabeth II")],
    2023: [(dt.date(2023, 5, 8),
            "Bank holiday for the coronation of King Charles III")],
}


def expected(division, y):
    """{date: (title, substitute_for)} for a division and year."""
    e = easter(y)
    ny = [(dt.date(y, 1, 1), "New Year\u2019s Day")]
    xmas = [(dt.date(y, 12, 25), "Christmas Day"),
            (dt.date(y, 12, 26), "Boxing Day")]
    fixed = [(e - 2 * DAY, "Good Friday", None)]
    if division != "scotland":
        fixed.append((e + DAY, "Easter Monday", None))
    if y == 2020:
        fixed.append((MAY_2020, "Early May bank holiday (VE day)", None))
    else:
        fixed.append((mondays(y, 5)[0], "Early May bank holiday", None))
    fixed.append((SPRING.get(y, mondays(y, 5)[-1]), "Spring bank holiday",
                  None))
    summer = mondays(y, 8)[0 if division == "scotland" else -1]
    fixed.append((summer, "Summer bank holiday", None))
    fixed += [(d, t, None) for d, t in EXTRA.get(y, [])]
    if division == "scotland":
        ny.append((dt.date(y, 1, 2), "2nd January"))
        # St Andrew's Day on a weekend moves to the Monday after.
        sa = dt.date(y, 11, 30)
        fixed.append(observed([(sa, "St Andrew\u2019s Day")])[0])
    if division == "northern-ireland":
        fixed.append(observed([(dt.date(y, 3, 17),
                                "St Patrick\u2019s Day")])[0])
        fixed.append(observed([(dt.date(y, 7, 12),
                                "Battle of the Boyne (Orangemen\u2019s Day)")])[0])
    out = {}
    for d, t, s in fixed + observed(ny) + observed(xmas):
        assert d not in out, (division, y, d)
        out[d] = (t, s)
    return out


def check(path, errors):
    division = path.stem
    text = path.read_text(encoding="utf-8")
    if "gov.uk/bank-holidays" not in text:
        errors.append(f"{path}: the header does not cite gov.uk/bank-holidays")
    root = ET.fromstring(text.encode("utf-8"))
    if root.get("division") != division:
        errors.append(f"{path}: division= is not {division}")
    if (root.get("from"), root.get("to")) != ("2009-01-01", "2030-12-31"):
        errors.append(f"{path}: from/to are not 2009-01-01/2030-12-31")
    got = {}
    prev = None
    for h in root.findall("holiday"):
        d = dt.date.fromisoformat(h.get("date"))
        s = h.get("substitute-for")
        s = dt.date.fromisoformat(s) if s else None
        if prev is not None and d <= prev:
            errors.append(f"{path}: {d} out of order or repeated")
        prev = d
        if d.weekday() >= 5:
            errors.append(f"{path}: {d} is a {d:%A}")
        if s is not None and (s.weekday() < 5 or not 0 < (d - s).days <= 7):
            errors.append(f"{path}: {d} substitutes {s}, not a weekend "
                          "day of the week before")
        got[d] = (h.text, s)
    for y in YEARS:
        want = expected(division, y)
        have = {d: v for d, v in got.items() if d.year == y}
        for d in sorted(set(want) | set(have)):
            if want.get(d) != have.get(d):
                errors.append(f"{path}: {d} ({d:%a}): have {have.get(d)}, "
                              f"want {want.get(d)}")
    return len(got)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: check_data.py TEMPLATES_DIR")
    folder = Path(sys.argv[1]) / "calendars"
    errors = []
    files = sorted(folder.glob("*.xml"))
    names = [f.stem for f in files]
    if names != ["england-and-wales", "northern-ireland", "scotland"]:
        errors.append(f"{folder}: calendars are {names}")
    counts = {f.stem: check(f, errors) for f in files}
    for e in errors:
        print(e, file=sys.stderr)
    if errors:
        sys.exit(1)
    print("calendar data: " + ", ".join(f"{k} {v} days"
                                        for k, v in counts.items()))


if __name__ == "__main__":
    main()
