"""due_events.py - the calendar events that an export of followup must
hold, one per prospect due in the horizon, against the events a reader
found: t_caldav.sh's checker (the CalDAV server's objects read with python
icalendar) and t_icaljs.sh's (the export read by ical.js) both call check().
"""
import datetime
import json
import re
from zoneinfo import ZoneInfo


def check(evs, due, t, today, tz, allday_trigger, timed_trigger, when, start_end, bad):
    """Exactly one event of evs per prospect of due, saying what it should.

    evs: {uid: event} as the reader found them (each with "summary",
    "description", the start and end under the keys start_end names,
    "categories", "sequence" and "alarms", a list of {"action", "trigger"
    (seconds), "description"}); due: `followup due --format json`; t: the
    directory with `show ID --format json` of each in show-ID.json; today
    (YYYY-MM-DD) and tz: the run's; the triggers in seconds; when(x): the
    reader's form of a start or an end, x a date (all-day) or an aware UTC
    datetime (timed).  What differs is appended to bad.  Returns {uid: due
    prospect}: the UID each due prospect's event has, or should have.
    """
    # UID of each due prospect: its "uid" in the JSON, else the UID ending
    # in "-<id>" (followup-<database>-<id>).
    want = {}
    for d in due:
        if d.get("uid"):
            want[d["uid"]] = d
        else:
            m = [u for u in evs if u.endswith("-%d" % d["id"])]
            want[m[0] if len(m) == 1 else "(no event for prospect %d: %s)" % (d["id"], m)] = d
    if sorted(evs) != sorted(want):
        bad.append("events %s, expected one per due prospect %s" % (sorted(evs), sorted(want)))
    zone = ZoneInfo(tz)
    today = datetime.date.fromisoformat(today)
    for u, d in want.items():
        e = evs.get(u)
        if not e:
            continue
        sh = json.load(open("%s/show-%d.json" % (t, d["id"]), encoding="utf-8"))
        what = "— appointment" if d["due_time"] else "— step %d" % d["step"] if d["step"] else "— next date"
        summary = "Follow up: " + d["name"] + (" (%s)" % d["company"] if d["company"] else "") + " " + what
        summary = re.sub(r"[\x00-\x1f\x7f\x80-\x9f]", " ", summary)
        if e["summary"] != summary:
            bad.append("prospect %d SUMMARY %r, expected %r" % (d["id"], e["summary"], summary))
        desc = e["description"] or ""
        for k in ("phone", "email", "title"):
            if d[k] and d[k] not in desc:
                bad.append("prospect %d DESCRIPTION lacks its %s %r: %r" % (d["id"], k, d[k], e["description"]))
        if sh["touches"] and sh["touches"][-1]["note"] and sh["touches"][-1]["note"] not in desc:
            bad.append("prospect %d DESCRIPTION lacks the last note %r: %r" % (d["id"], sh["touches"][-1]["note"], e["description"]))
        if d["due_time"]:
            local = datetime.datetime.fromisoformat(d["due"] + "T" + d["due_time"]).replace(tzinfo=zone)
            s = local.astimezone(datetime.timezone.utc)
            start, end = when(s), when(s + datetime.timedelta(minutes=30))
            trig = float(timed_trigger)
        else:
            # Overdue ones are placed on today.
            day = max(datetime.date.fromisoformat(d["due"]), today)
            start, end = when(day), when(day + datetime.timedelta(days=1))
            trig = float(allday_trigger)
        got = (e[start_end[0]], e[start_end[1]])
        if got != (start, end):
            bad.append("prospect %d %s/%s %s/%s, expected %s/%s" % ((d["id"],) + start_end + got + (start, end)))
        if e["categories"] != ["followup"]:
            bad.append("prospect %d CATEGORIES %s" % (d["id"], e["categories"]))
        if not isinstance(e["sequence"], int) or e["sequence"] < 0:
            bad.append("prospect %d SEQUENCE %r" % (d["id"], e["sequence"]))
        a = e["alarms"]
        if len(a) != 1 or a[0]["action"] != "DISPLAY" or a[0]["trigger"] != trig or not a[0]["description"]:
            bad.append("prospect %d VALARMs %s, expected one DISPLAY with a DESCRIPTION at %s s" % (d["id"], a, trig))
    return want
