/*
 * check.c: the semantic rules of SPEC.md, after the schema has passed.
 *
 * What a framework adds (ESN codes, graded rows, limiting judgements) is
 * read from templates/<framework>/rules.xml; no framework is named here.
 * Every message is in the table below, so wording stays in one place.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "date.h"
#include "markdown.h"

/* Bytes of a value that is not prose (a name, a title, the area, the
 * theme): longer is no name, and would break the bounds of the
 * paragraphs that print it. */
#define MAX_VALUE 1024
/* What the Markdown bounds keep free for the templates, which put an
 * agency's name (escaped) before a finding. */
#define PROSE_ROOM (2 * MAX_VALUE)
/* The evidence trace prints every record under each finding that cites
 * it, so its size is the citations' and the cited text's: beyond these
 * it would pass its bound of pages anyway, after minutes and gigabytes
 * (2000 findings citing 200 records each took 40 s and 3.5 GB). */
#define MAX_CITATIONS 5000
#define MAX_TRACED (4u * 1024u * 1024u)

/* Each message: name, level, printf format. */
#define FD_MESSAGES(X)                                                         \
	X(DUP_ID, FD_ERROR, "duplicate id '%s' (first used on line %ld)")      \
	X(BAD_REF, FD_ERROR, "%s '%s' does not name %s%s")                     \
	X(BAD_FROM, FD_WARNING, "comment from '%s', which is not an agency")   \
	X(BAD_DATE, FD_ERROR, "%s '%s' is not a real date (YYYY-MM-DD)")       \
	X(DUE_BEFORE, FD_ERROR,                                                \
	  "the response is due on %s, before the concern was referred (%s)")  \
	X(ESN_MISSING, FD_ERROR,                                               \
	  "evidence record '%s' has no esn: %s records name their "            \
	  "evaluation criterion (ESN 01-22, or DD for the deep dive)")         \
	X(ESN_FORBIDDEN, FD_ERROR,                                             \
	  "esn is not used by %s: its evidence records have no evaluation "    \
	  "schedule numbers")                                                  \
	X(ESN_RANGE, FD_ERROR,                                                 \
	  "esn '%s' is not an evaluation criterion (01-22, or DD)")            \
	X(CRITERION_NOT_DD, FD_WARNING,                                        \
	  "criterion names a deep dive criterion, but esn is '%s', not DD")    \
	X(ASPECT_FORBIDDEN, FD_ERROR,                                          \
	  "aspect is used only by frameworks with a graded report, not %s")    \
	X(ASPECT_UNKNOWN, FD_ERROR,                                            \
	  "aspect '%s' is not a judgement of the %s report")                   \
	X(PLACING_IGNORED, FD_WARNING,                                         \
	  "%s is used only by frameworks with a graded report; ignored for "   \
	  "%s")                                                                \
	X(NO_EVIDENCE, FD_ERROR, "%s '%s' cites no evidence record")           \
	X(POLARITY_STRENGTH, FD_WARNING,                                       \
	  "strength '%s' cites only evidence of practice needing development") \
	X(POLARITY_AREA, FD_WARNING,                                           \
	  "%s '%s' cites only evidence of effective practice")                 \
	X(SOA_NO_LEAD, FD_ERROR,                                               \
	  "a statement of action is required but no lead agency is named")     \
	X(VARIANT, FD_ERROR, "variant '%s' does not exist for %s")             \
	X(THEME_MISSING, FD_WARNING,                                           \
	  "no deep dive theme: %s inspections have one")                       \
	X(THEME_IGNORED, FD_WARNING,                                           \
	  "%s has no deep dive; the theme is ignored")                         \
	X(UNPRINTED, FD_WARNING,                                               \
	  "<%s> is not in the published document: %s")                        \
	X(NO_TEXT, FD_WARNING,                                                 \
	  "<%s> has no text: published documents leave it out")               \
	X(NO_LEAD, FD_ERROR, "the team has no lead inspector")                 \
	X(TWO_LEADS, FD_WARNING,                                               \
	  "the team has more than one lead inspector; '%s' is used")           \
	X(NO_QA, FD_WARNING, "the team has no QA manager")                     \
	X(JUDGEMENTS_FORBIDDEN, FD_ERROR,                                      \
	  "%s has no graded judgements")                                       \
	X(JUDGEMENT_TWICE, FD_ERROR,                                           \
	  "%s is graded twice (first on line %ld)")                            \
	X(JUDGEMENT_MISSING, FD_WARNING, "no grade for %s ('%s')")             \
	X(JUDGEMENT_MISSING_FINAL, FD_ERROR, "no grade for %s ('%s')")         \
	X(LIMIT, FD_WARNING,                                                   \
	  "%s is graded %s, but %s is %s: %s (limiting judgement; give "       \
	  "why=\"...\" if the departure is deliberate)")                       \
	X(FA_OPEN, FD_WARNING,                                                 \
	  "factual accuracy comment '%s' has no decision yet")                 \
	X(FA_OPEN_FINAL, FD_ERROR,                                             \
	  "factual accuracy comment '%s' has no decision: every comment "      \
	  "needs one before the final letter")                                 \
	X(FA_TWICE, FD_ERROR,                                                  \
	  "comment '%s' already has a decision (line %ld)")                    \
	X(FA_REVISION, FD_WARNING,                                             \
	  "against-revision %s is not a revision in the history")              \
	X(REVISION_ORDER, FD_WARNING,                                          \
	  "revision %s (%s) comes after revision %s (%s): revisions go up in " \
	  "number and date")                                                   \
	X(VALUE_LONG, FD_ERROR,                                                \
	  "%s has %zu bytes; at most %d are allowed")                          \
	X(PROSE_LONG, FD_ERROR,                                                \
	  "this Markdown has %zu bytes; at most %d are allowed in one "        \
	  "element")                                                           \
	X(PARA_LONG, FD_ERROR,                                                 \
	  "this paragraph has %zu bytes of text; at most %d are allowed in "   \
	  "one paragraph")                                                     \
	X(CITATIONS, FD_ERROR,                                                 \
	  "the findings cite evidence records %zu times; at most %d are "      \
	  "allowed (the evidence trace prints a record for each citation)")    \
	X(TRACED, FD_ERROR,                                                    \
	  "the findings cite more than %u bytes of evidence; the evidence "    \
	  "trace prints a record for each citation, and this is its bound")    \
	X(AFTER_BEFORE_NOTICE, FD_ERROR,                                       \
	  "%s is %s, before the inspection was notified (%s)")                 \
	X(ACK_BEFORE, FD_ERROR,                                                \
	  "acknowledged is %s, before the complaint was received (%s)")       \
	X(NO_RULES, FD_IOERR, "cannot load the rules of framework '%s'")

