# t_undo.sh - `followup undo`: the persistent, repeatable undo journal.
# Each fu call is a new process, so every test here also shows that the
# journal works across processes.

# snap ID FILE: save `show ID --format json` to FILE.
snap() {
	fu_ok show "$1" --format json || return 1
	cp "$T/out" "$2"
}

# same_as ID FILE: `show ID --format json` is exactly the content of FILE.
same_as() {
	fu_ok show "$1" --format json || return 1
	cmp -s "$T/out" "$2" || fail "show $1 differs: before [$(cat "$2")] now [$(out)]"
}

# undo_ok: run undo, require "undone: ..." on stdout.
undo_ok() {
	fu_ok undo || return 1
	grep -q '^undone: ' "$T/out" || fail "undo printed [$(out)]"
}

# A prospect with some history, TODAY ends at 2026-11-05.
make_undo_fixture() {
	fu_ok add "Ana Ruiz" --company Acme --email ana@acme.example --flag need
	TODAY=2026-11-03
	fu_ok log 1 --channel call --outcome no-answer --note "no pickup"
	TODAY=2026-11-05
	fu_ok log 1 --channel email --outcome replied --note "send deck"
}

test_undo_log() {
	make_undo_fixture
	snap 1 "$T/before"
	fu_ok log 1 --channel call --outcome meeting --note "demo booked"
	fu_ok show 1 --format json
	expect_json 'd["touch_count"]' 3
	undo_ok
	same_as 1 "$T/before"
}

test_undo_log_won_restores_status() {
	make_undo_fixture
	snap 1 "$T/before"
	fu_ok log 1 --channel call --outcome won
	fu_ok show 1 --format json
	expect_json 'd["status"]' won
	undo_ok
	same_as 1 "$T/before"
}

test_undo_edit() {
	make_undo_fixture
	snap 1 "$T/before"
	fu_ok edit 1 --name "Ana R." --company "Other" --status lost --flag decider --unflag need
	fu_ok show 1 --format json
	expect_json 'd["status"]' lost
	undo_ok
	same_as 1 "$T/before"
}

test_undo_edit_cadence() {
	make_undo_fixture
	fu_ok cadence add short 2,5 --then none
	snap 1 "$T/before"
	fu_ok edit 1 --cadence short --first-contact 2026-10-30
	undo_ok
	same_as 1 "$T/before"
}

test_undo_next() {
	make_undo_fixture
	snap 1 "$T/before"
	fu_ok next 1 2026-11-20 10:30
	fu_ok show 1 --format json
	expect_json 'd["due_kind"]' explicit
	undo_ok
	same_as 1 "$T/before"
}

test_undo_next_clear() {
	make_undo_fixture
	fu_ok next 1 2026-11-20 10:30
	snap 1 "$T/before"
	fu_ok next 1 --clear
	undo_ok
	same_as 1 "$T/before"
}

test_undo_delete() {
	make_undo_fixture
	snap 1 "$T/before"
	fu_ok delete 1 --yes
	fu show 1 --format json
	expect_rc 2
	undo_ok
	same_as 1 "$T/before"
	# The touches came back too, with their ids.
	expect_json '[t["id"] for t in d["touches"]]' '[1, 2]'
}

test_undo_touch_remove() {
	make_undo_fixture
	snap 1 "$T/before"
	fu_ok touch remove 2
	fu_ok show 1 --format json
	expect_json 'd["touch_count"]' 1
	# The due date follows the removal: only 11-03 is left, step 2 11-05.
	expect_json 'd["due"]' 2026-11-05
	undo_ok
	same_as 1 "$T/before"
}

test_undo_is_repeatable() {
	make_undo_fixture
	snap 1 "$T/s0"
	fu_ok edit 1 --title CTO
	snap 1 "$T/s1"
	fu_ok next 1 2026-11-12
	snap 1 "$T/s2"
	fu_ok log 1 --channel visit --outcome meeting
	undo_ok
	same_as 1 "$T/s2"
	undo_ok
	same_as 1 "$T/s1"
	undo_ok
	same_as 1 "$T/s0"
}

test_undo_add_removes_prospect() {
	fu_ok add "Ana"
	fu_ok add "Bo"
	undo_ok
	fu show 2
	expect_rc 2
	fu_ok show 1 --format json
	expect_json 'd["name"]' Ana
}

test_undo_message_names_the_change() {
	make_undo_fixture
	fu_ok log 1 --channel call --outcome meeting
	fu_ok undo
	grep -q '^undone: .' "$T/out" || fail "undo printed [$(out)]"
	[ "$(wc -l <"$T/out")" -eq 1 ] || fail "undo printed [$(out)]"
}

test_undo_with_empty_journal_is_refused() {
	fu undo
	expect_rc 2
	expect_err_line
	fu_ok add "Ana"
	undo_ok
	expect_refused 2 "" undo
}

test_undo_away_restores_due_dates() {
	fu_ok add "Ana"                           # due Tue 11-03
	fu_ok add "Bo" --first-contact 2026-10-30 # due Mon 11-02
	snap 1 "$T/a"
	snap 2 "$T/b"
	fu_ok away 2026-11-02 2026-11-06
	[ "$(due_of 1)" = 2026-11-09 ] || fail "away did not move #1: $(due_of 1)"
	[ "$(due_of 2)" = 2026-11-09 ] || fail "away did not move #2: $(due_of 2)"
	undo_ok
	same_as 1 "$T/a"
	same_as 2 "$T/b"
	fu_ok away list
	expect_out_lacks 2026-11-06
}

test_undo_away_remove_restores_due_dates() {
	fu_ok add "Ana"
	fu_ok away 2026-11-02 2026-11-06
	snap 1 "$T/a"
	fu_ok away list
	local id
	id=$(awk 'NR==1 {print $1}' "$T/out")
	fu_ok away remove "$id"
	[ "$(due_of 1)" = 2026-11-03 ] || fail "remove did not move #1 back"
	undo_ok
	same_as 1 "$T/a"
}

test_undo_does_not_touch_other_prospects() {
	make_undo_fixture
	fu_ok add "Bo"
	snap 2 "$T/bo"
	fu_ok log 1 --channel call --outcome busy
	undo_ok
	same_as 2 "$T/bo"
}


test_undo_delete_restores_appointment_and_flags() {
	make_undo_fixture
	fu_ok next 1 2026-11-20 16:00
	fu_ok edit 1 --flag decider
	snap 1 "$T/before"
	fu_ok delete 1 --yes
	undo_ok
	same_as 1 "$T/before"
	expect_json 'd["due_time"]' 16:00
	# The appointment still clears on a later touch (next_set_on came back).
	fu_ok log 1 --channel call --outcome connected
	fu_ok show 1 --format json
	expect_json 'd["due_kind"]' cadence
}
