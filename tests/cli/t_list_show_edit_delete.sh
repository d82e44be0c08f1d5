# t_list_show_edit_delete.sh - `list`, `show`, `edit` and `delete`.

LSED_KEYS='["id","name","company","title","email","phone","source","notes","status","first_contact","cadence","due","due_time","due_kind","step","overdue_days","touch_count","last_touch","flags","agenda"]'

show_json() {
	fu_ok show "$1" --format json
}

# list_names ARGS: the names of `list ARGS --format json`, as a JSON list.
list_names() {
	fu_ok list "$@" --format json || return 1
	jget '[p["name"] for p in d]'
}

# Five prospects: three active, one won, one lost.  TODAY 2026-11-02.
make_list_fixture() {
	fu_ok add "carla" --company Zeta --source web --first-contact 2026-10-26   # 1: due 10-27, overdue
	fu_ok add "Bob" --company acme --source Referral                          # 2: due 11-03
	fu_ok add "Ana" --company Acme --source web --first-contact 2026-10-30    # 3: due 11-02, today
	fu_ok add "Dan won" --company Beta --source web                           # 4: won
	fu_ok log 4 --channel call --outcome won
	fu_ok add "Eve lost" --company Acme --source fair                          # 5: lost
	fu_ok edit 5 --status lost
}

test_list_default_is_active_by_name() {
	# SPEC §3: list defaults to active prospects, by name (case-insensitive).
	make_list_fixture
	[ "$(list_names)" = '["Ana", "Bob", "carla"]' ] || fail "$(list_names)"
	fu_ok list
	expect_out_has Ana
	expect_out_has carla
	expect_out_lacks "Dan won"
	expect_out_lacks "Eve lost"
}

test_list_status_filter() {
	make_list_fixture
	[ "$(list_names --status won)" = '["Dan won"]' ] || fail "won: $(list_names --status won)"
	[ "$(list_names --status lost)" = '["Eve lost"]' ] || fail "lost: $(list_names --status lost)"
	[ "$(list_names --status active)" = '["Ana", "Bob", "carla"]' ] || fail "active"
	[ "$(list_names --status all)" = '["Ana", "Bob", "carla", "Dan won", "Eve lost"]' ] ||
		fail "all: $(list_names --status all)"
}

test_list_company_and_source_filters() {
	make_list_fixture
	# Company matching: Acme and acme are one company to a rep.
	[ "$(list_names --company Acme)" = '["Ana", "Bob"]' ] || fail "company: $(list_names --company Acme)"
	[ "$(list_names --company Acme --status all)" = '["Ana", "Bob", "Eve lost"]' ] ||
		fail "company all: $(list_names --company Acme --status all)"
	[ "$(list_names --source web)" = '["Ana", "carla"]' ] || fail "source: $(list_names --source web)"
	[ "$(list_names --source web --company Zeta)" = '["carla"]' ] || fail "both"
	[ "$(list_names --company Nobody)" = '[]' ] || fail "none"
}

test_list_overdue_filter() {
	make_list_fixture
	# Overdue: due before today (SPEC §2 rule 8); due today is not overdue.
	[ "$(list_names --overdue)" = '["carla"]' ] || fail "$(list_names --overdue)"
}

test_list_sort_orders() {
	make_list_fixture
	fu_ok add "Fay" --company beta                                            # 6: due 11-03
	[ "$(list_names --sort name)" = '["Ana", "Bob", "carla", "Fay"]' ] || fail "name"
	# company (case-insensitive): Acme/acme (Ana, Bob), beta (Fay), Zeta.
	[ "$(list_names --sort company)" = '["Ana", "Bob", "Fay", "carla"]' ] ||
		fail "company: $(list_names --sort company)"
	# due: 10-27 carla, 11-02 Ana, 11-03 Bob and Fay by name.
	[ "$(list_names --sort due)" = '["carla", "Ana", "Bob", "Fay"]' ] ||
		fail "due: $(list_names --sort due)"
	# status: prospects grouped by status, active first, by name within.
	fu_ok list --status all --sort status --format json
	/usr/bin/python3 - "$T/out" <<'EOF' || fail "status sort: $(out)"
import json, sys
d = json.load(open(sys.argv[1]))
st = [p["status"] for p in d]
assert st[:4] == ["active"] * 4, st
groups = [s for i, s in enumerate(st) if i == 0 or st[i - 1] != s]
assert len(groups) == len(set(groups)) == 3, st
assert [p["name"] for p in d][:4] == ["Ana", "Bob", "carla", "Fay"], d
EOF
	expect_refused 2 "size" list --sort size
}

