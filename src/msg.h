/*
 * msg.h: the catalogue of diagnostics, in the manner of mandoc's: each
 * message the program gives about its input, with its level and its
 * printf format, in one X-macro table sorted by severity (warnings, then
 * errors, then input/output failures). findings(1) lists every entry
 * under DIAGNOSTICS, and tests/messages checks that it does.
 *
 * The messages of the checker (check*.c), of the document tree's
 * loading (doctree_xml.c) and Markdown (markdown.c), of the style
 * (style.c), the layout (layout*.c) and painting (paint.c) are here; the
 * other stages still pass their formats to fd_diag directly, where the
 * compiler checks each against its arguments. A catalogue format is not a literal at its call, so
 * tests/messages checks that each call gives as many arguments as it has
 * conversions.
 */
#ifndef FD_MSG_H
#define FD_MSG_H

#include <stdarg.h>

#include "diag.h"

#define FD_MSGS(X)                                                              \
	X(BAD_FROM, FD_WARNING,                                                 \
	  "comment from '%s', which is not an agency")                          \
	X(CRITERION_NOT_DD, FD_WARNING,                                         \
	  "criterion names a deep dive criterion, but esn is '%s', not DD")     \
	X(PLACING_IGNORED, FD_WARNING,                                          \
	  "%s is used only by frameworks with a graded report; ignored for "    \
	  "%s")                                                                 \
	X(POLARITY_STRENGTH, FD_WARNING,                                        \
	  "strength '%s' cites only evidence of practice needing development")  \
	X(POLARITY_AREA, FD_WARNING,                                            \
	  "%s '%s' cites only evidence of effective practice")                  \
	X(THEME_MISSING, FD_WARNING,                                            \
	  "no deep dive theme: %s inspections have one")                        \
	X(THEME_IGNORED, FD_WARNING,                                            \
	  "%s has no deep dive; the theme is ignored")                          \
	X(UNPRINTED, FD_WARNING,                                                \
	  "<%s> is not in the published document: %s")                          \
	X(NO_TEXT, FD_WARNING,                                                  \
	  "<%s> has no text: published documents leave it out")                 \
	X(TWO_LEADS, FD_WARNING,                                                \
	  "the team has more than one lead inspector; '%s' is used")            \
	X(NO_QA, FD_WARNING,                                                    \
	  "the team has no QA manager")                                         \
	X(JUDGEMENT_MISSING, FD_WARNING,                                        \
	  "no grade for %s ('%s')")                                             \
	X(LIMIT, FD_WARNING,                                                    \
	  "%s is graded %s, but %s is %s: %s (limiting judgement; give "        \
	  "why=\"...\" if the departure is deliberate)")                        \
	X(FA_OPEN, FD_WARNING,                                                  \
	  "factual accuracy comment '%s' has no decision yet")                  \
	X(FA_REVISION, FD_WARNING,                                              \
	  "against-revision %s is not a revision in the history")               \
	X(REVISION_ORDER, FD_WARNING,                                           \
	  "revision %s (%s) comes after revision %s (%s): revisions go up in "  \
	  "number and date")                                                    \
	X(NO_GLYPH, FD_WARNING,                                                 \
	  "%d character%s in this block %s no glyph in the "                    \
	  "style's fonts and print%s as a box")                                 \
	X(DUP_ID, FD_ERROR,                                                     \
	  "duplicate id '%s' (first used on line %ld)")                         \
	X(BAD_REF, FD_ERROR,                                                    \
	  "%s '%s' does not name %s%s")                                         \
	X(BAD_DATE, FD_ERROR,                                                   \
	  "%s '%s' is not a real date (YYYY-MM-DD)")                            \
	X(DUE_BEFORE, FD_ERROR,                                                 \
	  "the response is due on %s, before the concern was referred (%s)")    \
	X(ESN_MISSING, FD_ERROR,                                                \
	  "evidence record '%s' has no esn: %s records name their "             \
	  "evaluation criterion (ESN 01-22, or DD for the deep dive)")          \
	X(ESN_FORBIDDEN, FD_ERROR,                                              \
	  "esn is not used by %s: its evidence records have no evaluation "     \
	  "schedule numbers")                                                   \
	X(ESN_RANGE, FD_ERROR,                                                  \
	  "esn '%s' is not an evaluation criterion (01-22, or DD)")             \
	X(ASPECT_FORBIDDEN, FD_ERROR,                                           \
	  "aspect is used only by frameworks with a graded report, not %s")     \
	X(ASPECT_UNKNOWN, FD_ERROR,                                             \
	  "aspect '%s' is not a judgement of the %s report")                    \
	X(NO_EVIDENCE, FD_ERROR,                                                \
	  "%s '%s' cites no evidence record")                                   \
	X(SOA_NO_LEAD, FD_ERROR,                                                \
	  "a statement of action is required but no lead agency is named")      \
	X(VARIANT, FD_ERROR,                                                    \
	  "variant '%s' does not exist for %s")                                 \
	X(NO_LEAD, FD_ERROR,                                                    \
	  "the team has no lead inspector")                                     \
	X(JUDGEMENTS_FORBIDDEN, FD_ERROR,                                       \
	  "%s has no graded judgements")                                        \
	X(JUDGEMENT_TWICE, FD_ERROR,                                            \
	  "%s is graded twice (first on line %ld)")                             \
	X(JUDGEMENT_MISSING_FINAL, FD_ERROR,                                    \
	  "no grade for %s ('%s')")                                             \
	X(FA_OPEN_FINAL, FD_ERROR,                                              \
	  "factual accuracy comment '%s' has no decision: every comment "       \
	  "needs one before the final letter")                                  \
	X(FA_TWICE, FD_ERROR,                                                   \
	  "comment '%s' already has a decision (line %ld)")                     \
	X(VALUE_LONG, FD_ERROR,                                                 \
	  "%s has %zu bytes; at most %d are allowed")                           \
	X(PROSE_LONG, FD_ERROR,                                                 \
	  "this Markdown has %zu bytes; at most %d are allowed in one "         \
	  "element")                                                            \
	X(PARA_LONG, FD_ERROR,                                                  \
	  "this paragraph has %zu bytes of text; at most %d are allowed in "    \
	  "one paragraph")                                                      \
	X(CITATIONS, FD_ERROR,                                                  \
	  "the findings cite evidence records %zu times; at most %d are "       \
	  "allowed (the evidence trace prints a record for each citation)")     \
	X(TRACED, FD_ERROR,                                                     \
	  "the findings cite more than %u bytes of evidence; the evidence "     \
	  "trace prints a record for each citation, and this is its bound")     \
	X(AFTER_BEFORE_NOTICE, FD_ERROR,                                        \
	  "%s is %s, before the inspection was notified (%s)")                  \
	X(ACK_BEFORE, FD_ERROR,                                                 \
	  "acknowledged is %s, before the complaint was received (%s)")         \
	X(DOC_TOO_LONG, FD_ERROR,                                               \
	  "the document is too long: more than %d lines and "                   \
	  "table cells (about five hundred pages) by here")                     \
	X(TABLE_COLUMNS, FD_ERROR,                                              \
	  "a table may have at most %d columns")                                \
	X(NESTED_DEEP, FD_ERROR,                                                \
	  "<%s> is nested too deeply")                                          \
	X(NOT_BLOCK, FD_ERROR,                                                  \
	  "<%s> is not a block of the document tree")                           \
	X(NO_TITLE, FD_ERROR,                                                   \
	  "the document's %s is empty: a PDF needs a title")                    \
	X(BLOCK_LONG, FD_ERROR,                                                 \
	  "this block has %zu bytes of text; at most %d are "                   \
	  "allowed in one paragraph")                                           \
	X(TREE_LARGE, FD_ERROR,                                                 \
	  "the document tree has more than %d elements")                        \
	X(TREE_EMPTY, FD_ERROR,                                                 \
	  "the document tree is empty")                                         \
	X(MD_BLOCK_LONG, FD_ERROR,                                              \
	  "this Markdown block has %zu bytes; at most %u are "                  \
	  "allowed")                                                            \
	X(MD_NAME, FD_ERROR,                                                    \
	  "Markdown file name '%s' must be a plain name in the "                \
	  "templates folder")                                                   \
	X(MD_NO_FOLDER, FD_ERROR,                                               \
	  "no Markdown folder was given to find '%s' in")                       \
	X(MD_FILE_LARGE, FD_ERROR,                                              \
	  "the Markdown file is larger than %u bytes")                          \
	X(MD_BYTE, FD_ERROR,                                                    \
	  "invalid byte 0x%02x at offset %zu (the file must be "                \
	  "UTF-8 text)")                                                        \
	X(MD_FILLED_LONG, FD_ERROR,                                             \
	  "with its placeholders filled this Markdown has %zu "                 \
	  "bytes; at most %u are allowed")                                      \
	X(PLACEHOLDER_BAD, FD_ERROR,                                            \
	  "malformed placeholder: write {{name}}")                              \
	X(PLACEHOLDER_UNKNOWN, FD_ERROR,                                        \
	  "unknown placeholder {{%s}}")                                         \
	X(MD_DEEP, FD_ERROR,                                                    \
	  "Markdown lists and quotes are nested more than %d "                  \
	  "deep")                                                               \
	X(STYLE_RANGE, FD_ERROR,                                                \
	  "%s is %.1fpt; it must be between %.0fpt and %.0fpt")                 \
	X(NO_RULES, FD_IOERR,                                                   \
	  "cannot load the rules of framework '%s'")                            \
	X(FONT_MISSING, FD_IOERR,                                               \
	  "the font family '%s' is not among the fonts this "                   \
	  "file lists")                                                         \
	X(FONTCONFIG, FD_IOERR,                                                 \
	  "cannot load this fontconfig file")                                   \
	X(MD_READ, FD_IOERR,                                                    \
	  "cannot read %s: %s")                                                 \
	X(FONTS_FILE, FD_IOERR,                                                 \
	  "the fonts file %s is missing")                                       \
	X(PAINT, FD_IOERR,                                                      \
	  "cannot paint the PDF: %s")

/* The messages, by name: M_DUP_ID, ... */
enum fd_msg {
#define X(name, level, text) M_##name,
	FD_MSGS(X)
#undef X
	M__COUNT
};

/* One entry of the catalogue. */
struct fd_msg_info {
	const char *name;    /* "DUP_ID" */
	enum fd_level level; /* how serious */
	const char *text;    /* printf format */
};

/* The catalogue, by enum fd_msg. */
extern const struct fd_msg_info fd_msgs[M__COUNT];

/* Reports message m at file:line:col with its arguments. */
void fd_msg(struct fd_diags *d, enum fd_msg m, const char *file, long line,
	    long col, ...);
void fd_vmsg(struct fd_diags *d, enum fd_msg m, const char *file, long line,
	     long col, va_list ap);

#endif
