/* cmd_timeline.c: findings timeline FILE [--ics OUT.ics] */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "after.h"
#include "calendar.h"
#include "cli.h"
#include "commands.h"
#include "render.h"
#include "timeline.h"

/* Columns of the table, in characters: day, dates, milestone, who; two
 * spaces between them make 80. */
#define W_DAY 5
#define W_DATE 18
#define W_WHAT 32
#define W_WHO 19
#define GAP 2
/* Where dates are recorded, the plan and what happened side by side:
 * day, planned, actual, milestone, who, 80 again. */
#define W_WHAT2 18
#define W_WHO2 13

static void
usage(FILE *f)
{
	fputs("usage: findings timeline [--ics OUT.ics] [--templates DIR] "
	      "inspection.xml\n\n"
	      "Prints the framework's working-day timeline of the inspection\n"
	      "with real dates: counted from <calendar notified=\"\">, skipping\n"
	      "weekends, the bank holidays of <calendar holidays=\"\"> and each\n"
	      "<non-working date=\"\"> of the inspection. A date recorded with\n"
	      "<actual milestone=\"\" date=\"\"> replaces the planned one, and\n"
	      "the milestones after it are counted from it: the table then\n"
	      "shows the planned and the actual dates side by side.\n\n"
	      "  --ics FILE        also write the milestones as an iCalendar\n"
	      "                    file of all-day events (imports into\n"
	      "                    Outlook, Thunderbird and the like)\n"
	      "  --templates DIR   take the schema, calendars and timelines\n"
	      "                    from DIR\n"
	      "  -h, --help        show this help\n",
	      f);
}

/* Characters (not bytes) in the first n bytes of a UTF-8 string. */
static size_t
chars(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n && s[i]; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return c;
}

/* Bytes of the first w characters of s (all of s when shorter). */
static size_t
bytes_of(const char *s, size_t w)
{
	size_t i = 0, c = 0;

	while (s[i]) {
		if (((unsigned char)s[i] & 0xc0) != 0x80 && c++ == w)
			break;
		i++;
	}
	return i;
}

/*
 * Breaks text into lines of at most width characters at spaces (a word
 * longer than a line is cut). Returns the number of lines; *lines is a
 * new array of new strings that the caller frees.
 */
