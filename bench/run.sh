#!/bin/bash
# bench/run.sh - `make bench`: followup side by side with the physical floor
# and with its peers (taskwarrior, calcurse), on databases of SIZES
# prospects built by bench/gen.py through the real import paths.
#
#   SIZES="1000 10000 100000"  sizes to build and measure
#   RUNS=20                    hyperfine runs per fast command (3 warm-ups);
#                              twice that, in ROUNDS=10 interleaved rounds
#                              at every size at once, for due, the floors and
#                              the TUI
#   SLOW_RUNS=5                runs for stats, imports, exports and the peers,
#                              one per round, interleaved
#   WORST_SIZES="1000 1000000" the TUI's worst case (issue 17): a CSV import
#                              in which almost all are due within the week;
#                              by default 1,000 and 1,000,000 in a full run,
#                              the smallest of SIZES when SIZES is given (as
#                              the smoke test does); "" leaves it out
#   WORST_RUNS=$RUNS           runs of its session script at each size
#   SESSION_CYCLES=$((RUNS*15)) cycles of the long session (its RSS growth)
#   OUT=bench/results.md       where the report goes
#   WORK=build/bench           data and scratch files
#   BIN=build                  where followup and the bench tools (BIN/bench/) are
#
# Every number comes from this one run: medians from hyperfine, peak RSS
# from /usr/bin/time -v.  Ratios are between numbers of the same run.
set -euo pipefail

SIZES_GIVEN=${SIZES:+1}
SIZES=${SIZES:-"1000 10000 100000"}
RUNS=${RUNS:-20}
SLOW_RUNS=${SLOW_RUNS:-5}
OUT=${OUT:-bench/results.md}
WORK=${WORK:-build/bench}
BIN=${BIN:-build}
FU=$(realpath "$BIN/followup")
LINKED=$(realpath "$BIN/bench/followup-linked")
FLOOR=$(realpath "$BIN/bench/floor")
PTYRUN=$(realpath "$BIN/bench/ptyrun")
export TZ=${TZ:-UTC} LC_ALL=C.UTF-8 NO_COLOR=1
# Today in that TZ, where followup, the peers and gen.py's timestamps read
# the date: taken before it (TZ unset: the system's zone) it could be
# another day than theirs.
TODAY=$(date +%F)
unset FOLLOWUP_TODAY
WORK=$(realpath "$WORK")
mkdir -p "$WORK"
: >"$WORK/config"
export FOLLOWUP_CONFIG=$WORK/config
# The rep, for mail reminder only (the other commands keep an empty config).
printf '[rep]\nname = Bench Rep\nemail = rep@bench.example\n' >"$WORK/mail.config"
RES=$WORK/results.tsv # op, size, median ms, peak RSS KB, note
: >"$RES"

say() { printf '%s\n' "$*" >&2; }
die() { say "bench: $*"; exit 1; }

for tool in hyperfine task calcurse sqlite3 python3 /usr/bin/time; do
	command -v "$tool" >/dev/null || die "$tool not found (make deps installs it)"
done

# median_ms JSON: the median of a hyperfine --export-json file, in ms.
median_ms() {
	python3 -c 'import json,sys; print("%.2f" % (json.load(open(sys.argv[1]))["results"][0]["median"] * 1000))' "$1"
}

# rss_kb CMD...: peak resident set of one run, in KB.
rss_kb() {
	/usr/bin/time -f '%M' -o "$WORK/rss" "$@" >/dev/null 2>"$WORK/rss.err" </dev/null ||
		die "failed: $* ($(tail -1 "$WORK/rss.err"))"
	tail -1 "$WORK/rss"
}

# measure OP SIZE RUNS PREPARE CMD: median wall time and peak RSS of CMD, a
# command line run by hyperfine without a shell (so is PREPARE: wrap it in
# sh -c '...' when it needs one).
measure() {
	local op=$1 size=$2 runs=$3 prepare=$4 cmd=$5 warm=3 ms kb
	[ "$runs" -le "$SLOW_RUNS" ] && warm=1
	[ "$runs" -le 2 ] && warm=0
	say "  $op ($size)"
	if [ -n "$prepare" ]; then
		hyperfine -N -w "$warm" -r "$runs" --prepare "$prepare" --export-json "$WORK/h.json" \
			--style none --output null "$cmd" >/dev/null 2>"$WORK/h.err" ||
			die "hyperfine failed on: $cmd ($(tail -3 "$WORK/h.err"))"
		sh -c "$prepare"
	else
		hyperfine -N -w "$warm" -r "$runs" --export-json "$WORK/h.json" --style none \
			--output null "$cmd" >/dev/null 2>"$WORK/h.err" ||
			die "hyperfine failed on: $cmd ($(tail -3 "$WORK/h.err"))"
	fi
	ms=$(median_ms "$WORK/h.json")
	# shellcheck disable=SC2086
	kb=$(rss_kb $cmd)
	printf '%s\t%s\t%s\t%s\n' "$op" "$size" "$ms" "$kb" >>"$RES"
}

