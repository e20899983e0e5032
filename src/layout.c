/*
 * layout.c: from the document tree to pages of drawing operations, with
 * Pango for the lines and our own code for everything vertical.
 *
 * Blocks become a flow: a list of items, each an unbreakable strip (one
 * line of a paragraph, one band of table rows) with the space above it,
 * whether a page may break before it (glue: widows and orphans, keeps,
 * headings with what follows), and its operations relative to its top.
 * Pagination fills pages greedily and, when an item does not fit, breaks
 * before the last item on the page that allows it; a run of glued items
 * longer than a page breaks where it must. Table bands taller than a page
 * are the one thing split inside: each cell continues on the next page,
 * line by line, under the repeated header rows.
 *
 * Lines are drawn run by run (pango_cairo_show_glyph_item in paint.c), so
 * that a link's text sits in its own Link tag with the box of its text on
 * that line; the other runs of a line share one Span.
 *
 * Everything is bounded (FD_MAX_LINES, the 64 columns of a table), so a
 * hostile tree costs seconds, not minutes.
 */
#include "layout.h"

#include <fontconfig/fontconfig.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdlib.h>
#include <string.h>

#define EPS 0.001
#define PU(x) ((double)(x) / PANGO_SCALE)

/* What laying out one document carries along. */
struct lay {
	const struct fd_style *st;  /* measures */
	const struct fd_doc *doc;   /* the tree */
	struct fd_diags *d;	    /* errors and warnings */
	struct fd_pages *pages;	    /* the result, and its pools */
	PangoContext *ctx;	    /* 72 dpi, unrounded */
	PangoLanguage *lang;	    /* the document's language */
	double left, top;	    /* the text area's top left on the page */
	double text_w, body_h;	    /* the text area's size */
	struct metrics *metrics;    /* cache of font metrics */
	size_t nmetrics;	    /* entries in metrics */
	struct table **tables;	    /* every table laid out, freed at the end */
	size_t ntables;		    /* entries in tables */
	double size;		    /* text size of the blocks being laid out */
	int bold;		    /* they are bold (header cells) */
	double space;		    /* space after their paragraphs */
	long lines;		    /* lines laid out so far */
	int too_long;		    /* FD_MAX_LINES was passed */
	int errors;		    /* errors reported */
};

/* Vertical measures of one font at one size. */
struct metrics {
	const char *family; /* as in the style */
	double size;	    /* points */
	int bold;	    /* weight */
	double asc, desc;   /* above and below the baseline */
	double ul_pos;	    /* underline's top below the baseline */
	double ul_thick;    /* underline thickness */
	double st_pos;	    /* strikethrough's top above the baseline */
	double st_thick;    /* strikethrough thickness */
};

/* A font: family, size, weight. */
struct font {
	const char *family; /* family name */
	double size;	    /* points */
	int bold;	    /* the whole block is bold */
	double pitch;	    /* line pitch in points */
	unsigned colour;    /* text colour */
};

/* Where a run of the layout's text starts, and what it is. */
struct seg {
	size_t start;	  /* byte offset in the layout's text */
	unsigned flags;	  /* FD_RUN_* */
	const char *href; /* the link, or NULL */
};

/* One text block laid out by Pango. */
struct text {
	PangoLayout *layout; /* held by the pages' pool */
	struct seg *segs;    /* the runs */
	size_t nsegs;	     /* entries in segs */
	int nlines;	     /* lines of the layout */
	double pitch;	     /* line pitch */
	double base;	     /* baseline below a line's top */
	const struct metrics *m; /* the block's font measures */
	unsigned colour;     /* text colour */
	double hang;	     /* lines after the first start this much right */
};

/* A quote's rule beside an item. */
struct rule {
	double x, w;	 /* the rule's left edge and width */
	unsigned colour; /* its colour */
	int extend;	 /* also covers the space above the item */
};

struct band;

/* One unbreakable strip of the flow. */
struct item {
	double h;	       /* height */
	double gap;	       /* space above it; none at a page top */
	unsigned glue : 1;     /* no page break before it */
	unsigned force : 1;    /* a page break before it */
	struct fd_oplist ops;  /* relative to its top (before a band's) */
	struct fd_oplist post; /* after a band's operations */
	struct rule *rules;    /* quote rules beside it */
	size_t nrules;	       /* entries in rules */
	struct band *band;     /* a band of table rows, or NULL */
	double baseline;       /* its first baseline below its top, or -1 */
};

/* A list of items and the state of adding to it. */
struct flow {
	struct item *items; /* in reading order */
	size_t n, cap;	    /* used and allocated */
	double pending;	    /* space owed before the next item */
	int glue_next;	    /* the next item keeps with the one before */
	int force_next;	    /* the next item starts a page */
};

/* One cell of a table. */
struct cell {
	const struct fd_node *node; /* FD_NODE_CELL */
	int row, col;		    /* its first row and column */
	int rowspan, colspan;	    /* rows and columns covered */
	struct flow flow;	    /* its content, at the cell's inner width */
	double need;		    /* content height and padding */
};

/* Rows bound together by row spans: one item of the flow. */
struct band {
	struct table *t;	   /* its table */
	int row0, nrows;	   /* its rows */
	size_t cell0, ncells;	   /* its cells (those starting in its rows) */
	double h;		   /* height */
	int head;		   /* rows of thead */
};

struct table {
	const struct fd_node *node; /* FD_NODE_TABLE */
	int nrows, ncols;	    /* grid size */
	double *colx;		    /* ncols + 1 column edges on the page */
	double *rowh;		    /* height of each row */
	size_t *row_first;	    /* nrows + 1: each row's first cell */
	struct cell *cells;	    /* in row order */
	size_t ncells;		    /* entries in cells */
	struct band *bands;	    /* in row order */
	size_t nbands;		    /* entries in bands */
	size_t nhead;		    /* bands of thead, first */
	size_t head_item;	    /* the flow's item of the first head band */
	double head_h;		    /* height of the head, 0: not repeated */
	int head_done;		    /* the head is on a finished page */
	int borders;		    /* rules are drawn */
	struct font font;	    /* the cells' font */
};

/* An item (or a fragment of a band) placed on the page being filled. */
struct place {
	size_t index;	  /* item index, or (size_t)-1 for a repeated head */
	struct item *it;  /* the item */
	double y;	  /* its top below the text area's top */
	double gap;	  /* the space above it that was kept */
	int *from, *to;	  /* a band fragment: cell items [from, to) */
	int first, last;  /* the item's first and last fragment */
	int repeat;	  /* a repeated head row: drawn untagged */
	double h;	  /* height placed */
};

/* The page being filled. */
struct pager {
	struct place *pl; /* places so far */
	size_t n, cap;	  /* used and allocated */
	size_t first;	  /* index of the first item on the page */
	int real;	  /* places that are not repeated heads */
	double y;	  /* filled height */
};

/* ------------------------------------------------------ op lists */

static struct fd_op *
op_add(struct fd_oplist *l, enum fd_op_kind kind)
{
	struct fd_op *op;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->ops = fd_xreallocarray(l->ops, l->cap, sizeof *l->ops);
	}
	op = &l->ops[l->n++];
	memset(op, 0, sizeof *op);
	op->kind = kind;
	return op;
}

