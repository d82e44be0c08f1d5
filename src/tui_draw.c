/*
 * tui_draw.c - painting the main screen from struct tui: the attributes
 * (color or monochrome), the layout (list, detail pane, stats), the
 * header, the rows of the list, the status line with its hints from the
 * key table, and tui_paint() that puts them together.
 *
 * Exports tui_attr_init(), tui_attr(), tui_put(), tui_layout() and
 * tui_paint().  Nothing here reads the store: the rows, counts and stats
 * come from the last reload (tui.c), the pane's lines from tui_pane.c.
 * The one state a paint changes is where the list starts (t->top, to keep
 * the selection in sight) and the list's size (t->list_h, list_w: what a
 * page is).
 */
#include "tui_int.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "followup/date.h"
#include "followup/text.h"

static const char *const view_names[V__COUNT] = {"Due", "Upcoming", "All", "Stats"};

static int attrs[T_HEADING + 1];

void tui_attr_init(int color)
{
	int i;
	for (i = 0; i <= T_HEADING; i++)
		attrs[i] = A_NORMAL;
	if (color) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_WHITE, COLOR_BLUE);
		init_pair(2, COLOR_RED, -1);
		init_pair(3, COLOR_YELLOW, -1);
		init_pair(4, COLOR_WHITE, COLOR_RED);
		init_pair(5, COLOR_CYAN, -1);
		attrs[T_HEADER] = COLOR_PAIR(1) | A_BOLD;
		attrs[T_OVERDUE] = COLOR_PAIR(2) | A_BOLD;
		attrs[T_TODAY] = COLOR_PAIR(3) | A_BOLD;
		attrs[T_ERROR] = COLOR_PAIR(4) | A_BOLD;
		attrs[T_HEADING] = COLOR_PAIR(5) | A_BOLD;
	} else {
		attrs[T_HEADER] = A_REVERSE;
		attrs[T_OVERDUE] = A_BOLD;
		attrs[T_TODAY] = A_UNDERLINE;
		attrs[T_ERROR] = A_REVERSE | A_BOLD;
		attrs[T_HEADING] = A_BOLD | A_UNDERLINE;
	}
	attrs[T_SELECTED] = A_REVERSE;
	attrs[T_DIM] = A_DIM;
	attrs[T_TITLE] = A_BOLD;
}

int tui_attr(enum tui_attr a)
{
	return attrs[a];
}

void tui_put(int y, int x, int width, const char *s, int attr)
{
	char buf[1024];
	if (width <= 0 || y < 0 || y >= LINES)
		return;
	attron(attr);
	mvaddstr(y, x, text_fit(buf, sizeof buf, s ? s : "", width, 1));
	attroff(attr);
}

static void draw_header(const struct tui *t)
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
	tui_put(0, 0, x > 0 ? x : COLS, left, tui_attr(T_HEADER));
	if (x > 0)
		tui_put(0, x, COLS - x, right, tui_attr(T_HEADER));
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

static void draw_row(const struct tui *t, size_t i, int y, int w)
{
	const struct item *it = &t->items[i];
	char when[32], step[16], last[64], day[11];
	int attr = 0, x = 0, cw, d = it->due;

	if (it->heading) {
		tui_put(y, 0, w, it->heading, tui_attr(T_HEADING));
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
	tui_put(y, x, 10, when, attr), x += 11;
	cw = w >= 90 ? 24 : w >= 60 ? 20 : w - x - 6;
	{
		char name[300];
		snprintf(name, sizeof name, "%s%s", it->name, flags_well_qualified(it->flags) ? "" : " ?");
		tui_put(y, x, cw, name, attr), x += cw + 1;
	}
	if (w - x >= 20) {
		cw = w >= 90 ? 18 : 14;
		tui_put(y, x, cw, it->company ? it->company : "", attr), x += cw + 1;
	}
	if (w - x >= 36) {
		tui_put(y, x, 16, it->phone ? it->phone : "", attr), x += 17;
	}
	if (w - x >= 5)
		tui_put(y, x, 4, step, attr), x += 5;
	if (w - x >= 10)
		tui_put(y, x, w - x, t->view == V_ALL ? status_name(it->status) : last, attr);
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
		tui_stats_draw(t, y0, w);
		return;
	}
	if (!t->n) {
		tui_put(y0 + 1, 2, w - 2,
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

static void draw_status(const struct tui *t)
{
	char hints[512] = "";
	const struct tui_key *k;
	int pass;

	if (t->searching) {
		char buf[256];
		snprintf(buf, sizeof buf, "/%s", t->query);
		tui_put(LINES - 1, 0, COLS, buf, tui_attr(T_TITLE));
		move(LINES - 1, text_width(buf) < COLS ? text_width(buf) : COLS - 1);
		return;
	}
	if (t->status[0]) {
		tui_put(LINES - 1, 0, COLS, t->status, t->status_err ? tui_attr(T_ERROR) : tui_attr(T_TITLE));
		return;
	}
	if (t->query[0])
		snprintf(hints, sizeof hints, "[filter: %s, / edits]  ", t->query);
	/* The key table's hinted rows, each as its first key and its name;
	 * help and quit first: they must survive a narrow terminal. */
	for (pass = 0; pass < 2; pass++)
		for (k = tui_keys; k->name; k++)
			if (k->hint == (pass == 0 ? ACT_HINT_FIRST : ACT_HINT))
				snprintf(hints + strlen(hints), sizeof hints - strlen(hints), "%.*s %s  ",
					 (int)strcspn(k->keynames, " "), k->keynames, k->name);
	tui_put(LINES - 1, 0, COLS, hints, tui_attr(T_DIM));
}

void tui_layout(const struct tui *t, struct tui_layout *l)
{
	int body = LINES - 2, dw, dh;

	memset(l, 0, sizeof *l);
	if (LINES < 3 || COLS < 10) {
		l->too_small = 1;
		return;
	}
	l->list_y = l->pane_y = 1;
	if (t->view == V_STATS || !t->detail || body < 4) {
		l->list = 1, l->list_h = body, l->list_w = COLS;
	} else if (COLS >= 110) {
		/* Wide: the pane on the right. */
		dw = COLS * 2 / 5;
		l->list = 1, l->list_h = body, l->list_w = COLS - dw;
		l->pane = 1, l->pane_x = COLS - dw, l->pane_h = body, l->pane_w = dw;
	} else if (body >= 14) {
		/* Tall: the pane below. */
		dh = body / 2;
		l->list = 1, l->list_h = body - dh, l->list_w = COLS;
		l->pane = 1, l->pane_y = 1 + body - dh, l->pane_h = dh, l->pane_w = COLS;
	} else if (t->zoom) {
		/* Small terminal: Enter swaps the list for the detail. */
		l->pane = 1, l->pane_h = body, l->pane_w = COLS;
	} else {
		l->list = 1, l->list_h = body, l->list_w = COLS;
	}
}

void tui_paint(struct tui *t)
{
	struct tui_layout l;

	erase();
	tui_layout(t, &l);
	if (l.too_small) {
		mvaddstr(0, 0, "terminal too small");
		refresh();
		return;
	}
	draw_header(t);
	if (l.list)
		draw_list(t, l.list_y, l.list_h, l.list_w);
	if (l.pane)
		tui_pane_draw(t, l.pane_y, l.pane_x, l.pane_h, l.pane_w);
	draw_status(t);
	curs_set(t->searching ? 1 : 0);
	refresh();
}
