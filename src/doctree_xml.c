/*
 * doctree_xml.c: the document tree's XML vocabulary loaded into C
 * (docs/document-tree.md), through the tree API of doctree.c.
 *
 * The schema has been checked before the walk, so the walk trusts element
 * names and attribute values; it still refuses depth it cannot afford,
 * since a tree from a stylesheet has not been through the loader's bounds.
 */
#include "doctree_xml.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "datadir.h"
#include "markdown.h"

/* Nesting of blocks in one tree; the loader allows 64 elements deep. */
#define MAX_DEPTH 64

/* What the walk carries along. */
struct build {
	const struct fd_input *in;	/* the tree and its source */
	const struct fd_doctree_opts *o; /* Markdown folder and values */
	struct fd_diags *d;		/* where errors go */
	struct fd_doc *doc;		/* the tree being built */
	const char *path;		/* in->path, owned by doc */
	int errors;			/* errors reported by the walk */
	size_t off;			/* the source read so far, by locate() */
	long off_line, off_col;		/* line and column of off */
};

/* Whitespace collapsing across the inline content of one block. */
struct inline_state {
	struct fd_node *n;	/* the block receiving runs */
	int at_start;		/* nothing printed yet (or just after br) */
	int space;		/* a space is pending */
	unsigned space_flags;	/* the attributes of the pending space */
	const char *space_href; /* the link of the pending space */
};

static void build_blocks(struct build *b, const xmlNode *first,
			 struct fd_node *parent, int depth);
static void build_flow(struct build *b, const xmlNode *el,
		       struct fd_node *parent, int depth);

/* A file name kept by the document for nodes to point at. */
static const char *
keep_file(struct fd_doc *doc, const char *path)
{
	size_t i;

	for (i = 0; i < doc->nfiles; i++)
		if (strcmp(doc->files[i], path) == 0)
			return doc->files[i];
	doc->files = fd_xreallocarray(doc->files, doc->nfiles + 1,
				      sizeof *doc->files);
	doc->files[doc->nfiles] = fd_xstrdup(path);
	return doc->files[doc->nfiles++];
}

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static long
line_of(const xmlNode *el)
{
	long l = xmlGetLineNo((xmlNode *)el);

	return l > 0 ? l : 0;
}

/* Line and column of el's start tag, found by reading the source forward
 * from the last element located: elements are met in document order, so
 * the walk reads the source once, however long its lines. Column 0 (and
 * libxml2's line) when the tag is not found before the end of the line
 * libxml2 gives, where its start tag ends. */
static void
locate(struct build *b, const xmlNode *el, long *line, long *col)
{
	const struct fd_input *in = b->in;
	const char *name = (const char *)el->name;
	size_t nl = strlen(name), end, i;

	*line = line_of(el);
	*col = 0;
	if (in->nlines == 0 || *line <= 0 || (size_t)*line > in->nlines)
		return;
	end = (size_t)*line < in->nlines ? in->line_start[*line] : in->len;
	for (i = b->off; i + 1 + nl < end; i++) {
		char c;

		if (in->src[i] != '<' || strncmp(in->src + i + 1, name, nl) != 0)
			continue;
		c = in->src[i + 1 + nl];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r' &&
		    c != '/' && c != '>')
			continue;
		/* Count lines and characters from the last place to here. */
		for (; b->off < i; b->off++) {
			unsigned char u = (unsigned char)in->src[b->off];

			if (u == '\n') {
				b->off_line++;
				b->off_col = 1;
			} else if ((u & 0xc0) != 0x80) {
				b->off_col++;
			}
		}
		*line = b->off_line;
		*col = b->off_col;
		/* Past the '<', so that the next search starts after it. */
		b->off++;
		b->off_col++;
		return;
	}
}

static struct fd_node *
new_node(struct build *b, enum fd_node_kind kind, const xmlNode *el)
{
	struct fd_node *n = fd_node_new(kind, b->path, line_of(el));

	if (el->type == XML_ELEMENT_NODE)
		locate(b, el, &n->line, &n->col);
	return n;
}

