/*
 * cmd_build.c: findings build inspection.xml... -d OUTDIR [-j N]
 *
 * Every document that exists for each inspection's framework
 * (templates/<framework>/documents.xml, where a stylesheet exists), named
 * from the inspection's ref, all or none: an error in one leaves the
 * output folder as it was. Inspections are independent, so -j N runs N
 * worker processes, each taking the next inspection as it finishes one:
 * processes rather than threads because libxslt's loader and error hooks
 * are global. An email the input cannot supply (no address to send from
 * or to: they are optional) is skipped with a warning, not refused.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "output.h"
#include "render.h"

/* More workers than this gains nothing on any machine we run on. */
#define MAX_JOBS 256

/* What every inspection of the batch shares. */
struct batch {
	const struct fd_datadir *dd; /* templates and styles */
	const char *outdir;	     /* -d */
	const char *style;	     /* --style, or NULL */
	const enum fd_stage *stage;  /* --stage, or NULL: each one's own */
	int verbose;		     /* -v: name each file written */
	int list;		     /* -l: name the files, write none */
};

static void
usage(FILE *f)
{
	fputs("usage: findings build [-j N] [--stage STAGE] [--style STYLE]\n"
	      "                      [--templates DIR] -d OUTDIR "
	      "inspection.xml...\n"
	      "       findings build --list inspection.xml...\n\n"
	      "Renders every document that exists for each inspection into\n"
	      "OUTDIR, named from the inspection's ref (REF-letter.pdf,\n"
	      "REF-concern-c-1.pdf, ...). The letter is rendered at the stage\n"
	      "of the last revision in the history unless --stage is given.\n"
	      "An email the input lacks addresses for is skipped with a\n"
	      "warning.\n\n"
	      "  -d, --dir OUTDIR  where to write (created if missing)\n"
	      "  -j, --jobs N      render N inspections at a time (default 1)\n"
	      "  --stage STAGE     render letters at STAGE\n"
	      "  --style STYLE     a style name or file (default gov-uk)\n"
	      "  --templates DIR   take templates from DIR\n"
	      "  -v, --verbose     name each file written\n"
	      "  -l, --list        write nothing: name each file build would\n"
	      "                    write, a line each: the file, the document\n"
	      "                    and the id it is for (render's --doc and\n"
	      "                    --id or --to), separated by tabs\n"
	      "  -h, --help        show this help\n",
	      f);
}

/*
 * Moves what rendering an email said into d; what names the email in a
 * warning ("no notification email written"). The address, the leaders and
 * the contact details an email needs are optional in the input, so an
 * email the input cannot supply is skipped, with a warning naming it and
 * the reasons as notes, while the other documents are built; an I/O
 * failure stays an error. Returns 1 when the email failed for another
 * reason than the input, else 0.
 */
static int
mail_outcome(struct fd_render *r, const char *what, struct fd_diags *why,
	     struct fd_diags *d)
{
	int io = fd_diags_count(why, FD_IOERR) > 0;

	if (io || fd_diags_count(why, FD_ERROR) == 0) {
		fd_diags_move(why, d);
		return io;
	}
	fd_render_msg(r, d, NULL, M_MAIL_SKIPPED, what);
	fd_diags_move_as(why, d, FD_NOTE);
	return 0;
}

/* The files of one inspection, made in a staging folder inside the
 * output folder and moved into place only when every one was made. */
struct staged {
	char *dir;    /* the staging folder, or NULL before the first file */
	char **names; /* the files made in it, by name */
	size_t n;     /* how many */
};

/* Renders one document of r (one file per concern when it is made for
 * each, per agency when it is an email to each) into the staging
 * folder. Returns the number of files that failed. */
static int
build_doc(struct fd_render *r, const struct batch *b,
	  const struct fd_document *doc, struct staged *st,
	  struct fd_diags *d)
{
	int mail = doc->each != NULL && strcmp(doc->each, "recipient") == 0;
	struct fd_diags *why = mail ? fd_diags_new() : d;
	struct fd_job *jobs;
	char *name, *path, *what;
	long i, n = fd_render_jobs(r, doc, b->style, &jobs, why);
	int failed = 0;

