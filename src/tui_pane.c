/*
 * tui_pane.c - the detail pane: the selected prospect's contact data,
 * the last touch's note ("open with", whole, right under the phone),
 * schedule, qualification and its touches, newest first, each with its
 * note whole.  Exports
 * tui_pane_load(), tui_pane_stale(), tui_pane_draw(), tui_pane_release()
 * and the key table's act_pane_down/act_pane_up (J and K scroll it).
 *
 * The pane is a list of lines (text, attribute, the indent of their
 * wrapped rows) built from one store_show() when the selection moves to
 * another prospect or after a reload marked it stale, never while
 * painting: tui_repaint() loads it.  A note's line breaks make lines of
 * their own.  The paint wraps the lines to the pane's width (SPEC §7: the
 * last touch's note is shown whole) into rows, kept until the width or
 * the lines change, and shows the rows from `scroll` on; when they do not
 * fit, the last row says so and J/K scroll.  Only the pane's own prospect
 * is held (its touches, in the order shown).
 */
#include "tui_int.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "followup/date.h"
#include "followup/err.h"
#include "followup/text.h"
#include "followup/util.h"

#define LABEL_W 10 /* "label     " before a value */

static void clear_lines(struct tui_pane *p)
{
	size_t i;
	for (i = 0; i < p->n; i++)
		free(p->lines[i].text);
	p->n = 0;
	p->nrows = 0;
	p->wrap_w = 0;
}

static void add_text(struct tui_pane *p, char *text, enum tui_attr attr, int indent)
{
	if (p->n == p->cap)
		p->lines = xrealloc(p->lines, (p->cap = p->cap * 2 + 32) * sizeof *p->lines);
	p->lines[p->n].text = text;
	p->lines[p->n].attr = attr;
	p->lines[p->n++].indent = indent;
}

/*
 * "label     value", or value alone; nothing when value is NULL.  Each
 * line of a value with line breaks is a line of the pane, under the
 * first (indent: where the value starts, or `indent` without a label).
 */
static void add_value(struct tui_pane *p, const char *label, const char *value, enum tui_attr attr,
		      int indent)
{
	const char *s = value, *nl;
	int first = 1, in = label ? LABEL_W : indent;

	if (!value)
		return;
	do {
		size_t len, n;
		char *buf;
		nl = strchr(s, '\n');
		len = nl ? (size_t)(nl - s) : strlen(s);
		if (len && s[len - 1] == '\r')
			len--;
		n = len + LABEL_W + 16;
		buf = xmalloc(n);
		if (first && label)
			snprintf(buf, n, "%-9s %.*s", label, (int)len, s);
		else
			snprintf(buf, n, "%*s%.*s", first ? 0 : in, "", (int)len, s);
		add_text(p, buf, attr, in);
		first = 0;
		s = nl ? nl + 1 : NULL;
	} while (s);
}

static void add_line(struct tui_pane *p, const char *label, const char *value, enum tui_attr attr)
{
	add_value(p, label, value, attr, 0);
}

static void add_blank(struct tui_pane *p)
{
	add_text(p, NULL, T_NORMAL, 0);
}

/* What store_show() fills: the pane, and where its touches begin. */
struct load {
	struct tui_pane *p;
	size_t touches; /* index of the first touch line */
	struct touch_lines {
		size_t from, n; /* a touch's lines, oldest touch first */
	} *t;
	size_t nt, cap;
};

static int on_prospect(const struct prow *r, void *ctx)
{
	struct load *ld = ctx;
	struct tui_pane *p = ld->p;
	char buf[512], fl[64], day[11], tb[6];
	int well;

	add_line(p, NULL, r->name, T_TITLE);
	if (r->title || r->company) {
		snprintf(buf, sizeof buf, "%s%s%s", r->title ? r->title : "", r->title && r->company ? ", " : "",
			 r->company ? r->company : "");
		add_line(p, NULL, buf, T_NORMAL);
	}
	add_line(p, "phone", r->phone, T_NORMAL);
	add_line(p, "email", r->email, T_NORMAL);
	add_line(p, "source", r->source, T_NORMAL);
	/* What to open the call with comes right under the number to call,
	 * so that a small pane shows it too. */
	if (r->last_note) {
		add_line(p, NULL, "Open with:", T_HEADING);
		add_line(p, NULL, r->last_note, T_TITLE);
	}
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
	add_line(p, "due", buf, T_NORMAL);
	snprintf(buf, sizeof buf, "%s, %s, day 0 %s", status_name(r->status), r->cadence,
		 date_format(r->first_contact, day));
	add_line(p, "status", buf, T_NORMAL);
	flags_text(r->flags, fl, sizeof fl, " ");
	well = flags_well_qualified(r->flags);
	snprintf(buf, sizeof buf, "%s%s", fl[0] ? fl : "none", well ? "" : "  (poorly qualified)");
	add_line(p, "qualified", buf, well ? T_NORMAL : T_OVERDUE);
	add_line(p, "notes", r->notes, T_NORMAL);
	add_blank(p);
	snprintf(buf, sizeof buf, "Touches (%d), newest first:", r->touch_count);
	add_line(p, NULL, buf, T_HEADING);
	ld->touches = p->n;
	return 0;
}

