/*
 * doctree_xml.h: the document tree's XML vocabulary (the stylesheets'
 * output, docs/document-tree.md) validated against document.rng and
 * loaded into the C tree of doctree.h. The renderer's one door from
 * libxml2's tree to ours: render.c and the commands that write a
 * document build the tree here once and hand it to every engine.
 */
#ifndef FD_DOCTREE_XML_H
#define FD_DOCTREE_XML_H

#include "diag.h"
#include "doctree.h"
#include "load.h"
#include "util.h"

/* How Markdown blocks are found and filled, and where the schema is. */
struct fd_doctree_opts {
	const char *markdown_dir;	   /* folder of <markdown src>, may be NULL */
	const struct fd_map *placeholders; /* {{name}} values, may be NULL */
	const char *schema_dir;		   /* folder of document.rng; NULL: found by fd_datadir_find */
};

/*
 * Validates a document tree against document.rng and loads it, expanding
 * Markdown and numbering paragraphs. name is used in diagnostics. Returns
 * the tree (free with fd_doc_free) or NULL after reporting errors.
 */
struct fd_doc *fd_doctree_build(xmlDoc *tree, const char *name,
				const struct fd_doctree_opts *o,
				struct fd_diags *d);
/* The same for a file loaded with fd_load_file: diagnostics get columns. */
struct fd_doc *fd_doctree_build_input(const struct fd_input *in,
				      const struct fd_doctree_opts *o,
				      struct fd_diags *d);

#endif
