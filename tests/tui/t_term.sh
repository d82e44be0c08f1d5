# t_term.sh - the terminal: resize, small sizes, UTF-8 alignment, NO_COLOR,
# monochrome, quitting and signals.

# expect_sane COLS ROWS: the window has that size, the header (today's
# date) is on the first row, the TUI still runs, and no row is wider than
# the window.
expect_sane() {
	local size day
	size=$(tm display -p -t t '#{window_width}x#{window_height}')
	[ "$size" = "$1x$2" ] || fail "window is $size, expected $1x$2"
	day=$(today_label)
	wait_for "$day"
	screen | head -n 1 | grep -qF "$day" || { dump; fail "no header (date) on the first row at $1x$2"; }
	expect_running
	screen | "$PY" -c 'import sys, unicodedata
cols = int(sys.argv[1])
def w(c):
    if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
for n, line in enumerate(sys.stdin.read().split("\n"), 1):
    if sum(w(c) for c in line) > cols:
        sys.exit("row %d wider than %d: %r" % (n, cols, line))' "$1" || { dump; fail "garbage at $1x$2"; }
}

# still_responds: a key still does something (the view changes and back).
# (The stats view's "Pipeline" heading, not the header's [Stats]: below
# about 105 columns the header leaves the view names out.)
still_responds() {
	keys 4
	wait_for "Pipeline"
	keys 1
	wait_gone "Pipeline"
}

test_resize_while_running() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	resize 60 15
	expect_sane 60 15
	resize 40 12
	expect_sane 40 12
	resize 80 24
	expect_sane 80 24
	wait_for "Cleo Park"
	still_responds
	resize 20 6
	nap; nap; nap
	expect_running
	resize 5 3
	nap; nap; nap
	expect_running
	resize 100 30
	expect_sane 100 30
	wait_for "Cleo Park"
	still_responds
}

test_80x24_shows_list_and_detail() {
	seed_basic
	start_tui 80 24
	wait_for "Cleo Park"
	expect_screen_has "Ana Ruiz"
	expect_screen_has "Bob Stone"
	expect_screen_has "day 0 2026-10-29"
	expect_sane 80 24
	still_responds
}

test_80x24_header_names_the_current_view() {
	seed_basic
	start_tui 80 24
	wait_for "Cleo Park"
	# At the standard 80x24 the header must still say which view is shown
	# (it marks it [Due] / [Upcoming] / ... when wide enough).
	keys 2
	wait_for "Fri 6 Nov (tomorrow)"
	screen | head -n 1 | grep -qiE "upcoming" ||
		{ dump; fail "80x24: the header does not name the current view (Upcoming)"; }
	keys 3
	wait_for "Eve Marsh"
	screen | head -n 1 | grep -qiE "\\[all\\]|all prospects" ||
		{ dump; fail "80x24: the header does not name the current view (All)"; }
}

test_small_40x12_shows_the_list() {
	seed_basic
	start_tui 40 12
	expect_sane 40 12
	# 40x12 "degrades sensibly": the due list itself is still what shows
	# (the rows, at least the names), not just one prospect's details.
	wait_for "Cleo Park"
	expect_screen_has "Ana Ruiz"
	expect_screen_has "Bob Stone"
	keys j
	keys l c c Enter
	expect_status "logged call/connected"
	expect_running
}

test_small_60x15_shows_the_list() {
	seed_basic
	start_tui 60 15
	expect_sane 60 15
	wait_for "Cleo Park"
	expect_screen_has "Ana Ruiz"
	expect_screen_has "Bob Stone"
}

test_resize_inside_add_form_and_log_note() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	keys a
	wait_for "Add prospect"
	type_text "Resize Me"
	wait_for "Resize Me"
	resize 60 15
	# At 15 rows the 14-field form takes the whole screen (header
	# included); it must survive and keep what was typed.
	wait_for "Add prospect"
	wait_for "Resize Me"
	expect_running
	resize 40 12
	wait_for "Resize Me"
	expect_running
	resize 100 30
	expect_sane 100 30
	wait_for "Add prospect"
	# The form still works after the resizes: type on and save.
	type_text " Now"
	wait_for "Resize Me Now"
	keys Enter
	expect_status "added #6"
	show_json 6
	expect_json 'd["name"]' "Resize Me Now"
	# Inside the note editor of a log (on Cleo, the first row).
	keys g
	wait_for "day 0 2026-10-29"
	keys l c c
	wait_for "note ("
	type_text "half a note"
	resize 60 15
	expect_sane 60 15
	wait_for "half a note"
	resize 100 30
	wait_for "half a note"
	type_text " and the rest"
	keys Enter
	expect_status "logged call/connected"
	fu_ok show 3 --format json
	expect_json 'd["touches"][0]["note"]' "half a note and the rest"
	# Inside the help screen and a y/n question.
	keys ?
	wait_for "log a touch"
	resize 60 15
	nap; nap; nap
	expect_running
	resize 100 30
	keys x
	wait_for "[Due]"
	keys W
	wait_for "y/n"
	resize 70 20
	wait_for "y/n"
	keys n
	expect_status "not changed"
	expect_running
}

