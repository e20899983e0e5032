/*
 * render_doc.c: a notification email or a concern form rendered the way
 * findings render renders them (check, facts, the sandboxed XSLT step with
 * the stylesheet parameters to, concern-id and blank, then the document
 * tree, and src/mail.c or the typesetting engine), for the tests of tests/notification and
 * tests/concern while they may run without the render command.
 *
 * usage: render_doc TEMPLATES_DIR inspection.xml --doc notification|concern
 *                   [--to AGENCY] [--id CONCERN] [--blank] -o OUT
 *        render_doc TEMPLATES_DIR --tree TREE.xml -o OUT
 *
 * The second form skips the inspection: the document tree is read from
 * TREE.xml, its Markdown files from TREE.xml's folder.
 *
 * OUT ending in .eml is the MIME message, .pdf the PDF (an email printed),
 * .txt the document tree's plain text, .xml the document tree itself.
 * Exit status as findings: 0, 1 input errors, 2 usage, 3 output.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "datadir.h"
#include "doctree_xml.h"
#include "facts.h"
#include "mail.h"
#include "transform.h"
#include "typeset.h"

/* True when s ends with suffix. */
static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Writes the output the file name asks for; returns an exit status. */
static int
emit(xmlDoc *tree, const char *out, const struct fd_typeset_opts *o,
     struct fd_diags *d)
{
	char *buf = NULL;
	size_t len = 0;
	int rc = -1, err;

	if (ends_with(out, ".xml")) {
		xmlChar *x = NULL;
		int n = 0;

		xmlDocDumpMemoryEnc(tree, &x, &n, "UTF-8");
		buf = fd_xstrndup((const char *)x, (size_t)n);
		len = (size_t)n;
		xmlFree(x);
		rc = 0;
	} else {
		struct fd_doctree_opts dopts = {o->markdown_dir, o->placeholders,
						o->schema_dir};
		struct fd_doc *doc = fd_doctree_build(tree, out, &dopts, d);

		if (doc == NULL) {
			rc = -1;
		} else if (ends_with(out, ".txt")) {
			char *t = fd_doctree_plain_text(doc);

			buf = fd_xasprintf("title: %s\n%s", doc->title, t);
			len = strlen(buf);
			free(t);
			rc = 0;
		} else if (ends_with(out, ".eml")) {
			rc = fd_mail_write(doc, out, d, &buf, &len);
		} else {
			/* An email printed is typeset like any document. */
			rc = fd_typeset_doc(doc, out, o, d, &buf, &len);
		}
		fd_doc_free(doc);
	}
	if (rc != 0)
		return fd_diags_exit(d);
	if ((err = fd_write_atomic(out, buf, len)) != 0) {
		fd_diag(d, FD_IOERR, out, 0, 0, "cannot write: %s",
			strerror(err));
		free(buf);
		return FD_EXIT_IO;
	}
	free(buf);
	return FD_EXIT_OK;
}

/* Renders a document tree file; returns an exit status. */
static int
tree_main(const char *templates, const char *path, const char *out,
	  struct fd_diags *d)
{
	struct fd_datadir dd = {0};
	struct fd_input *in = NULL;
	struct fd_typeset_opts o;
	char *dir = fd_xstrdup(path), *slash = strrchr(dir, '/');
	char *schema = NULL, *style = NULL;
	int status = FD_EXIT_INPUT;

	if (slash != NULL)
		*slash = '\0';
	else
		strcpy(dir, ".");
	if (fd_datadir_find(&dd, templates, d) != 0) {
		status = FD_EXIT_IO;
		goto out;
	}
	if ((in = fd_load_file(path, d)) == NULL)
		goto out;
	schema = fd_path_join(dd.templates, "schema");
	style = fd_datadir_style(&dd, NULL);
	memset(&o, 0, sizeof o);
	o.style_path = style;
	o.markdown_dir = dir;
	o.schema_dir = schema;
	o.create_date = 0;
	status = emit(in->doc, out, &o, d);
out:
	fd_diags_flush(d);
	fd_input_free(in);
	free(dir);
	free(schema);
	free(style);
	fd_datadir_clear(&dd);
	fd_diags_free(d);
	return status;
}

