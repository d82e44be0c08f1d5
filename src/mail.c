/*
 * mail.c - what to send (see mail.h).
 *
 * Each run is two passes.  The first makes every message: the template's
 * header block is split off and each header rendered alone (control
 * characters turned into spaces, so no field adds a header or a
 * recipient), the body rendered, the invitation serialised by libical,
 * the whole built by GMime.  Only when all of them are made, edited
 * where asked and (on a terminal, for --send) confirmed does the second
 * pass hand them off, one at a time, recording each that went.
 */
#include "followup/mail.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "followup/clock.h"
#include "followup/date.h"
#include "followup/err.h"
#include "followup/icalmod.h"
#include "followup/mailmod.h"
#include "followup/outfile.h"
#include "followup/proc.h"
#include "followup/script.h"
#include "followup/template.h"
#include "followup/util.h"

static const char *const kind_names[] = {"reminder", "summary", "cancel"};

/* A mail template: its headers and body compiled. */
struct mail_tpl {
	struct tpl *subject, *cc, *bcc, *body;
};

/* One message made, waiting to be handed off. */
struct outgoing {
	struct mail_record rec;
	char *subject, *to_name, *to_email, *message_id, *uid;
	char *bytes;
	size_t len;
};

struct run {
	struct store *st;
	const struct config *cfg;
	int today;
	enum mail_kind kind;
	const struct mail_opts *opts;
	FILE *log;
	struct mail_tpl tpl;
	struct outgoing *out;
	size_t n, cap;
	int named;             /* prospects named on the command line */
	int edit;
};

static void tpl_release(struct mail_tpl *t)
{
	tpl_free(t->subject);
	tpl_free(t->cc);
	tpl_free(t->bcc);
	tpl_free(t->body);
	memset(t, 0, sizeof *t);
}

/*
 * A mail template: header lines (Subject required, Cc and Bcc optional),
 * an empty line, the body.  Each header and the body are compiled with
 * their own line numbers, so errors name the line they are on.
 */
static int load_mail_template(const char *name, struct mail_tpl *out)
{
	char *text, *path, *p, *eol;
	int line = 1, rc = 0;

	memset(out, 0, sizeof *out);
	if (template_read(name, &text, &path) < 0)
		return -1;
	for (p = text; rc == 0; p = eol + 1, line++) {
		size_t n, klen;
		struct tpl **slot;
		const char *value;

		if (!(eol = strchr(p, '\n'))) {
			rc = err_usage("%s:%d: no empty line after the headers (Subject:, Cc:, Bcc:)", path, line);
			break;
		}
		n = (size_t)(eol - p);
		if (n && p[n - 1] == '\r')
			n--;
		if (n == 0)
			break;
		klen = strcspn(p, ":\n");
		if (klen >= n) {
			rc = err_usage("%s:%d: %s: expected a header (Subject:, Cc: or Bcc:) before the empty line",
				       path, line, err_quote(xstrndup(p, n < 40 ? n : 40)));
			break;
		}
		slot = klen == 7 && !strncasecmp(p, "Subject", 7) ? &out->subject :
		       klen == 2 && !strncasecmp(p, "Cc", 2) ? &out->cc :
		       klen == 3 && !strncasecmp(p, "Bcc", 3) ? &out->bcc : NULL;
		if (!slot) {
			char *h = xstrndup(p, klen);
			rc = err_usage("%s:%d: %s: not a header a template may set (Subject, Cc, Bcc)", path,
				       line, err_quote(h));
			free(h);
			break;
		}
		if (*slot) {
			rc = err_usage("%s:%d: %s: given twice", path, line, err_quote(xstrndup(p, klen)));
			break;
		}
		value = p + klen + 1;
		rc = tpl_compile(value, (size_t)(p + n - value), path, line, slot);
	}
	if (rc == 0 && !out->subject)
		rc = err_usage("%s: no Subject: header", path);
	if (rc == 0)
		rc = tpl_compile(eol + 1, strlen(eol + 1), path, line + 1, &out->body);
	free(text);
	free(path);
	if (rc < 0)
		tpl_release(out);
	return rc;
}

/* s with control characters as spaces, trimmed (malloc'd, NULL for none). */
static char *plain(const char *s)
{
	char *c = xstrdup(s), *r;
	unsigned char *p;

	for (p = (unsigned char *)c; p && *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			*p = ' ';
		else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			p[0] = p[1] = ' ';
	}
	r = util_trimmed(c);
	free(c);
	return r;
}

