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
 * so that each happens at the one moment the test needs, every time.
 */
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
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
