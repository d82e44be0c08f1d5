/*
 * tui.c - the morning screen (SPEC §7): views, drawing and the main loop.
 *
 * State lives in struct tui; key handlers (act_*) change it and return
 * what needs doing (R_DRAW, R_RELOAD, R_QUIT); only the loop draws.  The
 * rows of the current view are copied from the store (the due list is a
 * rep's morning, tens of rows; the all-prospects view is capped and
 * searched in SQL).  The detail pane is queried on each paint, so it is
 * never stale.  Writes by other processes are noticed through SQLite's
 * data_version, checked on every key and once a second while idle.
 */
#define _GNU_SOURCE /* strcasestr */
#include <curses.h>
#include <langinfo.h>
#include <math.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wctype.h>

#include "followup/clock.h"
#include "followup/date.h"
#include "followup/err.h"
#include "followup/export.h"
#include "followup/text.h"
#include "followup/tui.h"
#include "followup/util.h"

#define ALL_LIMIT 5000
#define R_DRAW 1
#define R_RELOAD 2
#define R_QUIT 4

enum view { V_DUE, V_UPCOMING, V_ALL, V_STATS, V__COUNT };
static const char *const view_names[V__COUNT] = {"Due", "Upcoming", "All", "Stats"};
static const char *const sort_names[] = {"name", "company", "due", "status"};

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

struct tui {
	struct cli *c;
	struct store *st;
	enum view view;
	enum list_sort sort;
	struct item *items;
	size_t n, cap, sel, top;
	char query[128];
	int searching;
	int detail;            /* detail pane wanted (large terminals) */
	int zoom;              /* small terminals: detail instead of list */
	char status[512];
	int status_err;
	long long data_version;
	struct due_counts counts;
	long long undecided_shown;
	int list_h, list_w;    /* list area, set by the last paint */
};

static void on_signal(int sig)
{
	tui_quit = sig ? 1 : 0;
}

static void restore_terminal(void)
{
	if (!isendwin())
		endwin();
}

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

