/*
 * tui_call.c - the handlers for the call itself (SPEC §7, §10): dial the
 * selected prospect with [phone] dial and go on to log the call, and mail
 * it a reminder or a summary (through the editor, then send, save as a
 * draft or discard).  Exports act_dial and act_mail (tui_int.h).  The
 * dialler runs detached and is never waited for; mail hands the terminal
 * to the editor (tui_input_leave/return) and takes it back whole.
 */
#include "tui_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "followup/date.h"
#include "followup/err.h"
#include "followup/mail.h"
#include "followup/proc.h"
#include "followup/text.h"
#include "followup/util.h"

/* ---- dialling ----------------------------------------------------------- */

/* word with each {phone} replaced by number (malloc'd). */
static char *with_number(const char *word, const char *number)
{
	size_t n = strlen(word) + 1, k = strlen(number), o = 0;
	const char *s;
	char *out;

	for (s = word; (s = strstr(s, "{phone}")); s += 7)
		n += k;
	out = xmalloc(n);
	for (s = word; *s;) {
		if (!strncmp(s, "{phone}", 7)) {
			memcpy(out + o, number, k);
			o += k;
			s += 7;
		} else {
			out[o++] = *s++;
		}
	}
	out[o] = '\0';
	return out;
}

int act_dial(struct tui *t)
{
	struct item *it = tui_selected(t);
	const char *cmd = t->c->cfg.dial;
	char name[128], lead[256], *number, **argv, *word;
	int i, rc;

	if (!it)
		return tui_none_selected(t);
	tui_name_of(it, name, sizeof name);
	if (!cmd || !*cmd) {
		tui_status_set(t, 1, "no dial command: set [phone] dial in %s (e.g. dial = xdg-open tel:{phone})",
			       t->c->cfg.path ? t->c->cfg.path : "the configuration");
		return R_DRAW;
	}
	if (!(number = prospect_phone_key(it->phone))) {
		if (it->phone && util_has_text(it->phone))
			tui_status_set(t, 1, "%s's phone %s has too few digits to dial", name, err_quote(it->phone));
		else
			tui_status_set(t, 1, "%s has no phone number: e adds one", name);
		return R_DRAW;
	}
	/* Words as every command of the rep's is split (proc.h), then
	 * {phone} in each: the number is one argument whatever it holds. */
	if (!(argv = proc_split(cmd, "[phone] dial"))) {
		rc = -1;
	} else {
		for (i = 0; argv[i]; i++) {
			word = with_number(argv[i], number);
			free(argv[i]);
			argv[i] = word;
		}
		rc = proc_spawn("[phone] dial", argv);
		proc_free_words(argv);
	}
	if (rc < 0) {
		free(number);
		return tui_store_failed(t);
	}
	snprintf(lead, sizeof lead, "dialling %s %s…", name, number);
	free(number);
	return tui_log_touch(t, CH_CALL, lead);
}

/* ---- mail (SPEC §10) ---------------------------------------------------- */

/* What the mail flow checks before it leaves the screen for the editor. */
struct mail_who {
	char *email;             /* owned; NULL when none */
	int appt, appt_time;     /* the appointment, DATE_NONE / TIME_NONE when none */
	int sent;                /* a reminder for it went already */
};

static int mail_who_row(const struct prow *r, void *ctx)
{
	struct mail_who *w = ctx;

	free(w->email);
	w->email = util_has_text(r->email) ? xstrdup(r->email) : NULL;
	w->appt = r->due_kind == DUE_EXPLICIT && r->due_time != TIME_NONE ? r->due : DATE_NONE;
	w->appt_time = w->appt != DATE_NONE ? r->due_time : TIME_NONE;
	return 0;
}

/* A reminder sent (not drafted) for the same date and time: mail_run
 * would skip it, so ask first.  (Its own check also compares the
 * invitation's UID; a reminder of an appointment cleared and set again at
 * the same minute is asked about here, and goes when the rep says so.) */
