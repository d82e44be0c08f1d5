/*
 * ical_feed.c - the holiday feed half of followup-ical.so (ical.c has the
 * export half and the module's one exported symbol): ical_holidays_read()
 * turns an .ics holiday feed into the day numbers (date.h) of its all-day
 * events.
 *
 * The feed is someone else's file (a mistaken holiday_calendar can name a
 * whole calendar): it is bounded before libical sees it (its size, and its
 * components counted by scanning the lines), and its VEVENTs are parsed one
 * at a time with icalparser_parse_string(), each freed before the next, so
 * memory stays near the file's size (a 200,000-event feed parsed whole took
 * 913 MB).  Overriding events (RECURRENCE-ID) are parsed in a first pass.
 * Each all-day VEVENT is expanded by hand rather than with
 * icalcomponent_foreach_recurrence(): that works in time spans and time
 * zones, while holidays are plain calendar dates, so here an occurrence is
 * a start day and a length in days.  Starts come from DTSTART, each RRULE
 * (libical's recurrence iterator) and each RDATE; EXDATEs and the
 * RECURRENCE-IDs of overriding VEVENTs with the same UID remove starts.
 * Only dates within [from, to] are kept, in a growing int array.
 */
#include "ical_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include <libical/ical.h>

#include "followup/date.h"
#include "followup/err.h"
#include "followup/util.h"

/*
 * Runaway guards.  MAX_DATES bounds the answer (a century of every day is
 * 36525).  MAX_STEPS bounds one RRULE's iteration, which always starts at
 * DTSTART (icalrecur_iterator_set_start() refuses rules with a COUNT): a
 * daily rule from 1900 takes ~46000 steps, about 0.1 s, to reach 2026, and
 * every daily rule within libical's years 0-2582 stays under the bound.
 */
#define MAX_DATES 100000
#define MAX_STEPS 1000000L

/* The properties an all-day event's dates depend on (see parse_error). */
static const char *const used_props[] = {
	"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID",
};

struct days {
	int *v;
	size_t n, cap;
};

/* An overriding VEVENT: it replaces the occurrence of `uid` on `day`. */
struct override {
	char *uid;       /* owned */
	int day;
};

struct feed {
	int from, to;          /* the caller's range, inclusive */
	struct days out;       /* the answer */
	struct override *ov;   /* every override in the feed */
	size_t nov;
	char *errbuf;
	size_t errlen;
};

static int fail(struct feed *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(struct feed *f, const char *fmt, ...)
{
	va_list ap;

	if (f->errbuf && f->errlen) {
		va_start(ap, fmt);
		vsnprintf(f->errbuf, f->errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static void days_push(struct days *d, int day)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->v = xrealloc(d->v, d->cap * sizeof *d->v);
	}
	d->v[d->n++] = day;
}

static int days_has(const struct days *d, int day)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->v[i] == day)
			return 1;
	return 0;
}

/*
 * strerror() as a reason: "No such file or directory" becomes "no such
 * file or directory" (house style), but "I/O error" keeps its capital.
 */
static int fail_errno(struct feed *f, int errnum)
{
	const char *s = strerror(errnum);

	if (s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'a' && s[1] <= 'z')
		return fail(f, "%c%s", s[0] - 'A' + 'a', s + 1);
	return fail(f, "%s", s);
}

/* The whole file, NUL-terminated, into *buf (the caller frees it);
 * refused unread when it is larger than a holiday feed may be. */
