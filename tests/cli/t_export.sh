# t_export.sh - calendar export, SPEC §4 / issue 5: `export ics` and
# `export vdir`, read back with libical (tests/tools/icscheck), Python's
# icalendar, calcurse and khal.  TODAY is Mon 2026-11-02, so the default
# horizon (60 days) ends on Fri 2027-01-01.

# --- helpers ---------------------------------------------------------------

# The icscheck tool built beside the binary (build/tests/tools/icscheck or
# build-asan/...), else the one in the repository's build/.
ICSCHECK="$(dirname "${FU:-.}")/tests/tools/icscheck"
if [ ! -x "$ICSCHECK" ]; then
	_x_repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." 2>/dev/null && pwd)
	[ -x "$_x_repo/build/tests/tools/icscheck" ] && ICSCHECK="$_x_repo/build/tests/tools/icscheck"
fi

need_icscheck() {
	[ -x "$ICSCHECK" ] || fail "icscheck not built ($ICSCHECK): make build/tests/tools/icscheck"
}

# ics_check FILE [NEVENTS]: icscheck FILE into $T/chk; require exit 0, no
# violation line, "violations 0" and, when given, NEVENTS events.
ics_check() {
	local rc
	need_icscheck || return 1
	"$ICSCHECK" "$1" >"$T/chk" 2>"$T/chk.err" && rc=0 || rc=$?
	[ "$rc" -eq 0 ] || fail "icscheck $1: exit $rc: $(cat "$T/chk" "$T/chk.err")" || return 1
	! grep -q '^violation' "$T/chk" || fail "icscheck $1: $(grep '^violation' "$T/chk")" || return 1
	grep -q '^events [0-9]*, violations 0$' "$T/chk" || fail "icscheck $1: $(tail -1 "$T/chk")" || return 1
	if [ -n "${2:-}" ]; then
		grep -qx "events $2, violations 0" "$T/chk" ||
			fail "icscheck $1: expected $2 events, got: $(tail -1 "$T/chk")"
	fi
}

# save_show ID...: `show ID --format json` of each into $T/show-ID.json.
save_show() {
	local id
	for id in "$@"; do
		fu_ok show "$id" --format json || return 1
		cp "$T/out" "$T/show-$id.json"
	done
}

# ics_json FILE: FILE unfolded (RFC 5545 §3.1) and split into components,
# as JSON in $T/ics.json: {"cal": [lines], "events": [{"lines": [...],
# "alarms": [[lines], ...]}], "crlf": every line ends in CRLF}.
ics_json() {
	/usr/bin/python3 - "$1" "$T/ics.json" <<'EOF' || fail "cannot parse $1"
import json, sys
raw = open(sys.argv[1], "rb").read().decode("utf-8")
crlf = raw.endswith("\r\n") and raw.count("\n") == raw.count("\r\n")
lines = []
for l in raw.replace("\r\n", "\n").split("\n"):
    if l.startswith((" ", "\t")) and lines:
        lines[-1] += l[1:]
    elif l:
        lines.append(l)
d = {"cal": [], "events": [], "crlf": crlf}
stack = []
for l in lines:
    if l.startswith("BEGIN:"):
        stack.append(l[6:])
        if l == "BEGIN:VEVENT":
            d["events"].append({"lines": [], "alarms": []})
        elif l == "BEGIN:VALARM":
            d["events"][-1]["alarms"].append([])
        continue
    if l.startswith("END:"):
        stack.pop()
        continue
    top = stack[-1] if stack else None
    if top == "VCALENDAR":
        d["cal"].append(l)
    elif top == "VEVENT":
        d["events"][-1]["lines"].append(l)
    elif top == "VALARM":
        d["events"][-1]["alarms"][-1].append(l)
json.dump(d, open(sys.argv[2], "w"))
EOF
}

# iget EXPR: a Python expression on d (from ics_json), with
#   prop(lines, NAME) -> the full lines whose property name is NAME,
#   ev(uid_suffix) -> the event whose UID ends in "-<suffix>".
iget() {
	/usr/bin/python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
def name(l):
    i=min([p for p in (l.find(":"), l.find(";")) if p >= 0])
    return l[:i]
def prop(lines, n): return [l for l in lines if name(l) == n]
def ev(s):
    m=[e for e in d["events"] if any(l.startswith("UID:") and l.endswith("-"+str(s)) for l in e["lines"])]
    assert len(m) == 1, "events with UID suffix %s: %d" % (s, len(m))
    return m[0]
v=eval(sys.argv[2])
print("null" if v is None else (json.dumps(v, ensure_ascii=False) if isinstance(v,(list,dict,bool)) else v))' "$T/ics.json" "$1"
}

expect_ics() { # expect_ics PYEXPR VALUE
	local got
	got=$(iget "$1") || return 1
	[ "$got" = "$2" ] || fail "ics $1: expected [$2], got [$got]"
}

# uid_of ID FILE: the UID of prospect ID's event in FILE (unfolded).
uid_of() {
	ics_json "$2" && iget "[l[4:] for l in ev($1)['lines'] if l.startswith('UID:')][0]"
}

# strip_dtstamp FILE: FILE without its DTSTAMP lines.
strip_dtstamp() {
	grep -v '^DTSTAMP' "$1"
}

# client ARGS...: run a third-party program with a clean environment
# confined to $T (HOME, XDG dirs, TMPDIR), UTC, UTF-8.
client() {
	env -i PATH="$PATH" HOME="$T/home" XDG_CONFIG_HOME="$T/config" \
		XDG_DATA_HOME="$T/data" XDG_CACHE_HOME="$T/cache" TMPDIR="$T" \
		TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 "$@" </dev/null
}

# client_in ARGS...: the same, reading the caller's standard input (a script
# in a heredoc); client's </dev/null would replace it with nothing.
client_in() {
	env -i PATH="$PATH" HOME="$T/home" XDG_CONFIG_HOME="$T/config" \
		XDG_DATA_HOME="$T/data" XDG_CACHE_HOME="$T/cache" TMPDIR="$T" \
		TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 "$@"
}

# khal_config DIR CALPATH: a throwaway khal config in DIR/config whose one
# calendar is CALPATH (CALENDAR-CLIENTS.md).
khal_config() {
	mkdir -p "$1"
	cat >"$1/config" <<EOF
[calendars]
[[fu]]
path = $2
[locale]
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
timeformat = %H:%M
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
default_timezone = UTC
local_timezone = UTC
[sqlite]
path = $1/cache.db
EOF
}

# khal_list CFGDIR: "DATE|TIME|TITLE" per event from 2026-11-02 for 90
# days into $T/khal.out.
khal_list() {
	client khal -c "$1/config" list --format '{start-date}|{start-time}|{title}' \
		--day-format '' 2026-11-02 90d >"$T/khal.out" 2>"$T/khal.err" ||
		fail "khal list: $(cat "$T/khal.err")"
}

