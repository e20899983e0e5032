/*
 * facts.c: the facts of an inspection (facts.h), computed once.
 *
 * The inspection has passed fd_check, so references resolve and dates are
 * real: what is absent is simply left out of the map, and a template that
 * needs it fails on an unknown placeholder, which names the template line.
 */
#include "facts.h"

#include <stdlib.h>
#include <string.h>

#include "after.h"
#include "calendar_int.h"
#include "ics.h"
#include "timeline.h"

/* Working days to make a statement of proposed action, where the timeline
 * does not say (s.137 Education and Inspections Act 2006; regulation 4 of
 * the Children Act 2004 (Joint Area Reviews) Regulations 2015). */
#define SOA_WORKING_DAYS 70

struct fd_facts {
	struct fd_map *map;	     /* the facts */
	struct fd_calendar *cal;     /* the inspection's working days */
	struct fd_timeline *tl;	     /* the framework's dated schedule */
	long long created;	     /* the last revision, or -1 */
	struct fd_date notified;     /* <calendar notified=""> */
};

/* A growing list of borrowed strings, for joining. */
struct words {
	const char **v; /* the strings, owned elsewhere */
	size_t n;	/* entries */
};

static void
words_add(struct words *w, const char *s)
{
	w->v = fd_xreallocarray(w->v, w->n + 1, sizeof *w->v);
	w->v[w->n++] = s;
}

static int
words_has(const struct words *w, const char *s)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		if (strcmp(w->v[i], s) == 0)
			return 1;
	return 0;
}

char *
fd_join_english(const char *const *words, size_t n)
{
	struct fd_buf b = {0};
	const char *sep = ", ";
	size_t i;

	/* "National Probation Service, Midlands Division" is one item. */
	for (i = 0; i < n; i++)
		if (strchr(words[i], ',') != NULL)
			sep = "; ";
	for (i = 0; i < n; i++) {
		if (i > 0)
			fd_buf_adds(&b, i + 1 == n ? " and " : sep);
		fd_buf_adds(&b, words[i]);
	}
	return fd_buf_steal(&b);
}

static void
set_joined(struct fd_map *m, const char *key, const struct words *w)
{
	char *s = fd_join_english(w->v, w->n);

	fd_map_set(m, key, s);
	free(s);
}

/* Sets NAME-date ("7 March 2016") and NAME-iso ("2016-03-07"). */
static void
set_date(struct fd_map *m, const char *name, struct fd_date d)
{
	char buf[32], *k;

	k = fd_xasprintf("%s-date", name);
	fd_map_set(m, k, fd_date_long(d, buf, sizeof buf));
	free(k);
	k = fd_xasprintf("%s-iso", name);
	fd_map_set(m, k, fd_date_iso(d, buf, sizeof buf));
	free(k);
}

/* The same under a name of its own ("letter-date", "letter-date-iso"). */
static void
set_named_date(struct fd_map *m, const char *name, struct fd_date d)
{
	char buf[32], *k;

	fd_map_set(m, name, fd_date_long(d, buf, sizeof buf));
	k = fd_xasprintf("%s-iso", name);
	fd_map_set(m, k, fd_date_iso(d, buf, sizeof buf));
	free(k);
}

/* The date a fact holds, from its -iso twin; 0 or -1. */
static int
get_date(const struct fd_map *m, const char *name, struct fd_date *out)
{
	char *k = fd_xasprintf("%s-iso", name);
	const char *v = fd_map_get(m, k);
	int r = v != NULL ? fd_date_parse(v, out) : -1;

	free(k);
	return r;
}

static xmlNode *
agency_by_id(xmlNode *root, const char *id)
{
	xmlNode *a, *list = fd_child(root, "agencies");

	for (a = list ? list->children : NULL; a; a = a->next)
		if (fd_is_elem(a, "agency") && fd_attr(a, "id") &&
		    strcmp(fd_attr(a, "id"), id) == 0)
			return a;
	return NULL;
}

/* An element's text as one line: names and themes print inside a
 * sentence, so runs of white space become one space. */
static void
text_fact(struct fd_map *m, const char *key, const xmlNode *n)
{
	char *s, *p, *q;

	if (n == NULL)
		return;
	s = fd_text(n);
	for (p = q = s; *p; p++) {
		if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
			if (q > s && q[-1] != ' ')
				*q++ = ' ';
		} else {
			*q++ = *p;
		}
	}
	while (q > s && q[-1] == ' ')
		q--;
	*q = '\0';
	fd_map_set(m, key, s);
	free(s);
}

