/*
 * store_query.c - the reads of store.h: the due list, lists, one
 * prospect, touches and the header counts, as rows of SPEC §3's fields.
 */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "followup/date.h"
#include "followup/err.h"
#include "followup/fold.h"
#include "followup/util.h"

/* ---- queries -------------------------------------------------------- */

#define OVERDUE "CASE WHEN p.due IS NULL THEN NULL ELSE max(0, CAST(julianday(:today) - julianday(p.due) AS INTEGER)) END"
/* Kept by due_recompute(): no lookups in touch per listed prospect. */
#define TOUCHES "p.touch_count"
#define FLAGS "json((SELECT json_group_array(column2) FROM (VALUES (1, 'verified'), (2, 'need'), " \
	      "(4, 'decider'), (8, 'timeline')) WHERE p.flags & column1))"
#define PROSPECT_JSON                                                                          \
	"json_object('id', p.id, 'name', p.name, 'company', p.company, 'title', p.title, "     \
	"'email', p.email, 'phone', p.phone, 'source', p.source, 'notes', p.notes, "           \
	"'status', p.status, 'first_contact', p.first_contact, 'cadence', c.name, "            \
	"'due', p.due, 'due_time', p.due_time, 'due_kind', p.due_kind, 'step', p.due_step, "   \
	"'overdue_days', " OVERDUE ", 'touch_count', " TOUCHES ", 'last_touch', p.last_at, "   \
	"'flags', " FLAGS ", 'agenda', p.next_agenda"
#define PROW_COLUMNS                                                                           \
	"SELECT p.id, p.name, p.company, p.title, p.email, p.phone, p.source, p.notes, "       \
	"p.status, p.first_contact, c.name, p.due, p.due_time, p.due_kind, p.due_step, "       \
	OVERDUE ", " TOUCHES ", p.last_at, p.last_channel, p.last_outcome, " LAST_NOTE ", p.flags, "
#define PROW_SELECT PROW_COLUMNS                                                               \
	"CASE WHEN :json THEN " PROSPECT_JSON JSON_TAIL " END, p.changed, p.next_agenda " PROW_FROM
/* Without the JSON: half the parsing for the morning's text list. */
#define PROW_TEXT_COLUMNS PROW_COLUMNS "NULL, p.changed, p.next_agenda "
#define PROW_SELECT_TEXT PROW_TEXT_COLUMNS PROW_FROM
/* The last touch's time, channel and outcome are kept on the prospect by
 * due_recompute(): the lists read no touch at all (half the pages the morning
 * list reads at 100,000 prospects).  Its note, for `show` and the
 * calendar, is looked up by id. */
#define PROW_FROM "FROM prospect p JOIN cadence c ON c.id = p.cadence_id "
#define LAST_NOTE "NULL"

#define JSON_TAIL ")"
#define DUE_WHERE                                                                              \
	"WHERE p.due IS NOT NULL AND p.due <= :until "                                         \
	"ORDER BY p.due, p.due_time IS NULL, p.due_time, p.name COLLATE NOCASE, p.id"
static const char due_sql[] = PROW_SELECT DUE_WHERE;
static const char due_text_sql[] = PROW_SELECT_TEXT DUE_WHERE;
#define LIST_WHERE                                                                             \
	"WHERE (:status IS NULL OR p.status = :status) "                                       \
	"AND (:company IS NULL OR p.company = :company COLLATE NOCASE) "                        \
	"AND (:source IS NULL OR p.source = :source COLLATE NOCASE) "                           \
	"AND (:overdue = 0 OR (p.due IS NOT NULL AND p.due < :today)) "                       \
	"AND (:no_next_step = 0 OR p.complete = 1) "                                              \
	"AND (:q IS NULL OR p.search LIKE :q ESCAPE '\\' OR p.search LIKE :qd) "
static const char list_name[] = PROW_SELECT LIST_WHERE "ORDER BY p.name COLLATE NOCASE, p.id LIMIT :limit";
static const char list_company[] = PROW_SELECT LIST_WHERE
	"ORDER BY p.company IS NULL, p.company COLLATE NOCASE, p.name COLLATE NOCASE, p.id LIMIT :limit";
static const char list_due[] = PROW_SELECT LIST_WHERE
	"ORDER BY p.due IS NULL, p.due, p.due_time IS NULL, p.due_time, p.name COLLATE NOCASE, p.id "
	"LIMIT :limit";
