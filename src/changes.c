/*
 * changes.c: the change report (changes.h).
 *
 * Paragraphs are compared as plain text: bold and italic are dropped, so
 * a word made bold is not a change, and the kind of block is part of
 * what must be equal, so a paragraph turned into a list item is one.
 * Every comparison spends from a budget of steps fixed here, so that two
 * long documents with nothing in common cost a second, not an hour; what
 * the budget does not cover is shown as removed and added whole, which is
 * true, only less precise.
 */
#include "changes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "diff.h"
#include "doctree_xml.h"
#include "load.h"
#include "transform.h"
#include "typeset.h"

/* Steps for aligning the paragraphs and pairing edited ones. */
#define ALIGN_STEPS 20000000L
/* Steps for all the word diffs of one report. */
#define WORD_STEPS 60000000L
/* How many added paragraphs a removed one is compared with, from the
 * first not yet paired: a paragraph edited in place is near. */
#define PAIR_WINDOW 16

/* One paragraph of a document, as compared. */
struct para {
	const char *kind; /* heading, p, item, cell, ... (static) */
	char *text;	  /* its plain text */
	int number;	  /* its paragraph number, 0 when not numbered */
	int after;	  /* the last paragraph number before it, or 0 */
	size_t heading;	  /* 1 + index of the heading it comes under, or 0 */
	const char *section; /* that heading's text (NULL: none), once all
				are collected */
	unsigned id;	  /* equal kind and text, equal id */
	unsigned *words;  /* its words' hashes, sorted (fd_word_hashes) */
	size_t nwords;	  /* entries in words */
};

/* The paragraphs of one document. */
struct paras {
	struct para *v;	 /* in reading order */
	size_t n, cap;	 /* used and allocated */
	int last;	 /* the last paragraph number met */
	size_t heading;	 /* 1 + index of the last heading met, or 0 */
};

/* Adds a paragraph, taking text; an empty one prints nothing and is
 * dropped. */
static void
add_para(struct paras *s, const char *kind, char *text, int number)
{
	struct para *p;

	if (*text == '\0') {
		free(text);
		return;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->v = fd_xreallocarray(s->v, s->cap, sizeof *s->v);
	}
	p = &s->v[s->n++];
	memset(p, 0, sizeof *p);
	p->kind = kind;
	p->text = text;
	p->number = number;
	p->after = s->last;
	if (number > 0)
		s->last = number;
	if (strcmp(kind, "heading") == 0)
		s->heading = s->n;
	p->heading = s->heading;
}

/* The paragraphs of n and everything in it; kind is what a paragraph
 * is where n stands (p at body level, item in a list, ...). */
static void
collect(struct paras *s, const struct fd_node *n, const char *kind)
{
	struct fd_buf b = {0};
	size_t i;

	switch (n->kind) {
	case FD_NODE_HEADING:
		add_para(s, "heading", fd_node_text(n), 0);
		return;
	case FD_NODE_PARA:
	case FD_NODE_CODE:
		add_para(s, kind, fd_node_text(n), n->number);
		return;
	case FD_NODE_LINE:
		add_para(s, "address", fd_node_text(n), 0);
		return;
	case FD_NODE_CHECKBOX: {
		char *t = fd_node_text(n);

		fd_buf_adds(&b, n->flags & FD_CHECKED ? "[x] " : "[ ] ");
		fd_buf_adds(&b, t);
		free(t);
		add_para(s, "checkbox", fd_buf_steal(&b), 0);
		return;
	}
	case FD_NODE_SIGNATORY:
		fd_buf_adds(&b, n->name ? n->name : "");
		if (n->title != NULL)
			fd_buf_addf(&b, ", %s", n->title);
		if (n->organisation != NULL)
			fd_buf_addf(&b, ", %s", n->organisation);
		add_para(s, "signatory", fd_buf_steal(&b), 0);
		return;
	case FD_NODE_ITEM:
		kind = "item";
		break;
	case FD_NODE_CELL:
		kind = "cell";
		break;
	case FD_NODE_QUOTE:
		kind = "quote";
		break;
	default:
		break;
	}
	for (i = 0; i < n->nkids; i++)
		collect(s, n->kids[i], kind);
}

