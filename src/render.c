/*
 * render.c: the pipeline of one inspection (render.h).
 *
 * The final privacy check runs on the rendered text, not on the input:
 * what a reader sees is what must be clean, whether a string came from a
 * finding, a name or a template. fd_check has already refused the same
 * strings in the findings; this net catches what reaches print otherwise.
 */
#include "render.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "after.h"
#include "doctree.h"
#include "emit_html.h"
#include "facts.h"
#include "load.h"
#include "mail.h"
#include "transform.h"
#include "typeset.h"

struct fd_render {
	struct fd_input *in;	     /* the inspection, checked and dedented */
	const struct fd_datadir *dd; /* where templates and styles are */
	enum fd_stage stage;	     /* the stage rendered */
	struct fd_facts *facts;	     /* computed once for every document */
	char *framework;	     /* framework=, for template paths */
	char *ref;		     /* ref=, for output names */
};

struct fd_render *
fd_render_open(const char *path, const struct fd_datadir *dd,
	       const enum fd_stage *stage, struct fd_diags *d)
{
	struct fd_render *r = fd_xcalloc(1, sizeof *r);
	xmlNode *root;

	r->dd = dd;
	if ((r->in = fd_load_file(path, d)) == NULL)
		goto fail;
	r->stage = stage ? *stage : fd_inspection_stage(r->in);
	if (fd_check(r->in, dd, r->stage, d) > 0)
		goto fail;
	root = xmlDocGetRootElement(r->in->doc);
	r->framework = fd_xstrdup(fd_attr(root, "framework"));
	r->ref = fd_xstrdup(fd_attr(root, "ref"));
	if ((r->facts = fd_facts_new(r->in, dd, r->stage, d)) == NULL)
		goto fail;
	return r;
fail:
	fd_render_close(r);
	return NULL;
}

void
fd_render_close(struct fd_render *r)
{
	if (r == NULL)
		return;
	fd_facts_free(r->facts);
	fd_input_free(r->in);
	free(r->framework);
	free(r->ref);
	free(r);
}

const char *
fd_render_ref(const struct fd_render *r)
{
	return r->ref;
}

const char *
fd_render_framework(const struct fd_render *r)
{
	return r->framework;
}

enum fd_stage
fd_render_stage(const struct fd_render *r)
{
	return r->stage;
}

/* documents.xml */

void
fd_documents_free(struct fd_document *docs, long n)
{
	long i;

	for (i = 0; i < n; i++) {
		free(docs[i].name);
		free(docs[i].ext);
		free(docs[i].each);
	}
	free(docs);
}

/* A document name is a file name in the framework's folder. */
static int
safe_name(const char *s)
{
	if (s == NULL || *s == '\0' || *s == '.')
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_')
			return 0;
	return 1;
}

/* The stylesheet of a document, or NULL when the framework has none. */
static char *
stylesheet(const struct fd_render *r, const char *doc)
{
	char *rel, *path;

	if (!safe_name(doc))
		return NULL;
	rel = fd_xasprintf("%s/%s.xsl", r->framework, doc);
	path = fd_datadir_template(r->dd, rel);
	free(rel);
	return path;
}

long
fd_render_documents(const struct fd_render *r, struct fd_document **docs,
		    struct fd_diags *d)
{
	char *rel = fd_xasprintf("%s/documents.xml", r->framework);
	char *path = fd_datadir_template(r->dd, rel), *xsl;
	struct fd_input *list = NULL;
	struct fd_document *v = NULL;
	xmlNode *n;
	long count = 0;

	*docs = NULL;
	free(rel);
	if (path == NULL)
		return 0;
	if ((list = fd_load_file(path, d)) == NULL) {
		free(path);
		return -1;
	}
	for (n = xmlDocGetRootElement(list->doc)->children; n; n = n->next) {
		const char *name = fd_attr(n, "name"), *ext = fd_attr(n, "ext");

		if (!fd_is_elem(n, "document"))
			continue;
		if (!safe_name(name) || !safe_name(ext)) {
			fd_input_diag(d, list, n, NULL, FD_ERROR,
				      "a document needs a name= and an ext= "
				      "of letters, digits and hyphens");
			continue;
		}
		if ((xsl = stylesheet(r, name)) == NULL)
			continue;
		/* when="ELEMENT": only for an inspection that has one. */
		if (fd_attr(n, "when") != NULL &&
		    fd_child(xmlDocGetRootElement(r->in->doc),
			     fd_attr(n, "when")) == NULL) {
			free(xsl);
			continue;
		}
		free(xsl);
		v = fd_xreallocarray(v, (size_t)count + 1, sizeof *v);
		v[count].name = fd_xstrdup(name);
		v[count].ext = fd_xstrdup(ext);
		v[count].each = fd_attr(n, "each")
				    ? fd_xstrdup(fd_attr(n, "each"))
				    : NULL;
		v[count].published = fd_attr(n, "published") &&
				     strcmp(fd_attr(n, "published"), "yes") == 0;
		/* gate="always": sent after publication, so checked for
		 * privacy at every stage (the letters after the letter). */
		if (v[count].published && fd_attr(n, "gate") != NULL &&
		    strcmp(fd_attr(n, "gate"), "always") == 0)
			v[count].published = 2;
		count++;
	}
	fd_input_free(list);
	free(path);
	*docs = v;
	return count;
}