static int reload(struct tui *t)
{
	long long keep = t->sel < t->n ? t->items[t->sel].id : 0;
	size_t i;

	items_clear(t);
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

static struct item *selected(struct tui *t)
{
	return t->sel < t->n && t->items[t->sel].id ? &t->items[t->sel] : NULL;
}

/* ---- drawing --------------------------------------------------------- */

static void put(int y, int x, int width, const char *s, int attr)
{
	char buf[1024];
	if (width <= 0 || y < 0 || y >= LINES)
		return;
	attron(attr);
	mvaddstr(y, x, text_fit(buf, sizeof buf, s ? s : "", width, 1));
	attroff(attr);
}

static void status_set(struct tui *t, int is_err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void status_set(struct tui *t, int is_err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->status, sizeof t->status, fmt, ap);
	va_end(ap);
	t->status_err = is_err;
}

static void draw_header(struct tui *t)
{
	char left[256], right[128], day[16];
	int v, x, yy, mm, dd;

	date_format_short(t->c->today, day);
	date_to_ymd(t->c->today, &yy, &mm, &dd);
	/* Wide: every view named, the current one in brackets; narrow: only
	 * the current one, and shorter count labels. */
	right[0] = '\0';
	if (COLS >= 120) {
		for (v = 0; v < V__COUNT; v++)
			snprintf(right + strlen(right), sizeof right - strlen(right),
				 v == (int)t->view ? "[%s] " : " %s  ", view_names[v]);
	} else {
		snprintf(right, sizeof right, "[%s] ", view_names[t->view]);
	}
	if (COLS >= 72)
		snprintf(left, sizeof left, " followup  %s %d   %lld overdue · %lld due today · %lld this week",
			 day, yy, t->counts.overdue, t->counts.today, t->counts.week);
	else
		snprintf(left, sizeof left, " %s  %lld late · %lld today · %lld week", day,
			 t->counts.overdue, t->counts.today, t->counts.week);
	if (t->counts.no_next_step)
		snprintf(left + strlen(left), sizeof left - strlen(left), " · %lld to decide",
			 t->counts.no_next_step);
	attron(tui_attr(T_HEADER));
	mvhline(0, 0, ' ', COLS);
	x = COLS - text_width(right);
	put(0, 0, x > 0 ? x : COLS, left, tui_attr(T_HEADER));
	if (x > 0)
		put(0, x, COLS - x, right, tui_attr(T_HEADER));
	attroff(tui_attr(T_HEADER));
}

static void when_text(const struct tui *t, const struct item *it, char *buf, size_t n)
{
	int d = it->due;
	char sh[16];
	if (d == DATE_NONE)
		snprintf(buf, n, "%s", it->status != STATUS_ACTIVE ? status_name(it->status) : "decide");
	else if (d < t->c->today)
		snprintf(buf, n, "%dd late", t->c->today - d);
	else if (d == t->c->today)
		snprintf(buf, n, "%s", it->due_time != TIME_NONE ? time_format(it->due_time, sh) : "today");
	else
		snprintf(buf, n, "%s", date_format_short(d, sh));
}

static void draw_row(struct tui *t, size_t i, int y, int w)
{
	struct item *it = &t->items[i];
	char when[32], step[16], last[64], day[11];
	int attr = 0, x = 0, cw, d = it->due;

	if (it->heading) {
		put(y, 0, w, it->heading, tui_attr(T_HEADING));
		return;
	}
	if (d != DATE_NONE && d < t->c->today)
		attr = tui_attr(T_OVERDUE);
	else if (d != DATE_NONE && d == t->c->today)
		attr = tui_attr(T_TODAY);
	if (i == t->sel)
		attr = tui_attr(T_SELECTED);
	when_text(t, it, when, sizeof when);
	if (it->explicit_due)
		snprintf(step, sizeof step, "%s", it->due_time != TIME_NONE ? "appt" : "next");
	else if (it->step)
		snprintf(step, sizeof step, "s%d", it->step);
	else
		snprintf(step, sizeof step, "-");
	if (it->last[0])
		snprintf(last, sizeof last, "%s %s", it->last, date_format(it->last_date, day) + 5);
	else
		snprintf(last, sizeof last, "no touch yet");
	attron(attr);
	mvhline(y, 0, ' ', w);
	attroff(attr);
	put(y, x, 10, when, attr), x += 11;
	cw = w >= 90 ? 24 : w >= 60 ? 20 : w - x - 6;
	{
		char name[300];
		snprintf(name, sizeof name, "%s%s", it->name, flags_well_qualified(it->flags) ? "" : " ?");
		put(y, x, cw, name, attr), x += cw + 1;
	}
	if (w - x >= 20) {
		cw = w >= 90 ? 18 : 14;
		put(y, x, cw, it->company ? it->company : "", attr), x += cw + 1;
	}
	if (w - x >= 36) {
		put(y, x, 16, it->phone ? it->phone : "", attr), x += 17;
	}
	if (w - x >= 5)
		put(y, x, 4, step, attr), x += 5;
	if (w - x >= 10)
		put(y, x, w - x, t->view == V_ALL ? status_name(it->status) : last, attr);
}

/* A bar of `value` out of `max` in `width` cells: Unicode blocks, or '#'
 * when the locale is not UTF-8. */
static void bar(int y, int x, int width, double value, double max, int attr)
{
	static const char *const eighths[9] = {"", "\u258F", "\u258E", "\u258D", "\u258C",
					       "\u258B", "\u258A", "\u2589", "\u2588"};
	int utf8 = !strcmp(nl_langinfo(CODESET), "UTF-8");
	long cells, i;

	if (width <= 0 || max <= 0 || value <= 0 || y >= LINES)
		return;
	cells = (long)(value / max * width * 8 + 0.5);
	attron(attr);
	move(y, x);
	for (i = 0; i + 8 <= cells; i += 8)
		addstr(utf8 ? eighths[8] : "#");
	if (cells % 8)
		addstr(utf8 ? eighths[cells % 8] : (cells % 8 >= 4 ? "#" : ""));
	attroff(attr);
}

static void draw_stats(struct tui *t, int y0, int h, int w)
{
	static const char *const funnel[5] = {"1", "2", "3", "4", "5+"};
	struct stats x;
	char line[256], a[16], b[16];
	int y = y0 + 1, i, bw = w - 34 > 40 ? 40 : w - 34;
	double max;

	(void)h;
	if (stats_compute(t->st, DATE_NONE, DATE_NONE, &x) < 0) {
		stats_release(&x);
		put(y, 2, w - 2, err_message(), tui_attr(T_ERROR));
		return;
	}
#define PCT(v, buf) (isnan(v) ? "-" : (snprintf(buf, sizeof buf, "%.0f%%", (v) * 100), buf))
	snprintf(line, sizeof line, "Pipeline: %lld prospects, %lld active, %lld won, %lld lost;"
		 " conversion %s", x.prospects, x.active, x.won, x.lost, PCT(x.conversion, a));
	put(y++, 2, w - 2, line, tui_attr(T_TITLE));
	if (!x.prospects) {
		stats_release(&x);
		put(++y, 2, w - 2, "no data yet: add prospects (a) and log touches (l)", tui_attr(T_DIM));
		return;
	}
	y++;
	put(y++, 2, w - 2, "Persistence: prospects reaching each follow-up", tui_attr(T_HEADING));
	max = (double)x.prospects;
	for (i = 0; i < 5; i++, y++) {
		snprintf(line, sizeof line, "follow-up %-2s %6lld", funnel[i], x.funnel[i]);
		put(y, 4, 22, line, 0);
		bar(y, 28, bw, (double)x.funnel[i], max, tui_attr(T_TODAY));
	}
	snprintf(line, sizeof line, "reached five: %s (reps overall: 8%%)   abandoned after one: %s of lost "
		 "(reps overall: 44%%)", PCT(x.reached_five, a), PCT(x.abandoned_after_one, b));
	put(y++, 4, w - 4, line, 0);
	y++;
	put(y++, 2, w - 2, "Response rate by channel", tui_attr(T_HEADING));
	for (i = 0; i < CH_COUNT; i++) {
		double r;
		if (!x.channel[i].touches)
			continue;
		r = (double)x.channel[i].responses / (double)x.channel[i].touches;
		snprintf(line, sizeof line, "%-6s %4s of %lld", channel_name((enum channel)i), PCT(r, a), x.channel[i].touches);
		put(y, 4, 22, line, 0);
		bar(y++, 28, bw, r, 1.0, tui_attr(T_HEADING));
	}
	y++;
	snprintf(line, sizeof line, "Speed: %s first followed up by the next workday, median %s days",
		 PCT(x.first_on_time, a), isnan(x.first_days_median) ? "-" :
		 (snprintf(b, sizeof b, "%.1f", x.first_days_median), b));
	put(y++, 2, w - 2, line, 0);
	snprintf(line, sizeof line, "Discipline: %lld overdue%s%s, %lld need a decision", x.overdue,
		 x.oldest_id ? ", oldest " : "", x.oldest_id ? x.oldest_name : "", x.no_next_step);
	put(y++, 2, w - 2, line, x.overdue ? tui_attr(T_OVERDUE) : 0);
	snprintf(line, sizeof line, "Qualification: well qualified %s won, poorly qualified %s won",
		 PCT(x.well_conversion, a), PCT(x.poor_conversion, b));
	put(y++, 2, w - 2, line, 0);
	stats_release(&x);
#undef PCT
}

static void draw_list(struct tui *t, int y0, int h, int w)
{
	size_t i;
	int y;

	t->list_h = h;
	t->list_w = w;
	if (t->sel < t->top)
		t->top = t->sel;
	if (h > 0 && t->sel >= t->top + (size_t)h)
		t->top = t->sel - (size_t)h + 1;
	for (y = 0; y < h; y++)
		mvhline(y0 + y, 0, ' ', w);
	if (t->view == V_STATS) {
		draw_stats(t, y0, h, w);
		return;
	}
	if (!t->n) {
		put(y0 + 1, 2, w - 2,
		    t->query[0] ? "no match" :
		    t->view == V_DUE && !t->counts.any ?
		    "No prospects yet: press a to add one, or run followup import FILE.csv" :
		    t->view == V_DUE ? "Nothing due today. Press a to add a prospect, 2 for the agenda." :
		    "nothing here", tui_attr(T_DIM));
		return;
	}
	for (i = t->top, y = 0; i < t->n && y < h; i++, y++)
		draw_row(t, i, y0 + y, w);
}

struct pane {
	int y, x, h, w, line;
	struct tui *t;
	long long last_touch;
};

static void pane_line(struct pane *p, const char *label, const char *value, int attr)
{
	char buf[1024];
	if (p->line >= p->h || !value)
		return;
	if (label)
		snprintf(buf, sizeof buf, "%-9s %s", label, value);
	else
		snprintf(buf, sizeof buf, "%s", value);
	put(p->y + p->line++, p->x, p->w, buf, attr);
}

static int pane_prospect(const struct prow *r, void *ctx)
{
	struct pane *p = ctx;
	char buf[512], fl[64], day[11], tb[6];
	int well;

	pane_line(p, NULL, r->name, tui_attr(T_TITLE));
	if (r->title || r->company) {
		snprintf(buf, sizeof buf, "%s%s%s", r->title ? r->title : "", r->title && r->company ? ", " : "",
			 r->company ? r->company : "");
		pane_line(p, NULL, buf, 0);
	}
	pane_line(p, "phone", r->phone, 0);
	pane_line(p, "email", r->email, 0);
	pane_line(p, "source", r->source, 0);
	if (r->due != DATE_NONE)
		snprintf(buf, sizeof buf, "%s%s%s  %s", date_format(r->due, day), r->due_time != TIME_NONE ? " " : "",
			 r->due_time != TIME_NONE ? time_format(r->due_time, tb) : "",
			 r->due_kind != DUE_EXPLICIT ? "" :
			 r->due_time != TIME_NONE ? "(appointment)" : "(next date)");
	else
		snprintf(buf, sizeof buf, "%s", r->status != STATUS_ACTIVE ? status_name(r->status) :
			 "cadence complete: decide");
	if (r->step)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "step %d", r->step);
	pane_line(p, "due", buf, 0);
	snprintf(buf, sizeof buf, "%s, %s, day 0 %s", status_name(r->status), r->cadence,
		 date_format(r->first_contact, day));
	pane_line(p, "status", buf, 0);
	flags_text(r->flags, fl, sizeof fl, " ");
	well = flags_well_qualified(r->flags);
	snprintf(buf, sizeof buf, "%s%s", fl[0] ? fl : "none", well ? "" : "  (poorly qualified)");
	pane_line(p, "qualified", buf, well ? 0 : tui_attr(T_OVERDUE));
	pane_line(p, "notes", r->notes, 0);
	if (r->last_note) {
		p->line++;
		pane_line(p, NULL, "Open with:", tui_attr(T_HEADING));
		pane_line(p, NULL, r->last_note, tui_attr(T_TITLE));
	}
	p->line++;
	snprintf(buf, sizeof buf, "Touches (%d), newest first:", r->touch_count);
	pane_line(p, NULL, buf, tui_attr(T_HEADING));
	p->last_touch = 0;
	return 0;
}

