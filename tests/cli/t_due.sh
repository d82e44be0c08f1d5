# t_due.sh - `followup due`: the due list of SPEC §2 rule 8 and its formats.

DUE_KEYS='["id","name","company","title","email","phone","source","notes","status","first_contact","cadence","due","due_time","due_kind","step","overdue_days","touch_count","last_touch","flags","agenda"]'

# due_ids ARGS: the ids of `due ARGS --format json`, as a JSON list.
due_ids() {
	fu_ok due "$@" --format json || return 1
	jget '[p["id"] for p in d]'
}

# Prospects for the ordering rule, all with TODAY = Tue 2026-11-10.
make_ordering_fixture() {
	TODAY=2026-11-10
	fu_ok add "zed" --first-contact 2026-11-02          # 1: due 11-03
	fu_ok add "Bob" --first-contact 2026-11-02          # 2: due 11-03
	fu_ok add "alice" --first-contact 2026-11-02        # 3: due 11-03
	fu_ok add "Same" --first-contact 2026-11-05         # 4: due Fri 11-06
	fu_ok add "same" --first-contact 2026-11-05         # 5: due Fri 11-06
	fu_ok add "Untimed" --first-contact 2026-11-09      # 6: next 11-10
	fu_ok next 6 2026-11-10
	fu_ok add "Alpha late" --first-contact 2026-11-09   # 7: next 11-10 15:00
	fu_ok next 7 2026-11-10 15:00
	fu_ok add "Zulu early" --first-contact 2026-11-09   # 8: next 11-10 09:00
	fu_ok next 8 2026-11-10 09:00
	fu_ok add "aaron" --first-contact 2026-11-09        # 9: next 11-10
	fu_ok next 9 2026-11-10
	fu_ok add "Future" --first-contact 2026-11-09       # 10: next 11-11
	fu_ok next 10 2026-11-11
	fu_ok add "Closed" --first-contact 2026-11-02       # 11: won
	fu_ok log 11 --channel call --outcome won
}

test_due_order_date_then_time_then_name_then_id() {
	# SPEC §2 rule 8: due date oldest first, then timed appointments by
	# time before untimed ones, then name case-insensitively, then id.
	make_ordering_fixture
	[ "$(due_ids)" = "[3, 2, 1, 4, 5, 8, 7, 9, 6]" ] || fail "order: $(due_ids)"
	# The text list is in the same order.
	fu_ok due
	local names
	names=$(grep -oE 'alice|Bob|zed|Same|same|Zulu early|Alpha late|aaron|Untimed|Future|Closed' "$T/out" | tr '\n' '|')
	[ "$names" = "alice|Bob|zed|Same|same|Zulu early|Alpha late|aaron|Untimed|" ] ||
		fail "text order: $names"
}

test_due_days_includes_up_to_today_plus_n_inclusive() {
	fu_ok add "Cadence" # 1: due 11-03
	fu_ok add "Wed appt"
	fu_ok next 2 2026-11-04 10:00
	fu_ok add "Thu snooze"
	fu_ok next 3 2026-11-05
	fu_ok add "Fri snooze"
	fu_ok next 4 2026-11-06
	[ "$(due_ids)" = "[]" ] || fail "today: $(due_ids)"
	[ "$(due_ids --days 0)" = "[]" ] || fail "--days 0: $(due_ids --days 0)"
	[ "$(due_ids --days 1)" = "[1]" ] || fail "--days 1: $(due_ids --days 1)"
	[ "$(due_ids --days 3)" = "[1, 2, 3]" ] || fail "--days 3: $(due_ids --days 3)"
	[ "$(due_ids --days 4)" = "[1, 2, 3, 4]" ] || fail "--days 4: $(due_ids --days 4)"
	fu_ok due --days 3 --format json
	expect_json '[p["overdue_days"] for p in d]' '[0, 0, 0]'
}

test_due_lists_today_and_overdue() {
	fu_ok add "Old" --first-contact 2026-10-01   # due Fri 10-02: 31 days late
	fu_ok add "Today" --first-contact 2026-10-30 # Fri: step 1 Sat -> Mon 11-02
	fu_ok add "Tomorrow"                         # due 11-03
	[ "$(due_ids)" = "[1, 2]" ] || fail "$(due_ids)"
	fu_ok due --format json
	expect_json '[p["overdue_days"] for p in d]' '[31, 0]'
	expect_json '[p["due"] for p in d]' '["2026-10-02", "2026-11-02"]'
	expect_json '[p["step"] for p in d]' '[1, 1]'
}

test_due_never_lists_won_or_lost() {
	# SPEC §2 rule 7.
	fu_ok add "Winner" --first-contact 2026-10-01
	fu_ok add "Loser" --first-contact 2026-10-01
	fu_ok add "Edited lost" --first-contact 2026-10-01
	fu_ok add "Active" --first-contact 2026-10-01
	fu_ok log 1 --channel call --outcome won
	fu_ok log 2 --channel call --outcome lost
	fu_ok edit 3 --status lost
	[ "$(due_ids)" = "[4]" ] || fail "$(due_ids)"
	[ "$(due_ids --days 400)" = "[4]" ] || fail "--days 400: $(due_ids --days 400)"
	fu_ok due
	expect_out_lacks Winner
	expect_out_lacks Loser
	expect_out_lacks "Edited lost"
	expect_out_has Active
}