static int mail_sent_row(const struct mail_record *m, void *ctx)
{
	struct mail_who *w = ctx;

	if (m->sent && m->kind && !strcmp(m->kind, "reminder") && m->appt_date == w->appt &&
	    m->appt_time == w->appt_time)
		w->sent = 1;
	return 0;
}

/* The choose hook's state: the TUI, and what the rep answered. */
struct mail_choice {
	struct tui *t;
	const char *kind;        /* "reminder", "summary" */
	int asked, how;          /* how: MAIL_SEND, MAIL_DRAFT, MAIL_DISCARD */
};

/*
 * mail_run's choose hook, called once the message is made and edited:
 * back on the screen, one question (s)end, d)raft, x or Esc discards); a
 * draft needs [mail] maildir, and without one the question is asked
 * again saying so.
 */
static int mail_choose(void *ctx, size_t n, const char *to, const char *subject)
{
	static const struct word how[] = {{"send", 's'}, {"draft", 'd'}};
	struct mail_choice *mc = ctx;
	struct tui *t = mc->t;
	char prompt[256], above[700], sub[200], who[200];
	int bad = 0;
	wint_t k;

	(void)n; /* one prospect: one message */
	tui_input_return(&t->under);
	mc->asked = 1;
	tui_key_prompt(prompt, sizeof prompt, "", how, 2, "  x or Esc discards");
	snprintf(above, sizeof above, "%s to %s: \"%s\"", mc->kind, text_fit(who, sizeof who, to, 60, 0),
		 text_fit(sub, sizeof sub, subject ? subject : "", 80, 0));
	for (;;) {
		k = tui_ask_key(t, prompt + 1, above, bad);
		mc->how = MAIL_DISCARD;
		if (!k || k == L'x')
			return MAIL_DISCARD;
		if (k == L's')
			return mc->how = MAIL_SEND;
		if (k == L'd' && t->c->cfg.maildir)
			return mc->how = MAIL_DRAFT;
		bad = 1;
		if (k == L'd')
			snprintf(above, sizeof above, "no Maildir for drafts: set [mail] maildir in %s (s sends, x discards)",
				 t->c->cfg.path ? t->c->cfg.path : "the configuration");
		else
			snprintf(above, sizeof above, "no such key: s sends the %s, d saves it as a draft, x or Esc discards",
				 mc->kind);
	}
}

/* The last line of what mail_run logged, without "followup: " (into buf). */
static const char *last_line(const char *log, size_t len, char *buf, size_t n)
{
	const char *e = log + len, *s;

	while (e > log && (e[-1] == '\n' || e[-1] == ' '))
		e--;
	for (s = e; s > log && s[-1] != '\n'; s--)
		;
	if (e - s >= 10 && !strncmp(s, "followup: ", 10))
		s += 10;
	snprintf(buf, n, "%.*s", (int)(e - s), s);
	return buf;
}

/*
 * m: the selected prospect's reminder or summary (SPEC §10).  The kind is
 * one key; what mail_run would refuse before the editor opens (no
 * [rep] email, no address, a reminder without an appointment) is said
 * without leaving the screen.  Then the screen is left for the editor
 * (tui_input_leave), mail_run makes the message and opens it there, and
 * its choose hook comes back to ask what to do with it.  What it logged
 * becomes the status line; the mbox it would print goes to /dev/null (the
 * TUI sends or drafts, it never prints a message).
 */
