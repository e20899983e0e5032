/*
 * doctree.h: the document tree in C (docs/document-tree.md).
 *
 * The XML vocabulary that the stylesheets produce is loaded into this
 * tree once (doctree_xml.h, the one step of the renderer that sees
 * libxml2); Markdown blocks are expanded (through markdown.h, the only
 * user of cmark) and paragraph numbers assigned while loading. Every
 * engine (the PDF engine of typeset.h, plain text, HTML, the email) and
 * the privacy gate walk the same tree; this header includes no library,
 * and none of them sees libxml2 or cmark through it. The tree holds
 * plain C strings, valid UTF-8.
 */
#ifndef FD_DOCTREE_H
#define FD_DOCTREE_H

#include <stddef.h>

#include "diag.h"
#include "image.h"
#include "util.h"

enum fd_node_kind {
	FD_NODE_BODY,	    /* the body: blocks */
	FD_NODE_HEADING,    /* a heading of level 1 to 3: runs */
	FD_NODE_PARA,	    /* a paragraph: runs, and its number */
	FD_NODE_CODE,	    /* a code block: monospaced runs, '\n' kept */
	FD_NODE_LIST,	    /* a list (FD_ORDERED, start): items */
	FD_NODE_ITEM,	    /* a list item: blocks */
	FD_NODE_QUOTE,	    /* a block quote: blocks */
	FD_NODE_ADDRESS,    /* an address: FD_NODE_LINE children */
	FD_NODE_LINE,	    /* one line of an address: runs */
	FD_NODE_CHECKBOX,   /* a checkbox (FD_CHECKED): runs, the label */
	FD_NODE_TABLE,	    /* a table: cols, then FD_NODE_ROW children */
	FD_NODE_ROW,	    /* a table row (FD_HEAD_ROW): FD_NODE_CELL children */
	FD_NODE_CELL,	    /* a cell (FD_HEADER_CELL, spans): blocks */
	FD_NODE_SIGNATURES, /* the signature grid: FD_NODE_SIGNATORY children */
	FD_NODE_SIGNATORY,  /* one signatory: name, title, organisation */
	FD_NODE_PAGE_BREAK, /* the next block starts a new page */
	FD_NODE_LETTERHEAD, /* the letterhead: FD_NODE_MARK children, then the
			       sender's FD_NODE_LINE children (letterhead.h) */
	FD_NODE_MARK	    /* an inspectorate's mark: runs, its name */
};

/* Bytes of text in one block (paragraph, heading, cell paragraph): Pango
 * breaks a word that does not fit in time that grows with the square of
 * its length, so longer blocks are refused. */
#define FD_MAX_BLOCK_TEXT 32768

/* Elements in one document tree: a letter has a few hundred, the longest
 * working paper a few thousand. Beyond this it is refused before the
 * schema is even tried. */
#define FD_MAX_ELEMENTS 100000

/* Lines of text and table cells in one document, about five hundred
 * pages: beyond that it is refused, rather than take a minute and a
 * gigabyte. */
#define FD_MAX_LINES 25000

/* Bits of fd_node.flags. */
enum {
	FD_KEEP_TOGETHER = 1 << 0,  /* keep-together="yes" */
	FD_KEEP_WITH_NEXT = 1 << 1, /* keep-with-next="yes" */
	FD_NO_NUMBER = 1 << 2,	    /* p number="no" */
	FD_CHECKED = 1 << 3,	    /* checkbox checked="yes" */
	FD_ORDERED = 1 << 4,	    /* list type="number" */
	FD_HEAD_ROW = 1 << 5,	    /* a row of thead: repeated on new pages */
	FD_HEADER_CELL = 1 << 6,    /* th */
	FD_NO_BORDERS = 1 << 7,	    /* table borders="no" */
	FD_ENVELOPE = 1 << 8	    /* envelope="yes": an email's printed
				       heading, which the message's parts
				       leave out (mail.h) */
};

/* Bits of fd_run.flags. */
enum {
	FD_RUN_BOLD = 1 << 0,	/* b, Markdown strong */
	FD_RUN_ITALIC = 1 << 1, /* i, Markdown emphasis */
	FD_RUN_MONO = 1 << 2,	/* Markdown code */
	FD_RUN_DEL = 1 << 3,	/* del: words taken out (change report) */
	FD_RUN_INS = 1 << 4	/* ins: words put in (change report) */
};

/* A piece of inline text with one set of attributes. */
struct fd_run {
	char *text;	/* UTF-8; '\n' is a forced line break (br) */
	unsigned flags; /* FD_RUN_* */
	char *href;	/* an http:, https: or mailto: link, or NULL */
};

/* How a table column's width is given. */
enum fd_width_unit {
	FD_WIDTH_SHARE,	  /* N*: a share of what is left */
	FD_WIDTH_PERCENT, /* N%: of the text width */
	FD_WIDTH_POINTS	  /* an absolute length, in points */
};

