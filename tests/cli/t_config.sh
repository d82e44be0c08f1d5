# t_config.sh - the configuration file of SPEC §9 and the workday calendar
# it defines (SPEC §2 rule 2).  XDG_CONFIG_HOME is $T/config.

# The repository's tests/data (holiday feed fixtures), found from this file,
# else from the binary (build/followup).
CFG_DATA=$(cd "$(dirname "${BASH_SOURCE[0]}")/../data" 2>/dev/null && pwd) || CFG_DATA=
if [ ! -f "$CFG_DATA/holidays.ics" ] && [ -n "${FU:-}" ]; then
	CFG_DATA=$(cd "$(dirname "$FU")/../tests/data" 2>/dev/null && pwd) || CFG_DATA=
fi

show_json() {
	fu_ok show "$1" --format json
}

# add_on DATE NAME: with TODAY=DATE add NAME with day 0 DATE.
add_on() {
	TODAY=$1
	fu_ok add "$2" --first-contact "$1"
}

test_default_config_missing_means_defaults() {
	rm -f "$T/config/followup/config"
	TODAY=2026-11-06
	fu_ok add "Ana"
	# Fri: step 1 Sat 11-07 -> Mon 11-09 (Sat and Sun are not workdays).
	[ "$(due_of 1)" = 2026-11-09 ] || fail "due $(due_of 1)"
}

test_workdays_with_saturday() {
	config "[schedule]" "workdays = mon,tue,wed,thu,fri,sat"
	TODAY=2026-11-06
	fu_ok add "Ana"
	[ "$(due_of 1)" = 2026-11-07 ] || fail "due $(due_of 1)"
}

test_workdays_any_order_and_subset() {
	config "[schedule]" "workdays = sun, thu"
	fu_ok add "Ana"          # day 0 Mon 11-02: Day 1 Tue -> Thu 11-05
	[ "$(due_of 1)" = 2026-11-05 ] || fail "due $(due_of 1)"
	config "[schedule]" "workdays = sun"
	[ "$(due_of 1)" = 2026-11-08 ] || fail "sun only: due $(due_of 1)"
}

test_holidays_listed_dates() {
	config "[schedule]" "holidays = 2026-11-03"
	fu_ok add "Ana"
	[ "$(due_of 1)" = 2026-11-04 ] || fail "due $(due_of 1)"
	config "[schedule]" "holidays = 2026-11-03, 2026-11-04,2026-11-05"
	[ "$(due_of 1)" = 2026-11-06 ] || fail "three holidays: due $(due_of 1)"
}

test_changed_config_moves_existing_due_dates() {
	# SPEC §9: changing workdays/holidays changes the calendar, and every
	# active prospect's due date follows.
	fu_ok add "Ana"                          # due 11-03
	TODAY=2026-11-06
	fu_ok add "Bo"                           # due Mon 11-09
	TODAY=2026-11-03
	fu_ok due --format json
	expect_json '[p["name"] for p in d]' '["Ana"]'
	config "[schedule]" "holidays = 2026-11-03"
	fu_ok due --format json
	expect_json '[p["name"] for p in d]' '[]'
	[ "$(due_of 1)" = 2026-11-04 ] || fail "holiday: due $(due_of 1)"
	config "[schedule]" "workdays = mon,tue,wed,thu,fri,sat" "holidays = 2026-11-03"
	[ "$(due_of 2)" = 2026-11-07 ] || fail "sat: due $(due_of 2)"
	fu_ok list --format json
	expect_json '[p["due"] for p in d]' '["2026-11-04", "2026-11-07"]'
	rm "$T/config/followup/config"
	[ "$(due_of 1)" = 2026-11-03 ] || fail "back: due $(due_of 1)"
	[ "$(due_of 2)" = 2026-11-09 ] || fail "back: due $(due_of 2)"
}

