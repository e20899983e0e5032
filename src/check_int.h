/*
 * check_int.h: what the rooms of the checker share; private to check*.c.
 *
 *   check.c        the entry (fd_check), the stages, and the walk that
 *                  reports at an element (its messages are msg.h's)
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
#include "msg.h"


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
void say(struct ctx *c, const xmlNode *node, const char *attr, enum fd_msg m,
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
/* The next id of a whitespace-separated list at *p, a new string the
 * caller frees, with *p moved past it; NULL at the list's end. */
char *next_id(const char **p);
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
