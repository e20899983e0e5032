/* bounds.c: check meets the bounds build meets (bounds.h). */
#include "bounds.h"

#include <stdlib.h>
#include <string.h>

#include "doctree.h"
#include "load.h"
#include "render.h"

/* A paragraph's number, bullet or label, and its one empty line. */
#define NODE_LINES 8

static unsigned long
node_most_lines(const struct fd_node *n)
{
	unsigned long lines = NODE_LINES;
	size_t i;

	for (i = 0; i < n->nruns; i++)
		lines += strlen(n->runs[i].text);
	if (n->name != NULL)
		lines += strlen(n->name);
	if (n->title != NULL)
		lines += strlen(n->title);
	if (n->organisation != NULL)
		lines += strlen(n->organisation);
	for (i = 0; i < n->nkids; i++)
		lines += node_most_lines(n->kids[i]);
	return lines;
}

unsigned long
fd_doc_most_lines(const struct fd_doc *doc)
{
	return doc->body ? node_most_lines(doc->body) : 0;
}

/* The ids of the inspection's elements, sorted, each with the number of
 * times an attribute of another element names it (evidence="ev-1 ev-2",
 * comment="fx1", para=...). */
struct cited {
	const char *id; /* an id= value, owned by the tree */
	unsigned times; /* citations */
};

static int
by_id(const void *a, const void *b)
{
	return strcmp(((const struct cited *)a)->id,
		      ((const struct cited *)b)->id);
}

static void
collect_ids(const xmlNode *n, struct cited **v, size_t *nv)
{
	const char *id;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if ((id = fd_attr(n, "id")) != NULL) {
			*v = fd_xreallocarray(*v, *nv + 1, sizeof **v);
			(*v)[*nv].id = id;
			(*v)[(*nv)++].times = 0;
		}
		collect_ids(n->children, v, nv);
	}
}

static void
count_citations(const xmlNode *n, struct cited *v, size_t nv)
{
	const xmlAttr *a;
	struct cited key, *hit;
	char *val, *tok, *save;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (a = n->properties; a != NULL; a = a->next) {
			if (strcmp((const char *)a->name, "id") == 0 ||
			    (val = (char *)xmlNodeGetContent((const xmlNode *)a)) ==
				    NULL)
				continue;
			for (tok = strtok_r(val, " \t\r\n", &save); tok != NULL;
			     tok = strtok_r(NULL, " \t\r\n", &save)) {
				key.id = tok;
				if ((hit = bsearch(&key, v, nv, sizeof *v,
						   by_id)) != NULL)
					hit->times++;
			}
			xmlFree(val);
		}
		count_citations(n->children, v, nv);
	}
}

/* Bytes of n's own text (its text children, not its elements'), white
 * space aside: what it prints of itself. */
static size_t
own_text(const xmlNode *n)
{
	const xmlNode *k;
	const unsigned char *p;
	size_t len = 0;

	for (k = n->children; k != NULL; k = k->next)
		if ((k->type == XML_TEXT_NODE ||
		     k->type == XML_CDATA_SECTION_NODE) &&
		    k->content != NULL)
			for (p = k->content; *p; p++)
				len += !(*p == ' ' || *p == '\t' ||
					 *p == '\n' || *p == '\r');
	return len;
}

/* What n prints of itself: its text and id, once and again for each
 * citation of its id; *times is how often. */
static unsigned long long
own_weight(const xmlNode *n, const struct cited *v, size_t nv,
	   unsigned *times)
{
	struct cited key, *hit = NULL;

	if ((key.id = fd_attr(n, "id")) != NULL)
		hit = bsearch(&key, v, nv, sizeof *v, by_id);
	*times = hit ? 1 + hit->times : 1;
	return (unsigned long long)(own_text(n) + (hit ? strlen(key.id) : 0)) *
	       *times;
}