static void
op_tag(struct fd_oplist *l, enum fd_op_kind kind, const char *tag)
{
	op_add(l, kind)->tag = tag;
}

/* Puts src's operations in front of l's. */
static void
op_prepend(struct fd_oplist *l, const struct fd_oplist *src)
{
	size_t n = l->n;

	if (src->n == 0)
		return;
	l->ops = fd_xreallocarray(l->ops, n + src->n, sizeof *l->ops);
	l->cap = n + src->n;
	memmove(l->ops + src->n, l->ops, n * sizeof *l->ops);
	memcpy(l->ops, src->ops, src->n * sizeof *l->ops);
	l->n = n + src->n;
}

/* Copies src to dst moved by dx, dy; tags dropped when untagged. */
static void
op_copy(struct fd_oplist *dst, const struct fd_oplist *src, double dx,
	double dy, int untagged)
{
	size_t i;

	for (i = 0; i < src->n; i++) {
		const struct fd_op *s = &src->ops[i];
		struct fd_op *o;

		if (untagged && (s->kind == FD_OP_BEGIN ||
				 s->kind == FD_OP_END ||
				 s->kind == FD_OP_LINK ||
				 s->kind == FD_OP_BOOKMARK))
			continue;
		o = op_add(dst, s->kind);
		*o = *s;
		o->x += dx;
		o->y += dy;
	}
}

static void
oplist_free(struct fd_oplist *l)
{
	free(l->ops);
	memset(l, 0, sizeof *l);
}

/* Whether a language tag names a language written right to left. */
static int
rtl_language(const char *tag)
{
	static const char *const rtl[] = {"ar", "he", "fa", "ur", "yi",
					   "ps", "sd", "ug", "dv", "ckb"};
	size_t i, n = strcspn(tag, "-_");

	for (i = 0; i < sizeof rtl / sizeof rtl[0]; i++)
		if (strlen(rtl[i]) == n && strncmp(tag, rtl[i], n) == 0)
			return 1;
	return 0;
}

/* ---------------------------------------------------------- pools */

static PangoLayout *
pool_layout(struct lay *L)
{
	struct fd_pages *p = L->pages;
	PangoLayout *layout = pango_layout_new(L->ctx);

	if (p->nlayouts == p->caplayouts) {
		p->caplayouts = p->caplayouts ? p->caplayouts * 2 : 64;
		p->layouts = fd_xreallocarray(p->layouts, p->caplayouts,
					      sizeof *p->layouts);
	}
	p->layouts[p->nlayouts++] = layout;
	return layout;
}

static const char *
pool_string(struct lay *L, char *s)
{
	struct fd_pages *p = L->pages;

	if (p->nstrings == p->capstrings) {
		p->capstrings = p->capstrings ? p->capstrings * 2 : 16;
		p->strings = fd_xreallocarray(p->strings, p->capstrings,
					      sizeof *p->strings);
	}
	p->strings[p->nstrings++] = s;
	return s;
}

/* ---------------------------------------------------------- fonts */

static PangoFontDescription *
font_desc(const char *family, double size, int bold)
{
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family(fd, family);
	pango_font_description_set_size(fd, (gint)lround(size * PANGO_SCALE));
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD
						   : PANGO_WEIGHT_NORMAL);
	return fd;
}

static const struct metrics *
get_metrics(struct lay *L, const char *family, double size, int bold)
{
	PangoFontDescription *fd;
	PangoFontMetrics *fm;
	struct metrics *m;
	size_t i;

	for (i = 0; i < L->nmetrics; i++) {
		m = &L->metrics[i];
		if (m->family == family && m->size == size && m->bold == bold)
			return m;
	}
	L->metrics = fd_xreallocarray(L->metrics, L->nmetrics + 1,
				      sizeof *L->metrics);
	m = &L->metrics[L->nmetrics++];
	fd = font_desc(family, size, bold);
	fm = pango_context_get_metrics(L->ctx, fd, L->lang);
	m->family = family;
	m->size = size;
	m->bold = bold;
	m->asc = PU(pango_font_metrics_get_ascent(fm));
	m->desc = PU(pango_font_metrics_get_descent(fm));
	m->ul_pos = -PU(pango_font_metrics_get_underline_position(fm));
	m->ul_thick = PU(pango_font_metrics_get_underline_thickness(fm));
	if (m->ul_thick <= 0)
		m->ul_thick = size / 16;
	m->st_pos = PU(pango_font_metrics_get_strikethrough_position(fm));
	m->st_thick =
		PU(pango_font_metrics_get_strikethrough_thickness(fm));
	if (m->st_thick <= 0)
		m->st_thick = m->ul_thick;
	pango_font_metrics_unref(fm);
	pango_font_description_free(fd);
	return m;
}

static struct font
body_font(const struct lay *L)
{
	struct font f = {L->st->family, L->size, L->bold,
			 L->size * L->st->line_height, L->st->colour};

	return f;
}

/* Checks that the style's families resolve to themselves, not to some
 * fallback: a missing font would silently change every measure. */
static int
check_family(struct lay *L, const char *family)
{
	PangoFontDescription *fd = font_desc(family, 12, 0);
	PangoFont *font = pango_font_map_load_font(L->pages->fontmap, L->ctx,
						   fd);
	int ok = 0;

	if (font != NULL) {
		PangoFontDescription *got = pango_font_describe(font);
		const char *name = pango_font_description_get_family(got);

		ok = name != NULL && strcasecmp(name, family) == 0;
		pango_font_description_free(got);
		g_object_unref(font);
	}
	pango_font_description_free(fd);
	if (!ok) {
		fd_diag(L->d, FD_IOERR, L->st->fonts_conf, 0, 0,
			"the font family '%s' is not among the fonts this "
			"file lists",
			family);
		L->errors++;
	}
	return ok;
}

/*
 * The fontconfig configuration of the last style used, kept for the life
 * of the process. Pango 1.50 never releases the reference its font map
 * takes on it, so a new configuration for each document would leak one
 * each time (a batch build, the fuzzer); one kept here is only counted
 * again. It is also fontconfig's current configuration: Pango's font map
 * otherwise runs FcInit() on the machine's configuration in a thread and
 * waits for it, which is slow and leaks.
 */
static FcConfig *fonts_config;
static char *fonts_config_path;

