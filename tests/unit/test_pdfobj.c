/*
 * Unit tests of pdfobj.c, the reader of the PDF Cairo writes and the
 * writer of the incremental update after it: values read as written,
 * text strings, an update whose cross-reference entries point at its
 * objects, and a file cut short or damaged at every byte, nested too
 * deep or with a stream whose length is itself, refused without a crash
 * (the sanitizer build and valgrind run this too).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdfobj.h"

static int failures;

#define CHECK(c)                                                              \
	do {                                                                  \
		if (!(c)) {                                                   \
			printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #c);   \
			failures++;                                           \
		}                                                             \
	} while (0)

/* A small PDF as Cairo writes one: a classic table, a stream whose
 * length is an object of its own, comments, strings of both kinds. */
static char *
sample(size_t *len)
{
	static const char *const objs[] = {
		"1 0 obj\n<< /Type /Catalog /Pages 2 0 R % a comment\n"
		"   /Title (a \\(nested\\) (string) with \\\\ and \\) end) >>\n"
		"endobj\n",
		"2 0 obj\n<< /Type /Pages /Kids [ 3 0 R ] /Count 1 >>\nendobj\n",
		"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [ 0 0 595.28 "
		"841.89 ]\n   /Contents 4 0 R /Name <FEFF0041> /N -1.5 /B true "
		"/Z null >>\nendobj\n",
		"4 0 obj\n<< /Length 5 0 R >>\nstream\nq 1 0 0 1 0 0 cm Q\n"
		"endstream\nendobj\n",
		"5 0 obj\n   19\nendobj\n",
	};
	size_t off[6], i, n = sizeof objs / sizeof objs[0];
	char *b = malloc(4096);
	size_t l = 0;

	l += (size_t)sprintf(b, "%%PDF-1.5\n%%\xe2\xe3\xcf\xd3\n");
	for (i = 0; i < n; i++) {
		off[i + 1] = l;
		l += (size_t)sprintf(b + l, "%s", objs[i]);
	}
	off[0] = l;
	l += (size_t)sprintf(b + l, "xref\n0 %zu\n0000000000 65535 f \n", n + 1);
	for (i = 1; i <= n; i++)
		l += (size_t)sprintf(b + l, "%010zu 00000 n \n", off[i]);
	l += (size_t)sprintf(b + l,
			     "trailer\n<< /Size %zu\n   /Root 1 0 R\n>>\n"
			     "startxref\n%zu\n%%%%EOF\n",
			     n + 1, off[0]);
	*len = l;
	return b;
}

static int
text_is(const struct pdf_val *v, const char *s)
{
	return v != NULL && v->len == strlen(s) &&
	       memcmp(v->text, s, v->len) == 0;
}

static void
reads(void)
{
	size_t len;
	char *b = sample(&len);
	struct pdf_file f;
	struct pdf_val *cat, *page, *box;

	if (pdf_open(&f, b, len) != 0) {
		printf("FAIL: the sample does not open: %s\n%s", f.err, b);
		failures++;
		pdf_close(&f);
		free(b);
		return;
	}
	cat = pdf_get(&f, 1);
	CHECK(cat != NULL && cat->kind == PDF_DICT);
	if (cat == NULL || pdf_dict_kind(&f, cat, "/Pages", PDF_DICT) == NULL) {
		printf("FAIL: no pages: %s\n", f.err ? f.err : "");
		failures++;
		pdf_close(&f);
		free(b);
		return;
	}
	CHECK(pdf_is_name(pdf_dict_get(cat, "/Type"), "/Catalog"));
	CHECK(text_is(pdf_dict_get(cat, "/Title"),
		      "(a \\(nested\\) (string) with \\\\ and \\) end)"));
	page = pdf_resolve(&f, pdf_dict_get(pdf_dict_kind(&f, cat, "/Pages",
							  PDF_DICT),
					    "/Kids")->v[0]);
	CHECK(page != NULL && pdf_is_name(pdf_dict_get(page, "/Type"),
					  "/Page"));
	box = pdf_dict_get(page, "/MediaBox");
	CHECK(box != NULL && box->kind == PDF_ARRAY && box->n == 4);
	CHECK(box != NULL && box->n == 4 && text_is(box->v[2], "595.28"));
	CHECK(text_is(pdf_dict_get(page, "/Name"), "<FEFF0041>"));
	CHECK(pdf_dict_get(page, "/N")->integer == 0);
	CHECK(pdf_dict_get(page, "/B")->kind == PDF_BOOL);
	CHECK(pdf_dict_get(page, "/Z")->kind == PDF_NULL);
	CHECK(pdf_get(&f, 4) != NULL && f.obj[4].slen == 19 &&
	      memcmp(f.obj[4].stream, "q 1 0 0 1 0 0 cm Q\n", 19) == 0);
	CHECK(pdf_get(&f, 6) == NULL && pdf_get(&f, 0) == NULL);
	pdf_close(&f);
	free(b);
}

