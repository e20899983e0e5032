/*
 * test_calendar.c: working-day arithmetic over the shipped calendars, on
 * the cases a person would get wrong counting by hand: substitute days at
 * Christmas and New Year, Easter, the moved and extra days of 2011, 2012,
 * 2020, 2022 and 2023, and the days only Scotland or Northern Ireland
 * keep. Every expected date here was counted on a calendar, not computed.
 *
 * usage: test_calendar TEMPLATES_DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"

static int failures;

static struct fd_date
D(const char *iso)
{
	struct fd_date d;

	if (fd_date_parse(iso, &d) != 0) {
		fprintf(stderr, "bad date in the test: %s\n", iso);
		exit(2);
	}
	return d;
}

/* from + n working days must be want. */
static void
add(const struct fd_calendar *c, const char *from, long n, const char *want,
    int line)
{
	struct fd_date got = fd_calendar_add(c, D(from), n);
	char iso[16];

	fd_date_iso(got, iso, sizeof iso);
	if (strcmp(iso, want) != 0) {
		fprintf(stderr,
			"test_calendar.c:%d: %s: %s %+ld working days: got %s, "
			"want %s\n",
			line, fd_calendar_division(c), from, n, iso, want);
		failures++;
	}
}

/* day is a holiday named want (NULL: a working day or a weekend). */
static void
name(const struct fd_calendar *c, const char *day, const char *want, int line)
{
	const char *got = fd_calendar_holiday_name(c, D(day));
	int working = fd_calendar_is_working(c, D(day));

	if ((got == NULL) != (want == NULL) ||
	    (got != NULL && strcmp(got, want) != 0) ||
	    (want != NULL && working)) {
		fprintf(stderr,
			"test_calendar.c:%d: %s: %s: got \"%s\"%s, want "
			"\"%s\"\n",
			line, fd_calendar_division(c), day,
			got ? got : "(working day)",
			working ? "" : " (not working)",
			want ? want : "(no holiday)");
		failures++;
	}
}

static void
working(const struct fd_calendar *c, const char *day, int want, int line)
{
	if (fd_calendar_is_working(c, D(day)) != want) {
		fprintf(stderr, "test_calendar.c:%d: %s: %s should %sbe a "
			"working day\n",
			line, fd_calendar_division(c), day, want ? "" : "not ");
		failures++;
	}
}

static void
between(const struct fd_calendar *c, const char *a, const char *b, long want,
	int line)
{
	long got = fd_calendar_between(c, D(a), D(b));

	if (got != want) {
		fprintf(stderr,
			"test_calendar.c:%d: %s: working days from %s to %s: "
			"got %ld, want %ld\n",
			line, fd_calendar_division(c), a, b, got, want);
		failures++;
	}
}

#define ADD(c, from, n, want) add(c, from, n, want, __LINE__)
#define NAME(c, day, want) name(c, day, want, __LINE__)
#define WORKING(c, day, want) working(c, day, want, __LINE__)
#define BETWEEN(c, a, b, want) between(c, a, b, want, __LINE__)