static void
error_at(struct build *b, const xmlNode *el, const char *attr,
	 enum fd_msg m, const char *arg)
{
	fd_input_msg(b->d, b->in, el, attr, m, arg);
	b->errors++;
}

static int
yes(const xmlNode *el, const char *attr)
{
	const char *v = fd_attr(el, attr);

	return v != NULL && strcmp(v, "yes") == 0;
}

static unsigned
keeps(const xmlNode *el)
{
	return (yes(el, "keep-together") ? FD_KEEP_TOGETHER : 0) |
	       (yes(el, "keep-with-next") ? FD_KEEP_WITH_NEXT : 0);
}

/* ---------------------------------------------------------- inline */

static void
inline_text(struct inline_state *st, const char *s, unsigned flags,
	    const char *href)
{
	const char *start = NULL;

	for (; *s; s++) {
		if (is_space((unsigned char)*s)) {
			if (start) {
				fd_node_add_run(st->n, start,
						(size_t)(s - start), flags,
						href);
				start = NULL;
			}
			if (!st->at_start && !st->space) {
				st->space = 1;
				st->space_flags = flags;
				st->space_href = href;
			}
			continue;
		}
		if (start == NULL) {
			if (st->space)
				fd_node_add_run(st->n, " ", 1, st->space_flags,
						st->space_href);
			st->space = 0;
			st->at_start = 0;
			start = s;
		}
	}
	if (start)
		fd_node_add_run(st->n, start, (size_t)(s - start), flags, href);
}

static void
inline_break(struct inline_state *st)
{
	st->space = 0;
	st->at_start = 1;
	fd_node_add_run(st->n, "\n", 1, 0, NULL);
}

/* Adds the inline content of one node (text, b, i, del, ins, a, br) to
 * st. */
static void
inline_node(struct build *b, struct inline_state *st, const xmlNode *x,
	    unsigned flags, const char *href, int depth)
{
	const xmlNode *c;

	if (x->type == XML_TEXT_NODE || x->type == XML_CDATA_SECTION_NODE) {
		if (x->content)
			inline_text(st, (const char *)x->content, flags, href);
		return;
	}
	if (x->type != XML_ELEMENT_NODE)
		return;
	if (depth > MAX_DEPTH) {
		error_at(b, x, NULL, M_NESTED_DEEP, (const char *)x->name);
		return;
	}
	if (fd_is_elem(x, "br")) {
		inline_break(st);
		return;
	}
	if (fd_is_elem(x, "b"))
		flags |= FD_RUN_BOLD;
	else if (fd_is_elem(x, "i"))
		flags |= FD_RUN_ITALIC;
	else if (fd_is_elem(x, "del"))
		flags |= FD_RUN_DEL;
	else if (fd_is_elem(x, "ins"))
		flags |= FD_RUN_INS;
	else if (fd_is_elem(x, "a")) {
		const char *h = fd_attr(x, "href");

		/* Not a live link: its text stays, as plain text. */
		href = h != NULL && fd_href_allowed(h) ? h : NULL;
	}
	for (c = x->children; c; c = c->next)
		inline_node(b, st, c, flags, href, depth + 1);
}

static void
inline_begin(struct inline_state *st, struct fd_node *n)
{
	memset(st, 0, sizeof *st);
	st->n = n;
	st->at_start = 1;
}

/* Drops a trailing forced break and empty runs left by collapsing. */
static void
inline_end(struct fd_node *n)
{
	while (n->nruns > 0 && strcmp(n->runs[n->nruns - 1].text, "\n") == 0) {
		n->nruns--;
		free(n->runs[n->nruns].text);
		free(n->runs[n->nruns].href);
	}
}

