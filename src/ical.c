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
 * libical serialises only the seven properties that change, and the pieces
 * are joined in component order.  Every byte is still libical's; building
 * and serialising whole components per event was 3/4 of an export's time.
 */
enum { P_BEGIN, P_UID, P_SEQ, P_STAMP, P_START, P_END, P_SUMMARY, P_DESC, P_CONST,
       P_ALARM, P_ACTION, P_ALARM_DESC, P_TRIGGER, P_TAIL, NPARTS };

static struct {
	struct ical_cal_info cal;     /* what the constant parts were made for */
	char *org_name, *org_email;   /* copies of cal's strings */
	char *fixed[NPARTS];          /* constant parts (NULL: varies) */
	char *trigger[2];             /* all-day, timed */
} tpl;

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

/* The constant parts for cal, made when cal differs from the last call's. */
static int tpl_make(const struct ical_cal_info *cal)
{
	icalcomponent *vev, *alarm;
	icalproperty *org;
	char mailto[512], *text, *valarm, *endalarm, *org_text, *cat, *transp;
	size_t n;

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
	return 0;
}

static char *event_serialise(const struct ical_cal_info *cal, const struct ical_event *ev,
			     char *errbuf, size_t errlen)
{
	const char *part[NPARTS];
	char *own[NPARTS], *text, *w;
	struct icaltimetype start, end;
	size_t i, len[NPARTS], total = 1;
	int ok = 1;

	if (tpl_make(cal) < 0) {
		set_err(errbuf, errlen, "libical could not serialise an event");
		return NULL;
	}
	if (ev->time < 0) {
		start = local_day(ev->date);
		end = local_day(ev->date + 1);
	} else {
		start = local_to_utc(ev->date, ev->time);
		end = icaltime_add(start, icaldurationtype_from_int(30 * 60));
	}
	memset(own, 0, sizeof own);
	own[P_UID] = prop_text(icalproperty_new_uid(ev->uid));
	own[P_SEQ] = prop_text(icalproperty_new_sequence((int)ev->sequence));
	own[P_START] = prop_text(icalproperty_new_dtstart(start));
	own[P_END] = prop_text(icalproperty_new_dtend(end));
	own[P_SUMMARY] = prop_text(icalproperty_new_summary(ev->summary));
	own[P_DESC] = prop_text(icalproperty_new_description(ev->description));
	own[P_ALARM_DESC] = prop_text(icalproperty_new_description(ev->summary));
	for (i = 0; i < NPARTS; i++) {
		part[i] = i == P_TRIGGER ? tpl.trigger[ev->time >= 0] : tpl.fixed[i] ? tpl.fixed[i] : own[i];
		if (!part[i])
			ok = 0;
		total += len[i] = part[i] ? strlen(part[i]) : 0;
	}
	text = ok ? xmalloc(total) : NULL;
	for (i = 0, w = text; ok && i < NPARTS; i++) {
		memcpy(w, part[i], len[i]);
		w += len[i];
	}
	if (text)
		*w = '\0';
	for (i = 0; i < NPARTS; i++)
		free(own[i]);
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
