# t_list.sh - the list at the moment of the call (issue 17, SPEC §7): its
# columns use the width and are named (item 3), the selected prospect
# stays selected (item 4), search finds people and, from the due list or
# the agenda, offers the match among all prospects (item 5), the agenda
# shows appointment times (item 9), a terminal that cannot run the TUI
# gets the due list (item 10), Ctrl-D / Ctrl-U and the mouse (item 11).

# people: due prospects whose names, companies and phones need room, and
# accents that search must fold, as seen on Thu 2026-11-05, in due order:
#   2 Amélie Durand-Lefèvre  Société Générale  3d late
#   1 José García            Telefónica        3d late (one call: step 2)
#   3 Harper Quinlan         Northwind ...     2d late
#   5 Ana Núñez              Acme              1d late
#   4 Łukasz Wiśniewski      Orlen             1d late
#   6 Bo Chen                Globex            today (+1 555 0117)
people() {
	fu_ok add "José García" --company "Telefónica" --phone "+34 600 555 011" --first-contact 2026-10-28 || return 1
	fu_ok add "Amélie Durand-Lefèvre" --company "Société Générale" --phone "+33 1 42 14 20 00" \
		--first-contact 2026-10-30 || return 1
	fu_ok add "Harper Quinlan" --company "Northwind Traders International" --phone "+1 (555) 010-7788" \
		--first-contact 2026-11-02 || return 1
	fu_ok add "Łukasz Wiśniewski" --company "Orlen" --phone "+48 22 555 01 17" --first-contact 2026-11-03 || return 1
	fu_ok add "Ana Núñez" --company "Acme" --phone "+52 55 1234 5678" --first-contact 2026-11-03 || return 1
	fu_ok add "Bo Chen" --company "Globex" --phone "+1 555 0117" --first-contact 2026-11-04 || return 1
	fu_ok log 1 --channel call --outcome connected --at "2026-10-29 10:00" --note "wants SSO" || return 1
}

# header_row: the list's first row (the column headings), under the header.
header_row() { screen | sed -n 2p; }
# row_of NAME: NAME's row of the list (not the pane's title beside the
# column headings, at 120 columns and more).
row_of() { screen | grep -F -- "$1" | grep -v '^DUE ' | head -n 1; }

# expect_columns LABEL...: the column headings are exactly these, in order.
expect_columns() {
	local want="$*" got
	got=$(header_row | tr -s ' ' '\n' | grep -E '^(DUE|NAME|COMPANY|PHONE|STEP|LAST|TOUCH|STATUS)$' | tr '\n' ' ')
	got=${got% }
	[ "$got" = "$want" ] || { dump; fail "column headings [$got], expected [$want]"; }
}

test_list_uses_120_columns_with_a_header_line() {
	people
	start_tui 120 35
	wait_for "Société Générale"
	# A header line names the columns; at 120 the phone is there, and the
	# names, companies and phones of the rows on screen are whole.
	header_row | grep -qE '^DUE +NAME +COMPANY +PHONE' || { dump; fail "no header line naming the columns"; }
	row_of "Amélie Durand-Lefèvre" | grep -qF "Société Générale" || { dump; fail "Société Générale is cut"; }
	row_of "Amélie Durand-Lefèvre" | grep -qF "+33 1 42 14 20 00" || { dump; fail "no whole phone at 120 columns"; }
	row_of "Harper Quinlan" | grep -qF "+1 (555) 010-7788" || { dump; fail "Harper's phone is cut"; }
	row_of "Łukasz Wiśniewski" | grep -qF "+48 22 555 01 17" || { dump; fail "Łukasz's phone is cut"; }
	# The columns line up under their headings.
	local h a
	h=$(header_row)
	a=$(row_of "Amélie Durand-Lefèvre")
	[ "$(display_col "$h" COMPANY)" = "$(display_col "$a" "Société Générale")" ] || { dump; fail "COMPANY is not over the companies"; }
	[ "$(display_col "$h" PHONE)" = "$(display_col "$a" "+33 1 42 14 20 00")" ] || { dump; fail "PHONE is not over the phones"; }
}