/* The private font map: only the fonts of the style's fonts.conf. */
static int
open_fonts(struct lay *L)
{
	const char *path = L->st->fonts_conf;
	cairo_font_options_t *fo;

	if (fonts_config == NULL || strcmp(fonts_config_path, path) != 0) {
		FcConfig *cfg = FcConfigCreate();

		if (cfg == NULL ||
		    !FcConfigParseAndLoad(cfg, (const FcChar8 *)path, FcTrue) ||
		    !FcConfigBuildFonts(cfg) || !FcConfigSetCurrent(cfg)) {
			fd_diag(L->d, FD_IOERR, path, 0, 0,
				"cannot load this fontconfig file");
			if (cfg)
				FcConfigDestroy(cfg);
			L->errors++;
			return -1;
		}
		/* The current configuration holds it from now on. */
		FcConfigDestroy(cfg);
		fonts_config = cfg;
		free(fonts_config_path);
		fonts_config_path = fd_xstrdup(path);
	}
	L->pages->fontmap =
		pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(L->pages->fontmap),
				     fonts_config);
	L->ctx = L->pages->context =
		pango_font_map_create_context(L->pages->fontmap);
	pango_cairo_context_set_resolution(L->ctx, 72);
	pango_context_set_round_glyph_positions(L->ctx, FALSE);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(L->ctx, fo);
	cairo_font_options_destroy(fo);
	L->lang = pango_language_from_string(L->doc->lang);
	pango_context_set_language(L->ctx, L->lang);
	/* The document's direction, for the lines that take it rather than
	 * their first letter's (the addressees). */
	pango_context_set_base_dir(L->ctx, rtl_language(L->doc->lang)
						   ? PANGO_DIRECTION_RTL
						   : PANGO_DIRECTION_LTR);
	if (!check_family(L, L->st->family) || !check_family(L, L->st->mono))
		return -1;
	return 0;
}

/* ----------------------------------------------------------- text */

/* Counts n more lines of the document; past FD_MAX_LINES reports an error
 * at where (once) and returns -1, and nothing more is laid out. */
static int
count_lines(struct lay *L, long n, const struct fd_node *where)
{
	L->lines += n;
	if (L->lines <= FD_MAX_LINES)
		return 0;
	if (!L->too_long) {
		fd_diag(L->d, FD_ERROR, where->file, where->line, where->col,
			"the document is too long: more than %d lines and "
			"table cells (about five hundred pages) by here",
			FD_MAX_LINES);
		L->too_long = 1;
		L->errors++;
	}
	return -1;
}

/* Lays out runs (after an optional prefix in the block's own font) at
 * width. where locates a warning about glyphs no font has. */
static struct text *
text_new(struct lay *L, const struct fd_run *runs, size_t nruns,
	 const char *prefix, const struct font *f, double width,
	 const struct fd_node *where)
{
	struct text *t = fd_xcalloc(1, sizeof *t);
	struct fd_buf b = {0};
	PangoAttrList *attrs = pango_attr_list_new();
	PangoFontDescription *fd;
	PangoAttribute *a;
	size_t i;
	int unknown;

	t->segs = fd_xreallocarray(NULL, nruns + 1, sizeof *t->segs);
	if (prefix) {
		t->segs[t->nsegs].start = 0;
		t->segs[t->nsegs].flags = 0;
		t->segs[t->nsegs++].href = NULL;
		fd_buf_adds(&b, prefix);
	}
	for (i = 0; i < nruns; i++) {
		const char *s = runs[i].text;
		size_t start = b.len;

		t->segs[t->nsegs].start = start;
		t->segs[t->nsegs].flags = runs[i].flags;
		t->segs[t->nsegs].href = runs[i].href;
		/* A forced break: U+2028 breaks the line, not the paragraph. */
		for (; *s; s++) {
			if (*s == '\n')
				fd_buf_adds(&b, "\xe2\x80\xa8");
			else
				fd_buf_addc(&b, *s);
		}
		if (runs[i].flags & FD_RUN_BOLD) {
			a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
			a->start_index = (guint)start;
			a->end_index = (guint)b.len;
			pango_attr_list_insert(attrs, a);
		}
		if (runs[i].flags & FD_RUN_ITALIC) {
			a = pango_attr_style_new(PANGO_STYLE_ITALIC);
			a->start_index = (guint)start;
			a->end_index = (guint)b.len;
			pango_attr_list_insert(attrs, a);
		}
		if (runs[i].flags & FD_RUN_MONO) {
			a = pango_attr_family_new(L->st->mono);
			a->start_index = (guint)start;
			a->end_index = (guint)b.len;
			pango_attr_list_insert(attrs, a);
		}
		/* An attribute that differs from run to run makes Pango
		 * split its glyph runs where ours change (links next to
		 * each other); its colour is never drawn. */
		a = pango_attr_foreground_new((guint16)(t->nsegs & 1), 0, 0);
		a->start_index = (guint)start;
		a->end_index = (guint)b.len;
		pango_attr_list_insert(attrs, a);
		t->nsegs++;
	}
	/* Breaking inside a word that does not fit is not hyphenation. */
	a = pango_attr_insert_hyphens_new(FALSE);
	pango_attr_list_insert(attrs, a);

	t->layout = pool_layout(L);
	fd = font_desc(f->family, f->size, f->bold);
	pango_layout_set_font_description(t->layout, fd);
	pango_font_description_free(fd);
	if (width < 1)
		width = 1;
	pango_layout_set_width(t->layout, (int)lround(width * PANGO_SCALE));
	pango_layout_set_wrap(t->layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(t->layout, b.data ? b.data : "", (int)b.len);
	pango_layout_set_attributes(t->layout, attrs);
	pango_attr_list_unref(attrs);
	fd_buf_free(&b);

	t->nlines = pango_layout_get_line_count(t->layout);
	if (where != NULL)
		count_lines(L, t->nlines, where);
	t->m = get_metrics(L, f->family, f->size, f->bold);
	t->pitch = f->pitch;
	t->base = (t->pitch - (t->m->asc + t->m->desc)) / 2 + t->m->asc;
	t->colour = f->colour;
	unknown = pango_layout_get_unknown_glyphs_count(t->layout);
	if (unknown > 0 && where != NULL)
		fd_diag(L->d, FD_WARNING, where->file, where->line, where->col,
			"%d character%s in this block %s no glyph in the "
			"style's fonts and print%s as a box",
			unknown, unknown == 1 ? "" : "s",
			unknown == 1 ? "has" : "have", unknown == 1 ? "s" : "");
	return t;
}

static void
text_free(struct text *t)
{
	if (t == NULL)
		return;
	free(t->segs);
	free(t);
}

static const struct seg *
seg_at(const struct text *t, size_t offset)
{
	size_t lo = 0, hi = t->nsegs;

	/* The last segment starting at or before offset. */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->segs[mid].start <= offset)
			lo = mid;
		else
			hi = mid;
	}
	return &t->segs[lo];
}

static double
line_width(PangoLayoutLine *line)
{
	PangoRectangle log;

	pango_layout_line_get_extents(line, NULL, &log);
	return PU(log.width);
}

/* True for a run holding only forced breaks (U+2028): nothing to draw. */
static int
is_separator(const struct text *t, const PangoGlyphItem *gi)
{
	const char *p = pango_layout_get_text(t->layout) + gi->item->offset;
	int i;

	for (i = 0; i + 2 < gi->item->length; i += 3)
		if (memcmp(p + i, "\xe2\x80\xa8", 3) != 0)
			return 0;
	return gi->item->length > 0 && gi->item->length % 3 == 0;
}

/* The whole text of the link that segment s belongs to (all its
 * segments, on every line), for the annotation's /Contents. */
