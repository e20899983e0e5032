/*
 * timeline.h: a framework's working-day schedule with real dates.
 *
 * The schedule is data, templates/<framework>/timeline.xml (validated by
 * templates/schema/timeline.rng): working day numbers, ranges, and
 * milestones counted from another ("70 working days after publication").
 * Dates come from counting working days (calendar.h) from the notified
 * date. Only timeline.c reads the file; callers see milestones. What
 * the inspection records (<calendar><actual>) is read through
 * calendar_int.h, by the facts alone: this header names no libxml2
 * type.
 *
 * Keys that documents quote, where the framework has the milestone:
 * notification, onsite-start, onsite-end (the last day on site, the
 * feedback day), feedback, draft-to-dcs, fa-due, pre-publication,
 * final-sent, publication, statement-of-action.
 */
#ifndef FD_TIMELINE_H
#define FD_TIMELINE_H

#include <stddef.h>

#include "calendar.h"
#include "date.h"
#include "diag.h"

/* One row of the schedule. Strings are owned by the timeline. */
struct fd_milestone {
	int first_day;		/* framework working day of the first date */
	int last_day;		/* of the last date; first_day for one day */
	struct fd_date first;	/* first date, once computed */
	struct fd_date last;	/* last date, once computed */
	const char *key;	/* the first of keys, or NULL */
	const char *const *keys;     /* names of the first date, NULL-ended */
	const char *const *end_keys; /* names of the last date, NULL-ended */
	const char *what;	/* what happens, in the framework's words */
	const char *who;	/* who acts */
	const char *after_key;	/* counted from this milestone, or NULL */
	int after_key_days;	/* working days after after_key's last date */
	int weekday;		/* the usual weekday of first (0 Monday), or -1 */
	const char *label;	/* the day column: "9", "9–12", "41+70" */
	struct fd_date planned_first; /* first as planned from notified alone */
	struct fd_date planned_last;  /* last as planned from notified alone */
	int recorded_first;	/* first is a recorded date (calendar/actual) */
	int recorded_last;	/* last is a recorded date */
};

struct fd_timeline;

/*
 * Loads templates/<framework>/timeline.xml. Returns NULL, with
 * diagnostics, when the framework has no timeline or the file is not a
 * valid one. The caller frees the result with fd_timeline_free.
 */
struct fd_timeline *fd_timeline_load(const char *templates_dir,
				     const char *framework, struct fd_diags *d);
void fd_timeline_free(struct fd_timeline *t);

/* True when key's date is a recorded one. */
int fd_timeline_is_recorded(const struct fd_timeline *t, const char *key);
/* The number of dates recorded. */
size_t fd_timeline_recorded_count(const struct fd_timeline *t);

/*
 * Computes every milestone's dates, counting working days of c from
 * notified, which is the framework's notification day. A recorded date
 * replaces the planned one, and each later day of the framework is
 * counted from the last recorded date before it, with the framework's
 * working-day gap (the plan from notified alone stays in planned_first
 * and planned_last). Returns 0, or -1 when notified is not a working day
 * of c (nothing is computed then).
 */
int fd_timeline_compute(struct fd_timeline *t, const struct fd_calendar *c,
			struct fd_date notified);

/*
 * The date a key names: the first date of the milestone with the key, or
 * the last date of the one with it as end-key. Returns 0, or -1 when the
 * framework has no such milestone or nothing is computed yet.
 */
int fd_timeline_date(const struct fd_timeline *t, const char *key,
		     struct fd_date *out);
/* The milestone with this key or end-key, or NULL. */
const struct fd_milestone *fd_timeline_find(const struct fd_timeline *t,
					    const char *key);

/* The milestones in the order of the file. */
size_t fd_timeline_count(const struct fd_timeline *t);
const struct fd_milestone *fd_timeline_milestone(const struct fd_timeline *t,
						 size_t i);

/* The first and last dates of the computed timeline. */
void fd_timeline_span(const struct fd_timeline *t, struct fd_date *lo,
		      struct fd_date *hi);

/* Names the timeline after a variant of the framework (inspection/@variant,
 * "ofsted-only") when its timeline.xml gives the variant a name of its
 * own; the schedule is the same. Any other variant changes nothing. */
void fd_timeline_use_variant(struct fd_timeline *t, const char *variant);

/* The framework's id, its name ("Joint targeted area inspection"), a
 * short name for calendars ("JTAI"), and the working day number of the
 * notification day. Strings are owned by the timeline. */
const char *fd_timeline_framework(const struct fd_timeline *t);
const char *fd_timeline_title(const struct fd_timeline *t);
const char *fd_timeline_short(const struct fd_timeline *t);
int fd_timeline_notification_day(const struct fd_timeline *t);

#endif
