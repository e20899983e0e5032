/*
 * finish.cc: the finishing step on the PDF that Cairo wrote, with libqpdf's
 * C++ API, the one C++ translation unit of the program (behind finish.h).
 *
 * Cairo 1.16 writes tagged text but no artifacts, no structure attributes,
 * no catalogue /Lang, /ViewerPreferences or XMP, and its creation date
 * lacks the "D:" prefix. qpdf reads the file from memory and we add, for
 * PDF/UA-1 (ISO 14289-1):
 *
 *  - /Artifact around everything painted outside the structure: paint.c
 *    draws it on three other PDFs (the watermark, the rules, borders and
 *    shading, the furniture text and repeated table heads), and each of
 *    their pages is put under the body's page inside /Artifact marked
 *    content of its kind (/Pagination /Watermark, /Layout, /Pagination),
 *    its resources renamed; the body's content streams, most of the file,
 *    are copied as Cairo compressed them, never tokenized;
 *  - structure attributes that Cairo ignores, from the layout's operations
 *    (layout.h), which open the structure elements in the order a
 *    pre-order walk of the structure tree meets them: TH and TD get
 *    /A << /O /Table /Scope /ColSpan /RowSpan >>, a table cell that a page
 *    break cut in two is one element again, a link annotation gets
 *    /Contents, a Span /ActualText;
 *  - every page /Tabs /S, the catalogue's /Lang, /ViewerPreferences
 *    /DisplayDocTitle, /MarkInfo, XMP with pdfuaid:part 1, PDF 1.7;
 *
 * and qpdf writes the file again with an /ID computed from the content,
 * so the same input gives the same bytes. The objects are not resolved
 * one by one here: only the catalogue, the pages and the structure tree
 * are touched, and qpdf's writer does the rest as it did before.
 */
/* qpdf 11: std::shared_ptr everywhere, no PointerHolder. */
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/Buffer.hh>
#include <qpdf/Pl_Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <cstring>
#include <ctime>
#include <exception>
#include <stdexcept>
#include <map>
#include <memory>
#include <string>
#include <vector>

/* Their own headers know C++; ours are C. */
#include <libxml/tree.h>
#include <pango/pango.h>
extern "C" {
#include "finish.h"
}

namespace {

typedef QPDFObjectHandle OH;

/* Appends s with the five XML specials escaped. */
void
add_xml(std::string &b, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '&': b += "&amp;"; break;
		case '<': b += "&lt;"; break;
		case '>': b += "&gt;"; break;
		case '"': b += "&quot;"; break;
		default: b += *s;
		}
}

/* The XMP packet: Dublin Core title, language, author, subject, the dates
 * that accessibility checkers look for, and the PDF/UA identification. */
std::string
xmp(const struct fd_doc *doc, const char *iso)
{
	std::string b;

	b += "<?xpacket begin=\"\xef\xbb\xbf\" "
	     "id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	     "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	     "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/"
	     "22-rdf-syntax-ns#\">\n"
	     "<rdf:Description rdf:about=\"\"\n"
	     " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
	     "<pdfuaid:part>1</pdfuaid:part>\n"
	     "</rdf:Description>\n"
	     "<rdf:Description rdf:about=\"\"\n"
	     " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	     " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	     " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
	     "<dc:format>application/pdf</dc:format>\n"
	     "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">";
	add_xml(b, doc->title ? doc->title : "");
	b += "</rdf:li></rdf:Alt></dc:title>\n<dc:language><rdf:Bag><rdf:li>";
	add_xml(b, doc->lang);
	b += "</rdf:li></rdf:Bag></dc:language>\n";
	if (doc->author) {
		b += "<dc:creator><rdf:Seq><rdf:li>";
		add_xml(b, doc->author);
		b += "</rdf:li></rdf:Seq></dc:creator>\n";
	}
	if (doc->subject) {
		b += "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">";
		add_xml(b, doc->subject);
		b += "</rdf:li></rdf:Alt></dc:description>\n";
	}
	if (doc->keywords) {
		b += "<pdf:Keywords>";
		add_xml(b, doc->keywords);
		b += "</pdf:Keywords>\n";
	}
	b += std::string("<pdf:Producer>findings</pdf:Producer>\n") +
	     "<xmp:CreateDate>" + iso + "</xmp:CreateDate>\n" +
	     "<xmp:ModifyDate>" + iso + "</xmp:ModifyDate>\n" +
	     "<xmp:MetadataDate>" + iso + "</xmp:MetadataDate>\n" +
	     "<xmp:CreatorTool>findings</xmp:CreatorTool>\n"
	     "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
	     "<?xpacket end=\"w\"?>\n";
	return b;
}

