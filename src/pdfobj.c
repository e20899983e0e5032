/*
 * pdfobj.c: reading the objects of a PDF that Cairo wrote, where they
 * lie, and writing an incremental update after it (pdfobj.h).
 */
#include "pdfobj.h"

#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Nesting of arrays and dictionaries, and of copied objects. */
#define PDF_DEPTH 64

struct pdf_arena {
	struct pdf_arena *next;
	size_t used, cap;
	_Alignas(16) unsigned char mem[];
};

static void *
alloc(struct pdf_file *f, size_t n)
{
	void *p;

	n = (n + 15) & ~(size_t)15;
	if (f->arena == NULL || f->arena->cap - f->arena->used < n) {
		size_t cap = n > 65536 ? n : 65536;
		struct pdf_arena *a = fd_xmalloc(sizeof *a + cap);

		a->next = f->arena;
		a->used = 0;
		a->cap = cap;
		f->arena = a;
	}
	p = f->arena->mem + f->arena->used;
	f->arena->used += n;
	memset(p, 0, n);
	return p;
}

static struct pdf_val *
val(struct pdf_file *f, enum pdf_kind k)
{
	struct pdf_val *v = alloc(f, sizeof *v);

	v->kind = k;
	return v;
}

static struct pdf_val *
fail(struct pdf_file *f, const char *why)
{
	f->err = why;
	return NULL;
}

/* ---- reading ---------------------------------------------------------- */

struct lex {
	const char *p, *end;
};

static int
is_space(int c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' ||
	       c == '\0';
}

