/*
 * image.h: the logos a style names for the letterhead (a style file,
 * <letterhead><inspectorate logo="">), read once and checked before
 * anything is written, then painted by the PDF engine and embedded by the
 * HTML edition. Part of the painting room: image.c alone includes Cairo's
 * PNG reader and, only when an SVG logo is used, opens librsvg.
 *
 * Every logo is the user's file, so it is untrusted: a file that is not
 * a regular file, is larger than FD_IMAGE_MAX_BYTES, is neither PNG nor
 * SVG, or that its library cannot read whole, or whose picture is larger
 * than FD_IMAGE_MAX_SIDE pixels a side (FD_IMAGE_MAX_PIXELS in all), is an
 * error at the place that names it.
 */
#ifndef FD_IMAGE_H
#define FD_IMAGE_H

#include <stddef.h>

#include "diag.h"

/* Bytes of one logo file; a logo of a letterhead is a few kilobytes. */
#define FD_IMAGE_MAX_BYTES (2 * 1024 * 1024)
/* Pixels a side and in all, as decoded: 4 bytes a pixel in memory. */
#define FD_IMAGE_MAX_SIDE 4096
#define FD_IMAGE_MAX_PIXELS (4L * 1024 * 1024)

enum fd_image_kind {
	FD_IMAGE_PNG, /* decoded by Cairo (libpng) */
	FD_IMAGE_SVG  /* drawn by librsvg, as vectors */
};

struct fd_image;

/*
 * Reads and checks the image at path. file, line and col name the place
 * that gave the path (a style's logo= attribute) in diagnostics. Returns
 * the image (free with fd_image_free) or NULL after reporting an error.
 */
struct fd_image *fd_image_load(const char *path, const char *file, long line,
			       long col, struct fd_diags *d);
void fd_image_free(struct fd_image *img);

enum fd_image_kind fd_image_kind(const struct fd_image *img);
/* The file's bytes, as read (for the HTML edition's data: address). */
const unsigned char *fd_image_bytes(const struct fd_image *img, size_t *len);
/* The picture's own width and height (pixels, or SVG user units): only
 * their ratio matters, the style gives the height on the page. */
void fd_image_size(const struct fd_image *img, double *w, double *h);

/*
 * Paints img scaled into the box at (x, y), w by h points, of cr (a
 * cairo_t). Returns 0, or -1 when the library fails to draw it.
 */
int fd_image_paint(const struct fd_image *img, void *cr, double x, double y,
		   double w, double h);

#endif
