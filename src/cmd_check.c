/* cmd_check.c: findings check FILE... */
#include <stdio.h>

#include "bounds.h"
#include "cli.h"
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

/* The command's own option: --quiet. */
static int
own(struct fd_cli *c, int opt, char *arg, void *ctx)
{
	(void)c;
	(void)opt;
	(void)arg;
	*(int *)ctx = 1;
	return 0;
}

int
fd_cmd_check(int argc, char **argv)
{
	static const struct option opts[] = {
		{"quiet", no_argument, NULL, 'q'},
		{NULL, 0, NULL, 0},
	};
	struct fd_cli c;
	int i, quiet = 0, status;

	status = fd_cli_parse(&c, "check", usage, argc, argv,
			      FD_CLI_TEMPLATES | FD_CLI_STAGE, "s:t:qh", opts,
			      own, &quiet);
	if (status >= 0)
		return status;
	if (optind >= argc)
		return fd_cli_usage_error(&c, M_NO_FILE);
	if (fd_cli_begin(&c) != 0)
		return fd_cli_end(&c, FD_EXIT_IO);
	for (i = optind; i < argc; i++) {
		unsigned before = fd_diags_count(c.d, FD_ERROR) +
				  fd_diags_count(c.d, FD_IOERR);
		struct fd_render *r;

		/* What render does up to its documents: load, the rules,
		 * the dates as rendering meets them (a notified day that is
		 * not a working day), then the privacy gate over every
		 * document that leaves the inspectorate, as render would
		 * search each; so check passes what render takes. */
		r = fd_cli_open(&c, argv[i], NULL);
		if (r != NULL)
			fd_render_gate(r, c.d);
		/* And the bounds build meets, at the element (bounds.h). */
		if (r != NULL)
			fd_check_bounds(r, c.d);
		fd_render_close(r);
		if (!quiet && fd_diags_count(c.d, FD_ERROR) +
				      fd_diags_count(c.d, FD_IOERR) == before)
			fprintf(stdout, "%s: ok\n", argv[i]);
		fd_diags_flush(c.d);
	}
	return fd_cli_end(&c, FD_EXIT_OK);
}
