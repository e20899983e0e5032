/*
 * faform.c: the factual accuracy return form (faform.h).
 */
#include "faform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "bounds.h"
#include "changes.h"
#include "csv.h"
#include "doctree_xml.h"
#include "load.h"
#include "transform.h"
#include "typeset.h"

void
fd_fa_paras_clear(struct fd_fa_paras *p)
{
	size_t i;

	for (i = 0; i < p->count; i++)
		free(p->text[i]);
	free(p->text);
	free(p->n);
	free(p->doc);
	free(p->title);
	memset(p, 0, sizeof *p);
}

int
fd_fa_paras_has(const struct fd_fa_paras *p, long n)
{
	size_t i;

	for (i = 0; i < p->count; i++)
		if (p->n[i] == n)
			return 1;
	return 0;
}

/* The name of r's first published document, or NULL after reporting. */
static char *
cited_doc(struct fd_render *r, struct fd_diags *d)
{
	struct fd_document *v;
	long i, n = fd_render_documents(r, &v, d);
	char *name = NULL;

	for (i = 0; i < n && name == NULL; i++)
		if (v[i].published)
			name = fd_xstrdup(v[i].name);
	fd_documents_free(v, n < 0 ? 0 : n);
	if (name == NULL && n >= 0)
		fd_msg(d, M_FA_NO_PUBLISHED, fd_render_ref(r), 0, 0,
		       fd_render_framework(r));
	return name;
}

int
fd_fa_paras(struct fd_render *r, struct fd_fa_paras *p, struct fd_diags *d)
{
	struct fd_render_opts ro = {0};
	struct fd_doc *tree;
	const struct fd_node *body;
	size_t i;

	memset(p, 0, sizeof *p);
	if ((p->doc = cited_doc(r, d)) == NULL)
		return -1;
	ro.doc = p->doc;
	if ((tree = fd_render_tree(r, &ro, d)) == NULL)
		return -1;
	p->title = fd_xstrdup(tree->title ? tree->title : "");
	body = tree->body;
	/* Only paragraphs at body level are numbered (document-tree.md). */
	for (i = 0; i < body->nkids; i++) {
		const struct fd_node *k = body->kids[i];

		if (k->number <= 0)
			continue;
		p->n = fd_xreallocarray(p->n, p->count + 1, sizeof *p->n);
		p->text = fd_xreallocarray(p->text, p->count + 1,
					   sizeof *p->text);
		p->n[p->count] = k->number;
		p->text[p->count] = fd_node_text(k);
		p->count++;
	}
	fd_doc_free(tree);
	return 0;
}

/* ------------------------------------------------------------- XML */

/* Appends s escaped for XML text and attribute values; what our loader
 * does not take (a control character, DEL) becomes a space. The tree's
 * text is valid UTF-8. */
static void
esc(struct fd_buf *b, const char *s)
{
	for (; *s; s++) {
		if (fd_buf_add_markup_escape(b, (unsigned char)*s))
			continue;
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			fd_buf_addc(b, ' ');
		else
			fd_buf_addc(b, *s);
	}
}

static void
attr(struct fd_buf *b, const char *name, const char *value)
{
	if (value == NULL)
		return;
	fd_buf_addf(b, " %s=\"", name);
	esc(b, value);
	fd_buf_addc(b, '"');
}

/* The revision the letter went out as for the check:
 * factual-accuracy/@against-revision, else the last revision at stage
 * factual-accuracy; NULL when neither is recorded. */
static const xmlNode *
sent_revision(const xmlNode *root)
{
	const xmlNode *fa = fd_child(root, "factual-accuracy");
	const xmlNode *h = fd_child(root, "history"), *n, *hit = NULL;
	const char *want = fa ? fd_attr(fa, "against-revision") : NULL;

	for (n = h ? h->children : NULL; n; n = n->next) {
		if (!fd_is_elem(n, "revision"))
			continue;
		if (want != NULL && fd_attr(n, "n") &&
		    strcmp(fd_attr(n, "n"), want) == 0)
			hit = n;
		else if (want == NULL && fd_attr(n, "stage") &&
			 strcmp(fd_attr(n, "stage"), "factual-accuracy") == 0)
			hit = n;
	}
	return hit;
}

