/*
 * test_date.c - civil-date arithmetic and the DATE parser of SPEC §3.
 * Edge cases first: month ends, leap years, invalid days, garbage.
 */
#include "unit.h"

#include <string.h>

#include "followup/date.h"
#include "followup/err.h"

static void assert_date(int days, const char *want)
{
	char buf[11];
	assert_string_equal(date_format(days, buf), want);
}

static void test_epoch_and_round_trip(void **state)
{
	int d, y, m, dd;
	(void)state;
	assert_int_equal(date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(date_from_ymd(1969, 12, 31), -1);
	for (d = date_from_ymd(1900, 1, 1); d < date_from_ymd(2101, 1, 1); d += 17) {
		date_to_ymd(d, &y, &m, &dd);
		assert_int_equal(date_from_ymd(y, m, dd), d);
	}
}

static void test_weekday(void **state)
{
	(void)state;
	assert_int_equal(date_weekday(D("2026-11-02")), 0); /* Monday */
	assert_int_equal(date_weekday(D("2026-11-06")), 4); /* Friday */
	assert_int_equal(date_weekday(D("2027-01-30")), 5); /* Saturday */
	assert_int_equal(date_weekday(D("1969-12-28")), 6); /* Sunday, negative day */
	assert_string_equal(date_weekday_name(D("2026-11-05")), "Thu");
}

static void test_leap_years(void **state)
{
	(void)state;
	assert_true(date_is_leap(2024));
	assert_true(date_is_leap(2000));
	assert_false(date_is_leap(1900));
	assert_false(date_is_leap(2026));
	assert_int_equal(date_days_in_month(2028, 2), 29);
	assert_int_equal(date_days_in_month(2027, 2), 28);
}

static void test_add_months_clamps(void **state)
{
	(void)state;
	assert_date(date_add_months(D("2027-01-31"), 1), "2027-02-28");
	assert_date(date_add_months(D("2028-01-31"), 1), "2028-02-29");
	assert_date(date_add_months(D("2027-01-31"), 2), "2027-03-31");
	assert_date(date_add_months(D("2027-01-31"), 3), "2027-04-30");
	assert_date(date_add_months(D("2028-02-29"), 12), "2029-02-28");
	assert_date(date_add_months(D("2026-12-30"), 2), "2027-02-28");
	assert_date(date_add_months(D("2026-11-15"), -11), "2025-12-15");
	assert_date(date_add_months(D("2026-03-31"), -1), "2026-02-28");
}

static void test_iso_rejects_invalid(void **state)
{
	/* Digits are read by hand: strings that end early, signs, spaces. */
	static const char *const bad[] = {
		"2026-02-30", "2026-13-01", "2026-00-10", "2026-1-01", "2026-01-01x", "2026-01-0",
		"2026-01", "+026-01-01", "2026-+1-01", " 2026-01-01", "2026-01- 1", "2026/01/01", "",
		NULL, "2027-02-29"};
	size_t i;
	int d;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof *bad; i++)
		if (date_parse_iso(bad[i], &d) != -1)
			fail_msg("date_parse_iso accepted '%s'", bad[i] ? bad[i] : "(null)");
	assert_int_equal(date_parse_iso("2028-02-29", &d), 0);
}

static void test_parse_relative(void **state)
{
	int today = D("2026-11-23"), d; /* a Monday */
	(void)state;
	assert_int_equal(date_parse("today", today, DATE_FUTURE, &d), 0);
	assert_int_equal(d, today);
	assert_int_equal(date_parse("Tomorrow", today, DATE_FUTURE, &d), 0);
	assert_int_equal(d, today + 1);
	assert_int_equal(date_parse("yesterday", today, DATE_PAST, &d), 0);
	assert_int_equal(d, today - 1);
	assert_int_equal(date_parse("+3d", today, DATE_FUTURE, &d), 0);
	assert_int_equal(d, today + 3);
	assert_int_equal(date_parse("-2d", today, DATE_PAST, &d), 0);
	assert_int_equal(d, today - 2);
	assert_int_equal(date_parse("+2w", today, DATE_FUTURE, &d), 0);
	assert_int_equal(d, today + 14);
	assert_int_equal(date_parse("-1w", today, DATE_FUTURE, &d), 0);
	assert_int_equal(d, today - 7);
	assert_int_equal(date_parse("+1m", D("2027-01-31"), DATE_FUTURE, &d), 0);
	assert_date(d, "2027-02-28");
	assert_int_equal(date_parse("-1m", today, DATE_PAST, &d), 0);
	assert_date(d, "2026-10-23");
	assert_int_equal(date_parse(" 2026-12-01 ", today, DATE_FUTURE, &d), 0);
	assert_date(d, "2026-12-01");
}

