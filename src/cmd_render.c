/* cmd_render.c: findings render inspection.xml [--doc DOC] [-o OUT] ... */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "faform.h"
#include "render.h"

static void
usage(FILE *f)
{
	fputs("usage: findings render inspection.xml [--doc DOC] "
	      "[--stage STAGE] [-o OUT]\n"
	      "                       [--style STYLE] [--templates DIR]\n"
	      "                       [--to AGENCY] [--id CONCERN] [--blank]\n\n"
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
	      "  -h, --help        show this help\n",
	      f);
}

int
fd_cmd_render(int argc, char **argv)
{
	static const struct option opts[] = {
		{"doc", required_argument, NULL, 'D'},
		{"stage", required_argument, NULL, 's'},
		{"output", required_argument, NULL, 'o'},
		{"style", required_argument, NULL, 'S'},
		{"templates", required_argument, NULL, 't'},
		{"to", required_argument, NULL, 'T'},
		{"id", required_argument, NULL, 'i'},
		{"blank", no_argument, NULL, 'b'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct fd_render_opts ro = {0};
	enum fd_stage stage = FD_STAGE_DRAFT;
	int stage_given = 0;
	const char *templates = NULL, *out = NULL;
	char *defout = NULL;
	struct fd_datadir dd;
	struct fd_render *r;
	struct fd_diags *d;
	int c, status, bad_ext = 0;

	ro.doc = "letter";
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'D':
			ro.doc = optarg;
			break;
		case 's':
			if (fd_stage_option("render", optarg, &stage) != 0)
				return FD_EXIT_USAGE;
			stage_given = 1;
			break;
		case 'o':
			out = optarg;
			break;
		case 'S':
			ro.style = optarg;
			break;
		case 't':
			templates = optarg;
			break;
		case 'T':
			ro.to = optarg;
			break;
		case 'i':
			ro.concern_id = optarg;
			break;
		case 'b':
			ro.blank = 1;
			break;
		case 'h':
			usage(stdout);
			return FD_EXIT_OK;
		default:
			usage(stderr);
			return FD_EXIT_USAGE;
		}
	}
	if (optind + 1 != argc) {
		fputs(optind >= argc ? "findings render: no inspection file "
				       "given\n"
				     : "findings render: give one inspection "
				       "file (build renders many)\n",
		      stderr);
		usage(stderr);
		return FD_EXIT_USAGE;
	}
	d = fd_diags_new();
	if (fd_datadir_find(&dd, templates, d) != 0) {
		fd_diags_flush(d);
		fd_diags_free(d);
		return FD_EXIT_IO;
	}
	/* The return form cites the draft as it went for the check. */
	if (strcmp(ro.doc, "fa-form") == 0 && !stage_given)
		stage = FD_STAGE_FACTUAL_ACCURACY;
	r = fd_render_open(argv[optind], &dd, &stage, d);
	if (r != NULL) {
		if (out == NULL)
			out = defout = fd_render_file_name(r, ro.doc, NULL,
							   "pdf");
		if (strcmp(ro.doc, "fa-form") == 0) {
			if (fd_fa_form_write(r, argv[optind], &dd, ro.style,
					     out, d) == -2)
				bad_ext = 1;
		} else if (fd_render_doc(r, &ro, out, d) == -2)
			bad_ext = 1;
	}
	fd_diags_flush(d);
	status = bad_ext ? FD_EXIT_USAGE : fd_diags_exit(d);
	fd_render_close(r);
	free(defout);
	fd_datadir_clear(&dd);
	fd_diags_free(d);
	return status;
}
