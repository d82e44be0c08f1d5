/*
 * tui.c - the morning screen (SPEC §7): the TUI's state, its reload and
 * the main loop.  Exports tui_run() (followup/tui.h) and, to the other
 * tui_*.c files (tui_int.h), tui_status_set(), tui_selected() and
 * tui_repaint().
 *
 * State lives in struct tui (tui_int.h).  The rows of the current view
 * are copied from the store on reload (the due list is a rep's morning,
 * tens of rows; the all-prospects view is capped and searched in SQL),
 * with the header counts and, while the stats view shows, its figures.
 * The loop reads a key (tui_input.c), finds its row in the key table
 * (tui_keys.c) and runs its handler (tui_act.c), which changes the state
 * and returns R_* flags; then the loop reloads and repaints as they ask.
 * Writes by other processes are noticed through SQLite's data_version,
 * checked on every key and once a second while idle, and reloaded.
 */
#define _GNU_SOURCE /* strcasestr */
#include "followup/tui.h"
#include "tui_int.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "followup/date.h"
#include "followup/err.h"
#include "followup/text.h"
#include "followup/util.h"

#define ALL_LIMIT 5000

/* ---- rows ------------------------------------------------------------ */

static void items_clear(struct tui *t)
{
	size_t i;
	for (i = 0; i < t->n; i++) {
		free(t->items[i].name);
		free(t->items[i].company);
		free(t->items[i].phone);
		free(t->items[i].heading);
	}
	t->n = 0;
}

static struct item *item_new(struct tui *t)
{
	struct item *it;
	if (t->n == t->cap)
		t->items = xrealloc(t->items, (t->cap = t->cap * 2 + 64) * sizeof *t->items);
	it = &t->items[t->n++];
	memset(it, 0, sizeof *it);
	return it;
}

static void add_heading(struct tui *t, const char *text)
{
	item_new(t)->heading = xstrdup(text);
}

static int matches(const struct tui *t, const struct prow *r)
{
	const char *f[4] = {r->name, r->company, r->email, r->phone};
	int i;
	if (!t->query[0])
		return 1;
	for (i = 0; i < 4; i++)
		if (f[i] && strcasestr(f[i], t->query))
			return 1;
	return 0;
}

static int add_row(const struct prow *r, void *ctx)
{
	struct tui *t = ctx;
	struct item *it;

	if (t->view != V_ALL && !matches(t, r))
		return 0;
	if (t->view == V_UPCOMING && r->due != DATE_NONE) {
		/* One heading per day (overdue ones together). */
		int d = r->due, today = t->c->today;
		char head[64], sh[16];
		struct item *prev = t->n ? &t->items[t->n - 1] : NULL;
		if (d < today)
			snprintf(head, sizeof head, "Overdue");
		else
			snprintf(head, sizeof head, "%s%s", date_format_short(d, sh),
				 d == today ? " (today)" : d == today + 1 ? " (tomorrow)" : "");
		if (!prev || (prev->id && prev->due != r->due && (d >= today || prev->overdue_days <= 0)))
			add_heading(t, head);
	}
	it = item_new(t);
	it->id = r->id;
	it->name = xstrdup(r->name);
	it->company = xstrdup(r->company);
	it->phone = xstrdup(r->phone);
	it->due = r->due;
	it->due_time = r->due_time;
	it->status = r->status;
	it->overdue_days = r->overdue_days;
	it->step = r->step;
	it->explicit_due = r->due_kind == DUE_EXPLICIT;
	it->flags = r->flags;
	it->last_date = r->last_date;
	if (r->last_date != DATE_NONE)
		snprintf(it->last, sizeof it->last, "%s/%s", channel_name(r->last_channel),
			 outcome_name(r->last_outcome));
	return 0;
}

/* Read the current view's rows, the header counts and (stats view) the
 * figures again; 0, or -1 with the store's error recorded. */
static int reload(struct tui *t)
{
	long long keep = t->sel < t->n ? t->items[t->sel].id : 0;
	size_t i;

	items_clear(t);
	tui_pane_stale(t);
	if (t->view != V_STATS)
		tui_stats_release(t);
	if (store_due_counts(t->st, &t->counts) < 0)
		return -1;
	if (t->view == V_DUE) {
		struct list_filter f = {STATUS_ACTIVE, NULL, NULL, 0, SORT_NAME, NULL, 1, 0};
		size_t before;
		if (store_due_each(t->st, t->c->today, 0, add_row, t) < 0)
			return -1;
		before = t->n;
		if (t->counts.no_next_step) {
			add_heading(t, "Need a decision (cadence complete)");
			if (store_list_each(t->st, &f, 0, add_row, t) < 0)
				return -1;
			if (t->n == before + 1) { /* every such row filtered out */
				free(t->items[before].heading);
				t->n = before;
			}
		}
	} else if (t->view == V_UPCOMING) {
		if (store_due_each(t->st, t->c->today + 14, 0, add_row, t) < 0)
			return -1;
	} else if (t->view == V_ALL) {
		struct list_filter f = {LIST_ALL, NULL, NULL, 0, t->sort, t->query[0] ? t->query : NULL, 0, ALL_LIMIT};
		if (store_list_each(t->st, &f, 0, add_row, t) < 0)
			return -1;
	} else if (t->view == V_STATS) {
		/* Computed here, once per change, not on each paint; an error
		 * is the view's to show (tui_stats_draw). */
		tui_stats_load(t);
	}
	t->data_version = store_data_version(t->st);
	/* Keep the selection on the same prospect where it still shows. */
	t->sel = 0;
	for (i = 0; i < t->n; i++)
		if (t->items[i].id && (t->items[i].id == keep || !keep)) {
			t->sel = i;
			if (t->items[i].id == keep || !keep)
				break;
		}
	if (keep && (t->sel >= t->n || t->items[t->sel].id != keep))
		for (i = 0; i < t->n; i++)
			if (t->items[i].id) {
				t->sel = i;
				break;
			}
	return 0;
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

	/* What the paint draws, first: the pane's prospect (if it shows and
	 * changed); rows, counts and stats came with the last reload. */
	tui_layout(t, &l);
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
	if (!isendwin())
		endwin();
}

/* Reload; an error goes to the status line. */
static void reload_or_say(struct tui *t)
{
	if (reload(t) < 0)
		tui_status_set(t, 1, "%s", err_message());
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
	if (!initscr())
		return err_runtime("terminal: cannot initialise");
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	timeout(1000);
	curs_set(0);
	tui_attr_init(has_colors() && c->cfg.colors != COLOR_NEVER && !(no_color && *no_color));

	tui_repaint(&t);
	for (;;) {
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
	items_clear(&t);
	free(t.items);
	tui_pane_release(&t);
	tui_stats_release(&t);
	return 0;
}
