/*
 * transform.c: the XSLT step, and the only file that includes libxslt.
 *
 * libxslt reads files in three ways: the stylesheet itself, xsl:import and
 * xsl:include, and document() at run time. All three go through our
 * loader, which opens only files inside the templates folder and parses
 * them without DTD, entities or network (libxslt's own loader would use
 * NOENT and DTDLOAD). Security preferences forbid every write and network
 * access and repeat the folder rule, so a refused read is an error rather
 * than an empty node-set. libxslt reports through global hooks without an
 * argument of ours, hence the one static sandbox below; the program is
 * single-threaded and `build -j` forks.
 */
#include <libxml/parser.h>
#include <libxml/uri.h>
#include <libxml/xpathInternals.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "transform.h"
#include "transform_xslt_int.h"

/* Bounds on one run: nested template calls and live variables. Our
 * stylesheets need a few dozen of each. */
#define MAX_TEMPLATE_DEPTH 500
#define MAX_TEMPLATE_VARS 10000

struct fd_transform {
	xsltStylesheetPtr style; /* the compiled stylesheet; owns its doc */
	char *path;		 /* the stylesheet's file, for messages */
	char *root;		 /* real path of the templates folder */
};

/* Where libxslt's messages go while we compile or run. */
struct sink {
	struct fd_diags *d;	      /* diagnostics of this compile or run */
	const struct fd_input *in;    /* the input; NULL while compiling */
	xsltTransformContextPtr ctxt; /* the run; NULL while compiling */
	const char *style_path;	      /* the main stylesheet */
	struct fd_buf line;	      /* text of the message being built */
	char *where_file;	      /* file named by a context line */
	long where_line;	      /* its line, 0 when not given */
	int where_warning;	      /* the context line said "warning" */
	int where_set;		      /* a context line is pending */
	unsigned errors;	      /* errors reported */
	const struct fd_transform_env *env; /* run callbacks, or NULL */
	xmlDocPtr changes; /* env->changes parsed, owned by the run's
			      context; NULL without one */
};

/* The state libxslt's global hooks need: which folder may be read and
 * where to report. Set for the span of one compile or run. */
static struct {
	const char *root;   /* real path of the templates folder */
	struct sink *sink;  /* the current compile or run */
} sandbox;

/* Reports message m of the catalogue (msg.h) into the sink. */
static void
sink_msg(struct sink *s, enum fd_msg m, const char *file, long line, long col,
	 ...)
{
	va_list ap;

	va_start(ap, col);
	fd_vmsg(s->d, m, file, line, col, ap);
	va_end(ap);
	if (fd_msgs[m].level >= FD_ERROR)
		s->errors++;
}

/* Reports a line of libxslt's or libxml2's, or an xsl:message of a
 * stylesheet's, in its own words. */
static void
sink_report(struct sink *s, enum fd_level level, const char *file, long line,
	    long col, const char *msg)
{
	sink_msg(s, level >= FD_ERROR ? M_LIBRARY : M_LIBRARY_WARNING, file,
		 line, col, msg);
}

/* The input element nearest to node (itself, its parent, or its owner
 * element for an attribute or text), or NULL when node is not from the
 * input. */
static const xmlNode *
input_element(const struct sink *s, const xmlNode *node)
{
	if (s->in == NULL || node == NULL || node->doc != s->in->doc)
		return NULL;
	while (node != NULL && node->type != XML_ELEMENT_NODE)
		node = node->parent;
	return node;
}

static int
is_xsl(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	       xmlStrEqual(n->ns->href, XSLT_NAMESPACE) &&
	       xmlStrEqual(n->name, BAD_CAST name);
}

/*
 * Parses libxslt's context line "runtime error: file F line N element E"
 * (or "compilation error: ..."), which comes before the message itself.
 * Returns 1 when line was such a line.
 */
