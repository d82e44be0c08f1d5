/*
 * store_int.h - private to the store's files (store*.c): the struct, the
 * statement wrapper, the undo journal's interface and the due columns'.
 * Nothing outside store*.c includes it, nor sqlite3.h (t_layers.sh).
 *
 * The wrapper (store.c): db_prep() returns the cached statement for a
 * constant SQL text (a literal or a static buffer that keeps its text),
 * reset and unbound; every statement it made is finalized by store_close.
 * Parameters are bound by name; a name the statement lacks is a bug
 * (util_bug).  db_run/db_row/db_exec return 0 or 1 for a row, and -1 with
 * the database's error recorded (err.h).  A NULL statement (a db_prep
 * that failed, its error recorded) passes through the binders, and
 * db_run and db_row return -1 for it: prepare, bind, then check once.
 */
#ifndef FOLLOWUP_STORE_INT_H
#define FOLLOWUP_STORE_INT_H

#include <sqlite3.h>
#include <stddef.h>

#include "followup/cadence.h"
#include "followup/prospect.h"
#include "followup/store.h"
#include "followup/workcal.h"

#define SCHEMA_VERSION 12
#define APPLICATION_ID 1179996209 /* 0x46555031, "FUP1" */
#define STR_(x) #x
#define STR(x) STR_(x)

struct store {
	sqlite3 *db;
	char *path;
	const struct config *cfg;
	int today;
	struct stmt_slot {      /* every statement db_prep() made, by its text's address */
		const char *sql;
		sqlite3_stmt *stmt;
	} *cache;
	size_t ncache, cache_cap; /* cache_cap: a power of two, or 0 */
	long long grp;          /* the open undo group, 0 when none */
	struct idbuf {          /* a batch's touches: JSON array of [id, prospect] */
		char *buf;
		size_t len, cap;
	} new_touches;
	long long run_first, run_last; /* a batch's prospects: the run of ids not yet
				 * journaled (run_last 0: none) */
	struct workcal wc;
	int wc_ready;
	int feed_from, feed_to; /* range the holiday cache covers (feed only) */
	int used_ical;
	int batch;              /* inside store_batch_begin: one transaction */
	long long batch_cadence_id;   /* the last cadence looked up (0: none) */
	char batch_cadence_name[64];
	struct cadence batch_cadence;
	int restoring;          /* importing a touch log: keep explicit dates */
	char db_id[40];
	long long stamp;        /* this process's change stamp (store_stamp) */
	long long since;        /* C of SPEC §4, when stamp was computed */
	int stamp_ready;
};

/* ---- the statement wrapper (store.c) --------------------------------- */

/* Record "database PATH: WHAT: sqlite3_errmsg" as a runtime error; -1. */
int db_error(struct store *st, const char *what);
sqlite3_stmt *db_prep(struct store *st, const char *sql);
/* Reset every cached statement (a write starts from no open read). */
void db_reset_all(struct store *st);
/* BEGIN IMMEDIATE: take the write lock now, waiting on the busy timeout. */
int db_begin(struct store *st);
/* The index of parameter `name` in s; a missing one is a bug. */
int db_param(sqlite3_stmt *s, const char *name);
/* Finalize a statement made outside the cache (migrations). */
void db_finalize(sqlite3_stmt *s);
/* Bind by name; NULL text, DATE_NONE and TIME_NONE bind NULL. */
void db_bind_text(sqlite3_stmt *s, const char *name, const char *v);
void db_bind_int(sqlite3_stmt *s, const char *name, long long v);
void db_bind_date(sqlite3_stmt *s, const char *name, int d);
void db_bind_time(sqlite3_stmt *s, const char *name, int t);
/* A field trimmed, bound in place (NULL when blank): v must outlive the
 * statement's step. */
void db_bind_field(sqlite3_stmt *s, const char *name, const char *v);
/* Step to completion: 0, or -1 with the error. */
int db_run(struct store *st, sqlite3_stmt *s);
/* db_run for an INSERT; *id receives the row it made. */
int db_run_insert(struct store *st, sqlite3_stmt *s, long long *id);
/* Step once: 1 for a row, 0 when done (the statement is reset), -1. */
int db_row(struct store *st, sqlite3_stmt *s);
/* Step s once, its key bound: 1 with the row, or -1 (a usage error
 * "KIND 'KEY': MISSING" when there is none). */
int db_found(struct store *st, sqlite3_stmt *s, const char *kind, const char *key, const char *missing);
/* Bind :id to id and step s (NULL: the error of the db_prep that returned
 * it) once: 1 with the row, or -1 (a usage error "KIND 'ID': MISSING"
 * when there is none). */
int db_id_row(struct store *st, sqlite3_stmt *s, long long id, const char *kind, const char *missing);
/* db_id_row for prospect id: "prospect 'N': no such prospect". */
int db_prospect_row(struct store *st, sqlite3_stmt *s, long long id);
int db_exec(struct store *st, const char *sql);
/* Column i as text (borrowed until the next step), date or time. */
const char *db_col_text(sqlite3_stmt *s, int i);
int db_col_date(sqlite3_stmt *s, int i);
int db_col_time(sqlite3_stmt *s, int i);
/* A touch time YYYY-MM-DDTHH:MM as a date and minutes (DATE_NONE and
 * TIME_NONE when NULL). */