static void
england_and_wales(const struct fd_calendar *c)
{
	/* 2016-17: Christmas on a Sunday. Boxing Day Monday 26, Christmas
	 * substitute Tuesday 27; New Year on a Sunday, substitute Monday
	 * 2 January. */
	NAME(c, "2016-12-26", "Boxing Day");
	NAME(c, "2016-12-27", "Christmas Day (substitute day)");
	NAME(c, "2016-12-25", NULL);
	NAME(c, "2017-01-02", "New Year\u2019s Day (substitute day)");
	ADD(c, "2016-12-23", 1, "2016-12-28");
	ADD(c, "2016-12-30", 1, "2017-01-03");
	ADD(c, "2016-12-22", 5, "2017-01-03");
	ADD(c, "2017-01-03", -1, "2016-12-30");
	ADD(c, "2016-12-28", -1, "2016-12-23");

	/* 2020-21: Christmas on a Friday, Boxing Day Saturday with its
	 * substitute Monday 28; New Year's Day 2021 a Friday, no substitute;
	 * Christmas 2021 on a Saturday: substitutes Monday 27 and Tuesday
	 * 28; New Year's Day 2022 a Saturday: substitute Monday 3 January. */
	NAME(c, "2020-12-25", "Christmas Day");
	NAME(c, "2020-12-28", "Boxing Day (substitute day)");
	WORKING(c, "2020-12-29", 1);
	NAME(c, "2021-01-01", "New Year\u2019s Day");
	WORKING(c, "2021-01-04", 1);
	ADD(c, "2020-12-24", 1, "2020-12-29");
	ADD(c, "2020-12-31", 1, "2021-01-04");
	NAME(c, "2021-12-27", "Christmas Day (substitute day)");
	NAME(c, "2021-12-28", "Boxing Day (substitute day)");
	NAME(c, "2022-01-03", "New Year\u2019s Day (substitute day)");
	ADD(c, "2021-12-24", 1, "2021-12-29");
	ADD(c, "2021-12-31", 1, "2022-01-04");
	BETWEEN(c, "2021-12-24", "2022-01-04", 4);

	/* Easter: Good Friday and Easter Monday move with it. */
	NAME(c, "2016-03-25", "Good Friday");
	NAME(c, "2016-03-28", "Easter Monday");
	ADD(c, "2016-03-24", 1, "2016-03-29");
	NAME(c, "2019-04-19", "Good Friday");
	NAME(c, "2019-04-22", "Easter Monday");
	ADD(c, "2019-04-18", 1, "2019-04-23");
	NAME(c, "2011-04-22", "Good Friday");
	NAME(c, "2011-04-25", "Easter Monday");
	NAME(c, "2024-03-29", "Good Friday");
	NAME(c, "2024-04-01", "Easter Monday");
	NAME(c, "2030-04-19", "Good Friday");
	NAME(c, "2030-04-22", "Easter Monday");

	/* 2011: Easter Monday, then the royal wedding on Friday 29 April,
	 * then the early May bank holiday on Monday 2 May. */
	NAME(c, "2011-04-29", "Royal wedding");
	ADD(c, "2011-04-21", 1, "2011-04-26");
	ADD(c, "2011-04-28", 1, "2011-05-03");
	BETWEEN(c, "2011-04-21", "2011-05-03", 4);

	/* 2012: spring bank holiday moved to Monday 4 June and the Diamond
	 * Jubilee on Tuesday 5 June; Monday 28 May a working day. */
	WORKING(c, "2012-05-28", 1);
	NAME(c, "2012-06-04", "Spring bank holiday");
	NAME(c, "2012-06-05", "Queen\u2019s Diamond Jubilee");
	ADD(c, "2012-06-01", 1, "2012-06-06");

	/* 2020: the early May bank holiday moved from Monday 4 May to
	 * Friday 8 May for VE day. */
	WORKING(c, "2020-05-04", 1);
	NAME(c, "2020-05-08", "Early May bank holiday (VE day)");
	ADD(c, "2020-05-01", 1, "2020-05-04");
	ADD(c, "2020-05-07", 1, "2020-05-11");
	BETWEEN(c, "2020-05-01", "2020-05-15", 9);

	/* 2022: spring bank holiday moved to Thursday 2 June and the
	 * Platinum Jubilee on Friday 3 June (Monday 30 May worked); the
	 * State Funeral on Monday 19 September; Christmas on a Sunday. */
	WORKING(c, "2022-05-30", 1);
	NAME(c, "2022-06-02", "Spring bank holiday");
	NAME(c, "2022-06-03", "Platinum Jubilee bank holiday");
	ADD(c, "2022-06-01", 1, "2022-06-06");
	ADD(c, "2022-05-27", 4, "2022-06-06");
	NAME(c, "2022-09-19",
	     "Bank Holiday for the State Funeral of Queen Elizabeth II");
	ADD(c, "2022-09-16", 1, "2022-09-20");
	NAME(c, "2022-12-26", "Boxing Day");
	NAME(c, "2022-12-27", "Christmas Day (substitute day)");
	NAME(c, "2023-01-02", "New Year\u2019s Day (substitute day)");

	/* 2023: the coronation on Monday 8 May, a week after early May. */
	NAME(c, "2023-05-01", "Early May bank holiday");
	NAME(c, "2023-05-08",
	     "Bank holiday for the coronation of King Charles III");
	ADD(c, "2023-04-28", 1, "2023-05-02");
	ADD(c, "2023-05-05", 1, "2023-05-09");

	/* Boxing Day substitutes on Monday 28 December: 2009, 2015, 2026. */
	NAME(c, "2009-12-28", "Boxing Day (substitute day)");
	NAME(c, "2015-12-28", "Boxing Day (substitute day)");
	NAME(c, "2026-12-28", "Boxing Day (substitute day)");

	/* Summer bank holiday: the last Monday of August, not the first. */
	WORKING(c, "2019-08-05", 1);
	NAME(c, "2019-08-26", "Summer bank holiday");

	/* n == 0: the day itself when working, else the next working day. */
	ADD(c, "2019-10-07", 0, "2019-10-07");
	ADD(c, "2019-10-05", 0, "2019-10-07");
	ADD(c, "2016-12-24", 0, "2016-12-28");
	/* Counting from a weekend day: the first working day after it is 1. */
	ADD(c, "2019-10-05", 1, "2019-10-07");
	ADD(c, "2019-10-06", -1, "2019-10-04");

	/* A long count: tlai-2016's day 30 to day 30+70 over Christmas. */
	ADD(c, "2016-10-25", 70, "2017-02-03");
	BETWEEN(c, "2016-10-25", "2017-02-03", 70);
	BETWEEN(c, "2017-02-03", "2016-10-25", -70);

	/* Weekends are never holidays by name, only not working. */
	WORKING(c, "2019-10-12", 0);
	NAME(c, "2019-10-12", NULL);

	if (!fd_calendar_covers(c, D("2009-01-01")) ||
	    !fd_calendar_covers(c, D("2030-12-31")) ||
	    fd_calendar_covers(c, D("2031-01-01")) ||
	    fd_calendar_covers(c, D("2008-12-31"))) {
		fprintf(stderr, "test_calendar.c:%d: coverage is not "
				"2009-2030\n", __LINE__);
		failures++;
	}
}

