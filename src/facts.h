/*
 * facts.h: the facts of an inspection, computed once in C and handed both
 * to the stylesheets (as string parameters) and to the Markdown templates
 * (as {{name}} placeholders): dates from the working-day calendar, names
 * of people and agencies, lists written out in English.
 *
 * Layering: facts.c reads the checked inspection (load.h), the calendar
 * and the timeline (calendar.h, timeline.h; their readers of the
 * inspection's <calendar> are calendar_int.h's) and one data file,
 * templates/<framework>/inspectorates.xml or else
 * templates/common/inspectorates.xml (the inspectorates' names). It knows
 * no framework: what a framework calls things is in its templates.
 *
 * The names, all plain text (dates as "7 March 2016", with an -iso twin
 * "2016-03-07" for the stylesheets' date functions):
 *
 *   framework variant ref lang stage area theme theme-ref theme-link
 *   KEY-date KEY-iso  for each milestone key of the framework's timeline
 *                     (notification, onsite-start, onsite-end, feedback,
 *                     draft-to-dcs, fa-due, pre-publication, final-sent,
 *                     publication, statement-of-action), after the history
 *                     has had its say (see below)
 *   fieldwork-start fieldwork-end (+ -iso)   first and last day on site
 *   letter-date letter-date-iso               the date the letter carries
 *   publication-date statement-of-action-date the embargo and the deadline
 *   soa-required ("yes"/"no") soa-lead soa-cooperating soa-agencies
 *   soa-working-days ("70")
 *   inspectorates inspectorates-short   "Ofsted, the Care Quality
 *                     Commission (CQC) and HMI Probation (HMIP)"
 *   inspectorate-count
 *   lead-inspector lead-inspector-email lead-inspector-phone qa-manager
 *   team team-count signatories
 *   dcs dcs-title local-authority
 *
 * Dates and the history: the draft and factual-accuracy letters are dated
 * the day the draft goes to the DCS, the pre-publication and final letters
 * the day the pre-publication letter is sent; a revision in the history
 * at the factual-accuracy (or pre-publication) stage gives the real date
 * instead of the planned one, and a revision at the final stage gives the
 * publication date; without either, the letter carries the date of the
 * last revision, or of the last day on site. The statement of action is
 * due the framework's number of working days after the milestone it is
 * counted from, as dated; a timeline without that milestone gets the
 * statutory 70 working days after the pre-publication letter.
 */
#ifndef FD_FACTS_H
#define FD_FACTS_H

#include "check.h"
#include "date.h"
#include "datadir.h"
struct fd_input; /* load.h */
#include "util.h"

struct fd_facts;
struct fd_timeline;

/*
 * Computes the facts of a checked inspection for a stage. Returns NULL
 * after reporting (an unknown calendar, a notified date that is not a
 * working day, a framework without a timeline); the caller frees the
 * result with fd_facts_free.
 */
struct fd_facts *fd_facts_new(const struct fd_input *in,
			      const struct fd_datadir *dd,
			      enum fd_stage stage, struct fd_diags *d);
void fd_facts_free(struct fd_facts *f);

/* The framework's timeline dated for the inspection; owned by f. */
const struct fd_timeline *fd_facts_timeline(const struct fd_facts *f);

/* The working days the timeline is dated on (calendar.h), owned by f,
 * and the notified date it is counted from (<calendar notified="">). */
struct fd_calendar;
const struct fd_calendar *fd_facts_calendar(const struct fd_facts *f);
struct fd_date fd_facts_notified(const struct fd_facts *f);

/* The facts, name to value; owned by f. */
const struct fd_map *fd_facts_map(const struct fd_facts *f);

/* Working-day arithmetic on the inspection's calendar, in the shape of
 * transform.h's fd_workday_fn (arg is the struct fd_facts). */
int fd_facts_add_working_days(void *arg, struct fd_date from, long n,
			      struct fd_date *out);

/* Seconds since the epoch of the last revision in the history, for the
 * PDF's creation date; -1 when there is no history. */
long long fd_facts_created(const struct fd_facts *f);

/* The timeline of in as an iCalendar file (ics.h), the dates as they
 * happened or are now planned, with each complaint's procedure: what
 * findings timeline --ics writes. *len bytes, the caller frees it; NULL
 * after reporting an unreadable complaints procedure. */
char *fd_facts_ics(struct fd_facts *f, const struct fd_input *in,
		   const struct fd_datadir *dd, size_t *len,
		   struct fd_diags *d);

/* Joins words as English does: "A", "A and B", "A, B and C"; "A; B, C
 * and D" when an item holds a comma. The caller frees the result. */
char *fd_join_english(const char *const *words, size_t n);

#endif
