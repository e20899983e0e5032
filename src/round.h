/*
 * round.h: a round of inspections that share a framework and a deep dive
 * theme, assembled into one XML document for the overview's stylesheet
 * (templates/<framework>/overview.xsl):
 *
 *   <round framework= variant= theme= theme-ref= lang= count=>
 *     <member file= ref=>
 *       <facts><fact name="area">Eastbridge</fact>...</facts>
 *       <inspection ...>the checked inspection, whose strengths,
 *         improvements and priority actions carry fd-criteria="04 07
 *         DD:identification" (the criteria of the evidence they cite),
 *         fd-criterion="04" (the one most of it bears on) and
 *         fd-types="local-authority police" (the types of the agencies
 *         they are about; "partnership" when they name none)</inspection>
 *     </member>
 *   </round>
 *
 * Members come in the order of their first day on site, then their ref,
 * whatever the order of the command line.
 *
 * Layering: round.c sees the inspections through render.h (already
 * loaded, checked and with their facts) and builds a libxml2 tree; it
 * knows no framework.
 */
#ifndef FD_ROUND_H
#define FD_ROUND_H

#include "load.h"
#include "render.h"

/*
 * Sorts rs (n inspections) into the round's order and returns the round
 * document, the caller's to free with xmlFreeDoc.
 */
xmlDoc *fd_round_doc(struct fd_render **rs, size_t n);

/*
 * The round's facts, for the stylesheet's parameters and the Markdown
 * placeholders: framework, theme, area-count ("3"), area-count-words
 * ("three"), area-noun ("area" or "areas"), areas ("A, B and C"),
 * round-start-date and round-end-date (first and last day on site, with
 * -iso twins), inspectorates and inspectorates-short (of the first
 * member). Sorts rs into the round's order too. The caller frees the
 * map.
 */
struct fd_map *fd_round_facts(struct fd_render **rs, size_t n);

#endif
