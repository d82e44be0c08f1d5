# t_feed_bounds.sh - SPEC §4, last bullet (and §9's holiday_calendar): the
# holiday feed is someone else's file.  One larger than 8 MiB, or with more
# than 20,000 components, is refused in one line naming the configuration
# file, the line and the key (exit 2, the database untouched) before
# libical parses it, at a peak RSS of a few MiB beyond the file's size
# (here: at most the size + 16 MiB); a feed of exactly 8 MiB, and one of
# exactly 20,000 events, is read (the latter in under 64 MiB of peak RSS)
# and its holidays move due dates.  Peak RSS is GNU time's %M (KiB) of the
# followup process.  The VCALENDAR itself is not counted among the 20,000.
#
# TODAY is Mon 2026-11-02: a prospect added today is due Tue 11-03 (Day 1);
# with 11-03 and 11-04 holidays, Thu 11-05.

# --- helpers ---------------------------------------------------------------

# gen_feed OUT EVENTS [SIZE]: an .ics feed of EVENTS all-day VEVENTs (CRLF,
# lines within 75 octets), padded with X-PAD properties spread over the
# events to exactly SIZE bytes when given.  Event 0 is Tue 2026-11-03, the
# last Wed 2026-11-04, the middle one Christmas, yearly since 2020; the
# others are distinct Saturdays from 1950 on (weekend days anyway).  Each
# event has the dozen properties of a public-holiday feed's (an empty
# LOCATION too).
gen_feed() {
	/usr/bin/python3 - "$@" <<'EOF'
import datetime, sys
out, n = sys.argv[1], int(sys.argv[2])
size = int(sys.argv[3]) if len(sys.argv) > 3 else None
def d8(d): return d.strftime("%Y%m%d")
sat = datetime.date(1950, 1, 7)
def event(i):
    # As a public-holiday feed writes them (Google's, say).
    lines = ["BEGIN:VEVENT"]
    if i == 0:
        day, name = datetime.date(2026, 11, 3), "Election Day"
    elif i == n - 1:
        day, name = datetime.date(2026, 11, 4), "Office closed"
    elif i == n // 2:
        day, name = datetime.date(2020, 12, 25), "Christmas"
        lines.append("RRULE:FREQ=YEARLY")
    else:
        day, name = sat + datetime.timedelta(weeks=i), "Saturday %d" % i
    lines[1:1] = ["DTSTART;VALUE=DATE:" + d8(day), "DTEND;VALUE=DATE:" + d8(day + datetime.timedelta(days=1))]
    lines += ["DTSTAMP:20260101T000000Z", "UID:%s_%06d@holidays.feed.example" % (d8(day), i),
              "CLASS:PUBLIC", "CREATED:20250101T000000Z", "DESCRIPTION:Public holiday",
              "LAST-MODIFIED:20250101T000000Z", "LOCATION:", "SEQUENCE:0", "STATUS:CONFIRMED",
              "SUMMARY:" + name, "TRANSP:TRANSPARENT"]
    return lines
head = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//followup tests//holiday feed//EN", "CALSCALE:GREGORIAN"]
events = [event(i) for i in range(n)]
def text(pads):
    ls = list(head)
    for i, e in enumerate(events):
        ls += e[:-1] + pads.get(i, []) + [e[-1], "END:VEVENT"]
    ls.append("END:VCALENDAR")
    return "".join(l + "\r\n" for l in ls).encode()
pads = {}
if size is not None:
    rest = size - len(text({}))
    assert rest >= 0, "the events alone are %d bytes" % len(text({}))
    # Lines of 77 bytes ("X-PAD:" + 69 + CRLF), the remainder in one or two
    # shorter lines (at least 9 bytes each).
    full, rem = divmod(rest, 77)
    sizes = [77] * full
    if rem:
        if rem >= 9:
            sizes.append(rem)
        else:
            sizes.pop()
            sizes += [40, 37 + rem]
    per = max(1, len(sizes) // n)
    for k, s in enumerate(sizes):
        pads.setdefault(min(k // per, n - 1), []).append("X-PAD:" + "x" * (s - 8))
data = text(pads)
assert size is None or len(data) == size, (len(data), size)
assert all(len(l) <= 75 for l in data.split(b"\r\n"))
open(out, "wb").write(data)
EOF
}

# Under AddressSanitizer (build-asan/) the shadow memory and quarantine
# multiply RSS (272 MB for the 20,000-event feed): the bounds are checked
# on the plain builds only, the rest of each test runs everywhere.
FEED_ASAN=no
if grep -qa __asan_init "${FU:-/nonexistent}" 2>/dev/null; then FEED_ASAN=yes; fi

# rss_at_most KIB WHAT: $RSS is at most KIB (KiB), except under ASan.
rss_at_most() {
	if [ "$FEED_ASAN" = yes ]; then
		echo "    (ASan build: peak RSS $RSS KiB $2 not checked against $1 KiB)"
		return 0
	fi
	[ "$RSS" -le "$1" ] || fail "peak RSS $RSS KiB $2 (at most $1 KiB)"
}

# fu_rss ARGS: fu ARGS under GNU time; the peak RSS of followup in KiB in
# $RSS.
fu_rss() {
	local real=$FU
	[ -x /usr/bin/time ] || fail "GNU time not installed (/usr/bin/time, Debian time)" || return 1
	printf '#!/bin/sh\nexec /usr/bin/time -o %s -f %%M %s "$@"\n' "'$T/rss'" "'$real'" >"$T/timed-followup"
	chmod +x "$T/timed-followup"
	rm -f "$T/rss"
	FU=$T/timed-followup
	fu "$@"
	FU=$real
	# time writes "Command exited with non-zero status N" first then.
	RSS=$(tail -n 1 "$T/rss" 2>/dev/null)
	[[ $RSS =~ ^[0-9]+$ ]] || fail "no peak RSS from /usr/bin/time: $(cat "$T/rss" 2>/dev/null)"
}

# refused_feed FILE: with FILE as the feed, `due` is refused in one line
# naming the configuration file, line 2 and the key, exit 2, the database
# unchanged, at a peak RSS of at most FILE's size + 16 MiB.
refused_feed() {
	local feed=$1 before after size
	fu_ok add "Ana"
	config "[schedule]" "holiday_calendar = $feed"
	size=$(stat -c %s "$feed")
	before=$(db_hash)
	fu_rss due
	expect_rc 2
	expect_err_line "followup: $T/config/followup/config:2: schedule.holiday_calendar: '$feed': "
	grep -qE "^followup: .*: '[^']*': .+" "$T/err" || fail "no reason given: $(cat "$T/err")"
	after=$(db_hash)
	[ "$before" = "$after" ] || fail "the database changed"
	echo "    $(basename "$feed"): $size bytes, refused at $RSS KiB: $(cat "$T/err")"
	rss_at_most $((size / 1024 + 16384)) "refusing a $size-byte feed"
	# Nothing runs while the feed is refused; without it, all is as before.
	fu list
	expect_rc 2
	rm -f "$T/config/followup/config"
	[ "$(due_of 1)" = 2026-11-03 ] || fail "without the feed: due $(due_of 1)"
}

# --- tests -------------------------------------------------------------------

test_feed_larger_than_8_mib_is_refused() {
	# 8 MiB and 1 byte in 1,000 events: the size alone is over.
	gen_feed "$T/big.ics" 1000 $((8 * 1024 * 1024 + 1))
	refused_feed "$T/big.ics"
}

test_feed_of_exactly_8_mib_is_read() {
	gen_feed "$T/eight.ics" 1000 $((8 * 1024 * 1024))
	fu_ok add "Ana"
	config "[schedule]" "holiday_calendar = $T/eight.ics"
	fu_rss due --days 7 --format json
	expect_rc 0
	[ ! -s "$T/err" ] || fail "stderr: $(cat "$T/err")"
	echo "    8 MiB feed read at $RSS KiB"
	expect_json 'd[0]["due"]' 2026-11-05
}

test_feed_with_more_than_20000_components_is_refused() {
	# 20,001 events, about 7 MB: the count alone is over.
	gen_feed "$T/many.ics" 20001
	[ "$(stat -c %s "$T/many.ics")" -lt $((8 * 1024 * 1024)) ] || fail "generated feed over 8 MiB"
	refused_feed "$T/many.ics"
}

test_feed_of_20000_events_is_read_in_under_64_mib() {
	gen_feed "$T/feed.ics" 20000
	[ "$(grep -c '^BEGIN:VEVENT' "$T/feed.ics")" -eq 20000 ] || fail "generated feed: not 20,000 events"
	fu_ok add "Ana"
	config "[schedule]" "holiday_calendar = $T/feed.ics"
	fu_rss due --days 7 --format json
	expect_rc 0
	[ ! -s "$T/err" ] || fail "stderr: $(cat "$T/err")"
	echo "    20,000-event feed ($(stat -c %s "$T/feed.ics") bytes) read at $RSS KiB"
	rss_at_most 65535 "reading a 20,000-event feed"
	# The first event and the last one are holidays: Thu 11-05.
	expect_json 'len(d)' 1
	expect_json 'd[0]["due"]' 2026-11-05
	# The yearly Christmas in the middle: 2028-12-25 is a Monday (Day 1 Sat
	# 12-23, so Mon 12-25, a holiday: Tue 12-26).
	TODAY=2028-12-22
	fu_ok add "Xmas" --first-contact 2028-12-22
	[ "$(due_of 2)" = 2028-12-26 ] || fail "Christmas 2028 not a holiday: due $(due_of 2)"
	TODAY=2026-11-02
	[ "$(due_of 1)" = 2026-11-05 ] || fail "due $(due_of 1)"
}
