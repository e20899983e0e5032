/*
 * finish.h: what Cairo 1.16 cannot write into a PDF, added with libqpdf's
 * C API: the catalogue's /Lang, /ViewerPreferences /DisplayDocTitle, XMP
 * metadata, dates in the PDF form, and a deterministic /ID. Private to
 * the typesetting engine; the only file that includes qpdf.
 */
#ifndef FD_FINISH_H
#define FD_FINISH_H

#include <stddef.h>

#include "diag.h"
#include "doctree.h"

/*
 * Rewrites the PDF in pdf (len bytes) with doc's language and title and
 * date (seconds since the epoch). Returns 0 with the new file in *out
 * (the caller frees it) and *outlen, or reports an error and returns -1.
 */
int fd_finish_pdf(const char *pdf, size_t len, const struct fd_doc *doc,
		  long long date, const char *name, char **out,
		  size_t *outlen, struct fd_diags *d);

#endif
