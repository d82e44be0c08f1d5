/*
 * store_write.c - the writes of store.h: prospects, touches, next dates,
 * batches (import), duplicates, cadences and time off.  Each is one undo
 * group (store_undo.c) and recomputes what it changed (store_due.c).
 */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "followup/clock.h"
#include "followup/date.h"
#include "followup/err.h"
#include "followup/util.h"

/* ---- prospects ------------------------------------------------------ */

static int check_fields(const struct prospect_fields *f, int require_name)
{
	static const char *const names[7] = {"name", "company", "title", "email", "phone", "source", "notes"};
	const char *const *v = &f->name;
	int i;

	/* Invalid UTF-8 would make invalid JSON and garbled exports. */
	for (i = 0; i < 7; i++)
		if (!util_valid_utf8(v[i]))
			return err_usage("%s %s: not valid UTF-8", names[i], err_quote(v[i]));
	if ((require_name || f->name) && !util_has_text(f->name))
		return err_usage("name %s: empty", err_quote(f->name));
	if (f->email && util_has_text(f->email)) {
		char *e = util_trimmed(f->email);
		int ok = prospect_valid_email(e);
		free(e);
		if (!ok)
			return err_usage("email %s: not an email address", err_quote(f->email));
	}
	if (!prospect_valid_phone(f->phone))
		return err_usage("phone %s: not a phone number (no digits)", err_quote(f->phone));
	return 0;
}

/* Bind :name to name and step s (NULL: db_prep's error) once: 1 with
 * cadence name's row, or -1 (a usage error when there is none). */
static int cadence_row(struct store *st, sqlite3_stmt *s, const char *name)
{
	db_bind_text(s, ":name", name);
	return db_found(st, s, "cadence", name, "no such cadence (see followup cadence list)");
}

/* The id of cadence `name` and, when c is given, the cadence itself. */
static int cadence_id(struct store *st, const char *name, long long *id, struct cadence *c)
{
	static const char sql[] = "SELECT id, name, offsets, tail FROM cadence WHERE name = :name";
	struct cadence cd;
	sqlite3_stmt *s;
	int r;

	/* An import names the same cadence row after row, and cadences do not
	 * change inside it: the last one found is kept for the batch. */
	if (st->batch && st->batch_cadence_id && !strcmp(st->batch_cadence_name, name)) {
		*id = st->batch_cadence_id;
		if (c)
			*c = st->batch_cadence;
		return 0;
	}
	if (cadence_row(st, s = db_prep(st, sql), name) < 0)
		return -1;
	*id = sqlite3_column_int64(s, 0);
	r = due_cadence_from_row(s, 1, &cd);
	sqlite3_reset(s);
	if (r < 0)
		return err_runtime("database %s: cadence %s is corrupt", err_quote(st->path), err_quote(name));
	if (c)
		*c = cd;
	if (st->batch && strlen(name) < sizeof st->batch_cadence_name) {
		memcpy(st->batch_cadence_name, name, strlen(name) + 1);
		st->batch_cadence = cd;
		st->batch_cadence_id = *id;
	}
	return 0;
}

