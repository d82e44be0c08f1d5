/*
 * store_undo.c - the undo journal and undo itself (store_int.h: begin,
 * keep the old image, note an insert, commit or abort; store.h:
 * store_undo).
 *
 * A change is one BEGIN IMMEDIATE transaction and one undo group; each
 * write keeps the old image of the rows it changes in undo_entry as JSON.
 * The derived due columns are not journaled: undo restores the user-level
 * rows and recomputes, so the journal stays small.
 */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "followup/clock.h"
#include "followup/err.h"
#include "followup/util.h"

#define UNDO_KEEP 100 /* change groups kept */

/* ---- the undo journal ----------------------------------------------- */

struct table {
	const char *name;
	const char *cols[28];
	const char *pid; /* expression for the prospect affected, with %s = old/new */
};

static const struct table tables[] = {
	{"prospect", {"id", "name", "company", "title", "email", "phone", "phone_key", "source", "notes",
		      "status", "first_contact", "cadence_id", "next_date", "next_time",
		      "next_set_on", "next_agenda", "appt_uid", "flags", "due", "due_time", "due_kind", "due_step",
		      "complete", "revision", "created_at", "updated_at", "search", NULL}, "id"},
	{"touch", {"id", "prospect_id", "at", "channel", "outcome", "note", "created_at", NULL},
	 "prospect_id"},
	{"away", {"id", "start", "end", NULL}, NULL},
	{"cadence", {"id", "name", "offsets", "tail", "builtin", NULL}, NULL},
};
#define NTABLES (sizeof tables / sizeof tables[0])

/* Append printf output to a growing buffer. */
static void sbprintf(char *buf, size_t n, const char *fmt, const char *a, const char *b)
{
	size_t len = strlen(buf);
	snprintf(buf + len, n - len, fmt, a, b);
}

static void json_image(char *buf, size_t n, const struct table *t, const char *ref)
{
	int i;
	sbprintf(buf, n, "json_object(%s%s", "", "");
	for (i = 0; t->cols[i]; i++) {
		sbprintf(buf, n, "%s'%s', ", i ? ", " : "", t->cols[i]);
		sbprintf(buf, n, "%s.%s", ref, t->cols[i]);
	}
	sbprintf(buf, n, ")%s%s", "", "");
}

int undo_abort(struct store *st);
static int journal_flush(struct store *st, size_t t);

/*
 * The journal is written by the store itself, beside each write, while an
 * undo group is open (st->grp):
 *   - undo_note_insert() after a row is inserted: its id;
 *   - undo_keep_old() before rows are updated or deleted: their image as JSON,
 *     an update only when this group holds nothing for the row yet (undo
 *     needs the oldest image alone), a delete always.
 * Derived columns written by due_recompute() are not journaled: undo restores
 * the user-level rows and recomputes the prospects they belong to.
 * (Until schema 5 this was TEMP triggers; compiling them on every start was
 * 40% of the instructions of a `followup log`.)
 */
int undo_keep_old(struct store *st, size_t t, int del, int by, long long id)
{
	static char sql[NTABLES][2][2][2048];
	char *q = sql[t][del][by];
	const struct table *tb = &tables[t];
	sqlite3_stmt *s;

	if (!st->grp)
		return 0;
	if (st->batch && journal_flush(st, t) < 0)
		return -1; /* a row of t inserted earlier in the batch: its entry first */
	if (!q[0]) {
		snprintf(q, sizeof sql[t][del][by],
			 "INSERT INTO undo_entry (grp, tbl, op, row_id, prospect_id, old) "
			 "SELECT :grp, '%s', '%s', id, ", tb->name, del ? "delete" : "update");
		sbprintf(q, sizeof sql[t][del][by], "%s, ", tb->pid ? tb->pid : "NULL", "");
		json_image(q, sizeof sql[t][del][by], tb, tb->name);
		sbprintf(q, sizeof sql[t][del][by], " FROM main.%s WHERE %s = :id", tb->name,
			 by == BY_ID ? "id" : "prospect_id");
		if (!del)
			sbprintf(q, sizeof sql[t][del][by], " AND NOT EXISTS (SELECT 1 FROM undo_entry e "
				 "WHERE e.grp = :grp AND e.tbl = '%s' AND e.row_id = %s.id)",
				 tb->name, tb->name);
	}
	if (!(s = db_prep(st, q)))
		return -1;
	db_bind_int(s, ":grp", st->grp);
	db_bind_int(s, ":id", id);
	return db_run(st, s);
}

