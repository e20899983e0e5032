/*
 * doctree.c: the document tree in C (docs/document-tree.md): building
 * nodes, freeing them, and the plain text of a tree. Loading a tree from
 * its XML vocabulary is doctree_xml.c's.
 */
#include "doctree.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct fd_node *
fd_node_new(enum fd_node_kind kind, const char *file, long line)
{
	struct fd_node *n = fd_xcalloc(1, sizeof *n);

	n->kind = kind;
	n->colspan = 1;
	n->rowspan = 1;
	n->start = 1;
	n->file = file;
	n->line = line;
	return n;
}

void
fd_node_append(struct fd_node *parent, struct fd_node *child)
{
	if (parent->nkids == parent->capkids) {
		parent->capkids = parent->capkids ? parent->capkids * 2 : 4;
		parent->kids = fd_xreallocarray(parent->kids, parent->capkids,
						sizeof *parent->kids);
	}
	child->parent = parent;
	parent->kids[parent->nkids++] = child;
}

void
fd_node_insert(struct fd_node *parent, size_t at, struct fd_node *child)
{
	fd_node_append(parent, child);
	if (at >= parent->nkids - 1)
		return;
	memmove(&parent->kids[at + 1], &parent->kids[at],
		(parent->nkids - 1 - at) * sizeof *parent->kids);
	parent->kids[at] = child;
}

static int
same_href(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

void
fd_node_add_run(struct fd_node *n, const char *text, size_t len,
		unsigned flags, const char *href)
{
	struct fd_run *r;
	char *clean = NULL;

	if (len == 0)
		return;
	/* Pango and Cairo take only valid UTF-8, and not every source of a
	 * run gives it: cmark 0.30.2 writes &#xFFFE; as a lone 0xFE byte.
	 * Cairo also refuses noncharacters, which XML lets through. */
	if (!fd_utf8_valid_encoding(text, len)) {
		clean = fd_utf8_sanitize(text, len, &len);
		text = clean;
	}
	if (n->nruns > 0) {
		r = &n->runs[n->nruns - 1];
		if (r->flags == flags && same_href(r->href, href)) {
			size_t old = strlen(r->text);

			r->text = fd_xrealloc(r->text, old + len + 1);
			memcpy(r->text + old, text, len);
			r->text[old + len] = '\0';
			free(clean);
			return;
		}
	}
	if (n->nruns == n->capruns) {
		n->capruns = n->capruns ? n->capruns * 2 : 4;
		n->runs = fd_xreallocarray(n->runs, n->capruns, sizeof *n->runs);
	}
	r = &n->runs[n->nruns++];
	r->text = fd_xstrndup(text, len);
	r->flags = flags;
	r->href = href ? fd_xstrdup(href) : NULL;
	free(clean);
}

void
fd_node_free(struct fd_node *n)
{
	size_t i;

	if (n == NULL)
		return;
	for (i = 0; i < n->nkids; i++)
		fd_node_free(n->kids[i]);
	for (i = 0; i < n->nruns; i++) {
		free(n->runs[i].text);
		free(n->runs[i].href);
	}
	free(n->kids);
	free(n->runs);
	free(n->cols);
	free(n->name);
	free(n->title);
	free(n->organisation);
	free(n->ref);
	fd_image_free(n->image);
	free(n);
}

static void
mailboxes_free(struct fd_mailbox *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].address);
	}
	free(v);
}

void
fd_envelope_free(struct fd_envelope *e)
{
	if (e == NULL)
		return;
	free(e->subject);
	free(e->date);
	free(e->time);
	free(e->id_key);
	free(e->id_domain);
	free(e->notified);
	free(e->from.name);
	free(e->from.address);
	mailboxes_free(e->to, e->nto);
	mailboxes_free(e->cc, e->ncc);
	free(e);
}

void
fd_doc_free(struct fd_doc *doc)
{
	size_t i;

	if (doc == NULL)
		return;
	fd_envelope_free(doc->mail);
	free(doc->title);
	free(doc->subject);
	free(doc->author);
	free(doc->lang);
	free(doc->stage);
	free(doc->keywords);
	free(doc->marking);
	free(doc->notice);
	free(doc->watermark);
	free(doc->footer);
	fd_node_free(doc->body);
	for (i = 0; i < doc->nfiles; i++)
		free(doc->files[i]);
	free(doc->files);
	free(doc);
}

int
fd_href_allowed(const char *href)
{
	static const char *const schemes[] = {"http:", "https:", "mailto:"};
	size_t i;

	for (i = 0; i < sizeof schemes / sizeof schemes[0]; i++)
		if (strncasecmp(href, schemes[i], strlen(schemes[i])) == 0)
			return href[strlen(schemes[i])] != '\0';
	return 0;
}

/* ------------------------------------------------------ plain text */

char *
fd_node_text(const struct fd_node *n)
{
	struct fd_buf b = {0};
	size_t i;
	char *p;

	for (i = 0; i < n->nruns; i++)
		fd_buf_adds(&b, n->runs[i].text);
	p = fd_buf_steal(&b);
	for (i = 0; p[i]; i++)
		if (p[i] == '\n')
			p[i] = ' ';
	return p;
}

static void
line_out(struct fd_buf *b, const char *s)
{
	if (s == NULL || *s == '\0')
		return;
	fd_buf_adds(b, s);
	fd_buf_addc(b, '\n');
}

static void
plain_node(struct fd_buf *b, const struct fd_node *n)
{
	char *t;
	size_t i;

	switch (n->kind) {
	case FD_NODE_HEADING:
	case FD_NODE_PARA:
	case FD_NODE_CODE:
	case FD_NODE_LINE:
	case FD_NODE_CHECKBOX:
		t = fd_node_text(n);
		if (*t == '\0') {
			free(t);
			break;
		}
		if (n->number)
			fd_buf_addf(b, "%d. ", n->number);
		if (n->kind == FD_NODE_CHECKBOX)
			fd_buf_adds(b, n->flags & FD_CHECKED ? "[x] " : "[ ] ");
		line_out(b, t);
		free(t);
		return;
	case FD_NODE_SIGNATORY:
		fd_buf_adds(b, n->name ? n->name : "");
		if (n->title)
			fd_buf_addf(b, ", %s", n->title);
		if (n->organisation)
			fd_buf_addf(b, ", %s", n->organisation);
		fd_buf_addc(b, '\n');
		return;
	default:
		break;
	}
	for (i = 0; i < n->nkids; i++)
		plain_node(b, n->kids[i]);
}

char *
fd_doctree_plain_text(const struct fd_doc *doc)
{
	struct fd_buf b = {0};

	line_out(&b, doc->title);
	line_out(&b, doc->subject);
	line_out(&b, doc->author);
	line_out(&b, doc->keywords);
	line_out(&b, doc->marking);
	line_out(&b, doc->notice);
	line_out(&b, doc->watermark);
	line_out(&b, doc->footer);
	plain_node(&b, doc->body);
	return fd_buf_steal(&b);
}
