/*
 * image.c: reading, checking and painting a letterhead's logos (image.h).
 *
 * PNG is read by Cairo's own reader (libpng) from the bytes we read, after
 * the header's size is checked, so that a picture of a billion pixels is
 * refused before anything is allocated for it. SVG is drawn by librsvg as
 * vectors; librsvg pulls in a great deal (Rust's runtime, GIO, libxml2's
 * second user), so it is opened with dlopen() the first time an SVG logo
 * is used and never for a document without one: `findings --version` and
 * every letter without an SVG logo start as fast as before.
 */
#include "image.h"

#include <cairo.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <glib-object.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "msg.h"
#include "util.h"

/* librsvg's types, as its headers (not installed: only the library is a
 * dependency) declare them in 2.52 and later. */
typedef struct rsvg_handle rsvg_handle;
struct rsvg_rect {
	double x, y, width, height;
};
struct rsvg_length {
	double length;
	int unit;
};

/* The functions of librsvg we use, found on first need. */
static struct {
	int tried;  /* dlopen was tried */
	void *lib;  /* its handle, or NULL when it is not installed */
	rsvg_handle *(*new_from_data)(const guint8 *, gsize, GError **);
	gboolean (*size_in_pixels)(rsvg_handle *, gdouble *, gdouble *);
	void (*dimensions)(rsvg_handle *, gboolean *, struct rsvg_length *,
			   gboolean *, struct rsvg_length *, gboolean *,
			   struct rsvg_rect *);
	gboolean (*render)(rsvg_handle *, cairo_t *, const struct rsvg_rect *,
			   GError **);
} rsvg;

struct fd_image {
	enum fd_image_kind kind; /* PNG or SVG */
	unsigned char *bytes;	 /* the file as read */
	size_t len;		 /* its length */
	double w, h;		 /* the picture's own size */
	cairo_surface_t *png;	 /* PNG: the decoded picture */
	rsvg_handle *svg;	 /* SVG: the parsed document */
};

static int
open_rsvg(void)
{
	if (rsvg.tried)
		return rsvg.lib != NULL ? 0 : -1;
	rsvg.tried = 1;
	rsvg.lib = dlopen("librsvg-2.so.2", RTLD_NOW | RTLD_LOCAL);
	if (rsvg.lib == NULL)
		return -1;
	*(void **)&rsvg.new_from_data =
		dlsym(rsvg.lib, "rsvg_handle_new_from_data");
	*(void **)&rsvg.size_in_pixels =
		dlsym(rsvg.lib, "rsvg_handle_get_intrinsic_size_in_pixels");
	*(void **)&rsvg.dimensions =
		dlsym(rsvg.lib, "rsvg_handle_get_intrinsic_dimensions");
	*(void **)&rsvg.render = dlsym(rsvg.lib, "rsvg_handle_render_document");
	if (!rsvg.new_from_data || !rsvg.size_in_pixels || !rsvg.dimensions ||
	    !rsvg.render) {
		dlclose(rsvg.lib);
		rsvg.lib = NULL;
		return -1;
	}
	return 0;
}

/* Reads a regular file of at most FD_IMAGE_MAX_BYTES without blocking on
 * a pipe or device. Returns 0, or -1 with *why set to a static reason. */
static int
read_bounded(const char *path, unsigned char **out, size_t *len,
	     const char **why)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	struct stat st;
	unsigned char *b = NULL;
	size_t n = 0;
	ssize_t got = 0;

	*why = NULL;
	if (fd < 0) {
		*why = errno == ENOENT ? "there is no such file"
					: "it cannot be opened";
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		*why = "it is not an ordinary file";
		goto fail;
	}
	if (st.st_size > FD_IMAGE_MAX_BYTES) {
		*why = "it is larger than 2 MB";
		goto fail;
	}
	b = fd_xmalloc((size_t)st.st_size + 1);
	while (n <= (size_t)st.st_size &&
	       (got = read(fd, b + n, (size_t)st.st_size + 1 - n)) > 0)
		n += (size_t)got;
	if (n > (size_t)st.st_size || got < 0) {
		*why = got < 0 ? "it cannot be read" : "it grew while read";
		goto fail;
	}
	close(fd);
	*out = b;
	*len = n;
	return 0;
fail:
	free(b);
	close(fd);
	return -1;
}

static unsigned long
be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	       (unsigned long)p[2] << 8 | (unsigned long)p[3];
}

/* Cairo reads the PNG from our bytes. */
struct reader {
	const unsigned char *p; /* next byte */
	size_t left;		/* bytes after it */
};

static cairo_status_t
read_png(void *closure, unsigned char *data, unsigned int len)
{
	struct reader *r = closure;

	if (len > r->left)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, r->p, len);
	r->p += len;
	r->left -= len;
	return CAIRO_STATUS_SUCCESS;
}

static const char *
load_png(struct fd_image *img)
{
	static const unsigned char sig[8] = {0x89, 'P',	 'N',  'G',
					     '\r', '\n', 0x1a, '\n'};
	struct reader r = {img->bytes, img->len};
	unsigned long w, h;

	if (img->len < 33 || memcmp(img->bytes, sig, 8) != 0 ||
	    be32(img->bytes + 8) != 13 || memcmp(img->bytes + 12, "IHDR", 4))
		return "it is not a complete PNG image";
	w = be32(img->bytes + 16);
	h = be32(img->bytes + 20);
	if (w == 0 || h == 0)
		return "the PNG image has no pixels";
	if (w > FD_IMAGE_MAX_SIDE || h > FD_IMAGE_MAX_SIDE ||
	    w * h > (unsigned long)FD_IMAGE_MAX_PIXELS)
		return "the PNG image is larger than 4096 pixels a side or "
		       "4 million pixels in all";
	img->png = cairo_image_surface_create_from_png_stream(read_png, &r);
	if (cairo_surface_status(img->png) != CAIRO_STATUS_SUCCESS ||
	    (unsigned long)cairo_image_surface_get_width(img->png) != w ||
	    (unsigned long)cairo_image_surface_get_height(img->png) != h)
		return "the PNG image is damaged and cannot be read";
	img->w = (double)w;
	img->h = (double)h;
	return NULL;
}

