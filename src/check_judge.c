/*
 * check_judge.c: judgements. Each aspect the framework grades is graded
 * once, none is missing, and a grade its limiting judgements forbid is
 * warned about unless why="" says the departure is deliberate.
 */
#include <stdlib.h>
#include <string.h>

#include "check_int.h"

/* Grades from worst to best. */
static const char *const grades[] = {"inadequate", "adequate", "good",
				     "outstanding"};

static int
grade_rank(const char *g)
{
	size_t i;

	for (i = 0; g && i < sizeof grades / sizeof grades[0]; i++)
		if (strcmp(g, grades[i]) == 0)
			return (int)i;
	return -1;
}

void
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
		char *a;
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
		for (p = when; (a = next_id(&p)) != NULL;) {
			const xmlNode *w = idx_get(&graded, a);

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
		}
	}
	idx_free(&graded);
}
