/* cmd_check.c: findings check FILE... */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "commands.h"
#include "facts.h"

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
		struct fd_input *in = fd_load_file(argv[i], d);
		unsigned before = fd_diags_count(d, FD_ERROR);
		enum fd_stage at = in && !stage_given ? fd_inspection_stage(in)
						       : stage;

		/* The dates are checked as rendering meets them (a notified
		 * day that is not a working day, a milestone off its
		 * weekday), so that check passes what render takes. */
		if (in != NULL && fd_check(in, &dd, at, d) == 0)
			fd_facts_free(fd_facts_new(in, &dd, at, d));
		fd_input_free(in);
		if (!quiet && in != NULL &&
		    fd_diags_count(d, FD_ERROR) == before)
			fprintf(stdout, "%s: ok\n", argv[i]);
		fd_diags_flush(d);
	}
	status = fd_diags_exit(d);
	fd_datadir_clear(&dd);
	fd_diags_free(d);
	return status;
}