static int
context_line(struct sink *s, const char *line)
{
	static const char *const kinds[] = {"runtime error: ",
					    "compilation error: ",
					    "compilation warning: "};
	const char *p = NULL, *f, *e;
	size_t i;

	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strncmp(line, kinds[i], strlen(kinds[i])) == 0) {
			p = line + strlen(kinds[i]);
			break;
		}
	if (p == NULL)
		return 0;
	free(s->where_file);
	s->where_file = NULL;
	s->where_line = 0;
	s->where_warning = i == 2;
	s->where_set = 1;
	if (strncmp(p, "file ", 5) == 0) {
		f = p + 5;
		e = strstr(f, " line ");
		if (e == NULL)
			e = strstr(f, " element ");
		if (e == NULL)
			e = f + strlen(f);
		s->where_file = fd_xstrndup(f, (size_t)(e - f));
		if (strncmp(e, " line ", 6) == 0)
			s->where_line = strtol(e + 6, NULL, 10);
	}
	return 1;
}

/* One complete line of libxslt or libxml2 output. */
static void
sink_line(struct sink *s, const char *line)
{
	xsltTransformContextPtr ctxt = s->ctxt;
	const xmlNode *el;
	long ln, col;
	enum fd_level level;
	char *term;

	while (*line == ' ')
		line++;
	if (*line == '\0' || strcmp(line, "^") == 0 || context_line(s, line))
		return;
	if (s->where_set) {
		/* A runtime or compilation error, at the stylesheet. */
		level = s->where_warning ? FD_WARNING : FD_ERROR;
		sink_report(s, level,
			    s->where_file ? s->where_file : s->style_path,
			    s->where_line, 0, line);
		free(s->where_file);
		s->where_file = NULL;
		s->where_line = 0;
		s->where_warning = 0;
		s->where_set = 0;
		return;
	}
	if (ctxt != NULL && is_xsl(ctxt->inst, "message")) {
		/* xsl:message: at the input element being processed. */
		term = (char *)xmlGetNsProp(ctxt->inst, BAD_CAST "terminate",
					    NULL);
		level = term != NULL && strcmp(term, "yes") == 0 ? FD_ERROR
								 : FD_WARNING;
		xmlFree(term);
		if ((el = input_element(s, ctxt->node)) != NULL) {
			fd_input_locate(s->in, el, &ln, &col);
			sink_report(s, level, s->in->path, ln, col, line);
			return;
		}
	} else {
		level = FD_ERROR;
	}
	if (ctxt != NULL && ctxt->inst != NULL && ctxt->inst->doc != NULL &&
	    ctxt->inst->doc->URL != NULL)
		sink_report(s, level, (const char *)ctxt->inst->doc->URL,
			    xmlGetLineNo(ctxt->inst), 0, line);
	else
		sink_report(s, level, s->style_path, 0, 0, line);
}

/* libxslt's and libxml2's generic error function: text arrives in pieces,
 * a message ends with a newline. */
static void
on_message(void *arg, const char *fmt, ...)
{
	struct sink *s = arg;
	va_list ap;
	char *nl;

	va_start(ap, fmt);
	fd_buf_vaddf(&s->line, fmt, ap);
	va_end(ap);
	while (s->line.data != NULL &&
	       (nl = memchr(s->line.data, '\n', s->line.len)) != NULL) {
		size_t rest = s->line.len - (size_t)(nl + 1 - s->line.data);

		*nl = '\0';
		sink_line(s, s->line.data);
		memmove(s->line.data, nl + 1, rest + 1);
		s->line.len = rest;
	}
}

/* Reports what is left without a final newline, and forgets the sink. */
static void
sink_close(struct sink *s)
{
	if (s->line.len > 0)
		sink_line(s, s->line.data);
	fd_buf_free(&s->line);
	free(s->where_file);
	s->where_file = NULL;
}

/* The sandbox. */

/*
 * The local path a URI names: "file:///x", "file://localhost/x" or a plain
 * path, with %XX unescaped. NULL for any other scheme. The caller frees.
 */