# no_temp_files DIR: nothing that looks like an export temp file in DIR.
no_temp_files() {
	local left
	left=$(find "$1" -name '*.tmp*' ! -name 'fu-cli*' 2>/dev/null)
	[ -z "$left" ] || fail "temp files left: $left"
}

# A 200-character note with the characters iCalendar escapes, one line.
NOTE200=$(printf 'Ωa,b;c\\d"e %.0s' $(seq 1 18); printf 'xx')

# --- round trip ------------------------------------------------------------

# Prospects whose text needs escaping, folding and multibyte care.
# Ids: 1 punctuation, 2 newlines, 3 emoji, 4 CJK, 5 200-character note,
# 6 appointment (timed), 7 no company, no touch.
add_tricky_prospects() {
	TODAY=2026-11-02
	fu_ok add 'Ana, "Ru;iz" \ Jr.' --company 'Acme; Inc, \ "Q"' \
		--phone '+1 (555) 010-2030, ext;4' --email 'ana+x@acme.example' \
		--title 'VP, Sales; EMEA \ "Ops"' --first-contact 2026-10-26 || return 1
	fu_ok log 1 --channel call --outcome connected \
		--note $'wants pricing, call after Q4; budget \\ "approved"\nsecond line\n\nafter a blank line' || return 1
	# A backdated touch logged later: not the last touch.
	fu_ok log 1 --channel email --outcome replied --at 2026-10-27 --note 'OLD backdated note' || return 1
	fu_ok add $'Bo\nNewline' --company $'Line1\nLine2' --phone $'555\n0100' \
		--email bo@example.org --title $'CTO\nand founder' || return 1
	fu_ok log 2 --channel chat --outcome replied --note $'a\nb\n\tc\td' || return 1
	fu_ok add 'Zoë 😀 Émoji' --company '🚀 Rockets 👩‍💻' --phone '☎ 555' \
		--email 'zoe@example.com' --title 'Head of 🎉' || return 1
	fu_ok log 3 --channel visit --outcome meeting --note '👍 great call 🇫🇷 — next: demo' || return 1
	fu_ok add '王小明' --company '北京示例有限公司' --phone '+86 10 1234 5678' \
		--email 'wang@example.cn' --title '总经理' || return 1
	fu_ok log 4 --channel call --outcome connected --note '需要报价，下周再联系；谢谢！' || return 1
	fu_ok add 'Long Note' --company 'Verbose Ltd' --phone '555-0199' \
		--email 'long@example.com' --title 'Analyst' || return 1
	fu_ok log 5 --channel email --outcome replied --note "$NOTE200" || return 1
	fu_ok add 'Appt, Person; "X"' --company 'Meet\Co' --phone 555-0123 \
		--email appt@example.com --title 'Buyer' || return 1
	fu_ok log 6 --channel call --outcome meeting --note 'meeting booked; bring deck, "v2"' || return 1
	fu_ok next 6 2026-11-10 14:30 || return 1
	fu_ok add 'Solo' || return 1
}

# compare_with_db IDS...: every event of $T/chk against show --format json:
# SUMMARY exactly, DESCRIPTION containing phone, email, title and the last
# touch's note exactly as stored.
compare_with_db() {
	save_show "$@" || return 1
	/usr/bin/python3 - "$T" "$@" <<'EOF' || return 1
import json, re, sys
t, ids = sys.argv[1], sys.argv[2:]
def unescape(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            out.append({"n": "\n", "t": "\t", "\\": "\\"}[s[i + 1]])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)
events = {}
for line in open(t + "/chk", encoding="utf-8").read().split("\n"):
    if line.startswith("event\t"):
        f = line.split("\t")
        assert len(f) == 6, "bad icscheck line %r" % line
        uid = unescape(f[1])
        events[uid.rsplit("-", 1)[1]] = dict(uid=uid, seq=f[2], start=f[3],
                                             summary=unescape(f[4]), desc=unescape(f[5]))
bad = []
if sorted(events) != sorted(ids):
    bad.append("events for ids %s, expected %s" % (sorted(events), sorted(ids)))
prefixes = {e["uid"].rsplit("-", 1)[0] for e in events.values()}
if len(prefixes) != 1:
    bad.append("UIDs do not share one prefix: %s" % prefixes)
for i in ids:
    d = json.load(open("%s/show-%s.json" % (t, i), encoding="utf-8"))
    e = events.get(i)
    if not e:
        continue
    what = "— appointment" if d["due_time"] else "— step %d" % d["step"]
    want = "Follow up: " + d["name"] + (" (%s)" % d["company"] if d["company"] else "") + " " + what
    # SUMMARY is one line: control characters (line breaks too) become
    # spaces, since RFC 5545 TEXT forbids them and calcurse rejects them.
    want = re.sub(r"[\x00-\x1f\x7f\x80-\x9f]", " ", want)
    if e["summary"] != want:
        bad.append("prospect %s SUMMARY %r, expected %r" % (i, e["summary"], want))
    for k in ("phone", "email", "title"):
        if d[k] and d[k] not in e["desc"]:
            bad.append("prospect %s DESCRIPTION lacks %s %r: %r" % (i, k, d[k], e["desc"]))
    if d["touches"]:
        note = d["touches"][-1]["note"]
        if note and note not in e["desc"]:
            bad.append("prospect %s DESCRIPTION lacks last note %r: %r" % (i, note, e["desc"]))
    if e["seq"] in ("", "-1"):
        bad.append("prospect %s has no SEQUENCE" % i)
if bad:
    print("    " + "\n    ".join(bad))
    sys.exit(1)
EOF
}

test_round_trip_tricky_text_through_libical() {
	add_tricky_prospects
	# The database holds what was typed (sanity for the comparison).
	fu_ok show 5 --format json
	expect_json 'len(d["touches"][-1]["note"])' 200
	expect_json 'd["touches"][-1]["note"]' "$NOTE200"
	fu_ok show 2 --format json
	expect_json 'd["name"]' $'Bo\nNewline'
	fu_ok export ics "$T/out.ics"
	expect_out "exported 7 events to $T/out.ics"
	ics_check "$T/out.ics" 7
	compare_with_db 1 2 3 4 5 6 7
	# Only the last touch's note (by date), not the backdated one logged after.
	! grep -q 'OLD backdated note' "$T/chk" || fail "DESCRIPTION shows a touch that is not the last"
	# The timed appointment and an all-day event, as libical reads them.
	grep -q $'\t20261110T143000Z\tFollow up: Appt, Person; "X" (Meet\\\\\\\\Co) — appointment\t' "$T/chk" ||
		fail "appointment event: $(grep -- '-6	' "$T/chk")"
	grep -q $'\t20261103\tFollow up: Solo — step 1\t' "$T/chk" ||
		fail "Solo event: $(grep -- '-7	' "$T/chk")"
	# Lines are CRLF and folded by libical at 75 octets, never inside a
	# UTF-8 sequence (the file decodes and every physical line fits).
	ics_json "$T/out.ics"
	expect_ics 'd["crlf"]' true
	/usr/bin/python3 - "$T/out.ics" <<'EOF' || fail "line folding"
import sys
raw = open(sys.argv[1], "rb").read()
for n, l in enumerate(raw.split(b"\r\n"), 1):
    l.decode("utf-8")            # each physical line is valid UTF-8 on its own
    if len(l) > 75:
        sys.exit("line %d is %d octets" % (n, len(l)))
EOF
}

