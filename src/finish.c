/*
 * finish.c: the finishing step on the PDF that Cairo wrote, with libqpdf.
 *
 * Cairo 1.16 writes no catalogue /Lang, no /ViewerPreferences, no XMP, and
 * its creation date lacks the "D:" prefix; qpdf reads the file from
 * memory, we set those objects, and qpdf writes it again with an /ID
 * computed from the content, so the same input gives the same bytes.
 */
#include "finish.h"

#include <qpdf/qpdf-c.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Appends s with the five XML specials escaped. */
static void
add_xml(struct fd_buf *b, const char *s)
{
	for (; *s; s++)
		if (!fd_buf_add_markup_escape(b, (unsigned char)*s))
			fd_buf_addc(b, *s);
}

/* The XMP packet: Dublin Core title, language, author, subject, and the
 * dates, which accessibility checkers look for. */
static char *
xmp(const struct fd_doc *doc, const char *iso)
{
	struct fd_buf b = {0};

	fd_buf_adds(&b, "<?xpacket begin=\"\xef\xbb\xbf\" "
			"id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
			"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
			"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/"
			"22-rdf-syntax-ns#\">\n"
			"<rdf:Description rdf:about=\"\"\n"
			" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
			" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
			" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
			"<dc:format>application/pdf</dc:format>\n"
			"<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
	add_xml(&b, doc->title ? doc->title : "");
	fd_buf_adds(&b, "</rdf:li></rdf:Alt></dc:title>\n"
			"<dc:language><rdf:Bag><rdf:li>");
	add_xml(&b, doc->lang);
	fd_buf_adds(&b, "</rdf:li></rdf:Bag></dc:language>\n");
	if (doc->author) {
		fd_buf_adds(&b, "<dc:creator><rdf:Seq><rdf:li>");
		add_xml(&b, doc->author);
		fd_buf_adds(&b, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	if (doc->subject) {
		fd_buf_adds(&b, "<dc:description><rdf:Alt><rdf:li "
				"xml:lang=\"x-default\">");
		add_xml(&b, doc->subject);
		fd_buf_adds(&b, "</rdf:li></rdf:Alt></dc:description>\n");
	}
	if (doc->keywords) {
		fd_buf_adds(&b, "<pdf:Keywords>");
		add_xml(&b, doc->keywords);
		fd_buf_adds(&b, "</pdf:Keywords>\n");
	}
	fd_buf_addf(&b,
		    "<xmp:CreateDate>%s</xmp:CreateDate>\n"
		    "<xmp:ModifyDate>%s</xmp:ModifyDate>\n"
		    "<xmp:MetadataDate>%s</xmp:MetadataDate>\n"
		    "<xmp:CreatorTool>findings</xmp:CreatorTool>\n"
		    "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
		    "<?xpacket end=\"w\"?>\n",
		    iso, iso, iso);
	return fd_buf_steal(&b);
}

static int
failed(qpdf_data q, const char *name, struct fd_diags *d)
{
	qpdf_error e;

	if (!qpdf_has_error(q))
		return 0;
	e = qpdf_get_error(q);
	fd_diag(d, FD_IOERR, name, 0, 0, "cannot finish the PDF: %s",
		qpdf_get_error_full_text(q, e));
	return 1;
}

int
fd_finish_pdf(const char *pdf, size_t len, const struct fd_doc *doc,
	      long long date, const char *name, char **out, size_t *outlen,
	      struct fd_diags *d)
{
	qpdf_data q = qpdf_init();
	qpdf_oh root, info, prefs, meta, mdict;
	time_t t = (time_t)date;
	char pdfdate[32], iso[32];
	struct tm tm;
	char *x = NULL;
	int rc = -1;

	*out = NULL;
	*outlen = 0;
	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	gmtime_r(&t, &tm);
	strftime(pdfdate, sizeof pdfdate, "D:%Y%m%d%H%M%SZ", &tm);
	strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm);

	qpdf_read_memory(q, name, pdf, (unsigned long long)len, NULL);
	if (failed(q, name, d))
		goto out;
	root = qpdf_get_root(q);
	qpdf_oh_replace_key(q, root, "/Lang",
			    qpdf_oh_new_unicode_string(q, doc->lang));
	prefs = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, prefs, "/DisplayDocTitle",
			    qpdf_oh_new_bool(q, QPDF_TRUE));
	qpdf_oh_replace_key(q, root, "/ViewerPreferences", prefs);

	x = xmp(doc, iso);
	meta = qpdf_oh_new_stream(q);
	qpdf_oh_replace_stream_data(q, meta, (const unsigned char *)x,
				    strlen(x), qpdf_oh_new_null(q),
				    qpdf_oh_new_null(q));
	mdict = qpdf_oh_get_dict(q, meta);
	qpdf_oh_replace_key(q, mdict, "/Type", qpdf_oh_new_name(q, "/Metadata"));
	qpdf_oh_replace_key(q, mdict, "/Subtype", qpdf_oh_new_name(q, "/XML"));
	qpdf_oh_replace_key(q, root, "/Metadata", meta);

	info = qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Info");
	if (qpdf_oh_is_dictionary(q, info)) {
		qpdf_oh_replace_key(q, info, "/CreationDate",
				    qpdf_oh_new_string(q, pdfdate));
		qpdf_oh_replace_key(q, info, "/ModDate",
				    qpdf_oh_new_string(q, pdfdate));
	}
	if (failed(q, name, d))
		goto out;

	qpdf_init_write_memory(q);
	qpdf_set_deterministic_ID(q, QPDF_TRUE);
	qpdf_set_object_stream_mode(q, qpdf_o_generate);
	qpdf_set_compress_streams(q, QPDF_TRUE);
	qpdf_write(q);
	if (failed(q, name, d))
		goto out;
	*outlen = qpdf_get_buffer_length(q);
	*out = fd_xmalloc(*outlen + 1);
	memcpy(*out, qpdf_get_buffer(q), *outlen);
	rc = 0;
out:
	free(x);
	qpdf_cleanup(&q);
	return rc;
}
