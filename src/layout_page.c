/*
 * layout_page.c: pagination, and placed items drawn as operations.
 *
 * Pagination fills pages greedily and, when an item does not fit, breaks
 * before the last item on the page that allows it; a run of glued items
 * longer than a page breaks where it must. Table bands taller than a page
 * are the one thing split inside: each cell continues on the next page,
 * line by line, under the repeated header rows.
 */
#include "layout_int.h"

#include <stdlib.h>
#include <string.h>

/* An item (or a fragment of a band) placed on the page being filled. */
struct place {
	size_t index;	  /* item index, or (size_t)-1 for a repeated head */
	size_t item;	  /* the item's index, a repeated head's too */
	struct item *it;  /* the item: f->items + item, found again when
			     the flow grows */
	double y;	  /* its top below the text area's top */
	double gap;	  /* the space above it that was kept */
	int *from, *to;	  /* a band fragment: cell items [from, to) */
	int first, last;  /* the item's first and last fragment */
	int repeat;	  /* a repeated head row: drawn untagged */
	double h;	  /* height placed */
};

/* The page being filled, and where pagination stands in the flow. */
struct pager {
	struct place *pl; /* places so far */
	size_t n, cap;	  /* used and allocated */
	size_t first;	  /* index of the first item on the page */
	int real;	  /* places that are not repeated heads */
	double y;	  /* filled height */
	size_t next;	  /* the next item of the flow to place */
	size_t freed;	  /* items before it have had their operations freed */
	int *cont;	  /* a split band going on: where, else NULL */
};

/* ------------------------------------------ placed items drawn */

/* Structure tags still open after a run of operations. */
struct tagstack {
	const char **v; /* tag names, outermost first */
	size_t n, cap;	/* used and allocated */
};

static void
tags_scan(struct tagstack *s, const struct fd_oplist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		const struct fd_op *o = &l->ops[i];

		if (o->kind == FD_OP_BEGIN || o->kind == FD_OP_LINK) {
			if (s->n == s->cap) {
				s->cap = s->cap ? s->cap * 2 : 8;
				s->v = fd_xreallocarray(s->v, s->cap,
							sizeof *s->v);
			}
			s->v[s->n++] = o->kind == FD_OP_LINK ? "Link" : o->tag;
		} else if (o->kind == FD_OP_END && s->n > 0) {
			s->n--;
		}
	}
}

static void
item_rules(const struct item *it, struct fd_oplist *out, double top,
	   double gap, double h)
{
	size_t r;

	for (r = 0; r < it->nrules; r++) {
		const struct rule *ru = &it->rules[r];
		double e = ru->extend ? gap : 0;
		struct fd_op *o = op_add(out, FD_OP_RECT);

		o->x = ru->x;
		o->y = top - e;
		o->w = ru->w;
		o->h = h + e;
		o->colour = ru->colour;
	}
}

static void
rect(struct fd_oplist *out, double x, double y, double w, double h,
     unsigned colour)
{
	struct fd_op *o = op_add(out, FD_OP_RECT);

	o->x = x;
	o->y = y;
	o->w = w;
	o->h = h;
	o->colour = colour;
}

/* The box of cell k of a placed band. */
static void
cell_box(const struct place *p, const struct cell *c, double top, double *y,
	 double *h)
{
	const struct band *b = p->it->band;
	const struct table *t = b->t;
	int r;

	if (p->from != NULL) {
		*y = top;
		*h = p->h;
		return;
	}
	*y = top;
	for (r = b->row0; r < c->row; r++)
		*y += t->rowh[r];
	*h = 0;
	for (r = c->row; r < c->row + c->rowspan; r++)
		*h += t->rowh[r];
}

/* The tree's row r of a band: the parent of a cell starting in it, or
 * NULL when every cell of the row starts above it. */
static const struct fd_node *
row_node(const struct band *b, int r)
{
	size_t k;

	for (k = b->cell0; k < b->cell0 + b->ncells; k++)
		if (b->t->cells[k].row == r)
			return b->t->cells[k].node->parent;
	return NULL;
}

/* The operations of a placed band or band fragment: fills, rules, then
 * each row's cells, tagged unless it is a repeated head. A cell split
 * across pages closes the tags open at the split and opens them again
 * on the next page. */
static void
band_ops(struct lay *L, const struct place *p, double top,
	 struct fd_oplist *out)
{
	const struct band *b = p->it->band;
	const struct table *t = b->t;
	double pad = L->st->padding, bw = L->st->border;
	size_t k;
	int r, tagged = !p->repeat;