static int
is_delim(int c)
{
	return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' ||
	       c == ']' || c == '{' || c == '}' || c == '/' || c == '%';
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Skips white space and comments. */
static void
skip(struct lex *l)
{
	while (l->p < l->end) {
		if (is_space((unsigned char)*l->p)) {
			l->p++;
		} else if (*l->p == '%') {
			while (l->p < l->end && *l->p != '\n' && *l->p != '\r')
				l->p++;
		} else {
			break;
		}
	}
}

/* A regular token's end (a name's, number's or keyword's). */
static const char *
token_end(const struct lex *l, const char *p)
{
	while (p < l->end && !is_space((unsigned char)*p) &&
	       !is_delim((unsigned char)*p))
		p++;
	return p;
}

/* Whether the next token is the keyword kw; consumes it if so. */
static int
keyword(struct lex *l, const char *kw)
{
	size_t n = strlen(kw);

	skip(l);
	if ((size_t)(l->end - l->p) < n || memcmp(l->p, kw, n) != 0 ||
	    token_end(l, l->p) != l->p + n)
		return 0;
	l->p += n;
	return 1;
}

/* An unsigned integer of at most 18 digits at p, or -1. */
static long long
integer(struct lex *l)
{
	long long v = 0;
	int n = 0;

	skip(l);
	while (l->p < l->end && is_digit((unsigned char)*l->p) && n < 18) {
		v = v * 10 + (*l->p++ - '0');
		n++;
	}
	if (n == 0 || (l->p < l->end && is_digit((unsigned char)*l->p)))
		return -1;
	return v;
}

static struct pdf_val *parse(struct pdf_file *f, struct lex *l, int depth);

static struct pdf_val *
parse_list(struct pdf_file *f, struct lex *l, int depth, int dict)
{
	struct pdf_val *v = val(f, dict ? PDF_DICT : PDF_ARRAY);

	for (;;) {
		struct pdf_val *x;

		skip(l);
		if (l->p >= l->end)
			return fail(f, "a list runs past the end");
		if (dict && l->end - l->p >= 2 && l->p[0] == '>' &&
		    l->p[1] == '>') {
			l->p += 2;
			break;
		}
		if (!dict && *l->p == ']') {
			l->p++;
			break;
		}
		if ((x = parse(f, l, depth + 1)) == NULL)
			return NULL;
		if (dict && x->kind != PDF_NAME && v->n % 2 == 0)
			return fail(f, "a dictionary key is not a name");
		pdf_push(f, v, x);
	}
	if (dict && v->n % 2 != 0)
		return fail(f, "a dictionary key has no value");
	return v;
}

static struct pdf_val *
parse(struct pdf_file *f, struct lex *l, int depth)
{
	const char *s;
	struct pdf_val *v;

	if (depth > PDF_DEPTH)
		return fail(f, "objects nest too deep");
	skip(l);
	if (l->p >= l->end)
		return fail(f, "a value runs past the end");
	s = l->p;
	switch (*s) {
	case '<':
		if (l->end - s >= 2 && s[1] == '<') {
			l->p += 2;
			return parse_list(f, l, depth, 1);
		}
		while (l->p < l->end && *l->p != '>')
			l->p++;
		if (l->p >= l->end)
			return fail(f, "a string runs past the end");
		l->p++;
		break;
	case '[':
		l->p++;
		return parse_list(f, l, depth, 0);
	case '(': {
		int open = 0;

		for (; l->p < l->end; l->p++) {
			if (*l->p == '\\') {
				l->p++;
			} else if (*l->p == '(') {
				open++;
			} else if (*l->p == ')' && --open == 0) {
				break;
			}
		}
		if (l->p >= l->end)
			return fail(f, "a string runs past the end");
		l->p++;
		break;
	}
	case '/':
		l->p = token_end(l, l->p + 1);
		v = val(f, PDF_NAME);
		v->text = s;
		v->len = (size_t)(l->p - s);
		return v;
	default:
		if (is_digit((unsigned char)*s) || *s == '-' || *s == '+' ||
		    *s == '.') {
			struct lex ahead;
			long long n, gen;

			l->p = token_end(l, s);
			v = val(f, PDF_NUMBER);
			v->text = s;
			v->len = (size_t)(l->p - s);
			ahead.p = s;
			ahead.end = l->end;
			n = integer(&ahead);
			if (n < 0 || ahead.p != l->p)
				return v;
			v->integer = 1;
			v->num = n;
			/* "N G R" is a reference. */
			if ((gen = integer(&ahead)) >= 0 &&
			    keyword(&ahead, "R")) {
				v->kind = PDF_REF;
				v->text = NULL;
				v->len = 0;
				l->p = ahead.p;
				(void)gen;
			}
			return v;
		}
		l->p = token_end(l, s);
		if (l->p == s)
			return fail(f, "an unexpected character");
		v = val(f, PDF_NULL);
		if ((size_t)(l->p - s) == 4 && memcmp(s, "true", 4) == 0)
			v->kind = PDF_BOOL;
		else if ((size_t)(l->p - s) == 5 && memcmp(s, "false", 5) == 0)
			v->kind = PDF_BOOL;
		else if ((size_t)(l->p - s) != 4 || memcmp(s, "null", 4) != 0)
			return fail(f, "an unknown keyword");
		v->text = s;
		v->len = (size_t)(l->p - s);
		return v;
	}
	v = val(f, PDF_STRING);
	v->text = s;
	v->len = (size_t)(l->p - s);
	return v;
}

static void
grow(struct pdf_file *f, size_t n)
{
	if (n <= f->cap)
		return;
	size_t cap = f->cap ? f->cap : 64;

	while (cap < n)
		cap *= 2;
	f->obj = fd_xrealloc(f->obj, cap * sizeof *f->obj);
	memset(f->obj + f->cap, 0, (cap - f->cap) * sizeof *f->obj);
	f->cap = cap;
}

int
pdf_open(struct pdf_file *f, const char *data, size_t len)
{
	struct lex l;
	const char *p;
	long long at;

	memset(f, 0, sizeof *f);
	f->data = data;
	f->len = len;
	/* startxref, within the last kilobyte. */
	for (p = data + len; p > data && (size_t)(data + len - p) < 1024; p--)
		if ((size_t)(data + len - p) >= 9 &&
		    memcmp(p, "startxref", 9) == 0)
			break;
	if (p == data || memcmp(p, "startxref", 9) != 0)
		return fail(f, "no startxref"), -1;
	l.p = p + 9;
	l.end = data + len;
	if ((at = integer(&l)) < 0 || (size_t)at >= len)
		return fail(f, "a bad startxref"), -1;
	f->xref = (size_t)at;
	l.p = data + at;
	if (!keyword(&l, "xref"))
		return fail(f, "not a classic cross-reference table"), -1;
	for (;;) {
		long long first, count, i;

		skip(&l);
		if (keyword(&l, "trailer"))
			break;
		if ((first = integer(&l)) < 0 || (count = integer(&l)) < 0 ||
		    first > 10000000 || count > 10000000)
			return fail(f, "a bad cross-reference section"), -1;
		grow(f, (size_t)(first + count));
		skip(&l);
		for (i = 0; i < count; i++) {
			struct lex e;
			long long off;

			if (l.end - l.p < 20)
				return fail(f, "a short cross-reference"), -1;
			e.p = l.p;
			e.end = l.p + 20;
			off = integer(&e);
			if (off < 0 || integer(&e) < 0)
				return fail(f, "a bad cross-reference"), -1;
			skip(&e);
			if (e.p < e.end && *e.p == 'n') {
				if ((size_t)off >= len)
					return fail(f, "an object past the end"),
					       -1;
				f->obj[first + i].off = (size_t)off;
			}
			l.p += 20;
		}
		if ((size_t)(first + count) > f->nobj)
			f->nobj = (size_t)(first + count);
	}
	if ((f->trailer = parse(f, &l, 0)) == NULL ||
	    f->trailer->kind != PDF_DICT)
		return fail(f, "a bad trailer"), -1;
	struct pdf_val *size = pdf_dict_get(f->trailer, "/Size");

	if (size == NULL || !size->integer || (size_t)size->num != f->nobj ||
	    pdf_dict_get(f->trailer, "/Prev") != NULL ||
	    pdf_dict_get(f->trailer, "/Encrypt") != NULL)
		return fail(f, "a trailer this step does not know"), -1;
	f->size = f->nobj;
	return 0;
}

void
pdf_close(struct pdf_file *f)
{
	while (f->arena != NULL) {
		struct pdf_arena *a = f->arena;

		f->arena = a->next;
		free(a);
	}
	free(f->obj);
	free(f->read);
	memset(f, 0, sizeof *f);
}

/* The data of stream o, whose dictionary l has just read past "stream":
 * NULL, or why it cannot be had. */
static const char *
stream_data(struct pdf_file *f, struct pdf_obj *o, struct lex *l)
{
	struct pdf_val *lv;
	long long len;

	/* The data starts after CRLF or LF; its length may be an object of
	 * its own, as Cairo writes it. */
	if (l->p < l->end && *l->p == '\r')
		l->p++;
	if (l->p >= l->end || *l->p != '\n' || o->val->kind != PDF_DICT)
		return "a bad stream";
	l->p++;
	lv = pdf_resolve(f, pdf_dict_get(o->val, "/Length"));
	len = lv != NULL && lv->integer ? lv->num : -1;
	if (len < 0 || len > l->end - l->p)
		return "a stream's length is wrong";
	o->stream = l->p;
	o->slen = (size_t)len;
	l->p += len;
	if (!keyword(l, "endstream")) {
		o->stream = NULL;
		o->slen = 0;
		return "a stream's length is wrong";
	}
	return NULL;
}

struct pdf_val *
pdf_get(struct pdf_file *f, long long num)
{
	struct pdf_obj *o;
	struct lex l;
	const char *why;

	if (num <= 0 || (size_t)num >= f->nobj)
		return fail(f, "a reference to no object");
	o = &f->obj[num];
	if (o->val != NULL)
		return o->val;
	if (o->off == 0 || o->busy)
		return fail(f, "a reference to no object");
	l.p = f->data + o->off;
	l.end = f->data + f->len;
	if (integer(&l) != num || integer(&l) < 0 || !keyword(&l, "obj"))
		return fail(f, "an object is not where the table says");
	o->busy = 1;
	o->val = parse(f, &l, 0);
	if (o->val != NULL && keyword(&l, "stream") &&
	    (why = stream_data(f, o, &l)) != NULL) {
		o->val = NULL;
		fail(f, why);
	}
	o->busy = 0;
	if (o->val != NULL) {
		if (f->nread == f->capread) {
			f->capread = f->capread ? f->capread * 2 : 256;
			f->read = fd_xreallocarray(f->read, f->capread,
						   sizeof *f->read);
		}
		f->read[f->nread++] = num;
	}
	return o->val;
}

struct pdf_val *
pdf_resolve(struct pdf_file *f, struct pdf_val *v)
{
	if (v != NULL && v->kind == PDF_REF)
		return pdf_get(f, v->num);
	return v;
}

struct pdf_val *
pdf_dict_get(const struct pdf_val *d, const char *key)
{
	size_t n = strlen(key), i;

	if (d == NULL || d->kind != PDF_DICT)
		return NULL;
	for (i = 0; i + 1 < d->n; i += 2)
		if (d->v[i]->len == n && memcmp(d->v[i]->text, key, n) == 0)
			return d->v[i + 1];
	return NULL;
}

struct pdf_val *
pdf_dict_kind(struct pdf_file *f, const struct pdf_val *d, const char *key,
	      enum pdf_kind k)
{
	struct pdf_val *v = pdf_resolve(f, pdf_dict_get(d, key));

	return v != NULL && v->kind == k ? v : NULL;
}

int
pdf_is_name(const struct pdf_val *v, const char *n)
{
	return v != NULL && v->kind == PDF_NAME && v->len == strlen(n) &&
	       memcmp(v->text, n, v->len) == 0;
}

/* ---- new values ------------------------------------------------------- */

static struct pdf_val *
scalar(struct pdf_file *f, enum pdf_kind k, const char *text, size_t len)
{
	struct pdf_val *v = val(f, k);
	char *t = alloc(f, len + 1);

	memcpy(t, text, len);
	v->text = t;
	v->len = len;
	return v;
}

struct pdf_mark
pdf_mark(const struct pdf_file *f)
{
	struct pdf_mark m = {f->arena, f->arena ? f->arena->used : 0,
			     f->nread};

	return m;
}

void
pdf_release(struct pdf_file *f, struct pdf_mark m)
{
	while (f->nread > m.nread) {
		struct pdf_obj *o = &f->obj[f->read[--f->nread]];

		o->val = NULL;
		o->stream = NULL;
		o->slen = 0;
	}
	while (f->arena != NULL && f->arena != m.arena) {
		struct pdf_arena *a = f->arena;

		f->arena = a->next;
		free(a);
	}
	if (f->arena != NULL)
		f->arena->used = m.used;
}

const char *
pdf_keep(struct pdf_file *f, const char *s, size_t n)
{
	char *t = alloc(f, n + 1);

	memcpy(t, s, n);
	return t;
}

struct pdf_val *
pdf_int(struct pdf_file *f, long long n)
{
	char b[32];
	struct pdf_val *v = scalar(f, PDF_NUMBER, b,
				   (size_t)snprintf(b, sizeof b, "%lld", n));

	v->integer = 1;
	v->num = n;
	return v;
}

struct pdf_val *
pdf_name(struct pdf_file *f, const char *n)
{
	return scalar(f, PDF_NAME, n, strlen(n));
}

struct pdf_val *
pdf_ref(struct pdf_file *f, long long num)
{
	struct pdf_val *v = val(f, PDF_REF);

	v->num = num;
	return v;
}

struct pdf_val *
pdf_bool(struct pdf_file *f, int b)
{
	return b ? scalar(f, PDF_BOOL, "true", 4) : scalar(f, PDF_BOOL, "false", 5);
}

struct pdf_val *
pdf_dict(struct pdf_file *f)
{
	return val(f, PDF_DICT);
}

struct pdf_val *
pdf_array(struct pdf_file *f)
{
	return val(f, PDF_ARRAY);
}

struct pdf_val *
pdf_bytes(struct pdf_file *f, const char *s)
{
	struct fd_buf b = {0};
	struct pdf_val *v;

	fd_buf_addc(&b, '(');
	for (; *s; s++) {
		if (*s == '(' || *s == ')' || *s == '\\')
			fd_buf_addc(&b, '\\');
		fd_buf_addc(&b, *s);
	}
	fd_buf_addc(&b, ')');
	v = scalar(f, PDF_STRING, b.data, b.len);
	fd_buf_free(&b);
	return v;
}

/* The next code point of UTF-8 at *s, U+FFFD for a bad sequence. */
static uint32_t
next_cp(const unsigned char **s)
{
	const unsigned char *p = *s;
	uint32_t c = *p++;
	int more = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;

	if (c >= 0x80 && more == 0) {
		*s = p;
		return 0xfffd;
	}
	if (more > 0)
		c &= 0x3f >> more;
	for (; more > 0; more--) {
		if ((*p & 0xc0) != 0x80) {
			*s = p;
			return 0xfffd;
		}
		c = c << 6 | (*p++ & 0x3f);
	}
	*s = p;
	return c > 0x10ffff || (c >= 0xd800 && c < 0xe000) ? 0xfffd : c;
}

struct pdf_val *
pdf_text(struct pdf_file *f, const char *utf8)
{
	const unsigned char *s = (const unsigned char *)utf8;
	struct fd_buf b = {0};
	struct pdf_val *v;

	for (; *s; s++)
		if (*s < 0x20 || *s > 0x7e)
			break;
	if (*s == '\0')
		return pdf_bytes(f, utf8);
	fd_buf_adds(&b, "<FEFF");
	for (s = (const unsigned char *)utf8; *s;) {
		uint32_t c = next_cp(&s);

		if (c >= 0x10000) {
			c -= 0x10000;
			fd_buf_addf(&b, "%04X%04X", 0xd800 + (c >> 10),
				    0xdc00 + (c & 0x3ff));
		} else {
			fd_buf_addf(&b, "%04X", c);
		}
	}
	fd_buf_addc(&b, '>');
	v = scalar(f, PDF_STRING, b.data, b.len);
	fd_buf_free(&b);
	return v;
}

void
pdf_push(struct pdf_file *f, struct pdf_val *a, struct pdf_val *v)
{
	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 8;
		struct pdf_val **nv = alloc(f, cap * sizeof *nv);

		if (a->n > 0)
			memcpy(nv, a->v, a->n * sizeof *nv);
		a->v = nv;
		a->cap = cap;
	}
	a->v[a->n++] = v;
}

