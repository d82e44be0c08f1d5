# t_mail.sh - what to say and what to send, in the TUI (issue 18; SPEC §7,
# §10): the call script on S under the last note, the mail flow on m
# (reminder or summary, the editor with curses suspended, then send, draft
# or discard), the mail records on the pane's timeline, and the dial key's
# words split by the one splitter (proc_split).
#
# The editor is a fake ($T/ed.sh, as VISUAL): it says FAKE-EDITOR on the
# terminal, records the tty modes it was given (stty -g), reads one line
# typed on the terminal and appends it to the message, or empties the
# message when the line is EMPTY.  Reading a line needs the terminal back
# in the shell's modes (canonical, CR mapped to NL): a TUI that left it in
# raw mode would keep the editor waiting.  The sendmail is a fake too
# ($T/sendmail.sh): each message it is given lands in a file of its own
# in $T/sent.

# The templates are the repository's (the binary is a copy, away from the
# build tree where it would find them).
TPL_DIR=$(cd "$TESTS_DIR/../../data/templates" 2>/dev/null && pwd)

# mail_setup [maildir]: Zoë (#1) with an email, a call logged with a note
# and an appointment with an agenda; Bob (#2) without either; the rep in
# the configuration, the fake sendmail and, unless "nomaildir", a Maildir.
mail_setup() {
	FU_ENV="FOLLOWUP_TEMPLATES=$TPL_DIR"
	fu_ok add "Zoë Łukasiewicz" --company "Łódź Tech" --phone "+48 42 123 45 67" \
		--email zoe@lodz.example --first-contact 2026-11-02 || return 1
	fu_ok log 1 --channel call --outcome connected --at "2026-11-03 10:00" \
		--note "wants the SSO demo for the support team" || return 1
	fu_ok next 1 2026-11-06 14:30 --agenda "SSO demo" || return 1
	fu_ok add "Bob Stone" --company Initech --first-contact 2026-11-04 || return 1
	mkdir -p "$T/sent"
	printf '#!/bin/sh\ncat >%s/msg.$$\n' "'$T/sent'" >"$T/sendmail.sh"
	cat >"$T/ed.sh" <<EOF
#!/bin/sh
echo ran >>'$T/editor.ran'
stty -g >'$T/stty.editor' 2>/dev/null
printf 'FAKE-EDITOR on the message, type a line:\n'
IFS= read -r line
case \$line in
EMPTY) : >"\$1" ;;
*) printf '%s\n' "\$line" >>"\$1" ;;
esac
EOF
	chmod +x "$T/sendmail.sh" "$T/ed.sh"
	{
		printf '[rep]\nname = Rita Rep\nemail = rita@acme.example\ncompany = Acme\n'
		printf '[mail]\nsendmail = %s\n' "$T/sendmail.sh"
		[ "${1:-}" = nomaildir ] || printf 'maildir = %s\n' "$T/Maildir"
	} >"$T/config/followup/config"
}

# start_mail_tui: the TUI at 100x40 (the pane below the list) with the
# fake editor and the templates, on all prospects (Bob Stone, then Zoë,
# who is not due: her appointment is tomorrow), Zoë selected.
start_mail_tui() {
	start_tui "${MAIL_COLS:-100}" "${MAIL_ROWS:-40}" VISUAL="${MAIL_EDITOR:-$T/ed.sh}" FOLLOWUP_TEMPLATES="$TPL_DIR"
	keys 3
	wait_for "[All]"
	select_name "Zoë Łukasiewicz"
}

sent_count() { find "$T/sent" -type f | wc -l | tr -d ' '; }

# expect_sent N: the fake sendmail got N messages.
expect_sent() {
	[ "$(sent_count)" = "$1" ] || fail "sendmail got $(sent_count) messages, expected $1"
}

# message_part FILE WHAT: the received message's To header, or its plain
# text body, decoded (Python's email package, policy.default).
message_part() {
	"$PY" - "$1" "$2" <<'EOF'
import sys, email
from email import policy
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=policy.default)
if sys.argv[2] == "to":
    print(m["To"])
else:
    print(m.get_body(preferencelist=("plain",)).get_content())
EOF
}

