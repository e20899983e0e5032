/*
 * render.h: one inspection to its documents, the whole pipeline of
 * SPEC.md: load, check at the stage, facts, the framework's stylesheet
 * (templates/<framework>/<doc>.xsl), then the typesetting engine (PDF) or
 * the mail writer (.eml), with the privacy gate (privacy.h) between the
 * document tree and the engines, then an atomic write. Nothing is written after an
 * error.
 *
 * Layering: render.c calls each stage through its own header (check.h,
 * facts.h, transform.h, doctree_xml.h, privacy.h, typeset.h, mail.h) and
 * sees none of their libraries but libxml2's tree type (load.h). This
 * header names none: the commands see an opaque struct fd_render. What
 * documents a framework has is data: templates/<framework>/documents.xml.
 */
#ifndef FD_RENDER_H
#define FD_RENDER_H

#include "check.h"
#include "datadir.h"
#include "date.h"
#include "diag.h"
#include "msg.h"

struct fd_doc;

/* What to render and how. */
struct fd_render_opts {
	const char *doc;	/* "letter", "notification", "concern", ... */
	const char *style;	/* --style NAME or FILE; NULL: gov-uk */
	const char *concern_id; /* --id: the concern of a form, or NULL */
	const char *to;		/* --to: the agency an email is for, or NULL */
	int blank;		/* --blank: the empty form */
	const char *changes;	/* the comparison a working paper shows
				   (fd:changes(), changes.h), or NULL */
};

/* An inspection loaded, checked at a stage, with its facts. */
struct fd_render;

/*
 * Loads path, checks it at *stage (NULL: the stage of the last revision
 * in its history, draft without one) and computes its facts. Returns NULL
 * after reporting through d when the file cannot be read, any check error
 * remains at that stage, or the facts cannot be computed. The caller frees
 * the result with fd_render_close.
 */
struct fd_render *fd_render_open(const char *path, const struct fd_datadir *dd,
				 const enum fd_stage *stage,
				 struct fd_diags *d);
/* The same, with what the check says (its warnings are lint) reported
 * through lint, and the rest (reading the file, the facts: the
 * calendar's and the timeline's warnings) through d; lint may be d. */
struct fd_render *fd_render_open_lint(const char *path,
				      const struct fd_datadir *dd,
				      const enum fd_stage *stage,
				      struct fd_diags *lint,
				      struct fd_diags *d);
/* fd_render_open_lint knowing the document about to be made (render's
 * --doc), whose stylesheet is compiled in a thread while the inspection
 * is checked, and then, when style (fd_datadir_style's path) is not NULL,
 * the fonts it is typeset in opened; doc and style may be NULL. What
 * compiling or the style says is said when the document is made. */
struct fd_render *fd_render_open_for(const char *path,
				     const struct fd_datadir *dd,
				     const enum fd_stage *stage,
				     const char *doc, const char *style,
				     struct fd_diags *lint,
				     struct fd_diags *d);

/* Whether render typesets a document written to out (a PDF: not .html,
 * .xml, .ics or .eml). */
int fd_render_typesets(const char *out);
/*
 * The inspection r has loaded, checked again at another stage with its
 * facts for that stage, without reading the file again: a document
 * cited as it was at one stage while the rest is made at another (the
 * return form cites the letter at the factual accuracy stage). The
 * result borrows r's inspection, so r must outlive it; free it with
 * fd_render_close. NULL after reporting through d.
 */
struct fd_render *fd_render_restage(struct fd_render *r, enum fd_stage stage,
				    struct fd_diags *d);
void fd_render_close(struct fd_render *r);

/* The inspection's ref= and framework=, owned by r. */
const char *fd_render_ref(const struct fd_render *r);
const char *fd_render_framework(const struct fd_render *r);
/* The stage r was checked at and renders. */
enum fd_stage fd_render_stage(const struct fd_render *r);
/* Where r finds its templates and styles (the caller's, as opened). */
const struct fd_datadir *fd_render_datadir(const struct fd_render *r);

/*
 * Renders one document to out: "-" is standard output; a name ending in
 * ".eml" is a MIME message, ".xml" the document tree itself (for
 * `findings typeset`), ".html" the HTML edition of a published document,
 * ".pdf" or no extension PDF. Returns 0, or -1 after reporting (the
 * output is then untouched), or -2 after reporting an extension the
 * document cannot be written as (a usage error).
 */
int fd_render_doc(struct fd_render *r, const struct fd_render_opts *o,
		  const char *out, struct fd_diags *d);

/*
 * The privacy gate (privacy.h) over every document of r that leaves the
 * inspectorate, as fd_render_doc would search each: the published ones
 * (errors at the final stage, warnings before) and every email to every
 * recipient and the timeline's calendar (errors at any stage). Reports each identifier once, at the
 * element it came from. Returns the number of errors.
 */
unsigned fd_render_gate(struct fd_render *r, struct fd_diags *d);

/*
 * The timeline's iCalendar file (RFC 5545), searched by the privacy gate:
 * a calendar leaves on the first day, so any hit is an error. Returns the
 * bytes (*len of them; the caller frees them), or NULL after reporting.
 */
char *fd_render_calendar(struct fd_render *r, size_t *len,
			 struct fd_diags *d);

/* What findings timeline prints, owned by r: the framework's timeline
 * dated for the inspection (timeline.h), the working days it is dated
 * on (calendar.h) and the notified date it is counted from. */
struct fd_timeline;
struct fd_calendar;
struct fd_render_dates {
	const struct fd_timeline *timeline; /* dated, recorded dates in */
	const struct fd_calendar *calendar; /* the inspection's working days */
	struct fd_date notified;	    /* <calendar notified=""> */
};
void fd_render_dates(const struct fd_render *r, struct fd_render_dates *out);