enum msg {
#define X(name, level, text) M_##name,
	FD_MESSAGES(X)
#undef X
};

static const struct {
	enum fd_level level; /* how serious */
	const char *text;    /* printf format */
} messages[] = {
#define X(name, level, text) {level, text},
	FD_MESSAGES(X)
#undef X
};

static const char *const stage_names[] = {"draft", "factual-accuracy",
					   "pre-publication", "final"};

/* Grades from worst to best. */
static const char *const grades[] = {"inadequate", "adequate", "good",
				     "outstanding"};

int
fd_stage_parse(const char *s, enum fd_stage *stage)
{
	size_t i;

	for (i = 0; i < sizeof stage_names / sizeof stage_names[0]; i++)
		if (strcmp(s, stage_names[i]) == 0) {
			*stage = (enum fd_stage)i;
			return 0;
		}
	return -1;
}

const char *
fd_stage_name(enum fd_stage stage)
{
	return stage_names[stage];
}

int
fd_stage_option(const char *command, const char *arg, enum fd_stage *stage)
{
	if (fd_stage_parse(arg, stage) == 0)
		return 0;
	fprintf(stderr,
		"findings %s: unknown stage '%s' (draft, factual-accuracy, "
		"pre-publication or final)\n",
		command, arg);
	return -1;
}

/* An id index: open addressing on FNV-1a, so hostile files with many ids
 * stay linear. */
struct idx {
	const char **keys;     /* the ids, owned by the tree */
	const xmlNode **nodes; /* the element of each id */
	size_t cap;	       /* slots, a power of two */
	size_t n;	       /* slots used */
};