/* A text block from an element whose children are inline content. */
static struct fd_node *
text_block(struct build *b, enum fd_node_kind kind, const xmlNode *el,
	   int depth)
{
	struct fd_node *n = new_node(b, kind, el);
	struct inline_state st;
	const xmlNode *c;

	inline_begin(&st, n);
	for (c = el->children; c; c = c->next)
		inline_node(b, &st, c, 0, NULL, depth + 1);
	inline_end(n);
	return n;
}

/* -------------------------------------------------------- Markdown */

static void
markdown_block(struct build *b, const xmlNode *el, struct fd_node *parent)
{
	const char *src = fd_attr(el, "src");
	size_t before = parent->nkids, i;
	unsigned k = keeps(el);
	char *text = NULL, *data = NULL, *path = NULL;
	size_t len;
	long line;
	int err;

	if (src == NULL) {
		char *raw = fd_text(el);

		text = fd_markdown_dedent(raw);
		free(raw);
		len = strlen(text);
		if (len > FD_MARKDOWN_MAX) {
			fd_input_msg(b->d, b->in, el, NULL, M_MD_BLOCK_LONG, len,
				     FD_MARKDOWN_MAX);
			b->errors++;
			goto out;
		}
		line = line_of(el);
		if (fd_markdown_parse(text, len, parent, b->path, line,
				      b->d) != 0)
			b->errors++;
		goto keep;
	}
	if (strchr(src, '/') != NULL || src[0] == '.' || src[0] == '\0') {
		error_at(b, el, "src", M_MD_NAME, src);
		goto out;
	}
	if (b->o == NULL || b->o->markdown_dir == NULL) {
		error_at(b, el, "src", M_MD_NO_FOLDER, src);
		goto out;
	}
	path = fd_path_join(b->o->markdown_dir, src);
	err = fd_read_file(path, 4 * FD_MARKDOWN_MAX, &data, &len);
	if (err == EFBIG) {
		fd_msg(b->d, M_MD_FILE_LARGE, path, 1, 1, 4 * FD_MARKDOWN_MAX);
		b->errors++;
		goto out;
	}
	if (err) {
		fd_input_msg(b->d, b->in, el, "src", M_MD_READ, path,
			     strerror(err));
		b->errors++;
		goto out;
	}
	{
		size_t bad;

		if (!fd_utf8_valid(data, len, &bad)) {
			fd_msg(b->d, M_MD_BYTE, path, 1, 1,
			       (unsigned char)data[bad], bad);
			b->errors++;
			goto out;
		}
	}
	text = fd_markdown_fill(data, len,
				b->o ? b->o->placeholders : NULL,
				keep_file(b->doc, path), b->d);
	if (text == NULL) {
		b->errors++;
		goto out;
	}
	len = strlen(text);
	if (len > FD_MARKDOWN_MAX) {
		fd_msg(b->d, M_MD_FILLED_LONG, path, 1, 1, len, FD_MARKDOWN_MAX);
		b->errors++;
		goto out;
	}
	if (fd_markdown_parse(text, len, parent, keep_file(b->doc, path), 1,
			      b->d) != 0)
		b->errors++;
keep:
	for (i = before; i < parent->nkids; i++)
		parent->kids[i]->flags |= k & FD_KEEP_TOGETHER;
	if (parent->nkids > before && (k & FD_KEEP_WITH_NEXT))
		parent->kids[parent->nkids - 1]->flags |= FD_KEEP_WITH_NEXT;
out:
	free(text);
	free(data);
	free(path);
}

/* ---------------------------------------------------------- blocks */

static int
attr_int(const xmlNode *el, const char *attr, int dflt, int lo, int hi)
{
	const char *v = fd_attr(el, attr);
	long n;

	if (v == NULL)
		return dflt;
	n = strtol(v, NULL, 10);
	return n < lo ? lo : n > hi ? hi : (int)n;
}