static const char list_status[] = PROW_SELECT LIST_WHERE
	"ORDER BY CASE p.status WHEN 'active' THEN 0 WHEN 'won' THEN 1 ELSE 2 END, "
	"p.name COLLATE NOCASE, p.id LIMIT :limit";
static const char list_id[] = PROW_SELECT LIST_WHERE "ORDER BY p.id LIMIT :limit";
/* For store_view.c (the TUI's paged views): the text list's columns, in
 * the order query_fill_row() reads them, and the tables they come from. */
const char query_prow_columns[] = PROW_TEXT_COLUMNS;
const char query_prow_from[] = PROW_FROM;
#undef LAST_NOTE
#define LAST_NOTE "(SELECT note FROM touch WHERE id = p.last_touch_id)"
/* The calendar's rows in id order: the order they are stored in, so an
 * export of 60,000 events reads 17,000 pages, not 118,000 in due order.
 * Only the columns an event says (store.h), the others NULL in
 * query_fill_row()'s places: no overdue days (two julianday() a row),
 * status, day 0, source, notes, flags or agenda to read; the last touch's
 * note by a join, not a subquery per row. */
#define CAL_SELECT                                                                             \
	"SELECT p.id, p.name, p.company, p.title, p.email, p.phone, NULL, NULL, "              \
	"NULL, NULL, c.name, p.due, p.due_time, p.due_kind, p.due_step, "                      \
	"NULL, 0, p.last_at, p.last_channel, p.last_outcome, t.note, 0, NULL, p.changed, NULL "
#define CAL_JOIN "JOIN cadence c ON c.id = p.cadence_id LEFT JOIN touch t ON t.id = p.last_touch_id "
/* Few due: their ids from the index, sorted, then their rows. */
static const char calendar_sql[] = CAL_SELECT "FROM prospect p " CAL_JOIN
	"WHERE p.id IN (SELECT id FROM prospect WHERE due IS NOT NULL AND due <= :until) ORDER BY p.id";
/* A quarter or more due: every row, in id order.  Sorting the due ids
 * costs more then than reading the others (which share their pages):
 * SQLite's part of an export of 60,000 of 100,000 prospects, 620M
 * instructions by the index, 400M this way; of 10,000, 120M and 160M. */
static const char calendar_scan_sql[] = CAL_SELECT "FROM prospect p NOT INDEXED " CAL_JOIN
	"WHERE p.due IS NOT NULL AND p.due <= :until ORDER BY p.id";
/* 1 when a quarter or more of the prospects are due by :until; counts
 * the due ones only up to that quarter. */
static const char calendar_many_sql[] =
	"WITH n(total) AS (SELECT count(*) FROM prospect) "
	"SELECT (SELECT count(*) FROM (SELECT 1 FROM prospect WHERE due IS NOT NULL AND due <= :until "
	"LIMIT ((SELECT total FROM n) + 3) / 4)) * 4 >= (SELECT total FROM n)";
#undef JSON_TAIL
#define JSON_TAIL                                                                              \
	", 'touches', json((SELECT json_group_array(json(json_object('id', id, 'at', at, "     \
	"'channel', channel, 'outcome', outcome, 'note', note))) FROM (SELECT * FROM touch "   \
	"WHERE prospect_id = p.id ORDER BY at, id))), "                                       \
	"'mail', json((SELECT json_group_array(json(json_object('at', at, 'kind', kind, "      \
	"'subject', subject, 'message_id', message_id))) FROM (SELECT * FROM mail "            \
	"WHERE prospect_id = p.id ORDER BY id))))"
static const char show_sql[] = PROW_SELECT "WHERE p.id = :id";
#undef JSON_TAIL
#undef LAST_NOTE

