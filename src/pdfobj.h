/*
 * pdfobj.h: the objects of a PDF that Cairo wrote, read where they lie,
 * and an incremental update (ISO 32000-1 7.5.6) appended to the file:
 * the finishing step's way to change a few objects without reading or
 * writing the others. Cairo's content streams, fonts and images, most of
 * the bytes, are never parsed, copied or compressed again.
 *
 * Not a general PDF reader: it takes what Cairo 1.16 writes (one classic
 * cross-reference table, no object streams, no encryption) and refuses
 * anything else as a bug. Every read is bounded by the file, and nesting
 * by a depth limit, since the text of the input reaches strings in it.
 * Private to the typesetting engine (finish.c).
 */
#ifndef FD_PDFOBJ_H
#define FD_PDFOBJ_H

#include <stddef.h>

#include "util.h"

enum pdf_kind {
	PDF_NULL,
	PDF_BOOL,
	PDF_NUMBER, /* an integer (num holds it) or a real */
	PDF_STRING,
	PDF_NAME,
	PDF_ARRAY,
	PDF_DICT,
	PDF_REF
};

/* A value. A scalar keeps its text as written (a name with its slash, a
 * string with its delimiters), so that it is written back byte for
 * byte; a dictionary holds its keys and values in turn in v. */
struct pdf_val {
	unsigned char kind;	/* enum pdf_kind */
	unsigned char integer;	/* NUMBER: 1 when an integer */
	unsigned len;		/* bytes in text */
	const char *text;	/* scalars: the text */
	long long num;		/* an integer's value; REF: the object */
	struct pdf_val **v;	/* ARRAY: items; DICT: key, value, ... */
	unsigned n;		/* entries in v */
	unsigned cap;		/* allocated entries */
};

struct pdf_obj {
	struct pdf_val *val;	/* parsed, or NULL */
	const char *stream;	/* a stream's data as written, or NULL */
	size_t slen;		/* bytes of stream data */
	size_t off;		/* offset in the file; 0 when not in it */
	unsigned char dirty;	/* to be written in the update */
	unsigned char busy;	/* being parsed (a /Length cycle) */
};

struct pdf_arena;

struct pdf_file {
	const char *data;	  /* the file (not owned) */
	size_t len;		  /* its bytes */
	struct pdf_obj *obj;	  /* by number */
	size_t nobj;		  /* numbers in use, the new ones too */
	size_t cap;		  /* allocated entries in obj */
	size_t size;		  /* the file's own /Size */
	size_t xref;		  /* the offset of its table */
	struct pdf_val *trailer;  /* its trailer dictionary */
	struct pdf_arena *arena;  /* every value's memory */
	long long *read;	  /* objects read, in order */
	size_t nread, capread;	  /* used and allocated */
	const char *err;	  /* why the last call failed */
};

/* Reads the cross-reference table and trailer of data. Returns 0, or -1
 * with f->err set; pdf_close(f) either way. */
int pdf_open(struct pdf_file *f, const char *data, size_t len);
void pdf_close(struct pdf_file *f);

/* Object num's value, parsed on first use, or NULL (f->err set). */
struct pdf_val *pdf_get(struct pdf_file *f, long long num);
/* v, or what it refers to when a reference; NULL when v is. */
struct pdf_val *pdf_resolve(struct pdf_file *f, struct pdf_val *v);
/* The entry key ("/Type") of dictionary d, or NULL. */
struct pdf_val *pdf_dict_get(const struct pdf_val *d, const char *key);
/* The same, resolved, and only when of kind k. */
struct pdf_val *pdf_dict_kind(struct pdf_file *f, const struct pdf_val *d,
			      const char *key, enum pdf_kind k);
/* Whether v is the name n ("/Page"). */
int pdf_is_name(const struct pdf_val *v, const char *n);

/* New values, living as long as f. */
struct pdf_val *pdf_int(struct pdf_file *f, long long n);
struct pdf_val *pdf_name(struct pdf_file *f, const char *n);
struct pdf_val *pdf_ref(struct pdf_file *f, long long num);
struct pdf_val *pdf_bool(struct pdf_file *f, int b);
struct pdf_val *pdf_dict(struct pdf_file *f);
struct pdf_val *pdf_array(struct pdf_file *f);
/* A text string from UTF-8: as a literal when printable ASCII, else in
 * UTF-16BE with its byte order mark. */
struct pdf_val *pdf_text(struct pdf_file *f, const char *utf8);
/* A byte string (PDFDocEncoding), such as a date. */
struct pdf_val *pdf_bytes(struct pdf_file *f, const char *s);

/* Where f's memory stands, to give back what is taken after it: values
 * read only to be looked at (the structure tree's walk) need not stay. */
struct pdf_mark {
	struct pdf_arena *arena;
	size_t used;
	size_t nread;
};
struct pdf_mark pdf_mark(const struct pdf_file *f);
/* Frees every value made since m and forgets the objects read since,
 * which are read again if asked for. Nothing made since may be kept. */
void pdf_release(struct pdf_file *f, struct pdf_mark m);

/* A copy of n bytes at s that lives as long as f. */
const char *pdf_keep(struct pdf_file *f, const char *s, size_t n);

/* Sets d's key to v (replacing it) and removes it when v is NULL. */
void pdf_set(struct pdf_file *f, struct pdf_val *d, const char *key,
	     struct pdf_val *v);
void pdf_push(struct pdf_file *f, struct pdf_val *a, struct pdf_val *v);
void pdf_erase(struct pdf_val *a, size_t i);

/* Marks object num as changed: it goes into the update. */
void pdf_touch(struct pdf_file *f, long long num);
/* A new object (a stream when data is not NULL: its dictionary's
 * /Length is set); data must live till pdf_update. Returns its number. */
long long pdf_add(struct pdf_file *f, struct pdf_val *v, const char *data,
		  size_t len);

/*
 * A copy of v, of file from, in f, with every object it reaches copied
 * into f as new objects: map (from->size entries, zeroed) remembers
 * those copied. Stream data is shared with from, which must live till
 * pdf_update. Returns NULL (f->err set) on a bad reference.
 */
struct pdf_val *pdf_copy_val(struct pdf_file *f, struct pdf_file *from,
			     const struct pdf_val *v, long long *map);

/*
 * Writes into out the update that follows f's file: the changed and new
 * objects, a cross-reference section for them and a trailer with /Prev
 * and an /ID made from the content, so that the same file gives the
 * same bytes. The file's bytes followed by out's are the new PDF.
 * Returns 0, or -1 (f->err set).
 */
int pdf_update(struct pdf_file *f, struct fd_buf *out);

#endif
