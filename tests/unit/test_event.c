/*
 * test_event.c - the calendar event builder of followup-ical.so: the
 * VCALENDAR frame, one VEVENT (with the constant parts the module caches
 * between calls) and the iMIP invitation, loaded through the real
 * boundary, icalmod_load().  FOLLOWUP_ICAL_MODULE names the module
 * (default build/followup-ical.so).  Assertions read the text libical
 * wrote, unfolded where a property may be long.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

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

static int D(const char *s)
{
	int d = DATE_NONE;
	assert_int_equal(date_parse_iso(s, &d), 0);
	return d;
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

static void test_frame_publish_and_resource(void **state)
{
	struct ical_cal_info pub = cal_info(0), res = cal_info(1);
	char *head = NULL, *foot = NULL, err[256] = "";

	(void)state;
	assert_int_equal(api->calendar_frame(&pub, &head, &foot, err, sizeof err), 0);
	assert_true(strncmp(head, "BEGIN:VCALENDAR\r\n", 17) == 0);
	assert_true(has_line(head, "VERSION:2.0"));
	assert_true(has_line(head, "PRODID:-//followup//test//EN"));
	assert_true(has_line(head, "CALSCALE:GREGORIAN"));
	assert_true(has_line(head, "METHOD:PUBLISH"));
	assert_true(has_line(head, "X-WR-CALNAME:Follow-ups"));
	assert_null(strstr(head, "END:VCALENDAR"));
	assert_string_equal(foot, "END:VCALENDAR\r\n");
	free(head);
	free(foot);

	/* A CalDAV resource (SPEC §4): no METHOD, no calendar name. */
	assert_int_equal(api->calendar_frame(&res, &head, &foot, err, sizeof err), 0);
	assert_true(has_line(head, "VERSION:2.0"));
	assert_false(has_prefix(head, "METHOD"));
	assert_false(has_prefix(head, "X-WR-CALNAME"));
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

	(void)state;
	assert_true(strncmp(t, "BEGIN:VEVENT\r\n", 14) == 0);
	assert_true(has_line(t, "UID:followup-abc-7"));
	assert_true(has_line(t, "SEQUENCE:3"));
	assert_true(has_line(t, "DTSTAMP:20261102T085000Z"));
	assert_true(has_line(t, "DTSTART;VALUE=DATE:20261102"));
	assert_true(has_line(t, "DTEND;VALUE=DATE:20261103"));
	assert_true(has_line(t, "SUMMARY:Follow up: Ana — step 2"));
	assert_true(has_line(t, "DESCRIPTION:Phone: 555-0100"));
	assert_true(has_line(t, "ORGANIZER;CN=Rep Name:mailto:rep@example.com"));
	assert_true(has_line(t, "CATEGORIES:followup"));
	assert_true(has_line(t, "TRANSP:TRANSPARENT"));
	/* The alarm: at the configured time of the day, inside the event. */
	alarm = strstr(t, "BEGIN:VALARM\r\n");
	end = strstr(t, "END:VALARM\r\nEND:VEVENT\r\n");
	assert_non_null(alarm);
	assert_non_null(end);
	assert_true(alarm < end);
	assert_true(has_line(alarm, "ACTION:DISPLAY"));
	assert_true(has_line(alarm, "TRIGGER:PT9H"));
	assert_true(has_line(alarm, "DESCRIPTION:Follow up: Ana — step 2"));
	assert_string_equal(end, "END:VALARM\r\nEND:VEVENT\r\n");
	free(t);

	/* Across a month and a year end, DTEND is the next calendar day. */
	t = event(&cal, "u", D("2026-12-31"), TIME_NONE, "s", "d");
	assert_true(has_line(t, "DTSTART;VALUE=DATE:20261231"));
	assert_true(has_line(t, "DTEND;VALUE=DATE:20270101"));
	free(t);
	t = event(&cal, "u", D("2028-02-28"), TIME_NONE, "s", "d");
	assert_true(has_line(t, "DTEND;VALUE=DATE:20280229"));
	free(t);
}