test_empty_workdays_is_refused_naming_file_line_key() {
	fu_ok add "Ana"
	config "[schedule]" "workdays ="
	expect_refused 2 "$T/config/followup/config:2" due
	expect_err_has workdays
	expect_refused 2 "$T/config/followup/config:2" add "Bo"
	expect_err_has workdays
}

test_unknown_key_is_refused_naming_file_line_key() {
	fu_ok add "Ana"
	config "; my settings" "[schedule]" "workdays = mon,tue" "" "colour = red"
	expect_refused 2 "$T/config/followup/config:5" due
	expect_err_has colour
	expect_refused 2 "$T/config/followup/config:5" log 1 --channel call --outcome connected
}

test_unknown_section_is_refused_naming_file_line() {
	fu_ok add "Ana"
	config "[rep]" "name = Ana Ruiz" "[sched]" "workdays = mon"
	expect_refused 2 "$T/config/followup/config:3" due
	expect_err_has sched
}

test_bad_holiday_date_is_refused_naming_file_line() {
	fu_ok add "Ana"
	config "[schedule]" "workdays = mon,tue,wed,thu,fri" "holidays = 2026-12-24, 2026-02-30"
	expect_refused 2 "$T/config/followup/config:3" due
	expect_err_has holidays
	expect_err_has 2026-02-30
}

test_bad_values_are_refused() {
	fu_ok add "Ana"
	config "[schedule]" "workdays = mon,funday"
	expect_refused 2 "config:2" due
	expect_err_has funday
	config "[reminders]" "time = 25:00"
	expect_refused 2 "config:2" due
	config "[colors]" "enabled = sometimes"
	expect_refused 2 "config:2" due
	config "[schedule]" "this is not a key value line"
	expect_refused 2 "config:2" due
}

test_unknown_default_cadence_is_refused_naming_file_line_key() {
	# A cadence name that does not exist is a bad value of [schedule] cadence.
	fu_ok add "Ana"
	config "[schedule]" "cadence = nosuch"
	expect_refused 2 "nosuch" add "Bo"
	expect_err_has "$T/config/followup/config:2"
	expect_err_has cadence
}

test_rep_and_reminder_keys_are_accepted() {
	config "[rep]" "name = Ana Ruiz" "email = ana@example.com" \
		"[schedule]" "workdays = mon,tue,wed,thu,fri" "holidays = 2026-12-24, 2026-12-25" \
		"cadence = standard" \
		"[reminders]" "time = 09:00" "before = 15" \
		"[colors]" "enabled = auto"
	fu_ok add "Ana"
	[ "$(due_of 1)" = 2026-11-03 ] || fail "due $(due_of 1)"
}

test_default_cadence_key() {
	fu_ok cadence add quick 2 --then none
	config "[schedule]" "cadence = quick"
	fu_ok add "Ana"
	show_json 1
	expect_json 'd["cadence"]' quick
	expect_json 'd["due"]' 2026-11-04
}

test_config_option_picks_another_file() {
	printf '[schedule]\nholidays = 2026-11-03\n' >"$T/alt.conf"
	fu_ok add "Ana"
	fu_ok --config "$T/alt.conf" show 1 --format json
	expect_json 'd["due"]' 2026-11-04
	# Without it, the default (absent) file applies again.
	[ "$(due_of 1)" = 2026-11-03 ] || fail "default: due $(due_of 1)"
}

test_followup_config_env_picks_another_file() {
	printf '[schedule]\nholidays = 2026-11-03\n' >"$T/alt.conf"
	fu_ok add "Ana"
	FU_ENV="FOLLOWUP_CONFIG=$T/alt.conf"
	[ "$(due_of 1)" = 2026-11-04 ] || fail "env: due $(due_of 1)"
	# --config wins over FOLLOWUP_CONFIG.
	printf '[schedule]\nholidays = 2026-11-03, 2026-11-04\n' >"$T/alt2.conf"
	fu_ok --config "$T/alt2.conf" show 1 --format json
	expect_json 'd["due"]' 2026-11-05
	FU_ENV=
	[ "$(due_of 1)" = 2026-11-03 ] || fail "default: due $(due_of 1)"
}

