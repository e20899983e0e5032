/*
 * test_diff.c: the comparing of src/diff.c, without documents.
 *
 *   - fd_diff_seq on thousands of random pairs of short sequences: the
 *     script turns a into b and is as short as the longest common
 *     subsequence (counted by the textbook table) allows;
 *   - the budget: a long pair with nothing in common gives up, quickly;
 *   - fd_word_diff on sentences whose redline is known;
 *   - fd_word_similarity;
 *   - the document tree's del and ins, as the plain-text and HTML
 *     emitters write them (the PDF is tests/diff/run.py's).
 *
 * usage: test_diff TEMPLATES
 *
 * Prints each failure and exits 1 when there is any.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diff.h"
#include "doctree_xml.h"
#include "emit_html.h"
#include "emit_text.h"
#include "load.h"
#include "util.h"

static int failures;

static void
fail(const char *what)
{
	printf("FAIL: %s\n", what);
	failures++;
}

/* A small deterministic generator: the same cases on every machine. */
static unsigned long rng = 12345;

static unsigned
next(unsigned n)
{
	rng = rng * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((rng >> 33) % n);
}

static size_t
lcs(const unsigned *a, size_t na, const unsigned *b, size_t nb)
{
	size_t *t = fd_xcalloc((na + 1) * (nb + 1), sizeof *t), i, j, r;

	for (i = 1; i <= na; i++)
		for (j = 1; j <= nb; j++) {
			size_t *c = &t[i * (nb + 1) + j];

			if (a[i - 1] == b[j - 1])
				*c = t[(i - 1) * (nb + 1) + j - 1] + 1;
			else
				*c = t[(i - 1) * (nb + 1) + j] >
					     t[i * (nb + 1) + j - 1]
					 ? t[(i - 1) * (nb + 1) + j]
					 : t[i * (nb + 1) + j - 1];
		}
	r = t[na * (nb + 1) + nb];
	free(t);
	return r;
}

static void
random_pairs(void)
{
	unsigned a[40], b[40];
	int round;

	for (round = 0; round < 20000; round++) {
		size_t na = next(25), nb = next(25), i, x = 0, y = 0, same = 0;
		unsigned alpha = 1 + next(5);
		unsigned char *ops;
		size_t nops;
		long budget = 1000000;
		char msg[200];

		for (i = 0; i < na; i++)
			a[i] = next(alpha);
		/* Often b is an edit of a, sometimes anything. */
		for (i = 0; i < nb; i++)
			b[i] = i < na && next(3) ? a[i] : next(alpha);
		if (fd_diff_seq(a, na, b, nb, &budget, &ops, &nops) != 0) {
			fail("a short pair ran out of budget");
			continue;
		}
		for (i = 0; i < nops; i++) {
			if (ops[i] == FD_EDIT_SAME) {
				if (x >= na || y >= nb || a[x] != b[y])
					break;
				x++;
				y++;
				same++;
			} else if (ops[i] == FD_EDIT_DEL) {
				if (x >= na)
					break;
				x++;
			} else {
				if (y >= nb)
					break;
				y++;
			}
		}
		if (i != nops || x != na || y != nb) {
			snprintf(msg, sizeof msg,
				 "round %d: the script does not turn a (%zu) "
				 "into b (%zu)", round, na, nb);
			fail(msg);
		} else if (same != lcs(a, na, b, nb)) {
			snprintf(msg, sizeof msg,
				 "round %d: %zu kept, the longest common "
				 "subsequence is %zu", round, same,
				 lcs(a, na, b, nb));
			fail(msg);
		}
		free(ops);
	}
}

static void
budget(void)
{
	size_t n = 200000, i;
	unsigned *a = fd_xmalloc(n * sizeof *a), *b = fd_xmalloc(n * sizeof *b);
	unsigned char *ops;
	size_t nops;
	long steps = 5000000;
	clock_t t0 = clock();

	for (i = 0; i < n; i++) {
		a[i] = (unsigned)i;
		b[i] = (unsigned)(i + n);
	}
	if (fd_diff_seq(a, n, b, n, &steps, &ops, &nops) != -1 || ops != NULL)
		fail("nothing in common, 200 000 each: the budget did not stop "
		     "the search");
	if (steps != 0)
		fail("the budget spent is not all of it");
	if ((double)(clock() - t0) / CLOCKS_PER_SEC > 5)
		fail("giving up took more than 5 s");
	/* Long but nearly equal: cheap whatever the length. */
	memcpy(b, a, n * sizeof *b);
	b[n / 2] = 7u + (unsigned)n;
	steps = 5000000;
	if (fd_diff_seq(a, n, b, n, &steps, &ops, &nops) != 0 ||
	    nops != n + 1)
		fail("one element changed in 200 000: not one delete and one "
		     "insert");
	free(ops);
	free(a);
	free(b);
}

