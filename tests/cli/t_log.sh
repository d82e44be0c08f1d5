# t_log.sh - `followup log`: the scheduling rules of SPEC §2 end to end,
# --at, outcomes and errors.  Each touch is logged with TODAY set to its own
# date, since a touch may not lie in the future.

# log_on DATE ID EXPECTED: with TODAY=DATE, log an on-the-day call for ID
# and require the printed due date (or word) EXPECTED.
log_on() {
	TODAY=$1
	fu_ok log "$2" --channel call --outcome connected || return 1
	expect_out "$3"
}

# show_json ID: show ID --format json into $T/out.
show_json() {
	fu_ok show "$1" --format json
}

test_worked_example_late_touch_shifts_rest_of_cadence() {
	# SPEC §2 worked example: D0 Mon 2026-11-02, standard cadence.
	TODAY=2026-11-02
	fu_ok add "Ana Ruiz" --company Acme
	expect_out 1
	show_json 1
	expect_json 'd["due"]' 2026-11-03
	expect_json 'd["step"]' 1
	TODAY=2026-11-03
	fu_ok log 1 --channel call --outcome no-answer
	expect_out 2026-11-05
	# Step 2 made 15 days late (s = 15): step 3 = max(11-09 + 15, 11-21).
	TODAY=2026-11-20
	fu_ok log 1 --channel call --outcome connected
	expect_out 2026-11-24
	show_json 1
	expect_json 'd["step"]' 3
	# On time, s stays 15: step 4 = 11-16 + 15 = Tue 12-01.
	log_on 2026-11-24 1 2026-12-01
	show_json 1
	expect_json 'd["due"]' 2026-12-01
	expect_json 'd["step"]' 4
	expect_json 'd["touch_count"]' 3
	# Still on time: step 5 = Day 28 (11-30) + 15 = Tue 12-15.
	log_on 2026-12-01 1 2026-12-15
}

test_on_time_history_reaches_steps_6_7_8() {
	# SPEC §2: step 6 (Day 58) Wed 2026-12-30; step 7 Sat Jan 30 2027 -> Mon
	# Feb 1; step 8 = Dec 30 + 2 months = Feb 28 (Sun) -> Mon Mar 1.
	TODAY=2026-11-02
	fu_ok add "Ana Ruiz"
	log_on 2026-11-03 1 2026-11-05
	log_on 2026-11-05 1 2026-11-09
	log_on 2026-11-09 1 2026-11-16
	log_on 2026-11-16 1 2026-11-30
	log_on 2026-11-30 1 2026-12-30
	show_json 1
	expect_json 'd["step"]' 6
	log_on 2026-12-30 1 2027-02-01
	show_json 1
	expect_json 'd["due"]' 2027-02-01
	expect_json 'd["step"]' 7
	log_on 2027-02-01 1 2027-03-01
	show_json 1
	expect_json 'd["due"]' 2027-03-01
	expect_json 'd["step"]' 8
	expect_json 'd["touch_count"]' 7
	expect_json 'd["overdue_days"]' 0
	# Step 9 = Dec 30 + 3 months = Tue 2027-03-30.
	log_on 2027-03-01 1 2027-03-30
}

test_friday_day0_two_steps_on_one_monday() {
	# SPEC §2 rule 4: D0 Fri 11-06, Day 1 and Day 3 both land on Mon 11-09;
	# touched Monday, step 2 is Tuesday; touched Tuesday, step 3 is Fri 11-13.
	TODAY=2026-11-06
	fu_ok add "Ana"
	show_json 1
	expect_json 'd["due"]' 2026-11-09
	expect_json 'd["step"]' 1
	log_on 2026-11-09 1 2026-11-10
	show_json 1
	expect_json 'd["step"]' 2
	log_on 2026-11-10 1 2026-11-13
	show_json 1
	expect_json 'd["step"]' 3
}

test_several_touches_on_one_day_are_one_step() {
	# SPEC §2 rule 3: the set of dates counts.
	fu_ok add "Ana"
	log_on 2026-11-03 1 2026-11-05
	TODAY=2026-11-03
	fu_ok log 1 --channel email --outcome replied
	expect_out 2026-11-05
	show_json 1
	expect_json 'd["step"]' 2
	expect_json 'd["touch_count"]' 2
}

test_touch_on_day0_is_the_first_contact_not_a_step() {
	# SPEC §2 rule 3: touches on D0 are the first contact itself.
	fu_ok add "Ana"
	fu_ok log 1 --channel visit --outcome meeting
	expect_out 2026-11-03
	show_json 1
	expect_json 'd["step"]' 1
	expect_json 'd["touch_count"]' 1
}

