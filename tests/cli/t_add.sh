# t_add.sh - `followup add`: output, stored fields, DATE forms, errors.

# The prospect-object keys of SPEC §3, in order; `show` adds "touches".
ADD_KEYS='["id","name","company","title","email","phone","source","notes","status","first_contact","cadence","due","due_time","due_kind","step","overdue_days","touch_count","last_touch","flags","agenda"]'

# first_contact_of ID: day 0 of prospect ID.
first_contact_of() {
	fu show "$1" --format json && jget 'd["first_contact"]'
}

test_add_prints_id_alone_on_a_line() {
	# SPEC §3: add "prints its id alone on a line".
	fu_ok add "Ana Ruiz" --company Acme
	expect_out 1
	[ "$(wc -l <"$T/out")" -eq 1 ] || fail "not exactly one line: $(od -c "$T/out")"
	fu_ok add "Bo Li"
	expect_out 2
}

test_add_stores_every_field() {
	fu_ok cadence add short 2,5 --then none
	TODAY=2026-11-02
	fu_ok add "Ana Ruiz" --company Acme --email ana@acme.example --phone "+34 600 111 222" \
		--title "Head of Ops" --source "Trade show" --note "met at booth 12" \
		--first-contact 2026-10-28 --cadence short --flag verified --flag need
	expect_out 1
	fu_ok show 1 --format json
	expect_json 'd["id"]' 1
	expect_json 'type(d["id"]).__name__' int
	expect_json 'd["name"]' "Ana Ruiz"
	expect_json 'd["company"]' Acme
	expect_json 'd["email"]' ana@acme.example
	expect_json 'd["phone"]' "+34 600 111 222"
	expect_json 'd["title"]' "Head of Ops"
	expect_json 'd["source"]' "Trade show"
	expect_json 'd["notes"]' "met at booth 12"
	expect_json 'd["status"]' active
	expect_json 'd["first_contact"]' 2026-10-28
	expect_json 'd["cadence"]' short
	expect_json 'sorted(d["flags"])' '["need", "verified"]'
	expect_json 'd["touch_count"]' 0
	expect_json 'd["last_touch"]' null
	expect_json 'd["touches"]' '[]'
	# short = 2,5: day 0 Wed 10-28, step 1 is Fri 10-30, 3 days overdue.
	expect_json 'd["due"]' 2026-10-30
	expect_json 'd["due_kind"]' cadence
	expect_json 'd["step"]' 1
	expect_json 'd["overdue_days"]' 3
	# Every SPEC §3 field is present (show adds touches), and nothing else.
	expect_json "[k for k in d if k not in ('touches', 'mail')] == $ADD_KEYS" true
	expect_json '"touches" in d' true
}

test_add_absent_text_fields_are_null_never_empty() {
	# SPEC §3: "Absent text fields are null, never ''".
	fu_ok add "Bo Li"
	fu_ok show 1 --format json
	for k in company title email phone source notes due_time last_touch; do
		expect_json "d['$k']" null
	done
	expect_json 'd["flags"]' '[]'
	expect_json 'd["status"]' active
	expect_json 'd["cadence"]' standard
	# An explicitly empty field is absent too (or refused), never "".
	fu add "Cy" --company "" --title ""
	if [ "$RC" -eq 0 ]; then
		fu_ok show 2 --format json
		expect_json 'd["company"]' null
		expect_json 'd["title"]' null
	else
		expect_rc 2
	fi
}

test_add_day0_defaults_to_today() {
	TODAY=2026-11-23
	fu_ok add "Ana"
	[ "$(first_contact_of 1)" = 2026-11-23 ] || fail "day 0 not today: $(out)"
	# Day 0 Mon 11-23: step 1 is Tue 11-24.
	[ "$(due_of 1)" = 2026-11-24 ] || fail "due: $(out)"
}

test_add_first_contact_iso_date() {
	fu_ok add "Ana" --first-contact 2026-10-15
	[ "$(first_contact_of 1)" = 2026-10-15 ] || fail "got $(out)"
}

