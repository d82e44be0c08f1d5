/*
 * tui_int.h - what the TUI's files share (tui*.c only; private to them,
 * as store_int.h is to the store).  include/followup/tui.h is the public
 * side: tui_run() alone.
 *
 * Who does what:
 *   tui.c        the state (struct tui), reload, the main loop
 *   tui_keys.c   the one key table: every action, its keys, help, handler
 *   tui_act.c    the handlers that move, switch views, search, undo, ...
 *   tui_prospect.c the handlers that act on the selected prospect
 *   tui_input.c  the one key-reading function, signals, Ctrl-C
 *   tui_draw.c   attributes, layout, header, list, status line, paint
 *   tui_pane.c   the detail pane: its lines, loaded once per prospect
 *   tui_stats.c  the stats view: figures computed on reload, then drawn
 *   tui_edit.c   the line editor (prompts on the status line, form fields)
 *   tui_form.c   a form of labelled fields
 *   tui_help.c   the `?` screen, drawn from the key table
 *
 * The rules (STYLE.md "Layers"): handlers change state and return R_*
 * flags; the main loop reloads and repaints.  No draw function reads the
 * store: queries run in handlers, in reload (rows, header counts, the
 * stats view's figures) and in tui_repaint() when the pane's prospect
 * changed.  Every loop that reads keys, modal or not, reads them with
 * tui_read_key().
 */
#ifndef FOLLOWUP_TUI_INT_H
#define FOLLOWUP_TUI_INT_H

#include <stddef.h>
#include <wchar.h>

#include "followup/cli.h"
#include "followup/stats.h"
#include "followup/tui.h"

/* What a handler asks of the main loop (or-ed). */
#define R_DRAW 1   /* repaint */
#define R_RELOAD 2 /* reload the rows (and counts, stats), then repaint */
#define R_QUIT 4   /* leave the TUI */
#define R_CLEAR 8  /* repaint every cell, not only what changed (Ctrl-L) */

enum view { V_DUE, V_UPCOMING, V_ALL, V_STATS, V__COUNT };

/* Attributes: set up once after initscr (color or monochrome). */
enum tui_attr { T_NORMAL, T_HEADER, T_SELECTED, T_OVERDUE, T_TODAY, T_DIM, T_ERROR, T_TITLE, T_HEADING };

/* One row of the list: a prospect, or a heading (id 0). */
struct item {
	long long id;          /* 0 for a heading row */
	char *name, *company, *phone, *heading;
	char last[40];         /* channel/outcome of the last touch, "" when none */
	int due, due_time;     /* DATE_NONE / TIME_NONE when none */
	int last_date;         /* DATE_NONE when no touch */
	enum prospect_status status;
	int overdue_days, step, explicit_due;
	unsigned flags;
};

/* One line of the detail pane. */
struct pane_line {
	char *text;            /* owned; NULL for a blank line */
	enum tui_attr attr;
};

/* The detail pane's lines for one prospect (tui_pane.c). */
struct tui_pane {
	long long id;          /* whose lines these are; 0: none */
	int fresh;             /* loaded since the last reload, without error */
	struct pane_line *lines;
	size_t n, cap;
};

/* The stats view's figures (tui_stats.c), computed on reload. */
enum stats_state { STATS_NONE, STATS_READY, STATS_FAILED };
struct tui_stats {
	enum stats_state state;
	struct stats x;        /* valid when READY; released by tui_stats_release */
	char error[512];       /* the store's message when FAILED */
};

/* How to repaint what lies under a modal (the whole screen), on resize. */
struct tui_repaint {
	void (*fn)(void *ctx);
	void *ctx;
};

