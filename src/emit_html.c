/*
 * emit_html.c: the document tree as HTML, in two dresses.
 *
 * The HTML edition of a published document (the letter, the report) is a
 * page in the manner of a GOV.UK HTML publication: one self-contained
 * file with its style sheet inline (a readable measure, GOV.UK's type
 * scale and colours, a print style sheet), no script, no image, nothing
 * fetched. The email's HTML part is the same markup with every style in
 * the element's own style attribute, since mail clients drop style sheets
 * more often than not.
 *
 * Both are semantic HTML5 built from the same tree as the PDF: lang, a
 * banner with the document's status, one h1 and headings that never skip
 * a level, main, numbered paragraphs as ordered lists (a list or quote
 * that follows a numbered paragraph belongs to it), the addressees and
 * the signatories as lists, tables with a caption, thead and th scope.
 */
#include "emit_html.h"

#include <stdlib.h>
#include <string.h>

/* Inline styles of the email, after the GOV.UK colours of the PDF style. */
#define S_BODY                                                               \
	"margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;"      \
	"font-size:16px;line-height:1.4;color:#0b0c0c;background:#ffffff"
#define S_P "margin:0 0 12px 0"
#define S_H1 "margin:0 0 16px 0;font-size:24px;line-height:1.25;font-weight:bold"
#define S_H2 "margin:20px 0 12px 0;font-size:19px;line-height:1.25;font-weight:bold"
#define S_H3 "margin:16px 0 8px 0;font-size:16px;font-weight:bold"
#define S_LIST "margin:0 0 12px 0;padding:0 0 0 24px"
#define S_PLAIN_LIST "margin:0 0 12px 0;padding:0;list-style:none"
#define S_ITEM "margin:0 0 4px 0"
#define S_HANG "margin:0;padding:0 0 0 2em;text-indent:-2em"
#define S_QUOTE "margin:0 0 12px 0;padding:0 0 0 12px;border-left:4px solid #b1b4b6"
#define S_CODE "margin:0 0 12px 0;font-family:monospace;white-space:pre-wrap"
#define S_TABLE "margin:0 0 12px 0;border-collapse:collapse"
#define S_CAPTION "text-align:left;font-weight:bold;padding:0 0 4px 0"
#define S_CELL "padding:4px 8px;vertical-align:top;text-align:left"
#define S_BORDER "border:1px solid #b1b4b6"
#define S_HEAD "background:#f3f2f1;font-weight:bold"
#define S_LINK "color:#1d70b8"
#define S_DEL "color:#d4351c"
#define S_INS "color:#00703c"
#define S_STATUS "margin:0 0 12px 0;font-weight:bold"
#define S_HIDDEN                                                             \
	"position:absolute;width:1px;height:1px;margin:0;padding:0;"         \
	"overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0"

/* The edition's style sheet: GOV.UK Frontend's type scale, colours and
 * focus style, a measure of about seventy characters, and print. */
