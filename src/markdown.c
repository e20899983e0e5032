/*
 * markdown.c: CommonMark to document tree nodes, through cmark's node
 * tree. The only file that includes cmark.
 *
 * cmark's tree keeps raw HTML and every link scheme (only its HTML
 * renderer filters them), so the walk drops HTML nodes itself and keeps
 * links to http:, https: and mailto: alone. Inline content is walked with
 * cmark's iterator, not recursion: emphasis can nest as deep as the text
 * is long.
 */
#include "markdown.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"

/* Columns of a Markdown table at most; a wider one stays a paragraph. */
#define MAX_TABLE_COLS 16

/* What the walk of one Markdown block carries along. */
struct md {
	const char *file;     /* for diagnostics */
	long line;	      /* line of the block's first line in file */
	struct fd_diags *d;   /* where errors go */
	int too_deep;	      /* the nesting error was reported */
	const char *text;     /* the Markdown, for the lines of a table */
	size_t len;	      /* bytes of text */
};

char *
fd_markdown_dedent(const char *text)
{
	struct fd_buf b = {0};
	const char *p, *line;
	size_t indent = (size_t)-1;
	int started = 0;

	/* The least indentation of a line that has something on it. */
	for (line = text; *line;) {
		size_t n = 0;

		while (line[n] == ' ' || line[n] == '\t')
			n++;
		if (line[n] != '\n' && line[n] != '\r' && line[n] != '\0' &&
		    n < indent)
			indent = n;
		p = strchr(line, '\n');
		line = p ? p + 1 : line + strlen(line);
	}
	if (indent == (size_t)-1)
		indent = 0;
	for (line = text; *line;) {
		size_t len, n = 0;
		int is_blank;

		p = strchr(line, '\n');
		len = p ? (size_t)(p - line) : strlen(line);
		while (n < len && (line[n] == ' ' || line[n] == '\t'))
			n++;
		is_blank = n == len || (n + 1 == len && line[n] == '\r');
		if (started || !is_blank) {
			started = 1;
			if (!is_blank)
				fd_buf_add(&b, line + indent, len - indent);
			fd_buf_addc(&b, '\n');
		}
		line = p ? p + 1 : line + len;
	}
	return fd_buf_steal(&b);
}

static int
name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
}

/* Appends value so that cmark prints it as it is: every ASCII punctuation
 * character backslash-escaped (CommonMark allows that for all of them),
 * line breaks and tabs as spaces, so nothing starts a block, and leading
 * spaces as character references, so they indent no code block. */
static void
add_escaped(struct fd_buf *b, const char *v)
{
	int leading = 1;

	for (; *v; v++) {
		unsigned char c = (unsigned char)*v;
		int space = c == ' ' || c == '\n' || c == '\r' || c == '\t';

		if (space && leading)
			fd_buf_adds(b, "&#32;");
		else if (space)
			fd_buf_addc(b, ' ');
		else if (c < 0x80 && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
					     c) && c != '\0')
			fd_buf_addf(b, "\\%c", c);
		else
			fd_buf_addc(b, (char)c);
		leading = leading && space;
	}
}

char *
fd_markdown_fill(const char *tmpl, size_t len, const struct fd_map *values,
		 const char *file, struct fd_diags *d)
{
	struct fd_buf b = {0};
	size_t i = 0, line_start = 0;
	long line = 1;
	int errors = 0;

	while (i < len) {
		size_t j, name_start, name_end;
		const char *v;
		char *name;

		if (tmpl[i] == '\n') {
			fd_buf_addc(&b, '\n');
			line++;
			line_start = ++i;
			continue;
		}
		if (tmpl[i] != '{' || i + 1 >= len || tmpl[i + 1] != '{') {
			fd_buf_addc(&b, tmpl[i++]);
			continue;
		}
		j = i + 2;
		while (j < len && tmpl[j] == ' ')
			j++;
		name_start = j;
		while (j < len && name_char(tmpl[j]))
			j++;
		name_end = j;
		while (j < len && tmpl[j] == ' ')
			j++;
		if (name_end == name_start || j + 1 >= len || tmpl[j] != '}' ||
		    tmpl[j + 1] != '}') {
			fd_msg(d, M_PLACEHOLDER_BAD, file, line,
			       (long)(i - line_start) + 1);
			errors++;
			fd_buf_addc(&b, tmpl[i++]);
			continue;
		}
		name = fd_xstrndup(tmpl + name_start, name_end - name_start);
		v = values ? fd_map_get(values, name) : NULL;
		if (v == NULL) {
			fd_msg(d, M_PLACEHOLDER_UNKNOWN, file, line,
			       (long)(i - line_start) + 1, name);
			errors++;
		} else {
			add_escaped(&b, v);
		}
		free(name);
		i = j + 2;
	}
	if (errors) {
		fd_buf_free(&b);
		return NULL;
	}
	return fd_buf_steal(&b);
}

