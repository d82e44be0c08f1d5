# t_mail.sh - SPEC §10's mail (issue 18, "Tests with real parts"):
# `followup mail reminder|summary|cancel`, delivered for real.  A local
# SMTP sink (aiosmtpd's Mailbox handler, package python3-aiosmtpd) receives
# what msmtp (package msmtp, a throwaway configuration) sends as the
# `[mail] sendmail` command; what it stored is read back with Python's
# mailbox and email packages (policy.default) and the invitation with
# python icalendar and libical's restriction check (tests/tools/icscheck).
# Drafts are read back with mailbox.Maildir, the stdout mbox with
# mailbox.mbox.  The reading is tests/tools/mail_check.py's.  Recipes:
# shared/notes/SERVERS-FOR-TESTS.md.
#
# Each test that needs the sink starts its own on 127.0.0.1 with a free
# port (another port when the chosen one was taken meanwhile), waits until
# it answers, and stops it by its PID when the test ends, failed or not
# (an EXIT trap of the test's shell; setpriv --pdeathsig as well, for a
# test shell killed outright).
#
# Dates: TODAY is Wed 2026-11-04 unless a test says otherwise, so the
# default reminder window is Thu 2026-11-05 alone; the tests that check
# instants run under TZ=America/New_York (EST since Nov 1: UTC-5).

# --- helpers ---------------------------------------------------------------

MAIL_PY=/usr/bin/python3
MAIL_CHECK=$TOOLS_DIR/mail_check.py

# The icscheck tool built beside the binary (build-mail/tests/tools/icscheck
# and so on), else the one in the repository's build/.
ICSCHECK="$(dirname "${FU:-.}")/tests/tools/icscheck"
if [ ! -x "$ICSCHECK" ]; then
	_m_repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." 2>/dev/null && pwd)
	[ -x "$_m_repo/build/tests/tools/icscheck" ] && ICSCHECK="$_m_repo/build/tests/tools/icscheck"
fi

# mail_config [LINES...]: the rep (name, email unless NO_REP_EMAIL is set,
# company, phone) and [mail] sendmail = $SENDMAIL (default msmtp to the
# sink), then LINES, one per line.
mail_config() {
	{
		printf '[rep]\nname = Ana Ruiz\n'
		[ -n "${NO_REP_EMAIL:-}" ] || printf 'email = ana@acme.example\n'
		printf 'company = Acme Analytics\nphone = +1 555 0100\n'
		printf '[mail]\nsendmail = %s\n' "${SENDMAIL:-msmtp -C $T/msmtprc -t}"
		[ "$#" -eq 0 ] || printf '%s\n' "$@"
	} >"$T/config/followup/config"
}

# rep_template NAME: the rep's own template NAME, from stdin.
rep_template() {
	mkdir -p "$T/config/followup/templates"
	cat >"$T/config/followup/templates/$1"
}

# appointment ID NAME EMAIL WHEN...: NAME with the address EMAIL added (as
# prospect ID, the next one), then `next ID WHEN...` (a date, a time,
# --agenda TEXT).
appointment() {
	local id=$1 name=$2 email=$3
	shift 3
	fu_ok add "$name" --email "$email" || return 1
	fu_ok next "$id" "$@"
}

# sink_start: aiosmtpd on 127.0.0.1:$SERVE_PORT storing what it receives in
# the Maildir $T/sink, answering, and $T/msmtprc (mode 0600) sending to
# it; lib.sh's serve, so stopped by serve_stop (and when the test ends).
sink_start() {
	"$MAIL_PY" -c 'import aiosmtpd' 2>/dev/null || fail "python3-aiosmtpd not installed (scripts/deps.sh)" || return 1
	command -v msmtp >/dev/null || fail "msmtp not installed (scripts/deps.sh)" || return 1
	serve sink sink_launch sink_ready || return 1
	(umask 077 && printf '%s\n' 'account default' 'host 127.0.0.1' "port $SERVE_PORT" \
		'from ana@acme.example' 'auth off' 'tls off' >"$T/msmtprc")
	chmod 600 "$T/msmtprc"
}

sink_launch() {
	mkdir -p "$T/sink-home"
	exec env -i PATH="$PATH" HOME="$T/sink-home" LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		"${SERVE_PDEATH[@]}" "$MAIL_PY" -m aiosmtpd -n -l "127.0.0.1:$SERVE_PORT" \
		-c aiosmtpd.handlers.Mailbox "$T/sink"
}

# sink_ready: the sink greets with 220 (bash's /dev/tcp, in a subshell: a
# refused connection is only a failed status there).
sink_ready() {
	(
		exec 3<>"/dev/tcp/127.0.0.1/$SERVE_PORT" || exit 1
		IFS= read -r -t 2 l <&3 || exit 1
		printf 'QUIT\r\n' >&3
		case $l in 220*) exit 0 ;; *) exit 1 ;; esac
	) 2>/dev/null
}

# sink_files: the messages the sink holds now, one path a line.
sink_files() {
	find "$T/sink/new" "$T/sink/cur" -type f 2>/dev/null | sort
}

# expect_sink N: the sink holds N messages.
expect_sink() {
	local n
	n=$(sink_files | wc -l)
	[ "$n" -eq "$1" ] || fail "the sink holds $n messages, expected $1: $(sink_files |
		while read -r f; do grep -m3 -iE '^(to|subject|x-rcptto):' "$f" | tr '\n' ' '; echo; done)"
}

# mail_read NAME SOURCE: SOURCE (maildir:DIR, mbox:FILE, eml:FILE) read by
# mail_check.py into $T/m-NAME.json (each invitation in $T/m-NAME-ics-*).
mail_read() {
	"$MAIL_PY" "$MAIL_CHECK" read "$2" "$T/m-$1.json" >"$T/mread.out" 2>&1 ||
		fail "cannot read $2: $(cat "$T/mread.out")"
}

# sink_take NAME: what the sink holds now read into NAME, then removed
# from the sink (so that the next NAME holds only the messages after it).
sink_take() {
	mail_read "$1" "maildir:$T/sink" || return 1
	sink_files | while read -r f; do rm -f "$f"; done
}

# mbox_take NAME: the stdout of the last command, saved as $T/NAME.mbox and
# read as an mbox.
mbox_take() {
	cp "$T/out" "$T/$1.mbox"
	mail_read "$1" "mbox:$T/$1.mbox"
}

# expect_m NAME EXPR WHAT [SHOW]: EXPR true on NAME's messages (see
# mail_check.py: M the messages, to(addr), norm(s)); else WHAT and SHOW.
expect_m() {
	"$MAIL_PY" "$MAIL_CHECK" q "$T/m-$1.json" "$2" "$3" "${4:-}" >"$T/mq.out" 2>&1 ||
		fail "$1: $(cat "$T/mq.out")"
}

# mval NAME EXPR: the value of EXPR on NAME's messages.
mval() {
	"$MAIL_PY" "$MAIL_CHECK" q "$T/m-$1.json" "$2"
}

# ics_check FILE METHOD: libical reads FILE (an invitation as it was sent),
# finds METHOD:METHOD, one VEVENT, and icalrestriction_check (which checks
# against the calendar's METHOD) notes no violation.
ics_check() {
	local rc
	[ -x "$ICSCHECK" ] || fail "icscheck not built ($ICSCHECK): make O=DIR DIR/tests/tools/icscheck" || return 1
	tr -d '\r' <"$1" | grep -qx "METHOD:$2" || fail "$1: no METHOD:$2 line: $(cat "$1")" || return 1
	"$ICSCHECK" "$1" >"$T/chk" 2>"$T/chk.err" && rc=0 || rc=$?
	[ "$rc" -eq 0 ] || fail "icscheck $1 ($2): exit $rc: $(cat "$T/chk" "$T/chk.err")
      $(cat "$1")" || return 1
	grep -qx 'events 1, violations 0' "$T/chk" || fail "icscheck $1: $(tail -1 "$T/chk")"
}

