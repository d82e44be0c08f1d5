/*
 * store_due.c - the workday calendar (configuration, holiday feed cache,
 * time off) and the derived due columns that recompute() keeps for each
 * prospect (SPEC §2 rules 3-7), in the write's own transaction.
 */
#include "store_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "followup/clock.h"
#include "followup/date.h"
#include "followup/err.h"
#include "followup/icalmod.h"
#include "followup/util.h"

/* ---- the workday calendar ------------------------------------------- */

/* Fingerprint of everything rule 2 reads from the configuration. */
static int fingerprint(struct store *st, char **out)
{
	const struct config *cfg = st->cfg;
	size_t i, n = 256 + cfg->nholidays * 11 + (cfg->holiday_calendar ? strlen(cfg->holiday_calendar) : 0);
	char *fp = xmalloc(n), buf[11];
	size_t len;

	len = (size_t)snprintf(fp, n, "v1;wd=%u;hol=", cfg->workdays);
	for (i = 0; i < cfg->nholidays; i++)
		len += (size_t)snprintf(fp + len, n - len, "%s,", date_format(cfg->holidays[i], buf));
	if (cfg->holiday_calendar) {
		struct stat sb;
		if (stat(cfg->holiday_calendar, &sb) < 0) {
			int e = errno;
			free(fp);
			return err_usage("%s:%d: schedule.holiday_calendar: %s: %s", cfg->path,
					 cfg->holiday_calendar_line, err_quote(cfg->holiday_calendar),
					 util_strerror(e));
		}
		snprintf(fp + len, n - len, ";feed=%s;%lld.%09ld;%lld", cfg->holiday_calendar,
			 (long long)sb.st_mtim.tv_sec, (long)sb.st_mtim.tv_nsec, (long long)sb.st_size);
	}
	*out = fp;
	return 0;
}

/* Read the holiday feed over [from, to] into holiday_cache. */
static int load_feed(struct store *st, int from, int to)
{
	static const char del[] = "DELETE FROM holiday_cache";
	static const char ins[] = "INSERT OR IGNORE INTO holiday_cache (day) VALUES (:day)";
	const struct ical_api *api;
	int *dates = NULL;
	size_t n = 0, i;
	char why[256], range[32];
	sqlite3_stmt *s;

	if (!(api = icalmod_load()))
		return -1;
	st->used_ical = 1;
	if (api->holidays_read(st->cfg->holiday_calendar, from, to, &dates, &n, why, sizeof why) < 0)
		return err_usage("%s:%d: schedule.holiday_calendar: %s: %s", st->cfg->path,
				 st->cfg->holiday_calendar_line, err_quote(st->cfg->holiday_calendar), why);
	if (db_exec(st, del) < 0)
		goto fail;
	for (i = 0; i < n; i++) {
		if (!(s = db_prep(st, ins)))
			goto fail;
		db_bind_date(s, ":day", dates[i]);
		if (db_run(st, s) < 0)
			goto fail;
	}
	free(dates);
	snprintf(range, sizeof range, "%d,%d", from, to);
	st->feed_from = from;
	st->feed_to = to;
	st->wc_ready = 0;
	return db_meta_set(st, "holiday_range", range);
fail:
	free(dates);
	return -1;
}

/* Build st->wc from the configuration, the feed cache and time off. */
int due_load_calendar(struct store *st)
{
	static const char hol[] = "SELECT day FROM holiday_cache";
	static const char away[] = "SELECT start, end FROM away";
	sqlite3_stmt *s;
	char range[32];
	int r, d;

	if (st->wc_ready)
		return 0;
	workcal_release(&st->wc);
	workcal_init(&st->wc);
	st->wc.weekmask = st->cfg->workdays;
	st->wc.source = st->cfg->path;
	workcal_add_holidays(&st->wc, st->cfg->holidays, st->cfg->nholidays);
	if (st->cfg->holiday_calendar) {
		if (db_meta_get(st, "holiday_range", range, sizeof range) < 0)
			return -1;
		if (sscanf(range, "%d,%d", &st->feed_from, &st->feed_to) != 2)
			st->feed_from = st->feed_to = 0;
		if (!(s = db_prep(st, hol)))
			return -1;
		while ((r = db_row(st, s)) == 1) {
			d = db_col_date(s, 0);
			if (d != DATE_NONE)
				workcal_add_holidays(&st->wc, &d, 1);
		}
		if (r < 0)
			return -1;
	}
	if (!(s = db_prep(st, away)))
		return -1;
	while ((r = db_row(st, s)) == 1)
		workcal_add_away(&st->wc, db_col_date(s, 0), db_col_date(s, 1));
	if (r < 0)
		return -1;
	st->wc_ready = 1;
	return 0;
}

