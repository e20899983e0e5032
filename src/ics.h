/*
 * ics.h: a timeline as an iCalendar file (RFC 5545) that calendar
 * programs import: one all-day event a milestone.
 *
 * The output depends only on its arguments: UIDs come from the
 * inspection's reference and the milestone, never from a clock or a
 * random number, so importing a regenerated file updates the events
 * instead of adding copies, and the same input gives the same bytes.
 */
#ifndef FD_ICS_H
#define FD_ICS_H

#include <stddef.h>

#include "date.h"
#include "timeline.h"

/* What an inspection adds to its timeline's calendar entries. */
struct fd_ics_info {
	const char *ref;	/* inspection/@ref: the UIDs are built on it */
	const char *area;	/* the area's name, for summaries */
	struct fd_date notified; /* the notified date, for descriptions */
	long long stamp;	/* DTSTAMP, seconds since the epoch (UTC) */
};

/*
 * The VCALENDAR text of a computed timeline: CRLF line ends, lines folded
 * at 75 octets without splitting a UTF-8 character. Returns a new string
 * of *len bytes that the caller frees.
 */
char *fd_ics_timeline(const struct fd_timeline *t,
		      const struct fd_ics_info *info, size_t *len);

struct fd_complaint_plan;

/*
 * Adds an all-day event for each milestone of each complaint's procedure
 * (after.h) to the VCALENDAR text *ics of *len bytes, before its end,
 * with UIDs from the inspection's reference, the complaint's id and the
 * milestone's day. *ics is replaced by a new string.
 */
void fd_ics_add_complaints(char **ics, size_t *len,
			   const struct fd_complaint_plan *plans, long n,
			   const struct fd_ics_info *info);

/*
 * The DTSTAMP to use: $SOURCE_DATE_EPOCH when it is set to a number of
 * seconds, else midnight UTC of fallback (the notified date), so that no
 * wall-clock time reaches the file.
 */
long long fd_ics_stamp(struct fd_date fallback);

#endif
