#!/bin/sh
# run.sh BINARY - tmux-driven end-to-end tests of the TUI (SPEC §7, issue 4).
#
# Runs every test_* function of tests/tui/t_*.sh, each in a fresh temp dir
# $T with its own private tmux server (tmux -L fu<pid>_<random>_<pid>,
# -f /dev/null, killed at the end), and prints "tui: N passed, N failed";
# exits non-zero on any failure.  Tests prepare data through the CLI (`fu`,
# `fu_ok`, `expect_json` from tests/cli/lib.sh), start the TUI with
# start_tui COLS ROWS in a detached tmux session with a clean environment
# (FOLLOWUP_TODAY=$TODAY, 2026-11-05 unless the test sets TODAY), drive it
# with `keys` / `type_text` (send-keys) and read it with `screen`
# (capture-pane).  Nothing waits on a fixed sleep alone: wait_for,
# wait_gone, expect_status and wait_selected poll the screen every 50 ms
# for up to TUI_WAIT seconds (3) and dump the screen when they give up.
#
# The binary is copied first (a concurrent `make` may replace it), and
# seed_basic's database is made once through the CLI and copied.
#
# Environment: TUI_JOBS (tests run at once, default 4), TUI_ONLY (a regex:
# run only the matching tests), TUI_WAIT (seconds), TUI_TIMES=N (print the
# N slowest tests), TUI_NO_CONTROL=1 (plain tmux clients, no control mode).
if [ -z "${BASH_VERSION:-}" ]; then
	exec bash "$0" "$@"
