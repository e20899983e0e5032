/*
 * cli.h: what every command of findings(1) does the same way. Each
 * common option is defined once, with one spelling and one message;
 * --help prints the command's usage on standard output and exits 0; a
 * usage error, an option getopt_long refuses among them, prints a line
 * of the catalogue (msg.h) and the usage on standard error and exits 2;
 * the diagnostics and the templates folder are opened and closed in one
 * place, and an inspection is opened one way (fd_cli_open: render.h's
 * fd_render_open, at the stage the options ask for), and read once: a
 * command that needs it at a second stage checks the loaded inspection
 * again (fd_render_restage) rather than reading the file again.
 *
 * Layering: the cmd_*.c files parse through here and call the stages
 * through render.h and their own headers; main.c dispatches to them.
 */
#ifndef FD_CLI_H
#define FD_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "check.h"
#include "datadir.h"
#include "diag.h"
#include "msg.h"
#include "render.h"

/* The common options a command takes (bits of fd_cli_parse's common). */
enum {
	FD_CLI_OUTPUT = 1 << 0,	   /* -o, --output OUT */
	FD_CLI_TEMPLATES = 1 << 1, /* --templates DIR */
	FD_CLI_STYLE = 1 << 2,	   /* --style STYLE */
	FD_CLI_STAGE = 1 << 3,	   /* --stage STAGE */
	FD_CLI_DOC = 1 << 4	   /* --doc DOC, --to AGENCY, --id CONCERN,
				      --blank */
};

/* Values getopt_long returns for the common options without a letter;
 * a command's own options use letters. */
enum {
	FD_CLI_OPT_STYLE = 256,
	FD_CLI_OPT_DOC,
	FD_CLI_OPT_TO,
	FD_CLI_OPT_ID,
	FD_CLI_OPT_BLANK
};

/* One command line, parsed. */
struct fd_cli {
	const char *command;	  /* "render": the name in messages */
	void (*usage)(FILE *f);	  /* prints the command's usage */
	const char *out;	  /* -o, --output, or NULL */
	const char *templates;	  /* --templates, or NULL: found */
	struct fd_render_opts ro; /* --doc ("letter"), --style, --to, --id,
				     --blank */
	enum fd_stage stage;	  /* --stage, else FD_STAGE_DRAFT */
	int stage_given;	  /* --stage was given */
	struct fd_datadir dd;	  /* the templates, after fd_cli_begin */
	struct fd_diags *d;	  /* diagnostics, after fd_cli_begin */
	const char *prepare;	  /* the document fd_cli_open prepares
				     (render.h, fd_render_open_for), or
				     NULL (set by render) */
	int typeset;		  /* it is typeset: the fonts of its style
				     are opened beside the check too (set
				     by render) */
	int lint_with_errors;	  /* fd_cli_open shows the check's warnings
				     only beside an error (set by a
				     command that needs a valid file, not
				     a finished one: the timeline) */
};

/* A command's own option: getopt_long's value and optarg. Returns 0 to
 * go on, else the status to exit with (FD_EXIT_USAGE after printing
 * why). */
typedef int (*fd_cli_own_fn)(struct fd_cli *c, int opt, char *arg,
			     void *ctx);

/*
 * Sets c up for command (usage prints its help) and parses argv: the
 * common options named by common, and the command's own (own, ended by a
 * zeroed entry; may be NULL) through fn with ctx. shortopts lists the
 * letters the command accepts ("o:h"). Returns -1 when the command goes
 * on with argv[optind], ..., else the status to exit with: 0 after
 * --help, FD_EXIT_USAGE after an unknown option or a bad value.
 */
int fd_cli_parse(struct fd_cli *c, const char *command, void (*usage)(FILE *),
		 int argc, char **argv, unsigned common, const char *shortopts,
		 const struct option *own, fd_cli_own_fn fn, void *ctx);

/* A usage error: "findings COMMAND: " message m of the catalogue (an
 * FD_USAGE one, with its arguments) and the usage on standard error.
 * Returns FD_EXIT_USAGE. */
int fd_cli_usage_error(const struct fd_cli *c, enum fd_msg m, ...);

/* Opens the diagnostics and finds the templates folder. Returns 0, or
 * FD_EXIT_IO after reporting, when the command ends with fd_cli_end all
 * the same. */
int fd_cli_begin(struct fd_cli *c);

/* Opens the inspection at path at the stage of --stage or, without it,
 * at *fallback (NULL: the stage of the last revision in its history).
 * Returns NULL after reporting, as fd_render_open. */
struct fd_render *fd_cli_open(struct fd_cli *c, const char *path,
			      const enum fd_stage *fallback);

/* Prints the diagnostics, frees what fd_cli_begin opened, and returns the
 * worse of status and the worst diagnostic's exit status. */
int fd_cli_end(struct fd_cli *c, int status);

#endif