static const char *
link_label(struct lay *L, const struct text *t, const struct seg *s)
{
	const char *all = pango_layout_get_text(t->layout);
	size_t a = (size_t)(s - t->segs), b = a + 1, end;

	while (a > 0 && t->segs[a - 1].href != NULL &&
	       strcmp(t->segs[a - 1].href, s->href) == 0)
		a--;
	while (b < t->nsegs && t->segs[b].href != NULL &&
	       strcmp(t->segs[b].href, s->href) == 0)
		b++;
	end = b < t->nsegs ? t->segs[b].start : strlen(all);
	return pool_string(L, fd_xstrndup(all + t->segs[a].start,
					  end - t->segs[a].start));
}

/* The operations drawing line li of t with its left edge at x and its
 * baseline at base: each run in a Span, links in Link tags with the box
 * of their text on this line, underlined when the style says so; del
 * struck through and ins underlined, in the style's colours. */
static void
line_ops(struct lay *L, struct fd_oplist *ops, const struct text *t, int li,
	 double x, double base, int tagged)
{
	PangoLayoutLine *line = pango_layout_get_line_readonly(t->layout, li);
	PangoRectangle log;
	GSList *r;
	const char *open_href = NULL;

	pango_layout_line_get_extents(line, NULL, &log);
	x += PU(log.x);
	for (r = line->runs; r; r = r->next) {
		PangoGlyphItem *gi = r->data;
		const struct seg *s = seg_at(t, (size_t)gi->item->offset);
		double w = PU(pango_glyph_string_get_width(gi->glyphs));
		struct fd_op *o;

		if (tagged && open_href && open_href != s->href) {
			op_tag(ops, FD_OP_END, "Link");
			open_href = NULL;
		}
		if (gi->glyphs->num_glyphs == 0 || is_separator(t, gi))
			continue;
		if (tagged && s->href && open_href == NULL) {
			double lw = 0;
			GSList *q;

			/* The link's box: its runs on this line. */
			for (q = r; q; q = q->next) {
				PangoGlyphItem *g2 = q->data;

				if (seg_at(t, (size_t)g2->item->offset)->href !=
				    s->href)
					break;
				lw += PU(pango_glyph_string_get_width(
					g2->glyphs));
			}
			o = op_add(ops, FD_OP_LINK);
			o->text = s->href;
			o->label = link_label(L, t, s);
			o->x = x;
			o->y = base - t->m->asc;
			o->w = lw;
			o->h = t->m->asc + t->m->desc;
			open_href = s->href;
		}
		if (tagged)
			op_tag(ops, FD_OP_BEGIN, "Span");
		o = op_add(ops, FD_OP_GLYPHS);
		o->layout = t->layout;
		o->run = gi;
		o->x = x;
		o->y = base;
		o->colour = s->href ? L->st->link_colour : t->colour;
		if (s->flags & (FD_RUN_DEL | FD_RUN_INS))
			o->colour = s->flags & FD_RUN_DEL ? L->st->del_colour
							  : L->st->ins_colour;
		if (s->href && L->st->link_underline) {
			o = op_add(ops, FD_OP_RECT);
			o->x = x;
			o->y = base + t->m->ul_pos;
			o->w = w;
			o->h = t->m->ul_thick;
			o->colour = L->st->link_colour;
		}
		/* Colour is not the only sign of a change: taken out is
		 * struck through, put in is underlined. */
		if (s->flags & FD_RUN_DEL) {
			o = op_add(ops, FD_OP_RECT);
			o->x = x;
			o->y = base - t->m->st_pos;
			o->w = w;
			o->h = t->m->st_thick;
			o->colour = L->st->del_colour;
		} else if (s->flags & FD_RUN_INS) {
			o = op_add(ops, FD_OP_RECT);
			o->x = x;
			o->y = base + t->m->ul_pos;
			o->w = w;
			o->h = t->m->ul_thick;
			o->colour = L->st->ins_colour;
		}
		if (tagged) {
			op_tag(ops, FD_OP_END, "Span");
			ops->ops[ops->n - 1].level = 1;
		}
		x += w;
	}
	if (open_href)
		op_tag(ops, FD_OP_END, "Link");
}

/* ----------------------------------------------------------- flow */

static struct item *
flow_add(struct flow *f, double h)
{
	struct item *it;

	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 32;
		f->items = fd_xreallocarray(f->items, f->cap, sizeof *f->items);
	}
	it = &f->items[f->n++];
	memset(it, 0, sizeof *it);
	it->h = h;
	it->gap = f->pending;
	it->glue = f->glue_next ? 1 : 0;
	it->force = f->force_next ? 1 : 0;
	it->baseline = -1;
	f->pending = 0;
	f->glue_next = 0;
	f->force_next = 0;
	return it;
}

static void
flow_free(struct flow *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		oplist_free(&f->items[i].ops);
		oplist_free(&f->items[i].post);
		free(f->items[i].rules);
	}
	free(f->items);
	memset(f, 0, sizeof *f);
}

static void
block_begin(struct flow *f, double before)
{
	if (before > f->pending)
		f->pending = before;
}

/* Operations after a block's last item: after a band's, when it is one. */
static struct fd_oplist *
item_tail(struct item *it)
{
	return it->band ? &it->post : &it->ops;
}

/* The items of a block, [first, f->n): keeps. */
static void
block_end(struct flow *f, size_t first, unsigned flags, double after)
{
	size_t i;

	if (flags & FD_KEEP_TOGETHER)
		for (i = first + 1; i < f->n; i++)
			f->items[i].glue = 1;
	if ((flags & FD_KEEP_WITH_NEXT) && f->n > first)
		f->glue_next = 1;
	f->pending = after;
}

/* Adds t's lines as items, the block's tag around them and a label
 * (a paragraph number, a list label) on the first line. */
static void
emit_text(struct lay *L, struct flow *f, const struct text *t, double x,
	  const char *tag, const struct text *label, double label_x,
	  int keep)
{
	int i;

	for (i = 0; i < t->nlines; i++) {
		struct item *it = flow_add(f, t->pitch);

		it->baseline = t->base;
		if (i > 0 && (keep || i < L->st->orphans ||
			      t->nlines - i < L->st->widows))
			it->glue = 1;
		if (i == 0 && tag)
			op_tag(&it->ops, FD_OP_BEGIN, tag);
		if (i == 0 && label) {
			if (tag)
				op_tag(&it->ops, FD_OP_BEGIN, "Span");
			line_ops(L, &it->ops, label, 0, label_x, t->base, 0);
			if (tag)
				op_tag(&it->ops, FD_OP_END, "Span");
		}
		line_ops(L, &it->ops, t, i, i > 0 ? x + t->hang : x, t->base,
			 1);
		if (i == t->nlines - 1 && tag)
			op_tag(&it->ops, FD_OP_END, tag);
	}
}

static struct font
heading_font(const struct lay *L, int level)
{
	const struct fd_style_heading *h = &L->st->h[level - 1];
	struct font f = {L->st->family, h->size, 1, h->size * h->line_height,
			 L->st->colour};

	return f;
}

/* A short label (a number, a bullet) laid out on one line. */
static struct text *
label_new(struct lay *L, const char *s, const struct font *f)
{
	struct fd_run run = {(char *)s, 0, NULL};

	return text_new(L, &run, 1, NULL, f, 10000, NULL);
}

