/* cmd_diff.c: findings diff OLD.xml NEW.xml [-o OUT]: what changed in
 * a document (the letter) between two revisions of an inspection. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "changes.h"
#include "cli.h"
#include "commands.h"
#include "doctree.h"
#include "faform.h"
#include "render.h"

static void
usage(FILE *f)
{
	fputs("usage: findings diff OLD.xml NEW.xml [-o OUT] [--doc DOC]\n"
	      "                     [--stage STAGE] [--style STYLE]\n"
	      "                     [--templates DIR] [--to AGENCY]\n"
	      "                     [--id CONCERN] [--blank]\n\n"
	      "Compares the letter of two revisions of one inspection, paragraph\n"
	      "by paragraph and word by word, and prints the change report:\n"
	      "each paragraph that changed, was added or was removed, labelled\n"
	      "with its old and new paragraph numbers, words taken out struck\n"
	      "through and words put in underlined. Both files are checked\n"
	      "first; nothing is written while an error remains.\n\n"
	      "  -o, --output OUT  where to write: OUT.pdf (default\n"
	      "                    REF-DOC-changes.pdf from the new file),\n"
	      "                    OUT.xml for the report's document tree, -\n"
	      "                    for standard output\n"
	      "  --doc DOC         the document compared: letter (default) or\n"
	      "                    any other of the framework\n"
	      "  --stage STAGE     render both at this stage: draft (default,\n"
	      "                    numbered paragraphs, as factual accuracy\n"
	      "                    comments cite them), factual-accuracy,\n"
	      "                    pre-publication or final\n"
	      "  --style STYLE     a style name or file (default gov-uk)\n"
	      "  --templates DIR   take templates from DIR\n"
	      "  --to AGENCY       the agency an email is for (its id)\n"
	      "  --id CONCERN      the concern a form is for (its id)\n"
	      "  --blank           the empty form\n"
	      "  -h, --help        show this help\n",
	      f);
}

/* Writes the report of old against new; returns 0 or -1 after
 * reporting. */
static int
report(struct fd_render *old, struct fd_render *new, const char *files[2],
       const struct fd_render_opts *ro, const struct fd_datadir *dd,
       const char *out, struct fd_diags *d)
{
	struct fd_changes_out co = {0};
	char *xml = fd_fa_compare(old, new, files, ro, d);
	int rc;

	if (xml == NULL)
		return -1;
	co.doc = ro->doc;
	co.style = ro->style;
	co.created = fd_render_created(new);
	co.path = out;
	rc = fd_changes_write(xml, dd, &co, d);
	free(xml);
	return rc;
}

int
fd_cmd_diff(int argc, char **argv)
{
	struct fd_cli c;
	const enum fd_stage draft = FD_STAGE_DRAFT;
	const char *out, *files[2];
	char *defout = NULL, *name;
	struct fd_render *old, *new;
	int status;

	status = fd_cli_parse(&c, "diff", usage, argc, argv,
			      FD_CLI_OUTPUT | FD_CLI_TEMPLATES | FD_CLI_STYLE |
				      FD_CLI_STAGE | FD_CLI_DOC,
			      "o:h", NULL, NULL, NULL);
	if (status >= 0)
		return status;
	if (optind + 2 != argc)
		return fd_cli_usage_error(&c, M_DIFF_FILES);
	files[0] = argv[optind];
	files[1] = argv[optind + 1];
	if (fd_cli_begin(&c) != 0)
		return fd_cli_end(&c, FD_EXIT_IO);
	/* Both are opened whatever the first gives: every error at once. */
	old = fd_cli_open(&c, files[0], &draft);
	new = fd_cli_open(&c, files[1], &draft);
	if (old != NULL && new != NULL) {
		out = c.out;
		if (out == NULL) {
			name = fd_xasprintf("%s-changes", c.ro.doc);
			out = defout = fd_render_file_name(new, name, NULL,
							   "pdf");
			free(name);
		}
		if (fd_same_file(out, files[0]) || fd_same_file(out, files[1]))
			fd_msg(c.d, M_WRITE_AN_INPUT, out, 0, 0);
		else
			report(old, new, files, &c.ro, &c.dd, out, c.d);
	}
	fd_diags_flush(c.d);
	status = (int)fd_diags_exit(c.d);
	fd_render_close(old);
	fd_render_close(new);
	free(defout);
	fd_cli_end(&c, status);
	return status;
}