static void
parse_width(const char *v, struct fd_col *c)
{
	char *end;
	double x;

	c->unit = FD_WIDTH_SHARE;
	c->value = 1;
	if (v == NULL)
		return;
	x = strtod(v, &end);
	if (strcmp(end, "*") == 0) {
		c->value = x > 0 ? x : 1;
	} else if (strcmp(end, "%") == 0) {
		c->unit = FD_WIDTH_PERCENT;
		c->value = x;
	} else {
		c->unit = FD_WIDTH_POINTS;
		c->value = strcmp(end, "mm") == 0   ? x * 72 / 25.4
			   : strcmp(end, "cm") == 0 ? x * 72 / 2.54
			   : strcmp(end, "in") == 0 ? x * 72
						    : x;
	}
}

static void
build_rows(struct build *b, const xmlNode *first, struct fd_node *table,
	   unsigned flags, int depth)
{
	const xmlNode *tr, *td;

	for (tr = first; tr; tr = tr->next) {
		struct fd_node *row;

		if (!fd_is_elem(tr, "tr"))
			continue;
		row = new_node(b, FD_NODE_ROW, tr);
		row->flags |= flags;
		fd_node_append(table, row);
		for (td = tr->children; td; td = td->next) {
			struct fd_node *cell;

			if (td->type != XML_ELEMENT_NODE)
				continue;
			cell = new_node(b, FD_NODE_CELL, td);
			if (fd_is_elem(td, "th"))
				cell->flags |= FD_HEADER_CELL;
			cell->colspan = attr_int(td, "colspan", 1, 1, 64);
			cell->rowspan = attr_int(td, "rowspan", 1, 1, 64);
			fd_node_append(row, cell);
			build_flow(b, td, cell, depth + 1);
		}
	}
}

static char *printable(char *s);

static struct fd_node *
build_table(struct build *b, const xmlNode *el, int depth)
{
	struct fd_node *t = new_node(b, FD_NODE_TABLE, el);
	const xmlNode *c;

	if (fd_attr(el, "borders") && !yes(el, "borders"))
		t->flags |= FD_NO_BORDERS;
	if (fd_attr(el, "caption") != NULL && *fd_attr(el, "caption"))
		t->title = printable(fd_squeeze(fd_attr(el, "caption")));
	for (c = el->children; c; c = c->next) {
		if (fd_is_elem(c, "col")) {
			t->cols = fd_xreallocarray(t->cols, t->ncols + 1,
						   sizeof *t->cols);
			parse_width(fd_attr(c, "width"), &t->cols[t->ncols++]);
		} else if (fd_is_elem(c, "thead")) {
			build_rows(b, c->children, t, FD_HEAD_ROW, depth + 1);
		} else if (fd_is_elem(c, "tbody")) {
			build_rows(b, c->children, t, 0, depth + 1);
		} else if (fd_is_elem(c, "tr")) {
			/* Rows straight under table: take them as a run. */
			build_rows(b, c, t, 0, depth + 1);
			break;
		}
	}
	return t;
}

/* s (freed) as text that Cairo takes: noncharacters become U+FFFD. */
static char *
printable(char *s)
{
	char *t;
	size_t len = strlen(s);

	if (fd_utf8_valid_encoding(s, len))
		return s;
	t = fd_utf8_sanitize(s, len, &len);
	free(s);
	return t;
}

static char *
child_text(const xmlNode *el, const char *name)
{
	const xmlNode *c = fd_child(el, name);
	char *raw, *s;

	if (c == NULL)
		return NULL;
	raw = fd_text(c);
	s = fd_squeeze(raw);
	free(raw);
	return printable(s);
}

static struct fd_node *
build_signatures(struct build *b, const xmlNode *el)
{
	struct fd_node *g = new_node(b, FD_NODE_SIGNATURES, el);
	const xmlNode *c;

	for (c = el->children; c; c = c->next) {
		struct fd_node *s;

		if (!fd_is_elem(c, "signatory"))
			continue;
		s = new_node(b, FD_NODE_SIGNATORY, c);
		s->name = child_text(c, "name");
		s->title = child_text(c, "title");
		s->organisation = child_text(c, "organisation");
		fd_node_append(g, s);
	}
	return g;
}

