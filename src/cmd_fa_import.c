/*
 * cmd_fa_import.c: findings fa-import inspection.xml FORM.csv [--from
 * AGENCY] [--received DATE]: the partnership's filled-in return form
 * (faform.h) into the inspection, a <comment> a row with a comment.
 *
 * The inspection is edited as text, never re-serialised: the new
 * elements are inserted after the last child of <factual-accuracy> (made
 * when there is none, after <history>), indented and with the line
 * endings of the file, and every other byte stays as it was. The result
 * is parsed and checked before it replaces the file (atomically, with
 * the file's own permissions), so an import never leaves an inspection
 * that findings check refuses.
 *
 * A comment's text is what the partnership typed, Markdown-escaped so
 * that it prints as typed: a '#', '*', '<' or '[' is text, not a
 * heading, emphasis, HTML or a link. The Evidence column, when filled,
 * follows as a paragraph "Evidence: ...".
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "csv.h"
#include "date.h"
#include "faform.h"
#include "load.h"

static void
usage(FILE *f)
{
	fputs("usage: findings fa-import inspection.xml FORM.csv [--from AGENCY]\n"
	      "                          [--received DATE] [--templates DIR]\n\n"
	      "Reads the factual accuracy return form that the partnership\n"
	      "filled in (findings render --doc fa-form -o FORM.csv, saved\n"
	      "from a spreadsheet as CSV) and adds each row with a comment\n"
	      "to the inspection as a <comment> citing its paragraph, in\n"
	      "place. Nothing else in the file changes. A row citing a\n"
	      "paragraph the draft does not have, a comment without a\n"
	      "paragraph or a malformed file is an error at its line and\n"
	      "column, and the inspection is left untouched.\n\n"
	      "  --from AGENCY     the agency the comments are from (its id;\n"
	      "                    default: the local authority)\n"
	      "  --received DATE   the day the form came back (YYYY-MM-DD);\n"
	      "                    needed when the inspection has no\n"
	      "                    <factual-accuracy> yet\n"
	      "  --templates DIR   take templates from DIR\n"
	      "  -h, --help        show this help\n",
	      f);
}

/* ------------------------------------------------------- the form */

/* A comment read from the form. */
struct row {
	long para;	/* the paragraph it cites */
	char *comment;	/* the Comment column, as typed */
	char *evidence; /* the Evidence column, or NULL */
	long line;	/* the row's line in the form */
};

/* The columns of the form, found by their heading. */
struct columns {
	long para, text, comment, evidence; /* index, -1: absent */
};

/* Text without leading and trailing white space, a new string. */
static char *
trimmed(const char *s)
{
	size_t n;

	s += strspn(s, " \t\n");
	n = strlen(s);
	while (n > 0 && strchr(" \t\n", s[n - 1]))
		n--;
	return fd_xstrndup(s, n);
}

/* Finds the columns in the head row; -1 after reporting. */
static int
head_row(const char *name, const struct fd_csv_record *h, struct columns *c,
	 struct fd_diags *d)
{
	static const char *const want[] = {"Paragraph", "Text", "Comment",
					   "Evidence"};
	long *slot[] = {&c->para, &c->text, &c->comment, &c->evidence};
	size_t i, j;

	c->para = c->text = c->comment = c->evidence = -1;
	for (i = 0; i < h->n; i++) {
		char *t = trimmed(h->f[i].text);

		for (j = 0; j < 4; j++)
			if (strcasecmp(t, want[j]) == 0 && *slot[j] < 0)
				*slot[j] = (long)i;
		free(t);
	}
	if (c->para >= 0 && c->comment >= 0)
		return 0;
	fd_msg(d, M_FAI_COLUMN, name, h->line, 1,
	       c->para < 0 ? "Paragraph" : "Comment");
	return -1;
}

/* The field of rec in column i, or "" when the row is shorter. */
static const char *
field(const struct fd_csv_record *rec, long i, long *line, long *col)
{
	if (i < 0 || (size_t)i >= rec->n) {
		*line = rec->line;
		*col = 1;
		return "";
	}
	*line = rec->f[i].line;
	*col = rec->f[i].col;
	return rec->f[i].text;
}

