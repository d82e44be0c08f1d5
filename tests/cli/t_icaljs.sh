# t_icaljs.sh - SPEC §4: Thunderbird's parser, ical.js (npm `ical.js` 2,
# run with node), reads every export: the `export ics` file and each file of
# `export vdir`.  Their UIDs, dates, SUMMARY, DESCRIPTION and VALARM are
# compared with `followup due --days 60 --format json` and `show`, and the
# timed appointments' instants with ical.js's own toJSDate() under
# TZ=America/New_York.  TODAY is Mon 2026-11-02 (EST: UTC-5).
#
# ical.js is installed once per build directory, beside the binary
# ($(dirname $FU)/node), by the first test that needs it (npm install,
# under a lock: tests run in parallel), and reused after that.

# --- helpers ---------------------------------------------------------------

ICALJS_DIR=$(dirname "${FU:-.}")/node
ICALJS_MOD=$ICALJS_DIR/node_modules/ical.js/dist/ical.js

# icaljs_install: ical.js@2 in $ICALJS_DIR, installed unless it is there.
# One install at a time (flock on $ICALJS_DIR.lock; whoever waited finds it
# done), into a temporary prefix renamed into place once complete, so a
# killed install never looks like a finished one.
icaljs_install() {
	local fd tmp rc
	[ -f "$ICALJS_DIR/.installed" ] && [ -f "$ICALJS_MOD" ] && return 0
	command -v node >/dev/null || fail "node not installed (scripts/deps.sh: nodejs)" || return 1
	command -v npm >/dev/null || fail "npm not installed (scripts/deps.sh: npm)" || return 1
	exec {fd}>>"$ICALJS_DIR.lock" || fail "cannot open $ICALJS_DIR.lock" || return 1
	if ! flock -w 600 "$fd"; then
		exec {fd}>&-
		fail "waited 600 s for another ical.js install ($ICALJS_DIR.lock)"
		return 1
	fi
	rc=0
	if ! [ -f "$ICALJS_DIR/.installed" ] || ! [ -f "$ICALJS_MOD" ]; then
		tmp=$ICALJS_DIR.tmp.$$
		rm -rf "$tmp" && mkdir -p "$tmp"
		# The user's own npm configuration (registry, cache): npm as it is.
		if npm install --prefix "$tmp" --no-audit --no-fund --no-update-notifier \
			--loglevel=error ical.js@2 </dev/null >"$T/npm.log" 2>&1 &&
			[ -f "$tmp/node_modules/ical.js/dist/ical.js" ]; then
			touch "$tmp/.installed"
			rm -rf "$ICALJS_DIR"
			mv "$tmp" "$ICALJS_DIR" || rc=1
		else
			rc=1
		fi
		rm -rf "$tmp"
	fi
	exec {fd}>&-
	[ "$rc" -eq 0 ] || fail "npm install ical.js@2 into $ICALJS_DIR failed: $(tail -20 "$T/npm.log" 2>/dev/null)"
}