	for (i = 0; i < n; i++) {
		name = fd_render_file_name(r, doc->name, jobs[i].id, doc->ext);
		path = fd_path_join(st->dir, name);
		if (fd_render_doc(r, &jobs[i].ro, path, why) != 0) {
			failed++;
			free(name);
		} else {
			st->names = fd_xreallocarray(st->names, st->n + 1,
						     sizeof *st->names);
			st->names[st->n++] = name;
		}
		free(path);
	}
	if (mail) {
		what = fd_xasprintf("no %s email written", doc->name);
		failed = mail_outcome(r, what, why, d);
		free(what);
		fd_diags_free(why);
	}
	fd_jobs_free(jobs, n);
	return failed;
}

/*
 * Moves the staged files of input into the output folder, after making
 * sure that none would replace the input or a folder. Returns 0, or -1
 * after reporting (then nothing was moved, unless a rename failed).
 */
static int
publish(const struct staged *st, const char *input, const struct batch *b,
	struct fd_diags *d)
{
	char *to, *from;
	size_t i;
	int rc = 0;

	for (i = 0; i < st->n; i++) {
		to = fd_path_join(b->outdir, st->names[i]);
		if (fd_same_file(to, input) || fd_is_dir(to)) {
			fd_msg(d,
			       fd_is_dir(to) ? M_WRITE_FOLDER : M_WRITE_INPUT,
			       to, 0, 0);
			rc = -1;
		}
		free(to);
	}
	/* The files written without an fsync each (fd_out_defer_sync):
	 * made durable together before any is renamed into place. */
	if (rc == 0 && (errno = fd_out_sync(st->dir)) != 0) {
		fd_msg(d, M_WRITE, b->outdir, 0, 0, strerror(errno));
		rc = -1;
	}
	for (i = 0; i < st->n && rc == 0; i++) {
		from = fd_path_join(st->dir, st->names[i]);
		to = fd_path_join(b->outdir, st->names[i]);
		if (rename(from, to) != 0) {
			fd_msg(d, M_WRITE, to, 0, 0, strerror(errno));
			rc = -1;
		} else if (b->verbose) {
			printf("%s\n", to);
		}
		free(from);
		free(to);
	}
	return rc;
}

/* Removes what is left of the staging folder. */
static void
unstage(struct staged *st)
{
	char *path;
	size_t i;

	for (i = 0; i < st->n; i++) {
		path = fd_path_join(st->dir, st->names[i]);
		unlink(path);
		free(path);
		free(st->names[i]);
	}
	if (st->dir != NULL)
		rmdir(st->dir);
	fd_out_unstage();
	free(st->names);
	free(st->dir);
}

/* Prints the files of document doc of r, as --list names them. */
static void
list_doc(struct fd_render *r, const struct fd_document *doc,
	 struct fd_diags *d)
{
	struct fd_job *jobs;
	long i, n = fd_render_jobs(r, doc, NULL, &jobs, d);
	char *name;

	for (i = 0; i < n; i++) {
		name = fd_render_file_name(r, doc->name, jobs[i].id, doc->ext);
		printf("%s\t%s\t%s\n", name, doc->name,
		       jobs[i].id ? jobs[i].id : "");
		free(name);
	}
	fd_jobs_free(jobs, n);
}

/* Everything for one inspection, all or nothing; returns its exit
 * status. */
static int
build_one(const char *input, const struct batch *b)
{
	struct fd_diags *d = fd_diags_new();
	struct fd_document *docs = NULL;
	struct staged st = {0};
	struct fd_render *r;
	long i, n = 0;
	int status;

	if ((r = fd_render_open(input, b->dd, b->stage, d)) != NULL &&
	    (n = fd_render_documents(r, &docs, d)) == 0)
		fd_msg(d, M_NO_DOCUMENTS, input, 0, 0, fd_render_framework(r));
	for (i = 0; b->list && r != NULL && i < n; i++)
		list_doc(r, &docs[i], d);
	if (!b->list && r != NULL && n > 0) {
		if ((st.dir = fd_out_stage(b->outdir)) == NULL)
			fd_msg(d, M_WRITE, b->outdir, 0, 0, strerror(errno));
	}
	for (i = 0; st.dir != NULL && i < n; i++)
		build_doc(r, b, &docs[i], &st, d);
	if (st.dir != NULL && fd_diags_worst(d) < FD_ERROR)
		publish(&st, input, b, d);
	unstage(&st);
	fd_documents_free(docs, n < 0 ? 0 : n);
	fd_render_close(r);
	fd_diags_flush(d);
	fflush(stdout);
	status = fd_diags_exit(d);
	fd_diags_free(d);
	return status;
}

/* The worse of two exit statuses: input errors (1) below I/O (3). */
static int
worse(int a, int b)
{
	return b > a ? b : a;
}

