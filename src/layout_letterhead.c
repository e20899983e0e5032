/*
 * layout_letterhead.c: a letter's letterhead (docs/document-tree.md), as
 * published letters have it: a row of the inspectorates' marks at the top
 * of the first page, each its logo (a Figure whose alternate text is the
 * inspectorate's name) or, without one, its name in bold; under them at
 * the right the sender's address and contact lines, small, a paragraph
 * each. The whole is kept together, before the date.
 */
#include "layout_int.h"

#include <stdlib.h>

#include "image.h"

/* One mark measured: its logo's box, or its name set in text. */
struct mark {
	const struct fd_node *node; /* FD_NODE_MARK */
	struct text *name;	    /* the name, when there is no logo */
	double w, h;		    /* its size on the page */
};

static void
measure(struct lay *L, struct mark *m, double width)
{
	const struct fd_style *st = L->st;
	double iw, ih;

	if (m->node->image != NULL) {
		fd_image_size(m->node->image, &iw, &ih);
		m->h = st->lh_mark_height;
		m->w = m->h * iw / ih;
		if (m->w > width) {
			m->w = width;
			m->h = width * ih / iw;
		}
	} else {
		/* A name in text stands for the logo: as large as the second
		 * heading, or smaller if the marks are lower than that. */
		double size = st->h[1].size;
		struct font f;
		PangoRectangle log;

		if (size > st->lh_mark_height * 0.6)
			size = st->lh_mark_height * 0.6;
		f.family = st->family;
		f.size = size;
		f.bold = 1;
		f.pitch = size * st->h[1].line_height;
		f.colour = st->colour;
		m->name = text_new(L, m->node->runs, m->node->nruns, NULL, &f,
				   width, m->node);
		pango_layout_get_extents(m->name->layout, NULL, &log);
		m->w = PU(log.width);
		m->h = m->name->nlines * m->name->pitch;
	}
}

/* The marks [from, to) as one item of height h, each centred on it. */
static void
row_ops(struct lay *L, struct item *it, struct mark *ms, size_t from,
	size_t to, double x, double h)
{
	size_t k;

	for (k = from; k < to; k++) {
		struct mark *m = &ms[k];
		double top = (h - m->h) / 2;
		struct fd_op *o;
		int li;

		if (m->name == NULL) {
			op_tag(&it->ops, FD_OP_BEGIN, "Figure");
			it->ops.ops[it->ops.n - 1].label =
				pool_string(L, fd_node_text(m->node));
			o = op_add(&it->ops, FD_OP_IMAGE);
			o->image = m->node->image;
			o->x = x;
			o->y = top;
			o->w = m->w;
			o->h = m->h;
			op_tag(&it->ops, FD_OP_END, "Figure");
		} else {
			op_tag(&it->ops, FD_OP_BEGIN, "P");
			for (li = 0; li < m->name->nlines; li++)
				line_ops(L, &it->ops, m->name, li, x,
					 top + m->name->base +
						 li * m->name->pitch,
					 1);
			op_tag(&it->ops, FD_OP_END, "P");
		}
		x += m->w + L->st->lh_mark_space;
	}
}

static void
emit_marks(struct lay *L, struct flow *f, const struct fd_node *n, double x,
	   double w)
{
	struct mark *ms = fd_xcalloc(n->nkids + 1, sizeof *ms);
	size_t nm = 0, k, from;
	double gap = L->st->lh_mark_space;

	for (k = 0; k < n->nkids; k++)
		if (n->kids[k]->kind == FD_NODE_MARK) {
			ms[nm].node = n->kids[k];
			measure(L, &ms[nm++], w);
		}
	/* As many marks a row as fit the measure. */
	for (from = 0; from < nm;) {
		double used = ms[from].w, h = ms[from].h;
		size_t to = from + 1;
		struct item *it;

		while (to < nm && used + gap + ms[to].w <= w + EPS) {
			used += gap + ms[to].w;
			if (ms[to].h > h)
				h = ms[to].h;
			to++;
		}
		if (from > 0)
			f->pending = gap / 2;
		it = flow_add(f, h);
		row_ops(L, it, ms, from, to, x, h);
		from = to;
	}
	for (k = 0; k < nm; k++)
		text_free(ms[k].name);
	free(ms);
}

void
emit_letterhead(struct lay *L, struct flow *f, const struct fd_node *n,
		double x, double w)
{
	const struct fd_style *st = L->st;
	struct font lf = {st->family, st->lh_size, 0,
			  st->lh_size * st->line_height, st->lh_colour};
	struct text **lines = fd_xcalloc(n->nkids + 1, sizeof *lines);
	size_t first = f->n, k, nl = 0;
	double widest = 0;

	block_begin(f, 0);
	emit_marks(L, f, n, x, w);
	for (k = 0; k < n->nkids; k++) {
		const struct fd_node *ln = n->kids[k];
		PangoRectangle log;

		if (ln->kind != FD_NODE_LINE || ln->nruns == 0)
			continue;
		lines[nl] = text_new(L, ln->runs, ln->nruns, NULL, &lf, w, ln);
		pango_layout_get_extents(lines[nl]->layout, NULL, &log);
		if (PU(log.width) > widest)
			widest = PU(log.width);
		nl++;
	}
	/* The lines flush with the right margin, left aligned between
	 * themselves, as the address of a letterhead is. */
	if (widest > w)
		widest = w;
	if (f->n > first)
		f->pending = st->lh_size;
	for (k = 0; k < nl; k++) {
		emit_text(L, f, lines[k], x + w - widest, "P", NULL, 0, 1);
		text_free(lines[k]);
		f->pending = 0;
	}
	free(lines);
	block_end(f, first, FD_KEEP_TOGETHER, st->lh_space_after);
}
