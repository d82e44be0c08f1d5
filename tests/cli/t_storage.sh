# t_storage.sh - the SQLite store (SPEC §8): file modes and default path,
# refusing foreign and newer files, the morning query's index, libical kept
# off the start-up path, and concurrent processes.

mode_of() { stat -c %a "$1"; }

# hash_of FILE: sha256 of FILE.
hash_of() { sha256sum "$1" | cut -d' ' -f1; }

test_database_created_mode_0600() {
	fu_ok add "Ana"
	[ "$(mode_of "$T/fu.db")" = 600 ] || fail "mode $(mode_of "$T/fu.db")"
}

test_database_mode_0600_whatever_the_umask() {
	umask 000
	fu_ok add "Ana"
	[ "$(mode_of "$T/fu.db")" = 600 ] || fail "mode $(mode_of "$T/fu.db") with umask 000"
	for f in "$T/fu.db-wal" "$T/fu.db-shm"; do
		[ ! -e "$f" ] || [ "$(mode_of "$f")" = 600 ] || fail "$f mode $(mode_of "$f")"
	done
}

test_default_path_follows_xdg_data_home() {
	# SPEC §3: default $XDG_DATA_HOME/followup/followup.db, created 0600 in
	# a 0700 directory.  An empty FOLLOWUP_DB counts as unset.
	DB=""
	fu_ok add "Ana"
	expect_out 1
	[ -f "$T/data/followup/followup.db" ] || fail "no $T/data/followup/followup.db"
	[ "$(mode_of "$T/data/followup/followup.db")" = 600 ] || fail "db mode"
	[ "$(mode_of "$T/data/followup")" = 700 ] || fail "dir mode $(mode_of "$T/data/followup")"
	[ ! -e "$T/fu.db" ] || fail "used \$T/fu.db"
	fu_ok show 1 --format json
	expect_json 'd["name"]' Ana
}

test_default_path_without_xdg_data_home_is_under_home() {
	env -i PATH="$PATH" HOME="$T/home" TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		XDG_CONFIG_HOME="$T/config" FOLLOWUP_TODAY="$TODAY" \
		"$FU" add "Ana" >"$T/out" 2>"$T/err" </dev/null || fail "exit $?: $(cat "$T/err")"
	expect_out 1
	local db="$T/home/.local/share/followup/followup.db"
	[ -f "$db" ] || fail "no $db"
	[ "$(mode_of "$db")" = 600 ] || fail "db mode $(mode_of "$db")"
	[ "$(mode_of "$(dirname "$db")")" = 700 ] || fail "dir mode"
}

test_not_sqlite_file_is_refused_untouched() {
	printf 'name,email\nAna,ana@example.com\nthis is not a database\n' >"$T/contacts.db"
	local before
	before=$(hash_of "$T/contacts.db")
	for cmd in due "add Bo" list; do
		# shellcheck disable=SC2086
		fu --db "$T/contacts.db" $cmd
		expect_rc 1
		expect_err_line "$T/contacts.db"
		[ "$(hash_of "$T/contacts.db")" = "$before" ] || fail "$cmd changed the file"
	done
	[ ! -e "$T/contacts.db-wal" ] && [ ! -e "$T/contacts.db-journal" ] || fail "side files created"
}

test_binary_garbage_file_is_refused_untouched() {
	head -c 8192 /dev/urandom >"$T/noise.db"
	local before
	before=$(hash_of "$T/noise.db")
	fu --db "$T/noise.db" add "Bo"
	expect_rc 1
	expect_err_line
	[ "$(hash_of "$T/noise.db")" = "$before" ] || fail "file changed"
}

test_foreign_sqlite_database_is_refused_untouched() {
	# A SQLite file that is not a followup database.
	sqlite3 "$T/other.db" 'CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ("x");'
	local before
	before=$(hash_of "$T/other.db")
	fu --db "$T/other.db" add "Bo"
	expect_rc 1
	expect_err_line
	[ "$(hash_of "$T/other.db")" = "$before" ] || fail "file changed"
	[ "$(sqlite3 "$T/other.db" 'SELECT count(*) FROM sqlite_master')" = 1 ] || fail "schema added"
}

test_newer_schema_version_is_refused_untouched() {
	# SPEC §8: a database from a newer version is refused, never modified.
	fu_ok add "Ana"
	sqlite3 "$T/fu.db" 'PRAGMA user_version = 99;'
	[ "$(sqlite3 "$T/fu.db" 'PRAGMA user_version')" = 99 ] || fail "setup"
	local before
	before=$(db_hash)
	for cmd in due "add Bo" "show 1" undo; do
		# shellcheck disable=SC2086
		fu $cmd
		expect_rc 1
		expect_err_line "newer"
		[ "$(db_hash)" = "$before" ] || fail "$cmd changed the file"
	done
	[ "$(sqlite3 "$T/fu.db" 'PRAGMA user_version')" = 99 ] || fail "user_version changed"
}

