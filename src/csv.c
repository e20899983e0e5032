/*
 * csv.c: comma-separated values (csv.h).
 */
#include "csv.h"

#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "util.h"

/* ------------------------------------------------------------ writing */

/* Characters a spreadsheet may read as the start of a formula. */
static int
formula_start(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' ||
	       c == '\r';
}

void
fd_csv_add_field(struct fd_buf *b, const char *s)
{
	const char *p;
	int quote = formula_start(s[0]) || s[0] == ' ' ||
		    strpbrk(s, ",;\"\r\n") != NULL ||
		    (*s && s[strlen(s) - 1] == ' ');

	if (quote)
		fd_buf_addc(b, '"');
	if (formula_start(s[0]))
		fd_buf_addc(b, '\'');
	for (p = s; *p; p++) {
		if (*p == '"')
			fd_buf_addc(b, '"');
		/* Line breaks inside a field are CRLF, as Excel writes. */
		if (*p == '\n' && (p == s || p[-1] != '\r'))
			fd_buf_addc(b, '\r');
		fd_buf_addc(b, *p);
	}
	if (quote)
		fd_buf_addc(b, '"');
}

/* The text of a cell: its blocks' text, one line each. */
static void
cell_text(const struct fd_node *n, struct fd_buf *b)
{
	size_t i;
	char *t;

	if (n->nruns > 0 || n->kind == FD_NODE_PARA ||
	    n->kind == FD_NODE_HEADING || n->kind == FD_NODE_CHECKBOX) {
		t = fd_node_text(n);
		if (b->len > 0 && *t != '\0')
			fd_buf_addc(b, '\n');
		fd_buf_adds(b, t);
		free(t);
		return;
	}
	for (i = 0; i < n->nkids; i++)
		cell_text(n->kids[i], b);
}

/* The tables under n, counted into *count; the first kept in *first. */
static void
find_tables(const struct fd_node *n, const struct fd_node **first,
	    size_t *count)
{
	size_t i;

	if (n->kind == FD_NODE_TABLE) {
		if ((*count)++ == 0)
			*first = n;
		return;
	}
	for (i = 0; i < n->nkids; i++)
		find_tables(n->kids[i], first, count);
}

int
fd_csv_from_doc(const struct fd_doc *doc, const char *what, char **out,
		size_t *len, struct fd_diags *d)
{
	const struct fd_node *table = NULL, *row;
	struct fd_buf b = {0}, cell = {0};
	size_t count = 0, i, j;

	find_tables(doc->body, &table, &count);
	if (count != 1) {
		fd_msg(d, M_CSV_TABLES, what, 0, 0,
		       count == 0 ? "no" : "more than one");
		return -1;
	}
	/* The byte-order mark: Excel reads UTF-8 only after one. */
	fd_buf_adds(&b, "\xef\xbb\xbf");
	for (i = 0; i < table->nkids; i++) {
		row = table->kids[i];
		if (row->kind != FD_NODE_ROW)
			continue;
		for (j = 0; j < row->nkids; j++) {
			cell.len = 0;
			fd_buf_adds(&cell, "");
			cell_text(row->kids[j], &cell);
			if (j > 0)
				fd_buf_addc(&b, ',');
			fd_csv_add_field(&b, cell.data);
		}
		fd_buf_adds(&b, "\r\n");
	}
	fd_buf_free(&cell);
	*len = b.len;
	*out = fd_buf_steal(&b);
	return 0;
}

/* ------------------------------------------------------------ reading */

/* Where the reader is. */
struct reader {
	const char *name;      /* the file, for diagnostics */
	const char *s;	       /* the bytes, after any byte-order mark */
	size_t len, i;	       /* their length; the next byte */
	long line, col;	       /* of the next byte */
	char sep;	       /* the separator */
	struct fd_diags *d;    /* where faults go */
};

/* Moves past the byte at r->i, counting lines and characters. A CR LF
 * pair is one line break; so is a CR or an LF alone. */
static void
advance(struct reader *r)
{
	unsigned char c = (unsigned char)r->s[r->i++];

	if (c == '\n' || (c == '\r' && (r->i >= r->len || r->s[r->i] != '\n'))) {
		r->line++;
		r->col = 1;
	} else if (c != '\r' && (c & 0xc0) != 0x80) {
		r->col++;
	}
}

