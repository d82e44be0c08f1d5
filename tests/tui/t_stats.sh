# t_stats.sh - the TUI's stats view (key 4): the follow-up metrics of
# SPEC §6 on screen (issue 7), against a small fixture built through the
# CLI whose figures are computed by hand.
#
# Seen on TODAY = Thu 2026-11-26 (standard cadence, workdays Mon-Fri):
#
#  id name       day 0      flags          status  touches (date channel outcome [follow-up])
#  1  Ana Ruiz   Mon 11-02  verified,need  won     11-02 call connected [0: first contact]
#                                                  11-03 email replied [1]
#                                                  11-05 call no-answer [2]
#                                                  11-09 call won [3]
#  2  Bob Stone  Mon 11-02  -              lost    11-03 call no-answer [1]  (edit --status lost)
#  3  Cleo Park  Tue 11-03  need           active  11-05 email no-answer [1]
#                                                  11-06 email replied [2]
#                                                  11-09 chat replied [3]
#                                                  11-10 chat no-answer [4]
#                                                  11-11 other meeting [5]
#                                                  11-12 visit no-answer [6]
#                                                  (next step in 2027: not overdue)
#  4  Dan Wu     Mon 11-16  -              active  none: due Tue 11-17, 9 days overdue
#  5  Eve Marsh  Wed 11-25  -              active  none: due today
#
# Figures:
#   pipeline 5 prospects: 3 active, 1 won, 1 lost
#   followed up Ana, Bob, Cleo (3); won with a follow-up Ana: conversion 33%
#   funnel: reached 1: 3, 2: 2, 3: 2, 4: 1, 5+: 1 (Cleo); reached five 1/5 = 20%
#   lost Bob after exactly one follow-up: abandoned after one 1/1 = 100%
#   response by channel: call 1/4 = 25%, email 2/3 = 67%, chat 1/2 = 50%,
#     visit 0/1 = 0%, other 1/1 = 100%
#   speed: first follow-up by the next workday Ana (11-03), Bob (11-03), not
#     Cleo (11-05 > Wed 11-04): 2/3 = 67%; days 1, 1, 2: median 1
#   discipline: 1 overdue, the oldest Dan Wu; 0 need a decision
#   qualification: well (Ana) 1 won of 1 followed up = 100%; poor (Bob,
#     Cleo, Dan, Eve) 0 of 2 = 0%
# Bars (40 cells wide on a 120-column terminal): the funnel against all 5
# prospects (3/5 = 24 full cells, 2/5 = 16, 1/5 = 8), response rates
# against 100% (25% = 10 cells, 100% = 40, 0% = none).

make_tui_stats_fixture() {
	TODAY=2026-11-26
	fu_ok add "Ana Ruiz" --company Acme --first-contact 2026-11-02 --flag verified --flag need
	fu_ok log 1 --channel call --outcome connected --at "2026-11-02 10:00"
	fu_ok log 1 --channel email --outcome replied --at "2026-11-03 10:00"
	fu_ok log 1 --channel call --outcome no-answer --at "2026-11-05 10:00"
	fu_ok log 1 --channel call --outcome won --at "2026-11-09 10:00"
	fu_ok add "Bob Stone" --company Initech --first-contact 2026-11-02
	fu_ok log 2 --channel call --outcome no-answer --at "2026-11-03 11:00"
	fu_ok edit 2 --status lost
	fu_ok add "Cleo Park" --company Globex --first-contact 2026-11-03
	fu_ok edit 3 --flag need
	fu_ok log 3 --channel email --outcome no-answer --at "2026-11-05 10:00"
	fu_ok log 3 --channel email --outcome replied --at "2026-11-06 10:00"
	fu_ok log 3 --channel chat --outcome replied --at "2026-11-09 10:00"
	fu_ok log 3 --channel chat --outcome no-answer --at "2026-11-10 10:00"
	fu_ok log 3 --channel other --outcome meeting --at "2026-11-11 10:00"
	fu_ok log 3 --channel visit --outcome no-answer --at "2026-11-12 10:00"
	fu_ok add "Dan Wu" --company Hooli --first-contact 2026-11-16
	fu_ok add "Eve Marsh" --company Umbrella --first-contact 2026-11-25
}

# expect_row REGEX: some screen row matches the extended regex REGEX, with
# runs of spaces squeezed to one (the columns' padding is free).
expect_row() {
	local i s n=$((TUI_WAIT * 20))
	for ((i = 0; i < n; i++)); do
		s=$(screen 2>/dev/null | tr -s ' ') || s=""
		grep -qE -- "$1" <<<"$s" && return 0
		nap
	done
	echo "    no screen row matches [$1]"
	dump
	return 1
}

# bar_cells LABEL CHAR: how many CHAR cells the row holding LABEL shows.
bar_cells() {
	line_with "$1" | grep -oF -- "$2" | wc -l | tr -d ' '
}

