/*
 * ics.c: writing RFC 5545 text by hand: the subset calendar programs
 * need for all-day events is small, and no library would keep UIDs and
 * stamps deterministic for us.
 */
#include "ics.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "after.h"
#include "util.h"

/* RFC 5545 3.1: lines longer than 75 octets are folded. */
#define FOLD 75
/* Largest SOURCE_DATE_EPOCH taken: the last second of 9999. */
#define MAX_EPOCH 253402300799LL

/* Octets of the unit at s: a UTF-8 character, or a TEXT escape ("\;")
 * that must not be split either: some readers unescape before they
 * unfold. */
static size_t
unit(const char *s)
{
	size_t n = 1;

	if (s[0] == '\\' && s[1] != '\0')
		return 2;
	while ((((unsigned char)s[n]) & 0xc0) == 0x80)
		n++;
	return n;
}

/*
 * Adds one content line, folded: after 75 octets a CRLF and a space, and
 * the continuation lines hold 74 octets after their space. A fold never
 * falls inside a UTF-8 character or an escape, so a line may be an octet
 * or three shorter.
 */
static void
add_line(struct fd_buf *b, const char *line)
{
	size_t pos = 0, used = 0, room = FOLD;

	while (line[pos] != '\0') {
		size_t n = unit(line + pos);

		if (used + n > room) {
			fd_buf_adds(b, "\r\n ");
			used = 0;
			room = FOLD - 1;
		}
		fd_buf_add(b, line + pos, n);
		used += n;
		pos += n;
	}
	fd_buf_adds(b, "\r\n");
}

/* Adds "NAME:value" with value escaped as TEXT (RFC 5545 3.3.11). */
static void
add_text(struct fd_buf *b, const char *name, const char *value)
{
	struct fd_buf l = {0};
	const char *p;

	fd_buf_adds(&l, name);
	fd_buf_addc(&l, ':');
	for (p = value; *p; p++) {
		switch (*p) {
		case '\\':
		case ';':
		case ',':
			fd_buf_addc(&l, '\\');
			fd_buf_addc(&l, *p);
			break;
		case '\n':
			fd_buf_adds(&l, "\\n");
			break;
		case '\r':
			break;
		default:
			/* Other controls cannot pass the loader; a
			 * stray one would break the line structure. */
			if ((unsigned char)*p >= 0x20 || *p == '\t')
				fd_buf_addc(&l, *p);
		}
	}
	add_line(b, l.data);
	fd_buf_free(&l);
}

static void
add_date(struct fd_buf *b, const char *name, struct fd_date day)
{
	char *l = fd_xasprintf("%s;VALUE=DATE:%04d%02d%02d", name, day.y,
			       day.m, day.d);

	add_line(b, l);
	free(l);
}

/* The inspection's reference made safe for a UID: letters, digits, dot,
 * hyphen and underscore kept, anything else a hyphen. */
static char *
uid_ref(const char *ref)
{
	char *r = fd_xstrdup(ref && *ref ? ref : "inspection"), *p;

	for (p = r; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' ||
		      *p == '_'))
			*p = '-';
	return r;
}

/* A milestone's name in UIDs: its first key, else its day numbers
 * ("day-9-12", "day-m1" for day -1). The caller frees it. */
static char *
milestone_id(const struct fd_milestone *m)
{
	char first[16], last[16];

	if (m->key != NULL)
		return fd_xstrdup(m->key);
	snprintf(first, sizeof first, "%s%d", m->first_day < 0 ? "m" : "",
		 abs(m->first_day));
	snprintf(last, sizeof last, "%s%d", m->last_day < 0 ? "m" : "",
		 abs(m->last_day));
	if (m->first_day == m->last_day)
		return fd_xasprintf("day-%s", first);
	return fd_xasprintf("day-%s-%s", first, last);
}