/*
 * Checks every byte before parsing: UTF-8, no NUL and no control
 * character but tab and line breaks, nothing XML cannot carry. Returns 0,
 * or -1 after reporting the first fault at its place.
 */
static int
check_bytes(struct reader *r)
{
	struct reader at = *r;
	size_t n;

	while (at.i < at.len) {
		const unsigned char *p = (const unsigned char *)at.s + at.i;

		if (*p == 0) {
			fd_msg(r->d, M_CSV_NUL, r->name, at.line, at.col);
			return -1;
		}
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') {
			fd_msg(r->d, M_CSV_CONTROL, r->name, at.line, at.col,
			       *p);
			return -1;
		}
		n = fd_utf8_seq((const char *)p, at.len - at.i);
		if (n == 0) {
			fd_msg(r->d, M_CSV_NOT_UTF8, r->name, at.line, at.col,
			       *p);
			return -1;
		}
		/* U+FFFE and U+FFFF: XML cannot carry them. */
		if (n == 3 && p[0] == 0xef && p[1] == 0xbf &&
		    (p[2] == 0xbe || p[2] == 0xbf)) {
			fd_msg(r->d, M_CSV_NONCHAR, r->name, at.line, at.col,
			       p[2] == 0xbe ? "U+FFFE" : "U+FFFF");
			return -1;
		}
		while (n-- > 0)
			advance(&at);
	}
	return 0;
}

/* The separator: the commonest of comma, semicolon and tab outside
 * quotes in the first record; comma when there is none. */
static char
guess_sep(const char *s, size_t len)
{
	size_t i, comma = 0, semi = 0, tab = 0;
	int quoted = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && (s[i] == '\n' || s[i] == '\r'))
			break;
		else if (!quoted && s[i] == ',')
			comma++;
		else if (!quoted && s[i] == ';')
			semi++;
		else if (!quoted && s[i] == '\t')
			tab++;
	}
	if (semi > comma && semi >= tab)
		return ';';
	if (tab > comma && tab > semi)
		return '\t';
	return ',';
}

static int
at_eol(const struct reader *r)
{
	return r->i >= r->len || r->s[r->i] == '\n' || r->s[r->i] == '\r';
}

/* Moves past one line break (CRLF, LF or CR). */
static void
skip_eol(struct reader *r)
{
	if (r->i < r->len && r->s[r->i] == '\r')
		advance(r);
	if (r->i < r->len && r->s[r->i] == '\n')
		advance(r);
}

/* Reads one field into f; returns 0, or -1 after reporting. */
static int
read_field(struct reader *r, struct fd_csv_field *f)
{
	struct fd_buf b = {0};
	long qline, qcol;

	f->line = r->line;
	f->col = r->col;
	fd_buf_adds(&b, "");
	if (r->i < r->len && r->s[r->i] == '"') {
		qline = r->line;
		qcol = r->col;
		advance(r);
		for (;;) {
			if (r->i >= r->len) {
				fd_msg(r->d, M_CSV_UNCLOSED, r->name, qline,
				       qcol);
				goto fail;
			}
			if (r->s[r->i] == '"') {
				if (r->i + 1 < r->len &&
				    r->s[r->i + 1] == '"') {
					fd_buf_addc(&b, '"');
					advance(r);
					advance(r);
					continue;
				}
				advance(r);
				break;
			}
			if (r->s[r->i] == '\r') {
				/* CRLF or CR inside a field: one '\n'. */
				fd_buf_addc(&b, '\n');
				skip_eol(r);
				goto bound;
			}
			fd_buf_addc(&b, r->s[r->i]);
			advance(r);
		bound:
			if (b.len > FD_CSV_MAX_FIELD) {
				fd_msg(r->d, M_CSV_FIELD_LONG, r->name, f->line,
				       f->col, FD_CSV_MAX_FIELD);
				goto fail;
			}
		}
		if (!at_eol(r) && r->s[r->i] != r->sep) {
			fd_msg(r->d, M_CSV_AFTER_QUOTE, r->name, r->line,
			       r->col);
			goto fail;
		}
	} else {
		while (!at_eol(r) && r->s[r->i] != r->sep) {
			fd_buf_addc(&b, r->s[r->i]);
			advance(r);
			if (b.len > FD_CSV_MAX_FIELD) {
				fd_msg(r->d, M_CSV_FIELD_LONG, r->name, f->line,
				       f->col, FD_CSV_MAX_FIELD);
				goto fail;
			}
		}
	}
	f->text = fd_buf_steal(&b);
	return 0;
fail:
	fd_buf_free(&b);
	return -1;
}

