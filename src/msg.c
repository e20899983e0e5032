/*
 * msg.c: the catalogue of diagnostics (msg.h).
 */
#include "msg.h"

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
