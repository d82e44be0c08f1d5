# t_reload.sh - compute on reload, draw only what is computed (issue 15):
# the stats view's figures are computed when the data changes, not on
# each paint, and the detail pane is read when its prospect changes; what
# was computed is redrawn on a resize, and every change, this process's
# or another's, is reloaded.

# bar_of LABEL CHAR: how many CHAR cells the row holding LABEL shows.
bar_of() { line_with "$1" | grep -oF -- "$2" | wc -l | tr -d ' '; }

# One prospect with one call, connected: the response bar of "call" is
# full (100%), 40 cells on a wide terminal, w - 34 on a narrow one.
one_call() {
	fu_ok add "Ana Ruiz" --company Acme --first-contact 2026-11-02
	fu_ok log 1 --channel call --outcome connected --at "2026-11-03 10:00"
}

test_stats_figures_are_redrawn_at_a_new_size() {
	one_call
	start_tui 120 40
	keys 4
	wait_for "call   100% of 1"
	[ "$(bar_of "call   100%" "█")" = 40 ] || { dump; fail "call's bar is not 40 cells at 120 columns"; }
	resize 60 20
	wait_for "$(today_label)"
	wait_for "call   100% of 1"
	local i n
	for ((i = 0; i < 60; i++)); do
		n=$(bar_of "call   100%" "█")
		[ "$n" = 26 ] && break
		nap
	done
	[ "$n" = 26 ] || { dump; fail "call's bar is $n cells at 60 columns, not 26"; }
	expect_screen_has "Pipeline: 1 prospects, 1 active, 0 won, 0 lost"
	expect_running
}

# This process's writes do not change PRAGMA data_version (only other
# connections' do): the handler's R_RELOAD is what brings the figures up
# to date.
test_stats_view_follows_its_own_writes() {
	one_call
	start_tui 120 40
	keys 4
	wait_for "Pipeline: 1 prospects, 1 active"
	keys a
	wait_for "Add prospect"
	type_text "Bob Stone"
	keys Enter
	expect_status "added #2"
	wait_for "Pipeline: 2 prospects, 2 active"
	keys u
	expect_status "undone:"
	wait_for "Pipeline: 1 prospects, 1 active"
	# And another process's.
	fu_ok add "Cleo Park" --first-contact 2026-11-04
	wait_for "Pipeline: 2 prospects, 2 active" 3
	expect_running
}

test_detail_pane_follows_the_selection_and_writes() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	wait_selected "Cleo Park"
	expect_screen_lacks "Open with:"
	keys j
	wait_selected "Ana Ruiz"
	wait_for "ask about the Q1 budget"
	wait_for "Touches (1), newest first:"
	keys k
	wait_selected "Cleo Park"
	wait_gone "ask about the Q1 budget"
	# Another process edits Cleo: the pane shows it without a key.
	fu_ok edit 3 --company "Globex Two"
	wait_for " Globex Two" 3
	# This process's edit of the selected prospect, too (Title, the
	# third field).
	keys e
	wait_for "Edit prospect"
	keys Tab Tab
	type_text "Buyer"
	keys Enter
	expect_status "saved"
	wait_for " Buyer, Globex Two"
	expect_running
}

test_small_terminal_enter_shows_the_pane_instead_of_the_list() {
	seed_basic
	start_tui 40 12
	wait_for "Cleo Park"
	expect_screen_has "Ana Ruiz"
	expect_screen_lacks "Touches ("
	keys Enter
	wait_for "2026-10-30  step 1"
	wait_for "Touches (0)"
	expect_screen_lacks "Ana Ruiz"
	keys Enter
	wait_for "Ana Ruiz"
	wait_gone "Touches ("
	# The pane follows a selection made while it was away.
	keys j
	keys Enter
	wait_for "CFO, Acme"
	wait_for "Open with:"
	expect_screen_lacks "Cleo Park"
	keys Enter
	wait_for "Bob Stone"
	expect_running
}
