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
 * finish.c draws each of those pages under the body's page as a form
 * XObject inside /Artifact marked content of its kind, so the body's
 * content streams are copied as Cairo wrote them, never parsed.
 */
#include "paint.h"

#include <cairo-pdf.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-font.h>
#include <pthread.h>
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

/* Where tag scanning stands on one page: whether each of its tags is a
 * leaf (LEAF_UNKNOWN until a tag opens inside it or it closes). */
enum { LEAF_NO, LEAF_YES, LEAF_UNKNOWN };

struct pagetags {
	unsigned char *leaf[2]; /* furniture's and body's operations */
	size_t unknown;		/* tags whose leafness is not known */
};

/* A tag open while scanning: where its BEGIN is, and whether its
 * leafness is known (its page may be painted and its flags freed). */
struct openat {
	size_t page;
	int list;
	size_t op;
	int known;
};

/* The surfaces being painted: the body, tagged, and one for each kind of
 * artifact, which finish.c draws under the body's page inside /Artifact
 * marked content. Pages are painted as the layout hands them over, in a
 * thread of their own. */
struct fd_painter {
	cairo_surface_t *s;		  /* the body's surface */
	cairo_t *cr;			  /* draws on s */
	cairo_surface_t *arts[FD_ART_N]; /* one surface a kind of artifact */
	cairo_t *art[FD_ART_N];		  /* draws on arts[k] */
	struct fd_painted *out;		  /* what is written */
	unsigned char *open;		  /* leafness of each tag open */
	size_t nopen, capopen;		  /* tags open while painting */
	int ids[LEVELS];		  /* bookmark ids by level */
	struct pagetags *pt;		  /* each page scanned */
	size_t scanned;			  /* pages scanned */
	size_t painted;			  /* pages painted */
	struct openat *stack;		  /* tags open while scanning */
	size_t depth, capstack;		  /* used and allocated */
	struct fd_oplist *later;	  /* each page: what is painted on
					     the pagination surface at the
					     end, with the page numbers */
	size_t caplater;		  /* allocated entries in later, pt */
	int done;			  /* every page painted */
	struct fd_op wm_op;		  /* the watermark drawn as an
					     artifact */
	long wm_page;			  /* its page, or -1 */
	struct fd_page **pg;		  /* the pages taken to paint */
	size_t npg, cappg;		  /* taken, allocated */

	/* Between the layout's thread, which hands pages over, and the
	 * painting thread (the fields above are its own). */
	pthread_mutex_t lock;
	pthread_cond_t cond;		  /* pages given, painted, or quit */
	pthread_t thread;
	int threaded;			  /* the painting thread runs */
	struct fd_page **given;		  /* each page handed over: the
					     painter's own, freed by it */
	size_t ngiven, capgiven;	  /* handed over, allocated */
	int final;			  /* the last page and the numbers
					     are handed over */
	int taken_final;		  /* the painter has taken them */
	size_t shown;			  /* pages painted, as the layout
					     sees it */
	int failed;			  /* Cairo failed */
	int finished;			  /* the painter is done: every page
					     painted, or failed */
	int body_done;			  /* every page of the body painted
					     (final): its surface is the
					     layout's thread's to finish */
	int idle;			  /* it waits, every page taken: the
					     next pages are wanted first */
	int quit;			  /* paint no more */
	cairo_status_t arts_st;		  /* how the painter finished the
					     artifact surfaces (after the last
					     page: done) */
};

static void *painting(void *arg);

/* Records a structure element, in the order Cairo creates them. */
static void
tagrec(struct fd_painted *out, const char *tag, const struct fd_op *o)
{
	struct fd_tagrec *r;

	if (out->ntags == out->captags) {
		out->captags = out->captags ? out->captags * 2 : 256;
		out->tags = fd_xreallocarray(out->tags, out->captags,
					     sizeof *out->tags);
	}
	r = &out->tags[out->ntags++];
	r->tag = tag;
	r->label = o ? o->label : NULL;
	r->node = o ? o->node : NULL;
	r->link = o != NULL && o->kind == FD_OP_LINK;
}

