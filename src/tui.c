/*
 * tui.c - the morning screen (SPEC §7): the TUI's state, its reload and
 * the main loop.  Exports tui_run() and tui_terminal_check()
 * (followup/tui.h) and, to the other tui_*.c files (tui_int.h),
 * tui_status_set(), tui_selected() and tui_repaint().
 *
 * State lives in struct tui (tui_int.h).  The list is a window of rows on
 * the store's paged view (tui_list.c), read again on reload with the
 * header counts (capped: they read the due index only so far) and, while
 * the stats view shows, its figures.  The loop reads a key (tui_input.c),
 * finds its row in the key table (tui_keys.c) and runs its handler
 * (tui_act.c), which changes the state and returns R_* flags; then the
 * loop reloads and repaints as they ask.  While no key waits, it reads on
 * what the list still lacks (a rare search's matches) one bounded step at
 * a time.  Writes by other processes are noticed through SQLite's
 * data_version, checked on every key and once a second while idle, and
 * reloaded.
 */
#include "followup/tui.h"
#include "tui_int.h"

#include <curses.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <unistd.h>

#include "followup/err.h"
#include "followup/text.h"
#include "followup/util.h"

/* Read the header counts, the current view's rows and (stats view) the
 * figures again; 0, or -1 with the store's error recorded. */
static int reload(struct tui *t)
{
	tui_pane_stale(t);
	/* The stats view's figures are computed once per change, not on each
	 * paint, and after the view has been painted (they read every
	 * prospect: most of a second at a million); an error is the view's to
	 * show (tui_stats_draw). */
	tui_stats_release(t);
	if (store_due_counts(t->st, &t->counts) < 0)
		return -1;
	if (tui_list_reload(t) < 0)
		return -1;
	t->data_version = store_data_version(t->st);
	return 0;
}

/* Work the loop does while no key waits: the list's reads, the figures. */
static int work_pending(const struct tui *t)
{
	return tui_list_pending(t) || (t->view == V_STATS && t->stats.state == STATS_NONE);
}

static void work(struct tui *t)
{
	if (t->view == V_STATS && t->stats.state == STATS_NONE)
		tui_stats_load(t);
	else
		tui_list_work(t);
}

struct item *tui_selected(struct tui *t)
{
	return t->sel < t->n && t->items[t->sel].id ? &t->items[t->sel] : NULL;
}

void tui_status_set(struct tui *t, int is_err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->status, sizeof t->status, fmt, ap);
	va_end(ap);
	t->status_err = is_err;
}

/* ---- painting and the loop --------------------------------------------- */

void tui_repaint(struct tui *t)
{
	struct tui_layout l;

	/* What the paint draws, first: the rows the screen needs (after a
	 * resize) and the pane's prospect (if it shows and changed); counts
	 * and stats came with the last reload. */
	tui_layout(t, &l);
	if (l.list) {
		t->list_h = l.list_h - (t->view != V_STATS); /* less the column headings */
		tui_list_ensure(t);
	}
	if (l.pane && l.pane_w >= 10)
		tui_pane_load(t);
	tui_paint(t);
}

static void repaint_cb(void *ctx)
{
	tui_repaint(ctx);
}

static void restore_terminal(void)
{
	tui_input_stop(); /* bracketed paste off (tui_input.c) */
	if (!isendwin())
		endwin();
}

/* Reload; an error goes to the status line. */
static void reload_or_say(struct tui *t)
{
	if (reload(t) < 0)
		tui_status_set(t, 1, "%s", err_message());
}

/* A key is waiting to be read (ncurses reads the terminal a byte at a
 * time, so what is typed and not yet read is in the kernel's buffer). */
static int key_waiting(void)
{
	struct pollfd p = {STDIN_FILENO, POLLIN, 0};
	return poll(&p, 1, 0) == 1;
}

int tui_terminal_check(char *why, size_t n)
{
	TERMINAL *old = cur_term, *mine;
	const char *cup;
	int err = 0, ok;

	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		snprintf(why, n, err == 0 ? "unknown to terminfo" : "a hardcopy terminal, or no terminfo entry");
		return 0;
	}
	mine = cur_term;
	cup = tigetstr("cup");
	ok = cup && cup != (char *)-1;
	if (!ok)
		snprintf(why, n, "it cannot move the cursor");
	set_curterm(old);
	del_curterm(mine);
	return ok;
}

int tui_run(struct cli *c)
{
	struct tui t;
	const struct tui_key *k;
	const char *no_color = getenv("NO_COLOR");
	int r;
	enum tui_in in;
	wint_t key;

	memset(&t, 0, sizeof t);
	t.c = c;
	t.st = c->st;
	t.detail = 1;
	t.under.fn = repaint_cb;
	t.under.ctx = &t;
	if (reload(&t) < 0)
		return -1;

	tui_input_init();
	atexit(restore_terminal);
	util_on_fatal(restore_terminal);

	text_locale();
	/* newterm, not initscr: that one prints and exits on a terminal it
	 * cannot use (main.c checks the terminal first, tui_terminal_check). */
	if (!newterm(NULL, stdout, stdin))
		return err_runtime("terminal: cannot initialise");
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	timeout(1000);
	curs_set(0);
	tui_input_start(); /* raw keys, bracketed paste on (tui_input.c) */
	tui_attr_init(has_colors() && c->cfg.colors != COLOR_NEVER && !(no_color && *no_color));
	/* Only when asked ([tui] mouse = on): a mouse mask takes the
	 * terminal's own selection (copying a phone number) away. */
	if (c->cfg.mouse) {
		mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
		mouseinterval(0);
	}

	tui_repaint(&t);
	for (;;) {
		if (work_pending(&t) && !key_waiting()) {
			/* What a search has still to read, one bounded step;
			 * the stats view's figures. */
			work(&t);
			tui_repaint(&t);
			continue;
		}
		in = tui_read_key(&t.under, &key);
		if (in == IN_QUIT)
			break;
		if (in == IN_RESIZE) /* repainted already */
			continue;
		if (in == IN_IDLE) {
			/* Notice other processes' writes within a second. */
			if (store_data_version(t.st) != t.data_version) {
				reload_or_say(&t);
				tui_repaint(&t);
			}
			continue;
		}
		if (!t.searching)
			t.status[0] = '\0';
		if (store_data_version(t.st) != t.data_version)
			reload_or_say(&t);
		if (t.searching)
			r = tui_search_key(&t, in == IN_CODE, key);
		else
			r = (k = tui_key_find(key, in == IN_CODE)) ? k->run(&t) : R_DRAW;
		if (r & R_QUIT)
			break;
		if (r & R_CLEAR)
			clearok(stdscr, TRUE);
		if (r & R_RELOAD)
			reload_or_say(&t);
		tui_repaint(&t);
	}
	endwin();
	tui_list_release(&t);
	tui_pane_release(&t);
	tui_stats_release(&t);
	return 0;
}
