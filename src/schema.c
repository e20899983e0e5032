/*
 * schema.c: RELAX NG validation with messages a person can act on.
 *
 * libxml2's validator repeats itself ("failed to validate attributes",
 * "Expecting an element X, got nothing" after the real cause); we keep the
 * first message for each element and rephrase the common ones.
 */
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlregexp.h>
#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "datadir.h"
#include "load.h"

struct collect {
	const struct fd_input *in; /* the file validated */
	struct fd_diags *d;	   /* where messages go */
	const xmlNode *last;	   /* element of the last message kept */
	unsigned errors;	   /* messages kept */
	int schema_broken;	   /* the schema itself failed to load */
};

static int
noise(const char *msg)
{
	return strstr(msg, "failed to validate attributes") != NULL ||
	       strstr(msg, "Element interleave") != NULL ||
	       strstr(msg, "Invalid sequence in interleave") != NULL ||
	       strstr(msg, "Extra element") != NULL ||
	       strstr(msg, "Expecting element") != NULL ||
	       strstr(msg, "failed to validate content") != NULL ||
	       strstr(msg, "has extra content") != NULL;
}

/*
 * An error libxml2 gives without its node. "Extra element theme in
 * interleave" means an element whose own content or attributes failed
 * inside a group in any order: it is reported at the first such element,
 * in words; anything else at its line, or at the root element.
 */
static void
located(struct collect *c, const char *msg, int line)
{
	xmlNode *root = xmlDocGetRootElement(c->in->doc), *n;
	char name[64];

	if (sscanf(msg, "Extra element %63s in interleave", name) == 1)
		for (n = root ? root->children : NULL; n; n = n->next)
			if (fd_is_elem(n, name)) {
				fd_input_msg(c->d, c->in, n, NULL,
					     M_SCHEMA_INVALID, name);
				return;
			}
	if (line > 0 || root == NULL)
		fd_msg(c->d, M_LIBRARY, c->in->path, line, 0, msg);
	else
		fd_input_msg(c->d, c->in, root, NULL, M_LIBRARY, msg);
}

static void
on_error(void *ctx, xmlErrorPtr err)
{
	struct collect *c = ctx;
	const xmlNode *node = err->node;
	char *msg;
	size_t n;

	if (err->level < XML_ERR_ERROR || err->message == NULL)
		return;
	msg = fd_xstrdup(err->message);
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	if (node != NULL && node == c->last) {
		free(msg);
		return;
	}
	if (noise(msg) && c->errors > 0) {
		free(msg);
		return;
	}
	c->last = node;
	c->errors++;
	if (node && node->type == XML_ELEMENT_NODE) {
		const char *a;

		/* "Invalid attribute x for element y" and "Element y
		 * failed to validate attributes": point at the attribute. */
		if (strncmp(msg, "Invalid attribute ", 18) == 0) {
			char *name = fd_xstrdup(msg + 18);
			char *sp = strchr(name, ' ');

			if (sp)
				*sp = '\0';
			fd_input_msg(c->d, c->in, node, name,
				     M_ATTR_NOT_ALLOWED, name,
				     (const char *)node->name);
			free(name);
		} else if (strncmp(msg, "Expecting no namespace", 22) == 0) {
			fd_input_msg(c->d, c->in, node, NULL, M_NAMESPACE,
				     (const char *)node->name);
		} else if ((a = strstr(msg, "Did not expect element ")) !=
			   NULL) {
			fd_input_msg(c->d, c->in, node, NULL, M_ELEM_NOT_HERE,
				     (const char *)node->name);
		} else if (strncmp(msg, "Expecting element ", 18) == 0 &&
			   node->parent &&
			   node->parent->type == XML_DOCUMENT_NODE) {
			char *want = fd_xstrdup(msg + 18);
			char *comma = strchr(want, ',');

			if (comma)
				*comma = '\0';
			fd_input_msg(c->d, c->in, node, NULL, M_ROOT_WRONG,
				     (const char *)node->name, want);
			free(want);
		} else if (strstr(msg, "Did not expect text") != NULL ||
			   strstr(msg, "Expecting an element got text") !=
			       NULL) {
			fd_input_msg(c->d, c->in, node, NULL,
				     M_TEXT_NOT_ALLOWED,
				     (const char *)node->name);
		} else {
			fd_input_msg(c->d, c->in, node, NULL, M_SCHEMA_OTHER,
				     (const char *)node->name, msg);
		}
	} else {
		located(c, msg, err->line);
	}
	free(msg);
}