static void
record_free(struct fd_csv_record *rec)
{
	size_t i;

	for (i = 0; i < rec->n; i++)
		free(rec->f[i].text);
	free(rec->f);
}

/* True when every field of rec is empty or white space. */
static int
record_empty(const struct fd_csv_record *rec)
{
	size_t i;

	for (i = 0; i < rec->n; i++)
		if (rec->f[i].text[strspn(rec->f[i].text, " \t\n")] != '\0')
			return 0;
	return 1;
}

/* Reads one record into rec; returns 0, or -1 after reporting. */
static int
read_record(struct reader *r, struct fd_csv_record *rec)
{
	memset(rec, 0, sizeof *rec);
	rec->line = r->line;
	for (;;) {
		if (rec->n == FD_CSV_MAX_FIELDS) {
			fd_msg(r->d, M_CSV_COLUMNS, r->name, r->line, r->col,
			       FD_CSV_MAX_FIELDS);
			return -1;
		}
		rec->f = fd_xreallocarray(rec->f, rec->n + 1, sizeof *rec->f);
		if (read_field(r, &rec->f[rec->n]) != 0)
			return -1;
		rec->n++;
		if (at_eol(r))
			break;
		advance(r); /* the separator */
	}
	skip_eol(r);
	return 0;
}

struct fd_csv *
fd_csv_parse(const char *name, const char *data, size_t len,
	     struct fd_diags *d)
{
	struct reader r = {name, data, len, 0, 1, 1, ',', d};
	struct fd_csv *c;
	struct fd_csv_record rec;

	if (len >= 2 && (((unsigned char)data[0] == 0xff &&
			  (unsigned char)data[1] == 0xfe) ||
			 ((unsigned char)data[0] == 0xfe &&
			  (unsigned char)data[1] == 0xff))) {
		fd_msg(d, M_CSV_UTF16, name, 1, 1);
		return NULL;
	}
	if (len > FD_CSV_MAX_FILE) {
		fd_msg(d, M_CSV_LARGE, name, 0, 0, FD_CSV_MAX_FILE >> 20);
		return NULL;
	}
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		r.s += 3;
		r.len -= 3;
	}
	if (check_bytes(&r) != 0)
		return NULL;
	/* Excel's first line naming the separator: "sep=;". */
	if (r.len >= 5 && strncmp(r.s, "sep=", 4) == 0 &&
	    (r.len == 5 || r.s[5] == '\r' || r.s[5] == '\n')) {
		r.sep = r.s[4];
		advance(&r);
		advance(&r);
		advance(&r);
		advance(&r);
		advance(&r);
		skip_eol(&r);
	} else {
		r.sep = guess_sep(r.s, r.len);
	}
	c = fd_xcalloc(1, sizeof *c);
	c->sep = r.sep;
	while (r.i < r.len) {
		if (read_record(&r, &rec) != 0) {
			record_free(&rec);
			fd_csv_free(c);
			return NULL;
		}
		if (record_empty(&rec)) {
			record_free(&rec);
			continue;
		}
		if (c->n == FD_CSV_MAX_RECORDS) {
			fd_msg(d, M_CSV_ROWS, name, rec.line, 1,
			       FD_CSV_MAX_RECORDS);
			record_free(&rec);
			fd_csv_free(c);
			return NULL;
		}
		c->r = fd_xreallocarray(c->r, c->n + 1, sizeof *c->r);
		c->r[c->n++] = rec;
	}
	c->end_line = r.line;
	return c;
}

void
fd_csv_free(struct fd_csv *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++)
		record_free(&c->r[i]);
	free(c->r);
	free(c);
}