test_utf8_names_render_intact_and_columns_align() {
	fu_ok add "Zoë Lambert" --company "Acme" --phone "111" --first-contact 2026-11-02
	fu_ok add "Kenji Sato" --company "東京商事" --phone "222" --first-contact 2026-11-02
	fu_ok add "😀 Smiley" --company "Emoji Co" --phone "333" --first-contact 2026-11-02
	fu_ok add "$(printf 'Rene\xcc\x81 Roy')" --company "Combo" --phone "444" --first-contact 2026-11-02
	fu_ok add "中文名字很长的一个名字测试测试测试" --company "北京" --phone "555" --first-contact 2026-11-02
	fu_ok add "Plain Name" --company "Plain Co" --phone "666" --first-contact 2026-11-02
	start_tui 100 30
	wait_for "Plain Name"
	wait_for "Zoë Lambert"
	wait_for "東京商事"
	wait_for "😀 Smiley"
	wait_for "$(printf 'Rene\xcc\x81 Roy')"
	# The company column starts at the same display column on every row,
	# and so do the phone and step columns (display columns: East Asian
	# wide = 2, combining = 0, as the terminal counts them).
	screen >"$T/screen"
	"$PY" - "$T/screen" "Zoë Lambert|Acme|111" "Kenji Sato|東京商事|222" "😀 Smiley|Emoji Co|333" \
		"$(printf 'Rene\xcc\x81 Roy')|Combo|444" "中文名字|北京|555" "Plain Name|Plain Co|666" <<'EOF' ||
import sys, unicodedata
def w(c):
    if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
def col(line, text):
    i = line.find(text)
    return -1 if i < 0 else sum(w(c) for c in line[:i])
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
want, bad = None, []
for spec in sys.argv[2:]:
    name, company, phone = spec.split("|")
    line = next((l for l in lines if name in l), None)
    if line is None:
        bad.append("no row for %s" % name)
        continue
    got = (col(line, company), col(line, phone), col(line, " s1 "))
    want = want or got
    if got != want or -1 in got:
        bad.append("%s: company/phone/step at %s, not %s" % (name, got, want))
if bad:
    sys.exit("columns misaligned: " + "; ".join(bad))
EOF
		{ dump; fail "see above"; }
	# The detail pane shows the name intact.
	# Sorted by name (case-insensitively): Kenji, Plain, René, Zoë, 中文…,
	# 😀; the detail pane shows each name whole.
	keys g
	wait_selected "Kenji Sato"
	expect_screen_has " 東京商事"
	keys j j j
	wait_selected "Zoë Lambert"
	keys j
	wait_selected "中文名字很长的一个名字测试测试测试"
	keys j
	wait_selected "😀 Smiley"
	keys k k k
	wait_selected "$(printf 'Rene\xcc\x81 Roy')"
}

test_no_color_renders_without_color() {
	seed_basic
	start_tui 100 30 NO_COLOR=1
	wait_for "Cleo Park"
	wait_for "overdue ·"
	expect_screen_has "Ana Ruiz"
	tm capture-pane -p -e -t t >"$T/esc"
	! grep -qE $'\033\\[([0-9;]*;)?(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38;|48;)' "$T/esc" ||
		fail "NO_COLOR=1 but colors were drawn: $(grep -oE $'\033\\[[0-9;]*m' "$T/esc" | sort -u | cat -v | tr '\n' ' ')"
	# Still usable: the header stands out (reverse), keys work.
	grep -qE $'\033\\[([0-9;]*;)?7(;[0-9;]*)?m' "$T/esc" || fail "no reverse video for the header/selection"
	keys l c c Enter
	expect_status "logged call/connected"
	still_responds
}

test_color_by_default() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	tm capture-pane -p -e -t t >"$T/esc"
	grep -qE $'\033\\[([0-9;]*;)?(3[0-7]|4[0-7]|38;|48;)' "$T/esc" ||
		fail "no colors drawn without NO_COLOR"
}

test_monochrome_terminal() {
	seed_basic
	start_tui 100 30 TERM=vt100
	wait_for "Cleo Park"
	expect_screen_has "overdue"
	keys l c c Enter
	expect_status "logged call/connected"
	still_responds
	keys q
	wait_exit 2
	[ "$(cat "$T/tui.exit")" = 0 ] || fail "exit status $(cat "$T/tui.exit")"
}

