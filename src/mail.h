/*
 * mail.h: a document tree that is an email, as an RFC 5322 message
 * (.eml).
 *
 * A tree is an email when it has an envelope (doc->mail, doctree.h,
 * from the stylesheet's <meta><mail>: docs/document-tree.md): sender,
 * recipients, subject, the local date and time of sending and what the
 * Message-ID is made from. The email printed (PDF) is the same tree
 * typeset like any other: its heading (the subject, From, Sent, To, Cc)
 * is blocks the stylesheet writes, marked envelope="yes" (FD_ENVELOPE),
 * which the message's parts leave out, since a mail client shows the
 * headers itself.
 *
 * Layering: mail.c is the only file that calls GMime (and, through it,
 * GLib); GMime is loaded when the first email is written
 * (mail_gmime_int.h), so other runs do not load it. It takes the C tree
 * render.c built (doctree.h) and sees no libxml2 type; it writes the
 * text/plain part with emit_text.h and the text/html part with
 * emit_html.h. It knows no framework.
 */
#ifndef FD_MAIL_H
#define FD_MAIL_H

#include <stddef.h>

#include "diag.h"
#include "doctree.h"

/*
 * The message for an email tree: multipart/alternative (text/plain
 * wrapped at 72 columns, text/html with inline styles), both UTF-8 and
 * quoted-printable, of the body without its printed heading; From, To,
 * Cc and Subject from the envelope, encoded by RFC 2047 where they are
 * not ASCII; Date at the envelope's local time in Europe/London (+0000
 * or +0100); a Message-ID and MIME boundary hashed from the envelope, so
 * the same tree gives the same bytes. Lines end in CRLF. Returns 0 with
 * *out (the caller frees it) and *len, or reports through d (name when
 * the envelope has no place of its own) and returns -1 with *out NULL.
 */
int fd_mail_write(const struct fd_doc *doc, const char *name,
		  struct fd_diags *d, char **out, size_t *len);

/* What an email's headers carry from the inspection (the subject, the
 * names and addresses of sender and recipients, the Message-ID's
 * domain), a line each, for the privacy gate: they leave in the headers
 * whatever the printed heading shows. "" for a tree that is no email.
 * The caller frees it. */
char *fd_mail_carried(const struct fd_doc *doc);

#endif
