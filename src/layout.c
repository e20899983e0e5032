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

/* Frees what laying out holds besides the pages. */
static void
lay_free(struct lay *L, struct flow *f)
{
	size_t i;

	pager_free(L);
	flow_free(f);
	furniture_close(L);
	for (i = 0; i < L->ntables; i++)
		if (L->tables[i] != NULL)
			table_free(L->tables[i]);
	free(L->tables);
	free(L->metrics);
}

struct fd_pages *
fd_layout(const struct fd_doc *doc, const struct fd_style *st,
	  struct fd_diags *d, fd_pages_cb cb, void *arg)
{
	struct lay L;
	struct flow f = {0};
	size_t i;

	memset(&L, 0, sizeof L);
	L.cb = cb;
	L.cb_arg = arg;
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
	furniture_open(&L);
	/* A block at a time, each placed on pages as soon as it is laid
	 * out: a page is handed over when the next begins, and its items'
	 * text freed. A block's keeps are known when it ends, and nothing
	 * placed looks further ahead. */
	for (i = 0; i < doc->body->nkids && !L.too_long; i++) {
		emit_blocks(&L, &f, &doc->body->kids[i], 1, L.left, L.text_w,
			    0, 1);
		if (L.errors)
			goto fail;
		paginate(&L, &f, 0);
		if (L.stopped)
			goto fail;
	}
	if (L.errors)
		goto fail;
	paginate(&L, &f, 1);
	number_pages(&L);
	if (L.stopped || (cb != NULL && cb(arg, L.pages, 1) != 0))
		goto fail;
	lay_free(&L, &f);
	return L.pages;
fail:
	/* Nothing more is painted from pages about to be freed. */
	if (cb != NULL)
		cb(arg, L.pages, -1);
	lay_free(&L, &f);
	fd_pages_free(L.pages);
	return NULL;
}

void
fd_oplist_free(struct fd_oplist *l)
{
	oplist_free(l);
}

void
fd_page_free(struct fd_page *pg)
{
	oplist_free(&pg->furniture);
	oplist_free(&pg->body);
	oplist_free(&pg->numbers);
}

void
fd_pages_free(struct fd_pages *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->npages; i++)
		fd_page_free(&p->pages[i]);
	free(p->pages);
	for (i = 0; i < p->nstrings; i++)
		free(p->strings[i]);
	free(p->strings);
	if (p->context)
		g_object_unref(p->context);
	if (p->fontmap)
		g_object_unref(p->fontmap);
	free(p);
}
