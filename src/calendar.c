/*
 * calendar.c: bank holidays from templates/calendars/, and working-day
 * arithmetic over them.
 *
 * Days are held as day numbers (fd_date_days) in one sorted array, the
 * division's holidays and the inspection's closures together, so that a
 * working-day test is a binary search. Counting walks day by day: the
 * longest count any framework asks for is about a hundred working days.
 */
#include "calendar.h"

#include <stdlib.h>
#include <string.h>

#include "calendar_int.h"
#include "check.h"

/* Bounds what a calendar file may hold: 25 years of a dozen days fit. */
#define MAX_HOLIDAYS 4096
/* Bounds an inspection's closures: a handful is usual, and each is an
 * insertion into a sorted array. */
#define MAX_CLOSURES 1000
/* A division name is a file name: short, lower case words and hyphens. */
#define MAX_DIVISION 64

/* One weekday that is not a working day. */
struct closed_day {
	long day;   /* fd_date_days of the date */
	char *name; /* the holiday's title or the closure's reason */
	int closed; /* 1 when the inspection closed it, 0 for a holiday */
};

struct fd_calendar {
	char *division;		  /* "england-and-wales" or "none" */
	char *name;		  /* "England and Wales" or "weekends only" */
	long from, to;		  /* days the holiday list is complete for */
	int all_time;		  /* "none": no list, every day covered */
	struct closed_day *days;  /* sorted by day, no day twice */
	size_t ndays;		  /* entries in days */
	size_t cap;		  /* entries allocated */
	unsigned nclosed;	  /* entries with closed set */
};

static struct fd_calendar *
calendar_new(const char *division, const char *name)
{
	struct fd_calendar *c = fd_xcalloc(1, sizeof *c);

	c->division = fd_xstrdup(division);
	c->name = fd_xstrdup(name);
	return c;
}

void
fd_calendar_free(struct fd_calendar *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->ndays; i++)
		free(c->days[i].name);
	free(c->days);
	free(c->division);
	free(c->name);
	free(c);
}

/* True on Saturdays and Sundays: day 0, 1 January 1970, was a Thursday. */
static int
weekend(long day)
{
	long w = (day + 3) % 7;

	return (w < 0 ? w + 7 : w) >= 5;
}

/* The index of day in c->days, or where it would go (*found then 0). */
static size_t
find(const struct fd_calendar *c, long day, int *found)
{
	size_t lo = 0, hi = c->ndays;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->days[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < c->ndays && c->days[lo].day == day;
	return lo;
}

/* Inserts a day unless it is already there; name is taken over. Returns
 * 1 when inserted, 0 (and frees name) when the day was already listed. */
static int
insert(struct fd_calendar *c, long day, char *name, int closed)
{
	int found;
	size_t at = find(c, day, &found);

	if (found) {
		free(name);
		return 0;
	}
	if (c->ndays == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 32;
		c->days = fd_xreallocarray(c->days, c->cap, sizeof *c->days);
	}
	memmove(c->days + at + 1, c->days + at,
		(c->ndays - at) * sizeof *c->days);
	c->days[at].day = day;
	c->days[at].name = name;
	c->days[at].closed = closed;
	c->ndays++;
	if (closed)
		c->nclosed++;
	return 1;
}

void
fd_calendar_add_closed_named(struct fd_calendar *c, struct fd_date day,
			     const char *why)
{
	long z = fd_date_days(day);

	/* A weekend day is closed already; keeping it out of the list keeps
	 * the list to the days people need to be told about. */
	if (weekend(z))
		return;
	insert(c, z, fd_xstrdup(why && *why ? why : "Non-working day"), 1);
}

void
fd_calendar_add_closed(struct fd_calendar *c, struct fd_date day)
{
	fd_calendar_add_closed_named(c, day, NULL);
}

static int
working(const struct fd_calendar *c, long day)
{
	int found;

	if (weekend(day))
		return 0;
	find(c, day, &found);
	return !found;
}

int
fd_calendar_is_working(const struct fd_calendar *c, struct fd_date day)
{
	return working(c, fd_date_days(day));
}

const char *
fd_calendar_holiday_name(const struct fd_calendar *c, struct fd_date day)
{
	int found;
	size_t at = find(c, fd_date_days(day), &found);

	return found ? c->days[at].name : NULL;
}

struct fd_date
fd_calendar_add(const struct fd_calendar *c, struct fd_date day, long n)
{
	long z = fd_date_days(day);

	if (n == 0) {
		while (!working(c, z))
			z++;
	}
	for (; n > 0; n -= working(c, z))
		z++;
	for (; n < 0; n += working(c, z))
		z--;
	return fd_date_from_days(z);
}

long
fd_calendar_between(const struct fd_calendar *c, struct fd_date a,
		    struct fd_date b)
{
	long x = fd_date_days(a), y = fd_date_days(b), n = 0;

	if (y >= x) {
		while (x < y)
			n += working(c, ++x);
		return n;
	}
	while (y < x)
		n -= working(c, ++y);
	return n;
}

int
fd_calendar_covers(const struct fd_calendar *c, struct fd_date day)
{
	long z = fd_date_days(day);

	return c->all_time || (z >= c->from && z <= c->to);
}

int
fd_calendar_first_year(const struct fd_calendar *c)
{
	return c->all_time ? 0 : fd_date_from_days(c->from).y;
}

int
fd_calendar_last_year(const struct fd_calendar *c)
{
	return c->all_time ? 0 : fd_date_from_days(c->to).y;
}

const char *
fd_calendar_division(const struct fd_calendar *c)
{
	return c->division;
}

const char *
fd_calendar_name(const struct fd_calendar *c)
{
	return c->name;
}

unsigned
fd_calendar_closed_count(const struct fd_calendar *c)
{
	return c->nclosed;
}

/* True when s can name a calendar file: no slash, dot or upper case. */
static int
division_name_ok(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > MAX_DIVISION || s[0] == '-' || s[n - 1] == '-')
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || s[i] == '-'))
			return 0;
	return 1;
}