# measure_group TOTAL "OP|SIZE|PREPARE|CMD"...: like measure, TOTAL runs of
# each command, spread over ROUNDS rounds (TOTAL if fewer); each round runs
# every command in turn, starting one further along the list than the round
# before, and a command's figure is the median of all its runs.
# Interleaving keeps a slow minute of a shared machine from landing on one
# side of a ratio, or on one operation only.  Commands run more than once a
# round get a warm-up run each round; the others one in the first round.
ROUNDS=${ROUNDS:-10}
# spec_fields SPEC: set op, n, prep and cmd from "OP|SIZE|PREPARE|CMD".
spec_fields() {
	local rest=$1
	op=${rest%%|*} rest=${rest#*|}
	n=${rest%%|*} rest=${rest#*|}
	prep=${rest%%|*} cmd=${rest#*|}
}
measure_group() {
	local total=$1 rounds=$ROUNDS per warm i j r k spec op n prep cmd ms kb
	shift
	[ "$total" -lt "$rounds" ] && rounds=$total
	per=$(((total + rounds - 1) / rounds))
	k=$#
	rm -f "$WORK"/g_*.json
	for r in $(seq 0 $((rounds - 1))); do
		for j in $(seq 0 $((k - 1))); do
			i=$(((j + r) % k))
			spec_fields "${*:$((i + 1)):1}"
			warm=1
			[ "$per" -eq 1 ] && [ "$r" -gt 0 ] && warm=0
			[ "$r" = 0 ] && say "  $op ($n)"
			hyperfine -N -w "$warm" -r "$per" ${prep:+--prepare "$prep"} --export-json "$WORK/g_${i}_$r.json" \
				--style none --output null "$cmd" >/dev/null 2>"$WORK/h.err" ||
				die "hyperfine failed on: $cmd ($(tail -3 "$WORK/h.err"))"
		done
	done
	i=0
	for spec in "$@"; do
		spec_fields "$spec"
		ms=$(python3 -c 'import json, statistics, sys
t = [x for f in sys.argv[1:] for x in json.load(open(f))["results"][0]["times"]]
print("%.2f" % (statistics.median(t) * 1000))' "$WORK"/g_"$i"_*.json)
		[ -z "$prep" ] || sh -c "$prep"
		# shellcheck disable=SC2086
		kb=$(rss_kb $cmd)
		printf '%s\t%s\t%s\t%s\n' "$op" "$n" "$ms" "$kb" >>"$RES"
		i=$((i + 1))
	done
}

# settle: let earlier writes reach the disk (and the file system's journal
# catch up) before something that fsyncs is timed.
settle() {
	sync
	sleep 1
}

# --- build the data -------------------------------------------------------

# peer_cmds DIR: set tw_list, tw_count and cc_list to the peers' queries for
# this morning on DIR's data, as checked and as timed.  Each asks for what
# `followup due` lists, overdue and due today: taskwarrior's +DUETODAY would
# miss the overdue (and exit 1 on "No matches" when none is due exactly
# today, which hyperfine takes for a failure); calcurse has no overdue, so
# gen.py puts overdue items on today, as followup's calendar export does.
peer_cmds() {
	tw_list="task rc:$1/task/taskrc +PENDING due.before:tomorrow list"
	tw_count="task rc:$1/task/taskrc +PENDING due.before:tomorrow count"
	cc_list="calcurse -D $1/calcurse -d 1"
}

# check_peers SIZE WANT: every peer's query counts WANT, followup's count, so
# that the peers are timed doing the same work, and a peer that disagrees is
# named here rather than timed (or aborted by hyperfine).  The commands run
# as hyperfine runs them (split on blanks, no shell); a failing one counts
# what it printed.
check_peers() {
	local n=$1 want=$2 got
	peer_cmds "$WORK/$n"
	# shellcheck disable=SC2086
	got=$($tw_count 2>/dev/null </dev/null || true)
	[ "$got" = "$want" ] || die "$n: taskwarrior counts ${got:-nothing} due by tomorrow, followup due $want ($tw_count)"
	# The report's footer: "50 tasks" (or "1 task"; "No matches." for none).
	# shellcheck disable=SC2086
	got=$({ $tw_list 2>/dev/null </dev/null || true; } | awk '/^[0-9]+ tasks?$/ { c = $1 } END { print c + 0 }')
	[ "$got" = "$want" ] || die "$n: taskwarrior lists $got due by tomorrow, followup due $want ($tw_list)"
	# One line per item: " * SUMMARY" all day, " - HH:MM -> HH:MM" timed
	# (the summary on the next line).
	# shellcheck disable=SC2086
	got=$({ $cc_list 2>/dev/null </dev/null || true; } | grep -cE '^ (\* |- ..:.. -> ..:..$)' || true)
	[ "$got" = "$want" ] || die "$n: calcurse lists $got items today, followup due $want ($cc_list)"
}

build_size() {
	local n=$1 d=$WORK/$1 want
	say "bench: $n prospects"
	rm -rf "$d"
	python3 bench/gen.py "$n" "$d" --today "$TODAY"
	export FOLLOWUP_DB=$d/fu.db
	"$FU" import "$d/prospects.csv" >/dev/null
	"$FU" import --touches "$d/touches.csv" >/dev/null
	# The generator computed every due date by SPEC §2 rule 4 on its own:
	# the imported database must agree, and exactly 50 are due this morning.
	"$FU" list --status all --format tsv |
		awk -F'\t' 'NR > 1 { print $1 "\t" ($12 == "" ? "-" : $12) }' | sort -n >"$d/got.tsv"
	sort -n "$d/expected.tsv" | cmp -s - "$d/got.tsv" ||
		die "$n: due dates differ from the generator's (diff $d/expected.tsv $d/got.tsv)"
	want=$("$FU" due --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
	[ "$want" = 50 ] || die "$n: $want prospects due this morning, not exactly 50"
	check_peers "$n" "$want"
	# The floor prints the same prospects in the same order.
	"$FLOOR" "$d/fu.db" "$TODAY" | cut -f2 | head -n -1 >"$d/floor.ids"
	"$FU" due --format tsv | awk -F'\t' 'NR > 1 { print $1 }' >"$d/due.ids"
	cmp -s "$d/floor.ids" "$d/due.ids" || die "$n: the floor and followup due list different prospects"
	sqlite3 "$d/fu.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
	# The copy that `log` writes to, made here: copying hundreds of
	# megabytes just before timing fsyncs would time the copy's writeback.
	cp "$d/fu.db" "$d/log.db"
}

due_sql() {
	sed -n '/^static const char due_sql/,/;$/p' bench/floor.c | sed '1d; s/^[[:space:]]*"//; s/"[;]*$//' |
		tr -d '\n' | sed "s/:today/'$TODAY'/; s/:until/'$TODAY'/"
}

# --- measure --------------------------------------------------------------

bench_size() {
	local n=$1 d=$WORK/$1 id
	export FOLLOWUP_DB=$d/fu.db
	peer_cmds "$d"
	id=$("$FU" due --format tsv | awk -F'\t' 'NR == 2 { print $1 }')
	say "bench: measuring $n"
	measure "show" "$n" "$RUNS" "" "$FU show $id"
	# What the rep reads and sends around the call (SPEC §10): the call
	# script of the first prospect due, and the reminders for the next
	# workday's appointments as an mbox on stdout (which records nothing,
	# so every run builds the same messages).
	measure "script ID" "$n" "$RUNS" "" "$FU script $id"
	measure "mail reminder (the next workday's appointments)" "$n" "$RUNS" "" \
		"$FU --config $WORK/mail.config mail reminder --no-edit"
	"$FU" --config "$WORK/mail.config" mail reminder --no-edit 2>/dev/null | grep -c '^From ' |
		sed "s/^/mails\t$n\t/" >>"$WORK/counts.tsv" || true
	# The one-touch write, before the exports and imports below fill the
	# disk's queues: a rep logs a call on a quiet machine.
	settle
	measure "log (one touch)" "$n" "$RUNS" "" "$FU --db $d/log.db log $id --channel call --outcome busy"
	# One file per event, each written atomically: tens of seconds at
	# 100,000 prospects, so two runs there.  Commands that fsync start on
	# a quiet disk: the metadata of the files removed or touched just
	# before (100,000 of them for vdir) would otherwise be committed
	# inside their first fsync.
	settle
	measure "export vdir (first run)" "$n" "$([ "$n" -ge 100000 ] && echo 2 || echo "$SLOW_RUNS")" \
		"sh -c 'rm -rf $d/vdir && sync'" "$FU export vdir $d/vdir"
	find "$d/vdir" -exec touch -d '2000-01-01' {} +
	settle
	measure "export vdir (unchanged)" "$n" "$SLOW_RUNS" "" "$FU export vdir $d/vdir"
	printf 'vdir-touched\t%s\t%s\n' "$n" "$(find "$d/vdir" -newermt '2001-01-01' | wc -l)" >>"$WORK/counts.tsv"
	settle
	# The slower operations and the peers (on the same prospects in their
	# own formats), interleaved.  The import and the exports start on a
	# quiet disk (their prepare step syncs).
	measure_group "$SLOW_RUNS" "stats|$n||$FU stats" \
		"export ics --days 60|$n|sync|$FU export ics $d/out.ics" \
		"export ics --days 3660|$n|sync|$FU export ics $d/all.ics --days 3660" \
		"import (prospects CSV)|$n|sh -c 'rm -f $d/imp.db $d/imp.db-wal $d/imp.db-shm && sync'|$FU --db $d/imp.db import $d/prospects.csv" \
		"taskwarrior due.before:tomorrow list|$n||$tw_list" \
		"taskwarrior due.before:tomorrow count|$n||$tw_count" \
		"calcurse -d 1|$n||$cc_list"
	printf 'events\t%s\t%s\n' "$n" "$(grep -c '^BEGIN:VEVENT' "$d/out.ics")" >>"$WORK/counts.tsv"
	printf 'all-events\t%s\t%s\n' "$n" "$(grep -c '^BEGIN:VEVENT' "$d/all.ics")" >>"$WORK/counts.tsv"
}

: >"$WORK/counts.tsv"
for n in $SIZES; do build_size "$n"; done
# Let the writes of the build reach the disk before anything is timed.
sync
sleep 2
# due, the floors and the TUI at every size in one interleaved group each:
# their ratios (followup / floor, 100,000 / 1,000, TUI / pty baseline)
# compare numbers taken in the same minutes.
morning=() tui=()
for n in $SIZES; do
	d=$WORK/$n
	due_sql >"$d/due.sql"
	morning+=("due|$n||$FU --db $d/fu.db due" "due --format json|$n||$FU --db $d/fu.db due --format json"
		"due (libical linked)|$n||$LINKED --db $d/fu.db due" "floor (C, libsqlite3)|$n||$FLOOR $d/fu.db $TODAY"
		"floor (sqlite3 CLI)|$n||sqlite3 -readonly $d/fu.db -init $d/due.sql .quit")
	# "quit" is on the TUI's last line ("q quit" in the key bar).
	tui+=("tui first paint + quit|$n||$PTYRUN quit $FU --db $d/fu.db"
		"pty baseline (echo)|$n||$PTYRUN quit /bin/echo quit" "tui (libical linked)|$n||$PTYRUN quit $LINKED --db $d/fu.db")
done
say "bench: due and the floors at every size"
measure_group $((RUNS * 2)) "${morning[@]}"
say "bench: the TUI at every size"
measure_group $((RUNS * 2)) "${tui[@]}"
for n in $SIZES; do bench_size "$n"; done

# --- the TUI's worst case (issue 17) ------------------------------------------
# gen.py --week: N new prospects, almost all due within the week, 50 of them
# today or overdue.  The first paint, as above; then, inside one session
# (bench/ptyrun -s, a 120x35 terminal), each view switch, a search keystroke
# that matches many and one that matches one prospect (the digits of #777's
# phone), and the resident set after each, ten times in each of WORST_RUNS
# runs (medians of the lot); the time the
# stats view takes to show its figures (computed after the switch has been
# painted); and at the smallest size a long session, every view, stats,
# search, log and undo SESSION_CYCLES times, whose RSS must not grow.
if [ -z "${WORST_SIZES+set}" ]; then
	if [ -n "$SIZES_GIVEN" ]; then WORST_SIZES=${SIZES%% *}; else WORST_SIZES="1000 1000000"; fi
fi
WORST_RUNS=${WORST_RUNS:-$RUNS}
SESSION_CYCLES=${SESSION_CYCLES:-$((RUNS * 15))}
WORST=$WORK/worst.tsv
: >"$WORST"
build_week() {
	local n=$1 d=$WORK/week$1
	say "bench: $n prospects, almost all due within the week"
	rm -rf "$d"
	python3 bench/gen.py "$n" "$d" --week --today "$TODAY"
	"$FU" --db "$d/fu.db" import "$d/prospects.csv" >/dev/null
	"$FU" --db "$d/fu.db" list --status all --format tsv |
		awk -F'\t' 'NR > 1 { print $1 "\t" ($12 == "" ? "-" : $12) }' | sort -n >"$d/got.tsv"
	sort -n "$d/expected.tsv" | cmp -s - "$d/got.tsv" ||
		die "week $n: due dates differ from the generator's (diff $d/expected.tsv $d/got.tsv)"
	sqlite3 "$d/fu.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
}
# The session scripts (bench/ptyrun.c): the barrier is the help screen (`?`;
# any key closes it); "\s" is a space; steps named "_" are not reported.
worst_script() {
	cat <<'EOF'
barrier ? show\sor\shide\sthe\sdetail\spane
wait quit
repeat 10
time help
time view\sswitch:\sdue\s->\supcoming 2
time view\sswitch:\supcoming\s->\sall 3
time view\sswitch:\sall\s->\sstats 4
time view\sswitch:\sstats\s->\sdue 1
time help
time search\skeystroke,\smany\smatch /g\r
time _ /\e
time _ /555000077\r
time search\skeystroke,\sone\smatch /7\r
time _ /\e
time _ 3
time _ /555000077\r
time search\skeystroke,\sone\smatch\s(all\sview) /7\r
time _ /\e
time _ 1
end
timeto to\sthe\sstats\sfigures 4 Pipeline:
time _ 1
EOF
}
session_cycle() {
	cat <<'EOF'
time _ 2
time _ 3
timeto _ 4 Pipeline:
time _ 1
time _ /g\r
time _ /\e
time _ lccx\r
time _ u
EOF
}
session_script() {
	echo 'barrier ? show\sor\shide\sthe\sdetail\spane'
	echo 'wait quit'
	echo 'repeat 2'
	session_cycle
	echo 'end'
	echo 'rss session\sRSS\safter\s2\scycles'
	echo "repeat $SESSION_CYCLES"
	session_cycle
	echo 'end'
	echo "rss session\\sRSS\\safter\\s$((SESSION_CYCLES + 2))\\scycles"
}
if [ -n "$WORST_SIZES" ]; then
	for n in $WORST_SIZES; do build_week "$n"; done
	sync
	sleep 2
	worst=()
	for n in $WORST_SIZES; do
		worst+=("tui first paint + quit|$n||$PTYRUN quit $FU --db $WORK/week$n/fu.db"
			"pty baseline (echo)|$n||$PTYRUN quit /bin/echo quit")
	done
	say "bench: the TUI's worst case, first paint"
	RES_SAVED=$RES
	RES=$WORST
	measure_group $((RUNS * 2)) "${worst[@]}"
	RES=$RES_SAVED
	worst_script >"$WORK/worst.script"
	say "  the session at every size, interleaved ($WORST_RUNS runs)"
	rm -f "$WORK"/worst_run_*.tsv
	for i in $(seq 1 "$WORST_RUNS"); do
		for n in $WORST_SIZES; do
			"$PTYRUN" -s "$WORK/worst.script" -g 120x35 "$FU" --db "$WORK/week$n/fu.db" \
				>"$WORK/worst_run_${n}_$i.tsv" || die "the session script failed at $n (run $i)"
		done
	done
	for n in $WORST_SIZES; do
		python3 bench/tui_steps.py "$n" "$WORST" "$WORK"/worst_run_"${n}"_*.tsv
	done
	n=${WORST_SIZES%% *}
	say "  the long session at $n ($SESSION_CYCLES cycles)"
	cp "$WORK/week$n/fu.db" "$WORK/session.db"
	session_script >"$WORK/session.script"
	"$PTYRUN" -s "$WORK/session.script" -g 120x35 "$FU" --db "$WORK/session.db" >"$WORK/session.tsv" ||
		die "the long session failed"
	grep '^session' "$WORK/session.tsv" | awk -F'\t' -v n="$n" '{ print $1 "\t" n "\t-\t" $3 }' >>"$WORST"
fi

{
	echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); followup $(git describe --always --dirty 2>/dev/null || echo '?')"
	echo "- CPU: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(nproc) cores; memory $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
	echo "- system: $(. /etc/os-release && echo "$PRETTY_NAME"), Linux $(uname -r)"
	echo "- SQLite $(sqlite3 --version | cut -d' ' -f1), $(hyperfine --version), taskwarrior $(task --version), $(calcurse --version | head -1)"
	echo "- runs: $RUNS per fast command (show, log); $((RUNS * 2)) for due, the floors and the TUI, in $ROUNDS interleaved rounds over every size; $SLOW_RUNS for stats, imports, exports and peers, interleaved one run a round (after warm-ups); TZ=$TZ, today $TODAY"
} >"$WORK/machine.txt"
python3 bench/report.py "$RES" "$WORK/counts.tsv" "$WORK/machine.txt" "$SIZES" "$WORST" >"$OUT.tmp"
mv "$OUT.tmp" "$OUT"
cat "$OUT"
