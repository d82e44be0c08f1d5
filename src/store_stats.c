/*
 * store_stats.c - the metrics of SPEC §6 from the columns recompute()
 * keeps (store_stats, store_stats_json).
 */
#include "store_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "followup/date.h"
#include "followup/util.h"
#include "followup/workcal.h"

/* ---- metrics (SPEC §6) ------------------------------------------------ */

/*
 * SPEC §6 counts follow-up k as the k-th distinct touch date after day 0.
 * due_recompute() keeps that number on every touch (touch.step), the days from
 * the follow-up date before on the first touch of each date (touch.gap) and
 * each prospect's count and the days to its first (prospect.fu_count,
 * first_fu_days), so
 * each figure here is one aggregate over indexed columns: window functions
 * over every touch, at each call, took 2.7 s for 500,000 touches.
 * :from and :to select prospects by day 0.
 */
#define STATS_RANGE "p.first_contact >= :from AND p.first_contact <= :to "
static void stats_bind(sqlite3_stmt *s, int from, int to)
{
	db_bind_text(s, ":from", "0000-00-00");
	db_bind_text(s, ":to", "9999-99-99");
	if (from != DATE_NONE)
		db_bind_date(s, ":from", from);
	if (to != DATE_NONE)
		db_bind_date(s, ":to", to);
}

static double ratio(long long a, long long b)
{
	return b ? (double)a / (double)b : NAN;
}

/* A histogram of small values >= 0, counted as the prospects stream by. */
struct hist {
	long long *cnt, sum, total;
	size_t n;
};

static void hist_add(struct hist *h, long long v)
{
	if (v < 0)
		v = 0; /* follow-ups come after day 0: never */
	if ((size_t)v >= h->n) {
		size_t n = (size_t)v + 64;
		h->cnt = xrealloc(h->cnt, n * sizeof *h->cnt);
		memset(h->cnt + h->n, 0, (n - h->n) * sizeof *h->cnt);
		h->n = n;
	}
	h->cnt[v]++;
	h->sum += v;
	h->total++;
}

/* The median of a histogram; NAN when it is empty. */
static double hist_median(const struct hist *h)
{
	long long seen = 0, lo = -1, hi = -1;
	size_t i;

	if (!h->total)
		return NAN;
	for (i = 0; i < h->n; i++) {
		/* 0-based positions (total - 1) / 2 and total / 2. */
		if (lo < 0 && seen + h->cnt[i] > (h->total - 1) / 2)
			lo = (long long)i;
		if (hi < 0 && seen + h->cnt[i] > h->total / 2)
			hi = (long long)i;
		seen += h->cnt[i];
	}
	return (lo + hi) / 2.0;
}

