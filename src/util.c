/* util.c: memory, buffers, the string map and file helpers. */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "msg.h"

static void
oom(void)
{
	fd_msg_say(NULL, M_OUT_OF_MEMORY);
	abort();
}

void *
fd_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
fd_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
fd_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom();
	return q;
}

void *
fd_xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		oom();
	return fd_xrealloc(p, n * size);
}

char *
fd_xstrdup(const char *s)
{
	return fd_xstrndup(s, strlen(s));
}

char *
fd_xstrndup(const char *s, size_t n)
{
	char *p = fd_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
fd_xasprintf(const char *fmt, ...)
{
	struct fd_buf b = {0};
	va_list ap;

	va_start(ap, fmt);
	fd_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	return fd_buf_steal(&b);
}

static void
buf_reserve(struct fd_buf *b, size_t extra)
{
	size_t need;

	if (extra > SIZE_MAX - b->len - 1)
		oom();
	need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap = b->cap > SIZE_MAX / 2 ? need : b->cap * 2;
	b->data = fd_xrealloc(b->data, b->cap);
}

void
fd_buf_add(struct fd_buf *b, const void *p, size_t n)
{
	buf_reserve(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
fd_buf_adds(struct fd_buf *b, const char *s)
{
	fd_buf_add(b, s, strlen(s));
}

void
fd_buf_addc(struct fd_buf *b, char c)
{
	fd_buf_add(b, &c, 1);
}

void
fd_buf_vaddf(struct fd_buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		oom();
	buf_reserve(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
fd_buf_addf(struct fd_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fd_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

int
fd_buf_add_markup_escape(struct fd_buf *b, int c)
{
	switch (c) {
	case '&':
		fd_buf_adds(b, "&amp;");
		return 1;
	case '<':
		fd_buf_adds(b, "&lt;");
		return 1;
	case '>':
		fd_buf_adds(b, "&gt;");
		return 1;
	case '"':
		fd_buf_adds(b, "&quot;");
		return 1;
	default:
		return 0;
	}
}

char *
fd_buf_steal(struct fd_buf *b)
{
	char *p = b->data;

	if (p == NULL)
		p = fd_xstrdup("");
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void
fd_buf_free(struct fd_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

struct fd_map {
	char **keys;   /* keys in insertion order */
	char **values; /* values, parallel to keys */
	size_t n;      /* entries used */
	size_t cap;    /* entries allocated */
};

struct fd_map *
fd_map_new(void)
{
	return fd_xcalloc(1, sizeof(struct fd_map));
}

void
fd_map_free(struct fd_map *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n; i++) {
		free(m->keys[i]);
		free(m->values[i]);
	}
	free(m->keys);
	free(m->values);
	free(m);
}

void
fd_map_set(struct fd_map *m, const char *key, const char *value)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->keys[i], key) == 0) {
			free(m->values[i]);
			m->values[i] = fd_xstrdup(value);
			return;
		}
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		m->keys = fd_xreallocarray(m->keys, m->cap, sizeof(char *));
		m->values = fd_xreallocarray(m->values, m->cap, sizeof(char *));
	}
	m->keys[m->n] = fd_xstrdup(key);
	m->values[m->n] = fd_xstrdup(value);
	m->n++;
}

const char *
fd_map_get(const struct fd_map *m, const char *key)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->keys[i], key) == 0)
			return m->values[i];
	return NULL;
}

size_t
fd_map_count(const struct fd_map *m)
{
	return m->n;
}

const char *
fd_map_key(const struct fd_map *m, size_t i)
{
	return i < m->n ? m->keys[i] : NULL;
}

const char *
fd_map_value(const struct fd_map *m, size_t i)
{
	return i < m->n ? m->values[i] : NULL;
}

int
fd_read_file(const char *path, size_t max, char **data, size_t *len)
{
	struct fd_buf b = {0};
	char chunk[65536];
	FILE *f;
	size_t n;
	int err = 0;

	*data = NULL;
	*len = 0;
	if ((f = fopen(path, "rb")) == NULL)
		return errno;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > max) {
			err = EFBIG;
			break;
		}
		fd_buf_add(&b, chunk, n);
	}
	if (err == 0 && ferror(f))
		err = errno ? errno : EIO;
	fclose(f);
	if (err) {
		fd_buf_free(&b);
		return err;
	}
	*len = b.len;
	*data = fd_buf_steal(&b);
	return 0;
}

