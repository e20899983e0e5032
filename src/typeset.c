/*
 * typeset.c: the engine's entry point: document tree, style, layout,
 * paint, finish. Each stage reports its own errors; a stage runs only when
 * the one before it succeeded.
 */
#include "typeset.h"

#include <errno.h>
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "datadir.h"
#include "doctree.h"
#include "finish.h"
#include "layout.h"
#include "paint.h"
#include "style.h"

/* Free heap, in bytes, from which it is given back before finishing. */
#define TRIM_FROM (4u << 20)

/* The creation date: the caller's, else SOURCE_DATE_EPOCH, else 0, so
 * that the same input always gives the same bytes. */
static long long
pick_date(long long given)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	long long v;
	char *end;

	if (given >= 0)
		return given;
	if (e == NULL || *e == '\0')
		return 0;
	errno = 0;
	v = strtoll(e, &end, 10);
	/* Up to the end of year 9999, as PDF dates allow. */
	if (*end != '\0' || errno != 0 || v < 0 || v > 253402300799LL)
		return 0;
	return v;
}

static char *
default_style(struct fd_diags *d)
{
	struct fd_datadir dd;
	char *s;

	if (fd_datadir_find(&dd, NULL, d) != 0)
		return NULL;
	s = fd_datadir_style(&dd, NULL);
	fd_datadir_clear(&dd);
	return s;
}

static int
paint_cb(void *arg, struct fd_pages *p, int final)
{
	return fd_paint_pages(arg, p, final);
}

void
fd_typeset_prepare(const char *style_path, const char *schema_dir)
{
	struct fd_diags *quiet = fd_diags_new();
	struct fd_style *st = fd_style_load(style_path, schema_dir, quiet);

	if (st != NULL) {
		const char *families[] = {st->family, st->mono, NULL};

		fd_layout_fonts(st->fonts_conf, families);
	}
	fd_style_free(st);
	fd_diags_free(quiet);
}

int
fd_typeset_doc(const struct fd_doc *doc, const char *name,
	    const struct fd_typeset_opts *o, struct fd_diags *d, char **pdf,
	    size_t *len)
{
	char *style_path = NULL;
	struct fd_style *own = NULL;
	const struct fd_style *st = o->style;
	struct fd_pages *pages = NULL;
	struct fd_painted raw = {0};
	struct fd_painter *P;
	long long date = pick_date(o->create_date);
	int rc = -1;

	*pdf = NULL;
	*len = 0;
	if (st == NULL && o->style_path == NULL &&
	    (style_path = default_style(d)) == NULL)
		goto out;
	if (st == NULL &&
	    (st = own = fd_style_load(o->style_path ? o->style_path
						    : style_path,
				      o->schema_dir, d)) == NULL)
		goto out;
	/* Each page is painted as soon as it is laid out, and its text
	 * freed: the pages' text is never all held at once. */
	P = fd_paint_begin(doc, st->page_w, st->page_h, date, &raw);
	pages = fd_layout(doc, st, d, paint_cb, P);
	if (fd_paint_end(P, pages != NULL ? name : NULL, d) != 0 ||
	    pages == NULL)
		goto out;
#ifdef __GLIBC__
	/* The text laid out and painted is freed; give its pages back
	 * before finishing reads the file, when they are many (a long
	 * document: 5 MB less at its peak at 391 pages); a short one's are
	 * not worth the time (0.1 ms of a four-page letter). */
	if (mallinfo2().fordblks > TRIM_FROM)
		malloc_trim(0);
#endif
	rc = fd_finish_pdf(&raw, doc, date, name, pdf, len, d);
out:
	fd_painted_clear(&raw);
	fd_pages_free(pages);
	fd_style_free(own);
	free(style_path);
	return rc;
}

int
fd_typeset_fits(const struct fd_doc *doc, const struct fd_typeset_opts *o,
		 struct fd_diags *d)
{
	char *style_path = NULL;
	struct fd_style *st = NULL;
	struct fd_pages *pages = NULL;

	if ((o->style_path != NULL || (style_path = default_style(d)) != NULL) &&
	    (st = fd_style_load(o->style_path ? o->style_path : style_path,
				o->schema_dir, d)) != NULL)
		pages = fd_layout(doc, st, d, NULL, NULL);
	fd_pages_free(pages);
	fd_style_free(st);
	free(style_path);
	return pages != NULL ? 0 : -1;
}
