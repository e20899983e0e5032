/*
 * privacy.c: the privacy gate (privacy.h).
 *
 * What a child's identifiers are is learnt from the inspection: the case
 * references of record/@cases and a concern's <cases> (and, in the text of
 * the evidence and the concerns, anything shaped like one: EH-21030), the
 * dates after a label of a date of birth and the email addresses written
 * there in any disguise (not the team's or the leaders' own), and the
 * <withheld> terms. What a document shows is searched for each of them by
 * match.c, the way a reader sees it.
 */
#include "privacy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"
#include "load.h"
#include "match.h"
#include "util.h"

/* One identifier the gate looks for. */
struct term {
	struct fd_ident id; /* what to find */
	char *shown;	    /* as the inspection writes it, for messages */
	char *from;	    /* "evidence record ev-3", "the withheld list" */
};

/* An identifier found in a document, or a date labelled as a date of
 * birth that the evidence does not give. */
struct hit {
	size_t term;	    /* index into terms, or NO_TERM */
	int y, m, d;	    /* the date of a NO_TERM hit */
	char *shown;	    /* what the document prints, for NO_TERM */
	char *docs;	    /* the documents that print it, ", " between */
	enum fd_level level; /* the worst level of those documents */
};

#define NO_TERM ((size_t)-1)

struct fd_gate {
	const struct fd_input *in; /* the inspection, for where hits are */
	struct term *t;		   /* identifiers */
	size_t nt;		   /* entries in t */
	struct hit *h;		   /* found since the last report */
	size_t nh;		   /* entries in h */
	char **staff;		   /* the team's and leaders' addresses */
	size_t nstaff;		   /* entries in staff */
};

static const char *
kind_name(enum fd_ident_kind k)
{
	switch (k) {
	case FD_ID_CASE:
		return "case reference";
	case FD_ID_DOB:
		return "date of birth";
	case FD_ID_EMAIL:
		return "email address";
	case FD_ID_WITHHELD:
		return "withheld name";
	}
	return "identifier";
}

static int
same_ident(const struct fd_ident *a, const struct fd_ident *b)
{
	if (a->kind != b->kind)
		return 0;
	if (a->kind == FD_ID_DOB)
		return a->y == b->y && a->m == b->m && a->d == b->d;
	return a->n == b->n && memcmp(a->c, b->c, a->n * sizeof *a->c) == 0;
}

/* Adds id (taken over) unless the gate has it already. */
static void
add_term(struct fd_gate *g, struct fd_ident *id, const char *s, size_t len,
	 const char *from)
{
	size_t i;

	for (i = 0; i < g->nt; i++)
		if (same_ident(&g->t[i].id, id)) {
			fd_ident_clear(id);
			return;
		}
	g->t = fd_xreallocarray(g->t, g->nt + 1, sizeof *g->t);
	g->t[g->nt].id = *id;
	g->t[g->nt].shown = fd_seen_visible(s, len);
	g->t[g->nt].from = fd_xstrdup(from);
	g->nt++;
}

static void
add_written(struct fd_gate *g, enum fd_ident_kind kind, const char *s,
	    size_t len, const char *from)
{
	struct fd_ident id;

	if (fd_ident_make(&id, kind, s, len) == 0)
		add_term(g, &id, s, len, from);
}

static int
has_digit(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return 1;
	return 0;
}

static int
chunk_break(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' ||
	       c == ';' || c == '(' || c == ')' || c == '[' || c == ']' ||
	       c == '&' || c == '+' || c == '"';
}

/* Whether the len bytes at s hold a date (a date of birth beside the
 * references: "EB-40117 (boy, date of birth 03/06/2013)"). */
static int
is_date(const char *s, size_t len)
{
	struct fd_seen *t = fd_seen_new(s, len);
	struct fd_seen_date *v;
	size_t n = fd_seen_dates(t, &v);

	free(v);
	fd_seen_free(t);
	return n > 0;
}

/* Digits alone that make a year from 1900 to 2099 ("born 2012"), not a
 * reference; fewer than four digits are none anyway. */