static const char edition_css[] =
	"body{margin:0;font-family:Arial,\"Liberation Sans\",Helvetica,"
	"sans-serif;font-size:1.1875rem;line-height:1.5;color:#0b0c0c;"
	"background:#fff}\n"
	".banner,main,.info{max-width:46rem;margin:0 auto;padding:0 1rem}\n"
	".banner{padding-top:1rem;border-bottom:1px solid #b1b4b6}\n"
	".banner p{margin:0 0 .75rem}\n"
	".status{font-weight:bold;border-left:5px solid #0b0c0c;"
	"padding-left:.75rem}\n"
	"main{padding-top:1.5rem;padding-bottom:2rem}\n"
	".info{border-top:1px solid #b1b4b6;padding-top:1rem;"
	"padding-bottom:2rem;font-size:1rem;color:#0b0c0c}\n"
	"h1{font-size:2rem;line-height:1.2;margin:1.5rem 0 1.5rem}\n"
	"h2{font-size:1.5rem;line-height:1.25;margin:2.25rem 0 1rem}\n"
	"h3{font-size:1.1875rem;line-height:1.3;margin:1.75rem 0 .75rem}\n"
	"p{margin:0 0 1.25rem}\n"
	"ul,ol{margin:0 0 1.25rem;padding-left:1.25em}\n"
	"li{margin-bottom:.35rem}\n"
	"li>p:last-child,li>ul:last-child,li>ol:last-child{margin-bottom:0}\n"
	"ol.numbered{padding-left:2.5em}\n"
	"ol.numbered>li{margin-bottom:1.25rem;padding-left:.25em}\n"
	"ol.numbered>li>ul,ol.numbered>li>ol{margin-top:1rem}\n"
	"ul.addressees{list-style:none;padding:0}\n"
	"ul.addressees li{margin:0;padding-left:2em;text-indent:-2em}\n"
	"ul.signatories{list-style:none;padding:0;display:flex;"
	"flex-wrap:wrap;gap:1.25rem 2rem}\n"
	"ul.signatories li{flex:1 1 14em;margin:0}\n"
	".sig-name{font-weight:bold}\n"
	".letterhead{display:flex;flex-wrap:wrap;justify-content:space-between;"
	"align-items:flex-start;gap:1rem 2rem;margin:0 0 2rem}\n"
	".marks{display:flex;flex-wrap:wrap;align-items:center;gap:.75rem 1.5rem;"
	"margin:0}\n"
	".marks img{height:3.5rem;width:auto}\n"
	".mark-name{font-weight:bold;font-size:1.5rem;line-height:1.2}\n"
	".contact{font-style:normal;font-size:1rem;line-height:1.4;"
	"margin-left:auto}\n"
	".sig-name,.sig-title,.sig-org{display:block}\n"
	"a{color:#1d70b8;text-decoration:underline;"
	"text-underline-offset:.1em}\n"
	"a:visited{color:#4c2c92}\n"
	"a:hover{color:#003078}\n"
	"a:focus{outline:3px solid transparent;color:#0b0c0c;"
	"background-color:#fd0;box-shadow:0 -2px #fd0,0 4px #0b0c0c;"
	"text-decoration:none}\n"
	"blockquote{margin:0 0 1.25rem;padding-left:1rem;"
	"border-left:5px solid #b1b4b6}\n"
	"pre{font-family:monospace;white-space:pre-wrap;margin:0 0 1.25rem}\n"
	"table{border-collapse:collapse;width:100%;margin:0 0 1.5rem;"
	"font-size:1rem}\n"
	"caption{text-align:left;font-weight:bold;margin-bottom:.5rem}\n"
	"th,td{text-align:left;vertical-align:top;padding:.6rem 1.25rem "
	".6rem 0;border-bottom:1px solid #b1b4b6}\n"
	"table.bordered th,table.bordered td{border:1px solid #b1b4b6;"
	"padding:.5rem}\n"
	"thead th{font-weight:bold}\n"
	"del{color:#d4351c}\n"
	"ins{color:#00703c}\n"
	".visually-hidden{position:absolute!important;width:1px!important;"
	"height:1px!important;margin:0!important;padding:0!important;"
	"overflow:hidden!important;clip:rect(0 0 0 0)!important;"
	"white-space:nowrap!important;border:0!important}\n"
	"@media print{\n"
	"body{font-size:12pt;line-height:1.4;color:#000}\n"
	".banner,main,.info{max-width:none;padding:0}\n"
	"a,a:visited{color:#000}\n"
	"a[href^=\"http\"]::after{content:\" (\" attr(href) \")\";"
	"font-size:90%;word-wrap:break-word}\n"
	"h1,h2,h3{break-after:avoid;page-break-after:avoid}\n"
	"tr,li,blockquote{break-inside:avoid;page-break-inside:avoid}\n"
	"thead{display:table-header-group}\n"
	"p{orphans:2;widows:2}\n"
	"}\n";

/* What writing one page carries along. */
struct html {
	struct fd_buf *b;	 /* the page */
	int edition;		 /* 1: the edition (classes), 0: email */
	int level;		 /* the last heading level written, 0: none */
	int h1;			 /* an h1 was written */
	const struct fd_node *heading; /* the last heading, for captions */
	int after_heading;	 /* the last block written was a heading */
};

static void block(struct html *h, const struct fd_node *n);
static void blocks(struct html *h, const struct fd_node *n);

/* Appends s with the five characters HTML gives meaning escaped and
 * each line break as <br> (as a newline where pre keeps them). */
