/*
 * tui_prospect.c - the key table's handlers that act on the selected
 * prospect: log a touch (channel key, outcome key, note), set or clear the
 * next date, add and edit (the prospect form), mark won or lost, remove a
 * touch, delete.  Exports those act_* functions (tui_int.h).
 *
 * Each changes the store through its API and returns R_RELOAD when it
 * did, R_DRAW when it did not (cancelled, refused: the status line says
 * why); none draws.  Its prompts are modal loops over the screen (the one
 * key and y/n prompts here, the line editor, the form), all reading keys
 * with tui_read_key().
 */
#include "tui_int.h"

#include <stdio.h>
#include <string.h>

#include "followup/clock.h"
#include "followup/date.h"
#include "followup/err.h"
#include "followup/text.h"
#include "followup/util.h"

/* ---- prompts ------------------------------------------------------------ */

/* Show prompt on the status line and read one character; returns it, or
 * 0 on Esc (and when quitting).  KEY_* codes are ignored. */
static wint_t ask_key(struct tui *t, const char *prompt)
{
	wint_t key;

	for (;;) {
		tui_status_set(t, 0, "%s", prompt);
		tui_repaint(t);
		/* Every pass paints the prompt again: after a second idle, a
		 * KEY_* code (ignored) or a resize. */
		switch (tui_read_key(&t->under, &key)) {
		case IN_QUIT:
			return 0;
		case IN_CHAR:
			t->status[0] = '\0';
			return key == 27 ? 0 : key;
		default:
			continue;
		}
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

/* The status line after a change: done, and what is due next. */
static void say_due(struct tui *t, long long id, const char *done)
{
	struct prospect_state ps;
	char sh[16], tb[6];
	if (store_prospect_state(t->st, id, &ps) < 0) {
		tui_status_set(t, 0, "%s", done);
		return;
	}
	if (ps.status != STATUS_ACTIVE)
		tui_status_set(t, 0, "%s — %s", done, ps.status == STATUS_WON ? "won" : "lost");
	else if (ps.due == DATE_NONE)
		tui_status_set(t, 0, "%s — cadence complete, decide what next", done);
	else if (ps.kind == DUE_EXPLICIT)
		tui_status_set(t, 0, "%s — next: %s%s%s", done, date_format_short(ps.due, sh),
			       ps.due_time != TIME_NONE ? " " : "",
			       ps.due_time != TIME_NONE ? time_format(ps.due_time, tb) : "");
	else
		tui_status_set(t, 0, "%s — next: %s, step %d", done, date_format_short(ps.due, sh), ps.step);
}

/* The "no prospect selected" answer of every handler that needs one. */
static int none_selected(struct tui *t)
{
	tui_status_set(t, 1, "no prospect selected");
	return R_DRAW;
}

/* The store's error on the status line. */
static int store_failed(struct tui *t)
{
	tui_status_set(t, 1, "%s", err_message());
	return R_DRAW;
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

/* ---- the prospect ------------------------------------------------------ */

int act_log(struct tui *t)
{
	struct item *it = tui_selected(t);
	char note[512] = "", done[512], name[128], prompt[256];
	wint_t k;
	int ci, oi;

	if (!it)
		return none_selected(t);
	key_prompt(prompt, sizeof prompt, "log channel:", channel_words, CH_COUNT, "   Esc cancels");
	k = ask_key(t, prompt);
	if (!k || k > 127 || (ci = word_by_key(channel_words, CH_COUNT, (int)k)) < 0)
		return tui_status_set(t, 0, "log cancelled"), R_DRAW;
	key_prompt(prompt, sizeof prompt, "outcome:", outcome_words, OUT_COUNT, "");
	k = ask_key(t, prompt);
	if (!k || k > 127 || (oi = word_by_key(outcome_words, OUT_COUNT, (int)k)) < 0)
		return tui_status_set(t, 0, "log cancelled"), R_DRAW;
	t->status[0] = '\0';
	if (!tui_line_edit(&t->under, "note (Enter saves, Esc cancels): ", note, sizeof note))
		return tui_status_set(t, 0, "log cancelled"), R_DRAW;
	if (store_touch_add(t->st, it->id, t->c->today, clock_now_minutes(), (enum channel)ci,
			    (enum outcome)oi, note, NULL) < 0)
		return store_failed(t);
	text_fit(name, sizeof name, it->name, 40, 0);
	snprintf(done, sizeof done, "logged %s/%s for %s", channel_words[ci].name, outcome_words[oi].name,
		 name);
	say_due(t, it->id, done);
	return R_RELOAD;
}

int act_next(struct tui *t)
{
	struct item *it = tui_selected(t);
	char buf[64] = "", *sp;
	int date, time = TIME_NONE;

	if (!it)
		return none_selected(t);
	if (!tui_line_edit(&t->under, "next date (tomorrow, +3d, fri, 2026-12-01 [14:30]; empty clears): ",
			   buf, sizeof buf))
		return tui_status_set(t, 0, "cancelled"), R_DRAW;
	if (!util_has_text(buf)) {
		if (store_next_clear(t->st, it->id) < 0)
			return store_failed(t);
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
		return store_failed(t);
	say_due(t, it->id, "next date set");
	return R_RELOAD;
}

/* The prospect form (add and edit): its fields, in this order. */
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

/* The form until it saves or is cancelled; a refused save shows its
 * reason in the form's title and keeps the form open. */
static int add_edit(struct tui *t, int edit)
{
	struct tui_field f[FL__COUNT];
	struct item *it = tui_selected(t);
	char title[600] = "";
	long long id = 0;
	int first, st;

	form_init(f);
	if (edit) {
		if (!it)
			return none_selected(t);
		id = it->id;
		if (store_show(t->st, id, 0, fill_form, NULL, f) < 0)
			return store_failed(t);
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
		if (!tui_form(&t->under, heading, f, FL__COUNT))
			return tui_status_set(t, 0, "cancelled"), R_DRAW;
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
					tui_status_set(t, 0, "added #%lld, first follow-up %s", id,
						       date_format_short(ps.due, sh));
				else
					tui_status_set(t, 0, "added #%lld", id);
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

int act_add(struct tui *t) { return add_edit(t, 0); }
int act_edit(struct tui *t) { return add_edit(t, 1); }

static int set_status(struct tui *t, enum prospect_status status)
{
	struct item *it = tui_selected(t);
	struct prospect_edit e;
	char what[300], name[128];

	if (!it)
		return none_selected(t);
	text_fit(name, sizeof name, it->name, 40, 0);
	snprintf(what, sizeof what, "mark %s as %s", name, status_name(status));
	if (!confirm(t, what))
		return tui_status_set(t, 0, "not changed"), R_DRAW;
	memset(&e, 0, sizeof e);
	e.first_contact = DATE_NONE;
	e.set_status = 1;
	e.status = status;
	if (store_prospect_edit(t->st, it->id, &e) < 0)
		return store_failed(t);
	tui_status_set(t, 0, "%s marked %s (u undoes)", name, status_name(status));
	return R_RELOAD;
}

int act_won(struct tui *t) { return set_status(t, STATUS_WON); }
int act_lost(struct tui *t) { return set_status(t, STATUS_LOST); }

int act_delete(struct tui *t)
{
	struct item *it = tui_selected(t);
	char what[300], name[128];

	if (!it)
		return none_selected(t);
	text_fit(name, sizeof name, it->name, 40, 0);
	snprintf(what, sizeof what, "delete %s and all its touches", name);
	if (!confirm(t, what))
		return tui_status_set(t, 0, "not deleted"), R_DRAW;
	if (store_prospect_delete(t->st, it->id) < 0)
		return store_failed(t);
	tui_status_set(t, 0, "deleted %s (u undoes)", name);
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

int act_untouch(struct tui *t)
{
	struct item *it = tui_selected(t);
	long long last = 0, tid, pid;
	char buf[32] = "";

	if (!it)
		return none_selected(t);
	if (store_show(t->st, it->id, 0, ignore_row, last_touch_cb, &last) < 0)
		return store_failed(t);
	if (!last)
		return tui_status_set(t, 1, "no touch to remove"), R_DRAW;
	snprintf(buf, sizeof buf, "%lld", last);
	if (!tui_line_edit(&t->under, "remove touch # (see the timeline): ", buf, sizeof buf))
		return tui_status_set(t, 0, "cancelled"), R_DRAW;
	if (cli_parse_id(buf, "touch", &tid) < 0 || store_touch_remove(t->st, tid, &pid) < 0)
		return store_failed(t);
	say_due(t, pid, "touch removed");
	return R_RELOAD;
}

