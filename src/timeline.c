/*
 * timeline.c: loading a framework's schedule and dating it.
 *
 * A day number d becomes the date d - notification-day working days after
 * the notified date, so the numbering of each framework (day 0 or day 1
 * for notification, day -1 for preparation) is kept as published. A
 * milestone counted "after" another is dated from that one's date, and
 * numbered from its day number, so "41+70" is day 111 of the count.
 */
#include "timeline.h"

#include <stdlib.h>
#include <string.h>

#include "calendar_int.h"
#include "check.h"
#include "util.h"

/* Bounds the rows of one schedule. */
#define MAX_MILESTONES 512

/* One milestone and the strings its public view points into. */
struct entry {
	struct fd_milestone m; /* what callers see */
	char **keys;	       /* owned words of key=, NULL-ended */
	char **end_keys;       /* owned words of end-key=, NULL-ended */
	char *what;	       /* owned text */
	char *who;	       /* owned who= */
	char *after;	       /* owned after=, or NULL */
	char *label;	       /* owned day label */
	struct fd_date rec[2]; /* recorded first [0] and last [1] dates */
	const xmlNode *rec_node[2]; /* the <actual> of each, or NULL */
};

/* A date the count starts from: the notified date or a recorded one. */
struct anchor {
	int day;	     /* the framework's working day number */
	struct fd_date date; /* its date */
};

struct fd_timeline {
	char *framework;       /* "jtai-2019" */
	char *title;	       /* "Joint targeted area inspection" */
	char *short_name;      /* "JTAI" */
	int notification_day;  /* 0 or 1 */
	struct entry *e;       /* the milestones in file order */
	size_t n;	       /* entries in e */
	char **variants;       /* name, title, short of each variant, NULL-ended */
	int computed;	       /* dates are filled in */
	size_t nrecorded;      /* dates recorded, rec_node set */
};

static const char *const weekday_names[] = {
	"Monday", "Tuesday", "Wednesday", "Thursday",
	"Friday", "Saturday", "Sunday"};

static void
free_words(char **w)
{
	size_t i;

	if (w == NULL)
		return;
	for (i = 0; w[i] != NULL; i++)
		free(w[i]);
	free(w);
}

/* The space-separated words of s (may be NULL) as a NULL-ended array;
 * the caller frees it with free_words. */
static char **
split_words(const char *s)
{
	char **w = fd_xcalloc(1, sizeof *w);
	size_t n = 0;

	while (s != NULL && *s != '\0') {
		const char *end;

		while (*s == ' ')
			s++;
		if (*s == '\0')
			break;
		end = strchr(s, ' ');
		if (end == NULL)
			end = s + strlen(s);
		w = fd_xreallocarray(w, n + 2, sizeof *w);
		w[n++] = fd_xstrndup(s, (size_t)(end - s));
		w[n] = NULL;
		s = end;
	}
	return w;
}

void
fd_timeline_free(struct fd_timeline *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++) {
		free_words(t->e[i].keys);
		free_words(t->e[i].end_keys);
		free(t->e[i].what);
		free(t->e[i].who);
		free(t->e[i].after);
		free(t->e[i].label);
	}
	free(t->e);
	free_words(t->variants);
	free(t->framework);
	free(t->title);
	free(t->short_name);
	free(t);
}

static int
has_word(char **w, const char *key)
{
	size_t i;

	for (i = 0; w[i] != NULL; i++)
		if (strcmp(w[i], key) == 0)
			return 1;
	return 0;
}

/* The entry with key as key or end-key (*end set for end-key), or NULL. */
static const struct entry *
find_entry(const struct fd_timeline *t, const char *key, int *end)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		if (has_word(t->e[i].keys, key)) {
			*end = 0;
			return &t->e[i];
		}
		if (has_word(t->e[i].end_keys, key)) {
			*end = 1;
			return &t->e[i];
		}
	}
	return NULL;
}

/* An integer attribute the schema has already bounded. */
static int
int_attr(const xmlNode *n, const char *name)
{
	const char *s = fd_attr(n, name);

	return s ? (int)strtol(s, NULL, 10) : 0;
}

static int
weekday_index(const char *s)
{
	int i;

	for (i = 0; s != NULL && i < 7; i++)
		if (strcmp(s, weekday_names[i]) == 0)
			return i;
	return -1;
}

