/*
 * check_size.c: sizes. Values and prose the renderer could not take are
 * refused here, where the error can name the element; and the findings'
 * citations of evidence, whose practice they should show and whose size
 * the evidence trace prints.
 */
#include <stdlib.h>
#include <string.h>

#include "check_int.h"
#include "markdown.h"

/* Bytes of a value that is not prose (a name, a title, the area, the
 * theme): longer is no name, and would break the bounds of the
 * paragraphs that print it. */
#define MAX_VALUE 1024
/* What the Markdown bounds keep free for the templates, which put an
 * agency's name (escaped) before a finding. */
#define PROSE_ROOM (2 * MAX_VALUE)
/* The evidence trace prints every record under each finding that cites
 * it, so its size is the citations' and the cited text's: beyond these
 * it would pass its bound of pages anyway, after minutes and gigabytes
 * (2000 findings citing 200 records each took 40 s and 3.5 GB). */
#define MAX_CITATIONS 5000
#define MAX_TRACED (4u * 1024u * 1024u)

/* The elements whose text is Markdown. */
static int
is_prose(const xmlNode *n)
{
	static const char *const names[] = {
		"summary",   "strength", "improvement", "priority-action",
		"case-study", "record",	  "issues",	 "response",
		"evaluation", "judgement", "comment",	 "decision",
		"complaint", "statement-of-action-review", "item"};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (fd_is_elem(n, names[i]))
			return 1;
	return 0;
}

/* Reports each paragraph under n with more text than the typesetter
 * takes, less the room a template may add. */
static void
check_paragraphs(struct ctx *c, const struct fd_node *n)
{
	size_t i, len = 0;

	for (i = 0; i < n->nruns; i++)
		len += strlen(n->runs[i].text);
	if (len > FD_MAX_BLOCK_TEXT - PROSE_ROOM)
		fd_msg(c->d, M_PARA_LONG, c->in->path, n->line, 1, len,
		       FD_MAX_BLOCK_TEXT - PROSE_ROOM);
	for (i = 0; i < n->nkids; i++)
		check_paragraphs(c, n->kids[i]);
}

/*
 * Values and prose the renderer could not take, refused here where the
 * error can name the element: long names, Markdown beyond its bounds
 * (parsed as the evidence trace sets it, inside a quote), paragraphs the
 * typesetter would refuse. Lists of ids (evidence=) may be long.
 */
void
check_size(struct ctx *c, xmlNode *n)
{
	const xmlAttr *a;
	const xmlNode *k;
	struct fd_node *quote;
	char *text, *what;
	size_t len;

	for (a = n->properties; a; a = a->next) {
		const char *name = (const char *)a->name;
		const char *v = fd_attr(n, name);

		if (v == NULL || strlen(v) <= MAX_VALUE ||
		    strcmp(name, "evidence") == 0 ||
		    strcmp(name, "agencies") == 0 ||
		    strcmp(name, "cooperating") == 0)
			continue;
		what = fd_xasprintf("%s=", name);
		say(c, n, name, M_VALUE_LONG, what, strlen(v), MAX_VALUE);
		free(what);
	}
	for (k = n->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE)
			return;
	text = fd_text(n);
	len = strlen(text);
	if (!is_prose(n)) {
		if (len > MAX_VALUE) {
			what = fd_xasprintf("<%s>", (const char *)n->name);
			say(c, n, NULL, M_VALUE_LONG, what, len, MAX_VALUE);
			free(what);
		}
	} else if (len > FD_MARKDOWN_MAX - PROSE_ROOM) {
		say(c, n, NULL, M_PROSE_LONG, len,
		    FD_MARKDOWN_MAX - PROSE_ROOM);
	} else {
		quote = fd_node_new(FD_NODE_QUOTE, c->in->path, 0);
		if (fd_markdown_parse(text, len, quote, c->in->path,
				      fd_input_text_line(c->in, n),
				      c->d) == 0)
			check_paragraphs(c, quote);
		fd_node_free(quote);
	}
	free(text);
}

/* Bytes of a record's text. */
static size_t
text_len(const xmlNode *n)
{
	const xmlNode *k;
	size_t len = 0;

	for (k = n->children; k; k = k->next)
		if (k->type == XML_TEXT_NODE ||
		    k->type == XML_CDATA_SECTION_NODE)
			len += (size_t)xmlStrlen(k->content);
	return len;
}

/* Which practice the cited records show: bit 1 effective, bit 2
 * development. Adds the citations to *cites and, until it passes
 * MAX_TRACED, their text to *traced. */
static int
cited_practice(const struct ctx *c, const xmlNode *n, size_t *cites,
	       size_t *traced)
{
	const char *v = fd_attr(n, "evidence"), *p;
	int seen = 0;
	char *id;

	for (p = v ? v : ""; (id = next_id(&p)) != NULL;) {
		const xmlNode *r = idx_get(&c->ids, id);

		if (r && fd_is_elem(r, "record")) {
			const char *pr = fd_attr(r, "practice");

			(*cites)++;
			if (*traced <= MAX_TRACED)
				*traced += text_len(r);
			if (pr && strcmp(pr, "effective") == 0)
				seen |= 1;
			else if (pr && strcmp(pr, "development") == 0)
				seen |= 2;
		}
		free(id);
	}
	return seen;
}

void
check_findings(struct ctx *c)
{
	xmlNode *f = fd_child(c->root, "findings"), *n;
	size_t cites = 0, traced = 0;

	for (n = f ? f->children : NULL; n; n = n->next) {
		int seen;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		seen = cited_practice(c, n, &cites, &traced);
		if (fd_is_elem(n, "strength") && seen == 2)
			say(c, n, "evidence", M_POLARITY_STRENGTH,
			    fd_attr(n, "id"));
		else if ((fd_is_elem(n, "improvement") ||
			  fd_is_elem(n, "priority-action")) &&
			 seen == 1)
			say(c, n, "evidence", M_POLARITY_AREA,
			    (const char *)n->name, fd_attr(n, "id"));
	}
	if (cites > MAX_CITATIONS)
		say(c, f, NULL, M_CITATIONS, cites, MAX_CITATIONS);
	else if (traced > MAX_TRACED)
		say(c, f, NULL, M_TRACED, MAX_TRACED);
}