# ics_file NAME EXPR: the path of the invitation EXPR (e.g. M[0]["ics"][0]).
ics_file() {
	mval "$1" "$2[\"file\"]"
}

# no_mail_recorded ID...: show --format json has an empty `mail` array.
no_mail_recorded() {
	local id
	for id in "$@"; do
		fu_ok show "$id" --format json || return 1
		expect_json 'd["mail"]' '[]' || return 1
	done
}

# mail_kinds ID: the kinds of prospect ID's mail records, oldest first,
# space-separated.
mail_kinds() {
	fu_ok show "$1" --format json >&2 || return 1
	jget '" ".join(m["kind"] for m in d["mail"])'
}

# expect_all NAME EXPR WHAT SHOW [EXPR WHAT SHOW]...: every EXPR true on
# NAME's messages (one Python run; every failure printed).
expect_all() {
	local n=$1
	shift
	"$MAIL_PY" "$MAIL_CHECK" q "$T/m-$n.json" "$@" >"$T/mq.out" 2>&1 ||
		fail "$n: $(cat "$T/mq.out")"
}

# The checks of a reminder as SPEC §10 describes it, on message EXPR of
# NAME (e.g. 'to("zoe@tokyo-shoji.example")'): headers, the two parts, the
# iMIP invitation (one VEVENT, no VALARM, RSVP=TRUE), and libical's
# restriction check for REQUEST.
expect_reminder_shape() {
	local n=$1 m=$2 f
	local e="$m[\"ics\"][0][\"events\"][0]"
	expect_m "$n" "$m is not None" "no such message" 'sorted(a for x in M for a in x["to"])' || return 1
	expect_all "$n" \
		"$m[\"from\"] == [[\"Ana Ruiz\", \"ana@acme.example\"]]" "From" "$m[\"from\"]" \
		"$m[\"header_ascii\"]" "the raw header block is not 7-bit (RFC 2047 words expected)" "$m[\"header_lines\"]" \
		"bool($m[\"subject\"]) and $m[\"hcount\"].get(\"subject\") == 1" "one Subject" "$m[\"header_lines\"]" \
		"$m[\"date\"] is not None and $m[\"date_tz\"] and $m[\"hcount\"].get(\"date\") == 1" \
		"a Date (RFC 5322, with its zone)" "$m[\"h\"].get(\"date\")" \
		"re.fullmatch(r\"<[^<>@\\s]+@[^<>@\\s]+>\", $m[\"message_id\"] or \"\") is not None and $m[\"hcount\"].get(\"message-id\") == 1" \
		"a Message-ID <left@right>" "$m[\"message_id\"]" \
		"$m[\"mime_version\"] == \"1.0\"" "MIME-Version 1.0" "$m[\"mime_version\"]" \
		"[p[\"ctype\"] for p in $m[\"parts\"]] == [\"multipart/alternative\", \"text/plain\", \"text/calendar\"]" \
		"multipart/alternative of text/plain then text/calendar" "[(p[\"ctype\"], p[\"params\"]) for p in $m[\"parts\"]]" \
		"$m[\"parts\"][1][\"params\"].get(\"charset\", \"\").lower() == \"utf-8\"" \
		"text/plain declared charset=UTF-8" "$m[\"parts\"][1][\"params\"]" \
		"$m[\"parts\"][2][\"params\"].get(\"method\", \"\").upper() == \"REQUEST\" and $m[\"parts\"][2][\"params\"].get(\"charset\", \"\").lower() == \"utf-8\"" \
		"text/calendar; method=REQUEST; charset=UTF-8" "$m[\"parts\"][2][\"params\"]" \
		"len($m[\"ics\"]) == 1 and $m[\"ics\"][0][\"error\"] is None and $m[\"ics\"][0][\"ncal\"] == 1 and $m[\"ics\"][0][\"method\"] == \"REQUEST\"" \
		"one VCALENDAR with METHOD:REQUEST (python icalendar)" "$m[\"ics\"]" \
		"len($m[\"ics\"][0][\"events\"]) == 1 and $m[\"ics\"][0][\"others\"] == []" \
		"one VEVENT and nothing else" "[$m[\"ics\"][0][\"others\"], $m[\"ics\"][0][\"raw\"]]" \
		"bool($e[\"uid\"]) and $e[\"dtstamp\"] is not None and bool($e[\"summary\"]) and isinstance($e[\"sequence\"], int)" \
		"UID, DTSTAMP, SUMMARY and SEQUENCE" "$e" \
		"$e[\"alarms\"] == 0 and \"VALARM\" not in $m[\"ics\"][0][\"raw\"]" "a VALARM in an invitation" "$m[\"ics\"][0][\"raw\"]" \
		"$e[\"organizer\"] is not None and $e[\"organizer\"][\"value\"].lower() == \"mailto:ana@acme.example\"" \
		"ORGANIZER the rep" "$e[\"organizer\"]" \
		"len($e[\"attendees\"]) == 1 and $e[\"attendees\"][0][\"value\"].lower() == \"mailto:\" + $m[\"to\"][0][1].lower() and $e[\"attendees\"][0][\"params\"].get(\"RSVP\") == \"TRUE\"" \
		"ATTENDEE the prospect with RSVP=TRUE" "$e[\"attendees\"]" \
		"sum(bool(re.fullmatch(r\"(DTSTART|DTEND):[0-9]{8}T[0-9]{6}Z\", l)) for l in $m[\"ics\"][0][\"lines\"]) == 2" \
		"DTSTART and DTEND not in UTC (the Z form, no TZID)" "[l for l in $m[\"ics\"][0][\"lines\"] if l.startswith((\"DTSTART\", \"DTEND\"))]" \
		"(__import__(\"datetime\").datetime.fromisoformat($e[\"dtend\"][:-1]) - __import__(\"datetime\").datetime.fromisoformat($e[\"dtstart\"][:-1])).total_seconds() == 1800" \
		"DTEND 30 minutes after DTSTART" "[$e[\"dtstart\"], $e[\"dtend\"]]" || return 1
	f=$(ics_file "$n" "$m[\"ics\"][0]") || return 1
	ics_check "$f" REQUEST
}

# utc_of DATE HH:MM: that local time (under $TZ_TEST) in UTC, as
# mail_check.py writes instants (YYYY-MM-DDTHH:MM:SSZ).
utc_of() {
	date -u -d "@$(TZ="${TZ_TEST:-UTC}" date -d "$1 $2" +%s)" +%Y-%m-%dT%H:%M:%SZ
}

# --- real delivery -----------------------------------------------------------

