/*
 * emit_text.h: a document tree (doctree.h) as plain text, the text/plain
 * part of an email.
 *
 * Layering: walks the C tree only; sees neither libxml2, cmark nor GMime.
 * Paragraphs are wrapped at a width counted in characters, lists are
 * "- " or "1. " with hanging indents, links are "text <url>", checkboxes
 * "[x]" or "[ ]", headings underlined, a change report's words taken out
 * "[-...-]" and put in "{+...+}".
 */
#ifndef FD_EMIT_TEXT_H
#define FD_EMIT_TEXT_H

#include "doctree.h"

/*
 * The body of doc as UTF-8 text, lines ended by '\n', wrapped at width
 * characters where words allow (a longer word, such as an address, keeps
 * its own line). Returns a string the caller frees.
 */
char *fd_emit_text(const struct fd_doc *doc, int width);

#endif
