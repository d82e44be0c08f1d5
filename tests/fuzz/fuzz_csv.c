/*
 * fuzz_csv.c - libFuzzer target for csv_import(), the CSV importer of
 * SPEC §5 (prospect files and, with --touches, touch logs).
 *
 * Once per process: a temporary database (store_open with the default
 * configuration, today fixed at 2024-06-03, store_sync_calendar) holding
 * two committed prospects, so touch logs can name a real prospect by id,
 * email or phone; and one temporary CSV path, rewritten for each input.
 * Both are removed at exit.
 *
 * Input: byte 0 picks the options (bit 0: --touches, bit 1: --start 30
 * days ago, bit 2: --strict); the rest is the file.  Every import is a
 * --dry-run, so the database stays small and must stay unchanged.
 * Invariants: csv_import returns 0 or -1, and -1 comes with an error
 * message; error and report messages are free of control characters;
 * a dry run changes nothing (the two prospects' state and the status
 * counts are as before); never a crash or sanitizer report.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "followup/config.h"
#include "followup/csvio.h"
#include "followup/date.h"
#include "followup/err.h"
#include "followup/store.h"

#include "fuzz.h"

static struct config cfg;
static struct store *st;
static int today;
static char csv_path[] = "/tmp/followup-fuzz-csv-XXXXXX";
static char db_dir[] = "/tmp/followup-fuzz-db-XXXXXX";
static char db_path[sizeof db_dir + 16];
static long long ids[2];
static struct prospect_state before[2];
static struct due_counts counts_before;
static long long prospects_before;
static long long count_prospects(void);

static void cleanup(void)
{
	char side[sizeof db_path + 8];

	store_close(st);
	st = NULL;
	config_release(&cfg);
	unlink(csv_path);
	unlink(db_path);
	snprintf(side, sizeof side, "%s-wal", db_path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", db_path);
	unlink(side);
	snprintf(side, sizeof side, "%s-journal", db_path);
	unlink(side);
	rmdir(db_dir);
}

static void die(const char *what)
{
	fprintf(stderr, "fuzz_csv: setup: %s: %s\n", what, err_message());
	abort();
}

static void setup(void)
{
	static const struct prospect_fields people[2] = {
		{"Ada Lovelace", "Analytical Engines", "CTO", "ada@example.com", "+1 555 0100",
		 "referral", "met at a conference"},
		{"Grace Hopper", "Cobol Ltd", NULL, NULL, "+44 20 7946 0000", NULL, NULL},
	};
	int fd, i;

	today = date_from_ymd(2024, 6, 3);
	if ((fd = mkstemp(csv_path)) < 0)
		die("mkstemp");
	close(fd);
	if (!mkdtemp(db_dir))
		die("mkdtemp");
	snprintf(db_path, sizeof db_path, "%s/fuzz.db", db_dir);
	atexit(cleanup);

	config_init(&cfg);
	if (store_open(&st, db_path, 0, &cfg, today) < 0)
		die("store_open");
	if (store_sync_calendar(st) < 0)
		die("store_sync_calendar");
	for (i = 0; i < 2; i++) {
		struct prospect_new p;
		memset(&p, 0, sizeof p);
		p.f = people[i];
		p.first_contact = today - 60;
		p.cadence = "standard";
		p.next_date = DATE_NONE;
		p.next_time = TIME_NONE;
		if (store_prospect_add(st, &p, &ids[i]) < 0)
			die("store_prospect_add");
	}
	if (store_touch_add(st, ids[0], today - 59, 10 * 60, CH_CALL, OUT_VOICEMAIL, NULL, NULL) < 0)
		die("store_touch_add");
	for (i = 0; i < 2; i++)
		if (store_prospect_state(st, ids[i], &before[i]) < 0)
			die("store_prospect_state");
	if (store_due_counts(st, &counts_before) < 0)
		die("store_due_counts");
	prospects_before = count_prospects();
}

static void on_report(void *ctx, const char *message)
{
	(void)ctx;
	FUZZ_CHECK(message != NULL);
	fuzz_check_message(message);
}

static int count_row(const struct prow *r, void *ctx)
{
	(void)r;
	(*(long long *)ctx)++;
	return 0;
}

/* Every prospect, whatever its status. */
static long long count_prospects(void)
{
	struct list_filter all;
	long long n = 0;

	memset(&all, 0, sizeof all);
	all.sort = SORT_ID;
	FUZZ_CHECK(store_list_each(st, &all, 0, count_row, &n) == 0);
	return n;
}

static void check_unchanged(void)
{
	struct prospect_state now;
	struct due_counts c;
	int i;

	for (i = 0; i < 2; i++) {
		FUZZ_CHECK(store_prospect_state(st, ids[i], &now) == 0);
		FUZZ_CHECK(now.status == before[i].status && now.due == before[i].due &&
			   now.due_time == before[i].due_time && now.kind == before[i].kind &&
			   now.step == before[i].step && now.touch_count == before[i].touch_count &&
			   now.first_contact == before[i].first_contact &&
			   !strcmp(now.name, before[i].name));
	}
	FUZZ_CHECK(store_due_counts(st, &c) == 0);
	FUZZ_CHECK(c.overdue == counts_before.overdue && c.today == counts_before.today &&
		   c.week == counts_before.week && c.no_next_step == counts_before.no_next_step &&
		   c.any == counts_before.any);
	FUZZ_CHECK(count_prospects() == prospects_before);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_opts o;
	struct import_result res;
	unsigned flags = size ? data[0] : 0;
	FILE *f;
	int rc;

	if (!st)
		setup();
	if (size)
		data++, size--;
	f = fopen(csv_path, "wb");
	if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0)
		abort();

	memset(&o, 0, sizeof o);
	o.path = csv_path;
	o.touches = flags & 1;
	o.start = flags & 2 ? today - 30 : DATE_NONE;
	o.strict = (flags & 4) != 0;
	o.dry_run = 1;
	o.report = on_report;
	err_clear();
	rc = csv_import(st, &cfg, today, &o, &res);
	FUZZ_CHECK(rc == 0 || rc == -1);
	if (rc < 0) {
		fuzz_check_message(err_message());
	} else {
		FUZZ_CHECK(res.imported >= 0 && res.updated >= 0 && res.skipped >= 0 &&
			   res.conflicts >= 0 && res.bad >= 0);
	}
	check_unchanged();
	return 0;
}