/* Whether doc is a published document of the framework. */
static int
is_published(const struct fd_render *r, const char *doc, struct fd_diags *d)
{
	struct fd_document *v;
	long i, n = fd_render_documents(r, &v, d);
	int yes = 0;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].name, doc) == 0)
			yes = v[i].published;
	fd_documents_free(v, n < 0 ? 0 : n);
	return yes;
}

char *
fd_render_file_name(const struct fd_render *r, const char *doc,
		    const char *id, const char *ext)
{
	char *s = id ? fd_xasprintf("%s-%s-%s.%s", r->ref, doc, id, ext)
		     : fd_xasprintf("%s-%s.%s", r->ref, doc, ext);
	char *p;

	for (p = s; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '.' && *p != '_' &&
		    *p != '-')
			*p = '-';
	if (s[0] == '.')
		s[0] = '-';
	return s;
}

char **
fd_render_ids(const struct fd_render *r, const char *each)
{
	xmlNode *g, *c;
	char **v = fd_xcalloc(1, sizeof *v);
	size_t n = 0;

	for (g = xmlDocGetRootElement(r->in->doc)->children; g; g = g->next)
		for (c = g->type == XML_ELEMENT_NODE ? g->children : NULL; c;
		     c = c->next) {
			if (!fd_is_elem(c, each) || fd_attr(c, "id") == NULL)
				continue;
			v = fd_xreallocarray(v, n + 2, sizeof *v);
			v[n++] = fd_xstrdup(fd_attr(c, "id"));
			v[n] = NULL;
		}
	return v;
}

char **
fd_render_concern_ids(const struct fd_render *r)
{
	return fd_render_ids(r, "concern");
}

/* The privacy check of the rendered text. */

static int
word_char(char c)
{
	return isalnum((unsigned char)c) || c == '-' || c == '/' || c == '_';
}

/* Where term occurs in text as a whole token (not inside a longer
 * reference), without regard to case; NULL when it does not. */
static const char *
find_term(const char *text, const char *term)
{
	size_t n = strlen(term);
	const char *p;

	if (n == 0)
		return NULL;
	for (p = text; *p; p++) {
		if (strncasecmp(p, term, n) != 0)
			continue;
		if (p > text && word_char(p[-1]) && word_char(term[0]))
			continue;
		if (word_char(p[n]) && word_char(term[n - 1]))
			continue;
		return p;
	}
	return NULL;
}

/* What a privacy term is, for the message: the list does not say. */
static const char *
term_kind(const char *term)
{
	const char *p;
	int seps = 0;

	if (strchr(term, '@') != NULL)
		return "email address";
	for (p = term; *p; p++)
		if (*p == '/' || *p == '.' || *p == '-' || *p == ' ')
			seps++;
	/* 14/02/2008, 2008-02-14, 14 February 2008 */
	if (isdigit((unsigned char)term[0]) && seps == 2)
		return "date of birth";
	return "case reference";
}

/* The finding (or other element under findings) whose text or title
 * holds term. */
static const xmlNode *
finding_with(const struct fd_render *r, const char *term)
{
	xmlNode *fs = fd_child(xmlDocGetRootElement(r->in->doc), "findings");
	xmlNode *n;
	const xmlNode *hit = NULL;
	char *text;

	for (n = fs ? fs->children : NULL; n && hit == NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		text = fd_text(n);
		if (find_term(text, term) != NULL ||
		    (fd_attr(n, "title") != NULL &&
		     find_term(fd_attr(n, "title"), term) != NULL))
			hit = n;
		free(text);
	}
	return hit;
}

