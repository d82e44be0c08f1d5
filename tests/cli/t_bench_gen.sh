# t_bench_gen.sh - the benchmark's generator (bench/gen.py, issue 14) makes
# the same morning for every tool on any date: exactly 50 prospects overdue
# or due today by `followup due`, and the peers' queries that bench/run.sh
# times (taskwarrior `+PENDING due.before:tomorrow`, calcurse `-d 1`) count
# those 50 too.  `make bench` runs on whatever day it is, so each test is one
# awkward today: a weekend, New Year, Feb 28 and 29, a month end.  followup
# gets the date by --today; the peers read the clock, so they run under
# faketime at that date (`fu` runs through env -i, which drops faketime's
# LD_PRELOAD: harmless, since it has --today).  The tools are test
# dependencies (scripts/deps.sh installs them): a missing one is a failure.

# --- helpers ---------------------------------------------------------------

BENCH_GEN=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." 2>/dev/null && pwd)/bench/gen.py

# peer DATE CMD...: CMD on a clean environment with the clock at 09:30 UTC on
# DATE (monotonic time left real, as bench/run.sh's smoke under faketime
# does).  gen.py writes the peers' timestamps in UTC, its TZ here.
peer() {
	local date=$1
	shift
	env -i PATH="$PATH" HOME="$T/home" XDG_CONFIG_HOME="$T/config" \
		XDG_DATA_HOME="$T/data" TMPDIR="$T" TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "@$date 09:30:00" "$@" </dev/null
}

# gen_dues_agree DATE DIR: on DATE, the due date of each prospect (list
# --status all) is the one gen.py wrote in DIR/expected.tsv (SPEC §2 rule 4).
gen_dues_agree() {
	local day=$1 d=$2
	fu_ok --today "$day" list --status all --format tsv || return 1
	awk -F'\t' 'NR > 1 { print $1 "\t" ($12 == "" ? "-" : $12) }' "$T/out" | sort -n >"$d/got.tsv"
	sort -n "$d/expected.tsv" | cmp -s - "$d/got.tsv" ||
		fail "$day: due dates differ from gen.py's: $(sort -n "$d/expected.tsv" | diff - "$d/got.tsv" | head -5)"
}

# expect_due_count DATE N [ARGS...]: on DATE, `followup due ARGS` lists N
# prospects.
expect_due_count() {
	local day=$1 n=$2 got
	shift 2
	fu_ok --today "$day" due "$@" --format json || return 1
	got=$(jget 'len(d)') || return 1
	[ "$got" = "$n" ] || fail "$day: followup due $* lists $got, not $n"
}

# bench_morning DATE: generate 60 prospects for DATE into $T/DATE, import
# them, and require 50 due by followup, by taskwarrior and by calcurse.
bench_morning() {
	local day=$1 d=$T/$1 got tool
	for tool in faketime task calcurse; do
		command -v "$tool" >/dev/null || fail "$tool not installed (scripts/deps.sh)" || return 1
	done
	[ -f "$BENCH_GEN" ] || fail "no generator at $BENCH_GEN" || return 1
	TZ=UTC /usr/bin/python3 "$BENCH_GEN" 60 "$d" --today "$day" ||
		fail "gen.py 60 $d --today $day failed" || return 1

	# followup, with its defaults (Monday to Friday, no holidays), as the
	# bench's empty configuration has them.
	DB=$d/fu.db
	fu_ok --today "$day" import "$d/prospects.csv" || return 1
	fu_ok --today "$day" import --touches "$d/touches.csv" || return 1
	gen_dues_agree "$day" "$d" || return 1
	expect_due_count "$day" 50 || return 1

	# The peers see the faked date, or the counts below prove nothing.
	got=$(peer "$day" date +%F) || fail "$day: faketime failed: $got" || return 1
	[ "$got" = "$day" ] || fail "faketime at $day: date says $got" || return 1
	got=$(peer "$day" task rc:"$d/task/taskrc" +PENDING due.before:tomorrow count 2>"$T/peer.err") ||
		fail "$day: task count: exit $?: $(cat "$T/peer.err")" || return 1
	[ "$got" = 50 ] || fail "$day: taskwarrior due.before:tomorrow counts [$got], not 50" || return 1
	# list is timed too: it must succeed (task exits 1 on "No matches.",
	# the failure of issue 14) and end with "50 tasks".
	peer "$day" task rc:"$d/task/taskrc" +PENDING due.before:tomorrow list >"$T/peer.out" 2>"$T/peer.err" ||
		fail "$day: task list: exit $?: $(cat "$T/peer.out" "$T/peer.err")" || return 1
	grep -qx '50 tasks' "$T/peer.out" ||
		fail "$day: task list does not end with 50 tasks: $(tail -2 "$T/peer.out")" || return 1
	# calcurse: " * SUMMARY" for an all-day item, " - HH:MM -> HH:MM" (then
	# the summary) for a timed one (CALENDAR-CLIENTS.md).
	peer "$day" calcurse -D "$d/calcurse" -d 1 >"$T/peer.out" 2>"$T/peer.err" ||
		fail "$day: calcurse -d 1: exit $?: $(cat "$T/peer.err")" || return 1
	got=$(grep -cE '^ (\* |- ..:.. -> ..:..$)' "$T/peer.out" || true)
	[ "$got" = 50 ] || fail "$day: calcurse -d 1 lists $got items, not 50: $(head -3 "$T/peer.out")" || return 1
}

# --- the dates ---------------------------------------------------------------

test_bench_gen_saturday() {
	bench_morning 2026-12-05
}

test_bench_gen_sunday() {
	bench_morning 2026-12-06
}

test_bench_gen_new_years_day() {
	bench_morning 2027-01-01
}

test_bench_gen_monday_after_new_year() {
	bench_morning 2027-01-04
}

test_bench_gen_feb_28() {
	bench_morning 2027-02-28
}

test_bench_gen_leap_feb_28() {
	bench_morning 2028-02-28
}

test_bench_gen_leap_day() {
	bench_morning 2028-02-29
}

test_bench_gen_month_end() {
	bench_morning 2026-11-30
	bench_morning 2027-03-31
}

# gen.py --week (issue 17): the TUI's worst case, a CSV import in which
# almost all are due within the week; followup agrees with the generator's
# due dates, exactly 50 are due today or overdue, and every other one is
# due within the next six days.  On a Saturday too (the first workday after
# a day 0 of today is then Monday).
bench_week() {
	local day=$1 d=$T/week$1
	[ -f "$BENCH_GEN" ] || fail "no generator at $BENCH_GEN" || return 1
	TZ=UTC /usr/bin/python3 "$BENCH_GEN" 300 "$d" --week --today "$day" ||
		fail "gen.py 300 $d --week --today $day failed" || return 1
	DB=$d/fu.db
	fu_ok --today "$day" import "$d/prospects.csv" || return 1
	gen_dues_agree "$day" "$d" || return 1
	# 50 due today or overdue, all 300 within the week.
	expect_due_count "$day" 50 || return 1
	expect_due_count "$day" 300 --days 6
}

test_bench_gen_week() {
	bench_week 2026-11-05
	bench_week 2026-11-07
}