	for (k = b->cell0; k < b->cell0 + b->ncells; k++) {
		const struct cell *c = &t->cells[k];
		double x = t->colx[c->col];
		double w = t->colx[c->col + c->colspan] - x;
		double y, h;

		cell_box(p, c, top, &y, &h);
		/* A borderless table (a list of facts) heads its rows
		 * in bold only. */
		if (c->node->flags & FD_HEADER_CELL && t->borders)
			rect(out, x, y, w, h, L->st->header_fill);
	}
	for (k = b->cell0; t->borders && k < b->cell0 + b->ncells; k++) {
		const struct cell *c = &t->cells[k];
		double x = t->colx[c->col];
		double w = t->colx[c->col + c->colspan] - x;
		double y, h;
		unsigned col = L->st->border_colour;

		cell_box(p, c, top, &y, &h);
		rect(out, x - bw / 2, y - bw / 2, w + bw, bw, col);
		rect(out, x - bw / 2, y + h - bw / 2, w + bw, bw, col);
		rect(out, x - bw / 2, y - bw / 2, bw, h + bw, col);
		rect(out, x + w - bw / 2, y - bw / 2, bw, h + bw, col);
	}
	for (r = b->row0; r < b->row0 + b->nrows; r++) {
		if (tagged) {
			op_tag(out, FD_OP_BEGIN, "TR");
			out->ops[out->n - 1].node = row_node(b, r);
		}
		for (k = b->cell0; k < b->cell0 + b->ncells; k++) {
			const struct cell *c = &t->cells[k];
			const char *tag =
				c->node->flags & FD_HEADER_CELL ? "TH" : "TD";
			struct tagstack s = {0};
			size_t i, from, to;
			double y, h;

			if (c->row != r)
				continue;
			cell_box(p, c, top, &y, &h);
			from = p->from ? (size_t)p->from[k - b->cell0] : 0;
			to = p->to ? (size_t)p->to[k - b->cell0] : c->flow.n;
			if (tagged) {
				op_tag(out, FD_OP_BEGIN, tag);
				out->ops[out->n - 1].node = c->node;
			}
			for (i = 0; i < from; i++)
				tags_scan(&s, &c->flow.items[i].ops);
			for (i = 0; tagged && i < s.n; i++)
				op_tag(out, FD_OP_BEGIN, s.v[i]);
			y += pad;
			for (i = from; i < to; i++) {
				const struct item *it = &c->flow.items[i];
				double g = i > from ? it->gap : 0;

				y += g;
				item_rules(it, out, y, g, it->h);
				op_copy(out, &it->ops, 0, y, !tagged);
				tags_scan(&s, &it->ops);
				y += it->h;
			}
			while (tagged && s.n > 0)
				op_tag(out, FD_OP_END, s.v[--s.n]);
			free(s.v);
			if (tagged)
				op_tag(out, FD_OP_END, tag);
		}
		if (tagged)
			op_tag(out, FD_OP_END, "TR");
	}
}

/* ----------------------------------------------------- pagination */

static struct fd_page *
new_page(struct lay *L)
{
	struct fd_pages *p = L->pages;

	p->pages = fd_xreallocarray(p->pages, p->npages + 1, sizeof *p->pages);
	memset(&p->pages[p->npages], 0, sizeof p->pages[0]);
	return &p->pages[p->npages++];
}

static struct place *
place(struct pager *pg, size_t index, struct item *it, double gap, double h,
      int repeat, size_t item)
{
	struct place *p;

	if (pg->n == pg->cap) {
		pg->cap = pg->cap ? pg->cap * 2 : 64;
		pg->pl = fd_xreallocarray(pg->pl, pg->cap, sizeof *pg->pl);
	}
	p = &pg->pl[pg->n++];
	memset(p, 0, sizeof *p);
	p->index = index;
	p->item = item;
	p->it = it;
	p->y = pg->y + gap;
	p->gap = gap;
	p->h = h;
	p->first = p->last = 1;
	p->repeat = repeat;
	pg->y += gap + h;
	if (!repeat) {
		if (pg->real == 0)
			pg->first = index;
		pg->real++;
	}
	return p;
}

static void
unplace_last(struct pager *pg)
{
	struct place *p = &pg->pl[--pg->n];

	free(p->from);
	free(p->to);
	if (!p->repeat)
		pg->real--;
}

/* Joins the Spans of one block on a page: "END Span, BEGIN Span" between
 * glyphs of the same layout goes, across lines too, so a paragraph is one
 * Span a page. Fewer structure elements make a smaller file that Cairo
 * writes faster, and read the same: the space a line breaks at is a glyph of its own
 * (paint.c), not an ActualText sequence at which poppler would stop
 * reading the Span's text. */