test_list_at_200_columns_shows_every_field_whole() {
	people
	start_tui 200 50
	wait_for "Société Générale"
	expect_columns DUE NAME COMPANY PHONE STEP LAST TOUCH
	row_of "Harper Quinlan" | grep -qF "Northwind Traders International" || { dump; fail "the company is cut at 200 columns"; }
	row_of "José García" | grep -qF "call/connected" || { dump; fail "no last touch at 200 columns"; }
	# Column widths follow the rows shown: no company column 40 wide of
	# blanks after "Northwind Traders International" (31 columns).
	local h
	h=$(header_row)
	[ $(($(display_col "$h" PHONE) - $(display_col "$h" COMPANY))) -le 34 ] || { dump; fail "the company column is wider than its widest company"; }
}

test_list_columns_go_in_order_as_the_width_shrinks() {
	people
	start_tui 200 50
	wait_for "Société Générale"
	# Without the detail pane the list is as wide as the terminal (the
	# pane moves from the side to below at 110 columns).
	keys Enter
	wait_gone "Touches ("
	local w prev=9 n labels
	for w in 160 120 100 80 72 60 50 40; do
		resize "$w" 40
		wait_for "$(today_label)"
		nap
		settle
		labels=$(header_row | tr -s ' ' '\n' | grep -E '^(COMPANY|PHONE|STEP|LAST)$' | tr '\n' ' ')
		# What is left is always a prefix of company, phone, step, last.
		case "COMPANY PHONE STEP LAST " in
		"$labels"*) ;;
		*) dump; fail "at $w columns the columns are [$labels]: not company, phone, step, last in that order" ;;
		esac
		n=$(echo "$labels" | wc -w)
		[ "$n" -le "$prev" ] || { dump; fail "at $w columns a column came back"; }
		prev=$n
		# The due column and the names always stay, whole.
		header_row | grep -qE '^DUE +NAME' || { dump; fail "at $w columns no DUE and NAME headings"; }
		local name
		for name in "Amélie Durand-Lefèvre" "Harper Quinlan" "José García" "Łukasz Wiśniewski"; do
			[ "$(display_col "$(row_of "$name")" "$name")" = 11 ] ||
				{ dump; fail "at $w columns $name is not whole after the due column"; }
		done
	done
	# At 40 columns the names are all that is left beside the due column.
	expect_columns DUE NAME
	expect_running
}

test_selection_stays_across_views_sorts_reloads_and_resizes() {
	people
	start_tui 100 30
	wait_for "Bo Chen"
	select_name "Łukasz Wiśniewski"
	# 1 -> 3 -> 1 (the issue's round trip).
	keys 3
	wait_for "[All]"
	wait_selected "Łukasz Wiśniewski"
	keys 1
	wait_for "[Due]"
	wait_selected "Łukasz Wiśniewski"
	# Through the agenda, and the sorts of the all view.
	keys 2
	wait_for "[Upcoming]"
	wait_selected "Łukasz Wiśniewski"
	keys 3
	wait_for "[All]"
	keys s
	expect_status "sorted by company"
	wait_selected "Łukasz Wiśniewski"
	keys s
	expect_status "sorted by due"
	wait_selected "Łukasz Wiśniewski"
	keys 1
	wait_for "[Due]"
	wait_selected "Łukasz Wiśniewski"
	# Another process logs a call for the first row (who leaves the
	# list): the TUI reloads by itself and keeps Łukasz.
	fu_ok log 1 --channel call --outcome connected
	wait_gone "José García"
	settle
	wait_selected "Łukasz Wiśniewski"
	# A resize keeps him too.
	resize 80 24
	wait_gone "[Due]  Upcoming"
	settle
	wait_selected "Łukasz Wiśniewski"
	resize 130 30
	wait_for "[Due]  Upcoming"
	settle
	screen | grep -q "│Łukasz Wiśniewski *$" || { dump; fail "Łukasz is not selected at 130 columns"; }
	resize 100 30
	settle
	wait_selected "Łukasz Wiśniewski"
	# He is logged here: he leaves the due list and the row that took his
	# place (the next one, Bo) is selected.
	keys l c c Enter
	expect_status "logged call/connected for Łukasz Wiśniewski"
	settle
	wait_selected "Bo Chen"
	[ -z "$(row_of "Łukasz Wiśniewski")" ] || { dump; fail "Łukasz is still listed"; }
	expect_running
}

test_search_filter_stays_shown_and_esc_clears_it() {
	seed_basic
	start_tui 100 30
	wait_for "Cleo Park"
	search_enter bob "Cleo Park"
	# A message on the status line (the log's) replaces the hints: the
	# filter is still shown, in the header.
	keys l c c Enter
	expect_status "logged call/connected for Bob Stone"
	screen | head -n 1 | grep -qF "bob" || { dump; fail "the filter 'bob' is not shown while it applies"; }
	# Esc in the list clears it.
	keys Escape
	wait_for "Cleo Park"
	wait_for "Ana Ruiz"
	settle
	screen | head -n 1 | grep -qF "bob" && { dump; fail "the header still shows the filter after Esc"; }
	expect_running
}

