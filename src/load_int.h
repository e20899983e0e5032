/*
 * load_int.h: private to the loader (load.c, load_explain.c).
 */
#ifndef FD_LOAD_INT_H
#define FD_LOAD_INT_H

#include "load.h"

/*
 * What libxml2 said about malformed XML, put in words a person who
 * pasted text from a word processor can act on ("write & as &amp;"), and
 * where, reported into d as a message of the catalogue (msg.h) at path.
 * line and col (1-based, columns in characters) come in as libxml2 gives
 * them; the message is at the character to change (the '&', the curly
 * quote, the tag left open). src and len are the file's bytes,
 * line_start and nlines where its lines start. Returns 1 when it
 * reported, 0 when libxml2's own words are all there is.
 */
int fd_explain_parse_error(const struct fd_parse_error *err, const char *src,
			   size_t len, const size_t *line_start, size_t nlines,
			   const char *path, long line, long col,
			   struct fd_diags *d);

#endif
