/*
 * load_explain.c: malformed XML in words. libxml2 says "xmlParseEntityRef:
 * no name" for a bare '&' and "AttValue: \" or ' expected" for curly
 * quotes; a person who pasted a paragraph from a word processor needs to
 * be told what to type instead, at the character to change. The messages
 * are keyed by libxml2's error number, with a look at the bytes around the
 * place it stopped (it stops after the '&', not at it).
 */
#include "load_int.h"

#include <libxml/xmlerror.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Where the explanation looks (the file's bytes and lines) and reports. */
struct src {
	const char *s;		 /* the bytes */
	size_t len;		 /* bytes in s */
	const size_t *line_start; /* offset of each line, 0-based */
	size_t nlines;		 /* entries in line_start */
	const char *path;	 /* the file, for the message */
	struct fd_diags *d;	 /* where the message goes */
};

/* Reports message m of the catalogue at line and col; returns 1. */
static int
explained(const struct src *x, long line, long col, enum fd_msg m, ...)
{
	va_list ap;

	va_start(ap, m);
	fd_vmsg(x->d, m, x->path, line, col, ap);
	va_end(ap);
	return 1;
}

/* The byte offset of line and column (columns count characters). */
static size_t
offset_of(const struct src *x, long line, long col)
{
	size_t off;

	if (line < 1 || (size_t)line > x->nlines)
		return x->len;
	off = x->line_start[line - 1];
	while (col > 1 && off < x->len && x->s[off] != '\n') {
		off++;
		while (off < x->len && ((unsigned char)x->s[off] & 0xc0) == 0x80)
			off++;
		col--;
	}
	return off;
}