test_search_folds_accents_and_finds_phones_in_every_view() {
	people
	start_tui 100 30
	wait_for "Bo Chen"
	local v
	for v in 1 2 3; do
		keys "$v"
		settle
		keys /
		type_text "garcia"
		wait_gone "Bo Chen"
		wait_for "José García"
		keys C-u
		type_text "lukasz"
		wait_gone "José García"
		wait_for "Łukasz Wiśniewski"
		keys C-u
		type_text "NUNEZ"
		wait_gone "Łukasz Wiśniewski"
		wait_for "Ana Núñez"
		# A phone by its digits: +1 555 0117 (and Łukasz's +48 22 555 01 17).
		keys C-u
		type_text "5550117"
		wait_gone "Ana Núñez"
		wait_for "Bo Chen"
		expect_screen_has "Łukasz Wiśniewski"
		expect_screen_lacks "Harper Quinlan"
		keys Escape
		wait_for "Harper Quinlan"
	done
	expect_running
}

test_search_in_the_due_list_offers_the_match_among_all_prospects() {
	seed_basic
	# An inbound call from someone not due today (next date in December).
	fu_ok add "Nadia Inbound" --company "Zeta Corp" --phone "+44 20 7946 0958" --first-contact 2026-11-05
	fu_ok next 6 2026-12-15
	start_tui 100 30
	wait_for "Cleo Park"
	keys /
	type_text "nadia"
	wait_for "no match in Due — 1 in all prospects: Enter shows it"
	keys Enter
	wait_for "[All]"
	wait_selected "Nadia Inbound"
	# The search is kept: the list shows her alone, the header the filter.
	expect_screen_lacks "Cleo Park"
	screen | head -n 1 | grep -qF "nadia" || { dump; fail "the filter is not kept in the all view"; }
	# From the agenda, by the digits of her phone, too.
	keys Escape
	wait_for "Cleo Park"
	keys 2
	wait_for "[Upcoming]"
	keys /
	type_text "2079460958"
	wait_for "no match in Upcoming — 1 in all prospects: Enter shows it"
	keys Enter
	wait_for "[All]"
	wait_selected "Nadia Inbound"
	# Nobody at all.
	keys Escape 1
	wait_for "[Due]"
	keys /
	type_text "zzzz"
	wait_for "no match in Due, nor among all prospects"
	expect_running
}

test_agenda_shows_appointment_times() {
	seed_basic
	fu_ok add "Hal Next" --company Cyberdyne --first-contact 2026-11-05
	fu_ok next 6 2026-11-09 14:30
	fu_ok add "Ivy Late" --company Soylent --first-contact 2026-11-05
	fu_ok next 7 2026-11-09
	start_tui 100 30
	keys 2
	wait_for "Mon 9 Nov"
	# Under its day's heading, the time is beside the name.
	row_of "Hal Next" | grep -qE '^14:30 +Hal Next' || { dump; fail "Hal's 14:30 appointment shows no time beside the name"; }
	row_of "Ivy Late" | grep -qF "14:30" && { dump; fail "an untimed next date shows a time"; }
	expect_running
}

# start_plain COLS ROWS VAR=VALUE...: start_tui for a run that is not the
# TUI (its screen has no header with today's date): it waits for the due
# list's Cleo Park instead.
start_plain() {
	today_label() { echo "Cleo Park"; }
	start_tui "$@"
	local rc=$?
	today_label() { LC_ALL=C date -d "$TODAY" '+%-d %b'; }
	return $rc
}

test_dumb_terminal_gets_the_due_list_and_why() {
	seed_basic
	start_plain 100 30 TERM=dumb
	wait_exit 3
	[ "$(cat "$T/tui.exit")" = 0 ] || fail "TERM=dumb: exit status $(cat "$T/tui.exit")"
	grep -qF "followup: terminal 'dumb' cannot show the full-screen view" "$T/tui.err" ||
		fail "TERM=dumb: stderr does not say why: [$(cat "$T/tui.err")]"
	[ "$(wc -l <"$T/tui.err")" -eq 1 ] || fail "TERM=dumb: more than one line on stderr: [$(cat "$T/tui.err")]"
	grep -qF "here is the due list" "$T/tui.err" || fail "TERM=dumb: stderr: [$(cat "$T/tui.err")]"
	# The due list itself, as `followup due` prints it.
	expect_screen_has "Cleo Park"
	expect_screen_has "Ana Ruiz"
	expect_screen_has "Bob Stone"
	expect_screen_lacks "Dan Wu"
}