test_mail_reminder_delivered_through_a_real_smtp_sink() {
	local mid subj
	TZ_TEST=America/New_York
	TODAY=2026-11-04
	sink_start
	mail_config
	fu_ok add 'Zoë Łukasiewicz' --company '東京商事' --email zoe@tokyo-shoji.example --first-contact 2026-10-30
	fu_ok log 1 --channel call --outcome meeting --at 2026-11-02 --note 'Wants the SSO demo'
	fu_ok next 1 2026-11-05 14:30 --agenda 'SSO demo, then pricing for 50 seats'
	# Not in the window (tomorrow only: Thursday is the next workday): the
	# day after, and a next date without a time.
	appointment 2 'Bo Later' bo@later.example 2026-11-06 10:00
	appointment 3 'Cy Untimed' cy@untimed.example 2026-11-05

	fu_ok mail reminder --send
	expect_sink 1
	sink_take s1
	expect_m s1 'M[0]["rcpt_to"] == ["zoe@tokyo-shoji.example"]' "X-RcptTo: the prospect alone" 'M[0]["rcpt_to"]'
	expect_m s1 'M[0]["mail_from"] == "ana@acme.example"' "X-MailFrom" 'M[0]["mail_from"]'
	expect_m s1 'M[0]["to"] == [["Zoë Łukasiewicz", "zoe@tokyo-shoji.example"]]' "To with the UTF-8 name" 'M[0]["to"]'
	expect_reminder_shape s1 'M[0]'
	# The body: the appointment in words, its zone, the agenda, the rep.
	expect_m s1 'not [s for s in ("Hello Zoë,", "Thursday 5 November at 14:30", "America/New_York", "SSO demo, then pricing for 50 seats", "Ana Ruiz", "Acme Analytics", "+1 555 0100") if s not in M[0]["text"]]' \
		"the body lacks" '[[s for s in ("Hello Zoë,", "Thursday 5 November at 14:30", "America/New_York", "SSO demo, then pricing for 50 seats", "Ana Ruiz", "Acme Analytics", "+1 555 0100") if s not in M[0]["text"]], M[0]["text"]]'
	# 14:30 in New York on 2026-11-05 (EST) is 19:30Z, for 30 minutes.
	[ "$(utc_of 2026-11-05 14:30)" = 2026-11-05T19:30:00Z ] || fail "utc_of: $(utc_of 2026-11-05 14:30)"
	expect_m s1 'M[0]["ics"][0]["events"][0]["dtstart"] == "2026-11-05T19:30:00Z" and M[0]["ics"][0]["events"][0]["dtend"] == "2026-11-05T20:00:00Z"' \
		"the invitation's instant (14:30 EST = 19:30Z, 30 minutes)" 'M[0]["ics"][0]["events"][0]'
	expect_m s1 'M[0]["ics"][0]["events"][0]["dtstart_raw"] == "20261105T193000Z"' "DTSTART as written" \
		'M[0]["ics"][0]["events"][0]["dtstart_raw"]'

	# On the timeline: one reminder with that subject and Message-ID.
	mid=$(mval s1 'M[0]["message_id"].strip("<>")')
	subj=$(mval s1 'M[0]["subject"]')
	fu_ok show 1 --format json
	expect_json 'len(d["mail"])' 1
	expect_json 'd["mail"][0]["kind"]' reminder
	expect_json 'd["mail"][0]["subject"]' "$subj"
	expect_json 'd["mail"][0]["message_id"].strip("<>")' "$mid"
	expect_json '__import__("re").fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?(Z|[+-]\d\d:?\d\d)?", d["mail"][0]["at"]) is not None' true
	# Sent on the tool's today (--today 2026-11-04 in New York), not the
	# real date: a pinned day is the day the mail went.
	expect_json '__import__("datetime").datetime.strptime(d["mail"][0]["at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=__import__("datetime").timezone.utc).astimezone(__import__("zoneinfo").ZoneInfo("America/New_York")).date().isoformat()' 2026-11-04
	no_mail_recorded 2 3

	# A UTF-8 Subject (the rep's summary template): RFC 2047 in the raw
	# header, the names back when decoded; a summary is text/plain alone.
	rep_template summary <<'EOF'
Subject: {{company}} — {{name}}: {{last_date}}

Hello {{first_name}}, about our call: {{last_note}}.
EOF
	fu_ok mail summary 1 --no-edit --send
	expect_sink 1
	sink_take s2
	expect_m s2 'M[0]["subject"].startswith("東京商事 — Zoë Łukasiewicz: ") and "2 November" in M[0]["subject"]' \
		"the UTF-8 Subject" 'M[0]["subject"]'
	expect_m s2 'M[0]["header_ascii"] and "=?" in M[0]["subject_raw"]' "Subject not RFC 2047-encoded" 'M[0]["header_lines"]'
	expect_m s2 'M[0]["content_type"] == "text/plain" and M[0]["parts"][0]["params"].get("charset", "").lower() == "utf-8"' \
		"summary: text/plain; charset=UTF-8" 'M[0]["parts"]'
	expect_m s2 '"Hello Zoë, about our call: Wants the SSO demo." in M[0]["text"]' "summary body" 'M[0]["text"]'
	expect_m s2 'M[0]["to"] == [["Zoë Łukasiewicz", "zoe@tokyo-shoji.example"]] and M[0]["rcpt_to"] == ["zoe@tokyo-shoji.example"]' \
		"summary recipients" '[M[0]["to"], M[0]["rcpt_to"]]'
	expect_m s2 're.fullmatch(r"<[^<>@\s]+@[^<>@\s]+>", M[0]["message_id"] or "") is not None and M[0]["date_tz"]' \
		"summary Message-ID and Date" '[M[0]["message_id"], M[0]["date"]]'
	[ "$(mail_kinds 1)" = "reminder summary" ] || fail "mail records of 1: $(mail_kinds 1)"
	fu_ok show 1 --format json
	expect_json 'd["mail"][1]["subject"]' "$(mval s2 'M[0]["subject"]')"
	expect_json 'd["mail"][1]["message_id"].strip("<>")' "$(mval s2 'M[0]["message_id"].strip("<>")')"
	# Sending is no touch: the schedule did not move.
	expect_json '[d["due"], d["due_time"], d["touch_count"]]' '["2026-11-05", "14:30", 1]'
}

# --- the invitation: moved, cancelled, a new one -----------------------------

