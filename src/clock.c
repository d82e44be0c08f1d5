/*
 * clock.c - the one place that reads the system clock (see clock.h).
 */
#include "followup/clock.h"

#include <stdlib.h>
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

char *clock_utc_stamp(char *buf)
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

long long clock_now_epoch(void)
{
	return (long long)time(NULL);
}
