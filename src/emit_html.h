/*
 * emit_html.h: a document tree (doctree.h) as HTML: the HTML edition of a
 * published document, and the text/html part of an email.
 *
 * Layering: walks the C tree only; sees neither libxml2, cmark nor GMime.
 * Both are plain HTML5, every text and attribute escaped, no script, no
 * image, no external resource; links are those the tree kept (http:,
 * https:, mailto:). The edition carries its own style sheet; the email
 * styles each element inline (mail clients drop style sheets).
 */
#ifndef FD_EMIT_HTML_H
#define FD_EMIT_HTML_H

#include "doctree.h"

/* The email's page for doc, UTF-8, lines ended by '\n'. Returns a string
 * the caller frees. */
char *fd_emit_html(const struct fd_doc *doc);

/* The HTML edition of doc, in the manner of a GOV.UK HTML publication:
 * one self-contained file. Returns a string the caller frees. */
char *fd_emit_html_edition(const struct fd_doc *doc);

#endif