static int
is_year(const char *s, size_t len)
{
	size_t i;
	long v = 0;

	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
		if (v > 9999)
			return 0;
	}
	return len == 4 && v >= 1900 && v <= 2099;
}

/*
 * The references of a cases list ("NS-48213 (and sibling NS-48214)",
 * "AB/1234; AB/1235"): chunks between spaces and list punctuation, a '/'
 * splitting two only when both sides have digits (NS-1/NS-2, not AB/1234).
 * Words without a digit are not references.
 */
static void
add_case_list(struct fd_gate *g, const char *s, const char *from)
{
	const char *p = s, *q, *slash;

	while (*p) {
		while (*p && chunk_break(*p))
			p++;
		for (q = p; *q && !chunk_break(*q); q++)
			;
		while (p < q) {
			const char *e = q;

			for (slash = p; slash < q && *slash != '/'; slash++)
				;
			if (slash < q && has_digit(p, (size_t)(slash - p)) &&
			    has_digit(slash + 1, (size_t)(q - slash - 1)))
				e = slash;
			if (!is_date(p, (size_t)(q - p)) &&
			    !is_year(p, (size_t)(e - p)))
				add_written(g, FD_ID_CASE, p, (size_t)(e - p), from);
			p = e < q ? e + 1 : q;
		}
	}
}

static int
upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static int
digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Whether the len bytes at s are part of the inspection's own ref=
 * (JTAI-2019 of JTAI-2019-NS), which every footer prints: the evidence
 * naming the inspection names no child. */
static int
in_own_ref(const struct fd_gate *g, const char *s, size_t len)
{
	const char *ref = fd_attr(xmlDocGetRootElement(g->in->doc), "ref");
	struct fd_ident id;
	struct fd_seen *t;
	size_t from = 0, off, end;
	int yes;

	if (ref == NULL || fd_ident_make(&id, FD_ID_CASE, s, len) != 0)
		return 0;
	t = fd_seen_new(ref, strlen(ref));
	yes = fd_seen_find(t, &id, &from, &off, &end);
	fd_seen_free(t);
	fd_ident_clear(&id);
	return yes;
}

static int
letter(char c)
{
	return upper(c) || (c >= 'a' && c <= 'z');
}

static int
ref_sep(char c)
{
	return c == '-' || c == '_' || c == '/';
}

/* The end of a word of prose at p shaped like a case reference, or p:
 * one to five capitals, an optional '-', '_' or '/' and four digits or
 * more (EH-21030, NS48213), or letters in any case, a separator and five
 * digits or more (ns-99120); then any further groups of digits after a
 * separator (CP/2019/0042, LA-2019-0042). Four digits alone that could
 * be a year (LA-2019) are not one. */
static const char *
shaped_ref(const char *p)
{
	const char *q = p;
	size_t letters = 0, digits = 0;
	int caps = 1, sep = 0, year;

	for (; letter(*q) && letters < 6; q++, letters++)
		caps = caps && upper(*q);
	if (letters == 0 || letters > 5)
		return p;
	if (ref_sep(*q)) {
		q++;
		sep = 1;
	}
	for (; digit(*q); q++)
		digits++;
	if (caps ? digits < 4 : !sep || digits < 5)
		return p;
	year = digits == 4 && (strncmp(q - 4, "19", 2) == 0 ||
			       strncmp(q - 4, "20", 2) == 0);
	while (ref_sep(q[0]) && digit(q[1])) {
		year = 0;
		for (q++; digit(*q); q++)
			;
	}
	/* LA-2019 is a year of something, not a reference. */
	return year || letter(*q) || digit(*q) ? p : q;
}

/* The words that label a number as a child's record (case 4821367, NHS
 * number 943 476 5919, Mosaic ID: 773412). */
static int
id_label(const char *w, size_t n)
{
	static const char *const labels[] = {"case", "ref", "reference",
	    "id", "nhs", "lcs", "mosaic", "upn", "record", "file", "client",
	    "child", "pupil", "person"};
	size_t i;

	for (i = 0; i < sizeof labels / sizeof *labels; i++)
		if (strlen(labels[i]) == n && strncasecmp(w, labels[i], n) == 0)
			return 1;
	return 0;
}