static void
on_schema_error(void *ctx, xmlErrorPtr err)
{
	struct collect *c = ctx;

	if (err->level >= XML_ERR_ERROR)
		c->schema_broken = 1;
}

/*
 * The explainer: when libxml2's validator fails, we read the schema
 * ourselves for what each element allows (its attributes, their values,
 * its child elements and how often) and say precisely what is wrong and
 * where. libxml2's own messages are kept only when this finds nothing
 * (an element out of order, text where none may be).
 */

#define MAX_RULE_DEPTH 64

/* One attribute an element allows. */
struct attr_rule {
	const char *name;     /* the attribute */
	int required;	      /* must be present */
	const xmlNode *spec;  /* its <attribute> pattern in the schema */
};

/* One child element an element allows. */
struct child_rule {
	const char *name; /* the child */
	int min;	  /* least number of occurrences (0 or more) */
	int many;	  /* may repeat */
};

/* What one element name allows, the union of its definitions. */
struct elem_rule {
	const char *name;	  /* the element */
	struct attr_rule *attrs;  /* allowed attributes */
	size_t nattrs;		  /* entries in attrs */
	struct child_rule *kids;  /* allowed children */
	size_t nkids;		  /* entries in kids */
	int text;		  /* it may hold text */
	int found;		  /* the schema has an element of this name */
};

struct explainer {
	xmlDoc *rng;		  /* the schema, parsed */
	struct elem_rule **rules; /* rules computed so far, each allocated
				     alone so that a rule stays where it is
				     while others are added */
	size_t nrules;		  /* entries in rules */
};

static const char RNG_NS[] = "http://relaxng.org/ns/structure/1.0";

static int
rng_is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns &&
	       strcmp((const char *)n->ns->href, RNG_NS) == 0 &&
	       strcmp((const char *)n->name, name) == 0;
}

/* The next <define name=name> of the grammar after after (NULL: the
 * first), or NULL. */
static const xmlNode *
find_define(const struct explainer *x, const char *name, const xmlNode *after)
{
	const xmlNode *g = xmlDocGetRootElement(x->rng), *n;
	int past = after == NULL;

	for (n = g ? g->children : NULL; n; n = n->next) {
		if (!rng_is(n, "define"))
			continue;
		if (!past) {
			past = n == after;
			continue;
		}
		if (strcmp(fd_attr(n, "name") ? fd_attr(n, "name") : "", name) ==
		    0)
			return n;
	}
	return NULL;
}

static void
add_attr(struct elem_rule *r, const char *name, int required,
	 const xmlNode *spec)
{
	size_t i;

	for (i = 0; i < r->nattrs; i++)
		if (strcmp(r->attrs[i].name, name) == 0) {
			r->attrs[i].required &= required;
			return;
		}
	r->attrs = fd_xreallocarray(r->attrs, r->nattrs + 1, sizeof *r->attrs);
	r->attrs[r->nattrs++] = (struct attr_rule){name, required, spec};
}

static void
add_kid(struct elem_rule *r, const char *name, int min, int many)
{
	size_t i;

	for (i = 0; i < r->nkids; i++)
		if (strcmp(r->kids[i].name, name) == 0) {
			r->kids[i].min += min;
			r->kids[i].many = 1;
			return;
		}
	r->kids = fd_xreallocarray(r->kids, r->nkids + 1, sizeof *r->kids);
	r->kids[r->nkids++] = (struct child_rule){name, min, many};
}

/* Gathers what a pattern allows directly (not inside child elements). */
static void
gather(const struct explainer *x, const xmlNode *pat, int optional, int many,
       struct elem_rule *r, int depth)
{
	const xmlNode *c, *d;

	if (depth > MAX_RULE_DEPTH)
		return;
	for (c = pat->children; c; c = c->next) {
		if (rng_is(c, "attribute") && fd_attr(c, "name"))
			add_attr(r, fd_attr(c, "name"), !optional, c);
		else if (rng_is(c, "element") && fd_attr(c, "name"))
			add_kid(r, fd_attr(c, "name"), optional ? 0 : 1, many);
		else if (rng_is(c, "optional") || rng_is(c, "choice"))
			gather(x, c, 1, many, r, depth + 1);
		else if (rng_is(c, "zeroOrMore"))
			gather(x, c, 1, 1, r, depth + 1);
		else if (rng_is(c, "oneOrMore"))
			gather(x, c, optional, 1, r, depth + 1);
		else if (rng_is(c, "group") || rng_is(c, "interleave") ||
			 rng_is(c, "mixed"))
			gather(x, c, optional, many, r, depth + 1);
		else if (rng_is(c, "text"))
			r->text = 1;
		else if (rng_is(c, "ref") && fd_attr(c, "name"))
			for (d = find_define(x, fd_attr(c, "name"), NULL); d;
			     d = find_define(x, fd_attr(c, "name"), d))
				gather(x, d, optional, many, r, depth + 1);
	}
}

