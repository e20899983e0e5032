/*
 * bounds.h: the bounds build meets (a document tree's elements and
 * paragraphs, the engine's lines: doctree.h), met by findings check too,
 * at an element of the inspection, so that check refuses what build
 * would refuse.
 *
 * Layering: above render.h (it makes the documents as build would) and
 * doctree.h; sees the inspection's libxml2 tree to find the element.
 */
#ifndef FD_BOUNDS_H
#define FD_BOUNDS_H

#include "diag.h"

struct fd_doc;
struct fd_render;

/*
 * At least as many lines and table cells as laying doc out would count
 * (each line holds a character or is a node's one empty line, and a
 * paragraph's number or bullet is a few characters more), found without
 * Pango: when this is under FD_MAX_LINES the document cannot be too long.
 */
unsigned long fd_doc_most_lines(const struct fd_doc *doc);

/*
 * Makes every document build would write for r (not the emails, which
 * build skips with a warning when it cannot make them) and, for each that
 * build would refuse, reports an error at the element of the inspection
 * that weighs most in it (its text times the times it is printed, once
 * and once for each citation of its id), with build's own words as a
 * note. Returns the number of documents refused.
 */
unsigned fd_check_bounds(struct fd_render *r, struct fd_diags *d);

#endif
