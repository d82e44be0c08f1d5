# t_sequence.sh - SPEC §4's SEQUENCE and the vdir's manifest (issue 16):
# SEQUENCE = max(E, P, C) in seconds since 2020-01-01T00:00Z, so it grows
# whenever an event can have changed (a new day for an overdue event, a
# change to the prospect, a calendar configuration change) and never
# drops; `export vdir` removes only the files its manifest lists.
# TODAY is Mon 2026-11-02 unless a test says otherwise.

# seq_of FILE UIDSUFFIX: the SEQUENCE of the event whose UID ends in -N.
seq_of() {
	tr -d '\r' <"$1" | awk -v id="$2" '
		/^BEGIN:VEVENT/ { s = ""; u = "" }
		/^SEQUENCE:/ { s = substr($0, 10) }
		/^UID:/ { u = $0 }
		/^END:VEVENT/ { n = split(u, p, "-"); if (p[n] == id) print s }'
}

seq_file() { # seq_file ID: export ics to $T/s.ics and print the event's SEQUENCE
	fu_ok export ics "$T/s.ics" || return 1
	seq_of "$T/s.ics" "$1"
}

midnight_since_2020() { # midnight_since_2020 DATE: local midnight, as SEQUENCE counts
	echo $(($(TZ="${TZ_TEST:-UTC}" date -d "$1 00:00" +%s) - 1577836800))
}

test_sequence_grows_every_day_an_event_stays_overdue() {
	local s1 s2 s3
	fu_ok add Ana --first-contact 2026-10-20      # step 1 due Wed 10-21: overdue
	TODAY=2026-11-02
	s1=$(seq_file 1)
	TODAY=2026-11-03
	s2=$(seq_file 1)
	TODAY=2026-11-04
	s3=$(seq_file 1)
	[ "$s1" -lt "$s2" ] && [ "$s2" -lt "$s3" ] || fail "overdue SEQUENCE did not grow daily: $s1 $s2 $s3"
	# P is the local midnight of today, in seconds since 2020-01-01Z.
	[ "$s3" = "$(midnight_since_2020 2026-11-04)" ] || fail "SEQUENCE $s3, want the midnight of 11-04"
}

test_sequence_of_an_event_on_time_stays_until_it_changes() {
	local s1 s2 s3
	fu_ok add Bo                                  # due tomorrow: not overdue
	s1=$(seq_file 1)
	sleep 1
	s2=$(seq_file 1)
	[ "$s1" = "$s2" ] || fail "an unchanged event's SEQUENCE moved: $s1 -> $s2"
	fu_ok edit 1 --company "Acme"
	s3=$(seq_file 1)
	[ "$s3" -gt "$s2" ] || fail "an edit did not raise SEQUENCE: $s2 -> $s3"
}

test_a_touch_raises_sequence_above_the_overdue_days() {
	local s1 s2
	fu_ok add Cy --first-contact 2026-10-20
	TODAY=2026-11-05
	s1=$(seq_file 1)
	fu_ok log 1 --channel call --outcome busy
	s2=$(seq_file 1)
	[ "$s2" -gt "$s1" ] || fail "touch: SEQUENCE $s1 -> $s2"
	# The event is no longer overdue; a later day does not lower it.
	TODAY=2026-11-06
	[ "$(seq_file 1)" -ge "$s2" ] || fail "SEQUENCE dropped the day after"
}

test_a_reminders_change_raises_every_events_sequence() {
	local a1 b1 a2 b2
	fu_ok add Ana
	fu_ok add Bo --first-contact 2026-10-20
	a1=$(seq_file 1) b1=$(seq_of "$T/s.ics" 2)
	sleep 1
	printf '[reminders]\ntime = 08:00\n' >"$T/config/followup/config"
	a2=$(seq_file 1) b2=$(seq_of "$T/s.ics" 2)
	[ "$a2" -gt "$a1" ] && [ "$b2" -gt "$b1" ] || fail "[reminders] change: $a1 -> $a2, $b1 -> $b2"
	# Seen once: the next export keeps it.
	[ "$(seq_file 1)" = "$a2" ] || fail "SEQUENCE moved again without a change"
	# So does time off (a calendar change, even where no date moves).
	fu_ok away 2027-06-01 2027-06-02
	[ "$(seq_file 1)" -gt "$a2" ] || fail "time off did not raise SEQUENCE"
}

test_a_touch_in_the_same_second_as_a_config_change_still_raises_it() {
	local s1 s2
	fu_ok add Di
	printf '[reminders]\nbefore = 5\n' >"$T/config/followup/config"
	s1=$(seq_file 1)
	fu_ok edit 1 --title CTO
	s2=$(seq_file 1)
	[ "$s2" -gt "$s1" ] || fail "edit right after a config change: $s1 -> $s2"
}