static size_t
hash(const char *s)
{
	size_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static void
idx_free(struct idx *x)
{
	free(x->keys);
	free(x->nodes);
	memset(x, 0, sizeof *x);
}

static const xmlNode *idx_get(const struct idx *x, const char *key);

/* Adds key; returns the element already holding it, or NULL. */
static const xmlNode *
idx_put(struct idx *x, const char *key, const xmlNode *node)
{
	size_t i;

	if (2 * (x->n + 1) > x->cap) {
		struct idx y = {0};

		y.cap = x->cap ? x->cap * 2 : 64;
		y.keys = fd_xcalloc(y.cap, sizeof *y.keys);
		y.nodes = fd_xcalloc(y.cap, sizeof *y.nodes);
		for (i = 0; i < x->cap; i++)
			if (x->keys[i])
				idx_put(&y, x->keys[i], x->nodes[i]);
		idx_free(x);
		*x = y;
	}
	for (i = hash(key) & (x->cap - 1); x->keys[i];
	     i = (i + 1) & (x->cap - 1))
		if (strcmp(x->keys[i], key) == 0)
			return x->nodes[i];
	x->keys[i] = key;
	x->nodes[i] = node;
	x->n++;
	return NULL;
}

static const xmlNode *
idx_get(const struct idx *x, const char *key)
{
	size_t i;

	if (x->cap == 0)
		return NULL;
	for (i = hash(key) & (x->cap - 1); x->keys[i];
	     i = (i + 1) & (x->cap - 1))
		if (strcmp(x->keys[i], key) == 0)
			return x->nodes[i];
	return NULL;
}

/* Everything one check run needs. */
struct ctx {
	struct fd_input *in;	    /* the inspection */
	struct fd_diags *d;	    /* where diagnostics go */
	enum fd_stage stage;	    /* the stage checked for */
	const char *framework;	    /* inspection/@framework */
	xmlNode *root;		    /* <inspection> */
	struct idx ids;		    /* every id in the file */
	xmlDoc *rules;		    /* templates/<framework>/rules.xml */
	xmlNode *rules_root;	    /* its <rules> */
};

static void
say(struct ctx *c, const xmlNode *node, const char *attr, enum msg m, ...)
{
	long line = 0, col = 0;
	va_list ap;
	enum fd_level level = messages[m].level;

	if (node && attr)
		fd_input_locate_attr(c->in, node, attr, &line, &col);
	else if (node)
		fd_input_locate(c->in, node, &line, &col);
	va_start(ap, m);
	fd_vdiag(c->d, level, c->in->path, line, col, messages[m].text, ap);
	va_end(ap);
}

static long
line_of(const struct ctx *c, const xmlNode *node)
{
	long line, col;

	fd_input_locate(c->in, node, &line, &col);
	return line;
}

/* Calls fn for every element below root, in document order. */
static void
walk(struct ctx *c, xmlNode *root, void (*fn)(struct ctx *, xmlNode *))
{
	xmlNode *n = root;

	while (n != NULL) {
		if (n->type == XML_ELEMENT_NODE)
			fn(c, n);
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n != NULL && n != root && n->next == NULL)
			n = n->parent;
		if (n == NULL || n == root)
			break;
		n = n->next;
	}
}

static void
collect_id(struct ctx *c, xmlNode *n)
{
	const char *id = fd_attr(n, "id");
	const xmlNode *first;

	if (id == NULL)
		return;
	if ((first = idx_put(&c->ids, id, n)) != NULL)
		say(c, n, "id", M_DUP_ID, id, line_of(c, first));
}

/* The parent element's name of an id, e.g. "agency" for an agency id. */
static int
id_is(const struct ctx *c, const char *id, const char *elem)
{
	const xmlNode *n = idx_get(&c->ids, id);

	return n != NULL && fd_is_elem(n, elem);
}

/* What a reference to a missing id could have meant: ": did you mean
 * 'la'? the ids of <agency> are la, police" (the first 20), or ": there
 * is no <agency> with an id". The caller frees it. */
static char *
known_ids(struct ctx *c, const char *id, const char *elem)
{
	const char **v = NULL;
	const char *near;
	struct fd_buf b = {0};
	xmlNode *n = c->root;
	size_t k = 0, cap = 0, i;

	while (n != NULL) {
		/* A repeated id (an error of its own) is listed once: only
		 * its first holder, as the index has it, without a search
		 * for twins (20 000 records took 5 s). */
		if (fd_is_elem(n, elem) && fd_attr(n, "id") != NULL &&
		    idx_get(&c->ids, fd_attr(n, "id")) == n) {
			if (k == cap) {
				cap = cap ? cap * 2 : 16;
				v = fd_xreallocarray(v, cap, sizeof *v);
			}
			v[k++] = fd_attr(n, "id");
		}
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n != NULL && n != c->root && n->next == NULL)
			n = n->parent;
		n = n == NULL || n == c->root ? NULL : n->next;
	}
	if (k == 0) {
		fd_buf_addf(&b, ": there is no <%s> with an id", elem);
		return fd_buf_steal(&b);
	}
	if ((near = fd_nearest(id, v, k)) != NULL)
		fd_buf_addf(&b, ": did you mean '%s'?", near);
	fd_buf_addf(&b, "%s the ids of <%s> are ", near ? "" : ":", elem);
	for (i = 0; i < k && i < 20; i++)
		fd_buf_addf(&b, "%s%s", i ? ", " : "", v[i]);
	if (k > 20)
		fd_buf_addf(&b, " and %zu more", k - 20);
	free(v);
	return fd_buf_steal(&b);
}

/* Checks every whitespace-separated id of attr names an elem. Returns the
 * number of ids. */
static size_t
check_refs(struct ctx *c, xmlNode *n, const char *attr, const char *elem,
	   const char *what)
{
	const char *v = fd_attr(n, attr), *p;
	size_t count = 0;

	if (v == NULL)
		return 0;
	for (p = v; *p;) {
		size_t len;
		char *id;

		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		len = strcspn(p, " \t\n\r");
		if (len == 0)
			break;
		id = fd_xstrndup(p, len);
		if (!id_is(c, id, elem)) {
			char *known = known_ids(c, id, elem);

			say(c, n, attr, M_BAD_REF, attr, id, what, known);
			free(known);
		}
		free(id);
		count++;
		p += len;
	}
	return count;
}