static void test_parse_weekdays(void **state)
{
	int mon = D("2026-11-23"), d;
	(void)state;
	/* Future sense: the next such day after today, never today. */
	assert_int_equal(date_parse("mon", mon, DATE_FUTURE, &d), 0);
	assert_date(d, "2026-11-30");
	assert_int_equal(date_parse("wed", mon, DATE_FUTURE, &d), 0);
	assert_date(d, "2026-11-25");
	assert_int_equal(date_parse("Sunday", mon, DATE_FUTURE, &d), 0);
	assert_date(d, "2026-11-29");
	/* Past sense: the most recent such day before today. */
	assert_int_equal(date_parse("mon", mon, DATE_PAST, &d), 0);
	assert_date(d, "2026-11-16");
	assert_int_equal(date_parse("fri", mon, DATE_PAST, &d), 0);
	assert_date(d, "2026-11-20");
	assert_int_equal(date_parse("SUN", mon, DATE_PAST, &d), 0);
	assert_date(d, "2026-11-22");
}

static void test_parse_errors_name_the_value(void **state)
{
	int d, today = D("2026-11-23");
	(void)state;
	assert_int_equal(date_parse("2026-02-30", today, DATE_FUTURE, &d), -1);
	assert_int_equal(err_exit_code(), 2);
	assert_non_null(strstr(err_message(), "'2026-02-30'"));
	assert_non_null(strstr(err_message(), "no such day"));
	assert_int_equal(date_parse("2026-13-01", today, DATE_FUTURE, &d), -1);
	assert_int_equal(date_parse("garbage", today, DATE_FUTURE, &d), -1);
	assert_non_null(strstr(err_message(), "'garbage'"));
	assert_int_equal(date_parse("", today, DATE_FUTURE, &d), -1);
	assert_int_equal(date_parse("+d", today, DATE_FUTURE, &d), -1);
	assert_int_equal(date_parse("+3x", today, DATE_FUTURE, &d), -1);
	assert_int_equal(date_parse("+3dd", today, DATE_FUTURE, &d), -1);
	assert_int_equal(date_parse("+99999999d", today, DATE_FUTURE, &d), -1);
	assert_int_equal(date_parse("\x1b[31m", today, DATE_FUTURE, &d), -1);
	assert_null(strchr(err_message(), '\x1b'));
}

/* Regression (found by tests/fuzz/fuzz_date.c): relative words and weekday
 * names at the edge of the range used to leave 1900..9999. */
static void test_relative_results_stay_in_range(void **state)
{
	int d, last = D("9999-12-31"), first = D("1900-01-01");
	(void)state;
	assert_int_equal(date_parse("tomorrow", last, DATE_FUTURE, &d), -1);
	assert_non_null(strstr(err_message(), "out of range"));
	assert_int_equal(date_parse("fri", last, DATE_FUTURE, &d), -1);
	assert_int_equal(date_parse("yesterday", first, DATE_PAST, &d), -1);
	assert_int_equal(date_parse("mon", first, DATE_PAST, &d), -1);
	assert_int_equal(date_parse("today", last, DATE_FUTURE, &d), 0);
	assert_int_equal(d, last);
}

static void test_time(void **state)
{
	int m;
	char buf[6];
	(void)state;
	assert_int_equal(time_parse("09:30", &m), 0);
	assert_int_equal(m, 570);
	assert_int_equal(time_parse("9:05", &m), 0);
	assert_int_equal(m, 545);
	assert_string_equal(time_format(545, buf), "09:05");
	assert_int_equal(time_parse("24:00", &m), -1);
	assert_int_equal(time_parse("12:60", &m), -1);
	assert_int_equal(time_parse("1230", &m), -1);
	assert_int_equal(time_parse("", &m), -1);
}

static void test_format_short(void **state)
{
	char buf[16];
	(void)state;
	assert_string_equal(date_format_short(D("2026-11-05"), buf), "Thu 5 Nov");
}

