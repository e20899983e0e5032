/*
 * style.c: reading a style file. The schema fixes the elements and the
 * shape of every value; here lengths become points and the few rules a
 * schema cannot say (the margins leave room for text) are checked.
 */
#include "style.h"

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "datadir.h"
#include "load.h"

static double
length(const xmlNode *el, const char *attr)
{
	const char *v = fd_attr(el, attr);
	char *end;
	double x;

	if (v == NULL)
		return 0;
	x = strtod(v, &end);
	if (strcmp(end, "mm") == 0)
		return x * 72 / 25.4;
	if (strcmp(end, "cm") == 0)
		return x * 72 / 2.54;
	if (strcmp(end, "in") == 0)
		return x * 72;
	return x;
}

static double
number(const xmlNode *el, const char *attr)
{
	const char *v = fd_attr(el, attr);

	return v ? strtod(v, NULL) : 0;
}

static unsigned
colour(const xmlNode *el, const char *attr)
{
	const char *v = fd_attr(el, attr);

	return v && v[0] == '#' ? (unsigned)strtoul(v + 1, NULL, 16) : 0;
}

static char *
string(const xmlNode *el, const char *attr)
{
	const char *v = fd_attr(el, attr);

	return fd_xstrdup(v ? v : "");
}

/* The folder part of path ("." when none); the caller frees it. */
static char *
folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return fd_xstrdup(".");
	if (slash == path)
		return fd_xstrdup("/");
	return fd_xstrndup(path, (size_t)(slash - path));
}

/* The letterhead: sizes, then each inspectorate's logo and lines. A
 * logo is found beside the style, as its fonts file is. */
static void
read_letterhead(struct fd_style *s, const xmlNode *lh,
		const struct fd_input *in, const char *path)
{
	const xmlNode *c, *l;
	char *dir = folder_of(path);

	s->letterhead = 1;
	s->lh_size = length(lh, "size");
	s->lh_colour = colour(lh, "colour");
	s->lh_mark_height = length(lh, "mark-height");
	s->lh_mark_space = length(lh, "mark-space");
	s->lh_space_after = length(lh, "space-after");
	for (c = lh->children; c; c = c->next) {
		struct fd_style_sender *f;

		if (!fd_is_elem(c, "inspectorate"))
			continue;
		s->senders = fd_xrealloc(s->senders, (s->nsenders + 1) *
							     sizeof *s->senders);
		f = &s->senders[s->nsenders++];
		memset(f, 0, sizeof *f);
		f->id = string(c, "id");
		if (fd_attr(c, "logo") != NULL) {
			const char *v = fd_attr(c, "logo");

			f->logo = v[0] == '/' ? fd_xstrdup(v)
					      : fd_path_join(dir, v);
			fd_input_locate_attr(in, c, "logo", &f->logo_line,
					     &f->logo_col);
		}
		for (l = c->children; l; l = l->next) {
			if (!fd_is_elem(l, "line"))
				continue;
			f->lines = fd_xrealloc(f->lines, (f->nlines + 1) *
								 sizeof *f->lines);
			f->lines[f->nlines++] = fd_text_squeezed(l);
		}
	}
	free(dir);
}

const struct fd_style_sender *
fd_style_sender_of(const struct fd_style *s, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < s->nsenders; i++)
		if (strcmp(s->senders[i].id, id) == 0)
			return &s->senders[i];
	return NULL;
}

