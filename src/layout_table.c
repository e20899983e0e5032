/*
 * layout_table.c: a table as a grid of cells placed as HTML does, each
 * cell's content a flow of its own at the cell's width, and rows bound by
 * row spans gathered into bands: the items pagination places.
 */
#include "layout_int.h"

#include <stdlib.h>
#include <string.h>

double
stack_height(const struct flow *f, size_t from, size_t to)
{
	double h = 0;
	size_t i;

	for (i = from; i < to; i++)
		h += (i > from ? f->items[i].gap : 0) + f->items[i].h;
	return h;
}

/* Column edges from the declared widths and the text width. */
static void
column_edges(struct table *t, double x, double w)
{
	const struct fd_node *n = t->node;
	double fixed = 0, shares = 0, *cw;
	int c;

	cw = fd_xcalloc((size_t)t->ncols, sizeof *cw);
	for (c = 0; c < t->ncols; c++) {
		const struct fd_col *col =
			(size_t)c < n->ncols ? &n->cols[c] : NULL;

		if (col && col->unit == FD_WIDTH_POINTS)
			fixed += cw[c] = col->value;
		else if (col && col->unit == FD_WIDTH_PERCENT)
			fixed += cw[c] = col->value * w / 100;
		else
			shares += col ? col->value : 1;
	}
	/* Shares keep at least a fifth of the width between them. */
	if (shares > 0 && fixed > w * 0.8) {
		for (c = 0; c < t->ncols; c++)
			cw[c] *= w * 0.8 / fixed;
		fixed = w * 0.8;
	} else if (shares == 0 && fixed > 0) {
		for (c = 0; c < t->ncols; c++)
			cw[c] *= w / fixed;
		fixed = w;
	}
	for (c = 0; c < t->ncols; c++) {
		const struct fd_col *col =
			(size_t)c < n->ncols ? &n->cols[c] : NULL;

		if (col == NULL || col->unit == FD_WIDTH_SHARE)
			cw[c] = (w - fixed) * (col ? col->value : 1) / shares;
	}
	t->colx = fd_xcalloc((size_t)t->ncols + 1, sizeof *t->colx);
	t->colx[0] = x;
	for (c = 0; c < t->ncols; c++)
		t->colx[c + 1] = t->colx[c] + cw[c];
	t->colx[t->ncols] = x + w;
	free(cw);
}

/* Places cells on the grid as HTML does; returns -1 past 64 columns. */
static int
grid(struct lay *L, struct table *t)
{
	const struct fd_node *n = t->node;
	unsigned char *occ;
	int r, nhead = 0, maxc = 64, ncols = (int)n->ncols;
	size_t k, total = 0;

	t->nrows = (int)n->nkids;
	for (r = 0; r < t->nrows; r++) {
		if (n->kids[r]->flags & FD_HEAD_ROW)
			nhead = r + 1;
		total += n->kids[r]->nkids;
	}
	t->cells = fd_xcalloc(total + 1, sizeof *t->cells);
	t->row_first = fd_xcalloc((size_t)t->nrows + 1, sizeof *t->row_first);
	occ = fd_xcalloc((size_t)t->nrows * (size_t)maxc + 1, 1);
	for (r = 0; r < t->nrows; r++) {
		const struct fd_node *row = n->kids[r];
		int c = 0, end = r < nhead ? nhead : t->nrows;

		t->row_first[r] = t->ncells;
		for (k = 0; k < row->nkids; k++) {
			const struct fd_node *cn = row->kids[k];
			struct cell *cell;
			int rr, cc;

			while (c < maxc && occ[(size_t)r * maxc + c])
				c++;
			if (c + cn->colspan > maxc) {
				fd_msg(L->d, M_TABLE_COLUMNS, cn->file,
				       cn->line, cn->col, maxc);
				L->errors++;
				free(occ);
				return -1;
			}
			cell = &t->cells[t->ncells++];
			cell->node = cn;
			cell->row = r;
			cell->col = c;
			cell->colspan = cn->colspan;
			cell->rowspan = r + cn->rowspan > end ? end - r
							      : cn->rowspan;
			for (rr = r; rr < r + cell->rowspan; rr++)
				for (cc = c; cc < c + cell->colspan; cc++)
					occ[(size_t)rr * maxc + cc] = 1;
			c += cell->colspan;
			if (c > ncols)
				ncols = c;
		}
	}
	free(occ);
	t->row_first[t->nrows] = t->ncells;
	t->ncols = ncols > 0 ? ncols : 1;
	return nhead;
}

/* Heights of rows [r0, r1) from the cells starting in them. */
static void
row_heights(struct lay *L, struct table *t, int r0, int r1)
{
	double min = 2 * L->st->padding + t->font.pitch;
	size_t k;
	int r;

	for (r = r0; r < r1; r++)
		t->rowh[r] = min;
	for (k = 0; k < t->ncells; k++) {
		struct cell *c = &t->cells[k];

		if (c->row >= r0 && c->row < r1 && c->rowspan == 1 &&
		    c->need > t->rowh[c->row])
			t->rowh[c->row] = c->need;
	}
	/* A spanning cell taller than its rows stretches the last one. */
	for (k = 0; k < t->ncells; k++) {
		struct cell *c = &t->cells[k];
		double sum = 0;

		if (c->row < r0 || c->row >= r1 || c->rowspan == 1)
			continue;
		for (r = c->row; r < c->row + c->rowspan; r++)
			sum += t->rowh[r];
		if (c->need > sum)
			t->rowh[c->row + c->rowspan - 1] += c->need - sum;
	}
}