int act_mail(struct tui *t)
{
	static const struct word kinds[] = {{"reminder", 'r'}, {"summary", 's'}};
	struct mail_choice mc;
	struct mail_opts o;
	struct mail_who w;
	char name[128], prompt[256], above[300], line[600], *logbuf = NULL;
	size_t loglen = 0;
	enum mail_kind kind;
	long long id;
	int rc, bad = 0;
	FILE *logf, *out;
	wint_t k;

	if (!tui_pick(t, &id, name, sizeof name))
		return R_DRAW;
	if (!t->c->cfg.rep_email)
		return tui_status_set(t, 1, "no [rep] email in %s: mail is sent from it (email = you@example.com)",
				      t->c->cfg.path ? t->c->cfg.path : "the configuration"), R_DRAW;
	tui_key_prompt(prompt, sizeof prompt, "mail:", kinds, 2, "");
	snprintf(above, sizeof above, "mail to %s — Esc cancels", name);
	for (;;) {
		if (!(k = tui_ask_key(t, prompt, above, bad)))
			return tui_status_set(t, 0, "mail cancelled"), R_DRAW;
		if (k == L'r' || k == L's')
			break;
		bad = 1;
		snprintf(above, sizeof above, "no such key: r for a reminder of the appointment, s for a summary of the last call");
	}
	kind = k == L'r' ? MAIL_REMINDER : MAIL_SUMMARY;
	memset(&w, 0, sizeof w);
	if (store_show(t->st, id, 0, mail_who_row, NULL, &w) < 0)
		return free(w.email), tui_store_failed(t);
	if (!w.email) {
		tui_status_set(t, 1, "%s has no email address: e adds one", name);
		return R_DRAW;
	}
	free(w.email);
	if (kind == MAIL_REMINDER && w.appt == DATE_NONE) {
		tui_status_set(t, 1, "%s has no appointment to remind of: n sets one (thu 14:30)", name);
		return R_DRAW;
	}
	memset(&o, 0, sizeof o);
	o.edit = 1;
	o.terminal = 1;
	o.invite = 1;
	o.until = DATE_NONE;
	if (kind == MAIL_REMINDER) {
		char what[300], when[24];
		if (store_mail_each(t->st, id, mail_sent_row, &w) < 0)
			return tui_store_failed(t);
		snprintf(what, sizeof what, "a reminder of %s went to %s already: send another",
			 tui_when_text(w.appt, w.appt_time, when), name);
		if (w.sent && !tui_confirm(t, what))
			return tui_status_set(t, 0, "not sent"), R_DRAW;
		o.again = w.sent;
	}
	memset(&mc, 0, sizeof mc);
	mc.t = t;
	mc.kind = kind == MAIL_REMINDER ? "reminder" : "summary";
	mc.how = MAIL_DISCARD;
	o.choose = mail_choose;
	o.choose_ctx = &mc;
	if (!(logf = open_memstream(&logbuf, &loglen)))
		return tui_status_set(t, 1, "mail: %s", util_strerror(errno)), R_DRAW;
	if (!(out = fopen("/dev/null", "w"))) {
		fclose(logf);
		free(logbuf);
		return tui_status_set(t, 1, "mail: /dev/null: %s", util_strerror(errno)), R_DRAW;
	}
	t->status[0] = '\0';
	tui_input_leave();
	rc = mail_run(t->st, &t->c->cfg, t->c->today, kind, &id, 1, &o, out, logf);
	/* Back on the screen when the hook did not bring it back (the editor
	 * failed, the message was emptied, a template was refused). */
	tui_input_return(&t->under);
	fclose(out);
	fclose(logf);
	if (rc < 0)
		tui_status_set(t, 1, "%s", err_message());
	else if (mc.asked && mc.how == MAIL_DISCARD)
		tui_status_set(t, 0, "%s to %s discarded: nothing sent or saved", mc.kind, name);
	else if (mc.asked && mc.how == MAIL_DRAFT)
		tui_status_set(t, 0, "%s (in %s)", last_line(logbuf, loglen, line, sizeof line), t->c->cfg.maildir);
	else if (loglen)
		tui_status_set(t, 0, "%s", last_line(logbuf, loglen, line, sizeof line));
	else
		tui_status_set(t, 0, "nothing sent");
	free(logbuf);
	/* Recorded mail is on the timeline; and a sendmail that wrote to the
	 * terminal is painted over, every cell. */
	return R_RELOAD | R_CLEAR;
}