# mail_json: the prospect's mail records, as `show --format json` has them.
mail_json() { fu_ok show 1 --format json && jget 'd["mail"]'; }

# expect_no_mail: Zoë (#1) has no mail record.
expect_no_mail() { mail_json >/dev/null && expect_json 'd["mail"]' "[]"; }

# mail_menu KIND: m, then KIND (r for a reminder, s for a summary) at its
# question.
mail_menu() {
	keys m
	wait_for "r)eminder s)ummary" || return 1
	keys "$1"
}

# edit_line [LINE]: in the fake editor, LINE (if any) typed, then Enter.
edit_line() {
	wait_for "FAKE-EDITOR on the message" || return 1
	[ -z "${1:-}" ] || type_text "$1"
	keys Enter
}

# compose KIND LINE: a mail of KIND (mail_menu) with LINE added in the
# editor; returns at the question send, draft or discard.
compose() {
	mail_menu "$1" || return 1
	edit_line "$2" || return 1
	wait_for "x or Esc discards"
}

# ---- the call script (S) --------------------------------------------------------

test_script_key_shows_the_call_script_under_the_last_note() {
	local first last
	mail_setup
	fu_ok script 1
	first=$(sed -n 1p "$T/out")
	last=$(grep -v '^ *$' "$T/out" | tail -n 1 | cut -c1-60)
	[[ $first == *"Rita Rep"* ]] || fail "the script does not name the rep: [$first]" || return 1
	start_mail_tui
	wait_selected "Zoë Łukasiewicz"
	expect_screen_lacks "Call script ("
	keys S
	wait_for "Call script ("
	# Under the last note, with the rep's name, as `followup script` says it.
	wait_for "$first"
	expect_screen_has "wants the SSO demo for the support team"
	rows_in_order "Open with:" "Call script ("
	# J scrolls the pane down to the script's end.
	press_until 10 J -F -- "$last"
	expect_screen_has "$last"
	# S again hides it; S shows it, and Esc hides it.
	keys S
	wait_gone "Call script ("
	expect_status "call script hidden"
	keys S
	wait_for "Call script ("
	keys Escape
	wait_gone "Call script ("
	# Moving on while it shows: the next prospect's script.
	keys S
	wait_for "Call script ("
	keys k
	wait_selected "Bob Stone"
	wait_for "Hello Bob, this is Rita Rep"
	expect_running
}

test_script_template_error_is_one_line_in_the_pane_and_status_line() {
	local n
	mail_setup
	mkdir -p "$T/config/followup/templates"
	for n in call call-1 call-2 call-3 call-4 call-5 call-6; do
		printf 'Hello {{first_name}}, about {{no_such_field}}\n' >"$T/config/followup/templates/$n"
	done
	start_mail_tui
	keys S
	expect_status "no_such_field"
	wait_for "Call script:"
	# In the pane (its own rows), and on the status line.
	[ "$(screen | grep -cF "no_such_field")" -ge 2 ] ||
		{ dump; fail "the error is not in the pane"; } || return 1
	# Still running, keys still work.
	keys k
	wait_selected "Bob Stone"
	keys S
	wait_gone "Call script:"
	expect_running
}

test_script_key_on_a_small_terminal_swaps_the_list_for_the_pane() {
	mail_setup
	start_tui 80 12 FOLLOWUP_TEMPLATES="$TPL_DIR"
	keys 3
	wait_for "[All]"
	# Bob, the first row: no pane shows on 12 rows.
	expect_screen_lacks "Call script ("
	keys S
	wait_for "Call script ("
	wait_for "Hello Bob, this is Rita Rep"
	wait_gone "DUE        NAME"
	# S again: the list is back, the pane gone again.
	keys S
	wait_for "DUE        NAME"
	expect_screen_lacks "Call script ("
	expect_running
}

# ---- the mail flow (m) ----------------------------------------------------------