static void
read_values(struct fd_style *s, const xmlNode *root, const char *path,
	    const struct fd_input *in)
{
	const xmlNode *c;
	int h = 0;

	s->name = string(root, "name");
	/* <changes> came after the first styles were written: GOV.UK's
	 * red and green when a style has none. */
	s->del_colour = 0xd4351c;
	s->ins_colour = 0x00703c;
	for (c = root->children; c; c = c->next) {
		if (fd_is_elem(c, "page")) {
			s->page_w = length(c, "width");
			s->page_h = length(c, "height");
			s->top = length(c, "top");
			s->bottom = length(c, "bottom");
			s->left = length(c, "left");
			s->right = length(c, "right");
		} else if (fd_is_elem(c, "fonts")) {
			char *dir = folder_of(path);

			s->fonts_conf = fd_path_join(dir, fd_attr(c, "config"));
			free(dir);
			s->family = string(c, "family");
			s->mono = string(c, "mono");
		} else if (fd_is_elem(c, "text")) {
			s->size = length(c, "size");
			s->line_height = number(c, "line-height");
			s->colour = colour(c, "colour");
			s->space_after = length(c, "space-after");
			s->orphans = (int)number(c, "orphans");
			s->widows = (int)number(c, "widows");
		} else if (fd_is_elem(c, "heading") && h < 3) {
			s->h[h].size = length(c, "size");
			s->h[h].line_height = number(c, "line-height");
			s->h[h].before = length(c, "space-before");
			s->h[h].after = length(c, "space-after");
			h++;
		} else if (fd_is_elem(c, "link")) {
			s->link_colour = colour(c, "colour");
			s->link_underline =
				strcmp(fd_attr(c, "underline"), "yes") == 0;
		} else if (fd_is_elem(c, "changes")) {
			s->del_colour = colour(c, "deleted");
			s->ins_colour = colour(c, "inserted");
		} else if (fd_is_elem(c, "list")) {
			s->list_indent = length(c, "indent");
			s->item_space = length(c, "item-space");
		} else if (fd_is_elem(c, "numbers")) {
			s->number_indent = length(c, "indent");
		} else if (fd_is_elem(c, "quote")) {
			s->quote_indent = length(c, "indent");
			s->quote_rule = length(c, "rule");
			s->quote_colour = colour(c, "colour");
		} else if (fd_is_elem(c, "table")) {
			s->table_size = length(c, "size");
			s->border = length(c, "border");
			s->border_colour = colour(c, "colour");
			s->header_fill = colour(c, "header-fill");
			s->padding = length(c, "padding");
		} else if (fd_is_elem(c, "signatures")) {
			s->sig_row_space = length(c, "row-space");
		} else if (fd_is_elem(c, "marking")) {
			s->marking_size = length(c, "size");
			s->marking_colour = colour(c, "colour");
		} else if (fd_is_elem(c, "footer")) {
			s->footer_size = length(c, "size");
			s->footer_colour = colour(c, "colour");
		} else if (fd_is_elem(c, "watermark")) {
			s->watermark_size = length(c, "size");
			s->watermark_colour = colour(c, "colour");
		} else if (fd_is_elem(c, "letterhead")) {
			read_letterhead(s, c, in, path);
		}
	}
}

/* A value outside [lo, hi] is an error at the element that sets it. */
static int
bounded(const struct fd_input *in, struct fd_diags *d, const char *elem,
	const char *what, double v, double lo, double hi)
{
	const xmlNode *c;

	if (v >= lo && v <= hi)
		return 0;
	for (c = xmlDocGetRootElement(in->doc)->children; c; c = c->next)
		if (fd_is_elem(c, elem))
			break;
	fd_input_msg(d, in, c, NULL, M_STYLE_RANGE, what, v, lo, hi);
	return 1;
}

static int
check_values(const struct fd_style *s, const struct fd_input *in,
	     struct fd_diags *d)
{
	int e = 0, i;
	double text_w = s->page_w - s->left - s->right;
	double text_h = s->page_h - s->top - s->bottom;