/* n's weight and its elements', all of them. */
static unsigned long long
weight(const xmlNode *n, const struct cited *v, size_t nv)
{
	unsigned long long w;
	const xmlNode *k;
	unsigned times;

	w = own_weight(n, v, nv, &times);
	for (k = n->children; k != NULL; k = k->next)
		if (k->type == XML_ELEMENT_NODE)
			w += weight(k, v, nv);
	return w;
}

/*
 * The element to blame: from the root down, into the child that weighs at
 * least half of the whole while there is one, so that one heavy element
 * (a long record cited a hundred times) is named itself, and many light
 * ones (two thousand comments) by the element that holds them.
 */
static const xmlNode *
culprit(const xmlNode *root, const struct cited *v, size_t nv)
{
	unsigned long long total = weight(root, v, nv), w, best;
	const xmlNode *at = root, *k, *heaviest;

	for (;;) {
		heaviest = NULL;
		best = 0;
		for (k = at->children; k != NULL; k = k->next)
			if (k->type == XML_ELEMENT_NODE &&
			    (w = weight(k, v, nv)) > best) {
				best = w;
				heaviest = k;
			}
		if (heaviest == NULL || (best * 2 < total && at != root))
			return at;
		at = heaviest;
	}
}

/* Counts n's elements. */
static size_t
elements(const xmlNode *n)
{
	const xmlNode *k;
	size_t count = 0;

	for (k = n->children; k != NULL; k = k->next)
		if (k->type == XML_ELEMENT_NODE)
			count += 1 + elements(k);
	return count;
}

/* Reports the refusal of doc at the element that weighs most in it. */
static void
blame(struct fd_render *r, const char *doc, struct fd_diags *d)
{
	const xmlNode *root = xmlDocGetRootElement(fd_render_input(r)->doc);
	struct cited *v = NULL;
	const xmlNode *at;
	unsigned times;
	size_t nv = 0;

	collect_ids(root, &v, &nv);
	qsort(v, nv, sizeof *v, by_id);
	count_citations(root, v, nv);
	at = culprit(root, v, nv);
	own_weight(at, v, nv, &times);
	if (times > 1)
		fd_input_msg(d, fd_render_input(r), at, NULL, M_TOO_LONG_CITED,
			     doc, (const char *)at->name, times);
	else
		fd_input_msg(d, fd_render_input(r), at, NULL,
			     M_TOO_LONG_ELEMENTS, doc, (const char *)at->name,
			     elements(at));
	free(v);
}

/* Whether every file of document doc (one per each= item: the job list
 * build writes) fits; reports the first that does not. Returns 1 when
 * one was refused. */
static int
check_document(struct fd_render *r, const struct fd_document *doc,
	       struct fd_diags *d)
{
	struct fd_job *jobs;
	struct fd_diags *sd = fd_diags_new();
	long k, n = fd_render_jobs(r, doc, NULL, &jobs, sd);
	int refused = 0;

	fd_diags_free(sd);
	for (k = 0; !refused && k < n; k++) {
		sd = fd_diags_new();
		if (fd_render_fits(r, &jobs[k].ro, sd) != 0 &&
		    fd_diags_count(sd, FD_IOERR) == 0) {
			blame(r, doc->name, d);
			fd_diags_move_as(sd, d, FD_NOTE);
			refused = 1;
		}
		fd_diags_free(sd);
	}
	fd_jobs_free(jobs, n < 0 ? 0 : n);
	return refused;
}

unsigned
fd_check_bounds(struct fd_render *r, struct fd_diags *d)
{
	struct fd_document *docs;
	long i, n = fd_render_documents(r, &docs, d);
	unsigned refused = 0;

	for (i = 0; i < n; i++) {
		/* Emails build skips with a warning when it cannot make
		 * them, and the privacy gate already made them. */
		if (strcmp(docs[i].ext, "eml") == 0 ||
		    (docs[i].each && strcmp(docs[i].each, "recipient") == 0))
			continue;
		refused += (unsigned)check_document(r, &docs[i], d);
	}
	fd_documents_free(docs, n < 0 ? 0 : n);
	return refused;
}
