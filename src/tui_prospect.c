/*
 * tui_prospect.c - the key table's handlers that act on the selected
 * prospect: log a touch (channel key, outcome key, optional date, note;
 * meeting and not-now go on to the next date), set or clear the next
 * date, add and edit (the prospect form), mark won or lost, remove a
 * touch, delete.  Exports those act_* functions and tui_log_touch()
 * (tui_int.h); dialling and mail are tui_call.c's, the prompts and
 * drafts they share tui_prompt.c's.
 *
 * Each changes the store through its API and returns R_RELOAD when it
 * did, R_DRAW when it did not (cancelled, refused: the status line says
 * why, naming the person); none draws.  Its prompts are modal loops over
 * the screen (the one-key and y/n prompts here, the line editor, the
 * form), all reading keys with tui_read_key().  A prompt that refuses
 * what was typed stays open with the text and says what was wrong; one
 * that is cancelled (Esc, Ctrl-C) keeps the text as a draft for that
 * prospect (struct tui_draft), offered when it is opened again.
 */
#include "tui_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "followup/clock.h"
#include "followup/date.h"
#include "followup/err.h"
#include "followup/text.h"
#include "followup/util.h"

/* ---- the next date ------------------------------------------------------ */

/* Why the next-date prompt opens. */
enum next_why { NEXT_KEY, NEXT_MEETING, NEXT_NOT_NOW };

/*
 * next_prompt - ask for the next date of prospect id (name) until it is
 * set, left, or refused by more than the input: 1 set, 2 cleared (the n
 * key, empty), 0 left (Esc, Ctrl-C; meeting and not-now also on an empty
 * answer), -1 a store failure (recorded).  A refused answer stays in the
 * prompt with the reason above it; a left one is kept as a draft.
 */
static int next_prompt(struct tui *t, long long id, const char *name, enum next_why why)
{
	static const char *const prompts[] = {"next date (Enter sets, empty clears): ",
					      "appointment (Enter sets, Esc skips): ",
					      "try again on (Enter sets, Esc skips): "};
	char buf[128] = "", hint[256], error[600] = "", sample[11];
	const char *draft = tui_draft_get(t, DRAFT_NEXT, id);
	struct tui_prompt p;
	int date, time;

	date_format(t->c->today + 7, sample);
	if (why == NEXT_KEY)
		snprintf(hint, sizeof hint, "for %s: tomorrow 9:00, thu 14:30, +3d, 2pm, 14h30, %s 10:00", name,
			 sample);
	else if (why == NEXT_MEETING)
		snprintf(hint, sizeof hint, "meeting with %s: when? thu 14:30, tomorrow 9:00, %s 2pm", name, sample);
	else
		snprintf(hint, sizeof hint, "not now: when to try %s again? +2w, +1m, %s", name, sample);
	if (draft) {
		size_t n = strlen(draft); /* kept from this buffer: it fits */
		n = n < sizeof buf ? n : sizeof buf - 1;
		memcpy(buf, draft, n);
		buf[n] = '\0';
	} else if (why == NEXT_NOT_NOW)
		snprintf(buf, sizeof buf, "+1m");
	for (;;) {
		p.prompt = prompts[why];
		p.hint = hint;
		p.error = error[0] ? error : NULL;
		p.lines = 0;
		if (!tui_prompt_edit(&t->under, &p, buf, sizeof buf)) {
			if (util_has_text(buf) && !(why == NEXT_NOT_NOW && !draft && !strcmp(buf, "+1m")))
				tui_draft_put(t, DRAFT_NEXT, id, buf);
			else if (!util_has_text(buf))
				tui_draft_drop(t, DRAFT_NEXT, id);
			return 0;
		}
		if (!util_has_text(buf)) {
			tui_draft_drop(t, DRAFT_NEXT, id);
			if (why != NEXT_KEY)
				return 0;
			return store_next_clear(t->st, id) < 0 ? -1 : 2;
		}
		if (date_parse_when(buf, t->c->today, &date, &time) == 0 &&
		    store_next_set(t->st, id, date, time, NULL) == 0) {
			tui_draft_drop(t, DRAFT_NEXT, id);
			return 1;
		}
		if (err_kind() != ERR_USAGE)
			return -1;
		/* Refused: the text stays, the reason shows above it. */
		snprintf(error, sizeof error, "%s", err_message());
	}
}