void
pdf_erase(struct pdf_val *a, size_t i)
{
	if (i >= a->n)
		return;
	memmove(a->v + i, a->v + i + 1, (a->n - i - 1) * sizeof *a->v);
	a->n--;
}

void
pdf_set(struct pdf_file *f, struct pdf_val *d, const char *key,
	struct pdf_val *v)
{
	size_t n = strlen(key), i;

	for (i = 0; i + 1 < d->n; i += 2)
		if (d->v[i]->len == n && memcmp(d->v[i]->text, key, n) == 0) {
			if (v != NULL) {
				d->v[i + 1] = v;
			} else {
				pdf_erase(d, i);
				pdf_erase(d, i);
			}
			return;
		}
	if (v == NULL)
		return;
	pdf_push(f, d, pdf_name(f, key));
	pdf_push(f, d, v);
}

void
pdf_touch(struct pdf_file *f, long long num)
{
	if (num > 0 && (size_t)num < f->nobj)
		f->obj[num].dirty = 1;
}

/* A number for a new object. */
static long long
reserve(struct pdf_file *f)
{
	grow(f, f->nobj + 1);
	f->obj[f->nobj].dirty = 1;
	return (long long)f->nobj++;
}

long long
pdf_add(struct pdf_file *f, struct pdf_val *v, const char *data, size_t len)
{
	long long num = reserve(f);

	if (data != NULL)
		pdf_set(f, v, "/Length", pdf_int(f, (long long)len));
	f->obj[num].val = v;
	f->obj[num].stream = data;
	f->obj[num].slen = len;
	return num;
}

