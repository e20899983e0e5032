/*
 * load.c: reading untrusted XML safely.
 *
 * Parser options, and why:
 *  - XML_PARSE_NONET: no network access, ever.
 *  - XML_PARSE_NOCDATA: CDATA sections become plain text, so pasted prose
 *    in <![CDATA[ ]]> reads like any other text.
 *  - XML_PARSE_BIG_LINES: true line numbers past 65535.
 *  - never XML_PARSE_NOENT (it reads external entities into the tree),
 *    XML_PARSE_DTDLOAD, XML_PARSE_DTDATTR, XML_PARSE_XINCLUDE or
 *    XML_PARSE_HUGE (which lifts the depth and entity-expansion guards).
 * Beyond options: any DOCTYPE stops the parse at once (our vocabularies
 * have none, and a DOCTYPE is where entity bombs and external entities
 * live); the bytes must be UTF-8 and are parsed as UTF-8 whatever the XML
 * declaration says; files are bounded in size and nesting depth; the file
 * is read by us and parsed from memory, so no loader ever opens a path.
 */
#include "load.h"

#include <errno.h>
#include <limits.h>
#include <libxml/SAX2.h>
#include <stdint.h>
#include <stdio.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <stdlib.h>
#include <string.h>

#include "load_int.h"
#include "markdown.h"

#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES)

/* Byte offsets of elements' start tags, keyed by node: open addressing
 * on the pointer, recorded while parsing. */
struct fd_offsets {
	const xmlNode **nodes; /* keys; NULL for a free slot */
	size_t *off;	       /* offset of the '<' of each node's start tag */
	size_t cap;	       /* slots, a power of two */
	size_t n;	       /* slots used */
};

static size_t
ptr_hash(const void *p)
{
	size_t h = (size_t)(uintptr_t)p;

	return (h >> 4) * 2654435761u;
}

static void
offsets_put(struct fd_offsets *o, const xmlNode *node, size_t off)
{
	size_t i;

	if (2 * (o->n + 1) > o->cap) {
		struct fd_offsets b = {0};

		b.cap = o->cap ? o->cap * 2 : 256;
		b.nodes = fd_xcalloc(b.cap, sizeof *b.nodes);
		b.off = fd_xcalloc(b.cap, sizeof *b.off);
		for (i = 0; i < o->cap; i++)
			if (o->nodes[i])
				offsets_put(&b, o->nodes[i], o->off[i]);
		free(o->nodes);
		free(o->off);
		*o = b;
	}
	for (i = ptr_hash(node) & (o->cap - 1); o->nodes[i];
	     i = (i + 1) & (o->cap - 1))
		if (o->nodes[i] == node)
			break;
	if (o->nodes[i] == NULL)
		o->n++;
	o->nodes[i] = node;
	o->off[i] = off;
}

static size_t
offsets_get(const struct fd_offsets *o, const xmlNode *node)
{
	size_t i;

	if (o == NULL || o->cap == 0)
		return (size_t)-1;
	for (i = ptr_hash(node) & (o->cap - 1); o->nodes[i];
	     i = (i + 1) & (o->cap - 1))
		if (o->nodes[i] == node)
			return o->off[i];
	return (size_t)-1;
}

/* What a parse reports back through the SAX hooks. */
struct parse_state {
	struct fd_parse_error *err; /* the first error, or the DOCTYPE */
	struct fd_offsets *offsets; /* start tags seen so far, or NULL */
};

static void
index_lines(struct fd_input *in)
{
	size_t i, n = 1;

	for (i = 0; i < in->len; i++)
		if (in->src[i] == '\n')
			n++;
	in->line_start = fd_xreallocarray(NULL, n, sizeof(size_t));
	in->line_start[0] = 0;
	in->nlines = 1;
	for (i = 0; i < in->len; i++)
		if (in->src[i] == '\n')
			in->line_start[in->nlines++] = i + 1;
}