/*
 * Searches the plain text of the rendered tree for every privacy term of
 * the inspection. Reports each one found, at the finding that holds it
 * when there is one. Returns the number found.
 */
static unsigned
privacy_check(struct fd_render *r, const char *doc, const char *text,
	      struct fd_diags *d)
{
	char **terms = fd_privacy_terms(r->in);
	const xmlNode *f;
	unsigned found = 0;
	size_t i;

	for (i = 0; terms[i] != NULL; i++) {
		if (find_term(text, terms[i]) == NULL)
			continue;
		found++;
		if ((f = finding_with(r, terms[i])) != NULL)
			fd_input_diag(d, r->in, f, NULL, FD_ERROR,
				      "the final %s prints the %s '%s' from "
				      "the evidence, in %s '%s': a published "
				      "document may not show it",
				      doc, term_kind(terms[i]), terms[i],
				      (const char *)f->name,
				      fd_attr(f, "id") ? fd_attr(f, "id") : "");
		else
			fd_diag(d, FD_ERROR, r->in->path, 0, 0,
				"the final %s prints the %s '%s' from the "
				"evidence: a published document may not "
				"show it",
				doc, term_kind(terms[i]), terms[i]);
	}
	fd_strv_free(terms);
	return found;
}

/* Rendering. */

static int
ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n >= m && strcasecmp(s + n - m, tail) == 0;
}

static int
write_out(const char *out, const char *data, size_t len, struct fd_diags *d)
{
	int err;

	if (strcmp(out, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
			fd_diag(d, FD_IOERR, "-", 0, 0,
				"cannot write to standard output");
			return -1;
		}
		return 0;
	}
	if ((err = fd_write_atomic(out, data, len)) != 0) {
		fd_diag(d, FD_IOERR, out, 0, 0, "cannot write: %s",
			strerror(err));
		return -1;
	}
	return 0;
}

/* The facts, and those of the one complaint --id names (after.h): the
 * Markdown placeholders of a document. The caller frees the map. */
static struct fd_map *
values(const struct fd_render *r, const struct fd_render_opts *o)
{
	const struct fd_map *facts = fd_facts_map(r->facts);
	struct fd_map *m = fd_map_new();
	size_t i;

	for (i = 0; i < fd_map_count(facts); i++)
		fd_map_set(m, fd_map_key(facts, i), fd_map_value(facts, i));
	if (o->concern_id != NULL)
		fd_after_complaint_facts(m, r->in, r->dd, r->facts,
					 o->concern_id);
	return m;
}

/* The stylesheet's parameters: the values, and what the command line
 * asked for. */
static struct fd_map *
parameters(const struct fd_render *r, const struct fd_render_opts *o)
{
	struct fd_map *m = values(r, o);

	fd_map_set(m, "document", o->doc);
	if (o->concern_id != NULL) {
		fd_map_set(m, "concern-id", o->concern_id);
		fd_map_set(m, "id", o->concern_id);
	}
	if (o->to != NULL)
		fd_map_set(m, "to", o->to);
	fd_map_set(m, "blank", o->blank ? "yes" : "no");
	return m;
}

/* Runs the document's stylesheet; *xsl is set to its path (the caller
 * frees it) for diagnostics. Returns the tree or NULL after reporting. */
static xmlDoc *
transform(struct fd_render *r, const struct fd_render_opts *o, char **xsl,
	  struct fd_diags *d)
{
	struct fd_transform_env env = {fd_facts_add_working_days, r->facts};
	struct fd_transform *t = NULL;
	struct fd_map *params = NULL;
	xmlDoc *tree = NULL;

	if ((*xsl = stylesheet(r, o->doc)) == NULL) {
		fd_diag(d, FD_ERROR, r->in->path, 0, 0,
			"%s has no document '%s' (no %s/%s.xsl in the "
			"templates)",
			r->framework, o->doc, r->framework,
			safe_name(o->doc) ? o->doc : "?");
		return NULL;
	}
	if ((t = fd_transform_new(*xsl, r->dd->templates, d)) != NULL) {
		params = parameters(r, o);
		tree = fd_transform_run(t, r->in, params, &env, d);
	}
	fd_map_free(params);
	fd_transform_free(t);
	return tree;
}

char **
fd_render_recipients(struct fd_render *r, const struct fd_render_opts *o,
		     struct fd_diags *d)
{
	char *xsl = NULL, *list, *copy, *tok, *save = NULL, **v = NULL;
	xmlDoc *tree = transform(r, o, &xsl, d);
	size_t n = 0;