static int read_file(struct feed *f, const char *path, char **buf)
{
	FILE *fp = fopen(path, "rb");
	struct stat sb;
	int e;

	*buf = NULL;
	if (!fp)
		return fail_errno(f, errno);
	if (fstat(fileno(fp), &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > ICAL_FEED_MAX_BYTES) {
		fclose(fp);
		return fail(f, "%lld bytes: larger than the %ld MiB a holiday calendar may have",
			    (long long)sb.st_size, ICAL_FEED_MAX_BYTES >> 20);
	}
	if (util_read_all(fp, (size_t)ICAL_FEED_MAX_BYTES, buf, NULL) < 0) {
		/* fopen() of a directory succeeds; the read says EISDIR. */
		e = errno;
		fclose(fp);
		if (e == EFBIG) /* grew while read, or not a file */
			return fail(f, "larger than the %ld MiB a holiday calendar may have",
				    ICAL_FEED_MAX_BYTES >> 20);
		return fail_errno(f, e);
	}
	fclose(fp);
	return 0;
}

/*
 * The day number of t's date part, or -1: libical accepts month 13 and
 * day 32 in "20261332", and date_from_ymd() needs a real date.
 */
static int day_of(struct icaltimetype t, int *day)
{
	if (icaltime_is_null_time(t) || t.month < 1 || t.month > 12 || t.day < 1 ||
	    t.day > date_days_in_month(t.year, t.month))
		return -1;
	*day = date_from_ymd(t.year, t.month, t.day);
	return 0;
}

/* How an event is named in a reason: its SUMMARY, else its UID. */
static const char *event_name(icalcomponent *ev)
{
	const char *s = icalcomponent_get_summary(ev);

	if (!util_has_text(s))
		s = icalcomponent_get_uid(ev);
	return util_has_text(s) ? err_quote(s) : "without a summary";
}

/*
 * When libical cannot parse a property it drops it and leaves an
 * X-LIC-ERROR ("Can't parse as RECUR value in RRULE property. Removing
 * entire property: ...").  Dropping an RRULE or EXDATE would silently
 * change the holidays, so that is an error; errors in other properties
 * (an empty LOCATION is common in real feeds) are not.
 */
static int parse_error(struct feed *f, icalcomponent *ev)
{
	icalproperty *p;
	const char *msg;
	char pat[32];
	size_t i;

	for (p = icalcomponent_get_first_property(ev, ICAL_XLICERROR_PROPERTY); p;
	     p = icalcomponent_get_next_property(ev, ICAL_XLICERROR_PROPERTY)) {
		msg = icalproperty_get_xlicerror(p);
		if (!msg)
			continue;
		for (i = 0; i < sizeof used_props / sizeof used_props[0]; i++) {
			snprintf(pat, sizeof pat, " %s property", used_props[i]);
			if (strstr(msg, pat))
				return fail(f, "event %s: unreadable %s", event_name(ev),
					    used_props[i]);
		}
	}
	return 0;
}

/*
 * The length in days of each occurrence: DTEND (exclusive) minus DTSTART,
 * else DURATION rounded up to whole days, else one day; never less than
 * one.  A DATE-TIME DTEND on an all-day event is not valid iCalendar; its
 * day counts when it ends after midnight.
 */
static int event_length(struct feed *f, icalcomponent *ev, int start, long long *len)
{
	icalproperty *p;
	struct icaltimetype t;
	struct icaldurationtype du;
	long long secs;
	int end;

	*len = 1;
	if ((p = icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY))) {
		t = icalproperty_get_dtend(p);
		if (day_of(t, &end) < 0)
			return fail(f, "event %s: invalid DTEND", event_name(ev));
		if (!t.is_date && (t.hour || t.minute || t.second))
			end++;
		*len = (long long)end - start;
	} else if ((p = icalcomponent_get_first_property(ev, ICAL_DURATION_PROPERTY))) {
		du = icalproperty_get_duration(p);
		if (!du.is_neg) {
			secs = (long long)du.hours * 3600 + (long long)du.minutes * 60 + du.seconds;
			*len = (long long)du.weeks * 7 + du.days + (secs + 86399) / 86400;
		}
	}
	if (*len < 1)
		*len = 1;
	return 0;
}

