/* datadir.c: finding the templates and styles folders. */
#include "datadir.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msg.h"

static int
usable(const char *templates)
{
	char *rng = fd_path_join(templates, "schema/inspection.rng");
	int ok = fd_is_file(rng);

	free(rng);
	return ok;
}

/* Tries a data folder holding templates/ and styles/. */
static int
try_datadir(struct fd_datadir *dd, const char *base)
{
	char *t = fd_path_join(base, "templates");

	if (!usable(t)) {
		free(t);
		return 0;
	}
	dd->templates = t;
	dd->styles = fd_path_join(base, "styles");
	return 1;
}

/* The folder of the running program, for a relocated copy. */
static char *
exe_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	if ((slash = strrchr(buf, '/')) == NULL)
		return NULL;
	*slash = '\0';
	return fd_xstrdup(buf);
}

/* The first of the program's own data folders (beside the program, for
 * a relocated copy; installed; the source tree) that holds templates, or
 * NULL. The caller frees it. */
static char *
own_candidate(void)
{
	char *exe = exe_dir(), *found = NULL, *t;
	char *rel = exe ? fd_path_join(exe, FD_RELATIVE_DATADIR) : NULL;
	const char *cand[3] = {rel, FD_INSTALL_DATADIR, FD_SOURCE_DATADIR};
	size_t i;

	for (i = 0; i < 3 && found == NULL; i++) {
		if (cand[i] == NULL)
			continue;
		t = fd_path_join(cand[i], "templates");
		if (usable(t))
			found = fd_xstrdup(cand[i]);
		free(t);
	}
	free(rel);
	free(exe);
	return found;
}

/* own_candidate resolved ("" when there is none): found once a process
 * (pthread_once, so that any thread may ask). */
static char *own_dir;
static pthread_once_t own_once = PTHREAD_ONCE_INIT;

static void
find_own(void)
{
	char *base = own_candidate();

	if (base != NULL)
		own_dir = realpath(base, NULL);
	free(base);
	if (own_dir == NULL)
		own_dir = fd_xstrdup("");
}

static const char *
own_base(void)
{
	pthread_once(&own_once, find_own);
	return own_dir;
}

/* Whether real (a resolved path) lies under base/sub/. */
static int
under(const char *real, const char *base, const char *sub)
{
	size_t n = strlen(base), m = strlen(sub);

	return n > 0 && strncmp(real, base, n) == 0 && real[n] == '/' &&
	       strncmp(real + n + 1, sub, m) == 0 && real[n + 1 + m] == '/';
}

int
fd_datadir_is_own(const char *path)
{
	const char *base = own_base();
	char *real;
	int own;

	if (*base == '\0' || (real = realpath(path, NULL)) == NULL)
		return 0;
	own = under(real, base, "templates") || under(real, base, "styles");
	free(real);
	return own;
}

int
fd_datadir_find(struct fd_datadir *dd, const char *templates_opt,
		struct fd_diags *d)
{
	const char *env = getenv("FINDINGS_DATADIR");
	char *base, *rel;
	int ok;

	memset(dd, 0, sizeof *dd);
	if (templates_opt != NULL) {
		if (!usable(templates_opt)) {
			fd_msg(d, M_NOT_TEMPLATES, templates_opt, 0, 0);
			return -1;
		}
		dd->templates = fd_xstrdup(templates_opt);
		/* styles/ beside the templates folder, as in the tree. */
		rel = fd_path_join(templates_opt, "../styles");
		if (fd_is_dir(rel))
			dd->styles = rel;
		else {
			free(rel);
			dd->styles = fd_path_join(FD_SOURCE_DATADIR, "styles");
		}
		return 0;
	}
	if (env != NULL && *env != '\0') {
		if (try_datadir(dd, env))
			return 0;
		fd_msg(d, M_DATADIR_EMPTY, env, 0, 0);
		return -1;
	}
	if ((base = own_candidate()) != NULL) {
		ok = try_datadir(dd, base);
		free(base);
		if (ok)
			return 0;
	}
	fd_msg(d, M_NO_TEMPLATES, "findings", 0, 0);
	return -1;
}

void
fd_datadir_clear(struct fd_datadir *dd)
{
	free(dd->templates);
	free(dd->styles);
	memset(dd, 0, sizeof *dd);
}

char *
fd_datadir_template(const struct fd_datadir *dd, const char *rel)
{
	char *p = fd_path_join(dd->templates, rel);

	if (fd_is_file(p))
		return p;
	free(p);
	return NULL;
}

char *
fd_datadir_style(const struct fd_datadir *dd, const char *style_opt)
{
	char *p, *name;

	if (style_opt == NULL)
		style_opt = "gov-uk";
	/* A path to a file is taken as it is; a bare name is looked up. */
	if (strchr(style_opt, '/') != NULL || fd_is_file(style_opt))
		return fd_xstrdup(style_opt);
	name = strstr(style_opt, ".xml") ? fd_xstrdup(style_opt)
					 : fd_xasprintf("%s.xml", style_opt);
	p = fd_path_join(dd->styles, name);
	free(name);
	return p;
}
