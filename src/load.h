/*
 * load.h: the safe XML loader, for the inspection, styles and document
 * trees alike, and the one header of ours that includes libxml2.
 *
 * Layering: the files that see libxml2's trees are the loader (load.c,
 * load_explain.c, schema.c, style.c), the checker (check*.c and the
 * privacy gate, privacy.c), the facts (facts.c, calendar.c, timeline.c,
 * after.c, round.c, through calendar_int.h for the calendar), the XSLT
 * step (transform.c), the step from the stylesheets' output to the C
 * tree (doctree_xml.c: an email's <mail> too), render.c, which runs
 * them in order, and the inputs that are not an inspection (faform.c,
 * changes.c and their commands).
 * The document tree, layout, painting, the HTML, text and email engines
 * (mail.c), Markdown, the calendar file (ics.c) and the timeline command
 * do not: their headers name no libxml2 type.
 */
#ifndef FD_LOAD_H
#define FD_LOAD_H

#include <libxml/tree.h>

#include "diag.h"
#include "msg.h"

/* Bounds on what any input may be. */
#define FD_MAX_FILE (16u * 1024u * 1024u) /* bytes of one XML file */
#define FD_MAX_DEPTH 64			  /* element nesting */

struct fd_offsets;

/* A loaded XML file: its bytes, its tree, and where each line starts. */
struct fd_input {
	char *path;	     /* the name used in diagnostics */
	char *src;	     /* the file's bytes, NUL-terminated */
	size_t len;	     /* bytes in src */
	size_t *line_start;  /* offset of each line's first byte, 0-based */
	size_t nlines;	     /* entries in line_start */
	xmlDoc *doc;	     /* the parsed tree, owned */
	struct fd_offsets *offsets; /* where each element's '<' is */
};

/* What a safe parse found wrong. */
struct fd_parse_error {
	char *msg;	/* the first error's message, or NULL; caller frees */
	long line, col; /* where it is, 0 when unknown */
	int doctype;	/* a DOCTYPE stopped the parse */
	int code;	/* libxml2's error number (xmlParserErrors), or 0 */
	char name[64];	/* its first string (a tag's name), cut short */
	int int1;	/* its first number (the line a tag opened on) */
};

/*
 * Parses bytes with the safe options described in load.c, a DOCTYPE
 * stopping the parse at once. dict, when not NULL, is the dictionary the
 * tree's names must come from (libxslt's); offsets, when not NULL, gets the
 * byte offset of every start tag. Returns the tree, or NULL with *err
 * filled (also when a tree was built but an error was seen).
 */
xmlDoc *fd_parse_memory(const char *name, const char *data, size_t len,
			xmlDict *dict, struct fd_offsets *offsets,
			struct fd_parse_error *err);

/*
 * Reads and parses path. On any failure reports FILE:LINE:COL diagnostics
 * (FD_IOERR when the file cannot be read, FD_ERROR when it is not
 * acceptable XML) and returns NULL. The result is the caller's to free.
 */
struct fd_input *fd_load_file(const char *path, struct fd_diags *d);
/* The same from bytes in memory; name is used in diagnostics. */
struct fd_input *fd_load_memory(const char *name, const char *data,
				size_t len, struct fd_diags *d);
void fd_input_free(struct fd_input *in);

/*
 * Removes the common leading indentation from the text of every element
 * that holds only text (SPEC.md: prose may be indented to match the XML),
 * and blank lines at its start and end; squeezes the white space of every
 * attribute value (leading and trailing spaces, line breaks). A line still
 * indented like a block of code (a tab or four spaces more than the text
 * around it) is made prose.
 */
void fd_input_dedent(struct fd_input *in);
/* The same, with a warning through d at each line made prose. */
void fd_input_dedent_report(struct fd_input *in, struct fd_diags *d);

/* Line and column of an element's start tag ('<'), 1-based. */
void fd_input_locate(const struct fd_input *in, const xmlNode *node,
		     long *line, long *col);
/* Line and column of an attribute of an element; the element's own
 * position when the attribute is not found in the source. */
void fd_input_locate_attr(const struct fd_input *in, const xmlNode *node,
			  const char *attr, long *line, long *col);
/* The line where an element's text starts: the first character after
 * its start tag that is not white space (fd_input_dedent drops the rest),
 * the line of its Markdown's first line. */
long fd_input_text_line(const struct fd_input *in, const xmlNode *node);
/* Line and column of a byte offset into the source. */
void fd_input_offset_pos(const struct fd_input *in, size_t off, long *line,
			 long *col);

/* A diagnostic at an element (attr NULL) or at one of its attributes,
 * with a message of its own: for the stages not yet in the catalogue
 * (msg.h lists them); the others call fd_input_msg. */
void fd_input_diag(struct fd_diags *d, const struct fd_input *in,
		   const xmlNode *node, const char *attr, enum fd_level level,
		   const char *fmt, ...) FD_PRINTF(6, 7);

/* The same with message m of the catalogue (msg.h) and its arguments. */
void fd_input_msg(struct fd_diags *d, const struct fd_input *in,
		  const xmlNode *node, const char *attr, enum fd_msg m, ...);
void fd_input_vmsg(struct fd_diags *d, const struct fd_input *in,
		   const xmlNode *node, const char *attr, enum fd_msg m,
		   va_list ap);
/* The attribute's value (owned by the tree) or NULL. */
const char *fd_attr(const xmlNode *node, const char *name);
/* True when node is an element with this name. */
int fd_is_elem(const xmlNode *node, const char *name);
/* The first child element with this name, or NULL. */
xmlNode *fd_child(const xmlNode *node, const char *name);
/* The word of words nearest to word, for "did you mean …?": within one
 * edit for a short word, two or three for longer ones (a letter left
 * out, added, changed, or two swapped), case aside; NULL when none is
 * that near, or two different words are as near. Owned by words. */
const char *fd_nearest(const char *word, const char *const *words, size_t n);

/* The node after n in document order among root and its descendants
 * (an element's children first), or NULL after the last: a walk of a
 * whole tree without recursion. */
xmlNode *fd_next_node(const xmlNode *root, const xmlNode *n);
/* The element's text content, a new string the caller frees. */
char *fd_text(const xmlNode *node);
/* The same with white space squeezed (fd_squeeze). */
char *fd_text_squeezed(const xmlNode *node);

#endif
