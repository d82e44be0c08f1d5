#!/bin/sh
# bench-smoke.sh BUILD_DIR - `make check`'s smoke test of `make bench`: the
# whole benchmark end to end at the smallest size, a couple of runs each,
# into BUILD_DIR/bench-smoke/.  It checks that every operation was measured
# and the report was written, not the numbers (shared machines are noisy:
# the targets are judged by a real `make bench`).
set -eu
work=$1/bench-smoke
rm -rf "$work"
mkdir -p "$work"
SIZES=1000 RUNS=2 ROUNDS=2 SLOW_RUNS=1 WORK=$work OUT=$work/results.md BIN=$1 \
	bash bench/run.sh >"$work/log" 2>&1 || { tail -20 "$work/log"; echo "bench smoke: bench/run.sh failed"; exit 1; }
for op in "due" "due --format json" "due (libical linked)" "floor (C, libsqlite3)" \
	"floor (sqlite3 CLI)" "show" "stats" "tui first paint + quit" "pty baseline (echo)" \
	"export ics --days 60" "export vdir (unchanged)" "import (prospects CSV)" "log (one touch)" \
	"taskwarrior due.before:tomorrow list" "taskwarrior due.before:tomorrow count" "calcurse -d 1" \
	"script ID" "mail reminder (the next workday's appointments)"; do
	grep -q "^| $op | [0-9.]* ms, [0-9.]* MB |" "$work/results.md" ||
		{ echo "bench smoke: no figure for '$op' in $work/results.md"; exit 1; }
done
grep -q '^[0-9]* of [0-9]* targets met in this run\.$' "$work/results.md" ||
	{ echo "bench smoke: no verdict line"; exit 1; }
echo "bench smoke: ok ($(tail -1 "$work/results.md"))"
