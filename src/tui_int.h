/*
 * tui_int.h - what the TUI's files share (tui*.c only; private to them,
 * as store_int.h is to the store).  include/followup/tui.h is the public
 * side: tui_run() alone.
 *
 * Who does what:
 *   tui.c        the state (struct tui), reload, the main loop
 *   tui_list.c   the list: a window of rows on the store's paged views
 *   tui_keys.c   the one key table: every action, its keys, help, handler
 *   tui_act.c    the handlers that move, switch views, search, undo, ...
 *   tui_prospect.c the handlers that act on the selected prospect
 *   tui_call.c   the call itself: dial, mail
 *   tui_prompt.c the prompts, drafts and answers those handlers share
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
 * store: queries run in handlers, in reload (the list's window, header
 * counts), in tui_repaint() when the pane's prospect changed, and in the
 * main loop while no key waits (what the list's window still lacks, the
 * stats view's figures).  Every loop that reads keys, modal or not, reads
 * them with tui_read_key().
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

/* The character a Ctrl-letter key reads as. */
#ifndef CTRL
#define CTRL(c) ((c) & 0x1f)
#endif

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
	int seg;               /* its segment of the view (struct view_key) */
};

/* An edge of the list's window (tui_list.c): how far the view was read. */
struct list_edge {
	int done;              /* the view's end (start) was reached */
	int set;               /* key holds the last row read; 0: the view's edge */
	struct item key;       /* the order's fields; name, company owned */
};
/* The list's window on the view: items hold a run of the view's rows;
 * the rows between lo and the first item, and between the last and hi,
 * were read and did not match (a search).  Each read is a bounded step;
 * what is still to read is read while no key waits (tui_list_work). */
struct tui_list {
	struct list_edge lo, hi;
	int hi_incl;           /* the next forward read includes hi's own row */
	int pick;              /* nothing selected yet: 1 the first row read, -1 the last */
	size_t want_before;    /* rows wanted above the selection (its screen row) */
	struct {               /* due, agenda: a search with no match here, among all */
		int on, done;
		long long after, hits, first;
	} other;
};

/* One line of the detail pane (wrapped to the pane's width when drawn). */
struct pane_line {
	char *text;            /* owned; NULL for a blank line */
	enum tui_attr attr;
	int indent;            /* columns its wrapped rows are indented by */
};

/* One row of the pane as drawn: a piece of a line. */
struct pane_row {
	size_t line;           /* index in lines */
	size_t off, len;       /* the bytes of its text shown */
};

/* The detail pane's lines for one prospect (tui_pane.c). */
struct tui_pane {
	long long id;          /* whose lines these are; 0: none */
	int fresh;             /* loaded since the last reload, without error */
	struct pane_line *lines;
	size_t n, cap;
	struct pane_row *rows; /* the lines wrapped to wrap_w columns */
	size_t nrows, rows_cap;
	int wrap_w;            /* 0: rows to be made again */
	int scroll;            /* the first row shown (J/K) */
	int h;                 /* the box's height at the last draw */
	int beside;            /* ... and it was beside the list (else below) */
	int script;            /* the call script shown under the last note (S) */
	int script_zoom;       /* S swapped the list for the pane (small terminal) */
};

/* A prompt or form that was cancelled keeps what was typed, per
 * prospect, for when it is opened again (SPEC §7, Ctrl-C); the oldest
 * draft gives way to a new one. */
enum draft_kind { DRAFT_NONE, DRAFT_NOTE, DRAFT_NEXT, DRAFT_FORM };
#define TUI_DRAFTS 8
#define TUI_DRAFT_MAX 8192
struct tui_draft {
	enum draft_kind kind;  /* DRAFT_NONE: a free slot */
	long long id;          /* the prospect; 0 for the add form */
	unsigned long age;     /* when it was kept (a counter) */
	char text[TUI_DRAFT_MAX]; /* UTF-8; a form's fields joined by \x1f */
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
	struct item *items;    /* a window of the view's rows, with headings (tui_list.c) */
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
	int list_h, list_w;    /* list area, set by the last paint: rows, columns */
	int list_y;            /* the screen row of the list's first row */
	long long want;        /* the prospect the user chose: kept across views */
	int reload_view;       /* the next reload is for a new view, sort or search */
	struct tui_list list;  /* tui_list.c */
	struct tui_repaint under; /* repaints this screen: for modals */
	struct tui_draft drafts[TUI_DRAFTS]; /* tui_prospect.c */
	unsigned long draft_age;
};

/* ---- tui.c ------------------------------------------------------------ */

