/*
 * tui_pane.c - the detail pane: the selected prospect's contact data,
 * the last touch's note ("open with", whole, right under the phone),
 * with S its call script under it (SPEC §10), schedule, qualification
 * and its timeline, newest first: the touches, each with its note whole,
 * and the mail sent or drafted to it.  Exports
 * tui_pane_load(), tui_pane_stale(), tui_pane_draw(), tui_pane_release()
 * and the key table's act_pane_down/act_pane_up (J and K scroll it),
 * act_script (S shows and hides the script) and act_escape (Esc hides it,
 * else clears the search's filter).
 *
 * The pane is a list of lines (text, attribute, the indent of their
 * wrapped rows) built from one store_show() and one store_mail_each()
 * (and, while the script is shown, one script_render()) when the
 * selection moves to another prospect or after a reload marked it stale,
 * never while painting: tui_repaint() loads it.  A note's line breaks,
 * and the script's, make lines of their own.  The paint wraps the lines to the pane's width (SPEC §7: the
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
#include <time.h>
#include <wchar.h>

#include "followup/date.h"
#include "followup/err.h"
#include "followup/script.h"
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

/* What store_show() and store_mail_each() fill: the pane, and its
 * timeline's entries (a touch or a message, each a run of lines). */
struct load {
	struct tui_pane *p;
	const char *script;     /* the call script rendered, or NULL */
	const char *script_name; /* its template (call-N, call) */
	const char *script_err; /* why it could not be, or NULL */
	size_t heading;         /* index of the timeline's heading line */
	size_t touches;         /* index of the first timeline line */
	int touch_count, mail_count;
	struct entry {
		size_t from, n;     /* its lines */
		char key[20];       /* when, local "YYYY-MM-DD HH:MM:SS": the order */
		int mail;           /* a message, not a touch */
		size_t seq;         /* the order it came in (oldest first) */
	} *e;
	size_t ne, cap;
};

static void add_entry(struct load *ld, size_t from, const char *key, int mail)
{
	struct entry *e;

	if (ld->ne == ld->cap)
		ld->e = xrealloc(ld->e, (ld->cap = ld->cap * 2 + 16) * sizeof *ld->e);
	e = &ld->e[ld->ne];
	e->from = from;
	e->n = ld->p->n - from;
	snprintf(e->key, sizeof e->key, "%s", key);
	e->mail = mail;
	e->seq = ld->ne++;
}

/*
 * The call script's lines: each of its lines a line of the pane, wrapped
 * under its own indentation (and under the text of a "- " item); its
 * error, when it has one, as one line in the error color.
 */
static void add_script(struct load *ld)
{
	struct tui_pane *p = ld->p;
	const char *s = ld->script, *nl;
	char head[128];

	add_blank(p);
	if (ld->script_err) {
		add_line(p, NULL, "Call script:", T_HEADING);
		add_value(p, NULL, ld->script_err, T_ERROR, 0);
		return;
	}
	snprintf(head, sizeof head, "Call script (%s), S hides it:", ld->script_name);
	add_line(p, NULL, head, T_HEADING);
	for (; s && *s; s = nl ? nl + 1 : NULL) {
		size_t len, in = 0;
		nl = strchr(s, '\n');
		len = nl ? (size_t)(nl - s) : strlen(s);
		if (len && s[len - 1] == '\r')
			len--;
		while (in < len && (s[in] == ' ' || s[in] == '\t'))
			in++;
		if (in == len) {
			add_blank(p);
			continue;
		}
		if (in + 1 < len && (s[in] == '-' || s[in] == '*') && s[in + 1] == ' ')
			in += 2;
		add_text(p, xstrndup(s, len), T_NORMAL, (int)in);
	}
}

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
	 * so that a small pane shows it too; the script (S) right under it. */
	if (r->last_note) {
		add_line(p, NULL, "Open with:", T_HEADING);
		add_line(p, NULL, r->last_note, T_TITLE);
	}
	if (ld->script || ld->script_err) {
		add_script(ld);
		add_blank(p);
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
	ld->touch_count = r->touch_count;
	ld->heading = p->n;
	snprintf(buf, sizeof buf, "Touches (%d), newest first:", r->touch_count);
	add_line(p, NULL, buf, T_HEADING);
	ld->touches = p->n;
	return 0;
}

static int on_touch(const struct trow *tr, void *ctx)
{
	struct load *ld = ctx;
	char head[128], key[20];
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
	snprintf(key, sizeof key, "%.10s %.5s:00", tr->at, tr->at + 11);
	add_entry(ld, from, key, 0);
	return 0;
}

/* A message's UTC time ("YYYY-MM-DDTHH:MM:SSZ") as local time, the way
 * touches are written ("YYYY-MM-DD HH:MM:SS"); as it came when it does
 * not parse. */