static void
escape_text(struct fd_buf *b, const char *s, int pre)
{
	for (; *s != '\0'; s++) {
		if (fd_buf_add_markup_escape(b, (unsigned char)*s))
			continue;
		switch (*s) {
		case '\'':
			fd_buf_adds(b, "&#39;");
			break;
		case '\n':
			fd_buf_adds(b, pre ? "\n" : "<br>\n");
			break;
		default:
			fd_buf_addc(b, *s);
		}
	}
}

static void
escape(struct fd_buf *b, const char *s)
{
	escape_text(b, s, 0);
}

/* The presentation of an element: a class in the edition (none when cls
 * is NULL), the inline style in an email (none when style is NULL). */
static void
look(struct html *h, const char *cls, const char *style)
{
	if (h->edition && cls != NULL)
		fd_buf_addf(h->b, " class=\"%s\"", cls);
	else if (!h->edition && style != NULL)
		fd_buf_addf(h->b, " style=\"%s\"", style);
}

/* Opens <tag> with its look. */
static void
open_el(struct html *h, const char *tag, const char *cls, const char *style)
{
	fd_buf_addf(h->b, "<%s", tag);
	look(h, cls, style);
	fd_buf_addc(h->b, '>');
}

/* Appends a block's runs, a link around each stretch of runs sharing it. */
static void
runs(struct html *h, const struct fd_node *n)
{
	struct fd_buf *b = h->b;
	size_t i;

	for (i = 0; i < n->nruns; i++) {
		const struct fd_run *r = &n->runs[i];
		const struct fd_run *prev = i > 0 ? &n->runs[i - 1] : NULL;
		const struct fd_run *next =
			i + 1 < n->nruns ? &n->runs[i + 1] : NULL;

		if (r->href != NULL &&
		    (prev == NULL || prev->href == NULL ||
		     strcmp(prev->href, r->href) != 0)) {
			fd_buf_adds(b, "<a href=\"");
			escape(b, r->href);
			fd_buf_addc(b, '"');
			look(h, NULL, S_LINK);
			fd_buf_addc(b, '>');
		}
		if (r->flags & FD_RUN_DEL)
			open_el(h, "del", NULL, S_DEL);
		if (r->flags & FD_RUN_INS)
			open_el(h, "ins", NULL, S_INS);
		if (r->flags & FD_RUN_BOLD)
			fd_buf_adds(b, "<strong>");
		if (r->flags & FD_RUN_ITALIC)
			fd_buf_adds(b, "<em>");
		if (r->flags & FD_RUN_MONO)
			open_el(h, "code", NULL, "font-family:monospace");
		escape_text(b, r->text, n->kind == FD_NODE_CODE);
		if (r->flags & FD_RUN_MONO)
			fd_buf_adds(b, "</code>");
		if (r->flags & FD_RUN_ITALIC)
			fd_buf_adds(b, "</em>");
		if (r->flags & FD_RUN_BOLD)
			fd_buf_adds(b, "</strong>");
		if (r->flags & FD_RUN_INS)
			fd_buf_adds(b, "</ins>");
		if (r->flags & FD_RUN_DEL)
			fd_buf_adds(b, "</del>");
		if (r->href != NULL &&
		    (next == NULL || next->href == NULL ||
		     strcmp(next->href, r->href) != 0))
			fd_buf_adds(b, "</a>");
	}
}

/* A text block as one element. */
static void
text_el(struct html *h, const char *tag, const char *cls, const char *style,
	const struct fd_node *n, const char *prefix)
{
	open_el(h, tag, cls, style);
	if (prefix != NULL)
		fd_buf_adds(h->b, prefix);
	runs(h, n);
	fd_buf_addf(h->b, "</%s>\n", tag);
}

/* A heading at the level the page can have there: one h1, and never a
 * level more than one below the last. */
static void
heading(struct html *h, const struct fd_node *n)
{
	static const char *const styles[] = {S_H1, S_H2, S_H3, S_H3, S_H3,
					     S_H3};
	int level = n->level;
	char tag[3];

	if (level == 1 && h->h1)
		level = 2;
	if (level > h->level + 1)
		level = h->level + 1;
	if (level < 1)
		level = 1;
	if (level == 1)
		h->h1 = 1;
	h->level = level;
	tag[0] = 'h';
	tag[1] = (char)('0' + level);
	tag[2] = '\0';
	text_el(h, tag, NULL, styles[level - 1], n, NULL);
	h->heading = n;
}

