/*
 * date.c - civil-date arithmetic and the DATE parser (see date.h).
 *
 * Day numbers use Howard Hinnant's days_from_civil / civil_from_days
 * algorithms: exact for every Gregorian date, no tables, no libc time zone
 * involvement, so month ends, leap years and weekdays are pure arithmetic.
 */
#include "followup/date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "followup/err.h"

int date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && date_is_leap(y) ? 29 : len[m - 1];
}

int date_valid_ymd(int y, int m, int d)
{
	return y >= DATE_MIN_YEAR && y <= DATE_MAX_YEAR && m >= 1 && m <= 12 &&
	       d >= 1 && d <= date_days_in_month(y, m);
}

int date_from_ymd(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int)(era * 146097 + doe - 719468);
}

void date_to_ymd(int days, int *y, int *m, int *d)
{
	long z = (long)days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long dd = doy - (153 * mp + 2) / 5 + 1;
	long mm = mp < 10 ? mp + 3 : mp - 9;

	*y = (int)(yoe + era * 400 + (mm <= 2));
	*m = (int)mm;
	*d = (int)dd;
}

int date_weekday(int days)
{
	/* 1970-01-01 was a Thursday (3 with Monday = 0). */
	int w = (days + 3) % 7;
	return w < 0 ? w + 7 : w;
}

int date_add_months(int days, int k)
{
	int y, m, d, total, dim;

	date_to_ymd(days, &y, &m, &d);
	total = y * 12 + (m - 1) + k;
	y = total >= 0 ? total / 12 : -((-total + 11) / 12);
	m = total - y * 12 + 1;
	dim = date_days_in_month(y, m);
	return date_from_ymd(y, m, d > dim ? dim : d);
}

int date_parse_iso(const char *s, int *out)
{
	int v[10], y, m, d, i;

	if (!s)
		return -1;
	/* Octet by octet, so that a shorter string stops at its NUL; digits
	 * by hand (three atoi() calls were most of a calendar row's dates). */
	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return -1;
		} else if (!isdigit((unsigned char)s[i])) {
			return -1;
		}
		v[i] = s[i] - '0';
	}
	if (s[10])
		return -1;
	y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
	m = v[5] * 10 + v[6];
	d = v[8] * 10 + v[9];
	if (!date_valid_ymd(y, m, d))
		return -1;
	*out = date_from_ymd(y, m, d);
	return 0;
}

char *date_format(int days, char *buf)
{
	int y, m, d;
	date_to_ymd(days, &y, &m, &d);
	y = ((y % 10000) + 10000) % 10000;
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
	return buf;
}