void
fd_input_offset_pos(const struct fd_input *in, size_t off, long *line,
		    long *col)
{
	size_t lo = 0, hi = in->nlines;

	/* The last line whose start is at or before off. */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (in->line_start[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = (long)lo + 1;
	/* Columns count characters, not bytes: skip UTF-8 continuations. */
	{
		size_t i;
		long c = 1;

		for (i = in->line_start[lo]; i < off && i < in->len; i++)
			if (((unsigned char)in->src[i] & 0xc0) != 0x80)
				c++;
		*col = c;
	}
}

/* libxml2 hands a SAX error handler ctxt->userData, the parser context. */
static void
serror(void *ctx, xmlErrorPtr err)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct fd_parse_error *e = ((struct parse_state *)ctxt->_private)->err;
	size_t n;

	if (e->msg != NULL || err == NULL || err->level < XML_ERR_ERROR)
		return;
	e->msg = fd_xstrdup(err->message ? err->message : "malformed XML");
	n = strlen(e->msg);
	while (n > 0 && (e->msg[n - 1] == '\n' || e->msg[n - 1] == ' '))
		e->msg[--n] = '\0';
	e->line = err->line;
	e->col = err->int2;
	e->code = err->code;
	e->int1 = err->int1;
	if (err->str1 != NULL)
		snprintf(e->name, sizeof e->name, "%s", err->str1);
}

static void
stop_at_doctype(void *ctx, const xmlChar *name, const xmlChar *eid,
		const xmlChar *sid)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct fd_parse_error *e = ((struct parse_state *)ctxt->_private)->err;

	(void)name;
	(void)eid;
	(void)sid;
	if (!e->doctype) {
		e->doctype = 1;
		e->line = xmlSAX2GetLineNumber(ctxt);
		e->col = xmlSAX2GetColumnNumber(ctxt);
	}
	xmlStopParser(ctxt);
}

/*
 * libxml2 calls this when a start tag has been read, with the input at
 * its '>' or '/>'; attribute values hold no literal '<', so the tag's '<'
 * is the last one before. Its offset gives diagnostics an exact column.
 */
static void
start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
	      const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
	      int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse_state *st = ctxt->_private;
	const xmlChar *base, *p;

	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces,
			      namespaces, nb_attributes, nb_defaulted,
			      attributes);
	if (st->offsets == NULL || ctxt->node == NULL ||
	    ctxt->input == NULL || ctxt->input->cur == NULL)
		return;
	base = ctxt->input->base;
	for (p = ctxt->input->cur; p > base && *p != '<'; p--)
		;
	if (*p == '<')
		offsets_put(st->offsets, ctxt->node,
			    (size_t)ctxt->input->consumed + (size_t)(p - base));
}

static int
too_deep(const xmlNode *root)
{
	const xmlNode *n = root;
	int depth = 1;

	/* Iterative walk: recursion on hostile depth is what we guard. */
	while (n != NULL) {
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			if (++depth > FD_MAX_DEPTH)
				return 1;
			n = n->children;
			continue;
		}
		while (n != NULL && n->next == NULL) {
			n = n->parent;
			depth--;
			if (n == root || n == NULL)
				return 0;
		}
		if (n != NULL)
			n = n->next;
	}
	return 0;
}

xmlDoc *
fd_parse_memory(const char *name, const char *data, size_t len,
		xmlDict *dict, struct fd_offsets *offsets,
		struct fd_parse_error *err)
{
	struct parse_state st = {err, offsets};
	xmlParserCtxtPtr ctxt;
	xmlDoc *doc;

	memset(err, 0, sizeof *err);
	if (len > INT_MAX || (ctxt = xmlNewParserCtxt()) == NULL) {
		err->msg = fd_xstrdup("cannot create an XML parser");
		return NULL;
	}
	if (dict != NULL) {
		xmlDictFree(ctxt->dict);
		ctxt->dict = dict;
		xmlDictReference(ctxt->dict);
	}
	ctxt->_private = &st;
	ctxt->sax->internalSubset = stop_at_doctype;
	ctxt->sax->externalSubset = stop_at_doctype;
	ctxt->sax->serror = serror;
	ctxt->sax->startElementNs = start_element;
	ctxt->sax->initialized = XML_SAX2_MAGIC;
	ctxt->userData = ctxt;
	ctxt->vctxt.error = NULL;
	ctxt->vctxt.warning = NULL;
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, name, "UTF-8",
				PARSE_OPTIONS);
	if (doc != NULL && (err->doctype || err->msg || !ctxt->wellFormed)) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (doc == NULL && !err->doctype && err->msg == NULL)
		err->msg = fd_xstrdup("cannot parse");
	xmlFreeParserCtxt(ctxt);
	return doc;
}