/* The marked-content sequence each kind of artifact is drawn in. */
const char *const art_tag[FD_ART_N] = {
	"/Artifact << /Type /Pagination /Subtype /Watermark >> BDC",
	"/Artifact << /Type /Layout >> BDC",
	"/Artifact << /Type /Pagination >> BDC",
};

/* Renames the resources a content stream uses, as it passes. */
class Rename : public OH::TokenFilter {
      public:
	explicit Rename(const std::map<std::string, std::string> &m) : to(m)
	{
	}
	void
	handleToken(QPDFTokenizer::Token const &t) override
	{
		if (t.getType() == QPDFTokenizer::tt_name) {
			auto it = to.find(t.getValue());
			if (it != to.end()) {
				write(it->second);
				return;
			}
		}
		writeToken(t);
	}

      private:
	const std::map<std::string, std::string> &to;
};

/*
 * Puts before the content of body page pg what paint.c drew on the same
 * page of an artifact PDF (art), inside /Artifact marked content of kind
 * k: its resources (fonts, graphics states) copied into q under names of
 * their own, its content (a few lines of furniture, rules or a
 * watermark) with the names changed to match. The body's content
 * streams are not read. qpdf copies the resources' data when it writes q,
 * so art must live till then.
 */
void
put_under(QPDF &q, OH pg, QPDFPageObjectHelper art, int k)
{
	static const char *const prefix[FD_ART_N] = {"/FdW", "/FdL", "/FdP"};
	std::map<std::string, std::string> names;
	OH res = pg.getKey("/Resources");
	OH from = art.getObjectHandle().getKey("/Resources");

	if (!res.isDictionary()) {
		res = OH::newDictionary();
		pg.replaceKey("/Resources", res);
	}
	if (from.isDictionary())
		for (auto &kind : from.ditems()) {
			if (!kind.second.isDictionary())
				continue;
			OH dst = res.getKey(kind.first);
			if (!dst.isDictionary()) {
				dst = OH::newDictionary();
				res.replaceKey(kind.first, dst);
			}
			for (auto &r : kind.second.ditems()) {
				std::string n = prefix[k] + r.first.substr(1);
				OH o = r.second;

				/* qpdf copies indirect objects only. */
				if (!o.isIndirect())
					o = art.getObjectHandle()
						.getOwningQPDF()
						->makeIndirectObject(o);
				names[r.first] = n;
				dst.replaceKey(n, q.copyForeignObject(o));
			}
		}
	Pl_Buffer buf("artifact");
	Rename rename(names);
	std::string s = std::string(art_tag[k]) + " q\n";

	buf.write((const unsigned char *)s.data(), s.size());
	art.filterContents(&rename, &buf);
	s = "\nQ EMC\n";
	buf.write((const unsigned char *)s.data(), s.size());
	buf.finish();
	auto data = buf.getBufferSharedPointer();
	QPDFPageObjectHelper(pg).addPageContents(
		OH::newStream(&q, std::string((const char *)data->getBuffer(),
					     data->getSize())),
		true);
}

/* Under each page of the body, what paint.c drew on the same page of each
 * artifact PDF (put_under), the watermark lowest. */
void
artifacts(QPDF &q, const struct fd_painted *p, const char *name,
	  std::vector<OH> &pages, std::unique_ptr<QPDF> (&art)[FD_ART_N])
{
	std::vector<QPDFPageObjectHelper> art_pages[FD_ART_N];

	for (int k = 0; k < FD_ART_N; k++) {
		art[k].reset(new QPDF);
		art[k]->setSuppressWarnings(true);
		art[k]->processMemoryFile(name, p->art[k].data, p->art[k].len);
		art_pages[k] = QPDFPageDocumentHelper(*art[k]).getAllPages();
		if (art_pages[k].size() != pages.size())
			throw std::runtime_error("artifact pages do not match");
	}
	/* Each is put first, so the last put is the lowest. */
	for (size_t i = 0; i < pages.size(); i++)
		for (int k = FD_ART_N - 1; k >= 0; k--)
			if (p->used[i] & (1u << k))
				put_under(q, pages[i], art_pages[k][i], k);
}

