/*
 * store.c - the SQLite store (see store.h).
 *
 * Shape (after Fossil's db.c): statements are prepared once from constant
 * SQL and cached by the address of their text; parameters are bound by
 * name; every statement is finalized on close.  User text only ever
 * reaches SQLite as a bound parameter.
 *
 * Writes: begin_change() opens BEGIN IMMEDIATE (waiting on the busy
 * timeout, so a second process never sees "database is locked") and an
 * undo group; each write keeps the old image of the rows it changes in
 * undo_entry as JSON (journal_old, journal_insert).  The derived due
 * columns are not journaled: undo restores the user-level rows and
 * recomputes, so the journal stays small.
 */
#include "followup/store.h"

#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "followup/clock.h"
#include "followup/date.h"
#include "followup/err.h"
#include "followup/icalmod.h"
#include "followup/util.h"
#include "schema.h"

#define SCHEMA_VERSION 7
#define APPLICATION_ID 1179996209 /* 0x46555031, "FUP1" */
#define STR_(x) #x
#define STR(x) STR_(x)
#define UNDO_KEEP 100

struct store {
	sqlite3 *db;
	char *path;
	const struct config *cfg;
	int today;
	struct stmt_slot {      /* every statement prep() made, by its text's address */
		const char *sql;
		sqlite3_stmt *stmt;
	} *cache;
	size_t ncache, cache_cap; /* cache_cap: a power of two, or 0 */
	long long grp;          /* the open undo group, 0 when none */
	struct idbuf {          /* a batch's inserts: JSON array of [id, prospect] */
		char *buf;
		size_t len, cap;
	} new_prospects, new_touches;
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
};

const char store_channels[] = "call, email, chat, visit, other";
const char store_outcomes[] = "no-answer, voicemail, busy, wrong-number, connected, "
			      "replied, meeting, not-now, won, lost";

static int in_list(const char *s, const char *list)
{
	size_t len;
	const char *p;

	if (!s || !*s || strchr(s, ','))
		return 0;
	len = strlen(s);
	for (p = list; (p = strstr(p, s)); p += len)
		if ((p == list || p[-1] == ' ') && (p[len] == ',' || p[len] == '\0'))
			return 1;
	return 0;
}

int store_valid_channel(const char *s) { return in_list(s, store_channels); }
int store_valid_outcome(const char *s) { return in_list(s, store_outcomes); }
int store_valid_status(const char *s) { return in_list(s, "active, won, lost"); }

unsigned store_flag_bit(const char *name)
{
	if (!name)
		return 0;
	if (!strcmp(name, "verified"))
		return FLAG_VERIFIED;
	if (!strcmp(name, "need"))
		return FLAG_NEED;
	if (!strcmp(name, "decider"))
		return FLAG_DECIDER;
	if (!strcmp(name, "timeline"))
		return FLAG_TIMELINE;
	return 0;
}

char *store_flags_text(unsigned flags, char *buf, size_t n, const char *sep)
{
	static const char *const names[4] = {"verified", "need", "decider", "timeline"};
	size_t len = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < 4; i++)
		if (flags & (1u << i) && len < n) {
			int w = snprintf(buf + len, n - len, "%s%s", len ? sep : "", names[i]);
			len += w > 0 ? (size_t)w : 0;
		}
	return buf;
}

char *store_default_path(char *buf, size_t n)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (xdg && *xdg == '/')
		snprintf(buf, n, "%s/followup/followup.db", xdg);
	else
		snprintf(buf, n, "%s/.local/share/followup/followup.db", home ? home : ".");
	return buf;
}

/* ---- statement wrapper ---------------------------------------------- */

static int dberr(struct store *st, const char *what)
{
	return err_runtime("database %s: %s%s%s", err_quote(st->path), what, *what ? ": " : "",
			   sqlite3_errmsg(st->db));
}

/* The slot for `sql`: where it is, or the empty one where it would go. */
static struct stmt_slot *cache_slot(struct stmt_slot *cache, size_t cap, const char *sql)
{
	size_t i = ((uintptr_t)sql >> 3) * 2654435761u & (cap - 1);

	while (cache[i].sql && cache[i].sql != sql)
		i = (i + 1) & (cap - 1);
	return &cache[i];
}

/* Make room for one more statement: the table is kept under 3/4 full. */
static void cache_grow(struct store *st)
{
	struct stmt_slot *old = st->cache;
	size_t cap = st->cache_cap, i;

	if (4 * (st->ncache + 1) <= 3 * cap)
		return;
	st->cache_cap = cap ? 2 * cap : 128;
	st->cache = xcalloc(st->cache_cap, sizeof *st->cache);
	for (i = 0; i < cap; i++)
		if (old[i].sql)
			*cache_slot(st->cache, st->cache_cap, old[i].sql) = old[i];
	free(old);
}

/*
 * The statement for constant text `sql` (a literal or a static buffer that
 * keeps its text), reset and unbound.  Every statement prep() makes stays
 * in the cache, whatever their number, and is finalized by store_close():
 * a statement made outside it (the migrations) is finalized where it was
 * made.
 */
static sqlite3_stmt *prep(struct store *st, const char *sql)
{
	struct stmt_slot *slot;
	sqlite3_stmt *s;

	if (st->cache_cap) {
		slot = cache_slot(st->cache, st->cache_cap, sql);
		if (slot->sql) {
			sqlite3_reset(slot->stmt);
			sqlite3_clear_bindings(slot->stmt);
			return slot->stmt;
		}
	}
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK) {
		dberr(st, "");
		return NULL;
	}
	cache_grow(st);
	slot = cache_slot(st->cache, st->cache_cap, sql);
	slot->sql = sql;
	slot->stmt = s;
	st->ncache++;
	return s;
}

/*
 * Reset every cached statement.  A statement left mid-result holds a read
 * snapshot, and upgrading a stale WAL snapshot to a write fails at once
 * with SQLITE_BUSY_SNAPSHOT instead of waiting; writes start clean.
 */
static void reset_all(struct store *st)
{
	size_t i;
	for (i = 0; i < st->cache_cap; i++)
		if (st->cache[i].sql)
			sqlite3_reset(st->cache[i].stmt);
}

static int exec(struct store *st, const char *sql);

/* BEGIN IMMEDIATE: take the write lock now, waiting on the busy timeout. */
static int begin_immediate(struct store *st)
{
	reset_all(st);
	return exec(st, "BEGIN IMMEDIATE");
}

/*
 * The index of parameter `name` in s.  SQLite finds a name by comparing it
 * with each of the statement's names in turn, a fifth of the cost of an
 * imported row (14 parameters, 23 names); a small memo, keyed by statement
 * and name (its address and its text: some names are built in a buffer),
 * remembers it.  A statement's entries go when it is finalized
 * (finalize()), before its address can be reused.
 */
static struct {
	const sqlite3_stmt *s;
	const char *at;
	char name[24];
	int i;
} idx_memo[256];

/* A name the statement does not have is a bug in the caller: binding
 * nothing would run the statement with that parameter NULL, silently. */
static int idx(sqlite3_stmt *s, const char *name)
{
	size_t h = ((uintptr_t)s / 16 * 31 + (uintptr_t)name) % (sizeof idx_memo / sizeof idx_memo[0]);
	size_t len;
	int i;

	if (idx_memo[h].s == s && idx_memo[h].at == name && !strcmp(idx_memo[h].name, name))
		return idx_memo[h].i;
	if (!(i = sqlite3_bind_parameter_index(s, name)))
		util_bug("no parameter %s in the statement: %s", name, sqlite3_sql(s));
	if ((len = strlen(name)) >= sizeof idx_memo[h].name)
		return i;
	idx_memo[h].s = s;
	idx_memo[h].at = name;
	memcpy(idx_memo[h].name, name, len + 1);
	idx_memo[h].i = i;
	return i;
}

static void finalize(sqlite3_stmt *s)
{
	size_t i;

	for (i = 0; i < sizeof idx_memo / sizeof idx_memo[0]; i++)
		if (idx_memo[i].s == s)
			idx_memo[i].s = NULL;
	sqlite3_finalize(s);
}