/* A parse error at its place, in words when load_explain.c has some. */
static void
report_parse_error(const struct fd_input *in, const struct fd_parse_error *err,
		   struct fd_diags *d)
{
	long line = err->line > 0 ? err->line : 1;
	long col = err->col > 0 ? err->col : 1;

	if (!fd_explain_parse_error(err, in->src, in->len, in->line_start,
				    in->nlines, in->path, line, col, d))
		fd_msg(d, M_XML_MALFORMED, in->path, line, col, err->msg);
}

struct fd_input *
fd_load_memory(const char *name, const char *data, size_t len,
	       struct fd_diags *d)
{
	struct fd_input *in = fd_xcalloc(1, sizeof *in);
	struct fd_parse_error err = {0};
	size_t bad;
	long line, col;

	in->path = fd_xstrdup(name);
	in->src = fd_xstrndup(data, len);
	in->len = len;
	index_lines(in);

	if (len == 0) {
		fd_msg(d, M_FILE_EMPTY, name, 1, 1);
		goto fail;
	}
	if (len > FD_MAX_FILE) {
		fd_msg(d, M_FILE_LARGE, name, 1, 1, FD_MAX_FILE);
		goto fail;
	}
	if (!fd_utf8_valid(data, len, &bad)) {
		fd_input_offset_pos(in, bad, &line, &col);
		if (data[bad] == '\0' || (unsigned char)data[bad] < 0x20)
			fd_msg(d, M_FILE_CONTROL, name, line, col,
			       (unsigned char)data[bad]);
		else
			fd_msg(d, M_FILE_BYTE, name, line, col,
			       (unsigned char)data[bad]);
		goto fail;
	}
	in->offsets = fd_xcalloc(1, sizeof *in->offsets);
	in->doc = fd_parse_memory(name, in->src, len, NULL, in->offsets, &err);
	if (err.doctype) {
		fd_msg(d, M_DOCTYPE, name, err.line, err.col);
		goto fail;
	}
	if (in->doc == NULL) {
		if (strstr(err.msg, "Excessive depth"))
			fd_msg(d, M_XML_DEEP, name, err.line, err.col,
			       FD_MAX_DEPTH);
		else
			report_parse_error(in, &err, d);
		goto fail;
	}
	if (xmlDocGetRootElement(in->doc) == NULL) {
		fd_msg(d, M_NO_ROOT, name, 1, 1);
		goto fail;
	}
	if (too_deep(xmlDocGetRootElement(in->doc))) {
		fd_msg(d, M_XML_DEEP, name, 1, 1, FD_MAX_DEPTH);
		goto fail;
	}
	free(err.msg);
	return in;
fail:
	free(err.msg);
	fd_input_free(in);
	return NULL;
}

struct fd_input *
fd_load_file(const char *path, struct fd_diags *d)
{
	struct fd_input *in;
	char *data;
	size_t len;
	int err;

	if (fd_is_dir(path)) {
		fd_msg(d, M_IS_FOLDER, path, 0, 0);
		return NULL;
	}
	err = fd_read_file(path, FD_MAX_FILE, &data, &len);
	if (err == EFBIG) {
		fd_msg(d, M_FILE_LARGE, path, 1, 1, FD_MAX_FILE);
		return NULL;
	}
	if (err) {
		fd_msg(d, M_READ, path, 0, 0, strerror(err));
		return NULL;
	}
	in = fd_load_memory(path, data, len, d);
	free(data);
	return in;
}

void
fd_input_free(struct fd_input *in)
{
	if (in == NULL)
		return;
	if (in->doc)
		xmlFreeDoc(in->doc);
	if (in->offsets) {
		free(in->offsets->nodes);
		free(in->offsets->off);
		free(in->offsets);
	}
	free(in->line_start);
	free(in->src);
	free(in->path);
	free(in);
}

/* Offset of an element's '<' in the source, or (size_t)-1. libxml2 puts on
 * an element the line where its start tag ends, so search back from there. */
