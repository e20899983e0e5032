/* transform_xslt.c: libxslt loaded on demand (transform_xslt_int.h). */
#define FD_XSLT_LOADER
#include "transform_xslt_int.h"

#include <dlfcn.h>
#include <glib.h>
#include <string.h>

#define FD_XSLT_DEFINE(f) __typeof__(f) *fd_xslt_##f;
FD_XSLT_FUNCS(FD_XSLT_DEFINE)
#undef FD_XSLT_DEFINE

static GOnce once = G_ONCE_INIT;

/* dlopen and every symbol. Returns NULL or the reason it failed, as a
 * GOnce result. libxml2, which libxslt needs, is loaded already. */
static gpointer
load(gpointer unused)
{
	void *h = dlopen(FD_XSLT_SONAME, RTLD_NOW | RTLD_LOCAL), *sym;
	const char *why;

	(void)unused;
	if (h == NULL)
		return (gpointer)((why = dlerror()) ? why : FD_XSLT_SONAME);
#define FD_XSLT_RESOLVE(f)                                                    \
	if ((sym = dlsym(h, #f)) == NULL)                                     \
		return (gpointer)(#f " is missing from " FD_XSLT_SONAME);    \
	memcpy(&fd_xslt_##f, &sym, sizeof sym);
	FD_XSLT_FUNCS(FD_XSLT_RESOLVE)
#undef FD_XSLT_RESOLVE
	return NULL;
}

const char *
fd_xslt_load(void)
{
	return g_once(&once, load, NULL);
}
