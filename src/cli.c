/*
 * cli.c: the command line's common options, help and usage errors, and
 * the opening of diagnostics, templates and inspections (cli.h).
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

/* Every common option, with the bit of fd_cli_parse's common that
 * enables it. */
static const struct {
	unsigned bit;	   /* FD_CLI_* */
	struct option opt; /* its getopt_long entry */
} common_opts[] = {
	{FD_CLI_OUTPUT, {"output", required_argument, NULL, 'o'}},
	{FD_CLI_TEMPLATES, {"templates", required_argument, NULL, 't'}},
	{FD_CLI_STYLE, {"style", required_argument, NULL, FD_CLI_OPT_STYLE}},
	{FD_CLI_STAGE, {"stage", required_argument, NULL, 's'}},
	{FD_CLI_DOC, {"doc", required_argument, NULL, FD_CLI_OPT_DOC}},
	{FD_CLI_DOC, {"to", required_argument, NULL, FD_CLI_OPT_TO}},
	{FD_CLI_DOC, {"id", required_argument, NULL, FD_CLI_OPT_ID}},
	{FD_CLI_DOC, {"blank", no_argument, NULL, FD_CLI_OPT_BLANK}},
};

#define NCOMMON (sizeof common_opts / sizeof common_opts[0])

/* The getopt_long table: the common options asked for, the command's
 * own, --help and the end. The caller frees it. */
static struct option *
options(unsigned common, const struct option *own)
{
	size_t n = 0, k = 0, i;
	struct option *v;

	while (own != NULL && own[n].name != NULL)
		n++;
	v = fd_xcalloc(NCOMMON + n + 2, sizeof *v);
	for (i = 0; i < NCOMMON; i++)
		if (common & common_opts[i].bit)
			v[k++] = common_opts[i].opt;
	for (i = 0; i < n; i++)
		v[k++] = own[i];
	v[k].name = "help";
	v[k].has_arg = no_argument;
	v[k].val = 'h';
	return v;
}

/* Takes one common option; returns -1 when opt is not one, 0 when taken,
 * or FD_EXIT_USAGE after a bad value. */
static int
take_common(struct fd_cli *c, int opt, char *arg)
{
	switch (opt) {
	case 'o':
		c->out = arg;
		return 0;
	case 't':
		c->templates = arg;
		return 0;
	case FD_CLI_OPT_STYLE:
		c->ro.style = arg;
		return 0;
	case 's':
		if (fd_stage_option(c->command, arg, &c->stage) != 0)
			return FD_EXIT_USAGE;
		c->stage_given = 1;
		return 0;
	case FD_CLI_OPT_DOC:
		c->ro.doc = arg;
		return 0;
	case FD_CLI_OPT_TO:
		c->ro.to = arg;
		return 0;
	case FD_CLI_OPT_ID:
		c->ro.concern_id = arg;
		return 0;
	case FD_CLI_OPT_BLANK:
		c->ro.blank = 1;
		return 0;
	default:
		return -1;
	}
}

/* Whether opt is one of the command's own options (each has a long
 * name; its letter, when it has one, is its value). */
static int
is_own(const struct option *own, int opt)
{
	size_t i;

	for (i = 0; own != NULL && own[i].name != NULL; i++)
		if (own[i].val == opt)
			return 1;
	return 0;
}

int
fd_cli_parse(struct fd_cli *c, const char *command, void (*usage)(FILE *),
	     int argc, char **argv, unsigned common, const char *shortopts,
	     const struct option *own, fd_cli_own_fn fn, void *ctx)
{
	struct option *opts = options(common, own);
	int opt, status = -1;

	memset(c, 0, sizeof *c);
	c->command = command;
	c->usage = usage;
	c->ro.doc = "letter";
	optind = 1;
	while (status < 0 &&
	       (opt = getopt_long(argc, argv, shortopts, opts, NULL)) != -1) {
		if (opt == 'h') {
			usage(stdout);
			status = FD_EXIT_OK;
		} else if (is_own(own, opt)) {
			if ((status = fn(c, opt, optarg, ctx)) == 0)
				status = -1;
		} else if ((status = take_common(c, opt, optarg)) == 0) {
			status = -1;
		} else if (status < 0) {
			usage(stderr);
			status = FD_EXIT_USAGE;
		}
	}
	free(opts);
	return status;
}

int
fd_cli_usage_error(const struct fd_cli *c, const char *msg)
{
	fprintf(stderr, "findings %s: %s\n", c->command, msg);
	c->usage(stderr);
	return FD_EXIT_USAGE;
}

int
fd_cli_begin(struct fd_cli *c)
{
	c->d = fd_diags_new();
	if (fd_datadir_find(&c->dd, c->templates, c->d) != 0)
		return FD_EXIT_IO;
	return 0;
}

struct fd_render *
fd_cli_open(struct fd_cli *c, const char *path,
	    const enum fd_stage *fallback)
{
	const enum fd_stage *stage = c->stage_given ? &c->stage : fallback;
	struct fd_diags *lint;
	struct fd_render *r;

	if (!c->lint_with_errors)
		return fd_render_open_for(path, &c->dd, stage, c->prepare,
					  c->d, c->d);
	lint = fd_diags_new();
	if ((r = fd_render_open_for(path, &c->dd, stage, c->prepare, lint,
				    c->d)) == NULL)
		fd_diags_move(lint, c->d);
	fd_diags_free(lint);
	return r;
}

int
fd_cli_end(struct fd_cli *c, int status)
{
	int worst = FD_EXIT_OK;

	if (c->d != NULL) {
		fd_diags_flush(c->d);
		worst = (int)fd_diags_exit(c->d);
	}
	fd_datadir_clear(&c->dd);
	fd_diags_free(c->d);
	c->d = NULL;
	return worst > status ? worst : status;
}
