/*
 * test_cadence.c - SPEC §2 rules 1-8 on the pure engine: the worked
 * example, month-end clamping, workday moves, merged steps, lateness,
 * out-of-order touches, explicit dates, finite cadences, and a calendar
 * with no workday.
 */
#include "unit.h"

#include <string.h>

#include "followup/cadence.h"
#include "followup/date.h"
#include "followup/err.h"
#include "followup/workcal.h"

static void assert_date(int days, const char *want)
{
	char buf[11];
	assert_int_not_equal(days, DATE_NONE);
	assert_string_equal(date_format(days, buf), want);
}

static struct cadence standard(void)
{
	struct cadence c;
	assert_int_equal(cadence_parse(&c, "standard", "1,3,7,14,28,58", "monthly"), 0);
	return c;
}

/* Due date after touches given as ISO strings (NULL-terminated). */
static struct schedule run(const struct cadence *c, const struct workcal *wc,
			   const char *d0, const char *const *touches)
{
	int dates[64];
	size_t n = 0;
	struct schedule s;

	while (touches && touches[n])
		dates[n] = D(touches[n]), n++;
	assert_int_equal(schedule_compute(c, wc, STATUS_ACTIVE, D(d0), dates, n,
					  DATE_NONE, TIME_NONE, &s), 0);
	return s;
}

static void test_worked_example(void **state)
{
	struct cadence c = standard();
	struct workcal wc;
	struct schedule s;
	(void)state;
	workcal_init(&wc);

	s = run(&c, &wc, "2026-11-02", NULL);
	assert_date(s.due, "2026-11-03");
	assert_int_equal(s.step, 1);
	assert_int_equal(s.kind, DUE_CADENCE);

	s = run(&c, &wc, "2026-11-02", (const char *[]){"2026-11-03", NULL});
	assert_date(s.due, "2026-11-05");
	assert_int_equal(s.step, 2);

	/* 15 days late: the rest of the cadence moves back by 15. */
	s = run(&c, &wc, "2026-11-02", (const char *[]){"2026-11-03", "2026-11-20", NULL});
	assert_date(s.due, "2026-11-24");
	assert_int_equal(s.step, 3);

	s = run(&c, &wc, "2026-11-02",
		(const char *[]){"2026-11-03", "2026-11-20", "2026-11-24", NULL});
	assert_date(s.due, "2026-12-01");
	assert_int_equal(s.step, 4);
	workcal_release(&wc);
}

static void test_on_time_reaches_monthly_tail(void **state)
{
	struct cadence c = standard();
	struct workcal wc;
	struct schedule s;
	const char *h[] = {"2026-11-03", "2026-11-05", "2026-11-09", "2026-11-16",
			   "2026-11-30", "2026-12-30", "2027-02-01", NULL};
	(void)state;
	workcal_init(&wc);

	h[5] = NULL;
	s = run(&c, &wc, "2026-11-02", h);
	assert_date(s.due, "2026-12-30");
	assert_int_equal(s.step, 6);
	h[5] = "2026-12-30";
	h[6] = NULL;
	s = run(&c, &wc, "2026-11-02", h);
	assert_date(s.due, "2027-02-01"); /* Jan 30 is a Saturday */
	assert_int_equal(s.step, 7);
	h[6] = "2027-02-01";
	s = run(&c, &wc, "2026-11-02", h);
	assert_date(s.due, "2027-03-01"); /* Feb 28 clamped, a Sunday */
	assert_int_equal(s.step, 8);
	workcal_release(&wc);
}

static void test_monthly_tail_from_a_m_not_chained(void **state)
{
	struct cadence c;
	(void)state;
	/* A_m = Jan 31: Feb 28, Mar 31, Apr 30 (not Mar 28 by chaining). */
	assert_int_equal(cadence_parse(&c, "m", "30", "monthly"), 0);
	assert_date(cadence_step_date(&c, D("2027-01-01"), 1), "2027-01-31");
	assert_date(cadence_step_date(&c, D("2027-01-01"), 2), "2027-02-28");
	assert_date(cadence_step_date(&c, D("2027-01-01"), 3), "2027-03-31");
	assert_date(cadence_step_date(&c, D("2027-01-01"), 4), "2027-04-30");
	/* Leap year: Feb 29. */
	assert_date(cadence_step_date(&c, D("2028-01-01"), 2), "2028-02-29");
	assert_date(cadence_step_date(&c, D("2028-01-01"), 0), "2028-01-01");
}