static void
check_date(struct ctx *c, xmlNode *n, const char *attr, struct fd_date *out)
{
	const char *v = fd_attr(n, attr);
	struct fd_date tmp;

	if (v == NULL)
		return;
	if (fd_date_parse(v, out ? out : &tmp) != 0)
		say(c, n, attr, M_BAD_DATE, attr, v);
}

static const char *
rule(const struct ctx *c, const char *elem, const char *attr)
{
	const char *v = fd_attr(fd_child(c->rules_root, elem), attr);

	return v ? v : "";
}

static xmlNode *
judgement_row(const struct ctx *c, const char *aspect)
{
	xmlNode *j = fd_child(c->rules_root, "judgements"), *r;

	for (r = j ? j->children : NULL; r; r = r->next)
		if (fd_is_elem(r, "row") &&
		    strcmp(fd_attr(r, "aspect"), aspect) == 0)
			return r;
	return NULL;
}

/* Whether an element's text is only white space. */
static int
blank(const xmlNode *n)
{
	char *t = fd_text(n);
	int b = t[strspn(t, " \t\r\n")] == '\0';

	free(t);
	return b;
}

/* A finding without text, or of a kind the framework's published
 * document has no place for (rules.xml <unprinted elements="">), is a
 * warning: its text would otherwise be lost without a word. */
static void
check_unprinted(struct ctx *c, xmlNode *n)
{
	xmlNode *u = fd_child(c->rules_root, "unprinted");
	const char *list = fd_attr(u, "elements");
	size_t len = strlen((const char *)n->name);
	const char *p;
	char *why;

	if (n->parent == NULL || !fd_is_elem(n->parent, "findings"))
		return;
	if (!fd_is_elem(n, "statement-of-action") && blank(n))
		say(c, n, NULL, M_NO_TEXT, (const char *)n->name);
	if (list == NULL)
		return;
	for (p = strstr(list, (const char *)n->name); p;
	     p = strstr(p + 1, (const char *)n->name))
		if ((p == list || p[-1] == ' ') &&
		    (p[len] == '\0' || p[len] == ' '))
			break;
	if (p == NULL)
		return;
	why = fd_text_squeezed(u);
	say(c, n, NULL, M_UNPRINTED, (const char *)n->name, why);
	free(why);
}

/*
 * After the letter: a complaint (from an agency) or the review of the
 * statement of action (by a team member) is received on a real day, not
 * before the inspection was notified. The deadlines that need the
 * working-day calendar are warned about with the facts (after.c).
 */
static void
check_after(struct ctx *c, xmlNode *n)
{
	xmlNode *cal = fd_child(c->root, "calendar");
	struct fd_date got, notified, ack;
	int complaint = fd_is_elem(n, "complaint");

	if (complaint)
		check_refs(c, n, "from", "agency", "an agency");
	else
		check_refs(c, n, "by", "member", "a team member");
	check_date(c, n, "date", NULL);
	if (fd_date_parse(fd_attr(n, "received"), &got) != 0) {
		check_date(c, n, "received", NULL);
		return;
	}
	if (cal && fd_date_parse(fd_attr(cal, "notified"), &notified) == 0 &&
	    fd_date_cmp(got, notified) < 0)
		say(c, n, "received", M_AFTER_BEFORE_NOTICE,
		    complaint ? "the day the complaint was received"
			      : "the day the statement of action was received",
		    fd_attr(n, "received"), fd_attr(cal, "notified"));
	if (!complaint || fd_attr(n, "acknowledged") == NULL)
		return;
	if (fd_date_parse(fd_attr(n, "acknowledged"), &ack) != 0)
		check_date(c, n, "acknowledged", NULL);
	else if (fd_date_cmp(ack, got) < 0)
		say(c, n, "acknowledged", M_ACK_BEFORE,
		    fd_attr(n, "acknowledged"), fd_attr(n, "received"));
}

