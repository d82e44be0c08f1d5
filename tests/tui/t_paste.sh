# t_paste.sh - pasted text is text (issue 17, item 1; SPEC §7).  Before,
# bracketed paste was never turned on: the first line break of a pasted
# recap saved the note, and the rest ran as keys (`a` added a junk
# prospect, W/L/D followed by y could change or delete one).  Now the TUI
# sends ESC [?2004h, tmux wraps a `paste-buffer -p` in ESC [200~ ... ESC
# [201~, and the TUI reads it as one paste.

# paste FILE: paste the file's text as a bracketed paste (tmux turns line
# breaks into CR, as a terminal does).
paste() {
	tm load-buffer -b fu_paste "$1"
	tm paste-buffer -p -d -b fu_paste -t t
}

# last_paste_mode: h or l, the last ESC [?2004 sequence the TUI wrote.
last_paste_mode() { grep -aoE $'\033\\[\\?2004[hl]' "$T/raw" | tail -n 1 | cut -c8; }

# state: every prospect's id, name and status, one per line.
state() {
	fu_ok list --status all --sort name --format json
	jget '"\n".join("%d %s %s" % (p["id"], p["name"], p["status"]) for p in d)'
}

# A recap full of command letters, one per line start.
RECAP='Call recap:
a) W wants SSO (Okta); y
D: L review takes 3 weeks
y
q) next: demo with Jan, thu'

test_paste_into_the_note_is_one_note_with_its_line_breaks() {
	seed_basic
	local before
	before=$(state)
	start_tui 120 35
	wait_for "Cleo Park"
	keys l c c
	wait_for "note ("
	printf '%s' "$RECAP" >"$T/recap.txt"
	paste "$T/recap.txt"
	# The note editor grew upward: each line of the paste on its own row.
	wait_for "q) next: demo with Jan, thu"
	expect_screen_has "D: L review takes 3 weeks"
	line_with "Call recap:" | grep -qF "note (Enter saves" || { dump; fail "the first line is not after the prompt"; }
	expect_screen_lacks "Add prospect"
	expect_screen_lacks "y/n"
	# Enter typed saves it, whole.
	keys Enter
	expect_status "logged call/connected for Cleo Park"
	fu_ok show 3 --format json
	expect_json 'd["touch_count"]' 1
	expect_json 'd["touches"][0]["note"]' "$RECAP"
	# Nobody added, deleted or re-statused.
	[ "$(state)" = "$before" ] || fail "the paste changed prospects: [$(state)], before [$before]"
	expect_running
	# The last touch's note shows in the pane, line by line.
	resize 100 40
	keys 3
	wait_for "[All]"
	select_name "Cleo Park"
	wait_for "Open with:"
	expect_screen_has "D: L review takes 3 weeks"
}

test_paste_in_the_list_runs_no_command() {
	seed_basic
	local before
	before=$(state)
	start_tui 100 30
	wait_for "Cleo Park"
	printf 'a\nW\ny\nD\ny\nL\ny\nq\n' >"$T/keys.txt"
	paste "$T/keys.txt"
	expect_status "pasted text ignored"
	expect_screen_lacks "Add prospect"
	expect_running
	settle
	expect_running
	[ "$(state)" = "$before" ] || fail "a paste in the list changed prospects: [$(state)], before [$before]"
	# The keys still work after it.
	keys l
	wait_for "log channel"
	keys Escape
	expect_status "log cancelled"
}

test_paste_into_a_one_line_field_joins_its_lines() {
	start_tui 100 30
	wait_for "0 overdue"
	keys a
	wait_for "Add prospect"
	printf 'Zoë\nLambert\n' >"$T/name.txt"
	paste "$T/name.txt"
	wait_for "Name: Zoë Lambert"
	keys Tab
	printf 'Société\r\n\r\nGénérale' >"$T/co.txt"
	paste "$T/co.txt"
	wait_for "Company: Société Générale"
	keys Enter
	expect_status "added #1 Zoë Lambert"
	fu_ok show 1 --format json
	expect_json 'd["name"]' "Zoë Lambert"
	expect_json 'd["company"]' "Société Générale"
}

test_paste_at_a_yes_no_question_answers_nothing() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	keys D
	wait_for "y/n"
	printf 'y\n' >"$T/y.txt"
	paste "$T/y.txt"
	expect_status "y/n"
	keys n
	expect_status "not deleted"
	fu_ok show 3 --format json
	expect_json 'd["name"]' "Cleo Park"
}

test_bracketed_paste_is_on_while_running_and_off_after() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	local last
	last=$(last_paste_mode)
	[ "$last" = h ] || fail "bracketed paste is not on (last ?2004 sequence: [$last])" || return 1
	keys q
	wait_exit
	expect_terminal_restored
	last=$(last_paste_mode)
	[ "$last" = l ] || fail "bracketed paste left on at exit (last ?2004 sequence: [$last])"
}

test_ctrl_z_turns_bracketed_paste_off_while_suspended() {
	# The test's shell has no job control, so the TUI is not really
	# stopped (the kernel drops a SIGTSTP to an orphaned process group):
	# what is checked is what it writes around the suspend, and that it
	# comes back.
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	grep -aoE $'\033\\[\\?2004[hl]' "$T/raw" | tr -d '\033' >"$T/before"
	keys C-z
	nap; nap; nap; nap
	settle
	grep -aoE $'\033\\[\\?2004[hl]' "$T/raw" | tr -d '\033' >"$T/after"
	[ "$(tail -n 2 "$T/after" | tr '\n' ' ')" = "[?2004l [?2004h " ] ||
		fail "around Ctrl-Z: $(tr '\n' ' ' <"$T/after") (before: $(tr '\n' ' ' <"$T/before"))"
	wait_for "Cleo Park"
	expect_running
}