int store_stats(struct store *st, int from, int to, struct stats *out)
{
	static const char per_sql[] =
		"SELECT p.status, p.flags, p.first_contact, p.fu_count, p.first_fu_days, p.id "
		"FROM prospect p WHERE " STATS_RANGE "ORDER BY p.id";
	/* Every gap in prospect order, over the covering index touch_gap:
	 * merged with the prospect pass above, which knows each one's status
	 * and range.  (A query per status, each listing its prospects and
	 * seeking their gaps, took half of `stats`.) */
	static const char gaps_sql[] =
		"SELECT t.prospect_id, t.gap FROM touch t WHERE t.gap IS NOT NULL ORDER BY t.prospect_id";
	/* Touches by channel, follow-up step and outcome in one pass; for
	 * every prospect, in the order of the covering index touch_kind, so
	 * each row only counts (classifying outcomes here took twice as long). */
#define TOUCH_COUNTS "SELECT t.channel, t.step, t.outcome, count(*) FROM touch t "
	static const char touch_all_sql[] = TOUCH_COUNTS "GROUP BY 1, 2, 3";
	static const char touch_sql[] = TOUCH_COUNTS "WHERE t.prospect_id IN (SELECT p.id FROM "
		"prospect p WHERE " STATS_RANGE ") GROUP BY 1, 2, 3";
#undef TOUCH_COUNTS
	static const char overdue_sql[] =
		"SELECT count(*), min(due) FROM prospect WHERE due IS NOT NULL AND due < :today "
		"AND first_contact >= :from AND first_contact <= :to";
	static const char oldest_sql[] =
		"SELECT id, name, due FROM prospect WHERE due IS NOT NULL AND due < :today "
		"AND first_contact >= :from AND first_contact <= :to "
		"ORDER BY due, name COLLATE NOCASE, id LIMIT 1";
	static const char undecided_sql[] =
		"SELECT count(*) FROM prospect WHERE complete = 1 AND first_contact >= :from "
		"AND first_contact <= :to";
	static const char *const channels[5] = {"call", "email", "chat", "visit", "other"};
	sqlite3_stmt *s, *g;
	long long first_n = 0, on_time = 0, won_fu = 0, lost_one = 0, well_won_fu = 0, poor_won_fu = 0;
	long long gap_pid = 0;
	/* Follow-ups of won prospects, days to the first follow-up, the gaps
	 * of won and of lost prospects. */
	struct hist close = {0}, firsts = {0}, gaps_won = {0}, gaps_lost = {0};
	int r, gr, i;

	memset(out, 0, sizeof *out);
	if (due_load_calendar(st) < 0 || !(g = db_prep(st, gaps_sql)))
		return -1;
	if ((gr = db_row(st, g)) == 1)
		gap_pid = sqlite3_column_int64(g, 0);
	if (gr < 0 || !(s = db_prep(st, per_sql))) {
		sqlite3_reset(g);
		return -1;
	}
	stats_bind(s, from, to);
	while ((r = db_row(st, s)) == 1) {
		const char *status = db_col_text(s, 0);
		unsigned flags = (unsigned)sqlite3_column_int(s, 1);
		int d0 = db_col_date(s, 2), w, nf = 0;
		int first = sqlite3_column_type(s, 4) == SQLITE_NULL ? DATE_NONE : d0 + sqlite3_column_int(s, 4);
		long long n = sqlite3_column_int64(s, 3), id = sqlite3_column_int64(s, 5);
		int won = !strcmp(status, "won"), lost = !strcmp(status, "lost");

		/* This prospect's gaps, skipping those of prospects out of range. */
		for (; gr == 1 && gap_pid <= id; gap_pid = gr == 1 ? sqlite3_column_int64(g, 0) : 0) {
			if (gap_pid == id && (won || lost))
				hist_add(won ? &gaps_won : &gaps_lost, sqlite3_column_int64(g, 1));
			gr = db_row(st, g);
		}
		if (gr < 0) {
			sqlite3_reset(s);
			r = -1;
			break;
		}

		for (i = 0; i < 4; i++)
			nf += !!(flags & (1u << i));
		out->prospects++;
		out->won += won;
		out->lost += lost;
		out->active += !won && !lost;
		if (n) {
			out->followed_up++;
			won_fu += won;
		}
		for (i = 0; i < 5; i++)
			if (n >= i + 1)
				out->funnel[i]++;
		if (lost) {
			out->abandoned[n > 5 ? 5 : n]++;
			lost_one += n == 1;
		}
		if (nf >= 2) {
			out->well_n++;
			out->well_won += won;
			out->well_followed += n > 0;
			well_won_fu += won && n > 0;
		} else {
			out->poor_n++;
			out->poor_won += won;
			out->poor_followed += n > 0;
			poor_won_fu += won && n > 0;
		}
		if (won)
			hist_add(&close, n);
		if (first != DATE_NONE) {
			hist_add(&firsts, first - d0);
			first_n++;
			/* The 24-hour rule in dates: by the first workday after day 0. */
			if (workcal_next(&st->wc, d0 + 1, &w) < 0) {
				sqlite3_reset(s);
				r = -1;
				break;
			}
			on_time += first <= w;
		}
	}
	out->close_median = hist_median(&close);
	out->close_mean = close.total ? (double)close.sum / (double)close.total : NAN;
	out->first_days_median = hist_median(&firsts);
	out->gap_median_won = hist_median(&gaps_won);
	out->gap_median_lost = hist_median(&gaps_lost);
	free(close.cnt);
	free(firsts.cnt);
	free(gaps_won.cnt);
	free(gaps_lost.cnt);
	if (gr == 1)
		sqlite3_reset(g);
	if (r < 0)
		return -1;
	out->won_followed = won_fu;
	out->well_won_followed = well_won_fu;
	out->poor_won_followed = poor_won_fu;
	out->conversion = ratio(won_fu, out->followed_up);
	out->abandoned_after_one = ratio(lost_one, out->lost);
	out->reached_five = ratio(out->funnel[4], out->prospects);
	out->first_on_time = ratio(on_time, first_n);
	/* As the overall rate: won after at least one follow-up. */
	out->well_conversion = ratio(well_won_fu, out->well_followed);
	out->poor_conversion = ratio(poor_won_fu, out->poor_followed);

	if (from == DATE_NONE && to == DATE_NONE) {
		if (!(s = db_prep(st, touch_all_sql)))
			return -1;
	} else {
		if (!(s = db_prep(st, touch_sql)))
			return -1;
		stats_bind(s, from, to);
	}
	while ((r = db_row(st, s)) == 1) {
		int k = sqlite3_column_int(s, 1);
		if (k > STATS_STEPS - 1)
			k = STATS_STEPS - 1; /* the last is "10+" */
		const char *outcome = db_col_text(s, 2);
		long long touches = sqlite3_column_int64(s, 3);
		long long responses = !strcmp(outcome, "connected") || !strcmp(outcome, "replied") ||
				      !strcmp(outcome, "meeting") ? touches : 0;
		for (i = 0; i < 5; i++)
			if (!strcmp(db_col_text(s, 0), channels[i])) {
				out->channel[i].touches += touches;
				out->channel[i].responses += responses;
			}
		if (k >= 0 && k < STATS_STEPS) {
			out->step[k].touches += touches;
			out->step[k].responses += responses;
		}
	}
	if (r < 0 || !(s = db_prep(st, overdue_sql)))
		return -1;
	stats_bind(s, from, to);
	db_bind_date(s, ":today", st->today);
	if (db_row(st, s) != 1)
		return -1;
	out->overdue = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (!(s = db_prep(st, oldest_sql)))
		return -1;
	stats_bind(s, from, to);
	db_bind_date(s, ":today", st->today);
	if ((r = db_row(st, s)) < 0)
		return -1;
	if (r == 1) {
		out->oldest_id = sqlite3_column_int64(s, 0);
		out->oldest_name = xstrdup(db_col_text(s, 1));
		out->oldest_days = st->today - db_col_date(s, 2);
		sqlite3_reset(s);
	}
	if (!(s = db_prep(st, undecided_sql)))
		return -1;
	stats_bind(s, from, to);
	if (db_row(st, s) != 1)
		return -1;
	out->undecided = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return 0;
}