/* An item's blocks; a paragraph opening it is written bare, so the item
 * is not spaced like a run of paragraphs. */
static void
item_blocks(struct html *h, const struct fd_node *item)
{
	size_t j;

	for (j = 0; j < item->nkids; j++) {
		const struct fd_node *k = item->kids[j];

		if (j == 0 && k->kind == FD_NODE_PARA && k->number == 0) {
			runs(h, k);
			if (item->nkids > 1)
				fd_buf_addc(h->b, '\n');
		} else {
			block(h, k);
		}
	}
}

static void
list(struct html *h, const struct fd_node *n)
{
	const char *tag = n->flags & FD_ORDERED ? "ol" : "ul";
	size_t i;

	fd_buf_addf(h->b, "<%s", tag);
	look(h, NULL, S_LIST);
	if (n->flags & FD_ORDERED && n->start != 1)
		fd_buf_addf(h->b, " start=\"%d\"", n->start);
	fd_buf_adds(h->b, ">\n");
	for (i = 0; i < n->nkids; i++) {
		open_el(h, "li", NULL, S_ITEM);
		item_blocks(h, n->kids[i]);
		fd_buf_adds(h->b, "</li>\n");
	}
	fd_buf_addf(h->b, "</%s>\n", tag);
}

/* Whether a header cell heads its column (a head row, or a row of header
 * cells only) rather than its row. */
static int
heads_column(const struct fd_node *row)
{
	size_t i;

	if (row->flags & FD_HEAD_ROW)
		return 1;
	for (i = 0; i < row->nkids; i++)
		if (!(row->kids[i]->flags & FD_HEADER_CELL))
			return 0;
	return 1;
}

static void
table_row(struct html *h, const struct fd_node *row, const char *border)
{
	struct fd_buf *b = h->b;
	int col = heads_column(row);
	size_t j, k;

	fd_buf_adds(b, "<tr>");
	for (j = 0; j < row->nkids; j++) {
		const struct fd_node *c = row->kids[j];
		int head = (c->flags & FD_HEADER_CELL) ||
			   (row->flags & FD_HEAD_ROW);
		const char *tag = head ? "th" : "td";

		fd_buf_addf(b, "<%s", tag);
		if (head)
			fd_buf_addf(b, " scope=\"%s\"",
				    col ? (c->colspan > 1 ? "colgroup" : "col")
					: "row");
		if (!h->edition)
			fd_buf_addf(b, " style=\"" S_CELL "%s%s\"", border,
				    head ? ";" S_HEAD : "");
		if (c->colspan > 1)
			fd_buf_addf(b, " colspan=\"%d\"", c->colspan);
		if (c->rowspan > 1)
			fd_buf_addf(b, " rowspan=\"%d\"", c->rowspan);
		fd_buf_adds(b, ">");
		for (k = 0; k < c->nkids; k++) {
			const struct fd_node *x = c->kids[k];

			if (c->nkids == 1 && x->kind == FD_NODE_PARA)
				runs(h, x);
			else
				block(h, x);
		}
		fd_buf_addf(b, "</%s>", tag);
	}
	fd_buf_adds(b, "</tr>\n");
}

/* A table with its caption: the one the stylesheet wrote (what the table
 * shows, in words), shown unless the table follows a heading at once,
 * which then stands for it on the screen; without one, the heading the
 * table follows at once, hidden so it is not read twice on the screen. A
 * table further from its heading has no caption rather than a heading
 * that names the section, not the table. */
static void
table(struct html *h, const struct fd_node *n)
{
	const char *border = n->flags & FD_NO_BORDERS ? "" : ";" S_BORDER;
	int hidden = h->after_heading;
	size_t i = 0;

	fd_buf_adds(h->b, "<table");
	look(h, n->flags & FD_NO_BORDERS ? NULL : "bordered", S_TABLE);
	fd_buf_adds(h->b, ">\n");
	if (n->title != NULL || (hidden && h->heading != NULL)) {
		open_el(h, "caption", hidden ? "visually-hidden" : NULL,
			hidden ? S_HIDDEN : S_CAPTION);
		if (n->title != NULL)
			escape(h->b, n->title);
		else
			runs(h, h->heading);
		fd_buf_adds(h->b, "</caption>\n");
	}
	if (n->nkids > 0 && n->kids[0]->flags & FD_HEAD_ROW) {
		fd_buf_adds(h->b, "<thead>\n");
		for (; i < n->nkids && n->kids[i]->flags & FD_HEAD_ROW; i++)
			table_row(h, n->kids[i], border);
		fd_buf_adds(h->b, "</thead>\n");
	}
	fd_buf_adds(h->b, "<tbody>\n");
	for (; i < n->nkids; i++)
		table_row(h, n->kids[i], border);
	fd_buf_adds(h->b, "</tbody>\n</table>\n");
}