struct tui {
	struct cli *c;
	struct store *st;
	enum view view;
	enum list_sort sort;
	struct item *items;    /* the current view's rows, from the last reload */
	size_t n, cap, sel, top;
	char query[128];       /* the search filter, UTF-8, "" when none */
	int searching;         /* keys edit the query (after `/`) */
	int detail;            /* detail pane wanted (large terminals) */
	int zoom;              /* small terminals: detail instead of list */
	char status[512];      /* the status line's message, "" shows hints */
	int status_err;
	long long data_version;
	struct due_counts counts;
	struct tui_stats stats;
	struct tui_pane pane;
	int list_h, list_w;    /* list area, set by the last paint */
	struct tui_repaint under; /* repaints this screen: for modals */
};

/* ---- tui.c ------------------------------------------------------------ */

/* Set the status line's message (is_err: in the error color). */
void tui_status_set(struct tui *t, int is_err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The selected prospect's row, or NULL (none, or a heading). */
struct item *tui_selected(struct tui *t);
/* Bring what the screen shows up to date (the pane), then paint it. */
void tui_repaint(struct tui *t);

/* ---- tui_keys.c: the key table ---------------------------------------- */

/* Where an action is listed besides the `?` screen. */
enum act_hint {
	ACT_HELP_ONLY,  /* only on the `?` screen */
	ACT_HINT,       /* also in the status-line hints */
	ACT_HINT_FIRST, /* in the hints, first: they must survive a narrow terminal */
};

struct tui_key {
	enum act_hint hint;
	const char *name;     /* short name shown in hints */
	wint_t keys[4];       /* wide characters or KEY_* codes; 0 ends */
	const char *keynames; /* how the help screen spells the keys */
	const char *group;    /* Move, Prospect, Views, Other */
	const char *help;     /* one line for the help screen */
	int (*run)(struct tui *t); /* the handler: returns R_* flags */
};

/* The key table, in help-screen order, ended by a row whose name is NULL. */
extern const struct tui_key tui_keys[];
/* The row bound to key (is_code: a KEY_* code), or NULL. */
const struct tui_key *tui_key_find(wint_t key, int is_code);

/* ---- tui_act.c, tui_prospect.c: the handlers the key table names ------- */

/* tui_act.c */
int act_down(struct tui *t);
int act_up(struct tui *t);
int act_page_down(struct tui *t);
int act_page_up(struct tui *t);
int act_top(struct tui *t);
int act_bottom(struct tui *t);
int act_open(struct tui *t);
int act_search(struct tui *t);
int act_view_next(struct tui *t);
int act_view_due(struct tui *t);
int act_view_upcoming(struct tui *t);
int act_view_all(struct tui *t);
int act_view_stats(struct tui *t);
int act_sort(struct tui *t);
int act_export(struct tui *t);
int act_undo(struct tui *t);
int act_refresh(struct tui *t);
int act_help(struct tui *t);
int act_quit(struct tui *t);
/* tui_prospect.c */
int act_log(struct tui *t);
int act_next(struct tui *t);
int act_add(struct tui *t);
int act_edit(struct tui *t);
int act_won(struct tui *t);
int act_lost(struct tui *t);
int act_untouch(struct tui *t);
int act_delete(struct tui *t);

/* A key typed while searching (after `/`): edits t->query; R_* flags. */
int tui_search_key(struct tui *t, int is_code, wint_t key);

/* ---- tui_input.c: reading keys ---------------------------------------- */

enum tui_in {
	IN_CHAR,   /* *key is a character */
	IN_CODE,   /* *key is a KEY_* code (never KEY_RESIZE) */
	IN_IDLE,   /* a second without a key */
	IN_RESIZE, /* the terminal was resized; `under` has been repainted */
	IN_QUIT,   /* quit now: a signal (Ctrl-C, SIGTERM, SIGHUP) or the terminal is gone */
};

/* Install the handlers of SIGINT, SIGTERM and SIGHUP (before initscr). */
void tui_input_init(void);
/*
 * tui_read_key - wait up to a second for a key, for every loop that reads
 * keys.  On a resize, repaints `under` (NULL: nothing) at the new size and
 * returns IN_RESIZE, so that the caller redraws itself on top.  Returns
 * IN_QUIT from then on once the user or the system asked to quit: the
 * caller cancels whatever it was doing and returns.
 */
enum tui_in tui_read_key(const struct tui_repaint *under, wint_t *key);

/* ---- tui_draw.c: drawing ---------------------------------------------- */

void tui_attr_init(int color);
int tui_attr(enum tui_attr a);
/* s fitted to width columns (sanitised, padded) at y, x in attr. */
void tui_put(int y, int x, int width, const char *s, int attr);

/* Where things go on a screen of LINES x COLS. */
struct tui_layout {
	int too_small;                      /* only a notice fits */
	int list, list_y, list_h, list_w;   /* list: the list (or a view) is shown */
	int pane, pane_y, pane_x, pane_h, pane_w; /* pane: the detail pane is */
};
void tui_layout(const struct tui *t, struct tui_layout *l);
/* Paint the whole screen from t; no store access (t->list_h, list_w and
 * top follow the layout). */
void tui_paint(struct tui *t);

/* ---- tui_pane.c: the detail pane -------------------------------------- */

/* Load the selected prospect's lines, unless they are loaded and fresh;
 * an error goes to the status line (and is retried on the next call). */
void tui_pane_load(struct tui *t);
/* Mark the lines stale (the data may have changed). */
void tui_pane_stale(struct tui *t);
/* Draw the pane into the box at y, x (h rows, w columns). */
void tui_pane_draw(struct tui *t, int y, int x, int h, int w);
void tui_pane_release(struct tui *t);

/* ---- tui_stats.c: the stats view -------------------------------------- */

/* Compute the figures into t->stats (in reload, while the view shows). */
void tui_stats_load(struct tui *t);
/* Draw them in the body from row y0, w columns wide. */
void tui_stats_draw(const struct tui *t, int y0, int w);
void tui_stats_release(struct tui *t);

/* ---- tui_edit.c: the line editor -------------------------------------- */

#define TUI_EDIT_MAX 512 /* characters */

enum edit_end { E_ACCEPT, E_CANCEL, E_NEXT, E_PREV, E_RESIZE };
/*
 * tui_edit_line - edit w (*len characters, cursor *cur; room for
 * TUI_EDIT_MAX) on row y, columns x .. x+width-1, at most bytes_max - 1
 * bytes of UTF-8.  Returns why editing stopped; nav lets Tab/Up/Down end
 * it (forms).  E_RESIZE: `under` was repainted, redraw and call again.
 */
enum edit_end tui_edit_line(const struct tui_repaint *under, int y, int x, int width, wchar_t *w,
			    size_t *len, size_t *cur, size_t bytes_max, int nav);
/* UTF-8 s into w (at most TUI_EDIT_MAX - 1 characters), and back into buf
 * (size n). */
void tui_to_wide(const char *s, wchar_t *w, size_t *len);
void tui_from_wide(const wchar_t *w, size_t len, char *buf, size_t n);
/*
 * tui_line_edit - edit buf (UTF-8, size n) on the status line after
 * prompt.  1 when accepted (Enter), 0 when cancelled (Esc, or quitting);
 * on a resize, repaints `under` and the prompt.
 */
int tui_line_edit(const struct tui_repaint *under, const char *prompt, char *buf, size_t n);

/* ---- tui_form.c: forms ------------------------------------------------ */

enum tui_field_kind { F_TEXT, F_TOGGLE };
struct tui_field {
	const char *label;
	enum tui_field_kind kind;
	char value[512]; /* F_TEXT */
	int on;          /* F_TOGGLE */
};
/* Edit the n fields one after another over `under`; 1 when saved, 0 when
 * cancelled. */
int tui_form(const struct tui_repaint *under, const char *title, struct tui_field *fields, int n);

/* ---- tui_help.c ------------------------------------------------------- */

/* The help screen, drawn from the key table, until a key closes it. */
void tui_help(const struct tui_repaint *under);

#endif
