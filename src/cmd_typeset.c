/* cmd_typeset.c: findings typeset TREE.xml -o OUT.pdf: a document tree
 * rendered directly, for template authors and for the engine's tests. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "datadir.h"
#include "doctree_xml.h"
#include "typeset.h"

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

int
fd_cmd_typeset(int argc, char **argv)
{
	static const struct option opts[] = {
		{"output", required_argument, NULL, 'o'},
		{"style", required_argument, NULL, 's'},
		{"templates", required_argument, NULL, 't'},
		{"markdown-dir", required_argument, NULL, 'm'},
		{"set", required_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *output = NULL, *style = NULL, *templates = NULL;
	const char *mddir = NULL;
	struct fd_map *values = fd_map_new();
	struct fd_typeset_opts o = {0};
	struct fd_datadir dd = {0};
	struct fd_input *in = NULL;
	struct fd_doctree_opts dopts = {0};
	struct fd_doc *doc = NULL;
	struct fd_diags *d = NULL;
	char *style_path = NULL, *schema_dir = NULL, *pdf = NULL;
	size_t len;
	int c, status = FD_EXIT_USAGE, err;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		char *eq;

		switch (c) {
		case 'o':
			output = optarg;
			break;
		case 's':
			style = optarg;
			break;
		case 't':
			templates = optarg;
			break;
		case 'm':
			mddir = optarg;
			break;
		case 'v':
			if ((eq = strchr(optarg, '=')) == NULL || eq == optarg) {
				fprintf(stderr, "findings typeset: --set wants "
						"name=value, not '%s'\n",
					optarg);
				goto out;
			}
			*eq = '\0';
			fd_map_set(values, optarg, eq + 1);
			*eq = '=';
			break;
		case 'h':
			usage(stdout);
			status = FD_EXIT_OK;
			goto out;
		default:
			usage(stderr);
			goto out;
		}
	}
	if (optind != argc - 1 || output == NULL) {
		fputs("findings typeset: give one document tree and -o OUT.pdf\n",
		      stderr);
		usage(stderr);
		goto out;
	}
	d = fd_diags_new();
	if (fd_datadir_find(&dd, templates, d) != 0)
		goto done;
	style_path = fd_datadir_style(&dd, style);
	schema_dir = fd_path_join(dd.templates, "schema");
	if ((in = fd_load_file(argv[optind], d)) == NULL)
		goto done;
	dopts.markdown_dir = mddir;
	dopts.placeholders = values;
	dopts.schema_dir = schema_dir;
	o.style_path = style_path;
	o.create_date = -1;
	o.schema_dir = schema_dir;
	if ((doc = fd_doctree_build_input(in, &dopts, d)) == NULL ||
	    fd_typeset_doc(doc, in->path, &o, d, &pdf, &len) != 0)
		goto done;
	if (strcmp(output, "-") == 0) {
		if (fwrite(pdf, 1, len, stdout) != len || fflush(stdout) != 0)
			fd_diag(d, FD_IOERR, "standard output", 0, 0,
				"cannot write: %s", strerror(errno));
	} else if (fd_same_file(output, argv[optind])) {
		fd_diag(d, FD_IOERR, output, 0, 0,
			"cannot write: it is the input file");
	} else if ((err = fd_write_atomic(output, pdf, len)) != 0) {
		fd_diag(d, FD_IOERR, output, 0, 0, "cannot write: %s",
			strerror(err));
	}
done:
	fd_diags_flush(d);
	status = fd_diags_exit(d);
out:
	fd_doc_free(doc);
	free(pdf);
	free(style_path);
	free(schema_dir);
	fd_input_free(in);
	fd_datadir_clear(&dd);
	fd_diags_free(d);
	fd_map_free(values);
	return status;
}
