/*
 * test_ical.c - holidays_read() of followup-ical.so, loaded through the real
 * boundary, icalmod_load().  FOLLOWUP_ICAL_MODULE names the module (default
 * build/followup-ical.so).  Fixture paths are relative to the repo root, or
 * to FOLLOWUP_TEST_DATA when set.  tests/data/holidays.ics covers a single
 * day, a yearly rule, a two-day event, EXDATE/RDATE and a timed event;
 * edge cases (overrides, CRLF, broken or runaway rules) are written to
 * temporary files under /tmp.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "followup/date.h"
#include "followup/err.h"
#include "followup/icalmod.h"

#define HOLIDAYS "tests/data/holidays.ics"
#define NOT_ICAL "tests/data/not-ical.ics"

static const struct ical_api *api;

/* The answer of one holidays_read() call, sorted and without repeats. */
struct result {
	int rc;
	int *dates;
	size_t n;     /* distinct dates */
	size_t raw_n; /* dates as returned, repeats included */
	char err[256];
};

/* rel (relative to the repo root) under FOLLOWUP_TEST_DATA when set. */
static const char *data_path(const char *rel)
{
	static char buf[4096];
	const char *root = getenv("FOLLOWUP_TEST_DATA");

	if (!root || !*root)
		return rel;
	snprintf(buf, sizeof buf, "%s/%s", root, rel);
	return buf;
}

static int load_module(void **state)
{
	(void)state;
	if (!getenv("FOLLOWUP_ICAL_MODULE"))
		setenv("FOLLOWUP_ICAL_MODULE", "build/followup-ical.so", 1);
	api = icalmod_load();
	if (!api) {
		fprintf(stderr, "test_ical: %s\n", err_message());
		return -1;
	}
	return 0;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static void release(struct result *r)
{
	free(r->dates);
	r->dates = NULL;
}

static void read_range(const char *path, const char *from, const char *to, struct result *r)
{
	size_t i, j;

	memset(r, 0, sizeof *r);
	r->rc = api->holidays_read(path, D(from), D(to), &r->dates, &r->n, r->err,
				   sizeof r->err);
	if (r->rc != 0)
		return;
	r->raw_n = r->n;
	assert_non_null(r->dates);
	for (i = 0; i < r->n; i++) {
		assert_true(r->dates[i] >= D(from));
		assert_true(r->dates[i] <= D(to));
	}
	qsort(r->dates, r->n, sizeof *r->dates, cmp_int);
	for (i = j = 0; i < r->n; i++)
		if (j == 0 || r->dates[j - 1] != r->dates[i])
			r->dates[j++] = r->dates[i];
	r->n = j;
}

static int has(const struct result *r, const char *iso)
{
	int d = D(iso);
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->dates[i] == d)
			return 1;
	return 0;
}

/* Exactly the dates of want (sorted, NULL-terminated). */
static void assert_dates(const struct result *r, const char *const *want)
{
	char got[2048] = "", exp[2048] = "", buf[11];
	size_t i;

	for (i = 0; i < r->n; i++) {
		strcat(got, date_format(r->dates[i], buf));
		strcat(got, " ");
	}
	for (i = 0; want[i]; i++) {
		strcat(exp, want[i]);
		strcat(exp, " ");
	}
	assert_string_equal(got, exp);
}

/* A reason is one lowercase line without the path or a final period. */
static void assert_reason(const struct result *r, const char *path, const char *want)
{
	size_t len = strlen(r->err);

	assert_int_equal(r->rc, -1);
	assert_non_null(strstr(r->err, want));
	assert_true(len > 0);
	assert_true(r->err[0] >= 'a' && r->err[0] <= 'z');
	assert_true(r->err[len - 1] != '.');
	assert_null(strchr(r->err, '\n'));
	assert_null(strstr(r->err, path));
}

