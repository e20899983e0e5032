/*
 * diff.c: shortest edit scripts and word diffs (diff.h).
 *
 * fd_diff_seq is Myers' linear-space refinement ("An O(ND) difference
 * algorithm and its variations", 1986, section 4b): find the middle
 * snake of the box by searching from both corners at once, then solve
 * the two boxes on either side of it. Memory is linear, time is
 * O((N+M)D), and each step is counted against the budget, so that a
 * long pair with nothing in common gives up instead of taking minutes.
 */
#include "diff.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Steps one word diff may take, whatever the budget left: a pair that
 * needs more is shown replaced whole (a few hundredths of a second). */
#define PAIR_STEPS 4000000L

/* ------------------------------------------------------------- Myers */

/* One search for a shortest edit script. */
struct myers {
	const unsigned *a, *b; /* the sequences */
	long *vf, *vb;	       /* furthest x (forward), y (backward) by diagonal */
	long off;	       /* index of diagonal 0 in vf and vb */
	long budget;	       /* steps left */
	long *pts;	       /* the path's corners, x and y pairs */
	size_t npts, cappts;   /* pairs used and allocated */
};

static void
push_point(struct myers *m, long x, long y)
{
	if (m->npts == m->cappts) {
		m->cappts = m->cappts ? 2 * m->cappts : 16;
		m->pts = fd_xreallocarray(m->pts, 2 * m->cappts,
					  sizeof *m->pts);
	}
	m->pts[2 * m->npts] = x;
	m->pts[2 * m->npts + 1] = y;
	m->npts++;
}

#define VF(k) m->vf[(k) + m->off]
#define VB(k) m->vb[(k) + m->off]

/*
 * The middle snake of the box [left, right) x [top, bottom): s[0], s[1]
 * where it starts and s[2], s[3] where it ends. Returns 1, 0 for an
 * empty box, -1 when the budget runs out.
 */
static int
midpoint(struct myers *m, long left, long top, long right, long bottom,
	 long s[4])
{
	long w = right - left, h = bottom - top, delta = w - h;
	long max = (w + h + 1) / 2, d, k, c, x, y, px, py;
	int odd = delta % 2 != 0;

	if (w + h == 0)
		return 0;
	VF(1) = left;
	VB(1) = bottom;
	for (d = 0; d <= max; d++) {
		for (k = d; k >= -d; k -= 2) {
			if (--m->budget < 0)
				return -1;
			if (k == -d || (k != d && VF(k - 1) < VF(k + 1))) {
				px = x = VF(k + 1);
			} else {
				px = VF(k - 1);
				x = px + 1;
			}
			y = top + (x - left) - k;
			py = d == 0 || x != px ? y : y - 1;
			while (x < right && y < bottom &&
			       m->a[x] == m->b[y]) {
				x++;
				y++;
				m->budget--;
			}
			VF(k) = x;
			c = k - delta;
			if (odd && c >= -(d - 1) && c <= d - 1 && y >= VB(c)) {
				s[0] = px;
				s[1] = py;
				s[2] = x;
				s[3] = y;
				return 1;
			}
		}
		for (c = d; c >= -d; c -= 2) {
			if (--m->budget < 0)
				return -1;
			if (c == -d || (c != d && VB(c - 1) > VB(c + 1))) {
				py = y = VB(c + 1);
			} else {
				py = VB(c - 1);
				y = py - 1;
			}
			k = c + delta;
			x = left + (y - top) + k;
			px = d == 0 || y != py ? x : x + 1;
			while (x > left && y > top &&
			       m->a[x - 1] == m->b[y - 1]) {
				x--;
				y--;
				m->budget--;
			}
			VB(c) = y;
			if (!odd && k >= -d && k <= d && x <= VF(k)) {
				s[0] = x;
				s[1] = y;
				s[2] = px;
				s[3] = py;
				return 1;
			}
		}
	}
	return -1;
}

/* Appends the corners of a shortest path through the box to m->pts.
 * Returns 1, 0 for an empty box (nothing added), -1 out of budget. The
 * boxes on either side of a middle snake have at most half its edits,
 * so the recursion is as deep as log2 of the edits. */
static int
find_path(struct myers *m, long left, long top, long right, long bottom)
{
	long s[4];
	int r = midpoint(m, left, top, right, bottom, s), head, tail;

	if (r <= 0)
		return r;
	if ((head = find_path(m, left, top, s[0], s[1])) < 0)
		return -1;
	if (head == 0)
		push_point(m, s[0], s[1]);
	if ((tail = find_path(m, s[2], s[3], right, bottom)) < 0)
		return -1;
	if (tail == 0)
		push_point(m, s[2], s[3]);
	return 1;
}

