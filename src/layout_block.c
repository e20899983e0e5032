/*
 * layout_block.c: the tree's blocks as a flow. Each block becomes items,
 * each an unbreakable strip (one line of a paragraph, one band of table
 * rows) with the space above it, whether a page may break before it
 * (glue: widows and orphans, keeps, headings with what follows), and its
 * operations relative to its top.
 */
#include "layout_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct item *
flow_add(struct flow *f, double h)
{
	struct item *it;

	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 32;
		f->items = fd_xreallocarray(f->items, f->cap, sizeof *f->items);
	}
	it = &f->items[f->n++];
	memset(it, 0, sizeof *it);
	it->h = h;
	it->gap = f->pending;
	it->glue = f->glue_next ? 1 : 0;
	it->force = f->force_next ? 1 : 0;
	it->baseline = -1;
	f->pending = 0;
	f->glue_next = 0;
	f->force_next = 0;
	return it;
}

void
flow_free(struct flow *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		oplist_free(&f->items[i].ops);
		oplist_free(&f->items[i].post);
		free(f->items[i].rules);
	}
	free(f->items);
	memset(f, 0, sizeof *f);
}

void
block_begin(struct flow *f, double before)
{
	if (before > f->pending)
		f->pending = before;
}

/* Operations after a block's last item: after a band's, when it is one. */
static struct fd_oplist *
item_tail(struct item *it)
{
	return it->band ? &it->post : &it->ops;
}

/* The items of a block, [first, f->n): keeps. */
void
block_end(struct flow *f, size_t first, unsigned flags, double after)
{
	size_t i;

	if (flags & FD_KEEP_TOGETHER)
		for (i = first + 1; i < f->n; i++)
			f->items[i].glue = 1;
	if ((flags & FD_KEEP_WITH_NEXT) && f->n > first)
		f->glue_next = 1;
	f->pending = after;
}

/* Adds t's lines as items, the block's tag around them and a label
 * (a paragraph number, a list label) on the first line. */
void
emit_text(struct lay *L, struct flow *f, const struct text *t, double x,
	  const char *tag, const struct text *label, double label_x,
	  int keep)
{
	int i;

	for (i = 0; i < t->nlines; i++) {
		struct item *it = flow_add(f, t->pitch);

		it->baseline = t->base;
		if (i > 0 && (keep || i < L->st->orphans ||
			      t->nlines - i < L->st->widows))
			it->glue = 1;
		if (i == 0 && tag)
			op_tag(&it->ops, FD_OP_BEGIN, tag);
		if (i == 0 && label) {
			if (tag)
				op_tag(&it->ops, FD_OP_BEGIN, "Span");
			line_ops(L, &it->ops, label, 0, label_x, t->base, 0);
			if (tag)
				op_tag(&it->ops, FD_OP_END, "Span");
		}
		line_ops(L, &it->ops, t, i, i > 0 ? x + t->hang : x, t->base,
			 1);
		if (i == t->nlines - 1 && tag)
			op_tag(&it->ops, FD_OP_END, tag);
	}
}

static struct font
heading_font(const struct lay *L, int level)
{
	const struct fd_style_heading *h = &L->st->h[level - 1];
	struct font f = {L->st->family, h->size, 1, h->size * h->line_height,
			 L->st->colour};

	return f;
}

/* A short label (a number, a bullet) laid out on one line. */
static struct text *
label_new(struct lay *L, const char *s, const struct font *f)
{
	struct fd_run run = {(char *)s, 0, NULL};

	return text_new(L, &run, 1, NULL, f, 10000, NULL);
}

static void
emit_heading(struct lay *L, struct flow *f, const struct fd_node *n, double x,
	     double w)
{
	static const char *const tags[] = {"H1", "H2", "H3"};
	int level = n->level >= 1 && n->level <= 3 ? n->level : 3;
	struct font font = heading_font(L, level);
	const struct fd_style_heading *h = &L->st->h[level - 1];
	struct text *t;
	size_t first = f->n;
	struct fd_op *o;

	if (n->nruns == 0)
		return;
	t = text_new(L, n->runs, n->nruns, NULL, &font, w, n);
	block_begin(f, h->before);
	emit_text(L, f, t, x, tags[level - 1], NULL, 0, 1);
	o = op_add(&f->items[first].ops, FD_OP_BOOKMARK);
	o->text = pool_string(L, fd_node_text(n));
	o->x = x;
	o->y = 0;
	o->level = level;
	block_end(f, first, n->flags | FD_KEEP_WITH_NEXT, h->after);
	text_free(t);
}