static void test_timed_event_is_utc(void **state)
{
	struct ical_cal_info cal = cal_info(0);
	char *t;

	(void)state;
	/* 14:30 in New York on 10 November (EST, UTC-5). */
	t = event(&cal, "u", D("2026-11-10"), 14 * 60 + 30, "Call", "d");
	assert_true(has_line(t, "DTSTART:20261110T193000Z"));
	assert_true(has_line(t, "DTEND:20261110T200000Z"));
	assert_true(has_line(t, "TRIGGER:-PT15M"));
	assert_false(has_prefix(t, "DTSTART;VALUE=DATE"));
	free(t);
	/* Summer time (EDT, UTC-4), and the DST start day itself. */
	t = event(&cal, "u", D("2026-07-01"), 9 * 60, "Call", "d");
	assert_true(has_line(t, "DTSTART:20260701T130000Z"));
	free(t);
	t = event(&cal, "u", D("2026-03-08"), 9 * 60, "Call", "d");
	assert_true(has_line(t, "DTSTART:20260308T130000Z"));
	free(t);
	/* Late evening local is the next UTC day. */
	t = event(&cal, "u", D("2026-11-10"), 23 * 60 + 45, "Call", "d");
	assert_true(has_line(t, "DTSTART:20261111T044500Z"));
	assert_true(has_line(t, "DTEND:20261111T051500Z"));
	free(t);
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

	(void)state;
	t = event(&pub, "u", D("2026-11-02"), TIME_NONE, "s", "d");
	assert_true(has_prefix(t, "ORGANIZER"));
	free(t);
	/* The vdir's resources: no ORGANIZER, whatever was cached before. */
	t = event(&res, "u", D("2026-11-02"), TIME_NONE, "s", "d");
	assert_false(has_prefix(t, "ORGANIZER"));
	assert_true(has_line(t, "CATEGORIES:followup"));
	free(t);
	/* Another export time, rep and alarm settings: all of them change. */
	other.dtstamp += 86400;
	other.organizer_name = "Someone Else";
	other.organizer_email = "else@example.com";
	other.alarm_time = 8 * 60 + 30;
	other.alarm_before = 60;
	t = event(&other, "u", D("2026-11-02"), TIME_NONE, "s", "d");
	assert_true(has_line(t, "DTSTAMP:20261103T085000Z"));
	assert_true(has_line(t, "ORGANIZER;CN=Someone Else:mailto:else@example.com"));
	assert_true(has_line(t, "TRIGGER:PT8H30M"));
	free(t);
	t = event(&other, "u", D("2026-11-02"), 10 * 60, "s", "d");
	assert_true(has_line(t, "TRIGGER:-PT1H"));
	free(t);
	/* No organizer name: no CN parameter. */
	other.organizer_name = NULL;
	t = event(&other, "u", D("2026-11-02"), TIME_NONE, "s", "d");
	assert_true(has_line(t, "ORGANIZER:mailto:else@example.com"));
	free(t);
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
	t = event(&cal, "u", D("2026-11-10"), 14 * 60 + 30, "Call", "d");
	assert_true(has_line(t, "DTSTART:20261110T193000Z"));
	free(t);
	setenv("TZ", "UTC", 1);
	tzset();
	t = event(&cal, "u", D("2026-11-10"), 14 * 60 + 30, "Call", "d");
	assert_true(has_line(t, "DTSTART:20261110T143000Z"));
	assert_true(has_line(t, "DTEND:20261110T150000Z"));
	free(t);
	setenv("TZ", "America/New_York", 1);
	tzset();
	t = event(&cal, "u", D("2026-11-10"), 14 * 60 + 30, "Call", "d");
	assert_true(has_line(t, "DTSTART:20261110T193000Z"));
	free(t);
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
	assert_true(has_line(t, "METHOD:REQUEST"));
	assert_true(has_line(t, "UID:followup-abc-7-appt"));
	assert_true(has_line(t, "SEQUENCE:2"));
	assert_true(has_line(t, "DTSTAMP:20261102T085000Z"));
	assert_true(has_line(t, "DTSTART:20261110T193000Z"));
	assert_true(has_line(t, "DTEND:20261110T200000Z"));
	assert_true(has_line(t, "SUMMARY:Call with Ana"));
	assert_true(has_line(t, "ORGANIZER;CN=Rep Name:mailto:rep@example.com"));
	assert_true(has_line(t, "ATTENDEE;CN=Ana Ruiz;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:"
				"mailto:ana@example.com"));
	assert_false(has_prefix(t, "STATUS"));
	assert_null(strstr(t, "VALARM"));
	assert_non_null(strstr(t, "END:VEVENT\r\nEND:VCALENDAR\r\n"));
	free(t);

	inv.cancel = 1;
	inv.sequence = 3;
	inv.attendee_name = "";
	t = api->invite_serialise(&inv, err, sizeof err);
	assert_non_null(t);
	assert_true(has_line(t, "METHOD:CANCEL"));
	assert_true(has_line(t, "STATUS:CANCELLED"));
	assert_true(has_line(t, "SEQUENCE:3"));
	assert_true(has_line(t, "UID:followup-abc-7-appt"));
	/* An empty name gives no CN. */
	assert_true(has_line(t, "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:"
				"mailto:ana@example.com"));
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
