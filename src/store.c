/*
 * store.c - the SQLite store (see store.h): opening and closing, the
 * statement wrapper every store*.c file uses (store_int.h), and the meta
 * table.
 *
 * Shape (after Fossil's db.c): statements are prepared once from constant
 * SQL and cached by the address of their text; parameters are bound by
 * name; every statement is finalized on close.  User text only ever
 * reaches SQLite as a bound parameter.  The store's other concerns live
 * in the files it owns: store_schema.c (migrations), store_undo.c (the
 * journal and undo), store_due.c (the workday calendar and the derived
 * due columns), store_write.c, store_query.c and store_stats.c.
 */
#include "store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "followup/clock.h"
#include "followup/date.h"
#include "followup/err.h"
#include "followup/fold.h"
#include "followup/util.h"

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

int db_error(struct store *st, const char *what)
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
 * keeps its text), reset and unbound.  Every statement db_prep() makes stays
 * in the cache, whatever their number, and is finalized by store_close():
 * a statement made outside it (the migrations) is finalized where it was
 * made.
 */
sqlite3_stmt *db_prep(struct store *st, const char *sql)
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
		db_error(st, "");
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
void db_reset_all(struct store *st)
{
	size_t i;
	for (i = 0; i < st->cache_cap; i++)
		if (st->cache[i].sql)
			sqlite3_reset(st->cache[i].stmt);
}

int db_exec(struct store *st, const char *sql);

/* BEGIN IMMEDIATE: take the write lock now, waiting on the busy timeout. */
int db_begin(struct store *st)
{
	db_reset_all(st);
	return db_exec(st, "BEGIN IMMEDIATE");
}

/*
 * The index of parameter `name` in s.  SQLite finds a name by comparing it
 * with each of the statement's names in turn, a fifth of the cost of an
 * imported row (14 parameters, 23 names); a small memo, keyed by statement
 * and name (its address and its text: some names are built in a buffer),
 * remembers it.  A statement's entries go when it is finalized
 * (db_finalize()), before its address can be reused.
 */
static struct {
	const sqlite3_stmt *s;
	const char *at;
	char name[24];
	int i;
} idx_memo[256];

/* A name the statement does not have is a bug in the caller: binding
 * nothing would run the statement with that parameter NULL, silently. */
int db_param(sqlite3_stmt *s, const char *name)
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

void db_finalize(sqlite3_stmt *s)
{
	size_t i;

	for (i = 0; i < sizeof idx_memo / sizeof idx_memo[0]; i++)
		if (idx_memo[i].s == s)
			idx_memo[i].s = NULL;
	sqlite3_finalize(s);
}