static int on_touch(const struct trow *tr, void *ctx)
{
	struct load *ld = ctx;
	char head[128];
	size_t from = ld->p->n, n;
	char *text;

	snprintf(head, sizeof head, "#%lld %.10s %s %s/%s", tr->id, tr->at, tr->at + 11,
		 channel_name(tr->channel), outcome_name(tr->outcome));
	n = strlen(head) + (tr->note ? strlen(tr->note) + 2 : 0) + 1;
	text = xmalloc(n);
	snprintf(text, n, "%s%s%s", head, tr->note ? ": " : "", tr->note ? tr->note : "");
	/* The note's wrapped rows and its later lines under the note. */
	add_value(ld->p, NULL, text, T_NORMAL, 4);
	free(text);
	if (ld->nt == ld->cap)
		ld->t = xrealloc(ld->t, (ld->cap = ld->cap * 2 + 16) * sizeof *ld->t);
	ld->t[ld->nt].from = from;
	ld->t[ld->nt++].n = ld->p->n - from;
	return 0;
}

/* Touches arrive oldest first; the pane lists them newest first, each
 * touch's own lines kept in their order. */
static void newest_first(struct tui_pane *p, const struct load *ld)
{
	size_t total = p->n - ld->touches, i, o = 0;
	struct pane_line *tmp;

	if (!total)
		return;
	tmp = xmalloc(total * sizeof *tmp);
	for (i = ld->nt; i-- > 0;) {
		memcpy(tmp + o, p->lines + ld->t[i].from, ld->t[i].n * sizeof *tmp);
		o += ld->t[i].n;
	}
	/* Lines past the last whole touch (an error midway) stay last. */
	if (o < total)
		memcpy(tmp + o, p->lines + ld->touches + o, (total - o) * sizeof *tmp);
	memcpy(p->lines + ld->touches, tmp, total * sizeof *tmp);
	free(tmp);
}

void tui_pane_load(struct tui *t)
{
	struct tui_pane *p = &t->pane;
	struct item *it = tui_selected(t);
	struct load ld;

	if (!it) {
		clear_lines(p);
		p->id = 0;
		return;
	}
	if (p->fresh && p->id == it->id)
		return;
	clear_lines(p);
	if (p->id != it->id)
		p->scroll = 0; /* another prospect: from the top */
	p->id = it->id;
	memset(&ld, 0, sizeof ld);
	ld.p = p;
	p->fresh = store_show(t->st, it->id, 0, on_prospect, on_touch, &ld) == 0;
	if (!p->fresh)
		tui_status_set(t, 1, "%s", err_message());
	/* (After an error, what came is shown, and the next paint tries
	 * again.) */
	if (ld.touches)
		newest_first(p, &ld);
	free(ld.t);
}

void tui_pane_stale(struct tui *t)
{
	t->pane.fresh = 0;
}

/* ---- wrapping ----------------------------------------------------------- */

static void add_row(struct tui_pane *p, size_t line, size_t off, size_t len)
{
	if (p->nrows == p->rows_cap)
		p->rows = xrealloc(p->rows, (p->rows_cap = p->rows_cap * 2 + 64) * sizeof *p->rows);
	p->rows[p->nrows].line = line;
	p->rows[p->nrows].off = off;
	p->rows[p->nrows++].len = len;
}

/* Line i's rows: as many as it takes at width columns (the first row),
 * width - indent (the others), broken after a space where one fits. */
static void wrap_line(struct tui_pane *p, size_t i, int width)
{
	const char *s = p->lines[i].text;
	size_t len, off = 0;
	int indent = p->lines[i].indent;

	if (!s) {
		add_row(p, i, 0, 0);
		return;
	}
	len = strlen(s);
	if (indent > width / 2)
		indent = width / 2;
	do {
		int room = off ? width - indent : width, col = 0;
		size_t j = off, brk = 0;
		mbstate_t ps;
		memset(&ps, 0, sizeof ps);
		while (j < len) {
			wchar_t wc;
			size_t k = mbrtowc(&wc, s + j, len - j, &ps);
			int cw;
			if (k == (size_t)-1 || k == (size_t)-2) {
				memset(&ps, 0, sizeof ps);
				k = 1, cw = 1;
			} else {
				cw = wcwidth(wc);
				if (cw < 0)
					cw = 1;
				if (k == 0)
					k = 1;
			}
			if (col + cw > room && j > off)
				break;
			col += cw;
			j += k;
			if (wc == L' ')
				brk = j;
		}
		if (j < len && brk > off)
			j = brk;
		add_row(p, i, off, j - off);
		off = j;
		/* A wrapped row does not start with the spaces it broke at. */
		while (off < len && s[off] == ' ')
			off++;
	} while (off < len);
}