/* Each complaint's procedure (after.h) dated on r's working days.
 * Returns the number of plans with *plans set (free with
 * fd_after_plans_free), or -1 after reporting. */
struct fd_complaint_plan;
long fd_render_complaint_plans(struct fd_render *r,
			       struct fd_complaint_plan **plans,
			       struct fd_diags *d);

/*
 * The document tree of one document, as fd_render_doc would print it
 * (Markdown expanded, paragraphs numbered), for comparing two revisions
 * (findings diff). Returns NULL after reporting; the caller frees the
 * tree with fd_doc_free.
 */
struct fd_doc *fd_render_tree(struct fd_render *r,
			      const struct fd_render_opts *o,
			      struct fd_diags *d);

/* The attribute attr ("n", "stage", "date") of the last revision in the
 * inspection's history, owned by r; NULL without a history. */
const char *fd_render_revision(const struct fd_render *r, const char *attr);

/* The checked and dedented inspection (load.h), its facts, both owned by
 * r (a round of inspections is assembled from them: round.h; the change
 * report reads the factual accuracy comments), and the file it was read
 * from. */
struct fd_input;
const struct fd_input *fd_render_input(const struct fd_render *r);
const struct fd_map *fd_render_facts(const struct fd_render *r);
const char *fd_render_path(const struct fd_render *r);

/*
 * The privacy gate of r (privacy.h) over a published document made from
 * it and others (the overview of a round): reports, as errors, each of
 * r's identifiers the document tree dt prints or carries, naming doc.
 * Returns the number of errors. With elsewhere, an identifier that no
 * element of r writes (another inspection of the round does) is counted
 * there instead of reported at r's root.
 */
unsigned fd_render_privacy(struct fd_render *r, const char *doc,
			   const struct fd_doc *dt, struct fd_diags *d,
			   unsigned *elsewhere);

/* The creation date r's documents carry (seconds since the epoch, -1:
 * SOURCE_DATE_EPOCH), for a document made from r's. */
long long fd_render_created(const struct fd_render *r);

/* Reports message m of the catalogue (msg.h), with its arguments, at the
 * attribute attr of the inspection's root element (framework=, ref=). */
void fd_render_msg(const struct fd_render *r, struct fd_diags *d,
		   const char *attr, enum fd_msg m, ...);

/*
 * The agencies that each receive their own copy of an email document (the
 * stylesheet run once without --to names them), as a NULL-terminated
 * array to free with fd_strv_free; NULL when the document is one file, or
 * after reporting an error.
 */
char **fd_render_recipients(struct fd_render *r,
			    const struct fd_render_opts *o,
			    struct fd_diags *d);

/*
 * Whether the document o makes fits the bounds build meets (the document
 * tree's elements and paragraphs, the engine's lines), as build would
 * find: the tree is made, and laid out without painting when it could be
 * too long (fd_doc_most_lines). Returns 0, or -1 after reporting through d
 * as build would (at the inspection's root, naming the document).
 */
int fd_render_fits(struct fd_render *r, const struct fd_render_opts *o,
		   struct fd_diags *d);

/* One document a framework has, from templates/<framework>/documents.xml. */
struct fd_document {
	char *name;	 /* "letter": templates/<framework>/letter.xsl */
	char *ext;	 /* the output's extension: "pdf", "eml" */
	char *each;	 /* "concern", "complaint": one per such element
			    (--id); "recipient": one per agency the email
			    names (--to); NULL: one file. A document whose
			    when= names an element the inspection lacks is
			    not listed. */
	int published;	 /* 1: staged and checked for privacy at final;
			    2 (gate="always"): checked at every stage */
};

/*
 * The documents of r's framework whose stylesheet exists, in the order of
 * documents.xml. Returns the count, with *docs (free with
 * fd_documents_free) set; -1 after reporting an unreadable list.
 */
long fd_render_documents(struct fd_render *r, struct fd_document **docs,
			 struct fd_diags *d);
void fd_documents_free(struct fd_document *docs, long n);

/* One file of an inspection's documents: what build writes, check's
 * privacy gate searches and the fuzzer renders. */
struct fd_job {
	const struct fd_document *doc; /* its entry of documents.xml */
	struct fd_render_opts ro;      /* doc, style, and to or concern_id */
	char *id;		       /* the concern, complaint or agency it
					  is for (ro's), or NULL: the one file */
};

/*
 * The files of document doc of r, in order: one, or one for each concern
 * or complaint of the inspection (each="concern", "complaint"), or one
 * for each agency an email names (each="recipient": the stylesheet is
 * run once to find them, reporting through d; one file when it names
 * none). style is each file's --style, or NULL. Returns the number of
 * jobs with *jobs set (free with fd_jobs_free), or -1 with *jobs NULL
 * after an error finding the recipients.
 */
long fd_render_jobs(struct fd_render *r, const struct fd_document *doc,
		    const char *style, struct fd_job **jobs,
		    struct fd_diags *d);
void fd_jobs_free(struct fd_job *jobs, long n);

/* The file name of a document of r: "REF-DOC.EXT", or "REF-DOC-ID.EXT"
 * for one of several; characters other than letters, digits, '.', '_'
 * and '-' become '-'. The caller frees it. */
char *fd_render_file_name(const struct fd_render *r, const char *doc,
			  const char *id, const char *ext);

/* The ids of the concerns of r (for documents made "each" concern), a
 * NULL-terminated array to free with fd_strv_free. */
char **fd_render_concern_ids(const struct fd_render *r);
/* The same for any element named each that is a grandchild of the
 * inspection ("concern", "complaint"). */
char **fd_render_ids(const struct fd_render *r, const char *each);

#endif