static double
text_width(const struct text *t)
{
	return line_width(pango_layout_get_line_readonly(t->layout, 0));
}

static void emit_blocks(struct lay *L, struct flow *f,
			struct fd_node *const *kids, size_t n, double x,
			double w, int depth, int body);
static void emit_table(struct lay *L, struct flow *f, const struct fd_node *n,
		       double x, double w);

static void
emit_heading(struct lay *L, struct flow *f, const struct fd_node *n, double x,
	     double w)
{
	static const char *const tags[] = {"H1", "H2", "H3"};
	int level = n->level >= 1 && n->level <= 3 ? n->level : 3;
	struct font font = heading_font(L, level);
	const struct fd_style_heading *h = &L->st->h[level - 1];
	struct text *t;
	size_t first = f->n;
	struct fd_op *o;

	if (n->nruns == 0)
		return;
	t = text_new(L, n->runs, n->nruns, NULL, &font, w, n);
	block_begin(f, h->before);
	emit_text(L, f, t, x, tags[level - 1], NULL, 0, 1);
	o = op_add(&f->items[first].ops, FD_OP_BOOKMARK);
	o->text = pool_string(L, fd_node_text(n));
	o->x = x;
	o->y = 0;
	o->level = level;
	block_end(f, first, n->flags | FD_KEEP_WITH_NEXT, h->after);
	text_free(t);
}

/* A paragraph-like block: p, code, checkbox, address. */
static void
emit_para(struct lay *L, struct flow *f, const struct fd_node *n, double x,
	  double w, int body)
{
	struct font font = body_font(L);
	struct text *t, *label = NULL;
	const char *prefix = NULL;
	const struct fd_run *runs = n->runs;
	size_t nruns = n->nruns, first = f->n;
	unsigned flags = n->flags;
	double tx = x, tw = w;

	if (n->kind == FD_NODE_CHECKBOX)
		prefix = n->flags & FD_CHECKED ? "\xe2\x98\x91\xc2\xa0"
					       : "\xe2\x98\x90\xc2\xa0";
	if (n->kind == FD_NODE_CODE)
		font.family = L->st->mono;
	if (nruns == 0 && prefix == NULL)
		return;
	if (body && n->number > 0) {
		char num[16];

		snprintf(num, sizeof num, "%d.", n->number);
		label = label_new(L, num, &font);
		/* A number wider than the indent pushes the text right. */
		tx = x + L->st->number_indent;
		if (x + text_width(label) + font.size / 2 > tx)
			tx = x + text_width(label) + font.size / 2;
		tw = w - (tx - x);
	}
	t = text_new(L, runs, nruns, prefix, &font, tw, n);
	block_begin(f, 0);
	emit_text(L, f, t, tx, "P", label, x, (flags & FD_KEEP_TOGETHER) != 0);
	block_end(f, first, flags, L->space);
	text_free(t);
	text_free(label);
}

/* The addressees: a paragraph a line, so each is one element of the
 * structure and one person to a screen reader, without space between
 * them; a line too long for the measure hangs under its first words. The
 * block is kept together. */
static void
emit_address(struct lay *L, struct flow *f, const struct fd_node *n,
	     double x, double w)
{
	struct font font = body_font(L);
	double hang = 2 * font.size;
	size_t first = f->n, k;

	block_begin(f, 0);
	for (k = 0; k < n->nkids; k++) {
		const struct fd_node *ln = n->kids[k];
		struct text *t;

		if (ln->nruns == 0)
			continue;
		t = text_new(L, ln->runs, ln->nruns, NULL, &font, w, ln);
		/* Pango hangs the lines after the first (a negative indent)
		 * and wraps them to the narrower measure. */
		pango_layout_set_indent(t->layout, (int)(-hang * PANGO_SCALE));
		/* The letter's direction, not the name's: a line that
		 * starts with an Arabic name is still an English line. */
		pango_layout_set_auto_dir(t->layout, FALSE);
		t->nlines = pango_layout_get_line_count(t->layout);
		t->hang = hang;
		emit_text(L, f, t, x, "P", NULL, 0, 1);
		text_free(t);
		f->pending = 0;
	}
	block_end(f, first, n->flags | FD_KEEP_TOGETHER, L->space);
}

/* Bullets by depth, and numbers as 1., a., i. */
static char *
list_label(const struct fd_node *list, size_t k, int depth)
{
	static const char *const bullets[] = {"\xe2\x80\xa2", "\xe2\x80\x93",
					      "\xe2\x96\xaa"};
	long n = (long)list->start + (long)k;

	if (!(list->flags & FD_ORDERED))
		return fd_xstrdup(bullets[depth % 3]);
	if (depth % 3 == 1 && n >= 1) {
		struct fd_buf b = {0};
		char tmp[16];
		int i = 0;

		/* Bijective base 26: a … z, aa … */
		while (n > 0 && i < 15) {
			n--;
			tmp[i++] = (char)('a' + n % 26);
			n /= 26;
		}
		while (i > 0)
			fd_buf_addc(&b, tmp[--i]);
		fd_buf_addc(&b, '.');
		return fd_buf_steal(&b);
	}
	if (depth % 3 == 2 && n >= 1 && n < 4000) {
		static const char *const r[] = {"m", "cm", "d", "cd", "c", "xc",
						"l", "xl", "x", "ix", "v", "iv",
						"i"};
		static const int v[] = {1000, 900, 500, 400, 100, 90, 50,
					40,   10,  9,	5,   4,	  1};
		struct fd_buf b = {0};
		size_t i;

		for (i = 0; i < 13; i++)
			while (n >= v[i]) {
				fd_buf_adds(&b, r[i]);
				n -= v[i];
			}
		fd_buf_addc(&b, '.');
		return fd_buf_steal(&b);
	}
	return fd_xasprintf("%ld.", n);
}

