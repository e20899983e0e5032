/*
 * layout_text.c: fonts and lines. The operation lists and the pools the
 * pages own, the private font map, a text block set by Pango, and one
 * line of it as drawing operations.
 *
 * Lines are drawn run by run (pango_cairo_show_glyph_item in paint.c), so
 * that a link's text sits in its own Link tag with the box of its text on
 * that line; the other runs of a line share one Span.
 */
#include "layout_int.h"

#include <fontconfig/fontconfig.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------ op lists */

struct fd_op *
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

void
op_tag(struct fd_oplist *l, enum fd_op_kind kind, const char *tag)
{
	op_add(l, kind)->tag = tag;
}

/* Puts src's operations in front of l's. */
void
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
	for (n = 0; n < src->n; n++)
		if (l->ops[n].layout != NULL)
			g_object_ref(l->ops[n].layout);
}

/* Copies src to dst moved by dx, dy; tags dropped when untagged. */
void
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
		if (o->layout != NULL)
			g_object_ref(o->layout);
		o->x += dx;
		o->y += dy;
	}
}

void
oplist_free(struct fd_oplist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->ops[i].layout != NULL)
			g_object_unref(l->ops[i].layout);
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

PangoLayout *
pool_layout(struct lay *L)
{
	return pango_layout_new(L->ctx);
}

const char *
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

PangoFontDescription *
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

struct font
body_font(const struct lay *L)
{
	struct font f = {L->st->family, L->size, L->bold,
			 L->size * L->st->line_height, L->st->colour};

	return f;
}

/*
 * The fontconfig configuration of the last style used, kept for the life
 * of the process, and made fontconfig's current configuration, which the
 * font map follows: Pango's font map otherwise runs FcInit() on the
 * machine's configuration in a thread and waits for it, which is slow and
 * leaks. (Given it, with pango_fc_font_map_set_config, Pango 1.50 lists
 * every font again and never releases the reference it takes.)
 */
static FcConfig *fonts_config;
static char *fonts_config_path;
/* A configuration file fontconfig could not read: said once. */
static char *fonts_failed_path;
/* The font map on it, shared by every document of the process, so that a
 * build's documents find the fonts already matched, loaded and shaped
 * with (Pango 1.50 matches and sorts each new size in two threads); each
 * document has a context of its own. */
static PangoFontMap *fonts_map;

/* The families found in fonts_config (fd_layout_fonts), each once. */
#define MAX_FOUND 4
static char *families_found[MAX_FOUND];

/* Whether family resolves to itself in fonts_config, not to some
 * fallback: a missing font would silently change every measure. Asked of
 * fontconfig as Pango asks it (the family's best match), not through
 * Pango, which matches and sorts each new font in two threads of its own:
 * the monospaced family is then loaded only by a document that uses it. */
static int
family_found(const char *family)
{
	FcPattern *pat, *match = NULL;
	FcChar8 *name;
	FcResult res;
	size_t i;
	int ok = 0;

	for (i = 0; i < MAX_FOUND && families_found[i] != NULL; i++)
		if (strcmp(families_found[i], family) == 0)
			return 1;
	pat = FcPatternCreate();
	if (pat != NULL &&
	    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family)) {
		FcConfigSubstitute(fonts_config, pat, FcMatchPattern);
		FcDefaultSubstitute(pat);
		match = FcFontMatch(fonts_config, pat, &res);
	}
	if (match != NULL &&
	    FcPatternGetString(match, FC_FAMILY, 0, &name) == FcResultMatch)
		ok = strcasecmp((const char *)name, family) == 0;
	if (match != NULL)
		FcPatternDestroy(match);
	if (pat != NULL)
		FcPatternDestroy(pat);
	if (ok && i < MAX_FOUND)
		families_found[i] = fd_xstrdup(family);
	return ok;
}

/* family_found, or says it is not. */
static int
check_family(struct lay *L, const char *family)
{
	if (family_found(family))
		return 1;
	fd_msg(L->d, M_FONT_MISSING, L->st->fonts_conf, 0, 0, family);
	L->errors++;
	return 0;
}

/* A context on the font map as every document's: 72 dpi, unrounded glyph
 * positions, no hinting, in L's language and direction. */
