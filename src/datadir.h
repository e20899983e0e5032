/*
 * datadir.h: where templates and styles are found (SPEC.md): --templates
 * DIR and --style FILE first, then $FINDINGS_DATADIR, then the installed
 * data directory, then the source tree the program was built from.
 */
#ifndef FD_DATADIR_H
#define FD_DATADIR_H

#include "diag.h"

struct fd_datadir {
	char *templates; /* folder holding schema/ and one folder a framework */
	char *styles;	 /* folder holding the styles' XML files */
};

/*
 * Fills dd from the first candidate whose templates folder has
 * schema/inspection.rng. templates_opt is --templates or NULL. Returns 0,
 * or reports an FD_IOERR diagnostic and returns -1.
 */
int fd_datadir_find(struct fd_datadir *dd, const char *templates_opt,
		    struct fd_diags *d);
void fd_datadir_clear(struct fd_datadir *dd);

/*
 * Whether path (a file that exists) lies in the program's own data: the
 * templates and styles of the first of the program's own data folders
 * (beside the program, installed, the source tree) that holds templates,
 * whatever --templates or $FINDINGS_DATADIR say. Those files are checked
 * against their schemas by the tests (tests/data), not at every run; a
 * copy anywhere else is checked when it is read.
 */
int fd_datadir_is_own(const char *path);

/* A file under the templates folder, e.g. "jtai-2019/letter.xsl"; NULL
 * when missing. The caller frees the result. */
char *fd_datadir_template(const struct fd_datadir *dd, const char *rel);
/* The style file for --style NAME or PATH ("gov-uk" by default). */
char *fd_datadir_style(const struct fd_datadir *dd, const char *style_opt);

#endif
