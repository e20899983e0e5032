/*
 * layout.h: the document tree laid out into pages with Pango. Private to
 * the typesetting engine (typeset.c, paint.c).
 *
 * Each text block is one PangoLayout, set in the style's fonts through a
 * private fontconfig configuration (styles/fonts.conf), at 72 dpi with
 * unrounded glyph positions, so that layout in points is what the PDF
 * prints. Lines are placed by us: pagination, widows and orphans, keeps,
 * list labels, tables and the page furniture. The result is one list of
 * drawing operations a page, in reading order, with the structure tags
 * around them; paint.c turns it into PDF without measuring anything.
 *
 * Pages are handed over as they are made (fd_layout's callback), so that
 * a page can be painted, in a thread of its own (paint.c), and its text
 * freed while the next is laid out: the memory a document takes does not
 * grow with all its pages' text, nor its time with painting them after.
 */
#ifndef FD_LAYOUT_H
#define FD_LAYOUT_H

#include <pango/pango.h>

#include "diag.h"
#include "doctree.h"
#include "style.h"

/* FD_MAX_LINES, the lines and table cells of one document: doctree.h. */

enum fd_op_kind {
	FD_OP_BEGIN,	 /* opens structure tag `tag` */
	FD_OP_END,	 /* closes structure tag `tag` */
	FD_OP_LINK,	 /* opens a Link tag to `text` over the box x, y, w, h */
	FD_OP_GLYPHS,	 /* draws `run` of `layout` with its origin at x, y */
	FD_OP_RECT,	 /* fills the box x, y, w, h */
	FD_OP_WATERMARK, /* fills `layout` as outlines, centred on x, y, turned by angle */
	FD_OP_BOOKMARK,	 /* a bookmark `text` of level to the point x, y */
	FD_OP_IMAGE	 /* draws `image` into the box x, y, w, h */
};

/* One drawing operation; coordinates in points from the page's top left. */
struct fd_op {
	enum fd_op_kind kind; /* what to do */
	const char *tag;      /* BEGIN, END: the tag's name (a literal) */
	const char *text;     /* LINK: the URI; BOOKMARK: the title */
	PangoLayout *layout;  /* GLYPHS, WATERMARK: a reference of its own */
	PangoGlyphItem *run;  /* GLYPHS: a run of one of layout's lines */
	double x, y;	      /* see enum fd_op_kind */
	double w, h;	      /* LINK, RECT: the box's size */
	double angle;	      /* WATERMARK: radians, clockwise */
	unsigned colour;      /* GLYPHS, RECT, WATERMARK: 0xRRGGBB */
	int level;	      /* BOOKMARK: 1 to 3; END of a Span: 1 when the
				 next Span of the same line may join it */
	const struct fd_node *node; /* BEGIN of TR, TH, TD, P of an address
				 line: the tree's node, for the attributes
				 Cairo cannot write (finish.c); NULL else */
	const char *label;    /* LINK: the link's whole text, its /Contents;
				 BEGIN: the element's /ActualText (a
				 Figure's /Alt), or NULL */
	const struct fd_image *image; /* IMAGE: a logo, owned by the tree */
};

/* A growing list of operations. */
struct fd_oplist {
	struct fd_op *ops; /* the operations */
	size_t n;	   /* used */
	size_t cap;	   /* allocated */
};

struct fd_page {
	struct fd_oplist furniture; /* watermark, marking, notice, footer: artifacts, but
				       on the first page the watermark, marking and notice
				       at the top are tagged */
	struct fd_oplist body;	    /* the text, in reading order, tagged */
	struct fd_oplist numbers;   /* "Page N of M", an artifact: made when
				       the last page is */
	int more;		    /* another page follows: known when the
				       page is made, but for the last */
};

struct fd_pages {
	double width, height;	 /* page size in points */
	struct fd_page *pages;	 /* at least one */
	size_t npages;		 /* entries in pages */
	PangoFontMap *fontmap;	 /* the private font map, kept for painting */
	PangoContext *context;	 /* layouts' context */
	char **strings;		 /* every string an op points at */
	size_t nstrings;	 /* entries in strings */
	size_t capstrings;	 /* allocated entries */
};

/*
 * Called with the pages so far each time a page is finished (its body and
 * furniture, not yet its number), and once more with final 1 when the
 * last is, every page's numbers made. It may take the operations of the
 * pages it is given, leaving them empty; it must be done with them when
 * final is 1, and stop using them when final is -1 (the layout failed:
 * they are freed next). Returns 0, or -1 to stop.
 */
typedef int (*fd_pages_cb)(void *arg, struct fd_pages *p, int final);

/*
 * Opens the fontconfig configuration at path (a style's fonts.conf) and
 * the font map on it, for the layouts of the process that use it, unless
 * open already, and looks for families (NULL-terminated, or NULL) in it,
 * so that the layout need not look again. Returns 0, or -1 when fontconfig
 * cannot read it (the layout says so, and any family missing). Not while
 * a layout runs: render opens a document's fonts in the thread that
 * compiles its stylesheet, joined before the layout begins.
 */
int fd_layout_fonts(const char *path, const char *const *families);

/*
 * Lays out doc in style st, handing pages to cb (which may be NULL) as
 * they are made. Reports errors (fonts missing, a table too wide) and
 * warnings (characters without a glyph) through d, locating them at the
 * nodes. Returns the pages (free with fd_pages_free) or NULL.
 */
struct fd_pages *fd_layout(const struct fd_doc *doc, const struct fd_style *st,
			   struct fd_diags *d, fd_pages_cb cb, void *arg);
void fd_pages_free(struct fd_pages *p);

/* Frees the operations of one page (and their layouts' references). */
void fd_page_free(struct fd_page *pg);
/* Frees l's operations and empties it. */
void fd_oplist_free(struct fd_oplist *l);

#endif