/* The calendar file for a division, or NULL when there is none. The
 * caller frees the path. */
static char *
division_path(const char *templates_dir, const char *division)
{
	char *rel, *path;

	if (!division_name_ok(division))
		return NULL;
	rel = fd_xasprintf("calendars/%s.xml", division);
	path = fd_path_join(templates_dir, rel);
	free(rel);
	if (!fd_is_file(path)) {
		free(path);
		return NULL;
	}
	return path;
}

/* A date attribute of a calendar file's element, or an error there. */
static int
date_attr(const struct fd_input *in, const xmlNode *n, const char *attr,
	  struct fd_diags *d, long *out)
{
	struct fd_date v;
	const char *s = fd_attr(n, attr);

	if (fd_date_parse(s, &v) != 0) {
		fd_input_msg(d, in, n, attr, M_CAL_DATE, attr, s ? s : "");
		return -1;
	}
	*out = fd_date_days(v);
	return 0;
}

/* Reads one <holiday> into c; returns the number of errors. */
static unsigned
read_holiday(struct fd_calendar *c, const struct fd_input *in,
	     const xmlNode *n, long prev, struct fd_diags *d)
{
	char iso[16], sub_iso[16];
	long day, sub;
	char *title, *name;

	if (date_attr(in, n, "date", d, &day) != 0)
		return 1;
	fd_date_iso(fd_date_from_days(day), iso, sizeof iso);
	if (day < c->from || day > c->to) {
		fd_input_msg(d, in, n, "date", M_CAL_OUTSIDE, iso);
		return 1;
	}
	if (weekend(day)) {
		fd_input_msg(d, in, n, "date", M_CAL_WEEKEND, iso,
		             fd_date_weekday_name(fd_date_from_days(day)));
		return 1;
	}
	if (day <= prev) {
		fd_input_msg(d, in, n, "date", M_CAL_ORDER, iso);
		return 1;
	}
	title = fd_text(n);
	if (fd_attr(n, "substitute-for") != NULL) {
		if (date_attr(in, n, "substitute-for", d, &sub) != 0) {
			free(title);
			return 1;
		}
		fd_date_iso(fd_date_from_days(sub), sub_iso, sizeof sub_iso);
		if (!weekend(sub) || sub >= day || day - sub > 7) {
			fd_input_msg(d, in, n, "substitute-for",
			             M_CAL_SUBSTITUTE, iso, sub_iso);
			free(title);
			return 1;
		}
		name = fd_xasprintf("%s (substitute day)", title);
		free(title);
	} else {
		name = title;
	}
	insert(c, day, name, 0);
	return 0;
}

/* Fills c from a loaded and schema-valid calendar file. Returns the
 * number of errors reported. */
static unsigned
read_calendar(struct fd_calendar *c, const struct fd_input *in,
	      const char *division, struct fd_diags *d)
{
	const xmlNode *root = xmlDocGetRootElement(in->doc), *n;
	unsigned errors = 0;
	long prev;
	size_t count = 0;

	if (strcmp(fd_attr(root, "division"), division) != 0) {
		fd_input_msg(d, in, root, "division", M_CAL_DIVISION, division,
		             fd_attr(root, "division"));
		errors++;
	}
	free(c->name);
	c->name = fd_xstrdup(fd_attr(root, "name"));
	if (date_attr(in, root, "from", d, &c->from) != 0 ||
	    date_attr(in, root, "to", d, &c->to) != 0)
		return errors + 1;
	if (c->to < c->from) {
		fd_input_msg(d, in, root, "to", M_CAL_TO_BEFORE);
		return errors + 1;
	}
	prev = c->from - 1;
	for (n = root->children; n != NULL; n = n->next) {
		unsigned e;

		if (!fd_is_elem(n, "holiday"))
			continue;
		if (++count > MAX_HOLIDAYS) {
			fd_input_msg(d, in, n, NULL, M_CAL_HOLIDAYS,
			             MAX_HOLIDAYS);
			return errors + 1;
		}
		e = read_holiday(c, in, n, prev, d);
		if (e == 0)
			prev = c->days[c->ndays - 1].day;
		errors += e;
	}
	return errors;
}

