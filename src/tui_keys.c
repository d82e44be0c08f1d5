/*
 * tui_keys.c - the one key table: every TUI action declared once with its
 * keys, group and help text (tig's request list).  Dispatch, the `?` help
 * screen and the status-line hints all read this table, so they cannot
 * drift apart.
 */
#include <curses.h>

#include "followup/tui.h"

#define CTRL(c) ((c) & 0x1f)

const struct tui_key tui_keys[] = {
	{ACT_DOWN, "down", {L'j', KEY_DOWN, 0}, "j Down", "Move", "next row", 0},
	{ACT_UP, "up", {L'k', KEY_UP, 0}, "k Up", "Move", "previous row", 0},
	{ACT_PGDOWN, "page down", {KEY_NPAGE, CTRL('f'), L' ', 0}, "PgDn ^F Space", "Move", "next page", 0},
	{ACT_PGUP, "page up", {KEY_PPAGE, CTRL('b'), 0}, "PgUp ^B", "Move", "previous page", 0},
	{ACT_TOP, "top", {L'g', KEY_HOME, 0}, "g Home", "Move", "first row", 0},
	{ACT_BOTTOM, "bottom", {L'G', KEY_END, 0}, "G End", "Move", "last row", 0},
	{ACT_OPEN, "open", {L'\n', L'\r', KEY_ENTER, 0}, "Enter", "Move", "show or hide the detail pane", 0},
	{ACT_LOG, "log", {L'l', 0}, "l", "Prospect", "log a touch: channel key, outcome key, note", 1},
	{ACT_NEXT, "next date", {L'n', 0}, "n", "Prospect", "set the next date (snooze or appointment), empty clears", 1},
	{ACT_ADD, "add", {L'a', 0}, "a", "Prospect", "add a prospect", 1},
	{ACT_EDIT, "edit", {L'e', 0}, "e", "Prospect", "edit the prospect, qualification flags included", 1},
	{ACT_WON, "won", {L'W', 0}, "W", "Prospect", "mark won (asks first)", 1},
	{ACT_LOST, "lost", {L'L', 0}, "L", "Prospect", "mark lost (asks first)", 1},
	{ACT_UNTOUCH, "remove touch", {L'X', 0}, "X", "Prospect", "remove a mislogged touch (the latest by default)", 0},
	{ACT_DELETE, "delete", {L'D', KEY_DC, 0}, "D Del", "Prospect", "delete the prospect and its touches (asks first)", 0},
	{ACT_SEARCH, "search", {L'/', 0}, "/", "Views", "search as you type (name, company, email, phone); Esc clears", 1},
	{ACT_VIEW_NEXT, "next view", {L'\t', 0}, "Tab", "Views", "cycle views: due, upcoming, all, stats", 1},
	{ACT_VIEW_DUE, "due", {L'1', 0}, "1", "Views", "due list: overdue, due today, need a decision", 0},
	{ACT_VIEW_UPCOMING, "upcoming", {L'2', 0}, "2", "Views", "upcoming agenda, next 14 days by day", 0},
	{ACT_VIEW_ALL, "all", {L'3', 0}, "3", "Views", "all prospects", 0},
	{ACT_VIEW_STATS, "stats", {L'4', 0}, "4", "Views", "stats", 0},
	{ACT_SORT, "sort", {L's', 0}, "s", "Views", "all prospects: sort by name, company, due, status", 0},
	{ACT_EXPORT, "export", {L'E', 0}, "E", "Other", "export the calendar (.ics file, or a vdir directory ending in /)", 0},
	{ACT_UNDO, "undo", {L'u', 0}, "u", "Other", "undo the last change (any process's), repeatable", 1},
	{ACT_REFRESH, "redraw", {CTRL('l'), 0}, "^L", "Other", "reload and redraw", 0},
	{ACT_HELP, "help", {L'?', KEY_F(1), 0}, "? F1", "Other", "this help", 1},
	{ACT_QUIT, "quit", {L'q', 0}, "q", "Other", "quit", 1},
	{ACT_NONE, NULL, {0}, NULL, NULL, NULL, 0},
};

enum tui_action tui_key_action(wint_t key, int is_key)
{
	const struct tui_key *k;
	int i;

	for (k = tui_keys; k->action != ACT_NONE; k++)
		for (i = 0; i < 4 && k->keys[i]; i++) {
			wint_t want = k->keys[i];
			/* KEY_* codes live above 0x100; characters below (ASCII here). */
			if (want == key && (is_key ? want >= KEY_MIN : want < KEY_MIN))
				return k->action;
		}
	return ACT_NONE;
}