static void bind_text(sqlite3_stmt *s, const char *name, const char *v)
{
	int i = idx(s, name);
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

static void bind_int(sqlite3_stmt *s, const char *name, long long v)
{
	sqlite3_bind_int64(s, idx(s, name), v);
}

static void bind_date(sqlite3_stmt *s, const char *name, int d)
{
	char buf[11];
	bind_text(s, name, d == DATE_NONE ? NULL : date_format(d, buf));
}

static void bind_time(sqlite3_stmt *s, const char *name, int t)
{
	char buf[6];
	bind_text(s, name, t == TIME_NONE ? NULL : time_format(t, buf));
}

/* Step s to completion; 0 or -1 with the database error. */
static int run(struct store *st, sqlite3_stmt *s)
{
	int rc;
	if (!s)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		;
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : dberr(st, "");
}

/* Run an INSERT; *id receives the row it made, read at once: the undo
 * journal's own inserts follow and move sqlite3_last_insert_rowid. */
static int run_insert(struct store *st, sqlite3_stmt *s, long long *id)
{
	if (run(st, s) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

/* Step once: 1 for a row, 0 when done, -1 on error. */
static int row(struct store *st, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		return 1;
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : dberr(st, "");
}

static int exec(struct store *st, const char *sql)
{
	return run(st, prep(st, sql));
}

static const char *col_text(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

static int col_date(sqlite3_stmt *s, int i)
{
	int d;
	const char *t = col_text(s, i);
	return t && date_parse_iso(t, &d) == 0 ? d : DATE_NONE;
}

static int col_time(sqlite3_stmt *s, int i)
{
	int m;
	const char *t = col_text(s, i);
	return t && time_parse(t, &m) == 0 ? m : TIME_NONE;
}

/* ---- opening and migration ------------------------------------------ */

static int mkdirs(char *path)
{
	char *p;
	for (p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) < 0 && errno != EEXIST) {
			int e = errno;
			*p = '/';
			return err_runtime("directory %s: %s", err_quote(path), util_strerror(e));
		}
		*p = '/';
	}
	return 0;
}

static int pragma_int(struct store *st, const char *sql, long long *out)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(s);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

static int recompute_every(struct store *st);

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
	finalize(s);
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

	if (pragma_int(st, "PRAGMA schema_version", &cookie) < 0 ||
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
		finalize(s);
	}
	snprintf(bump, sizeof bump, "PRAGMA schema_version = %lld", cookie + 1);
	if (rc == 0 && sqlite3_exec(st->db, bump, NULL, NULL, NULL) != SQLITE_OK)
		rc = -1;
	if (sqlite3_exec(st->db, "PRAGMA writable_schema = OFF", NULL, NULL, NULL) != SQLITE_OK)
		rc = -1;
	return rc;
}

static int migrate(struct store *st)
{
	long long version;
	char stamp[21];
	sqlite3_stmt *s;

	if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return dberr(st, "");
	if (pragma_int(st, "PRAGMA user_version", &version) < 0)
		goto fail;
	if (version == 0) {
		if (sqlite3_exec(st->db, (const char *)schema_sql, NULL, NULL, NULL) != SQLITE_OK)
			goto fail;
		if (sqlite3_prepare_v2(st->db,
				       "INSERT INTO meta(key, value) VALUES ('db_id', "
				       "lower(hex(randomblob(8)))), ('created_at', :now)",
				       -1, &s, NULL) != SQLITE_OK)
			goto fail;
		bind_text(s, ":now", clock_utc_stamp(stamp));
		if (sqlite3_step(s) != SQLITE_DONE) {
			finalize(s);
			goto fail;
		}
		finalize(s);
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
			finalize(sel);
			goto fail;
		}
		while (sqlite3_step(sel) == SQLITE_ROW) {
			char *key = store_phone_key((const char *)sqlite3_column_text(sel, 1));
			if (!key)
				continue;
			sqlite3_bind_int64(upd, 1, sqlite3_column_int64(sel, 0));
			sqlite3_bind_text(upd, 2, key, -1, SQLITE_TRANSIENT);
			sqlite3_step(upd);
			sqlite3_reset(upd);
			free(key);
		}
		finalize(sel);
		finalize(upd);
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
		 * follow-up count and first follow-up, kept by recompute() so that
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
	if (version >= 1 && version < 7) {
		/* 7: the last touch's time, channel and outcome on its prospect,
		 * so that the lists read no touch. */
		if (add_column(st, "prospect", "last_at TEXT") < 0 ||
		    add_column(st, "prospect", "last_channel TEXT") < 0 ||
		    add_column(st, "prospect", "last_outcome TEXT") < 0 || recompute_every(st) < 0)
			goto fail;
	}
	/* Last: it edits the tables' text, which the steps above extend. */
	if (version >= 1 && version < 6 && checks_as_comparisons(st) < 0)
		goto fail;
	/* Later versions: `if (version >= 1 && version < 8) { ... }`, one step each. */
	if (sqlite3_exec(st->db, "PRAGMA application_id = " STR(APPLICATION_ID) "; PRAGMA user_version = " STR(SCHEMA_VERSION),
			 NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	return 0;
fail:
	dberr(st, "migration");
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

int store_open(struct store **out, const char *path, int create_dirs,
	       const struct config *cfg, int today)
{
	struct store *st = xcalloc(1, sizeof *st);
	struct stat sb;
	long long app_id, version, ntables;
	int fd;

	*out = NULL;
	st->path = xstrdup(path);
	st->cfg = cfg;
	st->today = today;
	workcal_init(&st->wc);
	if (create_dirs && mkdirs(st->path) < 0)
		goto fail;
	if (stat(path, &sb) < 0) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST) {
			err_runtime("database %s: %s", err_quote(path), util_strerror(errno));
			goto fail;
		}
		if (fd >= 0)
			close(fd);
	} else if (S_ISDIR(sb.st_mode)) {
		err_runtime("database %s: is a directory", err_quote(path));
		goto fail;
	}
	/* No bulk page-cache allocation per connection: the CHECK (x IN (...))
	 * constraints open an ephemeral table on every insert, and its 20-page
	 * bulk allocation, freed at once, made glibc grow and trim the heap
	 * (brk, TLB flushes) on every row: most of an import's time. */
	sqlite3_config(SQLITE_CONFIG_PAGECACHE, NULL, 0, 0);
	/* followup has one thread: no mutexes, no memory statistics (each
	 * malloc locked and unlocked one: 5% of an import). */
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	/* One thread per connection: no connection mutex (3% of an import). */
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		dberr(st, "");
		goto fail;
	}
	/* More lookaside slots: fewer malloc()s for the small objects each
	 * statement step makes. */
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_LOOKASIDE, NULL, 1200, 400);
	sqlite3_extended_result_codes(st->db, 1);
	/* Keep the -wal and -shm files when the last connection closes, so
	 * that each short command does not create, size, map and delete them
	 * again (a third of `followup due`'s system calls). */
	{
		int one = 1;
		sqlite3_file_control(st->db, "main", SQLITE_FCNTL_PERSIST_WAL, &one);
	}
	/* Generous: 200 writers queueing behind fsync()s (the concurrency test,
	 * under ASan) need tens of seconds; waiting beats "database is locked". */
	sqlite3_busy_timeout(st->db, 120000);
	/* A database with a schema version is not empty: the count of its
	 * schema objects is needed only to tell a new file from a foreign one. */
	ntables = 1;
	if (pragma_int(st, "PRAGMA application_id", &app_id) < 0 ||
	    pragma_int(st, "PRAGMA user_version", &version) < 0 ||
	    (!version && pragma_int(st, "SELECT count(*) FROM sqlite_schema", &ntables) < 0)) {
		if (sqlite3_errcode(st->db) == SQLITE_NOTADB)
			err_runtime("database %s: not a followup database (not an SQLite file)",
				    err_quote(path));
		else
			dberr(st, "");
		goto fail;
	}
	if ((ntables || version) && app_id != APPLICATION_ID) {
		err_runtime("database %s: not a followup database (application id %lld)",
			    err_quote(path), app_id);
		goto fail;
	}
	if (version > SCHEMA_VERSION) {
		err_runtime("database %s: written by a newer followup (schema %lld; this "
			    "version reads up to %d)", err_quote(path), version, SCHEMA_VERSION);
		goto fail;
	}
	if (!ntables && sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK) {
		dberr(st, "");
		goto fail;
	}
	/* Statement journals and TEMP tables stay in memory: on disk they cost
	 * ~15 pwrite()s per imported row. */
	if (sqlite3_exec(st->db, "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; PRAGMA journal_size_limit = 0", NULL, NULL, NULL) != SQLITE_OK) {
		dberr(st, "");
		goto fail;
	}
	if (version < SCHEMA_VERSION && migrate(st) < 0)
		goto fail;
	*out = st;
	return 0;
fail:
	store_close(st);
	return -1;
}

int store_close(struct store *st)
{
	sqlite3_stmt *left;
	size_t i;
	int rc = 0;

	if (!st)
		return 0;
	for (i = 0; i < st->cache_cap; i++)
		if (st->cache[i].sql)
			finalize(st->cache[i].stmt);
	free(st->cache);
	memset(idx_memo, 0, sizeof idx_memo);
	if (st->db) {
		/* Every statement is the cache's or finalized where it was made:
		 * one still open here is a leak, and sqlite3_close would refuse. */
		if ((left = sqlite3_next_stmt(st->db, NULL)))
			util_bug("statement not finalized: %s", sqlite3_sql(left));
		if (sqlite3_close(st->db) != SQLITE_OK)
			rc = dberr(st, "close");
	}
	workcal_release(&st->wc);
	free(st->new_prospects.buf);
	free(st->new_touches.buf);
	free(st->path);
	free(st);
	return rc;
}

int store_statements(struct store *st, int *stray)
{
	sqlite3_stmt *s = NULL;
	size_t i;
	int n = 0;

	*stray = 0;
	while ((s = sqlite3_next_stmt(st->db, s))) {
		for (i = 0; i < st->cache_cap && st->cache[i].stmt != s; i++)
			;
		n++;
		*stray += i == st->cache_cap;
	}
	return n;
}

const char *store_db_id(struct store *st)
{
	static const char sql[] = "SELECT value FROM meta WHERE key = 'db_id'";
	sqlite3_stmt *s;

	if (!st->db_id[0] && (s = prep(st, sql)) && row(st, s) == 1) {
		snprintf(st->db_id, sizeof st->db_id, "%s", col_text(s, 0));
		sqlite3_reset(s);
	}
	return st->db_id;
}

int store_used_ical(const struct store *st)
{
	return st->used_ical;
}

/* ---- the undo journal ----------------------------------------------- */

struct table {
	const char *name;
	const char *cols[28];
	const char *pid; /* expression for the prospect affected, with %s = old/new */
};