/* Touches arrive oldest first; the pane lists newest first, so collect. */
struct touch_lines {
	char **lines;
	size_t n;
	long long last;
};

static int pane_touch(const struct trow *tr, void *ctx)
{
	struct touch_lines *tl = ((void **)ctx)[1];
	char buf[1024];
	snprintf(buf, sizeof buf, "#%lld %.10s %s %s/%s%s%s", tr->id, tr->at, tr->at + 11,
		 channel_name(tr->channel), outcome_name(tr->outcome), tr->note ? ": " : "",
		 tr->note ? tr->note : "");
	tl->lines = xrealloc(tl->lines, (tl->n + 1) * sizeof *tl->lines);
	tl->lines[tl->n++] = xstrdup(buf);
	tl->last = tr->id;
	return 0;
}

static int pane_prospect_cb(const struct prow *r, void *ctx)
{
	return pane_prospect(r, ((void **)ctx)[0]);
}

static void draw_detail(struct tui *t, int y, int x, int h, int w)
{
	struct pane p = {y, x + 1, h, w - 2, 0, t, 0};
	struct touch_lines tl = {NULL, 0, 0};
	void *ctx[2] = {&p, &tl};
	struct item *it = selected(t);
	size_t i;
	int yy;

	for (yy = 0; yy < h; yy++)
		mvhline(y + yy, x, ' ', w);
	if (x > 0)
		mvvline_set(y, x, WACS_VLINE, h);
	else
		mvhline_set(y, 0, WACS_HLINE, w), p.y++, p.h--;
	if (!it || w < 10)
		return;
	if (store_show(t->st, it->id, 0, pane_prospect_cb, pane_touch, ctx) < 0)
		status_set(t, 1, "%s", err_message());
	for (i = tl.n; i-- > 0;)
		pane_line(&p, NULL, tl.lines[i], 0);
	for (i = 0; i < tl.n; i++)
		free(tl.lines[i]);
	free(tl.lines);
}

