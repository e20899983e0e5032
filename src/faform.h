/*
 * faform.h: the factual accuracy round: the return form (findings render
 * --doc fa-form) and the paragraphs it and fa-import cite.
 *
 * The form has one row a numbered paragraph of the letter as it goes to
 * the partnership for the check. Those numbers exist only once the
 * letter's document tree is built (Markdown expanded, paragraphs
 * numbered), so C lists them, as the change report's comparison is made
 * in C, into a small XML vocabulary:
 *
 *   <fa-form framework="jtai-2019" ref="..." doc="letter" title="..."
 *            area="..." revision="2" revision-date="2019-11-11"
 *            received="..." comments="5">
 *     <para n="1">the paragraph's whole text</para>
 *   </fa-form>
 *
 * and templates/<framework>/fa-form.xsl (importing common/fa-form.xsl)
 * sets it out as a document tree: a table of Paragraph, Text (the first
 * words), Comment and Evidence. That tree is printed as PDF by the
 * typesetting engine, or written as CSV from the same table (csv.h).
 *
 * The document the comments cite is the framework's first published
 * document in documents.xml (the letter; slac-2009's report), rendered
 * at the factual accuracy stage.
 *
 * Layering: calls the pipeline through render.h (which opens the
 * inspection, once) and the XSLT step and the engine through
 * transform.h, doctree.h and typeset.h; reads the inspection's history
 * from render.h's loaded inspection through load.h.
 */
#ifndef FD_FAFORM_H
#define FD_FAFORM_H

#include "datadir.h"
#include "diag.h"
struct fd_input; /* load.h */
#include "render.h"

/* The numbered paragraphs of the document the comments cite. */
struct fd_fa_paras {
	char *doc;	/* its name: "letter", "report" */
	char *title;	/* its title */
	int *n;		/* the paragraph numbers, in order */
	char **text;	/* the text of each */
	size_t count;	/* entries in n and text */
};

/*
 * Lists the numbered paragraphs of r's cited document (r should be open
 * at the factual accuracy stage). Returns 0, or -1 after reporting
 * (the framework has no published document, or it cannot be made).
 */
int fd_fa_paras(struct fd_render *r, struct fd_fa_paras *p,
		struct fd_diags *d);
void fd_fa_paras_clear(struct fd_fa_paras *p);

/* True when the list has paragraph number n. */
int fd_fa_paras_has(const struct fd_fa_paras *p, long n);

/*
 * The factual accuracy comments of the inspection in (loaded from file,
 * dedented), each with its standing decision (the last), for the change
 * report. Returns the count with *out set (free with
 * fd_fa_comments_free); strings point into in, which must outlive them.
 */
struct fd_changes_comment;
size_t fd_fa_comments(const struct fd_input *in,
		      struct fd_changes_comment **out);
void fd_fa_comments_free(struct fd_changes_comment *v, size_t n);

/*
 * The comparison (changes.h) of document ro->doc of old (files[0])
 * with new (files[1]), both open at the stage it is compared at, with
 * the new revision's factual accuracy comments (else the old one's):
 * what findings diff prints and the fa-response shows. A comment
 * accepted whose paragraph did not change is a warning through d.
 * Returns the XML (the caller frees it), or NULL after reporting (two
 * frameworks, a document that cannot be made).
 */
char *fd_fa_compare(struct fd_render *old, struct fd_render *new,
		    const char *files[2], const struct fd_render_opts *ro,
		    struct fd_diags *d);

/*
 * The comparison the factual accuracy response shows: the cited
 * document (the letter) of against, the inspection as it was when the
 * letter went for the check, with that of r (its inspection as loaded,
 * checked again at that stage when r is at another), both rendered at
 * the factual accuracy stage, whose paragraphs are the numbered ones
 * the comments cite. Returns the XML (the caller frees it), or NULL
 * after reporting.
 */
char *fd_fa_changes(struct fd_render *r, const char *against,
		    struct fd_diags *d);

/*
 * Renders the return form of r's inspection (as loaded; checked again
 * at the factual accuracy stage when r is at another) to out:
 * ".csv" is the table as CSV, ".xml" the document tree, ".pdf", "-"
 * or a name without an extension PDF; out NULL writes nothing and says
 * only whether the form fits the bounds build meets (check: its tree,
 * laid out when it could be too long). Returns 0, -1 after reporting
 * (nothing is written), or -2 after reporting an extension the form
 * cannot be written as (a usage error).
 */
int fd_fa_form_write(struct fd_render *r, const char *style,
		     const char *out, struct fd_diags *d);

#endif