/* The end of a labelled record number whose digits start at p (groups
 * with single spaces, as NHS numbers are written), or p when it has fewer
 * than five digits or is a year. */
static const char *
labelled_number(const char *p)
{
	const char *q = p, *end = p;
	size_t digits = 0;

	while (digit(*q)) {
		for (; digit(*q); q++)
			digits++;
		end = q;
		if (*q == ' ' && digit(q[1]))
			q++;
	}
	if (letter(*end) || digits < 5)
		return p;
	return end;
}

/* After a label word ending at p, the start of its number: past "number",
 * "no", "no.", ':', '#' and spaces; or NULL. */
static const char *
after_label(const char *p)
{
	for (;;) {
		while (*p == ' ' || *p == ':' || *p == '#' || *p == '.')
			p++;
		if (strncasecmp(p, "number", 6) == 0 && !letter(p[6]))
			p += 6;
		else if (strncasecmp(p, "no", 2) == 0 && !letter(p[2]))
			p += 2;
		else
			break;
	}
	return digit(*p) ? p : NULL;
}

/* Words of prose shaped like a case reference (shaped_ref), and numbers
 * labelled as a child's record (id_label). */
static void
add_shaped_refs(struct fd_gate *g, const char *s, const char *from)
{
	const char *p = s, *q, *n;

	while (*p) {
		if (p > s && (letter(p[-1]) || digit(p[-1]) || p[-1] == '-' ||
			      p[-1] == '_')) {
			p++;
			continue;
		}
		if ((q = shaped_ref(p)) > p) {
			if (!in_own_ref(g, p, (size_t)(q - p)))
				add_written(g, FD_ID_CASE, p, (size_t)(q - p),
					    from);
			p = q;
			continue;
		}
		for (q = p; letter(*q); q++)
			;
		if (q > p && id_label(p, (size_t)(q - p)) &&
		    (n = after_label(q)) != NULL &&
		    (q = labelled_number(n)) > n) {
			add_written(g, FD_ID_CASE, n, (size_t)(q - n), from);
			p = q;
			continue;
		}
		p = q > p ? q : p + 1;
	}
}

static int
is_staff(const struct fd_gate *g, const char *email)
{
	size_t i;

	for (i = 0; i < g->nstaff; i++)
		if (strcmp(g->staff[i], email) == 0)
			return 1;
	return 0;
}

/* The dates of birth and the email addresses written in s. */
static void
add_from_prose(struct fd_gate *g, const char *s, const char *from)
{
	struct fd_seen *t = fd_seen_new(s, strlen(s));
	struct fd_seen_date *dv;
	size_t n = fd_seen_dates(t, &dv), i, *offs;
	char **ev = fd_seen_emails(t, &offs);

	for (i = 0; i < n; i++) {
		struct fd_ident id = {0};

		if (!dv[i].labelled)
			continue;
		id.kind = FD_ID_DOB;
		id.y = dv[i].y < 100 ? 2000 + dv[i].y : dv[i].y;
		if (id.y > 2099 || (dv[i].y < 100 && id.y > 2030))
			id.y -= 100;
		id.m = dv[i].m;
		id.d = dv[i].d;
		add_term(g, &id, s + dv[i].off, dv[i].end - dv[i].off, from);
		/* 04/03/2012 may be either day: both are the child's. */
		if (dv[i].alt_m != 0) {
			id.m = dv[i].alt_m;
			id.d = dv[i].alt_d;
			add_term(g, &id, s + dv[i].off, dv[i].end - dv[i].off,
				 from);
		}
	}
	for (i = 0; ev[i] != NULL; i++)
		if (!is_staff(g, ev[i]))
			add_written(g, FD_ID_EMAIL, ev[i], strlen(ev[i]), from);
	add_shaped_refs(g, s, from);
	fd_strv_free(ev);
	free(offs);
	free(dv);
	fd_seen_free(t);
}

/* The addresses of the team and the agencies' leaders, folded, which the
 * notification email carries and are nobody's secret. */