static struct fd_node *
build_list(struct build *b, const xmlNode *el, int depth)
{
	struct fd_node *l = new_node(b, FD_NODE_LIST, el);
	const char *type = fd_attr(el, "type");
	const xmlNode *c;

	if (type && strcmp(type, "number") == 0)
		l->flags |= FD_ORDERED;
	l->start = attr_int(el, "start", 1, 0, 99999);
	for (c = el->children; c; c = c->next) {
		struct fd_node *it;

		if (!fd_is_elem(c, "item"))
			continue;
		it = new_node(b, FD_NODE_ITEM, c);
		it->flags |= keeps(c);
		fd_node_append(l, it);
		build_flow(b, c, it, depth + 1);
	}
	return l;
}

/* One block element; Markdown appends its blocks to parent itself. */
static void
build_block(struct build *b, const xmlNode *el, struct fd_node *parent,
	    int depth)
{
	const char *name = (const char *)el->name;
	struct fd_node *n = NULL;

	if (depth > MAX_DEPTH) {
		error_at(b, el, NULL, M_NESTED_DEEP, name);
		return;
	}
	if (strcmp(name, "h1") == 0 || strcmp(name, "h2") == 0 ||
	    strcmp(name, "h3") == 0) {
		n = text_block(b, FD_NODE_HEADING, el, depth);
		n->level = name[1] - '0';
	} else if (strcmp(name, "p") == 0) {
		n = text_block(b, FD_NODE_PARA, el, depth);
		if (fd_attr(el, "number") && !yes(el, "number"))
			n->flags |= FD_NO_NUMBER;
	} else if (strcmp(name, "checkbox") == 0) {
		n = text_block(b, FD_NODE_CHECKBOX, el, depth);
		if (yes(el, "checked"))
			n->flags |= FD_CHECKED;
	} else if (strcmp(name, "list") == 0) {
		n = build_list(b, el, depth);
	} else if (strcmp(name, "quote") == 0) {
		n = new_node(b, FD_NODE_QUOTE, el);
		build_blocks(b, el->children, n, depth + 1);
	} else if (strcmp(name, "address") == 0) {
		const xmlNode *c;

		n = new_node(b, FD_NODE_ADDRESS, el);
		for (c = el->children; c; c = c->next)
			if (fd_is_elem(c, "line"))
				fd_node_append(n, text_block(b, FD_NODE_LINE,
							     c, depth + 1));
	} else if (strcmp(name, "letterhead") == 0) {
		const xmlNode *c;

		n = new_node(b, FD_NODE_LETTERHEAD, el);
		for (c = el->children; c; c = c->next) {
			struct fd_node *m;

			if (!fd_is_elem(c, "mark"))
				continue;
			m = text_block(b, FD_NODE_MARK, c, depth + 1);
			m->ref = fd_xstrdup(fd_attr(c, "inspectorate"));
			fd_node_append(n, m);
		}
	} else if (strcmp(name, "table") == 0) {
		n = build_table(b, el, depth);
	} else if (strcmp(name, "signatures") == 0) {
		n = build_signatures(b, el);
	} else if (strcmp(name, "page-break") == 0) {
		n = new_node(b, FD_NODE_PAGE_BREAK, el);
	} else if (strcmp(name, "markdown") == 0) {
		markdown_block(b, el, parent);
		return;
	} else {
		error_at(b, el, NULL, M_NOT_BLOCK, name);
		return;
	}
	n->flags |= keeps(el);
	if (yes(el, "envelope"))
		n->flags |= FD_ENVELOPE;
	fd_node_append(parent, n);
}

