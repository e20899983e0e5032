/*
 * markdown.h: CommonMark prose to document tree nodes. markdown.c is the
 * only file that includes cmark; it walks cmark's node tree itself, so raw
 * HTML is dropped and only http:, https: and mailto: links survive
 * (docs/document-tree.md, Markdown).
 */
#ifndef FD_MARKDOWN_H
#define FD_MARKDOWN_H

#include <stddef.h>

#include "diag.h"
#include "doctree.h"
#include "util.h"

/* Bytes of one Markdown block, after placeholders are filled: cmark 0.30.2
 * has quadratic cases, so larger blocks are refused. */
#define FD_MARKDOWN_MAX (64u * 1024u)
/* Nesting of lists and block quotes in one Markdown block. */
#define FD_MARKDOWN_MAX_DEPTH 12

/*
 * Parses len bytes of Markdown and appends the blocks to parent. file and
 * line (the first line of text) locate diagnostics. Returns 0, or reports
 * an error and returns -1 (parent may then hold some of the blocks).
 */
int fd_markdown_parse(const char *text, size_t len, struct fd_node *parent,
		      const char *file, long line, struct fd_diags *d);

/*
 * Fills every {{name}} of a Markdown template with values' entry for name,
 * escaped so that it prints literally (a newline becomes a space). file
 * locates diagnostics: an unknown or malformed placeholder is an error at
 * its line and column. Returns the filled text (the caller frees it) or
 * NULL after reporting errors. values may be NULL (then any placeholder is
 * unknown).
 */
char *fd_markdown_fill(const char *tmpl, size_t len,
		       const struct fd_map *values, const char *file,
		       struct fd_diags *d);

/* A copy of text without the common leading indentation of its non-blank
 * lines and without blank lines at its start; the caller frees it. */
char *fd_markdown_dedent(const char *text);

/*
 * Prose is never a block of code: a copy of text in which every indented
 * code block (lines indented by a tab or four spaces more than their
 * container, as text pasted from a word processor often is) becomes
 * prose at its container's column; NULL when text has none (or is over
 * FD_MARKDOWN_MAX). *firsts gets the line (1-based, in text) where each
 * such block starts, *n their number; the caller frees the result and
 * *firsts. Fenced code blocks (```) are markup, and stay.
 */
char *fd_markdown_unindent(const char *text, long **firsts, size_t *n);

#endif
