# t_views.sh - search as you type, the four views, sorting, help.

test_search_filters_as_you_type_and_escape_clears() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	keys /
	wait_for "/"
	type_text "c"
	# "c": Cleo, and Ana (Acme), but Bob Stone (Initech) too: "c" in Initech.
	type_text "l"
	wait_gone "Ana Ruiz"
	wait_gone "Bob Stone"
	expect_screen_has "Cleo Park"
	status_line | grep -qF "/cl" || { dump; fail "the status line does not show the query"; }
	keys BSpace BSpace
	wait_for "Ana Ruiz"
	wait_for "Bob Stone"
	# Over company, email and phone too.
	type_text "initech"
	wait_gone "Cleo Park"
	expect_screen_has "Bob Stone"
	keys C-u
	type_text "acme.es"
	wait_gone "Bob Stone"
	expect_screen_has "Ana Ruiz"
	keys C-u
	type_text "0100"
	wait_gone "Ana Ruiz"
	expect_screen_has "Bob Stone"
	keys C-u
	type_text "zzz"
	wait_for "no match"
	keys Escape
	wait_for "Ana Ruiz"
	wait_for "Bob Stone"
	wait_for "Cleo Park"
	expect_screen_lacks "no match"
}

test_search_enter_keeps_filter_and_keys_work() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	search_enter bob "Cleo Park"
	# The filter stays, keys act on the match.
	wait_gone "/bob"
	expect_screen_lacks "Cleo Park"
	keys l c c Enter
	expect_status "logged call/connected for Bob Stone"
	show_json 2
	expect_json 'd["touch_count"]' 1
	# A new search starts from the old query; Esc clears it.
	keys /
	wait_for "/bob"
	keys Escape
	wait_for "Cleo Park"
	wait_for "Ana Ruiz"
}

test_search_filter_stays_visible_after_enter() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	search_enter bob "Cleo Park"
	wait_gone "/bob"
	# A filtered list must say so: the hints end with "[filter: bob]".
	status_line | grep -qF "bob" || screen | head -n 1 | grep -qF "bob" ||
		{ dump; fail "after Enter the active filter 'bob' is shown nowhere (100 columns)"; }
}

test_search_utf8_query() {
	fu_ok add "Zoë Lambert" --company "東京商事" --first-contact 2026-11-02
	fu_ok add "Zoe Plain" --company Acme --first-contact 2026-11-02
	start_tui 100 30
	wait_for "Zoe Plain"
	keys /
	# Search folds accents (issue 17): "zoë" finds Zoe Plain too, so the
	# UTF-8 query goes on to the surname.
	type_text "zoë l"
	wait_gone "Zoe Plain"
	expect_screen_has "Zoë Lambert"
	keys C-u
	type_text "東京"
	wait_for "Zoë Lambert"
	wait_gone "Zoe Plain"
	keys BSpace
	wait_for "/東"
	keys Escape
	wait_for "Zoe Plain"
}

test_search_in_all_view() {
	seed_basic
	start_tui 100 30
	keys 3
	wait_for "[All]"
	wait_for "Eve Marsh"
	keys /
	type_text "umbr"
	wait_gone "Ana Ruiz"
	expect_screen_has "Eve Marsh"
	keys Escape
	wait_for "Ana Ruiz"
}

test_tab_cycles_views_and_header_marks_current() {
	seed_basic
	start_tui 100 30
	wait_for "[Due]"
	keys Tab
	wait_for "[Upcoming]"
	expect_screen_lacks "[Due]"
	keys Tab
	wait_for "[All]"
	keys Tab
	wait_for "[Stats]"
	wait_for "1 won"
	keys Tab
	wait_for "[Due]"
	# Number keys.
	keys 4
	wait_for "[Stats]"
	keys 3
	wait_for "[All]"
	keys 2
	wait_for "[Upcoming]"
	keys 1
	wait_for "[Due]"
}