static const char *const wd_short[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
static const char *const wd_long[7] = {"monday", "tuesday", "wednesday", "thursday",
				       "friday", "saturday", "sunday"};

const char *date_weekday_name(int days)
{
	return wd_short[date_weekday(days)];
}

char *date_format_short(int days, char *buf)
{
	static const char *const mon[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	int y, m, d;
	date_to_ymd(days, &y, &m, &d);
	snprintf(buf, 16, "%s %d %s", date_weekday_name(days), d, mon[m - 1]);
	return buf;
}

/* Weekday index for "mon".."sun" or the full name, or -1. */
static int parse_weekday(const char *s)
{
	int i;
	for (i = 0; i < 7; i++)
		if (!strcasecmp(s, wd_short[i]) || !strcasecmp(s, wd_long[i]))
			return i;
	return -1;
}

static int in_range(int days)
{
	int y, m, d;
	date_to_ymd(days, &y, &m, &d);
	return y >= DATE_MIN_YEAR && y <= DATE_MAX_YEAR;
}

/* s without its leading and trailing blanks, copied into buf (size n):
 * its length, or -1 with an error naming s when s is NULL, blank or too
 * long to be a date. */
static int trimmed_copy(const char *s, char *buf, size_t n)
{
	size_t len;

	if (!s)
		return err_usage("invalid date '': empty");
	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len == 0)
		return err_usage("invalid date %s: empty", err_quote(s));
	if (len >= n)
		return err_usage("invalid date %s: not a date", err_quote(s));
	memcpy(buf, s, len);
	buf[len] = '\0';
	return (int)len;
}

int date_parse(const char *s, int today, enum date_sense sense, int *out)
{
	char buf[32];
	int len, wd, result;
	const char *p;

	if ((len = trimmed_copy(s, buf, sizeof buf)) < 0)
		return -1;

	if (isdigit((unsigned char)buf[0])) {
		if (date_parse_iso(buf, out) == 0)
			return 0;
		if (len == 10 && buf[4] == '-' && buf[7] == '-')
			return err_usage("invalid date %s: no such day", err_quote(buf));
		return err_usage("invalid date %s: expected YYYY-MM-DD, today, +3d, mon …",
				 err_quote(buf));
	}
	if (!strcasecmp(buf, "today"))
		result = today;
	else if (!strcasecmp(buf, "tomorrow"))
		result = today + 1;
	else if (!strcasecmp(buf, "yesterday"))
		result = today - 1;
	else
		goto relative;
	goto checked;
relative:

	if (buf[0] == '+' || buf[0] == '-') {
		char *end;
		long n;
		p = buf + 1;
		if (!isdigit((unsigned char)*p))
			goto bad;
		n = strtol(p, &end, 10);
		if (end[0] == '\0' || end[1] != '\0' || n > 100000)
			goto bad;
		if (buf[0] == '-')
			n = -n;
		switch (tolower((unsigned char)end[0])) {
		case 'd': result = today + (int)n; break;
		case 'w': result = today + 7 * (int)n; break;
		case 'm': result = date_add_months(today, (int)n); break;
		default: goto bad;
		}
		if (!in_range(result))
			return err_usage("invalid date %s: out of range", err_quote(buf));
		*out = result;
		return 0;
	}
	wd = parse_weekday(buf);
	if (wd >= 0) {
		int tw = date_weekday(today);
		if (sense == DATE_FUTURE) {
			int delta = (wd - tw + 7) % 7;
			result = today + (delta ? delta : 7);
		} else {
			int delta = (tw - wd + 7) % 7;
			result = today - (delta ? delta : 7);
		}
		goto checked;
	}
	goto bad;
checked:
	/* Relative to an edge-of-range today, the result can leave the range. */
	if (!in_range(result))
		return err_usage("invalid date %s: out of range", err_quote(buf));
	*out = result;
	return 0;
bad:
	return err_usage("invalid date %s: expected YYYY-MM-DD, today, tomorrow, yesterday, "
			 "+Nd/w/m, -Nd/w/m or a weekday name", err_quote(buf));
}

int time_parse(const char *s, int *minutes)
{
	int h, m;
	size_t len;

	if (!s)
		return -1;
	len = strlen(s);
	if (len == 5 && isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
	    s[2] == ':' && isdigit((unsigned char)s[3]) && isdigit((unsigned char)s[4])) {
		h = (s[0] - '0') * 10 + (s[1] - '0');
		m = (s[3] - '0') * 10 + (s[4] - '0');
	} else if (len == 4 && isdigit((unsigned char)s[0]) && s[1] == ':' &&
		   isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3])) {
		h = s[0] - '0';
		m = (s[2] - '0') * 10 + (s[3] - '0');
	} else {
		return -1;
	}
	if (h > 23 || m > 59)
		return -1;
	*minutes = h * 60 + m;
	return 0;
}

/* Digits at *p (at most max of them) as a number; -1 when none. */
static int number(const char **p, int max)
{
	int v = 0, n = 0;

	while (isdigit((unsigned char)**p) && n < max)
		v = v * 10 + (*(*p)++ - '0'), n++;
	return n ? v : -1;
}

int date_parse_crm(const char *s, enum date_order order, int *out, enum date_order *hint)
{
	const char *p = s;
	int a, b, y;
	char sep;

	if (hint)
		*hint = DATE_ORDER_NONE;
	if (!s)
		return -1;
	if (strlen(s) >= 10 && isdigit((unsigned char)s[0]) && s[4] == '-') {
		char d[11];
		if (s[10] && s[10] != 'T' && s[10] != ' ')
			return -1;
		memcpy(d, s, 10);
		d[10] = '\0';
		return date_parse_iso(d, out) == 0 ? 0 : -1;
	}
	/* (*p first: strchr finds the terminating NUL in any string.) */
	if ((a = number(&p, 2)) < 0 || !*p || !strchr("/.-", *p))
		return -1;
	sep = *p++;
	if ((b = number(&p, 2)) < 0 || *p++ != sep)
		return -1;
	if (!isdigit((unsigned char)p[0]) || (y = number(&p, 4)) < 0 || isdigit((unsigned char)*p) ||
	    y < 1000)
		return -1;
	/* A time after the date (spreadsheets write "5/17/2026 14:21"). */
	if (*p && *p != ' ' && *p != 'T')
		return -1;
	if (sep == '/') {
		if (hint)
			*hint = a > 12 ? DATE_ORDER_DMY : b > 12 ? DATE_ORDER_MDY : DATE_ORDER_NONE;
		if (a > 12 && b > 12)
			return -1;
		if (a > 12)
			order = order == DATE_ORDER_MDY ? DATE_ORDER_MDY : DATE_ORDER_DMY;
		else if (b > 12)
			order = order == DATE_ORDER_DMY ? DATE_ORDER_DMY : DATE_ORDER_MDY;
		else if (order == DATE_ORDER_NONE)
			return DATE_CRM_AMBIGUOUS;
		if (order == DATE_ORDER_MDY) {
			int t = a;
			a = b;
			b = t;
		}
	}
	/* a is the day and b the month now. */
	if (b < 1 || b > 12 || !date_valid_ymd(y, b, a))
		return -1;
	*out = date_from_ymd(y, b, a);
	return 0;
}

