/* cmd_check.c: findings check FILE... */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "commands.h"
#include "render.h"

static void
usage(FILE *f)
{
	fputs("usage: findings check [--stage STAGE] [--templates DIR] "
	      "inspection.xml...\n\n"
	      "Validates each inspection against the schema and the rules of\n"
	      "its framework. Diagnostics go to standard error, one a line:\n"
	      "FILE:LINE:COL: error|warning: message.\n\n"
	      "  --stage STAGE     check as for STAGE: draft, factual-accuracy,\n"
	      "                    pre-publication or final (default: the stage\n"
	      "                    of the last revision in the history, or draft;\n"
	      "                    at final, privacy and open factual accuracy\n"
	      "                    comments are errors)\n"
	      "  --templates DIR   take the schema and templates from DIR\n"
	      "  -q, --quiet       print nothing when there is no error\n"
	      "  -h, --help        show this help\n",
	      f);
}

int
fd_cmd_check(int argc, char **argv)
{
	static const struct option opts[] = {
		{"stage", required_argument, NULL, 's'},
		{"templates", required_argument, NULL, 't'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	enum fd_stage stage = FD_STAGE_DRAFT;
	int stage_given = 0;
	const char *templates = NULL;
	struct fd_datadir dd;
	struct fd_diags *d;
	int c, i, quiet = 0, status;

	optind = 1;
	while ((c = getopt_long(argc, argv, "s:t:qh", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (fd_stage_option("check", optarg, &stage) != 0)
				return FD_EXIT_USAGE;
			stage_given = 1;
			break;
		case 't':
			templates = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			usage(stdout);
			return FD_EXIT_OK;
		default:
			usage(stderr);
			return FD_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fputs("findings check: no inspection file given\n", stderr);
		usage(stderr);
		return FD_EXIT_USAGE;
	}
	d = fd_diags_new();
	if (fd_datadir_find(&dd, templates, d) != 0) {
		fd_diags_flush(d);
		fd_diags_free(d);
		return FD_EXIT_IO;
	}
	for (i = optind; i < argc; i++) {
		unsigned before = fd_diags_count(d, FD_ERROR) +
				  fd_diags_count(d, FD_IOERR);
		struct fd_render *r;

		/* What render does up to its documents: load, the rules,
		 * the dates as rendering meets them (a notified day that is
		 * not a working day), then the privacy gate over every
		 * document that leaves the inspectorate, as render would
		 * search each; so check passes what render takes. */
		r = fd_render_open(argv[i], &dd, stage_given ? &stage : NULL, d);
		if (r != NULL)
			fd_render_gate(r, d);
		fd_render_close(r);
		if (!quiet && fd_diags_count(d, FD_ERROR) +
				      fd_diags_count(d, FD_IOERR) == before)
			fprintf(stdout, "%s: ok\n", argv[i]);
		fd_diags_flush(d);
	}
	status = fd_diags_exit(d);
	fd_datadir_clear(&dd);
	fd_diags_free(d);
	return status;
}
