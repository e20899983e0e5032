/*
 * emit_text.c: the document tree as wrapped plain text.
 *
 * Every block is written with two prefixes: one for its first line and
 * one for the lines after, so that list markers hang and quotes keep
 * their "> " on every line without the blocks knowing where they sit.
 */
#include "emit_text.h"

#include <stdlib.h>
#include <string.h>

/* The state of one run of the emitter. */
struct emitter {
	struct fd_buf out; /* the text so far */
	int width;	   /* wrap column, in characters */
	int blank;	   /* a blank line is owed before the next block */
};

static void block(struct emitter *e, const struct fd_node *n,
		  const char *first, const char *rest);

/* Characters (code points) in n bytes of UTF-8. */
static int
columns(const char *s, size_t n)
{
	int c = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

/* Appends a line: prefix and text, without trailing spaces, then '\n'. */
static void
put_line(struct emitter *e, const char *prefix, const char *text, size_t n)
{
	size_t plen = strlen(prefix);

	while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t'))
		n--;
	if (n == 0)
		while (plen > 0 && prefix[plen - 1] == ' ')
			plen--;
	fd_buf_add(&e->out, prefix, plen);
	fd_buf_add(&e->out, text, n);
	fd_buf_addc(&e->out, '\n');
}

/* Writes the blank line owed between two blocks, if any. */
static void
separate(struct emitter *e, const char *prefix)
{
	if (e->blank && e->out.len > 0)
		put_line(e, prefix, "", 0);
	e->blank = 0;
}

/*
 * Wraps text (hard breaks as '\n') at the emitter's width: the first line
 * after first, the others after rest. Words are runs of non-blank bytes;
 * a word wider than the line keeps a line of its own.
 */
static void
wrap(struct emitter *e, const char *text, const char *first,
     const char *rest)
{
	const char *prefix = first;
	const char *p = text;
	struct fd_buf line = {0};

	for (;;) {
		const char *end = strchr(p, '\n');
		int col = columns(prefix, strlen(prefix));
		int words = 0;

		if (end == NULL)
			end = p + strlen(p);
		line.len = 0;
		while (p < end) {
			const char *w;
			int wc;

			while (p < end && (*p == ' ' || *p == '\t'))
				p++;
			if (p == end)
				break;
			w = p;
			while (p < end && *p != ' ' && *p != '\t')
				p++;
			wc = columns(w, (size_t)(p - w));
			if (words > 0 && col + 1 + wc > e->width) {
				put_line(e, prefix, line.data, line.len);
				prefix = rest;
				col = columns(prefix, strlen(prefix));
				line.len = 0;
				words = 0;
			}
			if (words > 0) {
				fd_buf_addc(&line, ' ');
				col++;
			}
			fd_buf_add(&line, w, (size_t)(p - w));
			col += wc;
			words++;
		}
		put_line(e, prefix, line.data ? line.data : "", line.len);
		prefix = rest;
		if (*end == '\0')
			break;
		p = end + 1;
	}
	fd_buf_free(&line);
}

/* True when text is href less the scheme prefix. */
static int
same_less(const char *text, size_t n, const char *href, const char *scheme)
{
	size_t k = strlen(scheme);

	return strncmp(href, scheme, k) == 0 && strlen(href + k) == n &&
	       memcmp(text, href + k, n) == 0;
}

/* True when a link's text already shows where it leads: the address
 * itself, with or without its scheme. */
static int
link_shown(const char *text, size_t n, const char *href)
{
	return same_less(text, n, href, "") ||
	       same_less(text, n, href, "mailto:") ||
	       same_less(text, n, href, "https://") ||
	       same_less(text, n, href, "http://");
}

/* True when run i of n has flag and the run at i + step (if any) has
 * not: where a stretch of del or ins begins or ends. */
static int
edge(const struct fd_node *n, size_t i, int step, unsigned flag)
{
	if (!(n->runs[i].flags & flag))
		return 0;
	if (step < 0)
		return i == 0 || !(n->runs[i - 1].flags & flag);
	return i + 1 == n->nruns || !(n->runs[i + 1].flags & flag);
}

/*
 * The inline content of a text block: its runs, with a link written as
 * "text <url>" (a mailto: link as "name <address>") unless the text is
 * the address itself, and words taken out as "[-...-]", words put in as
 * "{+...+}" (wdiff's marks). Returns a string the caller frees.
 */
static char *
inline_text(const struct fd_node *n)
{
	struct fd_buf b = {0};
	size_t link_start = 0, i;

	for (i = 0; i < n->nruns; i++) {
		const struct fd_run *r = &n->runs[i];
		const char *href = r->href;

		if (href != NULL &&
		    (i == 0 || n->runs[i - 1].href == NULL ||
		     strcmp(n->runs[i - 1].href, href) != 0))
			link_start = b.len;
		if (edge(n, i, -1, FD_RUN_DEL))
			fd_buf_adds(&b, "[-");
		if (edge(n, i, -1, FD_RUN_INS))
			fd_buf_adds(&b, "{+");
		fd_buf_adds(&b, r->text);
		if (edge(n, i, 1, FD_RUN_INS))
			fd_buf_adds(&b, "+}");
		if (edge(n, i, 1, FD_RUN_DEL))
			fd_buf_adds(&b, "-]");
		if (href != NULL &&
		    (i + 1 == n->nruns || n->runs[i + 1].href == NULL ||
		     strcmp(n->runs[i + 1].href, href) != 0) &&
		    !link_shown(b.data + link_start, b.len - link_start, href))
			fd_buf_addf(&b, " <%s>",
				    strncmp(href, "mailto:", 7) == 0 ? href + 7
								     : href);
	}
	return fd_buf_steal(&b);
}

/* The text of a cell or any block, flattened to one line of words. */
static void
flat_text(struct fd_buf *b, const struct fd_node *n)
{
	size_t i;

	if (n->nruns > 0 || n->kind == FD_NODE_CHECKBOX) {
		char *t = inline_text(n);
		char *p;

		for (p = t; *p != '\0'; p++)
			if (*p == '\n')
				*p = ' ';
		if (b->len > 0)
			fd_buf_addc(b, ' ');
		if (n->kind == FD_NODE_CHECKBOX)
			fd_buf_adds(b, n->flags & FD_CHECKED ? "[x] " : "[ ] ");
		fd_buf_adds(b, t);
		free(t);
		return;
	}
	if (n->kind == FD_NODE_SIGNATORY) {
		fd_buf_addf(b, "%s%s", b->len > 0 ? " " : "", n->name);
		if (n->title != NULL)
			fd_buf_addf(b, ", %s", n->title);
		if (n->organisation != NULL)
			fd_buf_addf(b, ", %s", n->organisation);
	}
	for (i = 0; i < n->nkids; i++)
		flat_text(b, n->kids[i]);
}

/* The prefix plus spaces as wide as marker: a hanging indent. */
static char *
hang(const char *prefix, const char *marker)
{
	struct fd_buf b = {0};
	int n = columns(marker, strlen(marker));

	fd_buf_adds(&b, prefix);
	while (n-- > 0)
		fd_buf_addc(&b, ' ');
	return fd_buf_steal(&b);
}

static void
text_block(struct emitter *e, const struct fd_node *n, const char *first,
	   const char *rest, const char *marker)
{
	char *t = inline_text(n);
	char *f = fd_xasprintf("%s%s", first, marker);
	char *r = hang(rest, marker);

	wrap(e, t, f, r);
	free(t);
	free(f);
	free(r);
}

static void
heading(struct emitter *e, const struct fd_node *n, const char *first,
	const char *rest)
{
	char *t = inline_text(n);
	size_t start = e->out.len;
	int w, i;

	wrap(e, t, first, rest);
	free(t);
	if (n->level > 2)
		return;
	/* The underline is as long as the heading's longest line. */
	w = 0;
	for (i = 0; start < e->out.len; start++) {
		if (e->out.data[start] == '\n') {
			if (i > w)
				w = i;
			i = 0;
		} else if (((unsigned char)e->out.data[start] & 0xC0) != 0x80) {
			i++;
		}
	}
	w -= columns(rest, strlen(rest));
	if (w < 3)
		w = 3;
	fd_buf_adds(&e->out, rest);
	for (i = 0; i < w; i++)
		fd_buf_addc(&e->out, n->level == 1 ? '=' : '-');
	fd_buf_addc(&e->out, '\n');
}

static void
list(struct emitter *e, const struct fd_node *n, const char *first,
     const char *rest)
{
	size_t i, j;

	for (i = 0; i < n->nkids; i++) {
		const struct fd_node *item = n->kids[i];
		char *marker = n->flags & FD_ORDERED
				       ? fd_xasprintf("%ld. ",
						      (long)n->start + (long)i)
				       : fd_xstrdup("- ");
		char *f = fd_xasprintf("%s%s", i == 0 ? first : rest, marker);
		char *r = hang(rest, marker);

		e->blank = 0;
		for (j = 0; j < item->nkids; j++) {
			const struct fd_node *k = item->kids[j];

			/* Paragraphs of one item are apart; a nested list
			 * follows its paragraph directly. */
			e->blank = j > 0 && k->kind != FD_NODE_LIST;
			block(e, k, j == 0 ? f : r, r);
		}
		if (item->nkids == 0)
			put_line(e, f, "", 0);
		free(marker);
		free(f);
		free(r);
	}
}

static void
table(struct emitter *e, const struct fd_node *n, const char *first,
      const char *rest)
{
	size_t i, j;

	for (i = 0; i < n->nkids; i++) {
		const struct fd_node *row = n->kids[i];
		struct fd_buf b = {0};

		for (j = 0; j < row->nkids; j++) {
			struct fd_buf c = {0};

			flat_text(&c, row->kids[j]);
			if (j > 0)
				fd_buf_adds(&b, " | ");
			if (c.len > 0)
				fd_buf_adds(&b, c.data);
			fd_buf_free(&c);
		}
		wrap(e, b.data ? b.data : "", i == 0 ? first : rest, rest);
		fd_buf_free(&b);
	}
}

static void
signatures(struct emitter *e, const struct fd_node *n, const char *first,
	   const char *rest)
{
	size_t i;

	for (i = 0; i < n->nkids; i++) {
		const struct fd_node *s = n->kids[i];

		separate(e, rest);
		wrap(e, s->name, i == 0 ? first : rest, rest);
		if (s->title != NULL)
			wrap(e, s->title, rest, rest);
		if (s->organisation != NULL)
			wrap(e, s->organisation, rest, rest);
		e->blank = 1;
	}
}

/* Writes one block and everything in it; owes a blank line after it. */
static void
block(struct emitter *e, const struct fd_node *n, const char *first,
      const char *rest)
{
	size_t i;

	separate(e, rest);
	switch (n->kind) {
	case FD_NODE_HEADING:
		heading(e, n, first, rest);
		break;
	case FD_NODE_PARA: {
		char *num = n->number > 0 ? fd_xasprintf("%d. ", n->number)
					  : fd_xstrdup("");

		text_block(e, n, first, rest, num);
		free(num);
		break;
	}
	case FD_NODE_CODE: {
		char *t = inline_text(n);
		char *f = fd_xasprintf("%s    ", first);
		char *r = fd_xasprintf("%s    ", rest);
		const char *p = t;

		for (i = 0;; i++) {
			const char *end = strchr(p, '\n');

			if (end == NULL)
				end = p + strlen(p);
			put_line(e, i == 0 ? f : r, p, (size_t)(end - p));
			if (*end == '\0')
				break;
			p = end + 1;
		}
		free(t);
		free(f);
		free(r);
		break;
	}
	case FD_NODE_CHECKBOX:
		text_block(e, n, first, rest,
			   n->flags & FD_CHECKED ? "[x] " : "[ ] ");
		break;
	case FD_NODE_LINE:
	case FD_NODE_MARK:
		text_block(e, n, first, rest, "");
		break;
	case FD_NODE_LIST:
		list(e, n, first, rest);
		break;
	case FD_NODE_QUOTE: {
		char *f = fd_xasprintf("%s> ", first);
		char *r = fd_xasprintf("%s> ", rest);

		for (i = 0; i < n->nkids; i++)
			block(e, n->kids[i], i == 0 ? f : r, r);
		free(f);
		free(r);
		break;
	}
	case FD_NODE_ADDRESS:
	case FD_NODE_LETTERHEAD: /* the names of the marks, the lines */
		for (i = 0; i < n->nkids; i++)
			text_block(e, n->kids[i], i == 0 ? first : rest, rest,
				   "");
		break;
	case FD_NODE_TABLE:
		table(e, n, first, rest);
		break;
	case FD_NODE_SIGNATURES:
		signatures(e, n, first, rest);
		break;
	case FD_NODE_BODY:
	case FD_NODE_ITEM:
	case FD_NODE_ROW:
	case FD_NODE_CELL:
	case FD_NODE_SIGNATORY:
		for (i = 0; i < n->nkids; i++)
			block(e, n->kids[i], i == 0 ? first : rest, rest);
		break;
	case FD_NODE_PAGE_BREAK:
		return;
	}
	e->blank = 1;
}

char *
fd_emit_text(const struct fd_doc *doc, int width)
{
	struct emitter e = {{0}, width, 0};
	size_t i;

	for (i = 0; i < doc->body->nkids; i++)
		block(&e, doc->body->kids[i], "", "");
	if (e.out.data == NULL)
		fd_buf_adds(&e.out, "");
	return fd_buf_steal(&e.out);
}