static size_t
tag_offset(const struct fd_input *in, const xmlNode *node)
{
	long line = xmlGetLineNo((xmlNode *)node);
	size_t end, lim, i, nl;
	const char *name = (const char *)node->name;
	size_t off = offsets_get(in->offsets, node);

	/* The offset recorded while parsing, checked against the bytes. */
	if (off != (size_t)-1 && off < in->len && in->src[off] == '<')
		return off;
	if (node->ns && node->ns->prefix)
		return (size_t)-1;
	if (line <= 0 || (size_t)line > in->nlines || name == NULL)
		return (size_t)-1;
	nl = strlen(name);
	end = (size_t)line < in->nlines ? in->line_start[line] : in->len;
	lim = end > 65536 ? end - 65536 : 0;
	for (i = end; i-- > lim;) {
		char c;

		if (in->src[i] != '<' || i + 1 + nl > in->len)
			continue;
		if (strncmp(in->src + i + 1, name, nl) != 0)
			continue;
		c = in->src[i + 1 + nl];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '/' || c == '>')
			return i;
	}
	return (size_t)-1;
}

void
fd_input_locate(const struct fd_input *in, const xmlNode *node, long *line,
		long *col)
{
	size_t off = tag_offset(in, node);

	if (off == (size_t)-1) {
		long l = xmlGetLineNo((xmlNode *)node);

		*line = l > 0 ? l : 0;
		*col = 0;
		return;
	}
	fd_input_offset_pos(in, off, line, col);
}

long
fd_input_text_line(const struct fd_input *in, const xmlNode *node)
{
	size_t off = tag_offset(in, node), i;
	char quote = 0;
	long line, col;

	if (off == (size_t)-1) {
		fd_input_locate(in, node, &line, &col);
		return line;
	}
	/* The end of the start tag: a '>' outside quoted values. */
	for (i = off + 1; i < in->len && (quote || in->src[i] != '>'); i++) {
		char c = in->src[i];

		if (quote && c == quote)
			quote = 0;
		else if (!quote && (c == '"' || c == '\''))
			quote = c;
	}
	for (i++; i < in->len && (in->src[i] == ' ' || in->src[i] == '\t' ||
				  in->src[i] == '\r' || in->src[i] == '\n');
	     i++)
		;
	fd_input_offset_pos(in, i < in->len ? i : in->len, &line, &col);
	return line;
}

void
fd_input_locate_attr(const struct fd_input *in, const xmlNode *node,
		     const char *attr, long *line, long *col)
{
	size_t off = tag_offset(in, node), i, na = strlen(attr);
	char quote = 0;

	if (off == (size_t)-1) {
		fd_input_locate(in, node, line, col);
		return;
	}
	/* Scan the start tag, skipping quoted values, for attr=. */
	for (i = off + 1; i < in->len && in->src[i] != '>'; i++) {
		char c = in->src[i];

		if (quote) {
			if (c == quote)
				quote = 0;
			continue;
		}
		if (c == '"' || c == '\'') {
			quote = c;
			continue;
		}
		if ((c == ' ' || c == '\t' || c == '\n' || c == '\r') &&
		    i + 1 + na < in->len &&
		    strncmp(in->src + i + 1, attr, na) == 0) {
			size_t j = i + 1 + na;

			while (j < in->len && (in->src[j] == ' ' ||
					       in->src[j] == '\t' ||
					       in->src[j] == '\n'))
				j++;
			if (j < in->len && in->src[j] == '=') {
				fd_input_offset_pos(in, i + 1, line, col);
				return;
			}
		}
	}
	fd_input_offset_pos(in, off, line, col);
}

/* Line and column of node's attribute attr, of node when attr is NULL,
 * or 0 and 0 without a node. */
static void
locate_diag(const struct fd_input *in, const xmlNode *node, const char *attr,
	    long *line, long *col)
{
	*line = *col = 0;
	if (node && attr)
		fd_input_locate_attr(in, node, attr, line, col);
	else if (node)
		fd_input_locate(in, node, line, col);
}

void
fd_input_diag(struct fd_diags *d, const struct fd_input *in,
	      const xmlNode *node, const char *attr, enum fd_level level,
	      const char *fmt, ...)
{
	long line, col;
	va_list ap;

	locate_diag(in, node, attr, &line, &col);
	va_start(ap, fmt);
	fd_vdiag(d, level, in->path, line, col, fmt, ap);
	va_end(ap);
}

