/*
 * store_mail.c - the mail records of SPEC §10 (store.h, "mail"): what was
 * sent or drafted to whom, the appointments a reminder is for, and the
 * invitations whose appointment has gone.
 *
 * A record is written in a transaction of its own, outside the undo
 * journal: it says what left the machine, which no undo takes back, and
 * it never touches the schedule.
 */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "followup/clock.h"
#include "followup/date.h"
#include "followup/err.h"
#include "followup/util.h"

#define MAIL_COLUMNS "id, prospect_id, at, kind, subject, message_id, sent, invite_uid, " \
		     "invite_seq, appt_date, appt_time, to_name, to_email"

static void fill_mail(sqlite3_stmt *s, struct mail_record *m)
{
	m->id = sqlite3_column_int64(s, 0);
	m->prospect = sqlite3_column_int64(s, 1);
	m->at = db_col_text(s, 2);
	m->kind = db_col_text(s, 3);
	m->subject = db_col_text(s, 4);
	m->message_id = db_col_text(s, 5);
	m->sent = sqlite3_column_int(s, 6);
	m->invite_uid = db_col_text(s, 7);
	m->invite_seq = sqlite3_column_int64(s, 8);
	m->appt_date = db_col_date(s, 9);
	m->appt_time = db_col_time(s, 10);
	m->to_name = db_col_text(s, 11);
	m->to_email = db_col_text(s, 12);
}

DB_EACH(each_mail, struct mail_record, fill_mail)

int store_mail_add(struct store *st, const struct mail_record *m)
{
	static const char sql[] =
		"INSERT INTO mail (prospect_id, at, kind, subject, message_id, sent, invite_uid, "
		"invite_seq, appt_date, appt_time, to_name, to_email) VALUES (:pid, :at, :kind, "
		":subject, :mid, :sent, :uid, :seq, :date, :time, :to_name, :to_email)";
	char stamp[21];
	sqlite3_stmt *s;
	long long id;

	if (db_begin(st) < 0)
		return -1;
	if (!(s = db_prep(st, sql)))
		return undo_abort(st);
	db_bind_int(s, ":pid", m->prospect);
	db_bind_text(s, ":at", m->at ? m->at : clock_day_utc_stamp(st->today, stamp));
	db_bind_text(s, ":kind", m->kind);
	db_bind_text(s, ":subject", m->subject);
	db_bind_text(s, ":mid", m->message_id);
	db_bind_int(s, ":sent", m->sent);
	db_bind_text(s, ":uid", m->invite_uid);
	if (m->invite_uid)
		db_bind_int(s, ":seq", m->invite_seq);
	db_bind_date(s, ":date", m->appt_date);
	db_bind_time(s, ":time", m->appt_time);
	db_bind_text(s, ":to_name", m->to_name);
	db_bind_text(s, ":to_email", m->to_email);
	if (db_run_insert(st, s, &id) < 0 || db_exec(st, "COMMIT") < 0)
		return undo_abort(st);
	return 0;
}

int store_mail_each(struct store *st, long long prospect,
		    int (*cb)(const struct mail_record *m, void *ctx), void *ctx)
{
	static const char one[] = "SELECT " MAIL_COLUMNS " FROM mail WHERE prospect_id = :pid ORDER BY id";
	static const char all[] = "SELECT " MAIL_COLUMNS " FROM mail ORDER BY prospect_id, id";
	sqlite3_stmt *s = db_prep(st, prospect ? one : all);

	if (!s)
		return -1;
	if (prospect)
		db_bind_int(s, ":pid", prospect);
	return each_mail(st, s, cb, ctx);
}