# icaljs FILE...: every VCALENDAR of each FILE as ical.js reads it, as JSON
# in $T/icaljs.json, node running under TZ=America/New_York.
icaljs() {
	icaljs_install || return 1
	cat >"$T/icaljs.mjs" <<'EOF'
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [mod, ...files] = process.argv.slice(2);
const ICAL = (await import(pathToFileURL(mod).href)).default;
// A time as ical.js understands it: a date as YYYY-MM-DD, a date-time as
// the instant of its toJSDate() (what Thunderbird shows), with its zone.
const when = (t) => t === null ? null : t.isDate
	? { date: t.toString() }
	: { instant: t.toJSDate().toISOString(), zone: t.zone ? t.zone.tzid : null };
const out = [];
for (const file of files) {
	let jcal = ICAL.parse(readFileSync(file, "utf8"));
	// Several VCALENDARs in one file come back as an array of them.
	if (typeof jcal[0] !== "string") {
		out.push({ file, ncal: jcal.length });
		continue;
	}
	const cal = new ICAL.Component(jcal);
	const p = (c, n) => c.getFirstPropertyValue(n);
	const c = {
		file, ncal: 1, name: cal.name,
		version: p(cal, "version"), prodid: p(cal, "prodid"), calscale: p(cal, "calscale"),
		method: p(cal, "method"), calname: p(cal, "x-wr-calname"),
		others: cal.getAllSubcomponents().map((s) => s.name).filter((n) => n !== "vevent"),
		events: [],
	};
	for (const ve of cal.getAllSubcomponents("vevent")) {
		const ev = new ICAL.Event(ve);
		c.events.push({
			uid: ev.uid, summary: ev.summary, description: ev.description,
			sequence: ev.sequence, start: when(ev.startDate), end: when(ev.endDate),
			js_start: ev.startDate.toJSDate().toISOString(),
			duration_s: ev.duration.toSeconds(),
			organizer: p(ve, "organizer"),
			dtstamp: p(ve, "dtstamp") ? p(ve, "dtstamp").toString() : null,
			categories: ve.getAllProperties("categories").flatMap((q) => q.getValues()),
			alarms: ve.getAllSubcomponents("valarm").map((a) => ({
				action: p(a, "action"), description: p(a, "description"),
				trigger: p(a, "trigger") && p(a, "trigger").toSeconds ? p(a, "trigger").toSeconds() : String(p(a, "trigger")),
			})),
		});
	}
	out.push(c);
}
console.log(JSON.stringify(out));
EOF
	env -i PATH="$PATH" HOME="$T/home" TZ=America/New_York LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		node "$T/icaljs.mjs" "$ICALJS_MOD" "$@" </dev/null >"$T/icaljs.json" 2>"$T/icaljs.err" ||
		fail "ical.js cannot read $*: $(cat "$T/icaljs.err")"
}

# icaljs_check KIND TRIG_ALLDAY TRIG_TIMED [ORGANIZER]: $T/icaljs.json
# (KIND ics: one file; vdir: one file per event) against $T/due.json (due
# --days 60 --format json) and $T/show-ID.json; prints what differs.
icaljs_check() {
	PYTHONPATH=$TOOLS_DIR /usr/bin/python3 - "$T" "$TODAY" "${TZ_TEST:-UTC}" "$@" <<'EOF' || fail "ical.js read of the $1 export:
$(sed 's/^/      /' "$T/icaljs.check")"
import datetime, json, os, sys
import due_events
t, today, tz, kind, trig_allday, trig_timed = sys.argv[1:7]
organizer = sys.argv[7] if len(sys.argv) > 7 else None
cals = json.load(open(t + "/icaljs.json", encoding="utf-8"))
due = json.load(open(t + "/due.json", encoding="utf-8"))
bad = []
events = []
for c in cals:
    if c["ncal"] != 1:
        bad.append("%s: %d VCALENDARs" % (c["file"], c["ncal"]))
        continue
    if c["version"] != "2.0" or not c["prodid"] or c["calscale"] != "GREGORIAN":
        bad.append("%s: VERSION %r PRODID %r CALSCALE %r" % (c["file"], c["version"], c["prodid"], c["calscale"]))
    if c["others"]:
        bad.append("%s: components other than VEVENT: %s" % (c["file"], c["others"]))
    if kind == "ics":
        if c["method"] != "PUBLISH" or not c["calname"]:
            bad.append("%s: METHOD %r, X-WR-CALNAME %r (PUBLISH and a name expected)" % (c["file"], c["method"], c["calname"]))
    else:
        if c["method"] is not None or c["calname"] is not None:
            bad.append("%s: METHOD %r, X-WR-CALNAME %r in a vdir file (a calendar object resource has no METHOD)" % (c["file"], c["method"], c["calname"]))
        if len(c["events"]) != 1:
            bad.append("%s: %d VEVENTs" % (c["file"], len(c["events"])))
        elif os.path.basename(c["file"]) != c["events"][0]["uid"] + ".ics":
            bad.append("%s: holds UID %s" % (c["file"], c["events"][0]["uid"]))
    for e in c["events"]:
        e["file"] = c["file"]
        events.append(e)
        if kind == "ics" and e["organizer"] != organizer:
            bad.append("%s: ORGANIZER %r, expected %r" % (e["uid"], e["organizer"], organizer))
        if kind == "vdir" and e["organizer"] is not None:
            bad.append("%s: ORGANIZER %r in a vdir file" % (e["uid"], e["organizer"]))
uids = [e["uid"] for e in events]
if len(set(uids)) != len(uids):
    bad.append("duplicate UIDs: %s" % sorted(uids))
byuid = {e["uid"]: e for e in events}
when = lambda x: ({"instant": x.strftime("%Y-%m-%dT%H:%M:%S.000Z"), "zone": "UTC"}
                  if isinstance(x, datetime.datetime) else {"date": x.isoformat()})
want = due_events.check(byuid, due, t, today, tz, trig_allday, trig_timed, when, ("start", "end"), bad)
for u, d in want.items():
    if u in byuid and not byuid[u]["dtstamp"]:
        bad.append("prospect %d without DTSTAMP" % d["id"])
open(t + "/icaljs.check", "w").write("\n".join(bad) + "\n")
sys.exit(1 if bad else 0)
EOF
}

