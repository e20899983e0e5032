/*
 * msg.c: the catalogue of diagnostics (msg.h), and the saying at once of
 * the command line's.
 */
#include "msg.h"

#include <stdio.h>

const struct fd_msg_info fd_msgs[M__COUNT] = {
#define X(name, level, text) {#name, level, text},
	FD_MSGS(X)
#undef X
};

void
fd_vmsg(struct fd_diags *d, enum fd_msg m, const char *file, long line,
	long col, va_list ap)
{
	fd_vdiag(d, fd_msgs[m].level, file, line, col, fd_msgs[m].text, ap);
}

void
fd_msg(struct fd_diags *d, enum fd_msg m, const char *file, long line,
       long col, ...)
{
	va_list ap;

	va_start(ap, col);
	fd_vmsg(d, m, file, line, col, ap);
	va_end(ap);
}

int
fd_vmsg_say(const char *command, enum fd_msg m, va_list ap)
{
	/* stderr is unbuffered: nothing is allocated, so running out of
	 * memory can be said too. */
	fprintf(stderr, "findings%s%s: ", command ? " " : "",
		command ? command : "");
	vfprintf(stderr, fd_msgs[m].text, ap);
	fputc('\n', stderr);
	switch (fd_msgs[m].level) {
	case FD_USAGE:
		return FD_EXIT_USAGE;
	case FD_IOERR:
		return FD_EXIT_IO;
	case FD_ERROR:
		return FD_EXIT_INPUT;
	default:
		return FD_EXIT_OK;
	}
}

int
fd_msg_say(const char *command, enum fd_msg m, ...)
{
	va_list ap;
	int status;

	va_start(ap, m);
	status = fd_vmsg_say(command, m, ap);
	va_end(ap);
	return status;
}