test_list_formats() {
	make_list_fixture
	fu_ok list --format json
	expect_json "all(list(p) == $LSED_KEYS for p in d)" true
	expect_json 'len(d)' 3
	fu_ok list --format tsv
	[ "$(head -n1 "$T/out")" = "$(/usr/bin/python3 -c "print('\t'.join($LSED_KEYS))")" ] ||
		fail "tsv header: $(head -n1 "$T/out")"
	[ "$(wc -l <"$T/out")" -eq 4 ] || fail "tsv rows: $(out)"
	[ "$(sed -n 2p "$T/out" | cut -f2)" = Ana ] || fail "tsv row 2: $(sed -n 2p "$T/out")"
	fu_ok list --format csv --status all
	# RFC 4180 lines may end in CRLF.
	[ "$(head -n1 "$T/out" | tr -d '\r')" = "$(/usr/bin/python3 -c "print(','.join($LSED_KEYS))")" ] ||
		fail "csv header: $(head -n1 "$T/out")"
	[ "$(wc -l <"$T/out")" -eq 6 ] || fail "csv rows: $(out)"
	fu_ok list --format text
	expect_out_has Bob
	expect_refused 2 "yaml" list --format yaml
	expect_refused 2 "maybe" list --status maybe
}

test_show_text() {
	TODAY=2026-11-03
	fu_ok add "Ana Ruiz" --company Acme --phone "+34 600 111 222" --email ana@acme.example --first-contact 2026-11-02
	fu_ok log 1 --channel call --outcome connected --note "asked about volume pricing"
	fu_ok show 1
	expect_out_has "Ana Ruiz"
	expect_out_has Acme
	expect_out_has "+34 600 111 222"
	expect_out_has ana@acme.example
	expect_out_has "asked about volume pricing"
	expect_out_has 2026-11-05
	expect_refused 2 "99" show 99
	expect_refused 2 "xml" show 1 --format xml
}

test_show_json_touches_oldest_first() {
	TODAY=2026-11-06
	fu_ok add "Ana" --first-contact 2026-11-02
	fu_ok log 1 --channel email --outcome replied --at '2026-11-05 16:00' --note "second"
	fu_ok log 1 --channel call --outcome no-answer --at '2026-11-03 09:30'
	fu_ok log 1 --channel visit --outcome meeting --at '2026-11-05 08:15' --note "first on the 5th"
	show_json 1
	expect_json '[list(t) for t in d["touches"]]' \
		'[["id", "at", "channel", "outcome", "note"], ["id", "at", "channel", "outcome", "note"], ["id", "at", "channel", "outcome", "note"]]'
	expect_json '[t["at"] for t in d["touches"]]' '["2026-11-03T09:30", "2026-11-05T08:15", "2026-11-05T16:00"]'
	expect_json '[t["id"] for t in d["touches"]]' '[2, 3, 1]'
	expect_json '[t["channel"] for t in d["touches"]]' '["call", "visit", "email"]'
	expect_json '[t["outcome"] for t in d["touches"]]' '["no-answer", "meeting", "replied"]'
	expect_json '[t["note"] for t in d["touches"]]' '[null, "first on the 5th", "second"]'
	expect_json 'd["last_touch"]' 2026-11-05T16:00
	expect_json 'd["touch_count"]' 3
}

