/*
 * paint.c: drawing operations on Cairo's PDF surfaces, into memory.
 *
 * Cairo 1.16 traps, found by experiment (LIBRARIES.md): everything goes
 * inside one Document tag, or links make a damaged file; text must sit in
 * a leaf tag (Span) to enter the structure tree; tag attributes get whole
 * numbers, so no locale can put a comma in them.
 *
 * Cairo cannot mark artifacts (an Artifact tag destroys the surface), so
 * what is drawn outside a leaf tag goes to one of three other PDF surfaces,
 * a page for each of the body's: the watermark, the rules, borders and
 * shading, and the untagged text (furniture, repeated table heads).
 * finish.cc draws each of those pages under the body's page as a form
 * XObject inside /Artifact marked content of its kind, so the body's
 * content streams are copied as Cairo wrote them, never parsed.
 */
#include "paint.h"

#include <cairo-pdf.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-font.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "msg.h"

/* Bookmark levels: the id of the last bookmark at each level. */
#define LEVELS 3

static cairo_status_t
write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	fd_buf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

static void
set_colour(cairo_t *cr, unsigned c)
{
	cairo_set_source_rgb(cr, ((c >> 16) & 255) / 255.0,
			     ((c >> 8) & 255) / 255.0, (c & 255) / 255.0);
}

/* A URI as a Cairo attribute string: quoted, and every byte that is not
 * plainly a URI character percent-encoded. A PDF URI is 7-bit ASCII, and
 * Cairo 1.16 writes it into a PDF string without escaping backslashes or
 * parentheses, so none of those may reach it. */
static void
add_uri(struct fd_buf *b, const char *s)
{
	static const char safe[] = "-._~:/?#[]@!$&*+,;=%";

	fd_buf_addc(b, '\'');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr(safe, c) != NULL)
			fd_buf_addc(b, (char)c);
		else
			fd_buf_addf(b, "%%%02X", c);
	}
	fd_buf_addc(b, '\'');
}

static void
link_begin(cairo_t *cr, const struct fd_op *o)
{
	struct fd_buf b = {0};
	long x0 = (long)floor(o->x), y0 = (long)floor(o->y);
	long x1 = (long)ceil(o->x + o->w), y1 = (long)ceil(o->y + o->h);

	fd_buf_adds(&b, "uri=");
	add_uri(&b, o->text);
	fd_buf_addf(&b, " rect=[%ld %ld %ld %ld]", x0, y0, x1 - x0, y1 - y0);
	cairo_tag_begin(cr, CAIRO_TAG_LINK, b.data);
	fd_buf_free(&b);
}

static void
bookmark(cairo_surface_t *s, const struct fd_op *o, int page, int *ids)
{
	int level = o->level < 1 ? 1 : o->level > LEVELS ? LEVELS : o->level;
	int parent = CAIRO_PDF_OUTLINE_ROOT, l;
	char *attrs;

	/* Under the nearest heading of a higher level, if any. */
	for (l = level - 1; l >= 1; l--)
		if (ids[l - 1] != 0) {
			parent = ids[l - 1];
			break;
		}
	attrs = fd_xasprintf("page=%d pos=[%ld %ld]", page,
			     (long)floor(o->x), (long)floor(o->y));
	ids[level - 1] = cairo_pdf_surface_add_outline(
		s, parent, o->text, attrs, CAIRO_PDF_OUTLINE_FLAG_OPEN);
	for (l = level; l < LEVELS; l++)
		ids[l] = 0;
	free(attrs);
}

/* Shows run of layout at the current point. Pango blanks the space a line
 * breaks at (PANGO_GLYPH_EMPTY), and Cairo writes the text of a cluster
 * without glyphs as a marked-content sequence of its own (/Span
 * /ActualText), at which poppler stops reading the structure's text: that
 * space is shown as the font's own space glyph instead, as wide as Pango
 * made it (nothing), so it is text like any other. */
static void
show_run(cairo_t *cr, PangoLayout *layout, PangoGlyphItem *run)
{
	const char *text = pango_layout_get_text(layout);
	PangoGlyphString *g = run->glyphs;
	PangoFont *font = run->item->analysis.font;
	int last = g->num_glyphs - 1;
	PangoGlyphItem blank;
	guint sp;

	if (last < 0 || g->glyphs[last].glyph != PANGO_GLYPH_EMPTY ||
	    text[run->item->offset + g->log_clusters[last]] != ' ' ||
	    !PANGO_IS_FC_FONT(font) ||
	    (sp = pango_fc_font_get_glyph(PANGO_FC_FONT(font), ' ')) == 0) {
		pango_cairo_show_glyph_item(cr, text, run);
		return;
	}
	blank = *run;
	blank.glyphs = pango_glyph_string_copy(g);
	blank.glyphs->glyphs[last].glyph = sp;
	pango_cairo_show_glyph_item(cr, text, &blank);
	pango_glyph_string_free(blank.glyphs);
}