test_mail_invitation_moves_and_cancels_keep_the_uid() {
	local uid1 seq1 uid2 seq2 f
	TZ_TEST=America/New_York
	TODAY=2026-11-04
	sink_start
	mail_config
	fu_ok add 'Zoë Łukasiewicz' --company '東京商事' --email zoe@tokyo-shoji.example
	fu_ok next 1 2026-11-05 14:30 --agenda 'SSO demo'
	fu_ok add 'Bo Buyer' --company 'Buy Co' --email bo@buy.example
	fu_ok next 2 2026-11-05 09:00
	fu_ok add 'Cy Nothing' --email cy@nothing.example

	# 1. Two invitations, two UIDs, each passing libical's check.
	fu_ok mail reminder --send
	expect_sink 2
	sink_take r1
	expect_reminder_shape r1 'to("zoe@tokyo-shoji.example")'
	expect_reminder_shape r1 'to("bo@buy.example")'
	uid1=$(mval r1 'to("zoe@tokyo-shoji.example")["ics"][0]["events"][0]["uid"]')
	seq1=$(mval r1 'to("zoe@tokyo-shoji.example")["ics"][0]["events"][0]["sequence"]')
	uid2=$(mval r1 'to("bo@buy.example")["ics"][0]["events"][0]["uid"]')
	[ "$uid1" != "$uid2" ] || fail "two appointments, one UID: $uid1"
	expect_m r1 'to("bo@buy.example")["ics"][0]["events"][0]["dtstart"] == "2026-11-05T14:00:00Z"' \
		"09:00 EST = 14:00Z" 'to("bo@buy.example")["ics"][0]["events"][0]'

	# 2. Moved (same day, 16:00): the same UID, a higher SEQUENCE, the new
	# instant.
	fu_ok next 1 2026-11-05 16:00
	fu_ok mail reminder 1 --send
	expect_sink 1
	sink_take r2
	expect_reminder_shape r2 'M[0]'
	expect_m r2 "M[0][\"ics\"][0][\"events\"][0][\"uid\"] == \"$uid1\"" "moved: the UID changed (was $uid1)" 'M[0]["ics"][0]["events"][0]["uid"]'
	expect_m r2 "M[0][\"ics\"][0][\"events\"][0][\"sequence\"] > $seq1" "moved: SEQUENCE did not grow (was $seq1)" \
		'M[0]["ics"][0]["events"][0]["sequence"]'
	expect_m r2 'M[0]["ics"][0]["events"][0]["dtstart"] == "2026-11-05T21:00:00Z" and M[0]["ics"][0]["events"][0]["dtend"] == "2026-11-05T21:30:00Z"' \
		"moved: 16:00 EST = 21:00Z" 'M[0]["ics"][0]["events"][0]'
	expect_m r2 '"Thursday 5 November at 16:00" in M[0]["text"]' "moved: the body's time" 'M[0]["text"]'
	seq2=$(mval r2 'M[0]["ics"][0]["events"][0]["sequence"]')

	# 3. Cleared: `mail reminder` lists the invitation to cancel (stderr),
	# `mail cancel 1` sends METHOD:CANCEL with the same UID, higher SEQUENCE.
	fu_ok next 1 --clear
	fu mail reminder
	expect_rc 0
	grep -i 'cancel' "$T/err" | grep -qE 'Zoë Łukasiewicz|(^|[^0-9])1([^0-9]|$)' ||
		fail "mail reminder does not list prospect 1's invitation to cancel: $(cat "$T/err")"
	fu_ok mail cancel 1 --send
	expect_sink 1
	sink_take c1
	expect_m c1 'M[0]["to"] == [["Zoë Łukasiewicz", "zoe@tokyo-shoji.example"]] and M[0]["rcpt_to"] == ["zoe@tokyo-shoji.example"]' \
		"cancel: recipients" '[M[0]["to"], M[0]["rcpt_to"]]'
	expect_m c1 'M[0]["from"] == [["Ana Ruiz", "ana@acme.example"]]' "cancel: From" 'M[0]["from"]'
	expect_m c1 'len(M[0]["ics"]) == 1 and M[0]["ics"][0]["method"] == "CANCEL" and M[0]["ics"][0]["params"].get("method", "").upper() == "CANCEL"' \
		"cancel: text/calendar; method=CANCEL with METHOD:CANCEL" '[(p["ctype"], p["params"]) for p in M[0]["parts"]] + [M[0]["ics"]]'
	expect_m c1 'len(M[0]["ics"][0]["events"]) == 1' "cancel: one VEVENT" 'M[0]["ics"][0]["raw"]'
	expect_m c1 "M[0][\"ics\"][0][\"events\"][0][\"uid\"] == \"$uid1\" and M[0][\"ics\"][0][\"events\"][0][\"sequence\"] > $seq2" \
		"cancel: the same UID ($uid1), SEQUENCE above $seq2" 'M[0]["ics"][0]["events"][0]'
	expect_m c1 'M[0]["ics"][0]["events"][0]["organizer"]["value"].lower() == "mailto:ana@acme.example" and [a["value"].lower() for a in M[0]["ics"][0]["events"][0]["attendees"]] == ["mailto:zoe@tokyo-shoji.example"]' \
		"cancel: ORGANIZER and ATTENDEE" 'M[0]["ics"][0]["events"][0]'
	expect_m c1 'M[0]["ics"][0]["events"][0]["alarms"] == 0' "cancel: a VALARM" 'M[0]["ics"][0]["raw"]'
	f=$(ics_file c1 'M[0]["ics"][0]')
	ics_check "$f" CANCEL
	[ "$(mail_kinds 1)" = "reminder reminder cancel" ] || fail "mail records of 1: $(mail_kinds 1)"
	# Sent: no longer listed.
	fu mail reminder
	expect_rc 0
	! grep -i 'cancel' "$T/err" | grep -qE 'Zoë Łukasiewicz' || fail "still listed after the cancel: $(cat "$T/err")"

	# 4. Won: Bo's invitation is to cancel; the cancel has Bo's UID.
	fu_ok log 2 --channel call --outcome won --note 'signed'
	fu mail reminder
	expect_rc 0
	grep -i 'cancel' "$T/err" | grep -qE 'Bo Buyer|(^|[^0-9])2([^0-9]|$)' ||
		fail "mail reminder does not list won prospect 2's invitation to cancel: $(cat "$T/err")"
	fu_ok mail cancel 2 --send
	expect_sink 1
	sink_take c2
	expect_m c2 "M[0][\"ics\"][0][\"method\"] == \"CANCEL\" and M[0][\"ics\"][0][\"events\"][0][\"uid\"] == \"$uid2\"" \
		"won: the cancel of Bo's invitation ($uid2)" 'M[0]["ics"]'
	f=$(ics_file c2 'M[0]["ics"][0]')
	ics_check "$f" CANCEL

	# 5. An appointment set where there was none: a new UID.
	fu_ok next 1 2026-11-05 15:00
	fu_ok mail reminder 1 --send
	expect_sink 1
	sink_take r3
	expect_reminder_shape r3 'M[0]'
	expect_m r3 "M[0][\"ics\"][0][\"events\"][0][\"uid\"] not in (\"$uid1\", \"$uid2\")" \
		"a new appointment kept an old UID" 'M[0]["ics"][0]["events"][0]["uid"]'

	# 6. Nothing to cancel: bad input, nothing sent.
	fu mail cancel 3 --send
	expect_rc 2
	expect_err_line
	expect_sink 0
	no_mail_recorded 3
}

# --- Maildir drafts ------------------------------------------------------------

test_mail_drafts_into_a_maildir() {
	local f n=0
	TODAY=2026-11-04
	mail_config
	fu_ok add 'Zoë Łukasiewicz' --company '東京商事' --email zoe@tokyo-shoji.example
	fu_ok next 1 2026-11-05 14:30 --agenda 'SSO demo'
	appointment 2 'Bo Buyer' bo@buy.example 2026-11-05 09:00
	mkdir -p "$T/Drafts/tmp" "$T/Drafts/new" "$T/Drafts/cur"
	fu_ok mail reminder --maildir "$T/Drafts"
	# Into tmp/, then moved to cur/ as drafts that have been seen.
	[ -z "$(ls -A "$T/Drafts/tmp")" ] || fail "tmp/ not empty: $(ls -A "$T/Drafts/tmp")"
	[ -z "$(ls -A "$T/Drafts/new")" ] || fail "new/ not empty: $(ls -A "$T/Drafts/new")"
	for f in "$T/Drafts/cur"/*; do
		[ -e "$f" ] || continue
		n=$((n + 1))
		case $f in *:2,DS) ;; *) fail "draft not named ...:2,DS: ${f##*/}" ;; esac
	done
	[ "$n" -eq 2 ] || fail "cur/ holds $n drafts, expected 2: $(ls -A "$T/Drafts/cur")"
	mail_read d "maildir:$T/Drafts"
	expect_m d 'D["count"] == 2 and all(m["maildir"]["subdir"] == "cur" and m["maildir"]["flags"] == "DS" for m in M)' \
		"mailbox.Maildir: two drafts in cur/ flagged DS" '[m["maildir"] for m in M]'
	expect_m d 'to("zoe@tokyo-shoji.example")["to"] == [["Zoë Łukasiewicz", "zoe@tokyo-shoji.example"]]' "draft To" \
		'[m["to"] for m in M]'
	expect_reminder_shape d 'to("zoe@tokyo-shoji.example")'
	expect_reminder_shape d 'to("bo@buy.example")'
	expect_m d '"SSO demo" in to("zoe@tokyo-shoji.example")["text"]' "draft body" 'to("zoe@tokyo-shoji.example")["text"]'
	expect_m d 'len(set(m["message_id"] for m in M)) == 2' "two drafts, one Message-ID" '[m["message_id"] for m in M]'
	# Recorded: a draft is on the timeline too.
	fu_ok show 1 --format json
	expect_json '[m["kind"] for m in d["mail"]]' '["reminder"]'
	expect_json 'd["mail"][0]["message_id"].strip("<>")' "$(mval d 'to("zoe@tokyo-shoji.example")["message_id"].strip("<>")')"
	expect_json 'd["mail"][0]["subject"]' "$(mval d 'to("zoe@tokyo-shoji.example")["subject"]')"
	fu_ok show 2 --format json
	expect_json '[m["kind"] for m in d["mail"]]' '["reminder"]'
}