/* The line and column of a byte offset. */
static void
place_of(const struct src *x, size_t off, long *line, long *col)
{
	size_t lo = 0, hi = x->nlines, i;
	long c = 1;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (x->line_start[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	for (i = x->line_start[lo]; i < off && i < x->len; i++)
		if (((unsigned char)x->s[i] & 0xc0) != 0x80)
			c++;
	*line = (long)lo + 1;
	*col = c;
}

/* The last c at or before off on its line, or (size_t)-1. */
static size_t
back_to(const struct src *x, size_t off, char c)
{
	size_t i = off < x->len ? off + 1 : x->len;

	while (i > 0) {
		i--;
		if (x->s[i] == c)
			return i;
		if (x->s[i] == '\n' && i != off)
			break;
	}
	return (size_t)-1;
}

/* Bytes of the typographic quote at off (“ ” ‘ ’ „ « » ′ ″), or 0. */
static size_t
curly_quote(const struct src *x, size_t off)
{
	static const char *const q[] = {
		"\u201c", "\u201d", "\u2018", "\u2019", "\u201e",
		"\u00ab", "\u00bb", "\u2032", "\u2033", "\uff02"};
	size_t i;

	for (i = 0; i < sizeof q / sizeof q[0]; i++) {
		size_t n = strlen(q[i]);

		if (off + n <= x->len && memcmp(x->s + off, q[i], n) == 0)
			return n;
	}
	return 0;
}

static int
name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
	       c == ':';
}

/* The attribute name before the '=' that precedes off ("id" in
 * id=“s-1”), copied into buf; "" when there is none. */
static const char *
attr_before(const struct src *x, size_t off, char *buf, size_t size)
{
	size_t e = off, b;

	while (e > 0 && (x->s[e - 1] == ' ' || x->s[e - 1] == '\t'))
		e--;
	if (e == 0 || x->s[e - 1] != '=') {
		buf[0] = '\0';
		return buf;
	}
	e--;
	while (e > 0 && (x->s[e - 1] == ' ' || x->s[e - 1] == '\t'))
		e--;
	for (b = e; b > 0 && name_char(x->s[b - 1]); b--)
		;
	snprintf(buf, size, "%.*s", (int)(e - b), x->s + b);
	return buf;
}

/*
 * In the start tag that holds off, an attribute whose value opens with
 * one kind of quote and is closed by the other (id="s-1' agencies="la"):
 * its opening quote's offset, its name into buf, the quotes into *open
 * and *close. Returns (size_t)-1 when there is none.
 */
static size_t
mismatched_quote(const struct src *x, size_t off, char *buf, size_t size,
		 char *open, char *close)
{
	size_t lt = off, i;

	while (lt > 0 && x->s[lt] != '<')
		lt--;
	for (i = lt; i < off && i < x->len; i++) {
		char q = x->s[i], other = q == '"' ? '\'' : '"';
		size_t j;

		if ((q != '"' && q != '\'') || i == 0 || x->s[i - 1] != '=')
			continue;
		/* The value as the author meant it ends at the other quote
		 * when a space and another name= follow it. */
		for (j = i + 1; j < x->len && x->s[j] != q && x->s[j] != '>';
		     j++) {
			size_t k = j + 1;

			if (x->s[j] != other || k >= x->len || x->s[k] != ' ')
				continue;
			while (k < x->len && x->s[k] == ' ')
				k++;
			while (k < x->len && name_char(x->s[k]))
				k++;
			if (k < x->len && x->s[k] == '=') {
				attr_before(x, i, buf, size);
				*open = q;
				*close = other;
				return i;
			}
		}
		if (j < x->len && x->s[j] == q)
			i = j;
	}
	return (size_t)-1;
}

/* The line of an opening tag <name on line, and its column; the line's
 * start when the tag is not found there. */
static void
find_open_tag(const struct src *x, const char *name, long line, long *col)
{
	size_t off, end, n = strlen(name);

	*col = 1;
	if (line < 1 || (size_t)line > x->nlines || n == 0)
		return;
	off = x->line_start[line - 1];
	end = (size_t)line < x->nlines ? x->line_start[line] : x->len;
	for (; off + n + 1 <= end; off++)
		if (x->s[off] == '<' && memcmp(x->s + off + 1, name, n) == 0 &&
		    (off + n + 1 == end || !name_char(x->s[off + n + 1]))) {
			long l;

			place_of(x, off, &l, col);
			return;
		}
}

/* The last word of libxml2's message ("... line 35 and findings"). */
static void
last_word(const char *msg, char *buf, size_t size)
{
	size_t n = msg ? strlen(msg) : 0, b;

	while (n > 0 && (msg[n - 1] == ' ' || msg[n - 1] == '\n'))
		n--;
	for (b = n; b > 0 && msg[b - 1] != ' '; b--)
		;
	snprintf(buf, size, "%.*s", (int)(n - b), msg ? msg + b : "");
}

/* '&' troubles: a bare one, one without its ';', an HTML entity. */
static int
explain_amp(const struct src *x, const struct fd_parse_error *err, size_t off,
	    long *line, long *col)
{
	size_t amp = back_to(x, off, '&'), e;
	char *name;

	if (amp == (size_t)-1)
		return 0;
	place_of(x, amp, line, col);
	if (err->code == XML_ERR_NAME_REQUIRED)
		return explained(x, *line, *col, M_XML_BARE_AMP);
	if (err->code == XML_ERR_ENTITYREF_SEMICOL_MISSING)
		return explained(x, *line, *col, M_XML_AMP_SEMI);
	for (e = amp + 1; e < x->len && name_char(x->s[e]); e++)
		;
	name = fd_xstrndup(x->s + amp + 1, e - amp - 1);
	explained(x, *line, *col, M_XML_ENTITY, name);
	free(name);
	return 1;
}

/* A value not in straight quotes: curly ones, or none. */
static int
explain_unquoted(const struct src *x, size_t off, long *line, long *col)
{
	char name[64], *quote;
	size_t q = curly_quote(x, off);

	attr_before(x, off, name, sizeof name);
	place_of(x, off, line, col);
	if (q == 0)
		return explained(x, *line, *col, M_XML_UNQUOTED,
				 name[0] ? name : "this attribute",
				 name[0] ? "=" : "", name[0] ? name : "name");
	quote = fd_xstrndup(x->s + off, q);
	explained(x, *line, *col, M_XML_CURLY,
		  name[0] ? name : "this attribute", name[0] ? "=" : "", quote,
		  name[0] ? name : "name");
	free(quote);
	return 1;
}

/* A start tag whose attributes do not parse: mismatched quotes, or two
 * attributes run together. */
static int
explain_attributes(const struct src *x, size_t off, long *line, long *col)
{
	char name[64], open, close;
	size_t at = mismatched_quote(x, off, name, sizeof name, &open, &close);

	if (at == (size_t)-1)
		return explained(x, *line, *col, M_XML_ATTRS);
	place_of(x, at, line, col);
	return explained(x, *line, *col, M_XML_QUOTES,
			 name[0] ? name : "this attribute", open, close,
			 name[0] ? name : "name");
}

/* A tag closed by another's end tag, or never closed. */
static int
explain_unclosed(const struct src *x, const struct fd_parse_error *err,
		 long *line, long *col)
{
	char end[64];
	long at_line = *line;

	if (err->name[0] == '\0' || err->int1 <= 0)
		return 0;
	*line = err->int1;
	find_open_tag(x, err->name, *line, col);
	if (err->code == XML_ERR_TAG_NOT_FINISHED)
		return explained(x, *line, *col, M_XML_NEVER_CLOSED, err->name,
				 err->name);
	last_word(err->msg, end, sizeof end);
	return explained(x, *line, *col, M_XML_NOT_CLOSED, err->name, end,
			 at_line, err->name);
}

int
fd_explain_parse_error(const struct fd_parse_error *err, const char *src,
		       size_t len, const size_t *line_start, size_t nlines,
		       const char *path, long line, long col,
		       struct fd_diags *d)
{
	struct src x = {src, len, line_start, nlines, path, d};
	size_t off = offset_of(&x, line, col);
	const char *msg = err->msg ? err->msg : "";
	size_t lt;

	switch (err->code) {
	case XML_ERR_NAME_REQUIRED:
		if (strstr(msg, "EntityRef") != NULL)
			return explain_amp(&x, err, off, &line, &col);
		if (strstr(msg, "StartTag") == NULL ||
		    (lt = back_to(&x, off, '<')) == (size_t)-1)
			return 0;
		place_of(&x, lt, &line, &col);
		return explained(&x, line, col, M_XML_LT);
	case XML_ERR_ENTITYREF_SEMICOL_MISSING:
	case XML_ERR_UNDECLARED_ENTITY:
	case XML_WAR_UNDECLARED_ENTITY:
		return explain_amp(&x, err, off, &line, &col);
	case XML_ERR_LT_IN_ATTRIBUTE:
		if ((lt = back_to(&x, off, '<')) != (size_t)-1)
			place_of(&x, lt, &line, &col);
		return explained(&x, line, col, M_XML_LT_ATTR);
	case XML_ERR_ATTRIBUTE_NOT_STARTED:
	case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
		return explain_unquoted(&x, off, &line, &col);
	case XML_ERR_SPACE_REQUIRED:
	case XML_ERR_ATTRIBUTE_NOT_FINISHED:
		if (strstr(msg, "attributes construct") == NULL &&
		    strstr(msg, "AttValue") == NULL)
			return 0;
		return explain_attributes(&x, off, &line, &col);
	case XML_ERR_GT_REQUIRED:
		if (err->name[0] == '\0')
			return 0;
		if (err->int1 > 0) {
			line = err->int1;
			find_open_tag(&x, err->name, line, &col);
		}
		return explained(&x, line, col, M_XML_UNFINISHED, err->name);
	case XML_ERR_TAG_NAME_MISMATCH:
	case XML_ERR_TAG_NOT_FINISHED:
		return explain_unclosed(&x, err, &line, &col);
	case XML_ERR_ATTRIBUTE_REDEFINED:
		if (err->name[0] == '\0')
			return 0;
		return explained(&x, line, col, M_XML_ATTR_TWICE, err->name);
	case XML_ERR_DOCUMENT_END:
		return explained(&x, line, col, M_XML_AFTER_END);
	case XML_ERR_DOCUMENT_EMPTY:
		return explained(&x, line, col, M_XML_NO_TAG);
	default:
		return 0;
	}
}

/* Optimal string alignment distance (edits, with two neighbours swapped
 * as one: "strenght" is one from "strength"), ASCII case folded; stops
 * early above limit. Returns limit + 1 when over it. */
static size_t
distance(const char *a, const char *b, size_t limit)
{
	size_t la = strlen(a), lb = strlen(b), i, j, best;
	size_t *base, *prev2, *prev, *cur, *t;

	if (la > 64 || lb > 64)
		return limit + 1;
	if ((la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	base = prev2 = fd_xcalloc(3 * (lb + 1), sizeof *prev2);
	prev = prev2 + lb + 1;
	cur = prev + lb + 1;
	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; i <= la; i++) {
		cur[0] = i;
		best = i;
		for (j = 1; j <= lb; j++) {
			char ca = a[i - 1], cb = b[j - 1];
			size_t v;

			if (ca >= 'A' && ca <= 'Z')
				ca = (char)(ca - 'A' + 'a');
			if (cb >= 'A' && cb <= 'Z')
				cb = (char)(cb - 'A' + 'a');
			v = prev[j - 1] + (ca != cb);
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && ca == b[j - 2] && a[i - 2] == cb &&
			    prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		if (best > limit) {
			free(base);
			return limit + 1;
		}
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	best = prev[lb];
	free(base);
	return best;
}

const char *
fd_nearest(const char *word, const char *const *words, size_t n)
{
	size_t i, len = strlen(word), limit = len < 4 ? 1 : len < 9 ? 2 : 3;
	size_t best = limit + 1;
	const char *pick = NULL;

	int tie = 0;

	for (i = 0; i < n; i++) {
		size_t dist = distance(word, words[i], limit);

		if (strcmp(word, words[i]) == 0 || dist > best)
			continue;
		if (dist == best && pick != NULL && strcmp(pick, words[i]) != 0)
			tie = 1;
		if (dist < best) {
			best = dist;
			pick = words[i];
			tie = 0;
		}
	}
	/* Two as near ("ev-9": ev-1 or ev-2?) suggest neither. */
	return tie ? NULL : pick;
}
