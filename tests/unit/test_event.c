/*
 * test_event.c - the calendar event builder of followup-ical.so: the
 * VCALENDAR frame, one VEVENT (with the constant parts the module caches
 * between calls) and the iMIP invitation, loaded through the real
 * boundary, icalmod_load().  FOLLOWUP_ICAL_MODULE names the module
 * (default build/followup-ical.so).  Assertions read the text libical
 * wrote, unfolded where a property may be long.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "followup/date.h"
#include "followup/err.h"
#include "followup/icalmod.h"

static const struct ical_api *api;

static int load_module(void **state)
{
	(void)state;
	if (!getenv("FOLLOWUP_ICAL_MODULE"))
		setenv("FOLLOWUP_ICAL_MODULE", "build/followup-ical.so", 1);
	/* Local times below are New York's; the module converts to UTC. */
	setenv("TZ", "America/New_York", 1);
	tzset();
	api = icalmod_load();
	if (!api) {
		fprintf(stderr, "test_event: %s\n", err_message());
		return -1;
	}
	return 0;
}

/* s with RFC 5545 folding (CRLF then one space) undone; malloc'd. */
static char *unfold(const char *s)
{
	char *out = malloc(strlen(s) + 1), *w = out;

	assert_non_null(out);
	while (*s) {
		if (s[0] == '\r' && s[1] == '\n' && s[2] == ' ')
			s += 3;
		else
			*w++ = *s++;
	}
	*w = '\0';
	return out;
}

/* 1 when the unfolded text has the whole content line `line`. */
static int has_line(const char *text, const char *line)
{
	char *u = unfold(text), *p;
	size_t n = strlen(line);
	int found = 0;

	for (p = u; (p = strstr(p, line)); p++)
		if ((p == u || p[-1] == '\n') && p[n] == '\r' && p[n + 1] == '\n') {
			found = 1;
			break;
		}
	free(u);
	return found;
}

/* 1 when some content line of text starts with prefix. */
static int has_prefix(const char *text, const char *prefix)
{
	const char *p;

	for (p = text; (p = strstr(p, prefix)); p++)
		if (p == text || p[-1] == '\n')
			return 1;
	return 0;
}

/* text has each whole content line of lines (up to a NULL or the 4th). */
static void expect_lines_(const char *text, const char *const *lines, size_t n)
{
	size_t i;

	for (i = 0; i < n && lines[i]; i++)
		if (!has_line(text, lines[i]))
			fail_msg("no line [%s] in:\n%s", lines[i], text);
}

/* expect_lines(text, LINE...): text has each content line LINE. */
#define LIST(...) ((const char *const[]){__VA_ARGS__, NULL})
#define expect_lines(text, ...) expect_lines_((text), LIST(__VA_ARGS__), (size_t)-1)

/* expect_no_prefix(text, PREFIX...): no content line starts with a PREFIX. */
static void expect_no_prefix_(const char *text, const char *const *prefixes)
{
	for (; *prefixes; prefixes++)
		if (has_prefix(text, *prefixes))
			fail_msg("a line starts with [%s] in:\n%s", *prefixes, text);
}
#define expect_no_prefix(text, ...) expect_no_prefix_((text), LIST(__VA_ARGS__))

static struct ical_cal_info cal_info(int resource)
{
	struct ical_cal_info c = {"-//followup//test//EN", "Follow-ups", "Rep Name", "rep@example.com",
				  resource, 1793609400 /* 2026-11-02 08:50 UTC */, 9 * 60, 15};
	return c;
}

static char *event(const struct ical_cal_info *cal, const char *uid, int date, int time,
		   const char *summary, const char *desc)
{
	struct ical_event ev = {uid, 3, date, time, summary, desc};
	char err[256] = "";
	char *text = api->event_serialise(cal, &ev, err, sizeof err);

	if (!text)
		fail_msg("event_serialise: %s", err);
	return text;
}

/* An event of the tables below: its day and time, and what its text says. */
struct event_case {
	const char *date;
	int time;		/* minutes, or TIME_NONE */
	const char *lines[4];	/* content lines it has, up to the first NULL */
	const char *absent;	/* a start no content line has, or NULL */
};