/* Appends n copies of e to ops. */
static void
put_ops(unsigned char *ops, size_t *nops, enum fd_edit e, size_t n)
{
	while (n-- > 0)
		ops[(*nops)++] = (unsigned char)e;
}

int
fd_diff_seq(const unsigned *a, size_t na, const unsigned *b, size_t nb,
	    long *budget, unsigned char **ops, size_t *nops)
{
	struct myers m = {0};
	size_t pre = 0, suf = 0, i, n = 0;
	unsigned char *v;
	long size;
	int r;

	*ops = NULL;
	*nops = 0;
	/* Equal ends cost nothing to the search: most edits are local. */
	while (pre < na && pre < nb && a[pre] == b[pre])
		pre++;
	while (suf < na - pre && suf < nb - pre &&
	       a[na - 1 - suf] == b[nb - 1 - suf])
		suf++;
	*budget -= (long)(pre + suf);
	if (*budget < 0)
		return -1;
	v = fd_xmalloc(na + nb + 1);
	put_ops(v, &n, FD_EDIT_SAME, pre);
	m.a = a + pre;
	m.b = b + pre;
	size = (long)(na + nb - 2 * (pre + suf));
	m.off = (size + 1) / 2 + 2;
	m.vf = fd_xcalloc((size_t)(2 * m.off + 1), sizeof *m.vf);
	m.vb = fd_xcalloc((size_t)(2 * m.off + 1), sizeof *m.vb);
	m.budget = *budget;
	r = find_path(&m, 0, 0, (long)(na - pre - suf), (long)(nb - pre - suf));
	*budget = m.budget < 0 ? 0 : m.budget;
	if (r < 0) {
		free(v);
		v = NULL;
		goto out;
	}
	/* Walk the corners: along a diagonal, at most one step off it,
	 * along a diagonal again. */
	for (i = 0; i + 1 < m.npts; i++) {
		long x1 = m.pts[2 * i], y1 = m.pts[2 * i + 1];
		long x2 = m.pts[2 * i + 2], y2 = m.pts[2 * i + 3];

		while (x1 < x2 && y1 < y2 && m.a[x1] == m.b[y1]) {
			put_ops(v, &n, FD_EDIT_SAME, 1);
			x1++;
			y1++;
		}
		if (x2 - x1 < y2 - y1) {
			put_ops(v, &n, FD_EDIT_INS, 1);
			y1++;
		} else if (x2 - x1 > y2 - y1) {
			put_ops(v, &n, FD_EDIT_DEL, 1);
			x1++;
		}
		put_ops(v, &n, FD_EDIT_SAME, (size_t)(x2 - x1));
	}
	put_ops(v, &n, FD_EDIT_SAME, suf);
	*ops = v;
	*nops = n;
out:
	free(m.vf);
	free(m.vb);
	free(m.pts);
	return r < 0 ? -1 : 0;
}

/* ------------------------------------------------------------ intern */

/* One string of the table. */
struct slot {
	char *s;	/* the bytes, NUL-terminated; NULL: empty slot */
	size_t len;	/* bytes in s */
	unsigned hash;	/* hash of s */
	unsigned id;	/* its number */
};

struct fd_intern {
	struct slot *slots; /* open addressing, a power of two */
	size_t cap;	    /* entries in slots */
	size_t n;	    /* strings held */
};

/* FNV-1a: simple, and the same on every machine. */
static unsigned
hash_bytes(const char *s, size_t len)
{
	unsigned h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

struct fd_intern *
fd_intern_new(void)
{
	struct fd_intern *t = fd_xcalloc(1, sizeof *t);

	t->cap = 64;
	t->slots = fd_xcalloc(t->cap, sizeof *t->slots);
	return t;
}

static void
grow(struct fd_intern *t)
{
	struct slot *old = t->slots;
	size_t oldcap = t->cap, i, j;

	t->cap *= 2;
	t->slots = fd_xcalloc(t->cap, sizeof *t->slots);
	for (i = 0; i < oldcap; i++) {
		if (old[i].s == NULL)
			continue;
		for (j = old[i].hash & (t->cap - 1); t->slots[j].s != NULL;
		     j = (j + 1) & (t->cap - 1))
			;
		t->slots[j] = old[i];
	}
	free(old);
}

unsigned
fd_intern(struct fd_intern *t, const char *s, size_t len)
{
	unsigned h = hash_bytes(s, len);
	size_t j;

	if (2 * (t->n + 1) > t->cap)
		grow(t);
	for (j = h & (t->cap - 1); t->slots[j].s != NULL;
	     j = (j + 1) & (t->cap - 1))
		if (t->slots[j].hash == h && t->slots[j].len == len &&
		    memcmp(t->slots[j].s, s, len) == 0)
			return t->slots[j].id;
	t->slots[j].s = fd_xstrndup(s, len);
	t->slots[j].len = len;
	t->slots[j].hash = h;
	t->slots[j].id = (unsigned)t->n++;
	return t->slots[j].id;
}

void
fd_intern_free(struct fd_intern *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->cap; i++)
		free(t->slots[i].s);
	free(t->slots);
	free(t);
}