/* Issue 17: the next-date prompt takes times as people type them. */
static void test_time_loose(void **state)
{
	static const struct {
		const char *in;
		int want; /* minutes, or -1 */
		const char *why;
	} cases[] = {
		{"14:30", 870, NULL}, {"9:00", 540, NULL}, {"14h30", 870, NULL}, {"14h", 840, NULL},
		{"9H05", 545, NULL}, {"2pm", 840, NULL}, {"2:30pm", 870, NULL}, {"2:30 PM", 870, NULL},
		{"12am", 0, NULL}, {"12pm", 720, NULL}, {"11am", 660, NULL}, {"0:00", 0, NULL},
		{"23:59", 1439, NULL},
		{"25:00", -1, "the hour is 0 to 23"}, {"13pm", -1, "the hour is 1 to 12"},
		{"0am", -1, "the hour is 1 to 12"}, {"14:60", -1, "the minutes are 00 to 59"},
		{"14:3", -1, "two digits"}, {"14", -1, "not a time"}, {"noon", -1, "not a time"},
		{"2pmx", -1, "not a time"}, {"", -1, "not a time"}, {"1234:00", -1, "not a time"},
	};
	size_t i;
	int m;
	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		m = -7;
		err_clear();
		if (cases[i].want >= 0) {
			if (time_parse_loose(cases[i].in, &m) != 0 || m != cases[i].want)
				fail_msg("%s: %d (%s)", cases[i].in, m, err_message());
		} else {
			assert_int_equal(time_parse_loose(cases[i].in, &m), -1);
			assert_int_equal(m, -7);
			if (!strstr(err_message(), cases[i].why))
				fail_msg("%s: %s", cases[i].in, err_message());
			assert_non_null(strstr(err_message(), "time '"));
		}
	}
}

/* date_parse_when on Mon 2026-11-02: the text, the result, the day and the
 * time it gives (NULL and ANY_TIME: not checked; "today": 2026-11-02), or
 * what the error says. */
enum { ANY_TIME = -100 };
static const struct when_case {
	const char *text;
	int rc;
	const char *day;
	int time;
	const char *err;
} when_cases[] = {
	{"thu 14:30", 0, "2026-11-05", 870, NULL},
	{"tomorrow 9:00", 0, "2026-11-03", 540, NULL},
	{"thursday 2pm", 0, "2026-11-05", 840, NULL},
	{"thu 2:30 pm", 0, NULL, 870, NULL},
	{"2pm", 0, "today", 840, NULL},
	{" 2026-12-03 14h30 ", 0, "2026-12-03", 870, NULL},
	{"fri", 0, "2026-11-06", TIME_NONE, NULL},
	{"+2w", 0, "2026-11-16", ANY_TIME, NULL},
	/* The wrong part is named: the time, not "invalid date". */
	{"thu 25:00", -1, NULL, ANY_TIME, "time '25:00': the hour is 0 to 23"},
	{"thx 14:30", -1, NULL, ANY_TIME, "invalid date 'thx'"},
	{"", -1, NULL, ANY_TIME, NULL},
	{NULL, -1, NULL, ANY_TIME, NULL},
};

static void test_date_when(void **state)
{
	int today = D("2026-11-02"); /* a Monday */
	size_t i;
	(void)state;
	for (i = 0; i < sizeof when_cases / sizeof when_cases[0]; i++) {
		const struct when_case *c = &when_cases[i];
		const char *text = c->text ? c->text : "(null)";
		/* d and t start as what no case wants: the call must set them. */
		int d = DATE_NONE, t = -7, rc;
		err_clear();
		rc = date_parse_when(c->text, today, &d, &t);
		if (rc != c->rc)
			fail_msg("date_parse_when(\"%s\"): %d, want %d (%s)", text, rc, c->rc, err_message());
		if (c->day && d != (strcmp(c->day, "today") ? D(c->day) : today))
			fail_msg("date_parse_when(\"%s\"): day %d, want %s", text, d, c->day);
		if (c->time != ANY_TIME && t != c->time)
			fail_msg("date_parse_when(\"%s\"): time %d, want %d", text, t, c->time);
		if (c->err && !strstr(err_message(), c->err))
			fail_msg("date_parse_when(\"%s\"): error [%s], want [%s]", text, err_message(), c->err);
	}
}

/* Issue 19: dates as CRMs and spreadsheets write them.  Each case: the
 * text, the order given, the result, the day (when checked) and the hint:
 * NO_HINT passes no hint pointer, ANY_HINT one whose value is not checked. */