/* Keep the days of one occurrence that fall within the range. */
static int add_occurrence(struct feed *f, int start, long long len)
{
	long long d, lo = start, hi = start + len - 1;

	if (lo < f->from)
		lo = f->from;
	if (hi > f->to)
		hi = f->to;
	for (d = lo; d <= hi; d++) {
		if (f->out.n >= MAX_DATES)
			return fail(f, "more than %d holiday dates in range", MAX_DATES);
		days_push(&f->out, (int)d);
	}
	return 0;
}

/*
 * The starts of one RRULE after DTSTART.  The caller adds DTSTART itself,
 * as icalcomponent_foreach_recurrence() does: libical's iterator returns it
 * only when the rule matches it (RFC 5545 leaves the other case
 * undefined).  Iteration stops past `to`; libical's own ends in 2582.
 */
static int expand_rrule(struct feed *f, icalcomponent *ev, icalproperty *p,
			struct icaltimetype dtstart, int start, long long len,
			const struct days *skip)
{
	struct icalrecurrencetype rule = icalproperty_get_rrule(p);
	icalrecur_iterator *it;
	struct icaltimetype t;
	int day, prev = start, rc = 0;
	long steps = 0;

	/*
	 * On a DATE, libical returns each day 24 times for FREQ=HOURLY and
	 * 86400 times for SECONDLY: seconds of work for a meaningless rule
	 * (RFC 5545 forbids BYHOUR and finer on a DATE for the same reason).
	 */
	if (rule.freq < ICAL_DAILY_RECURRENCE)
		return fail(f, "event %s: RRULE more frequent than daily on an all-day event",
			    event_name(ev));
	it = icalrecur_iterator_new(rule, dtstart);
	if (!it) {
		/* libical iterates from no DTSTART after 2582. */
		icalerror_clear_errno();
		return fail(f, "event %s: RRULE cannot be expanded", event_name(ev));
	}
	while (rc == 0) {
		t = icalrecur_iterator_next(it);
		if (icaltime_is_null_time(t) || day_of(t, &day) < 0 || day > f->to)
			break;
		if (++steps > MAX_STEPS) {
			rc = fail(f, "event %s: RRULE does not reach the date range",
				  event_name(ev));
			break;
		}
		/* DTSTART again, when the rule matches it. */
		if (day <= prev)
			continue;
		prev = day;
		if (!days_has(skip, day))
			rc = add_occurrence(f, day, len);
	}
	icalrecur_iterator_free(it);
	return rc;
}

/* The starts that EXDATE or an override with this event's UID remove. */
static int excluded_starts(struct feed *f, icalcomponent *ev, struct days *skip)
{
	icalproperty *p;
	const char *uid = icalcomponent_get_uid(ev);
	int day;
	size_t i;

	for (p = icalcomponent_get_first_property(ev, ICAL_EXDATE_PROPERTY); p;
	     p = icalcomponent_get_next_property(ev, ICAL_EXDATE_PROPERTY)) {
		if (day_of(icalproperty_get_exdate(p), &day) < 0)
			return fail(f, "event %s: invalid EXDATE", event_name(ev));
		days_push(skip, day);
	}
	if (uid)
		for (i = 0; i < f->nov; i++)
			if (strcmp(f->ov[i].uid, uid) == 0)
				days_push(skip, f->ov[i].day);
	return 0;
}

/*
 * One VEVENT.  An override (it has a RECURRENCE-ID) is a single
 * occurrence of its own; its master skips the date it replaces.  Timed and
 * cancelled events add nothing.
 */