/* ----------------------------------------------------------- walk */

static long
line_of(const struct md *m, cmark_node *n)
{
	int l = cmark_node_get_start_line(n);

	return m->line + (l > 0 ? l - 1 : 0);
}

/* The inline content of a paragraph or heading as runs of n. */
static void
add_inlines(cmark_node *parent, struct fd_node *n)
{
	cmark_iter *it = cmark_iter_new(parent);
	cmark_event_type ev;
	cmark_node *link = NULL;
	const char *href = NULL;
	int bold = 0, italic = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		unsigned flags = (bold ? FD_RUN_BOLD : 0) |
				 (italic ? FD_RUN_ITALIC : 0);
		const char *s;

		if (c == parent)
			continue;
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
			s = cmark_node_get_literal(c);
			if (s)
				fd_node_add_run(n, s, strlen(s), flags, href);
			break;
		case CMARK_NODE_CODE:
			s = cmark_node_get_literal(c);
			if (s)
				fd_node_add_run(n, s, strlen(s),
						flags | FD_RUN_MONO, href);
			break;
		case CMARK_NODE_SOFTBREAK:
			fd_node_add_run(n, " ", 1, flags, href);
			break;
		case CMARK_NODE_LINEBREAK:
			fd_node_add_run(n, "\n", 1, 0, NULL);
			break;
		case CMARK_NODE_EMPH:
			italic += ev == CMARK_EVENT_ENTER ? 1 : -1;
			break;
		case CMARK_NODE_STRONG:
			bold += ev == CMARK_EVENT_ENTER ? 1 : -1;
			break;
		case CMARK_NODE_LINK:
			/* Only the outermost allowed link is live; an
			 * image's alt text may hold another. */
			if (ev == CMARK_EVENT_ENTER && link == NULL) {
				s = cmark_node_get_url(c);
				if (s && fd_href_allowed(s)) {
					link = c;
					href = s;
				}
			} else if (ev == CMARK_EVENT_EXIT && c == link) {
				link = NULL;
				href = NULL;
			}
			break;
		default:
			/* Inline HTML is dropped; an image leaves its
			 * description, walked as text. */
			break;
		}
	}
	cmark_iter_free(it);
	/* A hard break at the end prints nothing. */
	while (n->nruns > 0 && strcmp(n->runs[n->nruns - 1].text, "\n") == 0) {
		n->nruns--;
		free(n->runs[n->nruns].text);
		free(n->runs[n->nruns].href);
	}
}

/* ----------------------------------------------------------- tables */

/*
 * CommonMark has no tables, but inspectors paste them the way GitHub
 * writes them: a header row, a delimiter row of dashes, then rows, each
 * between pipes. cmark reads such lines as one paragraph, which would
 * print as a jumble of pipes and dashes, so a top-level paragraph whose
 * lines all begin with a pipe and whose second line is a delimiter row
 * becomes a table; each cell is read as Markdown on its own.
 */

/* The cells of one table line (without its first pipe), split at pipes
 * that are not escaped: at most max are stored in cells as (start, length)
 * pairs into line. Returns the count of cells, which may exceed max. */
static size_t
split_row(const char *line, size_t len, size_t (*cells)[2], size_t max)
{
	size_t i = 0, start, n = 0;

	while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
		len--;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (i < len && line[i] == '|')
		i++;
	if (len > i && line[len - 1] == '|' &&
	    (len < 2 || line[len - 2] != '\\'))
		len--;
	for (start = i; i <= len; i++) {
		if (i < len && line[i] == '\\') {
			i++;
			continue;
		}
		if (i < len && line[i] != '|')
			continue;
		if (n < max) {
			cells[n][0] = start;
			cells[n][1] = i - start;
		}
		n++;
		start = i + 1;
	}
	return n;
}

/* Whether a cell is a delimiter: dashes, with a colon at either end. */
static int
is_delimiter(const char *s, size_t len)
{
	size_t i = 0, dashes = 0;

	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < len && s[i] == ':')
		i++;
	for (; i < len && s[i] == '-'; i++)
		dashes++;
	if (i < len && s[i] == ':')
		i++;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return dashes > 0 && i == len;
}