static void
collect_staff(struct fd_gate *g, const xmlNode *n)
{
	const char *e;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if ((fd_is_elem(n, "member") || fd_is_elem(n, "leader")) &&
		    (e = fd_attr(n, "email")) != NULL) {
			struct fd_seen *t = fd_seen_new(e, strlen(e));
			size_t *offs, i;
			char **v = fd_seen_emails(t, &offs);

			for (i = 0; v[i] != NULL; i++) {
				g->staff = fd_xreallocarray(g->staff, g->nstaff + 1,
							    sizeof *g->staff);
				g->staff[g->nstaff++] = v[i];
				v[i] = NULL;
			}
			fd_strv_free(v);
			free(offs);
			fd_seen_free(t);
		}
		collect_staff(g, n->children);
	}
}

struct fd_gate *
fd_gate_new(const struct fd_input *in)
{
	struct fd_gate *g = fd_xcalloc(1, sizeof *g);
	xmlNode *root = xmlDocGetRootElement(in->doc);
	xmlNode *ev = fd_child(root, "evidence"), *cs = fd_child(root, "concerns");
	xmlNode *wh = fd_child(root, "withheld"), *n, *k;
	char *from, *text;

	g->in = in;
	collect_staff(g, root->children);
	for (n = ev ? ev->children : NULL; n; n = n->next) {
		if (!fd_is_elem(n, "record"))
			continue;
		from = fd_xasprintf("evidence record %s", fd_attr(n, "id"));
		if (fd_attr(n, "cases"))
			add_case_list(g, fd_attr(n, "cases"), from);
		text = fd_text(n);
		add_from_prose(g, text, from);
		free(text);
		free(from);
	}
	for (n = cs ? cs->children : NULL; n; n = n->next) {
		if (!fd_is_elem(n, "concern"))
			continue;
		from = fd_xasprintf("concern %s", fd_attr(n, "id"));
		for (k = n->children; k; k = k->next) {
			if (k->type != XML_ELEMENT_NODE)
				continue;
			text = fd_text(k);
			if (fd_is_elem(k, "cases"))
				add_case_list(g, text, from);
			add_from_prose(g, text, from);
			free(text);
		}
		free(from);
	}
	for (n = wh ? wh->children : NULL; n; n = n->next) {
		if (!fd_is_elem(n, "term"))
			continue;
		text = fd_text_squeezed(n);
		add_written(g, FD_ID_WITHHELD, text, strlen(text),
			    "the withheld list");
		free(text);
	}
	return g;
}

void
fd_gate_free(struct fd_gate *g)
{
	size_t i;

	if (g == NULL)
		return;
	for (i = 0; i < g->nt; i++) {
		fd_ident_clear(&g->t[i].id);
		free(g->t[i].shown);
		free(g->t[i].from);
	}
	for (i = 0; i < g->nh; i++) {
		free(g->h[i].shown);
		free(g->h[i].docs);
	}
	for (i = 0; i < g->nstaff; i++)
		free(g->staff[i]);
	free(g->staff);
	free(g->t);
	free(g->h);
	free(g);
}

size_t
fd_gate_terms(const struct fd_gate *g)
{
	return g->nt;
}

/* Whether the ", "-separated list has doc. */
static int
lists(const char *list, const char *doc)
{
	size_t n = strlen(doc);
	const char *p = list;

	while ((p = strstr(p, doc)) != NULL) {
		if ((p == list || p[-1] == ' ') && (p[n] == '\0' || p[n] == ','))
			return 1;
		p += n;
	}
	return 0;
}

static void
record(struct fd_gate *g, size_t term, const struct fd_seen_date *f,
       const char *s, const char *doc, enum fd_level level)
{
	struct hit *h = NULL;
	size_t i;

	for (i = 0; i < g->nh && h == NULL; i++)
		if (g->h[i].term == term &&
		    (term != NO_TERM || fd_seen_date_is(f, g->h[i].y, g->h[i].m,
							g->h[i].d)))
			h = &g->h[i];
	if (h == NULL) {
		g->h = fd_xreallocarray(g->h, g->nh + 1, sizeof *g->h);
		h = &g->h[g->nh++];
		memset(h, 0, sizeof *h);
		h->term = term;
		h->level = level;
		h->docs = fd_xstrdup(doc);
		if (f != NULL) {
			h->y = f->y, h->m = f->m, h->d = f->d;
			h->shown = fd_seen_visible(s + f->off, f->end - f->off);
		}
		return;
	}
	if (level > h->level)
		h->level = level;
	if (!lists(h->docs, doc)) {
		char *docs = fd_xasprintf("%s, %s", h->docs, doc);

		free(h->docs);
		h->docs = docs;
	}
}

