/*
 * tui_keys.c - the one key table: every TUI action declared once, as one
 * row with where it is hinted, its name, keys, how the keys are spelled,
 * its group, its help text and its handler (htop's Action.c style: the
 * row carries the function, so there is no enum of actions and no switch
 * to keep in step).  Dispatch (tui_key_find), the `?` help screen
 * (tui_help.c) and the status-line hints (tui_draw.c) all read this
 * table, so they cannot drift apart; the man page check
 * (tests/cli/t_docs.sh) and the help test (tests/tui/t_views.sh) read
 * the rows of this file, so keep each on one line in this shape.
 *
 * Exports tui_keys[] and tui_key_find().
 */
#include "tui_int.h"

#include <curses.h>

const struct tui_key tui_keys[] = {
	{ACT_HELP_ONLY, "down", {L'j', KEY_DOWN, 0}, "j Down", "Move", "next row", act_down},
	{ACT_HELP_ONLY, "up", {L'k', KEY_UP, 0}, "k Up", "Move", "previous row", act_up},
	{ACT_HELP_ONLY, "page down", {KEY_NPAGE, CTRL('f'), L' ', 0}, "PgDn ^F Space", "Move", "next page", act_page_down},
	{ACT_HELP_ONLY, "page up", {KEY_PPAGE, CTRL('b'), 0}, "PgUp ^B", "Move", "previous page", act_page_up},
	{ACT_HELP_ONLY, "half page down", {CTRL('d'), 0}, "^D", "Move", "half a page down", act_half_down},
	{ACT_HELP_ONLY, "half page up", {CTRL('u'), 0}, "^U", "Move", "half a page up", act_half_up},
	{ACT_HELP_ONLY, "top", {L'g', KEY_HOME, 0}, "g Home", "Move", "first row", act_top},
	{ACT_HELP_ONLY, "bottom", {L'G', KEY_END, 0}, "G End", "Move", "last row", act_bottom},
	{ACT_HELP_ONLY, "open", {L'\n', L'\r', KEY_ENTER, 0}, "Enter", "Move", "show or hide the detail pane", act_open},
	{ACT_HELP_ONLY, "mouse", {KEY_MOUSE, 0}, "click wheel", "Move", "with [tui] mouse = on: a click selects the row, the wheel scrolls", act_mouse},
	{ACT_HELP_ONLY, "pane down", {L'J', 0}, "J", "Move", "scroll the detail pane down (long notes, the older touches)", act_pane_down},
	{ACT_HELP_ONLY, "pane up", {L'K', 0}, "K", "Move", "scroll the detail pane up", act_pane_up},
	{ACT_HINT, "log", {L'l', 0}, "l", "Prospect", "log a touch: channel key, outcome key (@ dates it), note", act_log},
	{ACT_HINT, "call", {L'c', 0}, "c", "Prospect", "dial the prospect ([phone] dial), then log the call", act_dial},
	{ACT_HINT, "script", {L'S', 0}, "S", "Prospect", "show or hide the call script under the last note", act_script},
	{ACT_HINT, "mail", {L'm', 0}, "m", "Prospect", "mail a reminder or summary: edit, then send, draft or discard", act_mail},
	{ACT_HINT, "next date", {L'n', 0}, "n", "Prospect", "set the next date (snooze or appointment), empty clears", act_next},
	{ACT_HINT, "add", {L'a', 0}, "a", "Prospect", "add a prospect", act_add},
	{ACT_HINT, "edit", {L'e', 0}, "e", "Prospect", "edit the prospect, qualification flags included", act_edit},
	{ACT_HINT, "won", {L'W', 0}, "W", "Prospect", "mark won (asks first)", act_won},
	{ACT_HINT, "lost", {L'L', 0}, "L", "Prospect", "mark lost (asks first)", act_lost},
	{ACT_HELP_ONLY, "remove touch", {L'X', 0}, "X", "Prospect", "remove a mislogged touch (the latest by default)", act_untouch},
	{ACT_HELP_ONLY, "delete", {L'D', KEY_DC, 0}, "D Del", "Prospect", "delete the prospect and its touches (asks first)", act_delete},
	{ACT_HINT, "search", {L'/', 0}, "/", "Views", "search as you type (name, company, email, phone); Esc clears", act_search},
	{ACT_HELP_ONLY, "clear filter", {27, 0}, "Esc", "Views", "hide the call script (S), else clear the search's filter", act_escape},
	{ACT_HINT, "next view", {L'\t', 0}, "Tab", "Views", "cycle views: due, upcoming, all, stats", act_view_next},
	{ACT_HELP_ONLY, "due", {L'1', 0}, "1", "Views", "due list: overdue, due today, need a decision", act_view_due},
	{ACT_HELP_ONLY, "upcoming", {L'2', 0}, "2", "Views", "upcoming agenda, next 14 days by day", act_view_upcoming},
	{ACT_HELP_ONLY, "all", {L'3', 0}, "3", "Views", "all prospects", act_view_all},
	{ACT_HELP_ONLY, "stats", {L'4', 0}, "4", "Views", "stats", act_view_stats},
	{ACT_HELP_ONLY, "sort", {L's', 0}, "s", "Views", "all prospects: sort by name, company, due, status", act_sort},
	{ACT_HELP_ONLY, "export", {L'E', 0}, "E", "Other", "export the calendar (.ics file, or a vdir directory ending in /)", act_export},
	{ACT_HINT, "undo", {L'u', 0}, "u", "Other", "undo the last change (any process's), repeatable", act_undo},
	{ACT_HELP_ONLY, "redraw", {CTRL('l'), 0}, "^L", "Other", "reload and redraw", act_refresh},
	{ACT_HINT_FIRST, "help", {L'?', KEY_F(1), 0}, "? F1", "Other", "this help", act_help},
	{ACT_HINT_FIRST, "quit", {L'q', CTRL('c'), 0}, "q ^C", "Other", "quit (^C in a prompt or form cancels only that)", act_quit},
	{ACT_HELP_ONLY, "paste", {TUI_KEY_PASTE, 0}, "paste", "Other", "a paste in the list runs no command (paste into a prompt)", act_paste},
	{ACT_HELP_ONLY, NULL, {0}, NULL, NULL, NULL, NULL},
};

const struct tui_key *tui_key_find(wint_t key, int is_code)
{
	const struct tui_key *k;
	int i;

	for (k = tui_keys; k->name; k++)
		for (i = 0; i < 4 && k->keys[i]; i++) {
			wint_t want = k->keys[i];
			/* KEY_* codes live above 0x100; characters below (ASCII here). */
			if (want == key && (is_code ? want >= KEY_MIN : want < KEY_MIN))
				return k;
		}
	return NULL;
}