PangoContext *
fonts_context(const struct lay *L)
{
	PangoContext *ctx = pango_font_map_create_context(L->pages->fontmap);
	cairo_font_options_t *fo = cairo_font_options_create();

	pango_cairo_context_set_resolution(ctx, 72);
	pango_context_set_round_glyph_positions(ctx, FALSE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_language(ctx, L->lang);
	/* The document's direction, for the lines that take it rather than
	 * their first letter's (the addressees). */
	pango_context_set_base_dir(ctx, rtl_language(L->doc->lang)
						? PANGO_DIRECTION_RTL
						: PANGO_DIRECTION_LTR);
	return ctx;
}

/* The sizes and weights of the fonts a document is set in, each once. */
struct wanted {
	double size[16];
	unsigned char bold[16], italic[16];
	size_t n;
};

static void
want(struct wanted *w, double size, int bold, int italic)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		if (w->size[i] == size && w->bold[i] == bold &&
		    w->italic[i] == italic)
			return;
	if (size <= 0 || w->n == sizeof w->size / sizeof w->size[0])
		return;
	w->size[w->n] = size;
	w->bold[w->n] = (unsigned char)bold;
	w->italic[w->n++] = (unsigned char)italic;
}

/* The fonts of runs set at size, bold or not, and of their block. */
static void
want_runs(struct wanted *w, const struct fd_node *n, double size, int bold)
{
	size_t i;

	/* The block's own font gives its line metrics. */
	want(w, size, bold, 0);
	for (i = 0; i < n->nruns; i++)
		if (!(n->runs[i].flags & FD_RUN_MONO))
			want(w, size, bold || (n->runs[i].flags & FD_RUN_BOLD),
			     (n->runs[i].flags & FD_RUN_ITALIC) != 0);
}

/* The fonts node n and what is inside it are set in, at size, bold or
 * not, as the layout sets them (layout_block.c, layout_table.c,
 * layout_letterhead.c); the monospaced family left out. */
static void
want_tree(struct wanted *w, const struct lay *L, const struct fd_node *n,
	  double size, int bold)
{
	const struct fd_style *st = L->st;
	size_t i;

	switch (n->kind) {
	case FD_NODE_HEADING:
		want_runs(w, n, st->h[n->level < 1   ? 0
				      : n->level > 3 ? 2
						     : n->level - 1]
					.size,
			  1);
		return;
	case FD_NODE_CODE:
		return;
	case FD_NODE_TABLE:
		size = st->table_size;
		break;
	case FD_NODE_CELL:
		bold = (n->flags & FD_HEADER_CELL) != 0;
		break;
	case FD_NODE_SIGNATORY:
		want(w, size, 1, 0);
		want(w, size, 0, 0);
		return;
	case FD_NODE_LETTERHEAD:
		size = st->lh_size;
		break;
	case FD_NODE_MARK:
		/* A name in text stands for a logo (layout_letterhead.c). */
		if (n->image == NULL)
			want_runs(w, n,
				  st->h[1].size > st->lh_mark_height * 0.6
					  ? st->lh_mark_height * 0.6
					  : st->h[1].size,
				  1);
		return;
	default:
		if (n->nruns > 0 || n->kind == FD_NODE_PARA ||
		    n->kind == FD_NODE_LINE)
			want_runs(w, n, size, bold);
		break;
	}
	for (i = 0; i < n->nkids; i++)
		want_tree(w, L, n->kids[i], size, bold);
}

/*
 * Asks for the fonts the document will be set in, all at once, before
 * the first is used. Pango matches and sorts each new font in two threads
 * of its own, and waits for them where the font is first wanted: asked
 * for together, they are matched side by side while the layout goes on.
 * They are read off the tree; a font missed is only matched when wanted.
 */
static void
fonts_ahead(struct lay *L)
{
	const struct fd_style *st = L->st;
	const struct fd_doc *doc = L->doc;
	struct wanted w = {0};
	size_t i;

	want_tree(&w, L, doc->body, st->size, 0);
	if (doc->marking)
		want(&w, st->marking_size, 1, 0);
	if (doc->notice)
		want(&w, st->marking_size, 0, 0);
	/* The page numbers, and the footer line: the numbers are made
	 * after the last page, and the threads Pango sorts their font in
	 * should be long gone when the program exits. */
	want(&w, st->footer_size, 0, 0);
	if (doc->watermark)
		want(&w, st->watermark_size, 1, 0);
	for (i = 0; i < w.n; i++) {
		PangoFontDescription *fd = font_desc(st->family, w.size[i],
						     w.bold[i]);
		PangoFontset *fs;

		if (w.italic[i])
			pango_font_description_set_style(fd,
							 PANGO_STYLE_ITALIC);
		fs = pango_font_map_load_fontset(L->pages->fontmap, L->ctx, fd,
						 L->lang);
		if (fs != NULL)
			g_object_unref(fs);
		pango_font_description_free(fd);
	}
}