static struct pdf_val *
copy_val(struct pdf_file *f, struct pdf_file *from, const struct pdf_val *v,
	 long long *map, int depth)
{
	struct pdf_val *c;
	size_t i;

	if (depth > PDF_DEPTH)
		return fail(f, "objects nest too deep");
	switch (v->kind) {
	case PDF_REF: {
		long long num;

		if (v->num <= 0 || (size_t)v->num >= from->size)
			return fail(f, "a reference to no object");
		if (map[v->num] == 0) {
			struct pdf_val *o = pdf_get(from, v->num);
			struct pdf_obj *src;

			if (o == NULL)
				return fail(f, from->err);
			num = map[v->num] = reserve(f);
			src = &from->obj[v->num];
			if ((c = copy_val(f, from, o, map, depth + 1)) == NULL)
				return NULL;
			if (src->stream != NULL)
				pdf_set(f, c, "/Length",
					pdf_int(f, (long long)src->slen));
			f->obj[num].val = c;
			f->obj[num].stream = src->stream;
			f->obj[num].slen = src->slen;
		}
		return pdf_ref(f, map[v->num]);
	}
	case PDF_ARRAY:
	case PDF_DICT:
		c = val(f, v->kind);
		for (i = 0; i < v->n; i++) {
			struct pdf_val *x = copy_val(f, from, v->v[i], map,
						     depth + 1);

			if (x == NULL)
				return NULL;
			pdf_push(f, c, x);
		}
		return c;
	default:
		/* The text stays in from's file. */
		c = val(f, v->kind);
		*c = *v;
		return c;
	}
}

