/*
 * mail.c: emails as MIME messages (GMime 3).
 *
 * What makes the bytes reproducible: the Date comes from the tree (the
 * framework's sending time on the notification day), the Message-ID and
 * the multipart boundary are hashes of what the tree says, and GMime is
 * told the charset (UTF-8) and the encoding (quoted-printable) instead of
 * guessing them from the text and the locale.
 */
#include "mail.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "emit_html.h"
#include "emit_text.h"
#include "mail_gmime_int.h"
#include "msg.h"
#include "util.h"

/* Plain text parts are wrapped here, as mail clients expect. */
#define TEXT_WIDTH 72

/* What the envelope says that C works out: the time of sending. The
 * strings are the envelope's (doctree.h). */
struct mail {
	const struct fd_envelope *e; /* the tree's envelope */
	struct fd_date date;	     /* the local date of sending */
	int minutes;		     /* the local time of sending, after
					midnight */
	int offset;		     /* Europe/London's offset then, in
					seconds */
};

/* The last Sunday of a month that has 31 days. */
static struct fd_date
last_sunday(int y, int m)
{
	struct fd_date d = {y, m, 31};

	return fd_date_add_days(d, -((fd_date_weekday(d) + 1) % 7));
}

/*
 * Europe/London's offset from UTC, in seconds, at a local time: British
 * Summer Time (+1 hour) runs from 01:00 UTC on the last Sunday of March to
 * 01:00 UTC on the last Sunday of October (the rule since 1996). A time in
 * the hour that the clocks skip or repeat is taken as GMT would read it.
 */
static int
london_offset(struct fd_date day, int minutes)
{
	long long t = fd_date_epoch(day) + minutes * 60LL;
	long long start = fd_date_epoch(last_sunday(day.y, 3)) + 3600;
	long long end = fd_date_epoch(last_sunday(day.y, 10)) + 3600;

	return t - 3600 >= start && t - 3600 < end ? 3600 : 0;
}

/* Parses "HH:MM" (00:00 to 23:59) into minutes; -1 when it is not one. */
static int
parse_time(const char *s)
{
	int h, m;

	if (s == NULL || strlen(s) != 5 || s[2] != ':')
		return -1;
	if (s[0] < '0' || s[0] > '2' || s[1] < '0' || s[1] > '9' ||
	    s[3] < '0' || s[3] > '5' || s[4] < '0' || s[4] > '9')
		return -1;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	return h < 24 ? h * 60 + m : -1;
}

/*
 * Reads the envelope's date and time (document.rng checks their form
 * when the tree is built; a day that does not exist is caught here).
 * Returns 0, or reports why not and returns -1.
 */
static int
mail_read(struct mail *m, const struct fd_envelope *e, const char *name,
	  struct fd_diags *d)
{
	memset(m, 0, sizeof *m);
	m->e = e;
	m->minutes = parse_time(e->time);
	if (fd_date_parse(e->date, &m->date) != 0 || m->minutes < 0) {
		fd_msg(d, M_MAIL_DATE, e->file ? e->file : name, e->line, 0,
		       e->date ? e->date : "", e->time ? e->time : "");
		return -1;
	}
	m->offset = london_offset(m->date, m->minutes);
	return 0;
}

/* A hex SHA-256 of s cut to n characters; the caller frees it. */
static char *
hash_hex(const char *s, size_t n)
{
	gchar *h = g_compute_checksum_for_string(G_CHECKSUM_SHA256, s, -1);
	char *r = fd_xstrndup(h, n);

	g_free(h);
	return r;
}

static void
put_mailbox(GMimeMessage *msg, GMimeAddressType type,
	    const struct fd_mailbox *mb)
{
	InternetAddress *ia = internet_address_mailbox_new(mb->name,
							    mb->address);

	/* Non-ASCII names go out as UTF-8 encoded words, whatever the
	 * locale would have picked. */
	internet_address_set_charset(ia, "utf-8");
	internet_address_list_add(g_mime_message_get_addresses(msg, type),
				  ia);
	g_object_unref(ia);
}