static void
gather_defs(const struct explainer *x, const xmlNode *n, const char *name,
	    struct elem_rule *r, int *found, int depth)
{
	const xmlNode *c;

	if (depth > 200)
		return;
	for (c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (rng_is(c, "element") && fd_attr(c, "name") &&
		    strcmp(fd_attr(c, "name"), name) == 0) {
			gather(x, c, 0, 0, r, 0);
			*found = 1;
		}
		gather_defs(x, c, name, r, found, depth + 1);
	}
}

/* The rule of an element name, computed once; NULL when the schema has
 * no element of that name. */
static const struct elem_rule *
rule_for(struct explainer *x, const char *name)
{
	struct elem_rule r = {0};
	size_t i;
	int found = 0;

	for (i = 0; i < x->nrules; i++)
		if (strcmp(x->rules[i]->name, name) == 0)
			return x->rules[i]->found ? x->rules[i] : NULL;
	gather_defs(x, xmlDocGetRootElement(x->rng), name, &r, &found, 0);
	r.name = name;
	r.found = found;
	x->rules = fd_xreallocarray(x->rules, x->nrules + 1, sizeof *x->rules);
	x->rules[x->nrules] = fd_xmalloc(sizeof r);
	*x->rules[x->nrules] = r;
	x->nrules++;
	return found ? x->rules[x->nrules - 1] : NULL;
}

/* Collects the <value>s and the <data> of an attribute's pattern. */
static void
value_spec(const struct explainer *x, const xmlNode *pat, struct fd_buf *vals,
	   int *any, const xmlNode **data, int depth)
{
	const xmlNode *c, *d;

	if (depth > MAX_RULE_DEPTH) {
		*any = 1;
		return;
	}
	for (c = pat->children; c; c = c->next) {
		if (rng_is(c, "value")) {
			char *t = fd_text(c);

			fd_buf_adds(vals, vals->len ? ", " : "");
			fd_buf_adds(vals, t);
			free(t);
		} else if (rng_is(c, "data"))
			*data = c;
		else if (rng_is(c, "list") || rng_is(c, "text"))
			*any = 1;
		else if (rng_is(c, "choice") || rng_is(c, "group"))
			value_spec(x, c, vals, any, data, depth + 1);
		else if (rng_is(c, "ref") && fd_attr(c, "name"))
			for (d = find_define(x, fd_attr(c, "name"), NULL); d;
			     d = find_define(x, fd_attr(c, "name"), d))
				value_spec(x, d, vals, any, data, depth + 1);
	}
}

static int
value_in(const char *vals, const char *v)
{
	const char *p = vals;
	size_t n = strlen(v);

	while (*p) {
		size_t k = strcspn(p, ",");

		if (k == n && strncmp(p, v, n) == 0)
			return 1;
		p += k;
		while (*p == ',' || *p == ' ')
			p++;
	}
	return 0;
}

static int
data_ok(const xmlNode *data, const char *v)
{
	const char *type = fd_attr(data, "type");
	const xmlNode *c;

	for (c = data->children; c; c = c->next)
		if (rng_is(c, "param") && fd_attr(c, "name") &&
		    strcmp(fd_attr(c, "name"), "pattern") == 0) {
			/* XML Schema regular expressions, anchored: libxml2's
			 * own engine, not POSIX. */
			char *pat = fd_text(c);
			xmlRegexpPtr re = xmlRegexpCompile((const xmlChar *)pat);
			int ok = 1;

			if (re != NULL) {
				ok = xmlRegexpExec(re, (const xmlChar *)v) == 1;
				xmlRegFreeRegexp(re);
			}
			free(pat);
			if (!ok)
				return 0;
		}
	if (type && (strcmp(type, "NCName") == 0)) {
		const char *p = v;

		if (!*p || (*p >= '0' && *p <= '9') || *p == '-' || *p == '.')
			return 0;
		for (; *p; p++)
			if (*p == ':' || *p == ' ' || *p == '\t' || *p == '\n')
				return 0;
	}
	if (type && strcmp(type, "positiveInteger") == 0) {
		const char *p = v;

		if (!*p)
			return 0;
		for (; *p; p++)
			if (*p < '0' || *p > '9')
				return 0;
		if (strspn(v, "0") == strlen(v))
			return 0;
	}
	return 1;
}