int store_prospect_add(struct store *st, const struct prospect_new *p, long long *id)
{
	static const char sql[] =
		"INSERT INTO prospect (id, name, company, title, email, phone, phone_key, source, notes, "
		"status, first_contact, cadence_id, flags, next_date, next_time, next_set_on, next_agenda, "
		"due, due_time, due_kind, due_step, complete, changed, search, "
		"created_at, updated_at) VALUES (CASE WHEN :id > coalesce((SELECT seq FROM "
		"sqlite_sequence WHERE name = 'prospect'), 0) THEN :id END, :name, :company, :title, :email, :phone, "
		":phone_key, :source, :notes, :status, :d0, :cad, :flags, :next, "
		":next_time, CASE WHEN :next IS NOT NULL THEN :today END, :agenda, :due, :due_time, :kind, "
		":step, :complete, :stamp, followup_fold_key(:name, :company, :email, :phone), :now, :now)";
	char label[300], stamp[21], clean[200], *key;
	long long cad;
	sqlite3_stmt *s;
	struct cadence c;
	struct schedule out;
	int next = p->next_date ? p->next_date : DATE_NONE;
	int next_time = next != DATE_NONE ? p->next_time : TIME_NONE;

	if (check_fields(&p->f, 1) < 0)
		return -1;
	if (p->first_contact > st->today)
		return err_usage("first contact %s: after today", err_quote(date_format(p->first_contact, label)));
	snprintf(label, sizeof label, "add %s", util_sanitize(clean, sizeof clean, p->f.name, 60));
	if (undo_begin(st, label) < 0)
		return -1;
	/* No touches yet: the due columns are known before the row exists,
	 * so it is written once (an import adds rows by the hundred thousand). */
	if (cadence_id(st, p->cadence, &cad, &c) < 0 ||
	    due_schedule(st, &c, p->status, p->first_contact, NULL, 0, next, next_time, &out) < 0 ||
	    !(s = db_prep(st, sql)))
		return undo_abort(st);
	db_bind_field(s, ":name", p->f.name);
	db_bind_field(s, ":company", p->f.company);
	db_bind_field(s, ":title", p->f.title);
	db_bind_field(s, ":email", p->f.email);
	db_bind_field(s, ":phone", p->f.phone);
	db_bind_field(s, ":source", p->f.source);
	db_bind_field(s, ":notes", p->f.notes);
	db_bind_date(s, ":d0", p->first_contact);
	db_bind_int(s, ":cad", cad);
	db_bind_int(s, ":flags", p->flags & FLAG_ALL);
	db_bind_text(s, ":now", clock_utc_stamp(stamp));
	db_bind_int(s, ":stamp", store_stamp(st));
	db_bind_int(s, ":id", p->id);
	db_bind_text(s, ":status", status_name(p->status));
	db_bind_date(s, ":next", next);
	db_bind_time(s, ":next_time", next_time);
	db_bind_field(s, ":agenda", next != DATE_NONE ? p->next_agenda : NULL);
	db_bind_date(s, ":today", st->today);
	key = prospect_phone_key(p->f.phone);
	db_bind_text(s, ":phone_key", key);
	free(key);
	due_bind(s, &out);
	if (db_run_insert(st, s, id) < 0)
		return undo_abort(st);
	if (undo_note_insert(st, T_PROSPECT, *id, *id) < 0 || undo_commit(st) < 0)
		return undo_abort(st);
	return 0;
}

/* Name and day 0 of a prospect; usage error when there is none. */
static int prospect_basics(struct store *st, long long id, char *name, size_t n, int *d0,
			   int *next_set_on)
{
	static const char sql[] = "SELECT name, first_contact, next_set_on FROM prospect WHERE id = :id";
	sqlite3_stmt *s = db_prep(st, sql);

	if (db_prospect_row(st, s, id) < 0)
		return -1;
	if (name)
		util_sanitize(name, n, db_col_text(s, 0), 60);
	if (d0)
		*d0 = db_col_date(s, 1);
	if (next_set_on)
		*next_set_on = db_col_date(s, 2);
	sqlite3_reset(s);
	return 0;
}

static int bump(struct store *st, long long id)
{
	static const char sql[] = "UPDATE prospect SET revision = revision + 1, "
				  "changed = max(changed + 1, :stamp), updated_at = :now WHERE id = :id";
	sqlite3_stmt *s = db_prep(st, sql);
	char stamp[21];
	if (!s)
		return -1;
	db_bind_int(s, ":stamp", store_stamp(st));
	db_bind_text(s, ":now", clock_utc_stamp(stamp));
	db_bind_int(s, ":id", id);
	return db_run(st, s);
}