# --- the mbox on stdout ------------------------------------------------------

test_mail_mbox_on_stdout_escapes_from_lines() {
	local ctes
	TODAY=2026-11-04
	mail_config
	# ASCII names: the text part can go as 7bit, so the escaping shows.
	appointment 1 'Bo Buyer' bo@buy.example 2026-11-05 09:00 --agenda 'From now on we meet on Thursdays'
	appointment 2 'Cy Client' cy@client.example 2026-11-05 10:00 --agenda 'From now on we meet on Thursdays'
	rep_template reminder <<'EOF'
Subject: Our call on {{appointment}}

Hello {{first_name}},
From the desk of {{rep_name}}:
{{agenda}}
Bye.
EOF
	fu_ok mail reminder
	mbox_take mb
	expect_m mb 'D["count"] == 2' "mailbox.mbox: two messages" 'D["from_lines"]'
	# Only the separators start with "From ", each "From sender asctime".
	expect_m mb 'len(D["from_lines"]) == 2 and all(re.fullmatch(r"From \S+ (Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ 0-3]\d \d\d:\d\d:\d\d \d{4}", l) for l in D["from_lines"])' \
		"the From_ lines (RFC 4155)" 'D["from_lines"]'
	expect_m mb 'sorted(a[1] for m in M for a in m["to"]) == ["bo@buy.example", "cy@client.example"]' "one message each" \
		'[m["to"] for m in M]'
	expect_m mb 'all("From the desk of Ana Ruiz:" in m["text"] and "From now on we meet on Thursdays" in m["text"] for m in M)' \
		"the body's From lines" '[m["text"] for m in M]'
	# What followup wrote itself (no msmtp to add them): Date, Message-ID.
	expect_m mb 'all(m["date_tz"] and m["message_id"] and m["mime_version"] == "1.0" for m in M) and len(set(m["message_id"] for m in M)) == 2' \
		"Date, Message-ID, MIME-Version" '[[m["date"], m["message_id"], m["mime_version"]] for m in M]'
	ctes=$(mval mb '" ".join(sorted(set(p["cte"] for m in M for p in m["parts"] if p["ctype"] == "text/plain")))')
	if grep -q '^=46rom the desk' "$T/mb.mbox" || [ "$ctes" = base64 ]; then
		# Encoded so that no line begins with "From " (the From_ line
		# count above checks it): the >From escaping is not exercised.
		echo "    note: the text parts are $ctes with From encoded: >From escaping not exercised"
	else
		[ "$(grep -c '^>From the desk of Ana Ruiz:' "$T/mb.mbox")" -eq 2 ] ||
			fail "body line 'From the desk' not escaped as '>From' twice ($ctes): $(grep -n 'From ' "$T/mb.mbox")"
		[ "$(grep -c '^>From now on we meet' "$T/mb.mbox")" -eq 2 ] ||
			fail "agenda line 'From now on' not escaped as '>From' twice ($ctes): $(grep -n 'From ' "$T/mb.mbox")"
	fi
	# One message is an mbox too.
	fu_ok mail reminder 1
	head -c 5 "$T/out" | grep -qx 'From ' || fail "one message, not an mbox: $(head -3 "$T/out")"
	mbox_take one
	expect_m one 'D["count"] == 1 and M[0]["to"][0][1] == "bo@buy.example"' "one message" 'D["from_lines"]'
	# --no-invite: the text alone.
	fu_ok mail reminder 1 --no-invite
	mbox_take ni
	expect_m ni 'D["count"] == 1 and M[0]["content_type"] == "text/plain" and M[0]["ics"] == [] and "BEGIN:VCALENDAR" not in M[0]["raw"]' \
		"--no-invite: text/plain alone" '[(p["ctype"], p["params"]) for p in M[0]["parts"]]'
	expect_m ni 'M[0]["parts"][0]["params"].get("charset", "").lower() == "utf-8"' "charset=UTF-8" 'M[0]["parts"]'
}

# --- header injection -----------------------------------------------------------

# The header checks of an injection message M[0] of NAME.
expect_no_injection() {
	expect_m "$1" 'D["count"] == 1' "one message" 'D["count"]' || return 1
	expect_all "$1" \
		'all(c == 1 for c in M[0]["hcount"].values()) and "bcc" not in M[0]["hcount"]' \
		"a header twice, or a Bcc" 'M[0]["header_lines"]' \
		'not any(l.lower().startswith(("bcc", "cc: x@y", "attacker", "end:", "x-injected")) for l in M[0]["header_lines"])' \
		"an injected header line" 'M[0]["header_lines"]' \
		'[a[1] for a in M[0]["to"]] == ["eve@victim.example"] and [a[1] for a in M[0]["cc"]] == ["team@acme.example"]' \
		"To and Cc addresses" '[M[0]["to"], M[0]["cc"]]' \
		'norm(M[0]["to"][0][0]) == "Eve Bcc: attacker@example.com Cc: x@y.example"' "To's name" 'M[0]["to"]' \
		'"\r" not in M[0]["subject"] and "\n" not in M[0]["subject"]' "CR or LF in Subject" 'M[0]["subject"]' \
		'norm(M[0]["subject"]) == "Eve Bcc: attacker@example.com Cc: x@y.example / Evil Bcc: attacker@example.com: demo Bcc: attacker@example.com Cc: x@y.example END:VEVENT X-INJECTED:1 (Thursday 5 November at 14:30)"' \
		"Subject: each control character a space" 'M[0]["subject"]' \
		'norm(M[0]["cc"][0][0]) == "Evil Bcc: attacker@example.com team"' "Cc's name" 'M[0]["cc"]' \
		'"attacker" not in "".join(a[1] for k in ("to", "cc", "bcc", "reply_to") for a in M[0][k])' \
		"the attacker's address among the recipients" '[M[0]["to"], M[0]["cc"], M[0]["bcc"]]'
}

# expect_clean_names NAME: no control character survives in an address
# header of M[0], encoded (RFC 2047) or not: the prospect's name in To is
# cleaned like a rendered header value (Python's email, policy.default,
# refuses a display name that decodes to CR or LF).
expect_clean_names() {
	expect_m "$1" 'M[0]["address_errors"] == [] and not any(re.search(r"[\x00-\x1f\x7f]", a[0]) for k in ("from", "to", "cc") for a in M[0][k])' \
		"a control character in a display name" \
		'[M[0]["address_errors"], [l for l in M[0]["header_lines"] if l.lower().startswith(("to:", "cc:"))], M[0]["to"], M[0]["cc"]]'
}

