/*
 * emit_html.c: the document tree as HTML for an email.
 *
 * Mail clients ignore <style> elements and classes more often than not,
 * so every element carries its own style attribute; the values follow the
 * GOV.UK colours that the PDF style uses.
 */
#include "emit_html.h"

#include <stdlib.h>
#include <string.h>

#define S_BODY                                                               \
	"margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;"      \
	"font-size:16px;line-height:1.4;color:#0b0c0c;background:#ffffff"
#define S_P "margin:0 0 12px 0"
#define S_H1 "margin:0 0 16px 0;font-size:24px;line-height:1.25;font-weight:bold"
#define S_H2 "margin:20px 0 12px 0;font-size:19px;line-height:1.25;font-weight:bold"
#define S_H3 "margin:16px 0 8px 0;font-size:16px;font-weight:bold"
#define S_LIST "margin:0 0 12px 0;padding:0 0 0 24px"
#define S_ITEM "margin:0 0 4px 0"
#define S_QUOTE "margin:0 0 12px 0;padding:0 0 0 12px;border-left:4px solid #b1b4b6"
#define S_CODE "margin:0 0 12px 0;font-family:monospace;white-space:pre-wrap"
#define S_TABLE "margin:0 0 12px 0;border-collapse:collapse"
#define S_CELL "padding:4px 8px;vertical-align:top;text-align:left"
#define S_BORDER "border:1px solid #b1b4b6"
#define S_HEAD "background:#f3f2f1;font-weight:bold"
#define S_LINK "color:#1d70b8"
#define S_DEL "color:#d4351c"
#define S_INS "color:#00703c"

static void block(struct fd_buf *b, const struct fd_node *n);

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

/* Appends a block's runs, a link around each stretch of runs sharing it. */
static void
runs(struct fd_buf *b, const struct fd_node *n)
{
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
			fd_buf_adds(b, "\" style=\"" S_LINK "\">");
		}
		if (r->flags & FD_RUN_DEL)
			fd_buf_adds(b, "<del style=\"" S_DEL "\">");
		if (r->flags & FD_RUN_INS)
			fd_buf_adds(b, "<ins style=\"" S_INS "\">");
		if (r->flags & FD_RUN_BOLD)
			fd_buf_adds(b, "<strong>");
		if (r->flags & FD_RUN_ITALIC)
			fd_buf_adds(b, "<em>");
		if (r->flags & FD_RUN_MONO)
			fd_buf_adds(b, "<code style=\"font-family:monospace\">");
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

/* A text block as one element with a style. */
static void
text_el(struct fd_buf *b, const char *tag, const char *style,
	const struct fd_node *n, const char *prefix)
{
	fd_buf_addf(b, "<%s style=\"%s\">", tag, style);
	if (prefix != NULL)
		fd_buf_adds(b, prefix);
	runs(b, n);
	fd_buf_addf(b, "</%s>\n", tag);
}

static void
list(struct fd_buf *b, const struct fd_node *n)
{
	const char *tag = n->flags & FD_ORDERED ? "ol" : "ul";
	size_t i, j;

	fd_buf_addf(b, "<%s style=\"" S_LIST "\"", tag);
	if (n->flags & FD_ORDERED && n->start != 1)
		fd_buf_addf(b, " start=\"%d\"", n->start);
	fd_buf_adds(b, ">\n");
	for (i = 0; i < n->nkids; i++) {
		const struct fd_node *item = n->kids[i];

		fd_buf_adds(b, "<li style=\"" S_ITEM "\">");
		/* A paragraph opening an item is written bare, so the
		 * item is not spaced like a run of paragraphs. */
		for (j = 0; j < item->nkids; j++) {
			const struct fd_node *k = item->kids[j];

			if (j == 0 && k->kind == FD_NODE_PARA) {
				runs(b, k);
				if (item->nkids > 1)
					fd_buf_addc(b, '\n');
			} else {
				block(b, k);
			}
		}
		fd_buf_adds(b, "</li>\n");
	}
	fd_buf_addf(b, "</%s>\n", tag);
}