/* References, dates and framework rules, element by element. */
static void
check_elem(struct ctx *c, xmlNode *n)
{
	const char *name = (const char *)n->name;
	const char *v;

	check_unprinted(c, n);
	if (strcmp(name, "record") == 0) {
		check_refs(c, n, "by", "member", "a team member");
		check_refs(c, n, "agency", "agency", "an agency");
		check_date(c, n, "date", NULL);
		v = fd_attr(n, "esn");
		if (strcmp(rule(c, "esn", "use"), "required") == 0 && !v)
			say(c, n, NULL, M_ESN_MISSING, fd_attr(n, "id"),
			    c->framework);
		else if (strcmp(rule(c, "esn", "use"), "forbidden") == 0 && v)
			say(c, n, "esn", M_ESN_FORBIDDEN, c->framework);
		else if (v && strcmp(v, "DD") != 0 &&
			 (strlen(v) != 2 || v[0] < '0' || v[0] > '2' ||
			  v[1] < '0' || v[1] > '9' || strcmp(v, "00") == 0 ||
			  strcmp(v, "22") > 0))
			say(c, n, "esn", M_ESN_RANGE, v);
		if (v && fd_attr(n, "criterion") && strcmp(v, "DD") != 0)
			say(c, n, "criterion", M_CRITERION_NOT_DD, v);
		if ((v = fd_attr(n, "aspect")) != NULL) {
			if (strcmp(rule(c, "record-aspect", "use"),
				   "allowed") != 0)
				say(c, n, "aspect", M_ASPECT_FORBIDDEN,
				    c->framework);
			else if (judgement_row(c, v) == NULL)
				say(c, n, "aspect", M_ASPECT_UNKNOWN, v,
				    c->framework);
		}
	} else if (strcmp(name, "strength") == 0 ||
		   strcmp(name, "improvement") == 0 ||
		   strcmp(name, "priority-action") == 0 ||
		   strcmp(name, "case-study") == 0) {
		check_refs(c, n, "agencies", "agency", "an agency");
		if (check_refs(c, n, "evidence", "record",
			       "an evidence record") == 0)
			say(c, n, NULL, M_NO_EVIDENCE, name,
			    fd_attr(n, "id") ? fd_attr(n, "id") : "");
		if (strcmp(rule(c, "improvement-placing", "use"), "allowed") !=
		    0) {
			if (fd_attr(n, "within"))
				say(c, n, "within", M_PLACING_IGNORED,
				    "within", c->framework);
			if (fd_attr(n, "section"))
				say(c, n, "section", M_PLACING_IGNORED,
				    "section", c->framework);
		}
	} else if (strcmp(name, "statement-of-action") == 0) {
		check_refs(c, n, "lead", "agency", "an agency");
		check_refs(c, n, "cooperating", "agency", "an agency");
		if (strcmp(fd_attr(n, "required"), "yes") == 0 &&
		    fd_attr(n, "lead") == NULL)
			say(c, n, NULL, M_SOA_NO_LEAD);
	} else if (strcmp(name, "concern") == 0) {
		struct fd_date r = {0}, due = {0};
		int ok = 1;

		check_refs(c, n, "by", "member", "a team member");
		check_refs(c, n, "agency", "agency", "an agency");
		if (fd_date_parse(fd_attr(n, "referred"), &r) != 0) {
			check_date(c, n, "referred", NULL);
			ok = 0;
		}
		if (fd_date_parse(fd_attr(n, "due"), &due) != 0) {
			check_date(c, n, "due", NULL);
			ok = 0;
		}
		if (ok && fd_date_cmp(due, r) < 0)
			say(c, n, "due", M_DUE_BEFORE, fd_attr(n, "due"),
			    fd_attr(n, "referred"));
	} else if (strcmp(name, "sign-off") == 0) {
		check_date(c, n, "officer-date", NULL);
		check_date(c, n, "lead-date", NULL);
	} else if (strcmp(name, "revision") == 0) {
		check_refs(c, n, "by", "member", "a team member");
		check_date(c, n, "date", NULL);
	} else if (strcmp(name, "decision") == 0) {
		check_refs(c, n, "comment", "comment",
			   "a factual accuracy comment");
		check_refs(c, n, "by", "member", "a team member");
	} else if (strcmp(name, "comment") == 0) {
		v = fd_attr(n, "from");
		if (v && !id_is(c, v, "agency"))
			say(c, n, "from", M_BAD_FROM, v);
	} else if (strcmp(name, "calendar") == 0) {
		check_date(c, n, "notified", NULL);
	} else if (strcmp(name, "non-working") == 0) {
		check_date(c, n, "date", NULL);
	} else if (strcmp(name, "factual-accuracy") == 0) {
		check_date(c, n, "received", NULL);
	} else if (strcmp(name, "complaint") == 0 ||
		   strcmp(name, "statement-of-action-review") == 0) {
		check_after(c, n);
	}
}

/* Sizes. */

/* The elements whose text is Markdown. */
static int
is_prose(const xmlNode *n)
{
	static const char *const names[] = {
		"summary",   "strength", "improvement", "priority-action",
		"case-study", "record",	  "issues",	 "response",
		"evaluation", "judgement", "comment",	 "decision",
		"complaint", "statement-of-action-review"};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (fd_is_elem(n, names[i]))
			return 1;
	return 0;
}

/* Reports each paragraph under n with more text than the typesetter
 * takes, less the room a template may add. */
static void
check_paragraphs(struct ctx *c, const struct fd_node *n)
{
	size_t i, len = 0;

	for (i = 0; i < n->nruns; i++)
		len += strlen(n->runs[i].text);
	if (len > FD_MAX_BLOCK_TEXT - PROSE_ROOM)
		fd_diag(c->d, FD_ERROR, c->in->path, n->line, 1,
			messages[M_PARA_LONG].text, len,
			FD_MAX_BLOCK_TEXT - PROSE_ROOM);
	for (i = 0; i < n->nkids; i++)
		check_paragraphs(c, n->kids[i]);
}

