/*
 * check_rules.c: the framework's rules (templates/<framework>/rules.xml)
 * element by element, then those of the team, the factual accuracy
 * comments and the history.
 */
#include <stdlib.h>
#include <string.h>

#include "check_int.h"
#include "date.h"

const char *
rule(const struct ctx *c, const char *elem, const char *attr)
{
	const char *v = fd_attr(fd_child(c->rules_root, elem), attr);

	return v ? v : "";
}

xmlNode *
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

/* A finding without text, or a finding or part of the inspection that
 * the framework's published document has no place for (rules.xml
 * <unprinted elements="">), is a warning: its text would otherwise be
 * lost without a word. */
static void
check_unprinted(struct ctx *c, xmlNode *n)
{
	xmlNode *u = fd_child(c->rules_root, "unprinted");
	const char *list = fd_attr(u, "elements");
	size_t len = strlen((const char *)n->name);
	const char *p;
	char *why;

	if (n->parent == NULL || (!fd_is_elem(n->parent, "findings") &&
				  n->parent != c->root))
		return;
	if (fd_is_elem(n->parent, "findings") &&
	    !fd_is_elem(n, "statement-of-action") && blank(n))
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
void
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
	} else if (strcmp(name, "about") == 0) {
		check_date(c, n, "unannounced-inspection", NULL);
	} else if (strcmp(name, "complaint") == 0 ||
		   strcmp(name, "statement-of-action-review") == 0) {
		check_after(c, n);
	}
}

void
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

void
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

void
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