/* A paragraph-like block: p, code, checkbox, address. */
static void
emit_para(struct lay *L, struct flow *f, const struct fd_node *n, double x,
	  double w, int body)
{
	struct font font = body_font(L);
	struct text *t, *label = NULL;
	const char *prefix = NULL;
	const struct fd_run *runs = n->runs;
	size_t nruns = n->nruns, first = f->n;
	unsigned flags = n->flags;
	double tx = x, tw = w;

	if (n->kind == FD_NODE_CHECKBOX)
		prefix = n->flags & FD_CHECKED ? "\xe2\x98\x91\xc2\xa0"
					       : "\xe2\x98\x90\xc2\xa0";
	if (n->kind == FD_NODE_CODE)
		font.family = L->st->mono;
	if (nruns == 0 && prefix == NULL)
		return;
	if (body && n->number > 0) {
		char num[16];

		snprintf(num, sizeof num, "%d.", n->number);
		label = label_new(L, num, &font);
		/* A number wider than the indent pushes the text right. */
		tx = x + L->st->number_indent;
		if (x + text_width(label) + font.size / 2 > tx)
			tx = x + text_width(label) + font.size / 2;
		tw = w - (tx - x);
	}
	t = text_new(L, runs, nruns, prefix, &font, tw, n);
	block_begin(f, 0);
	emit_text(L, f, t, tx, "P", label, x, (flags & FD_KEEP_TOGETHER) != 0);
	block_end(f, first, flags, L->space);
	text_free(t);
	text_free(label);
}

/* The addressees: a paragraph a line, so each is one element of the
 * structure and one person to a screen reader, without space between
 * them; a line too long for the measure hangs under its first words. The
 * block is kept together. */
static void
emit_address(struct lay *L, struct flow *f, const struct fd_node *n,
	     double x, double w)
{
	struct font font = body_font(L);
	double hang = 2 * font.size;
	size_t first = f->n, k;

	block_begin(f, 0);
	for (k = 0; k < n->nkids; k++) {
		const struct fd_node *ln = n->kids[k];
		struct text *t;

		if (ln->nruns == 0)
			continue;
		/* Pango hangs the lines after the first (a negative indent)
		 * and wraps them to the narrower measure, in the letter's
		 * direction, not the name's: a line that starts with an
		 * Arabic name is still an English line. */
		t = text_new_hung(L, ln->runs, ln->nruns, &font, w, hang, ln);
		emit_text(L, f, t, x, "P", NULL, 0, 1);
		text_free(t);
		f->pending = 0;
	}
	block_end(f, first, n->flags | FD_KEEP_TOGETHER, L->space);
}

/* Bullets by depth, and numbers as 1., a., i. */
static char *
list_label(const struct fd_node *list, size_t k, int depth)
{
	static const char *const bullets[] = {"\xe2\x80\xa2", "\xe2\x80\x93",
					      "\xe2\x96\xaa"};
	long n = (long)list->start + (long)k;

	if (!(list->flags & FD_ORDERED))
		return fd_xstrdup(bullets[depth % 3]);
	if (depth % 3 == 1 && n >= 1) {
		struct fd_buf b = {0};
		char tmp[16];
		int i = 0;

		/* Bijective base 26: a … z, aa … */
		while (n > 0 && i < 15) {
			n--;
			tmp[i++] = (char)('a' + n % 26);
			n /= 26;
		}
		while (i > 0)
			fd_buf_addc(&b, tmp[--i]);
		fd_buf_addc(&b, '.');
		return fd_buf_steal(&b);
	}
	if (depth % 3 == 2 && n >= 1 && n < 4000) {
		static const char *const r[] = {"m", "cm", "d", "cd", "c", "xc",
						"l", "xl", "x", "ix", "v", "iv",
						"i"};
		static const int v[] = {1000, 900, 500, 400, 100, 90, 50,
					40,   10,  9,	5,   4,	  1};
		struct fd_buf b = {0};
		size_t i;

		for (i = 0; i < 13; i++)
			while (n >= v[i]) {
				fd_buf_adds(&b, r[i]);
				n -= v[i];
			}
		fd_buf_addc(&b, '.');
		return fd_buf_steal(&b);
	}
	return fd_xasprintf("%ld.", n);
}