/* A UTF-8, quoted-printable text part holding text. */
static GMimeObject *
text_part(const char *subtype, const char *text)
{
	GMimeTextPart *p = g_mime_text_part_new_with_subtype(subtype);
	GMimeStream *s = g_mime_stream_mem_new_with_buffer(text, strlen(text));
	GMimeDataWrapper *w = g_mime_data_wrapper_new_with_stream(
		s, GMIME_CONTENT_ENCODING_DEFAULT);

	g_mime_part_set_content(GMIME_PART(p), w);
	g_object_unref(w);
	g_object_unref(s);
	g_mime_object_set_content_type_parameter(GMIME_OBJECT(p), "charset",
						 "utf-8");
	g_mime_part_set_content_encoding(GMIME_PART(p),
					 GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
	return GMIME_OBJECT(p);
}

/*
 * Assembles and serialises the message. Returns 0 with *out and *len, or
 * -1 when GMime could not write it.
 */
static int
assemble(const struct mail *m, const char *lang, const char *text,
	 const char *html, char **out, size_t *len)
{
	GMimeMessage *msg = g_mime_message_new(TRUE);
	GMimeMultipart *alt = g_mime_multipart_new_with_subtype("alternative");
	GMimeObject *part;
	GMimeStream *stream = g_mime_stream_mem_new();
	GMimeFormatOptions *fo = g_mime_format_options_new();
	GTimeZone *tz = g_time_zone_new_offset(m->offset);
	GDateTime *dt =
		g_date_time_new(tz, m->date.y, m->date.m, m->date.d,
				m->minutes / 60, m->minutes % 60, 0.0);
	const struct fd_envelope *e = m->e;
	char *seed = fd_xasprintf("%s\n%04d-%02d-%02d\n%d", e->id_key,
				  m->date.y, m->date.m, m->date.d, m->minutes);
	char *id_hash = hash_hex(seed, 32);
	char *id = fd_xasprintf("%s@%s", id_hash, e->id_domain);
	char *bseed = fd_xasprintf("%s\nboundary", id);
	char *bhash = hash_hex(bseed, 24);
	char *boundary = fd_xasprintf("=-%s", bhash);
	GByteArray *bytes;
	size_t i;
	int rc = -1;

	put_mailbox(msg, GMIME_ADDRESS_TYPE_FROM, &e->from);
	for (i = 0; i < e->nto; i++)
		put_mailbox(msg, GMIME_ADDRESS_TYPE_TO, &e->to[i]);
	for (i = 0; i < e->ncc; i++)
		put_mailbox(msg, GMIME_ADDRESS_TYPE_CC, &e->cc[i]);
	g_mime_message_set_subject(msg, e->subject, "utf-8");
	g_mime_message_set_date(msg, dt);
	g_mime_message_set_message_id(msg, id);
	if (lang != NULL)
		g_mime_object_set_header(GMIME_OBJECT(msg), "Content-Language",
					 lang, NULL);
	/* "=-" cannot occur in a quoted-printable body: a safe boundary. */
	g_mime_multipart_set_boundary(alt, boundary);
	part = text_part("plain", text);
	g_mime_multipart_add(alt, part);
	g_object_unref(part);
	part = text_part("html", html);
	g_mime_multipart_add(alt, part);
	g_object_unref(part);
	g_mime_message_set_mime_part(msg, GMIME_OBJECT(alt));

	g_mime_format_options_set_newline_format(fo, GMIME_NEWLINE_FORMAT_DOS);
	if (g_mime_object_write_to_stream(GMIME_OBJECT(msg), fo, stream) < 0)
		goto out;
	bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream));
	*len = bytes->len;
	*out = fd_xmalloc(bytes->len + 1);
	memcpy(*out, bytes->data, bytes->len);
	(*out)[bytes->len] = '\0';
	rc = 0;
out:
	free(seed);
	free(id_hash);
	free(id);
	free(bseed);
	free(bhash);
	free(boundary);
	g_date_time_unref(dt);
	g_time_zone_unref(tz);
	g_mime_format_options_free(fo);
	g_object_unref(stream);
	g_object_unref(alt);
	g_object_unref(msg);
	return rc;
}

/*
 * The body as the message's parts carry it: without the printed heading
 * (FD_ENVELOPE blocks), which a mail client makes from the headers
 * itself. A view of doc sharing its nodes; *kids is the array to free.
 */
static struct fd_doc
parts_view(const struct fd_doc *doc, struct fd_node *body,
	   struct fd_node ***kids)
{
	struct fd_doc v = *doc;
	size_t i, n = 0;

	*kids = fd_xcalloc(doc->body->nkids + 1, sizeof **kids);
	for (i = 0; i < doc->body->nkids; i++)
		if (!(doc->body->kids[i]->flags & FD_ENVELOPE))
			(*kids)[n++] = doc->body->kids[i];
	*body = *doc->body;
	body->kids = *kids;
	body->nkids = n;
	body->capkids = n;
	v.body = body;
	return v;
}

int
fd_mail_write(const struct fd_doc *doc, const char *name, struct fd_diags *d,
	      char **out, size_t *len)
{
	struct fd_node body, **kids = NULL;
	struct fd_doc parts;
	struct mail m;
	char *text = NULL, *html = NULL;
	const char *why;
	int rc = -1;

	*out = NULL;
	*len = 0;
	if (doc->mail == NULL) {
		fd_msg(d, M_MAIL_NOT_MAIL, name, 0, 0);
		return -1;
	}
	if (mail_read(&m, doc->mail, name, d) != 0)
		return -1;
	parts = parts_view(doc, &body, &kids);
	text = fd_emit_text(&parts, TEXT_WIDTH);
	html = fd_emit_html(&parts);
	if ((why = fd_gmime_load()) != NULL) {
		fd_msg(d, M_GMIME_LOAD, name, 0, 0, why);
		goto out;
	}
	if (assemble(&m, doc->lang, text, html, out, len) != 0) {
		fd_msg(d, M_MAIL_WRITE, name, 0, 0);
		goto out;
	}
	rc = 0;
out:
	free(kids);
	free(text);
	free(html);
	return rc;
}

static void
carry(struct fd_buf *b, const char *s)
{
	if (s != NULL) {
		fd_buf_adds(b, s);
		fd_buf_addc(b, '\n');
	}
}

char *
fd_mail_carried(const struct fd_doc *doc)
{
	const struct fd_envelope *e = doc->mail;
	struct fd_buf b = {0};
	size_t i;

	if (e == NULL)
		return fd_xstrdup("");
	carry(&b, e->subject);
	carry(&b, e->id_domain);
	carry(&b, e->from.name);
	carry(&b, e->from.address);
	for (i = 0; i < e->nto; i++) {
		carry(&b, e->to[i].name);
		carry(&b, e->to[i].address);
	}
	for (i = 0; i < e->ncc; i++) {
		carry(&b, e->cc[i].name);
		carry(&b, e->cc[i].address);
	}
	return fd_buf_steal(&b);
}