static void
join_spans(struct fd_oplist *l)
{
	const struct fd_op *last = NULL;
	size_t i, o = 0;

	for (i = 0; i < l->n; i++) {
		struct fd_op *op = &l->ops[i];

		if (op->kind == FD_OP_GLYPHS)
			last = op;
		if (op->kind == FD_OP_END && op->level == 1 && i + 2 < l->n &&
		    last != NULL && strcmp(op->tag, "Span") == 0 &&
		    l->ops[i + 1].kind == FD_OP_BEGIN &&
		    strcmp(l->ops[i + 1].tag, "Span") == 0 &&
		    l->ops[i + 2].kind == FD_OP_GLYPHS &&
		    l->ops[i + 2].layout == last->layout) {
			i++;
			continue;
		}
		l->ops[o++] = *op;
	}
	l->n = o;
}

/* Finishes the page being filled: its places become operations; more
 * says that another page follows (what is left to place goes there). */
static void
commit(struct lay *L, struct pager *pg, int more)
{
	struct fd_page *page = new_page(L);
	size_t i;

	page->more = more;
	for (i = 0; i < pg->n; i++) {
		struct place *p = &pg->pl[i];
		struct item *it = p->it;
		double top = L->top + p->y;

		item_rules(it, &page->body, top, p->first ? p->gap : 0, p->h);
		if (!p->repeat && p->first)
			op_copy(&page->body, &it->ops, 0, top, 0);
		if (it->band)
			band_ops(L, p, top, &page->body);
		if (!p->repeat && p->last)
			op_copy(&page->body, &it->post, 0, top, 0);
		if (it->band && it->band->head && !p->repeat && p->last)
			it->band->t->head_done = 1;
		free(p->from);
		free(p->to);
	}
	join_spans(&page->body);
	pg->n = 0;
	pg->real = 0;
	pg->y = 0;
	pg->first = 0;
	furnish_page(L, L->pages->npages - 1);
	if (L->cb != NULL && !L->stopped &&
	    L->cb(L->cb_arg, L->pages, 0) != 0)
		L->stopped = 1;
}

/* Frees a table whose last band is on a finished page: its cells' text
 * too, and its head rows will not be repeated. */
static void
free_table(struct lay *L, struct table *t)
{
	size_t i;

	for (i = 0; i < L->ntables; i++)
		if (L->tables[i] == t) {
			L->tables[i] = NULL;
			table_free(t);
			return;
		}
}

/* Frees the operations of the items before `to` that no page will draw
 * again: every item but a table's head rows, repeated on later pages
 * until the table ends. */
static void
free_placed(struct lay *L, struct pager *pg, struct flow *f, size_t to)
{
	for (; pg->freed < to; pg->freed++) {
		struct item *it = &f->items[pg->freed];

		if (it->band != NULL && it->band->t->flow == f &&
		    it->band->t->last_item == pg->freed &&
		    !it->band->head) {
			struct table *t = it->band->t;
			size_t k;

			/* Its head rows were kept for repeating. */
			for (k = 0; k < t->nhead; k++) {
				oplist_free(&f->items[t->head_item + k].ops);
				oplist_free(&f->items[t->head_item + k].post);
				f->items[t->head_item + k].band = NULL;
			}
			it->band = NULL;
			free_table(L, t);
		} else if (it->band != NULL && it->band->head) {
			continue;
		}
		oplist_free(&it->ops);
		oplist_free(&it->post);
		free(it->rules);
		it->rules = NULL;
		it->nrules = 0;
	}
}

/* A fragment of a one-row band from each cell's item from[k] that fits
 * in avail: to[k] set, the fragment's height returned, or -1 when no
 * cell can show a line (force: show one anyway). */
static double
band_fit(struct lay *L, const struct band *b, const int *from, int *to,
	 double avail, int force)
{
	double pad = L->st->padding, hmax = 0;
	int progress = 0;
	size_t k;

	for (k = 0; k < b->ncells; k++) {
		const struct flow *fl = &b->t->cells[b->cell0 + k].flow;
		size_t i = (size_t)from[k], brk = (size_t)from[k];
		double y = 0, h;

		while (i < fl->n) {
			double g = i > (size_t)from[k] ? fl->items[i].gap : 0;

			if (y + g + fl->items[i].h + 2 * pad > avail + EPS)
				break;
			y += g + fl->items[i].h;
			i++;
			if (i == fl->n || !fl->items[i].glue)
				brk = i;
		}
		/* Where widows and orphans allow, else at any line. */
		if (i < fl->n && brk > (size_t)from[k])
			i = brk;
		if (i == (size_t)from[k] && i < fl->n && force)
			i++;
		to[k] = (int)i;
		if (i > (size_t)from[k])
			progress = 1;
		h = stack_height(fl, (size_t)from[k], i) + 2 * pad;
		if (h > hmax)
			hmax = h;
	}
	return progress ? hmax : -1;
}