static void local_time(const char *utc, char *buf, size_t n)
{
	int y, mo, d, h, mi, sec;
	struct tm tm;
	time_t when;

	if (!utc || sscanf(utc, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &sec) != 6 ||
	    !date_valid_ymd(y, mo, d)) {
		snprintf(buf, n, "%s", utc ? utc : "");
		return;
	}
	when = (time_t)date_from_ymd(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
	if (!localtime_r(&when, &tm) || !strftime(buf, n, "%Y-%m-%d %H:%M:%S", &tm))
		snprintf(buf, n, "%s", utc);
}

/* A message on the timeline: "mail", when (local), kind, sent or draft,
 * its subject. */
static int on_mail(const struct mail_record *m, void *ctx)
{
	struct load *ld = ctx;
	char key[32], *text;
	size_t from = ld->p->n, n;

	local_time(m->at, key, sizeof key);
	n = strlen(key) + (m->kind ? strlen(m->kind) : 0) + (m->subject ? strlen(m->subject) : 0) + 32;
	text = xmalloc(n);
	snprintf(text, n, "mail %.16s %s %s: %s", key, m->kind ? m->kind : "", m->sent ? "sent" : "draft",
		 m->subject ? m->subject : "");
	/* A subject is one line (control characters are spaces there). */
	add_value(ld->p, NULL, text, T_NORMAL, 4);
	free(text);
	ld->mail_count++;
	add_entry(ld, from, key, 1);
	return 0;
}

/* Newest first; at the same minute a message after the touch it
 * follows, and otherwise the later recorded first. */
static int entry_newer(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(y->key, x->key);

	if (c)
		return c;
	if (x->mail != y->mail)
		return y->mail - x->mail;
	return x->seq < y->seq ? 1 : x->seq > y->seq ? -1 : 0;
}

/* Touches and messages arrive oldest first, each kind on its own; the
 * pane lists them together, newest first, each entry's own lines kept
 * in their order. */
static void newest_first(struct tui_pane *p, struct load *ld)
{
	size_t total = p->n - ld->touches, i, o = 0;
	struct pane_line *tmp;

	if (!total)
		return;
	qsort(ld->e, ld->ne, sizeof *ld->e, entry_newer);
	tmp = xmalloc(total * sizeof *tmp);
	for (i = 0; i < ld->ne; i++) {
		memcpy(tmp + o, p->lines + ld->e[i].from, ld->e[i].n * sizeof *tmp);
		o += ld->e[i].n;
	}
	/* Lines past the last whole entry (an error midway) stay last. */
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
	char *script = NULL, *script_err = NULL;
	int ok;

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
	/* The script first: it reads the store itself, which it may not do
	 * from inside store_show's callback.  Its error is the script's to
	 * show, once, not a reason to load again. */
	if (p->script && script_render(t->st, &t->c->cfg, t->c->today, it->id, &script, &ld.script_name) < 0) {
		script_err = xstrdup(err_message());
		tui_status_set(t, 1, "%s", script_err);
	}
	ld.script = script;
	ld.script_err = script_err;
	ok = store_show(t->st, it->id, 0, on_prospect, on_touch, &ld) == 0;
	if (ok && ld.touches)
		ok = store_mail_each(t->st, it->id, on_mail, &ld) == 0;
	p->fresh = ok;
	if (!ok)
		tui_status_set(t, 1, "%s", err_message());
	/* (After an error, what came is shown, and the next paint tries
	 * again.) */
	if (ld.touches) {
		if (ld.mail_count) {
			char buf[128];
			snprintf(buf, sizeof buf, "Touches (%d) and mail (%d), newest first:", ld.touch_count,
				 ld.mail_count);
			free(p->lines[ld.heading].text);
			p->lines[ld.heading].text = xstrdup(buf);
		}
		newest_first(p, &ld);
	}
	free(ld.e);
	free(script);
	free(script_err);
}

/* Hide the script, and the pane if S is what showed it. */
static int script_hide(struct tui *t)
{
	struct tui_pane *p = &t->pane;

	p->script = 0;
	p->fresh = 0;
	p->scroll = 0;
	if (p->script_zoom)
		t->zoom = 0;
	p->script_zoom = 0;
	tui_status_set(t, 0, "call script hidden");
	return R_DRAW;
}

/* Whether the pane is on the screen (the layout, as painted). */
static int pane_shown(struct tui *t)
{
	struct tui_layout l;
	tui_layout(t, &l);
	return l.pane && l.pane_w >= 10;
}

int act_script(struct tui *t)
{
	struct tui_pane *p = &t->pane;

	/* Shown and on the screen: S hides it.  (Shown while the pane went
	 * away, hidden by Enter or a resize: S brings the pane back.) */
	if (p->script && pane_shown(t))
		return script_hide(t);
	if (t->view == V_STATS)
		return tui_status_set(t, 1, "the stats view has no detail pane: 1 goes to the due list"), R_DRAW;
	if (!tui_selected(t))
		return tui_status_set(t, 1, "no prospect selected"), R_DRAW;
	if (!p->script) {
		p->script = 1;
		p->fresh = 0; /* rendered by the next load, before the paint */
		p->scroll = 0;
	}
	/* The script is in the pane: show the pane (a small terminal swaps
	 * the list for it, as Enter does, and hiding swaps back). */
	t->detail = 1;
	if (!pane_shown(t) && !t->zoom) {
		t->zoom = 1;
		p->script_zoom = 1;
	}
	tui_status_set(t, 0, "call script under the last note: J/K scroll, S or Esc hides it");
	return R_DRAW;
}

int act_escape(struct tui *t)
{
	if (t->pane.script)
		return script_hide(t);
	return act_clear_filter(t);
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
