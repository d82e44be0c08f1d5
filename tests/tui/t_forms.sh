# t_forms.sh - next date, won/lost, add and edit forms, delete.

test_next_date_with_time_then_clear() {
	seed_basic
	start_tui 100 30
	wait_for "Bob Stone"
	select_name "Bob Stone"
	keys n
	wait_for "next date ("
	type_text "2026-11-20 14:30"
	keys Enter
	# Issue 17: the message names the person ("next date set — next: ..."
	# before).
	expect_status "next date set for Bob Stone — next: Fri 20 Nov 14:30"
	show_json 2
	expect_json 'd["due"]' 2026-11-20
	expect_json 'd["due_time"]' 14:30
	expect_json 'd["due_kind"]' explicit
	wait_for "0 due today"
	# Find Bob in the agenda and clear the date with an empty answer.
	keys 3
	wait_for "[All]"
	select_name "Bob Stone"
	wait_for "2026-11-20 14:30"
	keys n
	wait_for "next date ("
	keys Enter
	expect_status "next date cleared"
	show_json 2
	expect_json 'd["due"]' 2026-11-05
	expect_json 'd["due_time"]' null
	expect_json 'd["due_kind"]' cadence
}

test_next_date_relative_forms_and_bad_input() {
	seed_basic
	start_tui 100 30
	wait_for "Bob Stone"
	select_name "Bob Stone"
	keys n
	wait_for "next date ("
	type_text "+3d"
	keys Enter
	expect_status "next: Sun 8 Nov"
	show_json 2
	expect_json 'd["due"]' 2026-11-08
	expect_json 'd["due_time"]' null
	# A weekday name means the next such day; bad input is an error and
	# changes nothing (issue 17: the prompt stays open with the text and
	# the reason, where it closed before).
	select_name "Ana Ruiz"
	keys n
	wait_for "next date ("
	type_text "tue 09:15"
	keys Enter
	expect_status "next: Tue 10 Nov 09:15"
	show_json 1
	expect_json 'd["due"]' 2026-11-10
	expect_json 'd["due_time"]' 09:15
	select_name "Cleo Park"
	keys n
	wait_for "next date ("
	type_text "someday"
	keys Enter
	wait_for "invalid date 'someday'"
	expect_status "next date (Enter sets, empty clears): someday"
	show_json 3
	expect_json 'd["due"]' 2026-10-30
	expect_json 'd["due_kind"]' cadence
	# A past date is refused (SPEC §2 rule 5).
	keys C-u
	type_text "2026-11-01"
	keys Enter
	wait_for "before today"
	expect_status "2026-11-01"
	show_json 3
	expect_json 'd["due"]' 2026-10-30
	keys Escape
	expect_status "cancelled"
	show_json 3
	expect_json 'd["due"]' 2026-10-30
	expect_running
}

test_won_lost_ask_first() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	select_name "Cleo Park"
	keys W
	wait_for "mark Cleo Park as won? y/n"
	keys n
	expect_status "not changed"
	show_json 3
	expect_json 'd["status"]' active
	expect_screen_has "Cleo Park"
	keys W
	wait_for "as won? y/n"
	keys y
	expect_status "Cleo Park marked won"
	wait_gone "6d late"
	show_json 3
	expect_json 'd["status"]' won
	expect_json 'd["due"]' null
	wait_for "1 overdue"
	# Lost, on Ana.
	select_name "Ana Ruiz"
	keys L
	wait_for "mark Ana Ruiz as lost? y/n"
	keys Escape
	expect_status "not changed"
	show_json 1
	expect_json 'd["status"]' active
	keys L
	wait_for "as lost? y/n"
	keys y
	expect_status "Ana Ruiz marked lost"
	show_json 1
	expect_json 'd["status"]' lost
	wait_for "0 overdue"
	# Undo restores the status.
	keys u
	expect_status "undone:"
	show_json 1
	expect_json 'd["status"]' active
	wait_for "1 overdue"
}

test_add_form_saves_name_and_company() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	keys a
	wait_for "Add prospect"
	type_text "Fay Gold"
	keys Tab
	type_text "Wayne Ent"
	wait_for "Wayne Ent"
	keys Enter
	expect_status "added #6"
	wait_gone "Add prospect"
	fu_ok list --format json
	"$PY" -c 'import json,sys
d=json.load(open(sys.argv[1]))
m=[p for p in d if p["name"]=="Fay Gold"]
assert len(m)==1 and m[0]["company"]=="Wayne Ent" and m[0]["id"]==6, m
assert m[0]["first_contact"]=="2026-11-05", m' "$T/out" || fail "list: $(cat "$T/out")"
	# Day 0 today: first follow-up tomorrow, Fri 6 Nov, as the status says.
	expect_status "first follow-up Fri 6 Nov"
	show_json 6
	expect_json 'd["due"]' 2026-11-06
}