static char *
uri_path(const char *uri)
{
	const char *p = uri;
	size_t i;

	if (strncmp(p, "file://localhost/", 17) == 0)
		p += 16;
	else if (strncmp(p, "file:///", 8) == 0)
		p += 7;
	else if (strncmp(p, "file:", 5) == 0)
		return NULL;
	/* Any other scheme ("http:", "ftp:", "data:"). */
	for (i = 0; p[i] != '\0' && p[i] != '/'; i++)
		if (p[i] == ':')
			return NULL;
	return xmlURIUnescapeString(p, 0, NULL);
}

/* True when path is a file inside the templates folder, after symbolic
 * links are resolved. */
static int
inside_root(const char *path)
{
	char real[PATH_MAX];
	size_t n;

	if (sandbox.root == NULL || path == NULL ||
	    realpath(path, real) == NULL)
		return 0;
	n = strlen(sandbox.root);
	return strncmp(real, sandbox.root, n) == 0 && real[n] == '/';
}

static int
allow_read(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt,
	   const char *value)
{
	char *path = uri_path(value);
	int ok = inside_root(path);

	(void)sec;
	(void)ctxt;
	free(path);
	return ok;
}

static void
refuse_load(enum fd_msg m, const char *file, long line, long col, ...)
{
	va_list ap;

	if (sandbox.sink == NULL)
		return;
	va_start(ap, col);
	fd_vmsg(sandbox.sink->d, m, file ? file : sandbox.sink->style_path,
		line, col, ap);
	va_end(ap);
	if (fd_msgs[m].level >= FD_ERROR)
		sandbox.sink->errors++;
}

/*
 * The loader for stylesheets, imports and document(): a file inside the
 * templates folder, parsed without network, DTD or entity substitution;
 * a document with a DOCTYPE is refused. Returns the tree or NULL after
 * reporting why.
 */
static xmlDocPtr
load_doc(const xmlChar *uri, xmlDictPtr dict, int options, void *ctx,
	 xsltLoadType type)
{
	struct fd_parse_error perr;
	xmlDocPtr doc = NULL;
	char *path = uri_path((const char *)uri), *data = NULL;
	size_t len;
	int err;

	(void)options;
	(void)ctx;
	(void)type;
	if (!inside_root(path)) {
		refuse_load(M_TEMPLATE_OUTSIDE, NULL, 0, 0, (const char *)uri);
		goto out;
	}
	if ((err = fd_read_file(path, FD_MAX_FILE, &data, &len)) != 0) {
		refuse_load(M_TEMPLATE_READ, path, 0, 0, strerror(err));
		goto out;
	}
	/* Names must come from the stylesheet's dictionary. */
	doc = fd_parse_memory((const char *)uri, data, len, dict, NULL, &perr);
	if (perr.doctype)
		refuse_load(M_TEMPLATE_DOCTYPE, path, perr.line, perr.col);
	else if (doc == NULL)
		refuse_load(M_LIBRARY, path, perr.line, perr.col, perr.msg);
	free(perr.msg);
out:
	free(data);
	free(path);
	return doc;
}

/* Security preferences: read only templates, never write or reach out. */
static xsltSecurityPrefsPtr
sandbox_prefs(void)
{
	xsltSecurityPrefsPtr sec = xsltNewSecurityPrefs();

	xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_FILE, allow_read);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_FILE,
			     xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_CREATE_DIRECTORY,
			     xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_NETWORK,
			     xsltSecurityForbid);
	xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_NETWORK,
			     xsltSecurityForbid);
	return sec;
}

/* Installs the global hooks for one compile or run; undone by leave(). */
static void
enter(struct sink *s, const char *root)
{
	static xsltSecurityPrefsPtr defaults;

	if (defaults == NULL) {
		/* xsl:import checks the default preferences, not the run's. */
		defaults = sandbox_prefs();
		xsltSetDefaultSecurityPrefs(defaults);
	}
	sandbox.root = root;
	sandbox.sink = s;
	xsltSetLoaderFunc(load_doc);
	xsltSetGenericErrorFunc(s, on_message);
	xmlSetGenericErrorFunc(s, on_message);
}