test_unknown_terminal_gets_the_due_list_and_why() {
	seed_basic
	start_plain 100 30 TERM=no-such-terminal-17
	wait_exit 3
	[ "$(cat "$T/tui.exit")" = 0 ] || fail "unknown TERM: exit status $(cat "$T/tui.exit") [$(cat "$T/tui.err")]"
	grep -qF "followup: terminal 'no-such-terminal-17' cannot show the full-screen view (unknown to terminfo)" "$T/tui.err" ||
		fail "unknown TERM: stderr: [$(cat "$T/tui.err")]"
	[ "$(wc -l <"$T/tui.err")" -eq 1 ] || fail "unknown TERM: ncurses spoke too: [$(cat "$T/tui.err")]"
	expect_screen_has "Cleo Park"
	expect_screen_has "Bob Stone"
}

# many N: N prospects "Person 01".. due today or late, in name order.
many() {
	local i
	for i in $(seq -w 1 "$1"); do
		fu_ok add "Person $i" --company "Co $i" --first-contact 2026-11-02 || return 1
	done
}

test_ctrl_d_and_ctrl_u_move_half_a_page() {
	many 30
	start_tui 100 30
	wait_for "Person 01"
	wait_selected "Person 01"
	# 13 rows under the column headings at 100x30: half a page is 6.
	keys C-d
	wait_selected "Person 07"
	keys C-d
	wait_selected "Person 13"
	keys C-u
	wait_selected "Person 07"
	keys C-u C-u
	wait_selected "Person 01"
	# Ctrl-U in a search still clears the query (tui_search_key).
	keys /
	type_text "person 2"
	wait_gone "Person 13"
	keys C-u
	wait_for "Person 13"
	keys Enter
	expect_running
}

# click COL ROW [BUTTON]: an SGR mouse press and release at the 1-based
# screen cell (what a terminal sends with mouse mode 1006 on).
click() {
	type_text $'\e'"[<${3:-0};$1;$2M"
	[ "${3:-0}" -ge 64 ] || type_text $'\e'"[<${3:-0};$1;$2m"
}

# mouse_modes: the mouse modes the TUI asked the terminal for.
mouse_modes() { grep -aoE $'\033\\[\\?[0-9;]*[hl]' "$T/raw" | grep -E '1000|1002|1003|1006' | sort -u | cat -v | tr '\n' ' '; }

test_mouse_off_by_default_click_selects_and_wheel_scrolls_when_on() {
	many 30
	start_tui 100 30
	wait_for "Person 01"
	settle
	# Off by default: no mouse mode asked for, so the terminal keeps its
	# own selection (copying a phone number); a click is not read.
	[ -z "$(mouse_modes)" ] || fail "mouse reporting on without [tui] mouse = on: $(mouse_modes)"
	keys q
	wait_exit
	printf '[tui]\nmouse = on\n' >"$T/config/followup/config"
	# Again in a new session of the same server (a server killed and
	# started again at once may still be on its way out).
	tm kill-session -t t
	: >"$T/raw"
	start_tui 100 30
	wait_for "Person 01"
	settle
	grep -qaE $'\033\\[\\?1000h' "$T/raw" || grep -qaE $'\033\\[\\?1006;1000h' "$T/raw" ||
		fail "[tui] mouse = on did not turn mouse reporting on"
	# Row 3 of the screen (after the header and the column headings) is
	# Person 01; row 6 is Person 04.
	click 5 6
	wait_selected "Person 04"
	click 20 3
	wait_selected "Person 01"
	# The wheel: three rows a notch.
	click 5 5 65
	wait_selected "Person 04"
	click 5 5 65
	wait_selected "Person 07"
	click 5 5 64
	wait_selected "Person 04"
	# A click on the pane or the header selects nothing.
	click 5 1
	click 5 25
	settle
	wait_selected "Person 04"
	expect_running
}

