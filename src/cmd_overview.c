/*
 * cmd_overview.c: findings overview inspection.xml... -o overview.pdf
 *
 * The joint overview of a round of inspections that share a deep dive
 * theme (jtai-2015 proposals, paragraph 121): each inspection is loaded
 * and checked as findings check would (at the stage of its history), the
 * round is assembled from them and their facts (round.h), the framework's
 * overview.xsl turns it into a document tree, and the engines print it.
 * The overview is published: its text must pass the privacy gate of every
 * inspection in the round. Inspections of different frameworks or themes
 * are an error naming them; nothing is written after an error.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "doctree_xml.h"
#include "emit_html.h"
#include "round.h"
#include "transform.h"
#include "typeset.h"

/* Inspections in one round: more is no round the guidance knows (the
 * 2016-2019 rounds had six), and each is held in memory at once. */
#define MAX_ROUND 64

static void
usage(FILE *f)
{
	fputs("usage: findings overview [--style STYLE] [--templates DIR] "
	      "-o OUT inspection.xml...\n\n"
	      "The joint overview of a round of inspections that share a\n"
	      "framework and a deep dive theme: the areas and their dates,\n"
	      "the strengths and areas for development or improvement by\n"
	      "evaluation criterion and by agency type, what recurs, the\n"
	      "areas for priority action and the coverage of the criteria.\n"
	      "Each inspection is checked first; nothing is written while an\n"
	      "error remains, or when the overview would show a case\n"
	      "reference, date of birth or email address from any of them.\n\n"
	      "  -o, --output OUT  OUT.pdf, OUT.html (the HTML edition) or\n"
	      "                    OUT.xml (the document tree)\n"
	      "  --style STYLE     a style name or file (default gov-uk)\n"
	      "  --templates DIR   take templates from DIR\n"
	      "  -h, --help        show this help\n",
	      f);
}

/* The round's framework and theme as a phrase: "jtai-2016, theme
 * 'domestic-abuse'". The caller frees it. */
static char *
describe(const struct fd_render *r)
{
	const struct fd_map *f = fd_render_facts(r);
	const char *ref = fd_map_get(f, "theme-ref");
	const char *theme = fd_map_get(f, "theme");

	return fd_xasprintf("%s, deep dive theme '%s'", fd_render_framework(r),
			    ref && *ref ? ref : theme && *theme ? theme
								: "(none)");
}

/* The theme that makes a round: its ref, else its words. */
static const char *
theme_key(const struct fd_render *r)
{
	const struct fd_map *f = fd_render_facts(r);
	const char *ref = fd_map_get(f, "theme-ref");

	if (ref && *ref)
		return ref;
	return fd_map_get(f, "theme") ? fd_map_get(f, "theme") : "";
}

/*
 * Every inspection of the round is of the first one's framework and
 * theme, has a deep dive theme, and appears once; the framework has an
 * overview. Reports each that is not. Returns the number of errors.
 */
static unsigned
same_round(struct fd_render **rs, size_t n, const struct fd_datadir *dd,
	   struct fd_diags *d)
{
	char *rel = fd_xasprintf("%s/overview.xsl", fd_render_framework(rs[0]));
	char *xsl = fd_datadir_template(dd, rel), *a, *b;
	unsigned bad = 0;
	size_t i, j;

	free(rel);
	if (xsl == NULL) {
		fd_render_msg(rs[0], d, "framework", M_NO_OVERVIEW,
			      fd_render_framework(rs[0]));
		bad++;
	}
	free(xsl);
	for (i = 0; i < n; i++) {
		if (*theme_key(rs[i]) == '\0') {
			fd_render_msg(rs[i], d, NULL, M_ROUND_NO_THEME);
			bad++;
		}
		if (i > 0 && (strcmp(fd_render_framework(rs[i]),
				     fd_render_framework(rs[0])) != 0 ||
			      strcmp(theme_key(rs[i]), theme_key(rs[0])) != 0)) {
			a = describe(rs[i]);
			b = describe(rs[0]);
			fd_render_msg(rs[i], d, "framework", M_ROUND_OTHER,
				      fd_render_path(rs[i]), a,
				      fd_render_path(rs[0]), b);
			free(a);
			free(b);
			bad++;
		}
		for (j = 0; j < i; j++)
			if (strcmp(fd_render_ref(rs[i]), fd_render_ref(rs[j])) ==
			    0) {
				fd_render_msg(rs[i], d, "ref", M_ROUND_TWICE,
					      fd_render_ref(rs[i]),
					      fd_render_path(rs[j]));
				bad++;
				break;
			}
	}
	return bad;
}

/* The round's tree through the framework's overview.xsl; NULL after
 * reporting. *xsl is set to the stylesheet's path (the caller frees it). */
static xmlDoc *
transform_round(struct fd_render **rs, size_t n, const struct fd_datadir *dd,
		const struct fd_map *facts, char **xsl, struct fd_diags *d)
{
	char *rel = fd_xasprintf("%s/overview.xsl", fd_render_framework(rs[0]));
	struct fd_transform *t = NULL;
	struct fd_input *in = NULL;
	xmlDoc *round = fd_round_doc(rs, n), *tree = NULL;
	xmlChar *bytes = NULL;
	int len = 0;

	*xsl = fd_datadir_template(dd, rel);
	free(rel);
	xmlDocDumpMemoryEnc(round, &bytes, &len, "UTF-8");
	xmlFreeDoc(round);
	/* Parsed again as any input is, so the stylesheet meets a tree with
	 * positions, as it does an inspection. */
	if (bytes != NULL && len > 0 &&
	    (in = fd_load_memory("(the round)", (const char *)bytes,
				 (size_t)len, d)) != NULL &&
	    (t = fd_transform_new(*xsl, dd->templates, d)) != NULL)
		tree = fd_transform_run(t, in, facts, NULL, d);
	fd_transform_free(t);
	fd_input_free(in);
	xmlFree(bytes);
	return tree;
}

