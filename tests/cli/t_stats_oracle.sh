# t_stats_oracle.sh - `followup stats --format json` against an independent
# computation (issue 14, part 5).
#
# tests/tools/stats_oracle.py builds a random history per seed (about 150
# prospects over the last 200 days, qualification flags, touches on any
# day from day 0 to today, wins and losses by touch, by the prospects
# file's status and by `edit --status`, explicit next dates, non-ASCII
# names and one name over 130 bytes with a multi-byte character across
# byte 127 that is the oldest overdue), creates it through the real CLI
# (`import`, `import --touches`, then `log`, `edit`, `next`), and compares
# every figure of `stats --format json`, for the whole range and for
# random --from/--to ranges, with SPEC §6 (and §2 rule 4 for the due
# dates) computed from what it generated.  It also requires the whole
# stdout to be valid UTF-8 and valid JSON.  Each mismatch is one line:
# "seed S range R: key.path: expected X, got Y".

STATS_ORACLE=$TOOLS_DIR/stats_oracle.py

# stats_oracle SEED...: run the oracle for those seeds (each on its own
# today, from the oracle's list) with its databases under $T.
stats_oracle() {
	local args=() s
	[ -f "$STATS_ORACLE" ] || fail "no $STATS_ORACLE" || return 1
	for s in "$@"; do
		args+=(--seed "$s")
	done
	/usr/bin/python3 "$STATS_ORACLE" "$FU" --workdir "$T/oracle" "${args[@]}" >"$T/oracle.out" 2>"$T/oracle.err" &&
		RC=0 || RC=$?
	if [ "$RC" -ne 0 ]; then
		sed 's/^/    /' "$T/oracle.out" "$T/oracle.err"
		fail "stats_oracle.py $* exit $RC"
		return 1
	fi
}

test_stats_oracle_five_seeds() {
	# Seeds 1-5: todays Mon 2026-11-02, Sun 2026-03-01, Sun 2027-01-31,
	# Tue 2028-02-29 (leap day: the monthly tail clamps), Thu 2026-12-31.
	# Under the sanitizers (9 s a seed) one seed: the arithmetic is the
	# same binary's; ASan is there for memory errors, which one covers.
	case $FU in
	*/build-asan/*) stats_oracle 4 ;;
	*) stats_oracle 1 2 3 4 5 ;;
	esac
}