/* The surfaces being painted: the body, tagged, and one for each kind of
 * artifact, which finish.cc draws under the body's page inside /Artifact
 * marked content. */
struct painter {
	cairo_surface_t *s;		  /* the body's surface */
	cairo_t *cr;			  /* draws on s */
	cairo_surface_t *arts[FD_ART_N]; /* one surface a kind of artifact */
	cairo_t *art[FD_ART_N];		  /* draws on arts[k] */
	unsigned char *used;		  /* a page: bit k when art[k] drew */
	unsigned char *leaf;		  /* each operation in paint order:
					     a tag with no tag inside */
	size_t seq;			  /* the next operation's number */
	unsigned char *open;		  /* leaf of each tag open */
	size_t nopen;			  /* tags open */
	int ids[LEVELS];		  /* bookmark ids by level */
};

/* Cairo marks what is drawn while a leaf structure element (one with no
 * element inside it: a Span, a list label) is innermost, and leaves out
 * what is drawn in any other: P->leaf says which tags are leaves, from
 * the operations of every page in paint order. */
static void
find_leaves(struct painter *P, const struct fd_pages *pages)
{
	size_t n = 0, i, j, k, *stack, depth = 0;

	for (i = 0; i < pages->npages; i++)
		n += pages->pages[i].furniture.n + pages->pages[i].body.n;
	P->leaf = fd_xcalloc(n + 1, 1);
	P->open = fd_xcalloc(n + 1, 1);
	stack = fd_xcalloc(n + 1, sizeof *stack);
	n = 0;
	for (i = 0; i < pages->npages; i++)
		for (j = 0; j < 2; j++) {
			const struct fd_oplist *l =
				j ? &pages->pages[i].body
				  : &pages->pages[i].furniture;

			for (k = 0; k < l->n; k++, n++) {
				enum fd_op_kind kind = l->ops[k].kind;

				if (kind == FD_OP_BEGIN || kind == FD_OP_LINK) {
					if (depth > 0)
						P->leaf[stack[depth - 1]] = 0;
					P->leaf[n] = 1;
					stack[depth++] = n;
				} else if (kind == FD_OP_END && depth > 0) {
					depth--;
				}
			}
		}
	free(stack);
}

/* Where an operation of kind k is drawn: on the body inside a leaf tag
 * (Cairo marks it as that element's content), else on the surface of its
 * kind of artifact, noted in the page's bits. */
static cairo_t *
target(struct painter *P, enum fd_op_kind k, size_t page)
{
	int a;

	if (P->nopen > 0 && P->open[P->nopen - 1])
		return P->cr;
	a = k == FD_OP_WATERMARK ? FD_ART_WATERMARK
	    : k == FD_OP_RECT	 ? FD_ART_LAYOUT
				 : FD_ART_PAGINATION;
	P->used[page] |= (unsigned char)(1u << a);
	return P->art[a];
}

static void
draw(struct painter *P, const struct fd_oplist *l, size_t page)
{
	cairo_t *cr = P->cr;
	size_t i;

	for (i = 0; i < l->n; i++, P->seq++) {
		const struct fd_op *o = &l->ops[i];

		switch (o->kind) {
		case FD_OP_BEGIN:
			P->open[P->nopen++] = P->leaf[P->seq];
			cairo_tag_begin(P->cr, o->tag, "");
			break;
		case FD_OP_END:
			if (P->nopen > 0)
				P->nopen--;
			cairo_tag_end(P->cr, o->tag);
			break;
		case FD_OP_LINK:
			P->open[P->nopen++] = P->leaf[P->seq];
			link_begin(P->cr, o);
			break;
		case FD_OP_GLYPHS:
			cr = target(P, o->kind, page);
			set_colour(cr, o->colour);
			cairo_move_to(cr, o->x, o->y);
			show_run(cr, o->layout, o->run);
			break;
		case FD_OP_RECT:
			cr = target(P, o->kind, page);
			set_colour(cr, o->colour);
			cairo_rectangle(cr, o->x, o->y, o->w, o->h);
			cairo_fill(cr);
			break;
		case FD_OP_WATERMARK:
			/* Outlines, not text: neither extracted nor read. */
			cr = target(P, o->kind, page);
			cairo_save(cr);
			set_colour(cr, o->colour);
			cairo_translate(cr, o->x, o->y);
			cairo_rotate(cr, o->angle);
			cairo_move_to(cr, -o->w / 2, -o->h / 2);
			pango_cairo_layout_path(cr, o->layout);
			cairo_fill(cr);
			cairo_restore(cr);
			break;
		case FD_OP_BOOKMARK:
			bookmark(P->s, o, (int)page + 1, P->ids);
			break;
		case FD_OP_IMAGE:
			/* Checked when loaded (image.h): drawn whole. */
			fd_image_paint(o->image, cr, o->x, o->y, o->w, o->h);
			break;
		}
	}
}

