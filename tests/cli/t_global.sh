# t_global.sh - options every subcommand takes (SPEC §3): --db, --today,
# --help, --version; unknown subcommands and options; exit statuses.

GLOBAL_SUBCOMMANDS="add log touch next due show list edit delete undo cadence away"

test_db_option_overrides_followup_db() {
	fu_ok add "Default"
	fu_ok --db "$T/other.db" add "Other"
	expect_out 1
	[ -f "$T/other.db" ] || fail "no $T/other.db"
	fu_ok --db "$T/other.db" show 1 --format json
	expect_json 'd["name"]' Other
	fu_ok show 1 --format json
	expect_json 'd["name"]' Default
	fu_ok list --format json
	expect_json '[p["name"] for p in d]' '["Default"]'
}

test_db_option_after_the_subcommand() {
	# SPEC §3: all subcommands take --db.
	fu_ok add "Default"
	fu_ok add "Other" --db "$T/other.db"
	expect_out 1
	fu_ok show 1 --format json --db "$T/other.db"
	expect_json 'd["name"]' Other
}

test_followup_db_env_is_used() {
	DB="$T/env.db"
	fu_ok add "Ana"
	[ -f "$T/env.db" ] || fail "FOLLOWUP_DB not used"
	[ ! -e "$T/fu.db" ] || fail "fu.db created"
}

test_today_option_overrides_followup_today() {
	TODAY=2026-11-02
	fu_ok --today 2026-11-10 add "Ana"
	fu_ok show 1 --format json
	expect_json 'd["first_contact"]' 2026-11-10
	expect_json 'd["due"]' 2026-11-11
	# overdue_days counts from --today.
	fu_ok --today 2026-11-20 show 1 --format json
	expect_json 'd["overdue_days"]' 9
	fu_ok due --today 2026-11-11 --format json
	expect_json '[p["name"] for p in d]' '["Ana"]'
}

test_followup_today_env_sets_today() {
	TODAY=2026-12-01
	fu_ok add "Ana"
	fu_ok show 1 --format json
	expect_json 'd["first_contact"]' 2026-12-01
}

test_bad_today_is_refused() {
	fu_ok add "Ana"
	expect_refused 2 "garbage" --today garbage due
	expect_refused 2 "2026-02-30" --today 2026-02-30 due
	expect_refused 2 "garbage" --today garbage add "Bo"
	TODAY=garbage
	expect_refused 2 "garbage" due
}

test_unknown_subcommand_is_refused() {
	fu_ok add "Ana"
	expect_refused 2 "frobnicate" frobnicate
	expect_refused 2 "frobnicate" frobnicate 1 --yes
}

test_unknown_option_is_refused() {
	fu_ok add "Ana"
	expect_refused 2 "--frob" --frob due
	expect_refused 2 "--frob" due --frob
	expect_refused 2 "--frob" show 1 --frob
	expect_refused 2 "--db" due --db
}

test_every_subcommand_accepts_help() {
	local c
	for c in $GLOBAL_SUBCOMMANDS; do
		fu_ok "$c" --help
		grep -q "^usage: followup $c\b" "$T/out" || fail "$c --help: $(head -n2 "$T/out")"
	done
	fu_ok touch remove --help
	expect_out_has "usage: followup touch"
}

test_help_does_not_create_a_database() {
	fu_ok --help
	expect_out_has "usage: followup"
	fu_ok due --help
	[ ! -e "$T/fu.db" ] || fail "--help created the database"
}

test_version() {
	fu_ok --version
	grep -qE '^followup [0-9]+\.[0-9]+' "$T/out" || fail "version: $(out)"
}

test_errors_are_one_line_on_stderr_with_nothing_on_stdout() {
	fu_ok add "Ana"
	fu show 7
	expect_rc 2
	expect_err_line "7"
	[ ! -s "$T/out" ] || fail "stdout: $(out)"
}


test_today_defaults_to_the_local_date_in_tz() {
	# SPEC §2: today is the local date in the process's TZ.
	TODAY=""
	local tz
	for tz in Etc/GMT-14 Etc/GMT+12; do
		TZ_TEST=$tz
		local d1 d2
		d1=$(TZ=$tz date +%F)
		DB="$T/$(echo "$tz" | tr -d '/+-').db"
		fu_ok add "Ana"
		d2=$(TZ=$tz date +%F)
		fu_ok show 1 --format json
		local got
		got=$(jget 'd["first_contact"]')
		[ "$got" = "$d1" ] || [ "$got" = "$d2" ] || fail "TZ=$tz: day 0 $got, local date $d1"
	done
}