test_bad_default_file_is_not_read_when_another_is_named() {
	config "[bogus]"
	printf '[schedule]\nholidays = 2026-11-03\n' >"$T/alt.conf"
	fu_ok --config "$T/alt.conf" add "Ana"
	fu_ok --config "$T/alt.conf" show 1 --format json
	expect_json 'd["due"]' 2026-11-04
}

test_missing_explicit_config_is_refused() {
	fu_ok add "Ana"
	expect_refused 2 "$T/nope.conf" --config "$T/nope.conf" due
	FU_ENV="FOLLOWUP_CONFIG=$T/nope.conf"
	expect_refused 2 "$T/nope.conf" due
}

# --- holiday_calendar: an .ics feed read with libical ---------------------

use_feed() {
	[ -f "$CFG_DATA/holidays.ics" ] || fail "fixture tests/data/holidays.ics not found"
	cp "$CFG_DATA/holidays.ics" "$T/holidays.ics"
	config "[schedule]" "holiday_calendar = $T/holidays.ics"
}

test_feed_multi_day_event_skips_both_days() {
	# Fixture: Thanksgiving break DTSTART 2026-11-26, DTEND 11-28 (exclusive).
	add_on 2026-11-25 "Without feed"
	[ "$(due_of 1)" = 2026-11-26 ] || fail "no feed: due $(due_of 1)"
	use_feed
	# Thu 26 and Fri 27 are holidays, then the weekend: Mon 11-30.
	[ "$(due_of 1)" = 2026-11-30 ] || fail "feed: due $(due_of 1)"
	add_on 2026-11-25 "With feed"
	[ "$(due_of 2)" = 2026-11-30 ] || fail "added with feed: due $(due_of 2)"
}

test_feed_single_day_and_yearly_rrule() {
	use_feed
	# Christmas Eve 2026 (no DTEND) and Christmas (yearly since 2020).
	add_on 2026-12-23 "Xmas 2026"
	[ "$(due_of 1)" = 2026-12-28 ] || fail "2026: due $(due_of 1)"
	# Christmas Eve is 2026 only: 2027-12-24 (Fri) is a workday.
	add_on 2027-12-23 "Eve 2027"
	[ "$(due_of 2)" = 2027-12-24 ] || fail "2027: due $(due_of 2)"
	# 2028-12-25 is a Monday: Day 1 Sat 12-23 -> Tue 12-26.
	add_on 2028-12-22 "Xmas 2028"
	[ "$(due_of 3)" = 2028-12-26 ] || fail "2028: due $(due_of 3)"
}

test_feed_rrule_exdate_rdate_until() {
	use_feed
	# Office closed the first Friday of each month of 2026, not 11-06
	# (EXDATE), also 11-13 (RDATE); UNTIL 2026-12-31.
	add_on 2026-10-01 "First Fri Oct"
	[ "$(due_of 1)" = 2026-10-05 ] || fail "10-02: due $(due_of 1)"
	add_on 2026-11-05 "Exdate"
	[ "$(due_of 2)" = 2026-11-06 ] || fail "11-06: due $(due_of 2)"
	add_on 2026-11-12 "Rdate"
	[ "$(due_of 3)" = 2026-11-16 ] || fail "11-13: due $(due_of 3)"
	add_on 2026-12-03 "First Fri Dec"
	[ "$(due_of 4)" = 2026-12-07 ] || fail "12-04: due $(due_of 4)"
	add_on 2026-12-31 "After until"
	[ "$(due_of 5)" = 2027-01-01 ] || fail "2027-01-01: due $(due_of 5)"
}

test_feed_timed_event_is_not_a_holiday() {
	use_feed
	add_on 2026-12-09 "Offsite"
	[ "$(due_of 1)" = 2026-12-10 ] || fail "due $(due_of 1)"
}

