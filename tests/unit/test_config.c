/*
 * test_config.c - the hand-written INI reader of SPEC §9: every key, the
 * defaults, comments, and errors naming file, line and key.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "followup/config.h"
#include "followup/date.h"
#include "followup/err.h"

static void test_defaults(void **state)
{
	struct config c;
	(void)state;
	config_init(&c);
	assert_int_equal(c.workdays, 0x1F);
	assert_string_equal(c.cadence, "standard");
	assert_int_equal(c.remind_time, 9 * 60);
	assert_int_equal(c.remind_before, 15);
	assert_int_equal(c.colors, COLOR_AUTO);
	assert_null(c.holiday_calendar);
	assert_int_equal(config_parse_string(&c, "cfg", ""), 0);
	config_release(&c);
}

static void test_spec_example(void **state)
{
	static const char text[] =
		"\xEF\xBB\xBF; a comment\n"
		"[rep]\n"
		"name = Ana Ruiz                 ; ORGANIZER's CN in exports\n"
		"email = ana@example.com         ; ORGANIZER's address\n"
		"\n"
		"[schedule]\n"
		"workdays = mon,tue,wed,thu,fri  ; any subset, in any order\n"
		"holidays = 2026-12-24, 2026-12-25\n"
		"holiday_calendar = ~/.config/followup/holidays.ics\n"
		"                                ; an .ics feed (e.g. a public-holiday\n"
		"                                ; calendar)\n"
		"cadence = standard              ; default cadence for new prospects\n"
		"\n"
		"[reminders]\n"
		"time = 09:00                    ; alarm time for all-day events\n"
		"before = 15                     ; minutes before a timed appointment\n"
		"\n"
		"[colors]\n"
		"enabled = auto                  ; auto | always | never (NO_COLOR wins)\n";
	struct config c;
	char home[64] = "/tmp/fu-config.XXXXXX", path[160];
	FILE *f;
	int d;
	(void)state;
	assert_non_null(mkdtemp(home));
	setenv("HOME", home, 1);
	config_init(&c);
	/* The feed must exist: a missing one is a bad value (next test). */
	assert_int_equal(config_parse_string(&c, "cfg", text), -1);
	assert_non_null(strstr(err_message(), "cfg:9: schedule.holiday_calendar"));
	config_release(&c);
	snprintf(path, sizeof path, "%s/.config", home);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/.config/followup", home);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/.config/followup/holidays.ics", home);
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	config_init(&c);
	assert_int_equal(config_parse_string(&c, "cfg", text), 0);
	assert_string_equal(c.rep_name, "Ana Ruiz");
	assert_string_equal(c.rep_email, "ana@example.com");
	assert_int_equal(c.workdays, 0x1F);
	assert_int_equal(c.nholidays, 2);
	date_parse_iso("2026-12-25", &d);
	assert_int_equal(c.holidays[1], d);
	assert_string_equal(c.holiday_calendar, path);
	config_release(&c);
	unlink(path);
}

static void test_workdays_any_order(void **state)
{
	struct config c;
	(void)state;
	config_init(&c);
	assert_int_equal(config_parse_string(&c, "cfg", "[schedule]\nworkdays = sun, Sat,mon\n"), 0);
	assert_int_equal(c.workdays, (1u << 6) | (1u << 5) | 1u);
	config_release(&c);
}

static void test_long_holiday_line(void **state)
{
	char text[4096] = "[schedule]\nholidays = ";
	struct config c;
	int i;
	(void)state;
	for (i = 1; i <= 28; i++)
		snprintf(text + strlen(text), sizeof text - strlen(text), "%s2027-02-%02d",
			 i > 1 ? ", " : "", i);
	strcat(text, "\n");
	config_init(&c);
	assert_int_equal(config_parse_string(&c, "cfg", text), 0);
	assert_int_equal(c.nholidays, 28);
	config_release(&c);
}