/* Set the status line's message (is_err: in the error color). */
void tui_status_set(struct tui *t, int is_err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The selected prospect's row, or NULL (none, or a heading). */
struct item *tui_selected(struct tui *t);
/* Bring what the screen shows up to date (the pane), then paint it. */
void tui_repaint(struct tui *t);

/* ---- tui_list.c: the list's window ------------------------------------ */

/* Read the view again around the selection (t->reload_view: around
 * t->want, for a new view, sort or search; else the selected prospect, or
 * where it was if a write took it out of the view).  0 or -1. */
int tui_list_reload(struct tui *t);
/* Move the selection by delta rows (headings skipped), reading on past
 * the window's edge; to the view's first (end < 0) or last (end > 0) row. */
void tui_list_move(struct tui *t, long delta);
void tui_list_end(struct tui *t, int end);
/* Read what the screen needs (rows below the top, after a resize). */
void tui_list_ensure(struct tui *t);
/* Whether a read is still to be done, and one bounded step of it. */
int tui_list_pending(const struct tui *t);
void tui_list_work(struct tui *t);
/* The view (due, agenda) has no match for the search and all prospects
 * have: the first one's id, else 0. */
long long tui_list_other(const struct tui *t);
void tui_list_release(struct tui *t);

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
/* Key codes of our own, above ncurses' KEY_MAX (define_key, tui_input.c):
 * a whole paste (the text in tui_paste_text()), and the end mark it
 * reads up to. */
#define TUI_KEY_PASTE 0x2000
#define TUI_KEY_PASTE_END 0x2001

/* The row bound to key (is_code: a KEY_* code), or NULL. */
const struct tui_key *tui_key_find(wint_t key, int is_code);

/* ---- tui_act.c, tui_prospect.c: the handlers the key table names ------- */

/* tui_act.c */
int act_down(struct tui *t);
int act_up(struct tui *t);
int act_page_down(struct tui *t);
int act_page_up(struct tui *t);
int act_half_down(struct tui *t);
int act_half_up(struct tui *t);
int act_clear_filter(struct tui *t);
int act_mouse(struct tui *t);
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
/* Log a touch: the channel (ci, unless < 0), the outcome, the note; then,
 * for meeting and not-now, the next date.  lead: said before the first
 * prompt. */
int tui_log_touch(struct tui *t, int ci, const char *lead);
/* tui_call.c */
int act_dial(struct tui *t);
int act_mail(struct tui *t);
/* tui_pane.c */
int act_pane_down(struct tui *t);
int act_pane_up(struct tui *t);
int act_script(struct tui *t);
/* Esc in the list: hides the call script, else clears the filter. */
int act_escape(struct tui *t);
/* tui_input.c: a paste in the list runs nothing, and says so */
int act_paste(struct tui *t);

/* A key typed while searching (after `/`): edits t->query; R_* flags. */
int tui_search_key(struct tui *t, int is_code, wint_t key);

/* ---- tui_prompt.c: what the handlers share --------------------------- */

/* The draft kept for (kind, id), or NULL. */
const char *tui_draft_get(struct tui *t, enum draft_kind kind, long long id);
/* Keep text for (kind, id), in its slot, a free one or the oldest. */
void tui_draft_put(struct tui *t, enum draft_kind kind, long long id, const char *text);
void tui_draft_drop(struct tui *t, enum draft_kind kind, long long id);
/* Show prompt on the status line (and above, on the row over it, as an
 * error when is_err: NULL for none) and read one character; returns it,
 * or 0 on Esc or Ctrl-C (and when quitting).  KEY_* codes are ignored. */
wint_t tui_ask_key(struct tui *t, const char *prompt, const char *above, int is_err);
/* "WHAT? y/n": 1 on y. */
int tui_confirm(struct tui *t, const char *what);
/* The item's name, fitted for messages. */
const char *tui_name_of(const struct item *it, char *buf, size_t n);
/* The status line after a change: done, and what is due next. */
void tui_say_due(struct tui *t, long long id, const char *done);
/* The selected prospect, its id and its name (tui_name_of, into name of
 * size n), taken before a question is painted, while its row may move; or
 * NULL when none is selected, said on the status line. */
struct item *tui_pick(struct tui *t, long long *id, char *name, size_t n);
/* "no prospect selected", and the store's error, on the status line: R_DRAW. */
int tui_none_selected(struct tui *t);
int tui_store_failed(struct tui *t);
/* A prompt naming each word's key from its table: "c)all", "c(h)at". */
void tui_key_prompt(char *buf, size_t n, const char *lead, const struct word *w, int cnt,
		    const char *tail);
/* "Wed 4 Nov 16:00" into buf (size >= 24). */
char *tui_when_text(int date, int minutes, char *buf);

/* ---- tui_input.c: reading keys ---------------------------------------- */

enum tui_in {
	IN_CHAR,   /* *key is a character (Ctrl-C is 3: raw mode) */
	IN_CODE,   /* *key is a KEY_* code (never KEY_RESIZE), or TUI_KEY_PASTE */
	IN_IDLE,   /* a second without a key */
	IN_RESIZE, /* the terminal was resized; `under` has been repainted */
	IN_QUIT,   /* quit now: a signal (SIGINT, SIGTERM, SIGHUP) or the terminal is gone */
};

/* Install the handlers of SIGINT, SIGTERM and SIGHUP (before initscr). */
void tui_input_init(void);
/* After initscr and the modes: raw mode (Ctrl-C and Ctrl-Z are read as
 * keys), the paste keys, bracketed paste on, Ctrl-Z suspending with paste
 * off.  tui_input_stop() turns paste off again: before endwin, from the
 * die hook and at exit (safe to call more than once). */
void tui_input_start(void);
void tui_input_stop(void);
/*
 * tui_input_leave - give the terminal to a program (the editor): paste
 * off, the curses mode saved and the shell's restored (def_prog_mode,
 * endwin), Ctrl-C and Ctrl-\ left to the program, Ctrl-Z stopping us
 * with it.  tui_input_return() takes it back (reset_prog_mode, refresh,
 * paste on, the signals as they were) and repaints `under` whole.  Each
 * is a no-op when not needed, so a caller may return on every path.
 */
void tui_input_leave(void);
void tui_input_return(const struct tui_repaint *under);
/* The text of the last TUI_KEY_PASTE: wide characters, line breaks as
 * '\n', no other control characters; *cut when it was longer than
 * TUI_PASTE_MAX.  Valid until the next tui_read_key(). */
#define TUI_PASTE_MAX 16384
const wchar_t *tui_paste_text(size_t *len, int *cut);
/*
 * tui_read_key - wait up to a second for a key, for every loop that reads
 * keys.  On a resize, repaints `under` (NULL: nothing) at the new size and
 * returns IN_RESIZE, so that the caller redraws itself on top; Ctrl-Z
 * suspends and, back in the foreground, does the same.  A paste is read
 * whole and returned as IN_CODE TUI_KEY_PASTE: a loop that takes no text
 * ignores it as any other code.  Returns IN_QUIT from then on once the
 * system asked to quit (SIGINT, SIGTERM, SIGHUP from another process, or
 * the terminal is gone): the caller cancels whatever it was doing and
 * returns.  Ctrl-C typed is a character (3), which each loop handles.
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

#define TUI_EDIT_MAX 4096 /* characters */
#define TUI_NOTE_MAX 8192 /* bytes of a note typed or pasted in the TUI */

/* E_CANCEL: Esc, Ctrl-C or quitting. */
enum edit_end { E_ACCEPT, E_CANCEL, E_NEXT, E_PREV, E_RESIZE };
#define EDIT_NAV 1   /* Tab, Up, Down end the edit (forms) */
#define EDIT_LINES 2 /* a note: pasted line breaks are kept */
/*
 * tui_edit_line - edit w (*len characters, cursor *cur; room for
 * TUI_EDIT_MAX) on row y, columns x .. x+width-1, at most bytes_max - 1
 * bytes of UTF-8, on one row (a paste's line breaks become spaces).
 * Returns why editing stopped; flags: EDIT_NAV.  E_RESIZE: `under` was
 * repainted, redraw and call again.
 */
enum edit_end tui_edit_line(const struct tui_repaint *under, int y, int x, int width, wchar_t *w,
			    size_t *len, size_t *cur, size_t bytes_max, int flags);
/* UTF-8 s into w (at most TUI_EDIT_MAX - 1 characters), and back into buf
 * (size n). */
void tui_to_wide(const char *s, wchar_t *w, size_t *len);
void tui_from_wide(const wchar_t *w, size_t len, char *buf, size_t n);
/* A prompt at the bottom of the screen. */
struct tui_prompt {
	const char *prompt; /* before the text (cut to half the width) */
	const char *hint;   /* on the row above, dim; NULL: none */
	const char *error;  /* on the row above instead, as an error; NULL: none */
	int lines;          /* a note: pasted line breaks are kept */
};
/*
 * tui_prompt_edit - edit buf (UTF-8, size n) on the status line after
 * p->prompt; the text wraps upward over up to half the screen.  1 when
 * accepted (Enter typed), 0 when cancelled (Esc, Ctrl-C, or quitting);
 * buf holds what was typed either way.  On a resize, repaints `under`
 * and the prompt.
 */
int tui_prompt_edit(const struct tui_repaint *under, const struct tui_prompt *p, char *buf, size_t n);
/* tui_prompt_edit with a prompt alone. */
int tui_line_edit(const struct tui_repaint *under, const char *prompt, char *buf, size_t n);

/* ---- tui_form.c: forms ------------------------------------------------ */

enum tui_field_kind { F_TEXT, F_TOGGLE, F_CHOICE };
struct tui_field {
	const char *label;
	enum tui_field_kind kind;
	char value[512];            /* F_TEXT; F_CHOICE: the chosen name */
	int on;                     /* F_TOGGLE */
	const char *const *choices; /* F_CHOICE: the names (borrowed) */
	int nchoices;
	const char *error;          /* shown under the field; NULL: none */
};
/* Edit the n fields (at most 32) one after another over `under`, from
 * field *cur (left where the cursor was); 1 when saved, 0 when cancelled
 * (Esc, Ctrl-C, quitting). */
int tui_form(const struct tui_repaint *under, const char *title, struct tui_field *fields, int n, int *cur);

/* ---- tui_help.c ------------------------------------------------------- */

/* The help screen, drawn from the key table, until a key closes it. */
void tui_help(const struct tui_repaint *under);

#endif