/*
 * An inserted row.  Inside a batch (an import) the inserts are collected
 * and written when the batch commits, or before anything else is
 * journaled, so that the entries stay in the order of the changes:
 *   - prospects as runs of consecutive ids (AUTOINCREMENT gives an
 *     import's new prospects one run), one entry a run (row_id..row_last):
 *     one row a prospect was 13% of an import's instructions;
 *   - touches as a JSON array of [id, prospect], written by one statement
 *     every 64 KiB, since undo needs each one's prospect.
 */
static int journal_insert(struct store *st, size_t t, long long id, long long last, long long pid)
{
	static const char sql[] = "INSERT INTO undo_entry (grp, tbl, op, row_id, row_last, prospect_id) "
				  "VALUES (:grp, :tbl, 'insert', :id, :last, :pid)";
	sqlite3_stmt *s;

	if (!(s = db_prep(st, sql)))
		return -1;
	db_bind_int(s, ":grp", st->grp);
	db_bind_text(s, ":tbl", tables[t].name);
	db_bind_int(s, ":id", id);
	if (last != id)
		db_bind_int(s, ":last", last);
	if (tables[t].pid && pid)
		db_bind_int(s, ":pid", pid);
	return db_run(st, s);
}

int undo_note_insert(struct store *st, size_t t, long long id, long long pid)
{
	char item[64];
	size_t len;
	struct idbuf *b = &st->new_touches;

	if (!st->grp)
		return 0;
	if (!st->batch || (t != T_PROSPECT && t != T_TOUCH))
		return journal_insert(st, t, id, id, pid);
	if (t == T_PROSPECT) {
		if (st->run_last && id == st->run_last + 1) {
			st->run_last = id;
			return 0;
		}
		if (journal_flush(st, T_PROSPECT) < 0)
			return -1;
		st->run_first = st->run_last = id;
		return 0;
	}
	len = (size_t)snprintf(item, sizeof item, "%s[%lld,%lld]", b->len ? "," : "[", id, pid);
	if (b->len + len + 2 > b->cap)
		b->buf = xrealloc(b->buf, b->cap = (b->cap + len + 2) * 2);
	memcpy(b->buf + b->len, item, len + 1);
	b->len += len;
	/* Written out every 64 KiB, not at the end: a million rows made an
	 * 18 MB array whose parse by json_each took 100 MB. */
	if (b->len > 65536)
		return journal_flush(st, T_TOUCH);
	return 0;
}

/* Write what a batch holds of its inserts into table t (see
 * undo_note_insert); NTABLES: of every table. */
static int journal_flush(struct store *st, size_t t)
{
	static const char sql[] =
		"INSERT INTO undo_entry (grp, tbl, op, row_id, prospect_id) "
		"SELECT :grp, 'touch', 'insert', j.value ->> 0, j.value ->> 1 "
		"FROM json_each(:ids) j ORDER BY j.key";
	struct idbuf *b = &st->new_touches;
	long long first = st->run_first, last = st->run_last;
	sqlite3_stmt *s;

	if (last && (t == T_PROSPECT || t == NTABLES)) {
		st->run_first = st->run_last = 0;
		if (journal_insert(st, T_PROSPECT, first, last, 0) < 0)
			return -1;
	}
	if (!b->len || (t != T_TOUCH && t != NTABLES))
		return 0;
	memcpy(b->buf + b->len, "]", 2);
	b->len = 0;
	if (!(s = db_prep(st, sql)))
		return -1;
	db_bind_int(s, ":grp", st->grp);
	db_bind_text(s, ":ids", b->buf);
	return db_run(st, s);
}

/* BEGIN IMMEDIATE and open an undo group labelled `label`. */
int undo_begin(struct store *st, const char *label)
{
	static const char ins[] = "INSERT INTO undo_group (label, at) VALUES (:label, :at)";
	char stamp[21];
	sqlite3_stmt *s;

	if (st->batch)
		return 0; /* part of the batch's transaction and undo group */
	if (db_begin(st) < 0)
		return -1;
	if (!(s = db_prep(st, ins)))
		goto fail;
	db_bind_text(s, ":label", label);
	db_bind_text(s, ":at", clock_utc_stamp(stamp));
	if (db_run_insert(st, s, &st->grp) < 0)
		goto fail;
	st->new_touches.len = 0;
	st->run_first = st->run_last = 0;
	return 0;
fail:
	db_exec(st, "ROLLBACK");
	return -1;
}