static const struct table tables[] = {
	{"prospect", {"id", "name", "company", "title", "email", "phone", "phone_key", "source", "notes",
		      "status", "first_contact", "cadence_id", "next_date", "next_time",
		      "next_set_on", "flags", "due", "due_time", "due_kind", "due_step",
		      "complete", "revision", "created_at", "updated_at", NULL}, "id"},
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

static int rollback_change(struct store *st);

enum { T_PROSPECT, T_TOUCH, T_AWAY, T_CADENCE };
enum { BY_ID, BY_PROSPECT };

/*
 * The journal is written by the store itself, beside each write, while an
 * undo group is open (st->grp):
 *   - journal_insert() after a row is inserted: its id;
 *   - journal_old() before rows are updated or deleted: their image as JSON,
 *     an update only when this group holds nothing for the row yet (undo
 *     needs the oldest image alone), a delete always.
 * Derived columns written by recompute() are not journaled: undo restores
 * the user-level rows and recomputes the prospects they belong to.
 * (Until schema 5 this was TEMP triggers; compiling them on every start was
 * 40% of the instructions of a `followup log`.)
 */
static int journal_old(struct store *st, size_t t, int del, int by, long long id)
{
	static char sql[NTABLES][2][2][2048];
	char *q = sql[t][del][by];
	const struct table *tb = &tables[t];
	sqlite3_stmt *s;

	if (!st->grp)
		return 0;
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
	if (!(s = prep(st, q)))
		return -1;
	bind_int(s, ":grp", st->grp);
	bind_int(s, ":id", id);
	return run(st, s);
}

/* An inserted row.  An import (a batch) collects its ids and writes them
 * by one statement when it commits, journal_flush(). */
static int journal_insert(struct store *st, size_t t, long long id, long long pid)
{
	static const char sql[] = "INSERT INTO undo_entry (grp, tbl, op, row_id, prospect_id) "
				  "VALUES (:grp, :tbl, 'insert', :id, :pid)";
	char item[64];
	size_t len;
	struct idbuf *b = t == T_TOUCH ? &st->new_touches : &st->new_prospects;
	sqlite3_stmt *s;

	if (!st->grp)
		return 0;
	if (!st->batch || (t != T_PROSPECT && t != T_TOUCH)) {
		if (!(s = prep(st, sql)))
			return -1;
		bind_int(s, ":grp", st->grp);
		bind_text(s, ":tbl", tables[t].name);
		bind_int(s, ":id", id);
		if (tables[t].pid)
			bind_int(s, ":pid", pid);
		return run(st, s);
	}
	len = (size_t)snprintf(item, sizeof item, "%s[%lld,%lld]", b->len ? "," : "[", id, pid);
	if (b->len + len + 2 > b->cap)
		b->buf = xrealloc(b->buf, b->cap = (b->cap + len + 2) * 2);
	memcpy(b->buf + b->len, item, len + 1);
	b->len += len;
	return 0;
}

static int journal_flush(struct store *st, size_t t, struct idbuf *b)
{
	static const char sql[] =
		"INSERT INTO undo_entry (grp, tbl, op, row_id, prospect_id) "
		"SELECT :grp, :tbl, 'insert', j.value ->> 0, j.value ->> 1 "
		"FROM json_each(:ids) j ORDER BY j.key";
	sqlite3_stmt *s;

	if (!b->len)
		return 0;
	memcpy(b->buf + b->len, "]", 2);
	b->len = 0;
	if (!(s = prep(st, sql)))
		return -1;
	bind_int(s, ":grp", st->grp);
	bind_text(s, ":tbl", tables[t].name);
	bind_text(s, ":ids", b->buf);
	return run(st, s);
}

/* BEGIN IMMEDIATE and open an undo group labelled `label`. */
static int begin_change(struct store *st, const char *label)
{
	static const char ins[] = "INSERT INTO undo_group (label, at) VALUES (:label, :at)";
	char stamp[21];
	sqlite3_stmt *s;

	if (st->batch)
		return 0; /* part of the batch's transaction and undo group */
	if (begin_immediate(st) < 0)
		return -1;
	if (!(s = prep(st, ins)))
		goto fail;
	bind_text(s, ":label", label);
	bind_text(s, ":at", clock_utc_stamp(stamp));
	if (run_insert(st, s, &st->grp) < 0)
		goto fail;
	st->new_prospects.len = st->new_touches.len = 0;
	return 0;
fail:
	exec(st, "ROLLBACK");
	return -1;
}

/* begin_change() for a change to prospect id: keeps its image first. */
static int begin_prospect_change(struct store *st, const char *label, long long id)
{
	if (begin_change(st, label) < 0)
		return -1;
	if (journal_old(st, T_PROSPECT, 0, BY_ID, id) < 0) {
		exec(st, "ROLLBACK");
		st->grp = 0;
		return -1;
	}
	return 0;
}

/* Close the group (dropping it when empty, trimming the journal), commit. */
static int commit_change(struct store *st)
{
	static const char empty[] = "DELETE FROM undo_group WHERE id = :grp AND "
				    "NOT EXISTS (SELECT 1 FROM undo_entry WHERE grp = :grp)";
	static const char trim[] = "DELETE FROM undo_group WHERE id <= "
				   "(SELECT max(id) FROM undo_group) - " STR(UNDO_KEEP);
	sqlite3_stmt *s;

	if (st->batch)
		return 0;
	if (journal_flush(st, T_PROSPECT, &st->new_prospects) < 0 ||
	    journal_flush(st, T_TOUCH, &st->new_touches) < 0 || !(s = prep(st, empty)))
		goto fail;
	bind_int(s, ":grp", st->grp);
	if (run(st, s) < 0 || !(s = prep(st, trim)) || run(st, s) < 0 || exec(st, "COMMIT") < 0)
		goto fail;
	st->grp = 0;
	return 0;
fail:
	exec(st, "ROLLBACK");
	st->grp = 0;
	return -1;
}

static int rollback_change(struct store *st)
{
	st->batch = 0; /* a failure inside a batch ends the whole batch */
	if (sqlite3_get_autocommit(st->db) == 0)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->grp = 0;
	st->new_prospects.len = st->new_touches.len = 0;
	return -1;
}

/* ---- the workday calendar ------------------------------------------- */

static int meta_get(struct store *st, const char *key, char *buf, size_t n)
{
	static const char sql[] = "SELECT value FROM meta WHERE key = :key";
	sqlite3_stmt *s = prep(st, sql);
	int r;

	buf[0] = '\0';
	if (!s)
		return -1;
	bind_text(s, ":key", key);
	r = row(st, s);
	if (r == 1) {
		snprintf(buf, n, "%s", col_text(s, 0));
		sqlite3_reset(s);
	}
	return r < 0 ? -1 : r;
}

static int meta_set(struct store *st, const char *key, const char *value)
{
	static const char sql[] = "INSERT OR REPLACE INTO meta (key, value) VALUES (:key, :value)";
	sqlite3_stmt *s = prep(st, sql);
	if (!s)
		return -1;
	bind_text(s, ":key", key);
	bind_text(s, ":value", value);
	return run(st, s);
}

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
	if (exec(st, del) < 0)
		goto fail;
	for (i = 0; i < n; i++) {
		if (!(s = prep(st, ins)))
			goto fail;
		bind_date(s, ":day", dates[i]);
		if (run(st, s) < 0)
			goto fail;
	}
	free(dates);
	snprintf(range, sizeof range, "%d,%d", from, to);
	st->feed_from = from;
	st->feed_to = to;
	st->wc_ready = 0;
	return meta_set(st, "holiday_range", range);
fail:
	free(dates);
	return -1;
}

/* Build st->wc from the configuration, the feed cache and time off. */
static int load_calendar(struct store *st)
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
		if (meta_get(st, "holiday_range", range, sizeof range) < 0)
			return -1;
		if (sscanf(range, "%d,%d", &st->feed_from, &st->feed_to) != 2)
			st->feed_from = st->feed_to = 0;
		if (!(s = prep(st, hol)))
			return -1;
		while ((r = row(st, s)) == 1) {
			d = col_date(s, 0);
			if (d != DATE_NONE)
				workcal_add_holidays(&st->wc, &d, 1);
		}
		if (r < 0)
			return -1;
	}
	if (!(s = prep(st, away)))
		return -1;
	while ((r = row(st, s)) == 1)
		workcal_add_away(&st->wc, col_date(s, 0), col_date(s, 1));
	if (r < 0)
		return -1;
	st->wc_ready = 1;
	return 0;
}

/* ---- the derived due columns ---------------------------------------- */

static int cadence_from_row(sqlite3_stmt *s, int first, struct cadence *c)
{
	const char *tail = col_text(s, first + 2);
	return cadence_parse(c, col_text(s, first), col_text(s, first + 1), tail);
}

/* Make sure the holiday feed cache covers [from, to]; extend it if not. */
static int ensure_feed(struct store *st, int from, int to)
{
	if (!st->cfg->holiday_calendar)
		return 0;
	if (load_calendar(st) < 0)
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
	return load_calendar(st);
}

/* Bind :due, :due_time, :kind, :step and :complete from a schedule. */
static void bind_due(sqlite3_stmt *s, const struct schedule *out)
{
	bind_date(s, ":due", out->due);
	bind_time(s, ":due_time", out->due_time);
	bind_text(s, ":kind", out->kind == DUE_CADENCE ? "cadence" : out->kind == DUE_EXPLICIT ? "explicit" : NULL);
	if (out->kind == DUE_CADENCE)
		bind_int(s, ":step", out->step);
	bind_int(s, ":complete", out->complete);
}

/* Rules 3-7 for one prospect's facts, extending the holiday feed cache
 * when the schedule runs past what it covers. */
static int schedule_for(struct store *st, const struct cadence *c, enum prospect_status status,
			int d0, int *dates, size_t n, int next, int next_time,
			struct schedule *out)
{
	if (load_calendar(st) < 0)
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

static enum prospect_status status_of(const char *s)
{
	return !s ? STATUS_ACTIVE : !strcmp(s, "won") ? STATUS_WON :
	       !strcmp(s, "lost") ? STATUS_LOST : STATUS_ACTIVE;
}

/* Recompute one prospect's due columns (rules 3-7) inside a transaction. */
static int recompute(struct store *st, long long id)
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
		"due_step IS NOT :step) WHERE id = :id";
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

	if (!(s = prep(st, get)))
		return -1;
	bind_int(s, ":id", id);
	if ((r = row(st, s)) <= 0)
		return r < 0 ? -1 : 0;
	if (cadence_from_row(s, 0, &c) < 0) {
		sqlite3_reset(s);
		return err_runtime("database %s: cadence %s is corrupt", err_quote(st->path),
				   err_quote(col_text(s, 0)));
	}
	d0 = col_date(s, 3);
	status = status_of(col_text(s, 4));
	next = col_date(s, 5);
	next_time = col_time(s, 6);
	sqlite3_reset(s);