test_round_trip_through_python_icalendar() {
	add_tricky_prospects
	fu_ok export ics "$T/out.ics"
	save_show 1 2 3 4 5 6 7
	client_in /usr/bin/python3 - "$T" <<'EOF' || fail "python icalendar comparison"
import icalendar, json, re, sys, datetime
t = sys.argv[1]
cal = icalendar.Calendar.from_ical(open(t + "/out.ics", "rb").read())
evs = {str(e["UID"]).rsplit("-", 1)[1]: e for e in cal.walk("VEVENT")}
assert sorted(evs) == [str(i) for i in range(1, 8)], sorted(evs)
for i in range(1, 8):
    d = json.load(open("%s/show-%d.json" % (t, i), encoding="utf-8"))
    e = evs[str(i)]
    what = "— appointment" if d["due_time"] else "— step %d" % d["step"]
    want = "Follow up: " + d["name"] + (" (%s)" % d["company"] if d["company"] else "") + " " + what
    # SUMMARY is one line: control characters (line breaks too) become
    # spaces, since RFC 5545 TEXT forbids them and calcurse rejects them.
    want = re.sub(r"[\x00-\x1f\x7f\x80-\x9f]", " ", want)
    assert str(e["SUMMARY"]) == want, (i, str(e["SUMMARY"]), want)
    desc = str(e["DESCRIPTION"])
    for k in ("phone", "email", "title"):
        assert not d[k] or d[k] in desc, (i, k, d[k], desc)
    if d["touches"] and d["touches"][-1]["note"]:
        assert d["touches"][-1]["note"] in desc, (i, d["touches"][-1]["note"], desc)
    start = e.decoded("DTSTART")
    if d["due_time"]:
        assert start == datetime.datetime(2026, 11, 10, 14, 30, tzinfo=start.tzinfo), start
        assert start.utcoffset() == datetime.timedelta(0), start
    else:
        assert start == datetime.date.fromisoformat(d["due"]), (i, start, d["due"])
EOF
}

# --- file properties ----------------------------------------------------------

test_file_mode_0600_and_stdout_forms() {
	fu_ok add "Ana Ruiz" --company Acme
	fu_ok add "Bo"
	# An existing, world-readable file is replaced by a 0600 one.
	echo old >"$T/cal.ics"
	chmod 644 "$T/cal.ics"
	fu_ok export ics "$T/cal.ics"
	expect_out "exported 2 events to $T/cal.ics"
	[ "$(stat -c %a "$T/cal.ics")" = 600 ] || fail "mode $(stat -c %a "$T/cal.ics")"
	ics_check "$T/cal.ics" 2
	# A new file in the current directory, relative name.
	fu_ok export ics rel.ics
	[ "$(stat -c %a "$T/rel.ics")" = 600 ] || fail "rel.ics mode $(stat -c %a "$T/rel.ics")"
	# `-` and no FILE: the calendar on stdout and nothing else.
	fu_ok export ics -
	cp "$T/out" "$T/dash.ics"
	fu_ok export ics
	cp "$T/out" "$T/none.ics"
	for f in dash none; do
		head -1 "$T/$f.ics" | grep -qx $'BEGIN:VCALENDAR\r' || fail "$f: $(head -1 "$T/$f.ics")"
		tail -1 "$T/$f.ics" | grep -qx $'END:VCALENDAR\r' || fail "$f: $(tail -1 "$T/$f.ics")"
		ics_check "$T/$f.ics" 2
		[ "$(strip_dtstamp "$T/$f.ics")" = "$(strip_dtstamp "$T/cal.ics")" ] ||
			fail "$f differs from the file export: $(diff <(strip_dtstamp "$T/$f.ics") <(strip_dtstamp "$T/cal.ics"))"
	done
	[ ! -e "$T/-" ] || fail "export ics - created a file named -"
}

test_calendar_and_event_properties() {
	config "[rep]" "name = Ana Ruiz" "email = ana@example.com"
	fu_ok add "Carl Client" --company Acme --phone 555-0100
	fu_ok add "Dee" --first-contact 2026-11-02
	fu_ok next 2 2026-11-30          # all-day explicit date across a month end
	fu_ok add "Eve"
	fu_ok next 3 2026-12-31          # ... and a year end
	fu_ok export ics "$T/out.ics"
	ics_check "$T/out.ics" 3
	ics_json "$T/out.ics"
	# VCALENDAR
	expect_ics 'prop(d["cal"], "VERSION")' '["VERSION:2.0"]'
	expect_ics 'len(prop(d["cal"], "PRODID")) == 1 and len(prop(d["cal"], "PRODID")[0]) > 7' true
	expect_ics 'prop(d["cal"], "CALSCALE")' '["CALSCALE:GREGORIAN"]'
	expect_ics 'prop(d["cal"], "METHOD")' '["METHOD:PUBLISH"]'
	expect_ics 'len(prop(d["cal"], "X-WR-CALNAME")) == 1 and len(prop(d["cal"], "X-WR-CALNAME")[0]) > 13' true
	expect_ics 'len(d["events"])' 3
	# Every VEVENT
	local i
	for i in 0 1 2; do
		expect_ics "[len(prop(d['events'][$i]['lines'], p)) for p in ('UID','SEQUENCE','DTSTAMP','DTSTART','DTEND','SUMMARY','DESCRIPTION','ORGANIZER')]" '[1, 1, 1, 1, 1, 1, 1, 1]'
		expect_ics "__import__('re').fullmatch(r'DTSTAMP:\d{8}T\d{6}Z', prop(d['events'][$i]['lines'], 'DTSTAMP')[0]) is not None" true
		expect_ics "__import__('re').fullmatch(r'SEQUENCE:\d+', prop(d['events'][$i]['lines'], 'SEQUENCE')[0]) is not None" true
		expect_ics "prop(d['events'][$i]['lines'], 'ORGANIZER')" '["ORGANIZER;CN=Ana Ruiz:mailto:ana@example.com"]'
		expect_ics "prop(d['events'][$i]['lines'], 'CATEGORIES')" '["CATEGORIES:followup"]'
		expect_ics "len(d['events'][$i]['alarms'])" 1
		expect_ics "prop(d['events'][$i]['alarms'][0], 'ACTION')" '["ACTION:DISPLAY"]'
		expect_ics "len(prop(d['events'][$i]['alarms'][0], 'DESCRIPTION')) == 1 and len(prop(d['events'][$i]['alarms'][0], 'DESCRIPTION')[0]) > 12" true
		expect_ics "prop(d['events'][$i]['alarms'][0], 'TRIGGER')" '["TRIGGER:PT9H"]'
	done
	# All-day: VALUE=DATE, DTEND the next day (month and year ends too).
	expect_ics "prop(ev(1)['lines'], 'DTSTART') + prop(ev(1)['lines'], 'DTEND')" '["DTSTART;VALUE=DATE:20261103", "DTEND;VALUE=DATE:20261104"]'
	expect_ics "prop(ev(2)['lines'], 'DTSTART') + prop(ev(2)['lines'], 'DTEND')" '["DTSTART;VALUE=DATE:20261130", "DTEND;VALUE=DATE:20261201"]'
	expect_ics "prop(ev(3)['lines'], 'DTSTART') + prop(ev(3)['lines'], 'DTEND')" '["DTSTART;VALUE=DATE:20261231", "DTEND;VALUE=DATE:20270101"]'
	expect_ics "prop(ev(1)['lines'], 'SUMMARY')" '["SUMMARY:Follow up: Carl Client (Acme) — step 1"]'
}