/* A header value as rendered: control characters become spaces, the
 * ends are trimmed (SPEC §10: no field adds a header or a recipient). */
static char *header_value(const struct tpl *t, const char *const *v)
{
	char *s, *r;

	if (!t)
		return NULL;
	s = tpl_render(t, v);
	r = plain(s);
	free(s);
	return r;
}

/* Message-ID: unique on this machine, at the rep's domain. */
static char *message_id(const struct config *cfg)
{
	static unsigned counter;
	const char *at = cfg->rep_email ? strchr(cfg->rep_email, '@') : NULL;
	struct timespec ts;
	char buf[512];

	clock_gettime(CLOCK_REALTIME, &ts);
	snprintf(buf, sizeof buf, "followup.%lld.%09ld.%d.%u@%s", (long long)ts.tv_sec, ts.tv_nsec,
		 (int)getpid(), ++counter, at && at[1] ? at + 1 : "followup.invalid");
	return xstrdup(buf);
}

/* What make() needs of the prospect beyond its template fields. */
struct who {
	long long id;
	char *name, *email;
	int next, next_time;
	long long changed;
	int found;
};

static int who_row(const struct prow *r, void *ctx)
{
	struct who *w = ctx;

	w->id = r->id;
	w->name = xstrdup(r->name);
	w->email = xstrdup(r->email);
	w->next = r->due_kind == DUE_EXPLICIT ? r->due : DATE_NONE;
	w->next_time = r->due_kind == DUE_EXPLICIT ? r->due_time : TIME_NONE;
	w->changed = r->changed;
	w->found = 1;
	return 0;
}

static void who_release(struct who *w)
{
	free(w->name);
	free(w->email);
}

static void push(struct run *r, struct outgoing *o)
{
	if (r->n == r->cap)
		r->out = xrealloc(r->out, (r->cap = r->cap * 2 + 8) * sizeof *r->out);
	r->out[r->n++] = *o;
}

static void outgoing_release(struct outgoing *o)
{
	free(o->subject);
	free(o->to_name);
	free(o->to_email);
	free(o->message_id);
	free(o->uid);
	free(o->bytes);
}

/* The invitation (REQUEST or CANCEL) for uid at date/time. */
static char *invitation(struct run *r, int cancel, const char *uid, long long seq, int date, int time,
			const char *summary, const char *to_name, const char *to_email)
{
	const struct ical_api *api = icalmod_load();
	struct ical_invite inv;
	char why[256], *text;

	if (!api)
		return NULL;
	memset(&inv, 0, sizeof inv);
	inv.cancel = cancel;
	inv.prodid = "-//followup//followup " FOLLOWUP_VERSION "//EN";
	inv.uid = uid;
	inv.sequence = seq;
	inv.dtstamp = clock_now_epoch();
	inv.date = date;
	inv.time = time;
	inv.summary = summary;
	inv.organizer_name = r->cfg->rep_name;
	inv.organizer_email = r->cfg->rep_email;
	inv.attendee_name = to_name;
	inv.attendee_email = to_email;
	if (!(text = api->invite_serialise(&inv, why, sizeof why)))
		err_runtime("invitation: %s", why);
	return text;
}

/* Build o's bytes with GMime from its parts. */
static int build(struct run *r, struct outgoing *o, const char *cc, const char *bcc, const char *body,
		 const char *calendar, const char *method)
{
	const struct mail_api *api = mailmod_load();
	struct mail_msg m;
	char why[256];

	if (!api)
		return -1;
	memset(&m, 0, sizeof m);
	m.from_name = r->cfg->rep_name;
	m.from_email = r->cfg->rep_email;
	m.to_name = o->to_name;
	m.to_email = o->to_email;
	m.cc = cc;
	m.bcc = bcc;
	m.subject = o->subject;
	m.body = body;
	m.calendar = calendar;
	m.method = method;
	m.date = clock_now_epoch();
	m.message_id = o->message_id;
	if (api->build(&m, &o->bytes, &o->len, why, sizeof why) < 0)
		return err_runtime("mail: %s", why);
	return 0;
}

/*
 * The draft in the editor (headers and the UTF-8 body), and the message
 * rebuilt from what was saved.  *kept = 0 when the rep emptied it.
 */