/* Each case's event on cal: UID "u", that summary, description "d". */
static void expect_events(const struct ical_cal_info *cal, const char *summary,
			  const struct event_case *cases, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char *t = event(cal, "u", D(cases[i].date), cases[i].time, summary, "d");

		expect_lines_(t, cases[i].lines, sizeof cases[i].lines / sizeof cases[i].lines[0]);
		if (cases[i].absent)
			expect_no_prefix(t, cases[i].absent);
		free(t);
	}
}

static void test_frame_publish_and_resource(void **state)
{
	struct ical_cal_info pub = cal_info(0), res = cal_info(1);
	char *head = NULL, *foot = NULL, err[256] = "";

	(void)state;
	assert_int_equal(api->calendar_frame(&pub, &head, &foot, err, sizeof err), 0);
	assert_true(strncmp(head, "BEGIN:VCALENDAR\r\n", 17) == 0);
	expect_lines(head, "VERSION:2.0", "PRODID:-//followup//test//EN", "CALSCALE:GREGORIAN",
		     "METHOD:PUBLISH", "X-WR-CALNAME:Follow-ups");
	assert_null(strstr(head, "END:VCALENDAR"));
	assert_string_equal(foot, "END:VCALENDAR\r\n");
	free(head);
	free(foot);

	/* A CalDAV resource (SPEC §4): no METHOD, no calendar name. */
	assert_int_equal(api->calendar_frame(&res, &head, &foot, err, sizeof err), 0);
	expect_lines(head, "VERSION:2.0");
	expect_no_prefix(head, "METHOD", "X-WR-CALNAME");
	assert_string_equal(foot, "END:VCALENDAR\r\n");
	free(head);
	free(foot);
}

static void test_all_day_event(void **state)
{
	struct ical_cal_info cal = cal_info(0);
	char *t = event(&cal, "followup-abc-7", D("2026-11-02"), TIME_NONE, "Follow up: Ana — step 2",
			"Phone: 555-0100");
	const char *alarm, *end;
	/* Across a month and a year end, DTEND is the next calendar day. */
	static const struct event_case next_day[] = {
		{"2026-12-31", TIME_NONE, {"DTSTART;VALUE=DATE:20261231", "DTEND;VALUE=DATE:20270101"}, NULL},
		{"2028-02-28", TIME_NONE, {"DTEND;VALUE=DATE:20280229"}, NULL},
	};

	(void)state;
	assert_true(strncmp(t, "BEGIN:VEVENT\r\n", 14) == 0);
	expect_lines(t, "UID:followup-abc-7", "SEQUENCE:3", "DTSTAMP:20261102T085000Z",
		     "DTSTART;VALUE=DATE:20261102", "DTEND;VALUE=DATE:20261103",
		     "SUMMARY:Follow up: Ana — step 2", "DESCRIPTION:Phone: 555-0100",
		     "ORGANIZER;CN=Rep Name:mailto:rep@example.com", "CATEGORIES:followup",
		     "TRANSP:TRANSPARENT");
	/* The alarm: at the configured time of the day, inside the event. */
	alarm = strstr(t, "BEGIN:VALARM\r\n");
	end = strstr(t, "END:VALARM\r\nEND:VEVENT\r\n");
	assert_non_null(alarm);
	assert_non_null(end);
	assert_true(alarm < end);
	expect_lines(alarm, "ACTION:DISPLAY", "TRIGGER:PT9H", "DESCRIPTION:Follow up: Ana — step 2");
	assert_string_equal(end, "END:VALARM\r\nEND:VEVENT\r\n");
	free(t);
	expect_events(&cal, "s", next_day, sizeof next_day / sizeof next_day[0]);
}

