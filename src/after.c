/*
 * after.c: complaints and the review of the statement of action
 * (after.h).
 *
 * The inspection has passed fd_check: references resolve and dates are
 * real, so what is parsed here is trusted. The procedure file is data
 * and is validated against its schema before use.
 */
#include "after.h"

#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "check.h"
#include "load.h"

/* Days of the procedure file's milestones beyond which nothing is
 * dated: the schema bounds them at 100. */
#define MAX_STEP_DAYS 100

/* Loads and validates templates/<framework>/complaints.xml; NULL when
 * the framework has none (*bad stays 0) or after reporting a bad one
 * (*bad set). */
static struct fd_input *
load_procedures(const struct fd_datadir *dd, const char *framework,
		struct fd_diags *d, int *bad)
{
	char *rel = fd_xasprintf("%s/complaints.xml", framework);
	char *path = fd_datadir_template(dd, rel);
	char *rng = fd_path_join(dd->templates, "schema/complaints.rng");
	struct fd_input *p = NULL;

	*bad = 0;
	if (path != NULL) {
		p = fd_load_file(path, d);
		if (p == NULL || fd_validate_data(p, rng, d) != 0) {
			fd_input_free(p);
			p = NULL;
			*bad = 1;
		}
	}
	free(rel);
	free(path);
	free(rng);
	return p;
}

/* Whether the space-separated list holds word. */
static int
has_word(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = list ? strstr(list, word) : NULL; p; p = strstr(p + 1, word))
		if ((p == list || p[-1] == ' ') &&
		    (p[n] == '\0' || p[n] == ' '))
			return 1;
	return 0;
}

/* The procedure for a complaint about this. */
static xmlNode *
procedure_for(const struct fd_input *procs, const char *about)
{
	xmlNode *n;

	for (n = xmlDocGetRootElement(procs->doc)->children; n; n = n->next)
		if (fd_is_elem(n, "procedure") &&
		    has_word(fd_attr(n, "about"), about))
			return n;
	return NULL;
}

static xmlNode *
complaints_of(const struct fd_input *in)
{
	return fd_child(xmlDocGetRootElement(in->doc), "complaints");
}

/* Dates one complaint's procedure. */
static void
plan_one(struct fd_complaint_plan *p, xmlNode *c, xmlNode *proc,
	 fd_workday_fn add, void *arg)
{
	xmlNode *m;
	char *end;

	p->id = fd_xstrdup(fd_attr(c, "id"));
	p->title = fd_xstrdup(fd_attr(proc, "title"));
	fd_date_parse(fd_attr(c, "received"), &p->received);
	for (m = proc->children; m; m = m->next) {
		struct fd_complaint_step *s;
		long days;

		if (!fd_is_elem(m, "milestone"))
			continue;
		days = strtol(fd_attr(m, "days"), &end, 10);
		if (days < 0 || days > MAX_STEP_DAYS)
			continue;
		p->steps = fd_xreallocarray(p->steps, p->n + 1,
					    sizeof *p->steps);
		s = &p->steps[p->n++];
		memset(s, 0, sizeof *s);
		s->days = (int)days;
		if (days == 0 || add(arg, p->received, days, &s->date) != 0)
			s->date = p->received;
		s->key = fd_attr(m, "key") ? fd_xstrdup(fd_attr(m, "key"))
					   : NULL;
		s->what = fd_text_squeezed(m);
		s->who = fd_xstrdup(fd_attr(m, "who"));
	}
}

long
fd_after_plans(const struct fd_input *in, const struct fd_datadir *dd,
	       fd_workday_fn add, void *arg, struct fd_complaint_plan **plans,
	       struct fd_diags *d)
{
	xmlNode *cs = complaints_of(in), *c, *proc;
	struct fd_input *procs;
	long n = 0;
	int bad;

	*plans = NULL;
	if (cs == NULL || fd_child(cs, "complaint") == NULL)
		return 0;
	procs = load_procedures(dd, fd_attr(xmlDocGetRootElement(in->doc),
					    "framework"),
				d, &bad);
	if (procs == NULL)
		return bad ? -1 : 0;
	for (c = cs->children; c; c = c->next) {
		if (!fd_is_elem(c, "complaint") ||
		    (proc = procedure_for(procs, fd_attr(c, "about"))) == NULL)
			continue;
		*plans = fd_xreallocarray(*plans, (size_t)n + 1,
					  sizeof **plans);
		memset(&(*plans)[n], 0, sizeof **plans);
		plan_one(&(*plans)[n++], c, proc, add, arg);
	}
	fd_input_free(procs);
	return n;
}

void
fd_after_plans_free(struct fd_complaint_plan *plans, long n)
{
	long i;
	size_t j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < plans[i].n; j++) {
			free(plans[i].steps[j].key);
			free(plans[i].steps[j].what);
			free(plans[i].steps[j].who);
		}
		free(plans[i].steps);
		free(plans[i].id);
		free(plans[i].title);
	}
	free(plans);
}

