# t_call.sh - the moment of the call (issue 17; SPEC §7): the last note
# whole and the timeline scrolled (item 2), forms that point at the bad
# field and choose cadence and status from their lists (item 7), a
# next-date prompt that keeps what was typed (item 8), the smaller gaps of
# the log prompt and the stats view (item 11), and the dial key.

# A 250-character note whose last word appears nowhere else.
LONG_NOTE='Talked to Zoë and her CTO Jan: they need SSO (Okta), EU data residency, 50 seats in Q1, a security review that takes three weeks, a pilot with the support team first; the budget is approved but procurement wants two quotes; call back after the offsite'

# zoe: Zoë, due today (step 2), whose last touch holds LONG_NOTE.
zoe() {
	[ ${#LONG_NOTE} -ge 250 ] || fail "the note has ${#LONG_NOTE} characters" || return 1
	fu_ok add "Zoë Lambert" --company Initech --phone "+33 1 23 45 67 89" --title CEO \
		--email zoe@initech.example --first-contact 2026-11-02 || return 1
	fu_ok log 1 --channel call --outcome connected --at "2026-11-03 10:00" --note "$LONG_NOTE"
}

# ---- item 2: the last note whole, the timeline scrolled -----------------------

test_last_note_is_shown_whole_at_120x35_and_200x50() {
	zoe
	start_tui 120 35
	wait_for "Zoë Lambert"
	wait_for "Open with:"
	# Its first and its last words, in the due view.
	wait_for "[Due]"
	expect_screen_has "Talked to Zoë"
	wait_for "the offsite"
	resize 200 50
	wait_for "the offsite"
	expect_screen_has "Talked to Zoë"
	# And below the list (100x40).
	resize 100 40
	wait_for "the offsite"
	expect_running
}

test_older_notes_are_read_by_scrolling_the_pane() {
	local i d
	fu_ok add "Tim Long" --company Verbose --first-contact 2026-09-01
	# Twenty touches on twenty days, the oldest with a note of its own.
	fu_ok log 1 --channel visit --outcome connected --at "2026-09-02 09:00" \
		--note "first visit: the fair booth; wants the oldest-note-marker report"
	for ((i = 3; i <= 22; i++)); do
		d=$(printf '2026-09-%02d' "$i")
		fu_ok log 1 --channel call --outcome voicemail --at "$d 10:00" --note "voicemail $i"
	done
	start_tui 100 30
	keys 3
	wait_for "Tim Long"
	wait_for "Touches (21), newest first:"
	expect_screen_lacks "oldest-note-marker"
	wait_for "J scrolls down"
	press_until 10 J -F "oldest-note-marker"
	expect_screen_has "oldest-note-marker"
	expect_screen_has "K scrolls up"
	# K goes back to the top: the name again.
	press_until 10 K -x " Tim Long"
	wait_selected "Tim Long"
	expect_screen_lacks "oldest-note-marker"
}

test_pane_keys_are_in_the_help() {
	start_tui 100 40
	wait_for "0 overdue"
	keys ?
	wait_for "followup help  (j/k"
	expect_screen_has "scroll the detail pane down"
	expect_screen_has "dial the prospect"
}

# ---- item 7: forms --------------------------------------------------------------

test_form_chooses_cadence_and_status_from_their_lists() {
	fu_ok cadence add nurture 7,30,90 --then every:90
	start_tui 100 30
	wait_for "0 overdue"
	keys a
	wait_for "Add prospect"
	type_text "Wil Won"
	# To Cadence: Name .. First contact are eight fields.
	keys Tab Tab Tab Tab Tab Tab Tab Tab
	wait_for "(•) standard"
	# Typed letters choose, they are not typed in.
	type_text "x"
	keys Right
	wait_for "(•) nurture"
	expect_screen_lacks "standardx"
	keys Tab
	keys Right
	wait_for "(•) won"
	keys Enter
	expect_status "added #1 Wil Won, won"
	show_json 1
	expect_json 'd["cadence"]' nurture
	# Issue 17: the add form's Status was ignored (typing won saved an
	# active prospect).
	expect_json 'd["status"]' won
	# The edit form holds the choices too; Space goes on to the next.
	keys 3
	wait_for "Wil Won"
	keys e
	wait_for "Edit prospect"
	keys Tab Tab Tab Tab Tab Tab Tab Tab Tab
	wait_for "(•) won"
	keys Space
	wait_for "(•) lost"
	keys Left Left
	wait_for "(•) active"
	keys Enter
	expect_status "saved Wil Won"
	show_json 1
	expect_json 'd["status"]' active
}

test_form_error_is_beside_its_field_with_the_cursor_there() {
	start_tui 100 30
	wait_for "0 overdue"
	keys a
	wait_for "Add prospect"
	type_text "Cal Maybe"
	keys Tab Tab Tab Tab
	type_text "call me maybe"
	keys Enter
	wait_for "not a phone number (no digits)"
	# Under the Phone field, in full.
	local pr er
	pr=$(row_no "Phone: call me maybe")
	er=$(row_no "↑ not a phone number (no digits)")
	[ -n "$pr" ] && [ -n "$er" ] && [ "$er" = $((pr + 1)) ] ||
		{ dump; fail "the error is not right under the Phone field ($pr, $er)"; }
	fu_ok list --status all --format json
	expect_json 'len(d)' 0
	# The cursor is in the Phone field: Ctrl-U and a number fix it.
	keys C-u
	type_text "+1 555 0199"
	keys Enter
	expect_status "added #1 Cal Maybe"
	show_json 1
	expect_json 'd["phone"]' "+1 555 0199"
	expect_json 'd["name"]' "Cal Maybe"
}

test_form_bad_first_contact_puts_the_cursor_there() {
	start_tui 100 30
	wait_for "0 overdue"
	keys a
	wait_for "Add prospect"
	type_text "Dee Date"
	keys Tab Tab Tab Tab Tab Tab Tab C-u
	type_text "2026-13-40"
	keys Tab
	keys Enter
	wait_for "invalid date '2026-13-40'"
	screen | grep -F -A1 "First contact: 2026-13-40" | grep -qF "↑" || { dump; fail "no error under First contact"; }
	keys C-u
	type_text "2026-11-02"
	keys Enter
	expect_status "added #1 Dee Date"
	show_json 1
	expect_json 'd["first_contact"]' 2026-11-02
}

# ---- item 8: the next-date prompt --------------------------------------------

test_next_date_prompt_keeps_the_text_and_names_the_bad_part() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	keys n
	wait_for "next date ("
	# The hint: not cut at 100 columns, its sample a week from today.
	wait_for "14h30, 2026-11-12 10:00"
	type_text "thu 25:00"
	keys Enter
	wait_for "time '25:00': the hour is 0 to 23"
	expect_status "thu 25:00"
	show_json 3
	expect_json 'd["due_kind"]' cadence
	# Fix the part that was wrong.
	keys BSpace BSpace BSpace BSpace BSpace
	type_text "14:30"
	keys Enter
	expect_status "next date set for Cleo Park — next: Thu 12 Nov 14:30"
	show_json 3
	expect_json 'd["due"]' 2026-11-12
	expect_json 'd["due_time"]' 14:30
}

# next_takes TEXT DATE TIME: the n prompt on Bob (selected) takes TEXT.
next_takes() {
	keys n
	wait_for "next date (" || return 1
	keys C-u
	type_text "$1"
	keys Enter
	expect_status "next date set for" || return 1
	show_json 2
	expect_json 'd["due"]' "$2" || return 1
	expect_json 'd["due_time"]' "$3"
}

test_next_date_prompt_accepts_times_as_people_type_them() {
	seed_basic
	start_tui 100 30
	wait_for "Bob Stone"
	# In the all view, where Bob stays whatever his date.
	keys 3
	wait_for "[All]"
	select_name "Bob Stone"
	next_takes "tomorrow 9:00" 2026-11-06 09:00
	next_takes "2pm" 2026-11-05 14:00
	next_takes "thu 14h30" 2026-11-12 14:30
	next_takes "thursday 2pm" 2026-11-12 14:00
	next_takes "thu 2:30pm" 2026-11-12 14:30
	next_takes "+3d" 2026-11-08 null
}

test_next_date_prompt_kept_when_cancelled() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	keys n
	wait_for "next date ("
	type_text "fri 10:"
	keys C-c
	expect_status "cancelled; what was typed is kept for Cleo Park"
	keys n
	wait_for "next date ("
	expect_status "fri 10:"
	type_text "15"
	keys Enter
	expect_status "next date set for Cleo Park — next: Fri 6 Nov 10:15"
}

