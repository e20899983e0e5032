/*
 * check.c: the semantic rules of SPEC.md, after the schema has passed.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"

static const char *const stage_names[] = {"draft", "factual-accuracy",
					   "pre-publication", "final"};

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

unsigned
fd_check(struct fd_input *in, const struct fd_datadir *dd, enum fd_stage stage,
	 struct fd_diags *d)
{
	char *rng = fd_path_join(dd->templates, "schema/inspection.rng");
	unsigned errors;

	(void)stage;
	fd_input_dedent(in);
	errors = fd_validate_rng(in, rng, d);
	free(rng);
	return errors;
}