int
main(int argc, char **argv)
{
	struct fd_datadir dd = {0};
	struct fd_diags *d = fd_diags_new();
	struct fd_input *in = NULL;
	struct fd_facts *facts = NULL;
	struct fd_transform *t = NULL;
	struct fd_map *params = fd_map_new();
	xmlDoc *tree = NULL;
	const char *doc = NULL, *out = NULL;
	char *xsl = NULL, *rel = NULL, *mdir = NULL, *schema = NULL;
	char *style = NULL;
	int status = FD_EXIT_USAGE, i;
	size_t k;

	if (argc == 6 && strcmp(argv[2], "--tree") == 0 &&
	    strcmp(argv[4], "-o") == 0) {
		fd_map_free(params);
		return tree_main(argv[1], argv[3], argv[5], d);
	}
	for (i = 3; i < argc; i++) {
		if (strcmp(argv[i], "--blank") == 0)
			fd_map_set(params, "blank", "yes");
		else if (i + 1 >= argc)
			goto usage;
		else if (strcmp(argv[i], "--doc") == 0)
			doc = argv[++i];
		else if (strcmp(argv[i], "--to") == 0)
			fd_map_set(params, "to", argv[++i]);
		else if (strcmp(argv[i], "--id") == 0)
			fd_map_set(params, "concern-id", argv[++i]);
		else if (strcmp(argv[i], "-o") == 0)
			out = argv[++i];
		else
			goto usage;
	}
	if (argc < 3 || doc == NULL || out == NULL)
		goto usage;
	status = FD_EXIT_INPUT;
	if (fd_datadir_find(&dd, argv[1], d) != 0) {
		status = FD_EXIT_IO;
		goto out;
	}
	if ((in = fd_load_file(argv[2], d)) == NULL ||
	    fd_check(in, &dd, FD_STAGE_DRAFT, d) != 0 ||
	    (facts = fd_facts_new(in, &dd, FD_STAGE_DRAFT, d)) == NULL)
		goto out;
	{
		const char *fw = fd_attr(xmlDocGetRootElement(in->doc),
					 "framework");
		const struct fd_map *fm = fd_facts_map(facts);
		struct fd_transform_env env = {fd_facts_add_working_days,
					       facts, NULL};
		struct fd_typeset_opts o;

		for (k = 0; k < fd_map_count(fm); k++)
			if (fd_map_get(params, fd_map_key(fm, k)) == NULL)
				fd_map_set(params, fd_map_key(fm, k),
					   fd_map_value(fm, k));
		rel = fd_xasprintf("%s/%s.xsl", fw, doc);
		xsl = fd_datadir_template(&dd, rel);
		if (xsl == NULL) {
			fd_diag(d, FD_ERROR, argv[2], 0, 0,
				"framework %s has no %s", fw, doc);
			goto out;
		}
		mdir = fd_path_join(dd.templates, fw);
		schema = fd_path_join(dd.templates, "schema");
		style = fd_datadir_style(&dd, NULL);
		memset(&o, 0, sizeof o);
		o.style_path = style;
		o.markdown_dir = mdir;
		o.placeholders = fm;
		o.create_date = fd_facts_created(facts);
		o.schema_dir = schema;
		if ((t = fd_transform_new(xsl, dd.templates, d)) == NULL ||
		    (tree = fd_transform_run(t, in, params, &env, d)) == NULL)
			goto out;
		status = emit(tree, out, &o, d);
	}
out:
	fd_diags_flush(d);
	if (status == FD_EXIT_INPUT && fd_diags_exit(d) == FD_EXIT_IO)
		status = FD_EXIT_IO;
	xmlFreeDoc(tree);
	fd_transform_free(t);
	fd_facts_free(facts);
	fd_input_free(in);
	fd_map_free(params);
	free(xsl);
	free(rel);
	free(mdir);
	free(schema);
	free(style);
	fd_datadir_clear(&dd);
	fd_diags_free(d);
	return status;
usage:
	fputs("usage: render_doc TEMPLATES_DIR inspection.xml --doc DOC "
	      "[--to AGENCY] [--id CONCERN] [--blank] -o OUT\n"
	      "       render_doc TEMPLATES_DIR --tree TREE.xml -o OUT\n",
	      stderr);
	fd_diags_free(d);
	fd_map_free(params);
	return FD_EXIT_USAGE;
}