fi
set -u
FU=${1:?usage: run.sh BINARY}
case $FU in /*) ;; *) FU=$PWD/$FU ;; esac
export FU
dir=$(cd "$(dirname "$0")" && pwd)
TESTS_DIR=$dir
. "$dir/../jobs.sh"
cli_lib=$dir/../cli/lib.sh
command -v tmux >/dev/null || { echo "tui: tmux not installed"; echo "tui: 0 passed, 1 failed"; exit 1; }
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

# ---- helpers available to the tests ------------------------------------

TODAY=2026-11-05
TUI_WAIT=${TUI_WAIT:-3}   # seconds wait_for polls before it gives up

# nap: sleep 50 ms without forking (`sleep` costs a process per poll).
nap() {
	[ -n "${NAP_FD:-}" ] || exec {NAP_FD}<> <(:)
	read -r -t 0.05 -u "$NAP_FD" _ || true
}

# tm ARGS: tmux on this test's private server.  Once start_tui has
# attached a control-mode client (tmux -C, a coprocess), commands go
# through it: a fork and exec per command costs more than the command, and
# the suite sends thousands.  Without it (or after kill-server), the plain
# client.
tm() {
	if [ "${1:-}" = kill-server ]; then
		tmc_close
		tmux -L "$TMUX_SOCK" -f /dev/null kill-server 2>/dev/null || true
		return 0
	fi
	if [ -n "${TMC_LIVE:-}" ] && kill -0 "$TMC_LIVE" 2>/dev/null; then
		local a line=""
		for a in "$@"; do line+=" '${a//\'/\'\"\'\"\'}'"; done
		tmc "$line"
		local rc=$?
		[ "$rc" -le 1 ] || { TMC_LIVE=""; tmux -L "$TMUX_SOCK" -f /dev/null "$@"; return; }
		printf '%s' "$TMC_REPLY"
		[ "$rc" -eq 0 ] || { printf '%s' "$TMC_REPLY" >&2; return 1; }
		return 0
	fi
	tmux -L "$TMUX_SOCK" -f /dev/null "$@"
}

# tmc LINE: one command line through the control client; its output in
# TMC_REPLY.  0 done, 1 tmux error, 2/3 the client is gone or silent.
tmc() {
	local l out="" inblk=0
	printf '%s\n' "$1" >&"$TMC_IN" 2>/dev/null || return 3
	while IFS= read -r -t 5 -u "$TMC_OUT" l; do
		case $l in
		%begin*) inblk=1 out="" ;;
		%end*) [ $inblk = 1 ] && { TMC_REPLY=$out; return 0; } ;;
		%error*) [ $inblk = 1 ] && { TMC_REPLY=$out; return 1; } ;;
		%exit*) return 3 ;;
		*) [ $inblk = 1 ] && out+=$l$'\n' ;;
		esac
	done
	return 2
}

# tmc_close: detach the control client by closing its stdin, and wait
# for it (a control client still attached when the server is killed can
# leave both waiting on each other).
tmc_close() {
	local i
	[ -n "${TMC_LIVE:-}" ] || return 0
	exec {TMC_IN}>&- {TMC_OUT}<&- 2>/dev/null
	for ((i = 0; i < 40; i++)); do
		kill -0 "$TMC_LIVE" 2>/dev/null || break
		nap
	done
	kill -0 "$TMC_LIVE" 2>/dev/null && kill -KILL "$TMC_LIVE" 2>/dev/null
	TMC_LIVE=""
	return 0
}

# tmc_open: attach the control client to session t (output notifications
# off), once its attach is complete.
tmc_open() {
	local l
	[ -n "${TMC_LIVE:-}" ] && kill -0 "$TMC_LIVE" 2>/dev/null && return 0
	coproc TMC { exec tmux -L "$TMUX_SOCK" -f /dev/null -C attach -t t 2>/dev/null; }
	TMC_LIVE=$TMC_PID
	echo "$TMC_LIVE" >>"$T/tmc.pids"
	exec {TMC_IN}>&"${TMC[1]}" {TMC_OUT}<&"${TMC[0]}"
	# Only the duplicates stay open: bash closes its own on coproc exit.
	eval "exec ${TMC[1]}>&- ${TMC[0]}<&-"
	while IFS= read -r -t 5 -u "$TMC_OUT" l; do
		[[ $l == %session-changed* ]] && break
		[[ $l == %exit* ]] && { TMC_LIVE=""; return 0; }
	done
	tmc "refresh-client -f no-output" >/dev/null || TMC_LIVE=""
	return 0
}

# start_tui COLS ROWS [VAR=VALUE...]: start `followup` (no subcommand) in a
# detached session "t" of that size, with a clean environment plus the
# given variables, and wait for its first screen.  The TUI's exit status
# lands in $T/tui.exit, its stderr in $T/tui.err.
start_tui() {
	local cols=$1 rows=$2 v extra=""
	shift 2
	for v in "$@"; do extra="$extra $(printf %q "$v")"; done
	rm -f "$T/tui.exit"
	cat >"$T/launch.sh" <<EOF
# The launcher outlives the TUI to record how it left the terminal; a
# trap (not an ignore) so the TUI starts with default signal dispositions.
trap : INT TERM HUP QUIT
stty -g >$(printf %q "$T/stty.before") 2>/dev/null
env -i PATH=$(printf %q "$PATH") HOME=$(printf %q "$T/home") \\
	XDG_CONFIG_HOME=$(printf %q "$T/config") XDG_DATA_HOME=$(printf %q "$T/data") \\
	TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC \\
	FOLLOWUP_DB=$(printf %q "$T/fu.db") FOLLOWUP_TODAY=$(printf %q "$TODAY") $extra \\
	$(printf %q "$FU") 2>$(printf %q "$T/tui.err")
rc=\$?
stty -g >$(printf %q "$T/stty.after") 2>/dev/null
echo \$rc >$(printf %q "$T/tui.exit")
EOF
	tm start-server \; set -g remain-on-exit on \; set -g history-limit 0 \; \
		new-session -d -s t -x "$cols" -y "$rows" "exec sh $(printf %q "$T/launch.sh")" \; \
		pipe-pane -t t "cat >>$(printf %q "$T/raw")" || {
		echo "    tmux new-session failed"
		return 1
	}
	[ -n "${TUI_NO_CONTROL:-}" ] || tmc_open
	tm display -p '#{pid}' >>"$T/server.pids" 2>/dev/null
	# Ready when the header shows today's date ("5 Nov": narrow headers
	# drop the rest).
	wait_for "$(today_label)" || return 1
	tui_pid >>"$T/tui.pids"
	pane_pid >>"$T/launcher.pids"
}

# today_label: $TODAY as the header shows it at any width, "5 Nov".
today_label() { LC_ALL=C date -d "$TODAY" '+%-d %b'; }

# keys KEY...: tmux key names (Enter, Escape, Tab, Space, Up, C-u, ...) or
# single characters.
keys() { tm send-keys -t t "$@"; }
# type_text TEXT: literal text.
type_text() { tm send-keys -t t -l -- "$1"; }
# settle: a barrier.  Every key sent before it has been handled when it
# returns: the help screen opens only after them, and any key closes it.  A
# test that looks at the screen to decide its next key needs this; one that
# waits for a given text does not.
settle() {
	keys '?'
	wait_for "followup help  (j/k" || return 1
	keys x
	wait_gone "followup help  (j/k"
}
# screen: the visible pane, one line per row.
screen() { tm capture-pane -p -t t; }
# status_line: the last row (the status line).
status_line() { screen | tail -n 1; }

dump() {
	echo "    --- screen ($(tm display -p -t t '#{window_width}x#{window_height}' 2>/dev/null)) ---"
	screen 2>/dev/null | sed 's/^/    |/'
	echo "    ---"
	[ -s "$T/tui.err" ] && { echo "    stderr:"; sed 's/^/    ! /' "$T/tui.err"; }
	return 0
}

# wait_for TEXT [SECONDS]: poll the screen until it shows TEXT.
wait_for() {
	local s i n=$((${2:-$TUI_WAIT} * 20))
	for ((i = 0; i < n; i++)); do
		s=$(screen 2>/dev/null) || s=""
		[[ $s == *"$1"* ]] && return 0
		nap
	done
	echo "    timed out waiting for [$1]"
	dump
	return 1
}

# wait_gone TEXT [SECONDS]: poll the screen until TEXT is no longer on it.
wait_gone() {
	local s i n=$((${2:-$TUI_WAIT} * 20))
	for ((i = 0; i < n; i++)); do
		s=$(screen 2>/dev/null) || s=""
		[[ $s == *"$1"* ]] || return 0
		nap
	done
	echo "    timed out waiting for [$1] to go"
	dump
	return 1
}

expect_screen_has() {
	local s
	s=$(screen)
	[[ $s == *"$1"* ]] && return 0
	echo "    screen lacks [$1]"
	dump
	return 1
}

expect_screen_lacks() {
	local s
	s=$(screen)
	[[ $s == *"$1"* ]] || return 0
	echo "    screen has [$1]"
	dump
	return 1
}

# expect_status TEXT: the status line (last row) holds TEXT (waits for it).
expect_status() {
	local s i n=$((TUI_WAIT * 20))
	for ((i = 0; i < n; i++)); do
		s=$(screen 2>/dev/null) || s=""
		[[ ${s##*$'\n'} == *"$1"* ]] && return 0
		nap
	done
	echo "    status line lacks [$1]: [$(status_line)]"
	dump
	return 1
}

# wait_selected NAME: the detail pane (below the list) shows NAME as its
# title, a row holding " NAME" alone, i.e. NAME is the selected prospect.
wait_selected() {
	local s i n=$((TUI_WAIT * 20))
	for ((i = 0; i < n; i++)); do
		s=$'\n'$(screen 2>/dev/null)$'\n' || s=""
		[[ $s == *$'\n'" $1"$'\n'* ]] && return 0
		nap
	done
	echo "    timed out waiting for $1 to be selected"
	dump
	return 1
}

# press_until N KEY GREP_ARGS...: KEY, at most N times, until a screen row
# matches `grep GREP_ARGS` (none if one does already); the screen is read
# only after each key has been handled (settle).  The caller checks the
# screen after it.
press_until() {
	local i n=$1 key=$2
	shift 2
	for ((i = 0; i < n; i++)); do
		screen | grep -q "$@" && return 0
		keys "$key"
		settle || return 1
	done
}

# select_name NAME: move the selection from the first row down (j) until
# the detail pane's title is NAME, at most 20 rows.
select_name() {
	keys g
	settle || return 1
	press_until 20 j -x -- " $1" || return 1
	wait_selected "$1"
}

# search_enter QUERY GONE: a search for QUERY (/, QUERY typed), then Enter
# once GONE has left the list: the filter stays on.
search_enter() {
	keys /
	type_text "$1"
	wait_gone "$2" || return 1
	keys Enter
}

# line_with TEXT: the first screen row holding TEXT.
line_with() { screen | grep -F -m1 -- "$1"; }

# row_no TEXT: the number (from 1) of the first screen row holding TEXT.
row_no() { screen | grep -nF -m1 -- "$1" | cut -d: -f1; }

# rows_in_order TEXT...: each TEXT is on the screen, each on a row below
# the one before (the first row holding it).
rows_in_order() {
	local prev=0 n name
	for name in "$@"; do
		n=$(row_no "$name")
		[ -n "$n" ] || { dump; fail "no row for $name"; return 1; }
		[ "$n" -gt "$prev" ] || { dump; fail "$name is not after the previous name ($*)"; return 1; }
		prev=$n
	done
}

pane_pid() { tm list-panes -t t -F '#{pane_pid}' 2>/dev/null; }
# tui_pid: the followup process (child of the launcher shell in the pane).
tui_pid() { ps -o pid= --ppid "$(pane_pid)" 2>/dev/null | tr -d ' ' | head -n 1; }
pane_dead() { [ "$(tm list-panes -t t -F '#{pane_dead}' 2>/dev/null)" = 1 ]; }

# expect_running: the TUI process is alive (pane not dead).
expect_running() {
	if pane_dead || [ -s "$T/tui.exit" ]; then
		echo "    the TUI exited (status $(cat "$T/tui.exit" 2>/dev/null))"
		dump
		return 1
	fi
}

# wait_exit [SECONDS]: wait until the TUI has exited and the pane is dead.
wait_exit() {
	local i n=$((${1:-$TUI_WAIT} * 20))
	for ((i = 0; i < n; i++)); do
		[ -s "$T/tui.exit" ] && pane_dead && return 0
		nap
	done
	echo "    the TUI did not exit"
	dump
	return 1
}

# expect_terminal_restored: after the TUI exited, the terminal is as it
# was: tty modes (stty -g before and after), off the alternate screen, and
# the cursor made visible again (the last ?25 sequence written is "h";
# tmux's cursor_flag is not kept for a dead pane, so read the output).
expect_terminal_restored() {
	local last
	[ "$(tm list-panes -t t -F '#{alternate_on}')" = 0 ] || fail "still on the alternate screen" || return 1
	{ [ -s "$T/stty.before" ] && [ -s "$T/stty.after" ]; } || fail "no stty record" || return 1
	cmp -s "$T/stty.before" "$T/stty.after" ||
		fail "tty modes not restored: before $(cat "$T/stty.before"), after $(cat "$T/stty.after")" || return 1
	last=$(grep -aoE $'\033\\[\\?25[hl]' "$T/raw" | tail -n 1 | cut -c6)
	[ -z "$last" ] || [ "$last" = h ] || fail "cursor left invisible (last ?25 sequence: $last)" || return 1
	last=$(grep -aoE $'\033\\[\\?1049[hl]' "$T/raw" | tail -n 1 | cut -c8)
	[ -z "$last" ] || [ "$last" = l ] || fail "alternate screen not left (last ?1049: $last)"
}

# resize COLS LINES: resize the terminal, and return once the program's
# tty has the new size.  tmux resizes its copy of the screen at once (and
# reflows what is on it) but may set the tty's size, which sends SIGWINCH,
# a little later; a key sent before then would be read at the old size.
# After this returns, the next key the program reads comes after its
# KEY_RESIZE (ncurses checks for a SIGWINCH before it reads input).
resize() {
	local tty i
	tm resize-window -t t -x "$1" -y "$2"
	tty=$(tm display -p -t t '#{pane_tty}') || return 0
	for ((i = 0; i < TUI_WAIT * 20; i++)); do
		[ "$(stty -F "$tty" size 2>/dev/null)" = "$2 $1" ] && return 0
		nap
	done
	echo "    the tty never became $1x$2 (stty -F $tty size: $(stty -F "$tty" size 2>&1))"
}

# show_json ID: `followup show ID --format json` into $T/out.
show_json() { fu_ok show "$1" --format json; }

# display_col LINE TEXT: the display column (0-based) where TEXT starts in
# LINE, counting East Asian wide characters as 2 and combining marks as 0.
display_col() {
	"$PY" - "$1" "$2" <<'EOF'
import sys, unicodedata
line, text = sys.argv[1], sys.argv[2]
i = line.find(text)
if i < 0:
    print(-1); sys.exit()
def w(c):
    if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
print(sum(w(c) for c in line[:i]))
EOF
}

# seed_basic: five prospects through the CLI, as seen on Thu 2026-11-05
# (standard cadence, step 1 due on the first workday after day 0):
#   1 Ana Ruiz   Acme      day 0 Mon 11-02, due Tue 11-03: 2d late; a day-0
#                          call with a note (the "open with" points)
#   2 Bob Stone  Initech   day 0 Wed 11-04, due today
#   3 Cleo Park  Globex    day 0 Thu 10-29, due Fri 10-30: 6d late
#   4 Dan Wu     Hooli     day 0 today, due Fri 11-06 (this week)
#   5 Eve Marsh  Umbrella  won (never due)
# Header: 2 overdue · 1 due today · 2 this week (today .. today+6, i.e.
# Bob and Dan).
seed_basic() {
	if [ -n "${SEED_BASIC_DB:-}" ] && [ -s "$SEED_BASIC_DB" ]; then
		cp "$SEED_BASIC_DB" "$T/fu.db"
		return
	fi
	seed_basic_cli
}

seed_basic_cli() {
	fu_ok add "Ana Ruiz" --company Acme --phone "+34 600 111 222" --email ana@acme.es \
		--title CFO --first-contact 2026-11-02 || return 1
	fu_ok log 1 --channel call --outcome connected --at "2026-11-02 10:00" \
		--note "ask about the Q1 budget" || return 1
	fu_ok add "Bob Stone" --company Initech --phone "555-0100" --first-contact 2026-11-04 || return 1
	fu_ok add "Cleo Park" --company Globex --first-contact 2026-10-29 || return 1
	fu_ok add "Dan Wu" --company Hooli --first-contact 2026-11-05 || return 1
	fu_ok add "Eve Marsh" --company Umbrella --first-contact 2026-11-02 || return 1
	fu_ok edit 5 --status won || return 1
}

# jget PYEXPR (replaces tests/cli/lib.sh's, same output): a value from the
# JSON in $T/out.  One Python process per test (py_start, before the test
# runs, so that jget in a $(...) subshell finds it) answers every query
# over a pair of FIFOs; starting Python per assertion costs ~0.1 s each.
py_start() {
	local me=$BASHPID # (expanded here: an async command's words expand in the child)
	mkfifo "$T/py.in" "$T/py.out" || return 1
	# Both ends opened read-write, so no open ever waits for the other
	# side; the server ends when its parent (this test's shell) is gone.
	"$PY" -u -c '
import json, os, select, sys
ppid = int(sys.argv[3])
fin = os.open(sys.argv[1], os.O_RDWR)
out = os.fdopen(os.open(sys.argv[2], os.O_RDWR), "w")
buf = b""
while True:
    if not select.select([fin], [], [], 0.5)[0]:
        if os.getppid() != ppid:
            break
        continue
    buf += os.read(fin, 65536)
    while b"\n" in buf:
        req, buf = buf.split(b"\n", 1)
        path, expr = req.decode().split("\t", 1)
        try:
            d = json.load(open(path))
            v = eval(expr)
            text = "null" if v is None else (json.dumps(v) if isinstance(v, (list, dict, bool)) else str(v))
            out.write("0\n" + text + "\n\x1e\n")
        except Exception as e:
            out.write("1\n%s: %s\n\x1e\n" % (type(e).__name__, e))
        out.flush()
' "$T/py.in" "$T/py.out" "$me" </dev/null &
	exec {PY_R}<>"$T/py.out" {PY_W}<>"$T/py.in"
}

jget() {
	local l rc out=""
	[ -n "${PY_W:-}" ] || py_start || return 1
	printf '%s\t%s\n' "$T/out" "$1" >&"$PY_W"
	IFS= read -r -t 10 -u "$PY_R" rc || { echo "    jget: no answer"; return 1; }
	while IFS= read -r -t 10 -u "$PY_R" l && [ "$l" != $'\x1e' ]; do out+=$l$'\n'; done
	out=${out%$'\n'}
	if [ "$rc" != 0 ]; then
		echo "    jget $1: $out (on: $(head -c 300 "$T/out"))"
		return 1
	fi
	printf '%s\n' "$out"
}

# ---- runner --------------------------------------------------------------

run_one() { # run_one FILE TEST LOG
	local file=$1 t=$2 log=$3
	T=$(mktemp -d /tmp/fu-tui.XXXXXX)
	mkdir -p "$T/home" "$T/config/followup" "$T/data"
	TMUX_SOCK="fu$$_${RANDOM}_$BASHPID"
	(
		trap 'tm kill-server 2>/dev/null || true' EXIT
		cd "$T" && . "$cli_lib" && eval "$JGET_DEF" && py_start && . "$file" &&
			trap 'echo "    failed: ${FUNCNAME[0]:-}: $BASH_COMMAND (line $LINENO)"' ERR &&
			set -eE && "$t"
	) >"$log" 2>&1
	local rc=$? pid
	tm kill-server 2>/dev/null
	# A TUI that outlived its terminal (it should not) is ended here, by
	# the pid recorded at start, if it is still this binary.
	for pid in $(cat "$T/tui.pids" 2>/dev/null); do
		[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$FU" ] && kill -KILL "$pid" 2>/dev/null
	done
	# Likewise its launcher shell (it traps HUP), so it writes no more here.
	for pid in $(cat "$T/launcher.pids" 2>/dev/null); do
		tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF "$T/launch.sh" && kill -KILL "$pid" 2>/dev/null
	done
	# The control client and the server, should they still be there.
	for pid in $(cat "$T/tmc.pids" "$T/server.pids" 2>/dev/null); do
		tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "-L $TMUX_SOCK " && kill -KILL "$pid" 2>/dev/null
	done
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$TMUX_SOCK"
	rm -rf "$T" 2>/dev/null || { nap; rm -rf "$T"; }
	return $rc
}

# expect_json PYEXPR VALUE (replaces lib.sh's, which swallows jget's message).
expect_json() {
	local got
	got=$(jget "$1") || { echo "$got"; return 1; }
	[ "$got" = "$2" ] || fail "json $1: expected [$2], got [$got]"
}

JGET_DEF=$(declare -f jget expect_json)
tests=()
for file in "$dir"/t_*.sh; do
	for t in $(bash -c ". \"$cli_lib\"; . \"$file\"; declare -F" | awk '{print $3}' | grep '^test_'); do
		[ -n "${TUI_ONLY:-}" ] && ! [[ $t =~ $TUI_ONLY ]] && continue
		tests+=("$file:$t")
	done
done

logdir=$(mktemp -d /tmp/fu-tui-logs.XXXXXX)
trap 'rm -rf "$logdir"' EXIT
# Test a private copy: a concurrent `make` may replace the binary mid-run.
cp "$FU" "$logdir/followup" || { echo "tui: cannot copy $FU"; echo "tui: 0 passed, 1 failed"; exit 1; }
# And the modules it loads on demand (libical, GMime), found beside it.
for m in "$(dirname "$FU")"/followup-*.so; do
	[ -f "$m" ] && cp "$m" "$logdir/"
done
FU=$logdir/followup
# seed_basic's database, made once through the CLI and copied by each test.
SEED_BASIC_DB=$logdir/seed/fu.db
mkdir -p "$logdir/seed/home" "$logdir/seed/config/followup" "$logdir/seed/data"
(T=$logdir/seed && cd "$T" && . "$cli_lib" && seed_basic_cli) >"$logdir/seed.log" 2>&1 || {
	echo "tui: seeding through the CLI failed:"
	sed 's/^/  /' "$logdir/seed.log"
	SEED_BASIC_DB=""
}
ls "$logdir/seed" | grep -q 'fu.db-' && SEED_BASIC_DB=""
jobs_max=${TUI_JOBS:-4}
for i in "${!tests[@]}"; do
	entry=${tests[$i]}
	(
		t0=$EPOCHREALTIME
		run_one "${entry%%:*}" "${entry##*:}" "$logdir/$i.log"
		echo $? >"$logdir/$i.rc"
		echo "$t0 $EPOCHREALTIME" >"$logdir/$i.time"
	) &
	jobs_throttle "$jobs_max"
done
wait

passed=0 failed=0
for i in "${!tests[@]}"; do
	entry=${tests[$i]}
	if [ "$(cat "$logdir/$i.rc" 2>/dev/null)" = 0 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL $(basename "${entry%%:*}") ${entry##*:}"
		sed 's/^/  /' "$logdir/$i.log"
	fi
done
[ -z "${TUI_TIMES:-}" ] || jobs_slowest "$TUI_TIMES" "$logdir" "${tests[@]}"
echo "tui: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
