/*
 * transform_xslt_int.h: libxslt for transform.c alone, loaded the first
 * time a stylesheet is (dlopen), so that a run that transforms nothing
 * (--version, typeset, diff of two trees) does not map libxslt or
 * relocate its symbols at start-up. transform.c calls libxslt by its
 * usual names; they are pointers filled by fd_xslt_load.
 */
#ifndef FD_TRANSFORM_XSLT_INT_H
#define FD_TRANSFORM_XSLT_INT_H

#include <libxslt/documents.h>
#include <libxslt/extensions.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

/* Every libxslt function transform.c calls or hands over. */
#define FD_XSLT_FUNCS(X)                                                      \
	X(xsltApplyStylesheetUser)                                            \
	X(xsltFreeSecurityPrefs)                                              \
	X(xsltFreeStylesheet)                                                 \
	X(xsltFreeTransformContext)                                           \
	X(xsltNewDocument)                                                    \
	X(xsltNewSecurityPrefs)                                               \
	X(xsltNewTransformContext)                                            \
	X(xsltParseStylesheetDoc)                                             \
	X(xsltQuoteUserParams)                                                \
	X(xsltRegisterExtFunction)                                            \
	X(xsltSecurityForbid)                                                 \
	X(xsltSetCtxtParseOptions)                                            \
	X(xsltSetCtxtSecurityPrefs)                                           \
	X(xsltSetDefaultSecurityPrefs)                                        \
	X(xsltSetGenericErrorFunc)                                            \
	X(xsltSetLoaderFunc)                                                  \
	X(xsltSetSecurityPrefs)                                               \
	X(xsltSetTransformErrorFunc)                                          \
	X(xsltTransformError)                                                 \
	X(xsltXPathGetTransformContext)

/* fd_xslt_NAME: a pointer to libxslt's NAME, of its own type. */
#define FD_XSLT_DECLARE(f) extern __typeof__(f) *fd_xslt_##f;
FD_XSLT_FUNCS(FD_XSLT_DECLARE)
#undef FD_XSLT_DECLARE

/*
 * Loads libxslt (the soname found at configure time), once a process.
 * Returns NULL, or why it cannot be had (an installation fault, not the
 * input's).
 */
const char *fd_xslt_load(void);

#ifndef FD_XSLT_LOADER
#define xsltApplyStylesheetUser (*fd_xslt_xsltApplyStylesheetUser)
#define xsltFreeSecurityPrefs (*fd_xslt_xsltFreeSecurityPrefs)
#define xsltFreeStylesheet (*fd_xslt_xsltFreeStylesheet)
#define xsltFreeTransformContext (*fd_xslt_xsltFreeTransformContext)
#define xsltNewDocument (*fd_xslt_xsltNewDocument)
#define xsltNewSecurityPrefs (*fd_xslt_xsltNewSecurityPrefs)
#define xsltNewTransformContext (*fd_xslt_xsltNewTransformContext)
#define xsltParseStylesheetDoc (*fd_xslt_xsltParseStylesheetDoc)
#define xsltQuoteUserParams (*fd_xslt_xsltQuoteUserParams)
#define xsltRegisterExtFunction (*fd_xslt_xsltRegisterExtFunction)
#define xsltSecurityForbid (*fd_xslt_xsltSecurityForbid)
#define xsltSetCtxtParseOptions (*fd_xslt_xsltSetCtxtParseOptions)
#define xsltSetCtxtSecurityPrefs (*fd_xslt_xsltSetCtxtSecurityPrefs)
#define xsltSetDefaultSecurityPrefs (*fd_xslt_xsltSetDefaultSecurityPrefs)
#define xsltSetGenericErrorFunc (*fd_xslt_xsltSetGenericErrorFunc)
#define xsltSetLoaderFunc (*fd_xslt_xsltSetLoaderFunc)
#define xsltSetSecurityPrefs (*fd_xslt_xsltSetSecurityPrefs)
#define xsltSetTransformErrorFunc (*fd_xslt_xsltSetTransformErrorFunc)
#define xsltTransformError (*fd_xslt_xsltTransformError)
#define xsltXPathGetTransformContext (*fd_xslt_xsltXPathGetTransformContext)
#endif

#endif