void query_fill_row(sqlite3_stmt *s, struct prow *r)
{
	r->id = sqlite3_column_int64(s, 0);
	r->name = db_col_text(s, 1);
	r->company = db_col_text(s, 2);
	r->title = db_col_text(s, 3);
	r->email = db_col_text(s, 4);
	r->phone = db_col_text(s, 5);
	r->source = db_col_text(s, 6);
	r->notes = db_col_text(s, 7);
	r->status = due_status_of(db_col_text(s, 8));
	r->first_contact = db_col_date(s, 9);
	r->cadence = db_col_text(s, 10);
	r->due = db_col_date(s, 11);
	r->due_time = db_col_time(s, 12);
	r->due_kind = due_kind_of(db_col_text(s, 13));
	r->step = sqlite3_column_int(s, 14);
	r->overdue_days = sqlite3_column_type(s, 15) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 15);
	r->touch_count = sqlite3_column_int(s, 16);
	db_col_stamp(s, 17, &r->last_date, &r->last_time);
	r->last_channel = (enum channel)word_or(channel_words, CH_COUNT, db_col_text(s, 18), CH_OTHER);
	r->last_outcome = (enum outcome)word_or(outcome_words, OUT_COUNT, db_col_text(s, 19), OUT_NO_ANSWER);
	r->last_note = db_col_text(s, 20);
	r->flags = (unsigned)sqlite3_column_int(s, 21);
	r->json = db_col_text(s, 22);
	r->changed = sqlite3_column_int64(s, 23);
	r->agenda = db_col_text(s, 24);
}

DB_EACH(each_row, struct prow, query_fill_row)

/* The rows of one of the due queries, due on or before `until`. */
static int due_rows(struct store *st, const char *sql, int until, int want_json, prow_cb cb, void *ctx)
{
	sqlite3_stmt *s = db_prep(st, sql);
	if (!s)
		return -1;
	db_bind_date(s, ":today", st->today);
	db_bind_date(s, ":until", until);
	if (want_json)
		db_bind_int(s, ":json", 1);
	return each_row(st, s, cb, ctx);
}

int store_due_each(struct store *st, int until, int want_json, prow_cb cb, void *ctx)
{
	return due_rows(st, want_json ? due_sql : due_text_sql, until, want_json, cb, ctx);
}

int store_calendar_each(struct store *st, int until, prow_cb cb, void *ctx)
{
	sqlite3_stmt *s = db_prep(st, calendar_many_sql);
	int many;

	db_bind_date(s, ":until", until);
	if (db_row(st, s) != 1)
		return -1;
	many = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	s = db_prep(st, many ? calendar_scan_sql : calendar_sql);
	db_bind_date(s, ":until", until);
	return each_row(st, s, cb, ctx);
}

int store_due_counts(struct store *st, struct due_counts *out)
{
	/* Each count reads the due (or complete) index up to the cap, not
	 * to the end: a million prospects due this week cost what a thousand
	 * do.  Whether there is any prospect at all, not how many by status:
	 * the TUI's first paint must not read the whole table. */
#define CAPPED(where) "(SELECT count(*) FROM (SELECT 1 FROM prospect WHERE " where " LIMIT :cap))"
	static const char sql[] =
		"SELECT " CAPPED("due IS NOT NULL AND due < :today") ", "
		CAPPED("due IS NOT NULL AND due = :today") ", "
		CAPPED("due IS NOT NULL AND due >= :today AND due <= :week") ", "
		CAPPED("complete = 1") ", EXISTS (SELECT 1 FROM prospect)";
#undef CAPPED
	sqlite3_stmt *s = db_prep(st, sql);

	memset(out, 0, sizeof *out);
	if (!s)
		return -1;
	db_bind_date(s, ":today", st->today);
	db_bind_date(s, ":week", st->today + 6);
	db_bind_int(s, ":cap", DUE_COUNT_CAP + 1);
	if (db_row(st, s) != 1)
		return -1;
	out->overdue = sqlite3_column_int64(s, 0);
	out->today = sqlite3_column_int64(s, 1);
	out->week = sqlite3_column_int64(s, 2);
	out->no_next_step = sqlite3_column_int64(s, 3);
	out->any = sqlite3_column_int(s, 4);
	sqlite3_reset(s);
	return 0;
}

