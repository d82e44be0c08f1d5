/*
 * tui_prospect.c - the key table's handlers that act on the selected
 * prospect: log a touch (channel key, outcome key, optional date, note;
 * meeting and not-now go on to the next date), dial it and log the call,
 * mail it a reminder or a summary (through the editor, then send, draft
 * or discard), set or clear the next date, add and edit (the prospect
 * form), mark won or lost, remove a touch, delete.  Exports those act_*
 * functions (tui_int.h).
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

#include <curses.h> /* the one-key prompt's row above the status line */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "followup/clock.h"
#include "followup/date.h"
#include "followup/err.h"
#include "followup/mail.h"
#include "followup/proc.h"
#include "followup/text.h"
#include "followup/util.h"

#define CTRL(c) ((c) & 0x1f)

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
static const char *draft_get(struct tui *t, enum draft_kind kind, long long id)
{
	struct tui_draft *d = draft_find(t, kind, id);
	return d ? d->text : NULL;
}

/* Keep text for (kind, id), in its slot, a free one or the oldest. */
static void draft_put(struct tui *t, enum draft_kind kind, long long id, const char *text)
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

static void draft_drop(struct tui *t, enum draft_kind kind, long long id)
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
static wint_t ask_key(struct tui *t, const char *prompt, const char *above, int is_err)
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

static int confirm(struct tui *t, const char *what)
{
	char prompt[512];
	wint_t k;
	snprintf(prompt, sizeof prompt, "%s? y/n", what);
	k = ask_key(t, prompt, NULL, 0);
	return k == L'y' || k == L'Y';
}