test_default_organizer_is_login_at_host() {
	fu_ok add "Ana"
	fu_ok export ics "$T/out.ics"
	ics_check "$T/out.ics" 1
	ics_json "$T/out.ics"
	local login host
	login=$(id -un)
	host=$(hostname)
	expect_ics "prop(ev(1)['lines'], 'ORGANIZER')" "[\"ORGANIZER;CN=$login:mailto:$login@$host\"]"
}

test_reminder_times_from_config() {
	config "[reminders]" "time = 08:30" "before = 10"
	fu_ok add "All Day"
	fu_ok add "Timed"
	fu_ok next 2 2026-11-12 16:45
	fu_ok export ics "$T/out.ics"
	ics_check "$T/out.ics" 2
	ics_json "$T/out.ics"
	expect_ics "prop(ev(1)['alarms'][0], 'TRIGGER')" '["TRIGGER:PT8H30M"]'
	expect_ics "prop(ev(2)['alarms'][0], 'TRIGGER')" '["TRIGGER:-PT10M"]'
	# Defaults for a timed event: 15 minutes before.
	rm -f "$T/config/followup/config"
	fu_ok export ics "$T/out.ics"
	ics_json "$T/out.ics"
	expect_ics "prop(ev(2)['alarms'][0], 'TRIGGER')" '["TRIGGER:-PT15M"]'
	expect_ics "prop(ev(1)['alarms'][0], 'TRIGGER')" '["TRIGGER:PT9H"]'
}

test_timed_appointment_is_utc_from_local_time() {
	TZ_TEST=Europe/Paris
	fu_ok add "Paris Winter"
	fu_ok next 1 2026-11-10 14:30
	fu_ok add "Paris Summer"
	fu_ok next 2 2027-07-01 10:00
	fu_ok export ics "$T/out.ics" --days 300
	ics_check "$T/out.ics" 2
	ics_json "$T/out.ics"
	# CET is UTC+1 in November, CEST UTC+2 in July; 30 minutes long.
	expect_ics "prop(ev(1)['lines'], 'DTSTART') + prop(ev(1)['lines'], 'DTEND')" '["DTSTART:20261110T133000Z", "DTEND:20261110T140000Z"]'
	expect_ics "prop(ev(2)['lines'], 'DTSTART') + prop(ev(2)['lines'], 'DTEND')" '["DTSTART:20270701T080000Z", "DTEND:20270701T083000Z"]'
	expect_ics "prop(ev(1)['lines'], 'SUMMARY')" '["SUMMARY:Follow up: Paris Winter — appointment"]'
	expect_ics "prop(ev(1)['alarms'][0], 'TRIGGER')" '["TRIGGER:-PT15M"]'
}

# --- horizon -------------------------------------------------------------------

test_horizon_overdue_and_inactive() {
	fu_ok add "Due Soon"                                   # 1: 2026-11-03
	fu_ok add "Overdue" --first-contact 2026-10-01         # 2: due 10-02, overdue
	fu_ok add "Edge 60"
	fu_ok next 3 2027-01-01                                # 3: today + 60
	fu_ok add "Beyond 60"
	fu_ok next 4 2027-01-04                                # 4: today + 63
	fu_ok add "Beyond 90"
	fu_ok next 5 2027-02-01                                # 5: today + 91
	fu_ok add "Won"
	fu_ok edit 6 --status won                              # 6
	fu_ok add "Lost"
	fu_ok log 7 --channel call --outcome lost              # 7
	fu_ok cadence add short 2 --then none
	fu_ok add "Complete" --cadence short --first-contact 2026-10-20
	fu_ok log 8 --channel call --outcome connected         # 8: cadence complete
	expect_out "cadence complete"
	fu_ok add "Lost Later"
	fu_ok edit 9 --status lost                             # 9
	fu_ok export ics "$T/out.ics"
	ics_check "$T/out.ics" 3
	ics_json "$T/out.ics"
	expect_ics "sorted(int(prop(e['lines'],'UID')[0].rsplit('-',1)[1]) for e in d['events'])" '[1, 2, 3]'
	# The overdue one on today, still all-day.
	expect_ics "prop(ev(2)['lines'], 'DTSTART') + prop(ev(2)['lines'], 'DTEND')" '["DTSTART;VALUE=DATE:20261102", "DTEND;VALUE=DATE:20261103"]'
	expect_ics "prop(ev(3)['lines'], 'DTSTART')" '["DTSTART;VALUE=DATE:20270101"]'
	fu_ok export ics "$T/out90.ics" --days 90
	ics_check "$T/out90.ics" 4
	ics_json "$T/out90.ics"
	expect_ics "sorted(int(prop(e['lines'],'UID')[0].rsplit('-',1)[1]) for e in d['events'])" '[1, 2, 3, 4]'
	expect_ics "prop(ev(4)['lines'], 'DTSTART')" '["DTSTART;VALUE=DATE:20270104"]'
	# --days 0: today only, with the overdue one.
	fu_ok export ics "$T/out0.ics" --days 0
	ics_check "$T/out0.ics" 1
	grep -q '^UID:.*-2'$'\r''$' "$T/out0.ics" || fail "--days 0: $(grep UID "$T/out0.ics")"
	# The same horizon in vdir.
	fu_ok export vdir "$T/v" --days 90
	expect_out "4 added, 0 changed, 0 unchanged, 0 removed"
}

test_days_refused() {
	fu_ok add "Ana"
	expect_refused 2 "x" export ics "$T/out.ics" --days x
	[ ! -e "$T/out.ics" ] || fail "refused export wrote a file"
	expect_refused 2 "" export ics --days -1
	[ ! -s "$T/out" ] || fail "refused export wrote to stdout: $(head -3 "$T/out")"
	expect_refused 2 "x" export vdir "$T/v" --days x
	[ ! -e "$T/v" ] || fail "refused vdir export created the directory"
	expect_refused 2 "" export
	expect_refused 2 "" export pdf
	expect_refused 2 "" export vdir
}