/* ------------------------------------------------------------ tokens */

/* What a token is. */
enum tok_class {
	TOK_WORD,  /* letters and digits, in any script */
	TOK_SPACE, /* a run of white space */
	TOK_PUNCT  /* one punctuation character */
};

/* A token of a paragraph. */
struct tok {
	size_t start, len;   /* bytes of the paragraph */
	enum tok_class cls;  /* word, space or punctuation */
};

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The class of the character at s and its length in bytes. General
 * punctuation (U+2000 to U+206F: dashes, curly quotes, the ellipsis) is
 * punctuation; every other character beyond ASCII is a letter. */
static enum tok_class
char_class(const char *s, size_t *len)
{
	unsigned char c = (unsigned char)s[0];
	size_t i;

	*len = 1;
	if (c < 0x80) {
		if (is_space(c))
			return TOK_SPACE;
		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z'))
			return TOK_WORD;
		return TOK_PUNCT;
	}
	if (c >= 0xf0)
		*len = 4;
	else if (c >= 0xe0)
		*len = 3;
	else if (c >= 0xc0)
		*len = 2;
	/* Valid UTF-8 is promised (cmark breaks the promise for &#xFFFE;):
	 * a byte that does not start a whole character is one of its own,
	 * and nothing is read past the end. */
	for (i = 1; i < *len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			*len = 1;
	if (c == 0xe2 && *len == 3 &&
	    ((unsigned char)s[1] == 0x80 || (unsigned char)s[1] == 0x81))
		return TOK_PUNCT;
	return TOK_WORD;
}

/* The tokens of s, at most max + 1 of them (more means "too many"). */
static size_t
tokenize(const char *s, struct tok **out, size_t max)
{
	struct tok *v = NULL;
	size_t n = 0, cap = 0, i = 0, len;

	while (s[i] != '\0' && n <= max) {
		enum tok_class cls = char_class(s + i, &len);
		size_t start = i;

		i += len;
		if (cls != TOK_PUNCT)
			while (s[i] != '\0' &&
			       char_class(s + i, &len) == cls)
				i += len;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			v = fd_xreallocarray(v, cap, sizeof *v);
		}
		v[n].start = start;
		v[n].len = i - start;
		v[n].cls = cls;
		n++;
	}
	*out = v;
	return n;
}

/* -------------------------------------------------------- word diff */

/* A stretch being tidied: the same text, or a change (out and in). */
struct block {
	int same;	    /* 1: text in both */
	struct fd_buf out;  /* the same text, or the text taken out */
	struct fd_buf in;   /* the text put in (changes only) */
};

static void
block_free(struct block *k)
{
	fd_buf_free(&k->out);
	fd_buf_free(&k->in);
}

/* Appends to the last block, or a new one when it is of the other kind. */
static void
add_text(struct block **v, size_t *n, size_t *cap, int same,
	 const char *s, size_t len, int in)
{
	struct block *k;

	if (*n == 0 || (*v)[*n - 1].same != same) {
		if (*n == *cap) {
			*cap = *cap ? 2 * *cap : 16;
			*v = fd_xreallocarray(*v, *cap, sizeof **v);
		}
		k = &(*v)[(*n)++];
		memset(k, 0, sizeof *k);
		k->same = same;
	}
	k = &(*v)[*n - 1];
	fd_buf_add(in ? &k->in : &k->out, s, len);
}

/* The longer side of a change. */
static size_t
change_len(const struct block *k)
{
	return k->out.len > k->in.len ? k->out.len : k->in.len;
}