int store_prospect_edit(struct store *st, long long id, const struct prospect_edit *e)
{
	static const char sql[] =
		"UPDATE prospect SET "
		"name = CASE WHEN :set_name THEN :name ELSE name END, "
		"company = CASE WHEN :set_company THEN :company ELSE company END, "
		"title = CASE WHEN :set_title THEN :title ELSE title END, "
		"email = CASE WHEN :set_email THEN :email ELSE email END, "
		"phone = CASE WHEN :set_phone THEN :phone ELSE phone END, "
		"phone_key = CASE WHEN :set_phone THEN :phone_key ELSE phone_key END, "
		"source = CASE WHEN :set_source THEN :source ELSE source END, "
		"notes = CASE WHEN :set_notes THEN :notes ELSE notes END, "
		"status = coalesce(:status, status), "
		"cadence_id = coalesce(:cad, cadence_id), "
		"first_contact = coalesce(:d0, first_contact), "
		"flags = (flags | :fset) & ~:fclear "
		"WHERE id = :id";
	static const char first_touch[] =
		"SELECT min(substr(at, 1, 10)) FROM touch WHERE prospect_id = :id";
	static const char research[] =
		"UPDATE prospect SET search = followup_fold_key(name, company, email, phone) WHERE id = :id";
	const char *const names[7] = {":name", ":company", ":title", ":email", ":phone", ":source", ":notes"};
	const char *const *vals = &e->f.name;
	char label[300], name[200], setname[24], buf[11];
	long long cad = 0;
	sqlite3_stmt *s;
	int i, first;

	if (check_fields(&e->f, 0) < 0)
		return -1;
	if (e->first_contact != DATE_NONE && e->first_contact > st->today)
		return err_usage("first contact %s: after today", err_quote(date_format(e->first_contact, buf)));
	if (prospect_basics(st, id, name, sizeof name, NULL, NULL) < 0)
		return -1;
	snprintf(label, sizeof label, "edit %s (#%lld)", name, id);
	if (undo_begin_prospect(st, label, id) < 0)
		return -1;
	if (e->cadence && cadence_id(st, e->cadence, &cad, NULL) < 0)
		return undo_abort(st);
	if (e->first_contact != DATE_NONE) {
		if (!(s = db_prep(st, first_touch)))
			return undo_abort(st);
		db_bind_int(s, ":id", id);
		if (db_row(st, s) < 0)
			return undo_abort(st);
		first = db_col_date(s, 0);
		sqlite3_reset(s);
		if (first != DATE_NONE && e->first_contact > first) {
			undo_abort(st);
			return err_usage("first contact %s: after the first touch (%s)",
					 err_quote(date_format(e->first_contact, label)),
					 date_format(first, buf));
		}
	}
	if (!(s = db_prep(st, sql)))
		return undo_abort(st);
	for (i = 0; i < 7; i++) {
		snprintf(setname, sizeof setname, ":set_%s", names[i] + 1);
		db_bind_int(s, setname, vals[i] != NULL);
		db_bind_field(s, names[i], vals[i]);
	}
	if (e->f.phone) {
		char *key = prospect_phone_key(e->f.phone);
		db_bind_text(s, ":phone_key", key);
		free(key);
	}
	db_bind_text(s, ":status", e->set_status ? status_name(e->status) : NULL);
	if (e->cadence)
		db_bind_int(s, ":cad", cad);
	db_bind_date(s, ":d0", e->first_contact);
	db_bind_int(s, ":fset", e->flags_set & FLAG_ALL);
	db_bind_int(s, ":fclear", e->flags_clear & FLAG_ALL);
	db_bind_int(s, ":id", id);
	if (db_run(st, s) < 0 || !(s = db_prep(st, research)))
		return undo_abort(st);
	db_bind_int(s, ":id", id);
	if (db_run(st, s) < 0 || bump(st, id) < 0 || due_recompute(st, id) < 0 || undo_commit(st) < 0)
		return undo_abort(st);
	return 0;
}

int store_prospect_delete(struct store *st, long long id)
{
	static const char touches[] = "DELETE FROM touch WHERE prospect_id = :id";
	static const char sql[] = "DELETE FROM prospect WHERE id = :id";
	char label[300], name[200];
	sqlite3_stmt *s;

	if (prospect_basics(st, id, name, sizeof name, NULL, NULL) < 0)
		return -1;
	snprintf(label, sizeof label, "delete %s (#%lld)", name, id);
	if (undo_begin(st, label) < 0)
		return -1;
	if (undo_keep_old(st, T_TOUCH, 1, BY_PROSPECT, id) < 0 || !(s = db_prep(st, touches)))
		return undo_abort(st);
	db_bind_int(s, ":id", id);
	if (db_run(st, s) < 0 || undo_keep_old(st, T_PROSPECT, 1, BY_ID, id) < 0 || !(s = db_prep(st, sql)))
		return undo_abort(st);
	db_bind_int(s, ":id", id);
	if (db_run(st, s) < 0 || undo_commit(st) < 0)
		return undo_abort(st);
	return 0;
}