static void
build_blocks(struct build *b, const xmlNode *first, struct fd_node *parent,
	     int depth)
{
	const xmlNode *c;

	for (c = first; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			build_block(b, c, parent, depth);
}

static int
is_inline(const xmlNode *x)
{
	return x->type == XML_TEXT_NODE || x->type == XML_CDATA_SECTION_NODE ||
	       fd_is_elem(x, "b") || fd_is_elem(x, "i") ||
	       fd_is_elem(x, "del") || fd_is_elem(x, "ins") ||
	       fd_is_elem(x, "a") || fd_is_elem(x, "br");
}

/* True when a text node holds nothing but white space. */
static int
blank(const xmlNode *x)
{
	const char *s = (const char *)x->content;

	if (x->type != XML_TEXT_NODE && x->type != XML_CDATA_SECTION_NODE)
		return 0;
	for (; s && *s; s++)
		if (!is_space((unsigned char)*s))
			return 0;
	return 1;
}

/* Mixed content of an item or cell: each stretch of inline content up to
 * the next block is one paragraph. */
static void
build_flow(struct build *b, const xmlNode *el, struct fd_node *parent,
	   int depth)
{
	struct fd_node *para = NULL;
	struct inline_state st;
	const xmlNode *c;

	for (c = el->children; c; c = c->next) {
		if (is_inline(c)) {
			if (para == NULL) {
				if (blank(c))
					continue;
				/* Where its item or cell is. */
				para = fd_node_new(FD_NODE_PARA, b->path,
						   parent->line);
				para->col = parent->col;
				inline_begin(&st, para);
			}
			inline_node(b, &st, c, 0, NULL, depth + 1);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (para) {
			inline_end(para);
			fd_node_append(parent, para);
			para = NULL;
		}
		build_block(b, c, parent, depth + 1);
	}
	if (para) {
		inline_end(para);
		fd_node_append(parent, para);
	}
}

/* Refuses text blocks longer than FD_MAX_BLOCK_TEXT; returns the number
 * of errors. The tree is as deep as the loader's and Markdown's bounds
 * allow, a few hundred levels at most. */
static int
check_sizes(const struct fd_node *n, struct fd_diags *d, int depth)
{
	size_t i, len = 0;
	int errors = 0;

	for (i = 0; i < n->nruns; i++)
		len += strlen(n->runs[i].text);
	if (len > FD_MAX_BLOCK_TEXT) {
		fd_msg(d, M_BLOCK_LONG, n->file, n->line, n->col, len,
		       FD_MAX_BLOCK_TEXT);
		errors++;
	}
	if (depth > 2 * MAX_DEPTH)
		return errors;
	for (i = 0; i < n->nkids; i++)
		errors += check_sizes(n->kids[i], d, depth + 1);
	return errors;
}

static void
number_paragraphs(struct fd_doc *doc)
{
	size_t i;
	int n = 0;

	if (!doc->numbered)
		return;
	for (i = 0; i < doc->body->nkids; i++) {
		struct fd_node *k = doc->body->kids[i];

		if (k->kind == FD_NODE_PARA && !(k->flags & FD_NO_NUMBER))
			k->number = ++n;
	}
}

static void
build_meta(struct fd_doc *doc, const xmlNode *meta, const xmlNode *page)
{
	const char *v;

	doc->title = child_text(meta, "title");
	doc->subject = child_text(meta, "subject");
	doc->author = child_text(meta, "author");
	doc->lang = child_text(meta, "lang");
	if (doc->lang == NULL || doc->lang[0] == '\0') {
		free(doc->lang);
		doc->lang = fd_xstrdup("en-GB");
	}
	doc->stage = child_text(meta, "stage");
	doc->keywords = child_text(meta, "keywords");
	if (page == NULL)
		return;
	if ((v = fd_attr(page, "marking")) != NULL && *v)
		doc->marking = printable(fd_squeeze(v));
	if ((v = fd_attr(page, "notice")) != NULL && *v)
		doc->notice = printable(fd_squeeze(v));
	if ((v = fd_attr(page, "watermark")) != NULL && *v)
		doc->watermark = printable(fd_squeeze(v));
	if ((v = fd_attr(page, "footer")) != NULL && *v)
		doc->footer = printable(fd_squeeze(v));
	doc->numbered = yes(page, "numbered-paragraphs");
}

/* ----------------------------------------------------- the envelope */

/*
 * A copy of s on one line: every control character (a line break above
 * all, which would end a header) and every run of white space becomes one
 * space, and none leads or trails. NULL for NULL; the caller frees it.
 */
static char *
one_line(const char *s)
{
	struct fd_buf b = {0};
	int space = 0;

	if (s == NULL)
		return NULL;
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7F || c == ' ') {
			space = b.len > 0;
			continue;
		}
		if (space)
			fd_buf_addc(&b, ' ');
		space = 0;
		fd_buf_addc(&b, (char)c);
	}
	return fd_buf_steal(&b);
}

