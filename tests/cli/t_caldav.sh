# t_caldav.sh - SPEC §4: the vdir that `followup export vdir` keeps goes
# through vdirsyncer to a real CalDAV server (Radicale) and comes back as
# written: one event per prospect due in the horizon, moved events updated
# in place (same UID, new DTSTART, a higher SEQUENCE), events of prospects
# no longer due deleted there, nothing uploaded by an unchanged export, and
# each object a calendar object resource (no METHOD, no ORGANIZER).  The
# server's objects are read back with curl (REPORT calendar-query) and
# parsed with Python's icalendar.  Recipes: shared/notes/SERVERS-FOR-TESTS.md.
#
# Each test that needs the server starts its own Radicale on 127.0.0.1 with
# a free port (another port when the chosen one was taken meanwhile), waits
# until it answers, and stops it by its PID when the test ends, failed or
# not (an EXIT trap of the test's shell; setpriv --pdeathsig as well, for a
# test shell killed outright).

# --- helpers ---------------------------------------------------------------

# caldav_code METHOD URL [DEPTH]: the HTTP status of a request, 000 when
# nothing answers.
caldav_code() {
	curl -s -o /dev/null -w '%{http_code}' --max-time 2 -u test:test -X "$1" \
		-H "Depth: ${3:-0}" "$2" 2>/dev/null || true
}

# caldav_start: Radicale on 127.0.0.1:$SERVE_PORT (its data in
# $T/radicale-data), answering, with the calendar $CALDAV_URL created;
# lib.sh's serve, so stopped by serve_stop (and when the test ends).
caldav_start() {
	local code
	command -v radicale >/dev/null || fail "radicale not installed (scripts/deps.sh)" || return 1
	command -v curl >/dev/null || fail "curl not installed" || return 1
	serve radicale caldav_launch caldav_ready || return 1
	CALDAV_URL=http://127.0.0.1:$SERVE_PORT/test/followup/
	code=$(caldav_code MKCALENDAR "$CALDAV_URL")
	[ "$code" = 201 ] || fail "MKCALENDAR $CALDAV_URL: HTTP $code: $(cat "$T/radicale.log")"
}

caldav_launch() {
	cat >"$T/radicale.conf" <<EOF
[server]
hosts = 127.0.0.1:$SERVE_PORT
[auth]
type = none
[rights]
type = owner_only
[storage]
filesystem_folder = $T/radicale-data
[web]
type = none
[logging]
level = warning
EOF
	mkdir -p "$T/radicale-home"
	exec env -i PATH="$PATH" HOME="$T/radicale-home" LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		"${SERVE_PDEATH[@]}" /usr/bin/python3 -m radicale -C "$T/radicale.conf"
}

