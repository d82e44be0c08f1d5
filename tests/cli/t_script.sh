# t_script.sh - SPEC §10's call scripts and templates (issue 18):
# `followup script ID`, `template list|show|edit`, `next --agenda`, and the
# renderer's errors as the rep meets them (file:line:tag, exit 2).

# script_env: the rep's configuration.
script_env() {
	printf '[rep]\nname = Ana Ruiz\nemail = ana@acme.example\ncompany = Acme Analytics\nphone = +1 555 0100\n' \
		>"$T/config/followup/config"
}

test_script_opens_with_who_why_and_the_last_call() {
	script_env
	fu_ok add "Zoë Łukasiewicz" --company "東京商事" --first-contact 2026-10-30
	fu_ok log 1 --channel call --outcome connected --at 2026-10-30 --note "Needs SSO (Okta); 50 seats"
	# Step 1 of the standard cadence: call-1.
	fu_ok script 1
	expect_out_has "Hello Zoë, this is Ana Ruiz from Acme Analytics."
	expect_out_has "Needs SSO (Okta); 50 seats"
	expect_out_has "Friday 30 October"
	expect_out_has "東京商事"
	expect_out_lacks "{{"
}

test_script_uses_the_step_template_else_call() {
	script_env
	fu_ok add Bo --first-contact 2026-10-01
	fu_ok next 1 2026-11-05 14:30 --agenda "pricing"
	# An appointment is no cadence step: the general script.
	fu_ok script 1
	expect_out_has "Shall we put Thursday 5 November in the calendar at 14:30?"
	# The rep's own call-2 wins over the built-in one when the step is 2.
	mkdir -p "$T/config/followup/templates"
	printf 'Step two for {{first_name}}: {{#agenda}}{{agenda}}{{/agenda}}{{^agenda}}no agenda{{/agenda}}\n' \
		>"$T/config/followup/templates/call-2"
	fu_ok add Cy --first-contact 2026-10-30
	fu_ok log 2 --channel call --outcome busy --at 2026-10-31
	fu_ok script 2
	expect_out "Step two for Cy: no agenda"
}

test_next_agenda_in_show_json_and_csv() {
	fu_ok add Ana
	fu_ok next 1 2026-11-05 14:30 --agenda "SSO demo; bring the CTO"
	fu_ok show 1
	expect_out_has "agenda    SSO demo; bring the CTO"
	fu_ok show 1 --format json
	expect_json 'd["agenda"]' "SSO demo; bring the CTO"
	fu_ok due --days 7 --format json
	expect_json 'd[0]["agenda"]' "SSO demo; bring the CTO"
	# Round trip through CSV.
	fu_ok export csv "$T/p.csv"
	DB=$T/new.db
	fu_ok import "$T/p.csv"
	fu_ok show 1 --format json
	expect_json 'd["agenda"]' "SSO demo; bring the CTO"
	DB=$T/fu.db
	# It goes with the next date: a touch that clears the date clears it.
	fu_ok log 1 --channel call --outcome connected
	fu_ok show 1 --format json
	expect_json 'd["agenda"]' null
	fu next 1 --clear --agenda x
	expect_rc 2
	expect_err_line "--agenda goes with a date"
}

test_template_list_show_and_edit() {
	fu_ok template list
	expect_out_has "call       built-in"
	expect_out_has "reminder   built-in"
	expect_out_has "call-6     built-in"
	fu_ok template show summary
	expect_out_has "Subject: Summary of our call"
	# edit copies the built-in one and runs the editor, without a shell.
	cat >"$T/ed" <<'SH'
#!/bin/sh
printf 'edited by "%s"\n' "$0" >>"$1"
SH
	chmod +x "$T/ed"
	FU_ENV="VISUAL=$T/ed" fu_ok template edit call-3
	grep -q 'Step 3 (day 7)' "$T/config/followup/templates/call-3" || fail "not copied: $(cat "$T/config/followup/templates/call-3")"
	grep -q "edited by \"$T/ed\"" "$T/config/followup/templates/call-3" || fail "editor not run"
	[ "$(stat -c %a "$T/config/followup/templates/call-3")" = 600 ] || fail "mode"
	fu_ok template list
	expect_out_has "call-3     yours     $T/config/followup/templates/call-3"
}

test_template_errors_name_file_line_and_tag() {
	mkdir -p "$T/config/followup/templates"
	printf 'Hello {{first_name}}\n\nAbout {{agneda}}\n' >"$T/config/followup/templates/call"
	fu_ok add Ana --first-contact 2026-10-01
	fu_ok next 1 2026-11-05
	fu script 1
	expect_rc 2
	expect_err_line "$T/config/followup/templates/call:3: '{{agneda}}': unknown field"
	printf 'a\n{{#company}}\nb\n' >"$T/config/followup/templates/call"
	fu script 1
	expect_rc 2
	expect_err_line "call:2: '{{#company}}': section not closed"
	printf '{{{name}}}' >"$T/config/followup/templates/call"
	fu script 1
	expect_rc 2
	expect_err_line "call:1: '{{{name}}': not in followup's templates"
	# An editor that breaks the template: the error at once, the file kept.
	printf '#!/bin/sh\nprintf "{{oops}}\\n" >"$1"\n' >"$T/ed"
	chmod +x "$T/ed"
	FU_ENV="VISUAL=$T/ed" fu template edit summary
	expect_rc 2
	expect_err_line "summary:1: '{{oops}}': unknown field"
	# An editor that cannot start: one line naming it, the file kept.
	cp "$T/config/followup/templates/summary" "$T/summary.before"
	FU_ENV="VISUAL=/nonexistent/editor" fu template edit summary
	expect_rc 1
	expect_err_line "editor: cannot run '/nonexistent/editor': no such file or directory"
	cmp -s "$T/summary.before" "$T/config/followup/templates/summary" || fail "the template changed"
	fu template show nonsense
	expect_rc 2
	expect_err_line "template 'nonsense': expected call, call-N, reminder or summary"
	fu script 99
	expect_rc 2
	expect_err_line "prospect '99': no such prospect"
	fu template frob
	expect_rc 2
	expect_err_line "template 'frob': expected list, show or edit"
}
