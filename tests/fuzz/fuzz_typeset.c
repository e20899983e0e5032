/*
 * fuzz_typeset.c: a libFuzzer harness over the typesetting engine. Bytes
 * that start with '<' are a document tree (what `findings typeset` reads
 * and every stylesheet writes): loaded, validated, its Markdown expanded
 * (files from the jtai-2019 templates, placeholders filled), laid out,
 * painted and finished as a PDF. Other bytes are Markdown prose, as an
 * inspector writes it, typeset alone in a minimal tree. Nothing may crash,
 * hang or leak, whatever the bytes; faster than fuzz_pipeline, so it
 * reaches deeper into Markdown, layout and paint.
 *
 * Build: cmake -S . -B build-fuzz -DFINDINGS_FUZZ=ON -DCMAKE_C_COMPILER=clang
 * Run:   build-fuzz/tests/fuzz/fuzz_typeset -max_total_time=60 CORPUS...
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "datadir.h"
#include "doctree_xml.h"
#include "load.h"
#include "typeset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A tree whose body is the bytes as one Markdown block; what the loader
 * would refuse (bytes that are not UTF-8, control characters) becomes
 * '?', as the loader lets no such text through. The caller frees it. */
static xmlDoc *
markdown_tree(const uint8_t *data, size_t size)
{
	xmlDoc *doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNode *root = xmlNewNode(NULL, (const xmlChar *)"document");
	xmlNode *meta, *body;
	char *text = fd_xmalloc(size + 1);
	size_t i = 0, n;

	while (i < size) {
		n = fd_utf8_seq((const char *)data + i, size - i);
		if (n == 0 || (data[i] < 0x20 && data[i] != '\n' &&
			       data[i] != '\t') || data[i] == 0x7f) {
			text[i++] = '?';
			continue;
		}
		memcpy(text + i, data + i, n);
		i += n;
	}
	text[size] = '\0';
	xmlDocSetRootElement(doc, root);
	meta = xmlNewChild(root, NULL, (const xmlChar *)"meta", NULL);
	xmlNewTextChild(meta, NULL, (const xmlChar *)"title",
			(const xmlChar *)"Markdown");
	body = xmlNewChild(root, NULL, (const xmlChar *)"body", NULL);
	xmlNewTextChild(body, NULL, (const xmlChar *)"markdown",
			(const xmlChar *)text);
	free(text);
	return doc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fd_datadir dd;
	static struct fd_map *values;
	static char *style, *schema, *mddir;
	struct fd_typeset_opts o = {0};
	struct fd_doctree_opts dopts = {0};
	struct fd_doc *doc = NULL;
	const char *name = "markdown";
	struct fd_diags *d = fd_diags_new();
	struct fd_input *in = NULL;
	char *pdf = NULL;
	size_t len;

	if (values == NULL) {
		if (fd_datadir_find(&dd, FUZZ_TEMPLATES, d) != 0)
			abort();
		style = fd_datadir_style(&dd, NULL);
		schema = fd_path_join(dd.templates, "schema");
		mddir = fd_path_join(dd.templates, "jtai-2019");
		/* The placeholders of the jtai-2019 Markdown files, with
		 * values that Markdown would otherwise read as syntax. */
		values = fd_map_new();
		fd_map_set(values, "area", "North*shire* [x](javascript:1)");
		fd_map_set(values, "theme", "<b>abuse</b> `in` _the_ family");
		fd_map_set(values, "theme-link", "https://example.org/a)b");
	}
	o.style_path = style;
	o.markdown_dir = mddir;
	o.placeholders = values;
	o.create_date = 0;
	o.schema_dir = schema;
	dopts.markdown_dir = mddir;
	dopts.placeholders = values;
	dopts.schema_dir = schema;
	if (size > 0 && data[0] != '<') {
		xmlDoc *tree = markdown_tree(data, size);

		doc = fd_doctree_build(tree, name, &dopts, d);
		xmlFreeDoc(tree);
	} else {
		name = "tree.xml";
		in = fd_load_memory(name, (const char *)data, size, d);
		if (in != NULL)
			doc = fd_doctree_build_input(in, &dopts, d);
		fd_input_free(in);
	}
	/* The engine takes the C tree, as render.c hands it. */
	if (doc != NULL && fd_typeset_doc(doc, name, &o, d, &pdf, &len) == 0)
		free(pdf);
	fd_doc_free(doc);
	free(fd_diags_text(d));
	fd_diags_free(d);
	return 0;
}
