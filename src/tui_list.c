/*
 * tui_list.c - the list: a window of rows on one of the store's paged
 * views (store.h), never the whole view (issue 17: a million prospects
 * due this week cost what a thousand do).  Exports tui_list_reload(),
 * tui_list_move(), tui_list_end(), tui_list_ensure(), tui_list_pending(),
 * tui_list_work(), tui_list_other() and tui_list_release().
 *
 * Representation.  t->items holds a run of the view's rows, in order,
 * with headings (id 0) made from them: one above each group of rows (a day
 * of the agenda, the due list's "need a decision"), and one at the top of
 * the window for the group it starts in.  t->list.lo and hi are the keys
 * the next reads go on from (struct tui_list); they are past the first
 * and last item when a search read rows that did not match.  Reads are
 * bounded (STEP_ROWS rows examined): one step runs in the handler or
 * reload that needs it, the rest while no key waits (the main loop calls
 * tui_list_work), so that a keystroke of a rare search is as quick as of
 * a common one.  The window is trimmed back to about four screens, far
 * from the selection.
 *
 * The selection is kept by prospect: a reload after a write finds the
 * selected prospect again, wherever its new key puts it (or, when the
 * write took it out of the view, selects the row that took its place); a
 * new view, sort or search finds t->want, the prospect the user chose.
 */
#include "tui_int.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "followup/date.h"
#include "followup/err.h"
#include "followup/util.h"

/* A step reads for so long (a search's non-matches too), then lets the
 * screen be painted and the keys read: the one in a handler or reload
 * briefly, those while no key waits a little longer. */
#define STEP_MS 2
#define IDLE_STEP_MS 25
#define STEP_ROWS 50000      /* and at most so many rows (what a sort keeps) */
#define OTHER_STEP_ROWS 20000 /* the count among all prospects reads by id: cheaper rows */
#define OTHER_CAP 99         /* "99+ in all prospects" */

/* ---- rows and keys ------------------------------------------------------ */

static void item_free(struct item *it)
{
	free(it->name);
	free(it->company);
	free(it->phone);
	free(it->heading);
	memset(it, 0, sizeof *it);
}

static void items_clear(struct tui *t)
{
	size_t i;
	for (i = 0; i < t->n; i++)
		item_free(&t->items[i]);
	t->n = 0;
}

static void item_fill(struct item *it, const struct prow *r, const struct view_key *k)
{
	memset(it, 0, sizeof *it);
	it->id = r->id;
	it->name = xstrdup(r->name);
	it->company = r->company ? xstrdup(r->company) : NULL;
	it->phone = r->phone ? xstrdup(r->phone) : NULL;
	it->due = r->due;
	it->due_time = r->due_time;
	it->status = r->status;
	it->overdue_days = r->overdue_days;
	it->step = r->step;
	it->explicit_due = r->due_kind == DUE_EXPLICIT;
	it->flags = r->flags;
	it->last_date = r->last_date;
	it->seg = k->seg;
	if (r->last_date != DATE_NONE)
		snprintf(it->last, sizeof it->last, "%s/%s", channel_name(r->last_channel),
			 outcome_name(r->last_outcome));
}

/* The view key of an item (its strings borrowed). */
static void key_of(const struct item *it, struct view_key *k)
{
	k->seg = it->seg;
	k->due = it->due;
	k->due_time = it->due_time;
	k->status = it->status;
	k->name = it->name ? it->name : "";
	k->company = it->company;
	k->id = it->id;
}

/* Set an edge to a key (copying its strings); NULL: the view's edge. */
static void edge_set(struct list_edge *e, const struct view_key *k)
{
	free(e->key.name);
	free(e->key.company);
	memset(&e->key, 0, sizeof e->key);
	e->set = k != NULL;
	if (!k)
		return;
	e->key.seg = k->seg;
	e->key.due = k->due;
	e->key.due_time = k->due_time;
	e->key.status = k->status;
	e->key.name = xstrdup(k->name);
	e->key.company = k->company ? xstrdup(k->company) : NULL;
	e->key.id = k->id;
}