/* A paragraph number as a spreadsheet writes it: digits, perhaps "12.0". */
static long
para_number(const char *s)
{
	char *t = trimmed(s), *end;
	long n;

	errno = 0;
	n = strtol(t, &end, 10);
	if (end != t && strcmp(end, ".0") == 0)
		end += 2;
	if (end == t || *end != '\0' || errno != 0 || n <= 0 || t[0] == '+' ||
	    t[0] == '-')
		n = -1;
	free(t);
	return n;
}

static void
rows_free(struct row *v, long n)
{
	long i;

	for (i = 0; i < n; i++) {
		free(v[i].comment);
		free(v[i].evidence);
	}
	free(v);
}

/*
 * The rows of the form that carry a comment, checked against the
 * paragraphs of the draft. Returns the count with *rows set, or -1 after
 * reporting every faulty row.
 */
static long
read_rows(const char *name, const struct fd_csv *c,
	  const struct fd_fa_paras *p, struct row **rows, struct fd_diags *d)
{
	struct columns col;
	struct row *v = NULL;
	long n = 0, bad = 0, line, cl;
	size_t i;

	*rows = NULL;
	if (c->n == 0) {
		fd_msg(d, M_FAI_EMPTY, name, 1, 1);
		return -1;
	}
	if (head_row(name, &c->r[0], &col, d) != 0)
		return -1;
	for (i = 1; i < c->n; i++) {
		const struct fd_csv_record *rec = &c->r[i];
		const char *ps = field(rec, col.para, &line, &cl);
		char *comment = trimmed(field(rec, col.comment, &line, &cl));
		char *evidence = trimmed(field(rec, col.evidence, &line, &cl));
		long para;

		if (*comment == '\0' && *evidence != '\0') {
			field(rec, col.comment, &line, &cl);
			fd_msg(d, M_FAI_EVIDENCE_ONLY, name, line, cl);
			bad++;
		} else if (*comment != '\0') {
			field(rec, col.para, &line, &cl);
			para = para_number(ps);
			if (para_number(ps) < 0 && ps[strspn(ps, " \t\n")] == 0) {
				fd_msg(d, M_FAI_NO_PARA, name, line, cl, p->doc);
				bad++;
			} else if (para < 0) {
				fd_msg(d, M_FAI_BAD_PARA, name, line, cl, ps,
				       p->doc);
				bad++;
			} else if (!fd_fa_paras_has(p, para)) {
				fd_msg(d, M_FAI_NO_SUCH_PARA, name, line, cl,
				       p->doc, para,
				       p->count ? p->n[p->count - 1] : 0);
				bad++;
			} else {
				v = fd_xreallocarray(v, (size_t)n + 1,
						     sizeof *v);
				v[n].para = para;
				v[n].comment = comment;
				v[n].evidence = *evidence ? evidence : NULL;
				v[n].line = rec->line;
				n++;
				if (*evidence == '\0')
					free(evidence);
				continue;
			}
		}
		free(comment);
		free(evidence);
	}
	if (bad) {
		rows_free(v, n);
		return -1;
	}
	*rows = v;
	return n;
}

/* --------------------------------------------------- Markdown text */

/* Whether the text after an '&' would make it a character reference:
 * "&amp;", "&#38;". */
static int
entity_like(const char *s, size_t n)
{
	size_t i = 0;

	if (i < n && s[i] == '#')
		i++;
	while (i < n && i < 40 &&
	       ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		(s[i] >= '0' && s[i] <= '9')))
		i++;
	return i > 0 && i < n && s[i] == ';';
}

/* Appends one line of typed text, escaped so that Markdown prints it as
 * it stands, then escaped for XML. */