test_quit_leaves_no_process_and_restores_terminal() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	local pid
	pid=$(tui_pid)
	[ -n "$pid" ] || fail "no followup process in the pane"
	tm list-panes -t t -F '#{alternate_on}' | grep -qx 1 || fail "the TUI does not use the alternate screen"
	keys q
	wait_exit 2
	[ "$(cat "$T/tui.exit")" = 0 ] || fail "q: exit status $(cat "$T/tui.exit")"
	! kill -0 "$pid" 2>/dev/null || fail "process $pid still runs after q"
	expect_terminal_restored
	[ ! -s "$T/tui.err" ] || fail "stderr: $(cat "$T/tui.err")"
	expect_screen_lacks "Cleo Park"
}

test_sigterm_exits_and_restores_terminal() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	local pid
	pid=$(tui_pid)
	[ -n "$pid" ] || fail "no followup process in the pane"
	kill -TERM "$pid"
	wait_exit 2
	! kill -0 "$pid" 2>/dev/null || fail "process $pid still runs after SIGTERM"
	expect_terminal_restored
}

test_sigterm_inside_a_form_exits() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	local pid
	pid=$(tui_pid)
	keys a
	wait_for "Add prospect"
	type_text "Half"
	wait_for "Half"
	kill -TERM "$pid"
	wait_exit 2
	expect_terminal_restored
	fu_ok list --status all
	expect_out_lacks "Half"
}

test_sigterm_inside_note_editor_exits() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	local pid
	pid=$(tui_pid)
	keys l c c
	wait_for "note ("
	kill -TERM "$pid"
	wait_exit 2
	expect_terminal_restored
	show_json 1
	expect_json 'd["touch_count"]' 1
}

test_ctrl_c_exits_cleanly() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	keys C-c
	wait_exit 2
	expect_terminal_restored
}

# cpu_ticks PID: user+system clock ticks used so far.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null; }

# gone_within PID SECONDS: the process has ended.
gone_within() {
	local i
	for ((i = 0; i < $2 * 20; i++)); do
		kill -0 "$1" 2>/dev/null || return 0
		nap
	done
	return 1
}

test_sighup_exits_and_restores_terminal() {
	# The terminal window closes: its shell passes SIGHUP on to the TUI.
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	local pid
	pid=$(tui_pid)
	kill -HUP "$pid"
	wait_exit 2
	expect_terminal_restored
}

test_sighup_inside_a_form_exits() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	local pid
	pid=$(tui_pid)
	keys a
	wait_for "Add prospect"
	kill -HUP "$pid"
	wait_exit 2
	expect_terminal_restored
}

test_terminal_gone_without_a_signal_does_not_spin() {
	# The pty disappears and no SIGHUP reaches the TUI (its parent does
	# not pass it on): reads fail from then on.  The TUI must end, not
	# loop on the failing read.
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	local pid t0 t1
	pid=$(tui_pid)
	tm kill-server
	if ! gone_within "$pid" 2; then
		t0=$(cpu_ticks "$pid")
		nap; nap; nap; nap; nap; nap; nap; nap; nap; nap
		t1=$(cpu_ticks "$pid")
		kill -KILL "$pid" 2>/dev/null
		fail "still running 2 s after its terminal went away" \
			"(CPU ticks in ~0.5 s: $((t1 - t0)))"
	fi
}

test_sigterm_on_the_help_screen_exits() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	local pid
	pid=$(tui_pid)
	keys ?
	wait_for "log a touch"
	kill -TERM "$pid"
	wait_exit 2
	expect_terminal_restored
}

test_sigterm_at_a_yes_no_question_exits() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	local pid
	pid=$(tui_pid)
	keys D
	wait_for "y/n"
	kill -TERM "$pid"
	wait_exit 2
	expect_terminal_restored
	# Nothing deleted.
	show_json 3
}

test_ctrl_l_redraws_and_reloads() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	keys C-l
	wait_for "Cleo Park"
	expect_screen_has "2 overdue · 1 due today"
	fu_ok edit 3 --company "Globex Two"
	keys C-l
	wait_for "Globex Two"
	expect_running
}

test_add_form_at_60x15_keeps_header_and_status() {
	# A form taller than the screen scrolls its fields; the header (date,
	# counts) should stay in view, as on every other screen.
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	keys a
	wait_for "Add prospect"
	resize 60 15
	wait_for "Add prospect"
	screen | head -n 1 | grep -qF "$(today_label)" ||
		{ dump; fail "60x15 with the add form open: the header is covered by the form"; }
	expect_running
}