test_add_form_all_fields_and_flags() {
	start_tui 100 30
	wait_for "0 overdue"
	keys a
	wait_for "Add prospect"
	# Name, Company, Title, Email, Phone, Source, Notes, First contact.
	type_text "Gil Hart"; keys Tab
	type_text "Soylent"; keys Tab
	type_text "CTO"; keys Tab
	type_text "gil@soylent.com"; keys Tab
	type_text "+1 555 0199"; keys Tab
	type_text "referral"; keys Tab
	type_text "met at the fair"; keys Tab
	keys C-u; type_text "2026-11-02"; keys Tab
	# Cadence, Status, then the four flags: verified on, need on.
	keys Tab Tab
	keys Space Tab Space
	wait_for "[x] need confirmed"
	expect_screen_has "[x] contact verified"
	keys Enter
	expect_status "added #1"
	show_json 1
	expect_json 'd["company"]' Soylent
	expect_json 'd["title"]' CTO
	expect_json 'd["email"]' gil@soylent.com
	expect_json 'd["phone"]' "+1 555 0199"
	expect_json 'd["source"]' referral
	expect_json 'd["notes"]' "met at the fair"
	expect_json 'd["first_contact"]' 2026-11-02
	expect_json 'd["due"]' 2026-11-03
	expect_json 'sorted(d["flags"])' '["need", "verified"]'
	wait_for "Gil Hart"
	wait_for "2d late"
}

test_add_form_escape_cancels() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	keys a
	wait_for "Add prospect"
	type_text "Nobody Here"
	wait_for "Nobody Here"
	keys Escape
	wait_gone "Add prospect"
	expect_status "cancelled"
	fu_ok list --status all
	expect_out_lacks "Nobody"
	expect_screen_lacks "Nobody Here"
}

test_add_form_invalid_email_keeps_form_open() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	keys a
	wait_for "Add prospect"
	type_text "Gil Hart"
	keys Tab Tab Tab
	type_text "not-an-email"
	keys Enter
	# The error shows in the form's title; the form stays open.
	wait_for "not an email address"
	line_with "Add prospect" | grep -qF "not an email" ||
		{ dump; fail "the error is not in the form title"; }
	expect_screen_has "Gil Hart"
	fu_ok list --status all
	expect_out_lacks "Gil Hart"
	# Issue 17: the error is beside the field too, and the cursor is on
	# it (it went back to Name before, so this test pressed Tab thrice).
	line_with "Email: not-an-email" >/dev/null || { dump; fail "no Email row"; }
	[ "$(row_no "Email: not-an-email")" -lt "$(row_no "↑ not an email address")" ] ||
		{ dump; fail "the error is not under the Email field"; }
	# Fix it and save: the form kept what was typed.
	keys C-u
	type_text "gil@example.com"
	keys Enter
	expect_status "added #6"
	show_json 6
	expect_json 'd["email"]' gil@example.com
	expect_json 'd["name"]' "Gil Hart"
}

test_add_form_empty_name_refused() {
	start_tui 100 30
	wait_for "0 overdue"
	keys a
	wait_for "Add prospect"
	keys Enter
	# Nothing saved, the form says why.
	wait_for "name"
	expect_screen_has "Add prospect —"
	fu_ok list --status all --format json
	expect_json 'len(d)' 0
	keys Escape
	expect_status "cancelled"
}

test_edit_company_and_toggle_flag() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	select_name "Ana Ruiz"
	keys e
	wait_for "Edit prospect"
	# The form holds the current values.
	wait_for "ana@acme.es"
	keys Tab C-u
	type_text "NewCo"
	# Down to "need confirmed" (field 11; Company is field 1),
	# toggle it with Space.
	keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
	keys Space
	wait_for "[x] need confirmed"
	expect_screen_has "[ ] contact verified"
	keys Enter
	expect_status "saved"
	show_json 1
	expect_json 'd["company"]' NewCo
	expect_json 'd["flags"]' '["need"]'
	expect_json 'd["email"]' ana@acme.es
	expect_json 'd["touch_count"]' 1
	wait_for "NewCo"
	# Toggle it off again, and two others on: no longer poorly qualified.
	keys e
	wait_for "Edit prospect"
	keys Up Up Up Space Up Space Down Down Space
	wait_for "[x] contact verified"
	keys Enter
	expect_status "saved"
	show_json 1
	expect_json 'sorted(d["flags"])' '["decider", "verified"]'
	# Undo the edit.
	keys u
	expect_status "undone:"
	show_json 1
	expect_json 'd["flags"]' '["need"]'
}

test_edit_escape_changes_nothing() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	select_name "Ana Ruiz"
	fu_ok show 1 --format json
	cp "$T/out" "$T/before"
	keys e
	wait_for "Edit prospect"
	keys Tab C-u
	type_text "Changed"
	keys Escape
	expect_status "cancelled"
	fu_ok show 1 --format json
	cmp -s "$T/before" "$T/out" || fail "edit cancelled but the prospect changed: $(cat "$T/out")"
}

test_delete_asks_and_deletes() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	select_name "Cleo Park"
	keys D
	# Issue 17: the question counts the touches ("and all its touches"
	# before: a person is not an "it").
	wait_for "delete Cleo Park (no touches logged)? y/n"
	keys n
	expect_status "not deleted"
	show_json 3
	keys D
	wait_for "? y/n"
	keys y
	expect_status "deleted Cleo Park"
	wait_gone "6d late"
	fu show 3 --format json || true
	[ "$RC" -ne 0 ] || fail "prospect 3 still exists"
	# Undo brings it back with its data.
	keys u
	expect_status "undone:"
	wait_for "Cleo Park"
	show_json 3
	expect_json 'd["company"]' Globex
	# Del deletes too (touches included).
	select_name "Ana Ruiz"
	type_text $'\e[3~'
	wait_for "delete Ana Ruiz and the 1 touch logged? y/n"
	keys y
	expect_status "deleted Ana Ruiz"
	fu show 1 --format json || true
	[ "$RC" -ne 0 ] || fail "prospect 1 still exists"
}
