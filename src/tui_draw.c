/*
 * tui_draw.c - painting the main screen from struct tui: the attributes
 * (color or monochrome), the layout (list, detail pane, stats), the
 * header (with the search's filter while it applies), the list under a
 * line naming its columns, the status line with its hints from the key
 * table, and tui_paint() that puts them together.
 *
 * Exports tui_attr_init(), tui_attr(), tui_put(), tui_layout() and
 * tui_paint().  Nothing here reads the store: the rows come from the
 * list's window (tui_list.c), the counts and stats from the last reload
 * (tui.c), the pane's lines from tui_pane.c.  The columns are as wide as
 * the rows on screen need (columns()), and give way as the width shrinks
 * in the order SPEC §7 gives.  The one state a paint changes is where the
 * list starts (t->top, to keep the selection in sight) and the list's
 * place and size (t->list_y, list_h, list_w: what a page is, where a
 * click lands).
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

/* A header count: "999+" past the store's cap. */
static const char *count_text(long long n, char *buf, size_t size)
{
	if (n > DUE_COUNT_CAP)
		snprintf(buf, size, "%d+", DUE_COUNT_CAP);
	else
		snprintf(buf, size, "%lld", n);
	return buf;
}

static void draw_header(const struct tui *t)
{
	char left[256], right[256], day[16], c1[24], c2[24], c3[24], c4[24];
	int v, x, yy, mm, dd;

	date_format_short(t->c->today, day);
	date_to_ymd(t->c->today, &yy, &mm, &dd);
	/* Wide: every view named, the current one in brackets; narrow: only
	 * the current one, and shorter count labels.  A search's filter is
	 * shown before them for as long as it applies. */
	right[0] = '\0';
	if (t->query[0]) {
		char q[128];
		snprintf(right, sizeof right, "filter: %s  ", text_fit(q, sizeof q, t->query, COLS >= 72 ? 24 : 12, 0));
	}
	if (COLS >= 120) {
		for (v = 0; v < V__COUNT; v++)
			snprintf(right + strlen(right), sizeof right - strlen(right),
				 v == (int)t->view ? "[%s] " : " %s  ", view_names[v]);
	} else {
		snprintf(right + strlen(right), sizeof right - strlen(right), "[%s] ", view_names[t->view]);
	}
	count_text(t->counts.overdue, c1, sizeof c1);
	count_text(t->counts.today, c2, sizeof c2);
	count_text(t->counts.week, c3, sizeof c3);
	if (COLS >= 72)
		snprintf(left, sizeof left, " followup  %s %d   %s overdue · %s due today · %s this week",
			 day, yy, c1, c2, c3);
	else
		snprintf(left, sizeof left, " %s  %s late · %s today · %s week", day, c1, c2, c3);
	if (t->counts.no_next_step)
		snprintf(left + strlen(left), sizeof left - strlen(left), " · %s to decide",
			 count_text(t->counts.no_next_step, c4, sizeof c4));
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
	else if (it->due_time != TIME_NONE && (d == t->c->today || t->view == V_UPCOMING))
		/* The agenda's rows are under their day: the time says more. */
		snprintf(buf, n, "%s", time_format(it->due_time, sh));
	else if (d == t->c->today)
		snprintf(buf, n, "today");
	else
		snprintf(buf, n, "%s", date_format_short(d, sh));
}

/* The columns of the list, left to right; the due column and the name
 * always show. */
enum { C_DUE, C_NAME, C_COMPANY, C_PHONE, C_STEP, C_LAST, C__COUNT };
#define DUE_W 10

/* A column's heading (the last column shows the status in the all view). */
static const char *col_label(const struct tui *t, int c)
{
	static const char *const label[C__COUNT] = {"DUE", "NAME", "COMPANY", "PHONE", "STEP", "LAST TOUCH"};
	return c == C_LAST && t->view == V_ALL ? "STATUS" : label[c];
}

