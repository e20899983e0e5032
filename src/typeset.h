/*
 * typeset.h: the typesetting engine's entry point: a document tree
 * (doctree.h) to the bytes of a tagged PDF.
 *
 * It takes the C tree of doctree.h, never libxml2's. Inside, the stages
 * are: style (styles/NAME.xml), layout (Pango: lines, pages), paint
 * (Cairo's PDF surface, in a thread beside the layout's, a page as soon
 * as it is laid out) and finish (finish.c and pdfobj.c: what Cairo
 * 1.16 cannot write, as an incremental update). Callers see none of those libraries.
 */
#ifndef FD_TYPESET_H
#define FD_TYPESET_H

#include <stddef.h>

#include "diag.h"
#include "util.h"

struct fd_style;
struct fd_typeset_opts {
	const char *style_path;		   /* a styles/NAME.xml file */
	const struct fd_style *style;	   /* that file, read already (the letterhead's); NULL: read here */
	const char *markdown_dir;	   /* where <markdown src="x.md"/> is read (templates/<framework>/); may be NULL */
	const struct fd_map *placeholders; /* values for {{name}} in Markdown files; may be NULL */
	long long create_date;		   /* seconds since the epoch for the PDF metadata; -1: SOURCE_DATE_EPOCH, else 0 */
	const char *schema_dir;		   /* folder of document.rng and style.rng; NULL: templates/schema found by fd_datadir_find */
};

/*
 * Opens the fonts of the style at style_path (schema_dir as in
 * fd_typeset_opts) ahead of fd_typeset_doc, in a thread that runs while
 * nothing else typesets (render: beside the check); says nothing, and
 * leaves anything wrong for fd_typeset_doc to say.
 */
void fd_typeset_prepare(const char *style_path, const char *schema_dir);

/*
 * Lays out and paints a document tree built once by the caller
 * (doctree_xml.h; render.c builds it for the engines and the privacy
 * gate alike), which the caller keeps and frees; name is used in
 * diagnostics. Returns 0 with *pdf (the caller frees it) and *len set,
 * or reports diagnostics and returns -1 with *pdf NULL. Warnings (a
 * character no font has) do not fail.
 */
struct fd_doc;
int fd_typeset_doc(const struct fd_doc *doc, const char *name,
		   const struct fd_typeset_opts *o, struct fd_diags *d,
		   char **pdf, size_t *len);

/*
 * Lays doc out as fd_typeset_doc would, without painting, to know whether
 * it fits the engine's bounds (FD_MAX_LINES): findings check asks. Returns
 * 0, or -1 after reporting as fd_typeset_doc would.
 */
int fd_typeset_fits(const struct fd_doc *doc,
		    const struct fd_typeset_opts *o, struct fd_diags *d);

#endif