int store_prospect_state(struct store *st, long long id, struct prospect_state *out)
{
	static const char sql[] =
		"SELECT name, first_contact, status, due, due_time, due_kind, due_step, complete, "
		"(SELECT count(*) FROM touch WHERE prospect_id = p.id) FROM prospect p WHERE id = :id";
	sqlite3_stmt *s = db_prep(st, sql);
	const char *t;

	if (db_prospect_row(st, s, id) < 0)
		return -1;
	memset(out, 0, sizeof *out);
	out->id = id;
	snprintf(out->name, sizeof out->name, "%s", db_col_text(s, 0));
	out->first_contact = db_col_date(s, 1);
	out->status = due_status_of(db_col_text(s, 2));
	out->due = db_col_date(s, 3);
	out->due_time = db_col_time(s, 4);
	t = db_col_text(s, 5);
	out->kind = !t ? DUE_NONE : !strcmp(t, "explicit") ? DUE_EXPLICIT : DUE_CADENCE;
	out->step = sqlite3_column_int(s, 6);
	out->no_next_step = sqlite3_column_int(s, 7);
	out->touch_count = sqlite3_column_int(s, 8);
	sqlite3_reset(s);
	return 0;
}

/* ---- touches and next dates ----------------------------------------- */

int store_touch_add(struct store *st, long long prospect, int date, int minutes,
		    enum channel channel, enum outcome outcome, const char *note,
		    long long *touch_id)
{
	static const char ins[] =
		"INSERT INTO touch (prospect_id, at, channel, outcome, note, created_at) "
		"VALUES (:pid, :at, :channel, :outcome, :note, :now)";
	static const char status[] = "UPDATE prospect SET status = :status WHERE id = :id";
	static const char clear[] =
		"UPDATE prospect SET next_date = NULL, next_time = NULL, next_set_on = NULL, next_agenda = NULL, "
		"appt_uid = NULL "
		"WHERE id = :id";
	char label[300], name[200], at[17], buf[11], tbuf[6], stamp[21];
	int d0, set_on;
	long long tid;
	sqlite3_stmt *s;

	if (!util_valid_utf8(note))
		return err_usage("note %s: not valid UTF-8", err_quote(note));
	if (prospect_basics(st, prospect, name, sizeof name, &d0, &set_on) < 0)
		return -1;
	if (date < d0)
		return err_usage("touch date %s: before day 0 of prospect %lld (%s)",
				 err_quote(date_format(date, buf)), prospect, date_format(d0, label));
	if (date > st->today)
		return err_usage("touch date %s: after today (%s)", err_quote(date_format(date, buf)),
				 date_format(st->today, label));
	if (minutes < 0 || minutes >= 24 * 60)
		minutes = 12 * 60;
	snprintf(at, sizeof at, "%sT%s", date_format(date, buf), time_format(minutes, tbuf));
	snprintf(label, sizeof label, "log %s/%s for %s (#%lld)", channel_name(channel),
		 outcome_name(outcome), name, prospect);
	if (undo_begin_prospect(st, label, prospect) < 0)
		return -1;
	if (!(s = db_prep(st, ins)))
		return undo_abort(st);
	db_bind_int(s, ":pid", prospect);
	db_bind_text(s, ":at", at);
	db_bind_text(s, ":channel", channel_name(channel));
	db_bind_text(s, ":outcome", outcome_name(outcome));
	db_bind_field(s, ":note", note);
	db_bind_text(s, ":now", clock_utc_stamp(stamp));
	if (db_run_insert(st, s, &tid) < 0 || undo_note_insert(st, T_TOUCH, tid, prospect) < 0)
		return undo_abort(st);
	if (touch_id)
		*touch_id = tid;
	/* A restored touch log does not override the status its prospect was
	 * imported with. */
	if ((outcome == OUT_WON || outcome == OUT_LOST) && !st->restoring) {
		if (!(s = db_prep(st, status)))
			return undo_abort(st);
		db_bind_text(s, ":status", outcome_name(outcome));
		db_bind_int(s, ":id", prospect);
		if (db_run(st, s) < 0)
			return undo_abort(st);
	}
	/* Rule 5: a touch on or after the day the next date was set clears it
	 * (not when restoring a touch log: that history predates the date). */
	if (set_on != DATE_NONE && date >= set_on && !st->restoring) {
		if (!(s = db_prep(st, clear)))
			return undo_abort(st);
		db_bind_int(s, ":id", prospect);
		if (db_run(st, s) < 0)
			return undo_abort(st);
	}
	if (bump(st, prospect) < 0 || due_recompute(st, prospect) < 0 || undo_commit(st) < 0)
		return undo_abort(st);
	return 0;
}