	/* Rule 3's distinct dates, and each touch's follow-up step (k of the
	 * k-th distinct date after day 0, 0 before) and, on the first touch of
	 * a follow-up date, the days since the one before (SPEC §6). */
	if (!(s = prep(st, touches)))
		return -1;
	bind_int(s, ":id", id);
	while ((r = row(st, s)) == 1) {
		int day = col_date(s, 1);
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
	if (r < 0 || schedule_for(st, &c, status, d0, dates, n, next, next_time, &out) < 0)
		goto fail;
	free(dates);
	dates = NULL;
	for (i = 0; i < nt; i++) {
		if (tr[i].step == tr[i].want_step && tr[i].gap == tr[i].want_gap)
			continue;
		if (!(s = prep(st, set_step)))
			goto fail;
		bind_int(s, ":step", tr[i].want_step);
		if (tr[i].want_gap >= 0)
			bind_int(s, ":gap", tr[i].want_gap);
		bind_int(s, ":id", tr[i].id);
		if (run(st, s) < 0)
			goto fail;
	}
	last = nt ? tr[nt - 1].id : 0;
	free(tr);
	tr = NULL;
	if (!(s = prep(st, upd)))
		return -1;
	bind_due(s, &out);
	bind_int(s, ":touches", (long long)nt);
	if (last)
		bind_int(s, ":last", last);
	bind_int(s, ":fu", k);
	if (first != DATE_NONE)
		bind_int(s, ":first", first - d0);
	bind_int(s, ":id", id);
	return run(st, s);
fail:
	free(dates);
	free(tr);
	return -1;
}

/* Recompute every prospect that `sql` (SELECT id ...) lists.  Collected
 * first: recompute() reuses statements the scan would need. */
static int recompute_each(struct store *st, const char *sql)
{
	sqlite3_stmt *s;
	long long *ids = NULL;
	size_t n = 0, cap = 0, i;
	int r;

	if (!(s = prep(st, sql)))
		return -1;
	while ((r = row(st, s)) == 1) {
		if (n == cap)
			ids = xrealloc(ids, (cap = cap * 2 + 64) * sizeof *ids);
		ids[n++] = sqlite3_column_int64(s, 0);
	}
	for (i = 0; r == 0 && i < n; i++)
		if (recompute(st, ids[i]) < 0)
			r = -1;
	free(ids);
	return r < 0 ? -1 : 0;
}

/* Every prospect, whatever its status (the schema 4-5 migration). */
static int recompute_every(struct store *st)
{
	static const char sql[] = "SELECT id FROM prospect";
	return recompute_each(st, sql);
}

/* The active ones: after a change to the workday calendar. */
static int recompute_all(struct store *st)
{
	static const char sql[] = "SELECT id FROM prospect WHERE status = 'active'";
	return recompute_each(st, sql);
}

int store_sync_calendar(struct store *st)
{
	char *fp = NULL, *old = NULL;
	size_t n;
	int r;

	if (fingerprint(st, &fp) < 0)
		return -1;
	n = strlen(fp) + 2;
	old = xmalloc(n);
	r = meta_get(st, "calendar", old, n);
	if (r < 0 || (r == 1 && !strcmp(old, fp))) {
		free(fp);
		free(old);
		return r < 0 ? -1 : 0;
	}
	if (begin_immediate(st) < 0)
		goto fail;
	st->wc_ready = 0;
	if (st->cfg->holiday_calendar) {
		static const char range[] =
			"SELECT min(first_contact), max(due) FROM prospect";
		sqlite3_stmt *s = prep(st, range);
		int lo = st->today, hi = st->today;
		if (!s || row(st, s) < 0)
			goto fail_tx;
		if (col_date(s, 0) != DATE_NONE && col_date(s, 0) < lo)
			lo = col_date(s, 0);
		if (col_date(s, 1) != DATE_NONE && col_date(s, 1) > hi)
			hi = col_date(s, 1);
		sqlite3_reset(s);
		if (load_feed(st, lo - 31, hi + 3 * 366) < 0)
			goto fail_tx;
	} else if (exec(st, "DELETE FROM holiday_cache") < 0) {
		goto fail_tx;
	}
	if (recompute_all(st) < 0 || meta_set(st, "calendar", fp) < 0 || exec(st, "COMMIT") < 0)
		goto fail_tx;
	free(fp);
	free(old);
	return 0;
fail_tx:
	rollback_change(st);
fail:
	st->wc_ready = 0;
	free(fp);
	free(old);
	return -1;
}

/* ---- prospects ------------------------------------------------------ */

int store_valid_email(const char *e)
{
	const char *at;
	if (!e)
		return 1;
	at = strchr(e, '@');
	return at && at > e && at[1] && !strchr(at + 1, '@') && !strpbrk(e, " \t\r\n<>,;\"") &&
	       strchr(at + 1, '.') && at[strlen(at) - 1] != '.';
}

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
		int ok = store_valid_email(e);
		free(e);
		if (!ok)
			return err_usage("email %s: not an email address", err_quote(f->email));
	}
	return 0;
}

/* The id of cadence `name` and, when c is given, the cadence itself. */
static int cadence_id(struct store *st, const char *name, long long *id, struct cadence *c)
{
	static const char sql[] = "SELECT id, name, offsets, tail FROM cadence WHERE name = :name";
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
	if (!(s = prep(st, sql)))
		return -1;
	bind_text(s, ":name", name);
	r = row(st, s);
	if (r == 1) {
		struct cadence cd;
		*id = sqlite3_column_int64(s, 0);
		if (cadence_from_row(s, 1, &cd) < 0) {
			sqlite3_reset(s);
			return err_runtime("database %s: cadence %s is corrupt", err_quote(st->path),
					   err_quote(name));
		}
		sqlite3_reset(s);
		if (c)
			*c = cd;
		if (st->batch && strlen(name) < sizeof st->batch_cadence_name) {
			memcpy(st->batch_cadence_name, name, strlen(name) + 1);
			st->batch_cadence = cd;
			st->batch_cadence_id = *id;
		}
		return 0;
	}
	return r < 0 ? -1 : err_usage("cadence %s: no such cadence (see followup cadence list)",
				      err_quote(name));
}

/* A field, trimmed, bound in place: the caller's string outlives the
 * statement's step (prep() clears the bindings before the next use). */