static void draw_status(struct tui *t)
{
	char hints[512] = "";
	const struct tui_key *k;
	int pass;

	if (t->searching) {
		char buf[256];
		snprintf(buf, sizeof buf, "/%s", t->query);
		put(LINES - 1, 0, COLS, buf, tui_attr(T_TITLE));
		move(LINES - 1, text_width(buf) < COLS ? text_width(buf) : COLS - 1);
		return;
	}
	if (t->status[0]) {
		put(LINES - 1, 0, COLS, t->status, t->status_err ? tui_attr(T_ERROR) : tui_attr(T_TITLE));
		return;
	}
	if (t->query[0])
		snprintf(hints, sizeof hints, "[filter: %s, / edits]  ", t->query);
	/* Help and quit first: they must survive a narrow terminal. */
	for (pass = 0; pass < 2; pass++)
		for (k = tui_keys; k->action != ACT_NONE; k++)
			if (k->hint && (pass == 0) == (k->action == ACT_HELP || k->action == ACT_QUIT))
				snprintf(hints + strlen(hints), sizeof hints - strlen(hints), "%.*s %s  ",
					 (int)strcspn(k->keynames, " "), k->keynames, k->name);
	put(LINES - 1, 0, COLS, hints, tui_attr(T_DIM));
}

static void paint(void *ctx)
{
	struct tui *t = ctx;
	int body = LINES - 2, dw, dh;

	erase();
	if (LINES < 3 || COLS < 10) {
		mvaddstr(0, 0, "terminal too small");
		refresh();
		return;
	}
	draw_header(t);
	if (t->view == V_STATS || !t->detail || body < 4) {
		draw_list(t, 1, body, COLS);
	} else if (COLS >= 110) {
		dw = COLS * 2 / 5;
		draw_list(t, 1, body, COLS - dw);
		draw_detail(t, 1, COLS - dw, body, dw);
	} else if (body >= 14) {
		dh = body / 2;
		draw_list(t, 1, body - dh, COLS);
		draw_detail(t, 1 + body - dh, 0, dh, COLS);
	} else if (t->zoom) {
		/* Small terminal: Enter swaps the list for the detail. */
		draw_detail(t, 1, 0, body, COLS);
	} else {
		draw_list(t, 1, body, COLS);
	}
	draw_status(t);
	curs_set(t->searching ? 1 : 0);
	refresh();
}

/* ---- actions --------------------------------------------------------- */

static const struct tui_edit_ctx *edit_ctx(struct tui *t)
{
	static struct tui_edit_ctx rc;
	rc.repaint = paint;
	rc.ctx = t;
	return &rc;
}

/* Show prompt and read one key; returns the key or 0 on Esc. */
static wint_t ask_key(struct tui *t, const char *prompt)
{
	wint_t key;
	int k;
	for (;;) {
		status_set(t, 0, "%s", prompt);
		paint(t);
		k = tui_getkey(&key);
		if (k < 0) {
			if (tui_quit)
				return 0;
			continue;
		}
		if (k == 1 && key == KEY_RESIZE)
			continue;
		t->status[0] = '\0';
		if (k == 1)
			continue;
		return key == 27 ? 0 : key;
	}
}

