/*
 * round.c: a round of inspections as one document (round.h).
 */
#include "round.h"

#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "load.h"

/* A fact of r, or "". */
static const char *
fact(const struct fd_render *r, const char *key)
{
	const char *v = fd_map_get(fd_render_facts(r), key);

	return v ? v : "";
}

static int
by_fieldwork(const void *a, const void *b)
{
	const struct fd_render *x = *(struct fd_render *const *)a;
	const struct fd_render *y = *(struct fd_render *const *)b;
	int c = strcmp(fact(x, "fieldwork-start-iso"),
		       fact(y, "fieldwork-start-iso"));

	return c != 0 ? c : strcmp(fd_render_ref(x), fd_render_ref(y));
}

/* The element of the inspection with this id among the children of
 * the container named list. */
static xmlNode *
by_id(xmlNode *root, const char *list, const char *id)
{
	xmlNode *c = fd_child(root, list), *n;

	for (n = c ? c->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && fd_attr(n, "id") &&
		    strcmp(fd_attr(n, "id"), id) == 0)
			return n;
	return NULL;
}

/* Adds word to the space-separated set b unless it holds it. */
static void
add_word(struct fd_buf *b, const char *word)
{
	const char *p;
	size_t n = strlen(word);

	for (p = b->data ? strstr(b->data, word) : NULL; p;
	     p = strstr(p + 1, word))
		if ((p == b->data || p[-1] == ' ') &&
		    (p[n] == '\0' || p[n] == ' '))
			return;
	if (b->len > 0)
		fd_buf_addc(b, ' ');
	fd_buf_adds(b, word);
}

/* Calls fn for each whitespace-separated token of s. */
static void
each_token(const char *s, xmlNode *root, struct fd_buf *b,
	   void (*fn)(xmlNode *, const char *, struct fd_buf *))
{
	char *copy = fd_xstrdup(s ? s : ""), *tok, *save = NULL;

	for (tok = strtok_r(copy, " \t\r\n", &save); tok;
	     tok = strtok_r(NULL, " \t\r\n", &save))
		fn(root, tok, b);
	free(copy);
}

/* The criterion token of a record: "04", "DD:identification", "DD";
 * NULL without an esn. The caller frees it. */
static char *
token_of(xmlNode *root, const char *id)
{
	xmlNode *rec = by_id(root, "evidence", id);
	const char *esn = rec ? fd_attr(rec, "esn") : NULL;

	if (esn == NULL)
		return NULL;
	if (strcmp(esn, "DD") == 0 && fd_attr(rec, "criterion") != NULL)
		return fd_xasprintf("DD:%s", fd_attr(rec, "criterion"));
	return fd_xstrdup(esn);
}

static void
criterion_of(xmlNode *root, const char *id, struct fd_buf *b)
{
	char *w = token_of(root, id);

	if (w != NULL)
		add_word(b, w);
	free(w);
}

/* The criterion most of a finding's cited records bear on, the first
 * cited of those tied: where the overview lists the finding's text. */
static char *
principal(xmlNode *root, const char *evidence)
{
	char *copy = fd_xstrdup(evidence ? evidence : ""), *tok, *save = NULL;
	char **seen = NULL, *best = NULL, *t;
	size_t *count = NULL, n = 0, i, top = 0;

	for (tok = strtok_r(copy, " \t\r\n", &save); tok;
	     tok = strtok_r(NULL, " \t\r\n", &save)) {
		if ((t = token_of(root, tok)) == NULL)
			continue;
		for (i = 0; i < n && strcmp(seen[i], t) != 0; i++)
			;
		if (i == n) {
			seen = fd_xreallocarray(seen, n + 1, sizeof *seen);
			count = fd_xreallocarray(count, n + 1, sizeof *count);
			seen[n] = t;
			count[n++] = 0;
		} else {
			free(t);
		}
		count[i]++;
	}
	for (i = 0; i < n; i++)
		if (count[i] > top) {
			top = count[i];
			best = seen[i];
		}
	best = best ? fd_xstrdup(best) : NULL;
	for (i = 0; i < n; i++)
		free(seen[i]);
	free(seen);
	free(count);
	free(copy);
	return best;
}

static void
type_of(xmlNode *root, const char *id, struct fd_buf *b)
{
	xmlNode *a = by_id(root, "agencies", id);

	if (a != NULL)
		add_word(b, fd_attr(a, "type"));
}

/* Marks each finding of the copied inspection with its criteria and
 * agency types. */
