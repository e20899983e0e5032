/*
 * mail.h: a document tree that is an email, as an RFC 5322 message (.eml)
 * or as the same email printed to PDF.
 *
 * A tree is an email when its <meta> holds <mail> (docs/document-tree.md):
 * sender, recipients, subject, the local date and time of sending, what
 * the Message-ID is made from, and placeholder values that the stylesheet
 * chose for this recipient. The typesetting engine ignores <mail>.
 *
 * Layering: mail.c is the only file that calls GMime (and, through it,
 * GLib); GMime is loaded when the first email is written
 * (mail_gmime_int.h), so other runs do not load it. It reads <mail>
 * through load.h (libxml2's tree of the document: the C tree has no
 * place for it yet), takes the C tree render.c built (doctree.h;
 * doctree_xml.h for the callers that hold only the XML),
 * writes the text/plain part with emit_text.h and the text/html part with
 * emit_html.h, prints with typeset.h. It knows no framework.
 */
#ifndef FD_MAIL_H
#define FD_MAIL_H

#include <stddef.h>

#include "diag.h"
#include "load.h"
#include "typeset.h"

/* True when the tree's <meta> holds <mail>. */
int fd_mail_is_mail(xmlDoc *tree);

/*
 * The message for an email tree: multipart/alternative (text/plain
 * wrapped at 72 columns, text/html with inline styles), both UTF-8 and
 * quoted-printable; From, To, Cc and Subject encoded by RFC 2047 where
 * they are not ASCII; Date at the tree's local time in Europe/London
 * (+0000 or +0100); a Message-ID and MIME boundary hashed from the tree,
 * so the same tree gives the same bytes. Lines end in CRLF. o gives the
 * Markdown folder, the caller's placeholders (the tree's own are added)
 * and the schema folder; its style and date are not used. Returns 0 with
 * *out (the caller frees it) and *len, or reports through d and returns
 * -1 with *out NULL.
 */
int fd_mail_render(xmlDoc *tree, const char *name,
		   const struct fd_typeset_opts *o, struct fd_diags *d,
		   char **out, size_t *len);

/* The same for a document tree already built from tree (doctree.h, with
 * fd_mail_values as its placeholders), which the caller keeps. */
struct fd_doc;
int fd_mail_write(xmlDoc *tree, const struct fd_doc *doc, const char *name,
		  struct fd_diags *d, char **out, size_t *len);

/* The same for a document tree already built from tree (with
 * fd_mail_values as its placeholders): the printed header is put at the
 * top of doc's body, which the caller keeps and frees. */
int fd_mail_print(xmlDoc *tree, struct fd_doc *doc, const char *name,
		  const struct fd_typeset_opts *o, struct fd_diags *d,
		  char **pdf, size_t *len);

/* What an email tree's headers carry from the inspection (the subject,
 * the names and addresses of sender and recipients, the Message-ID's
 * domain), a line each, for the privacy gate. The caller frees it. */
char *fd_mail_carried(xmlDoc *tree);

/*
 * The same email printed as a mail client prints it: the subject as a
 * heading, From, Sent, To, Cc, then the body, typeset with fd_typeset_pdf
 * and o (the tree's placeholders added). tree is not changed. Returns as
 * fd_typeset_pdf does.
 */
int fd_mail_pdf(xmlDoc *tree, const char *name,
		const struct fd_typeset_opts *o, struct fd_diags *d,
		char **pdf, size_t *len);

/*
 * base with the values an email tree chose for its recipient
 * (<placeholder>) added, as the email's Markdown is filled when it is
 * rendered; a copy of base when the tree is not an email. The caller
 * frees the map.
 */
struct fd_map *fd_mail_values(xmlDoc *tree, const struct fd_map *base);

/*
 * The ids of the agencies that receive their own copy of this email, as
 * the stylesheet lists them in mail/@notified (space separated, in order),
 * or NULL when the tree is not an email or names none. `findings build`
 * renders one email per id, passing it as the stylesheet parameter "to".
 * The caller frees the string.
 */
char *fd_mail_notified(xmlDoc *tree);

#endif