static char *
attr_copy(const xmlNode *el, const char *name)
{
	const char *v = fd_attr(el, name);

	return v ? fd_xstrdup(v) : NULL;
}

static void
mailbox(struct fd_mailbox *mb, const xmlNode *el)
{
	mb->name = one_line(fd_attr(el, "name"));
	mb->address = attr_copy(el, "address");
}

static void
add_mailbox(struct fd_mailbox **v, size_t *n, const xmlNode *el)
{
	*v = fd_xreallocarray(*v, *n + 1, sizeof **v);
	mailbox(&(*v)[(*n)++], el);
}

/* meta/mail as the MIME writer reads it (document.rng has checked its
 * shape), or NULL when the tree is no email. */
static struct fd_envelope *
build_envelope(struct build *b, const xmlNode *mail)
{
	struct fd_envelope *e;
	const xmlNode *c;

	if (mail == NULL)
		return NULL;
	e = fd_xcalloc(1, sizeof *e);
	e->subject = one_line(fd_attr(mail, "subject"));
	e->date = attr_copy(mail, "date");
	e->time = attr_copy(mail, "time");
	e->id_key = attr_copy(mail, "id-key");
	e->id_domain = attr_copy(mail, "id-domain");
	if (fd_attr(mail, "notified") && *fd_attr(mail, "notified"))
		e->notified = attr_copy(mail, "notified");
	e->file = b->path;
	e->line = line_of(mail);
	for (c = mail->children; c != NULL; c = c->next) {
		if (fd_is_elem(c, "from"))
			mailbox(&e->from, c);
		else if (fd_is_elem(c, "to"))
			add_mailbox(&e->to, &e->nto, c);
		else if (fd_is_elem(c, "cc"))
			add_mailbox(&e->cc, &e->ncc, c);
	}
	return e;
}

/*
 * The caller's placeholders with an email's own <placeholder> values
 * added (meta/mail): a value the stylesheet chose for this recipient
 * wins over a fact of the same name. NULL when the tree has none; the
 * caller frees the map.
 */
static struct fd_map *
mail_values(const xmlNode *mail, const struct fd_map *base)
{
	struct fd_map *m;
	const xmlNode *c;
	size_t i;

	if (fd_child(mail, "placeholder") == NULL)
		return NULL;
	m = fd_map_new();
	for (i = 0; base != NULL && i < fd_map_count(base); i++)
		fd_map_set(m, fd_map_key(base, i), fd_map_value(base, i));
	for (c = mail->children; c != NULL; c = c->next) {
		if (fd_is_elem(c, "placeholder")) {
			char *v = fd_text(c);

			fd_map_set(m, fd_attr(c, "name"), v);
			free(v);
		}
	}
	return m;
}

static const xmlNode *
find_mail(xmlDoc *tree)
{
	const xmlNode *root = tree ? xmlDocGetRootElement(tree) : NULL;

	return fd_child(fd_child(root, "meta"), "mail");
}

int
fd_doctree_is_mail(xmlDoc *tree)
{
	return find_mail(tree) != NULL;
}