caldav_ready() {
	[ "$(caldav_code PROPFIND "http://127.0.0.1:$SERVE_PORT/")" = 207 ]
}

# vds_setup VDIR: a throwaway vdirsyncer configuration pairing VDIR with
# the server's calendar, "a wins"; `discover` once.
vds_setup() {
	command -v vdirsyncer >/dev/null || fail "vdirsyncer not installed (scripts/deps.sh)" || return 1
	mkdir -p "$T/vds-home"
	cat >"$T/vdirsyncer.conf" <<EOF
[general]
status_path = "$T/vdirsyncer-status/"

[pair followup]
a = "followup_local"
b = "followup_remote"
collections = null
conflict_resolution = "a wins"

[storage followup_local]
type = "filesystem"
path = "$1"
fileext = ".ics"

[storage followup_remote]
type = "caldav"
url = "$CALDAV_URL"
username = "test"
password = "test"
EOF
	vds discover
}

# vds ARGS: vdirsyncer with a clean HOME in $T, its output (both streams)
# in $T/vds.out and appended to $T/vds.log; requires exit 0 and no error.
vds() {
	local rc
	env -i PATH="$PATH" HOME="$T/vds-home" XDG_CONFIG_HOME="$T/vds-home/.config" \
		XDG_DATA_HOME="$T/vds-home/.local/share" TMPDIR="$T" LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		vdirsyncer -c "$T/vdirsyncer.conf" "$@" </dev/null >"$T/vds.out" 2>&1 && rc=0 || rc=$?
	{ echo "== vdirsyncer $*: exit $rc"; cat "$T/vds.out"; } >>"$T/vds.log"
	[ "$rc" -eq 0 ] || fail "vdirsyncer $*: exit $rc: $(cat "$T/vds.out")" || return 1
	! grep -qi '^error' "$T/vds.out" || fail "vdirsyncer $*: $(cat "$T/vds.out")"
}

# vds_quiet: the last sync uploaded, updated and deleted nothing.
vds_quiet() {
	! grep -qiE 'copying|upload|updating|deleting' "$T/vds.out" ||
		fail "unchanged export, yet vdirsyncer did: $(cat "$T/vds.out")"
}

# The checker: snapshots of the server and assertions on them, in Python
# with icalendar (Debian's, hence /usr/bin/python3).
write_checker() {
	cat >"$T/caldav.py" <<'EOF'
import datetime, json, os, sys, glob
from zoneinfo import ZoneInfo
import due_events

NS = {"D": "DAV:", "C": "urn:ietf:params:xml:ns:caldav"}

def when(v):
    if isinstance(v, datetime.datetime):
        if v.tzinfo is None or v.utcoffset() is None:
            return "floating:" + v.isoformat()
        return v.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return v.isoformat()

def event_of(e):
    cats = e.get("CATEGORIES")
    if cats is not None and not isinstance(cats, list):
        cats = [cats]
    alarms = []
    for a in e.walk("VALARM"):
        trig = a.decoded("TRIGGER") if "TRIGGER" in a else None
        alarms.append({"action": str(a.get("ACTION", "")),
                       "trigger": trig.total_seconds() if isinstance(trig, datetime.timedelta) else str(trig),
                       "description": str(a.get("DESCRIPTION", ""))})
    return {"uid": str(e.get("UID", "")),
            "dtstart": when(e.decoded("DTSTART")) if "DTSTART" in e else None,
            "dtend": when(e.decoded("DTEND")) if "DTEND" in e else None,
            "summary": str(e.get("SUMMARY", "")),
            "description": str(e.get("DESCRIPTION", "")),
            "sequence": int(e.get("SEQUENCE", -1)),
            "categories": sorted(str(c) for cs in (cats or []) for c in cs.cats),
            "organizer": "ORGANIZER" in e,
            "alarms": alarms}

def parse_object(text):
    import icalendar
    cals = icalendar.Calendar.from_ical(text, multiple=True)
    o = {"ncal": len(cals), "method": any("METHOD" in c for c in cals),
         "organizer": False, "events": [], "others": []}
    for c in cals:
        for sub in c.subcomponents:
            if sub.name == "VEVENT":
                ev = event_of(sub)
                o["events"].append(ev)
                o["organizer"] = o["organizer"] or ev["organizer"]
            else:
                o["others"].append(sub.name)
    return o

def snap(report, out):
    """The REPORT answer (multistatus): every object, parsed."""
    import xml.etree.ElementTree as ET
    root = ET.parse(report).getroot()
    objs = []
    for r in root.findall("D:response", NS):
        href = r.findtext("D:href", namespaces=NS)
        for ps in r.findall("D:propstat", NS):
            if "200" not in (ps.findtext("D:status", namespaces=NS) or ""):
                continue
            data = ps.findtext("D:prop/C:calendar-data", namespaces=NS)
            if data is None:
                continue
            o = parse_object(data)
            o["href"] = href
            o["etag"] = ps.findtext("D:prop/D:getetag", namespaces=NS)
            objs.append(o)
    json.dump({"objects": objs}, open(out, "w"), ensure_ascii=False, indent=1)

def by_uid(s):
    return {e["uid"]: dict(e, href=o["href"], etag=o["etag"]) for o in s["objects"] for e in o["events"]}

def check(snapfile, duefile, t, today, tz, allday_trigger, timed_trigger, foreign):
    """Every followup object on the server against `due --days 60 --format
    json` (and show --format json of each): exactly one event per prospect
    due, where it should be, saying what it should."""
    s = json.load(open(snapfile))
    due = json.load(open(duefile, encoding="utf-8"))
    foreign = set(u for u in foreign.split(",") if u)
    bad = []
    uids = []
    for o in s["objects"]:
        if o["ncal"] != 1:
            bad.append("%s: %d VCALENDARs" % (o["href"], o["ncal"]))
        if len(o["events"]) != 1 or o["others"]:
            bad.append("%s: %d VEVENTs, other components %s" % (o["href"], len(o["events"]), o["others"]))
        uids += [e["uid"] for e in o["events"]]
        if any(e["uid"] in foreign for e in o["events"]):
            continue
        if o["method"]:
            bad.append("%s: a METHOD property (RFC 4791 4.1 forbids it in a calendar object resource)" % o["href"])
        if o["organizer"]:
            bad.append("%s: an ORGANIZER (not a scheduling object)" % o["href"])
    dup = sorted(set(u for u in uids if uids.count(u) > 1))
    if dup:
        bad.append("duplicate UIDs on the server: %s" % dup)
    evs = {u: e for u, e in by_uid(s).items() if u not in foreign}
    missing_foreign = foreign - set(by_uid(s))
    if missing_foreign:
        bad.append("other clients' events gone from the server: %s" % sorted(missing_foreign))
    want = due_events.check(evs, due, t, today, tz, allday_trigger, timed_trigger, when, ("dtstart", "dtend"), bad)
    # The ids, for the test's own questions (q).
    s["ids"] = {u: d["id"] for u, d in want.items() if u in evs}
    json.dump(s, open(snapfile, "w"), ensure_ascii=False, indent=1)
    if bad:
        print("\n".join(bad))
        sys.exit(1)

def q(t, expr, what=None, show=None):
    """EXPR on the snapshots of $T/snap-*.json: S[name] is {uid: event},
    E(name, id) prospect id's event there (None when absent).  With WHAT:
    exit 1 unless EXPR is true, printing WHAT and the value of SHOW."""
    S, I = {}, {}
    for f in glob.glob(t + "/snap-*.json"):
        n = os.path.basename(f)[5:-5]
        s = json.load(open(f))
        S[n] = by_uid(s)
        I[n] = s.get("ids", {})
    def E(n, i):
        m = [e for u, e in S[n].items() if I[n].get(u) == i]
        return m[0] if m else None
    def since2020(day, tz):
        """Local midnight of day in tz, in seconds since 2020-01-01T00:00Z."""
        t0 = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)
        return int((datetime.datetime.fromisoformat(day).replace(tzinfo=ZoneInfo(tz)) - t0).total_seconds())
    env = {"S": S, "E": E, "since2020": since2020}
    if what is not None:
        try:
            ok = eval(expr, env) is True
        except Exception as e:
            ok, what = False, "%s (%s: %s)" % (what, type(e).__name__, e)
        if not ok:
            print("%s: not true: %s" % (what, expr))
            if show:
                try:
                    print("      " + json.dumps(eval(show, env), ensure_ascii=False, default=str))
                except Exception as e:
                    print("      %s: %s: %s" % (show, type(e).__name__, e))
            sys.exit(1)
        return
    v = eval(expr, env)
    print("null" if v is None else (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict, bool)) else v))