test_mail_header_injection_adds_no_header_or_recipient() {
	TODAY=2026-11-04
	sink_start
	mail_config
	fu_ok add $'Eve\r\nBcc: attacker@example.com\nCc: x@y.example' \
		--company $'Evil\r\nBcc: attacker@example.com' --email eve@victim.example --first-contact 2026-10-30
	fu_ok log 1 --channel call --outcome meeting --at 2026-11-02 --note $'ok\r\nBcc: attacker@example.com'
	# The agenda also tries the invitation (its SUMMARY may quote the Subject).
	fu_ok next 1 2026-11-05 14:30 --agenda $'demo\r\nBcc: attacker@example.com\nCc: x@y.example\nEND:VEVENT\nX-INJECTED:1'
	rep_template reminder <<'EOF'
Subject: {{name}} / {{company}}: {{agenda}} ({{appointment}})
Cc: "{{company}} team" <team@acme.example>

Hello {{first_name}},
Agenda: {{agenda}}
EOF
	# The message as written (stdout)...
	fu_ok mail reminder
	mbox_take inj
	expect_no_injection inj
	# ... and as delivered: exactly two envelope recipients.
	fu_ok mail reminder --send
	expect_sink 1
	sink_take injs
	expect_m injs 'sorted(M[0]["rcpt_to"]) == ["eve@victim.example", "team@acme.example"]' \
		"X-RcptTo: the prospect and the Cc alone" 'M[0]["rcpt_to"]'
	expect_no_injection injs
	# The invitation: still one VEVENT, one ATTENDEE, no injected line.
	expect_m injs 'len(M[0]["ics"]) == 1 and len(M[0]["ics"][0]["events"]) == 1 and [a["value"].lower() for a in M[0]["ics"][0]["events"][0]["attendees"]] == ["mailto:eve@victim.example"]' \
		"the invitation's VEVENT and ATTENDEE" 'M[0]["ics"][0]["raw"]'
	expect_m injs 'not any(l.startswith(("X-INJECTED", "BCC", "Bcc", "CC")) for l in M[0]["ics"][0]["lines"]) and [l for l in M[0]["ics"][0]["lines"] if l.startswith("END:")] == ["END:VEVENT", "END:VCALENDAR"]' \
		"a line injected into the invitation" 'M[0]["ics"][0]["lines"]'
	ics_check "$(ics_file injs 'M[0]["ics"][0]')" REQUEST
	# The summary through the same kind of template.
	rep_template summary <<'EOF'
Subject: {{name}} / {{company}}: {{agenda}} ({{appointment}})
Cc: "{{company}} team" <team@acme.example>

Hello {{first_name}}, {{agenda}}
EOF
	fu_ok mail summary 1 --no-edit --send
	expect_sink 1
	sink_take injs2
	expect_m injs2 'sorted(M[0]["rcpt_to"]) == ["eve@victim.example", "team@acme.example"]' \
		"summary X-RcptTo: the prospect and the Cc alone" 'M[0]["rcpt_to"]'
	expect_no_injection injs2
	# Stricter: no CR or LF even encoded in a display name; first_name is
	# the first word of the name, CR and LF being white space too.
	local n bad=0
	for n in inj injs injs2; do
		expect_clean_names "$n" || bad=1
	done
	expect_m injs '"Hello Eve,\n" in M[0]["text"]' "first_name of a name with CR LF" 'M[0]["text"]' || bad=1
	[ "$bad" -eq 0 ]
}

# --- private notes ---------------------------------------------------------

test_mail_reminder_keeps_private_notes_private() {
	TODAY=2026-11-04
	sink_start
	mail_config
	fu_ok add 'Zoë Łukasiewicz' --company '東京商事' --email zoe@tokyo-shoji.example \
		--phone '+81 3 1234 5678' --title CTO --note 'INTERNAL-ONLY prospect notes: slow payer' --first-contact 2026-10-30
	fu_ok log 1 --channel call --outcome meeting --at 2026-11-02 \
		--note 'INTERNAL-ONLY: budget is 40k, thinks our CEO is a clown'
	fu_ok next 1 2026-11-05 14:30 --agenda 'Pricing'
	# Sent, on stdout, and as a draft: in no form, in no part.
	fu_ok mail reminder --send
	expect_sink 1
	sink_take p1
	fu_ok mail reminder --again
	mbox_take p2
	mkdir -p "$T/Drafts/tmp" "$T/Drafts/new" "$T/Drafts/cur"
	fu_ok mail reminder --again --maildir "$T/Drafts"
	mail_read p3 "maildir:$T/Drafts"
	for n in p1 p2 p3; do
		expect_m "$n" 'D["count"] == 1 and len(M[0]["ics"]) == 1' "one reminder with its invitation" 'D["count"]'
		expect_m "$n" 'not any(s in M[0]["decoded_all"] for s in ("INTERNAL-ONLY", "40k", "clown", "slow payer"))' \
			"a private note in the built-in reminder" \
			'[l for l in M[0]["decoded_all"].splitlines() if "INTERNAL" in l or "40k" in l or "payer" in l]'
		expect_m "$n" '"Pricing" in M[0]["text"]' "the agenda" 'M[0]["text"]'
	done
	! grep -rqa 'INTERNAL-ONLY' "$T/sink" "$T/p2.mbox" "$T/Drafts" || fail "INTERNAL-ONLY in a raw message"
	# The built-in summary does quote the last note (so the check above
	# could see one): it is reviewed in the editor before it goes.
	fu_ok mail summary 1 --no-edit
	mbox_take p4
	expect_m p4 '"INTERNAL-ONLY: budget is 40k" in M[0]["text"]' "the summary quotes the last note" 'M[0]["text"]'
	expect_m p4 '"slow payer" not in M[0]["decoded_all"]' "the summary shows the prospect's notes" 'M[0]["text"]'
}

# --- the record, --again, export csv --mail ---------------------------------

test_mail_record_again_and_export_csv() {
	local m1 m2
	TODAY=2026-11-04
	sink_start
	mail_config
	fu_ok add 'Zoë Łukasiewicz' --company '東京商事' --email zoe@tokyo-shoji.example
	fu_ok next 1 2026-11-05 14:30
	appointment 2 'Bo Buyer' bo@buy.example 2026-11-05 09:00
	# On stdout, then as drafts: neither is "sent", so --send still sends.
	fu_ok mail reminder
	mkdir -p "$T/Drafts/tmp" "$T/Drafts/new" "$T/Drafts/cur"
	fu_ok mail reminder --maildir "$T/Drafts"
	fu_ok mail reminder --send
	expect_sink 2
	sink_take a1
	# Sent once: a second --send sends nothing for the same appointments
	# (a note on stderr is fine).
	fu mail reminder --send
	expect_rc 0
	expect_sink 0
	fu mail reminder 1 --send
	expect_rc 0
	expect_sink 0
	# --again does.
	fu_ok mail reminder --send --again
	expect_sink 2
	sink_take a2
	expect_m a2 'D["count"] == 2 and sorted(a[1] for m in M for a in m["to"]) == ["bo@buy.example", "zoe@tokyo-shoji.example"]' \
		"--again: both again" '[m["to"] for m in M]'
	# The timeline: draft, sent, sent again, oldest first, with the
	# Message-IDs the sink received.
	m1=$(mval a1 'to("zoe@tokyo-shoji.example")["message_id"].strip("<>")')
	m2=$(mval a2 'to("zoe@tokyo-shoji.example")["message_id"].strip("<>")')
	[ "$m1" != "$m2" ] || fail "--again reused the Message-ID $m1"
	fu_ok show 1 --format json
	expect_json '[m["kind"] for m in d["mail"]]' '["reminder", "reminder", "reminder"]'
	expect_json '[m["message_id"].strip("<>") for m in d["mail"]][1:]' "[\"$m1\", \"$m2\"]"
	expect_json '[m["at"] for m in d["mail"]] == sorted(m["at"] for m in d["mail"])' true
	expect_json 'all(set(m) >= {"at", "kind", "subject", "message_id"} for m in d["mail"])' true
	# Not a touch: the schedule and the appointment stay.
	expect_json '[d["due"], d["due_time"], d["touch_count"], d["last_touch"]]' '["2026-11-05", "14:30", 0, null]'
	# show (text) names the mail.
	fu_ok show 1
	expect_out_has "$(mval a1 'to("zoe@tokyo-shoji.example")["subject"]')"
	# export csv --mail: one row per record, with its Message-ID.
	fu_ok export csv --mail
	cp "$T/out" "$T/mail.csv"
	"$MAIL_PY" - "$T/mail.csv" "$m1" "$m2" <<'EOF' || fail "export csv --mail: $(cat "$T/mail.csv")"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
head, body = [h.strip().lower() for h in rows[0]], rows[1:]
for k in ("kind", "subject", "message_id"):
    if k not in head:
        sys.exit("no %s column in %s" % (k, head))
if len(body) != 6:
    sys.exit("%d rows, expected 6 (3 records for each of 2 prospects)" % len(body))
ids = [r[head.index("message_id")].strip("<>") for r in body]
for m in sys.argv[2:]:
    if m not in ids:
        sys.exit("Message-ID %s not exported: %s" % (m, ids))
kinds = set(r[head.index("kind")] for r in body)
if kinds != {"reminder"}:
    sys.exit("kinds %s" % kinds)
EOF
}

