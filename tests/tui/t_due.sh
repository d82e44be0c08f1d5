# t_due.sh - the first screen: the due list, its header and the detail pane.

test_opens_on_due_list_with_header_counts_and_rows() {
	seed_basic
	# The counts the header must show, from the CLI on the same database.
	fu_ok due --days 6 --format json
	local want
	want=$("$PY" -c 'import json,sys
d=json.load(open(sys.argv[1]))
print("%d overdue · %d due today · %d this week" % (
  sum(1 for p in d if p["due"] < "2026-11-05"),
  sum(1 for p in d if p["due"] == "2026-11-05"),
  sum(1 for p in d if "2026-11-05" <= p["due"] <= "2026-11-11")))' "$T/out")
	[ "$want" = "2 overdue · 1 due today · 2 this week" ] || fail "CLI counts: $want"
	start_tui 100 30
	wait_for "overdue ·"
	local header
	header=$(screen | head -n 1)
	[[ $header == *"Thu 5 Nov 2026"* ]] || fail "header lacks the date: [$header]"
	[[ $header == *"$want"* ]] || fail "header lacks [$want]: [$header]"
	[[ $header == *"[Due]"* ]] || fail "header does not mark the Due view: [$header]"
	# Rows: overdue oldest first, then today; not tomorrow's, not won.
	local cleo ana bob
	cleo=$(line_with "Cleo Park")
	ana=$(line_with "Ana Ruiz")
	bob=$(line_with "Bob Stone")
	[[ $cleo == *"6d late"*Globex*s1* ]] || fail "Cleo's row: [$cleo]"
	[[ $ana == *"2d late"*Acme*"+34 600 111 222"*s1*call/connected* ]] || fail "Ana's row: [$ana]"
	[[ $bob == *today*Initech*555-0100*s1*"no touch yet"* ]] || fail "Bob's row: [$bob]"
	[ "$(row_no "Cleo Park")" -lt "$(row_no "Ana Ruiz")" ] || fail "Cleo (6d late) should come before Ana (2d late)"
	[ "$(row_no "Ana Ruiz")" -lt "$(row_no "Bob Stone")" ] || fail "Ana (overdue) should come before Bob (today)"
	expect_screen_lacks "Dan Wu"
	expect_screen_lacks "Eve Marsh"
	# The hints on the status line come from the key table.
	expect_status "? help"
}

test_detail_pane_shows_contact_and_open_with_note() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	# First row selected: the pane shows Cleo.
	wait_for "day 0 2026-10-29"
	keys j
	wait_for "ana@acme.es"
	expect_screen_has "+34 600 111 222"
	expect_screen_has "CFO, Acme"
	expect_screen_has "day 0 2026-11-02"
	# "Open with:" is followed by the last touch's note.
	local n
	n=$(row_no "Open with:")
	[ -n "$n" ] || { dump; fail "no 'Open with:' in the detail pane"; }
	screen | sed -n "$((n + 1))p" | grep -qF "ask about the Q1 budget" ||
		{ dump; fail "the line after 'Open with:' is not the last note"; }
	# And the timeline lists the touch.
	expect_screen_has "Touches (1)"
	expect_screen_has "call/connected: ask about the Q1 budget"
	# k goes back up; arrows too.
	keys k
	wait_for "day 0 2026-10-29"
	keys Down Down
	wait_for "555-0100"
	wait_for "day 0 2026-11-04"
}

test_detail_pane_on_the_side_when_wide() {
	seed_basic
	start_tui 130 30
	wait_for "Cleo Park"
	keys j
	wait_for "ana@acme.es"
	# Side by side: Ana's row and her contact data on the same screen rows
	# area; the list row still carries the company.
	local line
	line=$(line_with "Bob Stone")
	[[ $line == *Initech* ]] || fail "Bob's row at 130 columns: [$line]"
	expect_screen_has "Open with:"
	expect_screen_has "ask about the Q1 budget"
}

test_enter_toggles_the_detail_pane() {
	seed_basic
	start_tui 100 30
	wait_for "day 0 2026-10-29"
	keys Enter
	wait_gone "day 0 2026-10-29"
	expect_screen_has "Cleo Park"
	keys Enter
	wait_for "day 0 2026-10-29"
}

test_movement_keys_g_G_and_paging() {
	seed_basic
	start_tui 100 30
	wait_for "day 0 2026-10-29"
	keys G
	wait_for "day 0 2026-11-04"
	keys g
	wait_for "day 0 2026-10-29"
	# Home and End as xterm sends them (TERM=xterm-256color: khome=\EOH,
	# kend=\EOF; tmux's own key names send \E[1~ and \E[4~ instead).
	type_text $'\eOF'
	wait_for "day 0 2026-11-04"
	type_text $'\eOH'
	wait_for "day 0 2026-10-29"
	keys PageDown
	wait_for "day 0 2026-11-04"
	keys PageUp
	wait_for "day 0 2026-10-29"
}