static int
is_dob_term(const struct fd_gate *g, const struct fd_seen_date *f)
{
	size_t i;

	for (i = 0; i < g->nt; i++)
		if (g->t[i].id.kind == FD_ID_DOB &&
		    fd_seen_date_is(f, g->t[i].id.y, g->t[i].id.m, g->t[i].id.d))
			return 1;
	return 0;
}

unsigned
fd_gate_text(struct fd_gate *g, const char *doc, enum fd_level level,
	     const char *s, size_t len)
{
	struct fd_seen *t = fd_seen_new(s, len);
	struct fd_seen_date *dv;
	size_t nd = fd_seen_dates(t, &dv), i, j, from, off, end;
	unsigned found = 0;

	for (i = 0; i < g->nt; i++) {
		const struct fd_ident *id = &g->t[i].id;
		int hit = 0;

		if (id->kind == FD_ID_DOB) {
			for (j = 0; j < nd && !hit; j++)
				hit = fd_seen_date_is(&dv[j], id->y, id->m, id->d);
		} else {
			from = 0;
			hit = fd_seen_find(t, id, &from, &off, &end);
		}
		if (hit) {
			record(g, i, NULL, s, doc, level);
			found++;
		}
	}
	/* A date of birth the evidence does not give is still one. */
	for (j = 0; j < nd; j++)
		if (dv[j].labelled && !is_dob_term(g, &dv[j])) {
			record(g, NO_TERM, &dv[j], s, doc, level);
			found++;
		}
	free(dv);
	fd_seen_free(t);
	return found;
}

/* Documents. */

static void
line_add(struct fd_buf *b, const char *s)
{
	if (s == NULL || *s == '\0')
		return;
	fd_buf_adds(b, s);
	fd_buf_addc(b, '\n');
}

/* Everything a node prints and carries, a block a line, link addresses
 * on lines of their own. */
static void
node_text(struct fd_buf *b, const struct fd_node *n)
{
	size_t i;

	for (i = 0; i < n->nruns; i++)
		fd_buf_adds(b, n->runs[i].text ? n->runs[i].text : "");
	if (n->nruns > 0)
		fd_buf_addc(b, '\n');
	for (i = 0; i < n->nruns; i++)
		line_add(b, n->runs[i].href);
	line_add(b, n->name);
	line_add(b, n->title);
	line_add(b, n->organisation);
	for (i = 0; i < n->nkids; i++)
		node_text(b, n->kids[i]);
}

unsigned
fd_gate_doc(struct fd_gate *g, const char *doc, enum fd_level level,
	    const struct fd_doc *dt)
{
	struct fd_buf b = {0};
	unsigned found;

	line_add(&b, dt->title);
	line_add(&b, dt->subject);
	line_add(&b, dt->author);
	line_add(&b, dt->keywords);
	line_add(&b, dt->lang);
	line_add(&b, dt->stage);
	line_add(&b, dt->marking);
	line_add(&b, dt->notice);
	line_add(&b, dt->watermark);
	line_add(&b, dt->footer);
	if (dt->body != NULL)
		node_text(&b, dt->body);
	found = fd_gate_text(g, doc, level, b.data ? b.data : "", b.len);
	fd_buf_free(&b);
	return found;
}