/* Makes room for page i in the per-page arrays. */
static void
page_room(struct fd_painter *P, size_t i)
{
	size_t cap = P->caplater;

	if (i < cap)
		return;
	while (cap <= i)
		cap = cap ? cap * 2 : 16;
	P->later = fd_xreallocarray(P->later, cap, sizeof *P->later);
	P->pt = fd_xreallocarray(P->pt, cap, sizeof *P->pt);
	P->out->used = fd_xreallocarray(P->out->used, cap, 1);
	P->out->wm_like = fd_xreallocarray(P->out->wm_like, cap,
					   sizeof *P->out->wm_like);
	for (size_t j = P->caplater; j < cap; j++)
		P->out->wm_like[j] = -1;
	memset(P->later + P->caplater, 0,
	       (cap - P->caplater) * sizeof *P->later);
	memset(P->pt + P->caplater, 0, (cap - P->caplater) * sizeof *P->pt);
	memset(P->out->used + P->caplater, 0, cap - P->caplater);
	P->caplater = cap;
}

/* Cairo marks what is drawn while a leaf structure element (one with no
 * element inside it: a Span, a list label) is innermost, and leaves out
 * what is drawn in any other. Scans page i's operations in paint order,
 * deciding for each tag opened, here or on an earlier page, whether it
 * is a leaf as soon as a tag opens inside it or it closes. */
static void
scan_page(struct fd_painter *P, const struct fd_page *pg, size_t i)
{
	struct pagetags *t = &P->pt[i];
	int j;

	for (j = 0; j < 2; j++) {
		const struct fd_oplist *l = j ? &pg->body : &pg->furniture;
		size_t k;

		t->leaf[j] = fd_xcalloc(l->n + 1, 1);
		for (k = 0; k < l->n; k++) {
			enum fd_op_kind kind = l->ops[k].kind;

			if (kind == FD_OP_BEGIN || kind == FD_OP_LINK) {
				if (P->depth > 0 &&
				    !P->stack[P->depth - 1].known) {
					struct openat *o =
						&P->stack[P->depth - 1];

					P->pt[o->page].leaf[o->list][o->op] =
						LEAF_NO;
					P->pt[o->page].unknown--;
					o->known = 1;
				}
				if (P->depth == P->capstack) {
					P->capstack = P->capstack
							      ? P->capstack * 2
							      : 32;
					P->stack = fd_xreallocarray(
						P->stack, P->capstack,
						sizeof *P->stack);
				}
				P->stack[P->depth].page = i;
				P->stack[P->depth].list = j;
				P->stack[P->depth].known = 0;
				P->stack[P->depth++].op = k;
				t->leaf[j][k] = LEAF_UNKNOWN;
				t->unknown++;
			} else if (kind == FD_OP_END && P->depth > 0) {
				struct openat *o = &P->stack[--P->depth];

				if (!o->known) {
					P->pt[o->page].leaf[o->list][o->op] =
						LEAF_YES;
					P->pt[o->page].unknown--;
				}
			}
		}
	}
}

/* Keeps o to paint on the pagination surface at the end. */
static void
defer(struct fd_painter *P, const struct fd_op *o, size_t page)
{
	struct fd_oplist *l = &P->later[page];

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->ops = fd_xreallocarray(l->ops, l->cap, sizeof *l->ops);
	}
	l->ops[l->n] = *o;
	if (o->layout != NULL)
		g_object_ref(o->layout);
	l->n++;
}

/* Where an operation of kind k is drawn: on the body inside a leaf tag
 * (Cairo marks it as that element's content), else on the surface of its
 * kind of artifact, noted in the page's bits; NULL for the pagination
 * surface, which is painted at the end (defer). */
static cairo_t *
target(struct fd_painter *P, enum fd_op_kind k, size_t page)
{
	int a;

	if (P->nopen > 0 && P->open[P->nopen - 1])
		return P->cr;
	a = k == FD_OP_WATERMARK ? FD_ART_WATERMARK
	    : k == FD_OP_RECT	 ? FD_ART_LAYOUT
				 : FD_ART_PAGINATION;
	P->out->used[page] |= (unsigned char)(1u << a);
	return a == FD_ART_PAGINATION ? NULL : P->art[a];
}

