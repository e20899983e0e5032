/*
 * letterhead.c: the style's letterhead put into the document tree
 * (letterhead.h).
 */
#include "letterhead.h"

#include <stdlib.h>
#include <string.h>

#include "image.h"

static struct fd_node *
letterhead_of(const struct fd_doc *doc)
{
	struct fd_node *b = doc->body;

	if (b != NULL && b->nkids > 0 &&
	    b->kids[0]->kind == FD_NODE_LETTERHEAD)
		return b->kids[0];
	return NULL;
}

int
fd_letterhead_wanted(const struct fd_doc *doc)
{
	return letterhead_of(doc) != NULL;
}

/* Takes the body's first block, the letterhead, out of the tree. */
static void
drop(struct fd_doc *doc)
{
	struct fd_node *b = doc->body;

	fd_node_free(b->kids[0]);
	memmove(&b->kids[0], &b->kids[1], (b->nkids - 1) * sizeof *b->kids);
	b->nkids--;
}

int
fd_letterhead_fill(struct fd_doc *doc, const struct fd_style *st,
		   struct fd_diags *d)
{
	struct fd_node *lh = letterhead_of(doc);
	const struct fd_style_sender *from;
	size_t i, nmarks;
	int rc = 0;

	if (lh == NULL)
		return 0;
	if (!st->letterhead) {
		drop(doc);
		return 0;
	}
	nmarks = lh->nkids;
	for (i = 0; i < nmarks; i++) {
		struct fd_node *m = lh->kids[i];
		const struct fd_style_sender *s = fd_style_sender_of(st, m->ref);

		if (m->kind != FD_NODE_MARK || m->image != NULL || s == NULL ||
		    s->logo == NULL)
			continue;
		m->image = fd_image_load(s->logo, st->path, s->logo_line,
					 s->logo_col, d);
		if (m->image == NULL)
			rc = -1;
	}
	/* The sender's address and contact lines, after the marks. */
	from = nmarks > 0 ? fd_style_sender_of(st, lh->kids[0]->ref) : NULL;
	for (i = 0; from != NULL && i < from->nlines; i++) {
		struct fd_node *l = fd_node_new(FD_NODE_LINE, lh->file,
						lh->line);

		fd_node_add_run(l, from->lines[i], strlen(from->lines[i]), 0,
				NULL);
		fd_node_append(lh, l);
	}
	return rc;
}
