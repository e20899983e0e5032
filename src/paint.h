/*
 * paint.h: pages of drawing operations (layout.h) painted on Cairo's PDF
 * surface, into memory. Private to the typesetting engine.
 */
#ifndef FD_PAINT_H
#define FD_PAINT_H

#include "diag.h"
#include "doctree.h"
#include "layout.h"
#include "util.h"

/*
 * Paints pages into a PDF whose metadata (title, author, subject,
 * keywords) come from doc, created at date (seconds since the epoch).
 * Everything is inside one Document structure tag; the page furniture is
 * drawn outside any leaf tag, so it is not part of the structure. Returns
 * 0 with the PDF appended to out, or reports an error and returns -1.
 */
int fd_paint_pdf(const struct fd_pages *pages, const struct fd_doc *doc,
		 long long date, const char *name, struct fd_buf *out,
		 struct fd_diags *d);

#endif