static int edit(struct run *r, struct outgoing *o, char **cc, char **bcc, char **body, int *kept)
{
	const struct mail_api *api = mailmod_load();
	struct mail_draft d;
	char path[] = "/tmp/followup-draft.XXXXXX", why[256], **ed, *text = NULL;
	size_t len = 0;
	int fd, status, rc = 0;
	FILE *f;

	(void)r;
	*kept = 1;
	if (!api || !(ed = proc_editor()))
		return -1;
	if ((fd = mkstemp(path)) < 0 || !(f = fdopen(fd, "w"))) {
		proc_free_words(ed);
		return err_runtime("draft: %s", util_strerror(errno));
	}
	fprintf(f, "To: %s <%s>\n", o->to_name ? o->to_name : "", o->to_email);
	fprintf(f, "Cc: %s\nBcc: %s\nSubject: %s\n\n%s", *cc ? *cc : "", *bcc ? *bcc : "",
		o->subject, *body);
	fclose(f);
	status = proc_edit(ed, path);
	if (status != 0) {
		if (status > 0)
			err_runtime("editor %s: exit status %d: nothing sent", err_quote(ed[0]), status);
		proc_free_words(ed);
		unlink(path);
		return -1;
	}
	proc_free_words(ed);
	if ((f = fopen(path, "r"))) {
		util_read_all(f, 0, &text, &len);
		fclose(f);
	}
	unlink(path);
	if (!text || !util_has_text(text)) {
		free(text);
		*kept = 0;
		return 0;
	}
	if (api->draft(text, len, &d, why, sizeof why) < 0) {
		free(text);
		return err_usage("draft: %s", why);
	}
	free(text);
	if (!util_has_text(d.body)) {
		api->free_draft(&d);
		*kept = 0;
		return 0;
	}
	free(o->to_name);
	free(o->to_email);
	free(o->subject);
	free(*cc);
	free(*bcc);
	free(*body);
	o->to_name = d.to_name ? xstrdup(d.to_name) : NULL;
	o->to_email = xstrdup(d.to_email);
	o->subject = xstrdup(d.subject ? d.subject : "");
	*cc = d.cc ? xstrdup(d.cc) : NULL;
	*bcc = d.bcc ? xstrdup(d.bcc) : NULL;
	*body = xstrdup(d.body);
	api->free_draft(&d);
	return rc;
}

/* Make the message of prospect w (reminder or summary). */
static int make(struct run *r, struct who *w)
{
	struct script_fields f;
	struct outgoing o;
	char *cc = NULL, *bcc = NULL, *body = NULL, *cal = NULL, uid[160], what[300];
	const char *const *v;
	int rc = -1, kept = 1, sent = 0;

	memset(&o, 0, sizeof o);
	if (!util_has_text(w->email)) {
		if (r->named)
			return err_usage("prospect %lld %s: no email address to send to", w->id,
					 err_quote(w->name));
		fprintf(r->log, "followup: prospect %lld %s: no email address, skipped\n", w->id,
			util_sanitize(what, sizeof what, w->name, 60));
		return 0;
	}
	if (r->kind == MAIL_REMINDER && r->opts->invite) {
		if (store_appt_uid(r->st, w->id, uid, sizeof uid) < 0)
			return -1;
		if (!r->opts->again && store_reminder_sent(r->st, uid, w->next, w->next_time, &sent) < 0)
			return -1;
		if (sent) {
			fprintf(r->log, "followup: prospect %lld %s: reminder already sent for this appointment "
				"(--again sends it again)\n", w->id, util_sanitize(what, sizeof what, w->name, 60));
			return 0;
		}
	}
	if (script_fields_load(r->st, r->cfg, r->today, w->id, &f) < 0)
		return -1;
	v = (const char *const *)f.v;
	/* A name is the prospect's text: no control character of it may reach
	 * an address (a CR LF in a display name, however encoded). */
	o.to_name = plain(w->name);
	o.to_email = util_trimmed(w->email);
	o.subject = header_value(r->tpl.subject, v);
	cc = header_value(r->tpl.cc, v);
	bcc = header_value(r->tpl.bcc, v);
	body = tpl_render(r->tpl.body, v);
	o.message_id = message_id(r->cfg);
	if (r->edit && edit(r, &o, &cc, &bcc, &body, &kept) < 0)
		goto out;
	if (!kept) {
		fprintf(r->log, "followup: %s for %s emptied in the editor: not sent\n", kind_names[r->kind],
			util_sanitize(what, sizeof what, w->name, 60));
		rc = 0;
		goto out;
	}
	if (r->kind == MAIL_REMINDER && r->opts->invite) {
		o.uid = xstrdup(uid);
		o.rec.invite_seq = w->changed;
		if (!(cal = invitation(r, 0, uid, w->changed, w->next, w->next_time, o.subject, o.to_name,
				       o.to_email)))
			goto out;
	}
	if (build(r, &o, cc, bcc, body, cal, cal ? "REQUEST" : NULL) < 0)
		goto out;
	o.rec.prospect = w->id;
	o.rec.kind = kind_names[r->kind];
	o.rec.appt_date = r->kind == MAIL_REMINDER ? w->next : DATE_NONE;
	o.rec.appt_time = r->kind == MAIL_REMINDER ? w->next_time : TIME_NONE;
	push(r, &o);
	memset(&o, 0, sizeof o);
	rc = 0;
out:
	outgoing_release(&o);
	free(cc);
	free(bcc);
	free(body);
	free(cal);
	script_fields_release(&f);
	return rc;
}