/* Whether watermarks a and b draw the same thing in the same place. */
static int
same_watermark(const struct fd_op *a, const struct fd_op *b)
{
	return a->layout == b->layout && a->x == b->x && a->y == b->y &&
	       a->w == b->w && a->h == b->h && a->angle == b->angle &&
	       a->colour == b->colour;
}

static void
push_open(struct fd_painter *P, unsigned char leaf)
{
	if (P->nopen == P->capopen) {
		P->capopen = P->capopen ? P->capopen * 2 : 32;
		P->open = fd_xreallocarray(P->open, P->capopen, 1);
	}
	P->open[P->nopen++] = leaf;
}

/* Draws l, of page `page`; leaf says which of its tags are leaves, and
 * cr, when not NULL, takes everything (the pagination surface's pass). */
static void
draw(struct fd_painter *P, const struct fd_oplist *l,
     const unsigned char *leaf, size_t page, cairo_t *all)
{
	cairo_t *cr = P->cr;
	size_t i;

	for (i = 0; i < l->n; i++) {
		const struct fd_op *o = &l->ops[i];

		if (all == NULL &&
		    (o->kind == FD_OP_GLYPHS || o->kind == FD_OP_RECT ||
		     o->kind == FD_OP_WATERMARK || o->kind == FD_OP_IMAGE) &&
		    (cr = target(P, o->kind == FD_OP_IMAGE ? FD_OP_GLYPHS
							   : o->kind,
				 page)) == NULL) {
			defer(P, o, page);
			continue;
		}
		/* The pagination pass only draws: the body's surface may
		 * be being finished meanwhile (fd_paint_end). */
		if (all != NULL && o->kind != FD_OP_GLYPHS &&
		    o->kind != FD_OP_RECT && o->kind != FD_OP_WATERMARK &&
		    o->kind != FD_OP_IMAGE)
			continue;
		if (all != NULL)
			cr = all;
		switch (o->kind) {
		case FD_OP_BEGIN:
			push_open(P, leaf[i] != LEAF_NO);
			cairo_tag_begin(P->cr, o->tag, "");
			tagrec(P->out, o->tag, o);
			break;
		case FD_OP_END:
			if (P->nopen > 0)
				P->nopen--;
			cairo_tag_end(P->cr, o->tag);
			break;
		case FD_OP_LINK:
			push_open(P, leaf[i] != LEAF_NO);
			link_begin(P->cr, o);
			tagrec(P->out, "Link", o);
			break;
		case FD_OP_GLYPHS:
			set_colour(cr, o->colour);
			cairo_move_to(cr, o->x, o->y);
			show_run(cr, o->layout, o->run);
			break;
		case FD_OP_RECT:
			set_colour(cr, o->colour);
			cairo_rectangle(cr, o->x, o->y, o->w, o->h);
			cairo_fill(cr);
			break;
		case FD_OP_WATERMARK:
			/* The same artifact on every page is drawn once:
			 * finishing shows that page's form again. */
			if (cr == P->art[FD_ART_WATERMARK] && all == NULL) {
				if (P->wm_page >= 0 &&
				    same_watermark(&P->wm_op, o)) {
					P->out->wm_like[page] = P->wm_page;
					break;
				}
				P->wm_op = *o;
				P->wm_page = (long)page;
			}
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

/* The artifact surfaces, finished beside the body's. */
struct arts {
	cairo_t **cr;		/* FD_ART_N of them */
	cairo_surface_t **s;	/* what each draws on */
	cairo_status_t st;	/* the first error */
};

static void *
close_arts(void *arg)
{
	struct arts *a = arg;
	cairo_status_t st;
	int k;

	a->st = CAIRO_STATUS_SUCCESS;
	for (k = 0; k < FD_ART_N; k++) {
		st = close_surface(a->cr[k], a->s[k]);
		if (a->st == CAIRO_STATUS_SUCCESS)
			a->st = st;
	}
	return NULL;
}

struct fd_painter *
fd_paint_begin(const struct fd_doc *doc, double width, double height,
	       long long date, struct fd_painted *out)
{
	struct fd_painter *P = fd_xcalloc(1, sizeof *P);
	char when[32];
	time_t t = (time_t)date;
	struct tm tm;
	int k;

	P->out = out;
	P->wm_page = -1;
	P->s = cairo_pdf_surface_create_for_stream(write_buf, &out->body,
						   width, height);
	gmtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	set_meta(P->s, CAIRO_PDF_METADATA_TITLE, doc->title);
	set_meta(P->s, CAIRO_PDF_METADATA_AUTHOR, doc->author);
	set_meta(P->s, CAIRO_PDF_METADATA_SUBJECT, doc->subject);
	set_meta(P->s, CAIRO_PDF_METADATA_KEYWORDS, doc->keywords);
	set_meta(P->s, CAIRO_PDF_METADATA_CREATOR, "findings");
	set_meta(P->s, CAIRO_PDF_METADATA_CREATE_DATE, when);
	set_meta(P->s, CAIRO_PDF_METADATA_MOD_DATE, when);
	P->cr = cairo_create(P->s);
	for (k = 0; k < FD_ART_N; k++) {
		P->arts[k] = cairo_pdf_surface_create_for_stream(
			write_buf, &out->art[k], width, height);
		set_meta(P->arts[k], CAIRO_PDF_METADATA_CREATE_DATE, when);
		set_meta(P->arts[k], CAIRO_PDF_METADATA_MOD_DATE, when);
		P->art[k] = cairo_create(P->arts[k]);
	}
	cairo_tag_begin(P->cr, "Document", "");
	tagrec(out, "Document", NULL);
	pthread_mutex_init(&P->lock, NULL);
	pthread_cond_init(&P->cond, NULL);
	/* Pages are painted in a thread of their own while the next are
	 * laid out; without one, as they are handed over. */
	P->threaded = pthread_create(&P->thread, NULL, painting, P) == 0;
	return P;
}

/* Paints page i on the body and the watermark and layout surfaces, and
 * frees its operations; last: the document's last page. */
static void
paint_page(struct fd_painter *P, size_t i, int last)
{
	struct fd_page *pg = P->pg[i];
	int k;

	draw(P, &pg->furniture, P->pt[i].leaf[0], i, NULL);
	draw(P, &pg->body, P->pt[i].leaf[1], i, NULL);
	if (last)
		cairo_tag_end(P->cr, "Document");
	cairo_show_page(P->cr);
	for (k = 0; k < FD_ART_PAGINATION; k++)
		if (fd_painted_art_shown(P->out, k, i))
			cairo_show_page(P->art[k]);
	free(P->pt[i].leaf[0]);
	free(P->pt[i].leaf[1]);
	P->pt[i].leaf[0] = P->pt[i].leaf[1] = NULL;
	fd_oplist_free(&pg->furniture);
	fd_oplist_free(&pg->body);
}

/* Paints the pages taken that are ready (a page is, when the tags it
 * opens are known to be leaves or not); when final, every page, and the
 * page numbers. Returns 0, or -1 when Cairo failed. */
static int
paint_ready(struct fd_painter *P, int final)
{
	size_t i;

	page_room(P, P->npg);
	for (; P->scanned < P->npg; P->scanned++)
		scan_page(P, P->pg[P->scanned], P->scanned);
	/* A page waits for its tags' leafness; at the end, a tag left open
	 * is a leaf. The last is known when it is made (the document's tag
	 * closes on it). */
	while (P->painted < P->npg &&
	       (final || P->pt[P->painted].unknown == 0)) {
		paint_page(P, P->painted, !P->pg[P->painted]->more);
		P->painted++;
		if (cairo_status(P->cr) != CAIRO_STATUS_SUCCESS)
			return -1;
	}
	if (!final)
		return 0;
	/* The body is painted: the layout's thread finishes its surface
	 * while the page numbers are painted here. */
	pthread_mutex_lock(&P->lock);
	P->body_done = 1;
	P->shown = P->painted;
	pthread_cond_broadcast(&P->cond);
	pthread_mutex_unlock(&P->lock);
	/* The pagination surface: the untagged text of each page, its
	 * number last. */
	for (i = 0; i < P->npg; i++) {
		cairo_t *cr = P->art[FD_ART_PAGINATION];

		draw(P, &P->later[i], NULL, i, cr);
		draw(P, &P->pg[i]->numbers, NULL, i, cr);
		if (P->later[i].n + P->pg[i]->numbers.n > 0)
			P->out->used[i] |= 1u << FD_ART_PAGINATION;
		if (fd_painted_art_shown(P->out, FD_ART_PAGINATION, i))
			cairo_show_page(cr);
		fd_oplist_free(&P->later[i]);
		fd_oplist_free(&P->pg[i]->numbers);
	}
	P->out->npages = P->npg;
	P->done = 1;
	return 0;
}

/* Takes the pages handed over since the last time (lock held); returns
 * whether the last has been. */
static int
take(struct fd_painter *P)
{
	if (P->cappg < P->ngiven) {
		P->cappg = P->capgiven;
		P->pg = fd_xreallocarray(P->pg, P->cappg, sizeof *P->pg);
	}
	for (; P->npg < P->ngiven; P->npg++)
		P->pg[P->npg] = P->given[P->npg];
	P->taken_final = P->final;
	return P->final;
}

/* The painting thread: the pages handed over, in order, as they come. */
static void *
painting(void *arg)
{
	struct fd_painter *P = arg;
	int final, rc;

	pthread_mutex_lock(&P->lock);
	for (;;) {
		while (!P->quit && P->npg == P->ngiven &&
		       P->taken_final == P->final) {
			P->idle = 1;
			pthread_cond_broadcast(&P->cond);
			pthread_cond_wait(&P->cond, &P->lock);
		}
		P->idle = 0;
		if (P->quit)
			break;
		final = take(P);
		pthread_mutex_unlock(&P->lock);
		rc = paint_ready(P, final);
		pthread_mutex_lock(&P->lock);
		P->shown = P->painted;
		P->failed = rc != 0;
		P->finished = final || rc != 0;
		pthread_cond_broadcast(&P->cond);
		if (P->finished)
			break;
	}
	pthread_mutex_unlock(&P->lock);
	/* Every page painted: the artifact surfaces are finished here while
	 * the body's is in the layout's thread (fd_paint_end). */
	if (P->done) {
		struct arts a = {P->art, P->arts, CAIRO_STATUS_SUCCESS};

		close_arts(&a);
		P->arts_st = a.st;
	}
	return NULL;
}

/* Pango makes a font's Cairo font when it is first asked for: the font
 * of each run of these pages is asked for here, in the layout's thread,
 * so that the painting thread only reads it (the watermark's: where it
 * is made, layout_furniture.c). */
static void
fonts_made(const struct fd_oplist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		PangoFont *f;

		if (l->ops[i].kind != FD_OP_GLYPHS)
			continue;
		f = l->ops[i].run->item->analysis.font;
		if (PANGO_IS_CAIRO_FONT(f))
			pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(f));
	}
}

/* Hands page i of p over to the painter (lock held): p keeps an empty
 * page. */
static void
give(struct fd_painter *P, struct fd_pages *p, size_t i)
{
	struct fd_page *pg = fd_xmalloc(sizeof *pg);

	*pg = p->pages[i];
	memset(&p->pages[i], 0, sizeof p->pages[i]);
	if (P->ngiven == P->capgiven) {
		P->capgiven = P->capgiven ? P->capgiven * 2 : 16;
		P->given = fd_xreallocarray(P->given, P->capgiven,
					    sizeof *P->given);
	}
	P->given[P->ngiven++] = pg;
}

/* Stops the painting thread, if it runs, and waits for it. */
static void
stop(struct fd_painter *P)
{
	if (!P->threaded)
		return;
	pthread_mutex_lock(&P->lock);
	P->quit = 1;
	pthread_cond_broadcast(&P->cond);
	pthread_mutex_unlock(&P->lock);
	pthread_join(P->thread, NULL);
	P->threaded = 0;
}

int
fd_paint_pages(struct fd_painter *P, struct fd_pages *p, int final)
{
	size_t i, before = P->ngiven;
	int rc;

	if (final < 0) {
		stop(P);
		return 0;
	}
	for (i = before; i < p->npages; i++) {
		fonts_made(&p->pages[i].furniture);
		fonts_made(&p->pages[i].body);
	}
	pthread_mutex_lock(&P->lock);
	for (i = before; i < p->npages; i++)
		give(P, p, i);
	/* The page numbers, made with the last page, of the pages handed
	 * over before (the others took theirs along). */
	for (i = 0; final && i < before; i++) {
		P->given[i]->numbers = p->pages[i].numbers;
		memset(&p->pages[i].numbers, 0, sizeof p->pages[i].numbers);
	}
	for (i = 0; final && i < P->ngiven; i++)
		fonts_made(&P->given[i]->numbers);
	P->final = final;
	if (!P->threaded) {
		take(P);
		pthread_mutex_unlock(&P->lock);
		return paint_ready(P, final);
	}
	pthread_cond_broadcast(&P->cond);
	/* The layout waits at the last page for every page of the body to
	 * be painted (not the numbers), and before it for the painter to be
	 * no more than two pages behind, unless it waits for more (a tag's
	 * leafness is not known yet): the pages held are few, whatever the
	 * length. */
	while (!P->finished &&
	       (final ? !P->body_done
		      : P->ngiven > P->shown + 2 &&
				!(P->idle && P->npg == P->ngiven)))
		pthread_cond_wait(&P->cond, &P->lock);
	rc = P->failed ? -1 : 0;
	pthread_mutex_unlock(&P->lock);
	return rc;
}

int
fd_paint_end(struct fd_painter *P, const char *name, struct fd_diags *d)
{
	struct arts a = {P->art, P->arts, CAIRO_STATUS_SUCCESS};
	cairo_status_t st;
	pthread_t t;
	size_t i;
	int k, beside, body = 0;

	if (P->threaded) {
		pthread_mutex_lock(&P->lock);
		body = P->body_done;
		pthread_mutex_unlock(&P->lock);
	}
	/* A painter that painted every page of the body paints the page
	 * numbers and finishes the artifact surfaces, beside the body's
	 * finished here. */
	if (body) {
		st = close_surface(P->cr, P->s);
		stop(P);
		if (P->done)
			a.st = P->arts_st;
		else
			close_arts(&a);
	} else {
		stop(P);
		/* Finishing writes each surface's fonts: the artifacts' in a
		 * thread of their own while the body's are written here
		 * (cairo locks what its surfaces share; nothing else runs
		 * meanwhile). */
		beside = pthread_create(&t, NULL, close_arts, &a) == 0;
		st = close_surface(P->cr, P->s);
		if (beside)
			pthread_join(t, NULL);
		else
			close_arts(&a);
	}
	for (i = 0; i < P->ngiven; i++) {
		fd_page_free(P->given[i]);
		free(P->given[i]);
	}
	free(P->given);
	free(P->pg);
	pthread_cond_destroy(&P->cond);
	pthread_mutex_destroy(&P->lock);
	if (st == CAIRO_STATUS_SUCCESS)
		st = a.st;
	for (i = 0; i < P->caplater; i++) {
		fd_oplist_free(&P->later[i]);
		free(P->pt[i].leaf[0]);
		free(P->pt[i].leaf[1]);
	}
	free(P->later);
	free(P->pt);
	free(P->stack);
	free(P->open);
	k = P->done;
	free(P);
	if (st != CAIRO_STATUS_SUCCESS) {
		if (name != NULL)
			fd_msg(d, M_PAINT, name, 0, 0,
			       cairo_status_to_string(st));
		return -1;
	}
	return k ? 0 : -1;
}

int
fd_painted_art_shown(const struct fd_painted *p, int k, size_t i)
{
	return (p->used[i] & (1u << k)) != 0 &&
	       !(k == FD_ART_WATERMARK && p->wm_like[i] >= 0);
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
	free(p->wm_like);
	p->wm_like = NULL;
	p->npages = 0;
	free(p->tags);
	p->tags = NULL;
	p->ntags = p->captags = 0;
}