/* ---- the derived due columns ---------------------------------------- */

int due_cadence_from_row(sqlite3_stmt *s, int first, struct cadence *c)
{
	const char *tail = db_col_text(s, first + 2);
	return cadence_parse(c, db_col_text(s, first), db_col_text(s, first + 1), tail);
}

/* Make sure the holiday feed cache covers [from, to]; extend it if not. */
static int ensure_feed(struct store *st, int from, int to)
{
	if (!st->cfg->holiday_calendar)
		return 0;
	if (due_load_calendar(st) < 0)
		return -1;
	if (from >= st->feed_from && to <= st->feed_to)
		return 0;
	if (st->feed_from < st->feed_to) {
		if (from > st->feed_from)
			from = st->feed_from;
		if (to < st->feed_to)
			to = st->feed_to;
	}
	if (load_feed(st, from - 31, to + 3 * 366) < 0)
		return -1;
	return due_load_calendar(st);
}

/* Bind :due, :due_time, :kind, :step and :complete from a schedule. */
void due_bind(sqlite3_stmt *s, const struct schedule *out)
{
	db_bind_date(s, ":due", out->due);
	db_bind_time(s, ":due_time", out->due_time);
	db_bind_text(s, ":kind", due_kind_name(out->kind));
	if (out->kind == DUE_CADENCE)
		db_bind_int(s, ":step", out->step);
	db_bind_int(s, ":complete", out->no_next_step);
}

/* Rules 3-7 for one prospect's facts, extending the holiday feed cache
 * when the schedule runs past what it covers. */
int due_schedule(struct store *st, const struct cadence *c, enum prospect_status status,
			int d0, int *dates, size_t n, int next, int next_time,
			struct schedule *out)
{
	if (due_load_calendar(st) < 0)
		return -1;
	for (;;) {
		int hi, lo;
		if (schedule_compute(c, &st->wc, status, d0, dates, n, next, next_time, out) < 0)
			return -1;
		if (!st->cfg->holiday_calendar || status != STATUS_ACTIVE || next != DATE_NONE)
			return 0;
		hi = out->due != DATE_NONE ? out->due : d0;
		lo = d0 < st->today ? d0 : st->today;
		if (lo >= st->feed_from && hi + WORKCAL_SEARCH_DAYS <= st->feed_to)
			return 0;
		if (ensure_feed(st, lo, hi + WORKCAL_SEARCH_DAYS) < 0)
			return -1;
	}
}

enum prospect_status due_status_of(const char *s)
{
	return (enum prospect_status)word_or(status_words, STATUS_COUNT, s, STATUS_ACTIVE);
}

