/*
 * diag.h: diagnostics, one a line, "FILE:LINE:COL: error|warning: message".
 *
 * Every stage reports through a struct fd_diags; nothing else prints to
 * stderr. Diagnostics are collected, then printed sorted by file, line and
 * column, so the order does not depend on the order of the checks.
 */
#ifndef FD_DIAG_H
#define FD_DIAG_H

#include "util.h"

/* Sorted by severity: the exit status is derived from the worst seen. */
enum fd_level {
	FD_NOTE,    /* information attached to a diagnostic; never fails */
	FD_WARNING, /* worth a look; does not stop rendering */
	FD_ERROR,   /* the input is wrong: nothing is written, exit 1 */
	FD_IOERR,   /* a file could not be read or written: exit 3 */
	FD_USAGE    /* a mistake on the command line: said at once as
		       "findings COMMAND: message" (msg.h: fd_msg_say), never
		       collected here; exit 2 */
};

/* Exit statuses of the program (SPEC.md). */
enum fd_exit {
	FD_EXIT_OK = 0,	   /* no error */
	FD_EXIT_INPUT = 1, /* errors in the input */
	FD_EXIT_USAGE = 2, /* bad command line */
	FD_EXIT_IO = 3	   /* input or output failure */
};

struct fd_diags;

struct fd_diags *fd_diags_new(void);
void fd_diags_free(struct fd_diags *d);

/* Adds a diagnostic; line and col are 1-based, 0 when unknown. The stages
 * take their messages from the catalogue instead (msg.h: fd_msg), but for
 * those its comment names as not yet in it. */
void fd_diag(struct fd_diags *d, enum fd_level level, const char *file,
	     long line, long col, const char *fmt, ...) FD_PRINTF(6, 7);
void fd_vdiag(struct fd_diags *d, enum fd_level level, const char *file,
	      long line, long col, const char *fmt, va_list ap);

/* Moves every collected diagnostic of from into to. */
void fd_diags_move(struct fd_diags *from, struct fd_diags *to);
/* The same, with every input error (FD_ERROR) made a diagnostic of level
 * instead: for a part of the work the caller chooses to skip. */
void fd_diags_move_as(struct fd_diags *from, struct fd_diags *to,
		      enum fd_level level);
/* The same, but every error reported in file at is reported instead at
 * file:line:col, its message after prefix and followed by where it was
 * found: for an error that a later stage finds in what the input made. */
void fd_diags_refile(struct fd_diags *from, struct fd_diags *to,
		     const char *at, const char *file, long line, long col,
		     const char *prefix);
/* Prints what was collected (sorted) to stderr and forgets it. */
void fd_diags_flush(struct fd_diags *d);
/* The worst level seen since creation, or -1 when nothing was reported. */
int fd_diags_worst(const struct fd_diags *d);
unsigned fd_diags_count(const struct fd_diags *d, enum fd_level level);
/* The exit status for what was seen: 0, 1 or 3. */
enum fd_exit fd_diags_exit(const struct fd_diags *d);
/* The messages collected so far (not yet flushed), one a line, for tests
 * and for the fuzzer. The caller frees the string. */
char *fd_diags_text(const struct fd_diags *d);

#endif