static void
emit_list(struct lay *L, struct flow *f, const struct fd_node *n, double x,
	  double w, int depth)
{
	struct font font = body_font(L);
	double indent = L->st->list_indent, space = L->space;
	size_t k, list_first = f->n;
	struct text **labels;

	if (n->nkids == 0)
		return;
	labels = fd_xcalloc(n->nkids, sizeof *labels);
	for (k = 0; k < n->nkids; k++) {
		char *s = list_label(n, k, depth);
		double lw;

		labels[k] = label_new(L, s, &font);
		free(s);
		lw = text_width(labels[k]) + font.size / 2;
		if (lw > indent)
			indent = lw;
	}
	if (indent > w / 2)
		indent = w / 2;
	block_begin(f, 0);
	for (k = 0; k < n->nkids; k++) {
		const struct fd_node *item = n->kids[k];
		size_t first = f->n;
		struct fd_oplist pre = {0};
		struct item *it;
		double base, lx, lw;

		if (k > 0)
			f->pending = L->st->item_space;
		/* Blocks inside an item are as close as items. */
		L->space = L->st->item_space;
		emit_blocks(L, f, item->kids, item->nkids, x + indent,
			    w - indent, depth + 1, 0);
		L->space = space;
		if (f->n == first) {
			/* An empty item still shows its label. */
			it = flow_add(f, font.pitch);
			it->baseline = (font.pitch - (labels[k]->m->asc +
						      labels[k]->m->desc)) /
					       2 +
				       labels[k]->m->asc;
		}
		it = &f->items[first];
		base = it->baseline >= 0 ? it->baseline : labels[k]->base;
		if (k == 0)
			op_tag(&pre, FD_OP_BEGIN, "L");
		op_tag(&pre, FD_OP_BEGIN, "LI");
		op_tag(&pre, FD_OP_BEGIN, "Lbl");
		/* Numbers end before the text; bullets sit near the edge. */
		lw = text_width(labels[k]);
		lx = n->flags & FD_ORDERED ? x + indent - font.size / 2 - lw
					   : x + (indent - lw) / 4;
		line_ops(L, &pre, labels[k], 0, lx, base, 0);
		op_tag(&pre, FD_OP_END, "Lbl");
		op_tag(&pre, FD_OP_BEGIN, "LBody");
		op_prepend(&it->ops, &pre);
		oplist_free(&pre);
		it = &f->items[f->n - 1];
		op_tag(item_tail(it), FD_OP_END, "LBody");
		op_tag(item_tail(it), FD_OP_END, "LI");
		if (k + 1 == n->nkids)
			op_tag(item_tail(it), FD_OP_END, "L");
		block_end(f, first, item->flags, L->st->item_space);
	}
	block_end(f, list_first, n->flags, L->space);
	for (k = 0; k < n->nkids; k++)
		text_free(labels[k]);
	free(labels);
}

static void
emit_quote(struct lay *L, struct flow *f, const struct fd_node *n, double x,
	   double w, int depth)
{
	double in = L->st->quote_rule + L->st->quote_indent;
	size_t first = f->n, i;
	struct fd_oplist pre = {0};

	block_begin(f, 0);
	emit_blocks(L, f, n->kids, n->nkids, x + in, w - in, depth, 0);
	if (f->n == first)
		return;
	for (i = first; i < f->n; i++) {
		struct item *it = &f->items[i];

		it->rules = fd_xreallocarray(it->rules, it->nrules + 1,
					     sizeof *it->rules);
		it->rules[it->nrules].x = x;
		it->rules[it->nrules].w = L->st->quote_rule;
		it->rules[it->nrules].colour = L->st->quote_colour;
		it->rules[it->nrules++].extend = i > first;
	}
	op_tag(&pre, FD_OP_BEGIN, "BlockQuote");
	op_prepend(&f->items[first].ops, &pre);
	oplist_free(&pre);
	op_tag(item_tail(&f->items[f->n - 1]), FD_OP_END, "BlockQuote");
	block_end(f, first, n->flags, L->space);
}

