/*
 * export.c - calendar exports (see export.h).
 *
 * Streams: the VCALENDAR header and footer and each VEVENT are serialised
 * by the libical module one at a time, as rows arrive from the store, so a
 * 100,000-event export never holds more than one event (and up to 64 KiB
 * of serialised ones not yet written).  This file only
 * decides what the events say (summary, description, dates) and where the
 * bytes go; every byte of iCalendar comes from libical.
 */
#include "followup/export.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "followup/clock.h"
#include "followup/date.h"
#include "followup/err.h"
#include "followup/icalmod.h"
#include "followup/outfile.h"
#include "followup/util.h"

/* A growing string, kept across events so that an export allocates once,
 * not per event; s is NUL-terminated once anything was added. */
struct sbuf {
	char *s;
	size_t len, cap;
};

struct exporter {
	struct store *st;
	const struct config *cfg;
	int today;
	const struct ical_api *api;
	struct ical_cal_info cal;
	char org_name[256], org_email[512], prefix[64];
	char *header, *footer;
	FILE *out;              /* export_ics */
	const char *outname;
	long long count;
	long long since;        /* C of SPEC §4's SEQUENCE */
	long long midnight;     /* P: today's local midnight, for overdue events */
	const char *dir;        /* export_vdir */
	struct vdir_result *res;
	long long *ids;         /* exported prospect ids, ascending (due order is not) */
	size_t nids, cap;
	struct sbuf sum, des;   /* an event's SUMMARY and DESCRIPTION, reused */
	struct sbuf out_text;   /* export_ics: the events not yet written;
	                         * export_vdir: one file's content */
};

void export_uid_prefix(struct store *st, char *buf, size_t n)
{
	snprintf(buf, n, "followup-%s-", store_db_id(st));
}

static int setup(struct exporter *x, struct store *st, const struct config *cfg, int today,
		 int resource)
{
	char why[256], host[256] = "localhost";
	struct passwd *pw;
	const char *login;

	memset(x, 0, sizeof *x);
	x->st = st;
	x->cfg = cfg;
	x->today = today;
	if (!(x->api = icalmod_load()))
		return -1;
	export_uid_prefix(st, x->prefix, sizeof x->prefix);
	pw = getpwuid(getuid());
	login = pw && pw->pw_name ? pw->pw_name : "followup";
	gethostname(host, sizeof host - 1);
	snprintf(x->org_name, sizeof x->org_name, "%s", cfg->rep_name ? cfg->rep_name : login);
	if (cfg->rep_email)
		snprintf(x->org_email, sizeof x->org_email, "%s", cfg->rep_email);
	else
		snprintf(x->org_email, sizeof x->org_email, "%s@%s", login, host);
	x->cal.prodid = "-//followup//followup " FOLLOWUP_VERSION "//EN";
	x->cal.calname = "followup";
	x->cal.organizer_name = x->org_name;
	x->cal.organizer_email = x->org_email;
	x->cal.dtstamp = clock_now_epoch();
	x->cal.alarm_time = cfg->remind_time;
	x->cal.alarm_before = cfg->remind_before;
	x->cal.resource = resource;
	x->since = store_calendar_since(st);
	x->midnight = clock_midnight(today);
	if (x->api->calendar_frame(&x->cal, &x->header, &x->footer, why, sizeof why) < 0)
		return err_runtime("calendar export: %s", why);
	return 0;
}

static void cleanup(struct exporter *x)
{
	free(x->header);
	free(x->footer);
	free(x->ids);
	free(x->sum.s);
	free(x->des.s);
	free(x->out_text.s);
}

