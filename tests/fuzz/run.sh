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
# tests/fuzz/regressions/NAME/, so it is replayed from then on.  Exits 1
# when anything failed, after running everything.
set -u

out=$1 secs=$2
shift 2
here=tests/fuzz
failed=""
mkdir -p "$out/logs"

for name; do
	bin=$out/fuzz_$name
	log=$out/logs/$name
	if [ -d "$here/regressions/$name" ]; then
		for f in "$here/regressions/$name"/*; do
			[ -f "$f" ] || continue
			if "$bin" -runs=1 "$f" >"$log.replay" 2>&1; then
				printf '  %-6s %s\n' REPLAY "$f"
			else
				printf '  %-6s %s: FAILED\n' REPLAY "$f"
				grep -E 'ERROR|invariant|SUMMARY|fuzz[_a-z]*:|#[0-9]+ 0x' "$log.replay" | head -n 12 | sed 's/^/    /'
				failed="$failed $f"
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
		grep -E 'ERROR|invariant|SUMMARY|fuzz[_a-z]*:|#[0-9]+ 0x' "$log" | head -n 12 | sed 's/^/    /'
		mkdir -p "$here/regressions/$name"
		for a in "$out/artifacts/$name"/*; do
			[ -f "$a" ] || continue
			cp "$a" "$here/regressions/$name/"
			echo "    kept as $here/regressions/$name/$(basename "$a")"
		done
		failed="$failed fuzz_$name"
	fi
done

if [ -n "$failed" ]; then
	echo "fuzz: failed:$failed" >&2
	exit 1
fi
echo "fuzz: ok"
