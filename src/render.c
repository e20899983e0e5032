/*
 * render.c: the pipeline of one inspection (render.h).
 *
 * The privacy gate (privacy.h) runs on the document tree the engines are
 * given, built once, and on what an email carries besides: what a reader
 * sees is what must be clean, whether a string came from a finding, a name
 * or a template. `findings check` runs the same gate over every outgoing
 * document (fd_render_gate), so it says first what render would refuse.
 */
#include "render.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "after.h"
#include "bounds.h"
#include "check.h"
#include "doctree_xml.h"
#include "emit_html.h"
#include "facts.h"
#include "faform.h"
#include "ics.h"
#include "letterhead.h"
#include "load.h"
#include "mail.h"
#include "privacy.h"
#include "transform.h"
#include "typeset.h"

struct fd_render {
	struct fd_input *in;	     /* the inspection, checked and dedented */
	const struct fd_datadir *dd; /* where templates and styles are */
	enum fd_stage stage;	     /* the stage rendered */
	struct fd_facts *facts;	     /* computed once for every document */
	char *framework;	     /* framework=, for template paths */
	char *ref;		     /* ref=, for output names */
	struct fd_gate *gate;	     /* the privacy gate, made on first need */
	int borrowed;		     /* in is another fd_render's
					(fd_render_restage) */
	struct sheet *sheets;	     /* stylesheets compiled, by path */
	size_t nsheets;		     /* entries in sheets */
	struct doclist *doclist;     /* documents.xml as first read, or
					NULL (fd_render_documents) */
};

/* The documents of r's framework, read once a render: what is wrong
 * with the list is said once, and a build's many questions of it cost
 * one reading. */
struct doclist {
	struct fd_document *docs;
	long n;
};

static int safe_name(const char *s);
static char *stylesheet(const struct fd_render *r, const char *doc);

/* A compiled stylesheet, kept for the render's documents: a build makes
 * several documents of one stylesheet (a form a concern, an email an
 * agency). */
struct sheet {
	char *path;		  /* templates/FRAMEWORK/DOC.xsl */
	struct fd_transform *t;	  /* compiled */
};

/* Keeps t, compiled from path (both r's from now on). */
static struct fd_transform *
keep_sheet(struct fd_render *r, char *path, struct fd_transform *t)
{
	r->sheets = fd_xreallocarray(r->sheets, r->nsheets + 1,
				     sizeof *r->sheets);
	r->sheets[r->nsheets].path = path;
	r->sheets[r->nsheets++].t = t;
	return t;
}

/* The stylesheet at path, compiled on first use; NULL after reporting. */
static struct fd_transform *
sheet_for(struct fd_render *r, const char *path, struct fd_diags *d)
{
	struct fd_transform *t;
	size_t i;

	for (i = 0; i < r->nsheets; i++)
		if (strcmp(r->sheets[i].path, path) == 0)
			return r->sheets[i].t;
	if ((t = fd_transform_new(path, r->dd->templates, d)) == NULL)
		return NULL;
	return keep_sheet(r, fd_xstrdup(path), t);
}

/* The compiling of one stylesheet in a thread of its own, then the
 * opening of the fonts of the style the document is typeset in. Nothing
 * else may use libxslt, or typeset, until it is joined: transform.c
 * installs its sandbox and error hooks globally for the compile, and the
 * font map is the process's. */
struct compiling {
	pthread_t thread;
	char *path, *templates;
	char *style;		  /* the style, or NULL: not typeset */
	struct fd_diags *d;	  /* its own; dropped */
	struct fd_transform *t;	  /* the result, or NULL */
};

static void *
compile_run(void *arg)
{
	struct compiling *c = arg;

	c->t = fd_transform_new(c->path, c->templates, c->d);
	/* fontconfig's file read and the font map made here, where the
	 * second core is otherwise idle until the check ends, not in the
	 * layout. */
	if (c->style != NULL) {
		char *schema = fd_path_join(c->templates, "schema");

		fd_typeset_prepare(c->style, schema);
		free(schema);
	}
	return NULL;
}

