/*
 * mail.c: emails as MIME messages (GMime 3) and as printed PDF.
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
#include "doctree_xml.h"
#include "emit_html.h"
#include "emit_text.h"
#include "load.h"
#include "mail_gmime_int.h"
#include "util.h"

/* Plain text parts are wrapped here, as mail clients expect. */
#define TEXT_WIDTH 72

/* One mailbox of a header. */
struct mailbox {
	char *name;	     /* display name, one line of UTF-8, or NULL */
	const char *address; /* addr-spec, owned by the tree */
};

/* What <mail> says, read once; the subject and the names are our own
 * one-line copies, the other strings are owned by the tree. */
struct mail {
	char *subject;		/* the Subject header, one line */
	struct fd_date date;	/* the local date of sending */
	int minutes;		/* the local time of sending, after midnight */
	int offset;		/* Europe/London's offset then, in seconds */
	const char *id_key;	/* what the Message-ID is hashed from */
	const char *id_domain;	/* the Message-ID's right-hand side */
	struct mailbox from;	/* the sender */
	struct mailbox *to;	/* To recipients */
	size_t nto;		/* entries in to */
	struct mailbox *cc;	/* Cc recipients */
	size_t ncc;		/* entries in cc */
};

/* The <mail> element of the tree's <meta>, or NULL. */
static xmlNode *
find_mail(xmlDoc *tree)
{
	xmlNode *root = tree ? xmlDocGetRootElement(tree) : NULL;

	return fd_child(fd_child(root, "meta"), "mail");
}

int
fd_mail_is_mail(xmlDoc *tree)
{
	return find_mail(tree) != NULL;
}

char *
fd_mail_notified(xmlDoc *tree)
{
	const char *n = fd_attr(find_mail(tree), "notified");

	return n != NULL && *n != '\0' ? fd_xstrdup(n) : NULL;
}

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
 * A copy of s on one line: every control character (a line break above
 * all, which would end a header) and every run of white space becomes one
 * space, and none leads or trails. NULL for NULL; the caller frees it.
 */
static char *
one_line(const char *s)
{
	struct fd_buf b = {0};
	int space = 0;

	if (s == NULL)
		return NULL;
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7F || c == ' ') {
			space = b.len > 0;
			continue;
		}
		if (space)
			fd_buf_addc(&b, ' ');
		space = 0;
		fd_buf_addc(&b, (char)c);
	}
	return fd_buf_steal(&b);
}

static void
mail_clear(struct mail *m)
{
	size_t i;

	for (i = 0; i < m->nto; i++)
		free(m->to[i].name);
	for (i = 0; i < m->ncc; i++)
		free(m->cc[i].name);
	free(m->to);
	free(m->cc);
	free(m->from.name);
	free(m->subject);
}

static void
add_mailbox(struct mailbox **v, size_t *n, const xmlNode *el)
{
	*v = fd_xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[*n].name = one_line(fd_attr(el, "name"));
	(*v)[*n].address = fd_attr(el, "address");
	(*n)++;
}

/* True when every mailbox has an address. */
static int
addresses_given(const struct mailbox *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].address == NULL)
			return 0;
	return 1;
}

/*
 * Reads <mail>. document.rng validates it when the tree is built, but the
 * printed email reads it before that, so what C relies on is checked here
 * too. Returns 0, or reports why not and returns -1.
 */
static int
mail_read(struct mail *m, const xmlNode *el, const char *name,
	  struct fd_diags *d)
{
	const xmlNode *c;

	memset(m, 0, sizeof *m);
	m->subject = one_line(fd_attr(el, "subject"));
	m->id_key = fd_attr(el, "id-key");
	m->id_domain = fd_attr(el, "id-domain");
	m->minutes = parse_time(fd_attr(el, "time"));
	if (fd_date_parse(fd_attr(el, "date"), &m->date) != 0 ||
	    m->minutes < 0) {
		fd_diag(d, FD_ERROR, name, xmlGetLineNo(el), 0,
			"mail: date \"%s\" and time \"%s\" are not a real "
			"date and time",
			fd_attr(el, "date") ? fd_attr(el, "date") : "",
			fd_attr(el, "time") ? fd_attr(el, "time") : "");
		return -1;
	}
	m->offset = london_offset(m->date, m->minutes);
	for (c = el->children; c != NULL; c = c->next) {
		if (fd_is_elem(c, "from")) {
			free(m->from.name);
			m->from.name = one_line(fd_attr(c, "name"));
			m->from.address = fd_attr(c, "address");
		} else if (fd_is_elem(c, "to")) {
			add_mailbox(&m->to, &m->nto, c);
		} else if (fd_is_elem(c, "cc")) {
			add_mailbox(&m->cc, &m->ncc, c);
		}
	}
	if (m->subject == NULL || m->id_key == NULL || m->id_domain == NULL ||
	    m->from.address == NULL || m->nto == 0 ||
	    !addresses_given(m->to, m->nto) ||
	    !addresses_given(m->cc, m->ncc)) {
		fd_diag(d, FD_ERROR, name, xmlGetLineNo(el), 0,
			"mail: subject, id-key, id-domain, a sender and a "
			"recipient, each with an address, are required");
		return -1;
	}
	return 0;
}

