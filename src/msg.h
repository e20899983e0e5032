/*
 * msg.h: the catalogue of diagnostics, in the manner of mandoc's: each
 * message the program gives about its input, with its level and its
 * printf format, in one X-macro table sorted by severity (warnings, then
 * errors, then input/output failures), and last the command line's
 * usage errors. findings(1) lists every entry under DIAGNOSTICS, and
 * tests/messages checks that it does.
 *
 * Every stage's messages are here: loading and its explanations of
 * malformed XML (load*.c), the schema (schema.c), the checker (check*.c),
 * the facts, bounds and privacy gate, the stylesheets' run (transform.c),
 * the document tree (doctree_xml.c) and its Markdown, the style, the
 * layout, painting and finishing, CSV, the comparison of revisions, the
 * commands' writing of files, finding the templates, the email (mail.c),
 * the timeline and its calendar (timeline.c, cmd_timeline.c, calendar.c)
 * and the factual accuracy form (faform.c, cmd_fa_import.c); and the
 * command line's own (main.c, cli.c, cmd_*.c, check.c's --stage, util.c's
 * running out of memory), which are said at once by fd_msg_say.
 * tests/messages fails on a message of one's own passed to fd_diag in
 * any file but diag.c, which passes on messages already made, and on
 * any file but diag.c and msg.c that writes to standard error itself.
 * LIBRARY and LIBRARY_WARNING carry what libxml2 or libxslt said, or an
 * xsl:message of a stylesheet, in its own words.
 *
 * A catalogue format is not a literal at its call, so the compiler cannot
 * check it against its arguments: tests/messages checks that each call
 * gives as many arguments as it has conversions.
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
	X(COMPLAINT_LATE, FD_WARNING,                                           \
	  "complaint '%s' was received on %s, after %s, the last day for a "    \
	  "complaint (%s %s days after publication)%s%s")                       \
	X(NO_COMPLAINTS_PROCEDURE, FD_WARNING,                                  \
	  "%s's guidance describes no complaints procedure for a complaint "    \
	  "about %s: no acknowledgement or milestones are made for complaint "  \
	  "'%s'")                                                               \
	X(NO_SOA_RESPONSE, FD_WARNING,                                          \
	  "%s's guidance describes no response to the statement of action: "    \
	  "no document prints <statement-of-action-review>")                    \
	X(SOA_REVIEW_UNNEEDED, FD_WARNING,                                      \
	  "the letter requires no statement of action (<statement-of-action "   \
	  "required=\"yes\"> in the findings), yet a review of one is "         \
	  "recorded")                                                           \
	X(SOA_LATE, FD_WARNING,                                                 \
	  "the statement of action was received on %s, after it was due on "    \
	  "%s (%s working days after the letter)")                              \
	X(RESPONSE_BEFORE, FD_WARNING,                                          \
	  "the response is dated %s, before the statement was received (%s)")   \
	X(CHANGES_UNNUMBERED, FD_WARNING,                                       \
	  "the %s is compared at the %s stage, whose paragraphs are not "       \
	  "numbered: the factual accuracy comments cannot be placed (compare "  \
	  "at --stage draft, the default)")                                     \
	X(FA_NO_PARA, FD_WARNING,                                               \
	  "comment '%s' is %s, but the old %s has no paragraph %d for it to "   \
	  "change")                                                             \
	X(FA_UNCHANGED, FD_WARNING,                                             \
	  "comment '%s' is %s, but paragraph %d of the %s did not change")      \
	X(MAIL_SKIPPED, FD_WARNING,                                             \
	  "%s: the input lacks what it needs (see the notes)")                  \
	X(NO_DOCUMENTS, FD_WARNING,                                             \
	  "%s has no documents yet: nothing written")                           \
	X(INDENTED_CODE, FD_WARNING,                                            \
	  "this line of <%s> is indented by a tab or four spaces more than "    \
	  "the text before it, which Markdown would print as computer code; "   \
	  "it is printed as an ordinary paragraph: remove the tab or spaces "   \
	  "at the start of the line")                                           \
	X(PRIVATE_DRAFT, FD_WARNING,                                            \
	  "%s would show %s, written in %s as '%s': the final document may "    \
	  "not show it; take it out before then")                               \
	X(PRIVATE_MADE_DRAFT, FD_WARNING,                                       \
	  "%s would show %s, made up from more than one place of the "          \
	  "inspection (find it in the document): the final document may not "   \
	  "show it; take it out before then")                                   \
	X(LIBRARY_WARNING, FD_WARNING,                                          \
	  "%s")                                                                 \
	X(FA_AGAINST_REVISION, FD_WARNING,                                      \
	  "its last revision is %s, but the comments were made on revision "    \
	  "%s (factual-accuracy against-revision): is this the inspection "     \
	  "as it was when the letter went for the check?")                      \
	X(TL_ACTUAL_HOLIDAY, FD_WARNING,                                        \
	  "%s is recorded on %s %s, which is not a working day (%s); the "      \
	  "dates after it are counted from it all the same")                    \
	X(TL_ACTUAL_NOT_WORKING, FD_WARNING,                                    \
	  "%s is recorded on %s %s, which is not a working day; the dates "     \
	  "after it are counted from it all the same")                          \
	X(TL_ACTUAL_EARLY, FD_WARNING,                                          \
	  "%s is recorded on %s, before day %d (%s) on %s: is the date "        \
	  "right?")                                                             \
	X(TL_FA_DAYS, FD_WARNING,                                               \
	  "the factual accuracy response is due %ld working day%s after "       \
	  "the draft is sent (%s to %s); the framework's timeline gives "       \
	  "%ld (day %d to day %d)")                                             \
	X(TL_WEEKDAY, FD_WARNING,                                               \
	  "day %d (%s) falls on %s %s; the framework has it on a %s")           \
	X(TL_PAST_HOLIDAYS, FD_WARNING,                                         \
	  "the timeline runs past %d, the last year of %s bank holidays "       \
	  "listed: later dates skip weekends only")                             \
	X(CLOSURE_WEEKEND, FD_WARNING,                                          \
	  "%s %s is a weekend day: no working day to close")                    \
	X(CLOSURE_HOLIDAY, FD_WARNING,                                          \
	  "%s %s is not a working day already (%s)")                            \
	X(CAL_COVERS, FD_WARNING,                                               \
	  "the %s bank holidays are listed for %d to %d only: outside "         \
	  "those years only weekends are skipped")                              \
	X(FAI_REPEATED, FD_WARNING,                                             \
	  "this comment on paragraph %ld is already in the inspection as "      \
	  "%s: left out")                                                       \
	X(FAI_STAGE, FD_WARNING,                                                \
	  "the history is at the %s stage: the new comments need decisions "    \
	  "before the final %s")                                                \
	X(FA_COMPARE_REF, FD_WARNING,                                           \
	  "the ref is %s but %s has %s: are these two revisions of one "        \
	  "inspection?")                                                        \
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
	X(TOO_LONG_CITED, FD_ERROR,                                             \
	  "the %s cannot be made from this inspection: it would be longer "     \
	  "than findings can print (the note says how), and this <%s> is "      \
	  "most of it, its text printed %u times there (once and once for "     \
	  "each citation); shorten it or cite it less")                         \
	X(TOO_LONG_ELEMENTS, FD_ERROR,                                          \
	  "the %s cannot be made from this inspection: it would be longer "     \
	  "than findings can print (the note says how), and this <%s> is "      \
	  "most of it (%zu elements); shorten or merge them, or split the "     \
	  "inspection")                                                         \
	X(NO_OVERVIEW, FD_ERROR,                                                \
	  "%s has no joint overview: the overview of a round is for the "       \
	  "joint frameworks (jtai-2015, jtai-2016, jtai-2019)")                 \
	X(ROUND_NO_THEME, FD_ERROR,                                             \
	  "this inspection has no deep dive <theme>: a round is the "           \
	  "inspections that share one")                                         \
	X(ROUND_OTHER, FD_ERROR,                                                \
	  "not of the same round: %s is %s, but %s is %s")                      \
	X(ROUND_TWICE, FD_ERROR,                                                \
	  "inspection '%s' is in the round twice (also %s)")                    \
	X(CSV_TABLES, FD_ERROR,                                                 \
	  "this document cannot be written as CSV: it has %s table (CSV "       \
	  "holds one); write it as .pdf")                                       \
	X(CSV_NUL, FD_ERROR,                                                    \
	  "a NUL byte: this is not a text file (save the form from the "        \
	  "spreadsheet as CSV UTF-8)")                                          \
	X(CSV_CONTROL, FD_ERROR,                                                \
	  "a control character (byte 0x%02x) that a comment cannot hold: "      \
	  "delete it")                                                          \
	X(CSV_NOT_UTF8, FD_ERROR,                                               \
	  "byte 0x%02x is not UTF-8: save the form from the spreadsheet as "    \
	  "'CSV UTF-8' (Excel) or with the character set Unicode (UTF-8) "      \
	  "(LibreOffice)")                                                      \
	X(CSV_NONCHAR, FD_ERROR,                                                \
	  "the character %s is not text: delete it")                            \
	X(CSV_UNCLOSED, FD_ERROR,                                               \
	  "this quoted field has no closing quote (\")")                        \
	X(CSV_FIELD_LONG, FD_ERROR,                                             \
	  "this field is longer than %u bytes, the most one comment may "       \
	  "hold: split it over several rows")                                   \
	X(CSV_AFTER_QUOTE, FD_ERROR,                                            \
	  "text after the closing quote of a field: a quote inside a quoted "   \
	  "field is written twice (\"\")")                                      \
	X(CSV_COLUMNS, FD_ERROR,                                                \
	  "more than %u columns: the form has four")                            \
	X(CSV_UTF16, FD_ERROR,                                                  \
	  "the file is UTF-16 ('Unicode text'): save the form from the "        \
	  "spreadsheet as 'CSV UTF-8'")                                         \
	X(CSV_LARGE, FD_ERROR,                                                  \
	  "the file is larger than %u MiB: this is not a filled-in form")       \
	X(CSV_ROWS, FD_ERROR,                                                   \
	  "more than %u rows: this is not a filled-in form")                    \
	X(AGENCY_NAMES, FD_ERROR,                                               \
	  "an inspectorate needs long= and short= names")                       \
	X(NOTIFIED_HOLIDAY, FD_ERROR,                                           \
	  "the notified date is not a working day, so the timeline cannot be "  \
	  "dated")                                                              \
	X(LOGO, FD_ERROR,                                                       \
	  "the logo %s cannot be used: %s")                                     \
	X(XML_MALFORMED, FD_ERROR,                                              \
	  "the file is not well-formed XML: %s")                                \
	X(FILE_EMPTY, FD_ERROR,                                                 \
	  "the file is empty")                                                  \
	X(FILE_LARGE, FD_ERROR,                                                 \
	  "the file is larger than %u bytes")                                   \
	X(FILE_CONTROL, FD_ERROR,                                               \
	  "control character 0x%02x is not allowed (the file must be UTF-8 "    \
	  "text)")                                                              \
	X(FILE_BYTE, FD_ERROR,                                                  \
	  "invalid UTF-8 byte 0x%02x (the file must be UTF-8 text)")            \
	X(DOCTYPE, FD_ERROR,                                                    \
	  "a <!DOCTYPE> declaration is not allowed: delete it (findings "       \
	  "loads no DTDs or entities)")                                         \
	X(XML_DEEP, FD_ERROR,                                                   \
	  "elements are nested too deeply (at most %d levels)")                 \
	X(NO_ROOT, FD_ERROR,                                                    \
	  "the file has no XML element in it")                                  \
	X(XML_BARE_AMP, FD_ERROR,                                               \
	  "a bare & is not allowed in XML: write & as &amp; (for example "      \
	  "\"health &amp; social care\")")                                      \
	X(XML_AMP_SEMI, FD_ERROR,                                               \
	  "an & must start a reference such as &amp; that ends with ';': "      \
	  "write & as &amp;")                                                   \
	X(XML_ENTITY, FD_ERROR,                                                 \
	  "&%s; is not known in XML, which has only &amp; &lt; &gt; &quot; "    \
	  "and &apos;: type the character itself, or write & as &amp;")         \
	X(XML_LT, FD_ERROR,                                                     \
	  "a < that does not start a tag: write < as &lt; (for example "        \
	  "\"&lt; 5 years\")")                                                  \
	X(XML_LT_ATTR, FD_ERROR,                                                \
	  "a < inside an attribute's value: write < as &lt;")                   \
	X(XML_CURLY, FD_ERROR,                                                  \
	  "the value of %s%s is in curly quotes (%s), which a word processor "  \
	  "puts in: type straight quotes, %s=\"…\"")                            \
	X(XML_UNQUOTED, FD_ERROR,                                               \
	  "the value of %s%s must be in straight quotes: %s=\"…\"")             \
	X(XML_ATTRS, FD_ERROR,                                                  \
	  "the attributes of this tag do not read as name=\"value\" pairs: "    \
	  "put a space between them, and each value in straight quotes")        \
	X(XML_QUOTES, FD_ERROR,                                                 \
	  "the value of %s= opens with %c and closes with %c: use the same "    \
	  "straight quote at both ends, %s=\"…\"")                              \
	X(XML_UNFINISHED, FD_ERROR,                                             \
	  "the tag <%s is not finished: end it with > (and check that each "    \
	  "value has both its quotes)")                                         \
	X(XML_NEVER_CLOSED, FD_ERROR,                                           \
	  "<%s> is never closed: write </%s> where it ends")                    \
	X(XML_NOT_CLOSED, FD_ERROR,                                             \
	  "<%s> is not closed before </%s> on line %ld: write </%s> where it "  \
	  "ends (a tag is closed by its own name)")                             \
	X(XML_ATTR_TWICE, FD_ERROR,                                             \
	  "%s= is given twice in this tag: keep one")                           \
	X(XML_AFTER_END, FD_ERROR,                                              \
	  "there is more after the end of the inspection (its closing tag): "   \
	  "delete it, or move it inside")                                       \
	X(XML_NO_TAG, FD_ERROR,                                                 \
	  "the file does not start with a tag: an inspection starts <?xml "     \
	  "version=\"1.0\" encoding=\"UTF-8\"?> and <inspection …>")            \
	X(PRIVATE, FD_ERROR,                                                    \
	  "%s would show %s, written in %s as '%s': a document that leaves "    \
	  "the inspectorate may not show a child's case reference, date of "    \
	  "birth, email address or withheld name; take it out")                 \
	X(PRIVATE_MADE, FD_ERROR,                                               \
	  "%s would show %s, made up from more than one place of the "          \
	  "inspection (find it in the document): a document that leaves the "   \
	  "inspectorate may not show a child's case reference, date of "        \
	  "birth, email address or withheld name; take it out")                 \
	X(DOC_NAME, FD_ERROR,                                                   \
	  "a document needs a name= and an ext= of letters, digits and "        \
	  "hyphens")                                                            \
	X(NO_DOCUMENT, FD_ERROR,                                                \
	  "%s has no document '%s' (no %s/%s.xsl in the templates)")            \
	X(BAD_EXT, FD_ERROR,                                                    \
	  "the %s cannot be written as %s: give a file name ending in %s")      \
	X(SCHEMA_INVALID, FD_ERROR,                                             \
	  "<%s> is not valid: one of its attributes or its content has a "      \
	  "value it does not take, or it is given twice")                       \
	X(ATTR_NOT_ALLOWED, FD_ERROR,                                           \
	  "attribute '%s' is not allowed on <%s>")                              \
	X(ATTR_NEAR, FD_ERROR,                                                  \
	  "attribute '%s' is not allowed on <%s>: did you mean '%s'?")          \
	X(ATTR_HAS, FD_ERROR,                                                   \
	  "attribute '%s' is not allowed on <%s> (it has: %s)")                 \
	X(ATTR_NONE, FD_ERROR,                                                  \
	  "attribute '%s' is not allowed on <%s> (it has none)")                \
	X(ELEM_NOT_HERE, FD_ERROR,                                              \
	  "element <%s> is not allowed here")                                   \
	X(ELEM_NEAR, FD_ERROR,                                                  \
	  "element <%s> is not allowed in <%s>: did you mean <%s>?")            \
	X(ELEM_HOLDS, FD_ERROR,                                                 \
	  "element <%s> is not allowed in <%s>, which holds %s")                \
	X(ELEM_UNKNOWN, FD_ERROR,                                               \
	  "element <%s> is not allowed in <%s>: there is no such element; "     \
	  "<%s> holds %s")                                                      \
	X(ROOT_WRONG, FD_ERROR,                                                 \
	  "the root element is <%s>, not <%s>")                                 \
	X(NAMESPACE, FD_ERROR,                                                  \
	  "<%s> is in a namespace (xmlns=\"...\"), but this file's elements "   \
	  "have none: remove the xmlns attribute")                              \
	X(TEXT_NOT_ALLOWED, FD_ERROR,                                           \
	  "text is not allowed in <%s>")                                        \
	X(SCHEMA_OTHER, FD_ERROR,                                               \
	  "<%s>: %s")                                                           \
	X(VALUE_ONE_OF, FD_ERROR,                                               \
	  "%s=\"%s\" is not allowed on <%s> (one of: %s)")                      \
	X(VALUE_BAD, FD_ERROR,                                                  \
	  "%s=\"%s\" is not a valid value on <%s>")                             \
	X(VALUE_BAD_HINT, FD_ERROR,                                             \
	  "%s=\"%s\" is not a valid value on <%s>: %s")                         \
	X(ATTR_MISSING, FD_ERROR,                                               \
	  "<%s> needs the attribute '%s'")                                      \
	X(ELEM_MISSING, FD_ERROR,                                               \
	  "<%s> is missing its <%s> element")                                   \
	X(ELEM_TWICE, FD_ERROR,                                                 \
	  "<%s> may have only one <%s>")                                        \
	X(SCHEMA_FAILED, FD_ERROR,                                              \
	  "the file does not follow the schema %s")                             \
	X(XSLT_UNUSABLE, FD_ERROR,                                              \
	  "this is not a stylesheet findings can run (XSLT 1.0)")               \
	X(XSLT_COMPARE, FD_ERROR,                                               \
	  "cannot hand the comparison to the stylesheet")                       \
	X(XSLT_PARAMS, FD_ERROR,                                                \
	  "cannot hand the inspection's facts to the stylesheet")               \
	X(XSLT_STOPPED, FD_ERROR,                                               \
	  "the stylesheet stopped")                                             \
	X(XSLT_FAILED, FD_ERROR,                                                \
	  "the stylesheet failed")                                              \
	X(XSLT_EMPTY, FD_ERROR,                                                 \
	  "the stylesheet produced no document")                                \
	X(XSLT_RUN, FD_ERROR,                                                   \
	  "the stylesheet could not be run")                                    \
	X(TEMPLATE_OUTSIDE, FD_ERROR,                                           \
	  "'%s' is outside the templates folder: a stylesheet may read only "   \
	  "templates")                                                          \
	X(TEMPLATE_READ, FD_ERROR,                                              \
	  "cannot read: %s")                                                    \
	X(TEMPLATE_DOCTYPE, FD_ERROR,                                           \
	  "a <!DOCTYPE> declaration is not allowed in a template: delete it "   \
	  "(findings loads no DTDs or entities)")                               \
	X(LIBRARY, FD_ERROR,                                                    \
	  "%s")                                                                 \
	X(MAIL_DATE, FD_ERROR,                                                  \
	  "mail: date \"%s\" and time \"%s\" are not a real date and time")     \
	X(MAIL_NOT_MAIL, FD_ERROR,                                              \
	  "not an email: the document tree's <meta> has no <mail>")             \
	X(FA_NO_PUBLISHED, FD_ERROR,                                            \
	  "%s has no published document for a factual accuracy check to "       \
	  "cite")                                                               \
	X(FA_FORM_EXT, FD_ERROR,                                                \
	  "the fa-form cannot be written as %s: give a file name ending in "    \
	  ".csv, .pdf or .xml")                                                 \
	X(FA_NO_FORM, FD_ERROR,                                                 \
	  "%s has no factual accuracy return form (no %s in the templates)")    \
	X(FA_AGAINST_ITSELF, FD_ERROR,                                          \
	  "this is the inspection itself: --against takes the inspection "      \
	  "as it was when the letter went for the check")                       \
	X(TL_AFTER_END_KEY, FD_ERROR,                                           \
	  "a milestone counted after another is one day: use key=, not "        \
	  "end-key=")                                                           \
	X(TL_TO_BEFORE, FD_ERROR,                                               \
	  "to=\"%d\" is before day=\"%d\"")                                     \
	X(TL_END_KEY_ONE_DAY, FD_ERROR,                                         \
	  "end-key= names the last day of a range: this milestone is one "      \
	  "day, use key=")                                                      \
	X(TL_KEY_TWICE, FD_ERROR,                                               \
	  "key \"%s\" names more than one date")                                \
	X(TL_AFTER_UNKNOWN, FD_ERROR,                                           \
	  "after=\"%s\" names no milestone with a day number")                  \
	X(TL_NO_NOTIFICATION, FD_ERROR,                                         \
	  "no milestone key=\"notification\" on day %d, the notification "      \
	  "day")                                                                \
	X(TL_FRAMEWORK, FD_ERROR,                                               \
	  "this file is in the folder of %s but says framework=\"%s\"")         \
	X(TL_MILESTONES, FD_ERROR,                                              \
	  "more than %d milestones")                                            \
	X(TL_NONE, FD_ERROR,                                                    \
	  "framework \"%s\" has no timeline (no <framework>/timeline.xml "      \
	  "here)")                                                              \
	X(NOT_A_DATE, FD_ERROR,                                                 \
	  "date=\"%s\" is not a real date (YYYY-MM-DD)")                        \
	X(TL_ACTUAL_UNKNOWN_NEAR, FD_ERROR,                                     \
	  "the %s timeline has no milestone \"%s\" (did you mean \"%s\"?); "    \
	  "it has %s")                                                          \
	X(TL_ACTUAL_UNKNOWN, FD_ERROR,                                          \
	  "the %s timeline has no milestone \"%s\"; it has %s")                 \
	X(TL_ACTUAL_TWICE, FD_ERROR,                                            \
	  "the date of %s is recorded already, at line %ld: keep one "          \
	  "<actual> for it")                                                    \
	X(CAL_DATE, FD_ERROR,                                                   \
	  "%s=\"%s\" is not a real date (YYYY-MM-DD)")                          \
	X(CAL_OUTSIDE, FD_ERROR,                                                \
	  "%s is outside the calendar's from..to")                              \
	X(CAL_WEEKEND, FD_ERROR,                                                \
	  "%s is a %s: list the weekday that replaces it, with "                \
	  "substitute-for")                                                     \
	X(CAL_ORDER, FD_ERROR,                                                  \
	  "%s is not after the holiday before it: keep the dates in order, "    \
	  "each once")                                                          \
	X(CAL_SUBSTITUTE, FD_ERROR,                                             \
	  "a substitute day replaces a Saturday or Sunday in the week "         \
	  "before it: %s for %s")                                               \
	X(CAL_DIVISION, FD_ERROR,                                               \
	  "this file is named for \"%s\" but says division=\"%s\"")             \
	X(CAL_TO_BEFORE, FD_ERROR,                                              \
	  "to= is before from=")                                                \
	X(CAL_HOLIDAYS, FD_ERROR,                                               \
	  "more than %d holidays in one calendar")                              \
	X(CAL_NONE, FD_ERROR,                                                   \
	  "no calendar of bank holidays for \"%s\" (no calendars/%s.xml "       \
	  "here)")                                                              \
	X(CAL_NO_NOTIFIED, FD_ERROR,                                            \
	  "no <calendar notified=\"YYYY-MM-DD\">: the dates of the "            \
	  "inspection count from it")                                           \
	X(CAL_UNKNOWN, FD_ERROR,                                                \
	  "no calendar of bank holidays for holidays=\"%s\"")                   \
	X(NOTIFIED_DATE, FD_ERROR,                                              \
	  "notified=\"%s\" is not a real date (YYYY-MM-DD)")                    \
	X(CAL_CLOSURES, FD_ERROR,                                               \
	  "more than %d <non-working> days")                                    \
	X(NOTIFIED_CLOSED, FD_ERROR,                                            \
	  "the inspection is notified on %s %s, which is not a working day "    \
	  "(%s)")                                                               \
	X(NOTIFIED_NOT_WORKING, FD_ERROR,                                       \
	  "the inspection is notified on %s %s, which is not a working day")    \
	X(FAI_COLUMN, FD_ERROR,                                                 \
	  "the first row must name the columns Paragraph, Text, Comment "       \
	  "and Evidence; there is no '%s' column")                              \
	X(FAI_EMPTY, FD_ERROR,                                                  \
	  "the form is empty: it needs its first row (Paragraph, Text, "        \
	  "Comment, Evidence) and a row a paragraph")                           \
	X(FAI_EVIDENCE_ONLY, FD_ERROR,                                          \
	  "this row gives evidence but no comment: write the comment the "      \
	  "evidence supports")                                                  \
	X(FAI_NO_PARA, FD_ERROR,                                                \
	  "this comment has no paragraph number: write the number of the "      \
	  "paragraph of the draft %s it is about")                              \
	X(FAI_BAD_PARA, FD_ERROR,                                               \
	  "'%.40s' is not a paragraph number: write the number of the "         \
	  "paragraph of the draft %s, as 12")                                   \
	X(FAI_NO_SUCH_PARA, FD_ERROR,                                           \
	  "the draft %s has no paragraph %ld (its paragraphs are 1 to %d)")     \
	X(FAI_NO_FA, FD_ERROR,                                                  \
	  "the inspection has no <factual-accuracy> yet: give the day the "     \
	  "form came back with --received YYYY-MM-DD")                          \
	X(FAI_NO_FA_REVISION, FD_ERROR,                                         \
	  "the inspection has no <factual-accuracy> yet: give the day the "     \
	  "form came back with --received YYYY-MM-DD, and record in "           \
	  "<history> the revision sent for the check (a <revision "             \
	  "stage=\"factual-accuracy\">)")                                       \
	X(FAI_FROM_UNKNOWN, FD_ERROR,                                           \
	  "--from %s: the inspection has no agency with that id (its "          \
	  "agencies: %s)")                                                      \
	X(FAI_WHICH_AGENCY, FD_ERROR,                                           \
	  "say which agency the comments are from with --from (one of: %s)")    \
	X(FAI_FORM_LARGE, FD_ERROR,                                             \
	  "the file is larger than %u MiB: this is not a filled-in form")       \
	X(FA_COMPARE_FRAMEWORK, FD_ERROR,                                       \
	  "the framework is %s but %s is %s: a change report compares two "     \
	  "revisions of one inspection")                                        \
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
	  "cannot paint the PDF: %s")                                           \
	X(READ, FD_IOERR,                                                       \
	  "cannot read: %s")                                                    \
	X(IS_FOLDER, FD_IOERR,                                                  \
	  "is a folder, not a file")                                            \
	X(WRITE, FD_IOERR,                                                      \
	  "cannot write: %s")                                                   \
	X(WRITE_FOLDER, FD_IOERR,                                               \
	  "cannot write: it is a folder")                                       \
	X(WRITE_INPUT, FD_IOERR,                                                \
	  "cannot write: it is the input file")                                 \
	X(WRITE_AN_INPUT, FD_IOERR,                                             \
	  "cannot write: it is an input file")                                  \
	X(WRITE_STDOUT, FD_IOERR,                                               \
	  "cannot write to standard output")                                    \
	X(MKDIR, FD_IOERR,                                                      \
	  "cannot create the output folder: %s")                                \
	X(NOT_FOLDER, FD_IOERR,                                                 \
	  "is not a folder")                                                    \
	X(NOT_TEMPLATES, FD_IOERR,                                              \
	  "not a templates folder (no schema/inspection.rng)")                  \
	X(DATADIR_EMPTY, FD_IOERR,                                              \
	  "FINDINGS_DATADIR has no templates/schema/inspection.rng")            \
	X(NO_TEMPLATES, FD_IOERR,                                               \
	  "cannot find the templates: give --templates DIR or set "             \
	  "FINDINGS_DATADIR")                                                   \
	X(TEMPLATES_OPEN, FD_IOERR,                                             \
	  "cannot open the templates folder")                                   \
	X(NO_CHANGES_XSL, FD_IOERR,                                             \
	  "the templates have no common/changes.xsl")                           \
	X(SCHEMA_LOAD, FD_IOERR,                                                \
	  "cannot load the schema")                                             \
	X(GMIME_LOAD, FD_IOERR,                                                 \
	  "cannot load GMime, which writes emails: %s")                         \
	X(XSLT_LOAD, FD_IOERR,                                                  \
	  "cannot load libxslt, which runs the stylesheets: %s")                \
	X(MAIL_WRITE, FD_IOERR,                                                 \
	  "the message could not be written")                                   \
	X(FAI_SAME_FILE, FD_IOERR,                                              \
	  "the form and the inspection are one file")                           \
	X(FINISH, FD_IOERR,                                                     \
	  "cannot finish the PDF: %s (a bug: please report it with the "        \
	  "input)")                                                             \
	X(EXISTS, FD_IOERR,                                                     \
	  "exists already: choose another name, or move it away "               \
	  "first (nothing was written)")                                        \
	X(STDOUT_FAILED, FD_IOERR,                                              \
	  "cannot write to standard output: %s")                                \
	X(STDOUT_SHORT, FD_IOERR,                                               \
	  "cannot write to standard output: the output was cut "                \
	  "short")                                                              \
	X(OUT_OF_MEMORY, FD_IOERR,                                              \
	  "out of memory")                                                      \
	X(UNKNOWN_COMMAND, FD_USAGE,                                            \
	  "unknown command '%s'")                                               \
	X(BAD_STAGE, FD_USAGE,                                                  \
	  "unknown stage '%s' (draft, factual-accuracy, "                       \
	  "pre-publication or final)")                                          \
	X(NO_FILE, FD_USAGE,                                                    \
	  "no inspection file given")                                           \
	X(ONE_FILE, FD_USAGE,                                                   \
	  "give one inspection file (build renders many)")                      \
	X(ONE_AT_A_TIME, FD_USAGE,                                              \
	  "one inspection at a time")                                           \
	X(AGAINST_DOC, FD_USAGE,                                                \
	  "--against is for --doc fa-response")                                 \
	X(DIFF_FILES, FD_USAGE,                                                 \
	  "give two inspection files, the old revision and the "                \
	  "new")                                                                \
	X(FAI_FILES, FD_USAGE,                                                  \
	  "give the inspection file and the filled-in form")                    \
	X(FAI_RECEIVED, FD_USAGE,                                               \
	  "--received %s: give a real date, YYYY-MM-DD")                        \
	X(BUILD_NO_DIR, FD_USAGE,                                               \
	  "no output folder (-d OUTDIR)")                                       \
	X(BUILD_JOBS, FD_USAGE,                                                 \
	  "-j wants a number from 1 to %d")                                     \
	X(OVERVIEW_NO_OUT, FD_USAGE,                                            \
	  "no output file (-o OUT.pdf)")                                        \
	X(OVERVIEW_ROUND, FD_USAGE,                                             \
	  "more inspections than one round holds (64)")                         \
	X(OVERVIEW_EXT, FD_USAGE,                                               \
	  "the overview is written as .pdf, .html or .xml, not "                \
	  "'%s'")                                                               \
	X(NEW_FRAMEWORK, FD_USAGE,                                              \
	  "which framework? (--framework)")                                     \
	X(NEW_NO_INPUT, FD_USAGE,                                               \
	  "no file is read; write to one with -o FILE")                         \
	X(NEW_UNKNOWN, FD_USAGE,                                                \
	  "unknown framework '%s' (slac-2009, jtai-2015, "                      \
	  "tlai-2016, jtai-2016, jtai-2019)")                                   \
	X(NEW_VARIANT, FD_USAGE,                                                \
	  "%s has no variant '%s' (jtai-2015 has ofsted-only)")                 \
	X(TYPESET_FILES, FD_USAGE,                                              \
	  "give one document tree and -o OUT.pdf")                              \
	X(TYPESET_SET, FD_USAGE,                                                \
	  "--set wants name=value, not '%s'")                                   \
	X(OPT_UNKNOWN, FD_USAGE,                                                \
	  "unknown option '%s'")                                                \
	X(OPT_UNKNOWN_SHORT, FD_USAGE,                                          \
	  "unknown option '-%c'")                                               \
	X(OPT_AMBIGUOUS, FD_USAGE,                                              \
	  "'%s' could be more than one option (%s): write it in full")          \
	X(OPT_NEEDS_VALUE, FD_USAGE,                                            \
	  "--%s needs a value")                                                 \
	X(OPT_NEEDS_VALUE_SHORT, FD_USAGE,                                      \
	  "-%c needs a value")                                                  \
	X(OPT_NO_VALUE, FD_USAGE,                                               \
	  "--%s takes no value")

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

/*
 * Says message m at once on standard error, not collected: "findings
 * COMMAND: message", or "findings: message" when command is NULL. For the
 * command line (usage errors, FD_USAGE) and for what cannot wait for the
 * diagnostics (running out of memory). Allocates nothing. Returns the
 * exit status of m's level: FD_EXIT_USAGE for a usage error.
 */
int fd_msg_say(const char *command, enum fd_msg m, ...);
int fd_vmsg_say(const char *command, enum fd_msg m, va_list ap);

#endif