static void
texts(void)
{
	struct pdf_file f;

	memset(&f, 0, sizeof f);
	CHECK(text_is(pdf_text(&f, "a (b) \\c"), "(a \\(b\\) \\\\c)"));
	CHECK(text_is(pdf_text(&f, "caf\xc3\xa9"), "<FEFF00630061006600E9>"));
	CHECK(text_is(pdf_text(&f, "\xf0\x9f\x98\x80"), "<FEFFD83DDE00>"));
	CHECK(text_is(pdf_text(&f, "\xff"), "<FEFFFFFD>"));
	CHECK(text_is(pdf_text(&f, "tab\there"), "<FEFF0074006100620009006800650072"
						   "0065>"));
	pdf_close(&f);
}

/* The update: a changed catalogue and a new stream, each where its
 * cross-reference entry says, and a trailer that leads back. */
static void
update(void)
{
	size_t len;
	char *b = sample(&len), *all, *p;
	struct pdf_file f;
	struct fd_buf out = {0};
	struct pdf_val *cat;
	long long meta;

	CHECK(pdf_open(&f, b, len) == 0);
	if ((cat = pdf_get(&f, 1)) == NULL) {
		printf("FAIL: no catalogue: %s\n", f.err ? f.err : "");
		failures++;
		pdf_close(&f);
		free(b);
		return;
	}
	pdf_set(&f, cat, "/Lang", pdf_text(&f, "en-GB"));
	pdf_set(&f, cat, "/Title", NULL);
	meta = pdf_add(&f, pdf_dict(&f), "<x/>", 4);
	CHECK(meta == 6);
	pdf_set(&f, cat, "/Metadata", pdf_ref(&f, meta));
	pdf_touch(&f, 1);
	CHECK(pdf_update(&f, &out) == 0);
	all = malloc(len + out.len + 1);
	memcpy(all, b, len);
	memcpy(all + len, out.data, out.len);
	all[len + out.len] = '\0';
	CHECK(strstr(all + len, "/Lang (en-GB)") != NULL);
	CHECK(strstr(all + len, "/Title") == NULL);
	CHECK(strstr(all + len, "/Metadata 6 0 R") != NULL);
	CHECK(strstr(all + len, "/Length 4\n>>\nstream\n<x/>\nendstream") !=
	      NULL);
	/* Two subsections, 1 and 6, of one entry each. */
	p = strstr(all + len, "xref\n1 1\n");
	CHECK(p != NULL);
	if (p != NULL) {
		size_t o1 = strtoul(p + 9, NULL, 10);

		CHECK(p[9 + 20 - 1] == '\n' && memcmp(p + 9 + 10, " 00000 n ", 9) == 0);
		CHECK(o1 < len + out.len && strncmp(all + o1, "1 0 obj", 7) == 0);
		p = strstr(p, "\n6 1\n");
		CHECK(p != NULL && strncmp(all + strtoul(p + 5, NULL, 10),
					   "6 0 obj", 7) == 0);
	}
	p = strstr(all + len, "trailer");
	CHECK(p != NULL && strstr(p, "/Size 7") != NULL &&
	      strstr(p, "/Root 1 0 R") != NULL && strstr(p, "/ID [<") != NULL);
	{
		char prev[32];

		snprintf(prev, sizeof prev, "/Prev %zu", f.xref);
		CHECK(p != NULL && strstr(p, prev) != NULL);
	}
	p = strstr(all + len, "startxref\n");
	CHECK(p != NULL && strncmp(all + strtoul(p + 10, NULL, 10), "xref\n", 5) == 0);
	/* The same file, the same update. */
	{
		struct pdf_file g;
		struct fd_buf again = {0};

		CHECK(pdf_open(&g, b, len) == 0);
		cat = pdf_get(&g, 1);
		pdf_set(&g, cat, "/Lang", pdf_text(&g, "en-GB"));
		pdf_set(&g, cat, "/Title", NULL);
		pdf_set(&g, cat, "/Metadata", pdf_ref(&g, pdf_add(&g, pdf_dict(&g), "<x/>", 4)));
		pdf_touch(&g, 1);
		CHECK(pdf_update(&g, &again) == 0);
		CHECK(again.len == out.len &&
		      memcmp(again.data, out.data, out.len) == 0);
		fd_buf_free(&again);
		pdf_close(&g);
	}
	free(all);
	fd_buf_free(&out);
	pdf_close(&f);
	free(b);
}