/*
 * Tidies the stretches for a reader (the "semantic cleanup" of Neil
 * Fraser's diff-match-patch): a stretch of same text between two
 * changes, no longer than the changes on either side, joins them, so
 * that "the cat sat" against "a dog sat" reads as one phrase replaced,
 * not as "a" for "the", a space kept, "dog" for "cat". A stack: each
 * join shortens it by two, so the work is linear.
 */
static void
cleanup(struct block *v, size_t *n)
{
	size_t i, w = 0;

	for (i = 0; i < *n; i++) {
		v[w++] = v[i];
		while (w >= 3 && !v[w - 1].same && v[w - 2].same &&
		       !v[w - 3].same &&
		       v[w - 2].out.len <= change_len(&v[w - 3]) &&
		       v[w - 2].out.len <= change_len(&v[w - 1])) {
			struct block *p = &v[w - 3], *e = &v[w - 2],
				     *q = &v[w - 1];

			fd_buf_add(&p->out, e->out.data, e->out.len);
			fd_buf_add(&p->in, e->out.data, e->out.len);
			if (q->out.len > 0)
				fd_buf_add(&p->out, q->out.data, q->out.len);
			if (q->in.len > 0)
				fd_buf_add(&p->in, q->in.data, q->in.len);
			block_free(e);
			block_free(q);
			w -= 2;
		}
	}
	*n = w;
}

static void
put_wdiff(struct fd_wdiff **v, size_t *n, enum fd_edit e, const char *s,
	  size_t len)
{
	if (len == 0)
		return;
	*v = fd_xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[*n].edit = e;
	(*v)[*n].text = fd_xstrndup(s, len);
	(*n)++;
}

/* Spaces at both ends of a change that the taken-out and the put-in text
 * share are the same text: kept outside the marks, so that a strike or
 * an underline does not run on into the gap between words. */
static size_t
shared_space(const struct block *k, int tail)
{
	const char *a = k->out.data, *b = k->in.data;
	size_t na = k->out.len, nb = k->in.len, s = 0;

	if (na == 0 || nb == 0)
		return 0;
	while (s < na && s < nb &&
	       (tail ? a[na - 1 - s] == ' ' && b[nb - 1 - s] == ' '
		     : a[s] == ' ' && b[s] == ' '))
		s++;
	return s < na && s < nb ? s : 0;
}

size_t
fd_word_diff(const char *before, const char *after, long *budget,
	     struct fd_wdiff **out)
{
	struct tok *ta = NULL, *tb = NULL;
	size_t na, nb, i, j, ia = 0, ib = 0, nops = 0, nblk = 0, capblk = 0;
	size_t n = 0;
	unsigned *ida = NULL, *idb = NULL;
	unsigned char *ops = NULL;
	struct fd_intern *t = NULL;
	struct block *blk = NULL;
	long local;