int
fd_layout_fonts(const char *path, const char *const *families)
{
	if (fonts_failed_path != NULL && strcmp(fonts_failed_path, path) == 0)
		return -1;
	if (fonts_config == NULL || strcmp(fonts_config_path, path) != 0) {
		FcConfig *cfg = FcConfigCreate();
		size_t i;

		if (cfg == NULL ||
		    !FcConfigParseAndLoad(cfg, (const FcChar8 *)path, FcTrue) ||
		    !FcConfigBuildFonts(cfg) || !FcConfigSetCurrent(cfg)) {
			if (cfg)
				FcConfigDestroy(cfg);
			/* Said once, by open_fonts (fontconfig has said
			 * why, on its own). */
			free(fonts_failed_path);
			fonts_failed_path = fd_xstrdup(path);
			return -1;
		}
		/* The current configuration holds it from now on. */
		FcConfigDestroy(cfg);
		fonts_config = cfg;
		for (i = 0; i < MAX_FOUND; i++) {
			free(families_found[i]);
			families_found[i] = NULL;
		}
		free(fonts_config_path);
		fonts_config_path = fd_xstrdup(path);
		if (fonts_map != NULL)
			g_object_unref(fonts_map);
		fonts_map = pango_cairo_font_map_new_for_font_type(
			CAIRO_FONT_TYPE_FT);
		/* Points are pixels here, in the contexts Pango makes for
		 * itself too (a font's metrics): at its default 96 dpi each
		 * of our sizes was a second fontconfig pattern, matched and
		 * sorted again in two threads of its own. */
		pango_cairo_font_map_set_resolution(
			PANGO_CAIRO_FONT_MAP(fonts_map), 72);
	}
	for (; families != NULL && *families != NULL; families++)
		family_found(*families);
	return 0;
}

/* The private font map: only the fonts of the style's fonts.conf. */
int
open_fonts(struct lay *L)
{
	const char *path = L->st->fonts_conf;

	if (fd_layout_fonts(path, NULL) != 0) {
		fd_msg(L->d, M_FONTCONFIG, path, 0, 0);
		L->errors++;
		return -1;
	}
	L->pages->fontmap = g_object_ref(fonts_map);
	L->lang = pango_language_from_string(L->doc->lang);
	L->ctx = L->pages->context = fonts_context(L);
	if (!check_family(L, L->st->family) || !check_family(L, L->st->mono))
		return -1;
	fonts_ahead(L);
	return 0;
}

/* ----------------------------------------------------------- text */

/* Counts n more lines of the document; past FD_MAX_LINES reports an error
 * at where (once) and returns -1, and nothing more is laid out. */
int
count_lines(struct lay *L, long n, const struct fd_node *where)
{
	L->lines += n;
	if (L->lines <= FD_MAX_LINES)
		return 0;
	if (!L->too_long) {
		fd_msg(L->d, M_DOC_TOO_LONG, where->file, where->line,
		       where->col, FD_MAX_LINES);
		L->too_long = 1;
		L->errors++;
	}
	return -1;
}

/* text_new, and text_new_hung when hang > 0. */
static struct text *
text_make(struct lay *L, const struct fd_run *runs, size_t nruns,
	  const char *prefix, const struct font *f, double width,
	  double hang, const struct fd_node *where)
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
	/* Set before the first measure, which lays the text out: after it,
	 * Pango would lay it out again. */
	if (hang > 0) {
		pango_layout_set_indent(t->layout, (int)(-hang * PANGO_SCALE));
		pango_layout_set_auto_dir(t->layout, FALSE);
		t->hang = hang;
	}

	t->nlines = pango_layout_get_line_count(t->layout);
	if (where != NULL)
		count_lines(L, t->nlines, where);
	t->m = get_metrics(L, f->family, f->size, f->bold);
	t->pitch = f->pitch;
	t->base = (t->pitch - (t->m->asc + t->m->desc)) / 2 + t->m->asc;
	t->colour = f->colour;
	unknown = pango_layout_get_unknown_glyphs_count(t->layout);
	if (unknown > 0 && where != NULL)
		fd_msg(L->d, M_NO_GLYPH, where->file, where->line, where->col,
		       unknown, unknown == 1 ? "" : "s",
		       unknown == 1 ? "has" : "have", unknown == 1 ? "s" : "");
	return t;
}

struct text *
text_new(struct lay *L, const struct fd_run *runs, size_t nruns,
	 const char *prefix, const struct font *f, double width,
	 const struct fd_node *where)
{
	return text_make(L, runs, nruns, prefix, f, width, 0, where);
}

struct text *
text_new_hung(struct lay *L, const struct fd_run *runs, size_t nruns,
	      const struct font *f, double width, double hang,
	      const struct fd_node *where)
{
	return text_make(L, runs, nruns, NULL, f, width, hang, where);
}

void
text_free(struct text *t)
{
	if (t == NULL)
		return;
	if (t->layout != NULL)
		g_object_unref(t->layout);
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
void
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
		o->layout = g_object_ref(t->layout);
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

double
text_width(const struct text *t)
{
	return line_width(pango_layout_get_line_readonly(t->layout, 0));
}