test_feed_path_with_tilde() {
	[ -f "$CFG_DATA/holidays.ics" ] || fail "fixture not found"
	cp "$CFG_DATA/holidays.ics" "$T/home/hol.ics"
	config "[schedule]" "holiday_calendar = ~/hol.ics"
	add_on 2026-11-25 "Ana"
	[ "$(due_of 1)" = 2026-11-30 ] || fail "due $(due_of 1)"
}

test_feed_file_change_moves_due_dates() {
	# SPEC §9: changing the file holiday_calendar names changes the calendar.
	use_feed
	add_on 2026-11-25 "Ana"
	[ "$(due_of 1)" = 2026-11-30 ] || fail "feed: due $(due_of 1)"
	cat >"$T/holidays.ics" <<'EOF'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//followup//edited feed//EN
BEGIN:VEVENT
UID:only-one@followup.test
DTSTAMP:20260101T000000Z
DTSTART;VALUE=DATE:20261126
SUMMARY:Thanksgiving only
END:VEVENT
END:VCALENDAR
EOF
	touch -d '2026-01-01 00:00' "$T/holidays.ics"
	[ "$(due_of 1)" = 2026-11-27 ] || fail "edited feed: due $(due_of 1)"
}

test_feed_that_is_not_ical_is_refused() {
	fu_ok add "Ana"
	[ -f "$CFG_DATA/not-ical.ics" ] || fail "fixture not found"
	config "[schedule]" "holiday_calendar = $CFG_DATA/not-ical.ics"
	expect_refused 2 "not-ical.ics" due
	expect_err_has holiday_calendar
}

test_missing_feed_is_refused_naming_file_line_key() {
	fu_ok add "Ana"
	config "[schedule]" "holiday_calendar = $T/missing.ics"
	expect_refused 2 "missing.ics" due
	# SPEC §9: a bad value is an error naming the file, the line and the key.
	expect_err_has "$T/config/followup/config:2"
	expect_err_has holiday_calendar
}


test_feed_recurring_dates_far_ahead_and_behind() {
	# Recurring feed events are expanded over every date the schedule can
	# reach, extended on demand (issue 3).
	use_feed
	fu_ok add "Now"                                        # builds the cache
	# Christmas 2023 (Mon), before any cached day 0.
	fu_ok add "Back" --first-contact 2023-12-24
	[ "$(due_of 2)" = 2023-12-26 ] || fail "2023: due $(due_of 2)"
	# Christmas 2030 (Wed), years past any due date so far.
	add_on 2030-12-24 "Ahead"
	[ "$(due_of 3)" = 2030-12-26 ] || fail "2030: due $(due_of 3)"
}

test_feed_and_listed_holidays_together() {
	[ -f "$CFG_DATA/holidays.ics" ] || fail "fixture not found"
	cp "$CFG_DATA/holidays.ics" "$T/holidays.ics"
	config "[schedule]" "holidays = 2026-11-30" "holiday_calendar = $T/holidays.ics"
	add_on 2026-11-25 "Ana"
	# 26, 27 (feed), weekend, 30 (listed): Tue 12-01.
	[ "$(due_of 1)" = 2026-12-01 ] || fail "due $(due_of 1)"
}

test_undo_after_config_change_undoes_the_users_change() {
	# undo reverts the last change the user made; a recompute for a changed
	# configuration is not a change to undo, and due dates keep honouring
	# the current configuration.
	fu_ok add "Ana"
	TODAY=2026-11-03
	fu_ok log 1 --channel call --outcome connected
	expect_out 2026-11-05
	config "[schedule]" "holidays = 2026-11-05"
	[ "$(due_of 1)" = 2026-11-06 ] || fail "holiday: due $(due_of 1)"
	fu_ok undo
	expect_out_has log
	fu_ok show 1 --format json
	expect_json 'd["touch_count"]' 0
	expect_json 'd["due"]' 2026-11-03
	fu_ok log 1 --channel call --outcome connected
	expect_out 2026-11-06
}