static void
add_md_line(struct fd_buf *b, const char *s, size_t n)
{
	size_t i = 0, k, mark = (size_t)-1;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	/* What makes a block of a line: a heading, quote, list, rule,
	 * fence, table or setext underline; "12." or "3)" a numbered list. */
	if (i < n && strchr("#>|-+=~", s[i]) != NULL)
		fd_buf_addc(b, '\\');
	for (k = i; k < n && s[k] >= '0' && s[k] <= '9'; k++)
		;
	if (k > i && k < n && (s[k] == '.' || s[k] == ')'))
		mark = k;
	for (; i < n; i++) {
		char c = s[i];

		if (i == mark || strchr("\\`*_[]<", c) != NULL ||
		    (c == '&' && entity_like(s + i + 1, n - i - 1)))
			fd_buf_addc(b, '\\');
		if (c == '\t')
			c = ' ';
		if (c == '&')
			fd_buf_adds(b, "&amp;");
		else if (c == '<')
			fd_buf_adds(b, "&lt;");
		else if (c == '>')
			fd_buf_adds(b, "&gt;");
		else
			fd_buf_addc(b, c);
	}
}

/* Appends text (lines split on '\n'), each line after indent. Blank
 * lines stay blank (a paragraph break in Markdown). */
static void
add_md_text(struct fd_buf *b, const char *text, const char *indent,
	    const char *nl)
{
	const char *p = text, *e;
	size_t n;

	for (;;) {
		e = strchr(p, '\n');
		n = e ? (size_t)(e - p) : strlen(p);
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		fd_buf_adds(b, nl);
		if (n > 0) {
			fd_buf_adds(b, indent);
			add_md_line(b, p, n);
		}
		if (e == NULL)
			break;
		p = e + 1;
	}
}

/* ------------------------------------------------ the XML as text */

/* An element of the source, as found by scanning its bytes. */
struct span {
	size_t start;	  /* its '<' */
	size_t tag_end;	  /* just after the '>' of its start tag */
	size_t end;	  /* just after its end tag (or of "/>") */
	int empty;	  /* it is written <name .../> */
	char name[32];	  /* its name, cut short */
};

/* The end of a comment, PI or CDATA section at off ('<' of "<!--",
 * "<?", "<![CDATA["), or of a start or end tag: just after it. */
static size_t
skip_markup(const char *s, size_t len, size_t off)
{
	const char *e;
	char quote = 0;
	size_t i;

	if (strncmp(s + off, "<!--", 4) == 0) {
		e = strstr(s + off + 4, "-->");
		return e ? (size_t)(e - s) + 3 : len;
	}
	if (strncmp(s + off, "<![CDATA[", 9) == 0) {
		e = strstr(s + off + 9, "]]>");
		return e ? (size_t)(e - s) + 3 : len;
	}
	if (strncmp(s + off, "<?", 2) == 0) {
		e = strstr(s + off + 2, "?>");
		return e ? (size_t)(e - s) + 2 : len;
	}
	for (i = off + 1; i < len; i++) {
		if (quote) {
			if (s[i] == quote)
				quote = 0;
		} else if (s[i] == '"' || s[i] == '\'') {
			quote = s[i];
		} else if (s[i] == '>') {
			return i + 1;
		}
	}
	return len;
}

/* Scans the element whose '<' is at off into sp (the source is
 * well-formed: the loader has parsed it). */
static void
scan_element(const char *s, size_t len, size_t off, struct span *sp)
{
	size_t i = off + 1, n = 0;
	int depth = 0;

	memset(sp, 0, sizeof *sp);
	sp->start = off;
	while (i < len && !strchr(" \t\r\n/>", s[i])) {
		if (n + 1 < sizeof sp->name)
			sp->name[n++] = s[i];
		i++;
	}
	sp->tag_end = skip_markup(s, len, off);
	sp->empty = sp->tag_end >= 2 && s[sp->tag_end - 2] == '/';
	if (sp->empty) {
		sp->end = sp->tag_end;
		return;
	}
	for (i = sp->tag_end; i < len;) {
		if (s[i] != '<') {
			i++;
			continue;
		}
		if (s[i + 1] == '/') {
			i = skip_markup(s, len, i);
			if (depth-- == 0)
				break;
			continue;
		}
		if (s[i + 1] == '!' || s[i + 1] == '?') {
			i = skip_markup(s, len, i);
			continue;
		}
		{
			size_t te = skip_markup(s, len, i);

			if (!(te >= 2 && s[te - 2] == '/'))
				depth++;
			i = te;
		}
	}
	sp->end = i;
}