void
fd_input_vmsg(struct fd_diags *d, const struct fd_input *in,
	      const xmlNode *node, const char *attr, enum fd_msg m,
	      va_list ap)
{
	long line, col;

	locate_diag(in, node, attr, &line, &col);
	fd_vmsg(d, m, in->path, line, col, ap);
}

void
fd_input_msg(struct fd_diags *d, const struct fd_input *in,
	     const xmlNode *node, const char *attr, enum fd_msg m, ...)
{
	va_list ap;

	va_start(ap, m);
	fd_input_vmsg(d, in, node, attr, m, ap);
	va_end(ap);
}

xmlNode *
fd_next_node(const xmlNode *root, const xmlNode *n)
{
	if (n->type == XML_ELEMENT_NODE && n->children != NULL)
		return n->children;
	while (n != NULL && n != root && n->next == NULL)
		n = n->parent;
	return n == NULL || n == root ? NULL : n->next;
}

const char *
fd_attr(const xmlNode *node, const char *name)
{
	const xmlAttr *a;

	if (node == NULL || node->type != XML_ELEMENT_NODE)
		return NULL;
	for (a = node->properties; a; a = a->next)
		if (a->ns == NULL && strcmp((const char *)a->name, name) == 0)
			return a->children && a->children->content
				       ? (const char *)a->children->content
				       : "";
	return NULL;
}

int
fd_is_elem(const xmlNode *node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)node->name, name) == 0;
}

xmlNode *
fd_child(const xmlNode *node, const char *name)
{
	xmlNode *c;

	for (c = node ? node->children : NULL; c; c = c->next)
		if (fd_is_elem(c, name))
			return c;
	return NULL;
}

char *
fd_text(const xmlNode *node)
{
	xmlChar *t = xmlNodeGetContent(node);
	char *s = fd_xstrdup(t ? (const char *)t : "");

	xmlFree(t);
	return s;
}

char *
fd_text_squeezed(const xmlNode *node)
{
	char *t = fd_text(node), *s = fd_squeeze(t);

	free(t);
	return s;
}

static int
is_blank_line(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* textwrap.dedent with inspect.cleandoc's view of the first line: the
 * first line (it follows the start tag) does not set the indentation. */
static char *
dedent(const char *s)
{
	struct fd_buf out = {0};
	const char *p, *prefix = NULL;
	size_t plen = 0, first = 1;
	const char *start, *end;

	/* The common leading whitespace of the non-blank lines after the
	 * first. */
	for (p = s; *p;) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		if (!first && !is_blank_line(p, n)) {
			size_t w = 0;

			while (w < n && (p[w] == ' ' || p[w] == '\t'))
				w++;
			if (prefix == NULL) {
				prefix = p;
				plen = w;
			} else {
				size_t k = 0;

				while (k < plen && k < w && prefix[k] == p[k])
					k++;
				plen = k;
			}
		}
		first = 0;
		p = e ? e + 1 : p + n;
	}
	/* Drop blank lines at the start and end. */
	start = s;
	for (;;) {
		const char *e = strchr(start, '\n');

		if (e == NULL || !is_blank_line(start, (size_t)(e - start)))
			break;
		start = e + 1;
	}
	end = s + strlen(s);
	while (end > start) {
		const char *b = end;

		while (b > start && b[-1] != '\n')
			b--;
		if (!is_blank_line(b, (size_t)(end - b)))
			break;
		end = b > start ? b - 1 : b;
	}
	first = (start == s);
	for (p = start; p < end;) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		size_t n = e ? (size_t)(e - p) : (size_t)(end - p);
		size_t skip = 0;

		if (first) {
			/* Leading spaces on the tag's own line are noise. */
			while (skip < n && (p[skip] == ' ' || p[skip] == '\t'))
				skip++;
		} else if (is_blank_line(p, n)) {
			skip = n;
		} else {
			skip = plen < n ? plen : n;
		}
		fd_buf_add(&out, p + skip, n - skip);
		if (e)
			fd_buf_addc(&out, '\n');
		first = 0;
		p = e ? e + 1 : end;
	}
	return fd_buf_steal(&out);
}

static int
text_only(const xmlNode *n)
{
	const xmlNode *c;
	int any = 0;

	for (c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
			any = 1;
		else if (c->type != XML_COMMENT_NODE &&
			 c->type != XML_PI_NODE)
			return 0;
	}
	return any;
}

