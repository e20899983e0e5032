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
 * Markdown and numbering paragraphs. An email's <meta><mail> becomes the
 * tree's envelope (doc->mail), and its <placeholder> values fill the
 * Markdown beside o's, winning over a value of the same name. name is
 * used in diagnostics. Returns the tree (free with fd_doc_free) or NULL
 * after reporting errors.
 */
struct fd_doc *fd_doctree_build(xmlDoc *tree, const char *name,
				const struct fd_doctree_opts *o,
				struct fd_diags *d);
/* The same for a file loaded with fd_load_file: diagnostics get columns. */
struct fd_doc *fd_doctree_build_input(const struct fd_input *in,
				      const struct fd_doctree_opts *o,
				      struct fd_diags *d);

/* Whether a stylesheet's output is an email (its <meta> holds <mail>),
 * before the tree is built. */
int fd_doctree_is_mail(xmlDoc *tree);

/*
 * The ids of the agencies that receive their own copy of an email, as
 * the stylesheet lists them in mail/@notified (space separated, in
 * order), or NULL when the tree is not an email or names none.
 * `findings build` renders one email per id, passing it as the
 * stylesheet parameter "to". The caller frees the string.
 */
char *fd_doctree_notified(xmlDoc *tree);

#endif