/* The child elements of parent, in order; returns the count with *out
 * set (the caller frees it). */
static size_t
children(const char *s, size_t len, const struct span *parent,
	 struct span **out)
{
	struct span *v = NULL, c;
	size_t n = 0, i;

	*out = NULL;
	if (parent->empty)
		return 0;
	for (i = parent->tag_end; i < parent->end;) {
		if (s[i] != '<') {
			i++;
			continue;
		}
		if (s[i + 1] == '/')
			break;
		if (s[i + 1] == '!' || s[i + 1] == '?') {
			i = skip_markup(s, len, i);
			continue;
		}
		scan_element(s, len, i, &c);
		v = fd_xreallocarray(v, n + 1, sizeof *v);
		v[n++] = c;
		i = c.end;
	}
	*out = v;
	return n;
}

/* The root element, after the XML declaration and any comments. */
static void
root_span(const char *s, size_t len, struct span *root)
{
	size_t i = 0;

	while (i < len) {
		if (s[i] == '<' && (s[i + 1] == '?' || s[i + 1] == '!')) {
			i = skip_markup(s, len, i);
			continue;
		}
		if (s[i] == '<')
			break;
		i++;
	}
	scan_element(s, len, i, root);
}

/* The white space before the '<' at off on its line, when nothing else
 * is there; "" otherwise. A new string. */
static char *
indent_of(const char *s, size_t off)
{
	size_t b = off;

	while (b > 0 && (s[b - 1] == ' ' || s[b - 1] == '\t'))
		b--;
	if (b > 0 && s[b - 1] != '\n' && s[b - 1] != '\r')
		return fd_xstrdup("");
	return fd_xstrndup(s + b, off - b);
}

/* The value of attribute name in the start tag of sp: offsets of its
 * first byte and just after its last. Returns 0, or -1 when absent. */
static int
attr_value(const char *s, const struct span *sp, const char *name,
	   size_t *vb, size_t *ve)
{
	size_t i = sp->start + 1 + strlen(sp->name), n = strlen(name);

	while (i < sp->tag_end) {
		size_t nb, ne;
		char q;

		while (i < sp->tag_end && strchr(" \t\r\n", s[i]))
			i++;
		nb = i;
		while (i < sp->tag_end && !strchr(" \t\r\n=/>", s[i]))
			i++;
		ne = i;
		while (i < sp->tag_end && strchr(" \t\r\n", s[i]))
			i++;
		if (i >= sp->tag_end || s[i] != '=')
			return -1;
		i++;
		while (i < sp->tag_end && strchr(" \t\r\n", s[i]))
			i++;
		q = s[i++];
		*vb = i;
		while (i < sp->tag_end && s[i] != q)
			i++;
		*ve = i++;
		if (ne - nb == n && strncmp(s + nb, name, n) == 0)
			return 0;
	}
	return -1;
}

/* --------------------------------------------------- the inspection */

/* What the import adds, with what it needs to know of the inspection. */
struct import {
	const struct fd_input *in; /* the inspection as it is */
	const char *from;	   /* the agency the comments are from */
	const char *received;	   /* --received, or NULL */
	const char *nl;		   /* the file's line ending */
	char *unit;		   /* one level of its indentation */
	long next;		   /* the number of the next fa-N id */
};

/* Whether an element of the inspection has this id. */
static int
id_taken(const xmlNode *n, const char *id)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (fd_attr(n, "id") && strcmp(fd_attr(n, "id"), id) == 0)
			return 1;
		if (id_taken(n->children, id))
			return 1;
	}
	return 0;
}

