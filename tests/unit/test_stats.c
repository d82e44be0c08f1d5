/*
 * test_stats.c - the metrics' arithmetic (stats.c) on rows made up here,
 * without a database, and the JSON writer's numbers and strings against
 * SQLite's own printing (json.c must write what SQLite's json_object did:
 * the `stats --format json` bytes did not change when the document moved
 * out of SQL): store_format_real is SQLite's own printf, checked here
 * against sqlite3_mprintf so that a change of either side shows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "followup/json.h"
#include "followup/stats.h"
#include "followup/store.h"

static void add(struct stats *x, enum prospect_status status, unsigned flags, int followups,
		int first_days, int on_time, const int *gaps, size_t ngaps)
{
	static long long id;
	struct stats_prospect p = {++id, status, flags, followups, first_days, on_time, gaps, ngaps};
	stats_add_prospect(x, &p);
}

static void test_empty(void **state)
{
	struct stats x;
	(void)state;
	stats_begin(&x);
	stats_finish(&x);
	assert_int_equal(x.prospects, 0);
	assert_true(isnan(x.conversion));
	assert_true(isnan(x.close_median));
	assert_true(isnan(x.first_on_time));
	assert_true(isnan(x.gap_median_won));
	stats_release(&x);
}

static void test_counts_funnel_and_conversion(void **state)
{
	static const int g1[] = {2, 4}, g2[] = {3}, g3[] = {7, 7, 7, 7};
	struct stats x;
	(void)state;
	stats_begin(&x);
	add(&x, STATUS_WON, FLAG_NEED | FLAG_DECIDER, 3, 1, 1, g1, 2);   /* well, won after 3 */
	add(&x, STATUS_WON, 0, 0, -1, 0, NULL, 0);                         /* won on day 0 */
	add(&x, STATUS_LOST, FLAG_NEED, 1, 2, 0, NULL, 0);                 /* lost after one */
	add(&x, STATUS_LOST, 0, 5, 1, 1, g3, 4);                           /* lost after 5 */
	add(&x, STATUS_ACTIVE, FLAG_ALL, 2, 3, 0, g2, 1);
	stats_finish(&x);
	assert_int_equal(x.prospects, 5);
	assert_int_equal(x.won, 2);
	assert_int_equal(x.lost, 2);
	assert_int_equal(x.active, 1);
	assert_int_equal(x.followed_up, 4);
	assert_int_equal(x.won_followed, 1);
	assert_true(fabs(x.conversion - 0.25) < 1e-12);
	assert_int_equal(x.funnel[0], 4);
	assert_int_equal(x.funnel[1], 3);
	assert_int_equal(x.funnel[2], 2);
	assert_int_equal(x.funnel[4], 1);
	assert_int_equal(x.abandoned[1], 1);
	assert_int_equal(x.abandoned[5], 1);
	assert_true(fabs(x.abandoned_after_one - 0.5) < 1e-12);
	/* Won with 3 and with 0 follow-ups: mean 1.5, median 1.5. */
	assert_true(fabs(x.close_mean - 1.5) < 1e-12);
	assert_true(fabs(x.close_median - 1.5) < 1e-12);
	/* First follow-ups after 1, 2, 1, 3 days; 2 of 4 on time. */
	assert_true(fabs(x.first_days_median - 1.5) < 1e-12);
	assert_true(fabs(x.first_on_time - 0.5) < 1e-12);
	/* Gaps: won 2, 4 (median 3); lost 7 x 4; the active one's not counted. */
	assert_true(fabs(x.gap_median_won - 3) < 1e-12);
	assert_true(fabs(x.gap_median_lost - 7) < 1e-12);
	/* Qualification: well = the first and the active one. */
	assert_int_equal(x.well_n, 2);
	assert_int_equal(x.well_won, 1);
	assert_int_equal(x.well_followed, 2);
	assert_true(fabs(x.well_conversion - 0.5) < 1e-12);
	/* Poor: won on day 0 counts as won but not as a follow-up win. */
	assert_int_equal(x.poor_n, 3);
	assert_int_equal(x.poor_won, 1);
	assert_int_equal(x.poor_won_followed, 0);
	assert_true(fabs(x.poor_conversion - 0.0) < 1e-12);
	stats_release(&x);
}

