/*
 * match.h: text as a reader sees it, and a child's identifiers found in
 * it however they are written (SPEC.md, the privacy rule).
 *
 * A text is decoded (HTML character references, percent-encoding, twice
 * for double encoding), then each character is taken as a reader sees it:
 * Unicode NFKC with case folding and marks removed (ICU), invisible and
 * format characters dropped, every dash one '-', every space one ' ',
 * digits of any script as 0-9, and a letter of another script that looks
 * like a Latin one (Cyrillic 'а') as that letter (ICU's confusables, UTS
 * #39). What is left is a row of letters, digits and separators, each
 * knowing the bytes of the original it came from.
 *
 * Layering: match.c is the only file that includes ICU; it knows nothing
 * of inspections or documents.
 */
#ifndef FD_MATCH_H
#define FD_MATCH_H

#include <stddef.h>
#include <stdint.h>

/* What an identifier is. */
enum fd_ident_kind {
	FD_ID_CASE,	/* a case reference: its letters and digits, any
			   separator or none between them */
	FD_ID_DOB,	/* a date of birth: a date, in any written form */
	FD_ID_EMAIL,	/* an email address, in any disguise */
	FD_ID_WITHHELD	/* a name: whole words, any separator */
};

/* One identifier to look for. */
struct fd_ident {
	enum fd_ident_kind kind; /* what it is */
	uint32_t *c;		 /* its letters and digits, folded */
	size_t n;		 /* entries in c */
	int y, m, d;		 /* the date of an FD_ID_DOB */
};

/* A text as a reader sees it. */
struct fd_seen;

/* len bytes of s (UTF-8; an invalid byte is a separator) as a reader
 * sees them. s must outlive the result. Free with fd_seen_free. */
struct fd_seen *fd_seen_new(const char *s, size_t len);
void fd_seen_free(struct fd_seen *t);

/*
 * Makes id (kind FD_ID_CASE, FD_ID_EMAIL or FD_ID_WITHHELD) from the
 * len bytes of s as written in the evidence or the <withheld> list.
 * Returns 0, or -1 when s holds no identifier of that kind (a case
 * reference needs a digit and four letters or digits). Free with
 * fd_ident_clear.
 */
int fd_ident_make(struct fd_ident *id, enum fd_ident_kind kind,
		  const char *s, size_t len);
void fd_ident_clear(struct fd_ident *id);

/*
 * Finds id in t from its letter or digit number *from on (a case
 * reference also with digits written as words: "NS four eight two one
 * three"). Returns 1 with [*off, *end) the bytes of the original text it
 * was written as and *from moved past it, or 0.
 */
int fd_seen_find(const struct fd_seen *t, const struct fd_ident *id,
		 size_t *from, size_t *off, size_t *end);

/* A date written in a text. */
struct fd_seen_date {
	int y, m, d;	 /* the date; y < 100 when the year had two digits */
	int alt_m, alt_d; /* the other reading of 03/04/2012 (April 3), or 0 */
	int labelled;	 /* after "DOB", "date of birth", "born" */
	size_t off, end; /* the bytes of the original text */
};

/* Every date written in t, in any form (3/4/2012, 03.04.12, 2012-04-03,
 * 3rd of April 2012, April 3, 2012, the third of April 2012, 20120403).
 * Returns the count, with *v (free it) set. */
size_t fd_seen_dates(const struct fd_seen *t, struct fd_seen_date **v);

/* Whether a date found in a text is the date y-m-d. */
int fd_seen_date_is(const struct fd_seen_date *f, int y, int m, int d);

/* Every email address written in t, in any disguise (" at ", "[at]",
 * " dot ", mailto:, percent-encoding), as "local@domain" in lower case, a
 * NULL-terminated array (free with fd_strv_free), with (*offs)[2i] and
 * (*offs)[2i+1] the bytes of the original (free *offs). */
char **fd_seen_emails(const struct fd_seen *t, size_t **offs);

/* A copy of len bytes of s for a message: invisible characters shown as
 * <U+200B>, line breaks as spaces. The caller frees it. */
char *fd_seen_visible(const char *s, size_t len);

#endif