unsigned
fd_gate_calendar(struct fd_gate *g, const char *doc, const char *ics,
		 size_t len)
{
	struct fd_buf b = {0};
	size_t i;
	unsigned found;

	/* RFC 5545: a line break and one space or tab continue a line; a
	 * backslash escapes a comma, a semicolon, itself, or n (a line). */
	for (i = 0; i < len; i++) {
		if (ics[i] == '\r' && i + 2 < len && ics[i + 1] == '\n' &&
		    (ics[i + 2] == ' ' || ics[i + 2] == '\t')) {
			i += 2;
		} else if (ics[i] == '\n' && i + 1 < len &&
			   (ics[i + 1] == ' ' || ics[i + 1] == '\t')) {
			i += 1;
		} else if (ics[i] == '\\' && i + 1 < len) {
			i++;
			fd_buf_addc(&b, ics[i] == 'n' || ics[i] == 'N' ? '\n'
								   : ics[i]);
		} else {
			fd_buf_addc(&b, ics[i]);
		}
	}
	found = fd_gate_text(g, doc, FD_ERROR, b.data ? b.data : "", b.len);
	fd_buf_free(&b);
	return found;
}

/* Reporting, at the element that holds what was found. */

/* A piece of the inspection that can print: an element's own text or one
 * of its attributes, as a reader sees it, prepared once per report. */
struct place {
	const xmlNode *n;	  /* the element */
	const char *attr;	  /* the attribute, or NULL for the text */
	char *text;		  /* the text or value */
	struct fd_seen *seen;	  /* as a reader sees it */
	struct fd_seen_date *dv;  /* the dates written in it */
	size_t nd;		  /* entries in dv */
};

/* Whether p shows hit h; *off and *end are where. */
static int
shows(const struct fd_gate *g, const struct hit *h, const struct place *p,
      size_t *off, size_t *end)
{
	const struct fd_ident *id = h->term != NO_TERM ? &g->t[h->term].id : NULL;
	size_t j, from = 0;

	if (id != NULL && id->kind != FD_ID_DOB)
		return fd_seen_find(p->seen, id, &from, off, end);
	for (j = 0; j < p->nd; j++) {
		const struct fd_seen_date *f = &p->dv[j];

		if (id == NULL ? f->labelled && fd_seen_date_is(f, h->y, h->m, h->d)
			       : fd_seen_date_is(f, id->y, id->m, id->d)) {
			*off = f->off;
			*end = f->end;
			return 1;
		}
	}
	return 0;
}

/* The sources of identifiers and what no document prints. */
static int
skipped(const xmlNode *n)
{
	static const char *const names[] = {
		"evidence", "concerns", "withheld", "history", "factual-accuracy",
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (fd_is_elem(n, names[i]))
			return 1;
	return 0;
}

/* "final letter, calendar" as "the final letter and the calendar". */
static char *
doc_list(const char *docs)
{
	struct fd_buf b = {0};
	const char *p = docs, *q;

	while (*p) {
		q = strstr(p, ", ");
		if (p != docs)
			fd_buf_adds(&b, q ? ", " : " and ");
		fd_buf_adds(&b, "the ");
		fd_buf_add(&b, p, q ? (size_t)(q - p) : strlen(p));
		p = q ? q + 2 : p + strlen(p);
	}
	return fd_buf_steal(&b);
}

static void
say(const struct fd_gate *g, const struct hit *h, const xmlNode *n,
    const char *attr, const char *s, size_t off, size_t end,
    struct fd_diags *d)
{
	/* Published or sent: an error; a draft's: a warning. */
	int out = h->level >= FD_ERROR;
	/* <strength s-1>, <judgement safeguarding/overall-effectiveness> */
	const char *id = fd_attr(n, "id") ? fd_attr(n, "id")
					  : fd_attr(n, "aspect");
	char *el = fd_xasprintf("<%s%s%s>", (const char *)n->name,
				id ? " " : "", id ? id : "");
	char *where = attr ? fd_xasprintf("%s= of %s", attr, el) : fd_xstrdup(el);
	char *docs = doc_list(h->docs), *what, *written;

	if (h->term == NO_TERM)
		what = fd_xasprintf("a date of birth ('%s')", h->shown);
	else
		what = fd_xasprintf("the %s '%s' (%s)",
				    kind_name(g->t[h->term].id.kind),
				    g->t[h->term].shown, g->t[h->term].from);
	if (s != NULL) {
		written = fd_seen_visible(s + off, end - off);
		fd_input_msg(d, g->in, n, attr,
			     out ? M_PRIVATE : M_PRIVATE_DRAFT, docs, what,
			     where, written);
		free(written);
	} else {
		fd_input_msg(d, g->in, n, NULL,
			     out ? M_PRIVATE_MADE : M_PRIVATE_MADE_DRAFT, docs,
			     what);
	}
	free(docs);
	free(where);
	free(el);
	free(what);
}

struct places {
	struct place *v; /* the pieces, in document order */
	size_t n, cap;	 /* entries and room */
};

static void
place_add(struct places *ps, const xmlNode *n, const char *attr, char *text)
{
	struct place *p;

	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? ps->cap * 2 : 64;
		ps->v = fd_xreallocarray(ps->v, ps->cap, sizeof *ps->v);
	}
	p = &ps->v[ps->n++];
	p->n = n;
	p->attr = attr;
	p->text = text;
	p->seen = fd_seen_new(text, strlen(text));
	p->nd = fd_seen_dates(p->seen, &p->dv);
}