if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "snap":
        snap(*sys.argv[2:])
    elif cmd == "check":
        check(*sys.argv[2:])
    elif cmd == "q":
        q(*sys.argv[2:])
EOF
}

# caldav_py ARGS: the checker, which imports tests/tools/due_events.py.
caldav_py() {
	PYTHONPATH=$TOOLS_DIR /usr/bin/python3 "$T/caldav.py" "$@"
}

# caldav_snap NAME: what the server holds now (REPORT calendar-query
# asking for every object's calendar-data and ETag) into $T/snap-NAME.json.
caldav_snap() {
	local code
	cat >"$T/query.xml" <<'EOF'
<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:getetag/><C:calendar-data/></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"/></C:filter>
</C:calendar-query>
EOF
	code=$(curl -s --max-time 30 -u test:test -X REPORT -H 'Depth: 1' \
		-H 'Content-Type: application/xml; charset=utf-8' --data-binary @"$T/query.xml" \
		-o "$T/report-$1.xml" -w '%{http_code}' "$CALDAV_URL") || true
	[ "$code" = 207 ] || fail "REPORT $CALDAV_URL: HTTP $code" || return 1
	caldav_py snap "$T/report-$1.xml" "$T/snap-$1.json" ||
		fail "cannot parse the server's answer: $(head -c 2000 "$T/report-$1.xml")"
}