test_add_first_contact_yesterday() {
	TODAY=2026-11-23
	fu_ok add "Ana" --first-contact yesterday
	[ "$(first_contact_of 1)" = 2026-11-22 ] || fail "got $(out)"
}

test_add_first_contact_minus_days() {
	TODAY=2026-11-23
	fu_ok add "Ana" --first-contact -3d
	[ "$(first_contact_of 1)" = 2026-11-20 ] || fail "got $(out)"
	fu_ok add "Bo" --first-contact -1w
	[ "$(first_contact_of 2)" = 2026-11-16 ] || fail "-1w: got $(out)"
}

test_add_first_contact_weekday_means_the_past() {
	# SPEC §3: in --first-contact a weekday name is the most recent such
	# day before today.  TODAY is Monday 2026-11-23.
	TODAY=2026-11-23
	fu_ok add "Ana" --first-contact fri
	[ "$(first_contact_of 1)" = 2026-11-20 ] || fail "fri: got $(out)"
	# Today's own weekday means a week ago, not today.
	fu_ok add "Bo" --first-contact mon
	[ "$(first_contact_of 2)" = 2026-11-16 ] || fail "mon: got $(out)"
	fu_ok add "Cy" --first-contact sun
	[ "$(first_contact_of 3)" = 2026-11-22 ] || fail "sun: got $(out)"
}

test_add_cadence_option() {
	fu_ok cadence add quick 1,2 --then none
	fu_ok add "Ana" --cadence quick
	fu_ok show 1 --format json
	expect_json 'd["cadence"]' quick
	fu_ok add "Bo" --cadence standard
	fu_ok show 2 --format json
	expect_json 'd["cadence"]' standard
}

test_add_flags_stored() {
	fu_ok add "Ana" --flag decider --flag timeline
	fu_ok show 1 --format json
	expect_json 'sorted(d["flags"])' '["decider", "timeline"]'
	fu_ok add "Bo" --flag verified --flag need --flag decider --flag timeline
	fu_ok show 2 --format json
	expect_json 'sorted(d["flags"])' '["decider", "need", "timeline", "verified"]'
}

# Each bad input: exit 2, one "followup: ..." line naming the value, and
# the database (created by a first add) byte-for-byte unchanged.
add_db_with_one() {
	fu_ok add "Seed"
}

test_add_refuses_empty_name() {
	add_db_with_one
	expect_refused 2 "name" add ""
	expect_refused 2 "name" add "   "
}

test_add_refuses_missing_name() {
	add_db_with_one
	expect_refused 2 "" add
	expect_refused 2 "" add --company Acme
}

test_add_refuses_unknown_cadence() {
	add_db_with_one
	expect_refused 2 "nosuch" add "Ana" --cadence nosuch
}

test_add_refuses_bad_email() {
	add_db_with_one
	expect_refused 2 "not-an-email" add "Ana" --email not-an-email
	expect_refused 2 "a@" add "Ana" --email "a@"
}

test_add_refuses_invalid_dates() {
	add_db_with_one
	expect_refused 2 "2026-02-30" add "Ana" --first-contact 2026-02-30
	expect_refused 2 "2026-13-01" add "Ana" --first-contact 2026-13-01
	expect_refused 2 "garbage" add "Ana" --first-contact garbage
	expect_refused 2 "2026-11-31" add "Ana" --first-contact 2026-11-31
	expect_refused 2 "2027-02-29" add "Ana" --first-contact 2027-02-29
}

test_add_accepts_leap_day() {
	TODAY=2028-03-01
	fu_ok add "Ana" --first-contact 2028-02-29
	[ "$(first_contact_of 1)" = 2028-02-29 ] || fail "got $(out)"
}

test_add_refuses_unknown_flag() {
	add_db_with_one
	expect_refused 2 "vip" add "Ana" --flag vip
}

test_add_refuses_unknown_option() {
	add_db_with_one
	expect_refused 2 "--colour" add "Ana" --colour red
}