/*
 * The caller's placeholders with the tree's own <placeholder> values
 * added; a value the stylesheet chose for this recipient wins over a fact
 * of the same name. The caller frees the map.
 */
static struct fd_map *
placeholders(const xmlNode *mail, const struct fd_map *base)
{
	struct fd_map *m = fd_map_new();
	const xmlNode *c;
	size_t i;

	for (i = 0; base != NULL && i < fd_map_count(base); i++)
		fd_map_set(m, fd_map_key(base, i), fd_map_value(base, i));
	for (c = mail->children; c != NULL; c = c->next) {
		if (fd_is_elem(c, "placeholder")) {
			char *v = fd_text(c);

			fd_map_set(m, fd_attr(c, "name"), v);
			free(v);
		}
	}
	return m;
}

struct fd_map *
fd_mail_values(xmlDoc *tree, const struct fd_map *base)
{
	const xmlNode *mail = find_mail(tree);
	struct fd_map *m;
	size_t i;

	if (mail != NULL)
		return placeholders(mail, base);
	m = fd_map_new();
	for (i = 0; base != NULL && i < fd_map_count(base); i++)
		fd_map_set(m, fd_map_key(base, i), fd_map_value(base, i));
	return m;
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
	    const struct mailbox *mb)
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
	char *seed = fd_xasprintf("%s\n%04d-%02d-%02d\n%d", m->id_key,
				  m->date.y, m->date.m, m->date.d, m->minutes);
	char *id_hash = hash_hex(seed, 32);
	char *id = fd_xasprintf("%s@%s", id_hash, m->id_domain);
	char *bseed = fd_xasprintf("%s\nboundary", id);
	char *bhash = hash_hex(bseed, 24);
	char *boundary = fd_xasprintf("=-%s", bhash);
	GByteArray *bytes;
	size_t i;
	int rc = -1;

	put_mailbox(msg, GMIME_ADDRESS_TYPE_FROM, &m->from);
	for (i = 0; i < m->nto; i++)
		put_mailbox(msg, GMIME_ADDRESS_TYPE_TO, &m->to[i]);
	for (i = 0; i < m->ncc; i++)
		put_mailbox(msg, GMIME_ADDRESS_TYPE_CC, &m->cc[i]);
	g_mime_message_set_subject(msg, m->subject, "utf-8");
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

int
fd_mail_write(xmlDoc *tree, const struct fd_doc *doc, const char *name,
	      struct fd_diags *d, char **out, size_t *len)
{
	xmlNode *el = find_mail(tree);
	struct mail m;
	char *text = NULL, *html = NULL;
	const char *why;
	int rc = -1;

	*out = NULL;
	*len = 0;
	memset(&m, 0, sizeof m);
	if (el == NULL) {
		fd_diag(d, FD_ERROR, name, 0, 0,
			"not an email: the document tree's <meta> has no "
			"<mail>");
		return -1;
	}
	if (mail_read(&m, el, name, d) != 0)
		goto out;
	text = fd_emit_text(doc, TEXT_WIDTH);
	html = fd_emit_html(doc);
	if ((why = fd_gmime_load()) != NULL) {
		fd_diag(d, FD_IOERR, name, 0, 0,
			"cannot load GMime, which writes emails: %s", why);
		goto out;
	}
	if (assemble(&m, doc->lang, text, html, out, len) != 0) {
		fd_diag(d, FD_IOERR, name, 0, 0,
			"the message could not be written");
		goto out;
	}
	rc = 0;
out:
	mail_clear(&m);
	free(text);
	free(html);
	return rc;
}

int
fd_mail_render(xmlDoc *tree, const char *name,
	       const struct fd_typeset_opts *o, struct fd_diags *d, char **out,
	       size_t *len)
{
	xmlNode *el = find_mail(tree);
	struct fd_doctree_opts dopts;
	struct fd_map *ph;
	struct fd_doc *doc;
	int rc = -1;

	*out = NULL;
	*len = 0;
	if (el == NULL) /* says that it is not an email */
		return fd_mail_write(tree, NULL, name, d, out, len);
	ph = placeholders(el, o->placeholders);
	dopts.markdown_dir = o->markdown_dir;
	dopts.placeholders = ph;
	dopts.schema_dir = o->schema_dir;
	/* Validates the whole tree, <mail> included, before it is read. */
	if ((doc = fd_doctree_build(tree, name, &dopts, d)) != NULL)
		rc = fd_mail_write(tree, doc, name, d, out, len);
	fd_doc_free(doc);
	fd_map_free(ph);
	return rc;
}