static void
set_meta(cairo_surface_t *s, cairo_pdf_metadata_t key, const char *v)
{
	if (v != NULL && *v != '\0')
		cairo_pdf_surface_set_metadata(s, key, v);
}

/* Finishes surface s, drawn on by cr: its status, or the first error. */
static cairo_status_t
close_surface(cairo_t *cr, cairo_surface_t *s)
{
	cairo_status_t st = cairo_status(cr);

	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	return st;
}

int
fd_paint_pdf(const struct fd_pages *pages, const struct fd_doc *doc,
	     long long date, const char *name, struct fd_painted *out,
	     struct fd_diags *d)
{
	struct painter P = {0};
	cairo_status_t st;
	char when[32];
	time_t t = (time_t)date;
	struct tm tm;
	size_t i;
	int k;

	P.s = cairo_pdf_surface_create_for_stream(write_buf, &out->body,
						  pages->width, pages->height);
	gmtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	set_meta(P.s, CAIRO_PDF_METADATA_TITLE, doc->title);
	set_meta(P.s, CAIRO_PDF_METADATA_AUTHOR, doc->author);
	set_meta(P.s, CAIRO_PDF_METADATA_SUBJECT, doc->subject);
	set_meta(P.s, CAIRO_PDF_METADATA_KEYWORDS, doc->keywords);
	set_meta(P.s, CAIRO_PDF_METADATA_CREATOR, "findings");
	set_meta(P.s, CAIRO_PDF_METADATA_CREATE_DATE, when);
	set_meta(P.s, CAIRO_PDF_METADATA_MOD_DATE, when);
	P.cr = cairo_create(P.s);
	for (k = 0; k < FD_ART_N; k++) {
		P.arts[k] = cairo_pdf_surface_create_for_stream(
			write_buf, &out->art[k], pages->width, pages->height);
		set_meta(P.arts[k], CAIRO_PDF_METADATA_CREATE_DATE, when);
		set_meta(P.arts[k], CAIRO_PDF_METADATA_MOD_DATE, when);
		P.art[k] = cairo_create(P.arts[k]);
	}
	find_leaves(&P, pages);
	out->used = fd_xcalloc(pages->npages, 1);
	out->npages = pages->npages;
	P.used = out->used;
	cairo_tag_begin(P.cr, "Document", "");
	for (i = 0; i < pages->npages; i++) {
		draw(&P, &pages->pages[i].furniture, i);
		draw(&P, &pages->pages[i].body, i);
		if (i + 1 == pages->npages)
			cairo_tag_end(P.cr, "Document");
		cairo_show_page(P.cr);
		for (k = 0; k < FD_ART_N; k++)
			cairo_show_page(P.art[k]);
		if (cairo_status(P.cr) != CAIRO_STATUS_SUCCESS)
			break;
	}
	free(P.leaf);
	free(P.open);
	st = close_surface(P.cr, P.s);
	for (k = 0; k < FD_ART_N; k++) {
		cairo_status_t a = close_surface(P.art[k], P.arts[k]);

		if (st == CAIRO_STATUS_SUCCESS)
			st = a;
	}
	if (st != CAIRO_STATUS_SUCCESS) {
		fd_msg(d, M_PAINT, name, 0, 0, cairo_status_to_string(st));
		return -1;
	}
	return 0;
}

void
fd_painted_clear(struct fd_painted *p)
{
	int k;

	fd_buf_free(&p->body);
	for (k = 0; k < FD_ART_N; k++)
		fd_buf_free(&p->art[k]);
	free(p->used);
	p->used = NULL;
	p->npages = 0;
}
