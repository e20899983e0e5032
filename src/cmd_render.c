/* cmd_render.c: findings render inspection.xml [--doc DOC] [-o OUT] ... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "faform.h"
#include "render.h"

static void
usage(FILE *f)
{
	fputs("usage: findings render inspection.xml [--doc DOC] "
	      "[--stage STAGE] [-o OUT]\n"
	      "                       [--style STYLE] [--templates DIR]\n"
	      "                       [--to AGENCY] [--id CONCERN] [--blank]\n"
	      "                       [--against OLD.xml]\n\n"
	      "Renders one document of an inspection. The inspection is\n"
	      "checked first; nothing is written while an error remains.\n\n"
	      "  --doc DOC         letter (default), notification, concern,\n"
	      "                    fa-form (the factual accuracy return form,\n"
	      "                    OUT.csv or OUT.pdf), or any other document\n"
	      "                    of the framework\n"
	      "  --stage STAGE     draft (default: DRAFT watermark,\n"
	      "                    OFFICIAL-SENSITIVE, numbered paragraphs),\n"
	      "                    factual-accuracy, pre-publication (embargo\n"
	      "                    line) or final (clean; refused while any\n"
	      "                    check error remains or the text shows a\n"
	      "                    case reference, date of birth or email\n"
	      "                    address from the evidence)\n"
	      "  -o, --output OUT  where to write: OUT.pdf (default\n"
	      "                    REF-DOC.pdf), OUT.eml for a MIME message,\n"
	      "                    OUT.csv for the fa-form's table,\n"
	      "                    OUT.xml for the document tree, - for\n"
	      "                    standard output\n"
	      "  --style STYLE     a style name or file (default gov-uk)\n"
	      "  --templates DIR   take templates from DIR\n"
	      "  --to AGENCY       the agency an email is for (its id)\n"
	      "  --id CONCERN      the concern a form is for (its id)\n"
	      "  --blank           the empty form\n"
	      "  --against OLD.xml with --doc fa-response: the inspection as\n"
	      "                    it was when the letter went for the check,\n"
	      "                    so that each comment is shown with the\n"
	      "                    change it caused (without it the paper\n"
	      "                    says that changes cannot be shown)\n"
	      "  -h, --help        show this help\n",
	      f);
}

/* The command's own option: --against OLD.xml, into *ctx. */
static int
own(struct fd_cli *c, int opt, char *arg, void *ctx)
{
	(void)c;
	(void)opt;
	*(const char **)ctx = arg;
	return 0;
}

int
fd_cmd_render(int argc, char **argv)
{
	static const struct option opts[] = {
		{"against", required_argument, NULL, 'A'},
		{NULL, 0, NULL, 0},
	};
	struct fd_cli c;
	enum fd_stage fallback = FD_STAGE_DRAFT;
	const char *against = NULL;
	char *defout = NULL, *changes = NULL;
	struct fd_render *r = NULL;
	int status, bad_ext = 0;

	status = fd_cli_parse(&c, "render", usage, argc, argv,
			      FD_CLI_OUTPUT | FD_CLI_TEMPLATES | FD_CLI_STYLE |
				      FD_CLI_STAGE | FD_CLI_DOC,
			      "o:h", opts, own, &against);
	if (status >= 0)
		return status;
	if (optind + 1 != argc)
		return fd_cli_usage_error(&c, optind >= argc ? M_NO_FILE
							     : M_ONE_FILE);
	if (against != NULL && strcmp(c.ro.doc, "fa-response") != 0)
		return fd_cli_usage_error(&c, M_AGAINST_DOC);
	if (fd_cli_begin(&c) != 0)
		return fd_cli_end(&c, FD_EXIT_IO);
	/* The return form cites the draft as it went for the check. */
	if (strcmp(c.ro.doc, "fa-form") == 0)
		fallback = FD_STAGE_FACTUAL_ACCURACY;
	/* Its stylesheet compiled while the inspection is checked (the
	 * return form is no stylesheet's). */
	if (strcmp(c.ro.doc, "fa-form") != 0) {
		c.prepare = c.ro.doc;
		c.typeset = fd_render_typesets(c.out ? c.out : ".pdf");
	}
	r = fd_cli_open(&c, argv[optind], &fallback);
	if (r != NULL && against != NULL &&
	    (c.ro.changes = changes = fd_fa_changes(r, against, c.d)) == NULL) {
		fd_render_close(r);
		r = NULL;
	}
	if (r != NULL) {
		const char *out = c.out;

		if (out == NULL)
			out = defout = fd_render_file_name(r, c.ro.doc, NULL,
							   "pdf");
		if (fd_render_doc(r, &c.ro, out, c.d) == -2)
			bad_ext = 1;
	}
	fd_diags_flush(c.d);
	status = bad_ext ? FD_EXIT_USAGE : (int)fd_diags_exit(c.d);
	fd_render_close(r);
	free(defout);
	free(changes);
	fd_cli_end(&c, status);
	return status;
}