static void test_every_and_finite_tails(void **state)
{
	struct cadence c;
	struct workcal wc;
	struct schedule s;
	(void)state;
	workcal_init(&wc);
	assert_int_equal(cadence_parse(&c, "nurture", "7,30,90", "every:90"), 0);
	assert_date(cadence_step_date(&c, D("2026-01-01"), 4), "2026-06-30");
	assert_date(cadence_step_date(&c, D("2026-01-01"), 5), "2026-09-28");

	assert_int_equal(cadence_parse(&c, "short", "2,5", "none"), 0);
	assert_int_equal(cadence_step_date(&c, D("2026-11-02"), 3), DATE_NONE);
	s = run(&c, &wc, "2026-11-02", (const char *[]){"2026-11-04", NULL});
	assert_date(s.due, "2026-11-09"); /* Day 5 is Saturday 11-07 */
	s = run(&c, &wc, "2026-11-02", (const char *[]){"2026-11-04", "2026-11-09", NULL});
	assert_int_equal(s.kind, DUE_NONE);
	assert_int_equal(s.due, DATE_NONE);
	assert_int_equal(s.no_next_step, 1);
	/* Further touches after completion keep it complete. */
	s = run(&c, &wc, "2026-11-02",
		(const char *[]){"2026-11-04", "2026-11-09", "2026-11-10", NULL});
	assert_int_equal(s.no_next_step, 1);
	workcal_release(&wc);
}

static void test_friday_day0_steps_merge(void **state)
{
	struct cadence c = standard();
	struct workcal wc;
	struct schedule s;
	(void)state;
	workcal_init(&wc);
	s = run(&c, &wc, "2026-11-06", NULL);
	assert_date(s.due, "2026-11-09"); /* Day 1 (Sat) and Day 3 (Mon) both Monday */
	s = run(&c, &wc, "2026-11-06", (const char *[]){"2026-11-09", NULL});
	assert_date(s.due, "2026-11-10"); /* after the last touch */
	s = run(&c, &wc, "2026-11-06", (const char *[]){"2026-11-09", "2026-11-10", NULL});
	assert_date(s.due, "2026-11-13"); /* still Day 7 */
	workcal_release(&wc);
}

static void test_order_and_duplicates_do_not_matter(void **state)
{
	struct cadence c = standard();
	struct workcal wc;
	struct schedule a, b;
	(void)state;
	workcal_init(&wc);
	a = run(&c, &wc, "2026-11-02",
		(const char *[]){"2026-11-03", "2026-11-20", "2026-11-24", NULL});
	b = run(&c, &wc, "2026-11-02",
		(const char *[]){"2026-11-24", "2026-11-03", "2026-11-20", "2026-11-03",
				 "2026-11-02", "2026-11-24", NULL});
	assert_int_equal(a.due, b.due);
	assert_int_equal(a.step, b.step);
	workcal_release(&wc);
}

static void test_early_touch_keeps_cadence_days(void **state)
{
	struct cadence c = standard();
	struct workcal wc;
	struct schedule s;
	(void)state;
	workcal_init(&wc);
	/* Step 2 done early on Wed 11-04 (due Thu 11-05): step 3 stays Mon 11-09. */
	s = run(&c, &wc, "2026-11-02", (const char *[]){"2026-11-03", "2026-11-04", NULL});
	assert_date(s.due, "2026-11-09");
	workcal_release(&wc);
}

static void test_very_late_is_due_once(void **state)
{
	struct cadence c = standard();
	struct workcal wc;
	struct schedule s;
	(void)state;
	workcal_init(&wc);
	/* No touch for months: still step 1, due on its first date. */
	s = run(&c, &wc, "2026-01-05", NULL);
	assert_date(s.due, "2026-01-06");
	assert_int_equal(s.step, 1);
	/* One touch 200 days late: step 2 keeps the 2-day spacing. */
	s = run(&c, &wc, "2026-01-05", (const char *[]){"2026-07-24", NULL});
	assert_date(s.due, "2026-07-27"); /* 07-24 is a Friday; +2 = Sunday -> Monday */
	workcal_release(&wc);
}

static void test_holidays_and_time_off_move_due(void **state)
{
	struct cadence c = standard();
	struct workcal wc;
	struct schedule s;
	int hol[] = {D("2026-11-03"), D("2026-11-04")};
	(void)state;
	workcal_init(&wc);
	workcal_add_holidays(&wc, hol, 2);
	s = run(&c, &wc, "2026-11-02", NULL);
	assert_date(s.due, "2026-11-05");
	workcal_add_away(&wc, D("2026-11-05"), D("2026-11-10"));
	s = run(&c, &wc, "2026-11-02", NULL);
	assert_date(s.due, "2026-11-11");
	assert_false(workcal_is_workday(&wc, D("2026-11-10")));
	assert_true(workcal_is_workday(&wc, D("2026-11-11")));
	workcal_release(&wc);
}

