# t_hardening.sh - issue 9 "Hardening": kill -9 in the middle of TUI
# edits, 200 concurrent CLI writers while the TUI is open, and the TUI
# under valgrind.

# hz_env: the clean environment the TUI and `fu` run in (start_tui, lib.sh).
hz_env() {
	env -i PATH="$PATH" HOME="$T/home" XDG_DATA_HOME="$T/data" \
		XDG_CONFIG_HOME="$T/config" TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		FOLLOWUP_DB="$T/fu.db" FOLLOWUP_TODAY="$TODAY" "$@"
}

# hz_sql SQL: one query on the test database through the sqlite3 shell.
hz_sql() { sqlite3 "$T/fu.db" "$1"; }

# hz_cleanup: end the processes this file started in the background (pids
# in $T/hz.pids), should a test stop before they are done.  Installed in
# front of the runner's own EXIT trap.
hz_cleanup() {
	local pid
	for pid in $(cat "$T/hz.pids" 2>/dev/null); do
		kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
	done
	return 0
}
hz_trap() { trap 'hz_cleanup; tm kill-server 2>/dev/null || true' EXIT; }

# hz_kill9: SIGKILL the followup process of the pane (checked to be the
# copied binary) and make sure it died of it (the launcher records 137).
hz_kill9() {
	local pid exe
	pid=$(tui_pid)
	[ -n "$pid" ] || fail "no TUI process to kill" || return 1
	exe=$(readlink "/proc/$pid/exe" 2>/dev/null) || exe=""
	[ "$exe" = "$FU" ] || fail "pid $pid is [$exe], not $FU" || return 1
	kill -KILL "$pid"
	wait_exit 5 || return 1
	[ "$(cat "$T/tui.exit")" = 137 ] || fail "the TUI left with status $(cat "$T/tui.exit"), not 137 (SIGKILL)"
}

# hz_respawn GONE: start the TUI again in the dead pane (same launcher,
# same environment) and wait for a fresh first screen: GONE, text only the
# killed instance showed, has left and the header is back.
hz_respawn() {
	rm -f "$T/tui.exit"
	tm respawn-pane -k -t t "exec sh $(printf %q "$T/launch.sh")" >/dev/null
	wait_gone "$1" 5
	wait_for "$(today_label)"
	tui_pid >>"$T/tui.pids"
	expect_running
}

# hz_db_sound: the database passes PRAGMA integrity_check (and the
# foreign keys check) after a kill.
hz_db_sound() {
	local ic fk
	ic=$(hz_sql 'PRAGMA integrity_check')
	[ "$ic" = ok ] || fail "integrity_check after kill -9: [$ic]" || return 1
	fk=$(hz_sql 'PRAGMA foreign_key_check')
	[ -z "$fk" ] || fail "foreign_key_check after kill -9: [$fk]"
}

test_hardening_kill9_during_tui_edit() {
	seed_basic
	local touches
	touches=$(hz_sql 'select count(*) from touch')
	start_tui 100 30
	wait_for "Cleo Park"

	# 1. A write confirmed and shown as done, then kill -9 at once.
	select_name "Bob Stone"
	keys l c c
	wait_for "note ("
	type_text "confirmed before the kill"
	wait_for "confirmed before the kill"
	keys Enter
	expect_status "logged call/connected for Bob Stone"
	hz_kill9
	hz_db_sound
	show_json 2
	expect_json 'd["touch_count"]' 1
	expect_json 'd["touches"][0]["note"]' "confirmed before the kill"
	expect_json 'd["touches"][0]["channel"]' call
	expect_json 'd["touches"][0]["outcome"]' connected
	[ "$(hz_sql 'select count(*) from touch')" = $((touches + 1)) ] || fail "touch count is not $((touches + 1))"

	# 2. A note half typed in the log form: killed before Enter.
	hz_respawn "logged call/connected"
	select_name "Ana Ruiz"
	keys l c v
	wait_for "note ("
	type_text "HALFTYPED never confirmed"
	wait_for "HALFTYPED never confirmed"
	hz_kill9
	hz_db_sound
	[ "$(hz_sql "select count(*) from touch where note like '%HALFTYPED%'")" = 0 ] ||
		fail "the half-typed touch is in the database"
	show_json 1
	expect_json 'd["touch_count"]' 1
	expect_json 'd["touches"][0]["outcome"]' connected

	# 3. A name changed in the edit form: killed before Enter.
	hz_respawn "HALFTYPED never confirmed"
	select_name "Ana Ruiz"
	keys e
	wait_for "Edit prospect"
	wait_for "ana@acme.es"
	keys C-u
	type_text "Halfedit Name"
	wait_for "Halfedit Name"
	keys Tab C-u
	type_text "Halfedit Co"
	wait_for "Halfedit Co"
	hz_kill9
	hz_db_sound
	[ "$(hz_sql "select count(*) from prospect where name like '%Halfedit%' or company like '%Halfedit%'")" = 0 ] ||
		fail "the half-typed edit is in the database"
	show_json 1
	expect_json 'd["name"]' "Ana Ruiz"
	expect_json 'd["company"]' Acme
	# Still exactly the one confirmed write; Bob's touch survived it all.
	[ "$(hz_sql 'select count(*) from touch')" = $((touches + 1)) ] || fail "touch count is not $((touches + 1))"
	show_json 2
	expect_json 'd["touches"][0]["note"]' "confirmed before the kill"

	# The CLI still reads and writes (no stale lock), and a new TUI opens.
	fu_ok due
	expect_out_has "Cleo Park"
	fu_ok log 3 --channel email --outcome replied --note "after the kills"
	show_json 3
	expect_json 'd["touches"][-1]["note"]' "after the kills"
	hz_db_sound
	hz_respawn "Halfedit Co"
	keys 3
	wait_for "[All]"
	select_name "Bob Stone"
	wait_for "confirmed before the kill"
	keys q
	wait_exit
	[ "$(cat "$T/tui.exit")" = 0 ] || fail "the last TUI exited $(cat "$T/tui.exit")"
	[ ! -s "$T/tui.err" ] || fail "the TUI wrote to stderr: $(head -c 300 "$T/tui.err")"
}

