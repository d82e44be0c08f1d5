/*
 * tui.h - the ncurses front end of SPEC §7 (tui*.c only; the core never
 * sees this).  tui_run() is the whole program when `followup` runs on a
 * terminal with no subcommand.
 *
 * Shape: one key table (tui_keys.c) declares every action once: name,
 * keys, group and help text; the same table dispatches keys, draws the `?`
 * screen and the status-line hints.  Handlers change state and return
 * what needs repainting; only the main loop draws (htop's Action.c).
 */
#ifndef FOLLOWUP_TUI_H
#define FOLLOWUP_TUI_H

#include <signal.h>
#include <stddef.h>
#include <wchar.h>

#include "followup/cli.h"

/* Run the TUI until the user quits; 0, or -1 with an error recorded. */
int tui_run(struct cli *c);

enum tui_action {
	ACT_NONE,
	ACT_DOWN, ACT_UP, ACT_PGDOWN, ACT_PGUP, ACT_TOP, ACT_BOTTOM,
	ACT_OPEN, ACT_LOG, ACT_ADD, ACT_EDIT, ACT_NEXT, ACT_WON, ACT_LOST, ACT_DELETE, ACT_UNTOUCH,
	ACT_SEARCH, ACT_VIEW_NEXT, ACT_VIEW_DUE, ACT_VIEW_UPCOMING, ACT_VIEW_ALL, ACT_VIEW_STATS,
	ACT_SORT, ACT_EXPORT, ACT_UNDO, ACT_REFRESH, ACT_HELP, ACT_QUIT,
	ACT__COUNT
};

struct tui_key {
	enum tui_action action;
	const char *name;     /* short name shown in hints */
	wint_t keys[4];       /* wide characters or KEY_* codes; 0 ends */
	const char *keynames; /* how the help screen spells the keys */
	const char *group;    /* Move, Prospect, Views, Other */
	const char *help;     /* one line for the help screen */
	int hint;             /* shown in the status-line hints */
};

/* The key table, terminated by an entry with action ACT_NONE. */
extern const struct tui_key tui_keys[];
/* The action bound to key (is_key: a KEY_* code), or ACT_NONE. */
enum tui_action tui_key_action(wint_t key, int is_key);

/* Line editor: edit buf (UTF-8, size n) on screen row y from column x,
 * width w, with prompt.  Returns 1 when accepted (Enter), 0 when
 * cancelled (Esc), and redraws through `repaint` on KEY_RESIZE. */
struct tui_edit_ctx {
	void (*repaint)(void *ctx);
	void *ctx;
};
int tui_line_edit(const struct tui_edit_ctx *rc, const char *prompt, char *buf, size_t n);

/* Set by SIGTERM/SIGINT/SIGHUP or a vanished terminal: every loop that
 * reads keys gives up (cancels) and the main loop exits cleanly. */
extern volatile sig_atomic_t tui_quit;

/* Read one key: returns 1 for a KEY_* code, 0 for a character, -1 on
 * timeout/error (check tui_quit); *key receives it. */
int tui_getkey(wint_t *key);

/* A form of labelled fields edited one after another. */
enum tui_field_kind { F_TEXT, F_TOGGLE };
struct tui_field {
	const char *label;
	enum tui_field_kind kind;
	char value[512]; /* F_TEXT */
	int on;          /* F_TOGGLE */
};
/* Returns 1 when saved, 0 when cancelled. */
int tui_form(const struct tui_edit_ctx *rc, const char *title, struct tui_field *fields, int n);

/* Draw the help screen from the key table; waits for a key. */
void tui_help(const struct tui_edit_ctx *rc);

/* Attributes: set up once after initscr (color or monochrome). */
enum tui_attr { T_NORMAL, T_HEADER, T_SELECTED, T_OVERDUE, T_TODAY, T_DIM, T_ERROR, T_TITLE, T_HEADING };
void tui_attr_init(int color);
int tui_attr(enum tui_attr a);

#endif