static void test_timed_event_is_utc(void **state)
{
	struct ical_cal_info cal = cal_info(0);
	static const struct event_case cases[] = {
		/* 14:30 in New York on 10 November (EST, UTC-5). */
		{"2026-11-10", 14 * 60 + 30,
		 {"DTSTART:20261110T193000Z", "DTEND:20261110T200000Z", "TRIGGER:-PT15M"}, "DTSTART;VALUE=DATE"},
		/* Summer time (EDT, UTC-4), and the DST start day itself. */
		{"2026-07-01", 9 * 60, {"DTSTART:20260701T130000Z"}, NULL},
		{"2026-03-08", 9 * 60, {"DTSTART:20260308T130000Z"}, NULL},
		/* Late evening local is the next UTC day. */
		{"2026-11-10", 23 * 60 + 45, {"DTSTART:20261111T044500Z", "DTEND:20261111T051500Z"}, NULL},
	};

	(void)state;
	expect_events(&cal, "Call", cases, sizeof cases / sizeof cases[0]);
}

static void test_text_escaped_and_folded(void **state)
{
	struct ical_cal_info cal = cal_info(0);
	char desc[1200], *t, *line, *next;
	size_t i;

	(void)state;
	for (i = 0; i < 200; i++)
		memcpy(desc + 2 * i, "\xc3\xa9", 2); /* é, 2 octets */
	desc[400] = '\0';
	t = event(&cal, "u", D("2026-11-02"), TIME_NONE, "pricing; \"Q4\", then demo \\ maybe\nnext", desc);
	assert_true(has_line(t, "SUMMARY:pricing\\; \"Q4\"\\, then demo \\\\ maybe\\nnext"));
	/* Every physical line is at most 75 octets and whole UTF-8. */
	for (line = t; *line; line = next) {
		char *crlf = strstr(line, "\r\n");
		size_t n;
		assert_non_null(crlf);
		n = (size_t)(crlf - line);
		assert_true(n <= 75);
		/* A fold never starts with a continuation octet. */
		if (line != t && line[0] == ' ')
			assert_false((line[1] & 0xC0) == 0x80);
		next = crlf + 2;
	}
	{
		char want[1300];
		snprintf(want, sizeof want, "DESCRIPTION:%s", desc);
		assert_true(has_line(t, want));
	}
	free(t);
}

static void test_cached_parts_follow_the_calendar(void **state)
{
	struct ical_cal_info pub = cal_info(0), res = cal_info(1), other = cal_info(0);
	char *t;
	/* The vdir's resources: no ORGANIZER, whatever was cached before. */
	static const struct event_case resource[] = {
		{"2026-11-02", TIME_NONE, {"CATEGORIES:followup"}, "ORGANIZER"},
	};
	static const struct event_case changed[] = {
		{"2026-11-02", TIME_NONE,
		 {"DTSTAMP:20261103T085000Z", "ORGANIZER;CN=Someone Else:mailto:else@example.com", "TRIGGER:PT8H30M"},
		 NULL},
		{"2026-11-02", 10 * 60, {"TRIGGER:-PT1H"}, NULL},
	};
	/* No organizer name: no CN parameter. */
	static const struct event_case no_name[] = {
		{"2026-11-02", TIME_NONE, {"ORGANIZER:mailto:else@example.com"}, NULL},
	};

	(void)state;
	t = event(&pub, "u", D("2026-11-02"), TIME_NONE, "s", "d");
	assert_true(has_prefix(t, "ORGANIZER"));
	free(t);
	expect_events(&res, "s", resource, 1);
	/* Another export time, rep and alarm settings: all of them change. */
	other.dtstamp += 86400;
	other.organizer_name = "Someone Else";
	other.organizer_email = "else@example.com";
	other.alarm_time = 8 * 60 + 30;
	other.alarm_before = 60;
	expect_events(&other, "s", changed, 2);
	other.organizer_name = NULL;
	expect_events(&other, "s", no_name, 1);
}

/* DTSTART/DTEND and SEQUENCE come from a fixed-size memo of libical's
 * text: past its size (entries replaced), and across a TZ change (a timed
 * event is keyed by its UTC instant), every event still says its own. */