	e += bounded(in, d, "page", "the page width", s->page_w, 144, 5000);
	e += bounded(in, d, "page", "the page height", s->page_h, 144, 5000);
	e += bounded(in, d, "page", "the text width", text_w, 72, 5000);
	e += bounded(in, d, "page", "the text height", text_h, 144, 5000);
	e += bounded(in, d, "text", "the text size", s->size, 4, 72);
	for (i = 0; i < 3; i++)
		e += bounded(in, d, "heading", "a heading size", s->h[i].size,
			     4, 72);
	e += bounded(in, d, "table", "the table text size", s->table_size,
		     4, 72);
	e += bounded(in, d, "table", "the cell padding", s->padding, 0, 36);
	e += bounded(in, d, "list", "the list indent", s->list_indent, 0,
		     text_w / 8);
	e += bounded(in, d, "numbers", "the number indent", s->number_indent,
		     0, text_w / 4);
	e += bounded(in, d, "quote", "the quote indent",
		     s->quote_indent + s->quote_rule, 0, text_w / 8);
	e += bounded(in, d, "marking", "the marking size", s->marking_size,
		     4, 36);
	e += bounded(in, d, "footer", "the footer size", s->footer_size, 4,
		     36);
	e += bounded(in, d, "watermark", "the watermark size",
		     s->watermark_size, 4, 400);
	if (s->letterhead) {
		e += bounded(in, d, "letterhead", "the letterhead text size",
			     s->lh_size, 4, 36);
		e += bounded(in, d, "letterhead", "the height of a mark",
			     s->lh_mark_height, 4, text_h / 6);
		e += bounded(in, d, "letterhead", "the space between marks",
			     s->lh_mark_space, 0, text_w / 4);
		e += bounded(in, d, "letterhead", "the space after it",
			     s->lh_space_after, 0, text_h / 6);
	}
	/* A line, even a heading's, is a small part of a page. */
	e += bounded(in, d, "text", "the line pitch",
		     s->size * s->line_height, 1, text_h / 6);
	e += bounded(in, d, "table", "the table's line pitch",
		     s->table_size * s->line_height + 2 * s->padding, 1,
		     text_h / 6);
	for (i = 0; i < 3; i++)
		e += bounded(in, d, "heading", "a heading's line pitch",
			     s->h[i].size * s->h[i].line_height, 1, text_h / 6);
	return e;
}

struct fd_style *
fd_style_load(const char *path, const char *schema_dir, struct fd_diags *d)
{
	struct fd_input *in = fd_load_file(path, d);
	struct fd_style *s = NULL;
	struct fd_datadir dd;
	char *rng = NULL;

	if (in == NULL)
		return NULL;
	if (schema_dir != NULL) {
		rng = fd_path_join(schema_dir, "style.rng");
	} else {
		if (fd_datadir_find(&dd, NULL, d) != 0)
			goto out;
		rng = fd_path_join(dd.templates, "schema/style.rng");
		fd_datadir_clear(&dd);
	}
	if (fd_validate_data(in, rng, d) != 0)
		goto out;
	s = fd_xcalloc(1, sizeof *s);
	s->path = fd_xstrdup(path);
	read_values(s, xmlDocGetRootElement(in->doc), path, in);
	if (check_values(s, in, d) != 0) {
		fd_style_free(s);
		s = NULL;
		goto out;
	}
	if (!fd_is_file(s->fonts_conf)) {
		fd_msg(d, M_FONTS_FILE, path, 0, 0, s->fonts_conf);
		fd_style_free(s);
		s = NULL;
	} else if (s->fonts_conf[0] != '/') {
		/* Fontconfig reads a relative name from its own folder, not
		 * ours (--style styles/gov-uk.xml). */
		char *abs = realpath(s->fonts_conf, NULL);

		if (abs != NULL) {
			free(s->fonts_conf);
			s->fonts_conf = abs;
		}
	}
out:
	free(rng);
	fd_input_free(in);
	return s;
}

void
fd_style_free(struct fd_style *s)
{
	size_t i, j;

	if (s == NULL)
		return;
	for (i = 0; i < s->nsenders; i++) {
		free(s->senders[i].id);
		free(s->senders[i].logo);
		for (j = 0; j < s->senders[i].nlines; j++)
			free(s->senders[i].lines[j]);
		free(s->senders[i].lines);
	}
	free(s->senders);
	free(s->name);
	free(s->path);
	free(s->fonts_conf);
	free(s->family);
	free(s->mono);
	free(s);
}
