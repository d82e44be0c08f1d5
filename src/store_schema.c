/*
 * store_schema.c - the schema (data/schema.sql, compiled in) and its
 * migrations under PRAGMA user_version, one transaction for all the steps
 * from a file's version to SCHEMA_VERSION (store_int.h).
 */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "followup/clock.h"
#include "schema.h"

/* ---- migrations ------------------------------------------------------ */

/* ALTER TABLE t ADD COLUMN def, unless t has a column of that name. */
static int add_column(struct store *st, const char *table, const char *def)
{
	char name[64], sql[256];
	sqlite3_stmt *s;
	int rc;

	snprintf(name, sizeof name, "%.*s", (int)strcspn(def, " "), def);
	if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2", -1, &s,
			       NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	db_finalize(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return -1;
	snprintf(sql, sizeof sql, "ALTER TABLE %s ADD COLUMN %s", table, def);
	return sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/*
 * Schema 6: the CHECK constraints on prospect.status, touch.channel and
 * touch.outcome compare with each value instead of testing `IN (list)`.
 * SQLite evaluates an IN list of three or more constants through a
 * temporary b-tree built once per statement run, that is once per
 * inserted row: a fifth of the time of an import.  Only the text of the
 * constraints changes (what they accept does not), so it is edited in
 * place, by SQLite's documented procedure for such changes: writable_schema,
 * then the schema cookie incremented, in the migration's transaction.
 */
static int checks_as_comparisons(struct store *st)
{
	static const char *const edits[3][2] = {
		{"CHECK (status IN ('active', 'won', 'lost'))",
		 "CHECK (status = 'active' OR status = 'won' OR status = 'lost')"},
		{"CHECK (channel IN ('call', 'email', 'chat', 'visit', 'other'))",
		 "CHECK (channel = 'call' OR channel = 'email' OR channel = 'chat' OR\n                channel = 'visit' OR channel = 'other')"},
		{"CHECK (outcome IN ('no-answer', 'voicemail', 'busy',\n                'wrong-number', 'connected', 'replied', 'meeting', 'not-now', 'won', 'lost'))",
		 "CHECK (outcome = 'no-answer' OR outcome = 'voicemail' OR\n                outcome = 'busy' OR outcome = 'wrong-number' OR outcome = 'connected' OR\n                outcome = 'replied' OR outcome = 'meeting' OR outcome = 'not-now' OR\n                outcome = 'won' OR outcome = 'lost')"}};
	static const char sql[] = "UPDATE sqlite_schema SET sql = replace(sql, ?1, ?2) "
				  "WHERE type = 'table' AND name IN ('prospect', 'touch')";
	char bump[64];
	long long cookie;
	sqlite3_stmt *s;
	int i, rc = 0;

	if (db_pragma_int(st, "PRAGMA schema_version", &cookie) < 0 ||
	    sqlite3_exec(st->db, "PRAGMA writable_schema = ON", NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		rc = -1;
	} else {
		for (i = 0; i < 3 && rc == 0; i++) {
			sqlite3_bind_text(s, 1, edits[i][0], -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 2, edits[i][1], -1, SQLITE_STATIC);
			if (sqlite3_step(s) != SQLITE_DONE)
				rc = -1;
			sqlite3_reset(s);
		}
		db_finalize(s);
	}
	snprintf(bump, sizeof bump, "PRAGMA schema_version = %lld", cookie + 1);
	if (rc == 0 && sqlite3_exec(st->db, bump, NULL, NULL, NULL) != SQLITE_OK)
		rc = -1;
	if (sqlite3_exec(st->db, "PRAGMA writable_schema = OFF", NULL, NULL, NULL) != SQLITE_OK)
		rc = -1;
	return rc;
}

int migrate(struct store *st)
{
	long long version;
	char stamp[21];
	sqlite3_stmt *s;

	if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return db_error(st, "");
	if (db_pragma_int(st, "PRAGMA user_version", &version) < 0)
		goto fail;
	if (version == 0) {
		if (sqlite3_exec(st->db, (const char *)schema_sql, NULL, NULL, NULL) != SQLITE_OK)
			goto fail;
		if (sqlite3_prepare_v2(st->db,
				       "INSERT INTO meta(key, value) VALUES ('db_id', "
				       "lower(hex(randomblob(8)))), ('created_at', :now)",
				       -1, &s, NULL) != SQLITE_OK)
			goto fail;
		db_bind_text(s, ":now", clock_utc_stamp(stamp));
		if (sqlite3_step(s) != SQLITE_DONE) {
			db_finalize(s);
			goto fail;
		}
		db_finalize(s);
	}
	if (version == 1) {
		/* 2: phone_key, the normalised phone that duplicates are found by. */
		sqlite3_stmt *sel, *upd;
		if (sqlite3_exec(st->db, "ALTER TABLE prospect ADD COLUMN phone_key TEXT; "
				 "CREATE INDEX prospect_phone ON prospect (phone_key) WHERE phone_key "
				 "IS NOT NULL", NULL, NULL, NULL) != SQLITE_OK ||
		    sqlite3_prepare_v2(st->db, "SELECT id, phone FROM prospect WHERE phone IS NOT NULL",
				       -1, &sel, NULL) != SQLITE_OK)
			goto fail;
		if (sqlite3_prepare_v2(st->db, "UPDATE prospect SET phone_key = ?2 WHERE id = ?1", -1,
				       &upd, NULL) != SQLITE_OK) {
			db_finalize(sel);
			goto fail;
		}
		while (sqlite3_step(sel) == SQLITE_ROW) {
			char *key = prospect_phone_key((const char *)sqlite3_column_text(sel, 1));
			if (!key)
				continue;
			sqlite3_bind_int64(upd, 1, sqlite3_column_int64(sel, 0));
			sqlite3_bind_text(upd, 2, key, -1, SQLITE_TRANSIENT);
			sqlite3_step(upd);
			sqlite3_reset(upd);
			free(key);
		}
		db_finalize(sel);
		db_finalize(upd);
	}
	if (version >= 1 && version < 3) {
		/* 3: undo entries found by row, so that a row's image is kept
		 * once per change (its oldest), not once per update. */
		if (sqlite3_exec(st->db, "DROP INDEX IF EXISTS undo_entry_grp; CREATE INDEX "
				 "IF NOT EXISTS undo_entry_row ON undo_entry (grp, tbl, row_id)", NULL, NULL,
				 NULL) != SQLITE_OK)
			goto fail;
	}
	if (version >= 1 && version < 5) {
		/* 4: each touch's follow-up step and gap, each prospect's
		 * follow-up count and first follow-up, kept by due_recompute() so that
		 * stats are aggregates over columns, not window functions over
		 * every touch; 5: each prospect's touch count and last touch, so
		 * that the due list and exports look up no touches per row.
		 * Filled in below for every prospect. */
		static const char *const cols[6][2] = {
			{"touch", "step INTEGER NOT NULL DEFAULT 0"}, {"touch", "gap INTEGER"},
			{"prospect", "fu_count INTEGER NOT NULL DEFAULT 0"}, {"prospect", "first_fu_days INTEGER"},
			{"prospect", "touch_count INTEGER NOT NULL DEFAULT 0"}, {"prospect", "last_touch_id INTEGER"}};
		int i;
		for (i = 0; i < 6; i++)
			if (add_column(st, cols[i][0], cols[i][1]) < 0)
				goto fail;
		if (sqlite3_exec(st->db, "CREATE INDEX IF NOT EXISTS touch_kind ON touch (channel, step, outcome); "
				 "CREATE INDEX IF NOT EXISTS touch_gap ON touch (prospect_id, gap) WHERE gap IS NOT NULL",
				 NULL, NULL, NULL) != SQLITE_OK)
			goto fail;
	}
	if (version >= 1 && version < 8) {
		/* 8: each prospect's change stamp (SPEC §1), from which the
		 * calendar SEQUENCE is derived (§4).  First, as the steps below
		 * recompute and recompute writes it. */
		if (add_column(st, "prospect", "changed INTEGER NOT NULL DEFAULT 0") < 0)
			goto fail;
		if (sqlite3_prepare_v2(st->db, "UPDATE prospect SET changed = ?1", -1, &s, NULL) != SQLITE_OK)
			goto fail;
		sqlite3_bind_int64(s, 1, store_stamp(st));
		if (sqlite3_step(s) != SQLITE_DONE) {
			db_finalize(s);
			goto fail;
		}
		db_finalize(s);
	}
	if (version >= 1 && version < 11) {
		/* 11: mail records and the appointment's invitation UID. */
		if (add_column(st, "prospect", "appt_uid TEXT") < 0 ||
		    sqlite3_exec(st->db,
				 "CREATE TABLE IF NOT EXISTS mail (id INTEGER PRIMARY KEY, prospect_id INTEGER "
				 "NOT NULL, at TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind = 'reminder' OR "
				 "kind = 'summary' OR kind = 'cancel'), subject TEXT, message_id TEXT NOT NULL, "
				 "sent INTEGER NOT NULL, invite_uid TEXT, invite_seq INTEGER, appt_date TEXT, "
				 "appt_time TEXT, to_name TEXT, to_email TEXT); "
				 "CREATE INDEX IF NOT EXISTS mail_prospect ON mail (prospect_id, id); "
				 "CREATE INDEX IF NOT EXISTS mail_invite ON mail (invite_uid, id) WHERE "
				 "invite_uid IS NOT NULL", NULL, NULL, NULL) != SQLITE_OK)
			goto fail;
	}
	if (version >= 1 && version < 10) {
		/* 10: the appointment's agenda, with its next date (SPEC §10). */
		if (add_column(st, "prospect", "next_agenda TEXT") < 0)
			goto fail;
	}
	if (version >= 1 && version < 9) {
		/* 9: what search compares, folded (fold.h). */
		if (add_column(st, "prospect", "search TEXT") < 0 ||
		    sqlite3_exec(st->db, "UPDATE prospect SET search = followup_fold_key(name, company, "
				 "email, phone)", NULL, NULL, NULL) != SQLITE_OK)
			goto fail;
	}
	if (version >= 1 && version < 7) {
		/* 7: the last touch's time, channel and outcome on its prospect,
		 * so that the lists read no touch. */
		if (add_column(st, "prospect", "last_at TEXT") < 0 ||
		    add_column(st, "prospect", "last_channel TEXT") < 0 ||
		    add_column(st, "prospect", "last_outcome TEXT") < 0 || due_recompute_every(st) < 0)
			goto fail;
	}
	/* Last: it edits the tables' text, which the steps above extend. */
	if (version >= 1 && version < 6 && checks_as_comparisons(st) < 0)
		goto fail;
	if (version >= 1 && version < 12) {
		/* 12: an import's prospects journaled as runs of ids, one entry
		 * a run rather than one a row (store_undo.c). */
		if (add_column(st, "undo_entry", "row_last INTEGER") < 0)
			goto fail;
	}
	/* Later versions: `if (version >= 1 && version < 13) { ... }`, one step each. */
	if (sqlite3_exec(st->db, "PRAGMA application_id = " STR(APPLICATION_ID) "; PRAGMA user_version = " STR(SCHEMA_VERSION),
			 NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	return 0;
fail:
	db_error(st, "migration");
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}