/* A cancel for the invitation whose last record is m. */
static int make_cancel(struct run *r, const struct mail_record *m)
{
	struct outgoing o;
	char when[160], words[128], tb[6], *body, *cal;
	long long seq = store_change_stamp(r->st);
	size_t n;
	int rc;

	memset(&o, 0, sizeof o);
	if (seq <= m->invite_seq)
		seq = m->invite_seq + 1;
	snprintf(when, sizeof when, "%s at %s", script_date_words(m->appt_date, r->today, words, sizeof words),
		 time_format(m->appt_time, tb));
	o.to_name = plain(m->to_name);
	o.to_email = xstrdup(m->to_email);
	n = strlen(when) + 64;
	o.subject = xmalloc(n);
	snprintf(o.subject, n, "Cancelled: our call on %s", when);
	n = strlen(when) + (m->to_name ? strlen(m->to_name) : 0) + (r->cfg->rep_name ? strlen(r->cfg->rep_name) : 0) + 128;
	body = xmalloc(n);
	snprintf(body, n, "Hello%s%s,\n\nOur call on %s is cancelled.\n\nBest regards,\n%s\n",
		 m->to_name ? " " : "", m->to_name ? m->to_name : "", when,
		 r->cfg->rep_name ? r->cfg->rep_name : "");
	o.message_id = message_id(r->cfg);
	o.uid = xstrdup(m->invite_uid);
	if (!(cal = invitation(r, 1, m->invite_uid, seq, m->appt_date, m->appt_time, o.subject,
			       o.to_name, o.to_email))) {
		free(body);
		outgoing_release(&o);
		return -1;
	}
	rc = build(r, &o, NULL, NULL, body, cal, "CANCEL");
	free(body);
	free(cal);
	if (rc < 0) {
		outgoing_release(&o);
		return -1;
	}
	o.rec.prospect = m->prospect;
	o.rec.kind = "cancel";
	o.rec.invite_seq = seq;
	o.rec.appt_date = m->appt_date;
	o.rec.appt_time = m->appt_time;
	push(r, &o);
	return 0;
}

static int cancel_row(const struct mail_record *m, void *ctx)
{
	return make_cancel(ctx, m);
}

/* The invitations to cancel, as lines on the log. */
static int list_cancel(const struct mail_record *m, void *ctx)
{
	struct run *r = ctx;
	char words[128], tb[6], name[200];

	fprintf(r->log, "followup: invitation to cancel: %s, %s at %s (followup mail cancel %lld)\n",
		util_sanitize(name, sizeof name, m->to_name ? m->to_name : m->to_email, 60),
		script_date_words(m->appt_date, r->today, words, sizeof words),
		time_format(m->appt_time, tb), m->prospect);
	return 0;
}

static int appointment_row(const struct prow *p, void *ctx)
{
	struct run *r = ctx;
	struct who w;
	int rc;

	memset(&w, 0, sizeof w);
	who_row(p, &w);
	rc = make(r, &w);
	who_release(&w);
	return rc;
}

/* ---- handing off ------------------------------------------------------ */

/* mboxrd: a "From " line starts each message; body lines that begin with
 * "From " (after any >) get one more >. */