static void
leave(struct sink *s)
{
	sink_close(s);
	xmlSetGenericErrorFunc(NULL, NULL);
	xsltSetGenericErrorFunc(NULL, NULL);
	sandbox.root = NULL;
	sandbox.sink = NULL;
}

/* Extension functions. */

static struct sink *
fn_sink(xmlXPathParserContextPtr pc)
{
	xsltTransformContextPtr t = xsltXPathGetTransformContext(pc);

	return t != NULL ? t->_private : NULL;
}

/* Pops the ISO date argument; on a bad date reports, pushes "" and
 * returns -1. */
static int
pop_date(xmlXPathParserContextPtr pc, const char *fn, struct fd_date *out)
{
	xmlChar *s = xmlXPathPopString(pc);
	int ok = s != NULL && fd_date_parse((const char *)s, out) == 0;

	if (!ok) {
		xsltTransformError(xsltXPathGetTransformContext(pc), NULL, NULL,
				   "fd:%s(): '%s' is not a date (YYYY-MM-DD)\n",
				   fn, s ? (const char *)s : "");
		xmlXPathReturnEmptyString(pc);
	}
	xmlFree(s);
	return ok ? 0 : -1;
}

static void
fn_date(xmlXPathParserContextPtr pc, int nargs)
{
	struct fd_date d;
	char buf[32];

	if (nargs != 1) {
		xmlXPathSetArityError(pc);
		return;
	}
	if (pop_date(pc, "date", &d) == 0)
		xmlXPathReturnString(pc, xmlStrdup(BAD_CAST fd_date_long(
					     d, buf, sizeof buf)));
}

static void
fn_weekday(xmlXPathParserContextPtr pc, int nargs)
{
	struct fd_date d;

	if (nargs != 1) {
		xmlXPathSetArityError(pc);
		return;
	}
	if (pop_date(pc, "weekday", &d) == 0)
		xmlXPathReturnString(
		    pc, xmlStrdup(BAD_CAST fd_date_weekday_name(d)));
}

/* Every ASCII punctuation character (CommonMark, 2.1). */
#define MD_PUNCTUATION "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

/* fd:md-escape(s): s printed literally inside Markdown a stylesheet
 * composes (an agency's name before a finding): a backslash before each
 * ASCII punctuation character, which CommonMark lets any be escaped
 * with, so that no text of the inspection's becomes markup; a line break
 * or a tab a space. Other bytes (UTF-8 beyond ASCII) as they are. */
static void
fn_md_escape(xmlXPathParserContextPtr pc, int nargs)
{
	xmlChar *s;
	struct fd_buf b = {0};
	const unsigned char *p;

	if (nargs != 1) {
		xmlXPathSetArityError(pc);
		return;
	}
	if ((s = xmlXPathPopString(pc)) == NULL) {
		xmlXPathReturnEmptyString(pc);
		return;
	}
	for (p = s; *p != '\0'; p++) {
		if (*p == '\n' || *p == '\r' || *p == '\t') {
			fd_buf_addc(&b, ' ');
			continue;
		}
		if (strchr(MD_PUNCTUATION, *p) != NULL)
			fd_buf_addc(&b, '\\');
		fd_buf_addc(&b, (char)*p);
	}
	xmlFree(s);
	xmlXPathReturnString(pc, xmlStrdup(BAD_CAST(b.data ? b.data : "")));
	fd_buf_free(&b);
}