struct fd_calendar *
fd_calendar_load(const char *templates_dir, const char *division,
		 struct fd_diags *d)
{
	struct fd_calendar *c = NULL;
	struct fd_input *in = NULL;
	char *path, *rng;
	unsigned errors;

	if (strcmp(division, "none") == 0) {
		c = calendar_new("none", "weekends only");
		c->all_time = 1;
		return c;
	}
	if ((path = division_path(templates_dir, division)) == NULL) {
		fd_msg(d, M_CAL_NONE, templates_dir, 0, 0, division,
		       division_name_ok(division) ? division : "…");
		return NULL;
	}
	rng = fd_path_join(templates_dir, "schema/calendar.rng");
	if ((in = fd_load_file(path, d)) == NULL)
		goto out;
	if (fd_validate_data(in, rng, d) != 0)
		goto out;
	c = calendar_new(division, division);
	errors = read_calendar(c, in, division, d);
	if (errors != 0) {
		fd_calendar_free(c);
		c = NULL;
	}
out:
	fd_input_free(in);
	free(rng);
	free(path);
	return c;
}

/* Adds one <non-working> of the inspection; returns the errors. */
static unsigned
read_closure(struct fd_calendar *c, const xmlNode *n, struct fd_diags *d,
	     const struct fd_input *in)
{
	const char *s = fd_attr(n, "date");
	const char *holiday;
	struct fd_date day;
	char longd[32];
	char *why;

	if (fd_date_parse(s, &day) != 0) {
		fd_input_msg(d, in, n, "date", M_NOT_A_DATE, s ? s : "");
		return 1;
	}
	fd_date_long(day, longd, sizeof longd);
	if (fd_date_weekday(day) >= 5) {
		fd_input_msg(d, in, n, "date", M_CLOSURE_WEEKEND,
		             fd_date_weekday_name(day), longd);
		return 0;
	}
	if ((holiday = fd_calendar_holiday_name(c, day)) != NULL) {
		fd_input_msg(d, in, n, "date", M_CLOSURE_HOLIDAY,
		             fd_date_weekday_name(day), longd, holiday);
		return 0;
	}
	why = fd_text_squeezed(n);
	fd_calendar_add_closed_named(c, day, why);
	free(why);
	return 0;
}

struct fd_calendar *
fd_calendar_from_inspection(const char *templates_dir,
			    const xmlNode *calendar_elem,
			    struct fd_date *notified, struct fd_diags *d,
			    const struct fd_input *in)
{
	struct fd_calendar *c;
	const char *division, *s;
	const xmlNode *n;
	unsigned errors = 0, closures = 0;
	char longd[32];
	char *path;

	if (calendar_elem == NULL) {
		fd_input_msg(d, in, xmlDocGetRootElement(in->doc), NULL,
		             M_CAL_NO_NOTIFIED);
		return NULL;
	}
	division = fd_attr(calendar_elem, "holidays");
	if (division == NULL)
		division = "england-and-wales";
	if (strcmp(division, "none") != 0) {
		if ((path = division_path(templates_dir, division)) == NULL) {
			fd_input_msg(d, in, calendar_elem, "holidays",
			             M_CAL_UNKNOWN, division);
			return NULL;
		}
		free(path);
	}
	s = fd_attr(calendar_elem, "notified");
	if (fd_date_parse(s, notified) != 0) {
		fd_input_msg(d, in, calendar_elem, "notified", M_NOTIFIED_DATE,
		             s ? s : "");
		errors++;
	}
	if ((c = fd_calendar_load(templates_dir, division, d)) == NULL)
		return NULL;
	for (n = calendar_elem->children; n != NULL; n = n->next) {
		if (!fd_is_elem(n, "non-working"))
			continue;
		if (++closures > MAX_CLOSURES) {
			fd_input_msg(d, in, n, NULL, M_CAL_CLOSURES,
			             MAX_CLOSURES);
			errors++;
			break;
		}
		errors += read_closure(c, n, d, in);
	}
	if (errors == 0 && !fd_calendar_is_working(c, *notified)) {
		const char *why = fd_calendar_holiday_name(c, *notified);

		fd_date_long(*notified, longd, sizeof longd);
		if (why != NULL)
			fd_input_msg(d, in, calendar_elem, "notified",
				     M_NOTIFIED_CLOSED,
				     fd_date_weekday_name(*notified), longd,
				     why);
		else
			fd_input_msg(d, in, calendar_elem, "notified",
				     M_NOTIFIED_NOT_WORKING,
				     fd_date_weekday_name(*notified), longd);
		errors++;
	}
	if (errors == 0 && !fd_calendar_covers(c, *notified)) {
		fd_input_msg(d, in, calendar_elem, "notified", M_CAL_COVERS,
		             fd_calendar_name(c), fd_calendar_first_year(c),
		             fd_calendar_last_year(c));
	}
	if (errors != 0) {
		fd_calendar_free(c);
		return NULL;
	}
	return c;
}
