/*
 * finish.c: the finishing step on the PDF that Cairo wrote (finish.h).
 *
 * Cairo 1.16 writes tagged text but no artifacts, no structure
 * attributes, no catalogue /Lang, /ViewerPreferences or XMP, and its
 * creation date lacks the "D:" prefix. We add, for PDF/UA-1 (ISO
 * 14289-1):
 *
 *  - /Artifact around everything painted outside the structure: paint.c
 *    draws it on three other PDFs (the watermark; the rules, borders and
 *    shading; the furniture text and repeated table heads), and each of
 *    their pages becomes a form XObject, with its own resources, shown
 *    under the body's page inside /Artifact marked content of its kind
 *    (/Pagination /Watermark, /Layout, /Pagination). Their content
 *    streams and fonts are copied as Cairo compressed them;
 *  - structure attributes that Cairo ignores, from the elements paint.c
 *    opened (paint.h), in the order a pre-order walk of the structure
 *    tree meets them: TH and TD
 *    get /A << /O /Table /Scope /ColSpan /RowSpan >>, a table cell that a
 *    page break cut in two is one element again, a link annotation gets
 *    /Contents, a Span /ActualText, a Figure /Alt;
 *  - every page /Tabs /S, the catalogue's /Lang, /ViewerPreferences
 *    /DisplayDocTitle, /MarkInfo and XMP with pdfuaid:part 1, /CIDToGIDMap
 *    on TrueType CIDFonts, dates in the PDF form, PDF 1.7.
 *
 * All of it is an incremental update after Cairo's bytes (pdfobj.h):
 * only the objects changed and added are written, with an /ID made from
 * the content, so the same input gives the same bytes. Cairo's content
 * streams, most of the file, are neither read nor written again.
 */
#include "finish.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "msg.h"
#include "pdfobj.h"

/* The marked-content sequence each kind of artifact is drawn in. */
static const char *const art_tag[FD_ART_N] = {
	"/Artifact << /Type /Pagination /Subtype /Watermark >> BDC",
	"/Artifact << /Type /Layout >> BDC",
	"/Artifact << /Type /Pagination >> BDC",
};

/* Each kind's form XObject, by name in the page's resources. */
static const char *const art_name[FD_ART_N] = {"/FdArtW", "/FdArtL",
					       "/FdArtP"};

/* Appends s with the five XML specials escaped. */
static void
add_xml(struct fd_buf *b, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '&': fd_buf_adds(b, "&amp;"); break;
		case '<': fd_buf_adds(b, "&lt;"); break;
		case '>': fd_buf_adds(b, "&gt;"); break;
		case '"': fd_buf_adds(b, "&quot;"); break;
		default: fd_buf_addc(b, *s);
		}
}

/* The XMP packet: Dublin Core title, language, author, subject, the
 * dates that accessibility checkers look for, and the PDF/UA
 * identification. */