/* Starts compiling r's stylesheet for doc, then opening the fonts of
 * style (when not NULL); NULL when there is no stylesheet or no thread
 * could start. */
static struct compiling *
compile_start(struct fd_render *r, const char *doc, const char *style)
{
	struct compiling *c;
	char *path;

	if (doc == NULL || r->framework == NULL ||
	    (path = stylesheet(r, doc)) == NULL)
		return NULL;
	c = fd_xcalloc(1, sizeof *c);
	c->path = path;
	c->templates = fd_xstrdup(r->dd->templates);
	c->style = style ? fd_xstrdup(style) : NULL;
	c->d = fd_diags_new();
	if (pthread_create(&c->thread, NULL, compile_run, c) != 0) {
		free(c->path);
		free(c->templates);
		free(c->style);
		fd_diags_free(c->d);
		free(c);
		return NULL;
	}
	return c;
}

/* Waits for c and keeps what it compiled in r (when r is not NULL). */
static void
compile_end(struct compiling *c, struct fd_render *r)
{
	if (c == NULL)
		return;
	pthread_join(c->thread, NULL);
	if (c->t != NULL && r != NULL) {
		keep_sheet(r, c->path, c->t);
	} else {
		fd_transform_free(c->t);
		free(c->path);
	}
	free(c->templates);
	free(c->style);
	fd_diags_free(c->d);
	free(c);
}

/* Checks r's inspection at r->stage (the check's diagnostics to lint)
 * and computes its facts (theirs to d). Returns 0, or -1 after
 * reporting. */
static int
check_and_facts(struct fd_render *r, struct fd_diags *lint,
		struct fd_diags *d)
{
	xmlNode *root;

	if (fd_check(r->in, r->dd, r->stage, lint) > 0)
		return -1;
	root = xmlDocGetRootElement(r->in->doc);
	free(r->framework);
	r->framework = fd_xstrdup(fd_attr(root, "framework"));
	r->ref = fd_xstrdup(fd_attr(root, "ref"));
	r->facts = fd_facts_new(r->in, r->dd, r->stage, d);
	return r->facts ? 0 : -1;
}

struct fd_render *
fd_render_open(const char *path, const struct fd_datadir *dd,
	       const enum fd_stage *stage, struct fd_diags *d)
{
	return fd_render_open_lint(path, dd, stage, d, d);
}

struct fd_render *
fd_render_open_lint(const char *path, const struct fd_datadir *dd,
		    const enum fd_stage *stage, struct fd_diags *lint,
		    struct fd_diags *d)
{
	return fd_render_open_for(path, dd, stage, NULL, NULL, lint, d);
}

struct fd_render *
fd_render_open_for(const char *path, const struct fd_datadir *dd,
		   const enum fd_stage *stage, const char *doc,
		   const char *style, struct fd_diags *lint,
		   struct fd_diags *d)
{
	struct fd_render *r = fd_xcalloc(1, sizeof *r);
	struct compiling *comp = NULL;
	const char *fw;
	char *rng[2] = {fd_path_join(dd->templates, "schema/inspection.rng"),
			fd_path_join(dd->templates, "schema/document.rng")};
	/* The inspection's schema is parsed while the inspection is read,
	 * and the document tree's while it is checked: the thread has ended
	 * by the time this returns, so no thread outlives the call (build
	 * forks after it). */
	struct fd_preload *pre =
		fd_schema_preload((const char *const *)rng, 2);

	free(rng[0]);
	free(rng[1]);
	r->dd = dd;
	if ((r->in = fd_load_file(path, d)) == NULL)
		goto fail;
	/* The document's stylesheet compiled while the inspection is
	 * checked, for a framework that names a folder (the check says
	 * whether it is one); joined before this returns. */
	fw = fd_attr(xmlDocGetRootElement(r->in->doc), "framework");
	if (doc != NULL && safe_name(fw)) {
		r->framework = fd_xstrdup(fw);
		comp = compile_start(r, doc, style);
	}
	r->stage = stage ? *stage : fd_inspection_stage(r->in);
	if (check_and_facts(r, lint, d) != 0)
		goto fail;
	compile_end(comp, r);
	fd_schema_preload_join(pre);
	return r;
fail:
	compile_end(comp, NULL);
	fd_schema_preload_join(pre);
	fd_render_close(r);
	return NULL;
}

