# lib.sh - helpers for the end-to-end CLI tests (sourced by run.sh).
#
# Each test runs in its own temp dir $T with a clean environment: HOME,
# XDG_*, TZ=UTC, a UTF-8 locale and FOLLOWUP_DB=$T/fu.db.  `fu ARGS` runs
# the real binary ($FU) with FOLLOWUP_TODAY=$TODAY, capturing stdout in
# $T/out, stderr in $T/err and the exit status in $RC.  Assertions print
# what differed and return 1, which fails the test.

# TOOLS_DIR: tests/tools (an absolute path), the helper programs the tests
# run (jget_server.py, mail_check.py, due_events.py, ...).
case ${BASH_SOURCE[0]:-} in
*/*) TOOLS_DIR=${BASH_SOURCE[0]%/*}/../tools ;;
*) TOOLS_DIR=../tools ;;
esac
case $TOOLS_DIR in /*) ;; *) TOOLS_DIR=$PWD/$TOOLS_DIR ;; esac

fu() {
	env -i PATH="$PATH" HOME="$T/home" XDG_DATA_HOME="$T/data" \
		XDG_CONFIG_HOME="$T/config" TZ="${TZ_TEST:-UTC}" LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		FOLLOWUP_DB="${DB-$T/fu.db}" FOLLOWUP_TODAY="$TODAY" ${FU_ENV:-} \
		"$FU" "$@" >"$T/out" 2>"$T/err" </dev/null && RC=0 || RC=$?
	return 0
}

# fu_ok ARGS: run and require exit 0 and an empty stderr.
fu_ok() {
	fu "$@"
	if [ "$RC" -ne 0 ] || [ -s "$T/err" ]; then
		echo "    followup $*: exit $RC, stderr: $(cat "$T/err")"
		return 1
	fi
}

out() { cat "$T/out"; }

fail() { echo "    $*"; return 1; }

expect_rc() {
	[ "$RC" -eq "$1" ] || fail "expected exit $1, got $RC (stderr: $(cat "$T/err"))"
}

expect_out() {
	local got
	got=$(cat "$T/out")
	[ "$got" = "$1" ] || fail "expected stdout [$1], got [$got]"
}

expect_out_has() {
	grep -qF -- "$1" "$T/out" || fail "stdout lacks [$1]: $(cat "$T/out")"
}

expect_out_lacks() {
	! grep -qF -- "$1" "$T/out" || fail "stdout has [$1]: $(cat "$T/out")"
}

expect_err_has() {
	grep -qF -- "$1" "$T/err" || fail "stderr lacks [$1]: $(cat "$T/err")"
}

# One line, "followup: ..." form.
expect_err_line() {
	local n
	n=$(wc -l <"$T/err")
	[ "$n" -eq 1 ] || fail "expected one stderr line, got $n: $(cat "$T/err")"
	grep -q '^followup: ' "$T/err" || fail "stderr not 'followup: ...': $(cat "$T/err")"
	[ -z "${1:-}" ] || expect_err_has "$1"
}

# jget PYEXPR: a value from the JSON in $T/out, a Python expression on
# `d`: prints "null" for None, JSON for lists, dicts and bools, the value
# otherwise; a Python error prints "jget PYEXPR: Error: message" on stderr
# and returns 1.  One Python process per test answers every query
# (tests/tools/jget_server.py, over the FIFOs in and out of $JGET_DIR, by
# default $T.jget, the text of each answer in $JGET_DIR/answer): jget starts it on first use, from whichever subshell
# (it is not a child of the test's shell, so $! and `wait` are untouched),
# and run.sh stops it when the test ends (jget_stop).  The FIFOs are opened
# only for the length of a query, so no command of the test inherits them.
# One query at a time: not for background jobs of a test.
JGET_PY=/usr/bin/python3
JGET_SERVER=$TOOLS_DIR/jget_server.py
JGET_TIMEOUT=${JGET_TIMEOUT:-300} # seconds a query may take

# jget_alive PID: the process runs (a zombie does not: the server is
# nobody's child, and init may reap it only a while later).
jget_alive() {
	local s=""
	[ -n "$1" ] && read -r s 2>/dev/null <"/proc/$1/stat" || return 1
	s=${s##*) }
	[ "${s%% *}" != Z ]
}

# jget_start DIR: make sure this test's server runs, serving DIR.
jget_start() {
	local d=$1 pid=""
	if [ -p "$d/in" ] && [ -s "$d/pid" ] && read -r pid <"$d/pid" && jget_alive "$pid"; then
		return 0
	fi
	rm -rf "$d"
	if ! mkdir -p "$d" || ! mkfifo "$d/in" "$d/out"; then
		echo "    jget: cannot make the FIFOs in $d" >&2
		return 1
	fi
	# Started from a subshell that exits at once: the server is nobody's
	# job.  The owner is the test's shell (run.sh sets JGET_OWNER).
	("$JGET_PY" "$JGET_SERVER" "$d" "${JGET_OWNER:-$$}" </dev/null >/dev/null 2>"$d/err" &
		echo $! >"$d/pid")
}

# jget_stop [DIR]: end the server (if any) and remove DIR.
jget_stop() {
	local d=${1:-${JGET_DIR:-$T.jget}} pid="" fw fr l i
	[ -d "$d" ] || return 0
	if [ -s "$d/pid" ] && read -r pid <"$d/pid" && jget_alive "$pid"; then
		if [ -p "$d/in" ] && exec {fw}<>"$d/in" {fr}<>"$d/out"; then
			printf 'stop\tquit\n' >&"$fw"
			while IFS= read -r -t 2 -u "$fr" l && [ "$l" != "stop 0" ]; do :; done
			exec {fw}>&- {fr}<&-
		fi
		for ((i = 0; i < 200; i++)); do
			jget_alive "$pid" || break
			sleep 0.01
		done
		# Still there after 2 s: killed, if it is this server.
		if jget_alive "$pid" &&
			tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "jget_server.py $d "; then
			kill -KILL "$pid" 2>/dev/null
		fi
	fi
	rm -rf "$d"
	return 0
}

jget() {
	local d=${JGET_DIR:-$T.jget} id e fw fr l part="" rc=1 out="" err="" pid t0=$SECONDS
	jget_start "$d" || return 1
	JGET_SEQ=$((${JGET_SEQ:-0} + 1))
	id=$BASHPID.$JGET_SEQ.$RANDOM
	e=${1//\\/\\\\}
	e=${e//$'\n'/\\n}
	# Both ends read-write: no open waits.  The request end stays open
	# until the answer is in: a FIFO that nobody holds open loses its data,
	# and the server may not have opened it yet.
	if ! exec {fw}<>"$d/in" {fr}<>"$d/out"; then
		echo "    jget: cannot open the FIFOs in $d" >&2
		return 1
	fi
	printf '%s\t%s\t%s\n' "$id" "$T/out" "$e" >&"$fw"
	while :; do
		if ! IFS= read -r -t 2 -u "$fr" l; then
			# No whole line yet: keep what came, and check on the server.
			part+=$l
			pid=""
			read -r pid 2>/dev/null <"$d/pid" || true
			if ! jget_alive "$pid"; then
				err="the JSON server died: $(cat "$d/err" 2>/dev/null)"
				break
			fi
			if [ $((SECONDS - t0)) -ge "$JGET_TIMEOUT" ]; then
				err="no answer in $JGET_TIMEOUT s"
				break
			fi
			continue
		fi
		l=$part$l part=""
		# An answer to an earlier, abandoned query is skipped.
		if [ "${l% *}" = "$id" ]; then
			rc=${l##* }
			IFS= read -r -d '' out <"$d/answer" || true
			break
		fi
	done
	exec {fw}>&- {fr}<&-
	if [ -n "$err" ]; then
		echo "    jget $1: $err" >&2
		return 1
	fi
	if [ "$rc" != 0 ]; then
		echo "    jget $1: ${out%$'\n'} (on: $(head -c 300 "$T/out" 2>/dev/null))" >&2
		return 1
	fi
	printf '%s' "$out"
}

expect_json() { # expect_json PYEXPR VALUE
	local got
	got=$(jget "$1") || return 1
	[ "$got" = "$2" ] || fail "json $1: expected [$2], got [$got]"
}

# The due date of prospect $1 via show --format json.
due_of() {
	fu show "$1" --format json && jget 'd["due"]'
}

# due_and_shows DAYS FILE: `due --days DAYS --format json` in FILE, and
# `show ID --format json` of each prospect it lists in $T/show-ID.json: what
# the calendar checks (tests/tools/due_events.py) compare an export with.
due_and_shows() {
	local id
	fu_ok due --days "$1" --format json || return 1
	cp "$T/out" "$2"
	for id in $(/usr/bin/python3 -c 'import json,sys; print(" ".join(str(d["id"]) for d in json.load(open(sys.argv[1]))))' "$2"); do
		fu_ok show "$id" --format json || return 1
		cp "$T/out" "$T/show-$id.json"
	done
}

# add_cal_text_and_appointment: the first two prospects of the calendar
# tests (t_caldav.sh, t_icaljs.sh): 1 Zoë, whose name, company, phone,
# title and multi-line note hold what iCalendar must escape (; , \ ") and
# UTF-8; 2 Bo, an appointment on Wed 2026-11-18 at 14:30.
add_cal_text_and_appointment() {
	fu_ok add 'Zoë "Z" Ruiz; Jr., \ 東京' --company 'Acme; Inc, \ "東京"' \
		--phone '+1 555, 0100; x2' --email 'zoe+cal@acme.example' \
		--title 'VP, "Sales"; \ Ops' || return 1
	fu_ok log 1 --channel call --outcome connected \
		--note $'wants pricing; "Q4", then demo \\ maybe\nsecond line: Zoë in 東京, ok\n\nafter a blank line' || return 1
	fu_ok add 'Bo Appointment' --company 'Meet Co' --phone 555-0102 || return 1
	fu_ok next 2 2026-11-18 14:30 || return 1
}

db_hash() {
	sha256sum "${DB-$T/fu.db}" | cut -d' ' -f1
}

# expect_unchanged CMD...: the command fails with exit 2 and a one-line
# error, and the database is byte-for-byte the same.
expect_refused() {
	local code=$1 want=$2 before after
	shift 2
	before=$(db_hash)
	fu "$@"
	expect_rc "$code" || return 1
	expect_err_line "$want" || return 1
	after=$(db_hash)
	[ "$before" = "$after" ] || fail "database changed by: followup $*"
}

# latest_schema: the schema version this binary creates (a fresh database's
# PRAGMA user_version), for migration tests that must not pin a number.
latest_schema() {
	local db
	db=$(mktemp -d "$T/fresh.XXXXXX")/fu.db
	env -i PATH="$PATH" HOME="$T/home" TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 FOLLOWUP_DB="$db" \
		FOLLOWUP_CONFIG=/dev/null FOLLOWUP_TODAY="$TODAY" "$FU" due >/dev/null 2>&1
	sqlite3 "$db" 'PRAGMA user_version'
}

# make_tree ARGS: make in the source tree, for the tests of `make install`
# and `make uninstall` (they check where files go and that the installed
# binary finds them, not how it was compiled): a plain build at -O0, two
# jobs, and none of the calling make's flags (the ASan pass's CC and CFLAGS
# would come in through MAKEFLAGS and build a sanitised copy, three times
# slower, to test the same paths).
make_tree() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -j2 CFLAGS="-O0 -g" "$@"
}

# config LINES...: the configuration file, one argument a line.
config() {
	printf '%s\n' "$@" >"$T/config/followup/config"
}

# free_port: a TCP port of 127.0.0.1 that nothing listens on now.
free_port() {
	/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# serve NAME LAUNCH READY: a server of this test on 127.0.0.1, answering.
# Up to five tries, each on a new free port, SERVE_PORT (another process
# may take one between the choice and the bind): the function LAUNCH,
# run in the background, execs the server (so that the job's PID is the
# server's) behind "${SERVE_PDEATH[@]}" (setpriv --pdeathsig TERM where
# there is setpriv: the server ends with the test's shell even when that
# shell is killed); READY succeeds once it answers, polled every 0.1 s, 30 s
# at most.  A server that died or stayed mute is stopped and the next try
# made.  Its output goes to $T/NAME.log, its PID to SERVE_PID and
# $T/NAME.pid; an EXIT trap of the test's shell stops it (serve_stop).
SERVE_PID=""
serve() {
	local name=$1 launch=$2 ready=$3 try i up
	SERVE_PDEATH=()
	command -v setpriv >/dev/null && SERVE_PDEATH=(setpriv --pdeathsig TERM)
	trap serve_stop EXIT
	for try in 1 2 3 4 5; do
		SERVE_PORT=$(free_port) || return 1
		"$launch" </dev/null >>"$T/$name.log" 2>&1 &
		SERVE_PID=$!
		echo "$SERVE_PID" >"$T/$name.pid"
		up=""
		for ((i = 0; i < 300; i++)); do
			kill -0 "$SERVE_PID" 2>/dev/null || break
			"$ready" && up=1 && break
			sleep 0.1
		done
		[ -n "$up" ] && kill -0 "$SERVE_PID" 2>/dev/null && return 0
		echo "$name try $try on port $SERVE_PORT failed" >>"$T/$name.log"
		serve_stop
	done
	fail "$name did not start: $(tail -20 "$T/$name.log")"
}

# serve_stop: end the server serve started, if it runs (stop_pid).
serve_stop() {
	local pid=$SERVE_PID
	SERVE_PID=""
	stop_pid "$pid"
}

# stop_pid PID: end a server a test started, by its PID (TERM, then KILL
# after 10 s), and reap it; nothing for an empty PID.
stop_pid() {
	local i pid=$1
	[ -n "$pid" ] || return 0
	kill -TERM "$pid" 2>/dev/null || true
	for ((i = 0; i < 100; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	return 0
}