static int confirm(struct tui *t, const char *what)
{
	char prompt[512];
	wint_t k;
	snprintf(prompt, sizeof prompt, "%s? y/n", what);
	k = ask_key(t, prompt);
	return k == L'y' || k == L'Y';
}

static void say_due(struct tui *t, long long id, const char *done)
{
	struct prospect_state ps;
	char sh[16], tb[6];
	if (store_prospect_state(t->st, id, &ps) < 0) {
		status_set(t, 0, "%s", done);
		return;
	}
	if (ps.status != STATUS_ACTIVE)
		status_set(t, 0, "%s — %s", done, ps.status == STATUS_WON ? "won" : "lost");
	else if (ps.due == DATE_NONE)
		status_set(t, 0, "%s — cadence complete, decide what next", done);
	else if (ps.kind == DUE_EXPLICIT)
		status_set(t, 0, "%s — next: %s%s%s", done, date_format_short(ps.due, sh),
			   ps.due_time != TIME_NONE ? " " : "",
			   ps.due_time != TIME_NONE ? time_format(ps.due_time, tb) : "");
	else
		status_set(t, 0, "%s — next: %s, step %d", done, date_format_short(ps.due, sh), ps.step);
}

/*
 * A prompt naming each word's key, built from its table: "c)all" when the
 * key is the first letter (W)on: as typed), "c(h)at" when it is a later
 * one.
 */
static void key_prompt(char *buf, size_t n, const char *lead, const struct word *w, int cnt,
		       const char *tail)
{
	size_t len = (size_t)snprintf(buf, n, "%s", lead);
	int i;

	for (i = 0; i < cnt && len < n; i++) {
		const char *name = w[i].name, *at = strchr(name + 1, w[i].key);
		if (at && w[i].key != name[0])
			len += (size_t)snprintf(buf + len, n - len, " %.*s(%c)%s", (int)(at - name), name,
						w[i].key, at + 1);
		else
			len += (size_t)snprintf(buf + len, n - len, " %c)%s", w[i].key, name + 1);
	}
	if (len < n)
		snprintf(buf + len, n - len, "%s", tail);
}

static int act_log(struct tui *t)
{
	struct item *it = selected(t);
	char note[512] = "", done[512], name[128], prompt[256];
	wint_t k;
	int ci, oi;

	if (!it)
		return status_set(t, 1, "no prospect selected"), R_DRAW;
	key_prompt(prompt, sizeof prompt, "log channel:", channel_words, CH_COUNT, "   Esc cancels");
	k = ask_key(t, prompt);
	if (!k || k > 127 || (ci = word_by_key(channel_words, CH_COUNT, (int)k)) < 0)
		return status_set(t, 0, "log cancelled"), R_DRAW;
	key_prompt(prompt, sizeof prompt, "outcome:", outcome_words, OUT_COUNT, "");
	k = ask_key(t, prompt);
	if (!k || k > 127 || (oi = word_by_key(outcome_words, OUT_COUNT, (int)k)) < 0)
		return status_set(t, 0, "log cancelled"), R_DRAW;
	t->status[0] = '\0';
	if (!tui_line_edit(edit_ctx(t), "note (Enter saves, Esc cancels): ", note, sizeof note))
		return status_set(t, 0, "log cancelled"), R_DRAW;
	if (store_touch_add(t->st, it->id, t->c->today, clock_now_minutes(), (enum channel)ci,
			    (enum outcome)oi, note, NULL) < 0)
		return status_set(t, 1, "%s", err_message()), R_DRAW;
	text_fit(name, sizeof name, it->name, 40, 0);
	snprintf(done, sizeof done, "logged %s/%s for %s", channel_words[ci].name, outcome_words[oi].name,
		 name);
	say_due(t, it->id, done);
	return R_RELOAD;
}

static int act_next(struct tui *t)
{
	struct item *it = selected(t);
	char buf[64] = "", *sp;
	int date, time = TIME_NONE;

	if (!it)
		return status_set(t, 1, "no prospect selected"), R_DRAW;
	if (!tui_line_edit(edit_ctx(t), "next date (tomorrow, +3d, fri, 2026-12-01 [14:30]; empty clears): ",
			   buf, sizeof buf))
		return status_set(t, 0, "cancelled"), R_DRAW;
	if (!util_has_text(buf)) {
		if (store_next_clear(t->st, it->id) < 0)
			return status_set(t, 1, "%s", err_message()), R_DRAW;
		say_due(t, it->id, "next date cleared");
		return R_RELOAD;
	}
	sp = strrchr(buf, ' ');
	if (sp && time_parse(sp + 1, &time) == 0)
		*sp = '\0';
	else
		time = TIME_NONE;
	if (date_parse(buf, t->c->today, DATE_FUTURE, &date) < 0 ||
	    store_next_set(t->st, it->id, date, time) < 0)
		return status_set(t, 1, "%s", err_message()), R_DRAW;
	say_due(t, it->id, "next date set");
	return R_RELOAD;
}

enum { FL_NAME, FL_COMPANY, FL_TITLE, FL_EMAIL, FL_PHONE, FL_SOURCE, FL_NOTES, FL_FIRST,
       FL_CADENCE, FL_STATUS, FL_VERIFIED, FL_NEED, FL_DECIDER, FL_TIMELINE, FL__COUNT };