int store_touch_remove(struct store *st, long long touch_id, long long *prospect)
{
	static const char get[] = "SELECT prospect_id, at, channel, outcome FROM touch WHERE id = :id";
	static const char del[] = "DELETE FROM touch WHERE id = :id";
	char label[300], name[200];
	sqlite3_stmt *s = db_prep(st, get);

	if (db_id_row(st, s, touch_id, "touch", "no such touch") < 0)
		return -1;
	*prospect = sqlite3_column_int64(s, 0);
	snprintf(label, sizeof label, "remove touch #%lld (%s %s/%s)", touch_id, db_col_text(s, 1),
		 db_col_text(s, 2), db_col_text(s, 3));
	sqlite3_reset(s);
	if (prospect_basics(st, *prospect, name, sizeof name, NULL, NULL) < 0)
		return -1;
	snprintf(label + strlen(label), sizeof label - strlen(label), " for %s", name);
	if (undo_begin_prospect(st, label, *prospect) < 0)
		return -1;
	if (undo_keep_old(st, T_TOUCH, 1, BY_ID, touch_id) < 0 || !(s = db_prep(st, del)))
		return undo_abort(st);
	db_bind_int(s, ":id", touch_id);
	if (db_run(st, s) < 0 || bump(st, *prospect) < 0 || due_recompute(st, *prospect) < 0 ||
	    undo_commit(st) < 0)
		return undo_abort(st);
	return 0;
}

static int set_next(struct store *st, long long id, int date, int time, const char *agenda)
{
	static const char sql[] =
		"UPDATE prospect SET next_date = :d, next_time = :t, next_set_on = :on, "
		"next_agenda = :agenda, appt_uid = CASE WHEN :t IS NOT NULL AND next_time IS NOT NULL "
		"THEN appt_uid END WHERE id = :id";
	char label[300], name[200], buf[11], tbuf[6];
	sqlite3_stmt *s;

	if (date != DATE_NONE && date < st->today)
		return err_usage("next date %s: before today (%s)", err_quote(date_format(date, buf)),
				 date_format(st->today, label));
	if (!util_valid_utf8(agenda))
		return err_usage("agenda %s: not valid UTF-8", err_quote(agenda));
	if (prospect_basics(st, id, name, sizeof name, NULL, NULL) < 0)
		return -1;
	if (date == DATE_NONE)
		snprintf(label, sizeof label, "clear next date of %s (#%lld)", name, id);
	else
		snprintf(label, sizeof label, "next date %s%s%s for %s (#%lld)", date_format(date, buf),
			 time == TIME_NONE ? "" : " ", time == TIME_NONE ? "" : time_format(time, tbuf),
			 name, id);
	if (undo_begin_prospect(st, label, id) < 0)
		return -1;
	if (!(s = db_prep(st, sql)))
		return undo_abort(st);
	db_bind_date(s, ":d", date);
	db_bind_time(s, ":t", date == DATE_NONE ? TIME_NONE : time);
	db_bind_date(s, ":on", date == DATE_NONE ? DATE_NONE : st->today);
	db_bind_field(s, ":agenda", date == DATE_NONE ? NULL : agenda);
	db_bind_int(s, ":id", id);
	if (db_run(st, s) < 0 || bump(st, id) < 0 || due_recompute(st, id) < 0 || undo_commit(st) < 0)
		return undo_abort(st);
	return 0;
}