# ijs EXPR: a Python expression on the ical.js JSON (`d`, a list of
# calendars), with ev(id) the one event whose UID ends in "-<id>".
ijs() {
	/usr/bin/python3 -c 'import json,sys
d=json.load(open(sys.argv[1], encoding="utf-8"))
def ev(i):
    m=[e for c in d for e in c.get("events", []) if e["uid"].endswith("-%d" % i)]
    assert len(m) == 1, "events of prospect %d: %d" % (i, len(m))
    return m[0]
v=eval(sys.argv[2])
print("null" if v is None else (json.dumps(v, ensure_ascii=False) if isinstance(v,(list,tuple,dict,bool)) else v))' "$T/icaljs.json" "$1"
}

expect_ijs() { # expect_ijs PYEXPR VALUE
	local got
	got=$(ijs "$1") || return 1
	[ "$got" = "$2" ] || fail "ical.js $1: expected [$2], got [$got]"
}

# Ids: 1 text that needs escaping, UTF-8 and a multi-line note, 2 a winter
# appointment at 14:30 local, 3 overdue (placed on today), 4 no company,
# emoji and a long note (folded among multibyte characters), 5 beyond the
# horizon (a summer appointment), 6 won (no event), 7 an explicit all-day
# date across a month end.
add_icaljs_prospects() {
	add_cal_text_and_appointment || return 1
	fu_ok add 'Cy Overdue' --company 'Late Ltd' --first-contact 2026-10-19 || return 1
	fu_ok add 'Dee 😀 王小明' --email 'dee@example.cn' || return 1
	fu_ok log 4 --channel email --outcome replied \
		--note "$(printf '需要报价，下周再联系；谢谢！😀 a,b;c\\d"e %.0s' 1 2 3 4 5 6)" || return 1
	fu_ok add 'Eve Summer' || return 1
	fu_ok next 5 2027-07-01 14:30 || return 1
	fu_ok add 'Fin Won' || return 1
	fu_ok edit 6 --status won || return 1
	fu_ok add 'Gil Monthend' || return 1
	fu_ok next 7 2026-11-30 || return 1
}

# --- tests -------------------------------------------------------------------