struct pdf_val *
pdf_copy_val(struct pdf_file *f, struct pdf_file *from,
	     const struct pdf_val *v, long long *map)
{
	return copy_val(f, from, v, map, 0);
}

/* ---- writing ---------------------------------------------------------- */

static void
write_val(struct fd_buf *b, const struct pdf_val *v, int depth)
{
	size_t i;

	switch (v->kind) {
	case PDF_REF:
		fd_buf_addf(b, "%lld 0 R", v->num);
		break;
	case PDF_ARRAY:
		fd_buf_addc(b, '[');
		for (i = 0; i < v->n; i++) {
			if (i > 0)
				fd_buf_addc(b, ' ');
			write_val(b, v->v[i], depth + 1);
		}
		fd_buf_addc(b, ']');
		break;
	case PDF_DICT:
		fd_buf_adds(b, "<<");
		for (i = 0; i + 1 < v->n; i += 2) {
			fd_buf_adds(b, depth == 0 ? "\n" : " ");
			write_val(b, v->v[i], depth + 1);
			fd_buf_addc(b, ' ');
			write_val(b, v->v[i + 1], depth + 1);
		}
		fd_buf_adds(b, depth == 0 ? "\n>>" : " >>");
		break;
	default:
		fd_buf_add(b, v->text, v->len);
	}
}

