/*
 * finish.h: what Cairo 1.16 cannot write into a PDF, added as an
 * incremental update after its bytes (finish.c, with pdfobj.h): artifacts for everything painted outside the structure,
 * the structure attributes PDF/UA-1 asks for (table scopes and spans, link
 * descriptions), the catalogue's /Lang, /ViewerPreferences /DisplayDocTitle,
 * XMP metadata with the PDF/UA identification, dates in the PDF form, PDF
 * 1.7, and a deterministic /ID. Private to the typesetting engine.
 */
#ifndef FD_FINISH_H
#define FD_FINISH_H

#include <stddef.h>

#include "diag.h"
#include "doctree.h"
#include "layout.h"
#include "paint.h"

/*
 * Finishes the PDF that paint.c painted into pdf, its artifacts
 * drawn under each page in /Artifact marked content, with doc's language
 * and title and date (seconds since the epoch). Returns 0 with the new
 * file in *out (the caller frees it; pdf's body buffer is taken for it)
 * and *outlen, or reports an error and returns -1.
 */
int fd_finish_pdf(struct fd_painted *pdf, const struct fd_doc *doc,
		  long long date, const char *name, char **out,
		  size_t *outlen, struct fd_diags *d);

#endif
