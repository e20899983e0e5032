/*
 * inject.c: faults on demand for tests/faults, loaded with LD_PRELOAD.
 *
 * FINDINGS_FAULT names one:
 *   enospc      write() to a regular file fails with ENOSPC (a full disk)
 *   term-fsync  fsync() first sends the process SIGTERM (killed while a
 *               temporary file is open)
 *   kill-fsync  the same with SIGKILL (nothing can clean up)
 *   term-syncfs syncfs() first sends SIGTERM (build, its files staged)
 *   kill-syncfs the same with SIGKILL
 *   open:SUFFIX fopen() of a file whose name ends in SUFFIX is reported
 *               on standard error ("inject: opened PATH"), for
 *               tests/startup to count how often a file is parsed
 * so that each happens at the one moment the test needs, every time.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int
fault(const char *name)
{
	const char *f = getenv("FINDINGS_FAULT");

	return f != NULL && strcmp(f, name) == 0;
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	static ssize_t (*real)(int, const void *, size_t);
	struct stat st;

	if (fault("enospc") && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		errno = ENOSPC;
		return -1;
	}
	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "write");
	return real(fd, buf, n);
}

int
fsync(int fd)
{
	static int (*real)(int);

	if (fault("term-fsync"))
		raise(SIGTERM);
	if (fault("kill-fsync"))
		raise(SIGKILL);
	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "fsync");
	return real(fd);
}

int
syncfs(int fd)
{
	static int (*real)(int);

	if (fault("term-syncfs"))
		raise(SIGTERM);
	if (fault("kill-syncfs"))
		raise(SIGKILL);
	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "syncfs");
	return real(fd);
}

/* Reports path when FINDINGS_FAULT is open:SUFFIX and path ends in it. */
static void
report_open(const char *path)
{
	const char *f = getenv("FINDINGS_FAULT");
	size_t n, m;

	if (f == NULL || strncmp(f, "open:", 5) != 0)
		return;
	n = strlen(path);
	m = strlen(f + 5);
	if (n >= m && strcmp(path + n - m, f + 5) == 0)
		dprintf(2, "inject: opened %s\n", path);
}

/* libxml2 opens its files with fopen64 or open64. */
FILE *
fopen64(const char *path, const char *mode)
{
	static FILE *(*real)(const char *, const char *);

	report_open(path);
	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "fopen64");
	return real(path, mode);
}

int
open64(const char *path, int flags, ...)
{
	static int (*real)(const char *, int, ...);
	mode_t mode = 0;
	va_list ap;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	report_open(path);
	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "open64");
	return real(path, flags, mode);
}


/* The program's own files (fd_read_file) are opened with fopen. */
FILE *
fopen(const char *path, const char *mode)
{
	static FILE *(*real)(const char *, const char *);

	report_open(path);
	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "fopen");
	return real(path, mode);
}

int
open(const char *path, int flags, ...)
{
	static int (*real)(const char *, int, ...);
	mode_t mode = 0;
	va_list ap;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	report_open(path);
	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "open");
	return real(path, flags, mode);
}