static void bind_field(sqlite3_stmt *s, const char *name, const char *v)
{
	size_t len;
	int i = idx(s, name);

	if ((v = util_trim_span(v, &len)))
		sqlite3_bind_text(s, i, v, (int)len, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

int store_prospect_add(struct store *st, const struct prospect_new *p, long long *id)
{
	static const char sql[] =
		"INSERT INTO prospect (id, name, company, title, email, phone, phone_key, source, notes, "
		"status, first_contact, cadence_id, flags, next_date, next_time, next_set_on, "
		"due, due_time, due_kind, due_step, complete, "
		"created_at, updated_at) VALUES (CASE WHEN :id > coalesce((SELECT seq FROM "
		"sqlite_sequence WHERE name = 'prospect'), 0) THEN :id END, :name, :company, :title, :email, :phone, "
		":phone_key, :source, :notes, coalesce(:status, 'active'), :d0, :cad, :flags, :next, "
		":next_time, CASE WHEN :next IS NOT NULL THEN :today END, :due, :due_time, :kind, "
		":step, :complete, :now, :now)";
	char label[300], stamp[21], clean[200], *key;
	long long cad;
	sqlite3_stmt *s;
	struct cadence c;
	struct schedule out;
	int next = p->next_date ? p->next_date : DATE_NONE;
	int next_time = next != DATE_NONE ? p->next_time : TIME_NONE;
	const char *status = p->status && store_valid_status(p->status) ? p->status : NULL;

	if (check_fields(&p->f, 1) < 0)
		return -1;
	if (p->first_contact > st->today)
		return err_usage("first contact %s: after today", err_quote(date_format(p->first_contact, label)));
	snprintf(label, sizeof label, "add %s", util_sanitize(clean, sizeof clean, p->f.name, 60));
	if (begin_change(st, label) < 0)
		return -1;
	/* No touches yet: the due columns are known before the row exists,
	 * so it is written once (an import adds rows by the hundred thousand). */
	if (cadence_id(st, p->cadence, &cad, &c) < 0 ||
	    schedule_for(st, &c, status_of(status), p->first_contact, NULL, 0, next, next_time, &out) < 0 ||
	    !(s = prep(st, sql)))
		return rollback_change(st);
	bind_field(s, ":name", p->f.name);
	bind_field(s, ":company", p->f.company);
	bind_field(s, ":title", p->f.title);
	bind_field(s, ":email", p->f.email);
	bind_field(s, ":phone", p->f.phone);
	bind_field(s, ":source", p->f.source);
	bind_field(s, ":notes", p->f.notes);
	bind_date(s, ":d0", p->first_contact);
	bind_int(s, ":cad", cad);
	bind_int(s, ":flags", p->flags & FLAG_ALL);
	bind_text(s, ":now", clock_utc_stamp(stamp));
	bind_int(s, ":id", p->id);
	bind_text(s, ":status", status);
	bind_date(s, ":next", next);
	bind_time(s, ":next_time", next_time);
	bind_date(s, ":today", st->today);
	key = store_phone_key(p->f.phone);
	bind_text(s, ":phone_key", key);
	free(key);
	bind_due(s, &out);
	if (run_insert(st, s, id) < 0)
		return rollback_change(st);
	if (journal_insert(st, T_PROSPECT, *id, *id) < 0 || commit_change(st) < 0)
		return rollback_change(st);
	return 0;
}

/* Name and day 0 of a prospect; usage error when there is none. */
static int prospect_basics(struct store *st, long long id, char *name, size_t n, int *d0,
			   int *next_set_on)
{
	static const char sql[] = "SELECT name, first_contact, next_set_on FROM prospect WHERE id = :id";
	sqlite3_stmt *s = prep(st, sql);
	char num[32];
	int r;

	if (!s)
		return -1;
	bind_int(s, ":id", id);
	r = row(st, s);
	if (r == 1) {
		if (name)
			util_sanitize(name, n, col_text(s, 0), 60);
		if (d0)
			*d0 = col_date(s, 1);
		if (next_set_on)
			*next_set_on = col_date(s, 2);
		sqlite3_reset(s);
		return 0;
	}
	snprintf(num, sizeof num, "%lld", id);
	return r < 0 ? -1 : err_usage("prospect %s: no such prospect", err_quote(num));
}

static int bump(struct store *st, long long id)
{
	static const char sql[] = "UPDATE prospect SET revision = revision + 1, updated_at = :now WHERE id = :id";
	sqlite3_stmt *s = prep(st, sql);
	char stamp[21];
	if (!s)
		return -1;
	bind_text(s, ":now", clock_utc_stamp(stamp));
	bind_int(s, ":id", id);
	return run(st, s);
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
	const char *const names[7] = {":name", ":company", ":title", ":email", ":phone", ":source", ":notes"};
	const char *const *vals = &e->f.name;
	char label[300], name[200], setname[24], buf[11];
	long long cad = 0;
	sqlite3_stmt *s;
	int i, first;

	if (check_fields(&e->f, 0) < 0)
		return -1;
	if (e->status && !store_valid_status(e->status))
		return err_usage("status %s: expected active, won or lost", err_quote(e->status));
	if (e->first_contact != DATE_NONE && e->first_contact > st->today)
		return err_usage("first contact %s: after today", err_quote(date_format(e->first_contact, buf)));
	if (prospect_basics(st, id, name, sizeof name, NULL, NULL) < 0)
		return -1;
	snprintf(label, sizeof label, "edit %s (#%lld)", name, id);
	if (begin_prospect_change(st, label, id) < 0)
		return -1;
	if (e->cadence && cadence_id(st, e->cadence, &cad, NULL) < 0)
		return rollback_change(st);
	if (e->first_contact != DATE_NONE) {
		if (!(s = prep(st, first_touch)))
			return rollback_change(st);
		bind_int(s, ":id", id);
		if (row(st, s) < 0)
			return rollback_change(st);
		first = col_date(s, 0);
		sqlite3_reset(s);
		if (first != DATE_NONE && e->first_contact > first) {
			rollback_change(st);
			return err_usage("first contact %s: after the first touch (%s)",
					 err_quote(date_format(e->first_contact, label)),
					 date_format(first, buf));
		}
	}
	if (!(s = prep(st, sql)))
		return rollback_change(st);
	for (i = 0; i < 7; i++) {
		snprintf(setname, sizeof setname, ":set_%s", names[i] + 1);
		bind_int(s, setname, vals[i] != NULL);
		bind_field(s, names[i], vals[i]);
	}
	if (e->f.phone) {
		char *key = store_phone_key(e->f.phone);
		bind_text(s, ":phone_key", key);
		free(key);
	}
	bind_text(s, ":status", e->status);
	if (e->cadence)
		bind_int(s, ":cad", cad);
	bind_date(s, ":d0", e->first_contact);
	bind_int(s, ":fset", e->flags_set & FLAG_ALL);
	bind_int(s, ":fclear", e->flags_clear & FLAG_ALL);
	bind_int(s, ":id", id);
	if (run(st, s) < 0 || bump(st, id) < 0 || recompute(st, id) < 0 || commit_change(st) < 0)
		return rollback_change(st);
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
	if (begin_change(st, label) < 0)
		return -1;
	if (journal_old(st, T_TOUCH, 1, BY_PROSPECT, id) < 0 || !(s = prep(st, touches)))
		return rollback_change(st);
	bind_int(s, ":id", id);
	if (run(st, s) < 0 || journal_old(st, T_PROSPECT, 1, BY_ID, id) < 0 || !(s = prep(st, sql)))
		return rollback_change(st);
	bind_int(s, ":id", id);
	if (run(st, s) < 0 || commit_change(st) < 0)
		return rollback_change(st);
	return 0;
}

int store_prospect_state(struct store *st, long long id, struct prospect_state *out)
{
	static const char sql[] =
		"SELECT name, first_contact, status, due, due_time, due_kind, due_step, complete, "
		"(SELECT count(*) FROM touch WHERE prospect_id = p.id) FROM prospect p WHERE id = :id";
	sqlite3_stmt *s = prep(st, sql);
	const char *t;
	char num[32];
	int r;

	if (!s)
		return -1;
	bind_int(s, ":id", id);
	r = row(st, s);
	if (r != 1) {
		snprintf(num, sizeof num, "%lld", id);
		return r < 0 ? -1 : err_usage("prospect %s: no such prospect", err_quote(num));
	}
	memset(out, 0, sizeof *out);
	out->id = id;
	snprintf(out->name, sizeof out->name, "%s", col_text(s, 0));
	out->first_contact = col_date(s, 1);
	t = col_text(s, 2);
	out->status = !strcmp(t, "won") ? STATUS_WON : !strcmp(t, "lost") ? STATUS_LOST : STATUS_ACTIVE;
	out->due = col_date(s, 3);
	out->due_time = col_time(s, 4);
	t = col_text(s, 5);
	out->kind = !t ? DUE_NONE : !strcmp(t, "explicit") ? DUE_EXPLICIT : DUE_CADENCE;
	out->step = sqlite3_column_int(s, 6);
	out->complete = sqlite3_column_int(s, 7);
	out->touch_count = sqlite3_column_int(s, 8);
	sqlite3_reset(s);
	return 0;
}

/* ---- touches and next dates ----------------------------------------- */

int store_touch_add(struct store *st, long long prospect, int date, int minutes,
		    const char *channel, const char *outcome, const char *note,
		    long long *touch_id)
{
	static const char ins[] =
		"INSERT INTO touch (prospect_id, at, channel, outcome, note, created_at) "
		"VALUES (:pid, :at, :channel, :outcome, :note, :now)";
	static const char status[] = "UPDATE prospect SET status = :status WHERE id = :id";
	static const char clear[] =
		"UPDATE prospect SET next_date = NULL, next_time = NULL, next_set_on = NULL "
		"WHERE id = :id";
	char label[300], name[200], at[17], buf[11], tbuf[6], stamp[21];
	int d0, set_on;
	long long tid;
	sqlite3_stmt *s;

	if (!store_valid_channel(channel))
		return err_usage("channel %s: expected one of %s", err_quote(channel), store_channels);
	if (!store_valid_outcome(outcome))
		return err_usage("outcome %s: expected one of %s", err_quote(outcome), store_outcomes);
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
	snprintf(label, sizeof label, "log %s/%s for %s (#%lld)", channel, outcome, name, prospect);
	if (begin_prospect_change(st, label, prospect) < 0)
		return -1;
	if (!(s = prep(st, ins)))
		return rollback_change(st);
	bind_int(s, ":pid", prospect);
	bind_text(s, ":at", at);
	bind_text(s, ":channel", channel);
	bind_text(s, ":outcome", outcome);
	bind_field(s, ":note", note);
	bind_text(s, ":now", clock_utc_stamp(stamp));
	if (run_insert(st, s, &tid) < 0 || journal_insert(st, T_TOUCH, tid, prospect) < 0)
		return rollback_change(st);
	if (touch_id)
		*touch_id = tid;
	/* A restored touch log does not override the status its prospect was
	 * imported with. */
	if ((!strcmp(outcome, "won") || !strcmp(outcome, "lost")) && !st->restoring) {
		if (!(s = prep(st, status)))
			return rollback_change(st);
		bind_text(s, ":status", outcome);
		bind_int(s, ":id", prospect);
		if (run(st, s) < 0)
			return rollback_change(st);
	}
	/* Rule 5: a touch on or after the day the next date was set clears it
	 * (not when restoring a touch log: that history predates the date). */
	if (set_on != DATE_NONE && date >= set_on && !st->restoring) {
		if (!(s = prep(st, clear)))
			return rollback_change(st);
		bind_int(s, ":id", prospect);
		if (run(st, s) < 0)
			return rollback_change(st);
	}
	if (bump(st, prospect) < 0 || recompute(st, prospect) < 0 || commit_change(st) < 0)
		return rollback_change(st);
	return 0;
}

int store_touch_remove(struct store *st, long long touch_id, long long *prospect)
{
	static const char get[] = "SELECT prospect_id, at, channel, outcome FROM touch WHERE id = :id";
	static const char del[] = "DELETE FROM touch WHERE id = :id";
	char label[300], name[200], num[32];
	sqlite3_stmt *s = prep(st, get);
	int r;

	if (!s)
		return -1;
	bind_int(s, ":id", touch_id);
	r = row(st, s);
	if (r != 1) {
		snprintf(num, sizeof num, "%lld", touch_id);
		return r < 0 ? -1 : err_usage("touch %s: no such touch", err_quote(num));
	}
	*prospect = sqlite3_column_int64(s, 0);
	snprintf(label, sizeof label, "remove touch #%lld (%s %s/%s)", touch_id, col_text(s, 1),
		 col_text(s, 2), col_text(s, 3));
	sqlite3_reset(s);
	if (prospect_basics(st, *prospect, name, sizeof name, NULL, NULL) < 0)
		return -1;
	snprintf(label + strlen(label), sizeof label - strlen(label), " for %s", name);
	if (begin_prospect_change(st, label, *prospect) < 0)
		return -1;
	if (journal_old(st, T_TOUCH, 1, BY_ID, touch_id) < 0 || !(s = prep(st, del)))
		return rollback_change(st);
	bind_int(s, ":id", touch_id);
	if (run(st, s) < 0 || bump(st, *prospect) < 0 || recompute(st, *prospect) < 0 ||
	    commit_change(st) < 0)
		return rollback_change(st);
	return 0;
}

static int set_next(struct store *st, long long id, int date, int time)
{
	static const char sql[] =
		"UPDATE prospect SET next_date = :d, next_time = :t, next_set_on = :on WHERE id = :id";
	char label[300], name[200], buf[11], tbuf[6];
	sqlite3_stmt *s;

	if (date != DATE_NONE && date < st->today)
		return err_usage("next date %s: before today (%s)", err_quote(date_format(date, buf)),
				 date_format(st->today, label));
	if (prospect_basics(st, id, name, sizeof name, NULL, NULL) < 0)
		return -1;
	if (date == DATE_NONE)
		snprintf(label, sizeof label, "clear next date of %s (#%lld)", name, id);
	else
		snprintf(label, sizeof label, "next date %s%s%s for %s (#%lld)", date_format(date, buf),
			 time == TIME_NONE ? "" : " ", time == TIME_NONE ? "" : time_format(time, tbuf),
			 name, id);
	if (begin_prospect_change(st, label, id) < 0)
		return -1;
	if (!(s = prep(st, sql)))
		return rollback_change(st);
	bind_date(s, ":d", date);
	bind_time(s, ":t", date == DATE_NONE ? TIME_NONE : time);
	bind_date(s, ":on", date == DATE_NONE ? DATE_NONE : st->today);
	bind_int(s, ":id", id);
	if (run(st, s) < 0 || bump(st, id) < 0 || recompute(st, id) < 0 || commit_change(st) < 0)
		return rollback_change(st);
	return 0;
}

int store_next_set(struct store *st, long long id, int date, int time)
{
	if (date == DATE_NONE)
		return err_usage("next date: missing");
	return set_next(st, id, date, time);
}

int store_next_clear(struct store *st, long long id)
{
	return set_next(st, id, DATE_NONE, TIME_NONE);
}

/* ---- undo ----------------------------------------------------------- */

/* The statement restoring one entry: op "insert" deletes, "update" and
 * "delete" write the JSON image back.  Built once per table from the
 * constant column lists, so the text is stable for the statement cache. */
static const char *undo_sql(const struct table *t, const char *op)
{
	static char del[NTABLES][128], upd[NTABLES][2048], ins[NTABLES][2048];
	size_t ti = (size_t)(t - tables);
	int i;

	if (!strcmp(op, "insert")) {
		if (!del[ti][0])
			snprintf(del[ti], sizeof del[ti], "DELETE FROM %s WHERE id = :id", t->name);
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
		"SELECT tbl, op, row_id, old FROM undo_entry WHERE grp = :grp ORDER BY id DESC";
	static const char affected[] =
		"INSERT OR IGNORE INTO temp.undo_rev (id, revision) SELECT e.prospect_id, "
		"(SELECT revision FROM prospect WHERE id = e.prospect_id) FROM undo_entry e "
		"WHERE e.grp = :grp AND e.prospect_id IS NOT NULL";
	static const char calendar[] =
		"SELECT EXISTS (SELECT 1 FROM undo_entry WHERE grp = :grp AND tbl IN ('away', 'cadence'))";
	static const char drop[] = "DELETE FROM undo_group WHERE id = :grp";
	static const char revs[] =
		"UPDATE prospect SET revision = coalesce((SELECT revision FROM temp.undo_rev r "
		"WHERE r.id = prospect.id), revision) + 1 WHERE id IN (SELECT id FROM temp.undo_rev)";
	static const char ids[] = "SELECT id FROM temp.undo_rev WHERE id IN (SELECT id FROM prospect)";
	sqlite3_stmt *s, *e;
	long long grp;
	int r, all;
	long long *list = NULL;
	size_t cnt = 0, cap = 0, i;

	if (sqlite3_exec(st->db, "CREATE TEMP TABLE IF NOT EXISTS undo_rev (id INTEGER PRIMARY KEY, "
				 "revision INTEGER)", NULL, NULL, NULL) != SQLITE_OK)
		return dberr(st, "");
	if (begin_immediate(st) < 0)
		return -1;
	if (exec(st, "DELETE FROM temp.undo_rev") < 0 || !(s = prep(st, last)))
		return rollback_change(st);
	r = row(st, s);
	if (r <= 0) {
		rollback_change(st);
		return r < 0 ? -1 : err_usage("undo: nothing to undo");
	}
	grp = sqlite3_column_int64(s, 0);
	snprintf(label, n, "%s", col_text(s, 1));
	sqlite3_reset(s);

	if (!(s = prep(st, affected)))
		return rollback_change(st);
	bind_int(s, ":grp", grp);
	if (run(st, s) < 0 || !(s = prep(st, calendar)))
		return rollback_change(st);
	bind_int(s, ":grp", grp);
	if (row(st, s) != 1)
		return rollback_change(st);
	all = sqlite3_column_int(s, 0);
	sqlite3_reset(s);

	if (!(e = prep(st, entries)))
		return rollback_change(st);
	bind_int(e, ":grp", grp);
	while ((r = row(st, e)) == 1) {
		const char *tbl = col_text(e, 0);
		size_t t;
		for (t = 0; t < NTABLES && strcmp(tables[t].name, tbl); t++)
			;
		if (t == NTABLES) {
			sqlite3_reset(e);
			rollback_change(st);
			return err_runtime("database %s: undo journal names table %s",
					   err_quote(st->path), err_quote(tbl));
		}
		if (!(s = prep(st, undo_sql(&tables[t], col_text(e, 1))))) {
			sqlite3_reset(e);
			return rollback_change(st);
		}
		/* insert: DELETE … :id; update: :old and :id; delete: INSERT :old. */
		if (strcmp(col_text(e, 1), "delete"))
			bind_int(s, ":id", sqlite3_column_int64(e, 2));
		if (strcmp(col_text(e, 1), "insert"))
			bind_text(s, ":old", col_text(e, 3));
		if (run(st, s) < 0) {
			sqlite3_reset(e);
			return rollback_change(st);
		}
	}
	if (r < 0)
		return rollback_change(st);
	if (!(s = prep(st, drop)))
		return rollback_change(st);
	bind_int(s, ":grp", grp);
	if (run(st, s) < 0 || exec(st, revs) < 0)
		return rollback_change(st);
	st->wc_ready = 0;
	if (all) {
		if (recompute_all(st) < 0)
			return rollback_change(st);
	} else {
		if (!(s = prep(st, ids)))
			return rollback_change(st);
		while ((r = row(st, s)) == 1) {
			if (cnt == cap)
				list = xrealloc(list, (cap = cap * 2 + 16) * sizeof *list);
			list[cnt++] = sqlite3_column_int64(s, 0);
		}
		for (i = 0; r == 0 && i < cnt; i++)
			if (recompute(st, list[i]) < 0)
				r = -1;
		free(list);
		if (r < 0)
			return rollback_change(st);
	}
	if (exec(st, "COMMIT") < 0)
		return rollback_change(st);
	return 0;
}

/* ---- batches ------------------------------------------------------- */

int store_batch_begin(struct store *st, const char *label)
{
	/* One transaction for the whole file: give it a page cache that can
	 * hold its dirty pages (up to 128 MiB, allocated as used), so they are
	 * written once at commit instead of spilled to the WAL every few rows
	 * (20 pwrite()s per imported row with the 2 MiB default). */
	if (exec(st, "PRAGMA cache_size = -131072") < 0 || begin_change(st, label) < 0)
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
		rollback_change(st);
		return 0;
	}
	if (commit_change(st) < 0)
		return rollback_change(st);
	return 0;
}

int store_find_duplicate(struct store *st, const char *email, const char *phone, long long *id)
{
	static const char by_email[] =
		"SELECT id FROM prospect WHERE lower(email) = lower(:email) AND email IS NOT NULL "
		"ORDER BY id LIMIT 1";
	static const char by_phone[] =
		"SELECT id FROM prospect WHERE phone_key = :key AND phone_key IS NOT NULL ORDER BY id LIMIT 1";
	char *key;
	sqlite3_stmt *s;
	int r;

	*id = 0;
	if (util_has_text(email)) {
		char *e = util_trimmed(email);
		if (!(s = prep(st, by_email))) {
			free(e);
			return -1;
		}
		bind_text(s, ":email", e);
		free(e);
		if ((r = row(st, s)) < 0)
			return -1;
		if (r == 1) {
			*id = sqlite3_column_int64(s, 0);
			sqlite3_reset(s);
			return 0;
		}
	}
	if ((key = store_phone_key(phone))) {
		if (!(s = prep(st, by_phone))) {
			free(key);
			return -1;
		}
		bind_text(s, ":key", key);
		free(key);
		if ((r = row(st, s)) < 0)
			return -1;
		if (r == 1) {
			*id = sqlite3_column_int64(s, 0);
			sqlite3_reset(s);
		}
	}
	return 0;
}

char *store_phone_key(const char *phone)
{
	size_t len, o = 0, i;
	const char *p = util_trim_span(phone, &len);
	char *key;

	if (!p)
		return NULL;
	key = xmalloc(len + 1);
	if (*p == '+')
		key[o++] = '+';
	for (i = 0; i < len; i++)
		if (p[i] >= '0' && p[i] <= '9')
			key[o++] = p[i];
	key[o] = '\0';
	if (o >= 3 || (o >= 2 && key[0] != '+'))
		return key;
	free(key);
	return NULL;
}

/* ---- cadences ------------------------------------------------------- */

int store_cadence_get(struct store *st, const char *name, struct cadence *out)
{
	static const char sql[] = "SELECT name, offsets, tail FROM cadence WHERE name = :name";
	sqlite3_stmt *s = prep(st, sql);
	int r;

	if (!s)
		return -1;
	bind_text(s, ":name", name);
	r = row(st, s);
	if (r != 1)
		return r < 0 ? -1 : err_usage("cadence %s: no such cadence (see followup cadence list)",
					      err_quote(name));
	r = cadence_from_row(s, 0, out);
	sqlite3_reset(s);
	return r;
}

int store_cadence_add(struct store *st, const struct cadence *c)
{
	static const char exists[] = "SELECT 1 FROM cadence WHERE name = :name";
	static const char sql[] = "INSERT INTO cadence (name, offsets, tail) VALUES (:name, :offsets, :tail)";
	char label[128], offsets[512], tail[32];
	sqlite3_stmt *s = prep(st, exists);
	long long id;
	int r;

	if (!s)
		return -1;
	bind_text(s, ":name", c->name);
	if ((r = row(st, s)) != 0) {
		sqlite3_reset(s);
		return r < 0 ? -1 : err_usage("cadence %s: already exists", err_quote(c->name));
	}
	snprintf(label, sizeof label, "add cadence %s", c->name);
	if (begin_change(st, label) < 0 || !(s = prep(st, sql)))
		return rollback_change(st);
	bind_text(s, ":name", c->name);
	bind_text(s, ":offsets", cadence_format_offsets(c, offsets, sizeof offsets));
	bind_text(s, ":tail", cadence_format_tail(c, tail, sizeof tail));
	if (run_insert(st, s, &id) < 0 || journal_insert(st, T_CADENCE, id, 0) < 0 ||
	    commit_change(st) < 0)
		return rollback_change(st);
	return 0;
}

int store_cadence_each(struct store *st,
		       int (*cb)(const struct cadence *c, int builtin, long long uses, void *ctx),
		       void *ctx)
{
	static const char sql[] =
		"SELECT name, offsets, tail, builtin, (SELECT count(*) FROM prospect p WHERE "
		"p.cadence_id = c.id) FROM cadence c ORDER BY builtin DESC, name COLLATE NOCASE";
	sqlite3_stmt *s = prep(st, sql);
	struct cadence c;
	int r;

	if (!s)
		return -1;
	while ((r = row(st, s)) == 1) {
		if (cadence_from_row(s, 0, &c) < 0 ||
		    cb(&c, sqlite3_column_int(s, 3), sqlite3_column_int64(s, 4), ctx) < 0) {
			sqlite3_reset(s);
			return -1;
		}
	}
	return r;
}

/* ---- time off ------------------------------------------------------- */

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
	if (begin_change(st, label) < 0 || !(s = prep(st, sql)))
		return rollback_change(st);
	bind_date(s, ":from", from);
	bind_date(s, ":to", to);
	if (run_insert(st, s, id) < 0 || journal_insert(st, T_AWAY, *id, 0) < 0)
		return rollback_change(st);
	st->wc_ready = 0;
	if (recompute_all(st) < 0 || commit_change(st) < 0) {
		st->wc_ready = 0;
		return rollback_change(st);
	}
	return 0;
}

int store_away_remove(struct store *st, long long id)
{
	static const char get[] = "SELECT start, end FROM away WHERE id = :id";
	static const char sql[] = "DELETE FROM away WHERE id = :id";
	char label[64], num[32];
	sqlite3_stmt *s = prep(st, get);
	int r;

	if (!s)
		return -1;
	bind_int(s, ":id", id);
	if ((r = row(st, s)) != 1) {
		snprintf(num, sizeof num, "%lld", id);
		return r < 0 ? -1 : err_usage("time off %s: no such period", err_quote(num));
	}
	snprintf(label, sizeof label, "remove time off %s to %s", col_text(s, 0), col_text(s, 1));
	sqlite3_reset(s);
	if (begin_change(st, label) < 0 || journal_old(st, T_AWAY, 1, BY_ID, id) < 0 ||
	    !(s = prep(st, sql)))
		return rollback_change(st);
	bind_int(s, ":id", id);
	if (run(st, s) < 0)
		return rollback_change(st);
	st->wc_ready = 0;
	if (recompute_all(st) < 0 || commit_change(st) < 0) {
		st->wc_ready = 0;
		return rollback_change(st);
	}
	return 0;
}

int store_away_each(struct store *st, int (*cb)(long long id, int from, int to, void *ctx),
		    void *ctx)
{
	static const char sql[] = "SELECT id, start, end FROM away ORDER BY start, id";
	sqlite3_stmt *s = prep(st, sql);
	int r;

	if (!s)
		return -1;
	while ((r = row(st, s)) == 1)
		if (cb(sqlite3_column_int64(s, 0), col_date(s, 1), col_date(s, 2), ctx) < 0) {
			sqlite3_reset(s);
			return -1;
		}
	return r;
}

/* ---- queries -------------------------------------------------------- */

#define OVERDUE "CASE WHEN p.due IS NULL THEN NULL ELSE max(0, CAST(julianday(:today) - julianday(p.due) AS INTEGER)) END"
/* Kept by recompute(): no lookups in touch per listed prospect. */
#define TOUCHES "p.touch_count"
#define FLAGS "json((SELECT json_group_array(column2) FROM (VALUES (1, 'verified'), (2, 'need'), " \
	      "(4, 'decider'), (8, 'timeline')) WHERE p.flags & column1))"
#define PROSPECT_JSON                                                                          \
	"json_object('id', p.id, 'name', p.name, 'company', p.company, 'title', p.title, "     \
	"'email', p.email, 'phone', p.phone, 'source', p.source, 'notes', p.notes, "           \
	"'status', p.status, 'first_contact', p.first_contact, 'cadence', c.name, "            \
	"'due', p.due, 'due_time', p.due_time, 'due_kind', p.due_kind, 'step', p.due_step, "   \
	"'overdue_days', " OVERDUE ", 'touch_count', " TOUCHES ", 'last_touch', p.last_at, "   \
	"'flags', " FLAGS
#define PROW_COLUMNS                                                                           \
	"SELECT p.id, p.name, p.company, p.title, p.email, p.phone, p.source, p.notes, "       \
	"p.status, p.first_contact, c.name, p.due, p.due_time, p.due_kind, p.due_step, "       \
	OVERDUE ", " TOUCHES ", p.last_at, p.last_channel, p.last_outcome, " LAST_NOTE ", p.flags, "
#define PROW_SELECT PROW_COLUMNS                                                               \
	"CASE WHEN :json THEN " PROSPECT_JSON JSON_TAIL " END, p.revision " PROW_FROM
/* Without the JSON: half the parsing for the morning's text list. */
#define PROW_SELECT_TEXT PROW_COLUMNS "NULL, p.revision " PROW_FROM
/* The last touch's time, channel and outcome are kept on the prospect by
 * recompute(): the lists read no touch at all (half the pages the morning
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
	"AND (:undecided = 0 OR p.complete = 1) "                                              \
	"AND (:q IS NULL OR p.name LIKE :q ESCAPE '\\' OR p.company LIKE :q ESCAPE '\\' "     \
	"OR p.email LIKE :q ESCAPE '\\' OR p.phone LIKE :q ESCAPE '\\') "
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
#undef LAST_NOTE
#define LAST_NOTE "(SELECT note FROM touch WHERE id = p.last_touch_id)"
/* The due prospects' ids from the index, sorted, then their rows in that
 * order: an export of 60,000 events read 118,000 pages in due order and
 * 17,000 this way. */
static const char calendar_sql[] = PROW_SELECT_TEXT
	"WHERE p.id IN (SELECT id FROM prospect WHERE due IS NOT NULL AND due <= :until) ORDER BY p.id";
#undef JSON_TAIL
#define JSON_TAIL                                                                              \
	", 'touches', json((SELECT json_group_array(json(json_object('id', id, 'at', at, "     \
	"'channel', channel, 'outcome', outcome, 'note', note))) FROM (SELECT * FROM touch "   \
	"WHERE prospect_id = p.id ORDER BY at, id))))"
static const char show_sql[] = PROW_SELECT "WHERE p.id = :id";
#undef JSON_TAIL
#undef LAST_NOTE

static void fill_row(sqlite3_stmt *s, struct prow *r)
{
	r->id = sqlite3_column_int64(s, 0);
	r->name = col_text(s, 1);
	r->company = col_text(s, 2);
	r->title = col_text(s, 3);
	r->email = col_text(s, 4);
	r->phone = col_text(s, 5);
	r->source = col_text(s, 6);
	r->notes = col_text(s, 7);
	r->status = col_text(s, 8);
	r->first_contact = col_text(s, 9);
	r->cadence = col_text(s, 10);
	r->due = col_text(s, 11);
	r->due_time = col_text(s, 12);
	r->due_kind = col_text(s, 13);
	r->step = sqlite3_column_int(s, 14);
	r->overdue_days = sqlite3_column_type(s, 15) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 15);
	r->touch_count = sqlite3_column_int(s, 16);
	r->last_touch = col_text(s, 17);
	r->last_channel = col_text(s, 18);
	r->last_outcome = col_text(s, 19);
	r->last_note = col_text(s, 20);
	r->flags = (unsigned)sqlite3_column_int(s, 21);
	r->json = col_text(s, 22);
	r->revision = sqlite3_column_int64(s, 23);
}