static void
attr_fact(struct fd_map *m, const char *key, const xmlNode *n,
	  const char *attr)
{
	if (n != NULL && fd_attr(n, attr) != NULL)
		fd_map_set(m, key, fd_attr(n, attr));
}

/*
 * The dates of every milestone for the timeline's stylesheet, in the
 * order of timeline.xml: " N=PF,PL,AF,AL,RR" (planned first and last,
 * first and last as they happened or are now planned, R where recorded),
 * and how many dates are recorded.
 */
static void
milestone_facts(struct fd_facts *f)
{
	struct fd_buf b = {0};
	char iso[4][16], *count;
	size_t i;

	for (i = 0; i < fd_timeline_count(f->tl); i++) {
		const struct fd_milestone *ms = fd_timeline_milestone(f->tl, i);

		fd_date_iso(ms->planned_first, iso[0], sizeof iso[0]);
		fd_date_iso(ms->planned_last, iso[1], sizeof iso[1]);
		fd_date_iso(ms->first, iso[2], sizeof iso[2]);
		fd_date_iso(ms->last, iso[3], sizeof iso[3]);
		fd_buf_addf(&b, " %zu=%s,%s,%s,%s,%c%c", i + 1, iso[0], iso[1],
			    iso[2], iso[3], ms->recorded_first ? 'R' : '-',
			    ms->recorded_last ? 'R' : '-');
	}
	fd_buf_addc(&b, ' ');
	fd_map_set(f->map, "timeline-dates", b.data);
	fd_buf_free(&b);
	count = fd_xasprintf("%zu", fd_timeline_recorded_count(f->tl));
	fd_map_set(f->map, "timeline-recorded", count);
	free(count);
}

/* Every milestone key of the timeline, with its date. */
static void
timeline_facts(struct fd_facts *f)
{
	size_t i, j;
	struct fd_date dt;

	milestone_facts(f);

	for (i = 0; i < fd_timeline_count(f->tl); i++) {
		const struct fd_milestone *ms = fd_timeline_milestone(f->tl, i);

		for (j = 0; ms->keys && ms->keys[j]; j++)
			if (fd_timeline_date(f->tl, ms->keys[j], &dt) == 0)
				set_date(f->map, ms->keys[j], dt);
		for (j = 0; ms->end_keys && ms->end_keys[j]; j++)
			if (fd_timeline_date(f->tl, ms->end_keys[j], &dt) == 0)
				set_date(f->map, ms->end_keys[j], dt);
	}
}

/* The date of the last revision at a stage, or -1. */
static int
revision_date(xmlNode *root, const char *stage, struct fd_date *out)
{
	xmlNode *h = fd_child(root, "history"), *r;
	int found = -1;

	for (r = h ? h->children : NULL; r; r = r->next)
		if (fd_is_elem(r, "revision") && fd_attr(r, "stage") &&
		    strcmp(fd_attr(r, "stage"), stage) == 0 &&
		    fd_date_parse(fd_attr(r, "date"), out) == 0)
			found = 0;
	return found;
}

/* The statement of action is due n working days after from. */
static void
set_soa(struct fd_facts *f, struct fd_date from, int n)
{
	char *days = fd_xasprintf("%d", n);

	set_date(f->map, "statement-of-action", fd_calendar_add(f->cal, from, n));
	fd_map_set(f->map, "soa-working-days", days);
	free(days);
}

/* What actually happened overrides what was planned; the statement of
 * action is then counted from the real date. */
static void
history_facts(struct fd_facts *f, xmlNode *root)
{
	static const struct {
		const char *stage; /* a revision at this stage */
		const char *key;   /* dates this milestone */
	} real[] = {
		{"factual-accuracy", "draft-to-dcs"},
		{"pre-publication", "pre-publication"},
		{"final", "publication"},
	};
	const struct fd_milestone *soa;
	struct fd_date dt;
	size_t i;

	/* A recorded date (calendar/actual) wins over a revision. */
	for (i = 0; i < sizeof real / sizeof real[0]; i++)
		if (!fd_timeline_is_recorded(f->tl, real[i].key) &&
		    revision_date(root, real[i].stage, &dt) == 0)
			set_date(f->map, real[i].key, dt);
	soa = fd_timeline_find(f->tl, "statement-of-action");
	if (fd_timeline_is_recorded(f->tl, "statement-of-action"))
		return;
	if (soa != NULL && soa->after_key != NULL &&
	    get_date(f->map, soa->after_key, &dt) == 0) {
		set_soa(f, dt, soa->after_key_days);
	} else if (soa == NULL && get_date(f->map, "pre-publication", &dt) == 0) {
		/* A timeline that does not date the statement (the 2015
		 * proposals): the statutory 70 working days from the letter
		 * being sent, as every framework of SPEC.md has it. */
		set_soa(f, dt, SOA_WORKING_DAYS);
	}
}

