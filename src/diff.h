/*
 * diff.h: comparing sequences, for the change report (changes.h).
 *
 * fd_diff_seq finds a shortest edit script between two sequences of
 * numbers (Myers' O((N+M)D) algorithm in linear space); strings become
 * numbers through an intern table. On top of it, fd_word_diff compares
 * two paragraphs word by word: tokens are words and the spaces and
 * punctuation between them, and the script is tidied so that a reader
 * sees whole phrases replaced rather than every other word. Every
 * comparison spends from a budget of steps, so that two long, entirely
 * different inputs cost a bounded time: when the budget runs out the
 * caller falls back to "all of the old out, all of the new in".
 *
 * Layering: plain C on strings; no library, no tree.
 */
#ifndef FD_DIFF_H
#define FD_DIFF_H

#include <stddef.h>

/* One step of an edit script. */
enum fd_edit {
	FD_EDIT_SAME, /* in both: one element of each */
	FD_EDIT_DEL,  /* only in the old: one element of it */
	FD_EDIT_INS   /* only in the new: one element of it */
};

/* Tokens of one paragraph that fd_word_diff compares; a longer pair is
 * shown as replaced whole. About 2 700 words. */
#define FD_DIFF_MAX_TOKENS 8192

/*
 * A shortest edit script turning a[0..na) into b[0..nb), elements equal
 * when their numbers are. Returns 0 with *ops (na + nb - common entries
 * of enum fd_edit; the caller frees it) and *nops set; returns -1 with
 * *ops NULL when finding it would take more than *budget steps. Spent
 * steps are taken from *budget either way. The script is the same for
 * the same inputs.
 */
int fd_diff_seq(const unsigned *a, size_t na, const unsigned *b, size_t nb,
		long *budget, unsigned char **ops, size_t *nops);

/* Strings numbered in the order first seen: equal strings, equal
 * numbers. */
struct fd_intern;

struct fd_intern *fd_intern_new(void);
/* The number of the len bytes at s (copied when new). */
unsigned fd_intern(struct fd_intern *t, const char *s, size_t len);
void fd_intern_free(struct fd_intern *t);

/* A stretch of a word diff. */
struct fd_wdiff {
	enum fd_edit edit; /* same, taken out or put in */
	char *text;	   /* its text, UTF-8 */
};

/*
 * The word diff of two paragraphs: stretches in reading order, each
 * change a deletion followed by an insertion. When either text has more
 * than FD_DIFF_MAX_TOKENS tokens or the budget runs out, the whole of
 * before is deleted and the whole of after inserted. Returns the number of
 * stretches, with *out set (free with fd_wdiff_free).
 */
size_t fd_word_diff(const char *before, const char *after, long *budget,
		    struct fd_wdiff **out);
void fd_wdiff_free(struct fd_wdiff *w, size_t n);

/*
 * The words of s (tokens of letters and digits; those of four characters
 * or more when there are any, without regard to case) as sorted hashes,
 * for fd_word_similarity. Returns the count, with *out set (the caller frees
 * it; NULL when there are none).
 */
size_t fd_word_hashes(const char *s, unsigned **out);

/* How alike two paragraphs' words are, from 0 (nothing shared) to 1 (the
 * same words, in any order): twice the words in common over all words. */
double fd_word_similarity(const unsigned *a, size_t na, const unsigned *b,
			  size_t nb);

#endif