struct fd_render *
fd_render_restage(struct fd_render *r, enum fd_stage stage,
		  struct fd_diags *d)
{
	struct fd_render *s = fd_xcalloc(1, sizeof *s);

	s->dd = r->dd;
	s->in = r->in;
	s->borrowed = 1;
	s->stage = stage;
	if (check_and_facts(s, d, d) != 0) {
		fd_render_close(s);
		return NULL;
	}
	return s;
}

const struct fd_datadir *
fd_render_datadir(const struct fd_render *r)
{
	return r->dd;
}

void
fd_render_close(struct fd_render *r)
{
	size_t i;

	if (r == NULL)
		return;
	fd_facts_free(r->facts);
	fd_gate_free(r->gate);
	if (r->doclist != NULL) {
		fd_documents_free(r->doclist->docs, r->doclist->n);
		free(r->doclist);
	}
	for (i = 0; i < r->nsheets; i++) {
		fd_transform_free(r->sheets[i].t);
		free(r->sheets[i].path);
	}
	free(r->sheets);
	if (!r->borrowed)
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

static long read_documents(const struct fd_render *r,
			   struct fd_document **docs, struct fd_diags *d);

long
fd_render_documents(struct fd_render *r, struct fd_document **docs,
		    struct fd_diags *d)
{
	struct fd_document *v;
	long i;

	if (r->doclist == NULL) {
		long n = read_documents(r, &v, d);

		/* An unreadable list is said each time it is asked for. */
		if (n < 0) {
			*docs = NULL;
			return n;
		}
		r->doclist = fd_xmalloc(sizeof *r->doclist);
		r->doclist->docs = v;
		r->doclist->n = n;
	}
	v = fd_xreallocarray(NULL, (size_t)r->doclist->n + 1, sizeof *v);
	for (i = 0; i < r->doclist->n; i++) {
		const struct fd_document *s = &r->doclist->docs[i];

		v[i] = *s;
		v[i].name = fd_xstrdup(s->name);
		v[i].ext = fd_xstrdup(s->ext);
		v[i].each = s->each ? fd_xstrdup(s->each) : NULL;
	}
	*docs = v;
	return r->doclist->n;
}

/* documents.xml as it is on disk. */
static long
read_documents(const struct fd_render *r, struct fd_document **docs,
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
			fd_input_msg(d, list, n, NULL, M_DOC_NAME);
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

/* Whether doc is a published document of the framework (documents.xml). */
static int
is_published(struct fd_render *r, const char *doc, struct fd_diags *d)
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

long
fd_render_jobs(struct fd_render *r, const struct fd_document *doc,
	       const char *style, struct fd_job **jobs, struct fd_diags *d)
{
	int mail = doc->each != NULL && strcmp(doc->each, "recipient") == 0;
	unsigned before = fd_diags_count(d, FD_ERROR) +
			  fd_diags_count(d, FD_IOERR);
	struct fd_render_opts ro = {0};
	char **ids = NULL;
	long n = 0, i;

	ro.doc = doc->name;
	ro.style = style;
	*jobs = NULL;
	if (doc->each != NULL && !mail)
		ids = fd_render_ids(r, doc->each);
	else if (mail && (ids = fd_render_recipients(r, &ro, d)) == NULL &&
		 fd_diags_count(d, FD_ERROR) + fd_diags_count(d, FD_IOERR) >
			 before)
		return -1;
	while (ids != NULL && ids[n] != NULL)
		n++;
	if (ids == NULL)
		n = 1;
	*jobs = fd_xcalloc((size_t)n + 1, sizeof **jobs);
	for (i = 0; i < n; i++) {
		struct fd_job *j = &(*jobs)[i];

		j->doc = doc;
		j->ro = ro;
		j->id = ids ? ids[i] : NULL;
		if (mail)
			j->ro.to = j->id;
		else
			j->ro.concern_id = j->id;
	}
	/* The ids belong to the jobs now. */
	free(ids);
	return n;
}

void
fd_jobs_free(struct fd_job *jobs, long n)
{
	long i;

	for (i = 0; i < n; i++)
		free(jobs[i].id);
	free(jobs);
}

char **
fd_render_concern_ids(const struct fd_render *r)
{
	return fd_render_ids(r, "concern");
}

/* Rendering. */

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
	struct fd_transform_env env = {fd_facts_add_working_days, r->facts,
				       o->changes};
	struct fd_transform *t = NULL;
	struct fd_map *params = NULL;
	xmlDoc *tree = NULL;

	if ((*xsl = stylesheet(r, o->doc)) == NULL) {
		fd_msg(d, M_NO_DOCUMENT, r->in->path, 0, 0, r->framework,
		       o->doc, r->framework, safe_name(o->doc) ? o->doc : "?");
		return NULL;
	}
	if ((t = sheet_for(r, *xsl, d)) != NULL) {
		params = parameters(r, o);
		tree = fd_transform_run(t, r->in, params, &env, d);
	}
	fd_map_free(params);
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
	if ((list = fd_doctree_notified(tree)) != NULL) {
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
	if (fd_doctree_is_mail(tree))
		ok = ".eml .pdf .xml ";
	else if (strcmp(o->doc, "timeline") == 0)
		ok = ".pdf .ics .xml ";
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
	fd_msg(d, M_BAD_EXT, out, 0, 0, o->doc, dot,
	       fd_doctree_is_mail(tree)     ? ".eml, .pdf or .xml"
	       : is_published(r, o->doc, d) ? ".pdf, .html or .xml"
					    : ".pdf or .xml");
	return 0;
}

/* A document made as far as its tree: the stylesheet's output and the C
 * document tree the engines and the privacy gate read, built once. */
struct made {
	char *xsl;	 /* the stylesheet's path, for diagnostics */
	char *mddir;	 /* templates/<framework>/ */
	char *schema;	 /* templates/schema/ */
	xmlDoc *tree;	 /* the stylesheet's output */
	struct fd_doc *dt; /* the C tree, or NULL when .xml is asked for */
	int mail;	 /* the tree is an email */
	struct fd_style *style; /* the style, when the letterhead read it
				   (the typesetter then reads it no more) */
};

static void
made_clear(struct made *m)
{
	fd_doc_free(m->dt);
	if (m->tree != NULL)
		xmlFreeDoc(m->tree);
	fd_style_free(m->style);
	free(m->schema);
	free(m->mddir);
	free(m->xsl);
	memset(m, 0, sizeof *m);
}

/* Builds m's C tree from its stylesheet output (an email's Markdown is
 * filled with its recipient's values too: doctree_xml.h). The tree's
 * errors go to sd (refiled by the caller). Returns 0, or -1 after
 * reporting. */
static int
make_dt(struct fd_render *r, const struct fd_render_opts *o, struct made *m,
	struct fd_diags *sd)
{
	struct fd_doctree_opts dopts = {0};
	struct fd_map *facts = values(r, o);

	dopts.markdown_dir = m->mddir;
	dopts.placeholders = facts;
	dopts.schema_dir = m->schema;
	m->dt = fd_doctree_build(m->tree, m->xsl, &dopts, sd);
	fd_map_free(facts);
	return m->dt ? 0 : -1;
}

/* The letterhead of the style at style_path put into a letter's tree
 * (letterhead.h) before the gate searches it and any engine reads it.
 * Returns 0, or -1 after reporting (a style or a logo that cannot be
 * used). */
static int
fill_letterhead(const char *style_path, struct made *m, struct fd_diags *d)
{
	if (m->dt == NULL || !fd_letterhead_wanted(m->dt))
		return 0;
	m->style = fd_style_load(style_path, m->schema, d);
	if (m->style == NULL)
		return -1;
	return fd_letterhead_fill(m->dt, m->style, d);
}

/* Runs the document's stylesheet (its errors to d) and, unless only its
 * output is wanted (as_xml), builds the C tree. Returns 0, or -1 after
 * reporting. */
static int
make(struct fd_render *r, const struct fd_render_opts *o, int as_xml,
     struct made *m, struct fd_diags *sd, struct fd_diags *d)
{
	memset(m, 0, sizeof *m);
	if ((m->tree = transform(r, o, &m->xsl, d)) == NULL)
		return -1;
	m->mddir = fd_path_join(r->dd->templates, r->framework);
	m->schema = fd_path_join(r->dd->templates, "schema");
	m->mail = fd_doctree_is_mail(m->tree);
	return as_xml ? 0 : make_dt(r, o, m, sd);
}

/* How the gate names a document in its messages. */
static char *
doc_label(const struct fd_render *r, const struct fd_render_opts *o, int mail)
{
	if (mail)
		return o->to ? fd_xasprintf("%s email to %s", o->doc, o->to)
			     : fd_xasprintf("%s email", o->doc);
	return r->stage == FD_STAGE_FINAL ? fd_xasprintf("final %s", o->doc)
					  : fd_xstrdup(o->doc);
}

/*
 * What a privacy hit in this document is: an email leaves on the first
 * day, so a hit in one is always an error; a published document's is an
 * error at the final stage and a warning before; other documents
 * (OFFICIAL-SENSITIVE working papers and forms) are not searched (-1).
 */
static int
gate_level(struct fd_render *r, const struct fd_render_opts *o,
	   int mail, struct fd_diags *d)
{
	if (mail)
		return FD_ERROR;
	switch (is_published(r, o->doc, d)) {
	case 0:
		return -1;
	case 2: /* gate="always": sent after publication */
		return FD_ERROR;
	default:
		return r->stage == FD_STAGE_FINAL ? FD_ERROR : FD_WARNING;
	}
}

/* The gate of r, made on first need. */
static struct fd_gate *
gate(struct fd_render *r)
{
	if (r->gate == NULL)
		r->gate = fd_gate_new(r->in);
	return r->gate;
}

/* Searches what m prints and carries for the inspection's identifiers,
 * at level; nothing is reported yet. */
static void
gate_scan(struct fd_render *r, const struct fd_render_opts *o,
	  const struct made *m, enum fd_level level)
{
	char *label = doc_label(r, o, m->mail), *carried;

	if (m->dt != NULL)
		fd_gate_doc(gate(r), label, level, m->dt);
	if (m->mail && m->dt != NULL) {
		carried = fd_mail_carried(m->dt);
		fd_gate_text(gate(r), label, level, carried, strlen(carried));
		free(carried);
	}
	free(label);
}

int
fd_render_doc(struct fd_render *r, const struct fd_render_opts *o,
	      const char *out, struct fd_diags *d)
{
	char *style = NULL, *bytes = NULL;
	struct fd_typeset_opts to = {0};
	struct fd_diags *sd = fd_diags_new();
	struct fd_map *vals = values(r, o);
	struct made m = {0};
	size_t len = 0;
	int rc = -1, xb, as_xml = fd_ends_with(out, ".xml"), level;

	/* The return form is made from the letter's paragraphs (faform.h). */
	if (strcmp(o->doc, "fa-form") == 0) {
		rc = fd_fa_form_write(r, o->style, out, d);
		goto out;
	}
	if (strcmp(out, "-") != 0 && fd_same_file(out, r->in->path)) {
		fd_msg(d, M_WRITE_INPUT, out, 0, 0);
		goto out;
	}
	style = fd_datadir_style(r->dd, o->style);
	if (make(r, o, as_xml, &m, sd, d) != 0 ||
	    fill_letterhead(style, &m, d) != 0)
		goto out;
	if (!can_write_as(r, o, m.tree, out, d)) {
		rc = -2;
		goto out;
	}
	/* No outgoing file is written that was not searched: the tree of
	 * an .xml dump is built for the gate alone. */
	if ((level = gate_level(r, o, m.mail, d)) == FD_ERROR) {
		if (m.dt == NULL && make_dt(r, o, &m, sd) != 0)
			goto out;
		gate_scan(r, o, &m, FD_ERROR);
		if (fd_gate_report(gate(r), d) > 0)
			goto out;
	}
	to.style_path = style;
	to.style = m.style;
	to.markdown_dir = m.mddir;
	to.placeholders = vals;
	to.create_date = fd_facts_created(r->facts);
	to.schema_dir = m.schema;
	/* What is typeset is said in one place (fd_render_typesets). */
	if (fd_render_typesets(out)) {
		if (fd_typeset_doc(m.dt, m.xsl, &to, sd, &bytes, &len) != 0)
			goto out;
	} else if (fd_ends_with(out, ".html")) {
		bytes = fd_emit_html_edition(m.dt);
		len = strlen(bytes);
	} else if (as_xml) {
		xmlDocDumpFormatMemoryEnc(m.tree, (xmlChar **)&bytes, &xb,
					  "UTF-8", 1);
		len = xb > 0 ? (size_t)xb : 0;
	} else if (fd_ends_with(out, ".ics")) {
		/* The calendar goes out of the inspectorate: the gate looks
		 * at its fields at every stage (fd_render_calendar). */
		if ((bytes = fd_render_calendar(r, &len, d)) == NULL)
			goto out;
	} else if (fd_mail_write(m.dt, m.xsl, sd, &bytes, &len) != 0) {
		goto out; /* .eml */
	}
	if (bytes == NULL || fd_write_out(out, bytes, len, d) != 0)
		goto out;
	rc = 0;
out:
	refile(r, o->doc, m.xsl, sd, d);
	fd_diags_free(sd);
	if (as_xml)
		xmlFree(bytes);
	else
		free(bytes);
	made_clear(&m);
	fd_map_free(vals);
	free(style);
	return rc;
}

int
fd_render_typesets(const char *out)
{
	return !fd_ends_with(out, ".html") && !fd_ends_with(out, ".xml") &&
	       !fd_ends_with(out, ".ics") && !fd_ends_with(out, ".eml");
}

struct fd_doc *
fd_render_tree(struct fd_render *r, const struct fd_render_opts *o,
	       struct fd_diags *d)
{
	struct fd_diags *sd = fd_diags_new();
	struct fd_doc *dt = NULL;
	struct made m;

	if (make(r, o, 0, &m, sd, d) == 0) {
		dt = m.dt;
		m.dt = NULL;
	}
	refile(r, o->doc, m.xsl, sd, d);
	fd_diags_free(sd);
	made_clear(&m);
	return dt;
}

/*
 * Searches one document made with o, at its level. A document that cannot
 * be made (an email without the addresses it needs) is never written, so
 * nothing of it can leave: why is render's and build's to say, not the
 * gate's, and is not reported here.
 */
static void
gate_one(struct fd_render *r, const struct fd_render_opts *o)
{
	struct fd_diags *sd = fd_diags_new();
	struct made m;
	int level;

	if (make(r, o, 0, &m, sd, sd) == 0 &&
	    (level = gate_level(r, o, m.mail, sd)) >= 0)
		gate_scan(r, o, &m, (enum fd_level)level);
	fd_diags_free(sd);
	made_clear(&m);
}

/* The timeline's calendar as findings timeline --ics writes it (the
 * dates as they happened, each complaint's procedure), not yet
 * searched; NULL after reporting. */
static char *
calendar(const struct fd_render *r, size_t *len, struct fd_diags *d)
{
	return fd_facts_ics(r->facts, r->in, r->dd, len, d);
}

char *
fd_render_calendar(struct fd_render *r, size_t *len, struct fd_diags *d)
{
	char *ics = calendar(r, len, d);

	if (ics == NULL)
		return NULL;
	fd_gate_calendar(gate(r), "calendar", ics, *len);
	if (fd_gate_report(gate(r), d) > 0) {
		free(ics);
		*len = 0;
		return NULL;
	}
	return ics;
}

void
fd_render_dates(const struct fd_render *r, struct fd_render_dates *out)
{
	out->timeline = fd_facts_timeline(r->facts);
	out->calendar = fd_facts_calendar(r->facts);
	out->notified = fd_facts_notified(r->facts);
}

long
fd_render_complaint_plans(struct fd_render *r,
			  struct fd_complaint_plan **plans, struct fd_diags *d)
{
	return fd_after_plans(r->in, r->dd, fd_facts_add_working_days,
			      r->facts, plans, d);
}

unsigned
fd_render_gate(struct fd_render *r, struct fd_diags *d)
{
	char *ics;
	size_t len;
	struct fd_document *docs;
	struct fd_job *jobs;
	long i, k, nj, n = fd_render_documents(r, &docs, d);

	for (i = 0; i < n; i++) {
		struct fd_diags *sd;

		/* What leaves the inspectorate: published documents and
		 * emails, every file of them as build writes it. */
		if (!docs[i].published && strcmp(docs[i].ext, "eml") != 0 &&
		    (docs[i].each == NULL ||
		     strcmp(docs[i].each, "recipient") != 0))
			continue;
		sd = fd_diags_new();
		nj = fd_render_jobs(r, &docs[i], NULL, &jobs, sd);
		fd_diags_free(sd);
		for (k = 0; k < nj; k++)
			gate_one(r, &jobs[k].ro);
		fd_jobs_free(jobs, nj);
	}
	fd_documents_free(docs, n < 0 ? 0 : n);
	if ((ics = calendar(r, &len, d)) != NULL)
		fd_gate_calendar(gate(r), "calendar", ics, len);
	free(ics);
	return fd_gate_report(gate(r), d);
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
fd_render_msg(const struct fd_render *r, struct fd_diags *d, const char *attr,
	      enum fd_msg m, ...)
{
	va_list ap;

	va_start(ap, m);
	fd_input_vmsg(d, r->in, xmlDocGetRootElement(r->in->doc), attr, m, ap);
	va_end(ap);
}

const struct fd_input *
fd_render_input(const struct fd_render *r)
{
	return r->in;
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
fd_render_privacy(struct fd_render *r, const char *doc,
		  const struct fd_doc *dt, struct fd_diags *d,
		  unsigned *elsewhere)
{
	fd_gate_doc(gate(r), doc, FD_ERROR, dt);
	return elsewhere ? fd_gate_report_located(gate(r), d, elsewhere)
			 : fd_gate_report(gate(r), d);
}

int
fd_render_fits(struct fd_render *r, const struct fd_render_opts *o,
	       struct fd_diags *d)
{
	struct fd_diags *sd = fd_diags_new();
	struct fd_typeset_opts to = {0};
	char *style = NULL;
	struct made m;
	int rc = -1;

	/* The return form is made from the letter's paragraphs. */
	if (strcmp(o->doc, "fa-form") == 0) {
		fd_diags_free(sd);
		return fd_fa_form_write(r, o->style, NULL, d) == 0
			   ? 0
			   : -1;
	}
	if (make(r, o, 0, &m, sd, d) != 0)
		goto out;
	rc = 0;
	/* Laid out only when it could reach the bound of lines. */
	if (!m.mail && fd_doc_most_lines(m.dt) > FD_MAX_LINES) {
		style = fd_datadir_style(r->dd, o->style);
		to.style_path = style;
		to.markdown_dir = m.mddir;
		to.schema_dir = m.schema;
		rc = fd_typeset_fits(m.dt, &to, sd);
	}
out:
	refile(r, o->doc, m.xsl, sd, d);
	fd_diags_free(sd);
	made_clear(&m);
	free(style);
	return rc;
}