/* The form's input, as faform.h shows it. */
static char *
form_xml(struct fd_render *r, const struct fd_input *in,
	 const struct fd_fa_paras *p)
{
	const xmlNode *root = xmlDocGetRootElement(in->doc);
	const xmlNode *fa = fd_child(root, "factual-accuracy"), *n;
	const xmlNode *rev = sent_revision(root);
	struct fd_buf b = {0};
	char *area = fd_text_squeezed(fd_child(root, "area"));
	size_t i, comments = 0;

	for (n = fa ? fa->children : NULL; n; n = n->next)
		if (fd_is_elem(n, "comment"))
			comments++;
	fd_buf_adds(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<fa-form");
	attr(&b, "framework", fd_render_framework(r));
	attr(&b, "ref", fd_render_ref(r));
	attr(&b, "doc", p->doc);
	attr(&b, "title", p->title);
	attr(&b, "area", area);
	if (rev != NULL) {
		attr(&b, "revision", fd_attr(rev, "n"));
		attr(&b, "revision-date", fd_attr(rev, "date"));
	}
	if (fa != NULL)
		attr(&b, "received", fd_attr(fa, "received"));
	fd_buf_addf(&b, " comments=\"%zu\">\n", comments);
	for (i = 0; i < p->count; i++) {
		fd_buf_addf(&b, "  <para n=\"%d\">", p->n[i]);
		esc(&b, p->text[i]);
		fd_buf_adds(&b, "</para>\n");
	}
	fd_buf_adds(&b, "</fa-form>\n");
	free(area);
	return fd_buf_steal(&b);
}

/* ----------------------------------------------------------- output */

/* Whether out names a format the form can be written as: .csv, .pdf,
 * .xml (its document tree); "-" or a name without an extension gets the
 * PDF. Otherwise reports a usage error. */
static int
can_write_as(const char *out, struct fd_diags *d)
{
	const char *base = strrchr(out, '/'), *dot;

	base = base ? base + 1 : out;
	if (strcmp(out, "-") == 0 || (dot = strrchr(base, '.')) == NULL ||
	    dot == base || strcasecmp(dot, ".csv") == 0 ||
	    strcasecmp(dot, ".pdf") == 0 || strcasecmp(dot, ".xml") == 0)
		return 1;
	fd_msg(d, M_FA_FORM_EXT, out, 0, 0, dot);
	return 0;
}

/* The document tree of the form, through the framework's fa-form.xsl;
 * *xsl is set to its path (the caller frees it). NULL after reporting. */
static xmlDoc *
form_tree(struct fd_render *r, const struct fd_datadir *dd, const char *xml,
	  char **xsl, struct fd_diags *d)
{
	struct fd_transform_env env = {NULL, NULL, NULL};
	struct fd_transform *t = NULL;
	struct fd_input *in = NULL;
	xmlDoc *tree = NULL;
	char *rel = fd_xasprintf("%s/fa-form.xsl", fd_render_framework(r));

	if ((*xsl = fd_datadir_template(dd, rel)) == NULL) {
		fd_msg(d, M_FA_NO_FORM, fd_render_ref(r), 0, 0,
		       fd_render_framework(r), rel);
		goto out;
	}
	if ((in = fd_load_memory("fa-form.xml", xml, strlen(xml), d)) == NULL)
		goto out;
	if ((t = fd_transform_new(*xsl, dd->templates, d)) != NULL)
		tree = fd_transform_run(t, in, NULL, &env, d);
out:
	fd_transform_free(t);
	fd_input_free(in);
	free(rel);
	return tree;
}

int
fd_fa_form_write(struct fd_render *r, const char *style, const char *out,
		 struct fd_diags *d)
{
	const struct fd_datadir *dd = fd_render_datadir(r);
	const char *path = fd_render_path(r);
	struct fd_fa_paras p = {0};
	struct fd_typeset_opts to = {0};
	struct fd_doctree_opts dopts = {0};
	struct fd_map *values = fd_map_new();
	struct fd_doc *dt = NULL;
	char *xml = NULL, *xsl = NULL, *mddir = NULL, *schema = NULL;
	char *stylef = NULL, *bytes = NULL;
	xmlChar *dump = NULL;
	xmlDoc *tree = NULL;
	size_t len = 0;
	int rc = -1, n;
	struct fd_diags *quiet = fd_diags_new();
	struct fd_render *at_fa = NULL;

	if (out != NULL && strcmp(out, "-") != 0 && fd_same_file(out, path)) {
		fd_msg(d, M_WRITE_INPUT, out, 0, 0);
		goto out;
	}
	if (out != NULL && !can_write_as(out, d)) {
		rc = -2;
		goto out;
	}
	/* The form cites the letter as it goes for the check, whatever
	 * stage the rest is made at (findings build: the last revision's),
	 * from the inspection already loaded. */
	if (fd_render_stage(r) != FD_STAGE_FACTUAL_ACCURACY) {
		at_fa = fd_render_restage(r, FD_STAGE_FACTUAL_ACCURACY, quiet);
		if (at_fa == NULL) {
			fd_diags_move(quiet, d);
			goto out;
		}
		r = at_fa;
	}
	if (fd_fa_paras(r, &p, d) != 0)
		goto out;
	xml = form_xml(r, fd_render_input(r), &p);
	if ((tree = form_tree(r, dd, xml, &xsl, d)) == NULL)
		goto out;
	mddir = fd_path_join(dd->templates, "common");
	schema = fd_path_join(dd->templates, "schema");
	fd_map_set(values, "doc", p.doc);
	if (out == NULL) {
		/* Only whether it fits the bounds build meets (check). */
		dopts.markdown_dir = mddir;
		dopts.placeholders = values;
		dopts.schema_dir = schema;
		if ((dt = fd_doctree_build(tree, xsl, &dopts, d)) == NULL)
			goto out;
		if (fd_doc_most_lines(dt) > FD_MAX_LINES) {
			stylef = fd_datadir_style(dd, style);
			to.style_path = stylef;
			to.markdown_dir = mddir;
			to.schema_dir = schema;
			if (fd_typeset_fits(dt, &to, d) != 0)
				goto out;
		}
		rc = 0;
		goto out;
	} else if (fd_ends_with(out, ".xml")) {
		xmlDocDumpFormatMemoryEnc(tree, &dump, &n, "UTF-8", 1);
		if (dump == NULL || n <= 0 ||
		    fd_write_out(out, (const char *)dump, (size_t)n, d) != 0)
			goto out;
		rc = 0;
		goto out;
	}
	dopts.markdown_dir = mddir;
	dopts.placeholders = values;
	dopts.schema_dir = schema;
	if ((dt = fd_doctree_build(tree, xsl, &dopts, d)) == NULL)
		goto out;
	if (fd_ends_with(out, ".csv")) {
		if (fd_csv_from_doc(dt, xsl, &bytes, &len, d) != 0 ||
		    fd_write_out(out, bytes, len, d) != 0)
			goto out;
	} else {
		stylef = fd_datadir_style(dd, style);
		to.style_path = stylef;
		to.create_date = fd_render_created(r);
		to.schema_dir = schema;
		if (fd_typeset_doc(dt, xsl, &to, d, &bytes, &len) != 0 ||
		    fd_write_out(out, bytes, len, d) != 0)
			goto out;
	}
	rc = 0;
out:
	fd_render_close(at_fa);
	fd_diags_free(quiet);
	fd_doc_free(dt);
	free(bytes);
	xmlFree(dump);
	if (tree != NULL)
		xmlFreeDoc(tree);
	fd_map_free(values);
	fd_fa_paras_clear(&p);
	free(stylef);
	free(schema);
	free(mddir);
	free(xsl);
	free(xml);
	return rc;
}

/* ------------------------------------------------ the comments */

/* The name= of the element of type el (under the root's container) whose
 * id is id; id itself when there is none. */
static const char *
name_of(const xmlNode *root, const char *container, const char *el,
	const char *id)
{
	const xmlNode *c = fd_child(root, container), *n;

	for (n = c ? c->children : NULL; n && id; n = n->next)
		if (fd_is_elem(n, el) && fd_attr(n, "id") &&
		    strcmp(fd_attr(n, "id"), id) == 0 && fd_attr(n, "name"))
			return fd_attr(n, "name");
	return id;
}

size_t
fd_fa_comments(const struct fd_input *in, struct fd_changes_comment **out)
{
	const xmlNode *root = xmlDocGetRootElement(in->doc);
	const xmlNode *fa = fd_child(root, "factual-accuracy"), *n, *m;
	struct fd_changes_comment *v = NULL, *c;
	size_t count = 0;

	for (n = fa ? fa->children : NULL; n; n = n->next) {
		const xmlNode *dec = NULL;

		if (!fd_is_elem(n, "comment") || !fd_attr(n, "id"))
			continue;
		for (m = fa->children; m; m = m->next)
			if (fd_is_elem(m, "decision") && fd_attr(m, "comment") &&
			    strcmp(fd_attr(m, "comment"), fd_attr(n, "id")) == 0)
				dec = m;
		v = fd_xreallocarray(v, count + 1, sizeof *v);
		c = &v[count++];
		memset(c, 0, sizeof *c);
		c->id = fd_attr(n, "id");
		c->para = fd_attr(n, "para") ? atoi(fd_attr(n, "para")) : 0;
		c->from = name_of(root, "agencies", "agency", fd_attr(n, "from"));
		c->text = fd_text(n);
		if (dec != NULL) {
			c->outcome = fd_attr(dec, "outcome");
			c->by = name_of(root, "team", "member", fd_attr(dec, "by"));
			c->reason = fd_text(dec);
		}
		c->file = in->path;
		fd_input_locate(in, n, &c->line, &c->col);
	}
	*out = v;
	return count;
}

void
fd_fa_comments_free(struct fd_changes_comment *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free((char *)v[i].text);
		free((char *)v[i].reason);
	}
	free(v);
}