/* A structure element and the element it sits in. */
struct elem {
	OH e;	   /* the StructElem */
	OH parent; /* its /P at the time of the walk */
};

/* The structure elements under k in pre-order: the order Cairo created
 * them in, which is the order of cairo_tag_begin. */
void
walk(OH k, OH parent, std::vector<elem> &out, int depth)
{
	if (depth > 200)
		throw std::runtime_error("structure tree too deep");
	if (k.isArray()) {
		for (auto &x : k.aitems())
			walk(x, parent, out, depth);
	} else if (k.isDictionary() && k.hasKey("/S")) {
		out.push_back({k, parent});
		walk(k.getKey("/K"), k, out, depth + 1);
	}
}

/* The tags the layout opened, in paint order (paint.c: a Document around
 * everything, then each page's furniture and body). */
struct opened {
	const char *tag;	     /* structure type, without the slash */
	const struct fd_op *op;	     /* the operation that opened it */
};

void
add_ops(const struct fd_oplist *l, std::vector<opened> &out)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct fd_op *o = &l->ops[i];

		if (o->kind == FD_OP_BEGIN)
			out.push_back({o->tag, o});
		else if (o->kind == FD_OP_LINK)
			out.push_back({"Link", o});
	}
}

/* The cell's table attributes: its scope, when a header, and spans. */
OH
table_attrs(const struct fd_node *cell)
{
	OH a = OH::newDictionary();
	const struct fd_node *row = cell->parent;

	a.replaceKey("/O", OH::newName("/Table"));
	if (cell->flags & FD_HEADER_CELL) {
		bool column = (row->flags & FD_HEAD_ROW) != 0;

		if (!column) {
			/* A row of header cells only heads the columns. */
			column = true;
			for (size_t i = 0; i < row->nkids; i++)
				if (!(row->kids[i]->flags & FD_HEADER_CELL))
					column = false;
		}
		a.replaceKey("/Scope",
			     OH::newName(column ? "/Column" : "/Row"));
	}
	if (cell->colspan > 1)
		a.replaceKey("/ColSpan", OH::newInteger(cell->colspan));
	if (cell->rowspan > 1)
		a.replaceKey("/RowSpan", OH::newInteger(cell->rowspan));
	return a;
}

/* Removes x from the kids of parent. */
void
unlink(OH parent, OH x)
{
	OH k = parent.getKey("/K");

	if (k.isArray()) {
		for (int i = k.getArrayNItems() - 1; i >= 0; i--)
			if (k.getArrayItem(i).isSameObjectAs(x))
				k.eraseItem(i);
	} else if (k.isSameObjectAs(x)) {
		parent.replaceKey("/K", OH::newArray());
	}
}

/* The kids of e as an array (a single kid becomes one). */
OH
kids_array(OH e)
{
	OH k = e.getKey("/K");

	if (k.isArray())
		return k;
	OH a = OH::newArray();
	if (!k.isNull())
		a.appendItem(k);
	e.replaceKey("/K", a);
	return a;
}

/* The value of key in the number tree at node, or null. */
OH
number_tree_get(OH node, long long key, int depth)
{
	if (!node.isDictionary() || depth > 32)
		return OH::newNull();
	OH nums = node.getKey("/Nums");
	if (nums.isArray())
		for (int i = 0; i + 1 < nums.getArrayNItems(); i += 2) {
			OH k = nums.getArrayItem(i);
			if (k.isInteger() && k.getIntValue() == key)
				return nums.getArrayItem(i + 1);
		}
	OH kids = node.getKey("/Kids");
	if (kids.isArray())
		for (auto &k : kids.aitems()) {
			OH v = number_tree_get(k, key, depth + 1);
			if (!v.isNull())
				return v;
		}
	return OH::newNull();
}