test_edit_each_text_field() {
	fu_ok add "Ana"
	fu_ok edit 1 --name "Ana Ruiz" --company Acme --email ana@acme.example --phone "555 0100" \
		--title CTO --source Referral
	show_json 1
	expect_json 'd["name"]' "Ana Ruiz"
	expect_json 'd["company"]' Acme
	expect_json 'd["email"]' ana@acme.example
	expect_json 'd["phone"]' "555 0100"
	expect_json 'd["title"]' CTO
	expect_json 'd["source"]' Referral
	# One field at a time leaves the others alone.
	fu_ok edit 1 --company "Acme Ltd"
	show_json 1
	expect_json 'd["company"]' "Acme Ltd"
	expect_json 'd["name"]' "Ana Ruiz"
	expect_json 'd["title"]' CTO
	expect_json 'd["due"]' 2026-11-03
}

test_edit_empty_text_field_is_null_not_empty() {
	# SPEC §3: absent text fields are null, never "".
	fu_ok add "Ana" --company Acme
	fu edit 1 --company ""
	if [ "$RC" -eq 0 ]; then
		show_json 1
		expect_json 'd["company"]' null
	else
		expect_rc 2
	fi
}

test_edit_status_won_then_back_to_active_is_rescheduled() {
	fu_ok add "Ana"
	fu_ok edit 1 --status won
	show_json 1
	expect_json 'd["status"]' won
	expect_json 'd["due"]' null
	expect_json 'd["due_kind"]' null
	expect_json 'd["step"]' null
	expect_json 'd["overdue_days"]' null
	# SPEC §2 rule 7: back to active is scheduled by rule 4, overdue if past.
	TODAY=2026-11-10
	fu_ok edit 1 --status active
	show_json 1
	expect_json 'd["status"]' active
	expect_json 'd["due"]' 2026-11-03
	expect_json 'd["step"]' 1
	expect_json 'd["overdue_days"]' 7
	fu_ok edit 1 --status lost
	show_json 1
	expect_json 'd["status"]' lost
	expect_json 'd["due"]' null
}

test_edit_cadence_keeps_day0_and_touches_and_reschedules() {
	fu_ok cadence add short 2,5 --then none
	TODAY=2026-11-03
	fu_ok add "Ana" --first-contact 2026-11-02
	fu_ok log 1 --channel call --outcome connected
	expect_out 2026-11-05
	# short: A1 = 11-04 (touched 11-03, early), A2 = Sat 11-07 -> Mon 11-09.
	fu_ok edit 1 --cadence short
	show_json 1
	expect_json 'd["cadence"]' short
	expect_json 'd["first_contact"]' 2026-11-02
	expect_json 'd["touch_count"]' 1
	expect_json 'd["due"]' 2026-11-09
	expect_json 'd["step"]' 2
	fu_ok edit 1 --cadence standard
	show_json 1
	expect_json 'd["due"]' 2026-11-05
	expect_json 'd["step"]' 2
}

test_edit_cadence_to_completed_finite_cadence() {
	fu_ok cadence add one 1 --then none
	TODAY=2026-11-03
	fu_ok add "Ana" --first-contact 2026-11-02
	fu_ok log 1 --channel call --outcome connected
	fu_ok edit 1 --cadence one
	show_json 1
	expect_json 'd["due"]' null
	expect_json 'd["status"]' active
}

test_edit_first_contact_reschedules() {
	fu_ok add "Ana"
	fu_ok edit 1 --first-contact 2026-10-26
	show_json 1
	expect_json 'd["first_contact"]' 2026-10-26
	expect_json 'd["due"]' 2026-10-27
	expect_json 'd["overdue_days"]' 6
	# --first-contact names the past: fri is Fri 2026-10-30 (step 1 Sat -> Mon).
	fu_ok edit 1 --first-contact fri
	show_json 1
	expect_json 'd["first_contact"]' 2026-10-30
	expect_json 'd["due"]' 2026-11-02
}

