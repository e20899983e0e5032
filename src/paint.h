/*
 * paint.h: pages of drawing operations (layout.h) painted on Cairo's PDF
 * surfaces, into memory. Private to the typesetting engine.
 */
#ifndef FD_PAINT_H
#define FD_PAINT_H

#include "diag.h"
#include "doctree.h"
#include "layout.h"
#include "util.h"

/* The kinds of artifact, each painted on a surface of its own. */
enum fd_art {
	FD_ART_WATERMARK,  /* /Artifact /Pagination /Watermark */
	FD_ART_LAYOUT,	   /* rules, borders, shading: /Artifact /Layout */
	FD_ART_PAGINATION, /* furniture text, repeated heads: /Pagination */
	FD_ART_N
};

/* A structure element as paint opened it, in order (the Document first):
 * what finishing gives it that Cairo cannot (finish.h). */
struct fd_tagrec {
	const char *tag;	    /* its type, "Link" for a link */
	const char *label;	    /* /ActualText, /Alt or a link's /Contents */
	const struct fd_node *node; /* a table row or cell, or NULL */
	int link;		    /* opened by FD_OP_LINK */
};

/* What paint writes: the tagged body, and for each kind of artifact a PDF
 * with a page for each of the body's. */
struct fd_painted {
	struct fd_buf body;	      /* the tagged PDF */
	struct fd_buf art[FD_ART_N];  /* a PDF for each kind of artifact */
	unsigned char *used;	      /* a page: bit k when art[k] has
					 something on it */
	long *wm_like;		      /* a page: the earlier page whose
					 watermark artifact it shows, the
					 same, or -1 (drawn once, shown on
					 every page) */
	size_t npages;		      /* entries in used and wm_like */
	struct fd_tagrec *tags;	      /* structure elements, in order */
	size_t ntags, captags;	      /* used and allocated */
};

/* Whether body page i has a page of its own in art[k]: it uses art[k]
 * and, for the watermark, shows no earlier page's (wm_like). A page that
 * draws nothing of a kind has none, so that art[k]'s pages are those of
 * the body pages for which this is true, in order (Cairo's file has one
 * blank page when there are none). */
int fd_painted_art_shown(const struct fd_painted *p, int k, size_t i);

struct fd_painter;

/*
 * Starts painting into out pages of width by height points: the body,
 * whose metadata (title, author, subject, keywords) come from doc,
 * created at date (seconds since the epoch), everything inside one
 * Document structure tag; and what is drawn outside any leaf tag into
 * the PDF of its kind of artifact.
 */
struct fd_painter *fd_paint_begin(const struct fd_doc *doc, double width,
				  double height, long long date,
				  struct fd_painted *out);
/*
 * Takes the pages of p not taken before (p keeps them empty) and paints
 * them in the painter's thread while the layout goes on: each page when
 * it is ready (the tags it opens are known to be leaves or not), then
 * frees its operations. When final is 1, every page, painted before this
 * returns, and the page numbers, painted while fd_paint_end finishes the
 * body's surface; when -1, nothing more (the layout failed). The layout waits when the painting is more
 * than two pages behind. Made to be the layout's callback (layout.h).
 * Returns 0, or -1 when Cairo failed.
 */
int fd_paint_pages(struct fd_painter *P, struct fd_pages *p, int final);
/* Ends the painter's thread, finishes the surfaces and frees P. Returns
 * 0, or reports an error and returns -1; either way the caller clears
 * out. */
int fd_paint_end(struct fd_painter *P, const char *name, struct fd_diags *d);

/* Frees what out holds; out can be painted into again. */
void fd_painted_clear(struct fd_painted *out);

#endif