static void
emit_list(struct lay *L, struct flow *f, const struct fd_node *n, double x,
	  double w, int depth)
{
	struct font font = body_font(L);
	double indent = L->st->list_indent, space = L->space;
	size_t k, list_first = f->n;
	struct text **labels;

	if (n->nkids == 0)
		return;
	labels = fd_xcalloc(n->nkids, sizeof *labels);
	for (k = 0; k < n->nkids; k++) {
		char *s = list_label(n, k, depth);
		double lw;

		labels[k] = label_new(L, s, &font);
		free(s);
		lw = text_width(labels[k]) + font.size / 2;
		if (lw > indent)
			indent = lw;
	}
	if (indent > w / 2)
		indent = w / 2;
	block_begin(f, 0);
	for (k = 0; k < n->nkids; k++) {
		const struct fd_node *item = n->kids[k];
		size_t first = f->n;
		struct fd_oplist pre = {0};
		struct item *it;
		double base, lx, lw;

		if (k > 0)
			f->pending = L->st->item_space;
		/* Blocks inside an item are as close as items. */
		L->space = L->st->item_space;
		emit_blocks(L, f, item->kids, item->nkids, x + indent,
			    w - indent, depth + 1, 0);
		L->space = space;
		if (f->n == first) {
			/* An empty item still shows its label. */
			it = flow_add(f, font.pitch);
			it->baseline = (font.pitch - (labels[k]->m->asc +
						      labels[k]->m->desc)) /
					       2 +
				       labels[k]->m->asc;
		}
		it = &f->items[first];
		base = it->baseline >= 0 ? it->baseline : labels[k]->base;
		if (k == 0)
			op_tag(&pre, FD_OP_BEGIN, "L");
		op_tag(&pre, FD_OP_BEGIN, "LI");
		op_tag(&pre, FD_OP_BEGIN, "Lbl");
		/* Numbers end before the text; bullets sit near the edge. */
		lw = text_width(labels[k]);
		lx = n->flags & FD_ORDERED ? x + indent - font.size / 2 - lw
					   : x + (indent - lw) / 4;
		line_ops(L, &pre, labels[k], 0, lx, base, 0);
		op_tag(&pre, FD_OP_END, "Lbl");
		op_tag(&pre, FD_OP_BEGIN, "LBody");
		op_prepend(&it->ops, &pre);
		oplist_free(&pre);
		it = &f->items[f->n - 1];
		op_tag(item_tail(it), FD_OP_END, "LBody");
		op_tag(item_tail(it), FD_OP_END, "LI");
		if (k + 1 == n->nkids)
			op_tag(item_tail(it), FD_OP_END, "L");
		block_end(f, first, item->flags, L->st->item_space);
	}
	block_end(f, list_first, n->flags, L->space);
	for (k = 0; k < n->nkids; k++)
		text_free(labels[k]);
	free(labels);
}

static void
emit_quote(struct lay *L, struct flow *f, const struct fd_node *n, double x,
	   double w, int depth)
{
	double in = L->st->quote_rule + L->st->quote_indent;
	size_t first = f->n, i;
	struct fd_oplist pre = {0};

	block_begin(f, 0);
	emit_blocks(L, f, n->kids, n->nkids, x + in, w - in, depth, 0);
	if (f->n == first)
		return;
	for (i = first; i < f->n; i++) {
		struct item *it = &f->items[i];

		it->rules = fd_xreallocarray(it->rules, it->nrules + 1,
					     sizeof *it->rules);
		it->rules[it->nrules].x = x;
		it->rules[it->nrules].w = L->st->quote_rule;
		it->rules[it->nrules].colour = L->st->quote_colour;
		it->rules[it->nrules++].extend = i > first;
	}
	op_tag(&pre, FD_OP_BEGIN, "BlockQuote");
	op_prepend(&f->items[first].ops, &pre);
	oplist_free(&pre);
	op_tag(item_tail(&f->items[f->n - 1]), FD_OP_END, "BlockQuote");
	block_end(f, first, n->flags, L->space);
}

static void
emit_signatures(struct lay *L, struct flow *f, const struct fd_node *n,
		double x, double w)
{
	struct font font = body_font(L);
	double gutter = L->st->size * 2, cw = (w - gutter) / 2;
	size_t k, first = f->n;

	block_begin(f, L->space);
	for (k = 0; k < n->nkids; k += 2) {
		struct text *t[2] = {NULL, NULL};
		struct item *it;
		double h = 0;
		int j;

		for (j = 0; j < 2 && k + (size_t)j < n->nkids; j++) {
			const struct fd_node *s = n->kids[k + (size_t)j];
			struct fd_run runs[5], br = {(char *)"\n", 0, NULL};
			size_t nr = 0;

			runs[nr].text = s->name ? s->name : (char *)"";
			runs[nr].flags = FD_RUN_BOLD;
			runs[nr++].href = NULL;
			if (s->title) {
				runs[nr++] = br;
				runs[nr].text = s->title;
				runs[nr].flags = 0;
				runs[nr++].href = NULL;
			}
			if (s->organisation) {
				runs[nr++] = br;
				runs[nr].text = s->organisation;
				runs[nr].flags = 0;
				runs[nr++].href = NULL;
			}
			t[j] = text_new(L, runs, nr, NULL, &font, cw, s);
			if (t[j]->nlines * t[j]->pitch > h)
				h = t[j]->nlines * t[j]->pitch;
		}
		if (k > 0)
			f->pending = L->st->sig_row_space;
		it = flow_add(f, h);
		if (k > 0)
			it->glue = 1;
		for (j = 0; j < 2 && t[j]; j++) {
			int li;

			op_tag(&it->ops, FD_OP_BEGIN, "P");
			for (li = 0; li < t[j]->nlines; li++)
				line_ops(L, &it->ops, t[j], li,
					 x + j * (cw + gutter),
					 t[j]->base + li * t[j]->pitch, 1);
			op_tag(&it->ops, FD_OP_END, "P");
			text_free(t[j]);
		}
	}
	block_end(f, first, n->flags, L->space);
}

static void
emit_block(struct lay *L, struct flow *f, const struct fd_node *n, double x,
	   double w, int depth, int body)
{
	/* Numbered documents indent lists and quotes under the text. */
	double ni = body && L->doc->numbered ? L->st->number_indent : 0;

	switch (n->kind) {
	case FD_NODE_HEADING:
		emit_heading(L, f, n, x, w);
		break;
	case FD_NODE_PARA:
	case FD_NODE_CODE:
	case FD_NODE_CHECKBOX:
		emit_para(L, f, n, x, w, body);
		break;
	case FD_NODE_ADDRESS:
		emit_address(L, f, n, x, w);
		break;
	case FD_NODE_LIST:
		emit_list(L, f, n, x + ni, w - ni, depth);
		break;
	case FD_NODE_QUOTE:
		emit_quote(L, f, n, x + ni, w - ni, depth);
		break;
	case FD_NODE_TABLE:
		emit_table(L, f, n, x, w);
		break;
	case FD_NODE_SIGNATURES:
		emit_signatures(L, f, n, x, w);
		break;
	case FD_NODE_PAGE_BREAK:
		f->force_next = 1;
		break;
	default:
		break;
	}
}

static void
emit_blocks(struct lay *L, struct flow *f, struct fd_node *const *kids,
	    size_t n, double x, double w, int depth, int body)
{
	size_t i;

	for (i = 0; i < n && !L->too_long; i++)
		emit_block(L, f, kids[i], x, w, depth, body);
}

/* --------------------------------------------------------- tables */

static double
stack_height(const struct flow *f, size_t from, size_t to)
{
	double h = 0;
	size_t i;

	for (i = from; i < to; i++)
		h += (i > from ? f->items[i].gap : 0) + f->items[i].h;
	return h;
}

