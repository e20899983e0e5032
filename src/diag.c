/* diag.c: collecting, sorting and printing diagnostics. */
#include "diag.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct diag {
	enum fd_level level; /* severity */
	char *file;	     /* file name as given on the command line */
	long line;	     /* 1-based line, 0 when unknown */
	long col;	     /* 1-based column, 0 when unknown */
	char *msg;	     /* the message, without trailing newline */
	size_t seq;	     /* order of arrival, to keep sorting stable */
};

struct fd_diags {
	struct diag *v;	   /* collected, not yet printed */
	size_t n, cap;	   /* used and allocated entries of v */
	size_t seq;	   /* next arrival number */
	int worst;	   /* worst level seen, -1 for none */
	unsigned count[FD_IOERR + 1]; /* how many of each level were seen */
};

static const char *const level_names[] = {"note", "warning", "error", "error"};

struct fd_diags *
fd_diags_new(void)
{
	struct fd_diags *d = fd_xcalloc(1, sizeof *d);

	d->worst = -1;
	return d;
}

static void
forget(struct fd_diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	d->n = 0;
}

void
fd_diags_free(struct fd_diags *d)
{
	if (d == NULL)
		return;
	forget(d);
	free(d->v);
	free(d);
}

void
fd_vdiag(struct fd_diags *d, enum fd_level level, const char *file,
	 long line, long col, const char *fmt, va_list ap)
{
	struct fd_buf b = {0};
	struct diag *x;
	char *p;

	assert(level <= FD_IOERR);
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 32;
		d->v = fd_xreallocarray(d->v, d->cap, sizeof *d->v);
	}
	fd_buf_vaddf(&b, fmt, ap);
	/* One diagnostic is one line, whatever the input put in a value. */
	for (p = b.data; p && *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	x = &d->v[d->n++];
	x->level = level;
	x->file = fd_xstrdup(file ? file : "findings");
	x->line = line;
	x->col = col;
	x->msg = fd_buf_steal(&b);
	x->seq = d->seq++;
	if ((int)level > d->worst)
		d->worst = (int)level;
	d->count[level]++;
}

void
fd_diag(struct fd_diags *d, enum fd_level level, const char *file, long line,
	long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fd_vdiag(d, level, file, line, col, fmt, ap);
	va_end(ap);
}

static int
cmp(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Whether two diagnostics say the same thing at the same place. */
static int
same(const struct diag *x, const struct diag *y)
{
	return x->level == y->level && x->line == y->line &&
	       x->col == y->col && strcmp(x->file, y->file) == 0 &&
	       strcmp(x->msg, y->msg) == 0;
}

static void
format(struct fd_buf *b, const struct diag *x)
{
	fd_buf_adds(b, x->file);
	if (x->line > 0) {
		fd_buf_addf(b, ":%ld", x->line);
		if (x->col > 0)
			fd_buf_addf(b, ":%ld", x->col);
	}
	fd_buf_addf(b, ": %s: %s\n", level_names[x->level], x->msg);
}

char *
fd_diags_text(const struct fd_diags *d)
{
	struct fd_buf b = {0};
	struct diag *v = fd_xreallocarray(NULL, d->n, sizeof *v);
	size_t i;

	if (d->n)
		memcpy(v, d->v, d->n * sizeof *v);
	qsort(v, d->n, sizeof *v, cmp);
	/* Two steps that meet the same fault (an email's recipients, then
	 * the email) say it once. */
	for (i = 0; i < d->n; i++)
		if (i == 0 || !same(&v[i - 1], &v[i]))
			format(&b, &v[i]);
	free(v);
	return fd_buf_steal(&b);
}

void
fd_diags_flush(struct fd_diags *d)
{
	char *s = fd_diags_text(d);

	fputs(s, stderr);
	fflush(stderr);
	free(s);
	forget(d);
}

int
fd_diags_worst(const struct fd_diags *d)
{
	return d->worst;
}

unsigned
fd_diags_count(const struct fd_diags *d, enum fd_level level)
{
	return d->count[level];
}

enum fd_exit
fd_diags_exit(const struct fd_diags *d)
{
	if (d->count[FD_IOERR])
		return FD_EXIT_IO;
	if (d->count[FD_ERROR])
		return FD_EXIT_INPUT;
	return FD_EXIT_OK;
}

void
fd_diags_move(struct fd_diags *from, struct fd_diags *to)
{
	fd_diags_move_as(from, to, FD_ERROR);
}

void
fd_diags_move_as(struct fd_diags *from, struct fd_diags *to,
		 enum fd_level level)
{
	size_t i;

	for (i = 0; i < from->n; i++) {
		struct diag *x = &from->v[i];

		fd_diag(to, x->level == FD_ERROR ? level : x->level, x->file,
			x->line, x->col, "%s", x->msg);
	}
	forget(from);
}

void
fd_diags_refile(struct fd_diags *from, struct fd_diags *to, const char *at,
		const char *file, long line, long col, const char *prefix)
{
	size_t i;

	for (i = 0; i < from->n; i++) {
		struct diag *x = &from->v[i];

		if (x->level != FD_ERROR || strcmp(x->file, at) != 0)
			fd_diag(to, x->level, x->file, x->line, x->col, "%s",
				x->msg);
		else if (x->line > 0)
			fd_diag(to, x->level, file, line, col, "%s%s (%s:%ld)",
				prefix, x->msg, x->file, x->line);
		else
			fd_diag(to, x->level, file, line, col, "%s%s (%s)",
				prefix, x->msg, x->file);
	}
	forget(from);
}