# --- the window --------------------------------------------------------------

test_mail_reminder_window_friday_covers_saturday_and_monday() {
	TODAY=2026-11-06 # a Friday
	mail_config
	appointment 1 'Ann Today' ann@x.example 2026-11-06 16:00
	appointment 2 'Bea Saturday' bea@x.example 2026-11-07 10:00
	appointment 3 'Cal Monday' cal@x.example 2026-11-09 09:00
	appointment 4 'Dee Tuesday' dee@x.example 2026-11-10 09:00
	appointment 5 'Eli Untimed Monday' eli@x.example 2026-11-09
	fu_ok mail reminder
	mbox_take w1
	expect_m w1 'sorted(a[1] for m in M for a in m["to"]) == ["bea@x.example", "cal@x.example"]' \
		"Friday: Saturday's and Monday's appointments" '[m["to"] for m in M]'
	fu_ok mail reminder --for 2026-11-10
	mbox_take w2
	expect_m w2 'sorted(a[1] for m in M for a in m["to"]) == ["bea@x.example", "cal@x.example", "dee@x.example"]' \
		"--for Tuesday" '[m["to"] for m in M]'
	# Named: that prospect's appointment.
	fu_ok mail reminder 4
	mbox_take w3
	expect_m w3 '[a[1] for m in M for a in m["to"]] == ["dee@x.example"]' "named prospect 4" '[m["to"] for m in M]'
	expect_m w3 '"Tuesday 10 November at 09:00" in M[0]["text"]' "the day in words" 'M[0]["text"]'
}

# --- bad input: a one-line error, nothing sent or recorded -------------------

# refused_mail CODE WANT ARGS...: `followup ARGS` exits CODE with one line
# naming WANT (grep -E), the sink received nothing and stdout is empty.
refused_mail() {
	local code=$1 want=$2
	shift 2
	fu "$@"
	expect_rc "$code" || return 1
	expect_err_line || return 1
	grep -qE -- "$want" "$T/err" || fail "followup $*: stderr lacks /$want/: $(cat "$T/err")" || return 1
	[ ! -s "$T/out" ] || fail "followup $*: stdout: $(head -c 500 "$T/out")" || return 1
	expect_sink 0
}

test_mail_bad_template_is_refused_before_anything_goes() {
	local tdir
	TODAY=2026-11-04
	sink_start
	mail_config
	tdir=$T/config/followup/templates
	fu_ok add 'Zoë Łukasiewicz' --email zoe@tokyo-shoji.example
	fu_ok log 1 --channel call --outcome connected --note 'ok'
	fu_ok next 1 2026-11-05 14:30 --agenda 'SSO demo'
	# An unknown field (line 3).
	printf 'Subject: Our call\n\n{{nmae}}, hello\n' | rep_template reminder
	refused_mail 2 "$tdir/reminder:3:.*nmae" mail reminder --send
	refused_mail 2 "$tdir/reminder:3:.*nmae" mail reminder
	# An unknown field in the Subject (line 1).
	printf 'Subject: Call with {{ nmae }}\n\nHello\n' | rep_template reminder
	refused_mail 2 "$tdir/reminder:1:.*nmae" mail reminder --send
	# An unclosed section (the line of its opening tag, 4).
	printf 'Subject: Our call\n\nHello {{first_name}},\n{{#agenda}}\nAgenda: {{agenda}}\n' | rep_template reminder
	refused_mail 2 "$tdir/reminder:4:.*agenda" mail reminder --send
	# No Subject.
	printf 'Cc: team@acme.example\n\nHello\n' | rep_template reminder
	refused_mail 2 "$tdir/reminder.*Subject" mail reminder --send
	# The summary's own template.
	printf 'Subject: Recap\n\nAs discussed:\n{{last_nte}}\n' | rep_template summary
	refused_mail 2 "$tdir/summary:4:.*last_nte" mail summary 1 --no-edit --send
	refused_mail 2 "$tdir/summary:4:.*last_nte" mail summary 1 --no-edit --maildir "$T/Drafts"
	[ ! -d "$T/Drafts/cur" ] || [ -z "$(ls -A "$T/Drafts/cur" "$T/Drafts/tmp")" ] || fail "a draft written: $(ls -AR "$T/Drafts")"
	no_mail_recorded 1
}

test_mail_refused_without_rep_email() {
	TODAY=2026-11-04
	sink_start
	NO_REP_EMAIL=1 mail_config
	fu_ok add 'Zoë Łukasiewicz' --email zoe@tokyo-shoji.example
	fu_ok log 1 --channel call --outcome connected --note 'ok'
	fu_ok next 1 2026-11-05 14:30
	refused_mail 2 'rep\.email|\[rep\] ?email' mail reminder --send
	refused_mail 2 'rep\.email|\[rep\] ?email' mail reminder
	refused_mail 2 'rep\.email|\[rep\] ?email' mail summary 1 --no-edit --send
	no_mail_recorded 1
}

test_mail_prospect_without_email() {
	TODAY=2026-11-04
	sink_start
	mail_config
	appointment 1 'Zoë Łukasiewicz' zoe@tokyo-shoji.example 2026-11-05 14:30
	fu_ok add 'Nemo Nomail' --company 'Dark Co'
	fu_ok log 2 --channel call --outcome connected --note 'ok'
	fu_ok next 2 2026-11-05 10:00
	# Named: exit 2, nothing sent, not even to the one who has an address.
	refused_mail 2 'Nemo Nomail|(^|[^0-9])2([^0-9]|$)' mail reminder 1 2 --send
	refused_mail 2 'Nemo Nomail|(^|[^0-9])2([^0-9]|$)' mail reminder 2 --send
	refused_mail 2 'Nemo Nomail|(^|[^0-9])2([^0-9]|$)' mail summary 2 --no-edit --send
	no_mail_recorded 1 2
	# Not named: skipped with one line, the others sent.
	fu mail reminder --send
	expect_rc 0
	expect_err_line
	grep -qE 'Nemo Nomail|(^|[^0-9])2([^0-9]|$)' "$T/err" || fail "the skip does not name prospect 2: $(cat "$T/err")"
	expect_sink 1
	sink_take nm
	expect_m nm 'M[0]["rcpt_to"] == ["zoe@tokyo-shoji.example"]' "the one with an address" 'M[0]["rcpt_to"]'
	[ "$(mail_kinds 1)" = reminder ] || fail "mail records of 1: $(mail_kinds 1)"
	no_mail_recorded 2
}

# fake_sendmail: $T/fake-sendmail, a [mail] sendmail command that keeps
# its arguments ($T/argv-N) and the message ($T/msg-N) of its Nth run and
# exits 75 (EX_TEMPFAIL) from run $(cat $T/fail-at) on.
fake_sendmail() {
	cat >"$T/fake-sendmail" <<EOF
#!/bin/sh
n=\$((\$(cat "$T/count" 2>/dev/null || echo 0) + 1))
echo "\$n" >"$T/count"
printf '%s\n' "\$@" >"$T/argv-\$n"
cat >"$T/msg-\$n"
[ "\$n" -ge "\$(cat "$T/fail-at")" ] && exit 75
exit 0
EOF
	chmod +x "$T/fake-sendmail"
}

