/*
 * style.h: a style (styles/NAME.xml, validated by templates/schema/
 * style.rng): every measure of the page, as data. Lengths are in points,
 * colours 0xRRGGBB. Only the layout and paint stages read it.
 */
#ifndef FD_STYLE_H
#define FD_STYLE_H

#include "diag.h"

/* One heading level. */
struct fd_style_heading {
	double size;	    /* font size */
	double line_height; /* line pitch as a multiple of size */
	double before;	    /* space above */
	double after;	    /* space below */
};

/* One inspectorate's part of a letterhead (style <letterhead>). */
struct fd_style_sender {
	char *id;	    /* the inspectorate, as @inspectorate says it */
	char *logo;	    /* its logo's path, or NULL: its name in text */
	long logo_line;	    /* where logo= is in the style, for errors */
	long logo_col;	    /* its column */
	char **lines;	    /* address and contact lines, in order */
	size_t nlines;	    /* entries in lines */
};

struct fd_style {
	char *name;		  /* style/@name */
	char *path;		  /* the style file, for diagnostics */
	double page_w, page_h;	  /* page size */
	double top, bottom;	  /* margins */
	double left, right;	  /* margins */
	char *fonts_conf;	  /* the fontconfig file, a path */
	char *family;		  /* the text font family */
	char *mono;		  /* the monospaced family */
	double size;		  /* body text size */
	double line_height;	  /* body line pitch as a multiple of size */
	unsigned colour;	  /* body text colour */
	double space_after;	  /* space after a paragraph */
	int orphans;		  /* least lines of a paragraph at a page foot */
	int widows;		  /* least lines of a paragraph at a page top */
	struct fd_style_heading h[3]; /* h1, h2, h3 */
	unsigned link_colour;	  /* links */
	int link_underline;	  /* links are underlined */
	unsigned del_colour;	  /* del: struck-through words */
	unsigned ins_colour;	  /* ins: underlined words */
	double list_indent;	  /* indent of each list level */
	double item_space;	  /* space between list items */
	double number_indent;	  /* hanging indent of numbered paragraphs */
	double quote_indent;	  /* indent of a quote's text from its rule */
	double quote_rule;	  /* width of the rule left of a quote */
	unsigned quote_colour;	  /* that rule's colour */
	double table_size;	  /* text size in tables */
	double border;		  /* width of table rules */
	unsigned border_colour;	  /* their colour */
	unsigned header_fill;	  /* background of header cells */
	double padding;		  /* inside each cell */
	double sig_row_space;	  /* space between rows of signatories */
	double marking_size;	  /* the security marking and notice */
	unsigned marking_colour;  /* their colour */
	double footer_size;	  /* "Page N of M" and the footer line */
	unsigned footer_colour;	  /* their colour */
	double watermark_size;	  /* the diagonal watermark */
	unsigned watermark_colour; /* its colour */
	int letterhead;		  /* the style has a <letterhead> */
	double lh_size;		  /* its contact lines' text size */
	unsigned lh_colour;	  /* their colour */
	double lh_mark_height;	  /* the height of each mark (logo) */
	double lh_mark_space;	  /* the space between marks */
	double lh_space_after;	  /* space below the letterhead */
	struct fd_style_sender *senders; /* each inspectorate's part */
	size_t nsenders;	  /* entries in senders */
};

/* The letterhead part of inspectorate id in s, or NULL. */
const struct fd_style_sender *fd_style_sender_of(const struct fd_style *s,
					      const char *id);

/*
 * Loads and validates a style file against schema_dir/style.rng (NULL:
 * the templates found by fd_datadir_find). Returns the style (free with
 * fd_style_free) or NULL after reporting errors.
 */
struct fd_style *fd_style_load(const char *path, const char *schema_dir,
			       struct fd_diags *d);
void fd_style_free(struct fd_style *s);

#endif