static int write_mbox(FILE *f, const struct run *r, const struct outgoing *o)
{
	time_t now = time(NULL);
	struct tm tm;
	char date[64];
	const char *p = o->bytes, *e = o->bytes + o->len, *nl;

	gmtime_r(&now, &tm);
	strftime(date, sizeof date, "%a %b %e %H:%M:%S %Y", &tm);
	fprintf(f, "From %s %s\n", r->cfg->rep_email, date);
	for (; p < e; p = nl + 1) {
		const char *q = p;
		nl = memchr(p, '\n', (size_t)(e - p));
		if (!nl)
			nl = e;
		while (q < nl && *q == '>')
			q++;
		if ((size_t)(nl - q) >= 5 && !memcmp(q, "From ", 5))
			putc('>', f);
		fwrite(p, 1, (size_t)(nl - p), f);
		putc('\n', f);
		if (nl == e)
			break;
	}
	putc('\n', f);
	return ferror(f) ? err_runtime("standard output: %s", util_strerror(errno ? errno : EIO)) : 0;
}

static int mkdir_0700(const char *dir)
{
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return err_runtime("maildir %s: %s", err_quote(dir), util_strerror(errno));
	return 0;
}

/* A draft in the Maildir: written into tmp/, moved to cur/ as seen and a
 * draft (:2,DS). */
static int write_maildir(const char *dir, const struct outgoing *o)
{
	static unsigned counter;
	char host[128] = "localhost", name[512], tmp[4096], cur[4096];
	struct timespec ts;
	const char *sub[3] = {"tmp", "new", "cur"};
	size_t i;
	FILE *f;
	int fd;

	if (mkdir_0700(dir) < 0)
		return -1;
	for (i = 0; i < 3; i++) {
		snprintf(tmp, sizeof tmp, "%s/%s", dir, sub[i]);
		if (mkdir_0700(tmp) < 0)
			return -1;
	}
	gethostname(host, sizeof host - 1);
	for (i = 0; host[i]; i++)
		if (host[i] == '/' || host[i] == ':')
			host[i] = '_';
	clock_gettime(CLOCK_REALTIME, &ts);
	snprintf(name, sizeof name, "%lld.M%ldP%dQ%u.%s", (long long)ts.tv_sec, ts.tv_nsec / 1000,
		 (int)getpid(), ++counter, host);
	snprintf(tmp, sizeof tmp, "%s/tmp/%s", dir, name);
	snprintf(cur, sizeof cur, "%s/cur/%s:2,DS", dir, name);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0600)) < 0 || !(f = fdopen(fd, "w")))
		return err_runtime("maildir %s: %s", err_quote(tmp), util_strerror(errno));
	if (fwrite(o->bytes, 1, o->len, f) != o->len || fflush(f) || fsync(fileno(f))) {
		int e = errno;
		fclose(f);
		unlink(tmp);
		return err_runtime("maildir %s: %s", err_quote(tmp), util_strerror(e ? e : EIO));
	}
	fclose(f);
	if (rename(tmp, cur) < 0) {
		int e = errno;
		unlink(tmp);
		return err_runtime("maildir %s: %s", err_quote(cur), util_strerror(e));
	}
	return 0;
}

static int send_one(const struct run *r, const struct outgoing *o)
{
	char **argv = proc_split(r->cfg->sendmail, "mail.sendmail");
	int status;

	if (!argv)
		return -1;
	status = proc_run("mail.sendmail", argv, o->bytes, o->len, 1);
	if (status > 0)
		err_runtime("mail.sendmail %s: exit status %d: %s to %s not sent", err_quote(r->cfg->sendmail),
			    status, kind_names[r->kind], o->to_email);
	proc_free_words(argv);
	return status == 0 ? 0 : -1;
}

/* On a terminal, before --send: what will go, and one question. */
static int confirm(const struct run *r)
{
	char line[64], name[200];
	size_t i;

	for (i = 0; i < r->n; i++)
		fprintf(r->log, "  %s to %s <%s>: %s\n", r->out[i].rec.kind,
			util_sanitize(name, sizeof name, r->out[i].to_name ? r->out[i].to_name : "", 60),
			r->out[i].to_email, r->out[i].subject);
	fprintf(r->log, "send %zu message%s? [y/N] ", r->n, r->n == 1 ? "" : "s");
	fflush(r->log);
	if (!fgets(line, sizeof line, stdin))
		return 0;
	return line[0] == 'y' || line[0] == 'Y';
}