test_upgrade_lowers_no_sequence_exported_before() {
	# A schema 7 database (the version before change stamps): its export
	# said SEQUENCE = revision.  The upgraded one says more, never less.
	local rev s
	fu_ok add Eve --first-contact 2026-10-20
	fu_ok log 1 --channel call --outcome busy --at 2026-10-21
	fu_ok edit 1 --company X
	rev=$(sqlite3 "$T/fu.db" 'SELECT revision FROM prospect WHERE id = 1')
	sqlite3 "$T/fu.db" 'ALTER TABLE prospect DROP COLUMN changed; PRAGMA user_version = 7;
		DELETE FROM meta WHERE key IN ("calendar_since", "calendar_events")'
	s=$(seq_file 1)
	[ "$(sqlite3 "$T/fu.db" "PRAGMA user_version")" = "$(latest_schema)" ] || fail "not migrated"
	[ "$s" -gt "$rev" ] || fail "SEQUENCE $s after the upgrade, $rev before"
}

test_vdir_files_are_calendar_object_resources() {
	local f
	fu_ok add "Zoë" --company 'Acme; "East", Inc.'
	fu_ok export vdir "$T/v"
	fu_ok export ics "$T/all.ics"
	for f in "$T"/v/*.ics; do
		! grep -qE '^(METHOD|ORGANIZER|X-WR-CALNAME)' "$f" || fail "$f: $(grep -E '^(METHOD|ORGANIZER|X-WR)' "$f")"
		grep -q '^VERSION:2.0' "$f" && grep -q '^PRODID:' "$f" && grep -q '^CALSCALE:GREGORIAN' "$f" ||
			fail "$f lacks VERSION, PRODID or CALSCALE"
	done
	grep -q '^METHOD:PUBLISH' "$T/all.ics" && grep -q '^ORGANIZER' "$T/all.ics" ||
		fail "export ics lost METHOD or ORGANIZER"
}

test_vdir_removes_only_what_its_manifest_lists() {
	local prefix m
	fu_ok add Ana
	fu_ok add Bo
	fu_ok export vdir "$T/v"
	expect_out "2 added, 0 changed, 0 unchanged, 0 removed"
	m=$(ls -A "$T/v" | grep '^\.followup-.*\.manifest$')
	[ -n "$m" ] || fail "no manifest: $(ls -A "$T/v")"
	[ "$(stat -c %a "$T/v/$m")" = 600 ] || fail "manifest mode $(stat -c %a "$T/v/$m")"
	prefix=$(ls "$T/v" | head -1 | sed 's/[0-9]*\.ics$//')
	# A file of our naming that this export did not write (a copy, a
	# restore): not in the manifest, so never removed.
	cp "$T/v/${prefix}1.ics" "$T/v/${prefix}77.ics"
	fu_ok edit 2 --status won
	fu_ok export vdir "$T/v"
	expect_out "0 added, 0 changed, 1 unchanged, 1 removed"
	[ ! -e "$T/v/${prefix}2.ics" ] || fail "won prospect's file kept"
	[ -e "$T/v/${prefix}77.ics" ] || fail "a file the export never wrote was removed"
	grep -qx "${prefix}1.ics" "$T/v/$m" && ! grep -q "${prefix}2.ics" "$T/v/$m" ||
		fail "manifest: $(cat "$T/v/$m")"
}

test_vdir_of_an_older_version_is_adopted_and_rewritten_once() {
	local prefix before after
	fu_ok add Ana
	fu_ok add Bo
	fu_ok export vdir "$T/v"
	prefix=$(ls "$T/v" | head -1 | sed 's/[0-9]*\.ics$//')
	# As an older version left it: no manifest, METHOD in every file, and
	# a file of a prospect no longer due.
	rm "$T"/v/.followup-*.manifest
	for f in "$T"/v/*.ics; do sed -i 's/^CALSCALE:GREGORIAN\r$/&\nMETHOD:PUBLISH\r/' "$f"; done
	cp "$T/v/${prefix}1.ics" "$T/v/${prefix}9.ics"
	fu_ok export vdir "$T/v"
	expect_out "0 added, 2 changed, 0 unchanged, 1 removed"
	[ ! -e "$T/v/${prefix}9.ics" ] || fail "an adopted file of a prospect not due was kept"
	! grep -q '^METHOD' "$T"/v/*.ics || fail "METHOD left in a vdir file"
	before=$(ls -l --time-style=full-iso "$T/v"; ls -lA --time-style=full-iso "$T/v" | grep manifest)
	sleep 1
	fu_ok export vdir "$T/v"
	expect_out "0 added, 0 changed, 2 unchanged, 0 removed"
	after=$(ls -l --time-style=full-iso "$T/v"; ls -lA --time-style=full-iso "$T/v" | grep manifest)
	[ "$before" = "$after" ] || fail "an unchanged run touched files"
}
