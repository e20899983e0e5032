/* output.c: atomic writes, and no leftovers after faults and signals. */
#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

/* The mark of our temporary names, and of build's staging folders. */
#define TEMP_MARK ".findings-"
#define STAGE_PREFIX ".findings-build-"
/* Random characters at the end of either name. */
#define SUFFIX_LEN 6
/* Of an output's name, this much is kept in its temporary name, so that
 * the temporary name fits NAME_MAX (255) however long the output's. */
#define BASE_KEEP 200
/* Build's workers a signal is passed on to (build's -j is at most 256). */
#define MAX_KIDS 256

/* What a signal handler must remove: fixed buffers, set with the
 * terminating signals blocked, so that the handler never sees one half
 * written. */
static char temp_path[PATH_MAX];       /* the temporary file being written */
static volatile sig_atomic_t temp_on;  /* temp_path is registered */
static char stage_path[PATH_MAX];      /* build's staging folder */
static volatile sig_atomic_t stage_on; /* stage_path is registered */
static pid_t kids[MAX_KIDS];	       /* build's running workers */
static volatile sig_atomic_t nkids;    /* how many */
static int defer_sync;		       /* fd_out_defer_sync */

/* The signals that end the program and that we clean up after. */
static const int fatal_signals[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT};

static void
block(sigset_t *old)
{
	sigset_t set;
	size_t i;

	sigemptyset(&set);
	for (i = 0; i < sizeof fatal_signals / sizeof *fatal_signals; i++)
		sigaddset(&set, fatal_signals[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

static void
unblock(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

/* Removes folder dir and the files in it, with async-signal-safe calls
 * only (getdents64 rather than readdir, which allocates). */
static void
remove_stage_raw(const char *dir)
{
	char buf[4096];
	ssize_t n, off;
	int fd, pass;

	for (pass = 0; pass < 4 && rmdir(dir) != 0 && errno == ENOTEMPTY;
	     pass++) {
		if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
			return;
		while ((n = getdents64(fd, buf, sizeof buf)) > 0)
			for (off = 0; off < n;) {
				struct dirent64 *e =
					(struct dirent64 *)(void *)(buf + off);

				if (strcmp(e->d_name, ".") != 0 &&
				    strcmp(e->d_name, "..") != 0)
					unlinkat(fd, e->d_name, 0);
				off += e->d_reclen;
			}
		close(fd);
	}
}

static void
on_fatal(int sig)
{
	int saved = errno;
	sig_atomic_t i;

	for (i = 0; i < nkids; i++)
		kill(kids[i], sig);
	if (temp_on)
		unlink(temp_path);
	if (stage_on)
		remove_stage_raw(stage_path);
	errno = saved;
	/* The handler was reset (SA_RESETHAND): the signal, pending until
	 * we return, now ends the program as it would have. */
	raise(sig);
}

void
fd_out_signals(void)
{
	struct sigaction sa, old;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fatal;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof fatal_signals / sizeof *fatal_signals; i++)
		sigaddset(&sa.sa_mask, fatal_signals[i]);
	for (i = 0; i < sizeof fatal_signals / sizeof *fatal_signals; i++) {
		/* A signal the caller ignores (a background job's SIGINT)
		 * stays ignored. */
		if (sigaction(fatal_signals[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(fatal_signals[i], &sa, NULL);
	}
	/* Past a file-size limit write() fails with EFBIG, and on a closed
	 * pipe with EPIPE, instead of the process dying without a word:
	 * both are then reported as write errors (exit 3). */
	signal(SIGXFSZ, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
}

/* SUFFIX_LEN random letters and digits into s (not NUL-terminated). */
static void
random_suffix(char *s)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				  "abcdefghijklmnopqrstuvwxyz0123456789";
	static unsigned long long counter;
	struct timespec ts;
	unsigned long long x;
	int i;

	clock_gettime(CLOCK_REALTIME, &ts);
	x = (unsigned long long)ts.tv_nsec ^
	    ((unsigned long long)ts.tv_sec << 30) ^
	    ((unsigned long long)getpid() << 16) ^ (++counter * 0x9e3779b97f4a7c15ULL);
	for (i = 0; i < SUFFIX_LEN; i++) {
		s[i] = set[x % (sizeof set - 1)];
		x = x / (sizeof set - 1) ^ (x << 23) ^ counter;
	}
}

/* Whether s is SUFFIX_LEN letters and digits and nothing more. */
static int
is_suffix(const char *s)
{
	int i;

	for (i = 0; i < SUFFIX_LEN; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9')))
			return 0;
	return s[SUFFIX_LEN] == '\0';
}

/* The process id of "PID-XXXXXX" at s, or 0 when s is not that. */
static pid_t
pid_of(const char *s)
{
	long pid = 0;

	if (*s < '1' || *s > '9')
		return 0;
	while (*s >= '0' && *s <= '9' && pid < 100000000)
		pid = pid * 10 + (*s++ - '0');
	return *s == '-' && is_suffix(s + 1) ? (pid_t)pid : 0;
}

/* The process that made a leftover named name, or 0 when name is not one
 * of ours; *stage is set for a staging folder. */
static pid_t
leftover_pid(const char *name, int *stage)
{
	const char *mark;

	*stage = strncmp(name, STAGE_PREFIX, strlen(STAGE_PREFIX)) == 0;
	if (*stage)
		return pid_of(name + strlen(STAGE_PREFIX));
	if (name[0] != '.' || (mark = strstr(name + 1, TEMP_MARK)) == NULL ||
	    mark == name + 1)
		return 0;
	/* The last mark: an output may be called "a.findings-1-x.pdf". */
	while (strstr(mark + 1, TEMP_MARK) != NULL)
		mark = strstr(mark + 1, TEMP_MARK);
	return pid_of(mark + strlen(TEMP_MARK));
}

/* Removes the files in a dead run's staging folder, then the folder; a
 * subfolder (never ours) keeps it. */
static void
remove_stage(int dirfd, const char *name)
{
	int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
					     O_CLOEXEC);
	struct dirent *e;
	struct stat st;
	DIR *dir;

	if (fd < 0 || (dir = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((e = readdir(dir)) != NULL)
		if (fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(st.st_mode))
			unlinkat(fd, e->d_name, 0);
	closedir(dir);
	unlinkat(dirfd, name, AT_REMOVEDIR);
}

void
fd_out_sweep(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC), stage;
	struct dirent *e;
	struct stat st;
	pid_t pid;
	DIR *dir;

	if (fd < 0 || (dir = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((e = readdir(dir)) != NULL) {
		if (e->d_name[0] != '.' ||
		    (pid = leftover_pid(e->d_name, &stage)) == 0 ||
		    pid == getpid() ||
		    fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    st.st_uid != geteuid() ||
		    !(stage ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode)))
			continue;
		/* Only a run that has ended: a live one is still writing. */
		if (kill(pid, 0) == 0 || errno != ESRCH)
			continue;
		if (stage)
			remove_stage(fd, e->d_name);
		else
			unlinkat(fd, e->d_name, 0);
	}
	closedir(dir);
}

char *
fd_out_stage(const char *outdir)
{
	char *path = NULL;
	sigset_t old;
	int tries, err = EEXIST;

	for (tries = 0; tries < 100 && err == EEXIST; tries++) {
		free(path);
		path = fd_xasprintf("%s/" STAGE_PREFIX "%ld-XXXXXX", outdir,
				    (long)getpid());
		random_suffix(path + strlen(path) - SUFFIX_LEN);
		if (strlen(path) >= sizeof stage_path) {
			err = ENAMETOOLONG;
			break;
		}
		block(&old);
		memcpy(stage_path, path, strlen(path) + 1);
		stage_on = 1;
		err = mkdir(path, 0700) == 0 ? 0 : errno;
		if (err)
			stage_on = 0;
		unblock(&old);
	}
	if (err) {
		free(path);
		errno = err;
		return NULL;
	}
	return path;
}

void
fd_out_unstage(void)
{
	stage_on = 0;
}

void
fd_out_defer_sync(int on)
{
	defer_sync = on;
}

int
fd_out_sync(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), err = 0;

	if (fd < 0)
		return errno;
	if (syncfs(fd) != 0)
		err = errno;
	close(fd);
	return err;
}

pid_t
fd_out_fork(void)
{
	sigset_t old;
	pid_t pid;

	block(&old);
	pid = fork();
	if (pid == 0) {
		nkids = 0;
		temp_on = 0;
		stage_on = 0;
	} else if (pid > 0 && nkids < MAX_KIDS) {
		kids[nkids] = pid;
		nkids = nkids + 1;
	}
	unblock(&old);
	return pid;
}

void
fd_out_reaped(pid_t pid)
{
	sigset_t old;
	sig_atomic_t i;

	block(&old);
	for (i = 0; i < nkids; i++)
		if (kids[i] == pid) {
			kids[i] = kids[nkids - 1];
			nkids = nkids - 1;
			break;
		}
	unblock(&old);
}

/* Writes all of data to fd; returns 0 or an errno value. */
static int
write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, p, len);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Writes data into the device, pipe or socket at path (renaming over it
 * would put a plain file in place of /dev/null). */
static int
write_special(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC), err;

	if (fd == -1)
		return errno;
	err = write_all(fd, data, len);
	if (close(fd) == -1 && err == 0)
		err = errno;
	return err;
}

/*
 * Creates the temporary file for the output base in folder dir
 * (".BASE.findings-PID-XXXXXX", mode 0666 less the umask), registered
 * for the signal handler. Returns its descriptor, or -1 with errno set.
 */
static int
open_temp(const char *dir, const char *base, char **tmp)
{
	int fd = -1, tries, err = EEXIST;
	sigset_t old;

	*tmp = NULL;
	for (tries = 0; tries < 100 && err == EEXIST; tries++) {
		free(*tmp);
		*tmp = fd_xasprintf("%s/.%.*s" TEMP_MARK "%ld-XXXXXX", dir,
				    BASE_KEEP, base, (long)getpid());
		random_suffix(*tmp + strlen(*tmp) - SUFFIX_LEN);
		if (strlen(*tmp) >= sizeof temp_path) {
			err = ENAMETOOLONG;
			break;
		}
		block(&old);
		memcpy(temp_path, *tmp, strlen(*tmp) + 1);
		temp_on = 1;
		fd = open(*tmp,
			  O_WRONLY | O_CREAT | O_EXCL | O_NOCTTY | O_CLOEXEC,
			  0666);
		err = fd < 0 ? errno : 0;
		if (fd < 0)
			temp_on = 0;
		unblock(&old);
	}
	if (fd < 0) {
		free(*tmp);
		*tmp = NULL;
		errno = err;
	}
	return fd;
}

/* Whether folder dir is the registered staging folder (made empty by
 * us: nothing to sweep). */
static int
is_stage(const char *dir)
{
	return stage_on && strcmp(dir, stage_path) == 0;
}

int
fd_write_atomic(const char *path, const void *data, size_t len)
{
	const char *slash = strrchr(path, '/');
	char *dir, *tmp;
	struct stat st;
	int fd, err = 0, keep = -1;

	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return EISDIR;
		if (!S_ISREG(st.st_mode))
			return write_special(path, data, len);
		/* A file replaced keeps its permissions. */
		keep = (int)(st.st_mode & 07777);
	}
	dir = slash == NULL	   ? fd_xstrdup(".")
	      : slash == path	   ? fd_xstrdup("/")
				   : fd_xasprintf("%.*s", (int)(slash - path), path);
	if (!is_stage(dir))
		fd_out_sweep(dir);
	if ((fd = open_temp(dir, slash ? slash + 1 : path, &tmp)) < 0) {
		err = errno;
		free(dir);
		return err;
	}
	err = write_all(fd, data, len);
	if (err == 0 && keep >= 0 && fchmod(fd, (mode_t)keep) == -1)
		err = errno;
	if (err == 0 && !defer_sync && fsync(fd) == -1 && errno != EINVAL)
		err = errno;
	if (close(fd) == -1 && err == 0)
		err = errno;
	if (err == 0 && rename(tmp, path) == -1)
		err = errno;
	if (err)
		unlink(tmp);
	temp_on = 0;
	free(tmp);
	free(dir);
	return err;
}