void db_bind_text(sqlite3_stmt *s, const char *name, const char *v)
{
	int i;

	if (!s)
		return;
	i = db_param(s, name);
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

void db_bind_int(sqlite3_stmt *s, const char *name, long long v)
{
	if (s)
		sqlite3_bind_int64(s, db_param(s, name), v);
}

void db_bind_date(sqlite3_stmt *s, const char *name, int d)
{
	char buf[11];

	db_bind_text(s, name, d == DATE_NONE ? NULL : date_format(d, buf));
}

void db_bind_time(sqlite3_stmt *s, const char *name, int t)
{
	char buf[6];

	db_bind_text(s, name, t == TIME_NONE ? NULL : time_format(t, buf));
}

/* Step s to completion; 0 or -1 with the database error. */
int db_run(struct store *st, sqlite3_stmt *s)
{
	int rc;
	if (!s)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		;
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : db_error(st, "");
}

/* Run an INSERT; *id receives the row it made, read at once: the undo
 * journal's own inserts follow and move sqlite3_last_insert_rowid. */
int db_run_insert(struct store *st, sqlite3_stmt *s, long long *id)
{
	if (db_run(st, s) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

/* Step once: 1 for a row, 0 when done, -1 on error. */
int db_row(struct store *st, sqlite3_stmt *s)
{
	int rc;

	if (!s)
		return -1;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		return 1;
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : db_error(st, "");
}

int db_found(struct store *st, sqlite3_stmt *s, const char *kind, const char *key, const char *missing)
{
	int r = db_row(st, s);

	return r ? r : err_usage("%s %s: %s", kind, err_quote(key), missing);
}

int db_id_row(struct store *st, sqlite3_stmt *s, long long id, const char *kind, const char *missing)
{
	char num[32];

	db_bind_int(s, ":id", id);
	snprintf(num, sizeof num, "%lld", id);
	return db_found(st, s, kind, num, missing);
}

int db_prospect_row(struct store *st, sqlite3_stmt *s, long long id)
{
	return db_id_row(st, s, id, "prospect", "no such prospect");
}

int db_exec(struct store *st, const char *sql)
{
	return db_run(st, db_prep(st, sql));
}

const char *db_col_text(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

int db_col_date(sqlite3_stmt *s, int i)
{
	int d;
	const char *t = db_col_text(s, i);
	return t && date_parse_iso(t, &d) == 0 ? d : DATE_NONE;
}

int db_col_time(sqlite3_stmt *s, int i)
{
	int m;
	const char *t = db_col_text(s, i);
	return t && time_parse(t, &m) == 0 ? m : TIME_NONE;
}

/* A field, trimmed, bound in place: the caller's string outlives the
 * statement's step (db_prep() clears the bindings before the next use). */
void db_bind_field(sqlite3_stmt *s, const char *name, const char *v)
{
	size_t len;
	int i;

	if (!s)
		return;
	i = db_param(s, name);
	if ((v = util_trim_span(v, &len)))
		sqlite3_bind_text(s, i, v, (int)len, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

void db_col_stamp(sqlite3_stmt *s, int i, int *date, int *minutes)
{
	const char *t = db_col_text(s, i);
	char d[11];

	*date = DATE_NONE;
	*minutes = TIME_NONE;
	if (!t || strlen(t) < 16)
		return;
	memcpy(d, t, 10);
	d[10] = '\0';
	if (date_parse_iso(d, date) < 0 || time_parse(t + 11, minutes) < 0) {
		*date = DATE_NONE;
		*minutes = TIME_NONE;
	}
}

int word_or(const struct word *words, int n, const char *t, int dflt)
{
	int i = word_parse(words, n, t);
	return i < 0 ? dflt : i;
}

enum due_kind due_kind_of(const char *t)
{
	return !t ? DUE_NONE : !strcmp(t, "explicit") ? DUE_EXPLICIT : DUE_CADENCE;
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

int db_pragma_int(struct store *st, const char *sql, long long *out)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(s);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	db_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* followup_fold_key(name, company, email, phone): fold_key() in SQL. */
static void sql_fold_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *v[4];
	char *key;
	int i;

	for (i = 0; i < 4 && i < argc; i++)
		v[i] = (const char *)sqlite3_value_text(argv[i]);
	key = fold_key(v[0], v[1], v[2], v[3]);
	sqlite3_result_text(ctx, key, -1, free);
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
		db_error(st, "");
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
	/* What a prospect is found by (fold.h), for the writes and the
	 * migration that fill prospect.search. */
	sqlite3_create_function(st->db, "followup_fold_key", 4, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				sql_fold_key, NULL, NULL);
	/* A database with a schema version is not empty: the count of its
	 * schema objects is needed only to tell a new file from a foreign one. */
	ntables = 1;
	if (db_pragma_int(st, "PRAGMA application_id", &app_id) < 0 ||
	    db_pragma_int(st, "PRAGMA user_version", &version) < 0 ||
	    (!version && db_pragma_int(st, "SELECT count(*) FROM sqlite_schema", &ntables) < 0)) {
		if (sqlite3_errcode(st->db) == SQLITE_NOTADB)
			err_runtime("database %s: not a followup database (not an SQLite file)",
				    err_quote(path));
		else
			db_error(st, "");
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
		db_error(st, "");
		goto fail;
	}
	/* Statement journals and TEMP tables stay in memory: on disk they cost
	 * ~15 pwrite()s per imported row. */
	if (sqlite3_exec(st->db, "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; PRAGMA journal_size_limit = 0", NULL, NULL, NULL) != SQLITE_OK) {
		db_error(st, "");
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
			db_finalize(st->cache[i].stmt);
	free(st->cache);
	memset(idx_memo, 0, sizeof idx_memo);
	if (st->db) {
		/* Every statement is the cache's or finalized where it was made:
		 * one still open here is a leak, and sqlite3_close would refuse. */
		if ((left = sqlite3_next_stmt(st->db, NULL)))
			util_bug("statement not finalized: %s", sqlite3_sql(left));
		if (sqlite3_close(st->db) != SQLITE_OK)
			rc = db_error(st, "close");
	}
	workcal_release(&st->wc);
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

	if (!st->db_id[0] && (s = db_prep(st, sql)) && db_row(st, s) == 1) {
		snprintf(st->db_id, sizeof st->db_id, "%s", db_col_text(s, 0));
		sqlite3_reset(s);
	}
	return st->db_id;
}

static long long meta_since(struct store *st)
{
	char buf[32];
	long long v;

	if (db_meta_get(st, "calendar_since", buf, sizeof buf) != 1 || sscanf(buf, "%lld", &v) != 1)
		return 0;
	return v;
}

long long store_stamp(struct store *st)
{
	if (!st->stamp_ready) {
		long long now = clock_stamp(st->today);
		st->since = meta_since(st);
		st->stamp = now > st->since ? now : st->since + 1;
		st->stamp_ready = 1;
	}
	return st->stamp;
}

long long store_change_stamp(struct store *st)
{
	return store_stamp(st);
}

long long store_calendar_since(struct store *st)
{
	return meta_since(st);
}

char *store_format_real(double v, char *buf, size_t n)
{
	sqlite3_snprintf((int)n, buf, "%!.15g", v);
	return buf;
}

int store_used_ical(const struct store *st)
{
	return st->used_ical;
}

/* ---- meta ------------------------------------------------------------ */

int db_meta_get(struct store *st, const char *key, char *buf, size_t n)
{
	static const char sql[] = "SELECT value FROM meta WHERE key = :key";
	sqlite3_stmt *s = db_prep(st, sql);
	int r;

	buf[0] = '\0';
	if (!s)
		return -1;
	db_bind_text(s, ":key", key);
	r = db_row(st, s);
	if (r == 1) {
		snprintf(buf, n, "%s", db_col_text(s, 0));
		sqlite3_reset(s);
	}
	return r < 0 ? -1 : r;
}

int db_meta_set(struct store *st, const char *key, const char *value)
{
	static const char sql[] = "INSERT OR REPLACE INTO meta (key, value) VALUES (:key, :value)";
	sqlite3_stmt *s = db_prep(st, sql);
	if (!s)
		return -1;
	db_bind_text(s, ":key", key);
	db_bind_text(s, ":value", value);
	return db_run(st, s);
}
