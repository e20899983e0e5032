/*
 * date.h: calendar dates (no time of day, no time zone), parsed strictly
 * from ISO 8601 "YYYY-MM-DD" and written the way GOV.UK writes them.
 */
#ifndef FD_DATE_H
#define FD_DATE_H

#include <stddef.h>

struct fd_date {
	int y; /* year, 1900-2199 */
	int m; /* month, 1-12 */
	int d; /* day of the month, 1-31 */
};

/* Parses exactly "YYYY-MM-DD" naming a real day; returns 0 or -1. */
int fd_date_parse(const char *s, struct fd_date *out);
/* Days since 1970-01-01 (negative before). */
long fd_date_days(struct fd_date a);
struct fd_date fd_date_from_days(long days);
/* Adds n calendar days (n may be negative). */
struct fd_date fd_date_add_days(struct fd_date a, long n);
/* <0, 0, >0 as a is before, the same as, or after b. */
int fd_date_cmp(struct fd_date a, struct fd_date b);
/* 0 Monday .. 6 Sunday. */
int fd_date_weekday(struct fd_date a);
const char *fd_date_weekday_name(struct fd_date a);
const char *fd_date_month_name(int m);
/* "7 March 2016" (no ordinal, no leading zero). buf of 32 bytes. */
char *fd_date_long(struct fd_date a, char *buf, size_t size);
/* "2016-03-07". buf of 11 bytes or more. */
char *fd_date_iso(struct fd_date a, char *buf, size_t size);
/* Seconds since the epoch at midnight UTC of the day. */
long long fd_date_epoch(struct fd_date a);

/* Working-day arithmetic: *out is n working days after from (before it
 * when n is negative). Returns 0, or -1 when the calendar cannot say. */
typedef int (*fd_workday_fn)(void *arg, struct fd_date from, long n,
			     struct fd_date *out);

#endif