static int each_row(struct store *st, sqlite3_stmt *s, prow_cb cb, void *ctx)
{
	struct prow pr;
	int r;

	while ((r = row(st, s)) == 1) {
		fill_row(s, &pr);
		if (cb(&pr, ctx) < 0) {
			sqlite3_reset(s);
			return -1;
		}
	}
	return r;
}

/* The rows of one of the due queries, due on or before `until`. */
static int due_rows(struct store *st, const char *sql, int until, int want_json, prow_cb cb, void *ctx)
{
	sqlite3_stmt *s = prep(st, sql);
	if (!s)
		return -1;
	bind_date(s, ":today", st->today);
	bind_date(s, ":until", until);
	if (want_json)
		bind_int(s, ":json", 1);
	return each_row(st, s, cb, ctx);
}

int store_due_each(struct store *st, int until, int want_json, prow_cb cb, void *ctx)
{
	return due_rows(st, want_json ? due_sql : due_text_sql, until, want_json, cb, ctx);
}

int store_calendar_each(struct store *st, int until, prow_cb cb, void *ctx)
{
	return due_rows(st, calendar_sql, until, 0, cb, ctx);
}

int store_due_counts(struct store *st, struct due_counts *out)
{
	static const char due[] =
		"SELECT count(*) FILTER (WHERE due < :today), count(*) FILTER (WHERE due = :today), "
		"count(*) FILTER (WHERE due >= :today) FROM prospect WHERE due IS NOT NULL AND due <= :week";
	/* Whether there is any prospect at all, not how many by status: the
	 * TUI's first paint must not read the whole table. */
	static const char any[] = "SELECT EXISTS (SELECT 1 FROM prospect)";
	sqlite3_stmt *s = prep(st, due);

	memset(out, 0, sizeof *out);
	if (!s)
		return -1;
	bind_date(s, ":today", st->today);
	bind_date(s, ":week", st->today + 6);
	if (row(st, s) != 1)
		return -1;
	out->overdue = sqlite3_column_int64(s, 0);
	out->today = sqlite3_column_int64(s, 1);
	out->week = sqlite3_column_int64(s, 2);
	sqlite3_reset(s);
	if (store_count_complete(st, &out->undecided) < 0 || !(s = prep(st, any)) || row(st, s) != 1)
		return -1;
	out->any = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return 0;
}

