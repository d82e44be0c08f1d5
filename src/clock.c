/*
 * clock.c - the one place that reads the system clock (see clock.h).
 */
#include "followup/clock.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "followup/date.h"
#include "followup/err.h"

int clock_today(const char *override, int *out)
{
	const char *env = getenv("FOLLOWUP_TODAY");
	time_t now;
	struct tm tm;

	if (!override && env && *env)
		override = env;
	if (override) {
		if (date_parse_iso(override, out) < 0)
			return err_usage("today %s: expected a real date as YYYY-MM-DD",
					 err_quote(override));
		return 0;
	}
	now = time(NULL);
	localtime_r(&now, &tm);
	*out = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return 0;
}

int clock_now_minutes(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return tm.tm_hour * 60 + tm.tm_min;
}

static char *utc_stamp(time_t t, char *buf)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

char *clock_utc_stamp(char *buf)
{
	return utc_stamp(time(NULL), buf);
}

char *clock_day_utc_stamp(int day, char *buf)
{
	return utc_stamp((time_t)(clock_stamp(day) + CLOCK_STAMP_EPOCH), buf);
}

long long clock_now_epoch(void)
{
	return (long long)time(NULL);
}

long long clock_local_epoch(int day, int secs)
{
	struct tm tm;
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = secs / 3600;
	tm.tm_min = secs / 60 % 60;
	tm.tm_sec = secs % 60;
	tm.tm_isdst = -1;
	return (long long)mktime(&tm);
}

long long clock_midnight(int day)
{
	return clock_local_epoch(day, 0) - CLOCK_STAMP_EPOCH;
}

long long clock_stamp(int day)
{
	time_t now = time(NULL);
	struct tm tm;
	int secs;

	localtime_r(&now, &tm);
	secs = tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
	return clock_local_epoch(day, secs ? secs : 1) - CLOCK_STAMP_EPOCH;
}
