/*
 * csv.h: comma-separated values, both ways.
 *
 * Writing: the one table of a document tree (the factual accuracy
 * return form) as RFC 4180 CSV that LibreOffice and Excel open as they
 * stand: UTF-8 with a byte-order mark (without it Excel reads the bytes
 * as its ANSI code page), fields quoted where they hold a comma, a quote
 * or a line break, records ended by CRLF. A cell that begins with = + -
 * @, a tab or a carriage return is written after an apostrophe, so that
 * no spreadsheet takes it for a formula (OWASP's advice on CSV
 * injection): it stays inert text.
 *
 * Reading: what spreadsheets really write: a byte-order mark, CRLF, LF
 * or CR alone, quoted fields holding commas, doubled quotes and line
 * breaks, a comma, semicolon or tab separator (Excel's "sep=;" line
 * too). Every field knows the line and column it starts at, for
 * FILE:LINE:COL diagnostics; bytes that are not UTF-8, a NUL or another
 * control character, an unterminated quote and fields or files over the
 * bounds below are errors at their place.
 *
 * Layering: plain C over the document tree (doctree.h) and diag.h; no
 * library.
 */
#ifndef FD_CSV_H
#define FD_CSV_H

#include <stddef.h>

#include "diag.h"
#include "doctree.h"

/* Bytes of one CSV file read, of one field, records and fields of a
 * record. A form has a row a paragraph: a few hundred. */
#define FD_CSV_MAX_FILE (4u * 1024u * 1024u)
#define FD_CSV_MAX_FIELD 16384u
#define FD_CSV_MAX_RECORDS 20000u
#define FD_CSV_MAX_FIELDS 64u

/*
 * The one table in doc's body as CSV, head row first, a cell's
 * paragraphs joined by line breaks. Returns 0 with *out (the caller
 * frees it) and *len set; -1 after reporting through d (at the file name
 * what) when the body holds no table or more than one.
 */
int fd_csv_from_doc(const struct fd_doc *doc, const char *what, char **out,
		    size_t *len, struct fd_diags *d);

/* Appends one field to b as the writer writes it (quoted and made inert
 * as above); for tests. */
struct fd_buf;
void fd_csv_add_field(struct fd_buf *b, const char *s);

/* One field read. */
struct fd_csv_field {
	char *text; /* UTF-8, quotes undone, line breaks as '\n' */
	long line;  /* where it starts, 1-based */
	long col;   /* in characters, 1-based, after any byte-order mark */
};

/* One record: a line, or more when a quoted field holds line breaks. */
struct fd_csv_record {
	struct fd_csv_field *f; /* its fields in order */
	size_t n;		/* entries in f */
	long line;		/* where it starts */
};

/* A whole file. */
struct fd_csv {
	struct fd_csv_record *r; /* records in order, empty lines left out */
	size_t n;		 /* entries in r */
	char sep;		 /* the separator found: ',', ';' or '\t' */
	long end_line;		 /* the line after the last record */
};

/*
 * Parses len bytes of data (name is the file's, for diagnostics). Returns
 * the records (free with fd_csv_free), or NULL after reporting the first
 * fault through d: past it, where one field ends is a guess.
 */
struct fd_csv *fd_csv_parse(const char *name, const char *data, size_t len,
			    struct fd_diags *d);
void fd_csv_free(struct fd_csv *c);

#endif
