#!/bin/sh
# run.sh BINARY - run every test_* function of tests/cli/t_*.sh against the
# real binary, each in a fresh temp dir.  Prints "cli: N passed, N failed".
# ONLY=TEXT runs the tests whose names contain TEXT.
FU=$1
export FU
dir=$(cd "$(dirname "$0")" && pwd)
exec bash -c '
set -u
dir=$1
. "$dir/lib.sh"
passed=0 failed=0 failures=""
for file in "$dir"/t_*.sh; do
	for t in $(bash -c ". \"$dir/lib.sh\"; . \"$file\"; declare -F" | awk "{print \$3}" | grep "^test_"); do
		case $t in *"${ONLY:-}"*) ;; *) continue ;; esac
		T=$(mktemp -d /tmp/fu-cli.XXXXXX)
		mkdir -p "$T/home" "$T/config/followup" "$T/data"
		# Not inside `if`: there bash would ignore set -e in the test.
		( cd "$T" && TODAY=2026-11-02 && . "$dir/lib.sh" && . "$file" && set -e && $t ) >"$T/log" 2>&1
		if [ $? -eq 0 ]; then
			passed=$((passed + 1))
			rm -rf "$T"
		else
			failed=$((failed + 1))
			echo "FAIL $(basename "$file") $t"
			sed "s/^/  /" "$T/log"
			rm -rf "$T"
		fi
	done
done
echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
' run "$dir"
