# t_cadence_away.sh - `followup cadence` and `followup away` (time off).

show_json() {
	fu_ok show "$1" --format json
}

# log_on DATE ID EXPECTED: with TODAY=DATE, log a touch for ID and require
# the printed due date EXPECTED.
log_on() {
	TODAY=$1
	fu_ok log "$2" --channel call --outcome connected || return 1
	expect_out "$3"
}

test_cadence_list_shows_standard() {
	# SPEC §1: the built-in standard cadence is 1,3,7,14,28,58 then monthly.
	fu_ok cadence list
	grep -E '^ *standard\b' "$T/out" >"$T/line" || fail "no standard line: $(out)"
	grep -qF "1,3,7,14,28,58" "$T/line" || fail "offsets: $(cat "$T/line")"
	grep -qF "monthly" "$T/line" || fail "tail: $(cat "$T/line")"
	fu_ok cadence show standard
	expect_out_has "1,3,7,14,28,58"
	expect_out_has monthly
}

test_cadence_add_then_kinds_are_listed_and_shown() {
	fu_ok cadence add nurture 7,30,90 --then every:90
	fu_ok cadence add monthly2 2,9 --then monthly
	fu_ok cadence add finite 1,4,10 --then none
	fu_ok cadence list
	for n in standard nurture monthly2 finite; do expect_out_has "$n"; done
	grep -E '^ *nurture\b' "$T/out" | grep -qF "7,30,90" || fail "nurture: $(out)"
	grep -E '^ *nurture\b' "$T/out" | grep -qE "90" || fail "nurture tail: $(out)"
	grep -E '^ *finite\b' "$T/out" | grep -qF "1,4,10" || fail "finite: $(out)"
	fu_ok cadence show nurture
	expect_out_has "7,30,90"
	expect_out_has 90
	fu_ok cadence show finite
	expect_out_has "1,4,10"
	fu_ok add "Ana" --cadence nurture
	show_json 1
	expect_json 'd["cadence"]' nurture
	# Day 7 from Mon 11-02 is Mon 11-09.
	expect_json 'd["due"]' 2026-11-09
}

test_cadence_every_n_days_tail() {
	# SPEC §2 rule 1: an "every N days" tail adds N*k days after the last offset.
	fu_ok cadence add ten 1 --then every:10
	fu_ok add "Ana" --cadence ten
	show_json 1
	expect_json 'd["due"]' 2026-11-03
	log_on 2026-11-03 1 2026-11-13
	log_on 2026-11-13 1 2026-11-23
	log_on 2026-11-23 1 2026-12-03
	show_json 1
	expect_json 'd["step"]' 4
}

test_cadence_monthly_tail_clamps_from_last_offset() {
	# SPEC §2 rule 1: A_{m+k} = A_m + k months from A_m each time, clamped:
	# A_m = Jan 31 -> Feb 28, Mar 31, Apr 30 (not chained Feb 28 -> Mar 28).
	fu_ok cadence add m1 1 --then monthly
	TODAY=2027-01-30
	fu_ok add "Ana" --cadence m1
	show_json 1
	expect_json 'd["due"]' 2027-02-01         # Sun Jan 31 -> Mon Feb 1
	log_on 2027-02-01 1 2027-03-01              # Feb 28 is a Sunday -> Mar 1
	log_on 2027-03-01 1 2027-03-31
	log_on 2027-03-31 1 2027-04-30
	log_on 2027-04-30 1 2027-05-31
}

test_cadence_monthly_tail_leap_year() {
	fu_ok cadence add m1 1 --then monthly
	TODAY=2028-01-30
	fu_ok add "Ana" --cadence m1
	show_json 1
	expect_json 'd["due"]' 2028-01-31         # Mon
	log_on 2028-01-31 1 2028-02-29              # leap day, a Tuesday
}

test_cadence_none_tail_completes() {
	fu_ok cadence add two 1,2 --then none
	fu_ok add "Ana" --cadence two
	log_on 2026-11-03 1 2026-11-04
	log_on 2026-11-04 1 "cadence complete"
}

test_cadence_add_refuses_non_increasing_offsets() {
	fu_ok add "Seed"
	expect_refused 2 "1,3,3" cadence add bad 1,3,3
	expect_refused 2 "3,1" cadence add bad 3,1
	# offsets are >= 1 (SPEC §1).
	expect_refused 2 "0" cadence add bad 0,3
	expect_refused 2 "x" cadence add bad 1,x
	fu_ok cadence list
	expect_out_lacks bad
}

test_cadence_add_refuses_duplicate_name() {
	fu_ok cadence add nurture 7,30 --then none
	expect_refused 2 "nurture" cadence add nurture 1,2 --then none
	expect_refused 2 "standard" cadence add standard 1,2 --then none
	expect_refused 2 "Standard" cadence add Standard 1,2 --then none
}

test_cadence_add_refuses_bad_then() {
	fu_ok add "Seed"
	expect_refused 2 "weekly" cadence add c 1,2 --then weekly
	expect_refused 2 "every:0" cadence add c 1,2 --then every:0
	expect_refused 2 "every:x" cadence add c 1,2 --then every:x
	expect_refused 2 "every:" cadence add c 1,2 --then every:
}

test_cadence_show_unknown_is_refused() {
	fu_ok add "Seed"
	expect_refused 2 "nosuch" cadence show nosuch
	expect_refused 2 "" cadence frobnicate
}