/*
 * Values and prose the renderer could not take, refused here where the
 * error can name the element: long names, Markdown beyond its bounds
 * (parsed as the evidence trace sets it, inside a quote), paragraphs the
 * typesetter would refuse. Lists of ids (evidence=) may be long.
 */
static void
check_size(struct ctx *c, xmlNode *n)
{
	const xmlAttr *a;
	const xmlNode *k;
	struct fd_node *quote;
	char *text, *what;
	size_t len;

	for (a = n->properties; a; a = a->next) {
		const char *name = (const char *)a->name;
		const char *v = fd_attr(n, name);

		if (v == NULL || strlen(v) <= MAX_VALUE ||
		    strcmp(name, "evidence") == 0 ||
		    strcmp(name, "agencies") == 0 ||
		    strcmp(name, "cooperating") == 0)
			continue;
		what = fd_xasprintf("%s=", name);
		say(c, n, name, M_VALUE_LONG, what, strlen(v), MAX_VALUE);
		free(what);
	}
	for (k = n->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE)
			return;
	text = fd_text(n);
	len = strlen(text);
	if (!is_prose(n)) {
		if (len > MAX_VALUE) {
			what = fd_xasprintf("<%s>", (const char *)n->name);
			say(c, n, NULL, M_VALUE_LONG, what, len, MAX_VALUE);
			free(what);
		}
	} else if (len > FD_MARKDOWN_MAX - PROSE_ROOM) {
		say(c, n, NULL, M_PROSE_LONG, len,
		    FD_MARKDOWN_MAX - PROSE_ROOM);
	} else {
		quote = fd_node_new(FD_NODE_QUOTE, c->in->path, 0);
		if (fd_markdown_parse(text, len, quote, c->in->path,
				      fd_input_text_line(c->in, n),
				      c->d) == 0)
			check_paragraphs(c, quote);
		fd_node_free(quote);
	}
	free(text);
}

/* Bytes of a record's text. */
static size_t
text_len(const xmlNode *n)
{
	const xmlNode *k;
	size_t len = 0;

	for (k = n->children; k; k = k->next)
		if (k->type == XML_TEXT_NODE ||
		    k->type == XML_CDATA_SECTION_NODE)
			len += (size_t)xmlStrlen(k->content);
	return len;
}

/* Which practice the cited records show: bit 1 effective, bit 2
 * development. Adds the citations to *cites and, until it passes
 * MAX_TRACED, their text to *traced. */
static int
cited_practice(const struct ctx *c, const xmlNode *n, size_t *cites,
	       size_t *traced)
{
	const char *v = fd_attr(n, "evidence"), *p;
	int seen = 0;

	for (p = v ? v : ""; *p;) {
		size_t len;
		char *id;
		const xmlNode *r;

		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		len = strcspn(p, " \t\n\r");
		if (len == 0)
			break;
		id = fd_xstrndup(p, len);
		r = idx_get(&c->ids, id);
		if (r && fd_is_elem(r, "record")) {
			const char *pr = fd_attr(r, "practice");

			(*cites)++;
			if (*traced <= MAX_TRACED)
				*traced += text_len(r);
			if (pr && strcmp(pr, "effective") == 0)
				seen |= 1;
			else if (pr && strcmp(pr, "development") == 0)
				seen |= 2;
		}
		free(id);
		p += len;
	}
	return seen;
}

static void
check_findings(struct ctx *c)
{
	xmlNode *f = fd_child(c->root, "findings"), *n;
	size_t cites = 0, traced = 0;

	for (n = f ? f->children : NULL; n; n = n->next) {
		int seen;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		seen = cited_practice(c, n, &cites, &traced);
		if (fd_is_elem(n, "strength") && seen == 2)
			say(c, n, "evidence", M_POLARITY_STRENGTH,
			    fd_attr(n, "id"));
		else if ((fd_is_elem(n, "improvement") ||
			  fd_is_elem(n, "priority-action")) &&
			 seen == 1)
			say(c, n, "evidence", M_POLARITY_AREA,
			    (const char *)n->name, fd_attr(n, "id"));
	}
	if (cites > MAX_CITATIONS)
		say(c, f, NULL, M_CITATIONS, cites, MAX_CITATIONS);
	else if (traced > MAX_TRACED)
		say(c, f, NULL, M_TRACED, MAX_TRACED);
}