static void
closures(struct fd_calendar *c)
{
	/* <non-working date="2019-10-10">Office closed</non-working> */
	fd_calendar_add_closed_named(c, D("2019-10-10"), "Office closed");
	NAME(c, "2019-10-10", "Office closed");
	ADD(c, "2019-10-09", 1, "2019-10-11");
	ADD(c, "2019-10-07", 5, "2019-10-15");
	fd_calendar_add_closed(c, D("2019-10-11"));
	NAME(c, "2019-10-11", "Non-working day");
	ADD(c, "2019-10-09", 1, "2019-10-14");
	/* Closing a holiday or a weekend changes nothing. */
	fd_calendar_add_closed(c, D("2019-12-25"));
	NAME(c, "2019-12-25", "Christmas Day");
	fd_calendar_add_closed(c, D("2019-10-12"));
	NAME(c, "2019-10-12", NULL);
	if (fd_calendar_closed_count(c) != 2) {
		fprintf(stderr, "test_calendar.c:%d: %u days closed, want 2\n",
			__LINE__, fd_calendar_closed_count(c));
		failures++;
	}
}

static void
scotland(const struct fd_calendar *c)
{
	/* 2 January, with its substitutes; no Easter Monday; summer bank
	 * holiday the first Monday of August; St Andrew's Day. */
	NAME(c, "2019-01-02", "2nd January");
	NAME(c, "2017-01-02", "2nd January");
	NAME(c, "2017-01-03", "New Year\u2019s Day (substitute day)");
	NAME(c, "2021-01-04", "2nd January (substitute day)");
	NAME(c, "2022-01-03", "New Year\u2019s Day (substitute day)");
	NAME(c, "2022-01-04", "2nd January (substitute day)");
	NAME(c, "2019-04-19", "Good Friday");
	WORKING(c, "2019-04-22", 1);
	NAME(c, "2019-08-05", "Summer bank holiday");
	WORKING(c, "2019-08-26", 1);
	NAME(c, "2019-12-02", "St Andrew\u2019s Day (substitute day)");
	NAME(c, "2018-11-30", "St Andrew\u2019s Day");
	NAME(c, "2020-05-08", "Early May bank holiday (VE day)");
	NAME(c, "2022-09-19",
	     "Bank Holiday for the State Funeral of Queen Elizabeth II");
	ADD(c, "2021-12-31", 1, "2022-01-05");
}