struct fd_col {
	enum fd_width_unit unit; /* what value means */
	double value;		 /* the share, percentage or points */
};

struct fd_node {
	enum fd_node_kind kind;	 /* what it is */
	struct fd_node *parent;	 /* NULL for the body */
	struct fd_node **kids;	 /* children, in order */
	size_t nkids;		 /* entries in kids */
	size_t capkids;		 /* allocated entries in kids */
	struct fd_run *runs;	 /* inline content of text blocks */
	size_t nruns;		 /* entries in runs */
	size_t capruns;		 /* allocated entries in runs */
	unsigned flags;		 /* FD_KEEP_TOGETHER etc. */
	int level;		 /* heading level, 1 to 3 */
	int number;		 /* paragraph number, 0 when not numbered */
	int start;		 /* first number of an ordered list */
	int colspan;		 /* columns a cell spans, at least 1 */
	int rowspan;		 /* rows a cell spans, at least 1 */
	struct fd_col *cols;	 /* a table's declared columns */
	size_t ncols;		 /* entries in cols */
	char *name;		 /* signatory's name */
	char *title;		 /* signatory's title, a table's caption,
				    or NULL */
	char *organisation;	 /* signatory's organisation, or NULL */
	char *ref;		 /* a mark's inspectorate, or NULL */
	struct fd_image *image;	 /* a mark's logo, or NULL (image.h) */
	const char *file;	 /* source file for diagnostics (owned by the doc) */
	long line;		 /* source line, 0 when unknown */
	long col;		 /* source column, 0 when unknown */
};

/* One mailbox of an email's envelope. */
struct fd_mailbox {
	char *name;	/* display name, one line, or NULL */
	char *address;	/* addr-spec */
};

/* An email's envelope (meta/mail, docs/document-tree.md): what the MIME
 * writer (mail.h) needs besides the body. Strings are one line each. */
struct fd_envelope {
	char *subject;		  /* the Subject header */
	char *date;		  /* the local day of sending, YYYY-MM-DD */
	char *time;		  /* the local time of sending, HH:MM */
	char *id_key;		  /* what the Message-ID is hashed from */
	char *id_domain;	  /* the Message-ID's right-hand side */
	char *notified;		  /* the agencies that each get a copy, or
				     NULL */
	struct fd_mailbox from;	  /* the sender */
	struct fd_mailbox *to;	  /* To recipients, at least one */
	size_t nto;		  /* entries in to */
	struct fd_mailbox *cc;	  /* Cc recipients */
	size_t ncc;		  /* entries in cc */
	const char *file;	  /* where <mail> is, for diagnostics */
	long line;		  /* its line, 0 when unknown */
};

/* A whole document: metadata, page template and body. */
struct fd_doc {
	char *title;	   /* meta/title */
	char *subject;	   /* meta/subject or NULL */
	char *author;	   /* meta/author or NULL */
	char *lang;	   /* meta/lang, "en-GB" when absent */
	char *stage;	   /* meta/stage or NULL */
	char *keywords;	   /* meta/keywords or NULL */
	char *marking;	   /* page/@marking or NULL */
	char *notice;	   /* page/@notice or NULL */
	char *watermark;   /* page/@watermark or NULL */
	char *footer;	   /* page/@footer or NULL */
	int numbered;	   /* page/@numbered-paragraphs="yes" */
	struct fd_envelope *mail; /* meta/mail: an email's envelope, or
				     NULL when the tree is no email */
	struct fd_node *body; /* FD_NODE_BODY */
	char **files;	   /* file names nodes point to */
	size_t nfiles;	   /* entries in files */
};

void fd_doc_free(struct fd_doc *doc);
/* Frees an envelope (a document's mail); accepts NULL. */
void fd_envelope_free(struct fd_envelope *e);

/*
 * The text of every block, one paragraph (heading, list item, table cell,
 * address line, signatory) a line, numbered paragraphs with their number
 * first. Used to check that a published document prints no case reference.
 * The caller frees the result.
 */
char *fd_doctree_plain_text(const struct fd_doc *doc);

/* The text of a block's runs, '\n' as a space. The caller frees it. */
char *fd_node_text(const struct fd_node *n);

/* Building trees (the loader and markdown.c). */
struct fd_node *fd_node_new(enum fd_node_kind kind, const char *file,
			    long line);
/* Appends child to parent (which owns it from then on). */
void fd_node_append(struct fd_node *parent, struct fd_node *child);
/* Inserts child as the at-th child of parent (appends past the end). */
void fd_node_insert(struct fd_node *parent, size_t at, struct fd_node *child);
/* Appends n bytes of text as a run; merges with the last run when the
 * attributes are equal. href is copied, may be NULL. */
void fd_node_add_run(struct fd_node *n, const char *text, size_t len,
		     unsigned flags, const char *href);
/* Frees a node and its whole subtree; accepts NULL. */
void fd_node_free(struct fd_node *n);
/* True for the link targets that are kept: http:, https:, mailto:. */
int fd_href_allowed(const char *href);

#endif