int act_next(struct tui *t)
{
	char name[128], done[256];
	long long id;
	int r;

	if (!tui_pick(t, &id, name, sizeof name))
		return R_DRAW;
	t->status[0] = '\0';
	r = next_prompt(t, id, name, NEXT_KEY);
	if (r < 0)
		return tui_store_failed(t);
	if (r == 0) {
		tui_status_set(t, 0, "cancelled%s%s", tui_draft_get(t, DRAFT_NEXT, id) ? "; what was typed is kept for " : "",
			       tui_draft_get(t, DRAFT_NEXT, id) ? name : "");
		return R_DRAW;
	}
	snprintf(done, sizeof done, "next date %s for %s", r == 2 ? "cleared" : "set", name);
	tui_say_due(t, id, done);
	return R_RELOAD;
}

/* ---- logging ------------------------------------------------------------ */

/*
 * A touch's date and time as typed in the log prompt: a DATE of the past
 * (yesterday, mon, -2d, 2026-11-02), optionally followed by a time (14:30,
 * 2pm), or a time alone (today).  0, or -1 with a usage error naming the
 * part that is wrong.
 */
static int parse_touch_when(const char *s, int today, int *date, int *minutes)
{
	char buf[64], *last, *num;
	size_t len;
	const char *p = util_trim_span(s, &len);

	*minutes = TIME_NONE;
	if (!p || len >= sizeof buf)
		return err_usage("date %s: expected yesterday, mon, -2d or 2026-11-02, and a time if you like",
				 err_quote(s));
	memcpy(buf, p, len);
	buf[len] = '\0';
	/* "4 pm": the am/pm joins the number before it. */
	last = strrchr(buf, ' ');
	if (last && (!strcasecmp(last + 1, "am") || !strcasecmp(last + 1, "pm"))) {
		for (num = last; num > buf && num[-1] != ' '; num--)
			;
		if (num < last && num[0] >= '0' && num[0] <= '9')
			memmove(last, last + 1, strlen(last + 1) + 1);
		last = strrchr(buf, ' ');
	}
	if (!last) {
		/* One word: a time when it starts with a digit and is no ISO
		 * date or relative day, else a date. */
		if (buf[0] >= '0' && buf[0] <= '9' && !strchr(buf, '-')) {
			*date = today;
			return time_parse_loose(buf, minutes);
		}
		return date_parse(buf, today, DATE_PAST, date);
	}
	*last = '\0';
	if (date_parse(buf, today, DATE_PAST, date) < 0)
		return -1;
	return time_parse_loose(last + 1, minutes);
}

/*
 * The touch's date (the @ key of the log prompt): *date and *minutes
 * (TIME_NONE: none given) when accepted, within day 0 .. today; 0 when
 * left as it was (Esc).
 */
