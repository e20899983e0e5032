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

/* The long option of opts whose value is val, or NULL. */
static const struct option *
long_of(const struct option *opts, int val)
{
	for (; opts->name != NULL; opts++)
		if (opts->val == val)
			return opts;
	return NULL;
}

/* Says that el ("--name" or "--name=value", the name abbreviated or not)
 * names no option, or several, and prints the usage. Returns
 * FD_EXIT_USAGE. */
static int
unknown_long(const struct fd_cli *c, const struct option *opts, const char *el)
{
	size_t n = strcspn(el + 2, "=");
	char *name = fd_xasprintf("%.*s", (int)(n + 2), el);
	struct fd_buf b = {0};
	int status;

	for (; opts->name != NULL; opts++)
		if (strncmp(opts->name, el + 2, n) == 0)
			fd_buf_addf(&b, "%s--%s", b.len ? ", " : "",
				    opts->name);
	if (n > 0 && b.data != NULL && strchr(b.data, ',') != NULL)
		status = fd_cli_usage_error(c, M_OPT_AMBIGUOUS, name, b.data);
	else
		status = fd_cli_usage_error(c, M_OPT_UNKNOWN, name);
	fd_buf_free(&b);
	free(name);
	return status;
}

/* Says what getopt_long refused, opt being its ':' (no value) or '?'
 * (the rest) and optopt and optind as it left them, in the catalogue's
 * words rather than the C library's, and prints the usage. Returns
 * FD_EXIT_USAGE. */
static int
refused(const struct fd_cli *c, const struct option *opts, int opt, char **argv)
{
	/* The element the option was in: getopt_long has gone past a long
	 * one, and past a short one that wanted a value it lacked. */
	const char *el = argv[optind - 1];
	const struct option *o = long_of(opts, optopt);
	int is_long = strncmp(el, "--", 2) == 0;

	if (opt == ':' && is_long && o != NULL)
		return fd_cli_usage_error(c, M_OPT_NEEDS_VALUE, o->name);
	if (opt == ':')
		return fd_cli_usage_error(c, M_OPT_NEEDS_VALUE_SHORT, optopt);
	if (optopt == 0)
		return unknown_long(c, opts, el);
	/* A value given to a long option that takes none, or a letter
	 * that is no option. */
	if (is_long && strchr(el, '=') != NULL && o != NULL &&
	    o->has_arg == no_argument)
		return fd_cli_usage_error(c, M_OPT_NO_VALUE, o->name);
	return fd_cli_usage_error(c, M_OPT_UNKNOWN_SHORT, optopt);
}

int
fd_cli_parse(struct fd_cli *c, const char *command, void (*usage)(FILE *),
	     int argc, char **argv, unsigned common, const char *shortopts,
	     const struct option *own, fd_cli_own_fn fn, void *ctx)
{
	struct option *opts = options(common, own);
	/* ':' first: a missing value is told from an unknown option. */
	char *letters = fd_xasprintf(":%s", shortopts);
	int opt, status = -1;

	memset(c, 0, sizeof *c);
	c->command = command;
	c->usage = usage;
	c->ro.doc = "letter";
	optind = 1;
	/* Refusals are said by refused(), from the catalogue. */
	opterr = 0;
	while (status < 0 &&
	       (opt = getopt_long(argc, argv, letters, opts, NULL)) != -1) {
		if (opt == 'h') {
			usage(stdout);
			status = FD_EXIT_OK;
		} else if (is_own(own, opt)) {
			if ((status = fn(c, opt, optarg, ctx)) == 0)
				status = -1;
		} else if ((status = take_common(c, opt, optarg)) == 0) {
			status = -1;
		} else if (status < 0) {
			status = refused(c, opts, opt, argv);
		}
	}
	free(letters);
	free(opts);
	return status;
}

int
fd_cli_usage_error(const struct fd_cli *c, enum fd_msg m, ...)
{
	va_list ap;
	int status;

	va_start(ap, m);
	status = fd_vmsg_say(c->command, m, ap);
	va_end(ap);
	c->usage(stderr);
	return status;
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
	char *style = c->prepare && c->typeset
			      ? fd_datadir_style(&c->dd, c->ro.style)
			      : NULL;
	struct fd_diags *lint = c->lint_with_errors ? fd_diags_new() : c->d;
	struct fd_render *r;

	if ((r = fd_render_open_for(path, &c->dd, stage, c->prepare, style,
				    lint, c->d)) == NULL &&
	    lint != c->d)
		fd_diags_move(lint, c->d);
	if (lint != c->d)
		fd_diags_free(lint);
	free(style);
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