/*
 * The text of an element that holds only text, comments and processing
 * instructions. A comment or instruction alone on its line takes the line
 * with it: left behind, the blank line would split a paragraph of prose
 * in two. The caller frees the result.
 */
static char *
prose_text(const xmlNode *n)
{
	struct fd_buf b = {0};
	const xmlNode *c;
	size_t line = 0; /* where the last line of b starts */
	int lines = 0, after_markup = 0;

	for (c = n->children; c; c = c->next) {
		const char *t = (const char *)c->content, *nl;
		size_t skip;

		if (c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE) {
			after_markup = 1;
			continue;
		}
		if (t == NULL)
			continue;
		skip = strspn(t, " \t\r");
		if (after_markup && t[skip] == '\n' && lines &&
		    strspn(b.data + line, " \t\r") == b.len - line) {
			b.len = line;
			b.data[b.len] = '\0';
			t += skip + 1;
		}
		if ((nl = strrchr(t, '\n')) != NULL) {
			line = b.len + (size_t)(nl - t) + 1;
			lines = 1;
		}
		fd_buf_adds(&b, t);
		after_markup = 0;
	}
	return b.data ? fd_buf_steal(&b) : fd_xstrdup("");
}

/* Squeezes the white space of each attribute value of n: every attribute
 * of the vocabulary is a token, a name, a list or a line of text, whose
 * value XML Schema collapses, so " la " is "la" and "Ann\n   Other" is
 * "Ann Other" wherever it is printed or compared. */
static void
squeeze_attributes(xmlNode *n)
{
	xmlAttr *a;

	for (a = n->properties; a; a = a->next) {
		xmlChar *v = xmlNodeGetContent((xmlNode *)a);
		char *s = fd_squeeze(v ? (const char *)v : "");

		if (v == NULL || strcmp(s, (const char *)v) != 0)
			xmlSetProp(n, a->name, (const xmlChar *)s);
		free(s);
		xmlFree(v);
	}
}

/*
 * Prose indented like a block of code (SPEC.md: prose is prose) is made
 * prose again, with a warning at each such line's first character: a
 * paragraph pasted with a tab before it printed as computer code.
 * Returns t or its replacement; t is freed when replaced.
 */
static char *
unindent_prose(const struct fd_input *in, const xmlNode *n, char *t,
	       struct fd_diags *d)
{
	long *firsts, text_line = fd_input_text_line(in, n);
	size_t k, nf;
	char *u = fd_markdown_unindent(t, &firsts, &nf);

	if (u == NULL)
		return t;
	for (k = 0; d != NULL && k < nf; k++) {
		long line = text_line + firsts[k] - 1, col = 1;
		size_t off;

		if (line >= 1 && (size_t)line <= in->nlines) {
			off = in->line_start[line - 1];
			while (off < in->len &&
			       (in->src[off] == ' ' || in->src[off] == '\t')) {
				off++;
				col++;
			}
		}
		fd_msg(d, M_INDENTED_CODE, in->path, line, col,
		       (const char *)n->name);
	}
	free(firsts);
	free(t);
	return u;
}

void
fd_input_dedent(struct fd_input *in)
{
	fd_input_dedent_report(in, NULL);
}

void
fd_input_dedent_report(struct fd_input *in, struct fd_diags *d)
{
	xmlNode *n = xmlDocGetRootElement(in->doc);

	while (n != NULL) {
		if (n->type == XML_ELEMENT_NODE)
			squeeze_attributes(n);
		if (n->type == XML_ELEMENT_NODE && text_only(n)) {
			char *t = prose_text(n), *u;

			if (strchr(t, '\n')) {
				xmlNode *c = n->children, *next;

				u = unindent_prose(in, n, dedent(t), d);
				for (; c; c = next) {
					next = c->next;
					if (c->type == XML_TEXT_NODE ||
					    c->type == XML_CDATA_SECTION_NODE) {
						xmlUnlinkNode(c);
						xmlFreeNode(c);
					}
				}
				xmlNodeAddContent(n, (const xmlChar *)u);
				free(u);
			}
			free(t);
		} else if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n && n->next == NULL)
			n = n->parent && n->parent->type == XML_ELEMENT_NODE
				    ? n->parent
				    : NULL;
		if (n)
			n = n->next;
	}
}