static int ask_touch_date(struct tui *t, long long id, const char *name, int *date, int *minutes)
{
	struct prospect_state ps;
	char buf[64], error[600] = "", hint[256], d0[16], sh[24];
	struct tui_prompt p;
	int d, m;

	if (store_prospect_state(t->st, id, &ps) < 0)
		return -1;
	if (*date == t->c->today && *minutes == TIME_NONE)
		snprintf(buf, sizeof buf, "yesterday");
	else if (*minutes == TIME_NONE)
		snprintf(buf, sizeof buf, "%s", date_format(*date, d0));
	else
		snprintf(buf, sizeof buf, "%s %s", date_format(*date, d0), time_format(*minutes, sh));
	snprintf(hint, sizeof hint, "when the touch with %s was: yesterday, mon, -2d, %s, then a time if you like (16:30, 4pm)",
		 name, date_format(t->c->today - 1, d0));
	for (;;) {
		p.prompt = "touch date (Enter sets, Esc leaves it): ";
		p.hint = hint;
		p.error = error[0] ? error : NULL;
		p.lines = 0;
		if (!tui_prompt_edit(&t->under, &p, buf, sizeof buf))
			return 0;
		if (parse_touch_when(buf, t->c->today, &d, &m) < 0) {
			snprintf(error, sizeof error, "%s", err_message());
			continue;
		}
		if (d > t->c->today) {
			snprintf(error, sizeof error, "date %s: after today (a touch is logged once it happened)",
				 err_quote(buf));
			continue;
		}
		if (d < ps.first_contact) {
			snprintf(error, sizeof error, "date %s: before %s's day 0, %s", err_quote(buf), name,
				 date_format_short(ps.first_contact, sh));
			continue;
		}
		*date = d;
		*minutes = m;
		return 1;
	}
}

/*
 * Ask for one key of words (a channel or an outcome) after head
 * ("outcome:") until it is one of theirs: its index, or -1 when cancelled
 * (Esc, Ctrl-C); '@' asks for the touch's date and comes back.  The row
 * above the prompt says what is logged (lead, e.g. "dialling ...", then
 * about, "a call with Ana Ruiz", and the date when it is not today) and
 * which other keys there are, or, after a mistyped key, that it was one.
 * The prompt itself stays as short as the keys (100 columns).
 */
static int ask_word(struct tui *t, const char *lead, const char *head, const char *about,
		    const struct word *w, int cnt, long long id, const char *name, int *date, int *minutes)
{
	char prompt[512], above[512], when[24];
	int dated, i, bad = 0;
	wint_t k;

	tui_key_prompt(prompt, sizeof prompt, head, w, cnt, "");
	for (;;) {
		if (!bad) {
			dated = *date != t->c->today || *minutes != TIME_NONE;
			snprintf(above, sizeof above, "%s%s%s%s%s — @ %s, Esc cancels", lead, lead[0] ? " — " : "",
				 about, dated ? " on " : "", dated ? tui_when_text(*date, *minutes, when) : "",
				 dated ? "changes the date" : "dates it (yesterday's calls)");
		}
		k = tui_ask_key(t, prompt, above, bad);
		if (!k)
			return -1;
		bad = 0;
		if (k == L'@') {
			if (ask_touch_date(t, id, name, date, minutes) < 0)
				return -1;
			continue;
		}
		if (k < 128 && (i = word_by_key(w, cnt, (int)k)) >= 0)
			return i;
		/* A mistyped key asks again. */
		bad = 1;
		if (k > 32 && k < 127)
			snprintf(above, sizeof above, "no such key '%c': the keys are the letters in the prompt below",
				 (int)k);
		else
			snprintf(above, sizeof above, "no such key: the keys are the letters in the prompt below");
	}
}

/* Log a touch: the channel (unless given), the outcome, the note; then,
 * for meeting and not-now, the next date.  lead: said before the first
 * prompt. */