/* ------------------------------------------------ the comparison */

/* One side of a comparison from an opened inspection. */
static void
side(struct fd_changes_side *s, const char *file, const struct fd_render *r,
     const struct fd_doc *doc)
{
	s->file = file;
	s->doc = doc;
	s->ref = fd_render_ref(r);
	s->revision = fd_render_revision(r, "n");
	s->revision_stage = fd_render_revision(r, "stage");
	s->revision_date = fd_render_revision(r, "date");
}

char *
fd_fa_compare(struct fd_render *old, struct fd_render *new,
	      const char *files[2], const struct fd_render_opts *ro,
	      struct fd_diags *d)
{
	struct fd_changes_side a, b;
	struct fd_changes_what what = {0};
	struct fd_changes_comment *comments = NULL;
	struct fd_doc *ta = NULL, *tb = NULL;
	char *xml = NULL;

	if (strcmp(fd_render_framework(old), fd_render_framework(new)) != 0) {
		fd_render_msg(new, d, "framework", M_FA_COMPARE_FRAMEWORK,
			      fd_render_framework(new), files[0],
			      fd_render_framework(old));
		return NULL;
	}
	if (strcmp(fd_render_ref(old), fd_render_ref(new)) != 0)
		fd_render_msg(new, d, "ref", M_FA_COMPARE_REF,
			      fd_render_ref(new), files[0],
			      fd_render_ref(old));
	ta = fd_render_tree(old, ro, d);
	tb = fd_render_tree(new, ro, d);
	if (ta == NULL || tb == NULL)
		goto out;
	side(&a, files[0], old, ta);
	side(&b, files[1], new, tb);
	what.doc = ro->doc;
	what.stage = fd_stage_name(fd_render_stage(new));
	what.framework = fd_render_framework(new);
	/* The new revision's factual accuracy comments and decisions, else
	 * the old one's, from the inspections as they were opened. */
	what.ncomments = fd_fa_comments(fd_render_input(new), &comments);
	if (what.ncomments == 0) {
		free(comments);
		comments = NULL;
		what.ncomments = fd_fa_comments(fd_render_input(old), &comments);
	}
	what.comments = comments;
	xml = fd_changes_xml(&a, &b, &what, d);
out:
	fd_fa_comments_free(comments, what.ncomments);
	fd_doc_free(ta);
	fd_doc_free(tb);
	return xml;
}

