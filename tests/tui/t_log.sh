# t_log.sh - logging a touch in three keys and a note, cancelling, undo,
# touch removal, and writes made by another process.

# body: the screen without its status line (the status may name anyone).
body() { screen | sed '$d'; }

expect_body_lacks() {
	body | grep -qF -- "$1" || return 0
	echo "    screen (status line aside) has [$1]"
	dump
	return 1
}

# The worked example of SPEC §2: day 0 Mon 2026-11-02, step 1 due Tue
# 11-03; a call logged on 11-03 schedules step 2 on Thu 11-05.
worked_example() {
	TODAY=2026-11-02
	fu_ok add "Ana Ruiz" --company Acme --first-contact 2026-11-02
	fu_ok add "Bob Stone" --company Initech --first-contact 2026-11-02
	TODAY=2026-11-03
}

test_log_a_call_in_three_keys_and_a_note() {
	worked_example
	start_tui 100 30
	wait_for "Ana Ruiz"
	wait_for "2 due today"
	keys l
	wait_for "log channel"
	keys c
	wait_for "outcome:"
	keys c
	wait_for "note ("
	type_text "Q1 budget ok; send the deck"
	wait_for "send the deck"
	keys Enter
	expect_status "logged call/connected for Ana Ruiz — next: Thu 5 Nov, step 2"
	# The row left today's list; Bob is selected now.
	wait_for "1 due today"
	expect_body_lacks "Ana Ruiz"
	wait_for "Bob Stone"
	# The database holds the touch, with its note, and the next due date.
	show_json 1
	expect_json 'd["touch_count"]' 1
	expect_json 'd["touches"][0]["channel"]' call
	expect_json 'd["touches"][0]["outcome"]' connected
	expect_json 'd["touches"][0]["note"]' "Q1 budget ok; send the deck"
	expect_json 'd["touches"][0]["at"][:10]' 2026-11-03
	expect_json 'd["due"]' 2026-11-05
	expect_json 'd["step"]' 2
	# In the upcoming view the row shows its new due date.
	keys 2
	wait_for "[Upcoming]"
	line=$(line_with "Ana Ruiz")
	[[ $line == *"Thu 5 Nov"*s2*"call/connected"* ]] || fail "Ana's upcoming row: [$line]"
}

test_log_keys_without_note_and_other_channels() {
	worked_example
	start_tui 100 30
	wait_for "Ana Ruiz"
	# email (e) / replied (r), and an empty note.
	keys l e r
	wait_for "note ("
	keys Enter
	expect_status "logged email/replied for Ana Ruiz — next: Thu 5 Nov, step 2"
	show_json 1
	expect_json 'd["touches"][0]["channel"]' email
	expect_json 'd["touches"][0]["outcome"]' replied
	expect_json 'd["touches"][0]["note"]' null
	# chat (h) / no-answer (n) on Bob.
	wait_for "Bob Stone"
	keys l h n Enter
	expect_status "logged chat/no-answer for Bob Stone"
	show_json 2
	expect_json 'd["touches"][0]["channel"]' chat
	expect_json 'd["touches"][0]["outcome"]' no-answer
}

test_log_outcome_won_sets_status() {
	worked_example
	start_tui 100 30
	wait_for "Ana Ruiz"
	keys l v W
	wait_for "note ("
	type_text "signed"
	keys Enter
	expect_status "logged visit/won for Ana Ruiz"
	show_json 1
	expect_json 'd["status"]' won
	expect_json 'd["due"]' null
	expect_body_lacks "Ana Ruiz"
}

test_note_line_editor_keys_and_utf8() {
	worked_example
	start_tui 100 30
	wait_for "Ana Ruiz"
	keys l c c
	wait_for "note ("
	type_text "wrong text"
	wait_for "wrong text"
	keys C-u
	wait_gone "wrong text"
	# UTF-8, backspace over a wide character, cursor moves and insertion.
	type_text "Zoë said 東京X"
	wait_for "Zoë said 東京X"
	keys BSpace
	wait_gone "東京X"
	type_text "!"
	keys C-a
	type_text ">"
	keys C-e
	type_text "<"
	wait_for ">Zoë said 東京!<"
	keys Enter
	expect_status "logged call/connected for Ana Ruiz"
	show_json 1
	expect_json 'd["touches"][0]["note"]' ">Zoë said 東京!<"
}

