/* mail_gmime.c: GMime loaded on demand (mail_gmime_int.h). */
#define FD_GMIME_LOADER
#include "mail_gmime_int.h"

#include <dlfcn.h>
#include <string.h>

#define FD_GMIME_DEFINE(f) __typeof__(f) *fd_gmime_##f;
FD_GMIME_FUNCS(FD_GMIME_DEFINE)
#undef FD_GMIME_DEFINE

static GOnce once = G_ONCE_INIT;

/* dlopen, every symbol, then GMime's tables (built once a process and
 * never torn down, so that renders on several threads share them).
 * Returns NULL or the reason it failed, as a GOnce result. */
static gpointer
load(gpointer unused)
{
	void *h = dlopen(FD_GMIME_SONAME, RTLD_NOW | RTLD_LOCAL), *sym;
	const char *why;

	(void)unused;
	if (h == NULL)
		return (gpointer)((why = dlerror()) ? why : FD_GMIME_SONAME);
#define FD_GMIME_RESOLVE(f)                                                   \
	if ((sym = dlsym(h, #f)) == NULL)                                     \
		return (gpointer)(#f " is missing from " FD_GMIME_SONAME);   \
	memcpy(&fd_gmime_##f, &sym, sizeof sym);
	FD_GMIME_FUNCS(FD_GMIME_RESOLVE)
#undef FD_GMIME_RESOLVE
	fd_gmime_g_mime_init();
	return NULL;
}

const char *
fd_gmime_load(void)
{
	return g_once(&once, load, NULL);
}
