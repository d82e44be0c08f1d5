/*
 * ical.c - the libical side of icalmod.h, built alone as followup-ical.so
 * (the binary never links libical; module.c dlopen()s this on demand).
 * It exports one symbol, `followup_ical_api`: the holiday feed reader of
 * ical_feed.c, and here the export's calendar frame, its events and the
 * iMIP invitation of a mail, each serialised by libical.
 */
#include "ical_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libical/ical.h>

#include "followup/clock.h"
#include "followup/date.h"
#include "followup/util.h"

/* ---- export ---------------------------------------------------------- */

/* A copy of libical's serialisation, in our allocator. */
static char *serialise(icalcomponent *c)
{
	char *text = icalcomponent_as_ical_string_r(c);
	char *copy;

	if (!text)
		return NULL;
	copy = xstrdup(text);
	icalmemory_free_buffer(text);
	return copy;
}

static void set_err(char *errbuf, size_t errlen, const char *why)
{
	if (errlen)
		snprintf(errbuf, errlen, "%s", why);
}

static int calendar_frame(const struct ical_cal_info *cal, char **header, char **footer,
			  char *errbuf, size_t errlen)
{
	icalcomponent *vcal = icalcomponent_new_vcalendar();
	icalproperty *name;
	char *text, *end;

	icalcomponent_add_property(vcal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(vcal, icalproperty_new_prodid(cal->prodid));
	icalcomponent_add_property(vcal, icalproperty_new_calscale("GREGORIAN"));
	if (!cal->resource) {
		icalcomponent_add_property(vcal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
		name = icalproperty_new_x(cal->calname);
		icalproperty_set_x_name(name, "X-WR-CALNAME");
		icalcomponent_add_property(vcal, name);
	}
	text = serialise(vcal);
	icalcomponent_free(vcal);
	if (!text || !(end = strstr(text, "END:VCALENDAR"))) {
		free(text);
		set_err(errbuf, errlen, "libical could not serialise the calendar");
		return -1;
	}
	*footer = xstrdup(end);
	*end = '\0';
	*header = text;
	return 0;
}

static struct icaltimetype local_day(int day)
{
	struct icaltimetype t = icaltime_null_date();
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	t.year = y;
	t.month = m;
	t.day = d;
	t.is_date = 1;
	return t;
}

/* Local date and time of day as a UTC time (the process's TZ). */
static struct icaltimetype local_to_utc(int day, int minutes)
{
	return icaltime_from_timet_with_zone((time_t)clock_local_epoch(day, minutes * 60), 0,
					     icaltimezone_get_utc_timezone());
}

/*
 * An event is serialised as libical serialises a component: "BEGIN:VEVENT",
 * each property's own serialisation, each subcomponent, "END:VEVENT".  The
 * properties that are the same in every event of one export (DTSTAMP,
 * ORGANIZER, CATEGORIES, TRANSP, the alarm's ACTION and TRIGGER) and the
 * BEGIN/END lines are serialised by libical once, into `parts`; per event
 * libical serialises only the properties that change, and the pieces are
 * joined in component order.  Every byte is still libical's; building
 * and serialising whole components per event was 3/4 of an export's time.
 *
 * Of the properties that change, DTSTART/DTEND and SEQUENCE repeat across
 * events: an export has one start per day of its horizon (and per
 * appointment time), and SEQUENCE is often the same for thousands (the
 * configuration's or today's term of SPEC §4, a bulk import's stamps).
 * libical's text for each key is kept in a small fixed table (dates_memo,
 * seq_memo) and serialised only on a miss: that was three of the seven
 * libical calls per event.  The text libical writes for a key is a pure
 * function of it (a timed event is keyed by its UTC instant, so the
 * process's TZ is not part of it).
 * The properties serialised per event (UID, the SUMMARY, the DESCRIPTIONs)
 * are made once and given a new value each time, which spares libical's
 * property and value allocation and its kind lookups.
 */
enum { P_BEGIN, P_UID, P_SEQ, P_STAMP, P_DATES, P_SUMMARY, P_DESC, P_CONST,
       P_ALARM, P_ACTION, P_ALARM_DESC, P_TRIGGER, P_TAIL, NPARTS };

/* Reused per event: the parts whose text is different in every event. */
enum { V_UID, V_SUMMARY, V_DESC, V_ALARM_DESC, NVAR };
static const int var_part[NVAR] = {P_UID, P_SUMMARY, P_DESC, P_ALARM_DESC};

static struct {
	struct ical_cal_info cal;     /* what the constant parts were made for */
	char *org_name, *org_email;   /* copies of cal's strings */
	char *fixed[NPARTS];          /* constant parts (NULL: varies) */
	size_t fixed_len[NPARTS];
	char *trigger[2];             /* all-day, timed */
	size_t trigger_len[2];
} tpl;

/* The properties of var_part, each given a new value per event. */
static icalproperty *var_prop[NVAR];

/* libical's text for a key: DTSTART and DTEND of an all-day date or of a
 * timed instant (one table), or one SEQUENCE (another, so that looking up
 * an event's SEQUENCE never replaces its dates).  Open addressing over a
 * fixed table (MEMO_PROBE slots from the key's home); when all are taken,
 * the home slot's text is replaced, so a table never grows. */
enum { DATES_BITS = 13, SEQ_BITS = 10, MEMO_PROBE = 8 };
#define MEMO_TIMED (1ULL << 62)

struct memo_slot {
	unsigned long long key;       /* with used = 1 */
	char *text;                   /* libical's serialisation (malloc'd) */
	size_t len;
	int used;
};

struct memo {
	struct memo_slot *slot;       /* 1 << bits of them, allocated on first use */
	int bits;
};

static struct memo dates_memo = {NULL, DATES_BITS}, seq_memo = {NULL, SEQ_BITS};

/* The slot of key, *hit when it has the text; else an empty slot for it. */
static struct memo_slot *memo_find(struct memo *m, unsigned long long key, int *hit)
{
	size_t n = (size_t)1 << m->bits, home = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> (64 - m->bits)), i;
	struct memo_slot *s;

	if (!m->slot)
		m->slot = xcalloc(n, sizeof *m->slot);
	for (i = 0; i < MEMO_PROBE; i++) {
		s = &m->slot[(home + i) & (n - 1)];
		if (!s->used || s->key == key) {
			*hit = s->used;
			return s;
		}
	}
	s = &m->slot[home];
	free(s->text);
	memset(s, 0, sizeof *s);
	*hit = 0;
	return s;
}

/* Fill an empty slot of memo_find() with text (taken), or leave it empty. */
static const struct memo_slot *memo_fill(struct memo_slot *s, unsigned long long key, char *text)
{
	if (!text)
		return NULL;
	s->key = key;
	s->text = text;
	s->len = strlen(text);
	s->used = 1;
	return s;
}

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static void tpl_clear(void)
{
	size_t i;
	for (i = 0; i < NPARTS; i++)
		free(tpl.fixed[i]);
	free(tpl.trigger[0]);
	free(tpl.trigger[1]);
	free(tpl.org_name);
	free(tpl.org_email);
	memset(&tpl, 0, sizeof tpl);
}

/* libical's serialisation of one property (freed here), in our allocator. */
static char *prop_text(icalproperty *p)
{
	char *text = p ? icalproperty_as_ical_string_r(p) : NULL;
	char *copy = text ? xstrdup(text) : NULL;

	if (text)
		icalmemory_free_buffer(text);
	if (p)
		icalproperty_free(p);
	return copy;
}

static char *trigger_text(int seconds)
{
	struct icaltriggertype trigger;

	memset(&trigger, 0, sizeof trigger);
	trigger.time = icaltime_null_time();
	trigger.duration = icaldurationtype_from_int(seconds);
	return prop_text(icalproperty_new_trigger(trigger));
}

static size_t len_of(const char *s)
{
	return s ? strlen(s) : 0;
}

/* The constant parts for cal, made when cal differs from the last call's. */
static int tpl_make(const struct ical_cal_info *cal)
{
	icalcomponent *vev, *alarm;
	icalproperty *org;
	char mailto[512], *text, *valarm, *endalarm, *org_text, *cat, *transp;
	size_t i, n;

	if (!var_prop[0]) {
		var_prop[V_UID] = icalproperty_new_uid("");
		var_prop[V_SUMMARY] = icalproperty_new_summary("");
		var_prop[V_DESC] = icalproperty_new_description("");
		var_prop[V_ALARM_DESC] = icalproperty_new_description("");
		for (i = 0; i < NVAR; i++)
			if (!var_prop[i] || !icalproperty_get_value(var_prop[i]))
				return -1;
	}
	if (tpl.fixed[P_BEGIN] && tpl.cal.dtstamp == cal->dtstamp && tpl.cal.resource == cal->resource &&
	    tpl.cal.alarm_time == cal->alarm_time && tpl.cal.alarm_before == cal->alarm_before &&
	    same_str(tpl.org_name, cal->organizer_name) && same_str(tpl.org_email, cal->organizer_email))
		return 0;
	tpl_clear();
	tpl.cal = *cal;
	tpl.org_name = cal->organizer_name ? xstrdup(cal->organizer_name) : NULL;
	tpl.org_email = cal->organizer_email ? xstrdup(cal->organizer_email) : NULL;

	/* "BEGIN:VEVENT\r\n" "BEGIN:VALARM\r\n" "END:VALARM\r\nEND:VEVENT\r\n" */
	vev = icalcomponent_new_vevent();
	alarm = icalcomponent_new_valarm();
	icalcomponent_add_component(vev, alarm);
	text = serialise(vev);
	icalcomponent_free(vev);
	if (!text || !(valarm = strstr(text, "BEGIN:VALARM")) || !(endalarm = strstr(valarm, "END:VALARM"))) {
		free(text);
		return -1;
	}
	tpl.fixed[P_TAIL] = xstrdup(endalarm);
	*endalarm = '\0';
	tpl.fixed[P_ALARM] = xstrdup(valarm);
	*valarm = '\0';
	tpl.fixed[P_BEGIN] = text;

	tpl.fixed[P_STAMP] = prop_text(icalproperty_new_dtstamp(
		icaltime_from_timet_with_zone((time_t)cal->dtstamp, 0, icaltimezone_get_utc_timezone())));
	/* A resource is on the rep's own calendar, not group-scheduled
	 * (RFC 5545 §3.8.4.3): no ORGANIZER. */
	if (cal->resource) {
		org_text = xstrdup("");
	} else {
		snprintf(mailto, sizeof mailto, "mailto:%s", cal->organizer_email);
		org = icalproperty_new_organizer(mailto);
		if (org && cal->organizer_name)
			icalproperty_add_parameter(org, icalparameter_new_cn(cal->organizer_name));
		org_text = prop_text(org);
	}
	cat = prop_text(icalproperty_new_categories("followup"));
	transp = prop_text(icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
	if (org_text && cat && transp) {
		n = strlen(org_text) + strlen(cat) + strlen(transp) + 1;
		tpl.fixed[P_CONST] = xmalloc(n);
		snprintf(tpl.fixed[P_CONST], n, "%s%s%s", org_text, cat, transp);
	}
	free(org_text);
	free(cat);
	free(transp);
	tpl.fixed[P_ACTION] = prop_text(icalproperty_new_action(ICAL_ACTION_DISPLAY));
	/* All-day: the configured time on the day; timed: minutes before. */
	tpl.trigger[0] = trigger_text(cal->alarm_time * 60);
	tpl.trigger[1] = trigger_text(-cal->alarm_before * 60);
	if (!tpl.fixed[P_STAMP] || !tpl.fixed[P_CONST] || !tpl.fixed[P_ACTION] || !tpl.trigger[0] ||
	    !tpl.trigger[1]) {
		tpl_clear();
		return -1;
	}
	for (i = 0; i < NPARTS; i++)
		tpl.fixed_len[i] = len_of(tpl.fixed[i]);
	tpl.trigger_len[0] = strlen(tpl.trigger[0]);
	tpl.trigger_len[1] = strlen(tpl.trigger[1]);
	return 0;
}

/* DTSTART and DTEND of ev as libical serialises them, from the memo. */
static const struct memo_slot *dates_text(const struct ical_event *ev)
{
	struct icaltimetype start, end;
	unsigned long long key;
	struct memo_slot *s;
	char *a, *b, *text = NULL;
	long long at = 0;
	size_t na;
	int hit;

	if (ev->time < 0) {
		key = (unsigned)ev->date;
	} else {
		at = clock_local_epoch(ev->date, ev->time * 60);
		key = MEMO_TIMED | (unsigned long long)at;
	}
	s = memo_find(&dates_memo, key, &hit);
	if (hit)
		return s;
	if (ev->time < 0) {
		start = local_day(ev->date);
		end = local_day(ev->date + 1);
	} else {
		start = icaltime_from_timet_with_zone((time_t)at, 0, icaltimezone_get_utc_timezone());
		end = icaltime_add(start, icaldurationtype_from_int(30 * 60));
	}
	a = prop_text(icalproperty_new_dtstart(start));
	b = prop_text(icalproperty_new_dtend(end));
	if (a && b) {
		na = strlen(a);
		text = xmalloc(na + strlen(b) + 1);
		memcpy(text, a, na);
		strcpy(text + na, b);
	}
	free(a);
	free(b);
	return memo_fill(s, key, text);
}

static const struct memo_slot *sequence_text(long long sequence)
{
	unsigned long long key = (unsigned)(int)sequence;
	struct memo_slot *s;
	int hit;

	s = memo_find(&seq_memo, key, &hit);
	return hit ? s : memo_fill(s, key, prop_text(icalproperty_new_sequence((int)sequence)));
}

static char *event_serialise(const struct ical_cal_info *cal, const struct ical_event *ev,
			     char *errbuf, size_t errlen)
{
	const char *part[NPARTS], *value[NVAR];
	char *own[NVAR], *text = NULL, *w;
	const struct memo_slot *dates, *seq;
	size_t i, len[NPARTS], total = 1;
	int ok;

	if (tpl_make(cal) < 0) {
		set_err(errbuf, errlen, "libical could not serialise an event");
		return NULL;
	}
	for (i = 0; i < NPARTS; i++) {
		part[i] = tpl.fixed[i];
		len[i] = tpl.fixed_len[i];
	}
	part[P_TRIGGER] = tpl.trigger[ev->time >= 0];
	len[P_TRIGGER] = tpl.trigger_len[ev->time >= 0];
	dates = dates_text(ev);
	seq = sequence_text(ev->sequence);
	ok = dates && seq;
	if (ok) {
		part[P_DATES] = dates->text;
		len[P_DATES] = dates->len;
		part[P_SEQ] = seq->text;
		len[P_SEQ] = seq->len;
	}
	value[V_UID] = ev->uid;
	value[V_SUMMARY] = ev->summary;
	value[V_DESC] = ev->description;
	value[V_ALARM_DESC] = ev->summary;
	for (i = 0; i < NVAR; i++) {
		own[i] = NULL;
		if (ok && value[i]) {
			icalvalue_set_text(icalproperty_get_value(var_prop[i]), value[i]);
			own[i] = icalproperty_as_ical_string_r(var_prop[i]);
		}
		if (!own[i])
			ok = 0;
		part[var_part[i]] = own[i];
		len[var_part[i]] = own[i] ? strlen(own[i]) : 0;
	}
	for (i = 0; i < NPARTS; i++)
		total += len[i];
	if (ok) {
		text = xmalloc(total);
		for (i = 0, w = text; i < NPARTS; i++) {
			memcpy(w, part[i], len[i]);
			w += len[i];
		}
		*w = '\0';
	}
	for (i = 0; i < NVAR; i++)
		icalmemory_free_buffer(own[i]);
	if (!text)
		set_err(errbuf, errlen, "libical could not serialise an event");
	return text;
}

/* ---- invitations ------------------------------------------------------ */

static icalproperty *person(icalproperty *p, const char *name, int attendee)
{
	if (name && *name)
		icalproperty_add_parameter(p, icalparameter_new_cn(name));
	if (attendee) {
		icalproperty_add_parameter(p, icalparameter_new_role(ICAL_ROLE_REQPARTICIPANT));
		icalproperty_add_parameter(p, icalparameter_new_partstat(ICAL_PARTSTAT_NEEDSACTION));
		icalproperty_add_parameter(p, icalparameter_new_rsvp(ICAL_RSVP_TRUE));
	}
	return p;
}

static char *invite_serialise(const struct ical_invite *inv, char *errbuf, size_t errlen)
{
	icalcomponent *vcal = icalcomponent_new_vcalendar(), *ev = icalcomponent_new_vevent();
	struct icaltimetype start = local_to_utc(inv->date, inv->time);
	char org[600], att[600], *text;

	icalcomponent_add_property(vcal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(vcal, icalproperty_new_prodid(inv->prodid));
	icalcomponent_add_property(vcal, icalproperty_new_calscale("GREGORIAN"));
	icalcomponent_add_property(vcal, icalproperty_new_method(inv->cancel ? ICAL_METHOD_CANCEL
									     : ICAL_METHOD_REQUEST));
	snprintf(org, sizeof org, "mailto:%s", inv->organizer_email);
	snprintf(att, sizeof att, "mailto:%s", inv->attendee_email);
	icalcomponent_add_property(ev, icalproperty_new_uid(inv->uid));
	icalcomponent_add_property(ev, icalproperty_new_sequence((int)inv->sequence));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(icaltime_from_timet_with_zone(
		(time_t)inv->dtstamp, 0, icaltimezone_get_utc_timezone())));
	icalcomponent_add_property(ev, icalproperty_new_dtstart(start));
	icalcomponent_add_property(ev, icalproperty_new_dtend(
		icaltime_add(start, icaldurationtype_from_int(30 * 60))));
	icalcomponent_add_property(ev, icalproperty_new_summary(inv->summary));
	icalcomponent_add_property(ev, person(icalproperty_new_organizer(org), inv->organizer_name, 0));
	icalcomponent_add_property(ev, person(icalproperty_new_attendee(att), inv->attendee_name, 1));
	if (inv->cancel)
		icalcomponent_add_property(ev, icalproperty_new_status(ICAL_STATUS_CANCELLED));
	icalcomponent_add_component(vcal, ev);
	text = serialise(vcal);
	icalcomponent_free(vcal);
	if (!text)
		set_err(errbuf, errlen, "libical could not serialise the invitation");
	return text;
}

/* Declared here only: module.c finds it by name with dlsym(). */
extern const struct ical_api followup_ical_api;
const struct ical_api followup_ical_api = {ICAL_API_ABI, ical_holidays_read, calendar_frame,
					   event_serialise, invite_serialise};