static void
emit_signatures(struct lay *L, struct flow *f, const struct fd_node *n,
		double x, double w)
{
	struct font font = body_font(L);
	double gutter = L->st->size * 2, cw = (w - gutter) / 2;
	size_t k, first = f->n;

	block_begin(f, L->space);
	for (k = 0; k < n->nkids; k += 2) {
		struct text *t[2] = {NULL, NULL};
		struct item *it;
		double h = 0;
		int j;

		for (j = 0; j < 2 && k + (size_t)j < n->nkids; j++) {
			const struct fd_node *s = n->kids[k + (size_t)j];
			struct fd_run runs[5], br = {(char *)"\n", 0, NULL};
			size_t nr = 0;

			runs[nr].text = s->name ? s->name : (char *)"";
			runs[nr].flags = FD_RUN_BOLD;
			runs[nr++].href = NULL;
			if (s->title) {
				runs[nr++] = br;
				runs[nr].text = s->title;
				runs[nr].flags = 0;
				runs[nr++].href = NULL;
			}
			if (s->organisation) {
				runs[nr++] = br;
				runs[nr].text = s->organisation;
				runs[nr].flags = 0;
				runs[nr++].href = NULL;
			}
			t[j] = text_new(L, runs, nr, NULL, &font, cw, s);
			if (t[j]->nlines * t[j]->pitch > h)
				h = t[j]->nlines * t[j]->pitch;
		}
		if (k > 0)
			f->pending = L->st->sig_row_space;
		it = flow_add(f, h);
		if (k > 0)
			it->glue = 1;
		for (j = 0; j < 2 && t[j]; j++) {
			int li;

			op_tag(&it->ops, FD_OP_BEGIN, "P");
			for (li = 0; li < t[j]->nlines; li++)
				line_ops(L, &it->ops, t[j], li,
					 x + j * (cw + gutter),
					 t[j]->base + li * t[j]->pitch, 1);
			op_tag(&it->ops, FD_OP_END, "P");
			text_free(t[j]);
		}
	}
	block_end(f, first, n->flags, L->space);
}

static void
emit_block(struct lay *L, struct flow *f, const struct fd_node *n, double x,
	   double w, int depth, int body)
{
	/* Numbered documents indent lists and quotes under the text. */
	double ni = body && L->doc->numbered ? L->st->number_indent : 0;

	switch (n->kind) {
	case FD_NODE_HEADING:
		emit_heading(L, f, n, x, w);
		break;
	case FD_NODE_PARA:
	case FD_NODE_CODE:
	case FD_NODE_CHECKBOX:
		emit_para(L, f, n, x, w, body);
		break;
	case FD_NODE_ADDRESS:
		emit_address(L, f, n, x, w);
		break;
	case FD_NODE_LIST:
		emit_list(L, f, n, x + ni, w - ni, depth);
		break;
	case FD_NODE_QUOTE:
		emit_quote(L, f, n, x + ni, w - ni, depth);
		break;
	case FD_NODE_TABLE:
		emit_table(L, f, n, x, w);
		break;
	case FD_NODE_SIGNATURES:
		emit_signatures(L, f, n, x, w);
		break;
	case FD_NODE_LETTERHEAD:
		emit_letterhead(L, f, n, x, w);
		break;
	case FD_NODE_PAGE_BREAK:
		f->force_next = 1;
		break;
	default:
		break;
	}
}

void
emit_blocks(struct lay *L, struct flow *f, struct fd_node *const *kids,
	    size_t n, double x, double w, int depth, int body)
{
	size_t i;

	for (i = 0; i < n && !L->too_long; i++)
		emit_block(L, f, kids[i], x, w, depth, body);
}