test_due_json_is_array_of_prospect_objects() {
	fu_ok add "Ana Ruiz" --company Acme --email ana@acme.example --first-contact 2026-10-30 --flag need
	fu_ok log 1 --channel call --outcome voicemail --note "left msg"
	fu_ok add "Bo" --first-contact 2026-10-01
	fu_ok due --format json
	expect_json 'type(d).__name__' list
	expect_json 'len(d)' 1
	fu_ok due --days 2 --format json
	expect_json 'len(d)' 2
	expect_json "all(list(p) == $DUE_KEYS for p in d)" true
	expect_json '[type(p["id"]).__name__ for p in d]' '["int", "int"]'
	expect_json 'd[1]["name"]' "Ana Ruiz"
	expect_json 'd[1]["touch_count"]' 1
	expect_json 'd[1]["flags"]' '["need"]'
	expect_json 'd[1]["title"]' null
	expect_json 'd[1]["due_kind"]' cadence
	# machine formats hold the due list alone (no "need a decision").
	expect_out_lacks "need a decision"
}

test_due_tsv_has_header_of_json_names() {
	fu_ok add "Ana Ruiz" --company Acme --first-contact 2026-10-30
	fu_ok add "Bo" --first-contact 2026-10-01
	fu_ok due --format tsv
	local want
	want=$(/usr/bin/python3 -c "import sys; print('\t'.join($DUE_KEYS))")
	[ "$(head -n1 "$T/out")" = "$want" ] || fail "tsv header: $(head -n1 "$T/out")"
	[ "$(wc -l <"$T/out")" -eq 3 ] || fail "tsv rows: $(out)"
	# Row 2 is the oldest due: Bo (id 2).
	[ "$(sed -n 2p "$T/out" | cut -f1,2)" = "$(printf '2\tBo')" ] || fail "row 2: $(sed -n 2p "$T/out")"
	[ "$(sed -n 3p "$T/out" | cut -f2,3,12)" = "$(printf 'Ana Ruiz\tAcme\t2026-11-02')" ] ||
		fail "row 3: $(sed -n 3p "$T/out")"
	expect_out_lacks "need a decision"
}

test_due_csv_header_quoting_and_formula_guard() {
	# SPEC §5: cells starting with = + - @ get a leading ' (spreadsheets).
	fu_ok add "=SUM(A1)" --company "+1 Corp" --title "-boss" --source "@twitter" --first-contact 2026-10-30
	fu_ok add 'Ruiz, "Ana"' --company "Acme" --first-contact 2026-10-30
	fu_ok due --format csv
	/usr/bin/python3 - "$T/out" "$DUE_KEYS" <<'EOF' || fail "csv: $(out)"
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
keys = json.loads(sys.argv[2])
assert rows[0] == keys, rows[0]
assert len(rows) == 3, rows
by = {r[0]: dict(zip(keys, r)) for r in rows[1:]}
a = by["1"]
assert a["name"] == "'=SUM(A1)", a["name"]
assert a["company"] == "'+1 Corp", a["company"]
assert a["title"] == "'-boss", a["title"]
assert a["source"] == "'@twitter", a["source"]
assert a["first_contact"] == "2026-10-30" and a["due"] == "2026-11-02", a
b = by["2"]
assert b["name"] == 'Ruiz, "Ana"', b["name"]
assert b["company"] == "Acme", b["company"]
EOF
	expect_out_lacks "need a decision"
}

test_due_text_ends_with_need_a_decision_count() {
	# SPEC §2: text output ends with a line counting active prospects with
	# no next step (finite cadence complete); machine formats lack it.
	fu_ok cadence add short 2,5 --then none
	fu_ok add "Done 1" --cadence short
	fu_ok add "Done 2" --cadence short
	fu_ok add "Done won" --cadence short
	fu_ok add "Done snoozed" --cadence short
	fu_ok add "Running" # standard: due 11-03
	for d in 2026-11-04 2026-11-09; do
		TODAY=$d
		for id in 1 2 3 4; do fu_ok log $id --channel call --outcome connected; done
	done
	expect_out "cadence complete"
	TODAY=2026-11-09
	fu_ok log 3 --channel call --outcome won
	fu_ok next 4 2026-11-20
	fu_ok due
	[ "$(tail -n1 "$T/out")" = "2 need a decision" ] || fail "last line: $(tail -n1 "$T/out")"
	expect_out_has Running
	for f in json tsv csv; do
		fu_ok due --format $f
		expect_out_lacks "need a decision"
	done
	fu_ok due --format json
	expect_json '[p["name"] for p in d]' '["Running"]'
	fu_ok due --days 30 --format json
	expect_json '[p["name"] for p in d]' '["Running", "Done snoozed"]'
}

test_due_text_need_a_decision_zero() {
	fu_ok add "Ana"
	fu_ok due
	[ "$(tail -n1 "$T/out")" = "0 need a decision" ] || fail "last line: $(tail -n1 "$T/out")"
}

test_due_overdue_days_values() {
	TODAY=2026-11-10
	fu_ok add "A" --first-contact 2026-11-02   # due 11-03: 7 days
	fu_ok add "B" --first-contact 2026-10-05   # due Tue 10-06: 35 days
	fu_ok add "C" --first-contact 2026-11-09   # due 11-10: 0
	fu_ok due --format json
	expect_json '[(p["name"], p["overdue_days"]) for p in d]' '[["B", 35], ["A", 7], ["C", 0]]'
}

test_due_refuses_bad_options() {
	fu_ok add "Ana"
	expect_refused 2 "-1" due --days -1
	expect_refused 2 "xml" due --format xml
	expect_refused 2 "abc" due --days abc
	expect_refused 2 "--bogus" due --bogus
}