/* Column edges from the declared widths and the text width. */
static void
column_edges(struct table *t, double x, double w)
{
	const struct fd_node *n = t->node;
	double fixed = 0, shares = 0, *cw;
	int c;

	cw = fd_xcalloc((size_t)t->ncols, sizeof *cw);
	for (c = 0; c < t->ncols; c++) {
		const struct fd_col *col =
			(size_t)c < n->ncols ? &n->cols[c] : NULL;

		if (col && col->unit == FD_WIDTH_POINTS)
			fixed += cw[c] = col->value;
		else if (col && col->unit == FD_WIDTH_PERCENT)
			fixed += cw[c] = col->value * w / 100;
		else
			shares += col ? col->value : 1;
	}
	/* Shares keep at least a fifth of the width between them. */
	if (shares > 0 && fixed > w * 0.8) {
		for (c = 0; c < t->ncols; c++)
			cw[c] *= w * 0.8 / fixed;
		fixed = w * 0.8;
	} else if (shares == 0 && fixed > 0) {
		for (c = 0; c < t->ncols; c++)
			cw[c] *= w / fixed;
		fixed = w;
	}
	for (c = 0; c < t->ncols; c++) {
		const struct fd_col *col =
			(size_t)c < n->ncols ? &n->cols[c] : NULL;

		if (col == NULL || col->unit == FD_WIDTH_SHARE)
			cw[c] = (w - fixed) * (col ? col->value : 1) / shares;
	}
	t->colx = fd_xcalloc((size_t)t->ncols + 1, sizeof *t->colx);
	t->colx[0] = x;
	for (c = 0; c < t->ncols; c++)
		t->colx[c + 1] = t->colx[c] + cw[c];
	t->colx[t->ncols] = x + w;
	free(cw);
}

/* Places cells on the grid as HTML does; returns -1 past 64 columns. */
static int
grid(struct lay *L, struct table *t)
{
	const struct fd_node *n = t->node;
	unsigned char *occ;
	int r, nhead = 0, maxc = 64, ncols = (int)n->ncols;
	size_t k, total = 0;

	t->nrows = (int)n->nkids;
	for (r = 0; r < t->nrows; r++) {
		if (n->kids[r]->flags & FD_HEAD_ROW)
			nhead = r + 1;
		total += n->kids[r]->nkids;
	}
	t->cells = fd_xcalloc(total + 1, sizeof *t->cells);
	t->row_first = fd_xcalloc((size_t)t->nrows + 1, sizeof *t->row_first);
	occ = fd_xcalloc((size_t)t->nrows * (size_t)maxc + 1, 1);
	for (r = 0; r < t->nrows; r++) {
		const struct fd_node *row = n->kids[r];
		int c = 0, end = r < nhead ? nhead : t->nrows;

		t->row_first[r] = t->ncells;
		for (k = 0; k < row->nkids; k++) {
			const struct fd_node *cn = row->kids[k];
			struct cell *cell;
			int rr, cc;

			while (c < maxc && occ[(size_t)r * maxc + c])
				c++;
			if (c + cn->colspan > maxc) {
				fd_diag(L->d, FD_ERROR, cn->file, cn->line,
					cn->col,
					"a table may have at most %d columns",
					maxc);
				L->errors++;
				free(occ);
				return -1;
			}
			cell = &t->cells[t->ncells++];
			cell->node = cn;
			cell->row = r;
			cell->col = c;
			cell->colspan = cn->colspan;
			cell->rowspan = r + cn->rowspan > end ? end - r
							      : cn->rowspan;
			for (rr = r; rr < r + cell->rowspan; rr++)
				for (cc = c; cc < c + cell->colspan; cc++)
					occ[(size_t)rr * maxc + cc] = 1;
			c += cell->colspan;
			if (c > ncols)
				ncols = c;
		}
	}
	free(occ);
	t->row_first[t->nrows] = t->ncells;
	t->ncols = ncols > 0 ? ncols : 1;
	return nhead;
}

/* Heights of rows [r0, r1) from the cells starting in them. */
static void
row_heights(struct lay *L, struct table *t, int r0, int r1)
{
	double min = 2 * L->st->padding + t->font.pitch;
	size_t k;
	int r;

	for (r = r0; r < r1; r++)
		t->rowh[r] = min;
	for (k = 0; k < t->ncells; k++) {
		struct cell *c = &t->cells[k];

		if (c->row >= r0 && c->row < r1 && c->rowspan == 1 &&
		    c->need > t->rowh[c->row])
			t->rowh[c->row] = c->need;
	}
	/* A spanning cell taller than its rows stretches the last one. */
	for (k = 0; k < t->ncells; k++) {
		struct cell *c = &t->cells[k];
		double sum = 0;

		if (c->row < r0 || c->row >= r1 || c->rowspan == 1)
			continue;
		for (r = c->row; r < c->row + c->rowspan; r++)
			sum += t->rowh[r];
		if (c->need > sum)
			t->rowh[c->row + c->rowspan - 1] += c->need - sum;
	}
}

static size_t
first_cell_of(const struct table *t, int row)
{
	return t->row_first[row];
}

static void
add_band(struct table *t, int r0, int r1, int head)
{
	struct band *b = &t->bands[t->nbands++];
	int r;

	b->t = t;
	b->row0 = r0;
	b->nrows = r1 - r0;
	b->cell0 = first_cell_of(t, r0);
	b->ncells = first_cell_of(t, r1) - b->cell0;
	b->head = head;
	b->h = 0;
	for (r = r0; r < r1; r++)
		b->h += t->rowh[r];
}

/* Bands of rows [r0, r1): rows joined by row spans go together; a group
 * taller than limit loses its spans so that its rows can part. */
static void
make_bands(struct lay *L, struct table *t, int r0, int r1, int head,
	   double limit)
{
	int r = r0;

	while (r < r1) {
		int end = r + 1, grew = 1;
		size_t k;
		double h = 0;
		int q;

		while (grew) {
			grew = 0;
			for (k = first_cell_of(t, r);
			     k < t->ncells && t->cells[k].row < end; k++)
				if (t->cells[k].row + t->cells[k].rowspan > end) {
					end = t->cells[k].row +
					      t->cells[k].rowspan;
					grew = 1;
				}
		}
		for (q = r; q < end; q++)
			h += t->rowh[q];
		if (end - r > 1 && h > limit) {
			for (k = first_cell_of(t, r);
			     k < t->ncells && t->cells[k].row < end; k++)
				t->cells[k].rowspan = 1;
			row_heights(L, t, r, end);
			for (q = r; q < end; q++)
				add_band(t, q, q + 1, head);
		} else {
			add_band(t, r, end, head);
		}
		r = end;
	}
}

static void
table_free(struct table *t)
{
	size_t k;

	if (t == NULL)
		return;
	for (k = 0; k < t->ncells; k++)
		flow_free(&t->cells[k].flow);
	free(t->cells);
	free(t->bands);
	free(t->colx);
	free(t->rowh);
	free(t->row_first);
	free(t);
}