expect_bar() { # expect_bar LABEL CHAR N
	local n
	n=$(bar_cells "$1" "$2")
	[ "$n" = "$3" ] || { dump; fail "the bar of [$1] has $n '$2' cells, expected $3"; }
}

open_stats() {
	start_tui "$@"
	keys 4
	wait_for "[Stats]"
	wait_for "Pipeline"
}

test_stats_view_shows_the_metrics() {
	make_tui_stats_fixture
	open_stats 120 40
	expect_row "Pipeline: 5 prospects, 3 active, 1 won, 1 lost; conversion 33%"
	expect_row "Persistence: prospects reaching each follow-up"
	expect_row "follow-up 1 3( |$)"
	expect_row "follow-up 2 2( |$)"
	expect_row "follow-up 3 2( |$)"
	expect_row "follow-up 4 1( |$)"
	expect_row "follow-up 5\+ 1( |$)"
	expect_row "reached five: 20% \(reps overall: 8%\)"
	expect_row "abandoned after one: 100% of lost \(reps overall: 44%\)"
	expect_row "Response rate by channel"
	expect_row "call 25% of 4( |$)"
	expect_row "email 67% of 3( |$)"
	expect_row "chat 50% of 2( |$)"
	expect_row "visit 0% of 1( |$)"
	expect_row "other 100% of 1( |$)"
	expect_row "Speed: 67% first followed up by the next workday, median 1(\.0)? days?"
	expect_row "Discipline: 1 overdue, oldest Dan Wu, 0 need a decision"
	expect_row "Qualification: well qualified 100% won, poorly qualified 0% won"
	expect_screen_lacks "no data yet"
	expect_screen_lacks "nan"
	# The bars (Unicode full blocks in a UTF-8 locale).
	expect_bar "follow-up 1 " "█" 24
	expect_bar "follow-up 2 " "█" 16
	expect_bar "follow-up 4 " "█" 8
	expect_bar "call " "█" 10
	expect_bar "other " "█" 40
	expect_bar "visit " "█" 0
	# The view's figures are the CLI's.
	fu_ok stats --format json
	expect_json 'd["funnel"]["reached"]' '{"1": 3, "2": 2, "3": 2, "4": 1, "5+": 1}'
	expect_json 'd["discipline"]["oldest_overdue"]["name"]' "Dan Wu"
	expect_running
}

test_stats_view_follows_writes_from_another_process() {
	# SPEC §7: never stale after a write, including another process's.
	make_tui_stats_fixture
	open_stats 120 40
	expect_row "Discipline: 1 overdue, oldest Dan Wu, 0 need a decision"
	# Dan's first follow-up, today, from the CLI: followed up 4 (conversion
	# 1/4), funnel 1: 4, call 2/5, and Dan is no longer overdue.
	fu_ok log 4 --channel call --outcome connected --at "2026-11-26 09:00"
	expect_row "Pipeline: 5 prospects, 3 active, 1 won, 1 lost; conversion 25%"
	expect_row "follow-up 1 4( |$)"
	expect_row "call 40% of 5( |$)"
	expect_row "Discipline: 0 overdue, 0 need a decision"
	# Cleo marked won from the CLI: won with a follow-up Ana, Cleo of 4
	# followed up; poorly qualified Cleo won of Bob, Cleo, Dan: 33%.
	fu_ok edit 3 --status won
	expect_row "Pipeline: 5 prospects, 2 active, 2 won, 1 lost; conversion 50%"
	expect_row "Qualification: well qualified 100% won, poorly qualified 33% won"
	expect_running
}

test_stats_view_empty_database() {
	open_stats 100 30
	expect_row "Pipeline: 0 prospects, 0 active, 0 won, 0 lost; conversion -"
	wait_for "no data yet"
	expect_screen_lacks "nan"
	expect_running
}

test_stats_view_ascii_bars_without_utf8() {
	make_tui_stats_fixture
	open_stats 120 40 LANG=C LC_ALL=C
	expect_row "follow-up 1 3( |$)"
	expect_row "call 25% of 4( |$)"
	expect_bar "follow-up 1 " "#" 24
	expect_bar "call " "#" 10
	expect_bar "other " "#" 40
	local s
	s=$(screen)
	[[ $s != *"█"* ]] || { dump; fail "Unicode blocks in a non-UTF-8 locale"; }
	expect_running
}

test_stats_view_small_terminal() {
	# 80x24: the figures still fit; nothing crashes.
	make_tui_stats_fixture
	open_stats 80 24
	expect_row "Pipeline: 5 prospects, 3 active, 1 won, 1 lost; conversion 33%"
	expect_row "follow-up 5\+ 1( |$)"
	expect_row "call 25% of 4( |$)"
	expect_row "other 100% of 1( |$)"
	expect_row "Discipline: 1 overdue, oldest Dan Wu"
	keys 1
	wait_for "[Due]"
	wait_for "Dan Wu"
	keys 4
	wait_for "[Stats]"
	expect_row "follow-up 1 3( |$)"
	expect_running
}