static void wrap_all(struct tui_pane *p, int width)
{
	size_t i;
	p->nrows = 0;
	for (i = 0; i < p->n; i++)
		wrap_line(p, i, width);
	p->wrap_w = width;
}

/* ---- drawing and scrolling ---------------------------------------------- */

/* The rows of text the box shows: all of them, but for the one that says
 * there is more (a pane beside the list; below it, the line above says
 * so). */
static int text_rows(const struct tui_pane *p)
{
	return (int)p->nrows > p->h && p->h > 1 && p->beside ? p->h - 1 : p->h;
}

/* The scroll position within 0 .. the last that still fills the box. */
static void clamp_scroll(struct tui_pane *p)
{
	int max = (int)p->nrows - text_rows(p);
	if (p->scroll > max)
		p->scroll = max;
	if (p->scroll < 0)
		p->scroll = 0;
}

void tui_pane_draw(struct tui *t, int y, int x, int h, int w)
{
	struct tui_pane *p = &t->pane;
	int yy, text_h, tw = w - 2, sep = y;
	char buf[1024];

	for (yy = 0; yy < h; yy++)
		mvhline(y + yy, x, ' ', w);
	/* A line between the list and the pane: beside it, or above it. */
	p->beside = x > 0;
	if (x > 0)
		mvvline_set(y, x, WACS_VLINE, h);
	else
		mvhline_set(y, 0, WACS_HLINE, w), y++, h--;
	p->h = h;
	if (!tui_selected(t) || p->id != tui_selected(t)->id || w < 10)
		return;
	if (p->wrap_w != tw)
		wrap_all(p, tw);
	clamp_scroll(p);
	text_h = text_rows(p);
	for (yy = 0; yy < text_h && (size_t)(p->scroll + yy) < p->nrows; yy++) {
		const struct pane_row *r = &p->rows[p->scroll + yy];
		const struct pane_line *l = &p->lines[r->line];
		int in = r->off ? (l->indent > tw / 2 ? tw / 2 : l->indent) : 0;
		size_t n = r->len < sizeof buf - 1 ? r->len : sizeof buf - 1;
		if (!l->text)
			continue;
		memcpy(buf, l->text + r->off, n);
		buf[n] = '\0';
		tui_put(y + yy, x + 1 + in, tw - in, buf, tui_attr(l->attr));
	}
	if ((int)p->nrows > h) {
		int below = (int)p->nrows - p->scroll - text_h, len;
		if (below > 0)
			snprintf(buf, sizeof buf, " \u25be %d more row%s: J scrolls down, K up ", below,
				 below == 1 ? "" : "s");
		else
			snprintf(buf, sizeof buf, " \u25b4 the end: K scrolls up ");
		if (p->beside) {
			tui_put(y + h - 1, x + 1, tw, buf, tui_attr(T_DIM));
		} else if ((len = text_width(buf)) < w - 2) {
			tui_put(sep, w - len - 1, len, buf, tui_attr(T_DIM));
		}
	}
}

/* J and K: half the pane's height at a time. */
static int pane_scroll(struct tui *t, int dir)
{
	struct tui_pane *p = &t->pane;
	struct tui_layout l;
	int step = p->h > 3 ? p->h / 2 : 1;

	if (!tui_selected(t))
		return tui_status_set(t, 1, "no prospect selected"), R_DRAW;
	tui_layout(t, &l);
	if (!l.pane || l.pane_w < 10 || p->id != tui_selected(t)->id)
		return tui_status_set(t, 0, "the detail pane is hidden: Enter shows it"), R_DRAW;
	if ((int)p->nrows <= p->h)
		return tui_status_set(t, 0, "the detail pane shows everything already"), R_DRAW;
	p->scroll += dir * step;
	clamp_scroll(p);
	return R_DRAW;
}

int act_pane_down(struct tui *t) { return pane_scroll(t, 1); }
int act_pane_up(struct tui *t) { return pane_scroll(t, -1); }

void tui_pane_release(struct tui *t)
{
	clear_lines(&t->pane);
	free(t->pane.lines);
	free(t->pane.rows);
	memset(&t->pane, 0, sizeof t->pane);
}