test_hardening_200_writers_while_tui_open() {
	local n=200 i rc before after bad=0 locked=0 pids=()
	hz_trap
	fu_ok add "Wanda Writer" --company Loadco --first-contact "$TODAY"
	fu_ok add "Otto Other" --company Idleco --first-contact "$TODAY"
	start_tui 100 30
	keys 3
	wait_for "[All]"
	select_name "Wanda Writer"
	wait_for "Touches (0), newest first:"
	before=$(hz_sql 'select count(*) from touch')
	mkdir -p "$T/w"
	for ((i = 1; i <= n; i++)); do
		hz_env "$FU" log 1 --channel call --outcome busy --note "w$i" \
			>"$T/w/$i.out" 2>"$T/w/$i.err" </dev/null &
		pids+=($!)
		echo $! >>"$T/hz.pids"
	done
	for i in "${!pids[@]}"; do
		wait "${pids[$i]}" && rc=0 || rc=$?
		echo "$rc" >"$T/w/$((i + 1)).rc"
	done
	for ((i = 1; i <= n; i++)); do
		rc=$(cat "$T/w/$i.rc")
		if [ "$rc" != 0 ]; then
			bad=$((bad + 1))
			[ "$bad" -gt 5 ] || echo "    writer w$i exited $rc: $(head -c 300 "$T/w/$i.err")"
		fi
		if grep -qi "database is locked\|database is busy" "$T/w/$i.err"; then
			locked=$((locked + 1))
			[ "$locked" -gt 5 ] || echo "    writer w$i: $(head -c 300 "$T/w/$i.err")"
		elif [ -s "$T/w/$i.err" ] && [ "$rc" = 0 ]; then
			echo "    writer w$i exited 0 but wrote to stderr: $(head -c 300 "$T/w/$i.err")"
			bad=$((bad + 1))
		fi
	done
	[ "$bad" -eq 0 ] || fail "$bad of $n writers failed" || return 1
	[ "$locked" -eq 0 ] || fail "$locked of $n writers said the database is locked/busy" || return 1
	after=$(hz_sql 'select count(*) from touch')
	[ "$after" -eq $((before + n)) ] || fail "touch count went from $before to $after, not +$n" || return 1
	[ "$(hz_sql "select count(distinct note) from touch where prospect_id = 1 and note glob 'w[0-9]*'")" = $n ] ||
		fail "not $n distinct writer notes on prospect 1" || return 1
	[ "$(hz_sql 'PRAGMA integrity_check')" = ok ] || fail "integrity_check failed after the writers"
	# The TUI, untouched since before the writers, shows the new state (it
	# polls PRAGMA data_version once a second while idle).
	wait_for "Touches ($((before + n))), newest first:" 15
	wait_for "call/busy: w" 2
	expect_running
	show_json 1
	expect_json 'd["touch_count"]' $((before + n))
	# And it still answers keys.
	select_name "Otto Other"
	wait_for "Touches (0), newest first:"
	keys q
	wait_exit
	[ "$(cat "$T/tui.exit")" = 0 ] || fail "the TUI exited $(cat "$T/tui.exit")"
	[ ! -s "$T/tui.err" ] || fail "the TUI wrote to stderr: $(head -c 300 "$T/tui.err")"
}