/* The line of the block's text at p, without its line end; *next is set
 * to the start of the line after it. */
static const char *
text_line(const struct md *m, const char *p, size_t *len, const char **next)
{
	const char *end = m->text + m->len;
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	*next = nl ? nl + 1 : end;
	*len = (size_t)((nl ? nl : end) - p);
	if (*len > 0 && p[*len - 1] == '\r')
		(*len)--;
	return p;
}

/* One cell of a table: its Markdown read as a paragraph's inlines. */
static struct fd_node *
table_cell(const struct md *m, const char *s, size_t len, long line,
	   int header)
{
	struct fd_node *cell = fd_node_new(FD_NODE_CELL, m->file, line);
	cmark_node *doc = cmark_parse_document(s, len, CMARK_OPT_VALIDATE_UTF8);
	cmark_node *b = cmark_node_first_child(doc);

	if (header)
		cell->flags |= FD_HEADER_CELL;
	if (b && (cmark_node_get_type(b) == CMARK_NODE_PARAGRAPH ||
		  cmark_node_get_type(b) == CMARK_NODE_HEADING)) {
		struct fd_node *p = fd_node_new(FD_NODE_PARA, m->file, line);

		p->flags |= FD_NO_NUMBER;
		add_inlines(b, p);
		if (p->nruns > 0)
			fd_node_append(cell, p);
		else
			fd_node_free(p);
	}
	cmark_node_free(doc);
	return cell;
}

/* The paragraph c as a table, or NULL when it is not one. */
static struct fd_node *
as_table(const struct md *m, cmark_node *c)
{
	size_t cells[MAX_TABLE_COLS][2], ncols = 0, n, len, k;
	int first = cmark_node_get_start_line(c) - 1;
	int last = cmark_node_get_end_line(c) - 1, i;
	cmark_node *t = cmark_node_first_child(c);
	const char *s = t ? cmark_node_get_literal(t) : NULL;
	const char *start = m->text, *p, *line, *lead;
	struct fd_node *table, *row;

	/* Lines inside a list or a quote carry its markers: top level only. */
	if (s == NULL || s[0] != '|' || first < 0 || last - first < 1 ||
	    cmark_node_get_type(cmark_node_parent(c)) != CMARK_NODE_DOCUMENT)
		return NULL;
	for (i = 0; i < first; i++)
		text_line(m, start, &len, &start);
	for (p = start, i = first; i <= last; i++) {
		line = text_line(m, p, &len, &p);
		for (lead = line; lead < line + len && (*lead == ' ' ||
							*lead == '\t');)
			lead++;
		if (lead == line + len || *lead != '|')
			return NULL;
		n = split_row(line, len, cells, MAX_TABLE_COLS);
		if (i == first + 1) {
			if (n == 0 || n > MAX_TABLE_COLS)
				return NULL;
			for (k = 0; k < n; k++)
				if (!is_delimiter(line + cells[k][0],
						  cells[k][1]))
					return NULL;
			ncols = n;
		}
	}
	line = text_line(m, start, &len, &p);
	if (split_row(line, len, cells, MAX_TABLE_COLS) != ncols)
		return NULL;
	table = fd_node_new(FD_NODE_TABLE, m->file, line_of(m, c));
	table->cols = fd_xcalloc(ncols, sizeof *table->cols);
	table->ncols = ncols;
	for (k = 0; k < ncols; k++) {
		table->cols[k].unit = FD_WIDTH_SHARE;
		table->cols[k].value = 1;
	}
	for (p = start, i = first; i <= last; i++) {
		line = text_line(m, p, &len, &p);
		if (i == first + 1)
			continue;
		n = split_row(line, len, cells, MAX_TABLE_COLS);
		row = fd_node_new(FD_NODE_ROW, m->file, m->line + i);
		if (i == first)
			row->flags |= FD_HEAD_ROW;
		for (k = 0; k < ncols; k++)
			fd_node_append(row, table_cell(m,
						       k < n ? line + cells[k][0]
							     : line,
						       k < n ? cells[k][1] : 0,
						       m->line + i, i == first));
		fd_node_append(table, row);
	}
	return table;
}