/* Reads one <milestone> into e; returns the number of errors. */
static unsigned
read_milestone(struct entry *e, const struct fd_input *in, const xmlNode *n,
	       struct fd_diags *d)
{
	e->keys = split_words(fd_attr(n, "key"));
	e->end_keys = split_words(fd_attr(n, "end-key"));
	e->what = fd_text_squeezed(n);
	e->who = fd_xstrdup(fd_attr(n, "who"));
	e->m.weekday = weekday_index(fd_attr(n, "weekday"));
	if (fd_attr(n, "after") != NULL) {
		e->after = fd_xstrdup(fd_attr(n, "after"));
		e->m.after_key_days = int_attr(n, "days");
		if (e->end_keys[0] != NULL) {
			fd_input_msg(d, in, n, "end-key", M_TL_AFTER_END_KEY);
			return 1;
		}
		return 0;
	}
	e->m.first_day = int_attr(n, "day");
	e->m.last_day = fd_attr(n, "to") ? int_attr(n, "to") : e->m.first_day;
	if (e->m.last_day < e->m.first_day) {
		fd_input_msg(d, in, n, "to", M_TL_TO_BEFORE, e->m.last_day,
		             e->m.first_day);
		return 1;
	}
	if (e->m.last_day == e->m.first_day && e->end_keys[0] != NULL) {
		fd_input_msg(d, in, n, "end-key", M_TL_END_KEY_ONE_DAY);
		return 1;
	}
	if (e->m.last_day == e->m.first_day)
		e->label = fd_xasprintf("%d", e->m.first_day);
	else
		e->label = fd_xasprintf("%d\u2013%d", e->m.first_day,
					e->m.last_day);
	return 0;
}

/* Every key once, across key= and end-key=; returns the errors. */
static unsigned
check_keys(const struct fd_timeline *t, const struct fd_input *in,
	   xmlNode **nodes, struct fd_diags *d)
{
	unsigned errors = 0;
	size_t i, k;

	for (i = 0; i < t->n; i++) {
		char **lists[2] = {t->e[i].keys, t->e[i].end_keys};
		const char *attr[2] = {"key", "end-key"};
		int l;

		for (l = 0; l < 2; l++)
			for (k = 0; lists[l][k] != NULL; k++) {
				int end;

				if (find_entry(t, lists[l][k], &end) ==
					    &t->e[i] &&
				    end == l &&
				    !has_word(lists[l] + k + 1, lists[l][k]))
					continue;
				fd_input_msg(d, in, nodes[i], attr[l],
				             M_TL_KEY_TWICE, lists[l][k]);
				errors++;
			}
	}
	return errors;
}

/* Resolves after= and the notification day; returns the errors. */
static unsigned
link_milestones(struct fd_timeline *t, const struct fd_input *in,
		xmlNode **nodes, struct fd_diags *d)
{
	const struct entry *note;
	unsigned errors = 0;
	size_t i;
	int end;

	for (i = 0; i < t->n; i++) {
		struct entry *e = &t->e[i];
		const struct entry *a;

		if (e->after == NULL)
			continue;
		a = find_entry(t, e->after, &end);
		if (a == NULL || a->after != NULL) {
			fd_input_msg(d, in, nodes[i], "after",
			             M_TL_AFTER_UNKNOWN, e->after);
			errors++;
			continue;
		}
		e->m.after_key = e->after;
		e->m.first_day = (end ? a->m.last_day : a->m.first_day) +
				 e->m.after_key_days;
		e->m.last_day = e->m.first_day;
		e->label = fd_xasprintf("%d+%d",
					end ? a->m.last_day : a->m.first_day,
					e->m.after_key_days);
	}
	note = find_entry(t, "notification", &end);
	if (note == NULL || end || note->after != NULL ||
	    note->m.first_day != t->notification_day) {
		xmlNode *root = xmlDocGetRootElement(in->doc);

		fd_input_msg(d, in, root, "notification-day",
		             M_TL_NO_NOTIFICATION, t->notification_day);
		errors++;
	}
	return errors;
}