test_icaljs_reads_export_ics_and_every_vdir_file() {
	TZ_TEST=America/New_York
	TODAY=2026-11-02
	config "[rep]" "name = Ana Ruiz" "email = ana@example.com"
	add_icaljs_prospects
	due_and_shows 60 "$T/due.json"
	# The single file.
	fu_ok export ics "$T/out.ics"
	expect_out "exported 5 events to $T/out.ics"
	icaljs "$T/out.ics"
	icaljs_check ics 32400 -900 mailto:ana@example.com
	cp "$T/icaljs.json" "$T/icaljs-ics.json"
	# What Thunderbird shows: 14:30 in New York on 2026-11-18 (EST) is 19:30Z.
	expect_ijs 'ev(2)["js_start"]' 2026-11-18T19:30:00.000Z
	expect_ijs 'ev(2)["duration_s"]' 1800
	expect_ijs 'ev(1)["summary"]' 'Follow up: Zoë "Z" Ruiz; Jr., \ 東京 (Acme; Inc, \ "東京") — step 1'
	expect_ijs '"wants pricing; \"Q4\", then demo \\ maybe\nsecond line: Zoë in 東京, ok\n\nafter a blank line" in ev(1)["description"]' true
	expect_ijs 'ev(3)["start"]' '{"date": "2026-11-02"}'
	expect_ijs 'ev(7)["start"], ev(7)["end"]' '[{"date": "2026-11-30"}, {"date": "2026-12-01"}]'
	# The vdir: one file per event, each read alone.
	fu_ok export vdir "$T/vdir"
	expect_out "5 added, 0 changed, 0 unchanged, 0 removed"
	[ "$(ls "$T/vdir" | wc -l)" -eq 5 ] || fail "vdir: $(ls -A "$T/vdir")"
	icaljs "$T/vdir"/*.ics
	icaljs_check vdir 32400 -900
	expect_ijs 'ev(2)["js_start"]' 2026-11-18T19:30:00.000Z
	# Each vdir event says what the single file's says (its ORGANIZER aside).
	/usr/bin/python3 - "$T/icaljs-ics.json" "$T/icaljs.json" <<'EOF' || fail "vdir events differ from the export ics events"
import json, sys
def events(f):
    return {e["uid"]: {k: v for k, v in e.items() if k not in ("organizer", "dtstamp", "file")}
            for c in json.load(open(f, encoding="utf-8")) for e in c["events"]}
a, b = events(sys.argv[1]), events(sys.argv[2])
for u in sorted(set(a) | set(b)):
    if a.get(u) != b.get(u):
        print("    %s: ics %s\n      vdir %s" % (u, a.get(u), b.get(u)))
        sys.exit(1)
EOF
}

test_icaljs_reads_appointments_across_dst_and_reminder_config() {
	TZ_TEST=America/New_York
	TODAY=2026-11-02
	config "[reminders]" "time = 07:45" "before = 40"
	add_icaljs_prospects
	# The summer appointment (EDT, UTC-4) is within 250 days.
	fu_ok export ics "$T/out.ics" --days 250
	expect_out "exported 6 events to $T/out.ics"
	icaljs "$T/out.ics"
	expect_ijs 'ev(5)["js_start"], ev(5)["end"]' '["2027-07-01T18:30:00.000Z", {"instant": "2027-07-01T19:00:00.000Z", "zone": "UTC"}]'
	expect_ijs 'ev(2)["js_start"]' 2026-11-18T19:30:00.000Z
	expect_ijs '[a["trigger"] for a in ev(5)["alarms"]] + [a["trigger"] for a in ev(1)["alarms"]]' '[-2400, 27900]'
	fu_ok export vdir "$T/vdir" --days 250
	expect_out "6 added, 0 changed, 0 unchanged, 0 removed"
	icaljs "$T/vdir"/*.ics
	due_and_shows 250 "$T/due.json"
	icaljs_check vdir 27900 -2400
	expect_ijs 'ev(5)["js_start"]' 2027-07-01T18:30:00.000Z
	# The next day the overdue one is on the new today, with a higher
	# SEQUENCE in its rewritten file (SPEC §4).
	local seq
	seq=$(ijs 'ev(3)["sequence"]')
	TODAY=2026-11-03
	fu_ok export vdir "$T/vdir" --days 250
	expect_out "0 added, 1 changed, 5 unchanged, 0 removed"
	icaljs "$T/vdir"/*.ics
	due_and_shows 250 "$T/due.json"
	icaljs_check vdir 27900 -2400
	expect_ijs 'ev(3)["start"]' '{"date": "2026-11-03"}'
	expect_ijs "ev(3)['sequence'] > $seq" true
}