/*
 * Runs build_one over the inputs with up to jobs worker processes at a
 * time. A worker that dies without an exit status counts as an I/O
 * failure. Returns the worst status.
 */
static int
run_jobs(char **inputs, int n, int jobs, const struct batch *b)
{
	int next = 0, running = 0, worst = FD_EXIT_OK, st;
	pid_t pid;

	fflush(NULL);
	while (next < n || running > 0) {
		while (running < jobs && next < n) {
			pid = fd_out_fork();
			if (pid == 0)
				_exit(build_one(inputs[next], b));
			if (pid < 0) {
				/* No process to spare: do it here. */
				worst = worse(worst, build_one(inputs[next], b));
			} else {
				running++;
			}
			next++;
		}
		if (running == 0)
			continue;
		pid = wait(&st);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		fd_out_reaped(pid);
		running--;
		worst = worse(worst, WIFEXITED(st) ? WEXITSTATUS(st)
						   : FD_EXIT_IO);
	}
	return worst;
}

/* What build's own options set. */
struct build_opts {
	struct batch *b; /* -d, -l, -v */
	long jobs;	 /* -j */
};

/* Build's own options: -d, -j, -l, -v. */
static int
own(struct fd_cli *c, int opt, char *arg, void *ctx)
{
	struct build_opts *bo = ctx;
	char *end;

	switch (opt) {
	case 'd':
		bo->b->outdir = arg;
		break;
	case 'j':
		errno = 0;
		bo->jobs = strtol(arg, &end, 10);
		if (errno || *end || bo->jobs < 1 || bo->jobs > MAX_JOBS) {
			return fd_msg_say(c->command, M_BUILD_JOBS, MAX_JOBS);
		}
		break;
	case 'l':
		bo->b->list = 1;
		break;
	default:
		bo->b->verbose = 1;
		break;
	}
	return 0;
}

int
fd_cmd_build(int argc, char **argv)
{
	static const struct option opts[] = {
		{"dir", required_argument, NULL, 'd'},
		{"jobs", required_argument, NULL, 'j'},
		{"list", no_argument, NULL, 'l'},
		{"verbose", no_argument, NULL, 'v'},
		{NULL, 0, NULL, 0},
	};
	struct batch b = {0};
	struct build_opts bo = {&b, 1};
	struct fd_cli c;
	int i, status;

	status = fd_cli_parse(&c, "build", usage, argc, argv,
			      FD_CLI_TEMPLATES | FD_CLI_STYLE | FD_CLI_STAGE,
			      "d:j:lvh", opts, own, &bo);
	if (status >= 0)
		return status;
	if ((b.outdir == NULL && !b.list) || optind >= argc)
		return fd_cli_usage_error(&c, b.outdir == NULL ? M_BUILD_NO_DIR
							       : M_NO_FILE);
	b.style = c.ro.style;
	b.stage = c.stage_given ? &c.stage : NULL;
	status = FD_EXIT_OK;
	if (fd_cli_begin(&c) != 0) {
		status = FD_EXIT_IO;
		goto out;
	}
	if (b.list) {
		b.dd = &c.dd;
		for (i = optind; i < argc; i++)
			status = worse(status, build_one(argv[i], &b));
		goto out;
	}
	if (mkdir(b.outdir, 0777) != 0 && errno != EEXIST) {
		fd_msg(c.d, M_MKDIR, b.outdir, 0, 0, strerror(errno));
		status = FD_EXIT_IO;
		goto out;
	}
	if (!fd_is_dir(b.outdir)) {
		fd_msg(c.d, M_NOT_FOLDER, b.outdir, 0, 0);
		status = FD_EXIT_IO;
		goto out;
	}
	/* What killed runs left here is removed. Then one sync an
	 * inspection rather than one a file: for the six examples (66
	 * files) strace -c -w counted 0.16 to 0.21 s in fsync against 0.02
	 * to 0.03 s in six syncfs, on ext4. syncfs waits for all of the
	 * file system's dirty data, which is ours here. */
	fd_out_sweep(b.outdir);
	fd_out_defer_sync(1);
	b.dd = &c.dd;
	if (bo.jobs == 1 || argc - optind == 1) {
		for (i = optind; i < argc; i++)
			status = worse(status, build_one(argv[i], &b));
	} else {
		status = run_jobs(argv + optind, argc - optind, (int)bo.jobs,
				  &b);
	}
out:
	return fd_cli_end(&c, status);
}
