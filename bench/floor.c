/*
 * floor.c: the least a program can do to print the benchmark's text with
 * Pango and Cairo: the same fonts (the style's private fontconfig file),
 * one layout a paragraph, lines placed down A4 pages with a new page when
 * full, a PDF surface. No structure, no tables, no finishing. What
 * findings typeset costs beyond this is the price of everything else.
 *
 * usage: bench_floor FONTS.CONF TEXT OUT.pdf   (TEXT: a paragraph a line)
 */
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_W 595.276
#define PAGE_H 841.89
#define MARGIN 70.866
#define SIZE 12.0
#define PITCH (SIZE * 1.3)

int
main(int argc, char **argv)
{
	FcConfig *cfg;
	PangoFontMap *fm;
	PangoContext *ctx;
	PangoFontDescription *fd;
	cairo_font_options_t *fo;
	cairo_surface_t *s;
	cairo_t *cr;
	FILE *in;
	char *line = NULL;
	size_t cap = 0;
	double y = MARGIN;
	int status;

	if (argc != 4) {
		fputs("usage: bench_floor FONTS.CONF TEXT OUT.pdf\n", stderr);
		return 2;
	}
	cfg = FcConfigCreate();
	if (!FcConfigParseAndLoad(cfg, (const FcChar8 *)argv[1], FcTrue) ||
	    !FcConfigBuildFonts(cfg)) {
		fprintf(stderr, "bench_floor: cannot load %s\n", argv[1]);
		return 1;
	}
	FcConfigSetCurrent(cfg);
	fm = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), cfg);
	FcConfigDestroy(cfg);
	ctx = pango_font_map_create_context(fm);
	pango_cairo_context_set_resolution(ctx, 72);
	pango_context_set_round_glyph_positions(ctx, FALSE);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	fd = pango_font_description_from_string("Liberation Sans 12");

	if ((in = fopen(argv[2], "r")) == NULL) {
		perror(argv[2]);
		return 1;
	}
	s = cairo_pdf_surface_create(argv[3], PAGE_W, PAGE_H);
	cr = cairo_create(s);
	while (getline(&line, &cap, in) > 0) {
		PangoLayout *l = pango_layout_new(ctx);
		int i, n;

		line[strcspn(line, "\n")] = '\0';
		pango_layout_set_font_description(l, fd);
		pango_layout_set_width(l, (int)((PAGE_W - 2 * MARGIN) * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
		pango_layout_set_text(l, line, -1);
		n = pango_layout_get_line_count(l);
		for (i = 0; i < n; i++) {
			if (y + PITCH > PAGE_H - MARGIN) {
				cairo_show_page(cr);
				y = MARGIN;
			}
			cairo_move_to(cr, MARGIN, y + SIZE);
			pango_cairo_show_layout_line(
				cr, pango_layout_get_line_readonly(l, i));
			y += PITCH;
		}
		y += 9;
		g_object_unref(l);
	}
	cairo_show_page(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	status = cairo_surface_status(s) != CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(s);
	fclose(in);
	free(line);
	pango_font_description_free(fd);
	g_object_unref(ctx);
	g_object_unref(fm);
	return status;
}