int store_appt_uid(struct store *st, long long id, char *buf, size_t n)
{
	static const char get[] = "SELECT appt_uid, changed FROM prospect WHERE id = :id";
	static const char set[] = "UPDATE prospect SET appt_uid = :uid WHERE id = :id AND appt_uid IS NULL";
	sqlite3_stmt *s = db_prep(st, get);

	if (db_prospect_row(st, s, id) < 0)
		return -1;
	if (db_col_text(s, 0)) {
		snprintf(buf, n, "%s", db_col_text(s, 0));
		sqlite3_reset(s);
		return 0;
	}
	/* A new appointment: a UID of its own, unique by the change stamp. */
	snprintf(buf, n, "followup-%s-%lld-appt-%lld", store_db_id(st), id,
		 (long long)sqlite3_column_int64(s, 1));
	sqlite3_reset(s);
	if (db_begin(st) < 0 || !(s = db_prep(st, set)))
		return undo_abort(st);
	db_bind_text(s, ":uid", buf);
	db_bind_int(s, ":id", id);
	if (db_run(st, s) < 0 || db_exec(st, "COMMIT") < 0)
		return undo_abort(st);
	return 0;
}

int store_reminder_sent(struct store *st, const char *uid, int date, int time, int *sent)
{
	static const char sql[] =
		"SELECT EXISTS (SELECT 1 FROM mail WHERE invite_uid = :uid AND kind = 'reminder' AND "
		"sent = 1 AND appt_date IS :date AND appt_time IS :time)";
	sqlite3_stmt *s = db_prep(st, sql);

	db_bind_text(s, ":uid", uid);
	db_bind_date(s, ":date", date);
	db_bind_time(s, ":time", time);
	if (db_row(st, s) != 1)
		return -1;
	*sent = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return 0;
}

int store_mail_to_cancel(struct store *st, long long prospect,
			 int (*cb)(const struct mail_record *m, void *ctx), void *ctx)
{
	/* The newest record of each invitation sent, when it is a reminder
	 * (no cancel followed it) and its appointment no longer stands: the
	 * prospect is gone, closed, or has another appointment or none. */
	static const char sql[] =
		"SELECT " MAIL_COLUMNS " FROM mail m WHERE m.kind = 'reminder' AND m.sent = 1 "
		"AND m.invite_uid IS NOT NULL AND (:pid = 0 OR m.prospect_id = :pid) "
		"AND m.id = (SELECT max(x.id) FROM mail x WHERE x.invite_uid = m.invite_uid AND x.sent = 1) "
		"AND NOT EXISTS (SELECT 1 FROM prospect p WHERE p.id = m.prospect_id AND "
		"p.status = 'active' AND p.appt_uid = m.invite_uid AND p.next_time IS NOT NULL) "
		"ORDER BY m.prospect_id, m.id";
	sqlite3_stmt *s = db_prep(st, sql);

	db_bind_int(s, ":pid", prospect);
	return each_mail(st, s, cb, ctx);
}

int store_appointments(struct store *st, int from, int to, prow_cb cb, void *ctx)
{
	static const char sql[] =
		"SELECT id FROM prospect WHERE status = 'active' AND next_time IS NOT NULL AND "
		"next_date >= :from AND next_date <= :to ORDER BY next_date, next_time, name COLLATE NOCASE, id";
	sqlite3_stmt *s = db_prep(st, sql);
	long long *ids = NULL;
	size_t n = 0, cap = 0, i;
	int r;

	db_bind_date(s, ":from", from);
	db_bind_date(s, ":to", to);
	while ((r = db_row(st, s)) == 1) {
		if (n == cap)
			ids = xrealloc(ids, (cap = cap * 2 + 16) * sizeof *ids);
		ids[n++] = sqlite3_column_int64(s, 0);
	}
	/* Each as store_show gives it (the statement is reused there). */
	for (i = 0; r == 0 && i < n; i++)
		r = store_show(st, ids[i], 0, cb, NULL, ctx);
	free(ids);
	return r < 0 ? -1 : 0;
}

int store_next_workday(struct store *st, int day, int *out)
{
	if (due_load_calendar(st) < 0)
		return -1;
	return workcal_next(&st->wc, day, out);
}
