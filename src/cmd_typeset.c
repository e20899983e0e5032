/* cmd_typeset.c: findings typeset TREE.xml -o OUT.pdf: a document tree
 * rendered directly, for template authors and for the engine's tests. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "datadir.h"
#include "doctree_xml.h"
#include "letterhead.h"
#include "typeset.h"

/* A letter's tree: its letterhead from the style, as render fills it
 * (letterhead.h). Returns 0, or -1 after reporting. */
static int
fill_letterhead(struct fd_doc *doc, const char *style, const char *schema_dir,
		struct fd_diags *d)
{
	struct fd_style *st;
	int rc;

	if (!fd_letterhead_wanted(doc))
		return 0;
	if ((st = fd_style_load(style, schema_dir, d)) == NULL)
		return -1;
	rc = fd_letterhead_fill(doc, st, d);
	fd_style_free(st);
	return rc;
}

static void
usage(FILE *f)
{
	fputs("usage: findings typeset TREE.xml -o OUT.pdf [--style FILE]\n"
	      "                [--templates DIR] [--markdown-dir DIR]\n"
	      "                [--set name=value]...\n\n"
	      "Lays out a document tree (docs/document-tree.md) as a tagged\n"
	      "PDF. The creation date is SOURCE_DATE_EPOCH, else 1970-01-01.\n\n"
	      "  -o, --output FILE    the PDF to write (replaced atomically;\n"
	      "                       - for standard output)\n"
	      "  --style FILE|NAME    the style (default: gov-uk)\n"
	      "  --templates DIR      take the schemas and styles from DIR\n"
	      "  --markdown-dir DIR   where <markdown src=\"x.md\"/> is read\n"
	      "  --set name=value     a value for {{name}} in Markdown files\n"
	      "  -h, --help           show this help\n",
	      f);
}

/* What typeset's own options set: --markdown-dir and --set. */
struct typeset_opts {
	const char *mddir;    /* --markdown-dir */
	struct fd_map *values; /* --set name=value */
};

/* Typeset's own options: --markdown-dir DIR and --set name=value. */
static int
own(struct fd_cli *c, int opt, char *arg, void *ctx)
{
	struct typeset_opts *to = ctx;
	char *eq;

	if (opt == 'm') {
		to->mddir = arg;
		return 0;
	}
	if ((eq = strchr(arg, '=')) == NULL || eq == arg) {
		return fd_msg_say(c->command, M_TYPESET_SET, arg);
	}
	*eq = '\0';
	fd_map_set(to->values, arg, eq + 1);
	*eq = '=';
	return 0;
}

int
fd_cmd_typeset(int argc, char **argv)
{
	static const struct option opts[] = {
		{"markdown-dir", required_argument, NULL, 'm'},
		{"set", required_argument, NULL, 'v'},
		{NULL, 0, NULL, 0},
	};
	struct typeset_opts to = {NULL, fd_map_new()};
	struct fd_typeset_opts o = {0};
	struct fd_cli c;
	struct fd_input *in = NULL;
	struct fd_doctree_opts dopts = {0};
	struct fd_doc *doc = NULL;
	char *style_path = NULL, *schema_dir = NULL, *pdf = NULL;
	const char *output;
	size_t len;
	int status, err;

	status = fd_cli_parse(&c, "typeset", usage, argc, argv,
			      FD_CLI_OUTPUT | FD_CLI_TEMPLATES | FD_CLI_STYLE,
			      "o:h", opts, own, &to);
	if (status < 0 && (optind != argc - 1 || c.out == NULL))
		status = fd_cli_usage_error(&c, M_TYPESET_FILES);
	if (status >= 0) {
		fd_map_free(to.values);
		return status;
	}
	output = c.out;
	if (fd_cli_begin(&c) != 0)
		goto done;
	style_path = fd_datadir_style(&c.dd, c.ro.style);
	schema_dir = fd_path_join(c.dd.templates, "schema");
	if ((in = fd_load_file(argv[optind], c.d)) == NULL)
		goto done;
	dopts.markdown_dir = to.mddir;
	dopts.placeholders = to.values;
	dopts.schema_dir = schema_dir;
	o.style_path = style_path;
	o.create_date = -1;
	o.schema_dir = schema_dir;
	if ((doc = fd_doctree_build_input(in, &dopts, c.d)) == NULL ||
	    fill_letterhead(doc, style_path, schema_dir, c.d) != 0 ||
	    fd_typeset_doc(doc, in->path, &o, c.d, &pdf, &len) != 0)
		goto done;
	if (strcmp(output, "-") == 0) {
		if (fwrite(pdf, 1, len, stdout) != len || fflush(stdout) != 0)
			fd_msg(c.d, M_WRITE, "standard output", 0, 0,
			       strerror(errno));
	} else if (fd_same_file(output, argv[optind])) {
		fd_msg(c.d, M_WRITE_INPUT, output, 0, 0);
	} else if ((err = fd_write_atomic(output, pdf, len)) != 0) {
		fd_msg(c.d, M_WRITE, output, 0, 0, strerror(err));
	}
done:
	fd_doc_free(doc);
	free(pdf);
	free(style_path);
	free(schema_dir);
	fd_input_free(in);
	fd_map_free(to.values);
	return fd_cli_end(&c, FD_EXIT_OK);
}