test_escape_cancels_logging() {
	worked_example
	start_tui 100 30
	wait_for "Ana Ruiz"
	# Esc at the note.
	keys l c c
	wait_for "note ("
	type_text "never saved"
	wait_for "never saved"
	keys Escape
	expect_status "log cancelled"
	# Esc at the channel key, and at the outcome key.
	keys l
	wait_for "log channel"
	keys Escape
	expect_status "log cancelled"
	keys l
	wait_for "log channel"
	keys c
	wait_for "outcome:"
	keys Escape
	expect_status "log cancelled"
	# A key that is no channel asks again (issue 17: it cancelled the
	# log before); Esc then cancels.
	keys l
	wait_for "log channel"
	keys z
	wait_for "no such key 'z'"
	expect_status "log channel"
	keys Escape
	expect_status "log cancelled"
	show_json 1
	expect_json 'd["touch_count"]' 0
	expect_json 'd["due"]' 2026-11-03
	expect_screen_has "Ana Ruiz"
	expect_running
}

test_undo_after_log_is_repeatable() {
	worked_example
	start_tui 100 30
	wait_for "2 due today"
	keys l c c
	wait_for "note ("
	keys Enter
	expect_status "logged call/connected for Ana Ruiz"
	wait_for "1 due today"
	keys l c v
	wait_for "note ("
	keys Enter
	expect_status "logged call/voicemail for Bob Stone"
	wait_for "0 due today"
	keys u
	expect_status "undone:"
	wait_for "1 due today"
	wait_for "Bob Stone"
	show_json 2
	expect_json 'd["touch_count"]' 0
	show_json 1
	expect_json 'd["touch_count"]' 1
	keys u
	expect_status "undone:"
	wait_for "2 due today"
	show_json 1
	expect_json 'd["touch_count"]' 0
	expect_json 'd["due"]' 2026-11-03
	expect_screen_has "Ana Ruiz"
	expect_screen_has "Bob Stone"
}

test_undo_status_says_what_was_undone() {
	worked_example
	start_tui 100 30
	wait_for "Ana Ruiz"
	keys l c c Enter
	expect_status "logged call/connected"
	keys u
	expect_status "undone:"
	# Issue 4: "the status line says what was undone": the undo label names
	# the change (a touch / log, for Ana).
	local s
	s=$(status_line)
	[[ $s == *Ana* || $s == *"#1"* ]] || fail "undo status does not say what was undone: [$s]"
	[[ $s == *log* || $s == *touch* ]] || fail "undo status does not say what was undone: [$s]"
}

test_remove_touch_accepts_latest_by_default() {
	worked_example
	fu_ok log 1 --channel call --outcome no-answer --at "2026-11-02 09:00" --note first
	fu_ok log 1 --channel email --outcome replied --note second
	show_json 1
	expect_json 'd["touch_count"]' 2
	local latest
	latest=$(jget 'd["touches"][-1]["id"]')
	expect_json 'd["due"]' 2026-11-05
	start_tui 100 30
	wait_for "Bob Stone"
	# Ana is not due today any more; find her in the all view.
	keys 3
	wait_for "[All]"
	wait_for "Ana Ruiz"
	keys g
	wait_for "second"
	keys X
	wait_for "remove touch #"
	screen | tail -n 1 | grep -qE "remove touch #.*: *$latest\b" || { dump; fail "the prompt does not offer touch $latest"; }
	keys Enter
	expect_status "touch removed"
	show_json 1
	expect_json 'd["touch_count"]' 1
	expect_json 'd["touches"][0]["note"]' first
	expect_json 'd["due"]' 2026-11-03
	# Esc at the prompt removes nothing.
	keys X
	wait_for "remove touch #"
	keys Escape
	expect_status "cancelled"
	show_json 1
	expect_json 'd["touch_count"]' 1
	# Undo brings the removed touch back.
	keys u
	expect_status "undone:"
	show_json 1
	expect_json 'd["touch_count"]' 2
}

test_another_process_write_shows_up_without_a_key() {
	worked_example
	start_tui 100 30
	wait_for "2 due today"
	wait_for "Bob Stone"
	# A cron job logs Bob's call through the CLI, same database.
	fu_ok log 2 --channel call --outcome connected --note "from cron"
	wait_for "1 due today" 2
	wait_for "Ana Ruiz"
	expect_body_lacks "Bob Stone"
	# And an add from another process.
	TODAY=2026-11-02 fu_ok add "Carl Late" --company Wayne --first-contact 2026-11-02
	wait_for "Carl Late" 2
	wait_for "2 due today" 2
	# An undo from another process, too.
	fu_ok undo
	wait_gone "Carl Late" 2
}