static void
check_frame(struct ctx *c)
{
	const char *variant = fd_attr(c->root, "variant");
	xmlNode *vars = fd_child(c->rules_root, "variants");
	xmlNode *team = fd_child(c->root, "team"), *m;
	const char *lead = NULL;
	int qa = 0;

	if (variant) {
		char *allowed = fd_text(vars);
		char *padded = fd_xasprintf(" %s ", allowed);
		char *want = fd_xasprintf(" %s ", variant);
		char *p;

		for (p = padded; *p; p++)
			if (*p == '\t' || *p == '\n')
				*p = ' ';
		if (strstr(padded, want) == NULL)
			say(c, c->root, "variant", M_VARIANT, variant,
			    c->framework);
		free(allowed);
		free(padded);
		free(want);
	}
	if (strcmp(rule(c, "theme", "use"), "expected") == 0 &&
	    fd_child(c->root, "theme") == NULL)
		say(c, c->root, NULL, M_THEME_MISSING, c->framework);
	else if (strcmp(rule(c, "theme", "use"), "ignored") == 0 &&
		 fd_child(c->root, "theme") != NULL)
		say(c, fd_child(c->root, "theme"), NULL, M_THEME_IGNORED,
		    c->framework);
	for (m = team ? team->children : NULL; m; m = m->next) {
		const char *role = fd_attr(m, "role");

		if (!fd_is_elem(m, "member") || role == NULL)
			continue;
		if (strcmp(role, "lead-inspector") == 0) {
			if (lead)
				say(c, m, "role", M_TWO_LEADS, lead);
			else
				lead = fd_attr(m, "id");
		} else if (strcmp(role, "qa-manager") == 0)
			qa = 1;
	}
	if (team && lead == NULL)
		say(c, team, NULL, M_NO_LEAD);
	else if (team && !qa)
		say(c, team, NULL, M_NO_QA);
}

static int
grade_rank(const char *g)
{
	size_t i;

	for (i = 0; g && i < sizeof grades / sizeof grades[0]; i++)
		if (strcmp(g, grades[i]) == 0)
			return (int)i;
	return -1;
}

static void
check_judgements(struct ctx *c)
{
	xmlNode *js = fd_child(c->root, "judgements"), *j, *r;
	xmlNode *rj = fd_child(c->rules_root, "judgements");
	struct idx graded = {0};

	if (strcmp(rule(c, "judgements", "use"), "forbidden") == 0) {
		if (js)
			say(c, js, NULL, M_JUDGEMENTS_FORBIDDEN, c->framework);
		return;
	}
	for (j = js ? js->children : NULL; j; j = j->next) {
		const char *aspect = fd_attr(j, "aspect");
		const xmlNode *first;

		if (!fd_is_elem(j, "judgement") || aspect == NULL)
			continue;
		if (judgement_row(c, aspect) == NULL) {
			say(c, j, "aspect", M_ASPECT_UNKNOWN, aspect,
			    c->framework);
			continue;
		}
		if ((first = idx_put(&graded, aspect, j)) != NULL)
			say(c, j, "aspect", M_JUDGEMENT_TWICE, aspect,
			    line_of(c, first));
	}
	for (r = rj ? rj->children : NULL; r; r = r->next) {
		const char *aspect;
		char *label;

		if (!fd_is_elem(r, "row") || fd_attr(r, "optional"))
			continue;
		aspect = fd_attr(r, "aspect");
		if (idx_get(&graded, aspect))
			continue;
		label = fd_text(r);
		say(c, js ? js : c->root, NULL,
		    c->stage == FD_STAGE_FINAL ? M_JUDGEMENT_MISSING_FINAL
					       : M_JUDGEMENT_MISSING,
		    aspect, label);
		free(label);
	}
	/* Limiting judgements. */
	for (r = rj ? rj->children : NULL; r; r = r->next) {
		const xmlNode *target;
		const char *when, *p;
		int at_most, is_at_most, tg;

		if (!fd_is_elem(r, "limit"))
			continue;
		target = idx_get(&graded, fd_attr(r, "target"));
		if (target == NULL || fd_attr(target, "why"))
			continue;
		tg = grade_rank(fd_attr(target, "grade"));
		at_most = grade_rank(fd_attr(r, "at-most"));
		is_at_most = grade_rank(fd_attr(r, "is-at-most"));
		if (tg <= at_most)
			continue;
		when = fd_attr(r, "when-any");
		for (p = when; *p;) {
			size_t len;
			char *a;
			const xmlNode *w;

			while (*p == ' ' || *p == '\n' || *p == '\t')
				p++;
			len = strcspn(p, " \n\t");
			if (len == 0)
				break;
			a = fd_xstrndup(p, len);
			w = idx_get(&graded, a);
			if (w && grade_rank(fd_attr(w, "grade")) <= is_at_most) {
				char *why = fd_text(r);

				say(c, target, "grade", M_LIMIT,
				    fd_attr(target, "aspect"),
				    fd_attr(target, "grade"), a,
				    fd_attr(w, "grade"), why);
				free(why);
				free(a);
				break;
			}
			free(a);
			p += len;
		}
	}
	idx_free(&graded);
}