/* True when the first kilobytes look like an SVG document. */
static int
looks_svg(const unsigned char *b, size_t len)
{
	size_t n = len < 4096 ? len : 4096;
	size_t i;

	for (i = 0; i + 4 <= n; i++)
		if (memcmp(b + i, "<svg", 4) == 0)
			return 1;
	return 0;
}

/* True when librsvg draws img without an error (into nothing kept). */
static int
drawable(struct fd_image *img)
{
	cairo_surface_t *rec =
		cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
	cairo_t *cr = cairo_create(rec);
	struct rsvg_rect vp = {0, 0, img->w, img->h};
	GError *err = NULL;
	int ok = rsvg.render(img->svg, cr, &vp, &err) &&
		 cairo_status(cr) == CAIRO_STATUS_SUCCESS;

	if (err)
		g_error_free(err);
	cairo_destroy(cr);
	cairo_surface_destroy(rec);
	return ok;
}

static const char *
load_svg(struct fd_image *img)
{
	struct rsvg_length lw, lh;
	struct rsvg_rect vb;
	gboolean has_w, has_h, has_vb;
	GError *err = NULL;
	double w = 0, h = 0;

	/* The inspection's rule (no DTD, no entities) for its logos too:
	 * librsvg would expand internal entities. */
	if (memmem(img->bytes, img->len, "<!DOCTYPE", 9) ||
	    memmem(img->bytes, img->len, "<!ENTITY", 8))
		return "the SVG image has a DOCTYPE or entities, which are "
		       "not accepted: save it as plain SVG";
	if (memchr(img->bytes, '\0', img->len))
		return "the SVG image is not text";
	if (open_rsvg() != 0)
		return "SVG logos need the librsvg library (Debian package "
		       "librsvg2-2), which is not installed: install it or "
		       "give a PNG logo";
	img->svg = rsvg.new_from_data(img->bytes, img->len, &err);
	if (img->svg == NULL) {
		if (err)
			g_error_free(err);
		return "the SVG image is damaged and cannot be read";
	}
	if (!rsvg.size_in_pixels(img->svg, &w, &h) || w <= 0 || h <= 0) {
		rsvg.dimensions(img->svg, &has_w, &lw, &has_h, &lh, &has_vb,
				&vb);
		w = has_vb ? vb.width : 0;
		h = has_vb ? vb.height : 0;
	}
	if (!(w > 0 && h > 0 && w < 1e6 && h < 1e6))
		return "the SVG image gives no size: give its <svg> a width "
		       "and height, or a viewBox";
	img->w = w;
	img->h = h;
	/* Drawn once now, so that a picture librsvg cannot draw is an
	 * error at the style, not a hole in the letter. */
	if (!drawable(img))
		return "the SVG image cannot be drawn";
	return NULL;
}

struct fd_image *
fd_image_load(const char *path, const char *file, long line, long col,
	      struct fd_diags *d)
{
	struct fd_image *img = fd_xcalloc(1, sizeof *img);
	const char *why = NULL;

	if (read_bounded(path, &img->bytes, &img->len, &why) == 0) {
		if (img->len >= 8 && img->bytes[0] == 0x89) {
			img->kind = FD_IMAGE_PNG;
			why = load_png(img);
		} else if (looks_svg(img->bytes, img->len)) {
			img->kind = FD_IMAGE_SVG;
			why = load_svg(img);
		} else {
			why = "it is neither a PNG nor an SVG image";
		}
	}
	if (why == NULL)
		return img;
	fd_msg(d, M_LOGO, file, line, col, path, why);
	fd_image_free(img);
	return NULL;
}

void
fd_image_free(struct fd_image *img)
{
	if (img == NULL)
		return;
	if (img->png)
		cairo_surface_destroy(img->png);
	if (img->svg)
		g_object_unref(img->svg);
	free(img->bytes);
	free(img);
}

enum fd_image_kind
fd_image_kind(const struct fd_image *img)
{
	return img->kind;
}

const unsigned char *
fd_image_bytes(const struct fd_image *img, size_t *len)
{
	*len = img->len;
	return img->bytes;
}

void
fd_image_size(const struct fd_image *img, double *w, double *h)
{
	*w = img->w;
	*h = img->h;
}

int
fd_image_paint(const struct fd_image *img, void *cr_, double x, double y,
	       double w, double h)
{
	cairo_t *cr = cr_;
	struct rsvg_rect vp = {x, y, w, h};
	GError *err = NULL;
	int rc = 0;

	cairo_save(cr);
	if (img->kind == FD_IMAGE_PNG) {
		cairo_translate(cr, x, y);
		cairo_scale(cr, w / img->w, h / img->h);
		cairo_set_source_surface(cr, img->png, 0, 0);
		cairo_pattern_set_filter(cairo_get_source(cr),
					 CAIRO_FILTER_GOOD);
		cairo_rectangle(cr, 0, 0, img->w, img->h);
		cairo_fill(cr);
	} else if (!rsvg.render(img->svg, cr, &vp, &err)) {
		if (err)
			g_error_free(err);
		rc = -1;
	}
	cairo_restore(cr);
	return rc;
}
