# t_input.sh - one function reads keys for every loop (tui_read_key in
# src/tui_input.c, issue 15): the main loop, the one-key and y/n prompts,
# the line editor, the form and the help screen handle Ctrl-C and a
# resize the same way.
#
# Ctrl-C arrives as SIGINT and today quits the TUI from wherever it is,
# prompts included, saving nothing the prompt held.  These tests pin that
# behaviour as it is; a later issue may make Ctrl-C cancel a prompt
# instead, which is then one change in tui_input.c and a change here.

# ctrl_c_quits: Ctrl-C ends the TUI and the terminal is restored.
ctrl_c_quits() {
	keys C-c
	wait_exit 2 || return 1
	expect_terminal_restored
}

test_ctrl_c_in_the_note_editor_quits_without_logging() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	keys l c c
	wait_for "note ("
	type_text "not saved"
	wait_for "not saved"
	ctrl_c_quits
	fu_ok show 3 --format json
	expect_json 'd["touch_count"]' 0
}

test_ctrl_c_at_the_channel_prompt_quits() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	keys l
	wait_for "log channel:"
	ctrl_c_quits
}

test_ctrl_c_in_a_form_quits_without_saving() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	keys a
	wait_for "Add prospect"
	type_text "Never Added"
	wait_for "Never Added"
	ctrl_c_quits
	fu_ok list --status all
	expect_out_lacks "Never Added"
}

test_ctrl_c_on_a_form_toggle_quits_without_saving() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	keys e
	wait_for "Edit prospect"
	# Ten text fields, then the first toggle (contact verified).
	keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Space
	wait_for "[x] contact verified"
	ctrl_c_quits
	fu_ok show 3 --format json
	expect_json 'd["flags"]' '[]'
}

test_ctrl_c_at_a_yes_no_question_quits_without_changing() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	keys W
	wait_for "y/n"
	ctrl_c_quits
	fu_ok show 3 --format json
	expect_json 'd["status"]' active
}

test_ctrl_c_on_the_help_screen_quits() {
	start_tui 80 24
	wait_for "0 overdue"
	keys ?
	wait_for "followup help  (j/k"
	ctrl_c_quits
}

test_ctrl_c_while_searching_quits() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	keys /
	type_text "cl"
	wait_gone "Ana Ruiz"
	ctrl_c_quits
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
