/*
 * check.c: the semantic rules of SPEC.md, after the schema has passed.
 * The rooms of the checker are listed in check_int.h; this is its entry.
 *
 * What a framework adds (ESN codes, graded rows, limiting judgements) is
 * read from templates/<framework>/rules.xml; no framework is named here.
 * Every message is in the catalogue of msg.h, so wording stays in one
 * place.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_int.h"

static const char *const stage_names[] = {"draft", "factual-accuracy",
					   "pre-publication", "final"};

int
fd_stage_parse(const char *s, enum fd_stage *stage)
{
	size_t i;

	for (i = 0; i < sizeof stage_names / sizeof stage_names[0]; i++)
		if (strcmp(s, stage_names[i]) == 0) {
			*stage = (enum fd_stage)i;
			return 0;
		}
	return -1;
}

const char *
fd_stage_name(enum fd_stage stage)
{
	return stage_names[stage];
}

int
fd_stage_option(const char *command, const char *arg, enum fd_stage *stage)
{
	if (fd_stage_parse(arg, stage) == 0)
		return 0;
	fd_msg_say(command, M_BAD_STAGE, arg);
	return -1;
}

void
say(struct ctx *c, const xmlNode *node, const char *attr, enum fd_msg m, ...)
{
	va_list ap;

	va_start(ap, m);
	fd_input_vmsg(c->d, c->in, node, attr, m, ap);
	va_end(ap);
}

long
line_of(const struct ctx *c, const xmlNode *node)
{
	long line, col;

	fd_input_locate(c->in, node, &line, &col);
	return line;
}

/* Calls fn for every element below root, in document order. */
static void
walk(struct ctx *c, xmlNode *root, void (*fn)(struct ctx *, xmlNode *))
{
	xmlNode *n;

	for (n = root; n != NULL; n = fd_next_node(root, n))
		if (n->type == XML_ELEMENT_NODE)
			fn(c, n);
}

static int
load_rules(struct ctx *c, const struct fd_datadir *dd)
{
	char *rel = fd_xasprintf("%s/rules.xml", c->framework);
	char *path = fd_datadir_template(dd, rel);
	char *rng = fd_path_join(dd->templates, "schema/rules.rng");
	struct fd_input *r = NULL;
	int ok = 0;

	if (path != NULL && (r = fd_load_file(path, c->d)) != NULL &&
	    fd_validate_data(r, rng, c->d) == 0) {
		c->rules = r->doc;
		r->doc = NULL;
		c->rules_root = xmlDocGetRootElement(c->rules);
		ok = 1;
	}
	if (!ok)
		say(c, c->root, "framework", M_NO_RULES, c->framework);
	fd_input_free(r);
	free(rel);
	free(path);
	free(rng);
	return ok ? 0 : -1;
}

static void
ctx_clear(struct ctx *c)
{
	idx_free(&c->ids);
	if (c->rules)
		xmlFreeDoc(c->rules);
}

enum fd_stage
fd_inspection_stage(const struct fd_input *in)
{
	xmlNode *root = xmlDocGetRootElement(in->doc);
	xmlNode *hist = fd_child(root, "history"), *n;
	enum fd_stage stage = FD_STAGE_DRAFT, s;

	for (n = hist ? hist->children : NULL; n; n = n->next)
		if (fd_is_elem(n, "revision") && fd_attr(n, "stage") &&
		    fd_stage_parse(fd_attr(n, "stage"), &s) == 0)
			stage = s;
	return stage;
}

unsigned
fd_check(struct fd_input *in, const struct fd_datadir *dd, enum fd_stage stage,
	 struct fd_diags *d)
{
	char *rng = fd_path_join(dd->templates, "schema/inspection.rng");
	unsigned before = fd_diags_count(d, FD_ERROR) +
			  fd_diags_count(d, FD_IOERR);
	struct ctx c = {0};

	fd_input_dedent_report(in, d);
	if (fd_validate_rng(in, rng, d) != 0) {
		free(rng);
		return fd_diags_count(d, FD_ERROR) +
		       fd_diags_count(d, FD_IOERR) - before;
	}
	free(rng);
	c.in = in;
	c.d = d;
	c.stage = stage;
	c.root = xmlDocGetRootElement(in->doc);
	c.framework = fd_attr(c.root, "framework");
	if (load_rules(&c, dd) == 0) {
		walk(&c, c.root, collect_id);
		walk(&c, c.root, check_elem);
		walk(&c, c.root, check_size);
		check_frame(&c);
		check_findings(&c);
		check_judgements(&c);
		check_fa(&c);
		check_history(&c);
	}
	ctx_clear(&c);
	return fd_diags_count(d, FD_ERROR) + fd_diags_count(d, FD_IOERR) -
	       before;
}

void
fd_strv_free(char **v)
{
	size_t i;

	for (i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}