# ---- item 11: the log prompt, messages, stats -----------------------------------

test_mistyped_outcome_key_asks_again() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	keys l c
	wait_for "a call with Cleo Park"
	expect_status "outcome:"
	keys z
	wait_for "no such key 'z'"
	expect_status "outcome: n)o-answer"
	keys c
	wait_for "note ("
	keys Enter
	expect_status "logged call/connected for Cleo Park"
}

test_meeting_asks_for_the_appointment_at_once() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	keys l c m
	wait_for "note ("
	type_text "demo agreed"
	keys Enter
	wait_for "appointment (Enter sets, Esc skips)"
	expect_screen_has "meeting with Cleo Park: when?"
	type_text "thu 25:00"
	keys Enter
	wait_for "time '25:00': the hour is 0 to 23"
	keys C-u
	type_text "thu 14:30"
	keys Enter
	expect_status "logged call/meeting for Cleo Park — next: Thu 12 Nov 14:30"
	show_json 3
	expect_json 'd["touches"][-1]["outcome"]' meeting
	expect_json 'd["due"]' 2026-11-12
	expect_json 'd["due_time"]' 14:30
	expect_json 'd["due_kind"]' explicit
}

test_not_now_offers_a_snooze_and_esc_skips() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	keys l c o Enter
	wait_for "try again on (Enter sets, Esc skips)"
	expect_status "+1m"
	keys Enter
	expect_status "logged call/not-now for Cleo Park — next: Sat 5 Dec"
	show_json 3
	expect_json 'd["due"]' 2026-12-05
	expect_json 'd["due_kind"]' explicit
	# Esc skips: the touch is logged, the cadence decides.
	select_name "Ana Ruiz"
	keys l c m Enter
	wait_for "appointment (Enter sets"
	keys Escape
	expect_status "logged call/meeting for Ana Ruiz (no appointment set) — next:"
	show_json 1
	expect_json 'd["touch_count"]' 2
	expect_json 'd["due_kind"]' cadence
}

