/*
 * layout.c: from the document tree to pages of drawing operations, with
 * Pango for the lines and our own code for everything vertical. The rooms
 * are listed in layout_int.h: fonts and lines, blocks, tables,
 * pagination, furniture; this is their entry.
 *
 * Everything is bounded (FD_MAX_LINES, the 64 columns of a table), so a
 * hostile tree costs seconds, not minutes.
 */
#include "layout_int.h"

#include <stdlib.h>
#include <string.h>

struct fd_pages *
fd_layout(const struct fd_doc *doc, const struct fd_style *st,
	  struct fd_diags *d)
{
	struct lay L;
	struct flow f = {0};
	size_t i;

	memset(&L, 0, sizeof L);
	L.st = st;
	L.doc = doc;
	L.d = d;
	L.pages = fd_xcalloc(1, sizeof *L.pages);
	L.pages->width = st->page_w;
	L.pages->height = st->page_h;
	L.left = st->left;
	L.top = st->top;
	L.text_w = st->page_w - st->left - st->right;
	L.body_h = st->page_h - st->top - st->bottom;
	L.size = st->size;
	L.space = st->space_after;
	if (open_fonts(&L) != 0)
		goto fail;
	emit_blocks(&L, &f, doc->body->kids, doc->body->nkids, L.left, L.text_w,
		    0, 1);
	if (L.errors)
		goto fail;
	paginate(&L, &f);
	furnish_pages(&L);
	flow_free(&f);
	for (i = 0; i < L.ntables; i++)
		table_free(L.tables[i]);
	free(L.tables);
	free(L.metrics);
	return L.pages;
fail:
	flow_free(&f);
	for (i = 0; i < L.ntables; i++)
		table_free(L.tables[i]);
	free(L.tables);
	free(L.metrics);
	fd_pages_free(L.pages);
	return NULL;
}

void
fd_pages_drop_text(struct fd_pages *p)
{
	size_t i, j;

	for (i = 0; i < p->npages; i++)
		for (j = 0; j < 2; j++) {
			struct fd_oplist *l = j ? &p->pages[i].body
						: &p->pages[i].furniture;
			size_t k;

			for (k = 0; k < l->n; k++) {
				l->ops[k].layout = NULL;
				l->ops[k].run = NULL;
			}
		}
	for (i = 0; i < p->nlayouts; i++)
		g_object_unref(p->layouts[i]);
	p->nlayouts = 0;
	if (p->context)
		g_object_unref(p->context);
	p->context = NULL;
	if (p->fontmap)
		g_object_unref(p->fontmap);
	p->fontmap = NULL;
}

void
fd_pages_free(struct fd_pages *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->npages; i++) {
		oplist_free(&p->pages[i].furniture);
		oplist_free(&p->pages[i].body);
	}
	free(p->pages);
	for (i = 0; i < p->nlayouts; i++)
		g_object_unref(p->layouts[i]);
	free(p->layouts);
	for (i = 0; i < p->nstrings; i++)
		free(p->strings[i]);
	free(p->strings);
	if (p->context)
		g_object_unref(p->context);
	if (p->fontmap)
		g_object_unref(p->fontmap);
	free(p);
}
