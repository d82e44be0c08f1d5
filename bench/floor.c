/*
 * floor.c - the physical floor for `followup due`: open the database
 * read-only, prepare the same indexed due query (store.c's due list, text
 * variant), print the same columns, count the prospects that need a
 * decision, exit.  Nothing else: no configuration, no schema checks, no
 * locale, no column fitting.
 *
 *     floor DATABASE YYYY-MM-DD
 */
#include <sqlite3.h>
#include <stdio.h>

static const char due_sql[] =
	"SELECT p.id, p.name, p.company, p.title, p.email, p.phone, p.source, p.notes, "
	"p.status, p.first_contact, c.name, p.due, p.due_time, p.due_kind, p.due_step, "
	"CASE WHEN p.due IS NULL THEN NULL ELSE max(0, CAST(julianday(:today) - "
	"julianday(p.due) AS INTEGER)) END, "
	"p.touch_count, p.last_at, p.last_channel, p.last_outcome, NULL, p.flags, NULL, p.revision "
	"FROM prospect p JOIN cadence c ON c.id = p.cadence_id "
	"WHERE p.due IS NOT NULL AND p.due <= :until "
	"ORDER BY p.due, p.due_time IS NULL, p.due_time, p.name COLLATE NOCASE, p.id";
static const char undecided_sql[] = "SELECT count(*) FROM prospect WHERE complete = 1";

static const char *text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? (const char *)t : "";
}

int main(int argc, char **argv)
{
	sqlite3 *db;
	sqlite3_stmt *s;

	if (argc != 3) {
		fprintf(stderr, "usage: floor DATABASE YYYY-MM-DD\n");
		return 2;
	}
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, due_sql, -1, &s, NULL) != SQLITE_OK) {
		fprintf(stderr, "floor: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	sqlite3_bind_text(s, 1, argv[2], -1, SQLITE_STATIC); /* :today */
	sqlite3_bind_text(s, 2, argv[2], -1, SQLITE_STATIC); /* :until */
	while (sqlite3_step(s) == SQLITE_ROW)
		printf("%s\t%lld\t%s\t%s\t%s\t%d\t%.10s\t%s/%s\n", text(s, 11),
		       (long long)sqlite3_column_int64(s, 0), text(s, 1), text(s, 2), text(s, 5),
		       sqlite3_column_int(s, 16), text(s, 17), text(s, 18), text(s, 19));
	sqlite3_finalize(s);
	if (sqlite3_prepare_v2(db, undecided_sql, -1, &s, NULL) != SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_ROW) {
		fprintf(stderr, "floor: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	printf("%d need a decision\n", sqlite3_column_int(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(db);
	return 0;
}