/* Makes the parent tree lead marked content mcid of page to e. */
void
reparent_mcid(OH root, OH page, long long mcid, OH e)
{
	OH sp = page.getKey("/StructParents");

	if (!sp.isInteger())
		return;
	OH v = number_tree_get(root.getKey("/ParentTree"), sp.getIntValue(),
			       0);
	if (v.isArray() && mcid >= 0 && mcid < v.getArrayNItems())
		v.setArrayItem((int)mcid, e);
}

/* Moves the kids of the continuation `from` (a row or cell cut by a page
 * break) to the element `to` it continues, and drops `from`. Structure
 * elements carry their own page; marked content (Cairo opens an empty
 * sequence for the cell on the new page) goes as a reference with its
 * page, and the parent tree follows it. */
void
merge(OH root, OH to, OH from)
{
	OH src = kids_array(from), dst = kids_array(to);
	OH pg = from.getKey("/Pg");

	for (auto &x : src.aitems()) {
		if (x.isDictionary() && x.hasKey("/S")) {
			x.replaceKey("/P", to);
			dst.appendItem(x);
		} else if (x.isInteger() && pg.isDictionary()) {
			OH mcr = OH::newDictionary();

			mcr.replaceKey("/Type", OH::newName("/MCR"));
			mcr.replaceKey("/MCID", x);
			mcr.replaceKey("/Pg", pg);
			dst.appendItem(mcr);
			reparent_mcid(root, pg, x.getIntValue(), to);
		} else if (x.isDictionary() &&
			   x.getKey("/Type").isNameAndEquals("/MCR")) {
			OH p = x.hasKey("/Pg") ? x.getKey("/Pg") : pg;

			if (!x.hasKey("/Pg") && p.isDictionary())
				x.replaceKey("/Pg", p);
			dst.appendItem(x);
			reparent_mcid(root, p, x.getKey("/MCID").getIntValue(),
				      to);
		} else {
			dst.appendItem(x);
		}
	}
	unlink(from.getKey("/P"), from);
}

/* The annotation a Link element points at, or null. */
OH
link_annot(OH e)
{
	OH k = e.getKey("/K");
	std::vector<OH> v;

	if (k.isArray())
		v = k.getArrayAsVector();
	else
		v.push_back(k);
	for (auto &x : v)
		if (x.isDictionary() && x.getKey("/Type").isNameAndEquals("/OBJR"))
			return x.getKey("/Obj");
	return OH::newNull();
}

/* Gives the structure elements what Cairo could not. Returns false when
 * the tree does not follow the operations (a bug, reported). */
bool
attributes(QPDF &pdf, const struct fd_pages *pages)
{
	std::vector<elem> els;
	std::vector<opened> ops;
	std::map<const struct fd_node *, OH> seen;
	OH root = pdf.getRoot().getKey("/StructTreeRoot");

	if (!root.isDictionary())
		return false;
	walk(root.getKey("/K"), root, els, 0);
	ops.push_back({"Document", nullptr});
	for (size_t i = 0; i < pages->npages; i++) {
		add_ops(&pages->pages[i].furniture, ops);
		add_ops(&pages->pages[i].body, ops);
	}
	if (els.size() != ops.size())
		return false;
	for (size_t i = 0; i < els.size(); i++) {
		OH e = els[i].e;
		const struct fd_op *o = ops[i].op;
		std::string s = e.getKey("/S").getName();

		if (s.compare(1, std::string::npos, ops[i].tag) != 0)
			return false;
		if (o == nullptr)
			continue;
		if (o->kind == FD_OP_LINK && o->label != nullptr) {
			OH a = link_annot(e);

			if (a.isDictionary())
				a.replaceKey("/Contents",
					     OH::newUnicodeString(o->label));
			e.replaceKey("/Alt", OH::newUnicodeString(o->label));
		} else if (o->label != nullptr) {
			/* A logo's alternate text; a Span's replacement. */
			e.replaceKey(s == "/Figure" ? "/Alt" : "/ActualText",
				     OH::newUnicodeString(o->label));
		}
		if (o->node == nullptr)
			continue;
		auto it = seen.find(o->node);
		if (it != seen.end()) {
			merge(root, it->second, e);
			continue;
		}
		seen[o->node] = e;
		if (s == "/TH" || s == "/TD")
			e.replaceKey("/A", table_attrs(o->node));
	}
	return true;
}