int tui_log_touch(struct tui *t, int ci, const char *lead)
{
	static char note[TUI_NOTE_MAX];
	char done[512], name[128], prompt[256], when[24];
	const char *draft;
	struct tui_prompt p;
	long long id;
	int oi, date, minutes = TIME_NONE, r;

	if (!tui_pick(t, &id, name, sizeof name))
		return R_DRAW;
	date = t->c->today;
	snprintf(prompt, sizeof prompt, "a touch with %s", name);
	if (ci < 0 &&
	    (ci = ask_word(t, lead, "log channel:", prompt, channel_words, CH_COUNT, id, name, &date, &minutes)) < 0)
		return tui_status_set(t, 0, "log cancelled"), R_DRAW;
	snprintf(prompt, sizeof prompt, "%s %s with %s", ci == CH_EMAIL || ci == CH_OTHER ? "an" : "a",
		 channel_words[ci].name, name);
	if ((oi = ask_word(t, lead, "outcome:", prompt, outcome_words, OUT_COUNT, id, name, &date, &minutes)) < 0)
		return tui_status_set(t, 0, "log cancelled"), R_DRAW;
	t->status[0] = '\0';
	draft = tui_draft_get(t, DRAFT_NOTE, id);
	snprintf(note, sizeof note, "%s", draft ? draft : "");
	if (date != t->c->today || minutes != TIME_NONE)
		snprintf(prompt, sizeof prompt, "note (%s; Enter saves, Esc cancels): ", tui_when_text(date, minutes, when));
	else
		snprintf(prompt, sizeof prompt, "note (Enter saves, Esc cancels): ");
	p.prompt = prompt;
	p.hint = draft ? "the note kept from before: Ctrl-U clears it" : NULL;
	p.error = NULL;
	p.lines = 1;
	if (!tui_prompt_edit(&t->under, &p, note, sizeof note)) {
		if (util_has_text(note)) {
			tui_draft_put(t, DRAFT_NOTE, id, note);
			tui_status_set(t, 0, "log cancelled; the note is kept for %s (l brings it back)", name);
		} else {
			tui_draft_drop(t, DRAFT_NOTE, id);
			tui_status_set(t, 0, "log cancelled");
		}
		return R_DRAW;
	}
	if (minutes == TIME_NONE)
		minutes = date == t->c->today ? clock_now_minutes() : 12 * 60;
	if (store_touch_add(t->st, id, date, minutes, (enum channel)ci, (enum outcome)oi, note, NULL) < 0) {
		if (util_has_text(note))
			tui_draft_put(t, DRAFT_NOTE, id, note);
		return tui_store_failed(t);
	}
	tui_draft_drop(t, DRAFT_NOTE, id);
	snprintf(done, sizeof done, "logged %s/%s for %s%s%s", channel_words[ci].name, outcome_words[oi].name,
		 name, date != t->c->today ? " on " : "", date != t->c->today ? tui_when_text(date, TIME_NONE, when) : "");
	/* A meeting is an appointment, not now a snooze: their date now. */
	if (oi == OUT_MEETING || oi == OUT_NOT_NOW) {
		r = next_prompt(t, id, name, oi == OUT_MEETING ? NEXT_MEETING : NEXT_NOT_NOW);
		if (r < 0) {
			tui_status_set(t, 1, "%s; the next date: %s", done, err_message());
			return R_RELOAD;
		}
		if (r == 0)
			snprintf(done + strlen(done), sizeof done - strlen(done), "%s",
				 oi == OUT_MEETING ? " (no appointment set)" : " (no date to try again set)");
	}
	tui_say_due(t, id, done);
	return R_RELOAD;
}

int act_log(struct tui *t)
{
	return tui_log_touch(t, -1, "");
}

/* ---- the prospect form ------------------------------------------------- */

/* The prospect form (add and edit): its fields, in this order. */
enum { FL_NAME, FL_COMPANY, FL_TITLE, FL_EMAIL, FL_PHONE, FL_SOURCE, FL_NOTES, FL_FIRST,
       FL_CADENCE, FL_STATUS, FL_VERIFIED, FL_NEED, FL_DECIDER, FL_TIMELINE, FL__COUNT };
#define FL_TEXTS FL_CADENCE /* the text fields come first */

/* The cadences to choose from (the names of store_cadence_each). */
struct cadence_names {
	char name[64][CADENCE_NAME_MAX + 1];
	const char *p[64];
	int n;
};