long long store_data_version(struct store *st)
{
	static const char sql[] = "PRAGMA data_version";
	sqlite3_stmt *s = db_prep(st, sql);
	long long v = -1;
	if (s && db_row(st, s) == 1) {
		v = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	return v;
}

int store_count_no_next_step(struct store *st, long long *n)
{
	static const char sql[] = "SELECT count(*) FROM prospect WHERE complete = 1";
	sqlite3_stmt *s = db_prep(st, sql);
	if (!s || db_row(st, s) != 1)
		return -1;
	*n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return 0;
}

int store_list_each(struct store *st, const struct list_filter *f, int want_json,
		    prow_cb cb, void *ctx)
{
	const char *sql = f->sort == SORT_ID ? list_id : f->sort == SORT_COMPANY ? list_company :
			  f->sort == SORT_DUE ? list_due :
			  f->sort == SORT_STATUS ? list_status : list_name;
	sqlite3_stmt *s = db_prep(st, sql);

	if (!s)
		return -1;
	db_bind_date(s, ":today", st->today);
	db_bind_text(s, ":status", f->status == LIST_ALL ? NULL : status_name((enum prospect_status)f->status));
	db_bind_text(s, ":company", f->company);
	db_bind_text(s, ":source", f->source);
	db_bind_int(s, ":overdue", f->overdue);
	db_bind_int(s, ":no_next_step", f->no_next_step);
	db_bind_int(s, ":json", want_json);
	db_bind_int(s, ":limit", f->limit > 0 ? f->limit : -1);
	query_bind_search(s, f->query);
	return each_row(st, s, cb, ctx);
}

void query_bind_search(sqlite3_stmt *s, const char *query)
{
	/* LIKE pattern: the folded query with %, _ and \ escaped, inside
	 * %…%; a query that reads as a phone number also by its digits. */
	char *q, *digits, *pat;
	size_t n, i, o = 0;

	if (!query || !*query)
		return;
	q = fold_text(query);
	digits = fold_query_digits(query);
	n = strlen(q);
	pat = xmalloc(2 * n + 3);
	pat[o++] = '%';
	for (i = 0; i < n; i++) {
		if (q[i] == '%' || q[i] == '_' || q[i] == '\\')
			pat[o++] = '\\';
		pat[o++] = q[i];
	}
	pat[o++] = '%';
	pat[o] = '\0';
	db_bind_text(s, ":q", pat);
	if (digits) {
		char *dp = xmalloc(strlen(digits) + 3);
		sprintf(dp, "%%%s%%", digits);
		db_bind_text(s, ":qd", dp);
		free(dp);
	}
	free(q);
	free(digits);
	free(pat);
}

/* A touch row: id, at, channel, outcome, note[, prospect_id, email, phone]. */
static void fill_trow(sqlite3_stmt *s, struct trow *tr)
{
	int wide = sqlite3_column_count(s) > 5;

	tr->id = sqlite3_column_int64(s, 0);
	tr->at = db_col_text(s, 1);
	tr->channel = (enum channel)word_or(channel_words, CH_COUNT, db_col_text(s, 2), CH_OTHER);
	tr->outcome = (enum outcome)word_or(outcome_words, OUT_COUNT, db_col_text(s, 3), OUT_NO_ANSWER);
	tr->note = db_col_text(s, 4);
	tr->prospect = wide ? sqlite3_column_int64(s, 5) : 0;
	tr->email = wide ? db_col_text(s, 6) : NULL;
	tr->phone = wide ? db_col_text(s, 7) : NULL;
}

DB_EACH(each_touch, struct trow, fill_trow)

int store_show(struct store *st, long long id, int want_json, prow_cb cb,
	       int (*tcb)(const struct trow *t, void *ctx), void *ctx)
{
	static const char touches[] =
		"SELECT id, at, channel, outcome, note FROM touch WHERE prospect_id = :id ORDER BY at, id";
	sqlite3_stmt *s = db_prep(st, show_sql);
	struct prow pr;
	int r;

	db_bind_date(s, ":today", st->today);
	db_bind_int(s, ":json", want_json);
	if (db_prospect_row(st, s, id) < 0)
		return -1;
	query_fill_row(s, &pr);
	r = cb(&pr, ctx);
	sqlite3_reset(s);
	if (r < 0 || !tcb)
		return r;
	if (!(s = db_prep(st, touches)))
		return -1;
	db_bind_int(s, ":id", id);
	return each_touch(st, s, tcb, ctx);
}

int store_touch_each(struct store *st, int (*cb)(const struct trow *t, void *ctx), void *ctx)
{
	static const char sql[] =
		"SELECT t.id, t.at, t.channel, t.outcome, t.note, t.prospect_id, p.email, p.phone "
		"FROM touch t JOIN prospect p ON p.id = t.prospect_id ORDER BY t.prospect_id, t.at, t.id";

	return each_touch(st, db_prep(st, sql), cb, ctx);
}