	free(xsl);
	if (tree == NULL)
		return NULL;
	if ((list = fd_mail_notified(tree)) != NULL) {
		v = fd_xcalloc(1, sizeof *v);
		copy = fd_xstrdup(list);
		for (tok = strtok_r(copy, " \t\r\n", &save); tok;
		     tok = strtok_r(NULL, " \t\r\n", &save)) {
			v = fd_xreallocarray(v, n + 2, sizeof *v);
			v[n++] = fd_xstrdup(tok);
			v[n] = NULL;
		}
		free(copy);
		free(list);
	}
	xmlFreeDoc(tree);
	return v;
}

/*
 * Moves what the stages after the stylesheet said (sd) into d. An error
 * they found in the stylesheet's output (reported at xsl) is one the
 * input caused, too much of something for one document: it is reported
 * at the inspection's root element, naming the document, with where it
 * was found.
 */
static void
refile(const struct fd_render *r, const char *doc, const char *xsl,
       struct fd_diags *sd, struct fd_diags *d)
{
	long line, col;
	char *prefix;

	if (xsl == NULL) {
		fd_diags_move(sd, d);
		return;
	}
	fd_input_locate(r->in, xmlDocGetRootElement(r->in->doc), &line, &col);
	prefix = fd_xasprintf("the %s cannot be made from this inspection: ",
			      doc);
	fd_diags_refile(sd, d, xsl, r->in->path, line, col, prefix);
	free(prefix);
}

/*
 * Whether out's extension is one the document can be written as: .xml
 * (the document tree) always; an email .eml or .pdf; a published
 * document (the letter, the report) .pdf or .html (its HTML edition);
 * anything else .pdf. "-" and a name without an extension (a device)
 * get the PDF. Otherwise reports a usage error naming those it can be.
 */
static int
can_write_as(struct fd_render *r, const struct fd_render_opts *o,
	     xmlDoc *tree, const char *out, struct fd_diags *d)
{
	const char *base = strrchr(out, '/'), *dot;
	const char *ok;

	base = base ? base + 1 : out;
	if (strcmp(out, "-") == 0 || (dot = strrchr(base, '.')) == NULL ||
	    dot == base)
		return 1;
	if (fd_mail_is_mail(tree))
		ok = ".eml .pdf .xml ";
	else if (is_published(r, o->doc, d))
		ok = ".pdf .html .xml ";
	else
		ok = ".pdf .xml ";
	{
		char *want = fd_xasprintf("%s ", dot);
		int yes = strstr(ok, want) != NULL;

		free(want);
		if (yes)
			return 1;
	}
	fd_diag(d, FD_ERROR, out, 0, 0,
		"the %s cannot be written as %s: give a file name ending in "
		"%s",
		o->doc, dot,
		fd_mail_is_mail(tree)	      ? ".eml, .pdf or .xml"
		: is_published(r, o->doc, d) ? ".pdf, .html or .xml"
					      : ".pdf or .xml");
	return 0;
}