static void
table(struct fd_buf *b, const struct fd_node *n)
{
	const char *border = n->flags & FD_NO_BORDERS ? "" : ";" S_BORDER;
	size_t i, j, k;

	fd_buf_adds(b, "<table style=\"" S_TABLE "\">\n");
	for (i = 0; i < n->nkids; i++) {
		const struct fd_node *row = n->kids[i];

		fd_buf_adds(b, "<tr>");
		for (j = 0; j < row->nkids; j++) {
			const struct fd_node *c = row->kids[j];
			int head = (c->flags & FD_HEADER_CELL) ||
				   (row->flags & FD_HEAD_ROW);
			const char *tag = head ? "th" : "td";

			fd_buf_addf(b, "<%s style=\"" S_CELL "%s%s\"", tag,
				    border, head ? ";" S_HEAD : "");
			if (c->colspan > 1)
				fd_buf_addf(b, " colspan=\"%d\"", c->colspan);
			if (c->rowspan > 1)
				fd_buf_addf(b, " rowspan=\"%d\"", c->rowspan);
			fd_buf_adds(b, ">");
			for (k = 0; k < c->nkids; k++) {
				const struct fd_node *x = c->kids[k];

				if (c->nkids == 1 && x->kind == FD_NODE_PARA)
					runs(b, x);
				else
					block(b, x);
			}
			fd_buf_addf(b, "</%s>", tag);
		}
		fd_buf_adds(b, "</tr>\n");
	}
	fd_buf_adds(b, "</table>\n");
}

static void
block(struct fd_buf *b, const struct fd_node *n)
{
	size_t i;

	switch (n->kind) {
	case FD_NODE_HEADING: {
		static const char *const styles[] = {S_H1, S_H2, S_H3};
		char tag[3] = {'h', (char)('0' + n->level), '\0'};

		text_el(b, tag, styles[n->level - 1], n, NULL);
		break;
	}
	case FD_NODE_PARA: {
		char *num = n->number > 0 ? fd_xasprintf("%d. ", n->number)
					  : NULL;

		text_el(b, "p", S_P, n, num);
		free(num);
		break;
	}
	case FD_NODE_CODE:
		text_el(b, "pre", S_CODE, n, NULL);
		break;
	case FD_NODE_CHECKBOX:
		/* U+2611 BALLOT BOX WITH CHECK, U+2610 BALLOT BOX. */
		text_el(b, "p", "margin:0 0 4px 0", n,
			n->flags & FD_CHECKED ? "\u2611 " : "\u2610 ");
		break;
	case FD_NODE_LINE:
		text_el(b, "p", "margin:0", n, NULL);
		break;
	case FD_NODE_LIST:
		list(b, n);
		break;
	case FD_NODE_QUOTE:
		fd_buf_adds(b, "<blockquote style=\"" S_QUOTE "\">\n");
		for (i = 0; i < n->nkids; i++)
			block(b, n->kids[i]);
		fd_buf_adds(b, "</blockquote>\n");
		break;
	case FD_NODE_ADDRESS:
		fd_buf_adds(b, "<p style=\"" S_P "\">");
		for (i = 0; i < n->nkids; i++) {
			if (i > 0)
				fd_buf_adds(b, "<br>\n");
			runs(b, n->kids[i]);
		}
		fd_buf_adds(b, "</p>\n");
		break;
	case FD_NODE_TABLE:
		table(b, n);
		break;
	case FD_NODE_SIGNATORY:
		fd_buf_adds(b, "<p style=\"" S_P "\"><strong>");
		escape(b, n->name);
		fd_buf_adds(b, "</strong>");
		if (n->title != NULL) {
			fd_buf_adds(b, "<br>\n");
			escape(b, n->title);
		}
		if (n->organisation != NULL) {
			fd_buf_adds(b, "<br>\n");
			escape(b, n->organisation);
		}
		fd_buf_adds(b, "</p>\n");
		break;
	case FD_NODE_BODY:
	case FD_NODE_ITEM:
	case FD_NODE_ROW:
	case FD_NODE_CELL:
	case FD_NODE_SIGNATURES:
		for (i = 0; i < n->nkids; i++)
			block(b, n->kids[i]);
		break;
	case FD_NODE_PAGE_BREAK:
		break;
	}
}

char *
fd_emit_html(const struct fd_doc *doc)
{
	struct fd_buf b = {0};

	fd_buf_adds(&b, "<!DOCTYPE html>\n<html lang=\"");
	escape(&b, doc->lang != NULL ? doc->lang : "en-GB");
	fd_buf_adds(&b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
			"<meta name=\"viewport\" "
			"content=\"width=device-width, initial-scale=1\">\n"
			"<title>");
	escape(&b, doc->title != NULL ? doc->title : "");
	fd_buf_adds(&b, "</title>\n</head>\n<body style=\"" S_BODY "\">\n");
	block(&b, doc->body);
	fd_buf_adds(&b, "</body>\n</html>\n");
	return fd_buf_steal(&b);
}