static void add_n(struct sbuf *b, const char *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2 + 256;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Append s; NULL adds nothing.  (snprintf and a varargs append here were
 * a tenth of an export's instructions.) */
static void add(struct sbuf *b, const char *s)
{
	if (s)
		add_n(b, s, strlen(s));
}

/* Append a string literal (its length known when compiling). */
#define ADD_LIT(b, lit) add_n(b, "" lit, sizeof(lit) - 1)

static void sbuf_reset(struct sbuf *b)
{
	b->len = 0;
	add_n(b, "", 0);
}

/* v in decimal, written backwards from end (which gets the NUL); returns
 * the first digit. */
static char *fmt_ll(long long v, char *end)
{
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	*end = '\0';
	do
		*--end = (char)('0' + u % 10);
	while ((u /= 10));
	if (v < 0)
		*--end = '-';
	return end;
}

/* The octets ics_clean() may change, as bits: in a one-line value
 * (SPECIAL_LINE) the C0 controls, DEL and 0xC2 (the lead octet of a C1
 * control); in a multi-line one (SPECIAL_TEXT) the same but line feed and
 * tab, which stay.  NUL has both, so that a scan stops at the end. */
enum { SPECIAL_LINE = 1, SPECIAL_TEXT = 2, SPECIAL_BOTH = 3 };
static const unsigned char ics_special[256] = {
	[0x00] = SPECIAL_BOTH, [0x01] = SPECIAL_BOTH, [0x02] = SPECIAL_BOTH, [0x03] = SPECIAL_BOTH,
	[0x04] = SPECIAL_BOTH, [0x05] = SPECIAL_BOTH, [0x06] = SPECIAL_BOTH, [0x07] = SPECIAL_BOTH,
	[0x08] = SPECIAL_BOTH, [0x09] = SPECIAL_LINE, [0x0A] = SPECIAL_LINE, [0x0B] = SPECIAL_BOTH,
	[0x0C] = SPECIAL_BOTH, [0x0D] = SPECIAL_BOTH, [0x0E] = SPECIAL_BOTH, [0x0F] = SPECIAL_BOTH,
	[0x10] = SPECIAL_BOTH, [0x11] = SPECIAL_BOTH, [0x12] = SPECIAL_BOTH, [0x13] = SPECIAL_BOTH,
	[0x14] = SPECIAL_BOTH, [0x15] = SPECIAL_BOTH, [0x16] = SPECIAL_BOTH, [0x17] = SPECIAL_BOTH,
	[0x18] = SPECIAL_BOTH, [0x19] = SPECIAL_BOTH, [0x1A] = SPECIAL_BOTH, [0x1B] = SPECIAL_BOTH,
	[0x1C] = SPECIAL_BOTH, [0x1D] = SPECIAL_BOTH, [0x1E] = SPECIAL_BOTH, [0x1F] = SPECIAL_BOTH,
	[0x7F] = SPECIAL_BOTH, [0xC2] = SPECIAL_BOTH,
};

/*
 * Make text fit for an iCalendar TEXT value: control characters, which
 * RFC 5545 does not allow there (and calcurse rejects a line break in a
 * SUMMARY), become a space; in a multi-line value, line breaks stay as
 * "\n" (CRLF and CR count as one).  Works in place.  Text with nothing
 * to change (nearly all of it) is only scanned, an octet a table lookup.
 */
static char *ics_clean(char *s, int multiline)
{
	unsigned mask = multiline ? SPECIAL_TEXT : SPECIAL_LINE;
	char *r = s, *w;

	while (!(ics_special[(unsigned char)*r] & mask))
		r++;
	for (w = r; *r; r++) {
		unsigned char ch = (unsigned char)*r;
		if (!(ics_special[ch] & mask)) {
			*w++ = (char)ch;
		} else if (multiline && ch == '\r') {
			*w++ = '\n';
			if (r[1] == '\n')
				r++;
		} else if (ch < 0x20 || ch == 0x7F) {
			*w++ = ' ';
		} else if (ch == 0xC2 && (unsigned char)r[1] >= 0x80 && (unsigned char)r[1] <= 0x9F) {
			*w++ = ' '; /* C1 control */
			r++;
		} else {
			*w++ = (char)ch;
		}
	}
	*w = '\0';
	return s;
}

/* The serialised VEVENT for one prospect; NULL with an error recorded. */
static char *event_for(struct exporter *x, const struct prow *r)
{
	struct ical_event ev;
	char uid[96], why[256], num[32], *digits, *text;
	const char *step;
	struct sbuf *sum = &x->sum, *des = &x->des;
	char dbuf[11], tb[6];
	int due = r->due;
	size_t n;

	if (due == DATE_NONE) {
		err_runtime("calendar export: prospect %lld has a bad due date", r->id);
		return NULL;
	}
	n = strlen(x->prefix);
	memcpy(uid, x->prefix, n);
	strcpy(uid + n, fmt_ll(r->id, num + sizeof num - 1));
	if (r->due_kind == DUE_EXPLICIT) {
		step = r->due_time != TIME_NONE ? "appointment" : "next date";
	} else {
		digits = fmt_ll(r->step, num + sizeof num - 1) - 5;
		memcpy(digits, "step ", 5);
		step = digits;
	}
	sbuf_reset(sum);
	ADD_LIT(sum, "Follow up: ");
	add(sum, r->name);
	if (r->company) {
		ADD_LIT(sum, " (");
		add(sum, r->company);
		ADD_LIT(sum, ")");
	}
	ADD_LIT(sum, " \xe2\x80\x94 ");
	add(sum, step);

	sbuf_reset(des);
	if (r->phone) {
		ADD_LIT(des, "Phone: ");
		add(des, r->phone);
		ADD_LIT(des, "\n");
	}
	if (r->email) {
		ADD_LIT(des, "Email: ");
		add(des, r->email);
		ADD_LIT(des, "\n");
	}
	if (r->title) {
		ADD_LIT(des, "Title: ");
		add(des, r->title);
		ADD_LIT(des, "\n");
	}
	if (r->last_date != DATE_NONE) {
		ADD_LIT(des, "Last touch: ");
		add(des, date_format(r->last_date, dbuf));
		ADD_LIT(des, " ");
		add(des, time_format(r->last_time, tb));
		ADD_LIT(des, " ");
		add(des, channel_name(r->last_channel));
		ADD_LIT(des, ", ");
		add(des, outcome_name(r->last_outcome));
		ADD_LIT(des, "\n");
		if (r->last_note) {
			ADD_LIT(des, "Note: ");
			add(des, r->last_note);
			ADD_LIT(des, "\n");
		}
	} else {
		ADD_LIT(des, "Last touch: none yet\n");
	}
	if (r->due_kind == DUE_EXPLICIT) {
		add(des, r->due_time != TIME_NONE ? "Appointment" : "Next date you set");
	} else {
		ADD_LIT(des, "Step ");
		add(des, step + 5);
		ADD_LIT(des, " of the ");
		add(des, r->cadence);
		ADD_LIT(des, " cadence");
	}
	if (due < x->today) {
		ADD_LIT(des, " (due ");
		add(des, date_format(due, dbuf));
		ADD_LIT(des, ", overdue)");
	}

	memset(&ev, 0, sizeof ev);
	ev.uid = uid;
	/* SPEC §4: max(E, P, C), each only growing, so SEQUENCE never drops
	 * and grows whenever what the event says can have changed. */
	ev.sequence = r->changed;
	if (due < x->today && x->midnight > ev.sequence)
		ev.sequence = x->midnight;
	if (x->since > ev.sequence)
		ev.sequence = x->since;
	ev.date = due < x->today ? x->today : due;
	ev.time = r->due_time;
	ev.summary = ics_clean(sum->s, 0);
	ev.description = ics_clean(des->s, 1);
	text = x->api->event_serialise(&x->cal, &ev, why, sizeof why);
	if (!text)
		err_runtime("calendar export: %s", why);
	return text;
}

/* ---- one .ics file ------------------------------------------------------ */

/* Events are written in batches of about this many bytes: stdio's own
 * buffer is one disk block, and 36 MB of calendar were 8,800 write()s. */
enum { OUT_BATCH = 1 << 16 };

/* Write what x->out_text holds; 0, or -1 with the write error. */
static int flush_batch(struct exporter *x)
{
	struct sbuf *b = &x->out_text;

	if (b->len && fwrite(b->s, 1, b->len, x->out) != b->len)
		return err_runtime("%s: %s", err_quote(x->outname), util_strerror(errno ? errno : EIO));
	b->len = 0;
	return 0;
}

static int write_event(const struct prow *r, void *ctx)
{
	struct exporter *x = ctx;
	char *text = event_for(x, r);

	if (!text)
		return -1;
	add(&x->out_text, text);
	free(text);
	x->count++;
	return x->out_text.len >= OUT_BATCH ? flush_batch(x) : 0;
}

int export_ics(struct store *st, const struct config *cfg, int today, const char *path,
	       int days, long long *count)
{
	struct exporter x;
	char *tmp, *real;
	int rc, direct;

	if (setup(&x, st, cfg, today, 0) < 0) {
		cleanup(&x);
		return -1;
	}
	if (!(x.out = outfile_open(&path, &tmp, &real, &direct))) {
		cleanup(&x);
		free(real);
		return -1;
	}
	x.outname = path ? path : "standard output";
	add(&x.out_text, x.header);
	rc = store_calendar_each(st, today + days, write_event, &x);
	if (rc == 0) {
		add(&x.out_text, x.footer);
		rc = flush_batch(&x);
	}
	rc = outfile_close(x.out, path, tmp, direct, rc);
	free(real);
	if (count)
		*count = x.count;
	cleanup(&x);
	return rc;
}

/* ---- vdir --------------------------------------------------------------- */

/* Whole file into a malloc'd string, or NULL when it cannot be read. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;

	if (!f)
		return NULL;
	util_read_all(f, 0, &buf, NULL);
	fclose(f);
	return buf;
}

/* Next line of *p that is not a DTSTAMP line; NULL at the end. */
static const char *next_line(const char **p, size_t *len)
{
	while (**p) {
		const char *s = *p, *e = strchr(s, '\n');
		*p = e ? e + 1 : s + strlen(s);
		*len = (size_t)(*p - s);
		if (strncmp(s, "DTSTAMP", 7) != 0)
			return s;
	}
	return NULL;
}

static int same_but_dtstamp(const char *a, const char *b)
{
	const char *la, *lb;
	size_t na, nb;

	for (;;) {
		la = next_line(&a, &na);
		lb = next_line(&b, &nb);
		if (!la || !lb)
			return !la && !lb;
		if (na != nb || memcmp(la, lb, na))
			return 0;
	}
}

static int sync_event(const struct prow *r, void *ctx)
{
	struct exporter *x = ctx;
	char *ev = event_for(x, r), *content, *old, *path, *tmp;
	size_t n;
	FILE *f;
	int rc;

	if (!ev)
		return -1;
	if (x->nids == x->cap)
		x->ids = xrealloc(x->ids, (x->cap = x->cap * 2 + 256) * sizeof *x->ids);
	x->ids[x->nids++] = r->id;
	sbuf_reset(&x->out_text);
	add(&x->out_text, x->header);
	add(&x->out_text, ev);
	add(&x->out_text, x->footer);
	content = x->out_text.s;
	free(ev);
	n = strlen(x->dir) + strlen(x->prefix) + 32;
	path = xmalloc(n);
	snprintf(path, n, "%s/%s%lld.ics", x->dir, x->prefix, r->id);
	old = slurp(path);
	if (old && same_but_dtstamp(old, content)) {
		x->res->unchanged++;
		rc = 0;
	} else if (!(f = outfile_temp(path, &tmp))) {
		rc = -1;
	} else {
		if (fputs(content, f) == EOF)
			errno = errno ? errno : EIO;
		rc = outfile_commit(f, tmp, path);
		if (rc == 0)
			old ? x->res->changed++ : x->res->added++;
	}
	free(old);
	free(path);
	x->count++;
	return rc;
}

static int cmp_id(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

/* "<prefix><digits>.ics" → id; 0 for any other name. */
static long long our_file(const struct exporter *x, const char *name)
{
	size_t pl = strlen(x->prefix);
	const char *p;
	long long id = 0;

	if (strncmp(name, x->prefix, pl))
		return 0;
	for (p = name + pl; *p >= '0' && *p <= '9'; p++)
		id = id * 10 + (*p - '0');
	return p > name + pl && !strcmp(p, ".ics") ? id : 0;
}

/* The ids of the files the last export wrote, sorted: from the manifest,
 * or, without one (an older version's vdir), every file of our naming. */
struct idset {
	long long *v;
	size_t n, cap;
};

static void idset_add(struct idset *s, long long id)
{
	if (s->n == s->cap)
		s->v = xrealloc(s->v, (s->cap = s->cap * 2 + 256) * sizeof *s->v);
	s->v[s->n++] = id;
}

static int read_manifest(const struct exporter *x, const char *path, struct idset *out, int *found)
{
	char *text = slurp(path), *line, *save = NULL;
	struct dirent *de;
	DIR *d;
	long long id;

	*found = text != NULL;
	if (text) {
		for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
			if ((id = our_file(x, line)))
				idset_add(out, id);
		free(text);
	} else {
		if (!(d = opendir(x->dir)))
			return err_runtime("vdir %s: %s", err_quote(x->dir), util_strerror(errno));
		while ((de = readdir(d)))
			if ((id = our_file(x, de->d_name)))
				idset_add(out, id);
		closedir(d);
	}
	if (out->n) /* qsort(NULL, 0, ...) is undefined */
		qsort(out->v, out->n, sizeof *out->v, cmp_id);
	return 0;
}

/* The manifest: a comment, then one file name a line, in id order. */
static int write_manifest(const struct exporter *x, const char *path)
{
	char *tmp;
	FILE *f = outfile_temp(path, &tmp);
	size_t i;

	if (!f)
		return -1;
	fprintf(f, "# the files followup export vdir wrote here for database %s;\n"
		   "# it removes only these (other files are never touched)\n", store_db_id(x->st));
	for (i = 0; i < x->nids; i++)
		fprintf(f, "%s%lld.ics\n", x->prefix, x->ids[i]);
	return outfile_commit(f, tmp, path);
}

int export_vdir(struct store *st, const struct config *cfg, int today, const char *dir,
		int days, struct vdir_result *out)
{
	struct exporter x;
	struct idset old = {NULL, 0, 0};
	struct dirent *de;
	char manifest[4096], path[4096];
	size_t i;
	DIR *d;
	int rc, fd, found = 0;

	memset(out, 0, sizeof *out);
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return err_runtime("vdir %s: %s", err_quote(dir), util_strerror(errno));
	if (setup(&x, st, cfg, today, 1) < 0) {
		cleanup(&x);
		return -1;
	}
	x.dir = dir;
	x.res = out;
	snprintf(manifest, sizeof manifest, "%s/.followup-%s.manifest", dir, store_db_id(st));
	rc = read_manifest(&x, manifest, &old, &found);
	if (rc == 0)
		rc = store_calendar_each(st, today + days, sync_event, &x);
	if (rc == 0) {
		/* What the last export wrote and this one did not: removed. */
		if (x.nids)
			qsort(x.ids, x.nids, sizeof *x.ids, cmp_id);
		for (i = 0; i < old.n; i++) {
			if (x.nids && bsearch(&old.v[i], x.ids, x.nids, sizeof *x.ids, cmp_id))
				continue;
			snprintf(path, sizeof path, "%s/%s%lld.ics", dir, x.prefix, old.v[i]);
			if (unlink(path) == 0)
				out->removed++;
		}
		/* Temp files of ours an interrupted export left behind. */
		if ((d = opendir(dir))) {
			while ((de = readdir(d)))
				if (de->d_name[0] == '.' && !strncmp(de->d_name + 1, x.prefix, strlen(x.prefix)) &&
				    strstr(de->d_name, ".ics.tmp")) {
					snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
					unlink(path);
				}
			closedir(d);
		}
		if (!found || old.n != x.nids || (x.nids && memcmp(old.v, x.ids, x.nids * sizeof *x.ids)))
			rc = write_manifest(&x, manifest);
		/* Make the renames and unlinks durable. */
		if ((fd = open(dir, O_RDONLY | O_DIRECTORY)) >= 0) {
			fsync(fd);
			close(fd);
		}
	}
	free(old.v);
	cleanup(&x);
	return rc;
}