/* undo_begin() for a change to prospect id: keeps its image first. */
int undo_begin_prospect(struct store *st, const char *label, long long id)
{
	if (undo_begin(st, label) < 0)
		return -1;
	if (undo_keep_old(st, T_PROSPECT, 0, BY_ID, id) < 0) {
		db_exec(st, "ROLLBACK");
		st->grp = 0;
		return -1;
	}
	return 0;
}

/* Close the group (dropping it when empty, trimming the journal), commit. */
int undo_commit(struct store *st)
{
	static const char empty[] = "DELETE FROM undo_group WHERE id = :grp AND "
				    "NOT EXISTS (SELECT 1 FROM undo_entry WHERE grp = :grp)";
	static const char trim[] = "DELETE FROM undo_group WHERE id <= "
				   "(SELECT max(id) FROM undo_group) - " STR(UNDO_KEEP);
	sqlite3_stmt *s;

	if (st->batch)
		return 0;
	if (journal_flush(st, NTABLES) < 0 || !(s = db_prep(st, empty)))
		goto fail;
	db_bind_int(s, ":grp", st->grp);
	if (db_run(st, s) < 0 || !(s = db_prep(st, trim)) || db_run(st, s) < 0 || db_exec(st, "COMMIT") < 0)
		goto fail;
	st->grp = 0;
	return 0;
fail:
	db_exec(st, "ROLLBACK");
	st->grp = 0;
	return -1;
}

int undo_abort(struct store *st)
{
	st->batch = 0; /* a failure inside a batch ends the whole batch */
	if (sqlite3_get_autocommit(st->db) == 0)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->grp = 0;
	st->new_touches.len = 0;
	st->run_first = st->run_last = 0;
	return -1;
}

/* ---- undo ----------------------------------------------------------- */

/* The statement restoring one entry: op "insert" deletes (the rows
 * :id..:last), "update" and
 * "delete" write the JSON image back.  Built once per table from the
 * constant column lists, so the text is stable for the statement cache. */
static const char *undo_sql(const struct table *t, const char *op)
{
	static char del[NTABLES][128], upd[NTABLES][2048], ins[NTABLES][2048];
	size_t ti = (size_t)(t - tables);
	int i;

	if (!strcmp(op, "insert")) {
		if (!del[ti][0])
			snprintf(del[ti], sizeof del[ti], "DELETE FROM %s WHERE id BETWEEN :id AND :last", t->name);
		return del[ti];
	}
	if (!strcmp(op, "update")) {
		if (!upd[ti][0]) {
			sbprintf(upd[ti], sizeof upd[ti], "UPDATE %s SET %s", t->name, "");
			for (i = 1; t->cols[i]; i++) {
				sbprintf(upd[ti], sizeof upd[ti], "%s%s = ", i > 1 ? ", " : "", t->cols[i]);
				sbprintf(upd[ti], sizeof upd[ti], "json_extract(:old, '$.%s')%s", t->cols[i], "");
			}
			sbprintf(upd[ti], sizeof upd[ti], " WHERE id = :id%s%s", "", "");
		}
		return upd[ti];
	}
	if (!ins[ti][0]) {
		sbprintf(ins[ti], sizeof ins[ti], "INSERT INTO %s (%s", t->name, "");
		for (i = 0; t->cols[i]; i++)
			sbprintf(ins[ti], sizeof ins[ti], "%s%s", i ? ", " : "", t->cols[i]);
		sbprintf(ins[ti], sizeof ins[ti], ") VALUES (%s%s", "", "");
		for (i = 0; t->cols[i]; i++)
			sbprintf(ins[ti], sizeof ins[ti], "%sjson_extract(:old, '$.%s')", i ? ", " : "",
				 t->cols[i]);
		sbprintf(ins[ti], sizeof ins[ti], ")%s%s", "", "");
	}
	return ins[ti];
}

