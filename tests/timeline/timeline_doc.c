/*
 * timeline_doc.c: the timeline stylesheet of an inspection's framework
 * run as findings render --doc timeline runs it (facts, the sandboxed
 * XSLT step with the calendar's working days, the document tree checked
 * against document.rng), printing the tree's plain text: one paragraph,
 * heading, list item or table cell a line.
 *
 * usage: timeline_doc TEMPLATES_DIR inspection.xml
 */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "datadir.h"
#include "doctree_xml.h"
#include "facts.h"
#include "transform.h"

int
main(int argc, char **argv)
{
	struct fd_datadir dd = {0};
	struct fd_diags *d = fd_diags_new();
	struct fd_input *in = NULL;
	struct fd_facts *facts = NULL;
	struct fd_transform *t = NULL;
	struct fd_doc *doc = NULL;
	xmlDoc *tree = NULL;
	char *xsl = NULL, *schema = NULL, *text;
	int status = 1;

	if (argc != 3) {
		fputs("usage: timeline_doc TEMPLATES_DIR inspection.xml\n",
		      stderr);
		return 2;
	}
	if (fd_datadir_find(&dd, argv[1], d) != 0 ||
	    (in = fd_load_file(argv[2], d)) == NULL ||
	    fd_check(in, &dd, FD_STAGE_DRAFT, d) != 0 ||
	    (facts = fd_facts_new(in, &dd, FD_STAGE_DRAFT, d)) == NULL)
		goto out;
	{
		xmlNode *root = xmlDocGetRootElement(in->doc);
		char *rel = fd_xasprintf("%s/timeline.xsl",
					 fd_attr(root, "framework"));
		struct fd_transform_env env = {fd_facts_add_working_days,
					       facts, NULL};
		struct fd_doctree_opts o = {NULL, NULL, NULL};

		xsl = fd_path_join(dd.templates, rel);
		free(rel);
		schema = fd_path_join(dd.templates, "schema");
		o.schema_dir = schema;
		if ((t = fd_transform_new(xsl, dd.templates, d)) == NULL ||
		    (tree = fd_transform_run(t, in, fd_facts_map(facts), &env,
					     d)) == NULL ||
		    (doc = fd_doctree_build(tree, xsl, &o, d)) == NULL)
			goto out;
	}
	text = fd_doctree_plain_text(doc);
	printf("title: %s\n%s", doc->title, text);
	free(text);
	status = 0;
out:
	fd_diags_flush(d);
	fd_doc_free(doc);
	xmlFreeDoc(tree);
	fd_transform_free(t);
	fd_facts_free(facts);
	fd_input_free(in);
	free(xsl);
	free(schema);
	fd_datadir_clear(&dd);
	fd_diags_free(d);
	return status;
}
