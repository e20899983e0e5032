/*
 * layout_furniture.c: what every page carries besides its text, laid out
 * once: the watermark, the security marking at top and bottom, the
 * notice, the footer and the page number.
 */
#include "layout_int.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

/* What every page carries, laid out once. */
struct furniture {
	struct text *marking;	/* the security marking, or NULL */
	struct text *notice;	/* the notice line, or NULL */
	struct text *footer;	/* the footer line, or NULL */
	PangoLayout *watermark; /* the watermark, or NULL */
	double wm_w, wm_h;	/* its size */
};

static struct text *
one_line(struct lay *L, const char *s, const struct font *f, double width)
{
	struct fd_run run = {(char *)s, 0, NULL};
	struct text *t = text_new(L, &run, 1, NULL, f, width, NULL);

	pango_layout_set_ellipsize(t->layout, PANGO_ELLIPSIZE_END);
	t->nlines = pango_layout_get_line_count(t->layout);
	return t;
}

/* Makes the Cairo font of each of layout's runs now, in the layout's
 * thread: the painting thread draws the watermark on every page and only
 * reads them (paint.c). */
static void
scaled_fonts(PangoLayout *layout)
{
	GSList *line, *r;

	for (line = pango_layout_get_lines_readonly(layout); line != NULL;
	     line = line->next)
		for (r = ((PangoLayoutLine *)line->data)->runs; r != NULL;
		     r = r->next) {
			PangoFont *f =
				((PangoGlyphItem *)r->data)->item->analysis.font;

			if (PANGO_IS_CAIRO_FONT(f))
				pango_cairo_font_get_scaled_font(
					PANGO_CAIRO_FONT(f));
		}
}

static void
furniture_new(struct lay *L, struct furniture *F)
{
	const struct fd_style *st = L->st;
	struct font mf = {st->family, st->marking_size, 1, st->marking_size,
			  st->marking_colour};
	struct font nf = {st->family, st->marking_size, 0, st->marking_size,
			  st->marking_colour};
	struct font ff = {st->family, st->footer_size, 0, st->footer_size,
			  st->footer_colour};

	memset(F, 0, sizeof *F);
	if (L->doc->marking)
		F->marking = one_line(L, L->doc->marking, &mf, L->text_w / 2);
	if (L->doc->notice)
		F->notice = one_line(L, L->doc->notice, &nf, L->text_w);
	if (L->doc->footer)
		F->footer = one_line(L, L->doc->footer, &ff, L->text_w / 3);
	if (L->doc->watermark) {
		double diag = hypot(st->page_w, st->page_h), size =
			st->watermark_size;
		PangoFontDescription *fd;
		PangoRectangle log;
		int tries;

		PangoContext *own = fonts_context(L);

		/* Drawn as outlines in the painting thread, which makes
		 * Pango look at the layout's context again: one of its own,
		 * which the layout's thread does not touch. */
		F->watermark = pango_layout_new(own);
		g_object_unref(own);
		pango_layout_set_text(F->watermark, L->doc->watermark, -1);
		/* Smaller until it fits along the diagonal. */
		for (tries = 0; tries < 8; tries++) {
			fd = font_desc(st->family, size, 1);
			pango_layout_set_font_description(F->watermark, fd);
			pango_font_description_free(fd);
			pango_layout_get_extents(F->watermark, NULL, &log);
			F->wm_w = PU(log.width);
			F->wm_h = PU(log.height);
			if (F->wm_w <= diag * 0.7 || size < 8)
				break;
			size *= diag * 0.7 / F->wm_w;
		}
		scaled_fonts(F->watermark);
	}
}

static void
furniture_free(struct furniture *F)
{
	text_free(F->marking);
	text_free(F->notice);
	text_free(F->footer);
	if (F->watermark != NULL)
		g_object_unref(F->watermark);
}

