/*
 * tui_prompt.c - what the handlers of tui_prospect.c and tui_call.c share
 * (tui_int.h): the one-key and y/n prompts, the drafts a cancelled prompt
 * keeps for its prospect, and the status-line answers every handler gives
 * (no prospect selected, the store's error, what is due next).
 */
#include "tui_int.h"

#include <curses.h> /* the one-key prompt's row above the status line */
#include <stdio.h>
#include <string.h>

#include "followup/date.h"
#include "followup/err.h"
#include "followup/text.h"

/* ---- drafts ------------------------------------------------------------- */

static struct tui_draft *draft_find(struct tui *t, enum draft_kind kind, long long id)
{
	int i;
	for (i = 0; i < TUI_DRAFTS; i++)
		if (t->drafts[i].kind == kind && t->drafts[i].id == id)
			return &t->drafts[i];
	return NULL;
}

/* The draft kept for (kind, id), or NULL. */
const char *tui_draft_get(struct tui *t, enum draft_kind kind, long long id)
{
	struct tui_draft *d = draft_find(t, kind, id);
	return d ? d->text : NULL;
}

/* Keep text for (kind, id), in its slot, a free one or the oldest. */
void tui_draft_put(struct tui *t, enum draft_kind kind, long long id, const char *text)
{
	struct tui_draft *d = draft_find(t, kind, id);
	int i;
	if (!d) {
		d = &t->drafts[0];
		for (i = 0; i < TUI_DRAFTS; i++) {
			if (t->drafts[i].kind == DRAFT_NONE) {
				d = &t->drafts[i];
				break;
			}
			if (t->drafts[i].age < d->age)
				d = &t->drafts[i];
		}
	}
	d->kind = kind;
	d->id = id;
	d->age = ++t->draft_age;
	snprintf(d->text, sizeof d->text, "%s", text);
}

void tui_draft_drop(struct tui *t, enum draft_kind kind, long long id)
{
	struct tui_draft *d = draft_find(t, kind, id);
	if (d)
		d->kind = DRAFT_NONE;
}

/* ---- prompts ------------------------------------------------------------ */

/* Show prompt on the status line (and above, on the row over it, as an
 * error when is_err: NULL for none) and read one character; returns it,
 * or 0 on Esc or Ctrl-C (and when quitting).  KEY_* codes (a paste too)
 * are ignored. */
wint_t tui_ask_key(struct tui *t, const char *prompt, const char *above, int is_err)
{
	wint_t key;

	for (;;) {
		tui_status_set(t, 0, "%s", prompt);
		tui_repaint(t);
		if (above && LINES > 3) {
			tui_put(LINES - 2, 0, COLS, above, tui_attr(is_err ? T_ERROR : T_TITLE));
			refresh();
		}
		/* Every pass paints the prompt again: after a second idle, a
		 * KEY_* code (ignored) or a resize. */
		switch (tui_read_key(&t->under, &key)) {
		case IN_QUIT:
			return 0;
		case IN_CHAR:
			t->status[0] = '\0';
			return key == 27 || key == CTRL('c') ? 0 : key;
		default:
			continue;
		}
	}
}

int tui_confirm(struct tui *t, const char *what)
{
	char prompt[512];
	wint_t k;
	snprintf(prompt, sizeof prompt, "%s? y/n", what);
	k = tui_ask_key(t, prompt, NULL, 0);
	return k == L'y' || k == L'Y';
}

/* The item's name, fitted for messages. */
const char *tui_name_of(const struct item *it, char *buf, size_t n)
{
	return text_fit(buf, n, it->name, 40, 0);
}

/* The status line after a change: done, and what is due next. */
void tui_say_due(struct tui *t, long long id, const char *done)
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

struct item *tui_pick(struct tui *t, long long *id, char *name, size_t n)
{
	struct item *it = tui_selected(t);

	if (!it) {
		tui_none_selected(t);
		return NULL;
	}
	*id = it->id;
	tui_name_of(it, name, n);
	return it;
}

/* The "no prospect selected" answer of every handler that needs one. */
int tui_none_selected(struct tui *t)
{
	tui_status_set(t, 1, "no prospect selected");
	return R_DRAW;
}

/* The store's error on the status line. */
int tui_store_failed(struct tui *t)
{
	tui_status_set(t, 1, "%s", err_message());
	return R_DRAW;
}

/*
 * A prompt naming each word's key, built from its table: "c)all" when the
 * key is the first letter (W)on: as typed), "c(h)at" when it is a later
 * one.
 */
void tui_key_prompt(char *buf, size_t n, const char *lead, const struct word *w, int cnt,
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

/* "Wed 4 Nov 16:00" into buf (size >= 24). */
char *tui_when_text(int date, int minutes, char *buf)
{
	char sh[16], tb[6];
	snprintf(buf, 24, "%s%s%s", date_format_short(date, sh), minutes != TIME_NONE ? " " : "",
		 minutes != TIME_NONE ? time_format(minutes, tb) : "");
	return buf;
}