test_log_prompt_dates_the_touch() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	keys l @
	wait_for "touch date ("
	expect_status "yesterday"
	keys Enter
	wait_for "a touch with Cleo Park on Wed 4 Nov"
	expect_status "log channel:"
	keys c v Enter
	expect_status "logged call/voicemail for Cleo Park on Wed 4 Nov — next:"
	show_json 3
	expect_json 'd["touches"][0]["at"]' 2026-11-04T12:00
	# A day and a time; one outside day 0 .. today is refused, kept.
	select_name "Ana Ruiz"
	keys l c @
	wait_for "touch date ("
	keys C-u
	type_text "2026-10-01 9:15"
	keys Enter
	wait_for "before Ana Ruiz's day 0"
	keys C-u
	type_text "mon 4:30pm"
	keys Enter
	wait_for "a call with Ana Ruiz on Mon 2 Nov 16:30"
	expect_status "outcome:"
	keys n Enter
	expect_status "logged call/no-answer for Ana Ruiz on Mon 2 Nov"
	show_json 1
	expect_json '[t["at"] for t in d["touches"]]' '["2026-11-02T10:00", "2026-11-02T16:30"]'
}

test_stats_view_explains_the_conversion() {
	fu_ok add "Wes Quick" --first-contact 2026-11-02
	fu_ok edit 1 --status won
	fu_ok add "Fay Follow" --first-contact 2026-11-02
	fu_ok log 2 --channel call --outcome connected --at "2026-11-03 10:00"
	start_tui 120 35
	wait_for "0 overdue"
	keys 4
	wait_for "Pipeline: 2 prospects, 1 active, 1 won, 0 lost; conversion 0%"
	wait_for "conversion = won after a follow-up ÷ prospects followed up: 0 ÷ 1; 1 won without a follow-up"
}

# ---- the dial key ---------------------------------------------------------------

# dialler: a dial command that writes its arguments to $T/dialled, one per
# line, and [phone] dial naming it with {phone} twice, once inside a word.
dialler() {
	printf '#!/bin/sh\nOUT=%s\nprintf "%%s\\n" "$@" >"$OUT.tmp" && mv "$OUT.tmp" "$OUT"\n' \
		"'$T/dialled'" >"$T/dial.sh"
	chmod +x "$T/dial.sh"
	printf '[phone]\ndial = %s --to {phone} "tel:{phone}" '"'"'a b'"'"'\n' "$T/dial.sh" >"$T/config/followup/config"
}

test_dial_key_runs_the_command_then_logs_the_call() {
	seed_basic
	dialler
	start_tui 100 30
	wait_for "Cleo Park"
	select_name "Ana Ruiz"
	keys c
	wait_for "dialling Ana Ruiz +34600111222…"
	# The log prompt, with the channel chosen: the outcome comes first.
	expect_status "outcome:"
	local i
	for ((i = 0; i < 60; i++)); do
		[ -s "$T/dialled" ] && break
		nap
	done
	[ "$(cat "$T/dialled" 2>/dev/null)" = "--to
+34600111222
tel:+34600111222
a b" ] || fail "the dial command got [$(cat "$T/dialled" 2>/dev/null)]"
	keys c
	wait_for "note ("
	type_text "picked up"
	keys Enter
	expect_status "logged call/connected for Ana Ruiz"
	show_json 1
	expect_json 'd["touches"][-1]["channel"]' call
	expect_json 'd["touches"][-1]["note"]' "picked up"
	# No phone: said so, nothing run.
	rm -f "$T/dialled"
	select_name "Cleo Park"
	keys c
	expect_status "Cleo Park has no phone number"
	nap; nap
	[ ! -e "$T/dialled" ] || fail "the dial command ran for a prospect without a phone"
	expect_running
}

test_dial_key_without_a_dial_command_says_how_to_set_one() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	select_name "Ana Ruiz"
	keys c
	expect_status "no dial command: set [phone] dial in"
	show_json 1
	expect_json 'd["touch_count"]' 1
}

test_dial_command_that_cannot_run_is_an_error() {
	seed_basic
	printf '[phone]\ndial = /nonexistent/dialer {phone}\n' >"$T/config/followup/config"
	start_tui 100 30
	wait_for "Cleo Park"
	select_name "Ana Ruiz"
	keys c
	expect_status "cannot run '/nonexistent/dialer'"
	expect_running
}