int store_next_set(struct store *st, long long id, int date, int time, const char *agenda)
{
	if (date == DATE_NONE)
		return err_usage("next date: missing");
	return set_next(st, id, date, time, agenda);
}

int store_next_clear(struct store *st, long long id)
{
	return set_next(st, id, DATE_NONE, TIME_NONE, NULL);
}

/* ---- batches ------------------------------------------------------- */

int store_batch_begin(struct store *st, const char *label)
{
	/* One transaction for the whole file: give it a page cache that holds
	 * the dirty pages of a large import (32 MiB, allocated as used), so
	 * they are written a few times rather than spilled to the WAL every
	 * few rows (20 pwrite()s per imported row with the 2 MiB default),
	 * and bounded, so the import's memory does not grow with the file
	 * (128 MiB here and the undo ids held to the end took 300 MB for a
	 * million rows; now about 42 MB). */
	if (db_exec(st, "PRAGMA cache_size = -32768") < 0 || undo_begin(st, label) < 0)
		return -1;
	st->batch = 1;
	st->batch_cadence_id = 0;
	return 0;
}

void store_set_restoring(struct store *st, int on)
{
	st->restoring = on;
}

int store_batch_end(struct store *st, int commit)
{
	if (!st->batch)
		return -1; /* a write failed and ended it; its error is recorded */
	st->batch = 0;
	if (!commit) {
		undo_abort(st);
		return 0;
	}
	if (undo_commit(st) < 0)
		return undo_abort(st);
	return 0;
}

