/*
 * emit_html.h: a document tree (doctree.h) as a small HTML page, the
 * text/html part of an email.
 *
 * Layering: walks the C tree only; sees neither libxml2, cmark nor GMime.
 * The page is plain HTML5 with inline styles only (mail clients drop style
 * sheets), every text and attribute escaped, no script, no image, no
 * external resource; links are those the tree kept (http:, https:,
 * mailto:).
 */
#ifndef FD_EMIT_HTML_H
#define FD_EMIT_HTML_H

#include "doctree.h"

/* The whole page for doc, UTF-8, lines ended by '\n'. Returns a string
 * the caller frees. */
char *fd_emit_html(const struct fd_doc *doc);

#endif
