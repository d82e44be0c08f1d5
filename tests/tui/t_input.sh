# t_input.sh - one function reads keys for every loop (tui_read_key in
# src/tui_input.c, issue 15): the main loop, the one-key and y/n prompts,
# the line editor, the form and the help screen handle Ctrl-C and a
# resize the same way.
#
# Ctrl-C (issue 17, SPEC §7): the terminal is in raw mode, so Ctrl-C is a
# key, not SIGINT.  In a prompt or form it cancels that prompt only, and
# what was typed is kept for when it is opened again for the same
# prospect; in the list it quits, with status 0.  (Until issue 17 these
# tests pinned the old behaviour: Ctrl-C quit from wherever it was,
# saving nothing the prompt held.)

# ctrl_c_quits: Ctrl-C in the list ends the TUI, status 0, and the
# terminal is restored.
ctrl_c_quits() {
	keys C-c
	wait_exit 2 || return 1
	[ "$(cat "$T/tui.exit")" = 0 ] || fail "Ctrl-C in the list: exit status $(cat "$T/tui.exit")" || return 1
	expect_terminal_restored
}

# ctrl_c_cancels TEXT: Ctrl-C in a prompt leaves it (TEXT, on the status
# line, says so) and the TUI runs on.
ctrl_c_cancels() {
	keys C-c
	expect_status "$1" || return 1
	expect_running
}

test_ctrl_c_in_the_note_editor_cancels_and_keeps_the_note() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	keys l c c
	wait_for "note ("
	type_text "half a recap"
	wait_for "half a recap"
	ctrl_c_cancels "log cancelled; the note is kept for Cleo Park"
	fu_ok show 3 --format json
	expect_json 'd["touch_count"]' 0
	# Opened again for Cleo: the note is there; Enter saves it.
	keys l c c
	wait_for "note ("
	expect_status "half a recap"
	type_text ", the rest"
	keys Enter
	expect_status "logged call/connected for Cleo Park"
	fu_ok show 3 --format json
	expect_json 'd["touches"][0]["note"]' "half a recap, the rest"
	# Once saved, the draft is gone: the next note for Cleo starts empty.
	keys 3
	wait_for "[All]"
	select_name "Cleo Park"
	keys l c c
	wait_for "note ("
	expect_status "note (Enter saves, Esc cancels):"
	[[ $(status_line) != *recap* ]] || fail "the saved note came back as a draft: [$(status_line)]"
	keys Escape
	expect_status "log cancelled"
	ctrl_c_quits
}

test_ctrl_c_keeps_a_note_per_prospect() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	select_name "Cleo Park"
	keys l c c
	wait_for "note ("
	type_text "for Cleo"
	wait_for "for Cleo"
	ctrl_c_cancels "kept for Cleo Park"
	# Another prospect's note starts empty.
	select_name "Ana Ruiz"
	keys l c c
	wait_for "note ("
	expect_screen_lacks "for Cleo"
	keys C-c
	expect_status "log cancelled"
	select_name "Cleo Park"
	keys l e r
	wait_for "note ("
	expect_status "for Cleo"
	keys Escape
	expect_running
}

test_ctrl_c_at_the_channel_prompt_cancels_the_log() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	keys l
	wait_for "log channel:"
	ctrl_c_cancels "log cancelled"
	keys l c
	wait_for "outcome:"
	ctrl_c_cancels "log cancelled"
	ctrl_c_quits
}

test_ctrl_c_in_a_form_cancels_and_keeps_what_was_typed() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	keys a
	wait_for "Add prospect"
	type_text "Never Added"
	wait_for "Never Added"
	ctrl_c_cancels "cancelled; what was typed is kept"
	wait_gone "Add prospect"
	fu_ok list --status all
	expect_out_lacks "Never Added"
	# The add form opens again with it.
	keys a
	wait_for "Add prospect (kept from before)"
	expect_screen_has "Name: Never Added"
	keys Escape
	wait_gone "Add prospect"
	fu_ok list --status all
	expect_out_lacks "Never Added"
	ctrl_c_quits
}

test_ctrl_c_on_a_form_toggle_cancels_without_saving() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	keys e
	wait_for "Edit prospect"
	# Ten text and choice fields, then the first toggle (contact verified).
	keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Space
	wait_for "[x] contact verified"
	ctrl_c_cancels "the changes are kept for Cleo Park"
	wait_gone "Edit prospect"
	fu_ok show 3 --format json
	expect_json 'd["flags"]' '[]'
	ctrl_c_quits
}

test_ctrl_c_at_a_yes_no_question_changes_nothing() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	keys W
	wait_for "y/n"
	ctrl_c_cancels "not changed"
	fu_ok show 3 --format json
	expect_json 'd["status"]' active
	ctrl_c_quits
}

test_ctrl_c_on_the_help_screen_closes_it() {
	start_tui 80 24
	wait_for "0 overdue"
	keys ?
	wait_for "followup help  (j/k"
	keys C-c
	wait_gone "followup help  (j/k"
	expect_running
	ctrl_c_quits
}

test_ctrl_c_while_searching_ends_the_search_and_keeps_the_filter() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	keys /
	type_text "cl"
	wait_gone "Ana Ruiz"
	keys C-c
	expect_status "[filter: cl"
	expect_screen_has "Cleo Park"
	expect_running
	ctrl_c_quits
}

test_sigint_from_another_process_still_quits() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	keys l c c
	wait_for "note ("
	kill -INT "$(tui_pid)"
	wait_exit 2
	expect_terminal_restored
	fu_ok show 3 --format json
	expect_json 'd["touch_count"]' 0
}

# After a resize, each prompt is still there, over a screen laid out for
# the new size (at 60x15 there is no room for the pane below the list).
test_resize_under_each_prompt_lays_out_for_the_new_size() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	wait_for "Touches (0), newest first:"
	# The y/n question.
	keys W
	wait_for "y/n"
	resize 60 15
	wait_gone "Touches (0), newest first:"
	expect_status "y/n"
	screen | head -n 1 | grep -qF "$(today_label)" || { dump; fail "no header after the resize"; }
	keys n
	expect_status "not changed"
	# The channel prompt.
	resize 100 30
	wait_for "Touches (0), newest first:"
	keys l
	wait_for "log channel:"
	resize 60 15
	wait_gone "Touches (0), newest first:"
	expect_status "log channel:"
	keys Escape
	expect_status "log cancelled"
	# The line editor keeps its text and cursor.
	resize 100 30
	wait_for "Touches (0), newest first:"
	keys l c c
	wait_for "note ("
	type_text "abc"
	wait_for "abc"
	resize 60 15
	wait_gone "Touches (0), newest first:"
	expect_status "abc"
	type_text "def"
	expect_status "abcdef"
	keys Escape
	expect_status "log cancelled"
	# The help screen stays up, and what is under it follows.
	keys ?
	wait_for "followup help  (j/k"
	resize 100 30
	nap; nap
	screen | head -n 1 | grep -qF "followup help  (j/k" || { dump; fail "the help screen went on a resize"; }
	keys x
	wait_for "Touches (0), newest first:"
	expect_running
}