int
fd_render_doc(struct fd_render *r, const struct fd_render_opts *o,
	      const char *out, struct fd_diags *d)
{
	char *xsl = NULL, *mddir = NULL, *style = NULL;
	char *schema = NULL, *bytes = NULL, *text = NULL;
	struct fd_typeset_opts to = {0};
	struct fd_doctree_opts dopts = {0};
	struct fd_diags *sd = fd_diags_new();
	struct fd_doc *dt = NULL;
	struct fd_map *vals = NULL;
	xmlDoc *tree = NULL;
	size_t len = 0;
	int rc = -1, xb, pub;

	if (strcmp(out, "-") != 0 && fd_same_file(out, r->in->path)) {
		fd_diag(d, FD_IOERR, out, 0, 0,
			"cannot write: it is the input file");
		goto out;
	}
	if ((tree = transform(r, o, &xsl, d)) == NULL)
		goto out;
	mddir = fd_path_join(r->dd->templates, r->framework);
	style = fd_datadir_style(r->dd, o->style);
	schema = fd_path_join(r->dd->templates, "schema");
	to.style_path = style;
	to.markdown_dir = mddir;
	vals = values(r, o);
	to.placeholders = vals;
	to.create_date = fd_facts_created(r->facts);
	to.schema_dir = schema;
	dopts.markdown_dir = mddir;
	dopts.placeholders = vals;
	dopts.schema_dir = schema;

	pub = is_published(r, o->doc, d);
	if ((r->stage == FD_STAGE_FINAL && pub) || pub == 2) {
		if ((dt = fd_doctree_build(tree, xsl, &dopts, sd)) == NULL)
			goto out;
		text = fd_doctree_plain_text(dt);
		if (privacy_check(r, o->doc, text, d) > 0)
			goto out;
	}
	if (!can_write_as(r, o, tree, out, d)) {
		rc = -2;
		goto out;
	}
	if (ends_with(out, ".html")) {
		if (dt == NULL &&
		    (dt = fd_doctree_build(tree, xsl, &dopts, sd)) == NULL)
			goto out;
		bytes = fd_emit_html_edition(dt);
		len = strlen(bytes);
	} else if (ends_with(out, ".xml")) {
		xmlDocDumpFormatMemoryEnc(tree, (xmlChar **)&bytes, &xb,
					  "UTF-8", 1);
		len = xb > 0 ? (size_t)xb : 0;
	} else if (ends_with(out, ".eml")) {
		if (fd_mail_render(tree, xsl, &to, sd, &bytes, &len) != 0)
			goto out;
	} else if (fd_mail_is_mail(tree)) {
		if (fd_mail_pdf(tree, xsl, &to, sd, &bytes, &len) != 0)
			goto out;
	} else if (fd_typeset_pdf(tree, xsl, &to, sd, &bytes, &len) != 0) {
		goto out;
	}
	if (bytes == NULL || write_out(out, bytes, len, d) != 0)
		goto out;
	rc = 0;
out:
	refile(r, o->doc, xsl, sd, d);
	fd_diags_free(sd);
	if (ends_with(out, ".xml"))
		xmlFree(bytes);
	else
		free(bytes);
	free(text);
	fd_doc_free(dt);
	fd_map_free(vals);
	if (tree != NULL)
		xmlFreeDoc(tree);
	free(schema);
	free(style);
	free(mddir);
	free(xsl);
	return rc;
}

struct fd_doc *
fd_render_tree(struct fd_render *r, const struct fd_render_opts *o,
	       struct fd_diags *d)
{
	struct fd_doctree_opts dopts = {0};
	char *xsl = NULL, *mddir, *schema;
	struct fd_doc *dt = NULL;
	struct fd_diags *sd;
	struct fd_map *filled, *facts;
	xmlDoc *tree = transform(r, o, &xsl, d);

	if (tree == NULL) {
		free(xsl);
		return NULL;
	}
	mddir = fd_path_join(r->dd->templates, r->framework);
	schema = fd_path_join(r->dd->templates, "schema");
	/* An email fills its Markdown with its recipient's values too. */
	facts = values(r, o);
	filled = fd_mail_values(tree, facts);
	fd_map_free(facts);
	dopts.markdown_dir = mddir;
	dopts.placeholders = filled;
	dopts.schema_dir = schema;
	sd = fd_diags_new();
	dt = fd_doctree_build(tree, xsl, &dopts, sd);
	refile(r, o->doc, xsl, sd, d);
	fd_diags_free(sd);
	fd_map_free(filled);
	xmlFreeDoc(tree);
	free(schema);
	free(mddir);
	free(xsl);
	return dt;
}

const char *
fd_render_revision(const struct fd_render *r, const char *attr)
{
	xmlNode *h = fd_child(xmlDocGetRootElement(r->in->doc), "history");
	xmlNode *n, *last = NULL;

	for (n = h ? h->children : NULL; n; n = n->next)
		if (fd_is_elem(n, "revision"))
			last = n;
	return last ? fd_attr(last, attr) : NULL;
}

long long
fd_render_created(const struct fd_render *r)
{
	return fd_facts_created(r->facts);
}

void
fd_render_diag(const struct fd_render *r, struct fd_diags *d,
	       const char *attr, enum fd_level level, const char *msg)
{
	fd_input_diag(d, r->in, xmlDocGetRootElement(r->in->doc), attr, level,
		      "%s", msg);
}

const xmlDoc *
fd_render_inspection(const struct fd_render *r)
{
	return r->in->doc;
}

const struct fd_map *
fd_render_facts(const struct fd_render *r)
{
	return fd_facts_map(r->facts);
}

const char *
fd_render_path(const struct fd_render *r)
{
	return r->in->path;
}

unsigned
fd_render_privacy(struct fd_render *r, const char *doc, const char *text,
		  struct fd_diags *d)
{
	return privacy_check(r, doc, text, d);
}
