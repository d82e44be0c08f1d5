# t_keys.sh - the one key table (src/tui_keys.c, issue 15): its rows carry
# their handlers and feed the `?` screen, the status-line hints and the
# man page check, so nothing else lists the keys.

keys_src() { echo "$TESTS_DIR/../../src/tui_keys.c"; }

# Two checks read the table's rows as text: the man page check
# (tests/cli/t_docs.sh: `}, "KEYS", "GROUP", "`) and the help test
# (t_views.sh: `{ACT_..., "NAME", {...}, "KEYS", "GROUP", "HELP"`).  A row
# in another shape would drop out of both without failing either (issue
# 15 reshaped the rows); every row must be one they read.
test_key_table_rows_are_in_the_shape_the_checks_read() {
	local src rows docs help
	src=$(keys_src)
	rows=$(grep -cE '^[[:space:]]*\{ACT_[A-Z_]+, "' "$src")
	docs=$(grep -oE '\}, "[^"]+", "(Move|Prospect|Views|Other)", "' "$src" | wc -l | tr -d ' ')
	help=$(sed -nE 's/.*\{ACT_[A-Z_]+, "[^"]*", \{[^}]*\}, "([^"]*)", "(Move|Prospect|Views|Other)", "([^"]*)".*/\1|\3/p' \
		"$src" | wc -l | tr -d ' ')
	[ "$rows" -ge 20 ] || fail "found only $rows rows in $src" || return 1
	[ "$docs" = "$rows" ] || fail "the man page check reads $docs of the $rows rows" || return 1
	[ "$help" = "$rows" ] || fail "the help test reads $help of the $rows rows" || return 1
	# Each row names its handler: no switch elsewhere to keep in step.
	[ "$(grep -cE '^[[:space:]]*\{ACT_[A-Z_]+, ".*, act_[a-z_]+\},$' "$src")" = "$rows" ] ||
		fail "a row of $src does not end with its handler (act_...)"
}

# The status line's hints are the table's hinted rows, first key and name
# each: the ACT_HINT_FIRST rows (help, quit) first, then the ACT_HINT rows,
# in table order.
test_status_hints_are_the_hinted_rows_of_the_key_table() {
	local hint name keyn first="" rest="" want got
	while IFS='|' read -r hint name keyn; do
		case $hint in
		ACT_HINT_FIRST) first+="${keyn%% *} $name  " ;;
		ACT_HINT) rest+="${keyn%% *} $name  " ;;
		esac
	done < <(sed -nE 's/.*\{(ACT_[A-Z_]+), "([^"]*)", \{[^}]*\}, "([^"]*)", "(Move|Prospect|Views|Other)".*/\1|\2|\3/p' \
		"$(keys_src)")
	want="$first$rest"
	want=${want%"${want##*[! ]}"}
	[[ $want == "? help  q quit  "* ]] || fail "unexpected hints from the table: [$want]" || return 1
	start_tui 200 30
	wait_for "0 overdue"
	wait_for "q quit"
	got=$(status_line)
	got=${got%"${got##*[! ]}"}
	[ "$got" = "$want" ] || { dump; fail "hints [$got], the table says [$want]"; }
}

# Every key of every row reaches its handler: each is pressed once and
# does what its row's help says, as far as the screen shows it.
test_each_row_dispatches_to_its_handler() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	# Views: 2, 3, 4, 1, Tab.
	keys 2
	wait_for "[Upcoming]"
	keys 3
	wait_for "[All]"
	keys s
	expect_status "sorted by company"
	keys 4
	wait_for "Pipeline"
	keys 1
	wait_for "[Due]"
	keys Tab
	wait_for "[Upcoming]"
	keys 1
	wait_for "[Due]"
	# Moving (G, g, j, k; the pane's title is the selection).
	keys G
	wait_selected "Bob Stone"
	keys g
	wait_selected "Cleo Park"
	keys j
	wait_selected "Ana Ruiz"
	keys k
	wait_selected "Cleo Park"
	# The prospect's keys open their prompts; Esc (or n) leaves each.
	keys l
	wait_for "log channel:"
	keys Escape
	expect_status "log cancelled"
	keys n
	wait_for "next date ("
	keys Escape
	expect_status "cancelled"
	keys W
	wait_for "as won? y/n"
	keys n
	expect_status "not changed"
	keys L
	wait_for "as lost? y/n"
	keys n
	expect_status "not changed"
	keys D
	wait_for "delete Cleo Park (no touches logged)? y/n"
	keys n
	expect_status "not deleted"
	keys X
	expect_status "no touch to remove"
	keys a
	wait_for "Add prospect"
	keys Escape
	expect_status "cancelled"
	keys e
	wait_for "Edit prospect"
	keys Escape
	expect_status "cancelled"
	keys E
	wait_for "export to ("
	keys Escape
	expect_status "cancelled"
	keys u
	expect_status "undone: edit Eve Marsh (#5)"
	keys /
	type_text "zz"
	wait_for "no match"
	keys Escape
	wait_for "Cleo Park"
	keys C-l
	wait_for "Cleo Park"
	keys Enter
	wait_gone "day 0 2026-10-29"
	keys Enter
	wait_for "day 0 2026-10-29"
	type_text $'\eOP' # F1
	wait_for "followup help  (j/k"
	keys x
	wait_gone "followup help  (j/k"
	keys q
	wait_exit
	[ "$(cat "$T/tui.exit")" = 0 ] || fail "q left with status $(cat "$T/tui.exit")"
}