/* Shared by fd:add-days and fd:add-working-days. */
static void
add_days(xmlXPathParserContextPtr pc, int nargs, int working)
{
	const char *name = working ? "add-working-days" : "add-days";
	struct sink *s = fn_sink(pc);
	struct fd_date d, r;
	double n;
	char buf[16];

	if (nargs != 2) {
		xmlXPathSetArityError(pc);
		return;
	}
	n = xmlXPathPopNumber(pc);
	if (pop_date(pc, name, &d) != 0)
		return;
	if (!(n >= -100000 && n <= 100000) || n != (double)(long)n) {
		xsltTransformError(xsltXPathGetTransformContext(pc), NULL, NULL,
				   "fd:%s(): the number of days is not a "
				   "whole number\n",
				   name);
		xmlXPathReturnEmptyString(pc);
		return;
	}
	if (!working)
		r = fd_date_add_days(d, (long)n);
	else if (s == NULL || s->env == NULL ||
		 s->env->add_working_days == NULL ||
		 s->env->add_working_days(s->env->workday_arg, d, (long)n,
					  &r) != 0) {
		xsltTransformError(xsltXPathGetTransformContext(pc), NULL, NULL,
				   "fd:%s(): no working-day calendar for "
				   "this date\n",
				   name);
		xmlXPathReturnEmptyString(pc);
		return;
	}
	xmlXPathReturnString(pc,
			     xmlStrdup(BAD_CAST fd_date_iso(r, buf, sizeof buf)));
}

static void
fn_add_days(xmlXPathParserContextPtr pc, int nargs)
{
	add_days(pc, nargs, 0);
}

static void
fn_add_working_days(xmlXPathParserContextPtr pc, int nargs)
{
	add_days(pc, nargs, 1);
}

/* fd:changes(): the comparison the run was given, its root element as
 * a node-set (empty without one). */
static void
fn_changes(xmlXPathParserContextPtr pc, int nargs)
{
	struct sink *s = fn_sink(pc);

	if (nargs != 0) {
		xmlXPathSetArityError(pc);
		return;
	}
	valuePush(pc, xmlXPathNewNodeSet(s && s->changes
					     ? xmlDocGetRootElement(s->changes)
					     : NULL));
}

/*
 * Parses env->changes into s->changes and registers it with the run, so
 * that key() works in it and the context frees it. Returns 0, or -1
 * after reporting (our own XML should always parse).
 */
static int
load_changes(struct sink *s, xsltTransformContextPtr ctxt)
{
	struct fd_parse_error perr;
	const char *xml = s->env ? s->env->changes : NULL;

	if (xml == NULL)
		return 0;
	s->changes = fd_parse_memory("changes.xml", xml, strlen(xml),
				     ctxt->dict, NULL, &perr);
	free(perr.msg);
	if (s->changes == NULL || xsltNewDocument(ctxt, s->changes) == NULL) {
		if (s->changes != NULL)
			xmlFreeDoc(s->changes);
		s->changes = NULL;
		sink_msg(s, M_XSLT_COMPARE, s->style_path, 0, 0);
		return -1;
	}
	return 0;
}

/* The stage. */

struct fd_transform *
fd_transform_new(const char *xsl_path, const char *templates,
		 struct fd_diags *d)
{
	struct fd_transform *t;
	struct sink s = {0};
	char real[PATH_MAX];
	const char *why;
	xmlDocPtr doc;

	if ((why = fd_xslt_load()) != NULL) {
		fd_msg(d, M_XSLT_LOAD, xsl_path, 0, 0, why);
		return NULL;
	}
	t = fd_xcalloc(1, sizeof *t);
	if (realpath(templates, real) == NULL) {
		fd_msg(d, M_TEMPLATES_OPEN, templates, 0, 0);
		free(t);
		return NULL;
	}
	t->root = fd_xstrdup(real);
	t->path = fd_xstrdup(xsl_path);
	s.d = d;
	s.style_path = t->path;
	enter(&s, t->root);
	doc = load_doc(BAD_CAST xsl_path, NULL, 0, NULL, XSLT_LOAD_START);
	if (doc != NULL) {
		t->style = xsltParseStylesheetDoc(doc);
		if (t->style == NULL)
			xmlFreeDoc(doc);
		else if (t->style->errors > 0) {
			xsltFreeStylesheet(t->style);
			t->style = NULL;
		}
	}
	leave(&s);
	if (t->style == NULL) {
		if (s.errors == 0)
			fd_msg(d, M_XSLT_UNUSABLE, xsl_path, 0, 0);
		fd_transform_free(t);
		return NULL;
	}
	return t;
}