/* The first line of t, centred or from x, at baseline y; untagged (an
 * artifact, finish.c) unless tagged, then a paragraph of its own. */
static void
furniture_line(struct lay *L, struct fd_oplist *out, const struct text *t,
	       double x, double y, int centre, int tagged)
{
	if (t == NULL || t->nlines == 0)
		return;
	if (centre)
		x = (L->st->page_w - text_width(t)) / 2;
	if (tagged)
		op_tag(out, FD_OP_BEGIN, "P");
	line_ops(L, out, t, 0, x, y, tagged);
	if (tagged)
		op_tag(out, FD_OP_END, "P");
}

/* The furniture of page no (from 1), but its number. */
static void
furnish(struct lay *L, const struct furniture *F, struct fd_page *pg,
	size_t no)
{
	const struct fd_style *st = L->st;
	double top_base = st->top * 0.45 + st->marking_size * 0.35;
	double foot_base =
		st->page_h - st->bottom * 0.45 + st->footer_size * 0.35;

	/* The first page says what the document is, in text a screen
	 * reader reads: the watermark (outlines) is a Span whose
	 * /ActualText is its word, the marking and notice at its top are
	 * paragraphs. Everywhere else they are artifacts. */
	if (F->watermark && no == 1) {
		op_tag(&pg->furniture, FD_OP_BEGIN, "P");
		op_tag(&pg->furniture, FD_OP_BEGIN, "Span");
		pg->furniture.ops[pg->furniture.n - 1].label =
			L->doc->watermark;
	}
	if (F->watermark) {
		struct fd_op *o = op_add(&pg->furniture, FD_OP_WATERMARK);

		o->layout = g_object_ref(F->watermark);
		o->x = st->page_w / 2;
		o->y = st->page_h / 2;
		o->w = F->wm_w;
		o->h = F->wm_h;
		o->angle = -atan2(st->page_h, st->page_w);
		o->colour = st->watermark_colour;
	}
	if (F->watermark && no == 1) {
		op_tag(&pg->furniture, FD_OP_END, "Span");
		op_tag(&pg->furniture, FD_OP_END, "P");
	}
	furniture_line(L, &pg->furniture, F->marking, 0, top_base, 1, no == 1);
	furniture_line(L, &pg->furniture, F->notice, 0,
		       F->marking ? top_base + st->marking_size * 1.5
				  : top_base,
		       1, no == 1);
	furniture_line(L, &pg->furniture, F->marking, 0, foot_base, 1, 0);
	furniture_line(L, &pg->furniture, F->footer, L->left, foot_base, 0, 0);
}

void
furniture_open(struct lay *L)
{
	L->furn = fd_xcalloc(1, sizeof *L->furn);
	furniture_new(L, L->furn);
}

void
furniture_close(struct lay *L)
{
	if (L->furn == NULL)
		return;
	furniture_free(L->furn);
	free(L->furn);
	L->furn = NULL;
}

void
furnish_page(struct lay *L, size_t i)
{
	furnish(L, L->furn, &L->pages->pages[i], i + 1);
}

/* "Page N of M" at the foot of every page, an artifact: the count is
 * known only when the last page is made, so they are an operation list of
 * their own, painted after the pages. */
void
number_pages(struct lay *L)
{
	const struct fd_style *st = L->st;
	struct font ff = {st->family, st->footer_size, 0, st->footer_size,
			  st->footer_colour};
	double foot_base =
		st->page_h - st->bottom * 0.45 + st->footer_size * 0.35;
	size_t i, total = L->pages->npages;

	for (i = 0; i < total; i++) {
		char *s = fd_xasprintf("Page %zu of %zu", i + 1, total);
		struct text *num = one_line(L, s, &ff, L->text_w / 3);

		furniture_line(L, &L->pages->pages[i].numbers, num,
			       st->page_w - st->right - text_width(num),
			       foot_base, 0, 0);
		text_free(num);
		free(s);
	}
}