test_mail_reminder_edited_then_sent_and_the_terminal_is_sane() {
	local f
	mail_setup
	start_mail_tui
	wait_selected "Zoë Łukasiewicz"
	mail_menu r
	# The editor has the terminal, in the shell's modes.
	wait_for "FAKE-EDITOR on the message"
	[ "$(tm list-panes -t t -F '#{alternate_on}')" = 0 ] || fail "the editor runs on the TUI's alternate screen" || return 1
	edit_line "APPENDED-LINE-42"
	wait_for "x or Esc discards"
	expect_screen_has "reminder to zoe@lodz.example"
	cmp -s "$T/stty.before" "$T/stty.editor" ||
		fail "the editor got tty modes $(cat "$T/stty.editor"), the shell had $(cat "$T/stty.before")" || return 1
	expect_sent 0 || return 1 # not before the question was answered
	keys s
	expect_status "sent reminder to Zoë Łukasiewicz <zoe@lodz.example>"
	expect_sent 1 || return 1
	f=$(find "$T/sent" -type f)
	[ "$(message_part "$f" to)" = "Zoë Łukasiewicz <zoe@lodz.example>" ] ||
		fail "To: [$(message_part "$f" to)]" || return 1
	message_part "$f" body | grep -x "APPENDED-LINE-42" >/dev/null ||
		fail "the body lacks the line typed in the editor: [$(message_part "$f" body)]" || return 1
	mail_json >/dev/null
	expect_json 'len(d["mail"])' 1
	expect_json 'd["mail"][0]["kind"]' reminder
	# The timeline has it.
	wait_for "reminder sent: Our call on"
	# Bracketed paste and the alternate screen were off while the editor
	# ran, and on again after.
	"$PY" - "$T/raw" <<'EOF' || fail "terminal modes around the editor" || return 1
import re, sys
raw = open(sys.argv[1], "rb").read()
at = raw.find(b"FAKE-EDITOR")
def last(seq, data):
    m = re.findall(rb"\x1b\[\?" + seq + rb"([hl])", data)
    return m[-1].decode() if m else "none"
ok = True
for seq in (b"2004", b"1049"):
    before, after = last(seq, raw[:at]), last(seq, raw[at:])
    if (before, after) != ("l", "h"):
        print("    ?%s before the editor %s, after %s" % (seq.decode(), before, after))
        ok = False
sys.exit(0 if ok else 1)
EOF
	# The screen is the TUI's again, and keys work.
	keys k
	wait_selected "Bob Stone"
	settle
	printf 'x\ny' >"$T/paste.txt"
	tm load-buffer -b fu_paste "$T/paste.txt"
	tm paste-buffer -p -d -b fu_paste -t t
	expect_status "pasted text ignored"
	keys q
	wait_exit
	expect_terminal_restored
}

test_mail_summary_saved_as_a_draft() {
	mail_setup
	start_mail_tui
	compose s "DRAFT-LINE-7"
	keys d
	expect_status "drafted summary to Zoë Łukasiewicz <zoe@lodz.example>"
	[ "$(find "$T/Maildir/cur" -type f | wc -l)" = 1 ] || fail "no draft in the Maildir's cur/" || return 1
	message_part "$T/Maildir/cur/"* body | grep -x "DRAFT-LINE-7" >/dev/null ||
		fail "the draft lacks the line typed in the editor" || return 1
	expect_sent 0 || return 1
	mail_json >/dev/null
	expect_json 'len(d["mail"])' 1
	expect_json 'd["mail"][0]["kind"]' summary
	wait_for "summary draft: Summary of our call"
	expect_running
}

test_mail_draft_without_a_maildir_says_so_then_discards() {
	mail_setup nomaildir
	start_mail_tui
	compose r "a line"
	keys d
	wait_for "no Maildir for drafts: set [mail] maildir"
	keys x
	expect_status "reminder to Zoë Łukasiewicz discarded: nothing sent or saved"
	expect_sent 0 || return 1
	[ ! -e "$T/Maildir" ] || fail "a Maildir was made" || return 1
	expect_no_mail
}

test_mail_discarded_sends_and_records_nothing() {
	mail_setup
	start_mail_tui
	compose r "never mind"
	keys Escape
	expect_status "reminder to Zoë Łukasiewicz discarded: nothing sent or saved"
	expect_sent 0 || return 1
	[ ! -e "$T/Maildir" ] || fail "a draft was saved" || return 1
	expect_no_mail
	expect_screen_lacks "reminder sent"
	expect_running
}