/*
 * The fieldwork and the date the letter carries at this stage: the day it
 * is sent, else the publication, else the last revision of the history,
 * else the last day on site.
 */
static void
letter_dates(struct fd_facts *f, xmlNode *root, enum fd_stage stage)
{
	static const char *const dated_by[] = {
		"draft-to-dcs", "draft-to-dcs", "pre-publication",
		"pre-publication"};
	xmlNode *h = fd_child(root, "history"), *r;
	struct fd_date dt, last;
	int have_last = 0;

	for (r = h ? h->children : NULL; r; r = r->next)
		if (fd_is_elem(r, "revision") &&
		    fd_date_parse(fd_attr(r, "date"), &last) == 0)
			have_last = 1;
	if (get_date(f->map, "onsite-start", &dt) == 0)
		set_named_date(f->map, "fieldwork-start", dt);
	if (get_date(f->map, "onsite-end", &dt) == 0)
		set_named_date(f->map, "fieldwork-end", dt);
	/* A letter sent at pre-publication and final carries the day it
	 * was sent: recorded, or the pre-publication revision, or else the
	 * final revision (SPEC.md), before the planned day. */
	if (stage >= FD_STAGE_PRE_PUBLICATION &&
	    !fd_timeline_is_recorded(f->tl, "pre-publication") &&
	    revision_date(root, "pre-publication", &dt) != 0 &&
	    revision_date(root, "final", &dt) == 0)
		set_named_date(f->map, "letter-date", dt);
	else if (get_date(f->map, dated_by[stage], &dt) == 0 ||
		 get_date(f->map, "publication", &dt) == 0)
		set_named_date(f->map, "letter-date", dt);
	else if (have_last)
		set_named_date(f->map, "letter-date", last);
	else if (get_date(f->map, "onsite-end", &dt) == 0)
		set_named_date(f->map, "letter-date", dt);
	if (get_date(f->map, "publication", &dt) == 0)
		set_named_date(f->map, "publication-date", dt);
	if (get_date(f->map, "statement-of-action", &dt) == 0)
		set_named_date(f->map, "statement-of-action-date", dt);
}

static void
people_facts(struct fd_facts *f, xmlNode *root)
{
	xmlNode *team = fd_child(root, "team"), *sigs = fd_child(root, "signatories");
	xmlNode *n, *a, *l, *lead = NULL, *qa = NULL;
	struct words names = {0};
	char *count;

	for (n = team ? team->children : NULL; n; n = n->next) {
		if (!fd_is_elem(n, "member"))
			continue;
		words_add(&names, fd_attr(n, "name"));
		if (lead == NULL &&
		    strcmp(fd_attr(n, "role"), "lead-inspector") == 0)
			lead = n;
		if (qa == NULL && strcmp(fd_attr(n, "role"), "qa-manager") == 0)
			qa = n;
	}
	set_joined(f->map, "team", &names);
	count = fd_xasprintf("%zu", names.n);
	fd_map_set(f->map, "team-count", count);
	free(count);
	names.n = 0;
	attr_fact(f->map, "lead-inspector", lead, "name");
	attr_fact(f->map, "lead-inspector-email", lead, "email");
	attr_fact(f->map, "lead-inspector-phone", lead, "phone");
	attr_fact(f->map, "qa-manager", qa, "name");
	for (n = sigs ? sigs->children : NULL; n; n = n->next)
		if (fd_is_elem(n, "signatory"))
			words_add(&names, fd_attr(n, "name"));
	set_joined(f->map, "signatories", &names);
	free(names.v);

	n = fd_child(root, "agencies");
	for (a = n ? n->children : NULL; a; a = a->next) {
		if (!fd_is_elem(a, "agency"))
			continue;
		if (strcmp(fd_attr(a, "type"), "local-authority") == 0 &&
		    fd_map_get(f->map, "local-authority") == NULL)
			fd_map_set(f->map, "local-authority",
				   fd_attr(a, "name"));
		for (l = a->children; l; l = l->next)
			if (fd_is_elem(l, "leader") &&
			    strcmp(fd_attr(l, "role"), "dcs") == 0 &&
			    fd_map_get(f->map, "dcs") == NULL) {
				fd_map_set(f->map, "dcs", fd_attr(l, "name"));
				fd_map_set(f->map, "dcs-title",
					   fd_attr(l, "title"));
			}
	}
}