/* An attribute the element does not have: the nearest it has, or the
 * list of those it has. */
static void
unknown_attr(const struct elem_rule *r, const struct fd_input *in,
	     const xmlNode *n, const char *an, struct fd_diags *d)
{
	const char **names = fd_xcalloc(r->nattrs + 1, sizeof *names);
	const char *near;
	struct fd_buf all = {0};
	size_t i;

	for (i = 0; i < r->nattrs; i++) {
		names[i] = r->attrs[i].name;
		fd_buf_addf(&all, "%s%s", i ? ", " : "", names[i]);
	}
	near = fd_nearest(an, names, r->nattrs);
	if (near != NULL)
		fd_input_msg(d, in, n, an, M_ATTR_NEAR, an,
			     (const char *)n->name, near);
	else if (r->nattrs)
		fd_input_msg(d, in, n, an, M_ATTR_HAS, an,
			     (const char *)n->name, all.data);
	else
		fd_input_msg(d, in, n, an, M_ATTR_NONE, an,
			     (const char *)n->name);
	fd_buf_free(&all);
	free(names);
}

/* A child the element may not hold: the nearest it may, else where an
 * element of that name belongs, else the list of what it may hold. */
static void
unknown_child(struct explainer *x, const struct elem_rule *r,
	      const struct fd_input *in, const xmlNode *n, const xmlNode *c,
	      struct fd_diags *d)
{
	const char **names = fd_xcalloc(r->nkids + 1, sizeof *names);
	const char *near, *cn = (const char *)c->name;
	struct fd_buf all = {0};
	size_t i, nkids = r->nkids;

	for (i = 0; i < nkids; i++) {
		names[i] = r->kids[i].name;
		fd_buf_addf(&all, "%s<%s>", i ? ", " : "", names[i]);
	}
	near = fd_nearest(cn, names, nkids);
	if (near != NULL)
		fd_input_msg(d, in, c, NULL, M_ELEM_NEAR, cn,
			     (const char *)n->name, near);
	else if (rule_for(x, cn) != NULL)
		fd_input_msg(d, in, c, NULL, M_ELEM_HOLDS, cn,
			     (const char *)n->name,
			     nkids ? all.data : "no elements");
	else
		fd_input_msg(d, in, c, NULL, M_ELEM_UNKNOWN, cn,
			     (const char *)n->name, (const char *)n->name,
			     nkids ? all.data : "no elements");
	fd_buf_free(&all);
	free(names);
}

static unsigned
explain_elem(struct explainer *x, const struct fd_input *in, xmlNode *n,
	     struct fd_diags *d)
{
	const struct elem_rule *r = rule_for(x, (const char *)n->name);
	const xmlAttr *a;
	const xmlNode *c;
	unsigned found = 0;
	size_t i;