static size_t
wrap(const char *text, size_t width, char ***lines)
{
	size_t n = 0;
	const char *p = text;

	*lines = NULL;
	while (*p == ' ')
		p++;
	while (*p) {
		size_t len = strlen(p), take, cut;

		if (chars(p, len) <= width) {
			take = len;
			cut = len;
		} else {
			size_t lim = bytes_of(p, width);

			/* The last space that keeps the line within width. */
			cut = lim;
			while (cut > 0 && p[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = lim;
			take = cut;
			while (take > 0 && p[take - 1] == ' ')
				take--;
		}
		*lines = fd_xreallocarray(*lines, n + 1, sizeof **lines);
		(*lines)[n++] = fd_xstrndup(p, take);
		p += cut;
		while (*p == ' ')
			p++;
	}
	return n;
}

static void
free_lines(char **lines, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* "Tue 15 Mar 2016" */
static void
short_date(struct fd_date day, char *buf, size_t size)
{
	snprintf(buf, size, "%.3s %d %.3s %d", fd_date_weekday_name(day),
		 day.d, fd_date_month_name(day.m), day.y);
}

/* Appends s padded with spaces to width characters. */
static void
add_cell(struct fd_buf *b, const char *s, size_t width)
{
	size_t c = chars(s, strlen(s));

	fd_buf_adds(b, s);
	while (c++ < width + GAP)
		fd_buf_addc(b, ' ');
}

/* The lines of a date cell: the first date and "to" the last when they
 * differ; lines[] holds three of 40 bytes. Returns the lines used. */
static size_t
date_lines(struct fd_date first, struct fd_date last, char lines[][40])
{
	char d[32];

	short_date(first, lines[0], 40);
	if (fd_date_cmp(first, last) == 0)
		return 1;
	short_date(last, d, sizeof d);
	snprintf(lines[1], 40, "to %s", d);
	return 2;
}

/* The actual cell: "as planned", or the dates with "(replanned)" under
 * those counted from a recorded date rather than recorded themselves. */
static size_t
actual_lines(const struct fd_milestone *m, char lines[][40])
{
	size_t n;

	if (!m->recorded_first && !m->recorded_last &&
	    fd_date_cmp(m->first, m->planned_first) == 0 &&
	    fd_date_cmp(m->last, m->planned_last) == 0) {
		snprintf(lines[0], 40, "as planned");
		return 1;
	}
	n = date_lines(m->first, m->last, lines);
	if (!(m->recorded_first && m->recorded_last))
		snprintf(lines[n++], 40, "(replanned)");
	return n;
}

/* Appends one milestone as table rows; side_by_side gives the planned
 * and the actual dates each a column. */
static void
add_row(struct fd_buf *b, const struct fd_milestone *m, int side_by_side)
{
	char plan[3][40], real[3][40];
	char **what, **who;
	size_t nplan, nreal = 0, nwhat, nwho, i, rows;
	size_t w_what = side_by_side ? W_WHAT2 : W_WHAT;

	if (side_by_side) {
		nplan = date_lines(m->planned_first, m->planned_last, plan);
		nreal = actual_lines(m, real);
	} else {
		nplan = date_lines(m->first, m->last, plan);
	}
	nwhat = wrap(m->what, w_what, &what);
	nwho = wrap(m->who, side_by_side ? W_WHO2 : W_WHO, &who);
	rows = nwhat > nwho ? nwhat : nwho;
	if (rows < nplan)
		rows = nplan;
	if (rows < nreal)
		rows = nreal;
	for (i = 0; i < rows; i++) {
		size_t start = b->len;

		add_cell(b, i == 0 ? m->label : "", W_DAY);
		add_cell(b, i < nplan ? plan[i] : "", W_DATE);
		if (side_by_side)
			add_cell(b, i < nreal ? real[i] : "", W_DATE);
		add_cell(b, i < nwhat ? what[i] : "", w_what);
		fd_buf_adds(b, i < nwho ? who[i] : "");
		while (b->len > start && b->data[b->len - 1] == ' ')
			b->data[--b->len] = '\0';
		fd_buf_addc(b, '\n');
	}
	free_lines(what, nwhat);
	free_lines(who, nwho);
}

/* The table, with a heading and the days skipped besides weekends. */
static char *
table(const struct fd_timeline *t, const struct fd_calendar *c,
      const char *area, const char *ref, struct fd_date notified)
{
	struct fd_buf b = {0};
	struct fd_date lo, hi, day;
	char longd[32], a[32], z[32];
	unsigned closed = fd_calendar_closed_count(c), skipped = 0;
	int side_by_side = fd_timeline_recorded_count(t) > 0;
	size_t i;

	fd_date_long(notified, longd, sizeof longd);
	fd_buf_addf(&b, "%s: %s (%s)\n", fd_timeline_title(t), area, ref);
	fd_buf_addf(&b, "Notified %s %s, working day %d. ",
		    fd_date_weekday_name(notified), longd,
		    fd_timeline_notification_day(t));
	fd_buf_adds(&b, "Working days skip weekends");
	if (strcmp(fd_calendar_division(c), "none") != 0)
		fd_buf_addf(&b, "%s %s bank holidays", closed > 0 ? "," : " and",
			    fd_calendar_name(c));
	if (closed > 0)
		fd_buf_addf(&b, " and %u day%s closed for this inspection",
			    closed, closed == 1 ? "" : "s");
	fd_buf_adds(&b, ".\n");
	if (side_by_side)
		fd_buf_addf(&b, "%zu date%s recorded as it happened; the dates "
			    "after each are counted from it.\n",
			    fd_timeline_recorded_count(t),
			    fd_timeline_recorded_count(t) == 1 ? "" : "s");
	fd_buf_adds(&b, "\n");
	add_cell(&b, "Day", W_DAY);
	if (side_by_side) {
		add_cell(&b, "Planned", W_DATE);
		add_cell(&b, "Actual", W_DATE);
		add_cell(&b, "Milestone", W_WHAT2);
	} else {
		add_cell(&b, "Date", W_DATE);
		add_cell(&b, "Milestone", W_WHAT);
	}
	fd_buf_adds(&b, "Who\n");
	for (i = 0; i < fd_timeline_count(t); i++)
		add_row(&b, fd_timeline_milestone(t, i), side_by_side);

	fd_timeline_span(t, &lo, &hi);
	short_date(lo, a, sizeof a);
	short_date(hi, z, sizeof z);
	fd_buf_addf(&b, "\nNot working days from %s to %s besides weekends:\n",
		    a, z);
	for (day = lo; fd_date_cmp(day, hi) <= 0;
	     day = fd_date_add_days(day, 1)) {
		const char *name = fd_calendar_holiday_name(c, day);

		if (name == NULL)
			continue;
		short_date(day, a, sizeof a);
		fd_buf_addf(&b, "  %-17s %s\n", a, name);
		skipped++;
	}
	if (skipped == 0)
		fd_buf_adds(&b, "  none\n");
	return fd_buf_steal(&b);
}

/* Appends each complaint's dated procedure to *text, as the rows of the
 * table above it. */
static void
add_complaints(char **text, const struct fd_complaint_plan *p, long n)
{
	struct fd_buf b = {0};
	struct fd_milestone m;
	char label[16], longd[32];
	long i;
	size_t j;

	fd_buf_adds(&b, *text);
	for (i = 0; i < n; i++) {
		fd_date_long(p[i].received, longd, sizeof longd);
		fd_buf_addf(&b, "\nComplaint %s: %s\nReceived %s %s.\n\n",
			    p[i].id, p[i].title,
			    fd_date_weekday_name(p[i].received), longd);
		for (j = 0; j < p[i].n; j++) {
			memset(&m, 0, sizeof m);
			snprintf(label, sizeof label, "+%d", p[i].steps[j].days);
			m.first = m.last = p[i].steps[j].date;
			m.what = p[i].steps[j].what;
			m.who = p[i].steps[j].who;
			m.label = label;
			add_row(&b, &m, 0);
		}
	}
	free(*text);
	*text = fd_buf_steal(&b);
}

/* The command's own option: --ics FILE. */
static int
own_ics(struct fd_cli *c, int opt, char *arg, void *ctx)
{
	(void)c;
	(void)opt;
	*(const char **)ctx = arg;
	return 0;
}

/* Prints r's timeline, and writes its calendar to ics_path (when not
 * NULL) after the privacy gate. Returns the exit status. */
static int
timeline(struct fd_render *r, const char *ics_path, struct fd_diags *d)
{
	const struct fd_map *facts = fd_render_facts(r);
	const char *area = fd_map_get(facts, "area");
	const char *ref = fd_map_get(facts, "ref");
	struct fd_complaint_plan *plans = NULL;
	struct fd_render_dates dates;
	char *text = NULL, *ics = NULL;
	long nplans;
	size_t len;
	int err;

	fd_render_dates(r, &dates);
	text = table(dates.timeline, dates.calendar, area ? area : "",
		     ref ? ref : "", dates.notified);
	if ((nplans = fd_render_complaint_plans(r, &plans, d)) < 0)
		goto out;
	add_complaints(&text, plans, nplans);
	if (ics_path != NULL) {
		/* A calendar leaves on the first day: no child's identifier
		 * in any of its fields, at any stage. */
		if ((ics = fd_render_calendar(r, &len, d)) == NULL)
			goto out;
		if (fd_same_file(ics_path, fd_render_path(r))) {
			fd_msg(d, M_WRITE_INPUT, ics_path, 0, 0);
			goto out;
		}
		if ((err = fd_write_atomic(ics_path, ics, len)) != 0) {
			fd_msg(d, M_WRITE, ics_path, 0, 0, strerror(err));
			goto out;
		}
	}
	fputs(text, stdout);
out:
	fd_after_plans_free(plans, nplans < 0 ? 0 : nplans);
	free(ics);
	free(text);
	return FD_EXIT_OK;
}

int
fd_cmd_timeline(int argc, char **argv)
{
	static const struct option opts[] = {
		{"ics", required_argument, NULL, 'i'},
		{NULL, 0, NULL, 0},
	};
	enum fd_stage draft = FD_STAGE_DRAFT;
	const char *ics_path = NULL;
	struct fd_render *r = NULL;
	struct fd_cli c;
	int status;

	status = fd_cli_parse(&c, "timeline", usage, argc, argv,
			      FD_CLI_TEMPLATES, "i:t:h", opts, own_ics,
			      &ics_path);
	if (status >= 0)
		return status;
	status = FD_EXIT_OK;
	if (argc - optind != 1)
		return fd_cli_usage_error(&c, optind >= argc
						      ? M_NO_FILE
						      : M_ONE_AT_A_TIME);
	/* The timeline needs a valid file, not a finished one: the lint
	 * warnings of check (grades not given yet, say) are for findings
	 * check, and are shown here only beside an error. */
	c.lint_with_errors = 1;
	if (fd_cli_begin(&c) == 0 &&
	    (r = fd_cli_open(&c, argv[optind], &draft)) != NULL)
		status = timeline(r, ics_path, c.d);
	fd_render_close(r);
	return fd_cli_end(&c, status);
}
