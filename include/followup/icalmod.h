/*
 * icalmod.h - the boundary to libical.
 *
 * Linking libical costs every process start several milliseconds (it pulls
 * in ICU and libstdc++), so the binary never links it.  src/ical.c is built
 * as a small shared object, followup-ical.so, linked against libical; the
 * binary dlopen()s it only when an export or a changed holiday feed needs
 * it.  The module exports one symbol, `followup_ical_api`, a struct
 * ical_api whose `abi` must equal ICAL_API_ABI.
 *
 * The module is looked for beside the executable (via /proc/self/exe, so
 * an uninstalled build tree works), then in FOLLOWUP_LIBDIR; the
 * environment variable FOLLOWUP_ICAL_MODULE overrides both (tests).
 */
#ifndef FOLLOWUP_ICALMOD_H
#define FOLLOWUP_ICALMOD_H

#include <stddef.h>

#define ICAL_API_ABI 4

/* What every exported event shares (SPEC §4). */
#define ICAL_FEED_MAX_BYTES (8L << 20)  /* a holiday feed: 8 MiB */
#define ICAL_FEED_MAX_COMPONENTS 20000

struct ical_cal_info {
	const char *prodid;          /* "-//followup//followup 0.1.0//EN" */
	const char *calname;         /* X-WR-CALNAME */
	const char *organizer_name;  /* ORGANIZER;CN=, may be NULL */
	const char *organizer_email; /* ORGANIZER:mailto: address */
	int resource;                /* a CalDAV calendar object resource (the
	                              * vdir's files, RFC 4791 §4.1): no METHOD,
	                              * no X-WR-CALNAME, no ORGANIZER */
	long long dtstamp;           /* the export time, seconds since the epoch */
	int alarm_time;              /* all-day alarm: minutes after midnight */
	int alarm_before;            /* timed alarm: minutes before the start */
};

/* One prospect's next follow-up as a VEVENT. */
struct ical_event {
	const char *uid;
	long long sequence;
	int date;                /* local day number (date.h) */
	int time;                /* local minutes after midnight, or TIME_NONE: all-day */
	const char *summary;
	const char *description;
};

/* An iMIP invitation (RFC 6047): one VEVENT under METHOD:REQUEST or
 * METHOD:CANCEL, for the reminder email (SPEC §10). */
struct ical_invite {
	int cancel;              /* 0: METHOD:REQUEST, 1: METHOD:CANCEL */
	const char *prodid;
	const char *uid;
	long long sequence;
	long long dtstamp;       /* seconds since the epoch */
	int date, time;          /* local day number and minutes (a timed appointment) */
	const char *summary;
	const char *organizer_name, *organizer_email; /* the rep */
	const char *attendee_name, *attendee_email;   /* the prospect */
};

struct ical_api {
	int abi; /* ICAL_API_ABI */
	/*
	 * holidays_read - the non-workdays of an .ics feed: every date covered
	 * by an all-day VEVENT (DTSTART;VALUE=DATE, DTEND exclusive, or one day
	 * when DTEND and DURATION are absent), recurring ones (RRULE, RDATE,
	 * EXDATE) expanded, limited to day numbers from..to inclusive (date.h).
	 * Timed events are ignored.  A feed over ICAL_FEED_MAX_BYTES or with
	 * more than ICAL_FEED_MAX_COMPONENTS components is refused before
	 * libical parses any of it, and events are parsed one at a time, so
	 * memory stays near the file's size.  On success returns 0 and *dates (malloc'd,
	 * the caller frees, unsorted, may repeat) with *n entries.  On failure
	 * (unreadable file, not iCalendar) returns -1 and writes a one-line
	 * reason, without the path, into errbuf (size errlen).
	 */
	int (*holidays_read)(const char *path, int from, int to, int **dates, size_t *n,
			     char *errbuf, size_t errlen);
	/*
	 * calendar_frame - the VCALENDAR (VERSION, PRODID, CALSCALE, and unless
	 * cal->resource METHOD:PUBLISH and X-WR-CALNAME) serialised by libical
	 * and cut in two around
	 * where its VEVENTs go: *header ends before END:VCALENDAR, *footer is
	 * that line.  Both malloc'd; the caller frees.  0, or -1 with errbuf.
	 */
	int (*calendar_frame)(const struct ical_cal_info *cal, char **header, char **footer,
			      char *errbuf, size_t errlen);
	/*
	 * event_serialise - one VEVENT (UID, SEQUENCE, DTSTAMP, DTSTART/DTEND,
	 * SUMMARY, DESCRIPTION, ORGANIZER unless cal->resource, CATEGORIES,
	 * VALARM) serialised by
	 * libical: escaping and line folding are libical's.  All-day events use
	 * VALUE=DATE with DTEND the next day; timed ones are UTC, 30 minutes.
	 * Returns a malloc'd string, or NULL with errbuf.
	 */
	char *(*event_serialise)(const struct ical_cal_info *cal, const struct ical_event *ev,
				 char *errbuf, size_t errlen);
	/*
	 * invite_serialise - the whole VCALENDAR of an invitation: METHOD,
	 * one VEVENT with UID, DTSTAMP, DTSTART and DTEND (30 minutes, UTC),
	 * SUMMARY, ORGANIZER, ATTENDEE with RSVP=TRUE, SEQUENCE, and for a
	 * cancel STATUS:CANCELLED; no VALARM.  Malloc'd, or NULL with errbuf.
	 */
	char *(*invite_serialise)(const struct ical_invite *inv, char *errbuf, size_t errlen);
};

/*
 * icalmod_load - the module's API, loading it on first use.  Returns NULL
 * with a runtime error recorded (err.h) when it cannot be found or loaded.
 * The pointer stays valid until exit.
 */
const struct ical_api *icalmod_load(void);

/* 1 when the module has been loaded by this process (tests). */
int icalmod_loaded(void);

#endif