/* The redline of a word diff as text: [-out-]{+in+}. */
static char *
redline(const char *x, const char *y)
{
	struct fd_wdiff *w;
	long steps = 1000000;
	size_t n = fd_word_diff(x, y, &steps, &w), i;
	struct fd_buf b = {0};

	for (i = 0; i < n; i++)
		fd_buf_addf(&b, w[i].edit == FD_EDIT_SAME  ? "%s"
				: w[i].edit == FD_EDIT_DEL ? "[-%s-]"
							   : "{+%s+}",
			    w[i].text);
	fd_wdiff_free(w, n);
	return fd_buf_steal(&b);
}

static void
words(void)
{
	static const char *const cases[][3] = {
		{"Schools play a significant part.",
		 "Schools play a major part.",
		 "Schools play a [-significant-]{+major+} part."},
		{"Only 38% of practices have a lead.",
		 "Fewer than half of practices have a lead.",
		 "[-Only 38%-]{+Fewer than half+} of practices have a lead."},
		{"The cat sat on the mat.", "A dog sat on the mat.",
		 "[-The cat-]{+A dog+} sat on the mat."},
		{"One. Two. Three.", "One. Three.", "One. [-Two. -]Three."},
		{"at the centre. When", "at the centre, which NHS England "
					"commissions. When",
		 "at the centre{+, which NHS England commissions+}. When"},
		{"same text", "same text", "same text"},
		{"", "new words", "{+new words+}"},
		{"old words", "", "[-old words-]"},
		{"the child’s own words", "the children’s own words",
		 "the [-child-]{+children+}’s own words"},
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *r = redline(cases[i][0], cases[i][1]);

		if (strcmp(r, cases[i][2]) != 0) {
			char msg[400];

			snprintf(msg, sizeof msg, "word diff: '%s'\n  want '%s'",
				 r, cases[i][2]);
			fail(msg);
		}
		free(r);
	}
}

static void
similarity(void)
{
	unsigned *a, *b;
	size_t na = fd_word_hashes("the cat sat on the mat", &a);
	size_t nb = fd_word_hashes("on the mat the cat sat", &b);
	double s = fd_word_similarity(a, na, b, nb);

	if (na != 6 || s != 1.0)
		fail("the same words in another order are not alike (1.0)");
	free(b);
	nb = fd_word_hashes("a dog ran off", &b);
	if (fd_word_similarity(a, na, b, nb) != 0.0)
		fail("no word in common is not 0");
	free(b);
	nb = fd_word_hashes("the cat sat", &b);
	s = fd_word_similarity(a, na, b, nb);
	if (s < 0.66 || s > 0.67)
		fail("half the words: not 2/3");
	free(a);
	free(b);
}

static void
marks(const char *templates)
{
	static const char tree[] =
		"<document><meta><title>T</title></meta><body>"
		"<p>Schools play a <del>significant</del> <ins>major</ins> "
		"part, <b><del>bold gone</del></b>.</p></body></document>";
	char *schema = fd_path_join(templates, "schema");
	struct fd_doctree_opts o = {NULL, NULL, schema};
	struct fd_diags *d = fd_diags_new();
	struct fd_input *in = fd_load_memory("marks.xml", tree,
					     sizeof tree - 1, d);
	struct fd_doc *doc = in ? fd_doctree_build_input(in, &o, d) : NULL;
	char *text = NULL, *html = NULL;

	if (doc == NULL) {
		char *msg = fd_diags_text(d);

		printf("%s", msg);
		free(msg);
		fail("a tree with del and ins does not load");
		goto out;
	}
	text = fd_emit_text(doc, 72);
	if (strcmp(text, "Schools play a [-significant-] {+major+} part, "
			 "[-bold gone-].\n") != 0) {
		printf("%s", text);
		fail("plain text: not [-...-] and {+...+}");
	}
	html = fd_emit_html(doc);
	if (strstr(html, "<del style=\"color:#d4351c\">significant</del> "
			 "<ins style=\"color:#00703c\">major</ins>") == NULL ||
	    strstr(html, "<del style=\"color:#d4351c\"><strong>bold gone"
			 "</strong></del>") == NULL) {
		printf("%s", html);
		fail("HTML: not <del> and <ins>");
	}
out:
	free(text);
	free(html);
	fd_doc_free(doc);
	fd_input_free(in);
	fd_diags_free(d);
	free(schema);
}

int
main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: test_diff TEMPLATES\n", stderr);
		return 2;
	}
	random_pairs();
	budget();
	words();
	similarity();
	marks(argv[1]);
	if (failures) {
		printf("%d failure(s)\n", failures);
		return 1;
	}
	printf("ok\n");
	return 0;
}