/* Fills t from a schema-valid timeline file; returns the errors. */
static unsigned
read_timeline(struct fd_timeline *t, const struct fd_input *in,
	      const char *framework, struct fd_diags *d)
{
	xmlNode *root = xmlDocGetRootElement(in->doc), *n;
	xmlNode **nodes = NULL;
	unsigned errors = 0;
	size_t count = 0;

	if (strcmp(fd_attr(root, "framework"), framework) != 0) {
		fd_input_msg(d, in, root, "framework", M_TL_FRAMEWORK,
		             framework, fd_attr(root, "framework"));
		errors++;
	}
	t->title = fd_xstrdup(fd_attr(root, "title"));
	t->short_name = fd_xstrdup(fd_attr(root, "short"));
	t->notification_day = int_attr(root, "notification-day");
	t->variants = fd_xcalloc(1, sizeof *t->variants);
	for (n = root->children; n != NULL; n = n->next) {
		if (fd_is_elem(n, "milestone"))
			count++;
		if (fd_is_elem(n, "variant") && count < MAX_MILESTONES) {
			size_t k = 0;

			while (t->variants[k] != NULL)
				k++;
			t->variants = fd_xreallocarray(t->variants, k + 4,
						       sizeof *t->variants);
			t->variants[k] = fd_xstrdup(fd_attr(n, "name"));
			t->variants[k + 1] = fd_xstrdup(fd_attr(n, "title"));
			t->variants[k + 2] = fd_xstrdup(fd_attr(n, "short"));
			t->variants[k + 3] = NULL;
		}
	}
	if (count > MAX_MILESTONES) {
		fd_input_msg(d, in, root, NULL, M_TL_MILESTONES, MAX_MILESTONES);
		return errors + 1;
	}
	t->e = fd_xcalloc(count, sizeof *t->e);
	nodes = fd_xcalloc(count, sizeof *nodes);
	for (n = root->children; n != NULL; n = n->next) {
		if (!fd_is_elem(n, "milestone"))
			continue;
		nodes[t->n] = n;
		errors += read_milestone(&t->e[t->n], in, n, d);
		t->n++;
	}
	if (errors == 0)
		errors += check_keys(t, in, nodes, d);
	if (errors == 0)
		errors += link_milestones(t, in, nodes, d);
	free(nodes);
	return errors;
}

/* Points each public view at the strings its entry owns. */
static void
publish(struct fd_timeline *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		struct entry *e = &t->e[i];

		e->m.keys = (const char *const *)e->keys;
		e->m.end_keys = (const char *const *)e->end_keys;
		e->m.key = e->keys[0];
		e->m.what = e->what;
		e->m.who = e->who;
		e->m.label = e->label;
	}
}

struct fd_timeline *
fd_timeline_load(const char *templates_dir, const char *framework,
		 struct fd_diags *d)
{
	struct fd_timeline *t = NULL;
	struct fd_input *in = NULL;
	char *rel = NULL, *path = NULL, *rng;

	rng = fd_path_join(templates_dir, "schema/timeline.rng");
	if (fd_data_name_ok(framework)) {
		rel = fd_xasprintf("%s/timeline.xml", framework);
		path = fd_path_join(templates_dir, rel);
	}
	if (path == NULL || !fd_is_file(path)) {
		fd_msg(d, M_TL_NONE, templates_dir, 0, 0,
		       fd_data_name_ok(framework) ? framework : "…");
		goto out;
	}
	if ((in = fd_load_file(path, d)) == NULL)
		goto out;
	if (fd_validate_data(in, rng, d) != 0)
		goto out;
	t = fd_xcalloc(1, sizeof *t);
	t->framework = fd_xstrdup(framework);
	if (read_timeline(t, in, framework, d) != 0) {
		fd_timeline_free(t);
		t = NULL;
		goto out;
	}
	publish(t);
out:
	fd_input_free(in);
	free(rel);
	free(path);
	free(rng);
	return t;
}

/* The day number key names in e: its first day, or last for an end-key. */
static int
key_day(const struct entry *e, int end)
{
	return end ? e->m.last_day : e->m.first_day;
}

int
fd_timeline_is_recorded(const struct fd_timeline *t, const char *key)
{
	const struct entry *e;
	int end;

	e = find_entry(t, key, &end);
	return e != NULL && e->rec_node[end] != NULL;
}

size_t
fd_timeline_recorded_count(const struct fd_timeline *t)
{
	return t->nrecorded;
}

/* Every key of the timeline, "notification, onsite-start, …", for a
 * message; the caller frees it. */
static char *
key_list(const struct fd_timeline *t)
{
	struct fd_buf b = {0};
	size_t i, k;

	for (i = 0; i < t->n; i++) {
		char **lists[2] = {t->e[i].keys, t->e[i].end_keys};
		int l;

		for (l = 0; l < 2; l++)
			for (k = 0; lists[l][k] != NULL; k++)
				fd_buf_addf(&b, "%s%s", b.len ? ", " : "",
					    lists[l][k]);
	}
	return fd_buf_steal(&b);
}