/* ISO 14289-1 7.21.3.2: an embedded TrueType CIDFont names its CID to
 * glyph map; Cairo's subsets leave out the Identity map that is the
 * default in ISO 32000-1. */
void
cid_maps(QPDFPageObjectHelper &pg)
{
	OH fonts = pg.getObjectHandle().getKey("/Resources").getKey("/Font");

	if (!fonts.isDictionary())
		return;
	for (auto &kv : fonts.ditems()) {
		OH desc = kv.second.getKey("/DescendantFonts");

		if (!desc.isArray())
			continue;
		for (auto &f : desc.aitems())
			if (f.isDictionary() &&
			    f.getKey("/Subtype").isNameAndEquals("/CIDFontType2") &&
			    !f.hasKey("/CIDToGIDMap"))
				f.replaceKey("/CIDToGIDMap",
					     OH::newName("/Identity"));
	}
}

/* The catalogue's accessibility entries and the XMP. */
void
catalogue(QPDF &pdf, const struct fd_doc *doc, const char *iso)
{
	OH root = pdf.getRoot();
	OH prefs = OH::newDictionary();
	OH mark = OH::newDictionary();
	OH meta = OH::newStream(&pdf, xmp(doc, iso));

	root.replaceKey("/Lang", OH::newUnicodeString(doc->lang));
	prefs.replaceKey("/DisplayDocTitle", OH::newBool(true));
	root.replaceKey("/ViewerPreferences", prefs);
	mark.replaceKey("/Marked", OH::newBool(true));
	root.replaceKey("/MarkInfo", mark);
	meta.getDict().replaceKey("/Type", OH::newName("/Metadata"));
	meta.getDict().replaceKey("/Subtype", OH::newName("/XML"));
	root.replaceKey("/Metadata", meta);
}

} // namespace

int
fd_finish_pdf(const struct fd_painted *pdf, const struct fd_doc *doc,
	      const struct fd_pages *pages, long long date, const char *name,
	      char **out, size_t *outlen, struct fd_diags *d)
{
	time_t t = (time_t)date;
	char pdfdate[32], iso[32];
	struct tm tm;

	*out = NULL;
	*outlen = 0;
	gmtime_r(&t, &tm);
	strftime(pdfdate, sizeof pdfdate, "D:%Y%m%d%H%M%SZ", &tm);
	strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
	try {
		std::unique_ptr<QPDF> art[FD_ART_N];
		QPDF q;

		q.setSuppressWarnings(true);
		q.processMemoryFile(name, pdf->body.data, pdf->body.len);
		catalogue(q, doc, iso);
		if (!attributes(q, pages)) {
			fd_diag(d, FD_IOERR, name, 0, 0,
				"cannot finish the PDF: its structure tree "
				"does not follow the layout (a bug: please "
				"report it with the input)");
			return -1;
		}
		std::vector<OH> pgs;
		auto all = QPDFPageDocumentHelper(q).getAllPages();
		for (auto &pg : all)
			pgs.push_back(pg.getObjectHandle());
		if (pgs.size() != pdf->npages)
			throw std::runtime_error("pages do not match");
		artifacts(q, pdf, name, pgs, art);
		for (auto &pg : all) {
			pg.getObjectHandle().replaceKey("/Tabs",
							OH::newName("/S"));
			cid_maps(pg);
		}
		OH info = q.getTrailer().getKey("/Info");
		if (info.isDictionary()) {
			info.replaceKey("/CreationDate", OH::newString(pdfdate));
			info.replaceKey("/ModDate", OH::newString(pdfdate));
		}

		QPDFWriter w(q);
		w.setOutputMemory();
		w.setDeterministicID(true);
		w.setMinimumPDFVersion("1.7");
		w.setObjectStreamMode(qpdf_o_generate);
		w.setCompressStreams(true);
		w.write();
		auto buf = w.getBufferSharedPointer();
		*outlen = buf->getSize();
		*out = (char *)fd_xmalloc(*outlen + 1);
		memcpy(*out, buf->getBuffer(), *outlen);
		(*out)[*outlen] = '\0';
	} catch (const std::exception &e) {
		fd_diag(d, FD_IOERR, name, 0, 0, "cannot finish the PDF: %s",
			e.what());
		free(*out);
		*out = NULL;
		*outlen = 0;
		return -1;
	}
	return 0;
}