test_away_moves_due_dates_out_of_the_period() {
	# SPEC §2 rule 2: time-off days are not workdays.
	fu_ok add "Ana"                              # due Tue 11-03
	fu_ok add "Won" --first-contact 2026-10-01
	fu_ok log 2 --channel call --outcome won
	fu_ok add "Today" --first-contact 2026-10-30 # due Mon 11-02 (not moved)
	fu_ok away 2026-11-03 2026-11-06
	[ "$(due_of 1)" = 2026-11-09 ] || fail "#1 due $(due_of 1)"
	[ "$(due_of 2)" = null ] || fail "won #2 due $(due_of 2)"
	[ "$(due_of 3)" = 2026-11-02 ] || fail "#3 due $(due_of 3)"
	# A prospect added afterwards is scheduled around it too.
	fu_ok add "New"
	[ "$(due_of 4)" = 2026-11-09 ] || fail "#4 due $(due_of 4)"
}

test_away_leaves_explicit_next_dates() {
	# SPEC §2 rule 5: an explicit next date is used as given.
	fu_ok add "Ana"
	fu_ok next 1 2026-11-04 10:00
	fu_ok away 2026-11-03 2026-11-06
	show_json 1
	expect_json 'd["due"]' 2026-11-04
	expect_json 'd["due_time"]' 10:00
}

test_away_affects_later_steps() {
	TODAY=2026-11-03
	fu_ok add "Ana" --first-contact 2026-11-02
	fu_ok away 2026-11-05 2026-11-05
	fu_ok log 1 --channel call --outcome connected
	expect_out 2026-11-06
}

test_away_list_and_remove() {
	fu_ok add "Ana"
	fu_ok away 2026-11-03 2026-11-06
	fu_ok away 2026-12-24 2026-12-31
	fu_ok away list
	expect_out_has 2026-11-03
	expect_out_has 2026-11-06
	expect_out_has 2026-12-24
	expect_out_has 2026-12-31
	[ "$(wc -l <"$T/out")" -ge 2 ] || fail "list: $(out)"
	local id
	id=$(grep 2026-11-03 "$T/out" | grep -oE '[0-9]+' | head -n1)
	fu_ok away remove "$id"
	fu_ok away list
	expect_out_lacks 2026-11-03
	expect_out_has 2026-12-24
	[ "$(due_of 1)" = 2026-11-03 ] || fail "due after remove: $(due_of 1)"
}

test_away_refuses_bad_periods() {
	fu_ok add "Ana"
	# SPEC §2: time off longer than 366 days is refused.
	expect_refused 2 "" away 2026-11-02 2027-11-04
	expect_refused 2 "" away 2026-11-02 2028-06-01
	expect_refused 2 "" away 2026-11-10 2026-11-09
	expect_refused 2 "2026-02-30" away 2026-02-30 2026-03-02
	expect_refused 2 "nope" away nope 2026-11-09
	expect_refused 2 "" away 2026-11-09
	expect_refused 2 "77" away remove 77
	[ "$(due_of 1)" = 2026-11-03 ] || fail "due moved: $(due_of 1)"
}

test_away_single_day() {
	fu_ok add "Ana"
	fu_ok away 2026-11-03 2026-11-03
	[ "$(due_of 1)" = 2026-11-04 ] || fail "due $(due_of 1)"
}


# fu_timeout SECS ARGS: like fu, but killed after SECS seconds (RC 124).
fu_timeout() {
	local secs=$1
	shift
	RC=0
	timeout "$secs" env -i PATH="$PATH" HOME="$T/home" XDG_DATA_HOME="$T/data" \
		XDG_CONFIG_HOME="$T/config" TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		FOLLOWUP_DB="$T/fu.db" FOLLOWUP_TODAY="$TODAY" \
		"$FU" "$@" >"$T/out" 2>"$T/err" </dev/null || RC=$?
}

test_away_of_366_days_is_accepted() {
	fu_ok add "Ana"
	# 2026-11-03 .. 2027-11-03 inclusive is 366 days.
	fu_ok away 2026-11-03 2027-11-03
	[ "$(due_of 1)" = 2027-11-04 ] || fail "due $(due_of 1)"
}

test_no_workday_within_366_days_is_an_error_not_a_hang() {
	# SPEC §2: W never searches further than 366 days; a calendar with no
	# workday in that window (holidays and time off together) is an error.
	fu_ok add "Ana"                                  # due 2026-11-03
	printf '[schedule]\nholidays = 2027-11-04, 2027-11-05\n' >"$T/config/followup/config"
	fu_ok due # takes in the changed configuration
	local before
	before=$(db_hash)
	# Time off 11-03 .. 2027-11-03, then holidays Thu/Fri and a weekend:
	# the next workday, Mon 2027-11-08, is 370 days after 2026-11-03.
	fu_timeout 20 away 2026-11-03 2027-11-03
	[ "$RC" -ne 124 ] || fail "away hung"
	[ "$RC" -eq 1 ] || [ "$RC" -eq 2 ] || fail "exit $RC: $(cat "$T/err")"
	expect_err_line
	[ "$(db_hash)" = "$before" ] || fail "database changed"
	[ "$(due_of 1)" = 2026-11-03 ] || fail "due $(due_of 1)"
}