/* What a row shows in each column (bufs of 320 bytes). */
static void row_texts(const struct tui *t, const struct item *it, char txt[C__COUNT][320])
{
	char day[11];
	when_text(t, it, txt[C_DUE], sizeof txt[C_DUE]);
	snprintf(txt[C_NAME], sizeof txt[C_NAME], "%s%s", it->name, flags_well_qualified(it->flags) ? "" : " ?");
	snprintf(txt[C_COMPANY], sizeof txt[C_COMPANY], "%s", it->company ? it->company : "");
	snprintf(txt[C_PHONE], sizeof txt[C_PHONE], "%s", it->phone ? it->phone : "");
	if (it->explicit_due)
		snprintf(txt[C_STEP], sizeof txt[C_STEP], "%s", it->due_time != TIME_NONE ? "appt" : "next");
	else if (it->step)
		snprintf(txt[C_STEP], sizeof txt[C_STEP], "s%d", it->step);
	else
		snprintf(txt[C_STEP], sizeof txt[C_STEP], "-");
	if (t->view == V_ALL)
		snprintf(txt[C_LAST], sizeof txt[C_LAST], "%s", status_name(it->status));
	else if (it->last[0])
		snprintf(txt[C_LAST], sizeof txt[C_LAST], "%s %s", it->last, date_format(it->last_date, day) + 5);
	else
		snprintf(txt[C_LAST], sizeof txt[C_LAST], "no touch yet");
}

/*
 * The columns' widths (0: not shown) for the rows on screen, w wide.
 * Each is as wide as its widest text on screen, first within a short
 * maximum (soft), the name first, then company, phone, step and last
 * touch while they fit, so that as the width shrinks they go in the
 * reverse order; then the room left widens what the short maximum cut,
 * up to a long one (hard), so that with room every text shows whole.
 */
static void columns(const struct tui *t, size_t from, size_t to, int w, int width[C__COUNT])
{
	static const int soft[C__COUNT] = {DUE_W, 30, 22, 20, 5, 21};
	static const int hard[C__COUNT] = {DUE_W, 48, 44, 24, 5, 24};
	char txt[C__COUNT][320];
	int want[C__COUNT], c, avail;
	size_t i;

	for (c = 0; c < C__COUNT; c++)
		want[c] = text_width(col_label(t, c));
	for (i = from; i < to && i < t->n; i++) {
		if (!t->items[i].id)
			continue;
		row_texts(t, &t->items[i], txt);
		for (c = 0; c < C__COUNT; c++) {
			int tw = text_width(txt[c]);
			if (tw > want[c])
				want[c] = tw;
		}
	}
	for (c = 0; c < C__COUNT; c++) {
		if (want[c] > hard[c])
			want[c] = hard[c];
		width[c] = want[c] < soft[c] ? want[c] : soft[c];
	}
	width[C_DUE] = DUE_W;
	avail = w - DUE_W - 1;
	if (width[C_NAME] > avail)
		width[C_NAME] = avail > 1 ? avail : 1;
	avail -= width[C_NAME];
	for (c = C_COMPANY; c < C__COUNT; c++) {
		if (1 + width[c] <= avail) {
			avail -= 1 + width[c];
			continue;
		}
		/* A company is cut rather than dropped while 8 columns remain. */
		if (c == C_COMPANY && avail - 1 >= 8)
			width[c] = avail - 1, avail = 0;
		else
			width[c] = 0;
		for (c++; c < C__COUNT; c++)
			width[c] = 0;
	}
	/* The room left, to what the short maxima cut: name first. */
	for (c = C_NAME; c < C__COUNT && avail > 0; c++) {
		int more = want[c] - width[c];
		if (!width[c] || more <= 0)
			continue;
		if (more > avail)
			more = avail;
		width[c] += more;
		avail -= more;
	}
}

static void draw_cells(int y, int w, const int width[C__COUNT], char txt[C__COUNT][320], int attr)
{
	int c, x = 0;
	for (c = 0; c < C__COUNT; c++) {
		if (!width[c] || x >= w)
			continue;
		tui_put(y, x, width[c] < w - x ? width[c] : w - x, txt[c], attr);
		x += width[c] + 1;
	}
}