static void
check_fa(struct ctx *c)
{
	xmlNode *fa = fd_child(c->root, "factual-accuracy"), *n;
	xmlNode *hist = fd_child(c->root, "history");
	struct idx decided = {0};
	const char *against;

	if (fa == NULL)
		return;
	for (n = fa->children; n; n = n->next) {
		const xmlNode *first;
		const char *cm = fd_attr(n, "comment");

		if (!fd_is_elem(n, "decision") || cm == NULL)
			continue;
		if ((first = idx_put(&decided, cm, n)) != NULL)
			say(c, n, "comment", M_FA_TWICE, cm,
			    line_of(c, first));
	}
	for (n = fa->children; n; n = n->next) {
		if (!fd_is_elem(n, "comment") || fd_attr(n, "id") == NULL ||
		    idx_get(&decided, fd_attr(n, "id")))
			continue;
		if (c->stage == FD_STAGE_FINAL)
			say(c, n, NULL, M_FA_OPEN_FINAL, fd_attr(n, "id"));
		else if (c->stage == FD_STAGE_PRE_PUBLICATION)
			say(c, n, NULL, M_FA_OPEN, fd_attr(n, "id"));
	}
	idx_free(&decided);
	against = fd_attr(fa, "against-revision");
	if (against && hist) {
		int found = 0;

		for (n = hist->children; n; n = n->next)
			if (fd_is_elem(n, "revision") &&
			    strcmp(fd_attr(n, "n"), against) == 0)
				found = 1;
		if (!found)
			say(c, fa, "against-revision", M_FA_REVISION, against);
	}
}

static void
check_history(struct ctx *c)
{
	xmlNode *hist = fd_child(c->root, "history"), *n, *prev = NULL;

	for (n = hist ? hist->children : NULL; n; n = n->next) {
		struct fd_date a, b;

		if (!fd_is_elem(n, "revision"))
			continue;
		if (prev && (atol(fd_attr(n, "n")) <= atol(fd_attr(prev, "n")) ||
			     (fd_date_parse(fd_attr(n, "date"), &a) == 0 &&
			      fd_date_parse(fd_attr(prev, "date"), &b) == 0 &&
			      fd_date_cmp(a, b) < 0)))
			say(c, n, "n", M_REVISION_ORDER, fd_attr(n, "n"),
			    fd_attr(n, "date"), fd_attr(prev, "n"),
			    fd_attr(prev, "date"));
		prev = n;
	}
}

static int
load_rules(struct ctx *c, const struct fd_datadir *dd)
{
	char *rel = fd_xasprintf("%s/rules.xml", c->framework);
	char *path = fd_datadir_template(dd, rel);
	char *rng = fd_path_join(dd->templates, "schema/rules.rng");
	struct fd_input *r = NULL;
	int ok = 0;

	if (path != NULL && (r = fd_load_file(path, c->d)) != NULL &&
	    fd_validate_rng(r, rng, c->d) == 0) {
		c->rules = r->doc;
		r->doc = NULL;
		c->rules_root = xmlDocGetRootElement(c->rules);
		ok = 1;
	}
	if (!ok)
		say(c, c->root, "framework", M_NO_RULES, c->framework);
	fd_input_free(r);
	free(rel);
	free(path);
	free(rng);
	return ok ? 0 : -1;
}

static void
ctx_clear(struct ctx *c)
{
	idx_free(&c->ids);
	if (c->rules)
		xmlFreeDoc(c->rules);
}

enum fd_stage
fd_inspection_stage(const struct fd_input *in)
{
	xmlNode *root = xmlDocGetRootElement(in->doc);
	xmlNode *hist = fd_child(root, "history"), *n;
	enum fd_stage stage = FD_STAGE_DRAFT, s;

	for (n = hist ? hist->children : NULL; n; n = n->next)
		if (fd_is_elem(n, "revision") && fd_attr(n, "stage") &&
		    fd_stage_parse(fd_attr(n, "stage"), &s) == 0)
			stage = s;
	return stage;
}

unsigned
fd_check(struct fd_input *in, const struct fd_datadir *dd, enum fd_stage stage,
	 struct fd_diags *d)
{
	char *rng = fd_path_join(dd->templates, "schema/inspection.rng");
	unsigned before = fd_diags_count(d, FD_ERROR) +
			  fd_diags_count(d, FD_IOERR);
	struct ctx c = {0};

	fd_input_dedent_report(in, d);
	if (fd_validate_rng(in, rng, d) != 0) {
		free(rng);
		return fd_diags_count(d, FD_ERROR) +
		       fd_diags_count(d, FD_IOERR) - before;
	}
	free(rng);
	c.in = in;
	c.d = d;
	c.stage = stage;
	c.root = xmlDocGetRootElement(in->doc);
	c.framework = fd_attr(c.root, "framework");
	if (load_rules(&c, dd) == 0) {
		walk(&c, c.root, collect_id);
		walk(&c, c.root, check_elem);
		walk(&c, c.root, check_size);
		check_frame(&c);
		check_findings(&c);
		check_judgements(&c);
		check_fa(&c);
		check_history(&c);
	}
	ctx_clear(&c);
	return fd_diags_count(d, FD_ERROR) + fd_diags_count(d, FD_IOERR) -
	       before;
}

void
fd_strv_free(char **v)
{
	size_t i;

	for (i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}