static void spec_of(const struct tui *t, struct view_spec *v)
{
	memset(v, 0, sizeof *v);
	v->kind = t->view == V_DUE ? VIEW_DUE : t->view == V_UPCOMING ? VIEW_AGENDA : VIEW_ALL;
	v->until = t->view == V_DUE ? t->c->today : t->c->today + 14;
	v->sort = t->sort;
	v->query = t->query[0] ? t->query : NULL;
}

/* ---- headings ------------------------------------------------------------ */

/* The group a row is listed under; its heading into buf ("" for none). */
static int group_of(const struct tui *t, const struct item *it, char *buf, size_t n)
{
	int today = t->c->today;
	char sh[16];

	if (buf)
		buf[0] = '\0';
	if (t->view == V_DUE) {
		if (it->seg == 1 && buf)
			snprintf(buf, n, "Need a decision (cadence complete)");
		return it->seg;
	}
	if (t->view != V_UPCOMING || it->due == DATE_NONE)
		return 0;
	if (it->due < today) {
		if (buf)
			snprintf(buf, n, "Overdue");
		return INT_MIN;
	}
	if (buf)
		snprintf(buf, n, "%s%s", date_format_short(it->due, sh),
			 it->due == today ? " (today)" : it->due == today + 1 ? " (tomorrow)" : "");
	return it->due;
}

/* Make the headings again from the rows (after rows came or went),
 * keeping the selection on its prospect and the top row where it was. */
static void relabel(struct tui *t)
{
	long long sel_id = t->sel < t->n ? t->items[t->sel].id : 0;
	long long top_id = 0;
	int top_heading = 0, g = 0;
	size_t i, o = 0, rows;
	struct item *a;
	char head[64];

	for (i = t->top; i < t->n && !top_id; i++)
		top_id = t->items[i].id;
	top_heading = t->top < t->n && !t->items[t->top].id;
	for (i = 0; i < t->n; i++) {
		if (t->items[i].id)
			t->items[o++] = t->items[i];
		else
			item_free(&t->items[i]);
	}
	rows = o;
	a = xmalloc((2 * rows + 1) * sizeof *a);
	for (i = 0, o = 0; i < rows; i++) {
		int gi = group_of(t, &t->items[i], head, sizeof head);
		if ((i == 0 || gi != g) && head[0]) {
			memset(&a[o], 0, sizeof a[o]);
			a[o].heading = xstrdup(head);
			a[o].due = t->items[i].due;
			a[o++].seg = t->items[i].seg;
		}
		g = gi;
		a[o++] = t->items[i];
	}
	free(t->items);
	t->items = a;
	t->n = o;
	t->cap = 2 * rows + 1;
	t->sel = t->top = 0;
	for (i = 0; i < t->n; i++) {
		if (sel_id && t->items[i].id == sel_id)
			t->sel = i;
		if (top_id && t->items[i].id == top_id)
			t->top = top_heading && i > 0 && !t->items[i - 1].id ? i - 1 : i;
	}
	if (!sel_id || t->items[t->sel].id != sel_id)
		for (i = 0; i < t->n; i++)
			if (t->items[i].id) {
				t->sel = i;
				break;
			}
}

/* ---- reading ------------------------------------------------------------- */

static size_t page_rows(const struct tui *t)
{
	return t->list_h > 1 ? (size_t)t->list_h : 20;
}