# hz_vg_verdict LOG FU SRCDIR: read a valgrind log; print the memory
# errors (invalid read/write/free, uninitialised values, ...) and the
# definite leaks attributable to followup, and fail if there are any.  A
# frame is followup's when it names a source file of SRCDIR or the binary.
# A leak whose allocation stack enters ncurses, libtinfo or ld.so before
# any followup frame (the innermost frames past malloc are the library's)
# is the library's, and ignored; an error with any followup frame counts.
hz_vg_verdict() {
	"$PY" - "$1" "$2" "$3" <<'EOF'
import os, re, sys
path, fu, srcdir = sys.argv[1:4]
srcs = set(os.listdir(srcdir))
text = open(path, errors="replace").read()
lines = [re.sub(r"^==\d+== ?", "", l) for l in text.splitlines() if re.match(r"^==\d+==", l)]
blocks, cur = [], []
for l in lines:
    if l.strip():
        cur.append(l)
    elif cur:
        blocks.append(cur)
        cur = []
if cur:
    blocks.append(cur)

def ours(f):
    m = re.search(r"\(([^():]+\.[ch]):\d+\)", f)
    return bool(m and m.group(1) in srcs) or ("(in %s)" % fu) in f

def library(f):
    return re.search(r"libncurses|libtinfo|/ld-linux|ld-linux|\bld\.so", f) is not None

def allocator(f):
    return "vg_replace_malloc" in f or re.search(r": (malloc|calloc|realloc|strdup|strndup|free)\b", f) is not None

err_re = re.compile(r"Invalid (read|write|free)|uninitialised|Conditional jump|Mismatched free|"
                    r"Source and destination overlap|Syscall param|Argument 'size'|fishy")
bad, ignored = [], 0
for b in blocks:
    frames = [l for l in b if re.match(r"\s*(at|by) 0x", l)]
    head = b[0]
    if "definitely lost in loss record" in head:
        mine = False
        for f in frames:
            if allocator(f) and not ours(f):
                continue
            if library(f):
                break
            if ours(f):
                mine = True
                break
        if mine:
            bad.append(b)
        else:
            ignored += 1
    elif err_re.search(head):
        if any(ours(f) for f in frames):
            bad.append(b)
        else:
            ignored += 1
if "HEAP SUMMARY" not in text:
    print("    valgrind log has no HEAP SUMMARY (did the TUI exit normally?)")
    sys.exit(1)
m = re.search(r"definitely lost: ([\d,]+) bytes", text)
summary = "All heap blocks were freed" if "All heap blocks were freed" in text else \
    ("definitely lost: %s bytes" % m.group(1) if m else "no leak summary")
for b in bad:
    print("    followup's:\n" + "\n".join("      " + l for l in b[:25]))
if bad:
    print("    valgrind: %d problem(s) attributable to followup (%s; %d ignored as the libraries')" % (len(bad), summary, ignored))
    sys.exit(1)
if not ("All heap blocks were freed" in text or (m and m.group(1) == "0") or ignored):
    print("    valgrind: %s, but no loss record found to judge it" % summary)
    sys.exit(1)
print("    valgrind: %s; %d record(s) ignored as the libraries'" % (summary, ignored))
EOF
}

test_hardening_valgrind_tui_no_leaks() {
	local TUI_WAIT=20 real=$FU touches rc
	command -v valgrind >/dev/null || fail "valgrind is not installed: this test needs it (apt-get install valgrind)" || return 1
	# The AddressSanitizer pass of make check checks memory its own way;
	# valgrind cannot run a binary built with it.  The gcc pass runs this.
	if grep -q __asan_init "$real"; then
		echo "    skipped: $real is an AddressSanitizer build"
		return 0
	fi
	hz_trap
	seed_basic
	touches=$(hz_sql 'select count(*) from touch')
	cat >"$T/vg.sh" <<EOF
#!/bin/sh
exec valgrind --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 \\
	--num-callers=40 --log-file=$(printf %q "$T/vg.log") $(printf %q "$real") "\$@"
EOF
	chmod +x "$T/vg.sh"
	FU=$T/vg.sh
	start_tui 100 30 || { FU=$real; return 1; }
	FU=$real
	tui_pid >>"$T/hz.pids"
	wait_for "Cleo Park"
	# Move down, log a touch with a note on whoever is selected.
	keys j
	nap
	keys l
	wait_for "log channel"
	keys c
	wait_for "outcome:"
	keys c
	wait_for "note ("
	type_text "under valgrind"
	wait_for "under valgrind"
	keys Enter
	expect_status "logged call/connected for"
	# The four views, and the detail pane toggled.
	keys 2
	wait_for "[Upcoming]"
	keys 3
	wait_for "[All]"
	keys Enter
	nap
	keys Enter
	keys 4
	wait_for "[Stats]"
	keys 1
	wait_for "[Due]"
	keys q
	wait_exit 60
	rc=$(cat "$T/tui.exit")
	[ "$(hz_sql "select count(*) from touch where note = 'under valgrind'")" = 1 ] ||
		fail "the touch logged under valgrind is not in the database"
	[ "$(hz_sql 'select count(*) from touch')" = $((touches + 1)) ] || fail "touch count is not $((touches + 1))"
	[ -s "$T/vg.log" ] || fail "no valgrind log" || return 1
	grep -q "Memcheck" "$T/vg.log" || fail "not a memcheck log: $(head -c 300 "$T/vg.log")"
	hz_vg_verdict "$T/vg.log" "$real" "$TESTS_DIR/../../src" || { sed 's/^/    | /' "$T/vg.log" | tail -n 60; return 1; }
	# 99 (valgrind's error exit) only for errors the verdict ignored; the
	# TUI's own status is 0.
	[ "$rc" = 0 ] || [ "$rc" = 99 ] || fail "the TUI under valgrind exited $rc"
}
