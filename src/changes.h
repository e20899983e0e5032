/*
 * changes.h: the change report (findings diff): one document of two
 * revisions of an inspection, compared paragraph by paragraph and word
 * by word.
 *
 * C does the comparing: the paragraphs of each document tree in reading
 * order (headings, paragraphs, list items, table cells, address lines,
 * checkboxes, signatories) are aligned by a shortest edit script; an
 * edited paragraph is paired with its new version when their words are
 * alike (fd_word_similarity at least FD_CHANGES_ALIKE, or
 * FD_CHANGES_ALIKE_ONE for one in place of one) and the pair is
 * compared word by word (diff.h). The result is a small XML vocabulary,
 * and templates/common/changes.xsl sets it out as a document tree for
 * the typesetting engine, as every other document is:
 *
 *   <changes doc="letter" stage="draft" framework="jtai-2019" title="..."
 *            numbered="yes">
 *     <old file="a.xml" ref="..." revision="2"
 *          revision-stage="factual-accuracy" revision-date="2019-11-11"/>
 *     <new file="b.xml" .../>
 *     <para kind="p" status="same|changed|added|removed" old-n="12"
 *           new-n="13" old-after="11" new-after="12" section="Strengths"
 *           first-in-section="yes" unchanged-before="4" split="yes">
 *       <same>...</same><del>...</del><ins>...</ins>
 *     </para>
 *     <para kind="p" status="changed" old-n="14" new-n="14" own="yes">
 *       <cite id="fa-2"/>...
 *     </para>
 *     <end unchanged="13"/>
 *     <comment id="fa-2" para="14" from="..." outcome="accepted"
 *              by="..." result="changed|removed|unchanged|missing|unplaced"
 *              warn="yes"><text>Markdown</text><reason>Markdown</reason>
 *     </comment>
 *   </changes>
 *
 * kind is heading, p, item, cell, quote, address, checkbox or
 * signatory; old-n and new-n are the paragraph numbers where the
 * document numbers paragraphs, old-after and new-after the number of the
 * last numbered paragraph before an unnumbered one. section is the text
 * of the heading a paragraph comes under (none before the first). A
 * change (any status but same) also says whether it is the first change
 * under its heading and how many unchanged paragraphs lie between it and
 * the change before; <end> counts those after the last. split="yes"
 * marks a pair too long to print as one paragraph (its old text, then
 * its new). A change carries a <cite> for each factual accuracy comment
 * on its old paragraph (an added one cites none), and own="yes" when none of them was accepted or partly accepted: the
 * inspectors' own change. Every comment follows <end>, with what became
 * of its paragraph; warn="yes" marks one accepted or partly accepted
 * whose paragraph did not change. At a stage whose paragraphs are not
 * numbered no comment can be placed: result="unplaced", no own="yes",
 * one warning through d. Every paragraph of both documents is there, so a stylesheet
 * may show as much or as little as it likes.
 *
 * Layering: changes.c walks document trees (doctree.h) and calls the
 * XSLT step (transform.h) and the engine (typeset.h); it sees libxml2
 * only as the tree type they hand over.
 */
#ifndef FD_CHANGES_H
#define FD_CHANGES_H

#include "datadir.h"
#include "diag.h"
#include "doctree.h"

/* How alike two paragraphs' words must be to count as one paragraph
 * edited rather than one removed and another added (fd_word_similarity:
 * over the examples' letters, 0.34 % of pairs of different paragraphs
 * reach 0.4, 1.9 % reach 0.3 and 4.5 % 0.25). */
#define FD_CHANGES_ALIKE 0.4
/* The same when one paragraph stands in place of one of its kind, and
 * nothing else changed between their neighbours: most likely it was
 * rewritten. */
#define FD_CHANGES_ALIKE_ONE 0.3
/* The same for a paragraph that a comment accepted in whole or part asked
 * to change, against one of its kind: it was most likely rewritten. */
#define FD_CHANGES_ALIKE_CITED 0.25

/* One side of the comparison. */
struct fd_changes_side {
	const char *file;	    /* the inspection file, as given */
	const struct fd_doc *doc;   /* its document's tree */
	const char *ref;	    /* its ref= */
	const char *revision;	    /* its last revision's n=, or NULL */
	const char *revision_stage; /* that revision's stage=, or NULL */
	const char *revision_date;  /* that revision's date=, or NULL */
};

/* A factual accuracy comment of the new revision, with its decision:
 * the report shows it beside the change it caused. */
struct fd_changes_comment {
	const char *id;	     /* its id= */
	int para;	     /* the paragraph of the old revision it cites */
	const char *from;    /* the agency's name (or id) */
	const char *outcome; /* the standing decision's outcome, or NULL */
	const char *by;	     /* who decided (a name), or NULL */
	const char *text;    /* the comment, Markdown */
	const char *reason;  /* the decision's reason, Markdown, or NULL */
	const char *file;    /* where it is, for the warning */
	long line, col;	     /* its start tag there */
};

/* What was compared. */
struct fd_changes_what {
	const char *doc;       /* the document: "letter" */
	const char *stage;     /* the stage both were rendered at */
	const char *framework; /* the framework of both */
	const struct fd_changes_comment *comments; /* in the file's order */
	size_t ncomments;			   /* entries in comments */
};

/* The comparison of before with after as the XML above. The caller
 * frees the result. The same inputs give the same bytes. A comment
 * accepted or partly accepted whose paragraph did not change is a
 * warning through d (which may be NULL) as well as in the report. */
char *fd_changes_xml(const struct fd_changes_side *before,
		     const struct fd_changes_side *after,
		     const struct fd_changes_what *what, struct fd_diags *d);

/* How the report is written. */
struct fd_changes_out {
	const char *doc;      /* the document compared: {{doc}} in changes.md */
	const char *style;    /* --style NAME or FILE; NULL: gov-uk */
	long long created;    /* the PDF's creation date; -1: SOURCE_DATE_EPOCH */
	const char *path;     /* where: "-" is standard output; a name
				 ending ".xml" gets the document tree */
};

/*
 * Sets out the XML of fd_changes_xml through templates/common/
 * changes.xsl and prints it. Returns 0, or -1 after reporting (nothing
 * is written then).
 */
int fd_changes_write(const char *xml, const struct fd_datadir *dd,
		     const struct fd_changes_out *o, struct fd_diags *d);

#endif
