/*
 * test_store.c - the store on real temporary SQLite files: creation and
 * refusal, the due list order (rule 8), revisions, undo, time off, and the
 * workday configuration changing under existing prospects.
 */
#include "unit.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "followup/config.h"
#include "followup/date.h"
#include "followup/err.h"
#include "followup/store.h"
#include "../../src/store_int.h" /* the statement wrapper */

struct fixture {
	char dir[64];
	char path[128];
	struct config cfg;
	struct store *st;
	int today;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	strcpy(f->dir, "/tmp/fu-store.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/fu.db", f->dir);
	config_init(&f->cfg);
	f->today = D("2026-11-02");
	assert_int_equal(store_open(&f->st, f->path, 0, &f->cfg, f->today), 0);
	assert_int_equal(store_sync_calendar(f->st), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[160];
	store_close(f->st);
	config_release(&f->cfg);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

static void reopen(struct fixture *f, int today)
{
	store_close(f->st);
	f->today = today;
	assert_int_equal(store_open(&f->st, f->path, 0, &f->cfg, today), 0);
	assert_int_equal(store_sync_calendar(f->st), 0);
}

static long long add(struct fixture *f, const char *name, const char *d0)
{
	struct prospect_new p;
	long long id;
	memset(&p, 0, sizeof p);
	p.f.name = name;
	p.first_contact = D(d0);
	p.cadence = "standard";
	assert_int_equal(store_prospect_add(f->st, &p, &id), 0);
	return id;
}

static int due_of(struct fixture *f, long long id)
{
	struct prospect_state ps;
	assert_int_equal(store_prospect_state(f->st, id, &ps), 0);
	return ps.due;
}

static void test_created_0600_with_db_id(void **state)
{
	struct fixture *f = *state;
	struct stat sb;
	assert_int_equal(stat(f->path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(strlen(store_db_id(f->st)), 16);
}

struct names {
	char got[8][32];
	int n;
};

static int collect(const struct prow *r, void *ctx)
{
	struct names *n = ctx;
	snprintf(n->got[n->n++], 32, "%s", r->name);
	return 0;
}

static void test_due_order_rule_8(void **state)
{
	struct fixture *f = *state;
	struct names n = {{{0}}, 0};
	long long b, c, d;

	reopen(f, D("2026-11-10"));
	add(f, "zed", "2026-11-02");     /* due 11-03: overdue, oldest */
	b = add(f, "bob", "2026-11-09"); /* due 11-10 */
	c = add(f, "Alice", "2026-11-09");
	d = add(f, "carl", "2026-11-09");
	assert_int_equal(store_next_set(f->st, d, D("2026-11-10"), 15 * 60, NULL), 0);
	assert_int_equal(store_next_set(f->st, c, D("2026-11-10"), 9 * 60, NULL), 0);
	(void)b;
	assert_int_equal(store_due_each(f->st, f->today, 0, collect, &n), 0);
	assert_int_equal(n.n, 4);
	assert_string_equal(n.got[0], "zed");
	assert_string_equal(n.got[1], "Alice"); /* timed 09:00 */
	assert_string_equal(n.got[2], "carl");  /* timed 15:00 */
	assert_string_equal(n.got[3], "bob");   /* untimed */
}

static void test_revision_grows_and_undo(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db;
	sqlite3_stmt *s;
	long long id, rev[4];
	char label[256];
	int i;

	id = add(f, "Ana", "2026-11-02");
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT revision FROM prospect WHERE id = 1", -1, &s, NULL), SQLITE_OK);
	for (i = 0; i < 4; i++) {
		if (i == 1)
			assert_int_equal(store_touch_add(f->st, id, f->today, 600, CH_CALL, OUT_BUSY, NULL, NULL), 0);
		if (i == 2)
			assert_int_equal(store_next_set(f->st, id, D("2026-11-20"), TIME_NONE, NULL), 0);
		if (i == 3) {
			assert_int_equal(store_undo(f->st, label, sizeof label), 0);
			assert_non_null(strstr(label, "next date 2026-11-20"));
		}
		assert_int_equal(sqlite3_step(s), SQLITE_ROW);
		rev[i] = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		if (i)
			assert_true(rev[i] > rev[i - 1]);
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	/* Back on the cadence; the touch on day 0 is the first contact, not step 1. */
	assert_int_equal(due_of(f, id), D("2026-11-03"));
	assert_int_equal(store_undo(f->st, label, sizeof label), 0);
	assert_int_equal(due_of(f, id), D("2026-11-03"));
	assert_int_equal(store_undo(f->st, label, sizeof label), 0);
	assert_int_equal(store_prospect_state(f->st, id, &(struct prospect_state){0}), -1);
	assert_int_equal(store_undo(f->st, label, sizeof label), -1);
	assert_int_equal(err_exit_code(), 2);
}

static void test_away_moves_and_undo_restores(void **state)
{
	struct fixture *f = *state;
	long long id, away;
	char label[256];

	id = add(f, "Ana", "2026-11-02");
	assert_int_equal(store_away_add(f->st, D("2026-11-03"), D("2026-11-06"), &away), 0);
	assert_int_equal(due_of(f, id), D("2026-11-09"));
	assert_int_equal(store_undo(f->st, label, sizeof label), 0);
	assert_int_equal(due_of(f, id), D("2026-11-03"));
	assert_int_equal(store_away_add(f->st, D("2026-11-01"), D("2027-11-05"), &away), -1);
}

static void test_config_change_moves_due_dates(void **state)
{
	struct fixture *f = *state;
	long long id = add(f, "Ana", "2026-11-02");
	int hol = D("2026-11-03");

	assert_int_equal(due_of(f, id), D("2026-11-03"));
	f->cfg.holidays = malloc(sizeof(int));
	f->cfg.holidays[0] = hol;
	f->cfg.nholidays = 1;
	reopen(f, f->today);
	assert_int_equal(due_of(f, id), D("2026-11-04"));
	f->cfg.workdays = 1u << 5; /* Saturdays only */
	reopen(f, f->today);
	assert_int_equal(due_of(f, id), D("2026-11-07"));
	assert_false(store_used_ical(f->st));
}

static void test_holiday_feed(void **state)
{
	struct fixture *f = *state;
	long long id;
	const char *root = getenv("FOLLOWUP_TEST_DATA");
	char path[512];

	snprintf(path, sizeof path, "%s/tests/data/holidays.ics", root ? root : ".");
	f->cfg.holiday_calendar = strdup(path);
	reopen(f, D("2026-11-25"));
	assert_true(store_used_ical(f->st));
	id = add(f, "Ana", "2026-11-25"); /* Day 1 = Thu 11-26, a two-day holiday */
	assert_int_equal(due_of(f, id), D("2026-11-30"));
	/* Unchanged feed: the next open does not load libical again. */
	reopen(f, D("2026-11-25"));
	assert_false(store_used_ical(f->st));
	assert_int_equal(due_of(f, id), D("2026-11-30"));
}

static void test_refuses_foreign_and_newer_files(void **state)
{
	struct fixture *f = *state;
	struct store *st;
	char other[160];
	FILE *fp;
	sqlite3 *db;

	snprintf(other, sizeof other, "%s/notes.txt", f->dir);
	fp = fopen(other, "w");
	fputs("not a database at all, just some text that is long enough\n", fp);
	fclose(fp);
	assert_int_equal(store_open(&st, other, 0, &f->cfg, f->today), -1);
	assert_int_equal(err_exit_code(), 1);
	assert_non_null(strstr(err_message(), "not a followup database"));

	store_close(f->st);
	f->st = NULL;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_open(&st, f->path, 0, &f->cfg, f->today), -1);
	assert_int_equal(err_exit_code(), 1);
	assert_non_null(strstr(err_message(), "newer"));
	assert_int_equal(store_open(&f->st, f->dir, 0, &f->cfg, f->today), -1);
	f->st = NULL;
}

static void test_touch_bounds_and_rule5(void **state)
{
	struct fixture *f = *state;
	long long id;

	reopen(f, D("2026-11-10"));
	id = add(f, "Ana", "2026-11-02");
	assert_int_equal(store_touch_add(f->st, id, D("2026-11-01"), 600, CH_CALL, OUT_BUSY, NULL, NULL), -1);
	assert_int_equal(store_touch_add(f->st, id, D("2026-11-11"), 600, CH_CALL, OUT_BUSY, NULL, NULL), -1);
	/* A channel outside the table cannot reach the store: it is refused where it is read. */
	assert_int_equal(channel_parse("fax"), -1);
	assert_int_equal(store_next_set(f->st, id, D("2026-11-09"), TIME_NONE, NULL), -1);
	assert_int_equal(store_next_set(f->st, id, D("2026-11-14"), 600, NULL), 0);
	/* Backdated before the day the date was set: the appointment stays. */
	assert_int_equal(store_touch_add(f->st, id, D("2026-11-04"), 600, CH_CALL, OUT_BUSY, NULL, NULL), 0);
	assert_int_equal(due_of(f, id), D("2026-11-14"));
	/* On the day it was set: cleared, back to the cadence. */
	assert_int_equal(store_touch_add(f->st, id, D("2026-11-10"), 600, CH_CALL, OUT_BUSY, NULL, NULL), 0);
	assert_int_not_equal(due_of(f, id), D("2026-11-14"));
}


static int ignore_row(const struct prow *r, void *ctx)
{
	(void)r, (void)ctx;
	return 0;
}
#define NULL_ROW ignore_row

struct tids {
	long long id[4];
	int n;
};

static int collect_touch_ids(const struct trow *t, void *ctx)
{
	struct tids *got = ctx;
	if (got->n < 4)
		got->id[got->n++] = t->id;
	return 0;
}

static int count_row(const struct prow *r, void *ctx)
{
	(void)r;
	++*(int *)ctx;
	return 0;
}

static int count_touch(const struct trow *t, void *ctx)
{
	(void)t;
	++*(int *)ctx;
	return 0;
}

static int count_view(const struct prow *r, const struct view_key *k, int hit, void *ctx)
{
	(void)r, (void)k, (void)hit;
	++*(int *)ctx;
	return 0;
}

/* The TUI's paged views (store_view.c): every view and sort, from the
 * edge and from a key, both ways, with and without a search. */
static void every_view_function(struct store *st, int today, const char *name, long long id, int *cnt)
{
	struct view_spec v;
	struct view_key k = {0, today, TIME_NONE, STATUS_ACTIVE, name, NULL, id};
	long long after = 0, hits = 0, first = 0;
	int done, kind, sort;

	for (kind = VIEW_DUE; kind <= VIEW_ALL; kind++)
		for (sort = SORT_NAME; sort <= SORT_STATUS; sort++) {
			memset(&v, 0, sizeof v);
			v.kind = (enum view_kind)kind;
			v.sort = (enum list_sort)sort;
			v.until = today + 14;
			v.query = sort % 2 ? "round" : NULL;
			assert_int_equal(store_view_scan(st, &v, NULL, 0, 1, 10, 100, count_view, cnt, &done), 0);
			assert_int_equal(store_view_scan(st, &v, NULL, 0, -1, 10, 0, count_view, cnt, &done), 0);
			assert_int_equal(store_view_scan(st, &v, &k, 1, 1, 0, 100, count_view, cnt, &done), 0);
			assert_int_equal(store_view_scan(st, &v, &k, 0, -1, 10, 0, count_view, cnt, &done), 0);
			assert_true(store_view_find(st, &v, id, count_view, cnt) >= 0);
		}
	assert_int_equal(store_search_scan(st, "round", &after, 100, 99, &hits, &first, &done), 0);
}

static int count_cadence(const struct cadence *c, int builtin, long long uses, void *ctx)
{
	(void)c, (void)builtin, (void)uses;
	++*(int *)ctx;
	return 0;
}

static int count_away(long long id, int from, int to, void *ctx)
{
	(void)id, (void)from, (void)to;
	++*(int *)ctx;
	return 0;
}

/* Every function of store.h once, on one prospect of its own. */
static void every_store_function(struct fixture *f, int round)
{
	static const enum list_sort sorts[] = {SORT_NAME, SORT_COMPANY, SORT_DUE, SORT_STATUS, SORT_ID};
	struct prospect_new p;
	struct prospect_edit e;
	struct prospect_state ps;
	struct list_filter lf;
	struct due_counts dc;
	struct stats x;
	struct cadence c;
	char name[32], label[256], *json;
	long long id, tid, pid, dup, away, n;
	int cnt = 0;
	size_t i;

	memset(&p, 0, sizeof p);
	snprintf(name, sizeof name, "Round %d", round);
	p.f.name = name;
	p.f.email = "r@example.com";
	p.f.phone = "+1 555 0100";
	p.first_contact = f->today - 3;
	p.cadence = "standard";
	assert_int_equal(store_prospect_add(f->st, &p, &id), 0);
	memset(&e, 0, sizeof e);
	e.f.company = "Acme";
	e.first_contact = DATE_NONE;
	e.flags_set = FLAG_NEED;
	assert_int_equal(store_prospect_edit(f->st, id, &e), 0);
	assert_int_equal(store_touch_add(f->st, id, f->today, 600, CH_CALL, OUT_BUSY, "n", &tid), 0);
	assert_int_equal(store_touch_remove(f->st, tid, &pid), 0);
	assert_int_equal(store_next_set(f->st, id, f->today + 2, 600, NULL), 0);
	assert_int_equal(store_next_clear(f->st, id), 0);
	assert_int_equal(store_prospect_state(f->st, id, &ps), 0);
	assert_int_equal(store_find_duplicate(f->st, "r@example.com", NULL, &dup), 0);
	assert_int_equal(store_find_duplicate(f->st, NULL, "+1 555 0100", &dup), 0);
	assert_int_equal(store_cadence_get(f->st, "standard", &c), 0);
	if (round == 0) {
		assert_int_equal(cadence_parse(&c, "nurture", "7,30", "every:90"), 0);
		assert_int_equal(store_cadence_add(f->st, &c), 0);
	}
	assert_int_equal(store_cadence_each(f->st, count_cadence, &cnt), 0);
	assert_int_equal(store_away_add(f->st, f->today + 30, f->today + 31, &away), 0);
	assert_int_equal(store_away_each(f->st, count_away, &cnt), 0);
	assert_int_equal(store_away_remove(f->st, away), 0);
	assert_int_equal(store_due_each(f->st, f->today, 0, count_row, &cnt), 0);
	assert_int_equal(store_due_each(f->st, f->today + 7, 1, count_row, &cnt), 0);
	/* Both of the calendar's statements: most prospects due (the whole
	 * table read), none (the index). */
	assert_int_equal(store_calendar_each(f->st, f->today + 36500, count_row, &cnt), 0);
	assert_int_equal(store_calendar_each(f->st, f->today - 3650, count_row, &cnt), 0);
	assert_int_equal(store_due_counts(f->st, &dc), 0);
	assert_int_equal(store_count_no_next_step(f->st, &n), 0);
	assert_true(store_data_version(f->st) >= 0);
	for (i = 0; i < sizeof sorts / sizeof sorts[0]; i++) {
		memset(&lf, 0, sizeof lf);
		lf.sort = sorts[i];
		lf.query = i % 2 ? "round" : NULL;
		lf.status = i == 1 ? STATUS_ACTIVE : LIST_ALL;
		assert_int_equal(store_list_each(f->st, &lf, (int)(i % 2), count_row, &cnt), 0);
	}
	every_view_function(f->st, f->today, name, id, &cnt);
	assert_int_equal(store_show(f->st, id, 1, count_row, count_touch, &cnt), 0);
	assert_int_equal(store_show(f->st, id, 0, count_row, count_touch, &cnt), 0);
	assert_int_equal(store_touch_each(f->st, count_touch, &cnt), 0);
	/* The three stats streams, through stats.c. */
	assert_int_equal(stats_compute(f->st, DATE_NONE, DATE_NONE, &x), 0);
	stats_json(&x, &json);
	free(json);
	stats_release(&x);
	assert_int_equal(stats_compute(f->st, f->today - 10, f->today, &x), 0);
	stats_release(&x);
	(void)store_calendar_since(f->st);
	assert_int_equal(store_batch_begin(f->st, "batch"), 0);
	assert_int_equal(store_prospect_add(f->st, &p, &pid), 0);
	assert_int_equal(store_batch_end(f->st, 1), 0);
	assert_int_equal(store_undo(f->st, label, sizeof label), 0);
	assert_int_equal(store_prospect_delete(f->st, id), 0);
	assert_int_equal(store_undo(f->st, label, sizeof label), 0);
	assert_int_equal(store_sync_calendar(f->st), 0);
	(void)store_db_id(f->st);
	(void)store_used_ical(f->st);
}

/* Issue 14: the statement cache held 64 of more than 100 statements and
 * prepared the rest again on every call without finalizing them. */
static void test_no_statement_leaks(void **state)
{
	struct fixture *f = *state;
	int first, stray, round;

	every_store_function(f, 0);
	first = store_statements(f->st, &stray);
	assert_int_equal(stray, 0);
	assert_true(first > 64);
	for (round = 1; round <= 100; round++)
		every_store_function(f, round);
	assert_int_equal(store_statements(f->st, &stray), first);
	assert_int_equal(stray, 0);
	assert_int_equal(store_close(f->st), 0);
	f->st = NULL;
}

/* Issue 14: store_touch_add returned the undo journal's row id, read
 * after the journal's own insert. */
static void test_touch_add_returns_the_touch_id(void **state)
{
	struct fixture *f = *state;
	long long id, t1, t2, pid;
	struct tids got = {{0}, 0};

	reopen(f, D("2026-11-10"));
	id = add(f, "Ana", "2026-11-02");
	assert_int_equal(store_touch_add(f->st, id, D("2026-11-03"), 600, CH_CALL, OUT_BUSY, NULL, &t1), 0);
	assert_int_equal(store_touch_add(f->st, id, D("2026-11-05"), 600, CH_CALL, OUT_BUSY, NULL, &t2), 0);
	assert_int_not_equal(t1, t2);
	assert_int_equal(store_show(f->st, id, 0, NULL_ROW, collect_touch_ids, &got), 0);
	assert_int_equal(got.n, 2);
	assert_int_equal(got.id[0], t1);
	assert_int_equal(got.id[1], t2);
	assert_int_equal(store_touch_remove(f->st, t2, &pid), 0);
	assert_int_equal(pid, id);
}

/* The statement wrapper: a statement that could not be prepared (NULL,
 * its error recorded) passes through the binders, and stepping it fails
 * with that error, so a caller prepares, binds and checks once; a lookup
 * that finds no row names what was looked for. */
static void test_wrapper_passes_a_failed_prepare_through(void **state)
{
	struct fixture *f = *state;
	static const char bad[] = "SELECT id FROM no_such_table WHERE id = :id";
	static const char touch[] = "SELECT id FROM touch WHERE id = :id";
	sqlite3_stmt *s;

	err_clear();
	s = db_prep(f->st, bad);
	assert_null(s);
	db_bind_int(s, ":id", 1);
	db_bind_text(s, ":id", "x");
	db_bind_date(s, ":id", f->today);
	db_bind_time(s, ":id", 9 * 60);
	db_bind_field(s, ":id", " x ");
	assert_int_equal(db_row(f->st, s), -1);
	assert_int_equal(db_run(f->st, s), -1);
	assert_int_equal(db_id_row(f->st, s, 7, "touch", "no such touch"), -1);
	assert_int_equal(err_kind(), ERR_RUNTIME);
	assert_non_null(strstr(err_message(), "no such table: no_such_table"));

	err_clear();
	assert_int_equal(db_id_row(f->st, db_prep(f->st, touch), 7, "touch", "no such touch"), -1);
	assert_int_equal(err_kind(), ERR_USAGE);
	assert_string_equal(err_message(), "touch '7': no such touch");
	assert_int_equal(db_prospect_row(f->st, db_prep(f->st, touch), 12), -1);
	assert_string_equal(err_message(), "prospect '12': no such prospect");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_created_0600_with_db_id, setup, teardown),
		cmocka_unit_test_setup_teardown(test_due_order_rule_8, setup, teardown),
		cmocka_unit_test_setup_teardown(test_revision_grows_and_undo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_away_moves_and_undo_restores, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_change_moves_due_dates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_holiday_feed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_foreign_and_newer_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_touch_bounds_and_rule5, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_statement_leaks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_touch_add_returns_the_touch_id, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrapper_passes_a_failed_prepare_through, setup, teardown),
	};
	umask(077);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