int time_parse_loose(const char *s, int *minutes)
{
	const char *p = s;
	int h = 0, m = 0, hd = 0, md = 0, ampm = 0;

	if (!s)
		return err_usage("time '': empty");
	while (*p == ' ')
		p++;
	while (isdigit((unsigned char)*p) && hd < 3)
		h = h * 10 + (*p++ - '0'), hd++;
	if (!hd)
		return err_usage("time %s: not a time (14:30, 9:00, 2pm, 14h30)", err_quote(s));
	if (*p == ':' || *p == 'h' || *p == 'H') {
		int sep = *p++;
		while (isdigit((unsigned char)*p) && md < 3)
			m = m * 10 + (*p++ - '0'), md++;
		if ((sep == ':' && md != 2) || (md && md != 2))
			return err_usage("time %s: the minutes are two digits (14:30)", err_quote(s));
	}
	while (*p == ' ')
		p++;
	if ((p[0] == 'a' || p[0] == 'A' || p[0] == 'p' || p[0] == 'P') && (p[1] == 'm' || p[1] == 'M')) {
		ampm = tolower((unsigned char)p[0]);
		p += 2;
	}
	while (*p == ' ')
		p++;
	if (*p)
		return err_usage("time %s: not a time (14:30, 9:00, 2pm, 14h30)", err_quote(s));
	if (!ampm && !md && !strpbrk(s, "hH"))
		return err_usage("time %s: not a time (14:30, 9:00, 2pm, 14h30)", err_quote(s));
	if (ampm) {
		if (h < 1 || h > 12)
			return err_usage("time %s: the hour is 1 to 12 with am or pm", err_quote(s));
		h = h % 12 + (ampm == 'p' ? 12 : 0);
	} else if (h > 23) {
		return err_usage("time %s: the hour is 0 to 23", err_quote(s));
	}
	if (m > 59)
		return err_usage("time %s: the minutes are 00 to 59", err_quote(s));
	*minutes = h * 60 + m;
	return 0;
}

/* 1 when the word looks like a time someone meant (digits with : h am pm). */
static int time_like(const char *w)
{
	size_t n = strlen(w);
	return isdigit((unsigned char)w[0]) &&
	       (strchr(w, ':') || ((w[n - 1] == 'm' || w[n - 1] == 'M') && n >= 3) ||
		(strpbrk(w, "hH") && !strchr(w, '-')));
}

int date_parse_when(const char *s, int today, int *date, int *time)
{
	char buf[64], *last;

	*time = TIME_NONE;
	if (trimmed_copy(s, buf, sizeof buf) < 0)
		return -1;
	/* "2 pm": the am/pm joins the number before it. */
	last = strrchr(buf, ' ');
	if (last && last > buf && (!strcasecmp(last + 1, "am") || !strcasecmp(last + 1, "pm"))) {
		char *num = last;
		while (num > buf && num[-1] != ' ')
			num--;
		if (num > buf && isdigit((unsigned char)*num)) {
			memmove(last, last + 1, strlen(last + 1) + 1);
			last = strrchr(buf, ' ');
		}
	}
	if (!last && time_like(buf)) {
		*date = today;
		return time_parse_loose(buf, time);
	}
	if (last && time_like(last + 1)) {
		*last = '\0';
		if (time_parse_loose(last + 1, time) < 0)
			return -1;
	}
	return date_parse(buf, today, DATE_FUTURE, date);
}

char *time_format(int minutes, char *buf)
{
	int h = (minutes / 60) % 24, m = minutes % 60;
	if (minutes < 0)
		h = m = 0;
	buf[0] = (char)('0' + h / 10);
	buf[1] = (char)('0' + h % 10);
	buf[2] = ':';
	buf[3] = (char)('0' + m / 10);
	buf[4] = (char)('0' + m % 10);
	buf[5] = '\0';
	return buf;
}
