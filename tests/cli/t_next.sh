# t_next.sh - `followup next`: explicit next dates (SPEC §2 rule 5).

show_json() {
	fu_ok show "$1" --format json
}

test_next_date_is_explicit_untimed() {
	fu_ok add "Ana"
	fu_ok next 1 2026-11-10
	show_json 1
	expect_json 'd["due"]' 2026-11-10
	expect_json 'd["due_kind"]' explicit
	expect_json 'd["due_time"]' null
	# step is null unless due_kind is cadence (SPEC §3).
	expect_json 'd["step"]' null
	expect_json 'd["overdue_days"]' 0
}

test_next_date_with_time() {
	fu_ok add "Ana"
	fu_ok next 1 2026-11-10 14:30
	show_json 1
	expect_json 'd["due"]' 2026-11-10
	expect_json 'd["due_time"]' 14:30
	expect_json 'd["due_kind"]' explicit
	expect_json 'd["step"]' null
}

test_next_on_weekend_is_used_as_given() {
	# SPEC §2 rule 5: used as given, even on a non-workday.
	fu_ok add "Ana"
	fu_ok next 1 2026-11-07
	show_json 1
	expect_json 'd["due"]' 2026-11-07
	fu_ok next 1 2026-11-08 10:00
	show_json 1
	expect_json 'd["due"]' 2026-11-08
	expect_json 'd["due_time"]' 10:00
}

test_next_on_time_off_is_used_as_given() {
	fu_ok add "Ana"
	fu_ok away 2026-11-09 2026-11-13
	fu_ok next 1 2026-11-11
	show_json 1
	expect_json 'd["due"]' 2026-11-11
}

test_next_today_is_allowed() {
	fu_ok add "Ana" --first-contact 2026-10-26
	fu_ok next 1 today
	show_json 1
	expect_json 'd["due"]' 2026-11-02
	expect_json 'd["due_kind"]' explicit
	expect_json 'd["overdue_days"]' 0
}

test_next_clear_goes_back_to_cadence() {
	fu_ok add "Ana"
	fu_ok next 1 2026-11-20 09:00
	fu_ok next 1 --clear
	show_json 1
	expect_json 'd["due"]' 2026-11-03
	expect_json 'd["due_kind"]' cadence
	expect_json 'd["due_time"]' null
	expect_json 'd["step"]' 1
}

test_next_overrides_overdue_cadence_step() {
	fu_ok add "Ana" --first-contact 2026-10-01
	fu_ok next 1 2026-11-04
	show_json 1
	expect_json 'd["due"]' 2026-11-04
	expect_json 'd["overdue_days"]' 0
	fu_ok next 1 --clear
	show_json 1
	expect_json 'd["due"]' 2026-10-02
	expect_json 'd["overdue_days"]' 31
}

test_touch_on_the_day_next_was_set_clears_it() {
	# SPEC §2 rule 5: a touch dated on or after the day the next date was
	# set clears it.  D0 11-02; next set on 11-04; touched 11-04 (step 1,
	# 1 day late, s = 1): step 2 = max(11-05 + 1, 11-05) = Fri 11-06.
	fu_ok add "Ana"
	TODAY=2026-11-04
	fu_ok next 1 2026-11-20
	fu_ok log 1 --channel call --outcome connected
	expect_out 2026-11-06
	show_json 1
	expect_json 'd["due"]' 2026-11-06
	expect_json 'd["due_kind"]' cadence
	expect_json 'd["step"]' 2
}

test_touch_after_the_day_next_was_set_clears_it() {
	# next set 11-02; touch 11-05 (step 1, 2 days late, s = 2):
	# step 2 = W(max(11-05 + 2, 11-06)) = W(Sat 11-07) = Mon 11-09.
	fu_ok add "Ana"
	fu_ok next 1 2026-11-20 15:00
	TODAY=2026-11-05
	fu_ok log 1 --channel call --outcome connected
	expect_out 2026-11-09
	show_json 1
	expect_json 'd["due_kind"]' cadence
	expect_json 'd["due_time"]' null
}

test_backdated_touch_keeps_the_next_date() {
	# A touch dated before the day the next date was set leaves it in place.
	fu_ok add "Ana"
	TODAY=2026-11-06
	fu_ok next 1 2026-11-20 11:00
	fu_ok log 1 --channel call --outcome connected --at 2026-11-04
	# The printed due date may carry the appointment's time.
	case $(out) in 2026-11-20 | "2026-11-20 11:00") ;; *) fail "log printed [$(out)]" ;; esac
	show_json 1
	expect_json 'd["due"]' 2026-11-20
	expect_json 'd["due_time"]' 11:00
	expect_json 'd["due_kind"]' explicit
	expect_json 'd["touch_count"]' 1
	# Clearing it now uses the backdated touch: t1 = 11-04, s = 1,
	# step 2 = max(11-05 + 1, 11-05) = Fri 11-06.
	fu_ok next 1 --clear
	show_json 1
	expect_json 'd["due"]' 2026-11-06
	expect_json 'd["step"]' 2
}

test_next_tomorrow() {
	fu_ok add "Ana"
	fu_ok next 1 tomorrow
	show_json 1
	expect_json 'd["due"]' 2026-11-03
	expect_json 'd["due_kind"]' explicit
}

test_next_weekday_name_means_the_future() {
	# SPEC §3: outside --at/--first-contact/--from/--to a weekday name is
	# the next such day after today.  TODAY is Monday 2026-11-02.
	fu_ok add "Ana"
	fu_ok next 1 fri
	show_json 1
	expect_json 'd["due"]' 2026-11-06
	fu_ok next 1 mon
	show_json 1
	expect_json 'd["due"]' 2026-11-09
	fu_ok next 1 tue 16:45
	show_json 1
	expect_json 'd["due"]' 2026-11-03
	expect_json 'd["due_time"]' 16:45
}

test_next_relative_dates() {
	fu_ok add "Ana"
	fu_ok next 1 +2w
	show_json 1
	expect_json 'd["due"]' 2026-11-16
	fu_ok next 1 +1m
	show_json 1
	expect_json 'd["due"]' 2026-12-02
	fu_ok next 1 +3d
	show_json 1
	expect_json 'd["due"]' 2026-11-05
}

test_next_before_today_is_refused() {
	TODAY=2026-11-05
	fu_ok add "Ana" --first-contact 2026-11-02
	expect_refused 2 "2026-11-04" next 1 2026-11-04
	expect_refused 2 "2026-11-04" next 1 yesterday
	expect_refused 2 "2026-11-02" next 1 2026-11-02 10:00
}

test_next_bad_input_is_refused() {
	fu_ok add "Ana"
	expect_refused 2 "99" next 99 2026-11-10
	expect_refused 2 "2026-02-30" next 1 2026-02-30
	expect_refused 2 "soon" next 1 soon
	expect_refused 2 "24:30" next 1 2026-11-10 24:30
	expect_refused 2 "" next 1
}


test_next_plus_months_clamps_to_month_end() {
	TODAY=2027-01-31
	fu_ok add "Ana"
	fu_ok next 1 +1m
	show_json 1
	expect_json 'd["due"]' 2027-02-28
	TODAY=2028-01-31
	fu_ok next 1 +1m
	show_json 1
	expect_json 'd["due"]' 2028-02-29
}