/* "Working day 9", "Working days 9–12", "70 working days after day 43". */
static char *
day_words(const struct fd_milestone *m)
{
	if (m->after_key != NULL)
		return fd_xasprintf("%d working days after day %d",
				    m->after_key_days,
				    m->first_day - m->after_key_days);
	if (m->first_day == m->last_day)
		return fd_xasprintf("Working day %d", m->first_day);
	return fd_xasprintf("Working days %s", m->label);
}

/* "20160307T000000Z" for a time in seconds since the epoch. */
static void
stamp_text(long long s, char *buf, size_t size)
{
	long long days = s / 86400, sec = s % 86400;
	struct fd_date day;

	if (sec < 0) {
		sec += 86400;
		days--;
	}
	day = fd_date_from_days((long)days);
	snprintf(buf, size, "%04d%02d%02dT%02d%02d%02dZ", day.y, day.m, day.d,
		 (int)(sec / 3600), (int)(sec / 60 % 60), (int)(sec % 60));
}

long long
fd_ics_stamp(struct fd_date fallback)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	long long v = 0;

	if (s == NULL || *s == '\0' || strlen(s) > 12)
		return fd_date_epoch(fallback);
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return fd_date_epoch(fallback);
		v = v * 10 + (*s - '0');
	}
	return v <= MAX_EPOCH ? v : fd_date_epoch(fallback);
}

/* "Recorded as it happened; planned for 7 March 2016." or "Planned
 * again from a recorded date; first planned for …", for a milestone whose
 * dates are not the plan's. Returns a static buffer. */
static const char *
when_planned(const struct fd_milestone *m)
{
	static char buf[160];
	char a[32], z[32];

	fd_date_long(m->planned_first, a, sizeof a);
	fd_date_long(m->planned_last, z, sizeof z);
	snprintf(buf, sizeof buf, "%s; planned for %s%s%s.",
		 m->recorded_first && m->recorded_last
			 ? "Recorded as it happened"
			 : "Counted from a date recorded as it happened",
		 a, fd_date_cmp(m->planned_first, m->planned_last) ? " to " : "",
		 fd_date_cmp(m->planned_first, m->planned_last) ? z : "");
	return buf;
}

/* Adds the VEVENT of one milestone. */
static void
add_event(struct fd_buf *b, const struct fd_timeline *t,
	  const struct fd_milestone *m, const char *uid, const char *stamp,
	  const char *area, const struct fd_ics_info *info)
{
	char notified[32];
	char *line, *words;

	add_line(b, "BEGIN:VEVENT");
	line = fd_xasprintf("UID:%s", uid);
	add_line(b, line);
	free(line);
	line = fd_xasprintf("DTSTAMP:%s", stamp);
	add_line(b, line);
	free(line);
	add_date(b, "DTSTART", m->first);
	/* DTEND of an all-day event is the day after the last (exclusive). */
	add_date(b, "DTEND", fd_date_add_days(m->last, 1));
	line = fd_xasprintf("%s %s day %s: %s", area, fd_timeline_short(t),
			    m->label, m->what);
	add_text(b, "SUMMARY", line);
	free(line);
	words = day_words(m);
	fd_date_long(info->notified, notified, sizeof notified);
	line = fd_xasprintf("%s\nWho: %s\n%s of the timeline, %s in %s (%s), "
			    "notified %s %s.",
			    m->what, m->who, words, fd_timeline_title(t), area,
			    info->ref, fd_date_weekday_name(info->notified),
			    notified);
	if (m->recorded_first || m->recorded_last ||
	    fd_date_cmp(m->first, m->planned_first) != 0 ||
	    fd_date_cmp(m->last, m->planned_last) != 0) {
		char *with = fd_xasprintf("%s\n%s", line, when_planned(m));

		free(line);
		line = with;
	}
	add_text(b, "DESCRIPTION", line);
	free(line);
	free(words);
	add_line(b, "TRANSP:TRANSPARENT");
	add_line(b, "END:VEVENT");
}