/* Renders the round to out; 0, or -1 after reporting. */
static int
overview(struct fd_render **rs, size_t n, const struct fd_datadir *dd,
	 const char *style_opt, const char *out, struct fd_diags *d)
{
	struct fd_map *facts = fd_round_facts(rs, n);
	struct fd_typeset_opts to = {0};
	struct fd_doctree_opts dopts = {0};
	char *xsl = NULL, *style = NULL, *mddir, *schema;
	char *bytes = NULL;
	struct fd_doc *dt = NULL;
	xmlDoc *tree;
	size_t len = 0, i;
	unsigned hits = 0, elsewhere = 0;
	long long created = -1;
	int rc = -1, xb;

	for (i = 0; i < n; i++)
		if (fd_render_created(rs[i]) > created)
			created = fd_render_created(rs[i]);
	mddir = fd_path_join(dd->templates, fd_render_framework(rs[0]));
	schema = fd_path_join(dd->templates, "schema");
	if ((tree = transform_round(rs, n, dd, facts, &xsl, d)) == NULL)
		goto out;
	dopts.markdown_dir = mddir;
	dopts.placeholders = facts;
	dopts.schema_dir = schema;
	if ((dt = fd_doctree_build(tree, xsl, &dopts, d)) == NULL)
		goto out;
	/* Published: the gate of every inspection whose facts it prints. */
	for (i = 0; i < n; i++)
		hits += fd_render_privacy(rs[i], "overview", dt, d, &elsewhere);
	/* Found, but written whole in no inspection of the round. */
	if (hits == 0 && elsewhere > 0)
		hits = fd_render_privacy(rs[0], "overview", dt, d, NULL);
	if (hits > 0)
		goto out;
	style = fd_datadir_style(dd, style_opt);
	to.style_path = style;
	to.create_date = created;
	to.schema_dir = schema;
	if (fd_ends_with(out, ".html")) {
		bytes = fd_emit_html_edition(dt);
		len = strlen(bytes);
	} else if (fd_ends_with(out, ".xml")) {
		xmlDocDumpFormatMemoryEnc(tree, (xmlChar **)&bytes, &xb,
					  "UTF-8", 1);
		len = xb > 0 ? (size_t)xb : 0;
	} else if (fd_typeset_doc(dt, xsl, &to, d, &bytes, &len) != 0) {
		goto out;
	}
	if (bytes != NULL) {
		int err = fd_write_atomic(out, bytes, len);

		if (err != 0)
			fd_msg(d, M_WRITE, out, 0, 0, strerror(err));
		else
			rc = 0;
	}
out:
	if (fd_ends_with(out, ".xml"))
		xmlFree(bytes);
	else
		free(bytes);
	if (tree != NULL)
		xmlFreeDoc(tree);
	fd_doc_free(dt);
	fd_map_free(facts);
	free(xsl);
	free(style);
	free(mddir);
	free(schema);
	return rc;
}

int
fd_cmd_overview(int argc, char **argv)
{
	struct fd_cli c;
	struct fd_render *rs[MAX_ROUND];
	const char *out;
	size_t n = 0, i;
	int status, opened = 1;

	status = fd_cli_parse(&c, "overview", usage, argc, argv,
			      FD_CLI_OUTPUT | FD_CLI_TEMPLATES | FD_CLI_STYLE,
			      "o:h", NULL, NULL, NULL);
	if (status >= 0)
		return status;
	out = c.out;
	if (out == NULL || optind >= argc || argc - optind > MAX_ROUND)
		return fd_cli_usage_error(&c, out == NULL ? M_OVERVIEW_NO_OUT
					      : optind >= argc
						      ? M_NO_FILE
						      : M_OVERVIEW_ROUND);
	if (!fd_ends_with(out, ".pdf") && !fd_ends_with(out, ".html") &&
	    !fd_ends_with(out, ".xml")) {
		return fd_msg_say(c.command, M_OVERVIEW_EXT, out);
	}
	if (fd_cli_begin(&c) != 0)
		return fd_cli_end(&c, FD_EXIT_IO);
	for (i = optind; i < (size_t)argc; i++) {
		if (strcmp(argv[i], out) == 0 ||
		    fd_same_file(out, argv[i])) {
			fd_msg(c.d, M_WRITE_AN_INPUT, out, 0, 0);
			opened = 0;
		}
		if ((rs[n] = fd_cli_open(&c, argv[i], NULL)) != NULL)
			n++;
		else
			opened = 0;
	}
	if (opened && same_round(rs, n, &c.dd, c.d) == 0)
		overview(rs, n, &c.dd, c.ro.style, out, c.d);
	fd_diags_flush(c.d);
	status = (int)fd_diags_exit(c.d);
	for (i = 0; i < n; i++)
		fd_render_close(rs[i]);
	fd_cli_end(&c, status);
	return status;
}
