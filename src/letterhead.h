/*
 * letterhead.h: a letter's letterhead, filled from the style.
 *
 * The stylesheet says whose letter it is (<letterhead> with a <mark> an
 * inspectorate, the sender first); the style says what their letterhead
 * looks like (<letterhead> in styles/NAME.xml: the sender's address and
 * contact lines, each inspectorate's logo). render.c puts the two
 * together in the document tree before the privacy gate runs, so the
 * gate and every engine (PDF, HTML, text) read one tree.
 */
#ifndef FD_LETTERHEAD_H
#define FD_LETTERHEAD_H

#include "diag.h"
#include "doctree.h"
#include "style.h"

/* True when doc's body opens with a letterhead. */
int fd_letterhead_wanted(const struct fd_doc *doc);

/*
 * Gives doc's letterhead the sender's lines and each mark its logo from
 * st, or takes the letterhead out when st has none. Returns 0, or -1
 * after reporting a logo that cannot be used (at its place in the style).
 */
int fd_letterhead_fill(struct fd_doc *doc, const struct fd_style *st,
		       struct fd_diags *d);

#endif