/* Every element's own text and attributes under n (and n's siblings),
 * but the sources of the identifiers. */
static void
places_collect(struct places *ps, const xmlNode *n)
{
	const xmlAttr *a;
	const xmlNode *c;
	struct fd_buf own = {0};

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || skipped(n))
			continue;
		for (a = n->properties; a != NULL; a = a->next)
			if (fd_attr(n, (const char *)a->name) != NULL)
				place_add(ps, n, (const char *)a->name,
					  fd_xstrdup(fd_attr(n, (const char *)a->name)));
		for (c = n->children; c != NULL; c = c->next)
			if ((c->type == XML_TEXT_NODE ||
			     c->type == XML_CDATA_SECTION_NODE) &&
			    c->content != NULL)
				fd_buf_adds(&own, (const char *)c->content);
		if (own.data != NULL)
			place_add(ps, n, NULL, fd_buf_steal(&own));
		places_collect(ps, n->children);
	}
}

static void
places_free(struct places *ps)
{
	size_t i;

	for (i = 0; i < ps->n; i++) {
		free(ps->v[i].text);
		fd_seen_free(ps->v[i].seen);
		free(ps->v[i].dv);
	}
	free(ps->v);
}

/* Reports h at every place that shows it; returns how many. */
static unsigned
locate(const struct fd_gate *g, const struct hit *h, const struct places *ps,
       struct fd_diags *d)
{
	unsigned found = 0;
	size_t i, off, end;

	for (i = 0; i < ps->n; i++)
		if (shows(g, h, &ps->v[i], &off, &end)) {
			say(g, h, ps->v[i].n, ps->v[i].attr, ps->v[i].text, off,
			    end, d);
			found++;
		}
	return found;
}

/* Reports what was found; a hit no element holds is reported at the
 * root (at_root) or counted in *elsewhere. Returns the errors reported. */
static unsigned
report(struct fd_gate *g, struct fd_diags *d, int at_root, unsigned *elsewhere)
{
	xmlNode *root = xmlDocGetRootElement(g->in->doc);
	struct places ps = {0};
	unsigned errors = 0, found;
	size_t i;

	/* The root's own attributes (ref=) are searched too. */
	if (g->nh > 0)
		places_collect(&ps, root);
	for (i = 0; i < g->nh; i++) {
		struct hit *h = &g->h[i];

		found = locate(g, h, &ps, d);
		if (found == 0 && at_root) {
			say(g, h, root, NULL, NULL, 0, 0, d);
			found = 1;
		} else if (found == 0 && h->level >= FD_ERROR) {
			(*elsewhere)++;
		}
		if (found > 0 && h->level >= FD_ERROR)
			errors++;
		free(h->shown);
		free(h->docs);
	}
	g->nh = 0;
	places_free(&ps);
	return errors;
}

unsigned
fd_gate_report(struct fd_gate *g, struct fd_diags *d)
{
	return report(g, d, 1, NULL);
}

unsigned
fd_gate_report_located(struct fd_gate *g, struct fd_diags *d,
		       unsigned *elsewhere)
{
	return report(g, d, 0, elsewhere);
}
