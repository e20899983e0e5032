/*
 * calendar_int.h: private to the facts (facts.c) and the two files it
 * calls here (calendar.c, timeline.c): the working-day calendar and the
 * timeline's recorded dates read from the inspection's <calendar>
 * element, libxml2's tree (load.h). calendar.h and timeline.h, which
 * ics.c, the commands and render.c see, name no libxml2 type.
 */
#ifndef FD_CALENDAR_INT_H
#define FD_CALENDAR_INT_H

#include "calendar.h"
#include "load.h"
#include "timeline.h"

/*
 * The calendar of an inspection from its <calendar> element: holidays=
 * (england-and-wales by default), notified= into *notified, and each
 * <non-working date=""> closure. Reports at the element's line and column
 * in in: a missing or unreal date, an unknown division, a notified date
 * that is not a working day (errors); a closure that is already a
 * weekend day, a holiday or repeated, a notified date the holiday list
 * does not cover (warnings). Returns NULL after an error; the caller frees
 * the result.
 */
struct fd_calendar *fd_calendar_from_inspection(const char *templates_dir,
						const xmlNode *calendar_elem,
						struct fd_date *notified,
						struct fd_diags *d,
						const struct fd_input *in);

/*
 * Reads the <actual milestone="KEY" date=""> children of the inspection's
 * <calendar> into t (what happened, SPEC.md: it wins over the plan).
 * Reports at the element: a key the framework's timeline does not have
 * (naming the keys it has), a milestone recorded twice, a date that is
 * not real (errors). Returns the number of errors.
 */
unsigned fd_timeline_read_actuals(struct fd_timeline *t, const xmlNode *cal,
				  struct fd_diags *d, const struct fd_input *in);

/*
 * Warnings a person would want before trusting the computed dates, at the
 * inspection's <calendar> cal: a milestone off its usual weekday (a
 * notification on a Friday where the framework has a Tuesday), a timeline
 * that runs past the last year of bank holidays the calendar lists; at
 * each <actual>: a recorded date that is not a working day, or that comes
 * before the date of a milestone the framework has earlier, and a factual
 * accuracy check given fewer working days than the framework's.
 */
void fd_timeline_warn(const struct fd_timeline *t, const struct fd_calendar *c,
		      const xmlNode *cal, struct fd_diags *d,
		      const struct fd_input *in);

#endif
