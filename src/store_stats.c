/*
 * store_stats.c - the rows the metrics of SPEC §6 are computed from
 * (stats.c does the arithmetic): one row per selected prospect, touch
 * counts by channel, step and outcome, and the discipline counts.
 *
 * recompute() keeps, on every touch, its follow-up step (touch.step: k of
 * the k-th distinct date after day 0) and, on the first touch of each
 * follow-up date, the days since the one before (touch.gap), and on every
 * prospect its count and the days to the first (prospect.fu_count,
 * first_fu_days): each stream is one pass over indexed columns (window
 * functions over every touch, at each call, took 2.7 s for 500,000
 * touches).  :from and :to select prospects by day 0.
 */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "followup/date.h"
#include "followup/util.h"

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

int store_stats_prospects(struct store *st, int from, int to,
			  int (*cb)(const struct stats_prospect *p, void *ctx), void *ctx)
{
	static const char per_sql[] =
		"SELECT p.status, p.flags, p.first_contact, p.fu_count, p.first_fu_days, p.id "
		"FROM prospect p WHERE " STATS_RANGE "ORDER BY p.id";
	/* Every gap in prospect order, over the covering index touch_gap,
	 * merged with the prospect pass above.  (A query per status, each
	 * listing its prospects and seeking their gaps, took half of `stats`.) */
	static const char gaps_sql[] =
		"SELECT t.prospect_id, t.gap FROM touch t WHERE t.gap IS NOT NULL ORDER BY t.prospect_id";
	struct stats_prospect p;
	sqlite3_stmt *s, *g;
	long long gap_pid = 0;
	int *gaps = NULL, r, gr, w;
	size_t cap = 0;

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
		int d0 = db_col_date(s, 2);

		memset(&p, 0, sizeof p);
		p.status = due_status_of(db_col_text(s, 0));
		p.flags = (unsigned)sqlite3_column_int(s, 1);
		p.followups = sqlite3_column_int(s, 3);
		p.first_days = sqlite3_column_type(s, 4) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 4);
		p.id = sqlite3_column_int64(s, 5);
		/* This prospect's gaps, skipping those of prospects out of range. */
		for (; gr == 1 && gap_pid <= p.id; gap_pid = gr == 1 ? sqlite3_column_int64(g, 0) : 0) {
			if (gap_pid == p.id) {
				if (p.ngaps == cap)
					gaps = xrealloc(gaps, (cap = cap * 2 + 16) * sizeof *gaps);
				gaps[p.ngaps++] = sqlite3_column_int(g, 1);
			}
			gr = db_row(st, g);
		}
		p.gaps = gaps;
		/* The 24-hour rule in dates: by the first workday after day 0. */
		if (gr < 0 || (p.first_days >= 0 && workcal_next(&st->wc, d0 + 1, &w) < 0)) {
			r = -1;
			break;
		}
		p.on_time = p.first_days >= 0 && d0 + p.first_days <= w;
		if (cb(&p, ctx) < 0) {
			r = -1;
			break;
		}
	}
	free(gaps);
	if (r < 0)
		sqlite3_reset(s);
	if (gr == 1)
		sqlite3_reset(g);
	return r < 0 ? -1 : 0;
}

static void fill_touch_count(sqlite3_stmt *s, struct stats_touches *t)
{
	t->channel = (enum channel)word_or(channel_words, CH_COUNT, db_col_text(s, 0), CH_OTHER);
	t->step = sqlite3_column_int(s, 1);
	t->outcome = (enum outcome)word_or(outcome_words, OUT_COUNT, db_col_text(s, 2), OUT_NO_ANSWER);
	t->count = sqlite3_column_int64(s, 3);
}

DB_EACH(each_touch_count, struct stats_touches, fill_touch_count)

int store_stats_touches(struct store *st, int from, int to,
			int (*cb)(const struct stats_touches *t, void *ctx), void *ctx)
{
	/* One pass in the order of the covering index touch_kind, so each row
	 * only counts (classifying outcomes in SQL took twice as long). */
#define TOUCH_COUNTS "SELECT t.channel, t.step, t.outcome, count(*) FROM touch t "
	static const char touch_all_sql[] = TOUCH_COUNTS "GROUP BY 1, 2, 3";
	static const char touch_sql[] = TOUCH_COUNTS "WHERE t.prospect_id IN (SELECT p.id FROM "
		"prospect p WHERE " STATS_RANGE ") GROUP BY 1, 2, 3";
#undef TOUCH_COUNTS
	sqlite3_stmt *s;

	if (from == DATE_NONE && to == DATE_NONE) {
		if (!(s = db_prep(st, touch_all_sql)))
			return -1;
	} else {
		if (!(s = db_prep(st, touch_sql)))
			return -1;
		stats_bind(s, from, to);
	}
	return each_touch_count(st, s, cb, ctx);
}

int store_stats_discipline(struct store *st, int from, int to, struct stats *x)
{
	static const char overdue_sql[] =
		"SELECT count(*) FROM prospect WHERE due IS NOT NULL AND due < :today "
		"AND first_contact >= :from AND first_contact <= :to";
	static const char oldest_sql[] =
		"SELECT id, name, due FROM prospect WHERE due IS NOT NULL AND due < :today "
		"AND first_contact >= :from AND first_contact <= :to "
		"ORDER BY due, name COLLATE NOCASE, id LIMIT 1";
	static const char no_next_step_sql[] =
		"SELECT count(*) FROM prospect WHERE complete = 1 AND first_contact >= :from "
		"AND first_contact <= :to";
	sqlite3_stmt *s;
	int r;

	if (!(s = db_prep(st, overdue_sql)))
		return -1;
	stats_bind(s, from, to);
	db_bind_date(s, ":today", st->today);
	if (db_row(st, s) != 1)
		return -1;
	x->overdue = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (!(s = db_prep(st, oldest_sql)))
		return -1;
	stats_bind(s, from, to);
	db_bind_date(s, ":today", st->today);
	if ((r = db_row(st, s)) < 0)
		return -1;
	if (r == 1) {
		x->oldest_id = sqlite3_column_int64(s, 0);
		x->oldest_name = xstrdup(db_col_text(s, 1));
		x->oldest_days = st->today - db_col_date(s, 2);
		sqlite3_reset(s);
	}
	if (!(s = db_prep(st, no_next_step_sql)))
		return -1;
	stats_bind(s, from, to);
	if (db_row(st, s) != 1)
		return -1;
	x->no_next_step = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return 0;
}
