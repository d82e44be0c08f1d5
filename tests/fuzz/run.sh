#!/bin/sh
# run.sh - `make fuzz`: replay the kept crash inputs, then fuzz each target.
#
#   sh tests/fuzz/run.sh OUTDIR SECONDS NAME...
#
# For each NAME, OUTDIR/fuzz_NAME is first run on every file in
# tests/fuzz/regressions/NAME/ (each on its own, so one failing input does
# not hide the next), then fuzzed for SECONDS with the corpus
# OUTDIR/corpus/NAME plus the seeds in tests/fuzz/seeds/NAME/ (and the
# dictionary tests/fuzz/NAME.dict when there is one).  A crash, leak,
# timeout or sanitizer report found while fuzzing is copied into
# tests/fuzz/regressions/NAME/, so it is replayed from then on (unless a
# kept input of NAME already fails: then it is most likely the same bug,
# and its path is printed instead).  Exits 1 when anything failed, after
# running everything.  The targets run FUZZ_JOBS at a time (default: one
# per core), their reports printed in the order named.
if [ -z "${BASH_VERSION:-}" ]; then
	exec bash "$0" "$@"
fi
set -u
. "$(dirname "$0")/../jobs.sh"

out=$1 secs=$2
shift 2
here=tests/fuzz
failed=""
mkdir -p "$out/logs"

# The lines of a libFuzzer log that say what went wrong and where.
show() {
	grep -E 'invariant|^fuzz[_a-z]*: |ERROR: |SUMMARY: |#[0-9]+ 0x[0-9a-f]+ in .*/(src|tests/fuzz)/' "$1" |
		head -n 8 | sed 's/^/    /'
}

# fuzz_one NAME: replay and fuzz NAME, its report on stdout; the inputs
# and targets that failed in $out/logs/NAME.failed.
fuzz_one() {
	name=$1 failed=""
	bin=$out/fuzz_$name
	log=$out/logs/$name
	known=""
	if [ -d "$here/regressions/$name" ]; then
		for f in "$here/regressions/$name"/*; do
			[ -f "$f" ] || continue
			if "$bin" -runs=1 "$f" >"$log.replay" 2>&1; then
				printf '  %-6s %s\n' REPLAY "$f"
			else
				printf '  %-6s %s: FAILED\n' REPLAY "$f"
				show "$log.replay"
				failed="$failed $f"
				known=1
			fi
		done
	fi

	mkdir -p "$out/corpus/$name" "$out/artifacts/$name"
	rm -f "$out/artifacts/$name"/*
	dict=""
	[ -f "$here/$name.dict" ] && dict="-dict=$here/$name.dict"
	printf '  %-6s %s (%ss)\n' FUZZ "$name" "$secs"
	# shellcheck disable=SC2086
	if "$bin" -max_total_time="$secs" -timeout=10 -print_final_stats=1 \
		-artifact_prefix="$out/artifacts/$name/" $dict \
		"$out/corpus/$name" "$here/seeds/$name" >"$log" 2>&1; then
		grep -E '^stat::number_of_executed_units' "$log" | sed 's/^stat::/    /'
	else
		echo "    fuzz_$name FAILED (log: $log)"
		show "$log"
		for a in "$out/artifacts/$name"/*; do
			[ -f "$a" ] || continue
			if [ -n "$known" ]; then
				# Most likely the bug a kept input already shows: not
				# kept again, so the tree does not fill with copies.
				echo "    input: $a (not kept: a kept input already fails)"
			else
				mkdir -p "$here/regressions/$name"
				cp "$a" "$here/regressions/$name/"
				echo "    kept as $here/regressions/$name/$(basename "$a")"
			fi
		done
		failed="$failed fuzz_$name"
	fi
	printf '%s' "$failed" >"$out/logs/$name.failed"
}

jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}
for name; do
	rm -f "$out/logs/$name.failed"
	fuzz_one "$name" >"$out/logs/$name.report" 2>&1 &
	jobs_throttle "$jobs"
done
wait
failed=""
for name; do
	cat "$out/logs/$name.report"
	if [ -f "$out/logs/$name.failed" ]; then
		failed="$failed$(cat "$out/logs/$name.failed")"
	else
		failed="$failed fuzz_$name(no report)"
	fi
done

if [ -n "$failed" ]; then
	echo "fuzz: failed:$failed" >&2
	exit 1
fi
echo "fuzz: ok"