enum { NO_HINT = -1, ANY_HINT = -2 };
static const struct crm_case {
	const char *text;
	enum date_order order;
	int rc;
	const char *day;
	int hint;
} crm_cases[] = {
	{"2026-05-17", DATE_ORDER_NONE, 0, "2026-05-17", DATE_ORDER_NONE},
	{"2026-05-17 14:21", DATE_ORDER_NONE, 0, NULL, NO_HINT},
	{"2026-05-17T14:21:33Z", DATE_ORDER_NONE, 0, "2026-05-17", NO_HINT},
	{"2026-05-17x", DATE_ORDER_NONE, -1, NULL, NO_HINT},
	{"2026-02-30", DATE_ORDER_NONE, -1, NULL, NO_HINT},
	/* Slashes: the order decides, or a number over 12 does. */
	{"5/17/2026", DATE_ORDER_NONE, 0, "2026-05-17", DATE_ORDER_MDY},
	{"17/05/2026", DATE_ORDER_NONE, 0, "2026-05-17", DATE_ORDER_DMY},
	{"11/3/2026", DATE_ORDER_NONE, DATE_CRM_AMBIGUOUS, NULL, DATE_ORDER_NONE},
	{"11/3/2026", DATE_ORDER_MDY, 0, "2026-11-03", NO_HINT},
	{"11/3/2026", DATE_ORDER_DMY, 0, "2026-03-11", NO_HINT},
	{"05/06/2026 09:30", DATE_ORDER_DMY, 0, "2026-06-05", NO_HINT},
	/* With an explicit order, a number over 12 where the month goes is no date. */
	{"17/5/2026", DATE_ORDER_MDY, -1, NULL, NO_HINT},
	{"5/17/2026", DATE_ORDER_DMY, -1, NULL, NO_HINT},
	/* Dots and dashes are day first, always. */
	{"17.05.2026", DATE_ORDER_MDY, 0, "2026-05-17", ANY_HINT},
	{"3.11.2026", DATE_ORDER_NONE, 0, "2026-11-03", NO_HINT},
	{"07-05-2026", DATE_ORDER_NONE, 0, "2026-05-07", NO_HINT},
	/* Not real days, two-digit years, junk. */
	{"2/30/2026", DATE_ORDER_MDY, -1, NULL, NO_HINT},
	{"29/2/2027", DATE_ORDER_NONE, -1, NULL, NO_HINT},
	{"29/2/2028", DATE_ORDER_NONE, 0, NULL, NO_HINT},
	{"13/13/2026", DATE_ORDER_NONE, -1, NULL, NO_HINT},
	{"5/17/26", DATE_ORDER_NONE, -1, NULL, NO_HINT},
	{"5/17/20266", DATE_ORDER_NONE, -1, NULL, NO_HINT},
	{"5/17-2026", DATE_ORDER_NONE, -1, NULL, NO_HINT},
	{"0/5/2026", DATE_ORDER_MDY, -1, NULL, NO_HINT},
	{"", DATE_ORDER_NONE, -1, NULL, NO_HINT},
	{NULL, DATE_ORDER_NONE, -1, NULL, NO_HINT},
	{"May 17", DATE_ORDER_NONE, -1, NULL, NO_HINT},
};

static void test_date_crm(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof crm_cases / sizeof crm_cases[0]; i++) {
		const struct crm_case *c = &crm_cases[i];
		/* h starts as another order than the one wanted: the call must set it. */
		enum date_order h = c->hint == DATE_ORDER_NONE ? DATE_ORDER_DMY : DATE_ORDER_NONE;
		int d = 0, rc = date_parse_crm(c->text, c->order, &d, c->hint == NO_HINT ? NULL : &h);
		if (rc != c->rc)
			fail_msg("date_parse_crm(\"%s\", %d): %d, want %d", c->text ? c->text : "(null)", c->order,
				 rc, c->rc);
		if (c->day && d != D(c->day))
			fail_msg("date_parse_crm(\"%s\", %d): day %d, want %s", c->text, c->order, d, c->day);
		if (c->hint >= 0 && (int)h != c->hint)
			fail_msg("date_parse_crm(\"%s\", %d): hint %d, want %d", c->text, c->order, (int)h, c->hint);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_epoch_and_round_trip),
		cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_add_months_clamps),
		cmocka_unit_test(test_iso_rejects_invalid),
		cmocka_unit_test(test_parse_relative),
		cmocka_unit_test(test_parse_weekdays),
		cmocka_unit_test(test_parse_errors_name_the_value),
		cmocka_unit_test(test_relative_results_stay_in_range),
		cmocka_unit_test(test_time),
		cmocka_unit_test(test_format_short),
		cmocka_unit_test(test_time_loose),
		cmocka_unit_test(test_date_when),
		cmocka_unit_test(test_date_crm),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