/* The key of the timeline nearest to key, or NULL. */
static const char *
nearest_key(const struct fd_timeline *t, const char *key)
{
	const char **v = NULL, *near;
	size_t i, k, n = 0;

	for (i = 0; i < t->n; i++) {
		char **lists[2] = {t->e[i].keys, t->e[i].end_keys};
		int l;

		for (l = 0; l < 2; l++)
			for (k = 0; lists[l][k] != NULL; k++) {
				v = fd_xreallocarray(v, n + 1, sizeof *v);
				v[n++] = lists[l][k];
			}
	}
	near = fd_nearest(key, v, n);
	free(v);
	return near;
}

unsigned
fd_timeline_read_actuals(struct fd_timeline *t, const xmlNode *cal,
			 struct fd_diags *d, const struct fd_input *in)
{
	const xmlNode *n;
	unsigned errors = 0;

	for (n = cal ? cal->children : NULL; n != NULL; n = n->next) {
		const char *key = fd_attr(n, "milestone"), *s;
		struct entry *e;
		struct fd_date day;
		int end;

		if (!fd_is_elem(n, "actual"))
			continue;
		s = fd_attr(n, "date");
		if (fd_date_parse(s, &day) != 0) {
			fd_input_msg(d, in, n, "date", M_NOT_A_DATE, s ? s : "");
			errors++;
			continue;
		}
		e = key ? (struct entry *)find_entry(t, key, &end) : NULL;
		if (e == NULL) {
			char *keys = key_list(t);
			const char *near = nearest_key(t, key ? key : "");

			if (near != NULL)
				fd_input_msg(d, in, n, "milestone",
					     M_TL_ACTUAL_UNKNOWN_NEAR,
					     t->framework, key ? key : "", near,
					     keys);
			else
				fd_input_msg(d, in, n, "milestone",
					     M_TL_ACTUAL_UNKNOWN, t->framework,
					     key ? key : "", keys);
			free(keys);
			errors++;
			continue;
		}
		if (e->rec_node[end] != NULL) {
			fd_input_msg(d, in, n, "milestone", M_TL_ACTUAL_TWICE,
			             key, xmlGetLineNo(e->rec_node[end]));
			errors++;
			continue;
		}
		e->rec[end] = day;
		e->rec_node[end] = n;
		t->nrecorded++;
	}
	return errors;
}

/* The date of day number day, counted from the last anchor at or before
 * it (the first anchor for a day before them all). */
static struct fd_date
count_from(const struct fd_calendar *c, const struct anchor *a, size_t na,
	   int day)
{
	size_t i, at = 0;

	for (i = 0; i < na; i++)
		if (a[i].day <= day)
			at = i;
	if (a[at].day == day)
		return a[at].date;
	return fd_calendar_add(c, a[at].date, (long)day - a[at].day);
}

/* The anchors of t, sorted by day number: the notified date and, when
 * recorded is set, every recorded date of a numbered milestone. The
 * caller frees the array. */
static struct anchor *
anchors(const struct fd_timeline *t, struct fd_date notified, int recorded,
	size_t *na)
{
	struct anchor *a = fd_xcalloc(2 * t->n + 1, sizeof *a);
	size_t i, j, n = 0;
	int end;

	a[n].day = t->notification_day;
	a[n++].date = notified;
	for (i = 0; recorded && i < t->n; i++) {
		if (t->e[i].after != NULL)
			continue;
		for (end = 0; end < 2; end++) {
			if (t->e[i].rec_node[end] == NULL)
				continue;
			/* Insertion keeps equal days in file order. */
			for (j = n; j > 0 && a[j - 1].day > key_day(&t->e[i], end);
			     j--)
				a[j] = a[j - 1];
			a[j].day = key_day(&t->e[i], end);
			a[j].date = t->e[i].rec[end];
			n++;
		}
	}
	*na = n;
	return a;
}

/* A recorded date is itself, whatever the count from the others. */
static void
apply_records(struct entry *e)
{
	int one_day = e->after != NULL || e->m.first_day == e->m.last_day;

	e->m.recorded_first = e->rec_node[0] != NULL;
	e->m.recorded_last = e->rec_node[1] != NULL ||
			     (e->m.recorded_first && one_day);
	if (e->m.recorded_first)
		e->m.first = e->rec[0];
	if (e->rec_node[1] != NULL)
		e->m.last = e->rec[1];
	else if (e->m.recorded_first && one_day)
		e->m.last = e->m.first;
}