/* The revision the comments of r were made on (against-revision=), or
 * NULL. */
static const char *
commented_revision(const struct fd_render *r)
{
	const xmlNode *root = xmlDocGetRootElement(fd_render_input(r)->doc);
	const xmlNode *fa = fd_child(root, "factual-accuracy");

	return fa ? fd_attr(fa, "against-revision") : NULL;
}

char *
fd_fa_changes(struct fd_render *r, const char *against, struct fd_diags *d)
{
	enum fd_stage fa = FD_STAGE_FACTUAL_ACCURACY;
	const char *path = fd_render_path(r);
	struct fd_diags *quiet = fd_diags_new();
	struct fd_render *old = NULL, *new = NULL, *restaged = NULL;
	struct fd_render_opts ro = {0};
	const char *files[2] = {against, path}, *want, *had;
	char *xml = NULL;

	if (fd_same_file(against, path)) {
		fd_msg(d, M_FA_AGAINST_ITSELF, against, 0, 0);
		goto out;
	}
	/* Both were or will be checked on their own: what their checks
	 * say is repeated only when it stops the comparison. */
	old = fd_render_open(against, fd_render_datadir(r), &fa, quiet);
	new = fd_render_stage(r) == fa
		      ? r
		      : (restaged = fd_render_restage(r, fa, quiet));
	if (old == NULL || new == NULL) {
		fd_diags_move(quiet, d);
		goto out;
	}
	if ((ro.doc = cited_doc(new, d)) != NULL)
		xml = fd_fa_compare(old, new, files, &ro, d);
	free((char *)ro.doc);
	want = commented_revision(r);
	had = fd_render_revision(old, "n");
	if (xml != NULL && want != NULL && had != NULL && strcmp(want, had) != 0)
		fd_msg(d, M_FA_AGAINST_REVISION, against, 0, 0, had, want);
out:
	fd_render_close(old);
	fd_render_close(restaged);
	fd_diags_free(quiet);
	return xml;
}