static int
walk_blocks(struct md *m, cmark_node *first, struct fd_node *parent,
	    int depth)
{
	cmark_node *c;
	int rc = 0;

	for (c = first; c && rc == 0; c = cmark_node_next(c)) {
		struct fd_node *n = NULL;
		const char *s;

		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_PARAGRAPH:
			if ((n = as_table(m, c)) != NULL)
				break;
			n = fd_node_new(FD_NODE_PARA, m->file, line_of(m, c));
			add_inlines(c, n);
			break;
		case CMARK_NODE_HEADING:
			n = fd_node_new(FD_NODE_HEADING, m->file,
					line_of(m, c));
			n->level = cmark_node_get_heading_level(c) <= 2 ? 2 : 3;
			add_inlines(c, n);
			break;
		case CMARK_NODE_CODE_BLOCK:
			n = fd_node_new(FD_NODE_CODE, m->file, line_of(m, c));
			s = cmark_node_get_literal(c);
			if (s) {
				size_t len = strlen(s);

				while (len > 0 && s[len - 1] == '\n')
					len--;
				fd_node_add_run(n, s, len, FD_RUN_MONO, NULL);
			}
			break;
		case CMARK_NODE_LIST:
		case CMARK_NODE_BLOCK_QUOTE:
			if (depth >= FD_MARKDOWN_MAX_DEPTH) {
				if (!m->too_deep)
					fd_msg(m->d, M_MD_DEEP, m->file,
					       line_of(m, c), 1,
					       FD_MARKDOWN_MAX_DEPTH);
				m->too_deep = 1;
				return -1;
			}
			if (cmark_node_get_type(c) == CMARK_NODE_BLOCK_QUOTE) {
				n = fd_node_new(FD_NODE_QUOTE, m->file,
						line_of(m, c));
				rc = walk_blocks(m, cmark_node_first_child(c),
						 n, depth + 1);
				break;
			}
			n = fd_node_new(FD_NODE_LIST, m->file, line_of(m, c));
			if (cmark_node_get_list_type(c) == CMARK_ORDERED_LIST) {
				int st = cmark_node_get_list_start(c);

				n->flags |= FD_ORDERED;
				n->start = st < 0 ? 0 : st > 99999 ? 99999 : st;
			}
			{
				cmark_node *it;

				for (it = cmark_node_first_child(c);
				     it && rc == 0; it = cmark_node_next(it)) {
					struct fd_node *item = fd_node_new(
						FD_NODE_ITEM, m->file,
						line_of(m, it));

					fd_node_append(n, item);
					rc = walk_blocks(
						m, cmark_node_first_child(it),
						item, depth + 1);
				}
			}
			break;
		default:
			/* HTML blocks and thematic breaks print nothing. */
			break;
		}
		if (n == NULL)
			continue;
		if ((n->kind == FD_NODE_PARA || n->kind == FD_NODE_HEADING) &&
		    n->nruns == 0) {
			fd_node_free(n);
			continue;
		}
		fd_node_append(parent, n);
	}
	return rc;
}

int
fd_markdown_parse(const char *text, size_t len, struct fd_node *parent,
		  const char *file, long line, struct fd_diags *d)
{
	struct md m = {file, line > 0 ? line : 1, d, 0, text, len};
	cmark_node *doc;
	int depth = 0, rc;
	const struct fd_node *p;

	if (len > FD_MARKDOWN_MAX) {
		fd_msg(d, M_MD_BLOCK_LONG, file, m.line, 1, len, FD_MARKDOWN_MAX);
		return -1;
	}
	/* Lists and quotes around the block count towards the bound. */
	for (p = parent; p; p = p->parent)
		if (p->kind == FD_NODE_LIST || p->kind == FD_NODE_QUOTE)
			depth++;
	doc = cmark_parse_document(text, len, CMARK_OPT_VALIDATE_UTF8);
	rc = walk_blocks(&m, cmark_node_first_child(doc), parent, depth);
	cmark_node_free(doc);
	return rc;
}

/* The lines of text, split at '\n' (kept out); *n gets their number. The
 * caller frees the array, whose entries point into text. */
static const char **
split_lines(const char *text, size_t **lens, size_t *n)
{
	const char **v = NULL;
	const char *p = text;

	*n = 0;
	*lens = NULL;
	for (;;) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);

		if (e == NULL && len == 0)
			break;
		v = fd_xreallocarray(v, *n + 1, sizeof *v);
		*lens = fd_xreallocarray(*lens, *n + 1, sizeof **lens);
		v[*n] = p;
		(*lens)[(*n)++] = len;
		if (e == NULL)
			break;
		p = e + 1;
	}
	return v;
}

/* The column where a list item's content starts on its first line: past
 * the indentation, the marker ("-", "*", "+", "1." or "1)") and the
 * spaces after it (one when more than four follow). */
