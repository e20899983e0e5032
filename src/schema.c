/*
 * schema.c: RELAX NG validation with messages a person can act on.
 *
 * libxml2's validator repeats itself ("failed to validate attributes",
 * "Expecting an element X, got nothing" after the real cause); we keep the
 * first message for each element and rephrase the common ones.
 */
#include <libxml/relaxng.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

struct collect {
	const struct fd_input *in; /* the file validated */
	struct fd_diags *d;	   /* where messages go */
	const xmlNode *last;	   /* element of the last message kept */
	unsigned errors;	   /* messages kept */
	int schema_broken;	   /* the schema itself failed to load */
};

static int
noise(const char *msg)
{
	return strstr(msg, "failed to validate attributes") != NULL ||
	       strstr(msg, "Element interleave") != NULL ||
	       strstr(msg, "Invalid sequence in interleave") != NULL ||
	       strstr(msg, "Extra element") != NULL ||
	       strstr(msg, "Expecting element") != NULL ||
	       strstr(msg, "failed to validate content") != NULL;
}

static void
on_error(void *ctx, xmlErrorPtr err)
{
	struct collect *c = ctx;
	const xmlNode *node = err->node;
	char *msg;
	size_t n;

	if (err->level < XML_ERR_ERROR || err->message == NULL)
		return;
	msg = fd_xstrdup(err->message);
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	if (node != NULL && node == c->last) {
		free(msg);
		return;
	}
	if (noise(msg) && c->errors > 0) {
		free(msg);
		return;
	}
	c->last = node;
	c->errors++;
	if (node && node->type == XML_ELEMENT_NODE) {
		const char *a;

		/* "Invalid attribute x for element y" and "Element y
		 * failed to validate attributes": point at the attribute. */
		if (strncmp(msg, "Invalid attribute ", 18) == 0) {
			char *name = fd_xstrdup(msg + 18);
			char *sp = strchr(name, ' ');

			if (sp)
				*sp = '\0';
			fd_input_diag(c->d, c->in, node, name, FD_ERROR,
				      "attribute '%s' is not allowed on <%s>",
				      name, (const char *)node->name);
			free(name);
		} else if ((a = strstr(msg, "Did not expect element ")) != NULL) {
			fd_input_diag(c->d, c->in, node, NULL, FD_ERROR,
				      "element <%s> is not allowed here",
				      (const char *)node->name);
		} else if (strstr(msg, "Did not expect text") != NULL) {
			fd_input_diag(c->d, c->in, node, NULL, FD_ERROR,
				      "text is not allowed in <%s>",
				      (const char *)node->name);
		} else {
			fd_input_diag(c->d, c->in, node, NULL, FD_ERROR,
				      "<%s>: %s", (const char *)node->name, msg);
		}
	} else {
		fd_diag(c->d, FD_ERROR, c->in->path, err->line, 0, "%s", msg);
	}
	free(msg);
}

static void
on_schema_error(void *ctx, xmlErrorPtr err)
{
	struct collect *c = ctx;

	if (err->level >= XML_ERR_ERROR)
		c->schema_broken = 1;
}

unsigned
fd_validate_rng(const struct fd_input *in, const char *rng_path,
		struct fd_diags *d)
{
	struct collect c = {in, d, NULL, 0, 0};
	xmlRelaxNGParserCtxtPtr pctxt;
	xmlRelaxNGPtr schema = NULL;
	xmlRelaxNGValidCtxtPtr vctxt;

	pctxt = xmlRelaxNGNewParserCtxt(rng_path);
	xmlRelaxNGSetParserStructuredErrors(pctxt, on_schema_error, &c);
	if (pctxt)
		schema = xmlRelaxNGParse(pctxt);
	xmlRelaxNGFreeParserCtxt(pctxt);
	if (schema == NULL || c.schema_broken) {
		fd_diag(d, FD_IOERR, rng_path, 0, 0, "cannot load the schema");
		xmlRelaxNGFree(schema);
		return 1;
	}
	vctxt = xmlRelaxNGNewValidCtxt(schema);
	xmlRelaxNGSetValidStructuredErrors(vctxt, on_error, &c);
	if (xmlRelaxNGValidateDoc(vctxt, in->doc) != 0 && c.errors == 0) {
		fd_diag(d, FD_ERROR, in->path, 1, 1,
			"the file does not follow the schema %s", rng_path);
		c.errors = 1;
	}
	xmlRelaxNGFreeValidCtxt(vctxt);
	xmlRelaxNGFree(schema);
	return c.errors;
}