/* The addressees, one item a line, a wrapped line hanging under its
 * first words. */
static void
address(struct html *h, const struct fd_node *n)
{
	size_t i;

	fd_buf_adds(h->b, "<ul");
	look(h, "addressees", S_PLAIN_LIST);
	fd_buf_adds(h->b, ">\n");
	for (i = 0; i < n->nkids; i++)
		text_el(h, "li", NULL, S_HANG, n->kids[i], NULL);
	fd_buf_adds(h->b, "</ul>\n");
}

/* Appends len bytes of data in base 64 (RFC 4648). */
static void
base64(struct fd_buf *b, const unsigned char *p, size_t len)
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				  "abcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i;

	for (i = 0; i + 2 < len; i += 3) {
		unsigned long v = (unsigned long)p[i] << 16 |
				  (unsigned long)p[i + 1] << 8 | p[i + 2];

		fd_buf_addc(b, abc[v >> 18 & 63]);
		fd_buf_addc(b, abc[v >> 12 & 63]);
		fd_buf_addc(b, abc[v >> 6 & 63]);
		fd_buf_addc(b, abc[v & 63]);
	}
	if (len - i == 1) {
		unsigned long v = (unsigned long)p[i] << 16;

		fd_buf_addc(b, abc[v >> 18 & 63]);
		fd_buf_addc(b, abc[v >> 12 & 63]);
		fd_buf_adds(b, "==");
	} else if (len - i == 2) {
		unsigned long v = (unsigned long)p[i] << 16 |
				  (unsigned long)p[i + 1] << 8;

		fd_buf_addc(b, abc[v >> 18 & 63]);
		fd_buf_addc(b, abc[v >> 12 & 63]);
		fd_buf_addc(b, abc[v >> 6 & 63]);
		fd_buf_addc(b, '=');
	}
}

/* The letterhead: each mark its logo (embedded, the inspectorate's name
 * its alternative text) or its name, then the sender's lines as an
 * address. */
static void
letterhead(struct html *h, const struct fd_node *n)
{
	struct fd_buf *b = h->b;
	size_t i, nlines = 0;

	open_el(h, "div", "letterhead", S_P);
	fd_buf_addc(b, '\n');
	open_el(h, "p", "marks", S_P);
	for (i = 0; i < n->nkids; i++) {
		const struct fd_node *m = n->kids[i];
		char *name;

		if (m->kind != FD_NODE_MARK) {
			nlines += m->kind == FD_NODE_LINE;
			continue;
		}
		name = fd_node_text(m);
		if (i > 0)
			fd_buf_addc(b, ' ');
		if (m->image != NULL) {
			size_t len;
			const unsigned char *p = fd_image_bytes(m->image, &len);
			double iw, ih;

			fd_image_size(m->image, &iw, &ih);
			fd_buf_addf(b, "<img src=\"data:%s;base64,",
				    fd_image_kind(m->image) == FD_IMAGE_PNG
					    ? "image/png"
					    : "image/svg+xml");
			base64(b, p, len);
			fd_buf_adds(b, "\" alt=\"");
			escape(b, name);
			fd_buf_addf(b, "\" width=\"%ld\" height=\"56\"",
				    (long)(56 * iw / ih + 0.5));
			look(h, NULL, "height:56px;width:auto;vertical-align:middle");
			fd_buf_adds(b, ">");
		} else {
			open_el(h, "span", "mark-name", "font-weight:bold");
			escape(b, name);
			fd_buf_adds(b, "</span>");
		}
		free(name);
	}
	fd_buf_adds(b, "</p>\n");
	if (nlines > 0) {
		int first = 1;

		open_el(h, "address", "contact", "font-style:normal");
		for (i = 0; i < n->nkids; i++) {
			char *line;

			if (n->kids[i]->kind != FD_NODE_LINE)
				continue;
			if (!first)
				fd_buf_adds(b, "<br>\n");
			first = 0;
			line = fd_node_text(n->kids[i]);
			escape(b, line);
			free(line);
		}
		fd_buf_adds(b, "</address>\n");
	}
	fd_buf_adds(b, "</div>\n");
}

