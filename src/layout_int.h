/*
 * layout_int.h: what the rooms of the layout share; private to layout*.c.
 *
 * The layout is five rooms and an entry, in the order a document goes
 * through them:
 *
 *   layout_text.c       fonts and lines: operation lists, the pools the
 *                       pages own, the private font map, a text block set
 *                       by Pango and one line of it as operations
 *   layout_block.c      blocks: the tree's blocks as a flow of items
 *   layout_table.c      tables: the grid, row heights and bands
 *   layout_page.c       pagination: items placed on pages, and placed
 *                       items (table bands too) drawn as operations
 *   layout_furniture.c  what every page carries: watermark, marking,
 *                       notice, footer and page number
 *   layout_letterhead.c a letter's letterhead: the marks and the
 *                       sender's lines
 *   layout.c            fd_layout (a block at a time, each paginated as
 *                       it is laid out) and fd_pages_free
 */
#ifndef FD_LAYOUT_INT_H
#define FD_LAYOUT_INT_H

#include "layout.h"
#include "msg.h"

/* Tolerance of comparisons of lengths, in points. */
#define EPS 0.001
/* Pango units to points. */
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
	struct pager *pager;	    /* pagination's state between blocks */
	struct furniture *furn;	    /* what every page carries */
	fd_pages_cb cb;		    /* told of each page made, or NULL */
	void *cb_arg;		    /* its argument */
	int stopped;		    /* cb asked to stop */
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

/* A table laid out: its grid, its cells' flows and its bands. */
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
	const struct flow *flow;    /* the flow its bands are items of */
	size_t last_item;	    /* the flow's item of its last band */
	double head_h;		    /* height of the head, 0: not repeated */
	int head_done;		    /* the head is on a finished page */
	int borders;		    /* rules are drawn */
	struct font font;	    /* the cells' font */
};

/* ------------------------------------------- fonts and lines (text) */

/* Adds an operation of kind to l, zeroed but for its kind. */
struct fd_op *op_add(struct fd_oplist *l, enum fd_op_kind kind);
/* Adds a BEGIN or END of structure tag tag (a literal). */
void op_tag(struct fd_oplist *l, enum fd_op_kind kind, const char *tag);
/* Puts src's operations in front of l's. */
void op_prepend(struct fd_oplist *l, const struct fd_oplist *src);
/* Copies src to dst moved by dx, dy; tags dropped when untagged. */
void op_copy(struct fd_oplist *dst, const struct fd_oplist *src, double dx,
	     double dy, int untagged);
/* Frees l's operations and empties it. */
void oplist_free(struct fd_oplist *l);

/* A new layout: one reference, the caller's; each operation that draws
 * it takes one of its own. */
PangoLayout *pool_layout(struct lay *L);
/* Hands s to the pages, which free it; returns s. */
const char *pool_string(struct lay *L, char *s);

/* A font description; the caller frees it. */
PangoFontDescription *font_desc(const char *family, double size, int bold);
/* The font of the blocks being laid out (L->size, L->bold). */
struct font body_font(const struct lay *L);
/* Opens the style's private font map and checks its families; -1 after
 * reporting an error. */
int open_fonts(struct lay *L);
/* A new context as L's (the same fonts, language and direction): a
 * layout of its own in another thread (paint.c) needs one. */
PangoContext *fonts_context(const struct lay *L);

/* Counts n more lines of the document; past FD_MAX_LINES reports an error
 * at where (once) and returns -1, and nothing more is laid out. */
int count_lines(struct lay *L, long n, const struct fd_node *where);
/* Lays out runs (after an optional prefix in the block's own font) at
 * width. where locates a warning about glyphs no font has. Free with
 * text_free. */
struct text *text_new(struct lay *L, const struct fd_run *runs, size_t nruns,
		      const char *prefix, const struct font *f, double width,
		      const struct fd_node *where);
/* text_new with the lines after the first hanging hang points under the
 * first's words, in the document's direction whatever the text's first
 * letter (the addressees). */
struct text *text_new_hung(struct lay *L, const struct fd_run *runs,
			   size_t nruns, const struct font *f, double width,
			   double hang, const struct fd_node *where);
/* Frees t and its reference to its layout; accepts NULL. */
void text_free(struct text *t);
/* The operations drawing line li of t with its left edge at x and its
 * baseline at base, tagged or not. */
void line_ops(struct lay *L, struct fd_oplist *ops, const struct text *t,
	      int li, double x, double base, int tagged);
/* The width of t's first line. */
double text_width(const struct text *t);

/* ------------------------------------------------- blocks (block) */

/* Adds an item of height h, taking the flow's pending space and keeps. */
struct item *flow_add(struct flow *f, double h);
/* Frees f's items and empties it. */
void flow_free(struct flow *f);
/* Starts a block wanting at least before above it. */
void block_begin(struct flow *f, double before);
/* Ends the block of items [first, f->n): its keeps, and after below. */
void block_end(struct flow *f, size_t first, unsigned flags, double after);
/* Adds t's lines as items at x, the block's tag around them and a label
 * (a paragraph number, a list label) on the first line; keep: all of
 * them together. */
void emit_text(struct lay *L, struct flow *f, const struct text *t, double x,
	       const char *tag, const struct text *label, double label_x,
	       int keep);
/* Adds the letterhead n (layout_letterhead.c) at x, w. */
void emit_letterhead(struct lay *L, struct flow *f, const struct fd_node *n,
		     double x, double w);
/* Adds the blocks kids[0, n) at x, w; depth of lists, body: numbered. */
void emit_blocks(struct lay *L, struct flow *f, struct fd_node *const *kids,
		 size_t n, double x, double w, int depth, int body);

/* ------------------------------------------------- tables (table) */

/* Adds the table n as bands of rows; the table is kept in L->tables. */
void emit_table(struct lay *L, struct flow *f, const struct fd_node *n,
		double x, double w);
/* Frees t; accepts NULL. */
void table_free(struct table *t);
/* Height of items [from, to) of f, the gaps between them included. */
double stack_height(const struct flow *f, size_t from, size_t to);

/* ----------------------------------------------- pagination (page) */

/* Places the items of f not yet placed on pages, committing each page
 * that fills (furnished and handed to L->cb); the last page too when
 * final. Frees the operations of items no later page needs. */
void paginate(struct lay *L, struct flow *f, int final);
/* Frees pagination's state. */
void pager_free(struct lay *L);

/* --------------------------------------------- furniture (furniture) */

/* Lays out and frees what every page carries (L->furn). */
void furniture_open(struct lay *L);
void furniture_close(struct lay *L);
/* The furniture of page i (from 0), but its number. */
void furnish_page(struct lay *L, size_t i);
/* Every page's number ("Page N of M"), once the last is made. */
void number_pages(struct lay *L);

#endif
