/*
 * calendar.h: working days. Saturdays and Sundays are never working days;
 * a division's bank holidays come from templates/calendars/<division>.xml
 * (validated by templates/schema/calendar.rng); an inspection may close
 * more days with <non-working date="">. Only calendar.c reads calendar
 * files; callers see dates and names. The inspection's <calendar>
 * element is read through calendar_int.h, by the facts alone: this
 * header names no libxml2 type.
 */
#ifndef FD_CALENDAR_H
#define FD_CALENDAR_H

#include "date.h"
#include "diag.h"

struct fd_calendar;

/*
 * Loads templates/calendars/<division>.xml from the templates folder;
 * "none" gives weekends only. Returns NULL, with diagnostics, when the
 * division is unknown or its file is not a valid calendar. The caller
 * frees the result with fd_calendar_free.
 */
struct fd_calendar *fd_calendar_load(const char *templates_dir,
				     const char *division, struct fd_diags *d);
void fd_calendar_free(struct fd_calendar *c);

/* Makes day a non-working day (an inspection's <non-working date="">). */
void fd_calendar_add_closed(struct fd_calendar *c, struct fd_date day);
/* The same with the reason people read in the timeline; why is copied. */
void fd_calendar_add_closed_named(struct fd_calendar *c, struct fd_date day,
				  const char *why);

/* True when day is neither a weekend day, a holiday nor closed. */
int fd_calendar_is_working(const struct fd_calendar *c, struct fd_date day);
/*
 * The name of the holiday or closure on day ("Christmas Day (substitute
 * day)", "Office closed"); NULL when it is not one (weekends are not
 * holidays). Owned by the calendar.
 */
const char *fd_calendar_holiday_name(const struct fd_calendar *c,
				     struct fd_date day);

/*
 * The date n working days after (n > 0) or before (n < 0) day; n == 0
 * gives day itself when it is a working day, else the next working day.
 * Day need not be a working day: counting starts from it either way.
 */
struct fd_date fd_calendar_add(const struct fd_calendar *c, struct fd_date day,
			       long n);
/* Working days after a up to and including b (negative when b < a). */
long fd_calendar_between(const struct fd_calendar *c, struct fd_date a,
			 struct fd_date b);

/* True when the holiday list is complete for day (always for "none"). */
int fd_calendar_covers(const struct fd_calendar *c, struct fd_date day);
/* The first and last years the holiday list covers (0 for "none"). */
int fd_calendar_first_year(const struct fd_calendar *c);
int fd_calendar_last_year(const struct fd_calendar *c);
/* "england-and-wales", and for people "England and Wales" ("none" and
 * "weekends only" for none). Owned by the calendar. */
const char *fd_calendar_division(const struct fd_calendar *c);
const char *fd_calendar_name(const struct fd_calendar *c);
/* Days closed by the inspection (fd_calendar_add_closed). */
unsigned fd_calendar_closed_count(const struct fd_calendar *c);

#endif