static void form_init(struct tui_field *f)
{
	static const char *const labels[FL__COUNT] = {
		"Name", "Company", "Title", "Email", "Phone", "Source", "Notes", "First contact",
		"Cadence", "Status", "contact verified", "need confirmed", "decision maker reached",
		"timeline known"};
	int i;
	memset(f, 0, FL__COUNT * sizeof *f);
	for (i = 0; i < FL__COUNT; i++) {
		f[i].label = labels[i];
		f[i].kind = i >= FL_VERIFIED ? F_TOGGLE : F_TEXT;
	}
}

static int fill_form(const struct prow *r, void *ctx)
{
	struct tui_field *f = ctx;
	char d0[11];
	const char *v[] = {r->name, r->company, r->title, r->email, r->phone, r->source, r->notes,
			   date_format(r->first_contact, d0), r->cadence, status_name(r->status)};
	int i;
	for (i = 0; i < 10; i++)
		snprintf(f[i].value, sizeof f[i].value, "%s", v[i] ? v[i] : "");
	for (i = 0; i < 4; i++)
		f[FL_VERIFIED + i].on = !!(r->flags & (1u << i));
	return 0;
}

/* The form's text fields, in struct prospect_fields order (borrowed). */
static void form_fields(const struct tui_field *f, struct prospect_fields *pf)
{
	pf->name = f[FL_NAME].value;
	pf->company = f[FL_COMPANY].value;
	pf->title = f[FL_TITLE].value;
	pf->email = f[FL_EMAIL].value;
	pf->phone = f[FL_PHONE].value;
	pf->source = f[FL_SOURCE].value;
	pf->notes = f[FL_NOTES].value;
}

static unsigned form_flags(const struct tui_field *f)
{
	unsigned flags = 0;
	int i;
	for (i = 0; i < 4; i++)
		if (f[FL_VERIFIED + i].on)
			flags |= 1u << i;
	return flags;
}

static int act_add_edit(struct tui *t, int edit)
{
	struct tui_field f[FL__COUNT];
	struct item *it = selected(t);
	char title[600] = "";
	long long id = 0;
	int first, st, n = edit ? FL__COUNT : FL__COUNT;

	form_init(f);
	if (edit) {
		if (!it)
			return status_set(t, 1, "no prospect selected"), R_DRAW;
		id = it->id;
		if (store_show(t->st, id, 0, fill_form, NULL, f) < 0)
			return status_set(t, 1, "%s", err_message()), R_DRAW;
	} else {
		snprintf(f[FL_FIRST].value, sizeof f[FL_FIRST].value, "today");
		snprintf(f[FL_CADENCE].value, sizeof f[FL_CADENCE].value, "%s", t->c->cfg.cadence);
		snprintf(f[FL_STATUS].value, sizeof f[FL_STATUS].value, "active");
	}
	for (;;) {
		char heading[700];
		snprintf(heading, sizeof heading, "%s%s%s", edit ? " Edit prospect " : " Add prospect ",
			 title[0] ? "— " : "", title);
		t->status[0] = '\0';
		if (!tui_form(edit_ctx(t), heading, f, n))
			return status_set(t, 0, "cancelled"), R_DRAW;
		if (date_parse(f[FL_FIRST].value, t->c->today, DATE_PAST, &first) < 0) {
			snprintf(title, sizeof title, "%s", err_message());
			continue;
		}
		if (!edit) {
			struct prospect_new p;
			memset(&p, 0, sizeof p);
			form_fields(f, &p.f);
			p.first_contact = first;
			p.cadence = f[FL_CADENCE].value;
			p.flags = form_flags(f);
			if (store_prospect_add(t->st, &p, &id) == 0) {
				struct prospect_state ps;
				char sh[16];
				if (store_prospect_state(t->st, id, &ps) == 0 && ps.due != DATE_NONE)
					status_set(t, 0, "added #%lld, first follow-up %s", id,
						   date_format_short(ps.due, sh));
				else
					status_set(t, 0, "added #%lld", id);
				return R_RELOAD;
			}
		} else {
			struct prospect_edit e;
			memset(&e, 0, sizeof e);
			form_fields(f, &e.f);
			if ((st = status_parse(f[FL_STATUS].value)) < 0) {
				snprintf(title, sizeof title, "status %s: expected active, won or lost",
					 err_quote(f[FL_STATUS].value));
				continue;
			}
			e.set_status = 1;
			e.status = (enum prospect_status)st;
			e.cadence = f[FL_CADENCE].value;
			e.first_contact = first;
			e.flags_set = form_flags(f);
			e.flags_clear = FLAG_ALL & ~e.flags_set;
			if (store_prospect_edit(t->st, id, &e) == 0) {
				say_due(t, id, "saved");
				return R_RELOAD;
			}
		}
		snprintf(title, sizeof title, "%s", err_message());
	}
}

