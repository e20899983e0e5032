/* date.c: proleptic Gregorian dates without time zones. */
#include "date.h"

#include <stdio.h>
#include <string.h>

static const char *const months[] = {
	"January", "February", "March",	    "April",   "May",	   "June",
	"July",	   "August",   "September", "October", "November", "December"};
static const char *const weekdays[] = {"Monday", "Tuesday", "Wednesday",
				       "Thursday", "Friday", "Saturday",
				       "Sunday"};

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const int n[] = {31, 28, 31, 30, 31, 30,
				31, 31, 30, 31, 30, 31};

	return m == 2 && leap(y) ? 29 : n[m - 1];
}

int
fd_date_parse(const char *s, struct fd_date *out)
{
	int i, y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 ||
	    d > month_days(y, m))
		return -1;
	out->y = y;
	out->m = m;
	out->d = d;
	return 0;
}

/* Howard Hinnant's days_from_civil. */
long
fd_date_days(struct fd_date a)
{
	long y = a.y - (a.m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (a.m + (a.m > 2 ? -3 : 9)) + 2) / 5 + a.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

struct fd_date
fd_date_from_days(long z)
{
	struct fd_date r;
	long era, doe, yoe, y, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	r.y = (int)(y + (r.m <= 2));
	return r;
}

struct fd_date
fd_date_add_days(struct fd_date a, long n)
{
	return fd_date_from_days(fd_date_days(a) + n);
}

int
fd_date_cmp(struct fd_date a, struct fd_date b)
{
	long x = fd_date_days(a), y = fd_date_days(b);

	return x < y ? -1 : x > y;
}

int
fd_date_weekday(struct fd_date a)
{
	long z = fd_date_days(a); /* 1970-01-01 was a Thursday (3) */
	long w = (z + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

const char *
fd_date_weekday_name(struct fd_date a)
{
	return weekdays[fd_date_weekday(a)];
}

const char *
fd_date_month_name(int m)
{
	return m >= 1 && m <= 12 ? months[m - 1] : "";
}

char *
fd_date_long(struct fd_date a, char *buf, size_t size)
{
	snprintf(buf, size, "%d %s %d", a.d, fd_date_month_name(a.m), a.y);
	return buf;
}

char *
fd_date_iso(struct fd_date a, char *buf, size_t size)
{
	snprintf(buf, size, "%04d-%02d-%02d", a.y, a.m, a.d);
	return buf;
}

long long
fd_date_epoch(struct fd_date a)
{
	return (long long)fd_date_days(a) * 86400;
}