/* text in a new temporary .ics file; its name into path (64 bytes). */
static void write_temp(char *path, const char *text)
{
	FILE *fp;
	int fd;

	strcpy(path, "/tmp/test_ical-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
}

static void read_text(const char *text, const char *from, const char *to, struct result *r)
{
	char path[64];

	write_temp(path, text);
	read_range(path, from, to, r);
	unlink(path);
}

#define CAL(body) "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//t//EN\n" body "END:VCALENDAR\n"

static void test_fixture_dates_exactly(void **state)
{
	static const char *const want[] = {
		"2026-01-02", "2026-02-06", "2026-03-06", "2026-04-03", "2026-05-01",
		"2026-06-05", "2026-07-03", "2026-08-07", "2026-09-04", "2026-10-02",
		"2026-11-13", "2026-11-26", "2026-11-27", "2026-12-04", "2026-12-24",
		"2026-12-25", "2027-12-25", NULL,
	};
	struct result r;
	(void)state;
	read_range(data_path(HOLIDAYS), "2026-01-01", "2027-12-31", &r);
	assert_int_equal(r.rc, 0);
	assert_dates(&r, want);
	release(&r);
}

static void test_yearly_rule_reaches_later_years(void **state)
{
	static const char *const want[] = {"2026-12-25", "2027-12-25", NULL};
	struct result r;
	(void)state;
	/* Both ends of the range are occurrences; nothing from 2020-2025. */
	read_range(data_path(HOLIDAYS), "2026-12-25", "2027-12-25", &r);
	assert_int_equal(r.rc, 0);
	assert_dates(&r, want);
	release(&r);

	read_range(data_path(HOLIDAYS), "2030-12-01", "2031-01-31", &r);
	assert_int_equal(r.rc, 0);
	assert_true(has(&r, "2030-12-25"));
	assert_int_equal(r.n, 1);
	release(&r);
}

static void test_nothing_outside_range(void **state)
{
	static const char *const want[] = {"2026-11-27", "2026-12-04", "2026-12-24", NULL};
	struct result r;
	(void)state;
	/* The range starts inside the two-day event and ends on Christmas Eve. */
	read_range(data_path(HOLIDAYS), "2026-11-27", "2026-12-24", &r);
	assert_int_equal(r.rc, 0);
	assert_dates(&r, want);
	release(&r);

	read_range(data_path(HOLIDAYS), "2019-01-01", "2019-12-31", &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.n, 0);
	release(&r);
}

static void test_exdate_and_rdate(void **state)
{
	struct result r;
	(void)state;
	read_range(data_path(HOLIDAYS), "2026-10-01", "2026-12-31", &r);
	assert_int_equal(r.rc, 0);
	assert_true(has(&r, "2026-10-02"));
	assert_false(has(&r, "2026-11-06")); /* EXDATE */
	assert_true(has(&r, "2026-11-13"));  /* RDATE */
	assert_true(has(&r, "2026-12-04"));
	release(&r);
}

static void test_timed_event_ignored(void **state)
{
	static const char *const want[] = {"2026-12-04", "2026-12-24", "2026-12-25", NULL};
	struct result r;
	(void)state;
	read_range(data_path(HOLIDAYS), "2026-12-01", "2026-12-31", &r);
	assert_int_equal(r.rc, 0);
	assert_false(has(&r, "2026-12-10"));
	assert_dates(&r, want);
	release(&r);
}

static void test_two_day_event(void **state)
{
	static const char *const want[] = {"2026-11-26", "2026-11-27", NULL};
	struct result r;
	(void)state;
	read_range(data_path(HOLIDAYS), "2026-11-20", "2026-11-30", &r);
	assert_int_equal(r.rc, 0);
	assert_dates(&r, want);
	release(&r);
}

static void test_empty_range(void **state)
{
	struct result r;
	(void)state;
	read_range(data_path(HOLIDAYS), "2026-12-25", "2026-12-24", &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.n, 0);
	release(&r);
}

static void test_missing_file(void **state)
{
	const char *path = data_path("tests/data/no-such-file.ics");
	struct result r;
	(void)state;
	read_range(path, "2026-01-01", "2026-12-31", &r);
	assert_reason(&r, path, "no such file or directory");
	assert_null(r.dates);
	assert_int_equal(r.n, 0);
}

static void test_directory(void **state)
{
	const char *path = data_path("tests/data");
	struct result r;
	(void)state;
	read_range(path, "2026-01-01", "2026-12-31", &r);
	assert_reason(&r, path, "is a directory");
}

static void test_garbage_file(void **state)
{
	const char *path = data_path(NOT_ICAL);
	int *dates = NULL;
	size_t n = 7;
	char small[8];
	struct result r;
	(void)state;
	read_range(path, "2026-01-01", "2026-12-31", &r);
	assert_reason(&r, path, "not an iCalendar file");
	assert_null(r.dates);

	/* A short buffer gets a cut but terminated reason. */
	memset(small, 'x', sizeof small);
	assert_int_equal(api->holidays_read(path, 0, 1, &dates, &n, small, sizeof small), -1);
	assert_string_equal(small, "not an ");
	assert_null(dates);
	assert_int_equal(n, 0);
}

static void test_not_a_calendar(void **state)
{
	struct result r;
	(void)state;
	read_text("", "2026-01-01", "2026-12-31", &r);
	assert_reason(&r, "/tmp", "not an iCalendar file");
	read_text("BEGIN:VTODO\nSUMMARY:x\nEND:VTODO\n", "2026-01-01", "2026-12-31", &r);
	assert_reason(&r, "/tmp", "no VCALENDAR or VEVENT");
	/* Cut short: no END:VCALENDAR. */
	read_text("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261224\n",
		  "2026-01-01", "2026-12-31", &r);
	assert_reason(&r, "/tmp", "not an iCalendar file");
}

static void test_empty_calendar(void **state)
{
	struct result r;
	(void)state;
	read_text(CAL(""), "2026-01-01", "2026-12-31", &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.n, 0);
	release(&r);
}

static void test_lone_vevent_crlf(void **state)
{
	static const char *const want[] = {"2026-05-01", NULL};
	struct result r;
	(void)state;
	read_text("BEGIN:VEVENT\r\nUID:may-day\r\nDTSTART;VALUE=DATE:20260501\r\n"
		  "DTEND;VALUE=DATE:20260502\r\nSUMMARY:May Day\r\nEND:VEVENT\r\n",
		  "2026-01-01", "2026-12-31", &r);
	assert_int_equal(r.rc, 0);
	assert_dates(&r, want);
	release(&r);
}

static void test_several_calendars(void **state)
{
	static const char *const want[] = {"2026-01-01", "2026-05-01", NULL};
	struct result r;
	(void)state;
	/* libical wraps them in an XROOT component. */
	read_text(CAL("BEGIN:VEVENT\nUID:a\nDTSTART;VALUE=DATE:20260101\nEND:VEVENT\n")
		  CAL("BEGIN:VEVENT\nUID:b\nDTSTART;VALUE=DATE:20260501\nEND:VEVENT\n"),
		  "2026-01-01", "2026-12-31", &r);
	assert_int_equal(r.rc, 0);
	assert_dates(&r, want);
	release(&r);
}

static void test_duration(void **state)
{
	static const char *const want[] = {
		"2026-03-02", "2026-03-03", "2026-04-06", "2026-04-07", "2026-05-11", NULL,
	};
	struct result r;
	(void)state;
	/* P2D is two days, PT36H is rounded up to two, a negative one is one. */
	read_text(CAL("BEGIN:VEVENT\nUID:a\nDTSTART;VALUE=DATE:20260302\nDURATION:P2D\nEND:VEVENT\n"
		      "BEGIN:VEVENT\nUID:b\nDTSTART;VALUE=DATE:20260406\nDURATION:PT36H\nEND:VEVENT\n"
		      "BEGIN:VEVENT\nUID:c\nDTSTART;VALUE=DATE:20260511\nDURATION:-P3D\nEND:VEVENT\n"),
		  "2026-01-01", "2026-12-31", &r);
	assert_int_equal(r.rc, 0);
	assert_dates(&r, want);
	release(&r);
}

static void test_dtstart_off_rule(void **state)
{
	static const char *const want[] = {
		"2026-01-01", "2026-01-05", "2026-01-12", "2026-01-19", NULL,
	};
	struct result r;
	(void)state;
	/*
	 * DTSTART (a Thursday) is not on the rule (Mondays).  RFC 5545 leaves
	 * that undefined; like icalcomponent_foreach_recurrence(), DTSTART is
	 * an instance and the rule adds its COUNT of Mondays.  libical's
	 * iterator alone would skip DTSTART.
	 */
	read_text(CAL("BEGIN:VEVENT\nUID:a\nDTSTART;VALUE=DATE:20260101\n"
		      "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3\nEND:VEVENT\n"),
		  "2026-01-01", "2026-12-31", &r);
	assert_int_equal(r.rc, 0);
	assert_dates(&r, want);
	release(&r);
}

static void test_override_and_cancelled(void **state)
{
	static const char *const want[] = {"2026-06-05", "2027-06-04", "2029-06-05", NULL};
	struct result r;
	(void)state;
	/*
	 * An override (same UID, RECURRENCE-ID) moves the 2027 instance to the
	 * day before and cancels the 2028 one; a cancelled event adds nothing.
	 */
	read_text(CAL("BEGIN:VEVENT\nUID:founders\nDTSTART;VALUE=DATE:20260605\n"
		      "RRULE:FREQ=YEARLY\nSUMMARY:Founders' day\nEND:VEVENT\n"
		      "BEGIN:VEVENT\nUID:founders\nRECURRENCE-ID;VALUE=DATE:20270605\n"
		      "DTSTART;VALUE=DATE:20270604\nSUMMARY:Founders' day (moved)\nEND:VEVENT\n"
		      "BEGIN:VEVENT\nUID:founders\nRECURRENCE-ID;VALUE=DATE:20280605\n"
		      "DTSTART;VALUE=DATE:20280605\nSTATUS:CANCELLED\nEND:VEVENT\n"
		      "BEGIN:VEVENT\nUID:gone\nDTSTART;VALUE=DATE:20260701\n"
		      "STATUS:CANCELLED\nEND:VEVENT\n"),
		  "2026-01-01", "2029-12-31", &r);
	assert_int_equal(r.rc, 0);
	assert_dates(&r, want);
	release(&r);
}

static void test_subdaily_rule_refused(void **state)
{
	struct result r;
	(void)state;
	/*
	 * On a DATE, libical returns each day 86400 times for FREQ=SECONDLY:
	 * expanding a year of it took seconds before this was refused.
	 */
	read_text(CAL("BEGIN:VEVENT\nUID:a\nDTSTART;VALUE=DATE:20261201\n"
		      "RRULE:FREQ=SECONDLY\nEND:VEVENT\n"),
		  "2026-01-01", "2027-12-31", &r);
	assert_reason(&r, "/tmp", "event 'a': RRULE more frequent than daily");
}

static void test_no_repeats_from_dtstart(void **state)
{
	struct result r;
	(void)state;
	/* DTSTART is on the rule, so libical's iterator returns it too. */
	read_text(CAL("BEGIN:VEVENT\nUID:a\nDTSTART;VALUE=DATE:20261201\n"
		      "RRULE:FREQ=DAILY;COUNT=3\nEND:VEVENT\n"),
		  "2026-12-01", "2026-12-31", &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.raw_n, 3);
	assert_int_equal(r.n, 3);
	release(&r);
}

static void test_broken_properties(void **state)
{
	struct result r;
	(void)state;
	/* libical drops an unparsable RRULE; silently losing it is wrong. */
	read_text(CAL("BEGIN:VEVENT\nUID:a\nSUMMARY:Bad rule\nDTSTART;VALUE=DATE:20260101\n"
		      "RRULE:FREQ=BOGUS\nEND:VEVENT\n"),
		  "2026-01-01", "2026-12-31", &r);
	assert_reason(&r, "/tmp", "event 'Bad rule': unreadable RRULE");
	/* libical reads 20261332 as month 13, day 32. */
	read_text(CAL("BEGIN:VEVENT\nUID:b\nDTSTART;VALUE=DATE:20261332\nEND:VEVENT\n"),
		  "2026-01-01", "2026-12-31", &r);
	assert_reason(&r, "/tmp", "event 'b': invalid DTSTART");
	/* libical's parser refuses INTERVAL=0 too. */
	read_text(CAL("BEGIN:VEVENT\nUID:c\nDTSTART;VALUE=DATE:20260101\n"
		      "RRULE:FREQ=DAILY;INTERVAL=0\nEND:VEVENT\n"),
		  "2026-01-01", "2026-12-31", &r);
	assert_reason(&r, "/tmp", "event 'c': unreadable RRULE");
	/* libical's iterator refuses to start after 2582. */
	read_text(CAL("BEGIN:VEVENT\nUID:f\nDTSTART;VALUE=DATE:30000101\n"
		      "RRULE:FREQ=YEARLY\nEND:VEVENT\n"),
		  "2026-01-01", "2026-12-31", &r);
	assert_reason(&r, "/tmp", "event 'f': RRULE cannot be expanded");

	/* Errors elsewhere, or in a timed event, are not the feed's failure. */
	read_text(CAL("BEGIN:VEVENT\nUID:d\nDTSTART;VALUE=DATE:20260101\nLOCATION:\n"
		      "END:VEVENT\n"
		      "BEGIN:VEVENT\nUID:e\nDTSTART:20260102T090000Z\nRRULE:FREQ=BOGUS\n"
		      "END:VEVENT\n"),
		  "2026-01-01", "2026-12-31", &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.n, 1);
	assert_true(has(&r, "2026-01-01"));
	release(&r);
}

static void test_runaway_guards(void **state)
{
	struct result r;
	(void)state;
	/* One event over three centuries: more dates than anyone needs. */
	read_text(CAL("BEGIN:VEVENT\nUID:a\nDTSTART;VALUE=DATE:19000101\n"
		      "DTEND;VALUE=DATE:22000101\nEND:VEVENT\n"),
		  "1900-01-01", "2199-12-31", &r);
	assert_reason(&r, "/tmp", "more than 100000 holiday dates in range");
	/* A daily rule from 1900 still reaches 2026, every day once. */
	read_text(CAL("BEGIN:VEVENT\nUID:b\nDTSTART;VALUE=DATE:19000101\n"
		      "RRULE:FREQ=DAILY\nEND:VEVENT\n"),
		  "2026-01-01", "2026-01-31", &r);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.n, 31);
	release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_range),
		cmocka_unit_test(test_empty_calendar),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_directory),
		cmocka_unit_test(test_garbage_file),
		cmocka_unit_test(test_not_a_calendar),
		cmocka_unit_test(test_fixture_dates_exactly),
		cmocka_unit_test(test_yearly_rule_reaches_later_years),
		cmocka_unit_test(test_nothing_outside_range),
		cmocka_unit_test(test_exdate_and_rdate),
		cmocka_unit_test(test_timed_event_ignored),
		cmocka_unit_test(test_two_day_event),
		cmocka_unit_test(test_lone_vevent_crlf),
		cmocka_unit_test(test_several_calendars),
		cmocka_unit_test(test_duration),
		cmocka_unit_test(test_dtstart_off_rule),
		cmocka_unit_test(test_override_and_cancelled),
		cmocka_unit_test(test_subdaily_rule_refused),
		cmocka_unit_test(test_no_repeats_from_dtstart),
		cmocka_unit_test(test_broken_properties),
		cmocka_unit_test(test_runaway_guards),
	};
	return cmocka_run_group_tests(tests, load_module, NULL);
}