test_empty_database_says_how_to_begin() {
	start_tui 100 30
	wait_for "0 overdue"
	# Issue 4: a first run is not a blank screen; it names `a` and import.
	wait_for "a to add"
	expect_screen_has "followup import"
}

test_need_a_decision_counted_and_listed_last() {
	seed_basic
	fu_ok cadence add short 1 --then none
	fu_ok add "Finn Cole" --company Stark --cadence short --first-contact 2026-11-02
	TODAY=2026-11-03 fu_ok log 6 --channel call --outcome connected
	fu_ok show 6 --format json
	expect_json 'd["due"]' null
	start_tui 100 30
	wait_for "Finn Cole"
	# Listed after the due rows, under its own heading.
	wait_for "Need a decision"
	[ "$(row_no "Bob Stone")" -lt "$(row_no "Finn Cole")" ] || { dump; fail "Finn should be listed after the due rows"; }
	local finn
	finn=$(line_with "Finn Cole")
	[[ $finn == *decide* ]] || fail "Finn's row: [$finn]"
	# Issue 4: counted in the header.
	screen | head -n 1 | grep -qiE "decision|decide" ||
		{ dump; fail "the header does not count the prospects needing a decision"; }
}

test_control_characters_in_names_are_inert() {
	fu_ok add "$(printf 'Mal\033]0;PWNED\007ory \033[31mRed')" --company "$(printf 'Evil\033[2JCo')" \
		--first-contact 2026-11-02
	fu_ok log 1 --channel call --outcome connected --at "2026-11-02 10:00" \
		--note "$(printf 'note \033[5mblink')"
	start_tui 100 30
	wait_for "Mal"
	wait_for "Open with:"
	# The title escape did not reach the terminal, nor the color.
	local title
	title=$(tm display -p -t t '#{pane_title}')
	[[ $title != *PWNED* ]] || fail "an OSC in a name set the terminal title: [$title]"
	tm capture-pane -p -e -t t >"$T/esc"
	! grep -q $'\033\\[[0-9;]*5m' "$T/esc" || fail "a blink escape in a note reached the terminal"
	expect_screen_has "Red"
	expect_screen_has "overdue ·"
	expect_running
}

test_invalid_utf8_is_shown_not_crashed_on() {
	# The CLI refuses invalid UTF-8 now; a database written by another tool
	# (or an older version) can still hold it, so put it there with sqlite3.
	fu_ok add "BadName" --company "Co" --phone 111 --first-contact 2026-11-02
	fu_ok log 1 --channel call --outcome connected --at "2026-11-02 10:00" --note "note"
	sqlite3 "$T/fu.db" "UPDATE prospect SET name = CAST(X'426164FFFE4E616D65' AS TEXT), company = CAST(X'436FC3' AS TEXT) WHERE id = 1; UPDATE touch SET note = CAST(X'68616C6620E69720612063686172' AS TEXT) WHERE prospect_id = 1;"
	fu_ok add "Plain Name" --company "Plain Co" --phone 222 --first-contact 2026-11-02
	start_tui 100 30
	wait_for "Plain Name"
	wait_for "Bad"
	local bad plain
	bad=$(line_with "Bad")
	plain=$(line_with "Plain Name")
	[[ $bad == *Name* ]] || { dump; fail "the rest of an invalid UTF-8 name is not shown: [$bad]"; }
	# The phone column still lines up with the next row's.
	[ "$(display_col "$bad" 111)" = "$(display_col "$plain" 222)" ] ||
		{ dump; fail "an invalid UTF-8 name shifts the columns"; }
	keys g
	wait_for "Open with:"
	wait_for "a char"
	keys j
	wait_selected "Plain Name"
	expect_running
}

test_long_list_scrolls_with_the_selection() {
	local i
	for i in $(seq -w 1 20); do
		fu_ok add "Person $i" --company "Co $i" --first-contact 2026-11-02
	done
	start_tui 100 30
	wait_for "Person 01"
	expect_screen_lacks "Person 20"
	keys G
	wait_selected "Person 20"
	expect_screen_has "2d late    Person 20"
	expect_screen_lacks "Person 01"
	keys g
	wait_selected "Person 01"
	expect_screen_has "2d late    Person 01"
	# Page down moves a screenful (13 rows here, under the column
	# headings of issue 17, less one).
	keys PageDown
	wait_selected "Person 13"
	keys PageUp
	wait_selected "Person 01"
	# j past the visible rows scrolls.
	for i in $(seq 1 16); do keys j; done
	wait_selected "Person 17"
	line_with "Person 17" | grep -q "late" || { dump; fail "the selected row 17 is not visible in the list"; }
}