static void test_touches_by_channel_and_step(void **state)
{
	struct stats x;
	struct stats_touches t[] = {
		{CH_CALL, 0, OUT_CONNECTED, 3}, {CH_CALL, 1, OUT_NO_ANSWER, 5}, {CH_EMAIL, 1, OUT_REPLIED, 2},
		{CH_VISIT, 12, OUT_MEETING, 1}, {CH_OTHER, 10, OUT_NOT_NOW, 4}};
	size_t i;
	(void)state;
	stats_begin(&x);
	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		stats_add_touches(&x, &t[i]);
	stats_finish(&x);
	assert_int_equal(x.channel[CH_CALL].touches, 8);
	assert_int_equal(x.channel[CH_CALL].responses, 3);
	assert_int_equal(x.channel[CH_EMAIL].responses, 2);
	assert_int_equal(x.step[0].touches, 3);
	assert_int_equal(x.step[1].touches, 7);
	assert_int_equal(x.step[1].responses, 2);
	/* Steps 10 and later share the last bucket. */
	assert_int_equal(x.step[STATS_STEPS - 1].touches, 5);
	assert_int_equal(x.step[STATS_STEPS - 1].responses, 1);
	stats_release(&x);
}

static void test_json_document(void **state)
{
	struct stats x;
	char *json;
	(void)state;
	stats_begin(&x);
	add(&x, STATUS_WON, 0, 1, 1, 1, NULL, 0);
	stats_finish(&x);
	x.oldest_id = 7;
	x.oldest_name = strdup("Zo\xc3\xab \"Q\" \\ \t\x01");
	x.oldest_days = 3;
	stats_json(&x, &json);
	assert_non_null(strstr(json, "{\"prospects\":{\"total\":1,\"active\":0,\"won\":1,\"lost\":0},"
				     "\"followed_up\":1,\"conversion_rate\":1.0,"));
	assert_non_null(strstr(json, "\"by_step\":[]"));
	assert_non_null(strstr(json, "\"abandoned_after_one\":null,\"abandoned_after_one_benchmark\":0.44,"));
	assert_non_null(strstr(json, "\"oldest_overdue\":{\"id\":7,\"name\":\"Zo\xc3\xab \\\"Q\\\" \\\\ \\t\\u0001\",\"days\":3}"));
	free(json);
	stats_release(&x);
}

/* Every double the metrics can hold, printed as SQLite prints a REAL. */
static void test_doubles_as_sqlite_prints_them(void **state)
{
	char mine[64], *theirs;
	unsigned long seed = 12345;
	long a, b;
	int i;
	static const double special[] = {0.0, -0.0, 1.0, 2.0, 0.5, 0.44, 0.08, 1.0 / 3, 2.0 / 3, 3.5,
					 1e-5, 5e-5, 1.25e-7, 123456789012345.0, 1e15, 1e16, 0.1 + 0.2};
	(void)state;
	for (i = 0; i < (int)(sizeof special / sizeof special[0]); i++) {
		theirs = sqlite3_mprintf("%!.15g", special[i]);
		assert_string_equal(store_format_real(special[i], mine, sizeof mine), theirs);
		sqlite3_free(theirs);
	}
	/* Ratios a / b and medians (n + m) / 2 of counts up to a million. */
	for (i = 0; i < 20000; i++) {
		double v;
		seed = seed * 6364136223846793005ul + 1442695040888963407ul;
		a = (long)((seed >> 33) % 1000000);
		seed = seed * 6364136223846793005ul + 1442695040888963407ul;
		b = (long)((seed >> 33) % 1000000) + 1;
		v = i % 3 ? (double)a / (double)b : (a + b) / 2.0;
		theirs = sqlite3_mprintf("%!.15g", v);
		store_format_real(v, mine, sizeof mine);
		if (strcmp(mine, theirs))
			print_error("%ld/%ld (%d): json.c %s, SQLite %s\n", a, b, i % 3, mine, theirs), fail();
		sqlite3_free(theirs);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_counts_funnel_and_conversion),
		cmocka_unit_test(test_touches_by_channel_and_step),
		cmocka_unit_test(test_json_document),
		cmocka_unit_test(test_doubles_as_sqlite_prints_them),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