/* Reads every object of data, as far as it can. */
static void
read_all(const char *data, size_t len)
{
	struct pdf_file f;
	size_t i;

	if (pdf_open(&f, data, len) == 0)
		for (i = 0; i < f.nobj; i++)
			(void)pdf_get(&f, (long long)i);
	pdf_close(&f);
}

static void
damaged(void)
{
	size_t len, i, k;
	char *b = sample(&len), *c = malloc(len + 1);
	static const char bytes[] = "\0(<[/%0 9R)>]\\";
	struct pdf_file f;
	char *deep;

	/* Cut short at every byte. */
	for (i = 0; i < len; i++) {
		memcpy(c, b, i);
		read_all(c, i);
	}
	/* Each byte changed to each of the syntax's characters. */
	for (i = 0; i < len; i++)
		for (k = 0; k < sizeof bytes - 1; k++) {
			memcpy(c, b, len);
			c[i] = bytes[k];
			read_all(c, len);
		}
	/* A stream whose length is itself. */
	{
		char *s = strstr(b, "/Length 5 0 R");

		memcpy(c, b, len);
		if (s != NULL)
			c[s - b + 8] = '4';
		CHECK(pdf_open(&f, c, len) == 0);
		CHECK(pdf_get(&f, 4) == NULL);
		pdf_close(&f);
	}
	/* Arrays nested beyond the limit. */
	deep = malloc(200000);
	{
		size_t l = 0, off;

		l += (size_t)sprintf(deep, "%%PDF-1.5\n");
		off = l;
		l += (size_t)sprintf(deep + l, "1 0 obj\n");
		for (i = 0; i < 50000; i++)
			deep[l++] = '[';
		l += (size_t)sprintf(deep + l, "\nendobj\n");
		l += (size_t)sprintf(deep + l, "xref\n0 2\n"
					       "0000000000 65535 f \n%010zu 00000 n \n"
					       "trailer\n<< /Size 2 /Root 1 0 R >>\n"
					       "startxref\n%zu\n%%%%EOF\n",
				     off, l);
		CHECK(pdf_open(&f, deep, l) == 0);
		CHECK(pdf_get(&f, 1) == NULL && f.err != NULL);
		pdf_close(&f);
	}
	free(deep);
	free(c);
	free(b);
}

int
main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	reads();
	texts();
	update();
	damaged();
	if (failures)
		printf("%d failure(s)\n", failures);
	else
		printf("pdfobj: ok\n");
	return failures != 0;
}