static void
paras_free(struct paras *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->v[i].text);
		free(s->v[i].words);
	}
	free(s->v);
}

/* ------------------------------------------------------------- XML */

/* The length of the UTF-8 character at s with *cp its code point, or 0
 * when the bytes are not one (a bad or overlong sequence, a surrogate). */
static size_t
utf8_char(const unsigned char *s, unsigned *cp)
{
	size_t n, i;
	unsigned c = s[0], min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, min = 0x80, c &= 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, min = 0x800, c &= 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, min = 0x10000, c &= 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* Appends s with what XML gives meaning escaped (for text and for
 * attribute values in double quotes). What XML cannot carry becomes
 * U+FFFD, as the engine prints it: a control character (DEL too: our
 * loader refuses it), U+FFFE, U+FFFF,
 * or a byte that is not UTF-8 (cmark 0.30.2 writes &#xFFFE; in Markdown
 * as the lone byte 0xFE). */
static void
esc(struct fd_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned cp;
	size_t n;

	while (*p != '\0') {
		n = utf8_char(p, &cp);
		if (n == 0 || (cp < 0x20 && cp != '\t' && cp != '\n' &&
				cp != '\r') ||
		    cp == 0x7f || cp == 0xfffe || cp == 0xffff) {
			fd_buf_adds(b, "\xef\xbf\xbd");
			p += n ? n : 1;
			continue;
		}
		if (fd_buf_add_markup_escape(b, (int)cp)) {
			p += n;
			continue;
		}
		switch (cp) {
		case '\t':
		case '\n':
		case '\r':
			fd_buf_addc(b, ' ');
			break;
		default:
			fd_buf_add(b, p, n);
		}
		p += n;
	}
}

/* The same keeping line breaks: the text is Markdown. */
static void
esc_lines(struct fd_buf *b, const char *s)
{
	const char *nl;

	while ((nl = strchr(s, '\n')) != NULL) {
		char *line = fd_xstrndup(s, (size_t)(nl - s));

		esc(b, line);
		fd_buf_addc(b, '\n');
		free(line);
		s = nl + 1;
	}
	esc(b, s);
}

/* Appends name="value" when value is given. */
static void
attr(struct fd_buf *b, const char *name, const char *value)
{
	if (value == NULL)
		return;
	fd_buf_addf(b, " %s=\"", name);
	esc(b, value);
	fd_buf_addc(b, '"');
}

static void
attr_int(struct fd_buf *b, const char *name, int value)
{
	if (value > 0)
		fd_buf_addf(b, " %s=\"%d\"", name, value);
}

/* The last part of a path: the report names files, not folders. */
static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static void
put_side(struct fd_buf *b, const char *el, const struct fd_changes_side *s)
{
	fd_buf_addf(b, "  <%s", el);
	attr(b, "file", base_name(s->file));
	attr(b, "ref", s->ref);
	attr(b, "revision", s->revision);
	attr(b, "revision-stage", s->revision_stage);
	attr(b, "revision-date", s->revision_date);
	fd_buf_adds(b, "/>\n");
}

/* One stretch of a paragraph: <same>, <del> or <ins>. */
static void
put_stretch(struct fd_buf *b, enum fd_edit e, const char *text)
{
	static const char *const el[] = {"same", "del", "ins"};

	fd_buf_addf(b, "<%s>", el[e]);
	esc(b, text);
	fd_buf_addf(b, "</%s>", el[e]);
}

/* What became of the paragraph a comment cites. */
enum result {
	RESULT_MISSING,	  /* the old document has no such paragraph */
	RESULT_UNCHANGED, /* it is there, word for word, in the new */
	RESULT_CHANGED,	  /* it was edited */
	RESULT_REMOVED	  /* it was taken out */
};

/* One <cite id="..."/>. */
static void
attr_cite(struct fd_buf *b, const char *id)
{
	fd_buf_adds(b, "<cite");
	attr(b, "id", id);
	fd_buf_adds(b, "/>");
}

/* The report being written. */
struct report {
	struct fd_buf b;	  /* the XML so far */
	size_t unchanged;	  /* unchanged paragraphs since the last change */
	const char *section;	  /* the heading of the last change */
	int changes;		  /* changes written so far */
	long words;		  /* steps left for word diffs */
	const struct fd_changes_what *what; /* the comments among it */
	enum result *result;	  /* what became of each comment's paragraph */
	int placed;		  /* the old document numbers its paragraphs */
};

/* Whether comment c asks for its paragraph to change: accepted, or
 * accepted in part. */
static int
asks_change(const struct fd_changes_comment *c)
{
	return c->outcome != NULL && (strcmp(c->outcome, "accepted") == 0 ||
				      strcmp(c->outcome, "partly-accepted") == 0);
}

/* Whether any comment accepted in whole or part cites old paragraph n. */
static int
requested(const struct report *r, int n)
{
	size_t i;

	for (i = 0; n > 0 && i < r->what->ncomments; i++)
		if (r->what->comments[i].para == n &&
		    asks_change(&r->what->comments[i]))
			return 1;
	return 0;
}

/* Records what became of old paragraph n (res) for the comments citing
 * it. */
static void
mark(struct report *r, int n, enum result res)
{
	size_t i;

	for (i = 0; n > 0 && i < r->what->ncomments; i++)
		if (r->what->comments[i].para == n && r->result[i] < res)
			r->result[i] = res;
}

/* The <cite> of every comment on old paragraph n. */
static void
put_cites(struct report *r, int n)
{
	size_t i;

	for (i = 0; n > 0 && i < r->what->ncomments; i++)
		if (r->what->comments[i].para == n)
			attr_cite(&r->b, r->what->comments[i].id);
}

/* The opening tag of a paragraph of the report; o or n may be NULL. A
 * change carries what a reader needs to place it: the heading it comes
 * under (and whether it is the first change there), and how many
 * unchanged paragraphs come between it and the change before. */
static void
open_para(struct report *r, const char *status, const struct para *o,
	  const struct para *n, int split)
{
	const struct para *p = n ? n : o;
	struct fd_buf *b = &r->b;
	int cited;

	fd_buf_adds(b, "  <para");
	attr(b, "kind", p->kind);
	attr(b, "status", status);
	if (o != NULL) {
		attr_int(b, "old-n", o->number);
		if (o->number == 0)
			attr_int(b, "old-after", o->after);
	}
	if (n != NULL) {
		attr_int(b, "new-n", n->number);
		if (n->number == 0)
			attr_int(b, "new-after", n->after);
	}
	attr(b, "section", p->section);
	if (o != NULL && o->number > 0)
		mark(r, o->number,
		     strcmp(status, "same") == 0	  ? RESULT_UNCHANGED
		     : strcmp(status, "removed") == 0 ? RESULT_REMOVED
						      : RESULT_CHANGED);
	/* An added paragraph cites no comment: one on the paragraph it
	 * follows may be about anything in it. */
	cited = o != NULL ? o->number : 0;
	if (strcmp(status, "same") == 0) {
		r->unchanged++;
	} else {
		if (r->placed && !requested(r, cited))
			attr(b, "own", "yes");
		if (r->changes == 0 || (p->section == NULL) !=
					       (r->section == NULL) ||
		    (p->section && strcmp(p->section, r->section) != 0))
			attr(b, "first-in-section", "yes");
		attr_int(b, "unchanged-before", (int)r->unchanged);
		r->unchanged = 0;
		r->section = p->section;
		r->changes++;
	}
	if (split)
		attr(b, "split", "yes");
	fd_buf_addc(b, '>');
	if (strcmp(status, "same") != 0)
		put_cites(r, cited);
}

static void
put_whole(struct report *r, const char *status, const struct para *o,
	  const struct para *n)
{
	open_para(r, status, o, n, 0);
	if (n != NULL && o != NULL)
		put_stretch(&r->b, FD_EDIT_SAME, n->text);
	else if (n != NULL)
		put_stretch(&r->b, FD_EDIT_INS, n->text);
	else
		put_stretch(&r->b, FD_EDIT_DEL, o->text);
	fd_buf_adds(&r->b, "</para>\n");
}

/* An edited paragraph, word by word. A pair whose words together would
 * be longer than the engine prints in one paragraph is shown whole,
 * old then new, as two. */
static void
put_changed(struct report *r, const struct para *o, const struct para *n)
{
	struct fd_wdiff *w = NULL;
	size_t nw = fd_word_diff(o->text, n->text, &r->words, &w), i;
	size_t len = 0;
	int split;

	for (i = 0; i < nw; i++)
		len += strlen(w[i].text);
	split = len > FD_MAX_BLOCK_TEXT;
	open_para(r, "changed", o, n, split);
	if (split) {
		put_stretch(&r->b, FD_EDIT_DEL, o->text);
		put_stretch(&r->b, FD_EDIT_INS, n->text);
	} else {
		for (i = 0; i < nw; i++)
			put_stretch(&r->b, w[i].edit, w[i].text);
	}
	fd_buf_adds(&r->b, "</para>\n");
	fd_wdiff_free(w, nw);
}

/* ------------------------------------------------------- alignment */

/*
 * A stretch of removed paragraphs ro[0..nr) and added ones an[0..na)
 * between two unchanged ones: each removed paragraph is paired with the
 * most alike of the next PAIR_WINDOW added ones not yet paired, if any
 * is alike enough, and shown as changed; the rest as removed or added,
 * in reading order.
 */
static void
put_hunk(struct report *r, const struct para *ro, size_t nr,
	 const struct para *an, size_t na, long *align)
{
	size_t i, j = 0, k;

	for (i = 0; i < nr; i++) {
		size_t best = na;
		double top = FD_CHANGES_ALIKE;
		int low;

		/* One paragraph in place of one of its kind: rewritten. */
		if (nr == 1 && na == 1 && strcmp(ro->kind, an->kind) == 0)
			top = FD_CHANGES_ALIKE_ONE;
		/* A paragraph a comment asked to change was rewritten, not
		 * replaced, when one of its kind stands near it. */
		low = requested(r, ro[i].number) &&
		      top > FD_CHANGES_ALIKE_CITED;
		if (low)
			top = FD_CHANGES_ALIKE_CITED;

		for (k = j; k < na && k < j + PAIR_WINDOW; k++) {
			double s;

			*align -= (long)(ro[i].nwords + an[k].nwords + 1);
			if (*align < 0)
				break;
			s = fd_word_similarity(ro[i].words, ro[i].nwords,
					       an[k].words, an[k].nwords);
			if (s >= top && (best == na || s > top) &&
			    (!low || strcmp(ro[i].kind, an[k].kind) == 0)) {
				best = k;
				top = s;
			}
		}
		if (best == na) {
			put_whole(r, "removed", &ro[i], NULL);
			continue;
		}
		for (; j < best; j++)
			put_whole(r, "added", NULL, &an[j]);
		put_changed(r, &ro[i], &an[best]);
		j = best + 1;
	}
	for (; j < na; j++)
		put_whole(r, "added", NULL, &an[j]);
}

/* Numbers each paragraph by kind and text, and hashes its words. */
static unsigned *
ids(struct paras *s, struct fd_intern *t)
{
	unsigned *v = fd_xreallocarray(NULL, s->n + 1, sizeof *v);
	struct fd_buf key = {0};
	size_t i;

	for (i = 0; i < s->n; i++) {
		struct para *p = &s->v[i];

		key.len = 0;
		fd_buf_adds(&key, p->kind);
		fd_buf_addc(&key, '\x1f');
		fd_buf_adds(&key, p->text);
		p->id = v[i] = fd_intern(t, key.data, key.len);
		p->section = p->heading ? s->v[p->heading - 1].text : NULL;
		p->nwords = fd_word_hashes(p->text, &p->words);
	}
	fd_buf_free(&key);
	return v;
}

/* Every comment with what became of its paragraph; a warning through d
 * for one accepted whose paragraph did not change. */
static void
put_comments(struct report *r, int placed, struct fd_diags *d)
{
	static const char *const words[] = {"missing", "unchanged", "changed",
					    "removed"};
	const struct fd_changes_what *w = r->what;
	size_t i;

	/* Paragraph numbers exist only at the draft and factual accuracy
	 * stages: at another, a comment cannot be placed, and saying that
	 * each accepted one changed nothing would be false. */
	if (!placed && w->ncomments > 0 && d != NULL)
		fd_msg(d, M_CHANGES_UNNUMBERED, w->comments[0].file, 0, 0,
		       w->doc, w->stage);
	for (i = 0; i < w->ncomments; i++) {
		const struct fd_changes_comment *c = &w->comments[i];
		int warn = placed && asks_change(c) &&
			   (r->result[i] == RESULT_MISSING ||
			    r->result[i] == RESULT_UNCHANGED);

		fd_buf_adds(&r->b, "  <comment");
		attr(&r->b, "id", c->id);
		attr_int(&r->b, "para", c->para);
		attr(&r->b, "from", c->from);
		attr(&r->b, "outcome", c->outcome);
		attr(&r->b, "by", c->by);
		attr(&r->b, "result",
		     placed ? words[r->result[i]] : "unplaced");
		if (warn)
			attr(&r->b, "warn", "yes");
		fd_buf_adds(&r->b, "><text>");
		esc_lines(&r->b, c->text ? c->text : "");
		fd_buf_adds(&r->b, "</text>");
		if (c->reason != NULL) {
			fd_buf_adds(&r->b, "<reason>");
			esc_lines(&r->b, c->reason);
			fd_buf_adds(&r->b, "</reason>");
		}
		fd_buf_adds(&r->b, "</comment>\n");
		if (!warn || d == NULL)
			continue;
		if (r->result[i] == RESULT_MISSING)
			fd_msg(d, M_FA_NO_PARA, c->file, c->line, c->col, c->id,
			       c->outcome, w->doc, c->para);
		else
			fd_msg(d, M_FA_UNCHANGED, c->file, c->line, c->col,
			       c->id, c->outcome, c->para, w->doc);
	}
}

char *
fd_changes_xml(const struct fd_changes_side *before,
	       const struct fd_changes_side *after,
	       const struct fd_changes_what *what, struct fd_diags *d)
{
	struct paras po = {0}, pn = {0};
	struct fd_intern *t = fd_intern_new();
	struct report r = {{0}, 0, NULL, 0, WORD_STEPS, what, NULL,
			   before->doc->numbered};
	unsigned *io, *in;
	unsigned char *ops = NULL;
	size_t nops = 0, i, x = 0, y = 0;
	long align = ALIGN_STEPS;

	r.result = fd_xcalloc(what->ncomments + 1, sizeof *r.result);
	collect(&po, before->doc->body, "p");
	collect(&pn, after->doc->body, "p");
	io = ids(&po, t);
	in = ids(&pn, t);
	if (fd_diff_seq(io, po.n, in, pn.n, &align, &ops, &nops) != 0) {
		/* Too different to align: all out, all in, paired where
		 * alike. */
		ops = fd_xmalloc(po.n + pn.n + 1);
		nops = 0;
		for (i = 0; i < po.n; i++)
			ops[nops++] = FD_EDIT_DEL;
		for (i = 0; i < pn.n; i++)
			ops[nops++] = FD_EDIT_INS;
		align = ALIGN_STEPS;
	}

	fd_buf_adds(&r.b,
		    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<changes");
	attr(&r.b, "doc", what->doc);
	attr(&r.b, "stage", what->stage);
	attr(&r.b, "framework", what->framework);
	attr(&r.b, "title", after->doc->title);
	attr(&r.b, "numbered",
	     before->doc->numbered || after->doc->numbered ? "yes" : "no");
	fd_buf_adds(&r.b, ">\n");
	put_side(&r.b, "old", before);
	put_side(&r.b, "new", after);
	for (i = 0; i < nops;) {
		size_t x0 = x, y0 = y;

		if (ops[i] == FD_EDIT_SAME) {
			put_whole(&r, "same", &po.v[x], &pn.v[y]);
			x++;
			y++;
			i++;
			continue;
		}
		for (; i < nops && ops[i] != FD_EDIT_SAME; i++) {
			if (ops[i] == FD_EDIT_DEL)
				x++;
			else
				y++;
		}
		put_hunk(&r, po.v + x0, x - x0, pn.v + y0, y - y0, &align);
	}
	/* The unchanged paragraphs after the last change. */
	fd_buf_addf(&r.b, "  <end unchanged=\"%zu\"/>\n", r.unchanged);
	put_comments(&r, before->doc->numbered, d);
	fd_buf_adds(&r.b, "</changes>\n");
	free(r.result);

	free(ops);
	free(io);
	free(in);
	fd_intern_free(t);
	paras_free(&po);
	paras_free(&pn);
	return fd_buf_steal(&r.b);
}

/* ----------------------------------------------------------- output */

int
fd_changes_write(const char *xml, const struct fd_datadir *dd,
		 const struct fd_changes_out *o, struct fd_diags *d)
{
	struct fd_transform_env env = {NULL, NULL, NULL};
	struct fd_typeset_opts to = {0};
	struct fd_doctree_opts dopts = {0};
	struct fd_doc *doc = NULL;
	struct fd_transform *t = NULL;
	struct fd_input *in = NULL;
	struct fd_map *values = fd_map_new();
	char *xsl, *mddir = NULL, *schema = NULL, *style = NULL;
	char *bytes = NULL;
	xmlChar *dump = NULL;
	xmlDoc *tree = NULL;
	size_t len = 0;
	int rc = -1, n;

	if ((xsl = fd_datadir_template(dd, "common/changes.xsl")) == NULL) {
		fd_msg(d, M_NO_CHANGES_XSL, dd->templates, 0, 0);
		goto out;
	}
	if ((in = fd_load_memory("comparison.xml", xml, strlen(xml), d)) ==
	    NULL)
		goto out;
	if ((t = fd_transform_new(xsl, dd->templates, d)) == NULL ||
	    (tree = fd_transform_run(t, in, NULL, &env, d)) == NULL)
		goto out;
	if (fd_ends_with(o->path, ".xml")) {
		xmlDocDumpFormatMemoryEnc(tree, &dump, &n, "UTF-8", 1);
		if (dump == NULL || n <= 0 ||
		    fd_write_out(o->path, (const char *)dump, (size_t)n, d) != 0)
			goto out;
		rc = 0;
		goto out;
	}
	mddir = fd_path_join(dd->templates, "common");
	schema = fd_path_join(dd->templates, "schema");
	style = fd_datadir_style(dd, o->style);
	fd_map_set(values, "doc", o->doc);
	dopts.markdown_dir = mddir;
	dopts.placeholders = values;
	dopts.schema_dir = schema;
	to.style_path = style;
	to.create_date = o->created;
	to.schema_dir = schema;
	if ((doc = fd_doctree_build(tree, xsl, &dopts, d)) == NULL ||
	    fd_typeset_doc(doc, xsl, &to, d, &bytes, &len) != 0 ||
	    fd_write_out(o->path, bytes, len, d) != 0)
		goto out;
	rc = 0;
out:
	fd_doc_free(doc);
	free(bytes);
	xmlFree(dump);
	if (tree != NULL)
		xmlFreeDoc(tree);
	fd_transform_free(t);
	fd_input_free(in);
	fd_map_free(values);
	free(style);
	free(schema);
	free(mddir);
	free(xsl);
	return rc;
}