static int expand_event(struct feed *f, icalcomponent *ev)
{
	icalproperty *p;
	struct icaltimetype dtstart;
	struct icaldatetimeperiodtype rd;
	struct days skip = {NULL, 0, 0};
	long long len;
	int start, day, override, rc;

	/* Without DTSTART it is no all-day event, unless libical dropped it. */
	p = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
	if (!p)
		return parse_error(f, ev);
	dtstart = icalproperty_get_dtstart(p);
	if (!dtstart.is_date || icalcomponent_get_status(ev) == ICAL_STATUS_CANCELLED)
		return 0;
	if (parse_error(f, ev) < 0)
		return -1;
	if (day_of(dtstart, &start) < 0)
		return fail(f, "event %s: invalid DTSTART", event_name(ev));
	if (event_length(f, ev, start, &len) < 0)
		return -1;
	override = icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY) != NULL;
	if (override)
		return add_occurrence(f, start, len);

	rc = excluded_starts(f, ev, &skip);
	if (rc == 0 && !days_has(&skip, start))
		rc = add_occurrence(f, start, len);
	for (p = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY); p && rc == 0;
	     p = icalcomponent_get_next_property(ev, ICAL_RRULE_PROPERTY))
		rc = expand_rrule(f, ev, p, dtstart, start, len, &skip);
	for (p = icalcomponent_get_first_property(ev, ICAL_RDATE_PROPERTY); p && rc == 0;
	     p = icalcomponent_get_next_property(ev, ICAL_RDATE_PROPERTY)) {
		/* An RDATE is a DATE, a DATE-TIME or a PERIOD; only its day counts. */
		rd = icalproperty_get_rdate(p);
		if (day_of(icaltime_is_null_time(rd.time) ? rd.period.start : rd.time, &day) < 0)
			rc = fail(f, "event %s: invalid RDATE", event_name(ev));
		else if (!days_has(&skip, day))
			rc = add_occurrence(f, day, len);
	}
	free(skip.v);
	return rc;
}

/* One VEVENT's text in the feed: from its BEGIN line through its END line. */
struct chunk {
	size_t at, len;        /* offsets into the feed's text */
	int override;          /* it has a RECURRENCE-ID line */
};

/* 1 when the line [p, p + n) is s, or starts with s when prefix. */
static int line_is(const char *p, size_t n, const char *s, int prefix)
{
	size_t len = strlen(s);
	return (prefix ? n >= len : n == len) && !strncasecmp(p, s, len);
}

/*
 * The feed's VEVENTs, found by scanning its lines (never folded for
 * BEGIN/END), with its components counted: more than the bound is
 * refused here, before libical parses anything.  The structure decides
 * what libical's whole-file parse used to: a VCALENDAR left open, or no
 * complete component at all, is not iCalendar.
 */
static int scan_feed(struct feed *f, const char *text, struct chunk **out, size_t *n)
{
	const char *p = text, *line;
	size_t len, cap = 0;
	long components = 0;
	int depth = 0, in_event = 0, cals_open = 0, cals = 0, complete = 0;
	struct chunk c = {0, 0, 0};

	*out = NULL;
	*n = 0;
	while (*p) {
		line = p;
		p += strcspn(p, "\n");
		len = (size_t)(p - line);
		if (*p)
			p++;
		if (len && line[len - 1] == '\r')
			len--;
		if (line_is(line, len, "BEGIN:", 1)) {
			depth++;
			if (line_is(line, len, "BEGIN:VCALENDAR", 0)) {
				cals_open++;
			} else if (++components > ICAL_FEED_MAX_COMPONENTS) {
				free(*out);
				*out = NULL;
				*n = 0;
				return fail(f, "more than %d components: a whole calendar, not holidays?",
					    ICAL_FEED_MAX_COMPONENTS);
			}
			if (!in_event && line_is(line, len, "BEGIN:VEVENT", 0)) {
				in_event = 1;
				c.at = (size_t)(line - text);
				c.override = 0;
			}
		} else if (line_is(line, len, "END:", 1)) {
			if (depth > 0 && --depth == 0)
				complete = 1;
			if (line_is(line, len, "END:VCALENDAR", 0) && cals_open > cals)
				cals++;
			if (in_event && line_is(line, len, "END:VEVENT", 0)) {
				in_event = 0;
				c.len = (size_t)(p - text) - c.at;
				if (*n == cap)
					*out = xrealloc(*out, (cap = cap * 2 + 64) * sizeof **out);
				(*out)[(*n)++] = c;
			}
		} else if (in_event && line_is(line, len, "RECURRENCE-ID", 1) &&
			   (len == 13 || line[13] == ':' || line[13] == ';')) {
			c.override = 1;
		}
	}
	if (cals_open > cals || (!*n && !cals && !complete)) {
		free(*out);
		*out = NULL;
		*n = 0;
		return fail(f, "not an iCalendar file: no complete VCALENDAR or VEVENT");
	}
	if (!*n && !cals)
		return fail(f, "not an iCalendar file: no VCALENDAR or VEVENT");
	return 0;
}