char *
fd_doctree_notified(xmlDoc *tree)
{
	const char *n = fd_attr(find_mail(tree), "notified");

	return n != NULL && *n != '\0' ? fd_xstrdup(n) : NULL;
}

/* The number of elements under root, counted without recursion and
 * without counting past limit. */
static size_t
count_elements(const xmlNode *root, size_t limit)
{
	const xmlNode *n;
	size_t count = 0;

	for (n = root; n != NULL && count <= limit; n = fd_next_node(root, n))
		if (n->type == XML_ELEMENT_NODE)
			count++;
	return count;
}

/* Validates against document.rng; returns the number of errors. */
static unsigned
validate(const struct fd_input *in, const struct fd_doctree_opts *o,
	 struct fd_diags *d)
{
	struct fd_datadir dd;
	char *rng;
	unsigned n;

	if (o != NULL && o->schema_dir != NULL) {
		rng = fd_path_join(o->schema_dir, "document.rng");
	} else {
		if (fd_datadir_find(&dd, NULL, d) != 0)
			return 1;
		rng = fd_path_join(dd.templates, "schema/document.rng");
		fd_datadir_clear(&dd);
	}
	n = fd_validate_rng(in, rng, d);
	free(rng);
	return n;
}

struct fd_doc *
fd_doctree_build_input(const struct fd_input *in,
		       const struct fd_doctree_opts *o, struct fd_diags *d)
{
	struct build b = {in, o, d, NULL, NULL, 0, 0, 1, 1};
	const xmlNode *root = xmlDocGetRootElement(in->doc);
	const xmlNode *body, *mail;
	struct fd_doctree_opts with_mail;
	struct fd_map *values = NULL;

	if (count_elements(root, FD_MAX_ELEMENTS) > FD_MAX_ELEMENTS) {
		fd_msg(d, M_TREE_LARGE, in->path, 1, 1, FD_MAX_ELEMENTS);
		return NULL;
	}
	if (validate(in, o, d) != 0)
		return NULL;
	b.doc = fd_xcalloc(1, sizeof *b.doc);
	b.path = keep_file(b.doc, in->path);
	build_meta(b.doc, fd_child(root, "meta"), fd_child(root, "page"));
	mail = fd_child(fd_child(root, "meta"), "mail");
	b.doc->mail = build_envelope(&b, mail);
	/* An email fills its Markdown with its recipient's values too. */
	if (mail != NULL &&
	    (values = mail_values(mail, o ? o->placeholders : NULL)) != NULL) {
		if (o != NULL)
			with_mail = *o;
		else
			memset(&with_mail, 0, sizeof with_mail);
		with_mail.placeholders = values;
		b.o = &with_mail;
	}
	if (b.doc->title == NULL || b.doc->title[0] == '\0')
		error_at(&b, fd_child(fd_child(root, "meta"), "title"), NULL,
			 M_NO_TITLE, "<title>");
	body = fd_child(root, "body");
	b.doc->body = fd_node_new(FD_NODE_BODY, b.path, line_of(body));
	build_blocks(&b, body->children, b.doc->body, 1);
	b.errors += check_sizes(b.doc->body, d, 0);
	fd_map_free(values);
	if (b.errors) {
		fd_doc_free(b.doc);
		return NULL;
	}
	number_paragraphs(b.doc);
	return b.doc;
}

struct fd_doc *
fd_doctree_build(xmlDoc *tree, const char *name,
		 const struct fd_doctree_opts *o, struct fd_diags *d)
{
	/* No source text: diagnostics fall back to the nodes' lines. */
	struct fd_input in = {0};

	in.path = (char *)name;
	in.src = (char *)"";
	in.doc = tree;
	if (tree == NULL || xmlDocGetRootElement(tree) == NULL) {
		fd_msg(d, M_TREE_EMPTY, name, 0, 0);
		return NULL;
	}
	return fd_doctree_build_input(&in, o, d);
}