/* The signatories as a list, each name, title and organisation. */
static void
signatures(struct html *h, const struct fd_node *n)
{
	struct fd_buf *b = h->b;
	size_t i;

	fd_buf_adds(b, "<ul");
	look(h, "signatories", S_PLAIN_LIST);
	fd_buf_adds(b, ">\n");
	for (i = 0; i < n->nkids; i++) {
		const struct fd_node *s = n->kids[i];

		if (s->kind != FD_NODE_SIGNATORY) {
			block(h, s);
			continue;
		}
		open_el(h, "li", NULL, S_P);
		open_el(h, "span", "sig-name", "font-weight:bold");
		escape(b, s->name);
		fd_buf_adds(b, "</span>");
		if (s->title != NULL) {
			if (!h->edition)
				fd_buf_adds(b, "<br>");
			open_el(h, "span", "sig-title", NULL);
			escape(b, s->title);
			fd_buf_adds(b, "</span>");
		}
		if (s->organisation != NULL) {
			if (!h->edition)
				fd_buf_adds(b, "<br>");
			open_el(h, "span", "sig-org", NULL);
			escape(b, s->organisation);
			fd_buf_adds(b, "</span>");
		}
		fd_buf_adds(b, "</li>\n");
	}
	fd_buf_adds(b, "</ul>\n");
}

static void
block(struct html *h, const struct fd_node *n)
{
	int was_heading = 0;

	switch (n->kind) {
	case FD_NODE_HEADING:
		heading(h, n);
		was_heading = 1;
		break;
	case FD_NODE_PARA:
		text_el(h, "p", NULL, S_P, n, NULL);
		break;
	case FD_NODE_CODE:
		text_el(h, "pre", NULL, S_CODE, n, NULL);
		break;
	case FD_NODE_CHECKBOX:
		/* U+2611 BALLOT BOX WITH CHECK, U+2610 BALLOT BOX. */
		text_el(h, "p", NULL, "margin:0 0 4px 0", n,
			n->flags & FD_CHECKED ? "\u2611 " : "\u2610 ");
		break;
	case FD_NODE_LINE:
		text_el(h, "p", NULL, "margin:0", n, NULL);
		break;
	case FD_NODE_LIST:
		list(h, n);
		break;
	case FD_NODE_QUOTE:
		open_el(h, "blockquote", NULL, S_QUOTE);
		fd_buf_addc(h->b, '\n');
		blocks(h, n);
		fd_buf_adds(h->b, "</blockquote>\n");
		break;
	case FD_NODE_ADDRESS:
		address(h, n);
		break;
	case FD_NODE_TABLE:
		table(h, n);
		break;
	case FD_NODE_SIGNATURES:
		signatures(h, n);
		break;
	case FD_NODE_LETTERHEAD:
		letterhead(h, n);
		break;
	case FD_NODE_MARK:
	case FD_NODE_SIGNATORY:
	case FD_NODE_BODY:
	case FD_NODE_ITEM:
	case FD_NODE_ROW:
	case FD_NODE_CELL:
		blocks(h, n);
		break;
	case FD_NODE_PAGE_BREAK:
		return;
	}
	h->after_heading = was_heading;
}

/* Whether n may belong to the numbered paragraph before it: a list, a
 * quote or a code block that the paragraph introduces. */
static int
belongs(const struct fd_node *n)
{
	return n->kind == FD_NODE_LIST || n->kind == FD_NODE_QUOTE ||
	       n->kind == FD_NODE_CODE;
}

/* The children of n; numbered paragraphs in a row become one ordered
 * list (a new one where the numbers jump), each paragraph an item that
 * also holds the lists and quotes following it. */
