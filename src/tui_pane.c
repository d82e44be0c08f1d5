/*
 * tui_pane.c - the detail pane: the selected prospect's contact data,
 * qualification, the last touch's note ("open with") and its touches,
 * newest first.  Exports tui_pane_load(), tui_pane_stale(),
 * tui_pane_draw() and tui_pane_release().
 *
 * The pane is a list of lines (text and attribute) built from one
 * store_show() when the selection moves to another prospect or after a
 * reload marked it stale, never while painting: tui_repaint() loads it,
 * then the paint only clips the lines to the box.  Only the pane's own
 * prospect is held (its touches, in the order shown).
 */
#include "tui_int.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "followup/date.h"
#include "followup/err.h"
#include "followup/util.h"

static void clear_lines(struct tui_pane *p)
{
	size_t i;
	for (i = 0; i < p->n; i++)
		free(p->lines[i].text);
	p->n = 0;
}

static void add_text(struct tui_pane *p, char *text, enum tui_attr attr)
{
	if (p->n == p->cap)
		p->lines = xrealloc(p->lines, (p->cap = p->cap * 2 + 32) * sizeof *p->lines);
	p->lines[p->n].text = text;
	p->lines[p->n++].attr = attr;
}

/* "label     value", or value alone; nothing when value is NULL. */
static void add_line(struct tui_pane *p, const char *label, const char *value, enum tui_attr attr)
{
	char buf[1024];
	if (!value)
		return;
	if (label)
		snprintf(buf, sizeof buf, "%-9s %s", label, value);
	else
		snprintf(buf, sizeof buf, "%s", value);
	add_text(p, xstrdup(buf), attr);
}

static void add_blank(struct tui_pane *p)
{
	add_text(p, NULL, T_NORMAL);
}

/* What store_show() fills: the pane, and where its touches begin. */
struct load {
	struct tui_pane *p;
	size_t touches; /* index of the first touch line */
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
	if (r->last_note) {
		add_blank(p);
		add_line(p, NULL, "Open with:", T_HEADING);
		add_line(p, NULL, r->last_note, T_TITLE);
	}
	add_blank(p);
	snprintf(buf, sizeof buf, "Touches (%d), newest first:", r->touch_count);
	add_line(p, NULL, buf, T_HEADING);
	ld->touches = p->n;
	return 0;
}

static int on_touch(const struct trow *tr, void *ctx)
{
	struct load *ld = ctx;
	char buf[1024];
	snprintf(buf, sizeof buf, "#%lld %.10s %s %s/%s%s%s", tr->id, tr->at, tr->at + 11,
		 channel_name(tr->channel), outcome_name(tr->outcome), tr->note ? ": " : "",
		 tr->note ? tr->note : "");
	add_line(ld->p, NULL, buf, T_NORMAL);
	return 0;
}

void tui_pane_load(struct tui *t)
{
	struct tui_pane *p = &t->pane;
	struct item *it = tui_selected(t);
	struct load ld = {p, 0};
	size_t i, j;

	if (!it) {
		clear_lines(p);
		p->id = 0;
		return;
	}
	if (p->fresh && p->id == it->id)
		return;
	clear_lines(p);
	p->id = it->id;
	p->fresh = store_show(t->st, it->id, 0, on_prospect, on_touch, &ld) == 0;
	if (!p->fresh)
		tui_status_set(t, 1, "%s", err_message());
	/* Touches arrive oldest first; the pane lists newest first.  (After
	 * an error, what came is shown, and the next paint tries again.) */
	if (ld.touches)
		for (i = ld.touches, j = p->n; i + 1 < j; i++, j--) {
			struct pane_line tmp = p->lines[i];
			p->lines[i] = p->lines[j - 1];
			p->lines[j - 1] = tmp;
		}
}

void tui_pane_stale(struct tui *t)
{
	t->pane.fresh = 0;
}

void tui_pane_draw(struct tui *t, int y, int x, int h, int w)
{
	const struct tui_pane *p = &t->pane;
	int yy, line;

	for (yy = 0; yy < h; yy++)
		mvhline(y + yy, x, ' ', w);
	/* A line between the list and the pane: beside it, or above it. */
	if (x > 0)
		mvvline_set(y, x, WACS_VLINE, h);
	else
		mvhline_set(y, 0, WACS_HLINE, w), y++, h--;
	if (!tui_selected(t) || p->id != tui_selected(t)->id || w < 10)
		return;
	for (line = 0; line < h && (size_t)line < p->n; line++)
		if (p->lines[line].text)
			tui_put(y + line, x + 1, w - 2, p->lines[line].text, tui_attr(p->lines[line].attr));
}

void tui_pane_release(struct tui *t)
{
	clear_lines(&t->pane);
	free(t->pane.lines);
	memset(&t->pane, 0, sizeof t->pane);
}
