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

/* What paint writes: the tagged body, and for each kind of artifact a PDF
 * with a page for each of the body's. */
struct fd_painted {
	struct fd_buf body;	      /* the tagged PDF */
	struct fd_buf art[FD_ART_N];  /* a PDF for each kind of artifact */
	unsigned char *used;	      /* a page: bit k when art[k] has
					 something on it */
	size_t npages;		      /* entries in used */
};

/*
 * Paints pages into out: the body, whose metadata (title, author, subject,
 * keywords) come from doc, created at date (seconds since the epoch),
 * everything inside one Document structure tag; and what is drawn outside
 * any leaf tag into the PDF of its kind of artifact. Returns 0, or reports an
 * error and returns -1; either way the caller clears out.
 */
int fd_paint_pdf(const struct fd_pages *pages, const struct fd_doc *doc,
		 long long date, const char *name, struct fd_painted *out,
		 struct fd_diags *d);

/* Frees what out holds; out can be painted into again. */
void fd_painted_clear(struct fd_painted *out);

#endif
