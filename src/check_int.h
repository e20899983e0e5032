/*
 * check_int.h: what the rooms of the checker share; private to check*.c.
 *
 *   check.c        the entry (fd_check), the stages, the messages, and
 *                  the walk that reports at an element
 *   check_ids.c    ids: the index, references to them, dates
 *   check_rules.c  the framework's rules, element by element, and those
 *                  of the team, the factual accuracy comments and the
 *                  history
 *   check_judge.c  judgements: grades and limiting judgements
 *   check_size.c   sizes: values and prose the renderer could not take,
 *                  and the evidence the findings cite
 *
 * The privacy gate that check runs over every outgoing document is
 * privacy.c's (through render.h), not here.
 */
#ifndef FD_CHECK_INT_H
#define FD_CHECK_INT_H

#include "check.h"
#include "date.h"
#include "load.h"

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

/* One message of the table. */
struct check_message {
	enum fd_level level; /* how serious */
	const char *text;    /* printf format */
};

/* The messages, by enum msg. */
extern const struct check_message check_messages[];

/* An id index: open addressing on FNV-1a, so hostile files with many ids
 * stay linear. */
struct idx {
	const char **keys;     /* the ids, owned by the tree */
	const xmlNode **nodes; /* the element of each id */
	size_t cap;	       /* slots, a power of two */
	size_t n;	       /* slots used */
};

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

/* ------------------------------------------------------- check.c */

/* Reports message m at node (its attribute attr, when not NULL). */
void say(struct ctx *c, const xmlNode *node, const char *attr, enum msg m,
	 ...);
/* The line of node's start tag. */
long line_of(const struct ctx *c, const xmlNode *node);

/* --------------------------------------------------- check_ids.c */

/* Adds key; returns the element already holding it, or NULL. */
const xmlNode *idx_put(struct idx *x, const char *key, const xmlNode *node);
/* The element holding key, or NULL. */
const xmlNode *idx_get(const struct idx *x, const char *key);
/* Frees x's slots and empties it. */
void idx_free(struct idx *x);
/* Indexes n's id, reporting a duplicate. */
void collect_id(struct ctx *c, xmlNode *n);
/* Whether id is the id of an elem. */
int id_is(const struct ctx *c, const char *id, const char *elem);
/* Checks every whitespace-separated id of attr names an elem (what, in
 * words); returns the number of ids. */
size_t check_refs(struct ctx *c, xmlNode *n, const char *attr,
		  const char *elem, const char *what);
/* Checks that attr, when present, is a real date; stores it in out. */
void check_date(struct ctx *c, xmlNode *n, const char *attr,
		struct fd_date *out);

/* ------------------------------------------------- check_rules.c */

/* The rules' <elem attr="">, or "". */
const char *rule(const struct ctx *c, const char *elem, const char *attr);
/* The rules' judgement row of aspect, or NULL. */
xmlNode *judgement_row(const struct ctx *c, const char *aspect);
/* References, dates and framework rules of one element. */
void check_elem(struct ctx *c, xmlNode *n);
/* The variant, the theme and the team. */
void check_frame(struct ctx *c);
/* Factual accuracy comments and their decisions. */
void check_fa(struct ctx *c);
/* The revisions of the history, in order. */
void check_history(struct ctx *c);

/* ------------------------------------------------- check_judge.c */

/* Grades: each aspect once, none missing, limiting judgements. */
void check_judgements(struct ctx *c);

/* -------------------------------------------------- check_size.c */

/* Values and prose of one element the renderer could not take. */
void check_size(struct ctx *c, xmlNode *n);
/* The practice the findings cite, and the bounds of their citations. */
void check_findings(struct ctx *c);

#endif