test_very_late_prospect_is_due_once() {
	# SPEC §2 rule 4: however late, due once, steps never stack up.
	fu_ok add "Ana"
	TODAY=2027-01-15
	show_json 1
	expect_json 'd["due"]' 2026-11-03
	expect_json 'd["step"]' 1
	expect_json 'd["overdue_days"]' 73
	fu_ok due --format json
	expect_json 'len(d)' 1
	# Touched now, 73 days late: step 2 = 11-05 + 73 = Sun 2027-01-17 -> Mon.
	fu_ok log 1 --channel call --outcome connected
	expect_out 2027-01-18
}

test_at_backdates_with_time() {
	TODAY=2026-11-06
	fu_ok add "Ana" --first-contact 2026-11-02
	fu_ok log 1 --channel call --outcome voicemail --at '2026-11-03 10:15'
	expect_out 2026-11-05
	show_json 1
	expect_json 'd["touches"][0]["at"]' 2026-11-03T10:15
	expect_json 'd["last_touch"]' 2026-11-03T10:15
	expect_json 'd["due"]' 2026-11-05
	expect_json 'd["overdue_days"]' 1
}

test_at_yesterday_without_time_is_noon() {
	# SPEC §3: a touch logged without a time on a past date gets 12:00.
	TODAY=2026-11-04
	fu_ok add "Ana" --first-contact 2026-11-02
	fu_ok log 1 --channel email --outcome replied --at yesterday
	expect_out 2026-11-05
	show_json 1
	expect_json 'd["touches"][0]["at"]' 2026-11-03T12:00
}

test_at_today_without_time_uses_current_time() {
	fu_ok add "Ana" --first-contact 2026-10-30
	fu_ok log 1 --channel call --outcome busy
	show_json 1
	expect_json 'd["touches"][0]["at"][:11]' 2026-11-02T
	expect_json 'len(d["touches"][0]["at"])' 16
}

test_at_weekday_name_means_the_past() {
	# SPEC §3: in --at a weekday name is the most recent such day before today.
	TODAY=2026-11-06  # Friday
	fu_ok add "Ana" --first-contact 2026-11-02
	fu_ok log 1 --channel call --outcome connected --at tue
	expect_out 2026-11-05
	show_json 1
	expect_json 'd["touches"][0]["at"]' 2026-11-03T12:00
	# Today's own weekday name means a week ago.
	TODAY=2026-11-13
	fu_ok add "Bo" --first-contact 2026-11-02
	fu_ok log 2 --channel call --outcome connected --at fri
	show_json 2
	expect_json 'd["touches"][0]["at"]' 2026-11-06T12:00
}

test_at_minus_days() {
	TODAY=2026-11-06
	fu_ok add "Ana" --first-contact 2026-11-02
	fu_ok log 1 --channel call --outcome connected --at -3d
	show_json 1
	expect_json 'd["touches"][0]["at"]' 2026-11-03T12:00
}

test_touches_logged_out_of_order_give_same_due() {
	# SPEC §2 rule 3: only the set of dates counts, not the logging order.
	TODAY=2026-11-24
	fu_ok add "In order" --first-contact 2026-11-02
	fu_ok add "Reversed" --first-contact 2026-11-02
	fu_ok log 1 --channel call --outcome no-answer --at 2026-11-03
	fu_ok log 1 --channel call --outcome connected --at 2026-11-20
	expect_out 2026-11-24
	fu_ok log 2 --channel call --outcome connected --at 2026-11-20
	fu_ok log 2 --channel call --outcome no-answer --at 2026-11-03
	expect_out 2026-11-24
	show_json 1
	expect_json 'd["due"]' 2026-11-24
	expect_json 'd["step"]' 3
	show_json 2
	expect_json 'd["due"]' 2026-11-24
	expect_json 'd["step"]' 3
	# touches are listed oldest first whatever the logging order.
	expect_json '[t["at"] for t in d["touches"]]' '["2026-11-03T12:00", "2026-11-20T12:00"]'
	expect_json 'd["last_touch"]' 2026-11-20T12:00
}