test_mail_sendmail_failure_records_what_went_before() {
	local mid
	TODAY=2026-11-04
	fake_sendmail
	# Split like a shell splits words, run without one.
	SENDMAIL="$T/fake-sendmail -t 'two words' \"x y\"" mail_config
	appointment 1 'Ann One' ann@x.example 2026-11-05 09:00
	appointment 2 'Bea Two' bea@x.example 2026-11-05 10:00
	appointment 3 'Cal Three' cal@x.example 2026-11-05 11:00

	# The first fails: exit 1, nothing recorded.
	echo 1 >"$T/fail-at"
	fu mail reminder --send
	expect_rc 1
	expect_err_line
	grep -qE 'fake-sendmail|75' "$T/err" || fail "the error names neither the command nor its status: $(cat "$T/err")"
	[ "$(printf '%s|' $(cat "$T/argv-1" | tr ' ' '_'))" = "-t|two_words|x_y|" ] ||
		fail "sendmail's arguments: $(cat -A "$T/argv-1")"
	no_mail_recorded 1 2 3

	# The second run of three fails: the first is recorded, with the
	# Message-ID it went with; the failed one and those after it are not.
	rm -f "$T/count" "$T"/msg-* "$T"/argv-*
	echo 2 >"$T/fail-at"
	fu mail reminder --send
	expect_rc 1
	expect_err_line
	[ -s "$T/msg-1" ] || fail "nothing piped to sendmail"
	mail_read f1 "eml:$T/msg-1"
	mid=$(mval f1 'M[0]["message_id"].strip("<>")')
	local id got=0 rec
	for id in 1 2 3; do
		fu_ok show "$id" --format json
		rec=$(jget 'len(d["mail"])')
		if [ "$rec" -ne 0 ]; then
			got=$((got + 1))
			expect_json 'd["mail"][0]["message_id"].strip("<>")' "$mid"
			expect_json '[m["kind"] for m in d["mail"]]' '["reminder"]'
		fi
	done
	[ "$got" -eq 1 ] || fail "$got prospects with a record after one message went, expected 1"

	# Once sendmail works: the two others go, not the one already sent.
	rm -f "$T/count" "$T"/msg-* "$T"/argv-*
	echo 99 >"$T/fail-at"
	fu mail reminder --send
	expect_rc 0
	[ "$(cat "$T/count" 2>/dev/null)" = 2 ] || fail "sendmail ran $(cat "$T/count" 2>/dev/null || echo 0) times, expected 2"
	for id in 1 2 3; do
		fu_ok show "$id" --format json
		expect_json 'len(d["mail"])' 1
	done
}

test_mail_sendmail_that_cannot_run_is_named() {
	TODAY=2026-11-04
	SENDMAIL=/nonexistent/sendmail mail_config
	appointment 1 'Ann One' ann@x.example 2026-11-05 09:00
	fu mail reminder --send
	expect_rc 1
	expect_err_line "mail.sendmail: cannot run '/nonexistent/sendmail': no such file or directory"
	no_mail_recorded 1
}

test_mail_sendmail_exit_75_through_the_sink_setup() {
	# The real recipe's failure: [mail] sendmail a script exiting 75.
	TODAY=2026-11-04
	sink_start
	printf '#!/bin/sh\ncat >/dev/null\nexit 75\n' >"$T/tempfail"
	chmod +x "$T/tempfail"
	SENDMAIL="$T/tempfail" mail_config
	fu_ok add 'Zoë Łukasiewicz' --email zoe@tokyo-shoji.example
	fu_ok log 1 --channel call --outcome connected --note 'ok'
	fu_ok next 1 2026-11-05 14:30
	fu mail reminder --send
	expect_rc 1
	expect_err_line
	fu mail summary 1 --no-edit --send
	expect_rc 1
	expect_err_line
	fu mail reminder --send --no-invite
	expect_rc 1
	expect_sink 0
	no_mail_recorded 1
	# And after it, msmtp to the sink: the reminder goes (nothing was
	# recorded as sent).
	mail_config
	fu_ok mail reminder --send
	expect_sink 1
	# msmtp itself failing: nothing listens on the port any more, msmtp
	# exits 75 (EX_TEMPFAIL) after its own two lines on stderr.
	serve_stop
	fu mail reminder --send --again
	expect_rc 1
	tail -1 "$T/err" | grep -q '^followup: ' || fail "the last stderr line is not followup's: $(cat "$T/err")"
	[ "$(mail_kinds 1)" = reminder ] || fail "mail records of 1 after a failed send: $(mail_kinds 1)"
}

# --- the summary and the editor ----------------------------------------------

test_mail_summary_no_editor_off_a_terminal() {
	TODAY=2026-11-04
	mail_config
	printf '#!/bin/sh\ntouch "%s/editor-ran"\n' "$T" >"$T/ed"
	chmod +x "$T/ed"
	fu_ok add 'Zoë Łukasiewicz' --company '東京商事' --email zoe@tokyo-shoji.example --first-contact 2026-10-30
	fu_ok log 1 --channel call --outcome connected --at 2026-11-02 --note 'SSO via Okta; 50 seats'
	# Not on a terminal: no editor, the summary on stdout.
	FU_ENV="VISUAL=$T/ed EDITOR=$T/ed" fu mail summary 1
	expect_rc 0
	[ ! -e "$T/editor-ran" ] || fail "the editor ran off a terminal"
	mbox_take su
	expect_m su 'D["count"] == 1 and M[0]["content_type"] == "text/plain" and M[0]["parts"][0]["params"].get("charset", "").lower() == "utf-8"' \
		"the summary: text/plain; charset=UTF-8" 'M[0]["parts"]'
	expect_m su '"SSO via Okta; 50 seats" in M[0]["text"] and "Hello Zoë," in M[0]["text"] and "Monday 2 November" in M[0]["text"]' \
		"the summary's body" 'M[0]["text"]'
	expect_m su 'M[0]["to"] == [["Zoë Łukasiewicz", "zoe@tokyo-shoji.example"]] and M[0]["from"] == [["Ana Ruiz", "ana@acme.example"]]' \
		"From and To" '[M[0]["from"], M[0]["to"]]'
	# --edit needs a terminal: exit 2, no editor, nothing written.
	FU_ENV="VISUAL=$T/ed EDITOR=$T/ed" fu mail summary 1 --edit
	expect_rc 2
	expect_err_line "--edit"
	[ ! -s "$T/out" ] || fail "--edit off a terminal wrote: $(head -c 300 "$T/out")"
	[ ! -e "$T/editor-ran" ] || fail "the editor ran off a terminal"
	# Drafted: on the timeline as a summary.
	mkdir -p "$T/Drafts/tmp" "$T/Drafts/new" "$T/Drafts/cur"
	FU_ENV="VISUAL=$T/ed EDITOR=$T/ed" fu_ok mail summary 1 --maildir "$T/Drafts"
	[ ! -e "$T/editor-ran" ] || fail "the editor ran off a terminal"
	[ "$(mail_kinds 1)" = summary ] || fail "mail records of 1: $(mail_kinds 1)"
	# The reminder's --edit needs a terminal too.
	fu_ok next 1 2026-11-05 14:30
	FU_ENV="VISUAL=$T/ed EDITOR=$T/ed" fu mail reminder --edit
	expect_rc 2
	expect_err_line "--edit"
	[ ! -s "$T/out" ] || fail "--edit off a terminal wrote: $(head -c 300 "$T/out")"
	[ ! -e "$T/editor-ran" ] || fail "the editor ran off a terminal"
	[ "$(mail_kinds 1)" = summary ] || fail "mail records of 1 after a refused --edit: $(mail_kinds 1)"
}