/* Chunk c parsed alone (the caller frees it), or NULL with a reason. */
static icalcomponent *parse_chunk(struct feed *f, char *text, const struct chunk *c)
{
	char *end = text + c->at + c->len, keep = *end;
	icalcomponent *ev;

	*end = '\0';
	ev = icalparser_parse_string(text + c->at);
	*end = keep;
	if (ev && icalcomponent_isa(ev) != ICAL_VEVENT_COMPONENT) {
		icalcomponent_free(ev);
		ev = NULL;
	}
	if (!ev) {
		icalerror_clear_errno();
		fail(f, "not an iCalendar file: an unreadable VEVENT");
	}
	return ev;
}

/* Note every override (RECURRENCE-ID with a UID) before any expansion. */
static int collect_overrides(struct feed *f, char *text, const struct chunk *c, size_t n)
{
	icalcomponent *ev;
	icalproperty *p;
	const char *uid;
	size_t i;
	int day, rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		if (!c[i].override)
			continue;
		if (!(ev = parse_chunk(f, text, &c[i])))
			return -1;
		p = icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY);
		uid = icalcomponent_get_uid(ev);
		if (p && uid) {
			if (day_of(icalproperty_get_recurrenceid(p), &day) < 0) {
				rc = fail(f, "event %s: invalid RECURRENCE-ID", event_name(ev));
			} else {
				f->ov = xrealloc(f->ov, (f->nov + 1) * sizeof *f->ov);
				f->ov[f->nov].uid = xstrdup(uid);
				f->ov[f->nov++].day = day;
			}
		}
		icalcomponent_free(ev);
	}
	return rc;
}

int ical_holidays_read(const char *path, int from, int to, int **dates, size_t *n,
		       char *errbuf, size_t errlen)
{
	struct feed f = {from, to, {NULL, 0, 0}, NULL, 0, errbuf, errlen};
	icalcomponent *ev;
	struct chunk *chunks = NULL;
	size_t nchunks = 0, i;
	char *text;
	int rc;

	*dates = NULL;
	*n = 0;
	if (errbuf && errlen)
		errbuf[0] = '\0';
	/* A malformed feed must be an error, never an abort() inside libical. */
	icalerror_set_errors_are_fatal(0);
	if (read_file(&f, path, &text) < 0)
		return -1;
	rc = scan_feed(&f, text, &chunks, &nchunks);
	if (rc == 0)
		rc = collect_overrides(&f, text, chunks, nchunks);
	for (i = 0; i < nchunks && rc == 0; i++) {
		if (!(ev = parse_chunk(&f, text, &chunks[i]))) {
			rc = -1;
			break;
		}
		rc = expand_event(&f, ev);
		icalcomponent_free(ev);
	}
	free(text);
	free(chunks);
	for (i = 0; i < f.nov; i++)
		free(f.ov[i].uid);
	free(f.ov);
	icalerror_clear_errno();
	if (rc < 0) {
		free(f.out.v);
		return -1;
	}
	/* Non-NULL even when empty, so the caller can always free it. */
	*dates = f.out.v ? f.out.v : xmalloc(sizeof **dates);
	*n = f.out.n;
	return 0;
}
