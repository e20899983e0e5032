/*
 * check_ids.c: ids. Every id of the file in one index, each reference
 * checked against it (with the ids it could have meant), and dates.
 */
#include <stdlib.h>
#include <string.h>

#include "check_int.h"
#include "date.h"

static size_t
hash(const char *s)
{
	size_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

void
idx_free(struct idx *x)
{
	free(x->keys);
	free(x->nodes);
	memset(x, 0, sizeof *x);
}

/* Adds key; returns the element already holding it, or NULL. */
const xmlNode *
idx_put(struct idx *x, const char *key, const xmlNode *node)
{
	size_t i;

	if (2 * (x->n + 1) > x->cap) {
		struct idx y = {0};

		y.cap = x->cap ? x->cap * 2 : 64;
		y.keys = fd_xcalloc(y.cap, sizeof *y.keys);
		y.nodes = fd_xcalloc(y.cap, sizeof *y.nodes);
		for (i = 0; i < x->cap; i++)
			if (x->keys[i])
				idx_put(&y, x->keys[i], x->nodes[i]);
		idx_free(x);
		*x = y;
	}
	for (i = hash(key) & (x->cap - 1); x->keys[i];
	     i = (i + 1) & (x->cap - 1))
		if (strcmp(x->keys[i], key) == 0)
			return x->nodes[i];
	x->keys[i] = key;
	x->nodes[i] = node;
	x->n++;
	return NULL;
}

const xmlNode *
idx_get(const struct idx *x, const char *key)
{
	size_t i;

	if (x->cap == 0)
		return NULL;
	for (i = hash(key) & (x->cap - 1); x->keys[i];
	     i = (i + 1) & (x->cap - 1))
		if (strcmp(x->keys[i], key) == 0)
			return x->nodes[i];
	return NULL;
}

void
collect_id(struct ctx *c, xmlNode *n)
{
	const char *id = fd_attr(n, "id");
	const xmlNode *first;

	if (id == NULL)
		return;
	if ((first = idx_put(&c->ids, id, n)) != NULL)
		say(c, n, "id", M_DUP_ID, id, line_of(c, first));
}

/* The parent element's name of an id, e.g. "agency" for an agency id. */
int
id_is(const struct ctx *c, const char *id, const char *elem)
{
	const xmlNode *n = idx_get(&c->ids, id);

	return n != NULL && fd_is_elem(n, elem);
}

/* What a reference to a missing id could have meant: ": did you mean
 * 'la'? the ids of <agency> are la, police" (the first 20), or ": there
 * is no <agency> with an id". The caller frees it. */
static char *
known_ids(struct ctx *c, const char *id, const char *elem)
{
	const char **v = NULL;
	const char *near;
	struct fd_buf b = {0};
	xmlNode *n = c->root;
	size_t k = 0, cap = 0, i;

	while (n != NULL) {
		/* A repeated id (an error of its own) is listed once: only
		 * its first holder, as the index has it, without a search
		 * for twins (20 000 records took 5 s). */
		if (fd_is_elem(n, elem) && fd_attr(n, "id") != NULL &&
		    idx_get(&c->ids, fd_attr(n, "id")) == n) {
			if (k == cap) {
				cap = cap ? cap * 2 : 16;
				v = fd_xreallocarray(v, cap, sizeof *v);
			}
			v[k++] = fd_attr(n, "id");
		}
		n = fd_next_node(c->root, n);
	}
	if (k == 0) {
		fd_buf_addf(&b, ": there is no <%s> with an id", elem);
		return fd_buf_steal(&b);
	}
	if ((near = fd_nearest(id, v, k)) != NULL)
		fd_buf_addf(&b, ": did you mean '%s'?", near);
	fd_buf_addf(&b, "%s the ids of <%s> are ", near ? "" : ":", elem);
	for (i = 0; i < k && i < 20; i++)
		fd_buf_addf(&b, "%s%s", i ? ", " : "", v[i]);
	if (k > 20)
		fd_buf_addf(&b, " and %zu more", k - 20);
	free(v);
	return fd_buf_steal(&b);
}

char *
next_id(const char **p)
{
	size_t len;
	char *id;

	*p += strspn(*p, " \t\n\r");
	if ((len = strcspn(*p, " \t\n\r")) == 0)
		return NULL;
	id = fd_xstrndup(*p, len);
	*p += len;
	return id;
}

/* Checks every whitespace-separated id of attr names an elem. Returns the
 * number of ids. */
size_t
check_refs(struct ctx *c, xmlNode *n, const char *attr, const char *elem,
	   const char *what)
{
	const char *v = fd_attr(n, attr), *p;
	size_t count = 0;
	char *id;

	if (v == NULL)
		return 0;
	for (p = v; (id = next_id(&p)) != NULL; count++) {
		if (!id_is(c, id, elem)) {
			char *known = known_ids(c, id, elem);

			say(c, n, attr, M_BAD_REF, attr, id, what, known);
			free(known);
		}
		free(id);
	}
	return count;
}

void
check_date(struct ctx *c, xmlNode *n, const char *attr, struct fd_date *out)
{
	const char *v = fd_attr(n, attr);
	struct fd_date tmp;

	if (v == NULL)
		return;
	if (fd_date_parse(v, out ? out : &tmp) != 0)
		say(c, n, attr, M_BAD_DATE, attr, v);
}