test_edit_flags_and_unflags() {
	fu_ok add "Ana"
	fu_ok edit 1 --flag verified --flag decider
	show_json 1
	expect_json 'sorted(d["flags"])' '["decider", "verified"]'
	fu_ok edit 1 --flag timeline --unflag verified
	show_json 1
	expect_json 'sorted(d["flags"])' '["decider", "timeline"]'
	fu_ok edit 1 --unflag decider --unflag timeline
	show_json 1
	expect_json 'd["flags"]' '[]'
	# flags show in list output too.
	fu_ok edit 1 --flag need
	fu_ok list --format json
	expect_json 'd[0]["flags"]' '["need"]'
}

test_edit_notes() {
	fu_ok add "Ana" --note "first"
	fu_ok edit 1 --note "second thoughts"
	show_json 1
	expect_json 'd["notes"]' "second thoughts"
}

test_edit_errors_leave_db_unchanged() {
	fu_ok add "Ana"
	expect_refused 2 "pending" edit 1 --status pending
	expect_refused 2 "vip" edit 1 --flag vip
	expect_refused 2 "vip" edit 1 --unflag vip
	expect_refused 2 "nosuch" edit 1 --cadence nosuch
	expect_refused 2 "name" edit 1 --name ""
	expect_refused 2 "bad-email" edit 1 --email bad-email
	expect_refused 2 "2026-02-30" edit 1 --first-contact 2026-02-30
	expect_refused 2 "99" edit 99 --name "Bo"
	expect_refused 2 "--colour" edit 1 --colour red
}

test_delete_yes_removes_prospect_and_touches() {
	TODAY=2026-11-03
	fu_ok add "Ana" --first-contact 2026-11-02
	fu_ok add "Bo" --first-contact 2026-11-02
	fu_ok log 1 --channel call --outcome connected
	fu_ok log 1 --channel email --outcome replied
	fu_ok log 2 --channel call --outcome busy
	fu_ok delete 1 --yes
	fu show 1
	expect_rc 2
	expect_err_line "1"
	[ "$(list_names --status all)" = '["Bo"]' ] || fail "list: $(list_names --status all)"
	[ "$(sqlite3 "$T/fu.db" 'SELECT count(*) FROM touch WHERE prospect_id = 1')" = 0 ] ||
		fail "touches of #1 left behind"
	show_json 2
	expect_json 'd["touch_count"]' 1
}

test_delete_unknown_id_is_refused() {
	fu_ok add "Ana"
	expect_refused 2 "42" delete 42 --yes
	expect_refused 2 "" delete --yes
}


test_list_sort_due_puts_no_due_date_last() {
	make_list_fixture
	[ "$(list_names --status all --sort due)" = '["carla", "Ana", "Bob", "Dan won", "Eve lost"]' ] ||
		fail "$(list_names --status all --sort due)"
}


test_edit_cadence_after_cadence_complete_reschedules() {
	# SPEC §2 rule 6: complete until the rep decides, e.g. another cadence.
	fu_ok cadence add short 2,5 --then none
	fu_ok add "Ana" --cadence short
	TODAY=2026-11-04
	fu_ok log 1 --channel call --outcome connected
	TODAY=2026-11-09
	fu_ok log 1 --channel call --outcome connected
	expect_out "cadence complete"
	fu_ok due
	# (SPEC's example is "3 need a decision"; the singular may read "needs".)
	case $(tail -n1 "$T/out") in "1 need a decision" | "1 needs a decision") ;;
	*) fail "last line: $(tail -n1 "$T/out")" ;; esac
	# standard: t1 = 11-04 (s = 1), step 2 = Fri 11-06; t2 = 11-09 (s = 4),
	# step 3 = 11-09 + 4 = Fri 11-13.
	fu_ok edit 1 --cadence standard
	show_json 1
	expect_json 'd["due"]' 2026-11-13
	expect_json 'd["step"]' 3
	fu_ok due
	[ "$(tail -n1 "$T/out")" = "0 need a decision" ] || fail "$(tail -n1 "$T/out")"
}