/* The next free id fa-N, N above every fa-N already used. */
static char *
next_id(struct import *im)
{
	const xmlNode *root = xmlDocGetRootElement(im->in->doc);
	char *id;

	for (;;) {
		id = fd_xasprintf("fa-%ld", im->next++);
		if (!id_taken(root, id))
			return id;
		free(id);
	}
}

/* The highest N of the comments' ids fa-N. */
static long
last_fa_number(const xmlNode *fa)
{
	const xmlNode *n;
	long top = 0, k;
	char *end;

	for (n = fa ? fa->children : NULL; n; n = n->next) {
		const char *id = fd_attr(n, "id");

		if (!fd_is_elem(n, "comment") || id == NULL ||
		    strncmp(id, "fa-", 3) != 0)
			continue;
		k = strtol(id + 3, &end, 10);
		if (*end == '\0' && k > top && k < LONG_MAX / 2)
			top = k;
	}
	return top;
}

/* The Markdown of a row's comment, as it is written into the file
 * (unindented, lines joined by '\n'), for comparing with what is there. */
static char *
row_markdown(const struct row *r)
{
	struct fd_buf b = {0};
	char *s;

	add_md_text(&b, r->comment, "", "\n");
	if (r->evidence != NULL) {
		fd_buf_adds(&b, "\n");
		s = fd_xasprintf("Evidence: %s", r->evidence);
		add_md_text(&b, s, "", "\n");
		free(s);
	}
	return fd_buf_steal(&b);
}

/* The existing comment that row repeats (same paragraph, same agency,
 * same words), or NULL. */
static const xmlNode *
repeated(const xmlNode *fa, const struct row *r, const char *from)
{
	struct fd_diags *scratch = fd_diags_new();
	char *md = row_markdown(r), *x, *want, *have;
	const xmlNode *n, *hit = NULL;
	struct fd_input *in;

	/* What the parser makes of the escaped text, squeezed as the
	 * existing comments are. */
	x = fd_xasprintf("<t>%s</t>", md);
	in = fd_load_memory("row", x, strlen(x), scratch);
	want = in ? fd_text_squeezed(xmlDocGetRootElement(in->doc))
		  : fd_xstrdup("");
	for (n = fa ? fa->children : NULL; n && hit == NULL; n = n->next) {
		if (!fd_is_elem(n, "comment") || !fd_attr(n, "para") ||
		    atol(fd_attr(n, "para")) != r->para ||
		    !fd_attr(n, "from") || strcmp(fd_attr(n, "from"), from) != 0)
			continue;
		have = fd_text_squeezed(n);
		if (strcmp(have, want) == 0)
			hit = n;
		free(have);
	}
	fd_input_free(in);
	fd_diags_free(scratch);
	free(want);
	free(x);
	free(md);
	return hit;
}

/* Appends the <comment> elements, each on new lines at indent. */
static void
add_comments(struct fd_buf *b, struct import *im, const struct row *rows,
	     long n, const char *indent, char **first, char **last)
{
	char *inner = fd_xasprintf("%s%s", indent, im->unit), *id, *s;
	long i;

	for (i = 0; i < n; i++) {
		id = next_id(im);
		fd_buf_addf(b, "%s%s<comment id=\"%s\" para=\"%ld\" from=\"",
			    im->nl, indent, id, rows[i].para);
		for (s = (char *)im->from; *s; s++)
			if (!fd_buf_add_markup_escape(b, (unsigned char)*s))
				fd_buf_addc(b, *s);
		fd_buf_adds(b, "\">");
		add_md_text(b, rows[i].comment, inner, im->nl);
		if (rows[i].evidence != NULL) {
			s = fd_xasprintf("Evidence: %s", rows[i].evidence);
			fd_buf_adds(b, im->nl);
			add_md_text(b, s, inner, im->nl);
			free(s);
		}
		fd_buf_addf(b, "%s%s</comment>", im->nl, indent);
		if (*first == NULL)
			*first = fd_xstrdup(id);
		free(*last);
		*last = id;
	}
	free(inner);
}