static void draw_row(const struct tui *t, size_t i, int y, int w, const int width[C__COUNT])
{
	const struct item *it = &t->items[i];
	char txt[C__COUNT][320];
	int attr = 0, d = it->due;

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
	row_texts(t, it, txt);
	attron(attr);
	mvhline(y, 0, ' ', w);
	attroff(attr);
	draw_cells(y, w, width, txt, attr);
}

/* What an empty list says. */
static const char *empty_text(const struct tui *t, char *buf, size_t n)
{
	const struct tui_list *l = &t->list;
	if (!t->query[0])
		return t->view == V_DUE && !t->counts.any ?
		       "No prospects yet: press a to add one, or run followup import FILE.csv" :
		       t->view == V_DUE ? "Nothing due today. Press a to add a prospect, 2 for the agenda." :
		       "nothing here";
	if (!l->lo.done || !l->hi.done)
		return "searching…";
	if (t->view != V_DUE && t->view != V_UPCOMING)
		return "no match";
	if (l->other.hits)
		snprintf(buf, n, "no match in %s — %lld%s in all prospects: Enter shows %s", view_names[t->view],
			 l->other.hits > 99 ? 99 : l->other.hits, l->other.hits > 99 ? "+" : "",
			 l->other.hits == 1 ? "it" : "the first");
	else if (l->other.done)
		snprintf(buf, n, "no match in %s, nor among all prospects", view_names[t->view]);
	else
		snprintf(buf, n, "no match in %s — searching all prospects…", view_names[t->view]);
	return buf;
}

static void draw_list(struct tui *t, int y0, int h, int w)
{
	char txt[C__COUNT][320], msg[256];
	int width[C__COUNT], y, c;
	size_t i;

	for (y = 0; y < h; y++)
		mvhline(y0 + y, 0, ' ', w);
	if (t->view == V_STATS) {
		t->list_h = h;
		t->list_w = w;
		t->list_y = y0;
		if (t->stats.state == STATS_NONE) /* computed next (tui.c) */
			tui_put(y0 + 1, 2, w - 2, "computing the figures…", tui_attr(T_DIM));
		else
			tui_stats_draw(t, y0, w);
		return;
	}
	/* The first row names the columns. */
	t->list_y = y0 + 1;
	t->list_h = h - 1;
	t->list_w = w;
	h--;
	if (t->sel < t->top)
		t->top = t->sel;
	if (h > 0 && t->sel >= t->top + (size_t)h)
		t->top = t->sel - (size_t)h + 1;
	/* Scrolled up to a group's first row: its heading shows too. */
	if (t->top == t->sel && t->top > 0 && t->top < t->n && !t->items[t->top - 1].id && h > 1)
		t->top--;
	if (!t->n) {
		tui_put(y0 + 1, 2, w - 2, empty_text(t, msg, sizeof msg), tui_attr(T_DIM));
		return;
	}
	columns(t, t->top, t->top + (size_t)(h > 0 ? h : 0), w, width);
	for (c = 0; c < C__COUNT; c++)
		snprintf(txt[c], sizeof txt[c], "%s", col_label(t, c));
	draw_cells(y0, w, width, txt, tui_attr(T_TITLE));
	if (tui_list_pending(t) && t->query[0] && w > 30)
		tui_put(y0, w - 11, 11, "searching…", tui_attr(T_DIM));
	for (i = t->top, y = 0; i < t->n && y < h; i++, y++)
		draw_row(t, i, y0 + 1 + y, w, width);
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
		snprintf(hints, sizeof hints, "[filter: %s, / edits, Esc clears]  ", t->query);
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
		/* Wide: the pane on the right, two fifths of a wide screen but
		 * less of a narrower one, where the list needs its columns
		 * (at 120: 40 for the pane, and name, company and phone whole). */
		dw = (COLS - 40) / 2;
		if (dw > COLS * 2 / 5)
			dw = COLS * 2 / 5;
		if (dw < 34)
			dw = 34;
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
