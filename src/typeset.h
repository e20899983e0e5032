/*
 * typeset.h: the typesetting engine's entry point: a document tree (the
 * XML vocabulary of docs/document-tree.md) to the bytes of a tagged PDF.
 *
 * Inside, the stages are: doctree (XML to C tree, Markdown through
 * markdown.c, the only user of cmark), style (styles/NAME.xml), layout
 * (Pango: lines, pages), paint (Cairo's PDF surface) and finish (libqpdf:
 * what Cairo 1.16 cannot write). Callers see none of those libraries.
 */
#ifndef FD_TYPESET_H
#define FD_TYPESET_H

#include <libxml/tree.h>

#include "diag.h"
#include "load.h"
#include "util.h"

struct fd_typeset_opts {
	const char *style_path;		   /* a styles/NAME.xml file */
	const char *markdown_dir;	   /* where <markdown src="x.md"/> is read (templates/<framework>/); may be NULL */
	const struct fd_map *placeholders; /* values for {{name}} in Markdown files; may be NULL */
	long long create_date;		   /* seconds since the epoch for the PDF metadata; -1: SOURCE_DATE_EPOCH, else 0 */
	const char *schema_dir;		   /* folder of document.rng and style.rng; NULL: templates/schema found by fd_datadir_find */
};

/*
 * Lays out and paints a document tree (already parsed, e.g. the result of
 * an XSLT transform; name is used in diagnostics) to PDF bytes. The tree is
 * validated against document.rng first. Returns 0 with *pdf (the caller
 * frees it) and *len set, or reports diagnostics and returns -1 with *pdf
 * NULL. Warnings (a character no font has) do not fail.
 */
int fd_typeset_pdf(xmlDoc *tree, const char *name,
		   const struct fd_typeset_opts *o, struct fd_diags *d,
		   char **pdf, size_t *len);

/* The same for a document tree already built (doctree.h), which the
 * caller keeps: the tree render.c builds once for the engines and the
 * privacy gate. *pdf is NULL after an error. */
struct fd_doc;
int fd_typeset_doc(const struct fd_doc *doc, const char *name,
		   const struct fd_typeset_opts *o, struct fd_diags *d,
		   char **pdf, size_t *len);

/* The same for a tree loaded with fd_load_file, so that diagnostics carry
 * line and column. */
int fd_typeset_input(const struct fd_input *in,
		     const struct fd_typeset_opts *o, struct fd_diags *d,
		     char **pdf, size_t *len);

#endif
