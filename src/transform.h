/*
 * transform.h: the XSLT step. A checked inspection and its facts go in, a
 * document tree (docs/document-tree.md) comes out.
 *
 * Layering: transform.c is the only file that includes libxslt (with
 * transform_xslt.c, which loads it when the first stylesheet is). It sees the
 * inspection's libxml2 tree through load.h, knows no framework and no
 * calendar: working-day arithmetic comes in through a callback. Stylesheets
 * run under a sandbox: no writing, no network, no file read outside the
 * templates folder, no DTD or entity in anything they load, bounded
 * recursion. Extension functions live in the namespace FD_XSLT_NS:
 *
 *   fd:date('2016-03-07')              "7 March 2016"
 *   fd:weekday('2016-03-07')           "Monday"
 *   fd:add-working-days('2016-03-07', 70)   an ISO date, 70 working days on
 *   fd:add-days('2016-03-07', -1)      an ISO date, calendar days
 *   fd:md-escape('a_b*')               "a\\_b\\*": every ASCII punctuation
 *                                      character escaped for CommonMark,
 *                                      line breaks and tabs as spaces
 *   fd:changes()                       the root element of the comparison
 *                                      the run was given (changes.h), as
 *                                      a node-set; empty without one
 *
 * xsl:message terminate="yes" is an error located at the input element
 * being processed; terminate="no" is a warning there.
 */
#ifndef FD_TRANSFORM_H
#define FD_TRANSFORM_H

#include "date.h"
#include "load.h"

/* The namespace of our extension functions. */
#define FD_XSLT_NS "urn:findings:xslt"

/* A compiled stylesheet. */
struct fd_transform;

/*
 * Compiles the stylesheet at xsl_path, which must lie inside the templates
 * folder; it and everything it imports or reads with document() may come
 * only from there. Reports compilation errors through d (FD_ERROR, or
 * FD_IOERR when the file cannot be read) and returns NULL; the result is
 * the caller's to free with fd_transform_free.
 */
struct fd_transform *fd_transform_new(const char *xsl_path,
				      const char *templates,
				      struct fd_diags *d);

/* What a run may use besides the input and the parameters. */
struct fd_transform_env {
	fd_workday_fn add_working_days; /* fd:add-working-days; may be NULL */
	void *workday_arg;		/* passed to add_working_days */
	const char *changes;		/* fd:changes(): a comparison's XML
					   (changes.h), or NULL */
};

/*
 * Applies the stylesheet to the inspection. Every entry of params becomes
 * a string parameter (the value is never evaluated as XPath). Returns the
 * result tree, the caller's to free with xmlFreeDoc, or NULL after
 * reporting why through d (an xsl:message terminate="yes", a runtime
 * error, a forbidden read or write).
 */
xmlDoc *fd_transform_run(struct fd_transform *t, const struct fd_input *in,
			 const struct fd_map *params,
			 const struct fd_transform_env *env,
			 struct fd_diags *d);

void fd_transform_free(struct fd_transform *t);

#endif
