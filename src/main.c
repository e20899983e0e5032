/* main.c: the findings program: dispatch to a subcommand. */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "datadir.h"
#include "diag.h"
#include "msg.h"
#include "output.h"

static const struct command {
	const char *name;		  /* as typed */
	int (*run)(int argc, char **argv); /* argv[0] is the name */
	const char *summary;		  /* one line for --help */
} commands[] = {
	{"new", fd_cmd_new, "a starting inspection for a framework, explained"},
	{"check", fd_cmd_check, "validate and lint inspection files"},
	{"render", fd_cmd_render, "render one document of an inspection"},
	{"timeline", fd_cmd_timeline, "the inspection's milestones with dates"},
	{"diff", fd_cmd_diff, "what changed in the letter, as a redline"},
	{"fa-import", fd_cmd_fa_import, "the partnership's factual accuracy comments, from the return form"},
	{"build", fd_cmd_build, "every document of each inspection"},
	{"overview", fd_cmd_overview, "the joint overview of a round of inspections"},
	{"typeset", fd_cmd_typeset, "render a document tree (for template authors)"},
};

static void
usage(FILE *f)
{
	size_t i;

	fputs("usage: findings COMMAND [OPTIONS] [FILE...]\n"
	      "       findings --help | --version\n\n"
	      "Turns an inspection's evidence and findings (inspection.xml)\n"
	      "into the documents an inspection sends out.\n\n"
	      "Commands:\n",
	      f);
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fputs("\n'findings COMMAND --help' describes a command's options.\n"
	      "Exit status: 0 no errors, 1 errors in the input, 2 usage,\n"
	      "3 input/output failure.\n",
	      f);
}

/*
 * Standard output written in full, or the command's status made an I/O
 * failure with a diagnostic: a report printed into a full disk or a
 * closed pipe must not pass for one printed.
 */
static int
flush_stdout(int status)
{
	int failed = fflush(stdout) != 0, err = errno;
	struct fd_diags *d;

	/* An I/O failure the command reported (-o - into a closed pipe)
	 * is not said twice. */
	if (!ferror(stdout) || status == FD_EXIT_IO)
		return status;
	d = fd_diags_new();
	if (failed)
		fd_msg(d, M_STDOUT_FAILED, "-", 0, 0, strerror(err));
	else
		fd_msg(d, M_STDOUT_SHORT, "-", 0, 0);
	fd_diags_flush(d);
	fd_diags_free(d);
	return FD_EXIT_IO;
}

int
main(int argc, char **argv)
{
	size_t i;

	/* Text is UTF-8 (GLib's and GMime's character set follow
	 * LC_CTYPE); every other category stays C, as a program starts:
	 * numbers in PDF and in dates must not follow a comma locale, and
	 * loading the other categories' files cost 0.1 ms a run. */
	setlocale(LC_CTYPE, "C.UTF-8");
	fd_out_signals();
	if (argc < 2) {
		usage(stderr);
		return FD_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return flush_stdout(FD_EXIT_OK);
	}
	if (strcmp(argv[1], "--version") == 0) {
		struct fd_diags *d = fd_diags_new();
		struct fd_datadir dd;

		printf("findings %s\n", fd_version());
		/* Where the templates come from, for a puzzled user. */
		if (fd_datadir_find(&dd, NULL, d) == 0) {
			printf("templates: %s\nstyles: %s\n", dd.templates,
			       dd.styles);
			fd_datadir_clear(&dd);
		}
		fd_diags_flush(d);
		fd_diags_free(d);
		return flush_stdout(FD_EXIT_OK);
	}
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return flush_stdout(
				commands[i].run(argc - 1, argv + 1));
	fd_msg_say(NULL, M_UNKNOWN_COMMAND, argv[1]);
	usage(stderr);
	return FD_EXIT_USAGE;
}