char *
fd_ics_timeline(const struct fd_timeline *t, const struct fd_ics_info *info,
		size_t *len)
{
	struct fd_buf b = {0};
	struct fd_map *seen = fd_map_new();
	char stamp[32];
	char *area, *ref, *line;
	size_t i;

	area = fd_squeeze(info->area && *info->area ? info->area : info->ref);
	ref = uid_ref(info->ref);
	stamp_text(info->stamp, stamp, sizeof stamp);
	add_line(&b, "BEGIN:VCALENDAR");
	add_line(&b, "VERSION:2.0");
	add_line(&b, "PRODID:-//findings//inspection timeline//EN");
	add_line(&b, "CALSCALE:GREGORIAN");
	add_line(&b, "METHOD:PUBLISH");
	line = fd_xasprintf("%s %s timeline", area, fd_timeline_short(t));
	add_text(&b, "X-WR-CALNAME", line);
	free(line);
	for (i = 0; i < fd_timeline_count(t); i++) {
		const struct fd_milestone *m = fd_timeline_milestone(t, i);
		char *id = milestone_id(m), *uid;
		unsigned n = 1;

		/* Two rows on the same days without a key: number the
		 * later ones, in file order, so UIDs stay stable. */
		uid = fd_xasprintf("%s-%s@findings.invalid", ref, id);
		while (fd_map_get(seen, uid) != NULL) {
			free(uid);
			uid = fd_xasprintf("%s-%s-%u@findings.invalid", ref, id,
					   ++n);
		}
		fd_map_set(seen, uid, "");
		add_event(&b, t, m, uid, stamp, area, info);
		free(uid);
		free(id);
	}
	add_line(&b, "END:VCALENDAR");
	fd_map_free(seen);
	free(area);
	free(ref);
	*len = b.len;
	return fd_buf_steal(&b);
}

void
fd_ics_add_complaints(char **ics, size_t *len,
		      const struct fd_complaint_plan *plans, long n,
		      const struct fd_ics_info *info)
{
	static const char end[] = "END:VCALENDAR\r\n";
	struct fd_buf b = {0};
	char stamp[32], received[32];
	char *area, *ref, *line, *id;
	long i;
	size_t j;

	if (n <= 0 || *len < sizeof end - 1)
		return;
	area = fd_squeeze(info->area && *info->area ? info->area : info->ref);
	ref = uid_ref(info->ref);
	stamp_text(info->stamp, stamp, sizeof stamp);
	fd_buf_add(&b, *ics, *len - (sizeof end - 1));
	for (i = 0; i < n; i++) {
		id = uid_ref(plans[i].id);
		fd_date_long(plans[i].received, received, sizeof received);
		for (j = 0; j < plans[i].n; j++) {
			const struct fd_complaint_step *s = &plans[i].steps[j];

			add_line(&b, "BEGIN:VEVENT");
			line = fd_xasprintf("UID:%s-complaint-%s-%d@findings.invalid",
					    ref, id, s->days);
			add_line(&b, line);
			free(line);
			line = fd_xasprintf("DTSTAMP:%s", stamp);
			add_line(&b, line);
			free(line);
			add_date(&b, "DTSTART", s->date);
			add_date(&b, "DTEND", fd_date_add_days(s->date, 1));
			line = fd_xasprintf("%s complaint %s, day %d: %s", area,
					    plans[i].id, s->days, s->what);
			add_text(&b, "SUMMARY", line);
			free(line);
			line = fd_xasprintf("%s\nWho: %s\n%s: %d working days "
					    "after the complaint was received "
					    "on %s (%s).",
					    s->what, s->who, plans[i].title,
					    s->days, received, info->ref);
			add_text(&b, "DESCRIPTION", line);
			free(line);
			add_line(&b, "TRANSP:TRANSPARENT");
			add_line(&b, "END:VEVENT");
		}
		free(id);
	}
	fd_buf_adds(&b, end);
	free(*ics);
	*len = b.len;
	*ics = fd_buf_steal(&b);
	free(area);
	free(ref);
}