size_t
fd_utf8_seq(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long cp;
	size_t n, k;

	if (len == 0)
		return 0;
	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		n = 1;
		cp = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		n = 2;
		cp = p[0] & 0x0f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		n = 3;
		cp = p[0] & 0x07;
	} else
		return 0;
	for (k = 1; k <= n; k++) {
		if (k >= len || (p[k] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[k] & 0x3f);
	}
	/* Overlong forms, surrogates, and beyond U+10FFFF. */
	if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n + 1;
}

int
fd_utf8_valid(const char *s, size_t len, size_t *bad)
{
	size_t i = 0, n;

	while (i < len) {
		unsigned c = (unsigned char)s[i];

		/* Printable ASCII, most of any file, without a call. */
		if (c >= 0x20 && c < 0x7f) {
			i++;
			continue;
		}
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    c == 0x7f || (n = fd_utf8_seq(s + i, len - i)) == 0) {
			if (bad)
				*bad = i;
			return 0;
		}
		i += n;
	}
	return 1;
}

/* The length of the UTF-8 sequence at s when it is a character that is
 * not a noncharacter (U+FDD0 to U+FDEF, U+FFFE and U+FFFF of every
 * plane: XML lets them through, Cairo refuses the whole string), or 0. */
static size_t
char_seq(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = fd_utf8_seq(s, len);

	if (n == 3 && p[0] == 0xef && p[1] == 0xb7 && p[2] >= 0x90 &&
	    p[2] <= 0xaf)
		return 0;
	if (n >= 3 && p[n - 2] == 0xbf && (p[n - 1] & 0xfe) == 0xbe &&
	    (n == 4 || p[0] == 0xef) && (n == 3 || (p[1] & 0x0f) == 0x0f))
		return 0;
	return n;
}

int
fd_utf8_valid_encoding(const char *s, size_t len)
{
	size_t i = 0, n;

	while (i < len) {
		if ((n = char_seq(s + i, len - i)) == 0)
			return 0;
		i += n;
	}
	return 1;
}

char *
fd_utf8_sanitize(const char *s, size_t len, size_t *outlen)
{
	struct fd_buf b = {0};
	size_t i = 0, n;

	while (i < len) {
		if ((n = char_seq(s + i, len - i)) == 0) {
			fd_buf_add(&b, "\xef\xbf\xbd", 3);
			/* A noncharacter goes whole; a bad byte alone. */
			n = fd_utf8_seq(s + i, len - i);
			i += n ? n : 1;
			continue;
		}
		fd_buf_add(&b, s + i, n);
		i += n;
	}
	*outlen = b.len;
	return fd_buf_steal(&b);
}

char *
fd_squeeze(const char *s)
{
	char *out = fd_xmalloc(strlen(s) + 1), *p = out;
	int space = 0;

	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = p != out;
			continue;
		}
		if (space)
			*p++ = ' ';
		space = 0;
		*p++ = *s;
	}
	*p = '\0';
	return out;
}

char *
fd_path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir);

	if (n > 0 && dir[n - 1] == '/')
		return fd_xasprintf("%s%s", dir, name);
	return fd_xasprintf("%s/%s", dir, name);
}

int
fd_is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int
fd_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int
fd_same_file(const char *a, const char *b)
{
	struct stat x, y;

	return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev &&
	       x.st_ino == y.st_ino;
}

int
fd_write_out(const char *out, const void *data, size_t len, struct fd_diags *d)
{
	int err;

	if (strcmp(out, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
			fd_msg(d, M_WRITE_STDOUT, "-", 0, 0);
			return -1;
		}
		return 0;
	}
	if ((err = fd_write_atomic(out, data, len)) != 0) {
		fd_msg(d, M_WRITE, out, 0, 0, strerror(err));
		return -1;
	}
	return 0;
}

int
fd_data_name_ok(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > 64 || s[0] == '-')
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

int
fd_ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n >= m && strcasecmp(s + n - m, tail) == 0;
}