long long store_data_version(struct store *st)
{
	static const char sql[] = "PRAGMA data_version";
	sqlite3_stmt *s = prep(st, sql);
	long long v = -1;
	if (s && row(st, s) == 1) {
		v = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	return v;
}

int store_count_complete(struct store *st, long long *n)
{
	static const char sql[] = "SELECT count(*) FROM prospect WHERE complete = 1";
	sqlite3_stmt *s = prep(st, sql);
	if (!s || row(st, s) != 1)
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
	sqlite3_stmt *s = prep(st, sql);

	if (!s)
		return -1;
	bind_date(s, ":today", st->today);
	bind_text(s, ":status", f->status);
	bind_text(s, ":company", f->company);
	bind_text(s, ":source", f->source);
	bind_int(s, ":overdue", f->overdue);
	bind_int(s, ":undecided", f->undecided);
	bind_int(s, ":json", want_json);
	bind_int(s, ":limit", f->limit > 0 ? f->limit : -1);
	if (f->query && *f->query) {
		/* LIKE pattern: the query with %, _ and \ escaped, inside %…%. */
		size_t n = strlen(f->query), i, o = 0;
		char *pat = xmalloc(2 * n + 3);
		pat[o++] = '%';
		for (i = 0; i < n; i++) {
			if (f->query[i] == '%' || f->query[i] == '_' || f->query[i] == '\\')
				pat[o++] = '\\';
			pat[o++] = f->query[i];
		}
		pat[o++] = '%';
		pat[o] = '\0';
		bind_text(s, ":q", pat);
		free(pat);
	}
	return each_row(st, s, cb, ctx);
}

/* A touch row: id, at, channel, outcome, note[, prospect_id, email, phone]. */
static void fill_trow(sqlite3_stmt *s, struct trow *tr)
{
	int wide = sqlite3_column_count(s) > 5;

	tr->id = sqlite3_column_int64(s, 0);
	tr->at = col_text(s, 1);
	tr->channel = col_text(s, 2);
	tr->outcome = col_text(s, 3);
	tr->note = col_text(s, 4);
	tr->prospect = wide ? sqlite3_column_int64(s, 5) : 0;
	tr->email = wide ? col_text(s, 6) : NULL;
	tr->phone = wide ? col_text(s, 7) : NULL;
}

int store_show(struct store *st, long long id, int want_json, prow_cb cb,
	       int (*tcb)(const struct trow *t, void *ctx), void *ctx)
{
	static const char touches[] =
		"SELECT id, at, channel, outcome, note FROM touch WHERE prospect_id = :id ORDER BY at, id";
	sqlite3_stmt *s = prep(st, show_sql);
	struct prow pr;
	struct trow tr;
	char num[32];
	int r;

	if (!s)
		return -1;
	bind_date(s, ":today", st->today);
	bind_int(s, ":id", id);
	bind_int(s, ":json", want_json);
	r = row(st, s);
	if (r != 1) {
		snprintf(num, sizeof num, "%lld", id);
		return r < 0 ? -1 : err_usage("prospect %s: no such prospect", err_quote(num));
	}
	fill_row(s, &pr);
	r = cb(&pr, ctx);
	sqlite3_reset(s);
	if (r < 0 || !tcb)
		return r;
	if (!(s = prep(st, touches)))
		return -1;
	bind_int(s, ":id", id);
	while ((r = row(st, s)) == 1) {
		fill_trow(s, &tr);
		if (tcb(&tr, ctx) < 0) {
			sqlite3_reset(s);
			return -1;
		}
	}
	return r;
}

int store_touch_each(struct store *st, int (*cb)(const struct trow *t, void *ctx), void *ctx)
{
	static const char sql[] =
		"SELECT t.id, t.at, t.channel, t.outcome, t.note, t.prospect_id, p.email, p.phone "
		"FROM touch t JOIN prospect p ON p.id = t.prospect_id ORDER BY t.prospect_id, t.at, t.id";
	sqlite3_stmt *s = prep(st, sql);
	struct trow tr;
	int r;

	if (!s)
		return -1;
	while ((r = row(st, s)) == 1) {
		fill_trow(s, &tr);
		if (cb(&tr, ctx) < 0) {
			sqlite3_reset(s);
			return -1;
		}
	}
	return r;
}

/* ---- metrics (SPEC §6) ------------------------------------------------ */

/*
 * SPEC §6 counts follow-up k as the k-th distinct touch date after day 0.
 * recompute() keeps that number on every touch (touch.step), the days from
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
	bind_text(s, ":from", "0000-00-00");
	bind_text(s, ":to", "9999-99-99");
	if (from != DATE_NONE)
		bind_date(s, ":from", from);
	if (to != DATE_NONE)
		bind_date(s, ":to", to);
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
	if (load_calendar(st) < 0 || !(g = prep(st, gaps_sql)))
		return -1;
	if ((gr = row(st, g)) == 1)
		gap_pid = sqlite3_column_int64(g, 0);
	if (gr < 0 || !(s = prep(st, per_sql))) {
		sqlite3_reset(g);
		return -1;
	}
	stats_bind(s, from, to);
	while ((r = row(st, s)) == 1) {
		const char *status = col_text(s, 0);
		unsigned flags = (unsigned)sqlite3_column_int(s, 1);
		int d0 = col_date(s, 2), w, nf = 0;
		int first = sqlite3_column_type(s, 4) == SQLITE_NULL ? DATE_NONE : d0 + sqlite3_column_int(s, 4);
		long long n = sqlite3_column_int64(s, 3), id = sqlite3_column_int64(s, 5);
		int won = !strcmp(status, "won"), lost = !strcmp(status, "lost");

		/* This prospect's gaps, skipping those of prospects out of range. */
		for (; gr == 1 && gap_pid <= id; gap_pid = gr == 1 ? sqlite3_column_int64(g, 0) : 0) {
			if (gap_pid == id && (won || lost))
				hist_add(won ? &gaps_won : &gaps_lost, sqlite3_column_int64(g, 1));
			gr = row(st, g);
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
		if (!(s = prep(st, touch_all_sql)))
			return -1;
	} else {
		if (!(s = prep(st, touch_sql)))
			return -1;
		stats_bind(s, from, to);
	}
	while ((r = row(st, s)) == 1) {
		int k = sqlite3_column_int(s, 1);
		if (k > STATS_STEPS - 1)
			k = STATS_STEPS - 1; /* the last is "10+" */
		const char *outcome = col_text(s, 2);
		long long touches = sqlite3_column_int64(s, 3);
		long long responses = !strcmp(outcome, "connected") || !strcmp(outcome, "replied") ||
				      !strcmp(outcome, "meeting") ? touches : 0;
		for (i = 0; i < 5; i++)
			if (!strcmp(col_text(s, 0), channels[i])) {
				out->channel[i].touches += touches;
				out->channel[i].responses += responses;
			}
		if (k >= 0 && k < STATS_STEPS) {
			out->step[k].touches += touches;
			out->step[k].responses += responses;
		}
	}
	if (r < 0 || !(s = prep(st, overdue_sql)))
		return -1;
	stats_bind(s, from, to);
	bind_date(s, ":today", st->today);
	if (row(st, s) != 1)
		return -1;
	out->overdue = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (!(s = prep(st, oldest_sql)))
		return -1;
	stats_bind(s, from, to);
	bind_date(s, ":today", st->today);
	if ((r = row(st, s)) < 0)
		return -1;
	if (r == 1) {
		out->oldest_id = sqlite3_column_int64(s, 0);
		out->oldest_name = xstrdup(col_text(s, 1));
		out->oldest_days = st->today - col_date(s, 2);
		sqlite3_reset(s);
	}
	if (!(s = prep(st, undecided_sql)))
		return -1;
	stats_bind(s, from, to);
	if (row(st, s) != 1)
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
	if (!(s = prep(st, steps_sql)))
		return -1;
	bind_text(s, ":arr", arr);
	if (row(st, s) != 1)
		return -1;
	snprintf(arr, sizeof arr, "%s", col_text(s, 0));
	sqlite3_reset(s);

	if (!(s = prep(st, sql)))
		return -1;
#define BI(n, v) bind_int(s, n, v)
#define BD(n, v) do { if (isnan(v)) sqlite3_bind_null(s, idx(s, n)); else \
	sqlite3_bind_double(s, idx(s, n), v); } while (0)
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
	bind_text(s, ":steps", arr);
	BD(":after1", x->abandoned_after_one); BD(":five", x->reached_five);
	BD(":ontime", x->first_on_time); BD(":firstmed", x->first_days_median);
	BD(":gapwon", x->gap_median_won); BD(":gaplost", x->gap_median_lost);
	BI(":overdue", x->overdue); BI(":oid", x->oldest_id); bind_text(s, ":oname", x->oldest_name);
	BI(":odays", x->oldest_days); BI(":undecided", x->undecided);
	BI(":wn", x->well_n); BI(":wf", x->well_followed); BI(":ww", x->well_won);
	BD(":wc", x->well_conversion);
	BI(":pn", x->poor_n); BI(":pf", x->poor_followed); BI(":pw", x->poor_won);
	BD(":pc", x->poor_conversion);
#undef BI
#undef BD
	if (row(st, s) != 1)
		return -1;
	*json = xstrdup(col_text(s, 0));
	sqlite3_reset(s);
	return 0;
}
