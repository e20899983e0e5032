/*
 * test_doctree.c: the document tree without the PDF: the plain text that
 * the privacy checks read, and placeholder values that must print
 * literally whatever Markdown they hold.
 *
 * usage: test_doctree TEMPLATES CASES   (REGEN=1 rewrites the expected
 * plain text, cases/every-node.plain.txt, for review)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doctree_xml.h"
#include "load.h"
#include "markdown.h"

static int failures;

static void
fail(const char *what, const char *got, const char *want)
{
	fprintf(stderr, "FAIL: %s\n  got:  %s\n  want: %s\n", what, got, want);
	failures++;
}

/* The plain text of every-node.xml against the reviewed file. */
static void
plain_text(const char *templates, const char *cases)
{
	char *tree = fd_path_join(cases, "every-node.xml");
	char *want_path = fd_path_join(cases, "every-node.plain.txt");
	char *schema = fd_path_join(templates, "schema");
	struct fd_diags *d = fd_diags_new();
	struct fd_map *values = fd_map_new();
	struct fd_doctree_opts o = {cases, values, schema};
	struct fd_input *in;
	struct fd_doc *doc = NULL;
	char *got = NULL, *want = NULL;
	size_t len;

	fd_map_set(values, "lead", "Northshire *County* Council");
	fd_map_set(values, "area", "[the area](https://x) <b>bold</b> \\ {{area}}");
	fd_map_set(values, "due", "# 7 March 2016");
	if ((in = fd_load_file(tree, d)) == NULL ||
	    (doc = fd_doctree_build_input(in, &o, d)) == NULL) {
		char *msg = fd_diags_text(d);

		fail("every-node.xml does not load", msg, "");
		free(msg);
		goto out;
	}
	got = fd_doctree_plain_text(doc);
	if (getenv("REGEN") && strcmp(getenv("REGEN"), "1") == 0) {
		if (fd_write_atomic(want_path, got, strlen(got)) != 0)
			fail("cannot write", want_path, "");
		goto out;
	}
	if (fd_read_file(want_path, 1 << 20, &want, &len) != 0)
		fail("cannot read", want_path, "");
	else if (strcmp(got, want) != 0)
		fail("plain text of every-node.xml", got, want);
out:
	free(got);
	free(want);
	fd_doc_free(doc);
	fd_input_free(in);
	fd_map_free(values);
	fd_diags_free(d);
	free(tree);
	free(want_path);
	free(schema);
}

/* "{{v}}" filled with value and parsed prints value as it is. */
static void
literal(const char *value)
{
	struct fd_diags *d = fd_diags_new();
	struct fd_map *values = fd_map_new();
	struct fd_node *body = fd_node_new(FD_NODE_BODY, "t.md", 1);
	char *filled, *got = NULL, *want = fd_xstrdup(value), *p;

	for (p = want; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	fd_map_set(values, "v", value);
	filled = fd_markdown_fill("{{v}}", 5, values, "t.md", d);
	if (filled == NULL ||
	    fd_markdown_parse(filled, strlen(filled), body, "t.md", 1, d) != 0)
		fail("fill or parse failed", value, "");
	else if (body->nkids != 1 || body->kids[0]->kind != FD_NODE_PARA)
		fail("not one paragraph", value, "");
	else if (strcmp((got = fd_node_text(body->kids[0])), want) != 0)
		fail("a value does not print literally", got, want);
	else if (body->kids[0]->nruns != 1 || body->kids[0]->runs[0].flags ||
		 body->kids[0]->runs[0].href)
		fail("a value gained emphasis or a link", value, "");
	free(got);
	free(want);
	free(filled);
	fd_node_free(body);
	fd_map_free(values);
	fd_diags_free(d);
}

int
main(int argc, char **argv)
{
	static const char *const values[] = {
		"*emphasis* and **strong** and _under_",
		"[a link](https://example.org) and <https://example.org>",
		"<b>html</b> <script>alert(1)</script> &amp; &#42;",
		"a \\ backslash, \\* escaped, `code`",
		"{{area}} and {{ area }}",
		"# heading",
		"1. not a list",
		"- not a bullet",
		"> not a quote",
		"line one\nline two\n\n# not a heading either",
		"    four spaces",
		"![image](x.png) ~~strike~~ | table |",
		"Children's Services & Partners (CQC) 100%",
	};
	size_t i;

	if (argc != 3) {
		fputs("usage: test_doctree TEMPLATES CASES\n", stderr);
		return 2;
	}
	plain_text(argv[1], argv[2]);
	for (i = 0; i < sizeof values / sizeof values[0]; i++)
		literal(values[i]);
	if (failures == 0)
		puts("ok: doctree");
	return failures ? 1 : 0;
}