# --- stable identity -------------------------------------------------------

test_reexport_without_change_is_identical_but_dtstamp() {
	fu_ok add "Ana" --company Acme --phone 555-0100
	fu_ok add "Bo" --first-contact 2026-10-01
	fu_ok add "Cy"
	fu_ok next 3 2026-11-20 11:00
	fu_ok export ics "$T/a.ics"
	sleep 1
	fu_ok export ics "$T/b.ics"
	ics_check "$T/b.ics" 3
	[ "$(grep '^UID' "$T/a.ics")" = "$(grep '^UID' "$T/b.ics")" ] || fail "UIDs differ"
	[ "$(grep -c '^DTSTAMP' "$T/a.ics")" -eq 3 ] || fail "DTSTAMP lines: $(grep -c '^DTSTAMP' "$T/a.ics")"
	diff <(strip_dtstamp "$T/a.ics") <(strip_dtstamp "$T/b.ics") >"$T/diff" ||
		fail "re-export differs beyond DTSTAMP: $(cat "$T/diff")"
	# UIDs are unique within the file.
	[ "$(grep '^UID' "$T/a.ics" | sort -u | wc -l)" -eq 3 ] || fail "UIDs not unique"
}

test_log_and_edit_keep_uid_raise_sequence() {
	fu_ok add "Ana" --company Acme --phone 555-0100
	fu_ok add "Bo" --phone 555-0200
	fu_ok add "Cy"
	fu_ok export ics "$T/a.ics"
	ics_json "$T/a.ics"
	local uid1 seq1 uid2 seq2 cy
	uid1=$(iget "prop(ev(1)['lines'],'UID')[0]")
	seq1=$(iget "int(prop(ev(1)['lines'],'SEQUENCE')[0][9:])")
	uid2=$(iget "prop(ev(2)['lines'],'UID')[0]")
	seq2=$(iget "int(prop(ev(2)['lines'],'SEQUENCE')[0][9:])")
	cy=$(iget "ev(3)['lines']")
	expect_ics "prop(ev(1)['lines'],'DTSTART')" '["DTSTART;VALUE=DATE:20261103"]'
	# Log a touch on prospect 1 on its due day: step 2 on 11-05, new note.
	TODAY=2026-11-03
	fu_ok log 1 --channel call --outcome connected --note "asked for a quote"
	expect_out 2026-11-05
	# Edit prospect 2's phone.
	fu_ok edit 2 --phone 555-0299
	fu_ok export ics "$T/b.ics"
	ics_check "$T/b.ics" 3
	ics_json "$T/b.ics"
	expect_ics "prop(ev(1)['lines'],'UID')[0]" "$uid1"
	expect_ics "int(prop(ev(1)['lines'],'SEQUENCE')[0][9:]) > $seq1" true
	expect_ics "prop(ev(1)['lines'],'DTSTART')" '["DTSTART;VALUE=DATE:20261105"]'
	expect_ics "prop(ev(1)['lines'],'SUMMARY')" '["SUMMARY:Follow up: Ana (Acme) — step 2"]'
	expect_ics "'asked for a quote' in prop(ev(1)['lines'],'DESCRIPTION')[0]" true
	expect_ics "prop(ev(2)['lines'],'UID')[0]" "$uid2"
	expect_ics "int(prop(ev(2)['lines'],'SEQUENCE')[0][9:]) > $seq2" true
	expect_ics "'555-0299' in prop(ev(2)['lines'],'DESCRIPTION')[0]" true
	expect_ics "'555-0200' in prop(ev(2)['lines'],'DESCRIPTION')[0]" false
	# The untouched prospect keeps its event but for DTSTAMP.
	expect_ics "[l for l in ev(3)['lines'] if not l.startswith('DTSTAMP')] == [l for l in $cy if not l.startswith('DTSTAMP')]" true
}

test_uid_depends_on_database() {
	fu_ok add "Ana"
	fu_ok export ics "$T/a.ics"
	DB=$T/other.db
	fu_ok add "Ana"
	fu_ok export ics "$T/b.ics"
	local a b
	a=$(uid_of 1 "$T/a.ics")
	b=$(uid_of 1 "$T/b.ics")
	[ -n "$a" ] && [ "$a" != "$b" ] || fail "two databases give prospect 1 the same UID [$a]"
	# ...and a database keeps its own across runs.
	DB=$T/fu.db
	fu_ok export ics "$T/c.ics"
	[ "$(uid_of 1 "$T/c.ics")" = "$a" ] || fail "UID changed: $a -> $(uid_of 1 "$T/c.ics")"
}

test_new_prospect_does_not_inherit_deleted_prospects_event() {
	# SPEC §4: UID stable for (database, prospect), one event per prospect.
	# A prospect created after another was deleted must not arrive in a
	# calendar as an older revision of the deleted one's event (same UID,
	# SEQUENCE not higher): UID/SEQUENCE-honouring clients would keep the
	# deleted prospect's event and never show the new one.
	fu_ok add "Old Prospect"
	fu_ok add "Keeper"
	TODAY=2026-11-03
	fu_ok log 2 --channel call --outcome no-answer
	fu_ok edit 2 --phone 1
	fu_ok edit 2 --phone 2
	fu_ok edit 2 --phone 3
	fu_ok export ics "$T/a.ics"
	ics_json "$T/a.ics"
	local old_uid old_seq
	old_uid=$(iget "prop(ev(2)['lines'],'UID')[0]")
	old_seq=$(iget "int(prop(ev(2)['lines'],'SEQUENCE')[0][9:])")
	fu_ok delete 2 --yes
	fu_ok add "New Prospect"
	fu_ok export ics "$T/b.ics"
	ics_check "$T/b.ics" 2
	/usr/bin/python3 - "$T/b.ics" "$old_uid" "$old_seq" <<'EOF' || return 1
import sys
raw = open(sys.argv[1], encoding="utf-8", newline="").read().replace("\r\n ", "").split("\r\n")
uid, seq, bad, found = None, None, [], 0
for l in raw:
    if l.startswith("UID:"): uid = l
    if l.startswith("SEQUENCE:"): seq = int(l[9:])
    if l.startswith("SUMMARY:") and "New Prospect" in l:
        found += 1
        if uid == sys.argv[2] and seq <= int(sys.argv[3]):
            bad.append("new prospect's event reuses deleted prospect's %s with SEQUENCE %d <= %s" % (uid, seq, sys.argv[3]))
if found != 1:
    bad.append("%d events for the new prospect" % found)
if bad:
    print("    " + "\n    ".join(bad)); sys.exit(1)
EOF
}

# --- third-party clients --------------------------------------------------