int store_undo(struct store *st, char *label, size_t n)
{
	static const char last[] = "SELECT id, label FROM undo_group ORDER BY id DESC LIMIT 1";
	static const char entries[] =
		"SELECT tbl, op, row_id, old, coalesce(row_last, row_id) FROM undo_entry WHERE grp = :grp "
		"ORDER BY id DESC";
	static const char affected[] =
		"INSERT OR IGNORE INTO temp.undo_rev (id, revision) SELECT e.prospect_id, "
		"(SELECT revision FROM prospect WHERE id = e.prospect_id) FROM undo_entry e "
		"WHERE e.grp = :grp AND e.prospect_id IS NOT NULL";
	static const char calendar[] =
		"SELECT EXISTS (SELECT 1 FROM undo_entry WHERE grp = :grp AND tbl IN ('away', 'cadence'))";
	static const char drop[] = "DELETE FROM undo_group WHERE id = :grp";
	static const char revs[] =
		"UPDATE prospect SET revision = coalesce((SELECT revision FROM temp.undo_rev r "
		"WHERE r.id = prospect.id), revision) + 1, changed = max(changed + 1, :stamp) "
		"WHERE id IN (SELECT id FROM temp.undo_rev)";
	static const char ids[] = "SELECT id FROM temp.undo_rev WHERE id IN (SELECT id FROM prospect)";
	sqlite3_stmt *s, *e;
	long long grp;
	int r, all;

	if (sqlite3_exec(st->db, "CREATE TEMP TABLE IF NOT EXISTS undo_rev (id INTEGER PRIMARY KEY, "
				 "revision INTEGER)", NULL, NULL, NULL) != SQLITE_OK)
		return db_error(st, "");
	if (db_begin(st) < 0)
		return -1;
	if (db_exec(st, "DELETE FROM temp.undo_rev") < 0 || !(s = db_prep(st, last)))
		return undo_abort(st);
	r = db_row(st, s);
	if (r <= 0) {
		undo_abort(st);
		return r < 0 ? -1 : err_usage("undo: nothing to undo");
	}
	grp = sqlite3_column_int64(s, 0);
	snprintf(label, n, "%s", db_col_text(s, 1));
	sqlite3_reset(s);

	if (!(s = db_prep(st, affected)))
		return undo_abort(st);
	db_bind_int(s, ":grp", grp);
	if (db_run(st, s) < 0 || !(s = db_prep(st, calendar)))
		return undo_abort(st);
	db_bind_int(s, ":grp", grp);
	if (db_row(st, s) != 1)
		return undo_abort(st);
	all = sqlite3_column_int(s, 0);
	sqlite3_reset(s);

	if (!(e = db_prep(st, entries)))
		return undo_abort(st);
	db_bind_int(e, ":grp", grp);
	while ((r = db_row(st, e)) == 1) {
		const char *tbl = db_col_text(e, 0);
		size_t t;
		for (t = 0; t < NTABLES && strcmp(tables[t].name, tbl); t++)
			;
		if (t == NTABLES) {
			sqlite3_reset(e);
			undo_abort(st);
			return err_runtime("database %s: undo journal names table %s",
					   err_quote(st->path), err_quote(tbl));
		}
		if (!(s = db_prep(st, undo_sql(&tables[t], db_col_text(e, 1))))) {
			sqlite3_reset(e);
			return undo_abort(st);
		}
		/* insert: DELETE … :id..:last; update: :old and :id; delete:
		 * INSERT :old. */
		if (strcmp(db_col_text(e, 1), "delete"))
			db_bind_int(s, ":id", sqlite3_column_int64(e, 2));
		if (strcmp(db_col_text(e, 1), "insert"))
			db_bind_text(s, ":old", db_col_text(e, 3));
		else
			db_bind_int(s, ":last", sqlite3_column_int64(e, 4));
		if (db_run(st, s) < 0) {
			sqlite3_reset(e);
			return undo_abort(st);
		}
	}
	if (r < 0)
		return undo_abort(st);
	if (!(s = db_prep(st, drop)))
		return undo_abort(st);
	db_bind_int(s, ":grp", grp);
	if (db_run(st, s) < 0 || !(s = db_prep(st, revs)))
		return undo_abort(st);
	db_bind_int(s, ":stamp", store_stamp(st));
	if (db_run(st, s) < 0)
		return undo_abort(st);
	st->wc_ready = 0;
	if (all) {
		/* Time off or a cadence came back or went: the calendar changed. */
		if (due_raise_since(st) < 0 || due_recompute_all(st) < 0)
			return undo_abort(st);
	} else if (due_recompute_each(st, ids) < 0) {
		return undo_abort(st);
	}
	if (db_exec(st, "COMMIT") < 0)
		return undo_abort(st);
	return 0;
}