/*
 * The inspection's bytes with the comments inserted, the rest as it
 * was. Returns a new string; NULL after reporting (no place to put a new
 * <factual-accuracy> without the dates it needs).
 */
static char *
spliced(struct import *im, const struct row *rows, long n,
	const char *against, char **first, char **last, struct fd_diags *d)
{
	const char *s = im->in->src;
	size_t len = im->in->len, nk, i, at;
	struct span root, *kids = NULL, *fa = NULL, *fkids = NULL, *after;
	struct fd_buf b = {0};
	char *indent, *inner;

	root_span(s, len, &root);
	nk = children(s, len, &root, &kids);
	for (i = 0; i < nk; i++)
		if (strcmp(kids[i].name, "factual-accuracy") == 0)
			fa = &kids[i];
	indent = nk ? indent_of(s, kids[0].start) : fd_xstrdup("  ");
	if (fa == NULL) {
		if (im->received == NULL || against == NULL) {
			if (against != NULL)
				fd_msg(d, M_FAI_NO_FA, im->in->path, 0, 0);
			else
				fd_msg(d, M_FAI_NO_FA_REVISION, im->in->path,
				       0, 0);
			free(kids);
			free(indent);
			return NULL;
		}
		/* After <history>, as SPEC.md orders them; else last. */
		after = nk ? &kids[nk - 1] : NULL;
		for (i = 0; i < nk; i++)
			if (strcmp(kids[i].name, "history") == 0)
				after = &kids[i];
		at = after ? after->end : root.tag_end;
		inner = fd_xasprintf("%s%s", indent, im->unit);
		fd_buf_add(&b, s, at);
		fd_buf_addf(&b, "%s%s<factual-accuracy received=\"%s\" "
			    "against-revision=\"%s\">",
			    im->nl, indent, im->received, against);
		add_comments(&b, im, rows, n, inner, first, last);
		fd_buf_addf(&b, "%s%s</factual-accuracy>", im->nl, indent);
		fd_buf_add(&b, s + at, len - at);
		free(inner);
		goto out;
	}
	free(indent);
	indent = indent_of(s, fa->start);
	inner = fd_xasprintf("%s%s", indent, im->unit);
	nk = children(s, len, fa, &fkids);
	if (nk > 0) {
		free(inner);
		inner = indent_of(s, fkids[0].start);
	}
	/* --received replaces the day recorded. */
	{
		size_t vb, ve;

		if (im->received && attr_value(s, fa, "received", &vb, &ve) == 0) {
			fd_buf_add(&b, s, vb);
			fd_buf_adds(&b, im->received);
			at = ve;
		} else {
			at = 0;
		}
		if (fa->empty) {
			fd_buf_add(&b, s + at, fa->tag_end - 2 - at);
			fd_buf_adds(&b, ">");
			add_comments(&b, im, rows, n, inner, first, last);
			fd_buf_addf(&b, "%s%s</factual-accuracy>", im->nl,
				    indent);
			at = fa->tag_end;
		} else {
			size_t where = nk ? fkids[nk - 1].end : fa->tag_end;

			fd_buf_add(&b, s + at, where - at);
			add_comments(&b, im, rows, n, inner, first, last);
			at = where;
		}
		fd_buf_add(&b, s + at, len - at);
	}
	free(inner);
out:
	free(fkids);
	free(kids);
	free(indent);
	return fd_buf_steal(&b);
}

/* One level of the file's indentation: the first child of the root's. */
static char *
indent_unit(const char *s, size_t len)
{
	struct span root, *kids;
	size_t n = 0;
	char *u;

	root_span(s, len, &root);
	if (children(s, len, &root, &kids) > 0)
		u = indent_of(s, kids[0].start);
	else
		u = fd_xstrdup("");
	free(kids);
	if (*u == '\0') {
		free(u);
		u = fd_xstrdup("  ");
	}
	(void)n;
	return u;
}