static void
soa_facts(struct fd_facts *f, xmlNode *root)
{
	xmlNode *fs = fd_child(root, "findings");
	xmlNode *soa = fs ? fd_child(fs, "statement-of-action") : NULL, *a;
	struct words coop = {0}, all = {0};
	const char *lead, *list;
	char *copy, *tok, *save = NULL;

	fd_map_set(f->map, "soa-required",
		   soa && strcmp(fd_attr(soa, "required"), "yes") == 0 ? "yes"
								       : "no");
	if (soa == NULL)
		return;
	if ((lead = fd_attr(soa, "lead")) != NULL &&
	    (a = agency_by_id(root, lead)) != NULL) {
		fd_map_set(f->map, "soa-lead", fd_attr(a, "name"));
		words_add(&all, fd_attr(a, "name"));
	}
	if ((list = fd_attr(soa, "cooperating")) != NULL) {
		copy = fd_xstrdup(list);
		for (tok = strtok_r(copy, " \t\r\n", &save); tok;
		     tok = strtok_r(NULL, " \t\r\n", &save))
			if ((a = agency_by_id(root, tok)) != NULL &&
			    !words_has(&coop, fd_attr(a, "name"))) {
				words_add(&coop, fd_attr(a, "name"));
				words_add(&all, fd_attr(a, "name"));
			}
		free(copy);
		set_joined(f->map, "soa-cooperating", &coop);
	}
	set_joined(f->map, "soa-agencies", &all);
	free(coop.v);
	free(all.v);
}

/*
 * The inspectorates of the team and the signatories, in the order and
 * with the names of templates/<framework>/inspectorates.xml, or else of
 * templates/common/inspectorates.xml.
 */
static int
inspectorate_facts(struct fd_facts *f, xmlNode *root,
		   const struct fd_datadir *dd, struct fd_diags *d)
{
	char *rel = fd_xasprintf("%s/inspectorates.xml",
				 fd_attr(root, "framework"));
	char *path = fd_datadir_template(dd, rel);
	struct fd_input *data;

	/* A framework may name the inspectorates as its own time did. */
	if (path == NULL)
		path = fd_path_join(dd->templates, "common/inspectorates.xml");
	free(rel);
	data = fd_load_file(path, d);
	struct words seen = {0}, longs = {0}, shorts = {0};
	xmlNode *list, *n, *i;
	char *count;

	free(path);
	if (data == NULL)
		return -1;
	for (list = root->children; list; list = list->next) {
		if (!fd_is_elem(list, "team") &&
		    !fd_is_elem(list, "signatories"))
			continue;
		for (n = list->children; n; n = n->next)
			if (n->type == XML_ELEMENT_NODE &&
			    fd_attr(n, "inspectorate") &&
			    !words_has(&seen, fd_attr(n, "inspectorate")))
				words_add(&seen, fd_attr(n, "inspectorate"));
	}
	for (i = xmlDocGetRootElement(data->doc)->children; i; i = i->next) {
		if (!fd_is_elem(i, "inspectorate") || !fd_attr(i, "id") ||
		    !words_has(&seen, fd_attr(i, "id")))
			continue;
		if (fd_attr(i, "long") == NULL || fd_attr(i, "short") == NULL) {
			fd_input_msg(d, data, i, NULL, M_AGENCY_NAMES);
			continue;
		}
		words_add(&longs, fd_attr(i, "long"));
		words_add(&shorts, fd_attr(i, "short"));
	}
	set_joined(f->map, "inspectorates", &longs);
	set_joined(f->map, "inspectorates-short", &shorts);
	count = fd_xasprintf("%zu", longs.n);
	fd_map_set(f->map, "inspectorate-count", count);
	free(count);
	free(seen.v);
	free(longs.v);
	free(shorts.v);
	fd_input_free(data);
	return 0;
}