static int add_cadence_name(const struct cadence *c, int builtin, long long uses, void *ctx)
{
	struct cadence_names *cn = ctx;
	(void)builtin, (void)uses;
	if (cn->n < 64) {
		snprintf(cn->name[cn->n], sizeof cn->name[0], "%s", c->name);
		cn->p[cn->n] = cn->name[cn->n];
		cn->n++;
	}
	return 0;
}

static void form_init(struct tui_field *f, const struct cadence_names *cn)
{
	static const char *const labels[FL__COUNT] = {
		"Name", "Company", "Title", "Email", "Phone", "Source", "Notes", "First contact",
		"Cadence", "Status", "contact verified", "need confirmed", "decision maker reached",
		"timeline known"};
	static const char *statuses[STATUS_COUNT];
	int i;
	for (i = 0; i < STATUS_COUNT; i++)
		statuses[i] = status_words[i].name;
	memset(f, 0, FL__COUNT * sizeof *f);
	for (i = 0; i < FL__COUNT; i++) {
		f[i].label = labels[i];
		f[i].kind = i >= FL_VERIFIED ? F_TOGGLE : i >= FL_CADENCE ? F_CHOICE : F_TEXT;
	}
	f[FL_CADENCE].choices = cn->p;
	f[FL_CADENCE].nchoices = cn->n;
	f[FL_STATUS].choices = statuses;
	f[FL_STATUS].nchoices = STATUS_COUNT;
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

/* The form's values as one text (a draft): the fields joined by \x1f,
 * then one 0 or 1 per toggle. */
static void form_save(const struct tui_field *f, char *buf, size_t n)
{
	size_t len = 0;
	int i;
	buf[0] = '\0';
	for (i = 0; i < FL__COUNT && len < n; i++)
		len += (size_t)snprintf(buf + len, n - len, "%s\x1f",
					f[i].kind == F_TOGGLE ? (f[i].on ? "1" : "0") : f[i].value);
}

static void form_restore(struct tui_field *f, const char *buf)
{
	const char *s = buf, *e;
	int i;
	for (i = 0; i < FL__COUNT && (e = strchr(s, '\x1f')); i++, s = e + 1) {
		if (f[i].kind == F_TOGGLE)
			f[i].on = *s == '1';
		else
			snprintf(f[i].value, sizeof f[i].value, "%.*s", (int)(e - s), s);
	}
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

/* The field an error message is about (they start with its name: "email
 * 'x': ..."), or -1. */
static int field_of_error(const char *msg)
{
	static const struct {
		const char *prefix;
		int field;
	} map[] = {{"name ", FL_NAME}, {"company ", FL_COMPANY}, {"title ", FL_TITLE}, {"email ", FL_EMAIL},
		   {"phone ", FL_PHONE}, {"source ", FL_SOURCE}, {"notes ", FL_NOTES},
		   {"first contact", FL_FIRST}, {"cadence ", FL_CADENCE}, {"status ", FL_STATUS}};
	size_t i;
	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strncmp(msg, map[i].prefix, strlen(map[i].prefix)))
			return map[i].field;
	return -1;
}

/* What to show under the field: the message without its "what 'value': "
 * (the value is right above it). */
static const char *why_of(const char *msg)
{
	const char *q = strchr(msg, '\''), *e = q ? strstr(q + 1, "': ") : NULL;
	return e && e[3] ? e + 3 : msg;
}

/* The form until it saves or is cancelled; a refused save shows its
 * reason beside the field (and in the title), keeps the form open and
 * puts the cursor on that field.  A cancelled form that was changed is
 * kept as a draft for the same prospect (0: the add form). */
static int add_edit(struct tui *t, int edit)
{
	static struct tui_field f[FL__COUNT];
	static struct cadence_names cn;
	static char before[TUI_DRAFT_MAX], now[TUI_DRAFT_MAX];
	struct item *it = tui_selected(t);
	char title[600] = "", why[600] = "", name[128] = "";
	const char *draft;
	long long id = 0;
	int first, st, cur = 0, bad;

	if (edit && !it)
		return tui_none_selected(t);
	cn.n = 0;
	if (store_cadence_each(t->st, add_cadence_name, &cn) < 0)
		return tui_store_failed(t);
	form_init(f, &cn);
	if (edit) {
		id = it->id;
		tui_name_of(it, name, sizeof name);
		if (store_show(t->st, id, 0, fill_form, NULL, f) < 0)
			return tui_store_failed(t);
	} else {
		snprintf(f[FL_FIRST].value, sizeof f[FL_FIRST].value, "today");
		snprintf(f[FL_CADENCE].value, sizeof f[FL_CADENCE].value, "%s", t->c->cfg.cadence);
		snprintf(f[FL_STATUS].value, sizeof f[FL_STATUS].value, "active");
	}
	form_save(f, before, sizeof before);
	if ((draft = tui_draft_get(t, DRAFT_FORM, id)))
		form_restore(f, draft);
	for (;;) {
		char heading[700];
		snprintf(heading, sizeof heading, "%s%s%s%s", edit ? " Edit prospect " : " Add prospect ",
			 title[0] ? "— " : draft ? "(kept from before) " : "", title, title[0] ? " " : "");
		t->status[0] = '\0';
		if (!tui_form(&t->under, heading, f, FL__COUNT, &cur)) {
			form_save(f, now, sizeof now);
			if (strcmp(now, before)) {
				tui_draft_put(t, DRAFT_FORM, id, now);
				if (edit)
					tui_status_set(t, 0, "cancelled; the changes are kept for %s (e brings them back)", name);
				else
					tui_status_set(t, 0, "cancelled; what was typed is kept (a brings it back)");
			} else {
				tui_draft_drop(t, DRAFT_FORM, id);
				tui_status_set(t, 0, "cancelled");
			}
			return R_DRAW;
		}
		for (bad = 0; bad < FL__COUNT; bad++)
			f[bad].error = NULL;
		bad = -1;
		if (date_parse(f[FL_FIRST].value, t->c->today, DATE_PAST, &first) < 0) {
			bad = FL_FIRST;
		} else if ((st = status_parse(f[FL_STATUS].value)) < 0) {
			err_usage("status %s: expected %s", err_quote(f[FL_STATUS].value),
				  word_list(status_words, STATUS_COUNT));
			bad = FL_STATUS;
		} else if (!edit) {
			struct prospect_new p;
			memset(&p, 0, sizeof p);
			form_fields(f, &p.f);
			p.first_contact = first;
			p.cadence = f[FL_CADENCE].value;
			p.flags = form_flags(f);
			p.status = (enum prospect_status)st;
			p.next_date = DATE_NONE;
			p.next_time = TIME_NONE;
			if (store_prospect_add(t->st, &p, &id) == 0) {
				struct prospect_state ps;
				char sh[16], nm[128];
				tui_draft_drop(t, DRAFT_FORM, 0);
				text_fit(nm, sizeof nm, f[FL_NAME].value, 40, 0);
				if (store_prospect_state(t->st, id, &ps) < 0)
					tui_status_set(t, 0, "added #%lld %s", id, nm);
				else if (ps.status != STATUS_ACTIVE)
					tui_status_set(t, 0, "added #%lld %s, %s", id, nm, status_name(ps.status));
				else if (ps.due != DATE_NONE)
					tui_status_set(t, 0, "added #%lld %s, first follow-up %s", id, nm,
						       date_format_short(ps.due, sh));
				else
					tui_status_set(t, 0, "added #%lld %s", id, nm);
				return R_RELOAD;
			}
		} else {
			struct prospect_edit e;
			memset(&e, 0, sizeof e);
			form_fields(f, &e.f);
			e.set_status = 1;
			e.status = (enum prospect_status)st;
			e.cadence = f[FL_CADENCE].value;
			e.first_contact = first;
			e.flags_set = form_flags(f);
			e.flags_clear = FLAG_ALL & ~e.flags_set;
			if (store_prospect_edit(t->st, id, &e) == 0) {
				char done[256];
				tui_draft_drop(t, DRAFT_FORM, id);
				text_fit(name, sizeof name, f[FL_NAME].value, 40, 0);
				snprintf(done, sizeof done, "saved %s", name);
				tui_say_due(t, id, done);
				return R_RELOAD;
			}
		}
		if (err_kind() != ERR_USAGE) {
			form_save(f, now, sizeof now);
			tui_draft_put(t, DRAFT_FORM, id, now);
			return tui_store_failed(t);
		}
		snprintf(title, sizeof title, "%s", err_message());
		if (bad < 0)
			bad = field_of_error(title);
		if (bad >= 0) {
			snprintf(why, sizeof why, "%s", why_of(title));
			f[bad].error = why;
			cur = bad;
		}
	}
}

int act_add(struct tui *t) { return add_edit(t, 0); }
int act_edit(struct tui *t) { return add_edit(t, 1); }

/* ---- status, delete, touches --------------------------------------------- */

static int set_status(struct tui *t, enum prospect_status status)
{
	struct prospect_edit e;
	char what[300], name[128];
	long long id;

	if (!tui_pick(t, &id, name, sizeof name))
		return R_DRAW;
	snprintf(what, sizeof what, "mark %s as %s", name, status_name(status));
	if (!tui_confirm(t, what))
		return tui_status_set(t, 0, "not changed"), R_DRAW;
	memset(&e, 0, sizeof e);
	e.first_contact = DATE_NONE;
	e.set_status = 1;
	e.status = status;
	if (store_prospect_edit(t->st, id, &e) < 0)
		return tui_store_failed(t);
	tui_status_set(t, 0, "%s marked %s (u undoes)", name, status_name(status));
	return R_RELOAD;
}

int act_won(struct tui *t) { return set_status(t, STATUS_WON); }
int act_lost(struct tui *t) { return set_status(t, STATUS_LOST); }

int act_delete(struct tui *t)
{
	struct prospect_state ps;
	char what[300], name[128];
	long long id;

	if (!tui_pick(t, &id, name, sizeof name))
		return R_DRAW;
	if (store_prospect_state(t->st, id, &ps) < 0)
		return tui_store_failed(t);
	if (ps.touch_count)
		snprintf(what, sizeof what, "delete %s and the %d touch%s logged", name, ps.touch_count,
			 ps.touch_count == 1 ? "" : "es");
	else
		snprintf(what, sizeof what, "delete %s (no touches logged)", name);
	if (!tui_confirm(t, what))
		return tui_status_set(t, 0, "not deleted"), R_DRAW;
	if (store_prospect_delete(t->st, id) < 0)
		return tui_store_failed(t);
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
	struct prospect_state ps;
	long long last = 0, tid, pid;
	char buf[32] = "", done[300], name[128];

	if (!it)
		return tui_none_selected(t);
	if (store_show(t->st, it->id, 0, ignore_row, last_touch_cb, &last) < 0)
		return tui_store_failed(t);
	if (!last)
		return tui_status_set(t, 1, "no touch to remove"), R_DRAW;
	snprintf(buf, sizeof buf, "%lld", last);
	if (!tui_line_edit(&t->under, "remove touch # (see the timeline): ", buf, sizeof buf))
		return tui_status_set(t, 0, "cancelled"), R_DRAW;
	if (cli_parse_id(buf, "touch", &tid) < 0 || store_touch_remove(t->st, tid, &pid) < 0)
		return tui_store_failed(t);
	if (store_prospect_state(t->st, pid, &ps) == 0)
		text_fit(name, sizeof name, ps.name, 40, 0);
	else
		snprintf(name, sizeof name, "#%lld", pid);
	snprintf(done, sizeof done, "touch removed from %s", name);
	tui_say_due(t, pid, done);
	return R_RELOAD;
}