/* Sets NAME-date ("7 March 2016") and NAME-date-iso. */
static void
set_date(struct fd_map *m, const char *name, struct fd_date day)
{
	char buf[32], *k;

	k = fd_xasprintf("%s-date", name);
	fd_map_set(m, k, fd_date_long(day, buf, sizeof buf));
	free(k);
	k = fd_xasprintf("%s-date-iso", name);
	fd_map_set(m, k, fd_date_iso(day, buf, sizeof buf));
	free(k);
}

/* The date a fact holds in its -iso twin; 0 or -1. */
static int
fact_date(const struct fd_map *m, const char *key, struct fd_date *out)
{
	const char *v = fd_map_get(m, key);

	return v != NULL ? fd_date_parse(v, out) : -1;
}

/* The last day a complaint may be made, from the procedure's limit and
 * the publication date; 0, or -1 when there is no limit or no date. */
static int
limit_date(const struct fd_map *m, const struct fd_input *procs,
	   struct fd_facts *f, struct fd_date *out, xmlNode **limit)
{
	struct fd_date pub;
	long days;

	*limit = fd_child(xmlDocGetRootElement(procs->doc), "limit");
	if (*limit == NULL || fact_date(m, "publication-date-iso", &pub) != 0)
		return -1;
	days = strtol(fd_attr(*limit, "days"), NULL, 10);
	if (strcmp(fd_attr(*limit, "unit"), "calendar") == 0)
		*out = fd_date_add_days(pub, days);
	else if (fd_facts_add_working_days(f, pub, days, out) != 0)
		return -1;
	return 0;
}

/* A complaint received after the framework's time limit. */
static void
warn_late(const struct fd_map *m, const struct fd_input *in,
	  const struct fd_input *procs, struct fd_facts *f, xmlNode *c,
	  struct fd_diags *d)
{
	struct fd_date got, last;
	xmlNode *limit;
	char a[32], b[32];
	const char *why;

	if (limit_date(m, procs, f, &last, &limit) != 0 ||
	    fd_date_parse(fd_attr(c, "received"), &got) != 0 ||
	    fd_date_cmp(got, last) <= 0)
		return;
	why = fd_attr(limit, "consequence");
	fd_input_msg(d, in, c, "received", M_COMPLAINT_LATE, fd_attr(c, "id"),
		     fd_date_long(got, a, sizeof a),
		     fd_date_long(last, b, sizeof b), fd_attr(limit, "days"),
		     fd_attr(limit, "unit"), why ? ": " : "", why ? why : "");
}

/* Warnings about the complaints: no procedure, no document, too late. */
static int
complaint_checks(const struct fd_map *m, const struct fd_input *in,
		 const struct fd_datadir *dd, struct fd_facts *f,
		 struct fd_diags *d)
{
	xmlNode *cs = complaints_of(in), *c;
	const char *fw = fd_attr(xmlDocGetRootElement(in->doc), "framework");
	struct fd_input *procs;
	int bad;

	if (cs == NULL || fd_child(cs, "complaint") == NULL)
		return 0;
	procs = load_procedures(dd, fw, d, &bad);
	if (bad)
		return -1;
	for (c = cs->children; c; c = c->next) {
		if (!fd_is_elem(c, "complaint"))
			continue;
		if (procs == NULL || procedure_for(procs, fd_attr(c, "about")) ==
					 NULL) {
			fd_input_msg(d, in, c, NULL, M_NO_COMPLAINTS_PROCEDURE,
				     fw, fd_attr(c, "about"), fd_attr(c, "id"));
			continue;
		}
		warn_late(m, in, procs, f, c, d);
	}
	fd_input_free(procs);
	return 0;
}

/* The name of a team member. */
static const char *
member_name(const struct fd_input *in, const char *id)
{
	xmlNode *t = fd_child(xmlDocGetRootElement(in->doc), "team"), *n;

	for (n = t ? t->children : NULL; n; n = n->next)
		if (fd_is_elem(n, "member") && id &&
		    strcmp(fd_attr(n, "id"), id) == 0)
			return fd_attr(n, "name");
	return NULL;
}