static int
band_done(const struct band *b, const int *to)
{
	size_t k;

	for (k = 0; k < b->ncells; k++)
		if ((size_t)to[k] < b->t->cells[b->cell0 + k].flow.n)
			return 0;
	return 1;
}

/* Places a one-row band too tall for a page, a fragment at a time.
 * Returns 1 when the band is finished, 0 when it goes on (*cont holds
 * where), and commits the page whenever it is full. */
static int
place_split(struct lay *L, struct pager *pg, struct flow *f, size_t i,
	    double gap, int **cont)
{
	struct item *it = &f->items[i];
	const struct band *b = it->band;
	double avail = L->body_h - pg->y - gap;
	double minfrag = 2 * L->st->padding + 2 * b->t->font.pitch;
	int *from, *to;
	struct place *p;
	double fh;

	if (pg->real > 0 && avail < minfrag) {
		commit(L, pg, 1);
		return 0;
	}
	from = *cont ? *cont : fd_xcalloc(b->ncells + 1, sizeof *from);
	to = fd_xcalloc(b->ncells + 1, sizeof *to);
	fh = band_fit(L, b, from, to, avail, pg->real == 0);
	if (fh < 0) {
		if (*cont == NULL)
			free(from);
		free(to);
		commit(L, pg, 1);
		return 0;
	}
	p = place(pg, i, it, gap, fh, 0, i);
	p->from = from;
	p->to = to;
	p->first = *cont == NULL;
	p->last = band_done(b, to);
	if (p->last) {
		*cont = NULL;
		return 1;
	}
	*cont = fd_xreallocarray(NULL, b->ncells + 1, sizeof **cont);
	memcpy(*cont, to, (b->ncells + 1) * sizeof **cont);
	commit(L, pg, 1);
	return 0;
}

void
pager_free(struct lay *L)
{
	if (L->pager == NULL)
		return;
	/* A layout stopped by an error leaves a page being filled. */
	while (L->pager->n > 0)
		unplace_last(L->pager);
	free(L->pager->pl);
	free(L->pager->cont);
	free(L->pager);
	L->pager = NULL;
}

void
paginate(struct lay *L, struct flow *f, int final)
{
	struct pager *pg;
	double H = L->body_h;
	size_t i;

	if (L->pager == NULL)
		L->pager = fd_xcalloc(1, sizeof *L->pager);
	pg = L->pager;
	/* The flow may have moved since the last call. */
	for (i = 0; i < pg->n; i++)
		pg->pl[i].it = &f->items[pg->pl[i].item];
	i = pg->next;
	while (i < f->n && !L->stopped) {
		struct item *it = &f->items[i];
		struct band *b = it->band;
		double gap;

		if (it->force && pg->real > 0 && pg->cont == NULL) {
			commit(L, pg, 1);
			continue;
		}
		/* A table going on from an earlier page: its head again. */
		if (pg->n == 0 && b && !b->head && b->t->head_h > 0 &&
		    b->t->head_done) {
			size_t k;

			for (k = 0; k < b->t->nhead; k++) {
				struct item *h = &f->items[b->t->head_item + k];

				place(pg, (size_t)-1, h, 0, h->h, 1,
				      b->t->head_item + k);
			}
		}
		gap = pg->real > 0 ? it->gap : 0;
		if (b && b->nrows == 1 &&
		    (pg->cont || b->h > H - (b->head ? 0 : b->t->head_h) + EPS)) {
			if (place_split(L, pg, f, i, gap, &pg->cont))
				i++;
			continue;
		}
		if (pg->y + gap + it->h <= H + EPS) {
			place(pg, i, it, gap, it->h, 0, i);
			i++;
			continue;
		}
		if (pg->real > 0) {
			size_t bi = i;

			/* Break before the last item that allows it. */
			while (bi > pg->first && f->items[bi].glue)
				bi--;
			if (bi > pg->first) {
				while (pg->n > 0 && !pg->pl[pg->n - 1].repeat &&
				       pg->pl[pg->n - 1].index >= bi)
					unplace_last(pg);
				i = bi;
			}
			commit(L, pg, 1);
			continue;
		}
		/* Taller than a page and not a table row: only an absurd
		 * style can get here; it is drawn and clipped by the page. */
		place(pg, i, it, gap, it->h, 0, i);
		i++;
	}
	pg->next = i;
	if (final && !L->stopped && (pg->n > 0 || L->pages->npages == 0))
		commit(L, pg, 0);
	/* What is placed on committed pages is drawn: the page being
	 * filled starts at its first item, or at the next. */
	free_placed(L, pg, f, pg->real > 0 ? pg->first : pg->next);
}