/* Each bad input: exit 2, message names file:line and the key. */
static void expect_error(const char *text, const char *want)
{
	struct config c;
	config_init(&c);
	assert_int_equal(config_parse_string(&c, "/x/config", text), -1);
	assert_int_equal(err_exit_code(), 2);
	if (!strstr(err_message(), want))
		fail_msg("message '%s' lacks '%s'", err_message(), want);
	config_release(&c);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("[schedule]\nworkdays =\n", "/x/config:2: schedule.workdays");
	expect_error("[schedule]\nworkdays = mon,funday\n", "'funday'");
	expect_error("[schedule]\nbogus = 1\n", "/x/config:2: schedule.bogus: unknown key");
	expect_error("[nope]\n", "/x/config:1: nope: unknown section");
	expect_error("name = x\n", "key outside a section");
	expect_error("[schedule]\nholidays = 2026-02-30\n", "'2026-02-30'");
	expect_error("[reminders]\ntime = 25:00\n", "reminders.time");
	expect_error("[reminders]\nbefore = -5\n", "reminders.before");
	expect_error("[reminders]\nbefore = 5m\n", "reminders.before");
	expect_error("[colors]\nenabled = sometimes\n", "colors.enabled");
	expect_error("[rep]\nemail = not-an-address\n", "rep.email");
	expect_error("[rep\n", "malformed section");
	expect_error("[rep]\njust text\n", "expected key = value");
	expect_error("\n\n[schedule]\ncadence =\n", "/x/config:4: schedule.cadence");
	/* Regression (tests/fuzz/fuzz_config.c): the key is user text too. */
	expect_error("[rep]\n\x1b[31mname = x\n", "rep.?[31mname: unknown key");
	expect_error("[\x1b]52;c;ZXZpbA==\x07]\n", "[?]52;c;ZXZpbA==?]: malformed section");
	expect_error("[mail]\nsendmail =\n", "/x/config:2: mail.sendmail: empty command");
	expect_error("[phone]\ndial = xdg-open tel:\n", "phone.dial: 'xdg-open tel:': names no {phone}");
	expect_error("[tui]\nmouse = yes\n", "tui.mouse: 'yes': expected on or off");
	expect_error("[mail]\nsmtp = x\n", "mail.smtp: unknown key");
}

/* SPEC §9's keys for scripts, mail, dialling and the mouse. */
static void test_rep_mail_phone_tui(void **state)
{
	static const char text[] =
		"[rep]\ncompany = Acme Analytics\nphone = +1 555 0100\n"
		"[mail]\nsendmail = msmtp -t\nmaildir = ~/Mail/drafts\n"
		"[phone]\ndial = xdg-open tel:{phone}\n[tui]\nmouse = on\n";
	struct config c;
	(void)state;
	setenv("HOME", "/home/ana", 1);
	config_init(&c);
	assert_string_equal(c.sendmail, "sendmail -t -oi");
	assert_null(c.dial);
	assert_int_equal(c.mouse, 0);
	assert_int_equal(config_parse_string(&c, "cfg", text), 0);
	assert_string_equal(c.rep_company, "Acme Analytics");
	assert_string_equal(c.rep_phone, "+1 555 0100");
	assert_string_equal(c.sendmail, "msmtp -t");
	assert_string_equal(c.maildir, "/home/ana/Mail/drafts");
	assert_string_equal(c.dial, "xdg-open tel:{phone}");
	assert_int_equal(c.mouse, 1);
	config_release(&c);
}

static void test_missing_default_is_fine_explicit_is_not(void **state)
{
	struct config c;
	(void)state;
	setenv("XDG_CONFIG_HOME", "/nonexistent-followup-test", 1);
	config_init(&c);
	assert_int_equal(config_load(&c, NULL), 0);
	assert_int_equal(config_load(&c, "/nonexistent-followup-test/config"), -1);
	assert_int_equal(err_exit_code(), 2);
	config_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_spec_example),
		cmocka_unit_test(test_workdays_any_order),
		cmocka_unit_test(test_long_holiday_line),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_rep_mail_phone_tui),
		cmocka_unit_test(test_missing_default_is_fine_explicit_is_not),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