/* Recompute one prospect's due columns (rules 3-7) inside a transaction. */
int due_recompute(struct store *st, long long id)
{
	static const char get[] =
		"SELECT c.name, c.offsets, c.tail, p.first_contact, p.status, p.next_date, "
		"p.next_time FROM prospect p JOIN cadence c ON c.id = p.cadence_id WHERE p.id = :id";
	static const char touches[] =
		"SELECT id, substr(at, 1, 10), step, coalesce(gap, -1) FROM touch WHERE prospect_id = :id "
		"ORDER BY at, id";
	static const char upd[] =
		"UPDATE prospect SET due = :due, due_time = :due_time, due_kind = :kind, "
		"due_step = :step, complete = :complete, fu_count = :fu, first_fu_days = :first, "
		"touch_count = :touches, last_touch_id = :last, (last_at, last_channel, last_outcome) = "
		"(SELECT at, channel, outcome FROM touch WHERE id = :last), "
		"revision = revision + "
		"(due IS NOT :due OR due_time IS NOT :due_time OR due_kind IS NOT :kind OR "
		"due_step IS NOT :step), changed = CASE WHEN due IS NOT :due OR due_time IS NOT "
		":due_time OR due_kind IS NOT :kind OR due_step IS NOT :step THEN max(changed + 1, "
		":stamp) ELSE changed END WHERE id = :id";
	static const char set_step[] = "UPDATE touch SET step = :step, gap = :gap WHERE id = :id";
	struct cadence c;
	struct schedule out;
	sqlite3_stmt *s;
	int d0, next, next_time, r, *dates = NULL, k = 0, first = DATE_NONE, prev = DATE_NONE;
	long long last;
	size_t n = 0, cap = 0, nt = 0, tcap = 0, i;
	enum prospect_status status;
	struct {
		long long id;
		int day, step, gap, want_step, want_gap;
	} *tr = NULL;

	if (!(s = db_prep(st, get)))
		return -1;
	db_bind_int(s, ":id", id);
	if ((r = db_row(st, s)) <= 0)
		return r < 0 ? -1 : 0;
	if (due_cadence_from_row(s, 0, &c) < 0) {
		sqlite3_reset(s);
		return err_runtime("database %s: cadence %s is corrupt", err_quote(st->path),
				   err_quote(db_col_text(s, 0)));
	}
	d0 = db_col_date(s, 3);
	status = due_status_of(db_col_text(s, 4));
	next = db_col_date(s, 5);
	next_time = db_col_time(s, 6);
	sqlite3_reset(s);

	/* Rule 3's distinct dates, and each touch's follow-up step (k of the
	 * k-th distinct date after day 0, 0 before) and, on the first touch of
	 * a follow-up date, the days since the one before (SPEC §6). */
	if (!(s = db_prep(st, touches)))
		return -1;
	db_bind_int(s, ":id", id);
	while ((r = db_row(st, s)) == 1) {
		int day = db_col_date(s, 1);
		if (nt == tcap)
			tr = xrealloc(tr, (tcap = tcap * 2 + 16) * sizeof *tr);
		tr[nt].id = sqlite3_column_int64(s, 0);
		tr[nt].day = day;
		tr[nt].step = sqlite3_column_int(s, 2);
		tr[nt].gap = sqlite3_column_int(s, 3);
		tr[nt].want_gap = -1;
		if (!n || dates[n - 1] != day) {
			if (n == cap)
				dates = xrealloc(dates, (cap = cap * 2 + 16) * sizeof *dates);
			dates[n++] = day;
			if (day > d0) {
				k++;
				if (prev != DATE_NONE)
					tr[nt].want_gap = day - prev;
				else
					first = day;
				prev = day;
			}
		}
		tr[nt].want_step = day > d0 ? k : 0;
		nt++;
	}
	if (r < 0 || due_schedule(st, &c, status, d0, dates, n, next, next_time, &out) < 0)
		goto fail;
	free(dates);
	dates = NULL;
	for (i = 0; i < nt; i++) {
		if (tr[i].step == tr[i].want_step && tr[i].gap == tr[i].want_gap)
			continue;
		if (!(s = db_prep(st, set_step)))
			goto fail;
		db_bind_int(s, ":step", tr[i].want_step);
		if (tr[i].want_gap >= 0)
			db_bind_int(s, ":gap", tr[i].want_gap);
		db_bind_int(s, ":id", tr[i].id);
		if (db_run(st, s) < 0)
			goto fail;
	}
	last = nt ? tr[nt - 1].id : 0;
	free(tr);
	tr = NULL;
	if (!(s = db_prep(st, upd)))
		return -1;
	due_bind(s, &out);
	db_bind_int(s, ":touches", (long long)nt);
	if (last)
		db_bind_int(s, ":last", last);
	db_bind_int(s, ":fu", k);
	db_bind_int(s, ":stamp", store_stamp(st));
	if (first != DATE_NONE)
		db_bind_int(s, ":first", first - d0);
	db_bind_int(s, ":id", id);
	return db_run(st, s);
fail:
	free(dates);
	free(tr);
	return -1;
}

/* Collected first: due_recompute() reuses statements the scan would need. */
int due_recompute_each(struct store *st, const char *sql)
{
	sqlite3_stmt *s;
	long long *ids = NULL;
	size_t n = 0, cap = 0, i;
	int r;

	if (!(s = db_prep(st, sql)))
		return -1;
	while ((r = db_row(st, s)) == 1) {
		if (n == cap)
			ids = xrealloc(ids, (cap = cap * 2 + 64) * sizeof *ids);
		ids[n++] = sqlite3_column_int64(s, 0);
	}
	for (i = 0; r == 0 && i < n; i++)
		if (due_recompute(st, ids[i]) < 0)
			r = -1;
	free(ids);
	return r < 0 ? -1 : 0;
}