static void
emit_table(struct lay *L, struct flow *f, const struct fd_node *n, double x,
	   double w)
{
	struct table *t = fd_xcalloc(1, sizeof *t);
	double pad = L->st->padding, size = L->size, space = L->space;
	int nhead, bold = L->bold;
	size_t k, first;

	L->tables = fd_xreallocarray(L->tables, L->ntables + 1,
				     sizeof *L->tables);
	L->tables[L->ntables++] = t;
	t->node = n;
	t->borders = !(n->flags & FD_NO_BORDERS);
	if ((nhead = grid(L, t)) < 0 || t->nrows == 0)
		return;
	/* A cell costs about what a line does: its tags, its rules. */
	if (count_lines(L, (long)t->ncells, n) != 0)
		return;
	column_edges(t, x, w);
	t->rowh = fd_xcalloc((size_t)t->nrows, sizeof *t->rowh);
	t->bands = fd_xcalloc((size_t)t->nrows, sizeof *t->bands);

	L->size = L->st->table_size;
	L->space = L->st->space_after * L->st->table_size / L->st->size;
	t->font = body_font(L);
	for (k = 0; k < t->ncells; k++) {
		struct cell *c = &t->cells[k];
		double cx = t->colx[c->col];
		double cw = t->colx[c->col + c->colspan] - cx;

		L->bold = (c->node->flags & FD_HEADER_CELL) != 0;
		emit_blocks(L, &c->flow, c->node->kids, c->node->nkids,
			    cx + pad, cw - 2 * pad, 0, 0);
		c->need = stack_height(&c->flow, 0, c->flow.n) + 2 * pad;
	}
	L->size = size;
	L->space = space;
	L->bold = bold;

	row_heights(L, t, 0, nhead);
	row_heights(L, t, nhead, t->nrows);
	make_bands(L, t, 0, nhead, 1, L->body_h);
	t->nhead = t->nbands;
	for (k = 0; k < t->nhead; k++)
		t->head_h += t->bands[k].h;
	/* A head taller than half a page is not repeated. */
	if (t->head_h > L->body_h / 2)
		t->head_h = 0;
	make_bands(L, t, nhead, t->nrows, 0, L->body_h - t->head_h);

	block_begin(f, L->space);
	first = f->n;
	t->head_item = first;
	for (k = 0; k < t->nbands; k++) {
		struct item *it = flow_add(f, t->bands[k].h);

		it->band = &t->bands[k];
		/* No head alone, nor a head row apart from the others. */
		if (k > 0 && k <= t->nhead)
			it->glue = 1;
	}
	op_tag(&f->items[first].ops, FD_OP_BEGIN, "Table");
	op_tag(&f->items[f->n - 1].post, FD_OP_END, "Table");
	block_end(f, first, n->flags, L->space);
}

/* ------------------------------------------------------- painting
 * of placed items */

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
      int repeat)
{
	struct place *p;

	if (pg->n == pg->cap) {
		pg->cap = pg->cap ? pg->cap * 2 : 64;
		pg->pl = fd_xreallocarray(pg->pl, pg->cap, sizeof *pg->pl);
	}
	p = &pg->pl[pg->n++];
	memset(p, 0, sizeof *p);
	p->index = index;
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

/* Joins the Spans of one line: "END Span, BEGIN Span" between glyphs of
 * the same layout on the same baseline goes. Fewer structure elements
 * make a smaller file that Cairo and qpdf write faster, and read the
 * same. Not across lines: Cairo ends a line's trailing space with an
 * ActualText sequence, and poppler stops reading a Span's text there. */
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
		    l->ops[i + 2].layout == last->layout &&
		    l->ops[i + 2].y == last->y) {
			i++;
			continue;
		}
		l->ops[o++] = *op;
	}
	l->n = o;
}

/* Finishes the page being filled: its places become operations. */
static void
commit(struct lay *L, struct pager *pg)
{
	struct fd_page *page = new_page(L);
	size_t i;

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
		commit(L, pg);
		return 0;
	}
	from = *cont ? *cont : fd_xcalloc(b->ncells + 1, sizeof *from);
	to = fd_xcalloc(b->ncells + 1, sizeof *to);
	fh = band_fit(L, b, from, to, avail, pg->real == 0);
	if (fh < 0) {
		if (*cont == NULL)
			free(from);
		free(to);
		commit(L, pg);
		return 0;
	}
	p = place(pg, i, it, gap, fh, 0);
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
	commit(L, pg);
	return 0;
}

static void
paginate(struct lay *L, struct flow *f)
{
	struct pager pg = {0};
	double H = L->body_h;
	int *cont = NULL;
	size_t i = 0;

	while (i < f->n) {
		struct item *it = &f->items[i];
		struct band *b = it->band;
		double gap;

		if (it->force && pg.real > 0 && cont == NULL) {
			commit(L, &pg);
			continue;
		}
		/* A table going on from an earlier page: its head again. */
		if (pg.n == 0 && b && !b->head && b->t->head_h > 0 &&
		    b->t->head_done) {
			size_t k;

			for (k = 0; k < b->t->nhead; k++) {
				struct item *h = &f->items[b->t->head_item + k];

				place(&pg, (size_t)-1, h, 0, h->h, 1);
			}
		}
		gap = pg.real > 0 ? it->gap : 0;
		if (b && b->nrows == 1 &&
		    (cont || b->h > H - (b->head ? 0 : b->t->head_h) + EPS)) {
			if (place_split(L, &pg, f, i, gap, &cont))
				i++;
			continue;
		}
		if (pg.y + gap + it->h <= H + EPS) {
			place(&pg, i, it, gap, it->h, 0);
			i++;
			continue;
		}
		if (pg.real > 0) {
			size_t bi = i;

			/* Break before the last item that allows it. */
			while (bi > pg.first && f->items[bi].glue)
				bi--;
			if (bi > pg.first) {
				while (pg.n > 0 && !pg.pl[pg.n - 1].repeat &&
				       pg.pl[pg.n - 1].index >= bi)
					unplace_last(&pg);
				i = bi;
			}
			commit(L, &pg);
			continue;
		}
		/* Taller than a page and not a table row: only an absurd
		 * style can get here; it is drawn and clipped by the page. */
		place(&pg, i, it, gap, it->h, 0);
		i++;
	}
	if (pg.n > 0 || L->pages->npages == 0)
		commit(L, &pg);
	free(pg.pl);
	free(cont);
}

/* ------------------------------------------------------ furniture */

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

		F->watermark = pool_layout(L);
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
	}
}

static void
furniture_free(struct furniture *F)
{
	text_free(F->marking);
	text_free(F->notice);
	text_free(F->footer);
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

static void
furnish(struct lay *L, const struct furniture *F, struct fd_page *pg,
	size_t no, size_t total)
{
	const struct fd_style *st = L->st;
	struct font ff = {st->family, st->footer_size, 0, st->footer_size,
			  st->footer_colour};
	double top_base = st->top * 0.45 + st->marking_size * 0.35;
	double foot_base =
		st->page_h - st->bottom * 0.45 + st->footer_size * 0.35;
	char *s;
	struct text *num;

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

		o->layout = F->watermark;
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
	s = fd_xasprintf("Page %zu of %zu", no, total);
	num = one_line(L, s, &ff, L->text_w / 3);
	furniture_line(L, &pg->furniture, num,
		       st->page_w - st->right - text_width(num), foot_base, 0,
		       0);
	text_free(num);
	free(s);
}

/* ----------------------------------------------------------- entry */

struct fd_pages *
fd_layout(const struct fd_doc *doc, const struct fd_style *st,
	  struct fd_diags *d)
{
	struct lay L;
	struct flow f = {0};
	struct furniture F;
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
	furniture_new(&L, &F);
	for (i = 0; i < L.pages->npages; i++)
		furnish(&L, &F, &L.pages->pages[i], i + 1, L.pages->npages);
	furniture_free(&F);
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