	if (r == NULL)
		return 0; /* libxml2 says it is not allowed where it is */
	for (a = n->properties; a; a = a->next) {
		const char *an = (const char *)a->name;
		const struct attr_rule *ar = NULL;
		const char *v = fd_attr(n, an);

		for (i = 0; i < r->nattrs; i++)
			if (strcmp(r->attrs[i].name, an) == 0)
				ar = &r->attrs[i];
		if (ar == NULL || a->ns != NULL) {
			unknown_attr(r, in, n, an, d);
			found++;
			continue;
		}
		{
			struct fd_buf vals = {0};
			const xmlNode *data = NULL;
			int any = 0;

			value_spec(x, ar->spec, &vals, &any, &data, 0);
			if (vals.len && !value_in(vals.data, v) &&
			    !(data && data_ok(data, v)) && !any) {
				fd_input_msg(d, in, n, an, M_VALUE_ONE_OF, an,
					     v, (const char *)n->name,
					     vals.data);
				found++;
			} else if (!vals.len && data && !any &&
				   !data_ok(data, v)) {
				/* The schema says what is wanted in words. */
				xmlChar *hint = xmlGetNsProp(
					data, (const xmlChar *)"hint",
					(const xmlChar *)"urn:findings:schema");

				if (hint != NULL)
					fd_input_msg(d, in, n, an,
						     M_VALUE_BAD_HINT, an, v,
						     (const char *)n->name,
						     (const char *)hint);
				else
					fd_input_msg(d, in, n, an, M_VALUE_BAD,
						     an, v,
						     (const char *)n->name);
				xmlFree(hint);
				found++;
			}
			fd_buf_free(&vals);
		}
	}
	for (i = 0; i < r->nattrs; i++)
		if (r->attrs[i].required && fd_attr(n, r->attrs[i].name) == NULL) {
			fd_input_msg(d, in, n, NULL, M_ATTR_MISSING,
				     (const char *)n->name, r->attrs[i].name);
			found++;
		}
	for (i = 0; i < r->nkids; i++) {
		int count = 0;
		const xmlNode *second = NULL;

		for (c = n->children; c; c = c->next)
			if (fd_is_elem(c, r->kids[i].name) && ++count == 2)
				second = c;
		if (count < r->kids[i].min) {
			fd_input_msg(d, in, n, NULL, M_ELEM_MISSING,
				     (const char *)n->name, r->kids[i].name);
			found++;
		} else if (count > 1 && !r->kids[i].many) {
			fd_input_msg(d, in, second, NULL, M_ELEM_TWICE,
				     (const char *)n->name, r->kids[i].name);
			found++;
		}
	}
	for (c = n->children; c; c = c->next) {
		int known = 0;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		for (i = 0; i < r->nkids; i++)
			if (strcmp(r->kids[i].name, (const char *)c->name) == 0)
				known = 1;
		if (!known) {
			unknown_child(x, r, in, n, c, d);
			found++;
		}
	}
	return found;
}