int
fd_timeline_compute(struct fd_timeline *t, const struct fd_calendar *c,
		    struct fd_date notified)
{
	struct anchor *plan, *real;
	size_t i, nplan, nreal;

	t->computed = 0;
	if (!fd_calendar_is_working(c, notified))
		return -1;
	plan = anchors(t, notified, 0, &nplan);
	real = anchors(t, notified, 1, &nreal);
	for (i = 0; i < t->n; i++) {
		struct entry *e = &t->e[i];
		struct fd_milestone *m = &e->m;

		if (e->after != NULL)
			continue;
		m->planned_first = count_from(c, plan, nplan, m->first_day);
		m->planned_last = count_from(c, plan, nplan, m->last_day);
		m->first = count_from(c, real, nreal, m->first_day);
		m->last = count_from(c, real, nreal, m->last_day);
		apply_records(e);
	}
	for (i = 0; i < t->n; i++) {
		struct entry *e = &t->e[i];
		struct fd_milestone *m = &e->m;
		const struct entry *a;
		int end;

		if (e->after == NULL)
			continue;
		a = find_entry(t, e->after, &end);
		m->planned_first = fd_calendar_add(
			c, end ? a->m.planned_last : a->m.planned_first,
			m->after_key_days);
		m->planned_last = m->planned_first;
		m->first = fd_calendar_add(c, end ? a->m.last : a->m.first,
					   m->after_key_days);
		m->last = m->first;
		apply_records(e);
	}
	free(plan);
	free(real);
	t->computed = 1;
	return 0;
}

const struct fd_milestone *
fd_timeline_find(const struct fd_timeline *t, const char *key)
{
	const struct entry *e;
	int end;

	e = find_entry(t, key, &end);
	return e ? &e->m : NULL;
}

int
fd_timeline_date(const struct fd_timeline *t, const char *key,
		 struct fd_date *out)
{
	const struct entry *e;
	int end;

	if (!t->computed || (e = find_entry(t, key, &end)) == NULL)
		return -1;
	*out = end ? e->m.last : e->m.first;
	return 0;
}

void
fd_timeline_use_variant(struct fd_timeline *t, const char *variant)
{
	size_t k;

	for (k = 0; variant != NULL && t->variants[k] != NULL; k += 3)
		if (strcmp(t->variants[k], variant) == 0) {
			free(t->title);
			free(t->short_name);
			t->title = fd_xstrdup(t->variants[k + 1]);
			t->short_name = fd_xstrdup(t->variants[k + 2]);
			return;
		}
}

size_t
fd_timeline_count(const struct fd_timeline *t)
{
	return t->n;
}

const struct fd_milestone *
fd_timeline_milestone(const struct fd_timeline *t, size_t i)
{
	return i < t->n ? &t->e[i].m : NULL;
}

const char *
fd_timeline_framework(const struct fd_timeline *t)
{
	return t->framework;
}

const char *
fd_timeline_title(const struct fd_timeline *t)
{
	return t->title;
}

const char *
fd_timeline_short(const struct fd_timeline *t)
{
	return t->short_name;
}

int
fd_timeline_notification_day(const struct fd_timeline *t)
{
	return t->notification_day;
}

void
fd_timeline_span(const struct fd_timeline *t, struct fd_date *lo,
		 struct fd_date *hi)
{
	size_t i;

	for (i = 0; i < fd_timeline_count(t); i++) {
		const struct fd_milestone *m = fd_timeline_milestone(t, i);

		if (i == 0 || fd_date_cmp(m->first, *lo) < 0)
			*lo = m->first;
		if (fd_date_cmp(m->planned_first, *lo) < 0)
			*lo = m->planned_first;
		if (i == 0 || fd_date_cmp(m->last, *hi) > 0)
			*hi = m->last;
		if (fd_date_cmp(m->planned_last, *hi) > 0)
			*hi = m->planned_last;
	}
}

/* The name a recorded date goes by in a message: the key it was
 * recorded under. */
static const char *
record_key(const struct entry *e, int end)
{
	return fd_attr(e->rec_node[end], "milestone");
}

/* A recorded date that is not a working day, or that comes before a
 * milestone the framework has on an earlier day. */