struct fd_facts *
fd_facts_new(const struct fd_input *in, const struct fd_datadir *dd,
	     enum fd_stage stage, struct fd_diags *d)
{
	struct fd_facts *f = fd_xcalloc(1, sizeof *f);
	xmlNode *root = xmlDocGetRootElement(in->doc);
	xmlNode *cal = fd_child(root, "calendar");
	xmlNode *hist = fd_child(root, "history"), *r;
	struct fd_date notified, last;
	const char *fw = fd_attr(root, "framework");

	f->map = fd_map_new();
	f->created = -1;
	attr_fact(f->map, "framework", root, "framework");
	fd_map_set(f->map, "variant",
		   fd_attr(root, "variant") ? fd_attr(root, "variant")
					    : "joint");
	attr_fact(f->map, "ref", root, "ref");
	attr_fact(f->map, "lang", root, "lang");
	fd_map_set(f->map, "stage", fd_stage_name(stage));
	text_fact(f->map, "area", fd_child(root, "area"));
	text_fact(f->map, "theme", fd_child(root, "theme"));
	attr_fact(f->map, "theme-ref", fd_child(root, "theme"), "ref");
	attr_fact(f->map, "theme-link", fd_child(root, "theme"), "link");

	f->cal = fd_calendar_from_inspection(dd->templates, cal, &notified, d,
					     in);
	if (f->cal == NULL)
		goto fail;
	f->tl = fd_timeline_load(dd->templates, fw, d);
	if (f->tl == NULL || fd_timeline_read_actuals(f->tl, cal, d, in) != 0)
		goto fail;
	fd_timeline_use_variant(f->tl, fd_attr(root, "variant"));
	f->notified = notified;
	if (fd_timeline_compute(f->tl, f->cal, notified) != 0) {
		fd_input_msg(d, in, cal, "notified", M_NOTIFIED_HOLIDAY);
		goto fail;
	}
	fd_timeline_warn(f->tl, f->cal, cal, d, in);
	timeline_facts(f);
	history_facts(f, root);
	letter_dates(f, root, stage);
	people_facts(f, root);
	soa_facts(f, root);
	if (inspectorate_facts(f, root, dd, d) != 0)
		goto fail;
	if (fd_after_facts(f->map, in, dd, f, d) != 0)
		goto fail;
	for (r = hist ? hist->children : NULL; r; r = r->next)
		if (fd_is_elem(r, "revision") &&
		    fd_date_parse(fd_attr(r, "date"), &last) == 0)
			f->created = fd_date_epoch(last);
	return f;
fail:
	fd_facts_free(f);
	return NULL;
}

const struct fd_timeline *
fd_facts_timeline(const struct fd_facts *f)
{
	return f->tl;
}

const struct fd_calendar *
fd_facts_calendar(const struct fd_facts *f)
{
	return f->cal;
}

struct fd_date
fd_facts_notified(const struct fd_facts *f)
{
	return f->notified;
}

void
fd_facts_free(struct fd_facts *f)
{
	if (f == NULL)
		return;
	fd_map_free(f->map);
	fd_calendar_free(f->cal);
	fd_timeline_free(f->tl);
	free(f);
}

const struct fd_map *
fd_facts_map(const struct fd_facts *f)
{
	return f->map;
}

int
fd_facts_add_working_days(void *arg, struct fd_date from, long n,
			  struct fd_date *out)
{
	struct fd_facts *f = arg;

	if (f == NULL || f->cal == NULL)
		return -1;
	*out = fd_calendar_add(f->cal, from, n);
	return 0;
}

long long
fd_facts_created(const struct fd_facts *f)
{
	return f->created;
}

char *
fd_facts_ics(struct fd_facts *f, const struct fd_input *in,
	     const struct fd_datadir *dd, size_t *len, struct fd_diags *d)
{
	struct fd_ics_info info = {fd_map_get(f->map, "ref"),
				   fd_map_get(f->map, "area"), f->notified,
				   fd_ics_stamp(f->notified)};
	struct fd_complaint_plan *plans = NULL;
	long n = fd_after_plans(in, dd, fd_facts_add_working_days, f, &plans,
				d);
	char *ics;

	if (n < 0)
		return NULL;
	/* As findings timeline --ics writes it: the milestones, then each
	 * complaint's procedure. */
	ics = fd_ics_timeline(f->tl, &info, len);
	fd_ics_add_complaints(&ics, len, plans, n, &info);
	fd_after_plans_free(plans, n);
	return ics;
}