static void
blocks(struct html *h, const struct fd_node *n)
{
	size_t i = 0;

	while (i < n->nkids) {
		const struct fd_node *k = n->kids[i];
		int next;

		if (k->kind != FD_NODE_PARA || k->number <= 0) {
			block(h, k);
			i++;
			continue;
		}
		fd_buf_adds(h->b, "<ol");
		look(h, "numbered", S_LIST);
		if (k->number != 1)
			fd_buf_addf(h->b, " start=\"%d\"", k->number);
		fd_buf_adds(h->b, ">\n");
		next = k->number;
		while (i < n->nkids && n->kids[i]->kind == FD_NODE_PARA &&
		       n->kids[i]->number == next) {
			k = n->kids[i++];
			fd_buf_addf(h->b, "<li id=\"paragraph-%d\"", next);
			look(h, NULL, S_P);
			fd_buf_adds(h->b, ">");
			if (i < n->nkids && belongs(n->kids[i])) {
				text_el(h, "p", NULL, S_P, k, NULL);
				while (i < n->nkids && belongs(n->kids[i]))
					block(h, n->kids[i++]);
			} else {
				runs(h, k);
			}
			fd_buf_adds(h->b, "</li>\n");
			next++;
		}
		fd_buf_adds(h->b, "</ol>\n");
		h->after_heading = 0;
	}
}

/* Whether the tree has a heading of level 1 anywhere. */
static int
has_h1(const struct fd_node *n)
{
	size_t i;

	if (n->kind == FD_NODE_HEADING && n->level == 1)
		return 1;
	for (i = 0; i < n->nkids; i++)
		if (has_h1(n->kids[i]))
			return 1;
	return 0;
}

/* The document's status, as the PDF prints it around the page: the
 * watermark's word, the marking and the notice, in the banner. */
static void
banner(struct html *h, const struct fd_doc *doc)
{
	struct fd_buf *b = h->b;

	if (!doc->watermark && !doc->marking && !doc->notice)
		return;
	fd_buf_adds(b, "<header");
	look(h, "banner", NULL);
	fd_buf_adds(b, ">\n");
	if (doc->watermark) {
		open_el(h, "p", "status", S_STATUS);
		escape(b, doc->watermark);
		fd_buf_adds(b, "</p>\n");
	}
	if (doc->marking) {
		open_el(h, "p", "marking", S_STATUS);
		escape(b, doc->marking);
		fd_buf_adds(b, "</p>\n");
	}
	if (doc->notice) {
		open_el(h, "p", "notice", S_P);
		escape(b, doc->notice);
		fd_buf_adds(b, "</p>\n");
	}
	fd_buf_adds(b, "</header>\n");
}

static char *
page(const struct fd_doc *doc, int edition)
{
	struct fd_buf b = {0};
	struct html h = {0};

	h.b = &b;
	h.edition = edition;
	fd_buf_adds(&b, "<!DOCTYPE html>\n<html lang=\"");
	escape(&b, doc->lang != NULL ? doc->lang : "en-GB");
	fd_buf_adds(&b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
			"<meta name=\"viewport\" "
			"content=\"width=device-width, initial-scale=1\">\n"
			"<title>");
	escape(&b, doc->title != NULL ? doc->title : "");
	fd_buf_adds(&b, "</title>\n");
	if (edition) {
		/* Nothing may be fetched, not even a favicon. */
		fd_buf_adds(&b, "<link rel=\"icon\" href=\"data:,\">\n");
		fd_buf_adds(&b, "<style>\n");
		fd_buf_adds(&b, edition_css);
		fd_buf_adds(&b, "</style>\n");
	}
	fd_buf_adds(&b, "</head>\n<body");
	look(&h, NULL, S_BODY);
	fd_buf_adds(&b, ">\n");
	banner(&h, doc);
	fd_buf_adds(&b, "<main>\n");
	if (!has_h1(doc->body)) {
		open_el(&h, "h1", NULL, S_H1);
		escape(&b, doc->title != NULL ? doc->title : "");
		fd_buf_adds(&b, "</h1>\n");
		h.h1 = 1;
		h.level = 1;
	}
	block(&h, doc->body);
	fd_buf_adds(&b, "</main>\n");
	if (edition && doc->footer) {
		fd_buf_adds(&b, "<footer class=\"info\">\n<p>");
		escape(&b, doc->footer);
		fd_buf_adds(&b, "</p>\n</footer>\n");
	}
	fd_buf_adds(&b, "</body>\n</html>\n");
	return fd_buf_steal(&b);
}

char *
fd_emit_html(const struct fd_doc *doc)
{
	return page(doc, 0);
}

char *
fd_emit_html_edition(const struct fd_doc *doc)
{
	return page(doc, 1);
}