int store_stats_json(struct store *st, const struct stats *x, char **json)
{
	static const char sql[] =
		"SELECT json_object("
		"'prospects', json_object('total', :total, 'active', :active, 'won', :won, 'lost', :lost), "
		"'followed_up', :followed, 'conversion_rate', :conv, "
		"'followups_to_close', json_object('mean', :cmean, 'median', :cmedian), "
		"'response_rate', json_object('by_channel', json_object("
		"'call', json_object('touches', :c0t, 'responses', :c0r, 'rate', :c0x), "
		"'email', json_object('touches', :c1t, 'responses', :c1r, 'rate', :c1x), "
		"'chat', json_object('touches', :c2t, 'responses', :c2r, 'rate', :c2x), "
		"'visit', json_object('touches', :c3t, 'responses', :c3r, 'rate', :c3x), "
		"'other', json_object('touches', :c4t, 'responses', :c4r, 'rate', :c4x)), "
		"'by_step', json(:steps)), "
		"'funnel', json_object('reached', json_object('1', :f1, '2', :f2, '3', :f3, '4', :f4, '5+', :f5), "
		"'lost_abandoned_at', json_object('0', :a0, '1', :a1, '2', :a2, '3', :a3, '4', :a4, '5+', :a5), "
		"'abandoned_after_one', :after1, 'abandoned_after_one_benchmark', 0.44, "
		"'reached_five', :five, 'reached_five_benchmark', 0.08), "
		"'speed', json_object('first_followup_by_next_workday', :ontime, "
		"'median_days_to_first_followup', :firstmed), "
		"'rhythm', json_object('median_days_between_followups_won', :gapwon, "
		"'median_days_between_followups_lost', :gaplost), "
		"'discipline', json_object('overdue', :overdue, 'oldest_overdue', CASE WHEN :oid > 0 THEN "
		"json_object('id', :oid, 'name', :oname, 'days', :odays) END, 'no_next_step', :undecided), "
		"'qualification', json_object("
		"'well', json_object('prospects', :wn, 'followed_up', :wf, 'won', :ww, 'conversion_rate', :wc), "
		"'poor', json_object('prospects', :pn, 'followed_up', :pf, 'won', :pw, 'conversion_rate', :pc)))";
	static const char steps_sql[] =
		"SELECT json_group_array(json_object('step', CAST(key AS INTEGER), 'touches', json_extract(value, '$[0]'), "
		"'responses', json_extract(value, '$[1]'), 'rate', CASE WHEN json_extract(value, '$[0]') > 0 "
		"THEN 1.0 * json_extract(value, '$[1]') / json_extract(value, '$[0]') END)) "
		"FROM json_each(:arr) WHERE json_extract(value, '$[0]') > 0";
	sqlite3_stmt *s;
	char name[8], arr[2048] = "{";
	int i;

	/* Steps with touches, as {"0": [touches, responses], …}; step 10 is "10+". */
	for (i = 0; i < STATS_STEPS; i++)
		snprintf(arr + strlen(arr), sizeof arr - strlen(arr), "%s\"%d\":[%lld,%lld]", i ? "," : "",
			 i, x->step[i].touches, x->step[i].responses);
	strcat(arr, "}");
	if (!(s = db_prep(st, steps_sql)))
		return -1;
	db_bind_text(s, ":arr", arr);
	if (db_row(st, s) != 1)
		return -1;
	snprintf(arr, sizeof arr, "%s", db_col_text(s, 0));
	sqlite3_reset(s);

	if (!(s = db_prep(st, sql)))
		return -1;
#define BI(n, v) db_bind_int(s, n, v)
#define BD(n, v) do { if (isnan(v)) sqlite3_bind_null(s, db_param(s, n)); else \
	sqlite3_bind_double(s, db_param(s, n), v); } while (0)
	BI(":total", x->prospects); BI(":active", x->active); BI(":won", x->won); BI(":lost", x->lost);
	BI(":followed", x->followed_up); BD(":conv", x->conversion);
	BD(":cmean", x->close_mean); BD(":cmedian", x->close_median);
	for (i = 0; i < 5; i++) {
		snprintf(name, sizeof name, ":c%dt", i);
		BI(name, x->channel[i].touches);
		snprintf(name, sizeof name, ":c%dr", i);
		BI(name, x->channel[i].responses);
		snprintf(name, sizeof name, ":c%dx", i);
		BD(name, ratio(x->channel[i].responses, x->channel[i].touches));
		snprintf(name, sizeof name, ":f%d", i + 1);
		BI(name, x->funnel[i]);
	}
	for (i = 0; i < 6; i++) {
		snprintf(name, sizeof name, ":a%d", i);
		BI(name, x->abandoned[i]);
	}
	db_bind_text(s, ":steps", arr);
	BD(":after1", x->abandoned_after_one); BD(":five", x->reached_five);
	BD(":ontime", x->first_on_time); BD(":firstmed", x->first_days_median);
	BD(":gapwon", x->gap_median_won); BD(":gaplost", x->gap_median_lost);
	BI(":overdue", x->overdue); BI(":oid", x->oldest_id); db_bind_text(s, ":oname", x->oldest_name);
	BI(":odays", x->oldest_days); BI(":undecided", x->undecided);
	BI(":wn", x->well_n); BI(":wf", x->well_followed); BI(":ww", x->well_won);
	BD(":wc", x->well_conversion);
	BI(":pn", x->poor_n); BI(":pf", x->poor_followed); BI(":pw", x->poor_won);
	BD(":pc", x->poor_conversion);
#undef BI
#undef BD
	if (db_row(st, s) != 1)
		return -1;
	*json = xstrdup(db_col_text(s, 0));
	sqlite3_reset(s);
	return 0;
}