/* Walks the whole document; returns the number of faults reported. */
static unsigned
explain(const struct fd_input *in, const char *rng_path, struct fd_diags *d)
{
	struct explainer x = {0};
	struct fd_diags *quiet = fd_diags_new();
	struct fd_input *rng = fd_load_file(rng_path, quiet);
	xmlNode *n;
	unsigned found = 0;
	size_t i;

	fd_diags_free(quiet);
	if (rng == NULL)
		return 0;
	x.rng = rng->doc;
	n = xmlDocGetRootElement(in->doc);
	while (n != NULL) {
		if (n->type == XML_ELEMENT_NODE)
			found += explain_elem(&x, in, n, d);
		if (n->type == XML_ELEMENT_NODE && n->children) {
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
	for (i = 0; i < x.nrules; i++) {
		free(x.rules[i]->attrs);
		free(x.rules[i]->kids);
		free(x.rules[i]);
	}
	free(x.rules);
	fd_input_free(rng);
	return found;
}

/* The schemas parsed so far, kept for the life of the process: a build
 * validates each of its documents' trees against doctree.rng, and the
 * style, the calendar and the procedures each against their own, and
 * parsing a schema costs more than validating with it (doctree.rng:
 * 4.3 million instructions to parse, 0.4 to validate a letter). A schema
 * is parsed outside the lock, by the first thread to want it; another
 * that wants the same one waits for it, and no other. */
static struct parsed {
	char *path;	     /* as given */
	xmlRelaxNGPtr rng;   /* parsed, never freed; NULL while parsing */
	struct parsed *next; /* the one parsed before */
} *parsed;
static pthread_mutex_t parsed_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t parsed_cond = PTHREAD_COND_INITIALIZER;

/* The schema parsed, or being parsed, from path, or NULL; parsed_lock
 * held. */
static struct parsed *
find_parsed(const char *path)
{
	struct parsed *p;

	for (p = parsed; p != NULL; p = p->next)
		if (strcmp(p->path, path) == 0)
			break;
	return p;
}

/* The schema at rng_path, parsed the first time it is asked for; NULL
 * after reporting a schema that cannot be loaded through c. */
static xmlRelaxNGPtr
schema_for(const char *rng_path, struct collect *c)
{
	xmlRelaxNGParserCtxtPtr pctxt;
	xmlRelaxNGPtr schema = NULL;
	struct parsed *p, **pp;

	pthread_mutex_lock(&parsed_lock);
	/* Being parsed by another thread: wait for it (a schema that
	 * failed there is no longer listed, and is parsed again here, to
	 * report it). */
	while ((p = find_parsed(rng_path)) != NULL && p->rng == NULL)
		pthread_cond_wait(&parsed_cond, &parsed_lock);
	if (p != NULL) {
		pthread_mutex_unlock(&parsed_lock);
		return p->rng;
	}
	p = fd_xcalloc(1, sizeof *p);
	p->path = fd_xstrdup(rng_path);
	p->next = parsed;
	parsed = p;
	pthread_mutex_unlock(&parsed_lock);
	pctxt = xmlRelaxNGNewParserCtxt(rng_path);
	xmlRelaxNGSetParserStructuredErrors(pctxt, on_schema_error, c);
	if (pctxt)
		schema = xmlRelaxNGParse(pctxt);
	xmlRelaxNGFreeParserCtxt(pctxt);
	if (schema != NULL && c->schema_broken) {
		xmlRelaxNGFree(schema);
		schema = NULL;
	}
	pthread_mutex_lock(&parsed_lock);
	if (schema != NULL) {
		p->rng = schema;
	} else {
		for (pp = &parsed; *pp != p; pp = &(*pp)->next)
			;
		*pp = p->next;
		free(p->path);
		free(p);
	}
	pthread_cond_broadcast(&parsed_cond);
	pthread_mutex_unlock(&parsed_lock);
	return schema;
}

unsigned
fd_validate_rng(const struct fd_input *in, const char *rng_path,
		struct fd_diags *d)
{
	struct collect c = {in, d, NULL, 0, 0};
	xmlRelaxNGPtr schema;
	xmlRelaxNGValidCtxtPtr vctxt;
	int valid;

	if ((schema = schema_for(rng_path, &c)) == NULL) {
		fd_msg(d, M_SCHEMA_LOAD, rng_path, 0, 0);
		return 1;
	}
	/* libxml2's messages wait in their own list: they are shown only
	 * when the explainer finds nothing more precise. */
	c.d = fd_diags_new();
	vctxt = xmlRelaxNGNewValidCtxt(schema);
	xmlRelaxNGSetValidStructuredErrors(vctxt, on_error, &c);
	valid = xmlRelaxNGValidateDoc(vctxt, in->doc) == 0;
	xmlRelaxNGFreeValidCtxt(vctxt);
	if (!valid) {
		unsigned found = explain(in, rng_path, d);

		if (found == 0 && c.errors > 0)
			fd_diags_move(c.d, d);
		else if (found == 0)
			fd_msg(d, M_SCHEMA_FAILED, in->path, 1, 1, rng_path);
		c.errors = found ? found : c.errors ? c.errors : 1;
	}
	fd_diags_free(c.d);
	return valid ? 0 : c.errors;
}

unsigned
fd_validate_data(const struct fd_input *in, const char *rng_path,
		 struct fd_diags *d)
{
	if (in->path != NULL && fd_datadir_is_own(in->path))
		return 0;
	return fd_validate_rng(in, rng_path, d);
}

struct fd_preload {
	pthread_t thread;
	int started; /* thread runs */
	char **paths;
	size_t n;
};

/* The thread: each schema parsed into the list of parsed ones, what it
 * would report dropped. */
static void *
preload_run(void *arg)
{
	struct fd_preload *p = arg;
	struct collect c;
	size_t i;

	for (i = 0; i < p->n; i++) {
		memset(&c, 0, sizeof c);
		schema_for(p->paths[i], &c);
	}
	return NULL;
}

/* Whether the schema at path has been parsed, or is being. */
static int
is_parsed(const char *path)
{
	int found;

	pthread_mutex_lock(&parsed_lock);
	found = find_parsed(path) != NULL;
	pthread_mutex_unlock(&parsed_lock);
	return found;
}

struct fd_preload *
fd_schema_preload(const char *const *paths, size_t n)
{
	struct fd_preload *p;
	size_t i;

	/* Nothing to do (the next inspection of a build): no thread. */
	for (i = 0; i < n && is_parsed(paths[i]); i++)
		;
	if (i == n)
		return NULL;
	p = fd_xcalloc(1, sizeof *p);

	/* libxml2 sets up its globals on first use, which two threads must
	 * not do at once. */
	xmlInitParser();
	p->paths = fd_xreallocarray(NULL, n ? n : 1, sizeof *p->paths);
	for (i = 0; i < n; i++)
		p->paths[i] = fd_xstrdup(paths[i]);
	p->n = n;
	p->started = pthread_create(&p->thread, NULL, preload_run, p) == 0;
	if (!p->started) {
		fd_schema_preload_join(p);
		return NULL;
	}
	return p;
}

void
fd_schema_preload_join(struct fd_preload *p)
{
	size_t i;

	if (p == NULL)
		return;
	if (p->started)
		pthread_join(p->thread, NULL);
	for (i = 0; i < p->n; i++)
		free(p->paths[i]);
	free(p->paths);
	free(p);
}