/* The revision sent for the check: the last at stage factual-accuracy,
 * else the last of all; NULL without a history. */
static const char *
sent_revision(const xmlNode *root)
{
	const xmlNode *h = fd_child(root, "history"), *n;
	const char *fa = NULL, *last = NULL;

	for (n = h ? h->children : NULL; n; n = n->next) {
		if (!fd_is_elem(n, "revision"))
			continue;
		last = fd_attr(n, "n");
		if (fd_attr(n, "stage") &&
		    strcmp(fd_attr(n, "stage"), "factual-accuracy") == 0)
			fa = fd_attr(n, "n");
	}
	return fa ? fa : last;
}

/* The agency the comments are from: --from, checked, or the one local
 * authority. NULL after reporting. */
static const char *
agency_from(const xmlNode *root, const char *from, const char *path,
	    struct fd_diags *d)
{
	const xmlNode *as = fd_child(root, "agencies"), *n;
	const char *la = NULL;
	int las = 0;
	struct fd_buf ids = {0};

	for (n = as ? as->children : NULL; n; n = n->next) {
		if (!fd_is_elem(n, "agency") || !fd_attr(n, "id"))
			continue;
		if (from && strcmp(fd_attr(n, "id"), from) == 0) {
			fd_buf_free(&ids);
			return from;
		}
		fd_buf_addf(&ids, "%s%s", ids.len ? ", " : "",
			    fd_attr(n, "id"));
		if (fd_attr(n, "type") &&
		    strcmp(fd_attr(n, "type"), "local-authority") == 0) {
			la = fd_attr(n, "id");
			las++;
		}
	}
	if (from)
		fd_msg(d, M_FAI_FROM_UNKNOWN, path, 0, 0, from,
		       ids.len ? ids.data : "none");
	else if (las != 1)
		fd_msg(d, M_FAI_WHICH_AGENCY, path, 0, 0,
		       ids.len ? ids.data : "none");
	fd_buf_free(&ids);
	return from || las != 1 ? NULL : la;
}

/* Writes data over path atomically, keeping the file's permissions
 * (fd_write_atomic) and writing through a symbolic link to its target.
 * Returns 0 or errno. */
static int
replace_file(const char *path, const char *data, size_t len)
{
	char *real = realpath(path, NULL);
	int err;

	if (real == NULL)
		return errno;
	err = fd_write_atomic(real, data, len);
	free(real);
	return err;
}

/* ------------------------------------------------------- the command */