static void
warn_record(const struct fd_timeline *t, const struct fd_calendar *c,
	    const struct entry *e, int end, struct fd_diags *d,
	    const struct fd_input *in)
{
	struct fd_date day = e->rec[end];
	const char *why = fd_calendar_holiday_name(c, day);
	const struct entry *before = NULL;
	char longd[32], other[32];
	size_t i;

	fd_date_long(day, longd, sizeof longd);
	if (!fd_calendar_is_working(c, day) && why != NULL)
		fd_input_msg(d, in, e->rec_node[end], "date",
			     M_TL_ACTUAL_HOLIDAY, record_key(e, end),
			     fd_date_weekday_name(day), longd, why);
	else if (!fd_calendar_is_working(c, day))
		fd_input_msg(d, in, e->rec_node[end], "date",
			     M_TL_ACTUAL_NOT_WORKING, record_key(e, end),
			     fd_date_weekday_name(day), longd);
	for (i = 0; i < t->n && e->after == NULL; i++)
		if (t->e[i].after == NULL &&
		    t->e[i].m.last_day < key_day(e, end) &&
		    fd_date_cmp(t->e[i].m.last, day) > 0 &&
		    (before == NULL || t->e[i].m.last_day > before->m.last_day))
			before = &t->e[i];
	if (before != NULL) {
		fd_date_long(before->m.last, other, sizeof other);
		fd_input_msg(d, in, e->rec_node[end], "date", M_TL_ACTUAL_EARLY,
		             record_key(e, end), longd, before->m.last_day,
		             before->what, other);
	}
}

/* The factual accuracy check given fewer working days than the
 * framework's timeline allows, where either end is recorded. */
static void
warn_fa_window(const struct fd_timeline *t, const struct fd_calendar *c,
	       struct fd_diags *d, const struct fd_input *in)
{
	const struct entry *from, *to;
	int end_from, end_to;
	struct fd_date a, b;
	char la[32], lb[32];
	long got, want;

	from = find_entry(t, "draft-to-dcs", &end_from);
	to = find_entry(t, "fa-due", &end_to);
	if (from == NULL || to == NULL ||
	    (from->rec_node[end_from] == NULL && to->rec_node[end_to] == NULL))
		return;
	a = end_from ? from->m.last : from->m.first;
	b = end_to ? to->m.last : to->m.first;
	want = key_day(to, end_to) - key_day(from, end_from);
	got = fd_calendar_between(c, a, b);
	if (got >= want)
		return;
	fd_date_long(a, la, sizeof la);
	fd_date_long(b, lb, sizeof lb);
	fd_input_msg(d, in,
		     to->rec_node[end_to] ? to->rec_node[end_to]
					  : from->rec_node[end_from],
		     "date", M_TL_FA_DAYS, got, got == 1 ? "" : "s", la, lb,
	             want, key_day(from, end_from), key_day(to, end_to));
}

static void
warn_records(const struct fd_timeline *t, const struct fd_calendar *c,
	     struct fd_diags *d, const struct fd_input *in)
{
	size_t i;
	int end;

	for (i = 0; i < t->n; i++)
		for (end = 0; end < 2; end++)
			if (t->e[i].rec_node[end] != NULL)
				warn_record(t, c, &t->e[i], end, d, in);
	warn_fa_window(t, c, d, in);
}

void
fd_timeline_warn(const struct fd_timeline *t, const struct fd_calendar *c,
		 const xmlNode *cal, struct fd_diags *d,
		 const struct fd_input *in)
{
	struct fd_date lo, hi;
	char longd[32];
	size_t i;

	for (i = 0; i < fd_timeline_count(t); i++) {
		const struct fd_milestone *m = fd_timeline_milestone(t, i);
		static const char *const days[] = {
			"Monday", "Tuesday", "Wednesday", "Thursday",
			"Friday", "Saturday", "Sunday"};

		if (m->weekday < 0 ||
		    fd_date_weekday(m->planned_first) == m->weekday)
			continue;
		fd_date_long(m->planned_first, longd, sizeof longd);
		fd_input_msg(d, in, cal, "notified", M_TL_WEEKDAY, m->first_day,
		             m->key ? m->key : m->what,
		             fd_date_weekday_name(m->planned_first), longd,
		             days[m->weekday]);
	}
	warn_records(t, c, d, in);
	fd_timeline_span(t, &lo, &hi);
	if (fd_calendar_covers(c, lo) && !fd_calendar_covers(c, hi))
		fd_input_msg(d, in, cal, "holidays", M_TL_PAST_HOLIDAYS,
		             fd_calendar_last_year(c), fd_calendar_name(c));
}