static void
annotate(xmlNode *root)
{
	static const char *const kinds[] = {"strength", "improvement",
					    "priority-action"};
	xmlNode *fs = fd_child(root, "findings"), *f;
	struct fd_buf crit, types;
	char *main;
	size_t k;

	for (f = fs ? fs->children : NULL; f; f = f->next) {
		for (k = 0; k < 3 && !fd_is_elem(f, kinds[k]); k++)
			;
		if (k == 3)
			continue;
		memset(&crit, 0, sizeof crit);
		memset(&types, 0, sizeof types);
		each_token(fd_attr(f, "evidence"), root, &crit, criterion_of);
		each_token(fd_attr(f, "agencies"), root, &types, type_of);
		if (types.len == 0)
			add_word(&types, "partnership");
		xmlSetProp(f, BAD_CAST "fd-criteria",
			   BAD_CAST(crit.data ? crit.data : ""));
		xmlSetProp(f, BAD_CAST "fd-types", BAD_CAST types.data);
		main = principal(root, fd_attr(f, "evidence"));
		xmlSetProp(f, BAD_CAST "fd-criterion",
			   BAD_CAST(main ? main : ""));
		free(main);
		fd_buf_free(&crit);
		fd_buf_free(&types);
	}
}

xmlDoc *
fd_round_doc(struct fd_render **rs, size_t n)
{
	xmlDoc *doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNode *round = xmlNewDocNode(doc, NULL, BAD_CAST "round", NULL);
	xmlNode *m, *facts, *copy;
	const struct fd_map *f;
	char count[32];
	size_t i, j;

	qsort(rs, n, sizeof *rs, by_fieldwork);
	xmlDocSetRootElement(doc, round);
	xmlSetProp(round, BAD_CAST "framework", BAD_CAST fact(rs[0], "framework"));
	xmlSetProp(round, BAD_CAST "variant", BAD_CAST fact(rs[0], "variant"));
	xmlSetProp(round, BAD_CAST "theme", BAD_CAST fact(rs[0], "theme"));
	xmlSetProp(round, BAD_CAST "theme-ref", BAD_CAST fact(rs[0], "theme-ref"));
	xmlSetProp(round, BAD_CAST "lang", BAD_CAST fact(rs[0], "lang"));
	snprintf(count, sizeof count, "%zu", n);
	xmlSetProp(round, BAD_CAST "count", BAD_CAST count);
	for (i = 0; i < n; i++) {
		m = xmlNewChild(round, NULL, BAD_CAST "member", NULL);
		xmlSetProp(m, BAD_CAST "file", BAD_CAST fd_render_path(rs[i]));
		xmlSetProp(m, BAD_CAST "ref", BAD_CAST fd_render_ref(rs[i]));
		facts = xmlNewChild(m, NULL, BAD_CAST "facts", NULL);
		f = fd_render_facts(rs[i]);
		for (j = 0; j < fd_map_count(f); j++) {
			xmlNode *x = xmlNewChild(facts, NULL, BAD_CAST "fact",
						 NULL);

			xmlSetProp(x, BAD_CAST "name", BAD_CAST fd_map_key(f, j));
			xmlNodeAddContent(x, BAD_CAST fd_map_value(f, j));
		}
		copy = xmlDocCopyNode(
		    xmlDocGetRootElement(fd_render_input(rs[i])->doc),
		    doc, 1);
		annotate(copy);
		xmlAddChild(m, copy);
	}
	return doc;
}

struct fd_map *
fd_round_facts(struct fd_render **rs, size_t n)
{
	static const char *const small[] = {"no",	 "one",	  "two",
					    "three", "four",  "five",
					    "six",   "seven", "eight",
					    "nine"};
	static const char *const copied[] = {
	    "framework", "variant", "theme", "theme-ref", "lang",
	    "inspectorates", "inspectorates-short"};
	struct fd_map *m = fd_map_new();
	const char **areas = fd_xcalloc(n, sizeof *areas);
	const char *lo = NULL, *hi = NULL, *lo_long = "", *hi_long = "";
	char *joined, count[32];
	size_t i;

	qsort(rs, n, sizeof *rs, by_fieldwork);
	for (i = 0; i < sizeof copied / sizeof copied[0]; i++)
		fd_map_set(m, copied[i], fact(rs[0], copied[i]));
	for (i = 0; i < n; i++) {
		const char *a = fact(rs[i], "fieldwork-start-iso");
		const char *z = fact(rs[i], "fieldwork-end-iso");

		areas[i] = fact(rs[i], "area");
		if (*a && (lo == NULL || strcmp(a, lo) < 0)) {
			lo = a;
			lo_long = fact(rs[i], "fieldwork-start");
		}
		if (*z && (hi == NULL || strcmp(z, hi) > 0)) {
			hi = z;
			hi_long = fact(rs[i], "fieldwork-end");
		}
	}
	joined = fd_join_english(areas, n);
	fd_map_set(m, "areas", joined);
	free(joined);
	free(areas);
	snprintf(count, sizeof count, "%zu", n);
	fd_map_set(m, "area-count", count);
	fd_map_set(m, "area-count-words", n < 10 ? small[n] : count);
	/* "in one local authority area", "in two local authority areas" */
	fd_map_set(m, "area-noun", n == 1 ? "area" : "areas");
	fd_map_set(m, "round-start-date", lo_long);
	fd_map_set(m, "round-start-date-iso", lo ? lo : "");
	fd_map_set(m, "round-end-date", hi_long);
	fd_map_set(m, "round-end-date-iso", hi ? hi : "");
	return m;
}