/* The item's name, fitted for messages. */
static const char *name_of(const struct item *it, char *buf, size_t n)
{
	return text_fit(buf, n, it->name, 40, 0);
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

/* "Wed 4 Nov 16:00" into buf (size >= 24). */
static char *when_text(int date, int minutes, char *buf)
{
	char sh[16], tb[6];
	snprintf(buf, 24, "%s%s%s", date_format_short(date, sh), minutes != TIME_NONE ? " " : "",
		 minutes != TIME_NONE ? time_format(minutes, tb) : "");
	return buf;
}

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
	const char *draft = draft_get(t, DRAFT_NEXT, id);
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
				draft_put(t, DRAFT_NEXT, id, buf);
			else if (!util_has_text(buf))
				draft_drop(t, DRAFT_NEXT, id);
			return 0;
		}
		if (!util_has_text(buf)) {
			draft_drop(t, DRAFT_NEXT, id);
			if (why != NEXT_KEY)
				return 0;
			return store_next_clear(t->st, id) < 0 ? -1 : 2;
		}
		if (date_parse_when(buf, t->c->today, &date, &time) == 0 &&
		    store_next_set(t->st, id, date, time, NULL) == 0) {
			draft_drop(t, DRAFT_NEXT, id);
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
	struct item *it = tui_selected(t);
	char name[128], done[256];
	long long id;
	int r;

	if (!it)
		return none_selected(t);
	id = it->id;
	name_of(it, name, sizeof name);
	t->status[0] = '\0';
	r = next_prompt(t, id, name, NEXT_KEY);
	if (r < 0)
		return store_failed(t);
	if (r == 0) {
		tui_status_set(t, 0, "cancelled%s%s", draft_get(t, DRAFT_NEXT, id) ? "; what was typed is kept for " : "",
			       draft_get(t, DRAFT_NEXT, id) ? name : "");
		return R_DRAW;
	}
	snprintf(done, sizeof done, "next date %s for %s", r == 2 ? "cleared" : "set", name);
	say_due(t, id, done);
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

	key_prompt(prompt, sizeof prompt, head, w, cnt, "");
	for (;;) {
		if (!bad) {
			dated = *date != t->c->today || *minutes != TIME_NONE;
			snprintf(above, sizeof above, "%s%s%s%s%s — @ %s, Esc cancels", lead, lead[0] ? " — " : "",
				 about, dated ? " on " : "", dated ? when_text(*date, *minutes, when) : "",
				 dated ? "changes the date" : "dates it (yesterday's calls)");
		}
		k = ask_key(t, prompt, above, bad);
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
static int log_touch(struct tui *t, int ci, const char *lead)
{
	struct item *it = tui_selected(t);
	static char note[TUI_NOTE_MAX];
	char done[512], name[128], prompt[256], when[24];
	const char *draft;
	struct tui_prompt p;
	long long id;
	int oi, date, minutes = TIME_NONE, r;

	if (!it)
		return none_selected(t);
	id = it->id;
	date = t->c->today;
	name_of(it, name, sizeof name);
	snprintf(prompt, sizeof prompt, "a touch with %s", name);
	if (ci < 0 &&
	    (ci = ask_word(t, lead, "log channel:", prompt, channel_words, CH_COUNT, id, name, &date, &minutes)) < 0)
		return tui_status_set(t, 0, "log cancelled"), R_DRAW;
	snprintf(prompt, sizeof prompt, "%s %s with %s", ci == CH_EMAIL || ci == CH_OTHER ? "an" : "a",
		 channel_words[ci].name, name);
	if ((oi = ask_word(t, lead, "outcome:", prompt, outcome_words, OUT_COUNT, id, name, &date, &minutes)) < 0)
		return tui_status_set(t, 0, "log cancelled"), R_DRAW;
	t->status[0] = '\0';
	draft = draft_get(t, DRAFT_NOTE, id);
	snprintf(note, sizeof note, "%s", draft ? draft : "");
	if (date != t->c->today || minutes != TIME_NONE)
		snprintf(prompt, sizeof prompt, "note (%s; Enter saves, Esc cancels): ", when_text(date, minutes, when));
	else
		snprintf(prompt, sizeof prompt, "note (Enter saves, Esc cancels): ");
	p.prompt = prompt;
	p.hint = draft ? "the note kept from before: Ctrl-U clears it" : NULL;
	p.error = NULL;
	p.lines = 1;
	if (!tui_prompt_edit(&t->under, &p, note, sizeof note)) {
		if (util_has_text(note)) {
			draft_put(t, DRAFT_NOTE, id, note);
			tui_status_set(t, 0, "log cancelled; the note is kept for %s (l brings it back)", name);
		} else {
			draft_drop(t, DRAFT_NOTE, id);
			tui_status_set(t, 0, "log cancelled");
		}
		return R_DRAW;
	}
	if (minutes == TIME_NONE)
		minutes = date == t->c->today ? clock_now_minutes() : 12 * 60;
	if (store_touch_add(t->st, id, date, minutes, (enum channel)ci, (enum outcome)oi, note, NULL) < 0) {
		if (util_has_text(note))
			draft_put(t, DRAFT_NOTE, id, note);
		return store_failed(t);
	}
	draft_drop(t, DRAFT_NOTE, id);
	snprintf(done, sizeof done, "logged %s/%s for %s%s%s", channel_words[ci].name, outcome_words[oi].name,
		 name, date != t->c->today ? " on " : "", date != t->c->today ? when_text(date, TIME_NONE, when) : "");
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
	say_due(t, id, done);
	return R_RELOAD;
}

int act_log(struct tui *t)
{
	return log_touch(t, -1, "");
}

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

/*
 * Run argv in the background, detached from the terminal (its own
 * session, stdin, stdout and stderr on /dev/null, so it can neither read
 * keys nor draw over the screen) and never waited for: a middle child
 * forks it and exits at once.  0 once it runs, or -1 with the reason
 * exec gave (through a close-on-exec pipe).
 */
static int spawn(char **argv)
{
	int fd[2], e = 0, status;
	ssize_t got;
	pid_t pid;

	if (pipe(fd) < 0)
		return err_runtime("dial: %s", util_strerror(errno));
	fcntl(fd[0], F_SETFD, FD_CLOEXEC);
	fcntl(fd[1], F_SETFD, FD_CLOEXEC);
	pid = fork();
	if (pid < 0) {
		e = errno;
		close(fd[0]);
		close(fd[1]);
		return err_runtime("dial: %s", util_strerror(e));
	}
	if (pid == 0) {
		int nul;
		close(fd[0]);
		setsid();
		if ((pid = fork()) != 0)
			_exit(pid < 0 ? 1 : 0);
		if ((nul = open("/dev/null", O_RDWR)) >= 0) {
			dup2(nul, 0), dup2(nul, 1), dup2(nul, 2);
			if (nul > 2)
				close(nul);
		}
		signal(SIGPIPE, SIG_DFL);
		execvp(argv[0], argv);
		e = errno;
		if (write(fd[1], &e, sizeof e) < 0)
			_exit(127);
		_exit(127);
	}
	close(fd[1]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	while ((got = read(fd[0], &e, sizeof e)) < 0 && errno == EINTR)
		;
	close(fd[0]);
	if (got == (ssize_t)sizeof e)
		return err_runtime("[phone] dial: cannot run %s: %s", err_quote(argv[0]), util_strerror(e));
	return 0;
}

int act_dial(struct tui *t)
{
	struct item *it = tui_selected(t);
	const char *cmd = t->c->cfg.dial;
	char name[128], lead[256], *number, **argv, *word;
	int i, rc;

	if (!it)
		return none_selected(t);
	name_of(it, name, sizeof name);
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
		rc = spawn(argv);
		proc_free_words(argv);
	}
	if (rc < 0) {
		free(number);
		return store_failed(t);
	}
	snprintf(lead, sizeof lead, "dialling %s %s…", name, number);
	free(number);
	return log_touch(t, CH_CALL, lead);
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
	key_prompt(prompt, sizeof prompt, "", how, 2, "  x or Esc discards");
	snprintf(above, sizeof above, "%s to %s: \"%s\"", mc->kind, text_fit(who, sizeof who, to, 60, 0),
		 text_fit(sub, sizeof sub, subject ? subject : "", 80, 0));
	for (;;) {
		k = ask_key(t, prompt + 1, above, bad);
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
	struct item *it = tui_selected(t);
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

	if (!it)
		return none_selected(t);
	id = it->id;
	name_of(it, name, sizeof name);
	if (!t->c->cfg.rep_email)
		return tui_status_set(t, 1, "no [rep] email in %s: mail is sent from it (email = you@example.com)",
				      t->c->cfg.path ? t->c->cfg.path : "the configuration"), R_DRAW;
	key_prompt(prompt, sizeof prompt, "mail:", kinds, 2, "");
	snprintf(above, sizeof above, "mail to %s — Esc cancels", name);
	for (;;) {
		if (!(k = ask_key(t, prompt, above, bad)))
			return tui_status_set(t, 0, "mail cancelled"), R_DRAW;
		if (k == L'r' || k == L's')
			break;
		bad = 1;
		snprintf(above, sizeof above, "no such key: r for a reminder of the appointment, s for a summary of the last call");
	}
	kind = k == L'r' ? MAIL_REMINDER : MAIL_SUMMARY;
	memset(&w, 0, sizeof w);
	if (store_show(t->st, id, 0, mail_who_row, NULL, &w) < 0)
		return free(w.email), store_failed(t);
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
			return store_failed(t);
		snprintf(what, sizeof what, "a reminder of %s went to %s already: send another",
			 when_text(w.appt, w.appt_time, when), name);
		if (w.sent && !confirm(t, what))
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
		return none_selected(t);
	cn.n = 0;
	if (store_cadence_each(t->st, add_cadence_name, &cn) < 0)
		return store_failed(t);
	form_init(f, &cn);
	if (edit) {
		id = it->id;
		name_of(it, name, sizeof name);
		if (store_show(t->st, id, 0, fill_form, NULL, f) < 0)
			return store_failed(t);
	} else {
		snprintf(f[FL_FIRST].value, sizeof f[FL_FIRST].value, "today");
		snprintf(f[FL_CADENCE].value, sizeof f[FL_CADENCE].value, "%s", t->c->cfg.cadence);
		snprintf(f[FL_STATUS].value, sizeof f[FL_STATUS].value, "active");
	}
	form_save(f, before, sizeof before);
	if ((draft = draft_get(t, DRAFT_FORM, id)))
		form_restore(f, draft);
	for (;;) {
		char heading[700];
		snprintf(heading, sizeof heading, "%s%s%s%s", edit ? " Edit prospect " : " Add prospect ",
			 title[0] ? "— " : draft ? "(kept from before) " : "", title, title[0] ? " " : "");
		t->status[0] = '\0';
		if (!tui_form(&t->under, heading, f, FL__COUNT, &cur)) {
			form_save(f, now, sizeof now);
			if (strcmp(now, before)) {
				draft_put(t, DRAFT_FORM, id, now);
				if (edit)
					tui_status_set(t, 0, "cancelled; the changes are kept for %s (e brings them back)", name);
				else
					tui_status_set(t, 0, "cancelled; what was typed is kept (a brings it back)");
			} else {
				draft_drop(t, DRAFT_FORM, id);
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
				draft_drop(t, DRAFT_FORM, 0);
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
				draft_drop(t, DRAFT_FORM, id);
				text_fit(name, sizeof name, f[FL_NAME].value, 40, 0);
				snprintf(done, sizeof done, "saved %s", name);
				say_due(t, id, done);
				return R_RELOAD;
			}
		}
		if (err_kind() != ERR_USAGE) {
			form_save(f, now, sizeof now);
			draft_put(t, DRAFT_FORM, id, now);
			return store_failed(t);
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
	struct item *it = tui_selected(t);
	struct prospect_edit e;
	char what[300], name[128];
	long long id;

	if (!it)
		return none_selected(t);
	/* The row may move while the question is painted: keep what is needed. */
	id = it->id;
	name_of(it, name, sizeof name);
	snprintf(what, sizeof what, "mark %s as %s", name, status_name(status));
	if (!confirm(t, what))
		return tui_status_set(t, 0, "not changed"), R_DRAW;
	memset(&e, 0, sizeof e);
	e.first_contact = DATE_NONE;
	e.set_status = 1;
	e.status = status;
	if (store_prospect_edit(t->st, id, &e) < 0)
		return store_failed(t);
	tui_status_set(t, 0, "%s marked %s (u undoes)", name, status_name(status));
	return R_RELOAD;
}

int act_won(struct tui *t) { return set_status(t, STATUS_WON); }
int act_lost(struct tui *t) { return set_status(t, STATUS_LOST); }

int act_delete(struct tui *t)
{
	struct item *it = tui_selected(t);
	struct prospect_state ps;
	char what[300], name[128];
	long long id;

	if (!it)
		return none_selected(t);
	id = it->id;
	name_of(it, name, sizeof name);
	if (store_prospect_state(t->st, id, &ps) < 0)
		return store_failed(t);
	if (ps.touch_count)
		snprintf(what, sizeof what, "delete %s and the %d touch%s logged", name, ps.touch_count,
			 ps.touch_count == 1 ? "" : "es");
	else
		snprintf(what, sizeof what, "delete %s (no touches logged)", name);
	if (!confirm(t, what))
		return tui_status_set(t, 0, "not deleted"), R_DRAW;
	if (store_prospect_delete(t->st, id) < 0)
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
	struct prospect_state ps;
	long long last = 0, tid, pid;
	char buf[32] = "", done[300], name[128];

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
	if (store_prospect_state(t->st, pid, &ps) == 0)
		text_fit(name, sizeof name, ps.name, 40, 0);
	else
		snprintf(name, sizeof name, "#%lld", pid);
	snprintf(done, sizeof done, "touch removed from %s", name);
	say_due(t, pid, done);
	return R_RELOAD;
}