# Prospects for the clients: one line names, notes with newlines etc.
# Expected "date|title" pairs go to $T/expect.
add_client_prospects() {
	fu_ok add 'Ana Ruiz' --company 'Acme, Inc.' --phone 555-0100 || return 1
	fu_ok log 1 --channel call --outcome connected --note $'pricing; "Q4"\nthen demo \\ maybe' || return 1
	fu_ok add 'Bo; Chen' --company 'Zeta \ Labs' || return 1
	fu_ok next 2 2026-11-16 || return 1
	fu_ok add 'Zoë 😀' --company '北京公司' || return 1
	fu_ok next 3 2026-11-20 14:30 || return 1
	fu_ok add 'Dora "D" Diaz' --first-contact 2026-10-01 || return 1   # overdue -> today
	cat >"$T/expect" <<'EOF'
2026-11-03||Follow up: Ana Ruiz (Acme, Inc.) — step 1
2026-11-16||Follow up: Bo; Chen (Zeta \ Labs) — next date
2026-11-20|14:30|Follow up: Zoë 😀 (北京公司) — appointment
2026-11-02||Follow up: Dora "D" Diaz — step 1
EOF
}

test_calcurse_imports_the_file() {
	command -v calcurse >/dev/null || fail "calcurse not installed (scripts/deps.sh)"
	add_client_prospects
	fu_ok export ics "$T/out.ics"
	ics_check "$T/out.ics" 4
	client calcurse -D "$T/cc" -i "$T/out.ics" >"$T/cc.import" 2>&1 || true
	grep -q '^1 app / 3 events / 0 todos / 0 skipped' "$T/cc.import" ||
		fail "calcurse import report: $(cat "$T/cc.import"; cat "$T"/calcurse_log.* 2>/dev/null)"
	client calcurse -D "$T/cc" --input-datefmt 4 -Q --from 2026-11-02 --days 30 >"$T/cc.list" 2>&1 ||
		fail "calcurse -Q: $(cat "$T/cc.list")"
	# "MM/DD/YY:" day headers; "* SUMMARY" all-day; "- HH:MM -> HH:MM" then
	# a tab and the summary for appointments.  Into "date|time|summary".
	/usr/bin/python3 - "$T/cc.list" "$T/expect" <<'EOF' || return 1
import re, sys
got, day, time = [], None, None
for l in open(sys.argv[1], encoding="utf-8").read().split("\n"):
    m = re.fullmatch(r"(\d\d)/(\d\d)/(\d\d):", l)
    if m:
        day = "20%s-%s-%s" % (m.group(3), m.group(1), m.group(2)); continue
    m = re.fullmatch(r" \* (.*)", l)
    if m:
        got.append("%s||%s" % (day, m.group(1))); continue
    m = re.fullmatch(r" - (\d\d:\d\d) -> (\d\d:\d\d)", l)
    if m:
        time = m.group(1); continue
    if l.startswith("\t") and time:
        got.append("%s|%s|%s" % (day, time, l[1:])); time = None
want = [l for l in open(sys.argv[2], encoding="utf-8").read().split("\n") if l]
if sorted(got) != sorted(want):
    print("    calcurse shows:\n      " + "\n      ".join(sorted(got)) + "\n    expected:\n      " + "\n      ".join(sorted(want)))
    sys.exit(1)
EOF
	grep -q -- '- 14:30 -> 15:00' "$T/cc.list" || fail "appointment not 14:30-15:00: $(cat "$T/cc.list")"
}

test_khal_imports_the_file() {
	command -v khal >/dev/null || fail "khal not installed (scripts/deps.sh)"
	add_client_prospects
	fu_ok export ics "$T/out.ics"
	mkdir -p "$T/khal/cal"
	khal_config "$T/khal" "$T/khal/cal"
	client khal -c "$T/khal/config" import --batch "$T/out.ics" >"$T/khal.imp" 2>&1 ||
		fail "khal import: $(cat "$T/khal.imp")"
	[ "$(ls "$T/khal/cal" | grep -c '\.ics$')" -eq 4 ] || fail "khal calendar holds: $(ls "$T/khal/cal")"
	khal_list "$T/khal"
	diff <(sort "$T/expect") <(sort "$T/khal.out") >"$T/diff" ||
		fail "khal list differs from expected: $(cat "$T/diff")"
	# Importing the re-export (after a log) updates, never duplicates.
	TODAY=2026-11-03
	fu_ok log 1 --channel call --outcome connected
	fu_ok export ics "$T/out2.ics"
	client khal -c "$T/khal/config" import --batch "$T/out2.ics" >"$T/khal.imp" 2>&1 ||
		fail "khal re-import: $(cat "$T/khal.imp")"
	khal_list "$T/khal"
	[ "$(wc -l <"$T/khal.out")" -eq 4 ] || fail "after re-import khal lists: $(cat "$T/khal.out")"
	grep -qx '2026-11-05||Follow up: Ana Ruiz (Acme, Inc.) — step 2' "$T/khal.out" ||
		fail "moved event not in khal: $(cat "$T/khal.out")"
}

test_python_icalendar_reads_the_file() {
	add_client_prospects
	fu_ok export ics "$T/out.ics"
	client_in /usr/bin/python3 - "$T/out.ics" "$T/expect" >"$T/py.out" 2>&1 <<'EOF' || fail "python icalendar: $(cat "$T/py.out")"
import icalendar, sys, datetime
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
assert str(cal["VERSION"]) == "2.0" and str(cal["METHOD"]) == "PUBLISH", cal
evs = cal.walk("VEVENT")
assert len(evs) == 4, len(evs)
got = []
for e in evs:
    s = e.decoded("DTSTART")
    if isinstance(s, datetime.datetime):
        assert s.utcoffset() == datetime.timedelta(0), s
        got.append("%s|%s|%s" % (s.date(), s.strftime("%H:%M"), e["SUMMARY"]))
        assert e.decoded("DTEND") - s == datetime.timedelta(minutes=30)
    else:
        got.append("%s||%s" % (s, e["SUMMARY"]))
        assert e.decoded("DTEND") - s == datetime.timedelta(days=1)
    assert len(e.walk("VALARM")) == 1 and str(e.walk("VALARM")[0]["ACTION"]) == "DISPLAY"
    assert [str(c) for c in e.get("CATEGORIES").cats] == ["followup"], e.get("CATEGORIES")
want = [l for l in open(sys.argv[2], encoding="utf-8").read().split("\n") if l]
assert sorted(got) == sorted(want), (sorted(got), sorted(want))
ana = [e for e in evs if "Ana Ruiz" in e["SUMMARY"]][0]
assert 'pricing; "Q4"\nthen demo \\ maybe' in str(ana["DESCRIPTION"]), str(ana["DESCRIPTION"])
EOF
}

# --- vdir --------------------------------------------------------------------