static size_t
first_cell_of(const struct table *t, int row)
{
	return t->row_first[row];
}

static void
add_band(struct table *t, int r0, int r1, int head)
{
	struct band *b = &t->bands[t->nbands++];
	int r;

	b->t = t;
	b->row0 = r0;
	b->nrows = r1 - r0;
	b->cell0 = first_cell_of(t, r0);
	b->ncells = first_cell_of(t, r1) - b->cell0;
	b->head = head;
	b->h = 0;
	for (r = r0; r < r1; r++)
		b->h += t->rowh[r];
}

/* Bands of rows [r0, r1): rows joined by row spans go together; a group
 * taller than limit loses its spans so that its rows can part. */
static void
make_bands(struct lay *L, struct table *t, int r0, int r1, int head,
	   double limit)
{
	int r = r0;

	while (r < r1) {
		int end = r + 1, grew = 1;
		size_t k;
		double h = 0;
		int q;

		while (grew) {
			grew = 0;
			for (k = first_cell_of(t, r);
			     k < t->ncells && t->cells[k].row < end; k++)
				if (t->cells[k].row + t->cells[k].rowspan > end) {
					end = t->cells[k].row +
					      t->cells[k].rowspan;
					grew = 1;
				}
		}
		for (q = r; q < end; q++)
			h += t->rowh[q];
		if (end - r > 1 && h > limit) {
			for (k = first_cell_of(t, r);
			     k < t->ncells && t->cells[k].row < end; k++)
				t->cells[k].rowspan = 1;
			row_heights(L, t, r, end);
			for (q = r; q < end; q++)
				add_band(t, q, q + 1, head);
		} else {
			add_band(t, r, end, head);
		}
		r = end;
	}
}

void
table_free(struct table *t)
{
	size_t k;

	if (t == NULL)
		return;
	for (k = 0; k < t->ncells; k++)
		flow_free(&t->cells[k].flow);
	free(t->cells);
	free(t->bands);
	free(t->colx);
	free(t->rowh);
	free(t->row_first);
	free(t);
}

void
emit_table(struct lay *L, struct flow *f, const struct fd_node *n, double x,
	   double w)
{
	struct table *t = fd_xcalloc(1, sizeof *t);
	double pad = L->st->padding, size = L->size, space = L->space;
	int nhead, bold = L->bold;
	size_t k, first;

	L->tables = fd_xreallocarray(L->tables, L->ntables + 1,
				     sizeof *L->tables);
	L->tables[L->ntables++] = t;
	t->node = n;
	t->borders = !(n->flags & FD_NO_BORDERS);
	if ((nhead = grid(L, t)) < 0 || t->nrows == 0)
		return;
	/* A cell costs about what a line does: its tags, its rules. */
	if (count_lines(L, (long)t->ncells, n) != 0)
		return;
	column_edges(t, x, w);
	t->rowh = fd_xcalloc((size_t)t->nrows, sizeof *t->rowh);
	t->bands = fd_xcalloc((size_t)t->nrows, sizeof *t->bands);

	L->size = L->st->table_size;
	L->space = L->st->space_after * L->st->table_size / L->st->size;
	t->font = body_font(L);
	for (k = 0; k < t->ncells; k++) {
		struct cell *c = &t->cells[k];
		double cx = t->colx[c->col];
		double cw = t->colx[c->col + c->colspan] - cx;

		L->bold = (c->node->flags & FD_HEADER_CELL) != 0;
		emit_blocks(L, &c->flow, c->node->kids, c->node->nkids,
			    cx + pad, cw - 2 * pad, 0, 0);
		c->need = stack_height(&c->flow, 0, c->flow.n) + 2 * pad;
	}
	L->size = size;
	L->space = space;
	L->bold = bold;

	row_heights(L, t, 0, nhead);
	row_heights(L, t, nhead, t->nrows);
	make_bands(L, t, 0, nhead, 1, L->body_h);
	t->nhead = t->nbands;
	for (k = 0; k < t->nhead; k++)
		t->head_h += t->bands[k].h;
	/* A head taller than half a page is not repeated. */
	if (t->head_h > L->body_h / 2)
		t->head_h = 0;
	make_bands(L, t, nhead, t->nrows, 0, L->body_h - t->head_h);

	block_begin(f, L->space);
	first = f->n;
	t->head_item = first;
	for (k = 0; k < t->nbands; k++) {
		struct item *it = flow_add(f, t->bands[k].h);

		it->band = &t->bands[k];
		/* No head alone, nor a head row apart from the others. */
		if (k > 0 && k <= t->nhead)
			it->glue = 1;
	}
	op_tag(&f->items[first].ops, FD_OP_BEGIN, "Table");
	op_tag(&f->items[f->n - 1].post, FD_OP_END, "Table");
	t->flow = f;
	t->last_item = f->n - 1;
	block_end(f, first, n->flags, L->space);
}
