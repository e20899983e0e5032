/*
 * after.h: what comes after the letter. A complaint about the inspection
 * follows its framework's procedure (templates/<framework>/complaints.xml,
 * validated by templates/schema/complaints.rng): milestones counted in
 * working days from the day it was received, and a time limit after
 * publication. The lead inspector's review of the partnership's statement
 * of proposed action answers the statement, which was due 70 working days
 * after the letter was sent.
 *
 * Layering: after.c reads the checked inspection (load.h) and the
 * procedure file, counts days through the facts' calendar (facts.h) or a
 * caller's function, and hands back facts (placeholders) and dated
 * milestones; the documents themselves are stylesheets
 * (complaint-acknowledgement.xsl, soa-response.xsl), the timeline's rows
 * are printed by their callers.
 */
#ifndef FD_AFTER_H
#define FD_AFTER_H

#include "datadir.h"
#include "facts.h"
#include "date.h"

/* One dated step of a complaint's procedure; strings owned by the plan. */
struct fd_complaint_step {
	int days;		/* working days after receipt */
	struct fd_date date;	/* its date */
	char *key;		/* "received", "acknowledgement",
				   "final-response" or NULL */
	char *what;		/* the guidance's words */
	char *who;		/* who acts */
};

/* A complaint and its procedure, dated. */
struct fd_complaint_plan {
	char *id;		       /* complaint/@id */
	char *title;		       /* the procedure's title */
	struct fd_date received;       /* complaint/@received */
	struct fd_complaint_step *steps; /* in order */
	size_t n;		       /* entries in steps */
};

/*
 * The dated procedure of every complaint of in, counting working days
 * with add(arg, ...). Returns the number of plans (0 when the inspection
 * has no complaint or its framework no procedure), *plans set (free with
 * fd_after_plans_free); -1 after reporting an unreadable procedure file.
 */
long fd_after_plans(const struct fd_input *in, const struct fd_datadir *dd,
		    fd_workday_fn add, void *arg,
		    struct fd_complaint_plan **plans, struct fd_diags *d);
void fd_after_plans_free(struct fd_complaint_plan *plans, long n);

/*
 * Adds to m complaint-procedure ("yes" when the framework has a
 * complaints procedure file) and the facts of the review of the statement
 * of action (soa-received-date, soa-response-date, soa-outcome, soa-reviewer, each
 * date with its -iso twin) and reports the warnings that need the dated
 * timeline: a statement received after it was due, a complaint made after
 * the framework's time limit, a complaint or review the framework has no
 * document for. f is the facts being built (its calendar counts days).
 * Returns 0, or -1 after reporting an unreadable procedure file.
 */
int fd_after_facts(struct fd_map *m, const struct fd_input *in,
		   const struct fd_datadir *dd, struct fd_facts *f,
		   struct fd_diags *d);

/*
 * Adds the facts of the complaint id to m, for its acknowledgement:
 * complaint-id, complaint-received-date, complaint-letter-date (the day
 * the acknowledgement is sent: acknowledged=, else the procedure's
 * acknowledgement milestone, else the day of receipt),
 * complaint-response-date (the final response, when the procedure dates
 * it), complaint-limit-date (the last day for a complaint, when there is
 * a limit), complaint-from (the agency). Nothing is added when id names
 * no complaint.
 */
void fd_after_complaint_facts(struct fd_map *m, const struct fd_input *in,
			      const struct fd_datadir *dd, struct fd_facts *f,
			      const char *id);

#endif