# stat_of DIR: "name size mtime(ns) sha" of every file in DIR, sorted.
stat_of() {
	local f
	for f in "$1"/* "$1"/.[!.]*; do
		[ -e "$f" ] || continue
		printf '%s %s %s\n' "$(stat -c '%n %s %y' "$f")" "$(sha256sum <"$f" | cut -c1-16)"
	done | sort
}

# vevent_of FILE UID: the raw VEVENT with that UID, without DTSTAMP.
vevent_of() {
	/usr/bin/python3 - "$1" "$2" <<'EOF'
import sys
raw = open(sys.argv[1], encoding="utf-8", newline="").read()
for part in raw.split("BEGIN:VEVENT\r\n")[1:]:
    body = part.split("END:VEVENT\r\n")[0]
    if ("\r\nUID:%s\r\n" % sys.argv[2]) in "\r\n" + body:
        print("".join(l for l in body.splitlines(True) if not l.startswith("DTSTAMP")), end="")
EOF
}

test_vdir_add_unchanged_change_remove_foreign() {
	local v=$T/vdir prefix f
	mkdir -p "$v"
	echo "my notes" >"$v/notes.txt"
	printf 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' >"$v/another-calendar-event.ics"
	fu_ok add "Ana"                      # 1
	fu_ok add "Bo" --phone 555-0100      # 2
	fu_ok add "Cy"                       # 3
	fu_ok add "Di"                       # 4
	fu_ok next 4 2026-11-20 10:00
	fu_ok add "Far"                      # 5, beyond the horizon
	fu_ok next 5 2027-03-01
	# Another followup database exporting into the same directory.
	DB=$T/other.db
	fu_ok add "Other DB person"
	fu_ok export vdir "$v"
	expect_out "1 added, 0 changed, 0 unchanged, 0 removed"
	DB=$T/fu.db
	local foreign
	foreign=$(stat_of "$v")
	fu_ok export ics "$T/all.ics"
	prefix=$(grep -m1 '^UID:' "$T/all.ics" | tr -d '\r' | sed 's/^UID://; s/[0-9]*$//')
	[ -n "$prefix" ] || fail "no UID prefix"
	# 1. First run: one <uid>.ics per event.
	fu_ok export vdir "$v"
	expect_out "4 added, 0 changed, 0 unchanged, 0 removed"
	local id
	for id in 1 2 3 4; do
		f="$v/$prefix$id.ics"
		[ -f "$f" ] || fail "missing $f: $(ls -a "$v")"
		[ "$(stat -c %a "$f")" = 600 ] || fail "$f mode $(stat -c %a "$f")"
		ics_check "$f" 1
		grep -q $'^UID:'"$prefix$id"$'\r$' "$f" || fail "$f: $(grep UID "$f")"
		head -1 "$f" | grep -qx $'BEGIN:VCALENDAR\r' || fail "$f not a VCALENDAR"
		# A CalDAV calendar object resource (SPEC §4, issue 16): no METHOD
		# (sabre/dav answers 415), no ORGANIZER (not group-scheduled).
		! grep -q '^METHOD' "$f" || fail "$f has a METHOD line"
		! grep -q '^ORGANIZER' "$f" || fail "$f has an ORGANIZER line"
		[ "$(grep -c '^BEGIN:VEVENT' "$f")" -eq 1 ] || fail "$f: not one VEVENT"
	done
	[ ! -e "$v/${prefix}5.ics" ] || fail "beyond-horizon prospect exported"
	[ "$(ls "$v" | grep -c "^$prefix")" -eq 4 ] || fail "files: $(ls -a "$v")"
	# Same event text as export ics, DTSTAMP and the file's ORGANIZER aside.
	[ -n "$(vevent_of "$T/all.ics" "${prefix}1")" ] || fail "no event ${prefix}1 in export ics"
	[ "$(vevent_of "$v/${prefix}1.ics" "${prefix}1")" = "$(vevent_of "$T/all.ics" "${prefix}1" | grep -v '^ORGANIZER')" ] ||
		fail "vdir file differs from export ics: $(diff <(vevent_of "$v/${prefix}1.ics" "${prefix}1") <(vevent_of "$T/all.ics" "${prefix}1"))"
	# 2. Second run without changes: nothing touched (DTSTAMP differs by now).
	local before after
	before=$(stat_of "$v")
	sleep 1
	fu_ok export vdir "$v"
	expect_out "0 added, 0 changed, 4 unchanged, 0 removed"
	after=$(stat_of "$v")
	[ "$before" = "$after" ] || fail "unchanged run touched files: $(diff <(echo "$before") <(echo "$after"))"
	# 3. A log changes that one file only.
	TODAY=2026-11-03
	fu_ok log 1 --channel call --outcome connected --note "changed"
	sleep 1
	fu_ok export vdir "$v"
	expect_out "0 added, 1 changed, 3 unchanged, 0 removed"
	after=$(stat_of "$v")
	diff <(echo "$before" | grep -v "/${prefix}1.ics ") <(echo "$after" | grep -v "/${prefix}1.ics ") >"$T/diff" ||
		fail "log touched other files: $(cat "$T/diff")"
	[ "$(echo "$before" | grep "/${prefix}1.ics ")" != "$(echo "$after" | grep "/${prefix}1.ics ")" ] ||
		fail "changed file not rewritten"
	grep -q 'changed' "$v/${prefix}1.ics" || fail "new note not in file"
	grep -q $'^DTSTART;VALUE=DATE:20261105\r$' "$v/${prefix}1.ics" || fail "new date not in file: $(grep DTSTART "$v/${prefix}1.ics")"
	[ "$(stat -c %a "$v/${prefix}1.ics")" = 600 ] || fail "rewritten file mode $(stat -c %a "$v/${prefix}1.ics")"
	ics_check "$v/${prefix}1.ics" 1
	# 4. won -> removed.
	fu_ok edit 2 --status won
	fu_ok export vdir "$v"
	expect_out "0 added, 0 changed, 3 unchanged, 1 removed"
	[ ! -e "$v/${prefix}2.ics" ] || fail "won prospect's file kept"
	# 5. deleted -> removed.
	fu_ok delete 3 --yes
	fu_ok export vdir "$v"
	expect_out "0 added, 0 changed, 2 unchanged, 1 removed"
	[ ! -e "$v/${prefix}3.ics" ] || fail "deleted prospect's file kept"
	# 6. rescheduled beyond the horizon -> removed; back within -> added.
	fu_ok next 4 2027-02-15
	fu_ok export vdir "$v"
	expect_out "0 added, 0 changed, 1 unchanged, 1 removed"
	[ ! -e "$v/${prefix}4.ics" ] || fail "rescheduled prospect's file kept"
	fu_ok export vdir "$v" --days 120
	expect_out "2 added, 0 changed, 1 unchanged, 0 removed"
	[ -e "$v/${prefix}4.ics" ] && [ -e "$v/${prefix}5.ics" ] || fail "--days 120: $(ls "$v")"
	# 7. Foreign files (and the other database's file) never touched.
	after=$(stat_of "$v")
	local line
	while IFS= read -r line; do
		echo "$after" | grep -qxF -- "$line" || fail "foreign file touched: $line (now: $after)"
	done <<EOF
$foreign
EOF
	# notes.txt, another calendar's event, the other database's event and
	# its manifest (.followup-<its db id>.manifest).
	[ "$(echo "$foreign" | wc -l)" -eq 4 ] || fail "foreign files: $foreign"
	no_temp_files "$v"
}

test_vdir_creates_directory_and_reports_errors() {
	fu_ok add "Ana"
	# A missing last component is created (0700 or tighter).
	fu_ok export vdir "$T/newdir"
	expect_out "1 added, 0 changed, 0 unchanged, 0 removed"
	[ "$(ls "$T/newdir" | wc -l)" -eq 1 ] || fail "newdir: $(ls -a "$T/newdir")"
	# A nonexistent parent: exit 1, one line naming the directory.
	fu export vdir "$T/nope/sub/v"
	expect_rc 1
	expect_err_line "$T/nope/sub/v"
	[ ! -s "$T/out" ] || fail "stdout: $(cat "$T/out")"
	[ ! -e "$T/nope" ] || fail "created $T/nope"
	# A parent that is a file.
	echo x >"$T/afile"
	fu export vdir "$T/afile/v"
	expect_rc 1
	expect_err_line "$T/afile/v"
	# The target is a file, not a directory.
	fu export vdir "$T/afile"
	expect_rc 1
	expect_err_line "afile"
	[ "$(cat "$T/afile")" = x ] || fail "afile changed"
	# An unwritable directory (not testable as root, who may write anyway).
	if [ "$(id -u)" -ne 0 ]; then
		mkdir -p "$T/ro"
		chmod 500 "$T/ro"
		fu export vdir "$T/ro/v"
		chmod 700 "$T/ro"
		expect_rc 1
		expect_err_line "$T/ro/v"
		mkdir -p "$T/ro2/v"
		chmod 500 "$T/ro2/v"
		fu export vdir "$T/ro2/v"
		chmod 700 "$T/ro2/v"
		expect_rc 1
		expect_err_line "ro2/v"
	fi
	no_temp_files "$T"
}

test_khal_reads_the_vdir() {
	command -v khal >/dev/null || fail "khal not installed (scripts/deps.sh)"
	add_client_prospects
	fu_ok export vdir "$T/vd"
	expect_out "4 added, 0 changed, 0 unchanged, 0 removed"
	khal_config "$T/khal" "$T/vd"
	khal_list "$T/khal"
	diff <(sort "$T/expect") <(sort "$T/khal.out") >"$T/diff" ||
		fail "khal list of the vdir differs: $(cat "$T/diff")"
	# After a log (and a day passing: the overdue one moves to the new
	# today) and a sync, khal shows the moved events once each.
	TODAY=2026-11-03
	fu_ok log 1 --channel call --outcome connected
	fu_ok export vdir "$T/vd"
	expect_out "0 added, 2 changed, 2 unchanged, 0 removed"
	khal_list "$T/khal"
	grep -qx '2026-11-05||Follow up: Ana Ruiz (Acme, Inc.) — step 2' "$T/khal.out" ||
		fail "moved event not in khal: $(cat "$T/khal.out")"
	grep -qx '2026-11-03||Follow up: Dora "D" Diaz — step 1' "$T/khal.out" ||
		fail "overdue event not on the new today in khal: $(cat "$T/khal.out")"
	[ "$(wc -l <"$T/khal.out")" -eq 4 ] || fail "khal lists: $(cat "$T/khal.out")"
	[ "$(grep -c 'Ana Ruiz' "$T/khal.out")" -eq 1 ] || fail "Ana listed twice: $(cat "$T/khal.out")"
}

# --- libical off the morning path ---------------------------------------------

test_libical_loaded_only_by_export() {
	fu_ok add "Ana"
	fu_ok add "Bo" --first-contact 2026-10-01
	FU_ENV="LD_DEBUG=libs"
	local cmd
	for cmd in "due" "list" "show 1" "due --format json"; do
		# shellcheck disable=SC2086
		fu $cmd
		expect_rc 0
		grep -q 'calling init' "$T/err" || fail "LD_DEBUG had no effect on $cmd: $(head -3 "$T/err")"
		! grep -qi -e 'libical' -e 'followup-ical' "$T/err" ||
			fail "followup $cmd loads libical: $(grep -i ical "$T/err" | head -3)"
	done
	fu due
	expect_out_has "Bo"
	fu export ics "$T/out.ics"
	expect_rc 0
	grep -q 'followup-ical\.so' "$T/err" || fail "export did not load followup-ical.so: $(grep -i ical "$T/err" | head)"
	grep -q 'libical\.so' "$T/err" || fail "export did not load libical: $(grep -i ical "$T/err" | head)"
	FU_ENV=
	ics_check "$T/out.ics" 2
}

# --- write errors --------------------------------------------------------------

test_export_write_errors() {
	fu_ok add "Ana"
	# Nonexistent directory.
	fu export ics "$T/nodir/out.ics"
	expect_rc 1
	expect_err_line "$T/nodir/out.ics"
	[ ! -s "$T/out" ] || fail "stdout: $(cat "$T/out")"
	[ ! -e "$T/nodir" ] || fail "created nodir"
	# Parent is a file.
	echo x >"$T/afile"
	fu export ics "$T/afile/out.ics"
	expect_rc 1
	expect_err_line "afile/out.ics"
	# Target is a directory: nothing replaces it, no temp file stays.
	mkdir -p "$T/adir"
	fu export ics "$T/adir"
	expect_rc 1
	expect_err_line "adir"
	[ -d "$T/adir" ] && [ -z "$(ls -A "$T/adir")" ] || fail "adir changed: $(ls -la "$T/adir")"
	# Read-only directory (root writes anyway, so only as a normal user).
	if [ "$(id -u)" -ne 0 ]; then
		mkdir -p "$T/ro"
		echo keep >"$T/ro/out.ics"
		chmod 555 "$T/ro"
		fu export ics "$T/ro/out.ics"
		chmod 755 "$T/ro"
		expect_rc 1
		expect_err_line "ro/out.ics"
		[ "$(cat "$T/ro/out.ics")" = keep ] || fail "existing file changed"
	fi
	# Standard output that cannot be written.
	env -i PATH="$PATH" HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" \
		TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 FOLLOWUP_DB="$T/fu.db" FOLLOWUP_TODAY="$TODAY" \
		"$FU" export ics - >/dev/full 2>"$T/err" </dev/null && RC=0 || RC=$?
	expect_rc 1
	expect_err_line "standard output"
	no_temp_files "$T"
	[ -z "$(find "$T" -name '.*tmp*' ! -path "$T/home/*")" ] || fail "stray: $(find "$T" -name '.*tmp*')"
}
