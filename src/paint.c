/*
 * paint.c: drawing operations on Cairo's PDF surface, into memory.
 *
 * Cairo 1.16 traps, found by experiment (LIBRARIES.md): everything goes
 * inside one Document tag, or links make a damaged file; text must sit in
 * a leaf tag (Span) to enter the structure tree, which is also why the
 * page furniture, drawn while only non-leaf tags are open, stays out of it
 * (Artifact would destroy the surface: finish.cc marks what is painted
 * outside any tag as an artifact, and relies on each page's furniture
 * being painted first); tag attributes get whole numbers, so no locale
 * can put a comma in them.
 */
#include "paint.h"

#include <cairo-pdf.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

static void
draw(cairo_t *cr, cairo_surface_t *s, const struct fd_oplist *l, int page,
     int *ids)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		const struct fd_op *o = &l->ops[i];

		switch (o->kind) {
		case FD_OP_BEGIN:
			cairo_tag_begin(cr, o->tag, "");
			break;
		case FD_OP_END:
			cairo_tag_end(cr, o->tag);
			break;
		case FD_OP_LINK:
			link_begin(cr, o);
			break;
		case FD_OP_GLYPHS:
			set_colour(cr, o->colour);
			cairo_move_to(cr, o->x, o->y);
			pango_cairo_show_glyph_item(
				cr, pango_layout_get_text(o->layout), o->run);
			break;
		case FD_OP_RECT:
			set_colour(cr, o->colour);
			cairo_rectangle(cr, o->x, o->y, o->w, o->h);
			cairo_fill(cr);
			break;
		case FD_OP_WATERMARK:
			/* Outlines, not text: neither extracted nor read. */
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
			bookmark(s, o, page, ids);
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

int
fd_paint_pdf(const struct fd_pages *pages, const struct fd_doc *doc,
	     long long date, const char *name, struct fd_buf *out,
	     struct fd_diags *d)
{
	cairo_surface_t *s;
	cairo_t *cr;
	cairo_status_t st;
	int ids[LEVELS] = {0};
	char when[32];
	time_t t = (time_t)date;
	struct tm tm;
	size_t i;

	s = cairo_pdf_surface_create_for_stream(write_buf, out, pages->width,
						pages->height);
	gmtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	set_meta(s, CAIRO_PDF_METADATA_TITLE, doc->title);
	set_meta(s, CAIRO_PDF_METADATA_AUTHOR, doc->author);
	set_meta(s, CAIRO_PDF_METADATA_SUBJECT, doc->subject);
	set_meta(s, CAIRO_PDF_METADATA_KEYWORDS, doc->keywords);
	set_meta(s, CAIRO_PDF_METADATA_CREATOR, "findings");
	set_meta(s, CAIRO_PDF_METADATA_CREATE_DATE, when);
	set_meta(s, CAIRO_PDF_METADATA_MOD_DATE, when);
	cr = cairo_create(s);
	cairo_tag_begin(cr, "Document", "");
	for (i = 0; i < pages->npages; i++) {
		draw(cr, s, &pages->pages[i].furniture, (int)i + 1, ids);
		draw(cr, s, &pages->pages[i].body, (int)i + 1, ids);
		if (i + 1 == pages->npages)
			cairo_tag_end(cr, "Document");
		cairo_show_page(cr);
		if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
			break;
	}
	st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		fd_diag(d, FD_IOERR, name, 0, 0, "cannot paint the PDF: %s",
			cairo_status_to_string(st));
		return -1;
	}
	return 0;
}