void db_col_stamp(sqlite3_stmt *s, int i, int *date, int *minutes);
/* The word of words[0..n) named t, or dflt (a NULL column, a stray value). */
int word_or(const struct word *words, int n, const char *t, int dflt);
/* "cadence", "explicit" or NULL as an enum due_kind. */
enum due_kind due_kind_of(const char *t);

/*
 * DB_EACH(name, type, fill) defines
 *   static int name(struct store *st, sqlite3_stmt *s,
 *                   int (*cb)(const type *row, void *ctx), void *ctx)
 * which steps s, fills a `type` from each row with fill(s, &row) and hands
 * it to cb (its strings borrowed until the next step): the result of the
 * last db_row (0 at the end, -1), or -1 when cb returns it (s is reset).
 * One loop for every typed row stream of the store.
 */
#define DB_EACH(name, type, fill)                                                        \
	static int name(struct store *st, sqlite3_stmt *s,                                 \
			int (*cb)(const type *row, void *ctx), void *ctx)                  \
	{                                                                                  \
		type row_;                                                                 \
		int r_;                                                                    \
		while ((r_ = db_row(st, s)) == 1) {                                        \
			fill(s, &row_);                                                    \
			if (cb(&row_, ctx) < 0) {                                          \
				sqlite3_reset(s);                                          \
				return -1;                                                 \
			}                                                                  \
		}                                                                          \
		return r_;                                                                 \
	}

/* The one integer an uncached statement (a pragma) returns, into *out. */
int db_pragma_int(struct store *st, const char *sql, long long *out);
/* The meta table: 1 and the value in buf (size n), 0 when absent, -1. */
int db_meta_get(struct store *st, const char *key, char *buf, size_t n);
int db_meta_set(struct store *st, const char *key, const char *value);

/*
 * The change stamp of this process's writes (SPEC §1): today's date at the
 * clock's time of day, in seconds since 2020-01-01Z, and above the
 * calendar configuration's stamp (meta calendar_since), so that a change
 * always raises a calendar event's SEQUENCE.  Writes set
 * changed = max(changed + 1, stamp).
 */
long long store_stamp(struct store *st);

/* ---- the rows of the queries (store_query.c) --------------------------- */

/* "SELECT <the columns of a struct prow, no JSON> " and "FROM <tables> "
 * (aliases p and c; the columns use :today), for the views' statements. */
extern const char query_prow_columns[], query_prow_from[];
/* A struct prow from a statement's first columns (query_prow_columns's
 * order); its strings are borrowed until the next step. */
void query_fill_row(sqlite3_stmt *s, struct prow *r);
/* Bind :q (and :qd, a phone's digits, when the query reads as one) to
 * the LIKE patterns of a search; nothing when query is NULL or "". */
void query_bind_search(sqlite3_stmt *s, const char *query);

/* ---- migrations (store_schema.c) -------------------------------------- */

/* Bring a database of an older (or no) schema to SCHEMA_VERSION. */
int migrate(struct store *st);

/* ---- the undo journal (store_undo.c) ---------------------------------- */

enum undo_table { T_PROSPECT, T_TOUCH, T_AWAY, T_CADENCE };
enum { BY_ID, BY_PROSPECT };

/* BEGIN IMMEDIATE and open an undo group labelled `label` (inside a
 * batch: join the batch's transaction and group). */
int undo_begin(struct store *st, const char *label);
/* undo_begin, then keep the image of prospect id. */
int undo_begin_prospect(struct store *st, const char *label, long long id);
/* Keep the old image of the rows of table t whose id (BY_ID) or prospect
 * (BY_PROSPECT) is id, before they are updated (del 0) or deleted (1). */
int undo_keep_old(struct store *st, size_t t, int del, int by, long long id);
/* Note the row id of table t just inserted, for prospect pid. */
int undo_note_insert(struct store *st, size_t t, long long id, long long pid);
/* Close the group and commit; on failure roll back.  0 or -1. */
int undo_commit(struct store *st);
/* Roll the change (and any batch) back; always -1, for `return`. */
int undo_abort(struct store *st);

/* ---- the due columns (store_due.c) ------------------------------------ */

/* Build st->wc from the configuration, the feed cache and time off. */
int due_load_calendar(struct store *st);
/* A cadence from columns first..first+2 (name, offsets, tail). */
int due_cadence_from_row(sqlite3_stmt *s, int first, struct cadence *c);
/* Bind :due, :due_time, :kind, :step and :complete from a schedule. */
void due_bind(sqlite3_stmt *s, const struct schedule *out);
/* Rules 3-7 for one prospect's facts (extending the feed cache). */
int due_schedule(struct store *st, const struct cadence *c, enum prospect_status status,
		 int d0, int *dates, size_t n, int next, int next_time, struct schedule *out);
enum prospect_status due_status_of(const char *s);
/* Recompute one prospect's derived columns, inside a transaction. */
int due_recompute(struct store *st, long long id);
/* The calendar configuration changed (time off, cadences, the config
 * file's calendar keys): raise calendar_since above every change stamp,
 * inside the caller's transaction. */
int due_raise_since(struct store *st);
/* Recompute every prospect that `sql` (SELECT id ..., a constant text
 * for db_prep) lists, inside a transaction. */
int due_recompute_each(struct store *st, const char *sql);
/* Every prospect (migrations), or every active one (calendar changes). */
int due_recompute_every(struct store *st);
int due_recompute_all(struct store *st);

#endif