static void
northern_ireland(const struct fd_calendar *c)
{
	NAME(c, "2016-03-17", "St Patrick\u2019s Day");
	NAME(c, "2019-03-18", "St Patrick\u2019s Day (substitute day)");
	NAME(c, "2019-07-12", "Battle of the Boyne (Orangemen\u2019s Day)");
	NAME(c, "2020-07-13",
	     "Battle of the Boyne (Orangemen\u2019s Day) (substitute day)");
	NAME(c, "2019-04-22", "Easter Monday");
	NAME(c, "2019-08-26", "Summer bank holiday");
	NAME(c, "2016-12-27", "Christmas Day (substitute day)");
	ADD(c, "2020-07-10", 1, "2020-07-14");
}

static void
none(const struct fd_calendar *c)
{
	WORKING(c, "2019-12-25", 1);
	NAME(c, "2019-12-25", NULL);
	ADD(c, "2019-12-24", 1, "2019-12-25");
	ADD(c, "2019-12-27", 1, "2019-12-30");
	ADD(c, "2040-01-06", 1, "2040-01-09");
	if (!fd_calendar_covers(c, D("2199-01-01"))) {
		fprintf(stderr, "test_calendar.c:%d: none covers all time\n",
			__LINE__);
		failures++;
	}
}

/* A division that does not exist, or a name that is a path, is refused. */
static void
refused(const char *templates, const char *division)
{
	struct fd_diags *d = fd_diags_new();
	struct fd_calendar *c = fd_calendar_load(templates, division, d);

	if (c != NULL || fd_diags_count(d, FD_ERROR) == 0) {
		fprintf(stderr, "test_calendar.c: division \"%s\" was not "
				"refused\n", division);
		failures++;
	}
	fd_calendar_free(c);
	fd_diags_free(d);
}

static struct fd_calendar *
load(const char *templates, const char *division)
{
	struct fd_diags *d = fd_diags_new();
	struct fd_calendar *c = fd_calendar_load(templates, division, d);

	if (c == NULL || fd_diags_worst(d) >= FD_WARNING) {
		char *t = fd_diags_text(d);

		fprintf(stderr, "test_calendar.c: cannot load %s:\n%s",
			division, t);
		free(t);
		exit(1);
	}
	fd_diags_free(d);
	return c;
}

int
main(int argc, char **argv)
{
	struct fd_calendar *c;

	if (argc != 2) {
		fputs("usage: test_calendar TEMPLATES_DIR\n", stderr);
		return 2;
	}
	c = load(argv[1], "england-and-wales");
	england_and_wales(c);
	closures(c);
	fd_calendar_free(c);
	c = load(argv[1], "scotland");
	scotland(c);
	fd_calendar_free(c);
	c = load(argv[1], "northern-ireland");
	northern_ireland(c);
	fd_calendar_free(c);
	c = load(argv[1], "none");
	none(c);
	fd_calendar_free(c);
	refused(argv[1], "wales");
	refused(argv[1], "../schema/calendar");
	refused(argv[1], "England-and-Wales");
	if (failures) {
		fprintf(stderr, "%d failure%s\n", failures,
			failures == 1 ? "" : "s");
		return 1;
	}
	puts("calendar: all cases pass");
	return 0;
}