test_due_query_uses_index_prospect_due() {
	# SPEC §8: the morning query never scans; it reads the prospect_due index.
	fu_ok add "Seed"
	sqlite3 "$T/fu.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
		INSERT INTO prospect (name, first_contact, cadence_id, due, due_kind, due_step, created_at, updated_at)
		SELECT 'P' || i, '2026-09-01', (SELECT id FROM cadence WHERE name = 'standard'),
		       date('2026-10-01', '+' || (i % 90) || ' days'), 'cadence', 1,
		       '2026-09-01T00:00:00Z', '2026-09-01T00:00:00Z' FROM n;
		ANALYZE;"
	local where="WHERE p.due IS NOT NULL AND p.due <= '2026-11-02'"
	local order="ORDER BY p.due, p.due_time IS NULL, p.due_time, p.name COLLATE NOCASE, p.id"
	for q in "SELECT p.id FROM prospect p $where $order" \
		"SELECT p.id, p.name, c.name FROM prospect p JOIN cadence c ON c.id = p.cadence_id $where $order"; do
		sqlite3 "$T/fu.db" "EXPLAIN QUERY PLAN $q" >"$T/plan"
		grep -qE 'USING (COVERING )?INDEX prospect_due' "$T/plan" || fail "no prospect_due: $(cat "$T/plan")"
		! grep -qE 'SCAN (p|prospect)( |$)' "$T/plan" || fail "full scan: $(cat "$T/plan")"
		! grep -q 'TEMP B-TREE' "$T/plan" || fail "sorts: $(cat "$T/plan")"
	done
	# The program reads the same rows: 5000 rows plus Seed (due 11-03).
	fu_ok due --format json
	expect_json 'len(d)' "$(sqlite3 "$T/fu.db" "SELECT count(*) FROM prospect p $where")"
}

# ld_libs ARGS: run followup with LD_DEBUG=libs; the loader's log is in $T/err.
ld_libs() {
	FU_ENV="LD_DEBUG=libs" fu "$@"
}

test_libical_not_loaded_on_the_morning_path() {
	# Issue 3: start-up (due, add, log, show) must not pay for libical.
	if ldd "$FU" | grep -qi ical; then fail "followup links libical: $(ldd "$FU")"; fi
	for cmd in "add Ana" due "log 1 --channel call --outcome connected" "show 1" list "due --format json"; do
		# shellcheck disable=SC2086
		ld_libs $cmd
		expect_rc 0
		grep -q 'libc\.so' "$T/err" || fail "LD_DEBUG gave no loader log: $(head -c 300 "$T/err")"
		if grep -qiE 'libical|followup-ical' "$T/err"; then
			fail "$cmd loaded libical: $(grep -iE 'libical|followup-ical' "$T/err" | head -n3)"
		fi
	done
}

test_libical_loaded_only_when_holiday_feed_changes() {
	local data
	data=$(cd "$(dirname "${BASH_SOURCE[0]}")/../data" 2>/dev/null && pwd) || data=$(cd "$(dirname "$FU")/../tests/data" && pwd)
	fu_ok add "Ana"
	cp "$data/holidays.ics" "$T/hol.ics"
	printf '[schedule]\nholiday_calendar = %s\n' "$T/hol.ics" >"$T/config/followup/config"
	ld_libs due
	expect_rc 0
	grep -qi 'followup-ical' "$T/err" || fail "the first run with a feed did not load the ical module"
	grep -qi 'libical' "$T/err" || fail "the first run with a feed did not load libical"
	# The feed's dates are cached in the database: the next run skips libical.
	ld_libs due
	expect_rc 0
	if grep -qiE 'libical|followup-ical' "$T/err"; then fail "second run loaded libical"; fi
}

# run_bg TAG ARGS: run followup in the background of the caller, recording
# stdout, stderr and exit status in $T/bg.TAG.{out,err,rc}.
run_bg() {
	local tag=$1
	shift
	env -i PATH="$PATH" HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" \
		TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 FOLLOWUP_DB="$T/fu.db" FOLLOWUP_TODAY="$TODAY" \
		"$FU" "$@" >"$T/bg.$tag.out" 2>"$T/bg.$tag.err" </dev/null
	echo $? >"$T/bg.$tag.rc"
}

test_concurrent_writers_and_readers_never_fail_locked() {
	# SPEC §8: a second process must not fail with "database is locked".
	local i j pids=""
	for i in $(seq 1 20); do fu_ok add "P$i"; done
	TODAY=2026-11-03
	for i in $(seq 1 20); do
		run_bg "log$i" log "$i" --channel call --outcome connected --note "parallel $i" &
		pids="$pids $!"
	done
	for j in 1 2 3; do
		(for i in 1 2 3 4 5 6; do run_bg "due$j.$i" due --days 7 --format json; done) &
		pids="$pids $!"
	done
	for i in $pids; do wait "$i"; done
	for f in "$T"/bg.*.rc; do
		local tag=${f%.rc}
		[ "$(cat "$f")" = 0 ] || fail "$(basename "$tag"): exit $(cat "$f"): $(cat "$tag.err")"
		[ ! -s "$tag.err" ] || fail "$(basename "$tag") stderr: $(cat "$tag.err")"
	done
	set -- "$T"/bg.*.rc
	[ $# -eq 38 ] || fail "not every process ran: $#"
	for i in $(seq 1 20); do
		[ "$(cat "$T/bg.log$i.out")" = 2026-11-05 ] || fail "log $i printed $(cat "$T/bg.log$i.out")"
	done
	fu_ok list --format json
	expect_json 'len(d) == 20 and all(p["touch_count"] == 1 for p in d)' true
	expect_json 'sorted(set(p["due"] for p in d))' '["2026-11-05"]'
}

test_concurrent_writers_on_one_prospect() {
	fu_ok add "Ana"
	TODAY=2026-11-03
	local i pids=""
	for i in $(seq 1 12); do
		run_bg "w$i" log 1 --channel email --outcome replied --note "n$i" &
		pids="$pids $!"
	done
	for i in $pids; do wait "$i"; done
	for i in $(seq 1 12); do
		[ "$(cat "$T/bg.w$i.rc")" = 0 ] || fail "w$i: exit $(cat "$T/bg.w$i.rc"): $(cat "$T/bg.w$i.err")"
	done
	fu_ok show 1 --format json
	expect_json 'd["touch_count"]' 12
	expect_json 'sorted(t["note"] for t in d["touches"]) == sorted("n%d" % i for i in range(1, 13))' true
}