# caldav_check NAME [ALLDAY_TRIGGER TIMED_TRIGGER]: snapshot NAME against
# `followup due --days 60` now (and show of each due prospect); the other
# clients' events in $FOREIGN_UIDS (comma-separated) are left out.
caldav_check() {
	due_and_shows 60 "$T/due-$1.json" || return 1
	caldav_py check "$T/snap-$1.json" "$T/due-$1.json" "$T" "$TODAY" \
		"${TZ_TEST:-UTC}" "${2:-32400}" "${3:--900}" "${FOREIGN_UIDS:-}" >"$T/check.out" 2>&1 ||
		fail "server after $1 (TODAY=$TODAY):
$(sed 's/^/      /' "$T/check.out")"
}

# q EXPR: a Python expression on the snapshots (see caldav.py's q).
q() {
	caldav_py q "$T" "$1"
}

# expect_q EXPR [WHAT [SHOW]]: EXPR is true, else WHAT and the value of
# the expression SHOW are printed.
expect_q() {
	caldav_py q "$T" "$1" "${2:-server}" "${3:-}" >"$T/q.out" 2>&1 ||
		fail "$(cat "$T/q.out")"
}

# vdir_followup_files DIR: the .ics files followup wrote into DIR (not the
# other clients' events vdirsyncer brought down, nor the manifest).
vdir_followup_files() {
	local f
	for f in "$1"/*.ics; do
		[ -e "$f" ] || continue
		grep -q '^CATEGORIES:followup' "$f" && echo "$f"
	done
	return 0
}

# vdir_no_method_organizer DIR: no followup file of DIR has a METHOD or
# an ORGANIZER line, or anything but one VCALENDAR with one VEVENT.
vdir_no_method_organizer() {
	local f n=0
	for f in $(vdir_followup_files "$1"); do
		n=$((n + 1))
		! grep -q '^METHOD' "$f" || fail "$f has $(grep '^METHOD' "$f" | tr -d '\r')" || return 1
		! grep -q '^ORGANIZER' "$f" || fail "$f has $(grep '^ORGANIZER' "$f" | tr -d '\r')" || return 1
		! grep -q '^X-WR-CALNAME' "$f" || fail "$f has X-WR-CALNAME" || return 1
		[ "$(grep -c '^BEGIN:VCALENDAR' "$f")" -eq 1 ] && [ "$(grep -c '^BEGIN:VEVENT' "$f")" -eq 1 ] ||
			fail "$f: not one VCALENDAR with one VEVENT" || return 1
		grep -q '^VERSION:2.0' "$f" && grep -q '^PRODID:' "$f" && grep -q '^CALSCALE:GREGORIAN' "$f" ||
			fail "$f lacks VERSION, PRODID or CALSCALE" || return 1
	done
	[ "$n" -gt 0 ] || fail "no followup file in $1: $(ls -a "$1")"
}

# An event another client put on the calendar (the rep's phone, say).
FOREIGN_UID=dentist-2026-11-04@phone.example
put_foreign_event() {
	local code
	printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 'PRODID:-//phone//cal//EN' BEGIN:VEVENT \
		"UID:$FOREIGN_UID" DTSTAMP:20261101T120000Z DTSTART:20261104T150000Z \
		DTEND:20261104T160000Z 'SUMMARY:Dentist' END:VEVENT END:VCALENDAR >"$T/foreign.ics"
	code=$(curl -s --max-time 10 -u test:test -X PUT -H 'Content-Type: text/calendar; charset=utf-8' \
		--data-binary @"$T/foreign.ics" -o /dev/null -w '%{http_code}' "${CALDAV_URL}dentist.ics") || true
	[ "$code" = 201 ] || fail "PUT of another client's event: HTTP $code"
}

# --- the scenario ------------------------------------------------------------

# TODAY Mon 2026-11-02 (EST since Nov 1: UTC-5), the default horizon of 60
# days.  Ids: 1 text that needs escaping (and a multi-line note), 2 an
# appointment at 14:30 local, 3 moved by a touch, 4 won, 5 edited, 6 beyond
# the horizon, 7 overdue (placed on today), 8 added later.
add_caldav_prospects() {
	add_cal_text_and_appointment || return 1
	fu_ok add 'Cy Mover' --company 'Movers' || return 1
	fu_ok add 'Di Winner' --company 'Win Inc' || return 1
	fu_ok add 'Ed Editor' --company 'Old Co' || return 1
	fu_ok add 'Far Future' || return 1
	fu_ok next 6 2027-03-01 || return 1
	fu_ok add 'Gus Late' --first-contact 2026-10-19 || return 1
}

test_caldav_vdirsyncer_radicale_round_trip() {
	local v=$T/vdir uid1 uid3 seq
	TZ_TEST=America/New_York
	TODAY=2026-11-02
	write_checker
	caldav_start
	FOREIGN_UIDS=$FOREIGN_UID
	put_foreign_event

	# 1. Seven prospects, six due within the horizon; the first sync also
	# brings the other client's event down into the vdir.
	add_caldav_prospects
	fu_ok export vdir "$v"
	expect_out "6 added, 0 changed, 0 unchanged, 0 removed"
	vdir_no_method_organizer "$v"
	vds_setup "$v"
	vds sync
	[ "$(grep -c 'Copying (uploading) item .* to followup_remote' "$T/vds.out")" -eq 6 ] || fail "first sync: $(cat "$T/vds.out")"
	grep -l "^UID:$FOREIGN_UID" "$v"/*.ics >/dev/null 2>&1 || fail "the other client's event not in the vdir: $(ls -a "$v")"
	caldav_snap 1
	caldav_check 1
	expect_q 'len(S["1"]) == 7' "6 events and the other client's"
	# The appointment: 14:30 in New York on 2026-11-18 (EST) is 19:30Z.
	expect_q 'E("1", 2)["dtstart"] == "2026-11-18T19:30:00Z" and E("1", 2)["dtend"] == "2026-11-18T20:00:00Z"' \
		"appointment instant" 'E("1", 2)'
	# The text as typed, through libical, vdirsyncer, Radicale's vobject.
	expect_q 'E("1", 1)["summary"] == "Follow up: Zoë \"Z\" Ruiz; Jr., \\ 東京 (Acme; Inc, \\ \"東京\") — step 1"' \
		"SUMMARY" 'E("1", 1)["summary"]'
	expect_q '"wants pricing; \"Q4\", then demo \\ maybe\nsecond line: Zoë in 東京, ok\n\nafter a blank line" in E("1", 1)["description"]' \
		"DESCRIPTION" 'E("1", 1)["description"]'
	expect_q 'E("1", 7)["dtstart"] == "2026-11-02"' "overdue one not on today" 'E("1", 7)'
	expect_q 'E("1", 6) is None' "beyond the horizon, yet on the server"

	# 2. The next day: a touch moves Cy, Ed's company changes, Di is won,
	# Fay is new, and Gus (overdue) moves to the new today.
	TODAY=2026-11-03
	fu_ok log 3 --channel call --outcome connected
	expect_out 2026-11-05
	fu_ok edit 5 --company 'New Co'
	fu_ok log 4 --channel call --outcome won --note 'signed'
	fu_ok add 'Fay New' --company 'Fresh' --email fay@fresh.example
	fu_ok export vdir "$v"
	expect_out "1 added, 3 changed, 2 unchanged, 1 removed"
	vdir_no_method_organizer "$v"
	grep -l "^UID:$FOREIGN_UID" "$v"/*.ics >/dev/null 2>&1 || fail "export removed the other client's event: $(ls -a "$v")"
	vds sync
	caldav_snap 2
	caldav_check 2
	expect_q 'len(S["2"]) == 7' "6 events and the other client's"
	# Moved in place: the same UID, the new date, a higher SEQUENCE.
	expect_q 'E("2", 3)["uid"] == E("1", 3)["uid"] and E("1", 3)["dtstart"] == "2026-11-03" and E("2", 3)["dtstart"] == "2026-11-05"' \
		"moved event (before, after)" '[E("1", 3), E("2", 3)]'
	expect_q 'E("2", 3)["href"] == E("1", 3)["href"]' "moved event has a new href"
	expect_q 'E("2", 3)["sequence"] > E("1", 3)["sequence"]' "moved event's SEQUENCE did not grow"
	expect_q 'E("2", 5)["uid"] == E("1", 5)["uid"] and "(New Co)" in E("2", 5)["summary"] and E("2", 5)["sequence"] > E("1", 5)["sequence"]' \
		"edited event" 'E("2", 5)'
	expect_q 'E("2", 4) is None and not [u for u in S["2"] if u == E("1", 4)["uid"]]' "won prospect's event still on the server"
	expect_q 'E("2", 8) is not None and E("2", 8)["dtstart"] == "2026-11-04"' "new prospect" 'E("2", 8)'
	expect_q 'E("2", 7)["dtstart"] == "2026-11-03" and E("2", 7)["sequence"] > E("1", 7)["sequence"]' \
		"overdue event on the new today (before, after)" '[E("1", 7), E("2", 7)]'
	# Unchanged events were not uploaded again.
	expect_q 'all(E("2", i)["etag"] == E("1", i)["etag"] for i in (1, 2))' "unchanged events re-uploaded"
	expect_q 'S["2"]["'"$FOREIGN_UID"'"]["etag"] == S["1"]["'"$FOREIGN_UID"'"]["etag"]' "the other client's event changed"
	# SEQUENCE = max(E, P, C) in seconds since 2020-01-01T00:00Z: the
	# touch's change stamp E is on 11-03 (from --today); the overdue event
	# placed on today is at least P, today's local midnight.
	expect_q 'E("2", 3)["sequence"] >= since2020("2026-11-03", "America/New_York")' \
		"touched event's SEQUENCE below local midnight of 11-03 (SEQUENCE, midnight)" \
		'[E("2", 3)["sequence"], since2020("2026-11-03", "America/New_York")]'
	expect_q 'E("2", 7)["sequence"] >= since2020("2026-11-03", "America/New_York")' \
		"overdue event's SEQUENCE below P (SEQUENCE, P)" \
		'[E("2", 7)["sequence"], since2020("2026-11-03", "America/New_York")]'

	# 3. The same export again: nothing to upload, the server unchanged.
	fu_ok export vdir "$v"
	expect_out "0 added, 0 changed, 6 unchanged, 0 removed"
	vds sync
	vds_quiet
	caldav_snap 3
	caldav_check 3
	expect_q 'sorted((u, e["etag"]) for u, e in S["3"].items()) == sorted((u, e["etag"]) for u, e in S["2"].items())' \
		"an unchanged export changed the server's objects"

	# 4. A [reminders] change on the next day: every event's alarm, and
	# SEQUENCE, changes (the appointment's and Cy's too, which neither the
	# day nor the prospect moved).
	TODAY=2026-11-04
	config "[reminders]" "time = 08:00" "before = 30"
	fu_ok export vdir "$v"
	expect_out "0 added, 6 changed, 0 unchanged, 0 removed"
	vds sync
	caldav_snap 4
	caldav_check 4 28800 -1800
	expect_q 'all(E("4", i)["sequence"] > E("3", i)["sequence"] for i in (1, 2, 3, 5, 7, 8))' \
		"a [reminders] change did not raise every SEQUENCE (id, before, after)" \
		'[(i, E("3", i)["sequence"], E("4", i)["sequence"]) for i in (1, 2, 3, 5, 7, 8)]'
	expect_q 'E("4", 2)["dtstart"] == "2026-11-18T19:30:00Z"' "appointment moved" 'E("4", 2)'

	# 5. A touch of the overdue prospect (placed on today, SEQUENCE at least
	# P) raises its SEQUENCE above that and moves the event.
	seq=$(q 'E("4", 7)["sequence"]')
	fu_ok log 7 --channel email --outcome replied --note $'re: "pricing", ok; call back\nnext week'
	fu_ok export vdir "$v"
	expect_out "0 added, 1 changed, 5 unchanged, 0 removed"
	vds sync
	caldav_snap 5
	caldav_check 5 28800 -1800
	expect_q 'E("5", 7)["sequence"] > '"$seq"' and E("5", 7)["dtstart"] > "2026-11-04"' \
		"touched overdue event (SEQUENCE before $seq)" 'E("5", 7)'
	expect_q 'len(S["5"]) == 7 and len(set(e["uid"] for e in S["5"].values())) == 7' "events on the server" 'sorted(S["5"])'

	serve_stop
	kill -0 "$(cat "$T/radicale.pid")" 2>/dev/null && fail "radicale still runs after serve_stop"
	return 0
}

# An older version's vdir (files named followup-<database>-<id>.ics with
# METHOD, X-WR-CALNAME and ORGANIZER, no manifest) already on the server:
# the new export adopts its files, rewrites them as calendar object
# resources, removes the won prospect's, and leaves the rest of the
# directory alone; after a sync the server holds the same.
test_caldav_older_vdir_is_adopted_and_cleaned_on_the_server() {
	local v=$T/vdir f sums
	TODAY=2026-11-02
	write_checker
	fu_ok add 'Ana Ruiz' --company 'Acme'
	fu_ok add 'Bo Won'
	fu_ok add 'Cy Stays' --phone 555-0103
	fu_ok export vdir "$v"
	expect_out "3 added, 0 changed, 0 unchanged, 0 removed"
	# As the previous version wrote them.
	for f in "$v"/followup-*.ics; do
		/usr/bin/python3 - "$f" <<'EOF' || fail "cannot rewrite $f"
import sys
p = sys.argv[1]
ls = open(p, "rb").read().decode().split("\r\n")
has = lambda n: any(l.startswith(n) for l in ls)
out = []
for l in ls:
    out.append(l)
    if l == "CALSCALE:GREGORIAN" and not has("METHOD:"):
        out += ["METHOD:PUBLISH", "X-WR-CALNAME:followup"]
    if l.startswith("DTSTAMP:") and not has("ORGANIZER"):
        out.append("ORGANIZER;CN=Ana Ruiz:mailto:ana@example.com")
open(p, "wb").write("\r\n".join(out).encode())
EOF
	done
	rm -f "$v"/.followup-*
	[ "$(ls -A "$v" | wc -l)" -eq 3 ] || fail "vdir: $(ls -A "$v")"
	echo "my notes" >"$v/notes.txt"
	printf '%s\r\n' BEGIN:VCALENDAR VERSION:2.0 'PRODID:-//other//cal//EN' BEGIN:VEVENT \
		UID:other-event@other.example DTSTAMP:20261101T120000Z 'DTSTART;VALUE=DATE:20261105' \
		'SUMMARY:Team lunch' END:VEVENT END:VCALENDAR >"$v/other-event@other.example.ics"
	FOREIGN_UIDS=other-event@other.example
	caldav_start
	vds_setup "$v"
	vds sync
	caldav_snap old
	expect_q 'len(S["old"]) == 4' "server after the old vdir's sync" 'sorted(S["old"])'
	grep -q '^METHOD:PUBLISH' "$T/report-old.xml" || fail "the old files' METHOD is not on the server"
	sums=$(cd "$v" && sha256sum notes.txt other-event@other.example.ics)
	# The new version: adopted, rewritten, one removed.
	fu_ok edit 2 --status won
	fu_ok export vdir "$v"
	expect_out "0 added, 2 changed, 0 unchanged, 1 removed"
	for f in "$v"/followup-*-2.ics; do
		[ ! -e "$f" ] || fail "won prospect's file kept: $f"
	done
	[ "$(cd "$v" && sha256sum notes.txt other-event@other.example.ics)" = "$sums" ] ||
		fail "export touched files it did not write"
	[ "$(cd "$v" && ls -A | grep -c '^\.followup-')" -eq 1 ] || fail "no manifest after adoption: $(ls -A "$v")"
	vdir_no_method_organizer "$v"
	vds sync
	caldav_snap new
	caldav_check new
	expect_q 'len(S["new"]) == 3 and "other-event@other.example" in S["new"]' "server after the upgrade" 'sorted(S["new"])'
	expect_q 'E("new", 2) is None' "won prospect's event still on the server"
	# A second export: all in step, nothing to upload.
	fu_ok export vdir "$v"
	expect_out "0 added, 0 changed, 2 unchanged, 0 removed"
	vds sync
	vds_quiet
	serve_stop
}

# Without a server: the vdir files are calendar object resources (no
# METHOD, no ORGANIZER, no X-WR-CALNAME), the single file keeps them all.
test_caldav_vdir_files_have_no_method_or_organizer_ics_has_both() {
	TODAY=2026-11-02
	config "[rep]" "name = Ana Ruiz" "email = ana@example.com"
	fu_ok add 'Zoë' --company 'Acme'
	fu_ok add 'Bo'
	fu_ok next 2 2026-11-18 14:30
	fu_ok export vdir "$T/vdir"
	expect_out "2 added, 0 changed, 0 unchanged, 0 removed"
	vdir_no_method_organizer "$T/vdir"
	[ "$(vdir_followup_files "$T/vdir" | wc -l)" -eq 2 ] || fail "files: $(ls -a "$T/vdir")"
	fu_ok export ics "$T/all.ics"
	grep -qx $'METHOD:PUBLISH\r' "$T/all.ics" || fail "export ics without METHOD:PUBLISH"
	grep -q '^X-WR-CALNAME' "$T/all.ics" || fail "export ics without X-WR-CALNAME"
	[ "$(grep -c '^ORGANIZER.*mailto:ana@example.com' "$T/all.ics")" -eq 2 ] ||
		fail "export ics: not one ORGANIZER per event: $(grep '^ORGANIZER' "$T/all.ics")"
	# The manifest: one hidden .followup-* file, which is no .ics (vdirsyncer
	# would upload it).
	local m
	m=$(cd "$T/vdir" && ls -A | grep '^\.followup-' || true)
	[ -n "$m" ] && [ "$(echo "$m" | wc -l)" -eq 1 ] || fail "no single manifest (.followup-*) in the vdir: $(ls -A "$T/vdir")"
	case $m in *.ics) fail "the manifest $m ends in .ics: vdirsyncer would upload it" ;; esac
}