static int deliver(struct run *r, FILE *out)
{
	const char *dir = r->opts->maildir ? r->opts->maildir : r->cfg->maildir;
	char name[200];
	size_t i;
	int rc = 0;

	int send = r->opts->send;

	if (r->opts->choose && r->n) {
		int how = r->opts->choose(r->opts->choose_ctx, r->n, r->out[0].to_email, r->out[0].subject);
		if (how == MAIL_DISCARD) {
			fprintf(r->log, "discarded\n");
			return 0;
		}
		send = how == MAIL_SEND;
		if (how == MAIL_DRAFT && !dir)
			return err_usage("no Maildir to save the draft in: set [mail] maildir");
	} else if (send && r->opts->terminal && r->n && !confirm(r)) {
		fprintf(r->log, "nothing sent\n");
		return 0;
	}
	for (i = 0; i < r->n && rc == 0; i++) {
		struct outgoing *o = &r->out[i];
		if (send)
			rc = send_one(r, o);
		else if (dir)
			rc = write_maildir(dir, o);
		else
			rc = write_mbox(out, r, o);
		if (rc < 0)
			break;
		/* An mbox on stdout is handed on by the rep: not recorded. */
		if (!send && !dir)
			continue;
		o->rec.subject = o->subject;
		o->rec.message_id = o->message_id;
		o->rec.sent = send;
		o->rec.invite_uid = o->uid;
		o->rec.to_name = o->to_name;
		o->rec.to_email = o->to_email;
		if ((rc = store_mail_add(r->st, &o->rec)) < 0)
			break;
		if (r->opts->choose)
			fprintf(r->log, "%s %s to %s <%s>", send ? "sent" : "drafted", o->rec.kind,
				util_sanitize(name, sizeof name, o->to_name ? o->to_name : "", 60), o->to_email);
		else if (send || dir)
			fprintf(stdout, "%s %s to %s <%s>\n", send ? "sent" : "drafted", o->rec.kind,
				util_sanitize(name, sizeof name, o->to_name ? o->to_name : "", 60), o->to_email);
	}
	return rc;
}

/* ---- the run --------------------------------------------------------- */

int mail_run(struct store *st, const struct config *cfg, int today, enum mail_kind kind,
	     const long long *ids, size_t n, const struct mail_opts *opts, FILE *out, FILE *log)
{
	struct run r;
	size_t i;
	int rc = 0, until;

	r = (struct run){.st = st, .cfg = cfg, .today = today, .kind = kind, .opts = opts, .log = log,
			 .named = n > 0};
	if (!cfg->rep_email)
		return err_usage("%s: rep.email: not set, and mail is sent from it ([rep] email = you@example.com)",
				 cfg->path);
	r.edit = opts->edit >= 0 ? opts->edit : kind == MAIL_SUMMARY && opts->terminal;
	if (opts->edit == 1 && !opts->terminal)
		return err_usage("--edit: needs a terminal (standard input and error)");
	if (kind != MAIL_CANCEL && load_mail_template(kind == MAIL_REMINDER ? "reminder" : "summary", &r.tpl) < 0)
		return -1;
	if (kind == MAIL_CANCEL) {
		for (i = 0; i < n && rc == 0; i++)
			rc = store_mail_to_cancel(st, ids[i], cancel_row, &r);
		if (rc == 0 && !r.n)
			rc = err_usage("mail cancel: no invitation to cancel for %s (followup mail reminder lists them)",
				       n == 1 ? "that prospect" : "those prospects");
	} else if (kind == MAIL_REMINDER && !n) {
		until = opts->until;
		if (until == DATE_NONE && store_next_workday(st, today + 1, &until) < 0)
			rc = -1;
		if (rc == 0)
			rc = store_appointments(st, today + 1, until, appointment_row, &r);
		if (rc == 0)
			rc = store_mail_to_cancel(st, 0, list_cancel, &r);
	} else {
		for (i = 0; i < n && rc == 0; i++) {
			struct who w;
			memset(&w, 0, sizeof w);
			rc = store_show(st, ids[i], 0, who_row, NULL, &w);
			if (rc == 0 && kind == MAIL_REMINDER && w.next_time == TIME_NONE)
				rc = err_usage("prospect %lld %s: no appointment (followup next ID DATE HH:MM)",
					       ids[i], err_quote(w.name));
			if (rc == 0)
				rc = make(&r, &w);
			who_release(&w);
		}
	}
	if (rc == 0)
		rc = deliver(&r, out);
	for (i = 0; i < r.n; i++)
		outgoing_release(&r.out[i]);
	free(r.out);
	tpl_release(&r.tpl);
	return rc;
}