/* Rows before and after the selection (all of them when none). */
static void around(const struct tui *t, size_t *before, size_t *after)
{
	size_t i;
	int sel = t->sel < t->n && t->items[t->sel].id;
	*before = *after = 0;
	for (i = 0; i < t->n; i++)
		if (t->items[i].id) {
			if (sel && i < t->sel)
				++*before;
			else if (!sel || i > t->sel)
				++*after;
		}
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

struct fill {
	struct item *got;
	size_t n, cap;
	struct list_edge last;  /* the last row examined */
	unsigned long examined;
	double until;           /* now_ms() to stop at */
};

static int fill_cb(const struct prow *r, const struct view_key *k, int hit, void *ctx)
{
	struct fill *f = ctx;
	if (hit) {
		if (f->n == f->cap)
			f->got = xrealloc(f->got, (f->cap = f->cap * 2 + 32) * sizeof *f->got);
		item_fill(&f->got[f->n++], r, k);
	}
	edge_set(&f->last, k);
	/* The clock, now and then: a row costs a microsecond or fifty. */
	return ++f->examined % 32 == 0 && now_ms() > f->until;
}

/* How long the next fill may read (tui_list_work's steps are longer). */
static int step_ms = STEP_MS;

/*
 * Read up to `want` more rows past the window's end (back: its start),
 * examining at most STEP_ROWS; 0, or -1 with the store's error recorded.
 */
static int fill(struct tui *t, int back, size_t want)
{
	struct list_edge *e = back ? &t->list.lo : &t->list.hi;
	struct fill f;
	struct view_spec v;
	struct view_key from;
	size_t i;
	int done, rc;

	if (e->done || t->view == V_STATS)
		return 0;
	memset(&f, 0, sizeof f);
	f.until = now_ms() + step_ms;
	spec_of(t, &v);
	if (e->set)
		key_of(&e->key, &from);
	rc = store_view_scan(t->st, &v, e->set ? &from : NULL, !back && t->list.hi_incl, back ? -1 : 1,
			     (int)want, STEP_ROWS, fill_cb, &f, &done);
	if (rc < 0) {
		for (i = 0; i < f.n; i++)
			item_free(&f.got[i]);
		free(f.got);
		edge_set(&f.last, NULL);
		return -1;
	}
	if (f.last.set) {
		edge_set(e, NULL);
		*e = f.last; /* its strings move over */
		if (!back)
			t->list.hi_incl = 0;
	}
	e->done = done;
	if (f.n) {
		int had_sel = t->sel < t->n && t->items[t->sel].id;
		if (t->n + f.n > t->cap)
			t->items = xrealloc(t->items, (t->cap = t->n + f.n + 32) * sizeof *t->items);
		if (back) {
			/* Nearest first: reversed above the window. */
			memmove(t->items + f.n, t->items, t->n * sizeof *t->items);
			for (i = 0; i < f.n; i++)
				t->items[f.n - 1 - i] = f.got[i];
			t->sel += f.n;
			t->top += f.n;
		} else {
			memcpy(t->items + t->n, f.got, f.n * sizeof *f.got);
		}
		t->n += f.n;
		if (!had_sel) {
			/* Nothing was selected: the row the reset asked for. */
			t->sel = 0;
			for (i = 0; i < t->n; i++)
				if (t->items[t->list.pick < 0 ? t->n - 1 - i : i].id) {
					t->sel = t->list.pick < 0 ? t->n - 1 - i : i;
					break;
				}
			if (t->list.pick < 0)
				t->top = t->sel + 1 > page_rows(t) ? t->sel + 1 - page_rows(t) : 0;
		}
		relabel(t);
	}
	free(f.got);
	return 0;
}

/* Drop rows far from the selection until the window is about four
 * screens again; the edges move in to the rows kept. */
static void trim(struct tui *t)
{
	size_t before, after, max = 4 * (page_rows(t) > 25 ? page_rows(t) : 25);
	struct view_key k;

	around(t, &before, &after);
	if (before + after <= max + max / 2)
		return;
	while (before + after > max) {
		size_t i;
		if (after > before) {
			while (t->n && !t->items[t->n - 1].id)
				item_free(&t->items[--t->n]);
			item_free(&t->items[--t->n]);
			after--;
			for (i = t->n; i-- > 0;)
				if (t->items[i].id)
					break;
			key_of(&t->items[i], &k);
			edge_set(&t->list.hi, &k);
			t->list.hi.done = 0;
			t->list.hi_incl = 0;
		} else {
			for (i = 0; i < t->n && !t->items[i].id; i++)
				;
			item_free(&t->items[i]);
			memmove(t->items + i, t->items + i + 1, (t->n - i - 1) * sizeof *t->items);
			t->n--;
			t->sel--;
			t->top = t->top > 0 ? t->top - 1 : 0;
			before--;
			for (i = 0; i < t->n && !t->items[i].id; i++)
				;
			key_of(&t->items[i], &k);
			edge_set(&t->list.lo, &k);
			t->list.lo.done = 0;
		}
	}
	relabel(t);
}

/* Empty the window, to be read again from key on (its own row included),
 * or, key NULL, from the view's first row (from_end: back from its last). */
static void reset(struct tui *t, const struct view_key *key, int from_end)
{
	items_clear(t);
	t->sel = t->top = 0;
	edge_set(&t->list.lo, key);
	edge_set(&t->list.hi, key);
	t->list.lo.done = !key && !from_end;
	t->list.hi.done = !key && from_end;
	t->list.hi_incl = key != NULL;
	t->list.pick = from_end ? -1 : 1;
	t->list.want_before = 0;
	memset(&t->list.other, 0, sizeof t->list.other);
}

struct found {
	struct item it;
	int got;
};

static int found_cb(const struct prow *r, const struct view_key *k, int hit, void *ctx)
{
	struct found *f = ctx;
	(void)hit;
	item_fill(&f->it, r, k);
	f->got = 1;
	return 0;
}

/* Select prospect id when the window holds it; 1 if so. */
static int select_id(struct tui *t, long long id)
{
	size_t i;
	for (i = 0; i < t->n; i++)
		if (id && t->items[i].id == id) {
			t->sel = i;
			return 1;
		}
	return 0;
}

int tui_list_reload(struct tui *t)
{
	struct view_spec v;
	struct found f;
	struct item old;
	struct view_key k;
	int is_view = t->reload_view, rc;
	long long id;
	size_t offset = t->sel >= t->top ? t->sel - t->top : 0;

	t->reload_view = 0;
	memset(&old, 0, sizeof old);
	if (t->sel < t->n && t->items[t->sel].id) {
		old = t->items[t->sel]; /* a copy: the window is read again */
		old.name = xstrdup(old.name);
		old.company = old.company ? xstrdup(old.company) : NULL;
		old.phone = old.heading = NULL;
	}
	id = is_view ? t->want : old.id;
	if (t->view == V_STATS) {
		reset(t, NULL, 0);
		t->list.lo.done = t->list.hi.done = 1;
		item_free(&old);
		return 0;
	}
	spec_of(t, &v);
	memset(&f, 0, sizeof f);
	rc = id ? store_view_find(t->st, &v, id, found_cb, &f) : 0;
	if (rc < 0) {
		item_free(&old);
		return -1;
	}
	if (rc == 1) {
		/* In the view: read on from its (new) place. */
		key_of(&f.it, &k);
		reset(t, &k, 0);
		rc = fill(t, 0, page_rows(t) * 2);
		select_id(t, id);
	} else if (!is_view && old.id) {
		/* A write took it out of the view: the row now in its place,
		 * else the one above. */
		key_of(&old, &k);
		reset(t, &k, 0);
		rc = fill(t, 0, page_rows(t) * 2);
		if (rc == 0 && !t->n && t->list.hi.done)
			rc = fill(t, 1, 1);
	} else {
		reset(t, NULL, 0);
		rc = fill(t, 0, page_rows(t) * 2);
		offset = 0;
	}
	item_free(&f.it);
	item_free(&old);
	if (rc < 0)
		return -1;
	/* Keep the selection's screen row: rows above it, read now (or, for
	 * a search keystroke, while no key waits). */
	t->list.want_before = offset;
	if (offset && !(is_view && t->query[0]) && fill(t, 1, offset) < 0)
		return -1;
	if (t->sel < t->n) {
		size_t before, after;
		around(t, &before, &after);
		t->top = t->sel - (before < offset ? before : offset);
		while (t->top > 0 && !t->items[t->top - 1].id)
			t->top--; /* its heading too */
	}
	if (!is_view && tui_selected(t))
		t->want = tui_selected(t)->id;
	return 0;
}

/* ---- moving -------------------------------------------------------------- */

void tui_list_move(struct tui *t, long delta)
{
	long target, n, step = delta > 0 ? 1 : -1, s;
	size_t before, after;

	if (t->view == V_STATS)
		return;
	around(t, &before, &after);
	/* Read past the edge first, as far as the move goes and a screen on. */
	if (delta > 0 && (size_t)delta + page_rows(t) > after && !t->list.hi.done)
		fill(t, 0, (size_t)delta + page_rows(t) - after);
	if (delta < 0 && (size_t)-delta > before && !t->list.lo.done)
		fill(t, 1, (size_t)-delta - before + page_rows(t));
	n = (long)t->n;
	if (!n)
		return;
	s = (long)t->sel;
	target = s + delta;
	if (target < 0)
		target = 0;
	if (target >= n)
		target = n - 1;
	/* Skip headings in the direction of travel, else (the heading atop
	 * the window) back the other way from where the move ended. */
	for (s = target; target >= 0 && target < n && !t->items[target].id;)
		target += step;
	if (target < 0 || target >= n)
		for (target = s; target >= 0 && target < n && !t->items[target].id; target -= step)
			;
	if (target >= 0 && target < n && t->items[target].id)
		t->sel = (size_t)target;
	t->list.want_before = 0;
	if (tui_selected(t))
		t->want = tui_selected(t)->id;
	trim(t);
}

void tui_list_end(struct tui *t, int end)
{
	size_t i;

	if (t->view == V_STATS)
		return;
	reset(t, NULL, end > 0);
	fill(t, end > 0, page_rows(t));
	/* The first row (or the last), past the headings. */
	if (t->n) {
		t->sel = end < 0 ? 0 : t->n - 1;
		for (i = 0; i < t->n; i++)
			if (t->items[end < 0 ? i : t->n - 1 - i].id) {
				t->sel = end < 0 ? i : t->n - 1 - i;
				break;
			}
		t->top = end < 0 ? 0 : t->sel + 1 > page_rows(t) ? t->sel + 1 - page_rows(t) : 0;
		t->list.pick = 0;
	}
	if (tui_selected(t))
		t->want = tui_selected(t)->id;
}

void tui_list_ensure(struct tui *t)
{
	size_t page = page_rows(t), below = t->n > t->top ? t->n - t->top : 0;

	/* What is missing below is read while no key waits (pending). */
	if (t->view == V_STATS || below >= page || !t->list.hi.done)
		return;
	/* The view ends on screen: fill the screen from above, with the rows
	 * the window holds, and those it does not once read. */
	if (!t->list.lo.done && page - below > t->list.want_before)
		t->list.want_before = page - below;
	t->top = t->n > page ? t->n - page : 0;
	if (t->top > t->sel)
		t->top = t->sel;
}

/* ---- reading while no key waits ------------------------------------------ */

static int other_wanted(const struct tui *t)
{
	return (t->view == V_DUE || t->view == V_UPCOMING) && t->query[0] && !t->n &&
	       t->list.lo.done && t->list.hi.done && !t->list.other.done;
}

int tui_list_pending(const struct tui *t)
{
	size_t before, after, below = t->n > t->top ? t->n - t->top : 0;

	if (t->view == V_STATS)
		return 0;
	around(t, &before, &after);
	if (!t->list.hi.done && (after < page_rows(t) + 1 || below < page_rows(t)))
		return 1;
	if (!t->list.lo.done && before < t->list.want_before)
		return 1;
	return other_wanted(t);
}

void tui_list_work(struct tui *t)
{
	size_t before, after;
	int rc = 0;

	around(t, &before, &after);
	step_ms = IDLE_STEP_MS;
	if (!t->list.hi.done && (after < page_rows(t) + 1 || t->n < t->top + page_rows(t))) {
		rc = fill(t, 0, page_rows(t) + 1 + (t->n < t->top + page_rows(t) ? t->top + page_rows(t) - t->n : 0));
	} else if (!t->list.lo.done && before < t->list.want_before) {
		/* Above the screen: the selection does not move under the eye. */
		rc = fill(t, 1, t->list.want_before - before);
	} else if (other_wanted(t)) {
		t->list.other.on = 1;
		rc = store_search_scan(t->st, t->query, &t->list.other.after, OTHER_STEP_ROWS, OTHER_CAP,
				       &t->list.other.hits, &t->list.other.first, &t->list.other.done);
		if (t->list.other.hits > OTHER_CAP)
			t->list.other.done = 1;
	}
	step_ms = STEP_MS;
	if (rc < 0) {
		/* Say it, and stop reading until the next reload. */
		tui_status_set(t, 1, "%s", err_message());
		t->list.lo.done = t->list.hi.done = t->list.other.done = 1;
	}
}

long long tui_list_other(const struct tui *t)
{
	return (t->view == V_DUE || t->view == V_UPCOMING) && !t->n && t->list.other.on ? t->list.other.first : 0;
}

void tui_list_release(struct tui *t)
{
	items_clear(t);
	free(t->items);
	t->items = NULL;
	t->cap = 0;
	edge_set(&t->list.lo, NULL);
	edge_set(&t->list.hi, NULL);
}