static void test_custom_workdays(void **state)
{
	struct cadence c = standard();
	struct workcal wc;
	struct schedule s;
	(void)state;
	workcal_init(&wc);
	wc.weekmask = (1u << 6) | (1u << 0); /* Sunday and Monday only */
	s = run(&c, &wc, "2026-11-02", NULL);
	assert_date(s.due, "2026-11-08");
	workcal_release(&wc);
}

static void test_no_workday_is_an_error(void **state)
{
	struct cadence c = standard();
	struct workcal wc;
	struct schedule s;
	int d;
	(void)state;
	workcal_init(&wc);
	wc.weekmask = 0;
	assert_int_equal(workcal_next(&wc, D("2026-11-02"), &d), -1);
	assert_int_equal(err_exit_code(), 1);
	assert_int_equal(schedule_compute(&c, &wc, STATUS_ACTIVE, D("2026-11-02"), NULL, 0,
					  DATE_NONE, TIME_NONE, &s), -1);
	/* Only weekdays off, but time off covering the whole search window. */
	wc.weekmask = 0x1F;
	workcal_add_away(&wc, D("2026-11-01"), D("2027-11-05"));
	assert_int_equal(workcal_next(&wc, D("2026-11-02"), &d), -1);
	workcal_release(&wc);
}

static void test_explicit_and_status(void **state)
{
	struct cadence c = standard();
	struct workcal wc;
	struct schedule s;
	(void)state;
	workcal_init(&wc);
	/* An explicit date on a Saturday is used as given. */
	assert_int_equal(schedule_compute(&c, &wc, STATUS_ACTIVE, D("2026-11-02"), NULL, 0,
					  D("2026-11-07"), 14 * 60, &s), 0);
	assert_date(s.due, "2026-11-07");
	assert_int_equal(s.due_time, 14 * 60);
	assert_int_equal(s.kind, DUE_EXPLICIT);
	assert_int_equal(s.step, 0);
	/* Won and lost are never due, explicit date or not. */
	assert_int_equal(schedule_compute(&c, &wc, STATUS_WON, D("2026-11-02"), NULL, 0,
					  D("2026-11-07"), TIME_NONE, &s), 0);
	assert_int_equal(s.kind, DUE_NONE);
	assert_int_equal(schedule_compute(&c, &wc, STATUS_LOST, D("2026-11-02"), NULL, 0,
					  DATE_NONE, TIME_NONE, &s), 0);
	assert_int_equal(s.due, DATE_NONE);
	workcal_release(&wc);
}

static void test_cadence_parse_errors(void **state)
{
	struct cadence c;
	char buf[64];
	(void)state;
	assert_int_equal(cadence_parse(&c, "x", "1,3,3", "monthly"), -1);
	assert_non_null(strstr(err_message(), "strictly increasing"));
	assert_int_equal(cadence_parse(&c, "x", "3,1", NULL), -1);
	assert_int_equal(cadence_parse(&c, "x", "0,1", NULL), -1);
	assert_int_equal(cadence_parse(&c, "x", "", NULL), -1);
	assert_int_equal(cadence_parse(&c, "x", "1,,3", NULL), -1);
	assert_int_equal(cadence_parse(&c, "x", "1,a", NULL), -1);
	assert_int_equal(cadence_parse(&c, "x", "1,3", "weekly"), -1);
	assert_int_equal(cadence_parse(&c, "x", "1,3", "every:0"), -1);
	assert_int_equal(cadence_parse(&c, "x", "1,3", "every:"), -1);
	assert_int_equal(cadence_parse(&c, "bad name", "1,3", NULL), -1);
	assert_int_equal(cadence_parse(&c, "", "1,3", NULL), -1);
	assert_int_equal(cadence_parse(&c, "ok-1", " 7, 30 ,90", "every:90"), 0);
	assert_string_equal(cadence_format_offsets(&c, buf, sizeof buf), "7,30,90");
	assert_string_equal(cadence_format_tail(&c, buf, sizeof buf), "every:90");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_worked_example),
		cmocka_unit_test(test_on_time_reaches_monthly_tail),
		cmocka_unit_test(test_monthly_tail_from_a_m_not_chained),
		cmocka_unit_test(test_every_and_finite_tails),
		cmocka_unit_test(test_friday_day0_steps_merge),
		cmocka_unit_test(test_order_and_duplicates_do_not_matter),
		cmocka_unit_test(test_early_touch_keeps_cadence_days),
		cmocka_unit_test(test_very_late_is_due_once),
		cmocka_unit_test(test_holidays_and_time_off_move_due),
		cmocka_unit_test(test_custom_workdays),
		cmocka_unit_test(test_no_workday_is_an_error),
		cmocka_unit_test(test_explicit_and_status),
		cmocka_unit_test(test_cadence_parse_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