static void
xmp(struct fd_buf *b, const struct fd_doc *doc, const char *iso)
{
	fd_buf_adds(b, "<?xpacket begin=\"\xef\xbb\xbf\" "
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
		       "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
	add_xml(b, doc->title ? doc->title : "");
	fd_buf_adds(b, "</rdf:li></rdf:Alt></dc:title>\n"
		       "<dc:language><rdf:Bag><rdf:li>");
	add_xml(b, doc->lang);
	fd_buf_adds(b, "</rdf:li></rdf:Bag></dc:language>\n");
	if (doc->author) {
		fd_buf_adds(b, "<dc:creator><rdf:Seq><rdf:li>");
		add_xml(b, doc->author);
		fd_buf_adds(b, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	if (doc->subject) {
		fd_buf_adds(b, "<dc:description><rdf:Alt>"
			       "<rdf:li xml:lang=\"x-default\">");
		add_xml(b, doc->subject);
		fd_buf_adds(b, "</rdf:li></rdf:Alt></dc:description>\n");
	}
	if (doc->keywords) {
		fd_buf_adds(b, "<pdf:Keywords>");
		add_xml(b, doc->keywords);
		fd_buf_adds(b, "</pdf:Keywords>\n");
	}
	fd_buf_addf(b,
		    "<pdf:Producer>findings</pdf:Producer>\n"
		    "<xmp:CreateDate>%s</xmp:CreateDate>\n"
		    "<xmp:ModifyDate>%s</xmp:ModifyDate>\n"
		    "<xmp:MetadataDate>%s</xmp:MetadataDate>\n"
		    "<xmp:CreatorTool>findings</xmp:CreatorTool>\n"
		    "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
		    "<?xpacket end=\"w\"?>\n",
		    iso, iso, iso);
}

/* What one finishing holds. */
struct fin {
	struct pdf_file pdf;		/* the body */
	struct pdf_file art[FD_ART_N];	/* each kind of artifact */
	long long *pages;		/* the body's pages, in order */
	size_t npages;
	long long root;			/* the structure tree root */
	long long wm_form;		/* the watermark's form, once made */
	const char *err;		/* what went wrong */
};

/* The number of an indirect object v refers to, or 0. */
static long long
num_of(const struct pdf_val *v)
{
	return v != NULL && v->kind == PDF_REF ? v->num : 0;
}

/* The page objects under node, in order, into *out. */
static int
page_list(struct pdf_file *f, struct pdf_val *node, long long num,
	  long long **out, size_t *n, size_t *cap, int depth)
{
	struct pdf_val *kids;
	size_t i;

	if (node == NULL || node->kind != PDF_DICT || depth > 32)
		return -1;
	if (pdf_is_name(pdf_dict_get(node, "/Type"), "/Page")) {
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			*out = fd_xrealloc(*out, *cap * sizeof **out);
		}
		(*out)[(*n)++] = num;
		return 0;
	}
	if ((kids = pdf_dict_kind(f, node, "/Kids", PDF_ARRAY)) == NULL)
		return -1;
	for (i = 0; i < kids->n; i++)
		if (num_of(kids->v[i]) == 0 ||
		    page_list(f, pdf_resolve(f, kids->v[i]), kids->v[i]->num,
			      out, n, cap, depth + 1) != 0)
			return -1;
	return 0;
}

static int
pages_of(struct pdf_file *f, long long **out, size_t *n)
{
	struct pdf_val *root, *pages;
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	root = pdf_resolve(f, pdf_dict_get(f->trailer, "/Root"));
	pages = pdf_dict_get(root, "/Pages");
	if (num_of(pages) == 0)
		return -1;
	return page_list(f, pdf_resolve(f, pages), pages->num, out, n, &cap,
			 0);
}

/* ---- the structure tree ----------------------------------------------- */

/* The structure elements, by object number, with their types as the
 * file writes them ("/TD"). */
struct elems {
	long long *num;
	const char **s;
	size_t *slen;
	size_t n, cap;
};

/* The structure elements at and under object num, in pre-order: the
 * order Cairo created them in, which is the order of cairo_tag_begin.
 * Each is read to find its type and kids and then forgotten, so that the
 * walk of a long document's tree holds no more than its numbers. */
static int
walk(struct pdf_file *f, long long num, struct elems *out, int depth)
{
	struct pdf_mark m = pdf_mark(f);
	struct pdf_val *e, *s, *k;
	long long *kids = NULL;
	size_t nkids = 0, i;
	int rc = 0;

	if (depth > 200 || (e = pdf_get(f, num)) == NULL ||
	    e->kind != PDF_DICT)
		return -1;
	if ((s = pdf_dict_get(e, "/S")) != NULL) {
		if (s->kind != PDF_NAME)
			return -1;
		if (out->n == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 256;
			out->num = fd_xreallocarray(out->num, out->cap,
						    sizeof *out->num);
			out->s = fd_xreallocarray(out->s, out->cap,
						  sizeof *out->s);
			out->slen = fd_xreallocarray(out->slen, out->cap,
						     sizeof *out->slen);
		}
		out->num[out->n] = num;
		out->s[out->n] = s->text; /* in the file's bytes */
		out->slen[out->n++] = s->len;
		/* Kids that are objects: elements, or an annotation's
		 * reference, which has no /S. */
		k = pdf_dict_get(e, "/K");
		if (k != NULL && k->kind == PDF_ARRAY) {
			kids = fd_xreallocarray(NULL, k->n + 1, sizeof *kids);
			for (i = 0; i < k->n; i++)
				if (num_of(k->v[i]) != 0)
					kids[nkids++] = k->v[i]->num;
		} else if (num_of(k) != 0) {
			kids = fd_xreallocarray(NULL, 1, sizeof *kids);
			kids[nkids++] = k->num;
		}
	}
	pdf_release(f, m);
	for (i = 0; i < nkids && rc == 0; i++)
		rc = walk(f, kids[i], out, depth + 1);
	free(kids);
	return rc;
}

/* The cell's table attributes: its scope, when a header, and spans. */
static struct pdf_val *
table_attrs(struct pdf_file *f, const struct fd_node *cell)
{
	struct pdf_val *a = pdf_dict(f);
	const struct fd_node *row = cell->parent;

	pdf_set(f, a, "/O", pdf_name(f, "/Table"));
	if (cell->flags & FD_HEADER_CELL) {
		int column = (row->flags & FD_HEAD_ROW) != 0;
		size_t i;

		if (!column) {
			/* A row of header cells only heads the columns. */
			column = 1;
			for (i = 0; i < row->nkids; i++)
				if (!(row->kids[i]->flags & FD_HEADER_CELL))
					column = 0;
		}
		pdf_set(f, a, "/Scope",
			pdf_name(f, column ? "/Column" : "/Row"));
	}
	if (cell->colspan > 1)
		pdf_set(f, a, "/ColSpan", pdf_int(f, cell->colspan));
	if (cell->rowspan > 1)
		pdf_set(f, a, "/RowSpan", pdf_int(f, cell->rowspan));
	return a;
}

/* The kids of e as an array (a single kid becomes one). */
static struct pdf_val *
kids_array(struct pdf_file *f, struct pdf_val *e)
{
	struct pdf_val *k = pdf_dict_get(e, "/K"), *a;

	if (k != NULL && k->kind == PDF_ARRAY)
		return k;
	a = pdf_array(f);
	if (k != NULL && k->kind != PDF_NULL)
		pdf_push(f, a, k);
	pdf_set(f, e, "/K", a);
	return a;
}

/* The array that number tree node (object owner, or 0 when direct)
 * holds for key, and the object to mark when it changes. */
static struct pdf_val *
number_tree_get(struct pdf_file *f, struct pdf_val *node, long long owner,
		long long key, long long *changed, int depth)
{
	struct pdf_val *nums, *kids;
	size_t i;

	if (num_of(node) != 0) {
		owner = node->num;
		node = pdf_resolve(f, node);
	}
	if (node == NULL || node->kind != PDF_DICT || depth > 32)
		return NULL;
	nums = pdf_dict_kind(f, node, "/Nums", PDF_ARRAY);
	for (i = 0; nums != NULL && i + 1 < nums->n; i += 2)
		if (nums->v[i]->integer && nums->v[i]->num == key) {
			struct pdf_val *v = nums->v[i + 1];

			*changed = num_of(v) != 0 ? v->num : owner;
			v = pdf_resolve(f, v);
			return v != NULL && v->kind == PDF_ARRAY ? v : NULL;
		}
	kids = pdf_dict_kind(f, node, "/Kids", PDF_ARRAY);
	for (i = 0; kids != NULL && i < kids->n; i++) {
		struct pdf_val *v = number_tree_get(f, kids->v[i], owner, key,
						    changed, depth + 1);

		if (v != NULL)
			return v;
	}
	return NULL;
}

/* Makes the parent tree lead marked content mcid of page pg to e. */
static void
reparent_mcid(struct fin *fn, struct pdf_val *pg, long long mcid, long long e)
{
	struct pdf_file *f = &fn->pdf;
	struct pdf_val *page = pdf_resolve(f, pg);
	struct pdf_val *sp = pdf_dict_get(page, "/StructParents");
	struct pdf_val *root = pdf_get(f, fn->root), *v;
	long long changed = 0;

	if (sp == NULL || !sp->integer)
		return;
	v = number_tree_get(f, pdf_dict_get(root, "/ParentTree"), fn->root,
			    sp->num, &changed, 0);
	if (v != NULL && mcid >= 0 && (size_t)mcid < v->n) {
		v->v[mcid] = pdf_ref(f, e);
		pdf_touch(f, changed);
	}
}

/* Removes the element x from the kids of its parent. */
static void
unlink_elem(struct pdf_file *f, struct pdf_val *parent, long long x)
{
	struct pdf_val *p = pdf_resolve(f, parent), *k;

	if (num_of(parent) == 0 || p == NULL || p->kind != PDF_DICT)
		return;
	k = pdf_dict_get(p, "/K");
	if (k != NULL && k->kind == PDF_ARRAY) {
		for (size_t i = k->n; i-- > 0;)
			if (num_of(k->v[i]) == x)
				pdf_erase(k, i);
	} else if (num_of(k) == x) {
		pdf_set(f, p, "/K", pdf_array(f));
	}
	pdf_touch(f, parent->num);
}

/* Moves the kids of the continuation `from` (a row or cell cut by a page
 * break) to the element `to` it continues, and drops `from`. Structure
 * elements carry their own page; marked content (Cairo opens an empty
 * sequence for the cell on the new page) goes as a reference with its
 * page, and the parent tree follows it. */
static void
merge(struct fin *fn, long long to, long long from)
{
	struct pdf_file *f = &fn->pdf;
	struct pdf_val *t = pdf_get(f, to), *fr = pdf_get(f, from);
	struct pdf_val *src = pdf_dict_get(fr, "/K"), *dst = kids_array(f, t);
	struct pdf_val *pg = pdf_dict_get(fr, "/Pg");
	struct pdf_val one = {.kind = PDF_ARRAY};
	struct pdf_val *item[1];
	size_t i;

	pdf_touch(f, to);
	if (src == NULL) {
		src = &one;
	} else if (src->kind != PDF_ARRAY) {
		item[0] = src;
		one.v = item;
		one.n = 1;
		src = &one;
	}
	for (i = 0; i < src->n; i++) {
		struct pdf_val *x = src->v[i], *xd = pdf_resolve(f, x);

		if (num_of(x) != 0 && xd != NULL && xd->kind == PDF_DICT &&
		    pdf_dict_get(xd, "/S") != NULL) {
			pdf_set(f, xd, "/P", pdf_ref(f, to));
			pdf_touch(f, x->num);
			pdf_push(f, dst, x);
		} else if (x->kind == PDF_NUMBER && x->integer && pg != NULL) {
			struct pdf_val *mcr = pdf_dict(f);

			pdf_set(f, mcr, "/Type", pdf_name(f, "/MCR"));
			pdf_set(f, mcr, "/MCID", x);
			pdf_set(f, mcr, "/Pg", pg);
			pdf_push(f, dst, mcr);
			reparent_mcid(fn, pg, x->num, to);
		} else if (x->kind == PDF_DICT &&
			   pdf_is_name(pdf_dict_get(x, "/Type"), "/MCR")) {
			struct pdf_val *p = pdf_dict_get(x, "/Pg");
			struct pdf_val *mcid = pdf_dict_get(x, "/MCID");

			if (p == NULL && pg != NULL)
				pdf_set(f, x, "/Pg", p = pg);
			pdf_push(f, dst, x);
			if (p != NULL && mcid != NULL && mcid->integer)
				reparent_mcid(fn, p, mcid->num, to);
		} else {
			pdf_push(f, dst, x);
		}
	}
	unlink_elem(f, pdf_dict_get(fr, "/P"), from);
}

/* The annotation a Link element points at, or 0. */
static long long
link_annot(struct pdf_file *f, struct pdf_val *e)
{
	struct pdf_val *k = pdf_dict_get(e, "/K");
	struct pdf_val one = {.kind = PDF_ARRAY}, *item[1];
	size_t i;

	if (k == NULL)
		return 0;
	if (k->kind != PDF_ARRAY) {
		item[0] = k;
		one.v = item;
		one.n = 1;
		k = &one;
	}
	for (i = 0; i < k->n; i++) {
		struct pdf_val *x = pdf_resolve(f, k->v[i]);

		if (x != NULL && x->kind == PDF_DICT &&
		    pdf_is_name(pdf_dict_get(x, "/Type"), "/OBJR"))
			return num_of(pdf_dict_get(x, "/Obj"));
	}
	return 0;
}

/* A small map from a tree node to the element that holds it. */
struct seen {
	const struct fd_node **key;
	long long *val;
	size_t cap; /* a power of two */
};

static long long *
seen_slot(struct seen *s, const struct fd_node *n)
{
	size_t i = ((size_t)n >> 4) * 0x9e3779b97f4a7c15u;

	for (i &= s->cap - 1; s->key[i] != NULL && s->key[i] != n;
	     i = (i + 1) & (s->cap - 1))
		;
	s->key[i] = n;
	return &s->val[i];
}

/* Gives the structure elements what Cairo could not. Returns -1 when the
 * tree does not follow the operations (a bug, reported). */
static int
attributes(struct fin *fn, const struct fd_painted *p)
{
	struct pdf_file *f = &fn->pdf;
	struct elems els = {0};
	struct seen seen = {0};
	struct pdf_val *cat, *root, *k;
	size_t i;
	int rc = -1;

	cat = pdf_resolve(f, pdf_dict_get(f->trailer, "/Root"));
	fn->root = num_of(pdf_dict_get(cat, "/StructTreeRoot"));
	if ((root = pdf_get(f, fn->root)) == NULL || root->kind != PDF_DICT)
		goto out;
	k = pdf_dict_get(root, "/K");
	if (k != NULL && k->kind == PDF_ARRAY) {
		for (i = 0; i < k->n; i++)
			if (num_of(k->v[i]) != 0 &&
			    walk(f, k->v[i]->num, &els, 0) != 0)
				goto out;
	} else if (num_of(k) != 0 && walk(f, k->num, &els, 0) != 0) {
		goto out;
	}
	if (els.n != p->ntags)
		goto out;
	for (seen.cap = 64; seen.cap < 2 * p->ntags; seen.cap *= 2)
		;
	seen.key = fd_xcalloc(seen.cap, sizeof *seen.key);
	seen.val = fd_xcalloc(seen.cap, sizeof *seen.val);
	for (i = 0; i < els.n; i++) {
		const struct fd_tagrec *o = &p->tags[i];
		struct pdf_val *e, *s;
		long long *slot;

		if (els.slen[i] != strlen(o->tag) + 1 ||
		    memcmp(els.s[i] + 1, o->tag, els.slen[i] - 1) != 0)
			goto out;
		if (o->label == NULL && o->node == NULL)
			continue; /* nothing to add: not read again */
		if ((e = pdf_get(f, els.num[i])) == NULL ||
		    (s = pdf_dict_get(e, "/S")) == NULL)
			goto out;
		if (o->link && o->label != NULL) {
			long long a = link_annot(f, e);
			struct pdf_val *ad = a ? pdf_get(f, a) : NULL;

			if (ad != NULL && ad->kind == PDF_DICT) {
				pdf_set(f, ad, "/Contents",
					pdf_text(f, o->label));
				pdf_touch(f, a);
			}
			pdf_set(f, e, "/Alt", pdf_text(f, o->label));
			pdf_touch(f, els.num[i]);
		} else if (o->label != NULL) {
			/* A logo's alternate text; a Span's replacement. */
			pdf_set(f, e,
				pdf_is_name(s, "/Figure") ? "/Alt"
							  : "/ActualText",
				pdf_text(f, o->label));
			pdf_touch(f, els.num[i]);
		}
		if (o->node == NULL)
			continue;
		slot = seen_slot(&seen, o->node);
		if (*slot != 0) {
			merge(fn, *slot, els.num[i]);
			continue;
		}
		*slot = els.num[i];
		if (pdf_is_name(s, "/TH") || pdf_is_name(s, "/TD")) {
			pdf_set(f, e, "/A", table_attrs(f, o->node));
			pdf_touch(f, els.num[i]);
		}
	}
	rc = 0;
out:
	free(seen.key);
	free(seen.val);
	free(els.num);
	free(els.s);
	free(els.slen);
	return rc;
}

/* ---- pages, fonts and artifacts ---------------------------------------- */

/* ISO 14289-1 7.21.3.2: an embedded TrueType CIDFont names its CID to
 * glyph map; Cairo's subsets leave out the Identity map that is the
 * default in ISO 32000-1. */
static void
cid_maps(struct pdf_file *f, struct pdf_val *res)
{
	struct pdf_val *fonts = pdf_dict_kind(f, res, "/Font", PDF_DICT);
	size_t i, j;

	for (i = 1; fonts != NULL && i < fonts->n; i += 2) {
		struct pdf_val *font = pdf_resolve(f, fonts->v[i]);
		struct pdf_val *desc;

		desc = pdf_dict_kind(f, font, "/DescendantFonts", PDF_ARRAY);
		for (j = 0; desc != NULL && j < desc->n; j++) {
			struct pdf_val *cf = pdf_resolve(f, desc->v[j]);

			if (num_of(desc->v[j]) == 0 || cf == NULL ||
			    cf->kind != PDF_DICT ||
			    !pdf_is_name(pdf_dict_get(cf, "/Subtype"),
					 "/CIDFontType2") ||
			    pdf_dict_get(cf, "/CIDToGIDMap") != NULL)
				continue;
			pdf_set(f, cf, "/CIDToGIDMap", pdf_name(f, "/Identity"));
			pdf_touch(f, desc->v[j]->num);
		}
	}
}

/* The resource dictionary of page (object num), and the object that
 * holds it, made when missing. */
static struct pdf_val *
page_resources(struct pdf_file *f, struct pdf_val *page, long long num,
	       long long *owner)
{
	struct pdf_val *r = pdf_dict_get(page, "/Resources");

	*owner = num;
	if (num_of(r) != 0) {
		*owner = r->num;
		r = pdf_resolve(f, r);
	}
	if (r == NULL || r->kind != PDF_DICT) {
		r = pdf_dict(f);
		pdf_set(f, page, "/Resources", r);
		*owner = num;
	}
	return r;
}

/* Kind k's page i, as a form XObject of the body with its resources
 * copied. Returns its number, or 0. */
static long long
art_form(struct fin *fn, int k, long long page, struct pdf_val *box,
	 long long *map)
{
	struct pdf_file *f = &fn->pdf, *a = &fn->art[k];
	struct pdf_val *pg = pdf_get(a, page), *form, *res, *x;
	struct pdf_val *c = pdf_dict_get(pg, "/Contents");
	struct pdf_val *cd;
	struct pdf_obj *co;

	if (num_of(c) == 0 || (cd = pdf_get(a, c->num)) == NULL ||
	    a->obj[c->num].stream == NULL)
		return 0;
	co = &a->obj[c->num];
	form = pdf_dict(f);
	pdf_set(f, form, "/Type", pdf_name(f, "/XObject"));
	pdf_set(f, form, "/Subtype", pdf_name(f, "/Form"));
	pdf_set(f, form, "/BBox", box);
	res = pdf_dict_get(pg, "/Resources");
	if (res != NULL) {
		if ((res = pdf_copy_val(f, a, pdf_resolve(a, res), map)) ==
		    NULL)
			return 0;
		cid_maps(f, res);
		pdf_set(f, form, "/Resources", res);
	}
	if ((x = pdf_dict_get(cd, "/Filter")) != NULL)
		pdf_set(f, form, "/Filter", pdf_copy_val(f, a, x, map));
	if ((x = pdf_dict_get(cd, "/DecodeParms")) != NULL)
		pdf_set(f, form, "/DecodeParms", pdf_copy_val(f, a, x, map));
	return pdf_add(f, form, co->stream, co->slen);
}

/* Under body page i (object num), what paint.c drew on the same page of
 * each artifact PDF, the watermark lowest; and the page's /Tabs. */
static int
finish_page(struct fin *fn, const struct fd_painted *p, size_t i,
	    long long **art_pages, long long **maps)
{
	struct pdf_file *f = &fn->pdf;
	long long num = fn->pages[i], owner, xo_owner;
	struct pdf_val *page = pdf_get(f, num), *res, *xo, *c, *contents;
	struct pdf_val *box;
	struct fd_buf prefix = {0};
	int k;

	if (page == NULL || page->kind != PDF_DICT)
		return -1;
	pdf_set(f, page, "/Tabs", pdf_name(f, "/S"));
	pdf_touch(f, num);
	res = page_resources(f, page, num, &owner);
	cid_maps(f, res);
	if (p->used[i] == 0)
		return 0;
	box = pdf_resolve(f, pdf_dict_get(page, "/MediaBox"));
	if (box == NULL || box->kind != PDF_ARRAY)
		return -1;
	xo = pdf_dict_get(res, "/XObject");
	xo_owner = owner;
	if (num_of(xo) != 0) {
		xo_owner = xo->num;
		xo = pdf_resolve(f, xo);
	}
	if (xo == NULL || xo->kind != PDF_DICT) {
		xo = pdf_dict(f);
		pdf_set(f, res, "/XObject", xo);
		xo_owner = owner;
	}
	for (k = 0; k < FD_ART_N; k++) {
		struct pdf_mark m;
		long long form;

		if (!(p->used[i] & (1u << k)))
			continue;
		/* What is read of the artifact's page is not kept: the
		 * form's copy refers to the file's bytes alone. The
		 * watermark, the same on every page, is one form. */
		if (k == FD_ART_WATERMARK && p->wm_like[i] >= 0 &&
		    fn->wm_form != 0) {
			form = fn->wm_form;
		} else {
			m = pdf_mark(&fn->art[k]);
			form = art_form(fn, k, art_pages[k][i], box, maps[k]);
			pdf_release(&fn->art[k], m);
			if (k == FD_ART_WATERMARK)
				fn->wm_form = form;
		}
		if (form == 0) {
			fd_buf_free(&prefix);
			return -1;
		}
		pdf_set(f, xo, art_name[k], pdf_ref(f, form));
		fd_buf_addf(&prefix, "%s %s Do EMC\n", art_tag[k],
			    art_name[k]);
	}
	pdf_touch(f, xo_owner);
	contents = pdf_array(f);
	pdf_push(f, contents,
		 pdf_ref(f, pdf_add(f, pdf_dict(f),
				    pdf_keep(f, prefix.data, prefix.len),
				    prefix.len)));
	fd_buf_free(&prefix);
	c = pdf_dict_get(page, "/Contents");
	if (c != NULL && c->kind == PDF_ARRAY) {
		for (size_t j = 0; j < c->n; j++)
			pdf_push(f, contents, c->v[j]);
	} else if (c != NULL) {
		pdf_push(f, contents, c);
	}
	pdf_set(f, page, "/Contents", contents);
	return 0;
}

/* The catalogue's accessibility entries, the XMP and the dates. */
static void
catalogue(struct fin *fn, const struct fd_doc *doc, const char *pdfdate,
	  const char *iso)
{
	struct pdf_file *f = &fn->pdf;
	struct pdf_val *rootref = pdf_dict_get(f->trailer, "/Root");
	struct pdf_val *root = pdf_resolve(f, rootref);
	struct pdf_val *info = pdf_dict_get(f->trailer, "/Info");
	struct pdf_val *prefs = pdf_dict(f), *mark = pdf_dict(f);
	struct pdf_val *meta = pdf_dict(f);
	struct fd_buf x = {0};

	xmp(&x, doc, iso);
	pdf_set(f, root, "/Lang", pdf_text(f, doc->lang));
	pdf_set(f, prefs, "/DisplayDocTitle", pdf_bool(f, 1));
	pdf_set(f, root, "/ViewerPreferences", prefs);
	pdf_set(f, mark, "/Marked", pdf_bool(f, 1));
	pdf_set(f, root, "/MarkInfo", mark);
	pdf_set(f, meta, "/Type", pdf_name(f, "/Metadata"));
	pdf_set(f, meta, "/Subtype", pdf_name(f, "/XML"));
	pdf_set(f, root, "/Metadata",
		pdf_ref(f, pdf_add(f, meta, pdf_keep(f, x.data, x.len),
				   x.len)));
	pdf_touch(f, rootref->num);
	fd_buf_free(&x);
	if (num_of(info) != 0 && (info = pdf_get(f, info->num)) != NULL &&
	    info->kind == PDF_DICT) {
		pdf_set(f, info, "/CreationDate", pdf_bytes(f, pdfdate));
		pdf_set(f, info, "/ModDate", pdf_bytes(f, pdfdate));
		pdf_touch(f, pdf_dict_get(f->trailer, "/Info")->num);
	}
}

/* *pages (the n pages of art[k]) made one entry a body page of the
 * npages: the art page it shows, or 0 (fd_painted_art_shown). Returns
 * -1 when the counts differ. */
static int
by_body_page(const struct fd_painted *p, int k, long long **pages, size_t n,
	     size_t npages)
{
	long long *v = fd_xcalloc(npages ? npages : 1, sizeof *v);
	size_t i, c = 0;

	for (i = 0; i < npages; i++)
		if (fd_painted_art_shown(p, k, i) && c++ < n)
			v[i] = (*pages)[c - 1];
	free(*pages);
	*pages = v;
	/* Cairo writes one blank page into a file none was shown in. */
	return c == n || (c == 0 && n == 1) ? 0 : -1;
}

/* Everything but the writing; the reason in fn->err on failure. */
static int
finish(struct fin *fn, const struct fd_painted *p, const struct fd_doc *doc,
       const char *pdfdate, const char *iso)
{
	long long *art_pages[FD_ART_N] = {0}, *maps[FD_ART_N] = {0};
	size_t n, i;
	int k, rc = -1;

	fn->err = "the PDF Cairo wrote cannot be read";
	if (pdf_open(&fn->pdf, p->body.data, p->body.len) != 0 ||
	    pages_of(&fn->pdf, &fn->pages, &fn->npages) != 0)
		goto out;
	fn->err = "the pages do not match";
	if (fn->npages != p->npages)
		goto out;
	for (k = 0; k < FD_ART_N; k++) {
		fn->err = "an artifact PDF cannot be read";
		if (pdf_open(&fn->art[k], p->art[k].data, p->art[k].len) != 0 ||
		    pages_of(&fn->art[k], &art_pages[k], &n) != 0)
			goto out;
		fn->err = "the artifacts' pages do not match";
		if (by_body_page(p, k, &art_pages[k], n, fn->npages) != 0)
			goto out;
		maps[k] = fd_xcalloc(fn->art[k].size + 1, sizeof *maps[k]);
	}
	catalogue(fn, doc, pdfdate, iso);
	fn->err = "its structure tree does not follow the layout";
	if (attributes(fn, p) != 0)
		goto out;
	fn->err = "a page cannot be finished";
	for (i = 0; i < fn->npages; i++)
		if (finish_page(fn, p, i, art_pages, maps) != 0)
			goto out;
	rc = 0;
out:
	for (k = 0; k < FD_ART_N; k++) {
		free(art_pages[k]);
		free(maps[k]);
	}
	return rc;
}

int
fd_finish_pdf(struct fd_painted *p, const struct fd_doc *doc, long long date,
	      const char *name, char **out, size_t *outlen, struct fd_diags *d)
{
	time_t t = (time_t)date;
	char pdfdate[32], iso[32];
	struct tm tm;
	struct fin fn;
	struct fd_buf up = {0};
	int k, rc = -1;

	*out = NULL;
	*outlen = 0;
	memset(&fn, 0, sizeof fn);
	gmtime_r(&t, &tm);
	strftime(pdfdate, sizeof pdfdate, "D:%Y%m%d%H%M%SZ", &tm);
	strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
	/* PDF 1.7 (ISO 32000-1), which PDF/UA-1 is built on: the header's
	 * version, in place. */
	if (p->body.len > 8 && memcmp(p->body.data, "%PDF-1.", 7) == 0 &&
	    p->body.data[7] < '7')
		p->body.data[7] = '7';
	if (finish(&fn, p, doc, pdfdate, iso) != 0 ||
	    pdf_update(&fn.pdf, &up) != 0) {
		fd_msg(d, M_FINISH, name, 0, 0,
		       fn.pdf.err ? fn.pdf.err : fn.err);
		goto out;
	}
	/* The update follows Cairo's bytes, in the same buffer, made just
	 * large enough. */
	p->body.data = fd_xrealloc(p->body.data, p->body.len + up.len + 1);
	memcpy(p->body.data + p->body.len, up.data, up.len);
	*outlen = p->body.len + up.len;
	p->body.data[*outlen] = '\0';
	*out = p->body.data;
	memset(&p->body, 0, sizeof p->body);
	rc = 0;
out:
	fd_buf_free(&up);
	free(fn.pages);
	pdf_close(&fn.pdf);
	for (k = 0; k < FD_ART_N; k++)
		pdf_close(&fn.art[k]);
	return rc;
}
