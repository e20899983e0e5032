/*
 * check.h: validation of an inspection: the RELAX NG schema, then the
 * semantic rules of SPEC.md that a schema cannot say.
 */
#ifndef FD_CHECK_H
#define FD_CHECK_H

#include "datadir.h"

struct fd_input; /* load.h */

/* The stages of a letter, in order. */
enum fd_stage {
	FD_STAGE_DRAFT,
	FD_STAGE_FACTUAL_ACCURACY,
	FD_STAGE_PRE_PUBLICATION,
	FD_STAGE_FINAL
};

/* Parses a stage name; returns 0, or -1 when it is not one. */
int fd_stage_parse(const char *s, enum fd_stage *stage);
const char *fd_stage_name(enum fd_stage stage);
/* Parses the argument of --stage for a command; on an unknown stage says
 * so on standard error, naming the command and the stages, and returns
 * -1 (the caller exits with the usage status). */
int fd_stage_option(const char *command, const char *arg,
		    enum fd_stage *stage);

/*
 * Validates the loaded inspection against templates/schema/inspection.rng
 * and, when that passes, applies every semantic rule; at FD_STAGE_FINAL the
 * factual-accuracy rules are errors. The privacy rule is the gate of
 * privacy.h, which searches the documents themselves (fd_render_gate). Reports through d and
 * returns the number of errors found. The inspection is dedented first.
 */
unsigned fd_check(struct fd_input *in, const struct fd_datadir *dd,
		  enum fd_stage stage, struct fd_diags *d);

/* The stage of the last revision in the history, or draft: the stage
 * that findings check checks for when none is given. */
enum fd_stage fd_inspection_stage(const struct fd_input *in);

/* Frees a NULL-terminated array of strings and each of them. */
void fd_strv_free(char **v);

/* Validates any loaded XML file against a RELAX NG schema file, with our
 * filtered messages. Returns the number of errors reported. */
unsigned fd_validate_rng(const struct fd_input *in, const char *rng_path,
			 struct fd_diags *d);

/*
 * Starts parsing the schemas at paths (n of them, copied) in a thread of
 * its own, in that order, so that parsing them overlaps reading and
 * checking the input: fd_validate_rng then finds each parsed, or waits for
 * it. A schema that fails to parse there is parsed again, and reported,
 * where it is first wanted. Returns what fd_schema_preload_join waits for,
 * or NULL when no thread could start (each is then parsed when wanted).
 */
struct fd_preload;
struct fd_preload *fd_schema_preload(const char *const *paths, size_t n);
/* Waits for the thread and frees p; NULL does nothing. */
void fd_schema_preload_join(struct fd_preload *p);

/* fd_validate_rng for the data the program reads (rules, calendars,
 * timelines, complaints procedures, styles): the program's own
 * (fd_datadir_is_own) are valid, as tests/data checks, and pass unread; any
 * other copy is validated. Returns the number of errors reported. */
unsigned fd_validate_data(const struct fd_input *in, const char *rng_path,
			  struct fd_diags *d);

#endif