static size_t
item_content_col(const char *line, size_t len)
{
	size_t i = 0, sp;

	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (i < len && strchr("-*+", line[i]) != NULL) {
		i++;
	} else {
		while (i < len && line[i] >= '0' && line[i] <= '9')
			i++;
		if (i < len && (line[i] == '.' || line[i] == ')'))
			i++;
	}
	for (sp = 0; i + sp < len && line[i + sp] == ' '; sp++)
		;
	return i + (sp == 0 || sp > 4 ? 1 : sp);
}

/* True when the code block starting on this line is fenced (``` or ~~~),
 * which is markup an author meant, not indentation. */
static int
fenced(const char *line, size_t len)
{
	size_t i = 0;

	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	return i + 3 <= len && (strncmp(line + i, "```", 3) == 0 ||
				strncmp(line + i, "~~~", 3) == 0);
}

/* One pass: rewrites the lines of each indented code block of text into
 * out (as prose at its container's column) and records the first line of
 * each in *firsts. Returns the number of blocks found. */
static size_t
unindent_pass(const char *text, struct fd_buf *out, long **firsts, size_t *nf)
{
	cmark_node *doc = cmark_parse_document(text, strlen(text),
					       CMARK_OPT_VALIDATE_UTF8);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	size_t nlines, *lens, *col, found = 0, i;
	const char **lines = split_lines(text, &lens, &nlines);

	/* col[i]: the column line i is re-indented to, or (size_t)-1 to
	 * keep the line as it is. */
	col = fd_xcalloc(nlines + 1, sizeof *col);
	for (i = 0; i < nlines; i++)
		col[i] = (size_t)-1;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it), *parent;
		int a, z;
		size_t c = 0;

		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(n) != CMARK_NODE_CODE_BLOCK)
			continue;
		a = cmark_node_get_start_line(n);
		z = cmark_node_get_end_line(n);
		if (a < 1 || (size_t)a > nlines || z < a ||
		    fenced(lines[a - 1], lens[a - 1]))
			continue;
		if ((size_t)z > nlines)
			z = (int)nlines;
		parent = cmark_node_parent(n);
		if (cmark_node_get_type(parent) == CMARK_NODE_ITEM) {
			int l = cmark_node_get_start_line(parent);

			if (l >= 1 && (size_t)l <= nlines)
				c = item_content_col(lines[l - 1], lens[l - 1]);
		} else if (cmark_node_get_type(parent) != CMARK_NODE_DOCUMENT) {
			continue; /* inside a quote: left as it is */
		}
		for (i = (size_t)a - 1; i < (size_t)z; i++)
			col[i] = c;
		*firsts = fd_xreallocarray(*firsts, *nf + 1, sizeof **firsts);
		(*firsts)[(*nf)++] = a;
		found++;
	}
	for (i = 0; found && i < nlines; i++) {
		size_t k = 0;

		if (col[i] == (size_t)-1) {
			fd_buf_add(out, lines[i], lens[i]);
		} else {
			while (k < lens[i] &&
			       (lines[i][k] == ' ' || lines[i][k] == '\t'))
				k++;
			if (k < lens[i])
				for (size_t s = 0; s < col[i]; s++)
					fd_buf_addc(out, ' ');
			fd_buf_add(out, lines[i] + k, lens[i] - k);
		}
		if (lines[i][lens[i]] == '\n')
			fd_buf_addc(out, '\n');
	}
	free(col);
	free(lines);
	free(lens);
	cmark_iter_free(it);
	cmark_node_free(doc);
	return found;
}

/* Whether text may hold an indented code block: every line of one is
 * indented four columns or more past its container's (a list item's
 * marker is followed by five spaces or more when the block starts the
 * item), so a text without four spaces in a row or a tab has none. */
static int
may_hold_code(const char *text)
{
	return strstr(text, "    ") != NULL || strchr(text, '\t') != NULL;
}

char *
fd_markdown_unindent(const char *text, long **firsts, size_t *n)
{
	char *cur = NULL;
	int pass;

	*firsts = NULL;
	*n = 0;
	if (strlen(text) > FD_MARKDOWN_MAX || !may_hold_code(text))
		return NULL;
	/* A block re-indented under a list item may meet another inside it;
	 * a few passes settle any text a person writes. */
	for (pass = 0; pass < 4; pass++) {
		struct fd_buf out = {0};

		if (unindent_pass(cur ? cur : text, &out, firsts, n) == 0) {
			fd_buf_free(&out);
			break;
		}
		free(cur);
		cur = fd_buf_steal(&out);
	}
	return cur;
}
