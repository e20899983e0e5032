/*
 * privacy.h: the privacy gate (SPEC.md, the privacy rule). One module for
 * check, render, build and timeline: it learns a child's identifiers from
 * an inspection (case references, dates of birth and email addresses from
 * the evidence and the concerns, and the <withheld> terms), then searches
 * what an outgoing document prints and carries: every node of its document
 * tree, its metadata, link addresses, an email's headers, a calendar's
 * fields. The match is on what a reader sees (normalise.h), not on bytes.
 *
 * A hit is reported at the element of the inspection the string came from,
 * found by the same matcher, once however many documents print it.
 *
 * Layering: privacy.c sees the inspection through load.h (libxml2) and the
 * document tree through doctree.h; it writes nothing.
 */
#ifndef FD_PRIVACY_H
#define FD_PRIVACY_H

#include "diag.h"
#include "doctree.h"
struct fd_input; /* load.h */

struct fd_gate;

/* The identifiers of the inspection in (checked and dedented); in must
 * outlive the gate. Free with fd_gate_free. */
struct fd_gate *fd_gate_new(const struct fd_input *in);
void fd_gate_free(struct fd_gate *g);

/* The number of identifiers the gate looks for. */
size_t fd_gate_terms(const struct fd_gate *g);

/*
 * Scans one string an outgoing document prints or carries. doc names the
 * document in messages ("final letter", "notification email to police");
 * level is what a hit is (FD_ERROR where the document may not be written,
 * FD_WARNING while drafting). Returns the number of identifiers found.
 */
unsigned fd_gate_text(struct fd_gate *g, const char *doc, enum fd_level level,
		      const char *s, size_t len);

/* The same for everything a document tree prints and carries: the text of
 * every node, signatories, link addresses and the metadata. */
unsigned fd_gate_doc(struct fd_gate *g, const char *doc, enum fd_level level,
		     const struct fd_doc *dt);

/* The same for every field of an iCalendar file (folded lines joined,
 * escapes undone); a hit is always an error: a calendar leaves on the
 * first day. */
unsigned fd_gate_calendar(struct fd_gate *g, const char *doc, const char *ics,
			  size_t len);

/*
 * Reports every identifier found since the last report through d, once
 * each, at each element of the inspection that holds it (its root when
 * none holds it whole), naming the documents that print it. Returns the
 * number of errors reported.
 */
unsigned fd_gate_report(struct fd_gate *g, struct fd_diags *d);

/* The same for a document made from several inspections (the overview of
 * a round): an error no element of this one holds is not reported but
 * counted in *elsewhere, for the caller to place. */
unsigned fd_gate_report_located(struct fd_gate *g, struct fd_diags *d,
				unsigned *elsewhere);

#endif