static void test_memo_of_dates_and_sequences(void **state)
{
	struct ical_cal_info cal = cal_info(0);
	struct ical_event ev = {"u", 0, 0, 0, "s", "d"};
	char err[256] = "", want[64], *t;
	int round, i, y, m, d, base = D("2026-01-01");

	(void)state;
	for (round = 0; round < 2; round++)
		for (i = 0; i < 20000; i += round ? 7 : 1) {
			ev.sequence = 1000000 + i;
			ev.date = base + i % 5000;
			ev.time = i % 3 ? TIME_NONE : (i * 7) % 1440;
			t = api->event_serialise(&cal, &ev, err, sizeof err);
			assert_non_null(t);
			snprintf(want, sizeof want, "SEQUENCE:%d", 1000000 + i);
			assert_true(has_line(t, want));
			if (ev.time == TIME_NONE) {
				date_to_ymd(ev.date, &y, &m, &d);
				snprintf(want, sizeof want, "DTSTART;VALUE=DATE:%04d%02d%02d", y, m, d);
				assert_true(has_line(t, want));
				date_to_ymd(ev.date + 1, &y, &m, &d);
				snprintf(want, sizeof want, "DTEND;VALUE=DATE:%04d%02d%02d", y, m, d);
				assert_true(has_line(t, want));
			} else {
				assert_true(has_prefix(t, "DTSTART:"));
				assert_true(has_prefix(t, "DTEND:"));
			}
			free(t);
		}
	/* The same local time in another zone is another instant. */
	for (i = 0; i < 3; i++) {
		static const char *const zone[3][3] = {
			{NULL, "DTSTART:20261110T193000Z", "DTEND:20261110T200000Z"},
			{"UTC", "DTSTART:20261110T143000Z", "DTEND:20261110T150000Z"},
			{"America/New_York", "DTSTART:20261110T193000Z", "DTEND:20261110T200000Z"}};
		if (zone[i][0]) {
			setenv("TZ", zone[i][0], 1);
			tzset();
		}
		t = event(&cal, "u", D("2026-11-10"), 14 * 60 + 30, "Call", "d");
		assert_true(has_line(t, zone[i][1]));
		assert_true(has_line(t, zone[i][2]));
		free(t);
	}
	/* No text: an error, not the previous event's. */
	ev.summary = NULL;
	assert_null(api->event_serialise(&cal, &ev, err, sizeof err));
	assert_string_equal(err, "libical could not serialise an event");
}

static void test_invitation_request_and_cancel(void **state)
{
	struct ical_invite inv = {0, "-//followup//test//EN", "followup-abc-7-appt", 2, 1793609400,
				  0, 14 * 60 + 30, "Call with Ana", "Rep Name", "rep@example.com",
				  "Ana Ruiz", "ana@example.com"};
	char err[256] = "", *t;

	(void)state;
	inv.date = D("2026-11-10");
	t = api->invite_serialise(&inv, err, sizeof err);
	assert_non_null(t);
	assert_true(strncmp(t, "BEGIN:VCALENDAR\r\n", 17) == 0);
	expect_lines(t, "METHOD:REQUEST", "UID:followup-abc-7-appt", "SEQUENCE:2", "DTSTAMP:20261102T085000Z",
		     "DTSTART:20261110T193000Z", "DTEND:20261110T200000Z", "SUMMARY:Call with Ana",
		     "ORGANIZER;CN=Rep Name:mailto:rep@example.com",
		     "ATTENDEE;CN=Ana Ruiz;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:"
		     "mailto:ana@example.com");
	expect_no_prefix(t, "STATUS");
	assert_null(strstr(t, "VALARM"));
	assert_non_null(strstr(t, "END:VEVENT\r\nEND:VCALENDAR\r\n"));
	free(t);

	inv.cancel = 1;
	inv.sequence = 3;
	inv.attendee_name = "";
	t = api->invite_serialise(&inv, err, sizeof err);
	assert_non_null(t);
	expect_lines(t, "METHOD:CANCEL", "STATUS:CANCELLED", "SEQUENCE:3", "UID:followup-abc-7-appt",
		     /* An empty name gives no CN. */
		     "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:ana@example.com");
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_frame_publish_and_resource),
		cmocka_unit_test(test_all_day_event),
		cmocka_unit_test(test_timed_event_is_utc),
		cmocka_unit_test(test_text_escaped_and_folded),
		cmocka_unit_test(test_cached_parts_follow_the_calendar),
		cmocka_unit_test(test_memo_of_dates_and_sequences),
		cmocka_unit_test(test_invitation_request_and_cancel),
	};
	return cmocka_run_group_tests(tests, load_module, NULL);
}