char *
fd_mail_carried(xmlDoc *tree)
{
	const xmlNode *el = find_mail(tree), *c;
	struct fd_buf b = {0};
	static const char *const attrs[] = {"subject", "id-domain", "name",
					    "address"};
	size_t i;

	for (c = el; c != NULL; c = c == el ? el->children : c->next) {
		if (c->type != XML_ELEMENT_NODE || fd_is_elem(c, "placeholder"))
			continue;
		for (i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
			if (fd_attr(c, attrs[i]) != NULL) {
				fd_buf_adds(&b, fd_attr(c, attrs[i]));
				fd_buf_addc(&b, '\n');
			}
	}
	return fd_buf_steal(&b);
}

/* Appends text as a run of n. */
static void
add_text(struct fd_node *n, const char *s, unsigned flags, const char *href)
{
	fd_node_add_run(n, s, strlen(s), flags, href);
}

/* Appends "Name <address>" with the address a mailto: link. */
static void
add_mailbox_line(struct fd_node *line, const struct mailbox *mb)
{
	char *href = fd_xasprintf("mailto:%s", mb->address);
	int named = mb->name != NULL && *mb->name != '\0';

	if (named) {
		add_text(line, mb->name, 0, NULL);
		add_text(line, " <", 0, NULL);
	}
	add_text(line, mb->address, 0, href);
	if (named)
		add_text(line, ">", 0, NULL);
	free(href);
}

/* One "Label: value" line of the printed header; returns the line. */
static struct fd_node *
header_line(struct fd_node *address, const char *label)
{
	struct fd_node *line = fd_node_new(FD_NODE_LINE, NULL, 0);

	fd_node_append(address, line);
	add_text(line, label, FD_RUN_BOLD, NULL);
	add_text(line, " ", 0, NULL);
	return line;
}

static void
header_list(struct fd_node *address, const char *label,
	    const struct mailbox *v, size_t n)
{
	struct fd_node *line;
	size_t i;

	if (n == 0)
		return;
	line = header_line(address, label);
	for (i = 0; i < n; i++) {
		if (i > 0)
			add_text(line, "; ", 0, NULL);
		add_mailbox_line(line, &v[i]);
	}
}

/*
 * Puts the printed header at the top of body: the subject as a heading,
 * then one line each for From, Sent, To, Cc and Subject, as mail clients
 * print.
 */
static void
print_header(struct fd_node *body, const struct mail *m)
{
	struct fd_node *h1 = fd_node_new(FD_NODE_HEADING, NULL, 0);
	struct fd_node *address = fd_node_new(FD_NODE_ADDRESS, NULL, 0);
	struct fd_node *line;
	char day[32];
	char *sent;

	h1->level = 1;
	add_text(h1, m->subject, 0, NULL);
	line = header_line(address, "From:");
	add_mailbox_line(line, &m->from);
	line = header_line(address, "Sent:");
	sent = fd_xasprintf("%s %s %02d:%02d", fd_date_weekday_name(m->date),
			    fd_date_long(m->date, day, sizeof day),
			    m->minutes / 60, m->minutes % 60);
	add_text(line, sent, 0, NULL);
	free(sent);
	header_list(address, "To:", m->to, m->nto);
	header_list(address, "Cc:", m->cc, m->ncc);
	line = header_line(address, "Subject:");
	add_text(line, m->subject, 0, NULL);
	fd_node_insert(body, 0, h1);
	fd_node_insert(body, 1, address);
}

int
fd_mail_print(xmlDoc *tree, struct fd_doc *doc, const char *name,
	      const struct fd_typeset_opts *o, struct fd_diags *d, char **pdf,
	      size_t *len)
{
	xmlNode *el = find_mail(tree);
	struct mail m;
	int rc = -1;

	*pdf = NULL;
	*len = 0;
	memset(&m, 0, sizeof m);
	if (el == NULL) {
		fd_diag(d, FD_ERROR, name, 0, 0,
			"not an email: the document tree's <meta> has no "
			"<mail>");
		return -1;
	}
	if (mail_read(&m, el, name, d) == 0) {
		print_header(doc->body, &m);
		rc = fd_typeset_doc(doc, name, o, d, pdf, len);
	}
	mail_clear(&m);
	return rc;
}

int
fd_mail_pdf(xmlDoc *tree, const char *name, const struct fd_typeset_opts *o,
	    struct fd_diags *d, char **pdf, size_t *len)
{
	xmlNode *el = find_mail(tree);
	struct fd_doctree_opts dopts;
	struct fd_map *ph;
	struct fd_doc *doc;
	int rc = -1;

	*pdf = NULL;
	*len = 0;
	if (el == NULL) /* says that it is not an email */
		return fd_mail_print(tree, NULL, name, o, d, pdf, len);
	ph = placeholders(el, o->placeholders);
	dopts.markdown_dir = o->markdown_dir;
	dopts.placeholders = ph;
	dopts.schema_dir = o->schema_dir;
	if ((doc = fd_doctree_build(tree, name, &dopts, d)) != NULL)
		rc = fd_mail_print(tree, doc, name, o, d, pdf, len);
	fd_doc_free(doc);
	fd_map_free(ph);
	return rc;
}