/* The review's facts and its warnings. */
static void
review_facts(struct fd_map *m, const struct fd_input *in,
	     const struct fd_datadir *dd, struct fd_diags *d)
{
	xmlNode *root = xmlDocGetRootElement(in->doc);
	xmlNode *rv = fd_child(root, "statement-of-action-review");
	xmlNode *fs = fd_child(root, "findings");
	xmlNode *soa = fs ? fd_child(fs, "statement-of-action") : NULL;
	const char *fw = fd_attr(root, "framework");
	struct fd_date got, due, sent;
	char a[32], b[32], *rel, *xsl;

	if (rv == NULL || fd_date_parse(fd_attr(rv, "received"), &got) != 0)
		return;
	set_date(m, "soa-received", got);
	if (fd_attr(rv, "date") == NULL ||
	    fd_date_parse(fd_attr(rv, "date"), &sent) != 0)
		sent = got;
	set_date(m, "soa-response", sent);
	fd_map_set(m, "soa-outcome", fd_attr(rv, "outcome"));
	if (member_name(in, fd_attr(rv, "by")) != NULL)
		fd_map_set(m, "soa-reviewer", member_name(in, fd_attr(rv, "by")));

	rel = fd_xasprintf("%s/soa-response.xsl", fw);
	xsl = fd_datadir_template(dd, rel);
	if (xsl == NULL)
		fd_input_msg(d, in, rv, NULL, M_NO_SOA_RESPONSE, fw);
	free(xsl);
	free(rel);
	if (soa == NULL || strcmp(fd_attr(soa, "required"), "yes") != 0)
		fd_input_msg(d, in, rv, NULL, M_SOA_REVIEW_UNNEEDED);
	if (fact_date(m, "statement-of-action-date-iso", &due) == 0 &&
	    fd_date_cmp(got, due) > 0)
		fd_input_msg(d, in, rv, "received", M_SOA_LATE,
			     fd_date_long(got, a, sizeof a),
			     fd_date_long(due, b, sizeof b),
			     fd_map_get(m, "soa-working-days")
				 ? fd_map_get(m, "soa-working-days")
				 : "70");
	if (fd_date_cmp(sent, got) < 0)
		fd_input_msg(d, in, rv, "date", M_RESPONSE_BEFORE,
			     fd_date_long(sent, a, sizeof a),
			     fd_date_long(got, b, sizeof b));
}

int
fd_after_facts(struct fd_map *m, const struct fd_input *in,
	       const struct fd_datadir *dd, struct fd_facts *f,
	       struct fd_diags *d)
{
	char *rel = fd_xasprintf(
	    "%s/complaints.xml",
	    fd_attr(xmlDocGetRootElement(in->doc), "framework"));
	char *path = fd_datadir_template(dd, rel);

	fd_map_set(m, "complaint-procedure", path != NULL ? "yes" : "no");
	free(path);
	free(rel);
	review_facts(m, in, dd, d);
	return complaint_checks(m, in, dd, f, d);
}

/* The complaint with this id, or NULL. */
static xmlNode *
complaint_by_id(const struct fd_input *in, const char *id)
{
	xmlNode *cs = complaints_of(in), *c;

	for (c = cs ? cs->children : NULL; c; c = c->next)
		if (fd_is_elem(c, "complaint") && id &&
		    strcmp(fd_attr(c, "id"), id) == 0)
			return c;
	return NULL;
}

void
fd_after_complaint_facts(struct fd_map *m, const struct fd_input *in,
			 const struct fd_datadir *dd, struct fd_facts *f,
			 const char *id)
{
	xmlNode *c = complaint_by_id(in, id), *ags, *a, *limit;
	struct fd_complaint_plan *plans = NULL;
	struct fd_date got, letter, last;
	struct fd_input *procs;
	struct fd_diags *quiet;
	long n, i;
	size_t j;
	int bad;

	if (c == NULL || fd_date_parse(fd_attr(c, "received"), &got) != 0)
		return;
	fd_map_set(m, "complaint-id", fd_attr(c, "id"));
	set_date(m, "complaint-received", got);
	letter = got;
	/* The procedure was loaded and reported on with the facts. */
	quiet = fd_diags_new();
	n = fd_after_plans(in, dd, fd_facts_add_working_days, f, &plans, quiet);
	for (i = 0; i < n; i++) {
		if (strcmp(plans[i].id, id) != 0)
			continue;
		for (j = 0; j < plans[i].n; j++) {
			const char *k = plans[i].steps[j].key;

			if (k && strcmp(k, "acknowledgement") == 0)
				letter = plans[i].steps[j].date;
			if (k && strcmp(k, "final-response") == 0)
				set_date(m, "complaint-response",
					 plans[i].steps[j].date);
		}
	}
	fd_after_plans_free(plans, n < 0 ? 0 : n);
	if (fd_attr(c, "acknowledged") != NULL)
		fd_date_parse(fd_attr(c, "acknowledged"), &letter);
	set_date(m, "complaint-letter", letter);
	procs = load_procedures(dd, fd_attr(xmlDocGetRootElement(in->doc),
					    "framework"),
				quiet, &bad);
	fd_diags_free(quiet);
	if (procs != NULL && limit_date(m, procs, f, &last, &limit) == 0)
		set_date(m, "complaint-limit", last);
	fd_input_free(procs);
	ags = fd_child(xmlDocGetRootElement(in->doc), "agencies");
	for (a = ags ? ags->children : NULL; a; a = a->next)
		if (fd_is_elem(a, "agency") &&
		    strcmp(fd_attr(a, "id"), fd_attr(c, "from")) == 0)
			fd_map_set(m, "complaint-from", fd_attr(a, "name"));
}