test_note_is_stored() {
	TODAY=2026-11-03
	fu_ok add "Ana" --first-contact 2026-11-02
	fu_ok log 1 --channel chat --outcome replied --note "wants pricing, call after Q4"
	show_json 1
	expect_json 'd["touches"][0]["note"]' "wants pricing, call after Q4"
	expect_json 'd["touches"][0]["channel"]' chat
	expect_json 'd["touches"][0]["outcome"]' replied
	fu_ok log 1 --channel call --outcome busy
	show_json 1
	expect_json 'd["touches"][1]["note"]' null
}

test_every_channel_and_outcome_is_accepted() {
	TODAY=2026-11-03
	fu_ok add "Ana" --first-contact 2026-11-02
	for ch in call email chat visit other; do
		fu_ok log 1 --channel "$ch" --outcome connected
	done
	for o in no-answer voicemail busy wrong-number connected replied meeting not-now; do
		fu_ok log 1 --channel call --outcome "$o"
	done
	show_json 1
	expect_json 'd["touch_count"]' 13
	expect_json 'd["status"]' active
}

test_outcome_won_sets_status_and_prints_won() {
	TODAY=2026-11-03
	fu_ok add "Ana" --first-contact 2026-11-02
	fu_ok log 1 --channel call --outcome won
	expect_out won
	show_json 1
	expect_json 'd["status"]' won
	# SPEC §2 rule 7: won is never due.
	expect_json 'd["due"]' null
	expect_json 'd["due_kind"]' null
	expect_json 'd["step"]' null
	expect_json 'd["overdue_days"]' null
}

test_outcome_lost_sets_status_and_prints_lost() {
	TODAY=2026-11-03
	fu_ok add "Ana" --first-contact 2026-11-02
	fu_ok log 1 --channel email --outcome lost --note "went with a competitor"
	expect_out lost
	show_json 1
	expect_json 'd["status"]' lost
	expect_json 'd["due"]' null
	expect_json 'd["touches"][0]["outcome"]' lost
}

test_finite_cadence_prints_cadence_complete() {
	# SPEC §2 rule 6: past its last step the prospect stays active, no due.
	fu_ok cadence add short 2,5 --then none
	fu_ok add "Ana" --cadence short
	show_json 1
	expect_json 'd["due"]' 2026-11-04
	# Day 5 = Sat 11-07 -> Mon 11-09.
	log_on 2026-11-04 1 2026-11-09
	log_on 2026-11-09 1 "cadence complete"
	show_json 1
	expect_json 'd["status"]' active
	expect_json 'd["due"]' null
	expect_json 'd["due_kind"]' null
	expect_json 'd["step"]' null
	expect_json 'd["overdue_days"]' null
	expect_json 'd["touch_count"]' 2
}

# --- errors: exit 2, one line naming the value, database unchanged --------

test_log_refuses_unknown_id() {
	fu_ok add "Ana"
	expect_refused 2 "99" log 99 --channel call --outcome connected
	expect_refused 2 "abc" log abc --channel call --outcome connected
}

test_log_refuses_unknown_channel() {
	fu_ok add "Ana"
	expect_refused 2 "fax" log 1 --channel fax --outcome connected
}

test_log_refuses_unknown_outcome() {
	fu_ok add "Ana"
	expect_refused 2 "maybe" log 1 --channel call --outcome maybe
}

test_log_refuses_at_before_day0() {
	# SPEC §2 rule 5: a touch's date lies between D0 and today.
	TODAY=2026-11-05
	fu_ok add "Ana" --first-contact 2026-11-02
	expect_refused 2 "2026-11-01" log 1 --channel call --outcome connected --at 2026-11-01
	expect_refused 2 "2026-11-01" log 1 --channel call --outcome connected --at '2026-11-01 09:00'
}

test_log_refuses_at_after_today() {
	TODAY=2026-11-05
	fu_ok add "Ana" --first-contact 2026-11-02
	expect_refused 2 "2026-11-06" log 1 --channel call --outcome connected --at 2026-11-06
	expect_refused 2 "2026-11-06" log 1 --channel call --outcome connected --at tomorrow
}

test_log_accepts_at_on_day0_and_today() {
	TODAY=2026-11-05
	fu_ok add "Ana" --first-contact 2026-11-02
	fu_ok log 1 --channel call --outcome connected --at 2026-11-02
	fu_ok log 1 --channel call --outcome connected --at '2026-11-05 08:00'
	show_json 1
	expect_json 'd["touch_count"]' 2
}

test_log_refuses_bad_time_in_at() {
	TODAY=2026-11-05
	fu_ok add "Ana" --first-contact 2026-11-02
	expect_refused 2 "25:00" log 1 --channel call --outcome connected --at '2026-11-03 25:00'
	expect_refused 2 "10:60" log 1 --channel call --outcome connected --at '2026-11-03 10:60'
	expect_refused 2 "noonish" log 1 --channel call --outcome connected --at '2026-11-03 noonish'
}