/* The import itself once the options are read; reports through d. */
static void
run(struct fd_cli *cli, const char *path, const char *form, const char *from,
    const char *received)
{
	enum fd_stage stage = FD_STAGE_FACTUAL_ACCURACY;
	struct fd_diags *d = cli->d;
	struct fd_fa_paras p = {0};
	struct fd_render *r = NULL;
	const struct fd_input *in;
	struct fd_input *check = NULL;
	struct fd_csv *c = NULL;
	struct import im = {0};
	struct row *rows = NULL, *keep = NULL;
	const xmlNode *root, *fa, *dup;
	char *data = NULL, *out = NULL, *first = NULL, *last = NULL;
	size_t len = 0;
	long n = -1, kept = 0, i;
	int err;

	if (fd_same_file(path, form)) {
		fd_msg(d, M_FAI_SAME_FILE, form, 0, 0);
		return;
	}
	if ((r = fd_cli_open(cli, path, &stage)) == NULL ||
	    fd_fa_paras(r, &p, d) != 0)
		goto out;
	if ((err = fd_read_file(form, FD_CSV_MAX_FILE, &data, &len)) != 0) {
		if (err == EFBIG)
			fd_msg(d, M_FAI_FORM_LARGE, form, 0, 0,
			       FD_CSV_MAX_FILE >> 20);
		else
			fd_msg(d, M_READ, form, 0, 0, strerror(err));
		goto out;
	}
	if ((c = fd_csv_parse(form, data, len, d)) == NULL ||
	    (n = read_rows(form, c, &p, &rows, d)) < 0)
		goto out;
	/* The file as it was read: its bytes are edited, its tree says
	 * what is there already. */
	in = fd_render_input(r);
	root = xmlDocGetRootElement(in->doc);
	fa = fd_child(root, "factual-accuracy");
	im.in = in;
	im.received = received;
	if ((im.from = agency_from(root, from, path, d)) == NULL)
		goto out;
	im.nl = strstr(in->src, "\r\n") ? "\r\n" : "\n";
	im.unit = indent_unit(in->src, in->len);
	im.next = last_fa_number(fa) + 1;
	/* A row already imported (the same form read twice) is left out. */
	keep = fd_xcalloc((size_t)n + 1, sizeof *keep);
	for (i = 0; i < n; i++) {
		if ((dup = repeated(fa, &rows[i], im.from)) != NULL) {
			fd_msg(d, M_FAI_REPEATED, form, rows[i].line, 1,
			       rows[i].para, fd_attr(dup, "id"));
			continue;
		}
		keep[kept++] = rows[i];
	}
	if (kept == 0 && received == NULL) {
		printf("%s: no new comments in %s; nothing changed\n", path,
		       form);
		goto out;
	}
	out = spliced(&im, keep, kept, sent_revision(root), &first, &last, d);
	if (out == NULL)
		goto out;
	/* The result must be an inspection that check accepts at the
	 * stage of the round; its warnings are the user's to see. */
	if ((check = fd_load_memory(path, out, strlen(out), d)) == NULL ||
	    fd_check(check, &cli->dd, FD_STAGE_FACTUAL_ACCURACY, d) > 0)
		goto out;
	if (kept > 0 && fd_inspection_stage(check) > FD_STAGE_FACTUAL_ACCURACY)
		fd_msg(d, M_FAI_STAGE, path, 0, 0,
		       fd_stage_name(fd_inspection_stage(check)), p.doc);
	if ((err = replace_file(path, out, strlen(out))) != 0) {
		fd_msg(d, M_WRITE, path, 0, 0, strerror(err));
		goto out;
	}
	if (kept == 0)
		printf("%s: no new comments; the day received is now %s\n",
		       path, received);
	else if (kept == 1)
		printf("%s: 1 comment added (%s)\n", path, first);
	else
		printf("%s: %ld comments added (%s to %s)\n", path, kept,
		       first, last);
out:
	free(keep);
	rows_free(rows, n);
	free(first);
	free(last);
	free(out);
	free(im.unit);
	fd_input_free(check);
	fd_csv_free(c);
	free(data);
	fd_fa_paras_clear(&p);
	fd_render_close(r);
}

/* The command's own options: --from and --received (a real date), into
 * ctx[0] and ctx[1]. */
static int
own(struct fd_cli *c, int opt, char *arg, void *ctx)
{
	const char **v = ctx;
	struct fd_date date;

	if (opt == 'f') {
		v[0] = arg;
		return 0;
	}
	if (fd_date_parse(arg, &date) != 0) {
		return fd_msg_say(c->command, M_FAI_RECEIVED, arg);
	}
	v[1] = arg;
	return 0;
}

int
fd_cmd_fa_import(int argc, char **argv)
{
	static const struct option opts[] = {
		{"from", required_argument, NULL, 'f'},
		{"received", required_argument, NULL, 'r'},
		{NULL, 0, NULL, 0},
	};
	const char *v[2] = {NULL, NULL};
	struct fd_cli c;
	int status;

	status = fd_cli_parse(&c, "fa-import", usage, argc, argv,
			      FD_CLI_TEMPLATES, "h", opts, own, v);
	if (status >= 0)
		return status;
	if (optind + 2 != argc)
		return fd_cli_usage_error(&c, M_FAI_FILES);
	if (fd_cli_begin(&c) == 0)
		run(&c, argv[optind], argv[optind + 1], v[0], v[1]);
	return fd_cli_end(&c, FD_EXIT_OK);
}