	*out = NULL;
	na = tokenize(before, &ta, FD_DIFF_MAX_TOKENS);
	nb = tokenize(after, &tb, FD_DIFF_MAX_TOKENS);
	if (na > FD_DIFF_MAX_TOKENS || nb > FD_DIFF_MAX_TOKENS)
		goto whole;
	t = fd_intern_new();
	ida = fd_xreallocarray(NULL, na + 1, sizeof *ida);
	idb = fd_xreallocarray(NULL, nb + 1, sizeof *idb);
	for (i = 0; i < na; i++)
		ida[i] = fd_intern(t, before + ta[i].start, ta[i].len);
	for (i = 0; i < nb; i++)
		idb[i] = fd_intern(t, after + tb[i].start, tb[i].len);
	local = *budget < PAIR_STEPS ? *budget : PAIR_STEPS;
	*budget -= local;
	if (fd_diff_seq(ida, na, idb, nb, &local, &ops, &nops) != 0) {
		*budget += local;
		goto whole;
	}
	*budget += local;
	for (i = 0; i < nops; i++) {
		if (ops[i] == FD_EDIT_SAME) {
			add_text(&blk, &nblk, &capblk, 1,
				 before + ta[ia].start, ta[ia].len, 0);
			ia++;
			ib++;
		} else if (ops[i] == FD_EDIT_DEL) {
			add_text(&blk, &nblk, &capblk, 0,
				 before + ta[ia].start, ta[ia].len, 0);
			ia++;
		} else {
			add_text(&blk, &nblk, &capblk, 0,
				 after + tb[ib].start, tb[ib].len, 1);
			ib++;
		}
	}
	cleanup(blk, &nblk);
	for (i = 0; i < nblk; i++) {
		struct block *k = &blk[i];
		size_t lead, tail;

		if (k->same) {
			put_wdiff(out, &n, FD_EDIT_SAME, k->out.data,
				  k->out.len);
			continue;
		}
		lead = shared_space(k, 0);
		put_wdiff(out, &n, FD_EDIT_SAME, k->out.data, lead);
		tail = shared_space(k, 1);
		if (lead + tail >= k->out.len || lead + tail >= k->in.len)
			tail = 0;
		put_wdiff(out, &n, FD_EDIT_DEL, k->out.data + lead,
			  k->out.len - lead - tail);
		put_wdiff(out, &n, FD_EDIT_INS, k->in.data + lead,
			  k->in.len - lead - tail);
		put_wdiff(out, &n, FD_EDIT_SAME,
			  k->out.data + k->out.len - tail, tail);
	}
	goto done;
whole:
	put_wdiff(out, &n, FD_EDIT_DEL, before, strlen(before));
	put_wdiff(out, &n, FD_EDIT_INS, after, strlen(after));
done:
	/* Neighbouring same stretches (a space split off a change) join. */
	for (i = 0, j = 0; i < n; i++) {
		if (j > 0 && (*out)[i].edit == FD_EDIT_SAME &&
		    (*out)[j - 1].edit == FD_EDIT_SAME) {
			char *s = fd_xasprintf("%s%s", (*out)[j - 1].text,
					       (*out)[i].text);

			free((*out)[j - 1].text);
			free((*out)[i].text);
			(*out)[j - 1].text = s;
			continue;
		}
		(*out)[j++] = (*out)[i];
	}
	n = j;
	for (i = 0; i < nblk; i++)
		block_free(&blk[i]);
	free(blk);
	free(ops);
	free(ida);
	free(idb);
	fd_intern_free(t);
	free(ta);
	free(tb);
	return n;
}

void
fd_wdiff_free(struct fd_wdiff *w, size_t n)
{
	size_t i;

	if (w == NULL)
		return;
	for (i = 0; i < n; i++)
		free(w[i].text);
	free(w);
}

/* ------------------------------------------------------- similarity */

static int
cmp_unsigned(const void *x, const void *y)
{
	unsigned a = *(const unsigned *)x, b = *(const unsigned *)y;

	return a < b ? -1 : a > b;
}

/* Characters in a token (UTF-8 lead bytes). */
static size_t
token_chars(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

/* The hash of a word without regard to ASCII case. */
static unsigned
hash_word(const char *s, size_t len)
{
	unsigned h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		h ^= c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
		h *= 16777619u;
	}
	return h;
}

/*
 * Only words of four characters or more count, without regard to case,
 * when a paragraph has any: "the", "and", "of" make any two paragraphs of
 * a letter alike. Measured over the examples' letters, two different
 * paragraphs shared a fifth of their words or more in 27 % of pairs
 * counting every word, in 10 % counting these; a rewrite such as
 * "investigations remain open for many months without supervisory
 * review" to "individual investigations are not reviewed by a
 * supervisor for many months" scores 0.43 either way.
 */
size_t
fd_word_hashes(const char *s, unsigned **out)
{
	struct tok *v = NULL;
	size_t n = tokenize(s, &v, (size_t)-2), i, k = 0, min = 4;
	unsigned *h = NULL;

	for (i = 0; i < n; i++)
		if (v[i].cls == TOK_WORD &&
		    token_chars(s + v[i].start, v[i].len) >= min)
			k++;
	if (k == 0) {
		min = 0;
		for (i = 0; i < n; i++)
			if (v[i].cls == TOK_WORD)
				k++;
	}
	if (k > 0) {
		h = fd_xreallocarray(NULL, k, sizeof *h);
		for (i = 0, k = 0; i < n; i++)
			if (v[i].cls == TOK_WORD &&
			    token_chars(s + v[i].start, v[i].len) >= min)
				h[k++] = hash_word(s + v[i].start, v[i].len);
		qsort(h, k, sizeof *h, cmp_unsigned);
	}
	free(v);
	*out = h;
	return k;
}

double
fd_word_similarity(const unsigned *a, size_t na, const unsigned *b,
		   size_t nb)
{
	size_t i = 0, j = 0, common = 0;

	if (na + nb == 0)
		return 0;
	while (i < na && j < nb) {
		if (a[i] == b[j]) {
			common++;
			i++;
			j++;
		} else if (a[i] < b[j]) {
			i++;
		} else {
			j++;
		}
	}
	return 2.0 * (double)common / (double)(na + nb);
}