int
pdf_update(struct pdf_file *f, struct fd_buf *out)
{
	size_t base = f->len, *off, i, j, xref;
	struct pdf_val *root = pdf_dict_get(f->trailer, "/Root");
	struct pdf_val *info = pdf_dict_get(f->trailer, "/Info");
	GChecksum *sum;
	guint8 id[16];
	gsize idlen = sizeof id;

	if (root == NULL || root->kind != PDF_REF)
		return fail(f, "the trailer has no /Root"), -1;
	off = fd_xcalloc(f->nobj ? f->nobj : 1, sizeof *off);
	/* The file ends in an end-of-line after %%EOF. */
	if (base == 0 || f->data[base - 1] != '\n') {
		fd_buf_addc(out, '\n');
		base++;
	}
	for (i = 1; i < f->nobj; i++) {
		struct pdf_obj *o = &f->obj[i];

		if (!o->dirty)
			continue;
		if (o->val == NULL) {
			free(off);
			return fail(f, "a changed object was never read"), -1;
		}
		off[i] = base + out->len;
		fd_buf_addf(out, "%zu 0 obj\n", i);
		write_val(out, o->val, 0);
		if (o->stream != NULL) {
			fd_buf_adds(out, "\nstream\n");
			fd_buf_add(out, o->stream, o->slen);
			fd_buf_adds(out, "\nendstream");
		}
		fd_buf_adds(out, "\nendobj\n");
	}
	/* The table: a subsection for each run of changed numbers. */
	xref = base + out->len;
	fd_buf_adds(out, "xref\n");
	for (i = 1; i < f->nobj; i = j) {
		if (!f->obj[i].dirty) {
			j = i + 1;
			continue;
		}
		for (j = i; j < f->nobj && f->obj[j].dirty; j++)
			;
		fd_buf_addf(out, "%zu %zu\n", i, j - i);
		for (size_t k = i; k < j; k++)
			fd_buf_addf(out, "%010zu 00000 n \n", off[k]);
	}
	free(off);
	/* The /ID from what the file holds: the same file, the same ID. */
	sum = g_checksum_new(G_CHECKSUM_MD5);
	g_checksum_update(sum, (const guchar *)f->data, (gssize)f->len);
	g_checksum_update(sum, (const guchar *)out->data, (gssize)out->len);
	g_checksum_get_digest(sum, id, &idlen);
	g_checksum_free(sum);
	fd_buf_addf(out, "trailer\n<< /Size %zu /Root %lld 0 R", f->nobj,
		    root->num);
	if (info != NULL && info->kind == PDF_REF)
		fd_buf_addf(out, " /Info %lld 0 R", info->num);
	fd_buf_addf(out, " /Prev %zu /ID [<", f->xref);
	for (i = 0; i < idlen; i++)
		fd_buf_addf(out, "%02x", id[i]);
	fd_buf_adds(out, "> <");
	for (i = 0; i < idlen; i++)
		fd_buf_addf(out, "%02x", id[i]);
	fd_buf_addf(out, ">] >>\nstartxref\n%zu\n%%%%EOF\n", xref);
	return 0;
}
