#!/bin/sh
# run-unit.sh BINARY... - run each cmocka unit-test binary and total the
# results.  Prints "unit: N passed, N failed" last; exits non-zero when
# anything failed.  The calendar module is the one built beside the tests.
passed=0 failed=0
for t in "$@"; do
	build=$(dirname "$(dirname "$(dirname "$t")")")
	out=$(FOLLOWUP_ICAL_MODULE="$build/followup-ical.so" "$t" 2>&1); rc=$?
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0}))
	if [ "$rc" -ne 0 ]; then
		printf '%s\n' "$out"
		[ -z "$f" ] && failed=$((failed + 1))
	fi
done
echo "unit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