test_log_refuses_invalid_at_date() {
	TODAY=2026-11-05
	fu_ok add "Ana" --first-contact 2026-11-02
	expect_refused 2 "2026-02-30" log 1 --channel call --outcome connected --at 2026-02-30
	expect_refused 2 "garbage" log 1 --channel call --outcome connected --at garbage
}

test_log_refuses_missing_channel_or_outcome() {
	fu_ok add "Ana"
	expect_refused 2 "channel" log 1 --outcome connected
	expect_refused 2 "outcome" log 1 --channel call
	expect_refused 2 "" log
}

test_touch_remove_reschedules() {
	# SPEC §3: touch remove deletes a mislogged touch; the due date follows.
	TODAY=2026-11-05
	fu_ok add "Ana" --first-contact 2026-11-02
	fu_ok log 1 --channel call --outcome connected --at 2026-11-03
	fu_ok log 1 --channel call --outcome connected
	expect_out 2026-11-09
	fu_ok touch remove 2
	show_json 1
	expect_json 'd["due"]' 2026-11-05
	expect_json 'd["step"]' 2
	expect_json '[t["id"] for t in d["touches"]]' '[1]'
	fu_ok touch remove 1
	show_json 1
	expect_json 'd["due"]' 2026-11-03
	expect_json 'd["touch_count"]' 0
	expect_json 'd["last_touch"]' null
}

test_touch_remove_of_won_touch_keeps_status_consistent() {
	TODAY=2026-11-03
	fu_ok add "Ana" --first-contact 2026-11-02
	fu_ok log 1 --channel call --outcome won
	fu_ok touch remove 1
	fu_ok show 1 --format json
	expect_json 'd["touch_count"]' 0
	# Either the status stays won (never due) or it goes back to active and
	# is scheduled by rule 4; a won prospect with a due date is wrong.
	if [ "$(jget 'd["status"]')" = won ]; then
		expect_json 'd["due"]' null
	else
		expect_json 'd["due"]' 2026-11-03
	fi
}

test_touch_remove_unknown_is_refused() {
	fu_ok add "Ana"
	fu_ok log 1 --channel call --outcome connected
	expect_refused 2 "9" touch remove 9
	expect_refused 2 "x" touch remove x
	expect_refused 2 "" touch remove
	expect_refused 2 "" touch frob 1
}


test_early_touch_keeps_the_cadence_days() {
	# SPEC §2 rule 4: on time or early, the next step is the cadence day.
	fu_ok add "Ana"
	log_on 2026-11-03 1 2026-11-05
	log_on 2026-11-04 1 2026-11-09   # step 2 made a day early: Day 7 stays
	log_on 2026-11-05 1 2026-11-16   # step 3 made 4 days early: Day 14
}

test_lateness_accumulates() {
	# s_k = s_{k-1} + max(0, t_k - due_k).  D0 Mon 11-02.
	fu_ok add "Ana"
	# step 1 due 11-03, made 11-05: s = 2; step 2 = W(11-05 + 2 = Sat) = Mon 11-09.
	log_on 2026-11-05 1 2026-11-09
	# step 2 due 11-09, made 11-12: s = 5; step 3 = W(11-09 + 5 = Sat 11-14) = Mon 11-16.
	log_on 2026-11-12 1 2026-11-16
	# step 3 made on time: step 4 = 11-16 + 5 = Sat 11-21 -> Mon 11-23.
	log_on 2026-11-16 1 2026-11-23
}

test_unicode_and_quotes_round_trip_in_json() {
	# JSON comes from a JSON producer, not string pasting: quotes,
	# backslashes, newlines and UTF-8 survive.
	TODAY=2026-11-03
	fu_ok add 'José "Pepe" Núñez' --company 'Back\slash & Co' --first-contact 2026-11-02
	fu_ok log 1 --channel call --outcome connected --note "$(printf 'line one\nline "two"\ttab')"
	show_json 1
	expect_json 'd["name"] == "José \"Pepe\" Núñez"' true
	expect_json 'd["company"] == "Back\\slash & Co"' true
	expect_json 'd["touches"][0]["note"] == "line one\nline \"two\"\ttab"' true
	fu_ok due --days 7 --format json
	expect_json 'd[0]["name"] == "José \"Pepe\" Núñez"' true
}
