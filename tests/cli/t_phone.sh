# t_phone.sh - a phone number has digits (issue 17, item 7: the TUI's form
# saved "call me maybe" as a phone; the check lives in the store, so the
# CLI and the CSV import refuse it too).

test_add_refuses_a_phone_without_digits() {
	fu_ok add "Ana Ruiz" --phone "+34 600 111 222"
	expect_refused 2 "phone 'call me maybe': not a phone number (no digits)" \
		add "Bo Chen" --phone "call me maybe"
	fu_ok list --status all --format json
	expect_json 'len(d)' 1
}

test_edit_refuses_a_phone_without_digits() {
	fu_ok add "Ana Ruiz" --phone "+34 600 111 222"
	expect_refused 2 "phone 'ask at the desk': not a phone number (no digits)" \
		edit 1 --phone "ask at the desk"
	fu_ok show 1 --format json
	expect_json 'd["phone"]' "+34 600 111 222"
}

test_odd_phones_with_digits_are_still_phones() {
	# Vanity numbers, extensions, a phone sign, a line break, one digit:
	# what other tests import and export keeps working.
	local p id
	for p in "1-800-FLOWERS" "+1 555, 0100; x2" "☎ 555" $'555\n0100' "1" "(555) 010-2030 ext 4"; do
		fu_ok add "P $p" --phone "$p"
	done
	# An empty phone is no phone (it clears one on edit).
	fu_ok add "Empty" --phone ""
	id=$(cat "$T/out")
	fu_ok show "$id" --format json
	expect_json 'd["phone"]' null
	fu_ok edit 1 --phone ""
	fu_ok show 1 --format json
	expect_json 'd["phone"]' null
}

test_import_reports_a_phone_without_digits_as_a_bad_row() {
	printf 'name,phone\nAna Ruiz,+1 555 0100\nBo Chen,call me maybe\nCy Diaz,555 0199\n' >"$T/p.csv"
	fu import "$T/p.csv"
	expect_rc 2
	expect_err_has "p.csv:3: phone 'call me maybe': not a phone number (no digits)"
	fu_ok list --format json
	expect_json 'sorted(p["name"] for p in d)' '["Ana Ruiz", "Cy Diaz"]'
	# --strict imports nothing.
	DB=$T/strict.db
	fu import --strict "$T/p.csv"
	expect_rc 2
	fu_ok list --format json
	expect_json 'len(d)' 0
}