int store_find_duplicate(struct store *st, const char *email, const char *phone, long long *id)
{
	/* One statement a row of an import: by email, else by phone. */
	static const char sql[] =
		"SELECT coalesce((SELECT id FROM prospect WHERE lower(email) = lower(:email) AND "
		"email IS NOT NULL ORDER BY id LIMIT 1), (SELECT id FROM prospect WHERE phone_key = :key "
		"AND phone_key IS NOT NULL ORDER BY id LIMIT 1))";
	char *key = prospect_phone_key(phone);
	sqlite3_stmt *s;
	int r;

	*id = 0;
	if (!util_has_text(email) && !key)
		return 0;
	if (!(s = db_prep(st, sql))) {
		free(key);
		return -1;
	}
	db_bind_field(s, ":email", email);
	db_bind_text(s, ":key", key);
	if ((r = db_row(st, s)) == 1) {
		*id = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	free(key);
	return r < 0 ? -1 : 0;
}


/* ---- cadences ------------------------------------------------------- */

int store_cadence_get(struct store *st, const char *name, struct cadence *out)
{
	static const char sql[] = "SELECT name, offsets, tail FROM cadence WHERE name = :name";
	sqlite3_stmt *s = db_prep(st, sql);
	int r;

	if (cadence_row(st, s, name) < 0)
		return -1;
	r = due_cadence_from_row(s, 0, out);
	sqlite3_reset(s);
	return r;
}

int store_cadence_add(struct store *st, const struct cadence *c)
{
	static const char exists[] = "SELECT 1 FROM cadence WHERE name = :name";
	static const char sql[] = "INSERT INTO cadence (name, offsets, tail) VALUES (:name, :offsets, :tail)";
	char label[128], offsets[512], tail[32];
	sqlite3_stmt *s = db_prep(st, exists);
	long long id;
	int r;

	db_bind_text(s, ":name", c->name);
	if ((r = db_row(st, s)) != 0) {
		sqlite3_reset(s);
		return r < 0 ? -1 : err_usage("cadence %s: already exists", err_quote(c->name));
	}
	snprintf(label, sizeof label, "add cadence %s", c->name);
	if (undo_begin(st, label) < 0 || !(s = db_prep(st, sql)))
		return undo_abort(st);
	db_bind_text(s, ":name", c->name);
	db_bind_text(s, ":offsets", cadence_format_offsets(c, offsets, sizeof offsets));
	db_bind_text(s, ":tail", cadence_format_tail(c, tail, sizeof tail));
	if (db_run_insert(st, s, &id) < 0 || undo_note_insert(st, T_CADENCE, id, 0) < 0 ||
	    due_raise_since(st) < 0 || undo_commit(st) < 0)
		return undo_abort(st);
	return 0;
}

int store_cadence_each(struct store *st,
		       int (*cb)(const struct cadence *c, int builtin, long long uses, void *ctx),
		       void *ctx)
{
	static const char sql[] =
		"SELECT name, offsets, tail, builtin, (SELECT count(*) FROM prospect p WHERE "
		"p.cadence_id = c.id) FROM cadence c ORDER BY builtin DESC, name COLLATE NOCASE";
	sqlite3_stmt *s = db_prep(st, sql);
	struct cadence c;
	int r;

	if (!s)
		return -1;
	while ((r = db_row(st, s)) == 1) {
		if (due_cadence_from_row(s, 0, &c) < 0 ||
		    cb(&c, sqlite3_column_int(s, 3), sqlite3_column_int64(s, 4), ctx) < 0) {
			sqlite3_reset(s);
			return -1;
		}
	}
	return r;
}

/* ---- time off ------------------------------------------------------- */

/* After time off came or went, in its change: the workday calendar
 * changed, so every active prospect's due date follows; commit. */
static int away_commit(struct store *st)
{
	st->wc_ready = 0;
	if (due_raise_since(st) < 0 || due_recompute_all(st) < 0 || undo_commit(st) < 0) {
		st->wc_ready = 0;
		return undo_abort(st);
	}
	return 0;
}

int store_away_add(struct store *st, int from, int to, long long *id)
{
	static const char sql[] = "INSERT INTO away (start, end) VALUES (:from, :to)";
	char label[64], a[11], b[11];
	sqlite3_stmt *s;

	if (to < from)
		return err_usage("time off %s to %s: ends before it starts",
				 err_quote(date_format(from, a)), err_quote(date_format(to, b)));
	if (to - from + 1 > WORKCAL_MAX_AWAY_DAYS)
		return err_usage("time off %s to %s: longer than %d days",
				 err_quote(date_format(from, a)), err_quote(date_format(to, b)),
				 WORKCAL_MAX_AWAY_DAYS);
	snprintf(label, sizeof label, "time off %s to %s", date_format(from, a), date_format(to, b));
	if (undo_begin(st, label) < 0 || !(s = db_prep(st, sql)))
		return undo_abort(st);
	db_bind_date(s, ":from", from);
	db_bind_date(s, ":to", to);
	if (db_run_insert(st, s, id) < 0 || undo_note_insert(st, T_AWAY, *id, 0) < 0)
		return undo_abort(st);
	return away_commit(st);
}

int store_away_remove(struct store *st, long long id)
{
	static const char get[] = "SELECT start, end FROM away WHERE id = :id";
	static const char sql[] = "DELETE FROM away WHERE id = :id";
	char label[64];
	sqlite3_stmt *s = db_prep(st, get);

	if (db_id_row(st, s, id, "time off", "no such period") < 0)
		return -1;
	snprintf(label, sizeof label, "remove time off %s to %s", db_col_text(s, 0), db_col_text(s, 1));
	sqlite3_reset(s);
	if (undo_begin(st, label) < 0 || undo_keep_old(st, T_AWAY, 1, BY_ID, id) < 0 ||
	    !(s = db_prep(st, sql)))
		return undo_abort(st);
	db_bind_int(s, ":id", id);
	if (db_run(st, s) < 0)
		return undo_abort(st);
	return away_commit(st);
}

int store_away_each(struct store *st, int (*cb)(long long id, int from, int to, void *ctx),
		    void *ctx)
{
	static const char sql[] = "SELECT id, start, end FROM away ORDER BY start, id";
	sqlite3_stmt *s = db_prep(st, sql);
	int r;

	if (!s)
		return -1;
	while ((r = db_row(st, s)) == 1)
		if (cb(sqlite3_column_int64(s, 0), db_col_date(s, 1), db_col_date(s, 2), ctx) < 0) {
			sqlite3_reset(s);
			return -1;
		}
	return r;
}