static int act_status(struct tui *t, enum prospect_status status)
{
	struct item *it = selected(t);
	struct prospect_edit e;
	char what[300], name[128];

	if (!it)
		return status_set(t, 1, "no prospect selected"), R_DRAW;
	text_fit(name, sizeof name, it->name, 40, 0);
	snprintf(what, sizeof what, "mark %s as %s", name, status_name(status));
	if (!confirm(t, what))
		return status_set(t, 0, "not changed"), R_DRAW;
	memset(&e, 0, sizeof e);
	e.first_contact = DATE_NONE;
	e.set_status = 1;
	e.status = status;
	if (store_prospect_edit(t->st, it->id, &e) < 0)
		return status_set(t, 1, "%s", err_message()), R_DRAW;
	status_set(t, 0, "%s marked %s (u undoes)", name, status_name(status));
	return R_RELOAD;
}

static int act_delete(struct tui *t)
{
	struct item *it = selected(t);
	char what[300], name[128];

	if (!it)
		return status_set(t, 1, "no prospect selected"), R_DRAW;
	text_fit(name, sizeof name, it->name, 40, 0);
	snprintf(what, sizeof what, "delete %s and all its touches", name);
	if (!confirm(t, what))
		return status_set(t, 0, "not deleted"), R_DRAW;
	if (store_prospect_delete(t->st, it->id) < 0)
		return status_set(t, 1, "%s", err_message()), R_DRAW;
	status_set(t, 0, "deleted %s (u undoes)", name);
	return R_RELOAD;
}

static int last_touch_cb(const struct trow *tr, void *ctx)
{
	*(long long *)ctx = tr->id;
	return 0;
}

static int ignore_row(const struct prow *r, void *ctx)
{
	(void)r, (void)ctx;
	return 0;
}

static int act_untouch(struct tui *t)
{
	struct item *it = selected(t);
	long long last = 0, tid, pid;
	char buf[32] = "";

	if (!it)
		return status_set(t, 1, "no prospect selected"), R_DRAW;
	if (store_show(t->st, it->id, 0, ignore_row, last_touch_cb, &last) < 0)
		return status_set(t, 1, "%s", err_message()), R_DRAW;
	if (!last)
		return status_set(t, 1, "no touch to remove"), R_DRAW;
	snprintf(buf, sizeof buf, "%lld", last);
	if (!tui_line_edit(edit_ctx(t), "remove touch # (see the timeline): ", buf, sizeof buf))
		return status_set(t, 0, "cancelled"), R_DRAW;
	if (cli_parse_id(buf, "touch", &tid) < 0 || store_touch_remove(t->st, tid, &pid) < 0)
		return status_set(t, 1, "%s", err_message()), R_DRAW;
	say_due(t, pid, "touch removed");
	return R_RELOAD;
}

static int act_undo(struct tui *t)
{
	char label[512];
	if (store_undo(t->st, label, sizeof label) < 0)
		return status_set(t, 1, "%s", err_message()), R_DRAW;
	status_set(t, 0, "undone: %s", label);
	return R_RELOAD;
}

static int act_export(struct tui *t)
{
	char path[1024], *full;
	const char *home = getenv("HOME");
	size_t len;
	int rc;

	snprintf(path, sizeof path, "%s/followup.ics", home ? home : ".");
	if (!tui_line_edit(edit_ctx(t), "export to (.ics file, or directory/ for a vdir): ", path, sizeof path) ||
	    !util_has_text(path))
		return status_set(t, 0, "cancelled"), R_DRAW;
	full = config_expand_home(path);
	len = strlen(full);
	if (len > 1 && full[len - 1] == '/') {
		struct vdir_result r;
		full[len - 1] = '\0';
		rc = export_vdir(t->st, &t->c->cfg, t->c->today, full, EXPORT_DEFAULT_DAYS, &r);
		if (rc == 0)
			status_set(t, 0, "vdir %s: %lld added, %lld changed, %lld unchanged, %lld removed", full,
				   r.added, r.changed, r.unchanged, r.removed);
	} else {
		long long n;
		rc = export_ics(t->st, &t->c->cfg, t->c->today, full, EXPORT_DEFAULT_DAYS, &n);
		if (rc == 0)
			status_set(t, 0, "exported %lld event%s to %s", n, n == 1 ? "" : "s", full);
	}
	if (rc < 0)
		status_set(t, 1, "%s", err_message());
	free(full);
	return R_DRAW;
}

static int move_sel(struct tui *t, long delta)
{
	long s = (long)t->sel, n = (long)t->n, step = delta > 0 ? 1 : -1;
	long target = s + delta;

	if (!n)
		return R_DRAW;
	if (target < 0)
		target = 0;
	if (target >= n)
		target = n - 1;
	/* Skip headings in the direction of travel, else the other way. */
	while (target >= 0 && target < n && !t->items[target].id)
		target += step;
	if (target < 0 || target >= n)
		for (target = s; target >= 0 && target < n && !t->items[target].id; target -= step)
			;
	if (target >= 0 && target < n && t->items[target].id)
		t->sel = (size_t)target;
	return R_DRAW;
}

static int set_view(struct tui *t, enum view v)
{
	t->view = v;
	t->sel = t->top = 0;
	return R_RELOAD;
}