test_mail_emptied_in_the_editor_is_not_sent() {
	mail_setup
	start_mail_tui
	mail_menu r
	edit_line "EMPTY"
	expect_status "emptied in the editor: not sent"
	expect_screen_lacks "x or Esc discards"
	expect_sent 0 || return 1
	expect_no_mail
	# Back in the TUI, keys work.
	keys k
	wait_selected "Bob Stone"
	expect_running
}

test_mail_editor_that_fails_is_one_line_and_sends_nothing() {
	mail_setup
	printf '#!/bin/sh\necho ran >>%s\nexit 3\n' "'$T/editor.ran'" >"$T/bad-ed.sh"
	chmod +x "$T/bad-ed.sh"
	MAIL_EDITOR=$T/bad-ed.sh start_mail_tui
	mail_menu r
	expect_status "exit status 3: nothing sent"
	[ -s "$T/editor.ran" ] || fail "the editor did not run" || return 1
	expect_sent 0 || return 1
	expect_no_mail
	keys k
	wait_selected "Bob Stone"
	keys q
	wait_exit
	expect_terminal_restored
}

test_mail_editor_that_cannot_run_is_one_line_and_sends_nothing() {
	mail_setup
	MAIL_EDITOR=/nonexistent/editor start_mail_tui
	mail_menu s
	expect_status "editor: cannot run '/nonexistent/editor': no such file or directory"
	expect_sent 0 || return 1
	keys k
	wait_selected "Bob Stone"
	expect_running
}

test_mail_without_an_appointment_or_an_address_says_so_on_the_screen() {
	mail_setup
	start_mail_tui
	# Bob: no email, no appointment.  Said without leaving the screen.
	keys k
	wait_selected "Bob Stone"
	mail_menu s
	expect_status "Bob Stone has no email address"
	fu_ok edit 2 --email bob@initech.example
	mail_menu r
	expect_status "Bob Stone has no appointment to remind of"
	# A mistyped kind asks again; Esc cancels.
	mail_menu z
	wait_for "no such key"
	keys Escape
	expect_status "mail cancelled"
	[ ! -e "$T/editor.ran" ] || fail "the editor ran" || return 1
	expect_running
}

test_a_reminder_already_sent_asks_before_sending_another() {
	mail_setup
	start_mail_tui
	compose r ""
	keys s
	expect_status "sent reminder to Zoë Łukasiewicz"
	mail_menu r
	wait_for "went to Zoë Łukasiewicz already: send another? y/n"
	keys n
	expect_status "not sent"
	mail_menu r
	wait_for "send another? y/n"
	keys y
	edit_line
	wait_for "x or Esc discards"
	keys s
	expect_status "sent reminder to Zoë Łukasiewicz"
	expect_sent 2 || return 1
}

# ---- mail on the timeline -------------------------------------------------------

test_pane_timeline_lists_mail_with_the_touches_newest_first() {
	mail_setup
	# A draft made by the CLI (recorded on FOLLOWUP_TODAY, 2026-11-05, at the
	# clock's time of day: after the touch of 2026-11-03).
	fu_ok mail summary 1 --no-edit --maildir "$T/drafts"
	start_mail_tui
	wait_selected "Zoë Łukasiewicz"
	wait_for "Touches (1) and mail (1), newest first:"
	wait_for "summary draft: Summary of our call"
	# Above the older touch.
	rows_in_order "summary draft: Summary of our call" "call/connected: wants the SSO demo"
	# Marked as mail, not as a touch (#N).
	screen | grep -F "summary draft: Summary of our call" | grep -qE '^ mail 20[0-9-]+ [0-9:]+ summary draft' ||
		{ dump; fail "the mail line is not marked as mail"; }
}

# ---- the dial key's words: proc_split -------------------------------------------

test_dial_command_is_split_by_the_one_splitter() {
	seed_basic
	# Issue 18: the dial key had a splitter of its own, with its own
	# messages; now every command of the rep's is split by proc_split.
	printf '[phone]\ndial = /bin/true "{phone}\n' >"$T/config/followup/config"
	start_tui 100 30
	wait_for "Cleo Park"
	select_name "Ana Ruiz"
	keys c
	expect_status "[phone] dial '/bin/true \"{phone}': a quote is not closed"
	show_json 1
	expect_json 'd["touch_count"]' 1
	expect_running
}