/* The parameters as libxslt wants them: name, value, ..., NULL. */
static const char **
param_array(const struct fd_map *params)
{
	size_t i, n = params ? fd_map_count(params) : 0;
	const char **v = fd_xcalloc(2 * n + 1, sizeof *v);

	for (i = 0; i < n; i++) {
		v[2 * i] = fd_map_key(params, i);
		v[2 * i + 1] = fd_map_value(params, i);
	}
	return v;
}

xmlDoc *
fd_transform_run(struct fd_transform *t, const struct fd_input *in,
		 const struct fd_map *params,
		 const struct fd_transform_env *env, struct fd_diags *d)
{
	xsltTransformContextPtr ctxt = NULL;
	xsltSecurityPrefsPtr sec = NULL;
	struct sink s = {0};
	const char **pv = param_array(params);
	xmlDocPtr res = NULL;

	s.d = d;
	s.in = in;
	s.style_path = t->path;
	s.env = env;
	enter(&s, t->root);
	ctxt = xsltNewTransformContext(t->style, in->doc);
	if (ctxt == NULL)
		goto out;
	s.ctxt = ctxt;
	ctxt->_private = &s;
	ctxt->maxTemplateDepth = MAX_TEMPLATE_DEPTH;
	ctxt->maxTemplateVars = MAX_TEMPLATE_VARS;
	xsltSetTransformErrorFunc(ctxt, &s, on_message);
	xsltSetCtxtParseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	sec = sandbox_prefs();
	if (xsltSetCtxtSecurityPrefs(sec, ctxt) != 0)
		goto out;
	xsltRegisterExtFunction(ctxt, BAD_CAST "date", BAD_CAST FD_XSLT_NS,
				fn_date);
	xsltRegisterExtFunction(ctxt, BAD_CAST "weekday", BAD_CAST FD_XSLT_NS,
				fn_weekday);
	xsltRegisterExtFunction(ctxt, BAD_CAST "add-days",
				BAD_CAST FD_XSLT_NS, fn_add_days);
	xsltRegisterExtFunction(ctxt, BAD_CAST "add-working-days",
				BAD_CAST FD_XSLT_NS, fn_add_working_days);
	xsltRegisterExtFunction(ctxt, BAD_CAST "changes", BAD_CAST FD_XSLT_NS,
				fn_changes);
	xsltRegisterExtFunction(ctxt, BAD_CAST "md-escape",
				BAD_CAST FD_XSLT_NS, fn_md_escape);
	if (load_changes(&s, ctxt) != 0)
		goto out;
	if (xsltQuoteUserParams(ctxt, pv) != 0) {
		sink_msg(&s, M_XSLT_PARAMS, t->path, 0, 0);
		goto out;
	}
	res = xsltApplyStylesheetUser(t->style, in->doc, NULL, NULL, NULL,
				      ctxt);
	if (ctxt->state != XSLT_STATE_OK && s.errors == 0)
		sink_msg(&s,
			 ctxt->state == XSLT_STATE_STOPPED ? M_XSLT_STOPPED
							   : M_XSLT_FAILED,
			 t->path, 0, 0);
	if (res != NULL && xmlDocGetRootElement(res) == NULL && s.errors == 0)
		sink_msg(&s, M_XSLT_EMPTY, t->path, 0, 0);
out:
	leave(&s);
	if (res != NULL && s.errors > 0) {
		xmlFreeDoc(res);
		res = NULL;
	}
	if (res == NULL && s.errors == 0)
		fd_msg(d, M_XSLT_RUN, t->path, 0, 0);
	if (ctxt != NULL)
		xsltFreeTransformContext(ctxt);
	if (sec != NULL)
		xsltFreeSecurityPrefs(sec);
	free(pv);
	return res;
}

void
fd_transform_free(struct fd_transform *t)
{
	if (t == NULL)
		return;
	if (t->style != NULL)
		xsltFreeStylesheet(t->style);
	free(t->path);
	free(t->root);
	free(t);
}