# paging_data N: N prospects through one CSV import: seven names only (so
# that the order falls back to the id), every fourth without a company,
# day 0 spread over three weeks, a third with an explicit next date within
# the fortnight (half of those at a time, several on the same minute), one
# in ten won and one in ten lost; each is known on screen by its phone,
# +1 555 01ID.
paging_data() {
	"$PY" - "$1" >"$T/paging.csv" <<'PYEOF'
import datetime as dt, random, sys
n = int(sys.argv[1])
rng = random.Random(17)
today = dt.date(2026, 11, 5)
names = ["Ann Lee", "ann lee", "Bo Chen", "Zoë Roy", "Émile Faure", "Kai Moto", "Lin Wu"]
print("id,name,company,phone,status,first_contact,cadence,due,due_time,due_kind")
for i in range(1, n + 1):
    status = "won" if i % 10 == 3 else "lost" if i % 10 == 7 else "active"
    d0 = today - dt.timedelta(days=rng.randint(0, 20))
    due = due_time = kind = ""
    if status == "active" and i % 3 == 0:
        kind = "explicit"
        due = (today + dt.timedelta(days=rng.randint(0, 14))).isoformat()
        due_time = rng.choice(["", "", "09:00", "14:30"])
    company = "" if i % 4 == 0 else rng.choice(["Acme", "acme", "Globex", "Zeta", "Énergie"])
    print("%d,%s,%s,+1 555 01%03d,%s,%s,standard,%s,%s,%s" % (i, names[i % 7], company, i, status, d0, due, due_time, kind))
PYEOF
	fu_ok import "$T/paging.csv"
}

# screen_ids: the prospects on the list's rows (above the detail pane), by
# their phone's last digits, in screen order.
screen_ids() { screen | sed -n '3,$p' | sed '/^─/,$d' | grep -oE '\+1 555 01[0-9]{3}' | sed 's/.* 01//; s/^0*//'; }

# walk KEY: press KEY a page at a time until the screen stops moving, and
# print every prospect seen, in the order first seen (going up: from the
# bottom of each screen).
walk() {
	local seen=" " id last="" i cur same=0
	for ((i = 0; i < 60; i++)); do
		if [ "$1" = PageUp ]; then
			cur=$(screen_ids | tac | tr '\n' ' ')
		else
			cur=$(screen_ids | tr '\n' ' ')
		fi
		# The selection may move within the screen once; twice, the
		# list has ended.
		if [ "$cur" = "$last" ]; then
			same=$((same + 1))
			[ "$same" -ge 2 ] && break
		else
			same=0
		fi
		last=$cur
		for id in $cur; do
			[[ $seen == *" $id "* ]] && continue
			seen+="$id "
			echo "$id"
		done
		keys "$1"
		settle
	done
}

# expect_walk NAME WANT_FILE: walk the view down and up again; down, the
# rows are WANT_FILE's (ids, one a line) in its order; up, in reverse.
expect_walk() {
	walk PageDown >"$T/down"
	cmp -s "$2" "$T/down" || { dump; fail "$1, paging down: $(diff "$2" "$T/down" | head -5 | tr '\n' ' ')"; return 1; }
	walk PageUp >"$T/up"
	tac "$2" | cmp -s - "$T/up" || { dump; fail "$1, paging up: $(tac "$2" | diff - "$T/up" | head -5 | tr '\n' ' ')"; return 1; }
}

# The window is read a page at a time by key (store_view.c) and trimmed to
# about four screens (tui_list.c; 260 rows are more): walking it down and
# up must meet every row once, in the CLI's order, whatever ties of due
# date, time, name and case it meets.
test_paging_through_the_views_follows_the_cli_order() {
	paging_data 260
	start_tui 100 30
	wait_for "$(today_label)"
	# The agenda: `followup due --days 14` in due-list order.
	fu_ok due --days 14 --format tsv
	awk -F'\t' 'NR > 1 { print $1 }' "$T/out" >"$T/want"
	keys 2
	wait_for "[Upcoming]"
	settle
	expect_walk "the agenda" "$T/want"
	# Every prospect in each of the list sorts.
	keys 3
	wait_for "[All]"
	local sort
	for sort in name company due status; do
		fu_ok list --status all --sort "$sort" --format tsv
		awk -F'\t' 'NR > 1 { print $1 }' "$T/out" >"$T/want"
		[ "$sort" = name ] || { keys s; expect_status "sorted by $sort"; }
		keys g
		settle
		expect_walk "all by $sort" "$T/want"
	done
	# G reads the last page by query: the last row is the CLI's last.
	keys G
	settle
	[ "$(screen_ids | tail -n 1)" = "$(tail -n 1 "$T/want")" ] || { dump; fail "G is not on the last row"; }
	expect_running
}
