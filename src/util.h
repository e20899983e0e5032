/*
 * util.h: memory, growing buffers, a small string map, files.
 *
 * Allocation failure aborts here and nowhere else checks malloc.
 * No third-party library is visible through this header.
 */
#ifndef FD_UTIL_H
#define FD_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__)
#define FD_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define FD_PRINTF(a, b)
#endif

void *fd_xmalloc(size_t n);
void *fd_xcalloc(size_t n, size_t size);
void *fd_xrealloc(void *p, size_t n);
/* Array growth with overflow check: returns p grown to n items of size. */
void *fd_xreallocarray(void *p, size_t n, size_t size);
char *fd_xstrdup(const char *s);
char *fd_xstrndup(const char *s, size_t n);
/* A new string from a printf format; the caller frees it. */
char *fd_xasprintf(const char *fmt, ...) FD_PRINTF(1, 2);

/* A growing byte buffer, always NUL-terminated once anything is added. */
struct fd_buf {
	char *data;  /* the bytes; NULL until the first add */
	size_t len;  /* bytes used, not counting the NUL */
	size_t cap;  /* bytes allocated */
};

void fd_buf_add(struct fd_buf *b, const void *p, size_t n);
void fd_buf_adds(struct fd_buf *b, const char *s);
void fd_buf_addc(struct fd_buf *b, char c);
void fd_buf_addf(struct fd_buf *b, const char *fmt, ...) FD_PRINTF(2, 3);
void fd_buf_vaddf(struct fd_buf *b, const char *fmt, va_list ap);
/* Adds c as XML and HTML text and attribute values need it: &, <, > and "
 * as entities; returns 1 for those, 0 (adding nothing) for any other. */
int fd_buf_add_markup_escape(struct fd_buf *b, int c);
/* Hands the data (never NULL) to the caller and empties the buffer. */
char *fd_buf_steal(struct fd_buf *b);
void fd_buf_free(struct fd_buf *b);

/* An ordered map of strings to strings (facts, placeholders, parameters). */
struct fd_map;

struct fd_map *fd_map_new(void);
void fd_map_free(struct fd_map *m);
/* Sets key to a copy of value, replacing an earlier value. */
void fd_map_set(struct fd_map *m, const char *key, const char *value);
/* The value, or NULL; owned by the map. */
const char *fd_map_get(const struct fd_map *m, const char *key);
size_t fd_map_count(const struct fd_map *m);
/* The i-th key and value in the order they were first set. */
const char *fd_map_key(const struct fd_map *m, size_t i);
const char *fd_map_value(const struct fd_map *m, size_t i);

/*
 * Reads a whole file into a NUL-terminated buffer. Returns 0, or an errno
 * value (EFBIG when the file is larger than max bytes). *data is the
 * caller's to free.
 */
int fd_read_file(const char *path, size_t max, char **data, size_t *len);

/*
 * Writes data to path atomically (output.c): a temporary file in the same
 * folder, fsync, then rename over path. On failure nothing is left behind
 * and an existing file is untouched; a file replaced keeps its
 * permissions, a new one has 0666 less the umask. A path that is a
 * device, a pipe or a socket (-o /dev/null) is written to as it is, never
 * replaced; a folder is EISDIR. Returns 0 or an errno value.
 */
int fd_write_atomic(const char *path, const void *data, size_t len);

/* A document's bytes to out: "-" is standard output, anything else
 * written with fd_write_atomic. Returns 0, or -1 after reporting an
 * input/output error through d. */
struct fd_diags;
int fd_write_out(const char *out, const void *data, size_t len,
		 struct fd_diags *d);

/* Whether s can name a folder or file of the templates (a framework, a
 * variant): 1 to 64 lower-case letters, digits and hyphens, not starting
 * with a hyphen. */
int fd_data_name_ok(const char *s);

/* Whether s ends with tail, without regard to case (".PDF"). */
int fd_ends_with(const char *s, const char *tail);

/* True when the string is valid UTF-8 without NUL and C0 controls but
 * tab, newline and carriage return; *bad is set to the offset of the
 * first offending byte. */
int fd_utf8_valid(const char *s, size_t len, size_t *bad);

/* A copy of s with each run of white space (space, tab, newline,
 * carriage return) made one space, and none at either end; the caller
 * frees it. */
char *fd_squeeze(const char *s);

/* The length of the valid UTF-8 sequence at s (at most len bytes), or 0
 * when the bytes there are not one. */
size_t fd_utf8_seq(const char *s, size_t len);
/* True when the len bytes at s are UTF-8 (control characters allowed)
 * without noncharacters (U+FDD0 to U+FDEF, U+nFFFE, U+nFFFF), which
 * Cairo refuses. */
int fd_utf8_valid_encoding(const char *s, size_t len);
/* A copy of s (len bytes, NUL-terminated in the copy) with every
 * noncharacter, and every byte that does not start a valid UTF-8
 * sequence, replaced by U+FFFD; *outlen is its length. The caller frees
 * it. */
char *fd_utf8_sanitize(const char *s, size_t len, size_t *outlen);

/* Joins a folder and a name with one slash; the caller frees it. */
char *fd_path_join(const char *dir, const char *name);
int fd_is_file(const char *path);
int fd_is_dir(const char *path);
/* True when a and b both name one existing file (a link or another path
 * to it counts): an output that would replace an input. */
int fd_same_file(const char *a, const char *b);

#endif