/* Every prospect, whatever its status (the schema 4-5 migration). */
int due_recompute_every(struct store *st)
{
	static const char sql[] = "SELECT id FROM prospect";
	return due_recompute_each(st, sql);
}

/* The active ones: after a change to the workday calendar. */
int due_recompute_all(struct store *st)
{
	static const char sql[] = "SELECT id FROM prospect WHERE status = 'active'";
	return due_recompute_each(st, sql);
}

int due_raise_since(struct store *st)
{
	static const char sql[] =
		"INSERT OR REPLACE INTO meta (key, value) VALUES ('calendar_since', max(coalesce("
		"(SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'calendar_since'), 0) + 1, :stamp, "
		"coalesce((SELECT max(changed) FROM prospect), 0) + 1))";
	sqlite3_stmt *s = db_prep(st, sql);

	db_bind_int(s, ":stamp", clock_stamp(st->today));
	st->stamp_ready = 0; /* later writes stamp above it */
	return db_run(st, s);
}

/* What else of the configuration an event says: its ORGANIZER and alarm. */
static char *event_fingerprint(const struct config *cfg)
{
	size_t n = 64 + (cfg->rep_name ? strlen(cfg->rep_name) : 0) +
		   (cfg->rep_email ? strlen(cfg->rep_email) : 0);
	char *fp = xmalloc(n);

	snprintf(fp, n, "v1;rep=%s\x1f%s;rem=%d,%d", cfg->rep_name ? cfg->rep_name : "",
		 cfg->rep_email ? cfg->rep_email : "", cfg->remind_time, cfg->remind_before);
	return fp;
}

/* 1 when meta key holds value, 0 when not, -1 on error. */
static int meta_is(struct store *st, const char *key, const char *value)
{
	size_t n = strlen(value) + 2;
	char *old = xmalloc(n);
	int r = db_meta_get(st, key, old, n);

	r = r < 0 ? -1 : r == 1 && !strcmp(old, value);
	free(old);
	return r;
}

int store_sync_calendar(struct store *st)
{
	char *fp = NULL, *efp;
	int same_days, same_events;

	if (fingerprint(st, &fp) < 0)
		return -1;
	efp = event_fingerprint(st->cfg);
	same_days = meta_is(st, "calendar", fp);
	same_events = same_days < 0 ? -1 : meta_is(st, "calendar_events", efp);
	if (same_events < 0 || (same_days && same_events)) {
		free(fp);
		free(efp);
		return same_events < 0 ? -1 : 0;
	}
	if (db_begin(st) < 0)
		goto fail;
	st->wc_ready = 0;
	if (!same_days && st->cfg->holiday_calendar) {
		static const char range[] =
			"SELECT min(first_contact), max(due) FROM prospect";
		sqlite3_stmt *s = db_prep(st, range);
		int lo = st->today, hi = st->today;
		if (!s || db_row(st, s) < 0)
			goto fail_tx;
		if (db_col_date(s, 0) != DATE_NONE && db_col_date(s, 0) < lo)
			lo = db_col_date(s, 0);
		if (db_col_date(s, 1) != DATE_NONE && db_col_date(s, 1) > hi)
			hi = db_col_date(s, 1);
		sqlite3_reset(s);
		if (load_feed(st, lo - 31, hi + 3 * 366) < 0)
			goto fail_tx;
	} else if (!same_days && db_exec(st, "DELETE FROM holiday_cache") < 0) {
		goto fail_tx;
	}
	/* SPEC §4's C: every event says something new from now on. */
	if ((!same_days && due_recompute_all(st) < 0) || due_raise_since(st) < 0 ||
	    db_meta_set(st, "calendar", fp) < 0 || db_meta_set(st, "calendar_events", efp) < 0 ||
	    db_exec(st, "COMMIT") < 0)
		goto fail_tx;
	free(fp);
	free(efp);
	return 0;
fail_tx:
	undo_abort(st);
fail:
	st->wc_ready = 0;
	free(fp);
	free(efp);
	return -1;
}