static int search_key(struct tui *t, int is_key, wint_t key)
{
	size_t len = strlen(t->query);

	if (is_key) {
		if (key == KEY_BACKSPACE)
			goto backspace;
		if (key == KEY_ENTER)
			goto accept;
		return R_DRAW;
	}
	if (key == 27) {
		t->query[0] = '\0';
		t->searching = 0;
		return R_RELOAD;
	}
	if (key == L'\n' || key == L'\r') {
accept:
		t->searching = 0;
		return R_DRAW;
	}
	if (key == 127 || key == 8) {
backspace:
		/* Drop one UTF-8 character. */
		while (len && (t->query[len - 1] & 0xC0) == 0x80)
			len--;
		if (len)
			len--;
		t->query[len] = '\0';
		return R_RELOAD;
	}
	if (key == 21) { /* Ctrl-U */
		t->query[0] = '\0';
		return R_RELOAD;
	}
	if (iswprint(key)) {
		char mb[8];
		mbstate_t ps;
		size_t n;
		memset(&ps, 0, sizeof ps);
		n = wcrtomb(mb, (wchar_t)key, &ps);
		if (n != (size_t)-1 && len + n + 1 < sizeof t->query) {
			memcpy(t->query + len, mb, n);
			t->query[len + n] = '\0';
		}
		return R_RELOAD;
	}
	return R_DRAW;
}

static int dispatch(struct tui *t, enum tui_action a)
{
	long page = t->list_h > 1 ? t->list_h - 1 : 1;

	switch (a) {
	case ACT_DOWN: return move_sel(t, 1);
	case ACT_UP: return move_sel(t, -1);
	case ACT_PGDOWN: return move_sel(t, page);
	case ACT_PGUP: return move_sel(t, -page);
	case ACT_TOP: t->sel = 0; return move_sel(t, 0) | move_sel(t, 1) | move_sel(t, -1);
	case ACT_BOTTOM: return move_sel(t, (long)t->n);
	case ACT_OPEN:
		if (COLS >= 110 || LINES - 2 >= 14)
			t->detail = !t->detail;
		else
			t->zoom = !t->zoom;
		return R_DRAW;
	case ACT_LOG: return act_log(t);
	case ACT_NEXT: return act_next(t);
	case ACT_ADD: return act_add_edit(t, 0);
	case ACT_EDIT: return act_add_edit(t, 1);
	case ACT_WON: return act_status(t, STATUS_WON);
	case ACT_LOST: return act_status(t, STATUS_LOST);
	case ACT_DELETE: return act_delete(t);
	case ACT_UNTOUCH: return act_untouch(t);
	case ACT_SEARCH: t->searching = 1; return R_DRAW;
	case ACT_VIEW_NEXT: return set_view(t, (enum view)((t->view + 1) % V__COUNT));
	case ACT_VIEW_DUE: return set_view(t, V_DUE);
	case ACT_VIEW_UPCOMING: return set_view(t, V_UPCOMING);
	case ACT_VIEW_ALL: return set_view(t, V_ALL);
	case ACT_VIEW_STATS: return set_view(t, V_STATS);
	case ACT_SORT:
		if (t->view != V_ALL)
			return status_set(t, 0, "sorting is for the all-prospects view (3)"), R_DRAW;
		t->sort = (enum list_sort)((t->sort + 1) % 4);
		status_set(t, 0, "sorted by %s", sort_names[t->sort]);
		return R_RELOAD;
	case ACT_EXPORT: return act_export(t);
	case ACT_UNDO: return act_undo(t);
	case ACT_REFRESH: clearok(stdscr, TRUE); return R_RELOAD;
	case ACT_HELP: tui_help(edit_ctx(t)); return R_DRAW;
	case ACT_QUIT: return R_QUIT;
	default: return R_DRAW;
	}
}

int tui_run(struct cli *c)
{
	struct tui t;
	struct sigaction sa;
	const char *no_color = getenv("NO_COLOR");
	int rc = 0, r, k;
	wint_t key;

	memset(&t, 0, sizeof t);
	t.c = c;
	t.st = c->st;
	t.detail = 1;
	if (reload(&t) < 0)
		return -1;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
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

	paint(&t);
	while (!tui_quit) {
		k = tui_getkey(&key);
		if (tui_quit)
			break;
		if (k < 0) {
			/* Idle: notice other processes' writes within a second. */
			if (store_data_version(t.st) != t.data_version) {
				if (reload(&t) < 0)
					status_set(&t, 1, "%s", err_message());
				paint(&t);
			}
			continue;
		}
		if (k == 1 && key == KEY_RESIZE) {
			paint(&t);
			continue;
		}
		if (!t.searching)
			t.status[0] = '\0';
		if (store_data_version(t.st) != t.data_version && reload(&t) < 0)
			status_set(&t, 1, "%s", err_message());
		if (t.searching)
			r = search_key(&t, k, key);
		else
			r = dispatch(&t, tui_key_action(key, k));
		if (r & R_QUIT)
			break;
		if ((r & R_RELOAD) && reload(&t) < 0)
			status_set(&t, 1, "%s", err_message());
		paint(&t);
	}
	endwin();
	items_clear(&t);
	free(t.items);
	return rc;
}