test_upcoming_view_groups_by_day() {
	seed_basic
	fu_ok add "Hal Next" --company Cyberdyne --first-contact 2026-11-05
	fu_ok next 6 2026-11-18 10:00
	fu_ok add "Ivy Far" --first-contact 2026-11-05
	fu_ok next 7 2026-11-30
	start_tui 100 30
	wait_for "[Due]"
	keys 2
	wait_for "[Upcoming]"
	wait_for "Dan Wu"
	# Day headings, in order, with the rows under them.
	rows_in_order "Overdue" "Cleo Park" "Ana Ruiz" "Thu 5 Nov (today)" "Bob Stone" \
		"Fri 6 Nov (tomorrow)" "Dan Wu" "Wed 18 Nov" "Hal Next"
	line_with "Hal Next" | grep -qF "10:00" || line_with "Hal Next" | grep -qF "appt" ||
		{ dump; fail "Hal's appointment row shows no time/appt marker"; }
	# 14 days: nothing after Thu 19 Nov; won prospects never.
	expect_screen_lacks "Ivy Far"
	expect_screen_lacks "Eve Marsh"
	# Moving skips the headings.
	keys g
	wait_for "day 0 2026-10-29"
	keys j j
	wait_for "day 0 2026-11-04"
}

test_all_view_lists_won_lost_and_sorts() {
	seed_basic
	fu_ok edit 4 --status lost
	start_tui 100 30
	keys 3
	wait_for "[All]"
	wait_for "Eve Marsh"
	line_with "Eve Marsh" | grep -qF "won" || { dump; fail "Eve's row does not say won"; }
	line_with "Dan Wu" | grep -qF "lost" || { dump; fail "Dan's row does not say lost"; }
	rows_in_order "Ana Ruiz" "Bob Stone" "Cleo Park" "Dan Wu" "Eve Marsh"
	keys s
	expect_status "sorted by company"
	# Acme, Globex, Hooli, Initech, Umbrella.
	rows_in_order "Ana Ruiz" "Cleo Park" "Dan Wu" "Bob Stone" "Eve Marsh"
	keys s
	expect_status "sorted by due"
	rows_in_order "Cleo Park" "Ana Ruiz" "Bob Stone"
	keys s
	expect_status "sorted by status"
	keys s
	expect_status "sorted by name"
	rows_in_order "Ana Ruiz" "Bob Stone" "Cleo Park" "Dan Wu" "Eve Marsh"
	# Outside the all view, s explains itself.
	keys 1
	wait_for "[Due]"
	keys s
	expect_status "sorting is for the all-prospects view"
}

test_stats_view() {
	seed_basic
	start_tui 100 30
	keys 4
	wait_for "[Stats]"
	wait_for "4 active, 1 won, 0 lost"
	expect_screen_has "2 overdue"
}

test_help_lists_the_key_table() {
	seed_basic
	start_tui 100 60
	wait_for "Cleo Park"
	keys ?
	wait_for "log a touch"
	expect_screen_has "undo the last change"
	# Every entry of the key table (src/tui_keys.c) is on the screen: its
	# keys, then its help text, on one line.
	local entry keyn help missing="" scr line found
	scr=$(screen)
	while IFS='|' read -r keyn help; do
		found=""
		while IFS= read -r line; do
			[[ $line == *"$keyn "*"$help"* ]] && found=1
		done <<<"$scr"
		[ -n "$found" ] || missing="$missing [$keyn: $help]"
	done < <(sed -nE 's/.*\{ACT_[A-Z_]+, "[^"]*", \{[^}]*\}, "([^"]*)", "(Move|Prospect|Views|Other)", "([^"]*)".*/\1|\3/p' \
		"$TESTS_DIR/../../src/tui_keys.c")
	[ -z "$missing" ] || { dump; fail "help lacks:$missing"; }
	local n
	n=$(grep -cE '"(Move|Prospect|Views|Other)", "' "$TESTS_DIR/../../src/tui_keys.c")
	[ "$n" -ge 20 ] || fail "found only $n key table entries in src/tui_keys.c"
	# Any key closes it.
	keys x
	wait_for "overdue ·"
	wait_gone "undo the last change"
	expect_screen_has "Cleo Park"
	# F1 opens it too.
	type_text $'\eOP'
	wait_for "log a touch"
	keys q
	wait_gone "log a touch"
	expect_running
}

test_help_scrolls_on_a_small_terminal() {
	start_tui 80 24
	wait_for "0 overdue"
	keys ?
	wait_for "log a touch"
	expect_screen_lacks "quit"
	local i
	# More than the rows below the first screen (j stops at the end).
	for ((i = 0; i < 40; i++)); do keys j; done
	wait_for "quit"
	keys Escape
	wait_for "0 overdue"
	expect_running
}
